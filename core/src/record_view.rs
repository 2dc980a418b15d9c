//! The full view of one record, looked up by id: every fact a record page shows, with the
//! uncertainty of each fact carried as data, links to related records, safe source links and a
//! plain citation string.
//!
//! A [`RecordView`] is an enum tagged by `kind` (`"resource"`, `"instrument"`, `"convention"`,
//! `"chapter"`, `"article"`, `"category"`, `"right"`, `"objective"`, `"principle"`); every
//! variant carries the same [`Common`] header (flattened) and the facts of its kind. Field names
//! are camelCase, as JavaScript sees them.

use crate::corpus_docs::{kind_label, objective_id};
use crate::error::{Code, Error, JsClass};
use crate::schema::{
    Anchor, CategoryGroup, Confidence, Corpus, Instrument, LegalStatus, Parties, RightGroup,
};
use crate::validate::parse_date;
use serde::Serialize;

/// Longest part of an unknown id repeated in an error message, in characters.
pub const ID_ECHO_MAX_CHARS: usize = 64;

/// Title of the Global Compact for Migration, used in citations of its objectives and principles.
pub const GCM_TITLE: &str = "Global Compact for Safe, Orderly and Regular Migration";

/// A source as shown to people: its text, and a link only when it is an `http(s)` URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceRef {
    /// The source as written in the data (a URL or a citation).
    pub text: String,
    /// The same text when it is a safe `http://` or `https://` URL; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// False when no reviewed source gives the link: an instrument's official page as we know
    /// it (`url_checked = false` in the corpus), listed by the rights it backs and shown as not
    /// checked. Serialized only when false (`checked: false`), to keep answers small.
    #[serde(skip_serializing_if = "is_true")]
    pub checked: bool,
}

impl SourceRef {
    /// Wraps a source string, keeping a link only for `http(s)` URLs without spaces.
    pub fn new(text: &str) -> SourceRef {
        SourceRef {
            text: text.to_string(),
            url: safe_url(text),
            checked: true,
        }
    }

    /// As [`SourceRef::new`], for a link no reviewed source gives (`checked: false`).
    pub fn unchecked(text: &str) -> SourceRef {
        SourceRef {
            checked: false,
            ..SourceRef::new(text)
        }
    }
}

fn is_true(b: &bool) -> bool {
    *b
}

/// `Some(url)` when `s` is an `http://` or `https://` URL with a host and no whitespace or
/// control characters; `None` for anything else (`javascript:`, relative paths, citations).
pub fn safe_url(s: &str) -> Option<String> {
    let s = s.trim();
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &s[8..]
    } else if lower.starts_with("http://") {
        &s[7..]
    } else {
        return None;
    };
    let host_ok = rest
        .split(['/', '?', '#'])
        .next()
        .is_some_and(|h| !h.is_empty());
    let clean = !s.chars().any(|c| c.is_whitespace() || c.is_control());
    (host_ok && clean).then(|| s.to_string())
}

/// A short reference to another record, enough to link to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordRef {
    /// Record id (pass it to `record()`).
    pub id: String,
    /// Record kind.
    pub kind: String,
    /// Title or label.
    pub title: String,
}

/// A controlled-vocabulary value (type, theme, category) with its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Term {
    /// Stable value, usable as a facet filter.
    pub value: String,
    /// Label shown to people.
    pub label: String,
}

/// A GCM objective referred to by a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectiveRef {
    /// Objective number, 1–23.
    pub number: u8,
    /// Record id of the objective (`objective-N`).
    pub id: String,
    /// Our wording of the objective (`"Objective N"` when the corpus lacks it).
    pub label: String,
    /// Short label as used by the Migration Network Hub.
    pub short_label: String,
}

/// How much a flagged fact can be relied on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlagLevel {
    /// A figure or reference that was not checked against a source.
    Unverified,
    /// A detail that is not confirmed (medium confidence).
    Uncertain,
    /// The item itself could not be pinned down (low confidence).
    Low,
    /// Our assumption or description, not sourced.
    Assumed,
}

/// One fact of a record that must not be shown as certain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Flag {
    /// Which fact it concerns, e.g. `"parties"`, `"title"`, `"identification"`.
    pub field: String,
    /// How weak the fact is.
    pub level: FlagLevel,
    /// What is uncertain, in plain words.
    pub message: String,
}

/// What every record view carries.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Common {
    /// Record id.
    pub id: String,
    /// Label of the kind, e.g. `"Instrument"`.
    pub kind_label: String,
    /// Title or label.
    pub title: String,
    /// Our summary, description or definition.
    pub summary: String,
    /// A plain reference string for the record. What is not certain is marked in it in
    /// brackets, since a copied citation travels without the flags: an unconfirmed chapter
    /// title, a resource not identified with certainty, an instrument link not checked, and
    /// each article of a right not checked against the text or of less than high confidence
    /// (`"art. III [unverified, low confidence]"`, see [`anchor_mark`]).
    pub citation: String,
    /// Where the facts come from (a right: the official text of each instrument it cites,
    /// `checked: false` and flagged when no reviewed source gives that link).
    pub sources: Vec<SourceRef>,
    /// Facts that are unverified, uncertain or assumed; empty when everything is confirmed.
    pub flags: Vec<Flag>,
    /// Date the corpus facts were last reviewed (`YYYY-MM-DD`), empty when unknown.
    pub corpus_date: String,
}

/// A library resource (one seed entry).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceView {
    /// Shared header.
    #[serde(flatten)]
    pub common: Common,
    /// Position in the seed list.
    pub seed: u16,
    /// False when the title is our description of an item not identified.
    pub title_identified: bool,
    /// Publisher or author.
    pub publisher: String,
    /// Year, when a source gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// Resource type.
    #[serde(rename = "type")]
    pub type_of: Term,
    /// `"binding"`, `"non-binding"` or `"non-normative"`.
    pub legal_status: String,
    /// Themes.
    pub themes: Vec<Term>,
    /// Categories of people it concerns.
    pub categories: Vec<Term>,
    /// GCM objectives it relates to.
    pub gcm_objectives: Vec<ObjectiveRef>,
    /// The instrument record this resource is, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instrument: Option<RecordRef>,
    /// Links to the resource itself (safe links only carry `url`).
    pub urls: Vec<SourceRef>,
    /// `"high"`, `"medium"` or `"low"`.
    pub confidence: String,
    /// What is uncertain about the identification.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence_note: Option<String>,
}

/// A party count with its date and verification flag.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PartiesView {
    /// Number of parties, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u16>,
    /// Date the count refers to, no more precise than the source (`YYYY-MM-DD`, `YYYY-MM`,
    /// `YYYY`, `c. 2023`, `2024–2025`); absent when the source is undated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// Where the figure comes from.
    pub source: SourceRef,
    /// True only when the figure was checked against a dated source.
    pub verified: bool,
    /// What is uncertain about the figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A key article of an instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyArticleView {
    /// Article reference as cited.
    pub article: String,
    /// What it provides.
    pub label: String,
}

/// A right backed by an instrument, seen from the instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnchoredRight {
    /// Right id.
    pub id: String,
    /// Right name.
    pub name: String,
    /// Article of this instrument that backs it.
    pub article: String,
    /// How sure the article number is.
    pub confidence: String,
    /// True when the article was checked against a source.
    pub verified: bool,
}

/// A treaty, protocol, declaration or framework.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstrumentView {
    /// Shared header.
    #[serde(flatten)]
    pub common: Common,
    /// Short name or abbreviation.
    pub short_name: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Adoption date as recorded (`YYYY[-MM[-DD]]`).
    pub adopted: String,
    /// Entry into force, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_force: Option<String>,
    /// Adopting body and depositary.
    pub body: String,
    /// Publisher facet value.
    pub publisher: String,
    /// True for treaties binding on their parties.
    pub binding: bool,
    /// `"binding"` or `"non-binding"`.
    pub legal_status: String,
    /// Instrument type.
    #[serde(rename = "type")]
    pub type_of: Term,
    /// `"global"` or `"regional"`.
    pub scope: String,
    /// Region of a regional instrument.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Themes.
    pub themes: Vec<Term>,
    /// Categories of people it concerns.
    pub categories: Vec<Term>,
    /// GCM objectives it relates to.
    pub gcm_objectives: Vec<ObjectiveRef>,
    /// Official text or depositary page (absent when not a safe link).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Party count, dated and flagged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parties: Option<PartiesView>,
    /// Key articles for people on the move.
    pub key_articles: Vec<KeyArticleView>,
    /// Rights of the catalogue anchored in this instrument.
    pub anchored_rights: Vec<AnchoredRight>,
    /// Library resources that are this instrument.
    pub resources: Vec<RecordRef>,
}

/// The Model International Mobility Convention.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConventionView {
    /// Shared header.
    #[serde(flatten)]
    pub common: Common,
    /// Short name.
    pub short_name: String,
    /// Which text is described.
    pub version: String,
    /// Year of that text.
    pub year: u16,
    /// Number of articles of that text.
    pub article_count: u16,
    /// Number of chapters of that text.
    pub chapter_count: u8,
    /// Who drafted it.
    pub drafted_by: String,
    /// Where it was published.
    pub publication: String,
    /// Warning about other versions of the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_note: Option<String>,
    /// Links to the text and its presentation.
    pub urls: Vec<SourceRef>,
    /// Its chapters, in order.
    pub chapters: Vec<RecordRef>,
}

/// A chapter of the MIMC.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChapterView {
    /// Shared header.
    #[serde(flatten)]
    pub common: Common,
    /// Chapter number.
    pub number: u8,
    /// Roman numeral.
    pub numeral: String,
    /// True only when the title was seen in a source.
    pub title_certain: bool,
    /// What is not certain about the chapter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certainty_note: Option<String>,
    /// Categories the chapter is about.
    pub categories: Vec<Term>,
    /// The convention it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub convention: Option<RecordRef>,
}

/// An article of the MIMC.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArticleView {
    /// Shared header.
    #[serde(flatten)]
    pub common: Common,
    /// Article number.
    pub number: u16,
    /// Heading as printed.
    pub heading: String,
    /// The chapter it belongs to, when the corpus has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chapter: Option<RecordRef>,
}

/// A category of mobile person.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CategoryView {
    /// Shared header.
    #[serde(flatten)]
    pub common: Common,
    /// `"mimc"` or `"cross-cutting"`.
    pub group: String,
    /// Our definition.
    pub definition: String,
    /// Where the legal definition comes from.
    pub definition_source: String,
    /// MIMC chapter numeral.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mimc_chapter: Option<String>,
    /// True only when the chapter placement is sourced.
    pub mimc_chapter_certain: bool,
    /// The chapter record, when the corpus has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chapter: Option<RecordRef>,
    /// Categories whose rights this one also holds (direct links).
    pub inherits: Vec<RecordRef>,
    /// False when some inheritance link is our assumption.
    pub inherits_established: bool,
    /// Ids of the `inherits` links that are assumptions (empty when all are established).
    pub inherits_assumed: Vec<String>,
    /// Why the links are or are not established.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inherits_note: Option<String>,
    /// Categories that inherit this one's rights directly.
    pub inherited_by: Vec<RecordRef>,
}

/// One anchor of a right in existing law, seen from the right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnchorView {
    /// Instrument id (link to its record).
    pub instrument_id: String,
    /// Instrument short name.
    pub instrument_short_name: String,
    /// Instrument title.
    pub instrument_title: String,
    /// Article as cited.
    pub article: String,
    /// True when the instrument is binding on its parties.
    pub binding: bool,
    /// The instrument's reach: `global`, or `regional` (binding only on States of `region`).
    pub scope: String,
    /// The region of a regional instrument; omitted otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// How sure the article number is.
    pub confidence: String,
    /// True when the article was checked against a source.
    pub verified: bool,
}

/// A right, state right or responsibility.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RightView {
    /// Shared header.
    #[serde(flatten)]
    pub common: Common,
    /// Short name.
    pub name: String,
    /// Our description.
    pub description: String,
    /// Kind of right, e.g. `"mobility"`.
    pub group: String,
    /// Label of the kind, e.g. `"Mobility"`.
    pub group_label: String,
    /// Lowest categories that hold it directly (others inherit it).
    pub holders: Vec<RecordRef>,
    /// Caveat worth showing next to the right.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Places in existing law that back it.
    pub anchors: Vec<AnchorView>,
    /// True when at least one anchor is in a binding instrument.
    pub binding: bool,
    /// `"global"` when a binding anchor is in a global instrument, `"regional"` when every
    /// binding anchor is regional, `null` when none is binding.
    pub binding_scope: Option<&'static str>,
}

/// A GCM objective.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectiveView {
    /// Shared header.
    #[serde(flatten)]
    pub common: Common,
    /// Objective number.
    pub number: u8,
    /// Our wording.
    pub label: String,
    /// Short label.
    pub short_label: String,
    /// Resources and instruments that relate to it.
    pub related: Vec<RecordRef>,
}

/// A GCM guiding principle.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrincipleView {
    /// Shared header.
    #[serde(flatten)]
    pub common: Common,
    /// Label.
    pub label: String,
    /// Our description.
    pub description: String,
}

/// The view of one record of any kind, tagged by `kind` (boxed: the kinds differ in size).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum RecordView {
    /// A library resource.
    Resource(Box<ResourceView>),
    /// A treaty or other instrument.
    Instrument(Box<InstrumentView>),
    /// The MIMC.
    Convention(Box<ConventionView>),
    /// A chapter of the MIMC.
    Chapter(Box<ChapterView>),
    /// An article of the MIMC.
    Article(Box<ArticleView>),
    /// A category of mobile person.
    Category(Box<CategoryView>),
    /// A right.
    Right(Box<RightView>),
    /// A GCM objective.
    Objective(Box<ObjectiveView>),
    /// A GCM guiding principle.
    Principle(Box<PrincipleView>),
}

impl RecordView {
    /// The header shared by every kind.
    pub fn common(&self) -> &Common {
        match self {
            RecordView::Resource(v) => &v.common,
            RecordView::Instrument(v) => &v.common,
            RecordView::Convention(v) => &v.common,
            RecordView::Chapter(v) => &v.common,
            RecordView::Article(v) => &v.common,
            RecordView::Category(v) => &v.common,
            RecordView::Right(v) => &v.common,
            RecordView::Objective(v) => &v.common,
            RecordView::Principle(v) => &v.common,
        }
    }

    /// The kind, as in the serialized `kind` tag.
    pub fn kind(&self) -> &'static str {
        match self {
            RecordView::Resource(_) => "resource",
            RecordView::Instrument(_) => "instrument",
            RecordView::Convention(_) => "convention",
            RecordView::Chapter(_) => "chapter",
            RecordView::Article(_) => "article",
            RecordView::Category(_) => "category",
            RecordView::Right(_) => "right",
            RecordView::Objective(_) => "objective",
            RecordView::Principle(_) => "principle",
        }
    }
}

/// The error for an id that names no record: `RangeError`, `UNKNOWN_RECORD`, echoing at most
/// [`ID_ECHO_MAX_CHARS`] characters of the id.
pub fn unknown_record(id: &str) -> Error {
    let mut shown: String = id.chars().take(ID_ECHO_MAX_CHARS).collect();
    if id.chars().nth(ID_ECHO_MAX_CHARS).is_some() {
        shown.push('…');
    }
    Error::new(
        Code::UnknownRecord,
        JsClass::RangeError,
        format!("no record has the id {shown:?}; ids come from search hits or other records"),
    )
}

/// Looks up record `id` in `corpus` and builds its full view.
pub fn view(corpus: &Corpus, id: &str) -> Result<RecordView, Error> {
    let ctx = Ctx { c: corpus };
    if let Some(r) = corpus.resources.iter().find(|r| r.id == id) {
        return Ok(RecordView::Resource(Box::new(ctx.resource(r))));
    }
    if let Some(i) = corpus.instruments.iter().find(|i| i.id == id) {
        return Ok(RecordView::Instrument(Box::new(ctx.instrument(i))));
    }
    if let Some(m) = corpus.convention.as_ref().filter(|m| m.id == id) {
        return Ok(RecordView::Convention(Box::new(ctx.convention(m))));
    }
    if let Some(ch) = corpus.chapters.iter().find(|x| x.id == id) {
        return Ok(RecordView::Chapter(Box::new(ctx.chapter(ch))));
    }
    if let Some(a) = corpus.articles.iter().find(|x| x.id == id) {
        return Ok(RecordView::Article(Box::new(ctx.article(a))));
    }
    if let Some(cat) = corpus.categories.iter().find(|x| x.id == id) {
        return Ok(RecordView::Category(Box::new(ctx.category(cat))));
    }
    if let Some(r) = corpus.rights.iter().find(|x| x.id == id) {
        return Ok(RecordView::Right(Box::new(ctx.right(r))));
    }
    if let Some(o) = corpus
        .objectives
        .iter()
        .find(|o| objective_id(o.number) == id)
    {
        return Ok(RecordView::Objective(Box::new(ctx.objective(o))));
    }
    if let Some(p) = corpus.principles.iter().find(|x| x.id == id) {
        return Ok(RecordView::Principle(Box::new(ctx.principle(p))));
    }
    Err(unknown_record(id))
}

/// Formats a `YYYY[-MM[-DD]]` date for people, e.g. `"28 July 1951"`, `"July 1951"`, `"1951"`;
/// anything else is returned unchanged.
pub fn human_date(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match parse_date(date) {
        Some(d) if d.month == 0 => d.year.to_string(),
        Some(d) if d.day == 0 => format!("{} {}", MONTHS[usize::from(d.month) - 1], d.year),
        Some(d) => format!("{} {} {}", d.day, MONTHS[usize::from(d.month) - 1], d.year),
        None => date.to_string(),
    }
}

/// An article reference as cited after an instrument's name: `"33(1)"` and `"II(3)"` become
/// `"art. 33(1)"` and `"art. II(3)"`; references that name their own unit (`"Protocol No. 4,
/// art. 4"`, `"para. 29 (objective 13)"`, `"Guideline 3"`) are kept as they are.
pub fn article_ref(article: &str) -> String {
    let a = article.trim();
    if is_article_number(a) {
        format!("art. {a}")
    } else {
        a.to_string()
    }
}

/// True when `article` is an article number (`"33(1)"`, `"II(3)"`), which "art." must
/// introduce, rather than a reference naming its own unit (`"para. 24"`, `"Preamble"`,
/// `"Annex I"`, `"Protocol No. 4, art. 2(3)"`).
pub fn is_article_number(article: &str) -> bool {
    let first = article.trim().split(['(', ' ', ',']).next().unwrap_or("");
    !first.is_empty()
        && (first.bytes().all(|b| b"IVXLC".contains(&b))
            || first.bytes().next().is_some_and(|b| b.is_ascii_digit()))
}

/// Label of a kind of right, e.g. `"state-right"` → `"State powers"`.
pub fn right_group_label(g: RightGroup) -> &'static str {
    match g {
        RightGroup::Mobility => "Mobility",
        RightGroup::Civil => "Civil and political",
        RightGroup::Economic => "Work and economic life",
        RightGroup::Social => "Social",
        RightGroup::Procedural => "Procedural safeguards",
        RightGroup::Protection => "Special protection",
        RightGroup::StateRight => "State powers",
        RightGroup::Responsibility => "Responsibilities",
    }
}

fn flag(field: &str, level: FlagLevel, message: impl Into<String>) -> Flag {
    Flag {
        field: field.into(),
        level,
        message: message.into(),
    }
}

fn sources(list: &[String]) -> Vec<SourceRef> {
    list.iter().map(|s| SourceRef::new(s)).collect()
}

struct Ctx<'c> {
    c: &'c Corpus,
}

impl Ctx<'_> {
    fn common(&self, id: &str, kind: &str, title: &str, summary: &str) -> Common {
        Common {
            id: id.to_string(),
            kind_label: kind_label(kind).to_string(),
            title: title.to_string(),
            summary: summary.to_string(),
            citation: String::new(),
            sources: Vec::new(),
            flags: Vec::new(),
            corpus_date: self
                .c
                .meta
                .as_ref()
                .map(|m| m.corpus_date.clone())
                .unwrap_or_default(),
        }
    }

    fn type_term(&self, id: &str) -> Term {
        let label = self.c.types.iter().find(|t| t.id == id).map(|t| &t.label);
        Term {
            value: id.to_string(),
            label: label.map_or_else(|| id.to_string(), Clone::clone),
        }
    }

    fn themes(&self, ids: &[String]) -> Vec<Term> {
        ids.iter()
            .map(|id| {
                let label = self.c.themes.iter().find(|t| &t.id == id).map(|t| &t.label);
                Term {
                    value: id.clone(),
                    label: label.map_or_else(|| id.clone(), Clone::clone),
                }
            })
            .collect()
    }

    fn category_terms(&self, ids: &[String]) -> Vec<Term> {
        ids.iter()
            .map(|id| Term {
                value: id.clone(),
                label: self.category_label(id),
            })
            .collect()
    }

    fn category_label(&self, id: &str) -> String {
        self.c
            .categories
            .iter()
            .find(|x| x.id == id)
            .map_or_else(|| id.to_string(), |x| x.label.clone())
    }

    fn category_refs(&self, ids: &[String]) -> Vec<RecordRef> {
        ids.iter()
            .map(|id| RecordRef {
                id: id.clone(),
                kind: "category".into(),
                title: self.category_label(id),
            })
            .collect()
    }

    fn objectives(&self, numbers: &[u8]) -> Vec<ObjectiveRef> {
        numbers
            .iter()
            .map(|&n| {
                let o = self.c.objectives.iter().find(|o| o.number == n);
                ObjectiveRef {
                    number: n,
                    id: objective_id(n),
                    label: o.map_or_else(|| format!("Objective {n}"), |o| o.label.clone()),
                    short_label: o.map(|o| o.short_label.clone()).unwrap_or_default(),
                }
            })
            .collect()
    }

    fn instrument_by_id(&self, id: &str) -> Option<&Instrument> {
        self.c.instruments.iter().find(|i| i.id == id)
    }

    fn chapter_ref(&self, numeral: &str) -> Option<RecordRef> {
        self.c
            .chapters
            .iter()
            .find(|ch| ch.numeral == numeral)
            .map(|ch| RecordRef {
                id: ch.id.clone(),
                kind: "chapter".into(),
                title: format!("MIMC Chapter {}: {}", ch.numeral, ch.title),
            })
    }

    fn convention_ref(&self) -> Option<RecordRef> {
        self.c.convention.as_ref().map(|m| RecordRef {
            id: m.id.clone(),
            kind: "convention".into(),
            title: m.title.clone(),
        })
    }

    fn convention_label(&self) -> String {
        match &self.c.convention {
            Some(m) => format!("{} ({}, {})", m.title, m.short_name, m.version),
            None => "Model International Mobility Convention".into(),
        }
    }

    fn resource(&self, r: &crate::schema::Resource) -> ResourceView {
        let mut common = self.common(&r.id, "resource", &r.title, &r.summary);
        let type_of = self.type_term(&r.kind_of);
        let year = r.year.map_or_else(|| "n.d.".to_string(), |y| y.to_string());
        // A title we wrote ourselves is bracketed, as a description, and says so once.
        let title = if r.title_identified {
            r.title.clone()
        } else if r.title.to_ascii_lowercase().contains("not identified") {
            format!("[{}]", r.title)
        } else {
            format!("[{}; title not identified]", r.title)
        };
        // As a chapter's unconfirmed title, an identification that is not certain is marked
        // in the citation, not only in the flags: a copied citation travels without them.
        let title = match r.confidence {
            Confidence::High => title,
            Confidence::Medium => format!("{title} [{MEDIUM_RESOURCE_MARK}]"),
            Confidence::Low => format!("{title} [{LOW_RESOURCE_MARK}]"),
        };
        let urls = sources(&r.urls);
        let link = urls.iter().find_map(|u| u.url.clone());
        common.citation = join_citation(&[
            format!("{} ({year})", r.publisher),
            title,
            format!("[{}]", type_of.label),
            link.unwrap_or_default(),
        ]);
        common.sources = sources(&r.sources);
        if !r.title_identified {
            common.flags.push(flag(
                "title",
                FlagLevel::Low,
                "The exact item was not identified: the title is our description of it.",
            ));
        }
        let note = r.confidence_note.clone().unwrap_or_default();
        match r.confidence {
            Confidence::High => {}
            Confidence::Medium => common.flags.push(flag(
                "identification",
                FlagLevel::Uncertain,
                or_default(note, "A detail of this record is not confirmed."),
            )),
            Confidence::Low => common.flags.push(flag(
                "identification",
                FlagLevel::Low,
                or_default(note, "The identification of this item is uncertain."),
            )),
        }
        if r.year.is_none() {
            common.flags.push(flag(
                "year",
                FlagLevel::Uncertain,
                "No source gives the year.",
            ));
        }
        if r.urls.is_empty() {
            common.flags.push(flag(
                "urls",
                FlagLevel::Low,
                "No link is given: the item itself has not been located.",
            ));
        }
        let instrument = r.instrument.as_deref().map(|id| RecordRef {
            id: id.to_string(),
            kind: "instrument".into(),
            title: self
                .instrument_by_id(id)
                .map_or_else(|| id.to_string(), |i| i.title.clone()),
        });
        ResourceView {
            common,
            seed: r.seed,
            title_identified: r.title_identified,
            publisher: r.publisher.clone(),
            year: r.year,
            type_of,
            legal_status: r.legal_status.as_str().into(),
            themes: self.themes(&r.themes),
            categories: self.category_terms(&r.categories),
            gcm_objectives: self.objectives(&r.gcm_objectives),
            instrument,
            urls,
            confidence: r.confidence.as_str().into(),
            confidence_note: r.confidence_note.clone(),
        }
    }

    fn instrument(&self, i: &Instrument) -> InstrumentView {
        let mut common = self.common(&i.id, "instrument", &i.title, &i.summary);
        let url = safe_url(&i.url);
        let mut dates = format!("Adopted {}", human_date(&i.adopted));
        if let Some(f) = &i.in_force {
            dates.push_str(&format!(", entered into force {}", human_date(f)));
        }
        // A link no reviewed source gives is cited as such, as the record flags it.
        let cited_url = match &url {
            Some(u) if !i.url_checked => format!("{u} {UNCHECKED_LINK_MARK}"),
            Some(u) => u.clone(),
            None => String::new(),
        };
        common.citation = join_citation(&[
            format!("{} ({})", i.title, i.short_name),
            dates,
            i.publisher.clone(),
            cited_url,
        ]);
        common.sources = sources(&i.sources);
        if !i.url_checked && url.is_some() {
            common.flags.push(flag(
                "url",
                FlagLevel::Unverified,
                "No reviewed source gives this link: it is the official page as we know it, not checked.",
            ));
        }
        let parties = i.parties.as_ref().map(|p| parties_view(p, &mut common));
        let anchored_rights = self
            .c
            .rights
            .iter()
            .flat_map(|r| {
                r.anchors
                    .iter()
                    .filter(|a| a.instrument == i.id)
                    .map(move |a| AnchoredRight {
                        id: r.id.clone(),
                        name: r.name.clone(),
                        article: a.article.clone(),
                        confidence: a.confidence.as_str().into(),
                        verified: a.verified,
                    })
            })
            .collect();
        let resources = self
            .c
            .resources
            .iter()
            .filter(|r| r.instrument.as_deref() == Some(i.id.as_str()))
            .map(|r| RecordRef {
                id: r.id.clone(),
                kind: "resource".into(),
                title: r.title.clone(),
            })
            .collect();
        let status = if i.binding {
            LegalStatus::Binding
        } else {
            LegalStatus::NonBinding
        };
        InstrumentView {
            common,
            short_name: i.short_name.clone(),
            aliases: i.aliases.clone(),
            adopted: i.adopted.clone(),
            in_force: i.in_force.clone(),
            body: i.body.clone(),
            publisher: i.publisher.clone(),
            binding: i.binding,
            legal_status: status.as_str().into(),
            type_of: self.type_term(&i.kind_of),
            scope: i.scope.clone(),
            region: i.region.clone(),
            themes: self.themes(&i.themes),
            categories: self.category_terms(&i.categories),
            gcm_objectives: self.objectives(&i.gcm_objectives),
            url,
            parties,
            key_articles: i
                .articles
                .iter()
                .map(|a| KeyArticleView {
                    article: a.article.clone(),
                    label: a.label.clone(),
                })
                .collect(),
            anchored_rights,
            resources,
        }
    }

    fn convention(&self, m: &crate::schema::Convention) -> ConventionView {
        let mut common = self.common(&m.id, "convention", &m.title, &m.summary);
        let urls = sources(&m.urls);
        common.citation = join_citation(&[
            format!("{} ({}), {}", m.title, m.short_name, m.version),
            m.publication.clone(),
            urls.iter().find_map(|u| u.url.clone()).unwrap_or_default(),
        ]);
        common.sources = sources(&m.sources);
        if let Some(note) = &m.version_note {
            common
                .flags
                .push(flag("version", FlagLevel::Uncertain, note.clone()));
        }
        // By number, data order among equals: the shared sort, not one more instantiation.
        let all = &self.c.chapters;
        let mut order: Vec<u32> = (0..all.len() as u32).collect();
        crate::search::index::sort_by(&mut order, &|a, b| {
            (all[a as usize].number, a).cmp(&(all[b as usize].number, b))
        });
        let chapters: Vec<_> = order.iter().map(|&i| &all[i as usize]).collect();
        ConventionView {
            common,
            short_name: m.short_name.clone(),
            version: m.version.clone(),
            year: m.year,
            article_count: m.article_count,
            chapter_count: m.chapter_count,
            drafted_by: m.drafted_by.clone(),
            publication: m.publication.clone(),
            version_note: m.version_note.clone(),
            urls,
            chapters: chapters
                .into_iter()
                .map(|ch| RecordRef {
                    id: ch.id.clone(),
                    kind: "chapter".into(),
                    title: format!("MIMC Chapter {}: {}", ch.numeral, ch.title),
                })
                .collect(),
        }
    }

    fn chapter(&self, ch: &crate::schema::Chapter) -> ChapterView {
        let title = format!("MIMC Chapter {}: {}", ch.numeral, ch.title);
        let mut common = self.common(&ch.id, "chapter", &title, &ch.summary);
        let mut cite = format!("{}, Chapter {}", self.convention_label(), ch.numeral);
        if ch.title_certain {
            cite.push_str(&format!(": {}", ch.title));
        } else {
            cite.push_str(&format!(
                " [title not confirmed; described as “{}”]",
                ch.title
            ));
        }
        common.citation = cite;
        common.sources = sources(&ch.sources);
        if !ch.title_certain {
            common.flags.push(flag(
                "title",
                FlagLevel::Assumed,
                "The chapter title was not seen in a source: it is our description.",
            ));
        }
        if let Some(note) = &ch.certainty_note {
            common
                .flags
                .push(flag("content", FlagLevel::Uncertain, note.clone()));
        }
        ChapterView {
            common,
            number: ch.number,
            numeral: ch.numeral.clone(),
            title_certain: ch.title_certain,
            certainty_note: ch.certainty_note.clone(),
            categories: self.category_terms(&ch.categories),
            convention: self.convention_ref(),
        }
    }

    fn article(&self, a: &crate::schema::Article) -> ArticleView {
        let title = format!("MIMC Article {}: {}", a.number, a.heading);
        let mut common = self.common(&a.id, "article", &title, &a.summary);
        common.citation = format!(
            "{}, art. {}: {}",
            self.convention_label(),
            a.number,
            a.heading
        );
        common.sources = sources(&a.sources);
        let chapter = self
            .c
            .chapters
            .iter()
            .find(|ch| ch.number == a.chapter)
            .map(|ch| RecordRef {
                id: ch.id.clone(),
                kind: "chapter".into(),
                title: format!("MIMC Chapter {}: {}", ch.numeral, ch.title),
            });
        ArticleView {
            common,
            number: a.number,
            heading: a.heading.clone(),
            chapter,
        }
    }

    fn category(&self, cat: &crate::schema::Category) -> CategoryView {
        let mut common = self.common(&cat.id, "category", &cat.label, &cat.definition);
        common.citation = format!(
            "“{}” ({} category). Legal basis: {}",
            cat.label,
            match cat.group {
                CategoryGroup::Mimc => "MIMC",
                CategoryGroup::CrossCutting => "cross-cutting",
            },
            cat.definition_source
        );
        common.sources = vec![SourceRef::new(&cat.definition_source)];
        if cat.mimc_chapter.is_some() && !cat.mimc_chapter_certain {
            common.flags.push(flag(
                "mimcChapter",
                FlagLevel::Assumed,
                "The MIMC chapter of this category is our placement, not confirmed by a source.",
            ));
        }
        if !cat.inherits.is_empty() && !cat.inherits_established {
            common.flags.push(flag(
                "inherits",
                FlagLevel::Assumed,
                cat.inherits_note.clone().unwrap_or_else(|| {
                    "Which categories' rights this one also holds is our assumption.".into()
                }),
            ));
        }
        let inherited_by = self
            .c
            .categories
            .iter()
            .filter(|x| x.inherits.contains(&cat.id))
            .map(|x| RecordRef {
                id: x.id.clone(),
                kind: "category".into(),
                title: x.label.clone(),
            })
            .collect();
        CategoryView {
            common,
            group: cat.group.as_str().into(),
            definition: cat.definition.clone(),
            definition_source: cat.definition_source.clone(),
            mimc_chapter: cat.mimc_chapter.clone(),
            mimc_chapter_certain: cat.mimc_chapter_certain,
            chapter: cat
                .mimc_chapter
                .as_deref()
                .and_then(|n| self.chapter_ref(n)),
            inherits: self.category_refs(&cat.inherits),
            inherits_established: cat.inherits_established,
            inherits_assumed: cat.assumed_links(),
            inherits_note: cat.inherits_note.clone(),
            inherited_by,
        }
    }

    fn anchor(&self, a: &Anchor) -> AnchorView {
        let inst = self.instrument_by_id(&a.instrument);
        AnchorView {
            instrument_id: a.instrument.clone(),
            instrument_short_name: inst
                .map_or_else(|| a.instrument.clone(), |i| i.short_name.clone()),
            instrument_title: inst.map_or_else(|| a.instrument.clone(), |i| i.title.clone()),
            article: a.article.clone(),
            binding: inst.is_some_and(|i| i.binding),
            scope: inst.map(|i| i.scope.clone()).unwrap_or_default(),
            region: inst
                .filter(|i| i.scope == "regional")
                .and_then(|i| i.region.clone()),
            confidence: a.confidence.as_str().into(),
            verified: a.verified,
        }
    }

    fn right(&self, r: &crate::schema::Right) -> RightView {
        let mut common = self.common(&r.id, "right", &r.name, &r.description);
        let anchors: Vec<AnchorView> = r.anchors.iter().map(|a| self.anchor(a)).collect();
        // Each article cited carries its own uncertainty, as a chapter's unconfirmed title does:
        // a copied citation travels without the record's flags.
        let cited = r
            .anchors
            .iter()
            .zip(&anchors)
            .map(|(a, v)| {
                let cite = format!("{} {}", v.instrument_short_name, article_ref(&v.article));
                match anchor_mark(a.confidence, a.verified) {
                    Some(mark) => format!("{cite} [{mark}]"),
                    None => cite,
                }
            })
            .collect::<Vec<_>>()
            .join("; ");
        common.citation = if cited.is_empty() {
            r.name.clone()
        } else {
            format!("{}: {cited}", r.name)
        };
        // The official text of each instrument cited, once. A link no reviewed source gives
        // stays (it is still where the article can be read) but says so: `checked: false` on
        // the source, and a flag naming the instruments whose link it is.
        let mut unchecked: Vec<&str> = Vec::new();
        let mut cited_sources: Vec<SourceRef> = Vec::new();
        for i in anchors
            .iter()
            .filter_map(|a| self.instrument_by_id(&a.instrument_id))
        {
            let s = if i.url_checked {
                SourceRef::new(&i.url)
            } else {
                if !unchecked.contains(&i.short_name.as_str()) {
                    unchecked.push(&i.short_name);
                }
                SourceRef::unchecked(&i.url)
            };
            match cited_sources.iter_mut().find(|x| x.text == s.text) {
                Some(x) => x.checked &= s.checked,
                None => cited_sources.push(s),
            }
        }
        common.sources = cited_sources;
        if !unchecked.is_empty() {
            common.flags.push(flag(
                "sources",
                FlagLevel::Unverified,
                unchecked_links_message(&unchecked),
            ));
        }
        let unverified = anchors.iter().filter(|a| !a.verified).count();
        if unverified > 0 {
            common.flags.push(flag(
                "anchors",
                FlagLevel::Unverified,
                unverified_message(unverified, anchors.len()),
            ));
        }
        let weak = anchors.iter().filter(|a| a.confidence != "high").count();
        if weak > 0 {
            common.flags.push(flag(
                "anchors",
                FlagLevel::Uncertain,
                if weak == 1 {
                    "1 article number is not certain.".to_string()
                } else {
                    format!("{weak} article numbers are not certain.")
                },
            ));
        }
        let binding = anchors.iter().any(|a| a.binding);
        let binding_scope =
            crate::rights::binding_scope(anchors.iter().map(|a| (a.binding, a.scope.as_str())));
        RightView {
            common,
            name: r.name.clone(),
            description: r.description.clone(),
            group: r.group.as_str().into(),
            group_label: right_group_label(r.group).into(),
            holders: self.category_refs(&r.holders),
            note: r.note.clone(),
            anchors,
            binding,
            binding_scope,
        }
    }

    fn objective(&self, o: &crate::schema::Objective) -> ObjectiveView {
        let id = objective_id(o.number);
        let title = format!("GCM Objective {}: {}", o.number, o.label);
        let mut common = self.common(&id, "objective", &title, &o.label);
        common.citation = format!("{GCM_TITLE} (2018), Objective {}", o.number);
        common.sources = vec![SourceRef::new(&o.source)];
        let mut related: Vec<RecordRef> = self
            .c
            .instruments
            .iter()
            .filter(|i| i.gcm_objectives.contains(&o.number))
            .map(|i| RecordRef {
                id: i.id.clone(),
                kind: "instrument".into(),
                title: i.title.clone(),
            })
            .collect();
        related.extend(
            self.c
                .resources
                .iter()
                .filter(|r| r.gcm_objectives.contains(&o.number))
                .map(|r| RecordRef {
                    id: r.id.clone(),
                    kind: "resource".into(),
                    title: r.title.clone(),
                }),
        );
        ObjectiveView {
            common,
            number: o.number,
            label: o.label.clone(),
            short_label: o.short_label.clone(),
            related,
        }
    }

    fn principle(&self, p: &crate::schema::Principle) -> PrincipleView {
        let mut common = self.common(&p.id, "principle", &p.label, &p.description);
        common.citation = format!("{GCM_TITLE} (2018), guiding principle: {}", p.label);
        common.sources = vec![SourceRef::new(&p.source)];
        PrincipleView {
            common,
            label: p.label.clone(),
            description: p.description.clone(),
        }
    }
}

fn parties_view(p: &Parties, common: &mut Common) -> PartiesView {
    if p.count.is_some() && !p.verified {
        common.flags.push(flag(
            "parties",
            FlagLevel::Unverified,
            p.note.clone().unwrap_or_else(|| {
                "The party count was not checked against a dated source.".into()
            }),
        ));
    }
    PartiesView {
        count: p.count,
        as_of: p.as_of.clone(),
        source: SourceRef::new(&p.source),
        verified: p.verified,
        note: p.note.clone(),
    }
}

/// How many of a right's `total` article references are unchecked, in words.
fn unverified_message(unverified: usize, total: usize) -> String {
    match (unverified, total) {
        (1, 1) => "Its article reference has not been checked against the text.".into(),
        (u, t) if u == t => {
            format!("None of its {t} article references has been checked against the text.")
        }
        (1, t) => format!("1 of its {t} article references has not been checked against the text."),
        (u, t) => {
            format!("{u} of its {t} article references have not been checked against the text.")
        }
    }
}

/// Mark after an instrument link no reviewed source gives, in its citation.
pub const UNCHECKED_LINK_MARK: &str = "[link not checked]";
/// Mark after the title of a medium-confidence resource, in its citation.
pub const MEDIUM_RESOURCE_MARK: &str = "a detail not confirmed";
/// Mark after the title of a low-confidence resource, in its citation.
pub const LOW_RESOURCE_MARK: &str = "low confidence";

/// What a right's citation says after an article it cites (without brackets): `None` for an
/// article checked against the text and of high confidence; otherwise `"unverified"` and/or
/// `"uncertain"` (medium confidence) or `"low confidence"`, e.g. `"unverified, low confidence"`.
pub fn anchor_mark(confidence: Confidence, verified: bool) -> Option<String> {
    let mut parts = Vec::new();
    if !verified {
        parts.push("unverified");
    }
    match confidence {
        Confidence::High => {}
        Confidence::Medium => parts.push("uncertain"),
        Confidence::Low => parts.push("low confidence"),
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The flag message of a right citing instruments whose links no reviewed source gives.
fn unchecked_links_message(short_names: &[&str]) -> String {
    match short_names {
        [one] => format!(
            "The link given for {one} is not checked: no reviewed source gives it, so it is the official page as we know it."
        ),
        [init @ .., last] => format!(
            "The links given for {} and {last} are not checked: no reviewed source gives them, so each is the official page as we know it.",
            init.join(", ")
        ),
        [] => String::new(),
    }
}

fn or_default(s: String, default: &str) -> String {
    if s.trim().is_empty() {
        default.to_string()
    } else {
        s
    }
}

/// Joins the non-empty parts of a citation with `". "`, ending with a period unless the last
/// part is a URL.
fn join_citation(parts: &[String]) -> String {
    let parts: Vec<&str> = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    let mut out = String::new();
    for (n, p) in parts.iter().enumerate() {
        if n > 0 {
            out.push_str(if out.ends_with('.') { " " } else { ". " });
        }
        out.push_str(p);
    }
    if !out.is_empty() && !out.ends_with('.') && safe_url(parts[parts.len() - 1]).is_none() {
        out.push('.');
    }
    out
}
