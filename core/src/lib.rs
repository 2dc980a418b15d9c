//! # treatykit-core
//!
//! All of treatykit's logic, in pure Rust: the corpus [`schema`], its [`validate`]-ion, the one
//! binary [`mod@format`] shared by `build.rs` and the runtime, the searchable [`document`] model,
//! [`facets`], [`search`], the [`rights`] lookup and the runtime [`catalog::Catalog`]. The wasm
//! crate at the repository root only converts arguments and results at the JavaScript boundary.
//!
//! ```
//! use treatykit_core::{authoring, format, catalog::Catalog, search::SearchOptions};
//! let corpus = authoring::parse_file("demo.toml", r#"
//!     [meta]
//!     corpus_date = "2026-11-23"
//!     edition = "demo"
//!     [[type]]
//!     id = "treaty"
//!     label = "Treaty"
//!     [[instrument]]
//!     id = "statelessness-1954"
//!     short_name = "1954 Convention"
//!     title = "Convention relating to the Status of Stateless Persons"
//!     adopted = "1954-09-28"
//!     in_force = "1960-06-06"
//!     body = "UN Conference of Plenipotentiaries"
//!     publisher = "United Nations"
//!     binding = true
//!     type = "treaty"
//!     scope = "global"
//!     url = "https://www.unhcr.org/"
//!     summary = "Sets a minimum standard of treatment for people no State recognises as its nationals."
//!     sources = ["https://treaties.un.org/"]
//! "#).unwrap();
//! let corpus = treatykit_core::validate::validate(&[("demo.toml".into(), corpus)]).unwrap();
//! let bytes = format::encode(&authoring::compile(corpus));
//! let catalog = Catalog::from_bytes(&bytes).unwrap();
//! let found = catalog.search("stateless", &SearchOptions::default()).unwrap();
//! assert_eq!(found.total, 1);
//! assert_eq!(found.hits[0].id, "statelessness-1954");
//! assert_eq!(catalog.info().counts["instrument"], 1);
//! ```
// No unsafe code anywhere in the core: memory errors are ruled out by the compiler, which is
// also why the fuzz targets run without a sanitizer (FUZZING.md).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "authoring")]
pub mod authoring;
pub mod catalog;
pub mod corpus_docs;
pub mod document;
pub mod error;
pub mod facets;
pub mod format;
pub mod jump;
pub mod limits;
pub mod number;
pub mod record_view;
pub mod records;
#[cfg(feature = "reference")]
pub mod reference;
pub mod rights;
pub mod schema;
pub mod search;
pub mod validate;

pub use error::{Code, Error, JsClass};
