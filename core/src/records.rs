//! Records a website brings (`Index.fromRecords(records, schema)`): JSON-like values checked
//! against a schema and turned into [`Document`]s. Every problem is a typed error naming the
//! offending record by position and id.
//!
//! Schema (`INVALID_ARGUMENT` when malformed):
//!
//! ```text
//! { id?: "id", title?: "title", fields: { name: { boost?: number } , ... } | ["name", ...],
//!   facets?: ["name", ...], store?: ["name", ...] }
//! ```
//!
//! Every key may be a dotted path into nested objects (see [`Json::get`]).
//!
//! - `id`: key of the record id (default `"id"`); the value is a non-empty string or a safe
//!   integer (hit ids are strings).
//! - `title`: key of the hit title (default `"title"`; a string or a number; may be absent
//!   from a record).
//! - `fields`: searchable text fields with optional boosts (default 1, above 0 and at most
//!   1000; an array of names gives each field boost 1; a boost below [`MIN_BOOST`] counts as
//!   [`MIN_BOOST`], so no field is switched off); values
//!   are strings, finite numbers (as JavaScript's `String()` writes them) or arrays of at most
//!   [`MAX_TEXT_ITEMS`] of them (one item per line; `null` items are skipped), or absent /
//!   `null`. When records are given, at least one must hold a value in one of the fields
//!   (`INVALID_ARGUMENT` otherwise, naming the first record's keys: a misspelt key; see
//!   [`index`]).
//! - `facets`: fields to filter and count on; values are strings, numbers, booleans or arrays
//!   of them. A facet named `year` with integer values also enables `yearFrom` / `yearTo` (a
//!   record with several years passes when any of them is in the range); its integer values
//!   must be years from [`MIN_YEAR`] to [`MAX_YEAR`] (others, `"1990s"`, are values no year
//!   range selects).
//! - `store`: extra fields copied onto hits (strings, numbers, booleans, arrays of strings).
//!
//! Limits (`INVALID_RECORDS`, `RangeError`; constants in [`crate::limits`]): at most
//! [`MAX_RECORDS`] records, [`MAX_TEXT_BYTES`] bytes of text in all, [`MAX_VALUE_BYTES`] bytes in
//! one value, [`MAX_ID_BYTES`] bytes in an id, [`MAX_LIST_VALUES`] values in one facet or
//! stored list, [`MAX_RECORD_WORDS`] words across the searchable fields of one record.

use crate::document::{Document, FacetEntry, TextField, Value};
use crate::error::{Code, Error, JsClass};
use crate::limits::list_length;

pub use crate::limits::{
    MAX_ID_BYTES, MAX_KEY_PATH_PARTS, MAX_RECORD_WORDS, MAX_RECORDS, MAX_TEXT_ITEMS,
};
/// Most bytes of text (all strings of all records) in one index.
pub const MAX_TEXT_BYTES: usize = crate::limits::MAX_RECORDS_BYTES;
/// Most bytes in one string value.
pub const MAX_VALUE_BYTES: usize = crate::limits::MAX_FIELD_BYTES;
/// Most values in one facet or stored list.
pub const MAX_LIST_VALUES: usize = 256;
/// Most text fields in a schema.
pub const MAX_SCHEMA_FIELDS: usize = crate::search::index::MAX_FIELDS;
/// Most facet or stored fields in a schema.
pub const MAX_SCHEMA_FACETS: usize = 32;
/// Largest field boost.
pub const MAX_BOOST: f64 = 1000.0;
/// Smallest field boost: a smaller positive boost counts as this one. Boosts are kept as `f32`,
/// where 1e-45 is 0 and would switch the field off; from this one up, the smallest score a
/// match can get (one occurrence in a field of [`MAX_RECORD_WORDS`] words among
/// [`MAX_RECORDS`] records that all hold the word: about 3e-40) is still above 0 in `f32`.
pub const MIN_BOOST: f64 = 1e-30;
/// Most keys of the first record named when no record holds any of the schema's fields
/// (see [`index_naming_keys`]).
pub const KEYS_NAMED: usize = 8;
/// Hit keys that a facet or stored field may not use.
pub const RESERVED_KEYS: [&str; 7] = [
    "id",
    "kind",
    "title",
    "score",
    "snippet",
    "highlights",
    "titleHighlights",
];

/// A JSON-like value, as read from JavaScript or JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null` or `undefined`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number (possibly NaN or infinite: checked where used).
    Num(f64),
    /// A string.
    Str(String),
    /// An array.
    List(Vec<Json>),
    /// An object's own enumerable string-keyed properties, in order.
    Map(Vec<(String, Json)>),
    /// Any other value (function, symbol, bigint, too deeply nested ...), described.
    Other(String),
}

impl Json {
    /// A string value.
    pub fn str(s: &str) -> Json {
        Json::Str(s.to_string())
    }

    /// An object with these properties, in order.
    pub fn object(pairs: &[(&str, Json)]) -> Json {
        Json::Map(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }

    /// A short description of the value's type for messages ("a string", "an array", ...).
    pub fn type_name(&self) -> &str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Num(_) => "a number",
            Json::Str(_) => "a string",
            Json::List(_) => "an array",
            Json::Map(_) => "an object",
            Json::Other(s) => s,
        }
    }
    /// The value of `key` in a map (`None` for other values or a missing key). A key the map
    /// lacks that has dots is a path through nested maps: `"meta.title"` is the `title` of the
    /// map under `meta`. The first part the map has is followed (a key holding dots itself,
    /// `"a.b"`, is found whole first); a key of more than [`MAX_KEY_PATH_PARTS`] parts is
    /// only ever a whole key.
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.get_within(key, MAX_KEY_PATH_PARTS)
    }

    fn get_within(&self, key: &str, parts: usize) -> Option<&Json> {
        let Json::Map(m) = self else {
            return None;
        };
        let find = |k: &str| m.iter().position(|(x, _)| x == k);
        if let Some(at) = find(key) {
            return Some(&m[at].1);
        }
        let (at, rest) = path_step(key, parts, find)?;
        m[at].1.get_within(rest, parts - 1)
    }

    /// [`Json::get`], for changing the value.
    fn get_mut_within(&mut self, key: &str, parts: usize) -> Option<&mut Json> {
        let Json::Map(m) = self else {
            return None;
        };
        let find = |k: &str| m.iter().position(|(x, _)| x == k);
        if let Some(at) = find(key) {
            return Some(&mut m[at].1);
        }
        let (at, rest) = path_step(key, parts, find)?;
        m[at].1.get_mut_within(rest, parts - 1)
    }

    /// Moves the string value of `key` ([`Json::get`]) out of a map (leaving an empty
    /// string), if it is a string.
    pub fn take_str(&mut self, key: &str) -> Option<String> {
        match self.get_mut_within(key, MAX_KEY_PATH_PARTS)? {
            Json::Str(s) => Some(std::mem::take(s)),
            _ => None,
        }
    }
}

/// The first step of dotted key `key` ([`Json::get`]) in a map where `find` gives the position
/// of a key: the position of the first part found, and the rest of the key; `None` when the
/// key has no dot, no part is found, or it has more than `parts` parts.
fn path_step(
    key: &str,
    parts: usize,
    find: impl Fn(&str) -> Option<usize>,
) -> Option<(usize, &str)> {
    // A key of more parts than may be followed is only ever a key of its own (and tries no
    // split points: a hostile key of a million dots costs one look-up).
    if key.bytes().filter(|&b| b == b'.').count() >= parts {
        return None;
    }
    key.match_indices('.')
        .find_map(|(i, _)| find(&key[..i]).map(|at| (at, &key[i + 1..])))
}

/// How records map to documents (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    /// Key of the id.
    pub id: String,
    /// Key of the title.
    pub title: String,
    /// Searchable fields and their boosts.
    pub fields: Vec<(String, f32)>,
    /// Facet fields.
    pub facets: Vec<String>,
    /// Fields copied onto hits.
    pub store: Vec<String>,
}

fn schema_error(message: String) -> Error {
    Error::type_error(format!("schema: {message}"))
}

fn name_list(v: Option<&Json>, what: &str) -> Result<Vec<String>, Error> {
    let items = match v {
        None | Some(Json::Null) => return Ok(Vec::new()),
        Some(Json::List(items)) => items,
        Some(other) => {
            return Err(schema_error(format!(
                "`{what}` must be an array of field names, got {}",
                other.type_name()
            )));
        }
    };
    if items.len() > MAX_SCHEMA_FACETS {
        return Err(Error::range_error(format!(
            "schema: `{what}` lists {} fields; the limit is {MAX_SCHEMA_FACETS}",
            list_length(items.len())
        )));
    }
    let mut out: Vec<String> = Vec::new();
    for item in items {
        let Json::Str(s) = item else {
            return Err(schema_error(format!(
                "`{what}` must list field names (strings), found {}",
                item.type_name()
            )));
        };
        if s.is_empty() || RESERVED_KEYS.contains(&s.as_str()) {
            return Err(schema_error(format!(
                "`{what}` may not use the name {s:?} (reserved hit keys: {})",
                RESERVED_KEYS.join(", ")
            )));
        }
        if out.contains(s) {
            return Err(schema_error(format!("`{what}` lists {s:?} twice")));
        }
        out.push(s.clone());
    }
    Ok(out)
}

/// The searchable fields of `fields: ["title", "body"]`, each with no options (boost 1): the
/// object form's pairs, so that both forms pass the same checks. The caller checks the length
/// first.
fn field_names(items: &[Json]) -> Result<Vec<(String, Json)>, Error> {
    let mut out: Vec<(String, Json)> = Vec::with_capacity(items.len());
    for item in items {
        let Json::Str(name) = item else {
            return Err(schema_error(format!(
                "`fields` as an array must list field names (strings), found {}",
                item.type_name()
            )));
        };
        if out.iter().any(|(n, _)| n == name) {
            return Err(schema_error(format!("`fields` lists {name:?} twice")));
        }
        out.push((name.clone(), Json::Null));
    }
    Ok(out)
}

/// Refuses a schema of more than [`MAX_SCHEMA_FIELDS`] searchable fields (`RangeError`).
fn check_field_count(count: usize) -> Result<(), Error> {
    if count > MAX_SCHEMA_FIELDS {
        return Err(Error::range_error(format!(
            "schema: `fields` has {} fields; the limit is {MAX_SCHEMA_FIELDS}",
            list_length(count)
        )));
    }
    Ok(())
}

impl Schema {
    /// Reads and checks a schema.
    pub fn from_json(v: &Json) -> Result<Schema, Error> {
        let Json::Map(map) = v else {
            return Err(schema_error(format!(
                "must be a plain object like {{ id: 'id', title: 'title', fields: {{ body: {{}} }} }}, got {}",
                v.type_name()
            )));
        };
        for (k, _) in map {
            if !["id", "title", "fields", "facets", "store"].contains(&k.as_str()) {
                return Err(schema_error(format!(
                    "unknown key `{k}`; known keys: id, title, fields, facets, store"
                )));
            }
        }
        let key = |name: &str, default: &str| -> Result<String, Error> {
            match v.get(name) {
                None | Some(Json::Null) => Ok(default.to_string()),
                Some(Json::Str(s)) if !s.is_empty() => Ok(s.clone()),
                Some(other) => Err(schema_error(format!(
                    "`{name}` must be a non-empty field name, got {}",
                    other.type_name()
                ))),
            }
        };
        let id = key("id", "id")?;
        let title = key("title", "title")?;
        let listed: Vec<(String, Json)>;
        let specs = match v.get("fields") {
            Some(Json::Map(specs)) => specs,
            // The short form: every field listed at boost 1.
            Some(Json::List(names)) => {
                check_field_count(names.len())?;
                listed = field_names(names)?;
                &listed
            }
            other => {
                return Err(schema_error(format!(
                    "`fields` must be a plain object of searchable fields, e.g. {{ title: {{ boost: 2 }}, body: {{}} }}, or an array of their names, got {}",
                    other.map_or("nothing", Json::type_name)
                )));
            }
        };
        if specs.is_empty() {
            return Err(schema_error("`fields` must name at least one field".into()));
        }
        check_field_count(specs.len())?;
        let mut fields = Vec::new();
        for (name, spec) in specs {
            if name.is_empty() {
                return Err(schema_error("`fields` has an empty field name".into()));
            }
            let boost = match spec {
                Json::Null => 1.0,
                Json::Map(opts) => {
                    let mut boost = 1.0;
                    for (k, b) in opts {
                        match (k.as_str(), b) {
                            ("boost", Json::Null) => {}
                            ("boost", Json::Num(b))
                                if b.is_finite() && *b > 0.0 && *b <= MAX_BOOST =>
                            {
                                boost = b.max(MIN_BOOST) as f32
                            }
                            ("boost", Json::Num(b)) => {
                                return Err(Error::range_error(format!(
                                    "schema: fields.{name}.boost must be a number above 0 and at most {}, got {}",
                                    number_text(MAX_BOOST),
                                    number_text(*b)
                                )));
                            }
                            ("boost", other) => {
                                return Err(schema_error(format!(
                                    "fields.{name}.boost must be a number, got {}",
                                    other.type_name()
                                )));
                            }
                            (k, _) => {
                                return Err(schema_error(format!(
                                    "unknown key `{k}` in fields.{name}; known keys: boost"
                                )));
                            }
                        }
                    }
                    boost
                }
                other => {
                    return Err(schema_error(format!(
                        "fields.{name} must be a plain object like {{ boost: 2 }}, got {}",
                        other.type_name()
                    )));
                }
            };
            fields.push((name.clone(), boost));
        }
        let facets = name_list(v.get("facets"), "facets")?;
        let store = name_list(v.get("store"), "store")?;
        Ok(Schema {
            id,
            title,
            fields,
            facets,
            store,
        })
    }

    /// How many roles (id, title, field, facet, stored field) the record key `key` plays.
    pub fn uses(&self, key: &str) -> usize {
        usize::from(self.id == key)
            + usize::from(self.title == key)
            + self.fields.iter().filter(|(f, _)| f == key).count()
            + self.facets.iter().filter(|f| *f == key).count()
            + self.store.iter().filter(|f| *f == key).count()
    }

    /// Every record key the schema reads (so a caller can copy only those).
    pub fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = vec![self.id.as_str(), self.title.as_str()];
        keys.extend(self.fields.iter().map(|(f, _)| f.as_str()));
        keys.extend(self.facets.iter().map(String::as_str));
        keys.extend(self.store.iter().map(String::as_str));
        let mut seen = Vec::new();
        keys.retain(|k| {
            let new = !seen.contains(k);
            seen.push(*k);
            new
        });
        keys
    }
}

fn records_error(class: JsClass, message: String) -> Error {
    Error::new(Code::InvalidRecords, class, message)
}

struct Ctx<'a> {
    n: usize,
    id: Option<&'a str>,
}

impl Ctx<'_> {
    fn name(&self) -> String {
        match self.id {
            Some(id) => format!("record {} (id {id:?})", self.n),
            None => format!("record {}", self.n),
        }
    }
    fn type_err(&self, message: String) -> Error {
        records_error(JsClass::TypeError, format!("{}: {message}", self.name()))
    }
    fn range_err(&self, message: String) -> Error {
        records_error(JsClass::RangeError, format!("{}: {message}", self.name()))
    }
}

fn scalar_text(v: &Json) -> Option<String> {
    match v {
        Json::Str(s) => Some(s.clone()),
        Json::Num(x) if x.is_finite() => Some(number_text(*x)),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

use crate::search::json::number_text;

/// Why an array is not a field's text.
enum ListProblem {
    /// An item of this type (neither a string, a finite number nor `null`).
    Item(String),
    /// Longer than [`MAX_VALUE_BYTES`] (counting at least one byte per item).
    TooLong,
    /// More than [`MAX_TEXT_ITEMS`] items.
    TooMany,
}

/// What a value is, for messages: [`Json::type_name`], naming non-finite numbers.
fn value_kind(v: &Json) -> &str {
    match v {
        Json::Num(x) if !x.is_finite() => "a number that is not finite",
        other => other.type_name(),
    }
}

/// The text of a field given as an array: its strings and numbers, one per line (`null`s are
/// skipped). Every item counts at least one byte, so that no array goes unbounded.
fn list_text(items: &[Json]) -> Result<String, ListProblem> {
    if items.len() > MAX_TEXT_ITEMS {
        return Err(ListProblem::TooMany);
    }
    let mut out = String::new();
    let mut counted = 0usize;
    for item in items {
        let piece = match item {
            Json::Null => None,
            Json::Str(s) => Some(s.as_str()),
            Json::Num(x) if x.is_finite() => Some(&*number_text(*x)),
            other => return Err(ListProblem::Item(value_kind(other).to_string())),
        };
        counted += piece.map_or(1, |p| p.len().max(1));
        if counted > MAX_VALUE_BYTES {
            return Err(ListProblem::TooLong);
        }
        let Some(piece) = piece else { continue };
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(piece);
    }
    Ok(out)
}

/// Turns checked records into documents (kind `"record"`), in order. Each record must be a
/// map holding (at least) the schema's keys; other keys are ignored. Text is moved, not
/// copied, out of the records.
pub fn documents(records: Vec<Json>, schema: &Schema) -> Result<Vec<Document>, Error> {
    if records.len() > MAX_RECORDS {
        return Err(records_error(
            JsClass::RangeError,
            format!(
                "{} records given; the limit is {MAX_RECORDS}",
                records.len()
            ),
        ));
    }
    let mut docs = Vec::with_capacity(records.len());
    // The ids seen so far, numbered in order: records stop at the first repeated id, so an
    // id's number is the record it came from. (The index's own interner: no hash map code
    // in the wasm for this alone.)
    let mut seen = crate::search::index::Interner::new();
    let mut total_bytes = 0usize;
    for (n, mut r) in records.into_iter().enumerate() {
        let mut ctx = Ctx { n, id: None };
        if !matches!(r, Json::Map(_)) {
            return Err(ctx.type_err(format!("must be an object, got {}", r.type_name())));
        }
        let id = match r.get(&schema.id) {
            Some(Json::Str(s)) if !s.is_empty() => s.clone(),
            Some(Json::Num(x))
                if x.is_finite() && x.fract() == 0.0 && x.abs() <= 9.007_199_254_740_991e15 =>
            {
                number_text(*x)
            }
            None | Some(Json::Null) => {
                return Err(ctx.type_err(format!("has no id (key `{}`)", schema.id)));
            }
            Some(other) => {
                return Err(ctx.type_err(format!(
                    "id `{}` must be a non-empty string or an integer, got {}",
                    schema.id,
                    match other {
                        Json::Str(_) => "an empty string",
                        Json::Num(_) => "a number that is not a safe integer",
                        o => o.type_name(),
                    }
                )));
            }
        };
        if id.len() > MAX_ID_BYTES {
            return Err(ctx.range_err(format!(
                "id is {} bytes long; the limit is {MAX_ID_BYTES}",
                id.len()
            )));
        }
        let first = seen.intern(&id) as usize;
        if first < n {
            return Err(records_error(
                JsClass::TypeError,
                format!("record {n} repeats the id {id:?} of record {first}"),
            ));
        }
        ctx.id = Some(&id);
        let mut bytes = id.len();
        let mut text_of = |r: &mut Json, key: &str, what: &str| -> Result<Option<String>, Error> {
            let text = match r.get(key) {
                None | Some(Json::Null) => return Ok(None),
                // A key serving twice (e.g. title and a field) is copied, else moved.
                Some(Json::Str(s)) if schema.uses(key) > 1 => s.clone(),
                Some(Json::Str(_)) => r.take_str(key).unwrap_or_default(),
                Some(Json::Num(x)) if x.is_finite() => number_text(*x),
                Some(Json::List(items)) if what == "field" => match list_text(items) {
                    Ok(text) => text,
                    Err(ListProblem::Item(got)) => {
                        return Err(ctx.type_err(format!(
                            "field `{key}` must be a string, a number or an array of them, got an array holding {got}"
                        )));
                    }
                    Err(ListProblem::TooMany) => {
                        return Err(ctx.range_err(format!(
                            "field `{key}` has more than {MAX_TEXT_ITEMS} items, the limit"
                        )));
                    }
                    Err(ListProblem::TooLong) => {
                        return Err(ctx.range_err(format!(
                            "field `{key}` holds more than {MAX_VALUE_BYTES} bytes of text, the limit"
                        )));
                    }
                },
                Some(other) => {
                    return Err(ctx.type_err(format!(
                        "{what} `{key}` must be {}, got {}",
                        if what == "field" {
                            "a string, a number or an array of them"
                        } else {
                            "a string or a number"
                        },
                        value_kind(other)
                    )));
                }
            };
            if text.len() > MAX_VALUE_BYTES {
                return Err(ctx.range_err(format!(
                    "{what} `{key}` is {} bytes long; the limit is {MAX_VALUE_BYTES}",
                    text.len()
                )));
            }
            bytes += text.len();
            Ok(Some(text))
        };
        let title = text_of(&mut r, &schema.title, "title")?.unwrap_or_default();
        let mut fields = Vec::new();
        for (name, boost) in &schema.fields {
            if let Some(text) = text_of(&mut r, name, "field")? {
                fields.push(TextField {
                    name: name.clone(),
                    boost: *boost,
                    text,
                });
            }
        }
        let mut facets = Vec::new();
        let mut summary = Vec::new();
        let mut year = None;
        for name in &schema.facets {
            let values = list_values(r.get(name), name, "facet", &ctx)?;
            for v in &values {
                bytes += v.len();
                if !facets
                    .iter()
                    .any(|f: &FacetEntry| f.field == *name && f.value == *v)
                {
                    facets.push(FacetEntry {
                        field: name.clone(),
                        value: v.clone(),
                        label: v.clone(),
                    });
                }
            }
            if name == "year" {
                for v in &values {
                    match year_of(v) {
                        YearValue::Year(y) => {
                            year.get_or_insert(y);
                        }
                        YearValue::NotAYear => {}
                        YearValue::OutOfRange => {
                            return Err(ctx.range_err(format!(
                                "facet `year` holds {v}, outside the years yearFrom and yearTo can select \
                                 ({MIN_YEAR} to {MAX_YEAR}); give such a year another facet name"
                            )));
                        }
                    }
                }
            }
            match (r.get(name), values.len()) {
                (_, 0) => {}
                (Some(Json::List(_)), _) => summary.push((name.clone(), Value::List(values))),
                (Some(Json::Num(x)), _) => summary.push((name.clone(), Value::Num(*x))),
                (Some(Json::Bool(b)), _) => summary.push((name.clone(), Value::Bool(*b))),
                (_, _) => summary.push((name.clone(), Value::Str(values[0].clone()))),
            }
        }
        for name in &schema.store {
            if schema.facets.contains(name) {
                continue;
            }
            match r.get(name) {
                None | Some(Json::Null) => {}
                Some(Json::Str(s)) => {
                    if s.len() > MAX_VALUE_BYTES {
                        return Err(ctx.range_err(format!(
                            "stored field `{name}` is {} bytes long; the limit is {MAX_VALUE_BYTES}",
                            s.len()
                        )));
                    }
                    bytes += s.len();
                    summary.push((name.clone(), Value::Str(s.clone())));
                }
                Some(Json::Num(x)) if x.is_finite() => summary.push((name.clone(), Value::Num(*x))),
                Some(Json::Bool(b)) => summary.push((name.clone(), Value::Bool(*b))),
                Some(v @ Json::List(_)) => {
                    let values = list_values(Some(v), name, "stored field", &ctx)?;
                    bytes += values.iter().map(String::len).sum::<usize>();
                    summary.push((name.clone(), Value::List(values)));
                }
                Some(other) => {
                    return Err(ctx.type_err(format!(
                        "stored field `{name}` must be a string, number, boolean or array, got {}",
                        other.type_name()
                    )));
                }
            }
        }
        total_bytes += bytes;
        if total_bytes > MAX_TEXT_BYTES {
            return Err(ctx.range_err(format!(
                "the records hold more than {MAX_TEXT_BYTES} bytes of text (the limit)"
            )));
        }
        docs.push(Document {
            id,
            kind: "record".into(),
            title,
            fields,
            facets,
            year,
            summary,
            short: Vec::new(),
        });
    }
    Ok(docs)
}

/// Refuses `docs` (made by [`documents`]) when there are some and none holds a value in any
/// of the schema's text fields: a misspelt key, or records of another shape, would give an
/// index that finds nothing. `first_keys` gives the first record's keys, named in the message
/// (read only then).
fn check_fields_held(
    docs: &[Document],
    schema: &Schema,
    first_keys: impl FnOnce() -> Vec<String>,
) -> Result<(), Error> {
    /// Most characters shown of one key.
    const KEY_CHARS_SHOWN: usize = 40;
    if docs.is_empty() || docs.iter().any(|d| !d.fields.is_empty()) {
        return Ok(());
    }
    let quoted = |k: &str| {
        let mut key: String = k.chars().take(KEY_CHARS_SHOWN).collect();
        if key.len() < k.len() {
            key.push('…');
        }
        format!("`{key}`")
    };
    let fields: Vec<String> = schema.fields.iter().map(|f| quoted(&f.0)).collect();
    let first_keys = first_keys();
    let mut keys: Vec<String> = first_keys
        .iter()
        .take(KEYS_NAMED)
        .map(|k| quoted(k))
        .collect();
    if first_keys.len() > KEYS_NAMED {
        keys.push("and more".into());
    }
    Err(schema_error(format!(
        "no record (of {}) has a value in any of the fields {} (the first record's keys: {}); \
         is a key misspelt?",
        docs.len(),
        fields.join(", "),
        if keys.is_empty() {
            "none".to_string()
        } else {
            keys.join(", ")
        }
    )))
}

/// Builds a search index over `records` described by `schema` (a JSON-like value, see the
/// module docs): the whole of `Index.fromRecords`.
pub fn index(records: Vec<Json>, schema: &Json) -> Result<crate::search::Index, Error> {
    let first_keys: Vec<String> = match records.first() {
        Some(Json::Map(pairs)) => pairs.iter().map(|(k, _)| k.clone()).collect(),
        _ => Vec::new(),
    };
    index_naming_keys(records, schema, || first_keys)
}

/// [`index`] for records read with only the keys the schema names (as the wasm reads
/// JavaScript objects): `first_keys` gives the first record's own keys, called only to name
/// them when no record holds any of the schema's fields (the first [`KEYS_NAMED`] are named;
/// one more says there are more).
pub fn index_naming_keys(
    records: Vec<Json>,
    schema: &Json,
    first_keys: impl FnOnce() -> Vec<String>,
) -> Result<crate::search::Index, Error> {
    let schema = Schema::from_json(schema)?;
    let docs = documents(records, &schema)?;
    check_fields_held(&docs, &schema, first_keys)?;
    let facets: Vec<&str> = schema.facets.iter().map(String::as_str).collect();
    let index = crate::search::Index::new(docs, &facets);
    if let Some((n, id)) = index.over_long_document() {
        return Err(Ctx { n, id: Some(id) }.range_err(format!(
            "has more than {MAX_RECORD_WORDS} words across its searchable fields; \
             split it into smaller records"
        )));
    }
    // A website's index is built once and queried many times: no query pays for it later.
    index.warm();
    Ok(index)
}

/// Earliest year a `year` facet value may be (`Document::year` holds 0 to 65535).
pub const MIN_YEAR: u16 = 0;
/// Latest year a `year` facet value may be: the latest `yearTo` (`search::options`).
pub const MAX_YEAR: u16 = 9999;

/// What a value of a `year` facet is to the year range.
enum YearValue {
    /// An integer from [`MIN_YEAR`] to [`MAX_YEAR`].
    Year(u16),
    /// Not an integer (`"1990s"`, `"1990.5"`): a facet value that no year range selects.
    NotAYear,
    /// An integer outside the supported years (`-44`, `20000`).
    OutOfRange,
}

fn year_of(v: &str) -> YearValue {
    let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return YearValue::NotAYear;
    }
    match v.parse::<i64>() {
        Ok(y) if (i64::from(MIN_YEAR)..=i64::from(MAX_YEAR)).contains(&y) => {
            YearValue::Year(y as u16)
        }
        _ => YearValue::OutOfRange,
    }
}

fn list_values(v: Option<&Json>, name: &str, what: &str, ctx: &Ctx) -> Result<Vec<String>, Error> {
    let bad = |got: &Json| {
        ctx.type_err(format!(
            "{what} `{name}` must be a string, number, boolean or an array of them, got {}",
            got.type_name()
        ))
    };
    let check = |s: String| {
        if s.len() > MAX_VALUE_BYTES {
            Err(ctx.range_err(format!("a value of {what} `{name}` is too long")))
        } else {
            Ok(s)
        }
    };
    match v {
        None | Some(Json::Null) => Ok(Vec::new()),
        Some(Json::List(items)) => {
            if items.len() > MAX_LIST_VALUES {
                return Err(ctx.range_err(format!(
                    "{what} `{name}` has {} values; the limit is {MAX_LIST_VALUES}",
                    list_length(items.len())
                )));
            }
            // `null` items are left out, as in text fields (`[tag, undefined]` from a website's
            // optional data is a list of one).
            let mut out = Vec::with_capacity(items.len());
            for item in items.iter().filter(|i| !matches!(i, Json::Null)) {
                out.push(check(scalar_text(item).ok_or_else(|| bad(item))?)?);
            }
            Ok(out)
        }
        Some(x) => Ok(vec![check(scalar_text(x).ok_or_else(|| bad(x))?)?]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Json {
        Json::str(x)
    }
    fn map(pairs: &[(&str, Json)]) -> Json {
        Json::object(pairs)
    }
    fn schema() -> Schema {
        Schema::from_json(&map(&[
            ("id", s("id")),
            ("title", s("title")),
            (
                "fields",
                map(&[
                    ("title", map(&[("boost", Json::Num(2.0))])),
                    ("body", map(&[])),
                ]),
            ),
            ("facets", Json::List(vec![s("lang")])),
        ]))
        .unwrap()
    }

    #[test]
    fn records_become_documents_with_facets_and_boosts() {
        let recs = vec![
            map(&[
                ("id", Json::Num(7.0)),
                ("title", s("Article 1")),
                ("body", s("All human beings")),
                ("lang", s("en")),
            ]),
            map(&[
                ("id", s("x")),
                ("body", s("Tous les êtres")),
                ("lang", Json::List(vec![s("fr"), s("fr-CA")])),
            ]),
        ];
        let docs = documents(recs, &schema()).unwrap();
        assert_eq!(docs[0].id, "7");
        assert_eq!(docs[0].fields.len(), 2);
        assert_eq!(docs[0].fields[0].boost, 2.0);
        assert_eq!(docs[1].title, "");
        assert_eq!(docs[1].facets.len(), 2);
        assert_eq!(
            docs[1].summary[0].1,
            Value::List(vec!["fr".into(), "fr-CA".into()])
        );
    }

    #[test]
    fn text_fields_take_numbers_and_arrays_of_strings_and_numbers_one_item_per_line() {
        let table: Vec<(Json, Option<&str>)> = vec![
            (s("plain"), Some("plain")),
            (Json::Num(1951.0), Some("1951")),
            (Json::Num(0.5), Some("0.5")),
            (
                Json::List(vec![s("first"), Json::Null, Json::Num(2.0), s("third")]),
                Some("first\n2\nthird"),
            ),
            (Json::List(vec![]), Some("")),
            (Json::Null, None),
        ];
        for (body, want) in table {
            let rec = map(&[("id", s("a")), ("title", Json::Num(7.0)), ("body", body)]);
            let docs = documents(vec![rec], &schema()).unwrap();
            let got = docs[0].fields.iter().find(|f| f.name == "body");
            assert_eq!(got.map(|f| f.text.as_str()), want);
            assert_eq!(docs[0].title, "7");
        }
        let refused = |body: Json, says: &str| {
            let rec = map(&[("id", s("a")), ("body", body)]);
            let err = documents(vec![rec], &schema()).unwrap_err();
            assert_eq!(
                (err.code, err.class),
                (Code::InvalidRecords, JsClass::RangeError)
            );
            assert!(err.message.contains(says), "{}", err.message);
        };
        // An array over the item limit is refused, never cut (the wasm layer reads one more).
        refused(
            Json::List(vec![s("w"); MAX_TEXT_ITEMS + 1]),
            "has more than 2048 items",
        );
        let full = Json::List(vec![s("w"); MAX_TEXT_ITEMS]);
        assert!(documents(vec![map(&[("id", s("a")), ("body", full)])], &schema()).is_ok());
        // Items count at least a byte each (here the null), so the text limit holds exactly.
        let half = s(&"x".repeat(MAX_VALUE_BYTES / 2));
        refused(
            Json::List(vec![half.clone(), Json::Null, half]),
            "field `body` holds more than",
        );
    }

    #[test]
    fn malformed_records_fail_with_invalid_records_naming_the_record() {
        let sch = schema();
        let table: Vec<(Vec<Json>, &str)> = vec![
            (vec![map(&[("title", s("t"))])], "record 0: has no id"),
            (
                vec![map(&[("id", s("a"))]), map(&[("id", s("a"))])],
                "record 1 repeats the id \"a\" of record 0",
            ),
            (
                vec![map(&[("id", s("a")), ("body", Json::Bool(true))])],
                "record 0 (id \"a\"): field `body` must be a string, a number or an array of them, got a boolean",
            ),
            (
                vec![map(&[("id", s("a")), ("body", Json::Num(f64::NAN))])],
                "field `body` must be a string, a number or an array of them, got a number that is not finite",
            ),
            (
                vec![map(&[
                    ("id", s("a")),
                    ("body", Json::List(vec![s("ok"), map(&[])])),
                ])],
                "field `body` must be a string, a number or an array of them, got an array holding an object",
            ),
            (
                vec![map(&[
                    ("id", s("a")),
                    ("title", Json::List(vec![s("a title")])),
                ])],
                "title `title` must be a string or a number, got an array",
            ),
            (
                vec![map(&[("id", Json::Num(1.5))])],
                "record 0: id `id` must be a non-empty string or an integer",
            ),
            (vec![map(&[("id", s(""))])], "an empty string"),
            (
                vec![s("not an object")],
                "record 0: must be an object, got a string",
            ),
            (
                vec![map(&[("id", s("a")), ("lang", map(&[]))])],
                "facet `lang` must be a string, number, boolean or an array",
            ),
            (
                vec![map(&[
                    ("id", s("a")),
                    ("title", Json::Other("a function".into())),
                ])],
                "title `title` must be a string or a number, got a function",
            ),
        ];
        for (recs, want) in table {
            let err = documents(recs, &sch).unwrap_err();
            assert_eq!(err.code, Code::InvalidRecords);
            assert!(
                err.message.contains(want),
                "{:?} should contain {want:?}",
                err.message
            );
        }
        let big = vec![map(&[
            ("id", s("a")),
            ("body", s(&"x".repeat(MAX_VALUE_BYTES + 1))),
        ])];
        let err = documents(big, &sch).unwrap_err();
        assert_eq!(
            (err.code, err.class),
            (Code::InvalidRecords, JsClass::RangeError)
        );
    }

    #[test]
    fn a_year_facet_value_outside_0_to_9999_is_refused_naming_the_record() {
        let sch = Schema::from_json(&map(&[
            ("fields", map(&[("body", map(&[]))])),
            ("facets", Json::List(vec![s("year")])),
        ]))
        .unwrap();
        let year = |v: Json| {
            let rec = map(&[("id", s("r")), ("body", s("text")), ("year", v)]);
            documents(vec![map(&[("id", s("first"))]), rec], &sch)
        };
        for bad in [
            Json::Num(-5.0),
            s("-44"),
            Json::Num(10000.0),
            s("+20000"),
            Json::Num(1e20),
            s("99999999999999999999999"),
            Json::List(vec![s("1990"), Json::Num(-1.0)]),
        ] {
            let err = year(bad.clone()).unwrap_err();
            assert_eq!(
                (err.code, err.class),
                (Code::InvalidRecords, JsClass::RangeError),
                "{bad:?}"
            );
            assert!(
                err.message
                    .starts_with("record 1 (id \"r\"): facet `year` holds ")
                    && err.message.contains("0 to 9999"),
                "{}",
                err.message
            );
        }
        let table: Vec<(Json, Option<u16>)> = vec![
            (Json::Num(0.0), Some(0)),
            (Json::Num(9999.0), Some(9999)),
            (s("1951"), Some(1951)),
            (s("0990"), Some(990)),
            (Json::List(vec![s("1990s"), Json::Num(2001.0)]), Some(2001)),
            (s("1990s"), None),
            (Json::Num(1990.5), None),
            (s("-"), None),
            (Json::Bool(true), None),
        ];
        for (v, want) in table {
            assert_eq!(year(v.clone()).unwrap()[1].year, want, "{v:?}");
        }
    }

    #[test]
    fn a_tiny_boost_counts_as_the_smallest_boost_and_never_switches_its_field_off() {
        for tiny in [1e-30, 1e-40, 1e-45, 1e-300, 5e-324] {
            let schema = map(&[(
                "fields",
                map(&[("body", map(&[("boost", Json::Num(tiny))]))]),
            )]);
            let sch = Schema::from_json(&schema).unwrap();
            assert_eq!(sch.fields[0].1, MIN_BOOST as f32, "{tiny:e}");
            assert!(sch.fields[0].1 > 0.0);
            let recs = vec![
                map(&[("id", s("a")), ("body", s("apple"))]),
                map(&[("id", s("b")), ("body", s("pear"))]),
            ];
            let ix = index(recs, &schema).unwrap();
            let r = ix
                .search("apple", &crate::search::SearchOptions::default())
                .unwrap();
            assert_eq!(r.total, 1, "boost {tiny:e}");
            assert_eq!(r.hits[0].id, "a");
        }
        let schema = map(&[("fields", map(&[("b", map(&[("boost", Json::Num(2e-30))]))]))]);
        assert_eq!(Schema::from_json(&schema).unwrap().fields[0].1, 2e-30);
    }

    #[test]
    fn a_schema_whose_fields_no_record_has_fails_naming_the_fields_and_the_records_keys() {
        let rec = |pairs: &[(&str, Json)]| map(pairs);
        let long = "k".repeat(100);
        let table: Vec<(Vec<Json>, &[&str])> = vec![
            // A misspelt field key.
            (
                vec![rec(&[("id", s("1")), ("body", s("text"))])],
                &["no record (of 1)", "`bdoy`", "`id`, `body`", "misspelt"],
            ),
            // Every record holds null there.
            (
                vec![
                    rec(&[("id", s("1")), ("bdoy", Json::Null)]),
                    rec(&[("id", s("2"))]),
                ],
                &["no record (of 2)", "`id`, `bdoy`"],
            ),
            // Long and many keys are cut.
            (
                vec![rec(&[
                    ("id", s("1")),
                    (long.as_str(), s("x")),
                    ("a", s("")),
                    ("b", s("")),
                    ("c", s("")),
                    ("d", s("")),
                    ("e", s("")),
                    ("f", s("")),
                    ("g", s("")),
                ])],
                &[
                    "`kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…`",
                    "`f`, and more",
                ],
            ),
        ];
        let schema = map(&[("fields", map(&[("bdoy", map(&[]))]))]);
        for (records, want) in table {
            let err = index(records, &schema).unwrap_err();
            assert_eq!(
                (err.code, err.class),
                (Code::InvalidArgument, JsClass::TypeError)
            );
            for w in want {
                assert!(err.message.contains(w), "{w:?} in {}", err.message);
            }
        }
        // One record with the field is enough, an empty text too; no records, no error.
        for records in [
            vec![
                rec(&[("id", s("1"))]),
                rec(&[("id", s("2")), ("bdoy", s(""))]),
            ],
            vec![],
        ] {
            assert!(index(records, &schema).is_ok());
        }
    }

    #[test]
    fn fields_listed_by_name_read_as_the_object_form_with_every_boost_1() {
        let listed = map(&[
            (
                "fields",
                Json::List(vec![s("title"), s("body"), s("meta.note")]),
            ),
            ("facets", Json::List(vec![s("lang")])),
        ]);
        let spelled = map(&[
            (
                "fields",
                map(&[
                    ("title", map(&[])),
                    ("body", Json::Null),
                    ("meta.note", map(&[("boost", Json::Num(1.0))])),
                ]),
            ),
            ("facets", Json::List(vec![s("lang")])),
        ]);
        let schema = Schema::from_json(&listed).unwrap();
        assert_eq!(schema, Schema::from_json(&spelled).unwrap());
        assert_eq!(
            schema.fields,
            [
                ("title".into(), 1.0),
                ("body".into(), 1.0),
                ("meta.note".into(), 1.0)
            ]
        );
        // As many names as the object form allows fields, and no more.
        let names = |n: usize| {
            map(&[(
                "fields",
                Json::List((0..n).map(|i| Json::Str(format!("f{i}"))).collect()),
            )])
        };
        assert!(Schema::from_json(&names(MAX_SCHEMA_FIELDS)).is_ok());
        let err = Schema::from_json(&names(MAX_SCHEMA_FIELDS + 1)).unwrap_err();
        assert_eq!(err.class, JsClass::RangeError);
        assert!(
            err.message
                .contains(&format!("has {} fields", MAX_SCHEMA_FIELDS + 1))
        );
        // A JavaScript array longer than the wasm layer reads is "more than" what was read.
        let err = Schema::from_json(&names(MAX_TEXT_ITEMS + 1)).unwrap_err();
        assert!(
            err.message
                .contains(&format!("has more than {MAX_TEXT_ITEMS} fields")),
            "{}",
            err.message
        );
    }

    #[test]
    fn malformed_schemas_fail_with_invalid_argument_naming_the_key() {
        let table: Vec<(Json, &str)> = vec![
            (s("x"), "must be a plain object"),
            (map(&[]), "`fields` must be a plain object"),
            (map(&[("fields", map(&[]))]), "at least one field"),
            (
                map(&[("fields", map(&[("b", map(&[]))])), ("bogus", Json::Null)]),
                "unknown key `bogus`",
            ),
            (
                map(&[(
                    "fields",
                    map(&[("b", map(&[("boost", Json::Num(f64::NAN))]))]),
                )]),
                "fields.b.boost",
            ),
            (
                map(&[("fields", map(&[("b", map(&[("weight", Json::Num(1.0))]))]))]),
                "unknown key `weight` in fields.b",
            ),
            (
                map(&[("fields", map(&[("b", map(&[]))])), ("facets", s("lang"))]),
                "`facets` must be an array",
            ),
            (
                map(&[
                    ("fields", map(&[("b", map(&[]))])),
                    ("facets", Json::List(vec![s("score")])),
                ]),
                "reserved",
            ),
            (
                map(&[("fields", map(&[("b", map(&[]))])), ("id", Json::Num(1.0))]),
                "`id` must be a non-empty field name",
            ),
            (map(&[("fields", s("body"))]), "or an array of their names"),
            (map(&[("fields", Json::List(vec![]))]), "at least one field"),
            (
                map(&[("fields", Json::List(vec![s("b"), Json::Num(1.0)]))]),
                "field names (strings), found a number",
            ),
            (
                map(&[("fields", Json::List(vec![s("b"), s("c"), s("b")]))]),
                "`fields` lists \"b\" twice",
            ),
            (
                map(&[("fields", Json::List(vec![s("b"), s("")]))]),
                "empty field name",
            ),
        ];
        for (v, want) in table {
            let err = Schema::from_json(&v).unwrap_err();
            assert_eq!(err.code, Code::InvalidArgument);
            assert!(
                err.message.contains(want),
                "{:?} should contain {want:?}",
                err.message
            );
        }
    }
}
