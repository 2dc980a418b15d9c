//! Helpers shared by the integration tests (`mod common;`).

/// The texts `ranges` (UTF-16 `[start, end)` pairs) mark in `text`.
pub fn marked(text: &str, ranges: &[[u32; 2]]) -> Vec<String> {
    let units: Vec<u16> = text.encode_utf16().collect();
    ranges
        .iter()
        .map(|&[a, b]| String::from_utf16(&units[a as usize..b as usize]).unwrap())
        .collect()
}
