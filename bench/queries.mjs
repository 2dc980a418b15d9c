// Deterministic query sets drawn from the benchmark corpus with a fixed-seed PRNG, each query
// carrying its ground truth: the id of the record it was drawn from.
//
// Classes:
//   exact         2–3 consecutive words of one record, as written (lower-cased).
//   swap          an exact query with two adjacent letters of one word (≥ 5 letters) swapped,
//   deletion      … one letter of that word deleted,
//   insertion     … one letter inserted (a letter of the same word, so the script stays the same),
//   substitution  … one letter replaced by another letter of the same word.
//   prefix        an exact query whose last word (≥ 5 letters) is cut to 3…n-1 letters.
// Every typo is one edit (an adjacent swap counts as one), on a word of ≥ 5 letters, so it stays
// within the typo rule "distance 1 for ≥ 4 characters, 2 for ≥ 8" even after a deletion.
//
// Rules (so a perfect engine scores 1.0, misses are the engine's, and typos and prefixes matter):
//   - a query is kept only if at most 10 records contain all its words (the last one by prefix
//     for prefix queries), under a reference tokenizer: NFKC, lower case, words = runs of
//     letters, marks and digits, compared with diacritics folded (NFD without nonspacing marks,
//     so engines that fold "é" to "e" are not penalised). So the source can always be in the top 10.
//   - the typo'd word (the prefix) is needed: the query's other words alone match more than 10
//     records, so an engine that ignores the typo'd word cannot count on ranking the source first.
//   - a typo must not turn the word into another word of the corpus vocabulary (diacritics
//     folded), so it really is a typo and not a different word.
//   - words are 3–20 characters long and contain no digits. Typos and prefixes only touch words
//     of scripts written with spaces between words: in Han, Kana, Thai, Lao, Khmer and Myanmar
//     text the reference "word" is a whole phrase, where a one-letter edit is not a word typo.
//     (Exact queries do include those scripts.)
//
//   node bench/queries.mjs     # prints a sample of each class
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The query classes, in report order. */
export const CLASSES = ['exact', 'swap', 'deletion', 'insertion', 'substitution', 'prefix'];
/** The classes whose recall is reported together as "typo". */
export const TYPO_CLASSES = ['swap', 'deletion', 'insertion', 'substitution'];

/** mulberry32: a small, fast, fixed-seed PRNG returning floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const LETTERS_ONLY = /^\p{L}+$/u;
const QUERYABLE = /^[\p{L}\p{M}]+$/u;

/** The reference tokenizer: NFKC, lower case, runs of letters, marks and digits. */
export function tokenize(text) {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/** A term with its diacritics folded: NFD, nonspacing marks removed, NFC. */
export function fold(term) {
  return term.normalize('NFD').replace(/\p{Mn}/gu, '').normalize('NFC');
}
const NO_SPACES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/**
 * Inverted index of the reference tokenizer over folded terms: term → sorted record numbers;
 * record → folded term set; record → its body's (unfolded) words, which queries are drawn from.
 */
export class ReferenceIndex {
  constructor(records) {
    this.docTokens = [];
    this.docTerms = [];
    this.postings = new Map();
    records.forEach((r, i) => {
      const tokens = tokenize(`${r.title}\n${r.body}`).map(fold);
      this.docTokens.push(tokenize(r.body));
      const terms = new Set(tokens);
      this.docTerms.push(terms);
      for (const t of terms) {
        let list = this.postings.get(t);
        if (!list) this.postings.set(t, (list = []));
        list.push(i);
      }
    });
  }

  /** Whether `term` (folded) is a word of the corpus. */
  isWord(term) {
    return this.postings.has(fold(term));
  }

  /** Records containing every term of `terms` and, if given, a term starting with `prefix` (folded). */
  matching(terms, prefix) {
    const lists = terms.map((t) => this.postings.get(fold(t)) ?? []).sort((a, b) => a.length - b.length);
    let docs = lists.length ? lists[0] : this.docTerms.map((_, i) => i);
    for (const list of lists.slice(1)) {
      const set = new Set(list);
      docs = docs.filter((d) => set.has(d));
    }
    if (prefix !== undefined) {
      const p = fold(prefix);
      docs = docs.filter((d) => {
        for (const t of this.docTerms[d]) if (t.startsWith(p)) return true;
        return false;
      });
    }
    return docs;
  }
}

function int(rng, n) {
  return Math.floor(rng() * n);
}

/** Applies one typo of `kind` to `word` (≥ 5 letters); null when this word cannot take it. */
export function applyTypo(kind, word, rng) {
  const a = Array.from(word);
  const n = a.length;
  const letters = [...new Set(a)];
  switch (kind) {
    case 'swap': {
      const spots = [];
      for (let i = 0; i + 1 < n; i++) if (fold(a[i]) !== fold(a[i + 1])) spots.push(i);
      if (!spots.length) return null;
      const i = spots[int(rng, spots.length)];
      [a[i], a[i + 1]] = [a[i + 1], a[i]];
      return a.join('');
    }
    case 'deletion': {
      a.splice(int(rng, n), 1);
      return a.join('');
    }
    case 'insertion': {
      a.splice(int(rng, n + 1), 0, letters[int(rng, letters.length)]);
      return a.join('');
    }
    case 'substitution': {
      const i = int(rng, n);
      const others = letters.filter((c) => fold(c) !== fold(a[i]));
      if (!others.length) return null;
      a[i] = others[int(rng, others.length)];
      return a.join('');
    }
    default:
      throw new Error(`unknown typo kind ${kind}`);
  }
}

const MAX_MATCHES = 10;

/** Draws one query of `cls`, or null when this attempt's record/window does not qualify. */
function attempt(cls, records, ref, rng) {
  const d = int(rng, records.length);
  const tokens = ref.docTokens[d];
  const k = 2 + int(rng, 2);
  if (tokens.length < k) return null;
  const start = int(rng, tokens.length - k + 1);
  const words = tokens.slice(start, start + k);
  if (!words.every((w) => QUERYABLE.test(w) && [...w].length >= 3 && [...w].length <= 20)) return null;
  const long = (w) => LETTERS_ONLY.test(w) && !NO_SPACES.test(w) && [...w].length >= 5;

  if (cls === 'exact') {
    if (ref.matching(words).length > MAX_MATCHES) return null;
    return { doc: d, q: words.join(' '), words };
  }
  if (cls === 'prefix') {
    const last = words[k - 1];
    if (!long(last)) return null;
    if (ref.matching(words.slice(0, -1)).length <= MAX_MATCHES) return null; // the prefix must matter
    const chars = Array.from(last);
    const keep = 3 + int(rng, chars.length - 3); // 3 … n-1
    const prefix = chars.slice(0, keep).join('');
    if (ref.matching(words.slice(0, -1), prefix).length > MAX_MATCHES) return null;
    return { doc: d, q: [...words.slice(0, -1), prefix].join(' '), words, edited: last, typo: prefix };
  }
  // a typo class
  if (ref.matching(words).length > MAX_MATCHES) return null;
  // the typo'd word must matter: without it, the other words match more than 10 records
  const needed = (i) => ref.matching(words.filter((_, j) => j !== i)).length > MAX_MATCHES;
  const eligible = words.map((w, i) => (long(w) && needed(i) ? i : -1)).filter((i) => i >= 0);
  if (!eligible.length) return null;
  const i = eligible[int(rng, eligible.length)];
  const typo = applyTypo(cls, words[i], rng);
  if (typo === null || fold(typo) === fold(words[i]) || ref.isWord(typo)) return null;
  const q = words.map((w, j) => (j === i ? typo : w));
  return { doc: d, q: q.join(' '), words, edited: words[i], typo };
}

/**
 * Generates `perClass` queries of each class in `classes` (default: all), deterministic for a
 * given seed and corpus: `{ cls, q, expect (record id), words, edited?, typo? }`.
 */
export function generateQueries(records, ref, { seed = 20251123, perClass = 500, classes = CLASSES } = {}) {
  const out = [];
  classes.forEach((cls, ci) => {
    const rng = mulberry32(seed + ci * 7919);
    let made = 0;
    for (let tries = 0; made < perClass && tries < perClass * 200; tries++) {
      const r = attempt(cls, records, ref, rng);
      if (!r) continue;
      out.push({ cls, q: r.q, expect: records[r.doc].id, words: r.words, edited: r.edited, typo: r.typo });
      made++;
    }
  });
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { loadUdhr } = await import('./udhr.mjs');
  const records = loadUdhr();
  const t0 = performance.now();
  const ref = new ReferenceIndex(records);
  const t1 = performance.now();
  const qs = generateQueries(records, ref, { perClass: 200 });
  const t2 = performance.now();
  console.log(`reference index ${(t1 - t0).toFixed(0)} ms, ${qs.length} queries ${(t2 - t1).toFixed(0)} ms`);
  for (const cls of CLASSES) {
    const of = qs.filter((x) => x.cls === cls);
    console.log(`${cls} (${of.length}):`, of.slice(0, 5).map((x) => `${x.q} → ${x.expect}`).join(' | '));
  }
}
