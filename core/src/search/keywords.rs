//! The search terms a hit was found by. A corpus may give a record words its own text lacks
//! (a right's `search_terms`: "pension" for the right to social security), one per line after
//! the first empty line of a field that is searched but never shown
//! ([`super::KEYWORDS_FIELD`]). A hit found through them would show no matched word; its
//! `searchTerms` say which of them it was found by.

use super::Index;
use super::matching::Plan;
use super::rank::Kind;

/// Most search terms a hit names.
const MAX_SHOWN: usize = 3;

impl Index {
    /// The search-term lines of document `d`'s keywords field (after its first empty line)
    /// that hold a word of the query (`plans`) which `d` holds nowhere else: the search terms
    /// it was found by, in the order of the field, each once; of those, only the lines holding the most words of the
    /// query, each counting as near as it matches ([`nearness`]: "golden visa" for `golden
    /// visa`, not also "investor visa"; "pension", not also "pensions"), at most
    /// [`MAX_SHOWN`]. Little and
    /// soft words and phrases count for nothing here.
    pub(super) fn search_terms(&self, d: u32, plans: &[Plan]) -> Vec<&str> {
        let doc = &self.docs[d as usize];
        let Some(kf) = self.keywords_field.filter(|_| doc.terms_at != u32::MAX) else {
            return Vec::new();
        };
        let terms_from = doc.terms_at as usize;
        let Some((_, text)) = doc.texts.iter().find(|(f, _)| *f == kf) else {
            return Vec::new();
        };
        let starts = self.ix.token_starts(d, kf);
        let mut places: Vec<u16> = Vec::new();
        let mut lines: Vec<u64> = Vec::new();
        for p in plans.iter().filter(|p| !p.is_little() && !p.is_soft()) {
            places.clear();
            let mut shown = false;
            self.word_entries(d, p, |e| {
                if e.field == kf {
                    places.extend_from_slice(self.ix.positions(&e));
                } else {
                    shown = true;
                }
            });
            if shown {
                continue;
            }
            for &at in &places {
                let Some(&s) = starts.get(usize::from(at)) else {
                    continue;
                };
                let s = s as usize;
                if s < terms_from {
                    continue;
                }
                let from = text[..s].rfind('\n').map_or(0, |i| i + 1);
                let to = text[s..].find('\n').map_or(text.len(), |i| s + i);
                lines.push((from as u64) << 32 | to as u64);
            }
        }
        // As integers: the sort of `u64`s is in the wasm already, one of pairs would add 6 KB.
        lines.sort_unstable();
        lines.dedup();
        let out: Vec<&str> = lines
            .iter()
            .map(|&l| &text[(l >> 32) as usize..l as u32 as usize])
            .collect();
        // Only the lines that hold the most words of the query.
        let words_in = |line: &&str| {
            let mut n = 0;
            super::text::tokenize(line, &mut String::new(), |w, _| {
                // The nearer a word matches, the more it counts: "pension" before
                // "pensions" for `pension` and for `pensoin`.
                if let Some(t) = self.ix.lookup(w) {
                    n += plans
                        .iter()
                        .filter(|p| !p.is_little())
                        .map(|p| nearness(p, t))
                        .max()
                        .unwrap_or(0);
                }
                true
            });
            n
        };
        let counts: Vec<usize> = out.iter().map(words_in).collect();
        let most = counts.iter().copied().max().unwrap_or(0);
        out.into_iter()
            .zip(counts)
            .filter(|&(_, n)| n == most)
            .map(|(line, _)| line)
            .take(MAX_SHOWN)
            .collect()
    }
}

/// How near term `t` matches the word planned as `p`, for weighing lines: 4 as typed, 3 as an
/// alias, other form or completion, 2 one edit away, 1 two edits away, 0 not at all.
fn nearness(p: &Plan, t: u32) -> usize {
    match p.match_kind(t) {
        Some(Kind::Exact) => 4,
        Some(Kind::Alias | Kind::Prefix) => 3,
        Some(Kind::Typo1) => 2,
        Some(Kind::Typo2) => 1,
        None => 0,
    }
}
