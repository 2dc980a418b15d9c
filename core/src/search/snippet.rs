//! Snippets: a short excerpt of the best-matching field around the densest cluster of matched
//! words, with highlights as `[start, end)` offsets in UTF-16 code units of the snippet (what
//! JavaScript's `String.prototype.slice` takes), so astral characters are counted as two.

use super::index::{InvertedIndex, TOKEN_LEN_UNKNOWN};
use super::text;

/// Longest snippet, in characters, before the ellipses.
pub const SNIPPET_CHARS: usize = 160;
/// Matches considered when choosing the window (the first ones in the text).
const MAX_HITS: usize = 64;
/// Words of context kept before the first highlighted word.
const CONTEXT_WORDS: usize = 4;
/// The mark of cut text at either end of a snippet.
const ELLIPSIS: char = '\u{2026}';

/// A snippet and its highlights.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    /// The excerpt, with `…` where text was cut.
    pub text: String,
    /// `[start, end)` of each highlighted word, in UTF-16 code units of `text`, ascending,
    /// adjacent words (e.g. consecutive Chinese characters) merged.
    pub highlights: Vec<[u32; 2]>,
    /// Length of `text` in UTF-16 code units (JavaScript's `length`).
    pub units: u32,
    /// Text was cut before the excerpt (`text` starts with the `…` it adds).
    pub cut_before: bool,
    /// Text was cut after the excerpt (`text` ends with the `…` it adds).
    pub cut_after: bool,
    /// `[start, end)` of each matched word in the document's title, in UTF-16 code units of
    /// the title, when a title was given (see [`TitleIn`]).
    pub title_highlights: Vec<[u32; 2]>,
}

impl Snippet {
    /// `text` without the `…` marks of cut text, and its length in UTF-16 code units.
    pub fn inner(&self) -> (&str, u32) {
        let mark = ELLIPSIS.len_utf8();
        let start = if self.cut_before { mark } else { 0 };
        let end = self.text.len() - if self.cut_after { mark } else { 0 };
        let units = self.units - u32::from(self.cut_before) - u32::from(self.cut_after);
        (&self.text[start..end], units)
    }
}

/// Buffers snippets are built in, reused from one hit to the next (see [`build_with`]).
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    keys: Vec<u64>,
    hits: Vec<(u32, u64)>,
    ranges: Vec<(usize, usize)>,
    buf: String,
    keep: Vec<bool>,
}

/// The terms of a document that a query matched, each with the query words (groups) it
/// matched for: a snippet field is chosen by how many of the query's words it shows, so a
/// field holding "refugee" and "refugees" shows one word, not two.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Matched {
    /// The terms, ascending, each once.
    pub terms: Vec<u32>,
    /// `groups[i]`: bit `g % 64` set when `terms[i]` matched for query group `g`.
    pub groups: Vec<u64>,
    /// `term << 6 | group % 64` as pushed, until [`Matched::finish`].
    keys: Vec<u64>,
}

impl Matched {
    /// Empties it for the next document.
    pub fn clear(&mut self) {
        self.terms.clear();
        self.groups.clear();
        self.keys.clear();
    }

    /// Notes that `term` matched for query group `group`.
    pub fn push(&mut self, term: u32, group: usize) {
        self.keys.push(u64::from(term) << 6 | (group % 64) as u64);
    }

    /// Sorts what was pushed into [`Matched::terms`] and [`Matched::groups`].
    pub fn finish(&mut self) {
        self.keys.sort_unstable();
        for &k in &self.keys {
            let (term, bit) = ((k >> 6) as u32, 1u64 << (k & 63));
            match (self.terms.last(), self.groups.last_mut()) {
                (Some(&t), Some(groups)) if t == term => *groups |= bit,
                _ => {
                    self.terms.push(term);
                    self.groups.push(bit);
                }
            }
        }
        self.keys.clear();
    }

    /// Each of `terms` as a query group of its own.
    #[cfg(test)]
    fn each_alone(terms: &[u32]) -> Matched {
        let mut m = Matched::default();
        for (g, &t) in terms.iter().enumerate() {
            m.push(t, g);
        }
        m.finish();
        m
    }
}

/// The phrases of a query, so that a word matched only as part of a phrase is marked only
/// where the whole phrase stands (`"status of refugees"` does not light up every "of"; `难民`
/// does not mark the 民 of 移民; `"noise canc` marks "cancelling" only after "noise").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Phrases {
    /// Per phrase, per place, the terms accepted there, sorted.
    places: Vec<Vec<Vec<u32>>>,
    /// Per phrase, the range of terms also accepted at its last place: the completions of a
    /// word being typed (see [`PhraseTerms::tail`]).
    tails: Vec<Option<(u32, u32)>>,
    /// The terms that only phrases match, sorted.
    only: Vec<u32>,
    /// The ranges of [`Phrases::tails`]: their terms only phrases match, but for `elsewhere`.
    only_ranges: Vec<(u32, u32)>,
    /// The terms of `only_ranges` that a word of the query outside phrases matches, sorted.
    elsewhere: Vec<u32>,
    /// The terms of the query's words as typed, sorted (see [`Phrases::with_typed`]).
    typed: Vec<u32>,
}

/// The terms one phrase of a query accepts (see [`Phrases::new`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PhraseTerms {
    /// Per place, the terms accepted there.
    pub places: Vec<Vec<u32>>,
    /// A range of terms also accepted at the last place: the completions of the word being
    /// typed at the end of a phrase being typed (`"noise canc`), which may be many.
    pub tail: Option<(u32, u32)>,
}

impl Phrases {
    /// `phrases`, where `elsewhere(t)` says whether a word of the query outside phrases
    /// matches term `t`, and `elsewhere_in(lo, hi)` lists the terms of `lo..hi` it says so of
    /// (sorted). Phrases of one place are words like others.
    pub fn new(
        phrases: Vec<PhraseTerms>,
        elsewhere: impl Fn(u32) -> bool,
        elsewhere_in: impl Fn(u32, u32) -> Vec<u32>,
    ) -> Phrases {
        let mut out = Phrases::default();
        for mut p in phrases.into_iter().filter(|p| p.places.len() > 1) {
            p.places.iter_mut().for_each(|terms| terms.sort_unstable());
            out.places.push(p.places);
            out.tails.push(p.tail);
            if let Some((lo, hi)) = p.tail.filter(|(lo, hi)| lo < hi) {
                out.only_ranges.push((lo, hi));
                out.elsewhere.extend(elsewhere_in(lo, hi));
            }
        }
        out.only = out
            .places
            .iter()
            .flatten()
            .flatten()
            .copied()
            .filter(|&t| !elsewhere(t))
            .collect();
        out.only.sort_unstable();
        out.only.dedup();
        out.elsewhere.sort_unstable();
        out.elsewhere.dedup();
        out
    }

    /// The same, where `typed` are the terms of the query's words as typed (not their
    /// aliases, other forms or typo candidates): of two fields holding as many matched
    /// words, the snippet comes from the one holding more of these ("refugee treaty" shows
    /// the summary saying "refugee treaty", not the list of names saying "Refugee
    /// Convention").
    pub fn with_typed(mut self, mut typed: Vec<u32>) -> Phrases {
        typed.sort_unstable();
        typed.dedup();
        self.typed = typed;
        self
    }

    /// True when only phrases match term `t`.
    fn only_phrases(&self, t: u32) -> bool {
        self.only.binary_search(&t).is_ok()
            || self
                .only_ranges
                .iter()
                .any(|&(lo, hi)| (lo..hi).contains(&t))
                && self.elsewhere.binary_search(&t).is_err()
    }

    /// Keeps of `keys` (sorted `field << 48 | position << 32 | term` keys of matched words)
    /// those of words matched outside phrases and those inside a whole phrase, where
    /// `one_item(field, position, n)` says the `n` words from there stand in one item of a
    /// list (see [`one_item`]).
    fn retain_whole(
        &self,
        keys: &mut Vec<u64>,
        keep: &mut Vec<bool>,
        mut one_item: impl FnMut(u8, usize, usize) -> bool,
    ) {
        if self.only.is_empty() && self.only_ranges.is_empty() {
            return;
        }
        let term = |k: u64| k as u32;
        let place = |k: u64| k >> 32;
        keep.clear();
        keep.extend(keys.iter().map(|&k| !self.only_phrases(term(k))));
        // A position holds one term, so the words of a phrase standing whole are
        // consecutive keys at consecutive positions of one field.
        for (phrase, &tail) in self.places.iter().zip(&self.tails) {
            let last = phrase.len() - 1;
            let accepted = |k: usize, t: u32| {
                phrase[k].binary_search(&t).is_ok()
                    || k == last && tail.is_some_and(|(lo, hi)| (lo..hi).contains(&t))
            };
            for i in 0..keys.len() {
                let whole = (0..phrase.len()).all(|k| {
                    keys.get(i + k).is_some_and(|&x| {
                        place(x) == place(keys[i]) + k as u64
                            && x >> 48 == keys[i] >> 48
                            && accepted(k, term(x))
                    })
                });
                if whole
                    && one_item(
                        (keys[i] >> 48) as u8,
                        place(keys[i]) as u16 as usize,
                        phrase.len(),
                    )
                {
                    keep[i..i + phrase.len()].fill(true);
                }
            }
        }
        let mut at = 0;
        keys.retain(|_| {
            at += 1;
            keep[at - 1]
        });
    }
}

/// The field texts of a document: (field number, text) pairs, which are all ASCII and which
/// are not blank.
#[derive(Debug, Clone, Copy)]
pub struct FieldTexts<'a> {
    /// (field number, text) pairs.
    pub texts: &'a [(u8, String)],
    /// Bit `f` set when the text of field `f` is all ASCII ([`ascii_fields`]): there a byte is
    /// a character and a UTF-16 unit, so nothing needs counting.
    pub ascii: u32,
    /// Bit `f` set when the text of field `f` is not only whitespace ([`filled_fields`]);
    /// fields from 32 on are looked at when needed.
    pub filled: u32,
}

impl<'a> FieldTexts<'a> {
    /// `texts` with their bits computed (an index stores them instead).
    pub fn new(texts: &'a [(u8, String)]) -> Self {
        FieldTexts {
            texts,
            ascii: ascii_fields(texts),
            filled: filled_fields(texts),
        }
    }

    /// True when field `f`, whose text is `text`, has more than whitespace.
    fn is_filled(&self, f: u8, text: &str) -> bool {
        if f < 32 {
            self.filled >> f & 1 == 1
        } else {
            !text.trim().is_empty()
        }
    }
}

/// Builds the snippet of document `doc` from its field texts `fields`, highlighting the terms
/// in `matched` (sorted term ids; those of `phrases` only where a whole phrase stands).
/// Fields in `avoid` (the title, short names) and the field that holds the title whole
/// ([`TitleIn::field`]: a hit shows its title) are used only when the document has no other
/// text. With `title`, the matched words of the title are found too
/// ([`Snippet::title_highlights`]).
#[allow(clippy::too_many_arguments)]
pub fn build(
    ix: &InvertedIndex,
    doc: u32,
    fields: FieldTexts,
    title: Option<TitleIn>,
    matched: &Matched,
    phrases: &Phrases,
    avoid: &[u8],
) -> Snippet {
    let mut out = Snippet::default();
    build_with(
        ix,
        doc,
        fields,
        title,
        matched,
        phrases,
        avoid,
        &mut Scratch::default(),
        &mut out,
    );
    out
}

/// A document's title and where the index holds its words (see [`build`]).
#[derive(Debug, Clone, Copy)]
pub struct TitleIn<'a> {
    /// The title.
    pub text: &'a str,
    /// The field whose text is exactly the title, if any: a hit shows its title whole, so the
    /// words matched there are marked from that field's token offsets.
    pub field: Option<u8>,
    /// The title is all ASCII.
    pub ascii: bool,
    /// Terms marked in the title only (sorted): words a query word abbreviates ("stateless"
    /// for "stls"), which would light up the snippet at every use of a common word.
    pub also: &'a [u32],
}

/// [`build`] in the buffers of `scratch`, into `out` (its text and highlights are replaced,
/// their memory reused): what a page of hits uses, so no hit allocates.
#[allow(clippy::too_many_arguments)]
pub fn build_with(
    ix: &InvertedIndex,
    doc: u32,
    fields: FieldTexts,
    title: Option<TitleIn>,
    matched: &Matched,
    phrases: &Phrases,
    avoid: &[u8],
    scratch: &mut Scratch,
    out: &mut Snippet,
) {
    out.text.clear();
    out.highlights.clear();
    out.title_highlights.clear();
    out.units = 0;
    out.cut_before = false;
    out.cut_after = false;
    let texts = fields.texts;
    let Scratch {
        keys,
        hits,
        ranges,
        buf,
        keep,
    } = scratch;
    let shown = title.and_then(|t| t.field);
    let usable =
        |(f, t): &&(u8, String)| !avoid.contains(f) && Some(*f) != shown && fields.is_filled(*f, t);
    let only_avoided = !texts.iter().any(|t| usable(&t));
    // The fields a snippet may come from, and the title's.
    let mut candidates = 0u64;
    for (f, _) in texts.iter().filter(|t| only_avoided || usable(t)) {
        candidates |= 1 << (f & 63);
    }
    let title_field = title.and_then(|t| t.field).filter(|&f| f < 64);
    let wanted = candidates | title_field.map_or(0, |f| 1 << f);
    // (field << 48 | position << 32 | term) of the matched words in those fields, and per
    // field the query words it shows and how many terms as typed: one look-up per term for
    // all fields.
    keys.clear();
    let mut words_in = [0u64; 64];
    let mut typed = [0u16; 64];
    let entries = ix.entries(doc);
    for (&term, &groups) in matched.terms.iter().zip(&matched.groups) {
        let as_typed = phrases.typed.binary_search(&term).is_ok();
        for e in entries.of_term(term) {
            if wanted >> (e.field & 63) & 1 == 0 {
                continue;
            }
            words_in[usize::from(e.field & 63)] |= groups;
            typed[usize::from(e.field & 63)] += u16::from(as_typed);
            keys.extend(
                ix.positions(&e)
                    .iter()
                    .map(|&p| u64::from(e.field) << 48 | u64::from(p) << 32 | u64::from(term)),
            );
        }
    }
    if let (Some(t), Some(f)) = (title, title_field) {
        for &term in t.also {
            for e in entries.of_term(term).filter(|e| e.field == f) {
                keys.extend(
                    ix.positions(&e)
                        .iter()
                        .map(|&p| u64::from(f) << 48 | u64::from(p) << 32 | u64::from(term)),
                );
            }
        }
    }
    keys.sort_unstable();
    let before = keys.len();
    phrases.retain_whole(keys, keep, |f, at, n| {
        texts.iter().find(|t| t.0 == f).is_none_or(|(_, text)| {
            let tokens = Tokens {
                starts: ix.token_starts(doc, f),
                lens: ix.token_lens(doc, f),
            };
            one_item(text, &tokens, at, n, buf)
        })
    });
    if keys.len() < before {
        // Words that stand in a field only apart from their phrase count for nothing there:
        // the field holding the whole phrase is the snippet's, with the phrase marked.
        words_in = [0u64; 64];
        typed = [0u16; 64];
        // (field << 32 | term), once each: a term counts once per field, as above.
        let mut pairs: Vec<u64> = keys
            .iter()
            .map(|&k| (k >> 48) << 32 | (k & 0xFFFF_FFFF))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        for &p in &pairs {
            let (f, term) = ((p >> 32) as usize & 63, p as u32);
            if let Ok(i) = matched.terms.binary_search(&term) {
                words_in[f] |= matched.groups[i];
                typed[f] += u16::from(phrases.typed.binary_search(&term).is_ok());
            }
        }
    }
    // Where each field's keys start (they are sorted by field): `start[f]..start[f + 1]`.
    let mut start = [0u32; 65];
    for &k in keys.iter() {
        start[(k >> 48) as usize & 63] += 1;
    }
    // Only the index's fields hold words (most indexes have a few of the 64 possible).
    let nf = ix.fields.len().min(64);
    let mut sum = 0;
    for s in &mut start[..=nf] {
        (*s, sum) = (sum, sum + *s);
    }
    let group = |f: u8| {
        let f = usize::from(f & 63);
        if f >= nf {
            return &keys[..0];
        }
        &keys[start[f] as usize..start[f + 1] as usize]
    };
    if let (Some(t), Some(f)) = (title, title_field) {
        title_ranges(
            ix,
            doc,
            f,
            t,
            group(f),
            ranges,
            buf,
            &mut out.title_highlights,
        );
    }
    // The best field: the most query words shown, then the most of the words as typed,
    // then the lowest boost (prose that tells more than a field of names, which mostly
    // repeats the title), then the most matches, then the first.
    let mut best = None;
    for ft @ (f, _) in texts.iter().filter(|t| only_avoided || usable(t)) {
        let n = group(*f).len();
        let f63 = usize::from(*f & 63);
        let (d, ty) = (words_in[f63].count_ones(), typed[f63]);
        // Boosts are positive, so their bits order as they do.
        let prose = u32::MAX
            - ix.fields
                .get(usize::from(*f))
                .map_or(0, |x| x.boost.to_bits());
        let key = (d, ty, prose, n);
        if best.is_none_or(|(b, _)| key > b) {
            best = Some((key, ft));
        }
    }
    let Some((_, &(field, ref text))) = best else {
        return;
    };
    // (position, the query words its term matched for) of each matched word of the field.
    let words_of = |term: u32| {
        let i = matched.terms.binary_search(&term);
        i.map_or(0, |i| matched.groups[i])
    };
    hits.clear();
    hits.extend(
        group(field)
            .iter()
            .map(|k| ((k >> 32) as u16 as u32, words_of(*k as u32))),
    );
    let tokens = Tokens {
        starts: ix.token_starts(doc, field),
        lens: ix.token_lens(doc, field),
    };
    let ascii = field < 32 && fields.ascii >> field & 1 == 1;
    window(text, ascii, &tokens, hits, ranges, buf, out);
}

/// The title's highlights from `keys`, the matched words of field `field` (which holds the
/// title's text) as sorted (field, position, term) keys.
#[allow(clippy::too_many_arguments)]
fn title_ranges(
    ix: &InvertedIndex,
    doc: u32,
    field: u8,
    title: TitleIn,
    keys: &[u64],
    ranges: &mut Vec<(usize, usize)>,
    buf: &mut String,
    out: &mut Vec<[u32; 2]>,
) {
    if keys.is_empty() {
        return;
    }
    let tokens = Tokens {
        starts: ix.token_starts(doc, field),
        lens: ix.token_lens(doc, field),
    };
    ranges.clear();
    for &k in keys {
        let p = (k >> 32) as u16 as usize;
        let Some(&s) = tokens.starts.get(p) else {
            continue;
        };
        let s = s as usize;
        let e = tokens.end(title.text, p, s, buf).unwrap_or(s);
        if e > s {
            ranges.push((s, e));
        }
    }
    ranges.dedup();
    utf16_ranges(title.text, title.ascii, ranges, 0, out);
}

/// The `ascii` mask of [`build`] for `texts`: bit `f` set when field `f`'s text is all ASCII.
pub fn ascii_fields(texts: &[(u8, String)]) -> u32 {
    field_mask(texts, &|t| t.is_ascii())
}

/// The `filled` mask of [`build`] for `texts`: bit `f` set when field `f`'s text is not only
/// whitespace.
pub fn filled_fields(texts: &[(u8, String)]) -> u32 {
    field_mask(texts, &|t| !t.trim().is_empty())
}

/// Bit `f` set for each field `f` below 32 whose text passes `test`.
fn field_mask(texts: &[(u8, String)], test: &dyn Fn(&str) -> bool) -> u32 {
    texts
        .iter()
        .filter(|(f, t)| *f < 32 && test(t))
        .fold(0, |m, (f, _)| m | 1 << f)
}

/// Where each token of a field text is: byte starts and lengths (see
/// [`InvertedIndex::token_lens`]).
pub(super) struct Tokens<'a> {
    /// Byte start of each token.
    pub(super) starts: &'a [u32],
    /// Byte length of each token ([`TOKEN_LEN_UNKNOWN`] when too long to store).
    pub(super) lens: &'a [u8],
}

impl Tokens<'_> {
    /// Byte offset where the token starting at byte `start` (token number `i`) ends.
    fn end(&self, text: &str, i: usize, start: usize, buf: &mut String) -> Option<usize> {
        match self.lens.get(i) {
            Some(&len) if len != TOKEN_LEN_UNKNOWN => Some(start + usize::from(len)),
            _ => text::token_end(text, start, buf),
        }
    }
}

/// True when the `n` tokens from token number `at` of `text` stand in one item of a list:
/// no list separator ([`super::matching::LIST_BREAKS`]) between them, as a phrase must
/// (see `Index::phrase_matches`), nor words cited together (see `Index::adjacency`).
pub(super) fn one_item(text: &str, tokens: &Tokens, at: usize, n: usize, buf: &mut String) -> bool {
    (at..(at + n).saturating_sub(1)).all(|k| {
        let (Some(&start), Some(&next)) = (tokens.starts.get(k), tokens.starts.get(k + 1)) else {
            return false;
        };
        tokens
            .end(text, k, start as usize, buf)
            .and_then(|e| text.get(e..next as usize))
            .is_some_and(|gap| !gap.contains(super::matching::LIST_BREAKS))
    })
}

/// Bit 7 of every byte of a little-endian word of eight bytes.
pub(super) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `b` from `at` as one little-endian word.
pub(super) fn word_at(b: &[u8], at: usize) -> u64 {
    let c = &b[at..at + 8];
    u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]])
}

/// Bit 7 set in each byte of `w` that continues a character (`10xxxxxx`).
fn continuations(w: u64) -> u64 {
    // Bit 6 moved onto bit 7: once masked with HIGH, what a shift carries in from the byte
    // below lands on bits 0–2 of this one, never on bit 7.
    w & !(w << 1) & HIGH
}

/// Bytes of `s` that continue a character and bytes that start a four-byte one (`11110xxx`),
/// counted eight at a time: snippets are measured on every hit, so this is on the query path.
fn continuation_and_four_byte_leads(s: &str) -> (usize, usize) {
    let b = s.as_bytes();
    let (mut cont, mut four) = (0usize, 0usize);
    let mut at = 0;
    while at + 8 <= b.len() {
        let w = word_at(b, at);
        cont += continuations(w).count_ones() as usize;
        four += (w & (w << 1) & (w << 2) & (w << 3) & HIGH).count_ones() as usize;
        at += 8;
    }
    for &x in &b[at..] {
        cont += usize::from(x & 0xC0 == 0x80);
        four += usize::from(x >= 0xF0);
    }
    (cont, four)
}

/// The byte offset in `text` after `n` characters from byte `from` (a character boundary), or
/// the end of the text when it has fewer.
fn byte_after_chars(text: &str, from: usize, n: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut at, mut left) = (from.min(bytes.len()), n);
    // Eight bytes at a time while they hold no more characters than are left, then by bytes.
    while left >= 8 && at + 8 <= bytes.len() {
        left -= 8 - continuations(word_at(bytes, at)).count_ones() as usize;
        at += 8;
    }
    while at < bytes.len() {
        if bytes[at] & 0xC0 != 0x80 {
            if left == 0 {
                break;
            }
            left -= 1;
        }
        at += 1;
    }
    at
}

/// Characters of `s`: its bytes that start one.
fn char_count(s: &str) -> usize {
    s.len() - continuation_and_four_byte_leads(s).0
}

/// UTF-16 code units of `s`: one per character, two for those of four bytes in UTF-8 (their
/// first byte is 0xF0 or above).
pub fn utf16_len(s: &str) -> u32 {
    let (cont, four) = continuation_and_four_byte_leads(s);
    (s.len() - cont + four) as u32
}

/// Cuts the window showing the most query words out of `text` into `out` (empty). `hits` are
/// the matched words' (position, query words) in position order.
#[allow(clippy::too_many_arguments)]
fn window(
    text: &str,
    ascii: bool,
    tokens: &Tokens,
    hits: &[(u32, u64)],
    ranges: &mut Vec<(usize, usize)>,
    buf: &mut String,
    out: &mut Snippet,
) {
    let starts = tokens.starts;
    let ntok = starts.len();
    // The densest window: for each of the first hits as the window's first, count the query
    // words among the hits that follow within about three quarters of the budget (measured
    // in bytes, two per character, to stay linear).
    let reach = SNIPPET_CHARS * 3 / 2;
    let hits = &hits[..hits.len().min(MAX_HITS)];
    let at = |h: &(u32, u64)| starts.get(h.0 as usize).copied().unwrap_or(0) as usize;
    let mut first_hit = 0usize;
    let mut best_words = 0;
    for i in 0..hits.len() {
        let from = at(&hits[i]);
        let words = hits[i..]
            .iter()
            .take_while(|h| at(h) <= from + reach)
            .fold(0u64, |w, h| w | h.1)
            .count_ones();
        if words > best_words {
            best_words = words;
            first_hit = i;
        }
    }
    let first_tok = hits.get(first_hit).map_or(0, |h| h.0 as usize);
    let mut ws = first_tok.saturating_sub(CONTEXT_WORDS);
    // Keep the context within a third of the budget.
    // In ASCII text a character is a byte: nothing to count.
    let chars = |s: &str| if ascii { s.len() } else { char_count(s) };
    while ws < first_tok && chars(byte_range(text, starts, ws, first_tok)) > SNIPPET_CHARS / 3 {
        ws += 1;
    }
    let start = if ws == 0 {
        0
    } else {
        starts.get(ws).copied().unwrap_or(0) as usize
    };
    // Extend over whole words (each with what follows it, up to the next word) while within
    // the budget, and over one word at least: the words that end by `limit`.
    let base = starts.get(ws).map_or(text.len(), |&b| b as usize);
    let limit = if ascii {
        (base + SNIPPET_CHARS).min(text.len())
    } else {
        byte_after_chars(text, base, SNIPPET_CHARS)
    };
    let piece_end = |w: usize| starts.get(w + 1).map_or(text.len(), |&b| b as usize);
    let mut we = ws; // exclusive token index
    if we < ntok {
        we += 1 + super::index::partition(ntok - we - 1, |k| piece_end(ws + 1 + k) <= limit);
    }
    let end = if we >= ntok {
        text.len()
    } else {
        let last = starts[we - 1] as usize;
        tokens
            .end(text, we - 1, last, buf)
            .unwrap_or(starts[we] as usize)
    };
    let core = text.get(start..end).unwrap_or("");
    let trimmed_start = start + (core.len() - core.trim_start().len());
    let core = core.trim();
    let cut_before = trimmed_start > 0 && !text[..trimmed_start].trim().is_empty();
    let cut_after = !text[trimmed_start + core.len()..].trim().is_empty();

    // Highlight byte ranges relative to `core` (hits are in position order, so ranges are
    // ascending).
    ranges.clear();
    for &(p, _) in hits {
        let Some(&s) = starts.get(p as usize) else {
            continue;
        };
        let s = s as usize;
        if s < trimmed_start || s >= trimmed_start + core.len() {
            continue;
        }
        let e = tokens
            .end(text, p as usize, s, buf)
            .unwrap_or(s)
            .min(trimmed_start + core.len());
        if e > s {
            ranges.push((s - trimmed_start, e - trimmed_start));
        }
    }
    ranges.dedup();

    let lead = if cut_before {
        out.text.push(ELLIPSIS);
        1
    } else {
        0
    };
    out.text.push_str(core);
    if cut_after {
        out.text.push(ELLIPSIS);
    }
    // The ellipsis is one UTF-16 unit.
    out.units = lead + utf16_units(core, ascii) + u32::from(cut_after);
    out.cut_before = cut_before;
    out.cut_after = cut_after;
    utf16_ranges(core, ascii, ranges, lead, &mut out.highlights);
}

/// [`utf16_len`], or the byte length when `s` is known to be ASCII (nothing to count).
fn utf16_units(s: &str, ascii: bool) -> u32 {
    if ascii { s.len() as u32 } else { utf16_len(s) }
}

fn byte_range<'a>(text: &'a str, starts: &[u32], a: usize, b: usize) -> &'a str {
    let s = starts.get(a).copied().unwrap_or(0) as usize;
    let e = starts.get(b).copied().map_or(text.len(), |x| x as usize);
    text.get(s..e).unwrap_or("")
}

/// Appends to `out` (empty) the sorted byte ranges of `s` (on character boundaries) as UTF-16
/// ranges shifted by `lead`, merging ranges that touch or overlap. `ascii`: `s` is known to be
/// ASCII.
fn utf16_ranges(
    s: &str,
    ascii: bool,
    ranges: &[(usize, usize)],
    lead: u32,
    out: &mut Vec<[u32; 2]>,
) {
    if ascii {
        // A byte is a unit: nothing to count.
        let n = s.len();
        for &(a, b) in ranges {
            let (a, b) = (a.min(n) as u32 + lead, b.min(n).max(a.min(n)) as u32 + lead);
            match out.last_mut() {
                Some(last) if last[1] >= a => last[1] = last[1].max(b),
                _ => out.push([a, b]),
            }
        }
        return;
    }
    // Ranges are sorted by start, so starts only move forward: count units from the last start.
    let (mut at_byte, mut at_unit) = (0usize, lead);
    for &(a, b) in ranges {
        let (a, b) = (a.max(at_byte).min(s.len()), b.min(s.len()));
        at_unit += utf16_units(s.get(at_byte..a).unwrap_or(""), ascii);
        at_byte = a;
        let end = at_unit + utf16_units(s.get(a..b.max(a)).unwrap_or(""), ascii);
        match out.last_mut() {
            Some(last) if last[1] >= at_unit => last[1] = last[1].max(end),
            _ => out.push([at_unit, end]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::Field;

    /// The snippet of document 0 over `texts`, highlighting `matched`, without phrases.
    fn plain(ix: &InvertedIndex, texts: &[(u8, String)], matched: &[u32]) -> Snippet {
        build(
            ix,
            0,
            FieldTexts::new(texts),
            None,
            &Matched::each_alone(matched),
            &Phrases::default(),
            &[],
        )
    }

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
    fn the_window_shows_the_most_query_words_not_the_most_terms() {
        // "refugee" and "refugees" are two terms of one query word; "status" is another word.
        let filler = "nothing to see in this stretch of text ".repeat(12);
        let text = format!("A refugee, refugees. {filler}Later the refugee status is set out.");
        let ix = index(&text);
        let term = |w: &str| ix.lookup(w).unwrap();
        let mut matched = Matched::default();
        matched.push(term("refugee"), 0);
        matched.push(term("refugees"), 0);
        matched.push(term("status"), 1);
        matched.finish();
        assert_eq!(matched.groups.len(), 3);
        let texts = [(0u8, text.clone())];
        let snip = build(
            &ix,
            0,
            FieldTexts::new(&texts),
            None,
            &matched,
            &Phrases::default(),
            &[],
        );
        assert!(snip.text.contains("refugee status"), "{:?}", snip.text);
        assert!(!snip.text.contains("refugees"), "{:?}", snip.text);
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
        let texts = [(0, text.to_string())];
        let s = plain(&ix, &texts, &matched);
        assert_eq!(s.text, text);
        let got: Vec<String> = s
            .highlights
            .iter()
            .map(|&r| utf16_slice(&s.text, r))
            .collect();
        assert_eq!(got, ["🦀", "Réfugiés", "难民"]);
        assert_eq!(s.units as usize, s.text.encode_utf16().count());
    }

    proptest::proptest! {
        #[test]
        fn characters_and_utf16_units_are_counted_as_rust_and_javascript_count_them(
            s in "\\PC{0,40}"
        ) {
            proptest::prop_assert_eq!(char_count(&s), s.chars().count());
            proptest::prop_assert_eq!(utf16_len(&s) as usize, s.encode_utf16().count());
        }

        #[test]
        fn the_byte_after_n_characters_is_where_rust_puts_it(
            s in "\\PC{0,60}", skip in 0usize..8, n in 0usize..70
        ) {
            let from = s.char_indices().nth(skip).map_or(s.len(), |(i, _)| i);
            let want = s[from..].char_indices().nth(n).map_or(s.len(), |(i, _)| from + i);
            proptest::prop_assert_eq!(byte_after_chars(&s, from, n), want);
        }
    }

    #[test]
    fn byte_ranges_become_the_utf16_ranges_javascript_slices_with() {
        for s in [
            "plain ascii words",
            "é 𝒜 🦀 难民 — x",
            "𝒜𝒷𝒸",
            "a\u{2019}b 🦀🦀 c",
            "ascii then é, then 🦀 at byte 17, 𐍈 and \u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}",
        ] {
            let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
            let units = |b: usize| s[..b].encode_utf16().count() as u32;
            for (i, &a) in bounds.iter().enumerate() {
                for &b in &bounds[i + 1..] {
                    for &(c, d) in [(a, b), (b, s.len())].iter().filter(|(c, d)| c < d) {
                        let ranges = if (a, b) == (c, d) {
                            vec![(a, b)]
                        } else {
                            vec![(a, b), (c, d)]
                        };
                        let mut got = Vec::new();
                        utf16_ranges(s, false, &ranges, 1, &mut got);
                        if s.is_ascii() {
                            let mut fast = Vec::new();
                            utf16_ranges(s, true, &ranges, 1, &mut fast);
                            assert_eq!(fast, got, "{s:?} {ranges:?}");
                        }
                        let mut want: Vec<[u32; 2]> = Vec::new();
                        for &(x, y) in &ranges {
                            let r = [units(x) + 1, units(y) + 1];
                            match want.last_mut() {
                                Some(last) if last[1] >= r[0] => last[1] = last[1].max(r[1]),
                                _ => want.push(r),
                            }
                        }
                        assert_eq!(got, want, "{s:?} {ranges:?}");
                    }
                }
            }
            assert_eq!(char_count(s), s.chars().count());
            assert_eq!(utf16_len(s) as usize, s.encode_utf16().count());
        }
    }

    #[test]
    fn long_texts_are_cut_around_the_matches_with_ellipses() {
        let mut text = "filler words here ".repeat(40);
        text.push_str("the principle of non-refoulement protects refugees ");
        text.push_str(&"more trailing words ".repeat(40));
        let ix = index(&text);
        let matched = vec![ix.lookup("refoulement").unwrap()];
        let texts = [(0, text.clone())];
        let s = plain(&ix, &texts, &matched);
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
        assert!(s.text.chars().count() <= SNIPPET_CHARS + 2);
        assert_eq!(s.units as usize, s.text.encode_utf16().count());
        assert_eq!(s.highlights.len(), 1);
        assert_eq!(utf16_slice(&s.text, s.highlights[0]), "refoulement");
    }

    #[test]
    fn without_matches_the_snippet_is_the_start_of_the_text() {
        let text = "First words of a body. ".repeat(30);
        let ix = index(&text);
        let texts = [(0, text.clone())];
        let s = plain(&ix, &texts, &[]);
        assert!(s.text.starts_with("First words"));
        assert!(s.text.ends_with('…'));
        assert!(s.highlights.is_empty());
    }

    #[test]
    fn ascii_texts_give_the_same_snippets_with_the_ascii_shortcut_as_without() {
        let long = format!(
            "  {} the principle of non-refoulement protects refugees {}  ",
            "filler words here ".repeat(30),
            "more trailing words, refugees again ".repeat(30)
        );
        let texts = [
            long.as_str(),
            "refugees",
            "  refugees and  stateless persons  ",
            "short text without the word",
            "refugees' rights: a refugee, refugees; REFUGEES",
        ];
        for text in texts {
            let ix = index(text);
            for word in ["refugees", "refoulement", "persons", "absent"] {
                let matched: Vec<u32> = ix.lookup(word).into_iter().collect();
                let t = [(0u8, text.to_string())];
                assert_eq!(ascii_fields(&t), 1);
                let fields = |ascii| FieldTexts {
                    texts: &t,
                    ascii,
                    filled: filled_fields(&t),
                };
                let matched = Matched::each_alone(&matched);
                let fast = build(&ix, 0, fields(1), None, &matched, &Phrases::default(), &[]);
                let slow = build(&ix, 0, fields(0), None, &matched, &Phrases::default(), &[]);
                assert_eq!(fast, slow, "{text:?} {word}");
                assert_eq!(fast.units as usize, fast.text.encode_utf16().count());
                assert_eq!(
                    fast.highlights.is_empty(),
                    matched.terms.is_empty() || !text.contains(word),
                    "{text:?} {word}"
                );
            }
        }
        let mixed = [
            (0u8, "é".to_string()),
            (1, "e".to_string()),
            (40, "e".to_string()),
        ];
        assert_eq!(ascii_fields(&mixed), 0b10);
    }

    #[test]
    fn blank_fields_give_no_snippet_when_another_field_has_text() {
        for (blank, other) in [(0u8, 1u8), (1, 0), (40, 41), (3, 40), (40, 3)] {
            let texts = vec![
                (blank, " \t\n ".to_string()),
                (other, "the text shown".to_string()),
            ];
            let fields: Vec<Field> = (0..42)
                .map(|f| Field {
                    name: format!("f{f}"),
                    boost: 1.0,
                })
                .collect();
            let ix = InvertedIndex::build(fields, std::slice::from_ref(&texts));
            let s = plain(&ix, &texts, &[]);
            assert_eq!(
                s.text, "the text shown",
                "blank field {blank}, text in {other}"
            );
        }
    }
}
