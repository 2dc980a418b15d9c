//! An arbitrary query string and options → search on the fixture catalog: never a panic; an
//! over-long query is `QUERY_TOO_LONG` and a bad limit `INVALID_ARGUMENT`; a page holds
//! `min(limit, total - offset)` hits, best first, with highlights inside their snippets on
//! character boundaries; facet counts equal a brute-force count over the match set; the same
//! call gives the same answer; the compact answer, assembled with what earlier runs sent, equals
//! the JSON answer.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use treatykit_core::Code;
use treatykit_core::search::{MAX_LIMIT, SearchOptions};
use treatykit_fuzz::{assembler, catalog, check_hits, docs_by_id, parse};

#[derive(Debug, Arbitrary)]
struct Input {
    query: String,
    limit: u8,
    offset: u16,
    fuzzy: bool,
}

fuzz_target!(|input: Input| {
    let catalog = catalog();
    let opts = SearchOptions {
        limit: usize::from(input.limit),
        offset: usize::from(input.offset),
        fuzzy: input.fuzzy,
        ..SearchOptions::default()
    };
    let found = match catalog.search(&input.query, &opts) {
        Ok(found) => found,
        Err(e) => {
            let bad_limit = opts.limit == 0 || opts.limit > MAX_LIMIT;
            let expected = if bad_limit {
                Code::InvalidArgument
            } else {
                Code::QueryTooLong
            };
            assert_eq!(e.code, expected, "{e}");
            return;
        }
    };
    assert_eq!(
        found.hits.len(),
        opts.limit.min(found.total.saturating_sub(opts.offset))
    );
    check_hits(&found);
    assert_eq!(
        found,
        catalog.search(&input.query, &opts).unwrap(),
        "deterministic"
    );
    // The compact answer (what JavaScript assembles, with everything sent so far) says what
    // the JSON answer says.
    let assembled = assembler()
        .search(catalog.index(), &input.query, &opts)
        .unwrap();
    let json = parse(&catalog.search_json(&input.query, &opts).unwrap());
    assert_eq!(assembled, json, "compact and JSON answers agree");

    // Facet counts against a brute-force count over the whole match set (no filters here).
    let all_opts = SearchOptions {
        limit: MAX_LIMIT,
        offset: 0,
        ..opts.clone()
    };
    let all = catalog.search(&input.query, &all_opts).unwrap();
    assert_eq!(all.total, found.total);
    if all.total <= MAX_LIMIT {
        let docs = docs_by_id();
        for (field, counts) in &all.facets.0 {
            for c in counts {
                let brute = all
                    .hits
                    .iter()
                    .filter(|h| docs[&h.id].has_facet(field, &c.value))
                    .count();
                assert_eq!(c.count as usize, brute, "{field}={}", c.value);
            }
            let counted: usize = counts.len();
            let mut values: Vec<&str> = all
                .hits
                .iter()
                .flat_map(|h| docs[&h.id].facets.iter())
                .filter(|f| &f.field == field)
                .map(|f| f.value.as_str())
                .collect();
            values.sort_unstable();
            values.dedup();
            assert_eq!(
                counted,
                values.len(),
                "every value of {field} in the match set is counted"
            );
        }
    }
});
