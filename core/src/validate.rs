//! Build-time validation of the corpus. Each problem is reported as `file: record id: what is
//! wrong`, and the build fails on any problem.

use crate::schema::*;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// One thing wrong with the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Data file the record comes from.
    pub file: String,
    /// Record id (or `-` when the record has none).
    pub id: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.id, self.message)
    }
}

/// Is `s` a valid record id: a non-empty lowercase slug of `a-z`, `0-9` and inner `-`, at most
/// [`crate::limits::MAX_ID_BYTES`] long (the exports refuse longer ids before copying them)?
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= crate::limits::MAX_ID_BYTES
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A parsed partial date, ordered so that a less precise date sorts before a precise one of the
/// same period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartialDate {
    /// Year.
    pub year: u16,
    /// Month 1–12, or 0 when unknown.
    pub month: u8,
    /// Day 1–31, or 0 when unknown.
    pub day: u8,
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting impossible months and days.
pub fn parse_date(s: &str) -> Option<PartialDate> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| -> Option<u32> {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let year = num(parts.first()?, 4)? as u16;
    if !(1000..=2100).contains(&year) || parts.len() > 3 {
        return None;
    }
    let month = match parts.get(1) {
        Some(m) => num(m, 2)? as u8,
        None => 0,
    };
    let day = match parts.get(2) {
        Some(d) => num(d, 2)? as u8,
        None => 0,
    };
    if parts.len() >= 2 && !(1..=12).contains(&month) {
        return None;
    }
    if parts.len() == 3 {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let max = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if !(1..=max).contains(&day) {
            return None;
        }
    }
    Some(PartialDate { year, month, day })
}

/// True when `s` is a party count's `as_of` as the source gives it: a date ([`parse_date`]),
/// an approximate year or date (`c. 2023`), or a range of years with an en dash (`2024–2025`,
/// `c. 2019–2024`), the first year before the second.
pub fn is_as_of(s: &str) -> bool {
    let exact = s.strip_prefix("c. ").unwrap_or(s);
    match exact.split_once('–') {
        None => parse_date(exact).is_some(),
        Some((from, to)) => {
            let year = |y: &str| (y.len() == 4).then(|| parse_date(y)).flatten();
            matches!((year(from), year(to)), (Some(a), Some(b)) if a.year < b.year)
        }
    }
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn report(&mut self, file: &str, id: &str, message: impl Into<String>) {
        let id = if id.is_empty() { "-" } else { id };
        self.problems.push(Problem {
            file: file.to_string(),
            id: id.to_string(),
            message: message.into(),
        });
    }
    fn required(&mut self, file: &str, id: &str, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.report(file, id, format!("required field `{field}` is empty"));
        }
    }
    fn summary(&mut self, file: &str, id: &str, field: &str, value: &str) {
        self.required(file, id, field, value);
        let n = words(value);
        if n > SUMMARY_MAX_WORDS {
            self.report(
                file,
                id,
                format!("`{field}` has {n} words; the limit is {SUMMARY_MAX_WORDS}"),
            );
        }
    }
    fn sources(&mut self, file: &str, id: &str, sources: &[String]) {
        if sources.iter().all(|s| s.trim().is_empty()) {
            self.report(
                file,
                id,
                "record has no source: add at least one to `sources`",
            );
        }
    }
    fn urls(&mut self, file: &str, id: &str, field: &str, urls: &[String]) {
        for u in urls {
            if !(u.starts_with("https://") || u.starts_with("http://")) {
                self.report(
                    file,
                    id,
                    format!("`{field}` holds `{u}`, which is not an http(s) URL"),
                );
            }
        }
    }
    fn date(&mut self, file: &str, id: &str, field: &str, value: &str) -> Option<PartialDate> {
        let d = parse_date(value);
        if d.is_none() {
            self.report(
                file,
                id,
                format!("`{field}` = `{value}` is not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)"),
            );
        }
        d
    }
}

/// What a record refers to, for the reference checks.
#[derive(Default)]
struct Known {
    types: HashSet<String>,
    themes: HashSet<String>,
    instruments: HashSet<String>,
    categories: HashSet<String>,
    objectives: HashSet<u8>,
    chapters: HashSet<u8>,
    numerals: HashSet<String>,
}

/// Validates the data files (`(path, contents)` pairs) and returns the merged corpus, with
/// resources in seed order, or every problem found.
pub fn validate(files: &[(String, Corpus)]) -> Result<Corpus, Vec<Problem>> {
    let mut ck = Checker {
        problems: Vec::new(),
    };
    let mut known = Known::default();
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut merged = Corpus::default();
    let mut meta_file: Option<String> = None;

    // Pass 1: collect ids and vocabularies, and merge.
    for (file, c) in files {
        let mut claim = |ck: &mut Checker, id: &str| {
            if !is_slug(id) {
                ck.report(
                    file,
                    id,
                    "id must be a lowercase slug of a-z, 0-9 and single inner hyphens",
                );
            }
            if let Some(first) = ids.insert(id.to_string(), file.clone()) {
                ck.report(file, id, format!("duplicate id (first defined in {first})"));
            }
        };
        if let Some(m) = &c.meta {
            if let Some(first) = &meta_file {
                ck.report(
                    file,
                    "meta",
                    format!("[meta] is set twice (also in {first})"),
                );
            }
            meta_file = Some(file.clone());
            if parse_date(&m.corpus_date).is_none_or(|d| d.day == 0) {
                ck.report(
                    file,
                    "meta",
                    format!("`corpus_date` = `{}` must be YYYY-MM-DD", m.corpus_date),
                );
            }
            ck.required(file, "meta", "edition", &m.edition);
            merged.meta = Some(m.clone());
        }
        for (vocab, set, list, out) in [
            ("type", &mut known.types, &c.types, &mut merged.types),
            ("theme", &mut known.themes, &c.themes, &mut merged.themes),
        ] {
            for t in list {
                if !is_slug(&t.id) {
                    ck.report(file, &t.id, format!("{vocab} id must be a lowercase slug"));
                }
                if !set.insert(t.id.clone()) {
                    ck.report(file, &t.id, format!("duplicate {vocab} id"));
                }
                ck.required(file, &t.id, "label", &t.label);
                out.push(t.clone());
            }
        }
        for r in &c.resources {
            claim(&mut ck, &r.id);
        }
        for i in &c.instruments {
            claim(&mut ck, &i.id);
            known.instruments.insert(i.id.clone());
        }
        if let Some(m) = &c.convention {
            claim(&mut ck, &m.id);
            if merged.convention.is_some() {
                ck.report(file, &m.id, "[convention] is set twice");
            }
            merged.convention = Some(m.clone());
        }
        for ch in &c.chapters {
            claim(&mut ck, &ch.id);
            if !known.chapters.insert(ch.number) {
                ck.report(
                    file,
                    &ch.id,
                    format!("chapter number {} is used twice", ch.number),
                );
            }
            known.numerals.insert(ch.numeral.clone());
        }
        for a in &c.articles {
            claim(&mut ck, &a.id);
        }
        for cat in &c.categories {
            claim(&mut ck, &cat.id);
            known.categories.insert(cat.id.clone());
        }
        for r in &c.rights {
            claim(&mut ck, &r.id);
        }
        for o in &c.objectives {
            claim(&mut ck, &crate::corpus_docs::objective_id(o.number));
            known.objectives.insert(o.number);
        }
        for p in &c.principles {
            claim(&mut ck, &p.id);
        }
        merged.resources.extend(c.resources.iter().cloned());
        merged.instruments.extend(c.instruments.iter().cloned());
        merged.chapters.extend(c.chapters.iter().cloned());
        merged.articles.extend(c.articles.iter().cloned());
        merged.categories.extend(c.categories.iter().cloned());
        merged.rights.extend(c.rights.iter().cloned());
        merged.objectives.extend(c.objectives.iter().cloned());
        merged.principles.extend(c.principles.iter().cloned());
    }
    if meta_file.is_none() {
        ck.report(
            "corpus",
            "meta",
            "no data file sets [meta] (corpus_date, edition)",
        );
    }

    // Pass 2: each record's own fields and its references.
    let objectives_loaded = !known.objectives.is_empty();
    let check_objectives = |ck: &mut Checker, file: &str, id: &str, objs: &[u8]| {
        for &n in objs {
            if !(1..=GCM_OBJECTIVES).contains(&n) {
                ck.report(
                    file,
                    id,
                    format!("GCM objective {n} is outside 1–{GCM_OBJECTIVES}"),
                );
            } else if objectives_loaded && !known.objectives.contains(&n) {
                ck.report(
                    file,
                    id,
                    format!("GCM objective {n} has no [[objective]] record"),
                );
            }
        }
    };
    let check_refs = |ck: &mut Checker,
                      file: &str,
                      id: &str,
                      what: &str,
                      set: &HashSet<String>,
                      refs: &[String]| {
        for r in refs {
            if !set.contains(r) {
                ck.report(file, id, format!("unknown {what} `{r}`"));
            }
        }
    };
    // A record's type, themes and categories must name known vocabulary terms.
    let check_classification = |ck: &mut Checker,
                                file: &str,
                                id: &str,
                                kind_of: &String,
                                themes: &[String],
                                categories: &[String]| {
        let types = std::slice::from_ref(kind_of);
        check_refs(ck, file, id, "type", &known.types, types);
        check_refs(ck, file, id, "theme", &known.themes, themes);
        check_refs(ck, file, id, "category", &known.categories, categories);
    };
    let mut seeds: HashMap<u16, String> = HashMap::new();
    for (file, c) in files {
        for r in &c.resources {
            let id = r.id.as_str();
            if let Some(other) = seeds.insert(r.seed, r.id.clone()) {
                ck.report(
                    file,
                    id,
                    format!("seed position {} is also used by {other}", r.seed),
                );
            }
            if r.seed == 0 {
                ck.report(file, id, "seed positions start at 1");
            }
            ck.required(file, id, "title", &r.title);
            ck.required(file, id, "publisher", &r.publisher);
            ck.summary(file, id, "summary", &r.summary);
            ck.sources(file, id, &r.sources);
            ck.urls(file, id, "urls", &r.urls);
            // An item not located has no link of its own: none rather than a guess.
            if r.urls.is_empty() && r.confidence == Confidence::High {
                ck.report(
                    file,
                    id,
                    "required field `urls` is empty (only an item not located, with confidence below high, may have none)",
                );
            }
            if let Some(y) = r.year.filter(|y| !(1000..=2100).contains(y)) {
                ck.report(file, id, format!("year {y} is impossible"));
            }
            check_classification(&mut ck, file, id, &r.kind_of, &r.themes, &r.categories);
            if let Some(i) = &r.instrument {
                check_refs(
                    &mut ck,
                    file,
                    id,
                    "instrument",
                    &known.instruments,
                    std::slice::from_ref(i),
                );
            }
            check_objectives(&mut ck, file, id, &r.gcm_objectives);
            if r.confidence != Confidence::High
                && r.confidence_note
                    .as_deref()
                    .is_none_or(|n| n.trim().is_empty())
            {
                ck.report(
                    file,
                    id,
                    format!(
                        "confidence is {}: say what is uncertain in `confidence_note`",
                        r.confidence.as_str()
                    ),
                );
            }
        }
        for i in &c.instruments {
            let id = i.id.as_str();
            ck.required(file, id, "short_name", &i.short_name);
            ck.required(file, id, "title", &i.title);
            ck.required(file, id, "body", &i.body);
            ck.required(file, id, "publisher", &i.publisher);
            ck.required(file, id, "url", &i.url);
            ck.urls(file, id, "url", std::slice::from_ref(&i.url));
            ck.summary(file, id, "summary", &i.summary);
            ck.sources(file, id, &i.sources);
            if i.scope != "global" && i.scope != "regional" {
                ck.report(
                    file,
                    id,
                    format!("scope `{}` must be `global` or `regional`", i.scope),
                );
            }
            if i.scope == "regional" && i.region.as_deref().is_none_or(|r| r.trim().is_empty()) {
                ck.report(file, id, "a regional instrument needs `region`");
            }
            let adopted = ck.date(file, id, "adopted", &i.adopted);
            if let Some(f) = &i.in_force {
                let in_force = ck.date(file, id, "in_force", f);
                if let (Some(a), Some(f)) = (adopted, in_force)
                    && f < a
                {
                    ck.report(
                        file,
                        id,
                        format!(
                            "entry into force {} is before adoption {}",
                            i.in_force.as_deref().unwrap_or(""),
                            i.adopted
                        ),
                    );
                }
            }
            check_classification(&mut ck, file, id, &i.kind_of, &i.themes, &i.categories);
            check_objectives(&mut ck, file, id, &i.gcm_objectives);
            if let Some(p) = &i.parties {
                ck.required(file, id, "parties.source", &p.source);
                match (&p.count, &p.as_of) {
                    // An undated source: the count may stand without a date, unverified and
                    // with a note saying so.
                    (Some(_), None) if p.verified || p.note.is_none() => ck.report(
                        file,
                        id,
                        "a party count needs `as_of` (or, when its source is undated, \
                         `verified = false` and a `note` saying so)",
                    ),
                    (_, Some(d)) if !is_as_of(d) => ck.report(
                        file,
                        id,
                        format!(
                            "`parties.as_of` = `{d}` is not a date (YYYY, YYYY-MM or \
                             YYYY-MM-DD), an approximate one (`c. 2023`) or a range of years \
                             (`2024–2025`, `c. 2019–2024`)"
                        ),
                    ),
                    _ => {}
                }
                if p.count.is_none() && p.verified {
                    ck.report(
                        file,
                        id,
                        "parties are marked verified but there is no count",
                    );
                }
            }
            for a in &i.articles {
                ck.required(file, id, "articles.article", &a.article);
                ck.required(file, id, "articles.label", &a.label);
            }
        }
        if let Some(m) = &c.convention {
            let id = m.id.as_str();
            ck.required(file, id, "title", &m.title);
            ck.summary(file, id, "summary", &m.summary);
            ck.required(file, id, "drafted_by", &m.drafted_by);
            ck.required(file, id, "publication", &m.publication);
            ck.sources(file, id, &m.sources);
            ck.urls(file, id, "urls", &m.urls);
        }
        let chapter_count = merged
            .convention
            .as_ref()
            .map_or(u8::MAX, |m| m.chapter_count);
        for ch in &c.chapters {
            let id = ch.id.as_str();
            if ch.number == 0 || ch.number > chapter_count {
                ck.report(
                    file,
                    id,
                    format!("chapter number {} is outside 1–{chapter_count}", ch.number),
                );
            }
            ck.required(file, id, "title", &ch.title);
            ck.required(file, id, "numeral", &ch.numeral);
            ck.summary(file, id, "summary", &ch.summary);
            ck.sources(file, id, &ch.sources);
            check_refs(
                &mut ck,
                file,
                id,
                "category",
                &known.categories,
                &ch.categories,
            );
            if !ch.title_certain
                && ch
                    .certainty_note
                    .as_deref()
                    .is_none_or(|n| n.trim().is_empty())
            {
                ck.report(file, id, "an uncertain title needs `certainty_note`");
            }
        }
        for a in &c.articles {
            let id = a.id.as_str();
            if a.number == 0 || a.number > MIMC_ARTICLES {
                ck.report(
                    file,
                    id,
                    format!(
                        "MIMC article number {} is outside 1–{MIMC_ARTICLES}",
                        a.number
                    ),
                );
            }
            if !known.chapters.contains(&a.chapter) {
                ck.report(file, id, format!("unknown chapter {}", a.chapter));
            }
            ck.required(file, id, "heading", &a.heading);
            ck.summary(file, id, "summary", &a.summary);
            ck.sources(file, id, &a.sources);
        }
        for cat in &c.categories {
            let id = cat.id.as_str();
            ck.required(file, id, "label", &cat.label);
            ck.summary(file, id, "definition", &cat.definition);
            search_terms(&mut ck, file, id, &cat.search_terms);
            if cat.definition_source.trim().is_empty() {
                ck.report(
                    file,
                    id,
                    "record has no source: `definition_source` is empty",
                );
            }
            check_refs(
                &mut ck,
                file,
                id,
                "category",
                &known.categories,
                &cat.inherits,
            );
            if cat.inherits.iter().any(|p| p == &cat.id) {
                ck.report(file, id, "a category cannot inherit from itself");
            }
            if let Some(ch) = &cat.mimc_chapter {
                if !known.numerals.is_empty() && !known.numerals.contains(ch) {
                    ck.report(file, id, format!("unknown MIMC chapter `{ch}`"));
                }
            } else if cat.mimc_chapter_certain {
                ck.report(
                    file,
                    id,
                    "mimc_chapter_certain is true but no mimc_chapter is given",
                );
            }
        }
        for r in &c.rights {
            let id = r.id.as_str();
            ck.required(file, id, "name", &r.name);
            ck.summary(file, id, "description", &r.description);
            if r.holders.is_empty() {
                ck.report(file, id, "a right needs at least one holder");
            }
            check_refs(&mut ck, file, id, "category", &known.categories, &r.holders);
            if r.anchors.is_empty() {
                ck.report(
                    file,
                    id,
                    "record has no source: a right needs at least one anchor",
                );
            }
            for a in &r.anchors {
                check_refs(
                    &mut ck,
                    file,
                    id,
                    "instrument",
                    &known.instruments,
                    std::slice::from_ref(&a.instrument),
                );
                ck.required(file, id, "anchors.article", &a.article);
            }
        }
        for o in &c.objectives {
            let id = crate::corpus_docs::objective_id(o.number);
            if !(1..=GCM_OBJECTIVES).contains(&o.number) {
                ck.report(
                    file,
                    &id,
                    format!("GCM objective {} is outside 1–{GCM_OBJECTIVES}", o.number),
                );
            }
            ck.required(file, &id, "label", &o.label);
            ck.required(file, &id, "short_label", &o.short_label);
            if o.source.trim().is_empty() {
                ck.report(file, &id, "record has no source: `source` is empty");
            }
        }
        for p in &c.principles {
            ck.required(file, &p.id, "label", &p.label);
            ck.summary(file, &p.id, "description", &p.description);
            if p.source.trim().is_empty() {
                ck.report(file, &p.id, "record has no source: `source` is empty");
            }
        }
    }

    // Pass 3: the inheritance graph must be acyclic.
    let parents: HashMap<&str, &[String]> = merged
        .categories
        .iter()
        .map(|c| (c.id.as_str(), c.inherits.as_slice()))
        .collect();
    for cat in &merged.categories {
        let mut stack: Vec<(&str, Vec<&str>)> = vec![(cat.id.as_str(), vec![cat.id.as_str()])];
        let mut seen = HashSet::new();
        while let Some((node, path)) = stack.pop() {
            for p in parents.get(node).copied().unwrap_or_default() {
                if p == &cat.id {
                    let file = files
                        .iter()
                        .find(|(_, c)| c.categories.iter().any(|x| x.id == cat.id))
                        .map_or("corpus", |(f, _)| f.as_str());
                    let mut cycle = path.clone();
                    cycle.push(p);
                    ck.report(
                        file,
                        &cat.id,
                        format!("inheritance cycle: {}", cycle.join(" → ")),
                    );
                } else if seen.insert(p.as_str()) {
                    let mut next = path.clone();
                    next.push(p);
                    stack.push((p, next));
                }
            }
        }
    }

    // Pass 4: rules of the rights lookup.
    rights_rules(&mut ck, files, &merged);

    if ck.problems.is_empty() {
        merged.resources.sort_by_key(|r| r.seed);
        merged.objectives.sort_by_key(|o| o.number);
        merged.chapters.sort_by_key(|c| c.number);
        merged.articles.sort_by_key(|a| a.number);
        Ok(merged)
    } else {
        Err(ck.problems)
    }
}

/// Rules the rights lookup relies on, beyond references and cycles: no category, holder or
/// anchor listed twice (a duplicate is a copy-paste slip that would show a right or a source
/// twice), and no MIMC article number in any text of a category, right, chapter or the
/// convention unless an `[[article]]` record with that number exists (the article text is not
/// available, so such a number would be invented).
fn rights_rules(ck: &mut Checker, files: &[(String, Corpus)], merged: &Corpus) {
    let articles: HashSet<u16> = merged.articles.iter().map(|a| a.number).collect();
    let mimc_numbers = |ck: &mut Checker, file: &str, id: &str, field: &str, text: &str| {
        for n in mimc_article_numbers(text) {
            if !articles.contains(&n) {
                ck.report(
                    file,
                    id,
                    format!(
                        "`{field}` cites MIMC article {n}, but no [[article]] record with a source carries it"
                    ),
                );
            }
        }
    };
    for (file, c) in files {
        for cat in &c.categories {
            let id = cat.id.as_str();
            if let Some(p) = first_repeat(&cat.inherits) {
                ck.report(file, id, format!("`inherits` lists `{p}` twice"));
            }
            if cat.inherits_established && !cat.inherits_assumed.is_empty() {
                ck.report(
                    file,
                    id,
                    "`inherits_assumed` lists links while `inherits_established = true`; set it to false or empty the list",
                );
            }
            if let Some(p) = first_repeat(&cat.inherits_assumed) {
                ck.report(file, id, format!("`inherits_assumed` lists `{p}` twice"));
            }
            for p in cat
                .inherits_assumed
                .iter()
                .filter(|p| !cat.inherits.contains(p))
            {
                ck.report(
                    file,
                    id,
                    format!("`inherits_assumed` lists `{p}`, which is not in `inherits`"),
                );
            }
            for (field, text) in [
                ("label", cat.label.as_str()),
                ("definition", &cat.definition),
                ("definition_source", &cat.definition_source),
                ("inherits_note", cat.inherits_note.as_deref().unwrap_or("")),
            ] {
                mimc_numbers(ck, file, id, field, text);
            }
        }
        for r in &c.rights {
            let id = r.id.as_str();
            if let Some(h) = first_repeat(&r.holders) {
                ck.report(file, id, format!("`holders` lists `{h}` twice"));
            }
            search_terms(ck, file, id, &r.search_terms);
            let anchors: Vec<(&str, &str)> = r
                .anchors
                .iter()
                .map(|a| (a.instrument.as_str(), a.article.as_str()))
                .collect();
            if let Some((i, a)) = first_repeat(&anchors) {
                ck.report(file, id, format!("anchor `{i}` art. {a} is listed twice"));
            }
            for (field, text) in [
                ("name", r.name.as_str()),
                ("description", &r.description),
                ("note", r.note.as_deref().unwrap_or("")),
            ] {
                mimc_numbers(ck, file, id, field, text);
            }
        }
        for ch in &c.chapters {
            for (field, text) in [
                ("title", ch.title.as_str()),
                ("summary", &ch.summary),
                ("certainty_note", ch.certainty_note.as_deref().unwrap_or("")),
            ] {
                mimc_numbers(ck, file, &ch.id, field, text);
            }
        }
        if let Some(m) = &c.convention {
            for (field, text) in [
                ("summary", m.summary.as_str()),
                ("version_note", m.version_note.as_deref().unwrap_or("")),
            ] {
                mimc_numbers(ck, file, &m.id, field, text);
            }
        }
    }
}

/// The first value that occurs twice in `items`.
/// Checks a record's `search_terms` (see [`crate::schema::Right::search_terms`]): at most
/// [`crate::schema::MAX_SEARCH_TERMS`], each 1 to [`crate::schema::SEARCH_TERM_MAX_CHARS`]
/// characters without surrounding spaces, none twice whatever its case.
fn search_terms(ck: &mut Checker, file: &str, id: &str, terms: &[String]) {
    if terms.len() > crate::schema::MAX_SEARCH_TERMS {
        ck.report(
            file,
            id,
            format!(
                "`search_terms` has {} entries; the limit is {}",
                terms.len(),
                crate::schema::MAX_SEARCH_TERMS
            ),
        );
    }
    for t in terms {
        let n = t.chars().count();
        if t.trim().is_empty() || t.trim() != t || n > crate::schema::SEARCH_TERM_MAX_CHARS {
            ck.report(
                file,
                id,
                format!(
                    "`search_terms` entry {t:?} must be 1 to {} characters without \
                     surrounding spaces",
                    crate::schema::SEARCH_TERM_MAX_CHARS
                ),
            );
        }
    }
    let folded: Vec<String> = terms.iter().map(|t| t.to_lowercase()).collect();
    if let Some(t) = first_repeat(&folded) {
        ck.report(file, id, format!("`search_terms` lists {t:?} twice"));
    }
}

fn first_repeat<T: Eq + std::hash::Hash + Clone>(items: &[T]) -> Option<T> {
    let mut seen = HashSet::new();
    items.iter().find(|x| !seen.insert(*x)).cloned()
}

/// MIMC article numbers cited in `text`: "MIMC art. 12", "MIMC, Article 12", "article 12 of
/// the MIMC", "art. 12 MIMC". Only a number next to both "MIMC" and "art"/"article" counts, so
/// "its MIMC article number is unknown" or "213 articles" do not.
pub fn mimc_article_numbers(text: &str) -> Vec<u16> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let is_article = |w: &str| matches!(w, "art" | "arts" | "article" | "articles");
    let number = |i: usize| -> Option<u16> {
        let w = words.get(i)?;
        w.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| w.parse().ok())
            .flatten()
    };
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !is_article(w) {
            continue;
        }
        let Some(n) = number(i + 1) else {
            continue;
        };
        // "MIMC art. 12", "MIMC's article 12" before; "art. 12 MIMC", "article 12 of the MIMC"
        // after. Nothing looser: "art. 1). The MIMC ..." is another sentence.
        let word = |k: usize| words.get(k).map(String::as_str);
        let before = word(i.wrapping_sub(1)) == Some("mimc")
            || (word(i.wrapping_sub(1)) == Some("s") && word(i.wrapping_sub(2)) == Some("mimc"));
        let after = matches!(
            (word(i + 2), word(i + 3), word(i + 4)),
            (Some("mimc"), _, _)
                | (Some("of"), Some("mimc"), _)
                | (Some("of"), Some("the"), Some("mimc"))
        );
        if (before || after) && !out.contains(&n) {
            out.push(n);
        }
    }
    out
}
