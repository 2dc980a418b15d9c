//! Typo candidates from an index over the vocabulary, never a scan of it.
//!
//! Symmetric-deletion maps (as in SymSpell) hold hashes of term pieces, each pointing to the
//! terms that have them:
//!
//! - `whole`: each term of 3–7 characters and its one-deletion variants. Two strings are
//!   within one edit (insertion, deletion, substitution or adjacent swap) exactly when some
//!   one-deletion variant of each coincides.
//! - `halves`: for terms of 8–32 characters, the left half with its one-deletion variants and
//!   the right half as it is. If a query is within two edits of a term, then at the right
//!   split point either the left halves are within one edit, or both edits are on the left and
//!   the right halves are equal — or a swap straddles the middle, which undoing at the split
//!   brings back to the first case. Probing those few pieces finds every term within two edits.
//!
//! Buckets store term ids, with a few bits of each term and piece to filter them by; every
//! candidate is verified with the true optimal string alignment distance (Damerau–Levenshtein
//! where a swap of adjacent letters is one edit), so hash collisions cost time, never
//! correctness.

use super::index::InvertedIndex;
use super::text::is_numeric_char;

/// Terms longer than this (in characters) get no typo candidates.
pub const MAX_TYPO_CHARS: usize = 32;
const WHOLE_MIN: usize = 3;
const WHOLE_MAX: usize = 7;
const HALF_MIN: usize = WHOLE_MAX + 1;
const TAG_WHOLE: u64 = 0x9e37_79b9_7f4a_7c15;
const TAG_LEFT: u64 = 0xc2b2_ae3d_27d4_eb4f;
const TAG_RIGHT: u64 = 0x1656_67b1_9e37_79f9;

/// Edits allowed for a query term of `chars` characters: 0 below 4, 1 from 4, 2 from 8.
pub fn max_edits(chars: usize) -> u8 {
    match chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// A hash table of term pieces: bucket `hash & mask` holds `off[b]..off[b + 1]` of
/// `entries`.
///
/// An entry's low 32 bits are a term id in the low [`TypoIndex::id_bits`] and, above it, a
/// fingerprint of its piece's hash ([`fingerprint`]); its high 32 bits are the term's length in
/// characters (6 bits) and character signature (26 bits, [`signature`]). A probe skips the
/// other pieces that share its bucket by their fingerprint and the terms too far from the
/// query by length and characters, all in place: nothing of a term is read elsewhere in
/// memory before its distance is computed.
#[derive(Debug, Clone, Default)]
struct Buckets {
    mask: usize,
    off: Vec<u32>,
    entries: Vec<u64>,
}

impl Buckets {
    /// The entries of the bucket of `hash`.
    fn get(&self, hash: u64) -> &[u64] {
        if self.off.is_empty() {
            return &[];
        }
        let b = hash as usize & self.mask;
        &self.entries[self.off[b] as usize..self.off[b + 1] as usize]
    }
}

/// The bits of a piece's `hash` stored above term ids of `id_bits` bits (the hash's high
/// bits: the bucket takes the low). With 32-bit ids no bit is left: every fingerprint is 0
/// and every entry passes.
fn fingerprint(hash: u64, id_bits: u32) -> u32 {
    ((hash >> 32) as u32).checked_shl(id_bits).unwrap_or(0)
}

/// The typo index of one vocabulary.
#[derive(Debug, Clone, Default)]
pub struct TypoIndex {
    whole: Buckets,
    halves: Buckets,
    /// Bits of a term id in the entries: enough for every term of the vocabulary.
    id_bits: u32,
}

/// Entries per bucket on average: buckets cost 4 bytes each, and the length and character
/// filters make a few extra entries per probe cheap.
const LOAD: usize = 4;

/// A 26-bit set of the characters of `chars` (each hashed to one bit): a cheap necessary
/// condition checked before the distance, as within k edits at most k characters of either
/// string are missing from the other.
fn signature(chars: &[char]) -> u32 {
    chars.iter().fold(0u32, |m, &c| {
        let h = u64::from(c as u32).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32;
        m | 1 << ((h * 26) >> 32)
    })
}

/// The high half of a term's entries: its length (typo terms have at most 32 characters, so
/// 6 bits hold it) and signature.
fn term_bits(chars: &[char]) -> u64 {
    (chars.len().min(63) as u64 | u64::from(signature(chars)) << 6) << 32
}

fn hash_skip(tag: u64, s: &[char], skip: usize) -> u64 {
    hash_skip2(tag, s, skip, usize::MAX)
}

/// Hash of `s` without the characters at `a` and `b` (`usize::MAX`: none).
fn hash_skip2(tag: u64, s: &[char], a: usize, b: usize) -> u64 {
    let mut h = tag;
    let mut len = 0u64;
    for (i, &c) in s.iter().enumerate() {
        if i != a && i != b {
            h = (h ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01b3);
            len += 1;
        }
    }
    h ^= len;
    h = (h ^ (h >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// Calls `f` with the hash of each two-deletion variant of `s` (once per distinct variant
/// when the deleted letters are doubled ones).
fn two_deletion_variants(tag: u64, s: &[char], mut f: impl FnMut(u64)) {
    for i in 0..s.len() {
        // Deleting either letter of a double gives the same strings: hash them once.
        if i > 0 && s[i] == s[i - 1] {
            continue;
        }
        for j in i + 1..s.len() {
            if j > i + 1 && s[j] == s[j - 1] {
                continue;
            }
            f(hash_skip2(tag, s, i, j));
        }
    }
}

/// Calls `f` with the hash of `s` and of each one-deletion variant of it.
fn variants(tag: u64, s: &[char], mut f: impl FnMut(u64)) {
    f(hash_skip(tag, s, usize::MAX));
    for i in 0..s.len() {
        // Deleting either letter of a double gives the same string: hash it once.
        if i > 0 && s[i] == s[i - 1] {
            continue;
        }
        f(hash_skip(tag, s, i));
    }
}

fn typo_eligible(chars: &[char]) -> bool {
    chars.len() >= WHOLE_MIN
        && chars.len() <= MAX_TYPO_CHARS
        && !chars.iter().any(|&c| is_numeric_char(c))
}

/// Calls `f(in_halves, hash)` for every piece of a term that the index stores.
fn term_entries(chars: &[char], mut f: impl FnMut(bool, u64)) {
    if !typo_eligible(chars) {
        return;
    }
    let n = chars.len();
    if n <= WHOLE_MAX {
        variants(TAG_WHOLE, chars, |h| f(false, h));
    }
    if n >= HALF_MIN {
        let h = n / 2;
        variants(TAG_LEFT, &chars[..h], |x| f(true, x));
        f(true, hash_skip(TAG_RIGHT, &chars[h..], usize::MAX));
    }
}

impl TypoIndex {
    /// Builds the index over every term of `ix`.
    pub fn build(ix: &InvertedIndex) -> TypoIndex {
        let n = ix.term_count();
        let mut chars: Vec<char> = Vec::with_capacity(64);
        // Upper bounds of the entry counts (doubled letters make them smaller).
        let (mut whole_n, mut half_n) = (0usize, 0usize);
        for t in 0..n as u32 {
            chars.clear();
            chars.extend(ix.term(t).chars());
            let l = chars.len();
            if typo_eligible(&chars) {
                if l <= WHOLE_MAX {
                    whole_n += l + 1;
                }
                if l >= HALF_MIN {
                    half_n += l / 2 + 2;
                }
            }
        }
        let id_bits = u32::BITS - (n as u32).leading_zeros();
        let mut whole = Buckets::with_buckets(whole_n);
        let mut halves = Buckets::with_buckets(half_n);
        for pass in 0..2 {
            for t in 0..n as u32 {
                chars.clear();
                chars.extend(ix.term(t).chars());
                if pass == 0 {
                    term_entries(&chars, |half, h| {
                        if half { &mut halves } else { &mut whole }.count(h)
                    });
                    continue;
                }
                let bits = term_bits(&chars) | u64::from(t);
                term_entries(&chars, |half, h| {
                    let entry = bits | u64::from(fingerprint(h, id_bits));
                    if half { &mut halves } else { &mut whole }.put(h, entry)
                });
            }
            if pass == 0 {
                whole.prefix_sums();
                halves.prefix_sums();
            }
        }
        whole.finish();
        halves.finish();
        TypoIndex {
            whole,
            halves,
            id_bits,
        }
    }

    /// Appends to `out` every term of `ix` within `k` edits of `q` (but not `q` itself), with
    /// its distance. `scratch` is reusable working memory. Terms with digits are not typo
    /// candidates, and queries with digits get none.
    pub fn candidates(
        &self,
        ix: &InvertedIndex,
        q: &[char],
        k: u8,
        scratch: &mut Vec<u32>,
        out: &mut Vec<(u32, u8)>,
    ) {
        if k == 0 || q.len() > MAX_TYPO_CHARS || q.iter().any(|&c| is_numeric_char(c)) {
            return;
        }
        let k = usize::from(k);
        let lq = q.len();
        let qsig = signature(q);
        scratch.clear();
        let id_mask = u32::MAX.checked_shr(32 - self.id_bits).unwrap_or(0);
        let mut take = |entries: &[u64], h: u64| {
            let piece = fingerprint(h, self.id_bits);
            for &e in entries {
                if e as u32 & !id_mask != piece {
                    continue;
                }
                let t = e as u32 & id_mask;
                let (len, sig) = ((e >> 32 & 63) as usize, (e >> 38) as u32);
                if len.abs_diff(lq) <= k
                    && (qsig & !sig).count_ones() as usize <= k
                    && (sig & !qsig).count_ones() as usize <= k
                {
                    scratch.push(t);
                }
            }
        };
        // The buckets of the pieces to look up, with each piece's hash: all found before any
        // is filtered (see below).
        let mut buckets: Vec<(&[u64], u64)> = Vec::new();
        let mut whole = |h: u64| buckets.push((self.whole.get(h), h));
        // Targets of up to 7 characters are in `whole`: within one edit, one-deletion variants
        // of both sides meet; within two edits of a longer query, two-deletion variants of
        // the query meet the target or a one-deletion variant of it. (The query is the longer
        // side, so the target loses one letter fewer: with no edit but one deletion from the
        // query, both sides also lose one letter they share.)
        if lq <= WHOLE_MAX + k {
            if k == 1 {
                variants(TAG_WHOLE, q, &mut whole);
            } else if lq > WHOLE_MAX {
                two_deletion_variants(TAG_WHOLE, q, &mut whole);
            }
        }
        // Longer targets are in `halves`.
        let min_lt = HALF_MIN;
        if lq + k >= min_lt {
            let mut lefts: Vec<usize> = Vec::new();
            let mut rights: Vec<usize> = Vec::new();
            for lt in lq.saturating_sub(k).max(min_lt)..=(lq + k).min(MAX_TYPO_CHARS) {
                let h = lt / 2;
                for s in h.saturating_sub(1)..=h + 1 {
                    if s >= 1 && s < lq && !lefts.contains(&s) {
                        lefts.push(s);
                    }
                }
                if let Some(s) = lq.checked_sub(lt - h)
                    && s >= 1
                    && !rights.contains(&s)
                {
                    rights.push(s);
                }
            }
            let mut piece: Vec<char> = Vec::with_capacity(lq);
            for &s in &lefts {
                variants(TAG_LEFT, &q[..s], |h| buckets.push((self.halves.get(h), h)));
                // A swap straddling the split: undo it in the left piece.
                if s < lq && q[s] != q[s - 1] {
                    piece.clear();
                    piece.extend_from_slice(&q[..s - 1]);
                    piece.push(q[s]);
                    variants(TAG_LEFT, &piece, |h| buckets.push((self.halves.get(h), h)));
                }
            }
            for &s in &rights {
                let h = hash_skip(TAG_RIGHT, &q[s..], usize::MAX);
                buckets.push((self.halves.get(h), h));
            }
        }
        // Buckets are scattered over megabytes: finding every one's bounds, then reading each
        // one's first entry, then filtering them, makes loads that do not wait on one another,
        // which the processor overlaps, where looking up and filtering one piece after the
        // other waited out one cache miss at a time (typo queries of the UDHR benchmark: 10%
        // faster).
        let firsts = buckets
            .iter()
            .fold(0u64, |a, (e, _)| a ^ e.first().copied().unwrap_or(0));
        // Kept, so that the reads are made.
        std::hint::black_box(firsts);
        for (entries, h) in buckets {
            take(entries, h);
        }
        scratch.sort_unstable();
        scratch.dedup();
        let pattern = Pattern::new(q);
        for &t in scratch.iter() {
            let d = pattern.distance(ix.term(t).chars());
            if d > 0 && d <= k {
                out.push((t, d as u8));
            }
        }
    }

    /// Approximate heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        4 * (self.whole.off.capacity() + self.halves.off.capacity())
            + 8 * (self.whole.entries.capacity() + self.halves.entries.capacity())
    }
}

impl Buckets {
    /// Buckets for about `entries` entries (the entry array is sized after counting).
    fn with_buckets(entries: usize) -> Buckets {
        if entries == 0 {
            return Buckets::default();
        }
        let nb = (entries / LOAD).next_power_of_two().max(16);
        Buckets {
            mask: nb - 1,
            off: vec![0; nb + 1],
            entries: Vec::new(),
        }
    }
    fn count(&mut self, h: u64) {
        if !self.off.is_empty() {
            self.off[(h as usize & self.mask) + 1] += 1;
        }
    }
    fn prefix_sums(&mut self) {
        for i in 1..self.off.len() {
            self.off[i] += self.off[i - 1];
        }
        self.entries = vec![0; self.off.last().copied().unwrap_or(0) as usize];
    }
    /// Adds `entry` under the piece hash `h`.
    fn put(&mut self, h: u64, entry: u64) {
        if self.off.is_empty() {
            return;
        }
        // `off[b]` is used as the fill cursor of bucket b, then restored by `finish`.
        let b = h as usize & self.mask;
        let at = self.off[b] as usize;
        self.entries[at] = entry;
        self.off[b] += 1;
    }
    fn finish(&mut self) {
        if self.off.is_empty() {
            return;
        }
        // After filling, off[b] is the end of bucket b = start of bucket b+1.
        for i in (1..self.off.len()).rev() {
            self.off[i] = self.off[i - 1];
        }
        self.off[0] = 0;
    }
}

/// A query term prepared for bit-parallel distance computations (Hyyrö's bit-vector
/// algorithm for the optimal string alignment distance: one pass over the other string,
/// a few word operations per character). Patterns of up to 64 characters.
struct Pattern {
    len: usize,
    ascii: [u64; 128],
    other: Vec<(char, u64)>,
}

impl Pattern {
    fn new(q: &[char]) -> Pattern {
        let q = &q[..q.len().min(64)];
        let mut p = Pattern {
            len: q.len(),
            ascii: [0; 128],
            other: Vec::new(),
        };
        for (i, &c) in q.iter().enumerate() {
            if c.is_ascii() {
                p.ascii[c as usize] |= 1 << i;
            } else {
                match p.other.iter_mut().find(|(x, _)| *x == c) {
                    Some((_, m)) => *m |= 1 << i,
                    None => p.other.push((c, 1 << i)),
                }
            }
        }
        p
    }

    fn eq(&self, c: char) -> u64 {
        if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.other
                .iter()
                .find(|(x, _)| *x == c)
                .map_or(0, |(_, m)| *m)
        }
    }

    /// The optimal string alignment distance between the pattern and `text`.
    fn distance(&self, text: impl Iterator<Item = char>) -> usize {
        let m = self.len;
        if m == 0 {
            return text.count();
        }
        let high = 1u64 << (m - 1);
        let (mut vp, mut vn) = (u64::MAX, 0u64);
        let (mut d0, mut prev_eq) = (0u64, 0u64);
        let mut score = m;
        for c in text {
            let eq = self.eq(c);
            let tr = ((!d0 & eq) << 1) & prev_eq;
            d0 = ((((eq & vp).wrapping_add(vp)) ^ vp) | eq | vn) | tr;
            let mut hp = vn | !(d0 | vp);
            let mut hn = d0 & vp;
            if hp & high != 0 {
                score += 1;
            } else if hn & high != 0 {
                score -= 1;
            }
            hp = (hp << 1) | 1;
            hn <<= 1;
            vp = hn | !(d0 | hp);
            vn = hp & d0;
            prev_eq = eq;
        }
        score
    }
}

/// The optimal string alignment distance between `a` and `b` (insertions, deletions,
/// substitutions and swaps of adjacent characters each cost 1), or `None` if it exceeds `k`.
pub fn osa_distance(a: &[char], b: &[char], k: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > k {
        return None;
    }
    const W: usize = 64;
    if b.len() >= W {
        return osa_distance(&a[..a.len().min(W - 1)], &b[..W - 1], k);
    }
    let m = b.len();
    let mut prev2 = [0usize; W];
    let mut prev = [0usize; W];
    let mut cur = [0usize; W];
    for (j, p) in prev.iter_mut().enumerate().take(m + 1) {
        *p = j;
    }
    let mut prev_min = 0;
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > k && prev_min > k {
            return None;
        }
        prev_min = row_min;
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[m] <= k).then_some(prev[m])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::{Field, InvertedIndex};

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn bit_parallel_distance_equals_the_dynamic_programme() {
        let alphabet = ['a', 'b', 'c', 'é'];
        let mut seed = 7u32;
        let mut rnd = move |n: u32| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed % n
        };
        for _ in 0..20_000 {
            let a: Vec<char> = (0..rnd(9)).map(|_| alphabet[rnd(4) as usize]).collect();
            let b: Vec<char> = (0..rnd(9)).map(|_| alphabet[rnd(4) as usize]).collect();
            let want = osa_distance(&a, &b, 99).unwrap();
            assert_eq!(
                Pattern::new(&a).distance(b.iter().copied()),
                want,
                "{a:?} / {b:?}"
            );
        }
    }

    #[test]
    fn osa_distance_counts_adjacent_swaps_as_one_edit() {
        let table = [
            ("refoulement", "refoulment", Some(1)),
            ("consular", "consualr", Some(1)),
            ("stateless", "statelss", Some(1)),
            ("abcd", "badc", Some(2)),
            ("ca", "abc", None), // OSA (not unrestricted Damerau) needs 3
            ("kitten", "sitting", None),
            ("", "ab", Some(2)),
        ];
        for (a, b, want) in table {
            assert_eq!(osa_distance(&chars(a), &chars(b), 2), want, "{a} / {b}");
        }
        assert_eq!(
            osa_distance(&chars("kitten"), &chars("sitting"), 3),
            Some(3)
        );
    }

    /// Pseudo-random words, and every edit of every kind, checked against a brute-force scan.
    #[test]
    fn candidates_equal_a_brute_force_scan_of_the_vocabulary() {
        let mut seed = 0x1234_5678_u32;
        let mut rnd = move |n: u32| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed % n
        };
        let alphabet: Vec<char> = "abcdeéfgrst".chars().collect();
        let mut words = Vec::new();
        for _ in 0..600 {
            let len = 3 + rnd(12) as usize;
            words.push(
                (0..len)
                    .map(|_| alphabet[rnd(alphabet.len() as u32) as usize])
                    .collect::<String>(),
            );
        }
        let text = words.join(" ");
        let ix = InvertedIndex::build(
            vec![Field {
                name: "body".into(),
                boost: 1.0,
            }],
            &[vec![(0, text)]],
        );
        let typo = TypoIndex::build(&ix);
        let mut scratch = Vec::new();
        for w in words.iter().take(200) {
            let mut q = chars(w);
            // Apply one or two random edits.
            for _ in 0..1 + rnd(2) {
                let i = rnd(q.len() as u32) as usize;
                match rnd(4) {
                    0 => {
                        q.remove(i);
                    }
                    1 => q.insert(i, alphabet[rnd(alphabet.len() as u32) as usize]),
                    2 => q[i] = alphabet[rnd(alphabet.len() as u32) as usize],
                    _ if i + 1 < q.len() => q.swap(i, i + 1),
                    _ => {}
                }
            }
            let k = max_edits(q.len());
            let mut got = Vec::new();
            typo.candidates(&ix, &q, k, &mut scratch, &mut got);
            got.sort_unstable();
            let mut want: Vec<(u32, u8)> = (0..ix.term_count() as u32)
                .filter_map(|t| {
                    let d = osa_distance(&q, &chars(ix.term(t)), usize::from(k))?;
                    (d > 0).then_some((t, d as u8))
                })
                .collect();
            want.sort_unstable();
            let q: String = q.iter().collect();
            assert_eq!(got, want, "query {q:?} (k = {k})");
        }
    }
}
