// End-to-end: every view passes axe-core (no serious or critical violation) at desktop width and
// at 375 px, fits a 375 px screen, and can be used with the keyboard alone. Screenshots of each
// view at both widths go to artifacts/ (they are the product: look at them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, ready, axeSerious, screenshot, cspViolations, api } from './browser.mjs';

let env;
let ids;
before(async () => {
  env = await launch();
  const { page, context } = await openPage(env, '/www/');
  await ready(page);
  ids = await api(page, (tk) => {
    const cats = tk.categories();
    const layered = cats.find((c) => c.inherits.length) ?? cats[0];
    const other = cats.find((c) => c.id !== layered.id && c.inherits.length) ?? cats[1];
    const instrument = tk.search('convention', { limit: 20 }).hits.find((h) => h.kind === 'instrument');
    const flagged = ['resource', 'instrument', 'chapter', 'category', 'right']
      .flatMap((k) => tk.search(k === 'resource' ? 'migration' : 'rights', { limit: 50 }).hits)
      .map((h) => tk.record(h.id)).find((r) => r.flags.length);
    return { cat: layered.id, other: other.id, instrument: instrument.id, flagged: flagged?.id ?? instrument.id };
  });
  await context.close();
});
after(async () => { await env?.close(); });

const views = () => [
  ['landing', '/www/'],
  ['results', '/www/?q=refugee'],
  ['empty', '/www/?q=zzqqxxjjvv'],
  ['record-instrument', `/www/?q=convention&record=${ids.instrument}`],
  ['record-flagged', `/www/?record=${ids.flagged}`],
  ['rights-intro', '/www/?view=rights'],
  ['rights', `/www/?view=rights&cat=${ids.cat}`],
  ['compare', `/www/?view=compare&a=${ids.cat}&b=${ids.other}`],
  ['matrix', '/www/?view=matrix'],
];

for (const width of [1280, 375]) {
  test(`every view has no serious or critical axe violation and fits the screen at ${width} px`, async () => {
    const { page, context, problems } = await openPage(env, '/www/', { viewport: { width, height: 900 } });
    await ready(page);
    const found = [];
    for (const [name, path] of views()) {
      await page.goto(env.base + path);
      await ready(page);
      await page.waitForSelector('#view h1');
      found.push(...(await axeSerious(page)).map((v) => `${name}: ${v}`));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name} is ${overflow}px wider than the ${width}px screen`);
      await screenshot(page, `view-${name}-${width}`);
    }
    assert.deepEqual(found, []);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('in dark mode, marked matches and every view keep enough contrast (axe), in the app and the widget', async () => {
  const { page, context, problems } = await openPage(env, '/www/', { viewport: { width: 375, height: 900 }, colorScheme: 'dark' });
  await ready(page);
  const found = [];
  for (const [name, path] of [...views(), ['results-marked', '/www/?q=migrant+worker'], ['chapter-hits', '/www/?q=mimc+chapter']]) {
    await page.goto(env.base + path);
    await ready(page);
    await page.waitForSelector('#view h1');
    found.push(...(await axeSerious(page)).map((v) => `${name}: ${v}`));
  }
  await page.goto(`${env.base}/www/embed.html`);
  await page.waitForFunction(() => document.querySelector('treatykit-search')?.shadowRoot
    ?.querySelector('[part=results]')?.getAttribute('aria-busy') === 'false');
  await page.locator('treatykit-search input').fill('migrant worker');
  await page.waitForFunction(() => document.querySelector('treatykit-search').shadowRoot.querySelectorAll('li mark').length > 0);
  found.push(...(await axeSerious(page)).map((v) => `embed: ${v}`));
  await screenshot(page, 'widget-embed-dark-375');
  assert.deepEqual(found, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the record view marks uncertain facts as such and copies a plain citation', async () => {
  const { page, context, problems } = await openPage(env, '/www/', { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.goto(`${env.base}/www/?record=${ids.flagged}`);
  await ready(page);
  const record = await api(page, (tk, id) => tk.record(id), ids.flagged);
  assert.ok(record.flags.length > 0);
  const callout = await page.locator('.callout--warn li').allTextContents();
  assert.equal(callout.length, record.flags.length, 'every flag is listed');
  record.flags.forEach((f, i) => assert.ok(callout[i].includes(f.message), `${f.field}: ${callout[i]}`));
  await page.locator('button', { hasText: 'Copy citation' }).click();
  await page.waitForFunction(() => document.querySelector('.citation__status')?.textContent.length > 0);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), record.citation);
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard only: "/" focuses search, arrows move through results, Enter opens, Esc goes back', async () => {
  const { page, context, problems } = await openPage(env, '/www/');
  await ready(page);
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    return el?.id || el?.dataset?.hit || el?.dataset?.focusKey || el?.tagName;
  });
  await page.keyboard.press('/');
  assert.equal(await focused(), 'q');
  await page.keyboard.type('refugee');
  await page.waitForFunction(() => document.querySelector('#results-heading')?.textContent.includes('“refugee”'));
  const hits = await page.locator('.hit__link').evaluateAll((links) => links.map((a) => a.dataset.hit));
  assert.ok(hits.length >= 3);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), hits[0]);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), hits[2]);
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), hits[1]);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#record-title');
  assert.equal(await focused(), 'record-title', 'the record heading takes focus');
  assert.match(page.url(), new RegExp(`record=${hits[1]}`));
  await page.keyboard.press('Escape');
  await page.waitForSelector('.hit__link');
  assert.equal(await focused(), hits[1], 'Esc returns to the result that was opened');
  await page.keyboard.press('Escape');
  assert.equal(await focused(), 'q', 'Esc in the results goes back to the search box');
  // Focus is visible: the focused element draws an outline or a box shadow.
  await page.keyboard.press('ArrowDown');
  const ring = await page.evaluate(() => {
    const after = getComputedStyle(document.activeElement, '::after');
    const self = getComputedStyle(document.activeElement);
    return [after.outlineStyle, self.outlineStyle].some((s) => s && s !== 'none');
  });
  assert.ok(ring, 'the focused result shows a focus ring');
  // Tab reaches the view tabs and a view opens with Enter; its heading takes focus.
  await page.keyboard.press('/');
  let guard = 0;
  while ((await page.evaluate(() => document.activeElement?.textContent)) !== 'Rights' && guard++ < 10) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#rights-title');
  assert.equal(await focused(), 'rights-title');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.hit__link');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the search box clears with Esc, and facets toggle with the keyboard', async () => {
  const { page, context, problems } = await openPage(env, '/www/?q=refugee');
  await ready(page);
  await page.waitForSelector('.hit');
  const boxes = page.locator('.facet__option input');
  if (await boxes.count()) {
    await boxes.first().focus();
    await page.keyboard.press('Space');
    await page.waitForSelector('.chip');
    assert.equal(await page.evaluate(() => document.activeElement?.type), 'checkbox', 'focus stays on the checkbox after the re-render');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => !document.querySelector('.chip'));
  }
  await page.keyboard.press('/');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#q').inputValue(), '');
  await page.waitForSelector('.landing');
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a 390 px phone the anchors table shows each anchor’s force and Checked/Unverified flag on screen', async () => {
  const { page, context, problems } = await openPage(env, '/www/?record=non-refoulement-refugees', { viewport: { width: 390, height: 844 } });
  await ready(page);
  await page.waitForSelector('table.anchors');
  const anchors = await api(page, (tk) => tk.record('non-refoulement-refugees').anchors.length);
  const rows = await page.locator('table.anchors tbody tr').evaluateAll((trs) => {
    const wrap = trs[0].closest('.table-wrap').getBoundingClientRect();
    const edge = Math.min(wrap.right, window.innerWidth) + 0.5;
    const shown = (el) => el.checkVisibility() && el.getBoundingClientRect().right <= edge && el.getBoundingClientRect().left >= 0;
    return trs.map((tr) => {
      const badges = [...tr.querySelectorAll('.badge')].filter((b) => b.checkVisibility());
      return {
        cells: [...tr.children].filter((c) => c.checkVisibility()).every(shown),
        flag: badges.filter((b) => /^(Checked|⚠?\s*Unverified)$/.test(b.textContent.trim())).filter(shown).length,
        force: badges.filter((b) => /^(Binding( in .+)?|Non-binding)$/.test(b.textContent.trim())).filter(shown).length,
      };
    });
  });
  assert.equal(rows.length, anchors);
  rows.forEach((r, i) => {
    assert.ok(r.cells, `row ${i}: a cell runs past the right edge`);
    assert.equal(r.flag, 1, `row ${i}: one Checked/Unverified flag on screen`);
    assert.equal(r.force, 1, `row ${i}: one legal-force badge on screen`);
  });
  await screenshot(page, 'record-anchors-390');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the "/" shortcut hint shows only where there is a keyboard and room for it', async () => {
  const visible = async (options) => {
    const { page, context } = await openPage(env, '/www/', options);
    await ready(page);
    const shown = await page.locator('.searchbar__kbd').isVisible();
    await context.close();
    return shown;
  };
  assert.equal(await visible({ viewport: { width: 1280, height: 800 } }), true, 'desktop with a mouse');
  assert.equal(await visible({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }), false, 'phone');
  assert.equal(await visible({ viewport: { width: 1024, height: 1366 }, isMobile: true, hasTouch: true }), false, 'tablet (touch only)');
});

test('every facet group, "Kind of record" included, has the same rule line by its legend', async () => {
  const { page, context, problems } = await openPage(env, '/www/?q=refugee', { viewport: { width: 1280, height: 900 } });
  await ready(page);
  const rules = await page.locator('.facets-aside fieldset.facet').evaluateAll((sets) => sets.map((f) => {
    const cs = getComputedStyle(f);
    return `${f.querySelector('legend').textContent}: ${cs.borderTopWidth} ${cs.borderTopStyle} ${cs.borderTopColor}`;
  }));
  const rule = rules[1].replace(/^[^:]+: /, '');
  assert.match(rule, /^1px solid/);
  assert.deepEqual(rules, rules.map((r) => `${r.split(':')[0]}: ${rule}`));
  assert.deepEqual(problems, []);
  await context.close();
});

test('party-count sources link each URL they cite, opening in a new tab', async () => {
  const { page, context, problems } = await openPage(env, '/www/');
  await ready(page);
  // The first instrument whose party-count source cites two URLs or more.
  const { id, source } = await api(page, (tk) => {
    for (const h of tk.search('', { filters: { kind: 'instrument' }, limit: 100 }).hits) {
      const s = tk.record(h.id).parties?.source;
      if ((s?.text.match(/https?:\/\//g) ?? []).length >= 2) return { id: h.id, source: s };
    }
    return {};
  });
  assert.ok(id, 'an instrument cites two sources for its party count');
  await page.goto(`${env.base}/www/?record=${id}`);
  await ready(page);
  const urls = source.text.match(/https?:\/\/[^\s;]+/g);
  assert.ok(urls.length >= 2, source.text);
  const links = page.locator('.parties__status a');
  assert.deepEqual(await links.evaluateAll((as) => as.map((a) => a.href)), urls);
  for (const a of await links.all()) {
    assert.equal(await a.getAttribute('target'), '_blank');
    assert.match(await a.getAttribute('rel'), /\bnoopener\b/);
  }
  const shown = await page.locator('.parties__status').evaluate((p) => {
    const c = p.cloneNode(true);
    c.querySelectorAll('.visually-hidden, .badge').forEach((x) => x.remove());
    return c.textContent.trim();
  });
  assert.equal(shown, `Source: ${source.text}`, 'the text around the links is kept');
  assert.deepEqual(problems, []);
  await context.close();
});

test('unticking a facet whose checkbox then goes keeps keyboard focus on the page: the group’s “Show all”, else the search box', async () => {
  const { page, context, problems } = await openPage(env, '/www/?kind=right');
  await ready(page);
  const focusKey = () => page.evaluate(() => (document.activeElement === document.getElementById('q') ? 'q' : document.activeElement?.dataset.focusKey ?? document.activeElement?.tagName));
  // The only filter, no query: unticking it shows the landing page.
  await page.locator('[data-focus-key="facet:kind:right"]').focus();
  await page.keyboard.press('Space');
  await page.waitForSelector('.landing');
  assert.equal(await focusKey(), 'q');
  // A value beyond the collapsed list leaves it when unticked.
  const value = await api(page, (tk) => tk.search('refugee').facets.publisher.at(-1).value);
  await page.goto(`${env.base}/www/?q=refugee&publisher=${encodeURIComponent(value)}`);
  await ready(page);
  const box = page.locator(`[data-focus-key="facet:publisher:${value}"]`);
  await box.focus();
  await page.keyboard.press('Space');
  await box.waitFor({ state: 'detached' });
  assert.equal(await focusKey(), 'more:publisher');
  // Clearing the only year filter with Enter shows the landing page.
  await page.goto(`${env.base}/www/?yearFrom=1990`);
  await ready(page);
  await page.locator('[data-focus-key="year:yearFrom"]').fill('');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.landing');
  assert.equal(await focusKey(), 'q');
  // Enter in a year field that stays keeps focus there.
  await page.goto(`${env.base}/www/?q=refugee`);
  await ready(page);
  await page.locator('[data-focus-key="year:yearFrom"]').fill('1990');
  await page.keyboard.press('Enter');
  await page.waitForURL(/yearFrom=1990/);
  assert.equal(await focusKey(), 'year:yearFrom');
  assert.deepEqual(problems, []);
  await context.close();
});

test('at 320 px a result card with a long short-name badge wraps it instead of scrolling sideways', async () => {
  const { page, context, problems } = await openPage(env, '/www/?q=refugee&type=treaty', { viewport: { width: 320, height: 800 } });
  await ready(page);
  await page.waitForSelector('.hit');
  const widest = await page.locator('.hit__badges .badge').evaluateAll((bs) => Math.max(...bs.map((b) => b.textContent.length)));
  assert.ok(widest > 35, `a long badge is on the page (${widest} characters)`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the 320px screen`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('in forced-colours mode the current view tab still stands out from the others', async () => {
  const { page, context, problems } = await openPage(env, '/www/?view=matrix', { forcedColors: 'active' });
  await ready(page);
  const tabs = await page.locator('.tabs a').evaluateAll((as) => as.map((a) => {
    const s = getComputedStyle(a);
    return { current: a.getAttribute('aria-current') === 'page', look: [s.fontWeight, s.borderBottomStyle, s.textDecorationLine].join(' ') };
  }));
  const current = tabs.filter((t) => t.current);
  assert.equal(current.length, 1);
  for (const t of tabs.filter((x) => !x.current)) assert.notEqual(t.look, current[0].look, JSON.stringify(tabs));
  assert.deepEqual(problems, []);
  await context.close();
});
