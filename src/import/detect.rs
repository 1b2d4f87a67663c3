//! Which reader a file is for, by content (never by name): JSON (a sidecar or Partner
//! Center analytics), or an Insights download (CSV or TSV). The reader pushes its records into
//! the [`Builder`]; the builder never calls a reader.

use super::build::Builder;
use super::{ImportError, csv, graph, json, sidecar};

impl Builder {
    /// Reads one file (JSON by content; a leading BOM is skipped).
    pub fn add_file(&mut self, name: &str, bytes: &[u8]) -> Result<(), ImportError> {
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let path = name.to_string();
        if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
            return Err(ImportError::NotAnExport {
                path,
                reason: "the file is UTF-16; save it as UTF-8".into(),
            });
        }
        let Some(first) = bytes.iter().find(|b| !b.is_ascii_whitespace()) else {
            return Err(ImportError::Empty { path });
        };
        let json = matches!(first, b'{' | b'[');
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            ImportError::NotUtf8 {
                path: path.clone(),
                line,
            }
        })?;
        self.begin_file(&path);
        self.cursor.begin(&path, text);
        if json && graph::looks_like_skus(text) {
            graph::read_skus(&path, text, self)?;
        } else if !json && graph::looks_like_report(text) {
            graph::read_report(&path, text, self)?;
        } else if json {
            if !(sidecar::looks_like(text) && sidecar::read(&path, text, self)?) {
                json::walk(text, self).map_err(|e| match self.cursor.keep_going() {
                    true => syntax_error(&path, &e),
                    false => ImportError::Cancelled,
                })?;
            }
        } else {
            let Some(delimiter) = csv::sniff(text) else {
                self.abandon_file();
                return Err(ImportError::NotAnExport {
                    path,
                    reason: "neither Partner Center analytics JSON nor an Insights download (CSV or TSV)".into(),
                });
            };
            csv::read(&path, text, delimiter, self)?;
        }
        self.cursor.end();
        self.end_file()
    }
}

pub(super) fn syntax_error(path: &str, e: &serde_json::Error) -> ImportError {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    ImportError::Syntax {
        path: path.to_string(),
        line: e.line(),
        column: e.column(),
        message,
    }
}
