//! Properties that must hold for every input, checked with proptest on the fixture corpus
//! (`core/tests/fixtures/mini`): search never panics and is deterministic, hits come best first,
//! every highlight lies inside its snippet on character boundaries, filters and facet counts
//! equal a brute-force count, and the binary format round-trips and never panics on corrupted
//! bytes. Case counts are modest so `cargo test` stays fast; the fuzz targets in
//! `fuzz/` run the same checks for millions of inputs.

use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;
use treatykit_core::catalog::Catalog;
use treatykit_core::corpus_docs::FACET_VALUE_ALIASES;
use treatykit_core::document::Document;
use treatykit_core::facets::{FacetField, FacetIndex, FacetPosting};
use treatykit_core::format::{self, Compiled};
use treatykit_core::reference;
use treatykit_core::search::{Filters, MAX_LIMIT, SearchOptions, SearchResults};
use treatykit_core::{Code, JsClass, authoring};

fn fixture() -> &'static (Compiled, Vec<u8>, Catalog) {
    static FIXTURE: OnceLock<(Compiled, Vec<u8>, Catalog)> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        let compiled = authoring::compile_dir(&dir).expect("the fixture validates");
        let bytes = format::encode(&compiled);
        let catalog = Catalog::from_bytes(&bytes).expect("the fixture decodes");
        (compiled, bytes, catalog)
    })
}

fn catalog() -> &'static Catalog {
    &fixture().2
}

/// Words of the fixture's own text, so generated queries often match something.
fn vocabulary() -> &'static [String] {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<String> = catalog()
            .documents()
            .iter()
            .flat_map(|d| d.fields.iter())
            .flat_map(|f| f.text.split_whitespace())
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
            .filter(|w| !w.is_empty())
            .collect();
        words.sort();
        words.dedup();
        words
    })
}

/// Queries people and attackers type: corpus words and their prefixes, mixed case, with
/// punctuation, quotes, operators, combining marks, emoji, NUL and other control characters.
fn query() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        4 => (0..vocabulary().len(), 1usize..12).prop_map(|(i, n)| {
            vocabulary()[i].chars().take(n).collect::<String>()
        }),
        1 => "\\PC{1,8}",
        1 => prop::sample::select(vec![
            "\"", "-", "*", "~", "AND", "OR", "NOT", "\u{0}", "\u{301}", "é", "İ", "ß", "🇺🇳",
            "\u{200b}", "\u{fffd}", "ｒｅｆｕｇｅｅ", "<script>", "(", ")", ":",
        ])
        .prop_map(str::to_string),
    ];
    let sep = prop::sample::select(vec![" ", "  ", "-", "\t", ",", "\n", ""]);
    prop::collection::vec((word, sep), 0..6).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(w, s)| format!("{w}{s}"))
            .collect::<String>()
    })
}

fn options() -> impl Strategy<Value = SearchOptions> {
    (1usize..=30, 0usize..30, any::<bool>()).prop_map(|(limit, offset, fuzzy)| SearchOptions {
        limit,
        offset,
        fuzzy,
        ..SearchOptions::default()
    })
}

/// Every document of the fixture, in one page.
fn everything() -> SearchOptions {
    SearchOptions {
        limit: MAX_LIMIT,
        ..SearchOptions::default()
    }
}

fn search(q: &str, opts: &SearchOptions) -> SearchResults {
    catalog()
        .search(q, opts)
        .unwrap_or_else(|e| panic!("search({q:?}) failed: {e}"))
}

fn doc(id: &str) -> &'static Document {
    catalog()
        .documents()
        .iter()
        .find(|d| d.id == id)
        .expect("a hit is a document")
}

/// Filters over the fixture's real facet fields and values (and some unknown values), with an
/// optional year range.
fn filters() -> impl Strategy<Value = Filters> {
    let filterable: Vec<&str> = catalog().index().facet_fields().collect();
    let fields: Vec<(String, Vec<String>)> = catalog()
        .facet_index()
        .fields
        .iter()
        .filter(|f| filterable.contains(&f.name.as_str()))
        .map(|f| {
            let mut values: Vec<String> = f.values.iter().map(|v| v.value.clone()).collect();
            values.push("no-such-value".into());
            // The other names filters may give values (`binding: true`).
            values.extend(
                FACET_VALUE_ALIASES
                    .iter()
                    .filter(|(field, ..)| *field == f.name)
                    .map(|(_, alias, _)| alias.to_string()),
            );
            (f.name.clone(), values)
        })
        .collect();
    let field = prop::sample::select(fields).prop_flat_map(|(name, values)| {
        prop::sample::subsequence(values.clone(), 0..=values.len().min(3))
            .prop_map(move |chosen| (name.clone(), chosen))
    });
    (
        prop::collection::vec(field, 0..3),
        prop::option::of(1940i64..2030),
        prop::option::of(1940i64..2030),
    )
        .prop_map(|(mut fields, year_from, year_to)| {
            // A JavaScript object names each field once.
            let mut seen = std::collections::HashSet::new();
            fields.retain(|(name, _)| seen.insert(name.clone()));
            Filters {
                fields,
                year_from,
                year_to,
            }
        })
}

/// Does `doc` pass `filters`, ignoring the filter of field `except`?
fn passes(doc: &Document, filters: &Filters, except: Option<&str>) -> bool {
    reference::passes(catalog(), doc, filters, except)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn search_never_panics_on_arbitrary_strings(q in any::<String>(), opts in options()) {
        match catalog().search(&q, &opts) {
            Ok(found) => prop_assert!(found.hits.len() <= opts.limit),
            Err(e) => prop_assert_eq!((e.code, e.class), (Code::QueryTooLong, JsClass::RangeError)),
        }
    }

    #[test]
    fn search_pages_hold_at_most_limit_hits_and_agree_with_total(q in query(), opts in options()) {
        let found = search(&q, &opts);
        prop_assert_eq!(found.hits.len(), found.total.saturating_sub(opts.offset).min(opts.limit));
        prop_assert!(found.total <= catalog().documents().len());
    }

    #[test]
    fn a_limit_outside_1_to_100_is_a_range_error(q in query(), limit in prop_oneof![Just(0usize), 101usize..10_000]) {
        let opts = SearchOptions { limit, ..SearchOptions::default() };
        let e = catalog().search(&q, &opts).expect_err("bad limit");
        prop_assert_eq!((e.code, e.class), (Code::InvalidArgument, JsClass::RangeError));
    }

    #[test]
    fn hits_are_sorted_by_score_best_first(q in query(), fuzzy in any::<bool>()) {
        let found = search(&q, &SearchOptions { fuzzy, ..everything() });
        for pair in found.hits.windows(2) {
            prop_assert!(
                pair[0].score >= pair[1].score,
                "{} ({}) before {} ({})", pair[0].id, pair[0].score, pair[1].id, pair[1].score
            );
        }
        for hit in &found.hits {
            prop_assert!(hit.score.is_finite() && hit.score >= 0.0, "score {}", hit.score);
        }
    }

    #[test]
    fn every_highlight_lies_inside_its_snippet_on_character_boundaries(q in query()) {
        let found = search(&q, &everything());
        for hit in &found.hits {
            let units: Vec<u16> = hit.snippet.encode_utf16().collect();
            let on_boundary = |i: usize| i == units.len() || !(0xDC00..0xE000).contains(&units[i]);
            let mut last_end = 0;
            for &[start, end] in &hit.highlights {
                let (start, end) = (start as usize, end as usize);
                prop_assert!(start < end && end <= units.len(), "{start}..{end} in {} units", units.len());
                prop_assert!(on_boundary(start) && on_boundary(end), "{start}..{end} splits a character");
                prop_assert!(start >= last_end, "highlights are ordered and apart");
                // The highlighted text is a whole piece of the snippet, as JavaScript slices it.
                prop_assert!(String::from_utf16(&units[start..end]).is_ok());
                last_end = end;
            }
        }
    }

    #[test]
    fn the_same_query_always_gives_the_same_answer(q in query(), other in query(), opts in options()) {
        let first = search(&q, &opts);
        prop_assert_eq!(&first, &search(&q, &opts));
        // Nothing carries over from one search to the next.
        let _ = catalog().search(&other, &SearchOptions::default());
        prop_assert_eq!(&first, &search(&q, &opts));
        // A freshly decoded catalog of the same bytes answers the same.
        let again = Catalog::from_bytes(&fixture().1).unwrap();
        prop_assert_eq!(&first, &again.search(&q, &opts).unwrap());
    }

    #[test]
    fn pages_concatenate_to_the_full_ranking(q in query(), size in 1usize..5) {
        let full = search(&q, &everything());
        let mut paged = Vec::new();
        let mut offset = 0;
        while offset < full.total {
            let page = search(&q, &SearchOptions { limit: size, offset, ..SearchOptions::default() });
            prop_assert_eq!(page.total, full.total);
            paged.extend(page.hits);
            offset += size;
        }
        prop_assert_eq!(paged, full.hits);
    }

    #[test]
    fn filtered_browsing_returns_exactly_the_documents_that_pass(f in filters()) {
        let found = search("", &SearchOptions { filters: f.clone(), ..everything() });
        let mut want: Vec<&str> = catalog()
            .documents()
            .iter()
            .filter(|d| passes(d, &f, None))
            .map(|d| d.id.as_str())
            .collect();
        let mut got: Vec<&str> = found.hits.iter().map(|h| h.id.as_str()).collect();
        want.sort_unstable();
        got.sort_unstable();
        prop_assert_eq!(found.total, want.len());
        prop_assert_eq!(got, want);
    }

    #[test]
    fn facet_counts_equal_a_brute_force_disjunctive_count(f in filters()) {
        let found = search("", &SearchOptions { filters: f.clone(), ..everything() });
        for (field, counts) in &found.facets.0 {
            let mut brute: std::collections::BTreeMap<&str, u32> = Default::default();
            for d in catalog().documents().iter().filter(|d| passes(d, &f, Some(field))) {
                for v in d.facets.iter().filter(|x| &x.field == field) {
                    *brute.entry(v.value.as_str()).or_default() += 1;
                }
            }
            let got: std::collections::BTreeMap<&str, u32> =
                counts.iter().map(|c| (c.value.as_str(), c.count)).collect();
            prop_assert_eq!(got, brute, "field {} under {:?}", field, f);
        }
        prop_assert_eq!(&catalog().facets(&f).unwrap(), &found.facets);
    }

    #[test]
    fn facet_counts_of_a_query_count_its_matches(q in query()) {
        let found = search(&q, &everything());
        for (field, counts) in &found.facets.0 {
            for c in counts {
                let brute = found.hits.iter().filter(|h| doc(&h.id).has_facet(field, &c.value)).count();
                prop_assert_eq!(c.count as usize, brute, "{}={} for {:?}", field, c.value, q);
            }
        }
    }

    #[test]
    fn precomputed_facet_postings_count_like_a_brute_force_count(members in prop::collection::vec(any::<bool>(), 0..64)) {
        let cat = catalog();
        let member = |d: u32| members.get(d as usize).copied().unwrap_or(false);
        for field in &cat.facet_index().fields {
            let counts = cat.facet_index().counts(&field.name, member);
            for c in &counts {
                let brute = cat
                    .documents()
                    .iter()
                    .enumerate()
                    .filter(|(n, d)| member(*n as u32) && d.has_facet(&field.name, &c.value))
                    .count();
                prop_assert_eq!(c.count as usize, brute, "{}={}", field.name, c.value);
            }
            // Every value carried by a member document is counted.
            let brute_values: std::collections::BTreeSet<&str> = cat
                .documents()
                .iter()
                .enumerate()
                .filter(|(n, _)| member(*n as u32))
                .flat_map(|(_, d)| d.facets.iter())
                .filter(|f| f.field == field.name)
                .map(|f| f.value.as_str())
                .collect();
            let counted: std::collections::BTreeSet<&str> =
                counts.iter().map(|c| c.value.as_str()).collect();
            prop_assert_eq!(counted, brute_values);
        }
    }

    #[test]
    fn decode_of_encode_is_the_identity(
        title in any::<String>(),
        summary in "\\PC{0,200}",
        fields in prop::collection::vec(
            ("\\PC{0,12}", prop::collection::vec(("\\PC{0,12}", any::<String>(), prop::collection::vec(any::<u32>(), 0..8)), 0..4)),
            0..4,
        ),
    ) {
        let mut compiled = fixture().0.clone();
        if let Some(r) = compiled.corpus.resources.first_mut() {
            r.title = title;
            r.summary = summary;
        }
        compiled.facets = FacetIndex {
            fields: fields
                .into_iter()
                .map(|(name, values)| FacetField {
                    name,
                    values: values
                        .into_iter()
                        .map(|(value, label, docs)| FacetPosting { value, label, docs })
                        .collect(),
                })
                .collect(),
        };
        prop_assert_eq!(format::decode(&format::encode(&compiled)).unwrap(), compiled);
    }

    #[test]
    fn decode_never_panics_on_mutated_bytes(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
        fix_checksum in any::<bool>(),
    ) {
        let mut bytes = fixture().1.clone();
        for (at, x) in &edits {
            let i = at.index(bytes.len());
            bytes[i] ^= x.max(&1);
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        if fix_checksum && bytes.len() >= 18 {
            // Re-sign the corrupted payload so the payload reader itself sees the damage.
            let n = bytes.len();
            let len = (n - 18) as u32;
            bytes[10..14].copy_from_slice(&len.to_le_bytes());
            let sum = format::checksum(&bytes[14..n - 4]);
            bytes[n - 4..].copy_from_slice(&sum.to_le_bytes());
        }
        match Catalog::from_bytes(&bytes) {
            Ok(cat) => {
                // Survived corruption: still answers without a panic.
                let _ = cat.search("refugee", &SearchOptions::default());
                let _ = cat.search("", &SearchOptions::default());
            }
            Err(e) => prop_assert_eq!(e.code, Code::CorpusInvalid),
        }
    }

    #[test]
    fn decode_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        if let Err(e) = format::decode(&bytes) {
            prop_assert_eq!(e.code, Code::CorpusInvalid);
        }
        let mut with_magic = format::MAGIC.to_vec();
        with_magic.extend_from_slice(&bytes);
        if let Err(e) = format::decode(&with_magic) {
            prop_assert_eq!(e.code, Code::CorpusInvalid);
        }
    }
}

#[test]
fn generated_queries_often_find_hits_so_the_properties_are_not_vacuous() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = query();
    let (mut with_hits, mut with_several) = (0, 0);
    for _ in 0..300 {
        let q = strategy.new_tree(&mut runner).unwrap().current();
        let found = search(&q, &SearchOptions::default());
        with_hits += usize::from(found.total > 0);
        with_several += usize::from(found.total > 1);
    }
    assert!(
        with_hits >= 60,
        "only {with_hits}/300 generated queries found anything"
    );
    assert!(
        with_several >= 20,
        "only {with_several}/300 found several hits"
    );
}

#[test]
fn a_search_does_not_depend_on_the_searches_before_it() {
    // Found by the fuzz target query_search: fuzzy-matcher's reused score matrix made the
    // "jump to" score of a title depend on the previous search.
    let opts = SearchOptions {
        limit: 71,
        fuzzy: false,
        ..SearchOptions::default()
    };
    // The fuzzer's own query (control and combining characters around an abbreviation) and a
    // plain abbreviation: whatever each finds, it finds the same after another search.
    for query in ["\u{98}MMc'\u{a0}\u{5bc}", "mimc chap"] {
        let before = search(query, &opts);
        let _ = search("crossRefugee", &SearchOptions::default());
        assert_eq!(search(query, &opts), before, "{query:?}");
    }
    assert!(
        search("mimc chap", &opts).total > 0,
        "the abbreviation finds the MIMC chapters"
    );
}
