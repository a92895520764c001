import { h, svg, replace, table, title, time } from './dom.js';
import { api } from './api.js';

const WIDTH = 720;
const HEIGHT = 240;
const PAD = { left: 36, right: 8, top: 12, bottom: 28 };

function hour(instant) {
  return new Date(instant).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** A bar per point; an interval without a sample has no bar (and says so in the table). */
function chart(points) {
  const max = Math.max(1, ...points.map((p) => p.running ?? 0));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const step = plotWidth / Math.max(points.length, 1);
  const y = (value) => PAD.top + plotHeight - (value / max) * plotHeight;
  const ticks = [...new Set([0, Math.round(max / 2), max])];
  return svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': 'usage-chart-title usage-chart-desc',
    class: 'chart', id: 'usage-chart' },
  svg('title', { id: 'usage-chart-title' }, 'Running servers per interval'),
  svg('desc', { id: 'usage-chart-desc' }, `${points.length} intervals, oldest first; highest ${max}. `
      + 'The same numbers are in the table below.'),
  ticks.map((t) => [svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(t), y2: y(t), class: 'grid' }),
    svg('text', { x: PAD.left - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'axis' }, t)]),
  points.map((p, i) => (p.running === null || p.running === undefined ? null
    : svg('rect', { x: PAD.left + i * step + step * 0.15, y: y(p.running), width: step * 0.7,
      height: Math.max(0, PAD.top + plotHeight - y(p.running)), class: 'bar' },
    svg('title', null, `${hour(p.at)}: ${p.running}`)))),
  points.map((p, i) => (i % Math.ceil(points.length / 8) === 0
    ? svg('text', { x: PAD.left + i * step + step / 2, y: HEIGHT - 8, 'text-anchor': 'middle', class: 'axis' }, hour(p.at))
    : null)));
}

export async function usage(main) {
  const stats = await api('GET', '/stats/servers?points=24');
  const points = stats.points ?? [];
  replace(main, title('Usage'),
    h('p', { class: 'muted' }, `Running servers of this project in each of the last ${points.length} intervals (${stats.interval}).`),
    h('figure', { class: 'card' }, chart(points)),
    table('Running servers per interval', ['Interval start', 'Running', 'Source'],
      points.map((p) => [time(p.at), p.running ?? 'no sample', p.source ?? '–'])));
}
