//! The searchable view of a record: a title, weighted text fields, facet values and the summary
//! fields a hit carries. The embedded corpus is turned into documents by [`crate::corpus_docs`];
//! records that a website brings become documents too, so one engine serves both.

use serde::{Deserialize, Serialize};

/// A scalar or list value carried in a hit's summary fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// Text.
    Str(String),
    /// A number (years, counts).
    Num(f64),
    /// A flag.
    Bool(bool),
    /// A list of texts.
    List(Vec<String>),
}

/// One weighted text field of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextField {
    /// Field name, e.g. `"title"`, `"labels"`, `"body"`.
    pub name: String,
    /// Relative weight in ranking (title > labels > body).
    pub boost: f32,
    /// The text.
    pub text: String,
}

/// One facet value of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetEntry {
    /// Facet field, e.g. `"theme"`.
    pub field: String,
    /// Stable value, e.g. `"refugee-protection"`.
    pub value: String,
    /// Label shown to people, e.g. `"Refugee protection and non-refoulement"`.
    pub label: String,
}

/// A searchable document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Record id, unique within an index.
    pub id: String,
    /// Record kind (`"resource"`, `"instrument"`, ... or `"record"` for website records).
    pub kind: String,
    /// Title shown on the hit.
    pub title: String,
    /// Weighted text fields (the title is usually the first).
    pub fields: Vec<TextField>,
    /// Facet values.
    pub facets: Vec<FacetEntry>,
    /// Year, for range filters.
    pub year: Option<u16>,
    /// Summary fields copied onto a hit (publisher, year, binding, confidence, ...).
    pub summary: Vec<(String, Value)>,
    /// Short names, abbreviations and aliases, for "jump to" matching beside the title.
    #[serde(default)]
    pub short: Vec<String>,
}

impl Document {
    /// True when the document has `value` in facet `field`.
    pub fn has_facet(&self, field: &str, value: &str) -> bool {
        self.facets
            .iter()
            .any(|f| f.field == field && f.value == value)
    }
}
