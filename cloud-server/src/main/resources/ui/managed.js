import { h, replace, table, facts, time, addresses, status, title, message } from './dom.js';
import { api, all, ApiError } from './api.js';
import { showProblems, clearProblems } from './forms.js';

const REFRESH_MS = 5000;

function conditions(list) {
  if (!list || list.length === 0) return '–';
  return h('ul', { class: 'plain' }, list.map((c) => h('li', null,
    `${c.type}: ${c.status ? 'true' : 'false'}${c.reason ? ` (${c.reason})` : ''}`)));
}

function where(s) {
  return s.region ? [s.cloud, s.region].filter(Boolean).join(' / ') : '–';
}

/** Operations as rows; `names` (managed server id → name) adds the target column the operations page shows. */
function operationRows(operations, names) {
  return operations.map((o) => [o.kind, ...(names ? [target(o.target, names)] : []), status(o.state), o.attempts,
    o.reason ?? '–', o.error ?? '–', time(o.created_at), time(o.finished_at)]);
}

function target(id, names) {
  const name = names.get(id);
  return name ? h('a', { href: `#/managed/${encodeURIComponent(name)}` }, name) : h('span', { class: 'muted', title: id }, 'removed');
}

const OPERATION_HEADERS = ['Kind', 'State', 'Attempts', 'Reason', 'Error', 'Created', 'Finished'];

function importForm(servers, after) {
  const problem = h('div');
  const form = h('form', { class: 'card', novalidate: true }, h('h2', null, 'Import an existing server'), problem,
    h('div', { class: 'field' }, h('label', { for: 'import-server' }, 'Server'),
      h('select', { id: 'import-server', name: 'server_id', 'aria-describedby': 'import-server-error' },
        servers.map((s) => h('option', { value: s.id }, `${s.name} (${s.id})`))),
      h('p', { class: 'field-error', id: 'import-server-error', 'aria-live': 'polite' })),
    h('div', { class: 'field' }, h('label', { for: 'import-name' }, 'Name (default: the server\'s)'),
      h('input', { id: 'import-name', name: 'name', autocomplete: 'off', 'aria-describedby': 'import-name-error' }),
      h('p', { class: 'field-error', id: 'import-name-error', 'aria-live': 'polite' })),
    h('div', { class: 'field' }, h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'managed', id: 'import-managed' }),
      ' Managed (recreate it when it goes; otherwise only observed)')),
    h('button', { type: 'submit', id: 'import-submit' }, 'Import'));
  const slots = { server_id: 'import-server', name: 'import-name' };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblems(form, problem);
    const data = new FormData(form);
    const body = { server_id: data.get('server_id'), managed: data.get('managed') === 'on' };
    if (data.get('name')) body.name = data.get('name');
    const button = form.querySelector('#import-submit');
    button.disabled = true;
    try {
      const answer = await api('POST', '/managed-servers/imports', body);
      form.reset();
      replace(problem, message('info', `Imported: ${(answer.managed_servers ?? []).map((m) => m.name).join(', ')}.`));
      await after();
    } catch (error) {
      showProblems(form, problem, error, slots);
    } finally {
      button.disabled = false;
    }
  });
  return servers.length === 0 ? h('p', { class: 'muted' }, 'No servers to import.') : form;
}

export async function list(main, _argument, page) {
  const body = h('div', { 'aria-live': 'polite' });
  const importing = h('div');
  replace(main, title('Managed servers'),
    h('p', { class: 'muted' }, 'Servers Stackpilot keeps as declared (see docs/desired-state.md). Refreshes every 5 s.'),
    body, importing);
  const load = async () => {
    const managed = await all('/managed-servers', 'managed_servers');
    if (!page.isCurrent()) return;
    replace(body, table('Managed servers', ['Name', 'Phase', 'Server status', 'Addresses', 'Flavor', 'Image',
      'Location', 'Managed', 'Conditions'], managed.map((m) => [
      h('a', { href: `#/managed/${encodeURIComponent(m.name)}` }, m.name), status(m.status?.phase),
      m.status?.server_status ?? '–', addresses(m.status?.addresses), m.spec?.flavor ?? '–', m.spec?.image ?? '–',
      where(m.status ?? {}), m.managed ? 'yes' : 'observed', conditions(m.status?.conditions)]),
    'No managed servers in this project.'));
  };
  await load();
  const servers = await all('/servers?limit=200', 'servers');
  if (page.isCurrent()) replace(importing, importForm(servers, load));
  page.every(REFRESH_MS, () => load().catch(() => {}));
}

export async function detail(main, name, page) {
  const body = h('div');
  replace(main, h('p', null, h('a', { href: '#/managed' }, '← Managed servers')), body);
  const load = async () => {
    let managed;
    try {
      managed = await api('GET', `/managed-servers/${encodeURIComponent(name)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        replace(body, title('Managed server not found'), message('info', 'It does not exist (any more) in this project.'));
        return;
      }
      throw error;
    }
    const [events, operations] = await Promise.all([
      api('GET', `/managed-servers/${encodeURIComponent(name)}/events`),
      api('GET', `/operations?target=${encodeURIComponent(name)}`)]);
    if (!page.isCurrent()) return;
    const s = managed.status ?? {};
    replace(body, title(managed.name), facts([
      ['Phase', status(s.phase)], ['Managed', managed.managed ? 'yes' : 'observed only'],
      ['Generation', `${managed.generation} (observed ${s.observed_generation})`], ['Server', s.server_id],
      ['Server status', s.server_status], ['Addresses', addresses(s.addresses)],
      ['Location', where(s)], ['Flavor', managed.spec?.flavor],
      ['Image', managed.spec?.image], ['Networks', (managed.spec?.networks ?? []).join(', ')],
      ['Update policy', managed.spec?.update_policy], ['Last reconciled', time(s.last_reconciled_at)]]),
    h('h2', null, 'Conditions'),
    table('Conditions', ['Type', 'Status', 'Reason', 'Message', 'Since'], (s.conditions ?? []).map((c) => [
      c.type, c.status ? 'true' : 'false', c.reason ?? '–', c.message ?? '–', time(c.at)])),
    h('h2', null, 'Events'),
    table('Events, newest first', ['At', 'Reason', 'Message', 'Actor'], (events.events ?? []).map((e) => [
      time(e.at), e.reason, e.message ?? '–', e.actor ?? '–'])),
    h('h2', null, 'Operations'),
    table('Operations', OPERATION_HEADERS, operationRows(operations.operations ?? [])));
  };
  await load();
  page.every(REFRESH_MS, () => load().catch(() => {}));
}

export async function operations(main, _argument, page) {
  const body = h('div', { 'aria-live': 'polite' });
  replace(main, title('Operations'), h('p', { class: 'muted' }, 'What the engine did and does for this project, newest first.'), body);
  const load = async () => {
    const [answer, managed] = await Promise.all([api('GET', '/operations'), all('/managed-servers', 'managed_servers')]);
    const names = new Map(managed.map((m) => [m.id, m.name]));
    if (page.isCurrent()) {
      replace(body, table('Operations', ['Kind', 'Managed server', ...OPERATION_HEADERS.slice(1)],
        operationRows(answer.operations ?? [], names), 'No operations in this project yet.'));
    }
  };
  await load();
  page.every(REFRESH_MS, () => load().catch(() => {}));
}
