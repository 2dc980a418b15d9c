// Search boundary tests shared by tests/node.rs (Node) and tests/browser.rs (headless
// Chromium): options and filters are checked hostilely (TypeError / RangeError with code
// INVALID_ARGUMENT naming the key), results have the documented shape, highlights are
// UTF-16 offsets that JavaScript's `slice` understands (astral characters included), and
// Index.fromRecords rejects malformed records with INVALID_RECORDS.
mod search_boundary {
    use js_sys::{Array, Function, JsString, Object, Reflect};
    use treatykit::JsIndex;
    use treatykit_core::search::{Filters, SearchOptions};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn get(v: &JsValue, key: &str) -> JsValue {
        Reflect::get(v, &JsValue::from_str(key)).expect("property read")
    }

    fn array(v: &JsValue, key: &str) -> Array {
        get(v, key).dyn_into().unwrap_or_else(|_| panic!("{key} is an array"))
    }

    fn s(v: &str) -> JsValue {
        JsValue::from_str(v)
    }

    fn n(v: f64) -> JsValue {
        JsValue::from_f64(v)
    }

    /// A plain JS object from `(key, value)` pairs.
    fn object(pairs: &[(&str, JsValue)]) -> JsValue {
        let o = Object::new();
        for (k, v) in pairs {
            Reflect::set(&o, &s(k), v).unwrap();
        }
        o.into()
    }

    fn list(items: &[JsValue]) -> JsValue {
        items.iter().collect::<Array>().into()
    }

    fn code_of(err: &JsValue) -> String {
        get(err, "code").as_string().unwrap_or_default()
    }

    fn message_of(err: &JsValue) -> String {
        get(err, "message").as_string().unwrap_or_default()
    }

    #[derive(Clone, Copy, Debug)]
    enum Class {
        Type,
        Range,
    }

    fn assert_error(err: &JsValue, class: Class, code: &str, mentions: &str) {
        match class {
            Class::Type => assert!(err.is_instance_of::<js_sys::TypeError>(), "TypeError: {}", message_of(err)),
            Class::Range => assert!(err.is_instance_of::<js_sys::RangeError>(), "RangeError: {}", message_of(err)),
        }
        assert_eq!(code_of(err), code, "{}", message_of(err));
        assert!(message_of(err).contains(mentions), "{:?} should mention {mentions:?}", message_of(err));
    }

    #[wasm_bindgen_test]
    fn hostile_options_throw_invalid_argument_naming_the_key() {
        let table: Vec<(JsValue, Class, &str)> = vec![
            (object(&[("limit", n(0.0))]), Class::Range, "limit"),
            (object(&[("limit", n(101.0))]), Class::Range, "limit"),
            (object(&[("limit", n(2.5))]), Class::Range, "limit"),
            (object(&[("limit", n(f64::NAN))]), Class::Range, "limit"),
            (object(&[("limit", n(f64::INFINITY))]), Class::Range, "limit"),
            (object(&[("limit", s("10"))]), Class::Type, "limit"),
            (object(&[("offset", n(-1.0))]), Class::Range, "offset"),
            (object(&[("offset", n(0.5))]), Class::Range, "offset"),
            (object(&[("fuzzy", n(1.0))]), Class::Type, "fuzzy"),
            (object(&[("limt", n(5.0))]), Class::Type, "limt"),
            (s("limit=5"), Class::Type, "options"),
            (list(&[]), Class::Type, "options"),
            (n(3.0), Class::Type, "options"),
            (object(&[("filters", s("refugee"))]), Class::Type, "filters"),
            (object(&[("filters", object(&[("lang", s("en"))]))]), Class::Type, "lang"),
            (object(&[("filters", object(&[("theme", object(&[]))]))]), Class::Type, "theme"),
            (object(&[("filters", object(&[("yearFrom", n(1950.5))]))]), Class::Range, "yearFrom"),
            (object(&[("filters", object(&[("yearTo", s("1990"))]))]), Class::Type, "yearTo"),
            (object(&[("filters", object(&[("gcmObjective", list(&[n(f64::NAN)]))]))]), Class::Range, "gcmObjective"),
        ];
        for (options, class, key) in table {
            let err = treatykit::search(s("refugee"), options).expect_err("rejected");
            assert_error(&err, class, "INVALID_ARGUMENT", key);
        }
        // Still working after every rejection; `undefined` and `null` mean the defaults.
        for ok in [JsValue::UNDEFINED, JsValue::NULL, object(&[]), object(&[("limit", JsValue::UNDEFINED)])] {
            let r = treatykit::search(s("refugee"), ok).expect("defaults");
            assert!(array(&r, "hits").length() <= 10);
        }
    }

    #[wasm_bindgen_test]
    fn a_query_over_the_limit_throws_query_too_long_and_odd_strings_do_not_trap() {
        let long = "refugee ".repeat(200);
        let err = treatykit::search(s(&long), JsValue::UNDEFINED).expect_err("too long");
        assert_error(&err, Class::Range, "QUERY_TOO_LONG", "1024 characters");
        // A lone surrogate (arrives as U+FFFD), control characters, only punctuation.
        let lone: JsValue = JsString::from_char_code2(0xD800, 0x61).into();
        for q in [lone, s("\u{0}\u{1}"), s("\"-\"-"), s("🦀🦀"), s("")] {
            assert!(treatykit::search(q, JsValue::UNDEFINED).is_ok());
        }
    }

    #[wasm_bindgen_test]
    fn results_have_total_hits_facets_and_relaxed_with_documented_shapes() {
        let r = treatykit::search(s("refugee"), object(&[("limit", n(5.0))])).unwrap();
        assert!(get(&r, "total").as_f64().is_some_and(|t| t >= 5.0));
        assert_eq!(get(&r, "relaxed").as_bool(), Some(false));
        let hits = array(&r, "hits");
        assert_eq!(hits.length(), 5);
        for h in hits.iter() {
            for key in ["id", "kind", "title", "snippet"] {
                assert!(get(&h, key).is_string(), "hit.{key}");
            }
            assert!(get(&h, "score").as_f64().is_some_and(|x| x > 0.0));
            assert!(Array::is_array(&get(&h, "highlights")));
            assert!(Array::is_array(&get(&h, "titleHighlights")));
        }
        let facets = get(&r, "facets");
        for field in ["kind", "type", "theme", "category", "publisher", "gcmObjective", "binding", "year"] {
            let counts = array(&facets, field);
            for c in counts.iter() {
                assert!(get(&c, "value").is_string() && get(&c, "label").is_string());
                assert!(get(&c, "count").as_f64().is_some_and(|x| x >= 1.0));
            }
        }
        let relaxed = treatykit::search(s("refugee qqqzzzxw"), JsValue::UNDEFINED).unwrap();
        assert_eq!(get(&relaxed, "relaxed").as_bool(), Some(true));
    }

    #[wasm_bindgen_test]
    fn filters_accept_strings_numbers_booleans_and_lists_and_facets_counts_follow_them() {
        let instruments = treatykit::search(s(""), object(&[("filters", object(&[("kind", s("instrument"))])), ("limit", n(100.0))])).unwrap();
        let hits = array(&instruments, "hits");
        assert!(hits.length() > 10);
        assert!(hits.iter().all(|h| get(&h, "kind").as_string().as_deref() == Some("instrument")));
        let total = get(&instruments, "total").as_f64().unwrap();
        let f = treatykit::facets(object(&[("kind", list(&[s("instrument")]))])).unwrap();
        // Disjunctive: the kind facet still counts other kinds.
        let kinds = array(&f, "kind");
        assert!(kinds.length() > 1);
        let counted = kinds.iter().find(|c| get(c, "value").as_string().as_deref() == Some("instrument")).unwrap();
        assert_eq!(get(&counted, "count").as_f64(), Some(total));
        let objective = treatykit::search(s(""), object(&[("filters", object(&[("gcmObjective", n(14.0))]))])).unwrap();
        assert!(get(&objective, "total").as_f64().unwrap() >= 1.0);
        // A boolean selects in `binding` what an instrument hit's `binding` field says.
        let binding = |v: JsValue| {
            let r = treatykit::search(s(""), object(&[("filters", object(&[("binding", v)]))])).unwrap();
            get(&r, "total").as_f64().unwrap()
        };
        assert!(binding(JsValue::TRUE) > 0.0);
        assert_eq!(binding(JsValue::TRUE), binding(s("binding")));
        assert_eq!(binding(JsValue::FALSE), binding(list(&[s("non-binding"), s("non-normative")])));
        let none = treatykit::facets(JsValue::UNDEFINED).unwrap();
        assert!(array(&none, "year").length() > 1);
        let err = treatykit::facets(object(&[("colour", s("red"))])).unwrap_err();
        assert_error(&err, Class::Type, "INVALID_ARGUMENT", "colour");
    }

    fn records() -> JsValue {
        list(&[
            object(&[("id", s("math")), ("title", s("Script letters")), ("body", s("𝒜𝒷𝒸 and 𝓍𝓎𝓏 before the word réfugié 🦀 crab"))]),
            object(&[("id", n(2.0)), ("title", s("Chinese")), ("body", s("人人生而自由，在尊严和权利上一律平等。")), ("lang", list(&[s("zh"), s("zh-Hans")]))]),
            object(&[("id", s("ar")), ("title", s("Arabic")), ("body", s("حقوق الإنسان")), ("lang", s("ar"))]),
        ])
    }

    fn schema() -> JsValue {
        object(&[
            ("id", s("id")),
            ("title", s("title")),
            ("fields", object(&[("title", object(&[("boost", n(2.0))])), ("body", object(&[]))])),
            ("facets", list(&[s("lang")])),
        ])
    }

    #[wasm_bindgen_test]
    fn highlight_offsets_slice_the_snippet_in_javascript_after_astral_characters() {
        let index = JsIndex::from_records(records(), schema()).expect("valid records");
        assert_eq!(index.size(), 3);
        for (q, id, matched) in [("refugie", "math", "réfugié"), ("🦀", "math", "🦀"), ("crab", "math", "crab"), ("尊严", "2", "尊严"), ("الانسان", "ar", "الإنسان")] {
            let r = index.search(s(q), JsValue::UNDEFINED).unwrap();
            let hit = array(&r, "hits").get(0);
            assert_eq!(get(&hit, "id").as_string().as_deref(), Some(id), "{q}");
            let snippet: JsString = get(&hit, "snippet").dyn_into().unwrap();
            let first = array(&hit, "highlights").get(0);
            let range: Array = first.dyn_into().unwrap();
            let (a, b) = (range.get(0).as_f64().unwrap() as u32, range.get(1).as_f64().unwrap() as u32);
            assert_eq!(String::from(snippet.slice(a, b)), matched, "{q}: snippet.slice({a}, {b})");
        }
        let f = index.facets(JsValue::UNDEFINED).unwrap();
        assert_eq!(array(&f, "lang").length(), 3);
        let zh = index.search(s(""), object(&[("filters", object(&[("lang", s("zh-Hans"))]))])).unwrap();
        assert_eq!(get(&zh, "total").as_f64(), Some(1.0));
    }

    #[wasm_bindgen_test]
    fn title_highlight_offsets_slice_the_title_in_javascript_after_astral_characters() {
        let recs = list(&[
            object(&[("id", s("t")), ("title", s("𝒜𝒷 🦀 Réfugiés — 难民 camps")), ("body", s("other words"))]),
            object(&[("id", s("u")), ("title", s("Unrelated")), ("body", s("refugies camps"))]),
        ]);
        let index = JsIndex::from_records(recs, schema()).expect("valid records");
        for (q, want) in [("refugies", vec!["Réfugiés"]), ("难民", vec!["难民"]), ("camps refugies", vec!["Réfugiés", "camps"])] {
            let r = index.search(s(q), JsValue::UNDEFINED).unwrap();
            let hits = array(&r, "hits");
            let hit = hits.iter().find(|h| get(h, "id").as_string().as_deref() == Some("t")).expect("t");
            let title: JsString = get(&hit, "title").dyn_into().unwrap();
            let got: Vec<String> = array(&hit, "titleHighlights")
                .iter()
                .map(|r| {
                    let r: Array = r.dyn_into().unwrap();
                    String::from(title.slice(r.get(0).as_f64().unwrap() as u32, r.get(1).as_f64().unwrap() as u32))
                })
                .collect();
            assert_eq!(got, want, "{q}");
            // The other record matches in its body only: its title has no marks.
            if let Some(u) = hits.iter().find(|h| get(h, "id").as_string().as_deref() == Some("u")) {
                assert_eq!(array(&u, "titleHighlights").length(), 0, "{q}");
            }
        }
    }

    #[wasm_bindgen_test]
    fn text_fields_given_as_numbers_or_arrays_are_searched_and_highlighted_item_by_item() {
        let recs = list(&[
            object(&[("id", s("k")), ("title", n(1951.0)), ("body", list(&[s("asylum 🦀"), JsValue::NULL, n(42.0), s("refugee camps")]))]),
            object(&[("id", s("o")), ("title", s("Other")), ("body", s("nothing relevant"))]),
        ]);
        let index = JsIndex::from_records(recs, schema()).expect("numbers and arrays are text");
        for (q, matched) in [("camps", "camps"), ("42", "42"), ("asylum", "asylum")] {
            let r = index.search(s(q), JsValue::UNDEFINED).unwrap();
            assert_eq!(get(&r, "total").as_f64(), Some(1.0), "{q}");
            let hit = array(&r, "hits").get(0);
            assert_eq!(get(&hit, "id").as_string().as_deref(), Some("k"), "{q}");
            assert_eq!(get(&hit, "title").as_string().as_deref(), Some("1951"), "{q}");
            let snippet: JsString = get(&hit, "snippet").dyn_into().unwrap();
            let range: Array = array(&hit, "highlights").get(0).dyn_into().unwrap();
            let (a, b) = (range.get(0).as_f64().unwrap() as u32, range.get(1).as_f64().unwrap() as u32);
            assert_eq!(String::from(snippet.slice(a, b)), matched, "{q}: snippet.slice({a}, {b})");
        }
        let r = index.search(s("1951"), JsValue::UNDEFINED).unwrap();
        assert_eq!(get(&array(&r, "hits").get(0), "id").as_string().as_deref(), Some("k"), "a numeric title is searchable");
        // An array over the item limit is refused, not cut to the items read.
        let words: Vec<JsValue> = (0..100_000).map(|i| s(&format!("w{i}"))).collect();
        let err = JsIndex::from_records(list(&[object(&[("id", s("x")), ("body", list(&words))])]), schema()).err().expect("refused");
        assert_error(&err, Class::Range, "INVALID_RECORDS", "more than 2048 items");
    }

    #[wasm_bindgen_test]
    fn malformed_records_throw_invalid_records_naming_the_record() {
        let throwing = Object::new();
        let getter = Function::new_no_args("throw new Error('boom')");
        let descriptor = object(&[("get", getter.into()), ("enumerable", JsValue::TRUE)]);
        Object::define_property(&throwing, &s("id"), &descriptor.unchecked_into());
        let table: Vec<(JsValue, Class, &str, &str)> = vec![
            (s("not records"), Class::Type, "INVALID_RECORDS", "array"),
            (list(&[object(&[("title", s("x"))])]), Class::Type, "INVALID_RECORDS", "record 0"),
            (list(&[object(&[("id", s("a"))]), object(&[("id", s("a"))])]), Class::Type, "INVALID_RECORDS", "record 1"),
            (list(&[object(&[("id", s("a")), ("body", JsValue::TRUE)])]), Class::Type, "INVALID_RECORDS", "body"),
            (list(&[object(&[("id", s("a")), ("body", list(&[s("x"), object(&[])]))])]), Class::Type, "INVALID_RECORDS", "an array holding an object"),
            (list(&[n(1.0)]), Class::Type, "INVALID_RECORDS", "record 0"),
            (list(&[object(&[("id", s("a"))]), list(&[s("b")])]), Class::Type, "INVALID_RECORDS", "record 1: must be an object, got an array"),
            (list(&[Function::new_no_args("return 1").into()]), Class::Type, "INVALID_RECORDS", "record 0: must be an object, got a function"),
            (list(&[JsValue::NULL]), Class::Type, "INVALID_RECORDS", "record 0: must be an object, got null"),
            (list(&[JsValue::UNDEFINED]), Class::Type, "INVALID_RECORDS", "record 0: must be an object, got undefined"),
            // A hole of a sparse array reads as undefined.
            (Array::new_with_length(2).into(), Class::Type, "INVALID_RECORDS", "record 0: must be an object, got undefined"),
            (list(&[object(&[("id", n(1.5))])]), Class::Type, "INVALID_RECORDS", "record 0"),
            (list(&[throwing.into()]), Class::Type, "INVALID_ARGUMENT", "boom"),
        ];
        for (recs, class, code, mentions) in table {
            let err = JsIndex::from_records(recs, schema()).err().expect("rejected");
            assert_error(&err, class, code, mentions);
        }
        let bad_schemas = [
            (JsValue::UNDEFINED, "schema"),
            (object(&[("fields", list(&[]))]), "fields"),
            (object(&[("fields", object(&[("body", object(&[("boost", n(-1.0))]))]))]), "boost"),
            (object(&[("fields", object(&[("body", object(&[]))])), ("facet", list(&[]))]), "facet"),
        ];
        for (sch, mentions) in bad_schemas {
            let err = JsIndex::from_records(records(), sch).err().expect("rejected");
            assert_eq!(code_of(&err), "INVALID_ARGUMENT", "{}", message_of(&err));
            assert!(message_of(&err).contains(mentions), "{}", message_of(&err));
        }
    }

    /// `JSON.stringify` of a value: compares whole answers, key order included.
    fn stringify(v: &JsValue) -> String {
        js_sys::JSON::stringify(v).expect("stringify").into()
    }

    fn core_options(opts: &JsValue) -> SearchOptions {
        SearchOptions::from_json(&treatykit::convert::to_json(opts, "options").unwrap()).unwrap()
    }

    fn core_filters(filters: &JsValue) -> Filters {
        Filters::from_json(&treatykit::convert::to_json(filters, "filters").unwrap()).unwrap()
    }

    fn parse(text: &str) -> JsValue {
        js_sys::JSON::parse(text).expect("JSON")
    }

    fn embedded_cases() -> Vec<(&'static str, JsValue)> {
        vec![
            ("refugee", JsValue::UNDEFINED),
            ("refoulment", object(&[("limit", n(100.0))])),
            ("migrant workres", object(&[("offset", n(3.0)), ("limit", n(7.0))])),
            ("", object(&[("filters", object(&[("kind", list(&[s("instrument"), s("resource")])), ("yearFrom", n(1950.0))]))])),
            ("rights -education", object(&[("filters", object(&[("binding", s("binding"))])), ("limit", n(100.0))])),
            ("\"non-refoulement\"", JsValue::UNDEFINED),
            ("refugee qqqzzzxw", JsValue::UNDEFINED),
            ("vccr", object(&[("fuzzy", JsValue::FALSE)])),
            ("zzzzqqqxxw", JsValue::UNDEFINED),
            ("", object(&[("limit", n(100.0)), ("offset", n(100.0))])),
            ("mig", object(&[("filters", object(&[("gcmObjective", list(&[n(6.0), n(14.0)]))]))])),
            // Hits found by their search terms (searchTerms), one misspelt (corrected).
            ("pushback", JsValue::UNDEFINED),
            ("golden visa pensoin", JsValue::UNDEFINED),
            ("healthcare", JsValue::UNDEFINED),
        ]
    }

    #[wasm_bindgen_test]
    fn answers_are_exactly_the_cores_json_answers_for_queries_filters_and_pages() {
        let catalog = treatykit::catalog().unwrap();
        // Twice: documents' fixed fields are sent with their first answer and reused after.
        for pass in 0..2 {
            for (q, opts) in embedded_cases() {
                let got = treatykit::search(s(q), opts.clone()).unwrap();
                let want = parse(&catalog.search_json(q, &core_options(&opts)).unwrap());
                assert_eq!(stringify(&got), stringify(&want), "pass {pass}: {q:?}");
            }
            let facet_cases = [
                JsValue::UNDEFINED,
                object(&[("theme", s("refugee-protection"))]),
                object(&[("yearTo", n(1990.0)), ("kind", s("instrument"))]),
            ];
            for filters in facet_cases {
                let got = treatykit::facets(filters.clone()).unwrap();
                let want = parse(&catalog.facets_json(&core_filters(&filters)).unwrap());
                assert_eq!(stringify(&got), stringify(&want), "pass {pass}: facets");
            }
        }
    }

    #[wasm_bindgen_test]
    fn prepare_returns_nothing_runs_once_and_leaves_answers_as_the_cores_json_answers() {
        // Its warm-up searches send documents to js/answer.js before any real query: the
        // answers after it must still be exactly the core's.
        let catalog = treatykit::catalog().unwrap();
        let warm_ups = catalog.index().warm_up_queries();
        assert_eq!(warm_ups.len(), 2, "{warm_ups:?}");
        for _ in 0..2 {
            treatykit::prepare().expect("prepare");
        }
        for q in warm_ups.iter().map(String::as_str).chain(["refugee", "r", "migrnt workr"]) {
            let got = treatykit::search(s(q), JsValue::UNDEFINED).unwrap();
            let want = parse(&catalog.search_json(q, &core_options(&JsValue::UNDEFINED)).unwrap());
            assert_eq!(stringify(&got), stringify(&want), "{q:?}");
            assert!(array(&got, "hits").length() > 0, "{q:?} finds records");
        }
    }

    #[wasm_bindgen_test]
    fn callers_may_change_an_answer_without_changing_later_answers() {
        let opts = || object(&[("limit", n(30.0))]);
        let first = treatykit::search(s("migrant workers"), opts()).unwrap();
        let hits = array(&first, "hits");
        let listed = hits.iter().find(|h| Array::is_array(&get(h, "gcmObjectives"))).expect("a hit with a list field");
        array(&listed, "gcmObjectives").push(&s("changed"));
        for h in hits.iter() {
            Reflect::set(&h, &s("title"), &s("changed")).unwrap();
            Reflect::set(&h, &s("kind"), &s("changed")).unwrap();
        }
        let kinds = array(&get(&first, "facets"), "kind");
        Reflect::set(&kinds.get(0), &s("label"), &s("changed")).unwrap();
        array(&get(&first, "facets"), "theme").push(&s("changed"));
        let again = treatykit::search(s("migrant workers"), opts()).unwrap();
        let want = parse(&treatykit::catalog().unwrap().search_json("migrant workers", &core_options(&opts())).unwrap());
        assert_eq!(stringify(&again), stringify(&want));
        assert!(!stringify(&again).contains("changed"));
    }

    #[wasm_bindgen_test]
    fn index_answers_are_exactly_the_cores_json_answers_with_awkward_field_names() {
        let recs = parse(r#"[
            {"id": "a", "title": "Refugee law", "body": "non-refoulement of refugees", "lang": ["en", "fr"], "__proto__": "p", "constructor": ["x", "y"], "n": 1.5},
            {"id": 7, "title": "Migrant workers", "body": "rights of migrant workers and refugees", "lang": "en", "constructor": "c", "n": true, "searchTerms": ["own"]},
            {"id": "z", "title": "Réfugiés", "body": "droits des réfugiés 🦀", "lang": "fr", "__proto__": "q"}
        ]"#);
        let schema = parse(r#"{"id": "id", "title": "title", "fields": {"title": {"boost": 2}, "body": {}}, "facets": ["lang", "__proto__"], "store": ["constructor", "n", "searchTerms"]}"#);
        let index = JsIndex::from_records(recs.clone(), schema.clone()).expect("valid records");
        let list: Vec<_> = Array::from(&recs).iter().map(|r| treatykit::convert::to_json(&r, "record").unwrap()).collect();
        let core = treatykit_core::records::index(list, &treatykit::convert::to_json(&schema, "schema").unwrap()).unwrap();
        for pass in 0..2 {
            for (q, opts) in [("refugees", JsValue::UNDEFINED), ("", object(&[("filters", object(&[("lang", s("fr"))]))])), ("migrant", JsValue::UNDEFINED), ("nothing", JsValue::UNDEFINED)] {
                let got = index.search(s(q), opts.clone()).unwrap();
                let want = parse(&core.search_json(q, &core_options(&opts)).unwrap());
                assert_eq!(stringify(&got), stringify(&want), "pass {pass}: {q:?}");
            }
            let got = index.facets(JsValue::UNDEFINED).unwrap();
            let want = parse(&core.facets_json(&Filters::default()).unwrap());
            assert_eq!(stringify(&got), stringify(&want), "pass {pass}: facets");
        }
        // `__proto__` is an own property, as JSON.parse makes it, not the prototype.
        let hit = array(&index.search(s("refugee law"), JsValue::UNDEFINED).unwrap(), "hits").get(0);
        assert_eq!(get(&hit, "id").as_string().as_deref(), Some("a"));
        assert!(Object::get_prototype_of(&hit) == Object::get_prototype_of(&Object::new()));
        let facets = index.facets(JsValue::UNDEFINED).unwrap();
        assert!(Object::keys(facets.unchecked_ref::<Object>()).iter().any(|k| k.as_string().as_deref() == Some("__proto__")));
        // A second index has its own documents and facets.
        let other = JsIndex::from_records(parse(r#"[{"id": "a", "title": "Other A", "body": "refugees elsewhere"}]"#), parse(r#"{"fields": {"title": {}, "body": {}}}"#)).unwrap();
        let hit = array(&other.search(s("refugees"), JsValue::UNDEFINED).unwrap(), "hits").get(0);
        assert_eq!(get(&hit, "title").as_string().as_deref(), Some("Other A"));
        let hit = array(&index.search(s("refugee law"), JsValue::UNDEFINED).unwrap(), "hits").get(0);
        assert_eq!(get(&hit, "title").as_string().as_deref(), Some("Refugee law"));
    }

    #[wasm_bindgen_test]
    fn index_answers_are_exactly_the_cores_json_answers_across_a_hundred_record_shapes() {
        // Each record stores a different subset of seven fields (some lists, one named like
        // an integer), so hits come in 100 shapes: more than js/answer.js keeps spread sites
        // for. Every page must still equal the JSON answer, and changing one answer's lists
        // must not change the next.
        let names = ["a", "b", "c", "d", "e", "2024", "tags"];
        let recs = Array::new();
        for i in 0..100u32 {
            let r = Object::new();
            Reflect::set(&r, &s("id"), &s(&format!("r{i}"))).unwrap();
            Reflect::set(&r, &s("title"), &s(&format!("Record {i}"))).unwrap();
            Reflect::set(&r, &s("body"), &s(&format!("shared words and number {i}"))).unwrap();
            for (bit, name) in names.iter().enumerate() {
                if i >> bit & 1 == 1 {
                    let value = if bit % 2 == 0 { list(&[s(name), n(f64::from(i))]) } else { s(&format!("{name}{i}")) };
                    Reflect::set(&r, &s(name), &value).unwrap();
                }
            }
            recs.push(&r);
        }
        let schema = parse(r#"{"fields": {"title": {"boost": 2}, "body": {}}, "facets": ["a"], "store": ["b", "c", "d", "e", "2024", "tags"]}"#);
        let index = JsIndex::from_records(recs.clone().into(), schema.clone()).expect("valid records");
        let list_of: Vec<_> = recs.iter().map(|r| treatykit::convert::to_json(&r, "record").unwrap()).collect();
        let core = treatykit_core::records::index(list_of, &treatykit::convert::to_json(&schema, "schema").unwrap()).unwrap();
        // Its warm-up searches come first and leave the answers as they were.
        assert!(!core.warm_up_queries().is_empty());
        index.prepare();
        for pass in 0..3 {
            for (q, opts) in [
                ("shared words", object(&[("limit", n(100.0))])),
                ("shared", object(&[("limit", n(30.0)), ("offset", n(40.0))])),
                ("record 7", JsValue::UNDEFINED),
            ] {
                let got = index.search(s(q), opts.clone()).unwrap();
                let want = parse(&core.search_json(q, &core_options(&opts)).unwrap());
                assert_eq!(stringify(&got), stringify(&want), "pass {pass}: {q:?}");
                for h in array(&got, "hits").iter() {
                    if let Ok(tags) = get(&h, "tags").dyn_into::<Array>() {
                        tags.push(&s("changed"));
                    }
                    Reflect::set(&h, &s("b"), &s("changed")).unwrap();
                }
            }
        }
    }

    #[wasm_bindgen_test]
    fn hits_keep_their_id_kind_and_title_when_facet_or_stored_fields_are_named_like_integers() {
        let recs = parse(r#"[
            {"id": "a", "title": "First", "body": "hello there", "2024": "yes", "0": 5, "7": ["x", "y"], "lang": "en"},
            {"id": 9, "title": "Second", "body": "hello again", "2024": "no", "lang": "fr"}
        ]"#);
        let schema = parse(r#"{"fields": {"body": {}}, "facets": ["2024", "lang"], "store": ["0", "7"]}"#);
        let index = JsIndex::from_records(recs.clone(), schema.clone()).expect("integer-like names are valid");
        let list: Vec<_> = Array::from(&recs).iter().map(|r| treatykit::convert::to_json(&r, "record").unwrap()).collect();
        let core = treatykit_core::records::index(list, &treatykit::convert::to_json(&schema, "schema").unwrap()).unwrap();
        for pass in 0..2 {
            let got = index.search(s("hello"), JsValue::UNDEFINED).unwrap();
            let want = parse(&core.search_json("hello", &core_options(&JsValue::UNDEFINED)).unwrap());
            assert_eq!(stringify(&got), stringify(&want), "pass {pass}");
        }
        let r = index.search(s("there"), JsValue::UNDEFINED).unwrap();
        let hit = array(&r, "hits").get(0);
        assert_eq!(get(&hit, "id").as_string().as_deref(), Some("a"));
        assert_eq!(get(&hit, "kind").as_string().as_deref(), Some("record"));
        assert_eq!(get(&hit, "title").as_string().as_deref(), Some("First"));
        assert_eq!(get(&hit, "2024").as_string().as_deref(), Some("yes"));
        assert_eq!(get(&hit, "0").as_f64(), Some(5.0));
        assert_eq!(array(&hit, "7").length(), 2);
    }

    /// `String(x)`, as JavaScript writes a number.
    fn js_string(x: f64) -> String {
        js_sys::Number::from(x).to_string_with_radix(10).expect("toString").into()
    }

    #[wasm_bindgen_test]
    fn number_ids_facet_values_stored_values_and_text_come_back_as_javascript_string_writes_them() {
        // Ids whose 15-digit forms collide, or differ from their own digits.
        let ids = [1234567890123456.0, 1_000_000_000_000_000.0, 1_000_000_000_000_001.0, 9_007_199_254_740_991.0, -9_007_199_254_740_991.0, 0.0, -1.0, 123.0];
        // Values on either side of the exponent boundaries, subnormals, a tie, -0.
        let values = [0.1 + 0.2, 5e-324, 1e21, 999_999_999_999_999_900_000.0, 1.5e-7, 0.000001, 2f64.powi(-25), -0.0];
        let recs: Vec<JsValue> = ids
            .iter()
            .enumerate()
            .map(|(i, &id)| object(&[("id", n(id)), ("title", n(values[i])), ("body", list(&[s("item"), n(values[i])])), ("price", n(values[i])), ("raw", n(values[i]))]))
            .collect();
        let schema = object(&[("fields", object(&[("body", object(&[]))])), ("facets", list(&[s("price")])), ("store", list(&[s("raw")]))]);
        let index = JsIndex::from_records(list(&recs), schema).expect("distinct safe-integer ids are distinct");
        let r = index.search(s("item"), object(&[("limit", n(100.0))])).unwrap();
        // Numbers given to a facet or stored field stay numbers on hits.
        let mut got: Vec<(String, String, f64, f64)> = array(&r, "hits")
            .iter()
            .map(|h| (get(&h, "id").as_string().unwrap(), get(&h, "title").as_string().unwrap(), get(&h, "price").as_f64().unwrap(), get(&h, "raw").as_f64().unwrap()))
            .collect();
        got.sort_by(|a, b| a.0.cmp(&b.0));
        let mut want: Vec<(String, String, f64, f64)> = ids.iter().zip(values).map(|(&id, v)| (js_string(id), js_string(v), v, v)).collect();
        want.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(got, want);
        let mut facet_values: Vec<String> = array(&index.facets(JsValue::UNDEFINED).unwrap(), "price").iter().map(|c| get(&c, "value").as_string().unwrap()).collect();
        facet_values.sort();
        let mut want: Vec<String> = values.iter().map(|&v| js_string(v)).collect();
        want.sort();
        assert_eq!(facet_values, want);
        for (&id, &v) in ids.iter().zip(&values) {
            // A filter given as the number selects the value written by String(); a number in
            // a text field is found by its String() digits.
            let filtered = index.search(s(""), object(&[("filters", object(&[("price", n(v))]))])).unwrap();
            let hits = array(&filtered, "hits");
            assert_eq!(hits.length(), 1, "price {}", js_string(v));
            assert_eq!(get(&hits.get(0), "id").as_string(), Some(js_string(id)));
            if v.abs() >= 1.0 {
                let found = index.search(s(&js_string(v)), JsValue::UNDEFINED).unwrap();
                assert_eq!(get(&found, "total").as_f64(), Some(1.0), "text {}", js_string(v));
            }
        }
    }
}
