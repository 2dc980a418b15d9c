//! An arbitrary query string and options → search on the fixture catalog: never a panic, a page
//! no longer than `limit`, scores best first, and the same answer twice.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use treatykit_core::search::SearchOptions;
use treatykit_fuzz::catalog;

#[derive(Debug, Arbitrary)]
struct Input {
    query: String,
    limit: u8,
    offset: u16,
}

fuzz_target!(|input: Input| {
    let catalog = catalog();
    let opts = SearchOptions {
        limit: usize::from(input.limit),
        offset: usize::from(input.offset),
    };
    let found = catalog.search(&input.query, &opts);
    assert!(found.hits.len() <= opts.limit);
    assert!(found.hits.len() <= found.total.saturating_sub(opts.offset));
    for pair in found.hits.windows(2) {
        assert!(pair[0].score >= pair[1].score, "hits best first");
    }
    assert_eq!(found, catalog.search(&input.query, &opts), "deterministic");
});
