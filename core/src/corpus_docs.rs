//! Turns the typed corpus into searchable [`Document`]s: which text is title, label or body,
//! which facets each kind carries, and which summary fields a hit shows.
//!
//! A hit shows its snippet (the passage around the match), never the record's full summary
//! or description: that text is one `record(id)` away, and leaving it out keeps answers about
//! a fifth smaller, which is time saved in `JSON.parse` on every keystroke.
//!
//! Document order (and so document numbers) is: resources in seed order, instruments,
//! the convention, chapters, articles, categories, rights, objectives, principles.

use crate::document::{Document, FacetEntry, TextField, Value};
use crate::schema::{Corpus, LegalStatus};
use crate::search::KEYWORDS_FIELD;

/// Boost of the title field.
pub const TITLE_BOOST: f32 = 3.0;
/// Boost of short labels: short names, aliases, article labels, headings.
pub const LABEL_BOOST: f32 = 2.0;
/// Boost of body text: summaries, descriptions, definitions.
pub const BODY_BOOST: f32 = 1.0;
/// Boost of a right's citations ("1954 Statelessness Convention art. 23"), a field of their
/// own: below the labels, in which an instrument carries its own short name, so that a query
/// naming an instrument, even in part ("1954 statelessness", "CoE convention"), puts it above
/// the rights citing it, some of them once per article cited; above the body, so that an
/// instrument and an article number side by side ("UDHR article 14") still put first the right
/// citing that article. `core/tests/search.rs` checks both over every instrument and cited
/// article (`a_query_naming_an_instrument_puts_it_above_the_rights_that_cite_it`, which fails
/// at 1.5, and `an_instrument_and_article_number_put_first_a_record_citing_that_article`,
/// which fails at 1.0).
pub const CITATION_BOOST: f32 = 1.25;

/// Words the embedded corpus's search treats as the same (see
/// [`crate::search::Index::with_aliases`]): the abbreviations its citations and anchors use
/// ("Art. 33", "para. 16", "A/RES/73/195") for the words visitors type, the other spelling
/// of a word central to migration law, and the everyday words for the legal terms its texts
/// use ("deportation" for "expulsion", "undocumented" for "irregular"). Typos of a word are
/// found anyway; these are not typos.
pub const ALIASES: &[&[&str]] = &[
    &["article", "art"],
    &["articles", "arts"],
    &["paragraph", "para"],
    &["paragraphs", "paras"],
    &["resolution", "res"],
    &["labour", "labor"],
    &["deportation", "expulsion"],
    &["deportations", "expulsions"],
    &["deport", "expel"],
    &["deported", "expelled"],
    &["irregular", "illegal", "undocumented"],
    &["child", "minor"],
    &["children", "minors"],
    &["racial", "racism", "racist"],
    &["citizenship", "nationality"],
    &["treaty", "convention"],
    &["treaties", "conventions"],
];

/// Words a query of the embedded corpus need not match when it has other words (see
/// [`crate::search::Index::with_optional_words`]): English function words, which visitors type
/// in questions and names ("right to work", "can refugees work") and which the records' own
/// wording may lack, and the verbs of a request ("how do I apply for asylum", "I need a work
/// permit"), which say what the visitor wants done rather than what it is about.
pub const OPTIONAL_WORDS: &[&str] = &[
    "a", "about", "am", "an", "and", "any", "applies", "apply", "are", "as", "at", "be", "been",
    "bring", "by", "can", "could", "did", "do", "does", "for", "from", "get", "got", "has", "have",
    "how", "i", "if", "in", "into", "is", "it", "its", "may", "me", "mean", "means", "my", "need",
    "needs", "of", "on", "or", "our", "should", "tell", "that", "the", "their", "them", "there",
    "these", "they", "this", "those", "to", "want", "was", "we", "were", "what", "when", "where",
    "which", "who", "why", "will", "with", "would", "you", "your",
];

/// Words a query of the embedded corpus need not match when it has other words, but which
/// otherwise count like any word (see [`crate::search::Index::with_soft_words`]): visitors ask
/// for the "rights of" a group, and the instrument that protects it may never use the word
/// (the Domestic Workers Convention).
pub const SOFT_WORDS: &[&str] = &["right", "rights"];

/// Words of the embedded corpus's citations that do not part a name from the number after
/// them (see [`crate::search::Index::with_gap_words`]): "udhr 14" and "general comment 27"
/// stand side by side in "UDHR art. 14" and "General Comment No. 27".
pub const GAP_WORDS: &[&str] = &[
    "art",
    "arts",
    "article",
    "articles",
    "para",
    "paras",
    "paragraph",
    "paragraphs",
    "no",
    "nos",
];

/// The text of a record's keywords field: `kind` (what the record is, "right"), then, after an
/// empty line, its search terms, the everyday words visitors use for it ("pension"), one per
/// line so that no two are read as side by side.
fn keywords(kind: &str, search_terms: &[String]) -> String {
    let mut out = String::from(kind);
    // An empty line: the search terms follow (see `KEYWORDS_FIELD`).
    if !search_terms.is_empty() {
        out.push('\n');
    }
    for t in search_terms {
        out.push('\n');
        out.push_str(t);
    }
    out
}

/// `art` before an article number ("Art. 33"), nothing before a reference that names its own
/// unit ("para. 24", "Preamble", "Annex I"), which would otherwise read "art. para. 24".
fn article_lead<'a>(article: &str, art: &'a str) -> &'a str {
    if crate::record_view::is_article_number(article) {
        art
    } else {
        ""
    }
}

/// Between the items of a list in one text field (short names and aliases, key articles, a
/// right's anchors), which snippets show. ASCII: a snippet with a non-ASCII character takes
/// JavaScript engines several times longer to decode (Node 20 about ten times).
pub const LIST_SEPARATOR: &str = "; ";

/// Facet fields of the embedded corpus, in display order.
pub const FACET_FIELDS: [&str; 8] = [
    "kind",
    "type",
    "theme",
    "category",
    "publisher",
    "gcmObjective",
    "binding",
    "year",
];

/// Other names filters may give facet values of the embedded corpus (see
/// [`crate::search::Index::with_facet_value_aliases`]): `binding: true` keeps the binding
/// records and `binding: false` the others, as an instrument's `binding` field reads, beside
/// the facet's own values (`"binding"`, `"non-binding"`, `"non-normative"`).
pub const FACET_VALUE_ALIASES: &[(&str, &str, &[&str])] = &[
    ("binding", "true", &["binding"]),
    ("binding", "false", &["non-binding", "non-normative"]),
];

/// Label of a record kind, e.g. `"instrument"` → `"Instrument"`.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "resource" => "Resource",
        "instrument" => "Instrument",
        "convention" => "Model convention",
        "chapter" => "MIMC chapter",
        "article" => "MIMC article",
        "category" => "Category of person",
        "right" => "Right",
        "objective" => "GCM objective",
        "principle" => "GCM guiding principle",
        _ => "Record",
    }
}

/// `n` in decimal digits. Start-up builds every document's texts, so they are joined with
/// `concat` and numbers written with this rather than through `format!`'s machinery.
fn decimal(n: impl Into<u64>) -> String {
    let mut s = String::new();
    crate::search::json::push_uint(&mut s, n.into());
    s
}

/// The record id of GCM objective `n`.
pub fn objective_id(n: u8) -> String {
    ["objective-", &decimal(n)].concat()
}

struct Builder<'c> {
    corpus: &'c Corpus,
    doc: Document,
    /// Whether facet entries are made (see [`searchable_documents`]).
    facets: bool,
}

impl<'c> Builder<'c> {
    fn new(corpus: &'c Corpus, facets: bool, id: &str, kind: &str, title: &str) -> Self {
        let doc = Document {
            id: id.to_string(),
            kind: kind.to_string(),
            title: title.to_string(),
            fields: vec![TextField {
                name: "title".into(),
                boost: TITLE_BOOST,
                text: title.to_string(),
            }],
            facets: Vec::new(),
            year: None,
            summary: Vec::new(),
            short: Vec::new(),
        };
        Builder {
            corpus,
            doc,
            facets,
        }
        .facet("kind", kind, || kind_label(kind).into())
    }
    fn text(mut self, name: &str, boost: f32, text: impl Into<String>) -> Self {
        let text = text.into();
        if !text.trim().is_empty() {
            self.doc.fields.push(TextField {
                name: name.into(),
                boost,
                text,
            });
        }
        self
    }
    /// Adds a facet entry (its label is only made when facets are).
    fn facet(mut self, field: &str, value: &str, label: impl FnOnce() -> String) -> Self {
        if self.facets && !self.doc.has_facet(field, value) {
            self.doc.facets.push(FacetEntry {
                field: field.into(),
                value: value.into(),
                label: label(),
            });
        }
        self
    }
    fn kind_of(self, type_id: &str) -> Self {
        let types = &self.corpus.types;
        self.facet("type", type_id, || term_label(types, type_id))
            .put("type", Value::Str(type_id.into()))
    }
    fn themes(mut self, themes: &[String]) -> Self {
        for t in themes {
            let all = &self.corpus.themes;
            self = self.facet("theme", t, || term_label(all, t));
        }
        self
    }
    fn categories(mut self, cats: &[String]) -> Self {
        for c in cats {
            let all = &self.corpus.categories;
            self = self.facet("category", c, || {
                all.iter()
                    .find(|x| &x.id == c)
                    .map_or(c.as_str(), |x| x.label.as_str())
                    .to_string()
            });
        }
        self
    }
    fn objectives(mut self, objs: &[u8]) -> Self {
        for &n in objs {
            let all = &self.corpus.objectives;
            self = self.facet("gcmObjective", &decimal(n), || {
                match all.iter().find(|o| o.number == n) {
                    Some(o) => format!("{n} – {}", o.short_label),
                    None => format!("Objective {n}"),
                }
            });
        }
        if !objs.is_empty() {
            self = self.put(
                "gcmObjectives",
                Value::List(objs.iter().map(|&n| decimal(n)).collect()),
            );
        }
        self
    }
    fn publisher(self, p: &str) -> Self {
        self.facet("publisher", p, || p.into())
            .put("publisher", Value::Str(p.into()))
    }
    fn status(self, s: LegalStatus) -> Self {
        self.facet("binding", s.as_str(), || s.label().into())
            .put("legalStatus", Value::Str(s.as_str().into()))
    }
    fn year(mut self, y: u16) -> Self {
        self.doc.year = Some(y);
        self.facet("year", &decimal(y), || decimal(y))
            .put("year", Value::Num(f64::from(y)))
    }
    fn put(mut self, key: &str, v: Value) -> Self {
        self.doc.summary.push((key.into(), v));
        self
    }
    fn short(mut self, names: impl IntoIterator<Item = String>) -> Self {
        self.doc.short.extend(names);
        self
    }
    fn done(self) -> Document {
        self.doc
    }
}

/// The label of term `id` (the id itself when the vocabulary lacks it).
fn term_label(terms: &[crate::schema::Term], id: &str) -> String {
    terms
        .iter()
        .find(|t| t.id == id)
        .map_or(id, |t| t.label.as_str())
        .to_string()
}

fn year_of(date: &str) -> Option<u16> {
    date.get(..4)?.parse().ok()
}

/// All documents of the corpus, in document order.
pub fn documents(c: &Corpus) -> Vec<Document> {
    build(c, true)
}

/// [`documents`] without their facet entries (`facets` is empty): what the embedded corpus's
/// index is built from at start, since `build.rs` stored the facet postings of [`documents`]
/// in the binary. Everything else is identical.
pub fn searchable_documents(c: &Corpus) -> Vec<Document> {
    build(c, false)
}

fn build(c: &Corpus, facets: bool) -> Vec<Document> {
    let mut out = Vec::new();
    for r in &c.resources {
        let mut b = Builder::new(c, facets, &r.id, "resource", &r.title)
            .text("body", BODY_BOOST, r.summary.clone())
            .text("labels", LABEL_BOOST, r.publisher.clone())
            .kind_of(&r.kind_of)
            .themes(&r.themes)
            .categories(&r.categories)
            .objectives(&r.gcm_objectives)
            .publisher(&r.publisher)
            .status(r.legal_status)
            .put("confidence", Value::Str(r.confidence.as_str().into()))
            .put("titleIdentified", Value::Bool(r.title_identified));
        if let Some(y) = r.year {
            b = b.year(y);
        }
        if let Some(note) = &r.confidence_note {
            b = b.put("confidenceNote", Value::Str(note.clone()));
        }
        if let Some(url) = r.urls.first() {
            b = b.put("url", Value::Str(url.clone()));
        }
        if let Some(i) = &r.instrument {
            b = b.put("instrument", Value::Str(i.clone()));
        }
        out.push(b.done());
    }
    for i in &c.instruments {
        let labels = std::iter::once(i.short_name.clone())
            .chain(i.aliases.iter().cloned())
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR);
        let articles = i
            .articles
            .iter()
            .map(|a| [article_lead(&a.article, "Art. "), &a.article, " ", &a.label].concat())
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR);
        let status = if i.binding {
            LegalStatus::Binding
        } else {
            LegalStatus::NonBinding
        };
        let mut b = Builder::new(c, facets, &i.id, "instrument", &i.title)
            .text("labels", LABEL_BOOST, labels)
            .text("labels", LABEL_BOOST, articles)
            .text("body", BODY_BOOST, [&i.summary, " ", &i.body].concat())
            .kind_of(&i.kind_of)
            .themes(&i.themes)
            .categories(&i.categories)
            .objectives(&i.gcm_objectives)
            .publisher(&i.publisher)
            .status(status)
            .short(std::iter::once(i.short_name.clone()).chain(i.aliases.iter().cloned()))
            .put("shortName", Value::Str(i.short_name.clone()))
            .put("binding", Value::Bool(i.binding))
            .put("adopted", Value::Str(i.adopted.clone()))
            .put("scope", Value::Str(i.scope.clone()))
            .put("url", Value::Str(i.url.clone()));
        if let Some(y) = year_of(&i.adopted) {
            // "1989 convention", "1990": the year of adoption names an instrument too.
            b = b.year(y).text(KEYWORDS_FIELD, BODY_BOOST, decimal(y));
        }
        if let Some(f) = &i.in_force {
            b = b.put("inForce", Value::Str(f.clone()));
        }
        if !i.url_checked {
            // No reviewed source gives `url`: hits say so (only then, to keep answers small),
            // so that a link made from it can be marked as not checked.
            b = b.put("urlChecked", Value::Bool(false));
        }
        out.push(b.done());
    }
    if let Some(m) = &c.convention {
        let b = Builder::new(c, facets, &m.id, "convention", &m.title)
            .text(
                "labels",
                LABEL_BOOST,
                [&m.short_name, " ", &m.version].concat(),
            )
            .text(
                "body",
                BODY_BOOST,
                [&m.summary, " ", &m.drafted_by, " ", &m.publication].concat(),
            )
            .kind_of("model-convention")
            .status(LegalStatus::NonBinding)
            .publisher("Columbia Global Policy Initiative")
            .categories(
                &c.categories
                    .iter()
                    .filter(|x| x.group == crate::schema::CategoryGroup::Mimc)
                    .map(|x| x.id.clone())
                    .collect::<Vec<_>>(),
            )
            .year(m.year)
            .short([m.short_name.clone()])
            .put("shortName", Value::Str(m.short_name.clone()))
            .put("articleCount", Value::Num(f64::from(m.article_count)))
            .put("chapterCount", Value::Num(f64::from(m.chapter_count)));
        out.push(b.done());
    }
    // "chapter 4", "mobility convention chapter 4": visitors type a chapter's number in digits
    // (the title has it in Roman) and the convention's name, which is not in its chapters' text.
    let convention = c.convention.as_ref().map_or("", |m| m.title.as_str());
    for ch in &c.chapters {
        let title = ["MIMC Chapter ", &ch.numeral, ": ", &ch.title].concat();
        let mut b = Builder::new(c, facets, &ch.id, "chapter", &title)
            .text("body", BODY_BOOST, ch.summary.clone())
            .short([
                ["Chapter ", &decimal(ch.number)].concat(),
                ["MIMC Chapter ", &decimal(ch.number)].concat(),
                [convention, " Chapter ", &decimal(ch.number)].concat(),
            ])
            .categories(&ch.categories)
            .put("number", Value::Num(f64::from(ch.number)))
            .put("titleCertain", Value::Bool(ch.title_certain));
        if let Some(n) = &ch.certainty_note {
            b = b.put("certaintyNote", Value::Str(n.clone()));
        }
        out.push(b.done());
    }
    for a in &c.articles {
        let title = ["MIMC Article ", &decimal(a.number), ": ", &a.heading].concat();
        let b = Builder::new(c, facets, &a.id, "article", &title)
            .text("body", BODY_BOOST, a.summary.clone())
            .put("number", Value::Num(f64::from(a.number)));
        out.push(b.done());
    }
    for cat in &c.categories {
        let mut b = Builder::new(c, facets, &cat.id, "category", &cat.label)
            .text(
                "body",
                BODY_BOOST,
                [&cat.definition, " ", &cat.definition_source].concat(),
            )
            .categories(std::slice::from_ref(&cat.id))
            // "refugee rights", "migrant categories": a category's page is the list of its
            // rights.
            .text(
                KEYWORDS_FIELD,
                BODY_BOOST,
                keywords("category rights", &cat.search_terms),
            )
            .put("group", Value::Str(cat.group.as_str().into()))
            .put("inheritsEstablished", Value::Bool(cat.inherits_established));
        if let Some(ch) = &cat.mimc_chapter {
            b = b
                .put("mimcChapter", Value::Str(ch.clone()))
                .put("mimcChapterCertain", Value::Bool(cat.mimc_chapter_certain));
        }
        out.push(b.done());
    }
    // A right's `category` facet and `heldBy` list every category holding it, directly or by
    // inheritance, so that filtering on a category shows everything that category holds;
    // `heldByAssumed` those of them whose hold rests on an assumed inheritance link.
    let holders = crate::rights::holders_of_each_right(c);
    let instrument = |id: &str| c.instruments.iter().find(|i| i.id == id);
    for (r, held_by) in c.rights.iter().zip(holders) {
        let anchors = r
            .anchors
            .iter()
            .map(|a| {
                let name = instrument(&a.instrument)
                    .map_or(a.instrument.as_str(), |i| i.short_name.as_str());
                [name, " ", article_lead(&a.article, "art. "), &a.article].concat()
            })
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR);
        let binding = r
            .anchors
            .iter()
            .any(|a| instrument(&a.instrument).is_some_and(|i| i.binding));
        // As `rights()` says: binding only through regional treaties, or not.
        let binding_scope = crate::rights::binding_scope(
            r.anchors
                .iter()
                .filter_map(|a| instrument(&a.instrument).map(|i| (i.binding, i.scope.as_str()))),
        );
        // "right to education", "labour rights": visitors name the kind of record they want,
        // which the right's own name rarely says ("Education for children"). A power of the
        // State or a duty of the person is named as what it is, so that "what rights do
        // refugees have" does not open on the State's powers over them.
        let role = crate::rights::HolderRole::of(r.group);
        let role_words = match role {
            crate::rights::HolderRole::Right => "right",
            crate::rights::HolderRole::StatePower => "state power",
            crate::rights::HolderRole::Duty => "duty responsibility",
        };
        let keywords = keywords(role_words, &r.search_terms);
        let b = Builder::new(c, facets, &r.id, "right", &r.name)
            .text(KEYWORDS_FIELD, BODY_BOOST, keywords)
            .text("citations", CITATION_BOOST, anchors)
            .text("body", BODY_BOOST, r.description.clone())
            .categories(&held_by.ids)
            .facet("rightGroup", r.group.as_str(), || r.group.as_str().into())
            .status(if binding {
                LegalStatus::Binding
            } else {
                LegalStatus::NonBinding
            })
            .put("group", Value::Str(r.group.as_str().into()))
            .put("holders", Value::List(r.holders.clone()))
            .put("heldBy", Value::List(held_by.ids))
            .put("heldByAssumed", Value::List(held_by.assumed))
            .put("holderRole", Value::Str(role.as_str().into()));
        let b = match binding_scope {
            Some(scope) => b.put("bindingScope", Value::Str(scope.into())),
            None => b,
        };
        out.push(b.done());
    }
    for o in &c.objectives {
        let id = objective_id(o.number);
        let title = ["GCM Objective ", &decimal(o.number), ": ", &o.label].concat();
        // "objective 15" names it: put it before texts citing it. (Not "GCM …": every
        // objective's name would then hold "gcm" as strongly as the compact's own.)
        let b = Builder::new(c, facets, &id, "objective", &title)
            .text("labels", LABEL_BOOST, o.short_label.clone())
            .short([["Objective ", &decimal(o.number)].concat()])
            .objectives(&[o.number])
            .put("number", Value::Num(f64::from(o.number)));
        out.push(b.done());
    }
    for p in &c.principles {
        // "gcm guiding principles", "principle": the labels alone ("People-centred") do not
        // say what the records are.
        let b = Builder::new(c, facets, &p.id, "principle", &p.label)
            .text("body", BODY_BOOST, p.description.clone())
            .text(KEYWORDS_FIELD, BODY_BOOST, "GCM guiding principle");
        out.push(b.done());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searchable_documents_are_the_documents_without_their_facet_entries() {
        for (dir, compiled) in crate::authoring::test_corpora() {
            let corpus = compiled.corpus;
            let mut full = documents(&corpus);
            assert!(full.iter().all(|d| !d.facets.is_empty()));
            for d in &mut full {
                d.facets.clear();
            }
            assert_eq!(searchable_documents(&corpus), full, "{dir}");
        }
    }
}
