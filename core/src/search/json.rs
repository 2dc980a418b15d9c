//! Results as JSON text. The wasm layer hands this string to `JSON.parse`, which builds the
//! result objects in one native pass — several times faster than creating them property by
//! property across the wasm boundary.

use super::{Facets, Hit, SearchResults};
use crate::document::Value;
use crate::facets::FacetCount;

fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// True when some byte of `s` must be escaped, eight bytes at a time.
fn any_escape(s: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        let control = v.wrapping_sub(ONES * 0x20) & !v & HIGHS;
        if control
            | zero_byte(v ^ (ONES * u64::from(b'"')))
            | zero_byte(v ^ (ONES * u64::from(b'\\')))
            != 0
        {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| needs_escape(b))
}

/// Appends `s` as a JSON string literal.
pub fn string(out: &mut String, s: &str) {
    out.push('"');
    if !any_escape(s.as_bytes()) {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1F => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if esc.is_empty() {
            out.push_str(&format!("\\u{b:04x}"));
        } else {
            out.push_str(esc);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Appends a number (`null` for NaN and infinities, which JSON cannot hold).
pub fn number(out: &mut String, x: f64) {
    if x.is_finite() {
        push_number(out, x);
    } else {
        out.push_str("null");
    }
}

/// Writes a number as JavaScript's `String(x)` writes it (see [`crate::number`]).
pub fn push_number(out: &mut String, x: f64) {
    crate::number::push(out, x);
}

/// Appends the decimal digits of `n` (no `core::fmt`: this runs for every count and score of
/// every answer).
pub fn push_uint(out: &mut String, mut n: u64) {
    if n < 10 {
        out.push(char::from(b'0' + n as u8));
        return;
    }
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

/// A score as shown: rounded to four decimals.
pub fn rounded_score(score: f32) -> f64 {
    (f64::from(score) * 10_000.0).round() / 10_000.0
}

/// Appends [`rounded_score`]`(score)` as JavaScript prints it (`8.7569`, `12.5`, `3`), from its
/// integer count of ten-thousandths: every hit of every answer has one, and the general float
/// path costs ten times more.
pub fn score(out: &mut String, score: f32) {
    let units = (f64::from(score) * 10_000.0).round();
    if units.is_nan() || units.abs() >= 1e15 {
        return number(out, rounded_score(score));
    }
    if units < 0.0 {
        out.push('-');
    }
    let units = units.abs() as u64;
    push_uint(out, units / 10_000);
    let mut frac = units % 10_000;
    if frac != 0 {
        let mut width = 4;
        while frac.is_multiple_of(10) {
            frac /= 10;
            width -= 1;
        }
        out.push('.');
        let mut digits = [b'0'; 4];
        for i in (0..width).rev() {
            digits[i] = b'0' + (frac % 10) as u8;
            frac /= 10;
        }
        out.push_str(std::str::from_utf8(&digits[..width]).unwrap_or("0"));
    }
}

/// The text of a number (see [`push_number`]), for messages.
pub fn number_text(x: f64) -> String {
    let mut s = String::new();
    push_number(&mut s, x);
    s
}

/// Appends a summary value.
pub fn value(out: &mut String, v: &Value) {
    match v {
        Value::Str(s) => string(out, s),
        Value::Num(x) => number(out, *x),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::List(items) => {
            out.push('[');
            for (i, s) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(out, s);
            }
            out.push(']');
        }
    }
}

fn key(out: &mut String, k: &str) {
    string(out, k);
    out.push(':');
}

/// Appends `[[start, end], ...]`.
pub fn ranges(out: &mut String, rs: &[[u32; 2]]) {
    out.push('[');
    for (i, [a, b]) in rs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        number(out, f64::from(*a));
        out.push(',');
        number(out, f64::from(*b));
        out.push(']');
    }
    out.push(']');
}

fn hit(out: &mut String, h: &Hit) {
    out.push('{');
    key(out, "id");
    string(out, &h.id);
    out.push(',');
    key(out, "kind");
    string(out, &h.kind);
    out.push(',');
    key(out, "title");
    string(out, &h.title);
    out.push(',');
    key(out, "score");
    number(out, h.score);
    out.push(',');
    key(out, "snippet");
    string(out, &h.snippet);
    out.push(',');
    key(out, "highlights");
    ranges(out, &h.highlights);
    out.push(',');
    key(out, "titleHighlights");
    ranges(out, &h.title_highlights);
    if !h.search_terms.is_empty() {
        out.push(',');
        key(out, "searchTerms");
        out.push('[');
        for (i, t) in h.search_terms.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            string(out, t);
        }
        out.push(']');
    }
    for (k, v) in &h.fields {
        out.push(',');
        key(out, k);
        value(out, v);
    }
    out.push('}');
}

fn facet_list(out: &mut String, list: &[FacetCount]) {
    out.push('[');
    for (i, c) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('{');
        key(out, "value");
        string(out, &c.value);
        out.push(',');
        key(out, "label");
        string(out, &c.label);
        out.push(',');
        key(out, "count");
        number(out, f64::from(c.count));
        out.push('}');
    }
    out.push(']');
}

/// Appends facet counts as a JSON object.
pub fn facets(out: &mut String, f: &Facets) {
    out.push('{');
    for (i, (name, list)) in f.0.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        key(out, name);
        facet_list(out, list);
    }
    out.push('}');
}

/// The JSON text of search results (same shape as their `serde` serialisation).
pub fn results(r: &SearchResults) -> String {
    let mut out = String::with_capacity(1024 + r.hits.len() * 512);
    out.push('{');
    key(&mut out, "total");
    number(&mut out, r.total as f64);
    out.push(',');
    key(&mut out, "hits");
    out.push('[');
    for (i, h) in r.hits.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        hit(&mut out, h);
    }
    out.push_str("],");
    key(&mut out, "facets");
    facets(&mut out, &r.facets);
    out.push(',');
    key(&mut out, "relaxed");
    out.push_str(if r.relaxed { "true" } else { "false" });
    if let Some(c) = &r.corrected {
        out.push(',');
        key(&mut out, "corrected");
        string(&mut out, c);
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_at_a_time_escape_test_agrees_with_the_byte_test() {
        for len in 0..20 {
            for pos in 0..len {
                for b in [0u8, 0x1F, b'"', b'\\', b' ', b'a', 0x7F, 0xC3] {
                    let mut v = vec![b'x'; len];
                    v[pos] = b;
                    assert_eq!(any_escape(&v), v.iter().any(|&c| needs_escape(c)), "{v:?}");
                }
            }
        }
    }

    #[test]
    fn strings_escape_quotes_backslashes_and_control_characters_only() {
        let mut out = String::new();
        string(&mut out, "a\"b\\c\nd\u{1}é🦀\u{2028}");
        assert_eq!(out, "\"a\\\"b\\\\c\\nd\\u0001é🦀\u{2028}\"");
    }

    #[test]
    fn numbers_in_json_are_written_as_javascript_writes_them_and_non_finite_ones_as_null() {
        let mut out = String::new();
        number(&mut out, 1234567890123456.0);
        out.push(',');
        number(&mut out, 0.1 + 0.2);
        out.push(',');
        number(&mut out, f64::NAN);
        out.push(',');
        number(&mut out, f64::NEG_INFINITY);
        assert_eq!(out, "1234567890123456,0.30000000000000004,null,null");
        assert_eq!(number_text(f64::INFINITY), "Infinity");
        assert_eq!(number_text(-5e-324), "-5e-324");
    }

    #[test]
    fn scores_are_written_as_the_general_path_writes_their_rounded_value() {
        let table: [(f32, &str); 10] = [
            (0.0, "0"),
            (-0.0, "0"),
            (3.0, "3"),
            (12.5, "12.5"),
            (8.756_94, "8.7569"),
            (0.000_04, "0"),
            (0.000_06, "0.0001"),
            (1.050_01, "1.05"),
            (-2.25, "-2.25"),
            (123_456.79, "123456.7891"),
        ];
        for (x, want) in table {
            let (mut fast, mut general) = (String::new(), String::new());
            score(&mut fast, x);
            number(&mut general, rounded_score(x));
            assert_eq!(fast, general, "{x}");
            assert_eq!(fast, want, "{x}");
        }
        // Every score from 0 to 100 in steps of about 0.0003, and beyond the fast path.
        for i in 0..300_000u32 {
            let x = i as f32 / 2999.0;
            let (mut fast, mut general) = (String::new(), String::new());
            score(&mut fast, x);
            number(&mut general, rounded_score(x));
            assert_eq!(fast, general, "{x}");
        }
        for x in [f32::INFINITY, f32::NAN, 3e30] {
            let (mut fast, mut general) = (String::new(), String::new());
            score(&mut fast, x);
            number(&mut general, rounded_score(x));
            assert_eq!(fast, general, "{x}");
        }
    }

    #[test]
    fn results_serialise_like_serde_with_hit_fields_flattened() {
        let r = SearchResults {
            total: 1,
            hits: vec![Hit {
                id: "x".into(),
                kind: "record".into(),
                title: "T".into(),
                score: 1.5,
                snippet: "s".into(),
                highlights: vec![[0, 1]],
                title_highlights: vec![[0, 1]],
                search_terms: Vec::new(),
                fields: vec![
                    ("year".into(), Value::Num(1951.0)),
                    ("tags".into(), Value::List(vec!["a".into()])),
                    ("binding".into(), Value::Bool(true)),
                ],
            }],
            facets: Facets(vec![(
                "kind".into(),
                vec![FacetCount {
                    value: "record".into(),
                    label: "Record".into(),
                    count: 1,
                }],
            )]),
            relaxed: false,
            corrected: None,
        };
        assert_eq!(
            results(&r),
            r#"{"total":1,"hits":[{"id":"x","kind":"record","title":"T","score":1.5,"snippet":"s","highlights":[[0,1]],"titleHighlights":[[0,1]],"year":1951,"tags":["a"],"binding":true}],"facets":{"kind":[{"value":"record","label":"Record","count":1}]},"relaxed":false}"#
        );
    }
}
