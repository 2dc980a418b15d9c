// Where the bytes of a wasm module go, for the package-size part of `make bench`: the code, the
// embedded corpus (found in the data by the corpus format's header: magic `TKCORPUS`, version,
// payload length; see core/src/format.rs), the rest of the data (Unicode tables, strings, panic locations) and everything else (types,
// imports, exports, tables). Each part is gzipped alone, so the parts add up to a little more
// than the gzipped module: gzip cannot share a dictionary across parts it sees separately.
import { gzipSync } from 'node:zlib';

const MAGIC = Buffer.from('TKCORPUS');
const CODE = 10;
const DATA = 11;

/** Reads an unsigned LEB128 at `at`: `[value, next offset]`. */
function uleb(b, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (at >= b.length) throw new Error('wasm-parts: truncated LEB128');
    const byte = b[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
    if (shift > 35) throw new Error('wasm-parts: LEB128 too long');
  }
}

/** Skips a constant expression (an active segment's offset) ending with `end` (0x0b). */
function skipConstExpr(b, at) {
  const op = b[at++];
  if (op === 0x41 || op === 0x42) [, at] = uleb(b, at); // i32.const / i64.const (sign is irrelevant here)
  else if (op === 0x23) [, at] = uleb(b, at); // global.get
  else throw new Error(`wasm-parts: unexpected opcode 0x${op.toString(16)} in a segment offset`);
  if (b[at++] !== 0x0b) throw new Error('wasm-parts: segment offset without end');
  return at;
}

/** The data segments of a data section's payload: `[{ start, end }]` (byte ranges in `b`). */
function dataSegments(b, start, end) {
  let [count, at] = uleb(b, start);
  const segments = [];
  while (count-- > 0) {
    let flags;
    [flags, at] = uleb(b, at);
    if (flags === 0) at = skipConstExpr(b, at);
    else if (flags === 2) {
      [, at] = uleb(b, at); // memory index
      at = skipConstExpr(b, at);
    } else if (flags !== 1) throw new Error(`wasm-parts: unknown data segment kind ${flags}`);
    let len;
    [len, at] = uleb(b, at);
    if (at + len > end) throw new Error('wasm-parts: data segment past its section');
    segments.push({ start: at, end: at + len });
    at += len;
  }
  return segments;
}

/** `[bytes before the corpus, the corpus or null, bytes after]` of one data segment. */
function splitCorpus(bytes) {
  const at = bytes.indexOf(MAGIC);
  // magic (8), version (2), payload length (4), payload, checksum (4)
  if (at < 0 || at + 14 > bytes.length) return [bytes, null, bytes.subarray(0, 0)];
  const end = at + 14 + bytes.readUInt32LE(at + 10) + 4;
  if (end > bytes.length) return [bytes, null, bytes.subarray(0, 0)];
  return [bytes.subarray(0, at), bytes.subarray(at, end), bytes.subarray(end)];
}

/**
 * Splits a wasm module into named parts: `[{ part, raw, gz }]`, sizes in bytes, `gz` = gzip -9
 * of the part alone. Throws on a module it cannot read.
 */
export function wasmParts(wasm) {
  const b = Buffer.from(wasm);
  if (b.length < 8 || b.readUInt32LE(0) !== 0x6d736100) throw new Error('wasm-parts: not a wasm module');
  const code = [];
  const corpus = [];
  const data = [];
  const rest = [b.subarray(0, 8)];
  let at = 8;
  while (at < b.length) {
    const id = b[at];
    const [size, body] = uleb(b, at + 1);
    const end = body + size;
    if (end > b.length) throw new Error('wasm-parts: section past the end of the module');
    if (id === CODE) code.push(b.subarray(at, end));
    else if (id === DATA) {
      let last = at;
      for (const s of dataSegments(b, body, end)) {
        rest.push(b.subarray(last, s.start)); // segment headers
        const bytes = b.subarray(s.start, s.end);
        const [before, found, after] = splitCorpus(bytes);
        data.push(before, after);
        if (found) corpus.push(found);
        last = s.end;
      }
      rest.push(b.subarray(last, end));
    } else rest.push(b.subarray(at, end));
    at = end;
  }
  const part = (name, chunks) => {
    const all = Buffer.concat(chunks);
    return { part: name, raw: all.length, gz: gzipSync(all, { level: 9 }).length };
  };
  return [
    part('code', code),
    part('embedded corpus', corpus),
    part('other data (Unicode tables, strings, panic locations)', data),
    part('the rest (types, imports, exports, tables, headers)', rest),
  ];
}
