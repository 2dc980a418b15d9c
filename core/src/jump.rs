//! "Jump to" matching on short fields (titles, short names, abbreviations), powered by
//! fuzzy-matcher's skim algorithm and kept behind [`jump_score`] so it can be swapped.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

thread_local! {
    /// One matcher per thread, reused by every score (see [`score_word`]).
    static MATCHER: SkimMatcherV2 = SkimMatcherV2::default().ignore_case();
}

/// The skim score of one query word in `candidate`, as a fresh matcher gives it.
///
/// fuzzy-matcher 0.3.7 keeps its score matrix between calls and initialises only the cells a
/// call adds to it (`ScoreMatrix::new` resizes), while a score reads some cells it has not
/// written (a matched cell's consecutive-match bonus). A reused matcher would therefore score a
/// title differently after other calls (the fuzz target `query_search` found it), and turning
/// its cache off panics ("RefCell already borrowed"). Scoring a one-letter text first cuts the
/// matrix to 2 × 2 cells, all of which the next score resets or writes before it reads them, so
/// the next score starts as on a fresh matcher; a unit test compares the two on 200,000 pairs.
/// A fresh matcher per score cost half as much again as the score itself (three thread-local
/// caches allocated and dropped, ~0.7 µs natively); the one-letter score costs a sixth.
fn score_word(candidate: &str, word: &str) -> Option<i64> {
    MATCHER.with(|m| {
        let _ = m.fuzzy_match("a", "a");
        m.fuzzy_match(candidate, word)
    })
}

/// Scores how well `query` matches the short text `candidate` as an abbreviation or subsequence
/// (e.g. "vccr" → "Vienna Convention on Consular Relations"). Each whitespace-separated word of
/// the query is matched on its own, so word order does not matter; `None` when a word fails.
pub fn jump_score(candidate: &str, query: &str) -> Option<i64> {
    let mut total = 0;
    let mut any = false;
    for word in query.split_whitespace() {
        total += score_word(candidate, word)?;
        any = true;
    }
    any.then_some(total)
}

#[cfg(test)]
mod tests {
    use super::{jump_score, score_word};
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;

    #[test]
    fn a_reused_matcher_scores_every_word_as_a_fresh_matcher_does() {
        // Long and short texts in turn, with letters that repeat (a reused score matrix showed
        // in about one pair in forty thousand), case pairs, accents and other scripts.
        let letters: Vec<char> = "abcAB dé-1ßİ中Éxa".chars().collect();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut scored = 0;
        for _ in 0..200_000 {
            let len = 1 + if next(4) == 0 { next(90) } else { next(14) };
            let text: String = (0..len).map(|_| letters[next(letters.len())]).collect();
            let word: String = (0..1 + next(8))
                .map(|_| letters[next(letters.len())])
                .filter(|c| *c != ' ')
                .collect();
            let fresh = SkimMatcherV2::default()
                .ignore_case()
                .fuzzy_match(&text, &word);
            assert_eq!(score_word(&text, &word), fresh, "{word:?} in {text:?}");
            scored += usize::from(fresh.is_some());
        }
        assert!(scored > 20_000, "only {scored} pairs matched at all");
    }

    #[test]
    fn abbreviation_matches_its_title_in_any_word_order() {
        assert!(jump_score("Vienna Convention on Consular Relations", "vccr").is_some());
        assert!(
            jump_score(
                "Convention relating to the Status of Refugees",
                "status refugees"
            )
            .is_some()
        );
        assert!(
            jump_score(
                "Convention relating to the Status of Refugees",
                "refugees status"
            )
            .is_some()
        );
        assert!(jump_score("Paris Agreement", "vccr").is_none());
        assert!(jump_score("Paris Agreement", "   ").is_none());
    }
}
