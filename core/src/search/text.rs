//! Text → terms: Unicode word segmentation (UAX #29, `unicode-segmentation`, with words
//! parted also where UAX #29 joins them by punctuation: apostrophes, `_`, and `.` `:` between
//! letters, so a term is a run of letters and digits, or a number with its separators),
//! compatibility normalisation, case folding and diacritic folding. The same functions run on indexed text
//! and on queries, so "Réfugié", "REFUGIE" and "ｒｅｆｕｇｉｅ" all become `refugie`.
//!
//! Folding is NFKD (compatibility decomposition, as in NFKC), lower case, and removal of
//! Latin/Greek/Cyrillic diacritics, Arabic harakat and Hebrew points. The decompositions come
//! from `unicode-normalization` at build time (core/build.rs derives a table of a few KB for
//! Latin, Greek, Cyrillic, Arabic, Hebrew, ligatures, full- and half-width forms, letterlike
//! and mathematical symbols, super- and subscripts, enclosed and Roman numerals); other
//! characters are lower-cased by the standard library.
//!
//! Scripts written without spaces between words (Han, Hiragana, Katakana, Hangul, Thai, Lao,
//! Khmer, Myanmar) are indexed one character per term ("unigrams"); a query run of such
//! characters becomes a phrase of unigrams, so "难民" finds texts containing 难民 in that order.

use unicode_segmentation::UnicodeSegmentation;

include!(concat!(env!("OUT_DIR"), "/fold_table.rs"));

/// Terms are cut to this many characters (both in texts and in queries, so matching is
/// unaffected); it bounds the work per term in the typo index.
pub const MAX_TERM_CHARS: usize = 48;

/// One token of a text: its byte range in the text, and whether it is a unigram that directly
/// follows another unigram (no space or punctuation between them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// True for a unigram directly after another unigram.
    pub glued: bool,
}

/// True for characters of scripts that are written without spaces between words.
pub fn is_unigram_char(c: char) -> bool {
    // Most letters of scripts written with spaces come before the first range.
    c >= '\u{0E00}'
        && matches!(c as u32,
        0x0E00..=0x0EFF          // Thai, Lao
        | 0x1000..=0x109F        // Myanmar
        | 0x1100..=0x11FF        // Hangul Jamo
        | 0x1780..=0x17FF        // Khmer
        | 0x2E80..=0x2FDF        // CJK radicals
        | 0x3005 | 0x3007 | 0x3021..=0x3029
        | 0x3040..=0x30FF        // Hiragana, Katakana
        | 0x3130..=0x318F        // Hangul compatibility Jamo
        | 0x31F0..=0x31FF        // Katakana extensions
        | 0x3400..=0x4DBF        // CJK extension A
        | 0x4E00..=0x9FFF        // CJK unified ideographs
        | 0xA960..=0xA97F        // Hangul Jamo extended-A
        | 0xAC00..=0xD7FF        // Hangul syllables, Jamo extended-B
        | 0xF900..=0xFAFF        // CJK compatibility ideographs
        | 0xFF66..=0xFF9F        // halfwidth Katakana
        | 0x20000..=0x3FFFF) // CJK extensions B–H
}

/// True for pictographic symbols (emoji and friends), which are searchable like words.
pub fn is_symbol_char(c: char) -> bool {
    matches!(c as u32,
        0x00A9 | 0x00AE | 0x2122
        | 0x2190..=0x21FF        // arrows
        | 0x2300..=0x23FF        // miscellaneous technical
        | 0x25A0..=0x27BF        // shapes, miscellaneous symbols, dingbats
        | 0x2B00..=0x2BFF
        | 0x3030 | 0x303D | 0x3297 | 0x3299
        | 0x1F000..=0x1FAFF) // emoji blocks
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    class_of(c) & CLASS_WORD != 0
}

/// True for a character with a numeric value: a digit of any script, a Roman numeral, a
/// fraction… (`char::is_numeric`; the answers for other than ASCII are remembered).
pub fn is_numeric_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    class_of(c) & CLASS_NUMERIC != 0
}

/// True for a letter or digit of any script (`char::is_alphanumeric`; the answers for other
/// than ASCII are remembered).
pub fn is_alphanumeric_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    class_of(c) & CLASS_ALPHANUMERIC != 0
}

/// [`class_of`] bit: a letter, a digit or a symbol ([`is_word_char`]).
const CLASS_WORD: u32 = 1;
/// [`class_of`] bit: `char::is_numeric`.
const CLASS_NUMERIC: u32 = 2;
/// [`class_of`] bit: `char::is_alphanumeric`.
const CLASS_ALPHANUMERIC: u32 = 4;

/// Slots of remembered answers about recently seen characters, one per value of a
/// character's low bits: `c << 32 | 1 << 31 | answer`. The standard library's property tables
/// take hundreds of instructions per look-up and the folding table a dozen binary-search
/// steps, while a text repeats the few dozen letters of its script: indexing text in other
/// scripts is about a fifth faster. Relaxed atomics make the slots safe to share; a lost race
/// only costs a look-up again.
type Memo<const N: usize> = [std::sync::atomic::AtomicU64; N];

/// The answer `answer(c)` (below 2³¹), from `memo` when its slot for `c` holds it.
fn remembered<const N: usize>(memo: &Memo<N>, c: char, answer: impl FnOnce(char) -> u32) -> u32 {
    use std::sync::atomic::Ordering::Relaxed;
    const SET: u64 = 1 << 31;
    let slot = &memo[c as usize % N];
    let held = slot.load(Relaxed);
    if held & SET != 0 && held >> 32 == u64::from(c) {
        return held as u32 & !(SET as u32);
    }
    let a = answer(c);
    slot.store(u64::from(c) << 32 | SET | u64::from(a), Relaxed);
    a
}

/// [`class_of`]'s memo.
static CLASS_MEMO: Memo<512> = [const { std::sync::atomic::AtomicU64::new(0) }; 512];

/// The class bits of `c` ([`CLASS_WORD`], [`CLASS_NUMERIC`], [`CLASS_ALPHANUMERIC`]),
/// remembered.
fn class_of(c: char) -> u32 {
    remembered(&CLASS_MEMO, c, |c| {
        let alphanumeric = c.is_alphanumeric();
        let mut class = u32::from(alphanumeric || is_symbol_char(c));
        if c.is_numeric() {
            class |= CLASS_NUMERIC;
        }
        if alphanumeric {
            class |= CLASS_ALPHANUMERIC;
        }
        class
    })
}

/// Diacritics removed by folding: combining marks of Latin, Greek and Cyrillic, Arabic
/// harakat and Hebrew points. Marks that are letters' vowels in other scripts are kept.
/// (core/build.rs has the same list.)
fn is_folded_mark(c: char) -> bool {
    c >= '\u{0300}'
        && matches!(c as u32,
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2 | 0x05C4..=0x05C5 | 0x05C7
        | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF
        | 0xFE20..=0xFE2F)
}

/// Invisible characters dropped from terms: emoji variation selectors, zero-width joiners,
/// skin-tone modifiers, the Arabic tatweel and the soft hyphen.
fn is_ignored(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x0640 | 0x200B..=0x200F | 0x2060 | 0xFE00..=0xFE0F | 0xFEFF | 0x1F3FB..=0x1F3FF)
}

/// Vowel signs, tone marks and other marks that belong to the preceding character in the
/// space-less scripts (kept with it in one unigram).
fn is_unigram_mark(c: char) -> bool {
    matches!(c as u32,
        0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E          // Thai
        | 0x0EB1 | 0x0EB4..=0x0EBC | 0x0EC8..=0x0ECE        // Lao
        | 0x102B..=0x103E | 0x1056..=0x1059 | 0x105E..=0x1060 | 0x1062..=0x1064
        | 0x1067..=0x106D | 0x1071..=0x1074 | 0x1082..=0x108D | 0x108F | 0x109A..=0x109D // Myanmar
        | 0x1160..=0x11FF                                   // Hangul medial and final jamo
        | 0x17B4..=0x17D3 | 0x17DD                          // Khmer
        | 0x3099 | 0x309A                                   // kana voicing marks
        | 0x302A..=0x302F)
        || is_folded_mark(c)
        || is_ignored(c)
}

/// The folding of `c` from the generated table, if it has one.
fn table_fold(c: char) -> Option<Result<char, &'static str>> {
    let cp = c as u32;
    let (k, v) = *FOLD_RUNS.get(fold_run(c)?)?;
    let (start, len) = (k >> 11, (k & 0x7FF) + 1);
    if cp >= start + len {
        return None;
    }
    let payload = v & 0x3FFF_FFFF;
    match v >> 30 {
        0 => char::from_u32(payload).map(Ok),
        1 => char::from_u32(payload + (cp - start)).map(Ok),
        _ => {
            let (off, n) = ((payload >> 6) as usize, (payload & 0x3F) as usize);
            FOLD_POOL.get(off..off + n).map(Err)
        }
    }
}

/// The number of the last run of [`FOLD_RUNS`] starting at or before `c`, remembered.
fn fold_run(c: char) -> Option<usize> {
    let after = remembered(&FOLD_MEMO, c, |c| {
        FOLD_RUNS.partition_point(|&(k, _)| k >> 11 <= c as u32) as u32
    });
    (after as usize).checked_sub(1)
}

/// [`fold_run`]'s memo.
static FOLD_MEMO: Memo<256> = [const { std::sync::atomic::AtomicU64::new(0) }; 256];

fn push_folded(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // The table holds every character whose search form is not itself (core/build.rs), the
    // lower case included: the standard library's case tables are not linked.
    match table_fold(c) {
        Some(Ok(f)) => out.push(f),
        Some(Err(s)) => out.push_str(s),
        None if is_folded_mark(c) || is_ignored(c) => {}
        None => out.push(c),
    }
}

/// Appends the folded form of `word` to `out` (see the module docs). At most
/// [`MAX_TERM_CHARS`] characters are kept.
pub fn fold_into(word: &str, out: &mut String) {
    let start = out.len();
    if word.is_ascii() {
        let take = word.len().min(MAX_TERM_CHARS);
        // ASCII: any cut is at a character boundary.
        out.push_str(&word[..take]);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        push_folded(out, c);
    }
    if let Some((cut, _)) = out[start..].char_indices().nth(MAX_TERM_CHARS) {
        out.truncate(start + cut);
    }
}

/// The folded form of `word` (see [`fold_into`]).
pub fn fold(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    fold_into(word, &mut s);
    s
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{FF07}')
}

/// Splits `text` into tokens and calls `f(term, token)` for each, where `term` is the folded
/// form; `f` returns `false` to stop early. `buf` is scratch space reused across calls.
///
/// Words follow UAX #29; words are also split at apostrophes ("l'homme" → `l`, `homme`),
/// and the `s` of a possessive is dropped ("women's" → `women`, "Peoples’" → `peoples`);
/// characters of space-less scripts become one token each (with their combining marks).
/// Single letters joined by dots are one word, an abbreviation written with them:
/// "U.D.H.R." → `udhr`.
pub fn tokenize(text: &str, buf: &mut String, mut f: impl FnMut(&str, Token) -> bool) {
    // One compiled copy for every caller (a copy per closure type costs wasm size).
    tokenize_dyn(text, buf, &mut |term, tok| {
        is_possessive_s(text, term, tok) || f(term, tok)
    });
}

/// True for the `s` of an English possessive or contraction ("women's", "Peoples’",
/// "it's"): a lone `s` right after an apostrophe that follows a letter or digit. It is no
/// word: as a term it would make "children's rights" require an "s" somewhere and, typed
/// last, complete to every word starting with "s". "'s-Hertogenbosch" keeps its `s`.
#[inline]
fn is_possessive_s(text: &str, term: &str, tok: Token) -> bool {
    if term != "s" {
        return false;
    }
    let mut before = text[..tok.start].chars().rev();
    // A letter before the apostrophe may carry combining accents ("cafe\u{301}'s").
    before.next().is_some_and(is_apostrophe)
        && before
            .find(|&c| !is_folded_mark(c))
            .is_some_and(char::is_alphanumeric)
}

/// Letters of an abbreviation written with dots ("U.N."), gathered until it ends.
struct Initials {
    letters: String,
    start: usize,
    end: usize,
}

impl Initials {
    /// Hands over the letters gathered, if any, as one token; false when `f` says stop.
    fn flush(&mut self, f: &mut dyn FnMut(&str, Token) -> bool) -> bool {
        if self.letters.is_empty() {
            return true;
        }
        let tok = Token {
            start: self.start,
            end: self.end,
            glued: false,
        };
        let go_on = f(&self.letters, tok);
        self.letters.clear();
        go_on
    }
}

/// True for a term of one letter that may start or continue an abbreviation.
#[inline]
fn is_initial(term: &str, tok: Token) -> bool {
    let b = term.as_bytes();
    // An ASCII word is one letter or not an initial; another is one character of at most
    // four bytes: most words are rejected by their first byte and length alone.
    if b.first().is_none_or(u8::is_ascii) {
        return b.len() == 1 && b[0].is_ascii_alphabetic();
    }
    let mut chars = term.chars();
    b.len() <= 4
        && !tok.glued
        && chars
            .next()
            .is_some_and(|c| c.is_alphabetic() && !is_unigram_char(c))
        && chars.next().is_none()
}

/// False when `text` has no dot between two letters (or bytes of other scripts), so no
/// dotted abbreviation: most texts, whose dots end sentences.
fn may_hold_initials(text: &str) -> bool {
    let b = text.as_bytes();
    let letter = |c: u8| c.is_ascii_alphabetic() || !c.is_ascii();
    let mut from = 1;
    while let Some(p) = b
        .get(from..b.len().saturating_sub(1))
        .and_then(|r| r.iter().position(|&c| c == b'.'))
    {
        let i = from + p;
        if letter(b[i - 1]) && letter(b[i + 1]) {
            return true;
        }
        from = i + 1;
    }
    false
}

fn tokenize_dyn(text: &str, buf: &mut String, f: &mut dyn FnMut(&str, Token) -> bool) {
    if !may_hold_initials(text) {
        words_dyn(text, buf, f);
        return;
    }
    let mut run = Initials {
        letters: String::new(),
        start: 0,
        end: 0,
    };
    let mut stopped = false;
    words_dyn(text, buf, &mut |term, tok| {
        let initial = is_initial(term, tok);
        if run.letters.is_empty() && !initial {
            return f(term, tok) || {
                stopped = true;
                false
            };
        }
        if initial {
            // The next letter of "U.D.H.R": one dot after the letter before.
            if !run.letters.is_empty() && text.get(run.end..tok.start) == Some(".") {
                // Cut as long terms are (see `long_terms_are_cut_identically_...`).
                if run.letters.chars().count() < MAX_TERM_CHARS {
                    run.letters.push_str(term);
                }
                run.end = tok.end;
                return true;
            }
            if !run.flush(f) {
                stopped = true;
                return false;
            }
            run.letters.push_str(term);
            run.start = tok.start;
            run.end = tok.end;
            return true;
        }
        if !run.flush(f) || !f(term, tok) {
            stopped = true;
            return false;
        }
        true
    });
    if !stopped {
        run.flush(f);
    }
}

/// [`tokenize`] without joining dotted abbreviations.
fn words_dyn(text: &str, buf: &mut String, f: &mut dyn FnMut(&str, Token) -> bool) {
    // UAX #29 never joins across ASCII whitespace, so the whitespace-delimited chunks holding a
    // non-ASCII byte are segmented by `unicode-segmentation`, and the ASCII text between them
    // by the equivalent rules of `ascii_chunk` in one go (whitespace is one more byte that
    // never joins there; the generic segmenter would look every character up in its tables).
    let bytes = text.as_bytes();
    let mut last_unigram_end = usize::MAX;
    let mut i = 0;
    while i < bytes.len() {
        let Some(first) = first_non_ascii(bytes, i) else {
            ascii_chunk(&text[i..], i, buf, f);
            return;
        };
        let is_space = |b: &u8| b.is_ascii_whitespace();
        let start = bytes[i..first]
            .iter()
            .rposition(is_space)
            .map_or(i, |p| i + p + 1);
        let end = bytes[first..]
            .iter()
            .position(is_space)
            .map_or(bytes.len(), |p| first + p);
        if !ascii_chunk(&text[i..start], i, buf, f)
            || !unicode_chunk(&text[start..end], start, buf, f, &mut last_unigram_end)
        {
            return;
        }
        i = end;
    }
}

/// The position of the first byte at or after `from` that is not ASCII, eight bytes at a time.
fn first_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    use super::snippet::{HIGH, word_at};
    let mut at = from;
    while at + 8 <= bytes.len() {
        let high = word_at(bytes, at) & HIGH;
        if high != 0 {
            return Some(at + high.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|b| !b.is_ascii())
        .map(|k| at + k)
}

/// [`ASCII_CLASS`] bit: a byte of ASCII words (a letter or digit).
const WORD: u8 = 1;
/// [`ASCII_CLASS`] bit: an upper-case letter.
const UPPER: u8 = 2;

/// The class bits of each byte, looked up once per byte; OR-ed over a word they say whether
/// it needs lower-casing.
const ASCII_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = if b.is_ascii_uppercase() {
            WORD | UPPER
        } else if b.is_ascii_alphanumeric() {
            WORD
        } else {
            0
        };
        c += 1;
    }
    t
};

/// The words of ASCII text in one pass: the UAX #29 word segments, split at what joins words
/// rather than letters ([`splits_word`]: apostrophes, `_`, and `.` `:` between letters), so
/// runs of letters and digits, with `,` `;` `.` kept between digits (WB11/12: `1,234.5`).
/// A token is handed over as a slice of `chunk` when already lower case, else lower-cased in
/// `buf`.
fn ascii_chunk(
    chunk: &str,
    offset: usize,
    buf: &mut String,
    f: &mut dyn FnMut(&str, Token) -> bool,
) -> bool {
    let b = chunk.as_bytes();
    let class = |c: u8| ASCII_CLASS[usize::from(c)];
    let mut i = 0;
    while i < b.len() {
        if class(b[i]) == 0 {
            i += 1;
            continue;
        }
        let start = i;
        let mut bits = 0u8;
        loop {
            while i < b.len() {
                let c = class(b[i]);
                if c == 0 {
                    break;
                }
                bits |= c;
                i += 1;
            }
            // A digit separator between digits joins; anything else ends the word.
            if i + 1 < b.len()
                && b[i - 1].is_ascii_digit()
                && b[i + 1].is_ascii_digit()
                && matches!(b[i], b',' | b';' | b'.')
            {
                i += 1;
                continue;
            }
            break;
        }
        // ASCII: bytes are characters, so the cut to MAX_TERM_CHARS counts bytes.
        let term = &chunk[start..i.min(start + MAX_TERM_CHARS)];
        let tok = Token {
            start: offset + start,
            end: offset + i,
            glued: false,
        };
        let go_on = if bits & UPPER == 0 {
            f(term, tok)
        } else {
            buf.clear();
            buf.push_str(term);
            buf.make_ascii_lowercase();
            f(buf, tok)
        };
        if !go_on {
            return false;
        }
    }
    true
}

/// True when character `c`, between `prev` and `next` inside a UAX #29 word segment, parts two
/// words: an apostrophe ("l'asile", "don't"), `_` ("max_results") and `.` or `:` between
/// letters ("node.js", "Index.fromRecords"), as a word is a run of letters and digits. Only
/// digit separators between digits keep a number whole ("1,234.5", "v1.2.3").
fn splits_word(prev: Option<char>, c: char, next: Option<char>) -> bool {
    let digit = |x: Option<char>| x.is_some_and(is_numeric_char);
    match c {
        '_' | '\u{FF3F}' => true,
        '.' | ':' | '\u{FF0E}' | '\u{FE52}' | '\u{FE55}' | '\u{FF1A}' => {
            !(digit(prev) && digit(next))
        }
        c => is_apostrophe(c),
    }
}

fn unicode_chunk(
    text: &str,
    base: usize,
    buf: &mut String,
    f: &mut dyn FnMut(&str, Token) -> bool,
    last_unigram_end: &mut usize,
) -> bool {
    // Every token has a word character: a chunk without one (a "·" between list items, a
    // dash) yields none, without asking the segmenter.
    if !text.chars().any(is_word_char) {
        return true;
    }
    for (offset, segment) in text.split_word_bound_indices() {
        let offset = base + offset;
        if segment.is_ascii() {
            if !segment.bytes().any(|b| b.is_ascii_alphanumeric()) {
                continue;
            }
            for (s, e) in ascii_pieces(segment) {
                buf.clear();
                fold_into(&segment[s..e], buf);
                let tok = Token {
                    start: offset + s,
                    end: offset + e,
                    glued: false,
                };
                if !f(buf, tok) {
                    return false;
                }
            }
            continue;
        }
        if !segment.chars().any(is_word_char) {
            continue;
        }
        // Pieces: runs of ordinary characters (cut where words part) and single unigrams.
        let mut run_start: Option<usize> = None;
        let mut prev: Option<char> = None;
        let mut chars = segment.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let before = prev.replace(c);
            if is_unigram_char(c) && !is_unigram_mark(c) {
                if let Some(s) = run_start.take()
                    && !emit(segment, offset, s, i, false, buf, f)
                {
                    return false;
                }
                let mut end = i + c.len_utf8();
                while let Some(&(j, m)) = chars.peek() {
                    if is_unigram_mark(m) {
                        end = j + m.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                let glued = *last_unigram_end == offset + i;
                if !emit(segment, offset, i, end, glued, buf, f) {
                    return false;
                }
                *last_unigram_end = offset + end;
            } else if splits_word(before, c, chars.peek().map(|&(_, n)| n)) {
                if let Some(s) = run_start.take()
                    && !emit(segment, offset, s, i, false, buf, f)
                {
                    return false;
                }
            } else if run_start.is_none() {
                run_start = Some(i);
            }
        }
        if let Some(s) = run_start
            && !emit(segment, offset, s, segment.len(), false, buf, f)
        {
            return false;
        }
    }
    true
}

/// The words of an ASCII word segment: its pieces between characters that part words
/// ([`splits_word`]) that hold a letter or digit.
fn ascii_pieces(segment: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = segment.as_bytes();
    let at = |i: usize| bytes.get(i).map(|&b| char::from(b));
    let parts = move |i: usize| {
        splits_word(
            i.checked_sub(1).and_then(at),
            char::from(bytes[i]),
            at(i + 1),
        )
    };
    let mut pos = 0;
    std::iter::from_fn(move || {
        while pos < bytes.len() {
            let start = pos;
            while pos < bytes.len() && !parts(pos) {
                pos += 1;
            }
            let end = pos;
            pos += 1;
            if bytes[start..end].iter().any(u8::is_ascii_alphanumeric) {
                return Some((start, end));
            }
        }
        None
    })
}

fn emit(
    segment: &str,
    offset: usize,
    s: usize,
    e: usize,
    glued: bool,
    buf: &mut String,
    f: &mut dyn FnMut(&str, Token) -> bool,
) -> bool {
    let piece = &segment[s..e];
    if !piece.chars().any(is_word_char) {
        return true;
    }
    buf.clear();
    fold_into(piece, buf);
    if buf.is_empty() {
        return true;
    }
    f(
        buf,
        Token {
            start: offset + s,
            end: offset + e,
            glued,
        },
    )
}

/// The folded terms of `text`, in order (a convenience for tests and small inputs).
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    tokenize(text, &mut buf, |t, _| {
        out.push(t.to_string());
        true
    });
    out
}

/// The byte offset where the token starting at `start` ends (the token is re-read from
/// `start`); `None` when no token starts there. `buf` is scratch space (see [`tokenize`]).
pub fn token_end(text: &str, start: usize, buf: &mut String) -> Option<usize> {
    let rest = text.get(start..)?;
    let mut end = None;
    tokenize(rest, buf, |_, tok| {
        if tok.start == 0 {
            end = Some(start + tok.end);
        }
        false
    });
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn folding_removes_case_accents_and_compatibility_forms() {
        let table = [
            ("Réfugié", "refugie"),
            ("REFUGIE", "refugie"),
            ("ｒｅｆｕｇｉｅ", "refugie"),
            ("Straße", "strasse"),
            ("ﬁnal", "final"),
            ("Ελληνικά", "ελληνικα"),
            ("ΟΔΟΣ", "οδοσ"),
            ("Ёлка", "елка"),
            ("Øresund", "oresund"),
            ("إنسان", "انسان"),
            ("İstanbul", "istanbul"),
            ("한국어", "한국어"),
            ("ﾃｽﾄ", "テスト"),
        ];
        for (input, want) in table {
            assert_eq!(fold(input), want, "fold({input})");
        }
    }

    #[test]
    fn words_are_runs_of_letters_and_digits_and_numbers_keep_their_separators() {
        assert_eq!(
            terms("Non-refoulement: l'homme can't — 1951 Convention, U.S.A."),
            [
                "non",
                "refoulement",
                "l",
                "homme",
                "can",
                "t",
                "1951",
                "convention",
                "usa"
            ]
        );
        let table: &[(&str, &[&str])] = &[
            (
                "Index.fromRecords(records)",
                &["index", "fromrecords", "records"],
            ),
            ("max_results __init__", &["max", "results", "init"]),
            ("node.js src/lib.rs", &["node", "js", "src", "lib", "rs"]),
            ("Art.33 art:14", &["art", "33", "art", "14"]),
            ("v1.2.3 1,234.45 1'000", &["v1.2.3", "1,234.45", "1", "000"]),
            (
                "café.société réfugié_statut",
                &["cafe", "societe", "refugie", "statut"],
            ),
            ("naïve.js 3.5€", &["naive", "js", "3.5"]),
            ("ＡＢＣ．ｄｅｆ", &["abc", "def"]),
        ];
        for (text, want) in table {
            assert_eq!(terms(text), *want, "{text}");
        }
        assert_eq!(terms("Всеобщая декларация"), ["всеобщая", "декларация"]);
        assert_eq!(terms("حقوق الإنسان"), ["حقوق", "الانسان"]);
    }

    #[test]
    fn the_s_of_a_possessive_is_no_word_and_an_s_elsewhere_is() {
        let table: &[(&str, &[&str])] = &[
            ("women's rights", &["women", "rights"]),
            ("CHILDREN’S RIGHTS", &["children", "rights"]),
            ("the State's duty", &["the", "state", "duty"]),
            ("it's 1951's", &["it", "1951"]),
            ("Peoples’ Rights", &["peoples", "rights"]),
            ("l'asile", &["l", "asile"]),
            ("'s-Hertogenbosch", &["s", "hertogenbosch"]),
            ("s' s's", &["s", "s"]),
            ("annex s", &["annex", "s"]),
            ("women's", &["women"]),
            ("women'ss", &["women", "ss"]),
            ("réfugié's", &["refugie"]),
            ("cafe\u{301}’s menu", &["cafe", "menu"]),
        ];
        for (text, want) in table {
            assert_eq!(terms(text), *want, "{text}");
        }
    }

    #[test]
    fn spaceless_scripts_become_glued_unigrams() {
        let mut got = Vec::new();
        let mut buf = String::new();
        tokenize(
            "人人生而自由 テスト 서울시",
            &mut buf,
            |t, tok| {
                got.push((t.to_string(), tok.glued));
                true
            },
        );
        let want: Vec<(String, bool)> = [
            ("人", false),
            ("人", true),
            ("生", true),
            ("而", true),
            ("自", true),
            ("由", true),
            ("テ", false),
            ("ス", true),
            ("ト", true),
            ("서", false),
            ("울", true),
            ("시", true),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), *b))
        .collect();
        assert_eq!(got, want);
        // Thai keeps vowel signs and tone marks with their consonant.
        let thai = terms("สิทธิ");
        assert_eq!(thai.concat(), "สิทธิ");
        assert!(thai.len() >= 3);
    }

    /// A pseudo-random string of fewer than `max` characters of `alphabet` (xorshift on `seed`).
    fn random_text(seed: &mut u32, alphabet: &[char], max: u32) -> String {
        let len = *seed % max;
        (0..len)
            .map(|_| {
                *seed ^= *seed << 13;
                *seed ^= *seed >> 17;
                *seed ^= *seed << 5;
                alphabet[*seed as usize % alphabet.len()]
            })
            .collect()
    }

    /// The ASCII fast path segments exactly like `unicode-segmentation` on random ASCII
    /// (before dotted abbreviations are joined, which both paths share).
    #[test]
    fn ascii_segmentation_equals_uax29() {
        let alphabet: Vec<char> = "ab1_.,:;'- /\"\n(e)9Z".chars().collect();
        let mut seed = 99u32;
        // Words longer than MAX_TERM_CHARS, whole and around apostrophes, then random text.
        let long = format!("{0}'{1} _{0}_ 9{1}'b", "Ab".repeat(40), "c".repeat(49));
        let fixed = [long.as_str(), "___ '_' a'_ _'a'_b u.s.a. 1,000.5 a:b:c"];
        for i in 0..20_000 {
            let random = random_text(&mut seed, &alphabet, 40);
            let text = fixed.get(i).map_or(random, |s| s.to_string());
            let mut fast = Vec::new();
            let mut buf = String::new();
            words_dyn(&text, &mut buf, &mut |t, tok| {
                fast.push((t.to_string(), tok.start, tok.end));
                true
            });
            let mut slow = Vec::new();
            let mut last = usize::MAX;
            unicode_chunk(
                &text,
                0,
                &mut buf,
                &mut |t: &str, tok: Token| {
                    slow.push((t.to_string(), tok.start, tok.end));
                    true
                },
                &mut last,
            );
            assert_eq!(fast, slow, "{text:?}");
        }
    }

    /// Mixed text: the ASCII stretches between non-ASCII chunks, tokenized in one go, give what
    /// segmenting every whitespace-delimited chunk with `unicode-segmentation` gives.
    #[test]
    fn mixed_text_tokenizes_like_uax29_chunk_by_chunk() {
        let alphabet: Vec<char> = "ab1_.,:' -\n\tZ·é’难民ك\u{301}🦀—ﬁ".chars().collect();
        let mut seed = 7u32;
        for _ in 0..20_000 {
            let text = random_text(&mut seed, &alphabet, 48);
            let mut buf = String::new();
            let mut fast = Vec::new();
            words_dyn(&text, &mut buf, &mut |t, tok| {
                fast.push((t.to_string(), tok));
                true
            });
            let mut slow = Vec::new();
            let mut last = usize::MAX;
            let mut at = 0;
            for chunk in text.split(|c: char| c.is_ascii_whitespace()) {
                let mut push = |t: &str, tok: Token| {
                    slow.push((t.to_string(), tok));
                    true
                };
                unicode_chunk(chunk, at, &mut buf, &mut push, &mut last);
                at += chunk.len() + 1;
            }
            assert_eq!(fast, slow, "{text:?}");
        }
    }

    #[test]
    fn single_letters_joined_by_dots_are_one_word() {
        let table: &[(&str, &[&str])] = &[
            ("U.D.H.R.", &["udhr"]),
            ("the U.N. Charter", &["the", "un", "charter"]),
            ("i.c.c.p.r", &["iccpr"]),
            ("C.R.C. and U.S.", &["crc", "and", "us"]),
            ("С.Ш.А.", &["сша"]),
            // Not an abbreviation: a letter alone, letters apart, words, numbers.
            ("A. Smith", &["a", "smith"]),
            ("a. b. c.", &["a", "b", "c"]),
            ("node.js a.bc", &["node", "js", "a", "bc"]),
            ("v1.2 1.2.3", &["v1.2", "1.2.3"]),
            ("x..y", &["x", "y"]),
        ];
        for (text, want) in table {
            assert_eq!(terms(text), *want, "{text}");
        }
        // The word spans the letters and the dots between them, so a highlight marks it all.
        let mut buf = String::new();
        let mut spans = Vec::new();
        tokenize("see U.D.H.R. now", &mut buf, |t, tok| {
            spans.push((t.to_string(), tok.start, tok.end));
            true
        });
        assert_eq!(
            spans,
            [
                ("see".into(), 0, 3),
                ("udhr".into(), 4, 11),
                ("now".into(), 13, 16)
            ]
        );
        assert_eq!(token_end("see U.D.H.R. now", 4, &mut buf), Some(11));
    }

    #[test]
    fn emoji_are_terms_and_variation_selectors_do_not_matter() {
        assert_eq!(terms("I ❤️ 🦀 rust"), ["i", "❤", "🦀", "rust"]);
        assert_eq!(terms("❤"), terms("❤\u{FE0F}"));
        assert!(terms("— … ! ?").is_empty());
    }

    #[test]
    fn token_offsets_are_byte_ranges_of_the_original_text() {
        let text = "Ünïcödé 𝒜 wörds";
        let mut spans = Vec::new();
        let mut buf = String::new();
        tokenize(text, &mut buf, |t, tok| {
            spans.push((t.to_string(), &text[tok.start..tok.end]));
            true
        });
        assert_eq!(
            spans,
            [
                ("unicode".into(), "Ünïcödé"),
                ("a".into(), "𝒜"),
                ("words".into(), "wörds")
            ]
        );
        assert_eq!(
            token_end(text, 0, &mut String::new()),
            Some("Ünïcödé".len())
        );
        assert_eq!(
            token_end(text, 1, &mut String::new()),
            None,
            "not a char boundary"
        );
    }

    /// The derived table agrees with `unicode-normalization` on every character it covers:
    /// NFKD, lower-cased, folded marks removed.
    #[test]
    fn folding_agrees_with_the_compatibility_decomposition_of_unicode_normalization() {
        let mut checked = 0;
        for cp in (0xA0u32..0x0530)
            .chain(0x1E00..0x1F00)
            .chain(0xFF01..0xFF5F)
            .chain(0x1D400..0x1D6A4)
        {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            // Letters folded beyond their decomposition (ß → ss, ø → o, ...) are tested above.
            if !c.is_alphanumeric()
                || "ŀĿ".contains(c)
                || c.to_string()
                    .nfkd()
                    .any(|d| "ßẞæÆœŒøØłŁđĐðÐħĦıþÞŧŦς".contains(d))
            {
                continue;
            }
            let want: String = c
                .to_string()
                .nfkd()
                .flat_map(char::to_lowercase)
                .filter(|&d| !is_folded_mark(d))
                .collect();
            if want.chars().any(char::is_whitespace) {
                continue;
            }
            assert_eq!(fold(&c.to_string()), want, "U+{cp:04X} {c}");
            checked += 1;
        }
        assert!(checked > 1500, "{checked} characters checked");
    }

    /// The memos of character classes and folding runs answer as the look-ups they save,
    /// also when characters sharing a slot take turns in it.
    #[test]
    fn remembered_classes_and_folding_runs_equal_fresh_look_ups() {
        let chars = (0x80..0x3400)
            .chain(0x10400..0x10500)
            .chain(0x1F300..0x1F700)
            .filter_map(char::from_u32);
        // Each character is asked twice in a row (the second answer is remembered), and the
        // range is many times the memos' size, so each slot changes hands.
        for c in chars {
            let word = c.is_alphanumeric() || is_symbol_char(c);
            let run = FOLD_RUNS.partition_point(|&(k, _)| k >> 11 <= c as u32);
            for ask in ["first", "again"] {
                assert_eq!(is_word_char(c), word, "{c:?} word, asked {ask}");
                assert_eq!(
                    is_numeric_char(c),
                    c.is_numeric(),
                    "{c:?} numeric, asked {ask}"
                );
                let alphanumeric = c.is_alphanumeric();
                assert_eq!(is_alphanumeric_char(c), alphanumeric, "{c:?}, asked {ask}");
                assert_eq!(
                    fold_run(c),
                    run.checked_sub(1),
                    "{c:?} fold run, asked {ask}"
                );
            }
        }
    }

    /// Outside the compatibility ranges of core/build.rs the search form of every character is
    /// its lower case without marks: the table gives exactly that, for all of Unicode.
    #[test]
    fn every_character_outside_the_folded_ranges_folds_to_its_lower_case() {
        let mut lowered = 0;
        for cp in 0x80..=0x10FFFFu32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let compat = cp >= 0xA0 && c.to_string().nfkd().collect::<String>() != c.to_string()
                || "ßẞæÆœŒøØłŁŀĿđĐðÐħĦıþÞŧŦς".contains(c);
            if compat {
                continue;
            }
            let want: String = c
                .to_lowercase()
                .filter(|&l| !is_folded_mark(l) && !is_ignored(l))
                .collect();
            let mut got = String::new();
            push_folded(&mut got, c);
            assert_eq!(got, want, "U+{cp:04X} {c}");
            lowered += usize::from(want != c.to_string() && !want.is_empty());
        }
        assert!(lowered > 900, "{lowered} characters lower-cased");
    }

    #[test]
    fn long_terms_are_cut_identically_in_texts_and_queries() {
        let long = "a".repeat(200);
        assert_eq!(fold(&long).len(), MAX_TERM_CHARS);
        let long = "é".repeat(200);
        assert_eq!(fold(&long).chars().count(), MAX_TERM_CHARS);
    }
}
