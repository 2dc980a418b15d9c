//! Search exports: `search()` on the embedded corpus.

use crate::catalog;
use crate::convert::{string_arg, to_value};
use crate::errors::JsResult;
use treatykit_core::search::SearchOptions;
use wasm_bindgen::prelude::*;

/// Searches the embedded corpus: `search(query)` → `{ total, hits: [{ id, kind, title, score, ... }] }`.
#[wasm_bindgen(js_name = search)]
pub fn search(query: JsValue) -> JsResult<JsValue> {
    let q = string_arg(&query, "query")?;
    to_value(&catalog()?.search(&q, &SearchOptions::default()))
}
