//! Tenants' Microsoft Graph reports kept across snapshots (issue 14).

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

/// Tenants' Microsoft Graph reports from older snapshots (issue 14): a partner imports one
/// tenant's folder after each GDAP session, so the newest snapshot rarely holds every tenant.
/// Each tenant the current portfolio has no Graph data for takes it from the newest older
/// snapshot that has some (found by the tenant folders in the manifests; only those files are
/// read). Returns how many tenants came from older snapshots.
pub fn attach_older_graph(
    portfolio: &mut crate::domain::model::Portfolio,
    older: &[PathBuf],
) -> usize {
    let graph_format = |f: &str| f.starts_with("Microsoft Graph");
    let mut known: std::collections::HashSet<String> = portfolio
        .customers
        .iter()
        .filter_map(|c| Some(c.graph.as_ref()?.id.as_str().to_string()))
        .collect();
    let mut files = Vec::new();
    for dir in older.iter().rev() {
        let Some(m) = listing(dir) else {
            continue;
        };
        let mut taken = std::collections::HashSet::new();
        for f in m.files.iter().filter(|f| graph_format(&f.format)) {
            let tenant = Path::new(&f.name)
                .parent()
                .and_then(|p| p.file_name())
                .and_then(|n| n.to_str())
                .and_then(crate::import::tenant_id);
            if let Some(tenant) = tenant.filter(|t| !known.contains(t)) {
                files.push(dir.join(&f.name));
                taken.insert(tenant);
            }
        }
        known.extend(taken);
    }
    if files.is_empty() {
        return 0;
    }
    let Ok(found) = crate::import::load_paths(&files) else {
        return 0;
    };
    let mut attached = 0;
    for c in found.customers.into_iter().filter(|c| c.graph.is_some()) {
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
