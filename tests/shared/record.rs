// Boundary tests of `record(id)`, shared by tests/node.rs and tests/browser.rs: every search hit
// opens as a plain object of the same id, kind and title; bad ids throw JS errors with a code.
mod record {
    use js_sys::{Array, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn get(v: &JsValue, key: &str) -> JsValue {
        Reflect::get(v, &JsValue::from_str(key)).expect("property read")
    }

    fn code_of(err: &JsValue) -> String {
        get(err, "code").as_string().unwrap_or_default()
    }

    fn hits(query: &str) -> Array {
        let result = treatykit::search(JsValue::from_str(query), JsValue::UNDEFINED).expect("search works");
        get(&result, "hits").dyn_into().expect("hits is an array")
    }

    #[wasm_bindgen_test]
    fn every_search_hit_opens_as_a_record_with_the_same_id_kind_and_title() {
        let mut opened = 0;
        for query in ["refugee", "stateless", "right", "migrant"] {
            for hit in hits(query).iter() {
                let id = get(&hit, "id");
                let view = treatykit::record(id.clone()).expect("a hit's id opens");
                for key in ["id", "kind", "title"] {
                    assert_eq!(get(&view, key).as_string(), get(&hit, key).as_string(), "{key}");
                }
                assert!(get(&view, "citation").as_string().is_some_and(|c| !c.is_empty()));
                assert!(get(&view, "kindLabel").as_string().is_some_and(|c| !c.is_empty()));
                assert!(Array::is_array(&get(&view, "flags")), "flags is an array");
                assert!(Array::is_array(&get(&view, "sources")), "sources is an array");
                opened += 1;
            }
        }
        assert!(opened >= 2, "the corpus answered with records to open ({opened})");
    }

    #[wasm_bindgen_test]
    fn an_instrument_record_carries_parties_as_a_plain_object_with_as_of_and_verified() {
        let instrument = hits("convention")
            .iter()
            .find(|h| get(h, "kind").as_string().as_deref() == Some("instrument"))
            .expect("an instrument matches 'convention'");
        let view = treatykit::record(get(&instrument, "id")).expect("opens");
        assert!(Array::is_array(&get(&view, "keyArticles")));
        assert!(Array::is_array(&get(&view, "gcmObjectives")));
        let parties = get(&view, "parties");
        if !parties.is_undefined() {
            assert!(get(&parties, "verified").as_bool().is_some(), "verified is a boolean");
            assert!(get(&parties, "source").is_object(), "source is an object");
        }
    }

    #[wasm_bindgen_test]
    fn an_unknown_id_throws_a_range_error_with_code_unknown_record() {
        let err = treatykit::record(JsValue::from_str("no-such-record")).expect_err("unknown");
        assert!(err.is_instance_of::<js_sys::RangeError>(), "RangeError expected");
        assert_eq!(code_of(&err), "UNKNOWN_RECORD");
        let message = get(&err, "message").as_string().unwrap_or_default();
        assert!(message.contains("no-such-record"), "{message}");
    }

    #[wasm_bindgen_test]
    fn a_megabyte_id_throws_a_short_message_instead_of_echoing_it() {
        let huge = "a".repeat(1 << 20);
        let err = treatykit::record(JsValue::from_str(&huge)).expect_err("unknown");
        assert_eq!(code_of(&err), "UNKNOWN_RECORD");
        let message = get(&err, "message").as_string().unwrap_or_default();
        assert!(message.len() < 300, "{} bytes", message.len());
    }

    #[wasm_bindgen_test]
    fn a_non_string_id_throws_a_type_error_with_code_invalid_argument() {
        for bad in [JsValue::UNDEFINED, JsValue::NULL, JsValue::from_f64(7.0), Array::new().into(), JsValue::TRUE] {
            let err = treatykit::record(bad).expect_err("not a string");
            assert!(err.is_instance_of::<js_sys::TypeError>(), "TypeError expected");
            assert_eq!(code_of(&err), "INVALID_ARGUMENT");
        }
        assert!(treatykit::record(JsValue::from_str("also-unknown")).is_err(), "still answers");
    }
}
