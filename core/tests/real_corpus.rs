//! Invariants of the real corpus in `corpus/`: what the product promises its readers.

use std::collections::HashSet;
use treatykit_core::authoring::compile_dir;
use treatykit_core::format::{decode, encode};
use treatykit_core::schema::{CategoryGroup, Corpus};

fn corpus() -> Corpus {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    match compile_dir(&dir) {
        Ok(c) => c.corpus,
        Err(problems) => panic!(
            "corpus/ is invalid:\n{}",
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

#[test]
fn it_holds_the_twenty_seed_resources_in_seed_order() {
    let c = corpus();
    assert_eq!(c.resources.len(), 20);
    let seeds: Vec<u16> = c.resources.iter().map(|r| r.seed).collect();
    assert_eq!(seeds, (1..=20).collect::<Vec<_>>());
    assert_eq!(
        c.resources[0].title,
        "Vienna Convention on Consular Relations"
    );
}

#[test]
fn it_holds_at_least_45_instruments_23_objectives_10_principles_and_9_mimc_categories() {
    let c = corpus();
    assert!(
        c.instruments.len() >= 45,
        "{} instruments",
        c.instruments.len()
    );
    assert_eq!(
        c.objectives.iter().map(|o| o.number).collect::<Vec<_>>(),
        (1..=23).collect::<Vec<_>>()
    );
    assert_eq!(c.principles.len(), 10);
    assert_eq!(
        c.categories
            .iter()
            .filter(|x| x.group == CategoryGroup::Mimc)
            .count(),
        9
    );
    let mimc = c.convention.as_ref().expect("the MIMC record");
    assert_eq!((mimc.article_count, mimc.chapter_count), (213, 8));
    assert_eq!(c.chapters.len(), 8);
}

#[test]
fn no_mimc_article_number_is_invented() {
    let c = corpus();
    assert!(
        c.articles.is_empty(),
        "MIMC articles appear only with a sourced text"
    );
}

#[test]
fn low_confidence_resources_say_what_is_uncertain() {
    for r in corpus()
        .resources
        .iter()
        .filter(|r| r.confidence != treatykit_core::schema::Confidence::High)
    {
        assert!(
            r.confidence_note.as_deref().is_some_and(|n| n.len() > 10),
            "{}",
            r.id
        );
    }
}

#[test]
fn every_reference_resolves_and_every_record_has_a_source() {
    let c = corpus();
    let instruments: HashSet<&str> = c.instruments.iter().map(|i| i.id.as_str()).collect();
    let categories: HashSet<&str> = c.categories.iter().map(|i| i.id.as_str()).collect();
    for r in &c.rights {
        assert!(!r.anchors.is_empty(), "{} has no anchor", r.id);
        for a in &r.anchors {
            assert!(
                instruments.contains(a.instrument.as_str()),
                "{} → {}",
                r.id,
                a.instrument
            );
        }
        for h in &r.holders {
            assert!(categories.contains(h.as_str()), "{} → {h}", r.id);
        }
    }
    for i in &c.instruments {
        assert!(!i.sources.is_empty() && !i.url.is_empty(), "{}", i.id);
        if let Some(p) = &i.parties {
            assert!(
                p.count.is_none() || p.as_of.is_some() || (!p.verified && p.note.is_some()),
                "{}: count without date, and not flagged as undated",
                i.id
            );
        }
    }
    for r in &c.resources {
        assert!(!r.sources.is_empty(), "{}", r.id);
    }
}

#[test]
fn the_real_corpus_survives_a_round_trip_through_the_binary_format() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let compiled = compile_dir(&dir).unwrap();
    assert_eq!(decode(&encode(&compiled)).unwrap(), compiled);
}

#[test]
fn party_count_dates_say_no_more_than_the_reference_facts() {
    // What /work/shared/facts gives (verification.md wins over corpus.json): a range, an
    // approximate year, or no date at all for an undated source.
    let c = corpus();
    for (id, as_of) in [
        ("oau-1969", Some("c. 2019–2024")), // corpus.json: "c. 2019-2024 (date not shown)"
        ("ilo-c189", Some("c. 2023")),      // corpus.json: "c. 2023 (date not shown)"
        ("achpr", None),                    // verification.md: "undated"
        ("iccpr", Some("c. 2023–2024")), // verification.md: "c. 2023–2024 (infobox date not shown)"
        ("unclos", Some("2024–2025")),   // corpus.json: "2024-2025"
    ] {
        let i = c.instruments.iter().find(|i| i.id == id).expect(id);
        let p = i.parties.as_ref().expect(id);
        assert_eq!(p.as_of.as_deref(), as_of, "{id}");
        assert!(p.count.is_some(), "{id}: the count stays");
        assert!(
            p.note.is_some(),
            "{id}: the note explaining the dating stays"
        );
    }
}

/// The reference facts (`shared/`): `$TREATYKIT_SHARED_DIR`, else `../shared` beside the
/// project, where every developer and CI run has it; `None` when neither exists.
fn shared_dir() -> Option<std::path::PathBuf> {
    let beside = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    std::env::var_os("TREATYKIT_SHARED_DIR")
        .map(std::path::PathBuf::from)
        .or(Some(beside))
        .filter(|d| d.join("facts/rights.json").is_file())
}

#[test]
fn right_names_of_more_than_three_words_are_our_own_words_not_the_catalogues() {
    let Some(dir) = shared_dir() else {
        eprintln!("skipped: no shared/facts/rights.json (set TREATYKIT_SHARED_DIR)");
        return;
    };
    let text = std::fs::read_to_string(dir.join("facts/rights.json")).unwrap();
    let facts: serde_json::Value = serde_json::from_str(&text).unwrap();
    let theirs: std::collections::HashMap<&str, &str> = facts["rights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["name"].as_str().unwrap()))
        .collect();
    // Terms of art, kept as the law says them.
    let terms = [
        "Adequate standard of living",
        "Best interests of the child",
        "Recovery and reflection period",
        "Right to seek asylum",
    ];
    let c = corpus();
    let copied: Vec<&str> = c
        .rights
        .iter()
        .filter(|r| r.name.split_whitespace().count() > 3 && !terms.contains(&r.name.as_str()))
        .filter(|r| theirs.get(r.id.as_str()) == Some(&r.name.as_str()))
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(copied, Vec::<&str>::new(), "names copied from rights.json");
}

#[test]
fn searchable_text_puts_art_only_before_article_numbers() {
    let docs = treatykit_core::corpus_docs::documents(&corpus());
    let units = [
        "para",
        "Preamble",
        "Annex",
        "Protocol",
        "Guideline",
        "Rule",
        "Principle",
        "Chapter",
    ];
    let mut numbers = 0;
    for d in &docs {
        for f in &d.fields {
            let t = &f.text;
            for (at, _) in t.match_indices("rt. ") {
                let after = &t[at + 4..];
                assert!(
                    !units.iter().any(|u| after.starts_with(u)),
                    "{}: art. {:?}",
                    d.id,
                    after.chars().take(30).collect::<String>()
                );
                numbers += usize::from(after.starts_with(|c: char| c.is_ascii_digit()));
            }
        }
    }
    assert!(numbers > 300, "{numbers} article numbers cited");
}

#[test]
fn hits_of_instruments_whose_link_is_unchecked_say_so_and_no_other_hit_does() {
    use treatykit_core::catalog::Catalog;
    use treatykit_core::search::{Filters, SearchOptions};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let compiled = compile_dir(&dir).unwrap();
    let cat = Catalog::from_bytes(&encode(&compiled)).expect("decodes");
    // Every record, as JavaScript sees its hit (browsing: an empty query, every page).
    let mut hits: Vec<serde_json::Value> = Vec::new();
    loop {
        let opts = SearchOptions {
            limit: 100,
            offset: hits.len(),
            filters: Filters::default(),
            fuzzy: true,
        };
        let page: serde_json::Value =
            serde_json::from_str(&cat.search_json("", &opts).expect("browse")).unwrap();
        let page = page["hits"].as_array().expect("hits").clone();
        let n = page.len();
        hits.extend(page);
        if n < 100 {
            break;
        }
    }
    assert_eq!(
        hits.len(),
        cat.documents().len(),
        "browsing lists every record"
    );
    let mut unchecked = 0;
    for hit in &hits {
        let id = hit["id"].as_str().unwrap();
        let expected = match compiled.corpus.instruments.iter().find(|i| i.id == id) {
            Some(i) if !i.url_checked => {
                unchecked += 1;
                Some(serde_json::Value::Bool(false))
            }
            _ => None,
        };
        assert_eq!(
            hit.get("urlChecked").cloned(),
            expected,
            "{id}: `urlChecked: false` exactly on hits whose `url` is unchecked"
        );
        if expected.is_some() {
            assert!(hit.get("url").is_some(), "{id}: the link itself stays");
        }
    }
    assert!(unchecked > 0, "the real corpus has unchecked links");
}
