// Lifetimes in the built package (pkg/, in Node): an export used before `init()` throws a typed
// `NOT_INITIALIZED` error (scripts/finish-pkg.mjs `guardUninitialized`); `free()` releases an
// index once, a second `free()` does nothing, a freed index answers every call with a typed
// `INDEX_FREED` error while the instance keeps working, and an object that never held an index
// says so (`guardFreed`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { guardFreed, guardUninitialized } from '../../scripts/finish-pkg.mjs';

const PKG = new URL('../../pkg/', import.meta.url);

async function instance() {
  const mod = await import(new URL(`treatykit.js?instance=${Math.random()}`, PKG));
  mod.initSync({ module: readFileSync(new URL('treatykit_bg.wasm', PKG)) });
  return mod;
}

const RECORDS = [
  { id: 'a', title: 'Refugee travel documents', body: 'Travel documents for refugees.', lang: 'en' },
  { id: 'b', title: 'Documents de voyage', body: 'Titres de voyage pour les réfugiés.', lang: 'fr' },
];
const SCHEMA = { id: 'id', title: 'title', fields: { title: { boost: 2 }, body: {} }, facets: ['lang'] };

const isFreed = (e) => e instanceof Error && e.code === 'INDEX_FREED' && /freed/.test(e.message);
const notAnIndex = (e) => e instanceof TypeError && e.code === 'INVALID_ARGUMENT' && /Index\.fromRecords/.test(e.message);
const notInitialized = (e) => e instanceof Error && e.code === 'NOT_INITIALIZED' && /init\(\)/.test(e.message);

test('every export used before init() throws NOT_INITIALIZED, and answers once init has run', async () => {
  const tk = await import(new URL(`treatykit.js?instance=${Math.random()}`, PKG));
  for (const [name, call] of [
    ['search', () => tk.search('refugee')],
    ['facets', () => tk.facets()],
    ['record', () => tk.record('gcm')],
    ['categories', () => tk.categories()],
    ['rights', () => tk.rights('student')],
    ['corpusInfo', () => tk.corpusInfo()],
    ['prepare', () => tk.prepare()],
    ['Index.fromRecords', () => tk.Index.fromRecords(RECORDS, SCHEMA)],
  ]) {
    assert.throws(call, notInitialized, `${name} before init`);
  }
  tk.initSync({ module: readFileSync(new URL('treatykit_bg.wasm', PKG)) });
  assert.ok(tk.search('refugee').total > 0, 'search answers after initSync');
  assert.equal(tk.Index.fromRecords(RECORDS, SCHEMA).search('voyage').hits[0].id, 'b');
  const exports = tk.initSync({ module: readFileSync(new URL('treatykit_bg.wasm', PKG)) });
  assert.ok(exports.memory instanceof WebAssembly.Memory, 'a second initSync returns the same exports');
});

test('new Index() and methods called on other objects throw INVALID_ARGUMENT naming Index.fromRecords', async () => {
  const tk = await instance();
  const index = tk.Index.fromRecords(RECORDS, SCHEMA);
  const fake = new tk.Index();
  assert.throws(() => fake.search('refugee'), notAnIndex);
  assert.throws(() => fake.size, notAnIndex);
  assert.throws(() => tk.Index.prototype.search.call({}, 'refugee'), notAnIndex);
  assert.throws(() => tk.Index.prototype.facets.call(undefined), notAnIndex);
  assert.equal(index.search('refugee').hits[0].id, 'a', 'a real index keeps answering');
  index.free();
});

test('a freed Index throws INDEX_FREED from every method, and the instance keeps working', async () => {
  const tk = await instance();
  const index = tk.Index.fromRecords(RECORDS, SCHEMA);
  assert.equal(index.search('refugee').hits[0].id, 'a');
  index.free();
  for (const [name, call] of [
    ['search', () => index.search('refugee')],
    ['facets', () => index.facets()],
    ['size', () => index.size],
  ]) {
    assert.throws(call, isFreed, `${name} after free()`);
  }
  const again = tk.Index.fromRecords(RECORDS, SCHEMA);
  assert.equal(again.size, 2, 'a new index works after the error');
  assert.equal(again.search('voyage').hits[0].id, 'b');
  assert.ok(tk.search('refugee').total > 0, 'the embedded corpus still answers');
  again.free();
});

test('free() twice, or on an object that never held an index, does nothing', async () => {
  const tk = await instance();
  const index = tk.Index.fromRecords(RECORDS, SCHEMA);
  index.free();
  assert.doesNotThrow(() => index.free());
  const hollow = Object.create(tk.Index.prototype);
  assert.doesNotThrow(() => hollow.free());
  assert.throws(() => hollow.search('refugee'), isFreed, 'free() marks even a hollow object freed');
});

test('copies and forgeries of an Index cannot pass for it, and freeing one leaves the original answering', async () => {
  const tk = await instance();
  const index = tk.Index.fromRecords(RECORDS, SCHEMA);
  const other = tk.Index.fromRecords([{ id: 'x', title: 'Other index', body: 'refugee elsewhere' }], SCHEMA);
  const copies = [
    ['a spread copy', { ...index }],
    ['Object.assign onto the prototype', Object.assign(Object.create(tk.Index.prototype), index)],
    ['structuredClone', structuredClone(index)],
    ['an object inheriting from it', Object.create(index)],
    ['a forged handle', { __wbg_ptr: 8 }],
    ['a forged handle on the prototype', Object.assign(Object.create(tk.Index.prototype), { __wbg_ptr: 1 })],
    ['a proxy of it', new Proxy(index, {})],
  ];
  for (const [name, copy] of copies) {
    assert.throws(() => tk.Index.prototype.search.call(copy, 'refugee'), notAnIndex, `${name}: search`);
    assert.throws(() => Reflect.get(tk.Index.prototype, 'size', copy), notAnIndex, `${name}: size`);
    assert.doesNotThrow(() => tk.Index.prototype.free.call(copy), `${name}: free() does nothing`);
    assert.deepEqual(index.search('refugee').hits.map((h) => h.id), ['a'], `${name}: the original still answers`);
  }
  assert.equal(other.search('refugee').hits[0].id, 'x', 'another index is untouched');
  index.free();
  other.free();
});

test('a getter that calls treatykit from its own calls ends at the nesting limit, and the instance keeps working', async () => {
  const tk = await instance();
  const index = tk.Index.fromRecords(RECORDS, SCHEMA);
  // (export, the key its getter reads, the valid value it returns, the call)
  for (const [name, key, value, call] of [
    ['search', 'limit', 3, (o) => tk.search('refugee', o)],
    ['facets', 'kind', 'instrument', (o) => tk.facets(o)],
    ['rights', 'group', 'protection', (o) => tk.rights('refugee', o)],
    ['Index.search', 'limit', 3, (o) => index.search('refugee', o)],
    ['Index.fromRecords', 'fields', { title: {} }, (o) => tk.Index.fromRecords(RECORDS, o)],
  ]) {
    let depth = 0;
    let deepest = 0;
    const refused = [];
    // Each call reads the getter, which calls again: a recursion only the nesting limit ends.
    const hostile = {
      get [key]() {
        depth += 1;
        deepest = Math.max(deepest, depth);
        try { call(hostile); } catch (e) { refused.push(e); } finally { depth -= 1; }
        return value;
      },
    };
    assert.doesNotThrow(() => call(hostile), `${name}: the outermost call answers`);
    assert.equal(deepest, 8, `${name}: the getter ran 8 levels deep`);
    assert.equal(refused.length, 1, `${name}: only the ninth call is refused`);
    assert.ok(refused[0] instanceof RangeError && refused[0].code === 'INVALID_ARGUMENT' && /8 levels/.test(refused[0].message), `${name}: ${refused[0]}`);
    assert.ok(tk.search('refugee').total > 0, `${name}: the instance keeps working`);
    assert.equal(index.search('voyage').hits[0].id, 'b');
  }
  index.free();
});

test('a frozen Index answers, and free() releases it', async () => {
  const tk = await instance();
  const index = Object.freeze(tk.Index.fromRecords(RECORDS, SCHEMA));
  assert.equal(index.search('voyage').hits[0].id, 'b');
  assert.doesNotThrow(() => index.free());
  assert.throws(() => index.search('voyage'), isFreed);
  assert.doesNotThrow(() => index[Symbol.dispose]?.());
  assert.ok(tk.search('refugee').total > 0, 'the instance keeps working');
});

test('guardFreed patches the glue once and refuses glue of a shape it does not know', () => {
  const glue = [
    "import * as a from './a.js';",
    'export class Index {',
    '    static __wrap(ptr) {',
    '        const obj = Object.create(Index.prototype);',
    '        obj.__wbg_ptr = ptr;',
    '        IndexFinalization.register(obj, obj.__wbg_ptr, obj);',
    '        return obj;',
    '    }',
    '    __destroy_into_raw() {',
    '        const ptr = this.__wbg_ptr;',
    '        this.__wbg_ptr = 0;',
    '        IndexFinalization.unregister(this);',
    '        return ptr;',
    '    }',
    '    free() {',
    '        const ptr = this.__destroy_into_raw();',
    '        wasm.__wbg_index_free(ptr, 0);',
    '    }',
    '    search(q) {',
    '        const ret = wasm.index_search(this.__wbg_ptr, q);',
    '    }',
    '}',
  ].join('\n');
  const once = guardFreed(glue);
  assert.match(once, /if \(!ptr\) return;\n\s+wasm\.__wbg_index_free\(ptr, 1\);/);
  assert.match(once, /wasm\.index_search\(livePtr\(this\), q\)/);
  assert.match(once, /LIVE\.set\(obj, ptr\);\n\s+IndexFinalization\.register\(obj, ptr, obj\);/);
  assert.match(once, /const ptr = LIVE\.get\(this\) \?\? 0;/);
  assert.doesNotMatch(once, /__wbg_ptr/, 'no pointer is left on the objects');
  assert.ok(once.indexOf('function livePtr(') > once.indexOf("import * as a"), 'the helper comes after the imports');
  assert.equal(guardFreed(once), once, 'idempotent');
  assert.throws(() => guardFreed('export class Index {}'), /unexpected shape/);
  assert.throws(() => guardFreed(glue.replace('obj.__wbg_ptr = ptr;', 'obj.ptr = ptr;')), /unexpected shape/);
});

test('guardUninitialized stubs the exports once and refuses glue of a shape it does not know', () => {
  const glue = [
    'let wasmModule, wasmInstance, wasm;',
    'function initSync(module) {',
    '    if (wasm !== undefined) return wasm;',
    '}',
    'async function __wbg_init(module_or_path) {',
    '    if (wasm !== undefined) return wasm;',
    '}',
  ].join('\n');
  const once = guardUninitialized(glue);
  assert.match(once, /let wasmModule, wasmInstance, wasm = NOT_READY;/);
  assert.equal(once.match(/if \(wasm !== NOT_READY\) return wasm;/g).length, 2);
  assert.doesNotMatch(once, /wasm !== undefined/);
  assert.equal(guardUninitialized(once), once, 'idempotent');
  assert.throws(() => guardUninitialized('let wasm;'), /unexpected shape/);
});

test('free() from a getter of the index\'s own options releases it as the call returns, without an error', async () => {
  const mod = await import(new URL(`treatykit.js?instance=${Math.random()}`, PKG));
  const wasm = mod.initSync({ module: readFileSync(new URL('treatykit_bg.wasm', PKG)) });
  // About 3 MB of wasm memory per index: 30 of them kept would grow the memory by ~100 MB.
  const records = Array.from({ length: 4000 }, (_, i) => ({
    id: `r${i}`, title: `Record ${i}`, body: `refugee travel document ${i} w${i * 7} v${i * 13} u${i * 31} t${i % 97}`, lang: i % 2 ? 'en' : 'fr',
  }));
  const freeWhileReading = () => {
    const index = mod.Index.fromRecords(records, SCHEMA);
    const answer = index.search('refugee', { get limit() { index.free(); return 5; } });
    assert.equal(answer.hits.length, 5, 'the call that read the getter still answers');
    assert.throws(() => index.size, isFreed, 'the index counts as freed at once');
    assert.doesNotThrow(() => index.free());
  };
  freeWhileReading();
  const before = wasm.memory.buffer.byteLength;
  for (let i = 0; i < 30; i++) freeWhileReading();
  const grown = wasm.memory.buffer.byteLength - before;
  assert.ok(grown < 16 * 2 ** 20, `memory grew by ${grown} bytes over 30 indexes freed from a getter`);
  const again = mod.Index.fromRecords(RECORDS, SCHEMA);
  assert.equal(again.search('voyage').hits[0].id, 'b', 'the instance keeps working');
  assert.ok(mod.search('refugee').total > 0);
});
