//! Roll-ups: the customer-level sums of a snapshot (`rollup.bin`), the trends they give later
//! snapshots, and `history.bin`, where the roll-ups of pruned snapshots are kept.

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::domain::model::{CustomerKey, Sums};
use crate::text::display;

/// Customer-level sums of one snapshot, for the trends of later ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rollup {
    pub version: u32,
    pub customers: Vec<(CustomerKey, Sums)>,
}

impl Rollup {
    pub fn of(portfolio: &crate::domain::model::Portfolio) -> Self {
        Self {
            version: 1,
            customers: portfolio
                .customers
                .iter()
                .map(|c| (c.history_key(), crate::domain::metrics::sums(c)))
                .collect(),
        }
    }
}

/// The file name of a snapshot's roll-up (binary, like the index: opening parses no JSON).
pub const ROLLUP: &str = "rollup.bin";

/// A snapshot's roll-up: `rollup.bin`, or computed from its files when there is none or it
/// cannot be read (a snapshot made by hand, an older uptake).
pub fn rollup(dir: &Path) -> anyhow::Result<Rollup> {
    if let Ok(bytes) = std::fs::read(dir.join(ROLLUP))
        && let Ok(r) = postcard::from_bytes::<Rollup>(&bytes)
        && r.version == 1
    {
        return Ok(r);
    }
    let portfolio = crate::import::load_paths(&[dir.to_path_buf()])?;
    Ok(Rollup::of(&portfolio))
}

/// A roll-up as it is read for the trends: its keys borrowed from its bytes.
#[derive(Deserialize)]
struct RollupRef<'a> {
    version: u32,
    #[serde(borrow)]
    customers: Vec<(&'a str, Sums)>,
}

/// [`History`] as it is read for the trends.
#[derive(Deserialize)]
struct HistoryRef<'a> {
    version: u32,
    #[serde(borrow)]
    snapshots: Vec<(&'a str, RollupRef<'a>)>,
}

/// Calls `each` with every key and sums of `dir`'s roll-up; the error says why there is none.
fn each_sums(dir: &Path, mut each: impl FnMut(&str, Sums)) -> anyhow::Result<()> {
    if let Ok(bytes) = std::fs::read(dir.join(ROLLUP))
        && let Ok(r) = postcard::from_bytes::<RollupRef<'_>>(&bytes)
        && r.version == 1
    {
        r.customers.into_iter().for_each(|(k, s)| each(k, s));
        return Ok(());
    }
    let r = rollup(dir)?;
    r.customers
        .into_iter()
        .for_each(|(k, s)| each(k.as_str(), s));
    Ok(())
}

/// How many older snapshots the trends look back.
pub const HISTORY_SNAPSHOTS: usize = 12;

/// Adds the sums of the older snapshots (newest excluded) and of pruned snapshots (kept in
/// the cache root's [`HISTORY`]) to the matching customers. A snapshot that cannot be read is
/// noted and left out.
pub fn attach_history(
    portfolio: &mut crate::domain::model::Portfolio,
    current: &Path,
    older: &[PathBuf],
) {
    let index: foldhash::HashMap<CustomerKey, usize> = portfolio
        .customers
        .iter()
        .enumerate()
        .map(|(i, c)| (c.history_key(), i))
        .collect();
    let customers = &mut portfolio.customers;
    let room = older.len().min(HISTORY_SNAPSHOTS) + 1;
    customers.iter_mut().for_each(|c| c.history.reserve(room));
    let mut add = |key: &str, sums: Sums| {
        if let Some(&i) = index.get(key) {
            customers[i].history.push(sums);
        }
    };
    let mut notes = Vec::new();
    for dir in older.iter().rev().take(HISTORY_SNAPSHOTS) {
        if let Err(e) = each_sums(dir, &mut add) {
            notes.push(crate::domain::model::ImportWarning {
                file: display(dir),
                record: None,
                field: None,
                message: format!("older snapshot left out of the trends: {e:#}"),
                severity: crate::domain::model::Severity::Note,
            });
        }
    }
    // Pruned snapshots: their folders are gone, their roll-ups are kept in the cache root.
    let pruned = current
        .parent()
        .and_then(Path::parent)
        .and_then(|root| std::fs::read(root.join(HISTORY)).ok());
    let pruned = pruned
        .as_deref()
        .and_then(|b| postcard::from_bytes::<HistoryRef<'_>>(b).ok())
        .filter(|h| h.version == 1);
    for (_, r) in pruned
        .iter()
        .flat_map(|h| h.snapshots.iter().rev().take(HISTORY_SNAPSHOTS))
    {
        r.customers.iter().for_each(|&(k, s)| add(k, s));
    }
    portfolio.warnings.extend(notes);
    for c in &mut portfolio.customers {
        c.history.sort_by_key(|s| s.as_of);
        c.history.dedup_by_key(|s| s.as_of);
        // The newest ones, however many folders are kept: pruning never changes the trend.
        let extra = c.history.len().saturating_sub(HISTORY_SNAPSHOTS);
        c.history.drain(..extra);
        c.history.shrink_to_fit();
    }
}

/// The roll-ups of pruned snapshots, in the cache root: pruning keeps the trend.
pub const HISTORY: &str = "history.bin";

/// Roll-ups of snapshots that were pruned, oldest first, each with its snapshot's name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub version: u32,
    pub snapshots: Vec<(String, Rollup)>,
}

/// The pruned snapshots' roll-ups (none when there is no history file or it cannot be read).
pub fn read_history(root: &Path) -> History {
    std::fs::read(root.join(HISTORY))
        .ok()
        .and_then(|b| postcard::from_bytes::<History>(&b).ok())
        .filter(|h| h.version == 1)
        .unwrap_or_default()
}

/// Keeps the roll-ups of `dirs` in the history file (written aside and renamed into place).
pub(super) fn keep_history(root: &Path, dirs: &[PathBuf]) -> anyhow::Result<()> {
    let mut history = read_history(root);
    history.version = 1;
    for dir in dirs {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if history.snapshots.iter().any(|(n, _)| *n == name) {
            continue;
        }
        let rollup =
            rollup(dir).with_context(|| format!("{}: cannot read its roll-up", display(dir)))?;
        history.snapshots.push((name, rollup));
    }
    let path = root.join(HISTORY);
    let tmp = root.join(format!(".{HISTORY}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, postcard::to_allocvec(&history)?)
        .with_context(|| format!("{}: cannot write", display(&tmp)))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("{}: cannot write", display(&path)))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The roll-ups of older uptakes keyed customers by plain strings: a typed key writes and
    /// reads the same bytes.
    #[test]
    fn customer_keys_are_written_as_the_strings_they_were() {
        let sums = Sums::default();
        let keys = [CustomerKey::id("0a1b-c2"), CustomerKey::name("Ärger GmbH")];
        let old = (
            1u32,
            vec![
                ("0a1b-c2".to_string(), sums),
                (format!("name:{}", crate::text::fold("Ärger GmbH")), sums),
            ],
        );
        let new = Rollup {
            version: 1,
            customers: keys.iter().map(|k| (k.clone(), sums)).collect(),
        };
        let bytes = postcard::to_allocvec(&new).unwrap();
        assert_eq!(bytes, postcard::to_allocvec(&old).unwrap());
        assert_eq!(postcard::from_bytes::<Rollup>(&bytes).unwrap(), new);
        assert_eq!(keys[1].as_str(), "name:arger gmbh");
    }
}
