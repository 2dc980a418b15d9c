// Chromium part of `make bench`: opens bench/first-answer.html (served by scripts/serve.mjs with
// its strict CSP) in headless Chromium several times and returns the median time from the wasm
// bytes arriving to the first search() answer.
//   node bench/first-answer.mjs [runs] [v8-flags]     # prints the measurement as JSON
//   PREPARED=1 node bench/first-answer.mjs [runs]      # the same, started as the app starts
//   Q=query node bench/first-answer.mjs …              # another first query than "refugee"
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';

const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/**
 * Loads the page `runs` times (a fresh page each time) and summarises the timings. `jsFlags`
 * are V8 flags for a diagnostic run (e.g. `--liftoff-only`: WebAssembly runs in V8's baseline
 * code only, with no optimising compilation competing for the CPU).
 */
export async function measureFirstAnswer({ runs = 9, query, jsFlags, prepared = false } = {}) {
  const server = await startServer({ port: 0 });
  const base = `http://127.0.0.1:${server.address().port}`;
  const args = jsFlags ? [...ARGS, `--js-flags=${jsFlags}`] : ARGS;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args });
  try {
    const context = await browser.newContext();
    const results = [];
    for (let i = 0; i < runs; i++) {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      const params = new URLSearchParams();
      if (query) params.set('q', query);
      if (prepared) params.set('prepare', '1');
      await page.goto(`${base}/bench/first-answer.html?${params}`);
      const handle = await page.waitForFunction(
        () => document.body.dataset.result ?? (document.body.dataset.error ? `error:${document.body.dataset.error}` : null),
        null, { timeout: 30000 },
      );
      const value = await handle.jsonValue();
      await page.close();
      if (value.startsWith('error:')) throw new Error(`first-answer page: ${value.slice(6)} ${errors.join('; ')}`);
      results.push(JSON.parse(value));
    }
    const pick = (k) => results.map((r) => r[k]);
    if (prepared) {
      return {
        runs: results,
        catalog: median(pick('catalogMs')),
        prepare: median(pick('prepareMs')),
        preparedSearch: median(pick('preparedSearchMs')),
        preparedMax: Math.max(...pick('preparedSearchMs')),
      };
    }
    return {
      runs: results,
      firstAnswer: median(pick('firstAnswerMs')),
      min: Math.min(...pick('firstAnswerMs')),
      max: Math.max(...pick('firstAnswerMs')),
      instantiate: median(pick('instantiateMs')),
      firstSearch: median(pick('firstSearchMs')),
      catalog: median(pick('catalogMs')),
      query: median(pick('queryMs')),
      fetch: median(pick('fetchMs')),
      secondSearch: median(pick('secondSearchMs')),
    };
  } finally {
    await browser.close();
    await new Promise((r) => server.close(r));
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await measureFirstAnswer({
    runs: Number(process.argv[2] ?? 9), jsFlags: process.argv[3], query: process.env.Q, prepared: !!process.env.PREPARED,
  });
  console.log(JSON.stringify({ ...r, runs: r.runs.length }, null, 2));
}
