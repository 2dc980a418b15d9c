//! Facet postings (facet value → document numbers), built once per index — at build time for the
//! embedded corpus — and the facet counts of a match set.

use crate::document::Document;
use serde::{Deserialize, Serialize};

/// One value of a facet field with the documents that carry it (ascending document numbers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetPosting {
    /// Stable value.
    pub value: String,
    /// Label shown to people.
    pub label: String,
    /// Ascending document numbers.
    pub docs: Vec<u32>,
}

/// All values of one facet field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetField {
    /// Field name, e.g. `"theme"`.
    pub name: String,
    /// Values, sorted by value.
    pub values: Vec<FacetPosting>,
}

/// Facet postings of every field of an index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetIndex {
    /// Fields in the order they were first seen.
    pub fields: Vec<FacetField>,
}

/// A facet value with its count in a match set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    /// Stable value.
    pub value: String,
    /// Label shown to people.
    pub label: String,
    /// Number of matching documents that carry it.
    pub count: u32,
}

impl FacetIndex {
    /// Builds the postings of `docs` (document number = position in the slice).
    pub fn build(docs: &[Document]) -> FacetIndex {
        let mut index = FacetIndex::default();
        for (n, doc) in docs.iter().enumerate() {
            for entry in &doc.facets {
                let field = match index.fields.iter().position(|f| f.name == entry.field) {
                    Some(i) => &mut index.fields[i],
                    None => {
                        index.fields.push(FacetField {
                            name: entry.field.clone(),
                            values: Vec::new(),
                        });
                        index.fields.last_mut().expect("just pushed")
                    }
                };
                match field
                    .values
                    .binary_search_by(|p| p.value.as_str().cmp(&entry.value))
                {
                    Ok(i) => {
                        let docs = &mut field.values[i].docs;
                        if docs.last() != Some(&(n as u32)) {
                            docs.push(n as u32);
                        }
                    }
                    Err(i) => field.values.insert(
                        i,
                        FacetPosting {
                            value: entry.value.clone(),
                            label: entry.label.clone(),
                            docs: vec![n as u32],
                        },
                    ),
                }
            }
        }
        index
    }

    /// The postings of one field, if any document has it.
    pub fn field(&self, name: &str) -> Option<&FacetField> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Counts, for field `name`, how many documents accepted by `member` carry each value;
    /// sorted by count (descending) then label; zero counts are left out.
    pub fn counts(&self, name: &str, member: impl Fn(u32) -> bool) -> Vec<FacetCount> {
        let Some(field) = self.field(name) else {
            return Vec::new();
        };
        let mut out: Vec<FacetCount> = field
            .values
            .iter()
            .map(|p| FacetCount {
                value: p.value.clone(),
                label: p.label.clone(),
                count: p.docs.iter().filter(|&&d| member(d)).count() as u32,
            })
            .filter(|c| c.count > 0)
            .collect();
        out.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.label.cmp(&b.label))
                .then_with(|| a.value.cmp(&b.value))
        });
        out
    }
}
