//! Matching: how each query group is planned (exact term, completions, typo candidates,
//! phrase), which documents it drives to, how a document is checked and scored against it,
//! and the adjacency of query words used to re-rank the best results.

use super::filters::{Compiled, Status};
use super::index::Entry;
use super::query::{Group, Query};
use super::rank::{self, Kind, Scored};
use super::{Index, JUMP_MAX_BYTES, JUMP_MAX_WORDS, names, snippet, typo};

/// Fewest characters of each of the two words a run-together word is split into.
const SPLIT_MIN_CHARS: usize = 2;

/// Most readings of a word as a known word and a misspelt one run together that are checked
/// for a record holding them side by side (see `Index::split_misspelt`).
const SPLIT_MISSPELT_TRIES: usize = 16;

/// Most typo look-ups for such readings in one query: a long query of unknown words, each
/// with many known words inside, stays as cheap as one of few words.
const SPLIT_MISSPELT_LOOKUPS: usize = 24;

/// In any-word ranking, a word in at most this many records (or a quarter of the index,
/// when more) brings them as candidates, however common it is.
const ANY_WORD_CANDIDATES: u64 = 1000;

/// How one query group is matched (see the module docs).
#[derive(Debug, Clone)]
pub(super) enum Plan {
    Term {
        exact: Option<(u32, f32)>,
        prefix: Option<(u32, u32)>,
        /// Other terms matched in place of the word, with their edit distance (0: an alias of
        /// the word, see [`Index::with_aliases`]) and idf, ascending by term.
        typos: Vec<(u32, u8, f32)>,
        cost: u64,
        skipped_typos: bool,
        /// Whether the word must match.
        optional: Optional,
    },
    Phrase {
        /// The term at each place of the phrase, but the last place of a phrase being typed
        /// (see `tail`).
        ids: Vec<u32>,
        /// Other terms accepted at a place, as `(place, term)` ascending: the aliases of its
        /// word ("art" in `"article 33"`, see [`Index::with_aliases`]); for the place of
        /// the word being typed, the aliases of the word as typed.
        alts: Vec<(u32, u32)>,
        /// For a phrase being typed (`"noise canc`, [`Group::TypedPhrase`]): the range of
        /// terms completing the word being typed (the word itself among them when it is a
        /// term), all accepted at one more place after those of `ids`. The place has no
        /// term in `ids`; its aliases are in `alts`. Candidates come from the other places.
        tail: Option<(u32, u32)>,
        cost: u64,
    },
    Never,
}

impl Plan {
    /// The number of places of a phrase of terms `ids` and completions `tail` (see
    /// [`Plan::Phrase`]).
    pub(super) fn phrase_len(ids: &[u32], tail: Option<(u32, u32)>) -> usize {
        ids.len() + usize::from(tail.is_some())
    }

    /// The terms accepted at place `i` of a phrase: its own, then its aliases (for the place
    /// of a word being typed, only the aliases: its completions are a range, see
    /// [`Plan::Phrase`]).
    pub(super) fn phrase_terms(
        ids: &[u32],
        alts: &[(u32, u32)],
        i: usize,
    ) -> impl Iterator<Item = u32> {
        ids.get(i)
            .copied()
            .into_iter()
            .chain(alts.iter().filter(move |a| a.0 as usize == i).map(|a| a.1))
    }
}

/// Whether a query word must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Optional {
    /// It must.
    No,
    /// A little word of the language ([`Index::with_optional_words`]): it adds to the score
    /// only where it occurs between other words, and is never highlighted.
    Little,
    /// A word that need not match and scores at [`SOFT_WEIGHT`], but otherwise counts like
    /// any other ([`Index::with_soft_words`]).
    Soft,
}

/// What a soft word's score counts for beside the words that must match: "rights" in a
/// title ("Convention on the Rights of the Child") must not outweigh the word that says what
/// the rights are about ("refugee rights").
const SOFT_WEIGHT: f32 = 0.5;

/// When typo candidates are looked up for a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Typos {
    Off,
    ForUnknown,
    All,
}

impl Plan {
    pub(super) fn skipped_typos(&self) -> bool {
        matches!(
            self,
            Plan::Term {
                skipped_typos: true,
                ..
            }
        )
    }

    /// True for a word that need not match (see [`Optional`]).
    pub(super) fn is_optional(&self) -> bool {
        !matches!(
            self,
            Plan::Term {
                optional: Optional::No,
                ..
            } | Plan::Phrase { .. }
                | Plan::Never
        )
    }

    /// True when a word planned so matches term `t` itself: its exact term, a completion, a
    /// typo candidate or an alias. False for phrases.
    pub(super) fn matches_term(&self, t: u32) -> bool {
        self.match_kind(t).is_some()
    }

    /// How a word planned so matches term `t` itself, if it does: as typed, as a completion,
    /// or as a typo candidate or alias (at its distance, [`Kind::at_distance`]). None for
    /// phrases.
    pub(super) fn match_kind(&self, t: u32) -> Option<Kind> {
        let Plan::Term {
            exact,
            prefix,
            typos,
            ..
        } = self
        else {
            return None;
        };
        if exact.is_some_and(|(x, _)| x == t) {
            Some(Kind::Exact)
        } else if prefix.is_some_and(|(lo, hi)| (lo..hi).contains(&t)) {
            Some(Kind::Prefix)
        } else {
            typos
                .iter()
                .find(|x| x.0 == t)
                .map(|&(_, d, _)| Kind::at_distance(d))
        }
    }

    /// True for a little word of the language (see [`Optional::Little`]).
    pub(super) fn is_little(&self) -> bool {
        matches!(
            self,
            Plan::Term {
                optional: Optional::Little,
                ..
            }
        )
    }

    /// True for a soft word (see [`Optional::Soft`]).
    pub(super) fn is_soft(&self) -> bool {
        matches!(
            self,
            Plan::Term {
                optional: Optional::Soft,
                ..
            }
        )
    }

    pub(super) fn cost(&self) -> u64 {
        match self {
            Plan::Term { cost, .. } | Plan::Phrase { cost, .. } => *cost,
            Plan::Never => 0,
        }
    }
}

impl Index {
    /// Plans of the query's groups, in query order.
    pub(super) fn plans(&self, q: &Query, typos: Typos) -> Vec<Plan> {
        let optional: Vec<Optional> = q
            .include
            .iter()
            .map(|g| match g {
                Group::Term { text, .. } => self.optional_word(text),
                Group::Phrase(_) | Group::TypedPhrase(_) => Optional::No,
            })
            .collect();
        // Optional words stay optional only beside a word that is not ("to the" is required).
        let some_required = optional.contains(&Optional::No);
        let mut plans: Vec<Plan> = q
            .include
            .iter()
            .zip(&optional)
            .map(|(g, &optional)| {
                if !some_required || optional == Optional::No {
                    return self.plan(g, typos, true);
                }
                // No typo candidates: a missing "the" is not a misspelt "then".
                match self.plan(g, Typos::Off, true) {
                    Plan::Term {
                        exact,
                        prefix,
                        typos,
                        cost,
                        ..
                    } => Plan::Term {
                        exact,
                        prefix,
                        typos,
                        cost,
                        skipped_typos: false,
                        optional,
                    },
                    _ => Plan::Term {
                        exact: None,
                        prefix: None,
                        typos: Vec::new(),
                        cost: 0,
                        skipped_typos: false,
                        optional,
                    },
                }
            })
            .collect();
        self.soften_misspelt(&mut plans);
        self.add_joined_words(q, &mut plans);
        plans
    }

    /// The term a misspelt word is read as, of its typo candidates `typos` (term, distance,
    /// idf): the nearest, then the commonest.
    pub(super) fn read_as<'t>(
        &self,
        typos: impl Iterator<Item = &'t (u32, u8, f32)>,
    ) -> Option<&'t (u32, u8, f32)> {
        typos.min_by_key(|&&(t, dist, _)| (dist, std::cmp::Reverse(self.ix.df(t))))
    }

    /// A word that is no word of the index, whose nearest typo candidate (the commonest of
    /// the nearest) is a soft word, is soft like it, beside a word that must match:
    /// "refugee rigths" is "refugee rights", not a query for records that say "rights".
    fn soften_misspelt(&self, plans: &mut [Plan]) {
        let misspelt_soft = |p: &Plan| match p {
            Plan::Term {
                exact: None,
                prefix: None,
                typos,
                optional: Optional::No,
                ..
            } => self.read_as(typos.iter()).is_some_and(|&(t, dist, _)| {
                dist > 0 && self.optional_word(self.ix.term(t)) == Optional::Soft
            }),
            _ => false,
        };
        let soft: Vec<bool> = plans.iter().map(misspelt_soft).collect();
        if !soft.contains(&true) {
            return;
        }
        let required = plans
            .iter()
            .zip(&soft)
            .any(|(p, &s)| !s && !p.is_optional() && !matches!(p, Plan::Never));
        if !required {
            return;
        }
        for (p, s) in plans.iter_mut().zip(soft) {
            if let (Plan::Term { optional, .. }, true) = (p, s) {
                *optional = Optional::Soft;
            }
        }
    }

    /// Two neighbouring query words that the index also holds as one word ("health care",
    /// "healthcare") each match that word too, like an alias of the word (see
    /// [`Index::with_aliases`]): records that write them together are found along with those
    /// that write them apart, which rank first, other things equal.
    fn add_joined_words(&self, q: &Query, plans: &mut [Plan]) {
        let mut joined = String::new();
        for i in 1..q.include.len() {
            let (Group::Term { text: a, .. }, Group::Term { text: b, .. }) =
                (&q.include[i - 1], &q.include[i])
            else {
                continue;
            };
            joined.clear();
            joined.push_str(a);
            joined.push_str(b);
            let Some(t) = self.ix.lookup(&joined) else {
                continue;
            };
            let df = self.ix.df(t);
            // One word of the record matches both query words: each counts half of it.
            let idf = rank::idf(self.len(), df) / 2.0;
            for p in &mut plans[i - 1..=i] {
                match p {
                    Plan::Term {
                        exact,
                        prefix,
                        typos,
                        cost,
                        ..
                    } => {
                        let covered = exact.is_some_and(|(x, _)| x == t)
                            || prefix.is_some_and(|(lo, hi)| (lo..hi).contains(&t));
                        if covered {
                            continue;
                        }
                        match typos.binary_search_by_key(&t, |x| x.0) {
                            Ok(at) => typos[at] = (t, 0, idf),
                            Err(at) => {
                                typos.insert(at, (t, 0, idf));
                                *cost += u64::from(df);
                            }
                        }
                    }
                    Plan::Never => {
                        *p = Plan::Term {
                            exact: None,
                            prefix: None,
                            typos: vec![(t, 0, idf)],
                            cost: u64::from(df),
                            skipped_typos: false,
                            optional: Optional::No,
                        }
                    }
                    Plan::Phrase { .. } => {}
                }
            }
        }
    }

    /// `q` with each word that is neither a word of the index nor a word being typed with
    /// completions, but is two words of the index run together ("healthcare",
    /// "humanrights"), replaced by the phrase of those two words; `None` when no word splits.
    /// Of several ways to split a word, the most even is taken.
    pub(super) fn split_run_together(&self, q: &Query) -> Option<Query> {
        let mut out: Option<Query> = None;
        let mut lookups = SPLIT_MISSPELT_LOOKUPS;
        for (i, g) in q.include.iter().enumerate() {
            let Group::Term { text, prefix } = g else {
                continue;
            };
            if self.ix.lookup(text).is_some() {
                continue;
            }
            if *prefix {
                let (lo, hi) = self.ix.prefix_range(text);
                if lo < hi {
                    continue;
                }
            }
            let chars = text.chars().count();
            // (characters of the shorter part, byte offset of the split)
            let mut best: Option<(usize, usize)> = None;
            for (k, (at, _)) in text.char_indices().enumerate() {
                let even = k.min(chars - k);
                if even < SPLIT_MIN_CHARS || best.is_some_and(|(e, _)| e >= even) {
                    continue;
                }
                let (a, b) = text.split_at(at);
                if self.ix.lookup(a).is_some() && self.ix.lookup(b).is_some() {
                    best = Some((even, at));
                }
            }
            let phrase = match best {
                Some((_, at)) => vec![text[..at].to_string(), text[at..].to_string()],
                None => match self.split_misspelt(text, &mut lookups) {
                    Some(words) => words,
                    None => continue,
                },
            };
            out.get_or_insert_with(|| q.clone()).include[i] = Group::Phrase(phrase);
        }
        out
    }

    /// `text` as a word of the index and a misspelt word run together ("nonrefoulment":
    /// "non" and "refoulement"), the misspelt part read as one of its typo candidates: of the
    /// readings whose two words occur side by side in some record, the one whose candidate is
    /// nearest, then whose known part is longest, then whose candidate is commonest (at most
    /// [`SPLIT_MISSPELT_TRIES`] readings are checked). Each part has [`SPLIT_MIN_CHARS`]
    /// characters or more, and the misspelt one typo tolerance ([`typo::max_edits`]); each
    /// typo look-up takes one of `lookups`, and none is made once they are spent.
    fn split_misspelt(&self, text: &str, lookups: &mut usize) -> Option<Vec<String>> {
        let chars: Vec<char> = text.chars().collect();
        let (mut scratch, mut found) = (Vec::new(), Vec::new());
        // The two words of each reading, and its order as one integer (a sort of `u64`s is
        // in the wasm already; one of tuples would add kilobytes): distance, characters of
        // the misspelt part, the candidate's records (more first), the reading's number.
        let mut pairs: Vec<[u32; 2]> = Vec::new();
        let mut order: Vec<u64> = Vec::new();
        // (characters before the split, its byte offset)
        let splits = text.char_indices().map(|(at, _)| at).enumerate();
        for (k, at) in
            splits.filter(|&(k, _)| k >= SPLIT_MIN_CHARS && k + SPLIT_MIN_CHARS <= chars.len())
        {
            for (known, misspelt, known_first) in [
                (&text[..at], &chars[k..], true),
                (&text[at..], &chars[..k], false),
            ] {
                let edits = typo::max_edits(misspelt.len());
                let Some(t) = self.ix.lookup(known).filter(|_| edits > 0 && *lookups > 0) else {
                    continue;
                };
                *lookups -= 1;
                found.clear();
                self.typo()
                    .candidates(&self.ix, misspelt, edits, &mut scratch, &mut found);
                for &(c, d) in found.iter().take(usize::from(u16::MAX) - pairs.len()) {
                    order.push(
                        u64::from(d) << 56
                            | (misspelt.len().min(255) as u64) << 48
                            | u64::from(u32::MAX - self.ix.df(c)) << 16
                            | pairs.len() as u64,
                    );
                    pairs.push(if known_first { [t, c] } else { [c, t] });
                }
            }
        }
        order.sort_unstable();
        order
            .iter()
            .take(SPLIT_MISSPELT_TRIES)
            .map(|&k| {
                let [a, b] = pairs[(k & 0xFFFF) as usize];
                vec![self.ix.term(a).to_string(), self.ix.term(b).to_string()]
            })
            .find(|words| {
                let plan = self.plan(&Group::Phrase(words.clone()), Typos::Off, false);
                self.candidates(&plan)
                    .into_iter()
                    .any(|d| self.eval(&plan, d).is_some())
            })
    }

    pub(super) fn is_short(&self, raw: &str, q: &Query) -> bool {
        raw.trim().len() <= JUMP_MAX_BYTES
            && q.include.len() <= JUMP_MAX_WORDS
            && q.include.iter().all(|g| matches!(g, Group::Term { .. }))
    }

    pub(super) fn plan(&self, g: &Group, typos_mode: Typos, allow_prefix: bool) -> Plan {
        let n = self.len();
        match g {
            Group::Term { text, prefix } => {
                // A word being typed: its completions' range starts with the word itself.
                let range = (*prefix && allow_prefix).then(|| self.ix.prefix_range(text));
                let exact = match range {
                    Some((lo, hi)) => (lo < hi && self.ix.term(lo) == text).then_some(lo),
                    None => self.ix.lookup(text),
                }
                .map(|t| (t, rank::idf(n, self.ix.df(t))));
                let mut cost = exact.map_or(0, |(t, _)| u64::from(self.ix.df(t)));
                let prefix = range.filter(|(lo, hi)| hi - lo > u32::from(exact.is_some()));
                if let Some((lo, hi)) = prefix {
                    cost += self.ix.df_sum(lo, hi);
                }
                let mut typos: Vec<(u32, u8, f32)> = Vec::new();
                // Aliases ("art" for "article") count as the word, typo tolerance or not, with
                // the word's own idf when it occurs, so a document using the word itself ranks
                // first, other things equal.
                // A word being typed has its longer forms among its completions already.
                // Other forms of the word ("seekers" for "seeker") and their aliases
                // ("child" for "minors") count as aliases.
                let mut forms: Vec<u32> = Vec::new();
                if self.word_forms {
                    for f in super::forms::other_forms(text, exact.is_some()) {
                        if range.is_none() || !f.starts_with(text.as_str()) {
                            forms.extend(self.ix.lookup(&f));
                        }
                        forms.extend_from_slice(self.alias_terms(&f));
                    }
                }
                for &t in self.alias_terms(text).iter().chain(&forms) {
                    let covered = exact.is_some_and(|(x, _)| x == t)
                        || prefix.is_some_and(|(lo, hi)| (lo..hi).contains(&t));
                    if !covered {
                        let df = self.ix.df(t);
                        cost += u64::from(df);
                        let idf = exact.map_or_else(|| rank::idf(n, df), |(_, idf)| idf);
                        let at = typos.partition_point(|x| x.0 < t);
                        if typos.get(at).is_none_or(|x| x.0 != t) {
                            typos.insert(at, (t, 0, idf));
                        }
                    }
                }
                // A word of the index is trusted first. A word being typed that is none (its
                // completions aside) may be misspelt: "lekuvikele" for "lekuvikela", though
                // "lekuvikeleka" starts with it.
                let known = exact.is_some();
                let skipped_typos = typos_mode == Typos::ForUnknown && known;
                let fuzzy = typos_mode == Typos::All || typos_mode == Typos::ForUnknown && !known;
                if fuzzy {
                    let chars: Vec<char> = text.chars().collect();
                    let mut found = Vec::new();
                    let mut scratch = Vec::new();
                    self.typo().candidates(
                        &self.ix,
                        &chars,
                        // One edit at most beside completions: the typing is not done.
                        typo::max_edits(chars.len()).min(if prefix.is_some() { 1 } else { 2 }),
                        &mut scratch,
                        &mut found,
                    );
                    // A candidate's aliases come with it, at its distance: "deportaton" is
                    // "deportation", which "expulsion" stands for too. So do its singular or
                    // plural and their aliases, one step further (a typo, then a form):
                    // "wokers" is "workers", and "worker" a little less. Noun forms only: an
                    // unknown word is no verb form.
                    // (distance << 32 | term), sorted: nearest first, so a term that is a
                    // candidate itself keeps its own distance.
                    let mut related: Vec<u64> = Vec::new();
                    let at = |d: u8| move |t: u32| u64::from(d) << 32 | u64::from(t);
                    for &(t, d) in &found {
                        related.push(at(d)(t));
                        let term = self.ix.term(t);
                        related.extend(self.alias_terms(term).iter().copied().map(at(d)));
                        if self.word_forms {
                            let further = at((d + 1).min(2));
                            for f in super::forms::other_forms(term, false) {
                                related.extend(self.ix.lookup(&f).map(further));
                                related.extend(self.alias_terms(&f).iter().copied().map(further));
                            }
                        }
                    }
                    related.sort_unstable();
                    for (t, d) in related.iter().map(|&k| (k as u32, (k >> 32) as u8)) {
                        // A completion counts as one already, and better.
                        if prefix.is_some_and(|(lo, hi)| (lo..hi).contains(&t)) {
                            continue;
                        }
                        match typos.binary_search_by_key(&t, |x| x.0) {
                            Ok(_) => {} // an alias already, or a nearer candidate
                            Err(at) => {
                                let df = self.ix.df(t);
                                cost += u64::from(df);
                                typos.insert(at, (t, d, rank::idf(n, df)));
                            }
                        }
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
                    optional: Optional::No,
                }
            }
            Group::TypedPhrase(words) if allow_prefix => {
                let Some((typed, before)) = words.split_last() else {
                    return Plan::Never;
                };
                if before.is_empty() {
                    let word = Group::Term {
                        text: typed.clone(),
                        prefix: true,
                    };
                    return self.plan(&word, typos_mode, true);
                }
                let Plan::Phrase {
                    ids,
                    mut alts,
                    cost,
                    ..
                } = self.plan(&Group::Phrase(before.to_vec()), typos_mode, false)
                else {
                    return Plan::Never;
                };
                // The word being typed: its completions (the word itself among them when it
                // is a term), and the aliases of the word as typed.
                let (lo, hi) = self.ix.prefix_range(typed);
                let place = ids.len() as u32;
                // Ascending still: the other places come before, and a word's aliases are
                // sorted and unique (no sort of pairs, which would add kilobytes of wasm).
                alts.extend(
                    self.alias_terms(typed)
                        .iter()
                        .filter(|&&t| !(lo..hi).contains(&t))
                        .map(|&t| (place, t)),
                );
                debug_assert!(alts.is_sorted());
                if lo == hi && alts.last().is_none_or(|a| a.0 != place) {
                    return Plan::Never;
                }
                // The exact places drive: the cost is theirs.
                Plan::Phrase {
                    ids,
                    alts,
                    tail: Some((lo, hi)),
                    cost,
                }
            }
            Group::Phrase(words) | Group::TypedPhrase(words) => {
                let mut ids = Vec::with_capacity(words.len());
                let mut alts = Vec::new();
                let mut cost = u64::MAX;
                for (i, w) in words.iter().enumerate() {
                    // The word itself, or else its first alias the index holds, then the rest.
                    let mut terms = self.ix.lookup(w).into_iter().chain(
                        self.alias_terms(w)
                            .iter()
                            .copied()
                            .filter(|&t| Some(t) != self.ix.lookup(w)),
                    );
                    let Some(t) = terms.next() else {
                        return Plan::Never;
                    };
                    ids.push(t);
                    let mut df = u64::from(self.ix.df(t));
                    for a in terms {
                        df += u64::from(self.ix.df(a));
                        alts.push((i as u32, a));
                    }
                    cost = cost.min(df);
                }
                Plan::Phrase {
                    ids,
                    alts,
                    tail: None,
                    cost,
                }
            }
        }
    }

    /// Candidate documents of a plan, ascending.
    pub(super) fn candidates(&self, plan: &Plan) -> Vec<u32> {
        let mut lists: Vec<&[u32]> = Vec::new();
        match plan {
            Plan::Term {
                exact,
                prefix,
                typos,
                ..
            } => {
                // A word being typed: every completion (its range holds the word itself, if
                // it is a term), through the one run of postings their ids own.
                if let Some((lo, hi)) = prefix {
                    let mut lists = vec![self.ix.postings_in_range(*lo, *hi)];
                    lists.extend(typos.iter().map(|&(t, _, _)| self.ix.postings(t)));
                    return union_unsorted(&lists, self.len());
                }
                lists.extend(exact.map(|(t, _)| self.ix.postings(t)));
                for &(t, _, _) in typos {
                    lists.push(self.ix.postings(t));
                }
            }
            Plan::Phrase { ids, alts, .. } => {
                // The place whose terms are rarest drives (not that of a word being typed,
                // whose completions may be many).
                let df = |i: usize| -> u64 {
                    Plan::phrase_terms(ids, alts, i)
                        .map(|t| u64::from(self.ix.df(t)))
                        .sum()
                };
                if let Some(i) = (0..ids.len()).min_by_key(|&i| df(i)) {
                    for t in Plan::phrase_terms(ids, alts, i) {
                        lists.push(self.ix.postings(t));
                    }
                }
            }
            Plan::Never => {}
        }
        union(&lists, self.len())
    }

    /// How document `d` matches a plan: the kind of the best match and its score.
    pub(super) fn eval(&self, plan: &Plan, d: u32) -> Option<(Kind, f32)> {
        let ents = self.ix.entries(d);
        match plan {
            Plan::Term {
                exact,
                prefix,
                typos,
                ..
            } => {
                let mut best: Option<(Kind, f32)> = None;
                match (*exact, *prefix) {
                    (Some((t, idf)), None) => {
                        let s = rank::bm25f(&self.ix, d, ents.of_term(t), idf);
                        if s > 0.0 {
                            best = Some((Kind::Exact, s));
                        }
                    }
                    (_, Some((lo, hi))) => {
                        // One pass over the range's entries (by term, then field) scores the
                        // word itself (in the range, as its first term) and each completion.
                        // Completions share one idf, the range's as if it were one term: a
                        // rare completion must not outrank the common word the visitor is
                        // typing ("famil": "families" above "family"), nor the word itself
                        // once typed ("article 3": "36" above "3").
                        let word = exact.map(|(x, _)| x);
                        let mut word_tf = 0.0f32;
                        let mut completions: Option<f32> = None;
                        let mut cur = u32::MAX;
                        let mut tf = 0.0f32;
                        // Computed on the first completion found: most documents have none.
                        let mut range_idf = None;
                        let mut finish = |tf: f32, best: &mut Option<f32>| {
                            if tf > 0.0 {
                                let idf = *range_idf.get_or_insert_with(|| {
                                    let n = self.len();
                                    rank::idf(n, self.ix.df_sum(lo, hi).min(n as u64) as u32)
                                });
                                let s = rank::saturate(tf, idf) * Kind::Prefix.weight();
                                *best = Some(best.map_or(s, |b| b.max(s)));
                            }
                        };
                        for e in ents.in_range(lo, hi) {
                            if Some(e.term) == word {
                                word_tf += rank::field_tf(&self.ix, d, &e);
                                continue;
                            }
                            if e.term != cur {
                                finish(tf, &mut completions);
                                cur = e.term;
                                tf = 0.0;
                            }
                            tf += rank::field_tf(&self.ix, d, &e);
                        }
                        finish(tf, &mut completions);
                        let word_score = exact
                            .map(|(_, idf)| rank::saturate(word_tf, idf))
                            .filter(|&s| word_tf > 0.0 && s > 0.0);
                        best = match (word_score, completions) {
                            (Some(w), c) => Some((Kind::Exact, c.map_or(w, |c| w.max(c)))),
                            (None, Some(c)) => Some((Kind::Prefix, c)),
                            (None, None) => None,
                        };
                    }
                    (None, None) => {}
                }
                // Typos count only where the word itself does not occur; aliases and other
                // forms of the word (distance 0) always do, the better match winning: a title
                // "Student" beats a body saying "students".
                let strict = best.is_some();
                for &(t, dist, idf) in typos {
                    if strict && dist > 0 {
                        continue;
                    }
                    let kind = Kind::at_distance(dist);
                    let s = rank::bm25f(&self.ix, d, ents.of_term(t), idf) * kind.weight();
                    if s > 0.0 && best.is_none_or(|(_, b)| s > b) {
                        best = Some((kind, s));
                    }
                }
                best
            }
            Plan::Phrase {
                ids, alts, tail, ..
            } => self.phrase_matches(d, ids, alts, *tail).then(|| {
                let n = self.len();
                // The word being typed: its best completion here, all of them sharing the
                // range's idf, as for a word being typed alone.
                let completed = tail.map_or(0.0, |(lo, hi)| {
                    let idf = rank::idf(n, self.ix.df_sum(lo, hi).min(n as u64) as u32);
                    let (mut best, mut cur, mut tf) = (0.0f32, u32::MAX, 0.0f32);
                    for e in ents.in_range(lo, hi) {
                        if e.term != cur {
                            best = best.max(rank::saturate(tf, idf));
                            (cur, tf) = (e.term, 0.0);
                        }
                        tf += rank::field_tf(&self.ix, d, &e);
                    }
                    best.max(rank::saturate(tf, idf))
                });
                let s = (0..Plan::phrase_len(ids, *tail))
                    .map(|i| {
                        let own = if i == ids.len() { completed } else { 0.0 };
                        Plan::phrase_terms(ids, alts, i)
                            .map(|t| {
                                let idf = rank::idf(n, self.ix.df(t));
                                rank::bm25f(&self.ix, d, ents.of_term(t), idf)
                            })
                            .fold(own, f32::max)
                    })
                    .sum();
                (Kind::Exact, s)
            }),
            Plan::Never => None,
        }
    }

    /// True when document `d` holds the phrase: at consecutive places of one field, within
    /// one item of a list ([`Index::one_item`]: not "Convention; Refugee"), a term accepted
    /// at each place of the phrase (see [`Plan::phrase_terms`]), and at the place after those
    /// of `ids`, for a phrase being typed, a completion in `tail` (see [`Plan::Phrase`]).
    pub(super) fn phrase_matches(
        &self,
        d: u32,
        ids: &[u32],
        alts: &[(u32, u32)],
        tail: Option<(u32, u32)>,
    ) -> bool {
        let ents = self.ix.entries(d);
        let n = Plan::phrase_len(ids, tail);
        let place = |f: u8, p: u16| u64::from(f) << 16 | u64::from(p);
        // Where, in a field, the places of `ids` stand whole: the positions of their first.
        let mut starts: Vec<u16> = Vec::new();
        for first in Plan::phrase_terms(ids, alts, 0) {
            'fields: for e0 in ents.of_term(first) {
                // For each later place of `ids`, the positions in this field of each term
                // accepted there.
                let mut lists: Vec<(usize, &[u16])> = Vec::with_capacity(ids.len());
                for i in 1..ids.len() {
                    let before = lists.len();
                    for t in Plan::phrase_terms(ids, alts, i) {
                        if let Some(e) = ents.of_term(t).find(|e| e.field == e0.field) {
                            lists.push((i, self.ix.positions(&e)));
                        }
                    }
                    if lists.len() == before {
                        continue 'fields;
                    }
                }
                starts.clear();
                for &p in self.ix.positions(&e0) {
                    let at = |i: usize| p.checked_add(i as u16);
                    if (1..ids.len()).all(|i| {
                        at(i).is_some_and(|q| {
                            lists
                                .iter()
                                .any(|&(j, l)| j == i && l.binary_search(&q).is_ok())
                        })
                    }) {
                        if tail.is_none() {
                            if n < 2 || self.one_item(d, place(e0.field, p), n) {
                                return true;
                            }
                        } else {
                            starts.push(p);
                        }
                    }
                }
                let Some((lo, hi)) = tail else {
                    continue;
                };
                if starts.is_empty() {
                    continue;
                }
                // The place of the word being typed, after those of `ids`: the document's own
                // entries of its completions and aliases in this field, each position looked
                // up among those the rest of the phrase leads to.
                let skip = ids.len() as u16;
                let typed = Plan::phrase_terms(ids, alts, ids.len())
                    .flat_map(|t| ents.of_term(t))
                    .chain(ents.in_range(lo, hi));
                for e in typed.filter(|e| e.field == e0.field) {
                    for &q in self.ix.positions(&e) {
                        let Some(p) = q.checked_sub(skip) else {
                            continue;
                        };
                        if starts.binary_search(&p).is_ok()
                            && self.one_item(d, place(e0.field, p), n)
                        {
                            return true;
                        }
                    }
                }
            }
        }
        false
    }

    pub(super) fn excluded(&self, exclude: &[Plan], d: u32) -> bool {
        // An excluded word takes its aliases and other forms with it, as an included one
        // brings them: "-minors" also leaves out "children", "-refugees" "refugee".
        exclude.iter().any(|p| match p {
            Plan::Term { exact, typos, .. } => {
                let ents = self.ix.entries(d);
                exact
                    .iter()
                    .map(|&(t, _)| t)
                    .chain(typos.iter().filter(|x| x.1 == 0).map(|x| x.0))
                    .any(|t| ents.has_in_range(t, t + 1))
            }
            Plan::Phrase {
                ids, alts, tail, ..
            } => self.phrase_matches(d, ids, alts, *tail),
            _ => false,
        })
    }

    /// Matches the documents holding every group of `plans` into `matches` (those passing the
    /// filters) and `facet_docs` (those the disjunctive facet counts see). Returns true when
    /// some document not excluded holds every group, whatever the filters: a query whose words
    /// match, but not under these filters, has an empty answer, not a looser one.
    pub(super) fn match_all(
        &self,
        plans: &[Plan],
        exclude: &[Plan],
        filters: &Compiled,
        matches: &mut Vec<Scored>,
        facet_docs: &mut Vec<u32>,
    ) -> bool {
        // Cheapest first: it drives, and rare words reject candidates soonest. Optional words
        // neither drive nor reject. Soft words, and little words between other words, score
        // where they occur ("right to leave any country"); little words before the first
        // other word or after the last do not: "what is", "the" frame a question, and scoring
        // them ranked records by how many little words they hold.
        let mut by_cost: Vec<&Plan> = plans.iter().filter(|p| !p.is_optional()).collect();
        let inner: Vec<&Plan> = content_words(plans)
            .iter()
            .filter(|p| p.is_optional())
            .collect();
        for i in 1..by_cost.len() {
            let mut j = i;
            while j > 0 && by_cost[j - 1].cost() > by_cost[j].cost() {
                by_cost.swap(j - 1, j);
                j -= 1;
            }
        }
        let Some(driver) = by_cost.first() else {
            return false;
        };
        let candidates = self.candidates(driver);
        matches.reserve(candidates.len());
        facet_docs.reserve(candidates.len());
        // A document the filters reject still tells whether the words match at all, until one
        // does (documents counted in the facets hold every word).
        let mut words_match = false;
        'docs: for d in candidates {
            let status = filters.status(d);
            if status == Status::Fails {
                words_match = words_match
                    || !self.excluded(exclude, d)
                        && by_cost.iter().all(|p| self.eval(p, d).is_some());
                continue;
            }
            if self.excluded(exclude, d) {
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
            for p in &inner {
                if let Some((_, s)) = self.eval(p, d) {
                    score += if p.is_soft() { s * SOFT_WEIGHT } else { s };
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
        words_match || !facet_docs.is_empty()
    }

    pub(super) fn match_any(
        &self,
        plans: &[Plan],
        exclude: &[Plan],
        filters: &Compiled,
        matches: &mut Vec<Scored>,
        facet_docs: &mut Vec<u32>,
    ) {
        // On a large index, very common words do not bring candidates of their own (they
        // still score); on a small one every word does, or "refugee visa" would rank the two
        // records saying "visa" and none of the 61 saying "refugee".
        let usable: Vec<&Plan> = plans
            .iter()
            .filter(|p| !matches!(p, Plan::Never) && !p.is_optional())
            .collect();
        let cheapest = usable.iter().map(|p| p.cost()).min().unwrap_or(0);
        let limit = (self.len() as u64 / 4)
            .max(cheapest)
            .max(ANY_WORD_CANDIDATES);
        let mut lists: Vec<Vec<u32>> = Vec::new();
        for p in &usable {
            if p.cost() <= limit {
                lists.push(self.candidates(p));
            }
        }
        let refs: Vec<&[u32]> = lists.iter().map(Vec::as_slice).collect();
        // The candidates that the filters and exclusions let through, each with its tally.
        let mut live: Vec<(u32, Status)> = union(&refs, self.len())
            .into_iter()
            .map(|d| (d, filters.status(d)))
            .filter(|&(d, status)| status != Status::Fails && !self.excluded(exclude, d))
            .collect();
        let mut slot = vec![u32::MAX; self.len()];
        for (i, &(d, _)) in live.iter().enumerate() {
            slot[d as usize] = i as u32;
        }
        let mut tally = vec![Scored::default(); live.len()];
        // Word after word, in the query's order (so each score adds up as it always has): a
        // word that brought candidates is looked up in its own documents only, a common one in
        // every candidate. A long query over a large index then scores the (word, document)
        // pairs that can match rather than every word in every document.
        let mut own = refs.iter();
        for p in &usable {
            let mut add = |i: usize, d: u32| {
                if let Some((k, s)) = self.eval(p, d) {
                    let t = &mut tally[i];
                    t.score += s;
                    t.typos += u8::from(k.is_typo());
                    t.matched += 1;
                }
            };
            if p.cost() <= limit {
                for &d in own.next().copied().unwrap_or_default() {
                    let i = slot[d as usize];
                    if i != u32::MAX {
                        add(i as usize, d);
                    }
                }
            } else {
                for (i, &(d, _)) in live.iter().enumerate() {
                    add(i, d);
                }
            }
        }
        for (t, (d, status)) in tally.iter_mut().zip(live.drain(..)) {
            if t.matched == 0 {
                continue;
            }
            facet_docs.push(d);
            if status == Status::Pass {
                t.doc = d;
                matches.push(*t);
            }
        }
    }

    /// Calls `f` with each entry of document `d` that matches a word plan: its exact term,
    /// completions, aliases and other forms, and, when it has none of the first two, its typo
    /// candidates.
    pub(super) fn word_entries(&self, d: u32, plan: &Plan, mut f: impl FnMut(Entry)) {
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
        for &(t, dist, _) in typos {
            if !strict || dist == 0 {
                ents.of_term(t).for_each(&mut f);
            }
        }
    }

    /// The phrases of `plans`, for marking their words only where a whole phrase stands, and
    /// the terms of their words as typed (see [`snippet::Phrases::with_typed`]).
    pub(super) fn phrases_of(&self, plans: &[Plan]) -> snippet::Phrases {
        let phrases = plans
            .iter()
            .filter_map(|p| match p {
                Plan::Phrase {
                    ids, alts, tail, ..
                } => Some(snippet::PhraseTerms {
                    places: (0..Plan::phrase_len(ids, *tail))
                        .map(|i| Plan::phrase_terms(ids, alts, i).collect())
                        .collect(),
                    tail: *tail,
                }),
                _ => None,
            })
            .collect();
        // The words as typed: each word's own term, and the words of phrases.
        let typed = plans
            .iter()
            .filter(|p| !p.is_little())
            .flat_map(|p| match p {
                Plan::Term {
                    exact: Some((t, _)),
                    ..
                } => std::slice::from_ref(t),
                Plan::Phrase { ids, .. } => ids.as_slice(),
                _ => &[],
            })
            .copied()
            .collect();
        let words = || plans.iter().filter(|p| !p.is_little());
        // The terms of a range of completions that the words match: their own terms, typo
        // candidates and aliases there, and any overlap with the completions of a word
        // being typed (none in practice: one word is typed, the last of the query).
        let elsewhere_in = |lo: u32, hi: u32| {
            let mut out = Vec::new();
            for w in words().filter_map(names::WordTerms::of) {
                out.extend(w.ids.iter().copied().filter(|t| (lo..hi).contains(t)));
                out.extend(w.range.0.max(lo)..w.range.1.min(hi));
            }
            out
        };
        snippet::Phrases::new(
            phrases,
            |t| words().any(|p| p.matches_term(t)),
            elsewhere_in,
        )
        .with_typed(typed)
    }

    /// Term ids of document `d` that the plans matched (for highlighting).
    pub(super) fn matched_terms(&self, d: u32, plans: &[Plan]) -> snippet::Matched {
        let mut out = snippet::Matched::default();
        self.matched_terms_into(d, plans, &mut out);
        out
    }

    /// [`Index::matched_terms`] into `out` (cleared first).
    pub(super) fn matched_terms_into(&self, d: u32, plans: &[Plan], out: &mut snippet::Matched) {
        out.clear();
        // Little words are not marked: a snippet lit up at every "a" and "the" hides the words
        // that matched.
        for (g, p) in plans.iter().enumerate().filter(|(_, p)| !p.is_little()) {
            match p {
                Plan::Phrase {
                    ids, alts, tail, ..
                } => {
                    ids.iter().for_each(|&t| out.push(t, g));
                    alts.iter().for_each(|a| out.push(a.1, g));
                    // The completions of a word being typed that the document holds.
                    if let &Some((lo, hi)) = tail {
                        let ents = self.ix.entries(d);
                        ents.in_range(lo, hi).for_each(|e| out.push(e.term, g));
                    }
                }
                _ => self.word_entries(d, p, |e| out.push(e.term, g)),
            }
        }
        out.finish();
    }

    /// How the query's groups sit next to each other, in query order, in some field of
    /// document `d`: how many consecutive pairs of groups are adjacent somewhere, and how many
    /// groups minus one the longest unbroken run of them spans ("UDHR art. 14" is a run of
    /// three for "udhr article 14"; "UDHR art. 8; CAT art. 14" has both pairs but runs of
    /// two); and whether, short of such a run of all of them, the words of the query stand
    /// side by side in another order ("article 14 udhr" in "UDHR art. 14"). A gap word of the
    /// text ([`Index::with_gap_words`]) between two query words does not part them: "udhr 14"
    /// is a run of two in "UDHR art. 14". `buf` holds the positions looked at, reused from one
    /// document to the next.
    pub(super) fn adjacency(
        &self,
        d: u32,
        plans: &[Plan],
        buf: &mut [Vec<u64>; 5],
    ) -> (usize, usize, bool) {
        let ents = self.ix.entries(d);
        // A place: field and position in the upper half; in the lower, the length of the run
        // of query groups ending there (low 16 bits) and the gap words inside it (high 16).
        // u64s: one sort instantiation the index already has.
        let place = |e: &Entry, p: u16| (u64::from(e.field) << 16 | u64::from(p)) << 32;
        let at = |x: u64| x >> 32;
        let run_of = |x: u64| x & 0xFFFF;
        let gaps_of = |x: u64| x >> 16 & 0xFFFF;
        // `prev`: where the previous group ends; `gap_places`: the places of the document's
        // gap words, looked up the first time a group stands two places after the previous.
        let [prev, starts, ends, all, gap_places] = buf;
        let mut gaps_found = false;
        prev.clear();
        all.clear();
        // Every group a word (no phrase): a run of them is that many places, to check for list
        // separators; and for three to eight of them, their places, tagged with the group,
        // are kept to look for the words side by side in any order (two words the other way
        // round are rarely the same thing: "convention refugee").
        let words_only = plans.iter().all(|p| !matches!(p, Plan::Phrase { .. }));
        let any_order_wanted = words_only && (ANY_ORDER_MIN..=ANY_ORDER_MAX).contains(&plans.len());
        let (mut pairs, mut longest) = (0, 1);
        for (i, p) in plans.iter().enumerate() {
            starts.clear();
            ends.clear();
            let mut span = 0;
            match p {
                Plan::Phrase {
                    ids, alts, tail, ..
                } => {
                    if let Some(last) = Plan::phrase_len(ids, *tail).checked_sub(1) {
                        span = last as u64;
                        for a in Plan::phrase_terms(ids, alts, 0) {
                            for e in ents.of_term(a) {
                                starts.extend(self.ix.positions(&e).iter().map(|&q| place(&e, q)));
                            }
                        }
                        // The last place: its terms, or the completions of the word being
                        // typed (the document's own entries of them) and its aliases.
                        let completions =
                            tail.map_or(ents.in_range(0, 0), |(lo, hi)| ents.in_range(lo, hi));
                        for e in Plan::phrase_terms(ids, alts, last)
                            .flat_map(|b| ents.of_term(b))
                            .chain(completions)
                        {
                            ends.extend(self.ix.positions(&e).iter().map(|&q| place(&e, q)));
                        }
                        if !ends.is_sorted() {
                            ends.sort_unstable();
                        }
                    }
                }
                _ => self.word_entries(d, p, |e| {
                    starts.extend(self.ix.positions(&e).iter().map(|&q| place(&e, q)));
                }),
            }
            // One term's places come sorted already (entries by field, positions ascending);
            // a place holds one term, so there are no duplicates.
            if !starts.is_sorted() {
                starts.sort_unstable();
            }
            if any_order_wanted {
                all.extend(starts.iter().map(|&x| x & !0xFFFF_FFFF | i as u64));
            }
            // Both sorted: one pass finds, for each start, a previous group ending just before,
            // or two places before with a gap word between.
            let mut adjacent = false;
            let mut j = 0;
            // How far back a previous group may end: two places with gap words, else one.
            let reach = if self.gap_terms.is_empty() { 1 } else { 2 };
            for x in starts.iter_mut() {
                let k = at(*x);
                while j < prev.len() && at(prev[j]) + reach < k {
                    j += 1;
                }
                let next_to = |y: &&u64| at(**y) + 1 == k && k & 0xFFFF != 0;
                let mut before = prev[j..]
                    .iter()
                    .take(reach as usize)
                    .find(next_to)
                    .map(|&y| (y, 0));
                if before.is_none()
                    && reach == 2
                    && k & 0xFFFF >= 2
                    && prev.get(j).is_some_and(|&y| at(y) + 2 == k)
                {
                    if !gaps_found {
                        gaps_found = true;
                        gap_places.clear();
                        for &t in &self.gap_terms {
                            for e in ents.of_term(t) {
                                gap_places
                                    .extend(self.ix.positions(&e).iter().map(|&q| place(&e, q)));
                            }
                        }
                        gap_places.sort_unstable();
                    }
                    if gap_places.binary_search(&((k - 1) << 32)).is_ok() {
                        before = Some((prev[j], 1));
                    }
                }
                *x |= before.map_or(1, |(y, gap)| (run_of(y) + 1) | (gaps_of(y) + gap) << 16);
                adjacent |= before.is_some();
            }
            pairs += usize::from(i > 0 && adjacent);
            // Where this group ends: a word where it starts, a phrase its length further on.
            if matches!(p, Plan::Phrase { .. }) {
                let ended = std::mem::take(ends);
                ends.extend(starts.iter().filter_map(|&x| {
                    let e = at(x) + span;
                    (e & 0xFFFF >= at(x) & 0xFFFF
                        && ended.binary_search_by_key(&e, |&y| at(y)).is_ok())
                    .then_some(e << 32 | (x & 0xFFFF_FFFF))
                }));
            } else {
                std::mem::swap(ends, starts);
            }
            let run = ends.iter().map(|&x| run_of(x)).max().unwrap_or(0);
            longest = longest.max(run as usize);
            std::mem::swap(prev, ends);
        }
        let n = plans.len();
        // A whole run across list items ("UDHR art. 12; ICCPR art. 17" for "art 12 iccpr") is
        // not one: the words must stand in one item.
        if words_only
            && longest == n
            && !prev.iter().any(|&x| {
                let spans = n as u64 + gaps_of(x);
                run_of(x) == n as u64 && self.one_item(d, at(x) + 1 - spans, spans as usize)
            })
        {
            longest = n - 1;
        }
        let any_order = any_order_wanted
            && longest < n
            && side_by_side(all, n, |first| self.one_item(d, first, n));
        (pairs, longest - 1, any_order)
    }

    /// True when the `n` words from place `first` (field and position) of document `d` stand
    /// in one item of the field's text: no list separator (`;`, `·`, a line break) between
    /// them, so that "ICRMW art. 22(9); ICRMW art. 25" does not hold "9 ICRMW art".
    fn one_item(&self, d: u32, first: u64, n: usize) -> bool {
        let f = (first >> 16) as u8;
        let at = (first & 0xFFFF) as usize;
        let Some((_, text)) = self.docs[d as usize].texts.iter().find(|t| t.0 == f) else {
            return false;
        };
        let tokens = snippet::Tokens {
            starts: self.ix.token_starts(d, f),
            lens: self.ix.token_lens(d, f),
        };
        snippet::one_item(text, &tokens, at, n, &mut String::new())
    }

    /// Raises the scores of `matches` by how their query words sit next to each other, in
    /// order (see [`rank::PROXIMITY`] and [`Index::adjacency`]): half for adjacent pairs, half
    /// for the longest unbroken run, and by [`rank::WHOLE_RUN`] more when that run is the
    /// whole query.
    pub(super) fn proximity_boost(&self, matches: &mut [Scored], plans: &[Plan]) {
        if plans.len() < 2 {
            return;
        }
        let n = (plans.len() - 1) as f32;
        let mut buf = Default::default();
        for m in matches {
            let (pairs, run, any_order) = self.adjacency(m.doc, plans, &mut buf);
            m.score *= 1.0 + rank::PROXIMITY * (pairs + run) as f32 / (2.0 * n);
            if run + 1 == plans.len() || any_order {
                m.score *= rank::WHOLE_RUN;
            }
        }
    }
}

/// What parts the items of a list in a field's text: words on either side are not cited
/// together (see [`Index::adjacency`]), nor a phrase: `;` (also full-width, and the Greek
/// question mark it is canonically), `·`, and line and paragraph breaks.
pub(super) const LIST_BREAKS: [char; 8] = [
    ';', '·', '\n', '\r', '\u{2028}', '\u{2029}', '\u{FF1B}', '\u{037E}',
];

/// Fewest and most words of a query looked for side by side in any order (see
/// [`Index::adjacency`]).
const ANY_ORDER_MIN: usize = 3;
const ANY_ORDER_MAX: usize = 8;

/// True when `places` (field and position in the upper half, the number of the query word
/// found there in the lower; sorted in place here) hold `n` consecutive positions of one field
/// that are `n` different words of the query, and `ok` accepts the first of them.
fn side_by_side(places: &mut [u64], n: usize, ok: impl Fn(u64) -> bool) -> bool {
    places.sort_unstable();
    let at = |x: u64| x >> 32;
    let full = (1u32 << n) - 1;
    // The last (at most n) places of a run of consecutive places, with the words found on
    // each.
    let mut run = [0u32; ANY_ORDER_MAX];
    let mut len = 0;
    let mut last = u64::MAX;
    let mut i = 0;
    while i < places.len() {
        let p = at(places[i]);
        let mut words = 0u32;
        while i < places.len() && at(places[i]) == p {
            words |= 1 << (places[i] & 0xFFFF_FFFF);
            i += 1;
        }
        // Positions restart at each field: a place at position 0 starts a new run.
        if last == u64::MAX || p != last + 1 || p & 0xFFFF == 0 {
            len = 0;
        }
        last = p;
        if len == n {
            run.copy_within(1..n, 0);
            len -= 1;
        }
        run[len] = words;
        len += 1;
        if len == n && covers(&run[..n], full) && ok(p - (n as u64 - 1)) {
            return true;
        }
    }
    false
}

/// True when each place of `run` can be given a different word it holds, together all of
/// `full` (a run is short: every assignment is tried).
fn covers(run: &[u32], full: u32) -> bool {
    fn assign(run: &[u32], used: u32, full: u32) -> bool {
        match run.split_first() {
            None => used == full,
            Some((&words, rest)) => {
                let mut free = words & !used;
                while free != 0 {
                    let w = free & free.wrapping_neg();
                    if assign(rest, used | w, full) {
                        return true;
                    }
                    free &= free - 1;
                }
                false
            }
        }
    }
    run.iter().fold(0, |a, &w| a | w) == full && assign(run, 0, full)
}

/// `plans` without the little words ([`Optional::Little`]) before the first other word and
/// after the last (all of them when every word is little): the words that say what is asked,
/// without the little words that frame a question ("what is gcm", "the crc").
pub(super) fn content_words(plans: &[Plan]) -> &[Plan] {
    &plans[content_range(plans)]
}

/// Where [`content_words`] are among `plans`.
pub(super) fn content_range(plans: &[Plan]) -> std::ops::Range<usize> {
    let first = plans.iter().position(|p| !p.is_little());
    let last = plans.iter().rposition(|p| !p.is_little());
    match (first, last) {
        (Some(a), Some(b)) => a..b + 1,
        _ => 0..plans.len(),
    }
}

/// Sorted union of sorted document lists (a bitset when they are large).
pub(super) fn union(lists: &[&[u32]], ndocs: usize) -> Vec<u32> {
    match lists {
        [] => Vec::new(),
        [one] => one.to_vec(),
        _ => union_unsorted(lists, ndocs),
    }
}

/// Sorted union of document lists in any order, with repeats (a bitset when they are large).
pub(super) fn union_unsorted(lists: &[&[u32]], ndocs: usize) -> Vec<u32> {
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
