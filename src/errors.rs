//! Core errors → JavaScript `Error` subclasses carrying a stable `code` property.

use js_sys::{Error as JsError, RangeError, Reflect, TypeError};
use treatykit_core::{Error, JsClass};
use wasm_bindgen::{JsCast, JsValue};

/// Converts a core error into a thrown JS value: `TypeError`, `RangeError` or `Error`, with
/// `error.code` set to the stable code (e.g. `"UNKNOWN_CATEGORY"`).
pub fn to_js(e: Error) -> JsValue {
    let err: JsError = match e.class {
        JsClass::TypeError => TypeError::new(&e.message).unchecked_into(),
        JsClass::RangeError => RangeError::new(&e.message).unchecked_into(),
        JsClass::Error => JsError::new(&e.message),
    };
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(
        &err,
        &JsValue::from_str("code"),
        &JsValue::from_str(e.code.as_str()),
    );
    err.into()
}

/// Result type of exported functions.
pub type JsResult<T> = Result<T, JsValue>;

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_ERRORS: &'static str = r#"
/** Stable `code` of every error treatykit throws (see README, "Errors and limits"). */
export type TreatykitErrorCode =
  | "INVALID_ARGUMENT"   // TypeError: wrong type or shape; RangeError: invalid value (NaN, fraction, out of range)
  | "UNKNOWN_CATEGORY"   // RangeError: no category has this id
  | "UNKNOWN_RIGHT"      // RangeError: no right has this id
  | "UNKNOWN_RECORD"     // RangeError: no record has this id
  | "QUERY_TOO_LONG"     // RangeError: over 1,024 bytes of UTF-8 or 32 terms
  | "INVALID_RECORDS"    // TypeError/RangeError: records for Index.fromRecords are malformed or over a limit
  | "CORPUS_INVALID";    // Error: a corpus binary is corrupt or of another format version

/** What treatykit throws: a TypeError, RangeError or Error with a stable `code`. */
export interface TreatykitError extends Error {
  code: TreatykitErrorCode;
}
"#;
