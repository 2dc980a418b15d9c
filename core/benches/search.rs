//! Rust-side search benchmarks (`cargo bench -p treatykit-core --bench search`):
//!
//! - `embedded/*`: decoding the embedded corpus and building its index, and queries a
//!   visitor types (names, abbreviations, topics, typos, prefixes) as JSON text and as the
//!   compact answers the wasm hands to JavaScript;
//! - `records/*`: `Index.fromRecords` on 5,000 generated records (build, exact, typo and
//!   prefix queries);
//! - `udhr/*`: the same on a JSON array of `{ id, lang, title, body }` records when
//!   `TREATYKIT_BENCH_RECORDS` holds the absolute path of such a file; skipped otherwise.
//!   The UDHR corpus of the JavaScript benchmark:
//!   `node -e "import('./bench/udhr.mjs').then(m => process.stdout.write(JSON.stringify(m.loadUdhr())))" > target/udhr.json`
//!   then `TREATYKIT_BENCH_RECORDS=$PWD/target/udhr.json cargo bench -p treatykit-core --bench search -- udhr`.
//!
//! The JavaScript numbers (through the wasm API) come from `make bench`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use treatykit_core::catalog::Catalog;
use treatykit_core::records::{self, Json};
use treatykit_core::search::compact::Delivered;
use treatykit_core::search::{Index, SearchOptions};
use treatykit_core::{authoring, format};

const EMBEDDED_QUERIES: [&str; 16] = [
    "refugee",
    "non-refoulement",
    "refoulment",
    "stateless persons",
    "vccr",
    "1951 conv",
    "migrant workres",
    "family reunification",
    "right to work",
    "arbitrary detention",
    "asyl",
    "gcm objective",
    "discrimination against women",
    "freedom of movement",
    "interntional law",
    "mig",
];

fn embedded(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let bytes = format::encode(&authoring::compile_dir(&dir).expect("corpus/ is valid"));
    c.bench_function("embedded/decode+index", |b| {
        b.iter(|| {
            let catalog = Catalog::from_bytes(black_box(&bytes)).unwrap();
            catalog.index().warm();
            catalog
        })
    });
    let catalog = Catalog::from_bytes(&bytes).unwrap();
    let opts = SearchOptions::default();
    c.bench_function("embedded/query (16 queries)", |b| {
        b.iter(|| {
            for q in EMBEDDED_QUERIES {
                black_box(catalog.search_json(black_box(q), &opts).unwrap());
            }
        })
    });
    // What the wasm does: compact answers, with every document already sent.
    let mut sent = Delivered::new();
    c.bench_function("embedded/query compact (16 queries)", |b| {
        b.iter(|| {
            for q in EMBEDDED_QUERIES {
                black_box(
                    catalog
                        .index()
                        .search_compact(black_box(q), &opts, &mut sent)
                        .unwrap(),
                );
            }
        })
    });
}

fn s(x: &str) -> Json {
    Json::Str(x.into())
}

fn map(pairs: Vec<(&str, Json)>) -> Json {
    Json::Map(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn schema() -> Json {
    map(vec![
        ("id", s("id")),
        ("title", s("title")),
        (
            "fields",
            map(vec![
                ("title", map(vec![("boost", Json::Num(2.0))])),
                ("body", map(vec![])),
            ]),
        ),
        ("facets", Json::List(vec![s("lang")])),
    ])
}

/// Pseudo-words spelled from syllables: word number `rank` of a 30,000-word vocabulary,
/// drawn log-uniformly (roughly Zipf: a few frequent words, a long tail).
fn generated(n: usize) -> Vec<Json> {
    let syllables = [
        "ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zi", "pa", "do", "gu", "be", "fi",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut rnd = move |m: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % m as u64) as usize
    };
    let word = |rnd: &mut dyn FnMut(usize) -> usize| {
        let rank = (30_000f64.powf(rnd(10_000) as f64 / 10_000.0)) as usize;
        let mut x = rank;
        let mut w = String::new();
        loop {
            w.push_str(syllables[x % syllables.len()]);
            x /= syllables.len();
            if x == 0 {
                break;
            }
        }
        w
    };
    (0..n)
        .map(|i| {
            let title: Vec<String> = (0..4).map(|_| word(&mut rnd)).collect();
            let body: Vec<String> = (0..60 + rnd(80)).map(|_| word(&mut rnd)).collect();
            map(vec![
                ("id", s(&format!("r{i}"))),
                ("title", s(&title.join(" "))),
                ("body", s(&body.join(" "))),
                ("lang", s(["en", "fr", "es"][i % 3])),
            ])
        })
        .collect()
}

/// Exact (3 consecutive body words), one-typo and prefix queries drawn from the records.
fn queries(recs: &[Json]) -> [Vec<String>; 3] {
    let mut out = [Vec::new(), Vec::new(), Vec::new()];
    for (i, r) in recs.iter().enumerate().step_by(recs.len() / 200 + 1) {
        let Some(Json::Str(body)) = r.get("body") else {
            continue;
        };
        let words: Vec<&str> = body.split_whitespace().collect();
        if words.len() < 8 {
            continue;
        }
        let at = i % (words.len() - 3);
        let q = &words[at..at + 3];
        out[0].push(q.join(" "));
        let mut typo: Vec<char> = q[1].chars().collect();
        if typo.len() >= 5 {
            typo.swap(1, 2);
        }
        out[1].push(format!(
            "{} {} {}",
            q[0],
            typo.iter().collect::<String>(),
            q[2]
        ));
        let cut: String = q[2].chars().take(3).collect();
        out[2].push(format!("{} {} {cut}", q[0], q[1]));
    }
    out
}

fn bench_records(c: &mut Criterion, name: &str, recs: Vec<Json>) {
    let [exact, typo, prefix] = queries(&recs);
    let mut group = c.benchmark_group(name);
    group.sample_size(10);
    group.bench_function("build", |b| {
        b.iter(|| records::index(black_box(recs.clone()), &schema()).unwrap())
    });
    let index: Index = records::index(recs, &schema()).unwrap();
    let opts = SearchOptions::default();
    for (class, qs) in [("exact", &exact), ("typo", &typo), ("prefix", &prefix)] {
        group.bench_function(format!("query {class} ({} queries)", qs.len()), |b| {
            b.iter(|| {
                for q in qs {
                    black_box(index.search_json(q, &opts).unwrap());
                }
            })
        });
    }
    group.finish();
}

fn generated_records(c: &mut Criterion) {
    bench_records(c, "records", generated(5_000));
}

fn udhr(c: &mut Criterion) {
    let Ok(path) = std::env::var("TREATYKIT_BENCH_RECORDS") else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("TREATYKIT_BENCH_RECORDS is readable");
    let value: serde_json::Value = serde_json::from_str(&text).expect("a JSON array of records");
    fn to_json(v: &serde_json::Value) -> Json {
        match v {
            serde_json::Value::Null => Json::Null,
            serde_json::Value::Bool(b) => Json::Bool(*b),
            serde_json::Value::Number(n) => Json::Num(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::String(s) => Json::Str(s.clone()),
            serde_json::Value::Array(a) => Json::List(a.iter().map(to_json).collect()),
            serde_json::Value::Object(o) => {
                Json::Map(o.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
            }
        }
    }
    let recs = match to_json(&value) {
        Json::List(l) => l,
        _ => panic!("TREATYKIT_BENCH_RECORDS must hold a JSON array"),
    };
    bench_records(c, "udhr", recs);
}

criterion_group!(benches, embedded, generated_records, udhr);
criterion_main!(benches);
