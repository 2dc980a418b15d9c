//! The rights lookup on the real corpus (`corpus/`): known facts, the cumulative invariants,
//! the honesty rules, the search integration; and its behaviour on small inline corpora
//! (chains, ties, tolerance of broken data, hostile options).

use std::collections::BTreeSet;
use std::sync::OnceLock;
use treatykit_core::authoring;
use treatykit_core::catalog::Catalog;
use treatykit_core::rights::{HolderRole, OptionValue, Rights, RightsOptions};
use treatykit_core::schema::{Confidence, Corpus, RightGroup};
use treatykit_core::search::SearchOptions;
use treatykit_core::validate::mimc_article_numbers;
use treatykit_core::{Code, JsClass, format};

fn real() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
        let compiled = authoring::compile_dir(&dir).unwrap_or_else(|problems| {
            let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
            panic!("the real corpus does not validate:\n{}", lines.join("\n"))
        });
        Catalog::from_bytes(&format::encode(&compiled)).expect("the real corpus decodes")
    })
}

fn rights() -> &'static Rights {
    real().rights()
}

fn corpus() -> &'static Corpus {
    real().corpus()
}

fn held(category: &str) -> BTreeSet<String> {
    rights()
        .rights(category, &RightsOptions::default())
        .expect("known category")
        .rights
        .into_iter()
        .map(|r| r.id)
        .collect()
}

/// Does `article` cite `wanted` itself or one of its paragraphs ("36" matches "36(1)(b)")?
fn cites(article: &str, wanted: &str) -> bool {
    article == wanted
        || article
            .strip_prefix(wanted)
            .is_some_and(|rest| rest.starts_with('('))
}

// ---- Known facts -------------------------------------------------------------------------

#[test]
fn known_facts_hold_each_with_its_anchor_in_the_named_instrument_and_article() {
    // (category, right, instrument, article): "*" means every category.
    let table = [
        (
            "refugee",
            "non-refoulement-refugees",
            "refugee-convention",
            "33(1)",
        ),
        ("*", "consular-notification-access", "vccr", "36"),
        (
            "trafficking-victim",
            "recovery-reflection-period",
            "coe-trafficking",
            "13",
        ),
        ("refugee", "non-refoulement-torture", "cat", "3"),
        (
            "migrant-worker",
            "equal-pay-working-conditions",
            "icrmw",
            "25",
        ),
    ];
    for (category, right, instrument, article) in table {
        let categories: Vec<String> = if category == "*" {
            rights()
                .category_ids()
                .iter()
                .map(|s| s.to_string())
                .collect()
        } else {
            vec![category.to_string()]
        };
        for c in categories {
            let answer = rights().rights(&c, &RightsOptions::default()).unwrap();
            let r = answer
                .rights
                .iter()
                .find(|r| r.id == right)
                .unwrap_or_else(|| panic!("{c} should hold {right}"));
            assert!(
                r.anchors
                    .iter()
                    .any(|a| a.instrument_id == instrument && cites(&a.article, article)),
                "{c}: {right} should be anchored in {instrument} art. {article}, got {:?}",
                r.anchors
                    .iter()
                    .map(|a| format!("{} {}", a.instrument_id, a.article))
                    .collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn refugee_holds_non_refoulement_directly_and_consular_access_through_the_visitor_floor() {
    let answer = rights()
        .rights("refugee", &RightsOptions::default())
        .unwrap();
    let find = |id: &str| answer.rights.iter().find(|r| r.id == id).unwrap();
    let own = find("non-refoulement-refugees");
    assert!(own.own);
    assert_eq!(own.granted_to, "refugee");
    assert_eq!(own.inherited_via, ["refugee"]);
    let floor = find("consular-notification-access");
    assert!(!floor.own);
    assert_eq!(floor.granted_to, "visitor");
    assert_eq!(floor.inherited_via, ["refugee", "visitor"]);
}

#[test]
fn rights_seen_per_category_match_the_reference_counts() {
    // Rights of the person (State powers and duties excluded) after inheritance, as tabulated
    // in shared/facts/rights.md section 1, from which corpus/ was written.
    let table = [
        ("visitor", 30),
        ("tourist", 34),
        ("student", 32),
        ("migrant-worker", 52),
        ("investor-resident", 54),
        ("forced-migrant", 32),
        ("refugee", 50),
        ("trafficking-victim", 39),
        ("migrant-in-crisis", 33),
        ("stateless-person", 44),
        ("asylum-seeker", 33),
        ("migrant-child", 40),
        ("family-member", 35),
        ("irregular-migrant", 32),
        ("smuggled-migrant", 33),
    ];
    for (category, expected) in table {
        let n = rights()
            .rights(category, &RightsOptions::default())
            .unwrap()
            .rights
            .iter()
            .filter(|r| r.holder_role == HolderRole::Right)
            .count();
        assert_eq!(n, expected, "{category}");
    }
}

#[test]
fn comparing_refugee_with_tourist_puts_refugee_protections_in_only_a() {
    let cmp = rights().compare("refugee", "tourist").unwrap();
    let ids = |list: &[treatykit_core::rights::RightRef]| -> BTreeSet<String> {
        list.iter().map(|r| r.id.clone()).collect()
    };
    let (only_a, only_b, both) = (ids(&cmp.only_a), ids(&cmp.only_b), ids(&cmp.both));
    for refugee_specific in [
        "non-refoulement-refugees",
        "refugee-non-penalisation",
        "travel-documents-refugees-stateless",
        "identity-papers-refugees-stateless",
        "right-to-work-refugees-stateless",
    ] {
        assert!(only_a.contains(refugee_specific), "{refugee_specific}");
    }
    assert!(only_b.contains("tourist-liberty-of-movement"));
    assert!(both.contains("consular-notification-access"));
    assert!(both.contains("non-refoulement-torture"));
    // The three lists partition the two cumulative sets.
    let union_a: BTreeSet<String> = only_a.union(&both).cloned().collect();
    let union_b: BTreeSet<String> = only_b.union(&both).cloned().collect();
    assert_eq!(union_a, held("refugee"));
    assert_eq!(union_b, held("tourist"));
    assert!(only_a.is_disjoint(&only_b));
    assert_eq!(cmp.a, "refugee");
    assert_eq!(cmp.b, "tourist");
}

#[test]
fn compared_rights_say_for_each_side_holding_them_whether_the_hold_rests_on_an_assumed_link() {
    // Every pair of categories: a side's flag is present exactly when that side holds the right,
    // and equals `inheritanceEstablished` of that side's `rights()`.
    let ids = rights().category_ids();
    let established = |c: &str| -> std::collections::BTreeMap<String, bool> {
        rights()
            .rights(c, &RightsOptions::default())
            .unwrap()
            .rights
            .into_iter()
            .map(|r| (r.id, r.inheritance_established))
            .collect()
    };
    let mut assumed_seen = 0;
    for a in &ids {
        let held_a = established(a);
        for b in &ids {
            let held_b = established(b);
            let cmp = rights().compare(a, b).unwrap();
            for (list, in_a, in_b) in [
                (&cmp.only_a, true, false),
                (&cmp.only_b, false, true),
                (&cmp.both, true, true),
            ] {
                for r in list {
                    let want_a = held_a.get(&r.id).copied();
                    let want_b = held_b.get(&r.id).copied();
                    assert_eq!(want_a.is_some(), in_a, "{a} {b} {}", r.id);
                    assert_eq!(want_b.is_some(), in_b, "{a} {b} {}", r.id);
                    assert_eq!((r.established_a, r.established_b), (want_a, want_b));
                    assumed_seen += usize::from(r.established_a == Some(false));
                }
            }
        }
    }
    assert!(
        assumed_seen > 0,
        "some compared hold rests on an assumed link"
    );
    // The known case: an investor holds trade-union rights only through the assumed link to
    // migrant workers; a student does not hold them; a migrant worker holds them as its own.
    let cmp = rights().compare("investor-resident", "student").unwrap();
    let r = cmp
        .only_a
        .iter()
        .find(|r| r.id == "trade-union-rights")
        .unwrap();
    assert_eq!((r.established_a, r.established_b), (Some(false), None));
    let json = serde_json::to_value(r).unwrap();
    assert_eq!(json["establishedA"], false);
    assert!(
        json.get("establishedB").is_none(),
        "absent for the side not holding it"
    );
    let cmp = rights()
        .compare("migrant-worker", "investor-resident")
        .unwrap();
    let r = cmp
        .both
        .iter()
        .find(|r| r.id == "trade-union-rights")
        .unwrap();
    assert_eq!(
        (r.established_a, r.established_b),
        (Some(true), Some(false))
    );
    let json = serde_json::to_value(r).unwrap();
    assert_eq!(
        (&json["establishedA"], &json["establishedB"]),
        (&true.into(), &false.into())
    );
}

#[test]
fn right_detail_lists_the_holders_whose_hold_rests_on_an_assumed_link() {
    let mut assumed_seen = 0;
    for id in rights().right_ids() {
        let detail = rights().right(id).unwrap();
        let holders = rights().who_holds(id).unwrap();
        let assumed: Vec<String> = holders
            .iter()
            .filter(|h| !h.inheritance_established)
            .map(|h| h.id.clone())
            .collect();
        assert_eq!(detail.held_by_assumed, assumed, "{id}");
        assert!(
            assumed.iter().all(|c| detail.held_by.contains(c)),
            "{id}: heldByAssumed is a part of heldBy"
        );
        assumed_seen += assumed.len();
    }
    assert_eq!(
        assumed_seen, 26,
        "the 26 category-right pairs the audit counted"
    );
    let detail = rights().right("trade-union-rights").unwrap();
    assert_eq!(detail.held_by_assumed, ["investor-resident"]);
    let json = serde_json::to_value(&detail).unwrap();
    assert_eq!(
        json["heldByAssumed"],
        serde_json::json!(["investor-resident"])
    );
    // Empty, not absent, when every hold is established.
    let json = serde_json::to_value(rights().right("recovery-reflection-period").unwrap()).unwrap();
    assert_eq!(json["heldByAssumed"], serde_json::json!([]));
}

#[test]
fn who_holds_lists_every_category_for_a_floor_right_and_one_for_a_specific_right() {
    let all = rights().who_holds("consular-notification-access").unwrap();
    assert_eq!(
        all.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        rights().category_ids()
    );
    assert!(all.iter().all(|h| h.granted_to == "visitor"));
    let one = rights().who_holds("recovery-reflection-period").unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].id, "trafficking-victim");
    assert!(one[0].own);
}

#[test]
fn who_holds_agrees_with_rights_for_every_right_and_category() {
    for right in rights().right_ids() {
        let holders: BTreeSet<String> = rights()
            .who_holds(right)
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect();
        let expected: BTreeSet<String> = rights()
            .category_ids()
            .into_iter()
            .filter(|c| held(c).contains(right))
            .map(String::from)
            .collect();
        assert_eq!(holders, expected, "{right}");
        assert!(!holders.is_empty(), "{right} is held by nobody");
    }
}

// ---- Cumulative invariants ---------------------------------------------------------------

#[test]
fn every_category_holds_everything_a_visitor_holds() {
    let floor = held("visitor");
    assert!(!floor.is_empty());
    for c in rights().category_ids() {
        let mine = held(c);
        let missing: Vec<_> = floor.difference(&mine).collect();
        assert!(missing.is_empty(), "{c} lacks {missing:?}");
    }
}

#[test]
fn a_category_holds_everything_each_category_it_inherits_from_holds() {
    let mut links = 0;
    for cat in rights().categories() {
        for parent in &cat.inherits {
            links += 1;
            let (child, parent_rights) = (held(&cat.id), held(parent));
            let missing: Vec<_> = parent_rights.difference(&child).collect();
            assert!(
                missing.is_empty(),
                "{} → {parent}: lacks {missing:?}",
                cat.id
            );
        }
    }
    assert!(links >= 14, "the real corpus has inheritance links");
}

#[test]
fn categories_come_in_mimc_order_first_then_cross_cutting() {
    let cats = rights().categories();
    assert_eq!(cats.len(), corpus().categories.len());
    let first_cross = cats
        .iter()
        .position(|c| c.group.as_str() == "cross-cutting")
        .expect("cross-cutting categories exist");
    assert!(
        cats[..first_cross]
            .iter()
            .all(|c| c.group.as_str() == "mimc")
    );
    assert!(
        cats[first_cross..]
            .iter()
            .all(|c| c.group.as_str() == "cross-cutting")
    );
    assert_eq!(cats[0].id, "visitor");
    let mimc: Vec<_> = cats[..first_cross]
        .iter()
        .map(|c| c.mimc_chapter.clone())
        .collect();
    assert_eq!(mimc[0].as_deref(), Some("I"));
}

// ---- Anchors ------------------------------------------------------------------------------

#[test]
fn every_right_has_an_anchor_and_every_anchor_resolves_to_an_instrument_record() {
    assert!(corpus().rights.len() >= 100);
    for id in rights().right_ids() {
        let r = rights().right(id).unwrap();
        assert!(!r.anchors.is_empty(), "{id} has no anchor");
        for a in &r.anchors {
            let inst = corpus()
                .instruments
                .iter()
                .find(|i| i.id == a.instrument_id)
                .unwrap_or_else(|| panic!("{id}: no instrument `{}`", a.instrument_id));
            assert_eq!(a.instrument_short_name, inst.short_name);
            assert_eq!(a.instrument_title, inst.title);
            assert_eq!(a.binding, inst.binding);
            assert_eq!(
                a.parties.as_ref().map(|p| (p.count, p.verified)),
                inst.parties.as_ref().map(|p| (p.count, p.verified))
            );
        }
    }
}

#[test]
fn right_detail_carries_the_party_count_of_the_vienna_convention() {
    let r = rights().right("consular-notification-access").unwrap();
    let vccr = r
        .anchors
        .iter()
        .find(|a| a.instrument_id == "vccr")
        .expect("VCCR anchor");
    let parties = vccr.parties.as_ref().expect("VCCR has a party count");
    assert!(parties.count.is_some_and(|n| n > 150));
    assert!(parties.as_of.is_some());
    assert!(vccr.binding);
    assert_eq!(r.held_by.len(), rights().category_ids().len());
}

// ---- Honesty rules ------------------------------------------------------------------------

/// Every string in a JSON value.
fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[test]
fn no_mimc_article_number_appears_in_any_output() {
    assert!(corpus().articles.is_empty(), "no [[article]] record exists");
    let mut outputs = vec![serde_json::to_value(rights().categories()).unwrap()];
    for c in rights().category_ids() {
        let answer = rights().rights(c, &RightsOptions::default()).unwrap();
        outputs.push(serde_json::to_value(answer).unwrap());
    }
    for r in rights().right_ids() {
        outputs.push(serde_json::to_value(rights().right(r).unwrap()).unwrap());
        outputs.push(serde_json::to_value(rights().who_holds(r).unwrap()).unwrap());
    }
    let mut texts = Vec::new();
    outputs.iter().for_each(|v| strings(v, &mut texts));
    assert!(
        texts.iter().any(|t| t.contains("MIMC")),
        "the check reads real text"
    );
    for t in texts {
        assert_eq!(mimc_article_numbers(&t), Vec::<u16>::new(), "{t}");
    }
    // No anchor points at the MIMC itself.
    for r in &corpus().rights {
        assert!(r.anchors.iter().all(|a| a.instrument != "mimc"), "{}", r.id);
    }
}

#[test]
fn assumed_inheritance_is_carried_to_categories_and_to_inherited_rights() {
    let assumed: Vec<String> = corpus()
        .categories
        .iter()
        .filter(|c| !c.inherits_established)
        .map(|c| c.id.clone())
        .collect();
    assert!(assumed.contains(&"refugee".to_string()));
    for cat in rights().categories() {
        assert_eq!(cat.inherits_established, !assumed.contains(&cat.id));
        let answer = rights().rights(&cat.id, &RightsOptions::default()).unwrap();
        assert_eq!(
            answer.category.inherits_established,
            cat.inherits_established
        );
        for r in &answer.rights {
            // A right is established only if no link of its chain is marked as an assumption.
            let chain_assumed = r.inherited_via.windows(2).any(|link| {
                let from = corpus()
                    .categories
                    .iter()
                    .find(|c| c.id == link[0])
                    .unwrap();
                from.link_assumed(&link[1])
            });
            assert_eq!(
                r.inheritance_established, !chain_assumed,
                "{} {}",
                cat.id, r.id
            );
        }
    }
    // A refugee reaches humanitarian admission only through the assumed forced-migrant link.
    let refugee = rights()
        .rights("refugee", &RightsOptions::default())
        .unwrap();
    let held = |id: &str| refugee.rights.iter().find(|r| r.id == id).unwrap();
    let r = held("humanitarian-admission");
    assert_eq!(r.inherited_via, ["refugee", "forced-migrant"]);
    assert!(!r.inheritance_established);
    let json = serde_json::to_value(&refugee.category).unwrap();
    assert_eq!(json["inheritsEstablished"], false);
    assert_eq!(
        json["inheritsAssumed"],
        serde_json::json!(["forced-migrant"])
    );
    // Only that link is assumed: what a refugee holds as a visitor is established.
    let floor = held("leave-any-country");
    assert_eq!(floor.inherited_via, ["refugee", "visitor"]);
    assert!(floor.inheritance_established);
    assert!(json["inheritsNote"].as_str().is_some_and(|n| !n.is_empty()));
}

#[test]
fn confidence_and_verification_flags_reach_every_anchor_unchanged() {
    let mut medium = 0;
    for r in &corpus().rights {
        let detail = rights().right(&r.id).unwrap();
        assert_eq!(detail.anchors.len(), r.anchors.len());
        for (out, data) in detail.anchors.iter().zip(&r.anchors) {
            assert_eq!(
                (out.confidence, out.verified),
                (data.confidence, data.verified)
            );
            assert_eq!(out.article, data.article);
            medium += usize::from(out.confidence != Confidence::High);
        }
        for cat in rights().category_ids() {
            let answer = rights().rights(cat, &RightsOptions::default()).unwrap();
            if let Some(h) = answer.rights.iter().find(|h| h.id == r.id) {
                let short: Vec<_> = detail.anchors.iter().map(|a| a.short()).collect();
                assert_eq!(h.anchors, short);
            }
        }
    }
    assert!(
        medium > 0,
        "the corpus has anchors that are not high confidence"
    );
}

#[test]
fn state_powers_and_duties_are_labelled_as_what_they_are() {
    let table = [
        (
            RightGroup::StateRight,
            HolderRole::StatePower,
            "state-power",
        ),
        (RightGroup::Responsibility, HolderRole::Duty, "duty"),
        (RightGroup::Protection, HolderRole::Right, "right"),
    ];
    for (group, role, js) in table {
        let opts = RightsOptions {
            group: Some(group),
            binding_only: false,
        };
        let answer = rights().rights("refugee", &opts).unwrap();
        assert!(!answer.rights.is_empty(), "{group:?}");
        for r in &answer.rights {
            assert_eq!(r.holder_role, role);
            let json = serde_json::to_value(r).unwrap();
            assert_eq!(json["holderRole"], js);
            if role != HolderRole::Right {
                assert!(r.holder_role_label.contains("not a right"));
            }
        }
    }
}

#[test]
fn results_use_the_javascript_field_names_of_the_issue() {
    let cat = serde_json::to_value(&rights().categories()[0]).unwrap();
    for key in [
        "id",
        "label",
        "definition",
        "definitionSource",
        "group",
        "mimcChapter",
        "mimcChapterCertain",
        "inherits",
        "inheritsEstablished",
    ] {
        assert!(cat.get(key).is_some(), "category.{key}");
    }
    let answer = serde_json::to_value(
        rights()
            .rights("refugee", &RightsOptions::default())
            .unwrap(),
    )
    .unwrap();
    let first = &answer["rights"][0];
    for key in [
        "id",
        "name",
        "description",
        "group",
        "grantedTo",
        "inheritedVia",
        "anchors",
        "holderRole",
    ] {
        assert!(first.get(key).is_some(), "right.{key}");
    }
    let anchor = &first["anchors"][0];
    for key in [
        "instrumentId",
        "instrumentShortName",
        "article",
        "binding",
        "confidence",
        "verified",
    ] {
        assert!(anchor.get(key).is_some(), "anchor.{key}");
    }
    let cmp = serde_json::to_value(rights().compare("refugee", "tourist").unwrap()).unwrap();
    for key in ["onlyA", "onlyB", "both"] {
        assert!(cmp[key].is_array(), "{key}");
    }
    let detail =
        serde_json::to_value(rights().right("consular-notification-access").unwrap()).unwrap();
    let parties = &detail["anchors"][0]["parties"];
    for key in ["count", "asOf", "source", "verified"] {
        assert!(parties.get(key).is_some(), "parties.{key}");
    }
}

// ---- Options -----------------------------------------------------------------------------

#[test]
fn the_group_option_keeps_only_that_group_and_loses_nothing_of_it() {
    let all = rights()
        .rights("migrant-worker", &RightsOptions::default())
        .unwrap()
        .rights;
    let mut total = 0;
    for group in RightGroup::ALL {
        let opts = RightsOptions {
            group: Some(group),
            binding_only: false,
        };
        let some = rights().rights("migrant-worker", &opts).unwrap().rights;
        assert!(some.iter().all(|r| r.group == group));
        assert_eq!(some.len(), all.iter().filter(|r| r.group == group).count());
        total += some.len();
    }
    assert_eq!(total, all.len());
}

#[test]
fn binding_only_keeps_exactly_the_rights_with_a_binding_anchor() {
    let opts = RightsOptions {
        group: None,
        binding_only: true,
    };
    for c in rights().category_ids() {
        let all = rights()
            .rights(c, &RightsOptions::default())
            .unwrap()
            .rights;
        let binding = rights().rights(c, &opts).unwrap().rights;
        let expected: Vec<&str> = all
            .iter()
            .filter(|r| r.anchors.iter().any(|a| a.binding))
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(
            binding.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            expected
        );
        assert!(binding.iter().all(|r| r.binding));
    }
    // Some right rests on non-binding texts only, so the filter is not a no-op.
    assert!(
        rights()
            .right_ids()
            .iter()
            .any(|r| !rights().right(r).unwrap().binding)
    );
}

#[test]
fn option_entries_are_read_or_rejected_with_a_message_naming_the_problem() {
    let s = |v: &str| OptionValue::Str(v.into());
    let other = |t: &str| OptionValue::Other(t.into());
    type Expected = Result<(Option<RightGroup>, bool), (JsClass, &'static str)>;
    let table: Vec<(Vec<(&str, OptionValue)>, Expected)> = vec![
        (vec![], Ok((None, false))),
        (
            vec![("group", s("protection"))],
            Ok((Some(RightGroup::Protection), false)),
        ),
        (
            vec![
                ("group", s("state-right")),
                ("bindingOnly", OptionValue::Bool(true)),
            ],
            Ok((Some(RightGroup::StateRight), true)),
        ),
        (
            vec![
                ("group", OptionValue::Absent),
                ("bindingOnly", OptionValue::Absent),
            ],
            Ok((None, false)),
        ),
        (
            vec![("group", s("Protection"))],
            Err((JsClass::RangeError, "valid groups: mobility, civil")),
        ),
        (
            vec![("group", s(""))],
            Err((JsClass::RangeError, "unknown right group ``")),
        ),
        (
            vec![("group", other("number"))],
            Err((JsClass::TypeError, "must be a string, got number")),
        ),
        (
            vec![("bindingOnly", s("yes"))],
            Err((
                JsClass::TypeError,
                "bindingOnly must be a boolean, got string",
            )),
        ),
        (
            vec![("bindingOnly", other("number"))],
            Err((JsClass::TypeError, "got number")),
        ),
        (
            vec![("binding_only", OptionValue::Bool(true))],
            Err((
                JsClass::TypeError,
                "unknown option `binding_only`; valid options: group, bindingOnly",
            )),
        ),
        (
            vec![("limit", other("number"))],
            Err((JsClass::TypeError, "unknown option `limit`")),
        ),
    ];
    for (entries, expected) in table {
        let entries: Vec<(String, OptionValue)> = entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let got = RightsOptions::from_entries(&entries);
        match (got, expected) {
            (Ok(o), Ok((group, binding_only))) => {
                assert_eq!(
                    (o.group, o.binding_only),
                    (group, binding_only),
                    "{entries:?}"
                )
            }
            (Err(e), Err((class, needle))) => {
                assert_eq!(e.code, Code::InvalidArgument, "{entries:?}");
                assert_eq!(e.class, class, "{entries:?}");
                assert!(e.message.contains(needle), "{entries:?}: {}", e.message);
            }
            (got, expected) => panic!("{entries:?}: got {got:?}, expected {expected:?}"),
        }
    }
}

// ---- Errors ------------------------------------------------------------------------------

#[test]
fn unknown_ids_are_range_errors_that_list_the_valid_ids() {
    let r = rights();
    let table: Vec<(Result<(), treatykit_core::Error>, Code, &str)> = vec![
        (
            r.rights("astronaut", &RightsOptions::default()).map(drop),
            Code::UnknownCategory,
            "refugee",
        ),
        (
            r.compare("refugee", "Refugee").map(drop),
            Code::UnknownCategory,
            "tourist",
        ),
        (
            r.compare("", "refugee").map(drop),
            Code::UnknownCategory,
            "visitor",
        ),
        (
            r.who_holds("flying").map(drop),
            Code::UnknownRight,
            "non-refoulement-refugees",
        ),
        (
            r.right("refugee").map(drop),
            Code::UnknownRight,
            "family-reunification",
        ),
    ];
    for (got, code, listed) in table {
        let e = got.expect_err("unknown id");
        assert_eq!(e.code, code);
        assert_eq!(e.class, JsClass::RangeError);
        assert!(e.message.contains(listed), "{}", e.message);
    }
}

#[test]
fn a_huge_unknown_id_is_cut_short_in_the_error_message() {
    let id = "é".repeat(100_000);
    let e = rights().right(&id).unwrap_err();
    assert!(e.message.len() < 10_000, "{} bytes", e.message.len());
    assert!(e.message.contains('…'));
}

// ---- Search integration ------------------------------------------------------------------

#[test]
fn searching_family_reunification_finds_the_right_and_who_holds_it() {
    let found = real()
        .search("family reunification", &SearchOptions::default())
        .expect("a valid query");
    let hit = found
        .hits
        .iter()
        .find(|h| h.id == "family-reunification")
        .expect("the right is found");
    assert_eq!(hit.kind, "right");
    let held_by = match hit.field("heldBy") {
        Some(treatykit_core::document::Value::List(l)) => l.clone(),
        other => panic!("heldBy should be a list, got {other:?}"),
    };
    let expected: Vec<String> = rights()
        .who_holds("family-reunification")
        .unwrap()
        .into_iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(held_by, expected);
    for c in [
        "refugee",
        "family-member",
        "migrant-worker",
        "investor-resident",
    ] {
        assert!(held_by.iter().any(|h| h == c), "{c}");
    }
    assert!(!held_by.iter().any(|h| h == "tourist"));
}

#[test]
fn a_right_search_hit_lists_the_holders_whose_hold_rests_on_an_assumed_link() {
    let list = |hit: &treatykit_core::search::Hit, key: &str| match hit.field(key) {
        Some(treatykit_core::document::Value::List(l)) => l.clone(),
        other => panic!("{key} should be a list, got {other:?}"),
    };
    // Every right record, browsed a page of 100 at a time.
    let mut hits = Vec::new();
    for offset in [0, 100] {
        let options = SearchOptions {
            limit: 100,
            offset,
            filters: treatykit_core::search::Filters {
                fields: vec![("kind".into(), vec!["right".into()])],
                ..Default::default()
            },
            ..SearchOptions::default()
        };
        hits.extend(real().search("", &options).unwrap().hits);
    }
    assert_eq!(hits.len(), rights().right_ids().len());
    for hit in &hits {
        let detail = rights().right(&hit.id).unwrap();
        assert_eq!(list(hit, "heldBy"), detail.held_by, "{}", hit.id);
        assert_eq!(
            list(hit, "heldByAssumed"),
            detail.held_by_assumed,
            "{}",
            hit.id
        );
    }
    let found = real()
        .search("trade union", &SearchOptions::default())
        .unwrap();
    let hit = found
        .hits
        .iter()
        .find(|h| h.id == "trade-union-rights")
        .expect("found");
    assert_eq!(list(hit, "heldByAssumed"), ["investor-resident"]);
}

#[test]
fn a_rights_category_facet_lists_every_category_holding_it_directly_or_by_inheritance() {
    for c in rights().category_ids() {
        let tagged: BTreeSet<String> = real()
            .documents()
            .iter()
            .filter(|d| d.kind == "right" && d.has_facet("category", c))
            .map(|d| d.id.clone())
            .collect();
        assert_eq!(tagged, held(c), "category={c}");
    }
}

// ---- Behaviour on small corpora ----------------------------------------------------------

fn category(id: &str, inherits: &[&str], established: bool) -> String {
    format!(
        "[[category]]\nid = \"{id}\"\nlabel = \"{id}\"\ngroup = \"mimc\"\ndefinition = \"d\"\n\
         definition_source = \"s\"\nmimc_chapter_certain = false\ninherits = {inherits:?}\n\
         inherits_established = {established}\n"
    )
}

fn right(id: &str, holders: &[&str]) -> String {
    format!(
        "[[right]]\nid = \"{id}\"\nname = \"{id}\"\ndescription = \"d\"\ngroup = \"civil\"\n\
         holders = {holders:?}\n[[right.anchors]]\ninstrument = \"missing\"\narticle = \"1\"\n\
         confidence = \"low\"\nverified = false\n"
    )
}

fn parse(parts: &[String]) -> Corpus {
    authoring::parse_file("t.toml", &parts.concat()).expect("test corpus parses")
}

#[test]
fn the_shortest_chain_wins_and_an_established_chain_wins_a_tie() {
    // d → b (assumed) → a; d → c (established) → a; d → a is not direct.
    // e holds x directly and also inherits it.
    let corpus = parse(&[
        category("a", &[], true),
        category("b", &["a"], false),
        category("c", &["a"], true),
        category("d", &["b", "c"], true),
        category("e", &["a"], true),
        right("x", &["a", "e"]),
        right("y", &["b"]),
    ]);
    let r = Rights::new(&corpus);
    let d = r.rights("d", &RightsOptions::default()).unwrap();
    let x = d.rights.iter().find(|h| h.id == "x").unwrap();
    assert_eq!(x.inherited_via, ["d", "c", "a"]);
    assert!(x.inheritance_established);
    let y = d.rights.iter().find(|h| h.id == "y").unwrap();
    assert_eq!(y.inherited_via, ["d", "b"]);
    assert!(
        y.inheritance_established,
        "d's own link to b is established"
    );
    let b = r.rights("b", &RightsOptions::default()).unwrap();
    let x_via_b = b.rights.iter().find(|h| h.id == "x").unwrap();
    assert!(!x_via_b.inheritance_established, "b's links are assumed");
    let e = r.rights("e", &RightsOptions::default()).unwrap();
    let x_in_e = e.rights.iter().find(|h| h.id == "x").unwrap();
    assert!(x_in_e.own);
    assert_eq!(x_in_e.granted_to, "e");
}

#[test]
fn broken_data_never_loops_or_panics_at_runtime() {
    // Validation rejects these at build time; a hand-made binary could still carry them.
    let corpus = parse(&[
        category("a", &["b", "ghost"], true),
        category("b", &["a"], true),
        category("a", &[], true),
        right("x", &["b", "nobody"]),
        right("x", &["a"]),
        right("orphan", &["nobody"]),
    ]);
    let r = Rights::new(&corpus);
    let a = r.rights("a", &RightsOptions::default()).unwrap();
    let ids: Vec<&str> = a.rights.iter().map(|h| h.id.as_str()).collect();
    assert!(ids.contains(&"x"));
    assert!(!ids.contains(&"orphan"));
    assert!(r.who_holds("orphan").unwrap().is_empty());
    let x = r.right("x").unwrap();
    assert_eq!(x.anchors[0].instrument_short_name, "missing");
    assert!(!x.anchors[0].binding);
    assert!(x.anchors[0].parties.is_none());
    let empty = Rights::new(&Corpus::default());
    assert!(empty.categories().is_empty());
    assert_eq!(
        empty
            .rights("visitor", &RightsOptions::default())
            .unwrap_err()
            .code,
        Code::UnknownCategory
    );
}

#[test]
fn rights_are_listed_by_group_then_in_data_order() {
    let mut reversed = corpus().clone();
    reversed.rights.reverse();
    for c in [corpus(), &reversed] {
        let lookup = Rights::new(c);
        let want: Vec<&str> = RightGroup::ALL
            .iter()
            .flat_map(|&g| c.rights.iter().filter(move |r| r.group == g))
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(lookup.right_ids(), want);
        assert!(
            want.len() > RightGroup::ALL.len(),
            "several rights per group"
        );
    }
}

#[test]
fn a_right_whose_binding_anchors_are_all_regional_says_it_binds_only_those_regions() {
    let opts = RightsOptions::default();
    let student = rights().rights("student", &opts).unwrap();
    let find = |id: &str| student.rights.iter().find(|r| r.id == id).unwrap();
    // The right to seek asylum is binding only through the American, African and OAU texts.
    let asylum = find("seek-asylum");
    assert!(asylum.binding);
    assert_eq!(asylum.binding_scope, Some("regional"));
    for a in asylum.anchors.iter().filter(|a| a.binding) {
        assert_eq!(a.scope, "regional", "{}", a.instrument_id);
        assert!(a.region.is_some(), "{} names its region", a.instrument_id);
    }
    // Every right's scope follows from its anchors, in rights() and right() alike.
    for r in &student.rights {
        let binding: Vec<_> = r.anchors.iter().filter(|a| a.binding).collect();
        let want = if binding.is_empty() {
            None
        } else if binding.iter().all(|a| a.scope == "regional") {
            Some("regional")
        } else {
            Some("global")
        };
        assert_eq!(r.binding_scope, want, "{}", r.id);
        assert_eq!(
            rights().right(&r.id).unwrap().binding_scope,
            want,
            "{}",
            r.id
        );
        for a in &r.anchors {
            assert!(
                a.scope == "global" || a.scope == "regional",
                "{}: {}",
                r.id,
                a.scope
            );
            assert_eq!(
                a.region.is_some(),
                a.scope == "regional",
                "{}: {}",
                r.id,
                a.instrument_id
            );
        }
    }
    assert!(
        student
            .rights
            .iter()
            .any(|r| r.binding_scope == Some("global"))
    );
    // The right's record page says the same.
    let treatykit_core::record_view::RecordView::Right(page) =
        real().record("seek-asylum").unwrap()
    else {
        panic!("seek-asylum is a right");
    };
    assert_eq!(page.binding_scope, Some("regional"));
    assert!(
        page.anchors
            .iter()
            .filter(|a| a.binding)
            .all(|a| a.region.is_some())
    );
    // Right hits of search carry it too (absent when the right is not binding).
    let opts = SearchOptions {
        limit: 100,
        ..SearchOptions::default()
    };
    let json: serde_json::Value =
        serde_json::from_str(&real().index().search_json("rights", &opts).unwrap()).unwrap();
    let mut regional = 0;
    for hit in json["hits"].as_array().unwrap() {
        if hit["kind"] != "right" {
            continue;
        }
        let id = hit["id"].as_str().unwrap();
        let want = rights().right(id).unwrap().binding_scope;
        assert_eq!(hit["bindingScope"].as_str(), want, "{id}");
        regional += usize::from(want == Some("regional"));
    }
    assert!(regional > 0, "some right hit binds only regionally");
}

#[test]
fn an_unknown_id_with_an_invisible_character_is_echoed_with_it_escaped() {
    let err = rights()
        .rights("student\u{200b}", &RightsOptions::default())
        .unwrap_err();
    assert_eq!(err.code, Code::UnknownCategory);
    assert!(
        err.message.contains("`student\\u{200b}`"),
        "{}",
        err.message
    );
    let err = rights().right("seek-asylum\0").unwrap_err();
    assert!(err.message.contains("`seek-asylum\\0`"), "{}", err.message);
}
