//! Which reader a file is for, by content (never by name): JSON (a sidecar or Partner
//! Center analytics), or an Insights download (CSV or TSV). The reader pushes its records into
//! the [`Builder`]; the builder never calls a reader.

use std::io::Read;
use std::path::Path;

use foldhash::HashMap;

use super::build::Builder;
use super::{ImportError, csv, graph, json, mapped, sidecar};

/// What a file starts with to be read as UTF-8 text (skipped).
const BOM: &[u8] = b"\xef\xbb\xbf";

/// Bytes read first to tell what a file is: a larger Insights download streams the rest, so
/// its text is never in memory whole.
const HEAD: u64 = 1 << 20;

/// Files read from paths, with their lengths and SHA-256 (hex), filled by every builder of a
/// read when the import asks for them ([`Builder::hashes`]).
pub type Hashes = std::sync::Arc<std::sync::Mutex<HashMap<std::path::PathBuf, (u64, String)>>>;

/// Where an import keeps each file it reads from a path (in the snapshot's folder, by the
/// file's path): the copy is written from the bytes as they are read, so what is kept is what
/// was parsed and hashed, and the export is read once ([`Builder::copies`]).
pub type Copies = std::sync::Arc<HashMap<std::path::PathBuf, std::path::PathBuf>>;

/// A file read through a SHA-256 of what is read and into a copy, when they are asked for.
struct Hashed {
    file: std::fs::File,
    sha: Option<sha2::Sha256>,
    bytes: u64,
    copy: Option<Copy>,
}

/// The copy a file is read into.
struct Copy {
    out: std::io::BufWriter<std::fs::File>,
    target: std::path::PathBuf,
    /// Why writing it failed (the read stops then: the import cannot keep the file).
    failed: Option<std::io::Error>,
}

/// What a copy is written in (a larger write goes through at once).
const COPY_BUFFER: usize = 1 << 20;

impl Copy {
    /// Creates `target` (and its folder, when missing) for a file of `len` bytes.
    fn create(target: &std::path::Path, len: u64) -> std::io::Result<Self> {
        // Readable too: a mapped export is parsed from its copy ([`Copy::mapped`]).
        let create = || {
            std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(true)
                .open(target)
        };
        let file = match create() {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                create()
            }
            file => file,
        }?;
        Ok(Self {
            // A small file (a Graph report) is written at once.
            out: std::io::BufWriter::with_capacity(
                COPY_BUFFER.min(usize::try_from(len).unwrap_or(COPY_BUFFER).max(1)),
                file,
            ),
            target: target.to_path_buf(),
            failed: None,
        })
    }

    /// Adds `bytes`; false (and the error kept) when they cannot be written.
    fn write(&mut self, bytes: &[u8]) -> bool {
        use std::io::Write;
        if self.failed.is_none()
            && let Err(e) = self.out.write_all(bytes)
        {
            self.failed = Some(e);
        }
        self.failed.is_none()
    }

    /// Empties the copy, to be written again from the start.
    fn restart(&mut self) -> bool {
        use std::io::{Seek, Write};
        let emptied = self.out.flush().and_then(|()| {
            self.out.get_mut().set_len(0)?;
            self.out.get_mut().rewind()
        });
        if let Err(e) = emptied {
            self.failed.get_or_insert(e);
        }
        self.failed.is_none()
    }

    /// Writes out what is buffered and maps what the copy holds: the cache's own file, which
    /// nothing else writes. `None` when it cannot be mapped, or written (the error kept).
    fn mapped(&mut self) -> Option<mapped::Mapped> {
        use std::io::Write;
        if let Err(e) = self.out.flush() {
            self.failed.get_or_insert(e);
        }
        if self.failed.is_some() {
            return None;
        }
        mapped::Mapped::new(self.out.get_ref())
    }

    /// Writes out what is buffered: the error that stopped the copy, if any.
    fn finish(mut self) -> Result<(), (std::path::PathBuf, std::io::Error)> {
        use std::io::Write;
        match self.failed.take().map_or_else(|| self.out.flush(), Err) {
            Ok(()) => Ok(()),
            Err(e) => Err((self.target, e)),
        }
    }
}

impl Read for Hashed {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.file.read(buf)?;
        if let Some(sha) = &mut self.sha {
            sha2::Digest::update(sha, &buf[..n]);
        }
        if let Some(copy) = &mut self.copy
            && !copy.write(&buf[..n])
        {
            return Err(std::io::Error::other("the copy into the cache failed"));
        }
        self.bytes += n as u64;
        Ok(n)
    }
}

impl Builder {
    /// Reads the file at `path` (`name` in messages): an Insights download larger than
    /// [`HEAD`] streams, any other file is read whole as [`Builder::add_file`] reads it.
    pub fn add_path(&mut self, name: &str, path: &Path) -> Result<(), ImportError> {
        self.read_path(name, path)
    }

    /// Reads one file (JSON by content; a leading BOM is skipped). An export after the first
    /// is read apart and joined when the portfolio is built: of figures two exports hold for
    /// one date, the newer export's count (see `Builder::fold_by_recency`).
    pub fn add_file(&mut self, name: &str, bytes: &[u8]) -> Result<(), ImportError> {
        self.read_file(name, bytes)
    }

    fn read_path(&mut self, name: &str, path: &Path) -> Result<(), ImportError> {
        let io = |source| ImportError::Io {
            path: name.to_string(),
            source,
        };
        let file = std::fs::File::open(path).map_err(io)?;
        let before = file.metadata().map_err(io)?;
        let len = before.len();
        let cannot_keep = |target: &Path, source| ImportError::CannotKeep {
            path: name.to_string(),
            target: crate::text::display(target),
            source,
        };
        let copy = match self.copies.as_ref().and_then(|c| c.get(path)) {
            Some(target) => Some(Copy::create(target, len).map_err(|e| cannot_keep(target, e))?),
            None => None,
        };
        let mut file = Hashed {
            file,
            sha: self
                .hashes
                .is_some()
                .then(<sha2::Sha256 as sha2::Digest>::new),
            bytes: 0,
            copy,
        };
        let mut read = self.read_hashed(name, &mut file, len);
        // A copy that could not be written is the error, whatever the reader made of it.
        if let Some(copy) = file.copy.take()
            && let Err((target, e)) = copy.finish()
        {
            read = Err(cannot_keep(&target, e));
        }
        // Written over while it was read (a mapped export is read twice: checked and hashed,
        // then parsed): what an import keeps and records must be what was parsed.
        if read.is_ok() && self.copies.is_some() && before.is_file() {
            let after = file.file.metadata().map_err(io)?;
            if after.len() != len || after.modified().ok() != before.modified().ok() {
                read = Err(ImportError::Changed {
                    path: name.to_string(),
                });
            }
        }
        if let (Ok(()), Some(hashes), Some(sha)) = (&read, &self.hashes, file.sha) {
            let hex = format!("{:x}", sha2::Digest::finalize(sha));
            let mut hashes = hashes
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            hashes.insert(path.to_path_buf(), (file.bytes, hex));
        }
        read
    }

    /// [`Builder::read_path`] of `file`, of `len` bytes.
    fn read_hashed(&mut self, name: &str, file: &mut Hashed, len: u64) -> Result<(), ImportError> {
        let io = |source| ImportError::Io {
            path: name.to_string(),
            source,
        };
        let mut bytes = Vec::with_capacity(len.min(HEAD) as usize);
        (&mut *file)
            .take(HEAD)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() as u64 == HEAD {
            if let Some(delimiter) = streamable(&bytes) {
                return self.separately(|b| b.stream_csv(name, bytes, file, delimiter, len));
            }
            if mapped_json(&bytes, len)
                && let Some(map) = mapped::Mapped::new(&file.file)
            {
                drop(bytes);
                return self.separately(|b| b.read_mapped(name, &map, file));
            }
            bytes.reserve_exact(len.saturating_sub(HEAD) as usize);
            file.read_to_end(&mut bytes).map_err(io)?;
        }
        self.read_file(name, &bytes)
    }

    /// Reads an Insights download of `len` bytes that starts with `head` and goes on in `rest`.
    fn stream_csv(
        &mut self,
        name: &str,
        head: Vec<u8>,
        rest: &mut Hashed,
        delimiter: u8,
        len: u64,
    ) -> Result<(), ImportError> {
        let bom = if head.starts_with(BOM) { BOM.len() } else { 0 };
        self.begin_file(name);
        self.cursor
            .begin_stream(name, (len as usize).saturating_sub(bom));
        let mut head = std::io::Cursor::new(head);
        head.set_position(bom as u64);
        csv::read(name, head.chain(rest), delimiter, len, self)?;
        self.cursor.end();
        self.end_file()
    }

    /// Reads a JSON export through a map of its file (see [`mapped`]): the same records,
    /// checks and errors as [`Builder::read_file`], with pages handed back as they are read.
    fn read_mapped(
        &mut self,
        name: &str,
        map: &mapped::Mapped,
        file: &mut Hashed,
    ) -> Result<(), ImportError> {
        let all = map.bytes();
        let bom = if all.starts_with(BOM) { BOM.len() } else { 0 };
        let bytes = &all[bom..];
        // The whole file is hashed from the map (the head read to tell what it is, too).
        let mut sha = file
            .sha
            .as_ref()
            .map(|_| <sha2::Sha256 as sha2::Digest>::new());
        let mut behind = map.behind(bom);
        if let Some(sha) = &mut sha {
            sha2::Digest::update(sha, &all[..bom]);
        }
        // The copy, too, is written from the map, from the start.
        let mut copy = file.copy.as_mut();
        if let Some(copy) = &mut copy
            && !(copy.restart() && copy.write(&all[..bom]))
        {
            return Err(ImportError::Cancelled);
        }
        let cursor = &self.cursor;
        let checked = mapped::check_utf8(bytes, &mut behind, |step| {
            if let Some(sha) = &mut sha {
                sha2::Digest::update(sha, step);
            }
            copy.as_mut().is_none_or(|c| c.write(step)) && cursor.keep_going()
        })
        .map_err(|e| not_text(name, bytes, &e, true))?;
        if !checked {
            // Stopped by a copy that failed (said by the caller) or by a cancel.
            return Err(ImportError::Cancelled);
        }
        file.sha = sha;
        file.bytes = all.len() as u64;
        // An import parses the export from its copy, not from a second read of the export:
        // what the snapshot keeps and records is what was parsed, whatever is written into
        // the export meanwhile (in place, its size and time kept).
        let kept = match copy {
            Some(copy) => match copy.mapped() {
                Some(kept) if kept.bytes().len() == all.len() => Some(kept),
                // Said by the caller.
                None if copy.failed.is_some() => return Err(ImportError::Cancelled),
                _ => None,
            },
            None => None,
        };
        let map = kept.as_ref().unwrap_or(map);
        let bytes = &map.bytes()[bom..];
        #[cfg(test)]
        mapped::tests::between_passes(name);
        let path = name.to_string();
        self.begin_file(&path);
        self.cursor.begin_bytes(&path, bytes, Some(map.behind(bom)));
        let walked = json::walk_bytes(bytes, self);
        // The map is let go of now, not with the next file, whatever the walk's end.
        self.cursor.let_go();
        walked.map_err(|e| match self.cursor.keep_going() {
            true => syntax_error(&path, &e),
            false => ImportError::Cancelled,
        })?;
        self.cursor.end();
        self.end_file()
    }

    fn read_file(&mut self, name: &str, bytes: &[u8]) -> Result<(), ImportError> {
        let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
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
        let text = std::str::from_utf8(bytes).map_err(|e| not_text(&path, bytes, &e, json))?;
        let kind = if json && graph::looks_like_skus(text.as_bytes()) {
            Kind::Skus
        } else if !json && graph::looks_like_report(text) {
            Kind::Report
        } else if json {
            Kind::Json
        } else {
            Kind::Delimited
        };
        match kind {
            // A Graph report has no deployment or usage records: nothing of it to order.
            Kind::Skus | Kind::Report => self.read_text(path, text, kind),
            Kind::Json | Kind::Delimited => self.separately(|b| b.read_text(path, text, kind)),
        }
    }

    /// Reads the text of a file of `kind`.
    fn read_text(&mut self, path: String, text: &str, kind: Kind) -> Result<(), ImportError> {
        self.begin_file(&path);
        self.cursor.begin(&path, text);
        if kind == Kind::Skus {
            graph::read_skus(&path, text, self)?;
        } else if kind == Kind::Report {
            graph::read_report(&path, text, self)?;
        } else if kind == Kind::Json {
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
            csv::read(&path, text.as_bytes(), delimiter, text.len() as u64, self)?;
        }
        self.cursor.end();
        self.end_file()
    }
}

/// The error for `bytes` of the file `path` that are not UTF-8 (`e`); `json`: they start
/// as JSON.
fn not_text(path: &str, bytes: &[u8], e: &std::str::Utf8Error, json: bool) -> ImportError {
    let valid = &bytes[..e.valid_up_to()];
    let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
    let path = path.to_string();
    // Text up to there that starts as an export is a damaged export, not a picture.
    let start = std::str::from_utf8(valid).unwrap_or_default();
    if json || csv::sniff(start).is_some() || graph::looks_like_report(start) {
        ImportError::BrokenText { path, line }
    } else {
        ImportError::NotUtf8 { path, line }
    }
}

/// Whether a file that starts with `head` (its first [`HEAD`] bytes) is a Partner Center
/// JSON export by its start alone: JSON, not a sidecar, not a Graph SKU list.
/// Whether a file of `len` bytes starting with `head` (its first [`HEAD`] bytes, not an
/// Insights download) is read through a map: a JSON export large enough.
fn mapped_json(head: &[u8], len: u64) -> bool {
    mapped::worth_it(len) && json_export(head)
}

/// Whether the file at `path`, of `len` bytes, is read as [`Builder::add_path`] reads a mapped
/// JSON export (an import parses it from its copy). Looks at its start only; `true` when it
/// cannot be read (the read will say why).
pub fn read_through_a_map(path: &std::path::Path, len: u64) -> bool {
    if !mapped::worth_it(len) {
        return false;
    }
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(HEAD).read_to_end(&mut head));
    read.is_err()
        || (head.len() as u64 == HEAD && streamable(&head).is_none() && mapped_json(&head, len))
}

fn json_export(head: &[u8]) -> bool {
    let head = head.strip_prefix(BOM).unwrap_or(head);
    let json = head
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| matches!(b, b'{' | b'['));
    json && !graph::looks_like_skus(head) && sidecar::export_by_its_start(head)
}

/// What a file's text looks like.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A Graph subscribedSkus download.
    Skus,
    /// A Graph active user detail report.
    Report,
    /// Partner Center analytics (or a sidecar).
    Json,
    /// An Insights download (CSV or TSV), or not an export.
    Delimited,
}

/// The delimiter of a file's first bytes when they start an Insights download (UTF-8 text,
/// not JSON, not a Graph report, the whole header line in them).
fn streamable(head: &[u8]) -> Option<u8> {
    let head = head.strip_prefix(BOM).unwrap_or(head);
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        // Cut inside a character: the rest streams.
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).ok()?,
        Err(_) => return None,
    };
    let first = text.trim_start();
    let delimited = !first.is_empty()
        && !first.starts_with(['{', '['])
        && !graph::looks_like_report(text)
        && text.contains('\n');
    delimited.then(|| csv::sniff(text)).flatten()
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
