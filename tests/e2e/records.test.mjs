// How `Index.fromRecords` reads a record (built package, Node): a field is what `record[key]`
// reads, so class instances with getters and values a record inherits are indexed, while an
// object or function it only inherits (`constructor`, `toString`, …) is no field
// (src/convert.rs `record_to_json`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const PKG = new URL('../../pkg/', import.meta.url);
const tk = await import(new URL('treatykit.js', PKG));
tk.initSync({ module: readFileSync(new URL('treatykit_bg.wasm', PKG)) });

class Article {
  #parts;
  constructor(id, heading, text, lang) { this.id = id; this.#parts = { heading, text }; this.lang = lang; }
  get title() { return this.#parts.heading; }
  get body() { return this.#parts.text; }
}

const SCHEMA = { id: 'id', title: 'title', fields: { title: { boost: 2 }, body: {} }, facets: ['lang'], store: ['constructor'] };

test('class instances are indexed through their getters, like plain objects with the same values', () => {
  const instances = [
    new Article('a', 'Travel documents', 'Refugees receive travel documents.', 'en'),
    new Article('b', 'Titres de voyage', 'Les réfugiés reçoivent des titres de voyage.', 'fr'),
  ];
  const plain = instances.map((r) => ({ id: r.id, title: r.title, body: r.body, lang: r.lang }));
  const fromClass = tk.Index.fromRecords(instances, SCHEMA);
  const fromPlain = tk.Index.fromRecords(plain, SCHEMA);
  for (const q of ['refugees', 'voyage', 'travel documents', 'refugies']) {
    assert.deepEqual(fromClass.search(q), fromPlain.search(q), q);
  }
  assert.equal(fromClass.search('voyage').hits[0].title, 'Titres de voyage');
  assert.deepEqual(fromClass.facets(), fromPlain.facets());
  fromClass.free();
  fromPlain.free();
});

test('an inherited string is a field, an inherited object or function is none', () => {
  const proto = { body: 'inherited text about asylum' };
  const records = [Object.assign(Object.create(proto), { id: 'x', title: 'Heir' })];
  const index = tk.Index.fromRecords(records, SCHEMA);
  assert.equal(index.search('asylum').hits[0]?.id, 'x', 'the inherited body is searchable');
  const hit = index.search('heir').hits[0];
  assert.equal(hit.id, 'x');
  assert.ok(!Object.keys(hit).includes('constructor'), 'Object.prototype.constructor is not stored');
  index.free();
});

test('a dotted key reads nested objects, as a whole key first, for every part of the schema', () => {
  const nested = [
    { ref: { id: 'n1' }, meta: { title: 'Travel documents', lang: 'en', source: { year: 1951 } }, text: { body: 'Refugees receive travel documents.' } },
    { ref: { id: 'n2' }, meta: { title: 'Titres de voyage', lang: 'fr', source: { year: 1967 } }, text: { body: 'Les réfugiés reçoivent des titres.' } },
  ];
  const flat = nested.map((r) => ({ id: r.ref.id, title: r.meta.title, body: r.text.body, lang: r.meta.lang }));
  const schema = (id, title, body, lang) => ({ id, title, fields: { [title]: { boost: 2 }, [body]: {} }, facets: [lang] });
  const a = tk.Index.fromRecords(nested, schema('ref.id', 'meta.title', 'text.body', 'meta.lang'));
  const b = tk.Index.fromRecords(flat, schema('id', 'title', 'body', 'lang'));
  for (const q of ['refugees', 'voyage', 'travel documents']) {
    const [x, y] = [a.search(q), b.search(q)];
    assert.deepEqual(x.hits.map((h) => [h.id, h.title, h.snippet, h['meta.lang']]), y.hits.map((h) => [h.id, h.title, h.snippet, h.lang]), q);
    assert.ok(x.total > 0, q);
  }
  assert.equal(a.search('', { filters: { 'meta.lang': ['fr'] } }).hits[0].id, 'n2');
  // Three levels deep, and a key that holds a dot itself wins over the path.
  const c = tk.Index.fromRecords(
    [{ id: 'x', 'meta.title': 'Whole key', meta: { title: 'Nested', source: { note: 'deep words' } } }],
    { id: 'id', title: 'meta.title', fields: { 'meta.source.note': {} } });
  assert.equal(c.search('deep').hits[0].title, 'Whole key');
  // A path through something that is not an object reads nothing.
  const d = tk.Index.fromRecords([{ id: 'y', meta: 'flat text', body: 'words' }], { id: 'id', title: 'meta.title', fields: { body: {}, 'meta.length': {} } });
  assert.equal(d.search('words').hits[0].title, '');
  assert.equal(d.search('9').total, 0, 'meta.length of a string is not read');
  for (const i of [a, b, c, d]) i.free();
});

test('fields given as an array of names search as the object form with every boost 1', () => {
  const records = [
    { id: 'a', title: 'Travel documents for refugees', body: 'Issued by the host state.', lang: 'en' },
    { id: 'b', title: 'Host state duties', body: 'Travel documents and identity papers for refugees.', lang: 'en' },
    { id: 'c', title: 'Titres de voyage', body: 'Les réfugiés reçoivent des titres.', lang: 'fr' },
  ];
  const listed = tk.Index.fromRecords(records, { fields: ['title', 'body'], facets: ['lang'] });
  const spelled = tk.Index.fromRecords(records, { fields: { title: {}, body: { boost: 1 } }, facets: ['lang'] });
  const boosted = tk.Index.fromRecords(records, { fields: { title: { boost: 5 }, body: {} }, facets: ['lang'] });
  for (const q of ['travel documents', 'refugees', 'host', 'refugies', 'titre']) {
    assert.deepEqual(listed.search(q), spelled.search(q), q);
  }
  // Not the scores of an index that boosts a field: the array form boosts none.
  assert.notDeepEqual(listed.search('travel refugees').hits.map((h) => h.score), boosted.search('travel refugees').hits.map((h) => h.score));
  for (const [fields, message] of [
    [['title', 7], /field names \(strings\), found a number/],
    [['title', 'body', 'title'], /lists "title" twice/],
    [[], /at least one field/],
    [['title', ''], /empty field name/],
  ]) {
    assert.throws(() => tk.Index.fromRecords(records, { fields }), (e) =>
      e instanceof TypeError && e.code === 'INVALID_ARGUMENT' && message.test(e.message), JSON.stringify(fields));
  }
  assert.throws(() => tk.Index.fromRecords(records, { fields: Array.from({ length: 100 }, (_, i) => `f${i}`) }), (e) =>
    e instanceof RangeError && e.code === 'INVALID_ARGUMENT' && e.message.includes('has 100 fields'));
  // An array longer than what is read of it is not miscounted.
  assert.throws(() => tk.Index.fromRecords(records, { fields: Array.from({ length: 100000 }, (_, i) => `f${i}`) }), (e) =>
    e instanceof RangeError && e.message.includes('has more than 2048 fields'));
  assert.throws(() => tk.Index.fromRecords(records, { fields: ['title'], facets: Array.from({ length: 100000 }, (_, i) => `f${i}`) }), (e) =>
    e instanceof RangeError && e.message.includes('lists more than 2048 fields'));
  assert.throws(() => tk.Index.fromRecords([{ id: 'x', title: 't', tag: Array.from({ length: 100000 }, (_, i) => `t${i}`) }], { fields: ['title'], facets: ['tag'] }), (e) =>
    e instanceof RangeError && e.code === 'INVALID_RECORDS' && e.message.includes('has more than 2048 values'));
  for (const i of [listed, spelled, boosted]) i.free();
});

test('a schema whose text fields no record holds is refused, naming the fields and the keys the records have', () => {
  const records = [{ id: 'a', title: 'One', body: 'text' }, { id: 'b', title: 'Two', body: 'more' }];
  assert.throws(() => tk.Index.fromRecords(records, { fields: { bdoy: {} } }), (e) =>
    e instanceof TypeError && e.code === 'INVALID_ARGUMENT'
    && e.message.includes('no record (of 2)') && e.message.includes('`bdoy`')
    && e.message.includes('`id`, `title`, `body`'));
  // Nested records with a flat key, the other way round.
  assert.throws(() => tk.Index.fromRecords([{ id: 'n', text: { body: 'words' } }], { fields: { body: {} } }), /`text`/);
  // One record holding one of the fields is enough.
  const ok = tk.Index.fromRecords([...records, { id: 'c', bdoy: 'typo kept' }], { fields: { bdoy: {} } });
  assert.equal(ok.search('typo').hits[0].id, 'c');
  ok.free();
});
