//! "Jump to" matching on short fields (titles, short names, abbreviations), powered by
//! fuzzy-matcher's skim algorithm and kept behind [`jump_score`] so it can be swapped.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// A fresh matcher for each score. fuzzy-matcher 0.3.7 reuses its score matrix between calls
/// without clearing it (`ScoreMatrix::new` only fills cells it adds), so a shared matcher gives
/// scores that depend on earlier calls (found by the fuzz target `query_search`: a title scored
/// differently for the same query after another search), and turning its cache off panics
/// ("RefCell already borrowed"). A new matcher costs three small allocations.
fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

/// Scores how well `query` matches the short text `candidate` as an abbreviation or subsequence
/// (e.g. "vccr" → "Vienna Convention on Consular Relations"). Each whitespace-separated word of
/// the query is matched on its own, so word order does not matter; `None` when a word fails.
pub fn jump_score(candidate: &str, query: &str) -> Option<i64> {
    let mut total = 0;
    let mut any = false;
    for word in query.split_whitespace() {
        total += matcher().fuzzy_match(candidate, word)?;
        any = true;
    }
    any.then_some(total)
}

#[cfg(test)]
mod tests {
    use super::jump_score;

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
