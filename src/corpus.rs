//! Corpus exports: `corpusInfo()`.

use crate::catalog;
use crate::convert::to_value;
use crate::errors::JsResult;
use wasm_bindgen::prelude::*;

/// `{ formatVersion, corpusDate, counts }` of the embedded corpus.
#[wasm_bindgen(js_name = corpusInfo)]
pub fn corpus_info() -> JsResult<JsValue> {
    to_value(&catalog()?.info())
}
