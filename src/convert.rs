//! Reading JavaScript arguments into core types, and writing core results as plain JS objects.

use crate::errors::{JsResult, to_js};
use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use treatykit_core::Error;
use wasm_bindgen::{JsCast, JsValue};

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
    } else if Array::is_array(value) {
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

/// Reads a search query: a JS string within the documented limits
/// ([`treatykit_core::limits::check_query`]). A non-string is a `TypeError`
/// (`INVALID_ARGUMENT`); an over-long one a `RangeError` (`QUERY_TOO_LONG`). Lone UTF-16
/// surrogates become U+FFFD, so any JS string is a valid query.
pub fn query_arg(value: &JsValue) -> JsResult<String> {
    let query = string_arg(value, "query")?;
    treatykit_core::limits::check_query(&query).map_err(to_js)?;
    Ok(query)
}

/// Reads an optional options object: `undefined` or `null` → `None`; a plain object whose own
/// keys are all in `allowed` → `Some`; anything else (a number, a string, an array, a function,
/// an object with an unknown key) is a `TypeError` (`INVALID_ARGUMENT`) naming what is wrong.
pub fn options_object(value: &JsValue, name: &str, allowed: &[&str]) -> JsResult<Option<Object>> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if !value.is_object() || Array::is_array(value) || value.is_function() {
        return Err(to_js(Error::type_error(format!(
            "{name} must be an object like {{ {} }}, got {}",
            allowed.join(", "),
            type_name(value)
        ))));
    }
    let obj: Object = value.clone().unchecked_into();
    // Reflect.ownKeys catches what a hostile Proxy throws, instead of unwinding through wasm.
    let keys = Reflect::own_keys(&obj).map_err(|_| {
        to_js(Error::type_error(format!(
            "{name}: its keys cannot be read"
        )))
    })?;
    for key in keys.iter() {
        let Some(key) = key.as_string() else { continue };
        if !allowed.contains(&key.as_str()) {
            return Err(to_js(Error::type_error(format!(
                "{name} has an unknown option `{key}`; the options are: {}",
                allowed.join(", ")
            ))));
        }
    }
    Ok(Some(obj))
}

/// Reads property `key` of an options object; `undefined`, `null` (or an absent object) → `None`.
/// A getter that throws is a `TypeError` (`INVALID_ARGUMENT`).
pub fn option_value(obj: Option<&Object>, key: &str) -> JsResult<Option<JsValue>> {
    let Some(obj) = obj else { return Ok(None) };
    let v = Reflect::get(obj, &JsValue::from_str(key))
        .map_err(|_| to_js(Error::type_error(format!("option `{key}` cannot be read"))))?;
    Ok((!v.is_undefined() && !v.is_null()).then_some(v))
}

/// Reads an integer option in `min..=max`, `default` when absent. A non-number is a `TypeError`;
/// `NaN`, `±Infinity`, a fraction or a value out of range is a `RangeError` (`INVALID_ARGUMENT`).
pub fn int_option(
    obj: Option<&Object>,
    key: &str,
    min: usize,
    max: usize,
    default: usize,
) -> JsResult<usize> {
    let Some(v) = option_value(obj, key)? else {
        return Ok(default);
    };
    let Some(n) = v.as_f64() else {
        return Err(to_js(Error::type_error(format!(
            "option `{key}` must be an integer from {min} to {max}, got {}",
            type_name(&v)
        ))));
    };
    if !n.is_finite() || n.fract() != 0.0 || n < min as f64 || n > max as f64 {
        return Err(to_js(Error::range_error(format!(
            "option `{key}` must be an integer from {min} to {max}, got {n}"
        ))));
    }
    Ok(n as usize)
}

/// Reads a boolean option, `default` when absent; anything but `true`/`false` is a `TypeError`.
pub fn bool_option(obj: Option<&Object>, key: &str, default: bool) -> JsResult<bool> {
    match option_value(obj, key)? {
        None => Ok(default),
        Some(v) => v.as_bool().ok_or_else(|| {
            to_js(Error::type_error(format!(
                "option `{key}` must be true or false, got {}",
                type_name(&v)
            )))
        }),
    }
}

/// Reads an optional string option; anything but a string is a `TypeError`.
pub fn string_option(obj: Option<&Object>, key: &str) -> JsResult<Option<String>> {
    match option_value(obj, key)? {
        None => Ok(None),
        Some(v) => string_arg(&v, &format!("option `{key}`")).map(Some),
    }
}

/// Reads an optional list of strings of at most `max` items: an array of strings, or a single
/// string as a one-item list. Other shapes are a `TypeError`, a longer list a `RangeError`.
pub fn string_list_option(
    obj: Option<&Object>,
    key: &str,
    max: usize,
) -> JsResult<Option<Vec<String>>> {
    let Some(v) = option_value(obj, key)? else {
        return Ok(None);
    };
    if let Some(s) = v.as_string() {
        return Ok(Some(vec![s]));
    }
    if !Array::is_array(&v) {
        return Err(to_js(Error::type_error(format!(
            "option `{key}` must be a string or an array of strings, got {}",
            type_name(&v)
        ))));
    }
    let arr: Array = v.unchecked_into();
    if arr.length() as usize > max {
        return Err(to_js(Error::range_error(format!(
            "option `{key}` has {} items; at most {max} are allowed",
            arr.length()
        ))));
    }
    arr.iter()
        .enumerate()
        .map(|(i, item)| string_arg(&item, &format!("option `{key}`[{i}]")))
        .collect::<JsResult<Vec<_>>>()
        .map(Some)
}
