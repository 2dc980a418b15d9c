// Checks that the benchmark's queries are what bench/queries.mjs promises (run by `make bench`
// before measuring, or alone with `node --test bench/`): a wrong generator would make every
// recall number meaningless.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadUdhr } from './udhr.mjs';
import { CLASSES, TYPO_CLASSES, ReferenceIndex, generateQueries, applyTypo, mulberry32, tokenize, fold } from './queries.mjs';

/** Optimal string alignment distance over code points (an adjacent swap is one edit). */
function osa(a, b) {
  a = Array.from(a); b = Array.from(b);
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

const records = loadUdhr();
const ref = new ReferenceIndex(records);
const queries = generateQueries(records, ref, { perClass: 80 });
const byId = new Map(records.map((r, i) => [r.id, i]));

test('the UDHR corpus has one record per article of every translation', () => {
  assert.ok(records.length > 15000, `${records.length} records`);
  assert.equal(new Set(records.map((r) => r.id)).size, records.length);
  const english = records.filter((r) => r.lang === 'eng');
  assert.equal(english.length, 30);
  assert.match(english.find((r) => r.id === 'eng/1').body, /^All human beings are born free and equal in dignity and rights/);
  assert.ok(records.every((r) => r.title && r.body && !/<\/?[a-z]/i.test(r.body)), 'no empty field, no markup left');
});

test('the same seed draws the same queries, another seed draws others', () => {
  const again = generateQueries(records, ref, { perClass: 80 });
  assert.deepEqual(again, queries);
  const other = generateQueries(records, ref, { perClass: 80, seed: 7 });
  assert.notDeepEqual(other.map((q) => q.q), queries.map((q) => q.q));
});

test('every class gets its full count of 2–3 word queries', () => {
  for (const cls of CLASSES) assert.equal(queries.filter((q) => q.cls === cls).length, 80, cls);
  for (const q of queries) assert.ok(q.q.split(' ').length >= 2 && q.q.split(' ').length <= 3, q.q);
});

test('every query is answerable: its source record contains it and at most 10 records match it', () => {
  for (const q of queries) {
    const terms = q.cls === 'prefix' ? q.words.slice(0, -1) : q.words;
    const docs = ref.matching(terms, q.cls === 'prefix' ? q.typo : undefined);
    assert.ok(docs.includes(byId.get(q.expect)), `${q.q} → ${q.expect}`);
    assert.ok(docs.length <= 10, `${q.q} matches ${docs.length}`);
  }
});

test('each typo is exactly one edit of its kind on a word of at least 5 letters, and not a corpus word', () => {
  for (const q of queries.filter((x) => TYPO_CLASSES.includes(x.cls))) {
    assert.ok(Array.from(q.edited).length >= 5, q.edited);
    assert.equal(osa(q.edited, q.typo), 1, `${q.edited} → ${q.typo}`);
    const delta = Array.from(q.typo).length - Array.from(q.edited).length;
    assert.equal(delta, { swap: 0, deletion: -1, insertion: 1, substitution: 0 }[q.cls], `${q.cls}: ${q.edited} → ${q.typo}`);
    assert.ok(!ref.isWord(q.typo), `${q.typo} is a corpus word`);
    assert.ok(!/\p{Script=Han}|\p{Script=Thai}|\p{Script=Hiragana}/u.test(q.edited), `${q.edited}: no typos in scripts without spaces`);
    assert.ok(q.q.split(' ').includes(q.typo));
  }
});

test('the typo or prefix is needed: the other words alone match more than 10 records', () => {
  for (const q of queries.filter((x) => x.cls !== 'exact')) {
    const others = q.cls === 'prefix' ? q.words.slice(0, -1) : q.words.filter((w) => w !== q.edited);
    assert.ok(ref.matching(others).length > 10, q.q);
  }
});

test('a prefix query cuts its last word of at least 5 letters to 3 … n-1 letters', () => {
  for (const q of queries.filter((x) => x.cls === 'prefix')) {
    const n = Array.from(q.edited).length;
    const k = Array.from(q.typo).length;
    assert.ok(q.edited.startsWith(q.typo) && k >= 3 && k < n && n >= 5, `${q.edited} → ${q.typo}`);
    assert.ok(q.q.endsWith(` ${q.typo}`));
  }
});

test('typos keep to the script of the word (insertions and substitutions reuse its letters)', () => {
  const rng = mulberry32(1);
  for (const word of ['freedom', 'свобода', 'ελευθερία', 'حرية', 'स्वतंत्रता'.normalize('NFC')]) {
    for (const kind of ['insertion', 'substitution']) {
      const typo = applyTypo(kind, word, rng);
      if (typo === null) continue;
      for (const ch of typo) assert.ok(word.includes(ch), `${kind} of ${word} gave ${typo}`);
    }
  }
  assert.deepEqual(tokenize('Ｆｒｅｅ-Dom, ÉGALITÉ'), ['free', 'dom', 'égalité']);
  assert.equal(fold('égalité'), 'egalite');
});
