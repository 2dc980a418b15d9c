//! Arbitrary TOML-ish text → `authoring::parse_file` + `validate::validate`: never a panic, and
//! whatever validates compiles to bytes that decode and search.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treatykit_core::catalog::Catalog;
use treatykit_core::search::SearchOptions;
use treatykit_core::{authoring, format, validate};

fuzz_target!(|text: &str| {
    let Ok(corpus) = authoring::parse_file("fuzz.toml", text) else {
        return;
    };
    let Ok(valid) = validate::validate(&[("fuzz.toml".into(), corpus)]) else {
        return;
    };
    let bytes = format::encode(&authoring::compile(valid));
    let catalog = Catalog::from_bytes(&bytes).expect("a validated corpus decodes");
    let _ = catalog.search("a", &SearchOptions::default());
});
