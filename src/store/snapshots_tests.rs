use super::*;

#[test]
fn the_importer_skips_every_file_the_store_writes() {
    for name in [
        "manifest.json",
        crate::store::rollup::ROLLUP,
        crate::store::index::FILE,
        crate::store::summary::FILE,
        crate::store::tenants::FILE,
        crate::store::older::FILE,
        crate::store::index::JOINED,
        crate::store::index::OLD_JOINED,
    ] {
        assert!(crate::import::SNAPSHOT_FILES.contains(&name), "{name}");
    }
}

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

/// A full disk (or any failed write) says which file: /dev/full fails every write with
/// ENOSPC, as a full disk does.
#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_names_its_file() {
    let err = super::super::importing::write_file(Path::new("/dev/full"), b"x").unwrap_err();
    let text = format!("{err:#}");
    assert!(text.starts_with("/dev/full: cannot write"), "{text}");
    assert!(text.contains("os error 28"), "{text}");
}

#[test]
fn an_empty_cache_has_no_snapshot() {
    let root = tempfile::tempdir().unwrap();
    assert!(snapshots(root.path()).unwrap().is_empty());
}
