//! Reading exports into the canonical [`Portfolio`]. Detection is by content, never by name.
//!
//! - [`load_paths`]: files and folders given on the command line or cached in a snapshot;
//! - [`load_named`]: bytes already in memory (the embedded demo, tests).

mod build;
pub mod date;
pub mod json;

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::model::{Portfolio, Severity};

pub use build::Builder;

/// A file or folder that could not be read at all.
#[derive(Debug, Error)]
pub enum ImportError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: line {line}: the text is not UTF-8; save the export as UTF-8")]
    NotUtf8 { path: String, line: usize },
    #[error("{path}: the file is empty")]
    Empty { path: String },
    #[error("{path}: line {line}, column {column}: invalid JSON: {message}")]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: not a Partner Center export: {reason}")]
    NotAnExport { path: String, reason: String },
    #[error("{path}: no usable record; first problem: {first}")]
    NoUsableRecord { path: String, first: String },
    #[error("{path}: no Partner Center export found in this folder ({seen} files looked at)")]
    NoExportInFolder { path: String, seen: usize },
}

/// Loads every export file named by `paths` (files, or folders whose files are read in name
/// order) into one portfolio. Files in a folder that are not exports are noted and skipped;
/// a file named directly must be an export.
pub fn load_paths(paths: &[PathBuf]) -> Result<Portfolio, ImportError> {
    let mut builder = Builder::default();
    for path in paths {
        if path.is_dir() {
            load_folder(path, &mut builder)?;
        } else {
            let bytes = read(path)?;
            builder.add_file(&display(path), &bytes)?;
        }
    }
    Ok(builder.finish())
}

/// Loads files already in memory, as `(name, bytes)`.
pub fn load_named(files: &[(&str, &[u8])]) -> Result<Portfolio, ImportError> {
    let mut builder = Builder::default();
    for (name, bytes) in files {
        builder.add_file(name, bytes)?;
    }
    Ok(builder.finish())
}

fn load_folder(dir: &Path, builder: &mut Builder) -> Result<(), ImportError> {
    let files = export_candidates(dir)?;
    let mut loaded = 0;
    for file in &files {
        let bytes = read(file)?;
        match builder.add_file(&display(file), &bytes) {
            Ok(()) => loaded += 1,
            Err(ImportError::NotAnExport { path, reason }) => builder.note(&path, &reason),
            Err(other) => return Err(other),
        }
    }
    if loaded == 0 {
        return Err(ImportError::NoExportInFolder {
            path: display(dir),
            seen: files.len(),
        });
    }
    Ok(())
}

/// Regular, non-hidden files of a folder in name order (the snapshot manifest excluded).
pub fn export_candidates(dir: &Path) -> Result<Vec<PathBuf>, ImportError> {
    let io = |source| ImportError::Io {
        path: display(dir),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "manifest.json" {
            continue;
        }
        if entry.file_type().map_err(io)?.is_file() || entry.path().is_file() {
            files.push(entry.path());
        }
    }
    files.sort();
    Ok(files)
}

fn read(path: &Path) -> Result<Vec<u8>, ImportError> {
    std::fs::read(path).map_err(|source| ImportError::Io {
        path: display(path),
        source,
    })
}

/// A path as shown in messages.
pub fn display(path: &Path) -> String {
    crate::text::sanitize(&path.display().to_string())
}

/// The first warning that left a record out, if any: `show`/`list` refuse to report numbers
/// that silently miss rows unless asked to keep going.
pub fn first_skipped(portfolio: &Portfolio) -> Option<&crate::model::ImportWarning> {
    portfolio
        .warnings
        .iter()
        .find(|w| w.severity == Severity::Skipped)
}
