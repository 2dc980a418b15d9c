// Boundary tests shared by tests/node.rs (Node) and tests/browser.rs (headless Chromium):
// the exports work on the embedded corpus, results have the documented shape, and bad
// arguments throw JS errors with a stable `code` instead of trapping.
use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).expect("property read")
}

fn code_of(err: &JsValue) -> String {
    get(err, "code").as_string().unwrap_or_default()
}

#[wasm_bindgen_test]
fn search_returns_total_and_ranked_hits_from_the_embedded_corpus() {
    let result = treatykit::search(JsValue::from_str("stateless"), JsValue::UNDEFINED).expect("search works");
    let total = get(&result, "total").as_f64().expect("total is a number");
    assert!(total >= 1.0, "the corpus has stateless records");
    let hits: Array = get(&result, "hits").dyn_into().expect("hits is an array");
    assert!(hits.length() >= 1);
    let first = hits.get(0);
    for key in ["id", "kind", "title"] {
        assert!(get(&first, key).as_string().is_some_and(|s| !s.is_empty()), "hit.{key} is a non-empty string");
    }
    assert!(get(&first, "score").as_f64().is_some_and(|s| s > 0.0), "hit.score is a positive number");
    let title = get(&first, "title").as_string().unwrap().to_lowercase();
    assert!(title.contains("stateless"), "best hit for 'stateless' is about statelessness: {title}");
}

#[wasm_bindgen_test]
fn search_with_a_number_throws_a_type_error_with_code_invalid_argument() {
    let err = treatykit::search(JsValue::from_f64(42.0), JsValue::UNDEFINED).expect_err("a number is not a query");
    assert!(err.is_instance_of::<js_sys::TypeError>(), "TypeError expected");
    assert_eq!(code_of(&err), "INVALID_ARGUMENT");
    // The instance keeps working after a bad call.
    assert!(treatykit::search(JsValue::from_str("refugee"), JsValue::UNDEFINED).is_ok());
}

#[wasm_bindgen_test]
fn search_with_undefined_or_null_throws_instead_of_trapping() {
    for bad in [JsValue::UNDEFINED, JsValue::NULL, Array::new().into()] {
        let err = treatykit::search(bad, JsValue::UNDEFINED).expect_err("not a string");
        assert_eq!(code_of(&err), "INVALID_ARGUMENT");
    }
}

#[wasm_bindgen_test]
fn corpus_info_counts_records_of_each_kind() {
    let info = treatykit::corpus_info().expect("corpusInfo works");
    assert_eq!(get(&info, "formatVersion").as_f64(), Some(f64::from(treatykit_core::format::FORMAT_VERSION)));
    let counts = get(&info, "counts");
    assert!(get(&counts, "instrument").as_f64().is_some_and(|n| n >= 2.0));
    assert!(get(&info, "corpusDate").as_string().is_some_and(|d| d.len() == 10));
}
