//! Reading JavaScript arguments into core types, and writing core results as plain JS objects.

use crate::errors::{JsResult, to_js};
use serde::Serialize;
use treatykit_core::Error;
use wasm_bindgen::JsValue;

/// Requires `value` to be a JS string; anything else is a `TypeError` naming the argument.
pub fn string_arg(value: &JsValue, name: &str) -> JsResult<String> {
    value.as_string().ok_or_else(|| {
        to_js(Error::type_error(format!(
            "{name} must be a string, got {}",
            type_name(value)
        )))
    })
}

/// A short description of a JS value's type for error messages.
pub fn type_name(value: &JsValue) -> String {
    if value.is_undefined() {
        "undefined".into()
    } else if value.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(value) {
        "an array".into()
    } else {
        value
            .js_typeof()
            .as_string()
            .unwrap_or_else(|| "an unknown value".into())
    }
}

/// Serializes a result as plain JS objects (maps become objects, not `Map`s).
pub fn to_value<T: Serialize>(value: &T) -> JsResult<JsValue> {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&ser)
        .map_err(|e| to_js(Error::corpus(format!("could not convert a result: {e}"))))
}
