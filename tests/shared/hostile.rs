// Hostile-input tests of the JS boundary, shared by tests/node.rs and tests/browser.rs: every
// export is called as a careless or malicious page would call it. Each call must give a typed
// error (checked by class and `code`) or a correct answer within the documented bounds — never
// a trap — and a normal search must still work after each bad call.
mod hostile {
    use js_sys::{Array, JsString, Object, RangeError, Reflect, TypeError};
    use treatykit_core::search::query::{MAX_QUERY_CHARS, MAX_QUERY_TERMS};
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
        export function huge_string(n) {
            return 'é'.repeat(n);
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
        fn huge_string(n: u32) -> JsValue;
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
        let found = treatykit::search(JsValue::from_str("refugee"), JsValue::UNDEFINED)
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
            let err = treatykit::search(bad, JsValue::UNDEFINED).expect_err(&what);
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
            let found = treatykit::search(q, JsValue::UNDEFINED).unwrap_or_else(|e| panic!("{what}: {e:?}"));
            let hits: Array = prop(&found, "hits").dyn_into().expect("hits is an array");
            assert!(total(&found) >= f64::from(hits.length()), "{what}");
            assert_still_searches(what);
        }
        // A query that only differs by NUL bytes around a word still finds that word.
        let with_nul = total(&treatykit::search(JsValue::from_str("\0refugee\0"), JsValue::UNDEFINED).unwrap());
        let plain = total(&treatykit::search(JsValue::from_str("refugee"), JsValue::UNDEFINED).unwrap());
        assert_eq!(with_nul, plain);
    }

    #[wasm_bindgen_test]
    fn queries_over_the_documented_limits_are_query_too_long_range_errors() {
        let megabyte = JsValue::from_str(&"refugee ".repeat(128 * 1024));
        let too_many_terms = JsValue::from_str(&vec!["a"; 10_000].join(" "));
        let just_over = JsValue::from_str(&"x".repeat(MAX_QUERY_CHARS + 1));
        let terms_over = JsValue::from_str(&vec!["ab"; MAX_QUERY_TERMS + 1].join(" "));
        let multibyte_over = JsValue::from_str(&"é".repeat(MAX_QUERY_CHARS + 1));
        for (what, q) in [
            ("a 1 MB query", megabyte),
            ("10,000 terms", too_many_terms),
            ("one character over", just_over),
            ("one term over", terms_over),
            ("one character over in two-byte characters", multibyte_over),
        ] {
            let err = treatykit::search(q, JsValue::UNDEFINED).expect_err(what);
            assert_error(&err, "RangeError", "QUERY_TOO_LONG", what);
            assert_still_searches(what);
        }
        let at_limit = JsValue::from_str(&vec!["refugee"; MAX_QUERY_TERMS].join(" "));
        assert!(treatykit::search(at_limit, JsValue::UNDEFINED).is_ok(), "a query at the limits is accepted");
    }

    #[wasm_bindgen_test]
    fn corpus_info_ignores_surplus_arguments_and_keeps_answering() {
        let first = treatykit::corpus_info().expect("corpusInfo");
        let again = treatykit::corpus_info().expect("corpusInfo again");
        assert_eq!(prop(&first, "corpusDate").as_string(), prop(&again, "corpusDate").as_string());
        assert_still_searches("corpusInfo");
    }

    // ---- search(), facets() and Index.fromRecords ----

    #[wasm_bindgen(inline_js = "
        export function hostile_records(kind) {
            const ok = (i) => ({ id: `r${i}`, title: `Refugee record ${i}`, body: 'asylum and protection', theme: 'asylum' });
            switch (kind) {
                case 'missing-id': return [ok(0), { title: 'no id', body: 'x' }];
                case 'empty-id': return [{ ...ok(0), id: '' }];
                case 'duplicate-id': return [ok(0), ok(1), { ...ok(2), id: 'r0' }];
                case 'object-id': return [{ ...ok(0), id: { toString() { return 'r0'; } } }];
                case 'nan-id': return [{ ...ok(0), id: NaN }];
                case 'fraction-id': return [{ ...ok(0), id: 1.5 }];
                case 'long-id': return [{ ...ok(0), id: 'x'.repeat(100000) }];
                case 'nested-garbage': {
                    let deep = []; for (let i = 0; i < 100000; i++) deep = [deep];
                    return [{ ...ok(0), body: deep }];
                }
                case 'cyclic': { const r = ok(0); r.body = r; return [r]; }
                case 'object-text': return [{ ...ok(0), body: { text: 'x' } }];
                case 'function-text': return [{ ...ok(0), body: () => 'x' }];
                case 'symbol-text': return [{ ...ok(0), body: Symbol('x') }];
                case 'bigint-id': return [{ ...ok(0), id: 10n }];
                case 'ten-mb-field': return [{ ...ok(0), body: 'refugee '.repeat(1310720) }];
                case 'throwing-getter': { const r = ok(0); Object.defineProperty(r, 'title', { enumerable: true, get() { throw new Error('getter trap'); } }); return [r]; }
                case 'proxy-record': return [new Proxy(ok(0), { get() { throw new Error('proxy trap'); } })];
                case 'not-objects': return [ok(0), 42, 'text', null];
                case 'sparse-huge': { const a = []; a.length = 4294967295; return a; }
                case 'over-max-records': { const a = []; a.length = 200001; return a; }
                case 'holes': return [ok(0), , ok(2)];
                case 'array-record': return [['r0', 'title']];
                case 'facet-garbage': return [{ ...ok(0), theme: { nested: ['x'] } }];
                case 'too-many-facet-values': return [{ ...ok(0), theme: Array.from({ length: 5000 }, (_, i) => `t${i}`) }];
                case 'hostile-text': return [{ id: 'h\\u0000id', title: '\\ud800 <img src=x onerror=alert(1)>', body: '\\u0000\\u0000 refugee \\udfff', theme: '\\u202e' }];
                case 'ten-thousand': return Array.from({ length: 10000 }, (_, i) => ok(i));
                default: return [ok(0), ok(1), ok(2)];
            }
        }
        export function hostile_schema(kind) {
            const ok = { id: 'id', title: 'title', fields: { title: { boost: 3 }, body: {} }, facets: ['theme'] };
            switch (kind) {
                case 'ok': return ok;
                case 'no-fields': return { id: 'id' };
                case 'fields-array-of-numbers': return { ...ok, fields: ['title', 7] };
                case 'fields-array-twice': return { ...ok, fields: ['title', 'body', 'title'] };
                case 'fields-array-empty': return { ...ok, fields: [] };
                case 'fields-array-long': return { ...ok, fields: Array.from({ length: 100 }, (_, i) => `f${i}`) };
                case 'nan-boost': return { ...ok, fields: { title: { boost: NaN } } };
                case 'negative-boost': return { ...ok, fields: { title: { boost: -1 } } };
                case 'huge-boost': return { ...ok, fields: { title: { boost: 1e9 } } };
                case 'unknown-key': return { ...ok, colour: 'red' };
                case 'facets-string': return { ...ok, facets: 'theme' };
                case 'reserved-facet': return { ...ok, facets: ['score'] };
                case 'many-fields': return { ...ok, fields: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, {}])) };
                default: return undefined;
            }
        }
    ")]
    extern "C" {
        fn hostile_records(kind: &str) -> JsValue;
        fn hostile_schema(kind: &str) -> JsValue;
    }

    /// `{}` or `Object.create(null)`, and not an array: what the exports take as options.
    fn is_plain(v: &JsValue) -> bool {
        let proto = Object::get_prototype_of(v);
        v.is_object() && !Array::is_array(v) && (proto.is_null() || JsValue::from(proto) == JsValue::from(Object::get_prototype_of(&Object::new().into())))
    }

    #[wasm_bindgen(inline_js = "
        class Settings { constructor() { this.limit = 5; } }
        export function not_plain_objects() {
            const tagged = { limit: 5, [Symbol.toStringTag]: 'Options' };
            return [
                ['a Date', new Date(0)],
                ['a Set', new Set(['limit'])],
                ['a Promise', Promise.resolve({ limit: 5 })],
                ['a Number object', new Number(1)],
                ['a String object', new String('limit')],
                ['an instance of Settings', new Settings()],
                ['an ArrayBuffer', new ArrayBuffer(8)],
                ['a Uint8Array', new Uint8Array(4)],
                ['a RegExp', /x/],
                ['a Map', new Map([['limit', 5]])],
                ['an Error', new Error('x')],
                ['an object that is not a plain object', Object.create({ limit: 5 })],
                ['an Options', Object.setPrototypeOf(tagged, Object.create(null))],
            ];
        }
        export function null_prototype(key, value) {
            const o = Object.create(null);
            o[key] = value;
            return o;
        }
        export function prototype_trap() {
            return new Proxy({}, { getPrototypeOf() { throw new Error('getPrototypeOf trap'); } });
        }
    ")]
    extern "C" {
        fn not_plain_objects() -> Array;
        fn null_prototype(key: &str, value: JsValue) -> JsValue;
        fn prototype_trap() -> JsValue;
    }

    #[wasm_bindgen_test]
    fn every_export_taking_options_refuses_objects_that_are_not_plain_with_a_type_error_naming_them() {
        let index = index_of("ok");
        let filters_in = |v: JsValue| opts(&[("filters", v)]);
        for pair in not_plain_objects().iter() {
            let pair = Array::from(&pair);
            let (name, bad) = (pair.get(0).as_string().unwrap(), pair.get(1));
            let schema = hostile_schema("ok");
            let fields_spec = opts(&[("title", bad.clone())]);
            let calls: Vec<(&str, Result<JsValue, JsValue>)> = vec![
                ("rights(refugee, x)", treatykit::rights::rights("refugee".into(), Some(bad.clone()))),
                ("search(q, x)", treatykit::search("refugee".into(), bad.clone())),
                ("search(q, { filters: x })", treatykit::search("refugee".into(), filters_in(bad.clone()))),
                ("facets(x)", treatykit::facets(bad.clone())),
                ("index.search(q, x)", index.search("refugee".into(), bad.clone())),
                ("index.search(q, { filters: x })", index.search("refugee".into(), filters_in(bad.clone()))),
                ("index.facets(x)", index.facets(bad.clone())),
                ("Index.fromRecords(records, x)", treatykit::JsIndex::from_records(hostile_records("ok"), bad.clone()).map(JsValue::from)),
                ("Index.fromRecords(records, { fields: x })", {
                    Reflect::set(&schema, &"fields".into(), &bad).unwrap();
                    treatykit::JsIndex::from_records(hostile_records("ok"), schema.clone()).map(JsValue::from)
                }),
                ("Index.fromRecords(records, { fields: { title: x } })", {
                    Reflect::set(&schema, &"fields".into(), &fields_spec).unwrap();
                    treatykit::JsIndex::from_records(hostile_records("ok"), schema).map(JsValue::from)
                }),
            ];
            for (call, result) in calls {
                let what = format!("{call} with {name}");
                let err = result.err().unwrap_or_else(|| panic!("{what} was accepted"));
                assert_error(&err, "TypeError", "INVALID_ARGUMENT", &what);
                let message = prop(&err, "message").as_string().unwrap();
                assert!(message.contains("plain object"), "{what}: {message}");
                assert!(message.contains(&name), "{what}: the message names {name}: {message}");
                assert!(!message.contains("lastIndex"), "{what}: {message}");
            }
            assert_still_searches(&name);
        }
        // A getPrototypeOf trap that throws is refused, not thrown through.
        let err = treatykit::search("refugee".into(), prototype_trap()).expect_err("trap");
        assert_error(&err, "TypeError", "INVALID_ARGUMENT", "a proxy whose getPrototypeOf throws");
        let err = treatykit::rights::rights("refugee".into(), Some(prototype_trap())).expect_err("trap");
        assert_error(&err, "TypeError", "INVALID_ARGUMENT", "a proxy whose getPrototypeOf throws");
        // Plain objects, with either prototype, are read.
        let civil = treatykit::rights::rights("refugee".into(), Some(null_prototype("group", "civil".into()))).unwrap();
        let all = treatykit::rights::rights("refugee".into(), Some(opts(&[]))).unwrap();
        assert!(Array::from(&prop(&civil, "rights")).length() < Array::from(&prop(&all, "rights")).length());
        let one = treatykit::search("refugee".into(), null_prototype("limit", 1.into())).unwrap();
        assert_eq!(Array::from(&prop(&one, "hits")).length(), 1);
        let filtered = treatykit::search("".into(), filters_in(null_prototype("kind", "right".into()))).unwrap();
        assert!(total(&filtered) >= 1.0);
    }

    fn opts(pairs: &[(&str, JsValue)]) -> JsValue {
        let o = Object::new();
        for (k, v) in pairs {
            Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
        }
        o.into()
    }

    fn index_of(records: &str) -> treatykit::JsIndex {
        treatykit::JsIndex::from_records(hostile_records(records), hostile_schema("ok"))
            .unwrap_or_else(|e| panic!("fromRecords({records}) failed: {e:?}"))
    }

    #[wasm_bindgen_test]
    fn search_options_of_the_wrong_shape_are_type_errors() {
        for bad in hostile_values().iter() {
            let what = format!("search('refugee', {bad:?})");
            match treatykit::search(JsValue::from_str("refugee"), bad.clone()) {
                // undefined, null and {} mean defaults; a Date or a Map is not a plain object.
                Ok(found) => assert!(
                    total(&found) >= 1.0 && (bad.is_undefined() || bad.is_null() || is_plain(&bad)),
                    "{what}"
                ),
                Err(err) => assert_error(&err, "TypeError", "INVALID_ARGUMENT", &what),
            }
            assert_still_searches(&what);
        }
        let typo = opts(&[("limt", 5.into())]);
        let err = treatykit::search("refugee".into(), typo).expect_err("unknown option");
        assert_error(&err, "TypeError", "INVALID_ARGUMENT", "unknown option");
        assert!(prop(&err, "message").as_string().unwrap().contains("limt"));
        let err = treatykit::search("refugee".into(), hostile_proxy()).expect_err("proxy");
        assert_error(&err, "TypeError", "INVALID_ARGUMENT", "a proxy whose ownKeys throws");
        let err = treatykit::search("refugee".into(), hostile_getter("limit")).expect_err("getter");
        assert_error(&err, "TypeError", "INVALID_ARGUMENT", "a throwing getter");
        assert_still_searches("hostile option objects");
    }

    #[wasm_bindgen_test]
    fn limit_and_offset_reject_nan_infinity_negatives_fractions_and_out_of_range_values() {
        let range_errors: [(&str, f64); 14] = [
            ("limit", f64::NAN),
            ("limit", f64::INFINITY),
            ("limit", f64::NEG_INFINITY),
            ("limit", -1.0),
            ("limit", 0.0),
            ("limit", -0.5),
            ("limit", 1.5),
            ("limit", 101.0),
            ("limit", 1e300),
            ("offset", f64::NAN),
            ("offset", f64::INFINITY),
            ("offset", -1.0),
            ("offset", 0.5),
            ("offset", -1e300),
        ];
        for (key, n) in range_errors {
            let what = format!("{{ {key}: {n} }}");
            let err = treatykit::search("refugee".into(), opts(&[(key, JsValue::from_f64(n))]))
                .expect_err(&what);
            assert_error(&err, "RangeError", "INVALID_ARGUMENT", &what);
            assert_still_searches(&what);
        }
        for (key, v) in [
            ("limit", JsValue::from_str("10")),
            ("limit", JsValue::TRUE),
            ("offset", Array::new().into()),
            ("fuzzy", JsValue::from_str("yes")),
            ("fuzzy", JsValue::from_f64(1.0)),
            ("filters", JsValue::from_f64(1.0)),
            ("filters", Array::new().into()),
        ] {
            let what = format!("{{ {key}: {v:?} }}");
            let err = treatykit::search("refugee".into(), opts(&[(key, v)])).expect_err(&what);
            assert_error(&err, "TypeError", "INVALID_ARGUMENT", &what);
        }
        // In range: a page of 1, the largest page, and an offset past the end (no hits, same total).
        let one = treatykit::search("refugee".into(), opts(&[("limit", 1.into())])).unwrap();
        assert_eq!(Array::from(&prop(&one, "hits")).length(), 1);
        let far = treatykit::search("refugee".into(), opts(&[("offset", JsValue::from_f64(1e15))])).unwrap();
        assert_eq!(Array::from(&prop(&far, "hits")).length(), 0);
        assert_eq!(total(&far), total(&one));
        assert!(treatykit::search("refugee".into(), opts(&[("limit", 100.into())])).is_ok());
    }

    #[wasm_bindgen_test]
    fn filters_with_unknown_fields_or_bad_values_are_typed_errors_and_unknown_values_match_nothing() {
        let filters = |pairs: &[(&str, JsValue)]| opts(&[("filters", opts(pairs))]);
        let err = treatykit::search("".into(), filters(&[("colour", "red".into())])).expect_err("unknown field");
        assert_error(&err, "TypeError", "INVALID_ARGUMENT", "unknown filter field");
        assert!(prop(&err, "message").as_string().unwrap().contains("colour"));
        let none = treatykit::search("".into(), filters(&[("theme", "no-such-theme".into())])).unwrap();
        assert_eq!(total(&none), 0.0, "an unknown value matches nothing");
        let many = Array::new();
        for i in 0..5000 {
            many.push(&JsValue::from_str(&format!("v{i}")));
        }
        let cases: Vec<(&str, JsValue, &str)> = vec![
            ("too many values", filters(&[("theme", many.into())]), "RangeError"),
            ("NaN value", filters(&[("theme", JsValue::from_f64(f64::NAN))]), "RangeError"),
            ("nested value", filters(&[("theme", opts(&[("x", 1.into())]))]), "TypeError"),
            ("yearFrom as text", filters(&[("yearFrom", "1950".into())]), "TypeError"),
            ("yearFrom far away", filters(&[("yearFrom", JsValue::from_f64(1e10))]), "RangeError"),
            ("yearTo fraction", filters(&[("yearTo", JsValue::from_f64(1999.5))]), "RangeError"),
        ];
        for (what, options, class) in cases {
            let err = treatykit::search("refugee".into(), options).expect_err(what);
            assert_error(&err, class, "INVALID_ARGUMENT", what);
            assert_still_searches(what);
        }
        for bad in hostile_values().iter() {
            if let Err(err) = treatykit::facets(bad.clone()) {
                assert_eq!(code(&err), "INVALID_ARGUMENT", "facets({bad:?})");
            }
            assert_still_searches("facets with a hostile argument");
        }
    }

    #[wasm_bindgen_test]
    fn from_records_rejects_non_arrays_and_bad_schemas_with_typed_errors() {
        for bad in hostile_values().iter() {
            if Array::is_array(&bad) {
                continue;
            }
            let what = format!("fromRecords({bad:?}, schema)");
            let err = treatykit::JsIndex::from_records(bad, hostile_schema("ok")).err().expect(&what);
            assert_error(&err, "TypeError", "INVALID_RECORDS", &what);
            assert_still_searches(&what);
        }
        for schema in ["missing", "no-fields", "fields-array-of-numbers", "fields-array-twice", "fields-array-empty", "fields-array-long", "nan-boost", "negative-boost", "huge-boost", "unknown-key", "facets-string", "reserved-facet", "many-fields"] {
            let what = format!("fromRecords(records, {schema} schema)");
            let err = treatykit::JsIndex::from_records(hostile_records("ok"), hostile_schema(schema)).err().expect(&what);
            assert_eq!(code(&err), "INVALID_ARGUMENT", "{what}");
            assert!(err.is_instance_of::<TypeError>() || err.is_instance_of::<RangeError>(), "{what}");
            assert_still_searches(&what);
        }
    }

    #[wasm_bindgen_test]
    fn from_records_gives_typed_errors_for_missing_duplicate_and_garbage_records() {
        let cases = [
            ("missing-id", "TypeError"),
            ("empty-id", "TypeError"),
            ("duplicate-id", "TypeError"),
            ("object-id", "TypeError"),
            ("nan-id", "TypeError"),
            ("fraction-id", "TypeError"),
            ("bigint-id", "TypeError"),
            ("long-id", "RangeError"),
            ("nested-garbage", "TypeError"),
            ("cyclic", "TypeError"),
            ("object-text", "TypeError"),
            ("function-text", "TypeError"),
            ("symbol-text", "TypeError"),
            ("ten-mb-field", "RangeError"),
            ("not-objects", "TypeError"),
            ("holes", "TypeError"),
            ("array-record", "TypeError"),
            ("facet-garbage", "TypeError"),
            ("too-many-facet-values", "RangeError"),
            ("sparse-huge", "RangeError"),
            ("over-max-records", "RangeError"),
        ];
        for (records, class) in cases {
            let what = format!("fromRecords({records})");
            let err = treatykit::JsIndex::from_records(hostile_records(records), hostile_schema("ok"))
                .err()
                .unwrap_or_else(|| panic!("{what} was accepted"));
            assert_error(&err, class, "INVALID_RECORDS", &what);
            let message = prop(&err, "message").as_string().unwrap_or_default();
            assert!(message.len() < 4096, "{what}: the message stays short ({} bytes)", message.len());
            assert_still_searches(&what);
        }
        for records in ["throwing-getter", "proxy-record"] {
            let err = treatykit::JsIndex::from_records(hostile_records(records), hostile_schema("ok"))
                .err()
                .unwrap_or_else(|| panic!("{records} was accepted"));
            assert!(err.is_instance_of::<TypeError>(), "{records}: {err:?}");
            assert!(["INVALID_RECORDS", "INVALID_ARGUMENT"].contains(&code(&err).as_str()), "{records}");
            let message = prop(&err, "message").as_string().unwrap_or_default();
            assert!(message.contains("record 0"), "{records}: the message names the record: {message}");
            assert_still_searches(records);
        }
    }

    #[wasm_bindgen_test]
    fn an_index_of_hostile_text_answers_and_keeps_answering_after_bad_calls() {
        let index = index_of("hostile-text");
        let found = index.search("refugee".into(), JsValue::UNDEFINED).expect("search the records");
        assert_eq!(total(&found), 1.0);
        let hit = Array::from(&prop(&found, "hits")).get(0);
        assert_eq!(prop(&hit, "id").as_string().as_deref(), Some("h\0id"));
        let title = prop(&hit, "title").as_string().unwrap();
        assert!(title.starts_with('\u{fffd}') && title.contains("<img"), "lone surrogate → U+FFFD, markup kept as text: {title:?}");
        for bad in hostile_values().iter() {
            if let Err(err) = index.search(bad.clone(), JsValue::UNDEFINED) {
                assert_error(&err, "TypeError", "INVALID_ARGUMENT", "index.search(bad)");
            }
            if let Err(err) = index.facets(bad.clone()) {
                assert_eq!(code(&err), "INVALID_ARGUMENT");
            }
            assert_eq!(total(&index.search("refugee".into(), JsValue::UNDEFINED).unwrap()), 1.0);
        }
        let err = index.search(JsValue::from_str(&"x".repeat(1 << 20)), JsValue::UNDEFINED).expect_err("1 MB");
        assert_error(&err, "RangeError", "QUERY_TOO_LONG", "1 MB query on an index");
        assert_still_searches("an index of hostile text");
    }

    #[wasm_bindgen_test]
    fn ten_thousand_records_index_and_search_within_bounds() {
        let index = index_of("ten-thousand");
        assert_eq!(index.size(), 10_000);
        let found = index.search("refugee record 9999".into(), JsValue::UNDEFINED).unwrap();
        let first = Array::from(&prop(&found, "hits")).get(0);
        assert_eq!(prop(&first, "id").as_string().as_deref(), Some("r9999"));
        let browse = index.search("".into(), opts(&[("limit", 100.into())])).unwrap();
        assert_eq!(total(&browse), 10_000.0);
        assert_eq!(Array::from(&prop(&browse, "hits")).length(), 100);
    }

    fn memory_bytes() -> u32 {
        wasm_bindgen::memory()
            .unchecked_into::<js_sys::WebAssembly::Memory>()
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length()
    }

    #[wasm_bindgen_test]
    fn a_huge_query_is_refused_before_it_is_copied_into_wasm_memory() {
        let before = memory_bytes();
        // 64 Mi two-byte characters: copied, this would need 128 MiB of wasm memory or more.
        let huge = huge_string(64 << 20);
        let err = treatykit::search(huge.clone(), JsValue::UNDEFINED).expect_err("huge query");
        assert_error(&err, "RangeError", "QUERY_TOO_LONG", "a 64 Mi-character query");
        let index = index_of("ok");
        let err = index.search(huge, JsValue::UNDEFINED).expect_err("huge query on an index");
        assert_error(&err, "RangeError", "QUERY_TOO_LONG", "a 64 Mi-character query on an index");
        let grown = memory_bytes() - before;
        assert!(grown < 16 << 20, "wasm memory grew by {grown} bytes");
        assert_still_searches("a huge query");
    }

    // ---- record and rights lookup ----

    type IdExport = (&'static str, &'static str, fn(JsValue) -> Result<JsValue, JsValue>);

    /// Every export that takes one id, with the code an unknown id gives.
    fn id_exports() -> Vec<IdExport> {
        vec![
            ("record", "UNKNOWN_RECORD", treatykit::record::record),
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
    fn a_huge_id_is_unknown_without_being_copied_into_wasm_memory() {
        let before = memory_bytes();
        // 64 Mi two-byte characters: copied, each call would need 128 MiB of wasm memory or more.
        let huge = huge_string(64 << 20);
        for (name, code, call) in id_exports() {
            let what = format!("{name} with a 64 Mi-character id");
            let err = call(huge.clone()).expect_err(&what);
            assert_error(&err, "RangeError", code, &what);
        }
        let grown = memory_bytes() - before;
        assert!(grown < 16 << 20, "wasm memory grew by {grown} bytes");
        assert_still_searches("a huge id");
    }

    #[wasm_bindgen_test]
    fn rights_options_reject_hostile_shapes_and_values() {
        let refugee = || JsValue::from_str("refugee");
        for bad in hostile_values().iter() {
            let what = format!("rights(refugee, {bad:?})");
            match treatykit::rights::rights(refugee(), Some(bad.clone())) {
                Ok(_) => assert!(
                    bad.is_undefined() || bad.is_null() || (is_plain(&bad) && Reflect::own_keys(&bad).is_ok_and(|k| k.length() == 0)),
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

    #[wasm_bindgen(inline_js = "
        const THROWN = {
            null: () => null,
            undefined: () => undefined,
            number: () => 42,
            string: () => 'a thrown string',
            'message getter': () => ({ get message() { throw new Error('inner'); } }),
            'revoked proxy': () => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; },
        };
        export function thrown_kinds() { return Object.keys(THROWN); }
        export function getter_throwing(key, kind) {
            const o = {};
            Object.defineProperty(o, key, { enumerable: true, get() { throw THROWN[kind](); } });
            return o;
        }
        export function revoked_proxy() { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; }
        export function wrap(key, value) { return { [key]: value }; }
    ")]
    extern "C" {
        fn thrown_kinds() -> Array;
        fn getter_throwing(key: &str, kind: &str) -> JsValue;
        fn revoked_proxy() -> JsValue;
        fn wrap(key: &str, value: JsValue) -> JsValue;
    }

    /// Every export that reads options, filters, a schema or records, called with `arg` where
    /// each reads a user value: (what, the call's result).
    fn calls_reading(arg: &dyn Fn(&str) -> JsValue) -> Vec<(String, Result<(), JsValue>)> {
        let ok = |r: Result<JsValue, JsValue>| r.map(|_| ());
        let refugee = || JsValue::from_str("refugee");
        let index = index_of("ok");
        vec![
            ("search options".into(), ok(treatykit::search(refugee(), arg("limit")))),
            ("search filters".into(), ok(treatykit::search(refugee(), wrap("filters", arg("kind"))))),
            ("facets filters".into(), ok(treatykit::facets(arg("kind")))),
            ("rights options".into(), ok(treatykit::rights::rights(refugee(), Some(arg("group"))))),
            ("Index.search options".into(), ok(index.search(refugee(), arg("limit")))),
            ("Index.facets filters".into(), ok(index.facets(arg("theme")))),
            (
                "fromRecords schema".into(),
                treatykit::JsIndex::from_records(hostile_records("ok"), arg("fields")).map(|_| ()),
            ),
            (
                "fromRecords record".into(),
                treatykit::JsIndex::from_records(Array::of1(&arg("title")).into(), hostile_schema("ok")).map(|_| ()),
            ),
        ]
    }

    #[wasm_bindgen_test]
    fn whatever_a_getter_throws_every_export_gives_invalid_argument_and_keeps_working() {
        for kind in thrown_kinds().iter().filter_map(|k| k.as_string()) {
            for (call, result) in calls_reading(&|key| getter_throwing(key, &kind)) {
                let what = format!("{call}, a getter throwing {kind}");
                let err = result.expect_err(&what);
                assert_error(&err, "TypeError", "INVALID_ARGUMENT", &what);
                assert_still_searches(&what);
            }
        }
    }

    #[wasm_bindgen_test]
    fn a_revoked_proxy_anywhere_in_an_argument_is_invalid_argument() {
        for (call, result) in calls_reading(&|_| revoked_proxy()) {
            let what = format!("{call}: a revoked proxy");
            let err = result.expect_err(&what);
            assert_error(&err, "TypeError", "INVALID_ARGUMENT", &what);
            assert_still_searches(&what);
        }
        let err = treatykit::JsIndex::from_records(revoked_proxy(), hostile_schema("ok"))
            .map(|_| ())
            .expect_err("records as a revoked proxy");
        assert_error(&err, "TypeError", "INVALID_ARGUMENT", "records as a revoked proxy");
        assert_still_searches("records as a revoked proxy");
    }

    #[wasm_bindgen_test]
    fn a_nested_value_that_cannot_be_read_is_named_by_its_path() {
        let message = |r: Result<JsValue, JsValue>, what: &str| {
            let err = r.expect_err(what);
            assert_error(&err, "TypeError", "INVALID_ARGUMENT", what);
            prop(&err, "message").as_string().unwrap_or_default()
        };
        let m = message(
            treatykit::search("refugee".into(), wrap("filters", hostile_proxy())),
            "a filters proxy whose ownKeys throws",
        );
        assert!(m.starts_with("could not read options.filters: "), "{m}");
        let m = message(
            treatykit::search("refugee".into(), wrap("filters", hostile_getter("kind"))),
            "a kind getter that throws",
        );
        assert!(m.starts_with("could not read options.filters.kind: "), "{m}");
        let m = message(
            treatykit::facets(hostile_getter("kind")),
            "a facets kind getter that throws",
        );
        assert!(m.starts_with("could not read filters.kind: "), "{m}");
        assert_still_searches("unreadable nested values");
    }
}
