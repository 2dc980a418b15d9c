//! `Index.fromRecords` in the core (`records::index`): generated records ranked exactly like
//! an independent brute-force BM25F reference; Unicode text and queries; limits.

mod common;
use common::marked;
use treatykit_core::records::{self, Json, MAX_RECORDS};
use treatykit_core::search::{Filters, Index, SearchOptions, text};
use treatykit_core::{Code, JsClass};

fn s(x: &str) -> Json {
    Json::str(x)
}

fn map(pairs: &[(&str, Json)]) -> Json {
    Json::object(pairs)
}

fn schema() -> Json {
    map(&[
        ("id", s("id")),
        ("title", s("title")),
        (
            "fields",
            map(&[
                ("title", map(&[("boost", Json::Num(2.0))])),
                ("body", map(&[])),
            ]),
        ),
        ("facets", Json::List(vec![s("lang")])),
    ])
}

struct Rng(u64);
impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

const VOCAB: [&str; 40] = [
    "asylum",
    "border",
    "child",
    "consul",
    "detention",
    "family",
    "labour",
    "migrant",
    "nation",
    "permit",
    "refuge",
    "return",
    "rights",
    "safety",
    "school",
    "stateless",
    "student",
    "travel",
    "visa",
    "work",
    "health",
    "housing",
    "court",
    "appeal",
    "treaty",
    "custom",
    "remedy",
    "trade",
    "city",
    "river",
    "island",
    "harbour",
    "letter",
    "garden",
    "music",
    "market",
    "bridge",
    "winter",
    "summer",
    "valley",
];

/// Generated records: 4-word titles, 5–40-word bodies, one of 5 languages.
fn generated(n: usize, rng: &mut Rng) -> Vec<(String, String, String, String)> {
    (0..n)
        .map(|i| {
            let words = |k: usize, rng: &mut Rng| {
                (0..k)
                    .map(|_| VOCAB[rng.next(VOCAB.len())])
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let title = words(4, rng);
            let len = 5 + rng.next(36);
            let body = words(len, rng);
            let lang = ["en", "fr", "es", "ar", "zh"][rng.next(5)].to_string();
            (format!("r{i:04}"), title, body, lang)
        })
        .collect()
}

fn to_json(recs: &[(String, String, String, String)]) -> Vec<Json> {
    recs.iter()
        .map(|(id, title, body, lang)| {
            map(&[
                ("id", s(id)),
                ("title", s(title)),
                ("body", s(body)),
                ("lang", s(lang)),
            ])
        })
        .collect()
}

/// The reference: BM25F (k1 = 1.2, b = 0.75, title boost 2, length averages over documents
/// having the field) summed over the query words, every word required; then the best 50
/// re-ranked by adjacency of consecutive query words (x (1 + 0.5 * (adjacent pairs + links of
/// the longest run of consecutive words) / (2 (n-1))), and x 4/3 when that run is the query
/// or the query's words stand side by side in another order).
fn reference(recs: &[(String, String, String, String)], words: &[&str]) -> Vec<(String, f64)> {
    let docs: Vec<[Vec<String>; 2]> = recs
        .iter()
        .map(|(_, t, b, _)| [text::terms(t), text::terms(b)])
        .collect();
    let n = docs.len() as f64;
    let avg = |f: usize| {
        let with: Vec<usize> = docs.iter().map(|d| d[f].len()).filter(|&l| l > 0).collect();
        (with.iter().sum::<usize>() as f64 / with.len() as f64).max(1.0)
    };
    let avgs = [avg(0), avg(1)];
    let boosts = [2.0, 1.0];
    let dfs: Vec<f64> = words
        .iter()
        .map(|w| {
            docs.iter()
                .filter(|x| x[0].iter().chain(&x[1]).any(|t| t == w))
                .count() as f64
        })
        .collect();
    let mut scored: Vec<(String, f64, usize)> = Vec::new();
    'docs: for (i, d) in docs.iter().enumerate() {
        let mut score = 0.0;
        for (w, &df) in words.iter().zip(&dfs) {
            let mut tf = 0.0;
            for f in 0..2 {
                let c = d[f].iter().filter(|t| t == w).count() as f64;
                let norm = 1.0 - 0.75 + 0.75 * d[f].len() as f64 / avgs[f];
                tf += boosts[f] * c / norm;
            }
            if tf == 0.0 {
                continue 'docs;
            }
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            score += idf * tf * 2.2 / (1.2 + tf);
        }
        scored.push((recs[i].0.clone(), score, i));
    }
    let order = |v: &mut Vec<(String, f64, usize)>| {
        v.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap().then_with(|| a.0.cmp(&b.0)))
    };
    order(&mut scored);
    // Word adjacency re-ranks the best 50, whatever page is asked for.
    let window = 50.min(scored.len());
    if words.len() > 1 {
        for (_, score, i) in scored[..window].iter_mut() {
            let d = &docs[*i];
            let pairs = words
                .windows(2)
                .filter(|w| {
                    d.iter()
                        .any(|f| f.windows(2).any(|p| p[0] == w[0] && p[1] == w[1]))
                })
                .count();
            // The longest run of query words, in query order, at consecutive places.
            let run = (2..=words.len())
                .rev()
                .find(|&len| {
                    words.windows(len).any(|w| {
                        d.iter()
                            .any(|f| f.windows(len).any(|p| p.iter().zip(w).all(|(a, b)| a == b)))
                    })
                })
                .map_or(0, |len| len - 1);
            // Short of that, all the query words (three to eight) side by side in another order.
            let any_order = (3..=8).contains(&words.len())
                && d.iter().any(|f| {
                    f.windows(words.len()).any(|p| {
                        let mut left: Vec<&str> = words.to_vec();
                        p.iter().all(|t| match left.iter().position(|w| w == t) {
                            Some(k) => {
                                left.swap_remove(k);
                                true
                            }
                            None => false,
                        })
                    })
                });
            *score *= 1.0 + 0.5 * (pairs + run) as f64 / (2 * (words.len() - 1)) as f64;
            if run + 1 == words.len() || any_order {
                *score *= 4.0 / 3.0;
            }
        }
        let mut top: Vec<_> = scored[..window].to_vec();
        order(&mut top);
        scored.splice(..window, top);
    }
    scored.into_iter().map(|(id, s, _)| (id, s)).collect()
}

#[test]
fn exact_queries_rank_generated_records_like_the_brute_force_reference() {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let recs = generated(300, &mut rng);
    let index = records::index(to_json(&recs), &schema()).expect("valid records");
    assert_eq!(index.len(), 300);
    let mut compared = 0;
    for _ in 0..120 {
        let k = 1 + rng.next(3);
        let mut words: Vec<&str> = Vec::new();
        while words.len() < k {
            let w = VOCAB[rng.next(VOCAB.len())];
            if !words.contains(&w) {
                words.push(w);
            }
        }
        // A trailing space: whole words only (no completions).
        let q = format!("{} ", words.join(" "));
        let want = reference(&recs, &words);
        let got = index
            .search(
                &q,
                &SearchOptions {
                    limit: 100,
                    ..SearchOptions::default()
                },
            )
            .unwrap();
        if want.is_empty() {
            assert!(got.relaxed || got.total == 0, "{q}");
            continue;
        }
        assert!(!got.relaxed, "{q}");
        assert_eq!(got.total, want.len(), "{q}: total");
        assert_eq!(got.hits.len(), want.len().min(100));
        for (i, h) in got.hits.iter().enumerate() {
            let (id, score) = &want[i];
            // Scores agree to f32 precision; ids agree except between near-equal scores.
            let tol = 1e-3 * score.abs().max(1.0);
            assert!(
                (h.score - score).abs() <= tol,
                "{q}: #{i} {} scored {} vs {score}",
                h.id,
                h.score
            );
            if h.id != *id {
                let theirs = want
                    .iter()
                    .find(|(x, _)| *x == h.id)
                    .expect("in the reference")
                    .1;
                assert!(
                    (theirs - score).abs() <= tol,
                    "{q}: #{i} is {} not {id}",
                    h.id
                );
            }
        }
        compared += 1;
    }
    assert!(compared > 60, "{compared} queries had results");
}

#[test]
fn facet_counts_of_records_follow_their_values() {
    let mut rng = Rng(42);
    let recs = generated(200, &mut rng);
    let index = records::index(to_json(&recs), &schema()).unwrap();
    let facets = index.facets(&Filters::default()).unwrap();
    let langs = facets.get("lang").unwrap();
    assert_eq!(langs.iter().map(|c| c.count as usize).sum::<usize>(), 200);
    for c in langs {
        assert_eq!(
            c.count as usize,
            recs.iter().filter(|r| r.3 == c.value).count()
        );
        assert_eq!(c.label, c.value);
    }
    let fr = index
        .search(
            "",
            &SearchOptions {
                filters: Filters {
                    fields: vec![("lang".into(), vec!["fr".into()])],
                    ..Filters::default()
                },
                limit: 100,
                ..SearchOptions::default()
            },
        )
        .unwrap();
    assert!(
        fr.hits
            .iter()
            .all(|h| h.field("lang") == Some(&treatykit_core::document::Value::Str("fr".into())))
    );
}

fn unicode_index() -> Index {
    let recs = vec![
        map(&[
            ("id", s("fr")),
            ("title", s("Statut des réfugiés")),
            (
                "body",
                s("Tout réfugié a droit à la protection. RÉFUGIÉ, Réfugié."),
            ),
        ]),
        map(&[
            ("id", s("ar")),
            ("title", s("حقوق الإنسان")),
            ("body", s("لكل شخص الحق في التماس ملجأ في بلدان أخرى")),
        ]),
        map(&[
            ("id", s("zh")),
            ("title", s("世界人权宣言")),
            ("body", s("人人生而自由，在尊严和权利上一律平等。")),
        ]),
        map(&[
            ("id", s("ru")),
            ("title", s("Всеобщая декларация прав человека")),
            (
                "body",
                s("Все люди рождаются свободными и равными в своем достоинстве и правах."),
            ),
        ]),
        map(&[
            ("id", s("emoji")),
            ("title", s("Emoji")),
            ("body", s("I ❤️ 🦀 and 𝒜𝓈𝓉𝓇𝒶𝓁 letters, naïve café")),
        ]),
        map(&[
            ("id", s("ja")),
            ("title", s("世界人権宣言")),
            ("body", s("すべての人間は、生まれながらにして自由であり")),
        ]),
    ];
    records::index(
        recs,
        &map(&[(
            "fields",
            map(&[
                ("title", map(&[("boost", Json::Num(2.0))])),
                ("body", map(&[])),
            ]),
        )]),
    )
    .unwrap()
}

#[test]
fn unicode_text_and_queries_match_across_accents_case_and_scripts() {
    let index = unicode_index();
    let table = [
        ("réfugié", "fr"),
        ("refugie", "fr"),
        ("REFUGIES", "fr"),
        ("ＲＥＦＵＧＩＥ", "fr"),
        ("حقوق", "ar"),
        ("الإنسان", "ar"),
        ("الانسان", "ar"),
        ("尊严", "zh"),
        ("人权宣言", "zh"),
        ("декларация", "ru"),
        ("ДЕКЛАРАЦИЯ", "ru"),
        ("🦀", "emoji"),
        ("❤", "emoji"),
        ("❤\u{FE0F}", "emoji"),
        ("naive cafe", "emoji"),
        ("自由", "zh"),
        ("人間", "ja"),
    ];
    for (q, want) in table {
        let r = index.search(q, &SearchOptions::default()).unwrap();
        assert_eq!(
            r.hits.first().map(|h| h.id.as_str()),
            Some(want),
            "{q}: {:?}",
            r.hits.iter().map(|h| &h.id).collect::<Vec<_>>()
        );
        assert!(!r.relaxed, "{q}");
    }
    // Characters of a phrase must be adjacent and in order.
    assert_eq!(
        index
            .search("严尊", &SearchOptions::default())
            .unwrap()
            .total,
        0
    );
    // A Chinese run and a Japanese one share characters but not the sequence.
    let both = index.search("自由", &SearchOptions::default()).unwrap();
    assert_eq!(
        both.total, 2,
        "自由 appears in the Chinese and the Japanese text"
    );
}

#[test]
fn highlights_slice_the_snippet_in_utf16_code_units_even_after_astral_characters() {
    let index = unicode_index();
    for (q, expect) in [
        ("🦀", "🦀"),
        ("cafe", "café"),
        ("letters", "letters"),
        ("尊严", "尊严"),
    ] {
        let r = index.search(q, &SearchOptions::default()).unwrap();
        let h = &r.hits[0];
        let units: Vec<u16> = h.snippet.encode_utf16().collect();
        let [a, b] = h.highlights[0];
        let got = String::from_utf16(&units[a as usize..b as usize]).unwrap();
        assert_eq!(got, expect, "{q} in {:?}", h.snippet);
    }
}

#[test]
fn records_over_the_limits_fail_with_invalid_records() {
    let too_many = vec![Json::Null; MAX_RECORDS + 1];
    let err = records::index(too_many, &schema()).unwrap_err();
    assert_eq!(
        (err.code, err.class),
        (Code::InvalidRecords, JsClass::RangeError)
    );
    // A repeated id names the record and the first owner of the id: a number and a string
    // of the same digits collide; the first failing record is named, whatever later records
    // hold, however many records come between.
    let mut many: Vec<Json> = (0..3000)
        .map(|i| map(&[("id", s(&format!("r{i}")))]))
        .collect();
    many.push(map(&[("id", s("r1234"))]));
    many.push(map(&[("title", s("no id"))]));
    let repeats = [
        (
            vec![
                map(&[("id", s("a"))]),
                map(&[("id", Json::Num(1.0))]),
                map(&[("id", s("1"))]),
            ],
            "record 2 repeats the id \"1\" of record 1",
        ),
        (many, "record 3000 repeats the id \"r1234\" of record 1234"),
    ];
    for (records, want) in repeats {
        let err = records::index(records, &schema()).unwrap_err();
        assert!(err.message.contains(want), "{}", err.message);
    }
    let bad_schema = map(&[("fields", Json::List(vec![]))]);
    assert_eq!(
        records::index(vec![], &bad_schema).unwrap_err().code,
        Code::InvalidArgument
    );
    // No records is a valid, empty index.
    let empty = records::index(vec![], &schema()).unwrap();
    assert_eq!(
        empty
            .search("anything", &SearchOptions::default())
            .unwrap()
            .total,
        0
    );
}

#[test]
fn a_record_with_more_words_than_can_be_indexed_is_refused_by_name_not_cut() {
    use treatykit_core::records::MAX_RECORD_WORDS;
    // Split over two fields: the limit counts the words of the whole record.
    let half = "word ".repeat(MAX_RECORD_WORDS / 2 + 1);
    let short = map(&[
        ("id", s("short")),
        ("title", s("a title")),
        ("body", s(&half)),
    ]);
    let long = map(&[
        ("id", s("long-one")),
        ("title", s(&half)),
        ("body", s(&half)),
    ]);
    let err = records::index(vec![short.clone(), long], &schema()).unwrap_err();
    assert_eq!(
        (err.code, err.class),
        (Code::InvalidRecords, JsClass::RangeError)
    );
    assert!(
        err.message
            .starts_with("record 1 (id \"long-one\"): has more than")
            && err.message.contains("65535"),
        "{}",
        err.message
    );
    // Exactly at the limit is fine, and every word of it is searchable: the last one too.
    let full = format!("{}last", "word ".repeat(MAX_RECORD_WORDS - 1));
    let at_limit = map(&[("id", s("full")), ("body", s(&full))]);
    let index = records::index(vec![short, at_limit], &schema()).unwrap();
    let hits = index.search("last", &SearchOptions::default()).unwrap();
    assert_eq!(
        hits.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        ["full"]
    );
}

fn body_index(bodies: &[(&str, &str)]) -> Index {
    let recs = bodies
        .iter()
        .map(|&(id, body)| map(&[("id", s(id)), ("body", s(body))]))
        .collect();
    records::index(recs, &map(&[("fields", map(&[("body", map(&[]))]))])).unwrap()
}

#[test]
fn aliases_match_each_other_below_the_word_itself_and_only_where_an_index_sets_them() {
    let bodies = [
        ("word", "Article 5 applies to everyone"),
        ("abbrev", "Art. 5 applies to everyone"),
        ("other", "the state of the art in 2024"),
    ];
    let plain = body_index(&bodies);
    let aliased = body_index(&bodies).with_aliases(&[&["article", "art"], &["Résolution", "res"]]);
    let hit_ids = |ix: &Index, q: &str, fuzzy: bool| {
        let o = SearchOptions {
            fuzzy,
            ..SearchOptions::default()
        };
        let r = ix.search(q, &o).unwrap();
        (
            r.hits.iter().map(|h| h.id.clone()).collect::<Vec<_>>(),
            r.relaxed,
        )
    };
    // (query, fuzzy, ids without aliases, ids with them)
    let table: [(&str, bool, &[&str], &[&str]); 5] = [
        ("article 5", true, &["word"], &["word", "abbrev"]),
        ("article 5", false, &["word"], &["word", "abbrev"]),
        ("art 5 ", false, &["abbrev"], &["abbrev", "word"]),
        ("5 article", true, &["word"], &["word", "abbrev"]),
        ("article 2024", false, &[], &["other"]),
    ];
    for (q, fuzzy, without, with) in table {
        let (got, relaxed) = hit_ids(&plain, q, fuzzy);
        if without.is_empty() {
            assert!(relaxed || got.is_empty(), "{q}: {got:?}");
        } else {
            assert_eq!(got, without, "{q} without aliases");
            assert!(!relaxed, "{q} without aliases");
        }
        let (got, relaxed) = hit_ids(&aliased, q, fuzzy);
        assert_eq!(got, with, "{q} with aliases");
        assert!(!relaxed, "{q} with aliases");
    }
    // The alias is highlighted like the word.
    let r = aliased
        .search("article 5", &SearchOptions::default())
        .unwrap();
    let abbrev = r.hits.iter().find(|h| h.id == "abbrev").unwrap();
    let marked: Vec<String> = abbrev
        .highlights
        .iter()
        .map(|&[a, b]| {
            String::from_utf16(
                &abbrev.snippet.encode_utf16().collect::<Vec<_>>()[a as usize..b as usize],
            )
            .unwrap()
        })
        .collect();
    assert_eq!(marked, ["Art", "5"]);
    // A group whose words the index lacks, or a word of several tokens, changes nothing.
    let odd = body_index(&bodies).with_aliases(&[&["résolution", "res"], &["a b", "art"]]);
    assert_eq!(hit_ids(&odd, "article 5", false).0, ["word"]);
}

/// An index of `(id, body, colour)` records with a `colour` facet.
fn coloured_index(recs: &[(&str, &str, &str)]) -> Index {
    let recs = recs
        .iter()
        .map(|&(id, body, colour)| map(&[("id", s(id)), ("body", s(body)), ("colour", s(colour))]))
        .collect();
    let schema = map(&[
        ("fields", map(&[("body", map(&[]))])),
        ("facets", Json::List(vec![s("colour")])),
    ]);
    records::index(recs, &schema).unwrap()
}

/// The `colour` facet counts of an answer, as (value, count) pairs.
fn colour_counts(r: &treatykit_core::search::SearchResults) -> Vec<(&str, u32)> {
    r.facets
        .get("colour")
        .unwrap()
        .iter()
        .map(|c| (c.value.as_str(), c.count))
        .collect()
}

/// The answer of `q` on `ix` with only records of `colours` (default options otherwise).
fn search_in_colours(
    ix: &Index,
    q: &str,
    colours: &[&str],
) -> treatykit_core::search::SearchResults {
    let filters = Filters {
        fields: vec![(
            "colour".into(),
            colours.iter().map(|v| v.to_string()).collect(),
        )],
        ..Filters::default()
    };
    ix.search(
        q,
        &SearchOptions {
            filters,
            ..SearchOptions::default()
        },
    )
    .unwrap()
}

#[test]
fn every_page_shows_the_hits_of_the_whole_ranking_in_place_whatever_its_size() {
    // Word adjacency re-ranks the best results; records far down the ranking (adjacent or
    // not) must keep one place however the pages are cut.
    let mut rng = Rng(0x9a9e_5eed);
    let mut recs: Vec<(String, String)> = Vec::new();
    for i in 0..130 {
        let filler = " w".repeat(rng.next(12));
        let body = match rng.next(3) {
            0 => format!("uncle yacht{filler}"),
            1 => format!("yacht{filler} uncle"),
            _ => format!("uncle{filler} yacht uncle"),
        };
        recs.push((format!("r{i:03}"), body));
    }
    let bodies: Vec<(&str, &str)> = recs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let ix = body_index(&bodies);
    let page = |offset: usize, limit: usize| -> Vec<String> {
        let o = SearchOptions {
            offset,
            limit,
            ..SearchOptions::default()
        };
        let r = ix.search("uncle yacht", &o).unwrap();
        r.hits.into_iter().map(|h| h.id).collect()
    };
    let whole: Vec<String> = [page(0, 100), page(100, 100)].concat();
    assert_eq!(whole.len(), 130);
    let distinct: std::collections::BTreeSet<&String> = whole.iter().collect();
    assert_eq!(distinct.len(), 130, "no hit twice");
    for size in [1, 7, 10, 49, 50, 51, 100] {
        let mut paged = Vec::new();
        let mut offset = 0;
        while offset < 130 {
            paged.extend(page(offset, size));
            offset += size;
        }
        assert_eq!(paged, whole, "pages of {size}");
    }
}

#[test]
fn facet_counts_under_filters_that_leave_no_match_count_each_matching_record_once() {
    let ix = coloured_index(&[
        ("a", "piano lesson", "yellow"),
        ("b", "piano tuning", "yellow"),
        ("c", "violin lesson", "red"),
    ]);
    for (q, yellow) in [("piano", 2), ("pia", 2), ("piano lesson", 1), ("lesson", 1)] {
        let r = search_in_colours(&ix, q, &["blue"]);
        assert_eq!(r.total, 0, "{q}");
        let counts = r.facets.get("colour").unwrap();
        let got = counts.iter().find(|c| c.value == "yellow").map(|c| c.count);
        assert_eq!(got, Some(yellow), "{q}: {counts:?}");
    }
}

#[test]
fn a_word_that_matches_outside_the_filters_is_not_replaced_by_a_near_spelling_inside_them() {
    let ix = coloured_index(&[
        ("a", "horse riding", "red"),
        ("b", "house building", "blue"),
        ("c", "horse house", "green"),
    ]);
    let search = |q: &str, colours: &[&str]| search_in_colours(&ix, q, colours);
    // "horse" exists (in red and green): under a blue filter there is nothing to show, and the
    // counts say where it is; "house" is not offered instead.
    let r = search("horse", &["blue"]);
    assert_eq!((r.total, r.relaxed), (0, false));
    assert_eq!(colour_counts(&r), [("green", 1), ("red", 1)]);
    // Nor does the any-word fallback loosen "horse riding" under the filter.
    let r = search("horse riding", &["blue", "green"]);
    assert_eq!((r.total, r.relaxed), (0, false));
    // A word the index lacks still finds its near spelling under the filter.
    let r = search("housse", &["blue"]);
    assert_eq!(
        r.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        ["b"]
    );
}

#[test]
fn a_run_together_word_whose_split_matches_outside_the_filters_leaves_the_answer_empty() {
    let ix = coloured_index(&[
        ("a", "health care for migrants", "red"),
        ("b", "migrants and their health", "blue"),
        ("c", "migrants welcome", "blue"),
    ]);
    // Unfiltered, "healthcare" is read as "health care".
    let r = search_in_colours(&ix, "healthcare migrants", &["red", "blue"]);
    assert_eq!(
        r.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        ["a"]
    );
    // Under a blue filter the split words match only red: nothing to show, no any-word
    // fallback over "migrants", and the counts say where the match is.
    let r = search_in_colours(&ix, "healthcare migrants", &["blue"]);
    assert_eq!((r.total, r.relaxed), (0, false));
    assert_eq!(colour_counts(&r), [("red", 1)]);
}

#[test]
fn an_unknown_filter_field_is_refused_with_the_fields_the_index_can_filter_on() {
    let fields = map(&[("body", map(&[]))]);
    let recs = || {
        vec![map(&[
            ("id", s("a")),
            ("body", s("text")),
            ("year", Json::Num(1990.0)),
        ])]
    };
    let refusal = |facets: &[&str]| {
        let schema = map(&[
            ("fields", fields.clone()),
            ("facets", Json::List(facets.iter().map(|f| s(f)).collect())),
        ]);
        let index = records::index(recs(), &schema).unwrap();
        let filters = Filters::from_json(&map(&[("colour", s("red"))])).unwrap();
        let err = index.facets(&filters).unwrap_err();
        assert_eq!(
            (err.code, err.class),
            (Code::InvalidArgument, JsClass::TypeError)
        );
        err.message
    };
    assert_eq!(
        refusal(&[]),
        "unknown filter field `colour`; this index has no facets to filter on"
    );
    assert_eq!(
        refusal(&["lang"]),
        "unknown filter field `colour`; this index filters on: lang"
    );
    assert_eq!(
        refusal(&["lang", "year"]),
        "unknown filter field `colour`; this index filters on: lang, year, yearFrom, yearTo"
    );
    // A year range needs a year facet: without one it is refused, not silently empty.
    let schema = |facets: &[&str]| {
        map(&[
            ("fields", fields.clone()),
            ("facets", Json::List(facets.iter().map(|f| s(f)).collect())),
        ])
    };
    for (facets, filter, refused) in [
        (&["lang"][..], "yearFrom", true),
        (&[][..], "yearTo", true),
        (&["lang", "year"][..], "yearFrom", false),
    ] {
        let index = records::index(recs(), &schema(facets)).unwrap();
        let filters = Filters::from_json(&map(&[(filter, Json::Num(1980.0))])).unwrap();
        match index.facets(&filters) {
            Err(err) => {
                assert!(refused, "{facets:?} {filter}");
                assert_eq!(
                    (err.code, err.class),
                    (Code::InvalidArgument, JsClass::TypeError)
                );
                assert!(err.message.contains(filter), "{}", err.message);
            }
            Ok(_) => assert!(!refused, "{facets:?} {filter} accepted"),
        }
    }
}

#[test]
fn a_record_with_several_years_passes_a_year_range_holding_any_of_them() {
    let recs = vec![
        map(&[
            ("id", s("both")),
            ("body", s("text")),
            (
                "year",
                Json::List(vec![s("1990s"), Json::Num(1990.0), Json::Num(2010.0)]),
            ),
        ]),
        map(&[
            ("id", s("early")),
            ("body", s("text")),
            ("year", Json::Num(1985.0)),
        ]),
        map(&[
            ("id", s("decade")),
            ("body", s("text")),
            ("year", s("1990s")),
        ]),
        map(&[("id", s("none")), ("body", s("text"))]),
    ];
    let schema = map(&[
        ("fields", map(&[("body", map(&[]))])),
        ("facets", Json::List(vec![s("year")])),
    ]);
    let index = records::index(recs, &schema).unwrap();
    for (from, to, want) in [
        (2005, 2015, vec!["both"]),
        (1980, 1995, vec!["both", "early"]),
        (1991, 2009, vec![]),
        (2010, 2010, vec!["both"]),
        (0, 9999, vec!["both", "early"]),
    ] {
        let filters = Filters::from_json(&map(&[
            ("yearFrom", Json::Num(from as f64)),
            ("yearTo", Json::Num(to as f64)),
        ]))
        .unwrap();
        let r = index
            .search(
                "text",
                &SearchOptions {
                    filters,
                    ..SearchOptions::default()
                },
            )
            .unwrap();
        let mut got: Vec<&str> = r.hits.iter().map(|h| h.id.as_str()).collect();
        got.sort_unstable();
        assert_eq!(got, want, "{from}..={to}");
    }
}

#[test]
fn a_facet_or_stored_field_may_not_take_the_name_of_a_hit_key() {
    for key in treatykit_core::records::RESERVED_KEYS {
        for part in ["facets", "store"] {
            let schema = map(&[
                ("fields", map(&[("body", map(&[]))])),
                (part, Json::List(vec![s(key)])),
            ]);
            let recs = vec![map(&[("id", s("a")), ("body", s("text")), (key, s("x"))])];
            let err = records::index(recs, &schema).unwrap_err();
            assert_eq!(err.code, Code::InvalidArgument, "{part}: {key}");
            assert!(err.message.contains("reserved hit keys"), "{}", err.message);
        }
    }
    // The reserved keys are exactly what a hit of an index without facets or stored fields
    // carries: none of them can be overwritten.
    let schema = map(&[("fields", map(&[("body", map(&[]))]))]);
    let recs = vec![map(&[("id", s("a")), ("body", s("text"))])];
    let index = records::index(recs, &schema).unwrap();
    let v: serde_json::Value = serde_json::from_str(
        &index
            .search_json("text", &SearchOptions::default())
            .unwrap(),
    )
    .unwrap();
    let mut keys: Vec<&str> = v["hits"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut reserved = treatykit_core::records::RESERVED_KEYS.to_vec();
    keys.sort_unstable();
    reserved.sort_unstable();
    assert_eq!(keys, reserved);
}

#[test]
fn a_word_being_typed_counts_every_completion_however_many_there_are() {
    // 300 distinct completions of "sku", one per record: every record matches, and every
    // page reaches them.
    let bodies: Vec<(String, String)> = (0..300)
        .map(|i| (format!("r{i:03}"), format!("item sku{i}")))
        .collect();
    let refs: Vec<(&str, &str)> = bodies
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let ix = body_index(&refs);
    for q in ["sku", "item sku", "sk"] {
        let opts = |offset| SearchOptions {
            offset,
            limit: 100,
            ..SearchOptions::default()
        };
        let r = ix.search(q, &opts(0)).unwrap();
        assert_eq!(r.total, 300, "{q}");
        let mut seen = std::collections::BTreeSet::new();
        for offset in [0, 100, 200] {
            let page = ix.search(q, &opts(offset)).unwrap();
            assert_eq!(page.hits.len(), 100, "{q} at {offset}");
            seen.extend(page.hits.into_iter().map(|h| h.id));
        }
        assert_eq!(seen.len(), 300, "{q}: every record on some page");
    }
}

#[test]
fn a_misspelt_word_being_typed_matches_within_one_edit_below_the_words_it_starts() {
    let ix = body_index(&[
        ("meant", "umuntfu unelilungelo lekuvikela"),
        ("starts", "umuntfu unelilungelo lekuvikeleka"),
        ("near", "umuntfu unelilungelo vikela"),
        ("visa", "a visa office"),
        ("visas", "two visas office"),
        ("vista", "a vista office"),
    ]);
    let ids = |q: &str, fuzzy: bool| -> Vec<String> {
        let opts = SearchOptions {
            fuzzy,
            ..SearchOptions::default()
        };
        let r = ix.search(q, &opts).unwrap();
        assert!(!r.relaxed, "{q}");
        r.hits.into_iter().map(|h| h.id).collect()
    };
    // (query, fuzzy, the hits in order): "lekuvikele" is no word, but starts "lekuvikeleka"
    // (a completion, first) and is one edit from "lekuvikela" (a typo, after it). Two edits
    // ("lekuvikelek") are too many beside completions, though the word is 8 letters long; a
    // word of the index ("visa") gets no typo candidates ("vista"), a word that is none
    // ("vist") does; and without fuzzy matching only completions count.
    let table: &[(&str, bool, &[&str])] = &[
        ("umuntfu lekuvikele", true, &["starts", "meant"]),
        ("lekuvikele", true, &["starts", "meant"]),
        ("lekuvikele", false, &["starts"]),
        ("umuntfu lekuvike", true, &["meant", "starts"]),
        ("office visa", true, &["visa", "visas"]),
        ("lekuvikelek", true, &["starts"]),
        ("vist", true, &["vista", "visa"]),
    ];
    for &(q, fuzzy, want) in table {
        assert_eq!(ids(q, fuzzy), want, "{q} (fuzzy: {fuzzy})");
    }
}

#[test]
fn facet_counts_say_where_the_closest_matches_are_when_the_filters_exclude_them_all() {
    let ix = coloured_index(&[("a", "xps laptop", "dell"), ("b", "walkman player", "sony")]);
    // No record has both words: unfiltered, the any-word fallback finds "a".
    let r = search_in_colours(&ix, "xps qqqq", &["dell", "sony"]);
    assert_eq!((r.total, r.relaxed), (1, true));
    // Filtered to sony, nothing is left to show, but the counts offer dell to widen to, as
    // they do for the query's word alone; the answer says they count closest matches.
    let r = search_in_colours(&ix, "xps qqqq", &["sony"]);
    assert_eq!((r.total, r.relaxed), (0, true));
    assert_eq!(colour_counts(&r), [("dell", 1)]);
    assert_eq!(
        colour_counts(&search_in_colours(&ix, "xps", &["sony"])),
        [("dell", 1)]
    );
    // A word that matches nothing at all, under any filter: no counts, not relaxed.
    let r = search_in_colours(&ix, "qqqq zzzz", &["sony"]);
    assert_eq!((r.total, r.relaxed), (0, false));
    assert_eq!(colour_counts(&r), []);
}

#[test]
fn a_phrase_being_typed_completes_its_last_word_until_the_quote_is_closed() {
    let ix = body_index(&[
        ("a", "noise cancelling headphones"),
        ("b", "cancelled noise complaints"),
        ("c", "noise canceling"),
    ]);
    let ids = |q: &str| -> Vec<String> {
        let r = ix.search(q, &SearchOptions::default()).unwrap();
        let mut ids: Vec<String> = r.hits.into_iter().map(|h| h.id).collect();
        ids.sort();
        ids
    };
    // Typing: "noise" then, right after it, a completion of "canc"; "cancelled noise" is
    // not the phrase being typed.
    assert_eq!(ids("\"noise canc"), ["a", "c"]);
    // Closed, or ended by a space: the exact phrase.
    assert_eq!(ids("\"noise cancelling\""), ["a"]);
    assert_eq!(ids("\"noise cancelling "), ["a"]);
    assert!(ids("\"noise canc\"").is_empty());
}

#[test]
fn the_snippet_of_a_phrase_comes_from_the_field_where_the_whole_phrase_stands() {
    let ix = names_and_description(
        "Geneva treaty",
        "1951 Refugee Convention; Geneva Convention",
        "The global refugee treaty, at the heart of refugee law and convention matters.",
    );
    // Closed, being typed, or with its last word half typed: the names, phrase marked.
    for q in [
        "\"refugee convention\"",
        "\"refugee convention",
        "\"refugee conv",
    ] {
        let r = ix.search(q, &SearchOptions::default()).unwrap();
        let h = &r.hits[0];
        assert_eq!(
            marked(&h.snippet, &h.highlights),
            ["Refugee", "Convention"],
            "{q}: {:?}",
            h.snippet
        );
    }
}

#[test]
fn words_of_a_phrase_are_marked_only_where_the_whole_phrase_stands() {
    let recs = vec![map(&[
        ("id", s("a")),
        ("title", s("难民与移民")),
        (
            "body",
            s(
                "The status of refugees differs from the status of other migrants: status of refugees.",
            ),
        ),
    ])];
    let schema = map(&[
        ("title", s("title")),
        ("fields", map(&[("title", map(&[])), ("body", map(&[]))])),
    ]);
    let ix = records::index(recs, &schema).unwrap();
    let marks = |q: &str| -> (Vec<String>, Vec<String>) {
        let r = ix.search(q, &SearchOptions::default()).unwrap();
        let h = &r.hits[0];
        (
            marked(&h.title, &h.title_highlights),
            marked(&h.snippet, &h.highlights),
        )
    };
    // 难民 is a phrase of two characters: the 民 of 移民 is not marked.
    assert_eq!(marks("难民").0, ["难民"]);
    // Only the two whole occurrences of the phrase, not "status of other".
    assert_eq!(
        marks("\"status of refugees\"").1,
        ["status", "of", "refugees", "status", "of", "refugees"]
    );
    // A word outside the phrase is marked everywhere, also where the phrase has it.
    assert_eq!(
        marks("\"of refugees\" status").1,
        [
            "status", "of", "refugees", "status", "status", "of", "refugees"
        ]
    );
}

#[test]
fn a_near_spelling_answer_that_the_filters_empty_still_says_it_is_relaxed() {
    let ix = coloured_index(&[("a", "charter 9 text", "red"), ("b", "chapter one", "blue")]);
    // No record has "chapter" and "9": read as "charter 9", record a answers, relaxed.
    let r = search_in_colours(&ix, "chapter 9", &["red", "blue"]);
    assert_eq!((r.total, r.relaxed), (1, true));
    // Under a blue filter nothing is left, and the answer still says its counts are of
    // closest matches, where they are.
    let r = search_in_colours(&ix, "chapter 9", &["blue"]);
    assert_eq!((r.total, r.relaxed), (0, true));
    assert_eq!(colour_counts(&r), [("red", 1)]);
}

#[test]
fn null_items_of_facet_and_stored_lists_are_left_out_as_in_text_fields() {
    let recs = vec![map(&[
        ("id", s("a")),
        ("body", s("tagged record")),
        ("tags", Json::List(vec![s("v"), Json::Null, Json::Num(2.0)])),
        ("extra", Json::List(vec![Json::Null, Json::Bool(true)])),
    ])];
    let schema = map(&[
        ("fields", map(&[("body", map(&[]))])),
        ("facets", Json::List(vec![s("tags")])),
        ("store", Json::List(vec![s("extra")])),
    ]);
    let ix = records::index(recs, &schema).unwrap();
    let r = ix.search("tagged", &SearchOptions::default()).unwrap();
    let values: Vec<&str> = r
        .facets
        .get("tags")
        .unwrap()
        .iter()
        .map(|c| c.value.as_str())
        .collect();
    assert_eq!(values, ["2", "v"]);
    let json = ix.search_json("tagged", &SearchOptions::default()).unwrap();
    assert!(json.contains(r#""tags":["v","2"]"#), "{json}");
    assert!(json.contains(r#""extra":["true"]"#), "{json}");
}

#[test]
fn dotted_keys_read_nested_maps_whole_keys_first_through_at_most_four_parts() {
    let deep = |leaf: Json| map(&[("b", map(&[("c", map(&[("d", map(&[("e", leaf)]))]))]))]);
    let record = map(&[
        ("ref", map(&[("id", s("r1"))])),
        (
            "meta",
            map(&[("title", s("Nested title")), ("lang", s("fr"))]),
        ),
        ("meta.lang", s("whole")),
        ("a", deep(s("five parts"))),
        ("x", map(&[("y", map(&[("z", s("three parts"))]))])),
        ("flat", s("not a map")),
    ]);
    // (key, what it reads)
    let table: &[(&str, Option<Json>)] = &[
        ("ref.id", Some(s("r1"))),
        ("meta.title", Some(s("Nested title"))),
        // The whole key, not the path.
        ("meta.lang", Some(s("whole"))),
        ("x.y.z", Some(s("three parts"))),
        (
            "a.b.c.d",
            Some(
                deep(s("five parts"))
                    .get("b")
                    .unwrap()
                    .get("c")
                    .unwrap()
                    .get("d")
                    .unwrap()
                    .clone(),
            ),
        ),
        // Five parts: too deep to follow.
        ("a.b.c.d.e", None),
        ("flat.len", None),
        ("meta.", None),
        ("missing.title", None),
        ("meta.missing", None),
    ];
    for (key, want) in table {
        assert_eq!(record.get(key), want.as_ref(), "{key}");
    }
    // Through records::index: id, title, fields and facets all read paths.
    let schema = map(&[
        ("id", s("ref.id")),
        ("title", s("meta.title")),
        (
            "fields",
            map(&[("meta.title", map(&[])), ("x.y.z", map(&[]))]),
        ),
        ("facets", Json::List(vec![s("meta.lang")])),
    ]);
    let index = records::index(vec![record], &schema).unwrap();
    let r = index.search("three", &SearchOptions::default()).unwrap();
    assert_eq!(r.hits.len(), 1);
    assert_eq!(
        (r.hits[0].id.as_str(), r.hits[0].title.as_str()),
        ("r1", "Nested title")
    );
    assert_eq!(
        r.hits[0].field("meta.lang"),
        Some(&treatykit_core::document::Value::Str("whole".into()))
    );
}

/// One record with a title (boost 4), a field of other names (boost 2) and a description
/// (boost 1), indexed alone.
fn names_and_description(title: &str, names: &str, description: &str) -> Index {
    let schema = map(&[
        ("title", s("title")),
        (
            "fields",
            map(&[
                ("title", map(&[("boost", Json::Num(4.0))])),
                ("names", map(&[("boost", Json::Num(2.0))])),
                ("description", map(&[])),
            ]),
        ),
    ]);
    let record = map(&[
        ("id", s("r1")),
        ("title", s(title)),
        ("names", s(names)),
        ("description", s(description)),
    ]);
    records::index(vec![record], &schema).unwrap()
}

#[test]
fn snippets_come_from_prose_rather_than_a_boosted_field_of_names() {
    // The names say "visa" twice, the description once: the snippet shows the description,
    // which says more than names echoing the title. A field that holds more of the query's
    // words still wins whatever its boost.
    let index = names_and_description(
        "Student visa",
        "Study visa; visa for students; F-1",
        "Lets a student admitted to a course stay for its length; a visa holder may work part-time.",
    );
    for (q, shown) in [
        ("visa", "a visa holder"),
        ("student visa", "a visa holder"),
        ("visa f-1", "F-1"),
    ] {
        let r = index.search(q, &SearchOptions::default()).unwrap();
        let h = &r.hits[0];
        assert!(h.snippet.contains(shown), "{q}: {:?}", h.snippet);
    }
}

#[test]
fn a_snippet_field_counts_the_query_words_it_shows_not_their_forms() {
    // The names hold "refugee" and "refugees", the description only "refugee": both show
    // the one word of `refugee` (and both of `refugee travel`), so the description (lower
    // boost) gives the snippet, though the names hold two of the terms the word matched.
    let index = names_and_description(
        "Travel documents",
        "Refugee travel document; refugees' passport",
        "Papers that let a refugee travel abroad and come back.",
    );
    for q in ["refugee", "refugee travel"] {
        let r = index.search(q, &SearchOptions::default()).unwrap();
        assert!(
            r.hits[0].snippet.starts_with("Papers"),
            "{q}: {:?}",
            r.hits[0].snippet
        );
    }
}

#[test]
fn the_field_holding_the_title_gives_no_snippet_whatever_its_name() {
    // (title key, body key): the hit shows its title whole, so the snippet comes from the
    // body, however the title's field is named.
    for (title, body) in [("title", "body"), ("name", "text"), ("t", "b")] {
        let schema = map(&[
            ("title", s(title)),
            (
                "fields",
                map(&[(title, map(&[("boost", Json::Num(2.0))])), (body, map(&[]))]),
            ),
        ]);
        let record = map(&[
            ("id", s("n2")),
            (title, s("Titres de voyage")),
            (body, s("Les réfugiés reçoivent des titres.")),
        ]);
        let index = records::index(vec![record], &schema).unwrap();
        let r = index.search("voyage", &SearchOptions::default()).unwrap();
        let h = &r.hits[0];
        assert_eq!(h.snippet, "Les réfugiés reçoivent des titres.", "{title}");
        assert_eq!(h.title_highlights, vec![[10, 16]], "{title}");
        // A record with only its title still has a snippet: the title.
        let alone = map(&[("id", s("x")), (title, s("Titres de voyage"))]);
        let index = records::index(vec![alone], &schema).unwrap();
        let r = index.search("voyage", &SearchOptions::default()).unwrap();
        assert_eq!(r.hits[0].snippet, "Titres de voyage", "{title} alone");
    }
}
