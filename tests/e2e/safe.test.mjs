// js/safe.js against a real trap: a debug build with the test-only export `__testPanic`
// (cargo feature test-hooks, `make pkg-test`, over the hostile fixture corpus) panics on purpose; the panic message reaches
// console.error (console_error_panic_hook) and every later call throws TREATYKIT_UNUSABLE.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { guard, unusableError, isTrap, UNUSABLE, TreatykitUnusableError } from '../../js/safe.js';

const PKG = new URL('../../target/pkg-test/', import.meta.url);

/** A fresh instance of the test build, with console.error captured while `run` executes. */
async function withInstance(run) {
  // A query string gives a fresh module (and so a fresh wasm instance) per test.
  const mod = await import(new URL(`treatykit.js?instance=${Math.random()}`, PKG));
  mod.initSync({ module: readFileSync(new URL('treatykit_bg.wasm', PKG)) });
  const logged = [];
  const original = console.error;
  console.error = (...args) => logged.push(args.join(' '));
  try { await run(mod, logged); } finally { console.error = original; }
}

test('a panic is logged with its message and every later call throws TREATYKIT_UNUSABLE', async () => {
  await withInstance(async (mod, logged) => {
    const seen = [];
    const tk = guard(mod, { onUnusable: (e) => seen.push(e) });
    assert.ok(tk.search('refugee').total >= 1, 'works before the trap');
    assert.equal(unusableError(tk), null);

    assert.throws(() => tk.__testPanic('boom'), (e) => {
      assert.ok(e instanceof TreatykitUnusableError);
      assert.equal(e.code, UNUSABLE);
      assert.ok(e.cause instanceof WebAssembly.RuntimeError, `cause: ${e.cause}`);
      assert.match(e.message, /reload the page/);
      return true;
    });
    assert.ok(logged.some((l) => l.includes('treatykit test panic: boom')), `console.error: ${logged.join(' | ')}`);

    for (const call of [() => tk.search('refugee'), () => tk.corpusInfo(), () => tk.search(42)]) {
      assert.throws(call, (e) => e.code === UNUSABLE && e.cause instanceof WebAssembly.RuntimeError);
    }
    assert.equal(seen.length, 1, 'onUnusable is called once');
    assert.equal(unusableError(tk)?.code, UNUSABLE);
  });
});

test('without the guard the same trap surfaces only as a bare RuntimeError', async () => {
  await withInstance(async (mod) => {
    assert.throws(() => mod.__testPanic('bare'), (e) => e instanceof WebAssembly.RuntimeError && !('code' in e));
    assert.ok(isTrap(new WebAssembly.RuntimeError('unreachable')));
  });
});

test('typed errors pass through the guard unchanged and the instance stays usable', async () => {
  await withInstance(async (mod) => {
    const tk = guard(mod);
    for (const bad of [42, undefined, null, {}, ['refugee']]) {
      assert.throws(() => tk.search(bad), (e) => e instanceof TypeError && e.code === 'INVALID_ARGUMENT');
      assert.ok(tk.search('refugee').total >= 1, `search works after search(${JSON.stringify(bad)})`);
    }
    assert.equal(unusableError(tk), null);
    assert.ok(!isTrap(Object.assign(new RangeError('Maximum call stack size exceeded'), { code: 'X' })));
  });
});

test('instances returned by guarded classes are guarded too, and free() after a trap is a no-op', () => {
  // A stand-in for a wasm-bindgen class (same shape: static factory, methods, free).
  class Index {
    static fromRecords(records) { if (!Array.isArray(records)) throw Object.assign(new TypeError('records'), { code: 'INVALID_RECORDS' }); return new Index(); }
    search(q) { if (q === 'trap') throw new WebAssembly.RuntimeError('unreachable'); return { total: 1 }; }
    free() { this.freed = true; }
  }
  const tk = guard({ Index, version: '1' });
  assert.equal(tk.version, '1');
  assert.throws(() => tk.Index.fromRecords(7), (e) => e.code === 'INVALID_RECORDS');
  const index = tk.Index.fromRecords([]);
  assert.ok(index instanceof tk.Index && index instanceof Index);
  assert.equal(index.search('x').total, 1);
  assert.throws(() => index.search('trap'), (e) => e.code === UNUSABLE);
  assert.throws(() => tk.Index.fromRecords([]), (e) => e.code === UNUSABLE);
  assert.throws(() => new tk.Index(), (e) => e.code === UNUSABLE);
  assert.doesNotThrow(() => index.free());
});
