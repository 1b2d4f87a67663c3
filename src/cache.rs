//! The snapshot cache: `<cache dir>/snapshots/<UTC timestamp>/` folders holding export files
//! exactly as they were imported. `UPTAKE_CACHE_DIR` overrides the platform cache dir.

use std::path::{Path, PathBuf};

/// The cache root: `UPTAKE_CACHE_DIR`, else the platform's (`~/.cache/uptake` on Linux).
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("UPTAKE_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "uptake").map(|d| d.cache_dir().to_path_buf())
}

/// Snapshot folders under `root`, oldest first. Hidden folders (imports in progress) are not
/// snapshots.
pub fn snapshots(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let dir = root.join("snapshots");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let entry = entry?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if !hidden && entry.path().is_dir() {
            found.push(entry.path());
        }
    }
    // Timestamps in the names sort chronologically.
    found.sort();
    Ok(found)
}

/// The newest snapshot in the cache, if any.
pub fn newest_snapshot() -> std::io::Result<Option<PathBuf>> {
    match cache_dir() {
        Some(root) => Ok(snapshots(&root)?.pop()),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_is_the_last_timestamp_and_hidden_folders_are_ignored() {
        let root = tempfile::tempdir().unwrap();
        let snaps = root.path().join("snapshots");
        for name in [
            "20250501T000000Z",
            "20250614T032516Z",
            ".tmp-20990101T000000Z",
        ] {
            std::fs::create_dir_all(snaps.join(name)).unwrap();
        }
        std::fs::write(snaps.join("20991231T000000Z"), b"a file, not a snapshot").unwrap();
        let found = snapshots(root.path()).unwrap();
        let names: Vec<_> = found
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["20250501T000000Z", "20250614T032516Z"]);
    }

    #[test]
    fn an_empty_cache_has_no_snapshot() {
        let root = tempfile::tempdir().unwrap();
        assert!(snapshots(root.path()).unwrap().is_empty());
    }
}
