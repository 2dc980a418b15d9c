// End-to-end in Node: two copies of the glue on one page (a widget and the page's own import,
// `treatykit.js?v=2`) share the module that assembles answers, but each answers only from its
// own wasm instance; calling the exported `start()` again changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const PKG = new URL('../../pkg/', import.meta.url);
const WASM = readFileSync(new URL('treatykit_bg.wasm', PKG));

async function copy(tag) {
  const m = await import(new URL(`treatykit.js?copy=${tag}`, PKG).href);
  m.initSync({ module: WASM });
  return m;
}

const ids = (r) => r.hits.map((h) => h.id);

test('two copies of the glue each answer from their own records, interleaved and after a free', async () => {
  const a = await copy('a');
  const b = await copy('b');
  assert.notEqual(a.search, b.search, 'two module instances');
  const schema = { fields: { title: {}, body: {} } };
  const ia = a.Index.fromRecords([{ id: 'a1', title: 'from A', body: 'hello there' }], schema);
  const ib = b.Index.fromRecords([{ id: 'b1', title: 'from B', body: 'hello world' }, { id: 'b2', title: 'B again', body: 'hello' }], schema);
  const embedded = ids(a.search('refugee', { limit: 5 }));
  for (let round = 0; round < 3; round++) {
    assert.deepEqual(ids(ia.search('hello')), ['a1']);
    assert.deepEqual(ids(ib.search('hello')).sort(), ['b1', 'b2']);
    assert.deepEqual(ia.search('hello').hits[0].title, 'from A');
    assert.deepEqual(ids(b.search('refugee', { limit: 5 })), embedded);
    assert.deepEqual(ids(a.search('refugee', { limit: 5 })), embedded);
    assert.equal(a.facets().kind.length, b.facets().kind.length);
  }
  ib.free();
  assert.deepEqual(ids(ia.search('hello')), ['a1'], 'freeing the other copy’s index changes nothing here');
  const again = b.Index.fromRecords([{ id: 'c1', title: 'C', body: 'hello' }], schema);
  assert.deepEqual(ids(again.search('hello')), ['c1']);
  assert.deepEqual(ids(ia.search('hello')), ['a1']);
  ia.free();
  again.free();
});

test('calling start() again leaves every later search answering', async () => {
  const m = await copy('start');
  const first = ids(m.search('refugee', { limit: 3 }));
  m.start();
  assert.deepEqual(ids(m.search('refugee', { limit: 3 })), first);
  assert.ok(m.search('stateless', { limit: 3 }).total > 0);
  const ix = m.Index.fromRecords([{ id: 'x', body: 'hello' }], { fields: { body: {} } });
  m.start();
  assert.deepEqual(ids(ix.search('hello')), ['x']);
  ix.free();
});
