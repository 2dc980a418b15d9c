// The rights matrix: an SVG of categories (columns) × rights (rows, grouped by kind) that shows at
// a glance who holds what, and whether they hold it in their own layer or by inheritance (and
// whether that inheritance rests on a link that is our assumption).
import { h, s, count } from '../dom.js';
import { withState } from '../state.js';
import { sortedCategories, origin, byGroup, groupLabel, unavailable, categoryLabel, bindingToggle } from './rights-common.js';
import { matrixTable } from './matrix-table.js';

const LABEL_W = 300;
const LABEL_W_NARROW = 150;
const MAX_LABEL_NARROW = 22;
const COL_W = 34;
const ROW_H = 22;
const GROUP_H = 30;
const GROUP_H_NARROW = 44; // two lines: the group's name, then how many rights it has
const MAX_GROUP_NARROW = 24;
const HEAD_H = 150;
const RIGHT_PAD = 110; // room for the last rotated column heads
const MAX_LABEL = 44;

function clip(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Renders the matrix. */
export function renderMatrix(ctx) {
  const { api, state } = ctx;
  ctx.setTitle('Rights matrix');
  if (!api.has.rights || !api.has.categories) return unavailable('Rights matrix');
  const cats = sortedCategories(api);
  // right id → { right, held: Map(catId → { from: 'own' | originId, assumed }) }
  const rows = new Map();
  for (const c of cats) {
    const answer = api.rights(c.id, { bindingOnly: state.bindingOnly });
    for (const r of answer.rights ?? []) {
      if (!rows.has(r.id)) rows.set(r.id, { right: r, held: new Map() });
      const from = origin(r) ?? 'own';
      rows.get(r.id).held.set(c.id, { from, assumed: from !== 'own' && r.inheritanceEstablished === false });
    }
  }
  const groups = byGroup([...rows.values()].map((x) => ({ ...x.right, _held: x.held })))
    .map(([g, list]) => [g, list.sort((x, y) => y._held.size - x._held.size || String(x.name).localeCompare(String(y.name)))]);
  ctx.announce(`Rights matrix: ${cats.length} categories, ${rows.size} rights`);

  const narrow = matchMedia('(max-width: 40rem)').matches;
  const labelW = narrow ? LABEL_W_NARROW : LABEL_W;
  const maxLabel = narrow ? MAX_LABEL_NARROW : MAX_LABEL;
  const groupH = narrow ? GROUP_H_NARROW : GROUP_H;
  const gridW = cats.length * COL_W;
  const width = gridW + RIGHT_PAD;
  const height = HEAD_H + groups.reduce((acc, [, list]) => acc + groupH + list.length * ROW_H, 0) + 8;
  // Two SVGs side by side: the row labels stay in view (sticky) while the grid scrolls sideways.
  const labels = s('svg', { class: 'matrix-labels', viewBox: `0 0 ${labelW} ${height}`, width: labelW, height });
  const svg = s('svg', {
    class: 'matrix', viewBox: `0 0 ${width} ${height}`, width, height,
    'aria-labelledby': 'matrix-title matrix-desc', 'data-rows': rows.size, 'data-cols': cats.length,
  });
  svg.append(s('desc', { id: 'matrix-desc' },
    `${cats.length} categories across, ${rows.size} rights down. A filled circle: the category holds the right in its own layer; a ring: it inherits it; a dashed ring: it inherits it through a link that is our assumption, not sourced; a dot: it does not hold it.`));
  labels.append(s('text', { x: 4, y: HEAD_H - 14, class: 'matrix__axis' }, 'Rights ↓   Categories →'));

  // Column heads: category names, rotated, each a link to its rights.
  cats.forEach((c, i) => {
    const x = i * COL_W + COL_W / 2;
    svg.append(s('rect', { class: ['matrix__col', i % 2 ? 'is-odd' : null], x: x - COL_W / 2, y: HEAD_H - 6, width: COL_W, height: height - HEAD_H }));
    svg.append(s('a', { href: ctx.href({ ...state, view: 'rights', cat: c.id, record: null }), 'data-nav': '', class: 'matrix__head' },
      s('text', { x, y: HEAD_H - 12, transform: `rotate(-55 ${x} ${HEAD_H - 12})`, class: 'matrix__head-text' }, clip(c.label, 26),
        s('title', {}, c.label))));
  });

  let y = HEAD_H;
  let n = 0;
  for (const [g, list] of groups) {
    // On a narrow screen the label column is too narrow for "Work and economic life (13)" in
    // one line: the name and the count take a line each.
    labels.append(narrow
      ? s('text', { x: 4, y: y + groupH - 23, class: 'matrix__group matrix__group--narrow' },
        s('tspan', { x: 4 }, clip(groupLabel(g), MAX_GROUP_NARROW)),
        s('tspan', { x: 4, dy: 14, class: 'matrix__group-count' }, count(list.length, 'right')),
        s('title', {}, `${groupLabel(g)} (${list.length})`))
      : s('text', { x: 4, y: y + groupH - 9, class: 'matrix__group' }, `${groupLabel(g)} (${list.length})`));
    labels.append(s('line', { x1: 0, x2: labelW, y1: y + groupH - 3, y2: y + groupH - 3, class: 'matrix__rule' }));
    svg.append(s('line', { x1: 0, x2: gridW, y1: y + groupH - 3, y2: y + groupH - 3, class: 'matrix__rule' }));
    y += groupH;
    for (const r of list) {
      const name = String(r.name ?? r.id);
      const label = s('g', { class: 'matrix__row', 'data-row': n });
      label.append(s('rect', { class: 'matrix__band', x: 0, y, width: labelW, height: ROW_H }));
      label.append(s('a', { href: ctx.href(withState(state, { record: r.id })), 'data-nav': '' },
        s('text', { x: 4, y: y + ROW_H - 7, class: 'matrix__label' }, clip(name, maxLabel), s('title', {}, name))));
      labels.append(label);
      const row = s('g', { class: 'matrix__row', 'data-row': n });
      row.append(s('rect', { class: 'matrix__band', x: 0, y, width: gridW, height: ROW_H }));
      cats.forEach((c, i) => {
        const cx = i * COL_W + COL_W / 2;
        const cy = y + ROW_H / 2;
        const held = r._held.get(c.id);
        const tip = held === undefined ? `${c.label} does not hold: ${name}`
          : held.from === 'own' ? `${c.label} holds in its own layer: ${name}`
            : held.assumed
              ? `${c.label} holds, inherited from ${categoryLabel(api, held.from)} through a link that is our assumption, not sourced (link assumed): ${name}`
              : `${c.label} holds, inherited from ${categoryLabel(api, held.from)}: ${name}`;
        const mark = held === undefined ? s('circle', { cx, cy, r: 1.6, class: 'cell cell--none' })
          : held.from === 'own' ? s('circle', { cx, cy, r: 6.5, class: 'cell cell--own' })
            : s('circle', { cx, cy, r: 5.5, class: ['cell', 'cell--inherited', held.assumed && 'cell--assumed'] });
        mark.append(s('title', {}, tip));
        row.append(mark);
      });
      svg.append(row);
      y += ROW_H;
      n += 1;
    }
  }
  // Hovering a row lights it up in both halves.
  const inner = h('div', { class: 'matrix-inner' }, labels, svg);
  let hot = null;
  inner.addEventListener('pointerover', (e) => {
    const row = e.target.closest?.('[data-row]')?.getAttribute('data-row') ?? null;
    if (row === hot) return;
    for (const el of inner.querySelectorAll('.matrix__row.is-hot')) el.classList.remove('is-hot');
    hot = row;
    if (row !== null) for (const el of inner.querySelectorAll(`.matrix__row[data-row="${row}"]`)) el.classList.add('is-hot');
  });

  const legend = h('ul', { class: 'legend', 'aria-label': 'Legend' },
    h('li', {}, legendMark('own'), 'held in the category’s own layer'),
    h('li', {}, legendMark('inherited'), 'inherited from a layer below'),
    h('li', {}, legendMark('assumed'), 'inherited through a link we assume (not sourced)'),
    h('li', {}, legendMark('none'), 'not held'));

  return h('section', { class: 'matrix-view', 'aria-labelledby': 'matrix-title' },
    h('h1', { id: 'matrix-title', class: 'view-title', tabindex: '-1' }, 'Who holds what'),
    h('p', { class: 'lead' }, `Every category of mobile person against every right in the catalogue: ${count(rows.size, 'right')}${state.bindingOnly ? ' backed by binding law' : ''}. `,
      'Select a column to explore a category, or a row to open a right.'),
    h('div', { class: 'toolbar' },
      bindingToggle(ctx),
      legend),
    // The picture has a link per category and per right (~120 Tab stops): keyboard users may
    // go straight to the same facts as a table.
    h('button', {
      type: 'button', class: 'link-button matrix-skip',
      onclick: (e) => {
        const details = e.currentTarget.closest('.matrix-view')?.querySelector('.matrix-table');
        if (!details) return;
        details.open = true;
        details.querySelector('summary')?.focus();
      },
    }, 'Skip the picture: the matrix as a table'),
    h('div', { class: 'matrix-wrap', tabindex: '0', role: 'region', 'aria-label': 'Rights matrix (scrolls)' }, inner),
    matrixTable(ctx)); // the same facts as a table, for screen readers and keyboards
}

function legendMark(kind) {
  const mark = kind === 'none' ? s('circle', { cx: 8, cy: 8, r: 1.6, class: 'cell cell--none' })
    : kind === 'assumed' ? s('circle', { cx: 8, cy: 8, r: 5.5, class: 'cell cell--inherited cell--assumed' })
      : s('circle', { cx: 8, cy: 8, r: kind === 'own' ? 6.5 : 5.5, class: `cell cell--${kind}` });
  return s('svg', { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': 'true', class: 'legend__mark' }, mark);
}
