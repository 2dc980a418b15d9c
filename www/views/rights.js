// The rights explorer: pick a category of mobile person and see its cumulative rights, grouped by
// kind, each marked with the layer it is inherited from and anchored in binding law.
import { h, badge, count } from '../dom.js';
import { withState } from '../state.js';
import { flagBadge, articleRef, bindingRegions, regionalOnlyBadge } from '../labels.js';
import { sortedCategories, findCategory, categoryLabel, inheritedPath, inheritedText, origin, byGroup, groupLabel, unavailable, bindingToggle } from './rights-common.js';

/** Renders the rights explorer for `state.cat`. */
export function renderRights(ctx) {
  const { api, state } = ctx;
  if (!api.has.rights || !api.has.categories) {
    ctx.setTitle('Rights explorer');
    return unavailable('Rights explorer');
  }
  const cat = state.cat ? findCategory(api, state.cat) : null;
  ctx.setTitle(cat ? `Rights of ${cat.label}` : 'Rights explorer');
  return h('div', { class: 'rights-layout' },
    categoryNav(ctx, cat),
    h('section', { class: 'rights-main', 'aria-labelledby': 'rights-title' },
      cat ? categoryRights(ctx, cat) : (state.cat ? unknownCategory(ctx) : intro(ctx))));
}

function categoryNav(ctx, current) {
  const cats = sortedCategories(ctx.api);
  const block = (title, list) => (list.length ? [
    h('p', { class: 'catnav__group', id: `catnav-${title.split(' ')[0].toLowerCase()}` }, title),
    h('ul', { class: 'catnav__list', 'aria-labelledby': `catnav-${title.split(' ')[0].toLowerCase()}` }, list.map((c) => h('li', {},
      h('a', {
        class: 'catnav__link', href: ctx.href({ ...ctx.state, view: 'rights', cat: c.id, record: null }), 'data-nav': '',
        'aria-current': current?.id === c.id ? 'page' : undefined, 'data-focus-key': `cat:${c.id}`,
      }, c.label)))),
  ] : null);
  const nav = h('nav', { class: 'catnav', 'aria-label': 'Categories of mobile person' },
    block('MIMC groups', cats.filter((c) => c.group !== 'cross-cutting')),
    block('Cross-cutting groups', cats.filter((c) => c.group === 'cross-cutting')));
  // Keep the chosen category in sight inside its (possibly scrolling) list.
  requestAnimationFrame(() => nav.querySelector('[aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'center' }));
  return nav;
}

function intro(ctx) {
  const cats = sortedCategories(ctx.api);
  ctx.announce('Rights explorer: pick a category');
  return [
    h('h1', { id: 'rights-title', class: 'view-title', tabindex: '-1' }, 'Rights explorer'),
    h('p', { class: 'lead' }, 'The Model International Mobility Convention is cumulative: every mobile person holds the rights of a visitor, ',
      'and each further group adds its own layer. Pick a group to see every right it holds, which layer each right comes from, and where existing law backs it.'),
    h('ul', { class: 'cat-cards' }, cats.map((c) => h('li', {},
      h('a', { class: 'cat-card', href: ctx.href({ ...ctx.state, view: 'rights', cat: c.id, record: null }), 'data-nav': '' },
        h('span', { class: 'cat-card__label' }, c.label),
        h('span', { class: 'cat-card__group' }, c.group === 'cross-cutting' ? 'Cross-cutting' : `MIMC${c.mimcChapter ? ` · Chapter ${c.mimcChapter}` : ''}`,
          // As on the category's own page: a chapter no source confirms is flagged.
          c.group !== 'cross-cutting' && c.mimcChapter && c.mimcChapterCertain === false
            ? [' ', flagBadge('Placement assumed', 'No source confirms which MIMC chapter covers this group')] : null),
        c.definition ? h('span', { class: 'cat-card__def' }, c.definition) : null)))),
  ];
}

function unknownCategory(ctx) {
  return [
    h('h1', { id: 'rights-title', class: 'view-title', tabindex: '-1' }, 'Unknown category'),
    h('p', { class: 'notice notice--error' }, 'No category has the id ', h('code', {}, ctx.state.cat), '. Pick one from the list.'),
  ];
}

function categoryRights(ctx, cat) {
  const { api, state } = ctx;
  const answer = api.rights(cat.id, { bindingOnly: state.bindingOnly });
  const rights = answer.rights ?? [];
  const own = rights.filter((r) => !inheritedPath(r).length).length;
  const layers = new Map();
  for (const r of rights) {
    const from = origin(r);
    if (from) layers.set(from, (layers.get(from) ?? 0) + 1);
  }
  const summary = answer.error ? answer.error.message
    : `${count(rights.length, 'right')}${state.bindingOnly ? ' backed by binding law' : ''}: ${own} of its own`
      + [...layers].map(([c, n]) => `, ${n} inherited from ${categoryLabel(api, c)}`).join('');
  ctx.announce(`${cat.label}: ${summary}`);

  const chapterFlag = cat.mimcChapter && cat.mimcChapterCertain === false
    ? flagBadge('Placement assumed', 'No source confirms which MIMC chapter covers this group') : null;
  const below = ancestors(api, cat);
  return [
    h('header', { class: 'cat-head' },
      h('div', { class: 'record__badges' },
        badge(cat.group === 'cross-cutting' ? 'Cross-cutting group' : 'MIMC group', 'kind'),
        cat.mimcChapter ? badge(`MIMC Chapter ${cat.mimcChapter}`, 'plain') : null, chapterFlag),
      h('h1', { id: 'rights-title', class: 'view-title', tabindex: '-1' }, cat.label),
      cat.definition ? h('p', { class: 'lead' }, cat.definition) : null,
      cat.definitionSource ? h('p', { class: 'muted small' }, h('strong', {}, 'Legal basis: '), cat.definitionSource) : null,
      below.length ? h('div', { class: 'ladder' },
        h('span', { class: 'ladder__label', id: 'ladder-label' }, 'Builds on the rights of'),
        h('ol', { class: 'ladder__list', 'aria-labelledby': 'ladder-label' }, below.map((c) => h('li', { class: 'ladder__step' },
          h('a', { href: ctx.href(withState(state, { cat: c.id })), 'data-nav': '' }, c.label),
          assumedLink(cat, c.id) ? flagBadge('assumed', `That ${cat.label} holds the rights of ${c.label} is our assumption, not sourced`) : null))),
        cat.inheritsEstablished === false
          ? flagBadge(someAssumed(cat) ? 'some links assumed' : 'links assumed', cat.inheritsNote ?? 'Which layers this group builds on is our assumption, not sourced') : null)
        : h('p', { class: 'ladder muted' }, 'Holds no other group’s rights by inheritance: its rights are all its own.'),
    ),
    h('div', { class: 'toolbar' },
      bindingToggle(ctx),
      api.has.compare ? h('a', { class: 'button button--quiet', href: ctx.href({ ...state, view: 'compare', a: cat.id, b: null, record: null }), 'data-nav': '' }, 'Compare with another group') : null,
      api.has.record ? h('a', { class: 'button button--quiet', href: ctx.href(withState(state, { record: cat.id })), 'data-nav': '' }, 'Category record') : null,
    ),
    h('p', { class: 'rights-summary', id: 'rights-summary' }, summary),
    rights.length ? h('p', { class: 'anchor-legend small muted' },
      h('span', { class: 'anchor anchor--binding anchor--sample' }, 'binding instrument'), ' ',
      h('span', { class: 'anchor anchor--soft anchor--sample' }, 'non-binding'), ' ',
      h('span', { class: 'anchor anchor--unverified anchor--sample' }, 'dashed: article not checked against the text')) : null,
    answer.error ? null : byGroup(rights).map(([group, list]) => h('section', { class: 'right-group', 'aria-labelledby': `g-${group}` },
      h('h2', { id: `g-${group}`, class: 'right-group__title' }, groupLabel(group), h('span', { class: 'right-group__n' }, String(list.length))),
      h('ul', { class: 'right-list' }, list.map((r) => rightItem(ctx, r))))),
    !answer.error && !rights.length ? h('p', { class: 'empty' }, state.bindingOnly ? 'No right of this group is backed by binding law in the corpus.' : 'The corpus lists no right for this group.') : null,
  ];
}

/** Every category `cat` builds on (transitively), the floor first. */
/**
 * Is the direct link from `cat` to `parentId` an assumption? The API resolves `inheritsAssumed`
 * to the exact links; a build without that field only flags the whole list.
 */
function assumedLink(cat, parentId) {
  return Array.isArray(cat.inheritsAssumed) ? cat.inheritsAssumed.includes(parentId) : cat.inheritsEstablished === false;
}

/** True when only some of the direct links of `cat` are assumptions. */
function someAssumed(cat) {
  const links = Array.isArray(cat.inherits) ? cat.inherits : [];
  return links.some((p) => !assumedLink(cat, p)) && links.some((p) => assumedLink(cat, p));
}

function ancestors(api, cat) {
  const depth = new Map();
  const walk = (c, d) => {
    for (const id of Array.isArray(c.inherits) ? c.inherits : []) {
      const parent = findCategory(api, id);
      if (!parent || parent.id === cat.id || (depth.get(id) ?? -1) >= d) continue;
      depth.set(id, d);
      if (d < 20) walk(parent, d + 1);
    }
  };
  walk(cat, 1);
  return [...depth.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => findCategory(api, id));
}

function rightItem(ctx, r) {
  const { state, api } = ctx;
  const via = inheritedText(api, r);
  const path = inheritedPath(r);
  const chain = path.length > 1 ? `Reaches ${categoryLabel(api, state.cat)} through ${path.map((c) => categoryLabel(api, c)).join(' → ')}` : undefined;
  return h('li', { class: ['right', via && 'right--inherited'] },
    h('div', { class: 'right__head' },
      h('a', { class: 'right__name', href: ctx.href(withState(state, { record: r.id })), 'data-nav': '' }, r.name ?? r.id),
      !via ? badge('own layer', 'own')
        : r.inheritanceEstablished === false
          ? flagBadge(`${via} (link assumed)`, `${chain ?? via}: the inheritance link is our assumption, not sourced`)
          : badge(via, 'layer', { title: chain }),
      r.holderRole && r.holderRole !== 'right' ? badge(r.holderRoleLabel ?? r.holderRole, 'plain') : null),
    r.description ? h('p', { class: 'right__desc' }, r.description) : null,
    r.note ? h('p', { class: 'right__note' }, h('strong', {}, 'Note: '), r.note) : null,
    r.bindingScope === 'regional' ? h('p', { class: 'right__note' }, regionalOnlyBadge(bindingRegions(r.anchors))) : null,
    anchorList(ctx, r.anchors));
}

const ANCHORS_SHOWN = 4;

function anchorList(ctx, anchors) {
  if (!Array.isArray(anchors) || !anchors.length) return h('p', { class: 'right__anchors muted small' }, 'No anchor in existing law recorded.');
  // Binding and checked anchors first; the order of the data otherwise.
  const sorted = anchors.map((a, i) => [a, i])
    .sort(([a, i], [b, j]) => Number(b.binding) - Number(a.binding) || Number(b.verified) - Number(a.verified) || i - j)
    .map(([a]) => a);
  const item = (a) => h('li', { class: ['anchor', a.binding ? 'anchor--binding' : 'anchor--soft', a.verified === false && 'anchor--unverified'] },
    h('span', { class: 'visually-hidden' }, a.binding ? 'Binding: ' : 'Non-binding: '),
    h('a', { href: ctx.href(withState(ctx.state, { record: a.instrumentId })), 'data-nav': '' }, a.instrumentShortName ?? a.instrumentId),
    ` ${articleRef(a.article)}`,
    a.scope === 'regional' ? h('span', { class: 'anchor__scope', title: 'A regional treaty: it binds only States of its region' }, ` (${a.region ?? 'regional'})`) : null,
    a.confidence && a.confidence !== 'high' ? h('span', { class: 'anchor__flag', title: 'The article number is not certain' }, ` ${a.confidence} confidence`) : null,
    a.verified === false ? h('span', { class: 'anchor__flag', title: 'Not checked against the text of the instrument' }, ' unverified') : null);
  const shown = sorted.slice(0, ANCHORS_SHOWN);
  const rest = sorted.slice(ANCHORS_SHOWN);
  return h('div', { class: 'right__law' },
    h('ul', { class: 'right__anchors', 'aria-label': 'Anchors in existing law' }, shown.map(item)),
    rest.length ? h('details', { class: 'right__more' },
      h('summary', {}, `${rest.length} more`),
      h('ul', { class: 'right__anchors' }, rest.map(item))) : null);
}
