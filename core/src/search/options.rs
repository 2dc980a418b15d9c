//! Reading search options and filters from JSON-like values (what JavaScript passes), checked
//! hostilely: unknown keys, wrong types, NaN, infinities, fractions and out-of-range numbers
//! are `INVALID_ARGUMENT` errors (`TypeError` for a wrong type or key, `RangeError` for a bad
//! value) naming the key.

use super::json::number_text;
use super::{Filters, MAX_LIMIT, SearchOptions};
use crate::error::Error;
use crate::limits::{MAX_OFFSET, list_length};
use crate::records::Json;

/// Most values in one filter field.
pub const MAX_FILTER_VALUES: usize = 1024;
/// Keys of the options object.
pub const OPTION_KEYS: [&str; 4] = ["limit", "offset", "filters", "fuzzy"];

fn integer(v: f64, key: &str, min: f64, max: f64) -> Result<f64, Error> {
    if !v.is_finite() || v.fract() != 0.0 || v < min || v > max {
        let range = if max >= 9e15 {
            format!("an integer of at least {}", number_text(min))
        } else {
            format!(
                "an integer from {} to {}",
                number_text(min),
                number_text(max)
            )
        };
        return Err(Error::range_error(format!(
            "{key} must be {range}, got {}",
            number_text(v)
        )));
    }
    Ok(v)
}

impl SearchOptions {
    /// Reads `{ limit?, offset?, filters?, fuzzy? }`; `null`/`undefined` gives the defaults.
    pub fn from_json(v: &Json) -> Result<SearchOptions, Error> {
        let mut opts = SearchOptions::default();
        let map = match v {
            Json::Null => return Ok(opts),
            Json::Map(m) => m,
            other => {
                return Err(Error::type_error(format!(
                    "options must be a plain object like {{ limit: 10, offset: 0, filters: {{}}, fuzzy: true }}, got {}",
                    other.type_name()
                )));
            }
        };
        for (key, value) in map {
            match (key.as_str(), value) {
                (_, Json::Null) if OPTION_KEYS.contains(&key.as_str()) => {}
                ("limit", Json::Num(x)) => {
                    opts.limit = integer(*x, "limit", 1.0, MAX_LIMIT as f64)? as usize
                }
                ("offset", Json::Num(x)) => {
                    // Any safe integer: a page past the end is empty and costs nothing.
                    opts.offset = integer(*x, "offset", 0.0, 9_007_199_254_740_991.0)?
                        .min(MAX_OFFSET as f64) as usize
                }
                ("fuzzy", Json::Bool(b)) => opts.fuzzy = *b,
                ("filters", f) => opts.filters = Filters::from_json(f)?,
                ("limit" | "offset", other) => {
                    return Err(Error::type_error(format!(
                        "{key} must be a number, got {}",
                        other.type_name()
                    )));
                }
                ("fuzzy", other) => {
                    return Err(Error::type_error(format!(
                        "fuzzy must be a boolean, got {}",
                        other.type_name()
                    )));
                }
                _ => {
                    return Err(Error::type_error(format!(
                        "unknown option `{key}`; known options: {}",
                        OPTION_KEYS.join(", ")
                    )));
                }
            }
        }
        Ok(opts)
    }
}

/// A filter value as the facet value it selects. Numbers are written as JavaScript's `String()`
/// writes them, as `Index.fromRecords` writes a record's numeric facet values (`4.5` selects
/// `"4.5"`), and booleans as `"true"`/`"false"`.
fn filter_value(v: &Json, key: &str) -> Result<String, Error> {
    match v {
        Json::Str(s) => Ok(s.clone()),
        Json::Num(x) if x.is_finite() => Ok(number_text(*x)),
        Json::Num(x) => Err(Error::range_error(format!(
            "filters.{key} must be a finite number, got {}",
            number_text(*x)
        ))),
        Json::Bool(b) => Ok(b.to_string()),
        other => Err(Error::type_error(format!(
            "filters.{key} must be a string, a number, a boolean or an array of them, got {}",
            other.type_name()
        ))),
    }
}

impl Filters {
    /// Reads `{ field: value | [values], yearFrom?, yearTo? }`; `null`/`undefined` is no
    /// filter. Field names are checked against an index later, by the search.
    pub fn from_json(v: &Json) -> Result<Filters, Error> {
        let mut f = Filters::default();
        let map = match v {
            Json::Null => return Ok(f),
            Json::Map(m) => m,
            other => {
                return Err(Error::type_error(format!(
                    "filters must be a plain object like {{ theme: ['refugee-protection'], yearFrom: 1950 }}, got {}",
                    other.type_name()
                )));
            }
        };
        for (key, value) in map {
            match (key.as_str(), value) {
                (_, Json::Null) => {}
                ("yearFrom" | "yearTo", Json::Num(x)) => {
                    let y = integer(*x, &format!("filters.{key}"), 0.0, 9999.0)? as i64;
                    if key == "yearFrom" {
                        f.year_from = Some(y);
                    } else {
                        f.year_to = Some(y);
                    }
                }
                ("yearFrom" | "yearTo", other) => {
                    return Err(Error::type_error(format!(
                        "filters.{key} must be a number (a year), got {}",
                        other.type_name()
                    )));
                }
                (_, Json::List(items)) => {
                    if items.len() > MAX_FILTER_VALUES {
                        return Err(Error::range_error(format!(
                            "filters.{key} lists {} values; the limit is {MAX_FILTER_VALUES}",
                            list_length(items.len())
                        )));
                    }
                    let values = items
                        .iter()
                        .map(|i| filter_value(i, key))
                        .collect::<Result<Vec<_>, _>>()?;
                    f.fields.push((key.clone(), values));
                }
                (_, one) => f.fields.push((key.clone(), vec![filter_value(one, key)?])),
            }
        }
        Ok(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Code, JsClass};

    fn map(pairs: &[(&str, Json)]) -> Json {
        Json::object(pairs)
    }

    #[test]
    fn valid_options_are_read_with_defaults_for_what_is_missing() {
        assert_eq!(
            SearchOptions::from_json(&Json::Null).unwrap(),
            SearchOptions::default()
        );
        let o = SearchOptions::from_json(&map(&[
            ("limit", Json::Num(100.0)),
            ("offset", Json::Num(20.0)),
            ("fuzzy", Json::Bool(false)),
            (
                "filters",
                map(&[
                    (
                        "theme",
                        Json::List(vec![Json::Str("a".into()), Json::Str("b".into())]),
                    ),
                    ("gcmObjective", Json::Num(14.0)),
                    ("yearFrom", Json::Num(1950.0)),
                    ("kind", Json::Null),
                ]),
            ),
        ]))
        .unwrap();
        assert_eq!((o.limit, o.offset, o.fuzzy), (100, 20, false));
        assert_eq!(
            o.filters.fields,
            [
                ("theme".to_string(), vec!["a".to_string(), "b".to_string()]),
                ("gcmObjective".to_string(), vec!["14".to_string()])
            ]
        );
        assert_eq!(o.filters.year_from, Some(1950));
        let o = SearchOptions::from_json(&map(&[(
            "filters",
            map(&[(
                "rating",
                Json::List(vec![
                    Json::Num(4.5),
                    Json::Num(-0.0),
                    Json::Num(1e21),
                    Json::Bool(true),
                ]),
            )]),
        )]))
        .unwrap();
        assert_eq!(
            o.filters.fields,
            [(
                "rating".to_string(),
                vec!["4.5", "0", "1e+21", "true"]
                    .into_iter()
                    .map(String::from)
                    .collect::<Vec<_>>()
            )],
            "numbers select the facet values Index.fromRecords writes for them"
        );
    }

    fn values(n: usize) -> Json {
        Json::List((0..n).map(|i| Json::Str(format!("v{i}"))).collect())
    }

    #[test]
    fn hostile_options_fail_with_invalid_argument_naming_the_key() {
        let table: Vec<(Json, JsClass, &str)> = vec![
            (
                Json::Str("x".into()),
                JsClass::TypeError,
                "options must be a plain object",
            ),
            (
                Json::List(vec![]),
                JsClass::TypeError,
                "options must be a plain object",
            ),
            (
                map(&[("limt", Json::Num(1.0))]),
                JsClass::TypeError,
                "unknown option `limt`",
            ),
            (
                map(&[("limit", Json::Num(0.0))]),
                JsClass::RangeError,
                "limit must be an integer from 1 to 100",
            ),
            (
                map(&[("limit", Json::Num(101.0))]),
                JsClass::RangeError,
                "limit",
            ),
            (
                map(&[("limit", Json::Num(2.5))]),
                JsClass::RangeError,
                "limit",
            ),
            (
                map(&[("limit", Json::Num(f64::NAN))]),
                JsClass::RangeError,
                "limit",
            ),
            (
                map(&[("limit", Json::Num(f64::INFINITY))]),
                JsClass::RangeError,
                "limit",
            ),
            (
                map(&[("limit", Json::Str("10".into()))]),
                JsClass::TypeError,
                "limit must be a number",
            ),
            (
                map(&[("offset", Json::Num(-1.0))]),
                JsClass::RangeError,
                "offset",
            ),
            (
                map(&[("offset", Json::Num(0.5))]),
                JsClass::RangeError,
                "offset",
            ),
            (
                map(&[("offset", Json::Num(9_007_199_254_740_992.0))]),
                JsClass::RangeError,
                "offset must be an integer of at least 0",
            ),
            (
                map(&[("fuzzy", Json::Num(1.0))]),
                JsClass::TypeError,
                "fuzzy must be a boolean",
            ),
            (
                map(&[("filters", Json::Str("x".into()))]),
                JsClass::TypeError,
                "filters must be a plain object",
            ),
            (
                map(&[("filters", map(&[("kind", values(MAX_FILTER_VALUES + 1))]))]),
                JsClass::RangeError,
                "filters.kind lists 1025 values; the limit is 1024",
            ),
            // Longer than the wasm layer reads of a JavaScript array: not miscounted.
            (
                map(&[("filters", map(&[("kind", values(2049))]))]),
                JsClass::RangeError,
                "filters.kind lists more than 2048 values",
            ),
            (
                map(&[(
                    "filters",
                    map(&[("yearFrom", Json::Num(f64::NEG_INFINITY))]),
                )]),
                JsClass::RangeError,
                "filters.yearFrom",
            ),
            (
                map(&[("filters", map(&[("yearFrom", Json::Num(-5.0))]))]),
                JsClass::RangeError,
                "filters.yearFrom must be an integer from 0 to 9999",
            ),
            (
                map(&[("filters", map(&[("yearTo", Json::Num(10_000.0))]))]),
                JsClass::RangeError,
                "filters.yearTo must be an integer from 0 to 9999",
            ),
            (
                map(&[("filters", map(&[("yearTo", Json::Str("1990".into()))]))]),
                JsClass::TypeError,
                "filters.yearTo",
            ),
            (
                map(&[("filters", map(&[("theme", map(&[]))]))]),
                JsClass::TypeError,
                "filters.theme",
            ),
            (
                map(&[(
                    "filters",
                    map(&[("theme", Json::List(vec![Json::Num(f64::NAN)]))]),
                )]),
                JsClass::RangeError,
                "filters.theme must be a finite number, got NaN",
            ),
            (
                map(&[("filters", map(&[("year", Json::Num(f64::INFINITY))]))]),
                JsClass::RangeError,
                "filters.year must be a finite number, got Infinity",
            ),
        ];
        for (v, class, want) in table {
            let err = SearchOptions::from_json(&v).unwrap_err();
            assert_eq!(
                (err.code, err.class),
                (Code::InvalidArgument, class),
                "{v:?}"
            );
            assert!(
                err.message.contains(want),
                "{:?} should contain {want:?}",
                err.message
            );
        }
    }
}
