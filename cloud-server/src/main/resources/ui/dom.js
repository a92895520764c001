// Building DOM nodes. Every value becomes a Text node or an attribute value: nothing from the API is ever parsed
// as HTML (ConsoleApiTest refuses the HTML-parsing DOM properties in every console file).
const SVG = 'http://www.w3.org/2000/svg';

function build(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** An HTML element: h('td', {class: 'x'}, 'text', otherNode). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element, as h. */
export function svg(tag, attrs, ...children) {
  return build(document.createElementNS(SVG, tag), attrs, children);
}

export function replace(parent, ...children) {
  parent.replaceChildren();
  return build(parent, null, children);
}

/** A table: headers and rows of cells (a cell is a value or a node). */
export function table(caption, headers, rows, empty = 'None.') {
  if (rows.length === 0) return h('p', { class: 'muted' }, empty);
  return h('div', { class: 'scroll' }, h('table', null,
    h('caption', null, caption),
    h('thead', null, h('tr', null, headers.map((title) => h('th', { scope: 'col' }, title)))),
    h('tbody', null, rows.map((cells) => h('tr', null, cells.map((cell) => h('td', null, cell)))))));
}

/** A definition list from [term, value] pairs. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.map(([term, value]) => [h('dt', null, term), h('dd', null, value ?? '–')]));
}

export function time(instant) {
  if (!instant) return '–';
  const date = new Date(instant);
  return h('time', { datetime: instant, title: instant }, date.toLocaleString());
}

export function addresses(list) {
  if (!list || list.length === 0) return '–';
  return h('ul', { class: 'plain' }, list.map((a) => h('li', null, `${a.ip} (${a.network}, ${a.type})`)));
}

export function status(value) {
  const text = value ?? 'UNKNOWN';
  return h('span', { class: `status status-${String(text).toLowerCase().replace(/[^a-z]/g, '')}` }, text);
}

/** A heading that takes focus after a page change, so keyboard and screen-reader users start at the top. */
export function title(text) {
  return h('h1', { tabindex: '-1', id: 'page-title' }, text);
}

export function message(kind, text) {
  return h('p', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}
