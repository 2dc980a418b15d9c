//! English noun number: the singular and plural forms of a query word, which an index that
//! turns them on ([`super::Index::with_word_forms`]) matches like aliases of the word. A
//! visitor typing "asylum seekers" wants the record titled "Asylum seeker"; one typing
//! "country" wants "countries". The rules are the regular ones (`-s`, `-es`, `-ies`) and a
//! short table of irregular nouns that law about people uses ("children", "women", "lives");
//! a form is used only when the index holds it, so a rule that makes a non-word costs nothing.

/// Fewest characters of a word whose forms are looked up ("us", "was" and "gas" have none).
const MIN_CHARS: usize = 4;

/// Irregular (singular, plural) pairs: "migrant children" wants the record of the migrant
/// child, "right to life" the lives GCM objective 8 saves.
const IRREGULAR: &[(&str, &str)] = &[
    ("child", "children"),
    ("person", "people"),
    ("woman", "women"),
    ("man", "men"),
    ("life", "lives"),
    ("wife", "wives"),
];

/// The other forms of folded word `word`, as candidates for the caller to look up: its
/// singulars when it looks plural (ends in one `s`), its plural otherwise, or its other form
/// in a short table of irregular nouns. Only words of ASCII letters have forms.
pub fn other_forms(word: &str) -> Vec<String> {
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
            ("people", &["person"]),
        ];
        for (word, want) in table {
            assert_eq!(other_forms(word), *want, "{word}");
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
            assert!(other_forms(word).is_empty(), "{word}");
        }
    }
}
