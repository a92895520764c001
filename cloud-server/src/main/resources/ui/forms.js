// The API's problems with a form, shown where they belong: each {field, message} of a problem+json answer next to
// the control it concerns (marked aria-invalid), the rest above the form.
import { h, replace, message } from './dom.js';

/** Forgets the problems shown by an earlier submit. */
export function clearProblems(form, problem) {
  form.querySelectorAll('.field-error').forEach((p) => replace(p));
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  replace(problem);
}

/**
 * Shows a failed submit: `slots` maps an API field (`count`, `window.time_zone`; `network_ids[0]` counts as
 * `network_ids`) to the id of its control, whose message goes into the element `<id>-error`.
 */
export function showProblems(form, problem, error, slots) {
  const unplaced = [];
  const marked = new Set();
  for (const e of error.problem?.errors ?? []) {
    const slot = slots[e.field] ?? slots[String(e.field).replace(/\[.*$/, '')];
    const target = slot ? form.querySelector(`#${slot}-error`) : null;
    if (target) {
      target.append(target.textContent ? `; ${e.message}` : e.message);
      form.querySelector(`#${slot}`)?.setAttribute('aria-invalid', 'true');
      marked.add(slot);
    } else {
      unplaced.push(`${e.field}: ${e.message}`);
    }
  }
  const placed = marked.size;
  // The problem's detail repeats every field's message; once they stand at their fields, a summary is enough.
  const summary = placed > 0 && unplaced.length === 0
    ? `${error.problem.title ?? 'The request was refused'}: ${placed === 1 ? 'one field needs' : `${placed} fields need`} a change, marked below.`
    : error.message;
  replace(problem, message('error', summary),
    unplaced.length ? h('ul', { class: 'problems' }, unplaced.map((u) => h('li', null, u))) : null);
}
