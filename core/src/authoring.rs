//! Reading the human-editable corpus: every `*.toml` under a folder, parsed into the schema and
//! validated. Used by `build.rs` and by `examples/corpus_check.rs`; not compiled into the wasm.

use crate::facets::FacetIndex;
use crate::format::Compiled;
use crate::schema::Corpus;
use crate::validate::{Problem, validate};
use std::path::{Path, PathBuf};

/// Every `*.toml` file below `dir`, sorted by path.
pub fn data_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Parses one data file's text; a syntax or schema error becomes a [`Problem`].
pub fn parse_file(name: &str, text: &str) -> Result<Corpus, Problem> {
    toml::from_str::<Corpus>(text).map_err(|e| Problem {
        file: name.to_string(),
        id: "-".into(),
        message: e.to_string().replace('\n', " "),
    })
}

/// Loads, parses and validates every data file below `dir`, and compiles the result.
/// File names in problems are relative to `dir`'s parent (e.g. `corpus/rights/civil.toml`).
pub fn compile_dir(dir: &Path) -> Result<Compiled, Vec<Problem>> {
    let files = data_files(dir).map_err(|e| {
        vec![Problem {
            file: dir.display().to_string(),
            id: "-".into(),
            message: e.to_string(),
        }]
    })?;
    let base = dir.parent().unwrap_or(dir);
    let mut parsed = Vec::new();
    let mut problems = Vec::new();
    for path in &files {
        let name = path
            .strip_prefix(base)
            .unwrap_or(path)
            .display()
            .to_string();
        match std::fs::read_to_string(path) {
            Ok(text) => match parse_file(&name, &text) {
                Ok(c) => parsed.push((name, c)),
                Err(p) => problems.push(p),
            },
            Err(e) => problems.push(Problem {
                file: name,
                id: "-".into(),
                message: e.to_string(),
            }),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let corpus = validate(&parsed)?;
    let compiled = compile(corpus);
    check_searchable(&compiled)?;
    Ok(compiled)
}

/// Refuses a corpus with an entry too long to be searched in full (more than
/// [`crate::limits::MAX_RECORD_WORDS`] words), rather than leave its end unsearchable.
pub fn check_searchable(compiled: &Compiled) -> Result<(), Vec<Problem>> {
    let docs = crate::corpus_docs::documents(&compiled.corpus);
    let index = crate::search::Index::new(docs, &crate::corpus_docs::FACET_FIELDS);
    match index.over_long_document() {
        None => Ok(()),
        Some((_, id)) => Err(vec![Problem {
            file: "-".into(),
            id: id.to_string(),
            message: format!(
                "has more than {} words of searchable text; split it or shorten it",
                crate::limits::MAX_RECORD_WORDS
            ),
        }]),
    }
}

/// Precomputes what queries need from a validated corpus.
pub fn compile(corpus: Corpus) -> Compiled {
    let docs = crate::corpus_docs::documents(&corpus);
    Compiled {
        facets: FacetIndex::build(&docs),
        corpus,
    }
}

/// The real corpus (`corpus/`) and the test fixture (`core/tests/fixtures/mini`), compiled:
/// what unit tests check a runtime shortcut against. The name is the folder, for messages.
#[cfg(test)]
pub(crate) fn test_corpora() -> Vec<(&'static str, Compiled)> {
    ["../corpus", "tests/fixtures/mini"]
        .into_iter()
        .map(|dir| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            (dir, compile_dir(&path).expect("test corpora are valid"))
        })
        .collect()
}
