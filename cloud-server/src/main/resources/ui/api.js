// The one way the console talks to the server: /api/v1 with the token of this tab.
//
// The token is kept in sessionStorage: it lives as long as the tab, is not shared with other tabs, and is sent
// only as the X-Auth-Token header the API already takes, so no cookie is involved and cross-site request forgery
// has nothing to ride on. The risk sessionStorage carries is script injection; the console answers it with a
// Content-Security-Policy that allows no inline or foreign script and by rendering every API value as text.
const KEY = 'stackpilot.session';
const listeners = [];

export const session = {
  get() {
    try {
      const stored = JSON.parse(sessionStorage.getItem(KEY));
      return stored && stored.token ? stored : null;
    } catch {
      return null;
    }
  },
  set(value) {
    sessionStorage.setItem(KEY, JSON.stringify(value));
  },
  clear() {
    sessionStorage.removeItem(KEY);
  },
  isAdmin() {
    return (this.get()?.roles ?? []).includes('admin');
  },
};

/** Called with a message when the token stops working (expired, revoked): the app shows sign-in. */
export function onExpired(listener) {
  listeners.push(listener);
}

function expired(text) {
  session.clear();
  for (const listener of listeners) listener(text);
}

/** A failed API call: the problem document (title, detail, errors[{field, message}]) and the status. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }

  /** The message for one field of the request, if the API named it. */
  field(name) {
    return (this.problem.errors ?? []).filter((e) => e.field === name).map((e) => e.message).join('; ');
  }
}

export async function api(method, path, body) {
  const current = session.get();
  if (current && current.expires_at && Date.parse(current.expires_at) <= Date.now()) {
    expired('Your session has expired. Please sign in again.');
    throw new ApiError(401, { title: 'Session expired' });
  }
  if (!current && path !== '/auth/tokens') {
    // Signed out or expired while other requests of the page were on their way: nothing to send them with.
    throw new ApiError(401, { title: 'Not signed in' });
  }
  const headers = { Accept: 'application/json' };
  if (current) headers['X-Auth-Token'] = current.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, { title: 'The Stackpilot server cannot be reached' });
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (response.status === 401 && current) {
    expired('Your session has expired or was revoked. Please sign in again.');
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

/** Every item of a paged list (servers, managed servers), following next_marker. */
export async function all(path, field) {
  const items = [];
  let marker = null;
  for (let page = 0; page < 50; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const answer = await api('GET', marker ? `${path}${separator}marker=${encodeURIComponent(marker)}` : path);
    items.push(...(answer[field] ?? []));
    marker = answer.next_marker;
    if (!marker) break;
  }
  return items;
}

let routes = null;

/** The documented routes of this server (from its OpenAPI document): pages appear only for routes that exist. */
export async function hasRoute(path) {
  if (!routes) {
    const response = await fetch('/api/v1/openapi.json');
    const document = response.ok ? await response.json() : { paths: {} };
    routes = new Set(Object.keys(document.paths ?? {}));
  }
  return routes.has(path);
}
