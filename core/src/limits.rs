//! The documented bounds on untrusted input, and the checks that enforce them with typed errors
//! (never by silently truncating). Every number here is listed in README.md, "Errors and limits".
//!
//! The bounds keep the work of one call small and predictable: a query is searched in time
//! proportional to its terms times the index, so both are capped; records a website brings are
//! capped in count and in total text so that building an index cannot exhaust the page's memory.

use crate::error::{Code, Error, JsClass};

/// Longest query, in Unicode scalar values (characters).
pub const MAX_QUERY_CHARS: usize = 1024;
/// Most terms (runs of letters and digits) in one query.
pub const MAX_QUERY_TERMS: usize = 32;
/// Most records in one `Index.fromRecords` call.
pub const MAX_RECORDS: usize = 10_000;
/// Most bytes of text (UTF-8) across all records of one `Index.fromRecords` call.
pub const MAX_RECORDS_BYTES: usize = 8 * 1024 * 1024;
/// Longest single text field of a record, in bytes (UTF-8).
pub const MAX_FIELD_BYTES: usize = 64 * 1024;
/// Longest record id, in bytes.
pub const MAX_ID_BYTES: usize = 256;
/// Largest `limit` of one search page.
pub const MAX_LIMIT: usize = 100;
/// Largest `offset` into a ranking.
pub const MAX_OFFSET: usize = 10_000;

/// The terms of a query as the limits count them: maximal runs of alphanumeric characters.
pub fn count_terms(query: &str) -> usize {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

/// Checks a query against [`MAX_QUERY_CHARS`] and [`MAX_QUERY_TERMS`]; an over-long query is a
/// `RangeError` with code `QUERY_TOO_LONG`.
pub fn check_query(query: &str) -> Result<(), Error> {
    // Counting stops early so that a 1 MB query costs no more than a long one.
    let chars = query.chars().take(MAX_QUERY_CHARS + 1).count();
    if chars > MAX_QUERY_CHARS {
        return Err(Error::new(
            Code::QueryTooLong,
            JsClass::RangeError,
            format!(
                "the query is longer than {MAX_QUERY_CHARS} characters; shorten it to its key words"
            ),
        ));
    }
    let terms = count_terms(query);
    if terms > MAX_QUERY_TERMS {
        return Err(Error::new(
            Code::QueryTooLong,
            JsClass::RangeError,
            format!(
                "the query has {terms} terms; at most {MAX_QUERY_TERMS} are searched, so remove some"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_up_to_the_limits_pass_and_longer_ones_are_query_too_long() {
        let cases: Vec<(String, bool)> = vec![
            (String::new(), true),
            ("refugee status".into(), true),
            ("é".repeat(MAX_QUERY_CHARS), true),
            ("é".repeat(MAX_QUERY_CHARS + 1), false),
            ("x".repeat(1 << 20), false),
            (vec!["a"; MAX_QUERY_TERMS].join(" "), true),
            (vec!["a"; MAX_QUERY_TERMS + 1].join(" "), false),
            // Punctuation alone is not a term.
            ("- ".repeat(MAX_QUERY_CHARS / 2), true),
        ];
        for (q, ok) in cases {
            let got = check_query(&q);
            assert_eq!(got.is_ok(), ok, "{} chars: {got:?}", q.chars().count());
            if let Err(e) = got {
                assert_eq!((e.code, e.class), (Code::QueryTooLong, JsClass::RangeError));
            }
        }
    }

    #[test]
    fn terms_are_runs_of_letters_and_digits_in_any_script() {
        for (q, n) in [
            ("", 0),
            ("  --  ", 0),
            ("non-refoulement", 2),
            ("1951 Convention", 2),
            ("réfugié apatride", 2),
            ("لاجئ", 1),
            ("a\u{0}b", 2),
        ] {
            assert_eq!(count_terms(q), n, "{q:?}");
        }
    }
}
