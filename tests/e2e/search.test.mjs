// End-to-end: the served app in real Chromium finds corpus records as a visitor types.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, ARTIFACTS } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

test('typing "stateless" shows the statelessness convention from the embedded corpus', async () => {
  const { page, context, problems } = await openPage(env, '/www/');
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#q', 'stateless');
  await page.waitForSelector('#results li');
  const titles = await page.locator('#results li .title').allTextContents();
  assert.ok(titles.some((t) => /Stateless Persons/i.test(t)), `results: ${titles.join(' | ')}`);
  assert.match(await page.locator('#status').textContent(), /\d+ results? for/);
  await page.screenshot({ path: `${ARTIFACTS}search-stateless.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a query that matches nothing shows zero results and no error', async () => {
  const { page, context, problems } = await openPage(env, '/www/');
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#q', 'zzqqxxjj');
  await page.waitForFunction(() => /^0 results/.test(document.getElementById('status').textContent));
  assert.equal(await page.locator('#results li').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
