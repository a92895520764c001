import { h, replace, table, facts, time, addresses, status, title, message } from './dom.js';
import { api, all, session, hasRoute, ApiError } from './api.js';
import { showProblems, clearProblems } from './forms.js';

// Nova statuses that do not change by themselves: anything else (BUILD, REBOOT, RESIZE, ...) is watched.
const SETTLED = new Set(['ACTIVE', 'SHUTOFF', 'ERROR', 'PAUSED', 'SUSPENDED', 'SHELVED', 'SHELVED_OFFLOADED',
  'STOPPED', 'SOFT_DELETED', 'DELETED', 'RESCUE', 'VERIFY_RESIZE']);
const REFRESH_MS = 3000;
const deleting = new Set();

/**
 * Where servers run, as far as the API says: the server resource has no location, but a server the engine manages
 * or observes (managed servers, imports) carries its cloud and region. Keyed by server id; empty without that API.
 */
async function knownLocations() {
  const located = new Map();
  if (!(await hasRoute('/api/v1/managed-servers'))) return located;
  for (const m of await all('/managed-servers?limit=200', 'managed_servers')) {
    const s = m.status ?? {};
    if (s.server_id && s.region) located.set(s.server_id, { text: [s.cloud, s.region].filter(Boolean).join(' / '), managed: m });
  }
  return located;
}

/** The project's newest evictions (preemptible servers deleted to make room), newest first; none without that API. */
async function preemptions(limit) {
  if (!(await hasRoute('/api/v1/preemptions'))) return [];
  return (await api('GET', `/preemptions?limit=${limit}`)).preemptions ?? [];
}

/** The preemption that removed this server, if the API recorded one for the caller's project. */
async function preemptionOf(id) {
  return (await preemptions(500)).find((p) => p.server_id === id) ?? null;
}

function preemptedTable(evictions) {
  if (evictions.length === 0) return null;
  return [h('h2', null, 'Recently preempted'), table('Preemptible servers deleted to make room, newest first',
    ['Name', 'Flavor', 'Preempted', 'Reason'], evictions.map((e) => [
      h('a', { href: `#/servers/${encodeURIComponent(e.server_id)}` }, e.name), e.flavor, time(e.preempted_at),
      e.reason]))];
}

function preemptionNote(eviction) {
  const own = eviction.by_project_id === session.get()?.project?.id;
  const by = own ? h('a', { href: `#/servers/${encodeURIComponent(eviction.preempted_by)}` }, eviction.preempted_by)
    : `${eviction.preempted_by} of project ${eviction.by_project_id}`;
  const why = eviction.reason === 'capacity' ? 'no host had room for a standard server'
    : eviction.reason === 'quota' ? 'the project\'s quota had no room for a standard server' : eviction.reason;
  return h('div', { class: 'message info', id: 'preempted', role: 'status' },
    h('p', null, h('strong', null, 'Preempted'), ' ', time(eviction.preempted_at), ` (${eviction.reason}): ${why}.`),
    h('p', null, 'It was deleted to make room for server ', by, '.'));
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
  const preempted = h('div', { id: 'preempted-servers' });
  const state = h('p', { class: 'muted', id: 'refresh-state' });
  replace(main, h('div', { class: 'heading' }, title('Servers'), h('a', { class: 'button', href: '#/launch' }, 'Launch a server')),
    state, body, preempted);
  let busy = false;
  const load = async () => {
    const [servers, located, evictions] = await Promise.all([all('/servers?limit=200', 'servers'), knownLocations(),
      preemptions(5)]);
    if (!page.isCurrent()) return;
    for (const id of [...deleting]) if (!servers.some((s) => s.id === id)) deleting.delete(id);
    busy = servers.some((s) => !SETTLED.has(s.status) || deleting.has(s.id));
    replace(state, busy ? 'Some servers are changing; this list refreshes every 3 s.' : `${servers.length} ${servers.length === 1 ? 'server' : 'servers'}.`);
    // The column is there when the API told where at least one of them runs; "–" says it did not for the others.
    const withLocation = servers.some((s) => located.has(s.id));
    replace(body, table('Servers of this project', ['Name', 'Status', 'Addresses', 'Flavor', 'Image', 'Preemptible',
      withLocation ? 'Location' : null, 'Created', ''].filter((c) => c !== null), servers.map((s) => [
      h('a', { href: `#/servers/${encodeURIComponent(s.id)}` }, s.name),
      deleting.has(s.id) ? status('DELETING') : status(s.status), addresses(s.addresses), ref(s.flavor),
      ref(s.image), s.preemptible ? 'yes' : 'no', ...(withLocation ? [located.get(s.id)?.text ?? '–'] : []),
      time(s.created_at), deleting.has(s.id) ? '' : deleteButton(s, load, state)]), 'This project has no servers.'));
    replace(preempted, preemptedTable(evictions));
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
        const eviction = await preemptionOf(id);
        if (!page.isCurrent()) return false;
        replace(body, title(eviction ? `${eviction.name} (preempted)` : 'Server not found'),
          eviction ? preemptionNote(eviction) : message('info', 'It does not exist (any more) in this project.'));
        return false;
      }
      throw error;
    }
    // A preemptible server may be on its way out: say why while Nova still shows it.
    const [located, eviction] = await Promise.all([knownLocations(),
      server.preemptible ? preemptionOf(id) : Promise.resolve(null)]);
    if (!page.isCurrent()) return false;
    const where = located.get(server.id);
    const problem = h('div');
    replace(body, title(server.name), problem, eviction ? preemptionNote(eviction) : null, facts([
      ['Status', status(server.status)], ['ID', server.id], ['Addresses', addresses(server.addresses)],
      ['Flavor', ref(server.flavor)], ['Image', ref(server.image)], ['Preemptible', server.preemptible ? 'yes' : 'no'],
      ['Project', server.project_id], where ? ['Location', where.text] : null,
      where ? ['Managed server', h('a', { href: `#/managed/${encodeURIComponent(where.managed.name)}` }, where.managed.name)] : null,
      ['Created', time(server.created_at)]].filter(Boolean)),
    deleteButton(server, () => { location.hash = '#/servers'; }, problem));
    return !SETTLED.has(server.status) || eviction !== null;
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
    clearProblems(form, problem);
    const data = new FormData(form);
    const body = { name: data.get('name'), flavor_id: data.get('flavor_id'), image_id: data.get('image_id'),
      network_ids: data.getAll('network_ids'), preemptible: data.get('preemptible') === 'on' };
    const button = form.querySelector('#launch-submit');
    button.disabled = true;
    try {
      const server = await api('POST', '/servers', body);
      location.hash = `#/servers/${encodeURIComponent(server.id)}`;
    } catch (error) {
      showProblems(form, problem, error, slots);
      button.disabled = false;
    }
  });
  replace(main, form);
}
