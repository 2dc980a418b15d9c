//! The rights lookup: which rights a category of mobile person holds, why, and where each one is
//! written in existing law.
//!
//! The MIMC is cumulative: every category keeps the rights of the categories it `inherits`
//! (transitively), on top of its own. [`Rights`] is built once from a [`Corpus`] and answers:
//!
//! - [`Rights::categories`]: every category, MIMC groups first, then cross-cutting groups;
//! - [`Rights::rights`]: the cumulative set of one category, each right saying which category
//!   holds it directly (`grantedTo`) and through which chain it reaches the asked one
//!   (`inheritedVia`);
//! - [`Rights::compare`]: what one category holds that another does not, and what both hold;
//! - [`Rights::who_holds`]: every category holding a right, directly or by inheritance;
//! - [`Rights::right`]: one right with its anchors, each enriched with the instrument's short
//!   name, binding status and party count.
//!
//! Uncertainty is carried, never upgraded: each anchor keeps its `confidence` and `verified`
//! flags, each category its `mimcChapterCertain` and `inheritsEstablished`, and a right reached
//! through an inheritance link marked as an assumption says so (`inheritanceEstablished: false`).
//! State powers and migrants' duties are labelled by [`HolderRole`], not presented as rights of
//! the person. No MIMC article number is produced: the output only repeats the data.
//!
//! ```
//! use treatykit_core::{authoring, validate, rights::{Rights, RightsOptions}};
//! let corpus = authoring::parse_file("demo.toml", r#"
//!     [[category]]
//!     id = "visitor"
//!     label = "Visitor"
//!     group = "mimc"
//!     definition = "Anyone who has crossed a border."
//!     definition_source = "Demo."
//!     mimc_chapter_certain = false
//!     inherits_established = true
//!     [[category]]
//!     id = "refugee"
//!     label = "Refugee"
//!     group = "mimc"
//!     definition = "Someone fleeing persecution."
//!     definition_source = "Demo."
//!     mimc_chapter_certain = false
//!     inherits = ["visitor"]
//!     inherits_established = true
//!     [[instrument]]
//!     id = "iccpr"
//!     short_name = "ICCPR"
//!     title = "International Covenant on Civil and Political Rights"
//!     adopted = "1966-12-16"
//!     body = "UN General Assembly"
//!     publisher = "United Nations"
//!     binding = true
//!     type = "treaty"
//!     scope = "global"
//!     url = "https://www.ohchr.org/"
//!     summary = "Civil and political rights."
//!     sources = ["https://treaties.un.org/"]
//!     [[right]]
//!     id = "leave-any-country"
//!     name = "Right to leave any country"
//!     description = "Anyone may leave any country."
//!     group = "mobility"
//!     holders = ["visitor"]
//!     [[right.anchors]]
//!     instrument = "iccpr"
//!     article = "12(2)"
//!     confidence = "high"
//!     verified = true
//! "#).unwrap();
//! let rights = Rights::new(&corpus);
//! let held = rights.rights("refugee", &RightsOptions::default()).unwrap();
//! assert_eq!(held.rights[0].id, "leave-any-country");
//! assert_eq!(held.rights[0].granted_to, "visitor");
//! assert_eq!(held.rights[0].inherited_via, ["refugee", "visitor"]);
//! assert_eq!(held.rights[0].anchors[0].instrument_short_name, "ICCPR");
//! ```

use crate::error::{Code, Error, JsClass};
use crate::schema::{Category, CategoryGroup, Confidence, Corpus, Instrument, Right, RightGroup};
use serde::Serialize;
// Maps by id are BTreeMaps of one type: the wasm then holds one map implementation (the
// catalog's record counts use it too) instead of hashbrown's and SipHash's as well.
use std::collections::BTreeMap;

/// Longest part of a caller-supplied value echoed back in an error message, in characters.
const ECHO_MAX_CHARS: usize = 80;

/// What kind of entry a "right" record is: a right of the person, a power of the State over the
/// person, or a duty the person bears. Derived from the right's group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HolderRole {
    /// A right of the mobile person (every group except `state-right` and `responsibility`).
    Right,
    /// A power of the State over the category (`state-right`); not a right of the person.
    StatePower,
    /// A duty the mobile person bears (`responsibility`); not a right.
    Duty,
}

impl HolderRole {
    /// The role of a right group.
    pub fn of(group: RightGroup) -> HolderRole {
        match group {
            RightGroup::StateRight => HolderRole::StatePower,
            RightGroup::Responsibility => HolderRole::Duty,
            _ => HolderRole::Right,
        }
    }
    /// The kebab-case name used in JavaScript: `right`, `state-power` or `duty`.
    pub fn as_str(self) -> &'static str {
        match self {
            HolderRole::Right => "right",
            HolderRole::StatePower => "state-power",
            HolderRole::Duty => "duty",
        }
    }
    /// A label that says what the entry is, for people.
    pub fn label(self) -> &'static str {
        match self {
            HolderRole::Right => "Right of the person",
            HolderRole::StatePower => "Power of the State, not a right of the person",
            HolderRole::Duty => "Duty of the person, not a right",
        }
    }
}

/// A category as `categories()` returns it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CategoryInfo {
    /// Category id, e.g. `"refugee"`.
    pub id: String,
    /// Human label.
    pub label: String,
    /// Our definition.
    pub definition: String,
    /// Where the legal definition comes from.
    pub definition_source: String,
    /// `mimc` or `cross-cutting`.
    pub group: CategoryGroup,
    /// MIMC chapter numeral, or `null` when the category is not placed in one.
    pub mimc_chapter: Option<String>,
    /// True only when the chapter placement is sourced.
    pub mimc_chapter_certain: bool,
    /// Direct inheritance links (category ids).
    pub inherits: Vec<String>,
    /// False when some inheritance link is an assumption, not sourced.
    pub inherits_established: bool,
    /// The links of `inherits` that are assumptions (empty when all are established).
    pub inherits_assumed: Vec<String>,
    /// Why the links are or are not established; omitted when the data has no note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inherits_note: Option<String>,
}

impl CategoryInfo {
    fn of(c: &Category) -> CategoryInfo {
        CategoryInfo {
            id: c.id.clone(),
            label: c.label.clone(),
            definition: c.definition.clone(),
            definition_source: c.definition_source.clone(),
            group: c.group,
            mimc_chapter: c.mimc_chapter.clone(),
            mimc_chapter_certain: c.mimc_chapter_certain,
            inherits: c.inherits.clone(),
            inherits_established: c.inherits_established,
            inherits_assumed: c.assumed_links(),
            inherits_note: c.inherits_note.clone(),
        }
    }
}

/// A party count of an anchor's instrument, always dated and flagged.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PartyCount {
    /// Number of parties, or `null` when no figure is known.
    pub count: Option<u16>,
    /// Date the count refers to, no more precise than the source (`YYYY-MM-DD`, `YYYY-MM`,
    /// `YYYY`, `c. 2023`, `2024–2025`), or `null` (undated source, or no count).
    pub as_of: Option<String>,
    /// Where the figure comes from.
    pub source: String,
    /// True only when the figure was checked against a dated source.
    pub verified: bool,
    /// What is uncertain about the figure; omitted when the data has no note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One place in existing law backing a right, as listed with each right of `rights()`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnchorInfo {
    /// Instrument id.
    pub instrument_id: String,
    /// Instrument short name, e.g. `"VCCR"` (the id when the instrument is missing).
    pub instrument_short_name: String,
    /// Article as cited, e.g. `"33(1)"`.
    pub article: String,
    /// True when the instrument is binding on its parties.
    pub binding: bool,
    /// The instrument's reach: `global`, or `regional` (binding, if at all, only on the
    /// States of `region`); empty when the instrument is missing.
    pub scope: String,
    /// The region of a regional instrument, e.g. `"Africa"`; omitted otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// How sure the article reference is: `high`, `medium` or `low`.
    pub confidence: Confidence,
    /// True when the article was checked against a source.
    pub verified: bool,
}

/// One anchor with the instrument's facts, as [`Rights::right`] returns it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnchorDetail {
    /// Instrument id.
    pub instrument_id: String,
    /// Instrument short name (the id when the instrument is missing).
    pub instrument_short_name: String,
    /// Instrument full title (empty when the instrument is missing).
    pub instrument_title: String,
    /// Article as cited.
    pub article: String,
    /// True when the instrument is binding on its parties.
    pub binding: bool,
    /// The instrument's reach: `global` or `regional` (see [`AnchorInfo::scope`]).
    pub scope: String,
    /// The region of a regional instrument; omitted otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// How sure the article reference is.
    pub confidence: Confidence,
    /// True when the article was checked against a source.
    pub verified: bool,
    /// The instrument's party count, or `null` when it has none (declarations, guidance).
    pub parties: Option<PartyCount>,
}

impl AnchorDetail {
    fn of(a: &crate::schema::Anchor, instrument: Option<&Instrument>) -> AnchorDetail {
        AnchorDetail {
            instrument_id: a.instrument.clone(),
            instrument_short_name: instrument
                .map_or_else(|| a.instrument.clone(), |i| i.short_name.clone()),
            instrument_title: instrument.map(|i| i.title.clone()).unwrap_or_default(),
            article: a.article.clone(),
            binding: instrument.is_some_and(|i| i.binding),
            scope: instrument.map(|i| i.scope.clone()).unwrap_or_default(),
            region: instrument
                .filter(|i| i.scope == "regional")
                .and_then(|i| i.region.clone()),
            confidence: a.confidence,
            verified: a.verified,
            parties: instrument
                .and_then(|i| i.parties.as_ref())
                .map(|p| PartyCount {
                    count: p.count,
                    as_of: p.as_of.clone(),
                    source: p.source.clone(),
                    verified: p.verified,
                    note: p.note.clone(),
                }),
        }
    }

    /// The short form listed with each right of `rights()`.
    pub fn short(&self) -> AnchorInfo {
        AnchorInfo {
            instrument_id: self.instrument_id.clone(),
            instrument_short_name: self.instrument_short_name.clone(),
            article: self.article.clone(),
            binding: self.binding,
            scope: self.scope.clone(),
            region: self.region.clone(),
            confidence: self.confidence,
            verified: self.verified,
        }
    }
}

/// How far the binding anchors of a right reach, from each anchor's (binding, scope):
/// `"global"` when one of them is in a global instrument, `"regional"` when every one is in a
/// regional instrument (the right binds only the States of those regions), `None` when no
/// anchor is binding.
pub(crate) fn binding_scope<'a>(
    anchors: impl Iterator<Item = (bool, &'a str)>,
) -> Option<&'static str> {
    let mut scope = None;
    for (_, s) in anchors.filter(|a| a.0) {
        if s != "regional" {
            return Some("global");
        }
        scope = Some("regional");
    }
    scope
}

/// A right held by a category, as `rights(category)` returns it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HeldRight {
    /// Right id.
    pub id: String,
    /// Short name.
    pub name: String,
    /// Our description.
    pub description: String,
    /// Right group, e.g. `protection`, `state-right`.
    pub group: RightGroup,
    /// `right`, `state-power` (a power of the State, not a right of the person) or `duty`.
    pub holder_role: HolderRole,
    /// A label for people saying what `holderRole` means.
    pub holder_role_label: &'static str,
    /// Caveat worth showing next to the right; omitted when the data has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The category that holds the right directly.
    pub granted_to: String,
    /// Category ids from the asked category to `grantedTo`, both included: `[asked]` for the
    /// category's own right, `[asked, parent, ..., grantedTo]` for an inherited one.
    pub inherited_via: Vec<String>,
    /// True when the asked category holds the right directly.
    pub own: bool,
    /// False when a link of `inheritedVia` comes from a category whose inheritance is marked as
    /// an assumption (`inheritsEstablished: false`); always true for own rights.
    pub inheritance_established: bool,
    /// True when at least one anchor is in a binding instrument.
    pub binding: bool,
    /// `"global"` when a binding anchor is in a global instrument, `"regional"` when the
    /// binding anchors are all regional (it binds only the States of those regions), `null`
    /// when none is binding.
    pub binding_scope: Option<&'static str>,
    /// Every anchor, in data order.
    pub anchors: Vec<AnchorInfo>,
}

/// The answer of [`Rights::rights`]: the category and its cumulative rights.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CategoryRights {
    /// The asked category.
    pub category: CategoryInfo,
    /// Its rights after the filters, in display order (by right group, then data order).
    pub rights: Vec<HeldRight>,
}

/// A right named by id and name, as in comparisons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RightRef {
    /// Right id.
    pub id: String,
    /// Short name.
    pub name: String,
    /// Right group.
    pub group: RightGroup,
    /// `right`, `state-power` or `duty`.
    pub holder_role: HolderRole,
    /// Present when `a` holds the right: false when `a` reaches it only through an inheritance
    /// link marked as an assumption (as `inheritanceEstablished` of `rights(a)`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub established_a: Option<bool>,
    /// Present when `b` holds the right: false when `b` reaches it only through an inheritance
    /// link marked as an assumption (as `inheritanceEstablished` of `rights(b)`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub established_b: Option<bool>,
}

/// The answer of [`Rights::compare`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// First category id.
    pub a: String,
    /// Second category id.
    pub b: String,
    /// Rights `a` holds and `b` does not.
    pub only_a: Vec<RightRef>,
    /// Rights `b` holds and `a` does not.
    pub only_b: Vec<RightRef>,
    /// Rights both hold.
    pub both: Vec<RightRef>,
}

/// A category holding a right, as [`Rights::who_holds`] returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Holder {
    /// Category id.
    pub id: String,
    /// Category label.
    pub label: String,
    /// `mimc` or `cross-cutting`.
    pub group: CategoryGroup,
    /// True when the category holds the right directly.
    pub own: bool,
    /// The category that holds the right directly.
    pub granted_to: String,
    /// Category ids from this category to `grantedTo`, both included.
    pub inherited_via: Vec<String>,
    /// False when a link of the chain is marked as an assumption.
    pub inheritance_established: bool,
}

/// The answer of [`Rights::right`]: one right with everything known about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RightDetail {
    /// Right id.
    pub id: String,
    /// Short name.
    pub name: String,
    /// Our description.
    pub description: String,
    /// Right group.
    pub group: RightGroup,
    /// `right`, `state-power` or `duty`.
    pub holder_role: HolderRole,
    /// A label for people saying what `holderRole` means.
    pub holder_role_label: &'static str,
    /// Caveat worth showing next to the right; omitted when the data has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The categories holding it directly, as in the data.
    pub holders: Vec<String>,
    /// Every category holding it, directly or by inheritance, in category order.
    pub held_by: Vec<String>,
    /// The ids of `heldBy` whose hold rests on an inheritance link marked as an assumption
    /// (`inheritanceEstablished: false` in `whoHolds`); empty when every hold is established.
    pub held_by_assumed: Vec<String>,
    /// True when at least one anchor is in a binding instrument.
    pub binding: bool,
    /// How far the binding anchors reach (see [`HeldRight::binding_scope`]).
    pub binding_scope: Option<&'static str>,
    /// Every anchor with the instrument's short name, title, binding status and party count.
    pub anchors: Vec<AnchorDetail>,
}

/// The categories holding one right, directly or by inheritance, in category display order,
/// and which of those holds rest on an assumed inheritance link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeldBy {
    /// Ids of every category holding the right.
    pub ids: Vec<String>,
    /// The ids of `ids` that reach the right only through an inheritance link marked as an
    /// assumption.
    pub assumed: Vec<String>,
}

impl HeldBy {
    fn push(&mut self, id: String, established: bool) {
        if !established {
            self.assumed.push(id.clone());
        }
        self.ids.push(id);
    }
}

/// Filters of [`Rights::rights`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RightsOptions {
    /// Keep only rights of this group.
    pub group: Option<RightGroup>,
    /// Keep only rights with at least one anchor in a binding instrument.
    pub binding_only: bool,
}

/// A JavaScript option value, as the boundary reads it (see [`RightsOptions::from_entries`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionValue {
    /// `undefined` or `null`: the option is not set.
    Absent,
    /// A string.
    Str(String),
    /// A boolean.
    Bool(bool),
    /// Anything else, described by its type name (e.g. `"number"`, `"an array"`).
    Other(String),
}

impl OptionValue {
    fn type_name(&self) -> &str {
        match self {
            OptionValue::Absent => "undefined",
            OptionValue::Str(_) => "string",
            OptionValue::Bool(_) => "boolean",
            OptionValue::Other(t) => t,
        }
    }
}

impl RightsOptions {
    /// The option names `rights(category, options)` accepts, as written in JavaScript.
    pub const KEYS: [&'static str; 2] = ["group", "bindingOnly"];

    /// Reads options from `(key, value)` pairs of a JavaScript object. Unknown keys, a
    /// non-boolean `bindingOnly` and a non-string `group` are `TypeError`s; an unknown group is
    /// a `RangeError`; all with code `INVALID_ARGUMENT` and a message listing the valid values.
    pub fn from_entries(entries: &[(String, OptionValue)]) -> Result<RightsOptions, Error> {
        let mut opts = RightsOptions::default();
        for (key, value) in entries {
            match key.as_str() {
                "group" => match value {
                    OptionValue::Absent => {}
                    OptionValue::Str(s) => opts.group = Some(parse_group(s)?),
                    other => {
                        return Err(Error::type_error(format!(
                            "options.group must be a string, got {}; valid groups: {}",
                            other.type_name(),
                            group_list()
                        )));
                    }
                },
                "bindingOnly" => match value {
                    OptionValue::Absent => {}
                    OptionValue::Bool(b) => opts.binding_only = *b,
                    other => {
                        return Err(Error::type_error(format!(
                            "options.bindingOnly must be a boolean, got {}",
                            other.type_name()
                        )));
                    }
                },
                _ => {
                    return Err(Error::type_error(format!(
                        "unknown option `{}`; valid options: {}",
                        echo(key),
                        RightsOptions::KEYS.join(", ")
                    )));
                }
            }
        }
        Ok(opts)
    }
}

/// Parses a right group name (`RangeError` `INVALID_ARGUMENT` listing the valid groups).
pub fn parse_group(s: &str) -> Result<RightGroup, Error> {
    RightGroup::parse(s).ok_or_else(|| {
        Error::range_error(format!(
            "unknown right group `{}`; valid groups: {}",
            echo(s),
            group_list()
        ))
    })
}

fn group_list() -> String {
    RightGroup::ALL.map(RightGroup::as_str).join(", ")
}

/// At most [`ECHO_MAX_CHARS`] characters of a caller-supplied value, for error messages.
fn echo(s: &str) -> String {
    // Escaped, as `record()` echoes ids: a zero-width space or NUL in an id must show, or the
    // message would name an unknown id that looks like a valid one.
    match s.char_indices().nth(ECHO_MAX_CHARS) {
        Some((cut, _)) => format!("{}…", s[..cut].escape_debug()),
        None => s.escape_debug().to_string(),
    }
}

/// How a category reaches a right: the chain to the direct holder.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Held {
    /// Index of the right (display order).
    right: usize,
    /// Category indices from the asked category to the holder (display order).
    via: Vec<usize>,
    /// Every link of `via` is established.
    established: bool,
}

/// The shortest chain from one category to each category it inherits from.
#[derive(Debug, Clone)]
struct Chain {
    via: Vec<usize>,
    established: bool,
}

/// The rights lookup over one corpus. Built once; every query is a lookup in precomputed sets.
#[derive(Debug, Clone, Default)]
pub struct Rights {
    categories: Vec<Category>,
    category_index: BTreeMap<String, usize>,
    rights: Vec<Right>,
    right_index: BTreeMap<String, usize>,
    /// Anchors of each right (display order), enriched with their instrument.
    anchors: Vec<Vec<AnchorDetail>>,
    /// For each category (display order), the rights it holds, in right display order.
    held: Vec<Vec<Held>>,
}

impl Rights {
    /// Builds the lookup. Categories are put in display order (MIMC groups first, then
    /// cross-cutting, each in data order) and rights by group ([`RightGroup::ALL`]) then data
    /// order. Dangling references and cycles (which validation rejects at build time) are
    /// tolerated here: a missing category is skipped and each category is visited once.
    pub fn new(corpus: &Corpus) -> Rights {
        let refs = categories_in_display_order(corpus);
        let categories: Vec<Category> = refs.iter().map(|&c| c.clone()).collect();
        let category_index = first_positions(&mut refs.iter().map(|c| &c.id));
        // By group, data order within a group (a stable sort, without instantiating one).
        let rights: Vec<Right> = RightGroup::ALL
            .iter()
            .flat_map(|&g| corpus.rights.iter().filter(move |r| r.group == g))
            .cloned()
            .collect();
        let right_index = first_positions(&mut rights.iter().map(|r| &r.id));
        let instruments = first_positions(&mut corpus.instruments.iter().map(|i| &i.id));
        let anchors = rights
            .iter()
            .map(|r| {
                r.anchors
                    .iter()
                    .map(|a| {
                        let i = instruments
                            .get(&a.instrument)
                            .map(|&n| &corpus.instruments[n]);
                        AnchorDetail::of(a, i)
                    })
                    .collect()
            })
            .collect();
        let holders: Vec<Vec<usize>> = rights
            .iter()
            .map(|r| {
                r.holders
                    .iter()
                    .filter_map(|h| category_index.get(h).copied())
                    .collect()
            })
            .collect();
        let held = (0..categories.len())
            .map(|c| {
                let chains = chains_from(&refs, &category_index, c);
                holders
                    .iter()
                    .enumerate()
                    .filter_map(|(right, hs)| {
                        nearest(&chains, hs).map(|ch| Held {
                            right,
                            via: ch.via.clone(),
                            established: ch.established,
                        })
                    })
                    .collect()
            })
            .collect();
        Rights {
            categories,
            category_index,
            rights,
            right_index,
            anchors,
            held,
        }
    }

    /// Every category, MIMC groups first, then cross-cutting groups.
    pub fn categories(&self) -> Vec<CategoryInfo> {
        self.categories.iter().map(CategoryInfo::of).collect()
    }

    /// The cumulative rights of `category`: its own plus everything inherited, transitively,
    /// filtered by `opts`. Unknown id: `RangeError` `UNKNOWN_CATEGORY` listing the valid ids.
    pub fn rights(&self, category: &str, opts: &RightsOptions) -> Result<CategoryRights, Error> {
        let c = self.category(category)?;
        let rights = self.held[c]
            .iter()
            .filter(|h| opts.group.is_none_or(|g| self.rights[h.right].group == g))
            .filter(|h| !opts.binding_only || self.is_binding(h.right))
            .map(|h| self.held_right(h))
            .collect();
        Ok(CategoryRights {
            category: CategoryInfo::of(&self.categories[c]),
            rights,
        })
    }

    /// What `a` holds that `b` does not (`onlyA`), the reverse (`onlyB`) and what both hold,
    /// each in display order. Unknown ids: `RangeError` `UNKNOWN_CATEGORY`.
    pub fn compare(&self, a: &str, b: &str) -> Result<Comparison, Error> {
        let (ia, ib) = (self.category(a)?, self.category(b)?);
        // For each right: `None` when the category does not hold it, else whether its chain is
        // established.
        let set = |c: usize| {
            let mut s = vec![None; self.rights.len()];
            for h in &self.held[c] {
                s[h.right] = Some(h.established);
            }
            s
        };
        let (sa, sb) = (set(ia), set(ib));
        let mut out = Comparison {
            a: self.categories[ia].id.clone(),
            b: self.categories[ib].id.clone(),
            only_a: Vec::new(),
            only_b: Vec::new(),
            both: Vec::new(),
        };
        for (n, r) in self.rights.iter().enumerate() {
            let list = match (sa[n], sb[n]) {
                (Some(_), Some(_)) => &mut out.both,
                (Some(_), None) => &mut out.only_a,
                (None, Some(_)) => &mut out.only_b,
                (None, None) => continue,
            };
            list.push(RightRef {
                id: r.id.clone(),
                name: r.name.clone(),
                group: r.group,
                holder_role: HolderRole::of(r.group),
                established_a: sa[n],
                established_b: sb[n],
            });
        }
        Ok(out)
    }

    /// Every category holding `right`, directly or by inheritance, in category order.
    /// Unknown id: `RangeError` `UNKNOWN_RIGHT` listing the valid ids.
    pub fn who_holds(&self, right: &str) -> Result<Vec<Holder>, Error> {
        let r = self.right_position(right)?;
        Ok(self
            .held
            .iter()
            .enumerate()
            .filter_map(|(c, held)| {
                let h = held.iter().find(|h| h.right == r)?;
                let cat = &self.categories[c];
                Some(Holder {
                    id: cat.id.clone(),
                    label: cat.label.clone(),
                    group: cat.group,
                    own: h.via.len() == 1,
                    granted_to: self.categories[*h.via.last()?].id.clone(),
                    inherited_via: self.ids(&h.via),
                    inheritance_established: h.established,
                })
            })
            .collect())
    }

    /// Ids of every category holding `right`, directly or by inheritance, in category order.
    pub fn held_by(&self, right: &str) -> Result<Vec<String>, Error> {
        Ok(self.held_by_flagged(right)?.ids)
    }

    /// Every category holding `right` ([`Rights::held_by`]), and those of them whose hold rests
    /// on an inheritance link marked as an assumption.
    pub fn held_by_flagged(&self, right: &str) -> Result<HeldBy, Error> {
        let r = self.right_position(right)?;
        let mut out = HeldBy::default();
        for (c, held) in self.held.iter().enumerate() {
            if let Some(h) = held.iter().find(|h| h.right == r) {
                out.push(self.categories[c].id.clone(), h.established);
            }
        }
        Ok(out)
    }

    /// One right with all its anchors (instrument short name, title, binding status, party
    /// count) and every category holding it. Unknown id: `RangeError` `UNKNOWN_RIGHT`.
    pub fn right(&self, right: &str) -> Result<RightDetail, Error> {
        let n = self.right_position(right)?;
        let r = &self.rights[n];
        let role = HolderRole::of(r.group);
        let held = self.held_by_flagged(right)?;
        Ok(RightDetail {
            id: r.id.clone(),
            name: r.name.clone(),
            description: r.description.clone(),
            group: r.group,
            holder_role: role,
            holder_role_label: role.label(),
            note: r.note.clone(),
            holders: r.holders.clone(),
            held_by: held.ids,
            held_by_assumed: held.assumed,
            binding: self.is_binding(n),
            binding_scope: binding_scope(
                self.anchors[n]
                    .iter()
                    .map(|a| (a.binding, a.scope.as_str())),
            ),
            anchors: self.anchors[n].clone(),
        })
    }

    /// Ids of every category, in display order.
    pub fn category_ids(&self) -> Vec<&str> {
        self.categories.iter().map(|c| c.id.as_str()).collect()
    }

    /// Ids of every right, in display order.
    pub fn right_ids(&self) -> Vec<&str> {
        self.rights.iter().map(|r| r.id.as_str()).collect()
    }

    fn category(&self, id: &str) -> Result<usize, Error> {
        self.category_index.get(id).copied().ok_or_else(|| {
            Error::new(
                Code::UnknownCategory,
                JsClass::RangeError,
                format!(
                    "unknown category `{}`; valid categories: {}",
                    echo(id),
                    self.category_ids().join(", ")
                ),
            )
        })
    }

    fn right_position(&self, id: &str) -> Result<usize, Error> {
        self.right_index.get(id).copied().ok_or_else(|| {
            Error::new(
                Code::UnknownRight,
                JsClass::RangeError,
                format!(
                    "unknown right `{}`; valid rights: {}",
                    echo(id),
                    self.right_ids().join(", ")
                ),
            )
        })
    }

    fn is_binding(&self, right: usize) -> bool {
        self.anchors[right].iter().any(|a| a.binding)
    }

    fn ids(&self, via: &[usize]) -> Vec<String> {
        via.iter().map(|&c| self.categories[c].id.clone()).collect()
    }

    fn held_right(&self, h: &Held) -> HeldRight {
        let r = &self.rights[h.right];
        let role = HolderRole::of(r.group);
        let holder = h
            .via
            .last()
            .map_or(String::new(), |&c| self.categories[c].id.clone());
        HeldRight {
            id: r.id.clone(),
            name: r.name.clone(),
            description: r.description.clone(),
            group: r.group,
            holder_role: role,
            holder_role_label: role.label(),
            note: r.note.clone(),
            granted_to: holder,
            inherited_via: self.ids(&h.via),
            own: h.via.len() == 1,
            inheritance_established: h.established,
            binding: self.is_binding(h.right),
            binding_scope: binding_scope(
                self.anchors[h.right]
                    .iter()
                    .map(|a| (a.binding, a.scope.as_str())),
            ),
            anchors: self.anchors[h.right]
                .iter()
                .map(AnchorDetail::short)
                .collect(),
        }
    }
}

/// Each id's position in `ids` (the first, when ids repeat). A `dyn` iterator: one copy of
/// this code in the wasm for every kind of record.
fn first_positions(ids: &mut dyn Iterator<Item = &String>) -> BTreeMap<String, usize> {
    let mut index = BTreeMap::new();
    for (n, id) in ids.enumerate() {
        index.entry(id.clone()).or_insert(n);
    }
    index
}

/// The categories of `corpus` in display order: MIMC groups first, then cross-cutting ones,
/// each in data order.
fn categories_in_display_order(corpus: &Corpus) -> Vec<&Category> {
    [CategoryGroup::Mimc, CategoryGroup::CrossCutting]
        .iter()
        .flat_map(|&g| corpus.categories.iter().filter(move |c| c.group == g))
        .collect()
}

/// For each right of `corpus`, in corpus order, the categories holding it, directly or by
/// inheritance, in category display order, and which of them hold it only through an assumed
/// link: [`Rights::held_by_flagged`] of every right, without building the lookup (its anchors
/// and copies), which the searchable documents do not need at start.
pub fn holders_of_each_right(corpus: &Corpus) -> Vec<HeldBy> {
    let categories = categories_in_display_order(corpus);
    let index = first_positions(&mut categories.iter().map(|c| &c.id));
    let chains: Vec<Vec<Option<Chain>>> = (0..categories.len())
        .map(|c| chains_from(&categories, &index, c))
        .collect();
    corpus
        .rights
        .iter()
        .map(|r| {
            let holders: Vec<usize> = r
                .holders
                .iter()
                .filter_map(|h| index.get(h).copied())
                .collect();
            let mut out = HeldBy::default();
            for (c, chains) in chains.iter().enumerate() {
                if let Some(ch) = nearest(chains, &holders) {
                    out.push(categories[c].id.clone(), ch.established);
                }
            }
            out
        })
        .collect()
}

/// The chain by which a category holds a right held directly by `holders`, given the category's
/// chains ([`chains_from`]): the shortest, an established one winning a tie; `None` when the
/// category reaches none of them.
fn nearest<'a>(chains: &'a [Option<Chain>], holders: &[usize]) -> Option<&'a Chain> {
    holders
        .iter()
        .filter_map(|&h| chains[h].as_ref())
        .min_by_key(|ch| (ch.via.len(), !ch.established))
}

/// The shortest inheritance chain from category `from` to every category it reaches (itself
/// included, with the chain `[from]`). Among chains of equal length an established one wins.
/// Each category is entered once, so cycles cannot loop.
fn chains_from(
    categories: &[&Category],
    index: &BTreeMap<String, usize>,
    from: usize,
) -> Vec<Option<Chain>> {
    let mut best: Vec<Option<Chain>> = vec![None; categories.len()];
    best[from] = Some(Chain {
        via: vec![from],
        established: true,
    });
    let mut frontier = vec![from];
    while !frontier.is_empty() {
        let mut next: Vec<usize> = Vec::new();
        for &u in &frontier {
            let Some(chain) = best[u].clone() else {
                continue;
            };
            let cat = categories[u];
            for parent in &cat.inherits {
                let Some(&p) = index.get(parent) else {
                    continue;
                };
                let established = chain.established && !cat.link_assumed(parent);
                let better = match &best[p] {
                    None => true,
                    // Same layer, reached first through an assumed link: prefer this one.
                    Some(old) => next.contains(&p) && !old.established && established,
                };
                if better {
                    let mut via = chain.via.clone();
                    via.push(p);
                    best[p] = Some(Chain { via, established });
                    if !next.contains(&p) {
                        next.push(p);
                    }
                }
            }
        }
        frontier = next;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holders_of_each_right_are_what_the_lookup_says_holds_each_right() {
        for (dir, compiled) in crate::authoring::test_corpora() {
            let mut tangled = compiled.corpus.clone();
            // A cycle, a parent that does not exist, and a holder that does not exist: the
            // lookup tolerates them, and so must the shortcut.
            let last = tangled.categories.last().unwrap().id.clone();
            tangled.categories[0].inherits.push(last);
            tangled.categories[0]
                .inherits
                .push("no-such-category".into());
            tangled.rights[0].holders.push("no-such-holder".into());
            for corpus in [&compiled.corpus, &tangled] {
                let lookup = Rights::new(corpus);
                let want: Vec<HeldBy> = corpus
                    .rights
                    .iter()
                    .map(|r| lookup.held_by_flagged(&r.id).unwrap())
                    .collect();
                assert_eq!(holders_of_each_right(corpus), want, "{dir}");
                assert!(
                    want.iter().any(|h| h.ids.len() > 1),
                    "{dir}: inheritance is exercised"
                );
                if dir == "../corpus" {
                    assert!(
                        want.iter().any(|h| !h.assumed.is_empty()),
                        "{dir}: assumed links are exercised"
                    );
                }
            }
        }
    }
}
