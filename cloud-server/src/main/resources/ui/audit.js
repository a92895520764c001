import { h, replace, table, time, title } from './dom.js';
import { api } from './api.js';

/** The newest requests of the audit log (the API allows it to admin callers only; the nav shows it only to them). */
export async function audit(main) {
  const page = await api('GET', '/audit?limit=100');
  replace(main, title('Audit'),
    h('p', { class: 'muted' }, 'The 100 newest requests, newest first.'),
    table('Audit log', ['At', 'User', 'Project', 'Method', 'Path', 'Status', 'ms', 'Request id'],
      page.entries.map((e) => [time(e.at), e.user_name ?? '–', e.project_name ?? '–', e.method, e.path, e.status,
        e.duration_ms, e.request_id])));
}
