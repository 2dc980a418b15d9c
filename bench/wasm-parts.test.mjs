// Checks bench/wasm-parts.mjs (run by `make bench` before measuring, or alone with
// `node --test bench/`): the size breakdown in BENCHMARKS.md is only as true as this parser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { wasmParts } from './wasm-parts.mjs';

const uleb = (n) => {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
};
const section = (id, body) => [id, ...uleb(body.length), ...body];
/** An active segment at memory offset `offset` (i32.const … end), then its bytes. */
const active = (offset, bytes) => [0, 0x41, ...uleb(offset), 0x0b, ...uleb(bytes.length), ...bytes];
const passive = (bytes) => [1, ...uleb(bytes.length), ...bytes];
/** A corpus binary as core/src/format.rs lays it out, with `n` payload bytes. */
const corpusBinary = (n) => {
  const b = Buffer.alloc(8 + 2 + 4 + n + 4, 0x61);
  b.write('TKCORPUS', 0, 'latin1');
  b.writeUInt16LE(3, 8);
  b.writeUInt32LE(n, 10);
  return [...b];
};
const module = (...sections) => Buffer.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...sections.flat()]);
const byName = (parts) => Object.fromEntries(parts.map((p) => [p.part.split(' (')[0], p]));

test('the corpus is cut out of the data segment holding it, to the length its header gives', () => {
  const before = Array(37).fill(7);
  const after = Array(11).fill(9);
  const wasm = module(
    section(1, [1, 0x60, 0, 0]), // one type: () -> ()
    section(10, [1, 4, 0, 0x41, 0, 0x0b]), // one function body (never validated here)
    section(11, [2, ...active(1024, [...before, ...corpusBinary(300), ...after]), ...passive([1, 2, 3])]),
  );
  const parts = byName(wasmParts(wasm));
  assert.equal(parts['embedded corpus'].raw, 8 + 2 + 4 + 300 + 4);
  assert.equal(parts['other data'].raw, before.length + after.length + 3);
  assert.equal(parts.code.raw, 1 + 1 + 6);
  assert.equal(parts['embedded corpus'].raw + parts['other data'].raw + parts.code.raw + parts['the rest'].raw, wasm.length);
  for (const p of Object.values(parts)) assert.ok(p.gz > 0 && Number.isInteger(p.gz));
});

test('a module without a corpus, or with a header claiming more bytes than it has, has no corpus part', () => {
  const truncated = corpusBinary(50).slice(0, 40);
  for (const data of [[1, 2, 3, 4], truncated]) {
    const wasm = module(section(11, [1, ...active(0, data)]));
    const parts = byName(wasmParts(wasm));
    assert.equal(parts['embedded corpus'].raw, 0);
    assert.equal(parts['other data'].raw, data.length);
    assert.equal(Object.values(parts).reduce((a, p) => a + p.raw, 0), wasm.length);
  }
});

test('bytes that are not a readable wasm module are refused with an error', () => {
  assert.throws(() => wasmParts(Buffer.from('not wasm at all')), /not a wasm module/);
  assert.throws(() => wasmParts(module([11, 50, 1])), /past the end/);
  assert.throws(() => wasmParts(module(section(11, [1, 0, 0x44, 0x0b, 0]))), /unexpected opcode/);
});

const built = fileURLToPath(new URL('../pkg/treatykit_bg.wasm', import.meta.url));
test('the built package splits into parts that add up to it, its corpus found whole', { skip: !existsSync(built) && 'pkg/ not built' }, () => {
  const wasm = readFileSync(built);
  const parts = byName(wasmParts(wasm));
  assert.equal(Object.values(parts).reduce((a, p) => a + p.raw, 0), wasm.length);
  const corpus = parts['embedded corpus'].raw;
  assert.ok(corpus > 50_000, `corpus part of ${corpus} bytes`);
  const at = wasm.indexOf(Buffer.from('TKCORPUS'));
  assert.equal(corpus, 18 + wasm.readUInt32LE(at + 10));
  assert.ok(parts.code.raw > 100_000, `code part of ${parts.code.raw} bytes`);
});
