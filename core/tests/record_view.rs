//! `Catalog::record(id)`: the full view of every record of the fixture corpus, the uncertainty
//! flags it must carry, its links to other records, and the error for ids that name nothing.

use std::path::Path;
use treatykit_core::catalog::Catalog;
use treatykit_core::record_view::{self, FlagLevel, RecordView, article_ref, human_date, safe_url};
use treatykit_core::{Code, JsClass, authoring, format};

fn fixture() -> Catalog {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    let compiled = authoring::compile_dir(&dir).expect("the fixture corpus validates");
    Catalog::from_bytes(&format::encode(&compiled)).expect("the fixture corpus decodes")
}

#[test]
fn every_searchable_document_opens_as_a_record_of_the_same_kind_and_title() {
    let cat = fixture();
    assert!(
        cat.documents().len() >= 10,
        "the fixture has records of many kinds"
    );
    for doc in cat.documents() {
        let view = cat
            .record(&doc.id)
            .unwrap_or_else(|e| panic!("{}: {e}", doc.id));
        assert_eq!(view.kind(), doc.kind, "{}", doc.id);
        assert_eq!(view.common().id, doc.id);
        assert_eq!(view.common().title, doc.title, "{}", doc.id);
        assert!(
            !view.common().citation.is_empty(),
            "{} has a citation",
            doc.id
        );
        assert!(!view.common().kind_label.is_empty());
        assert_eq!(view.common().corpus_date, "2026-11-23");
    }
}

#[test]
fn an_unknown_id_is_a_range_error_with_code_unknown_record_naming_the_id() {
    let cat = fixture();
    for id in [
        "no-such-record",
        "",
        "REFUGEE-CONVENTION",
        "objective-99",
        "objective-",
    ] {
        let err = cat.record(id).expect_err(id);
        assert_eq!(err.code, Code::UnknownRecord, "{id:?}");
        assert_eq!(err.class, JsClass::RangeError);
        assert!(err.message.contains(&format!("{id:?}")), "{}", err.message);
    }
}

#[test]
fn a_huge_unknown_id_is_echoed_only_in_part() {
    let id = "x".repeat(100_000);
    let err = fixture().record(&id).expect_err("unknown");
    assert!(
        err.message.len() < 300,
        "message stays short: {} bytes",
        err.message.len()
    );
    assert!(err.message.contains('…'));
    let multibyte = "é".repeat(1_000);
    let err = fixture().record(&multibyte).expect_err("unknown");
    assert!(err.message.chars().filter(|&c| c == 'é').count() == record_view::ID_ECHO_MAX_CHARS);
}

#[test]
fn an_instrument_carries_dated_parties_key_articles_and_the_rights_it_anchors() {
    let RecordView::Instrument(v) = fixture().record("refugee-convention").unwrap() else {
        panic!("an instrument");
    };
    let parties = v.parties.as_ref().expect("party count");
    assert_eq!(parties.count, Some(146));
    assert_eq!(parties.as_of.as_deref(), Some("2024-07-26"));
    assert!(parties.verified);
    assert!(
        v.common.flags.iter().all(|f| f.field != "parties"),
        "a verified count is not flagged"
    );
    assert_eq!(v.key_articles[0].article, "33(1)");
    assert!(
        v.anchored_rights
            .iter()
            .any(|r| r.id == "non-refoulement" && r.article == "33(1)")
    );
    assert_eq!(v.legal_status, "binding");
    assert_eq!(v.gcm_objectives[0].number, 7);
    assert_eq!(v.gcm_objectives[0].id, "objective-7");
    assert_eq!(v.gcm_objectives[0].short_label, "Reduce vulnerabilities");
    assert_eq!(v.type_of.label, "Treaty");
    assert_eq!(v.categories[0].label, "Refugee");
    assert_eq!(
        v.url.as_deref(),
        Some("https://www.unhcr.org/media/convention-and-protocol-relating-status-refugees")
    );
    let cite = &v.common.citation;
    for part in [
        "Convention relating to the Status of Refugees",
        "28 July 1951",
        "22 April 1954",
        "https://www.unhcr.org/",
    ] {
        assert!(cite.contains(part), "citation {cite:?} lacks {part:?}");
    }
}

#[test]
fn an_unverified_party_count_is_flagged_and_never_presented_as_fact() {
    let RecordView::Instrument(v) = fixture().record("statelessness-1954").unwrap() else {
        panic!("an instrument");
    };
    let parties = v.parties.as_ref().expect("party count");
    assert!(!parties.verified);
    assert_eq!(parties.as_of.as_deref(), Some("2024"));
    let f = v
        .common
        .flags
        .iter()
        .find(|f| f.field == "parties")
        .expect("flagged");
    assert_eq!(f.level, FlagLevel::Unverified);
}

#[test]
fn a_medium_confidence_resource_is_flagged_with_its_note_and_links_its_objectives() {
    let RecordView::Resource(v) = fixture().record("ohchr-esc-rights-irregular").unwrap() else {
        panic!("a resource");
    };
    assert_eq!(v.confidence, "medium");
    let f = v
        .common
        .flags
        .iter()
        .find(|f| f.field == "identification")
        .expect("flagged");
    assert_eq!(f.level, FlagLevel::Uncertain);
    assert_eq!(Some(&f.message), v.confidence_note.as_ref());
    assert_eq!(
        v.gcm_objectives[0].label,
        "Give migrants access to basic services"
    );
    assert_eq!(v.year, Some(2014));
    assert!(
        v.common
            .citation
            .starts_with("OHCHR (2014). The Economic, Social"),
        "{}",
        v.common.citation
    );
    assert_eq!(v.urls[0].url.as_deref(), Some(v.urls[0].text.as_str()));
}

#[test]
fn a_category_shows_its_inheritance_both_ways_and_flags_assumed_links() {
    let cat = fixture();
    let RecordView::Category(refugee) = cat.record("refugee").unwrap() else {
        panic!("a category");
    };
    assert_eq!(refugee.inherits[0].id, "visitor");
    assert_eq!(refugee.inherits[0].title, "Visitor");
    assert!(!refugee.inherits_established);
    let fields: Vec<_> = refugee
        .common
        .flags
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert!(
        fields.contains(&"inherits") && fields.contains(&"mimcChapter"),
        "{fields:?}"
    );
    assert_eq!(
        refugee.chapter.as_ref().map(|c| c.id.as_str()),
        Some("mimc-chapter-5")
    );
    let RecordView::Category(visitor) = cat.record("visitor").unwrap() else {
        panic!("a category");
    };
    assert!(visitor.inherited_by.iter().any(|c| c.id == "refugee"));
    assert!(
        visitor.common.flags.is_empty(),
        "the sourced visitor floor has no flag"
    );
}

#[test]
fn a_right_lists_its_anchors_with_instrument_names_binding_force_and_verification() {
    let cat = fixture();
    let RecordView::Right(r) = cat.record("nationality-documents").unwrap() else {
        panic!("a right");
    };
    let a = &r.anchors[0];
    assert_eq!(a.instrument_id, "statelessness-1954");
    assert_eq!(a.instrument_short_name, "1954 Convention");
    assert!(a.binding && !a.verified);
    assert!(r.binding);
    assert_eq!(r.holders[0].title, "Visitor");
    assert!(
        r.common
            .flags
            .iter()
            .any(|f| f.level == FlagLevel::Unverified)
    );
    assert_eq!(
        r.common.citation,
        "Identity papers: 1954 Convention art. 27 [unverified]"
    );
}

#[test]
fn chapters_with_unconfirmed_titles_say_so_in_the_citation_and_the_flags() {
    let RecordView::Chapter(ch) = fixture().record("mimc-chapter-5").unwrap() else {
        panic!("a chapter");
    };
    assert!(!ch.title_certain);
    assert!(
        ch.common.citation.contains("title not confirmed"),
        "{}",
        ch.common.citation
    );
    assert!(
        ch.common
            .flags
            .iter()
            .any(|f| f.field == "title" && f.level == FlagLevel::Assumed)
    );
}

#[test]
fn objectives_open_by_their_id_and_list_the_records_that_relate_to_them() {
    let RecordView::Objective(o) = fixture().record("objective-15").unwrap() else {
        panic!("an objective");
    };
    assert_eq!(o.number, 15);
    assert!(
        o.related
            .iter()
            .any(|r| r.id == "ohchr-esc-rights-irregular")
    );
    assert!(o.common.citation.contains("Objective 15"));
}

#[test]
fn only_http_and_https_sources_become_links() {
    let table = [
        ("https://treaties.un.org/", true),
        ("HTTP://example.org/x?y#z", true),
        ("javascript:alert(1)", false),
        ("https://", false),
        ("https:///path", false),
        ("https://exa mple.org", false),
        ("data:text/html,hi", false),
        ("UN Treaty Collection", false),
        ("", false),
    ];
    for (s, link) in table {
        assert_eq!(safe_url(s).is_some(), link, "{s:?}");
    }
}

#[test]
fn dates_read_as_people_write_them() {
    for (raw, human) in [
        ("1951-07-28", "28 July 1951"),
        ("2021-11", "November 2021"),
        ("2024", "2024"),
        ("not a date", "not a date"),
    ] {
        assert_eq!(human_date(raw), human);
    }
}

#[test]
fn article_references_get_art_only_when_they_are_bare_numbers() {
    for (raw, shown) in [
        ("33(1)", "art. 33(1)"),
        ("5(d)(ii)", "art. 5(d)(ii)"),
        ("II(3)", "art. II(3)"),
        ("12bis", "art. 12bis"),
        ("Protocol No. 4, art. 4", "Protocol No. 4, art. 4"),
        ("para. 29 (objective 13)", "para. 29 (objective 13)"),
        ("Guideline 3", "Guideline 3"),
        ("", ""),
    ] {
        assert_eq!(article_ref(raw), shown, "{raw:?}");
    }
}

#[test]
fn every_record_of_the_real_corpus_opens_with_a_citation_and_safe_links_only() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let compiled = authoring::compile_dir(&dir).expect("the real corpus validates");
    let cat = Catalog::from_bytes(&format::encode(&compiled)).expect("decodes");
    let mut flagged = 0;
    for doc in cat.documents() {
        let view = cat
            .record(&doc.id)
            .unwrap_or_else(|e| panic!("{}: {e}", doc.id));
        let common = view.common();
        assert_eq!(common.title, doc.title);
        assert!(
            !common.citation.trim().is_empty(),
            "{} has a citation",
            doc.id
        );
        for s in &common.sources {
            if let Some(url) = &s.url {
                assert!(
                    url.starts_with("http://") || url.starts_with("https://"),
                    "{url}"
                );
            }
        }
        flagged += usize::from(!common.flags.is_empty());
        if let RecordView::Instrument(i) = &view
            && let Some(p) = &i.parties
            && p.count.is_some()
        {
            assert!(
                p.as_of.is_some() || (!p.verified && p.note.is_some()),
                "{}: a party count is dated, or flagged with a note saying its source is not",
                doc.id
            );
            let has_flag = common.flags.iter().any(|f| f.field == "parties");
            assert_eq!(
                has_flag, !p.verified,
                "{}: unverified counts and only they are flagged",
                doc.id
            );
        }
    }
    assert!(
        flagged > 0,
        "the real corpus has uncertain facts, and they are flagged"
    );
}

#[test]
fn the_convention_lists_its_chapters_by_number_whatever_the_data_order() {
    // The real corpus: the fixture has no convention.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let mut compiled = authoring::compile_dir(&dir).expect("the corpus validates");
    assert!(
        compiled.corpus.chapters.len() >= 2,
        "the corpus has chapters"
    );
    compiled.corpus.chapters.reverse();
    let id = compiled.corpus.convention.as_ref().unwrap().id.clone();
    let cat = Catalog::from_bytes(&format::encode(&compiled)).unwrap();
    let RecordView::Convention(v) = cat.record(&id).unwrap() else {
        panic!("{id} is the convention");
    };
    let number = |chapter: &str| {
        let c = cat.corpus().chapters.iter().find(|c| c.id == chapter);
        c.unwrap().number
    };
    let numbers: Vec<u8> = v.chapters.iter().map(|c| number(&c.id)).collect();
    assert_eq!(numbers.len(), compiled.corpus.chapters.len());
    assert!(numbers.is_sorted(), "{numbers:?}");
}

#[test]
fn a_link_no_reviewed_source_gives_is_flagged_and_kept_out_of_the_sources() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let compiled = authoring::compile_dir(&dir).expect("the real corpus validates");
    let cat = Catalog::from_bytes(&format::encode(&compiled)).expect("decodes");
    let (mut unchecked, mut unlinked) = (0, 0);
    for i in &compiled.corpus.instruments {
        let RecordView::Instrument(v) = cat.record(&i.id).unwrap() else {
            panic!("{} is an instrument", i.id);
        };
        let flagged = v.common.flags.iter().any(|f| f.field == "url");
        assert_eq!(
            flagged, !i.url_checked,
            "{}: only unchecked links are flagged",
            i.id
        );
        if !i.url_checked {
            unchecked += 1;
            assert!(
                v.common
                    .sources
                    .iter()
                    .all(|s| s.url.as_deref() != Some(i.url.as_str())),
                "{}: an unchecked link is not a source of the facts",
                i.id
            );
        }
    }
    for r in &compiled.corpus.resources {
        let RecordView::Resource(v) = cat.record(&r.id).unwrap() else {
            panic!("{} is a resource", r.id);
        };
        let flagged = v.common.flags.iter().any(|f| f.field == "urls");
        assert_eq!(flagged, r.urls.is_empty(), "{}", r.id);
        unlinked += usize::from(r.urls.is_empty());
    }
    assert!(
        unchecked > 0 && unlinked > 0,
        "the real corpus has both cases"
    );
}

/// The real corpus, compiled, and its catalog.
fn real() -> (treatykit_core::schema::Corpus, Catalog) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let compiled = authoring::compile_dir(&dir).expect("the real corpus validates");
    let cat = Catalog::from_bytes(&format::encode(&compiled)).expect("decodes");
    (compiled.corpus, cat)
}

#[test]
fn every_right_citing_an_instrument_whose_link_is_unchecked_shows_that_link_as_not_checked() {
    let (corpus, cat) = real();
    let instrument = |id: &str| corpus.instruments.iter().find(|i| i.id == id).unwrap();
    let mut rights_with_unchecked = 0;
    for r in &corpus.rights {
        let RecordView::Right(v) = cat.record(&r.id).unwrap() else {
            panic!("{} is a right", r.id);
        };
        let cited: Vec<_> = r
            .anchors
            .iter()
            .map(|a| instrument(&a.instrument))
            .collect();
        let unchecked: Vec<_> = cited.iter().filter(|i| !i.url_checked).collect();
        // Every instrument's link is still listed, marked exactly when no reviewed source gives it.
        for i in &cited {
            let s = v
                .common
                .sources
                .iter()
                .find(|s| s.text == i.url)
                .unwrap_or_else(|| panic!("{}: {} is among the sources", r.id, i.url));
            assert_eq!(s.checked, i.url_checked, "{}: the link of {}", r.id, i.id);
            let json = serde_json::to_value(s).unwrap();
            assert_eq!(
                json.get("checked"),
                (!i.url_checked).then_some(&serde_json::Value::Bool(false)),
                "{}: `checked: false` is sent for {} only when unchecked",
                r.id,
                i.id
            );
        }
        let flag = v.common.flags.iter().find(|f| f.field == "sources");
        assert_eq!(
            flag.is_some(),
            !unchecked.is_empty(),
            "{}: flagged exactly when a source link is unchecked",
            r.id
        );
        if let Some(f) = flag {
            rights_with_unchecked += 1;
            assert_eq!(f.level, FlagLevel::Unverified, "{}", r.id);
            for i in &unchecked {
                assert!(
                    f.message.contains(&i.short_name),
                    "{}: the flag names {}: {:?}",
                    r.id,
                    i.short_name,
                    f.message
                );
            }
        }
    }
    assert!(
        rights_with_unchecked > 0,
        "the real corpus has rights citing unchecked links"
    );
}

#[test]
fn a_right_citation_marks_every_unverified_or_uncertain_article_and_no_checked_certain_one() {
    use treatykit_core::schema::Confidence;
    let (corpus, cat) = real();
    let (mut marked, mut plain) = (0, 0);
    for r in corpus.rights.iter().filter(|r| !r.anchors.is_empty()) {
        let RecordView::Right(v) = cat.record(&r.id).unwrap() else {
            panic!("{} is a right", r.id);
        };
        let cited = v
            .common
            .citation
            .strip_prefix(&format!("{}: ", r.name))
            .unwrap_or_else(|| panic!("{}: {:?}", r.id, v.common.citation));
        let parts: Vec<&str> = cited.split("; ").collect();
        assert_eq!(parts.len(), r.anchors.len(), "{}: {cited:?}", r.id);
        for ((a, view), part) in r.anchors.iter().zip(&v.anchors).zip(parts) {
            let plain_cite = format!("{} {}", view.instrument_short_name, article_ref(&a.article));
            // (mark expected, words it must say)
            let table: [(bool, &str); 3] = [
                (!a.verified, "unverified"),
                (a.confidence == Confidence::Medium, "uncertain"),
                (a.confidence == Confidence::Low, "low confidence"),
            ];
            let weak = table.iter().any(|(w, _)| *w);
            if weak {
                marked += 1;
                assert!(
                    part.starts_with(&format!("{plain_cite} [")) && part.ends_with(']'),
                    "{}: {part:?} is marked",
                    r.id
                );
                for (expected, word) in table {
                    assert_eq!(
                        part.contains(word),
                        expected,
                        "{}: {part:?} says {word:?} exactly when it applies",
                        r.id
                    );
                }
            } else {
                plain += 1;
                assert_eq!(
                    part, plain_cite,
                    "{}: a checked, certain article is cited plain",
                    r.id
                );
            }
        }
    }
    assert!(marked > 0 && plain > 0, "the real corpus has both kinds");
    let RecordView::Right(v) = cat.record("higher-education-recognition").unwrap() else {
        panic!("a right");
    };
    assert!(
        v.common
            .citation
            .contains("art. III [unverified, low confidence]"),
        "{}",
        v.common.citation
    );
}

#[test]
fn a_resource_citation_marks_an_identification_that_is_not_certain() {
    use treatykit_core::schema::Confidence;
    let (corpus, cat) = real();
    let mut seen = [false; 3];
    for r in &corpus.resources {
        let RecordView::Resource(v) = cat.record(&r.id).unwrap() else {
            panic!("{} is a resource", r.id);
        };
        let cite = &v.common.citation;
        let table = [
            (
                Confidence::Medium,
                format!("[{}]", record_view::MEDIUM_RESOURCE_MARK),
            ),
            (
                Confidence::Low,
                format!("[{}]", record_view::LOW_RESOURCE_MARK),
            ),
        ];
        for (level, mark) in &table {
            assert_eq!(
                cite.contains(mark.as_str()),
                r.confidence == *level,
                "{}: {cite:?} carries {mark:?} exactly when its confidence is {level:?}",
                r.id
            );
        }
        seen[r.confidence as usize] = true;
    }
    assert_eq!(seen, [true; 3], "the real corpus has all three levels");
}

#[test]
fn an_instrument_citation_marks_a_link_no_reviewed_source_gives() {
    let (corpus, cat) = real();
    for i in &corpus.instruments {
        let RecordView::Instrument(v) = cat.record(&i.id).unwrap() else {
            panic!("{} is an instrument", i.id);
        };
        let cite = &v.common.citation;
        assert_eq!(
            cite.contains(record_view::UNCHECKED_LINK_MARK),
            !i.url_checked && v.url.is_some(),
            "{}: {cite:?}",
            i.id
        );
        if let Some(url) = &v.url {
            assert!(cite.contains(url.as_str()), "{}: the link stays", i.id);
        }
    }
}
