// Not a test file: a script that tests/e2e/node18.test.mjs runs, in Node 18 and in the current
// Node, from a project whose node_modules/treatykit is the package (pkg/). It calls every export
// of `treatykit` and `treatykit/safe` as a Node program would, and prints one JSON object of
// what came back (errors as their class and code), for the test to compare across versions.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as tk from 'treatykit';
import { guard, unusableError } from 'treatykit/safe';

tk.initSync({ module: readFileSync(createRequire(import.meta.url).resolve('treatykit/treatykit_bg.wasm')) });

/** The text a [start, end) pair of UTF-16 offsets picks out of `s`, as JavaScript slices it. */
const picked = (s, pairs) => pairs.map(([a, b]) => s.slice(a, b));

/** What a search answer says, compactly: ids, highlighted text, the first facet counts. */
function brief(r) {
  return {
    total: r.total,
    relaxed: r.relaxed,
    corrected: r.corrected ?? null,
    hits: r.hits.map((h) => [h.id, h.kind, picked(h.snippet, h.highlights), picked(h.title, h.titleHighlights)]),
    facets: Object.fromEntries(Object.entries(r.facets).map(([k, v]) => [k, v.slice(0, 3)])),
  };
}

/** The class and code of what `f` throws, or 'no error'. */
function thrown(f) {
  try {
    f();
    return 'no error';
  } catch (e) {
    return [e?.constructor?.name, e?.code];
  }
}

const out = {};
out.node = process.versions.node;
out.prepared = [tk.prepare(), tk.prepare()];
out.info = (({ formatVersion, corpusDate }) => ({ formatVersion, corpusDate }))(tk.corpusInfo());
out.typo = brief(tk.search('refoulment'));
out.filtered = brief(tk.search('refugee', { limit: 5, filters: { kind: 'instrument', binding: true, yearFrom: 1950 } }));
out.browse = brief(tk.search('', { limit: 3, offset: 2, filters: { gcmObjective: 7 } }));
out.phrase = brief(tk.search('"stateless persons" -1961'));
out.facets = tk.facets({ theme: 'refugee-protection' }).kind;
out.record = (({ id, kind, title }) => ({ id, kind, title }))(tk.record('refugee-convention'));
out.categories = tk.categories().map((c) => c.id);
out.rights = tk.rights('student', { bindingOnly: true }).rights.map((r) => [r.id, r.anchors.length]);
const compared = tk.compareRights('refugee', 'visitor');
out.compared = [compared.onlyA.length, compared.onlyB.length, compared.both.length];
out.whoHolds = tk.whoHolds('seek-asylum').map((h) => h.id);

// A website's own records: astral characters, accents, lists, numbers and booleans as facets.
const records = [
  { id: 1, title: 'Café 😀 au lait', body: ['le café est noir', 'with milk'], lang: 'fr', open: true },
  { id: 2, title: 'Green tea 🍵', body: 'green tea and black tea', lang: 'en', open: false },
  ...Array.from({ length: 200 }, (_, i) => ({ id: 3 + i, title: `Record ${i}`, body: `word${i % 17} shared text ${i}`, lang: i % 3 ? 'en' : 'de', open: i % 2 === 0 })),
];
const index = tk.Index.fromRecords(records, { id: 'id', title: 'title', fields: { title: { boost: 2 }, body: {} }, facets: ['lang', 'open'] });
out.index = {
  accent: brief(index.search('CAFE')),
  typo: brief(index.search('gren tea')),
  filtered: brief(index.search('shared', { limit: 3, filters: { lang: ['de'], open: true } })),
  facets: index.facets({ lang: 'en' }),
};
index.free();

out.errors = {
  queryNotString: thrown(() => tk.search(42)),
  badLimit: thrown(() => tk.search('refugee', { limit: 0 })),
  unknownFilter: thrown(() => tk.search('refugee', { filters: { lang: 'en' } })),
  unknownRecord: thrown(() => tk.record('nope')),
  unknownCategory: thrown(() => tk.rights('nope')),
  badRecords: thrown(() => tk.Index.fromRecords([{ title: 'no id' }], { fields: { title: {} } })),
  freed: thrown(() => index.search('tea')),
};

const guarded = guard(tk);
out.safe = { total: guarded.search('refugee').total, unusable: unusableError(guarded) };

console.log(JSON.stringify(out));
