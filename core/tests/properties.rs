//! Properties that must hold for every input, checked with proptest on the fixture corpus
//! (`core/tests/fixtures/mini`): search never panics and is deterministic, hits come best first,
//! facet counts equal a brute-force count, and the binary format round-trips and never panics on
//! corrupted bytes. Case counts are modest so `cargo test` stays fast; the fuzz targets in
//! `fuzz/` run the same checks for millions of inputs.

use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;
use treatykit_core::catalog::Catalog;
use treatykit_core::facets::{FacetField, FacetIndex, FacetPosting};
use treatykit_core::format::{self, Compiled};
use treatykit_core::search::SearchOptions;
use treatykit_core::{Code, authoring};

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
    (0usize..30, 0usize..30).prop_map(|(limit, offset)| SearchOptions { limit, offset })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn search_never_panics_on_arbitrary_strings(q in any::<String>(), opts in options()) {
        let found = catalog().search(&q, &opts);
        prop_assert!(found.hits.len() <= opts.limit);
    }

    #[test]
    fn search_pages_hold_at_most_limit_hits_and_agree_with_total(q in query(), opts in options()) {
        let found = catalog().search(&q, &opts);
        prop_assert!(found.hits.len() <= opts.limit);
        prop_assert_eq!(found.hits.len(), found.total.saturating_sub(opts.offset).min(opts.limit));
        prop_assert!(found.total <= catalog().documents().len());
    }

    #[test]
    fn hits_are_sorted_by_score_best_first(q in query()) {
        let all = SearchOptions { limit: usize::MAX, offset: 0 };
        let found = catalog().search(&q, &all);
        for pair in found.hits.windows(2) {
            prop_assert!(pair[0].score >= pair[1].score, "{} < {}", pair[0].score, pair[1].score);
        }
        for hit in &found.hits {
            prop_assert!(hit.score.is_finite() && hit.score > 0.0, "score {}", hit.score);
        }
    }

    #[test]
    fn the_same_query_always_gives_the_same_answer(q in query(), opts in options()) {
        let first = catalog().search(&q, &opts);
        prop_assert_eq!(&first, &catalog().search(&q, &opts));
        // A freshly decoded catalog of the same bytes answers the same.
        let again = Catalog::from_bytes(&fixture().1).unwrap();
        prop_assert_eq!(&first, &again.search(&q, &opts));
    }

    #[test]
    fn pages_concatenate_to_the_full_ranking(q in query(), size in 1usize..5) {
        let full = catalog().search(&q, &SearchOptions { limit: usize::MAX, offset: 0 });
        let mut paged = Vec::new();
        let mut offset = 0;
        while offset < full.total {
            let page = catalog().search(&q, &SearchOptions { limit: size, offset });
            prop_assert_eq!(page.total, full.total);
            paged.extend(page.hits);
            offset += size;
        }
        prop_assert_eq!(paged, full.hits);
    }

    #[test]
    fn facet_counts_equal_a_brute_force_count(members in prop::collection::vec(any::<bool>(), 0..64)) {
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
            // Re-sign the corrupted payload so the postcard decoder itself sees the damage.
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
        let found = catalog().search(&q, &SearchOptions::default());
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
