// Assembles search and facet answers from the wasm's compact answers (core
// `search/compact.rs`): the result objects are exactly what `JSON.parse` of the full JSON
// answer would give, but the strings that never change — facet values and labels, each
// document's id, kind, title and summary fields — are kept here per index and reused, so an
// answer costs V8 a few small objects instead of parsing kilobytes of text.
//
// Imported by the wasm-bindgen glue (it ships in the package under snippets/); not a public
// module. Every answer is made of new objects and arrays: nothing cached is ever handed out.

/** Per index number: { fields: [{ name, values, labels }], docs: Map<doc, template> }. */
const indexes = new Map();

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

function cacheOf(index) {
  let c = indexes.get(index);
  if (c === undefined) {
    c = { fields: [], docs: new Map() };
    indexes.set(index, c);
  }
  return c;
}

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

function hitOf(c, [doc, score, snippet, highlights]) {
  const t = c.docs.get(doc);
  if (t === undefined) throw new Error(`treatykit: internal error: document ${doc} was never sent`);
  const hit = { id: t.id, kind: t.kind, title: t.title, score, snippet, highlights };
  for (const [key, value] of t.rest) put(hit, key, copy(value));
  return hit;
}

/**
 * The answer of index number `index` from its compact JSON text and packed facet counts:
 * `{ total, hits, facets, relaxed }` for a search, the facets object for a facet request.
 */
export function buildAnswer(index, text, counts) {
  const msg = JSON.parse(text);
  const c = cacheOf(index);
  if (msg.table) {
    c.fields = msg.table.map(([name, values]) => ({
      name, values: values.map((v) => v[0]), labels: values.map((v) => v[1]),
    }));
  }
  if (msg.docs) {
    for (const [doc, fixed] of msg.docs) {
      const [[, id], [, kind], [, title], ...rest] = Object.entries(fixed);
      c.docs.set(doc, { id, kind, title, rest });
    }
  }
  const facets = facetsOf(c, counts);
  if (msg.hits === undefined) return facets;
  return { total: msg.total, hits: msg.hits.map((h) => hitOf(c, h)), facets, relaxed: msg.relaxed };
}

/** Drops what is kept for index number `index` (its `Index` was freed). */
export function forgetIndex(index) {
  indexes.delete(index);
}

/** Drops everything kept (a new wasm instance starts with nothing sent). */
export function forgetAll() {
  indexes.clear();
}
