//! English word forms: the singular and plural of a query word, and the other endings of a
//! verb form, which an index that turns them on ([`super::Index::with_word_forms`]) matches
//! like aliases of the word. A visitor typing "asylum seekers" wants the record titled
//! "Asylum seeker"; one typing "country" wants "countries", "trafficked women" the records on
//! trafficking, "seeking asylum" the right to seek it. The rules are the regular ones (`-s`,
//! `-es`, `-ies`; `-ed` and `-ing` with their stems) and a short table of irregular nouns that
//! law about people uses ("children", "women", "lives"); a form is used only when the index
//! holds it, so a rule that makes a non-word costs nothing.

/// Fewest characters of a word whose forms are looked up ("us", "was" and "gas" have none).
const MIN_CHARS: usize = 4;

/// Irregular (singular, plural) pairs: "migrant children" wants the record of the migrant
/// child, "right to life" the lives GCM objective 8 saves. A word with a regular form beside
/// its irregular one has both: the law says "persons" ("Trafficking in Persons"), and
/// "peoples" are nations ("Human and Peoples' Rights").
const IRREGULAR: &[(&str, &str)] = &[
    ("child", "children"),
    ("person", "people"),
    ("person", "persons"),
    ("people", "peoples"),
    ("woman", "women"),
    ("man", "men"),
    ("life", "lives"),
    ("wife", "wives"),
];

/// Words that end like a verb form but are not one, or whose stem is another word: "united"
/// is no form of "unit", nor "meaning" of "mean".
const NOT_VERB_FORMS: &[&str] = &[
    "according",
    "during",
    "evening",
    "exacting",
    "meaning",
    "morning",
    "nothing",
    "something",
    "united",
];

/// The other forms of folded word `word`, as candidates for the caller to look up: its
/// singulars when it looks plural (ends in one `s`), its plural otherwise, or its other form
/// in a short table of irregular nouns; and when it ends in `-ed` or `-ing` and is `known` (a
/// word of the index), the other ending and stems of the verb form: an unknown word so ended is likelier a misspelling
/// ("trafficing" is "trafficking", not "traffic"). Only words of ASCII letters have forms.
pub fn other_forms(word: &str, known: bool) -> Vec<String> {
    let mut out = noun_forms(word);
    if known {
        out.extend(verb_forms(word));
    }
    out
}

/// The stem and other ending of a verb form: "trafficked" → "trafficking", "traffick";
/// "smuggling" → "smuggled", "smuggl", "smuggle"; "admitted" → "admit"; "applied" →
/// "applying", "apply". A word of fewer than 3 letters before its ending has none ("bring",
/// "need"), nor has a word of [`NOT_VERB_FORMS`] or one ending in `-eed` ("agreed"). A base
/// verb has none: "work" finds no "working", as "unit" must find no "united".
fn verb_forms(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    if !word.bytes().all(|b| b.is_ascii_lowercase()) || NOT_VERB_FORMS.contains(&word) {
        return out;
    }
    let (stem, other) = if let Some(s) = word.strip_suffix("ing").filter(|s| s.len() >= 3) {
        (s, "ed")
    } else if let Some(s) = word
        .strip_suffix("ed")
        .filter(|s| s.len() >= 3 && !s.ends_with('e'))
    {
        (s, "ing")
    } else {
        return out;
    };
    if let Some(y) = stem.strip_suffix('i').filter(|_| other == "ing") {
        // "applied" → "applying", "apply"
        out.push([y, "ying"].concat());
        out.push([y, "y"].concat());
        return out;
    }
    // "trafficked" → "trafficking"; "working" → "worked"
    out.push([stem, other].concat());
    // "detained" → "detain"; "working" → "work"
    out.push(stem.to_string());
    // "smuggled" → "smuggle"; "smuggling" → "smuggle"
    out.push([stem, "e"].concat());
    // "admitted" → "admit"; "travelling" → "travel" (not "passed" → "pas")
    let b = stem.as_bytes();
    if b.len() >= 4 && b[b.len() - 1] == b[b.len() - 2] && b[b.len() - 1] != b's' {
        out.push(stem[..stem.len() - 1].to_string());
    }
    out
}

/// The singular or plural of noun `word` (see [`other_forms`]).
fn noun_forms(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    for &(one, many) in IRREGULAR {
        if word == one {
            out.push(many.to_string());
        } else if word == many {
            out.push(one.to_string());
        }
    }
    if !out.is_empty() {
        return out;
    }
    let b = word.as_bytes();
    if b.len() < MIN_CHARS || !b.iter().all(u8::is_ascii_lowercase) {
        return out;
    }
    let stem = |n: usize| &word[..word.len() - n];
    if let Some(s) = word.strip_suffix("ies") {
        // "countries" → "country"
        out.push([s, "y"].concat());
    }
    if word.ends_with("es") {
        // "churches" → "church", "cases" → "case"
        out.push(stem(2).to_string());
    }
    let plural = word.ends_with('s') && !word.ends_with("ss");
    if plural {
        // "workers" → "worker"
        out.push(stem(1).to_string());
    } else if ["ss", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| word.ends_with(e))
    {
        // "process" → "processes", "church" → "churches"
        out.push([word, "es"].concat());
    } else if let Some(s) = word.strip_suffix('y')
        && !s.ends_with(['a', 'e', 'i', 'o', 'u'])
    {
        // "country" → "countries" (not "day" → "daies")
        out.push([s, "ies"].concat());
    } else {
        // "seeker" → "seekers"
        out.push([word, "s"].concat());
    }
    out.retain(|f| f.len() >= MIN_CHARS - 1);
    out
}

#[cfg(test)]
mod tests {
    use super::other_forms;

    #[test]
    fn plurals_give_their_singulars_and_singulars_their_plurals() {
        let table: &[(&str, &[&str])] = &[
            ("seekers", &["seeker"]),
            ("seeker", &["seekers"]),
            ("countries", &["country", "countri", "countrie"]),
            ("country", &["countries"]),
            ("days", &["day"]),
            ("journey", &["journeys"]),
            ("churches", &["church", "churche"]),
            ("church", &["churches"]),
            ("process", &["processes"]),
            ("processes", &["process", "processe"]),
            ("boxes", &["box", "boxe"]),
            ("rights", &["right"]),
            ("status", &["statu"]),
            ("children", &["child"]),
            ("child", &["children"]),
            ("women", &["woman"]),
            ("men", &["man"]),
            ("lives", &["life"]),
            ("people", &["person", "peoples"]),
            ("person", &["people", "persons"]),
            ("persons", &["person"]),
            ("peoples", &["people"]),
        ];
        for (word, want) in table {
            assert_eq!(other_forms(word, false), *want, "{word}");
        }
    }

    #[test]
    fn verb_forms_give_the_other_ending_and_the_stems() {
        let table: &[(&str, &[&str])] = &[
            ("trafficked", &["trafficking", "traffick", "trafficke"]),
            ("smuggling", &["smuggled", "smuggl", "smuggle"]),
            ("seeking", &["seeked", "seek", "seeke"]),
            ("admitted", &["admitting", "admitt", "admitte", "admit"]),
            (
                "travelling",
                &["travelled", "travell", "travelle", "travel"],
            ),
            ("passed", &["passing", "pass", "passe"]),
            ("applied", &["applying", "apply"]),
            ("applying", &["applyed", "apply", "applye"]),
        ];
        for (word, want) in table {
            assert_eq!(super::verb_forms(word), *want, "{word}");
            let want: Vec<String> = want.iter().map(|w| w.to_string()).collect();
            assert!(other_forms(word, true).ends_with(&want), "{word}");
            assert!(!other_forms(word, false).ends_with(&want), "{word}");
        }
    }

    #[test]
    fn base_verbs_short_words_and_words_that_only_end_like_verb_forms_have_no_verb_forms() {
        for word in [
            "work",
            "unit",
            "united",
            "meaning",
            "bring",
            "need",
            "agreed",
            "red",
            "during",
            "réfugiéed",
        ] {
            assert!(super::verb_forms(word).is_empty(), "{word}");
        }
    }

    #[test]
    fn short_words_and_words_with_other_characters_have_no_forms() {
        for word in [
            "us",
            "was",
            "gas",
            "box",
            "ilo97",
            "c097",
            "réfugié",
            "难民",
            "",
        ] {
            assert!(other_forms(word, true).is_empty(), "{word}");
        }
    }
}
