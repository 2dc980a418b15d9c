//! Table-driven tests of the build-time validator: each kind of bad data is rejected with a
//! message of the form `file: record id: what is wrong`.

use treatykit_core::authoring::parse_file;
use treatykit_core::validate::{parse_date, validate};

const FIXTURE: &str = include_str!("fixtures/mini/mini.toml");

/// Validates the fixture with `edit` applied to its text, returning every problem as a line.
fn problems_after(edit: impl Fn(&str) -> String) -> Vec<String> {
    let text = edit(FIXTURE);
    let corpus = parse_file("mini.toml", &text).map_err(|p| vec![p.to_string()]);
    match corpus.and_then(|c| {
        validate(&[("mini.toml".into(), c)])
            .map_err(|ps| ps.iter().map(|p| p.to_string()).collect())
    }) {
        Ok(_) => Vec::new(),
        Err(lines) => lines,
    }
}

#[test]
fn the_fixture_itself_is_valid() {
    assert_eq!(problems_after(str::to_string), Vec::<String>::new());
}

/// A named edit of the fixture text and the problem line it must produce.
type Case = (&'static str, Box<dyn Fn(&str) -> String>, &'static str);

#[test]
fn each_kind_of_bad_data_is_rejected_with_file_id_and_reason() {
    // (what is wrong, edit of the fixture text, expected line)
    let cases: &[Case] = &[
        (
            "duplicate id across kinds",
            Box::new(|t| {
                t.replace(
                    "id = \"nationality-documents\"",
                    "id = \"refugee-convention\"",
                )
            }),
            "mini.toml: refugee-convention: duplicate id (first defined in mini.toml)",
        ),
        (
            "unknown instrument in an anchor",
            Box::new(|t| {
                t.replace(
                    "instrument = \"statelessness-1954\"",
                    "instrument = \"no-such-treaty\"",
                )
            }),
            "mini.toml: nationality-documents: unknown instrument `no-such-treaty`",
        ),
        (
            "unknown category",
            Box::new(|t| t.replace("holders = [\"refugee\"]", "holders = [\"martian\"]")),
            "mini.toml: non-refoulement: unknown category `martian`",
        ),
        (
            "GCM objective outside 1-23",
            Box::new(|t| t.replace("gcm_objectives = [7]", "gcm_objectives = [24]")),
            "mini.toml: refugee-convention: GCM objective 24 is outside 1–23",
        ),
        (
            "GCM objective without a record",
            Box::new(|t| t.replace("gcm_objectives = [7]", "gcm_objectives = [9]")),
            "mini.toml: refugee-convention: GCM objective 9 has no [[objective]] record",
        ),
        (
            "malformed date",
            Box::new(|t| t.replace("adopted = \"1951-07-28\"", "adopted = \"28 July 1951\"")),
            "mini.toml: refugee-convention: `adopted` = `28 July 1951` is not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)",
        ),
        (
            "impossible date",
            Box::new(|t| t.replace("adopted = \"1951-07-28\"", "adopted = \"1951-02-30\"")),
            "mini.toml: refugee-convention: `adopted` = `1951-02-30` is not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)",
        ),
        (
            "entry into force before adoption",
            Box::new(|t| t.replace("in_force = \"1954-04-22\"", "in_force = \"1950-01-01\"")),
            "mini.toml: refugee-convention: entry into force 1950-01-01 is before adoption 1951-07-28",
        ),
        (
            "party count without as_of",
            Box::new(|t| t.replace("as_of = \"2024-07-26\"\n", "")),
            "mini.toml: refugee-convention: a party count needs `as_of` (or, when its source is undated, `verified = false` and a `note` saying so)",
        ),
        (
            "record with no source",
            Box::new(|t| t.replace("sources = [\"https://www.ohchr.org/\"]", "sources = []")),
            "mini.toml: ohchr-esc-rights-irregular: record has no source: add at least one to `sources`",
        ),
        (
            "right with no anchor",
            Box::new(|t| {
                t.replace(
                    "[[right.anchors]]\ninstrument = \"statelessness-1954\"\narticle = \"27\"\nconfidence = \"high\"\nverified = false\n",
                    "",
                )
            }),
            "mini.toml: nationality-documents: record has no source: a right needs at least one anchor",
        ),
        (
            "a located item without a link",
            Box::new(|t| {
                t.replace(
                    "urls = [\"https://www.ohchr.org/sites/default/files/Documents/Publications/HR-PUB-14-1_en.pdf\"]",
                    "urls = []",
                )
                .replace("confidence = \"medium\"", "confidence = \"high\"")
            }),
            "mini.toml: ohchr-esc-rights-irregular: required field `urls` is empty (only an item not located, with confidence below high, may have none)",
        ),
        (
            "empty required field",
            Box::new(|t| t.replace("short_name = \"1954 Convention\"", "short_name = \"  \"")),
            "mini.toml: statelessness-1954: required field `short_name` is empty",
        ),
        (
            "summary over the word limit",
            Box::new(|t| {
                t.replace(
                    "summary = \"The floor of rights for everyone who crosses a border.\"",
                    &format!("summary = \"{}\"", "word ".repeat(61)),
                )
            }),
            "mini.toml: mimc-chapter-1: `summary` has 61 words; the limit is 60",
        ),
        (
            "low confidence without a note",
            Box::new(|t| {
                t.replace(
                    "confidence_note = \"Fixture record; the theme is chosen for tests.\"\n",
                    "",
                )
            }),
            "mini.toml: ohchr-esc-rights-irregular: confidence is medium: say what is uncertain in `confidence_note`",
        ),
        (
            "id that is not a slug",
            Box::new(|t| {
                t.replace(
                    "id = \"principle-human-rights\"",
                    "id = \"Principle Human Rights\"",
                )
            }),
            "mini.toml: Principle Human Rights: id must be a lowercase slug of a-z, 0-9 and single inner hyphens",
        ),
        (
            "inheritance cycle",
            Box::new(|t| t.replace("inherits = []", "inherits = [\"refugee\"]")),
            "mini.toml: visitor: inheritance cycle: visitor → refugee → visitor",
        ),
        (
            "MIMC article number outside 1-213",
            Box::new(|t| {
                format!(
                    "{t}\n[[article]]\nid = \"mimc-article-300\"\nnumber = 300\nchapter = 1\nheading = \"H\"\nsummary = \"S\"\nsources = [\"https://example.org/\"]\n"
                )
            }),
            "mini.toml: mimc-article-300: MIMC article number 300 is outside 1–213",
        ),
        (
            "a search term twice, whatever its case",
            Box::new(|t| t.replace("\"sent back\"]", "\"Pushback\"]")),
            "mini.toml: non-refoulement: `search_terms` lists \"pushback\" twice",
        ),
        (
            "a blank search term",
            Box::new(|t| t.replace("\"sent back\"]", "\" \"]")),
            "mini.toml: non-refoulement: `search_terms` entry \" \" must be 1 to 40 characters",
        ),
        (
            "a search term of more than 40 characters",
            Box::new(|t| t.replace("\"sent back\"]", &format!("\"{}\"]", "a".repeat(41)))),
            "must be 1 to 40 characters without surrounding spaces",
        ),
        (
            "a category's search term twice",
            Box::new(|t| t.replace("[\"day tripper\"]", "[\"day tripper\", \"Day Tripper\"]")),
            "mini.toml: visitor: `search_terms` lists \"day tripper\" twice",
        ),
        (
            "more than 12 search terms",
            Box::new(|t| {
                let many: Vec<String> = (0..13).map(|i| format!("\"w{i}\"")).collect();
                t.replace(
                    "search_terms = [\"pushback\", \"sent back\"]",
                    &format!("search_terms = [{}]", many.join(", ")),
                )
            }),
            "mini.toml: non-refoulement: `search_terms` has 13 entries; the limit is 12",
        ),
        (
            "unknown field (a typo) is a parse error",
            Box::new(|t| t.replace("title_identified = true", "title_identifed = true")),
            "unknown field `title_identifed`",
        ),
    ];
    for (what, edit, expected) in cases {
        let lines = problems_after(edit);
        assert!(
            lines.iter().any(|l| l.contains(expected)),
            "{what}: expected a line with\n  {expected}\ngot\n  {lines:#?}"
        );
        assert!(
            lines.iter().all(|l| l.starts_with("mini.toml: ")),
            "{what}: every line names the file: {lines:#?}"
        );
    }
}

#[test]
fn dates_accept_year_month_day_precision_and_reject_impossible_ones() {
    for ok in ["1951", "1951-07", "1951-07-28", "2024-02-29", "2000-02-29"] {
        assert!(parse_date(ok).is_some(), "{ok} should parse");
    }
    for bad in [
        "",
        "51",
        "1951-13",
        "1951-00",
        "1951-07-32",
        "1900-02-29",
        "2023-02-29",
        "1951/07/28",
        "1951-7-28",
        "c. 2023",
        "1951-07-28-01",
    ] {
        assert!(parse_date(bad).is_none(), "{bad} should be rejected");
    }
    assert!(parse_date("1951").unwrap() < parse_date("1951-07-28").unwrap());
}

#[test]
fn a_party_count_date_may_be_approximate_or_a_range_of_years_but_nothing_looser() {
    let with_as_of = |as_of: &str| {
        problems_after(|t| {
            t.replace(
                "count = 99\nas_of = \"2024\"",
                &format!("count = 99\nas_of = \"{as_of}\""),
            )
        })
    };
    for ok in ["2024", "c. 2023", "c. 2024-07", "2024–2025", "c. 2019–2024"] {
        assert_eq!(with_as_of(ok), Vec::<String>::new(), "{ok} is accepted");
    }
    for bad in [
        "2019-2024",
        "2025–2024",
        "2024–2024",
        "c. 2019–24",
        "circa 2023",
        "c.2023",
        "2024 (approx.)",
        "undated",
        "",
    ] {
        assert_eq!(
            with_as_of(bad),
            [format!(
                "mini.toml: statelessness-1954: `parties.as_of` = `{bad}` is not a date (YYYY, \
                 YYYY-MM or YYYY-MM-DD), an approximate one (`c. 2023`) or a range of years \
                 (`2024–2025`, `c. 2019–2024`)"
            )],
            "{bad} is rejected"
        );
    }
}

#[test]
fn a_party_count_from_an_undated_source_stands_without_a_date_only_unverified_and_with_a_note() {
    let undated = |t: &str| t.replace("count = 99\nas_of = \"2024\"\n", "count = 99\n");
    let needs = "mini.toml: statelessness-1954: a party count needs `as_of` (or, when its source \
                 is undated, `verified = false` and a `note` saying so)";
    assert_eq!(problems_after(undated), [needs], "no note");
    let noted = |t: &str| {
        undated(t).replace(
            "count = 99\nsource = \"UN Treaty Collection\"\nverified = false\n",
            "count = 99\nsource = \"UN Treaty Collection\"\nverified = false\nnote = \"The source is undated.\"\n",
        )
    };
    assert_eq!(problems_after(noted), Vec::<String>::new());
    let verified = |t: &str| noted(t).replace("verified = false\nnote", "verified = true\nnote");
    assert_eq!(
        problems_after(verified),
        [needs],
        "a verified count is dated"
    );
}

#[test]
fn an_item_not_located_may_go_without_a_link_rather_than_a_guessed_one() {
    let problems = problems_after(|t| {
        t.replace(
            "urls = [\"https://www.ohchr.org/sites/default/files/Documents/Publications/HR-PUB-14-1_en.pdf\"]",
            "urls = []",
        )
    });
    assert_eq!(problems, Vec::<String>::new());
}
