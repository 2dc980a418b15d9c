#![allow(clippy::all, unused_parens, unused)]
// Temporary probe (not committed): build time, memory and latency on a JSON records file.
use std::time::Instant;
use treatykit_core::records::{Json, Schema, documents};
use treatykit_core::search::{Index, SearchOptions};

fn to_json(v: &serde_json::Value) -> Json {
    match v {
        serde_json::Value::Null => Json::Null,
        serde_json::Value::Bool(b) => Json::Bool(*b),
        serde_json::Value::Number(n) => Json::Num(n.as_f64().unwrap()),
        serde_json::Value::String(s) => Json::Str(s.clone()),
        serde_json::Value::Array(a) => Json::List(a.iter().map(to_json).collect()),
        serde_json::Value::Object(o) => {
            Json::Map(o.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

fn main() {
    let path = std::env::args().nth(1).unwrap();
    let raw: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let recs: Vec<Json> = raw.as_array().unwrap().iter().map(to_json).collect();
    let schema = Schema::from_json(&to_json(&serde_json::json!({
        "id": "id", "title": "title", "fields": { "title": { "boost": 2 }, "body": {} }, "facets": ["lang"] }))).unwrap();
    let t = Instant::now();
    let docs = documents(recs.clone(), &schema).unwrap();
    let t1 = t.elapsed();
    let index = Index::new(docs, &["lang"]);
    let t2 = t.elapsed();
    println!(
        "records {} docs {:?} index {:?} terms {} heap {} MB",
        recs.len(),
        t1,
        t2 - t1,
        index.term_count(),
        index.heap_bytes() >> 20
    );
    if std::env::var("BUILD_ONLY").is_ok() {
        for _ in 0..4 {
            let docs = documents(recs.clone(), &schema).unwrap();
            let _ = Index::new(docs, &["lang"]);
        }
        return;
    }
    for (n, b) in index.heap_parts() {
        println!("  {n}: {:.1} MB", b as f64 / 1e6);
    }
    // queries
    let mut seed = 42u64;
    let mut rnd = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut exact = Vec::new();
    let mut typo = Vec::new();
    let mut prefix = Vec::new();
    while exact.len() < 300 {
        let i = rnd(recs.len());
        let body = match recs[i].get("body") {
            Some(Json::Str(s)) => s.clone(),
            _ => continue,
        };
        let id = match recs[i].get("id") {
            Some(Json::Str(s)) => s.clone(),
            _ => continue,
        };
        let words: Vec<&str> = body
            .split_whitespace()
            .filter(|w| w.chars().all(|c| c.is_alphabetic()))
            .collect();
        if words.len() < 6 {
            continue;
        }
        let s = rnd(words.len() - 3);
        let q: Vec<&str> = words[s..s + 3].to_vec();
        exact.push((q.join(" "), id.clone()));
        // typo on the longest word
        let (wi, w) = q
            .iter()
            .enumerate()
            .max_by_key(|(_, w)| w.chars().count())
            .unwrap();
        let mut cs: Vec<char> = w.chars().collect();
        if cs.len() < 5 {
            continue;
        }
        let p = 1 + rnd(cs.len() - 2);
        match rnd(4) {
            0 => {
                cs.swap(p, p + 1);
            }
            1 => {
                cs.remove(p);
            }
            2 => {
                cs.insert(p, 'x');
            }
            _ => {
                cs[p] = 'q';
            }
        }
        let mut tq = q.clone();
        let tw: String = cs.iter().collect();
        tq[wi] = &tw;
        typo.push((tq.join(" "), id.clone()));
        let last: String = q[2]
            .chars()
            .take(q[2].chars().count().div_ceil(2))
            .collect();
        prefix.push((format!("{} {} {}", q[0], q[1], last), id));
    }
    let opts = SearchOptions::default();
    if std::env::var("LOOP").is_ok() {
        for _ in 0..60 {
            for (q, _) in (if std::env::var("LOOP").unwrap() == "typo" {
                typo.iter().chain(typo.iter()).chain(typo.iter())
            } else {
                exact.iter().chain(typo.iter()).chain(prefix.iter())
            }) {
                let _ = index.search(q, &opts);
            }
        }
        return;
    }
    for (name, set) in [("exact", &exact), ("typo", &typo), ("prefix", &prefix)] {
        let mut times = Vec::new();
        let mut hit = 0;
        let mut slow = Vec::new();
        let mut misses = Vec::new();
        for (q, id) in set.iter() {
            let t = Instant::now();
            let r = index.search(q, &opts).unwrap();
            let us = t.elapsed().as_nanos() as f64 / 1000.0;
            times.push(us);
            slow.push((us as u64, q.clone(), r.total));
            if r.hits.iter().any(|h| &h.id == id) {
                hit += 1;
            } else {
                misses.push((
                    q.clone(),
                    id.clone(),
                    r.total,
                    r.relaxed,
                    r.hits
                        .iter()
                        .take(3)
                        .map(|h| h.id.clone())
                        .collect::<Vec<_>>(),
                ));
            }
        }
        slow.sort();
        slow.reverse();
        if std::env::var("SLOW").is_ok() {
            for s in slow.iter().take(6) {
                println!("   slow {s:?}");
            }
            for m in misses.iter().take(8) {
                println!("   miss {m:?}");
            }
        }
        times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!(
            "{name}: p50 {:.1}us p99 {:.1}us max {:.1}us recall@10 {:.3}",
            times[times.len() / 2],
            times[times.len() * 99 / 100],
            times[times.len() - 1],
            hit as f64 / set.len() as f64
        );
    }
    for q in [
        "te iti tangaxta",
        "heshima na si",
        "ma a ma",
        "aggapu kadagiti aniamxana",
    ] {
        let _ = index.search(q, &opts);
    }
    for q in [
        "refugee",
        "r",
        "de",
        "human rights",
        "droits de l'homme",
        "人人",
        "Всеобщая декларация",
        "univresal declaration",
    ] {
        let t = Instant::now();
        let r = index.search(q, &opts).unwrap();
        println!(
            "{q:?}: total {} in {:?}; top {:?}",
            r.total,
            t.elapsed(),
            r.hits
                .iter()
                .take(3)
                .map(|h| (&h.id, &h.title, h.score))
                .collect::<Vec<_>>()
        );
    }
}
