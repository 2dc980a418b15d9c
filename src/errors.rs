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

// The TypeScript types of the errors (ErrorCode, TreatykitErrorCode, TreatykitError) live in
// js/types.d.ts, which scripts/finish-pkg.mjs puts into pkg/treatykit.d.ts.
