// End-to-end: privacy and resilience — the strict Content-Security-Policy holds with no violation,
// nothing is requested from another origin, the app works with the network off after the first
// visit (service worker), shows progress while the wasm starts, and explains itself when the
// browser has no WebAssembly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openPage, ready, cspViolations, screenshot } from './browser.mjs';

const WWW = fileURLToPath(new URL('../../www/', import.meta.url));

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

test('the app is served with the strict CSP and runs without a single violation or inline style', async () => {
  const { page, context, problems } = await openPage(env, '/www/', { goto: false });
  const response = await page.goto(`${env.base}/www/?q=refugee`);
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  await ready(page);
  for (const path of ['/www/?view=rights&cat=refugee', '/www/?view=compare&a=visitor&b=refugee', '/www/?view=matrix', '/www/?record=mimc']) {
    await page.goto(env.base + path);
    await ready(page);
    assert.equal(await page.locator('[style]').count(), 0, `${path} has no inline style attribute`);
  }
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems.filter((p) => p.startsWith('foreign')), [], 'no request leaves the origin');
  assert.deepEqual(problems, []);
  await context.close();
});

test('after the first visit the app searches, opens records and explores rights with the network off', async () => {
  const { page, context, problems } = await openPage(env, '/www/');
  await ready(page);
  // Wait until the service worker controls the page (it claims clients when it activates).
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
  });
  await context.setOffline(true);
  await page.goto(`${env.base}/www/?q=stateless`);
  await ready(page);
  await page.waitForSelector('.hit__link');
  assert.ok(await page.locator('.hit').count() > 0, 'search answers offline');
  await page.locator('.hit__link').first().click();
  await page.waitForSelector('#record-title');
  await page.reload();
  await ready(page);
  await page.waitForSelector('#record-title');
  await page.goto(`${env.base}/www/?view=rights&cat=visitor`);
  await ready(page);
  await page.waitForSelector('.right');
  await screenshot(page, 'offline-rights-1280');
  await context.setOffline(false);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('while the wasm loads, a loading indicator shows and what is typed is searched once it is ready', async () => {
  const { page, context, problems } = await openPage(env, '/www/', { goto: false });
  // Hold the wasm back until the visitor has typed.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/treatykit_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(`${env.base}/www/?q=stateless`);
  await page.waitForSelector('#boot .spinner');
  assert.match(await page.locator('#boot').textContent(), /Loading/);
  assert.equal(await page.inputValue('#q'), 'stateless', 'the URL\'s query shows at once');
  await page.locator('#q').fill('');
  await page.locator('#q').pressSequentially('refugee convention');
  assert.equal(await page.locator('#boot').isVisible(), true, 'still loading');
  release();
  await ready(page);
  assert.equal(await page.locator('#boot').isVisible(), false);
  assert.equal(await page.inputValue('#q'), 'refugee convention', 'nothing typed was lost');
  await page.waitForSelector('.hit__link');
  assert.match(await page.locator('.hit__link').first().textContent(), /Refugee/);
  assert.equal(new URL(page.url()).searchParams.get('q'), 'refugee convention');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the download of the wasm shows its progress in bytes', async () => {
  const { page, context, problems } = await openPage(env, '/www/', { goto: false });
  // Deliver the wasm slowly (a throttled link), so progress is seen before it completes.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 50, downloadThroughput: 400_000, uploadThroughput: 400_000 });
  await page.goto(`${env.base}/www/`);
  await page.waitForFunction(() => {
    const bar = document.getElementById('boot-progress');
    return bar && !bar.hidden && bar.value > 0 && bar.value < 1;
  }, null, { timeout: 20_000 });
  assert.match(await page.locator('#boot-bytes').textContent(), /^\d+ KB of \d+ KB$/);
  await ready(page);
  assert.equal(await page.locator('#boot').isVisible(), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test('without WebAssembly the page says so clearly instead of breaking', async () => {
  const { page, context, problems } = await openPage(env, '/www/', { goto: false });
  await context.addInitScript(() => { delete globalThis.WebAssembly; });
  await page.goto(`${env.base}/www/`);
  await page.waitForSelector('body[data-ready="error"]');
  const message = await page.locator('[role=alert]').textContent();
  assert.match(message, /WebAssembly/);
  assert.equal(await page.locator('#q').isDisabled(), true);
  await screenshot(page, 'no-webassembly-1280');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the service worker precaches every file of the app and the package', () => {
  const sw = readFileSync(join(WWW, 'sw.js'), 'utf8');
  const list = (name) => [...sw.match(new RegExp(`const ${name} = \\[([^\\]]*)\\]`))[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
  const cached = new Set([...list('APP'), ...list('OPTIONAL')]);
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(js|css|html)$/.test(e.name) && e.name !== 'sw.js') files.push(`./${relative(WWW, p)}`);
    }
  };
  walk(WWW);
  assert.deepEqual(files.filter((f) => !cached.has(f)), [], 'add these to APP (or OPTIONAL) in www/sw.js');
  for (const f of ['../pkg/treatykit.js', '../pkg/treatykit_bg.wasm']) assert.ok(cached.has(f), f);
});
