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
//! - `snippets`: the hits' snippets, one after the other;
//! - `hits`: numbers: total, relaxed (0 or 1), the number of hits, then per hit its document
//!   number, score (as shown), snippet length in UTF-16 code units (where its snippet ends in
//!   `snippets`), number of highlights and their `[start, end)` pairs;
//! - `facets`: per facet field in order, how many values have a count, then `(value number,
//!   count)` pairs, ranked (value numbers index that field's `table` list).
//!
//! A facet answer has `fixed` and `facets` only. [`Delivered`] records what has been sent; the
//! wasm layer keeps one per index, for as long as the JavaScript side keeps that index's cache.

use super::filters::Filters;
use super::{Index, SearchOptions, json, snippet};
use crate::error::Error;

/// What the JavaScript side has been sent of one index: the facet table, and which documents'
/// fixed hit fields.
#[derive(Debug, Clone, Default)]
pub struct Delivered {
    table: bool,
    docs: Vec<u64>,
}

impl Delivered {
    /// Nothing sent yet.
    pub fn new() -> Delivered {
        Delivered::default()
    }

    /// Marks document `d` as sent; true when it was not before.
    fn mark(&mut self, d: u32) -> bool {
        let (word, bit) = (d as usize / 64, 1u64 << (d % 64));
        if self.docs.len() <= word {
            self.docs.resize(word + 1, 0);
        }
        let new = self.docs[word] & bit == 0;
        self.docs[word] |= bit;
        new
    }

    /// Number of documents sent.
    pub fn doc_count(&self) -> usize {
        self.docs.iter().map(|w| w.count_ones() as usize).sum()
    }
}

/// A compact answer (see the module docs).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Compact {
    /// JSON text of what the JavaScript side has not been sent yet; empty when nothing.
    pub fixed: String,
    /// The hits' snippets, concatenated.
    pub snippets: String,
    /// Total, relaxed, and per hit its numbers (empty for a facet answer).
    pub hits: Vec<f64>,
    /// The facet counts, packed.
    pub facets: Vec<u32>,
}

impl Index {
    /// [`Index::search`] as a compact answer, sending what `delivered` says the JavaScript
    /// side lacks and recording it. Errors as [`Index::search`]; on error nothing is recorded.
    pub fn search_compact(
        &self,
        raw: &str,
        opts: &SearchOptions,
        delivered: &mut Delivered,
    ) -> Result<Compact, Error> {
        let o = self.run(raw, opts)?;
        // Room for snippets of accented text and for a few highlights each.
        let mut snippets = String::with_capacity(2 * snippet::SNIPPET_CHARS * o.page.len());
        let mut hits = Vec::with_capacity(3 + 16 * o.page.len());
        hits.extend([
            o.total as f64,
            f64::from(u8::from(o.relaxed)),
            o.page.len() as f64,
        ]);
        let mut fresh = Vec::new();
        let (mut matched, mut scratch) = (Vec::new(), snippet::Scratch::default());
        let mut snip = snippet::Snippet::default();
        for &(d, score) in &o.page {
            let doc = &self.docs[d as usize];
            self.matched_terms_into(d, &o.plans, &mut matched);
            snippet::build_with(
                &self.ix,
                d,
                doc.field_texts(),
                &matched,
                &self.no_snippet,
                &mut scratch,
                &mut snip,
            );
            snippets.push_str(&snip.text);
            hits.extend([
                f64::from(d),
                json::rounded_score(score),
                f64::from(snip.units),
                snip.highlights.len() as f64,
            ]);
            hits.extend(snip.highlights.iter().flatten().map(|&x| f64::from(x)));
            if delivered.mark(d) {
                fresh.push(d);
            }
        }
        let fixed = self.deliver(&fresh, delivered);
        let mut facets = Vec::new();
        match &o.facet_docs {
            None => facets.extend_from_slice(self.facets.all_packed()),
            Some(docs) => self.facets.count_packed(docs, &o.filters, &mut facets),
        }
        Ok(Compact {
            fixed,
            snippets,
            hits,
            facets,
        })
    }

    /// [`Index::facets`] as a compact answer (see [`Index::search_compact`]).
    pub fn facets_compact(
        &self,
        filters: &Filters,
        delivered: &mut Delivered,
    ) -> Result<Compact, Error> {
        let compiled = self.facets.compile(filters, self.len())?;
        let mut facets = Vec::new();
        if compiled.is_empty() {
            facets.extend_from_slice(self.facets.all_packed());
        } else {
            let all: Vec<u32> = (0..self.len() as u32).collect();
            self.facets.count_packed(&all, &compiled, &mut facets);
        }
        Ok(Compact {
            fixed: self.deliver(&[], delivered),
            facets,
            ..Compact::default()
        })
    }

    /// The JSON text of the documents `fresh` and, the first time, the facet table (see the
    /// module docs); empty when there is neither.
    fn deliver(&self, fresh: &[u32], delivered: &mut Delivered) -> String {
        let mut text = String::new();
        if fresh.is_empty() && delivered.table {
            return text;
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
                json::push_uint(&mut text, u64::from(d));
                text.push_str(",{");
                doc.write_names(&mut text);
                doc.write_summary(&mut text);
                text.push_str("}]");
            }
            text.push(']');
        }
        if !delivered.table {
            delivered.table = true;
            if !fresh.is_empty() {
                text.push(',');
            }
            text.push_str("\"table\":");
            self.facets.table_json(&mut text);
        }
        text.push('}');
        text
    }
}
