// End-to-end: README's Web Worker recipe runs as written in Chromium. Its two code blocks (the
// module worker holding an Index, and the page calling it) are written to target/e2e-worker/
// with `'treatykit'` read as the package's path; the page builds an index of generated records in
// the worker, searches it, asks for facets, and gets typed errors back, and the same calls on the
// main thread must answer identically. The server's strict CSP applies (workers are 'self').
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch, openPage, cspViolations } from './browser.mjs';
import { jsBlock } from './readme.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIR = `${ROOT}target/e2e-worker/`;
let env;

// The page's own part: records before README's block (which uses `records`), checks after it.
const RECORDS = `
const WORDS = ['asylum', 'border', 'visa', 'labour', 'family', 'child', 'court', 'school', 'health', 'return'];
const records = Array.from({ length: 3000 }, (_, i) => ({
  id: i,
  title: (i % 250 === 7 ? 'Refugee ' : '') + WORDS[i % 10] + ' note ' + i,
  body: [WORDS[(i * 7) % 10], WORDS[(i * 3) % 10], 'café 😀 report', String(i)].join(' '),
  lang: ['en', 'fr', 'es'][i % 3],
}));
`;
const CHECKS = `
const schema = { id: 'id', title: 'title', fields: { title: { boost: 2 }, body: {} }, facets: ['lang'] };
const failure = (p) => p.then(() => 'no error', (e) => [e instanceof Error, e.name, e.code]);
const out = {
  worker: {
    refugee: { total, ids: hits.map((h) => h.id), facets },
    typo: await call('search', 'bordre cafe', { limit: 3 }),
    facets: await call('facets', { lang: 'fr' }),
    badQuery: await failure(call('search', 42)),
    badBuild: await failure(call('build', [{ title: 'no id' }], schema)),
    afterBadBuild: (await call('search', 'refugee', { limit: 5 })).total,
  },
};
const tk = await import('/pkg/treatykit.js');
await tk.default();
const local = tk.Index.fromRecords(records, schema);
const r = local.search('refugee', { limit: 5 });
const failsHere = (f) => { try { f(); return 'no error'; } catch (e) { return [e instanceof Error, e.name, e.code]; } };
out.main = {
  refugee: { total: r.total, ids: r.hits.map((h) => h.id), facets: r.facets },
  typo: local.search('bordre cafe', { limit: 3 }),
  facets: local.facets({ lang: 'fr' }),
  badQuery: failsHere(() => local.search(42)),
  badBuild: failsHere(() => tk.Index.fromRecords([{ title: 'no id' }], schema)),
  afterBadBuild: r.total,
};
document.body.dataset.result = JSON.stringify(out);
`;

before(async () => {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const workerBlock = jsBlock(readme, 'onmessage');
  const pageBlock = jsBlock(readme, 'new Worker(');
  assert.match(workerBlock, /from 'treatykit';/);
  mkdirSync(DIR, { recursive: true });
  writeFileSync(`${DIR}search-worker.js`, workerBlock.replace("from 'treatykit';", "from '/pkg/treatykit.js';"));
  writeFileSync(`${DIR}page.js`, `${RECORDS}\n${pageBlock}\n${CHECKS}`);
  writeFileSync(`${DIR}index.html`, '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>worker</title><link rel="icon" href="data:,">'
    + '<script type="module" src="page.js"></script></head><body></body></html>');
  env = await launch();
});
after(async () => {
  await env?.close();
});

test("README's Web Worker recipe builds and searches an index off the main thread, as the main thread would", async () => {
  const { page, context, problems } = await openPage(env, '/target/e2e-worker/index.html');
  const handle = await page.waitForFunction(() => document.body.dataset.result, null, { timeout: 60_000 });
  const { worker, main } = JSON.parse(await handle.jsonValue());
  assert.deepEqual(worker, main);
  // Right answers, not only the same ones.
  assert.equal(worker.refugee.total, 12);
  assert.deepEqual(worker.refugee.ids.length, 5);
  assert.ok(worker.refugee.ids.every((id) => Number(id) % 250 === 7));
  assert.deepEqual(worker.refugee.facets.lang.map((v) => v.count).reduce((a, b) => a + b), 12);
  assert.equal(worker.typo.corrected, 'border cafe');
  assert.ok(worker.typo.hits[0].highlights.length > 0);
  assert.equal(worker.facets.lang.find((v) => v.value === 'fr').count, 1000);
  assert.deepEqual(worker.badQuery, [true, 'TypeError', 'INVALID_ARGUMENT']);
  assert.deepEqual(worker.badBuild, [true, 'TypeError', 'INVALID_RECORDS']);
  assert.equal(worker.afterBadBuild, 12, 'a failed build keeps the index built before');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});
