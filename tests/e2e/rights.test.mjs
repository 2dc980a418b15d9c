// End-to-end: the rights explorer, the comparison and the matrix in real Chromium, checked
// against the rights API's answers in the same page (no hard-coded counts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, ready, api, cspViolations, axeSerious } from './browser.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

/** A category that inherits from another (so it has both own and inherited rights). */
function layered(tk) {
  const cats = tk.categories();
  const cat = cats.find((c) => c.inherits.length > 0 && tk.rights(c.id).rights.some((r) => r.own)) ?? cats[0];
  return { cat, rights: tk.rights(cat.id).rights, binding: tk.rights(cat.id, { bindingOnly: true }).rights.length };
}

test('picking a category lists its cumulative rights by kind, each inherited one naming its layer', async () => {
  const { page, context, problems } = await openPage(env, '/www/?view=rights');
  await ready(page);
  const { cat, rights, binding } = await api(page, layered);
  const labels = await api(page, (tk) => Object.fromEntries(tk.categories().map((c) => [c.id, c.label])));
  await page.locator('.catnav__link', { hasText: cat.label }).first().click();
  await page.waitForFunction((l) => document.getElementById('rights-title')?.textContent === l, cat.label);
  assert.match(page.url(), new RegExp(`[?&]view=rights.*[?&]cat=${cat.id}|[?&]cat=${cat.id}`));
  assert.equal(await page.locator('.right').count(), rights.length, 'one item per right');
  const groups = [...new Set(rights.map((r) => r.group))];
  assert.equal(await page.locator('.right-group').count(), groups.length, 'one section per kind of right');
  const badges = await page.locator('.right__head').evaluateAll((heads) => heads.map((h) => h.querySelector('.badge')?.textContent ?? ''));
  rights.forEach((r, i) => {
    if (r.own) assert.equal(badges[i], 'own layer', r.id);
    else assert.ok(badges[i].startsWith(`inherited from ${labels[r.grantedTo]}`), `${r.id}: ${badges[i]}`);
  });
  assert.ok(rights.some((r) => !r.own) && rights.some((r) => r.own), 'the category has both layers');
  // Binding law only.
  await page.locator('.toolbar input[type=checkbox]').check();
  await page.waitForFunction((n) => document.querySelectorAll('.right').length === n, binding);
  assert.match(page.url(), /[?&]bindingOnly=1/);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('only the assumed inheritance links are flagged, on the ladder and on each inherited right', async () => {
  const { page, context, problems } = await openPage(env, '/www/?view=rights');
  await ready(page);
  // A category with both a sourced and an assumed direct link (refugee in the embedded corpus).
  const found = await api(page, (tk) => {
    const cat = tk.categories().find((c) => c.inheritsAssumed.length > 0 && c.inheritsAssumed.length < c.inherits.length);
    return cat && { cat, rights: tk.rights(cat.id).rights };
  });
  assert.ok(found, 'some category has a sourced and an assumed link');
  const { cat, rights } = found;
  await page.goto(`${env.base}/www/?view=rights&cat=${cat.id}`);
  await page.waitForFunction((l) => document.getElementById('rights-title')?.textContent === l, cat.label);
  const steps = await page.locator('.ladder__step').evaluateAll((lis) => lis.map((li) => ({
    label: li.querySelector('a').textContent, assumed: !!li.querySelector('.badge--flag'),
  })));
  const labels = await api(page, (tk) => Object.fromEntries(tk.categories().map((c) => [c.id, c.label])));
  for (const parent of cat.inherits) {
    const step = steps.find((st) => st.label === labels[parent]);
    assert.ok(step, `the ladder shows ${parent}`);
    assert.equal(step.assumed, cat.inheritsAssumed.includes(parent), `${parent} flagged only when assumed`);
  }
  const heads = await page.locator('.right__head').evaluateAll((hs) => hs.map((h) => h.querySelector('.badge')?.textContent ?? ''));
  rights.forEach((r, i) => {
    assert.equal(heads[i].includes('(link assumed)'), !r.own && !r.inheritanceEstablished, `${r.id}: ${heads[i]}`);
  });
  assert.ok(rights.some((r) => !r.own && r.inheritanceEstablished), 'some inherited right is established');
  assert.ok(rights.some((r) => !r.own && !r.inheritanceEstablished), 'some inherited right is assumed');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the explorer\'s cards flag a chapter placement no source confirms, as the category pages do', async () => {
  const { page, context, problems } = await openPage(env, '/www/?view=rights');
  await ready(page);
  await page.waitForSelector('.cat-card');
  const cats = await api(page, (tk) => tk.categories().map((c) => ({ id: c.id, label: c.label, group: c.group, chapter: c.mimcChapter, certain: c.mimcChapterCertain })));
  const cards = await page.locator('.cat-card').evaluateAll((as) => as.map((a) => ({
    label: a.querySelector('.cat-card__label').textContent, flagged: !!a.querySelector('.cat-card__group .badge--flag'),
  })));
  const uncertain = cats.filter((c) => c.group !== 'cross-cutting' && c.chapter && c.certain === false);
  assert.ok(uncertain.length > 0, 'the corpus has placements no source confirms');
  for (const c of cats) {
    const card = cards.find((x) => x.label === c.label);
    assert.equal(card?.flagged, uncertain.includes(c), `${c.id}: flagged exactly when its shown chapter is assumed`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a right that only regional treaties make binding is flagged, with their regions, on its card and record', async () => {
  const { page, context, problems } = await openPage(env, '/www/?view=rights&cat=student');
  await ready(page);
  await page.waitForSelector('.right');
  const expected = await api(page, (tk) => tk.rights('student').rights
    .map((r) => ({ id: r.id, regional: r.bindingScope === 'regional' })));
  assert.ok(expected.some((r) => r.regional) && expected.some((r) => !r.regional));
  const shown = await page.locator('.right').evaluateAll((items) => items.map((li) => ({
    id: new URLSearchParams(li.querySelector('.right__name').search).get('record'),
    regional: [...li.querySelectorAll('.badge--flag')].some((b) => b.textContent.startsWith('Binding only regionally')),
  })));
  assert.deepEqual(shown, expected);
  const asylum = page.locator('.right', { has: page.locator('a.right__name[href*="record=seek-asylum"]') });
  assert.match(await asylum.locator('.badge--flag').filter({ hasText: 'regionally' }).textContent(), /Americas|Africa/);
  await page.goto(`${env.base}/www/?record=seek-asylum`);
  await ready(page);
  await page.waitForSelector('#record-title');
  assert.match(await page.locator('dd', { hasText: 'Only regionally' }).textContent(), /regional treaties/);
  // Its search hit says so too.
  await page.goto(`${env.base}/www/?q=right+to+seek+asylum`);
  await ready(page);
  const hit = page.locator('.hit', { has: page.locator('[data-hit="seek-asylum"]') });
  await hit.waitFor();
  assert.equal(await hit.locator('.badge--flag', { hasText: 'Binding only regionally' }).count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an anchor links to its instrument record, and the record lists the right back', async () => {
  const { page, context, problems } = await openPage(env, '/www/?view=rights&cat=visitor');
  await ready(page);
  const first = await api(page, (tk) => {
    const cat = tk.categories()[0];
    const right = tk.rights(cat.id).rights.find((r) => r.anchors.length);
    return { cat: cat.id, right: right.id, anchor: right.anchors.slice().sort((a, b) => Number(b.binding) - Number(a.binding) || Number(b.verified) - Number(a.verified))[0] };
  });
  await page.goto(`${env.base}/www/?view=rights&cat=${first.cat}`);
  await ready(page);
  const link = page.locator('.right').filter({ has: page.locator(`a[href*="record=${first.right}"]`) }).locator('.anchor a').first();
  assert.equal(await link.textContent(), first.anchor.instrumentShortName);
  await link.click();
  await page.waitForSelector('#record-title');
  const record = await api(page, (tk, id) => tk.record(id), first.anchor.instrumentId);
  assert.equal(await page.locator('#record-title').textContent(), record.title);
  assert.ok(record.anchoredRights.some((r) => r.id === first.right), 'the instrument record lists the right');
  assert.ok(await page.locator(`.record__main a[href*="record=${first.right}"]`).count() >= 1);
  await page.keyboard.press('Escape');
  await page.waitForSelector('#rights-title');
  assert.deepEqual(problems, []);
  await context.close();
});

test('compare shows only-A, both and only-B exactly as compareRights answers, and swaps', async () => {
  const { page, context, problems } = await openPage(env, '/www/?view=compare');
  await ready(page);
  const pair = await api(page, (tk) => {
    const cats = tk.categories();
    let best = null;
    for (const a of cats) {
      for (const b of cats) {
        if (a.id === b.id) continue;
        const c = tk.compareRights(a.id, b.id);
        if (c.onlyA.length && c.onlyB.length && c.both.length) { best = { a: a.id, b: b.id, c }; break; }
      }
      if (best) break;
    }
    return best;
  });
  assert.ok(pair, 'two categories differ both ways');
  await page.selectOption('#compare-a', pair.a);
  await page.selectOption('#compare-b', pair.b);
  await page.waitForSelector('.compare__cols');
  const names = async (key) => page.locator(`.compare__col--${key} .compare__list a`).allTextContents();
  assert.deepEqual((await names('only-a')).sort(), pair.c.onlyA.map((r) => r.name).sort());
  assert.deepEqual((await names('both')).sort(), pair.c.both.map((r) => r.name).sort());
  assert.deepEqual((await names('only-b')).sort(), pair.c.onlyB.map((r) => r.name).sort());
  assert.match(page.url(), new RegExp(`a=${pair.a}&b=${pair.b}`));
  await page.locator('.compare__swap').click();
  await page.waitForFunction((a) => new URL(location.href).searchParams.get('b') === a, pair.a);
  assert.deepEqual((await names('only-a')).sort(), pair.c.onlyB.map((r) => r.name).sort());
  assert.deepEqual(problems, []);
  await context.close();
});

test('compare flags a hold that rests on an assumed link, in the one-side columns and in "Both"', async () => {
  const { page, context, problems } = await openPage(env, '/www/?view=compare');
  await ready(page);
  // Each li's flag, per column, as [name, flagged, flag text].
  const flags = async (key) => page.locator(`.compare__col--${key} .compare__list li`).evaluateAll((lis) => lis.map((li) => [
    li.querySelector('a').textContent, !!li.querySelector('.badge--flag'), li.querySelector('.badge--flag')?.textContent ?? '',
  ]));
  // An investor holds trade-union rights only through the assumed link to migrant workers.
  for (const [a, b] of [['investor-resident', 'student'], ['migrant-worker', 'investor-resident']]) {
    const { c, labels, name } = await api(page, (tk, [x, y]) => ({
      c: tk.compareRights(x, y),
      labels: Object.fromEntries(tk.categories().map((k) => [k.id, k.label])),
      name: tk.right('trade-union-rights').name,
    }), [a, b]);
    await page.goto(`${env.base}/www/?view=compare&a=${a}&b=${b}`);
    await page.waitForSelector('.compare__cols');
    for (const [key, list, assumed] of [
      ['only-a', c.onlyA, (r) => r.establishedA === false],
      ['only-b', c.onlyB, (r) => r.establishedB === false],
      ['both', c.both, (r) => r.establishedA === false || r.establishedB === false],
    ]) {
      const shown = new Map((await flags(key)).map(([n, f, t]) => [n, { f, t }]));
      assert.equal(shown.size, list.length, `${a}/${b} ${key}`);
      for (const r of list) assert.equal(shown.get(r.name)?.f, assumed(r), `${a}/${b} ${key}: ${r.id}`);
    }
    const col = a === 'investor-resident' ? 'only-a' : 'both';
    const tu = new Map((await flags(col)).map(([n, f, t]) => [n, { f, t }])).get(name);
    assert.ok(tu?.f, `${a}/${b}: trade-union rights flagged in ${col}`);
    assert.match(tu.t, /link assumed/);
    if (col === 'both') assert.match(tu.t, new RegExp(labels['investor-resident']), 'says which side rests on the assumption');
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('the matrix draws a hold through an assumed link as a dashed ring, says so, and explains it in the legend', async () => {
  const { page, context, problems } = await openPage(env, '/www/?view=matrix');
  await ready(page);
  await page.waitForSelector('svg.matrix');
  const expected = await api(page, (tk) => {
    let assumed = 0;
    for (const c of tk.categories()) for (const r of tk.rights(c.id).rights) if (!r.own && !r.inheritanceEstablished) assumed += 1;
    const investor = tk.categories().find((c) => c.id === 'investor-resident').label;
    return { assumed, investor, name: tk.right('trade-union-rights').name };
  });
  assert.ok(expected.assumed > 0);
  assert.equal(await page.locator('svg.matrix .cell--assumed').count(), expected.assumed);
  const tips = await page.locator('svg.matrix .cell--assumed > title').allTextContents();
  assert.ok(tips.every((t) => t.includes('link assumed')), 'every dashed ring says the link is assumed');
  assert.ok(tips.some((t) => t.startsWith(`${expected.investor} holds`) && t.endsWith(`: ${expected.name}`)),
    'investor-resident × trade-union rights is drawn as assumed');
  const plain = await page.locator('svg.matrix .cell--inherited:not(.cell--assumed) > title').allTextContents();
  assert.ok(plain.every((t) => !t.includes('assumed')), 'established inheritance is not called assumed');
  const dash = await page.locator('svg.matrix .cell--assumed').first().evaluate((el) => getComputedStyle(el).strokeDasharray);
  assert.notEqual(dash, 'none', 'the ring is dashed');
  assert.equal(await page.locator('.legend .cell--assumed').count(), 1, 'the legend shows the dashed ring');
  assert.match(await page.locator('.legend li', { has: page.locator('.cell--assumed') }).textContent(), /assume/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the matrix draws every category against every right, each cell as rights() says', async () => {
  const { page, context, problems } = await openPage(env, '/www/?view=matrix');
  await ready(page);
  await page.waitForSelector('svg.matrix');
  const expected = await api(page, (tk) => {
    const cats = tk.categories();
    const all = new Set();
    let own = 0;
    let inherited = 0;
    for (const c of cats) {
      for (const r of tk.rights(c.id).rights) {
        all.add(r.id);
        if (r.own) own += 1; else inherited += 1;
      }
    }
    return { cols: cats.length, rows: all.size, own, inherited };
  });
  const svg = page.locator('svg.matrix');
  assert.equal(Number(await svg.getAttribute('data-cols')), expected.cols);
  assert.equal(Number(await svg.getAttribute('data-rows')), expected.rows);
  assert.equal(await page.locator('svg.matrix .cell--own').count(), expected.own);
  assert.equal(await page.locator('svg.matrix .cell--inherited').count(), expected.inherited);
  assert.equal(await page.locator('svg.matrix .cell--none').count(), expected.cols * expected.rows - expected.own - expected.inherited);
  // A column head opens that category in the explorer.
  await page.locator('svg.matrix .matrix__head').first().click();
  await page.waitForSelector('#rights-title');
  assert.match(page.url(), /view=rights/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('“Back to the rights explorer” returns to the explorer after moving from a right to an instrument', async () => {
  const { page, context, problems } = await openPage(env, '/www/?view=rights&cat=refugee');
  await ready(page);
  await page.locator('.right__name').first().click();
  await page.waitForSelector('#record-title');
  await page.locator('.anchors tbody th a').first().click();
  await page.waitForSelector('.record--instrument #record-title');
  const back = page.locator('.record__back a');
  assert.equal(await back.textContent(), '← Back to the rights explorer');
  await back.click();
  await page.waitForFunction(() => document.getElementById('rights-title'));
  assert.doesNotMatch(page.url(), /[?&]record=/);
  assert.match(page.url(), /[?&]cat=refugee\b/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a keyboard reaches the matrix table before the picture’s links, through a skip button', async () => {
  const { page, context, problems } = await openPage(env, '/www/?view=matrix');
  await ready(page);
  await page.waitForSelector('svg.matrix');
  const linksInPicture = await page.locator('.matrix-wrap a').count();
  assert.ok(linksInPicture > 50, `${linksInPicture} links in the picture`);
  // Tab from the page's heading: the skip button comes before the first link of the picture.
  await page.locator('#matrix-title').focus();
  let steps = 0;
  while (steps < 40) {
    await page.keyboard.press('Tab');
    steps += 1;
    const at = await page.evaluate(() => ({
      text: document.activeElement?.textContent ?? '',
      inPicture: !!document.activeElement?.closest('.matrix-wrap a'),
    }));
    assert.ok(!at.inPicture, 'the picture’s links come after the skip button');
    if (at.text === 'Skip the picture: the matrix as a table') break;
  }
  assert.ok(steps < 40, 'the skip button is reached');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'The matrix as a table');
  assert.equal(await page.locator('details.matrix-table').evaluate((d) => d.open), true, 'the table is open');
  assert.ok(await page.locator('.matrix-table tbody tr').count() > 50);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the matrix has a keyboard- and screen-reader-usable table with every cell in words', async () => {
  const { page, context, problems } = await openPage(env, '/www/?view=matrix');
  await ready(page);
  await page.waitForSelector('svg.matrix');
  const expected = await api(page, (tk) => {
    const cats = tk.categories();
    const label = Object.fromEntries(cats.map((c) => [c.id, c.label]));
    const held = {};
    for (const c of cats) {
      for (const r of tk.rights(c.id).rights) {
        held[r.name] ??= {};
        held[r.name][c.label] = r.own ? 'own layer'
          : `from ${label[r.grantedTo]}${r.inheritanceEstablished === false ? ' (link assumed)' : ''}`;
      }
    }
    return { cats: cats.map((c) => c.label), held };
  });
  // The keyboard reaches it: Tab from the matrix's last link to the table's toggle, Enter opens it.
  await page.locator('.matrix-wrap a').last().focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'The matrix as a table');
  await page.keyboard.press('Enter');
  const table = page.locator('.matrix-table table');
  await table.waitFor();
  assert.deepEqual((await table.locator('thead th').allTextContents()).slice(1).sort(), [...expected.cats].sort(), 'one column per category');
  const rows = await table.locator('tbody tr:not(.mt__group)').evaluateAll((trs) => {
    const heads = [...trs[0].closest('table').querySelectorAll('thead th')].map((th) => th.textContent);
    const spoken = (el) => { const c = el.cloneNode(true); c.querySelectorAll('[aria-hidden="true"]').forEach((x) => x.remove()); return c.textContent; };
    return trs.map((tr) => [tr.querySelector('th[scope=row]').textContent,
      Object.fromEntries([...tr.querySelectorAll('td')].map((td, i) => [heads[i + 1], spoken(td)]))]);
  });
  assert.equal(rows.length, Object.keys(expected.held).length, 'one row per right');
  for (const [name, cells] of rows) {
    for (const cat of expected.cats) {
      assert.equal(cells[cat], expected.held[name][cat] ?? 'not held', `${name} × ${cat}`);
    }
  }
  assert.ok(rows.some(([, cells]) => Object.values(cells).some((t) => t.endsWith('(link assumed)'))), 'assumed links are flagged');
  assert.deepEqual(await axeSerious(page), []);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the open table makes the page ${overflow}px too wide`);
  assert.deepEqual(problems, []);
  await context.close();
});
