// The app's pure modules, run in Chromium (they need a DOM and `location`): highlight building
// from hostile ranges, URL state round trips with hostile values, and the label helpers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, ready } from './browser.mjs';

let env;
let page;
let context;
before(async () => {
  env = await launch();
  ({ page, context } = await openPage(env, '/www/'));
  await ready(page);
});
after(async () => { await context?.close(); await env?.close(); });

test('highlighted() marks ranges in UTF-16 units and survives overlapping, reversed and out-of-range ones', async () => {
  const cases = [
    ['refugee status', [[0, 7]], ['refugee'], 'refugee status'],
    ['a refugee', [[2, 9], [2, 5]], ['refugee'], 'a refugee'],
    ['overlap here', [[0, 4], [2, 7]], ['over', 'lap'], 'overlap here'],
    ['backwards', [[5, 2], [-3, 2]], ['ba'], 'backwards'],
    ['short', [[3, 99]], ['rt'], 'short'],
    ['𝒜 emoji 😀 here', [[9, 11]], ['😀'], '𝒜 emoji 😀 here'],
    ['junk', [null, 'x', [1], [0.5, 2], [1, 2]], ['u'], 'junk'],
    ['<b>not bold</b>', [[0, 3]], ['<b>'], '<b>not bold</b>'],
  ];
  const got = await page.evaluate(async (list) => {
    const { highlighted } = await import('/www/dom.js');
    return list.map(([text, ranges]) => {
      const p = document.createElement('p');
      p.append(highlighted(text, ranges));
      return [[...p.querySelectorAll('mark')].map((m) => m.textContent), p.textContent, p.querySelectorAll('b').length];
    });
  }, cases);
  cases.forEach(([text, , marks, whole], i) => {
    assert.deepEqual(got[i][0], marks, `marks of ${JSON.stringify(text)}`);
    assert.equal(got[i][1], whole, 'the text is kept whole, once');
    assert.equal(got[i][2], 0, 'markup in the text stays text');
  });
});

test('dom.js refuses innerHTML and inline styles, and only links http(s) URLs', async () => {
  const got = await page.evaluate(async () => {
    const { h, safeHref } = await import('/www/dom.js');
    const refuse = (props) => { try { h('div', props); return 'allowed'; } catch { return 'refused'; } };
    return {
      innerHTML: refuse({ innerHTML: '<img>' }),
      style: refuse({ style: 'color:red' }),
      hrefs: ['https://treaties.un.org/', 'javascript:alert(1)', 'data:text/html,x', '//evil.example/', 'mailto:a@b.c'].map(safeHref),
    };
  });
  assert.equal(got.innerHTML, 'refused');
  assert.equal(got.style, 'refused');
  assert.deepEqual(got.hrefs, ['https://treaties.un.org/', null, null, null, null]);
});

test('URL state round-trips, and hostile or malformed parameters fall back safely', async () => {
  const got = await page.evaluate(async () => {
    const { readState, toQuery } = await import('/www/state.js');
    const base = location.origin + location.pathname;
    const round = (qs) => toQuery(readState(base + qs));
    return {
      full: round('?q=refugee+status&type=treaty&type=report&yearFrom=1950&yearTo=2000&record=refugee-convention'),
      rights: round('?view=rights&cat=refugee&bindingOnly=1'),
      compare: round('?view=compare&a=refugee&b=visitor'),
      badView: readState(`${base}?view=<script>`).view,
      badYear: readState(`${base}?yearFrom=19x0&yearTo=99999`).filters,
      dupes: readState(`${base}?kind=right&kind=right&kind=`).filters.kind,
      long: readState(`${base}?record=${'x'.repeat(5000)}`).record.length,
      many: readState(`${base}?${Array.from({ length: 500 }, (_, i) => `theme=t${i}`).join('&')}`).filters.theme.length,
      proto: readState(`${base}?cat=__proto__&view=rights`).cat,
      catOutsideRights: round('?cat=refugee'),
    };
  });
  assert.equal(got.full, '?q=refugee+status&type=treaty&type=report&yearFrom=1950&yearTo=2000&record=refugee-convention');
  assert.equal(got.rights, '?view=rights&cat=refugee&bindingOnly=1');
  assert.equal(got.compare, '?view=compare&a=refugee&b=visitor');
  assert.equal(got.badView, 'search');
  assert.equal(got.badYear.yearFrom, null);
  assert.equal(got.badYear.yearTo, null);
  assert.deepEqual(got.dupes, ['right']);
  assert.equal(got.long, 200);
  assert.equal(got.many, 50);
  assert.equal(got.proto, '__proto__', 'kept as a plain string (the views look it up and find nothing)');
  assert.equal(got.catOutsideRights, '', 'a category only belongs to the rights view');
});

test('article references and dates read as people write them', async () => {
  const got = await page.evaluate(async () => {
    const { articleRef } = await import('/www/labels.js');
    const { humanDate } = await import('/www/views/record.js');
    return {
      refs: ['33(1)', 'II(3)', 'Protocol No. 4, art. 4', 'para. 29 (objective 13)', 'Guideline 3', ''].map(articleRef),
      dates: ['1951-07-28', '2021-11', '2024', '2024-13', 'soon'].map(humanDate),
    };
  });
  assert.deepEqual(got.refs, ['art. 33(1)', 'art. II(3)', 'Protocol No. 4, art. 4', 'para. 29 (objective 13)', 'Guideline 3', '']);
  assert.deepEqual(got.dates, ['28 July 1951', 'November 2021', '2024', '2024-13', 'soon']);
});

test('linkedText() links the http(s) URLs in a note, leaving sentence punctuation and other text as text', async () => {
  const got = await page.evaluate(async () => {
    const { linkedText } = await import('/www/dom.js');
    const run = (text) => {
      const p = document.createElement('p');
      p.append(...linkedText(text));
      return [[...p.querySelectorAll('a')].map((a) => a.getAttribute('href')), p.querySelectorAll('a').length ? p.textContent.replaceAll(' (opens in a new tab)', '') : p.textContent];
    };
    return [
      run('UN via https://a.example/x ; https://b.example/y.'),
      run('a mirror, https://w.example/wiki/Foo_(bar), with notes (see https://c.example/z)'),
      run('no link here, javascript:alert(1) nor <b>markup</b>'),
    ];
  });
  assert.deepEqual(got[0], [['https://a.example/x', 'https://b.example/y'], 'UN via https://a.example/x ; https://b.example/y.']);
  assert.deepEqual(got[1], [['https://w.example/wiki/Foo_(bar)', 'https://c.example/z'], 'a mirror, https://w.example/wiki/Foo_(bar), with notes (see https://c.example/z)']);
  assert.deepEqual(got[2], [[], 'no link here, javascript:alert(1) nor <b>markup</b>']);
});
