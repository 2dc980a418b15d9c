// The app's only door to the WebAssembly package. It starts the module, says which exports this
// build has (so views degrade instead of crashing when one is missing), turns thrown errors into
// values the views can show, and caches the answers that never change while the page lives.
// Every call goes through the package's trap guard (safe.js): should the wasm ever trap, the
// listeners of `onUnusable` hear it once and every later call fails with TREATYKIT_UNUSABLE,
// instead of answering wrongly from a broken instance.
import * as raw from '../pkg/treatykit.js';
import { guard } from '../pkg/safe.js';

const unusableListeners = new Set();
const tk = guard(raw, { onUnusable: (e) => unusableListeners.forEach((fn) => fn(e)) });

/** Calls `fn(error)` once if the wasm instance traps and can no longer answer. */
export function onUnusable(fn) {
  unusableListeners.add(fn);
}

/** Which exports the loaded package has. */
export const has = {
  search: typeof tk.search === 'function',
  facets: typeof tk.facets === 'function',
  record: typeof tk.record === 'function',
  categories: typeof tk.categories === 'function',
  rights: typeof tk.rights === 'function',
  compare: typeof tk.compareRights === 'function',
  right: typeof tk.right === 'function',
  whoHolds: typeof tk.whoHolds === 'function',
  info: typeof tk.corpusInfo === 'function',
  prepare: typeof tk.prepare === 'function',
};

/**
 * The wasm's response, its body counted on the way through: `onProgress(loaded, total)` after
 * each chunk (`total` 0 when the size is unknown or the body arrives compressed). It is still a
 * Response of type application/wasm, so the module compiles while it downloads.
 */
async function counted(url, onProgress) {
  const response = await fetch(url);
  if (!response.ok || !response.body || typeof TransformStream !== 'function') return response;
  const length = Number(response.headers.get('Content-Length')) || 0;
  const total = response.headers.get('Content-Encoding') ? 0 : length;
  let loaded = 0;
  const body = response.body.pipeThrough(new TransformStream({
    transform(chunk, out) {
      loaded += chunk.byteLength;
      try { onProgress(loaded, total); } catch { /* a failing listener must not stop the download */ }
      out.enqueue(chunk);
    },
  }));
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

let started = null;
/** Fetches and instantiates the wasm (once), telling `onProgress(loaded, total)` how the download goes. */
export function start(onProgress) {
  const url = new URL('../pkg/treatykit_bg.wasm', import.meta.url);
  started ??= tk.default({ module_or_path: onProgress ? counted(url, onProgress) : url });
  return started;
}

/** Value → label of every facet field, learnt from every facet answer (for chips and badges). */
export const labels = {};

function plain(v) {
  return v instanceof Map ? Object.fromEntries(v) : v;
}

function learn(facets) {
  for (const [field, values] of Object.entries(facets ?? {})) {
    if (!Array.isArray(values)) continue;
    labels[field] ??= {};
    for (const v of values) if (v && typeof v.value === 'string') labels[field][v.value] = v.label ?? v.value;
  }
}

let learntAll = false;
/**
 * Label of a facet value, as the engine names it (the one source of these words: the facet, the
 * badges and the widget all show it); an unknown slug reads as words (`"final-act"` → `"Final act"`).
 */
export function label(field, value) {
  let known = labels[field]?.[value];
  if (!known && !learntAll) {
    // A page opened straight on a record has seen no facet answer yet: learn every label once.
    learntAll = true;
    facets();
    known = labels[field]?.[value];
  }
  if (known) return known;
  const s = String(value).replace(/[-_]+/g, ' ').trim();
  return s ? s[0].toUpperCase() + s.slice(1) : String(value);
}

function failure(e) {
  return { code: e?.code ?? 'ERROR', message: e?.message ?? String(e) };
}

/**
 * Searches. Always returns `{ total, hits, facets, relaxed, corrected, error }`; `facets` is
 * `null` when this build's search does not count facets, `corrected` the query as the engine
 * read it or `null`, `error` is `{ code, message }` or `null`.
 */
export function search(query, options = {}) {
  try {
    const r = tk.search(query, options);
    const facets = r && typeof r.facets === 'object' && r.facets !== null ? plain(r.facets) : null;
    learn(facets);
    return {
      total: Number(r?.total ?? 0),
      hits: Array.isArray(r?.hits) ? r.hits : [],
      facets,
      relaxed: r?.relaxed ?? false,
      corrected: typeof r?.corrected === 'string' && r.corrected ? r.corrected : null,
      error: null,
    };
  } catch (e) {
    return { total: 0, hits: [], facets: null, relaxed: false, corrected: null, error: failure(e) };
  }
}

/** Facet counts of the whole corpus under `filters`, or `null` when not available. */
export function facets(filters = {}) {
  if (!has.facets) return null;
  try {
    const f = plain(tk.facets(filters));
    learn(f);
    return f;
  } catch {
    return null;
  }
}

const records = new Map();
/** `{ record }` or `{ error }`. */
export function record(id) {
  if (!has.record) return { error: { code: 'UNAVAILABLE', message: 'This build cannot open records yet.' } };
  if (!records.has(id)) {
    try {
      records.set(id, { record: tk.record(id) });
    } catch (e) {
      return { error: failure(e) };
    }
  }
  return records.get(id);
}

let cats = null;
/** The categories of mobile person (`[]` when this build has no rights API). */
export function categories() {
  if (!has.categories) return [];
  if (!cats) {
    try {
      const c = tk.categories();
      cats = Array.isArray(c) ? c : [];
    } catch {
      cats = [];
    }
  }
  return cats;
}

const rightsCache = new Map();
/** `{ category, rights }` or `{ error }`. */
export function rights(categoryId, options = {}) {
  if (!has.rights) return { error: { code: 'UNAVAILABLE', message: 'This build has no rights lookup yet.' } };
  const key = `${categoryId}\u0000${options.bindingOnly ? 1 : 0}\u0000${options.group ?? ''}`;
  if (!rightsCache.has(key)) {
    try {
      const r = tk.rights(categoryId, options);
      rightsCache.set(key, { category: r?.category ?? null, rights: Array.isArray(r?.rights) ? r.rights : [] });
    } catch (e) {
      return { error: failure(e) };
    }
  }
  return rightsCache.get(key);
}

/** `{ onlyA, onlyB, both }` or `{ error }`. */
export function compare(a, b) {
  if (!has.compare) return { error: { code: 'UNAVAILABLE', message: 'This build cannot compare categories yet.' } };
  try {
    const r = tk.compareRights(a, b);
    return { onlyA: r?.onlyA ?? [], onlyB: r?.onlyB ?? [], both: r?.both ?? [] };
  } catch (e) {
    return { error: failure(e) };
  }
}

/** The categories holding right `id` (`[]` when unknown or unavailable). */
export function whoHolds(id) {
  if (!has.whoHolds) return [];
  try {
    const r = tk.whoHolds(id);
    return Array.isArray(r) ? r : [];
  } catch {
    return [];
  }
}

/**
 * Has the engine compile its search path now (`prepare()`), so that the visitor's first
 * keystroke answers at once; best called while the page is idle. Any problem is left for
 * the first search to report.
 */
export function prepare() {
  if (!has.prepare) return;
  try {
    tk.prepare();
  } catch {
    // The first search reports it where the visitor sees it.
  }
}

/** `{ formatVersion, corpusDate, counts }` or `null`. */
export function info() {
  if (!has.info) return null;
  try {
    return tk.corpusInfo();
  } catch {
    return null;
  }
}
