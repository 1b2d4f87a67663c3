//! Reading exports into the canonical [`Portfolio`]. Detection is by content, never by name.
//!
//! - [`load_paths`]: files and folders given on the command line or cached in a snapshot;
//! - [`load_named`]: bytes already in memory (the embedded demo, tests).
//!
//! One way, detect → reader → builder: `detect` picks the reader by a file's content; the
//! readers (`json` with `rows`, `csv`, `sidecar`) push records into the builder (`build`), which
//! never calls a reader; `current` settles which run is current, `build::join` joins what was read
//! apart; `date` reads dates and months, `confusable` warns of look-alike names.

mod build;
mod confusable;
mod csv;
mod current;
pub mod date;
mod detect;
pub use detect::{Copies, Hashes, read_through_a_map};
mod future;
mod graph;
pub mod json;
mod lines;
mod mapped;
pub mod prices;
pub mod progress;
mod records;
mod rows;
mod sidecar;
mod sidecar_items;

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::domain::model::{Portfolio, Severity};

pub use build::{Builder, Early};
pub use current::SAME_RUN;

/// A file or folder that could not be read at all.
#[derive(Debug, Error)]
pub enum ImportError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A file was written over while an import read it.
    #[error("{path}: the file changed while it was imported; import again")]
    Changed { path: String },
    /// The copy of a file an import keeps could not be written (a full disk).
    #[error("{target}: cannot copy {path} into the cache: {source}")]
    CannotKeep {
        path: String,
        target: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: line {line}: the text is not UTF-8; save the export as UTF-8")]
    NotUtf8 { path: String, line: usize },
    /// Text that starts as an export (JSON, an Insights download, a Graph report) and has
    /// bytes further on that are not UTF-8: an export damaged or saved in another encoding,
    /// never skipped as "not an export" in a folder.
    #[error("{path}: line {line}: the text is not UTF-8 from here; save the export as UTF-8")]
    BrokenText { path: String, line: usize },
    #[error("{path}: the file is empty")]
    Empty { path: String },
    #[error("{path}: line {line}, column {column}: invalid JSON: {message}")]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// A delimited file (CSV, TSV) that cannot be read on.
    #[error("{path}: line {line}: {message}")]
    Delimited {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: not a Partner Center export: {reason}")]
    NotAnExport { path: String, reason: String },
    #[error("{path}: no usable record; first problem: {first}")]
    NoUsableRecord { path: String, first: String },
    #[error("{path}: no Partner Center export found in this folder ({seen} files looked at)")]
    NoExportInFolder { path: String, seen: usize },
    /// Ctrl-C (or the user leaving the loading screen) stopped the read.
    #[error("cancelled")]
    Cancelled,
}

/// One file to read: where it is, and its name relative to the folder it was found in (how
/// a snapshot stores it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    pub relative: PathBuf,
    /// Found in a folder (a file there that is not an export is skipped, not an error).
    pub in_folder: bool,
    /// Its size when it was listed (`None`: asked when it is read).
    pub len: Option<u64>,
}

/// A tenant id (a GUID, any case) as uptake keys tenants: lower-case; `None` for anything else.
pub fn tenant_id(s: &str) -> Option<String> {
    graph::guid(s)
}

/// Files uptake itself writes into a snapshot folder (never read as exports). The store names
/// its files; its tests check that each is listed here.
pub const SNAPSHOT_FILES: [&str; 8] = [
    "manifest.json",
    "rollup.bin",
    "index.bin",
    "summary.json",
    "graph.json",
    "older.bin",
    "joined.bin",
    "joined2.bin",
];

/// The files behind `paths`: a file is itself; a folder gives its regular, non-hidden files
/// and those of its subfolders at any depth up to [`MAX_DEPTH`] (sidecar folders such as
/// `subscriptions/`, Graph tenant folders), in name order.
pub fn inputs(paths: &[PathBuf]) -> Result<Vec<Input>, ImportError> {
    let mut out = Vec::new();
    for path in paths {
        // A Graph tenant folder given itself keeps its name in the snapshot: the name is
        // the tenant (issue 14).
        let tenant_folder = |dir: &Path| {
            dir.file_name()
                .and_then(|n| n.to_str())
                .and_then(graph::guid)
                .map(PathBuf::from)
        };
        if path.is_dir() {
            let prefix = tenant_folder(path).unwrap_or_default();
            let walk = Walk::default();
            let found = folder_files(&walk, path, &prefix, MAX_DEPTH)
                .map_err(|e| e.unwrap_or_else(|| walk.stopped()))?;
            if found.is_empty() {
                return Err(ImportError::NoExportInFolder {
                    path: crate::text::display(path),
                    seen: 0,
                });
            }
            out.extend(found.into_iter().map(|(path, relative, len)| Input {
                path,
                relative,
                in_folder: true,
                len: Some(len),
            }));
        } else {
            let name = path.file_name().map_or_else(|| path.clone(), PathBuf::from);
            let name = match path.parent().and_then(tenant_folder) {
                Some(tenant) => tenant.join(name),
                None => name,
            };
            out.push(Input {
                path: path.clone(),
                relative: name,
                in_folder: false,
                len: None,
            });
        }
    }
    Ok(out)
}

/// How deep a folder given to `--data` or `import` is read: Graph tenant folders may sit
/// anywhere under it (issue 14: `customers/<name>/<tenant>/`). Deeper than this is refused
/// with the folder named (a link loop, not a portfolio), never skipped silently.
const MAX_DEPTH: u32 = 16;

/// Folders holding this many folders or more are read on two threads, a half each (a
/// portfolio's Graph folders: 20 000 of them for 100 000 customers).
const SPLIT_FOLDERS: usize = 64;

/// A file found in a folder: its path, its path below the folder given, its size.
type Found = (PathBuf, PathBuf, u64);

/// One listing of a folder: whether its second thread is taken, and whether a part of it
/// failed (the rest then stops: a link loop is a tree of ever deeper folders, each level
/// as wide as the folder the link is in).
#[derive(Default)]
struct Walk {
    split: std::sync::atomic::AtomicBool,
    failed: std::sync::atomic::AtomicBool,
}

impl Walk {
    fn fail(&self, error: ImportError) -> Option<ImportError> {
        self.failed
            .store(true, std::sync::atomic::Ordering::Relaxed);
        Some(error)
    }

    fn stopping(&self) -> bool {
        self.failed.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Whether this part may take the second thread (once per listing).
    fn take_split(&self) -> bool {
        !self.split.swap(true, std::sync::atomic::Ordering::Relaxed)
    }

    /// The error of a listing stopped without one of its own (never reached: a part that
    /// stops another has failed with an error).
    fn stopped(&self) -> ImportError {
        ImportError::Io {
            path: "(the folder)".into(),
            source: std::io::Error::other("the listing stopped"),
        }
    }
}

/// The files of `dir` and its folders, in name order, with their paths below the folder
/// given (`prefix` ahead of them); at most `depth` levels of folders further down. The error
/// is `None` where this part stopped because another failed.
fn folder_files(
    walk: &Walk,
    dir: &Path,
    prefix: &Path,
    depth: u32,
) -> Result<Vec<Found>, Option<ImportError>> {
    if walk.stopping() {
        return Err(None);
    }
    let io = |source| {
        walk.fail(ImportError::Io {
            path: crate::text::display(dir),
            source,
        })
    };
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .collect::<Result<_, _>>()
        .map_err(io)?;
    entries.sort_by_key(|e| e.file_name());
    // Each file with its size, and each folder (`None`) to be read below, in order.
    let mut found: Vec<(PathBuf, PathBuf, Option<u64>)> = Vec::new();
    let top = prefix.as_os_str().is_empty();
    // uptake's own files are left out of a snapshot folder (one it wrote: it holds its index
    // or roll-up); in any other folder a file of such a name is read as any file (an export
    // saved as `summary.json` is not lost).
    let snapshot = top
        && ["index.bin", "rollup.bin"]
            .iter()
            .any(|f| dir.join(f).is_file());
    for entry in entries {
        let name = entry.file_name();
        let text = name.to_string_lossy();
        if text.starts_with('.')
            || (snapshot && SNAPSHOT_FILES.contains(&text.as_ref()))
            // The partner's prices are read by the loader, not as an export.
            || (top && text.eq_ignore_ascii_case(prices::FILE_NAME))
        {
            continue;
        }
        let path = entry.path();
        // The entry's type comes with it (no call to the system per folder: 20 000 Graph
        // folders for 100 000 customers), its size from the folder (relative to it); a link
        // is followed to what it names.
        let meta = match entry.file_type() {
            Ok(kind) if kind.is_dir() => {
                found.push((path, prefix.join(&name), None));
                continue;
            }
            Ok(kind) if !kind.is_symlink() => entry.metadata().ok(),
            _ => std::fs::metadata(&path).ok(),
        };
        match meta {
            Some(meta) if meta.is_dir() => found.push((path, prefix.join(&name), None)),
            Some(meta) if meta.is_file() => {
                found.push((path, prefix.join(&name), Some(meta.len())));
            }
            _ => {}
        }
    }
    // The files of a run of entries, folders read below; the first error in order.
    let read = |found: &[(PathBuf, PathBuf, Option<u64>)]| {
        let mut files = Vec::new();
        for (path, relative, len) in found {
            if let Some(len) = len {
                files.push((path.clone(), relative.clone(), *len));
                continue;
            }
            if depth == 0 {
                return Err(walk.fail(ImportError::NotAnExport {
                    path: crate::text::display(path),
                    reason: format!(
                        "a folder more than {MAX_DEPTH} levels down (a link loop?): uptake reads folders at most that deep; give a folder nearer to the exports"
                    ),
                }));
            }
            files.extend(folder_files(walk, path, relative, depth - 1)?);
        }
        Ok(files)
    };
    // One part of a listing (the widest first met) is read on a second thread.
    if found.iter().filter(|f| f.2.is_none()).count() < SPLIT_FOLDERS || !walk.take_split() {
        return read(&found);
    }
    let (first, second) = found.split_at(found.len() / 2);
    let (first, second) = std::thread::scope(|s| {
        let second = s.spawn(|| read(second));
        (read(first), second.join())
    });
    // The first half's own error first; else the second's.
    match (
        first,
        second.unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
    ) {
        (Ok(mut files), Ok(rest)) => {
            files.extend(rest);
            Ok(files)
        }
        (Err(Some(e)), _) | (_, Err(Some(e))) => Err(Some(e)),
        _ => Err(None),
    }
}

/// Files smaller than this in all are read on one thread (a second is not worth starting).
const PARALLEL_BYTES: u64 = 8 << 20;

/// Reads `inputs` into `builder`; returns, for each input, whether it was an export. A file
/// named directly must be an export; a folder must hold at least one. Large exports are read
/// on two threads (see below), which gives what reading in order gives.
pub fn read_inputs(inputs: &[Input], builder: &mut Builder) -> Result<Vec<bool>, ImportError> {
    let total: u64 = inputs
        .iter()
        .map(|i| {
            i.len
                .unwrap_or_else(|| std::fs::metadata(&i.path).map_or(0, |m| m.len()))
        })
        .sum();
    let progress = builder.cursor.progress().cloned();
    let lean_graph = builder.lean_graph;
    let hashes = builder.hashes.clone();
    let copies = builder.copies.clone();
    if let Some(p) = &progress {
        p.stage(progress::Stage::Reading, total);
    }
    if inputs.len() < 2 || total < PARALLEL_BYTES {
        let accepted = read_in_order(inputs, builder)?;
        check_folders(inputs, &accepted)?;
        return Ok(accepted);
    }
    // Two readers: this thread takes files from the front, in order, into `builder`; the other
    // from the back, each into a builder of its own, until they meet. Where they meet follows
    // the work (35 000 small Graph reports cost more than their bytes say), and the result is
    // that of reading the files in order: the front run, then the back run's files in order.
    let ends = std::sync::Mutex::new((0usize, inputs.len()));
    let lock = || {
        ends.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    // The front reader failed: the back reader's files come after it, their work is not needed.
    let stop = std::sync::atomic::AtomicBool::new(false);
    let (mine, theirs) = std::thread::scope(|scope| {
        let other = scope.spawn(|| {
            let mut run: Vec<(Builder, bool)> = Vec::new();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let j = {
                    let mut e = lock();
                    if e.0 >= e.1 {
                        break;
                    }
                    e.1 -= 1;
                    e.1
                };
                let mut b = Builder::watched(progress.clone(), lean_graph);
                b.hashes = hashes.clone();
                b.copies = copies.clone();
                // On an error, the files before it are still read by the front reader: an
                // error there is the first, the one to report.
                let accepted = read_one(&inputs[j], &mut b)?;
                run.push((b, accepted));
            }
            run.reverse();
            Ok::<_, ImportError>(run)
        });
        let mut accepted = Vec::new();
        let mut mine = Ok(());
        loop {
            let i = {
                let mut e = lock();
                if e.0 >= e.1 {
                    break;
                }
                e.0 += 1;
                e.0 - 1
            };
            match read_one(&inputs[i], builder) {
                Ok(a) => accepted.push(a),
                Err(e) => {
                    stop.store(true, std::sync::atomic::Ordering::Relaxed);
                    mine = Err(e);
                    break;
                }
            }
        }
        (
            mine.map(|()| accepted),
            other.join().expect("reading does not panic"),
        )
    });
    let mut accepted = mine?;
    for (other, more) in theirs? {
        builder.take_file(other);
        accepted.push(more);
    }
    check_folders(inputs, &accepted)?;
    Ok(accepted)
}

/// Reads `inputs` in order into `builder`.
fn read_in_order(inputs: &[Input], builder: &mut Builder) -> Result<Vec<bool>, ImportError> {
    inputs
        .iter()
        .map(|input| read_one(input, builder))
        .collect()
}

/// Reads one input into `builder`: whether it was an export (a file in a folder that is not
/// one is noted and skipped).
fn read_one(input: &Input, builder: &mut Builder) -> Result<bool, ImportError> {
    if !builder.cursor.keep_going() {
        return Err(ImportError::Cancelled);
    }
    let added = builder.add_path(&crate::text::display(&input.path), &input.path);
    if !builder.cursor.keep_going() {
        return Err(ImportError::Cancelled);
    }
    match added {
        Ok(()) => Ok(true),
        Err(ImportError::NotAnExport { path, reason }) if input.in_folder => {
            builder.note(&path, &reason);
            Ok(false)
        }
        // A picture, an archive or an empty file next to the exports (logo.png,
        // backup.json.gz): not an export, skipped with a note naming it.
        Err(ImportError::NotUtf8 { path, .. }) if input.in_folder => {
            builder.note(&path, "not an export (not text)");
            Ok(false)
        }
        Err(ImportError::Empty { path }) if input.in_folder => {
            builder.note(&path, "the file is empty");
            Ok(false)
        }
        Err(other) => Err(other),
    }
}

/// A folder must hold at least one export.
fn check_folders(inputs: &[Input], accepted: &[bool]) -> Result<(), ImportError> {
    let in_folders = inputs.iter().filter(|i| i.in_folder).count();
    let exports = inputs
        .iter()
        .zip(accepted)
        .filter(|(i, a)| i.in_folder && **a)
        .count();
    if in_folders > 0 && exports == 0 {
        let first = inputs.iter().find(|i| i.in_folder).expect("counted above");
        let depth = first.relative.components().count();
        let dir = first.path.ancestors().nth(depth).unwrap_or(&first.path);
        return Err(ImportError::NoExportInFolder {
            path: crate::text::display(dir),
            seen: in_folders,
        });
    }
    Ok(())
}

/// Loads every export file named by `paths` (files, or folders whose files are read in name
/// order) into one portfolio. Files in a folder that are not exports are noted and skipped;
/// a file named directly must be an export.
pub fn load_paths(paths: &[PathBuf]) -> Result<Portfolio, ImportError> {
    read_paths(paths, None, false, None)
}

/// [`load_paths`] for the app: reporting to `progress`, stopping with
/// [`ImportError::Cancelled`] when it is cancelled, and keeping of each Graph report its
/// figures, not its rows (the users view reads them again: `load::tenant_users`).
pub fn load_paths_watched(
    paths: &[PathBuf],
    progress: Option<std::sync::Arc<progress::Progress>>,
) -> Result<Portfolio, ImportError> {
    read_paths(paths, progress, true, None)
}

/// [`load_paths_watched`], handing `early` the best matches of its query before the whole
/// portfolio is finished (a first frame).
pub fn load_paths_early(
    paths: &[PathBuf],
    progress: Option<std::sync::Arc<progress::Progress>>,
    early: Early,
) -> Result<Portfolio, ImportError> {
    read_paths(paths, progress, true, Some(early))
}

/// [`load_paths_watched`] of files already listed (a part of a folder's files: a snapshot read
/// for a source it gives, without its tenants' Graph reports).
pub fn load_inputs_watched(
    inputs: &[Input],
    progress: Option<std::sync::Arc<progress::Progress>>,
) -> Result<Portfolio, ImportError> {
    read_found(inputs, progress, true, None)
}

/// The customers Graph `tenants` (already read and settled: a snapshot index's) and the Graph
/// `files` make, as reading all of their files with [`load_paths_watched`] would: each tenant
/// a customer named by its account (else its id), in the portfolio's order.
pub fn graph_customers(
    tenants: Vec<crate::domain::graph::Tenant>,
    files: &[PathBuf],
    progress: Option<std::sync::Arc<progress::Progress>>,
) -> Result<Vec<crate::domain::model::Customer>, ImportError> {
    if progress.as_ref().is_some_and(|p| p.cancelled()) {
        return Err(ImportError::Cancelled);
    }
    let mut builder = Builder::watched(progress.clone(), true);
    if !files.is_empty() {
        read_inputs(&inputs(files)?, &mut builder)?;
    }
    builder.absorb_graph(tenants.into_iter().map(|t| (t.id.to_string(), t)).collect());
    Ok(builder.finish().customers)
}

fn read_paths(
    paths: &[PathBuf],
    progress: Option<std::sync::Arc<progress::Progress>>,
    lean_graph: bool,
    early: Option<Early>,
) -> Result<Portfolio, ImportError> {
    read_found(&inputs(paths)?, progress, lean_graph, early)
}

fn read_found(
    inputs: &[Input],
    progress: Option<std::sync::Arc<progress::Progress>>,
    lean_graph: bool,
    early: Option<Early>,
) -> Result<Portfolio, ImportError> {
    let mut builder = Builder::watched(progress.clone(), lean_graph);
    // A file read alone may send its first frame as soon as it is read (see [`Early`]).
    let (alone, early) = match inputs.len() {
        1 => (early, None),
        _ => (None, early),
    };
    builder.early = alone;
    read_inputs(inputs, &mut builder)?;
    if let Some(p) = &progress {
        p.stage(progress::Stage::Building, 0);
    }
    let early = early.or_else(|| builder.early.take());
    Ok(builder.finish_early(early))
}

// Graph users (issue 14)
/// Reads one tenant's active-user-detail report again (the users view and `uptake users` load
/// the rows the snapshot index leaves out).
pub fn graph_report(path: &Path) -> Result<crate::domain::graph::Report, ImportError> {
    let mut builder = Builder::default();
    builder.add_file(&crate::text::display(path), &read(path)?)?;
    builder
        .take_graph_report()
        .ok_or_else(|| ImportError::NotAnExport {
            path: crate::text::display(path),
            reason: "no user rows (not an active users detail report in a tenant folder)".into(),
        })
}

/// Loads files already in memory, as `(name, bytes)`.
pub fn load_named(files: &[(&str, &[u8])]) -> Result<Portfolio, ImportError> {
    let mut builder = Builder::default();
    for (name, bytes) in files {
        builder.add_file(name, bytes)?;
    }
    Ok(builder.finish())
}

fn read(path: &Path) -> Result<Vec<u8>, ImportError> {
    std::fs::read(path).map_err(|source| ImportError::Io {
        path: crate::text::display(path),
        source,
    })
}

/// The first warning that left a record out, if any: `show`/`list` refuse to report numbers
/// that silently miss rows unless asked to keep going.
pub fn first_skipped(portfolio: &Portfolio) -> Option<&crate::domain::model::ImportWarning> {
    portfolio
        .warnings
        .iter()
        .find(|w| w.severity == Severity::Skipped)
}

pub use future::{future, future_dated, future_reports, future_warning};
