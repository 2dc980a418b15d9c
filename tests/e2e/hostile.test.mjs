// End-to-end hostile input: the app served over a test-only package whose corpus
// (tests/fixtures/hostile) holds <img onerror>, <script>, <svg onload>, <iframe srcdoc> and
// attribute-breaking quotes in titles, labels, summaries and URLs (`make pkg-test`). Every payload
// sets window.__xss if it ever runs. The records must show as literal text; no element may be
// made from them; no handler may run even with the page's CSP switched off; with the CSP on,
// nothing may be reported as a violation; and a caught error must leave the page searching.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, symlinkSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { CHROMIUM_ARGS, ARTIFACTS, openPage } from './browser.mjs';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TEST_PKG = join(REPO, 'target/pkg-test');

let env;
let root;
before(async () => {
  assert.ok(existsSync(join(TEST_PKG, 'treatykit.js')), 'run `make pkg-test` first (make e2e does)');
  // The repository's www/ and js/, with pkg/ swapped for the hostile test package (plus the
  // widget and the trap guard, which the release build copies into pkg/).
  root = mkdtempSync(join(tmpdir(), 'treatykit-hostile-'));
  for (const dir of ['www', 'js']) symlinkSync(join(REPO, dir), join(root, dir));
  mkdirSync(join(root, 'pkg'));
  for (const f of readdirSync(TEST_PKG)) symlinkSync(join(TEST_PKG, f), join(root, 'pkg', f));
  for (const f of ['widget.js', 'safe.js']) symlinkSync(join(REPO, 'js', f), join(root, 'pkg', f));
  const server = await startServer({ port: 0, root });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  env = {
    base: `http://127.0.0.1:${server.address().port}`, browser,
    async close() { await browser.close(); await new Promise((r) => server.close(r)); },
  };
});
after(async () => { await env?.close(); if (root) rmSync(root, { recursive: true, force: true }); });

// Installed before any page script: records CSP violations and every element that carries an
// event-handler attribute, is a script without src, or can run code (iframe, object, embed).
const WATCH = () => {
  window.__violations = [];
  window.__dangerous = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
  });
  const check = (el) => {
    if (!(el instanceof Element)) return;
    for (const node of [el, ...el.querySelectorAll('*')]) {
      const tag = node.tagName.toLowerCase();
      const handler = [...node.attributes].find((a) => /^on/i.test(a.name));
      if (handler || ['iframe', 'object', 'embed'].includes(tag) || (tag === 'script' && !node.src)
          || (node.getAttribute('href') ?? '').trim().toLowerCase().startsWith('javascript:')) {
        window.__dangerous.push(node.outerHTML.slice(0, 120));
      }
    }
  };
  new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach(check)))
    .observe(document, { childList: true, subtree: true });
};

async function searchApp(page, query) {
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#q', query);
  await page.waitForFunction(() => document.querySelectorAll('#view .hit').length > 0);
}

const PAYLOADS = ['<img src=x onerror=', '<script>window.__xss=', '<svg onload='];

for (const bypassCSP of [true, false]) {
  const label = bypassCSP ? 'with the CSP switched off' : 'under the strict CSP';
  test(`hostile record text is shown as text in the app, ${label}, and runs nothing`, async () => {
    const { page, context, problems } = await openPage(env, '/www/', { bypassCSP });
    await page.addInitScript(WATCH);
    await page.reload();
    await searchApp(page, 'refugee');
    // Give any injected handler (image error, svg load) time to fire.
    await page.waitForTimeout(300);
    const text = await page.locator('#view .hits').textContent();
    assert.ok(PAYLOADS.slice(0, 2).some((p) => text.includes(p)), `markup shown literally: ${text.slice(0, 300)}`);
    assert.ok(text.includes('<img src=x onerror='), 'the title markup is visible text');
    assert.deepEqual(await page.evaluate(() => window.__dangerous), [], 'no element made from record text');
    assert.equal(await page.evaluate(() => window.__xss), undefined, 'no payload ran');
    assert.equal(await page.locator('#view .hits img, #view .hits script, #view .hits iframe').count(), 0);
    if (!bypassCSP) assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violation');
    await page.screenshot({ path: `${ARTIFACTS}hostile-${bypassCSP ? 'no-csp' : 'csp'}.png`, fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('after caught errors from bad calls the page still searches', async () => {
  const { page, context, problems } = await openPage(env, '/www/');
  await page.waitForSelector('body[data-ready="true"]');
  const caught = await page.evaluate(async () => {
    const tk = await import('/pkg/treatykit.js');
    const codes = [];
    for (const bad of [42, undefined, null, {}, ['refugee'], 'x'.repeat(1 << 20)]) {
      try { tk.search(bad); codes.push('no error'); } catch (e) { codes.push(`${e.constructor.name}:${e.code}`); }
    }
    return { codes, after: tk.search('refugee').total };
  });
  assert.deepEqual(caught.codes, [...Array(5).fill('TypeError:INVALID_ARGUMENT'), 'RangeError:QUERY_TOO_LONG']);
  assert.ok(caught.after >= 1, 'the module answers after the bad calls');
  // Typed into the page: an over-long query is reported, then a normal one still searches.
  await page.fill('#q', 'refugee '.repeat(200));
  await page.waitForFunction(() => /too long/i.test(document.getElementById('view').textContent));
  await searchApp(page, 'refugee');
  assert.ok(await page.locator('#view .hit').count() >= 1, 'the page still searches');
  assert.deepEqual(problems, []);
  await context.close();
});

for (const id of ['hostile-resource', 'hostile-instrument', 'refugee']) {
  test(`the record view of ${id} shows its hostile text as text and runs nothing`, async () => {
    const { page, context, problems } = await openPage(env, `/www/?record=${id}`, { bypassCSP: true });
    await page.addInitScript(WATCH);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForFunction(() => /<(img|script)/.test(document.getElementById('view').textContent));
    await page.waitForTimeout(300);
    assert.deepEqual(await page.evaluate(() => window.__dangerous), [], 'no element made from record text');
    assert.equal(await page.evaluate(() => window.__xss), undefined, 'no payload ran');
    const hrefs = await page.evaluate(() => [...document.querySelectorAll('#view a[href]')].map((a) => a.getAttribute('href')));
    for (const h of hrefs) assert.ok(!/^\s*javascript:/i.test(h), `no javascript: link (${h})`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// The widget on the app's embed page (www/embed.html), over the hostile package.
for (const bypassCSP of [true, false]) {
  const label = bypassCSP ? 'with the CSP switched off' : 'under the strict CSP';
  test(`hostile record text is shown as text in the widget, ${label}, and runs nothing`, async () => {
    const { page, context, problems } = await openPage(env, '/www/embed.html', { bypassCSP });
    await page.addInitScript(WATCH);
    await page.reload();
    await page.waitForFunction(() => {
      const root = document.querySelector('treatykit-search')?.shadowRoot;
      return root?.querySelector('[part=results]')?.getAttribute('aria-busy') === 'false';
    });
    await page.locator('treatykit-search input').fill('refugee');
    await page.waitForFunction(() => document.querySelector('treatykit-search').shadowRoot.querySelectorAll('li').length > 0);
    await page.waitForTimeout(300);
    const shadow = await page.evaluate(() => {
      const root = document.querySelector('treatykit-search').shadowRoot;
      const dangerous = [...root.querySelectorAll('*')].filter((n) => [...n.attributes].some((a) => /^on/i.test(a.name))
        || ['script', 'img', 'iframe', 'object', 'embed', 'svg', 'style'].includes(n.tagName.toLowerCase())
        || (n.getAttribute('href') ?? '').trim().toLowerCase().startsWith('javascript:'));
      return { text: root.querySelector('ol').textContent, dangerous: dangerous.map((n) => n.outerHTML.slice(0, 120)) };
    });
    assert.ok(shadow.text.includes('<img src=x onerror='), `markup shown literally: ${shadow.text.slice(0, 300)}`);
    assert.deepEqual(shadow.dangerous, [], 'no element made from record text in the shadow root');
    assert.deepEqual(await page.evaluate(() => window.__dangerous), [], 'nor in the page');
    assert.equal(await page.evaluate(() => window.__xss), undefined, 'no payload ran');
    if (!bypassCSP) assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violation');
    await page.screenshot({ path: `${ARTIFACTS}hostile-widget-${bypassCSP ? 'no-csp' : 'csp'}.png`, fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// A trap, made on purpose: the test package's search() panics on this query (src/test_hooks.rs).
const PANIC_QUERY = 'treatykit-test-panic';

/** The problems a deliberate panic leaves: exactly the panic message on the console. */
function onlyThePanic(problems) {
  assert.ok(problems.length >= 1 && problems.every((p) => p.startsWith('console:')), problems.join(' | '));
  assert.ok(problems.some((p) => p.includes('treatykit test panic')), `the panic reached the console: ${problems.join(' | ')}`);
}

test('a trap in the app is reported as a stop, the search box is disabled, and nothing fails silently', async () => {
  const { page, context, problems } = await openPage(env, '/www/');
  await searchApp(page, 'refugee');
  await page.fill('#q', PANIC_QUERY);
  const alert = page.locator('.fatal[role="alert"]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /stopped working.*reload the page/is);
  assert.ok(await page.locator('#q').isDisabled(), 'the search box is disabled');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'fatal__title', 'focus moves to the message');
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'error');
  onlyThePanic(problems);
  await context.close();
});

test('a trap in the widget is reported in its status line and later searches say so too', async () => {
  const { page, context, problems } = await openPage(env, '/www/embed.html');
  const input = page.locator('treatykit-search input');
  const status = page.locator('treatykit-search .status');
  await page.waitForFunction(() => {
    const root = document.querySelector('treatykit-search')?.shadowRoot;
    return root?.querySelector('[part=results]')?.getAttribute('aria-busy') === 'false';
  });
  await input.fill('refugee');
  await page.waitForFunction(() => document.querySelector('treatykit-search').shadowRoot.querySelectorAll('li').length > 0);
  await input.fill(PANIC_QUERY);
  await page.waitForFunction(() => /reload the page/.test(document.querySelector('treatykit-search').shadowRoot.querySelector('.status').textContent));
  await input.fill('refugee');
  await page.waitForTimeout(400);
  assert.match(await status.textContent(), /stopped after an internal error.*reload the page/s, 'a broken instance never answers');
  assert.equal(await page.locator('treatykit-search li').count(), 0);
  onlyThePanic(problems);
  await context.close();
});
