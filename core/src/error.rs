//! Typed errors of the core. Each carries a stable [`Code`] that the wasm layer exposes to
//! JavaScript as `error.code`, and a message that says what to do.

use std::fmt;

/// Stable error codes. Their string forms are part of the public JavaScript API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// An argument has the wrong type or shape (JS `TypeError`) or an invalid value.
    InvalidArgument,
    /// A category id that does not exist (JS `RangeError`).
    UnknownCategory,
    /// A right id that does not exist (JS `RangeError`).
    UnknownRight,
    /// A record id that does not exist (JS `RangeError`).
    UnknownRecord,
    /// A query longer than the documented limit (JS `RangeError`).
    QueryTooLong,
    /// Records given to `Index.fromRecords` are malformed or over a limit.
    InvalidRecords,
    /// The embedded or supplied corpus binary is not valid.
    CorpusInvalid,
}

/// Which JavaScript `Error` subclass an error becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsClass {
    /// `TypeError`: wrong type or shape.
    TypeError,
    /// `RangeError`: out-of-range value or unknown id.
    RangeError,
    /// Plain `Error`.
    Error,
}

impl Code {
    /// The stable string form, e.g. `"UNKNOWN_CATEGORY"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InvalidArgument => "INVALID_ARGUMENT",
            Code::UnknownCategory => "UNKNOWN_CATEGORY",
            Code::UnknownRight => "UNKNOWN_RIGHT",
            Code::UnknownRecord => "UNKNOWN_RECORD",
            Code::QueryTooLong => "QUERY_TOO_LONG",
            Code::InvalidRecords => "INVALID_RECORDS",
            Code::CorpusInvalid => "CORPUS_INVALID",
        }
    }
}

/// An error with a stable code, the JS class it maps to, and a human message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Stable code.
    pub code: Code,
    /// JavaScript class to throw.
    pub class: JsClass,
    /// What went wrong and what to do.
    pub message: String,
}

impl Error {
    /// A wrong type or shape of argument (`TypeError`, `INVALID_ARGUMENT`).
    pub fn type_error(message: impl Into<String>) -> Error {
        Error {
            code: Code::InvalidArgument,
            class: JsClass::TypeError,
            message: message.into(),
        }
    }
    /// An argument of the right type but an invalid value (`RangeError`, `INVALID_ARGUMENT`).
    pub fn range_error(message: impl Into<String>) -> Error {
        Error {
            code: Code::InvalidArgument,
            class: JsClass::RangeError,
            message: message.into(),
        }
    }
    /// An error with an explicit code and class.
    pub fn new(code: Code, class: JsClass, message: impl Into<String>) -> Error {
        Error {
            code,
            class,
            message: message.into(),
        }
    }
    /// The corpus binary is not valid (`Error`, `CORPUS_INVALID`).
    pub fn corpus(message: impl Into<String>) -> Error {
        Error::new(Code::CorpusInvalid, JsClass::Error, message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl std::error::Error for Error {}
