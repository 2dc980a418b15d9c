//! JSON-like arbitrary records and schema → the core of `Index.fromRecords`
//! (`records::index`): never a panic; bad input is a typed `INVALID_RECORDS` or
//! `INVALID_ARGUMENT` error; a built index holds one document per record with unique ids, and
//! searching it obeys the same invariants as the embedded corpus.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;
use treatykit_core::records::{self, Json};
use treatykit_core::search::{MAX_LIMIT, SearchOptions};
use treatykit_core::{Code, JsClass};
use treatykit_fuzz::{ArbJson, check_hits};

/// Keys and values records and schemas are made of, so that most inputs are nearly valid.
const WORDS: [&str; 16] = [
    "id",
    "title",
    "body",
    "theme",
    "year",
    "fields",
    "facets",
    "store",
    "boost",
    "refugee",
    "stateless",
    "asylum",
    "1951",
    "kind",
    "score",
    "",
];

#[derive(Debug, Arbitrary)]
struct Input {
    /// `None`: the default schema with fields title and body, facets theme and year.
    schema: Option<ArbJson>,
    records: Vec<ArbJson>,
    query: String,
}

fn default_schema() -> Json {
    let s = |v: &str| Json::Str(v.into());
    Json::Map(vec![
        ("id".into(), s("id")),
        ("title".into(), s("title")),
        (
            "fields".into(),
            Json::Map(vec![
                (
                    "title".into(),
                    Json::Map(vec![("boost".into(), Json::Num(3.0))]),
                ),
                ("body".into(), Json::Map(vec![])),
            ]),
        ),
        ("facets".into(), Json::List(vec![s("theme"), s("year")])),
    ])
}

fuzz_target!(|input: Input| {
    let table: Vec<String> = WORDS.iter().map(|s| s.to_string()).collect();
    let schema = input
        .schema
        .as_ref()
        .map_or_else(default_schema, |s| s.to_json(&table));
    let recs: Vec<Json> = input.records.iter().map(|r| r.to_json(&table)).collect();
    let n = recs.len();
    let index = match records::index(recs, &schema) {
        Ok(index) => index,
        Err(e) => {
            assert!(
                matches!(e.code, Code::InvalidRecords | Code::InvalidArgument),
                "{e}"
            );
            assert!(
                matches!(e.class, JsClass::TypeError | JsClass::RangeError),
                "{e}"
            );
            return;
        }
    };
    assert_eq!(index.len(), n, "one document per record");
    let browse = SearchOptions {
        limit: MAX_LIMIT,
        ..SearchOptions::default()
    };
    let all = index
        .search("", &browse)
        .expect("browsing a built index works");
    assert_eq!(all.total, n);
    let ids: HashSet<&str> = all.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids.len(), all.hits.len(), "ids are unique");
    if let Ok(found) = index.search(&input.query, &browse) {
        check_hits(&found);
        assert!(found.total <= n);
        assert_eq!(
            found,
            index.search(&input.query, &browse).unwrap(),
            "deterministic"
        );
    }
});
