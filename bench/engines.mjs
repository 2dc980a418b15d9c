// One adapter per engine: the same records in, the same top-10 record ids out.
//
// Each adapter is `{ name, config, build(records) → handle, search(handle, q) → string[],
// free?(handle), memoryExtra?() }`. `search` runs the engine's public JS API and returns the ids
// of its first 10 hits, so a timed call includes building the engine's result objects.
// Configurations are each library's documented options for search-as-you-type with typo
// tolerance; `config` says which, and BENCHMARKS.md prints it.
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import FlexSearch from 'flexsearch';
import Fuse from 'fuse.js';
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';

const LIMIT = 10;

/** The schema the issue gives for `Index.fromRecords` on this corpus. */
export const TREATYKIT_SCHEMA = { id: 'id', title: 'title', fields: { title: { boost: 2 }, body: {} }, facets: ['lang'] };

/** Loads pkg/ (wasm-pack --target web output) into this process; returns the module and its exports. */
export async function loadTreatykit(pkgDir = new URL('../pkg/', import.meta.url)) {
  const tk = await import(new URL('treatykit.js', pkgDir).href);
  const wasm = tk.initSync({ module: readFileSync(new URL('treatykit_bg.wasm', pkgDir)) });
  return { tk, wasm };
}

/** treatykit through `Index.fromRecords` (null with a reason when pkg/ has no `Index` yet). */
export function treatykitAdapter({ tk, wasm }) {
  const base = {
    name: 'treatykit',
    config: "`Index.fromRecords(records, { id: 'id', title: 'title', fields: { title: { boost: 2 }, body: {} }, facets: ['lang'] })`, `search(q, { limit: 10 })` (fuzzy on by default; also computes `lang` facet counts)",
  };
  if (typeof tk.Index?.fromRecords !== 'function') {
    return { ...base, unavailable: 'treatykit Index.fromRecords not available yet' };
  }
  return {
    ...base,
    wasmBytes: () => wasm.memory.buffer.byteLength,
    build: (records) => tk.Index.fromRecords(records, TREATYKIT_SCHEMA),
    search: (index, q) => index.search(q, { limit: LIMIT }).hits.map((h) => h.id),
    free: (index) => index.free(),
  };
}

/** MiniSearch with fuzzy 0.2 and prefix search, title boosted ×2 (its README's typo setup). */
export const minisearchAdapter = {
  name: 'MiniSearch',
  config: "`fields: ['title', 'body']`, `searchOptions: { fuzzy: 0.2, prefix: true, boost: { title: 2 } }` (OR of terms, its default)",
  build(records) {
    const ms = new MiniSearch({
      fields: ['title', 'body'],
      storeFields: ['title', 'lang'],
      searchOptions: { fuzzy: 0.2, prefix: true, boost: { title: 2 } },
    });
    ms.addAll(records);
    return ms;
  },
  search: (ms, q) => ms.search(q).slice(0, LIMIT).map((r) => r.id),
};

/**
 * FlexSearch Document index, "forward" tokenizer (prefixes), default Unicode encoder. Suggestions
 * stay off (its default): on this corpus `suggest: true` lifts typo recall from ~0.13 to ~0.4 but
 * drops exact recall from 1.0 to ~0.8 (measured while writing this adapter).
 */
export const flexsearchAdapter = {
  name: 'FlexSearch',
  config: "`Document({ document: { id: 'id', index: ['title', 'body'], store: ['title', 'lang'] }, tokenize: 'forward' })`, `search(q, { limit: 10, merge: true })` (`suggest: true` would lift typo recall to ~0.4 but drop exact recall to ~0.8 here)",
  build(records) {
    const index = new FlexSearch.Document({
      document: { id: 'id', index: ['title', 'body'], store: ['title', 'lang'] },
      tokenize: 'forward',
    });
    for (const r of records) index.add(r);
    return index;
  },
  search: (index, q) => index.search(q, { limit: LIMIT, merge: true }).slice(0, LIMIT).map((r) => r.id),
};

/** Fuse.js, fuzzy over title (weight 2) and body, anywhere in the text. O(records) per query. */
export const fuseAdapter = {
  name: 'Fuse.js',
  config: "`keys: [{ name: 'title', weight: 2 }, 'body'], ignoreLocation: true` (threshold 0.6, its default), `search(q, { limit: 10 })`",
  build: (records) => new Fuse(records, { keys: [{ name: 'title', weight: 2 }, 'body'], ignoreLocation: true }),
  search: (fuse, q) => fuse.search(q, { limit: LIMIT }).map((r) => r.item.id),
};

// Orama's default tokenizer splits English text on /[^A-Za-zàèéìòóù0-9_'-]+/ and so drops every
// non-Latin letter; it gets the benchmark's reference tokenizer instead (NFKC, lower case, runs of
// letters, marks and digits), which is what its `components.tokenizer` option is for.
const WORDS = /[\p{L}\p{M}\p{N}]+/gu;
function oramaTokenizer() {
  return {
    language: 'english',
    normalizationCache: new Map(),
    tokenize: (raw) => (typeof raw === 'string' ? [...new Set(raw.normalize('NFKC').toLowerCase().match(WORDS) ?? [])] : [raw]),
  };
}

/**
 * Orama with typo tolerance 1 and a Unicode word tokenizer, title boosted ×2. Its tolerance applies
 * to every term (also 3-letter ones) and fuzzy matches score like exact ones, which costs it
 * exact-query recall here; that is its documented typo setting.
 */
export const oramaAdapter = {
  name: 'Orama',
  config: "`schema: { id, lang, title, body: 'string' }` with a Unicode word tokenizer (its default English splitter drops non-Latin letters), `search({ term, tolerance: 1, boost: { title: 2 }, limit: 10 })`",
  build(records) {
    const db = create({
      schema: { id: 'string', lang: 'string', title: 'string', body: 'string' },
      components: { tokenizer: oramaTokenizer() },
    });
    const done = insertMultiple(db, records);
    if (typeof done?.then === 'function') throw new Error('Orama insertMultiple went async');
    return db;
  },
  search(db, q) {
    const r = oramaSearch(db, { term: q, properties: ['title', 'body'], tolerance: 1, boost: { title: 2 }, limit: LIMIT });
    if (typeof r?.then === 'function') throw new Error('Orama search went async');
    return r.hits.map((h) => h.document.id);
  },
};
