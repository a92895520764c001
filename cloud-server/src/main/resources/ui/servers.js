import { h, replace, table, facts, time, addresses, status, title, message } from './dom.js';
import { api, all, ApiError } from './api.js';

// Nova statuses that do not change by themselves: anything else (BUILD, REBOOT, RESIZE, ...) is watched.
const SETTLED = new Set(['ACTIVE', 'SHUTOFF', 'ERROR', 'PAUSED', 'SUSPENDED', 'SHELVED', 'SHELVED_OFFLOADED',
  'STOPPED', 'SOFT_DELETED', 'DELETED', 'RESCUE', 'VERIFY_RESIZE']);
const REFRESH_MS = 3000;
const deleting = new Set();

function locationText(location) {
  if (!location) return '–';
  return typeof location === 'string' ? location : [location.cloud, location.region].filter(Boolean).join(' / ');
}

function ref(value) {
  return value ? value.name || value.id : '–';
}

async function remove(server, after) {
  if (!window.confirm(`Delete server "${server.name}"? This cannot be undone.`)) return;
  await api('DELETE', `/servers/${encodeURIComponent(server.id)}`);
  deleting.add(server.id);
  after();
}

function deleteButton(server, after, place) {
  return h('button', { type: 'button', class: 'danger', 'data-server': server.name,
    'aria-label': `Delete ${server.name}`,
    onclick: () => remove(server, after).catch((e) => replace(place, message('error', e.message))) }, 'Delete');
}

export async function list(main, _argument, page) {
  const body = h('div', { 'aria-live': 'polite' });
  const state = h('p', { class: 'muted', id: 'refresh-state' });
  replace(main, h('div', { class: 'heading' }, title('Servers'), h('a', { class: 'button', href: '#/launch' }, 'Launch a server')),
    state, body);
  let busy = false;
  const load = async () => {
    const servers = await all('/servers?limit=200', 'servers');
    if (!page.isCurrent()) return;
    for (const id of [...deleting]) if (!servers.some((s) => s.id === id)) deleting.delete(id);
    busy = servers.some((s) => !SETTLED.has(s.status) || deleting.has(s.id));
    replace(state, busy ? 'Some servers are changing; this list refreshes every 3 s.' : `${servers.length} ${servers.length === 1 ? 'server' : 'servers'}.`);
    // Servers carry a location only where the API shows one (several clouds or regions): the column follows it.
    const located = servers.some((s) => s.location);
    replace(body, table('Servers of this project', ['Name', 'Status', 'Addresses', 'Flavor', 'Image', 'Preemptible',
      located ? 'Location' : null, 'Created', ''].filter((c) => c !== null), servers.map((s) => [
      h('a', { href: `#/servers/${encodeURIComponent(s.id)}` }, s.name),
      deleting.has(s.id) ? status('DELETING') : status(s.status), addresses(s.addresses), ref(s.flavor),
      ref(s.image), s.preemptible ? 'yes' : 'no', ...(located ? [locationText(s.location)] : []), time(s.created_at),
      deleting.has(s.id) ? '' : deleteButton(s, load, state)]), 'This project has no servers.'));
  };
  // Whatever load runs last (the timer, or a delete) decides whether the timer keeps loading.
  await load();
  page.every(REFRESH_MS, () => {
    if (busy) load().catch(() => {});
  });
}

export async function detail(main, id, page) {
  const body = h('div');
  replace(main, h('p', null, h('a', { href: '#/servers' }, '← Servers')), body);
  const load = async () => {
    let server;
    try {
      server = await api('GET', `/servers/${encodeURIComponent(id)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        replace(body, title('Server not found'), message('info', 'It does not exist (any more) in this project.'));
        return false;
      }
      throw error;
    }
    if (!page.isCurrent()) return false;
    const problem = h('div');
    replace(body, title(server.name), problem, facts([
      ['Status', status(server.status)], ['ID', server.id], ['Addresses', addresses(server.addresses)],
      ['Flavor', ref(server.flavor)], ['Image', ref(server.image)], ['Preemptible', server.preemptible ? 'yes' : 'no'],
      ['Project', server.project_id], server.location ? ['Location', locationText(server.location)] : null,
      ['Created', time(server.created_at)]].filter(Boolean)),
    deleteButton(server, () => { location.hash = '#/servers'; }, problem));
    return !SETTLED.has(server.status);
  };
  let busy = await load();
  page.every(REFRESH_MS, async () => {
    if (busy) busy = await load().catch(() => busy);
  });
}

function field(label, id, control, hint) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control,
    hint ? h('p', { class: 'hint' }, hint) : null,
    h('p', { class: 'field-error', id: `${id}-error`, 'aria-live': 'polite' }));
}

function options(items, describe) {
  return items.map((item) => h('option', { value: item.id }, describe(item)));
}

export async function launch(main) {
  const [flavors, images, networks] = await Promise.all([api('GET', '/flavors'), api('GET', '/images'),
    api('GET', '/networks')]);
  const flavor = h('select', { id: 'launch-flavor', name: 'flavor_id', required: true, 'aria-describedby': 'launch-flavor-error' },
    options(flavors.flavors, (f) => `${f.name} (${f.vcpus} vCPU, ${f.ram_mb} MB RAM, ${f.disk_gb} GB disk)`));
  const image = h('select', { id: 'launch-image', name: 'image_id', required: true, 'aria-describedby': 'launch-image-error' },
    options(images.images, (i) => i.name || i.id));
  const nets = h('fieldset', { id: 'launch-networks', 'aria-describedby': 'launch-networks-error' },
    h('legend', null, 'Networks'),
    networks.networks.map((n, index) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'network_ids', value: n.id, checked: index === 0 && networks.networks.length === 1 }),
      ` ${n.name || n.id}${n.external ? ' (external)' : ''}`)),
    h('p', { class: 'field-error', id: 'launch-networks-error', 'aria-live': 'polite' }));
  const problem = h('div', { id: 'launch-problem' });
  const form = h('form', { class: 'card', novalidate: true }, title('Launch a server'), problem,
    field('Name', 'launch-name', h('input', { id: 'launch-name', name: 'name', required: true, autocomplete: 'off',
      'aria-describedby': 'launch-name-error' })),
    field('Flavor', 'launch-flavor', flavor),
    field('Image', 'launch-image', image),
    nets,
    h('div', { class: 'field' }, h('label', { class: 'check' },
      h('input', { type: 'checkbox', id: 'launch-preemptible', name: 'preemptible' }),
      ' Preemptible (may be removed to make room for standard servers)'),
    h('p', { class: 'field-error', id: 'launch-preemptible-error' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'launch-submit' }, 'Launch'),
      h('a', { href: '#/servers' }, 'Cancel')));
  const slots = { name: 'launch-name', flavor_id: 'launch-flavor', image_id: 'launch-image',
    network_ids: 'launch-networks', preemptible: 'launch-preemptible' };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelectorAll('.field-error').forEach((p) => replace(p));
    form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
    replace(problem);
    const data = new FormData(form);
    const body = { name: data.get('name'), flavor_id: data.get('flavor_id'), image_id: data.get('image_id'),
      network_ids: data.getAll('network_ids'), preemptible: data.get('preemptible') === 'on' };
    const button = form.querySelector('#launch-submit');
    button.disabled = true;
    try {
      const server = await api('POST', '/servers', body);
      location.hash = `#/servers/${encodeURIComponent(server.id)}`;
    } catch (error) {
      const unplaced = [];
      for (const e of error.problem?.errors ?? []) {
        const slot = slots[e.field.replace(/\[.*$/, '')];
        if (slot) {
          replace(form.querySelector(`#${slot}-error`), e.message);
          form.querySelector(`#${slot}`).setAttribute('aria-invalid', 'true');
        } else {
          unplaced.push(`${e.field}: ${e.message}`);
        }
      }
      replace(problem, message('error', error.message), unplaced.length ? h('ul', null, unplaced.map((u) => h('li', null, u))) : null);
      button.disabled = false;
    }
  });
  replace(main, form);
}
