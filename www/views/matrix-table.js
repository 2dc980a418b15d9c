// The rights matrix as a table: the same facts as the SVG (who holds which right, in its own layer
// or inherited from which layer, and whether that inheritance link is only assumed), in a form a
// screen reader can walk cell by cell with its row and column headers and a keyboard can reach.
// Collapsed under the picture by default; its state stays while the matrix re-renders.
import { h, count } from '../dom.js';
import { withState } from '../state.js';
import { sortedCategories, origin, byGroup, groupLabel, categoryLabel } from './rights-common.js';

let open = false;

/** The matrix of `ctx.state` as a `<details>` holding a table, or `null` without a rights API. */
export function matrixTable(ctx) {
  const { api, state } = ctx;
  if (!api.has.rights || !api.has.categories) return null;
  const cats = sortedCategories(api);
  const rows = new Map(); // right id → { right, held: Map(catId → the right as rights(cat) gives it) }
  for (const c of cats) {
    for (const r of api.rights(c.id, { bindingOnly: state.bindingOnly }).rights ?? []) {
      if (!rows.has(r.id)) rows.set(r.id, { ...r, held: new Map() });
      rows.get(r.id).held.set(c.id, r);
    }
  }
  // The order of the picture: by kind, then the most widely held first.
  const groups = byGroup([...rows.values()])
    .map(([g, list]) => [g, list.sort((x, y) => y.held.size - x.held.size || String(x.name).localeCompare(String(y.name)))]);

  const cell = (c, r) => {
    const held = r.held.get(c.id);
    if (!held) {
      return h('td', { class: 'mt__cell mt__cell--none' },
        h('span', { 'aria-hidden': 'true' }, '—'), h('span', { class: 'visually-hidden' }, 'not held'));
    }
    const from = origin(held);
    if (!from) return h('td', { class: 'mt__cell mt__cell--own' }, 'own layer');
    const assumed = held.inheritanceEstablished === false;
    return h('td', { class: ['mt__cell', 'mt__cell--inherited', assumed && 'mt__cell--assumed'] },
      `from ${categoryLabel(api, from)}`,
      assumed ? h('span', { class: 'mt__flag', title: 'The inheritance link is our assumption, not sourced' }, ' (link assumed)') : null);
  };

  const details = h('details', { class: 'matrix-table', open: open || undefined },
    h('summary', { class: 'matrix-table__toggle', 'data-focus-key': 'matrix-table' }, 'The matrix as a table'),
    h('p', { class: 'muted small' },
      `${count(rows.size, 'right')} down, ${count(cats.length, 'category', 'categories')} across. Each cell says whether the category holds the right `,
      'in its own layer, inherits it (and from which layer), or does not hold it.'),
    h('div', { class: 'table-wrap mt__wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'mt-caption' },
      h('table', { class: 'mt' },
        h('caption', { id: 'mt-caption', class: 'visually-hidden' },
          `Who holds what: ${count(rows.size, 'right')}${state.bindingOnly ? ' backed by binding law' : ''} against ${count(cats.length, 'category', 'categories')}`),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', class: 'mt__corner' }, 'Right'),
          cats.map((c) => h('th', { scope: 'col', class: 'mt__col' },
            h('a', { href: ctx.href({ ...state, view: 'rights', cat: c.id, record: null }), 'data-nav': '' }, c.label))))),
        groups.map(([g, list]) => h('tbody', {},
          h('tr', { class: 'mt__group' }, h('th', { scope: 'rowgroup', colspan: String(cats.length + 1) }, `${groupLabel(g)} (${list.length})`)),
          list.map((r) => h('tr', {},
            h('th', { scope: 'row', class: 'mt__right' },
              h('a', { href: ctx.href(withState(state, { record: r.id })), 'data-nav': '' }, String(r.name ?? r.id))),
            cats.map((c) => cell(c, r)))))))));
  details.addEventListener('toggle', () => { open = details.open; });
  return details;
}
