//! Reading JavaScript arguments into core types, and writing core results as plain JS objects.
//! Reading never runs user code it cannot survive: property reads and key listings that throw
//! (getters, proxies) become errors, nesting and list lengths are bounded.

use crate::errors::{JsResult, to_js};
use js_sys::{Array, Reflect};
use serde::Serialize;
use treatykit_core::Error;
use treatykit_core::records::{Json, MAX_KEY_PATH_PARTS};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Deepest nesting read from a JS value (deeper values become `Json::Other`).
const MAX_DEPTH: u32 = 4;
/// Most array items read from a nested JS array; one more is read, so that the core, whose list
/// limits are all at most this, refuses a longer array instead of seeing it cut.
const MAX_ITEMS: u32 = treatykit_core::limits::MAX_TEXT_ITEMS as u32;
const _: () = {
    assert!(treatykit_core::records::MAX_LIST_VALUES <= MAX_ITEMS as usize);
    assert!(treatykit_core::search::options::MAX_FILTER_VALUES <= MAX_ITEMS as usize);
    assert!(treatykit_core::limits::MAX_TEXT_ITEMS <= MAX_ITEMS as usize);
};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(o: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(js_namespace = Object, js_name = hasOwn, catch)]
    fn has_own(o: &JsValue, key: &str) -> Result<bool, JsValue>;
    #[wasm_bindgen(js_namespace = Reflect, js_name = getPrototypeOf, catch)]
    fn prototype_of(o: &JsValue) -> Result<JsValue, JsValue>;
    // `Array.isArray` throws for a revoked proxy; a JS exception must never unwind through
    // wasm frames (borrows would stay taken, the stack pointer unrestored), so it is caught.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn array_is_array(v: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(thread_local_v2, js_namespace = Object, js_name = prototype)]
    static OBJECT_PROTOTYPE: JsValue;
}

/// Most calls of the exports that read options, filters, schemas or records which may be in
/// progress at once: a getter or proxy of an argument can call treatykit again, and one that
/// does so from its own calls would recurse until the JS stack overflows, an exception that
/// unwinds through wasm frames and leaves the instance unusable.
pub const MAX_NESTED_CALLS: u32 = 8;

thread_local! {
    /// How many such calls are in progress (see [`enter`]).
    static NESTED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// One call in progress, counted until it is dropped (see [`enter`]).
pub struct Entered(());

impl Drop for Entered {
    fn drop(&mut self) {
        NESTED.set(NESTED.get().saturating_sub(1));
    }
}

/// Counts a call of an export that reads arguments which may run user code; the call
/// [`MAX_NESTED_CALLS`]` + 1` levels deep is a `RangeError` `INVALID_ARGUMENT` instead, before
/// it reads anything, so that a getter calling treatykit from its own calls ends there.
pub fn enter() -> JsResult<Entered> {
    let depth = NESTED.get();
    if depth >= MAX_NESTED_CALLS {
        return Err(to_js(Error::new(
            treatykit_core::Code::InvalidArgument,
            treatykit_core::JsClass::RangeError,
            format!(
                "treatykit was called from inside its own calls more than {MAX_NESTED_CALLS} levels deep: does a getter or proxy of an argument call treatykit again?"
            ),
        )));
    }
    NESTED.set(depth + 1);
    Ok(Entered(()))
}

/// Requires `value` to be a JS string; anything else is a `TypeError` naming the argument.
/// Lone surrogates arrive as U+FFFD.
pub fn string_arg(value: &JsValue, name: &str) -> JsResult<String> {
    value.as_string().ok_or_else(|| {
        to_js(Error::type_error(format!(
            "{name} must be a string, got {}",
            type_name(value)
        )))
    })
}

/// Reads an id argument (record, category or right): a JS string of which at most
/// [`treatykit_core::limits::MAX_ID_BYTES`]` + 1` UTF-16 units are copied into wasm memory. No
/// id is longer than that limit (validation caps corpus ids, `Index.fromRecords` record ids), so
/// a longer string is unknown either way: its prefix is looked up and reported as unknown, and a
/// 100 MB "id" costs no more than a short one. A non-string is a `TypeError`.
pub fn id_arg(value: &JsValue, name: &str) -> JsResult<String> {
    const MAX_UNITS: u32 = treatykit_core::limits::MAX_ID_BYTES as u32 + 1;
    if let Some(s) = value.dyn_ref::<js_sys::JsString>()
        && s.length() > MAX_UNITS
    {
        // One UTF-16 unit is at least one UTF-8 byte, so this prefix is already over the limit.
        return string_arg(&s.slice(0, MAX_UNITS).into(), name);
    }
    string_arg(value, name)
}

/// Reads a search query: a JS string, refused by its length before it is copied into wasm
/// memory when it cannot be within [`treatykit_core::limits::MAX_QUERY_CHARS`] (so a 500 MB
/// string costs nothing and never grows the wasm memory). A non-string is a `TypeError`
/// (`INVALID_ARGUMENT`), an over-long string a `RangeError` (`QUERY_TOO_LONG`); the exact
/// limits are checked by the core's query parser.
pub fn query_arg(value: &JsValue) -> JsResult<String> {
    if let Some(s) = value.dyn_ref::<js_sys::JsString>() {
        treatykit_core::limits::check_query_units(s.length() as usize).map_err(to_js)?;
    }
    string_arg(value, "query")
}

/// `Array.isArray(v)`; a revoked proxy, for which it throws, is a `TypeError` naming `what`.
pub fn is_array(v: &JsValue, what: &str) -> JsResult<bool> {
    array_is_array(v).map_err(|e| read_error(what, &e))
}

/// A short description of a JS value's type for error messages.
pub fn type_name(value: &JsValue) -> String {
    if value.is_undefined() {
        "undefined".into()
    } else if value.is_null() {
        "null".into()
    } else if array_is_array(value).unwrap_or(false) {
        "an array".into()
    } else {
        value
            .js_typeof()
            .as_string()
            .unwrap_or_else(|| "an unknown value".into())
    }
}

/// Checks that an object is a plain object — its prototype is `Object.prototype` or `null`, as
/// for `{ ... }`, `Object.create(null)` or `JSON.parse` output — the only kind of options,
/// filters or schema the exports accept. `Ok(None)` when it is; `Ok(Some(description))` when
/// it is not (`"a Date"`, `"a RegExp"`, `"a Number object"`, `"an instance of Foo"`), for the
/// error message; `Err` (`TypeError` naming `what`) when a proxy's trap throws.
pub fn not_plain(v: &JsValue, what: &str) -> JsResult<Option<String>> {
    not_plain_at(v, &|| what.to_string())
}

/// [`not_plain`], where `what()` names the value (built only for an error).
fn not_plain_at(v: &JsValue, what: &dyn Fn() -> String) -> JsResult<Option<String>> {
    let proto = prototype_of(v).map_err(|e| read_error(&what(), &e))?;
    if proto.is_null() || OBJECT_PROTOTYPE.with(|p| *p == proto) {
        return Ok(None);
    }
    Ok(Some(describe_object(v, &proto)))
}

/// What a non-plain object is, from its `Object.prototype.toString` tag (`[object Date]`) or
/// its constructor's name. Nothing here can throw through: every read is caught.
fn describe_object(v: &JsValue, proto: &JsValue) -> String {
    let tag = OBJECT_PROTOTYPE
        .with(|p| Reflect::get(p, &JsValue::from_str("toString")).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| Reflect::apply(&f, v, &Array::new()).ok())
        .and_then(|t| t.as_string())
        .and_then(|t| Some(t.strip_prefix("[object ")?.strip_suffix(']')?.to_string()))
        .filter(|t| !t.is_empty() && t.len() <= 40);
    let name = match tag.as_deref() {
        Some("Number" | "String" | "Boolean") => {
            return format!("a {} object", tag.unwrap_or_default());
        }
        Some("Object") | None => Reflect::get(proto, &JsValue::from_str("constructor"))
            .ok()
            .filter(JsValue::is_function)
            .and_then(|c| Reflect::get(&c, &JsValue::from_str("name")).ok())
            .and_then(|n| n.as_string())
            .filter(|n| !n.is_empty() && n.len() <= 40 && n != "Object")
            .map(|n| format!("an instance of {n}")),
        Some(t) => Some(format!(
            "{} {t}",
            if t.starts_with(['A', 'E', 'I', 'O']) {
                "an"
            } else {
                "a"
            }
        )),
    };
    name.unwrap_or_else(|| "an object that is not a plain object".into())
}

fn read_error(what: &str, e: &JsValue) -> JsValue {
    to_js(Error::type_error(format!(
        "could not read {what}: {}",
        thrown_message(e)
    )))
}

/// Most characters of a thrown value's message that an error message quotes.
const MAX_THROWN_CHARS: usize = 200;

/// What a value thrown by a getter or proxy says, read without anything that can throw
/// through: a thrown string itself, else its `message` (read with `Reflect.get`, caught: the
/// `message` getter of a hostile object, or a revoked proxy, may throw too), else what kind
/// of value was thrown (`null`, `undefined`, a number…).
fn thrown_message(e: &JsValue) -> String {
    let said = e.as_string().or_else(|| {
        (e.is_object() || e.is_function())
            .then(|| Reflect::get(e, &JsValue::from_str("message")).ok())
            .flatten()
            .and_then(|m| m.as_string())
    });
    match said.filter(|m| !m.trim().is_empty()) {
        // Cut, it says so: a thrown message may quote another (nested calls).
        Some(m) if m.chars().nth(MAX_THROWN_CHARS).is_some() => {
            let mut cut: String = m.chars().take(MAX_THROWN_CHARS).collect();
            cut.push('…');
            cut
        }
        Some(m) => m,
        None => format!("a getter or proxy threw {}", type_name(e)),
    }
}

/// Reads `obj[key]`; a throwing getter or proxy is a `TypeError` naming `what`.
pub fn get(obj: &JsValue, key: &str, what: &str) -> JsResult<JsValue> {
    Reflect::get(obj, &JsValue::from_str(key)).map_err(|e| read_error(what, &e))
}

/// Converts a JS value into [`Json`]: own enumerable string keys of plain objects, arrays item
/// by item (at most `MAX_ITEMS` read), `undefined` as `null`, anything else described (an object
/// that is not plain — a Date, a Set, a class instance — is described, so options, filters and
/// schemas that are not plain objects are refused by the core, naming what they are).
pub fn to_json(v: &JsValue, what: &str) -> JsResult<Json> {
    to_json_at(v, &|| what.to_string(), 0)
}

/// [`to_json`] at nesting depth `depth`, where `what()` names the value read for an error
/// ("options.filters.kind[2]"): built only then, so reading costs no string per value.
fn to_json_at(v: &JsValue, what: &dyn Fn() -> String, depth: u32) -> JsResult<Json> {
    if v.is_undefined() || v.is_null() {
        return Ok(Json::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Json::Bool(b));
    }
    if let Some(x) = v.as_f64() {
        return Ok(Json::Num(x));
    }
    if let Some(s) = v.as_string() {
        return Ok(Json::Str(s));
    }
    if depth >= MAX_DEPTH {
        return Ok(Json::Other("a too deeply nested value".into()));
    }
    if array_is_array(v).map_err(|e| read_error(&what(), &e))? {
        let len = Reflect::get(v, &JsValue::from_str("length"))
            .map_err(|e| read_error(&what(), &e))?
            .as_f64()
            .unwrap_or(0.0);
        let n = (len.max(0.0) as u32).min(MAX_ITEMS + 1);
        let mut items = Vec::with_capacity(n as usize);
        for i in 0..n {
            let here = || format!("{}[{i}]", what());
            let item = Reflect::get_u32(v, i).map_err(|e| read_error(&here(), &e))?;
            items.push(to_json_at(&item, &here, depth + 1)?);
        }
        return Ok(Json::List(items));
    }
    if v.is_object() && !v.is_function() {
        if let Some(description) = not_plain_at(v, what)? {
            return Ok(Json::Other(description));
        }
        let keys = object_keys(v).map_err(|e| read_error(&what(), &e))?;
        let mut map = Vec::with_capacity(keys.length() as usize);
        for k in keys.iter() {
            let key = k.as_string().unwrap_or_default();
            let json = {
                let here = || format!("{}.{key}", what());
                let value = Reflect::get(v, &k).map_err(|e| read_error(&here(), &e))?;
                to_json_at(&value, &here, depth + 1)?
            };
            map.push((key, json));
        }
        return Ok(Json::Map(map));
    }
    Ok(Json::Other(type_name(v)))
}

/// Reads only the properties `keys` of a record object (other values are returned as they
/// are, for the core to reject). A field is read as `record[key]` reads it, so a getter of a
/// class, or a value the record inherits, counts (records may be class instances); but an
/// object or function it only inherits (`constructor`, `__proto__`, `toString` from
/// `Object.prototype`) is no field, so a schema may name fields `constructor` or `__proto__`
/// and records without them are records without them.
pub fn record_to_json(v: &JsValue, keys: &[&str], what: &str) -> JsResult<Json> {
    // Not a record: described for the core's "must be an object, got …" (an array or a
    // function read at full depth would be "a too deeply nested value").
    if is_array(v, what)? {
        return Ok(Json::Other("an array".into()));
    }
    if v.is_function() {
        return Ok(Json::Other("a function".into()));
    }
    // Elsewhere `undefined` means "not given" (read as null); a record that is undefined (or a
    // hole of a sparse array) is named as what it is.
    if v.is_undefined() {
        return Ok(Json::Other("undefined".into()));
    }
    if !v.is_object() {
        return to_json_at(v, &|| what.to_string(), MAX_DEPTH);
    }
    let mut map = Vec::with_capacity(keys.len());
    for &k in keys {
        let value = field(v, k, MAX_KEY_PATH_PARTS, what)?;
        if !value.is_undefined() {
            let here = || format!("{what}'s `{k}`");
            map.push((k.to_string(), to_json_at(&value, &here, 1)?));
        }
    }
    Ok(Json::Map(map))
}

/// The value of key `k` of record object `v` (`undefined` when it has none), read as
/// [`Json::get`] reads it: the key whole, else a dotted key as a path through nested objects
/// (`"meta.title"`), following the first part that `v` has; a key of more than `parts` parts
/// is read whole only.
fn field(v: &JsValue, k: &str, parts: usize, what: &str) -> JsResult<JsValue> {
    let value = Reflect::get(v, &JsValue::from_str(k))
        .map_err(|e| read_error(&format!("{what}'s `{k}`"), &e))?;
    // Only objects and functions need the second look: every inherited value of a plain
    // object is one, and strings, numbers and booleans are the common case.
    let inherited = (value.is_object() || value.is_function())
        && !has_own(v, k).map_err(|e| read_error(what, &e))?;
    if !value.is_undefined() && !inherited {
        return Ok(value);
    }
    // A key of more parts than may be followed is only a whole key, and tries no split points.
    if k.bytes().filter(|&b| b == b'.').count() >= parts {
        return Ok(JsValue::UNDEFINED);
    }
    for (i, _) in k.match_indices('.') {
        let head = field(v, &k[..i], 1, what)?;
        if head.is_undefined() {
            continue;
        }
        if head.is_object() && !head.is_function() && !is_array(&head, what)? {
            return field(&head, &k[i + 1..], parts - 1, what);
        }
        return Ok(JsValue::UNDEFINED);
    }
    Ok(JsValue::UNDEFINED)
}

/// Serializes a result as plain JS objects with serde-wasm-bindgen's JSON-compatible mode:
/// maps become objects (not `Map`s), `None` becomes `null`, integers become numbers.
pub fn to_value<T: Serialize>(value: &T) -> JsResult<JsValue> {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&ser)
        .map_err(|e| to_js(Error::corpus(format!("could not convert a result: {e}"))))
}
