//! Arbitrary bytes → `format::decode` and `Catalog::from_bytes`: never a panic, and whatever
//! decodes re-encodes to bytes that decode to the same value.
//!
//! The first byte picks how the rest is used, so that the fuzzer reaches past each guard:
//! 0 → the bytes as they are (magic, version, length and checksum checks);
//! 1 → the bytes as a payload inside a valid header and checksum (the payload reader);
//! 2 → the fixture's real payload with the input's bytes XOR-ed in at chosen offsets, then
//!     re-wrapped (deep, structure-aware corruption of a real corpus).
#![no_main]

use libfuzzer_sys::fuzz_target;
use treatykit_core::catalog::Catalog;
use treatykit_core::format;
use treatykit_core::search::SearchOptions;
use treatykit_fuzz::{PAYLOAD_START, corpus_bytes, wrap_payload};

fn mutate_fixture(edits: &[u8]) -> Vec<u8> {
    let real = corpus_bytes();
    let mut payload = real[PAYLOAD_START..real.len() - 4].to_vec();
    // Each edit is 3 bytes: a 16-bit offset (scaled to the payload) and a byte to XOR in.
    for e in edits.chunks_exact(3) {
        let at = usize::from(u16::from_le_bytes([e[0], e[1]])) * payload.len() / 65536;
        payload[at] ^= e[2];
    }
    // A trailing odd byte truncates or extends the payload.
    if edits.len() % 3 == 1 {
        let cut = usize::from(edits[edits.len() - 1]);
        payload.truncate(payload.len().saturating_sub(cut));
    } else if edits.len() % 3 == 2 {
        payload.extend_from_slice(&edits[edits.len() - 2..]);
    }
    wrap_payload(&payload)
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        let _ = format::decode(data);
        return;
    };
    let bytes = match mode % 3 {
        0 => rest.to_vec(),
        1 => wrap_payload(rest),
        _ => mutate_fixture(rest),
    };
    match format::decode(&bytes) {
        Ok(compiled) => {
            let again =
                format::decode(&format::encode(&compiled)).expect("re-encoded bytes decode");
            assert_eq!(again, compiled, "decode(encode(x)) == x");
        }
        Err(e) => assert_eq!(e.code.as_str(), "CORPUS_INVALID"),
    }
    if let Ok(catalog) = Catalog::from_bytes(&bytes) {
        // A decoded (but never validated) corpus must still be searchable without a panic.
        let _ = catalog.info();
        for q in ["refugee", "stat", "a b c"] {
            let _ = catalog.search(q, &SearchOptions::default());
        }
    }
});
