//! Validates a corpus folder and prints what it holds, or every problem as `file: id: message`.
//! `cargo run -p treatykit-core --features authoring --example corpus_check -- corpus`

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "corpus".into());
    match treatykit_core::authoring::compile_dir(std::path::Path::new(&dir)) {
        Ok(compiled) => {
            let bytes = treatykit_core::format::encode(&compiled);
            let c = &compiled.corpus;
            println!(
                "corpus OK: {} resources, {} instruments, {} chapters, {} categories, {} rights, {} objectives, {} principles; format version {}, {} bytes",
                c.resources.len(),
                c.instruments.len(),
                c.chapters.len(),
                c.categories.len(),
                c.rights.len(),
                c.objectives.len(),
                c.principles.len(),
                treatykit_core::format::FORMAT_VERSION,
                bytes.len()
            );
        }
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!("{} problem(s)", problems.len());
            std::process::exit(1);
        }
    }
}
