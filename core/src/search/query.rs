//! Query syntax: words, `"quoted phrases"` and `-exclusions`.
//!
//! - Words are split and folded like indexed text ([`super::text`]). Every word must match
//!   (exactly, within typo distance, or — for the last word when the query does not end with a
//!   space — as a prefix).
//! - `"…"` (straight or typographic quotes) matches its words consecutively and exactly; an
//!   unclosed quote runs to the end of the query, and its last word, unless the query ends
//!   with a space, is the word being typed: it completes, after the phrase of the words before.
//! - A `-` at the start of a word or phrase excludes documents containing it exactly.
//! - A run of characters from space-less scripts (Chinese, Japanese, Korean, Thai, …) is a
//!   phrase of single-character terms.
//!
//! Limits ([`crate::limits::check_query`]): at most 1,024 characters and 32 terms (words as
//! they are read here, so a run of Chinese is one); longer queries fail with
//! `QUERY_TOO_LONG` (a `RangeError` in JavaScript).

use super::text;
use crate::error::Error;

pub use crate::limits::{MAX_QUERY_CHARS, MAX_QUERY_TERMS};

/// One unit of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Group {
    /// A folded word; `prefix` allows completions (the word being typed).
    Term {
        /// Folded text.
        text: String,
        /// True for the last word when the query does not end with a space.
        prefix: bool,
    },
    /// Folded words that must occur consecutively, each exactly.
    Phrase(Vec<String>),
    /// A phrase being typed (an unclosed quote at the end of the query): two or more folded
    /// words that must occur consecutively, each exactly but the last, which is the word
    /// being typed and matches any of its completions (`"noise canc` holds "noise
    /// cancelling", not "cancel … noise").
    TypedPhrase(Vec<String>),
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Groups every result must match.
    pub include: Vec<Group>,
    /// Groups no result may match.
    pub exclude: Vec<Group>,
    /// Where the query's words (outside phrases and exclusions) were typed: the byte range of
    /// each in the raw query, with its folded text, in query order. A word typed twice is
    /// here twice. For rewriting the query as typed (see `Index::corrected`).
    pub words: Vec<(usize, usize, String)>,
}

impl Query {
    /// True when the query has nothing to match (browse mode).
    pub fn is_browse(&self) -> bool {
        self.include.is_empty()
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{FF02}')
}

/// Parses `raw` (see the module docs for the syntax and limits).
pub fn parse(raw: &str) -> Result<Query, Error> {
    crate::limits::check_query(raw)?;
    // Terms as the limits count them (`limits::count_terms`), counted here as they are read.
    let mut terms = 0usize;
    let mut q = Query::default();
    let mut buf = String::new();
    let mut last_term_at_end = false;
    let mut rest = raw;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let mut negated = false;
        if let Some(after) = rest.strip_prefix('-')
            && after.chars().next().is_some_and(|c| !c.is_whitespace())
        {
            negated = true;
            rest = after;
        }
        let first = rest.chars().next().unwrap_or(' ');
        let mut unclosed = false;
        // Where the body starts in `raw`: after the opening quote of a phrase.
        let body_at = raw.len() - rest.len() + if is_quote(first) { first.len_utf8() } else { 0 };
        let (body, next, phrase) = if is_quote(first) {
            let inner = &rest[first.len_utf8()..];
            match inner.char_indices().find(|&(_, c)| is_quote(c)) {
                Some((i, c)) => (&inner[..i], &inner[i + c.len_utf8()..], true),
                None => {
                    unclosed = true;
                    (inner, "", true)
                }
            }
        } else {
            let end = rest
                .char_indices()
                .find(|&(_, c)| c.is_whitespace() || is_quote(c))
                .map_or(rest.len(), |(i, _)| i);
            (&rest[..end], &rest[end..], false)
        };
        rest = next;
        let mut tokens: Vec<(String, bool)> = Vec::new();
        let mut spans: Vec<(usize, usize)> = Vec::new();
        text::tokenize(body, &mut buf, |t, tok| {
            terms += usize::from(!tok.glued);
            tokens.push((t.to_string(), tok.glued));
            spans.push((body_at + tok.start, body_at + tok.end));
            true
        });
        if tokens.is_empty() {
            continue;
        }
        let target = if negated {
            &mut q.exclude
        } else {
            &mut q.include
        };
        if phrase {
            // A quote still open at the end of the query is being typed: its last word
            // completes, as the last word of any query does ("\"noise canc"), after the
            // phrase of the words before it. One word alone is the word being typed.
            let typing = unclosed
                && !negated
                && !raw.ends_with(char::is_whitespace)
                && tokens.last().is_some_and(|t| !t.1);
            let words: Vec<String> = tokens.into_iter().map(|t| t.0).collect();
            if typing && words.len() == 1 {
                if let Some(&(from, to)) = spans.last() {
                    q.words.push((from, to, words[0].clone()));
                }
                push_unique(
                    target,
                    Group::Term {
                        text: words[0].clone(),
                        prefix: false,
                    },
                );
            } else if typing {
                push_unique(target, Group::TypedPhrase(words));
            } else {
                push_unique(target, Group::Phrase(words));
            }
            last_term_at_end = typing;
            continue;
        }
        // Glued unigram runs become phrases; other tokens are words.
        let mut i = 0;
        while i < tokens.len() {
            let mut j = i + 1;
            while j < tokens.len() && tokens[j].1 {
                j += 1;
            }
            if j - i > 1 {
                push_unique(
                    target,
                    Group::Phrase(tokens[i..j].iter().map(|t| t.0.clone()).collect()),
                );
            } else {
                if !negated {
                    let (from, to) = spans[i];
                    q.words.push((from, to, tokens[i].0.clone()));
                }
                push_unique(
                    target,
                    Group::Term {
                        text: tokens[i].0.clone(),
                        prefix: false,
                    },
                );
            }
            i = j;
        }
        last_term_at_end = !negated && rest.is_empty() && ends_with_term(&q.include);
    }
    if last_term_at_end && let Some(Group::Term { prefix, .. }) = q.include.last_mut() {
        *prefix = true;
    }
    crate::limits::check_terms(terms)?;
    Ok(q)
}

fn ends_with_term(groups: &[Group]) -> bool {
    matches!(groups.last(), Some(Group::Term { .. }))
}

fn push_unique(groups: &mut Vec<Group>, g: Group) {
    if let Some(i) = groups.iter().position(|x| *x == g) {
        // Keep the last occurrence last, so the word being typed stays the prefix word.
        groups.remove(i);
    }
    groups.push(g);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Code, JsClass};

    fn term(t: &str, prefix: bool) -> Group {
        Group::Term {
            text: t.into(),
            prefix,
        }
    }
    fn phrase(ws: &[&str]) -> Group {
        Group::Phrase(ws.iter().map(|w| w.to_string()).collect())
    }

    #[test]
    fn queries_parse_into_words_phrases_and_exclusions() {
        let table: Vec<(&str, Vec<Group>, Vec<Group>)> = vec![
            ("refug", vec![term("refug", true)], vec![]),
            ("refugee ", vec![term("refugee", false)], vec![]),
            (
                "Réfugié STATUS",
                vec![term("refugie", false), term("status", true)],
                vec![],
            ),
            (
                "\"status of refugees\" -protocol",
                vec![phrase(&["status", "of", "refugees"])],
                vec![term("protocol", false)],
            ),
            (
                "“right to work” visa",
                vec![phrase(&["right", "to", "work"]), term("visa", true)],
                vec![],
            ),
            (
                "-\"first asylum\" camp",
                vec![term("camp", true)],
                vec![phrase(&["first", "asylum"])],
            ),
            (
                "non-refoulement",
                vec![term("non", false), term("refoulement", true)],
                vec![],
            ),
            (
                "\"unclosed phrase",
                vec![Group::TypedPhrase(vec!["unclosed".into(), "phrase".into()])],
                vec![],
            ),
            (
                "visa \"noise canc",
                vec![
                    term("visa", false),
                    Group::TypedPhrase(vec!["noise".into(), "canc".into()]),
                ],
                vec![],
            ),
            (
                "\"unclosed phrase ",
                vec![phrase(&["unclosed", "phrase"])],
                vec![],
            ),
            ("\"refug", vec![term("refug", true)], vec![]),
            ("-\"first asyl", vec![], vec![phrase(&["first", "asyl"])]),
            ("\"难民", vec![phrase(&["难", "民"])], vec![]),
            (
                "难民 地位",
                vec![phrase(&["难", "民"]), phrase(&["地", "位"])],
                vec![],
            ),
            (
                "- lone dash",
                vec![term("lone", false), term("dash", true)],
                vec![],
            ),
            ("a a a", vec![term("a", true)], vec![]),
            ("", vec![], vec![]),
            ("  -  \"\" !!! ", vec![], vec![]),
        ];
        for (raw, include, exclude) in table {
            let q = parse(raw).unwrap();
            assert_eq!(q.include, include, "include of {raw:?}");
            assert_eq!(q.exclude, exclude, "exclude of {raw:?}");
        }
    }

    #[test]
    fn words_outside_phrases_and_exclusions_keep_where_they_were_typed() {
        // (query, the text of each word's range, its folded text)
        let table: &[(&str, &[(&str, &str)])] = &[
            (
                "Réfugié  \"a b\" -x U.N. typ",
                &[("Réfugié", "refugie"), ("U.N", "un"), ("typ", "typ")],
            ),
            (
                "«l'asile» l'asile",
                &[
                    ("l", "l"),
                    ("asile", "asile"),
                    ("l", "l"),
                    ("asile", "asile"),
                ],
            ),
            // The word being typed alone in an open quote is a word; after others, it is
            // part of their phrase.
            ("\"conv", &[("conv", "conv")]),
            ("\"stateless conv", &[]),
            ("-\"a b\" 难民", &[]),
        ];
        for (raw, want) in table {
            let q = parse(raw).unwrap();
            let got: Vec<(&str, &str)> = q
                .words
                .iter()
                .map(|(from, to, folded)| (&raw[*from..*to], folded.as_str()))
                .collect();
            assert_eq!(got, *want, "{raw:?}");
        }
    }

    #[test]
    fn queries_over_the_limits_fail_with_query_too_long() {
        let long = "a".repeat(MAX_QUERY_CHARS + 1);
        let err = parse(&long).unwrap_err();
        assert_eq!(
            (err.code, err.class),
            (Code::QueryTooLong, JsClass::RangeError)
        );
        let words = |n: usize| {
            (0..n)
                .map(|i| format!("w{i}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            parse(&words(MAX_QUERY_TERMS + 1)).unwrap_err().code,
            Code::QueryTooLong
        );
        assert!(parse(&words(MAX_QUERY_TERMS)).is_ok());
        // A long run of Chinese is one phrase, however many characters it has.
        let chinese =
            "人人生而自由在尊严和权利上一律平等他们赋有理性和良心并应以兄弟关系的精神相对待";
        assert_eq!(parse(chinese).unwrap().include.len(), 1);
    }

    #[test]
    fn the_term_limit_counts_terms_as_the_limits_do_and_refuses_only_over_it() {
        for (q, terms) in [
            ("अंतरराष्ट्रीय ".repeat(19), 19),
            ("a ".repeat(32), 32),
            ("a ".repeat(33), 33),
            ("难民 ".repeat(32), 32),
            ("a-b ".repeat(17), 34),
            ("\"a b\" -c ".repeat(11), 33),
        ] {
            assert_eq!(crate::limits::count_terms(&q), terms, "{q}");
            let got = parse(&q);
            assert_eq!(got.is_ok(), terms <= MAX_QUERY_TERMS, "{q}: {got:?}");
            if let Err(e) = got {
                assert_eq!(e.code, Code::QueryTooLong);
                assert!(
                    e.message.contains(&format!("{terms} terms")),
                    "{}",
                    e.message
                );
            }
        }
    }
}
