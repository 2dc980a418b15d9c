//! "Jump to": titles, short names and aliases matched as abbreviations ("vccr", "1951 conv",
//! "stls conv") by [`crate::jump::jump_score`] (fuzzy-matcher), after a cheap structural test.
//! Used as a fallback when no document matches every word, and to raise the best results
//! whose name is the query or abbreviates it.

use super::filters::{Compiled, Status};
use super::matching::{Optional, Plan};
use super::query::Group;
use super::rank::Scored;
use super::{Index, JUMP_BLEND_TOP, text};

/// Most titles scored by the jump matcher per query.
const JUMP_MAX_EVALS: usize = 200;
/// Score factor of a result whose title or short name is the query.
const NAME_MATCH: f32 = 3.0;
/// Variants of each query word tried when looking for the name a query makes (see
/// [`Index::name_boost`]).
const NAME_VARIANTS_PER_WORD: usize = 4;
/// Most names looked up for one query (each a hash and a binary search); a query with more
/// combinations of variants is looked up as typed only.
const NAME_MAX_COMBINATIONS: usize = 64;
/// Most documents raised for naming the query with its last word completed: more, and the
/// word typed so far does not tell them apart.
const NAME_PREFIX_MAX: usize = 8;
/// Most names that may start with a query whose last word is completed (see
/// [`Index::named_by_prefix`]).
const NAME_PREFIX_SCAN: usize = 64;
/// Fewest characters of the word being typed for [`Index::named_by_prefix`].
const NAME_PREFIX_MIN_CHARS: usize = 3;

/// A title or short name of a document, folded, with letter sets for quick rejection (its
/// document is where [`Index`]'s offsets put it).
#[derive(Debug, Clone)]
pub(super) struct JumpText {
    /// Letters and digits of `text` (see `char_mask`), and those starting its words.
    pub(super) mask: u64,
    pub(super) starts: u64,
    pub(super) text: String,
}

/// A folded string's letters and digits as a bit set (a–z, 0–9, and one bit for the rest).
pub(super) fn char_mask(s: &str) -> u64 {
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
pub(super) fn word_starts_mask(s: &str) -> u64 {
    s.split(' ')
        .filter_map(|w| w.get(..w.chars().next()?.len_utf8()))
        .fold(0, |m, first| m | char_mask(first))
}

/// The upper half of the hash of a folded name, in the upper half of a key of
/// [`Index`]'s `jump_keys` (whose lower half is the name's number).
pub(super) fn name_key(text: &str) -> u64 {
    super::index::hash_bytes(text.as_bytes()) & !u64::from(u32::MAX)
}

/// The folded words of `s`, separated by single spaces.
pub(super) fn fold_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut buf = String::new();
    text::tokenize(s, &mut buf, |t, _| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(t);
        true
    });
    out
}

/// The query words `groups` whose `plans` (one per group; none when they differ in number)
/// match something, folded and one space apart, when the last of them is the word being
/// typed with completions: a name being typed ("refugee conv"). None otherwise, and when a
/// group is a phrase.
pub(super) fn typed_words(groups: &[Group], plans: &[Plan]) -> Option<String> {
    if groups.len() != plans.len() {
        return None;
    }
    let mut out = String::new();
    let mut last_typed = false;
    for (g, p) in groups.iter().zip(plans) {
        if matches!(p, Plan::Never) {
            continue;
        }
        let Group::Term { text, prefix } = g else {
            return None;
        };
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(text);
        last_typed = *prefix
            && matches!(
                p,
                Plan::Term {
                    prefix: Some(_),
                    ..
                }
            );
    }
    last_typed.then_some(out)
}

impl Index {
    /// The title and short names of document `d`, folded.
    fn jump_texts(&self, d: u32) -> &[JumpText] {
        let (a, b) = (self.jump_off[d as usize], self.jump_off[d as usize + 1]);
        &self.jump[a as usize..b as usize]
    }

    /// Jump scores of the titles and short names that the query abbreviates well enough, per
    /// document (its best name), in document order; of the documents `only` lists (sorted) when
    /// given, whose names alone are then read. `q` is the query's [`fold_words`]; `one_word`:
    /// letters of one word count as an abbreviation of it (see [`abbreviates`]).
    pub(super) fn jump_scores(
        &self,
        q: &str,
        only: Option<&[u32]>,
        one_word: bool,
    ) -> Vec<(u32, i64)> {
        if q.is_empty() {
            return Vec::new();
        }
        let qmask = char_mask(q);
        let qstarts = word_starts_mask(q);
        let words: Vec<Vec<char>> = q.split(' ').map(|w| w.chars().take(63).collect()).collect();
        let min = jump_threshold(q);
        let mut out: Vec<(u32, i64)> = Vec::new();
        let mut evals = 0;
        let mut score = |d: u32, j: &JumpText| -> bool {
            if j.mask & qmask != qmask
                || j.starts & qstarts != qstarts
                || !words.iter().all(|w| abbreviates(&j.text, w, one_word))
            {
                return true;
            }
            evals += 1;
            if evals > JUMP_MAX_EVALS {
                return false;
            }
            if let Some(s) = crate::jump::jump_score(&j.text, q)
                && s >= min
            {
                match out.last_mut() {
                    Some(last) if last.0 == d => last.1 = last.1.max(s),
                    _ => out.push((d, s)),
                }
            }
            true
        };
        let every = 0..self.len() as u32;
        let docs: &mut dyn Iterator<Item = u32> = match only {
            None => &mut every.into_iter(),
            Some(docs) => &mut docs.iter().copied(),
        };
        'docs: for d in docs {
            for j in self.jump_texts(d) {
                if !score(d, j) {
                    break 'docs;
                }
            }
        }
        out
    }

    /// Matches by "jump to" alone (`q`: the query's [`fold_words`]), when nothing else did.
    /// Without `fuzzy`, only starts of words abbreviate ("vccr"): letters of one word in order
    /// ("statelss") would be a typo match.
    pub(super) fn jump_fallback(
        &self,
        q: &str,
        fuzzy: bool,
        exclude: &[Plan],
        filters: &Compiled,
        matches: &mut Vec<Scored>,
        facet_docs: &mut Vec<u32>,
    ) {
        for (d, s) in self.jump_scores(q, None, fuzzy) {
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

    /// The documents whose title or a short name, folded, is `q` (a query's [`fold_words`]),
    /// ascending.
    pub(super) fn named(&self, q: &str) -> Vec<u32> {
        // One integer search: a query may look up dozens of names (see `named_by_variants`).
        let key = name_key(q);
        let keys = &self.jump_keys;
        let from = keys.partition_point(|&k| k < key);
        self.docs_of(
            keys[from..]
                .iter()
                .take_while(|&&k| k & !u64::from(u32::MAX) == key)
                .map(|&k| k as u32)
                .filter(|&j| self.jump_text(j) == q),
        )
    }

    /// The documents whose title or a short name, folded, is `q` with its last word
    /// completed ("refugee conv" → "Refugee Convention", "vcc" → "VCCR"), ascending. None
    /// when the last word has fewer than [`NAME_PREFIX_MIN_CHARS`] characters, or when more
    /// than [`NAME_PREFIX_MAX`] documents are named so or more than [`NAME_PREFIX_SCAN`]
    /// names start with `q`: the word typed so far does not tell them apart.
    pub(super) fn named_by_prefix(&self, q: &str) -> Vec<u32> {
        // A letter or two say too little of the name being typed ("s": SOLAS or Sendai?).
        let typed = q.rsplit(' ').next().unwrap_or("");
        if typed.chars().nth(NAME_PREFIX_MIN_CHARS - 1).is_none() {
            return Vec::new();
        }
        let names = self.names_from(q);
        let n = names
            .iter()
            .take(NAME_PREFIX_SCAN + 1)
            .take_while(|&&j| self.jump_text(j).starts_with(q))
            .count();
        if n > NAME_PREFIX_SCAN {
            return Vec::new();
        }
        let docs = self.docs_of(
            names[..n]
                .iter()
                .copied()
                .filter(|&j| !self.jump_text(j)[q.len()..].contains(' ')),
        );
        if docs.len() > NAME_PREFIX_MAX {
            return Vec::new();
        }
        docs
    }

    /// The folded text of name `j` of [`Index`]'s `jump`.
    fn jump_text(&self, j: u32) -> &str {
        &self.jump[j as usize].text
    }

    /// The names from `q` on, in name order.
    fn names_from(&self, q: &str) -> &[u32] {
        let from = self.jump_order.partition_point(|&j| self.jump_text(j) < q);
        &self.jump_order[from..]
    }

    /// The documents holding the names `names`, ascending.
    fn docs_of(&self, names: impl Iterator<Item = u32>) -> Vec<u32> {
        let mut docs: Vec<u32> = names
            .map(|j| (self.jump_off.partition_point(|&o| o <= j) - 1) as u32)
            .collect();
        docs.sort_unstable();
        docs.dedup();
        docs
    }

    /// Triples the score of the matches whose title or a short name is the query ("vccr",
    /// "iccpr", "CoE Anti-Trafficking Convention"), so that they rank first among the
    /// records matching as many words; when none is, of those whose name the query's words
    /// make with another form, alias or (for a word the index lacks) typo candidate of each
    /// word in place of the word ("refugees" for "Refugee", "iccrp" for "ICCPR", "refugee
    /// convnetion" for "Refugee Convention"); when none is either, of those whose name is the
    /// query with the word being typed completed ("refugee conv"), also without the little
    /// words of a question ("what is the icrm"). `q` is the query's [`fold_words`], `plans`
    /// its words' plans, `content` those of its [`super::matching::content_words`] and
    /// `content_groups` their words (empty when the plans are not the words one by one).
    /// Returns whether some document was named so.
    pub(super) fn name_boost(
        &self,
        q: &str,
        plans: &[Plan],
        content: &[Plan],
        content_groups: &[Group],
        matches: &mut [Scored],
    ) -> bool {
        let mut named = self.named(q);
        if named.is_empty() {
            named = self.named_by_variants(q, plans, true);
        }
        // "what is the gcm", "the crc": the name may be what is left without the little
        // words around it.
        if named.is_empty() && content.len() < plans.len() {
            named = self.named_by_variants(q, content, false);
        }
        // "refugee conv", "vcc": the name being typed.
        if named.is_empty()
            && matches!(
                plans.last(),
                Some(
                    Plan::Term {
                        prefix: Some(_),
                        ..
                    } | Plan::Phrase { tail: Some(_), .. }
                )
            )
        {
            named = self.named_by_prefix(q);
            // "what is the icrm": the name being typed after little words.
            if named.is_empty()
                && content.len() < plans.len()
                && let Some(typed) = typed_words(content_groups, content)
            {
                named = self.named_by_prefix(&typed);
            }
        }
        raise_named(&named, matches);
        !named.is_empty()
    }

    /// When no record is named by the query as written ([`Index::name_boost`]): raises among
    /// `top` (the best results) the records that one of their names makes with the query's
    /// words in any order, the other words of the query being words of their title or names.
    /// "1930 forced labour convention" names the Forced Labour Convention, 1930 (alias "Forced
    /// Labour Convention", title word "1930"), not the Protocol of 2014 to it, whose title
    /// holds the same words and more; "rights child convention" names the Convention on the
    /// Rights of the Child; "refugee rights" the category Refugee (soft words need not be
    /// words of the names). Little words count on neither side; a query of phrases or of fewer
    /// than two other words names nothing so.
    pub(super) fn name_boost_any_order(&self, plans: &[Plan], top: &mut [Scored]) {
        let words: Vec<WordTerms> = plans
            .iter()
            .filter(|p| !p.is_little())
            .map_while(WordTerms::of)
            .collect();
        if words.len() < 2 || words.len() < plans.iter().filter(|p| !p.is_little()).count() {
            return;
        }
        // The words every name of a record must hold between them: not the soft words, which
        // say what kind of record is wanted ("refugee rights" names the category Refugee).
        let needed: Vec<&WordTerms> = plans
            .iter()
            .filter(|p| !p.is_little())
            .zip(&words)
            .filter(|(p, _)| !p.is_soft())
            .map(|(_, w)| w)
            .collect();
        let in_query = |t: u32| words.iter().any(|w| w.has(t));
        let names = self.name_terms();
        for m in top {
            let (a, b) = (
                self.jump_off[m.doc as usize],
                self.jump_off[m.doc as usize + 1],
            );
            let all = names.of_range(a, b);
            if (a..b).any(|j| {
                let t = names.of(j);
                !t.is_empty() && t.iter().all(|&t| in_query(t))
            }) && needed.iter().all(|w| all.iter().any(|&t| w.has(t)))
            {
                m.score *= NAME_MATCH;
            }
        }
    }

    /// [`Index::name_boost`] for the words of `plans` alone, without the query's text
    /// ("teh refugee convention" without the word that matches nothing). `typed`: those
    /// words folded, one space apart, when the last is being typed, for a name being typed
    /// ("teh refugee conventi"); empty otherwise.
    pub(super) fn name_boost_words(&self, plans: &[Plan], typed: &str, matches: &mut [Scored]) {
        let mut named = self.named_by_variants("", plans, false);
        if named.is_empty() && !typed.is_empty() {
            named = self.named_by_prefix(typed);
        }
        raise_named(&named, matches);
    }

    /// The documents named by the words of `plans` with each word replaced by one of its
    /// variants (see [`Index::name_boost`]), a phrase standing for its words, ascending; none
    /// when a word matches nothing or the combinations are too many. `as_typed_done`: the
    /// words as typed are the query `q`, already looked up.
    fn named_by_variants(&self, q: &str, plans: &[Plan], as_typed_done: bool) -> Vec<u32> {
        /// Marks a piece that is a phrase (its number in `phrases`) rather than a term.
        const PHRASE: u32 = 1 << 31;
        // Each word's pieces: term ids, the word's own first, then its variants nearest first
        // (so that the cap keeps the likeliest).
        let mut per_word: Vec<Vec<u32>> = Vec::with_capacity(plans.len());
        let mut phrases: Vec<&[u32]> = Vec::new();
        let mut combos = 1usize;
        let mut varied = false;
        for p in plans {
            let (exact, typos) = match p {
                Plan::Term { exact, typos, .. } => (exact, typos),
                // A phrase is its words (a run-together word split: "humanrights"); one
                // being typed names what its words complete ([`Index::named_by_prefix`]).
                Plan::Phrase { tail: Some(_), .. } => return Vec::new(),
                Plan::Phrase { ids, .. } => {
                    per_word.push(vec![PHRASE | phrases.len() as u32]);
                    phrases.push(ids);
                    continue;
                }
                Plan::Never => return Vec::new(),
            };
            let mut words: Vec<u32> = exact.iter().map(|&(t, _)| t).collect();
            let max_dist = if exact.is_some() { 0 } else { 2 };
            for dist in 0..=max_dist {
                for &(t, d, _) in typos {
                    if d == dist && words.len() < NAME_VARIANTS_PER_WORD {
                        words.push(t);
                    }
                }
            }
            combos = combos.saturating_mul(words.len());
            if combos == 0 || combos > NAME_MAX_COMBINATIONS {
                return Vec::new();
            }
            varied |= words.len() > 1 || exact.is_none();
            per_word.push(words);
        }
        // Every word as typed: the query itself, looked up already.
        if as_typed_done && !varied && phrases.is_empty() {
            return Vec::new();
        }
        let mut named = Vec::new();
        let mut pick = vec![0usize; per_word.len()];
        let mut name = String::new();
        loop {
            name.clear();
            for (i, words) in per_word.iter().enumerate() {
                let piece = words[pick[i]];
                let terms = match piece.checked_sub(PHRASE) {
                    Some(n) => phrases[n as usize],
                    None => std::slice::from_ref(&words[pick[i]]),
                };
                for &t in terms {
                    if !name.is_empty() {
                        name.push(' ');
                    }
                    name.push_str(self.ix.term(t));
                }
            }
            if !as_typed_done || name != q {
                named.extend(self.named(&name));
            }
            // The next combination, like an odometer.
            let mut i = 0;
            loop {
                if i == pick.len() {
                    named.sort_unstable();
                    named.dedup();
                    return named;
                }
                pick[i] += 1;
                if pick[i] < per_word[i].len() {
                    break;
                }
                pick[i] = 0;
                i += 1;
            }
        }
    }

    /// Among the best results of a query with a word that is not a known word (an
    /// abbreviation, a word being typed): raises by up to half those whose title or short
    /// name the query abbreviates ("1951 conv"). `q` is the query's [`fold_words`].
    pub(super) fn jump_blend(&self, q: &str, matches: &mut [Scored]) {
        let top = matches.len().min(JUMP_BLEND_TOP);
        let mut docs: Vec<u32> = matches[..top]
            .iter()
            .map(|s| s.doc)
            .filter(|&d| self.docs[d as usize].has_short)
            .collect();
        docs.sort_unstable();
        if docs.is_empty() {
            return;
        }
        let scores = self.jump_scores(q, Some(&docs), true);
        let Some(best) = scores.iter().map(|s| s.1).max() else {
            return;
        };
        for m in &mut matches[..top] {
            if let Some(&(_, s)) = scores.iter().find(|x| x.0 == m.doc) {
                m.score *= 1.0 + 0.5 * s as f32 / best as f32;
            }
        }
    }

    /// The terms of the words of the texts of `jump` ([`NameTerms`]), built on first need.
    pub(super) fn name_terms(&self) -> &NameTerms {
        self.name_terms.get_or_init(|| {
            let mut off = Vec::with_capacity(self.jump.len() + 1);
            let mut terms = Vec::new();
            off.push(0);
            for j in &self.jump {
                terms.extend(
                    j.text
                        .split(' ')
                        .filter(|w| self.optional_word(w) != Optional::Little)
                        .map(|w| self.ix.lookup(w).unwrap_or(u32::MAX)),
                );
                off.push(terms.len() as u32);
            }
            NameTerms { off, terms }
        })
    }
}

/// The terms of the words of each title and short name of an [`Index`] (in the order of its
/// `jump`), little words left out, `u32::MAX` for a word that is no term.
#[derive(Debug, Clone, Default)]
pub(super) struct NameTerms {
    off: Vec<u32>,
    terms: Vec<u32>,
}

impl NameTerms {
    /// The terms of name `j`.
    fn of(&self, j: u32) -> &[u32] {
        self.of_range(j, j + 1)
    }
    /// The terms of names `a..b`.
    fn of_range(&self, a: u32, b: u32) -> &[u32] {
        &self.terms[self.off[a as usize] as usize..self.off[b as usize] as usize]
    }
    /// Heap bytes held.
    pub(super) fn heap_bytes(&self) -> usize {
        4 * (self.off.capacity() + self.terms.capacity())
    }
}

/// The terms a query word matches, for many look-ups: its exact term, aliases and typo
/// candidates (sorted) and its completions (a range).
pub(super) struct WordTerms {
    /// Its exact term, aliases and typo candidates, sorted.
    pub(super) ids: Vec<u32>,
    /// Its completions (`(0, 0)` when it has none).
    pub(super) range: (u32, u32),
}

impl WordTerms {
    /// None for a phrase or a word that matches nothing.
    pub(super) fn of(p: &Plan) -> Option<WordTerms> {
        let Plan::Term {
            exact,
            prefix,
            typos,
            ..
        } = p
        else {
            return None;
        };
        let mut ids: Vec<u32> = exact
            .iter()
            .map(|x| x.0)
            .chain(typos.iter().map(|x| x.0))
            .collect();
        ids.sort_unstable();
        Some(WordTerms {
            ids,
            range: prefix.unwrap_or((0, 0)),
        })
    }
    fn has(&self, t: u32) -> bool {
        (self.range.0..self.range.1).contains(&t) || self.ids.binary_search(&t).is_ok()
    }
}

/// Triples the score of the matches of the documents `named` (ascending).
fn raise_named(named: &[u32], matches: &mut [Scored]) {
    if named.is_empty() {
        return;
    }
    for m in matches {
        if named.binary_search(&m.doc).is_ok() {
            m.score *= NAME_MATCH;
        }
    }
}

/// A query word that may abbreviate a hit's title words (see [`Index::abbreviated_in_title`]).
#[derive(Debug, Clone)]
pub(super) struct Abbrev {
    /// The folded word.
    pub(super) chars: Vec<char>,
    /// The number of its plan among the query's plans (which stand for its words one by
    /// one: see [`Index::abbrevs`]).
    pub(super) plan: usize,
    /// The documents that have it as a whole title or short name ("vccr"), ascending.
    pub(super) named: Vec<u32>,
}

impl Index {
    /// Puts into `out` (sorted, no repeats; cleared first) the terms of the words of document
    /// `d`'s title that a query word of `abbrevs` abbreviates ([`abbreviation_in`]): "stls
    /// conv" marks "Stateless" as well as "Convention", "vccr" marks "Vienna Convention on
    /// Consular Relations". Only a word that matched nothing in the document (its plan in
    /// `plans` accepts none of `matched`, the document's matched terms) or is one of its
    /// short names as a whole, and that no title word is or starts with: "prot" that found "protocol" in a text marks no "prosecuted" in its
    /// title.
    pub(super) fn abbreviated_in_title(
        &self,
        d: u32,
        plans: &[Plan],
        matched: &[u32],
        abbrevs: &[Abbrev],
        out: &mut Vec<u32>,
    ) {
        out.clear();
        let f = self.docs[d as usize].title_field;
        if abbrevs.is_empty() || f == u8::MAX {
            return;
        }
        // A word found in the document is a word of it (or it completes one), no
        // abbreviation, unless it is one of the document's short names as a whole ("vccr").
        // Most words of most queries stop here.
        let in_texts = |a: &Abbrev| {
            plans
                .get(a.plan)
                .is_some_and(|p| matched.iter().any(|&t| p.matches_term(t)))
                && a.named.binary_search(&d).is_err()
        };
        let mut asked = abbrevs.iter().filter(|a| !in_texts(a)).peekable();
        if asked.peek().is_none() {
            return;
        }
        // The title's words in order: position << 32 | term (as integers: the sort of `u64`s
        // is in the wasm already, one of pairs would add 2 KB gzipped).
        let mut words: Vec<u64> = Vec::new();
        for e in self.ix.entries(d).iter().filter(|e| e.field == f) {
            let at = |p: &u16| u64::from(*p) << 32 | u64::from(e.term);
            words.extend(self.ix.positions(&e).iter().map(at));
        }
        if words.len() > MAX_TITLE_WORDS {
            return;
        }
        words.sort_unstable();
        let texts: Vec<Vec<char>> = words
            .iter()
            .map(|&w| self.ix.term(w as u32).chars().collect())
            .collect();
        for a in asked {
            if texts.iter().any(|w| w.starts_with(&a.chars)) {
                continue;
            }
            if let Some(picked) = abbreviation_in(&texts, &a.chars) {
                out.extend(picked.iter().map(|&i| words[i] as u32));
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// Titles of more words than this are not searched for abbreviated words (their highlights
/// only; the search itself never reads titles word by word).
const MAX_TITLE_WORDS: usize = 64;

/// The words of `words` (folded, in order) that `q` abbreviates, as [`abbreviates`] reads an
/// abbreviation: the first word holding all of `q`'s letters in order from its first (at
/// least three letters: "stls" in "stateless"), else starts of two or more words in order,
/// skipping at most [`MAX_SKIPPED`] words between two ("vccr": "vienna convention \[on\]
/// consular relations"). `None` when it abbreviates none.
fn abbreviation_in(words: &[Vec<char>], q: &[char]) -> Option<Vec<usize>> {
    if q.len() >= 3 {
        let one = words.iter().position(|w| {
            w.first() == q.first() && {
                let mut rest = q[1..].iter().peekable();
                for c in &w[1..] {
                    if rest.peek() == Some(&c) {
                        rest.next();
                    }
                }
                rest.peek().is_none()
            }
        });
        if let Some(i) = one {
            return Some(vec![i]);
        }
    }
    // Starts of words: a depth-first search, taking one or more leading characters of each
    // word it picks. `failed[j * (q.len() + 1) + p]`: the rest of `q` from character `p`
    // cannot be spelled picking word `j` next (one flag per state: each of the at most
    // 64 × 64 states is tried once).
    struct Search<'a> {
        words: &'a [Vec<char>],
        q: &'a [char],
        failed: Vec<bool>,
        picked: Vec<usize>,
    }
    impl Search<'_> {
        /// Spells `q[p..]` picking word `j` next, then words at most MAX_SKIPPED apart.
        fn pick(&mut self, j: usize, p: usize) -> bool {
            let state = j * (self.q.len() + 1) + p;
            if self.failed[state] {
                return false;
            }
            let common = self.words[j]
                .iter()
                .zip(&self.q[p..])
                .take_while(|(a, b)| a == b)
                .count();
            self.picked.push(j);
            // Longest first, so that whole words are taken when they are typed whole.
            for k in (1..=common).rev() {
                if p + k == self.q.len() {
                    return true;
                }
                let next = j + 1..self.words.len().min(j + MAX_SKIPPED + 2);
                for n in next {
                    if self.pick(n, p + k) {
                        return true;
                    }
                }
            }
            self.picked.pop();
            self.failed[state] = true;
            false
        }
    }
    let mut search = Search {
        words,
        q,
        failed: vec![false; words.len() * (q.len() + 1)],
        picked: Vec::new(),
    };
    (0..words.len())
        .any(|start| search.pick(start, 0))
        .then_some(search.picked)
}

/// Most words an abbreviation skips between two words it takes the start of ("on" in "vienna
/// convention on consular relations").
const MAX_SKIPPED: usize = 2;

/// True when `word` (folded) abbreviates part of `text` (folded words separated by spaces),
/// in one of two ways:
/// - it is made of the starts of words of `text`, in order, skipping any ("vccr" in "vienna
///   convention on consular relations", "1951", "conv", "unclos");
/// - with `one_word`, it is letters of one word taken in order from its first ("stls" in
///   "stateless").
///
/// Letters picked from inside several words do not count: "syria" is not "s(ecurit)y
/// r(i)ghts a(nd)". A cheap structural test before the fuzzy matcher scores the match.
/// `q` holds the word's characters (at most 63 are considered).
fn abbreviates(text: &str, q: &[char], one_word: bool) -> bool {
    let q = &q[..q.len().min(63)];
    let Some(&head) = q.first() else {
        return true;
    };
    let done = 1u64 << q.len();
    // reach[k], bit p: the first p characters of the word are matched, the last of them in
    // the word k words back (so "b(y) [land sea] an(d) a(ir) [supplementing the united]
    // n(ations)" does not spell "banana").
    let mut reach = [0u64; MAX_SKIPPED + 1];
    for w in text.split(' ') {
        let mut chars = w.chars();
        let Some(first) = chars.next() else {
            continue;
        };
        // Letters of this one word, in order.
        if one_word && first == head {
            let mut at = 1;
            for c in chars.clone() {
                if at < q.len() && c == q[at] {
                    at += 1;
                }
            }
            if at == q.len() {
                return true;
            }
        }
        // The start of this word continues the starts of earlier ones, entered at most
        // MAX_SKIPPED words ago (or none yet: the first start may come anywhere).
        let alive = reach.iter().fold(1u64, |a, r| a | r);
        let mut entered = 0u64;
        for p in 0..q.len() {
            if alive >> p & 1 == 0 || q[p] != first {
                continue;
            }
            let mut at = p + 1;
            entered |= 1 << at;
            for c in chars.clone() {
                if at < q.len() && c == q[at] {
                    at += 1;
                    entered |= 1 << at;
                } else {
                    break;
                }
            }
        }
        if entered & done != 0 {
            return true;
        }
        reach.rotate_right(1);
        reach[0] = entered;
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

#[cfg(test)]
mod tests {
    use super::{abbreviates, abbreviation_in};
    use crate::document::{Document, TextField};
    use crate::search::{Index, SearchOptions};

    fn doc(id: &str, title: &str, body: &str, short: &[&str]) -> Document {
        let field = |name: &str, boost, text: &str| TextField {
            name: name.into(),
            boost,
            text: text.into(),
        };
        Document {
            id: id.into(),
            kind: "record".into(),
            title: title.into(),
            fields: vec![field("title", 2.0, title), field("body", 1.0, body)],
            facets: Vec::new(),
            year: None,
            summary: Vec::new(),
            short: short.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn a_query_that_is_a_name_ranks_that_record_first_however_many_records_cite_it_more() {
        // 60 records cite "XQZ" and the words of the long title more often than the named
        // records do, so they outscore them on text alone: beyond the top 20 that "jump to"
        // re-ranks, and with a title of more words than "jump to" considers.
        let mut docs: Vec<Document> = (0..60)
            .map(|i| {
                doc(
                    &format!("cite-{i:02}"),
                    &format!("Commentary {i} on XQZ"),
                    "XQZ XQZ XQZ: the treaty on orbital debris and lunar mining rights, \
                     orbital debris again, lunar mining again, rights again",
                    &[],
                )
            })
            .collect();
        docs.push(doc(
            "zz-named",
            "Treaty on Orbital Debris and Lunar Mining Rights",
            "A model text about space.",
            &["XQZ"],
        ));
        docs.push(doc(
            "zz-other",
            "Unrelated",
            "Nothing about space here.",
            &[],
        ));
        let ix = Index::new(docs, &[]);
        for q in [
            "XQZ",
            "xqz",
            "Treaty on Orbital Debris and Lunar Mining Rights",
            "treaty on orbital debris and lunar mining rights",
        ] {
            let r = ix.search(q, &SearchOptions::default()).unwrap();
            assert!(r.total > 20, "{q}: {} matches", r.total);
            assert_eq!(r.hits[0].id, "zz-named", "{q}");
        }
        // A query that merely contains the name, or a part of the title, is not the name.
        for q in ["xqz commentary", "orbital debris"] {
            let r = ix.search(q, &SearchOptions::default()).unwrap();
            assert_ne!(r.hits[0].id, "zz-named", "{q}");
        }
    }

    #[test]
    fn abbreviations_are_starts_of_words_or_letters_of_one_word_in_order() {
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
            // Letters from inside several words are not an abbreviation.
            (
                "migrants carry social security rights and earned benefits",
                "syria",
                false,
            ),
            ("children heard in matters affecting them", "clim", false),
            // Letters of one word, or starts of several.
            ("stateless persons", "stls", true),
            ("irregular situation", "irrsit", true),
            ("irregular situation", "irrsta", false),
            // At most two words skipped between two starts taken.
            (
                "protocol by land sea and air supplementing the united nations convention",
                "banana",
                false,
            ),
            ("convention of the refugees", "cref", true),
            ("convention of all the refugees", "cref", false),
        ];
        for (text, word, want) in table {
            let chars: Vec<char> = word.chars().collect();
            assert_eq!(abbreviates(text, &chars, true), want, "{word} in {text}");
        }
        // Without letters of one word, only starts of words abbreviate.
        for (text, word, want) in [
            ("vienna convention on consular relations", "vccr", true),
            ("1951 refugee convention", "refconv", true),
            ("stateless persons", "stls", false),
            ("stateless persons", "statelss", false),
            ("stateless persons", "statpers", true),
        ] {
            let chars: Vec<char> = word.chars().collect();
            assert_eq!(abbreviates(text, &chars, false), want, "{word} in {text}");
        }
    }

    #[test]
    fn the_title_words_an_abbreviation_picks_are_the_words_it_abbreviates() {
        let words =
            |t: &str| -> Vec<Vec<char>> { t.split(' ').map(|w| w.chars().collect()).collect() };
        // (title, query word, the words picked)
        let table: &[(&str, &str, Option<&[&str]>)] = &[
            (
                "vienna convention on consular relations",
                "vccr",
                Some(&["vienna", "convention", "consular", "relations"]),
            ),
            (
                "convention relating to the status of stateless persons",
                "stls",
                Some(&["stateless"]),
            ),
            (
                "global compact for migration",
                "gcm",
                Some(&["global", "compact", "migration"]),
            ),
            (
                "irregular situation",
                "irrsit",
                Some(&["irregular", "situation"]),
            ),
            // Whole words are taken when typed whole.
            (
                "refugee convention",
                "refugeeconv",
                Some(&["refugee", "convention"]),
            ),
            (
                "migrants carry social security rights and earned benefits",
                "syria",
                None,
            ),
            ("convention of all the refugees", "cref", None),
            ("paris agreement", "vccr", None),
        ];
        for (title, q, want) in table {
            let w = words(title);
            let q: Vec<char> = q.chars().collect();
            let got = abbreviation_in(&w, &q).map(|picked| {
                picked
                    .iter()
                    .map(|&i| w[i].iter().collect::<String>())
                    .collect::<Vec<_>>()
            });
            let want = want.map(|ws| ws.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            assert_eq!(got, want, "{title}");
            // The same answer as the test the ranking uses.
            assert_eq!(got.is_some(), abbreviates(title, &q, true), "{title}");
        }
        // Many ways to spell almost all of it: each (word, place) is tried once, so a title
        // of 64 words that each start like the query ends quickly.
        let many = vec!["a".repeat(63).chars().collect::<Vec<char>>(); 64];
        let q: Vec<char> = format!("{}b", "a".repeat(62)).chars().collect();
        assert_eq!(abbreviation_in(&many, &q), None);
    }
}
