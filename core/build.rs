//! Generates the character folding table of `search::text`: the search form of every
//! non-ASCII character that is not simply itself. In the ranges below that is the
//! compatibility decomposition (NFKD, from `unicode-normalization`), lower-cased, with
//! Latin/Greek/Cyrillic diacritics, Arabic harakat and Hebrew points removed; everywhere else
//! it is the lower case (from the build machine's standard library, the same toolchain as the
//! runtime's). Linking `unicode-normalization`'s full tables would add ~50 KB (gzipped) to
//! the wasm, and the standard library's case tables another ~6 KB; the derived table is a few
//! KB. Marks that are dropped are not in the table: the runtime drops them itself.
//!
//! The table is a sorted list of runs `(start << 11 | (len - 1), value)`: `value` is
//! `0 << 30 | char` (every character of the run folds to that one), `1 << 30 | char` (the
//! i-th folds to char + i) or `2 << 30 | offset << 6 | len` (a string in the pool).

use std::fmt::Write as _;
use unicode_normalization::char::decompose_compatible;

/// Ranges whose compatibility forms and accented letters matter for search.
const RANGES: &[(u32, u32)] = &[
    (0x00A0, 0x052F),   // Latin-1, Latin Extended-A/B, IPA, modifiers, Greek, Cyrillic
    (0x0600, 0x06FF),   // Arabic (hamza and madda forms)
    (0x1D00, 0x1FFF),   // phonetic extensions, Latin Extended Additional, Greek Extended
    (0x2000, 0x218F),   // punctuation, super/subscripts, letterlike symbols, number forms
    (0x2460, 0x24FF),   // enclosed alphanumerics
    (0xFB00, 0xFB4F),   // Latin, Armenian and Hebrew presentation forms
    (0xFE70, 0xFEFF),   // Arabic presentation forms B
    (0xFF00, 0xFFEF),   // full-width and half-width forms
    (0x1D400, 0x1D7FF), // mathematical alphanumeric symbols
];

/// Letters that have no decomposition but that people type without their stroke or ligature.
const EXTRA: &[(char, &str)] = &[
    ('ß', "ss"),
    ('ẞ', "ss"),
    ('æ', "ae"),
    ('Æ', "ae"),
    ('œ', "oe"),
    ('Œ', "oe"),
    ('ø', "o"),
    ('Ø', "o"),
    ('ł', "l"),
    ('Ł', "l"),
    ('ŀ', "l"),
    ('Ŀ', "l"),
    ('đ', "d"),
    ('Đ', "d"),
    ('ð', "d"),
    ('Ð', "d"),
    ('ħ', "h"),
    ('Ħ', "h"),
    ('ı', "i"),
    ('þ', "th"),
    ('Þ', "th"),
    ('ŧ', "t"),
    ('Ŧ', "t"),
    ('ς', "σ"),
];

/// Must match `is_folded_mark` and `is_ignored` in core/src/search/text.rs.
fn dropped(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2
        | 0x05C4..=0x05C5 | 0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
        | 0x00AD | 0x0640 | 0x200B..=0x200F | 0x2060 | 0xFE00..=0xFE0F | 0xFEFF
        | 0x1F3FB..=0x1F3FF)
}

fn lower_dropping(c: char, out: &mut String) {
    for l in c.to_lowercase() {
        if !dropped(l) {
            out.push(l);
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let mut entries: Vec<(u32, String)> = Vec::new();
    for &(a, b) in RANGES {
        for cp in a..=b {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let mut folded = String::new();
            if let Some((_, s)) = EXTRA.iter().find(|(x, _)| *x == c) {
                folded.push_str(s);
            } else {
                decompose_compatible(c, |d| match EXTRA.iter().find(|(x, _)| *x == d) {
                    Some((_, s)) => folded.push_str(s),
                    None => lower_dropping(d, &mut folded),
                });
            }
            // What the runtime does without the table.
            let mut plain = String::new();
            lower_dropping(c, &mut plain);
            // Spaces and controls from compatibility forms are not word characters: those
            // characters keep their plain folding.
            if !folded.is_empty() && !folded.chars().any(char::is_whitespace) {
                plain = folded;
            }
            if !dropped(c) && plain != c.to_string() {
                entries.push((cp, plain));
            }
        }
    }
    // Everywhere else the search form is the lower case, marks dropped: the table holds it
    // for every character whose lower case differs, so the runtime needs no case tables.
    for cp in 0x80..=0x10_FFFFu32 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        if RANGES.iter().any(|&(a, b)| (a..=b).contains(&cp)) || dropped(c) {
            continue;
        }
        let mut plain = String::new();
        lower_dropping(c, &mut plain);
        if plain != c.to_string() {
            entries.push((cp, plain));
        }
    }
    entries.sort();
    // Runs: constant or incrementing single-character outputs; strings go to the pool.
    let mut runs: Vec<(u32, u32, u32)> = Vec::new(); // (start, len, value)
    let mut pool = String::new();
    let mut i = 0;
    while i < entries.len() {
        let (cp, ref s) = entries[i];
        let single = s.chars().count() == 1;
        if single {
            let ch = s.chars().next().unwrap() as u32;
            let mut j = i + 1;
            let mut mode = None;
            while j < entries.len() && j - i < 2048 {
                let (cp2, ref s2) = entries[j];
                if cp2 != cp + (j - i) as u32 || s2.chars().count() != 1 {
                    break;
                }
                let ch2 = s2.chars().next().unwrap() as u32;
                let m = if ch2 == ch {
                    0
                } else if ch2 == ch + (j - i) as u32 {
                    1
                } else {
                    break;
                };
                if *mode.get_or_insert(m) != m {
                    break;
                }
                j += 1;
            }
            runs.push((cp, (j - i) as u32, (mode.unwrap_or(0) << 30) | ch));
            i = j;
        } else {
            let off = match pool.find(s.as_str()) {
                Some(o) => o,
                None => {
                    pool.push_str(s);
                    pool.len() - s.len()
                }
            };
            assert!(s.len() < 64 && off < 1 << 24);
            runs.push((cp, 1, (2 << 30) | ((off as u32) << 6) | s.len() as u32));
            i += 1;
        }
    }
    let mut code = String::new();
    writeln!(
        code,
        "/// Folding runs (generated by core/build.rs from unicode-normalization)."
    )
    .unwrap();
    writeln!(
        code,
        "pub(crate) static FOLD_RUNS: [(u32, u32); {}] = [",
        runs.len()
    )
    .unwrap();
    for (s, l, v) in &runs {
        writeln!(code, "({:#x}, {:#x}),", (s << 11) | (l - 1), v).unwrap();
    }
    writeln!(code, "];").unwrap();
    writeln!(code, "/// Folded strings referenced by [`FOLD_RUNS`].").unwrap();
    writeln!(code, "pub(crate) static FOLD_POOL: &str = {pool:?};").unwrap();
    let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("fold_table.rs");
    std::fs::write(out, code).unwrap();
}
