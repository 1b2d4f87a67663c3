//! Importing into the snapshot cache: the exports are read once, copied into a temporary
//! folder as they are read (unless the cache likely holds them already), checked, indexed,
//! and the folder moved into place under the cache lock (see [`import`]).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError};

use anyhow::Context;

use super::carry::complement;
use super::manifest::{Manifest, ManifestDate, ManifestFile, damage, read_manifest, sha256};
use super::rollup::{ROLLUP, Rollup};
use super::snapshots::{CacheLock, IN_PROGRESS, display, snapshots};
use crate::domain::model::Timestamp;
use crate::import::progress::{Progress, Stage, Watch};

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
    let prices = prices_beside(paths);
    let dir = root.join("snapshots");
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("{}: cannot create the cache folder", display(&dir)))?;
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    let tmp = dir.join(format!(
        ".tmp-{stamp}-{}-{}",
        std::process::id(),
        TMP_SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    // The exports are copied into the temporary folder as they are read: read once, and what
    // the snapshot keeps is byte for byte what was parsed and hashed.
    let mut marker = None;
    let result = begin_snapshot(&tmp, &mut marker).and_then(|()| {
        let job = Job {
            root,
            tmp: &tmp,
            stamp: &stamp,
            now,
            watch: Watch(progress.as_deref()),
        };
        job.run(&inputs, &prices, progress.clone())
    });
    let imported = match result {
        Ok((imported @ Imported::New { .. }, portfolio)) => Ok((imported, portfolio)),
        other => {
            let _ = std::fs::remove_dir_all(&tmp);
            other
        }
    };
    drop(marker);
    let (imported, portfolio) = imported?;
    if let Imported::New { dir, .. } = &imported {
        keep_older(root, dir, portfolio, progress);
    }
    Ok(imported)
}

/// One import into its temporary folder `tmp` (see [`import_watched`]).
struct Job<'a> {
    root: &'a Path,
    tmp: &'a Path,
    stamp: &'a str,
    now: Timestamp,
    watch: Watch<'a>,
}

impl Job<'_> {
    /// Reads `inputs` (copying them into the folder), checks and indexes them, adds the
    /// `prices`, and moves the folder into place; the portfolio read, for what comes after.
    fn run(
        &self,
        inputs: &[crate::import::Input],
        prices: &[crate::import::Input],
        progress: Option<Arc<Progress>>,
    ) -> anyhow::Result<(Imported, crate::domain::model::Portfolio)> {
        let (root, tmp, now, watch) = (self.root, self.tmp, self.now, self.watch);
        let all: Vec<&crate::import::Input> = inputs.iter().chain(prices).collect();
        let names = snapshot_names(&all, inputs.len());
        // The index keeps each Graph report's figures, not its rows: the rows are let go as
        // they are read.
        let mut builder = crate::import::Builder::watched(progress.clone(), true);
        let hashes = crate::import::Hashes::default();
        builder.hashes = Some(hashes.clone());
        let known = sizes_kept(root);
        builder.copies = Some(Arc::new(
            inputs
                .iter()
                .zip(&names)
                .filter(|(i, _)| !likely_kept(i, &known))
                .map(|(i, name)| (i.path.clone(), tmp.join(name)))
                .collect(),
        ));
        let accepted = crate::import::read_inputs(inputs, &mut builder)?;
        drop(builder.copies.take());
        // A file in a folder that is not an export is not kept.
        for ((_, name), _) in inputs
            .iter()
            .zip(&names)
            .zip(&accepted)
            .filter(|(_, a)| !**a)
        {
            let _ = std::fs::remove_file(tmp.join(name));
            let mut parent = Path::new(name).parent();
            while let Some(folder) = parent.filter(|p| !p.as_os_str().is_empty()) {
                if std::fs::remove_dir(tmp.join(folder)).is_err() {
                    break;
                }
                parent = folder.parent();
            }
        }
        if let Some(p) = &progress {
            p.stage(Stage::Building, 0);
        }
        let portfolio = builder.finish();
        let mut chosen: Vec<(&crate::import::Input, &str)> = Vec::with_capacity(all.len());
        for ((input, name), _) in inputs
            .iter()
            .zip(&names)
            .zip(&accepted)
            .filter(|(_, a)| **a)
        {
            chosen.push((input, name));
        }
        let exports = chosen.len();
        chosen.extend(
            prices
                .iter()
                .zip(&names[inputs.len()..])
                .map(|(i, n)| (i, n.as_str())),
        );

        let hashed = std::mem::take(&mut *hashes.lock().unwrap_or_else(PoisonError::into_inner));
        let files = manifest_files(&chosen, exports, &portfolio, &hashed, watch)?;
        let mut hashes: Vec<&str> = files.iter().map(|f| f.sha256.as_str()).collect();
        hashes.sort_unstable();
        let content_sha256 = sha256(hashes.join("\n").as_bytes());

        // A first look without the lock (most re-imports stop here); checked again under it.
        if let Some(existing) = same_content(root, &content_sha256)? {
            return Ok((Imported::Already { dir: existing }, portfolio));
        }
        let manifest = manifest_of(content_sha256, files, &portfolio, now);
        let rollup = Rollup::of(&portfolio);
        let sources: Vec<&crate::import::Input> = chosen.iter().map(|(i, _)| *i).collect();
        write_snapshot(
            tmp, &sources, exports, &manifest, &rollup, &portfolio, watch,
        )?;
        // Under the lock: no other import renames a snapshot of the same content or into
        // the same name meanwhile, and prune waits.
        let _lock = CacheLock::take(root)?;
        if let Some(existing) = same_content(root, &manifest.content_sha256)? {
            return Ok((Imported::Already { dir: existing }, portfolio));
        }
        let target = free_name(&root.join("snapshots"), self.stamp);
        std::fs::rename(tmp, &target).with_context(|| {
            format!("{}: cannot move the snapshot into place", display(&target))
        })?;
        let _ = std::fs::remove_file(target.join(IN_PROGRESS));
        let imported = Imported::New {
            dir: target,
            manifest: Box::new(manifest),
        };
        Ok((imported, portfolio))
    }
}

/// The manifest of a snapshot of `files` (content `content_sha256`) holding `portfolio`.
fn manifest_of(
    content_sha256: String,
    files: Vec<ManifestFile>,
    portfolio: &crate::domain::model::Portfolio,
    now: Timestamp,
) -> Manifest {
    let dated = newest_until(portfolio, crate::import::future(now));
    Manifest {
        version: 1,
        imported_at: now.into(),
        content_sha256,
        files,
        customers: portfolio.customers.len(),
        products: portfolio.customers.iter().map(|c| c.products.len()).sum(),
        records: portfolio.files.iter().map(|f| f.rows).sum(),
        // Which snapshot is current goes by this date: a row dated after the import (a typo'd
        // year) must not make an old export current for good.
        data_as_of: as_of(dated),
        dated_ahead: dated.is_none() && newest_until(portfolio, Timestamp::MAX_UTC).is_some(),
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
            .chain(&crate::import::future_dated(portfolio, now))
            .chain(&crate::import::future_reports(&portfolio.customers, now))
            .map(ToString::to_string)
            .collect(),
    }
}

/// The name each file takes in a snapshot: its path below what was imported; one folder down
/// (`1/<tenant>/r.csv`) when another file took that name (two folders imported with files of
/// one name must not overwrite each other; the folder holding it keeps its own name, as a
/// Graph report's tenant is the name of its folder, issue 14).
fn snapshot_names(inputs: &[&crate::import::Input], exports: usize) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    inputs
        .iter()
        .enumerate()
        .map(|(n, input)| {
            let mut relative = input.relative.to_string_lossy().replace('\\', "/");
            // A file given by itself is named as it is; one named as a file uptake writes
            // (summary.json…) or as the prices beside an export would be overwritten or read
            // as such, and a hidden one would be skipped when the folder is read again.
            if n < exports {
                let file = relative.rfind('/').map_or(0, |slash| slash + 1);
                if relative[file..].starts_with('.') {
                    relative.insert(file, '_');
                }
                let reserved = |name: &str| {
                    crate::import::SNAPSHOT_FILES.contains(&name)
                        || name.eq_ignore_ascii_case(crate::import::prices::FILE_NAME)
                };
                if reserved(&relative) {
                    taken.insert(relative.clone());
                }
            }
            let mut name = relative.clone();
            let mut k = n;
            while !taken.insert(name.clone()) {
                name = format!("{k}/{relative}");
                k += 1;
            }
            name
        })
        .collect()
}

/// The sizes of the exports the cache's snapshots hold. Importing the same content again is
/// common (the same folder, a scheduled import); its copy would be made only to be removed,
/// at several times the cost of the read. So a file of a size a snapshot holds is not copied as
/// it is read, but after the check, only when the content is new ([`write_snapshot`]).
/// The newest few are looked at (a manifest of 100 000 customers with Graph reports is 13 MB
/// of JSON): a re-import is most often of the newest.
fn sizes_kept(root: &Path) -> std::collections::HashSet<u64> {
    let all = snapshots(root).unwrap_or_default();
    all.iter()
        .rev()
        .take(3)
        .filter_map(|dir| read_manifest(dir))
        .flat_map(|m| m.files)
        .filter(|f| f.format != PRICES_FORMAT)
        .map(|f| f.bytes)
        .collect()
}

/// Whether `input` is a file of a size in `known` ([`sizes_kept`]); never a pipe (it can
/// only be kept as it is read), nor a JSON export read through a map: it is parsed from its
/// copy (what the snapshot records is then what it keeps, whatever is written into the export
/// meanwhile).
fn likely_kept(input: &crate::import::Input, known: &std::collections::HashSet<u64>) -> bool {
    let len = input.len.or_else(|| {
        let meta = std::fs::metadata(&input.path).ok()?;
        meta.is_file().then_some(meta.len())
    });
    len.is_some_and(|len| {
        known.contains(&len) && !crate::import::read_through_a_map(&input.path, len)
    })
}

/// Prepares the current snapshot's first open after the import of `dir` (its `portfolio`):
/// keeps what the older snapshots give it in its `older.bin`, and when it lacks a source, its
/// index joined with the snapshots that have it, so that open is as quick as the next. The
/// current snapshot may be another than `dir` (a tenant's Graph folder refreshed after the
/// export imported now, an older month): its older snapshots changed all the same.
fn keep_older(
    root: &Path,
    dir: &Path,
    mut portfolio: crate::domain::model::Portfolio,
    progress: Option<Arc<Progress>>,
) {
    let Ok(all) = snapshots(root) else {
        return;
    };
    let Some((current, older)) = all.split_last() else {
        return;
    };
    // A cancel (Ctrl-C once the snapshot was in place) leaves the rest to the first open.
    let cancelled = || progress.as_ref().is_some_and(|p| p.cancelled());
    if older.is_empty() || cancelled() {
        return;
    }
    let extras = complement(current, older);
    // What older snapshots give is kept by customer: their products stay in the index.
    let lean = |index: anyhow::Result<crate::store::index::Index>| {
        index.and_then(|i| i.lean()).map(|(p, _)| Some(p)).ok()
    };
    let opened = if !extras.is_empty() {
        match lean(crate::store::carry::joined_index(current, &extras)) {
            Some(p) => Ok(p),
            None => crate::store::carry::open_joined(current, &extras, progress.clone()).map(Some),
        }
    } else if current != dir {
        match lean(crate::store::index::Index::open(current)) {
            Some(p) => Ok(p),
            None => {
                super::snapshots::open_snapshot(current, progress.clone()).map(|(p, _)| Some(p))
            }
        }
    } else {
        Ok(None)
    };
    match opened {
        Ok(Some(p)) => portfolio = p,
        Ok(None) => {}
        Err(_) => return,
    }
    if !cancelled() {
        crate::store::older::attach(&mut portfolio, current, older, progress.clone());
    }
}

/// The manifest's entries of the files a snapshot stores (`chosen`: the exports, then the
/// prices), hashed (read again: the files are not kept in memory).
fn manifest_files(
    chosen: &[(&crate::import::Input, &str)],
    exports: usize,
    portfolio: &crate::domain::model::Portfolio,
    read: &foldhash::HashMap<PathBuf, (u64, String)>,
    watch: Watch,
) -> anyhow::Result<Vec<ManifestFile>> {
    let mut files = Vec::with_capacity(chosen.len());
    // An export was hashed as it was read: what the snapshot records is what was parsed (and
    // copied), and the export is not read a second time.
    let rest = chosen.iter().filter(|(i, _)| !read.contains_key(&i.path));
    watch.stage(Stage::Hashing, rest.map(|(i, _)| i.path.as_path()));
    let hashed = crate::store::parallel::map(chosen.len(), |n, block| {
        let path = &chosen[n].0.path;
        if let Some(known) = read.get(path) {
            return Ok(known.clone());
        }
        watch.file(path)?;
        // Read a block at a time: an export can be gigabytes.
        let (length, sha256) = crate::store::manifest::sha256_copy(path, None, block)
            .with_context(|| format!("{}: cannot read", display(path)))?;
        watch.done(length as usize);
        Ok((length, sha256))
    })?;
    for ((n, (input, name)), (length, sha256)) in chosen.iter().enumerate().zip(hashed) {
        let cannot_read = || format!("{}: cannot read", display(&input.path));
        let loaded = portfolio.files.get(n).filter(|_| n < exports);
        let (format, records, skipped) = match loaded {
            Some(f) => (f.format.to_string(), f.rows, f.skipped),
            None if n >= exports => {
                let bytes = std::fs::read(&input.path).with_context(cannot_read)?;
                let (lines, problems) =
                    crate::import::prices::read(name, &String::from_utf8_lossy(&bytes), None);
                (PRICES_FORMAT.to_string(), lines.len(), problems.len())
            }
            None => (String::new(), 0, 0),
        };
        files.push(ManifestFile {
            name: name.to_string(),
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

/// The partner's prices beside the exports (`prices.csv` at the top of an imported folder, or
/// in the folder of a file imported): they travel into the snapshot with the exports, so the
/// cached view is priced as `--data` prices the files (issue 15). The file is part of the
/// snapshot's content: new prices make a new snapshot.
fn prices_beside(paths: &[PathBuf]) -> Vec<crate::import::Input> {
    crate::import::prices::beside(paths)
        .into_iter()
        // A file given by itself named prices.csv is read as an export.
        .filter(|path| !paths.contains(path))
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
pub(super) fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
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

/// Creates the temporary folder `tmp` of an import and its marker, locked in `marker` until
/// the import ends: prune and the leftover cleaning leave the folder alone meanwhile.
fn begin_snapshot(tmp: &Path, marker: &mut Option<std::fs::File>) -> anyhow::Result<()> {
    std::fs::create_dir(tmp).with_context(|| format!("{}: cannot create", display(tmp)))?;
    let path = tmp.join(IN_PROGRESS);
    let file = std::fs::File::create(&path)
        .with_context(|| format!("{}: cannot write", display(&path)))?;
    fs4::fs_std::FileExt::lock_exclusive(&file)
        .with_context(|| format!("{}: cannot lock", display(&path)))?;
    *marker = Some(file);
    Ok(())
}

/// Completes the snapshot in `tmp`: the files `inputs` of the manifest not yet kept (the
/// first `exports` were copied as they were read), the index, the rollup, the summary, and
/// the manifest last.
fn write_snapshot(
    tmp: &Path,
    inputs: &[&crate::import::Input],
    exports: usize,
    manifest: &Manifest,
    rollup: &Rollup,
    portfolio: &crate::domain::model::Portfolio,
    watch: Watch,
) -> anyhow::Result<()> {
    let count = inputs.len().min(manifest.files.len());
    let kept = |n: usize| {
        n < exports
            && std::fs::metadata(tmp.join(&manifest.files[n].name))
                .is_ok_and(|m| m.len() == manifest.files[n].bytes)
    };
    let copied: Vec<usize> = (0..count).filter(|&n| !kept(n)).collect();
    watch.stage(
        Stage::Copying,
        copied.iter().map(|&n| inputs[n].path.as_path()),
    );
    crate::store::parallel::map(copied.len(), |k, block| {
        let n = copied[k];
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An import of content the cache holds is not copied as it is read: each export's size
    /// is known after its import (not the prices'), a file given by itself is looked at, and a
    /// pipe (read once) is always copied.
    #[test]
    fn files_of_sizes_the_cache_holds_are_not_copied_as_they_are_read() {
        let root = tempfile::tempdir().unwrap();
        let src = tempfile::tempdir().unwrap();
        let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 14).unwrap();
        let json = crate::demo::generate::ExportFormat::Json;
        crate::demo::generate::write_as(20, 1, as_of, src.path(), json).unwrap();
        std::fs::write(src.path().join("prices.csv"), "sku,price\nX,1\n").unwrap();
        assert!(sizes_kept(root.path()).is_empty());
        let now = chrono::Utc::now();
        import(&[src.path().to_path_buf()], root.path(), now).unwrap();
        let known = sizes_kept(root.path());
        let inputs = crate::import::inputs(&[src.path().to_path_buf()]).unwrap();
        assert!(inputs.len() >= 2);
        let mut sizes = Vec::new();
        for input in &inputs {
            let len = std::fs::metadata(&input.path).unwrap().len();
            sizes.push(len);
            let by_itself = crate::import::Input {
                len: None,
                ..input.clone()
            };
            assert!(likely_kept(input, &known) && likely_kept(&by_itself, &known));
        }
        let prices = std::fs::metadata(src.path().join("prices.csv"))
            .unwrap()
            .len();
        assert!(!sizes.contains(&prices) && !known.contains(&prices));
        let other = crate::import::Input {
            len: Some(sizes.iter().sum::<u64>() + 1),
            ..inputs[0].clone()
        };
        assert!(!likely_kept(&other, &known));
        // A large JSON export (read through a map, parsed from its copy) is always copied as
        // it is read; a large Insights download (streamed: read once) is not. Their starts
        // are real; the rest is a hole (only the start is looked at).
        let large: u64 = 40 << 20;
        let usage = std::fs::read(src.path().join("usage.json")).unwrap();
        let csv: Vec<u8> = std::iter::once("CustomerTenantId,CustomerName,Workload\n".to_string())
            .chain((0..40_000).map(|n| format!("{n:08x}-0000-4000-8000-000000000000,C {n},EXO\n")))
            .collect::<String>()
            .into_bytes();
        let big = tempfile::tempdir().unwrap();
        let mut with_large = known.clone();
        with_large.insert(large);
        for (name, start, mapped) in [("usage.json", &usage, true), ("office.csv", &csv, false)] {
            let path = big.path().join(name);
            let file = std::fs::File::create(&path).unwrap();
            std::io::Write::write_all(&mut &file, start).unwrap();
            file.set_len(large).unwrap();
            let input = crate::import::Input {
                path,
                len: Some(large),
                ..inputs[0].clone()
            };
            assert_eq!(likely_kept(&input, &with_large), !mapped, "{name}");
        }
        #[cfg(unix)]
        {
            let (reader, _writer) = std::io::pipe().unwrap();
            use std::os::fd::AsRawFd;
            let pipe = crate::import::Input {
                path: PathBuf::from(format!("/dev/fd/{}", reader.as_raw_fd())),
                len: None,
                ..inputs[0].clone()
            };
            assert!(!likely_kept(&pipe, &known));
        }
    }
}
