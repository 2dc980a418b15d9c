// End-to-end: the npm package is consumable as published. `npm pack`s pkg/, installs the tarball
// and Vite into a temporary project (from the npm cache), runs README's Node recipe there,
// type-checks consumers against the package's .d.ts with `tsc --strict`, `vite build`s a page
// that imports `treatykit` and `treatykit/widget`, serves dist/ with the strict CSP and runs a
// search in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { launch, openPage, cspViolations, screenshot } from './browser.mjs';
import { untyped } from '../../scripts/finish-pkg.mjs';
import { jsBlock } from './readme.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PKG = join(ROOT, 'pkg');
// Vite is installed into the temporary consumer project only (the version the package is proven with).
const VITE_VERSION = '7.3.8';
let dir;
let env;

function run(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
}

let installed = false;
/** Packs pkg/ and installs the tarball and Vite into the temporary project (once); returns its path. */
function consumerProject() {
  if (installed) return dir;
  const tarball = run('npm', ['pack', PKG, '--pack-destination', dir, '--silent'], ROOT).trim().split('\n').pop();
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name: 'treatykit-consumer', private: true, type: 'module',
    dependencies: { treatykit: `file:./${tarball}` },
    devDependencies: { vite: VITE_VERSION },
  }, null, 2));
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  installed = true;
  return dir;
}

/** Type-checks `files` of the consumer project with `tsc --strict` (skipLibCheck off); fails the test on any error. */
function typeCheck(files, name) {
  const config = `tsconfig.${name}.json`;
  writeFileSync(join(dir, config), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler',
      lib: ['ES2022', 'DOM', 'ESNext.Disposable'], types: [], skipLibCheck: false,
    },
    files,
  }));
  try {
    run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', config], dir);
  } catch (e) {
    assert.fail(`tsc --strict failed on a consumer of the package (${files.join(', ')}):\n${e.stdout}${e.stderr}`);
  }
}


before(() => {
  dir = mkdtempSync(join(tmpdir(), 'treatykit-consumer-'));
});
after(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('pkg/package.json is the published shape: ESM, exports map with ./widget, types, files', () => {
  const pkg = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'treatykit');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.types, './treatykit.d.ts');
  assert.deepEqual(Object.keys(pkg.exports).sort(), ['.', './package.json', './safe', './treatykit_bg.wasm', './widget']);
  assert.equal(pkg.exports['./widget'].types, './widget.d.ts');
  assert.equal(pkg.exports['./safe'].types, './safe.d.ts');
  for (const f of ['treatykit.js', 'treatykit_bg.wasm', 'treatykit.d.ts', 'widget.js', 'widget.d.ts', 'safe.js', 'safe.d.ts']) assert.ok(pkg.files.includes(f), f);
  assert.ok(pkg.sideEffects.includes('./widget.js'), 'bundlers keep the element definition');
  const readme = readFileSync(join(PKG, 'README.md'), 'utf8');
  assert.match(readme, /import init, \{ search \} from 'treatykit';/);
  const dts = readFileSync(join(PKG, 'treatykit.d.ts'), 'utf8');
  assert.deepEqual(untyped(dts), [], 'no exported function is typed any');
  for (const name of ['SearchResult', 'Hit', 'FacetCount', 'Category', 'RightsResult', 'RecordView', 'ErrorCode']) {
    assert.match(dts, new RegExp(`export (interface|type) ${name}\\b`), name);
  }
});

test('README\'s Node recipe runs verbatim in Node against the packed package', { timeout: 150_000 }, async () => {
  // The published README's recipe; the repository's README shows the same one.
  const recipe = jsBlock(readFileSync(join(PKG, 'README.md'), 'utf8'), 'initSync(');
  assert.ok(readFileSync(join(ROOT, 'README.md'), 'utf8').includes(recipe), 'README.md shows the recipe of pkg/README.md');
  consumerProject();
  writeFileSync(join(dir, 'node-recipe.mjs'), recipe);
  let out;
  try {
    out = run(process.execPath, ['node-recipe.mjs'], dir);
  } catch (e) {
    assert.fail(`README's Node recipe failed in Node ${process.version}:\n${e.stdout}${e.stderr}`);
  }
  // What the recipe prints, computed here from pkg/ directly.
  const tk = await import(new URL('treatykit.js', `file://${PKG}/`).href);
  tk.initSync({ module: readFileSync(join(PKG, 'treatykit_bg.wasm')) });
  const printed = /console\.log\((.*)\);\s*$/.exec(recipe);
  assert.ok(printed, 'the recipe ends by printing an answer');
  const expected = new Function('search', `return ${printed[1]};`)(tk.search);
  assert.ok(expected.length > 0, 'the recipe prints a non-empty answer');
  assert.equal(out, `${inspect(expected)}\n`);
});

test('the types accept what the runtime accepts: README\'s Index example, interface records, a website\'s own hit fields, every error code', { timeout: 150_000 }, () => {
  consumerProject();
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  // README's Index example as written, over records a website typed with an interface.
  const example = jsBlock(readme, 'Index.fromRecords(docs');
  writeFileSync(join(dir, 'readme-index.ts'), `import { Index } from 'treatykit';
interface Doc { id: string; title: string; body: string; lang: string; url: string }
declare const docs: Doc[];
${example}`);
  const codes = [...new Set([...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]))];
  assert.ok(codes.includes('TREATYKIT_UNUSABLE') && codes.length >= 9, `README's error table: ${codes}`);
  writeFileSync(join(dir, 'index-types.ts'), `
import { search, facets, Index, type IndexHit, type TreatykitErrorCode, type ErrorCode, type TreatykitError } from 'treatykit';

// Records typed with an interface, a text array holding null items (skipped), a readonly list.
interface Law { id: number; title: string; body: readonly (string | null)[]; lang: string; ratified: boolean; articles: number; year: string }
const laws: readonly Law[] = [{ id: 1, title: 'Universal Declaration', body: ['universal', null], lang: 'en', ratified: false, articles: 30, year: '1940s' }];
const index = Index.fromRecords(laws, { fields: { title: {}, body: {} }, facets: ['lang', 'ratified', 'articles', 'year'] });
// @ts-expect-error a string is not a record
Index.fromRecords(['universal'], { fields: { body: {} } });
// Fields listed by name, every one at boost 1; not a list of anything else.
Index.fromRecords(laws, { fields: ['title', 'body'] }).free();
// @ts-expect-error fields are listed by name
Index.fromRecords(laws, { fields: ['title', 2] });

// A website's own facets filter an Index: strings, finite numbers and booleans, alone or listed.
const answer = index.search('universal', { filters: { lang: ['en', 'fr'], ratified: false, articles: 30, year: '1940s', yearFrom: null } });
index.facets({ lang: 'en', ratified: true, articles: [30, 31] });
// @ts-expect-error a filter value is a string, a number or a boolean
index.search('universal', { filters: { lang: { en: true } } });

// An Index hit's own fields are what the records hold: unknown until checked.
const hit: IndexHit = answer.hits[0];
const lang: unknown = hit.lang;
// @ts-expect-error the embedded corpus's hits have a numeric year; this index's year facet holds "1940s"
const year: number | undefined = hit.year;
// @ts-expect-error nor is an Index hit's \`ratified\` known to be a boolean
const ratified: boolean | undefined = hit.ratified;
const core: [string, 'record', string, number, string, number, number] = [hit.id, hit.kind, hit.title, hit.score, hit.snippet, hit.highlights.length, hit.titleHighlights.length];

// The embedded corpus: numbers where its facets hold numbers, and its own fields only.
search('refugee', { filters: { gcmObjective: [7, 15], year: 1951, yearFrom: 1950 } });
facets({ gcmObjective: 7, binding: null });
// @ts-expect-error the embedded corpus has no \`lang\` facet (the runtime refuses it)
search('refugee', { filters: { lang: 'en' } });
// \`binding\` takes booleans as an instrument hit's \`binding\` reads; no other field of the embedded corpus does
search('refugee', { filters: { binding: true } });
facets({ binding: [false] });
// @ts-expect-error no other field of the embedded corpus holds a boolean
search('refugee', { filters: { kind: true } });

// Every code of README's error table, TREATYKIT_UNUSABLE (from treatykit/safe) included.
const documented: TreatykitErrorCode[] = ${JSON.stringify(codes)};
const unusable = (e: unknown): boolean => (e as TreatykitError).code === 'TREATYKIT_UNUSABLE';
const code: TreatykitErrorCode = 'TREATYKIT_UNUSABLE';
const same: ErrorCode = code;
console.log(lang, year, ratified, core, documented, unusable, same);
`);
  typeCheck(['readme-index.ts', 'index-types.ts'], 'index');
});

test('a Vite project installs the packed package, type-checks strictly, builds, and searches in Chromium', { timeout: 150_000 }, async () => {
  consumerProject();

  // Types: precise results, and mistakes are compile errors (not `any`).
  writeFileSync(join(dir, 'consumer.ts'), `
import init, { search, record, rights, categories, compareRights, corpusInfo, prepare, Index, type SearchResult, type RecordView, type TreatykitError } from 'treatykit';
import type { TreatykitSearchElement } from 'treatykit/widget';
import * as treatykit from 'treatykit';
import { guard, type TreatykitUnusableError } from 'treatykit/safe';
await init();
const prepared: void = prepare();
const guarded = guard(treatykit, { onUnusable: (e: TreatykitUnusableError) => console.log(e.code) });
const guardedTotal: number = guarded.search('refugee').total;
const r: SearchResult = search('refugee', { limit: 3, filters: { kind: ['instrument'], yearFrom: 1950 } });
const start: number = r.hits[0].highlights[0][0];
const label: string | undefined = r.facets.type?.[0].label;
const rec: RecordView = record(r.hits[0].id);
if (rec.kind === 'instrument') { const verified: boolean | undefined = rec.parties?.verified; console.log(verified); }
const held = rights(categories()[0].id, { bindingOnly: true });
const own: boolean = held.rights[0].own;
const name: string = compareRights('refugee', 'visitor').onlyA[0].name;
const date: string = corpusInfo().corpusDate;
const el: TreatykitSearchElement | null = document.querySelector('treatykit-search');
el?.addEventListener('treatykit-select', (e) => console.log(e.detail.hit.title));
try { record('nope'); } catch (e) { console.log((e as TreatykitError).code === 'UNKNOWN_RECORD'); }
// @ts-expect-error a number is not a query
search(42);
// @ts-expect-error a title is a string, not a number: results are not any
const wrong: number = r.hits[0].title;
// @ts-expect-error there is no such record kind
if (rec.kind === 'treaty') console.log(rec);
const own_index = Index.fromRecords([{ id: 'a', title: 'Hello', body: 'world', year: 2001 }], { fields: { title: { boost: 2 }, body: {} }, facets: ['year'] });
const firstId: string = own_index.search('hello', { filters: { yearFrom: 2000 } }).hits[0].id;
// @ts-expect-error a schema needs fields
Index.fromRecords([], {});
console.log(start, label, own, name, date, wrong, firstId, guardedTotal);
`);
  typeCheck(['consumer.ts'], 'consumer');

  // A page built by Vite: the API and the widget from the package.
  writeFileSync(join(dir, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>consumer</title><link rel="icon" href="data:,"></head>
<body><main><h1>Consumer</h1><p id="out"></p><treatykit-search limit="3"></treatykit-search></main>
<script type="module" src="/main.js"></script></body></html>`);
  // README's recipe for preparing the first query while the page is idle, as written; then
  // (registered after it, so run after its two idle callbacks) a mark that it has run.
  const prepared = jsBlock(readFileSync(join(ROOT, 'README.md'), 'utf8'), 'prepare()');
  writeFileSync(join(dir, 'prepared.js'), `${prepared}
idle(() => idle(() => { document.body.dataset.prepared = String(search('refugee').total > 0); }));
import { search } from 'treatykit';
`);
  writeFileSync(join(dir, 'main.js'), `
import init, { search, categories } from 'treatykit';
import 'treatykit/widget';
import './prepared.js';
await init();
const r = search('refugee', { limit: 3 });
document.getElementById('out').textContent = JSON.stringify({ total: r.total, first: r.hits[0]?.title ?? null, categories: categories().length });
document.body.dataset.ready = 'true';
`);
  run(process.execPath, [join(dir, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], dir);
  const assets = readdirSync(join(dir, 'dist/assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `the wasm is emitted as an asset: ${assets.join(', ')}`);

  env = await launch({ root: join(dir, 'dist') });
  const { page, context, problems } = await openPage(env, '/index.html');
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('body[data-prepared="true"]');
  const out = JSON.parse(await page.locator('#out').textContent());
  assert.ok(out.total > 0 && typeof out.first === 'string', JSON.stringify(out));
  assert.ok(out.categories > 0);
  await page.waitForFunction(() => document.querySelector('treatykit-search').shadowRoot.querySelector('[part=results]').getAttribute('aria-busy') === 'false');
  await page.locator('treatykit-search input').fill('stateless');
  await page.waitForFunction(() => document.querySelector('treatykit-search').hits.length > 0);
  assert.ok((await page.locator('treatykit-search li').count()) <= 3, 'limit attribute');
  await screenshot(page, 'package-vite-consumer');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});
