// Peak-hour schedules (issue 18; shown only when the server has /api/v1/schedules): the list with what each
// schedule does next, a form to create one, enable/disable, delete, and a schedule's runs.
import { h, replace, table, facts, time, status, title, message } from './dom.js';
import { api, ApiError } from './api.js';
import { showProblems, clearProblems } from './forms.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
// Quicker while something changes by itself (a window open, a schedule being deleted), slow otherwise.
const BUSY_MS = 3000;
const IDLE_MS = 15000;

function path(schedule, suffix = '') {
  return `/schedules/${encodeURIComponent(schedule.id)}${suffix}`;
}

function windowText(w) {
  if (!w) return '–';
  if (w.from || w.until) return h('span', null, 'once, ', time(w.from), ' → ', time(w.until));
  const days = w.days && w.days.length < DAYS.length ? w.days.join(' ') : 'every day';
  return `${days} ${w.start}–${w.end} (${w.time_zone})`;
}

function stateOf(schedule) {
  if (schedule.deletion_requested_at) return status('Deleting');
  if (!schedule.enabled) return status('Disabled');
  return status(schedule.active ? 'Active' : 'Waiting');
}

function heldServers(servers) {
  if (!servers || servers.length === 0) return '–';
  return h('ul', { class: 'plain' }, servers.map((s) => h('li', null,
    h('a', { href: `#/managed/${encodeURIComponent(s.name)}` }, s.name), ' ', status(s.deleting ? 'Deleting' : s.phase))));
}

/** Enable/Disable and Delete for one schedule; `after` runs when the API took the change, `fail` with its error. */
function actions(schedule, after, fail) {
  if (schedule.deletion_requested_at) return h('span', { class: 'muted' }, 'being deleted');
  const act = (method, body) => api(method, path(schedule), body).then(after, fail);
  const verb = schedule.enabled ? 'Disable' : 'Enable';
  return h('span', { class: 'actions' },
    h('button', { type: 'button', 'aria-label': `${verb} schedule ${schedule.name}`, 'data-toggle': schedule.name,
      onclick: () => act('PATCH', { enabled: !schedule.enabled }) }, verb),
    h('button', { type: 'button', class: 'danger', 'aria-label': `Delete schedule ${schedule.name}`,
      'data-delete': schedule.name, onclick: () => {
        if (window.confirm(`Delete schedule "${schedule.name}"? Its servers are removed first.`)) act('DELETE');
      } }, 'Delete'));
}

function busy(schedules) {
  return schedules.some((s) => s.deletion_requested_at || s.active || (s.servers ?? []).length > 0);
}

/**
 * Keeps a view fresh: `load` draws it and answers whether anything on it changes by itself. Returns the function
 * that reloads now (after an action too); the timer reloads every 3 s while something changes, else every 15 s.
 */
function refreshing(page, load) {
  let changing = false;
  let waited = 0;
  const reload = async () => {
    changing = await load();
    return changing;
  };
  page.every(BUSY_MS, () => {
    waited += BUSY_MS;
    if (!changing && waited < IDLE_MS) return;
    waited = 0;
    reload().catch(() => {});
  });
  return reload;
}

function field(label, id, control, hint) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control,
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
    h('p', { class: 'field-error', id: `${id}-error`, 'aria-live': 'polite' }));
}

/** The zone this browser runs in, and every zone it knows (suggested as the time zone field is typed). */
function zones() {
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return { here, known: known.includes(here) ? known : [here, ...known] };
}

function checkboxes(id, legend, items) {
  return h('fieldset', { id, 'aria-describedby': `${id}-error` }, h('legend', null, legend), items,
    h('p', { class: 'field-error', id: `${id}-error`, 'aria-live': 'polite' }));
}

async function createForm(after) {
  const [flavors, images, networks] = await Promise.all([api('GET', '/flavors'), api('GET', '/images'),
    api('GET', '/networks')]);
  const { here, known } = zones();
  const problem = h('div', { id: 'schedule-problem' });
  const form = h('form', { class: 'card', novalidate: true, id: 'schedule-form' }, h('h2', null, 'New schedule'), problem,
    field('Name', 'schedule-name', h('input', { id: 'schedule-name', name: 'name', required: true, autocomplete: 'off',
      'aria-describedby': 'schedule-name-hint schedule-name-error' }),
    'Lower-case letters, digits and "-"; its servers are named <name>-1, <name>-2, …'),
    h('div', { class: 'row' },
      field('Flavor', 'schedule-flavor', h('select', { id: 'schedule-flavor', name: 'flavor', 'aria-describedby': 'schedule-flavor-error' },
        flavors.flavors.map((f) => h('option', { value: f.name }, `${f.name} (${f.vcpus} vCPU, ${f.ram_mb} MB RAM)`)))),
      field('Image', 'schedule-image', h('select', { id: 'schedule-image', name: 'image', 'aria-describedby': 'schedule-image-error' },
        images.images.map((i) => h('option', { value: i.name || i.id }, i.name || i.id)))),
      field('Servers while open', 'schedule-count', h('input', { id: 'schedule-count', name: 'count', type: 'number',
        min: 1, max: 100, value: 1, required: true, 'aria-describedby': 'schedule-count-error' }))),
    checkboxes('schedule-networks', 'Networks', networks.networks.map((n) => h('label', { class: 'check inline' },
      h('input', { type: 'checkbox', name: 'networks', value: n.name || n.id, checked: networks.networks.length === 1 }),
      ` ${n.name || n.id}${n.external ? ' (external)' : ''}`))),
    h('fieldset', { id: 'schedule-window', 'aria-describedby': 'schedule-window-error' }, h('legend', null, 'Window'),
      h('p', { class: 'field-error', id: 'schedule-window-error', 'aria-live': 'polite' }),
      checkboxes('schedule-days', 'Days', DAYS.map((d) => h('label', { class: 'check inline' },
        h('input', { type: 'checkbox', name: 'days', value: d, checked: true }), ` ${d}`))),
      h('div', { class: 'row' },
        field('Start', 'schedule-start', h('input', { id: 'schedule-start', name: 'start', type: 'time', value: '08:00',
          required: true, 'aria-describedby': 'schedule-start-error' })),
        field('End', 'schedule-end', h('input', { id: 'schedule-end', name: 'end', type: 'time', value: '18:00',
          required: true, 'aria-describedby': 'schedule-end-error' }),
        'Before the start: the window ends the next day.'),
        field('Time zone', 'schedule-zone', h('input', { id: 'schedule-zone', name: 'time_zone', value: here,
          list: 'schedule-zones', autocomplete: 'off', spellcheck: 'false', required: true,
          'aria-describedby': 'schedule-zone-hint schedule-zone-error' }), 'This browser\'s zone; any IANA zone.'),
        h('datalist', { id: 'schedule-zones' }, known.map((z) => h('option', { value: z }))))),
    h('div', { class: 'field' }, h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'preemptible', id: 'schedule-preemptible' }),
      ' Preemptible servers (may be removed to make room for standard servers)')),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'schedule-submit' }, 'Create schedule')));
  const slots = { name: 'schedule-name', flavor: 'schedule-flavor', image: 'schedule-image', networks: 'schedule-networks',
    count: 'schedule-count', window: 'schedule-window', 'window.days': 'schedule-days', 'window.start': 'schedule-start',
    'window.end': 'schedule-end', 'window.time_zone': 'schedule-zone' };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblems(form, problem);
    const data = new FormData(form);
    const count = data.get('count');
    const body = { name: data.get('name'), flavor: data.get('flavor'), image: data.get('image'),
      networks: data.getAll('networks'), count: count === '' ? null : /^\d+$/.test(count) ? Number(count) : count,
      preemptible: data.get('preemptible') === 'on',
      window: { days: data.getAll('days'), start: data.get('start'), end: data.get('end'), time_zone: data.get('time_zone') } };
    const button = form.querySelector('#schedule-submit');
    button.disabled = true;
    try {
      const created = await api('POST', '/schedules', body);
      form.reset();
      replace(problem, message('info', `Schedule ${created.name} created.`));
      await after();
    } catch (error) {
      showProblems(form, problem, error, slots);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

export async function list(main, _argument, page) {
  const body = h('div', { 'aria-live': 'polite' });
  const problem = h('div', { id: 'schedules-problem' });
  const creating = h('div');
  replace(main, title('Schedules'),
    h('p', { class: 'muted' }, 'Extra servers for peak hours: made when a window opens, removed when it closes.'),
    problem, body, creating);
  const fail = (e) => replace(problem, message('error', e.message));
  const after = () => {
    replace(problem);
    return reload();
  };
  const reload = refreshing(page, async () => {
    const answer = await api('GET', '/schedules');
    if (!page.isCurrent()) return false;
    const schedules = answer.schedules ?? [];
    replace(body, table('Schedules of this project', ['Name', 'Window', 'Servers', 'Flavor', 'State', 'Next start',
      'Next end', ''], schedules.map((s) => [
      h('a', { href: `#/schedules/${encodeURIComponent(s.id)}` }, s.name), windowText(s.window),
      `${(s.servers ?? []).length} of ${s.count}`, s.flavor, stateOf(s), time(s.next_start), time(s.next_end),
      actions(s, after, fail)]), 'No schedules in this project yet.'));
    return busy(schedules);
  });
  await reload();
  if (page.isCurrent()) replace(creating, await createForm(after));
}

export async function detail(main, id, page) {
  const body = h('div');
  const problem = h('div', { id: 'schedule-problem' });
  replace(main, h('p', null, h('a', { href: '#/schedules' }, '← Schedules')), problem, body);
  const fail = (e) => replace(problem, message('error', e.message));
  const after = () => {
    replace(problem);
    return reload();
  };
  const reload = refreshing(page, async () => {
    let schedule;
    try {
      schedule = await api('GET', `/schedules/${encodeURIComponent(id)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        replace(body, title('Schedule not found'), message('info', 'It does not exist (any more) in this project.'));
        return false;
      }
      throw error;
    }
    const runs = await api('GET', `${path(schedule, '/runs')}?limit=50`);
    if (!page.isCurrent()) return false;
    replace(body, h('div', { class: 'heading' }, title(schedule.name), actions(schedule, after, fail)),
      facts([
        ['State', stateOf(schedule)], ['Window', windowText(schedule.window)], ['Servers while open', schedule.count],
        ['Next start', time(schedule.next_start)], ['Next end', time(schedule.next_end)],
        ['Servers now', heldServers(schedule.servers)], ['Flavor', schedule.flavor], ['Image', schedule.image],
        ['Networks', (schedule.networks ?? []).join(', ')], ['Preemptible', schedule.preemptible ? 'yes' : 'no'],
        ['Created', time(schedule.created_at)]]),
      h('h2', null, 'Runs'),
      table('Windows served, newest first', ['Window', 'Started', 'Wanted', 'Made', 'Ended', 'Removed', 'Problems'],
        (runs.runs ?? []).map((r) => [h('span', null, time(r.window_start), ' → ', time(r.window_end)),
          time(r.started_at), r.servers_wanted, r.servers_made, r.ended_at ? time(r.ended_at) : 'open',
          r.servers_removed, (r.problems ?? []).length
            ? h('ul', { class: 'plain' }, r.problems.map((p) => h('li', null, p))) : '–']),
        'No window served yet.'));
    return busy([schedule]);
  });
  await reload();
}
