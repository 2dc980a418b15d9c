//! Structured arbitrary filters (mostly real facet fields and values, sometimes anything) →
//! `Filters::from_json` and a search: never a panic; malformed filters are typed
//! `INVALID_ARGUMENT` errors; browsing with valid filters returns exactly the documents that
//! pass them, and every facet count equals a brute-force disjunctive count (each field's counts
//! ignore that field's own filter); compact answers assembled as JavaScript would equal the JSON
//! answers.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use treatykit_core::records::Json;
use treatykit_core::search::{Filters, MAX_LIMIT, SearchOptions};
use treatykit_core::{Code, JsClass};
use treatykit_fuzz::{
    ArbJson, assembler, catalog, check_hits, docs_by_id, filter_words, parse, passes,
};

#[derive(Debug, Arbitrary)]
struct Input {
    filters: ArbJson,
    /// Also wrap the filters in a full options object and read that.
    as_options: Option<(ArbJson, ArbJson)>,
    query: Option<String>,
}

fuzz_target!(|input: Input| {
    let catalog = catalog();
    let table = filter_words();
    let json = input.filters.to_json(table);
    if let Some((limit, offset)) = &input.as_options {
        let options = Json::Map(vec![
            ("limit".into(), limit.to_json(table)),
            ("offset".into(), offset.to_json(table)),
            ("filters".into(), json.clone()),
        ]);
        if let Err(e) = SearchOptions::from_json(&options) {
            assert_eq!(e.code, Code::InvalidArgument, "{e}");
        }
    }
    let filters = match Filters::from_json(&json) {
        Ok(f) => f,
        Err(e) => {
            assert_eq!(e.code, Code::InvalidArgument, "{e}");
            assert!(matches!(e.class, JsClass::TypeError | JsClass::RangeError));
            return;
        }
    };
    let names: Vec<&str> = catalog.index().facet_fields().collect();
    let unknown = filters
        .fields
        .iter()
        .any(|(f, _)| !names.contains(&f.as_str()));
    let opts = SearchOptions {
        limit: MAX_LIMIT,
        filters: filters.clone(),
        ..SearchOptions::default()
    };
    if let Some(q) = &input.query {
        // Any query with these filters: every hit passes them.
        if let Ok(found) = catalog.search(q, &opts) {
            assert!(!unknown);
            check_hits(&found);
            for h in &found.hits {
                assert!(
                    passes(&docs_by_id()[&h.id], &filters, None),
                    "{} fails the filters",
                    h.id
                );
            }
        }
    }
    let found = match catalog.search("", &opts) {
        Ok(found) => found,
        Err(e) => {
            assert!(unknown, "only an unknown field is an error here: {e}");
            assert_eq!(
                (e.code, e.class),
                (Code::InvalidArgument, JsClass::TypeError)
            );
            return;
        }
    };
    assert!(!unknown, "an unknown filter field was accepted");
    let docs = catalog.documents();
    let expected: Vec<&str> = docs
        .iter()
        .filter(|d| passes(d, &filters, None))
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(
        found.total,
        expected.len(),
        "browse total under {filters:?}"
    );
    if found.total <= MAX_LIMIT {
        let mut got: Vec<&str> = found.hits.iter().map(|h| h.id.as_str()).collect();
        got.sort_unstable();
        let mut want = expected.clone();
        want.sort_unstable();
        assert_eq!(got, want);
    }
    for (field, counts) in &found.facets.0 {
        for c in counts {
            let brute = docs
                .iter()
                .filter(|d| passes(d, &filters, Some(field)) && d.has_facet(field, &c.value))
                .count();
            assert_eq!(
                c.count as usize, brute,
                "{field}={} under {filters:?}",
                c.value
            );
        }
    }
    // The facets() call without a query agrees with browsing.
    assert_eq!(catalog.facets(&filters).unwrap(), found.facets);
    // Compact answers (what JavaScript assembles) say what the JSON answers say.
    let mut a = assembler();
    let json = parse(&catalog.facets_json(&filters).unwrap());
    assert_eq!(a.facets(catalog.index(), &filters).unwrap(), json);
    let json = parse(&catalog.search_json("", &opts).unwrap());
    assert_eq!(a.search(catalog.index(), "", &opts).unwrap(), json);
});
