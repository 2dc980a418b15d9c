//! Every documented bound on untrusted input in one place (README.md, "Errors and limits"),
//! re-exported from the modules that enforce it, and the checks the wasm layer runs *before*
//! copying a JavaScript string into wasm memory, so that an oversized argument costs nothing.
//!
//! All bounds are enforced with typed errors, never by silent truncation.

use crate::error::{Code, Error, JsClass};

pub use crate::records::{
    MAX_BOOST, MAX_ID_BYTES, MAX_LIST_VALUES, MAX_RECORDS, MAX_SCHEMA_FACETS, MAX_SCHEMA_FIELDS,
    MAX_TEXT_BYTES, MAX_VALUE_BYTES,
};
pub use crate::search::MAX_LIMIT;
pub use crate::search::options::MAX_FILTER_VALUES;
pub use crate::search::query::{MAX_QUERY_BYTES, MAX_QUERY_TERMS};

/// Rejects a query of `utf16_units` UTF-16 code units before it is copied out of JavaScript:
/// every code unit needs at least one byte of UTF-8, so more units than [`MAX_QUERY_BYTES`]
/// means a query over the limit (`RangeError`, `QUERY_TOO_LONG`), whatever its characters.
/// Shorter queries are checked exactly by [`crate::search::query::parse`].
pub fn check_query_units(utf16_units: usize) -> Result<(), Error> {
    if utf16_units > MAX_QUERY_BYTES {
        return Err(Error::new(
            Code::QueryTooLong,
            JsClass::RangeError,
            format!(
                "the query is {utf16_units} characters long; the limit is {MAX_QUERY_BYTES} bytes of UTF-8: search for its key words"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;

    #[test]
    fn the_unit_precheck_never_rejects_a_query_that_parse_accepts() {
        // Queries of exactly MAX_QUERY_BYTES bytes (32 words of 31 bytes and their spaces) in
        // characters of one to four bytes: the parser accepts each, so must the pre-check.
        for (pad, c, n) in [
            ("", 'a', 31),
            ("a", 'é', 15),
            ("a", '€', 10),
            ("aaa", '𝑣', 7),
        ] {
            let word = format!("{pad}{}", c.to_string().repeat(n));
            let q = vec![word; MAX_QUERY_TERMS].join(" ") + " ";
            assert_eq!(q.len(), MAX_QUERY_BYTES);
            let units = q.encode_utf16().count();
            assert!(parse(&q).is_ok(), "{c}: {:?}", parse(&q).err());
            assert!(check_query_units(units).is_ok(), "{c}: {units} units");
        }
    }

    #[test]
    fn queries_with_more_units_than_the_byte_limit_are_query_too_long() {
        for units in [MAX_QUERY_BYTES + 1, 1 << 20, usize::MAX] {
            let e = check_query_units(units).unwrap_err();
            assert_eq!((e.code, e.class), (Code::QueryTooLong, JsClass::RangeError));
        }
    }
}
