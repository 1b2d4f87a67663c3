//! The snapshot cache: `<cache dir>/snapshots/<UTC timestamp>/` folders holding export files
//! exactly as they were imported. The cache root is
//! [`crate::env::Env::cache_dir`].

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError};

use anyhow::Context;

pub use super::carry::{complement, complement_reason, missing_sources};

use super::manifest::{Manifest, ManifestDate, ManifestFile, damage, read_manifest, sha256};
use super::rollup::{ROLLUP, Rollup, keep_history};
use crate::domain::model::Timestamp;
use crate::import::progress::{Progress, Stage, Watch};

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
const IN_PROGRESS: &str = ".in-progress";

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

/// The result of an import.
#[derive(Debug, Clone, PartialEq)]
pub enum Imported {
    /// A new snapshot folder.
    New {
        dir: PathBuf,
        manifest: Box<Manifest>,
    },
    /// The same content is already cached in this snapshot; nothing was written.
    Already { dir: PathBuf },
}

/// Validates `paths` with the importers, then copies the export files unchanged into a new
/// snapshot under `root`. Written into a hidden temporary folder and renamed into place, so a
/// failed or interrupted import leaves the cache as it was. The sources are only read.
pub fn import(paths: &[PathBuf], root: &Path, now: Timestamp) -> anyhow::Result<Imported> {
    import_watched(paths, root, now, None)
}

/// [`import`], reporting to `progress` (stages: reading, checking, copying, indexing) and
/// stopping with [`crate::import::ImportError::Cancelled`] when it is cancelled: the temporary
/// folder is removed, nothing is left half-written.
pub fn import_watched(
    paths: &[PathBuf],
    root: &Path,
    now: Timestamp,
    progress: Option<Arc<Progress>>,
) -> anyhow::Result<Imported> {
    let mut inputs = crate::import::inputs(paths)?;
    // Read in the order the snapshot folder will be read back (by name), so what the index
    // and the rollup record is exactly what reading the snapshot gives.
    inputs.sort_by(|a, b| a.relative.cmp(&b.relative));
    // The index keeps each Graph report's figures, not its rows: the rows are let go as they
    // are read.
    let mut builder = crate::import::Builder::watched(progress.clone(), true);
    let hashes = crate::import::Hashes::default();
    builder.hashes = Some(hashes.clone());
    let accepted = crate::import::read_inputs(&inputs, &mut builder)?;
    if let Some(p) = &progress {
        p.stage(Stage::Building, 0);
    }
    let portfolio = builder.finish();
    let prices = prices_beside(paths);
    let mut chosen: Vec<&crate::import::Input> = inputs
        .iter()
        .zip(&accepted)
        .filter(|(_, a)| **a)
        .map(|(i, _)| i)
        .collect();
    let exports = chosen.len();
    chosen.extend(&prices);

    let watch = Watch(progress.as_deref());
    let hashed = std::mem::take(&mut *hashes.lock().unwrap_or_else(PoisonError::into_inner));
    let files = manifest_files(&chosen, exports, &portfolio, &hashed, watch)?;
    let mut hashes: Vec<&str> = files.iter().map(|f| f.sha256.as_str()).collect();
    hashes.sort_unstable();
    let content_sha256 = sha256(hashes.join("\n").as_bytes());

    let dir = root.join("snapshots");
    // A first look without the lock (most re-imports stop here); checked again under it.
    if let Some(existing) = same_content(root, &content_sha256)? {
        return Ok(Imported::Already { dir: existing });
    }

    let manifest = Manifest {
        version: 1,
        imported_at: now.into(),
        content_sha256,
        files,
        customers: portfolio.customers.len(),
        products: portfolio.customers.iter().map(|c| c.products.len()).sum(),
        records: portfolio.files.iter().map(|f| f.rows).sum(),
        // Which snapshot is current goes by this date: a row dated after the import (a typo'd
        // year) must not make an old export current for good.
        data_as_of: as_of(newest_until(&portfolio, now + chrono::TimeDelta::days(1))),
        deployment_as_of: as_of(
            portfolio
                .customers
                .iter()
                .filter_map(|c| c.deployment_as_of())
                .max(),
        ),
        usage_as_of: as_of(
            portfolio
                .customers
                .iter()
                .filter_map(|c| c.usage_as_of())
                .max(),
        ),
        warnings: portfolio
            .warnings
            .iter()
            .chain(&crate::import::future_dated(&portfolio, now))
            .map(ToString::to_string)
            .collect(),
    };
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("{}: cannot create the cache folder", display(&dir)))?;
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    let tmp = dir.join(format!(
        ".tmp-{stamp}-{}-{}",
        std::process::id(),
        TMP_SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    let rollup = Rollup::of(&portfolio);
    let mut marker = None;
    let result = write_snapshot(
        &tmp,
        &mut marker,
        &chosen,
        &manifest,
        &rollup,
        &portfolio,
        watch,
    )
    .and_then(|()| {
        // Under the lock: no other import renames a snapshot of the same content or into
        // the same name meanwhile, and prune waits.
        let _lock = CacheLock::take(root)?;
        if let Some(existing) = same_content(root, &manifest.content_sha256)? {
            return Ok(Imported::Already { dir: existing });
        }
        let target = free_name(&dir, &stamp);
        std::fs::rename(&tmp, &target).with_context(|| {
            format!("{}: cannot move the snapshot into place", display(&target))
        })?;
        let _ = std::fs::remove_file(target.join(IN_PROGRESS));
        Ok(Imported::New {
            dir: target,
            manifest: Box::new(manifest),
        })
    });
    if !matches!(result, Ok(Imported::New { .. })) {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    drop(marker);
    if let Ok(Imported::New { dir, .. }) = &result {
        keep_older(root, dir, portfolio);
    }
    result
}

/// When the snapshot `dir` just imported is the current one, keeps what the older snapshots
/// give it in its `older.bin` now (from the portfolio in hand), so its first open is as quick
/// as the next. Not when it lacks a source: it opens together with an older one then.
fn keep_older(root: &Path, dir: &Path, mut portfolio: crate::domain::model::Portfolio) {
    let Ok(all) = snapshots(root) else {
        return;
    };
    let Some((current, older)) = all.split_last() else {
        return;
    };
    if current == dir && !older.is_empty() && complement(dir, older).is_none() {
        crate::store::older::attach(&mut portfolio, dir, older);
    }
}

/// The manifest's entries of the files a snapshot stores (`chosen`: the exports, then the
/// prices), hashed (read again: the files are not kept in memory).
fn manifest_files(
    chosen: &[&crate::import::Input],
    exports: usize,
    portfolio: &crate::domain::model::Portfolio,
    read: &foldhash::HashMap<PathBuf, (u64, String)>,
    watch: Watch,
) -> anyhow::Result<Vec<ManifestFile>> {
    let mut files = Vec::with_capacity(chosen.len());
    let mut names = std::collections::HashSet::new();
    watch.stage(Stage::Hashing, chosen.iter().map(|i| i.path.as_path()));
    let hashed = crate::store::parallel::map(chosen.len(), |n, block| {
        let path = &chosen[n].path;
        // An export was hashed as it was read: what the snapshot records is what was parsed
        // (a copy that differs is refused), and the export is not read a second time.
        if let Some(known) = read.get(path) {
            watch.done(known.0 as usize);
            return Ok(known.clone());
        }
        watch.file(path)?;
        // Read a block at a time: an export can be gigabytes.
        let (length, sha256) = crate::store::manifest::sha256_copy(path, None, block)
            .with_context(|| format!("{}: cannot read", display(path)))?;
        watch.done(length as usize);
        Ok((length, sha256))
    })?;
    for ((n, input), (length, sha256)) in chosen.iter().enumerate().zip(hashed) {
        let cannot_read = || format!("{}: cannot read", display(&input.path));
        let loaded = portfolio.files.get(n).filter(|_| n < exports);
        // Two inputs with the same name (from different folders) must not overwrite each other.
        // The copy goes one folder down (`1/<tenant>/r.csv`), so the folder holding it keeps its
        // own name: a Graph report's tenant is the name of its folder (issue 14).
        let mut name = input.relative.to_string_lossy().replace('\\', "/");
        let mut k = n;
        while !names.insert(name.clone()) {
            name = format!(
                "{k}/{}",
                input.relative.to_string_lossy().replace('\\', "/")
            );
            k += 1;
        }
        let (format, records, skipped) = match loaded {
            Some(f) => (f.format.to_string(), f.rows, f.skipped),
            None if n >= exports => {
                let bytes = std::fs::read(&input.path).with_context(cannot_read)?;
                let (lines, problems) =
                    crate::import::prices::read(&name, &String::from_utf8_lossy(&bytes), None);
                (PRICES_FORMAT.to_string(), lines.len(), problems.len())
            }
            None => (String::new(), 0, 0),
        };
        files.push(ManifestFile {
            name,
            source: display(&input.path),
            format,
            records,
            skipped,
            bytes: length,
            sha256,
        });
    }
    Ok(files)
}

/// The manifest's format of a partner's prices file kept with the exports.
pub const PRICES_FORMAT: &str = "prices";

/// The partner's prices beside the exports (`prices.csv` at the top of an imported folder):
/// they travel into the snapshot with the exports, so the cached view is priced as the files
/// were (issue 15). The file is part of the snapshot's content: new prices make a new snapshot.
fn prices_beside(paths: &[PathBuf]) -> Vec<crate::import::Input> {
    paths
        .iter()
        .filter(|p| p.is_dir())
        .map(|dir| dir.join(crate::import::prices::FILE_NAME))
        .filter(|path| path.is_file())
        .map(|path| crate::import::Input {
            path,
            relative: PathBuf::from(crate::import::prices::FILE_NAME),
            in_folder: true,
            len: None,
        })
        .collect()
}

/// A time of the manifest, if any.
fn as_of(t: Option<Timestamp>) -> Option<ManifestDate> {
    t.map(ManifestDate::from)
}

/// Tells the temporary folders of one process apart (imports on several threads).
static TMP_SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// A snapshot holding exactly this content, if there is one.
fn same_content(root: &Path, content_sha256: &str) -> anyhow::Result<Option<PathBuf>> {
    let all = snapshots(root).with_context(|| {
        format!(
            "{}: cannot list snapshots",
            display(&root.join("snapshots"))
        )
    })?;
    // A damaged copy of the same content is no reason to refuse a good one: importing again is
    // how a damaged snapshot is mended.
    Ok(all.into_iter().find(|d| {
        read_manifest(d).is_some_and(|m| m.content_sha256 == content_sha256) && damage(d).is_none()
    }))
}

/// Writes `bytes` to `path`; an error names the file (a full disk says which write failed).
fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("{}: cannot write", display(path)))
}

/// The newest processed date of the current rows not after `until`.
fn newest_until(
    portfolio: &crate::domain::model::Portfolio,
    until: Timestamp,
) -> Option<Timestamp> {
    // A tenant's Graph report is data of its refresh date (a Graph-only snapshot is dated).
    let graph = portfolio
        .customers
        .iter()
        .filter_map(|c| c.graph.as_ref()?.refresh())
        .map(crate::domain::metrics::graph_moment);
    portfolio
        .customers
        .iter()
        .flat_map(|c| &c.products)
        .flat_map(|p| {
            let usage = p.workloads.iter().filter_map(|w| w.as_of);
            p.deployment.and_then(|d| d.as_of).into_iter().chain(usage)
        })
        .chain(graph)
        .filter(|t| *t <= until)
        .max()
}

fn write_snapshot(
    tmp: &Path,
    marker: &mut Option<std::fs::File>,
    inputs: &[&crate::import::Input],
    manifest: &Manifest,
    rollup: &Rollup,
    portfolio: &crate::domain::model::Portfolio,
    watch: Watch,
) -> anyhow::Result<()> {
    std::fs::create_dir(tmp).with_context(|| format!("{}: cannot create", display(tmp)))?;
    // Locked until the import ends: prune and the leftover cleaning leave this folder alone.
    let path = tmp.join(IN_PROGRESS);
    let file = std::fs::File::create(&path)
        .with_context(|| format!("{}: cannot write", display(&path)))?;
    fs4::fs_std::FileExt::lock_exclusive(&file)
        .with_context(|| format!("{}: cannot lock", display(&path)))?;
    *marker = Some(file);
    watch.stage(Stage::Copying, inputs.iter().map(|i| i.path.as_path()));
    crate::store::parallel::map(inputs.len().min(manifest.files.len()), |n, block| {
        let (input, file) = (inputs[n], &manifest.files[n]);
        watch.file(&input.path)?;
        let target = tmp.join(&file.name);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("{}: cannot create", display(parent)))?;
        }
        let length = crate::store::manifest::copy_checked(&input.path, &target, file, block)?;
        watch.done(length as usize);
        Ok(())
    })?;
    watch.stage(Stage::Indexing, std::iter::empty());
    write_file(&tmp.join(ROLLUP), &postcard::to_allocvec(rollup)?)?;
    let names: Vec<String> = manifest.files.iter().map(|f| f.name.clone()).collect();
    // Looked up for every file and tenant: a map, not a scan of tens of thousands of files.
    let mut names_by_source = std::collections::HashMap::new();
    for f in &manifest.files {
        names_by_source
            .entry(f.source.as_str())
            .or_insert(f.name.as_str());
    }
    let relative = |path: &str| names_by_source.get(path).map(|n| n.to_string());
    crate::store::index::write(
        tmp,
        portfolio,
        &crate::store::index::stamps(tmp, &names)?,
        &relative,
    )?;
    let summary = crate::store::summary::Summary::of(manifest, PRICES_FORMAT);
    write_file(
        &tmp.join(crate::store::summary::FILE),
        &serde_json::to_vec_pretty(&summary)?,
    )?;
    write_file(
        &tmp.join(crate::store::tenants::FILE),
        &serde_json::to_vec(&crate::store::tenants::graph_files(manifest))?,
    )?;
    // The manifest last: a folder with a manifest is complete.
    let json = serde_json::to_vec_pretty(manifest)?;
    let path = tmp.join("manifest.json");
    let written = std::fs::File::create(&path).and_then(|mut f| {
        f.write_all(&json)?;
        f.sync_all()
    });
    written.with_context(|| format!("{}: cannot write", display(&path)))?;
    Ok(())
}

/// `stamp`, or `stamp-2`, `stamp-3`… when an import in the same second took it.
fn free_name(dir: &Path, stamp: &str) -> PathBuf {
    let mut target = dir.join(stamp);
    let mut n = 2;
    while target.exists() {
        target = dir.join(format!("{stamp}-{n}"));
        n += 1;
    }
    target
}

/// Opens the current snapshot `dir` with [`complement`]'s snapshot when it lacks a source (the
/// raw files of both, read together, so each source's newest date is current), else through
/// its index. Returns the portfolio and the older snapshots for the trends: all of them, the
/// complement too (its roll-up is its own point, with both its sources; the trend drops the
/// month its rows repeat).
pub fn open_current(
    dir: &Path,
    older: &[PathBuf],
) -> anyhow::Result<(crate::domain::model::Portfolio, Vec<PathBuf>)> {
    let Some(extra) = complement(dir, older) else {
        return Ok((open_snapshot(dir)?.0, older.to_vec()));
    };
    let mut portfolio = crate::import::load_paths(&[extra.clone(), dir.to_path_buf()])?;
    portfolio
        .warnings
        .push(crate::domain::model::ImportWarning {
            file: display(dir),
            record: None,
            field: None,
            message: complement_reason(dir, &extra),
            severity: crate::domain::model::Severity::Note,
        });
    Ok((portfolio, older.to_vec()))
}

/// Opens a snapshot through its index; when the index cannot be used, reads the raw files,
/// writes a new index, and says so (returned, and noted among the portfolio's warnings).
pub fn open_snapshot(
    dir: &Path,
) -> anyhow::Result<(crate::domain::model::Portfolio, Option<String>)> {
    let reason = match crate::store::index::Index::open(dir).and_then(|index| index.portfolio()) {
        Ok(portfolio) => return Ok((portfolio, None)),
        Err(e) => format!("{e:#}"),
    };
    let mut portfolio = crate::import::load_paths(&[dir.to_path_buf()])?;
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
fn raw_names(dir: &Path) -> anyhow::Result<Vec<String>> {
    if let Some(m) = read_manifest(dir) {
        return Ok(m.files.into_iter().map(|f| f.name).collect());
    }
    Ok(crate::import::inputs(&[dir.to_path_buf()])?
        .into_iter()
        .map(|i| i.relative.to_string_lossy().replace('\\', "/"))
        .collect())
}

/// What `--prune keep` removes of `all` (oldest first): all but the newest `keep`, except the
/// snapshot the newest reads a source it lacks from ([`complement`]), which is kept and
/// returned (removing it would leave the current view without that source).
pub fn doomed(all: &[PathBuf], keep: usize) -> (Vec<PathBuf>, Option<PathBuf>) {
    let cut = all.len().saturating_sub(keep);
    let spared = match all.split_last() {
        Some((newest, older)) if keep > 0 => {
            complement(newest, older).filter(|c| all[..cut].contains(c))
        }
        _ => None,
    };
    let doomed = all[..cut]
        .iter()
        .filter(|d| Some(*d) != spared.as_ref())
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

fn display(path: &Path) -> String {
    crate::text::display(path)
}

#[cfg(test)]
#[path = "snapshots_tests.rs"]
mod tests;
