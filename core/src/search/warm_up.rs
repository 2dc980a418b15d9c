//! Warm-up queries: searches that take an index through its whole query path once, ahead of
//! the first real query.
//!
//! A browser compiles a WebAssembly function the first time it runs. The first search after
//! the page loads therefore pays for compiling everything a search runs (about 12 ms in
//! Chromium on a slow machine, over ten times the search itself). Searching these queries
//! while the page is idle (the wasm layer's `prepare()`) moves that cost off the first
//! keystroke.
//! They are made of the index's own words, so they find records whatever the corpus.

use super::Index;

/// Shortest word used: long enough for a typo to be corrected (see the typo rules).
const MIN_LETTERS: usize = 5;

impl Index {
    /// Two queries that run the code a search runs: the first letters of a common word (a
    /// word being typed: completions and "jump to" matching), then that word misspelt
    /// followed by the start of another common word (typo candidates, the corrected query,
    /// several words, completions), both finding records with snippets and facet counts.
    /// The words are the commonest of at least five ASCII letters; with none, the commonest
    /// word alone. Empty for an index without words.
    pub fn warm_up_queries(&self) -> Vec<String> {
        let ix = &self.ix;
        let n = ix.term_count() as u32;
        // The two commonest plain words, and the commonest word of any kind.
        let mut plain: [Option<(u32, u32)>; 2] = [None, None];
        let mut any: Option<(u32, u32)> = None;
        for t in 0..n {
            let df = ix.df(t);
            let word = ix.term(t);
            if any.is_none_or(|(d, _)| df > d) {
                any = Some((df, t));
            }
            if word.len() >= MIN_LETTERS && word.bytes().all(|b| b.is_ascii_lowercase()) {
                let entry = Some((df, t));
                if plain[0].is_none_or(|(d, _)| df > d) {
                    plain = [entry, plain[0]];
                } else if plain[1].is_none_or(|(d, _)| df > d) {
                    plain[1] = entry;
                }
            }
        }
        let [Some((_, first)), second] = plain else {
            return any
                .map(|(_, t)| vec![ix.term(t).to_string()])
                .unwrap_or_default();
        };
        let first = ix.term(first);
        let second = second.map_or(first, |(_, t)| ix.term(t));
        let typing = &first[..2];
        // A letter dropped from `first` where that makes no word of the index (a typo to
        // correct, not another word); the word itself when every drop makes one.
        let misspelt = (1..first.len())
            .map(|i| [&first[..i], &first[i + 1..]].concat())
            .find(|w| ix.lookup(w).is_none())
            .unwrap_or_else(|| first.to_string());
        let started = &second[..second.len() - 1];
        vec![typing.to_string(), format!("{misspelt} {started}")]
    }
}

#[cfg(test)]
mod tests {
    use crate::records::{self, Json};
    use crate::search::SearchOptions;

    fn index(bodies: &[&str]) -> crate::search::Index {
        let list = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| {
                Json::object(&[("id", Json::str(&format!("r{i}"))), ("body", Json::str(b))])
            })
            .collect();
        let schema = Json::object(&[("fields", Json::object(&[("body", Json::object(&[]))]))]);
        records::index(list, &schema).expect("valid records")
    }

    #[test]
    fn warm_up_queries_type_a_common_word_then_misspell_it_before_another() {
        let ix = index(&[
            "migrants cross borders",
            "migrants and workers",
            "workers rights",
            "migrants workers",
        ]);
        assert_eq!(ix.warm_up_queries(), ["mi", "mgrants worker"]);
        let typed = ix
            .search("mgrants worker", &SearchOptions::default())
            .unwrap();
        assert_eq!(typed.total, 2);
        assert_eq!(typed.corrected.as_deref(), Some("migrants worker"));
    }

    #[test]
    fn an_index_of_short_or_non_latin_words_warms_up_with_its_commonest_word() {
        // Chinese is indexed by character (and pairs of characters): the first of the commonest.
        assert_eq!(index(&["日本 東京", "日本"]).warm_up_queries(), ["日"]);
        assert_eq!(index(&["a cat", "a dog"]).warm_up_queries(), ["a"]);
        assert!(index(&["", " "]).warm_up_queries().is_empty());
    }
}
