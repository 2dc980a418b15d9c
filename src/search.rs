//! Search exports: `search()` and `facets()` on the embedded corpus, and the `Index` class over
//! records a website brings (`Index.fromRecords(records, schema)`).

use crate::catalog;
use crate::convert::{enter, get, is_array, query_arg, record_to_json, to_json, type_name};
use crate::errors::{JsResult, to_js};
use std::cell::RefCell;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU32, Ordering};
use treatykit_core::records::{self, Json, MAX_RECORDS, Schema};
use treatykit_core::search::compact::Delivered;
use treatykit_core::search::{Filters, SearchOptions, json};
use treatykit_core::{Code, Error, JsClass};
use wasm_bindgen::prelude::*;

// Answers are assembled by js/answer.js from compact answers (core `search/compact.rs`): it
// keeps, per wasm instance (keyed by the instance's memory: two copies of the glue on one page
// share one answer.js) and per index number, the strings that never change, which this side
// sends once. Its calls catch what they throw, so that an error there never leaves a `RefCell`
// of this side borrowed (JavaScript exceptions skip Rust's unwinding).
#[wasm_bindgen(module = "/js/answer.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = buildAnswer)]
    fn build_answer(
        instance: &JsValue,
        index: u32,
        fixed: Option<&str>,
        snippets: &str,
        hits: &[f64],
        facets: &[u32],
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = buildFacets)]
    fn build_facets(
        instance: &JsValue,
        index: u32,
        fixed: Option<&str>,
        facets: &[u32],
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = forgetIndex)]
    fn forget_index(instance: &JsValue, index: u32);
}

/// Index number of the embedded corpus in js/answer.js; `Index` objects take the next ones.
const EMBEDDED: u32 = 0;
static NEXT_INDEX: AtomicU32 = AtomicU32::new(EMBEDDED + 1);

thread_local! {
    /// What js/answer.js holds of the embedded corpus (and the buffers its answers are built in).
    static EMBEDDED_DELIVERED: RefCell<Delivered> = RefCell::new(Delivered::new());
    /// This instance's memory: the key of its caches in js/answer.js.
    static INSTANCE: JsValue = wasm_bindgen::memory();
}

/// The JSON text of what an answer sends for the first time, or `None` when there is none
/// (nearly always, once an index has answered a few queries): JavaScript then decodes nothing.
fn sent_text(fixed: &str) -> Option<&str> {
    (!fixed.is_empty()).then_some(fixed)
}

/// The search answer objects of index number `index` from the compact answer just built in
/// `d` (`built`: whether it could be).
fn answer(index: u32, d: &mut Delivered, built: Result<(), Error>) -> JsResult<JsValue> {
    built.map_err(to_js)?;
    let c = d.last();
    let built = INSTANCE.with(|i| {
        build_answer(
            i,
            index,
            sent_text(&c.fixed),
            &c.snippets,
            &c.hits,
            &c.facets,
        )
    });
    resend_after_failure(index, d, built)
}

/// The facet answer object of index number `index` from the compact facet answer just built
/// in `d` (`built`: whether it could be).
fn facet_answer(index: u32, d: &mut Delivered, built: Result<(), Error>) -> JsResult<JsValue> {
    built.map_err(to_js)?;
    let c = d.last();
    let built = INSTANCE.with(|i| build_facets(i, index, sent_text(&c.fixed), &c.facets));
    resend_after_failure(index, d, built)
}

/// `built`; when js/answer.js failed, both sides forget what was sent, so that the next
/// answer sends everything again instead of failing for good.
fn resend_after_failure(
    index: u32,
    d: &mut Delivered,
    built: Result<JsValue, JsValue>,
) -> JsResult<JsValue> {
    built.inspect_err(|_| {
        *d = Delivered::new();
        INSTANCE.with(|i| forget_index(i, index));
    })
}

fn options(v: &JsValue) -> JsResult<SearchOptions> {
    SearchOptions::from_json(&to_json(v, "options")?).map_err(to_js)
}

fn filters(v: &JsValue) -> JsResult<Filters> {
    Filters::from_json(&to_json(v, "filters")?).map_err(to_js)
}

/// Searches the embedded corpus: `search(query, { limit, offset, filters, fuzzy }?)` →
/// `{ total, hits: [{ id, kind, title, score, snippet, highlights, titleHighlights, ... }],
/// facets, relaxed, corrected? }`.
#[wasm_bindgen(js_name = search)]
pub fn search(query: JsValue, options_arg: JsValue) -> JsResult<JsValue> {
    let _call = enter()?;
    let q = query_arg(&query)?;
    #[cfg(feature = "test-hooks")]
    crate::test_hooks::panic_on_test_query(&q);
    let opts = options(&options_arg)?;
    let index = catalog()?.index();
    EMBEDDED_DELIVERED.with_borrow_mut(|d| {
        let built = index.search_compact_in(&q, &opts, d).map(|_| ());
        answer(EMBEDDED, d, built)
    })
}

/// Facet counts of the embedded corpus: `facets(filters?)` → `{ kind: [{ value, label,
/// count }], type: [...], ... }`.
#[wasm_bindgen(js_name = facets)]
pub fn facets(filters_arg: JsValue) -> JsResult<JsValue> {
    let _call = enter()?;
    let f = filters(&filters_arg)?;
    let index = catalog()?.index();
    EMBEDDED_DELIVERED.with_borrow_mut(|d| {
        let built = index.facets_compact_in(&f, d).map(|_| ());
        facet_answer(EMBEDDED, d, built)
    })
}

thread_local! {
    /// Whether `prepare()` has run to the end.
    static PREPARED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `prepare()`: makes the embedded corpus ready to answer at once. It decodes the corpus and
/// builds its index (what the first call of any export does), then searches a few of the
/// corpus's own words, typed and misspelt (the core's `Index::warm_up_queries`), through the
/// whole path, answers included, so that the browser compiles that code now rather than on
/// the visitor's first query. Call it while the page is idle; once it has run, it does
/// nothing.
#[wasm_bindgen]
pub fn prepare() -> JsResult<()> {
    if PREPARED.get() {
        return Ok(());
    }
    let index = catalog()?.index();
    index.warm();
    warm_up(index, search);
    PREPARED.set(true);
    Ok(())
}

/// Searches `index`'s warm-up queries through `search` (its export, so that the answers'
/// JavaScript side runs too) and drops the answers: a failure here would be the first real
/// query's to report.
fn warm_up(
    index: &treatykit_core::search::Index,
    search: impl Fn(JsValue, JsValue) -> JsResult<JsValue>,
) {
    for q in index.warm_up_queries() {
        let _ = search(JsValue::from_str(&q), JsValue::UNDEFINED);
    }
}

/// A search index over records a website brings. Free it with `free()` when done.
#[wasm_bindgen(js_name = Index)]
pub struct JsIndex {
    inner: treatykit_core::search::Index,
    /// This index's number in js/answer.js, and what it holds of it.
    number: u32,
    delivered: RefCell<Delivered>,
}

impl Drop for JsIndex {
    fn drop(&mut self) {
        INSTANCE.with(|i| forget_index(i, self.number));
    }
}

#[wasm_bindgen(js_class = Index)]
impl JsIndex {
    /// `Index.fromRecords(records, schema)`: indexes an array of objects, reading only the
    /// fields the schema names. `schema` is
    /// `{ id?, title?, fields: { name: { boost? } } | [name], facets?, store? }`. Malformed records throw
    /// with code `INVALID_RECORDS` naming the record; a malformed schema with
    /// `INVALID_ARGUMENT`.
    #[wasm_bindgen(js_name = fromRecords)]
    pub fn from_records(records: JsValue, schema: JsValue) -> JsResult<JsIndex> {
        let _call = enter()?;
        // Elsewhere `undefined` is "not given"; a schema is required, and named as what it is.
        let schema_json = if schema.is_undefined() {
            Json::Other("undefined".into())
        } else {
            to_json(&schema, "schema")?
        };
        let checked = Schema::from_json(&schema_json).map_err(to_js)?;
        if !is_array(&records, "records")? {
            return Err(to_js(Error::new(
                Code::InvalidRecords,
                JsClass::TypeError,
                format!(
                    "records must be an array of objects, got {}",
                    type_name(&records)
                ),
            )));
        }
        let len = get(&records, "length", "records")?.as_f64().unwrap_or(0.0);
        if len > MAX_RECORDS as f64 {
            return Err(to_js(Error::new(
                Code::InvalidRecords,
                JsClass::RangeError,
                format!(
                    "{} records given; the limit is {MAX_RECORDS}",
                    json::number_text(len)
                ),
            )));
        }
        let keys = checked.keys();
        let mut list: Vec<Json> = Vec::with_capacity(len as usize);
        // The record's name for errors, written into one buffer rather than allocated per record.
        let mut name = String::new();
        for i in 0..len as u32 {
            let r = js_sys::Reflect::get_u32(&records, i)
                .map_err(|_| to_js(Error::type_error(format!("could not read record {i}"))))?;
            name.clear();
            let _ = write!(name, "record {i}");
            list.push(record_to_json(&r, &keys, &name)?);
        }
        // The first record's own string keys (records are read through the schema's keys
        // only), read only for the error when none holds any of its fields.
        let first_keys = || match js_sys::Reflect::get_u32(&records, 0) {
            Ok(r) if r.is_object() => js_sys::Reflect::own_keys(&r)
                .map(|a| {
                    a.iter()
                        .filter_map(|k| k.as_string())
                        .take(records::KEYS_NAMED + 1)
                        .collect()
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let inner = records::index_naming_keys(list, &schema_json, first_keys).map_err(to_js)?;
        Ok(JsIndex {
            inner,
            number: NEXT_INDEX.fetch_add(1, Ordering::Relaxed),
            delivered: RefCell::new(Delivered::new()),
        })
    }

    /// Searches the records: the arguments and answer of the top-level `search`, except that
    /// `filters` name this index's facets and a hit carries the record's facet and stored
    /// fields (a string, number or boolean as the record holds it, an array's items as
    /// strings; `IndexSearchOptions`, `IndexSearchResult`).
    pub fn search(&self, query: JsValue, options_arg: JsValue) -> JsResult<JsValue> {
        let _call = enter()?;
        let q = query_arg(&query)?;
        let opts = options(&options_arg)?;
        let mut d = self.delivered.borrow_mut();
        let built = self.inner.search_compact_in(&q, &opts, &mut d).map(|_| ());
        answer(self.number, &mut d, built)
    }

    /// Facet counts of the records under `filters?` (on this index's facets: `IndexFilters`).
    pub fn facets(&self, filters_arg: JsValue) -> JsResult<JsValue> {
        let _call = enter()?;
        let f = filters(&filters_arg)?;
        let mut d = self.delivered.borrow_mut();
        let built = self.inner.facets_compact_in(&f, &mut d).map(|_| ());
        facet_answer(self.number, &mut d, built)
    }

    /// `index.prepare()`: searches a few of the records' own words, typed and misspelt,
    /// through the whole path, so that the browser compiles that code now rather than on the
    /// first query (as the top-level `prepare()` does for the embedded corpus). Optional; call
    /// it while the page is idle.
    pub fn prepare(&self) {
        warm_up(&self.inner, |q, o| self.search(q, o));
    }

    /// Number of records indexed.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.inner.len()
    }
}
