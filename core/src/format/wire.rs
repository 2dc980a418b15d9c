//! Reads the payload of a corpus binary: [`Compiled`] as `build.rs` wrote it with postcard,
//! decoded by hand.
//!
//! Why not postcard's own decoder: through serde it becomes one 26 KB WebAssembly function
//! (every `Deserialize` impl inlined into it), which the browser must compile before the first
//! answer and then optimizes again in the background. These small readers do the same job in a
//! fraction of the code. The encoder stays postcard's, so postcard defines the wire format and
//! the tests compare this reader with it on real corpora.
//!
//! The postcard encoding of our types: structs are their fields in declaration order with no
//! tags; `u8` is one byte; `u16`, `u32` and lengths are LEB128 varints; `bool` is one byte 0 or
//! 1; strings and sequences are a varint length then the UTF-8 bytes or the items; `Option` is a
//! byte 0 (none) or 1 then the value; a unit enum variant is its index as a varint.

use crate::error::Error;
use crate::facets::{FacetField, FacetIndex, FacetPosting};
use crate::format::Compiled;
use crate::schema::{
    Anchor, Article, Category, CategoryGroup, Chapter, Confidence, Convention, Corpus, Instrument,
    KeyArticle, LegalStatus, Meta, Objective, Parties, Principle, Resource, Right, RightGroup,
    Term,
};

/// A cursor over the payload bytes. The first malformed value stops it: it records what and
/// where, and every later read gives an empty value without reading. Readers therefore never
/// return early, so the code has no error path per field (which made postcard's decoder large).
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    error: Option<Error>,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader {
            bytes,
            pos: 0,
            error: None,
        }
    }

    #[cold]
    #[inline(never)]
    fn fail(&mut self, what: &str) {
        if self.error.is_none() {
            self.error = Some(Error::corpus(format!(
                "corpus payload is malformed: {what} at byte {}",
                self.pos
            )));
        }
        self.pos = self.bytes.len();
    }

    fn byte(&mut self) -> u8 {
        match self.bytes.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                b
            }
            None => {
                self.fail("unexpected end");
                0
            }
        }
    }

    /// A LEB128 varint of at most `bits` bits.
    #[inline(never)]
    fn varint(&mut self, bits: u32) -> u32 {
        let mut value: u64 = 0;
        let mut shift = 0;
        loop {
            let Some(&b) = self.bytes.get(self.pos) else {
                self.fail("unexpected end");
                return 0;
            };
            self.pos += 1;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                break;
            }
            shift += 7;
            if shift >= bits.div_ceil(7) * 7 {
                self.fail("varint too long");
                return 0;
            }
        }
        if value >> bits != 0 {
            self.fail("number out of range");
            return 0;
        }
        value as u32
    }

    fn u16(&mut self) -> u16 {
        self.varint(16) as u16
    }

    fn u32(&mut self) -> u32 {
        self.varint(32)
    }

    /// A byte that must be 0 or 1; `what` names it in the error.
    #[inline(never)]
    fn flag(&mut self, what: &str) -> bool {
        match self.byte() {
            0 => false,
            1 => true,
            _ => {
                self.fail(what);
                false
            }
        }
    }

    fn bool(&mut self) -> bool {
        self.flag("bool that is neither 0 nor 1")
    }

    /// A length of items of at least one byte each: never more than the bytes left, so a
    /// corrupted length cannot reserve a huge allocation.
    #[inline(never)]
    fn len(&mut self) -> usize {
        let n = self.varint(32) as usize;
        if n > self.bytes.len() - self.pos {
            self.fail("length beyond the end");
            return 0;
        }
        n
    }

    #[inline(never)]
    fn string(&mut self) -> String {
        let n = self.len();
        match std::str::from_utf8(&self.bytes[self.pos..self.pos + n]) {
            Ok(s) => {
                self.pos += n;
                s.to_owned()
            }
            Err(_) => {
                self.fail("string that is not UTF-8");
                String::new()
            }
        }
    }

    fn strings(&mut self) -> Vec<String> {
        self.seq(Self::string)
    }

    fn seq<T>(&mut self, mut item: impl FnMut(&mut Self) -> T) -> Vec<T> {
        let n = self.len();
        let mut out = Vec::with_capacity(n);
        while out.len() < n && self.error.is_none() {
            out.push(item(self));
        }
        out
    }

    /// `Option`'s tag: whether a value follows.
    fn some(&mut self) -> bool {
        self.flag("option tag that is neither 0 nor 1")
    }

    fn option<T>(&mut self, value: impl FnOnce(&mut Self) -> T) -> Option<T> {
        self.some().then(|| value(self))
    }

    /// A unit enum variant: its index among `variants`.
    fn variant<T: Copy>(&mut self, variants: &[T]) -> T {
        let i = self.varint(32) as usize;
        match variants.get(i) {
            Some(&v) => v,
            None => {
                self.fail("unknown enum variant");
                variants[0]
            }
        }
    }
}

/// Decodes a whole payload; bytes left over are an error.
pub(super) fn compiled(payload: &[u8]) -> Result<Compiled, Error> {
    let mut r = Reader::new(payload);
    let compiled = Compiled {
        corpus: corpus(&mut r),
        facets: FacetIndex {
            fields: r.seq(facet_field),
        },
    };
    if let Some(e) = r.error {
        return Err(e);
    }
    if r.pos != payload.len() {
        return Err(Error::corpus(format!(
            "corpus payload has {} unread bytes",
            payload.len() - r.pos
        )));
    }
    Ok(compiled)
}

#[inline(never)]
fn corpus(r: &mut Reader) -> Corpus {
    Corpus {
        meta: r.option(|r| Meta {
            corpus_date: r.string(),
            edition: r.string(),
        }),
        types: r.seq(term),
        themes: r.seq(term),
        resources: r.seq(resource),
        instruments: r.seq(instrument),
        convention: r.option(convention),
        chapters: r.seq(chapter),
        articles: r.seq(article),
        categories: r.seq(category),
        rights: r.seq(right),
        objectives: r.seq(objective),
        principles: r.seq(principle),
    }
}

const CONFIDENCE: [Confidence; 3] = [Confidence::High, Confidence::Medium, Confidence::Low];
const LEGAL_STATUS: [LegalStatus; 3] = [
    LegalStatus::Binding,
    LegalStatus::NonBinding,
    LegalStatus::NonNormative,
];

#[inline(never)]
fn term(r: &mut Reader) -> Term {
    Term {
        id: r.string(),
        label: r.string(),
    }
}

#[inline(never)]
fn resource(r: &mut Reader) -> Resource {
    Resource {
        id: r.string(),
        seed: r.u16(),
        title: r.string(),
        title_identified: r.bool(),
        publisher: r.string(),
        year: r.option(Reader::u16),
        kind_of: r.string(),
        legal_status: r.variant(&LEGAL_STATUS),
        themes: r.strings(),
        gcm_objectives: r.seq(Reader::byte),
        categories: r.strings(),
        instrument: r.option(Reader::string),
        urls: r.strings(),
        summary: r.string(),
        confidence: r.variant(&CONFIDENCE),
        confidence_note: r.option(Reader::string),
        sources: r.strings(),
    }
}

#[inline(never)]
fn instrument(r: &mut Reader) -> Instrument {
    Instrument {
        id: r.string(),
        short_name: r.string(),
        title: r.string(),
        aliases: r.strings(),
        adopted: r.string(),
        in_force: r.option(Reader::string),
        body: r.string(),
        publisher: r.string(),
        binding: r.bool(),
        kind_of: r.string(),
        scope: r.string(),
        region: r.option(Reader::string),
        themes: r.strings(),
        categories: r.strings(),
        gcm_objectives: r.seq(Reader::byte),
        url: r.string(),
        url_checked: r.bool(),
        summary: r.string(),
        parties: r.option(|r| Parties {
            count: r.option(Reader::u16),
            as_of: r.option(Reader::string),
            source: r.string(),
            verified: r.bool(),
            note: r.option(Reader::string),
        }),
        articles: r.seq(|r| KeyArticle {
            article: r.string(),
            label: r.string(),
        }),
        sources: r.strings(),
    }
}

#[inline(never)]
fn convention(r: &mut Reader) -> Convention {
    Convention {
        id: r.string(),
        short_name: r.string(),
        title: r.string(),
        version: r.string(),
        year: r.u16(),
        article_count: r.u16(),
        chapter_count: r.byte(),
        summary: r.string(),
        drafted_by: r.string(),
        publication: r.string(),
        version_note: r.option(Reader::string),
        urls: r.strings(),
        sources: r.strings(),
    }
}

#[inline(never)]
fn chapter(r: &mut Reader) -> Chapter {
    Chapter {
        id: r.string(),
        number: r.byte(),
        numeral: r.string(),
        title: r.string(),
        title_certain: r.bool(),
        categories: r.strings(),
        summary: r.string(),
        certainty_note: r.option(Reader::string),
        sources: r.strings(),
    }
}

#[inline(never)]
fn article(r: &mut Reader) -> Article {
    Article {
        id: r.string(),
        number: r.u16(),
        chapter: r.byte(),
        heading: r.string(),
        summary: r.string(),
        sources: r.strings(),
    }
}

#[inline(never)]
fn category(r: &mut Reader) -> Category {
    Category {
        id: r.string(),
        label: r.string(),
        group: r.variant(&[CategoryGroup::Mimc, CategoryGroup::CrossCutting]),
        definition: r.string(),
        definition_source: r.string(),
        mimc_chapter: r.option(Reader::string),
        mimc_chapter_certain: r.bool(),
        inherits: r.strings(),
        inherits_established: r.bool(),
        inherits_note: r.option(Reader::string),
        inherits_assumed: r.strings(),
        search_terms: r.strings(),
    }
}

#[inline(never)]
fn right(r: &mut Reader) -> Right {
    Right {
        id: r.string(),
        name: r.string(),
        description: r.string(),
        // ALL lists the groups in declaration order, postcard's variant indices (tested).
        group: r.variant(&RightGroup::ALL),
        holders: r.strings(),
        note: r.option(Reader::string),
        anchors: r.seq(|r| Anchor {
            instrument: r.string(),
            article: r.string(),
            confidence: r.variant(&CONFIDENCE),
            verified: r.bool(),
        }),
        search_terms: r.strings(),
    }
}

#[inline(never)]
fn objective(r: &mut Reader) -> Objective {
    Objective {
        number: r.byte(),
        label: r.string(),
        short_label: r.string(),
        source: r.string(),
    }
}

#[inline(never)]
fn principle(r: &mut Reader) -> Principle {
    Principle {
        id: r.string(),
        label: r.string(),
        description: r.string(),
        source: r.string(),
    }
}

#[inline(never)]
fn facet_field(r: &mut Reader) -> FacetField {
    FacetField {
        name: r.string(),
        values: r.seq(|r| FacetPosting {
            value: r.string(),
            label: r.string(),
            docs: r.seq(Reader::u32),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Code;

    fn postcard_bytes(c: &Compiled) -> Vec<u8> {
        postcard::to_allocvec(c).unwrap()
    }

    /// A corpus where every optional field is set, every list has items and every enum
    /// variant occurs, with numbers at their limits and text outside ASCII.
    fn everything_set() -> Compiled {
        let s = |x: &str| x.to_string();
        let mut c = Compiled::default();
        c.corpus.meta = Some(Meta {
            corpus_date: s("2026-11-23"),
            edition: s("é ✓ 😀"),
        });
        c.corpus.types = vec![term_of("treaty"), term_of("report")];
        c.corpus.themes = vec![term_of("asylum")];
        for (i, status) in LEGAL_STATUS.into_iter().enumerate() {
            c.corpus.resources.push(Resource {
                id: format!("r{i}"),
                seed: u16::MAX - i as u16,
                year: Some(1951),
                legal_status: status,
                themes: vec![s("a"), s("b")],
                gcm_objectives: vec![0, 23, 255],
                instrument: Some(s("vccr")),
                urls: vec![s("https://example.org/ü")],
                confidence: CONFIDENCE[i],
                confidence_note: Some(s("note")),
                sources: vec![s("seed")],
                title_identified: i == 1,
                ..Resource::default()
            });
        }
        c.corpus.instruments.push(Instrument {
            id: s("vccr"),
            aliases: vec![s("Vienna")],
            in_force: Some(s("1967")),
            binding: true,
            region: Some(s("global")),
            parties: Some(Parties {
                count: Some(182),
                as_of: Some(s("2026")),
                source: s("UNTC"),
                verified: true,
                note: Some(s("n")),
            }),
            articles: vec![KeyArticle {
                article: s("36"),
                label: s("consular access"),
            }],
            gcm_objectives: vec![7],
            ..Instrument::default()
        });
        c.corpus.instruments.push(Instrument {
            parties: Some(Parties::default()),
            ..Instrument::default()
        });
        c.corpus.convention = Some(Convention {
            year: 2017,
            article_count: 213,
            chapter_count: 8,
            version_note: Some(s("v")),
            urls: vec![s("u")],
            ..Convention::default()
        });
        c.corpus.chapters.push(Chapter {
            number: 255,
            title_certain: true,
            certainty_note: Some(s("c")),
            ..Chapter::default()
        });
        c.corpus.articles.push(Article {
            number: 213,
            chapter: 8,
            ..Article::default()
        });
        for group in [CategoryGroup::Mimc, CategoryGroup::CrossCutting] {
            c.corpus.categories.push(Category {
                group,
                mimc_chapter: Some(s("IV")),
                mimc_chapter_certain: true,
                inherits: vec![s("visitor")],
                inherits_established: true,
                inherits_note: Some(s("x")),
                inherits_assumed: vec![s("visitor")],
                ..Category::default()
            });
        }
        for (i, group) in RightGroup::ALL.into_iter().enumerate() {
            c.corpus.rights.push(Right {
                id: format!("right-{i}"),
                group,
                holders: vec![s("refugee")],
                note: Some(s("n")),
                anchors: vec![Anchor {
                    instrument: s("vccr"),
                    article: s("36(1)(b)"),
                    confidence: CONFIDENCE[i % 3],
                    verified: i % 2 == 0,
                }],
                ..Right::default()
            });
        }
        c.corpus.objectives.push(Objective {
            number: 23,
            ..Objective::default()
        });
        c.corpus.principles.push(Principle::default());
        c.facets.fields.push(FacetField {
            name: s("theme"),
            values: vec![FacetPosting {
                value: s("asylum"),
                label: s("Asylum"),
                docs: vec![0, 127, 128, 16_383, 16_384, u32::MAX],
            }],
        });
        c
    }

    fn term_of(id: &str) -> Term {
        Term {
            id: id.to_string(),
            label: id.to_uppercase(),
        }
    }

    #[test]
    fn right_groups_are_listed_in_declaration_order_as_postcard_numbers_them() {
        for (i, g) in RightGroup::ALL.into_iter().enumerate() {
            assert_eq!(g as usize, i, "{g:?}");
        }
    }

    #[test]
    fn reads_back_what_postcard_wrote_for_every_field_and_variant() {
        let c = everything_set();
        assert_eq!(compiled(&postcard_bytes(&c)).unwrap(), c);
        let empty = Compiled::default();
        assert_eq!(compiled(&postcard_bytes(&empty)).unwrap(), empty);
    }

    #[test]
    fn reads_the_real_corpus_exactly_as_postcard_does() {
        for (dir, c) in crate::authoring::test_corpora() {
            let bytes = postcard_bytes(&c);
            let ours = compiled(&bytes).unwrap();
            let theirs: Compiled = postcard::from_bytes(&bytes).unwrap();
            assert_eq!(ours, theirs, "{dir}");
            assert_eq!(ours, c);
        }
    }

    #[test]
    fn every_truncation_and_every_extra_byte_is_a_typed_error() {
        let bytes = postcard_bytes(&everything_set());
        for cut in 0..bytes.len() {
            let err = compiled(&bytes[..cut]).expect_err("truncated");
            assert_eq!(err.code, Code::CorpusInvalid);
        }
        let mut longer = bytes.clone();
        longer.push(0);
        let err = compiled(&longer).unwrap_err();
        assert!(err.message.contains("1 unread bytes"), "{}", err.message);
    }

    #[test]
    fn malformed_values_are_named_with_their_position() {
        let cases: &[(&[u8], &str)] = &[
            (&[2], "option tag"),
            (&[1, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], "varint too long"),
            (&[1, 0xff, 0xff, 0xff, 0xff, 0x1f], "out of range"),
            (&[1, 5, b'a'], "length beyond the end"),
            (&[1, 1, 0xc3], "not UTF-8"),
        ];
        for (bytes, needle) in cases {
            let err = compiled(bytes).unwrap_err();
            assert_eq!(err.code, Code::CorpusInvalid);
            assert!(err.message.contains(needle), "{bytes:?}: {}", err.message);
            assert!(err.message.contains("at byte"), "{}", err.message);
        }
        let first_error = |bytes: &[u8], read: fn(&mut Reader)| {
            let mut r = Reader::new(bytes);
            read(&mut r);
            r.error.expect("an error").message
        };
        assert!(
            first_error(&[2], |r| {
                r.bool();
            })
            .contains("neither 0 nor 1")
        );
        assert!(
            first_error(&[3], |r| {
                r.variant(&[1, 2]);
            })
            .contains("variant")
        );
        // u16: 0x10000 does not fit.
        assert!(
            first_error(&[0x80, 0x80, 0x04], |r| {
                r.u16();
            })
            .contains("out of range")
        );
        // The first error is kept; later reads read nothing.
        let mut r = Reader::new(&[2, 0, 0]);
        assert!(!r.bool());
        assert_eq!((r.byte(), r.string()), (0, String::new()));
        assert!(r.error.unwrap().message.contains("bool"));
    }
}
