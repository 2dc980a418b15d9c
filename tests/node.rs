//! wasm-bindgen tests of the JS boundary, run in Node by `wasm-pack test --node`.
include!("shared/boundary.rs");
include!("shared/record.rs");
include!("shared/hostile.rs");
include!("shared/rights.rs");
include!("shared/search.rs");
