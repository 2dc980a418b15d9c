//! Ranking: BM25F over boosted fields, match-kind weights (exact > prefix > typo), and the
//! total order of results (fewer typo-matched words first, then score, then id).

use super::index::{Entry, InvertedIndex};
use std::cmp::Ordering;

/// BM25 saturation parameter.
pub const K1: f32 = 1.2;
/// BM25 length normalisation.
pub const B: f32 = 0.75;

/// How a query word matched a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// The word itself (or a phrase).
    Exact,
    /// A word the index treats as the same word ("art" for "article"; see
    /// [`super::Index::with_aliases`]).
    Alias,
    /// A completion of the word being typed.
    Prefix,
    /// A term one edit away.
    Typo1,
    /// A term two edits away.
    Typo2,
}

impl Kind {
    /// Weight applied to the BM25F score of a term matched this way.
    pub fn weight(self) -> f32 {
        match self {
            Kind::Exact => 1.0,
            Kind::Alias => 0.9,
            Kind::Prefix => 0.7,
            Kind::Typo1 => 0.45,
            Kind::Typo2 => 0.3,
        }
    }
    /// The kind of a match at an edit distance: 0 is an alias (see [`Kind::Alias`]), 1 or 2 a
    /// typo.
    pub fn at_distance(distance: u8) -> Kind {
        match distance {
            0 => Kind::Alias,
            1 => Kind::Typo1,
            _ => Kind::Typo2,
        }
    }
    /// True for typo matches.
    pub fn is_typo(self) -> bool {
        matches!(self, Kind::Typo1 | Kind::Typo2)
    }
}

/// Inverse document frequency (BM25's, always positive).
pub fn idf(docs: usize, df: u32) -> f32 {
    let (n, df) = (docs as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The boosted, length-normalised term frequency of one entry (BM25F sums these over a
/// term's fields before saturating).
#[inline]
pub fn field_tf(ix: &InvertedIndex, doc: u32, e: &Entry) -> f32 {
    let len = ix.field_len(doc, e.field) as f32;
    let norm = 1.0 - B + B * len / ix.avg_len(e.field);
    ix.fields[usize::from(e.field)].boost * e.tf() as f32 / norm
}

/// BM25 saturation of a summed term frequency.
#[inline]
pub fn saturate(tf: f32, idf: f32) -> f32 {
    if tf <= 0.0 {
        return 0.0;
    }
    idf * tf * (K1 + 1.0) / (K1 + tf)
}

/// BM25F score of one term in document `doc`, given its entries (one per field).
#[inline]
pub fn bm25f(ix: &InvertedIndex, doc: u32, entries: impl Iterator<Item = Entry>, idf: f32) -> f32 {
    // A plain loop: the iterator adapters of a sum are not inlined at opt-level s, and this
    // runs for every candidate document.
    let mut tf = 0.0f32;
    for e in entries {
        tf += field_tf(ix, doc, &e);
    }
    saturate(tf, idf)
}

/// Weight of query words found next to each other, in order: the score grows by up to this
/// fraction when every consecutive pair of words is adjacent in the document.
pub const PROXIMITY: f32 = 0.5;

/// Further factor of a result holding all the query's words in one unbroken run, in order
/// (the query as a phrase, "ICCPR art. 13"): it then scores twice what it would with the
/// words apart.
pub const WHOLE_RUN: f32 = 4.0 / 3.0;

/// A matched document with what ranks it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scored {
    /// Document number.
    pub doc: u32,
    /// Number of query groups matched (all of them, except in relaxed mode).
    pub matched: u8,
    /// Number of query groups matched only through a typo.
    pub typos: u8,
    /// Relevance score.
    pub score: f32,
}

/// The order of ids among results that tie: byte order, except that runs of ASCII digits
/// compare as numbers ("r9" before "r10", "2" before "10"; of equal numbers, the one written
/// with fewer leading zeros first), so a website's numeric ids tie in their natural order.
pub fn id_order(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].is_ascii_digit() && b[j].is_ascii_digit() {
            let run =
                |s: &[u8], k: usize| k + s[k..].iter().take_while(|c| c.is_ascii_digit()).count();
            let (ei, ej) = (run(a, i), run(b, j));
            let zeros =
                |s: &[u8], k: usize, e: usize| s[k..e].iter().take_while(|&&c| c == b'0').count();
            let (ni, nj) = (&a[i + zeros(a, i, ei)..ei], &b[j + zeros(b, j, ej)..ej]);
            let by_value = ni.len().cmp(&nj.len()).then_with(|| ni.cmp(nj));
            let by_width = (ei - i).cmp(&(ej - j));
            match by_value.then(by_width) {
                Ordering::Equal => (i, j) = (ei, ej),
                other => return other,
            }
        } else {
            match a[i].cmp(&b[j]) {
                Ordering::Equal => (i, j) = (i + 1, j + 1),
                other => return other,
            }
        }
    }
    (a.len() - i).cmp(&(b.len() - j))
}

/// The result order: more groups matched, fewer typo matches, higher score, then the
/// document whose id sorts first in [`id_order`] (`id_rank` gives each document's position
/// in it).
pub fn compare(a: &Scored, b: &Scored, id_rank: &[u32]) -> Ordering {
    b.matched
        .cmp(&a.matched)
        .then(a.typos.cmp(&b.typos))
        .then(b.score.total_cmp(&a.score))
        .then(id_rank[a.doc as usize].cmp(&id_rank[b.doc as usize]))
}

/// [`compare`]'s order as one integer, larger first: matched groups, then fewer typos, then
/// score (as `f32::total_cmp` orders it), then the smaller id rank.
fn rank_key(s: &Scored, id_rank: &[u32]) -> u128 {
    let bits = s.score.to_bits();
    let score = if bits >> 31 == 1 {
        !bits
    } else {
        bits | 1 << 31
    };
    u128::from(s.matched) << 80
        | u128::from(u8::MAX - s.typos) << 72
        | u128::from(score) << 32
        | u128::from(u32::MAX - id_rank[s.doc as usize])
}

/// The best `k` results of `v`, in order.
pub fn best(v: &[Scored], k: usize, id_rank: &[u32]) -> Vec<Scored> {
    let k = k.min(v.len());
    if k == 0 {
        return Vec::new();
    }
    if k <= 256 {
        // Bounded insertion: most candidates lose to the current k-th in one comparison,
        // made on keys computed once per candidate.
        let mut top: Vec<(u128, Scored)> = Vec::with_capacity(k + 1);
        for s in v {
            let key = rank_key(s, id_rank);
            if top.len() == k && key <= top[k - 1].0 {
                continue;
            }
            let at = top.partition_point(|x| x.0 > key);
            top.insert(at, (key, *s));
            top.truncate(k);
        }
        return top.into_iter().map(|(_, s)| s).collect();
    }
    let mut out = v.to_vec();
    sort(&mut out, id_rank);
    out.truncate(k);
    out
}

/// Most results [`sort`] orders by insertion; longer lists go through the shared sort.
const INSERTION_MAX: usize = 64;

/// Sorts results into rank order. The lists it gets are short and nearly sorted (the best
/// results, in order, after a re-ranking that moved a few), so an insertion sort in place does
/// it with about one comparison per result and no allocation; longer lists go through one
/// shared sort (sort code is large in wasm per instantiation).
pub fn sort(v: &mut Vec<Scored>, id_rank: &[u32]) {
    if v.len() <= INSERTION_MAX {
        for i in 1..v.len() {
            let s = v[i];
            let mut j = i;
            while j > 0 && compare(&s, &v[j - 1], id_rank).is_lt() {
                v[j] = v[j - 1];
                j -= 1;
            }
            v[j] = s;
        }
        return;
    }
    let mut order: Vec<u32> = (0..v.len() as u32).collect();
    super::index::sort_by(&mut order, &|a, b| {
        compare(&v[a as usize], &v[b as usize], id_rank)
    });
    *v = order.into_iter().map(|i| v[i as usize]).collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_tie_in_byte_order_with_numbers_compared_as_numbers() {
        let mut ids = vec![
            "10",
            "9",
            "r10",
            "r9",
            "r09",
            "a",
            "",
            "b2c",
            "b10c",
            "b2",
            "007",
            "7",
            "x-1.10",
            "x-1.9",
            "Z",
            "z",
            "99999999999999999999",
            "100000000000000000000",
        ];
        ids.sort_by(|a, b| id_order(a, b));
        assert_eq!(
            ids,
            [
                "",
                "7",
                "007",
                "9",
                "10",
                "99999999999999999999",
                "100000000000000000000",
                "Z",
                "a",
                "b2",
                "b2c",
                "b10c",
                "r9",
                "r09",
                "r10",
                "x-1.9",
                "x-1.10",
                "z"
            ]
        );
        // A total order: each pair compares one way, and only an id with itself is equal.
        for a in &ids {
            for b in &ids {
                assert_eq!(id_order(a, b), id_order(b, a).reverse(), "{a} {b}");
                assert_eq!(id_order(a, b).is_eq(), a == b, "{a} {b}");
            }
        }
    }

    #[test]
    fn results_order_by_matches_then_typos_then_score_then_id() {
        let id_rank = [2, 0, 1, 3];
        let s = |doc, matched, typos, score| Scored {
            doc,
            matched,
            typos,
            score,
        };
        let v = vec![
            s(0, 2, 0, 1.0),
            s(1, 2, 0, 1.0),
            s(2, 2, 1, 9.0),
            s(3, 3, 2, 0.1),
        ];
        let order: Vec<u32> = best(&v, 4, &id_rank).iter().map(|x| x.doc).collect();
        assert_eq!(order, [3, 1, 0, 2]);
        let top2: Vec<u32> = best(&v, 2, &id_rank).iter().map(|x| x.doc).collect();
        assert_eq!(top2, [3, 1]);
        // Above 256 the full sort gives the same order.
        let many: Vec<Scored> = (0..600)
            .map(|i| s(i, 1, (i % 3) as u8, (i % 7) as f32))
            .collect();
        let ranks: Vec<u32> = (0..600).rev().collect();
        let a = best(&many, 300, &ranks);
        let b = best(&many, 200, &ranks);
        assert_eq!(a[..200], b[..]);
    }

    #[test]
    fn short_and_long_lists_sort_into_the_same_rank_order() {
        let id_rank: Vec<u32> = (0..300).map(|i| (i * 7919) % 300).collect();
        for n in [0, 1, 2, 5, INSERTION_MAX, INSERTION_MAX + 1, 300] {
            // Ties on matched, typos and score, so the id rank decides often.
            let v: Vec<Scored> = (0..n as u32)
                .map(|i| Scored {
                    doc: (i * 37) % 300,
                    matched: (i % 2) as u8,
                    typos: (i % 3) as u8,
                    score: ((i * 13) % 5) as f32,
                })
                .collect();
            let mut sorted = v.clone();
            sort(&mut sorted, &id_rank);
            let mut want = v;
            want.sort_by(|a, b| compare(a, b, &id_rank));
            assert_eq!(sorted, want, "{n} results");
        }
    }

    #[test]
    fn idf_falls_as_terms_get_common() {
        assert!(idf(1000, 1) > idf(1000, 10));
        assert!(idf(1000, 1000) > 0.0);
        assert!(Kind::Exact.weight() > Kind::Alias.weight());
        assert!(Kind::Alias.weight() > Kind::Prefix.weight());
        assert!(
            !Kind::at_distance(0).is_typo()
                && Kind::at_distance(1).is_typo()
                && Kind::at_distance(2).is_typo()
        );
        assert!(Kind::Prefix.weight() > Kind::Typo1.weight());
        assert!(Kind::Typo1.weight() > Kind::Typo2.weight());
    }
}
