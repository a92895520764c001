import { h, replace, message } from './dom.js';
import { api, session, ApiError } from './api.js';

function field(label, name, attrs = {}) {
  const id = `signin-${name}`;
  return h('div', { class: 'field' }, h('label', { for: id }, label),
    h('input', { id, name, autocomplete: attrs.autocomplete ?? 'off', ...attrs }),
    h('p', { class: 'field-error', id: `${id}-error`, 'aria-live': 'polite' }));
}

/** The sign-in form; `done` is called once the token is kept. */
export function signIn(main, notice, done) {
  const form = h('form', { class: 'card narrow', novalidate: true },
    h('h1', { tabindex: '-1', id: 'page-title' }, 'Sign in'),
    notice ? message('info', notice) : null,
    h('div', { id: 'signin-problem' }),
    field('Username', 'username', { required: true, autocomplete: 'username' }),
    field('Password', 'password', { type: 'password', required: true, autocomplete: 'current-password' }),
    field('Project', 'project', { required: true }),
    h('details', null, h('summary', null, 'Domains (default: Default)'),
      field('User domain', 'user_domain', { placeholder: 'Default' }),
      field('Project domain', 'project_domain', { placeholder: 'Default' })),
    h('button', { type: 'submit', id: 'signin-submit' }, 'Sign in'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    for (const key of Object.keys(data)) if (data[key] === '') delete data[key];
    form.querySelectorAll('.field-error').forEach((p) => replace(p));
    const problem = form.querySelector('#signin-problem');
    replace(problem);
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const answer = await api('POST', '/auth/tokens', data);
      session.set({ token: answer.token, expires_at: answer.expires_at, user: answer.user,
        project: answer.project, roles: answer.roles ?? [] });
      done();
    } catch (error) {
      if (error instanceof ApiError) {
        for (const e of error.problem.errors ?? []) {
          const slot = form.querySelector(`#signin-${e.field}-error`);
          if (slot) replace(slot, e.message);
        }
      }
      replace(problem, message('error', error.message));
      button.disabled = false;
    }
  });
  replace(main, form);
  form.querySelector('#page-title').focus();
}
