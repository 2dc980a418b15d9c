// Shared by the rights explorer, the comparison and the matrix: reading the rights API's answers
// into one shape, whatever optional fields this build fills in.
import { h } from '../dom.js';
import { withState } from '../state.js';
import { GROUP_LABELS, GROUP_ORDER } from '../labels.js';

/** The categories, MIMC groups first (in corpus order), then the cross-cutting ones. */
export function sortedCategories(api) {
  const cats = api.categories().filter((c) => c && typeof c.id === 'string');
  return [...cats.filter((c) => c.group !== 'cross-cutting'), ...cats.filter((c) => c.group === 'cross-cutting')];
}

/** The category with `id`, or `null`. */
export function findCategory(api, id) {
  return api.categories().find((c) => c.id === id) ?? null;
}

/** Label of category `id` (the id itself when unknown). */
export function categoryLabel(api, id) {
  return findCategory(api, id)?.label ?? String(id);
}

/**
 * The category ids a right reaches the asked category through, nearest first and ending with the
 * category that holds it directly: `[]` for the category's own right. Reads `own` and
 * `inheritedVia` (`[asked, parent, ..., grantedTo]`) as rights() gives them.
 */
export function inheritedPath(right) {
  const via = Array.isArray(right?.inheritedVia) ? right.inheritedVia.filter((x) => typeof x === 'string') : [];
  if (right?.own === true) return [];
  if (right?.own === false) {
    const path = via.slice(1);
    return path.length ? path : (typeof right.grantedTo === 'string' ? [right.grantedTo] : []);
  }
  return via.length > 1 ? via.slice(1) : [];
}

/** The category a right comes from when inherited, or `null` for the category's own right. */
export function origin(right) {
  const path = inheritedPath(right);
  return path.length ? (typeof right.grantedTo === 'string' ? right.grantedTo : path[path.length - 1]) : null;
}

/** Where a right comes from, in words: `"inherited from Visitor"`, or `null` when it is the category's own. */
export function inheritedText(api, right) {
  const from = origin(right);
  return from ? `inherited from ${categoryLabel(api, from)}` : null;
}

/** Groups rights by kind in display order: `[[group, rights[]], ...]`. */
export function byGroup(rights) {
  const groups = new Map();
  for (const r of rights) {
    const g = typeof r.group === 'string' ? r.group : 'other';
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(r);
  }
  const order = (g) => (GROUP_ORDER.includes(g) ? GROUP_ORDER.indexOf(g) : GROUP_ORDER.length);
  return [...groups.entries()].sort((a, b) => order(a[0]) - order(b[0]) || a[0].localeCompare(b[0]));
}

/** Label of a kind of right. */
export function groupLabel(g) {
  return GROUP_LABELS[g] ?? (g === 'other' ? 'Other' : g);
}

/** A compare answer's item as `{ id, name, group }` (items may be ids or right objects). */
export function rightItem(item, known) {
  if (typeof item === 'string') return known.get(item) ?? { id: item, name: item, group: 'other' };
  const id = item?.id ?? item?.rightId ?? '';
  return { ...known.get(id), ...item, id, name: item?.name ?? known.get(id)?.name ?? id };
}

/** A picker of categories as a `<select>`. */
export function categorySelect(api, { id, label, value, onchange, focusKey, placeholder }) {
  const cats = sortedCategories(api);
  const groups = [
    ['MIMC groups', cats.filter((c) => c.group !== 'cross-cutting')],
    ['Cross-cutting groups', cats.filter((c) => c.group === 'cross-cutting')],
  ].filter(([, cs]) => cs.length);
  return h('label', { class: 'field', for: id },
    h('span', { class: 'field__label' }, label),
    h('select', { id, class: 'select', 'data-focus-key': focusKey, onchange },
      placeholder ? h('option', { value: '', selected: !value }, placeholder) : null,
      groups.map(([name, cs]) => h('optgroup', { label: name },
        cs.map((c) => h('option', { value: c.id, selected: c.id === value }, c.label))))));
}

/** Shown when this build has no rights API. */
export function unavailable(title) {
  return h('section', { class: 'empty', 'aria-labelledby': 'unavailable-h' },
    h('h1', { id: 'unavailable-h', tabindex: '-1' }, title),
    h('p', {}, 'This build of treatykit does not include the rights lookup yet. Search still works.'));
}

/** The "only rights backed by binding law" switch of the rights and matrix views (kept in the URL). */
export function bindingToggle(ctx) {
  const { state } = ctx;
  return h('label', { class: 'toggle' },
    h('input', {
      type: 'checkbox', checked: state.bindingOnly, 'data-focus-key': 'binding-only',
      onchange: (e) => ctx.go(withState(state, { bindingOnly: e.target.checked })),
    }), ' Only rights backed by binding law');
}
