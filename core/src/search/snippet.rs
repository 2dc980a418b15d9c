//! Snippets: a short excerpt of the best-matching field around the densest cluster of matched
//! words, with highlights as `[start, end)` offsets in UTF-16 code units of the snippet (what
//! JavaScript's `String.prototype.slice` takes), so astral characters are counted as two.

use super::index::InvertedIndex;
use super::text;

/// Longest snippet, in characters, before the ellipses.
pub const SNIPPET_CHARS: usize = 160;
/// Matches considered when choosing the window (the first ones in the text).
const MAX_HITS: usize = 64;
/// Words of context kept before the first highlighted word.
const CONTEXT_WORDS: usize = 4;
const ELLIPSIS: char = '\u{2026}';

/// A snippet and its highlights.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    /// The excerpt, with `…` where text was cut.
    pub text: String,
    /// `[start, end)` of each highlighted word, in UTF-16 code units of `text`, ascending,
    /// adjacent words (e.g. consecutive Chinese characters) merged.
    pub highlights: Vec<[u32; 2]>,
}

/// A field considered for the snippet: (distinct matched terms, matches, field, text,
/// (position, term) of each match).
type Candidate<'a> = (usize, usize, u8, &'a str, Vec<(u32, u32)>);

/// Builds the snippet of document `doc` whose field texts are `texts` (field number, text),
/// highlighting the terms in `matched` (sorted term ids). Fields in `avoid` (the title, short
/// names) are used only when the document has no other text.
pub fn build(
    ix: &InvertedIndex,
    doc: u32,
    texts: &[(u8, String)],
    matched: &[u32],
    avoid: &[u8],
) -> Snippet {
    let candidates: Vec<&(u8, String)> = {
        let others: Vec<&(u8, String)> = texts
            .iter()
            .filter(|(f, t)| !avoid.contains(f) && !t.trim().is_empty())
            .collect();
        if others.is_empty() {
            texts.iter().collect()
        } else {
            others
        }
    };
    // (position, term) of matched words per candidate field; pick the field with the most
    // distinct matched terms, then the most matches, then the first.
    let mut best: Option<Candidate> = None;
    let entries = ix.entries(doc);
    for &&(f, ref t) in &candidates {
        let mut hits: Vec<(u32, u32)> = Vec::new();
        let mut distinct = 0;
        for &term in matched {
            let mut found = false;
            for e in entries.of_term(term).filter(|e| e.field == f) {
                hits.extend(ix.positions(&e).iter().map(|&p| (u32::from(p), term)));
                found = true;
            }
            distinct += usize::from(found);
        }
        let better = match &best {
            None => true,
            Some((bd, bn, ..)) => (distinct, hits.len()) > (*bd, *bn),
        };
        if better {
            let mut keys: Vec<u64> = hits
                .iter()
                .map(|&(p, t)| u64::from(p) << 32 | u64::from(t))
                .collect();
            keys.sort_unstable();
            let hits = keys.iter().map(|k| ((k >> 32) as u32, *k as u32)).collect();
            best = Some((distinct, keys.len(), f, t.as_str(), hits));
        }
    }
    let Some((_, _, field, text, hits)) = best else {
        return Snippet::default();
    };
    let starts = ix.token_starts(doc, field);
    window(text, starts, &hits)
}

fn char_count(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Cuts the window with the most distinct matched terms out of `text`.
fn window(text: &str, starts: &[u32], hits: &[(u32, u32)]) -> Snippet {
    let ntok = starts.len();
    // The densest window: for each of the first hits as the window's first, count the
    // distinct terms among the hits that follow within about three quarters of the budget
    // (measured in bytes, two per character, to stay linear).
    let reach = SNIPPET_CHARS * 3 / 2;
    let hits = &hits[..hits.len().min(MAX_HITS)];
    let at = |h: &(u32, u32)| starts.get(h.0 as usize).copied().unwrap_or(0) as usize;
    let mut first_hit = 0usize;
    let mut best_distinct = 0usize;
    let mut terms: Vec<u32> = Vec::new();
    for i in 0..hits.len() {
        let from = at(&hits[i]);
        terms.clear();
        for h in hits[i..].iter().take_while(|h| at(h) <= from + reach) {
            if !terms.contains(&h.1) {
                terms.push(h.1);
            }
        }
        if terms.len() > best_distinct {
            best_distinct = terms.len();
            first_hit = i;
        }
    }
    let first_tok = hits.get(first_hit).map_or(0, |h| h.0 as usize);
    let mut ws = first_tok.saturating_sub(CONTEXT_WORDS);
    // Keep the context within a third of the budget.
    while ws < first_tok && char_count(byte_range(text, starts, ws, first_tok)) > SNIPPET_CHARS / 3
    {
        ws += 1;
    }
    let start = if ws == 0 {
        0
    } else {
        starts.get(ws).copied().unwrap_or(0) as usize
    };
    // Extend over whole words while within the budget.
    let mut we = ws; // exclusive token index
    let mut used = 0usize;
    while we < ntok {
        let next = if we + 1 < ntok {
            starts[we + 1] as usize
        } else {
            text.len()
        };
        let piece = text.get(starts[we] as usize..next).unwrap_or("");
        let len = char_count(piece);
        if used + len > SNIPPET_CHARS && we > ws {
            break;
        }
        used += len;
        we += 1;
    }
    // Scratch space of the tokenizer, which re-reads highlighted words to find their ends.
    let mut buf = String::new();
    let end = if we >= ntok {
        text.len()
    } else {
        let last = starts[we - 1] as usize;
        text::token_end(text, last, &mut buf).unwrap_or(starts[we] as usize)
    };
    let core = text.get(start..end).unwrap_or("");
    let trimmed_start = start + (core.len() - core.trim_start().len());
    let core = core.trim();
    let cut_before = trimmed_start > 0 && !text[..trimmed_start].trim().is_empty();
    let cut_after = !text[trimmed_start + core.len()..].trim().is_empty();

    // Highlight byte ranges relative to `core` (hits are in position order, so ranges are
    // ascending).
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for &(p, _) in hits {
        let Some(&s) = starts.get(p as usize) else {
            continue;
        };
        let s = s as usize;
        if s < trimmed_start || s >= trimmed_start + core.len() {
            continue;
        }
        let e = text::token_end(text, s, &mut buf)
            .unwrap_or(s)
            .min(trimmed_start + core.len());
        if e > s {
            ranges.push((s - trimmed_start, e - trimmed_start));
        }
    }
    ranges.dedup();

    let mut out = String::with_capacity(core.len() + 8);
    let lead = if cut_before {
        out.push(ELLIPSIS);
        1
    } else {
        0
    };
    out.push_str(core);
    if cut_after {
        out.push(ELLIPSIS);
    }
    Snippet {
        text: out,
        highlights: utf16_ranges(core, &ranges, lead),
    }
}

fn byte_range<'a>(text: &'a str, starts: &[u32], a: usize, b: usize) -> &'a str {
    let s = starts.get(a).copied().unwrap_or(0) as usize;
    let e = starts.get(b).copied().map_or(text.len(), |x| x as usize);
    text.get(s..e).unwrap_or("")
}

/// Converts sorted byte ranges of `s` to UTF-16 ranges shifted by `lead`, merging ranges that
/// touch or overlap.
fn utf16_ranges(s: &str, ranges: &[(usize, usize)], lead: u32) -> Vec<[u32; 2]> {
    let mut marks: Vec<u64> = ranges
        .iter()
        .flat_map(|&(a, b)| [a as u64, b as u64])
        .collect();
    marks.sort_unstable();
    marks.dedup();
    let marks: Vec<usize> = marks.into_iter().map(|m| m as usize).collect();
    let mut map: Vec<(usize, u32)> = Vec::with_capacity(marks.len());
    let mut u16_at = 0u32;
    let mut m = 0;
    for (i, c) in s.char_indices() {
        while m < marks.len() && marks[m] <= i {
            map.push((marks[m], u16_at));
            m += 1;
        }
        u16_at += c.len_utf16() as u32;
    }
    while m < marks.len() {
        map.push((marks[m], u16_at));
        m += 1;
    }
    let at = |b: usize| map.iter().find(|(x, _)| *x == b).map_or(0, |(_, u)| *u);
    let mut out: Vec<[u32; 2]> = Vec::with_capacity(ranges.len());
    for &(a, b) in ranges {
        let (a, b) = (at(a) + lead, at(b) + lead);
        match out.last_mut() {
            Some(last) if last[1] >= a => last[1] = last[1].max(b),
            _ => out.push([a, b]),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::Field;

    fn index(text: &str) -> InvertedIndex {
        InvertedIndex::build(
            vec![Field {
                name: "body".into(),
                boost: 1.0,
            }],
            &[vec![(0, text.to_string())]],
        )
    }

    fn utf16_slice(s: &str, r: [u32; 2]) -> String {
        let u: Vec<u16> = s.encode_utf16().collect();
        String::from_utf16(&u[r[0] as usize..r[1] as usize]).unwrap()
    }

    #[test]
    fn highlights_are_utf16_offsets_of_the_matched_words() {
        let text = "𝒜𝒷𝒸 emoji 🦀 and Réfugiés — 难民 status";
        let ix = index(text);
        let mut matched: Vec<u32> = ["refugies", "难", "民", "🦀"]
            .iter()
            .map(|t| ix.lookup(t).unwrap())
            .collect();
        matched.sort_unstable();
        let s = build(&ix, 0, &[(0, text.to_string())], &matched, &[]);
        assert_eq!(s.text, text);
        let got: Vec<String> = s
            .highlights
            .iter()
            .map(|&r| utf16_slice(&s.text, r))
            .collect();
        assert_eq!(got, ["🦀", "Réfugiés", "难民"]);
    }

    #[test]
    fn long_texts_are_cut_around_the_matches_with_ellipses() {
        let mut text = "filler words here ".repeat(40);
        text.push_str("the principle of non-refoulement protects refugees ");
        text.push_str(&"more trailing words ".repeat(40));
        let ix = index(&text);
        let matched = vec![ix.lookup("refoulement").unwrap()];
        let s = build(&ix, 0, &[(0, text.clone())], &matched, &[]);
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
        assert!(s.text.chars().count() <= SNIPPET_CHARS + 2);
        assert_eq!(s.highlights.len(), 1);
        assert_eq!(utf16_slice(&s.text, s.highlights[0]), "refoulement");
    }

    #[test]
    fn without_matches_the_snippet_is_the_start_of_the_text() {
        let text = "First words of a body. ".repeat(30);
        let ix = index(&text);
        let s = build(&ix, 0, &[(0, text.clone())], &[], &[]);
        assert!(s.text.starts_with("First words"));
        assert!(s.text.ends_with('…'));
        assert!(s.highlights.is_empty());
    }
}
