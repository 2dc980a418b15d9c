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

test('without an href template, a default link that no reviewed source gives is marked as not checked, in sight and in its name', async () => {
  const { page, context, problems } = await openPage(env, '/www/embed.html');
  await widgetReady(page);
  await page.evaluate(() => {
    const w = document.createElement('treatykit-search');
    w.id = 'plain';
    w.setAttribute('limit', '50');
    w.setAttribute('filters', JSON.stringify({ kind: ['instrument'] }));
    document.body.append(w);
  });
  await widgetReady(page, '#plain');
  const q = 'human rights convention';
  const hits = await api(page, (tk, query) => tk.search(query, { limit: 50, filters: { kind: ['instrument'] } }).hits
    .map((h) => ({ title: h.title, url: h.url, unchecked: h.urlChecked === false })), q);
  assert.ok(hits.some((h) => h.unchecked) && hits.some((h) => !h.unchecked), 'some links are checked and some are not');
  await page.locator('#plain input').fill(q);
  await page.waitForFunction((n) => document.getElementById('plain').shadowRoot.querySelectorAll('li').length === n, hits.length);
  const shown = await page.locator('#plain li').evaluateAll((items) => items.map((li) => {
    const mark = li.querySelector('[part=unchecked]');
    return {
      href: li.querySelector('a[part=link]')?.href ?? null,
      marked: Boolean(mark && mark.checkVisibility() && mark.textContent === 'link not checked'),
    };
  }));
  // The link itself stays (it is the official page as we know it); only its status is added.
  assert.deepEqual(shown.map((s) => s.marked), hits.map((h) => h.unchecked));
  assert.deepEqual(shown.map((s) => s.href), hits.map((h) => new URL(h.url).href));
  // Screen readers hear it in the link's name, not twice (the visible badge is hidden from them).
  const named = page.locator('#plain').getByRole('link', { name: /\(link not checked\)$/ });
  assert.equal(await named.count(), hits.filter((h) => h.unchecked).length);
  // With an href template the hit links to the host's own page: nothing to mark.
  await page.locator('treatykit-search:not(#plain) input').fill(q);
  await page.waitForFunction(() => document.querySelector('treatykit-search').shadowRoot.querySelectorAll('li').length > 0);
  assert.equal(await page.locator('treatykit-search:not(#plain) [part=unchecked]').count(), 0);
  assert.deepEqual(await axeSerious(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

const statusOf = (page, sel = 'treatykit-search') => page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('[part=status]').textContent, sel);

test('the widget says when no record has every word of the query, instead of counting close matches as results', async () => {
  const { page, context, problems } = await openPage(env, '/www/embed.html');
  await widgetReady(page);
  const [exact, relaxed] = await api(page, (tk) => ['refugee', 'refugee xyzzyqq'].map((q) => {
    const r = tk.search(q, { limit: 5 });
    return { total: r.total, relaxed: r.relaxed };
  }));
  assert.equal(exact.relaxed, false);
  assert.equal(relaxed.relaxed, true, 'no record holds “xyzzyqq”');
  const input = page.locator('treatykit-search input');
  await input.fill('refugee');
  await page.waitForFunction((want) => document.querySelector('treatykit-search').shadowRoot.querySelector('[part=status]').textContent === want, `${exact.total} results`);
  await input.fill('refugee xyzzyqq');
  await page.waitForFunction(() => /no record has every word/i.test(document.querySelector('treatykit-search').shadowRoot.querySelector('[part=status]').textContent));
  assert.equal(await statusOf(page), `No record has every word: ${relaxed.total} closest matches`);
  await page.waitForFunction(() => /“refugee xyzzyqq”/.test(document.querySelector('treatykit-search').shadowRoot.querySelector('[role=status]').textContent));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a query with no letters or digits lists nothing in the widget and says why', async () => {
  const { page, context, problems } = await openPage(env, '/www/embed.html');
  await widgetReady(page);
  for (const q of ['?', '!!!', '"', '—']) {
    await page.locator('treatykit-search input').fill(q);
    await page.waitForFunction((want) => document.querySelector('treatykit-search').shadowRoot.querySelector('[part=status]').textContent === want,
      `“${q}” has no letters or digits to search for.`);
    assert.equal(await page.locator('treatykit-search li').count(), 0, q);
    assert.equal(await page.evaluate(() => document.querySelector('treatykit-search').hits.length), 0, q);
  }
  // A phrase search starts with a quote: its first word is searched as soon as it is typed.
  await page.locator('treatykit-search input').fill('"refugee');
  await page.waitForFunction(() => document.querySelector('treatykit-search').hits.length > 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the widget sizes its text from its own element, so a host’s 10 px root font size does not shrink it', async () => {
  const { page, context, problems } = await openPage(env, '/www/embed.html');
  await widgetReady(page);
  const sizes = () => page.evaluate(() => {
    const root = document.querySelector('treatykit-search').shadowRoot;
    const px = (sel) => parseFloat(getComputedStyle(root.querySelector(sel)).fontSize);
    return { input: px('input'), status: px('[part=status]'), link: px('[part=link]'), snippet: px('[part=snippet]'), badge: px('.badge') };
  });
  await page.locator('treatykit-search input').fill('refugee');
  await page.waitForFunction(() => document.querySelector('treatykit-search').shadowRoot.querySelector('[part=snippet]'));
  const plain = await sizes();
  // The Bootstrap 3 defaults, set through the CSSOM (the page's CSP allows no inline <style>).
  await page.evaluate(() => { document.documentElement.style.fontSize = '10px'; document.body.style.fontSize = '14px'; });
  const host = await sizes();
  assert.deepEqual(host, plain, 'the root and body font sizes of the host change nothing');
  assert.ok(host.input >= 16, `the box is at least 16px (${host.input}px), so phones do not zoom into it`);
  assert.ok(host.badge >= 11 && host.status >= 13, JSON.stringify(host));
  // The host sizes the widget through its element.
  await page.evaluate(() => { document.querySelector('treatykit-search').style.fontSize = '20px'; });
  const bigger = await sizes();
  assert.equal(bigger.link, 20);
  assert.ok(bigger.snippet > host.snippet);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the widget announces the count once typing pauses, with the query it is for', async () => {
  const { page, context, problems } = await openPage(env, '/www/embed.html');
  await widgetReady(page);
  await page.evaluate(() => {
    window.spoken = [];
    const live = document.querySelector('treatykit-search').shadowRoot.querySelector('[role=status]');
    new MutationObserver(() => window.spoken.push(live.textContent)).observe(live, { childList: true, characterData: true, subtree: true });
  });
  await page.locator('treatykit-search input').focus();
  await page.keyboard.type('migrant workers', { delay: 60 });
  const total = await api(page, (tk) => tk.search('migrant workers', { limit: 1 }).total);
  const want = `${total} results for “migrant workers”`;
  await page.waitForFunction((w) => window.spoken.includes(w), want);
  await page.waitForTimeout(500);
  assert.deepEqual(await page.evaluate(() => window.spoken), [want], 'one announcement, after the last keystroke');
  // The same query again after clearing the box is news again.
  await page.keyboard.press('Escape');
  await page.keyboard.type('migrant workers');
  await page.waitForFunction((w) => window.spoken.filter((t) => t === w).length === 2, want);
  assert.deepEqual(problems, []);
  await context.close();
});

test('when the engine fails to load, the widget says so and its results list is no longer busy', async () => {
  const { page, context } = await openPage(env, '/www/embed.html', { goto: false });
  await page.route('**/treatykit_bg.wasm', (route) => route.abort());
  await page.goto(`${env.base}/www/embed.html`);
  await page.waitForFunction(() => /^Search is unavailable/.test(document.querySelector('treatykit-search')?.shadowRoot?.querySelector('[part=status]')?.textContent ?? ''));
  assert.equal(await page.locator('treatykit-search [part=results]').getAttribute('aria-busy'), 'false');
  assert.match(await page.locator('treatykit-search [role=status]').textContent(), /^Search is unavailable/, 'and it is announced');
  await context.close();
});

test('typed text keeps the ink of the widget’s box, and the status line the host’s text colour, under a host’s * { color } rule', async () => {
  const { page, context, problems } = await openPage(env, '/www/embed.html');
  await widgetReady(page);
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('body { background: #111 } * { color: #ddd }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
  await page.locator('treatykit-search input').fill('refugee');
  await page.waitForFunction(() => document.querySelector('treatykit-search').hits.length > 0);
  const colors = await page.evaluate(() => {
    const root = document.querySelector('treatykit-search').shadowRoot;
    const c = (sel) => getComputedStyle(root.querySelector(sel)).color;
    return { input: c('input'), hit: c('li'), status: c('[part=status]') };
  });
  assert.equal(colors.input, 'rgb(21, 32, 43)', 'dark ink on the white box');
  assert.equal(colors.hit, 'rgb(21, 32, 43)');
  assert.match(colors.status, /^color\(srgb 0\.86\d* 0\.86\d* 0\.86\d* \/ 0\.78\)$|^rgba\(221, 221, 221, 0\.78\)$/, colors.status);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a filters attribute that is JSON of the wrong shape warns at once, naming the fields', async () => {
  const { page, context, problems } = await openPage(env, '/www/embed.html');
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await widgetReady(page);
  await page.evaluate(() => {
    const w = document.createElement('treatykit-search');
    w.setAttribute('filters', '{"kinds":["instrument"],"yearFrom":"1950","kind":["right"]}');
    document.body.append(w);
  });
  await page.waitForFunction(() => true);
  await page.waitForTimeout(100);
  const mine = warnings.filter((w) => w.includes('filters'));
  assert.equal(mine.length, 1, mine.join(' | '));
  assert.match(mine[0], /`kinds`, `yearFrom`/);
  assert.doesNotMatch(mine[0], /`kind`/);
  assert.deepEqual(problems, []);
  await context.close();
});
