//! Record exports: `record(id)` → the full view of one record of any kind.

use crate::catalog;
use crate::convert::{id_arg, to_value};
use crate::errors::{JsResult, to_js};
use wasm_bindgen::prelude::*;

/// The full view of record `id` (an id from a search hit or another record):
/// `{ id, kind, kindLabel, title, summary, citation, sources, flags, corpusDate, ... }` plus the
/// facts of its kind. An unknown id throws `RangeError` with `code: "UNKNOWN_RECORD"`; a
/// non-string throws `TypeError` with `code: "INVALID_ARGUMENT"`.
#[wasm_bindgen(js_name = record, unchecked_return_type = "RecordView")]
pub fn record(#[wasm_bindgen(unchecked_param_type = "string")] id: JsValue) -> JsResult<JsValue> {
    let id = id_arg(&id, "id")?;
    to_value(&catalog()?.record(&id).map_err(to_js)?)
}
