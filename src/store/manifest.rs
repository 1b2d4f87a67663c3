//! A snapshot's `manifest.json`: what was imported (files, sizes, hashes, dates), and the
//! checks of a snapshot folder against it (damage at a glance, verify in full).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::rollup::ROLLUP;

/// What `manifest.json` records about a snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    /// When the import ran (UTC).
    pub imported_at: String,
    /// SHA-256 over the files' contents (sorted), to recognise the same export imported again.
    pub content_sha256: String,
    pub files: Vec<ManifestFile>,
    pub customers: usize,
    pub products: usize,
    pub records: usize,
    /// Newest processed date of the data (RFC 3339), if any.
    pub data_as_of: Option<String>,
    /// Newest processed date of the deployment records and of the usage records.
    pub deployment_as_of: Option<String>,
    pub usage_as_of: Option<String>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestFile {
    /// Path inside the snapshot folder.
    pub name: String,
    /// Where it was imported from.
    pub source: String,
    pub format: String,
    pub records: usize,
    pub skipped: usize,
    pub bytes: u64,
    pub sha256: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(super) fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex(&sha2::Sha256::digest(bytes))
}

/// A file named by a manifest, inside the snapshot folder (never `..`, never absolute).
fn manifest_path(dir: &Path, name: &str) -> Option<PathBuf> {
    let relative = Path::new(name);
    relative
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
        .then(|| dir.join(relative))
}

/// What is visibly wrong with a snapshot, without reading its files: a file of the manifest
/// missing or of another size (deleted, truncated). `None` when nothing is (or when there is
/// no manifest to compare with: a folder made by hand).
pub fn damage(dir: &Path) -> Option<String> {
    let Some(manifest) = read_manifest(dir) else {
        // A folder uptake wrote always has a manifest (written last); one laid out by hand
        // (export files only) has none and is read as it is.
        // uptake writes rollup.bin before the manifest; a manifest that is not even JSON was
        // cut or overwritten. (A folder laid out by hand may hold any other manifest.json.)
        let made_by_uptake = dir.join(ROLLUP).exists();
        let text = std::fs::read(dir.join("manifest.json")).ok();
        let broken = text
            .as_deref()
            .is_some_and(|t| serde_json::from_slice::<serde_json::Value>(t).is_err());
        return match (text.is_some(), broken || made_by_uptake) {
            (true, true) => Some("manifest.json: unreadable".to_string()),
            (false, true) => Some("manifest.json: missing".to_string()),
            (_, false) => None,
        };
    };
    manifest.files.iter().find_map(|f| {
        let name = crate::text::sanitize(&f.name);
        let Some(path) = manifest_path(dir, &f.name) else {
            return Some(format!("{name}: a path outside the snapshot"));
        };
        match std::fs::metadata(&path) {
            Err(_) => Some(format!("{name}: missing")),
            Ok(m) if m.len() != f.bytes => Some(format!(
                "{name}: {} bytes, the manifest records {}",
                m.len(),
                f.bytes
            )),
            Ok(_) => None,
        }
    })
}

/// Checks every file of a snapshot against its manifest's size and SHA-256 (finds an edit that
/// kept size and modification time). The problems found, one per file.
pub fn verify(dir: &Path) -> Vec<String> {
    let Some(manifest) = read_manifest(dir) else {
        return vec!["manifest.json: missing or unreadable".to_string()];
    };
    let mut problems = Vec::new();
    for f in &manifest.files {
        let name = crate::text::sanitize(&f.name);
        let Some(path) = manifest_path(dir, &f.name) else {
            problems.push(format!("{name}: a path outside the snapshot"));
            continue;
        };
        match std::fs::read(&path) {
            Err(e) => problems.push(format!("{name}: cannot read ({e})")),
            Ok(bytes) if bytes.len() as u64 != f.bytes => problems.push(format!(
                "{name}: {} bytes, the manifest records {}",
                bytes.len(),
                f.bytes
            )),
            Ok(bytes) if sha256(&bytes) != f.sha256 => {
                problems.push(format!("{name}: SHA-256 differs from the manifest"))
            }
            Ok(_) => {}
        }
    }
    problems
}

/// A snapshot's manifest, if it has a readable one.
pub fn read_manifest(dir: &Path) -> Option<Manifest> {
    serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).ok()?).ok()
}
