#![allow(clippy::all, unused_parens, unused)]
// Temporary probe (not committed).
use std::time::Instant;
use treatykit_core::{authoring, catalog::Catalog, format, search::SearchOptions};
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let compiled =
        authoring::compile_dir(std::path::Path::new(&dir)).unwrap_or_else(|e| panic!("{e:?}"));
    let bytes = format::encode(&compiled);
    let t = Instant::now();
    let c = Catalog::from_bytes(&bytes).unwrap();
    println!(
        "decode+index {:?}, {} docs",
        t.elapsed(),
        c.documents().len()
    );
    for _ in 0..std::env::var("SPLITS")
        .ok()
        .and_then(|x| x.parse().ok())
        .unwrap_or(3)
    {
        split(&bytes);
    }
    let qs: Vec<String> = std::fs::read_to_string("bench/embedded-queries.mjs")
        .unwrap()
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            l.strip_prefix('\'')
                .and_then(|r| r.split('\'').next())
                .map(String::from)
        })
        .collect();
    let qs: Vec<&str> = qs.iter().map(String::as_str).collect();
    let n = std::env::var("N")
        .ok()
        .and_then(|x| x.parse().ok())
        .unwrap_or(2000);
    let opts = SearchOptions::default();
    for q in qs {
        let t = Instant::now();
        for _ in 0..n {
            let _ = treatykit_core::search::json::results(&c.search(q, &opts).unwrap());
        }
        let r = c.search(q, &opts).unwrap();
        println!(
            "{q:>16}: {:>6.1}us total {:>3} relaxed {} top {:?}",
            t.elapsed().as_nanos() as f64 / n as f64 / 1000.0,
            r.total,
            r.relaxed,
            r.hits
                .iter()
                .take(3)
                .map(|h| h.id.as_str())
                .collect::<Vec<_>>()
        );
    }
}
#[allow(dead_code)]
fn split(bytes: &[u8]) {
    let t = Instant::now();
    let compiled = format::decode(bytes).unwrap();
    let t1 = t.elapsed();
    let docs = treatykit_core::corpus_docs::documents(&compiled.corpus);
    let t2 = t.elapsed();
    let ix = treatykit_core::search::Index::new(
        docs.clone(),
        &treatykit_core::corpus_docs::FACET_FIELDS,
    );
    let t3 = t.elapsed();
    let _r = treatykit_core::rights::Rights::new(&compiled.corpus);
    let t4 = t.elapsed();
    println!(
        "decode {t1:?} documents {:?} index {:?} rights {:?}; terms {}",
        t2 - t1,
        t3 - t2,
        t4 - t3,
        ix.term_count()
    );
}
