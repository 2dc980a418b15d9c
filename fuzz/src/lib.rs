//! Shared set-up of the fuzz targets: the catalog they search, built once per process from a
//! corpus folder (the small fixture by default; `TREATYKIT_FUZZ_CORPUS_DIR` picks another, e.g.
//! `corpus/`), and its encoded bytes, which `corpus_decode` mutates.

use std::path::PathBuf;
use std::sync::OnceLock;
use treatykit_core::catalog::Catalog;
use treatykit_core::format;

/// The corpus folder the targets load.
pub fn corpus_dir() -> PathBuf {
    match std::env::var_os("TREATYKIT_FUZZ_CORPUS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../core/tests/fixtures/mini"
        )),
    }
}

/// The encoded corpus binary of [`corpus_dir`], compiled once.
pub fn corpus_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let dir = corpus_dir();
        let compiled = treatykit_core::authoring::compile_dir(&dir).unwrap_or_else(|problems| {
            let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
            panic!(
                "fuzz corpus {} does not validate:\n{}",
                dir.display(),
                list.join("\n")
            )
        });
        format::encode(&compiled)
    })
}

/// The catalog of [`corpus_dir`], decoded once.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::from_bytes(corpus_bytes()).expect("the fixture decodes"))
}

/// Byte offset where the payload starts in an encoded corpus (magic, version, length).
pub const PAYLOAD_START: usize = 8 + 2 + 4;

/// Wraps `payload` in a valid header and checksum, so that the fuzzer's bytes reach the payload
/// decoder instead of being stopped by the checksum.
pub fn wrap_payload(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(PAYLOAD_START + payload.len() + 4);
    out.extend_from_slice(&format::MAGIC);
    out.extend_from_slice(&format::FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&format::checksum(payload).to_le_bytes());
    out
}
