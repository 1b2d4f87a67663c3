//! A snapshot that lacks a source, or holds it only of an older processing run than another
//! snapshot, is read together with that snapshot (see [`complement`]).

use std::path::{Path, PathBuf};

use crate::domain::model::Timestamp;

/// The older snapshot holding a source (deployment or usage rows) that `dir` lacks, or holds
/// only of an older processing run: the current view is the newest date of each source, across
/// snapshots too (a usage-only export imported after a full one keeps the full one's
/// deployment; a full export whose deployment is a few hours newer than the usage-only export
/// imported before it keeps that export's newer usage). Of several, the one with the newest
/// such data.
pub fn complement(dir: &Path, older: &[PathBuf]) -> Option<PathBuf> {
    let m = crate::store::summary::read(dir)?;
    let mine = m.source_times();
    let mut best: Option<(Timestamp, &PathBuf)> = None;
    for d in older {
        let Some(o) = crate::store::summary::read(d) else {
            continue;
        };
        // A source dated after the snapshot's data (a typo'd year, warned about) is not newer,
        // nor one of a snapshot whose every record is dated after its import (no data date).
        let data = o.data_as_of.as_ref().and_then(|d| d.time());
        let future =
            crate::import::future(crate::env::today().and_time(Default::default()).and_utc());
        for (theirs, mine) in o.source_times().into_iter().zip(mine) {
            let Some(t) = theirs.filter(|t| data.map_or(*t <= future, |d| *t <= d)) else {
                continue;
            };
            let newer = mine.is_none_or(|mine| t - mine >= crate::import::SAME_RUN);
            if newer && best.is_none_or(|(b, _)| t >= b) {
                best = Some((t, d));
            }
        }
    }
    best.map(|(_, d)| d.clone())
}

/// Why the current snapshot `dir` is read with `extra` (see [`complement`]), in words:
/// "snapshot A has no usage data; it comes from snapshot B, the newest that has it".
pub fn complement_reason(dir: &Path, extra: &Path) -> String {
    let name = |d: &Path| {
        d.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    if let Some(lacks) = missing_sources(dir) {
        return format!(
            "snapshot {} has no {lacks} data; it comes from snapshot {}, the newest that has it",
            name(dir),
            name(extra)
        );
    }
    let day = |t: Option<Timestamp>| {
        t.map_or_else(
            || "undated".into(),
            |t| t.format("%Y-%m-%d %H:%M UTC").to_string(),
        )
    };
    let mine = crate::store::summary::read(dir)
        .map(|s| s.source_times())
        .unwrap_or_default();
    let theirs = crate::store::summary::read(extra)
        .map(|s| s.source_times())
        .unwrap_or_default();
    let which = ["deployment", "usage"]
        .into_iter()
        .zip(mine.into_iter().zip(theirs))
        .find(|(_, (m, t))| t > m)
        .map(|(what, (m, t))| {
            format!(
                "{what} data (as of {}) is older than snapshot {}'s (as of {})",
                day(m),
                name(extra),
                day(t)
            )
        })
        .unwrap_or_else(|| format!("data is read with snapshot {}'s", name(extra)));
    format!(
        "snapshot {}'s {which}: the two are read together, the newer data of each source and service counts",
        name(dir)
    )
}

/// What a snapshot lacks, in words: "deployment", "usage" or "deployment and usage" data
/// (`None` when it has both, or has no summary).
pub fn missing_sources(dir: &Path) -> Option<&'static str> {
    let m = crate::store::summary::read(dir)?;
    match (m.deployment_as_of.is_none(), m.usage_as_of.is_none()) {
        (true, true) => Some("deployment and usage"),
        (true, false) => Some("deployment"),
        (false, true) => Some("usage"),
        (false, false) => None,
    }
}
