//! Build-time rules the rights lookup relies on: each broken corpus fails validation with a
//! message that says what is wrong, and the valid base corpus passes.

use treatykit_core::authoring::parse_file;
use treatykit_core::validate::{mimc_article_numbers, validate};

const BASE: &str = r#"
[meta]
corpus_date = "2026-11-23"
edition = "test"

[[type]]
id = "treaty"
label = "Treaty"

[[instrument]]
id = "vccr"
short_name = "VCCR"
title = "Vienna Convention on Consular Relations"
adopted = "1963-04-24"
in_force = "1967-03-19"
body = "UN Conference on Consular Relations"
publisher = "United Nations"
binding = true
type = "treaty"
scope = "global"
url = "https://legal.un.org/"
summary = "Consular relations between States, and consular access for detained nationals."
sources = ["https://treaties.un.org/"]

[[category]]
id = "visitor"
label = "Visitor"
group = "mimc"
definition = "Anyone who has crossed a border into a State."
definition_source = "Declaration on non-nationals, art. 1. The MIMC places the visitor floor in Chapter I."
mimc_chapter_certain = false
inherits = []
inherits_established = true

[[category]]
id = "refugee"
label = "Refugee"
group = "mimc"
definition = "Someone outside their country who fears persecution there."
definition_source = "1951 Convention, art. 1A(2)."
mimc_chapter_certain = false
inherits = ["visitor"]
inherits_established = false
inherits_note = "Assumed, for the test."
"#;

const RIGHT: &str = r#"
[[right]]
id = "consular-access"
name = "Consular access"
description = "A detained foreigner may ask that their consulate be told and may talk to consular officers."
group = "procedural"
holders = ["visitor"]
note = "Its MIMC article number is unknown."
[[right.anchors]]
instrument = "vccr"
article = "36(1)(b)"
confidence = "high"
verified = true
"#;

fn problems(extra: &str) -> Vec<String> {
    let text = format!("{BASE}{extra}");
    let corpus = parse_file("test.toml", &text).expect("test data parses");
    match validate(&[("test.toml".into(), corpus)]) {
        Ok(_) => Vec::new(),
        Err(ps) => ps.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn the_base_corpus_with_a_right_is_valid() {
    assert_eq!(problems(RIGHT), Vec::<String>::new());
}

#[test]
fn each_broken_rights_corpus_fails_with_a_message_naming_the_problem() {
    let table: Vec<(&str, String, &str)> = vec![
        (
            "an anchor names an instrument that does not exist",
            RIGHT.replace("instrument = \"vccr\"", "instrument = \"vccr-1964\""),
            "consular-access: unknown instrument `vccr-1964`",
        ),
        (
            "a right has no anchor",
            format!(
                "{}anchors = []\n",
                &RIGHT[..RIGHT.find("[[right.anchors]]").unwrap()]
            ),
            "a right needs at least one anchor",
        ),
        (
            "a right names a holder that does not exist",
            RIGHT.replace("holders = [\"visitor\"]", "holders = [\"astronaut\"]"),
            "unknown category `astronaut`",
        ),
        (
            "a right has no holder",
            RIGHT.replace("holders = [\"visitor\"]", "holders = []"),
            "at least one holder",
        ),
        (
            "a holder is listed twice",
            RIGHT.replace(
                "holders = [\"visitor\"]",
                "holders = [\"refugee\", \"visitor\", \"refugee\"]",
            ),
            "`holders` lists `refugee` twice",
        ),
        (
            "the same anchor is listed twice",
            format!(
                "{RIGHT}[[right.anchors]]\ninstrument = \"vccr\"\narticle = \"36(1)(b)\"\n\
                 confidence = \"medium\"\nverified = false\n"
            ),
            "anchor `vccr` art. 36(1)(b) is listed twice",
        ),
        (
            "a description cites a MIMC article",
            RIGHT.replace("consular officers.", "consular officers (MIMC art. 12)."),
            "`description` cites MIMC article 12",
        ),
        (
            "a note cites an article of the MIMC",
            RIGHT.replace(
                "Its MIMC article number is unknown.",
                "See Article 40 of the MIMC.",
            ),
            "`note` cites MIMC article 40",
        ),
        (
            "a category's inheritance note cites a MIMC article",
            format!(
                "{RIGHT}{}",
                BASE.replace("id = \"refugee\"", "id = \"asylum-seeker\"")
                    .split("[[category]]")
                    .nth(2)
                    .map(|c| format!("[[category]]{c}"))
                    .unwrap()
                    .replace("Assumed, for the test.", "MIMC's article 7 says so.")
            ),
            "asylum-seeker: `inherits_note` cites MIMC article 7",
        ),
    ];
    for (what, extra, expected) in table {
        let found = problems(&extra);
        assert!(
            found.iter().any(|p| p.contains(expected)),
            "{what}: expected a problem containing {expected:?}, got {found:?}"
        );
    }
}

#[test]
fn a_category_inheriting_the_same_parent_twice_fails() {
    let text = BASE.replace(
        "inherits = [\"visitor\"]",
        "inherits = [\"visitor\", \"visitor\"]",
    );
    let corpus = parse_file("t.toml", &text).unwrap();
    let err = validate(&[("t.toml".into(), corpus)]).unwrap_err();
    assert!(
        err.iter()
            .any(|p| p.to_string() == "t.toml: refugee: `inherits` lists `visitor` twice"),
        "{err:?}"
    );
}

#[test]
fn assumed_links_must_be_links_of_the_category_and_only_with_established_false() {
    let with = |established: &str, assumed: &str| {
        BASE.replace(
            "inherits = [\"visitor\"]\ninherits_established = false",
            &format!("inherits = [\"visitor\"]\ninherits_established = {established}\ninherits_assumed = {assumed}"),
        )
    };
    let cases: [(&str, &str, Option<&str>); 5] = [
        ("false", "[\"visitor\"]", None),
        ("false", "[]", None),
        (
            "false",
            "[\"tourist\"]",
            Some("`inherits_assumed` lists `tourist`, which is not in `inherits`"),
        ),
        (
            "false",
            "[\"visitor\", \"visitor\"]",
            Some("`inherits_assumed` lists `visitor` twice"),
        ),
        (
            "true",
            "[\"visitor\"]",
            Some("while `inherits_established = true`"),
        ),
    ];
    for (established, assumed, expected) in cases {
        let text = with(established, assumed);
        assert!(text.contains("inherits_assumed"), "the case edits the data");
        let corpus = parse_file("t.toml", &text).unwrap();
        let found: Vec<String> = match validate(&[("t.toml".into(), corpus)]) {
            Ok(_) => Vec::new(),
            Err(ps) => ps.iter().map(ToString::to_string).collect(),
        };
        match expected {
            None => assert_eq!(found, Vec::<String>::new(), "{established} {assumed}"),
            Some(e) => assert!(
                found.iter().any(|p| p.contains("refugee") && p.contains(e)),
                "{established} {assumed}: expected {e:?}, got {found:?}"
            ),
        }
    }
}

#[test]
fn an_inheritance_cycle_fails_the_build() {
    let text = BASE.replace("inherits = []", "inherits = [\"refugee\"]");
    let corpus = parse_file("t.toml", &text).unwrap();
    let err = validate(&[("t.toml".into(), corpus)]).unwrap_err();
    assert!(
        err.iter().any(|p| p.message.contains("inheritance cycle")),
        "{err:?}"
    );
}

#[test]
fn mimc_article_numbers_are_found_only_next_to_both_mimc_and_article() {
    let table: [(&str, &[u16]); 12] = [
        ("MIMC art. 12", &[12]),
        ("under the MIMC, Article 5(2), States may", &[5]),
        ("the MIMC's article 30 says", &[30]),
        ("article 7 of the MIMC", &[7]),
        ("Art. 8 of MIMC and art. 9 MIMC", &[8, 9]),
        ("its MIMC article number is unknown", &[]),
        ("The 2017 text has 213 articles in eight chapters.", &[]),
        (
            "Declaration, art. 1). The MIMC places the floor in Chapter I.",
            &[],
        ),
        ("ICCPR art. 12(2)", &[]),
        ("MIMC Chapter V", &[]),
        ("MIMC articles", &[]),
        ("", &[]),
    ];
    for (text, expected) in table {
        assert_eq!(mimc_article_numbers(text), expected, "{text}");
    }
}

#[test]
fn a_mimc_article_number_is_allowed_once_an_article_record_carries_it() {
    let extra = format!(
        "{}\n[convention]\nid = \"mimc\"\nshort_name = \"MIMC\"\ntitle = \"Model International Mobility Convention\"\n\
         version = \"2017 text\"\nyear = 2017\narticle_count = 213\nchapter_count = 8\nsummary = \"A model treaty.\"\n\
         drafted_by = \"A commission.\"\npublication = \"A journal.\"\nurls = [\"https://mobilityconvention.columbia.edu/\"]\n\
         sources = [\"https://mobilityconvention.columbia.edu/\"]\n\
         [[chapter]]\nid = \"mimc-chapter-1\"\nnumber = 1\nnumeral = \"I\"\ntitle = \"Visitors\"\ntitle_certain = true\n\
         summary = \"The floor.\"\nsources = [\"https://mobilityconvention.columbia.edu/\"]\n\
         [[article]]\nid = \"mimc-article-12\"\nnumber = 12\nchapter = 1\nheading = \"Consular access\"\n\
         summary = \"Our summary.\"\nsources = [\"https://mobilityconvention.columbia.edu/\"]\n",
        RIGHT.replace("consular officers.", "consular officers (MIMC art. 12).")
    );
    assert_eq!(problems(&extra), Vec::<String>::new());
    let thirteen = extra.replace("(MIMC art. 12)", "(MIMC art. 13)");
    assert!(
        problems(&thirteen)
            .iter()
            .any(|p| p.contains("cites MIMC article 13"))
    );
}
