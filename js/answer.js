// Assembles search and facet answers from the wasm's compact answers (core
// `search/compact.rs`): the result objects are exactly what `JSON.parse` of the full JSON
// answer would give, but the strings that never change — facet values and labels, each
// document's id, kind, title and summary fields — are kept here per index and reused, and the
// rest comes as numbers and one string of snippets, so an answer costs V8 a few small objects
// instead of parsing kilobytes of text (JSON is parsed only for what is sent the first time).
//
// Imported by the wasm-bindgen glue (it ships in the package under snippets/); not a public
// module. Every answer is made of new objects and arrays: nothing cached is ever handed out.

/**
 * Per wasm instance (keyed by its `WebAssembly.Memory`: two copies of the glue on one page, or
 * two instances, share this module but not their indexes), per index number: `fields`
 * ([{ name, values, labels }], the facet table) and `docs` (document number → { id, kind,
 * title, keys, values, lists, plain, withTerms, summary, … }: `keys` and `values` its summary
 * fields; `lists` the positions of the list values, which every hit gets copies of; `plain`
 * the template its hits are spread from (`withTerms` the one with `searchTerms`, made on
 * first need), or null when a key is `__proto__` or `searchTerms`; `summary` then an object of
 * the summary fields to copy, or null with `__proto__`, which is set key by key).
 */
const instances = new WeakMap();

/**
 * Hits are made by spreading a per-document template (its fixed and summary fields, with
 * placeholders for the rest), which V8 does fastest — about three times faster than adding
 * the summary fields one by one — when the spread sees few object shapes. So each shape of
 * template gets one of these spread sites, in order of first use: sites are separate function
 * literals, because closures made by one literal share what V8 learns about them.
 */
// Sixteen identical literals on purpose (a loop or a factory would make one literal).
const CLONES = [
  (o) => ({ ...o }), (o) => ({ ...o }), (o) => ({ ...o }), (o) => ({ ...o }),
  (o) => ({ ...o }), (o) => ({ ...o }), (o) => ({ ...o }), (o) => ({ ...o }),
  (o) => ({ ...o }), (o) => ({ ...o }), (o) => ({ ...o }), (o) => ({ ...o }),
  (o) => ({ ...o }), (o) => ({ ...o }), (o) => ({ ...o }), (o) => ({ ...o }),
];

/** The spread site (index in `CLONES`) of each template shape, by its signature. */
const sites = new Map();

/** Shapes past this many share the last site (a page of many shapes stays correct, if slower). */
const MAX_SITES = 64;

function siteOf(signature) {
  let site = sites.get(signature);
  if (site === undefined) {
    if (sites.size >= MAX_SITES) return CLONES.length - 1;
    site = sites.size % CLONES.length;
    sites.set(signature, site);
  }
  return site;
}

/** Placeholder of a template's array fields (never handed out: every hit replaces it). */
const NONE = Object.freeze([]);

/**
 * A template of the hits of document `t`: its fields in the order of the JSON answer, with
 * placeholders for what each hit has of its own (and for `searchTerms` when `withTerms`).
 */
function template(t, withTerms) {
  const o = withTerms
    ? { id: t.id, kind: t.kind, title: t.title, score: 0.5, snippet: '', highlights: NONE, titleHighlights: NONE, searchTerms: NONE }
    : { id: t.id, kind: t.kind, title: t.title, score: 0.5, snippet: '', highlights: NONE, titleHighlights: NONE };
  for (let f = 0; f < t.keys.length; f++) o[t.keys[f]] = t.values[f];
  return o;
}

/** The template of a hit of `t` found by search terms, made on first need (they are rare). */
function withTermsOf(t) {
  if (t.withTerms === null) {
    t.withTerms = template(t, true);
    t.siteTerms = siteOf(`+${t.keys.join('\u0000')}`);
  }
  return t.withTerms;
}

/** Sets own property `key` even when it is `__proto__`, as `JSON.parse` does. */
function put(o, key, value) {
  if (key === '__proto__') {
    Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    o[key] = value;
  }
}

/** A copy of a summary value: lists are new arrays, so callers may change what they get. */
function copy(v) {
  return Array.isArray(v) ? v.slice() : v;
}

function cacheOf(instance, index) {
  let indexes = instances.get(instance);
  if (indexes === undefined) {
    indexes = new Map();
    instances.set(instance, indexes);
  }
  let c = indexes.get(index);
  if (c === undefined) {
    c = { fields: [], docs: new Map() };
    indexes.set(index, c);
  }
  return c;
}

/** Takes in the JSON text of what was not sent before (undefined when nothing). */
function absorb(c, fixed) {
  if (fixed === undefined) return;
  const msg = JSON.parse(fixed);
  if (msg.table) {
    c.fields = msg.table.map(([name, values]) => ({
      name, values: values.map((v) => v[0]), labels: values.map((v) => v[1]),
    }));
  }
  if (msg.docs) {
    for (const [doc, fields] of msg.docs) {
      // By name, not position: JavaScript lists integer-like keys ("0", "2024") before the
      // others, whatever their order in the text, so a facet named "2024" comes before `id`.
      const { id, kind, title } = fields;
      const rest = Object.entries(fields).filter(([k]) => k !== 'id' && k !== 'kind' && k !== 'title');
      const keys = rest.map((e) => e[0]);
      const values = rest.map((e) => e[1]);
      const lists = [];
      values.forEach((v, f) => {
        if (Array.isArray(v)) lists.push(f);
      });
      const t = {
        id, kind, title, keys, values, lists, summary: null, plain: null, withTerms: null, sitePlain: 0, siteTerms: 0,
      };
      if (keys.includes('__proto__')) {
        // Neither a template nor Object.assign would make it an own property: set one by one.
      } else if (keys.includes('searchTerms')) {
        // Its value wins over the hit's own `searchTerms`, as in JSON.parse, which a template
        // could not tell: the summary fields are copied onto each hit in one Object.assign.
        t.summary = {};
        keys.forEach((k, f) => { t.summary[k] = values[f]; });
      } else {
        t.plain = template(t, false);
        t.sitePlain = siteOf(`-${keys.join('\u0000')}`);
      }
      c.docs.set(doc, t);
    }
  }
}

/** The facets object from packed counts: per field, a count n, then n (value, count) pairs. */
function facetsOf(c, counts) {
  const out = {};
  let i = 0;
  for (const f of c.fields) {
    const n = counts[i++];
    const list = new Array(n);
    for (let k = 0; k < n; k++) {
      const v = counts[i++];
      list[k] = { value: f.values[v], label: f.labels[v], count: counts[i++] };
    }
    put(out, f.name, list);
  }
  return out;
}

/**
 * The search answer `{ total, hits, facets, relaxed, corrected? }` of index number `index` of
 * wasm instance `instance` (its memory) from a compact
 * answer: `fixed` (JSON text of what was not sent before, or undefined), the corrected query
 * if any then the hits' `snippets` one after the other without their `…` cut marks, the
 * numbers of the hits (`hits`: total, relaxed, length in UTF-16 units of the corrected query
 * or -1, count, then per hit document, score, length in UTF-16 units of its text in
 * `snippets`, cut marks — bit 0 a `…` before, bit 1 after —, highlight count and pairs, title
 * highlight count and pairs, count of search terms and the length of each, whose texts follow
 * the hit's snippet) and
 * the packed facet counts.
 */
export function buildAnswer(instance, index, fixed, snippets, hits, counts) {
  const c = cacheOf(instance, index);
  absorb(c, fixed);
  const corrected = hits[2];
  const n = hits[3];
  const list = new Array(n);
  let i = 4;
  let at = corrected < 0 ? 0 : corrected;
  for (let k = 0; k < n; k++) {
    const doc = hits[i];
    const score = hits[i + 1];
    const length = hits[i + 2];
    const cuts = hits[i + 3];
    const count = hits[i + 4];
    i += 5;
    const t = c.docs.get(doc);
    if (t === undefined) throw new Error(`treatykit: internal error: document ${doc} was never sent`);
    const highlights = new Array(count);
    for (let h = 0; h < count; h++, i += 2) highlights[h] = [hits[i], hits[i + 1]];
    const inTitle = hits[i++];
    const titleHighlights = new Array(inTitle);
    for (let h = 0; h < inTitle; h++, i += 2) titleHighlights[h] = [hits[i], hits[i + 1]];
    let snippet = snippets.slice(at, at + length);
    at += length;
    if (cuts !== 0) snippet = (cuts & 1 ? '\u2026' : '') + snippet + (cuts & 2 ? '\u2026' : '');
    const terms = hits[i++];
    const { keys, values, summary, lists } = t;
    let hit;
    if (t.plain !== null) {
      // The template first: making the searchTerms one assigns its site.
      const template = terms > 0 ? withTermsOf(t) : t.plain;
      hit = CLONES[terms > 0 ? t.siteTerms : t.sitePlain](template);
      hit.score = score;
      hit.snippet = snippet;
      hit.highlights = highlights;
      hit.titleHighlights = titleHighlights;
    } else {
      hit = { id: t.id, kind: t.kind, title: t.title, score, snippet, highlights, titleHighlights };
    }
    if (terms > 0) {
      const searchTerms = new Array(terms);
      for (let s = 0; s < terms; s++, i++) {
        searchTerms[s] = snippets.slice(at, at + hits[i]);
        at += hits[i];
      }
      hit.searchTerms = searchTerms;
    }
    if (t.plain === null && summary === null) {
      // A `__proto__` key: every field is set on its own.
      for (let f = 0; f < keys.length; f++) put(hit, keys[f], copy(values[f]));
    } else {
      if (summary !== null) Object.assign(hit, summary);
      for (let j = 0; j < lists.length; j++) hit[keys[lists[j]]] = values[lists[j]].slice();
    }
    list[k] = hit;
  }
  const answer = { total: hits[0], hits: list, facets: facetsOf(c, counts), relaxed: hits[1] === 1 };
  if (corrected >= 0) answer.corrected = snippets.slice(0, corrected);
  return answer;
}

/** The facet answer of index number `index` from its compact answer (see `buildAnswer`). */
export function buildFacets(instance, index, fixed, counts) {
  const c = cacheOf(instance, index);
  absorb(c, fixed);
  return facetsOf(c, counts);
}

/** Drops what is kept for index number `index` of `instance` (freed, or its answer failed). */
export function forgetIndex(instance, index) {
  instances.get(instance)?.delete(index);
}
