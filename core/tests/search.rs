//! Search on the real embedded corpus (`corpus/`): typos, prefixes, phrases, exclusions,
//! filters, facet counts checked against brute force, the relaxed fallback, "jump to" names,
//! browsing and paging.

mod common;
use common::marked;
use std::collections::BTreeSet;
use std::sync::OnceLock;
use treatykit_core::catalog::Catalog;
use treatykit_core::document::{Document, Value};
use treatykit_core::search::compact::{Compact, Delivered};
use treatykit_core::search::text;
use treatykit_core::search::{Filters, Hit, SearchOptions, SearchResults};
use treatykit_core::{Code, JsClass, authoring, format};

fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
        let compiled = authoring::compile_dir(&dir).unwrap_or_else(|e| panic!("corpus: {e:?}"));
        Catalog::from_bytes(&format::encode(&compiled)).expect("decodes")
    })
}

fn search(q: &str) -> SearchResults {
    catalog()
        .search(q, &SearchOptions::default())
        .expect("valid query")
}

fn with(q: &str, f: impl FnOnce(&mut SearchOptions)) -> SearchResults {
    let mut o = SearchOptions::default();
    f(&mut o);
    catalog().search(q, &o).expect("valid query")
}

fn ids(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.id.as_str()).collect()
}

fn doc(id: &str) -> &'static Document {
    catalog()
        .documents()
        .iter()
        .find(|d| d.id == id)
        .unwrap_or_else(|| panic!("no document {id}"))
}

/// Every folded term of a document, field by field.
fn field_terms(d: &Document) -> Vec<Vec<String>> {
    d.fields
        .iter()
        .map(|f| text::terms(&f.text))
        .chain(std::iter::once(
            d.short.iter().flat_map(|s| text::terms(s)).collect(),
        ))
        .collect()
}

fn has_term(d: &Document, t: &str) -> bool {
    field_terms(d).iter().any(|f| f.iter().any(|x| x == t))
}

/// Every document matching a query, in rank order (all pages).
fn all_hits(q: &str, filters: &Filters) -> Vec<Hit> {
    let mut out = Vec::new();
    loop {
        let page = with(q, |o| {
            o.limit = 100;
            o.offset = out.len();
            o.filters = filters.clone();
        });
        let n = page.hits.len();
        out.extend(page.hits);
        if n < 100 {
            return out;
        }
    }
}

#[test]
fn misspelled_words_find_what_they_meant() {
    let table: &[(&str, &[&str])] = &[
        (
            "refoulment",
            &["non-refoulement-refugees", "iom-non-refoulement-note-2014"],
        ),
        (
            "statelss",
            &[
                "statelessness-1954",
                "statelessness-1961",
                "stateless-persons-convention-1954",
            ],
        ),
        ("consualr", &["vccr", "vienna-consular-relations-1963"]),
        (
            "migrant workres",
            &["icrmw", "migrant-workers-convention-1990"],
        ),
        (
            "interntional law",
            &[
                "oxford-bibliographies-migration-2014",
                "iom-gcm-international-law-paper",
            ],
        ),
        (
            "statelessnes",
            &["statelessness-1954", "statelessness-1961"],
        ),
    ];
    for (q, want) in table {
        let r = search(q);
        assert!(!r.relaxed, "{q}: every word matches within typo distance");
        let top: Vec<&str> = ids(&r.hits).into_iter().take(3).collect();
        assert!(
            want.iter().any(|w| top.contains(w)),
            "{q}: top 3 {top:?} should include one of {want:?}"
        );
    }
}

#[test]
fn typos_are_bounded_by_word_length_and_never_beat_exact_words() {
    // "refugee" is a word of the corpus: results only use the word itself (and completions).
    let r = search("refugee");
    assert!(r.hits.iter().all(|h| {
        has_term(doc(&h.id), "refugee")
            || field_terms(doc(&h.id))
                .iter()
                .flatten()
                .any(|t| t.starts_with("refugee"))
    }));
    // Three letters get no typo tolerance; "asylum" with one edit (4+ letters) does.
    assert_eq!(with("zzq ", |o| o.fuzzy = true).total, 0);
    assert!(search("aslyum").total > 0);
    // Fuzzy off: the typo finds nothing.
    assert_eq!(with("aslyum", |o| o.fuzzy = false).total, 0);
}

#[test]
fn the_word_being_typed_matches_by_prefix() {
    let r = search("refug");
    assert!(r.total > 0);
    assert!(ids(&r.hits).contains(&"refugee-convention") || ids(&r.hits).contains(&"refugee"));
    for h in all_hits("refug", &Filters::default()) {
        let d = doc(&h.id);
        assert!(
            field_terms(d)
                .iter()
                .flatten()
                .any(|t| t.starts_with("refug")),
            "{} has no word starting with refug",
            h.id
        );
    }
    // A trailing space ends the word: no completions; words within one edit, or titles it
    // abbreviates ("jump to").
    let ended = all_hits("refug ", &Filters::default());
    assert!(ended.len() < all_hits("refug", &Filters::default()).len());
    let q: Vec<char> = "refug".chars().collect();
    for h in &ended {
        let close = field_terms(doc(&h.id)).iter().flatten().any(|t| {
            let t: Vec<char> = t.chars().collect();
            treatykit_core::search::typo::osa_distance(&q, &t, 1).is_some()
        });
        let jump = h.title.to_lowercase().contains("refug");
        assert!(
            close || jump,
            "{} has no word within one edit of refug",
            h.id
        );
    }
}

#[test]
fn names_and_abbreviations_jump_to_their_instrument() {
    let table = [
        ("vccr", "vccr"),
        ("iccpr", "iccpr"),
        ("1951 conv", "refugee-convention"),
        ("stls conv", "statelessness-1954"),
        ("gcm", "gcm"),
        // Written with dots.
        ("U.D.H.R.", "udhr"),
        ("i.c.c.p.r", "iccpr"),
        ("U.N.C.L.O.S.", "unclos"),
    ];
    for (q, want) in table {
        assert_eq!(
            first_hit(q).0.as_deref(),
            Some(want),
            "{q}: {:?}",
            first_hit(q).2
        );
    }
}

/// Fails, naming the query `what` and every hit, unless `id` is the first hit of `r`.
fn assert_first(r: &SearchResults, id: &str, what: &str) {
    let first = r.hits.first().map(|h| h.id.as_str());
    assert_eq!(first, Some(id), "{what}: {:?}", ids(&r.hits));
}

/// For tests that collect every miss before failing: "q → the first three hits" when `q`
/// does not put `id` first.
fn miss_unless_first(q: &str, id: &str) -> Option<String> {
    let r = search(q);
    (r.hits.first().map(|h| h.id.as_str()) != Some(id)).then(|| {
        format!(
            "{q} → {:?}",
            ids(&r.hits).iter().take(3).collect::<Vec<_>>()
        )
    })
}

#[test]
fn every_short_name_alias_and_title_of_an_instrument_puts_that_instrument_first() {
    // However many records cite the name ("ICRMW" is cited by 65 rights, more strongly than
    // the instrument's own text uses it) and however many words it has.
    let mut checked = 0;
    for i in &catalog().corpus().instruments {
        let names = std::iter::once(&i.short_name)
            .chain(&i.aliases)
            .chain(std::iter::once(&i.title));
        for name in names {
            let Ok(r) = catalog().search(name, &SearchOptions::default()) else {
                // A title over the query limits cannot be searched whole.
                assert!(text::terms(name).len() > 32, "{name} refused");
                continue;
            };
            assert_first(&r, &i.id, name);
            checked += 1;
        }
    }
    assert!(checked > 200, "{checked} names");
}

#[test]
fn two_words_typed_without_the_space_between_them_find_what_the_phrase_finds() {
    for (joined, phrase) in [
        ("healthcare", "\"health care\""),
        ("humanrights", "\"human rights\""),
        ("familyreunification", "\"family reunification\""),
        ("forcedlabour", "\"forced labour\""),
        ("healthcare migrants", "\"health care\" migrants"),
    ] {
        let (a, b) = (search(joined), search(phrase));
        assert!(!b.hits.is_empty(), "{phrase} finds something");
        assert!(!a.relaxed, "{joined}");
        assert_eq!((a.total, ids(&a.hits)), (b.total, ids(&b.hits)), "{joined}");
    }
}

#[test]
fn a_known_word_run_together_with_a_misspelt_one_finds_the_two_words_side_by_side() {
    // (typed, the phrase it is read as): the answer is the phrase's, and says how it read it.
    for (typed, phrase) in [
        ("nonrefoulment", "non refoulement"),
        ("familyreunifcation", "family reunification"),
        ("humanrigths", "human rights"),
        ("asylumseekr", "asylum seeker"),
    ] {
        let (a, b) = (search(typed), search(&format!("\"{phrase}\"")));
        assert!(!b.hits.is_empty(), "{phrase} finds something");
        assert!(!a.relaxed, "{typed}");
        assert_eq!((a.total, ids(&a.hits)), (b.total, ids(&b.hits)), "{typed}");
        assert_eq!(a.corrected.as_deref(), Some(phrase), "{typed}");
    }
    // Only a reading whose two words are side by side in some record is taken.
    let side = index_of(&[
        ("side", "non refoulement applies"),
        ("apart", "refoulement is not non"),
    ]);
    assert_eq!(hits(&side, "nonrefoulment"), (owned(&["side"]), false));
    let apart = index_of(&[("apart", "refoulement is not non")]);
    assert_eq!(hits(&apart, "nonrefoulment"), (owned(&[]), false));
}

/// An index over `(id, text)` records, for behaviour the embedded corpus cannot show.
fn index_of(records: &[(&str, &str)]) -> treatykit_core::search::Index {
    let docs = records
        .iter()
        .map(|(id, text)| Document {
            id: id.to_string(),
            kind: "record".into(),
            title: id.to_string(),
            fields: vec![treatykit_core::document::TextField {
                name: "body".into(),
                boost: 1.0,
                text: text.to_string(),
            }],
            facets: Vec::new(),
            year: None,
            summary: Vec::new(),
            short: Vec::new(),
        })
        .collect();
    treatykit_core::search::Index::new(docs, &[])
}

/// The ids of the hits of `q` on `ix` (default options), and whether the answer is relaxed.
fn hits(ix: &treatykit_core::search::Index, q: &str) -> (Vec<String>, bool) {
    let r = ix.search(q, &SearchOptions::default()).unwrap();
    (r.hits.iter().map(|h| h.id.clone()).collect(), r.relaxed)
}

fn owned(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_gap_word_between_a_name_and_a_number_keeps_them_side_by_side() {
    // The same words at the same places; only where "UDHR" stands, and a list break, differ.
    let records = [
        ("a", "UDHR art. 8, CAT art. 14 later"),
        ("b", "CAT art. 8, UDHR art. 14 later"),
        ("c", "CAT art. 8, UDHR art; 14 later"),
    ];
    // Without gap words the three tie (by id).
    assert_eq!(
        hits(&index_of(&records), "udhr 14").0,
        owned(&["a", "b", "c"])
    );
    let ix = index_of(&records).with_gap_words(&["Art", "no", "not-a-word-here", "two words"]);
    for (q, want) in [
        // "art." does not part "UDHR" from "14"; across a list break the two are still a
        // pair, but not a whole run.
        ("udhr 14", ["b", "c", "a"]),
        // A gap word typed is a word like any other: "a" has both pairs too ("UDHR art",
        // "art. 14"), and "c" has its run of three only across the list break.
        ("udhr art 14", ["b", "a", "c"]),
        // "CAT art. 8" is one item in "b" and "c" alike (their list break comes later).
        ("cat 8", ["b", "c", "a"]),
        ("cat 14", ["a", "b", "c"]),
    ] {
        assert_eq!(hits(&ix, q).0, owned(&want), "{q}");
    }
}

#[test]
fn a_word_is_split_in_two_only_when_nothing_matches_it_and_then_where_the_two_are_adjacent() {
    let apart = [
        ("adjacent", "primary health care for all"),
        ("apart", "health and care"),
    ];
    let ix = index_of(&apart);
    assert_eq!(hits(&ix, "healthcare"), (owned(&["adjacent"]), false));
    assert_eq!(hits(&ix, "healthcare "), (owned(&["adjacent"]), false));
    // With fuzzy matching off, a word is taken as typed.
    let strict = ix
        .search(
            "healthcare",
            &SearchOptions {
                fuzzy: false,
                ..SearchOptions::default()
            },
        )
        .unwrap();
    assert_eq!(strict.total, 0);
    // A word of the index, a word being typed that has completions, and a misspelling with
    // typo matches are not split.
    let mut with_word = apart.to_vec();
    with_word.push(("joined", "healthcare as one word"));
    let ix = index_of(&with_word);
    assert_eq!(hits(&ix, "healthcare"), (owned(&["joined"]), false));
    assert_eq!(hits(&ix, "healthca"), (owned(&["joined"]), false));
    assert_eq!(hits(&ix, "healthcsre"), (owned(&["joined"]), false));
    // Of two ways to split a word, the more even one is taken: "res etup", not "re setup".
    let ix = index_of(&[("even", "res etup"), ("uneven", "re setup")]);
    assert_eq!(hits(&ix, "resetup"), (owned(&["even"]), false));
}

#[test]
fn two_words_also_match_the_one_word_they_make_together() {
    let ix = index_of(&[
        ("together", "primary healthcare for all"),
        ("apart", "health care at home"),
        ("health", "health only"),
        ("care", "care only"),
    ]);
    // Written apart first (the words themselves), then written together (like an alias).
    assert_eq!(
        hits(&ix, "health care"),
        (owned(&["apart", "together"]), false)
    );
    assert_eq!(
        hits(&ix, "health care "),
        (owned(&["apart", "together"]), false)
    );
    // One word is one word, and a quoted phrase matches its words exactly.
    assert_eq!(hits(&ix, "healthcare"), (owned(&["together"]), false));
    assert_eq!(hits(&ix, "\"health care\""), (owned(&["apart"]), false));
    // Neither word need occur in the index.
    let ix = index_of(&[
        ("together", "primary healthcare for all"),
        ("other", "a cat"),
    ]);
    assert_eq!(hits(&ix, "health care"), (owned(&["together"]), false));
    // On the embedded corpus: "every one" finds every record "everyone" finds, and more.
    let (joined, apart) = (search("everyone"), search("every one"));
    assert!(!joined.hits.is_empty() && !apart.relaxed);
    let apart_ids = ids(&apart.hits);
    for id in ids(&joined.hits) {
        assert!(apart_ids.contains(&id), "{id} in {apart_ids:?}");
    }
}

/// Every instrument's short name and aliases, with the instrument's id, as terms.
fn instrument_names() -> Vec<(&'static str, &'static str, Vec<String>)> {
    let mut out = Vec::new();
    for i in &catalog().corpus().instruments {
        for name in std::iter::once(&i.short_name).chain(&i.aliases) {
            out.push((i.id.as_str(), name.as_str(), text::terms(name)));
        }
    }
    out
}

/// `word` with its letters at `k` and `k + 1` swapped (one edit), unless they are the same
/// letter or the misspelling is itself a word of the corpus (then it is that word).
fn misspelt(word: &str, k: usize) -> Option<String> {
    let mut chars: Vec<char> = word.chars().collect();
    if k + 1 >= chars.len() || chars[k] == chars[k + 1] {
        return None;
    }
    chars.swap(k, k + 1);
    let typo: String = chars.into_iter().collect();
    let exact_only = SearchOptions {
        fuzzy: false,
        ..SearchOptions::default()
    };
    (catalog().search(&typo, &exact_only).unwrap().total == 0).then_some(typo)
}

#[test]
fn a_misspelt_short_name_puts_its_instrument_first() {
    // Every one-word short name or alias of four or more letters ("ICCPR", "CEDAW"), with its
    // last two letters swapped ("ICCRP"): one edit, so its typo candidates hold the name.
    let mut checked = 0;
    for (id, name, terms) in instrument_names() {
        let [word] = terms.as_slice() else {
            continue;
        };
        if word.len() < 4 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        let Some(typo) = misspelt(word, word.len() - 2) else {
            continue;
        };
        assert_first(&search(&typo), id, &format!("{typo} (for {name})"));
        checked += 1;
    }
    assert!(checked >= 5, "{checked} names");
}

/// The id of the first hit of `q`, whether the answer is relaxed, and every hit's id (for
/// failure messages).
fn first_hit(q: &str) -> (Option<String>, bool, Vec<String>) {
    let r = search(q);
    let all: Vec<String> = r.hits.iter().map(|h| h.id.clone()).collect();
    (all.first().cloned(), r.relaxed, all)
}

#[test]
fn numbers_and_abbreviations_find_what_visitors_type() {
    // (query, the first hit): chapter numbers in digits (titles have Roman numerals),
    // objective numbers, and words that citations abbreviate ("Art. 33", "A/RES/73/195").
    let first = [
        ("chapter 4", "mimc-chapter-4"),
        ("mimc chapter 7", "mimc-chapter-7"),
        ("chapter iv", "mimc-chapter-4"),
        ("objective 15", "objective-15"),
        ("objective 23", "objective-23"),
        ("gcm objective 23", "objective-23"),
        ("resolution 73/195", "gcm"),
        ("gcm", "gcm"),
    ];
    for (q, want) in first {
        let (got, relaxed, all) = first_hit(q);
        assert_eq!(
            (got.as_deref(), relaxed),
            (Some(want), false),
            "{q}: {all:?}"
        );
    }
    // Every word matches, through the abbreviation when the text has only that.
    let r = search("refugee convention article 33");
    assert!(!r.relaxed);
    assert!(
        ids(&r.hits).contains(&"non-refoulement-refugees"),
        "{:?}",
        ids(&r.hits)
    );
    for h in &all_hits("article 33", &Filters::default()) {
        let d = doc(&h.id);
        assert!(has_term(d, "article") || has_term(d, "art"), "{}", h.id);
        assert!(has_term(d, "33"), "{}", h.id);
    }
    // A spelling and an abbreviation find the same records as the other form.
    for (a, b) in [
        ("paragraph 16", "para 16"),
        ("labor migration", "labour migration"),
    ] {
        let set = |q: &str| -> BTreeSet<String> {
            all_hits(q, &Filters::default())
                .into_iter()
                .map(|h| h.id)
                .collect()
        };
        assert_eq!(set(a), set(b), "{a} / {b}");
        assert!(!search(a).relaxed && !set(a).is_empty(), "{a}");
    }
}

#[test]
fn quoted_phrases_match_their_words_in_order() {
    let words = ["status", "of", "refugees"];
    let hits = all_hits("\"status of refugees\"", &Filters::default());
    assert!(ids(&hits).contains(&"refugee-convention"));
    for h in &hits {
        let found = field_terms(doc(&h.id))
            .iter()
            .any(|f| f.windows(3).any(|w| w == words));
        assert!(found, "{} lacks the phrase", h.id);
    }
    // Same words out of order are not the phrase.
    let swapped = all_hits("\"refugees of status\"", &Filters::default());
    assert!(swapped.len() < hits.len());
}

#[test]
fn a_possessive_finds_what_the_bare_word_finds_and_marks_only_that_word() {
    // (possessive, the bare words): the same records in the same order, typed last or not.
    let table = [
        ("children's rights", "children rights"),
        ("migrant’s rights", "migrant rights"),
        ("rights of women's", "rights of women"),
        ("women's", "women"),
        ("the State's duties ", "the State duties "),
    ];
    for (possessive, bare) in table {
        let got = all_hits(possessive, &Filters::default());
        let want = all_hits(bare, &Filters::default());
        assert!(!want.is_empty(), "{bare}");
        assert_eq!(ids(&got), ids(&want), "{possessive}");
        assert_eq!(
            search(possessive).relaxed,
            search(bare).relaxed,
            "{possessive}"
        );
    }
    // No lone "s" is read as a word being typed: nothing but forms of "women" lights up.
    for h in search("women's").hits {
        for w in marked(&h.snippet, &h.highlights) {
            assert!(w.to_lowercase().starts_with("wom"), "{}: {w}", h.id);
        }
    }
}

#[test]
fn excluded_words_remove_documents_and_the_rest_is_exactly_the_brute_force_set() {
    let hits = all_hits("refugee -convention", &Filters::default());
    let got: BTreeSet<&str> = ids(&hits).into_iter().collect();
    let want: BTreeSet<&str> = catalog()
        .documents()
        .iter()
        // The embedded corpus matches a word's plural too (see `forms`).
        // And an excluded word's aliases too: "treaty" for "convention" (see `ALIASES`).
        .filter(|d| {
            (has_term(d, "refugee") || has_term(d, "refugees"))
                && !has_term(d, "convention")
                && !has_term(d, "treaty")
        })
        .map(|d| d.id.as_str())
        .collect();
    assert!(!want.is_empty());
    assert_eq!(got, want);
    // An excluded phrase.
    let no_phrase = all_hits("refugee -\"refugee convention\"", &Filters::default());
    assert!(no_phrase.len() < all_hits("refugee ", &Filters::default()).len());
}

fn passes(d: &Document, field: &str, values: &[String]) -> bool {
    values.is_empty() || values.iter().any(|v| d.has_facet(field, v))
}

fn year_ok(d: &Document, f: &Filters) -> bool {
    if f.year_from.is_none() && f.year_to.is_none() {
        return true;
    }
    d.year.is_some_and(|y| {
        f.year_from.is_none_or(|a| i64::from(y) >= a) && f.year_to.is_none_or(|b| i64::from(y) <= b)
    })
}

/// Checks totals and every facet count of `q` under `filters` against brute force over the
/// unfiltered match set.
fn check_facets(q: &str, filters: &Filters) {
    let matched: Vec<&Document> = all_hits(q, &Filters::default())
        .iter()
        .map(|h| doc(&h.id))
        .collect();
    let r = with(q, |o| o.filters = filters.clone());
    let all_pass = |d: &Document, except: Option<&str>| {
        filters
            .fields
            .iter()
            .filter(|(f, _)| Some(f.as_str()) != except)
            .all(|(f, v)| passes(d, f, v))
            && (except == Some("year") || year_ok(d, filters))
    };
    let total = matched.iter().filter(|d| all_pass(d, None)).count();
    assert_eq!(r.total, total, "{q} {filters:?}: total");
    for (field, counts) in &r.facets.0 {
        for c in counts {
            let want = matched
                .iter()
                .filter(|d| all_pass(d, Some(field)) && d.has_facet(field, &c.value))
                .count() as u32;
            assert_eq!(c.count, want, "{q} {filters:?}: {field}={}", c.value);
        }
        // No value with a positive count is missing.
        let listed: BTreeSet<&str> = counts.iter().map(|c| c.value.as_str()).collect();
        for d in matched.iter().filter(|d| all_pass(d, Some(field))) {
            for e in d.facets.iter().filter(|e| e.field == *field) {
                assert!(
                    listed.contains(e.value.as_str()),
                    "{q}: {field}={} missing",
                    e.value
                );
            }
        }
        // Sorted by count, then label.
        assert!(
            counts
                .windows(2)
                .all(|w| (w[1].count, &w[0].label) <= (w[0].count, &w[1].label))
        );
    }
}

#[test]
fn facet_counts_are_disjunctive_and_equal_brute_force_counts() {
    let f = |pairs: &[(&str, &[&str])], from: Option<i64>, to: Option<i64>| Filters {
        fields: pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect(),
        year_from: from,
        year_to: to,
    };
    let cases = [
        ("refugee", f(&[], None, None)),
        ("refugee", f(&[("kind", &["instrument"])], None, None)),
        (
            "migrant",
            f(
                &[
                    ("kind", &["instrument", "resource"]),
                    ("binding", &["binding"]),
                ],
                None,
                None,
            ),
        ),
        (
            "rights",
            f(
                &[("theme", &["refugee-protection"])],
                Some(1950),
                Some(1990),
            ),
        ),
        (
            "work",
            f(
                &[("gcmObjective", &["6"]), ("kind", &["instrument"])],
                None,
                Some(2000),
            ),
        ),
        (
            "",
            f(
                &[("kind", &["right"]), ("category", &["refugee"])],
                None,
                None,
            ),
        ),
        (
            "convention",
            f(&[("publisher", &["United Nations"])], Some(1960), None),
        ),
    ];
    for (q, filters) in &cases {
        check_facets(q, filters);
    }
}

#[test]
fn filters_are_or_within_a_field_and_and_across_fields() {
    let one = with("", |o| {
        o.filters.fields = vec![("kind".into(), vec!["instrument".into()])]
    })
    .total;
    let other = with("", |o| {
        o.filters.fields = vec![("kind".into(), vec!["resource".into()])]
    })
    .total;
    let both = with("", |o| {
        o.filters.fields = vec![("kind".into(), vec!["instrument".into(), "resource".into()])]
    })
    .total;
    assert_eq!(both, one + other);
    let narrowed = with("", |o| {
        o.filters.fields = vec![
            ("kind".into(), vec!["instrument".into()]),
            ("binding".into(), vec!["binding".into()]),
        ]
    });
    assert!(narrowed.total < one && narrowed.total > 0);
    assert!(narrowed.hits.iter().all(|h| h.kind == "instrument"));
    // An unknown value matches nothing; an empty list is no constraint.
    assert_eq!(
        with("", |o| o.filters.fields =
            vec![("kind".into(), vec!["nope".into()])])
        .total,
        0
    );
    assert_eq!(
        with("", |o| o.filters.fields = vec![("kind".into(), vec![])]).total,
        catalog().documents().len()
    );
}

#[test]
fn the_binding_filter_takes_true_and_false_as_an_instruments_binding_field_reads() {
    let total = |values: &[&str]| {
        with("", |o| {
            o.filters.fields = vec![(
                "binding".into(),
                values.iter().map(|v| v.to_string()).collect(),
            )]
        })
        .total
    };
    let binding = total(&["binding"]);
    let others = total(&["non-binding", "non-normative"]);
    assert!(binding > 0 && others > 0);
    assert_eq!(total(&["true"]), binding);
    assert_eq!(total(&["false"]), others);
    assert_eq!(total(&["true", "false"]), binding + others);
    // The aliases mean what instruments' own field says.
    let instruments = |value: &str| {
        with("", |o| {
            o.limit = 100;
            o.filters.fields = vec![
                ("kind".into(), vec!["instrument".into()]),
                ("binding".into(), vec![value.into()]),
            ]
        })
    };
    for (value, expected) in [("true", true), ("false", false)] {
        let r = instruments(value);
        assert!(r.total > 0 && r.total <= 100, "{value}: {}", r.total);
        for h in &r.hits {
            assert_eq!(
                h.field("binding"),
                Some(&Value::Bool(expected)),
                "{value}: {}",
                h.id
            );
        }
    }
    // Facet counts under the alias are those under the values it stands for.
    let facets = |v: &[&str]| {
        catalog()
            .facets(&Filters {
                fields: vec![("binding".into(), v.iter().map(|x| x.to_string()).collect())],
                ..Filters::default()
            })
            .unwrap()
    };
    assert_eq!(
        facets(&["false"]),
        facets(&["non-binding", "non-normative"])
    );
    // Other fields have no such aliases.
    assert_eq!(
        with("", |o| o.filters.fields =
            vec![("kind".into(), vec!["true".into()])])
        .total,
        0
    );
}

#[test]
fn an_unknown_filter_field_is_an_invalid_argument_naming_it() {
    let err = catalog()
        .search(
            "refugee",
            &SearchOptions {
                filters: Filters {
                    fields: vec![("lang".into(), vec!["en".into()])],
                    ..Filters::default()
                },
                ..SearchOptions::default()
            },
        )
        .unwrap_err();
    assert_eq!(
        (err.code, err.class),
        (Code::InvalidArgument, JsClass::TypeError)
    );
    assert!(err.message.contains("`lang`"), "{}", err.message);
    assert!(
        catalog()
            .facets(&Filters {
                fields: vec![("x".into(), vec![])],
                ..Filters::default()
            })
            .is_err()
    );
}

#[test]
fn a_query_no_document_fully_matches_falls_back_to_any_word() {
    let r = search("refugee qqqzzzxxw");
    assert!(r.relaxed);
    assert!(r.total > 0);
    assert!(has_term(doc(&r.hits[0].id), "refugee"));
    let none = search("qqqzzzxxw wwwvvvkkq");
    assert_eq!((none.total, none.relaxed), (0, false));
}

#[test]
fn an_empty_query_browses_in_document_order() {
    let docs: Vec<&str> = catalog()
        .documents()
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    let r = with("  ", |o| o.limit = 100);
    assert_eq!(r.total, docs.len());
    assert_eq!(ids(&r.hits), docs[..100]);
    let page2 = with("", |o| {
        o.limit = 5;
        o.offset = 100;
    });
    assert_eq!(ids(&page2.hits), docs[100..105]);
    // Browsing with filters keeps document order.
    let instruments: Vec<&str> = catalog()
        .documents()
        .iter()
        .filter(|d| d.kind == "instrument")
        .map(|d| d.id.as_str())
        .take(10)
        .collect();
    let r = with("", |o| {
        o.filters.fields = vec![("kind".into(), vec!["instrument".into()])]
    });
    assert_eq!(ids(&r.hits), instruments);
    assert!(r.hits.iter().all(|h| h.score == 0.0));
}

#[test]
fn pages_concatenate_to_the_full_ranking_and_scores_never_rise_down_it() {
    let all = with("rights", |o| o.limit = 40);
    let mut pages = Vec::new();
    for p in 0..4 {
        pages.extend(
            with("rights", |o| {
                o.limit = 10;
                o.offset = p * 10;
            })
            .hits,
        );
    }
    assert_eq!(ids(&pages), ids(&all.hits));
    // The scores shown never rise down the ranking (ranking is tiered: words, typos, then
    // score, so a hit's score is capped by the one above it; `rank::id_order` breaks ties of
    // raw scores, see its tests).
    for w in all.hits.windows(2) {
        assert!(
            w[0].score >= w[1].score,
            "{} ({}) then {} ({})",
            w[0].id,
            w[0].score,
            w[1].id,
            w[1].score
        );
    }
    let far = with("rights", |o| o.offset = usize::MAX);
    assert!(far.hits.is_empty() && far.total > 0);
}

#[test]
fn hits_carry_snippets_with_highlights_of_the_matched_words() {
    let r = search("family reunification");
    assert!(r.total > 0);
    for h in &r.hits {
        assert!(!h.snippet.is_empty(), "{}", h.id);
        let units: Vec<u16> = h.snippet.encode_utf16().collect();
        for &[a, b] in &h.highlights {
            assert!(a < b && b as usize <= units.len());
            let word = String::from_utf16(&units[a as usize..b as usize]).unwrap();
            let folded = text::fold(&word);
            assert!(
                folded.starts_with("famil") || folded.starts_with("reunific"),
                "{}: highlighted {word:?}",
                h.id
            );
        }
    }
    assert!(r.hits.iter().any(|h| !h.highlights.is_empty()));
}

#[test]
fn hits_show_a_bounded_snippet_instead_of_the_records_full_summary() {
    // Browsing too: every kind of record, with or without matched words.
    for q in [
        "refugee",
        "gcm objective",
        "torture",
        "principle",
        "mimc article",
        "",
    ] {
        let r = with(q, |o| o.limit = 100);
        assert!(!r.hits.is_empty(), "{q:?}");
        for h in &r.hits {
            assert!(
                h.fields.iter().all(|(k, _)| k != "summary"),
                "{q:?}: {} carries its full summary",
                h.id
            );
            assert!(!h.snippet.is_empty(), "{q:?}: {} has no snippet", h.id);
            assert!(
                h.snippet.chars().count() <= treatykit_core::search::snippet::SNIPPET_CHARS + 2,
                "{q:?}: {}",
                h.id
            );
        }
    }
}

#[test]
fn queries_over_the_limits_are_rejected_and_hostile_queries_do_not_panic() {
    let long = "é".repeat(1025);
    let err = catalog()
        .search(&long, &SearchOptions::default())
        .unwrap_err();
    assert_eq!(err.code, Code::QueryTooLong);
    let hostile = [
        "\"",
        "-",
        "--",
        "-\"\"",
        "\u{FFFD}\u{FFFD}",
        "\u{0301}\u{0301}",
        "🦀🦀🦀",
        "\u{200D}",
        "a\u{0000}b",
        "٠١٢",
        "ﷺ",
        "\"unclosed phrase",
        "(((",
        "*:*",
    ];
    for q in hostile {
        let r = catalog().search(q, &SearchOptions::default());
        assert!(r.is_ok(), "{q:?}");
    }
    let zero = catalog().search(
        "refugee",
        &SearchOptions {
            limit: 0,
            ..SearchOptions::default()
        },
    );
    assert_eq!(zero.unwrap_err().class, JsClass::RangeError);
}

#[test]
fn results_serialise_to_the_same_json_by_both_paths() {
    for q in [
        "refugee",
        "vccr",
        "stls conv",
        "\"status of refugees\"",
        "",
        "refugee zzqqx",
        "refoulment",
    ] {
        let opts = SearchOptions::default();
        let owned = treatykit_core::search::json::results(&catalog().search(q, &opts).unwrap());
        assert_eq!(catalog().search_json(q, &opts).unwrap(), owned, "{q}");
    }
    let mut out = String::new();
    treatykit_core::search::json::facets(&mut out, &catalog().facets(&Filters::default()).unwrap());
    assert_eq!(catalog().facets_json(&Filters::default()).unwrap(), out);
}

/// The documents a compact answer sends, whether it sends the facet table, and its `fixed` JSON.
fn compact_parts(fixed: &str) -> (BTreeSet<u64>, bool, serde_json::Value) {
    if fixed.is_empty() {
        return (BTreeSet::new(), false, serde_json::Value::Null);
    }
    let v: serde_json::Value = serde_json::from_str(fixed).expect("fixed parts are JSON");
    let docs = v
        .get("docs")
        .and_then(|d| d.as_array())
        .map(|list| list.iter().map(|e| e[0].as_u64().unwrap()).collect())
        .unwrap_or_default();
    (docs, v.get("table").is_some(), v)
}

/// The document numbers of a compact answer's hits, and their snippets.
fn compact_hits(c: &Compact) -> Vec<(u64, String)> {
    let h = &c.hits;
    let (mut i, mut at) = (4, h[2].max(0.0) as usize);
    let units: Vec<u16> = c.snippets.encode_utf16().collect();
    let mut out = Vec::new();
    for _ in 0..h[3] as usize {
        let (doc, len, cuts, n) = (
            h[i] as u64,
            h[i + 2] as usize,
            h[i + 3] as u8,
            h[i + 4] as usize,
        );
        let inner = String::from_utf16(&units[at..at + len]).unwrap();
        let mark = |bit: u8| if cuts & bit != 0 { "…" } else { "" };
        out.push((doc, format!("{}{inner}{}", mark(1), mark(2))));
        at += len;
        i += 5 + 2 * n;
        // The title's highlights.
        i += 1 + 2 * h[i] as usize;
        // The search terms, whose texts follow the snippet.
        let terms = h[i] as usize;
        for k in 0..terms {
            at += h[i + 1 + k] as usize;
        }
        i += 1 + terms;
    }
    assert_eq!(i, h.len(), "every number is read");
    assert_eq!(at, units.len(), "every snippet is read");
    out
}

#[test]
fn the_answer_says_how_it_read_a_query_whose_words_it_read_as_others_on_every_page_and_path() {
    let table: &[(&str, Option<&str>)] = &[
        ("refoulment", Some("refoulement")),
        ("migrant workres", Some("migrant workers")),
        // The first hit says "worker", the other form of the word meant.
        ("migrant wokers rights", Some("migrant workers rights")),
        // The rest stays as typed, and a word read as another takes the case typed.
        ("Right to educaton", Some("Right to education")),
        ("REFUGEE  CONVENTOIN", Some("REFUGEE CONVENTION")),
        ("Réfugee conventoin", Some("Réfugee convention")),
        ("Healthcare", Some("Health care")),
        ("healthcare", Some("health care")),
        (
            "\"stateless persons\" conventoin -1961",
            Some("\"stateless persons\" convention -1961"),
        ),
        // Read as typed: exact words, a word being typed, an abbreviation, another form.
        ("refugee", None),
        ("refug", None),
        ("vccr", None),
        ("asylum seekers", None),
        ("zzqqx", None),
    ];
    let index = catalog().index();
    for &(q, want) in table {
        let r = search(q);
        assert_eq!(r.corrected.as_deref(), want, "{q}");
        let next_page = with(q, |o| o.offset = 1);
        assert_eq!(next_page.corrected, r.corrected, "{q} on another page");
        let json: serde_json::Value =
            serde_json::from_str(&catalog().search_json(q, &SearchOptions::default()).unwrap())
                .unwrap();
        assert_eq!(
            json.get("corrected").and_then(|c| c.as_str()),
            want,
            "{q} as JSON"
        );
        let c = index
            .search_compact(q, &SearchOptions::default(), &mut Delivered::new())
            .unwrap();
        let read = (c.hits[2] >= 0.0).then(|| {
            let units: Vec<u16> = c.snippets.encode_utf16().take(c.hits[2] as usize).collect();
            String::from_utf16(&units).unwrap()
        });
        assert_eq!(read.as_deref(), want, "{q} compact");
        compact_hits(&c);
    }
}

#[test]
fn compact_answers_send_the_facet_table_and_each_documents_fixed_fields_once() {
    let index = catalog().index();
    let mut sent = Delivered::new();
    let opts = SearchOptions {
        limit: 20,
        ..SearchOptions::default()
    };
    let first = index.search_compact("refugee", &opts, &mut sent).unwrap();
    let (docs, table, v) = compact_parts(&first.fixed);
    let full = catalog().search("refugee", &opts).unwrap();
    let hits = compact_hits(&first);
    assert_eq!(
        hits.iter().map(|h| h.1.as_str()).collect::<Vec<_>>(),
        full.hits
            .iter()
            .map(|h| h.snippet.as_str())
            .collect::<Vec<_>>(),
        "snippets in order"
    );
    assert!(
        hits.iter()
            .any(|h| h.1.starts_with('…') && h.1.ends_with('…')),
        "some snippet is cut at both ends"
    );
    assert!(
        !first.snippets.contains('…'),
        "cut marks travel as numbers, not in the snippet text"
    );
    let hits: BTreeSet<u64> = hits.iter().map(|h| h.0).collect();
    assert!(table, "the first answer carries the facet table");
    assert_eq!(
        docs, hits,
        "every hit's fixed fields come with its first answer"
    );
    assert_eq!(sent.doc_count(), hits.len());
    // Each sent document starts with its id, kind and title, in that order.
    for entry in v["docs"].as_array().unwrap() {
        let head = format!(
            "[{},{{\"id\":{},\"kind\":{},\"title\":{}",
            entry[0], entry[1]["id"], entry[1]["kind"], entry[1]["title"]
        );
        assert!(first.fixed.contains(&head), "{head}");
    }
    let again = index.search_compact("refugee", &opts, &mut sent).unwrap();
    assert_eq!(again.fixed, "", "nothing new to send");
    assert_eq!((&again.hits, &again.facets), (&first.hits, &first.facets));
    // A wider query sends only the documents not sent yet.
    let wider = SearchOptions {
        limit: 100,
        ..SearchOptions::default()
    };
    let more = index.search_compact("refugee", &wider, &mut sent).unwrap();
    let (docs, table, _) = compact_parts(&more.fixed);
    assert!(!docs.is_empty() && docs.is_disjoint(&hits) && !table);
    let facets = index
        .facets_compact(&Filters::default(), &mut sent)
        .unwrap();
    assert_eq!(facets.fixed, "");
    assert!(facets.hits.is_empty() && facets.snippets.is_empty());
}

#[test]
fn answers_built_in_reused_buffers_carry_nothing_over_from_the_answer_before() {
    let index = catalog().index();
    let wide = SearchOptions {
        limit: 100,
        ..SearchOptions::default()
    };
    let narrow = SearchOptions {
        limit: 2,
        ..SearchOptions::default()
    };
    let no = SearchOptions {
        limit: 0,
        ..SearchOptions::default()
    };
    // (query, options) answered in turn through one set of buffers: long answers then short
    // ones, an error, a browse, an answer with no hit.
    let steps: [(&str, &SearchOptions); 7] = [
        ("refugee", &wide),
        ("vccr", &narrow),
        ("refugee", &no),
        ("migrant workers", &wide),
        ("", &narrow),
        ("zzqxw", &wide),
        ("stateless", &narrow),
    ];
    let mut reused = Delivered::new();
    for (q, opts) in steps {
        let got = index.search_compact_in(q, opts, &mut reused).cloned();
        let want = index.search_compact(q, opts, &mut Delivered::new());
        match (got, want) {
            (Ok(got), Ok(want)) => {
                assert_eq!(
                    (&got.snippets, &got.hits, &got.facets),
                    (&want.snippets, &want.hits, &want.facets),
                    "{q:?}"
                );
            }
            (Err(got), Err(want)) => assert_eq!(got.message, want.message, "{q:?}"),
            (got, want) => panic!("{q:?}: {got:?} against {want:?}"),
        }
    }
    let facets = index
        .facets_compact_in(&Filters::default(), &mut reused)
        .unwrap();
    assert!(facets.hits.is_empty() && facets.snippets.is_empty() && facets.fixed.is_empty());
}

#[test]
fn a_failed_compact_answer_records_nothing_as_sent() {
    let index = catalog().index();
    let mut sent = Delivered::new();
    let bad = SearchOptions {
        limit: 0,
        ..SearchOptions::default()
    };
    assert!(index.search_compact("refugee", &bad, &mut sent).is_err());
    let unknown = Filters {
        fields: vec![("colour".into(), vec!["red".into()])],
        ..Filters::default()
    };
    assert!(index.facets_compact(&unknown, &mut sent).is_err());
    assert_eq!(sent.doc_count(), 0);
    let ok = index
        .search_compact("refugee", &SearchOptions::default(), &mut sent)
        .unwrap();
    assert!(
        compact_parts(&ok.fixed).1,
        "the table was not recorded as sent"
    );
}

#[test]
fn packed_facet_counts_are_the_facet_counts_by_value_number() {
    let index = catalog().index();
    let mut sent = Delivered::new();
    let filters = Filters {
        fields: vec![("kind".into(), vec!["instrument".into()])],
        ..Filters::default()
    };
    let c = index.facets_compact(&filters, &mut sent).unwrap();
    let (_, _, v) = compact_parts(&c.fixed);
    let table = v["table"].as_array().unwrap();
    let want = catalog().facets(&filters).unwrap();
    let mut at = 0;
    for (f, entry) in table.iter().enumerate() {
        let (name, values) = (entry[0].as_str().unwrap(), entry[1].as_array().unwrap());
        let n = c.facets[at] as usize;
        at += 1;
        let got: Vec<(String, String, u32)> = (0..n)
            .map(|i| {
                let (v, count) = (c.facets[at + 2 * i] as usize, c.facets[at + 2 * i + 1]);
                let pair = values[v].as_array().unwrap();
                let s = |x: &serde_json::Value| x.as_str().unwrap().to_string();
                (s(&pair[0]), s(&pair[1]), count)
            })
            .collect();
        at += 2 * n;
        let (want_name, want_counts) = &want.0[f];
        assert_eq!(name, want_name);
        let want_counts: Vec<(String, String, u32)> = want_counts
            .iter()
            .map(|c| (c.value.clone(), c.label.clone(), c.count))
            .collect();
        assert_eq!(got, want_counts, "{name}");
    }
    assert_eq!(at, c.facets.len());
}

#[test]
fn a_category_typed_in_the_plural_puts_that_category_first() {
    // "Asylum-seekers", "migrant workers", "tourists": every category whose label ends in a
    // regular English noun, with that noun made plural.
    let mut checked = 0;
    for c in &catalog().corpus().categories {
        let label = c.label.trim_end();
        let Some(last) = label.chars().last() else {
            continue;
        };
        if !last.is_ascii_lowercase() || "syxh".contains(last) {
            continue;
        }
        let plural = format!("{label}s");
        assert_first(&search(&plural), &c.id, &plural);
        checked += 1;
    }
    assert!(checked >= 8, "{checked} categories");
    for (q, first) in [
        ("refugee conventions", "refugee-convention"),
        ("smuggled migrants", "smuggled-migrant"),
        // Irregular plurals.
        ("migrant children", "migrant-child"),
    ] {
        assert_first(&search(q), first, q);
    }
}

#[test]
fn a_name_with_its_words_in_another_order_and_words_of_its_title_puts_its_instrument_first() {
    // Every short name or alias of two to four words, its words reversed and followed by the
    // instrument's year of adoption ("convention refugee 1951"), unless another instrument
    // has a name of the same words (then the query names both).
    let names = instrument_names();
    let bag = |terms: &[String]| {
        let mut b = terms.to_vec();
        b.sort();
        b
    };
    let checked = each_name_query_puts_its_instrument_first(|id, terms| {
        if names
            .iter()
            .any(|(other, _, t)| *other != id && bag(t) == bag(terms))
        {
            return None;
        }
        let i = catalog()
            .corpus()
            .instruments
            .iter()
            .find(|i| i.id == id)
            .unwrap();
        let mut words: Vec<String> = terms.iter().rev().cloned().collect();
        if let Some(year) = i.adopted.get(..4) {
            words.push(year.to_string());
        }
        Some(words)
    });
    assert!(checked >= 20, "{checked} names");
}

/// For every short name or alias of two to four words of every instrument, the query that
/// `query` makes of its id and words (none: skipped) puts that instrument first. Returns how
/// many names were checked.
fn each_name_query_puts_its_instrument_first(
    query: impl Fn(&str, &[String]) -> Option<Vec<String>>,
) -> usize {
    let mut checked = 0;
    for (id, name, terms) in instrument_names() {
        if !(2..=4).contains(&terms.len()) {
            continue;
        }
        let Some(words) = query(id, &terms) else {
            continue;
        };
        let q = words.join(" ");
        assert_first(&search(&q), id, &format!("{q} (for {name})"));
        checked += 1;
    }
    checked
}

#[test]
fn a_query_naming_a_record_in_any_order_raises_it_above_a_longer_title_with_the_same_words() {
    for (q, first) in [
        ("1930 forced labour convention", "ilo-c29"),
        ("rights child convention", "crc"),
        ("convention statelessness 1954", "statelessness-1954"),
        ("coe anti convention trafficking", "coe-trafficking"),
        // Soft words need not be words of the name: the category is what "rights" asks for.
        ("refugee rights", "refugee"),
        ("migrant workers rights", "migrant-worker"),
        ("rights of tourists", "tourist"),
        ("stateless person rights", "stateless-person"),
        ("refugee convention rights", "refugee-convention"),
    ] {
        assert_first(&search(q), first, q);
    }
}

#[test]
fn a_misspelt_word_of_a_longer_name_still_puts_the_named_record_first() {
    // Every short name or alias of two to four words, its longest word of five or more
    // letters with its two middle letters swapped ("refugee convnetion").
    let checked = each_name_query_puts_its_instrument_first(|_, terms| {
        let (at, word) = terms
            .iter()
            .enumerate()
            .filter(|(_, w)| w.len() >= 5 && w.chars().all(|c| c.is_ascii_lowercase()))
            .max_by_key(|(_, w)| w.len())?;
        let mut words = terms.to_vec();
        words[at] = misspelt(word, word.len() / 2)?;
        Some(words)
    });
    assert!(checked >= 10, "{checked} names");
}

#[test]
fn word_forms_match_singular_and_plural_below_the_word_itself_where_an_index_turns_them_on() {
    let records = [
        ("one", "asylum seeker arrived"),
        ("many", "asylum seekers arrived"),
        ("country", "one country"),
        ("countries", "many countries"),
        ("church", "a church"),
        ("churches", "two churches"),
        ("other", "seekerss and countrys"),
        ("person", "stateless person"),
        ("persons", "stateless persons"),
        ("people", "stateless people"),
    ];
    assert_forms(
        &records,
        &[
            // An irregular plural beside the regular one: both are forms.
            (
                "stateless person ",
                &["person"],
                &["person", "people", "persons"],
            ),
            ("stateless persons ", &["persons"], &["persons", "person"]),
            ("stateless people ", &["people"], &["people", "person"]),
            ("asylum seeker ", &["one"], &["one", "many"]),
            ("asylum seekers ", &["many"], &["many", "one"]),
            ("country ", &["country"], &["country", "countries"]),
            ("countries ", &["countries"], &["countries", "country"]),
            ("churches ", &["churches"], &["churches", "church"]),
            ("church ", &["church"], &["church", "churches"]),
            // A misspelt word's typo candidate brings its other form, ranked after it.
            ("contry ", &["country"], &["country", "countries"]),
            ("asylum seekrs ", &["many"], &["many", "one"]),
        ],
    );
}

/// Checks each (query, hits of an index of `records` without word forms, hits with them: the
/// word's own records first) of `table`; no answer is relaxed.
fn assert_forms(records: &[(&str, &str)], table: &[(&str, &[&str], &[&str])]) {
    let plain = index_of(records);
    let forms = index_of(records).with_word_forms();
    for (q, without, with) in table {
        assert_eq!(
            hits(&plain, q),
            (owned(without), false),
            "{q} without forms"
        );
        assert_eq!(hits(&forms, q), (owned(with), false), "{q} with forms");
    }
}

#[test]
fn verb_forms_of_a_known_word_match_its_other_endings_and_a_misspelling_is_no_verb_form() {
    let records = [
        ("ed", "women trafficked abroad"),
        ("ing", "trafficking of women"),
        ("stem", "seek a remedy"),
        ("seeking", "seeking a remedy"),
        ("traffic", "road traffic"),
    ];
    assert_forms(
        &records,
        &[
            ("trafficked women ", &["ed"], &["ed", "ing"]),
            ("trafficking women ", &["ing"], &["ing", "ed"]),
            ("seeking remedy ", &["seeking"], &["seeking", "stem"]),
            // A base verb has no verb forms.
            ("seek remedy ", &["stem"], &["stem"]),
        ],
    );
    let forms = index_of(&records).with_word_forms();
    // "trafficing" is not in the index: a misspelling of "trafficking", not "traffic" + -ing.
    let r = forms
        .search("trafficing ", &SearchOptions::default())
        .unwrap();
    assert_eq!(ids(&r.hits), ["ing"]);
    // On the embedded corpus: "trafficked women" finds the trafficking records without
    // falling back to any-word ranking.
    let r = search("trafficked women");
    assert!(!r.relaxed);
    assert!(
        ids(&r.hits).contains(&"trafficking-protocol"),
        "{:?}",
        ids(&r.hits)
    );
}

#[test]
fn a_right_asked_for_as_the_right_to_something_comes_first() {
    // Right records rarely say "right" or "to" ("Access to housing"); visitors do.
    for (q, first) in [
        ("right to housing", "housing"),
        ("right to leave any country", "leave-any-country"),
        ("right to family reunification", "family-reunification"),
        ("right to social security", "social-security"),
        ("right to privacy", "privacy"),
        (
            "rights of trafficking victims to residence",
            "trafficking-victim-residence",
        ),
    ] {
        let r = search(q);
        assert!(!r.relaxed, "{q}");
        assert_first(&r, first, q);
    }
}

#[test]
fn optional_words_between_other_words_score_where_they_occur_but_are_never_required() {
    let records = [
        ("with", "the right to vote"),
        ("without", "voting right"),
        ("noun", "right vote"),
        ("little", "to the end"),
    ];
    let plain = index_of(&records);
    let ix = index_of(&records).with_optional_words(&["to", "the", "of", "whom"]);
    // (query, without optional words (hits, relaxed), with them: never relaxed)
    type Row<'a> = (&'a str, (&'a [&'a str], bool), &'a [&'a str]);
    let table: &[Row] = &[
        // "to" and "the" need not occur; where they do, they count.
        ("right to vote ", (&["with"], false), &["with", "noun"]),
        // Only optional words: they are required then.
        ("to the ", (&["little", "with"], false), &["little", "with"]),
        // An optional word the index lacks changes nothing, and is no typo of another word.
        ("vote whom ", (&["noun", "with"], true), &["noun", "with"]),
        // Without optional words, any-word ranking: records with both words, then those with
        // one ("voting right" has "right").
        (
            "right of vote ",
            (&["noun", "with", "without"], true),
            &["noun", "with"],
        ),
    ];
    for (q, (without, relaxed), with) in table {
        assert_eq!(
            hits(&plain, q),
            (owned(without), *relaxed),
            "{q} without optional words"
        );
        assert_eq!(
            hits(&ix, q),
            (owned(with), false),
            "{q} with optional words"
        );
    }
    // In a phrase or an exclusion an optional word is a word like any other.
    assert_eq!(hits(&ix, "\"right to vote\"").0, owned(&["with"]));
    assert_eq!(hits(&ix, "right -to").0, owned(&["noun", "without"]));
}

#[test]
fn soft_words_need_not_match_but_rank_highlight_and_score_at_either_end_of_the_query() {
    let records = [
        ("both", "rights of domestic workers"),
        ("workers", "domestic workers convention"),
        (
            "far",
            "rights and duties and more words here about domestic work of workers",
        ),
        ("rights", "rights of everyone"),
    ];
    let plain = index_of(&records);
    let little = index_of(&records).with_optional_words(&["rights", "of"]);
    let soft = index_of(&records)
        .with_optional_words(&["of"])
        .with_soft_words(&["rights"]);
    // (query, hits without, with "rights" as a little word, with it soft)
    type Row<'a> = (&'a str, &'a [&'a str], &'a [&'a str], &'a [&'a str]);
    let table: &[Row] = &[
        // Not required: the record that never says "rights" is found. Soft, it still ranks
        // the records that say it first, also at the start of the query, where a little word
        // frames the question and does not score.
        (
            "rights of domestic workers ",
            &["both", "far"],
            &["workers", "both", "far"],
            &["both", "workers", "far"],
        ),
        // At the end too.
        (
            "domestic workers rights ",
            &["both", "far"],
            &["workers", "both", "far"],
            &["both", "workers", "far"],
        ),
        // Alone, a soft word is required like any word.
        (
            "rights ",
            &["rights", "both", "far"],
            &["rights", "both", "far"],
            &["rights", "both", "far"],
        ),
    ];
    for (q, without, as_little, as_soft) in table {
        assert_eq!(hits(&plain, q).0, owned(without), "{q} without");
        assert_eq!(hits(&little, q).0, owned(as_little), "{q} as a little word");
        assert_eq!(
            hits(&soft, q),
            (owned(as_soft), false),
            "{q} as a soft word"
        );
    }
    // A soft word is highlighted where it matched; a little word never is.
    let marked = |ix: &treatykit_core::search::Index| -> Vec<String> {
        let r = ix.search("rights of domestic workers", &SearchOptions::default());
        let h = r
            .unwrap()
            .hits
            .into_iter()
            .find(|h| h.id == "both")
            .unwrap();
        h.highlights
            .iter()
            .map(|&[s, e]| h.snippet[s as usize..e as usize].to_string())
            .collect()
    };
    assert_eq!(marked(&soft), owned(&["rights", "domestic", "workers"]));
    // A misspelt soft word is soft too, beside a word that must match: "rigths" is "rights".
    for q in ["rigths of domestic workers ", "domestic workers rihgts "] {
        assert_eq!(hits(&plain, q).0, owned(&["both", "far"]), "{q} without");
        assert_eq!(hits(&soft, q).0, owned(&["both", "workers", "far"]), "{q}");
    }
    assert_eq!(hits(&soft, "rigths ").0, owned(&["rights", "both", "far"]));
    assert_eq!(marked(&little), owned(&["domestic", "workers"]));
    // In a phrase a soft word is a word like any other.
    assert_eq!(
        hits(&soft, "\"domestic workers\" rights").0,
        owned(&["both", "workers"])
    );
    assert_eq!(hits(&soft, "\"rights of domestic\"").0, owned(&["both"]));
}

#[test]
fn a_request_for_the_rights_of_a_group_finds_its_category_or_the_instrument_that_protects_it() {
    // The first hit's id. The Domestic Workers Convention never says "rights". A group that
    // is a category of the rights lookup is named by the query: its category comes first,
    // the instrument that protects it among the next.
    for (q, id, also) in [
        ("rights of domestic workers", "ilo-c189", None),
        ("domestic workers rights", "ilo-c189", None),
        (
            "rights of stateless persons",
            "stateless-person",
            Some("statelessness-1954"),
        ),
        // A title saying "Rights" (the CRC's) does not outrank the Refugee Convention.
        ("refugee rights", "refugee", Some("refugee-convention")),
        (
            "right to vote",
            "political-participation-origin-state",
            None,
        ),
        // Misspelt: the soft word, or the group's word (its category says "worker").
        ("refugee rigths", "refugee", None),
        ("migrant wokers rights", "migrant-worker", Some("icrmw")),
        ("right to work", "right-to-work-refugees-stateless", None),
        ("rights of the child", "crc", None),
    ] {
        let r = search(q);
        assert_first(&r, id, q);
        if let Some(also) = also {
            assert!(ids(&r.hits).contains(&also), "{q}: {:?}", ids(&r.hits));
        }
    }
}

#[test]
fn a_right_or_category_is_found_by_the_everyday_words_of_its_search_terms() {
    // (query, the first hit): words the right's own text never uses.
    for (q, id) in [
        ("pension", "social-security"),
        ("pushback", "no-collective-expulsion"),
        ("boat people", "rescue-at-sea"),
        ("minimum wage", "equal-pay-working-conditions"),
        ("reunite with my children", "family-reunification"),
        ("university degree", "higher-education-recognition"),
        ("legal aid", "access-to-courts-refugees-stateless"),
        ("permanent residence", "residence-security-long-term"),
        ("child labor", "child-protection-from-trafficking"),
        ("domestic violence", "protection-against-violence"),
        ("refugee status determination", "seek-asylum"),
        // Categories too.
        ("seasonal worker", "migrant-worker"),
        ("golden visa", "investor-resident"),
        ("exchange student", "student"),
        ("overstayer", "irregular-migrant"),
    ] {
        let r = search(q);
        assert!(!r.relaxed, "{q}");
        assert_first(&r, id, q);
    }
    // Searchable, never shown: no hit's snippet is made of them.
    let r = search("pension");
    assert!(!r.hits[0].snippet.to_lowercase().contains("pension"));
}

#[test]
fn a_hit_found_by_its_search_terms_names_them_and_one_found_by_its_text_names_none() {
    // (query, first hit, its searchTerms): the lines holding the most query words, a word as
    // typed before its other forms; none when the words are in what the hit shows.
    let table: &[(&str, &str, &[&str])] = &[
        ("pension", "social-security", &["pension"]),
        ("pensoin", "social-security", &["pension"]),
        ("golden visa", "investor-resident", &["golden visa"]),
        ("boat people", "rescue-at-sea", &["boat people"]),
        ("overstayer", "irregular-migrant", &["overstayer"]),
        ("social security", "social-security", &[]),
        ("right to work", "right-to-work-refugees-stateless", &[]),
        // The role words before the search terms are never named.
        ("migrant categories", "forced-migrant", &[]),
    ];
    let index = catalog().index();
    for &(q, id, want) in table {
        let r = search(q);
        assert_first(&r, id, q);
        assert_eq!(r.hits[0].search_terms, want, "{q}");
        let json: serde_json::Value =
            serde_json::from_str(&catalog().search_json(q, &SearchOptions::default()).unwrap())
                .unwrap();
        let terms = json["hits"][0].get("searchTerms");
        assert_eq!(
            terms.map(|t| t.as_array().unwrap().len()).unwrap_or(0),
            want.len(),
            "{q} as JSON: only when there are some"
        );
        let mut sent = Delivered::new();
        let c = index
            .search_compact(q, &SearchOptions::default(), &mut sent)
            .unwrap();
        compact_hits(&c);
    }
}

#[test]
fn everyday_words_find_the_records_that_use_the_legal_terms() {
    // (query, records that must be among the hits)
    let table: &[(&str, &[&str])] = &[
        (
            "deportation",
            &["no-collective-expulsion", "expulsion-procedural-guarantees"],
        ),
        ("illegal entry", &["refugee-non-penalisation"]),
        ("undocumented migrants", &["irregular-migrant"]),
        ("unaccompanied minors", &["unaccompanied-child-protection"]),
        ("racism", &["icerd"]),
        ("citizenship", &["nationality-prevent-statelessness"]),
    ];
    for (q, want) in table {
        let r = search(q);
        assert!(!r.relaxed, "{q}");
        let got = ids(&r.hits);
        for id in *want {
            assert!(got.contains(id), "{q}: {id} not in {got:?}");
        }
    }
}

#[test]
fn a_treaty_on_a_subject_is_the_convention_named_for_it() {
    // Titles say "Convention", visitors "treaty": the convention named for the subject comes
    // first, and no word is read as another ("statelessness treaty" is no "treats").
    for (q, first) in [
        ("refugee treaty", "refugee-convention"),
        ("treaty on refugees", "refugee-convention"),
        ("torture treaty", "cat"),
        ("migrant workers treaty", "icrmw"),
        ("statelessness treaty", "statelessness-1961"),
    ] {
        let r = search(q);
        assert!(!r.relaxed, "{q}");
        assert_eq!(r.corrected, None, "{q}");
        assert_first(&r, first, q);
    }
    // The snippet comes from the text holding the words as typed ("The global refugee
    // treaty"), not from the list of names, which holds as many words through "Convention".
    let r = search("refugee treaty");
    let snippet = r.hits[0].snippet.to_lowercase();
    assert!(snippet.contains("refugee treaty"), "{snippet}");
}

/// The article number an anchor's article starts with ("33" for "33(1)"), unless a letter
/// follows it ("1A(2)").
fn article_number(article: &str) -> Option<&str> {
    let end = article
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(article.len());
    let next = article[end..].chars().next();
    (end > 0 && !next.is_some_and(char::is_alphanumeric)).then(|| &article[..end])
}

#[test]
fn an_instrument_and_article_number_put_first_a_record_citing_that_article() {
    // "UDHR article 14", "ICCPR article 13", and "UDHR 14": the words side by side in an
    // anchor ("UDHR art. 14(1)") outrank a record citing the instrument and the number apart
    // ("UDHR art. 8; CAT art. 14"), for every article the rights cite.
    let c = catalog().corpus();
    let (mut checked, mut failed) = (BTreeSet::new(), Vec::new());
    for r in &c.rights {
        for a in &r.anchors {
            let Some(num) = article_number(&a.article) else {
                continue;
            };
            let i = c.instruments.iter().find(|i| i.id == a.instrument).unwrap();
            // A trailing space: the number is a whole word, not the start of "14" or "140".
            // Without "article" too ("udhr 14"): "art." between the name and the number of
            // a citation does not part them (a gap word).
            for q in [
                format!("{} article {num} ", i.short_name),
                format!("{} {num} ", i.short_name),
            ] {
                if !checked.insert(q.clone()) {
                    continue;
                }
                let hits = search(&q).hits;
                let first = hits.first().map(|h| h.id.as_str()).unwrap_or_default();
                let cites = c.rights.iter().any(|x| {
                    x.id == first
                        && x.anchors.iter().any(|y| {
                            y.instrument == a.instrument && article_number(&y.article) == Some(num)
                        })
                });
                // A category the article defines ("ILO C143, art. 13(2)") answers it too.
                let defines = c.categories.iter().any(|k| {
                    k.id == first
                        && k.definition_source.contains(&i.short_name)
                        && k.definition_source.contains(&format!("art. {num}"))
                });
                if !(cites || defines || first == a.instrument) {
                    failed.push(format!("{q}: {:?}", ids(&hits)));
                }
            }
        }
    }
    assert!(failed.is_empty(), "{failed:#?}");
    assert!(checked.len() > 400, "{} queries", checked.len());
    // The alias inside quotes: "article 33" is the phrase "art. 33".
    assert_eq!(
        ids(&search("\"article 33\"").hits),
        ids(&search("\"art. 33\"").hits)
    );
    assert!(search("\"article 33\"").total > 0);
}

#[test]
fn a_query_naming_an_instrument_puts_it_above_the_rights_that_cite_it() {
    // "1954 statelessness", "coe anti-trafficking": an instrument's own name, or its name
    // short of one word, outranks a right whose citations name it (once per article cited).
    let c = catalog().corpus();
    let (mut checked, mut above) = (0, Vec::new());
    for i in &c.instruments {
        for name in std::iter::once(&i.short_name).chain(&i.aliases) {
            let words: Vec<&str> = name.split_whitespace().collect();
            let shorter = (0..words.len()).filter(|_| words.len() >= 3).map(|k| {
                let mut w = words.clone();
                w.remove(k);
                w.join(" ")
            });
            for q in std::iter::once(name.to_lowercase()).chain(shorter) {
                let hits = with(&q, |o| o.limit = 100).hits;
                let Some(at) = hits.iter().position(|h| h.id == i.id) else {
                    continue;
                };
                checked += 1;
                let citing = hits[..at].iter().find(|h| {
                    c.rights
                        .iter()
                        .any(|r| r.id == h.id && r.anchors.iter().any(|a| a.instrument == i.id))
                });
                if let Some(h) = citing {
                    above.push(format!("{q:?}: {} above {}", h.id, i.id));
                }
            }
        }
    }
    assert!(above.is_empty(), "{above:#?}");
    assert!(checked > 500, "{checked} queries");
    assert_eq!(
        ids(&search("1954 statelessness").hits)[0],
        "statelessness-1954"
    );
}

#[test]
fn a_word_the_corpus_lacks_finds_no_title_whose_words_merely_contain_its_letters() {
    // Each of these occurs nowhere in the corpus; their letters can be picked in order from
    // inside the words of some title ("syria": "s(ecurit)y r(i)ghts a(nd)"), which is not an
    // abbreviation of it.
    for q in [
        "syria", "greece", "jordan", "lantern", "nurse", "famine", "banana", "aaaa",
    ] {
        let occurs = catalog().documents().iter().any(|d| {
            d.fields.iter().any(|f| f.text.to_lowercase().contains(q))
                || d.short.iter().any(|s| s.to_lowercase().contains(q))
        });
        assert!(!occurs, "{q} occurs in the corpus; pick another word");
        let r = search(q);
        assert_eq!((r.total, ids(&r.hits)), (0, vec![]), "{q}");
    }
    // Real abbreviations still find their instrument first.
    for (q, id) in [
        ("vccr", "vccr"),
        ("stls conv", "statelessness-1954"),
        ("1951 conv", "refugee-convention"),
        ("smug prot", "smuggling-protocol"),
    ] {
        assert_eq!(
            search(q).hits.first().map(|h| h.id.as_str()),
            Some(id),
            "{q}"
        );
    }
}

#[test]
fn an_abbreviation_marks_the_title_words_it_abbreviates_and_nothing_else() {
    // (query, first hit, the words its title marks)
    let table: &[(&str, &str, &[&str])] = &[
        (
            "vccr",
            "vccr",
            &["Vienna", "Convention", "Consular", "Relations"],
        ),
        (
            "stls conv",
            "statelessness-1954",
            &["Convention", "Stateless"],
        ),
        (
            "iccpr",
            "iccpr",
            &["International", "Covenant", "Civil", "Political", "Rights"],
        ),
    ];
    for (q, id, words) in table {
        let r = search(q);
        assert_first(&r, id, q);
        let h = &r.hits[0];
        assert_eq!(marked(&h.title, &h.title_highlights), owned(words), "{q}");
        // Only in the title: the snippet marks the query's own words, not every "rights".
        for w in marked(&h.snippet, &h.highlights) {
            let w = w.to_lowercase();
            assert!(
                q.split(' ').any(|x| w.starts_with(x)),
                "{q}: the snippet marks {w:?}"
            );
        }
    }
    // A word found in a record's text is no abbreviation there: "prot" completes "protocol"
    // in the text of the right on smuggled migrants, so "prosecuted" in its title is not
    // marked.
    let r = search("smug prot");
    let h = r
        .hits
        .iter()
        .find(|h| h.id == "smuggled-migrant-non-criminalisation")
        .expect("the right is among the hits");
    assert!(
        marked(&h.title, &h.title_highlights).is_empty(),
        "{:?}",
        h.title_highlights
    );
}

#[test]
fn a_hit_found_only_as_an_abbreviation_marks_the_title_words_it_stands_for() {
    // "asile" is no word of the corpus, and with "l" matches nothing as words: the hits are
    // titles whose word starts it abbreviates. Each shows which.
    for q in ["l asile", "l'asile"] {
        let r = search(q);
        assert!(!r.hits.is_empty(), "{q}");
        for h in &r.hits {
            let words = marked(&h.title, &h.title_highlights);
            assert!(words.len() >= 2, "{q}: {} marks {words:?}", h.id);
            let initials: String = words
                .iter()
                .map(|w| w.chars().next().unwrap().to_ascii_lowercase())
                .collect();
            assert!(initials.starts_with('a'), "{q}: {} marks {words:?}", h.id);
        }
    }
}

#[test]
fn title_highlights_mark_the_matched_words_of_the_title() {
    // (query, a word the titles of its first hits show marked)
    let table = [
        ("refugees", "refugees"),
        ("stateless", "stateless"),
        ("assistance", "assistance"),
        ("trafficking protocol", "trafficking"),
        ("\"migrant workers\"", "workers"),
        ("refugee", "refugee"),
        ("refugge", "refugee"),
    ];
    for (q, word) in table {
        let r = search(q);
        let mut marked = 0;
        for h in &r.hits {
            let units: Vec<u16> = h.title.encode_utf16().collect();
            let mut last = 0;
            for &[s, e] in &h.title_highlights {
                assert!(
                    s >= last && s < e && e as usize <= units.len(),
                    "{q}: {h:?}"
                );
                last = e;
                let got = String::from_utf16(&units[s as usize..e as usize]).unwrap();
                assert!(!got.trim().is_empty(), "{q}: {got:?}");
                if got.to_lowercase().starts_with(word) {
                    marked += 1;
                }
            }
            // A title with no marks has none of the query's words.
            if h.title_highlights.is_empty() && !q.contains('"') {
                let title = h.title.to_lowercase();
                assert!(
                    !title
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w == word),
                    "{q}: {}",
                    h.title
                );
            }
        }
        assert!(marked > 0, "{q}: no title shows {word} marked");
    }
}

#[test]
fn title_highlights_count_utf16_units_of_accented_astral_and_cjk_titles() {
    let docs = vec![Document {
        id: "t".into(),
        kind: "record".into(),
        title: "𝒜 🦀 Réfugiés — 难民 status".into(),
        fields: vec![
            treatykit_core::document::TextField {
                name: "title".into(),
                boost: 2.0,
                text: "𝒜 🦀 Réfugiés — 难民 status".into(),
            },
            treatykit_core::document::TextField {
                name: "body".into(),
                boost: 1.0,
                text: "other words entirely".into(),
            },
        ],
        facets: Vec::new(),
        year: None,
        summary: Vec::new(),
        short: Vec::new(),
    }];
    let ix = treatykit_core::search::Index::new(docs, &[]);
    for (q, want) in [
        ("refugies", vec!["Réfugiés"]),
        ("难民", vec!["难民"]),
        ("status refugies", vec!["Réfugiés", "status"]),
        ("other", vec![]),
    ] {
        let r = ix.search(q, &SearchOptions::default()).unwrap();
        let h = &r.hits[0];
        let units: Vec<u16> = h.title.encode_utf16().collect();
        let got: Vec<String> = h
            .title_highlights
            .iter()
            .map(|&[s, e]| String::from_utf16(&units[s as usize..e as usize]).unwrap())
            .collect();
        assert_eq!(got, want, "{q}");
    }
}

#[test]
fn little_words_framing_a_question_neither_rank_nor_light_up_records() {
    // (question, the record its words without the framing ask for)
    let table = [
        ("what is gcm", "gcm"),
        ("what is the icrmw", "icrmw"),
        ("the crc", "crc"),
        ("what is the udhr", "udhr"),
        ("what is a refugee", "refugee"),
        ("who is a stateless person", "stateless-person"),
        ("tell me about the crc", "crc"),
        (
            "what does non-refoulement mean",
            "iom-non-refoulement-note-2014",
        ),
    ];
    let little: Vec<&str> = treatykit_core::corpus_docs::OPTIONAL_WORDS.to_vec();
    // The verbs of a request are framing too: the asylum records answer, not only the two
    // that happen to say "apply".
    let r = search("how do i apply for asylum");
    assert!(!r.relaxed && r.total >= 5, "{} results", r.total);
    let top: Vec<&str> = r.hits.iter().take(3).map(|h| h.id.as_str()).collect();
    assert!(top.contains(&"seek-asylum"), "{top:?}");
    // "can I bring my family": the family records, not one that says "bring" in passing.
    let r = search("can i bring my family");
    assert!(!r.relaxed, "{}", r.total);
    let top: Vec<&str> = r.hits.iter().take(3).map(|h| h.id.as_str()).collect();
    assert!(top.contains(&"family-reunification"), "{top:?}");
    for (q, id) in table {
        let r = search(q);
        assert!(!r.relaxed, "{q}");
        assert_first(&r, id, q);
        // Marks fall on the words asked about, never on the little words around them.
        for h in &r.hits {
            for (text, ranges) in [(&h.snippet, &h.highlights), (&h.title, &h.title_highlights)] {
                let units: Vec<u16> = text.encode_utf16().collect();
                for &[s, e] in ranges {
                    let word = String::from_utf16(&units[s as usize..e as usize]).unwrap();
                    assert!(
                        !little.contains(&word.to_lowercase().as_str()),
                        "{q}: {} marks {word:?}",
                        h.id
                    );
                }
            }
        }
    }
}

#[test]
fn any_word_ranking_brings_the_records_of_common_words_too() {
    // "visa" is rare and "refugee" common: the relaxed answer holds the records of both.
    let r = search("refugee visa");
    assert!(r.relaxed);
    let refugee = with("refugee", |o| o.limit = 100);
    let visa = search("visa");
    assert!(
        r.total >= refugee.total + visa.total - 2,
        "{} < {} + {}",
        r.total,
        refugee.total,
        visa.total
    );
}

#[test]
fn an_answer_that_reads_a_correctly_spelled_word_as_another_is_relaxed() {
    let ix = index_of(&[
        ("charter", "the charter of rights"),
        ("chapter", "chapter one"),
        ("both", "chapter rights charter"),
    ]);
    // "chapter" and "rights" occur, but never together without "charter" standing in.
    assert_eq!(hits(&ix, "chapter rights"), (owned(&["both"]), false));
    let ix = index_of(&[
        ("charter", "the charter of rights"),
        ("chapter", "chapter one"),
    ]);
    assert_eq!(hits(&ix, "chapter rights"), (owned(&["charter"]), true));
    // A misspelling the index lacks is read as its near word without relaxing.
    assert_eq!(hits(&ix, "chartre rights"), (owned(&["charter"]), false));
}

#[test]
fn without_fuzzy_matching_a_misspelt_title_is_not_found_as_an_abbreviation() {
    for q in ["statelss ", "trafficing", "refoulment"] {
        let strict = with(q, |o| o.fuzzy = false);
        assert_eq!(
            (strict.total, strict.relaxed),
            (0, false),
            "{q}: {:?}",
            ids(&strict.hits)
        );
        assert!(search(q).total > 0, "{q} finds records with typo tolerance");
    }
    // Abbreviations made of word starts are no typos.
    let vccr = with("vccr", |o| o.fuzzy = false);
    assert_eq!(vccr.hits.first().map(|h| h.id.as_str()), Some("vccr"));
}

/// The first 100 hits of `q` among the records of kind `kind`.
fn of_kind(kind: &str, q: &str) -> SearchResults {
    with(q, |o| {
        o.limit = 100;
        o.filters = Filters::from_json(&treatykit_core::records::Json::Map(vec![(
            "kind".into(),
            treatykit_core::records::Json::Str(kind.into()),
        )]))
        .unwrap();
    })
}

#[test]
fn records_are_found_by_what_they_are_and_instruments_by_their_year() {
    // Every GCM guiding principle answers "gcm guiding principles".
    let principles = of_kind("principle", "");
    assert!(principles.total >= 10);
    let found = with("gcm guiding principles", |o| o.limit = 100);
    for p in &principles.hits {
        assert!(found.hits.iter().any(|h| h.id == p.id), "{}", p.id);
    }
    // Every category answers "<its label> rights" (its page lists its rights).
    let cats = of_kind("category", "");
    assert!(cats.total >= 15);
    for c in &cats.hits {
        let q = format!("{} rights", c.title);
        assert!(
            with(&q, |o| o.limit = 100)
                .hits
                .iter()
                .any(|h| h.id == c.id),
            "{q}"
        );
    }
    // An adopted year finds its instrument.
    for (q, id) in [
        ("1990", "icrmw"),
        ("1989 convention", "crc"),
        ("2009 convention", "kampala"),
    ] {
        assert_first(&search(q), id, q);
    }
}

#[test]
fn a_rare_completion_does_not_outrank_the_common_word_being_typed_or_the_word_itself() {
    // "famil": "family" in four records, "families" in one; the record that says "family"
    // most comes first, not the one with the rarer completion.
    let ix = index_of(&[
        ("f1", "family family"),
        ("f2", "family"),
        ("f3", "family"),
        ("f4", "family"),
        ("y", "families"),
    ]);
    assert_eq!(hits(&ix, "famil").0.first().map(String::as_str), Some("f1"));
    // "article 3": the records citing article 3 itself come before those citing 36 or 38.
    let ix = index_of(&[
        ("three", "article 3 applies"),
        ("thirty-six", "article 36 applies"),
        ("thirty-eight", "article 38 applies"),
        (
            "other",
            "article 3 and more text about other things entirely",
        ),
    ]);
    let (got, relaxed) = hits(&ix, "article 3");
    assert!(!relaxed);
    assert_eq!(&got[..2], ["three", "other"], "{got:?}");
}

#[test]
fn an_excluded_word_takes_its_other_forms_and_aliases_with_it() {
    let instruments = |q: &str| -> BTreeSet<String> {
        of_kind("instrument", q)
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect()
    };
    let all = instruments("convention");
    for (a, b) in [
        ("refugee", "refugees"),
        ("country", "countries"),
        ("article", "art"),
    ] {
        let (x, y) = (
            instruments(&format!("convention -{a}")),
            instruments(&format!("convention -{b}")),
        );
        assert_eq!(x, y, "-{a} and -{b}");
        assert!(x.len() < all.len(), "-{a} leaves something out");
    }
    // "minors" is an alias of "children", and its singular "minor" of "child": what
    // "-children" leaves out, "-minors" does too.
    let minors = instruments("convention -minors");
    let without_children = instruments("convention -children");
    let children_out: BTreeSet<&String> = all.difference(&without_children).collect();
    assert!(!children_out.is_empty());
    for id in children_out {
        assert!(!minors.contains(id), "{id} says children");
    }
}

#[test]
fn words_whose_every_record_is_excluded_give_an_empty_answer_not_another_reading() {
    // (query, the same words without the exclusion): the words match, the exclusion (or
    // an alias or form it takes with it) leaves out every record holding them.
    for (q, words) in [
        ("child -minor", "child"),
        ("detention -detention", "detention"),
        ("expulsion -deportation", "expulsion"),
        ("refugee -refugees", "refugee"),
    ] {
        assert!(search(words).total > 0, "{words}");
        let r = search(q);
        assert_eq!(
            (r.total, r.relaxed, r.corrected.as_deref()),
            (0, false, None),
            "{q}: {:?}",
            ids(&r.hits)
        );
    }
    // A misspelt word beside an exclusion is still read as what it meant.
    let r = search("refugie -convention");
    assert!(r.total > 0 && r.corrected.is_some(), "{:?}", r.corrected);
}

#[test]
fn a_misspelt_word_brings_the_aliases_of_the_word_it_is_read_as() {
    for (typo, word) in [
        ("deportaton", "deportation"),
        ("undocumneted migrants", "undocumented migrants"),
        ("minros", "minors"),
    ] {
        let ids_of = |q: &str| -> BTreeSet<String> {
            with(q, |o| o.limit = 100)
                .hits
                .into_iter()
                .map(|h| h.id)
                .collect()
        };
        let (a, b) = (ids_of(typo), ids_of(word));
        assert!(b.len() > 2, "{word}");
        assert_eq!(a, b, "{typo} finds what {word} finds");
    }
}

#[test]
fn a_name_among_a_word_that_matches_nothing_still_puts_its_record_first() {
    for (q, id) in [
        ("teh refugee convention", "refugee-convention"),
        ("xqzv crc", "crc"),
        ("rigths of teh child", "crc"),
    ] {
        let r = search(q);
        assert!(r.relaxed, "{q}");
        assert_first(&r, id, q);
    }
}

#[test]
fn a_name_whose_last_word_is_partly_typed_puts_its_instrument_first() {
    // "refugee conv" is on its way to "Refugee Convention": the instrument it names comes
    // first, before records that merely hold the two words more often (the OAU Convention's
    // aliases say "Refugee Convention" four times), and so it does in "teh refugee conv" and
    // "what is the refugee conv".
    let mut checked = 0;
    let mut failed = Vec::new();
    for i in &catalog().corpus().instruments {
        for name in std::iter::once(&i.short_name).chain(&i.aliases) {
            let words: Vec<&str> = name.split_whitespace().collect();
            let Some(last) = words.last() else { continue };
            let chars: Vec<char> = last.chars().collect();
            if words.len() < 2 || chars.len() < 6 || !chars.iter().all(|c| c.is_alphabetic()) {
                continue;
            }
            let typed: String = chars[..4].iter().collect();
            let q = format!("{} {typed}", words[..words.len() - 1].join(" "));
            // Another instrument may hold the same name ("Vienna Convention"), or a name the
            // partial word also completes: then the query does not tell them apart.
            let others = catalog()
                .corpus()
                .instruments
                .iter()
                .filter(|o| o.id != i.id)
                .any(|o| {
                    std::iter::once(&o.short_name)
                        .chain(&o.aliases)
                        .chain([&o.title])
                        .any(|n| {
                            let n = n.to_lowercase();
                            n.starts_with(&q.to_lowercase()) && !n[q.len()..].contains(' ')
                        })
                });
            if others {
                continue;
            }
            checked += 1;
            // Also after a word that matches nothing (ranked by any word), and after little
            // words that make it a question: the name being typed still comes first.
            for q in [q.clone(), format!("xqzv {q}"), format!("what is the {q}")] {
                failed.extend(miss_unless_first(&q, &i.id));
            }
        }
    }
    assert!(checked >= 20, "only {checked} names checked");
    assert!(failed.is_empty(), "{failed:#?}");
}

#[test]
fn a_one_word_name_being_typed_puts_its_instrument_first_also_in_a_question() {
    // "icrm" is on its way to "ICRMW", which 65 rights cite: the instrument comes first, and
    // so it does in "what is the icrm".
    let mut checked = 0;
    let mut failed = Vec::new();
    let names: Vec<(&str, &str)> = catalog()
        .corpus()
        .instruments
        .iter()
        .flat_map(|i| {
            std::iter::once(&i.short_name)
                .chain(&i.aliases)
                .map(move |n| (i.id.as_str(), n.as_str()))
        })
        .collect();
    for &(id, name) in &names {
        let chars: Vec<char> = name.chars().collect();
        if chars.len() < 5 || !chars.iter().all(|c| c.is_alphabetic()) {
            continue;
        }
        let typed: String = chars[..chars.len() - 1]
            .iter()
            .collect::<String>()
            .to_lowercase();
        // Another instrument's name that the partial word also starts: ambiguous.
        let others = names
            .iter()
            .any(|&(o, n)| o != id && n.to_lowercase().starts_with(&typed));
        if others {
            continue;
        }
        checked += 1;
        for q in [typed.clone(), format!("what is the {typed}")] {
            failed.extend(miss_unless_first(&q, id));
        }
    }
    assert!(checked >= 10, "only {checked} names checked");
    assert!(failed.is_empty(), "{failed:#?}");
}

#[test]
fn an_article_cited_with_its_instrument_in_any_order_finds_the_right_anchored_there() {
    // "UDHR art. 14(1)" is the anchor of the right to seek asylum: the three words stand side
    // by side there, in whatever order they are typed, while other rights cite UDHR and an
    // article 14 apart ("UDHR art. 8 ... CAT art. 14").
    for q in [
        "udhr article 14",
        "article 14 udhr",
        "art. 14 UDHR",
        "14 udhr art",
    ] {
        assert_first(&search(q), "seek-asylum", q);
    }
    // Words side by side across two items of a list are not cited together: privacy's
    // anchors "UDHR art. 12; ICCPR art. 17" do not cite ICCPR art. 12.
    let r = search("art. 12 ICCPR");
    let first = r.hits.first().map(|h| h.id.as_str());
    assert_ne!(first, Some("privacy"), "{:?}", ids(&r.hits));
}

#[test]
fn a_chapter_asked_for_by_the_conventions_name_and_its_number_comes_first() {
    // Chapter titles say "MIMC Chapter IV", never the convention's full name.
    for n in 1..=8 {
        for name in [
            "mobility convention",
            "model international mobility convention",
            "mimc",
        ] {
            let q = format!("{name} chapter {n}");
            assert_first(&search(&q), &format!("mimc-chapter-{n}"), &q);
        }
    }
}

/// The ids of every hit of `q` on `ix`, all pages.
fn all_ids_of(ix: &treatykit_core::search::Index, q: &str) -> BTreeSet<String> {
    let o = SearchOptions {
        limit: 100,
        ..SearchOptions::default()
    };
    let mut out = BTreeSet::new();
    loop {
        let page = ix
            .search(
                q,
                &SearchOptions {
                    offset: out.len(),
                    ..o.clone()
                },
            )
            .unwrap();
        let n = page.hits.len();
        out.extend(page.hits.into_iter().map(|h| h.id));
        if n < 100 {
            return out;
        }
    }
}

#[test]
fn an_unclosed_phrase_being_typed_keeps_word_order_and_adjacency_its_last_word_completing() {
    let ix = index_of(&[
        ("1", "noise cancelling headphones"),
        ("2", "Cancel culture / Too much noise"),
        ("3", "Street noise / Cities cancel events"),
        ("4", "noise levels, cancelling fees"),
        ("5", "Noise cancellation at night"),
    ]);
    // (query, the records it finds, in any order)
    let table: &[(&str, &[&str])] = &[
        ("\"noise canc", &["1", "5"]),
        ("\"noise cancelling", &["1"]),
        ("\"noise cancellation", &["5"]),
        ("\"noise c", &["1", "3", "5"]),
        ("\"street ci", &[]),
        ("\"cities canc", &["3"]),
        // The words before the word being typed are a phrase too.
        ("\"too much noi", &["2"]),
        ("\"much too noi", &[]),
        // One word alone is the word being typed; a space ends it; a closed quote or an
        // exclusion is an exact phrase.
        ("\"canc", &["1", "2", "3", "4", "5"]),
        ("\"noise canc ", &[]),
        ("\"noise canc\"", &[]),
        ("\"noise cancelling\"", &["1"]),
        ("noise -\"noise canc", &["1", "2", "3", "4", "5"]),
        // Beside other words.
        ("headphones \"noise canc", &["1"]),
        ("night \"noise canc", &["5"]),
    ];
    for (q, want) in table {
        let got = all_ids_of(&ix, q);
        let want: BTreeSet<String> = want.iter().map(|s| s.to_string()).collect();
        assert_eq!(got, want, "{q}");
    }
    // On the corpus: every hit of a phrase being typed holds its words consecutively, in one
    // field, the last completed, and is a hit of the closed phrase with a completion.
    let words = ["status", "of"];
    let typed = all_hits("\"status of refug", &Filters::default());
    assert!(!typed.is_empty() && !search("\"status of refug").relaxed);
    for h in &typed {
        let found = field_terms(doc(&h.id)).iter().any(|f| {
            f.windows(3)
                .any(|w| w[..2] == words && w[2].starts_with("refug"))
        });
        assert!(found, "{} lacks \"status of refug…\"", h.id);
    }
    let completed: BTreeSet<&str> = ["refugee", "refugees"]
        .iter()
        .flat_map(|w| all_hits(&format!("\"status of {w}\""), &Filters::default()))
        .map(|h| doc(&h.id).id.as_str())
        .collect();
    assert!(ids(&typed).iter().all(|id| completed.contains(id)));
    assert!(ids(&typed).contains(&"refugee-convention"));
    // Words that never stand so find nothing, as the closed phrase does.
    for q in ["\"status refugees", "\"child migrant"] {
        let closed = format!("{q}\"");
        assert_eq!(search(&closed).total, 0, "{closed}");
        let r = search(q);
        assert!(r.total == 0 || r.relaxed, "{q}: {} exact hits", r.total);
    }
}

#[test]
fn highlights_of_a_phrase_being_typed_mark_the_whole_phrase_words_only() {
    let ix = index_of(&[(
        "1",
        "Noise cancellation and cancelling noise: noise cancelling headphones",
    )]);
    let r = ix
        .search("\"noise canc", &SearchOptions::default())
        .unwrap();
    let h = &r.hits[0];
    assert_eq!(
        marked(&h.snippet, &h.highlights),
        owned(&["Noise", "cancellation", "noise", "cancelling"]),
        "{:?}",
        h.snippet
    );
    // A word of the query outside the phrase is marked wherever it stands.
    let r = ix
        .search("cancelling \"noise canc", &SearchOptions::default())
        .unwrap();
    let h = &r.hits[0];
    assert_eq!(
        marked(&h.snippet, &h.highlights),
        owned(&["Noise", "cancellation", "cancelling", "noise", "cancelling"]),
    );
}

#[test]
fn a_phrase_stops_at_every_list_separator_and_not_at_other_punctuation() {
    // (text between "new" and "york", whether "new york" stands whole there)
    let table = [
        (" ", true),
        (", ", true),
        (". ", true),
        (" - ", true),
        ("; ", false),
        (" · ", false),
        ("\n", false),
        ("\r", false),
        ("\u{2028}", false),
        ("\u{2029}", false),
        ("\u{FF1B}", false),
        ("\u{037E}", false),
    ];
    for (gap, whole) in table {
        let ix = index_of(&[("1", &format!("new{gap}york"))]);
        for q in ["\"new york\"", "\"new yo"] {
            assert_eq!(hits(&ix, q).0.len(), usize::from(whole), "{gap:?} {q}");
        }
    }
}

#[test]
fn a_phrase_does_not_match_across_the_items_of_a_list() {
    // The Refugee Convention's names say "1951 Convention; Refugee Convention": no
    // "convention refugee" there.
    for q in [
        "\"convention refugee\"",
        "\"convention refugee",
        "\"convention refu",
    ] {
        let hits = all_hits(q, &Filters::default());
        assert!(
            !ids(&hits).contains(&"refugee-convention"),
            "{q}: {:?}",
            ids(&hits)
        );
    }
    assert!(
        ids(&all_hits("\"refugee convention\"", &Filters::default()))
            .contains(&"refugee-convention")
    );
    // Items of an array field of `Index.fromRecords` are one a line.
    let schema = treatykit_core::records::Json::object(&[(
        "fields",
        treatykit_core::records::Json::object(&[
            ("title", treatykit_core::records::Json::object(&[])),
            ("tags", treatykit_core::records::Json::object(&[])),
        ]),
    )]);
    let s = treatykit_core::records::Json::str;
    let list = |xs: &[&str]| treatykit_core::records::Json::List(xs.iter().map(|x| s(x)).collect());
    let rec = |id: &str, tags: &[&str]| {
        treatykit_core::records::Json::object(&[
            ("id", s(id)),
            ("title", s("A record")),
            ("tags", list(tags)),
        ])
    };
    let ix = treatykit_core::records::index(
        vec![
            rec("apart", &["New", "York"]),
            rec("together", &["new york"]),
        ],
        &schema,
    )
    .unwrap();
    for q in ["\"new york\"", "\"new yo", "\"new york"] {
        assert_eq!(
            all_ids_of(&ix, q),
            BTreeSet::from(["together".to_string()]),
            "{q}"
        );
    }
    assert_eq!(all_ids_of(&ix, "new york").len(), 2);
    // Where the phrase stands in one item and its words also stand across two, only the
    // first are marked.
    let ix = index_of(&[(
        "1",
        "1951 Convention; Refugee Convention. Who is a convention refugee?",
    )]);
    let r = ix
        .search("\"convention refugee\"", &SearchOptions::default())
        .unwrap();
    let h = &r.hits[0];
    assert_eq!(
        marked(&h.snippet, &h.highlights),
        owned(&["convention", "refugee"])
    );
}
