//! The one binary format of the embedded corpus, written by `build.rs` and read by the runtime.
//!
//! Layout (all integers little-endian):
//!
//! | bytes | content |
//! |---|---|
//! | 8 | magic `TKCORPUS` |
//! | 2 | format version ([`FORMAT_VERSION`]) |
//! | 4 | payload length `n` |
//! | n | payload: [`Compiled`] in postcard encoding (read back by the hand-written `wire` module) |
//! | 4 | [`checksum`] of the payload |
//!
//! Versions: 1, the first; 2, categories carry `inherits_assumed` (which inheritance links are
//! assumptions); 3, the checksum reads eight bytes per step.
//!
//! Decoding never panics: wrong magic, another version, truncation, trailing bytes, a bad
//! checksum or a malformed payload each give a typed [`Error`] with code `CORPUS_INVALID`.

mod wire;

use crate::error::Error;
use crate::facets::FacetIndex;
use crate::schema::Corpus;
use serde::{Deserialize, Serialize};

/// First eight bytes of every corpus binary.
pub const MAGIC: [u8; 8] = *b"TKCORPUS";
/// Version of the layout and of the payload's schema. Bump it on any change to either.
pub const FORMAT_VERSION: u16 = 6;
const HEADER: usize = 8 + 2 + 4;
const TRAILER: usize = 4;

/// What the binary holds: the validated corpus and what queries need precomputed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Compiled {
    /// The validated corpus.
    pub corpus: Corpus,
    /// Facet value → document numbers, in [`crate::corpus_docs::documents`] order.
    pub facets: FacetIndex,
}

/// A cheap guard against corrupted bytes (not a security measure): FNV-1a's xor-multiply
/// step over the bytes read as little-endian 64-bit words (the last one zero-padded), with the
/// length mixed in, folded to 32 bits. Eight bytes per step instead of one: the whole corpus is
/// checked before the first answer, in code that the browser has not optimised yet.
pub fn checksum(bytes: &[u8]) -> u32 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let w = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        h = (h ^ w).wrapping_mul(PRIME);
    }
    let tail = words.remainder();
    if !tail.is_empty() {
        let mut w = [0u8; 8];
        w[..tail.len()].copy_from_slice(tail);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(PRIME);
    }
    (h ^ h >> 32) as u32
}

/// Encodes `compiled` into the binary format.
pub fn encode(compiled: &Compiled) -> Vec<u8> {
    let payload =
        postcard::to_allocvec(compiled).expect("postcard encoding into a Vec cannot fail");
    let mut out = Vec::with_capacity(HEADER + payload.len() + TRAILER);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&checksum(&payload).to_le_bytes());
    out
}

/// Decodes a corpus binary, checking every part of the layout.
pub fn decode(bytes: &[u8]) -> Result<Compiled, Error> {
    if bytes.len() < MAGIC.len() || bytes[..MAGIC.len()] != MAGIC {
        return Err(Error::corpus(
            "not a treatykit corpus: the magic header TKCORPUS is missing",
        ));
    }
    if bytes.len() < HEADER {
        return Err(Error::corpus(format!(
            "truncated corpus: {} bytes, the header alone needs {HEADER}",
            bytes.len()
        )));
    }
    let version = u16::from_le_bytes([bytes[8], bytes[9]]);
    if version != FORMAT_VERSION {
        return Err(Error::corpus(format!(
            "corpus format version {version} is not supported (this build reads version {FORMAT_VERSION}); rebuild the corpus"
        )));
    }
    let len = u32::from_le_bytes([bytes[10], bytes[11], bytes[12], bytes[13]]) as usize;
    let body = &bytes[HEADER..];
    let needed = len
        .checked_add(TRAILER)
        .ok_or_else(|| Error::corpus("corpus payload length overflows"))?;
    if body.len() < needed {
        return Err(Error::corpus(format!(
            "truncated corpus: payload says {len} bytes, {} remain",
            body.len().saturating_sub(TRAILER)
        )));
    }
    if body.len() > needed {
        return Err(Error::corpus(format!(
            "corpus has {} trailing bytes after its checksum",
            body.len() - needed
        )));
    }
    let payload = &body[..len];
    let stored = u32::from_le_bytes([body[len], body[len + 1], body[len + 2], body[len + 3]]);
    if stored != checksum(payload) {
        return Err(Error::corpus(
            "corpus checksum mismatch: the bytes are corrupted",
        ));
    }
    wire::compiled(payload)
}
