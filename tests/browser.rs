//! wasm-bindgen tests of the JS boundary, run in headless Chromium by
//! `wasm-pack test --headless --chrome`. Without the line below they would be silently skipped.
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
include!("shared/boundary.rs");
include!("shared/record.rs");
include!("shared/hostile.rs");
include!("shared/rights.rs");
include!("shared/search.rs");
