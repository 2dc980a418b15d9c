//! Test-only exports, compiled only with the cargo feature `test-hooks` (never in the released
//! package): they let tests prove that a panic reaches the console and that `js/safe.js` then
//! reports the instance as unusable.

use wasm_bindgen::prelude::*;

/// Panics with `message`. With `panic = "abort"` this traps the instance
/// (`WebAssembly.RuntimeError: unreachable`) after `console_error_panic_hook` has logged it.
#[wasm_bindgen(js_name = __testPanic)]
pub fn test_panic(message: String) {
    panic!("treatykit test panic: {message}");
}

/// The query that makes the test build's `search` panic, so that end-to-end tests can trap the
/// instance through the app's and the widget's own search box.
pub const PANIC_QUERY: &str = "treatykit-test-panic";

/// Panics when `query` is [`PANIC_QUERY`] (test builds only; see `tests/e2e/hostile.test.mjs`).
pub fn panic_on_test_query(query: &str) {
    if query.trim() == PANIC_QUERY {
        panic!("treatykit test panic: the test query was searched");
    }
}
