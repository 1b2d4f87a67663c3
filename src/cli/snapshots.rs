//! `uptake snapshots`: list, prune (`--prune N`) and verify (`--verify`) the cached snapshots.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::plural_en;
use crate::i18n::Lang;
use crate::present::format;
use crate::store::{manifest, rollup, snapshots};
use crate::text;
use crate::tr;

/// The cache root, or an error saying the system has no cache folder.
pub(super) fn cache_root(cache: Option<PathBuf>, lang: Lang) -> Result<PathBuf> {
    cache.context(tr!(lang, NoCacheFolder))
}

/// Says what the cache holds that is not a snapshot: leftovers of interrupted imports (removed)
/// and symbolic links (not followed).
pub(super) fn tidy_cache(root: &std::path::Path) -> Result<()> {
    for (dir, bytes) in snapshots::clean_leftovers(root) {
        outln!(
            "removed the leftover of an interrupted import: {} ({:.1} MB)",
            text::display(&dir),
            bytes as f64 / 1e6
        );
    }
    for link in snapshots::links(root) {
        outln!("note: {}", snapshots::link_note(&link));
    }
    Ok(())
}

/// `snapshots` lists them; with `--prune N` keeps the newest N.
pub fn run(
    cache: Option<PathBuf>,
    prune: Option<usize>,
    all: bool,
    lang: Lang,
) -> Result<ExitCode> {
    let root = cache_root(cache, lang)?;
    match prune {
        Some(keep) => prune_to(&root, keep, all, lang),
        None => list(&root),
    }
}

/// `snapshots --prune N`: keeps the newest N, and the ones the newest is read with.
fn prune_to(root: &std::path::Path, keep: usize, all: bool, lang: Lang) -> Result<ExitCode> {
    if keep == 0 && !all {
        note!(
            "uptake: {}: --prune 0 would delete every snapshot, the current one too; add --all to do that",
            tr!(lang, Error)
        );
        return Ok(ExitCode::from(2));
    }
    let all = snapshots::snapshots(root)?;
    let (doomed, spared) = snapshots::doomed(&all, keep);
    if let Some((newest, older)) = all.split_last().filter(|_| !spared.is_empty()) {
        // The reason names every snapshot a source comes from, kept anyway or spared.
        let extras = snapshots::complement(newest, older);
        let sources: Vec<String> = (spared.iter())
            .filter(|d| extras.contains(d))
            .map(|d| text::display(d))
            .collect();
        if !sources.is_empty() {
            outln!(
                "keeping {}: the newest snapshot is read with {} ({})",
                sources.join(" and "),
                if sources.len() == 1 { "it" } else { "them" },
                snapshots::complement_reason(newest, &extras)
            );
        }
        let prices = crate::store::summary::current_prices(newest).1;
        if let Some(from) = prices.filter(|p| spared.contains(p)) {
            outln!(
                "keeping {}: the newest snapshot has no prices and uses its prices",
                text::display(&from)
            );
        }
    }
    if let Some((newest, older)) = all.split_last() {
        // The kept file's count, else (a copied cache) the snapshots' listings'.
        let from = crate::store::older::carried_from(newest, older)
            .unwrap_or_else(|| crate::store::tenants::listed_from(newest, older));
        let lost: usize = (from.iter())
            .filter(|(from, _)| doomed.contains(from))
            .map(|(_, n)| n)
            .sum();
        if lost > 0 {
            outln!(
                "the newest Microsoft Graph data of {} is in the removed snapshots and goes with them; import their folders again to keep it",
                plural_en(lost, "tenant", "tenants")
            );
        }
    }
    if doomed.is_empty() {
        outln!(
            "nothing to remove: {} cached",
            plural_en(all.len(), "snapshot", "snapshots")
        );
    } else {
        outln!(
            "removing {} (their trend history is kept in {}):",
            plural_en(doomed.len(), "snapshot", "snapshots"),
            text::display(&root.join(rollup::HISTORY))
        );
        for dir in &doomed {
            outln!("  {}", text::display(dir));
        }
    }
    let removed = snapshots::prune(root, keep)?;
    for dir in &removed {
        outln!("removed {}", text::display(dir));
    }
    let kept = match keep {
        0 => "none kept".to_string(),
        1 => "the newest kept".to_string(),
        n => format!("the newest {n} kept"),
    };
    let kept = match spared.len() {
        0 => kept,
        1 => format!("{kept}, and the one it reads a source or its prices from"),
        _ => format!("{kept}, and the ones it reads its sources or prices from"),
    };
    outln!(
        "{} removed; {kept}",
        plural_en(removed.len(), "folder", "folders")
    );
    Ok(ExitCode::SUCCESS)
}

/// `snapshots`: what each holds, the current one and the ones it is read with.
fn list(root: &std::path::Path) -> Result<ExitCode> {
    tidy_cache(root)?;
    let all = snapshots::snapshots(root)?;
    if all.is_empty() {
        outln!(
            "no snapshot in {}; add one with `uptake import PATH`",
            text::display(&root.join("snapshots"))
        );
        return Ok(ExitCode::SUCCESS);
    }
    // The snapshot uptake opens (the newest undamaged one), and the ones it reads with it;
    // newer ones found damaged on the way.
    let mut damaged = Vec::new();
    let current = all.iter().rposition(|d| match manifest::damage(d) {
        Some(problem) => {
            damaged.push((d.clone(), problem));
            false
        }
        None => true,
    });
    let (extras, prices_from, graph_from) = current.map_or_else(Default::default, |i| {
        let extras = snapshots::complement(&all[i], &all[..i]);
        let graph = crate::store::older::carried_from(&all[i], &all[..i]);
        (
            extras,
            crate::store::summary::current_prices(&all[i]).1,
            graph,
        )
    });
    let gives_graph = |dir: &PathBuf| (graph_from.iter().flatten()).any(|(from, _)| from == dir);
    outln!(
        "{:<20}  {:<20}  {:<10}  {:>9}  {:>5}  {:>9}  holds",
        "snapshot",
        "imported",
        "data as of",
        "customers",
        "files",
        "size"
    );
    let mut ahead = false;
    for (i, dir) in all.iter().enumerate() {
        let mark = if Some(i) == current {
            '*'
        } else if damaged.iter().any(|(d, _)| d == dir) {
            '!'
        } else if extras.contains(dir) || prices_from.as_ref() == Some(dir) || gives_graph(dir) {
            '+'
        } else {
            ' '
        };
        let name = text::sanitize(&dir.file_name().unwrap_or_default().to_string_lossy());
        let name = format!("{name} {mark}");
        let Some(m) = manifest::read_manifest(dir) else {
            outln!("{name:<20}  (no readable manifest)");
            continue;
        };
        let bytes: u64 = m.files.iter().map(|f| f.bytes).sum();
        let data = match m.shown_as_of() {
            Some(t) => t.format("%Y-%m-%d").to_string(),
            None if m.dated_ahead => {
                ahead = true;
                "ahead".to_string()
            }
            None => "?".to_string(),
        };
        outln!(
            "{:<20}  {:<20}  {:<10}  {:>9}  {:>5}  {:>9}  {}",
            name,
            text::sanitize(&m.imported_at),
            data,
            format::count(Lang::En, m.customers as u64),
            m.files.len(),
            format!("{:.1} MB", bytes as f64 / 1e6),
            holds(&m)
        );
    }
    if ahead {
        outln!(
            "  ahead: every date of its data is after the day it was imported (a wrong clock or an edited file?); never current over a snapshot dated as it should be"
        );
    }
    for (dir, problem) in damaged.iter().rev() {
        outln!(
            "! damaged: {}: {}",
            text::sanitize(&dir.file_name().unwrap_or_default().to_string_lossy()),
            text::sanitize(problem)
        );
    }
    match (damaged.is_empty(), current) {
        (true, _) => {}
        (false, Some(_)) => outln!(
            "  `show` and `list` stop with an error while the newest snapshot is damaged; the app opens the one marked *. Import the export again"
        ),
        (false, None) => outln!(
            "  no intact snapshot: the app, `show` and `list` stop with an error. Import the export again"
        ),
    }
    if let Some(i) = current {
        let who = if damaged.is_empty() {
            "the app, `show` and `list` open this snapshot"
        } else {
            "the app opens this snapshot"
        };
        outln!("* current: {who}");
        let name = |d: &std::path::Path| {
            text::sanitize(&d.file_name().unwrap_or_default().to_string_lossy())
        };
        if !extras.is_empty() {
            outln!(
                "+ read with it: {}",
                snapshots::complement_reason(&all[i], &extras)
            );
        }
        if let Some(from) = &prices_from {
            outln!(
                "+ read with it: snapshot {} has no prices; those of snapshot {} are used",
                name(&all[i]),
                name(from)
            );
        }
        match &graph_from {
            Some(from) if !from.is_empty() => {
                let each: Vec<String> = (from.iter())
                    .map(|(d, n)| {
                        format!("{} from {}", plural_en(*n, "tenant", "tenants"), name(d))
                    })
                    .collect();
                outln!(
                    "+ read with it: Microsoft Graph data of tenants the current snapshot has none for: {}",
                    each.join(", ")
                );
            }
            Some(_) => {}
            None => {
                outln!("  Graph data older snapshots give it is worked out when it is next opened")
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What a snapshot holds, in words: "deployment, usage, Graph (12 tenants), prices".
fn holds(m: &manifest::Manifest) -> String {
    let mut parts = Vec::new();
    if m.deployment_as_of.is_some() {
        parts.push("deployment".to_string());
    }
    if m.usage_as_of.is_some() {
        parts.push("usage".to_string());
    }
    let mut tenants: Vec<&str> = (m.files.iter())
        .filter(|f| f.format.starts_with("Microsoft Graph"))
        .map(|f| f.name.rsplit_once('/').map_or("", |(folder, _)| folder))
        .collect();
    tenants.sort_unstable();
    tenants.dedup();
    if !tenants.is_empty() {
        parts.push(format!(
            "Graph ({})",
            plural_en(tenants.len(), "tenant", "tenants")
        ));
    }
    if m.files.iter().any(|f| f.format == snapshots::PRICES_FORMAT) {
        parts.push("prices".to_string());
    }
    if parts.is_empty() {
        "nothing uptake reads".to_string()
    } else {
        parts.join(", ")
    }
}

/// `snapshots --verify`: every file of every snapshot against its manifest.
pub fn verify(cache: Option<PathBuf>, lang: Lang) -> Result<ExitCode> {
    let root = cache_root(cache, lang)?;
    let all = snapshots::snapshots(&root)?;
    let mut damaged = 0;
    for dir in &all {
        let name = text::sanitize(&dir.file_name().unwrap_or_default().to_string_lossy());
        let problems = manifest::verify(dir);
        if problems.is_empty() {
            outln!("{name}  ok");
            continue;
        }
        damaged += 1;
        for problem in problems {
            outln!("{name}  damaged: {problem}");
        }
    }
    outln!(
        "{} checked, {} damaged",
        plural_en(all.len(), "snapshot", "snapshots"),
        format::count(Lang::En, damaged as u64)
    );
    Ok(if damaged == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
