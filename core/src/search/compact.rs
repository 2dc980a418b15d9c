//! Compact answers: what the wasm layer hands to JavaScript, where `js/answer.js` assembles
//! the same result objects as `JSON.parse` of [`Index::search_json`] would give.
//!
//! Building an answer's objects costs V8 more than the search itself when every facet value,
//! label and summary field arrives as new JSON text (about 20 µs for a typical answer of the
//! embedded corpus, of which half is the facets). Most of that text never changes: the facet
//! values and labels of an index, and each document's id, kind, title and summary fields. So
//! the JavaScript side keeps them, per index, and a compact answer carries only what is new:
//!
//! - the JSON text `{"total":N,"hits":[[doc,score,"snippet",[[start,end],…]],…],"relaxed":B,
//!   "docs":[[doc,{"id":…,"kind":…,"title":…,…summary fields}],…],"table":[["field",[["value",
//!   "label"],…]],…]}`, where `docs` lists the hit documents the JavaScript side has not been
//!   sent yet, and `table` (the facet fields, values and labels) comes with the first answer
//!   only; a facet answer has no `total`, `hits` or `relaxed`;
//! - the facet counts as numbers: per facet field in order, how many values have a count, then
//!   `(value number, count)` pairs, ranked (value numbers index that field's `table` list).
//!
//! [`Delivered`] records what has been sent; the wasm layer keeps one per index, for as long
//! as the JavaScript side keeps that index's cache.

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

/// A compact answer: JSON text and packed facet counts (see the module docs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compact {
    /// The JSON text.
    pub text: String,
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
        let mut text = String::with_capacity(64 + 256 * o.page.len());
        text.push_str("{\"total\":");
        json::number(&mut text, o.total as f64);
        text.push_str(",\"hits\":[");
        let mut fresh = Vec::new();
        let (mut matched, mut scratch) = (Vec::new(), snippet::Scratch::default());
        for (i, &(d, score)) in o.page.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            let doc = &self.docs[d as usize];
            self.matched_terms_into(d, &o.plans, &mut matched);
            let snip = snippet::build_with(
                &self.ix,
                d,
                &doc.texts,
                &matched,
                &self.no_snippet,
                &mut scratch,
            );
            text.push('[');
            json::push_uint(&mut text, u64::from(d));
            text.push(',');
            json::score(&mut text, score);
            text.push(',');
            json::string(&mut text, &snip.text);
            text.push(',');
            json::ranges(&mut text, &snip.highlights);
            text.push(']');
            if delivered.mark(d) {
                fresh.push(d);
            }
        }
        text.push_str("],\"relaxed\":");
        text.push_str(if o.relaxed { "true" } else { "false" });
        self.deliver(&fresh, delivered, &mut text);
        text.push('}');
        let mut facets = Vec::new();
        match &o.facet_docs {
            None => facets.extend_from_slice(self.facets.all_packed()),
            Some(docs) => self.facets.count_packed(docs, &o.filters, &mut facets),
        }
        Ok(Compact { text, facets })
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
        let mut text = String::from("{");
        self.deliver(&[], delivered, &mut text);
        text.push('}');
        Ok(Compact { text, facets })
    }

    /// Appends the members `"docs":[…]` for the documents `fresh` and, the first time,
    /// `"table":[…]` to the JSON object being written in `text`.
    fn deliver(&self, fresh: &[u32], delivered: &mut Delivered, text: &mut String) {
        let next_member = |text: &mut String| {
            if !text.ends_with('{') {
                text.push(',');
            }
        };
        if !fresh.is_empty() {
            next_member(text);
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
        if !delivered.table {
            delivered.table = true;
            next_member(text);
            text.push_str("\"table\":");
            self.facets.table_json(text);
        }
    }
}
