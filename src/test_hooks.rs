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
