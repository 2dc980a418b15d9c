//! Brute-force references that the tests and the fuzz targets check the engine against: plain,
//! slow code for which documents filters select, written from the documented rules rather
//! than from the engine's bitsets. Never in the wasm (feature `reference`).

use crate::catalog::Catalog;
use crate::corpus_docs::FACET_VALUE_ALIASES;
use crate::document::Document;
use crate::search::Filters;

/// The facet values that filter value `v` of facet `field` selects in `catalog`: `v` itself
/// when some document holds it, otherwise the values it is another name for
/// ([`FACET_VALUE_ALIASES`]), if it is one.
pub fn selected<'a>(catalog: &Catalog, field: &str, v: &'a str) -> Vec<&'a str> {
    let held = catalog
        .facet_index()
        .fields
        .iter()
        .any(|f| f.name == field && f.values.iter().any(|x| x.value == v));
    match FACET_VALUE_ALIASES
        .iter()
        .find(|(f, alias, _)| !held && *f == field && *alias == v)
    {
        Some((_, _, values)) => values.to_vec(),
        None => vec![v],
    }
}

/// Does `doc` of `catalog` pass `filters`, ignoring the filter of field `except` (the year
/// range belongs to the `year` field)? A field passes when it has no values or the document
/// holds a value one of them selects; the year range when a year of the document is in it.
pub fn passes(catalog: &Catalog, doc: &Document, filters: &Filters, except: Option<&str>) -> bool {
    let fields_ok = filters.fields.iter().all(|(field, values)| {
        Some(field.as_str()) == except
            || values.is_empty()
            || values.iter().any(|v| {
                selected(catalog, field, v)
                    .iter()
                    .any(|x| doc.has_facet(field, x))
            })
    });
    let year_ok = except == Some("year")
        || (filters.year_from.is_none() && filters.year_to.is_none())
        || years_of(doc).any(|y| {
            filters.year_from.is_none_or(|f| y >= f) && filters.year_to.is_none_or(|t| y <= t)
        });
    fields_ok && year_ok
}

/// A document's years: its `year` and every value of its `year` facet that is an integer
/// from 0 to 9999.
pub fn years_of(doc: &Document) -> impl Iterator<Item = i64> + '_ {
    let facet_years = doc
        .facets
        .iter()
        .filter(|f| f.field == "year")
        .filter_map(|f| {
            let digits = f.value.strip_prefix(['-', '+']).unwrap_or(&f.value);
            let digits_only = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
            let y: i64 = f.value.parse().ok().filter(|_| digits_only)?;
            (0..=9999).contains(&y).then_some(y)
        });
    doc.year.map(i64::from).into_iter().chain(facet_years)
}
