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

/// The inverted index proper (see the module docs).
#[derive(Debug, Clone, Default)]
pub struct InvertedIndex {
    /// Text fields; a document entry's field number indexes this.
    pub fields: Vec<Field>,
    nfields: usize,
    ndocs: usize,
    term_text: String,
    term_off: Vec<u32>,
    /// `post_off[t]..post_off[t+1]` is term `t`'s postings range; also a prefix sum of
    /// document frequencies.
    post_off: Vec<u32>,
    post_docs: Vec<u32>,
    doc_off: Vec<u32>,
    ent_term: Vec<u32>,
    ent_field: Vec<u8>,
    ent_pos: Vec<u32>,
    positions: Vec<u32>,
    tok_off: Vec<u32>,
    tok_start: Vec<u32>,
    field_len: Vec<u32>,
    avg_len: Vec<f32>,
    block_max_df: Vec<u32>,
}

/// Terms per block of [`InvertedIndex::top_terms_in_range`]'s skip list.
const BLOCK: usize = 32;

/// One (term, field) entry of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Term id.
    pub term: u32,
    /// Field number.
    pub field: u8,
    /// Index of the entry (for [`InvertedIndex::positions`]).
    pub index: u32,
}

/// A compact open-addressing map from term bytes to temporary term ids, used while building.
struct Interner {
    bytes: Vec<u8>,
    off: Vec<u32>,
    table: Vec<u32>,
}

fn hash_bytes(b: &[u8]) -> u64 {
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
    fn new() -> Self {
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
    fn intern(&mut self, term: &str) -> u32 {
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
        let mut interner = Interner::new();
        let mut doc_off = Vec::with_capacity(ndocs + 1);
        doc_off.push(0u32);
        let mut ent_term: Vec<u32> = Vec::new();
        let mut ent_field: Vec<u8> = Vec::new();
        let mut ent_pos: Vec<u32> = vec![0];
        let mut positions: Vec<u32> = Vec::new();
        let mut tok_off: Vec<u32> = Vec::with_capacity(ndocs * nfields + 1);
        tok_off.push(0);
        let mut tok_start: Vec<u32> = Vec::new();
        let mut field_len = vec![0u32; ndocs * nfields];
        let mut tokens: Vec<(u32, u8, u32)> = Vec::new();
        let mut buf = String::new();

        for (d, doc) in texts.iter().enumerate() {
            tokens.clear();
            let doc = doc.as_ref();
            for f in 0..nfields {
                if let Some((_, t)) = doc.iter().find(|(n, _)| usize::from(*n) == f) {
                    let mut pos = 0u32;
                    text::tokenize(t, &mut buf, |term, tok| {
                        let id = interner.intern(term);
                        tokens.push((id, f as u8, pos));
                        tok_start.push(tok.start as u32);
                        pos += 1;
                        true
                    });
                    field_len[d * nfields + f] = pos;
                }
                tok_off.push(tok_start.len() as u32);
            }
            tokens.sort_unstable();
            let mut i = 0;
            while i < tokens.len() {
                let (term, field, _) = tokens[i];
                ent_term.push(term);
                ent_field.push(field);
                while i < tokens.len() && tokens[i].0 == term && tokens[i].1 == field {
                    positions.push(tokens[i].2);
                    i += 1;
                }
                ent_pos.push(positions.len() as u32);
            }
            doc_off.push(ent_term.len() as u32);
        }
        drop(tokens);

        // Renumber terms in byte order so prefixes are id ranges.
        let nterms = interner.len();
        let mut order: Vec<u32> = (0..nterms as u32).collect();
        order.sort_unstable_by(|&a, &b| interner.get(a).cmp(interner.get(b)));
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
        for t in &mut ent_term {
            *t = rank[*t as usize];
        }
        drop(rank);

        // Re-sort each document's entries by the new ids, moving their positions along.
        let mut scratch: Vec<(u32, u8, u32, u32)> = Vec::new();
        let mut pos_scratch: Vec<u32> = Vec::new();
        for d in 0..ndocs {
            let (a, b) = (doc_off[d] as usize, doc_off[d + 1] as usize);
            scratch.clear();
            scratch.extend((a..b).map(|e| (ent_term[e], ent_field[e], ent_pos[e], ent_pos[e + 1])));
            scratch.sort_unstable();
            pos_scratch.clear();
            for (k, &(t, f, ps, pe)) in scratch.iter().enumerate() {
                ent_term[a + k] = t;
                ent_field[a + k] = f;
                pos_scratch.extend_from_slice(&positions[ps as usize..pe as usize]);
                ent_pos[a + k + 1] = ent_pos[a] + pos_scratch.len() as u32;
            }
            let base = ent_pos[a] as usize;
            positions[base..base + pos_scratch.len()].copy_from_slice(&pos_scratch);
        }
        drop(scratch);
        drop(pos_scratch);

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
        let mut fill: Vec<u32> = post_off[..nterms].to_vec();
        let mut post_docs = vec![0u32; post_off[nterms] as usize];
        for d in 0..ndocs {
            let ents = &ent_term[doc_off[d] as usize..doc_off[d + 1] as usize];
            for (k, &t) in ents.iter().enumerate() {
                if k == 0 || ents[k - 1] != t {
                    post_docs[fill[t as usize] as usize] = d as u32;
                    fill[t as usize] += 1;
                }
            }
        }
        drop(fill);

        let mut avg_len = vec![0f32; nfields];
        for (f, avg) in avg_len.iter_mut().enumerate() {
            let total: u64 = (0..ndocs)
                .map(|d| u64::from(field_len[d * nfields + f]))
                .sum();
            *avg = if ndocs == 0 {
                1.0
            } else {
                (total as f32 / ndocs as f32).max(1.0)
            };
        }
        let block_max_df = (0..nterms.div_ceil(BLOCK))
            .map(|b| {
                (b * BLOCK..((b + 1) * BLOCK).min(nterms))
                    .map(|t| post_off[t + 1] - post_off[t])
                    .max()
                    .unwrap_or(0)
            })
            .collect();

        let mut index = InvertedIndex {
            fields,
            nfields,
            ndocs,
            term_text,
            term_off,
            post_off,
            post_docs,
            doc_off,
            ent_term,
            ent_field,
            ent_pos,
            positions,
            tok_off,
            tok_start,
            field_len,
            avg_len,
            block_max_df,
        };
        index.shrink();
        index
    }

    fn shrink(&mut self) {
        self.term_text.shrink_to_fit();
        self.ent_term.shrink_to_fit();
        self.ent_field.shrink_to_fit();
        self.ent_pos.shrink_to_fit();
        self.positions.shrink_to_fit();
        self.tok_start.shrink_to_fit();
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

    /// The id of `term` (folded), if it occurs in the index.
    pub fn lookup(&self, term: &str) -> Option<u32> {
        let (lo, hi) = self.prefix_range(term);
        (lo < hi && self.term_bytes_of(lo as usize) == term.as_bytes()).then_some(lo)
    }

    /// The id range of all terms that start with `prefix` (the exact term included).
    pub fn prefix_range(&self, prefix: &str) -> (u32, u32) {
        let p = prefix.as_bytes();
        let n = self.term_count();
        let lo = partition(n, |t| self.term_bytes_of(t) < p);
        let hi = lo + partition(n - lo, |k| self.term_bytes_of(lo + k).starts_with(p));
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

    /// Up to `k` terms of `lo..hi` with the highest document frequency (ties: lower id first),
    /// found with per-block maxima so a wide range costs little.
    pub fn top_terms_in_range(&self, lo: u32, hi: u32, k: usize) -> Vec<u32> {
        if (hi - lo) as usize <= k {
            return (lo..hi).collect();
        }
        let mut best: Vec<(u32, u32)> = Vec::with_capacity(k + 1); // (df, term), df descending
        let floor = |best: &Vec<(u32, u32)>| if best.len() < k { 0 } else { best[k - 1].0 };
        let mut t = lo;
        while t < hi {
            let block = t as usize / BLOCK;
            let block_end = (((block + 1) * BLOCK) as u32).min(hi);
            let whole_block =
                (t as usize).is_multiple_of(BLOCK) && block_end as usize == (block + 1) * BLOCK;
            if whole_block && self.block_max_df[block] <= floor(&best) {
                t = block_end;
                continue;
            }
            while t < block_end {
                let df = self.df(t);
                if df > floor(&best) {
                    let at = best.partition_point(|&(d, _)| d >= df);
                    best.insert(at, (df, t));
                    best.truncate(k);
                }
                t += 1;
            }
        }
        let mut out: Vec<u32> = best.into_iter().map(|(_, t)| t).collect();
        out.sort_unstable();
        out
    }

    /// The (term, field) entries of document `d`, sorted by term then field.
    pub fn entries(&self, d: u32) -> EntrySlice<'_> {
        let (a, b) = (
            self.doc_off[d as usize] as usize,
            self.doc_off[d as usize + 1] as usize,
        );
        EntrySlice {
            base: a as u32,
            terms: &self.ent_term[a..b],
            fields: &self.ent_field[a..b],
        }
    }

    /// Word positions of an entry, ascending.
    pub fn positions(&self, entry: u32) -> &[u32] {
        &self.positions
            [self.ent_pos[entry as usize] as usize..self.ent_pos[entry as usize + 1] as usize]
    }

    /// Number of tokens in field `f` of document `d`.
    pub fn field_len(&self, d: u32, f: u8) -> u32 {
        self.field_len[d as usize * self.nfields + usize::from(f)]
    }

    /// Average number of tokens of field `f`.
    pub fn avg_len(&self, f: u8) -> f32 {
        self.avg_len[usize::from(f)]
    }

    /// Byte offset in the field text of every token of field `f` of document `d`.
    pub fn token_starts(&self, d: u32, f: u8) -> &[u32] {
        let i = d as usize * self.nfields + usize::from(f);
        &self.tok_start[self.tok_off[i] as usize..self.tok_off[i + 1] as usize]
    }

    /// Approximate heap bytes held (for benchmarks and limits).
    pub fn heap_bytes(&self) -> usize {
        self.term_text.capacity()
            + 4 * (self.term_off.capacity()
                + self.post_off.capacity()
                + self.post_docs.capacity()
                + self.doc_off.capacity()
                + self.ent_term.capacity()
                + self.ent_pos.capacity()
                + self.positions.capacity()
                + self.tok_off.capacity()
                + self.tok_start.capacity()
                + self.field_len.capacity()
                + self.avg_len.capacity()
                + self.block_max_df.capacity())
            + self.ent_field.capacity()
    }
}

/// Number of leading `i` in `0..n` for which `pred(i)` holds (pred must be monotone).
fn partition(n: usize, pred: impl Fn(usize) -> bool) -> usize {
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
    base: u32,
    terms: &'a [u32],
    fields: &'a [u8],
}

impl<'a> EntrySlice<'a> {
    /// Entries of term `t` (one per field it occurs in).
    pub fn of_term(&self, t: u32) -> impl Iterator<Item = Entry> + 'a {
        self.in_range(t, t + 1)
    }

    /// Entries of every term in `lo..hi`, by term then field.
    pub fn in_range(&self, lo: u32, hi: u32) -> impl Iterator<Item = Entry> + 'a {
        let start = self.terms.partition_point(|&x| x < lo);
        let (terms, fields, base) = (self.terms, self.fields, self.base);
        (start..terms.len())
            .take_while(move |&i| terms[i] < hi)
            .map(move |i| Entry {
                term: terms[i],
                field: fields[i],
                index: base + i as u32,
            })
    }

    /// True when the document contains a term in `lo..hi`.
    pub fn has_in_range(&self, lo: u32, hi: u32) -> bool {
        let i = self.terms.partition_point(|&x| x < lo);
        i < self.terms.len() && self.terms[i] < hi
    }

    /// All entries.
    pub fn iter(&self) -> impl Iterator<Item = Entry> + 'a {
        self.in_range(0, u32::MAX)
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
    fn postings_positions_and_token_offsets_agree_with_the_text() {
        let ix = small();
        let refugee = ix.lookup("refugee").unwrap();
        assert_eq!(ix.postings(refugee), [0]);
        assert_eq!(ix.postings(ix.lookup("refugees").unwrap()), [0, 1]);
        let ents: Vec<Entry> = ix.entries(0).of_term(refugee).collect();
        assert_eq!(ents.len(), 2, "title and body");
        assert_eq!(ix.positions(ents[1].index), [3]);
        assert_eq!(ix.field_len(0, 1), 5);
        assert_eq!(
            ix.token_starts(0, 1)[3],
            "Refugees and the refugee status".find("refugee s").unwrap() as u32
        );
        assert!(
            ix.entries(1)
                .has_in_range(ix.prefix_range("state").0, ix.prefix_range("state").1)
        );
    }

    #[test]
    fn top_terms_in_range_prefers_frequent_terms() {
        let ix = small();
        let (lo, hi) = ix.prefix_range("");
        let top = ix.top_terms_in_range(lo, hi, 2);
        let names: Vec<&str> = top.iter().map(|&t| ix.term(t)).collect();
        assert_eq!(names, ["and", "refugees"]);
    }
}
