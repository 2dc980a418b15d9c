//! The documented bounds on untrusted input, and the checks that enforce them with typed errors
//! (never by silently truncating). Every number here is listed in README.md, "Errors and limits".
//!
//! The bounds keep the work of one call small and predictable: a query is searched in time
//! proportional to its terms times the index, so both are capped; records a website brings are
//! capped in count and in total text so that building an index cannot exhaust the page's memory.

use crate::error::{Code, Error, JsClass};

/// Longest query, in Unicode scalar values (characters).
pub const MAX_QUERY_CHARS: usize = 1024;
/// Most terms (words as search reads them, see [`count_terms`]) in one query.
pub const MAX_QUERY_TERMS: usize = 32;
/// Most records in one `Index.fromRecords` call (the UDHR benchmark corpus has ~16,000).
pub const MAX_RECORDS: usize = 100_000;
/// Most bytes of text (UTF-8) across all records of one `Index.fromRecords` call; an index
/// takes about 6–7 bytes of memory per byte of text (the 7 MB UDHR corpus: 45 MB).
pub const MAX_RECORDS_BYTES: usize = 32 * 1024 * 1024;
/// Longest single text field of a record, in bytes (UTF-8).
pub const MAX_FIELD_BYTES: usize = 1024 * 1024;
/// Most words (terms, as the search tokenizer counts them) across the searchable fields of one
/// record: word positions are 16-bit. A longer record is refused, never partly indexed.
pub const MAX_RECORD_WORDS: usize = 65_535;
/// Most items of a record's text field given as an array (paragraphs, keywords). The wasm
/// layer reads one item more of any array, so that a longer one is refused, never cut.
pub const MAX_TEXT_ITEMS: usize = 2048;
/// Longest record id, in bytes.
pub const MAX_ID_BYTES: usize = 256;
/// Most parts of a dotted schema key read as a path into nested record objects
/// (`"meta.title"` has two); a key of more parts is only ever a key of its own.
pub const MAX_KEY_PATH_PARTS: usize = 4;
/// Largest `limit` of one search page.
pub const MAX_LIMIT: usize = 100;
/// Offsets beyond this are read as this (a page past the end of any ranking, which holds at
/// most [`MAX_RECORDS`] results): empty, and no more work than any other page.
pub const MAX_OFFSET: usize = MAX_RECORDS;

/// How many items a list of `len` has, as a message says it: the wasm layer reads one item
/// more than [`MAX_TEXT_ITEMS`] of a longer JavaScript array (so that it is refused, never
/// cut), so such a length is "more than" that.
pub fn list_length(len: usize) -> String {
    if len > MAX_TEXT_ITEMS {
        format!("more than {MAX_TEXT_ITEMS}")
    } else {
        len.to_string()
    }
}

/// The terms of a query as the limits count them: its words as search reads them
/// ([`crate::search::text::tokenize`]), a run of Chinese, Japanese, Korean or Thai characters
/// counting as one. A word keeps its combining marks, so "अंतरराष्ट्रीय" (with viramas) or a
/// decomposed "naı̈ve" is one term, as search matches and highlights it.
pub fn count_terms(query: &str) -> usize {
    let mut n = 0;
    crate::search::text::tokenize(query, &mut String::new(), |_, tok| {
        n += usize::from(!tok.glued);
        true
    });
    n
}

/// Checks a query against [`MAX_QUERY_CHARS`]; an over-long query is a `RangeError` with
/// code `QUERY_TOO_LONG`. Its terms are counted as the query parser reads them, and checked
/// with [`check_terms`].
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
    Ok(())
}

/// Checks the number of terms of a query (see [`count_terms`]) against [`MAX_QUERY_TERMS`]:
/// more is a `RangeError` with code `QUERY_TOO_LONG`.
pub fn check_terms(terms: usize) -> Result<(), Error> {
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

/// Rejects a query of `utf16_units` UTF-16 code units before it is copied out of JavaScript:
/// a character takes one or two code units, so more than twice [`MAX_QUERY_CHARS`] units is
/// always over the limit (`RangeError`, `QUERY_TOO_LONG`), whatever its characters. Shorter
/// queries are checked exactly by [`check_query`].
pub fn check_query_units(utf16_units: usize) -> Result<(), Error> {
    if utf16_units > 2 * MAX_QUERY_CHARS {
        return Err(Error::new(
            Code::QueryTooLong,
            JsClass::RangeError,
            format!(
                "the query is {utf16_units} UTF-16 units long; the limit is {MAX_QUERY_CHARS} characters: search for its key words"
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
            let got = check_query(&q).and_then(|()| check_terms(count_terms(&q)));
            assert_eq!(got.is_ok(), ok, "{} chars: {got:?}", q.chars().count());
            if let Err(e) = got {
                assert_eq!((e.code, e.class), (Code::QueryTooLong, JsClass::RangeError));
            }
        }
    }

    #[test]
    fn terms_are_the_words_search_reads_with_their_marks_in_any_script() {
        for (q, n) in [
            ("", 0),
            ("  --  ", 0),
            ("non-refoulement", 2),
            ("1951 Convention", 2),
            ("réfugié apatride", 2),
            ("لاجئ", 1),
            ("a\u{0}b", 2),
            // Combining marks belong to their word: viramas, Thai vowels and tones, accents.
            ("अंतरराष्ट्रीय शरणार्थी", 2),
            ("ผู้ลี้ภัย", 1),
            ("nai\u{0308}ve re\u{0301}fugie\u{0301}", 2),
            ("难民 移民", 2),
            ("1,234.5 U.D.H.R. women's", 3),
        ] {
            assert_eq!(count_terms(q), n, "{q:?}");
        }
    }

    #[test]
    fn the_unit_precheck_never_rejects_a_query_that_check_query_accepts() {
        for c in ['a', 'é', '€', '𝑣'] {
            let q = c.to_string().repeat(MAX_QUERY_CHARS);
            assert!(check_query(&q).is_ok());
            assert!(check_query_units(q.encode_utf16().count()).is_ok(), "{c}");
        }
        for units in [2 * MAX_QUERY_CHARS + 1, 1 << 20, usize::MAX] {
            let e = check_query_units(units).unwrap_err();
            assert_eq!((e.code, e.class), (Code::QueryTooLong, JsClass::RangeError));
        }
    }
}
