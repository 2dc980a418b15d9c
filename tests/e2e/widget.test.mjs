// End-to-end: <treatykit-search> from pkg/widget.js on a page of its own (www/embed.html), under
// the app's strict CSP: searching in its shadow root, its attributes, theming, keyboard, a11y.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, axeSerious, cspViolations, screenshot, api } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

async function widgetReady(page, selector = 'treatykit-search') {
  await page.waitForFunction((sel) => {
    const root = document.querySelector(sel)?.shadowRoot;
    return root?.querySelector('[part=results]')?.getAttribute('aria-busy') === 'false';
  }, selector);
}

test('the embed page holds only the widget, which searches inside its shadow root', async () => {
  const { page, context, problems } = await openPage(env, '/www/embed.html');
  await widgetReady(page);
  assert.equal(await page.locator('body treatykit-search').count(), 1);
  assert.equal(await page.locator('#view, .masthead').count(), 0, 'nothing of the app is on the page');
  await page.locator('treatykit-search input').fill('stateless');
  await page.waitForFunction(() => document.querySelector('treatykit-search').shadowRoot.querySelectorAll('li').length > 0);
  const expected = await api(page, (tk) => tk.search('stateless', { limit: 5 }));
  const titles = await page.locator('treatykit-search li [part=link]').allTextContents();
  assert.deepEqual(titles, expected.hits.map((h) => h.title));
  // Matched words of each title are marked, as in the snippets.
  const marks = await page.locator('treatykit-search li [part=link]').evaluateAll((links) => links.map((a) => [...a.querySelectorAll('mark')].map((m) => m.textContent)));
  assert.deepEqual(marks, expected.hits.map((h) => h.titleHighlights.map(([a, b]) => h.title.slice(a, b))));
  assert.ok(marks.flat().length > 0, 'some title words are marked');
  assert.equal(await page.locator('treatykit-search [part=status]').textContent(), `${expected.total} result${expected.total === 1 ? '' : 's'}`);
  // A misspelt word: the status line says which word was searched for.
  await page.locator('treatykit-search input').fill('statelss');
  const read = await api(page, (tk) => tk.search('statelss', { limit: 5 }));
  assert.equal(read.corrected, 'stateless');
  await page.waitForFunction((want) => document.querySelector('treatykit-search').shadowRoot.querySelector('[part=status]').textContent === want,
    `${read.total} results for “stateless”`);
  // A hit found through its search terms names them.
  await page.locator('treatykit-search input').fill('pension');
  await page.waitForFunction(() => document.querySelector('treatykit-search').shadowRoot.querySelector('[part=terms]'));
  assert.equal(await page.locator('treatykit-search [part=terms]').textContent(), 'Matched its search term pension.');
  await page.locator('treatykit-search input').fill('stateless');
  await page.waitForFunction(() => document.querySelector('treatykit-search').shadowRoot.querySelector('[part=status]').textContent.endsWith('results'));
  assert.equal(await page.locator('treatykit-search [part=terms]').count(), 0);
  // The href template links each hit to the app's record view.
  const href = await page.locator('treatykit-search li a').first().getAttribute('href');
  assert.equal(href, new URL(`/www/?record=${encodeURIComponent(expected.hits[0].id)}`, env.base).href);
  await screenshot(page, 'widget-embed-800');
  assert.deepEqual(await axeSerious(page), []);
  assert.deepEqual(await cspViolations(page), [], 'the shadow styles need no inline <style>');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the widget decodes the corpus while the page is idle, before the first keystroke', async () => {
  const { page, context, problems } = await openPage(env, '/www/embed.html');
  await widgetReady(page);
  await page.evaluate(() => new Promise((done) => requestIdleCallback(() => setTimeout(done, 0), { timeout: 5000 })));
  // Decoding the corpus and building its index take megabytes of wasm memory: had the widget
  // not done it already, this first call would grow the memory.
  const grew = await api(page, async (tk) => {
    const { memory } = await tk.default();
    const before = memory.buffer.byteLength;
    tk.corpusInfo();
    return memory.buffer.byteLength - before;
  });
  assert.equal(grew, 0, `the first call after idle grew the wasm memory by ${grew} bytes`);
  assert.equal(await page.locator('treatykit-search [part=status]').textContent(), '', 'nothing was searched');
  assert.deepEqual(problems, []);
  await context.close();
});

test('limit, filters and placeholder attributes shape the widget; custom properties theme it', async () => {
  const { page, context, problems } = await openPage(env, '/www/embed.html');
  await widgetReady(page);
  await page.evaluate(() => {
    const el = document.createElement('treatykit-search');
    el.id = 'second';
    el.setAttribute('placeholder', 'Only instruments');
    el.setAttribute('limit', '2');
    el.setAttribute('filters', JSON.stringify({ kind: ['instrument'] }));
    el.style.setProperty('--treatykit-accent', 'rgb(200, 0, 0)');
    document.body.append(el);
  });
  await widgetReady(page, '#second');
  assert.equal(await page.locator('#second input').getAttribute('placeholder'), 'Only instruments');
  await page.locator('#second input').fill('refugee');
  await page.waitForFunction(() => document.getElementById('second').hits.length > 0);
  const kinds = await page.evaluate(() => document.getElementById('second').hits.map((h) => h.kind));
  assert.ok(kinds.length <= 2, `limit 2: ${kinds.length}`);
  assert.deepEqual([...new Set(kinds)], ['instrument'], 'the filters attribute is applied');
  const color = await page.locator('#second li [part=link]').first().evaluate((a) => getComputedStyle(a).color);
  assert.equal(color, 'rgb(200, 0, 0)', '--treatykit-accent reaches the shadow DOM');
  assert.deepEqual(problems, []);
  await context.close();
});

test('what is typed into the widget while the engine loads is searched once it is ready', async () => {
  const { page, context, problems } = await openPage(env, '/www/embed.html', { goto: false });
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/treatykit_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(`${env.base}/www/embed.html`);
  const input = page.locator('treatykit-search input');
  await input.pressSequentially('stateless');
  assert.equal(await page.locator('treatykit-search [part=results]').getAttribute('aria-busy'), 'true', 'still loading');
  assert.equal(await page.locator('treatykit-search li').count(), 0);
  release();
  await widgetReady(page);
  await page.waitForFunction(() => document.querySelector('treatykit-search').shadowRoot.querySelectorAll('li').length > 0);
  assert.equal(await input.inputValue(), 'stateless', 'nothing typed was lost');
  const expected = await api(page, (tk) => tk.search('stateless', { limit: 5 }).hits.map((h) => h.title));
  assert.deepEqual(await page.locator('treatykit-search li [part=link]').allTextContents(), expected);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the widget flags titles that describe an unidentified item or that no source shows', async () => {
  const { page, context, problems } = await openPage(env, '/www/embed.html');
  await widgetReady(page);
  const q = 'mimc chapter';
  await page.locator('treatykit-search input').fill(q);
  await page.waitForFunction(() => document.querySelector('treatykit-search').shadowRoot.querySelectorAll('li').length > 0);
  const expected = await api(page, (tk) => tk.search('mimc chapter', { limit: 5 }).hits.map((h) => h.titleCertain === false));
  assert.ok(expected.some(Boolean), 'some of these titles are our description');
  const shown = await page.locator('treatykit-search li').evaluateAll((items) => items.map((li) => li.querySelector('.meta').textContent.includes('title assumed')));
  assert.deepEqual(shown, expected);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a broken filters attribute only warns, and the widget keeps searching', async () => {
  const { page, context, problems } = await openPage(env, '/www/embed.html');
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await widgetReady(page);
  await page.evaluate(() => document.querySelector('treatykit-search').setAttribute('filters', '{not json'));
  await page.locator('treatykit-search input').fill('refugee');
  await page.waitForFunction(() => document.querySelector('treatykit-search').hits.length > 0);
  assert.ok(warnings.some((w) => w.includes('filters')), warnings.join(' | '));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the widget is usable with the keyboard and announces its results', async () => {
  const { page, context, problems } = await openPage(env, '/www/embed.html');
  await widgetReady(page);
  await page.keyboard.press('Tab');
  await page.keyboard.type('refugee');
  // Wait for the answer to the whole word, not to a prefix typed on the way.
  const expected = await api(page, (tk) => tk.search('refugee', { limit: 5 }).hits.map((h) => h.title));
  assert.ok(expected.length > 1);
  await page.waitForFunction((want) => JSON.stringify(document.querySelector('treatykit-search').hits.map((h) => h.title)) === want, JSON.stringify(expected));
  const active = () => page.evaluate(() => document.querySelector('treatykit-search').shadowRoot.activeElement?.textContent ?? null);
  const titles = await page.locator('treatykit-search li [part=link]').allTextContents();
  await page.keyboard.press('ArrowDown');
  assert.equal(await active(), titles[0]);
  await page.keyboard.press('ArrowDown');
  assert.equal(await active(), titles[1]);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.querySelector('treatykit-search').shadowRoot.activeElement?.tagName), 'INPUT');
  assert.equal(await page.locator('treatykit-search [role=status]').getAttribute('aria-live'), 'polite');
  await page.evaluate(() => document.querySelector('treatykit-search').addEventListener('treatykit-select', (e) => {
    e.preventDefault();
    window.selected = e.detail.id;
  }));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const selected = await (await page.waitForFunction(() => window.selected)).jsonValue();
  const first = await page.evaluate(() => document.querySelector('treatykit-search').hits[0].id);
  assert.equal(selected, first, 'Enter chooses the focused hit (treatykit-select, cancelable)');
  assert.match(page.url(), /embed\.html$/, 'a cancelled select does not navigate');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the widget names legal force with the same words as the app’s facet', async () => {
  const { page, context, problems } = await openPage(env, '/www/embed.html');
  await widgetReady(page);
  const labels = await api(page, (tk) => Object.fromEntries(tk.facets({}).binding.map((v) => [v.value, v.label])));
  await page.evaluate(() => {
    const w = document.createElement('treatykit-search');
    w.id = 'nn';
    w.setAttribute('filters', '{"binding":["non-normative"]}');
    document.body.append(w);
  });
  await widgetReady(page, '#nn');
  await page.locator('#nn input').fill('refugee');
  await page.waitForFunction(() => document.querySelector('#nn').shadowRoot.querySelectorAll('li').length > 0);
  assert.equal(await page.locator('#nn .badge.non-normative').first().textContent(), labels['non-normative']);
  await page.locator('#nn input').fill('refugee convention');
  await page.locator('treatykit-search:not(#nn) input').fill('refugee convention');
  await page.waitForFunction(() => document.querySelector('treatykit-search').shadowRoot.querySelectorAll('.badge.binding').length > 0);
  assert.equal(await page.locator('treatykit-search:not(#nn) .badge.binding').first().textContent(), labels.binding);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a value set on the element before widget.js defines it is the query once the widget starts', async () => {
  const { page, context, problems } = await openPage(env, '/www/embed.html', { goto: false });
  // Hold widget.js back, as a framework or a lazily loaded script would, until the page has set the value.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/pkg/widget.js', async (route) => { await held; await route.continue(); });
  await page.goto(`${env.base}/www/embed.html`, { waitUntil: 'commit' });
  await page.waitForFunction(() => document.querySelector('treatykit-search') !== null);
  const undefinedYet = await page.evaluate(() => {
    const el = document.querySelector('treatykit-search');
    el.value = 'refugee';
    return customElements.get('treatykit-search') === undefined && Object.hasOwn(el, 'value');
  });
  assert.ok(undefinedYet, 'the value was set before the element was defined');
  release();
  await widgetReady(page);
  const expected = await api(page, (tk) => tk.search('refugee', { limit: 5 }).hits.map((h) => h.title));
  assert.ok(expected.length > 0);
  await page.waitForFunction((want) => JSON.stringify(document.querySelector('treatykit-search').hits.map((h) => h.title)) === want, JSON.stringify(expected));
  assert.equal(await page.locator('treatykit-search input').inputValue(), 'refugee');
  assert.equal(await page.evaluate(() => document.querySelector('treatykit-search').value), 'refugee');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the value attribute sets the query whenever it changes, also over what the visitor typed', async () => {
  const { page, context, problems } = await openPage(env, '/www/embed.html');
  await widgetReady(page);
  const shows = async (query) => {
    const expected = await api(page, (tk, q) => tk.search(q, { limit: 5 }).hits.map((h) => h.title), query);
    assert.ok(expected.length > 0, query);
    await page.waitForFunction((want) => JSON.stringify(document.querySelector('treatykit-search').hits.map((h) => h.title)) === want, JSON.stringify(expected));
    assert.equal(await page.locator('treatykit-search input').inputValue(), query);
  };
  await page.locator('treatykit-search input').fill('stateless');
  await shows('stateless');
  await page.evaluate(() => document.querySelector('treatykit-search').setAttribute('value', 'torture'));
  await shows('torture');
  await page.evaluate(() => document.querySelector('treatykit-search').setAttribute('value', 'refugee'));
  await shows('refugee');
  // Removing the attribute leaves the query as it is.
  await page.evaluate(() => document.querySelector('treatykit-search').removeAttribute('value'));
  await shows('refugee');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an invalid filters attribute warns once, whether the element is created by script or by the parser', async () => {
  const { page, context, problems } = await openPage(env, '/www/embed.html');
  await widgetReady(page);
  const warnings = await page.evaluate(async () => {
    const seen = [];
    const warn = console.warn;
    console.warn = (...args) => { seen.push(args.join(' ')); warn(...args); };
    const counts = {};
    const created = document.createElement('treatykit-search');
    created.setAttribute('filters', '{not json');
    document.body.append(created);
    counts.script = seen.splice(0).filter((w) => w.includes('filters')).length;
    const holder = document.createElement('div');
    holder.innerHTML = '<treatykit-search filters="{not json"></treatykit-search>';
    document.body.append(holder);
    counts.parser = seen.splice(0).filter((w) => w.includes('filters')).length;
    // Moving an element connects it again: its attributes have not changed.
    document.body.append(created);
    counts.moved = seen.splice(0).filter((w) => w.includes('filters')).length;
    console.warn = warn;
    return counts;
  });
  assert.deepEqual(warnings, { script: 1, parser: 1, moved: 0 });
  assert.deepEqual(problems, []);
  await context.close();
});
