//! Rights exports: `categories()`, `rights(categoryId, options?)`, `compareRights(a, b)`,
//! `whoHolds(rightId)` and `right(rightId)` over the embedded corpus. Arguments are checked and
//! converted here; the answers come from [`treatykit_core::rights::Rights`].

use crate::catalog;
use crate::convert::{enter, id_arg, is_array, not_plain, to_value, type_name};
use crate::errors::{JsResult, to_js};
use js_sys::Reflect;
use treatykit_core::Error;
use treatykit_core::rights::{OptionValue, RightsOptions};
use wasm_bindgen::prelude::*;

/// Every category of mobile person, MIMC groups first, then cross-cutting groups:
/// `[{ id, label, definition, definitionSource, group, mimcChapter, mimcChapterCertain,
/// inherits, inheritsEstablished, inheritsAssumed, inheritsNote? }]`.
#[wasm_bindgen(js_name = categories)]
pub fn categories() -> JsResult<JsValue> {
    to_value(&catalog()?.rights().categories())
}

/// The cumulative rights of a category: `{ category, rights: [{ id, name, description, group,
/// holderRole, holderRoleLabel, note?, grantedTo, inheritedVia, own, inheritanceEstablished,
/// binding, anchors }] }`. `options` may be `{ group?: string, bindingOnly?: boolean }`.
/// Throws `TypeError` `INVALID_ARGUMENT` for a non-string id or malformed options,
/// `RangeError` `INVALID_ARGUMENT` for an unknown group and `RangeError` `UNKNOWN_CATEGORY`
/// for an unknown category.
#[wasm_bindgen(js_name = rights)]
pub fn rights(
    #[wasm_bindgen(js_name = categoryId, unchecked_param_type = "string")] category_id: JsValue,
    #[wasm_bindgen(
        unchecked_optional_param_type = "{ group?: string; bindingOnly?: boolean } | null"
    )]
    options: Option<JsValue>,
) -> JsResult<JsValue> {
    let _call = enter()?;
    let id = id_arg(&category_id, "categoryId")?;
    let opts = rights_options(&options.unwrap_or(JsValue::UNDEFINED))?;
    to_value(&catalog()?.rights().rights(&id, &opts).map_err(to_js)?)
}

/// What category `a` holds that `b` does not and the reverse: `{ a, b, onlyA, onlyB, both }`,
/// each list of `{ id, name, group, holderRole, establishedA?, establishedB? }` (a side's flag is
/// present when that side holds the right, false when its hold rests on an assumed link).
#[wasm_bindgen(js_name = compareRights)]
pub fn compare_rights(
    #[wasm_bindgen(unchecked_param_type = "string")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] b: JsValue,
) -> JsResult<JsValue> {
    let a = id_arg(&a, "a")?;
    let b = id_arg(&b, "b")?;
    to_value(&catalog()?.rights().compare(&a, &b).map_err(to_js)?)
}

/// The categories holding a right, directly or by inheritance, in `categories()` order:
/// `[{ id, label, group, own, grantedTo, inheritedVia, inheritanceEstablished }]`.
#[wasm_bindgen(js_name = whoHolds)]
pub fn who_holds(
    #[wasm_bindgen(js_name = rightId, unchecked_param_type = "string")] right_id: JsValue,
) -> JsResult<JsValue> {
    let id = id_arg(&right_id, "rightId")?;
    to_value(&catalog()?.rights().who_holds(&id).map_err(to_js)?)
}

/// One right with every anchor enriched with the instrument's short name, title, binding status
/// and party count: `{ id, name, description, group, holderRole, holderRoleLabel, note?,
/// holders, heldBy, heldByAssumed, binding, anchors }` (`heldByAssumed`: the ids of `heldBy`
/// whose hold rests on an assumed inheritance link).
#[wasm_bindgen(js_name = right)]
pub fn right(
    #[wasm_bindgen(js_name = rightId, unchecked_param_type = "string")] right_id: JsValue,
) -> JsResult<JsValue> {
    let id = id_arg(&right_id, "rightId")?;
    to_value(&catalog()?.rights().right(&id).map_err(to_js)?)
}

/// Reads `options` (undefined, null or a plain object: its prototype is `Object.prototype` or
/// `null`) into [`RightsOptions`]; the rules and messages live in
/// [`RightsOptions::from_entries`].
fn rights_options(options: &JsValue) -> JsResult<RightsOptions> {
    if options.is_undefined() || options.is_null() {
        return Ok(RightsOptions::default());
    }
    let shape = if !options.is_object() || is_array(options, "options")? {
        Some(type_name(options))
    } else {
        not_plain(options, "options")?
    };
    if let Some(got) = shape {
        return Err(to_js(Error::type_error(format!(
            "options must be a plain object such as {{ group: 'protection', bindingOnly: true }}, got {got}"
        ))));
    }
    let unreadable = |_| to_js(Error::type_error("options could not be read"));
    let keys = Reflect::own_keys(options).map_err(unreadable)?;
    let mut entries = Vec::with_capacity(RightsOptions::KEYS.len());
    for key in keys.iter() {
        let Some(name) = key.as_string() else {
            return Err(to_js(Error::type_error(format!(
                "options has a symbol key; valid options: {}",
                RightsOptions::KEYS.join(", ")
            ))));
        };
        if !RightsOptions::KEYS.contains(&name.as_str()) {
            // Reported by from_entries; stop before reading the rest of a huge object.
            entries.push((name, OptionValue::Absent));
            break;
        }
        let value = Reflect::get(options, &key).map_err(unreadable)?;
        let value = if value.is_undefined() || value.is_null() {
            OptionValue::Absent
        } else if let Some(s) = value.as_string() {
            OptionValue::Str(s)
        } else if let Some(b) = value.as_bool() {
            OptionValue::Bool(b)
        } else {
            OptionValue::Other(type_name(&value))
        };
        entries.push((name, value));
    }
    RightsOptions::from_entries(&entries).map_err(to_js)
}
