// Hostile-input tests of the JS boundary, shared by tests/node.rs and tests/browser.rs: every
// export is called as a careless or malicious page would call it. Each call must give a typed
// error (checked by class and `code`) or a correct answer within the documented bounds — never
// a trap — and a normal search must still work after each bad call.
mod hostile {
    use js_sys::{Array, JsString, Object, RangeError, Reflect, TypeError};
    use treatykit::convert;
    use treatykit_core::limits;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen(inline_js = "
        export function hostile_proxy() {
            return new Proxy({}, { ownKeys() { throw new Error('ownKeys trap'); } });
        }
        export function hostile_getter(key) {
            const o = {};
            Object.defineProperty(o, key, { enumerable: true, get() { throw new Error('getter trap'); } });
            return o;
        }
        export function hostile_object_with_symbol() {
            return { [Symbol('x')]: 1, limit: 5 };
        }
        export function hostile_values() {
            return [undefined, null, 0, -1, NaN, Infinity, 1n, true, {}, [], ['refugee'],
                    { toString() { return 'refugee'; } }, new String('refugee'), Symbol('q'),
                    () => 'refugee', new Date(0), new Map(), new Uint8Array(4)];
        }
    ")]
    extern "C" {
        fn hostile_proxy() -> JsValue;
        fn hostile_getter(key: &str) -> JsValue;
        fn hostile_object_with_symbol() -> JsValue;
        fn hostile_values() -> Array;
    }

    fn prop(v: &JsValue, key: &str) -> JsValue {
        Reflect::get(v, &JsValue::from_str(key)).expect("property read")
    }

    fn code(err: &JsValue) -> String {
        prop(err, "code").as_string().unwrap_or_default()
    }

    /// Asserts `err` is a `TypeError` (`class = "TypeError"`), `RangeError` or plain `Error`
    /// with the given code and a non-empty message.
    fn assert_error(err: &JsValue, class: &str, expected: &str, what: &str) {
        let is_class = match class {
            "TypeError" => err.is_instance_of::<TypeError>(),
            "RangeError" => err.is_instance_of::<RangeError>(),
            _ => err.is_instance_of::<js_sys::Error>(),
        };
        assert!(is_class, "{what}: expected a {class}, got {err:?}");
        assert_eq!(code(err), expected, "{what}: code");
        let message = prop(err, "message").as_string().unwrap_or_default();
        assert!(message.len() > 10, "{what}: the message says what to do: {message:?}");
    }

    /// A normal search still answers after a bad call.
    fn assert_still_searches(after: &str) {
        let found = treatykit::search(JsValue::from_str("refugee"))
            .unwrap_or_else(|e| panic!("search failed after {after}: {e:?}"));
        assert!(prop(&found, "total").as_f64().is_some_and(|t| t >= 1.0), "after {after}");
    }

    fn total(result: &JsValue) -> f64 {
        prop(result, "total").as_f64().expect("total is a number")
    }

    fn js_string_of_units(units: &[u16]) -> JsValue {
        JsString::from_char_code(units).into()
    }

    #[wasm_bindgen_test]
    fn search_rejects_every_non_string_query_with_a_type_error() {
        for bad in hostile_values().iter() {
            let what = format!("search({bad:?})");
            let err = treatykit::search(bad).expect_err(&what);
            assert_error(&err, "TypeError", "INVALID_ARGUMENT", &what);
            assert_still_searches(&what);
        }
    }

    #[wasm_bindgen_test]
    fn search_answers_queries_with_lone_surrogates_nul_bytes_and_control_characters() {
        let cases: Vec<(&str, JsValue)> = vec![
            ("a lone high surrogate", js_string_of_units(&[0xD800])),
            ("a lone low surrogate", js_string_of_units(&[0xDC00])),
            ("refugee + lone surrogate", js_string_of_units(&[0x72, 0x65, 0x66, 0x75, 0x67, 0x65, 0x65, 0x20, 0xDBFF])),
            ("reversed surrogate pair", js_string_of_units(&[0xDC00, 0xD800])),
            ("NUL bytes", JsValue::from_str("\0refugee\0")),
            ("only NUL", JsValue::from_str("\0\0\0")),
            ("control characters", JsValue::from_str("\u{1b}[31m\u{7}\u{8}refugee")),
            ("bidi overrides", JsValue::from_str("\u{202e}eegufer\u{202c}")),
            ("combining marks alone", JsValue::from_str("\u{301}\u{301}\u{301}")),
            ("emoji and flags", JsValue::from_str("🇺🇳 👨‍👩‍👧 refugee")),
            ("whitespace only", JsValue::from_str(" \t\n\u{a0}\u{2003}")),
            ("empty", JsValue::from_str("")),
            ("markup", JsValue::from_str("<img src=x onerror=alert(1)>")),
            ("regex metacharacters", JsValue::from_str(".*+?^${}()|[]\\")),
        ];
        for (what, q) in cases {
            let found = treatykit::search(q).unwrap_or_else(|e| panic!("{what}: {e:?}"));
            let hits: Array = prop(&found, "hits").dyn_into().expect("hits is an array");
            assert!(total(&found) >= f64::from(hits.length()), "{what}");
            assert_still_searches(what);
        }
        // A query that only differs by NUL bytes around a word still finds that word.
        let with_nul = total(&treatykit::search(JsValue::from_str("\0refugee\0")).unwrap());
        let plain = total(&treatykit::search(JsValue::from_str("refugee")).unwrap());
        assert_eq!(with_nul, plain);
    }

    #[wasm_bindgen_test]
    fn queries_over_the_documented_limits_are_query_too_long_range_errors() {
        let megabyte = JsValue::from_str(&"refugee ".repeat(128 * 1024));
        let too_many_terms = JsValue::from_str(&vec!["a"; 10_000].join(" "));
        let just_over = JsValue::from_str(&"x".repeat(limits::MAX_QUERY_CHARS + 1));
        let terms_over = JsValue::from_str(&vec!["ab"; limits::MAX_QUERY_TERMS + 1].join(" "));
        for (what, q) in [
            ("a 1 MB query", megabyte),
            ("10,000 terms", too_many_terms),
            ("one character over", just_over),
            ("one term over", terms_over),
        ] {
            let err = convert::query_arg(&q).expect_err(what);
            assert_error(&err, "RangeError", "QUERY_TOO_LONG", what);
            assert_still_searches(what);
        }
        let at_limit = JsValue::from_str(&vec!["refugee"; limits::MAX_QUERY_TERMS].join(" "));
        assert!(convert::query_arg(&at_limit).is_ok(), "a query at the limits is accepted");
    }

    #[wasm_bindgen_test]
    fn options_must_be_a_plain_object_with_known_keys() {
        let allowed = ["limit", "offset"];
        for bad in hostile_values().iter() {
            let what = format!("options {bad:?}");
            match convert::options_object(&bad, "options", &allowed) {
                Ok(None) => assert!(bad.is_undefined() || bad.is_null(), "{what} read as absent"),
                Ok(Some(_)) => assert!(bad.is_object() && !Array::is_array(&bad), "{what} accepted"),
                Err(err) => assert_error(&err, "TypeError", "INVALID_ARGUMENT", &what),
            }
        }
        let unknown = Object::new();
        Reflect::set(&unknown, &"limt".into(), &5.into()).unwrap();
        let err = convert::options_object(&unknown.into(), "options", &allowed).expect_err("typo");
        assert_error(&err, "TypeError", "INVALID_ARGUMENT", "unknown key");
        let message = prop(&err, "message").as_string().unwrap();
        assert!(message.contains("limt") && message.contains("limit, offset"), "{message}");

        let proxy = convert::options_object(&hostile_proxy(), "options", &allowed)
            .expect_err("a proxy whose ownKeys throws");
        assert_error(&proxy, "TypeError", "INVALID_ARGUMENT", "throwing proxy");
        // Symbol keys are not options and are ignored.
        assert!(convert::options_object(&hostile_object_with_symbol(), "options", &allowed).is_ok());
        assert_still_searches("hostile options objects");
    }

    #[wasm_bindgen_test]
    fn integer_options_reject_nan_infinity_negatives_fractions_and_out_of_range_values() {
        let with = |v: JsValue| {
            let o = Object::new();
            Reflect::set(&o, &"limit".into(), &v).unwrap();
            o
        };
        let read = |o: &Object| convert::int_option(Some(o), "limit", 1, limits::MAX_LIMIT, 10);
        let range_errors = [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -1.0,
            0.0,
            -0.0,
            1.5,
            -0.5,
            101.0,
            1e300,
            9_007_199_254_740_993.0,
        ];
        for n in range_errors {
            let err = read(&with(JsValue::from_f64(n))).expect_err(&format!("limit {n}"));
            assert_error(&err, "RangeError", "INVALID_ARGUMENT", &format!("limit {n}"));
        }
        for v in [JsValue::from_str("10"), JsValue::TRUE, Object::new().into(), Array::new().into()] {
            let err = read(&with(v.clone())).expect_err("not a number");
            assert_error(&err, "TypeError", "INVALID_ARGUMENT", &format!("limit {v:?}"));
        }
        for (v, want) in [
            (JsValue::from_f64(1.0), 1),
            (JsValue::from_f64(100.0), 100),
            (JsValue::UNDEFINED, 10),
            (JsValue::NULL, 10),
        ] {
            assert_eq!(read(&with(v.clone())).expect("valid limit"), want, "limit {v:?}");
        }
        let getter: Object = hostile_getter("limit").unchecked_into();
        let err = read(&getter).expect_err("a throwing getter");
        assert_error(&err, "TypeError", "INVALID_ARGUMENT", "throwing getter");
        assert_still_searches("bad integer options");
    }

    #[wasm_bindgen_test]
    fn boolean_string_and_list_options_reject_other_types() {
        let o = Object::new();
        for (k, v) in [
            ("flag", JsValue::from_str("true")),
            ("name", JsValue::from_f64(1.0)),
            ("list", JsValue::from_f64(1.0)),
        ] {
            Reflect::set(&o, &k.into(), &v).unwrap();
        }
        let e = convert::bool_option(Some(&o), "flag", false).expect_err("string flag");
        assert_error(&e, "TypeError", "INVALID_ARGUMENT", "bool option");
        let e = convert::string_option(Some(&o), "name").expect_err("number name");
        assert_error(&e, "TypeError", "INVALID_ARGUMENT", "string option");
        let e = convert::string_list_option(Some(&o), "list", 4).expect_err("number list");
        assert_error(&e, "TypeError", "INVALID_ARGUMENT", "list option");

        let long = Array::new();
        let mixed = Array::new();
        for i in 0..5 {
            long.push(&JsValue::from_str("x"));
            mixed.push(&if i == 3 { JsValue::NULL } else { JsValue::from_str("x") });
        }
        Reflect::set(&o, &"list".into(), &long).unwrap();
        let e = convert::string_list_option(Some(&o), "list", 4).expect_err("5 > 4 items");
        assert_error(&e, "RangeError", "INVALID_ARGUMENT", "long list");
        Reflect::set(&o, &"list".into(), &mixed).unwrap();
        let e = convert::string_list_option(Some(&o), "list", 8).expect_err("null item");
        assert_error(&e, "TypeError", "INVALID_ARGUMENT", "null item");
        assert!(prop(&e, "message").as_string().unwrap().contains("[3]"), "names the bad item");

        Reflect::set(&o, &"list".into(), &JsValue::from_str("one")).unwrap();
        assert_eq!(convert::string_list_option(Some(&o), "list", 4).unwrap(), Some(vec!["one".to_string()]));
        assert!(convert::bool_option(None, "flag", true).unwrap());
        assert_still_searches("bad typed options");
    }

    #[wasm_bindgen_test]
    fn corpus_info_ignores_surplus_arguments_and_keeps_answering() {
        let first = treatykit::corpus_info().expect("corpusInfo");
        let again = treatykit::corpus_info().expect("corpusInfo again");
        assert_eq!(prop(&first, "corpusDate").as_string(), prop(&again, "corpusDate").as_string());
        assert_still_searches("corpusInfo");
    }

    type IdExport = (&'static str, &'static str, fn(JsValue) -> Result<JsValue, JsValue>);

    /// Every export that takes one id, with the code an unknown id gives.
    fn id_exports() -> Vec<IdExport> {
        vec![
            ("rights", "UNKNOWN_CATEGORY", |v| treatykit::rights::rights(v, None)),
            ("whoHolds", "UNKNOWN_RIGHT", treatykit::rights::who_holds),
            ("right", "UNKNOWN_RIGHT", treatykit::rights::right),
            ("compareRights(x, refugee)", "UNKNOWN_CATEGORY", |v| {
                treatykit::rights::compare_rights(v, JsValue::from_str("refugee"))
            }),
            ("compareRights(refugee, x)", "UNKNOWN_CATEGORY", |v| {
                treatykit::rights::compare_rights(JsValue::from_str("refugee"), v)
            }),
        ]
    }

    #[wasm_bindgen_test]
    fn every_id_export_rejects_non_strings_with_a_type_error() {
        for (name, _, call) in id_exports() {
            for bad in hostile_values().iter() {
                let what = format!("{name}({bad:?})");
                let err = call(bad).expect_err(&what);
                assert_error(&err, "TypeError", "INVALID_ARGUMENT", &what);
                assert_still_searches(&what);
            }
        }
    }

    #[wasm_bindgen_test]
    fn every_id_export_answers_hostile_strings_with_an_unknown_id_range_error() {
        let megabyte_id = "refugee".repeat(150_000);
        let ids: Vec<(&str, JsValue)> = vec![
            ("empty", JsValue::from_str("")),
            ("lone surrogate", js_string_of_units(&[0xD800])),
            ("NUL", JsValue::from_str("refugee\0")),
            ("prototype key", JsValue::from_str("__proto__")),
            ("constructor", JsValue::from_str("constructor")),
            ("case variant", JsValue::from_str("REFUGEE")),
            ("padded", JsValue::from_str(" refugee ")),
            ("markup", JsValue::from_str("<script>alert(1)</script>")),
            ("1 MB", JsValue::from_str(&megabyte_id)),
        ];
        for (name, code, call) in id_exports() {
            for (label, id) in &ids {
                let what = format!("{name} with a {label} id");
                let err = call(id.clone()).expect_err(&what);
                assert_error(&err, "RangeError", code, &what);
                let message = prop(&err, "message").as_string().unwrap_or_default();
                assert!(message.len() < 4096, "{what}: the message does not echo a huge id ({} bytes)", message.len());
                assert_still_searches(&what);
            }
        }
    }

    #[wasm_bindgen_test]
    fn rights_options_reject_hostile_shapes_and_values() {
        let refugee = || JsValue::from_str("refugee");
        for bad in hostile_values().iter() {
            let what = format!("rights(refugee, {bad:?})");
            match treatykit::rights::rights(refugee(), Some(bad.clone())) {
                Ok(_) => assert!(
                    bad.is_undefined() || bad.is_null() || Reflect::own_keys(&bad).is_ok_and(|k| k.length() == 0),
                    "{what} was accepted"
                ),
                Err(err) => {
                    assert_eq!(code(&err), "INVALID_ARGUMENT", "{what}");
                    assert!(err.is_instance_of::<TypeError>() || err.is_instance_of::<RangeError>(), "{what}");
                }
            }
            assert_still_searches(&what);
        }
        for (key, value) in [
            ("group", JsValue::from_f64(f64::NAN)),
            ("group", JsValue::from_str("\0")),
            ("bindingOnly", JsValue::from_str("true")),
            ("bindingOnly", JsValue::from_f64(1.0)),
            ("nonsense", JsValue::TRUE),
        ] {
            let o = Object::new();
            Reflect::set(&o, &key.into(), &value).unwrap();
            let what = format!("rights(refugee, {{ {key}: {value:?} }})");
            let err = treatykit::rights::rights(refugee(), Some(o.into())).expect_err(&what);
            assert_eq!(code(&err), "INVALID_ARGUMENT", "{what}");
            assert_still_searches(&what);
        }
        let err = treatykit::rights::rights(refugee(), Some(hostile_proxy())).expect_err("proxy");
        assert_error(&err, "TypeError", "INVALID_ARGUMENT", "a proxy whose ownKeys throws");
        let err = treatykit::rights::rights(refugee(), Some(hostile_getter("group"))).expect_err("getter");
        assert_error(&err, "TypeError", "INVALID_ARGUMENT", "a throwing getter");
    }
}
