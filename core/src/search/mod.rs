//! The search engine: an inverted index with typo tolerance, phrases, exclusions, filters and
//! disjunctive facets, over any [`Document`]s — the embedded corpus or records a website brings.
//!
//! A query runs in four steps:
//!
//! 1. [`query::parse`] splits it into words, phrases and exclusions (folded by [`text`]).
//! 2. Each word is planned: its exact term, its completions when it is the word being typed
//!    (an id range of the sorted vocabulary), and its typo candidates from [`typo`].
//! 3. The cheapest group drives: its postings are the candidates; every other group is checked
//!    against each candidate's own sorted term list (a binary search, no posting merges), and
//!    BM25F ([`rank`]) scores what matches. Filters ([`filters`]) are bitsets.
//! 4. If nothing matches every word, a short query tries "jump to" matching on titles and
//!    short names ([`crate::jump`]), then any-word ranking (`relaxed: true`).

pub mod filters;
pub mod index;
pub mod json;
pub mod options;
pub mod query;
pub mod rank;
pub mod snippet;
pub mod text;
pub mod typo;

use crate::document::{Document, Value};
use crate::error::Error;
use filters::{Compiled, FacetTable, Status};
pub use filters::{Facets, Filters};
use index::{Entry, Field, InvertedIndex};
use query::{Group, Query};
use rank::{Kind, Scored};
use serde::ser::{Serialize, SerializeMap, Serializer};
use typo::TypoIndex;

/// Hits per page unless `limit` says otherwise.
pub const DEFAULT_LIMIT: usize = 10;
pub use crate::limits::MAX_LIMIT;
/// A word being typed expands to at most this many completions when it drives the search
/// (the most frequent ones); as a filter on other words' candidates it accepts them all.
const PREFIX_DRIVER_CAP: usize = 128;
/// Queries of at most this many bytes and words get "jump to" matching.
const JUMP_MAX_BYTES: usize = 40;
const JUMP_MAX_WORDS: usize = 3;
/// Most titles scored by the jump matcher per query.
const JUMP_MAX_EVALS: usize = 200;
/// Results whose jump score is blended into their rank.
const JUMP_BLEND_TOP: usize = 20;
/// Score factor of a result whose title or short name is the query.
const NAME_MATCH: f32 = 3.0;
/// Name of the field holding documents' short names and aliases.
const NAMES_FIELD: &str = "@names";
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
        let mut m = s.serialize_map(Some(6 + self.fields.len()))?;
        m.serialize_entry("id", &self.id)?;
        m.serialize_entry("kind", &self.kind)?;
        m.serialize_entry("title", &self.title)?;
        m.serialize_entry("score", &self.score)?;
        m.serialize_entry("snippet", &self.snippet)?;
        m.serialize_entry("highlights", &self.highlights)?;
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
}

#[derive(Debug, Clone)]
struct StoredDoc {
    id: String,
    kind: String,
    title: String,
    texts: Vec<(u8, String)>,
    summary: Vec<(String, Value)>,
    has_short: bool,
}

#[derive(Debug, Clone)]
struct JumpText {
    doc: u32,
    /// Letters and digits of `text` (see `char_mask`), and those starting its words.
    mask: u64,
    starts: u64,
    text: String,
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
    jump: Vec<JumpText>,
    no_snippet: Vec<u8>,
}

/// How one query group is matched (see the module docs).
#[derive(Debug, Clone)]
enum Plan {
    Term {
        exact: Option<(u32, f32)>,
        prefix: Option<(u32, u32)>,
        typos: Vec<(u32, u8, f32)>,
        cost: u64,
        skipped_typos: bool,
    },
    Phrase {
        ids: Vec<u32>,
        cost: u64,
    },
    Never,
}

/// When typo candidates are looked up for a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Typos {
    Off,
    ForUnknown,
    All,
}

impl Plan {
    fn skipped_typos(&self) -> bool {
        matches!(
            self,
            Plan::Term {
                skipped_typos: true,
                ..
            }
        )
    }

    fn cost(&self) -> u64 {
        match self {
            Plan::Term { cost, .. } | Plan::Phrase { cost, .. } => *cost,
            Plan::Never => 0,
        }
    }
}

/// A folded string's letters and digits as a bit set (a–z, 0–9, and one bit for the rest).
fn char_mask(s: &str) -> u64 {
    let mut m = 0u64;
    for c in s.chars() {
        m |= match c {
            'a'..='z' => 1 << (c as u32 - 'a' as u32),
            '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
            c if c.is_whitespace() => 0,
            _ => 1 << 40,
        };
    }
    m
}

/// [`char_mask`] of the first character of each word.
fn word_starts_mask(s: &str) -> u64 {
    s.split(' ')
        .filter_map(|w| w.chars().next())
        .fold(0, |m, c| m | char_mask(c.encode_utf8(&mut [0; 4])))
}

fn fold_words(s: &str) -> String {
    text::terms(s).join(" ")
}

impl Index {
    /// Indexes `docs` (ids must be unique; see [`crate::records`] for checked input) with the
    /// facet fields `facet_fields`, in that order. Text fields, with their boosts, are taken
    /// from the documents in order of first appearance (at most [`index::MAX_FIELDS`]).
    pub fn new(docs: Vec<Document>, facet_fields: &[&str]) -> Index {
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
        let facets = FacetTable::build(&docs, &names);
        let mut jump = Vec::new();
        let mut stored = Vec::with_capacity(docs.len());
        for (n, d) in docs.into_iter().enumerate() {
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
                        doc: n as u32,
                        mask: char_mask(&text),
                        starts: word_starts_mask(&text),
                        text,
                    });
                }
            }
            stored.push(StoredDoc {
                id: d.id,
                kind: d.kind,
                title: d.title,
                texts,
                summary: d.summary,
                has_short: !d.short.is_empty(),
            });
        }
        // Fields that a hit shows elsewhere (title, names) are not used for snippets.
        let title_field = fields
            .iter()
            .position(|f| f.name == "title")
            .map(|i| i as u8);
        let no_snippet: Vec<u8> = title_field.into_iter().chain(names_field).collect();
        let ix = {
            // Borrow the stored texts without copying them.
            let texts: Vec<&[(u8, String)]> = stored.iter().map(|d| d.texts.as_slice()).collect();
            InvertedIndex::build(fields, &texts)
        };
        let typo = std::sync::OnceLock::new();
        let mut order: Vec<u32> = (0..stored.len() as u32).collect();
        index::sort_by(&mut order, &|a, b| {
            stored[a as usize].id.cmp(&stored[b as usize].id)
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
            no_snippet,
        }
    }

    /// Builds what is built on first need (the typo index), so no later query pays for it.
    pub fn warm(&self) {
        self.typo();
    }

    fn typo(&self) -> &TypoIndex {
        self.typo.get_or_init(|| TypoIndex::build(&self.ix))
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
        let hits = o
            .page
            .iter()
            .map(|&(d, score)| self.hit(d, score, &o.plans))
            .collect();
        Ok(SearchResults {
            total: o.total,
            hits,
            facets,
            relaxed: o.relaxed,
        })
    }

    /// [`Index::search`] as JSON text, written straight from the index (no intermediate
    /// copies): what the wasm layer hands to `JSON.parse`.
    pub fn search_json(&self, raw: &str, opts: &SearchOptions) -> Result<String, Error> {
        let o = self.run(raw, opts)?;
        let mut out = String::with_capacity(1024 + 1024 * o.page.len());
        out.push_str("{\"total\":");
        json::number(&mut out, o.total as f64);
        out.push_str(",\"hits\":[");
        for (i, &(d, score)) in o.page.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            self.hit_json(d, score, &o.plans, &mut out);
        }
        out.push_str("],\"facets\":");
        match &o.facet_docs {
            None => out.push_str(self.facets.all_json()),
            Some(docs) => self.facets.count_json(docs, &o.filters, &mut out),
        }
        out.push_str(",\"relaxed\":");
        out.push_str(if o.relaxed { "true}" } else { "false}" });
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
        // Words that exist are trusted first; typo candidates are looked up for unknown words,
        // and for every word when that finds nothing.
        let typos = if opts.fuzzy {
            Typos::ForUnknown
        } else {
            Typos::Off
        };
        let mut plans = self.plans(&q, typos);
        let mut facet_docs = Vec::new();
        let mut matches = Vec::new();
        let mut relaxed = false;
        if !plans.iter().any(|p| matches!(p, Plan::Never)) {
            self.match_all(&plans, &exclude, &filters, &mut matches, &mut facet_docs);
        }
        if matches.is_empty() && opts.fuzzy && plans.iter().any(Plan::skipped_typos) {
            plans = self.plans(&q, Typos::All);
            facet_docs.clear();
            if !plans.iter().any(|p| matches!(p, Plan::Never)) {
                self.match_all(&plans, &exclude, &filters, &mut matches, &mut facet_docs);
            }
        }
        let short = self.is_short(raw, &q);
        if matches.is_empty() && short {
            self.jump_fallback(raw, &exclude, &filters, &mut matches, &mut facet_docs);
        }
        // Any-word ranking: only for several groups, at least one of which matches something.
        if matches.is_empty() && plans.len() > 1 && plans.iter().any(|p| !matches!(p, Plan::Never))
        {
            facet_docs.clear();
            self.match_any(&plans, &exclude, &filters, &mut matches, &mut facet_docs);
            relaxed = !matches.is_empty();
        }
        let total = matches.len();
        let want = (opts.offset.saturating_add(opts.limit)).min(total);
        // The best results, re-ranked: "jump to" (a query that is a title or short name puts
        // that record first; when a word is not a known word — an abbreviation, a word being
        // typed — titles and short names it abbreviates rise too), then the adjacency of the
        // query's words. The window covers every page up to the one asked for, so pages stay
        // consistent.
        let window = want.max(PROXIMITY_TOP).min(total);
        let mut top = rank::best(&matches, window, &self.id_rank);
        if short && !relaxed {
            let partial = plans
                .iter()
                .any(|p| matches!(p, Plan::Term { exact: None, .. }));
            let n = top.len().min(JUMP_BLEND_TOP);
            self.jump_blend(raw, partial, &mut top[..n]);
        }
        self.proximity_boost(&mut top, &plans);
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
        Ok(Outcome {
            total,
            page,
            plans,
            facet_docs: Some(facet_docs),
            filters,
            relaxed,
        })
    }

    /// Plans of the query's groups, in query order.
    fn plans(&self, q: &Query, typos: Typos) -> Vec<Plan> {
        q.include
            .iter()
            .map(|g| self.plan(g, typos, true))
            .collect()
    }

    fn is_short(&self, raw: &str, q: &Query) -> bool {
        raw.trim().len() <= JUMP_MAX_BYTES
            && q.include.len() <= JUMP_MAX_WORDS
            && q.include.iter().all(|g| matches!(g, Group::Term { .. }))
    }

    fn plan(&self, g: &Group, typos_mode: Typos, allow_prefix: bool) -> Plan {
        let n = self.len();
        match g {
            Group::Term { text, prefix } => {
                let exact = self
                    .ix
                    .lookup(text)
                    .map(|t| (t, rank::idf(n, self.ix.df(t))));
                let mut cost = exact.map_or(0, |(t, _)| u64::from(self.ix.df(t)));
                let prefix = if *prefix && allow_prefix {
                    let (lo, hi) = self.ix.prefix_range(text);
                    (hi - lo > u32::from(exact.is_some())).then(|| {
                        cost += self.ix.df_sum(lo, hi);
                        (lo, hi)
                    })
                } else {
                    None
                };
                let mut typos = Vec::new();
                // A known word, or a word being typed that has completions, is trusted first.
                let known = exact.is_some() || prefix.is_some();
                let skipped_typos = typos_mode == Typos::ForUnknown && known;
                let fuzzy = typos_mode == Typos::All || typos_mode == Typos::ForUnknown && !known;
                if fuzzy {
                    let chars: Vec<char> = text.chars().collect();
                    let mut found = Vec::new();
                    let mut scratch = Vec::new();
                    self.typo().candidates(
                        &self.ix,
                        &chars,
                        typo::max_edits(chars.len()),
                        &mut scratch,
                        &mut found,
                    );
                    // `found` is in term id order already.
                    for (t, d) in found {
                        let df = self.ix.df(t);
                        cost += u64::from(df);
                        typos.push((t, d, rank::idf(n, df)));
                    }
                }
                if exact.is_none() && prefix.is_none() && typos.is_empty() {
                    return Plan::Never;
                }
                Plan::Term {
                    exact,
                    prefix,
                    typos,
                    cost,
                    skipped_typos,
                }
            }
            Group::Phrase(words) => {
                let mut ids = Vec::with_capacity(words.len());
                let mut cost = u64::MAX;
                for w in words {
                    let Some(t) = self.ix.lookup(w) else {
                        return Plan::Never;
                    };
                    cost = cost.min(u64::from(self.ix.df(t)));
                    ids.push(t);
                }
                Plan::Phrase { ids, cost }
            }
        }
    }

    /// Candidate documents of a plan, ascending.
    fn candidates(&self, plan: &Plan) -> Vec<u32> {
        let mut lists: Vec<&[u32]> = Vec::new();
        match plan {
            Plan::Term {
                exact,
                prefix,
                typos,
                ..
            } => {
                if let Some((t, _)) = exact {
                    lists.push(self.ix.postings(*t));
                }
                if let Some((lo, hi)) = prefix {
                    for t in self.ix.top_terms_in_range(*lo, *hi, PREFIX_DRIVER_CAP) {
                        if Some(t) != exact.map(|e| e.0) {
                            lists.push(self.ix.postings(t));
                        }
                    }
                }
                for &(t, _, _) in typos {
                    lists.push(self.ix.postings(t));
                }
            }
            Plan::Phrase { ids, .. } => {
                if let Some(&t) = ids.iter().min_by_key(|&&t| self.ix.df(t)) {
                    lists.push(self.ix.postings(t));
                }
            }
            Plan::Never => {}
        }
        union(&lists, self.len())
    }

    /// How document `d` matches a plan: the kind of the best match and its score.
    fn eval(&self, plan: &Plan, d: u32) -> Option<(Kind, f32)> {
        let ents = self.ix.entries(d);
        match plan {
            Plan::Term {
                exact,
                prefix,
                typos,
                ..
            } => {
                let mut best: Option<(Kind, f32)> = None;
                if let Some((t, idf)) = *exact {
                    let s = rank::bm25f(&self.ix, d, ents.of_term(t), idf);
                    if s > 0.0 {
                        best = Some((Kind::Exact, s));
                    }
                }
                if let Some((lo, hi)) = *prefix {
                    // Entries come by term then field: sum each completion's fields.
                    let skip = exact.map(|(x, _)| x);
                    let mut cur = u32::MAX;
                    let mut tf = 0.0f32;
                    let finish = |t: u32, tf: f32, best: &mut Option<(Kind, f32)>| {
                        if tf > 0.0 {
                            let idf = rank::idf(self.len(), self.ix.df(t));
                            let s = rank::saturate(tf, idf) * Kind::Prefix.weight();
                            *best = match *best {
                                None => Some((Kind::Prefix, s)),
                                Some((k, b)) => Some((k, b.max(s))),
                            };
                        }
                    };
                    for e in ents.in_range(lo, hi) {
                        if e.term != cur {
                            finish(cur, tf, &mut best);
                            cur = e.term;
                            tf = 0.0;
                        }
                        if Some(cur) != skip {
                            tf += rank::field_tf(&self.ix, d, &e);
                        }
                    }
                    finish(cur, tf, &mut best);
                }
                if best.is_some() {
                    return best;
                }
                for &(t, dist, idf) in typos {
                    let kind = Kind::typo(dist);
                    let s = rank::bm25f(&self.ix, d, ents.of_term(t), idf) * kind.weight();
                    if s > 0.0 && best.is_none_or(|(_, b)| s > b) {
                        best = Some((kind, s));
                    }
                }
                best
            }
            Plan::Phrase { ids, .. } => self.phrase_matches(d, ids).then(|| {
                let n = self.len();
                let s = ids
                    .iter()
                    .map(|&t| {
                        rank::bm25f(&self.ix, d, ents.of_term(t), rank::idf(n, self.ix.df(t)))
                    })
                    .sum();
                (Kind::Exact, s)
            }),
            Plan::Never => None,
        }
    }

    fn phrase_matches(&self, d: u32, ids: &[u32]) -> bool {
        let ents = self.ix.entries(d);
        let Some(&first) = ids.first() else {
            return false;
        };
        'fields: for e0 in ents.of_term(first) {
            let mut lists = Vec::with_capacity(ids.len());
            for &t in &ids[1..] {
                match ents.of_term(t).find(|e| e.field == e0.field) {
                    Some(e) => lists.push(self.ix.positions(&e)),
                    None => continue 'fields,
                }
            }
            for &p in self.ix.positions(&e0) {
                if lists.iter().enumerate().all(|(i, l)| {
                    p.checked_add(1 + i as u16)
                        .is_some_and(|q| l.binary_search(&q).is_ok())
                }) {
                    return true;
                }
            }
        }
        false
    }

    fn excluded(&self, exclude: &[Plan], d: u32) -> bool {
        exclude.iter().any(|p| match p {
            Plan::Term {
                exact: Some((t, _)),
                ..
            } => self.ix.entries(d).has_in_range(*t, *t + 1),
            Plan::Phrase { ids, .. } => self.phrase_matches(d, ids),
            _ => false,
        })
    }

    fn match_all(
        &self,
        plans: &[Plan],
        exclude: &[Plan],
        filters: &Compiled,
        matches: &mut Vec<Scored>,
        facet_docs: &mut Vec<u32>,
    ) {
        // Cheapest first: it drives, and rare words reject candidates soonest.
        let mut by_cost: Vec<&Plan> = plans.iter().collect();
        for i in 1..by_cost.len() {
            let mut j = i;
            while j > 0 && by_cost[j - 1].cost() > by_cost[j].cost() {
                by_cost.swap(j - 1, j);
                j -= 1;
            }
        }
        let Some(driver) = by_cost.first() else {
            return;
        };
        'docs: for d in self.candidates(driver) {
            let status = filters.status(d);
            if status == Status::Fails || self.excluded(exclude, d) {
                continue;
            }
            let mut score = 0.0;
            let mut typos = 0u8;
            for p in &by_cost {
                match self.eval(p, d) {
                    Some((k, s)) => {
                        score += s;
                        typos += u8::from(k.is_typo());
                    }
                    None => continue 'docs,
                }
            }
            facet_docs.push(d);
            if status == Status::Pass {
                matches.push(Scored {
                    doc: d,
                    matched: plans.len() as u8,
                    typos,
                    score,
                });
            }
        }
    }

    fn match_any(
        &self,
        plans: &[Plan],
        exclude: &[Plan],
        filters: &Compiled,
        matches: &mut Vec<Scored>,
        facet_docs: &mut Vec<u32>,
    ) {
        // Very common words do not bring candidates of their own (they still score).
        let usable: Vec<&Plan> = plans.iter().filter(|p| !matches!(p, Plan::Never)).collect();
        let cheapest = usable.iter().map(|p| p.cost()).min().unwrap_or(0);
        let limit = (self.len() as u64 / 4).max(cheapest);
        let mut lists: Vec<Vec<u32>> = Vec::new();
        for p in &usable {
            if p.cost() <= limit {
                lists.push(self.candidates(p));
            }
        }
        let refs: Vec<&[u32]> = lists.iter().map(Vec::as_slice).collect();
        for d in union(&refs, self.len()) {
            let status = filters.status(d);
            if status == Status::Fails || self.excluded(exclude, d) {
                continue;
            }
            let mut score = 0.0;
            let mut typos = 0u8;
            let mut matched = 0u8;
            for p in &usable {
                if let Some((k, s)) = self.eval(p, d) {
                    score += s;
                    typos += u8::from(k.is_typo());
                    matched += 1;
                }
            }
            if matched == 0 {
                continue;
            }
            facet_docs.push(d);
            if status == Status::Pass {
                matches.push(Scored {
                    doc: d,
                    matched,
                    typos,
                    score,
                });
            }
        }
    }

    fn jump_scores(&self, query: &str, only: Option<&[u32]>) -> Vec<(u32, i64)> {
        let q = fold_words(query);
        if q.is_empty() {
            return Vec::new();
        }
        let qmask = char_mask(&q);
        let qstarts = word_starts_mask(&q);
        let words: Vec<&str> = q.split(' ').collect();
        let min = jump_threshold(&q);
        let mut out: Vec<(u32, i64)> = Vec::new();
        let mut evals = 0;
        for j in &self.jump {
            if j.mask & qmask != qmask
                || j.starts & qstarts != qstarts
                || only.is_some_and(|o| !o.contains(&j.doc))
                || !words.iter().all(|w| abbreviates(&j.text, w))
            {
                continue;
            }
            evals += 1;
            if evals > JUMP_MAX_EVALS {
                break;
            }
            if let Some(s) = crate::jump::jump_score(&j.text, &q)
                && s >= min
            {
                match out.last_mut() {
                    Some(last) if last.0 == j.doc => last.1 = last.1.max(s),
                    _ => out.push((j.doc, s)),
                }
            }
        }
        out
    }

    fn jump_fallback(
        &self,
        raw: &str,
        exclude: &[Plan],
        filters: &Compiled,
        matches: &mut Vec<Scored>,
        facet_docs: &mut Vec<u32>,
    ) {
        for (d, s) in self.jump_scores(raw, None) {
            let status = filters.status(d);
            if status == Status::Fails || self.excluded(exclude, d) {
                continue;
            }
            facet_docs.push(d);
            if status == Status::Pass {
                matches.push(Scored {
                    doc: d,
                    matched: 1,
                    typos: 0,
                    score: s as f32 / 100.0,
                });
            }
        }
    }

    /// Among the best results: triples the score of those whose title or short name is the
    /// query ("vccr", "iccpr"), and, when `partial`, raises by up to half those whose title
    /// or short name matches it as an abbreviation ("1951 conv").
    fn jump_blend(&self, raw: &str, partial: bool, matches: &mut [Scored]) {
        let top = matches.len().min(JUMP_BLEND_TOP);
        let q = fold_words(raw);
        for m in &mut matches[..top] {
            if self
                .jump
                .iter()
                .skip(self.jump.partition_point(|j| j.doc < m.doc))
                .take_while(|j| j.doc == m.doc)
                .any(|j| j.text == q)
            {
                m.score *= NAME_MATCH;
            }
        }
        if !partial {
            return;
        }
        let docs: Vec<u32> = matches[..top]
            .iter()
            .map(|s| s.doc)
            .filter(|&d| self.docs[d as usize].has_short)
            .collect();
        if docs.is_empty() {
            return;
        }
        let scores = self.jump_scores(raw, Some(&docs));
        let Some(best) = scores.iter().map(|s| s.1).max() else {
            return;
        };
        for m in &mut matches[..top] {
            if let Some(&(_, s)) = scores.iter().find(|x| x.0 == m.doc) {
                m.score *= 1.0 + 0.5 * s as f32 / best as f32;
            }
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
        }
    }

    /// Calls `f` with each entry of document `d` that matches a word plan: its exact term and
    /// completions, or, when it has none of those, its typo candidates.
    fn word_entries(&self, d: u32, plan: &Plan, mut f: impl FnMut(Entry)) {
        let ents = self.ix.entries(d);
        let Plan::Term {
            exact,
            prefix,
            typos,
            ..
        } = plan
        else {
            return;
        };
        let mut strict = false;
        if let Some((t, _)) = exact {
            for e in ents.of_term(*t) {
                strict = true;
                f(e);
            }
        }
        if let Some((lo, hi)) = prefix {
            for e in ents.in_range(*lo, *hi) {
                if exact.is_none_or(|(x, _)| x != e.term) {
                    strict = true;
                    f(e);
                }
            }
        }
        if !strict {
            for (t, _, _) in typos {
                ents.of_term(*t).for_each(&mut f);
            }
        }
    }

    /// Term ids of document `d` that the plans matched (for highlighting).
    fn matched_terms(&self, d: u32, plans: &[Plan]) -> Vec<u32> {
        let mut out = Vec::new();
        for p in plans {
            match p {
                Plan::Phrase { ids, .. } => out.extend(ids.iter().copied()),
                _ => self.word_entries(d, p, |e| out.push(e.term)),
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// How many consecutive pairs of query groups (in query order) occur next to each other,
    /// in order, in some field of document `d`.
    fn adjacent_pairs(&self, d: u32, plans: &[Plan]) -> usize {
        let ents = self.ix.entries(d);
        let key = |e: &Entry, p: u16| u32::from(e.field) << 16 | u32::from(p);
        let mut prev_ends: Vec<u32> = Vec::new();
        let mut starts: Vec<u32> = Vec::new();
        let mut ends: Vec<u32> = Vec::new();
        let mut pairs = 0;
        for (i, p) in plans.iter().enumerate() {
            starts.clear();
            ends.clear();
            match p {
                Plan::Phrase { ids, .. } => {
                    if let (Some(&a), Some(&b)) = (ids.first(), ids.last()) {
                        for e in ents.of_term(a) {
                            starts.extend(self.ix.positions(&e).iter().map(|&q| key(&e, q)));
                        }
                        for e in ents.of_term(b) {
                            ends.extend(self.ix.positions(&e).iter().map(|&q| key(&e, q)));
                        }
                    }
                }
                _ => self.word_entries(d, p, |e| {
                    for &q in self.ix.positions(&e) {
                        starts.push(key(&e, q));
                    }
                }),
            }
            if !matches!(p, Plan::Phrase { .. }) {
                ends.extend_from_slice(&starts);
            }
            starts.sort_unstable();
            if i > 0
                && prev_ends
                    .iter()
                    .any(|&k| k & 0xFFFF != 0xFFFF && starts.binary_search(&(k + 1)).is_ok())
            {
                pairs += 1;
            }
            std::mem::swap(&mut prev_ends, &mut ends);
        }
        pairs
    }

    /// Raises the scores of the first `top` results by how many query words are adjacent in
    /// order (see [`rank::PROXIMITY`]).
    fn proximity_boost(&self, matches: &mut [Scored], plans: &[Plan]) {
        if plans.len() < 2 {
            return;
        }
        let n = (plans.len() - 1) as f32;
        for m in matches {
            let pairs = self.adjacent_pairs(m.doc, plans) as f32;
            m.score *= 1.0 + rank::PROXIMITY * pairs / n;
        }
    }

    fn hit_json(&self, d: u32, score: f32, plans: &[Plan], out: &mut String) {
        let doc = &self.docs[d as usize];
        let matched = self.matched_terms(d, plans);
        let snip = snippet::build(&self.ix, d, &doc.texts, &matched, &self.no_snippet);
        out.push_str("{\"id\":");
        json::string(out, &doc.id);
        out.push_str(",\"kind\":");
        json::string(out, &doc.kind);
        out.push_str(",\"title\":");
        json::string(out, &doc.title);
        out.push_str(",\"score\":");
        json::number(out, rounded(score));
        out.push_str(",\"snippet\":");
        json::string(out, &snip.text);
        out.push_str(",\"highlights\":");
        json::ranges(out, &snip.highlights);
        for (k, v) in &doc.summary {
            out.push(',');
            json::string(out, k);
            out.push(':');
            json::value(out, v);
        }
        out.push('}');
    }

    fn hit(&self, d: u32, score: f32, plans: &[Plan]) -> Hit {
        let doc = &self.docs[d as usize];
        let matched = self.matched_terms(d, plans);
        let snip = snippet::build(&self.ix, d, &doc.texts, &matched, &self.no_snippet);
        Hit {
            id: doc.id.clone(),
            kind: doc.kind.clone(),
            title: doc.title.clone(),
            score: rounded(score),
            snippet: snip.text,
            highlights: snip.highlights,
            fields: doc.summary.clone(),
        }
    }
}

/// A score as shown: four decimals.
fn rounded(score: f32) -> f64 {
    (f64::from(score) * 10_000.0).round() / 10_000.0
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
}

/// True when `word` (folded) abbreviates part of `text` (folded words separated by spaces):
/// its characters can be taken in order from words of `text`, entering each word used at its
/// first character ("vccr" in "vienna convention on consular relations", "stls" in
/// "stateless", "1951 conv"), never from the middle of a word it did not start in. A cheap
/// structural test before the fuzzy matcher scores the match.
fn abbreviates(text: &str, word: &str) -> bool {
    let q: Vec<char> = word.chars().take(63).collect();
    if q.is_empty() {
        return true;
    }
    let done = 1u64 << q.len();
    // Bit p: the first p characters of the word are matched.
    let mut reach = 1u64;
    for w in text.split(' ') {
        let chars: Vec<char> = w.chars().collect();
        let Some(&first) = chars.first() else {
            continue;
        };
        let mut next = reach;
        for p in 0..q.len() {
            if reach >> p & 1 == 0 || q[p] != first {
                continue;
            }
            // Enter this word at q[p], then take as many following characters as it offers.
            let mut at = p + 1;
            next |= 1 << at;
            for &c in &chars[1..] {
                if at < q.len() && c == q[at] {
                    at += 1;
                    next |= 1 << at;
                }
            }
        }
        reach = next;
        if reach & done != 0 {
            return true;
        }
    }
    false
}

/// The minimum jump score for a folded query: 14 points per character (the matcher gives
/// ~16 per matched character plus word-start bonuses, minus gap penalties), so acronyms and
/// word starts count ("vccr", "stls conv") and letters scattered over a long title do not.
fn jump_threshold(q: &str) -> i64 {
    let chars = q.chars().filter(|c| !c.is_whitespace()).count() as i64;
    14 * chars
}

/// Sorted union of sorted document lists (a bitset when they are large).
fn union(lists: &[&[u32]], ndocs: usize) -> Vec<u32> {
    match lists {
        [] => Vec::new(),
        [one] => one.to_vec(),
        _ => {
            let total: usize = lists.iter().map(|l| l.len()).sum();
            if total * 16 >= ndocs {
                let mut bits = vec![0u64; ndocs.div_ceil(64)];
                for l in lists {
                    for &d in *l {
                        bits[d as usize / 64] |= 1 << (d % 64);
                    }
                }
                let mut out = Vec::with_capacity(total.min(ndocs));
                for (w, &word) in bits.iter().enumerate() {
                    let mut x = word;
                    while x != 0 {
                        out.push((w * 64) as u32 + x.trailing_zeros());
                        x &= x - 1;
                    }
                }
                out
            } else {
                let mut out: Vec<u32> = lists.iter().flat_map(|l| l.iter().copied()).collect();
                out.sort_unstable();
                out.dedup();
                out
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::abbreviates;

    #[test]
    fn abbreviations_enter_each_word_at_its_first_letter() {
        let table = [
            ("vienna convention on consular relations", "vccr", true),
            (
                "convention relating to the status of stateless persons",
                "stls",
                true,
            ),
            (
                "convention relating to the status of stateless persons",
                "conv",
                true,
            ),
            ("1951 refugee convention", "1951", true),
            ("global compact for migration", "gcm", true),
            (
                "players of many parts the evolving role of smugglers",
                "refug",
                false,
            ),
            (
                "convention relating to the status of stateless persons",
                "consualr",
                false,
            ),
            (
                "international covenant on civil and political rights",
                "iccpr",
                true,
            ),
            ("paris agreement", "vccr", false),
        ];
        for (text, word, want) in table {
            assert_eq!(abbreviates(text, word), want, "{word} in {text}");
        }
    }
}
