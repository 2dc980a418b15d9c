//! Compact answers: what the wasm layer hands to JavaScript, where `js/answer.js` assembles
//! the same result objects as `JSON.parse` of [`Index::search_json`] would give.
//!
//! Building an answer's objects cost V8 more than the search itself when every facet value,
//! label and summary field arrived as new JSON text (about 20 µs for a typical answer of the
//! embedded corpus, of which half was the facets). Most of that text never changes: the facet
//! values and labels of an index, and each document's id, kind, title and summary fields. So
//! the JavaScript side keeps them, per index, and a compact answer carries only what is new:
//!
//! - `fixed`: JSON text `{"docs":[[doc,{"id":…,"kind":…,"title":…,…summary fields}],…],
//!   "table":[["field",[["value","label"],…]],…]}` with the hit documents the JavaScript side
//!   has not been sent yet and, with the first answer only, the facet table (fields, values,
//!   labels); either member may be missing, and the text is empty when both are;
//! - `snippets`: the corrected query when there is one (`corrected` of
//!   [`super::SearchResults`]), then the hits' snippets, one after the other, without the `…`
//!   that marks text cut at either end (so that a snippet with no other non-ASCII character
//!   is ASCII, which JavaScript decodes several times faster: Node 20 takes ~10× longer over
//!   text with one);
//! - `hits`: numbers: total, relaxed (0 or 1), the length in UTF-16 code units of the
//!   corrected query (-1 when there is none), the number of hits, then per hit its document
//!   number, score (as shown), the length in UTF-16 code units of its text in `snippets`,
//!   its cut marks (bit 0: a `…` goes before that text, bit 1: after), number of highlights
//!   and their `[start, end)` pairs (in the snippet with its marks), the number of
//!   highlights in the title and their pairs, then the number of search terms it was found
//!   by (`searchTerms`, usually 0) and the length in UTF-16 code units of each, whose texts
//!   follow its snippet in `snippets`;
//! - `facets`: per facet field in order, how many values have a count, then `(value number,
//!   count)` pairs, ranked (value numbers index that field's `table` list).
//!
//! A facet answer has `fixed` and `facets` only. [`Delivered`] records what has been sent; the
//! wasm layer keeps one per index, for as long as the JavaScript side keeps that index's cache.

use super::filters::Filters;
use super::{Index, SearchOptions, json, snippet};
use crate::error::Error;

/// What the JavaScript side has been sent of one index: the facet table, and which documents'
/// fixed hit fields. It also holds the buffers that index's answers are built in, reused from
/// one answer to the next (a query then allocates little: see [`Index::search_compact_in`]).
#[derive(Debug, Clone, Default)]
pub struct Delivered {
    table: bool,
    docs: Vec<u64>,
    answer: Compact,
    work: Work,
}

/// Scratch space of a compact answer.
#[derive(Debug, Clone, Default)]
struct Work {
    fresh: Vec<u32>,
    matched: snippet::Matched,
    abbreviated: Vec<u32>,
    snippet: snippet::Scratch,
    snip: snippet::Snippet,
}

impl Delivered {
    /// Nothing sent yet.
    pub fn new() -> Delivered {
        Delivered::default()
    }

    /// The last answer built in these buffers (empty before the first).
    pub fn last(&self) -> &Compact {
        &self.answer
    }

    /// Number of documents sent.
    pub fn doc_count(&self) -> usize {
        self.docs.iter().map(|w| w.count_ones() as usize).sum()
    }
}

/// Marks document `d` as sent in the bit set `docs`; true when it was not before.
fn mark(docs: &mut Vec<u64>, d: u32) -> bool {
    let (word, bit) = (d as usize / 64, 1u64 << (d % 64));
    if docs.len() <= word {
        docs.resize(word + 1, 0);
    }
    let new = docs[word] & bit == 0;
    docs[word] |= bit;
    new
}

/// A compact answer (see the module docs).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Compact {
    /// JSON text of what the JavaScript side has not been sent yet; empty when nothing.
    pub fixed: String,
    /// The corrected query, if any, then the hits' snippets, concatenated.
    pub snippets: String,
    /// Total, relaxed, the corrected query's length, and per hit its numbers (empty for a
    /// facet answer).
    pub hits: Vec<f64>,
    /// The facet counts, packed.
    pub facets: Vec<u32>,
}

impl Compact {
    /// Empties every part, keeping the buffers.
    fn clear(&mut self) {
        self.fixed.clear();
        self.snippets.clear();
        self.hits.clear();
        self.facets.clear();
    }
}

impl Index {
    /// [`Index::search`] as a compact answer, sending what `delivered` says the JavaScript
    /// side lacks and recording it. Errors as [`Index::search`]; on error nothing is recorded.
    /// Builds a new answer each time; [`Index::search_compact_in`] reuses one.
    pub fn search_compact(
        &self,
        raw: &str,
        opts: &SearchOptions,
        delivered: &mut Delivered,
    ) -> Result<Compact, Error> {
        self.search_compact_in(raw, opts, delivered).cloned()
    }

    /// [`Index::search_compact`] built in `delivered`'s buffers, which keep the answer until
    /// the next one: what the wasm layer calls, so that a query reuses the memory of the last.
    pub fn search_compact_in<'d>(
        &self,
        raw: &str,
        opts: &SearchOptions,
        delivered: &'d mut Delivered,
    ) -> Result<&'d Compact, Error> {
        let Delivered {
            table,
            docs,
            answer,
            work,
        } = delivered;
        answer.clear();
        let o = self.run(raw, opts)?;
        // Room for snippets of accented text and for a few highlights each.
        answer
            .snippets
            .reserve(2 * snippet::SNIPPET_CHARS * o.page.len());
        answer.hits.reserve(4 + 16 * o.page.len());
        // The corrected query, if any, leads the snippets.
        let corrected = match &o.corrected {
            Some(c) => {
                answer.snippets.push_str(c);
                c.encode_utf16().count() as f64
            }
            None => -1.0,
        };
        answer.hits.extend([
            o.total as f64,
            f64::from(u8::from(o.relaxed)),
            corrected,
            o.page.len() as f64,
        ]);
        let Work {
            fresh,
            matched,
            abbreviated,
            snippet: scratch,
            snip,
        } = work;
        fresh.clear();
        let phrases = self.phrases_of(&o.plans);
        for &(d, score) in &o.page {
            let doc = &self.docs[d as usize];
            self.matched_terms_into(d, &o.plans, matched);
            abbreviated.clear();
            self.abbreviated_in_title(d, &o.plans, &matched.terms, &o.abbrevs, abbreviated);
            snippet::build_with(
                &self.ix,
                d,
                doc.field_texts(),
                Some(doc.title_in(abbreviated)),
                matched,
                &phrases,
                &self.no_snippet,
                scratch,
                snip,
            );
            // The `…` marks travel as a number: text with no other non-ASCII character then
            // stays ASCII, which JavaScript engines decode several times faster.
            let (inner, units) = snip.inner();
            answer.snippets.push_str(inner);
            answer.hits.extend([
                f64::from(d),
                json::rounded_score(score),
                f64::from(units),
                f64::from(u8::from(snip.cut_before) | u8::from(snip.cut_after) << 1),
                snip.highlights.len() as f64,
            ]);
            answer
                .hits
                .extend(snip.highlights.iter().flatten().map(|&x| f64::from(x)));
            answer.hits.push(snip.title_highlights.len() as f64);
            answer.hits.extend(
                snip.title_highlights
                    .iter()
                    .flatten()
                    .map(|&x| f64::from(x)),
            );
            // The search terms it was found by follow its snippet.
            let terms = self.search_terms(d, &o.plans);
            answer.hits.push(terms.len() as f64);
            for t in terms {
                answer.hits.push(t.encode_utf16().count() as f64);
                answer.snippets.push_str(t);
            }
            if mark(docs, d) {
                fresh.push(d);
            }
        }
        self.deliver(fresh, table, &mut answer.fixed);
        match &o.facet_docs {
            None => answer.facets.extend_from_slice(self.facets.all_packed()),
            Some(ds) => self.facets.count_packed(ds, &o.filters, &mut answer.facets),
        }
        Ok(answer)
    }

    /// [`Index::facets`] as a compact answer (see [`Index::search_compact`]).
    pub fn facets_compact(
        &self,
        filters: &Filters,
        delivered: &mut Delivered,
    ) -> Result<Compact, Error> {
        self.facets_compact_in(filters, delivered).cloned()
    }

    /// [`Index::facets_compact`] built in `delivered`'s buffers (see
    /// [`Index::search_compact_in`]).
    pub fn facets_compact_in<'d>(
        &self,
        filters: &Filters,
        delivered: &'d mut Delivered,
    ) -> Result<&'d Compact, Error> {
        let Delivered { table, answer, .. } = delivered;
        answer.clear();
        let compiled = self.facets.compile(filters, self.len())?;
        if compiled.is_empty() {
            answer.facets.extend_from_slice(self.facets.all_packed());
        } else {
            let all: Vec<u32> = (0..self.len() as u32).collect();
            self.facets
                .count_packed(&all, &compiled, &mut answer.facets);
        }
        self.deliver(&[], table, &mut answer.fixed);
        Ok(answer)
    }

    /// Appends to `text` the JSON of the documents `fresh` and, unless `table` says it was
    /// sent, the facet table (see the module docs); nothing when there is neither.
    fn deliver(&self, fresh: &[u32], table: &mut bool, text: &mut String) {
        if fresh.is_empty() && *table {
            return;
        }
        text.push('{');
        if !fresh.is_empty() {
            text.push_str("\"docs\":[");
            for (i, &d) in fresh.iter().enumerate() {
                if i > 0 {
                    text.push(',');
                }
                let doc = &self.docs[d as usize];
                text.push('[');
                json::push_uint(text, u64::from(d));
                text.push_str(",{");
                doc.write_names(text);
                doc.write_summary(text);
                text.push_str("}]");
            }
            text.push(']');
        }
        if !*table {
            *table = true;
            if !fresh.is_empty() {
                text.push(',');
            }
            text.push_str("\"table\":");
            self.facets.table_json(text);
        }
        text.push('}');
    }
}
