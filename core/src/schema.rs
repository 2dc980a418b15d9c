//! The corpus schema: one typed struct per record kind, as written in the TOML files under
//! `corpus/` and as carried, unchanged, inside the embedded binary.
//!
//! Field names are `snake_case` in the data files. Unknown fields are rejected so that a typo in
//! a data file is a build error, not a silently missing fact. Cross-record rules (references,
//! dates, word limits) live in [`crate::validate`].

use serde::{Deserialize, Serialize};

/// Longest summary or description, in words, that a record may carry.
pub const SUMMARY_MAX_WORDS: usize = 60;

/// Number of articles in the 2017 text of the Model International Mobility Convention.
pub const MIMC_ARTICLES: u16 = 213;

/// Number of objectives in the Global Compact for Safe, Orderly and Regular Migration.
pub const GCM_OBJECTIVES: u8 = 23;

/// The whole corpus: every record of every kind, in the order the data files give them
/// (validation then puts resources in seed order: [`crate::validate::validate`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Corpus {
    /// Corpus-wide metadata (date, version); exactly one data file sets it.
    #[serde(default)]
    pub meta: Option<Meta>,
    /// Controlled vocabulary of resource and instrument types.
    #[serde(default, rename = "type")]
    pub types: Vec<Term>,
    /// Controlled vocabulary of themes.
    #[serde(default, rename = "theme")]
    pub themes: Vec<Term>,
    /// Library resources (the seed list).
    #[serde(default, rename = "resource")]
    pub resources: Vec<Resource>,
    /// Treaties, protocols, declarations and frameworks.
    #[serde(default, rename = "instrument")]
    pub instruments: Vec<Instrument>,
    /// The Model International Mobility Convention itself.
    #[serde(default)]
    pub convention: Option<Convention>,
    /// Chapters of the MIMC.
    #[serde(default, rename = "chapter")]
    pub chapters: Vec<Chapter>,
    /// Articles of the MIMC: empty until the article text is available with a source.
    #[serde(default, rename = "article")]
    pub articles: Vec<Article>,
    /// Categories of mobile person (MIMC groups and cross-cutting groups).
    #[serde(default, rename = "category")]
    pub categories: Vec<Category>,
    /// Rights (and state rights, responsibilities) with their anchors in existing law.
    #[serde(default, rename = "right")]
    pub rights: Vec<Right>,
    /// The 23 objectives of the Global Compact for Migration.
    #[serde(default, rename = "objective")]
    pub objectives: Vec<Objective>,
    /// The 10 guiding principles of the Global Compact for Migration.
    #[serde(default, rename = "principle")]
    pub principles: Vec<Principle>,
}

/// Corpus-wide metadata.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Date the facts were last reviewed, `YYYY-MM-DD`.
    pub corpus_date: String,
    /// Free-form corpus edition, e.g. `"v1"`.
    pub edition: String,
}

/// One entry of a controlled vocabulary (a resource type or a theme).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Stable slug, e.g. `"treaty"`, `"refugee-protection"`.
    pub id: String,
    /// Human label, e.g. `"Treaty"`.
    pub label: String,
}

/// How sure we are that a seed entry was identified correctly.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Title, year and publisher confirmed.
    #[default]
    High,
    /// The record is right in substance, a detail is not confirmed.
    Medium,
    /// The exact item could not be pinned down; the record describes what the seed says.
    Low,
}

impl Confidence {
    /// The lowercase name used in data files and in JavaScript.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }
}

/// Normative force of a document.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum LegalStatus {
    /// A treaty or other instrument binding on its parties.
    Binding,
    /// A political commitment, guideline or declaration.
    #[default]
    NonBinding,
    /// Research, commentary or analysis: not a norm at all.
    NonNormative,
}

impl LegalStatus {
    /// The kebab-case name used in data files, facets and JavaScript.
    pub fn as_str(self) -> &'static str {
        match self {
            LegalStatus::Binding => "binding",
            LegalStatus::NonBinding => "non-binding",
            LegalStatus::NonNormative => "non-normative",
        }
    }
    /// Label shown to people.
    pub fn label(self) -> &'static str {
        match self {
            LegalStatus::Binding => "Binding",
            LegalStatus::NonBinding => "Non-binding",
            LegalStatus::NonNormative => "Non-normative",
        }
    }
}

/// A library resource: one entry of the seed list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// Stable slug, unique across the corpus.
    pub id: String,
    /// Position in the seed list, 1-based; resources are kept in this order.
    pub seed: u16,
    /// Real title where identified, otherwise a description of the item.
    pub title: String,
    /// False when `title` is our description because the real title was not found.
    pub title_identified: bool,
    /// Publisher or author as a short organisation name (also a facet).
    pub publisher: String,
    /// Year of publication or adoption; absent when no source gives it (never guessed).
    #[serde(default)]
    pub year: Option<u16>,
    /// Resource type id from the `type` vocabulary.
    #[serde(rename = "type")]
    pub kind_of: String,
    /// Normative force.
    pub legal_status: LegalStatus,
    /// Theme ids from the `theme` vocabulary.
    #[serde(default)]
    pub themes: Vec<String>,
    /// GCM objective numbers, 1–23.
    #[serde(default)]
    pub gcm_objectives: Vec<u8>,
    /// Category ids of the people it concerns.
    #[serde(default)]
    pub categories: Vec<String>,
    /// The instrument record this resource is, if any.
    #[serde(default)]
    pub instrument: Option<String>,
    /// Links to the resource itself.
    #[serde(default)]
    pub urls: Vec<String>,
    /// Our own summary, at most [`SUMMARY_MAX_WORDS`] words.
    pub summary: String,
    /// How sure the identification is.
    pub confidence: Confidence,
    /// What is uncertain; required unless `confidence` is high.
    #[serde(default)]
    pub confidence_note: Option<String>,
    /// Where the facts of this record come from (URLs or citations).
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A party count, always dated and always flagged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parties {
    /// Number of States (and organisations) party; `None` when no figure is known.
    #[serde(default)]
    pub count: Option<u16>,
    /// Date the count refers to, no more precise than the source: `YYYY`, `YYYY-MM` or
    /// `YYYY-MM-DD`, approximate (`c. 2023`) or a range of years (`2024–2025`,
    /// `c. 2019–2024`). Required with a count, unless the source is undated (then
    /// `verified = false` and a `note` says so).
    #[serde(default)]
    pub as_of: Option<String>,
    /// Where the figure comes from.
    pub source: String,
    /// True only when the figure was checked against a dated source.
    pub verified: bool,
    /// What is uncertain about the figure.
    #[serde(default)]
    pub note: Option<String>,
}

/// A key article of an instrument for people on the move.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyArticle {
    /// Article reference as cited, e.g. `"33(1)"`, `"Protocol No. 4, art. 4"`.
    pub article: String,
    /// Our short label of what it provides.
    pub label: String,
}

/// A treaty, protocol, declaration, framework or interpretive text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Stable slug, unique across the corpus.
    pub id: String,
    /// Short name or abbreviation, e.g. `"VCCR"`.
    pub short_name: String,
    /// Full official title.
    pub title: String,
    /// Other names people search by, e.g. `"1951 Convention"`.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Adoption date: `YYYY-MM-DD` (or `YYYY-MM`, `YYYY` when only that is known).
    pub adopted: String,
    /// Entry into force, same format; absent for instruments that do not enter into force.
    #[serde(default)]
    pub in_force: Option<String>,
    /// Adopting body and depositary, in full.
    pub body: String,
    /// Short organisation name for the publisher facet, e.g. `"United Nations"`, `"ILO"`.
    pub publisher: String,
    /// True for treaties binding on their parties.
    pub binding: bool,
    /// Type id from the `type` vocabulary.
    #[serde(rename = "type")]
    pub kind_of: String,
    /// `"global"` or `"regional"`.
    pub scope: String,
    /// Region for regional instruments, e.g. `"Africa"`.
    #[serde(default)]
    pub region: Option<String>,
    /// Theme ids.
    #[serde(default)]
    pub themes: Vec<String>,
    /// Category ids of the people it concerns.
    #[serde(default)]
    pub categories: Vec<String>,
    /// GCM objective numbers, 1–23.
    #[serde(default)]
    pub gcm_objectives: Vec<u8>,
    /// Official text or the depositary's page.
    pub url: String,
    /// False when no reviewed source gives `url`: the official page as we know it, not
    /// checked, so record views flag it.
    #[serde(default = "yes")]
    pub url_checked: bool,
    /// Our own summary, at most [`SUMMARY_MAX_WORDS`] words.
    pub summary: String,
    /// Party count with date and verification flag; absent for non-treaties.
    #[serde(default)]
    pub parties: Option<Parties>,
    /// Articles that matter most for people on the move.
    #[serde(default)]
    pub articles: Vec<KeyArticle>,
    /// Where the facts of this record come from.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// The Model International Mobility Convention as a record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Convention {
    /// Stable slug (`"mimc"`).
    pub id: String,
    /// Short name, `"MIMC"`.
    pub short_name: String,
    /// Full title.
    pub title: String,
    /// Which text this record describes, e.g. `"2017 text"`.
    pub version: String,
    /// Year of the text.
    pub year: u16,
    /// Number of articles of that text.
    pub article_count: u16,
    /// Number of chapters of that text.
    pub chapter_count: u8,
    /// Our summary of the convention and its cumulative design.
    pub summary: String,
    /// Who drafted it, in our words.
    pub drafted_by: String,
    /// Where it was published.
    pub publication: String,
    /// Warning about other versions of the text.
    #[serde(default)]
    pub version_note: Option<String>,
    /// Links to the text and its presentation.
    #[serde(default)]
    pub urls: Vec<String>,
    /// Where the facts of this record come from.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A chapter of the MIMC.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    /// Stable slug, e.g. `"mimc-chapter-1"`.
    pub id: String,
    /// Chapter number, 1-based.
    pub number: u8,
    /// Roman numeral as printed, e.g. `"IV"`.
    pub numeral: String,
    /// Title (as printed when certain, our best description otherwise).
    pub title: String,
    /// True only when the title was seen in a source.
    pub title_certain: bool,
    /// Categories this chapter is about.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Our summary of what the chapter covers.
    pub summary: String,
    /// What is not certain about this chapter.
    #[serde(default)]
    pub certainty_note: Option<String>,
    /// Where the facts come from.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// An article of the MIMC. The slot exists; it stays empty until the text is available.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// Stable slug, e.g. `"mimc-article-1"`.
    pub id: String,
    /// Article number, 1–213.
    pub number: u16,
    /// Chapter number it belongs to.
    pub chapter: u8,
    /// Heading as printed.
    pub heading: String,
    /// Our summary.
    pub summary: String,
    /// Where the article text was read.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// Whether a category comes from the MIMC's own structure or cuts across it.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum CategoryGroup {
    /// One of the nine MIMC groups of mobile people.
    #[default]
    Mimc,
    /// A group defined by other law (stateless persons, children, ...).
    CrossCutting,
}

impl CategoryGroup {
    /// The kebab-case name used in data files and JavaScript.
    pub fn as_str(self) -> &'static str {
        match self {
            CategoryGroup::Mimc => "mimc",
            CategoryGroup::CrossCutting => "cross-cutting",
        }
    }
}

/// A category of mobile person.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Stable slug, e.g. `"refugee"`.
    pub id: String,
    /// Human label.
    pub label: String,
    /// MIMC group or cross-cutting group.
    pub group: CategoryGroup,
    /// Our definition.
    pub definition: String,
    /// Where the legal definition comes from, in our words with citations.
    pub definition_source: String,
    /// MIMC chapter numeral, when the category is placed in one.
    #[serde(default)]
    pub mimc_chapter: Option<String>,
    /// True only when that placement is sourced.
    pub mimc_chapter_certain: bool,
    /// Categories whose rights this one also holds (direct links only).
    #[serde(default)]
    pub inherits: Vec<String>,
    /// False when some inheritance link is our assumption, not sourced.
    pub inherits_established: bool,
    /// Why the links are or are not established.
    #[serde(default)]
    pub inherits_note: Option<String>,
    /// With `inherits_established = false`: the links of `inherits` that are assumptions (the
    /// others are sourced). Empty means every link is assumed. Always empty when the links are
    /// established.
    #[serde(default)]
    pub inherits_assumed: Vec<String>,
    /// Everyday words visitors search for this category with that its label and definition
    /// do not use ("seasonal worker" for a migrant worker): searchable, never shown. Same
    /// bounds as [`Right::search_terms`].
    #[serde(default)]
    pub search_terms: Vec<String>,
}

impl Category {
    /// Is the link from this category to `parent` (one of its `inherits`) an assumption?
    pub fn link_assumed(&self, parent: &str) -> bool {
        !self.inherits_established
            && (self.inherits_assumed.is_empty()
                || self.inherits_assumed.iter().any(|p| p == parent))
    }

    /// The links of `inherits` that are assumptions, in `inherits` order (all of them when
    /// `inherits_established = false` names none; none when the links are established).
    pub fn assumed_links(&self) -> Vec<String> {
        self.inherits
            .iter()
            .filter(|p| self.link_assumed(p))
            .cloned()
            .collect()
    }
}

/// Kind of right, as grouped in the catalogue.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum RightGroup {
    /// Entering, staying, leaving, moving.
    #[default]
    Mobility,
    /// Civil and political rights.
    Civil,
    /// Work and economic life.
    Economic,
    /// Health, education, social security, family.
    Social,
    /// Due process, remedies, procedural safeguards.
    Procedural,
    /// Special protection (non-refoulement, victims, children).
    Protection,
    /// A power of the State, not a right of the person.
    StateRight,
    /// A duty of the mobile person.
    Responsibility,
}

impl RightGroup {
    /// Every group, in display order.
    pub const ALL: [RightGroup; 8] = [
        RightGroup::Mobility,
        RightGroup::Civil,
        RightGroup::Economic,
        RightGroup::Social,
        RightGroup::Procedural,
        RightGroup::Protection,
        RightGroup::StateRight,
        RightGroup::Responsibility,
    ];
    /// The kebab-case name used in data files and JavaScript.
    pub fn as_str(self) -> &'static str {
        match self {
            RightGroup::Mobility => "mobility",
            RightGroup::Civil => "civil",
            RightGroup::Economic => "economic",
            RightGroup::Social => "social",
            RightGroup::Procedural => "procedural",
            RightGroup::Protection => "protection",
            RightGroup::StateRight => "state-right",
            RightGroup::Responsibility => "responsibility",
        }
    }
    /// Parses the kebab-case name.
    pub fn parse(s: &str) -> Option<RightGroup> {
        RightGroup::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

/// One place in existing law that backs a right.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    /// Instrument id.
    pub instrument: String,
    /// Article as cited, e.g. `"33(1)"`.
    pub article: String,
    /// How sure the article number is.
    pub confidence: Confidence,
    /// True when the article number and content were checked against a source.
    pub verified: bool,
}

/// A right of a mobile person (or a state right, or a responsibility).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Right {
    /// Stable slug, e.g. `"non-refoulement"`.
    pub id: String,
    /// Short name.
    pub name: String,
    /// Our description, at most [`SUMMARY_MAX_WORDS`] words.
    pub description: String,
    /// Kind of right.
    pub group: RightGroup,
    /// Lowest categories that hold it directly; others inherit it.
    #[serde(default)]
    pub holders: Vec<String>,
    /// Caveat worth showing next to the right.
    #[serde(default)]
    pub note: Option<String>,
    /// Places in existing law that back it.
    #[serde(default)]
    pub anchors: Vec<Anchor>,
    /// Everyday words visitors search for this right with that its name and description do
    /// not use ("pension" for social security, "pushback" for non-refoulement): searchable,
    /// never shown. At most [`MAX_SEARCH_TERMS`], each at most [`SEARCH_TERM_MAX_CHARS`]
    /// characters.
    #[serde(default)]
    pub search_terms: Vec<String>,
}

/// Most [`Right::search_terms`] of one right.
pub const MAX_SEARCH_TERMS: usize = 12;
/// Longest [`Right::search_terms`] entry, in characters.
pub const SEARCH_TERM_MAX_CHARS: usize = 40;

/// A GCM objective.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// Objective number, 1–23.
    pub number: u8,
    /// Our wording of the objective.
    pub label: String,
    /// Short label as used by the Migration Network Hub's filter, e.g. `"Data"`.
    pub short_label: String,
    /// Where the objective list comes from.
    pub source: String,
}

/// A GCM guiding principle.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Principle {
    /// Stable slug, e.g. `"people-centred"`.
    pub id: String,
    /// Label, e.g. `"People-centred"`.
    pub label: String,
    /// Our description.
    pub description: String,
    /// Where the principle list comes from.
    pub source: String,
}

/// Serde default of the flags that hold unless a record says otherwise.
fn yes() -> bool {
    true
}
