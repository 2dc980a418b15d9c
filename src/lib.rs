//! # treatykit (wasm)
//!
//! The thin `#[wasm_bindgen]` layer over [`treatykit_core`]: it converts arguments, calls the
//! core and converts results and errors. All logic lives in the core crate.

#![warn(missing_docs)]

pub mod convert;
pub mod corpus;
pub mod errors;
pub mod record;
pub mod rights;
pub mod search;
#[cfg(feature = "test-hooks")]
pub mod test_hooks;

use errors::{JsResult, to_js};
use std::sync::OnceLock;
use treatykit_core::catalog::Catalog;
use wasm_bindgen::prelude::*;

pub use corpus::corpus_info;
pub use record::record;
pub use rights::{categories, compare_rights, right, rights, who_holds};
pub use search::{JsIndex, facets, prepare, search};

/// The heap allocator on wasm: talc rather than Rust's default dlmalloc, for queries make a
/// dozen small allocations each and talc serves them in fewer instructions, from less code.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The corpus binary compiled from `corpus/` by `build.rs`.
pub static CORPUS_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));

static CATALOG: OnceLock<Result<Catalog, treatykit_core::Error>> = OnceLock::new();

/// The embedded catalog, decoded on first use.
pub fn catalog() -> JsResult<&'static Catalog> {
    CATALOG
        .get_or_init(|| Catalog::from_bytes(CORPUS_BYTES))
        .as_ref()
        .map_err(|e| to_js(e.clone()))
}

/// Runs when the module is instantiated: panics reach the console with their message. Calling
/// it again changes nothing.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}
