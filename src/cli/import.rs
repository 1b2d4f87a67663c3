//! `uptake import PATH…`: validate export files and add them to the cache as a snapshot.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::Result;

use super::plural_en;
use super::progress::Bar;
use super::snapshots::{cache_root, tidy_cache};
use crate::domain::model::Timestamp;
use crate::i18n::Lang;
use crate::import::progress::Progress;
use crate::present::format;
use crate::store::snapshots;
use crate::text;

/// Graph reports listed one by one up to this many (more are counted by format).
const GRAPH_FILES_LISTED: usize = 12;

pub fn run(
    paths: &[PathBuf],
    cache: Option<PathBuf>,
    now: Timestamp,
    lang: Lang,
) -> Result<ExitCode> {
    let root = cache_root(cache, lang)?;
    tidy_cache(&root)?;
    // Ctrl-C (or a TERM) cancels: the readers stop at their next record and the temporary
    // folder goes; nothing half-written stays. A second Ctrl-C ends at once.
    let progress = Progress::new();
    let flag = progress.cancel_flag();
    // The exit status says which signal it was (128 + its number), as a shell reports it.
    let which = Arc::new(AtomicUsize::new(signal_hook::consts::SIGINT as usize));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(signal, 128 + signal, flag.clone())?;
        signal_hook::flag::register(signal, flag.clone())?;
        signal_hook::flag::register_usize(signal, which.clone(), signal as usize)?;
    }
    let bar = Bar::show(progress.clone());
    let imported = snapshots::import_watched(paths, &root, now, Some(progress.clone()));
    drop(bar);
    // A cancel that came too late to stop it (the snapshot was already in place) is a
    // finished import: say what happened, not what was asked.
    if progress.cancelled() && imported.is_err() {
        note!("uptake: import cancelled: nothing was written");
        let signal = which.load(Ordering::Relaxed);
        return Ok(ExitCode::from(u8::try_from(128 + signal).unwrap_or(130)));
    }
    let (dir, manifest) = match imported? {
        snapshots::Imported::Already { dir } => {
            outln!(
                "already imported: the same files are snapshot {}; nothing written",
                text::sanitize(&dir.file_name().unwrap_or_default().to_string_lossy())
            );
            return Ok(ExitCode::SUCCESS);
        }
        snapshots::Imported::New { dir, manifest } => (dir, manifest),
    };
    if progress.cancelled() {
        note!(
            "uptake: Ctrl-C came once the snapshot was in place: it is imported (preparing its first open was left to that open)"
        );
    }
    outln!(
        "imported {} as snapshot {}",
        plural_en(manifest.files.len(), "file", "files"),
        text::display(&dir)
    );
    // Graph reports come by the tens of thousands (one tenant folder each): above a dozen,
    // they are counted by format; one with skipped records is still named.
    let grouped = |f: &&crate::store::manifest::ManifestFile| {
        f.format.starts_with("Microsoft Graph") && f.skipped == 0
    };
    let group = manifest.files.iter().filter(grouped).count() > GRAPH_FILES_LISTED;
    let skipped = |n: usize| match n {
        0 => String::new(),
        n => format!(", {} skipped", format::count(Lang::En, n as u64)),
    };
    for f in manifest.files.iter().filter(|f| !(group && grouped(f))) {
        outln!(
            "  {}  {}  {}{}",
            text::sanitize(&f.name),
            f.format,
            plural_en(f.records, "record", "records"),
            skipped(f.skipped)
        );
    }
    if group {
        let mut formats: Vec<(&str, usize, usize)> = Vec::new();
        for f in manifest.files.iter().filter(grouped) {
            match formats.iter_mut().find(|(format, ..)| *format == f.format) {
                Some((_, files, records)) => {
                    (*files, *records) = (*files + 1, *records + f.records)
                }
                None => formats.push((&f.format, 1, f.records)),
            }
        }
        for (format, files, records) in formats {
            outln!(
                "  {}  {format}  {}",
                plural_en(files, "file", "files"),
                plural_en(records, "record", "records")
            );
        }
    }
    let data = manifest.shown_as_of();
    outln!(
        "{}, {}, {}, {}; data as of {}",
        plural_en(manifest.customers, "customer", "customers"),
        plural_en(manifest.products, "product", "products"),
        plural_en(manifest.records, "record", "records"),
        plural_en(manifest.warnings.len(), "warning", "warnings"),
        format::as_of(Lang::En, data, now)
    );
    if manifest.customers == 0 {
        outln!(
            "  note: no customer rows (partner-level totals only?): the app's overview (o) shows partner totals; export the customer-level insights for customers"
        );
    }
    for w in manifest.warnings.iter().take(10) {
        outln!("  warning: {w}");
    }
    if manifest.warnings.len() > 10 {
        outln!(
            "  … and {} more in the manifest",
            manifest.warnings.len() - 10
        );
    }
    Ok(ExitCode::SUCCESS)
}
