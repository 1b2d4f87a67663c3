//! Found by trying the hardening from outside: a damaged snapshot is mended by importing the
//! export again; a snapshot that lost its manifest is reported, not passed over for older
//! data; a closed or full standard output ends a script cleanly, never with a panic.

mod common;

use std::path::Path;
use std::process::Output;

use common::{BIN, Run};

/// The real binary in a clean environment (the suite's one runner).
fn uptake(cache: &Path, args: &[&str]) -> Output {
    common::uptake_in(cache, args)
}

fn import(cache: &Path, fixture: &str) {
    let path = common::fixture(fixture);
    let o = uptake(cache, &["import", path.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn newest(cache: &Path) -> std::path::PathBuf {
    uptake::store::snapshots::snapshots(cache)
        .unwrap()
        .pop()
        .unwrap()
}

#[test]
fn importing_again_mends_a_damaged_snapshot() {
    let cache = tempfile::tempdir().unwrap();
    import(cache.path(), "portfolio.json");
    let file = newest(cache.path()).join("portfolio.json");
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&file, &bytes[..100]).unwrap();
    let o = uptake(cache.path(), &["list", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    import(cache.path(), "portfolio.json");
    let o = uptake(cache.path(), &["list", "--json"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn a_snapshot_that_lost_its_manifest_is_reported_not_passed_over() {
    let cache = tempfile::tempdir().unwrap();
    import(cache.path(), "v1_deployment.json");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    import(cache.path(), "portfolio.json");
    let current = newest(cache.path());
    std::fs::remove_file(current.join("manifest.json")).unwrap();
    let o = uptake(cache.path(), &["list", "--json"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("manifest.json: missing"), "{err}");
    std::fs::write(current.join("manifest.json"), "{").unwrap();
    let o = uptake(cache.path(), &["list", "--json"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("manifest.json: unreadable"), "{err}");
}

#[test]
fn a_closed_pipe_ends_quietly_and_a_full_disk_is_an_error() {
    let cache = tempfile::tempdir().unwrap();
    let o = Run::program("bash")
        .cache(cache.path())
        .args([
            "-c",
            r#""$0" list --demo --json | head -c 10 >/dev/null; echo "status ${PIPESTATUS[0]}""#,
            BIN,
        ])
        .output();
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert!(out.contains("status 0"), "{out}{err}");
    assert!(!err.contains("panicked"), "{err}");
    if Path::new("/dev/full").exists() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = Run::new()
            .cache(cache.path())
            .args(["list", "--demo", "--csv"])
            .stdout(full)
            .output();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains("standard output: cannot write"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}
