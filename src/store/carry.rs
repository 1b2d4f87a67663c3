//! A snapshot that lacks a source, or holds it only of an older processing run than another
//! snapshot, is read together with that snapshot (see [`complement`]).

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::domain::model::Timestamp;

/// The older snapshots holding a source (deployment or usage rows) that `dir` lacks, or holds
/// only of an older processing run: the current view is the newest date of each source, across
/// snapshots too (a usage-only export imported after a full one keeps the full one's
/// deployment; a full export whose deployment is a few hours newer than the usage-only export
/// imported before it keeps that export's newer usage). Per source, the one with the newest
/// such data: a snapshot of Graph reports only, after a deployment-only export that followed a
/// full one, takes its deployment from the one and its usage from the other. Oldest first, each
/// once (none: `dir` is read alone).
pub fn complement(dir: &Path, older: &[PathBuf]) -> Vec<PathBuf> {
    let mut chosen: Vec<usize> = per_source(dir, older).into_iter().flatten().collect();
    chosen.sort_unstable();
    chosen.dedup();
    chosen.into_iter().map(|i| older[i].clone()).collect()
}

/// Per source (deployment, usage), the place in `older` of the snapshot [`complement`] reads
/// it from, if any.
fn per_source(dir: &Path, older: &[PathBuf]) -> [Option<usize>; 2] {
    let Some(m) = crate::store::summary::read(dir) else {
        return [None, None];
    };
    let mine = m.source_times();
    let mut best: [Option<(Timestamp, usize)>; 2] = [None, None];
    let future = crate::import::future(crate::env::today().and_time(Default::default()).and_utc());
    for (i, d) in older.iter().enumerate() {
        let Some(o) = crate::store::summary::read(d) else {
            continue;
        };
        // A source dated after the snapshot's data (a typo'd year, warned about) is not newer,
        // nor one of a snapshot whose every record is dated after its import (no data date).
        let data = o.data_as_of.as_ref().and_then(|d| d.time());
        for ((theirs, mine), best) in o.source_times().into_iter().zip(mine).zip(&mut best) {
            let Some(t) = theirs.filter(|t| data.map_or(*t <= future, |d| *t <= d)) else {
                continue;
            };
            let newer = mine.is_none_or(|mine| t - mine >= crate::import::SAME_RUN);
            if newer && best.is_none_or(|(b, _)| t >= b) {
                *best = Some((t, i));
            }
        }
    }
    best.map(|b| b.map(|(_, i)| i))
}

fn name(d: &Path) -> String {
    d.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Why the current snapshot `dir` is read with `extras` (see [`complement`]), in words:
/// "snapshot A has no usage data; it comes from snapshot B, the newest that has it".
pub fn complement_reason(dir: &Path, extras: &[PathBuf]) -> String {
    let from = per_source(dir, extras);
    let names: Vec<String> = extras.iter().map(|e| name(e)).collect();
    if let Some(lacks) = missing_sources(dir) {
        return match (from, names.as_slice()) {
            ([Some(d), Some(u)], _) if d != u => format!(
                "snapshot {} has no {lacks} data; deployment comes from snapshot {} and usage from snapshot {}, the newest that have them",
                name(dir),
                names[d],
                names[u]
            ),
            _ => format!(
                "snapshot {} has no {lacks} data; it comes from snapshot {}, the newest that has it",
                name(dir),
                names.join(" and ")
            ),
        };
    }
    let day = |t: Option<Timestamp>| {
        t.map_or_else(
            || "undated".into(),
            |t| t.format("%Y-%m-%d %H:%M UTC").to_string(),
        )
    };
    let times = |d: &Path| {
        crate::store::summary::read(d)
            .map(|s| s.source_times())
            .unwrap_or_default()
    };
    let mine = times(dir);
    let which: Vec<String> = ["deployment", "usage"]
        .into_iter()
        .enumerate()
        .filter_map(|(n, what)| {
            let e = from[n]?;
            format!(
                "{what} data (as of {}) is older than snapshot {}'s (as of {})",
                day(mine[n]),
                names[e],
                day(times(&extras[e])[n])
            )
            .into()
        })
        .collect();
    let which = match which.is_empty() {
        true => format!("data is read with snapshot {}'s", names.join(" and ")),
        false => which.join("; "),
    };
    let together = match extras.len() {
        1 => "the two",
        _ => "the three",
    };
    format!(
        "snapshot {}'s {which}: {together} are read together, the newer data of each source and service counts",
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

/// The index of `dir` joined with `extras` ([`crate::store::index::JOINED`]), when it was built
/// from these snapshots (a later import can make another snapshot the complement); whether
/// their files changed is checked when the whole portfolio is read.
pub fn joined_index(dir: &Path, extras: &[PathBuf]) -> anyhow::Result<crate::store::index::Index> {
    use crate::store::index::{Index, JOINED};
    let snapshots = dir.parent().context("a snapshot outside a folder")?;
    let index = Index::open_at(&dir.join(JOINED), snapshots)?;
    let tops = (extras.iter().map(PathBuf::as_path))
        .chain([dir])
        .map(folder)
        .collect::<anyhow::Result<Vec<_>>>()?;
    let under = |name: &str, top: &str| name.strip_prefix(top).is_some_and(|r| r.starts_with('/'));
    let sources = index.sources()?;
    // Built from exactly these snapshots: every file in one of them, each of them read.
    anyhow::ensure!(
        sources.iter().all(|n| tops.iter().any(|t| under(n, t)))
            && tops.iter().all(|t| sources.iter().any(|n| under(n, t))),
        "the joined index was built with other snapshots"
    );
    Ok(index)
}

/// A snapshot folder's name.
fn folder(dir: &Path) -> anyhow::Result<&str> {
    dir.file_name()
        .and_then(|n| n.to_str())
        .context("a snapshot folder without a name")
}

/// The snapshot `dir` read with `extras`, the snapshots holding the sources it lacks (see
/// [`complement`]): the snapshots' raw files read together (so each source's newest date is
/// current) once, then kept as their joined index in `dir`, read like any snapshot's index
/// (a partner who imports one tenant's Graph folder after each GDAP session opens a Graph-only
/// snapshot every time: reading 100 000 customers' exports again took seconds each time).
///
/// `progress` watches the read (and a cancel stops it: then nothing is written).
pub fn open_joined(
    dir: &Path,
    extras: &[PathBuf],
    progress: Option<std::sync::Arc<crate::import::progress::Progress>>,
) -> anyhow::Result<crate::domain::model::Portfolio> {
    if let Ok(portfolio) = joined_index(dir, extras).and_then(|index| index.portfolio()) {
        return Ok(portfolio);
    }
    let mut paths = extras.to_vec();
    paths.push(dir.to_path_buf());
    // The snapshots read for a source give that source, not their tenants' Graph reports
    // (below): those are not read (at 100 000 customers, 35 000 files; older snapshots'
    // reports are read once, by the newest-data rule, in `older::attach`).
    let mut inputs = Vec::new();
    for extra in extras {
        let graph = crate::store::tenants::graph_names(extra);
        let found = crate::import::inputs(std::slice::from_ref(extra))?;
        inputs.extend(found.into_iter().filter(|i| {
            let name = i.relative.to_string_lossy().replace('\\', "/");
            !graph.contains(&name)
        }));
    }
    inputs.extend(crate::import::inputs(std::slice::from_ref(
        &paths[extras.len()],
    ))?);
    let mut portfolio = crate::import::load_inputs_watched(&inputs, progress)?;
    without_their_graph(&mut portfolio, dir, extras);
    // A failed write costs the next open this read again, nothing else.
    let _ = write_joined(dir, &paths, &portfolio);
    Ok(portfolio)
}

/// Takes off the joined `portfolio` the Graph data of tenants its `extras` list: the snapshots
/// a source is read from give that source, not their tenants' reports. A tenant's report is
/// the current snapshot `dir`'s, else the newest older snapshot's that has one
/// ([`crate::store::older`] attaches it): a full export's report must not win over the
/// tenant's folder imported after it (found by a helper: a GDAP session's newer figures went
/// back to the export's once another tenant's folder was imported).
fn without_their_graph(
    portfolio: &mut crate::domain::model::Portfolio,
    dir: &Path,
    extras: &[PathBuf],
) {
    let listed: std::collections::HashSet<String> = extras
        .iter()
        .flat_map(|e| crate::store::tenants::listed(e))
        .collect();
    if listed.is_empty() {
        return;
    }
    let own: std::collections::HashSet<String> =
        crate::store::tenants::listed(dir).into_iter().collect();
    let theirs = |f: &str| extras.iter().any(|e| Path::new(f).starts_with(e));
    for c in &mut portfolio.customers {
        let Some(t) = c.graph.as_deref() else {
            continue;
        };
        let id = t.id.as_str().to_ascii_lowercase();
        let from_extras = match &t.report_file {
            Some(f) => theirs(f),
            None => !own.contains(&id),
        };
        if from_extras && listed.contains(&id) {
            c.graph = None;
        }
    }
}

/// Writes the joined index of the snapshots `read` (the last is `dir`; see [`open_joined`]).
fn write_joined(
    dir: &Path,
    read: &[PathBuf],
    portfolio: &crate::domain::model::Portfolio,
) -> anyhow::Result<()> {
    let snapshots = dir.parent().context("a snapshot outside a folder")?;
    let mut names = Vec::new();
    for d in read {
        let top = folder(d)?;
        let raw = crate::store::snapshots::raw_names(d)?;
        names.extend(raw.into_iter().map(|n| format!("{top}/{n}")));
    }
    let stamps = crate::store::index::stamps(snapshots, &names)?;
    let prefix = format!("{}/", crate::text::display(snapshots));
    let relative = |path: &str| path.strip_prefix(&prefix).map(str::to_string);
    crate::store::index::write_as(
        dir,
        crate::store::index::JOINED,
        portfolio,
        &stamps,
        &relative,
    )?;
    // An older uptake's joined index (with the other snapshots' Graph reports) is never read.
    let _ = std::fs::remove_file(dir.join(crate::store::index::OLD_JOINED));
    Ok(())
}
