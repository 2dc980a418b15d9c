//! Compiles `corpus/**/*.toml` into the versioned binary embedded in the wasm
//! (`$OUT_DIR/corpus.bin`). Any data problem fails the build with `file: record id: what is wrong`.

use std::path::Path;

fn main() {
    // TREATYKIT_CORPUS_DIR builds the package over another corpus folder (tests, forks).
    println!("cargo:rerun-if-env-changed=TREATYKIT_CORPUS_DIR");
    let dir = match std::env::var_os("TREATYKIT_CORPUS_DIR") {
        Some(d) => std::path::PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
    };
    println!("cargo:rerun-if-changed={}", dir.display());
    for f in treatykit_core::authoring::data_files(&dir).expect("read corpus/") {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    match treatykit_core::authoring::compile_dir(&dir) {
        Ok(compiled) => {
            let bytes = treatykit_core::format::encode(&compiled);
            let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("corpus.bin");
            std::fs::write(&out, bytes).expect("write corpus.bin");
        }
        Err(problems) => {
            for p in &problems {
                eprintln!("corpus error: {p}");
                println!("cargo:warning=corpus error: {p}");
            }
            panic!(
                "the corpus has {} problem(s); see the lines above",
                problems.len()
            );
        }
    }
}
