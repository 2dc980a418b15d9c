//! Search over documents. (Skeleton: every query word must occur as a word prefix; scored by
//! field boost. The indexed, typo-tolerant engine replaces this.)

use crate::document::{Document, Value};
use serde::Serialize;

/// Options of a search.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchOptions {
    /// Number of hits to return (1–100).
    pub limit: usize,
    /// Number of hits to skip.
    pub offset: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            offset: 0,
        }
    }
}

/// One ranked hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Record id.
    pub id: String,
    /// Record kind.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Relevance score (higher is better).
    pub score: f64,
    /// Summary fields of the record.
    #[serde(flatten)]
    pub fields: std::collections::BTreeMap<String, Value>,
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// Number of matching documents.
    pub total: usize,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Ranks `docs` for `query`.
pub fn search(docs: &[Document], query: &str, opts: &SearchOptions) -> SearchResults {
    let terms = words(query);
    let mut scored: Vec<(f64, usize)> = Vec::new();
    for (n, doc) in docs.iter().enumerate() {
        let mut score = 0.0;
        let mut all = true;
        for t in &terms {
            let mut best = 0.0f64;
            for f in &doc.fields {
                if words(&f.text).iter().any(|w| w.starts_with(t.as_str())) {
                    best = best.max(f64::from(f.boost));
                }
            }
            if best == 0.0 {
                all = false;
                break;
            }
            score += best;
        }
        if all && !terms.is_empty() {
            scored.push((score, n));
        }
    }
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| docs[a.1].id.cmp(&docs[b.1].id))
    });
    let total = scored.len();
    let hits = scored
        .into_iter()
        .skip(opts.offset)
        .take(opts.limit)
        .map(|(score, n)| {
            let d = &docs[n];
            Hit {
                id: d.id.clone(),
                kind: d.kind.clone(),
                title: d.title.clone(),
                score,
                fields: d.summary.iter().cloned().collect(),
            }
        })
        .collect();
    SearchResults { total, hits }
}
