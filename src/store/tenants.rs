//! Tenants' Microsoft Graph reports kept across snapshots (issue 14).

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The names and formats of a snapshot's files: all this needs of an older manifest. Read on
/// its own (no full manifest, no sanitising of every field, and the current snapshot's manifest
/// stays the one `read_manifest` keeps).
#[derive(Deserialize)]
struct Listing {
    files: Vec<Listed>,
}

#[derive(Deserialize)]
struct Listed {
    name: String,
    #[serde(default)]
    format: String,
}

fn listing(dir: &Path) -> Option<Listing> {
    serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).ok()?).ok()
}

/// The file inside a snapshot folder that lists its tenants' Graph files (relative to it), so
/// a later snapshot finds them without parsing this manifest, which lists every file (the
/// manifests of two years of monthly snapshots are hundreds of megabytes of JSON).
pub const FILE: &str = "graph.json";

fn is_graph(format: &str) -> bool {
    format.starts_with("Microsoft Graph")
}

/// A Graph file's tenant: the GUID its folder is named by.
fn tenant_of(name: &str) -> Option<String> {
    Path::new(name)
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .and_then(crate::import::tenant_id)
}

/// Graph files by tenant, in the order first seen.
type ByTenant = Vec<(String, Vec<String>)>;

fn by_tenant<'a>(names: impl Iterator<Item = &'a str>) -> ByTenant {
    let mut out: ByTenant = Vec::new();
    let mut at = std::collections::HashMap::new();
    for name in names {
        let Some(tenant) = tenant_of(name) else {
            continue;
        };
        let i = *at.entry(tenant.clone()).or_insert_with(|| {
            out.push((tenant, Vec::new()));
            out.len() - 1
        });
        out[i].1.push(name.to_string());
    }
    out
}

/// The Graph files of a manifest by tenant, for [`FILE`].
pub fn graph_files(manifest: &crate::store::manifest::Manifest) -> ByTenant {
    by_tenant(
        manifest
            .files
            .iter()
            .filter(|f| is_graph(&f.format))
            .map(|f| f.name.as_str()),
    )
}

/// A snapshot's [`FILE`] as written, else (a snapshot of an older uptake) written from its
/// manifest.
fn graph_listing(dir: &Path) -> Option<Vec<u8>> {
    if let Ok(bytes) = std::fs::read(dir.join(FILE)) {
        return Some(bytes);
    }
    let m = listing(dir)?;
    let names = m.files.iter().filter(|f| is_graph(&f.format));
    serde_json::to_vec(&by_tenant(names.map(|f| f.name.as_str()))).ok()
}

/// The tenants whose Graph files the snapshot `dir` holds (lower-case ids; none when it has
/// neither a listing nor a manifest).
pub fn listed(dir: &Path) -> Vec<String> {
    graph_listing(dir)
        .map(|bytes| {
            tenants(&bytes)
                .into_iter()
                .map(|(t, _)| t.to_ascii_lowercase())
                .collect()
        })
        .unwrap_or_default()
}

/// The names (relative to `dir`) of the Graph files the snapshot `dir` lists by tenant.
pub fn graph_names(dir: &Path) -> std::collections::HashSet<String> {
    graph_listing(dir)
        .map(|bytes| {
            (tenants(&bytes).into_iter())
                .flat_map(|(_, files)| files)
                .map(Cow::into_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// A listed name is a file inside the snapshot folder (the list is a file like any other:
/// `../x` or `/x` are never read).
pub fn inside(name: &str) -> bool {
    let components = Path::new(name).components();
    !name.is_empty()
        && components
            .into_iter()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// The tenants of a [`FILE`]'s bytes with their files: borrowed from the bytes (two years of
/// snapshots list a tenant's files two dozen times), owned where a name holds an escape.
type Tenants<'a> = Vec<(Cow<'a, str>, Vec<Cow<'a, str>>)>;

fn tenants(bytes: &[u8]) -> Tenants<'_> {
    if let Ok(tenants) = serde_json::from_slice::<Vec<(&str, Vec<&str>)>>(bytes) {
        return tenants
            .into_iter()
            .map(|(t, names)| {
                let names = names.into_iter().map(Cow::Borrowed).collect();
                (Cow::Borrowed(t), names)
            })
            .collect();
    }
    let owned = |(t, names): (String, Vec<String>)| {
        (Cow::Owned(t), names.into_iter().map(Cow::Owned).collect())
    };
    serde_json::from_slice::<ByTenant>(bytes)
        .map(|tenants| tenants.into_iter().map(owned).collect())
        .unwrap_or_default()
}

/// The customers that give a portfolio older snapshots' tenants (issue 14): a partner imports
/// one tenant's folder after each GDAP session, so the newest snapshot rarely holds every
/// tenant. Each tenant `portfolio` has no Graph data for takes it from the older snapshot with
/// the newest data that lists it ([`FILE`]; see [`taken_from`]): from that snapshot's index,
/// where it opens and its files are unchanged (the tenants as settled at its import: at 100 000
/// customers, 35 000 report files were read again at each tenant folder's import), else from
/// the files. Each customer with its tenant's figures, not its report's rows (read from its
/// file when shown, as the index leaves them); `None` when the files could not be read or the
/// read was cancelled (by `progress`).
pub fn read_older_graph(
    portfolio: &crate::domain::model::Portfolio,
    older: &[PathBuf],
    progress: Option<std::sync::Arc<crate::import::progress::Progress>>,
) -> Option<Vec<crate::domain::model::Customer>> {
    let known = (portfolio.customers.iter())
        .filter_map(|c| Some(c.graph.as_ref()?.id.as_str().to_ascii_lowercase()))
        .collect();
    let (mut indexed, mut files) = (Vec::new(), Vec::new());
    for (dir, tenants) in taken_from(older, known) {
        match indexed_tenants(dir, &tenants) {
            Some(found) => indexed.extend(found),
            None => {
                for (_, names) in tenants {
                    let inside = names.into_iter().filter(|name| inside(name));
                    files.extend(inside.map(|name| dir.join(name)));
                }
            }
        }
    }
    if indexed.is_empty() && files.is_empty() {
        return Some(Vec::new());
    }
    crate::import::graph_customers(indexed, &files, progress).ok()
}

/// An index is read for older tenants when they are at least one in this many of its customers.
const INDEX_WORTH: usize = 40;

/// The Graph data of `tenants` as the snapshot `dir`'s index holds it; `None` when the index
/// cannot be used (missing, another version, its files changed) or lacks one of them.
fn indexed_tenants(dir: &Path, tenants: &ByTenant) -> Option<Vec<crate::domain::graph::Tenant>> {
    let index = crate::store::index::Index::open(dir).ok()?;
    // Decoding every customer of an index (0.34 s at 100 000, its files' stamps checked) costs
    // as much as reading the report files of about a 45th of them (0.155 ms a tenant, 17 498
    // tenants in 2.7 s): a month's export giving the few tenants the newest one lacks is read
    // from their files.
    if tenants.len().saturating_mul(INDEX_WORTH) < index.customers() {
        return None;
    }
    let wanted: std::collections::HashSet<&str> = tenants.iter().map(|(t, _)| t.as_str()).collect();
    let (portfolio, _) = index.lean().ok()?;
    let found: Vec<crate::domain::graph::Tenant> = (portfolio.customers.into_iter())
        .filter_map(|c| c.graph)
        .filter(|t| wanted.contains(t.id.as_str().to_ascii_lowercase().as_str()))
        .map(std::sync::Arc::unwrap_or_clone)
        .collect();
    (found.len() == wanted.len()).then_some(found)
}

/// Of the tenants the current snapshot `current` holds no Graph files of, how many each of
/// `older` gives, by the snapshots' listings alone: what
/// [`crate::store::older::carried_from`] says once the current snapshot was opened, for a
/// cache whose kept file is stale (copied, moved).
pub fn listed_from(current: &Path, older: &[PathBuf]) -> Vec<(PathBuf, usize)> {
    let known = listed(current).into_iter().collect();
    (taken_from(older, known).into_iter())
        .map(|(dir, tenants)| (dir.clone(), tenants.len()))
        .collect()
}

/// The rule older snapshots' tenants follow: each tenant not `known` (lower-case ids) from the
/// first of [`newest_data_first`] that lists it. Per snapshot giving some, its tenants and
/// their listed files.
fn taken_from(
    older: &[PathBuf],
    mut known: std::collections::HashSet<String>,
) -> Vec<(&PathBuf, ByTenant)> {
    let mut out = Vec::new();
    for dir in newest_data_first(older) {
        let Some(bytes) = graph_listing(dir) else {
            continue;
        };
        let taken: ByTenant = (tenants(&bytes).into_iter())
            .map(|(t, names)| (t.to_ascii_lowercase(), names))
            .filter(|(t, _)| known.insert(t.clone()))
            .map(|(t, names)| (t, names.into_iter().map(Cow::into_owned).collect()))
            .collect();
        if !taken.is_empty() {
            out.push((dir, taken));
        }
    }
    out
}

/// `older` (oldest first) by the date of their data, newest first (of one date, the later):
/// a tenant's report is taken from the snapshot with the newest data that has one. The
/// snapshots' own order follows Partner Center's dates; an export imported later may hold an
/// older month of Partner Center data with newer Graph reports than a tenant folder imported
/// before it (found by a helper: the folder's older report won).
fn newest_data_first(older: &[PathBuf]) -> Vec<&PathBuf> {
    let mut dated: Vec<(Option<crate::domain::model::Timestamp>, usize, &PathBuf)> = (older.iter())
        .enumerate()
        .map(|(i, dir)| {
            let data = crate::store::summary::read(dir)
                .and_then(|s| s.data_as_of.as_ref().and_then(|d| d.time()));
            (data, i, dir)
        })
        .collect();
    dated.sort_by_key(|d| std::cmp::Reverse((d.0, d.1)));
    dated.into_iter().map(|(_, _, dir)| dir).collect()
}

/// Attaches the Graph data of the customers `found` (see [`read_older_graph`]) to
/// `portfolio`: a tenant's data goes to the customer of its id that has none, else makes a
/// customer of its own. Returns how many tenants were attached.
pub fn attach(
    portfolio: &mut crate::domain::model::Portfolio,
    found: Vec<crate::domain::model::Customer>,
) -> usize {
    // Nothing to attach (most opens): no lookup of 100 000 customers is built.
    if found.iter().all(|c| c.graph.is_none()) {
        return 0;
    }
    // The customers without Graph data by their id (lower-case, as tenants are keyed), in
    // order: looked up for each of tens of thousands of tenants (a scan of the portfolio for
    // each took minutes at 100 000 customers).
    let mut without: foldhash::HashMap<String, Vec<usize>> = foldhash::HashMap::default();
    for (n, p) in portfolio.customers.iter().enumerate().rev() {
        if p.graph.is_none()
            && let Some(id) = &p.id
        {
            without
                .entry(id.as_str().to_ascii_lowercase())
                .or_default()
                .push(n);
        }
    }
    let mut attached = 0;
    for c in found.into_iter().filter(|c| c.graph.is_some()) {
        let tenant = c.graph.as_ref().map(|g| g.id.as_str());
        let same = tenant.and_then(|t| without.get_mut(t)?.pop());
        match same {
            Some(n) => portfolio.customers[n].graph = c.graph,
            None => portfolio.customers.push(c),
        }
        attached += 1;
    }
    attached
}

#[cfg(test)]
mod tests {
    use crate::domain::model::{Customer, Portfolio};
    use crate::text::Clean;
    use proptest::prelude::*;

    /// What attaching did before the lookup by id: a scan of the portfolio for each tenant.
    fn attach_by_scan(portfolio: &mut Portfolio, found: Vec<Customer>) -> usize {
        let mut attached = 0;
        for c in found.into_iter().filter(|c| c.graph.is_some()) {
            let tenant = c.graph.as_ref().map(|g| g.id.as_str().to_string());
            let same = portfolio.customers.iter_mut().find(|p| {
                p.graph.is_none()
                    && p.id
                        .as_ref()
                        .is_some_and(|id| Some(id.as_str().to_ascii_lowercase()) == tenant)
            });
            match same {
                Some(p) => p.graph = c.graph,
                None => portfolio.customers.push(c),
            }
            attached += 1;
        }
        attached
    }

    /// A customer named `n`, of id `id` from a small pool (any case, or none), with a Graph
    /// tenant of id `tenant` from the same pool, when given.
    fn customer(n: usize, id: Option<u8>, upper: bool, tenant: Option<u8>) -> Customer {
        let guid = |k: u8| format!("{k:08x}-0000-4000-8000-00000000000a");
        let id = id.map(|k| {
            let g = guid(k);
            Clean::new(&if upper { g.to_ascii_uppercase() } else { g })
        });
        let mut c = Customer::new(id, Clean::new(&format!("c{n}")), Vec::new());
        c.graph = tenant.map(|k| {
            std::sync::Arc::new(crate::domain::graph::Tenant {
                id: Clean::new(&guid(k)),
                ..Default::default()
            })
        });
        c
    }

    fn customers() -> impl Strategy<Value = Vec<Customer>> {
        let one = (
            proptest::option::of(0u8..6),
            any::<bool>(),
            proptest::option::weighted(0.3, 0u8..6),
        );
        proptest::collection::vec(one, 0..12).prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(n, (id, upper, tenant))| customer(n, id, upper, tenant))
                .collect()
        })
    }

    proptest! {
        /// Tenants go to the same customers, in the same order, as a scan for each put them.
        #[test]
        fn attaching_by_id_is_attaching_by_scan(
            have in customers(),
            found in customers(),
        ) {
            let mut fast = Portfolio { customers: have.clone(), ..Default::default() };
            let mut slow = Portfolio { customers: have, ..Default::default() };
            let n = super::attach(&mut fast, found.clone());
            prop_assert_eq!(n, attach_by_scan(&mut slow, found));
            prop_assert_eq!(fast.customers, slow.customers);
        }
    }

    #[test]
    fn only_names_inside_the_snapshot_are_read() {
        assert!(super::inside("0a1b/getOffice365ActiveUserDetail.csv"));
        for outside in ["../x.csv", "/etc/passwd", "a/../../x", "", "./a/../b"] {
            assert!(!super::inside(outside), "{outside}");
        }
    }
}
