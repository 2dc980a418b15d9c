// Rights-lookup boundary tests shared by tests/node.rs (Node) and tests/browser.rs (headless
// Chromium): the exports return plain objects with the documented camelCase fields, and bad
// arguments throw TypeError / RangeError with a stable `code` instead of trapping.
mod rights_boundary {
    use js_sys::{Array, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn get(v: &JsValue, key: &str) -> JsValue {
        Reflect::get(v, &JsValue::from_str(key)).expect("property read")
    }

    fn array(v: &JsValue, key: &str) -> Array {
        get(v, key)
            .dyn_into()
            .unwrap_or_else(|_| panic!("{key} is an array"))
    }

    fn text(v: &JsValue, key: &str) -> String {
        get(v, key)
            .as_string()
            .unwrap_or_else(|| panic!("{key} is a string"))
    }

    fn code_of(err: &JsValue) -> String {
        get(err, "code").as_string().unwrap_or_default()
    }

    fn message_of(err: &JsValue) -> String {
        get(err, "message").as_string().unwrap_or_default()
    }

    fn s(v: &str) -> JsValue {
        JsValue::from_str(v)
    }

    /// A plain JS object from `(key, value)` pairs.
    fn object(pairs: &[(&str, JsValue)]) -> JsValue {
        let o = Object::new();
        for (k, v) in pairs {
            Reflect::set(&o, &s(k), v).expect("set");
        }
        o.into()
    }

    fn is_plain_object(v: &JsValue) -> bool {
        v.is_object()
            && Object::get_prototype_of(v) == Object::get_prototype_of(&Object::new().into())
    }

    #[wasm_bindgen_test]
    fn categories_are_plain_objects_with_the_documented_fields_mimc_first() {
        let cats: Array = treatykit::categories()
            .expect("categories works")
            .dyn_into()
            .unwrap();
        assert!(cats.length() >= 2);
        let mut seen_cross_cutting = false;
        for c in cats.iter() {
            assert!(is_plain_object(&c), "a plain object, not a Map");
            for key in ["id", "label", "definition", "definitionSource", "group"] {
                assert!(!text(&c, key).is_empty(), "category.{key}");
            }
            assert!(get(&c, "mimcChapterCertain").as_bool().is_some());
            assert!(get(&c, "inheritsEstablished").as_bool().is_some());
            assert!(Array::is_array(&get(&c, "inherits")));
            let chapter = get(&c, "mimcChapter");
            assert!(
                chapter.is_null() || chapter.as_string().is_some(),
                "mimcChapter: string or null"
            );
            match text(&c, "group").as_str() {
                "mimc" => assert!(!seen_cross_cutting, "MIMC groups come first"),
                "cross-cutting" => seen_cross_cutting = true,
                other => panic!("unknown group {other}"),
            }
        }
        assert_eq!(text(&cats.get(0), "id"), "visitor");
    }

    #[wasm_bindgen_test]
    fn rights_of_a_refugee_include_inherited_consular_access_with_its_chain_and_anchors() {
        let answer = treatykit::rights(s("refugee"), None).expect("rights works");
        assert_eq!(text(&get(&answer, "category"), "id"), "refugee");
        let list = array(&answer, "rights");
        let consular = list
            .iter()
            .find(|r| text(r, "id") == "consular-notification-access")
            .expect("refugees hold consular access");
        assert_eq!(text(&consular, "grantedTo"), "visitor");
        let via: Vec<String> = array(&consular, "inheritedVia")
            .iter()
            .filter_map(|v| v.as_string())
            .collect();
        assert_eq!(via, ["refugee", "visitor"]);
        assert_eq!(text(&consular, "holderRole"), "right");
        let anchors = array(&consular, "anchors");
        assert!(anchors.length() >= 1);
        let vccr = anchors
            .iter()
            .find(|a| text(a, "instrumentId") == "vccr")
            .expect("anchored in the VCCR");
        assert_eq!(text(&vccr, "instrumentShortName"), "VCCR");
        assert!(text(&vccr, "article").starts_with("36"));
        assert_eq!(get(&vccr, "binding").as_bool(), Some(true));
        assert!(["high", "medium", "low"].contains(&text(&vccr, "confidence").as_str()));
        assert!(get(&vccr, "verified").as_bool().is_some());
    }

    #[wasm_bindgen_test]
    fn rights_options_filter_by_group_and_binding_status() {
        let all = array(&treatykit::rights(s("refugee"), None).unwrap(), "rights").length();
        let opts = object(&[("group", s("state-right"))]);
        let state = array(
            &treatykit::rights(s("refugee"), Some(opts)).unwrap(),
            "rights",
        );
        assert!(state.length() >= 1 && state.length() < all);
        for r in state.iter() {
            assert_eq!(text(&r, "group"), "state-right");
            assert_eq!(text(&r, "holderRole"), "state-power");
        }
        let opts = object(&[
            ("bindingOnly", JsValue::TRUE),
            ("group", JsValue::UNDEFINED),
        ]);
        let binding = array(
            &treatykit::rights(s("refugee"), Some(opts)).unwrap(),
            "rights",
        );
        assert!(
            binding
                .iter()
                .all(|r| get(&r, "binding").as_bool() == Some(true))
        );
        assert!(binding.length() <= all);
        // null and an empty object mean "no options".
        for none in [JsValue::NULL, object(&[])] {
            let same = array(
                &treatykit::rights(s("refugee"), Some(none)).unwrap(),
                "rights",
            );
            assert_eq!(same.length(), all);
        }
    }

    #[wasm_bindgen_test]
    fn compare_rights_splits_refugee_and_tourist_rights_into_three_lists() {
        let cmp = treatykit::compare_rights(s("refugee"), s("tourist")).expect("compare works");
        let ids = |key: &str| -> Vec<String> {
            array(&cmp, key).iter().map(|r| text(&r, "id")).collect()
        };
        assert!(ids("onlyA").contains(&"non-refoulement-refugees".to_string()));
        assert!(ids("onlyB").contains(&"tourist-liberty-of-movement".to_string()));
        assert!(ids("both").contains(&"consular-notification-access".to_string()));
        assert!(!text(&array(&cmp, "onlyA").get(0), "name").is_empty());
    }

    /// The entry of `id` in `list`.
    fn entry(list: &Array, id: &str) -> JsValue {
        list.iter()
            .find(|r| text(r, "id") == id)
            .unwrap_or_else(|| panic!("{id} is listed"))
    }

    fn strings(v: &JsValue, key: &str) -> Vec<String> {
        array(v, key).iter().filter_map(|x| x.as_string()).collect()
    }

    #[wasm_bindgen_test]
    fn compare_rights_flags_each_side_whose_hold_rests_on_an_assumed_link() {
        // An investor holds trade-union rights only through the assumed link to migrant workers.
        let cmp = treatykit::compare_rights(s("investor-resident"), s("student")).unwrap();
        let r = entry(&array(&cmp, "onlyA"), "trade-union-rights");
        assert_eq!(get(&r, "establishedA").as_bool(), Some(false));
        assert!(get(&r, "establishedB").is_undefined(), "absent for the side not holding it");
        let cmp = treatykit::compare_rights(s("migrant-worker"), s("investor-resident")).unwrap();
        let r = entry(&array(&cmp, "both"), "trade-union-rights");
        assert_eq!(get(&r, "establishedA").as_bool(), Some(true));
        assert_eq!(get(&r, "establishedB").as_bool(), Some(false));
        // What both hold from the visitor floor is established on both sides.
        let r = entry(&array(&cmp, "both"), "consular-notification-access");
        assert_eq!(get(&r, "establishedA").as_bool(), Some(true));
        assert_eq!(get(&r, "establishedB").as_bool(), Some(true));
    }

    #[wasm_bindgen_test]
    fn right_and_its_search_hit_list_the_holders_whose_hold_rests_on_an_assumed_link() {
        let r = treatykit::right(s("trade-union-rights")).unwrap();
        let held_by = strings(&r, "heldBy");
        assert!(held_by.contains(&"investor-resident".to_string()));
        assert_eq!(strings(&r, "heldByAssumed"), ["investor-resident"]);
        let found = treatykit::search(s("trade union"), JsValue::UNDEFINED).unwrap();
        let hit = entry(&array(&found, "hits"), "trade-union-rights");
        assert_eq!(strings(&hit, "heldBy"), held_by);
        assert_eq!(strings(&hit, "heldByAssumed"), ["investor-resident"]);
        // Empty when every hold is established.
        let r = treatykit::right(s("recovery-reflection-period")).unwrap();
        assert_eq!(array(&r, "heldByAssumed").length(), 0);
    }

    #[wasm_bindgen_test]
    fn who_holds_and_right_describe_one_right_with_its_holders_and_party_counts() {
        let holders: Array = treatykit::who_holds(s("recovery-reflection-period"))
            .unwrap()
            .dyn_into()
            .unwrap();
        assert_eq!(holders.length(), 1);
        assert_eq!(text(&holders.get(0), "id"), "trafficking-victim");
        assert_eq!(get(&holders.get(0), "own").as_bool(), Some(true));

        let r = treatykit::right(s("consular-notification-access")).expect("right works");
        assert_eq!(text(&r, "id"), "consular-notification-access");
        let held_by = array(&r, "heldBy");
        let cats: Array = treatykit::categories().unwrap().dyn_into().unwrap();
        assert_eq!(
            held_by.length(),
            cats.length(),
            "every category holds consular access"
        );
        let vccr = array(&r, "anchors")
            .iter()
            .find(|a| text(a, "instrumentId") == "vccr")
            .unwrap();
        let parties = get(&vccr, "parties");
        assert!(get(&parties, "count").as_f64().is_some_and(|n| n > 0.0));
        assert!(!text(&parties, "asOf").is_empty());
        assert!(!text(&parties, "source").is_empty());
        assert!(get(&parties, "verified").as_bool().is_some());
    }

    #[wasm_bindgen_test]
    fn unknown_ids_throw_range_errors_with_codes_that_list_valid_ids() {
        let cases: Vec<(JsValue, &str, &str)> = vec![
            (
                treatykit::rights(s("astronaut"), None).unwrap_err(),
                "UNKNOWN_CATEGORY",
                "refugee",
            ),
            (
                treatykit::compare_rights(s("refugee"), s("nobody")).unwrap_err(),
                "UNKNOWN_CATEGORY",
                "tourist",
            ),
            (
                treatykit::who_holds(s("flying")).unwrap_err(),
                "UNKNOWN_RIGHT",
                "family-reunification",
            ),
            (
                treatykit::right(s("")).unwrap_err(),
                "UNKNOWN_RIGHT",
                "non-refoulement-refugees",
            ),
        ];
        for (err, code, listed) in cases {
            assert!(
                err.is_instance_of::<js_sys::RangeError>(),
                "RangeError for {code}"
            );
            assert_eq!(code_of(&err), code);
            assert!(message_of(&err).contains(listed), "{}", message_of(&err));
        }
    }

    #[wasm_bindgen_test]
    fn non_string_ids_throw_type_errors_and_the_module_keeps_working() {
        let bad = [
            JsValue::UNDEFINED,
            JsValue::NULL,
            JsValue::from_f64(1.0),
            Array::new().into(),
            object(&[]),
        ];
        for v in bad {
            for err in [
                treatykit::rights(v.clone(), None).unwrap_err(),
                treatykit::compare_rights(v.clone(), s("refugee")).unwrap_err(),
                treatykit::compare_rights(s("refugee"), v.clone()).unwrap_err(),
                treatykit::who_holds(v.clone()).unwrap_err(),
                treatykit::right(v.clone()).unwrap_err(),
            ] {
                assert!(err.is_instance_of::<js_sys::TypeError>());
                assert_eq!(code_of(&err), "INVALID_ARGUMENT");
            }
        }
        assert!(treatykit::rights(s("refugee"), None).is_ok());
    }

    #[wasm_bindgen_test]
    fn hostile_options_throw_invalid_argument_naming_the_bad_value() {
        let cases: Vec<(JsValue, bool, &str)> = vec![
            // (options, is TypeError (else RangeError), text the message must contain)
            (object(&[("group", s("flying"))]), false, "flying"),
            (object(&[("group", s("flying"))]), false, "mobility"),
            (object(&[("group", JsValue::from_f64(3.0))]), true, "number"),
            (object(&[("bindingOnly", s("yes"))]), true, "bindingOnly"),
            (
                object(&[("bindingOnly", JsValue::from_f64(1.0))]),
                true,
                "boolean",
            ),
            (object(&[("limit", JsValue::from_f64(5.0))]), true, "limit"),
            (
                object(&[("binding_only", JsValue::TRUE)]),
                true,
                "bindingOnly",
            ),
            (s("protection"), true, "options must be a plain object"),
            (JsValue::from_f64(1.0), true, "number"),
            (Array::of1(&s("group")).into(), true, "array"),
            (JsValue::TRUE, true, "boolean"),
            (js_sys::Map::new().into(), true, "a Map"),
        ];
        for (opts, type_error, needle) in cases {
            let err = treatykit::rights(s("refugee"), Some(opts)).expect_err("bad options");
            assert_eq!(code_of(&err), "INVALID_ARGUMENT");
            if type_error {
                assert!(
                    err.is_instance_of::<js_sys::TypeError>(),
                    "{}",
                    message_of(&err)
                );
            } else {
                assert!(
                    err.is_instance_of::<js_sys::RangeError>(),
                    "{}",
                    message_of(&err)
                );
            }
            assert!(
                message_of(&err).contains(needle),
                "{needle}: {}",
                message_of(&err)
            );
        }
        // A symbol key is not an option either.
        let o = object(&[]);
        Reflect::set(&o, &js_sys::Symbol::for_("group").into(), &s("civil")).unwrap();
        let err = treatykit::rights(s("refugee"), Some(o)).expect_err("symbol key");
        assert_eq!(code_of(&err), "INVALID_ARGUMENT");
    }

    #[wasm_bindgen_test]
    fn search_finds_the_family_reunification_right_and_shows_who_holds_it() {
        let result = treatykit::search(s("family reunification"), JsValue::UNDEFINED).expect("search works");
        let hit = array(&result, "hits")
            .iter()
            .find(|h| text(h, "id") == "family-reunification")
            .expect("the right is a search hit");
        assert_eq!(text(&hit, "kind"), "right");
        let held_by: Vec<String> = array(&hit, "heldBy")
            .iter()
            .filter_map(|v| v.as_string())
            .collect();
        assert!(held_by.contains(&"refugee".to_string()));
        assert!(held_by.contains(&"family-member".to_string()));
        assert!(!held_by.contains(&"tourist".to_string()));
    }
}
