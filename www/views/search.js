// The search view: result count and notices, removable filter chips, the facet sidebar and the
// result cards. Re-rendered on every keystroke (the engine answers in well under a frame).
import { h, highlighted, badge, count } from '../dom.js';
import { FILTER_FIELDS, engineFilters, filterCount, noFilters, withState } from '../state.js';
import { FIELD_LABELS, GROUP_LABELS, KIND_LABELS, KIND_PLURALS, kindBadge, statusBadge, flagBadge, regionalOnlyBadge } from '../labels.js';

const PAGE = 20;
const FACET_PREVIEW = 6;
const SUGGESTIONS = ['refugee', 'non-refoulement', 'consular access', 'stateless', 'family reunification', 'migrant workers', 'trafficking', 'climate'];

// What the view remembers between renders (not worth a place in the URL).
const memory = {
  key: '', shown: PAGE, expanded: new Set(), panelOpen: false,
  // Year text that is not a year (e.g. "199"), by field, shown with a message until corrected.
  yearDraft: {}, keepDrafts: false, filterKey: '',
};

function resultKey(state) {
  return JSON.stringify([state.q, engineFilters(state.filters)]);
}

/** Renders the search view for `state` into a fragment. */
export function renderSearch(ctx) {
  const { api, state } = ctx;
  const key = resultKey(state);
  const filterKey = JSON.stringify(engineFilters(state.filters));
  if (filterKey !== memory.filterKey) {
    // Other filters make an unusable year typed earlier moot (unless a year field made the change).
    if (!memory.keepDrafts) memory.yearDraft = {};
    memory.filterKey = filterKey;
  }
  if (key !== memory.key) {
    memory.key = key;
    memory.shown = PAGE;
  }
  memory.keepDrafts = false;
  const filters = engineFilters(state.filters);
  const nFilters = filterCount(state.filters);
  // A query with nothing to search for ("!!!", "—") would browse every record as if it were
  // results for it: set it aside and say why.
  const q = searchable(state.q) ? state.q : ''; // untrimmed: a final space ends the last word
  const setAside = state.q.trim() && !q
    ? h('p', { class: 'notice notice--info' }, `“${state.q.trim()}” has no letters or digits to search for. Type a word`,
      nFilters ? ' to search within these filters.' : ', or start from one of these.')
    : null;
  const blank = !q.trim() && nFilters === 0;

  if (blank) {
    ctx.setTitle('');
    ctx.announce(setAside?.textContent ?? '');
    return landing(ctx, setAside);
  }

  const result = searchShown(api, q, filters, memory.shown);
  const summary = statusLine(q, result);
  ctx.setTitle(q.trim() ? `${q.trim()} — search` : 'Filtered records');
  // After "Show more", say how many are now listed (the count alone would not change).
  ctx.announce(memory.shown > PAGE && !result.error
    ? `Showing ${result.hits.length.toLocaleString('en')} of ${summary[0].toLowerCase()}${summary.slice(1)}` : summary);

  const results = h('section', { class: 'results', 'aria-labelledby': 'results-heading' },
    h('div', { class: 'results__head' },
      h('h1', { id: 'results-heading', class: 'results__count', tabindex: '-1' }, summary),
    ),
    chips(ctx),
    setAside,
    notices(ctx, result),
    result.hits.length ? hitList(ctx, result.hits) : emptyState(ctx, result, q),
    result.total > result.hits.length && result.hits.length > 0
      ? h('button', {
        type: 'button', class: 'button button--quiet more', 'data-focus-key': 'more',
        onclick: () => {
          // Focus goes to the first result added, so the keyboard carries on from where the
          // list grew (and is not dropped to <body> when the button goes after the last page).
          const next = api.search(q, { limit: 1, offset: result.hits.length, filters }).hits[0];
          if (next) ctx.focusAfter(`hit:${next.id}`);
          memory.shown += PAGE;
          ctx.rerender();
        },
      }, `Show more results (${(result.total - result.hits.length).toLocaleString('en')} more)`)
      : null,
  );

  // A query the engine refuses (too long) still leaves the filters usable: count them without it.
  const counts = result.facets ?? (result.error ? api.facets(filters) : null);
  const panel = counts ? facetPanel(ctx, counts) : null;
  return h('div', { class: ['search-layout', !panel && 'search-layout--single'] }, panel, results);
}

/**
 * Whether the engine has something to search for in `text`: a letter, a digit or a pictograph
 * (an emoji is a word to it). Anything else (punctuation, dashes, most symbols) it ignores, and a
 * query of only that answers every record in browse order.
 */
export function searchable(text) {
  return /[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(String(text ?? ''));
}

const MAX_LIMIT = 100; // the most hits one search() call returns

/** The first `n` hits of a search, in as many calls as the engine's limit needs. */
function searchShown(api, q, filters, n) {
  const result = api.search(q, { limit: Math.min(n, MAX_LIMIT), offset: 0, filters });
  while (!result.error && result.hits.length < Math.min(n, result.total)) {
    const more = api.search(q, { limit: Math.min(n - result.hits.length, MAX_LIMIT), offset: result.hits.length, filters });
    if (more.error || !more.hits.length) break;
    result.hits = result.hits.concat(more.hits);
  }
  return result;
}

function statusLine(q, result) {
  if (result.error) return 'The search could not run';
  q = q.trim();
  const what = count(result.total, 'result');
  return q ? `${what} for “${q}”` : `${what} with these filters`;
}

function notices(ctx, result) {
  const out = [];
  if (result.error) {
    const msg = result.error.code === 'QUERY_TOO_LONG'
      ? 'That query is too long. Shorten it to a few words.'
      : `Something went wrong: ${result.error.message}`;
    out.push(h('p', { class: 'notice notice--error', role: 'alert' }, msg));
  }
  const relaxed = result.relaxed;
  if (result.corrected && result.total > 0) {
    // How the engine read the query (a misspelt word read as a word of the texts, a
    // run-together word split), said plainly: a near reading is never passed off as the query.
    const read = h('strong', { 'data-corrected': '' }, result.corrected);
    out.push(h('p', { class: 'notice notice--info' }, ...(relaxed
      ? ['No record has every word as you typed it; showing the closest matches, reading the query as ', read, '.']
      : ['Showing results for ', read, '.'])));
  } else if (relaxed && result.total > 0) {
    let text;
    if (typeof relaxed === 'string') text = ['Showing results for ', h('strong', {}, relaxed), '.'];
    else if (typeof relaxed === 'object') {
      const q = relaxed.query ?? relaxed.suggestion ?? relaxed.didYouMean;
      if (typeof q === 'string' && q) {
        text = ['Did you mean ', h('a', { href: ctx.href(withState(ctx.state, { q })), 'data-nav': '' }, q), '?'];
      }
    }
    text ??= ['No record has every word as you typed it; showing the ', h('strong', {}, 'closest'), ' matches: records with some of the words, or with a near spelling of one.'];
    out.push(h('p', { class: 'notice notice--info' }, ...text));
  }
  return out;
}

function chips(ctx) {
  const { state, api } = ctx;
  const f = state.filters;
  const items = [];
  for (const field of FILTER_FIELDS) {
    for (const value of f[field]) {
      const without = f[field].filter((v) => v !== value);
      items.push({ key: `${field}:${value}`, text: `${FIELD_LABELS[field]}: ${api.label(field, value)}`, patch: { [field]: without } });
    }
  }
  if (f.yearFrom !== null) items.push({ key: 'yearFrom', text: `From ${f.yearFrom}`, patch: { yearFrom: null } });
  if (f.yearTo !== null) items.push({ key: 'yearTo', text: `Until ${f.yearTo}`, patch: { yearTo: null } });
  if (!items.length) return null;
  return h('div', { class: 'chips', role: 'group', 'aria-label': 'Active filters' },
    items.map((c, i) => h('button', {
      type: 'button', class: 'chip', 'data-focus-key': `chip:${c.key}`,
      'aria-label': `Remove filter ${c.text}`,
      onclick: () => {
        const next = items[i + 1] ?? items[i - 1];
        ctx.focusAfter(next ? `chip:${next.key}` : 'q');
        ctx.go(withState(state, { filters: c.patch }));
      },
    }, c.text, h('span', { class: 'chip__x', 'aria-hidden': 'true' }, '×'))),
    h('button', {
      type: 'button', class: 'chip chip--clear', 'data-focus-key': 'clear-all',
      onclick: () => { ctx.focusAfter('q'); ctx.go(withState(state, { filters: noFilters() })); },
    }, 'Clear all'),
  );
}

function facetPanel(ctx, facets) {
  const { state } = ctx;
  const n = filterCount(state.filters);
  const wide = matchMedia('(min-width: 56rem)').matches;
  const details = h('details', { class: 'facets', open: wide || memory.panelOpen || undefined },
    h('summary', { class: 'facets__toggle', 'data-focus-key': 'facets-toggle' },
      'Filters', n ? h('span', { class: 'facets__n' }, ` (${n} on)`) : null),
    h('div', { class: 'facets__body' },
      facetGroupsOrNote(ctx, facets),
    ),
  );
  details.addEventListener('toggle', () => { if (!wide) memory.panelOpen = details.open; });
  return h('aside', { class: 'facets-aside', 'aria-label': 'Filters' }, details);
}

function facetGroupsOrNote(ctx, facets) {
  const groups = facetGroups(ctx, facets);
  return groups.length ? groups : h('p', { class: 'muted small facets__none' }, 'No filters apply: no record matches this search.');
}

function facetGroups(ctx, facets) {
  const { state } = ctx;
  const groups = [];
  for (const field of FILTER_FIELDS) {
    const selected = state.filters[field];
    const values = Array.isArray(facets[field]) ? [...facets[field]] : [];
    // A selected value always stays visible (and removable), even when its count dropped to 0.
    for (const v of selected) {
      if (!values.some((x) => x.value === v)) values.push({ value: v, label: ctx.api.label(field, v), count: 0 });
    }
    if (!values.length) continue;
    if (field === 'gcmObjective') values.sort((a, b) => Number(a.value) - Number(b.value));
    const expanded = memory.expanded.has(field);
    // Collapsed, the list shows its first values and every selected one, in their place.
    const shown = expanded ? values : values.filter((v, i) => i < FACET_PREVIEW || selected.includes(v.value));
    const id = `facet-${field}`;
    groups.push(h('fieldset', { class: 'facet' },
      h('legend', { class: 'facet__legend' }, FIELD_LABELS[field] ?? field),
      h('ul', { class: 'facet__list', id },
        shown.map((v) => {
          const on = selected.includes(v.value);
          const next = on ? selected.filter((x) => x !== v.value) : [...selected, v.value];
          const label = field === 'kind' ? (KIND_LABELS[v.value] ?? v.label) : v.label;
          return h('li', {},
            h('label', { class: ['facet__option', on && 'is-on', !v.count && !on && 'is-empty'] },
              h('input', {
                type: 'checkbox', checked: on, 'data-focus-key': `facet:${field}:${v.value}`,
                onchange: () => {
                  // Unticked, the value may leave the collapsed list (or the page, for the landing
                  // page): focus then goes to the group's "Show all", else to the search box.
                  ctx.focusAfter(`facet:${field}:${v.value}`, `more:${field}`, 'q');
                  ctx.go(withState(state, { filters: { [field]: next } }));
                },
              }),
              h('span', { class: 'facet__label' }, label),
              h('span', { class: 'facet__count', 'aria-label': count(v.count, 'record') }, String(v.count)),
            ));
        }),
      ),
      values.length > FACET_PREVIEW && (expanded || shown.length < values.length)
        ? h('button', {
          type: 'button', class: 'link-button facet__more', 'aria-expanded': String(expanded), 'aria-controls': id,
          'data-focus-key': `more:${field}`,
          onclick: () => { if (expanded) memory.expanded.delete(field); else memory.expanded.add(field); ctx.rerender(); },
        }, expanded ? 'Show fewer' : `Show all ${values.length}`)
        : null,
    ));
    if (field === 'binding') groups.push(yearGroup(ctx, facets.year));
  }
  if (!groups.some((g) => g?.classList?.contains('facet--year'))) groups.push(yearGroup(ctx, facets.year));
  return groups.filter(Boolean);
}

function yearGroup(ctx, years) {
  const { state } = ctx;
  const f = state.filters;
  const known = (Array.isArray(years) ? years : []).map((y) => Number(y.value)).filter(Number.isFinite);
  if (!known.length && f.yearFrom === null && f.yearTo === null && !Object.keys(memory.yearDraft).length) return null;
  const min = known.length ? Math.min(...known) : 1900;
  const max = known.length ? Math.max(...known) : new Date().getFullYear();
  const apply = (name, raw, bad) => {
    const text = raw.trim();
    if (bad || (text && !/^\d{4}$/.test(text))) {
      // Keep what was typed and say why it is not used, instead of silently dropping it.
      memory.yearDraft[name] = bad && !text ? '' : text;
      ctx.rerender();
      return;
    }
    delete memory.yearDraft[name];
    const y = text ? Number(text) : null;
    if (y === f[name]) ctx.rerender();
    else {
      memory.keepDrafts = true;
      ctx.go(withState(state, { filters: { [name]: y } }));
    }
  };
  const invalid = Object.keys(memory.yearDraft);
  const reversed = f.yearFrom !== null && f.yearTo !== null && f.yearFrom > f.yearTo;
  const error = invalid.length
    ? `Enter ${invalid.length === 2 ? 'each year' : `the “${invalid[0] === 'yearFrom' ? 'From' : 'To'}” year`} as four digits, e.g. ${min}.`
    : reversed ? `“From” (${f.yearFrom}) is after “To” (${f.yearTo}), so no record can match.` : null;
  const input = (name, label, value, placeholder) => {
    const draft = memory.yearDraft[name];
    const wrong = draft !== undefined || (reversed && !invalid.length);
    return h('label', { class: 'year__field' },
      h('span', {}, label),
      h('input', {
        type: 'number', inputmode: 'numeric', min: 1000, max: 2100, step: 1, value: draft ?? value ?? undefined,
        placeholder: String(placeholder), 'data-focus-key': `year:${name}`, class: 'year__input',
        'aria-invalid': wrong ? 'true' : undefined, 'aria-describedby': wrong ? 'year-error' : undefined,
        onchange: (e) => {
          const el = e.target;
          const raw = el.value;
          const bad = el.validity.badInput;
          // "change" fires as focus leaves the field (Tab, a click), before focus reaches where it
          // is going. Render once it got there, so that render() keeps it there instead of
          // dropping it to <body> with the old field; Enter keeps it in the field.
          setTimeout(() => {
            if (!el.isConnected) return;
            // Still in the field (Enter): it keeps focus, or the search box takes it should the
            // field go (a cleared year with no other filter shows the landing page).
            if (el === document.activeElement) ctx.focusAfter(`year:${name}`, 'q');
            apply(name, raw, bad);
          });
        },
      }));
  };
  return h('fieldset', { class: 'facet facet--year' },
    h('legend', { class: 'facet__legend' }, FIELD_LABELS.year),
    h('div', { class: 'year' },
      input('yearFrom', 'From', f.yearFrom, min),
      input('yearTo', 'To', f.yearTo, max),
    ),
    error ? h('p', { class: 'year__error', id: 'year-error' }, error,
      reversed && !invalid.length ? [' ', h('button', {
        type: 'button', class: 'link-button', 'data-focus-key': 'year:swap',
        onclick: () => { ctx.focusAfter('year:yearFrom'); ctx.go(withState(state, { filters: { yearFrom: f.yearTo, yearTo: f.yearFrom } })); },
      }, 'Swap them')] : null) : null,
  );
}

function hitList(ctx, hits) {
  return h('ol', { class: 'hits', 'aria-labelledby': 'results-heading' }, hits.map((hit) => hitCard(ctx, hit)));
}

function shorten(text, max = 240) {
  const t = String(text ?? '');
  if (t.length <= max) return t;
  const cut = t.lastIndexOf(' ', max);
  return `${t.slice(0, cut > max * 0.6 ? cut : max)}…`;
}

function hitCard(ctx, hit) {
  const { api, state } = ctx;
  const meta = [];
  if (hit.type) meta.push(api.label('type', hit.type));
  if (hit.year !== undefined && hit.year !== null) meta.push(String(hit.year));
  if (hit.publisher) meta.push(hit.publisher);
  if (hit.kind === 'right' && hit.group) meta.push(GROUP_LABELS[hit.group] ?? hit.group);
  const snippet = typeof hit.snippet === 'string' && hit.snippet
    ? highlighted(hit.snippet, hit.highlights)
    : shorten(hit.summary);
  const flags = [];
  if (hit.titleIdentified === false) flags.push(flagBadge('Title not identified', 'The exact item was not found; the title describes it'));
  if (hit.titleCertain === false) flags.push(flagBadge('Title assumed', 'No source shows this title: it is our description'));
  if (hit.confidence === 'low') flags.push(flagBadge('Low confidence', hit.confidenceNote));
  else if (hit.confidence === 'medium') flags.push(flagBadge('Detail unconfirmed', hit.confidenceNote));
  // A right that only regional treaties make binding (as the rights view flags it).
  if (hit.kind === 'right' && hit.bindingScope === 'regional') {
    flags.push(regionalOnlyBadge());
  }
  // A right that the selected categories hold only through an inheritance link we assume.
  if (hit.kind === 'right') {
    const held = (state.filters.category ?? []).filter((c) => (hit.heldBy ?? []).includes(c));
    const assumed = held.filter((c) => (hit.heldByAssumed ?? []).includes(c));
    if (held.length > 0 && assumed.length === held.length) {
      const who = assumed.map((c) => api.label('category', c)).join(', ');
      flags.push(flagBadge('Link assumed', `${who}: holds this right only through an inheritance link that is our assumption, not sourced`));
    }
  }
  return h('li', { class: 'hit' },
    h('div', { class: 'hit__badges' }, kindBadge(hit.kind), statusBadge(hit, api.label),
      hit.shortName && hit.shortName !== hit.title ? badge(hit.shortName, 'plain') : null),
    h('h2', { class: 'hit__title' },
      h('a', {
        href: ctx.href(withState(state, { record: hit.id })), 'data-nav': '', class: 'hit__link',
        'data-focus-key': `hit:${hit.id}`, 'data-hit': hit.id,
      }, highlighted(hit.title, hit.titleHighlights))),
    meta.length ? h('p', { class: 'hit__meta' }, meta.join(' · ')) : null,
    snippet ? h('p', { class: 'hit__snippet' }, snippet) : null,
    // Found through words its text lacks: say which, or the hit seems to match nothing.
    Array.isArray(hit.searchTerms) && hit.searchTerms.length
      ? h('p', { class: 'hit__terms' }, `Matched its search term${hit.searchTerms.length > 1 ? 's' : ''} `,
        hit.searchTerms.flatMap((t, i) => [i ? ', ' : null, h('mark', {}, t)]).filter(Boolean), '.')
      : null,
    flags.length ? h('p', { class: 'hit__flags' }, flags,
      hit.confidenceNote || hit.certaintyNote
        ? h('span', { class: 'hit__note' }, shorten(hit.confidenceNote ?? hit.certaintyNote, 140)) : null) : null,
  );
}

function emptyState(ctx, result, q) {
  if (result.error) return null;
  const { state, api } = ctx;
  const parts = [h('p', { class: 'empty__lead' }, q.trim()
    ? ['No record matches ', h('strong', {}, `“${q.trim()}”`), filterCount(state.filters) ? ' with these filters.' : '.']
    : 'No record has all of these filters.')];
  const tips = [];
  if (filterCount(state.filters) && q.trim()) {
    const unfiltered = api.search(q, { limit: 1 });
    if (unfiltered.total > 0) {
      tips.push(h('li', {}, h('a', { href: ctx.href(withState(state, { filters: noFilters() })), 'data-nav': '' },
        `Search without filters (${count(unfiltered.total, 'result')})`)));
    }
  }
  tips.push(h('li', {}, 'Check the spelling, or use fewer or more general words.'));
  tips.push(h('li', {}, 'Search for a group of people (“students”, “stateless”), a right (“family life”) or a treaty (“ICCPR”).'));
  return h('div', { class: 'empty' }, parts, h('ul', { class: 'empty__tips' }, tips), suggestionLinks(ctx));
}

function suggestionLinks(ctx) {
  return h('p', { class: 'suggest' }, h('span', { class: 'suggest__label' }, 'Try: '),
    SUGGESTIONS.map((q) => h('a', {
      class: 'suggest__link', href: ctx.href({ view: 'search', q, filters: noFilters() }), 'data-nav': '',
    }, q)));
}

function landing(ctx, hint = null) {
  const { api } = ctx;
  const info = api.info();
  const counts = info?.counts ?? {};
  const browse = Object.entries(counts).filter(([, n]) => n > 0);
  const tile = (view, title, text) => h('a', { class: 'tile', href: ctx.href({ view, filters: noFilters(), q: '' }), 'data-nav': '' },
    h('span', { class: 'tile__title' }, title), h('span', { class: 'tile__text' }, text));
  return h('section', { class: 'landing', 'aria-labelledby': 'landing-title' },
    h('h1', { id: 'landing-title', class: 'landing__title', tabindex: '-1' }, 'Find the law that protects people on the move'),
    hint,
    h('p', { class: 'landing__lead' },
      'Treaties, compacts, declarations and reports on migration, and the rights each group of mobile people holds under them. ',
      'Everything runs in your browser, with no server and no tracking, and keeps working offline.'),
    suggestionLinks(ctx),
    h('div', { class: 'tiles' },
      api.has.rights ? tile('rights', 'Rights explorer', 'Pick a group of people and see every right they hold, where it comes from, and which layer it is inherited from.') : null,
      api.has.compare ? tile('compare', 'Compare two groups', 'Set two categories side by side: what only one of them holds, and what they share.') : null,
      api.has.rights ? tile('matrix', 'Rights matrix', 'One picture of who holds what: every category against every right.') : null,
    ),
    browse.length ? h('div', { class: 'corpus-facts' },
      h('h2', { class: 'corpus-facts__title' }, 'In the corpus'),
      h('ul', { class: 'corpus-facts__list' }, browse.map(([kind, n]) => h('li', {},
        h('a', { href: ctx.href({ view: 'search', q: '', filters: { ...noFilters(), kind: [kind] } }), 'data-nav': '' },
          h('span', { class: 'corpus-facts__n' }, String(n)), ' ', n === 1 ? (KIND_LABELS[kind] ?? kind) : (KIND_PLURALS[kind] ?? kind))))),
      info?.corpusDate ? h('p', { class: 'muted small' }, `Facts last reviewed ${info.corpusDate}.`) : null,
    ) : null,
  );
}
