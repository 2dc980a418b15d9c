// Shared helpers of the end-to-end tests: a served repository, a Chromium page that records
// console errors, page errors, failed requests, requests to other origins and Content-Security-
// Policy violations; an axe-core scan; screenshots into artifacts/.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startServer } from '../../scripts/serve.mjs';

export const ARTIFACTS = new URL('../../artifacts/', import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serves the repository (or `root`) and starts Chromium. */
export async function launch({ root } = {}) {
  const server = await startServer({ port: 0, ...(root ? { root } : {}) });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    base, browser,
    async close() { await browser.close(); await new Promise((r) => server.close(r)); },
  };
}

// Runs in every document before its own scripts: reports CSP violations to the console as errors.
function watchCsp() {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    const v = `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`;
    window.__cspViolations.push(v);
    console.error(`CSP violation: ${v}`);
  });
}

/**
 * Opens `path` in a new context and page that collect every problem a visitor would not see but a
 * test must: console errors, page errors, HTTP >= 400, requests to other origins, CSP violations.
 */
export async function openPage(env, path, options = {}) {
  const { goto = true, ...contextOptions } = options;
  const context = await env.browser.newContext(contextOptions);
  await context.addInitScript(watchCsp);
  const page = await context.newPage();
  const problems = watch(env, page);
  if (goto) await page.goto(env.base + path);
  return { page, context, problems };
}

/** Records the problems of `page` into the returned array. */
export function watch(env, page) {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`); });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(env.base) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.push(`foreign request ${url}`);
  });
  return problems;
}

/** Waits until the app has started (the wasm is instantiated and the first view rendered). */
export async function ready(page) {
  await page.waitForSelector('body[data-ready="true"]');
}

/** The CSP violations the page saw. */
export function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations ?? []);
}

/**
 * Runs axe-core on the page (evaluated through the DevTools protocol, which the page's CSP does
 * not restrict) and returns its serious and critical violations as readable strings.
 */
export async function axeSerious(page) {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.join(', ')})`);
}

/** Saves a full-page screenshot as artifacts/<name>.png. */
export function screenshot(page, name) {
  return page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}

/**
 * Runs `fn(tk)` in the page with the package module (the same instance the app uses), so a test
 * can compare what the page shows with what the API answers. `fn` must be self-contained.
 */
export function api(page, fn, arg) {
  return page.evaluate(`(async () => {
    const tk = await import('/pkg/treatykit.js');
    await tk.default();
    return (${fn.toString()})(tk, ${JSON.stringify(arg ?? null)});
  })()`);
}
