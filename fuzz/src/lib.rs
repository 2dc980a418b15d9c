//! Shared set-up of the fuzz targets: the catalog they search, built once per process from a
//! corpus folder (the small fixture by default; `TREATYKIT_FUZZ_CORPUS_DIR` picks another, e.g.
//! `corpus/`), and its encoded bytes, which `corpus_decode` mutates.

use std::path::PathBuf;
use std::sync::OnceLock;
use treatykit_core::catalog::Catalog;
use treatykit_core::format;

/// The corpus folder the targets load.
pub fn corpus_dir() -> PathBuf {
    match std::env::var_os("TREATYKIT_FUZZ_CORPUS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../core/tests/fixtures/mini"
        )),
    }
}

/// The encoded corpus binary of [`corpus_dir`], compiled once.
pub fn corpus_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let dir = corpus_dir();
        let compiled = treatykit_core::authoring::compile_dir(&dir).unwrap_or_else(|problems| {
            let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
            panic!(
                "fuzz corpus {} does not validate:\n{}",
                dir.display(),
                list.join("\n")
            )
        });
        format::encode(&compiled)
    })
}

/// The catalog of [`corpus_dir`], decoded once.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::from_bytes(corpus_bytes()).expect("the fixture decodes"))
}

/// Byte offset where the payload starts in an encoded corpus (magic, version, length).
pub const PAYLOAD_START: usize = 8 + 2 + 4;

/// Wraps `payload` in a valid header and checksum, so that the fuzzer's bytes reach the payload
/// decoder instead of being stopped by the checksum.
pub fn wrap_payload(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(PAYLOAD_START + payload.len() + 4);
    out.extend_from_slice(&format::MAGIC);
    out.extend_from_slice(&format::FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&format::checksum(payload).to_le_bytes());
    out
}

use arbitrary::Arbitrary;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use treatykit_core::document::Document;
use treatykit_core::records::Json;
use treatykit_core::search::compact::Delivered;
use treatykit_core::search::{Filters, Index, SearchOptions, SearchResults};

/// A string the fuzzer picks: mostly one of a table of meaningful words (facet fields, values,
/// schema keys), sometimes anything.
#[derive(Debug, Clone, Arbitrary)]
pub enum ArbStr {
    /// An index into the table.
    Known(u8),
    /// Any string.
    Any(String),
}

impl ArbStr {
    /// The string, resolved against `table`.
    pub fn resolve(&self, table: &[String]) -> String {
        match self {
            ArbStr::Known(i) if !table.is_empty() => table[usize::from(*i) % table.len()].clone(),
            ArbStr::Known(i) => i.to_string(),
            ArbStr::Any(s) => s.clone(),
        }
    }
}

/// A JSON-like value as JavaScript could pass it, before conversion to [`Json`].
#[derive(Debug, Clone, Arbitrary)]
pub enum ArbJson {
    /// `null` / `undefined`.
    Null,
    /// A boolean.
    Bool(bool),
    /// Any number, NaN and infinities included.
    Num(f64),
    /// A small integer (years, counts, limits).
    Int(i16),
    /// A string.
    Str(ArbStr),
    /// An array.
    List(Vec<ArbJson>),
    /// An object (keys de-duplicated on conversion, as in JavaScript).
    Map(Vec<(ArbStr, ArbJson)>),
    /// A value JSON cannot hold (function, symbol, bigint).
    Other,
}

impl ArbJson {
    /// Converts to the core's [`Json`], resolving strings against `table`.
    pub fn to_json(&self, table: &[String]) -> Json {
        match self {
            ArbJson::Null => Json::Null,
            ArbJson::Bool(b) => Json::Bool(*b),
            ArbJson::Num(x) => Json::Num(*x),
            ArbJson::Int(i) => Json::Num(f64::from(*i)),
            ArbJson::Str(s) => Json::Str(s.resolve(table)),
            ArbJson::List(items) => Json::List(items.iter().map(|v| v.to_json(table)).collect()),
            ArbJson::Map(entries) => {
                let mut seen = HashSet::new();
                Json::Map(
                    entries
                        .iter()
                        .map(|(k, v)| (k.resolve(table), v))
                        .filter(|(k, _)| seen.insert(k.clone()))
                        .map(|(k, v)| (k, v.to_json(table)))
                        .collect(),
                )
            }
            ArbJson::Other => Json::Other("a function".into()),
        }
    }
}

/// Facet field names and values of the fixture catalog, plus the filter and option keys: the
/// table that [`ArbStr::Known`] picks from.
pub fn filter_words() -> &'static [String] {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<String> = ["yearFrom", "yearTo", "limit", "offset", "filters", "fuzzy"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for f in &catalog().facet_index().fields {
            words.push(f.name.clone());
            words.extend(f.values.iter().map(|v| v.value.clone()));
        }
        words.extend(
            treatykit_core::corpus_docs::FACET_VALUE_ALIASES
                .iter()
                .map(|(_, alias, _)| alias.to_string()),
        );
        words
    })
}

/// Documents of the fixture catalog by id.
pub fn docs_by_id() -> &'static HashMap<String, Document> {
    static DOCS: OnceLock<HashMap<String, Document>> = OnceLock::new();
    DOCS.get_or_init(|| {
        catalog()
            .documents()
            .iter()
            .map(|d| (d.id.clone(), d.clone()))
            .collect()
    })
}

/// Does `doc` pass `filters`, ignoring the filter of field `except` (the year range belongs to
/// the `year` field)? The brute-force reference of `treatykit_core::reference`.
pub fn passes(doc: &Document, filters: &Filters, except: Option<&str>) -> bool {
    treatykit_core::reference::passes(catalog(), doc, filters, except)
}

/// Checks the hits' own invariants: best first, and every highlight a non-empty, ordered range
/// inside its snippet (or title) that starts and ends on a character boundary (UTF-16 code
/// units).
pub fn check_hits(found: &SearchResults) {
    for pair in found.hits.windows(2) {
        assert!(pair[0].score >= pair[1].score, "hits best first");
    }
    for hit in &found.hits {
        assert!(hit.score.is_finite(), "finite score");
        check_ranges(&hit.snippet, &hit.highlights);
        check_ranges(&hit.title, &hit.title_highlights);
    }
}

fn check_ranges(text: &str, ranges: &[[u32; 2]]) {
    let units: Vec<u16> = text.encode_utf16().collect();
    let boundary = |i: usize| i == units.len() || !(0xDC00..0xE000).contains(&units[i]);
    let mut last_end = 0u32;
    for &[s, e] in ranges {
        assert!(s < e, "empty highlight {s}..{e} in {text:?}");
        assert!(
            e as usize <= units.len(),
            "highlight {s}..{e} past {text:?}"
        );
        assert!(
            boundary(s as usize) && boundary(e as usize),
            "highlight splits a character"
        );
        assert!(s >= last_end, "highlights overlap or are unordered");
        last_end = e;
    }
}

/// A model of `js/answer.js` over `serde_json` values: keeps what compact answers send (the
/// facet table, documents' fixed fields) and assembles answers from them, so targets can check
/// that a compact answer says exactly what [`Index::search_json`] says, over long sequences of
/// answers sharing one cache.
#[derive(Debug, Default)]
pub struct Assembler {
    sent: Delivered,
    table: Vec<(String, Vec<(Value, Value)>)>,
    docs: HashMap<u64, serde_json::Map<String, Value>>,
}

impl Assembler {
    /// The search answer of `index` for `query`, assembled from its compact answer.
    pub fn search(
        &mut self,
        index: &Index,
        query: &str,
        opts: &SearchOptions,
    ) -> Result<Value, treatykit_core::Error> {
        let c = index.search_compact(query, opts, &mut self.sent)?;
        self.absorb(&c.fixed);
        let h = &c.hits;
        let units: Vec<u16> = c.snippets.encode_utf16().collect();
        // The corrected query, if any, leads the snippets; its length follows `relaxed`.
        assert!(h[2] >= -1.0 && h[2].fract() == 0.0, "a length or -1");
        let (mut i, mut at) = (4, h[2].max(0.0) as usize);
        let corrected = (h[2] >= 0.0)
            .then(|| String::from_utf16(&units[..at]).expect("the corrected query is text"));
        let mut hits = Vec::new();
        for _ in 0..h[3] as usize {
            let (doc, score, len, cuts, n) = (
                h[i] as u64,
                h[i + 1],
                h[i + 2] as usize,
                h[i + 3] as u8,
                h[i + 4] as usize,
            );
            assert!(cuts < 4, "cut marks are two bits");
            i += 5;
            let fixed = &self.docs[&doc];
            let mut hit = serde_json::Map::new();
            for k in ["id", "kind", "title"] {
                hit.insert(k.into(), fixed[k].clone());
            }
            // As JSON text has it: integral scores are integers.
            let score = if score.fract() == 0.0 && score.abs() < 1e15 {
                serde_json::json!(score as i64)
            } else {
                serde_json::json!(score)
            };
            hit.insert("score".into(), score);
            let inner =
                String::from_utf16(&units[at..at + len]).expect("snippets split on characters");
            let mark = |bit: u8| if cuts & bit != 0 { "…" } else { "" };
            let snippet = format!("{}{inner}{}", mark(1), mark(2));
            hit.insert("snippet".into(), Value::String(snippet));
            at += len;
            let highlights: Vec<Value> = (0..n)
                .map(|k| serde_json::json!([h[i + 2 * k] as u32, h[i + 2 * k + 1] as u32]))
                .collect();
            i += 2 * n;
            hit.insert("highlights".into(), Value::Array(highlights));
            let t = h[i] as usize;
            let title: Vec<Value> = (0..t)
                .map(|k| serde_json::json!([h[i + 1 + 2 * k] as u32, h[i + 2 + 2 * k] as u32]))
                .collect();
            i += 1 + 2 * t;
            hit.insert("titleHighlights".into(), Value::Array(title));
            // The search terms it was found by, whose texts follow its snippet.
            let terms = h[i] as usize;
            let mut found_by = Vec::new();
            for k in 0..terms {
                let len = h[i + 1 + k] as usize;
                found_by.push(Value::String(
                    String::from_utf16(&units[at..at + len]).expect("terms split on characters"),
                ));
                at += len;
            }
            i += 1 + terms;
            if terms > 0 {
                hit.insert("searchTerms".into(), Value::Array(found_by));
            }
            // Maps compare without order here; the wasm tests check key order.
            for (k, v) in fixed {
                if !["id", "kind", "title"].contains(&k.as_str()) {
                    hit.insert(k.clone(), v.clone());
                }
            }
            hits.push(Value::Object(hit));
        }
        assert_eq!(
            (i, at),
            (h.len(), units.len()),
            "every number and snippet is read"
        );
        let mut out = serde_json::Map::new();
        out.insert("total".into(), serde_json::json!(h[0] as u64));
        out.insert("hits".into(), Value::Array(hits));
        out.insert("facets".into(), self.facets_of(&c.facets));
        out.insert("relaxed".into(), Value::Bool(h[1] == 1.0));
        if let Some(c) = corrected {
            out.insert("corrected".into(), Value::String(c));
        }
        Ok(Value::Object(out))
    }

    /// The facet answer of `index` under `filters`, assembled from its compact answer.
    pub fn facets(
        &mut self,
        index: &Index,
        filters: &Filters,
    ) -> Result<Value, treatykit_core::Error> {
        let c = index.facets_compact(filters, &mut self.sent)?;
        assert!(
            c.hits.is_empty() && c.snippets.is_empty(),
            "a facet answer has no hits"
        );
        self.absorb(&c.fixed);
        Ok(self.facets_of(&c.facets))
    }

    fn absorb(&mut self, fixed: &str) {
        if fixed.is_empty() {
            return;
        }
        let msg: Value = serde_json::from_str(fixed).expect("fixed parts are JSON");
        assert!(
            msg.get("docs").is_some() || msg.get("table").is_some(),
            "{fixed}"
        );
        if let Some(table) = msg.get("table") {
            assert!(self.table.is_empty(), "the facet table is sent once");
            for f in table.as_array().expect("table") {
                let values = f[1].as_array().expect("values");
                let pairs = values
                    .iter()
                    .map(|p| (p[0].clone(), p[1].clone()))
                    .collect();
                self.table
                    .push((f[0].as_str().expect("field").into(), pairs));
            }
        }
        for d in msg
            .get("docs")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let n = d[0].as_u64().expect("document number");
            let fixed = d[1].as_object().expect("fixed fields").clone();
            assert!(
                self.docs.insert(n, fixed).is_none(),
                "document {n} sent twice"
            );
        }
    }

    fn facets_of(&self, packed: &[u32]) -> Value {
        let mut out = serde_json::Map::new();
        let mut at = 0;
        for (name, values) in &self.table {
            let n = packed[at] as usize;
            at += 1;
            let list = (0..n)
                .map(|i| {
                    let (v, count) = (packed[at + 2 * i] as usize, packed[at + 2 * i + 1]);
                    let (value, label) = &values[v];
                    serde_json::json!({ "value": value, "label": label, "count": count })
                })
                .collect();
            at += 2 * n;
            out.insert(name.clone(), Value::Array(list));
        }
        assert_eq!(at, packed.len(), "every packed count is read");
        Value::Object(out)
    }
}

/// The process's assembler for the fixture catalog: one cache across every run of a target.
pub fn assembler() -> std::sync::MutexGuard<'static, Assembler> {
    static A: OnceLock<std::sync::Mutex<Assembler>> = OnceLock::new();
    A.get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

/// `text` parsed as JSON, as `JSON.parse` gives it.
pub fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("JSON")
}
