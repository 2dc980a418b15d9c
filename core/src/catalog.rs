//! The runtime object: a decoded corpus with its documents, facet index and search index
//! (built once, at decode), ready to answer.

use crate::document::Document;
use crate::error::Error;
use crate::facets::FacetIndex;
use crate::format;
use crate::rights::Rights;
use crate::schema::Corpus;
use crate::search::{Facets, Filters, Index, SearchOptions, SearchResults};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// What `corpusInfo()` returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CorpusInfo {
    /// Binary format version.
    pub format_version: u16,
    /// Date the corpus facts were last reviewed.
    pub corpus_date: String,
    /// Number of records of each kind.
    pub counts: BTreeMap<String, usize>,
}

/// A decoded corpus ready for queries.
#[derive(Debug, Clone)]
pub struct Catalog {
    corpus: Corpus,
    /// Rebuilt from `corpus` on first use: the index owns the documents it was built from.
    docs: OnceLock<Vec<Document>>,
    facets: FacetIndex,
    index: Index,
    rights: OnceLock<Rights>,
}

impl Catalog {
    /// Decodes a corpus binary (see [`crate::format`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Catalog, Error> {
        let compiled = format::decode(bytes)?;
        // The index takes its facet postings from the binary, so its documents need none.
        let docs = crate::corpus_docs::searchable_documents(&compiled.corpus);
        let n = docs.len() as u32;
        if compiled
            .facets
            .fields
            .iter()
            .any(|f| f.values.iter().any(|v| v.docs.iter().any(|&d| d >= n)))
        {
            return Err(Error::corpus(
                "facet index refers to a record that does not exist",
            ));
        }
        let index =
            Index::with_facet_index(docs, &crate::corpus_docs::FACET_FIELDS, &compiled.facets)
                .with_facet_value_aliases(crate::corpus_docs::FACET_VALUE_ALIASES)
                .with_aliases(crate::corpus_docs::ALIASES)
                .with_word_forms()
                .with_optional_words(crate::corpus_docs::OPTIONAL_WORDS)
                .with_soft_words(crate::corpus_docs::SOFT_WORDS)
                .with_gap_words(crate::corpus_docs::GAP_WORDS);
        Ok(Catalog {
            corpus: compiled.corpus,
            docs: OnceLock::new(),
            facets: compiled.facets,
            index,
            rights: OnceLock::new(),
        })
    }

    /// The typed corpus.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// The searchable documents, in document order.
    pub fn documents(&self) -> &[Document] {
        self.docs
            .get_or_init(|| crate::corpus_docs::documents(&self.corpus))
    }

    /// The precomputed facet postings.
    pub fn facet_index(&self) -> &FacetIndex {
        &self.facets
    }

    /// The rights lookup (categories, cumulative rights, anchors) over this corpus.
    pub fn rights(&self) -> &Rights {
        self.rights.get_or_init(|| Rights::new(&self.corpus))
    }

    /// The search index over the documents.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Searches the corpus (see [`Index::search`]).
    pub fn search(&self, query: &str, opts: &SearchOptions) -> Result<SearchResults, Error> {
        self.index.search(query, opts)
    }

    /// [`Catalog::search`] as JSON text (see [`Index::search_json`]).
    pub fn search_json(&self, query: &str, opts: &SearchOptions) -> Result<String, Error> {
        self.index.search_json(query, opts)
    }

    /// Facet counts of the whole corpus under `filters` (see [`Index::facets`]).
    pub fn facets(&self, filters: &Filters) -> Result<Facets, Error> {
        self.index.facets(filters)
    }

    /// [`Catalog::facets`] as JSON text.
    pub fn facets_json(&self, filters: &Filters) -> Result<String, Error> {
        self.index.facets_json(filters)
    }

    /// The full view of record `id` of any kind (`UNKNOWN_RECORD` when no record has it).
    pub fn record(&self, id: &str) -> Result<crate::record_view::RecordView, Error> {
        crate::record_view::view(&self.corpus, id)
    }

    /// Format version, corpus date and record counts per kind.
    pub fn info(&self) -> CorpusInfo {
        let mut counts = BTreeMap::new();
        for kind in [
            "resource",
            "instrument",
            "convention",
            "chapter",
            "article",
            "category",
            "right",
            "objective",
            "principle",
        ] {
            counts.insert(kind.to_string(), 0);
        }
        for kind in self.index.kinds() {
            *counts.entry(kind.to_string()).or_insert(0) += 1;
        }
        CorpusInfo {
            format_version: format::FORMAT_VERSION,
            corpus_date: self
                .corpus
                .meta
                .as_ref()
                .map(|m| m.corpus_date.clone())
                .unwrap_or_default(),
            counts,
        }
    }
}
