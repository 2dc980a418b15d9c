//! Filters (OR within a field, AND across fields, plus a year range) and disjunctive facet
//! counts: the counts of a field ignore that field's own filter, so a visitor can widen a
//! selection.

use super::index::sort_by;
use super::json;
use crate::document::{Document, FacetEntry};
use crate::error::Error;
use crate::facets::{FacetCount, FacetIndex};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// Filters of a search or of a facet request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// `(facet field, accepted values)`: a document passes when it has any of the values. An
    /// empty list puts no constraint on the field.
    pub fields: Vec<(String, Vec<String>)>,
    /// Earliest year accepted (inclusive); documents without a year fail.
    pub year_from: Option<i64>,
    /// Latest year accepted (inclusive); documents without a year fail.
    pub year_to: Option<i64>,
}

impl Filters {
    /// True when nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self.fields.iter().all(|(_, v)| v.is_empty())
            && self.year_from.is_none()
            && self.year_to.is_none()
    }
}

/// Facet counts of every facet field, in the index's field order; serialises as an object.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facets(pub Vec<(String, Vec<FacetCount>)>);

impl Facets {
    /// The counts of one field.
    pub fn get(&self, field: &str) -> Option<&[FacetCount]> {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, v)| v.as_slice())
    }
}

impl Serialize for Facets {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Values {
    name: String,
    /// (value, label, documents ascending), sorted by value.
    values: Vec<(String, String, Vec<u32>)>,
    /// Per value: its place in (label, value) order, so ranking by count then label compares
    /// integers, not strings, on every query.
    label_rank: Vec<u32>,
    /// The values in (label, value) order (the inverse of `label_rank`).
    by_label: Vec<u32>,
    /// Per value: its JSON object up to the count, `{"value":…,"label":…,"count":`, so that
    /// writing facets only appends numbers.
    json: Vec<String>,
}

/// Facet postings of an index and the per-document view used for counting.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FacetTable {
    fields: Vec<Values>,
    /// `doc_values[doc_off[d]..doc_off[d+1]]`: (field, value) pairs of document `d`.
    doc_off: Vec<u32>,
    doc_values: Vec<(u8, u32)>,
    /// Per document, [`Document::year`] (or [`NO_YEAR`]).
    years: Vec<i32>,
    year_field: Option<usize>,
    /// Per value of the `year` field, the year it is (an integer from 0 to 9999), or
    /// [`NO_YEAR`] (`"1990s"`): a document's years are all of these and its `year`.
    year_values: Vec<i32>,
    /// Where each field's values start in flat per-value counts (one more entry than fields).
    first: Vec<usize>,
    all: Facets,
    all_json: String,
    all_packed: Vec<u32>,
    /// (field, alias, values): a filter value that is no value of its field but is an alias
    /// there accepts the values it stands for (see [`FacetTable::alias_values`]).
    value_aliases: Vec<(usize, String, Vec<String>)>,
}

const NO_YEAR: i32 = i32::MIN;

/// Which filter slots a document fails: none, exactly one (and which), or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Passes every filter.
    Pass,
    /// Fails only the filter of this slot.
    FailsOne(u8),
    /// Fails two or more filters.
    Fails,
}

/// Filters compiled against one index: one bitset per constrained slot.
#[derive(Debug, Clone, Default)]
pub struct Compiled {
    /// (facet field index or `None` for a year range without a year facet, bitset).
    slots: Vec<(Option<usize>, Vec<u64>)>,
}

impl Compiled {
    /// True when nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// How document `d` fares against the filters.
    pub fn status(&self, d: u32) -> Status {
        let mut failed = None;
        for (i, (_, bits)) in self.slots.iter().enumerate() {
            if bits[d as usize / 64] >> (d % 64) & 1 == 0 {
                if failed.is_some() {
                    return Status::Fails;
                }
                failed = Some(i as u8);
            }
        }
        match failed {
            None => Status::Pass,
            Some(i) => Status::FailsOne(i),
        }
    }
}

impl FacetTable {
    /// Builds the facet postings of `docs` for the facet fields `names` (other facet fields
    /// of the documents are ignored). A field named `year` also takes the documents' years.
    pub fn build(docs: &[Document], names: &[String]) -> FacetTable {
        let mut values: Vec<Vec<(String, String, Vec<u32>)>> = vec![Vec::new(); names.len()];
        let mut pairs: Vec<(u8, &FacetEntry, u32)> = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            for e in &doc.facets {
                if let Some(f) = names.iter().position(|n| *n == e.field) {
                    pairs.push((f as u8, e, d as u32));
                }
            }
        }
        let mut order: Vec<u32> = (0..pairs.len() as u32).collect();
        sort_by(&mut order, &|a, b| {
            let (x, y) = (&pairs[a as usize], &pairs[b as usize]);
            (x.0, &x.1.value, x.2).cmp(&(y.0, &y.1.value, y.2))
        });
        for i in order {
            let (f, e, d) = pairs[i as usize];
            let vals = &mut values[usize::from(f)];
            match vals.last_mut() {
                Some(last) if last.0 == e.value => {
                    if last.2.last() != Some(&d) {
                        last.2.push(d)
                    }
                }
                _ => vals.push((e.value.clone(), e.label.clone(), vec![d])),
            }
        }
        FacetTable::from_values(docs, names, values)
    }

    /// The same table as [`FacetTable::build`] gives, from postings computed beforehand (the
    /// embedded corpus's, built by `build.rs` from the same documents): no sorting of every
    /// (document, value) pair while the first answer waits.
    pub fn from_index(docs: &[Document], names: &[String], index: &FacetIndex) -> FacetTable {
        let values = names
            .iter()
            .map(|n| {
                index.field(n).map_or_else(Vec::new, |f| {
                    f.values
                        .iter()
                        .map(|p| {
                            // Documents that do not exist are dropped, never indexed into.
                            let ds = p.docs.iter().copied();
                            let ds = ds.filter(|&d| (d as usize) < docs.len()).collect();
                            (p.value.clone(), p.label.clone(), ds)
                        })
                        .collect()
                })
            })
            .collect();
        FacetTable::from_values(docs, names, values)
    }

    /// The table over the postings `values` (per field of `names`: value, label, ascending
    /// documents, sorted by value).
    fn from_values(
        docs: &[Document],
        names: &[String],
        values: Vec<Vec<(String, String, Vec<u32>)>>,
    ) -> FacetTable {
        let mut fields: Vec<Values> = names
            .iter()
            .zip(values)
            .map(|(n, values)| Values {
                name: n.clone(),
                values,
                label_rank: Vec::new(),
                by_label: Vec::new(),
                json: Vec::new(),
            })
            .collect();
        for f in &mut fields {
            let vals = &f.values;
            let mut order: Vec<u32> = (0..vals.len() as u32).collect();
            sort_by(&mut order, &|a, b| {
                let (x, y) = (&vals[a as usize], &vals[b as usize]);
                x.1.cmp(&y.1).then_with(|| x.0.cmp(&y.0))
            });
            f.label_rank = vec![0; vals.len()];
            for (r, &v) in order.iter().enumerate() {
                f.label_rank[v as usize] = r as u32;
            }
            f.by_label = order;
            f.json = vals
                .iter()
                .map(|(value, label, _)| {
                    let mut o = String::from("{\"value\":");
                    json::string(&mut o, value);
                    o.push_str(",\"label\":");
                    json::string(&mut o, label);
                    o.push_str(",\"count\":");
                    o
                })
                .collect();
        }
        let mut per_doc: Vec<Vec<(u8, u32)>> = vec![Vec::new(); docs.len()];
        for (f, vals) in fields.iter().enumerate() {
            for (v, (_, _, ds)) in vals.values.iter().enumerate() {
                for &d in ds {
                    per_doc[d as usize].push((f as u8, v as u32));
                }
            }
        }
        let mut doc_off = Vec::with_capacity(docs.len() + 1);
        doc_off.push(0);
        let mut doc_values = Vec::new();
        for v in per_doc {
            doc_values.extend(v);
            doc_off.push(doc_values.len() as u32);
        }
        let years = docs
            .iter()
            .map(|d| d.year.map_or(NO_YEAR, i32::from))
            .collect();
        let year_field = names.iter().position(|n| n == "year");
        let year_values = year_field.map_or_else(Vec::new, |f| {
            fields[f]
                .values
                .iter()
                .map(|(v, _, _)| year_value(v))
                .collect()
        });
        let first = std::iter::once(0)
            .chain(fields.iter().scan(0, |at, f| {
                *at += f.values.len();
                Some(*at)
            }))
            .collect();
        let mut table = FacetTable {
            fields,
            doc_off,
            doc_values,
            years,
            year_field,
            year_values,
            first,
            all: Facets::default(),
            all_json: String::new(),
            all_packed: Vec::new(),
            value_aliases: Vec::new(),
        };
        let everyone: Vec<u32> = (0..docs.len() as u32).collect();
        let counts = table.tally(&everyone, &Compiled::default());
        table.all = table.render(&counts);
        let mut all_json = String::new();
        table.write_json(&counts, &mut all_json);
        table.all_json = all_json;
        let mut all_packed = Vec::new();
        table.write_packed(&counts, &mut all_packed);
        table.all_packed = all_packed;
        table
    }

    /// Names of the facet fields.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(|f| f.name.as_str())
    }

    /// Lets filters on facet field `field` use `alias` for `values`: a filter value that is no
    /// value of the field but is an alias accepts every value it stands for. The embedded
    /// corpus's `binding` facet takes `true` (binding) and `false` (non-binding or
    /// non-normative), as its instruments' `binding` field reads. A field the table lacks is
    /// ignored; a real value always wins over an alias of the same name.
    pub fn alias_values(&mut self, field: &str, alias: &str, values: &[&str]) {
        if let Some(f) = self.fields.iter().position(|x| x.name == field) {
            let values = values.iter().map(|v| (*v).to_string()).collect();
            self.value_aliases.push((f, alias.to_string(), values));
        }
    }

    /// Checks `filters` against this index and compiles them into bitsets. An unknown field,
    /// or a year range on an index without a `year` facet, is an `INVALID_ARGUMENT` error
    /// naming it; a value that is neither a value of its field nor an alias there (see
    /// [`FacetTable::alias_values`]) simply matches nothing.
    pub fn compile(&self, filters: &Filters, ndocs: usize) -> Result<Compiled, Error> {
        let words = ndocs.div_ceil(64).max(1);
        let mut out = Compiled::default();
        for (name, values) in &filters.fields {
            let Some(f) = self.fields.iter().position(|x| x.name == *name) else {
                let mut known: Vec<&str> = self.names().collect();
                if self.year_field.is_some() {
                    known.extend(["yearFrom", "yearTo"]);
                }
                return Err(Error::type_error(if known.is_empty() {
                    format!("unknown filter field `{name}`; this index has no facets to filter on")
                } else {
                    format!(
                        "unknown filter field `{name}`; this index filters on: {}",
                        known.join(", ")
                    )
                }));
            };
            if values.is_empty() {
                continue;
            }
            let mut bits = vec![0u64; words];
            let mut accept = |v: &str| {
                if let Ok(i) = self.fields[f]
                    .values
                    .binary_search_by(|x| x.0.as_str().cmp(v))
                {
                    for &d in &self.fields[f].values[i].2 {
                        bits[d as usize / 64] |= 1 << (d % 64);
                    }
                    return true;
                }
                false
            };
            for v in values {
                if !accept(v) {
                    let alias = self.value_aliases.iter().find(|a| a.0 == f && a.1 == *v);
                    for value in alias.iter().flat_map(|a| &a.2) {
                        accept(value);
                    }
                }
            }
            out.slots.push((Some(f), bits));
        }
        if filters.year_from.is_some() || filters.year_to.is_some() {
            // Without a year facet no record has a year: say so rather than match nothing.
            if self.year_field.is_none() {
                let key = if filters.year_from.is_some() {
                    "yearFrom"
                } else {
                    "yearTo"
                };
                return Err(Error::type_error(format!(
                    "unknown filter field `{key}`; yearFrom and yearTo need a `year` facet, which this index does not have"
                )));
            }
            let from = filters.year_from.unwrap_or(i64::MIN);
            let to = filters.year_to.unwrap_or(i64::MAX);
            let in_range = |y: i32| y != NO_YEAR && (from..=to).contains(&i64::from(y));
            let mut bits = vec![0u64; words];
            for (d, &y) in self.years.iter().enumerate() {
                if in_range(y) {
                    bits[d / 64] |= 1 << (d % 64);
                }
            }
            // A document with several years (a `year` facet with a list) passes when any is
            // in the range.
            if let Some(f) = self.year_field {
                for (v, &y) in self.year_values.iter().enumerate() {
                    if in_range(y) {
                        for &d in &self.fields[f].values[v].2 {
                            bits[d as usize / 64] |= 1 << (d % 64);
                        }
                    }
                }
            }
            // A year range and a `year` value filter share the year facet's slot: both are
            // ignored when counting that facet, and a document must pass both.
            match out
                .slots
                .iter_mut()
                .find(|(f, _)| f.is_some() && *f == self.year_field)
            {
                Some((_, existing)) => {
                    for (a, b) in existing.iter_mut().zip(bits) {
                        *a &= b;
                    }
                }
                None => out.slots.push((self.year_field, bits)),
            }
        }
        Ok(out)
    }

    /// Facet counts over the documents `matched` (ascending or not), disjunctively with
    /// respect to `filters`: a document failing only field F's filter still counts for F.
    pub fn count(&self, matched: &[u32], filters: &Compiled) -> Facets {
        self.render(&self.tally(matched, filters))
    }

    /// Like [`FacetTable::count`], as JSON appended to `out`.
    pub fn count_json(&self, matched: &[u32], filters: &Compiled, out: &mut String) {
        self.write_json(&self.tally(matched, filters), out);
    }

    /// Like [`FacetTable::count`], packed for the JavaScript side (see
    /// [`super::compact`]): per field in order, the number of values with a count, then
    /// `(value number, count)` for each, ranked. Value numbers index [`FacetTable::table_json`].
    pub fn count_packed(&self, matched: &[u32], filters: &Compiled, out: &mut Vec<u32>) {
        self.write_packed(&self.tally(matched, filters), out);
    }

    /// [`FacetTable::count_packed`] of every document, unfiltered (cached at build time).
    pub fn all_packed(&self) -> &[u32] {
        &self.all_packed
    }

    fn write_packed(&self, counts: &[u32], out: &mut Vec<u32>) {
        // As many as the values with a count; `out` is reused from answer to answer, so it
        // grows only at first.
        let mut keyed = Vec::with_capacity(counts.len());
        for f in 0..self.fields.len() {
            let c = self.of_field(counts, f);
            let at = out.len();
            out.push(0);
            for v in self.ranked(f, c, &mut keyed) {
                out.extend([v, c[v as usize]]);
            }
            out[at] = ((out.len() - at - 1) / 2) as u32;
        }
    }

    /// Appends the facet fields with their values and labels, in value-number order, as JSON:
    /// `[["field",[["value","label"],…]],…]`.
    pub fn table_json(&self, out: &mut String) {
        out.push('[');
        for (f, vals) in self.fields.iter().enumerate() {
            if f > 0 {
                out.push(',');
            }
            out.push('[');
            json::string(out, &vals.name);
            out.push_str(",[");
            for (i, (value, label, _)) in vals.values.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('[');
                json::string(out, value);
                out.push(',');
                json::string(out, label);
                out.push(']');
            }
            out.push_str("]]");
        }
        out.push(']');
    }

    /// The JSON of every document's counts, unfiltered (cached at build time).
    pub fn all_json(&self) -> &str {
        &self.all_json
    }

    /// Counts of every value of every field, flat: field `f`'s values at
    /// `counts[self.first[f]..self.first[f + 1]]`.
    fn tally(&self, matched: &[u32], filters: &Compiled) -> Vec<u32> {
        let mut counts = vec![0u32; self.first.last().copied().unwrap_or(0)];
        for &d in matched {
            let only = match filters.status(d) {
                Status::Pass => None,
                Status::FailsOne(slot) => match filters.slots[usize::from(slot)].0 {
                    Some(f) => Some(f as u8),
                    None => continue,
                },
                Status::Fails => continue,
            };
            let vals = &self.doc_values
                [self.doc_off[d as usize] as usize..self.doc_off[d as usize + 1] as usize];
            for &(f, v) in vals {
                if only.is_none_or(|o| o == f) {
                    counts[self.first[usize::from(f)] + v as usize] += 1;
                }
            }
        }
        counts
    }

    /// The counts of field `f` within [`FacetTable::tally`]'s flat counts.
    fn of_field<'c>(&self, counts: &'c [u32], f: usize) -> &'c [u32] {
        &counts[self.first[f]..self.first[f + 1]]
    }

    /// Values of field `f` with a count in `c`, by count (descending), label, value. `keyed` is
    /// scratch space, reused across fields.
    fn ranked<'k>(
        &'k self,
        f: usize,
        c: &[u32],
        keyed: &'k mut Vec<u64>,
    ) -> impl Iterator<Item = u32> + 'k {
        let Values {
            label_rank: rank,
            by_label,
            ..
        } = &self.fields[f];
        // Count descending, then label (and value) ascending, as one integer key.
        keyed.clear();
        for (v, &n) in c.iter().enumerate() {
            if n > 0 {
                keyed.push(u64::from(u32::MAX - n) << 32 | u64::from(rank[v]));
            }
        }
        keyed.sort_unstable();
        keyed.iter().map(move |k| by_label[*k as u32 as usize])
    }

    fn write_json(&self, counts: &[u32], out: &mut String) {
        let mut keyed = Vec::new();
        out.push('{');
        for f in 0..self.fields.len() {
            let c = self.of_field(counts, f);
            if f > 0 {
                out.push(',');
            }
            json::string(out, &self.fields[f].name);
            out.push_str(":[");
            for (i, v) in self.ranked(f, c, &mut keyed).enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&self.fields[f].json[v as usize]);
                json::push_uint(out, u64::from(c[v as usize]));
                out.push('}');
            }
            out.push(']');
        }
        out.push('}');
    }

    /// Facet counts of every document, unfiltered (cached at build time).
    pub fn all(&self) -> &Facets {
        &self.all
    }

    fn render(&self, counts: &[u32]) -> Facets {
        let mut keyed = Vec::new();
        let mut out = Vec::with_capacity(self.fields.len());
        for f in 0..self.fields.len() {
            let c = self.of_field(counts, f);
            let list = self
                .ranked(f, c, &mut keyed)
                .map(|v| {
                    let (value, label, _) = &self.fields[f].values[v as usize];
                    FacetCount {
                        value: value.clone(),
                        label: label.clone(),
                        count: c[v as usize],
                    }
                })
                .collect();
            out.push((self.fields[f].name.clone(), list));
        }
        Facets(out)
    }

    /// Approximate heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        let postings: usize = self
            .fields
            .iter()
            .flat_map(|f| f.values.iter())
            .map(|(v, l, ds)| v.capacity() + l.capacity() + 4 * ds.capacity() + 72)
            .sum();
        postings
            + 4 * self.doc_off.capacity()
            + 8 * self.doc_values.capacity()
            + 4 * self.years.capacity()
            + 4 * self.year_values.capacity()
    }
}

/// The year a value of a `year` facet is: an integer from 0 to 9999 written in decimal
/// digits (a sign allowed), as [`crate::records`] checks them; [`NO_YEAR`] otherwise.
fn year_value(v: &str) -> i32 {
    let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return NO_YEAR;
    }
    match v.parse::<i64>() {
        Ok(y) if (0..=9999).contains(&y) => y as i32,
        _ => NO_YEAR,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_from_precomputed_postings_equals_the_table_built_from_the_documents() {
        for (dir, compiled) in crate::authoring::test_corpora() {
            let docs = crate::corpus_docs::documents(&compiled.corpus);
            let names: Vec<String> = crate::corpus_docs::FACET_FIELDS
                .iter()
                .map(|s| s.to_string())
                .chain(["no-such-field".to_string()])
                .collect();
            let built = FacetTable::build(&docs, &names);
            let from_index = FacetTable::from_index(&docs, &names, &FacetIndex::build(&docs));
            assert!(built == from_index, "{dir}");
            assert!(built.fields.iter().filter(|f| !f.values.is_empty()).count() >= 6);
        }
    }

    #[test]
    fn postings_naming_documents_that_do_not_exist_are_ignored() {
        let corpus = crate::authoring::compile_dir(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini"),
        )
        .unwrap()
        .corpus;
        let docs = crate::corpus_docs::documents(&corpus);
        let names = vec!["kind".to_string()];
        let mut postings = FacetIndex::build(&docs);
        let kind = postings
            .fields
            .iter_mut()
            .find(|f| f.name == "kind")
            .unwrap();
        kind.values[0].docs.push(docs.len() as u32);
        kind.values[0].docs.push(u32::MAX);
        let table = FacetTable::from_index(&docs, &names, &postings);
        assert!(table == FacetTable::build(&docs, &names));
    }
}
