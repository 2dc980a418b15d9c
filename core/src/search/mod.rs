//! The search engine: an inverted index with typo tolerance, phrases, exclusions, filters and
//! disjunctive facets, over any [`Document`]s — the embedded corpus or records a website brings.
//!
//! A query runs in four steps:
//!
//! 1. [`query::parse`] splits it into words, phrases and exclusions (folded by [`text`]).
//! 2. Each word is planned: its exact term, its completions when it is the word being typed
//!    (an id range of the sorted vocabulary), its typo candidates from [`typo`], and, where
//!    an index turns them on, its aliases and its English singular or plural ([`forms`]).
//! 3. The cheapest group drives: its postings are the candidates; every other group is checked
//!    against each candidate's own sorted term list (a binary search, no posting merges), and
//!    BM25F ([`rank`]) scores what matches. Filters ([`filters`]) are bitsets.
//! 4. If no document has every word (filters aside: words that match only documents the
//!    filters leave out give an empty answer): typo candidates of known words too, then unknown words
//!    that are two words run together ("healthcare") as phrases, then, for a short query,
//!    "jump to" matching on titles and short names ([`crate::jump`]), then any-word ranking
//!    (`relaxed: true`). A query that is a record's title or short name puts that record
//!    first.
//!
//! Planning, matching and scoring live in `matching.rs`, "jump to" in `names.rs`; this file
//! holds the [`Index`] and the order of the steps. Answers come as [`SearchResults`], as JSON
//! text ([`Index::search_json`]) or, for the wasm layer, as [`compact`] answers that
//! JavaScript assembles with cached strings.

pub mod compact;
pub mod filters;
pub mod forms;
pub mod index;
pub mod json;
mod keywords;
mod matching;
mod names;
pub mod options;
pub mod query;
pub mod rank;
pub mod snippet;
pub mod text;
pub mod typo;
mod warm_up;

use crate::document::{Document, Value};
use crate::error::Error;
use crate::facets::FacetIndex;
use filters::{Compiled, FacetTable, Status};
pub use filters::{Facets, Filters};
use index::{Field, InvertedIndex};
use matching::{Plan, Typos};
use names::{JumpText, char_mask, fold_words, word_starts_mask};

use serde::ser::{Serialize, SerializeMap, Serializer};
use typo::TypoIndex;

/// Hits per page unless `limit` says otherwise.
pub const DEFAULT_LIMIT: usize = 10;
pub use crate::limits::MAX_LIMIT;
/// Queries of at most this many bytes and words get "jump to" matching.
pub(super) const JUMP_MAX_BYTES: usize = 40;
pub(super) const JUMP_MAX_WORDS: usize = 3;
/// Results whose jump score is blended into their rank.
pub(super) const JUMP_BLEND_TOP: usize = 20;
/// Name of the field holding documents' short names and aliases.
const NAMES_FIELD: &str = "@names";
/// Name of a text field that is searched but never shown in snippets: words a record is
/// about without writing them (a right record is a right, whatever its name says). Its lines
/// after the first empty line are search terms, one per line: everyday words a record's own
/// text lacks ("pension" for the right to social security); a hit found through them says so
/// ([`Hit::search_terms`]).
pub const KEYWORDS_FIELD: &str = "@keywords";
/// Results re-ranked by the adjacency of query words.
const PROXIMITY_TOP: usize = 50;

/// Options of a search.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchOptions {
    /// Number of hits to return, 1 to [`MAX_LIMIT`].
    pub limit: usize,
    /// Number of ranked hits to skip.
    pub offset: usize,
    /// Facet filters.
    pub filters: Filters,
    /// Typo tolerance (on by default).
    pub fuzzy: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: DEFAULT_LIMIT,
            offset: 0,
            filters: Filters::default(),
            fuzzy: true,
        }
    }
}

/// One ranked hit.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Record id.
    pub id: String,
    /// Record kind.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Relevance score (higher is better; 0 when browsing).
    pub score: f64,
    /// Excerpt of the best-matching field.
    pub snippet: String,
    /// `[start, end)` of matched words in `snippet`, in UTF-16 code units.
    pub highlights: Vec<[u32; 2]>,
    /// `[start, end)` of matched words in `title`, in UTF-16 code units.
    pub title_highlights: Vec<[u32; 2]>,
    /// The record's search terms it was found by: the search-term lines of its
    /// [`KEYWORDS_FIELD`] that hold a query word it holds nowhere else (usually none).
    pub search_terms: Vec<String>,
    /// Summary fields of the record, flattened into the hit object.
    pub fields: Vec<(String, Value)>,
}

impl Hit {
    /// The summary field `key`, if the hit has it.
    pub fn field(&self, key: &str) -> Option<&Value> {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl Serialize for Hit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &self.id)?;
        m.serialize_entry("kind", &self.kind)?;
        m.serialize_entry("title", &self.title)?;
        m.serialize_entry("score", &self.score)?;
        m.serialize_entry("snippet", &self.snippet)?;
        m.serialize_entry("highlights", &self.highlights)?;
        m.serialize_entry("titleHighlights", &self.title_highlights)?;
        if !self.search_terms.is_empty() {
            m.serialize_entry("searchTerms", &self.search_terms)?;
        }
        for (k, v) in &self.fields {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchResults {
    /// Number of matching documents (after filters).
    pub total: usize,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    /// Facet counts over the match set (each field ignoring its own filter).
    pub facets: Facets,
    /// True when no document matched every word and the results match some of them.
    pub relaxed: bool,
    /// The query as the first hit answers it, when that reads a word as another: a typo
    /// corrected ("refoulement" for "refoulment"), a run-together word split ("health care");
    /// the rest as typed, a replaced word in the case typed ("Right to education" for "Right
    /// to educaton"). `None` when every word is read as typed.
    pub corrected: Option<String>,
}

#[derive(Debug, Clone)]
struct StoredDoc {
    id: String,
    kind: String,
    title: String,
    texts: Vec<(u8, String)>,
    /// Bit `f` set when the text of field `f` is all ASCII ([`snippet::ascii_fields`]).
    ascii: u32,
    /// Bit `f` set when the text of field `f` is not blank ([`snippet::filled_fields`]).
    filled: u32,
    summary: Vec<(String, Value)>,
    has_short: bool,
    /// The field whose text is exactly the title (its words are marked in the title), or
    /// `u8::MAX`.
    title_field: u8,
    /// Where the search terms start in the text of the keywords field ([`KEYWORDS_FIELD`]),
    /// or `u32::MAX` when it has none.
    terms_at: u32,
}

impl StoredDoc {
    fn field_texts(&self) -> snippet::FieldTexts<'_> {
        snippet::FieldTexts {
            texts: &self.texts,
            ascii: self.ascii,
            filled: self.filled,
        }
    }

    /// The title and the field that holds it, for [`snippet::build`], with `also` the terms
    /// to mark in it besides the matched ones.
    fn title_in<'a>(&'a self, also: &'a [u32]) -> snippet::TitleIn<'a> {
        snippet::TitleIn {
            text: &self.title,
            field: (self.title_field != u8::MAX).then_some(self.title_field),
            ascii: self.title_field < 32 && self.ascii >> self.title_field & 1 == 1,
            also,
        }
    }

    /// Appends `"id":…,"kind":…,"title":…`: the first members of a hit.
    fn write_names(&self, out: &mut String) {
        out.push_str("\"id\":");
        json::string(out, &self.id);
        out.push_str(",\"kind\":");
        json::string(out, &self.kind);
        out.push_str(",\"title\":");
        json::string(out, &self.title);
    }

    /// Appends `,"field":value` for each summary field: the last members of a hit.
    fn write_summary(&self, out: &mut String) {
        for (k, v) in &self.summary {
            out.push(',');
            json::string(out, k);
            out.push(':');
            json::value(out, v);
        }
    }
}

/// A searchable index over documents.
#[derive(Debug, Clone)]
pub struct Index {
    ix: InvertedIndex,
    /// Built on first need (a word with no exact match), or by [`Index::warm`].
    typo: std::sync::OnceLock<TypoIndex>,
    facets: FacetTable,
    docs: Vec<StoredDoc>,
    id_rank: Vec<u32>,
    /// Titles and short names of the documents, by document: document `d`'s are
    /// `jump[jump_off[d]..jump_off[d + 1]]`.
    jump: Vec<JumpText>,
    jump_off: Vec<u32>,
    /// `hash << 32 | j` for each text `j` of `jump` (the upper half of [`index::hash_bytes`]),
    /// ascending: the documents a whole query names are found by one integer search
    /// ([`Index::named`]).
    jump_keys: Vec<u64>,
    /// The numbers of the texts of `jump`, in the order of their text: the names that are a
    /// query with its last word completed ([`Index::named_by_prefix`]) are one binary search
    /// away.
    jump_order: Vec<u32>,
    /// The field searched but never shown ([`KEYWORDS_FIELD`]), if the documents have one.
    keywords_field: Option<u8>,
    /// The terms of the words of each text of `jump`, little words left out; built on first
    /// need ([`Index::name_terms`]).
    name_terms: std::sync::OnceLock<names::NameTerms>,
    no_snippet: Vec<u8>,
    /// Query words (folded) and the terms of the index they also match, sorted by word.
    aliases: Vec<(String, Vec<u32>)>,
    /// True when query words also match their English singular or plural ([`forms`]).
    word_forms: bool,
    /// Folded words a query need not match, sorted (see [`Index::with_optional_words`]).
    optional_words: Vec<String>,
    /// Folded words a query need not match but that count like others, sorted (see
    /// [`Index::with_soft_words`]).
    soft_words: Vec<String>,
    /// Terms of the words that do not part two query words side by side, sorted (see
    /// [`Index::with_gap_words`]).
    gap_terms: Vec<u32>,
}

impl Index {
    /// Indexes `docs` (ids must be unique; see [`crate::records`] for checked input) with the
    /// facet fields `facet_fields`, in that order. Text fields, with their boosts, are taken
    /// from the documents in order of first appearance (at most [`index::MAX_FIELDS`]).
    pub fn new(docs: Vec<Document>, facet_fields: &[&str]) -> Index {
        Index::build(docs, facet_fields, None)
    }

    /// [`Index::new`] with the facet postings of `docs` computed beforehand (as
    /// [`FacetIndex::build`] gives them; `build.rs` stores the embedded corpus's), which saves
    /// sorting every (document, facet value) pair at start. Documents the postings name that
    /// are not in `docs` are ignored.
    pub fn with_facet_index(
        docs: Vec<Document>,
        facet_fields: &[&str],
        postings: &FacetIndex,
    ) -> Index {
        Index::build(docs, facet_fields, Some(postings))
    }

    fn build(docs: Vec<Document>, facet_fields: &[&str], postings: Option<&FacetIndex>) -> Index {
        let mut fields: Vec<Field> = Vec::new();
        for d in &docs {
            for f in &d.fields {
                let n = fields.len();
                match fields.iter_mut().find(|x| x.name == f.name) {
                    Some(x) => x.boost = x.boost.max(f.boost),
                    None if n < index::MAX_FIELDS => fields.push(Field {
                        name: f.name.clone(),
                        boost: f.boost,
                    }),
                    None => {}
                }
            }
        }
        // Short names and aliases are searchable too, as strongly as titles: "vccr" must find
        // the instrument whose short name it is before texts that merely cite it.
        let names_field =
            if docs.iter().any(|d| !d.short.is_empty()) && fields.len() < index::MAX_FIELDS {
                let boost = fields.iter().map(|f| f.boost).fold(1.0f32, f32::max);
                fields.push(Field {
                    name: NAMES_FIELD.into(),
                    boost,
                });
                Some((fields.len() - 1) as u8)
            } else {
                None
            };
        let names: Vec<String> = facet_fields.iter().map(|s| s.to_string()).collect();
        let facets = match postings {
            Some(p) => FacetTable::from_index(&docs, &names, p),
            None => FacetTable::build(&docs, &names),
        };
        let mut jump = Vec::new();
        let mut jump_off = Vec::with_capacity(docs.len() + 1);
        jump_off.push(0);
        let mut stored = Vec::with_capacity(docs.len());
        for d in docs {
            let mut texts: Vec<(u8, String)> = Vec::new();
            for f in d.fields {
                let Some(i) = fields.iter().position(|x| x.name == f.name) else {
                    continue;
                };
                // Keep `texts` ordered by field number; join repeated fields.
                let at = texts.partition_point(|(x, _)| usize::from(*x) < i);
                match texts.get_mut(at) {
                    Some((x, t)) if usize::from(*x) == i => {
                        t.push('\n');
                        t.push_str(&f.text);
                    }
                    _ => texts.insert(at, (i as u8, f.text)),
                }
            }
            if let Some(nf) = names_field
                && !d.short.is_empty()
            {
                texts.push((nf, d.short.join(" · ")));
            }
            for s in std::iter::once(&d.title).chain(d.short.iter()) {
                let text = fold_words(s);
                if !text.is_empty() {
                    jump.push(JumpText {
                        mask: char_mask(&text),
                        starts: word_starts_mask(&text),
                        text,
                    });
                }
            }
            jump_off.push(jump.len() as u32);
            let title_field = texts
                .iter()
                .find(|(_, t)| *t == d.title)
                .map_or(u8::MAX, |(f, _)| *f);
            stored.push(StoredDoc {
                id: d.id,
                kind: d.kind,
                title: d.title,
                ascii: snippet::ascii_fields(&texts),
                filled: snippet::filled_fields(&texts),
                title_field,
                texts,
                summary: d.summary,
                has_short: !d.short.is_empty(),
                terms_at: u32::MAX,
            });
        }
        // Fields that a hit shows elsewhere (title, names) or never (keywords) are not used for
        // snippets.
        let field_named = |name: &str| fields.iter().position(|f| f.name == name).map(|i| i as u8);
        let title_field = field_named("title");
        let keywords_field = field_named(KEYWORDS_FIELD);
        if let Some(kf) = keywords_field {
            for d in &mut stored {
                if let Some((_, t)) = d.texts.iter().find(|(f, _)| *f == kf) {
                    // Search terms follow the first empty line.
                    d.terms_at = t.find("\n\n").map_or(u32::MAX, |i| i as u32 + 2);
                }
            }
        }
        let no_snippet: Vec<u8> = title_field
            .into_iter()
            .chain(names_field)
            .chain(keywords_field)
            .collect();
        let ix = {
            // Borrow the stored texts without copying them.
            let texts: Vec<&[(u8, String)]> = stored.iter().map(|d| d.texts.as_slice()).collect();
            InvertedIndex::build(fields, &texts)
        };
        let typo = std::sync::OnceLock::new();
        let mut jump_keys: Vec<u64> = jump
            .iter()
            .enumerate()
            .map(|(j, t)| names::name_key(&t.text) | j as u64)
            .collect();
        jump_keys.sort_unstable();
        let mut jump_order: Vec<u32> = (0..jump.len() as u32).collect();
        index::sort_by_bytes(&mut jump_order, &|j| jump[j as usize].text.as_bytes());
        let mut order: Vec<u32> = (0..stored.len() as u32).collect();
        index::sort_by(&mut order, &|a, b| {
            rank::id_order(&stored[a as usize].id, &stored[b as usize].id)
        });
        let mut id_rank = vec![0u32; stored.len()];
        for (r, &d) in order.iter().enumerate() {
            id_rank[d as usize] = r as u32;
        }
        Index {
            ix,
            typo,
            facets,
            docs: stored,
            id_rank,
            jump,
            jump_off,
            jump_keys,
            jump_order,
            keywords_field,
            name_terms: std::sync::OnceLock::new(),
            no_snippet,
            aliases: Vec::new(),
            word_forms: false,
            optional_words: Vec::new(),
            soft_words: Vec::new(),
            gap_terms: Vec::new(),
        }
    }

    /// Makes `words` optional in queries that have another word: they need not occur, and
    /// add to a record's score where they occur between other words (those before the first
    /// or after the last frame a question and neither score nor count for names and
    /// adjacency); they are never highlighted. For the little words of a language ("right to
    /// education" finds the right titled "Education for children"), so the embedded corpus
    /// sets them ([`crate::corpus_docs::OPTIONAL_WORDS`]) and `Index.fromRecords` does not.
    /// An optional word has no typo candidates; in a phrase or exclusion it is a word like
    /// any other. Words are folded like indexed text; a word of several tokens is ignored.
    pub fn with_optional_words(mut self, words: &[&str]) -> Index {
        for t in words.iter().filter_map(|w| single_term(w)) {
            if let Err(at) = self.optional_words.binary_search(&t) {
                self.optional_words.insert(at, t);
            }
        }
        self
    }

    /// Makes `words` soft in queries that have a word neither soft nor optional: they need
    /// not occur, but otherwise count like any other word (they score wherever they occur, at
    /// half weight, are highlighted, and count for names and adjacency). A query word that is
    /// no word of the index and whose nearest typo candidate is soft is soft too ("rigths"). For the words a visitor adds to
    /// say what kind of text is wanted, which the text itself may lack: "rights of domestic
    /// workers" finds the Domestic Workers Convention, which never says "rights"
    /// ([`crate::corpus_docs::SOFT_WORDS`]). A soft word has no typo candidates; in a phrase
    /// or exclusion it is a word like any other. Words are folded like indexed text; a word
    /// of several tokens is ignored, and a word made optional too stays optional.
    pub fn with_soft_words(mut self, words: &[&str]) -> Index {
        for t in words.iter().filter_map(|w| single_term(w)) {
            if let Err(at) = self.soft_words.binary_search(&t) {
                self.soft_words.insert(at, t);
            }
        }
        self
    }

    /// Lets one of `words` stand between two query words of a text without parting them, for
    /// ranking by words side by side (see [`rank::PROXIMITY`]): with "art" one, "udhr 14" is
    /// side by side in "UDHR art. 14" as "udhr article 14" is. For the words that join a name
    /// to a number in citations ("art.", "para.", "No."), so the embedded corpus sets them
    /// ([`crate::corpus_docs::GAP_WORDS`]) and `Index.fromRecords` does not. Words are folded
    /// like indexed text; a word of several tokens, or one no text has, is ignored.
    pub fn with_gap_words(mut self, words: &[&str]) -> Index {
        for t in words
            .iter()
            .filter_map(|w| single_term(w))
            .filter_map(|w| self.ix.lookup(&w))
        {
            if let Err(at) = self.gap_terms.binary_search(&t) {
                self.gap_terms.insert(at, t);
            }
        }
        self
    }

    /// Whether folded query word `word` must match (see [`Index::with_optional_words`] and
    /// [`Index::with_soft_words`]).
    fn optional_word(&self, word: &str) -> matching::Optional {
        let has = |words: &[String]| words.binary_search_by(|w| w.as_str().cmp(word)).is_ok();
        if has(&self.optional_words) {
            matching::Optional::Little
        } else if has(&self.soft_words) {
            matching::Optional::Soft
        } else {
            matching::Optional::No
        }
    }

    /// Makes query words also match their English singular or plural, and a word of the index
    /// ending in `-ed` or `-ing` its other ending and stem, ranked like aliases
    /// ([`rank::Kind::Alias`]): "asylum seekers" finds "asylum seeker", "country" finds
    /// "countries", "trafficked" finds "trafficking" (regular forms and a few irregular nouns,
    /// see [`forms`]). For English text, so the embedded corpus sets it and
    /// `Index.fromRecords` does not.
    pub fn with_word_forms(mut self) -> Index {
        self.word_forms = true;
        self
    }

    /// Lets filters use other names for facet values: each `(field, alias, values)` makes a
    /// filter value `alias` of facet `field` accept `values` (see [`FacetTable::alias_values`]).
    /// The embedded corpus sets [`crate::corpus_docs::FACET_VALUE_ALIASES`].
    pub fn with_facet_value_aliases(mut self, aliases: &[(&str, &str, &[&str])]) -> Index {
        for &(field, alias, values) in aliases {
            self.facets.alias_values(field, alias, values);
        }
        self
    }

    /// Makes the words of each group interchangeable in queries: a query word of a group also
    /// matches the other words of its group that occur in the index, ranked a little below the
    /// word itself ([`rank::Kind::Alias`]), with or without typo tolerance, and in quoted
    /// phrases (`"article 33"` is the phrase "art. 33" too). For abbreviations
    /// and spellings of one language ("article" and "art" for "Art. 33"), so the embedded
    /// corpus sets them ([`crate::corpus_docs::ALIASES`]) and `Index.fromRecords` does not.
    /// Words are folded like indexed text; a word of several tokens is ignored.
    pub fn with_aliases(mut self, groups: &[&[&str]]) -> Index {
        for group in groups {
            let words: Vec<String> = group.iter().filter_map(|w| single_term(w)).collect();
            for w in &words {
                let mut terms: Vec<u32> = words
                    .iter()
                    .filter(|o| *o != w)
                    .filter_map(|o| self.ix.lookup(o))
                    .collect();
                if terms.is_empty() {
                    continue;
                }
                match self.aliases.binary_search_by(|(k, _)| k.as_str().cmp(w)) {
                    Ok(i) => self.aliases[i].1.append(&mut terms),
                    Err(i) => self.aliases.insert(i, (w.clone(), terms)),
                }
            }
        }
        for (_, terms) in &mut self.aliases {
            terms.sort_unstable();
            terms.dedup();
        }
        self
    }

    /// The terms query word `word` (folded) also matches (see [`Index::with_aliases`]).
    pub(super) fn alias_terms(&self, word: &str) -> &[u32] {
        match self.aliases.binary_search_by(|(k, _)| k.as_str().cmp(word)) {
            Ok(i) => &self.aliases[i].1,
            Err(_) => &[],
        }
    }

    /// Builds what is built on first need (the typo index), so no later query pays for it.
    pub fn warm(&self) {
        self.typo();
        self.name_terms();
    }

    fn typo(&self) -> &TypoIndex {
        self.typo.get_or_init(|| TypoIndex::build(&self.ix))
    }

    /// The number and id of the first document with more words than
    /// [`index::MAX_DOC_TOKENS`] (of which only that many are searchable), if any.
    pub fn over_long_document(&self) -> Option<(usize, &str)> {
        let d = self.ix.over_long_document()? as usize;
        Some((d, self.docs[d].id.as_str()))
    }

    /// The kind of every document, in document order.
    pub fn kinds(&self) -> impl Iterator<Item = &str> {
        self.docs.iter().map(|d| d.kind.as_str())
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when the index holds no document.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Number of distinct terms.
    pub fn term_count(&self) -> usize {
        self.ix.term_count()
    }

    /// Names of the facet fields.
    pub fn facet_fields(&self) -> impl Iterator<Item = &str> {
        self.facets.names()
    }

    /// Heap bytes of each part of the index, for benchmarks: (name, bytes).
    pub fn heap_parts(&self) -> Vec<(&'static str, usize)> {
        let mut parts = self.ix.heap_parts();
        parts.push(("typo index", self.typo().heap_bytes()));
        parts.push(("name terms", self.name_terms().heap_bytes()));
        parts.push(("facets", self.facets.heap_bytes()));
        let text: usize = self
            .docs
            .iter()
            .map(|d| {
                d.id.capacity()
                    + d.title.capacity()
                    + d.texts.iter().map(|t| t.1.capacity()).sum::<usize>()
            })
            .sum();
        parts.push(("document text", text));
        parts
    }

    /// Approximate heap bytes held by the index structures (documents' text excluded).
    pub fn heap_bytes(&self) -> usize {
        self.ix.heap_bytes() + self.typo().heap_bytes() + self.facets.heap_bytes()
    }

    /// Facet counts of all documents passing `filters` (disjunctively: each field's counts
    /// ignore that field's own filter).
    pub fn facets(&self, filters: &Filters) -> Result<Facets, Error> {
        let compiled = self.facets.compile(filters, self.len())?;
        if compiled.is_empty() {
            return Ok(self.facets.all().clone());
        }
        let all: Vec<u32> = (0..self.len() as u32).collect();
        Ok(self.facets.count(&all, &compiled))
    }

    /// [`Index::facets`] as JSON text (what the wasm layer returns).
    pub fn facets_json(&self, filters: &Filters) -> Result<String, Error> {
        let compiled = self.facets.compile(filters, self.len())?;
        if compiled.is_empty() {
            return Ok(self.facets.all_json().to_string());
        }
        let all: Vec<u32> = (0..self.len() as u32).collect();
        let mut out = String::new();
        self.facets.count_json(&all, &compiled, &mut out);
        Ok(out)
    }

    /// Searches the index (see the module docs). Errors: `QUERY_TOO_LONG` for queries over
    /// the limits of [`query`], `INVALID_ARGUMENT` for a bad limit or an unknown filter field.
    pub fn search(&self, raw: &str, opts: &SearchOptions) -> Result<SearchResults, Error> {
        let o = self.run(raw, opts)?;
        let facets = match &o.facet_docs {
            None => self.facets.all().clone(),
            Some(docs) => self.facets.count(docs, &o.filters),
        };
        let phrases = self.phrases_of(&o.plans);
        let hits = o
            .page
            .iter()
            .map(|&(d, score)| self.hit(d, score, &o, &phrases))
            .collect();
        Ok(SearchResults {
            total: o.total,
            hits,
            facets,
            relaxed: o.relaxed,
            corrected: o.corrected,
        })
    }

    /// [`Index::search`] as JSON text, written straight from the index (no intermediate
    /// copies): what the wasm layer hands to `JSON.parse`.
    pub fn search_json(&self, raw: &str, opts: &SearchOptions) -> Result<String, Error> {
        let o = self.run(raw, opts)?;
        // Room for the hits and for facets as large as the unfiltered ones, so the text is
        // rarely copied while it grows.
        let mut out =
            String::with_capacity(1024 + 1024 * o.page.len() + self.facets.all_json().len());
        out.push_str("{\"total\":");
        json::number(&mut out, o.total as f64);
        out.push_str(",\"hits\":[");
        let phrases = self.phrases_of(&o.plans);
        for (i, &(d, score)) in o.page.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            self.hit_json(d, score, &o, &phrases, &mut out);
        }
        out.push_str("],\"facets\":");
        match &o.facet_docs {
            None => out.push_str(self.facets.all_json()),
            Some(docs) => self.facets.count_json(docs, &o.filters, &mut out),
        }
        out.push_str(",\"relaxed\":");
        out.push_str(if o.relaxed { "true" } else { "false" });
        if let Some(c) = &o.corrected {
            out.push_str(",\"corrected\":");
            json::string(&mut out, c);
        }
        out.push('}');
        Ok(out)
    }

    fn run(&self, raw: &str, opts: &SearchOptions) -> Result<Outcome, Error> {
        if opts.limit == 0 || opts.limit > MAX_LIMIT {
            return Err(Error::range_error(format!(
                "limit must be an integer from 1 to {MAX_LIMIT}, got {}",
                opts.limit
            )));
        }
        let q = query::parse(raw)?;
        let filters = self.facets.compile(&opts.filters, self.len())?;
        let exclude: Vec<Plan> = q
            .exclude
            .iter()
            .map(|g| self.plan(g, Typos::Off, false))
            .filter(|p| !matches!(p, Plan::Never))
            .collect();
        if q.is_browse() {
            return Ok(self.browse(&exclude, filters, opts));
        }
        let mut facet_docs = Vec::new();
        let mut matches = Vec::new();
        let mut relaxed = false;
        let (mut plans, words_match, mut other_words) = self.match_words(
            &q,
            opts.fuzzy,
            &exclude,
            &filters,
            &mut matches,
            &mut facet_docs,
        );
        // The fallbacks below are for words that match nothing together. When they do match,
        // but not under the filters, the answer is empty and its facet counts say where the
        // matches are.
        let mut fall_back = !words_match;
        // The query with a run-together word split, when that is what matched.
        let mut split_query = None;
        // A fallback's facet documents replace the query's only when it finds something.
        let mut fallback_docs = Vec::new();
        // Still nothing: a word may be two words run together ("healthcare"). When the split
        // words match, filters aside, they stand for the query: the rule above then holds
        // for them, and no later fallback runs.
        if fall_back
            && opts.fuzzy
            && let Some(split) = self.split_run_together(&q)
        {
            let (split_plans, split_match, split_other) = self.match_words(
                &split,
                true,
                &exclude,
                &filters,
                &mut matches,
                &mut fallback_docs,
            );
            if split_match {
                plans = split_plans;
                split_query = Some(split);
                std::mem::swap(&mut facet_docs, &mut fallback_docs);
                fall_back = false;
                other_words = split_other;
            }
        }
        let short = self.is_short(raw, &q);
        // The query's words, folded, for names and "jump to" matching (once for all uses).
        let folded = fold_words(raw);
        // Whether the answer is "jump to" matches alone, words abbreviating titles.
        let mut jumped = false;
        if fall_back && matches.is_empty() && short {
            fallback_docs.clear();
            self.jump_fallback(
                &folded,
                opts.fuzzy,
                &exclude,
                &filters,
                &mut matches,
                &mut fallback_docs,
            );
            if !fallback_docs.is_empty() {
                std::mem::swap(&mut facet_docs, &mut fallback_docs);
            }
            jumped = !matches.is_empty();
        }
        // Any-word ranking: only for several groups, at least one of which matches something.
        if fall_back
            && matches.is_empty()
            && plans.len() > 1
            && plans.iter().any(|p| !matches!(p, Plan::Never))
        {
            fallback_docs.clear();
            self.match_any(&plans, &exclude, &filters, &mut matches, &mut fallback_docs);
            // Closest matches that the filters all exclude still have facet counts, so a
            // visitor sees where to widen the selection.
            relaxed = !fallback_docs.is_empty();
            if relaxed {
                std::mem::swap(&mut facet_docs, &mut fallback_docs);
            }
        }
        // Matched only by reading a word as another: say so, as for any-word ranking, also
        // when the filters leave out every such match (the facet counts show where they are).
        relaxed |= other_words && !facet_docs.is_empty();
        let total = matches.len();
        let want = (opts.offset.saturating_add(opts.limit)).min(total);
        // A query that is a title or short name (or a misspelt short name) puts that record
        // first, however many records merely mention the name ("ICRMW" is cited by 65 rights).
        let content_range = matching::content_range(&plans);
        let content = &plans[content_range.clone()];
        // The words the plans are of, one per plan; none when they differ in number.
        let groups: &[query::Group] = match &split_query {
            Some(split) => &split.include,
            None => &q.include,
        };
        let groups = if groups.len() == plans.len() {
            groups
        } else {
            &[]
        };
        let mut named = false;
        if !relaxed {
            let content_groups = groups.get(content_range).unwrap_or_default();
            named = self.name_boost(&folded, &plans, content, content_groups, &mut matches);
        } else if plans.iter().any(|p| matches!(p, Plan::Never)) {
            // Any-word ranking because a word matches nothing ("teh refugee convention"): the
            // words that do match may still be a name.
            let known: Vec<Plan> = content
                .iter()
                .filter(|p| !matches!(p, Plan::Never))
                .cloned()
                .collect();
            if !known.is_empty() {
                let typed = names::typed_words(groups, &plans).unwrap_or_default();
                self.name_boost_words(&known, &typed, &mut matches);
            }
        }
        // The best results, re-ranked: "jump to" (when a word is not a known word — an
        // abbreviation, a word being typed — titles and short names it abbreviates rise), then
        // the adjacency of the query's words. The window covers every page up to the one asked
        // for, so pages stay consistent.
        let window = want.max(PROXIMITY_TOP).min(total);
        let mut top = rank::best(&matches, window, &self.id_rank);
        if !named && !relaxed {
            let n = top.len().min(JUMP_BLEND_TOP);
            self.name_boost_any_order(content, &mut top[..n]);
        }
        if short
            && !relaxed
            && plans
                .iter()
                .any(|p| matches!(p, Plan::Term { exact: None, .. }))
        {
            let n = top.len().min(JUMP_BLEND_TOP);
            self.jump_blend(&folded, &mut top[..n]);
        }
        // Only the first PROXIMITY_TOP, whatever page is asked for: the same records re-ranked
        // the same way on every page, so paging never repeats or skips a hit.
        let near = top.len().min(PROXIMITY_TOP);
        self.proximity_boost(&mut top[..near], content);
        rank::sort(&mut top, &self.id_rank);
        // Ranking is tiered (words matched, then typos, then score), so a hit may rank below
        // one with a lower score. The score shown never rises down the ranking, so that hits
        // are sorted by it; every page agrees, as the ranked prefix is the same for all.
        let mut ceiling = f32::INFINITY;
        for s in &mut top {
            s.score = s.score.min(ceiling);
            ceiling = s.score;
        }
        let matches = top;
        let page = matches
            .get(opts.offset.min(total)..want)
            .unwrap_or(&[])
            .iter()
            .map(|s| (s.doc, s.score))
            .collect();
        // A hit found only as an abbreviation shows which title words its query words stand
        // for, whatever their plans: nothing else in it is marked.
        let abbrevs = self.abbrevs(&q, &plans, relaxed || jumped);
        // Read from the first hit of all, so every page says the same.
        let corrected = matches.first().and_then(|m| {
            self.corrected(raw, &q, split_query.as_ref().unwrap_or(&q), &plans, m.doc)
        });
        Ok(Outcome {
            total,
            page,
            plans,
            facet_docs: Some(facet_docs),
            filters,
            relaxed,
            abbrevs,
            corrected,
        })
    }

    /// The query as its first hit, document `d`, answers it, when that is not the query as
    /// typed: each word that `d` matches only through a typo candidate replaced by that
    /// candidate (the nearest, then the commonest), a run-together word split ("health care"
    /// for "healthcare"). The rest of `raw` stays as typed (phrases, exclusions, accents), and
    /// a replacement takes the case of the word it replaces ("Right to education" for "Right
    /// to educaton"); runs of spaces become one. `q` is the query as typed, `read` the query
    /// matched (`q` or its split) and `plans` its plans. None when every word is read as
    /// typed.
    fn corrected(
        &self,
        raw: &str,
        q: &query::Query,
        read: &query::Query,
        plans: &[Plan],
        d: u32,
    ) -> Option<String> {
        use query::Group;
        let ents = self.ix.entries(d);
        let has = |t: u32| ents.has_in_range(t, t + 1);
        // (folded word as typed, what it was read as)
        let mut read_as: Vec<(&str, String)> = Vec::new();
        for ((typed, g), p) in q.include.iter().zip(&read.include).zip(plans) {
            // Phrases, also one being typed (`"noise canc`), match their words as typed:
            // nothing to correct.
            let Group::Term { text: typed, .. } = typed else {
                continue;
            };
            match (g, p) {
                (
                    Group::Term { .. },
                    Plan::Term {
                        exact,
                        prefix,
                        typos,
                        ..
                    },
                ) => {
                    let own = exact.is_some_and(|(t, _)| has(t))
                        || prefix.is_some_and(|(lo, hi)| ents.has_in_range(lo, hi))
                        || typos.iter().any(|&(t, dist, _)| dist == 0 && has(t));
                    let typo = self.read_as(
                        typos
                            .iter()
                            .filter(|&&(t, dist, _)| !own && dist > 0 && has(t)),
                    );
                    if let Some(&(t, dist, _)) = typo {
                        // The other form of a nearer candidate ("worker" with "workers"
                        // for "wokers"): the word meant is that candidate.
                        let term = self.ix.term(t);
                        let meant = typos.iter().find(|&&(c, d, _)| {
                            d > 0
                                && d < dist
                                && forms::other_forms(self.ix.term(c), false)
                                    .iter()
                                    .any(|f| f == term)
                        });
                        let word = meant.map_or(term, |&(c, ..)| self.ix.term(c));
                        read_as.push((typed, word.to_string()));
                    }
                }
                // A word split in two.
                (Group::Phrase(words), _) => read_as.push((typed, words.join(" "))),
                _ => {}
            }
        }
        if read_as.is_empty() {
            return None;
        }
        let mut out = String::new();
        let mut at = 0;
        for (from, to, folded) in &q.words {
            let Some((_, word)) = read_as.iter().find(|(w, _)| w == folded) else {
                continue;
            };
            out.push_str(&raw[at..*from]);
            push_in_case_of(&mut out, word, &raw[*from..*to]);
            at = *to;
        }
        if at == 0 {
            return None;
        }
        out.push_str(&raw[at..]);
        // One space between words, none around them.
        let mut spaced = String::with_capacity(out.len());
        for w in out.split_whitespace() {
            if !spaced.is_empty() {
                spaced.push(' ');
            }
            spaced.push_str(w);
        }
        Some(spaced)
    }

    /// Plans the words of `q` and matches them into `matches` and `facet_docs` (cleared
    /// first): words that exist are trusted first, typo candidates looked up for unknown words
    /// only; when that matches no record, filters aside, and `fuzzy`, typo candidates of every
    /// word. Returns the plans of the last pass, whether its words match some record,
    /// filters and exclusions aside (the answer is then only what they leave, maybe
    /// nothing), and whether that took reading a word of the index as
    /// another ("chapter 9" as "charter 9"): an answer to other words than the query's.
    fn match_words(
        &self,
        q: &query::Query,
        fuzzy: bool,
        exclude: &[Plan],
        filters: &Compiled,
        matches: &mut Vec<rank::Scored>,
        facet_docs: &mut Vec<u32>,
    ) -> (Vec<Plan>, bool, bool) {
        let mut typos = if fuzzy { Typos::ForUnknown } else { Typos::Off };
        loop {
            let plans = self.plans(q, typos);
            facet_docs.clear();
            let all_found = !plans.iter().any(|p| matches!(p, Plan::Never));
            let mut words_match =
                all_found && self.match_all(&plans, exclude, filters, matches, facet_docs);
            // Words that match together, in records the exclusions all leave out, still
            // match: the answer is empty, not a looser reading ("child -minor" is no "chile").
            if all_found && !words_match && !exclude.is_empty() {
                let (mut scratch, mut scratch_docs) = (Vec::new(), Vec::new());
                words_match = self.match_all(&plans, &[], filters, &mut scratch, &mut scratch_docs);
            }
            if words_match || typos != Typos::ForUnknown || !plans.iter().any(Plan::skipped_typos) {
                let other_words = words_match && typos == Typos::All;
                return (plans, words_match, other_words);
            }
            typos = Typos::All;
        }
    }

    fn browse(&self, exclude: &[Plan], filters: Compiled, opts: &SearchOptions) -> Outcome {
        let (total, page, facet_docs) = if exclude.is_empty() && filters.is_empty() {
            let page = (0..self.len() as u32)
                .skip(opts.offset)
                .take(opts.limit)
                .map(|d| (d, 0.0))
                .collect();
            (self.len(), page, None)
        } else {
            let mut facet_docs = Vec::new();
            let mut passing = Vec::new();
            for d in 0..self.len() as u32 {
                let status = filters.status(d);
                if status == Status::Fails || self.excluded(exclude, d) {
                    continue;
                }
                facet_docs.push(d);
                if status == Status::Pass {
                    passing.push(d);
                }
            }
            let page = passing
                .iter()
                .skip(opts.offset)
                .take(opts.limit)
                .map(|&d| (d, 0.0))
                .collect();
            (passing.len(), page, Some(facet_docs))
        };
        Outcome {
            total,
            page,
            plans: Vec::new(),
            facet_docs,
            filters,
            relaxed: false,
            corrected: None,
            abbrevs: Vec::new(),
        }
    }

    /// The words of `q` that may abbreviate the title of a hit (see
    /// [`Index::abbreviated_in_title`]), given their `plans`: of 2 to 63 letters and digits,
    /// required, and either no word of the index, one a record has as a whole short name
    /// ("vccr"), or, in any-word ranking or "jump to" matches alone (`loose`), missing from
    /// some hits. None when a fallback split
    /// a word, so that plans no longer stand for the words one by one.
    fn abbrevs(&self, q: &query::Query, plans: &[Plan], loose: bool) -> Vec<names::Abbrev> {
        if plans.len() != q.include.len() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (i, (g, p)) in q.include.iter().zip(plans).enumerate() {
            let query::Group::Term { text, .. } = g else {
                continue;
            };
            let n = text.chars().count();
            if p.is_optional()
                || !(2..=63).contains(&n)
                || !text.chars().all(self::text::is_alphanumeric_char)
            {
                continue;
            }
            let named = match p {
                Plan::Never => Vec::new(),
                _ => self.named(text),
            };
            if matches!(p, Plan::Never) || !named.is_empty() || loose {
                out.push(names::Abbrev {
                    chars: text.chars().collect(),
                    plan: i,
                    named,
                });
            }
        }
        out
    }

    /// The snippet of document `d` (and its title's highlights) for the query answered by
    /// `o`, whose plans have the `phrases` [`Index::phrases_of`] gives (once per query).
    fn snippet_of(&self, d: u32, o: &Outcome, phrases: &snippet::Phrases) -> snippet::Snippet {
        let doc = &self.docs[d as usize];
        let matched = self.matched_terms(d, &o.plans);
        let mut abbreviated = Vec::new();
        self.abbreviated_in_title(d, &o.plans, &matched.terms, &o.abbrevs, &mut abbreviated);
        snippet::build(
            &self.ix,
            d,
            doc.field_texts(),
            Some(doc.title_in(&abbreviated)),
            &matched,
            phrases,
            &self.no_snippet,
        )
    }

    fn hit_json(
        &self,
        d: u32,
        score: f32,
        o: &Outcome,
        phrases: &snippet::Phrases,
        out: &mut String,
    ) {
        let doc = &self.docs[d as usize];
        let snip = self.snippet_of(d, o, phrases);
        out.push('{');
        doc.write_names(out);
        out.push_str(",\"score\":");
        json::score(out, score);
        out.push_str(",\"snippet\":");
        json::string(out, &snip.text);
        out.push_str(",\"highlights\":");
        json::ranges(out, &snip.highlights);
        out.push_str(",\"titleHighlights\":");
        json::ranges(out, &snip.title_highlights);
        let terms = self.search_terms(d, &o.plans);
        if !terms.is_empty() {
            out.push_str(",\"searchTerms\":[");
            for (i, t) in terms.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json::string(out, t);
            }
            out.push(']');
        }
        doc.write_summary(out);
        out.push('}');
    }

    fn hit(&self, d: u32, score: f32, o: &Outcome, phrases: &snippet::Phrases) -> Hit {
        let doc = &self.docs[d as usize];
        let snip = self.snippet_of(d, o, phrases);
        Hit {
            id: doc.id.clone(),
            kind: doc.kind.clone(),
            title: doc.title.clone(),
            score: json::rounded_score(score),
            snippet: snip.text,
            highlights: snip.highlights,
            title_highlights: snip.title_highlights,
            search_terms: self
                .search_terms(d, &o.plans)
                .into_iter()
                .map(str::to_string)
                .collect(),
            fields: doc.summary.clone(),
        }
    }
}

/// A ranked answer whose page is not rendered yet.
struct Outcome {
    total: usize,
    /// (document, score) of the requested page.
    page: Vec<(u32, f32)>,
    plans: Vec<Plan>,
    /// Documents the facets count (disjunctively); `None`: all, unfiltered.
    facet_docs: Option<Vec<u32>>,
    filters: Compiled,
    relaxed: bool,
    /// The query's words that may abbreviate a hit's title words (see
    /// [`Index::abbreviated_in_title`]): its words of 2 to 63 letters and digits that are
    /// not little or soft words, with the number of their plan in `plans` when known.
    abbrevs: Vec<names::Abbrev>,
    /// The query as the first hit answers it, when some word is read as another (see
    /// [`Index::corrected`]).
    corrected: Option<String>,
}
/// Appends `word` (folded) in the case of `typed`, the text it replaces: upper case when that
/// is ("REFUGEE"), its first letter upper case when that is ("Refugee"), else as it is. Only
/// ASCII letters are read and changed (Unicode's case tables would cost the wasm up to 8 KB):
/// "ÉDUCATON" reads as "education".
fn push_in_case_of(out: &mut String, word: &str, typed: &str) {
    let mut letters = typed.chars().filter(|c| c.is_alphabetic());
    let first_upper = letters.next().is_some_and(|c| c.is_ascii_uppercase());
    let mut rest = letters.peekable();
    let more = rest.peek().is_some();
    let start = out.len();
    out.push_str(word);
    if first_upper && more && rest.all(|c| c.is_ascii_uppercase()) {
        out[start..].make_ascii_uppercase();
    } else if let Some(first) = out.get_mut(start..start + 1).filter(|_| first_upper) {
        first.make_ascii_uppercase();
    }
}

/// The one folded term of `w`, or `None` when it folds to no term or several (a word list
/// of [`Index::with_aliases`], [`Index::with_optional_words`] or [`Index::with_soft_words`]).
fn single_term(w: &str) -> Option<String> {
    let mut t = text::terms(w);
    (t.len() == 1).then(|| t.remove(0))
}
