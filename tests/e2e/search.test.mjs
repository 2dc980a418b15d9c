// End-to-end: searching in the served app in real Chromium — as-you-type results, facets and
// chips, opening a record and coming back, deep links, and text that must never become markup.
// What the page shows is checked against what the package's API answers in the same page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, ready, api, cspViolations, screenshot } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

async function typeQuery(page, text) {
  await page.keyboard.press('/');
  await page.keyboard.type(text);
}

async function resultsFor(page, q) {
  await page.waitForFunction((query) => document.querySelector('#results-heading')?.textContent.includes(`“${query}”`), q);
}

test('typing shows ranked results at once, with the count in the heading and the live region', async () => {
  const { page, context, problems } = await openPage(env, '/www/');
  await ready(page);
  await typeQuery(page, 'stateless');
  await resultsFor(page, 'stateless');
  const expected = await api(page, (tk) => tk.search('stateless', { limit: 20 }));
  const titles = await page.locator('.hit__title').allTextContents();
  assert.deepEqual(titles, expected.hits.map((h) => h.title), 'the page lists the engine’s hits in its order');
  assert.ok(titles.some((t) => /stateless/i.test(t)), titles.join(' | '));
  const heading = await page.locator('#results-heading').textContent();
  assert.equal(heading, `${expected.total} result${expected.total === 1 ? '' : 's'} for “stateless”`);
  await page.waitForFunction((h) => document.getElementById('live').textContent === h, heading);
  assert.match(page.url(), /[?&]q=stateless\b/);
  assert.equal(await page.locator('#q').inputValue(), 'stateless');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('snippets mark the matched words with <mark>, built from text nodes', async () => {
  const { page, context, problems } = await openPage(env, '/www/?q=refugee');
  await ready(page);
  const expected = await api(page, (tk) => tk.search('refugee', { limit: 20 }).hits
    .map((h) => (h.highlights ?? []).map(([a, b]) => h.snippet.slice(a, b))));
  const shown = await page.locator('.hit').evaluateAll((hits) => hits.map((li) => [...li.querySelectorAll('.hit__snippet mark')].map((m) => m.textContent)));
  assert.deepEqual(shown, expected, 'every highlight range of every hit is one <mark>');
  assert.ok(shown.flat().length > 0, 'some words are highlighted');
  assert.deepEqual(problems, []);
  await context.close();
});

test('titles mark the matched words with <mark> too, and read as the whole title', async () => {
  const { page, context, problems } = await openPage(env, '/www/?q=stateless');
  await ready(page);
  const expected = await api(page, (tk) => tk.search('stateless', { limit: 20 }).hits
    .map((h) => (h.titleHighlights ?? []).map(([a, b]) => h.title.slice(a, b))));
  const shown = await page.locator('.hit').evaluateAll((hits) => hits.map((li) => [...li.querySelectorAll('.hit__title mark')].map((m) => m.textContent)));
  assert.deepEqual(shown, expected, 'every title highlight range of every hit is one <mark>');
  assert.ok(shown.flat().some((w) => /^stateless$/i.test(w)), shown.flat().join(' | '));
  const titles = await page.locator('.hit__title').allTextContents();
  assert.ok(titles.every((t) => !t.includes('<mark')), 'marks are elements, not text');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a right that the selected category holds only through an assumed link says so on its card', async () => {
  const { page, context, problems } = await openPage(env, '/www/?kind=right&category=investor-resident');
  await ready(page);
  await page.waitForSelector('.hit');
  const ids = await page.locator('.hit__link').evaluateAll((as) => as.map((a) => a.dataset.hit));
  const expected = await api(page, (tk, shown) => {
    const all = tk.search('', { limit: 100, filters: { kind: 'right', category: 'investor-resident' } }).hits;
    return shown.map((id) => all.find((h) => h.id === id).heldByAssumed.includes('investor-resident'));
  }, ids);
  const flagged = await page.locator('.hit').evaluateAll((lis) => lis.map((li) =>
    [...li.querySelectorAll('.badge--flag')].some((b) => b.textContent === 'Link assumed')));
  assert.deepEqual(flagged, expected, 'exactly the rights held through an assumed link are flagged');
  assert.ok(flagged.some(Boolean) && flagged.some((f) => !f), flagged.join(','));
  const tip = await page.locator('.hit .badge--flag', { hasText: 'Link assumed' }).first().getAttribute('title');
  assert.match(tip, /assumption, not sourced/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a hit whose title no source shows (an MIMC chapter) carries a “Title assumed” flag and the reason', async () => {
  const { page, context, problems } = await openPage(env, '/www/?q=mimc+chapter');
  await ready(page);
  await resultsFor(page, 'mimc chapter');
  const expected = await api(page, (tk) => tk.search('mimc chapter').hits.map((h) => ({
    id: h.id, assumed: h.titleCertain === false, why: String(h.confidenceNote ?? h.certaintyNote ?? '').slice(0, 60),
  })));
  assert.ok(expected.some((h) => h.assumed), 'some chapter titles are our description');
  const shown = await page.locator('.hit').evaluateAll((items) => items.map((li) => ({
    id: li.querySelector('.hit__link').dataset.hit,
    assumed: [...li.querySelectorAll('.badge--flag')].some((b) => b.textContent.includes('Title assumed')),
    note: li.querySelector('.hit__note')?.textContent ?? '',
  })));
  for (const e of expected) {
    const hit = shown.find((x) => x.id === e.id);
    assert.equal(hit?.assumed, e.assumed, e.id);
    if (e.assumed) assert.ok(e.why && hit.note.startsWith(e.why), `${e.id} says why: ${hit.note}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a relaxed or corrected answer says it is not what was typed; an exact one says nothing', async () => {
  const { page, context, problems } = await openPage(env, '/www/');
  await ready(page);
  for (const [q, notice] of [['refugee visa', true], ['chapter 9', true], ['refugee', false]]) {
    const expected = await api(page, (tk, query) => tk.search(query).relaxed, q);
    assert.equal(expected, notice, `${q}: relaxed`);
    await page.fill('#q', q);
    await resultsFor(page, q);
    const shown = await page.locator('.notice--info').count();
    assert.equal(shown, notice ? 1 : 0, q);
    if (notice) assert.match(await page.locator('.notice--info').textContent(), /closest matches/);
  }
  // A misspelt word read as a word of the texts is said, with the reading the engine used.
  for (const [q, read, relaxed] of [['refoulment', 'refoulement', false], ['chapter 9', 'charter 9', true]]) {
    const expected = await api(page, (tk, query) => tk.search(query), q);
    assert.deepEqual([expected.corrected, expected.relaxed], [read, relaxed], q);
    await page.fill('#q', q);
    await resultsFor(page, q);
    assert.equal(await page.locator('.notice--info [data-corrected]').textContent(), read, q);
    const text = await page.locator('.notice--info').textContent();
    assert.match(text, relaxed ? /closest matches, reading the query as charter 9\./ : /^Showing results for refoulement\.$/, q);
  }
  assert.equal(await api(page, (tk) => tk.search('refugee').corrected), undefined, 'a query read as typed has none');
  // A hit found through its search terms (words its text lacks) names them under its snippet.
  const pension = await api(page, (tk) => tk.search('pension').hits[0]);
  assert.deepEqual([pension.id, pension.searchTerms], ['social-security', ['pension']]);
  await page.fill('#q', 'pension');
  await resultsFor(page, 'pension');
  assert.equal(await page.locator('.hit').first().locator('.hit__terms').textContent(), 'Matched its search term pension.');
  await page.fill('#q', 'refugee');
  await resultsFor(page, 'refugee');
  assert.equal(await page.locator('.hit__terms').count(), 0, 'hits found by their own text name no search term');
  assert.deepEqual(problems, []);
  await context.close();
});

test('query text that looks like markup stays text and runs nothing', async () => {
  const { page, context, problems } = await openPage(env, '/www/');
  await ready(page);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  const evil = '<img src=x onerror=alert(1)><script>alert(2)</script> refugee';
  await page.fill('#q', evil);
  await page.waitForSelector('#results-heading');
  assert.equal(await page.locator('#view img, #view script').count(), 0);
  assert.ok((await page.locator('#results-heading').textContent()).includes('<img src=x onerror=alert(1)>'));
  assert.equal(dialogs, 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a query that matches nothing shows an empty state whose suggestions lead to results', async () => {
  const { page, context, problems } = await openPage(env, '/www/');
  await ready(page);
  await page.fill('#q', 'zzqqxxjjvv');
  await page.waitForSelector('.empty');
  assert.match(await page.locator('#results-heading').textContent(), /^0 results for/);
  assert.equal(await page.locator('.hit').count(), 0);
  const suggestion = page.locator('.empty .suggest__link').first();
  const q = await suggestion.textContent();
  await suggestion.click();
  await resultsFor(page, q);
  assert.ok(await page.locator('.hit').count() > 0, `the suggestion “${q}” finds records`);
  assert.equal(await page.locator('#q').inputValue(), q);
  assert.deepEqual(problems, []);
  await context.close();
});

test('facets filter with live counts, show removable chips, and clear all', async () => {
  const { page, context, problems } = await openPage(env, '/www/?q=refugee');
  await ready(page);
  const { facets, total } = await api(page, (tk) => tk.search('refugee'));
  assert.ok(facets && Array.isArray(facets.type) && facets.type.length > 1, 'search counts the type facet');
  const typeGroup = page.locator('fieldset.facet', { has: page.locator('legend', { hasText: /^Type$/ }) });
  if (facets.type.length > 6) {
    assert.equal(await typeGroup.locator('.facet__option').count(), 6, 'long facets start short');
    await typeGroup.locator('.facet__more').click();
    assert.equal(await typeGroup.locator('.facet__option').count(), facets.type.length, '“Show all” shows every value');
  }
  const pick = facets.type.find((v) => v.count < total) ?? facets.type[0];
  const option = typeGroup.locator('.facet__option', { hasText: pick.label }).first();
  assert.equal(await option.locator('.facet__count').textContent(), String(pick.count), 'the sidebar shows the engine’s count');
  await option.locator('input').check();
  await page.waitForSelector('.chip:not(.chip--clear)');
  assert.match(page.url(), new RegExp(`[?&]type=${encodeURIComponent(pick.value)}\\b`));
  const filtered = await api(page, (tk, v) => tk.search('refugee', { filters: { type: [v] } }).total, pick.value);
  assert.equal(filtered, pick.count, 'the facet count predicted the filtered total');
  assert.match(await page.locator('#results-heading').textContent(), new RegExp(`^${filtered} results? for`));
  assert.equal(await page.locator('.chip:not(.chip--clear)').textContent(), `Type: ${pick.label}×`);
  await screenshot(page, 'search-filtered-1280');
  // Removing the chip restores the unfiltered results; focus lands somewhere sensible.
  await page.locator('.chip:not(.chip--clear)').click();
  await page.waitForFunction(() => !document.querySelector('.chip'));
  assert.doesNotMatch(page.url(), /[?&]type=/);
  // Two filters, then "Clear all".
  const box = async (selector) => page.locator(`[data-focus-key="${await page.locator(selector).first().getAttribute('data-focus-key')}"]`);
  await (await box('.facet__option input')).check();
  await page.waitForSelector('.chip--clear');
  await (await box('.facet__option:not(.is-empty) input:not(:checked)')).check();
  await page.waitForFunction(() => document.querySelectorAll('.chip:not(.chip--clear)').length === 2);
  await page.locator('.chip--clear').click();
  await page.waitForFunction(() => !document.querySelector('.chip'));
  assert.equal(await page.locator('.facet__option input:checked').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('search → open a record → back returns to the same results with focus on the opened hit', async () => {
  const { page, context, problems } = await openPage(env, '/www/');
  await ready(page);
  await typeQuery(page, 'refugee');
  await resultsFor(page, 'refugee');
  const second = page.locator('.hit__link').nth(1);
  const title = await second.textContent();
  const id = await second.getAttribute('data-hit');
  await second.click();
  await page.waitForSelector('#record-title');
  assert.equal(await page.locator('#record-title').textContent(), title);
  assert.match(page.url(), new RegExp(`[?&]record=${encodeURIComponent(id)}\\b`));
  const record = await api(page, (tk, rid) => tk.record(rid), id);
  assert.equal(await page.locator('.citation__text').textContent(), record.citation);
  await page.locator('.record__back a').click();
  await resultsFor(page, 'refugee');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.hit), id, 'focus returns to the hit that was opened');
  // Browser forward and back walk the same states.
  await page.goForward();
  await page.waitForSelector('#record-title');
  assert.equal(await page.locator('#record-title').textContent(), title);
  await page.goBack();
  await resultsFor(page, 'refugee');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a deep link with query, filter and record survives reload, and back/forward restore each state', async () => {
  const { page, context, problems } = await openPage(env, '/www/');
  await ready(page);
  const { id, type } = await api(page, (tk) => {
    const r = tk.search('convention', { limit: 1 });
    const value = r.facets?.type?.[0]?.value ?? null;
    const hit = value ? tk.search('convention', { limit: 1, filters: { type: [value] } }).hits[0] : r.hits[0];
    return { id: hit.id, type: value };
  });
  const path = `/www/?q=convention${type ? `&type=${encodeURIComponent(type)}` : ''}&record=${encodeURIComponent(id)}`;
  await page.goto(env.base + path);
  await ready(page);
  await page.waitForSelector('#record-title');
  const title = await page.locator('#record-title').textContent();
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('#record-title').textContent(), title, 'reload keeps the record open');
  assert.equal(await page.locator('#q').inputValue(), 'convention');
  await page.locator('.record__back a').click();
  await resultsFor(page, 'convention');
  if (type) assert.equal(await page.locator('.facet__option input:checked').count(), 1, 'the filter is restored');
  await page.reload();
  await ready(page);
  await resultsFor(page, 'convention');
  await page.goBack();
  await page.waitForSelector('#record-title');
  assert.equal(await page.locator('#record-title').textContent(), title, 'back reopens the record');
  await page.goForward();
  await resultsFor(page, 'convention');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an unknown record id in the URL shows a clear message, not a crash', async () => {
  const { page, context, problems } = await openPage(env, `/www/?record=${'x'.repeat(300)}`);
  await ready(page);
  await page.waitForSelector('#record-title');
  assert.equal(await page.locator('#record-title').textContent(), 'Record not found');
  assert.ok((await page.locator('.notice--error').textContent()).includes('x'.repeat(200)));
  assert.deepEqual(problems, []);
  await context.close();
});

const focusKey = (page) => page.evaluate(() => document.activeElement?.dataset?.focusKey ?? document.activeElement?.tagName);

test('Tab out of the “From” year applies it and moves focus on to the “To” year', async () => {
  const { page, context, problems } = await openPage(env, '/www/?q=refugee');
  await ready(page);
  await page.locator('[data-focus-key="year:yearFrom"]').focus();
  await page.keyboard.type('2000');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => /[?&]yearFrom=2000\b/.test(location.search));
  assert.equal(await focusKey(page), 'year:yearTo', 'focus goes where Tab was heading');
  await page.keyboard.type('2010');
  await page.keyboard.press('Shift+Tab');
  await page.waitForFunction(() => /[?&]yearTo=2010\b/.test(location.search));
  assert.equal(await focusKey(page), 'year:yearFrom', 'Shift+Tab goes back to “From”');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a year that is not four digits, or a reversed range, is explained next to the fields', async () => {
  const { page, context, problems } = await openPage(env, '/www/?q=refugee&yearFrom=1990');
  await ready(page);
  const to = page.locator('[data-focus-key="year:yearTo"]');
  await to.fill('199');
  await to.press('Enter');
  await page.waitForSelector('.year__error');
  assert.match(await page.locator('.year__error').textContent(), /four digits/);
  assert.equal(await page.locator('[data-focus-key="year:yearTo"]').inputValue(), '199', 'what was typed stays in the field');
  assert.equal(await page.locator('[data-focus-key="year:yearTo"]').getAttribute('aria-invalid'), 'true');
  assert.match(page.url(), /[?&]yearFrom=1990\b/, 'the other year is kept');
  assert.equal(await focusKey(page), 'year:yearTo');
  // A reversed range says why nothing matches.
  await page.locator('[data-focus-key="year:yearTo"]').fill('1980');
  await page.locator('[data-focus-key="year:yearTo"]').press('Enter');
  await page.waitForFunction(() => /[?&]yearTo=1980\b/.test(location.search));
  await page.waitForSelector('.year__error');
  assert.match(await page.locator('.year__error').textContent(), /after/);
  assert.match(await page.locator('#results-heading').textContent(), /^0 results/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('“Back to results” goes to the results it names, even after following links between records', async () => {
  const { page, context, problems } = await openPage(env, '/www/?q=refugee&kind=instrument');
  await ready(page);
  await resultsFor(page, 'refugee');
  await page.locator('.hit__link').first().click();
  await page.waitForSelector('#record-title');
  const first = page.url();
  await page.locator('#rights-h ~ .anchored a, .anchored__right a').first().click();
  await page.waitForFunction((u) => location.href !== u && document.querySelector('#record-title'), first);
  const second = page.url();
  const back = page.locator('.record__back a');
  assert.equal(await back.textContent(), '← Back to results');
  await back.click();
  await resultsFor(page, 'refugee');
  assert.doesNotMatch(page.url(), /[?&]record=/, 'the link leads to the results, not to the previous record');
  assert.match(page.url(), /[?&]kind=instrument\b/);
  // History stays a list of places visited: back returns to the record the visitor came from.
  await page.goBack();
  await page.waitForSelector('#record-title');
  assert.equal(page.url(), second);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a selected facet value stays visible in a collapsed facet list', async () => {
  const { page, context, problems } = await openPage(env, '/www/');
  await ready(page);
  const types = await api(page, (tk) => tk.search('refugee').facets.type);
  assert.ok(types.length > 6, 'the type facet is long enough to collapse');
  const last = types[types.length - 1];
  await page.goto(`${env.base}/www/?q=refugee&type=${encodeURIComponent(last.value)}`);
  await ready(page);
  const typeGroup = page.locator('fieldset.facet', { has: page.locator('legend', { hasText: /^Type$/ }) });
  assert.equal(await typeGroup.locator('.facet__more').textContent(), `Show all ${types.length}`, 'the list is collapsed');
  const checked = typeGroup.locator('.facet__option', { has: page.locator('input:checked') });
  assert.equal(await checked.count(), 1);
  assert.ok(await checked.isVisible());
  assert.equal(await checked.locator('.facet__label').textContent(), last.label);
  assert.equal(await typeGroup.locator('.facet__option').count(), 7, 'the preview plus the selected value');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a long unbroken query wraps instead of making the page scroll sideways', async () => {
  for (const width of [1280, 390]) {
    const { page, context, problems } = await openPage(env, `/www/?q=refugee${'x'.repeat(290)}`, { viewport: { width, height: 800 } });
    await ready(page);
    await page.waitForSelector('.empty');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the ${width}px screen`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a long unbroken filter value from a URL wraps in its chip instead of widening the page', async () => {
  for (const width of [1280, 390]) {
    const { page, context, problems } = await openPage(env, `/www/?q=refugee&type=${'x'.repeat(200)}&publisher=${'y'.repeat(120)}`, { viewport: { width, height: 800 } });
    await ready(page);
    await page.waitForSelector('.chip');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the ${width}px screen`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('Back and Forward put the query of the page returned to in the box, even while the box has focus', async () => {
  const { page, context, problems } = await openPage(env, '/www/');
  await ready(page);
  await typeQuery(page, 'refugee');
  await resultsFor(page, 'refugee');
  await page.locator('.hit__link').first().click();
  await page.waitForSelector('#record-title');
  await page.locator('#q').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' convention');
  await resultsFor(page, 'refugee convention');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.goBack();
  await page.waitForSelector('#record-title');
  assert.equal(await page.inputValue('#q'), 'refugee', 'the box shows the query of the record\'s page');
  await page.goForward();
  await resultsFor(page, 'refugee convention');
  assert.equal(await page.inputValue('#q'), 'refugee convention');
  assert.deepEqual(problems, []);
  await context.close();
});

test('after Back or Forward within a view, focus is on the view\'s heading, not lost to the page', async () => {
  const { page, context, problems } = await openPage(env, '/www/?q=refugee');
  await ready(page);
  await resultsFor(page, 'refugee');
  await page.locator('.facet__option input').first().check();
  await page.waitForFunction(() => location.search.includes('&'));
  const filtered = page.url();
  const focusedAfter = async () => page.evaluate(() => ({
    tag: document.activeElement.tagName, inView: document.getElementById('view').contains(document.activeElement),
  }));
  for (const move of ['goBack', 'goForward']) {
    // Focus on the heading (an element no control key names), which the next page replaces.
    await page.locator('#view h1').first().focus();
    await page[move]();
    await page.waitForFunction((want) => (location.href === want.url) === want.there, { url: filtered, there: move === 'goForward' });
    assert.deepEqual(await focusedAfter(), { tag: 'H1', inView: true }, move);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a query too long to run keeps the filter panel with the active filters', async () => {
  const words = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
  const { page, context, problems } = await openPage(env, `/www/?q=${encodeURIComponent(words)}&kind=instrument`);
  await ready(page);
  await page.waitForSelector('.notice--error');
  assert.match(await page.locator('.notice--error').textContent(), /too long/);
  const panel = await page.locator('.facets__body').textContent();
  assert.doesNotMatch(panel, /not available/i, 'the build has filters: never say otherwise');
  assert.ok(await page.locator('.facets-aside fieldset.facet').count() > 1, 'the facet groups are still there');
  assert.equal(await page.locator('[data-focus-key="facet:kind:instrument"]').isChecked(), true, 'the active filter shows in the sidebar');
  assert.deepEqual(problems, []);
  await context.close();
});

test('with no results the filter panel says that no filter applies instead of showing an empty box', async () => {
  const { page, context, problems } = await openPage(env, '/www/?q=xyzzyqq');
  await ready(page);
  await page.waitForSelector('.empty');
  assert.equal(await page.locator('.facets-aside fieldset').count(), 0);
  assert.match(await page.locator('.facets__body').textContent(), /^No filters apply/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a query with no letters or digits shows the landing page with a hint, not every record', async () => {
  const { page, context, problems } = await openPage(env, '/www/');
  await ready(page);
  // The app's rule (letters, digits or pictographs are searchable) agrees with the engine, which
  // answers anything else in browse order and searches the rest.
  const engine = await api(page, (tk) => Object.fromEntries(['!!!', '—', '...', '§ $', '-', '🙂', '©', '²', 'ß'].map((q) => {
    const r = tk.search(q, { limit: 1 });
    return [q, r.total === tk.search('', { limit: 1 }).total && r.hits[0]?.score === 0];
  })));
  for (const [q, browse] of Object.entries(engine)) {
    assert.equal(browse, !/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(q), `${q}: the engine ${browse ? 'browses' : 'searches'}`);
  }
  await page.fill('#q', '!!!');
  await page.waitForSelector('.landing .notice');
  assert.match(await page.locator('.landing .notice').textContent(), /“!!!” has no letters or digits/);
  assert.equal(await page.locator('.hit').count(), 0);
  // With a filter on, the filter browses and the query is set aside with the same hint.
  await page.goto(`${env.base}/www/?q=${encodeURIComponent('—')}&kind=instrument`);
  await ready(page);
  const total = await api(page, (tk) => tk.search('', { filters: { kind: ['instrument'] } }).total);
  assert.equal(await page.locator('#results-heading').textContent(), `${total} results with these filters`);
  assert.match(await page.locator('.notice--info').textContent(), /“—” has no letters or digits/);
  // An emoji is still searched (and finds nothing).
  await page.goto(`${env.base}/www/?q=${encodeURIComponent('🙂')}`);
  await ready(page);
  assert.equal(await page.locator('#results-heading').textContent(), '0 results for “🙂”');
  assert.deepEqual(problems, []);
  await context.close();
});

test('“Show more results” announces the new count and moves focus to the first new result', async () => {
  const { page, context, problems } = await openPage(env, '/www/?q=refugee');
  await ready(page);
  const { total, ids } = await api(page, (tk) => {
    const r = tk.search('refugee', { limit: 100 });
    return { total: r.total, ids: r.hits.map((h) => h.id) };
  });
  assert.ok(total > 40 && total <= 60 + 20, `three pages (${total} results)`);
  const live = () => page.evaluate(() => document.getElementById('live').textContent);
  for (let shown = 20; shown < total; shown += 20) {
    await page.locator('.more').focus();
    await page.keyboard.press('Enter');
    const now = Math.min(shown + 20, total);
    await page.waitForFunction((n) => document.querySelectorAll('.hit').length === n, now);
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.hit), ids[shown], 'focus is on the first new result');
    await page.waitForFunction((t) => document.getElementById('live').textContent.startsWith(t), `Showing ${now} of ${total}`);
  }
  assert.equal(await page.locator('.more').count(), 0, 'no more button after the last page');
  assert.match(await live(), new RegExp(`^Showing ${total} of ${total} results for “refugee”$`));
  assert.deepEqual(problems, []);
  await context.close();
});

test('“Show more results” keeps working past the engine’s 100-hit limit per call', async () => {
  const { page, context, problems } = await openPage(env, '/www/?kind=right');
  await ready(page);
  const total = await api(page, (tk) => tk.search('', { limit: 1, filters: { kind: ['right'] } }).total);
  assert.ok(total > 100, `more than 100 rights (${total})`);
  while (await page.locator('.more').count()) {
    const before = await page.locator('.hit').count();
    await page.locator('.more').click();
    await page.waitForFunction((n) => document.querySelectorAll('.hit').length > n || document.querySelector('.notice--error'), before);
  }
  assert.equal(await page.locator('.notice--error').count(), 0);
  assert.equal(await page.locator('.hit').count(), total);
  const ids = await page.locator('.hit__link').evaluateAll((links) => links.map((a) => a.dataset.hit));
  assert.equal(new Set(ids).size, total, 'each record once');
  assert.deepEqual(problems, []);
  await context.close();
});

test('facet checkboxes read their count as “1 record” or “N records”', async () => {
  const { page, context, problems } = await openPage(env, '/www/?q=refugee');
  await ready(page);
  const kinds = await api(page, (tk) => tk.search('refugee').facets.kind);
  const one = kinds.find((v) => v.count === 1);
  const many = kinds.find((v) => v.count > 1);
  assert.ok(one && many, 'the kind facet has a value with one record and one with more');
  const label = (v, n) => page.getByRole('checkbox', { name: `${v} ${n}`, exact: true });
  const kindLabel = async (value) => page.locator(`[data-focus-key="facet:kind:${value}"] ~ .facet__label`).textContent();
  assert.equal(await label(await kindLabel(one.value), '1 record').count(), 1);
  assert.equal(await label(await kindLabel(many.value), `${many.count} records`).count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('legal force reads the same in the facet, on result badges and on the record page', async () => {
  const { page, context, problems } = await openPage(env, '/www/?q=refugee&binding=non-normative');
  await ready(page);
  const { labels, id } = await api(page, (tk) => ({
    labels: Object.fromEntries(tk.facets({}).binding.map((v) => [v.value, v.label])),
    id: tk.search('refugee', { filters: { binding: ['non-normative'] } }).hits[0].id,
  }));
  const facet = page.locator('fieldset.facet', { has: page.locator('legend', { hasText: /^Legal force$/ }) });
  assert.equal(await facet.locator('.facet__option.is-on .facet__label').textContent(), labels['non-normative']);
  assert.equal(await page.locator('.hit .badge--non-normative').first().textContent(), labels['non-normative']);
  await page.goto(`${env.base}/www/?record=${encodeURIComponent(id)}`);
  await ready(page);
  assert.equal(await page.locator('.record__badges .badge--non-normative').textContent(), labels['non-normative'], 'a record opened directly uses the same word');
  assert.equal(await page.locator('.facts dt:text-is("Legal force") + dd').textContent(), labels['non-normative']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a right opened from the results marks each source link that no reviewed source gives, and cites its uncertain articles as such', async () => {
  const { page, context, problems } = await openPage(env, '/www/?record=seek-asylum');
  await ready(page);
  await page.waitForSelector('#record-title');
  const record = await api(page, (tk) => tk.record('seek-asylum'));
  const unchecked = record.sources.filter((s) => s.checked === false).map((s) => s.text);
  assert.ok(unchecked.length > 0 && unchecked.length < record.sources.length, 'the right cites checked and unchecked links');
  const items = await page.locator('#sources-h ~ .sources li').evaluateAll((lis) => lis.map((li) => ({
    text: li.querySelector('a')?.getAttribute('href') ?? li.textContent,
    marked: li.textContent.includes('Link not checked'),
  })));
  assert.deepEqual(items.map((i) => i.marked), record.sources.map((s) => s.checked === false), 'each unchecked link, and only those, is marked');
  assert.deepEqual(items.map((i) => i.text), record.sources.map((s) => s.url ?? s.text), 'every link stays');
  const flag = record.flags.find((f) => f.field === 'sources');
  assert.ok(flag, 'a record-level flag names them');
  assert.ok((await page.locator('.callout--warn li').allTextContents()).some((t) => t.includes(flag.message)));
  assert.match(await page.locator('.citation__text').textContent(), /\[unverified/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a query of up to 1,024 characters is searched whole; a longer one gets the engine’s “too long” message', async () => {
  const q = `refugee ${'x'.repeat(990)} stateless children`;
  assert.equal(q.length, 1017);
  const { page, context, problems } = await openPage(env, `/www/?q=${encodeURIComponent(q)}`);
  await ready(page);
  await page.waitForSelector('#results-heading');
  assert.equal(await page.locator('#q').inputValue(), q, 'the box holds the whole query');
  assert.match(await page.locator('#results-heading').textContent(), /stateless children”$/);
  // Over the limit (but with few words): refused with a message, not searched in part.
  const long = `refugee ${'x'.repeat(1040)}`;
  await page.goto(`${env.base}/www/?q=${encodeURIComponent(long)}`);
  await ready(page);
  await page.waitForSelector('.notice--error');
  assert.match(await page.locator('.notice--error').textContent(), /too long/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the same query typed again after clearing the box is announced again', async () => {
  const { page, context, problems } = await openPage(env, '/www/');
  await ready(page);
  await typeQuery(page, 'refugee');
  const total = await api(page, (tk) => tk.search('refugee', { limit: 1 }).total);
  const said = `${total} results for “refugee”`;
  await page.waitForFunction((t) => document.getElementById('live').textContent === t, said);
  await page.keyboard.press('Escape');
  await page.waitForSelector('.landing');
  await page.waitForFunction(() => document.getElementById('live').textContent === '');
  await page.keyboard.type('refugee');
  await page.waitForFunction((t) => document.getElementById('live').textContent === t, said);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an unknown category id in the compare view’s URL is named in a clear message', async () => {
  const { page, context, problems } = await openPage(env, '/www/?view=compare&a=refugees&b=visitor');
  await ready(page);
  await page.waitForSelector('#compare-title');
  assert.equal(await api(page, (tk) => tk.categories().some((c) => c.id === 'visitor')), true);
  assert.equal(await page.locator('.notice--error').textContent(), 'Unknown category: no category has the id refugees. Pick one from the list.');
  await page.goto(`${env.base}/www/?view=compare&a=refugee&b=visitor`);
  await ready(page);
  await page.waitForSelector('.compare__cols');
  assert.equal(await page.locator('.notice--error').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
