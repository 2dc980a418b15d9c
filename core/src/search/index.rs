//! The inverted index: a sorted vocabulary, term → document postings, and per document its
//! sorted (term, field) entries with word positions, plus the byte offset of every token so
//! snippets need no re-tokenising.
//!
//! Term ids are ranks in byte order of the folded terms, so all terms starting with a prefix
//! form one contiguous id range. Every array is flat (`Vec<u32>` with offset arrays) to keep
//! memory low and predictable in WebAssembly, where memory never shrinks.

use super::text;

/// Text fields of an index: a name and a ranking boost.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Field name, e.g. `"title"`.
    pub name: String,
    /// Ranking weight (title > labels > body).
    pub boost: f32,
}

/// At most this many text fields per index.
pub const MAX_FIELDS: usize = 32;

/// Most words of one document that can be indexed (across its fields), so that positions fit
/// 16 bits. A longer document is indexed up to this many words and reported by
/// [`InvertedIndex::over_long_document`]: `Index.fromRecords` refuses such a record with a typed
/// error, and corpus validation refuses such an entry, so no text is silently left unsearchable.
pub const MAX_DOC_TOKENS: usize = crate::limits::MAX_RECORD_WORDS;

/// The stored length of a token of this many bytes or more (its end is found by reading the
/// text again): one byte per token keeps snippets from re-tokenizing every highlighted word.
pub const TOKEN_LEN_UNKNOWN: u8 = u8::MAX;

/// The inverted index proper (see the module docs).
#[derive(Debug, Clone, Default)]
pub struct InvertedIndex {
    /// Text fields; a document entry's field number indexes this.
    pub fields: Vec<Field>,
    nfields: usize,
    ndocs: usize,
    term_text: String,
    term_off: Vec<u32>,
    /// `by_lead[k]..by_lead[k + 1]` are the ids of the terms whose first two bytes `l`
    /// ([`lead`]) have `l >> lead_shift == k`: the vocabulary is sorted, so a lookup searches
    /// only there (a few steps instead of ~20 over a large vocabulary). The shift keeps the
    /// table at about one entry per term (up to the 65,537 entries of whole two-byte leads);
    /// empty when there is no term.
    by_lead: Vec<u32>,
    lead_shift: u32,
    /// `post_off[t]..post_off[t+1]` is term `t`'s postings range; also a prefix sum of
    /// document frequencies.
    post_off: Vec<u32>,
    post_docs: Vec<u32>,
    /// Entries of document d: `doc_off[d]..doc_off[d+1]`.
    doc_off: Vec<u32>,
    ent_term: Vec<u32>,
    ent_field: Vec<u8>,
    /// End of each entry's positions, relative to its document's `doc_pos` base.
    ent_end: Vec<u16>,
    doc_pos: Vec<u32>,
    positions: Vec<u16>,
    tok_off: Vec<u32>,
    tok_start: Vec<u32>,
    /// Byte length of each token (parallel to `tok_start`); [`TOKEN_LEN_UNKNOWN`] when longer.
    tok_len: Vec<u8>,
    field_len: Vec<u16>,
    avg_len: Vec<f32>,
    /// The first document with more than [`MAX_DOC_TOKENS`] words, if any.
    over_long: Option<u32>,
}

/// One (term, field) entry of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Term id.
    pub term: u32,
    /// Field number.
    pub field: u8,
    /// Range of its positions (for [`InvertedIndex::positions`]).
    pub pos: (u32, u32),
}

impl Entry {
    /// Term frequency in the field.
    pub fn tf(&self) -> u32 {
        self.pos.1 - self.pos.0
    }
}

/// A compact open-addressing map from strings to numbers given in order of first sight (term
/// ids while building; record ids in [`crate::records`]).
pub(crate) struct Interner {
    bytes: Vec<u8>,
    off: Vec<u32>,
    table: Vec<u32>,
}

/// A fast, non-cryptographic hash of a byte string (term interning, the names of
/// `Index::named`).
pub(crate) fn hash_bytes(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    for &x in chunks.remainder() {
        h = (h.rotate_left(5) ^ u64::from(x)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    h ^ (h >> 29)
}

impl Interner {
    /// An empty interner.
    pub(crate) fn new() -> Self {
        Interner {
            bytes: Vec::new(),
            off: vec![0],
            table: vec![u32::MAX; 1024],
        }
    }
    fn len(&self) -> usize {
        self.off.len() - 1
    }
    fn get(&self, id: u32) -> &[u8] {
        &self.bytes[self.off[id as usize] as usize..self.off[id as usize + 1] as usize]
    }
    /// The number of `term`: the one it was given before, else the next.
    pub(crate) fn intern(&mut self, term: &str) -> u32 {
        if self.len() * 2 >= self.table.len() {
            self.grow();
        }
        let mask = self.table.len() - 1;
        let mut i = hash_bytes(term.as_bytes()) as usize & mask;
        loop {
            let id = self.table[i];
            if id == u32::MAX {
                let id = self.len() as u32;
                self.bytes.extend_from_slice(term.as_bytes());
                self.off.push(self.bytes.len() as u32);
                self.table[i] = id;
                return id;
            }
            if self.get(id) == term.as_bytes() {
                return id;
            }
            i = (i + 1) & mask;
        }
    }
    fn grow(&mut self) {
        let cap = self.table.len() * 2;
        let mut table = vec![u32::MAX; cap];
        for id in 0..self.len() as u32 {
            let mut i = hash_bytes(self.get(id)) as usize & (cap - 1);
            while table[i] != u32::MAX {
                i = (i + 1) & (cap - 1);
            }
            table[i] = id;
        }
        self.table = table;
    }
}

impl InvertedIndex {
    /// Indexes `texts` with the given fields: `texts[d]` lists the `(field number, text)` pairs
    /// of document `d`, at most one per field.
    pub fn build<T: AsRef<[(u8, String)]>>(fields: Vec<Field>, texts: &[T]) -> InvertedIndex {
        let nfields = fields.len();
        let ndocs = texts.len();
        // Reserve for typical text (a token per ~6 bytes) so growth rarely copies: in wasm,
        // memory grown for a copy is never returned.
        let bytes: usize = texts
            .iter()
            .flat_map(|t| t.as_ref().iter().map(|(_, s)| s.len()))
            .sum();
        let est_tokens = bytes / 6 + 16;
        let mut interner = Interner::new();
        let mut doc_off = Vec::with_capacity(ndocs + 1);
        doc_off.push(0u32);
        let mut doc_pos = Vec::with_capacity(ndocs + 1);
        doc_pos.push(0u32);
        let mut ent_term: Vec<u32> = Vec::with_capacity(est_tokens * 3 / 4);
        let mut ent_field: Vec<u8> = Vec::with_capacity(est_tokens * 3 / 4);
        let mut ent_end: Vec<u16> = Vec::with_capacity(est_tokens * 3 / 4);
        let mut positions: Vec<u16> = Vec::with_capacity(est_tokens);
        let mut tok_off: Vec<u32> = Vec::with_capacity(ndocs * nfields + 1);
        tok_off.push(0);
        let mut tok_start: Vec<u32> = Vec::with_capacity(est_tokens);
        let mut tok_len: Vec<u8> = Vec::with_capacity(est_tokens);
        let mut field_len = vec![0u16; ndocs * nfields];
        // (term << 32 | field << 16 | position) of one document's tokens.
        let mut tokens: Vec<u64> = Vec::new();
        let mut buf = String::new();
        let mut over_long = None;

        for (d, doc) in texts.iter().enumerate() {
            tokens.clear();
            let doc = doc.as_ref();
            for f in 0..nfields {
                if let Some((_, t)) = doc.iter().find(|(n, _)| usize::from(*n) == f) {
                    let mut pos = 0u64;
                    text::tokenize(t, &mut buf, |term, tok| {
                        if tokens.len() >= MAX_DOC_TOKENS {
                            over_long.get_or_insert(d as u32);
                            return false;
                        }
                        let id = interner.intern(term);
                        tokens.push(u64::from(id) << 32 | (f as u64) << 16 | pos);
                        tok_start.push(tok.start as u32);
                        tok_len.push((tok.end - tok.start).min(TOKEN_LEN_UNKNOWN.into()) as u8);
                        pos += 1;
                        true
                    });
                    field_len[d * nfields + f] = pos as u16;
                }
                tok_off.push(tok_start.len() as u32);
            }
            tokens.sort_unstable();
            push_entries(
                &tokens,
                &mut ent_term,
                &mut ent_field,
                &mut ent_end,
                &mut positions,
            );
            doc_off.push(ent_term.len() as u32);
            doc_pos.push(positions.len() as u32);
        }
        drop(tokens);

        // Renumber terms in byte order so prefixes are id ranges.
        let nterms = interner.len();
        let mut order: Vec<u32> = (0..nterms as u32).collect();
        sort_by_bytes(&mut order, &|t| interner.get(t));
        let mut rank = vec![0u32; nterms];
        let mut term_text = String::with_capacity(interner.bytes.len());
        let mut term_off = Vec::with_capacity(nterms + 1);
        term_off.push(0u32);
        for (new, &old) in order.iter().enumerate() {
            rank[old as usize] = new as u32;
            // Interned terms were whole `&str`s, so this never fails.
            term_text.push_str(std::str::from_utf8(interner.get(old)).unwrap_or(""));
            term_off.push(term_text.len() as u32);
        }
        drop(order);
        drop(interner);
        let (by_lead, lead_shift) = lead_table(&term_text, &term_off);

        // Re-sort each document's entries by the new ids, moving their positions along.
        let mut keys: Vec<u64> = Vec::new();
        let mut scratch: Vec<u16> = Vec::new();
        for d in 0..ndocs {
            let (a, b) = (doc_off[d] as usize, doc_off[d + 1] as usize);
            let base = doc_pos[d] as usize;
            keys.clear();
            // (new term << 32 | field << 24 | entry offset in the document)
            keys.extend((a..b).map(|e| {
                u64::from(rank[ent_term[e] as usize]) << 32
                    | u64::from(ent_field[e]) << 24
                    | (e - a) as u64
            }));
            keys.sort_unstable();
            scratch.clear();
            let old_end: Vec<u16> = ent_end[a..b].to_vec();
            for (k, &key) in keys.iter().enumerate() {
                let e = (key & 0xFF_FFFF) as usize;
                let start = if e == 0 { 0 } else { old_end[e - 1] as usize };
                scratch.extend_from_slice(&positions[base + start..base + old_end[e] as usize]);
                ent_term[a + k] = (key >> 32) as u32;
                ent_field[a + k] = (key >> 24) as u8;
                ent_end[a + k] = scratch.len() as u16;
            }
            positions[base..base + scratch.len()].copy_from_slice(&scratch);
        }
        drop(keys);
        drop(scratch);
        drop(rank);

        // Postings: documents of each term, ascending.
        let mut post_off = vec![0u32; nterms + 1];
        for d in 0..ndocs {
            let ents = &ent_term[doc_off[d] as usize..doc_off[d + 1] as usize];
            for (k, &t) in ents.iter().enumerate() {
                if k == 0 || ents[k - 1] != t {
                    post_off[t as usize + 1] += 1;
                }
            }
        }
        for t in 0..nterms {
            post_off[t + 1] += post_off[t];
        }
        let mut post_docs = vec![0u32; post_off[nterms] as usize];
        {
            let mut fill: Vec<u32> = post_off[..nterms].to_vec();
            for d in 0..ndocs {
                let ents = &ent_term[doc_off[d] as usize..doc_off[d + 1] as usize];
                for (k, &t) in ents.iter().enumerate() {
                    if k == 0 || ents[k - 1] != t {
                        post_docs[fill[t as usize] as usize] = d as u32;
                        fill[t as usize] += 1;
                    }
                }
            }
        }

        // Average length over the documents that have the field (a field most documents lack,
        // such as short names, would otherwise look long wherever it is present).
        let mut avg_len = vec![0f32; nfields];
        for (f, avg) in avg_len.iter_mut().enumerate() {
            let (total, with) = (0..ndocs)
                .map(|d| u64::from(field_len[d * nfields + f]))
                .filter(|&l| l > 0)
                .fold((0u64, 0u64), |(t, n), l| (t + l, n + 1));
            *avg = if with == 0 {
                1.0
            } else {
                (total as f32 / with as f32).max(1.0)
            };
        }
        let mut index = InvertedIndex {
            fields,
            nfields,
            ndocs,
            term_text,
            term_off,
            by_lead,
            lead_shift,
            post_off,
            post_docs,
            doc_off,
            ent_term,
            ent_field,
            ent_end,
            doc_pos,
            positions,
            tok_off,
            tok_start,
            tok_len,
            field_len,
            avg_len,
            over_long,
        };
        index.shrink();
        index
    }

    /// The first document (by number) with more words than [`MAX_DOC_TOKENS`]: only its first
    /// [`MAX_DOC_TOKENS`] words were indexed.
    pub fn over_long_document(&self) -> Option<u32> {
        self.over_long
    }

    fn shrink(&mut self) {
        self.term_text.shrink_to_fit();
        self.ent_term.shrink_to_fit();
        self.ent_field.shrink_to_fit();
        self.ent_end.shrink_to_fit();
        self.positions.shrink_to_fit();
        self.tok_start.shrink_to_fit();
        self.tok_len.shrink_to_fit();
    }

    /// Number of documents.
    pub fn doc_count(&self) -> usize {
        self.ndocs
    }

    /// Number of distinct terms.
    pub fn term_count(&self) -> usize {
        self.term_off.len() - 1
    }

    /// The folded text of term `t`.
    pub fn term(&self, t: u32) -> &str {
        let (a, b) = (
            self.term_off[t as usize] as usize,
            self.term_off[t as usize + 1] as usize,
        );
        &self.term_text[a..b]
    }

    fn term_bytes_of(&self, t: usize) -> &[u8] {
        &self.term_text.as_bytes()[self.term_off[t] as usize..self.term_off[t + 1] as usize]
    }

    /// The id range of the terms that share the first two bytes of `p` (its one byte, or
    /// every term, when it is shorter): every term starting with `p` is in it.
    fn lead_range(&self, p: &[u8]) -> (usize, usize) {
        if self.by_lead.is_empty() {
            return (0, 0);
        }
        let at = |k: usize| self.by_lead[k] as usize;
        let (first, last) = match p {
            [] => return (0, self.term_count()),
            // Any second byte.
            [b] => (usize::from(*b) << 8, usize::from(*b) << 8 | 0xff),
            _ => (lead(p), lead(p)),
        };
        (
            at(first >> self.lead_shift),
            at((last >> self.lead_shift) + 1),
        )
    }

    /// The id of `term` (folded), if it occurs in the index.
    pub fn lookup(&self, term: &str) -> Option<u32> {
        let t = term.as_bytes();
        let (a, b) = self.lead_range(t);
        let lo = a + partition(b - a, |i| self.term_bytes_of(a + i) < t);
        (lo < b && self.term_bytes_of(lo) == t).then_some(lo as u32)
    }

    /// The id range of all terms that start with `prefix` (the exact term included: when it
    /// occurs, it is the first).
    pub fn prefix_range(&self, prefix: &str) -> (u32, u32) {
        let p = prefix.as_bytes();
        let (a, b) = self.lead_range(p);
        let lo = a + partition(b - a, |i| self.term_bytes_of(a + i) < p);
        let hi = lo + partition(b - lo, |k| self.term_bytes_of(lo + k).starts_with(p));
        (lo as u32, hi as u32)
    }

    /// Document frequency of term `t`.
    pub fn df(&self, t: u32) -> u32 {
        self.post_off[t as usize + 1] - self.post_off[t as usize]
    }

    /// Sum of document frequencies of the terms in `lo..hi`.
    pub fn df_sum(&self, lo: u32, hi: u32) -> u64 {
        u64::from(self.post_off[hi as usize] - self.post_off[lo as usize])
    }

    /// Documents containing term `t`, ascending.
    pub fn postings(&self, t: u32) -> &[u32] {
        &self.post_docs[self.post_off[t as usize] as usize..self.post_off[t as usize + 1] as usize]
    }

    /// The documents of the terms `lo..hi`, term after term: each term's ascending, with
    /// repeats across terms (one contiguous run, as term ids are the postings' order).
    pub fn postings_in_range(&self, lo: u32, hi: u32) -> &[u32] {
        &self.post_docs[self.post_off[lo as usize] as usize..self.post_off[hi as usize] as usize]
    }

    /// The (term, field) entries of document `d`, sorted by term then field.
    #[inline]
    pub fn entries(&self, d: u32) -> EntrySlice<'_> {
        let (a, b) = (
            self.doc_off[d as usize] as usize,
            self.doc_off[d as usize + 1] as usize,
        );
        EntrySlice {
            pos_base: self.doc_pos[d as usize],
            terms: &self.ent_term[a..b],
            fields: &self.ent_field[a..b],
            ends: &self.ent_end[a..b],
        }
    }

    /// Word positions of an entry in its field, ascending.
    #[inline]
    pub fn positions(&self, e: &Entry) -> &[u16] {
        &self.positions[e.pos.0 as usize..e.pos.1 as usize]
    }

    /// Number of tokens in field `f` of document `d`.
    #[inline]
    pub fn field_len(&self, d: u32, f: u8) -> u32 {
        u32::from(self.field_len[d as usize * self.nfields + usize::from(f)])
    }

    /// Average number of tokens of field `f`.
    #[inline]
    pub fn avg_len(&self, f: u8) -> f32 {
        self.avg_len[usize::from(f)]
    }

    /// Byte offset in the field text of every token of field `f` of document `d`.
    pub fn token_starts(&self, d: u32, f: u8) -> &[u32] {
        let i = d as usize * self.nfields + usize::from(f);
        &self.tok_start[self.tok_off[i] as usize..self.tok_off[i + 1] as usize]
    }

    /// Byte length of every token of field `f` of document `d` (parallel to
    /// [`InvertedIndex::token_starts`]); [`TOKEN_LEN_UNKNOWN`] for a token that long or longer,
    /// whose end must be found by reading the text again ([`super::text::token_end`]).
    pub fn token_lens(&self, d: u32, f: u8) -> &[u8] {
        let i = d as usize * self.nfields + usize::from(f);
        &self.tok_len[self.tok_off[i] as usize..self.tok_off[i + 1] as usize]
    }

    /// Heap bytes of each part, for benchmarks: (name, bytes).
    pub fn heap_parts(&self) -> Vec<(&'static str, usize)> {
        vec![
            (
                "vocabulary",
                self.term_text.capacity()
                    + 4 * (self.term_off.capacity() + self.by_lead.capacity()),
            ),
            (
                "postings",
                4 * (self.post_off.capacity() + self.post_docs.capacity()),
            ),
            (
                "entries",
                4 * (self.doc_off.capacity() + self.doc_pos.capacity() + self.ent_term.capacity())
                    + 2 * self.ent_end.capacity()
                    + self.ent_field.capacity(),
            ),
            ("positions", 2 * self.positions.capacity()),
            (
                "token offsets",
                4 * (self.tok_off.capacity() + self.tok_start.capacity()) + self.tok_len.capacity(),
            ),
        ]
    }

    /// Approximate heap bytes held (for benchmarks and limits).
    pub fn heap_bytes(&self) -> usize {
        self.heap_parts().iter().map(|p| p.1).sum::<usize>()
            + 2 * self.field_len.capacity()
            + 4 * self.avg_len.capacity()
    }
}

/// The first two bytes of a term as one number (a one-byte term's second byte counts as 0,
/// and the empty term is 0): byte order of terms is also the order of their leads.
fn lead(term: &[u8]) -> usize {
    match term {
        [] => 0,
        [a] => usize::from(*a) << 8,
        [a, b, ..] => usize::from(*a) << 8 | usize::from(*b),
    }
}

/// [`InvertedIndex::by_lead`] and [`InvertedIndex::lead_shift`] of a sorted vocabulary.
fn lead_table(term_text: &str, term_off: &[u32]) -> (Vec<u32>, u32) {
    let n = term_off.len().saturating_sub(1);
    if n == 0 {
        return (Vec::new(), 0);
    }
    // About one entry per term: 2^(16 - shift) <= n, at most 2^16.
    let shift = 16 - (usize::BITS - 1 - n.leading_zeros()).min(16);
    let mut by_lead = vec![0u32; (1 << (16 - shift)) + 1];
    for w in term_off.windows(2) {
        by_lead[(lead(&term_text.as_bytes()[w[0] as usize..w[1] as usize]) >> shift) + 1] += 1;
    }
    for k in 1..by_lead.len() {
        by_lead[k] += by_lead[k - 1];
    }
    (by_lead, shift)
}

/// Appends one document's entries from its sorted `(term, field, position)` keys.
fn push_entries(
    tokens: &[u64],
    ent_term: &mut Vec<u32>,
    ent_field: &mut Vec<u8>,
    ent_end: &mut Vec<u16>,
    positions: &mut Vec<u16>,
) {
    let base = positions.len();
    let mut i = 0;
    while i < tokens.len() {
        let key = tokens[i] >> 16;
        ent_term.push((key >> 16) as u32);
        ent_field.push(key as u8);
        while i < tokens.len() && tokens[i] >> 16 == key {
            positions.push(tokens[i] as u16);
            i += 1;
        }
        ent_end.push((positions.len() - base) as u16);
    }
}

/// Sorts ids with a comparison function: one instantiation of the sort for every caller
/// (sort code is a large part of the wasm when instantiated per type and closure).
pub fn sort_by(v: &mut [u32], cmp: &dyn Fn(u32, u32) -> std::cmp::Ordering) {
    v.sort_unstable_by(|a, b| cmp(*a, *b));
}

/// Sorts ids by the byte strings `key` gives them (ties keep no particular order). Most
/// comparisons are of one integer: ids are first sorted by their key's first four bytes, and
/// only runs that share those are compared whole. Big vocabularies and id lists sort several
/// times faster than with a comparison of slices throughout.
pub fn sort_by_bytes<'a>(v: &mut [u32], key: &dyn Fn(u32) -> &'a [u8]) {
    let prefix = |id: u32| {
        let k = key(id);
        let mut p = [0u8; 4];
        let n = k.len().min(4);
        p[..n].copy_from_slice(&k[..n]);
        u32::from_be_bytes(p)
    };
    let mut keyed: Vec<u64> = v
        .iter()
        .map(|&id| u64::from(prefix(id)) << 32 | u64::from(id))
        .collect();
    keyed.sort_unstable();
    for (slot, k) in v.iter_mut().zip(&keyed) {
        *slot = *k as u32;
    }
    // Keys that share their first four bytes (or are shorter) are ordered in full.
    let mut start = 0;
    while start < keyed.len() {
        let p = keyed[start] >> 32;
        let mut end = start + 1;
        while end < keyed.len() && keyed[end] >> 32 == p {
            end += 1;
        }
        if end - start > 1 {
            sort_by(&mut v[start..end], &|a, b| key(a).cmp(key(b)));
        }
        start = end;
    }
}

/// Number of leading `i` in `0..n` for which `pred(i)` holds (pred must be monotone).
pub(super) fn partition(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// A document's entries (see [`InvertedIndex::entries`]).
#[derive(Debug, Clone, Copy)]
pub struct EntrySlice<'a> {
    pos_base: u32,
    terms: &'a [u32],
    fields: &'a [u8],
    ends: &'a [u16],
}

impl<'a> EntrySlice<'a> {
    #[inline]
    fn entry(&self, i: usize) -> Entry {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Entry {
            term: self.terms[i],
            field: self.fields[i],
            pos: (
                self.pos_base + u32::from(start),
                self.pos_base + u32::from(self.ends[i]),
            ),
        }
    }

    /// Entries of term `t` (one per field it occurs in).
    #[inline]
    pub fn of_term(&self, t: u32) -> Entries<'a> {
        self.in_range(t, t + 1)
    }

    /// Entries of every term in `lo..hi`, by term then field.
    #[inline]
    pub fn in_range(&self, lo: u32, hi: u32) -> Entries<'a> {
        Entries {
            slice: *self,
            at: self.terms.partition_point(|&x| x < lo),
            hi,
        }
    }

    /// True when the document contains a term in `lo..hi`.
    #[inline]
    pub fn has_in_range(&self, lo: u32, hi: u32) -> bool {
        let i = self.terms.partition_point(|&x| x < lo);
        i < self.terms.len() && self.terms[i] < hi
    }

    /// All entries.
    pub fn iter(&self) -> Entries<'a> {
        self.in_range(0, u32::MAX)
    }
}

/// The entries of a document from one position on, while their term is below a bound (see
/// [`EntrySlice::in_range`]).
#[derive(Debug, Clone)]
pub struct Entries<'a> {
    slice: EntrySlice<'a>,
    at: usize,
    hi: u32,
}

impl Iterator for Entries<'_> {
    type Item = Entry;

    #[inline]
    fn next(&mut self) -> Option<Entry> {
        let i = self.at;
        if *self.slice.terms.get(i)? >= self.hi {
            return None;
        }
        self.at += 1;
        Some(self.slice.entry(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> InvertedIndex {
        let fields = vec![
            Field {
                name: "title".into(),
                boost: 2.0,
            },
            Field {
                name: "body".into(),
                boost: 1.0,
            },
        ];
        let texts = vec![
            vec![
                (0, "Refugee convention".into()),
                (1, "Refugees and the refugee status".into()),
            ],
            vec![(1, "Stateless persons and refugees".into())],
            vec![(0, "Réfugié".into())],
        ];
        InvertedIndex::build(fields, &texts)
    }

    #[test]
    fn vocabulary_is_sorted_and_prefixes_are_id_ranges() {
        let ix = small();
        let terms: Vec<&str> = (0..ix.term_count() as u32).map(|t| ix.term(t)).collect();
        let mut sorted = terms.clone();
        sorted.sort_unstable();
        assert_eq!(terms, sorted);
        let (lo, hi) = ix.prefix_range("refug");
        let got: Vec<&str> = (lo..hi).map(|t| ix.term(t)).collect();
        assert_eq!(got, ["refugee", "refugees", "refugie"]);
        assert_eq!(ix.lookup("refugee").map(|t| ix.term(t)), Some("refugee"));
        assert_eq!(ix.lookup("refuge"), None);
    }

    #[test]
    fn lookups_and_prefix_ranges_equal_a_scan_of_the_vocabulary() {
        let words =
            "a ab abc abd b ba z zz zzz 7 70 7a я яб ящик ж жж ω ωμ ئ ئا 中 中国 中文 😀 😀😀";
        // Every three-letter word too: a vocabulary with a finer lead table.
        let letters = || b'a'..=b'z';
        let mut many = String::from(words);
        for x in letters() {
            for y in letters() {
                for z in letters() {
                    many.extend([' ', x.into(), y.into(), z.into()]);
                }
            }
        }
        for (text, shift) in [(words.to_string(), 12), (many, 2)] {
            let ix = InvertedIndex::build(
                vec![Field {
                    name: "body".into(),
                    boost: 1.0,
                }],
                &[vec![(0, text)]],
            );
            // About one table entry per term.
            assert_eq!(ix.lead_shift, shift);
            assert!(ix.by_lead.len() <= ix.term_count() + 1);
            let terms: Vec<&str> = (0..ix.term_count() as u32).map(|t| ix.term(t)).collect();
            assert!(terms.contains(&"ящик") && terms.contains(&"😀"));
            let mut probes: Vec<String> = vec![
                String::new(),
                "c".into(),
                "aa".into(),
                "\u{1}".into(),
                "zzzz".into(),
            ];
            // The short words, and every 97th of the generated ones.
            for t in terms
                .iter()
                .filter(|t| words.contains(**t))
                .chain(terms.iter().step_by(97))
            {
                for (i, _) in t.char_indices().chain([(t.len(), ' ')]) {
                    probes.push(t[..i].to_string());
                    probes.push(format!("{}\u{10ffff}", &t[..i]));
                }
            }
            for p in &probes {
                let want = terms.iter().position(|t| t == p).map(|i| i as u32);
                assert_eq!(ix.lookup(p), want, "lookup {p:?}");
                let first = terms.iter().position(|t| t.starts_with(p.as_str()));
                let count = terms.iter().filter(|t| t.starts_with(p.as_str())).count();
                let (lo, hi) = ix.prefix_range(p);
                assert_eq!((hi - lo) as usize, count, "prefix {p:?}");
                if let Some(first) = first {
                    assert_eq!(lo as usize, first, "prefix {p:?}");
                }
            }
        }
        let empty = InvertedIndex::build(Vec::new(), &[] as &[Vec<(u8, String)>]);
        assert_eq!(empty.lookup("a"), None);
        assert_eq!(empty.prefix_range("ab"), (0, 0));
    }

    #[test]
    fn postings_positions_and_token_offsets_agree_with_the_text() {
        let ix = small();
        let refugee = ix.lookup("refugee").unwrap();
        assert_eq!(ix.postings(refugee), [0]);
        assert_eq!(ix.postings(ix.lookup("refugees").unwrap()), [0, 1]);
        let ents: Vec<Entry> = ix.entries(0).of_term(refugee).collect();
        assert_eq!(ents.len(), 2, "title and body");
        assert_eq!(ix.positions(&ents[1]), [3]);
        assert_eq!(ix.field_len(0, 1), 5);
        assert_eq!(
            ix.token_starts(0, 1)[3],
            "Refugees and the refugee status".find("refugee s").unwrap() as u32
        );
        assert_eq!(ix.token_lens(0, 1), [8, 3, 3, 7, 6]);
        assert!(
            ix.entries(1)
                .has_in_range(ix.prefix_range("state").0, ix.prefix_range("state").1)
        );
    }

    #[test]
    fn postings_of_a_range_are_the_postings_of_its_terms_one_after_another() {
        let ix = small();
        for prefix in ["", "r", "refug", "state", "zz"] {
            let (lo, hi) = ix.prefix_range(prefix);
            let each: Vec<u32> = (lo..hi).flat_map(|t| ix.postings(t).to_vec()).collect();
            assert_eq!(ix.postings_in_range(lo, hi), each.as_slice(), "{prefix:?}");
        }
    }

    #[test]
    fn sorting_by_bytes_orders_like_a_comparison_of_whole_strings() {
        let cases: &[&[&str]] = &[
            &[],
            &["b", "a"],
            &[
                "refugees",
                "refuge",
                "refugee",
                "refu",
                "ref",
                "",
                "refugie",
                "réfugié",
            ],
            &[
                "abcd1",
                "abcd",
                "abcd0",
                "abc",
                "abcd\u{7f}",
                "abcc\u{ff}",
                "z",
                "abcdz",
            ],
            &["id-10", "id-9", "id-1", "id-100", "x", "ID-1", "id-01"],
        ];
        for &keys in cases {
            let mut order: Vec<u32> = (0..keys.len() as u32).rev().collect();
            sort_by_bytes(&mut order, &|i| keys[i as usize].as_bytes());
            let got: Vec<&str> = order.iter().map(|&i| keys[i as usize]).collect();
            let mut want = keys.to_vec();
            want.sort_unstable();
            assert_eq!(got, want, "{keys:?}");
        }
    }
}
