//! A snapshot's `summary.json`: the few facts opening a snapshot needs (the dates of its data,
//! its prices files), so a launch never parses a manifest that lists every file (a portfolio
//! with Graph tenant folders lists hundreds of thousands). Written from the manifest, just
//! before it; a snapshot of an older uptake has none and is summarised from its manifest.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::manifest::{Manifest, ManifestDate, read_manifest};

/// The file name inside a snapshot folder.
pub const FILE: &str = "summary.json";

/// What opening a snapshot needs to know about it without its manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Newest processed date of the data, and of the deployment and usage records.
    pub data_as_of: Option<ManifestDate>,
    pub deployment_as_of: Option<ManifestDate>,
    pub usage_as_of: Option<ManifestDate>,
    /// See [`Manifest::dated_ahead`].
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dated_ahead: bool,
    /// The partner's prices files kept in the snapshot (relative to its folder).
    pub prices: Vec<String>,
}

impl Summary {
    /// The summary of a manifest (`prices_format` names the format of prices files).
    pub fn of(manifest: &Manifest, prices_format: &str) -> Self {
        Self {
            data_as_of: manifest.data_as_of.clone(),
            deployment_as_of: manifest.deployment_as_of.clone(),
            usage_as_of: manifest.usage_as_of.clone(),
            dated_ahead: manifest.dated_ahead,
            prices: manifest
                .files
                .iter()
                .filter(|f| f.format == prices_format)
                .map(|f| f.name.clone())
                .collect(),
        }
    }

    /// See [`super::manifest::shown_as_of`].
    pub fn shown_as_of(&self) -> Option<crate::domain::model::Timestamp> {
        super::manifest::shown_as_of(
            self.data_as_of.as_ref(),
            self.deployment_as_of.as_ref(),
            self.usage_as_of.as_ref(),
        )
    }

    /// The newest deployment and usage dates.
    pub fn source_times(&self) -> [Option<crate::domain::model::Timestamp>; 2] {
        let time = |d: Option<&ManifestDate>| d.and_then(ManifestDate::time);
        [
            time(self.deployment_as_of.as_ref()),
            time(self.usage_as_of.as_ref()),
        ]
    }

    /// The date a snapshot is ordered by (the current one has the newest): its newest Partner
    /// Center record, the data its gauges read, never after the data's own date (which leaves
    /// out rows dated after the import, a typo'd year); without Partner Center records (Graph
    /// reports only), the data's date. A tenant's Graph report refreshed after a later
    /// Partner Center export must not make an older export current. Data dated after its
    /// import alone (a wrong clock) sorts before every dated snapshot.
    pub fn order_date(&self) -> Option<crate::domain::model::Timestamp> {
        let time = |d: Option<&ManifestDate>| d.and_then(ManifestDate::time);
        let data = time(self.data_as_of.as_ref());
        match time(self.deployment_as_of.as_ref()).max(time(self.usage_as_of.as_ref())) {
            Some(partner) => match data {
                Some(d) => Some(partner.min(d)),
                // Every record dated after the import (a wrong clock): no date to be current
                // by; older than any dated snapshot, so a later export with dates is current
                // and kept by a prune.
                None => Some(crate::domain::model::Timestamp::MIN_UTC),
            },
            // Graph reports only, every one dated after the import: as above (see
            // `Manifest::dated_ahead`).
            None if self.dated_ahead => Some(crate::domain::model::Timestamp::MIN_UTC),
            None => data,
        }
    }
}

/// A snapshot's summary: its `summary.json`, else (an older uptake's snapshot, or one whose
/// summary cannot be read) from its manifest; `None` without either.
pub fn read(dir: &Path) -> Option<Summary> {
    std::fs::read(dir.join(FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .or_else(|| read_manifest(dir).map(|m| Summary::of(&m, super::snapshots::PRICES_FORMAT)))
}

/// The partner's prices files a snapshot keeps (`uptake import` copies the ones beside the
/// exports).
pub fn prices_files(dir: &Path) -> Vec<std::path::PathBuf> {
    read(dir)
        .map(|s| s.prices.iter().map(|name| dir.join(name)).collect())
        .unwrap_or_default()
}

/// The prices the current snapshot `dir` is read with: its own, else those of the newest older
/// snapshot that keeps some (a partner imports `prices.csv` once, beside an export; a later
/// export or tenant folder imported without it keeps those prices), with that snapshot.
pub fn current_prices(dir: &Path) -> (Vec<std::path::PathBuf>, Option<std::path::PathBuf>) {
    let own = prices_files(dir);
    if !own.is_empty() {
        return (own, None);
    }
    let Some(root) = dir.parent().and_then(Path::parent) else {
        return (own, None);
    };
    let all = crate::store::snapshots::snapshots(root).unwrap_or_default();
    let older = all
        .iter()
        .position(|d| d == dir)
        .map_or(&all[..0], |i| &all[..i]);
    older
        .iter()
        .rev()
        .map(|d| (prices_files(d), d))
        .find(|(files, _)| !files.is_empty())
        .map_or((own, None), |(files, d)| (files, Some(d.clone())))
}
