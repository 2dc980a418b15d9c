// The app's state lives in the URL, so that a link, a reload and back/forward all restore it:
//   ?q=refugee&type=treaty&type=report&yearFrom=1950&record=refugee-convention
//   ?view=rights&cat=refugee&bindingOnly=1      ?view=compare&a=refugee&b=visitor      ?view=matrix
// Parsing is defensive: unknown views fall back to search, numbers must be whole years, and
// over-long values are cut, so a hand-edited or hostile URL can never break a render.

export const VIEWS = ['search', 'rights', 'compare', 'matrix'];
/** Facet fields that filter a search, in sidebar order. */
export const FILTER_FIELDS = ['kind', 'type', 'binding', 'theme', 'category', 'gcmObjective', 'publisher'];
const MAX_VALUE = 200;
const MAX_VALUES = 50;

const clip = (v) => (typeof v === 'string' ? v.slice(0, MAX_VALUE) : '');

// The engine searches queries of up to 1,024 characters and refuses longer ones with a message
// of its own: keep one character more than that (never cutting a query it would search), so that
// a longer one is refused, not silently searched in part.
const MAX_QUERY_CHARS = 1024;
function clipQuery(q) {
  if (q.length <= MAX_QUERY_CHARS) return q;
  return Array.from(q.slice(0, 2 * (MAX_QUERY_CHARS + 1))).slice(0, MAX_QUERY_CHARS + 1).join('');
}

function year(v) {
  if (v === null || !/^\d{1,4}$/.test(v)) return null;
  return Number(v);
}

/** Empty filters. */
export function noFilters() {
  const f = { yearFrom: null, yearTo: null };
  for (const k of FILTER_FIELDS) f[k] = [];
  return f;
}

/** Reads the state from a URL (or `location`). */
export function readState(url = location.href) {
  const p = new URL(url, location.href).searchParams;
  const view = VIEWS.includes(p.get('view')) ? p.get('view') : 'search';
  const filters = noFilters();
  for (const k of FILTER_FIELDS) {
    filters[k] = [...new Set(p.getAll(k).map(clip).filter(Boolean))].slice(0, MAX_VALUES);
  }
  filters.yearFrom = year(p.get('yearFrom'));
  filters.yearTo = year(p.get('yearTo'));
  return {
    view,
    q: clipQuery(p.get('q') ?? ''),
    filters,
    record: clip(p.get('record')) || null,
    cat: clip(p.get('cat')) || null,
    a: clip(p.get('a')) || null,
    b: clip(p.get('b')) || null,
    bindingOnly: p.get('bindingOnly') === '1',
  };
}

/** The query string (with `?`, or `''`) that encodes `state`; defaults are left out. */
export function toQuery(state) {
  const p = new URLSearchParams();
  if (state.view && state.view !== 'search') p.set('view', state.view);
  if (state.q) p.set('q', state.q);
  const f = state.filters ?? noFilters();
  for (const k of FILTER_FIELDS) for (const v of f[k] ?? []) p.append(k, v);
  if (f.yearFrom !== null && f.yearFrom !== undefined) p.set('yearFrom', String(f.yearFrom));
  if (f.yearTo !== null && f.yearTo !== undefined) p.set('yearTo', String(f.yearTo));
  if (state.view === 'rights' && state.cat) p.set('cat', state.cat);
  if (state.view === 'compare') {
    if (state.a) p.set('a', state.a);
    if (state.b) p.set('b', state.b);
  }
  if ((state.view === 'rights' || state.view === 'matrix') && state.bindingOnly) p.set('bindingOnly', '1');
  if (state.record) p.set('record', state.record);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** A copy of `state` with `patch` applied (filters are merged, not replaced, when given). */
export function withState(state, patch) {
  const next = { ...state, ...patch };
  if (patch.filters) next.filters = { ...state.filters, ...patch.filters };
  return next;
}

/** How many filters are set. */
export function filterCount(filters) {
  let n = FILTER_FIELDS.reduce((acc, k) => acc + (filters[k]?.length ?? 0), 0);
  if (filters.yearFrom !== null) n += 1;
  if (filters.yearTo !== null) n += 1;
  return n;
}

/** The filters in the shape `search()` takes: only fields that are set. */
export function engineFilters(filters) {
  const out = {};
  for (const k of FILTER_FIELDS) if (filters[k]?.length) out[k] = [...filters[k]];
  if (filters.yearFrom !== null) out.yearFrom = filters.yearFrom;
  if (filters.yearTo !== null) out.yearTo = filters.yearTo;
  return out;
}
