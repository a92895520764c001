// The console's shell: navigation, the hash router (#/servers, #/servers/<id>, ...) and the signed-in header.
import { h, replace, message } from './dom.js';
import { api, session, onExpired, hasRoute } from './api.js';
import { signIn } from './signin.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
let timers = [];
let notice = null;
let generation = 0;
let firstShown = false;

// The first page is usable: the benchmark and the browser tests read this mark (performance.getEntriesByName).
function interactive() {
  if (!firstShown) {
    firstShown = true;
    performance.mark('stackpilot-interactive');
  }
}

const PAGES = [
  { path: 'servers', label: 'Servers', load: () => import('./servers.js').then((m) => m.list) },
  { path: 'servers/', load: () => import('./servers.js').then((m) => m.detail) },
  { path: 'launch', label: 'Launch', load: () => import('./servers.js').then((m) => m.launch) },
  { path: 'usage', label: 'Usage', load: () => import('./usage.js').then((m) => m.usage) },
  { path: 'managed', label: 'Managed servers', route: '/api/v1/managed-servers',
    load: () => import('./managed.js').then((m) => m.list) },
  { path: 'managed/', route: '/api/v1/managed-servers', load: () => import('./managed.js').then((m) => m.detail) },
  { path: 'operations', label: 'Operations', route: '/api/v1/operations',
    load: () => import('./managed.js').then((m) => m.operations) },
  { path: 'schedules', label: 'Schedules', route: '/api/v1/schedules',
    load: () => import('./schedules.js').then((m) => m.list) },
  { path: 'schedules/', route: '/api/v1/schedules', load: () => import('./schedules.js').then((m) => m.detail) },
  { path: 'audit', label: 'Audit', route: '/api/v1/audit', admin: true,
    load: () => import('./audit.js').then((m) => m.audit) },
];

async function available(page) {
  if (page.admin && !session.isAdmin()) return false;
  return !page.route || hasRoute(page.route);
}

function match(hash) {
  const path = hash.replace(/^#\/?/, '');
  for (const page of PAGES) {
    if (page.path.endsWith('/') ? path.startsWith(page.path) && path.length > page.path.length : path === page.path) {
      return { page, argument: decodeURIComponent(path.slice(page.path.length)) };
    }
  }
  return null;
}

async function renderNav(current) {
  const links = [];
  for (const page of PAGES) {
    if (page.label && (await available(page))) {
      const here = current && (current.path === page.path || current.path === `${page.path}/`);
      links.push(h('a', { href: `#/${page.path}`, 'aria-current': here ? 'page' : null }, page.label));
    }
  }
  replace(nav, links);
  const user = session.get();
  replace(who, h('span', { class: 'muted' }, `${user.user?.name ?? ''} · ${user.project?.name ?? ''}`),
    h('button', { type: 'button', class: 'link', id: 'sign-out', onclick: signOut }, 'Sign out'));
}

async function signOut() {
  try {
    await api('DELETE', '/auth/tokens');
  } catch {
    // Forgetting the token here is what matters; the server may already refuse it.
  }
  session.clear();
  notice = 'You are signed out.';
  show();
}

function every(milliseconds, callback) {
  timers.push(setInterval(callback, milliseconds));
}

function stopTimers() {
  timers.forEach(clearInterval);
  timers = [];
}

async function show() {
  stopTimers();
  const mine = ++generation;
  if (!session.get()) {
    replace(nav);
    replace(who);
    const text = notice;
    notice = null;
    signIn(main, text, () => {
      if (location.hash === '' || location.hash === '#/signin') location.hash = '#/servers';
      else show();
    });
    interactive();
    return;
  }
  const found = match(location.hash) ?? match('#/servers');
  if (!(await available(found.page))) {
    location.hash = '#/servers';
    return;
  }
  await renderNav(found.page.label ? found.page : PAGES.find((p) => `${p.path}/` === found.page.path));
  const render = await found.page.load();
  if (mine !== generation) return;
  replace(main);
  try {
    await render(main, found.argument, { every, isCurrent: () => mine === generation });
  } catch (error) {
    if (session.get()) replace(main, message('error', error.message));
  }
  if (mine === generation) {
    document.getElementById('page-title')?.focus();
    interactive();
  }
}

onExpired((text) => {
  notice = text;
  show();
});
window.addEventListener('hashchange', show);
show();
