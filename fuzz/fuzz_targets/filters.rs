//! Structured arbitrary facet selections → facet counts: never a panic, and every count equals a
//! brute-force count over the documents.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use treatykit_fuzz::catalog;

#[derive(Debug, Arbitrary)]
struct Input {
    /// A facet field: an index into the real ones, or an arbitrary name.
    field: Result<u8, String>,
    /// Document selection as a bit set over document numbers.
    members: Vec<u8>,
}

fuzz_target!(|input: Input| {
    let catalog = catalog();
    let names: Vec<&str> = catalog
        .facet_index()
        .fields
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    let field = match &input.field {
        Ok(i) if !names.is_empty() => names[usize::from(*i) % names.len()].to_string(),
        Ok(_) => String::new(),
        Err(s) => s.clone(),
    };
    let member = |d: u32| {
        let d = d as usize;
        input
            .members
            .get(d / 8)
            .is_some_and(|b| b & (1 << (d % 8)) != 0)
    };
    let counts = catalog.facet_index().counts(&field, member);
    for c in &counts {
        let brute = catalog
            .documents()
            .iter()
            .enumerate()
            .filter(|(n, d)| member(*n as u32) && d.has_facet(&field, &c.value))
            .count();
        assert_eq!(c.count as usize, brute, "{field}={}", c.value);
    }
});
