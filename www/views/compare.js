// Compare two categories side by side: rights only the first holds, rights both hold, rights only
// the second holds.
import { h, count } from '../dom.js';
import { withState } from '../state.js';
import { flagBadge } from '../labels.js';
import { findCategory, categorySelect, rightItem, byGroup, groupLabel, unavailable, inheritedText } from './rights-common.js';

/** Renders the comparison of `state.a` and `state.b`. */
export function renderCompare(ctx) {
  const { api, state } = ctx;
  if (!api.has.compare || !api.has.categories) {
    ctx.setTitle('Compare');
    return unavailable('Compare two groups');
  }
  const a = state.a ? findCategory(api, state.a) : null;
  const b = state.b ? findCategory(api, state.b) : null;
  ctx.setTitle(a && b ? `${a.label} and ${b.label} compared` : 'Compare two groups');
  // An id in the URL that names no category (a typo, an old link): say so, as the rights view does.
  const unknown = ['a', 'b'].filter((w) => state[w] && !(w === 'a' ? a : b)).map((w) => state[w]);
  if (unknown.length) ctx.announce(`Unknown category: ${unknown.join(', ')}`);
  const pick = (which, label) => categorySelect(api, {
    id: `compare-${which}`, label, value: state[which], focusKey: `compare-${which}`, placeholder: 'Choose a group…',
    // Arrowing through the options changes the pair at once, in place: one history entry for
    // the comparison, not one per option looked at.
    onchange: (e) => ctx.go(withState(state, { [which]: e.target.value || null }), { replace: true }),
  });
  const swap = h('button', {
    type: 'button', class: 'button button--quiet compare__swap', 'data-focus-key': 'compare-swap',
    'aria-label': 'Swap the two groups', disabled: !(state.a || state.b),
    onclick: () => ctx.go(withState(state, { a: state.b, b: state.a })),
  }, h('span', { 'aria-hidden': 'true' }, '⇄'), h('span', { class: 'compare__swap-text' }, ' Swap'));
  return h('section', { class: 'compare', 'aria-labelledby': 'compare-title' },
    h('h1', { id: 'compare-title', class: 'view-title', tabindex: '-1' }, 'Compare two groups'),
    h('p', { class: 'lead' }, 'What does one group of mobile people hold that the other does not? Rights inherited from a shared layer show up under “both”.'),
    h('div', { class: 'compare__pick' }, pick('a', 'First group'), swap, pick('b', 'Second group')),
    unknown.length ? h('p', { class: 'notice notice--error' }, `Unknown categor${unknown.length > 1 ? 'ies' : 'y'}: no category has the id `,
      unknown.flatMap((id, i) => [i ? ' or ' : null, h('code', {}, id)]), '. Pick one from the list.') : null,
    a && b ? comparison(ctx, a, b) : h('p', { class: 'muted' }, 'Choose two groups to compare.'));
}

function comparison(ctx, a, b) {
  const { api } = ctx;
  const answer = api.compare(a.id, b.id);
  if (answer.error) return h('p', { class: 'notice notice--error' }, answer.error.message);
  // What each side's rights() says of each right it holds (its layer, whether the link is assumed).
  const heldBy = new Map([a, b].map((c) => [c, new Map((api.rights(c.id).rights ?? []).map((r) => [r.id, r]))]));
  const known = new Map([...heldBy.get(b), ...heldBy.get(a)]);
  const cols = [
    ['only-a', `Only ${a.label}`, answer.onlyA, [a]],
    ['both', 'Both', answer.both, [a, b]],
    ['only-b', `Only ${b.label}`, answer.onlyB, [b]],
  ].map(([key, title, items, sides]) => [key, title, (items ?? []).map((x) => rightItem(x, known)), sides]);
  ctx.announce(`${a.label} and ${b.label}: ${cols.map(([, t, items]) => `${t} ${items.length}`).join(', ')}`);
  return h('div', { class: 'compare__cols' }, cols.map(([key, title, items, sides]) => h('section', {
    class: ['compare__col', `compare__col--${key}`], 'aria-labelledby': `col-${key}`,
  },
  h('h2', { id: `col-${key}`, class: 'compare__col-title' }, title, h('span', { class: 'compare__n' }, count(items.length, 'right'))),
  items.length ? byGroup(items).map(([group, list]) => [
    h('h3', { class: 'compare__group' }, groupLabel(group)),
    h('ul', { class: 'compare__list' }, list.map((r) => h('li', {},
      h('a', { href: ctx.href(withState(ctx.state, { record: r.id })), 'data-nav': '' }, r.name),
      sides.length === 1 ? layerNote(api, sides[0], r, heldBy.get(sides[0]).get(r.id), sides[0] === a ? r.establishedA : r.establishedB)
        : [[a, r.establishedA], [b, r.establishedB]].map(([c, flag]) => assumedFor(api, c, r, heldBy.get(c).get(r.id), flag))))),
  ]) : h('p', { class: 'muted' }, 'None.'))));
}

/**
 * True when category `cat` holds the right only through an assumed inheritance link: the
 * comparison's own flag (`establishedA` / `establishedB`) when the build gives it, else what
 * rights(cat) says.
 */
function isAssumed(flag, held) {
  return typeof flag === 'boolean' ? !flag : held?.inheritanceEstablished === false;
}

/** Where a right of a one-side column comes from: its layer, flagged when the link is assumed. */
function layerNote(api, cat, r, held, flag) {
  const via = inheritedText(api, held ?? r);
  if (isAssumed(flag, held)) {
    return [' ', flagBadge(`${via ?? 'inherited'} (link assumed)`, `That ${cat.label} holds this right is our assumption, not sourced: the inheritance link it rests on is assumed`)];
  }
  return via ? h('span', { class: 'muted small' }, ` (${via})`) : null;
}

/** In the "Both" column: a flag for a side whose hold rests on an assumed link, or nothing. */
function assumedFor(api, cat, r, held, flag) {
  if (!isAssumed(flag, held)) return null;
  const via = inheritedText(api, held ?? r);
  return [' ', flagBadge(`link assumed for ${cat.label}`, `${cat.label} holds this right ${via ?? 'by inheritance'}, through a link that is our assumption, not sourced`)];
}
