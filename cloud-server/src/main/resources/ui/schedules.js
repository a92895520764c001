// Peak-hour schedules (shown only when the server has /api/v1/schedules).
import { h, replace, table, facts, time, title, message } from './dom.js';
import { api, ApiError } from './api.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function windowText(w) {
  if (!w) return '–';
  if (w.from || w.until) return `once, ${w.from} → ${w.until}`;
  return `${(w.days ?? DAYS).join(' ')} ${w.start}–${w.end} (${w.time_zone})`;
}

function serversText(servers) {
  if (!servers || servers.length === 0) return '–';
  return h('ul', { class: 'plain' }, servers.map((s) => h('li', null,
    typeof s === 'string' ? s : `${s.name ?? s.id ?? ''}${s.phase ? ` (${s.phase})` : ''}`)));
}

function field(label, id, control) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control,
    h('p', { class: 'field-error', id: `${id}-error`, 'aria-live': 'polite' }));
}

function zones() {
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [here];
  return { here, all: all.includes(here) ? all : [here, ...all] };
}

async function createForm(after) {
  const [flavors, images, networks] = await Promise.all([api('GET', '/flavors'), api('GET', '/images'),
    api('GET', '/networks')]);
  const { here, all } = zones();
  const problem = h('div');
  const form = h('form', { class: 'card', novalidate: true }, h('h2', null, 'New schedule'), problem,
    field('Name', 'schedule-name', h('input', { id: 'schedule-name', name: 'name', required: true, autocomplete: 'off' })),
    field('Flavor', 'schedule-flavor', h('select', { id: 'schedule-flavor', name: 'flavor' },
      flavors.flavors.map((f) => h('option', { value: f.name }, f.name)))),
    field('Image', 'schedule-image', h('select', { id: 'schedule-image', name: 'image' },
      images.images.map((i) => h('option', { value: i.name || i.id }, i.name || i.id)))),
    field('Network', 'schedule-networks', h('select', { id: 'schedule-networks', name: 'networks', multiple: true },
      networks.networks.map((n, i) => h('option', { value: n.name || n.id, selected: i === 0 }, n.name || n.id)))),
    field('Servers', 'schedule-count', h('input', { id: 'schedule-count', name: 'count', type: 'number', min: 1, max: 100, value: 1 })),
    h('fieldset', { id: 'schedule-days' }, h('legend', null, 'Days'),
      DAYS.map((d) => h('label', { class: 'check inline' }, h('input', { type: 'checkbox', name: 'days', value: d, checked: true }), ` ${d}`)),
      h('p', { class: 'field-error', id: 'schedule-days-error' })),
    h('div', { class: 'row' },
      field('Start', 'schedule-start', h('input', { id: 'schedule-start', name: 'start', type: 'time', value: '08:00', required: true })),
      field('End', 'schedule-end', h('input', { id: 'schedule-end', name: 'end', type: 'time', value: '18:00', required: true }))),
    field('Time zone', 'schedule-zone', h('select', { id: 'schedule-zone', name: 'time_zone' },
      all.map((z) => h('option', { value: z, selected: z === here }, z)))),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'preemptible' }), ' Preemptible'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create schedule')));
  const slots = { name: 'schedule-name', flavor: 'schedule-flavor', image: 'schedule-image', networks: 'schedule-networks',
    count: 'schedule-count', 'window.days': 'schedule-days', 'window.start': 'schedule-start', 'window.end': 'schedule-end',
    'window.time_zone': 'schedule-zone', window: 'schedule-start' };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelectorAll('.field-error').forEach((p) => replace(p));
    replace(problem);
    const data = new FormData(form);
    const body = { name: data.get('name'), flavor: data.get('flavor'), image: data.get('image'),
      networks: data.getAll('networks'), count: Number(data.get('count')), preemptible: data.get('preemptible') === 'on',
      window: { days: data.getAll('days'), start: data.get('start'), end: data.get('end'), time_zone: data.get('time_zone') } };
    try {
      await api('POST', '/schedules', body);
      form.reset();
      after();
    } catch (error) {
      for (const e of error.problem?.errors ?? []) {
        const slot = slots[e.field] ?? slots[e.field.replace(/\[.*$/, '')];
        if (slot) replace(form.querySelector(`#${slot}-error`), e.message);
      }
      replace(problem, message('error', error.message));
    }
  });
  return form;
}

export async function list(main, _argument, page) {
  const body = h('div', { 'aria-live': 'polite' });
  const problem = h('div');
  replace(main, title('Schedules'), h('p', { class: 'muted' }, 'Extra servers for peak hours: made when a window opens, removed when it ends.'),
    problem, body);
  const load = async () => {
    const answer = await api('GET', '/schedules');
    if (!page.isCurrent()) return;
    const act = (action) => action.then(load).catch((e) => replace(problem, message('error', e.message)));
    replace(body, table('Schedules', ['Name', 'Window', 'Servers', 'Flavor', 'Enabled', 'Active', 'Next start', ''],
      (answer.schedules ?? []).map((s) => [
        h('a', { href: `#/schedules/${encodeURIComponent(s.id)}` }, s.name), windowText(s.window), s.count, s.flavor,
        s.enabled ? 'yes' : 'no', s.active ? 'yes' : 'no', time(s.next_start),
        h('span', { class: 'actions' },
          h('button', { type: 'button', onclick: () => act(api('PATCH', `/schedules/${encodeURIComponent(s.id)}`, { enabled: !s.enabled })) },
            s.enabled ? `Disable` : `Enable`),
          h('button', { type: 'button', class: 'danger', 'aria-label': `Delete schedule ${s.name}`, onclick: () => {
            if (window.confirm(`Delete schedule "${s.name}"? Its servers are removed.`)) act(api('DELETE', `/schedules/${encodeURIComponent(s.id)}`));
          } }, 'Delete'))]), 'No schedules in this project.'));
  };
  await load();
  if (page.isCurrent()) main.append(await createForm(load));
  page.every(10000, () => load().catch(() => {}));
}

export async function detail(main, id) {
  let schedule;
  try {
    schedule = await api('GET', `/schedules/${encodeURIComponent(id)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      replace(main, title('Schedule not found'));
      return;
    }
    throw error;
  }
  const runs = await api('GET', `/schedules/${encodeURIComponent(id)}/runs`);
  replace(main, h('p', null, h('a', { href: '#/schedules' }, '← Schedules')), title(schedule.name), facts([
    ['Window', windowText(schedule.window)], ['Servers wanted', schedule.count], ['Flavor', schedule.flavor],
    ['Image', schedule.image], ['Networks', (schedule.networks ?? []).join(', ')],
    ['Preemptible', schedule.preemptible ? 'yes' : 'no'], ['Enabled', schedule.enabled ? 'yes' : 'no'],
    ['Active now', schedule.active ? 'yes' : 'no'], ['Next start', time(schedule.next_start)],
    ['Next end', time(schedule.next_end)], ['Servers now', serversText(schedule.servers)]]),
  h('h2', null, 'Runs'),
  table('Windows served', ['Started', 'Wanted', 'Made', 'Ended', 'Removed', 'Problems'],
    (runs.runs ?? []).map((r) => [time(r.started_at), r.servers_wanted, r.servers_made, time(r.ended_at),
      r.servers_removed ?? '–', (r.problems ?? []).map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join('; ') || '–'])));
}
