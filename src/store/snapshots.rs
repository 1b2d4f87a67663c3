//! The snapshot cache: `<cache dir>/snapshots/<UTC timestamp>/` folders holding export files
//! exactly as they were imported. The cache root is
//! [`crate::env::Env::cache_dir`].

use std::path::{Path, PathBuf};

use anyhow::Context;

pub use super::carry::{complement, complement_reason, missing_sources};
pub use super::importing::{Imported, PRICES_FORMAT, import, import_watched};

use super::manifest::read_manifest;
use super::rollup::keep_history;
use crate::domain::model::Timestamp;

/// Snapshot folders under `root`, oldest data first (the last is current). Hidden folders
/// (imports in progress) are not snapshots, nor are symbolic links (a link out of the cache is
/// never read or written through; [`links`] names them).
pub fn snapshots(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let dir = root.join("snapshots");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let entry = entry?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if !hidden && entry.file_type()?.is_dir() {
            found.push(entry.path());
        }
    }
    // By the date of the data, not of the import: importing an older export after a newer one
    // never makes it current. Same data date: by the date of its other source (of two
    // snapshots whose deployment is of one day, the one with the newer usage), then by import
    // time, the name. Without a readable manifest, by the import time in the name: a snapshot
    // whose manifest was lost is not quietly passed over for an older one (it is then found
    // damaged).
    let mut dated: Vec<Dated> = found
        .into_iter()
        .map(|dir| {
            let summary = crate::store::summary::read(&dir);
            let [deployment, usage] = summary
                .as_ref()
                .map(crate::store::summary::Summary::source_times)
                .unwrap_or_default();
            Dated {
                as_of: summary
                    .and_then(|s| s.order_date())
                    .or_else(|| name_time(&dir)),
                other: deployment.zip(usage).map(|(d, u)| d.min(u)),
                dir,
            }
        })
        .collect();
    dated.sort();
    Ok(dated.into_iter().map(|d| d.dir).collect())
}

/// A snapshot folder and the date it sorts by (undated first, then by date, then by name).
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Dated {
    as_of: Option<Timestamp>,
    /// The older of its deployment and usage dates (none without both).
    other: Option<Timestamp>,
    dir: PathBuf,
}

/// The import time in a snapshot folder's name (`20250614T032516Z`, maybe with `-2`).
fn name_time(dir: &Path) -> Option<Timestamp> {
    let name = dir.file_name()?.to_str()?;
    chrono::NaiveDateTime::parse_from_str(name.get(..16)?, "%Y%m%dT%H%M%SZ")
        .ok()
        .map(|t| t.and_utc())
}

/// Entries of the snapshots folder that are symbolic links: not followed, so a link to a folder
/// outside the cache is neither read nor written into.
pub fn links(root: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root.join("snapshots")) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_symlink()))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// The note for a linked snapshot folder.
pub fn link_note(link: &Path) -> String {
    format!(
        "{}: a symbolic link, not followed (snapshots must be folders inside the cache)",
        display(link)
    )
}

/// Exclusive use of the cache's snapshots folder: held while checking for duplicates, choosing
/// a name and renaming an import into place, and while pruning. Released when dropped.
pub struct CacheLock(std::fs::File);

impl CacheLock {
    /// Waits for the lock of `<root>/snapshots` (created if missing).
    pub fn take(root: &Path) -> anyhow::Result<Self> {
        let dir = root.join("snapshots");
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("{}: cannot create the cache folder", display(&dir)))?;
        let path = dir.join(".lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("{}: cannot open", display(&path)))?;
        fs4::fs_std::FileExt::lock_exclusive(&file)
            .with_context(|| format!("{}: cannot lock", display(&path)))?;
        Ok(Self(file))
    }
}

impl Drop for CacheLock {
    fn drop(&mut self) {
        let _ = fs4::fs_std::FileExt::unlock(&self.0);
    }
}

/// The marker inside an import's temporary folder, locked for as long as the import runs.
pub(super) const IN_PROGRESS: &str = ".in-progress";

/// Removes temporary folders of imports that no longer run (killed, crashed): their marker is
/// not locked. Imports in progress are left alone. Returns each folder removed and its size.
pub fn clean_leftovers(root: &Path) -> Vec<(PathBuf, u64)> {
    let Ok(entries) = std::fs::read_dir(root.join("snapshots")) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let leftover = entry.file_name().to_string_lossy().starts_with(".tmp-")
            && entry.file_type().is_ok_and(|t| t.is_dir());
        if !leftover || in_progress(&entry.path()) {
            continue;
        }
        let bytes = size(&entry.path());
        if std::fs::remove_dir_all(entry.path()).is_ok() {
            removed.push((entry.path(), bytes));
        }
    }
    removed.sort();
    removed
}

/// Whether an import still runs in this temporary folder (its marker is locked).
fn in_progress(tmp: &Path) -> bool {
    let Ok(file) = std::fs::OpenOptions::new()
        .write(true)
        .open(tmp.join(IN_PROGRESS))
    else {
        // No marker: the import is just creating its folder, or an older uptake left it.
        return std::fs::metadata(tmp)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age.as_secs() < 60));
    };
    match fs4::fs_std::FileExt::try_lock_exclusive(&file) {
        Ok(true) => {
            let _ = fs4::fs_std::FileExt::unlock(&file);
            false
        }
        _ => true,
    }
}

/// Bytes under a folder (not following links).
fn size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => size(&e.path()),
            _ => e.metadata().map_or(0, |m| m.len()),
        })
        .sum()
}

/// Opens the current snapshot `dir` with [`complement`]'s snapshot when it lacks a source
/// (through the index of both, [`super::carry::open_joined`]), else through its index. Returns
/// the portfolio and the older snapshots for the trends: all of them, the complement too (its
/// roll-up is its own point, with both its sources; the trend drops the month its rows
/// repeat). Raw files read instead of an index (none, or one that cannot be used) report to
/// `progress`.
pub fn open_current(
    dir: &Path,
    older: &[PathBuf],
    progress: Option<std::sync::Arc<crate::import::progress::Progress>>,
) -> anyhow::Result<(crate::domain::model::Portfolio, Vec<PathBuf>)> {
    let extras = complement(dir, older);
    if extras.is_empty() {
        return Ok((open_snapshot(dir, progress)?.0, older.to_vec()));
    }
    let mut portfolio = super::carry::open_joined(dir, &extras, progress)?;
    portfolio.warnings.push(joined_note(dir, &extras));
    Ok((portfolio, older.to_vec()))
}

/// The note that the current snapshot `dir` is read with `extras` ([`complement_reason`]).
pub fn joined_note(dir: &Path, extras: &[PathBuf]) -> crate::domain::model::ImportWarning {
    crate::domain::model::ImportWarning {
        file: display(dir),
        record: None,
        field: None,
        message: complement_reason(dir, extras),
        severity: crate::domain::model::Severity::Note,
    }
}

/// The index the current snapshot `dir` opens through: its own, or when it lacks a source,
/// the index of it joined with [`complement`]'s snapshots `extras`, with the note saying so.
/// The raw files' stamps are compared when the whole portfolio is read.
pub fn current_index(
    dir: &Path,
    extras: &[PathBuf],
) -> anyhow::Result<(
    crate::store::index::Index,
    Option<crate::domain::model::ImportWarning>,
)> {
    if extras.is_empty() {
        return Ok((crate::store::index::Index::open(dir)?, None));
    }
    let index = super::carry::joined_index(dir, extras)?;
    Ok((index, Some(joined_note(dir, extras))))
}

/// Opens a snapshot through its index; when the index cannot be used, reads the raw files,
/// writes a new index, and says so (returned, and noted among the portfolio's warnings).
pub fn open_snapshot(
    dir: &Path,
    progress: Option<std::sync::Arc<crate::import::progress::Progress>>,
) -> anyhow::Result<(crate::domain::model::Portfolio, Option<String>)> {
    let reason = match crate::store::index::Index::open(dir).and_then(|index| index.portfolio()) {
        Ok(portfolio) => return Ok((portfolio, None)),
        Err(e) => format!("{e:#}"),
    };
    let paths = [dir.to_path_buf()];
    let mut portfolio = match progress {
        // The app's read: Graph reports' figures, their rows read again when shown.
        Some(p) => crate::import::load_paths_watched(&paths, Some(p))?,
        None => crate::import::load_paths(&paths)?,
    };
    let names = raw_names(dir)?;
    let prefix = format!("{}/", display(dir));
    let relative = |path: &str| path.strip_prefix(&prefix).map(str::to_string);
    let written = crate::store::index::stamps(dir, &names)
        .and_then(|s| crate::store::index::write(dir, &portfolio, &s, &relative));
    let note = match written {
        Ok(()) => format!("rebuilt the snapshot index from the raw files ({reason})"),
        Err(e) => format!("read the raw files ({reason}); the index could not be written: {e:#}"),
    };
    portfolio
        .warnings
        .push(crate::domain::model::ImportWarning {
            file: display(dir),
            record: None,
            field: None,
            message: note.clone(),
            severity: crate::domain::model::Severity::Note,
        });
    Ok((portfolio, Some(note)))
}

/// The export files of a snapshot folder, relative to it.
pub(super) fn raw_names(dir: &Path) -> anyhow::Result<Vec<String>> {
    if let Some(m) = read_manifest(dir) {
        return Ok(m.files.into_iter().map(|f| f.name).collect());
    }
    Ok(crate::import::inputs(&[dir.to_path_buf()])?
        .into_iter()
        .map(|i| i.relative.to_string_lossy().replace('\\', "/"))
        .collect())
}

/// What `--prune keep` removes of `all` (oldest first): all but the newest `keep`, except the
/// snapshots the newest reads a source it lacks from ([`complement`]) or its prices from
/// ([`crate::store::summary::current_prices`]), which are kept and returned (removing them
/// would leave the current view without that source, or without costs).
pub fn doomed(all: &[PathBuf], keep: usize) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let cut = all.len().saturating_sub(keep);
    let spared: Vec<PathBuf> = match all.split_last() {
        Some((newest, older)) if keep > 0 => {
            let mut spared = complement(newest, older);
            spared.extend(crate::store::summary::current_prices(newest).1);
            spared.retain(|c| all[..cut].contains(c));
            spared.sort_by_key(|d| all.iter().position(|a| a == d));
            spared.dedup();
            spared
        }
        _ => Vec::new(),
    };
    let doomed = all[..cut]
        .iter()
        .filter(|d| !spared.contains(d))
        .cloned()
        .collect();
    (doomed, spared)
}

/// Deletes all but the newest `keep` snapshots, and leftovers of interrupted imports; the
/// deleted snapshots' roll-ups are kept in [`HISTORY`] first, so the trends keep them.
/// Returns the folders removed.
/// Leftovers of imports in progress are never touched.
pub fn prune(root: &Path, keep: usize) -> anyhow::Result<Vec<PathBuf>> {
    let _lock = CacheLock::take(root)?;
    let (doomed, _) = doomed(&snapshots(root)?, keep);
    if !doomed.is_empty() {
        keep_history(root, &doomed)?;
    }
    let mut removed = Vec::new();
    for dir in &doomed {
        std::fs::remove_dir_all(dir).with_context(|| format!("{}: cannot remove", display(dir)))?;
        removed.push(dir.clone());
    }
    removed.extend(clean_leftovers(root).into_iter().map(|(dir, _)| dir));
    Ok(removed)
}

pub(super) fn display(path: &Path) -> String {
    crate::text::display(path)
}

#[cfg(test)]
#[path = "snapshots_tests.rs"]
mod tests;
