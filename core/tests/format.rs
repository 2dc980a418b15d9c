//! The binary format: round trip, golden bytes, and typed rejection of every corruption.

use treatykit_core::authoring::compile_dir;
use treatykit_core::format::{FORMAT_VERSION, MAGIC, decode, encode};
use treatykit_core::{Code, catalog::Catalog};

fn fixture_bytes() -> Vec<u8> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    encode(&compile_dir(&dir).expect("fixture is valid"))
}

#[test]
fn decode_of_encode_gives_equal_data() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    let compiled = compile_dir(&dir).unwrap();
    assert_eq!(decode(&encode(&compiled)).unwrap(), compiled);
}

#[test]
fn the_fixture_encodes_to_the_committed_golden_binary() {
    let golden_path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini.bin");
    let bytes = fixture_bytes();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden_path, &bytes).unwrap();
    }
    let golden =
        std::fs::read(&golden_path).expect("golden binary exists (UPDATE_GOLDEN=1 writes it)");
    assert!(
        bytes == golden,
        "the encoding changed: if intended, bump FORMAT_VERSION when old binaries can no longer be read, then run UPDATE_GOLDEN=1 cargo test"
    );
    // And the golden binary still decodes.
    Catalog::from_bytes(&golden).unwrap();
}

#[test]
fn every_corruption_is_a_typed_corpus_invalid_error() {
    let good = fixture_bytes();
    let mut wrong_magic = good.clone();
    wrong_magic[0] = b'X';
    let mut wrong_version = good.clone();
    wrong_version[8..10].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    let truncated = good[..good.len() - 7].to_vec();
    let mut trailing = good.clone();
    trailing.extend_from_slice(b"extra");
    let mut flipped = good.clone();
    let mid = good.len() / 2;
    flipped[mid] ^= 0x55;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", vec![], "magic"),
        ("wrong magic", wrong_magic, "magic"),
        ("magic only", MAGIC.to_vec(), "truncated"),
        ("wrong version", wrong_version, "version"),
        ("truncated", truncated, "truncated"),
        ("trailing bytes", trailing, "trailing"),
        ("flipped byte", flipped, "checksum"),
    ];
    for (what, bytes, needle) in cases {
        let err = decode(&bytes).expect_err(what);
        assert_eq!(err.code, Code::CorpusInvalid, "{what}");
        assert!(err.message.contains(needle), "{what}: {}", err.message);
    }
}

#[test]
fn the_checksum_changes_with_any_flipped_bit_and_with_the_length() {
    let payload: Vec<u8> = (0..77u32).map(|i| (i * 37 % 251) as u8).collect();
    let base = treatykit_core::format::checksum(&payload);
    // Every bit of every byte, the zero-padded tail included.
    for i in 0..payload.len() {
        for bit in 0..8 {
            let mut p = payload.clone();
            p[i] ^= 1 << bit;
            assert_ne!(
                treatykit_core::format::checksum(&p),
                base,
                "byte {i} bit {bit}"
            );
        }
    }
    // Zero bytes appended to the tail would pad alike: the length tells them apart.
    let mut longer = payload.clone();
    longer.push(0);
    assert_ne!(treatykit_core::format::checksum(&longer), base);
    assert_ne!(
        treatykit_core::format::checksum(&[]),
        treatykit_core::format::checksum(&[0])
    );
}

#[test]
fn the_readme_states_the_format_version_the_code_writes() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let readme = std::fs::read_to_string(path).expect("README.md beside core/");
    // The sentence may wrap: compare with its whitespace collapsed.
    let text = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    let stated: Vec<&str> = text
        .match_indices("format version ")
        .map(|(at, m)| {
            let rest = &text[at + m.len()..];
            &rest[..rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len())]
        })
        .filter(|n| !n.is_empty())
        .collect();
    assert!(!stated.is_empty(), "the README states the format version");
    for n in stated {
        assert_eq!(
            n,
            FORMAT_VERSION.to_string(),
            "README.md says format version {n}"
        );
    }
}
