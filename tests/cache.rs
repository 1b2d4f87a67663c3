//! `uptake import` and the snapshot cache: copies unchanged, manifest, atomicity,
//! de-duplication, pruning.

use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Duration;

mod common;

use common::{Run, fixture, now, sha256_hex};
use uptake::store::snapshots::{self, Imported};

fn uptake(cache: &Path, args: &[&str]) -> Output {
    common::uptake_in(cache, args)
}

/// Every snapshot is complete: a manifest, and files whose hashes match it.
fn assert_cache_consistent(root: &Path) {
    for dir in snapshots::snapshots(root).unwrap() {
        let m = uptake::store::manifest::read_manifest(&dir)
            .unwrap_or_else(|| panic!("{} has a manifest", dir.display()));
        for f in &m.files {
            let bytes = std::fs::read(dir.join(&f.name)).unwrap();
            assert_eq!(sha256_hex(&bytes), f.sha256, "{}", f.name);
        }
    }
}

#[test]
fn import_copies_files_unchanged_with_a_manifest() {
    let root = tempfile::tempdir().unwrap();
    let sources = [fixture("v1_deployment.json"), fixture("v1_usage.json")];
    let before: Vec<(Vec<u8>, std::time::SystemTime)> = sources
        .iter()
        .map(|p| {
            (
                std::fs::read(p).unwrap(),
                std::fs::metadata(p).unwrap().modified().unwrap(),
            )
        })
        .collect();
    let Imported::New { dir, manifest } = snapshots::import(&sources, root.path(), now()).unwrap()
    else {
        panic!("a new snapshot");
    };
    assert_eq!(dir.file_name().unwrap(), "20250619T120000Z");
    assert_eq!(manifest.files.len(), 2);
    assert_eq!(manifest.customers, 1);
    assert_eq!(manifest.records, 8);
    assert_eq!(manifest.data_as_of.as_deref(), Some("2017-03-14T03:25:16Z"));
    assert_eq!(
        manifest.deployment_as_of.as_deref(),
        Some("2017-03-14T03:25:16Z")
    );
    assert_eq!(
        manifest.usage_as_of.as_deref(),
        Some("2017-03-09T00:00:00Z")
    );
    for (f, src) in manifest.files.iter().zip(&sources) {
        let copied = std::fs::read(dir.join(&f.name)).unwrap();
        assert_eq!(copied, std::fs::read(src).unwrap(), "byte for byte");
        assert_eq!(f.sha256, sha256_hex(&copied));
        assert_eq!(f.format, "Partner Center insights JSON (v1)");
    }
    assert_eq!(manifest.files[0].records, 3);
    for (p, (bytes, mtime)) in sources.iter().zip(before) {
        assert_eq!(
            std::fs::read(p).unwrap(),
            bytes,
            "the source is never modified"
        );
        assert_eq!(std::fs::metadata(p).unwrap().modified().unwrap(), mtime);
    }
    assert_cache_consistent(root.path());
}

#[test]
fn the_same_content_twice_makes_no_second_snapshot() {
    let root = tempfile::tempdir().unwrap();
    let files = [fixture("v1_deployment.json"), fixture("v1_usage.json")];
    assert!(matches!(
        snapshots::import(&files, root.path(), now()).unwrap(),
        Imported::New { .. }
    ));
    // The same files through their folder (with a README that is not an export).
    let again = snapshots::import(&[fixture("export_folder")], root.path(), now()).unwrap();
    assert!(matches!(again, Imported::Already { .. }), "{again:?}");
    assert_eq!(snapshots::snapshots(root.path()).unwrap().len(), 1);
    let o = uptake(
        root.path(),
        &[
            "import",
            fixture("v1_usage.json").to_str().unwrap(),
            fixture("v1_deployment.json").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .starts_with("already imported: the same files are snapshot")
    );
}

#[test]
fn a_failed_import_leaves_the_cache_as_it_was() {
    let root = tempfile::tempdir().unwrap();
    snapshots::import(&[fixture("portfolio.json")], root.path(), now()).unwrap();
    let before = snapshots::snapshots(root.path()).unwrap();
    let o = uptake(
        root.path(),
        &[
            "import",
            fixture("v1_usage.json").to_str().unwrap(),
            fixture("bad/truncated.json").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("truncated.json: line 1, column"), "{err}");
    assert_eq!(snapshots::snapshots(root.path()).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(root.path().join("snapshots"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "nothing half-written: {leftovers:?}");
}

#[test]
fn an_unwritable_cache_is_an_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_folder = dir.path().join("cache");
    std::fs::write(&not_a_folder, "a file where the cache folder should be").unwrap();
    let o = uptake(
        &not_a_folder,
        &["import", fixture("portfolio.json").to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("cannot"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&not_a_folder).unwrap(),
        "a file where the cache folder should be"
    );
}

#[test]
fn killing_imports_midway_never_leaves_a_partial_snapshot() {
    let src = tempfile::tempdir().unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 14).unwrap();
    uptake::demo::generate::write(1500, 9, as_of, src.path()).unwrap();
    // How long a whole import takes here, to kill the others at fractions of it.
    let timing = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    assert_eq!(
        uptake(timing.path(), &["import", src.path().to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let full = started.elapsed().as_millis() as u64;
    let root = tempfile::tempdir().unwrap();
    for percent in [5, 30, 60, 80, 90, 95, 98, 100] {
        let delay_ms = full * percent / 100;
        // A fresh copy each time (trailing whitespace differs), so every import is new content.
        let input = tempfile::tempdir().unwrap();
        for f in ["deployment.json", "usage.json"] {
            let mut bytes = std::fs::read(src.path().join(f)).unwrap();
            bytes.extend(std::iter::repeat_n(b' ', percent as usize));
            std::fs::write(input.path().join(f), bytes).unwrap();
        }
        let mut child = Run::new()
            .cache(root.path())
            .args(["import", input.path().to_str().unwrap()])
            .stdout(Stdio::null())
            .spawn();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        assert_cache_consistent(root.path());
    }
    let completed = snapshots::snapshots(root.path()).unwrap().len();
    eprintln!("{completed} of 8 killed imports had completed");
    let o = uptake(root.path(), &["import", src.path().to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "an uninterrupted import: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_cache_consistent(root.path());
    // Whatever survived opens, and pruning clears the leftovers of killed imports.
    let o = uptake(root.path(), &["list", "--limit", "1"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    snapshots::prune(root.path(), 100).unwrap();
    let hidden = std::fs::read_dir(root.path().join("snapshots"))
        .map(|d| {
            d.flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp-"))
                .count()
        })
        .unwrap_or(0);
    assert_eq!(hidden, 0);
}

#[test]
fn prune_keeps_the_newest_and_snapshots_lists_them() {
    let root = tempfile::tempdir().unwrap();
    for (i, f) in [
        "v1_deployment.json",
        "portfolio.json",
        "commercial_deployment.json",
    ]
    .iter()
    .enumerate()
    {
        let at = now() + chrono::TimeDelta::days(i as i64);
        snapshots::import(&[fixture(f)], root.path(), at).unwrap();
    }
    let o = uptake(root.path(), &["snapshots"]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(out.starts_with("snapshot"), "{out}");
    for name in ["20250619T120000Z", "20250620T120000Z", "20250621T120000Z"] {
        assert!(out.contains(name), "{out}");
    }
    assert!(
        out.contains("2018-10-14"),
        "data date of the commercial export: {out}"
    );
    let o = uptake(root.path(), &["snapshots", "--prune", "1"]);
    assert_eq!(o.status.code(), Some(0));
    let left = snapshots::snapshots(root.path()).unwrap();
    assert_eq!(left.len(), 1);
    // The newest *data* is kept (portfolio.json, 2025-06-14), not the last import (the
    // commercial export's data is of 2018).
    assert!(left[0].ends_with("20250620T120000Z"), "{left:?}");
}

#[test]
fn sidecar_folders_are_imported_with_their_structure_and_read_back() {
    let root = tempfile::tempdir().unwrap();
    let Imported::New { dir, manifest } = snapshots::import(
        &[fixture("portfolio.json"), fixture("sidecars")],
        root.path(),
        now(),
    )
    .unwrap() else {
        panic!("new");
    };
    let names: Vec<&str> = manifest.files.iter().map(|f| f.name.as_str()).collect();
    assert!(
        names.contains(&"subscriptions/6b3f8f7e-51c2-4a5b-9a7e-1f2d3c4b5a60.json"),
        "{names:?}"
    );
    assert!(
        dir.join("subscriptions/6b3f8f7e-51c2-4a5b-9a7e-1f2d3c4b5a60.json")
            .is_file()
    );
    let o = uptake(root.path(), &["show", "tailspin", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["support"]["open"], 3);
    assert_eq!(v["subscriptions"]["renews_in_days"], 23, "calendar days");
}

fn import_two_files(root: &Path) -> std::path::PathBuf {
    let sources = [fixture("v1_deployment.json"), fixture("v1_usage.json")];
    let Imported::New { dir, .. } = snapshots::import(&sources, root, now()).unwrap() else {
        panic!("a new snapshot");
    };
    dir
}

/// A deleted or truncated raw file is reported by snapshot and file name, and scripts exit 1
/// instead of printing numbers without usage (or stopping on a parse error).
#[test]
fn a_damaged_snapshot_is_named_and_scripts_exit_1() {
    for (what, damage) in [
        (
            "deleted",
            (|p: &Path| std::fs::remove_file(p).unwrap()) as fn(&Path),
        ),
        ("truncated", |p: &Path| {
            let bytes = std::fs::read(p).unwrap();
            std::fs::write(p, &bytes[..bytes.len() / 2]).unwrap();
        }),
    ] {
        let root = tempfile::tempdir().unwrap();
        let dir = import_two_files(root.path());
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        damage(&dir.join("v1_usage.json"));
        for args in [vec!["list", "--json"], vec!["show", "contoso"]] {
            let o = uptake(root.path(), &args);
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(1), "{what} {args:?}: {err}");
            assert!(o.stdout.is_empty(), "{what} {args:?}");
            assert!(
                err.contains(&format!("snapshot {name} is damaged")),
                "{err}"
            );
            assert!(
                err.contains("v1_usage.json"),
                "{what}: names the file: {err}"
            );
            if what == "deleted" {
                assert!(err.contains("missing"), "{err}");
            }
        }
    }
}

/// `snapshots --verify` finds an edit that keeps size and modification time.
#[test]
fn verify_checks_every_file_against_the_manifest_hash() {
    let root = tempfile::tempdir().unwrap();
    let dir = import_two_files(root.path());
    let o = uptake(root.path(), &["snapshots", "--verify"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("  ok"));
    let path = dir.join("v1_deployment.json");
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.iter().position(|b| b.is_ascii_digit()).unwrap();
    bytes[at] = if bytes[at] == b'9' {
        b'8'
    } else {
        bytes[at] + 1
    };
    std::fs::write(&path, &bytes).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    let o = uptake(root.path(), &["snapshots", "--verify"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("v1_deployment.json: SHA-256 differs from the manifest"),
        "{out}"
    );
}

/// Starts `n` imports at once, each of its own copy of the files (the same content or not).
fn imports_at_once(root: &Path, n: usize, same: bool) -> Vec<Output> {
    let inputs: Vec<tempfile::TempDir> = (0..n)
        .map(|i| {
            let dir = tempfile::tempdir().unwrap();
            for f in ["v1_deployment.json", "v1_usage.json"] {
                let mut bytes = std::fs::read(fixture(f)).unwrap();
                if !same {
                    bytes.extend(std::iter::repeat_n(b' ', i + 1));
                }
                std::fs::write(dir.path().join(f), bytes).unwrap();
            }
            dir
        })
        .collect();
    let children: Vec<_> = inputs
        .iter()
        .map(|input| {
            Run::new()
                .cache(root)
                .args(["import", input.path().to_str().unwrap()])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
        })
        .collect();
    children.into_iter().map(|c| c.wait_with_output()).collect()
}

/// The same export imported by several processes at once makes one snapshot; different exports
/// in the same second all succeed, each under a name of its own.
#[test]
fn concurrent_imports_make_one_snapshot_per_content_and_never_collide() {
    for _ in 0..3 {
        let root = tempfile::tempdir().unwrap();
        for o in imports_at_once(root.path(), 6, true) {
            assert_eq!(
                o.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        assert_eq!(
            snapshots::snapshots(root.path()).unwrap().len(),
            1,
            "one snapshot"
        );

        let root = tempfile::tempdir().unwrap();
        for o in imports_at_once(root.path(), 6, false) {
            assert_eq!(
                o.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        let all = snapshots::snapshots(root.path()).unwrap();
        assert_eq!(all.len(), 6, "six snapshots: {all:?}");
        assert_cache_consistent(root.path());
    }
}

/// Makes a leftover temporary folder, its marker locked (an import running) or not (killed).
fn leftover(root: &Path, name: &str) -> (std::path::PathBuf, std::fs::File) {
    let tmp = root.join("snapshots").join(name);
    std::fs::create_dir_all(&tmp).unwrap();
    std::fs::write(tmp.join("usage.json"), vec![b' '; 2_000_000]).unwrap();
    let marker = std::fs::File::create(tmp.join(".in-progress")).unwrap();
    (tmp, marker)
}

#[test]
fn prune_never_touches_an_import_in_progress() {
    let root = tempfile::tempdir().unwrap();
    snapshots::import(&[fixture("portfolio.json")], root.path(), now()).unwrap();
    let (running, marker) = leftover(root.path(), ".tmp-20250619T120000Z-999999-0");
    fs4::fs_std::FileExt::lock_exclusive(&marker).unwrap();
    let o = uptake(root.path(), &["snapshots", "--prune", "0", "--all"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        running.join("usage.json").is_file(),
        "the running import's folder is kept"
    );
    assert!(
        snapshots::snapshots(root.path()).unwrap().is_empty(),
        "the snapshot is pruned"
    );
    drop(marker);
}

/// A killed import's temporary folder is removed by the next `snapshots` or `import`, and said.
#[test]
fn leftovers_of_killed_imports_are_removed_and_reported() {
    let root = tempfile::tempdir().unwrap();
    let (dead, marker) = leftover(root.path(), ".tmp-20250619T120000Z-999999-0");
    drop(marker);
    let o = uptake(root.path(), &["snapshots"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("removed the leftover of an interrupted import") && out.contains("2.0 MB"),
        "{out}"
    );
    assert!(!dead.exists());
    let (dead, marker) = leftover(root.path(), ".tmp-20250619T120001Z-999998-0");
    drop(marker);
    let o = uptake(
        root.path(),
        &["import", fixture("portfolio.json").to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains(".tmp-20250619T120001Z-999998-0"));
    assert!(!dead.exists());
}

/// A snapshot folder that is a link out of the cache is neither read nor written into.
#[cfg(unix)]
#[test]
fn a_snapshot_linked_out_of_the_cache_is_not_followed() {
    let root = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("portfolio.json"),
        outside.path().join("portfolio.json"),
    )
    .unwrap();
    std::fs::create_dir_all(root.path().join("snapshots")).unwrap();
    let link = root.path().join("snapshots/20990101T000000Z");
    std::os::unix::fs::symlink(outside.path(), &link).unwrap();
    let o = uptake(root.path(), &["list", "--json"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "no snapshot to read: {err}");
    assert!(
        err.contains("20990101T000000Z: a symbolic link, not followed"),
        "{err}"
    );
    assert!(
        !outside.path().join("index.bin").exists(),
        "nothing written outside"
    );
    let o = uptake(root.path(), &["snapshots"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("not followed"));
}

/// The import hashes each export as it reads it (large exports on two threads, a large
/// Insights download streamed, Graph tenant folders): the manifest holds each source file's
/// own length and SHA-256, computed here from the file apart, and the copies match it.
#[test]
fn the_manifest_records_each_source_files_own_hash() {
    let src = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let (json, csv) = (src.path().join("json"), src.path().join("csv"));
    for (dir, args) in [
        (&json, &["--customers", "3000"][..]),
        (&csv, &["--customers", "8000", "--format", "csv"][..]),
    ] {
        let mut all = vec!["demo", "--out", dir.to_str().unwrap()];
        all.extend_from_slice(args);
        let o = uptake(cache.path(), &all);
        assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    }
    let big = |dir: &Path, name: &str| std::fs::metadata(dir.join(name)).unwrap().len();
    assert!(big(&json, "usage.json") > 8 << 20, "read on two threads");
    assert!(big(&csv, "OfficeUsage.csv") > 1 << 20, "streamed");
    let o = uptake(
        cache.path(),
        &["import", json.to_str().unwrap(), csv.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    let dir = snapshots::snapshots(cache.path()).unwrap().pop().unwrap();
    let m = uptake::store::manifest::read_manifest(&dir).unwrap();
    assert!(
        m.files.len() > 1000,
        "Graph tenant folders: {}",
        m.files.len()
    );
    for f in &m.files {
        let bytes = std::fs::read(&f.source).unwrap();
        assert_eq!(
            (f.bytes, &f.sha256),
            (bytes.len() as u64, &sha256_hex(&bytes)),
            "{}",
            f.source
        );
    }
    assert_cache_consistent(cache.path());
}

/// An import copies each export as it reads it (read once): every file of the snapshot is its
/// source byte for byte, JSON and Graph reports read whole and a large Insights download read
/// as a stream; a file in the folder that is not an export is not kept, nor the folder that
/// held only it; the snapshot opens as the files read directly do.
#[test]
fn an_import_keeps_what_it_read_byte_for_byte() {
    use uptake::demo::generate::{ExportFormat, write_as};
    let root = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 14).unwrap();
    write_as(60, 7, as_of, &src.path().join("json"), ExportFormat::Json).unwrap();
    write_as(3000, 8, as_of, &src.path().join("csv"), ExportFormat::Csv).unwrap();
    let extra = src.path().join("json/extra");
    std::fs::create_dir(&extra).unwrap();
    std::fs::write(extra.join("logo.png"), b"\x89PNG\r\n\x1a\n not an export").unwrap();
    let Imported::New { dir, manifest } =
        snapshots::import(&[src.path().to_path_buf()], root.path(), now()).unwrap()
    else {
        panic!("a new snapshot");
    };
    let streamed = manifest.files.iter().filter(|f| f.bytes > 1 << 20).count();
    let graph = manifest
        .files
        .iter()
        .filter(|f| f.format.contains("Graph"))
        .count();
    assert!(streamed >= 1 && graph >= 2, "{:?}", manifest.files);
    for f in &manifest.files {
        let copied = std::fs::read(dir.join(&f.name)).unwrap();
        assert!(
            copied == std::fs::read(&f.source).unwrap(),
            "{} byte for byte",
            f.name
        );
        assert_eq!(f.sha256, sha256_hex(&copied), "{}", f.name);
    }
    assert!(!manifest.files.iter().any(|f| f.name.contains("logo")));
    assert!(
        !dir.join("json/extra").exists(),
        "no folder of a file not kept"
    );
    assert!(!dir.join(".in-progress").exists());
    let direct = uptake::import::load_paths(&[src.path().to_path_buf()]).unwrap();
    let cached = uptake::import::load_paths(std::slice::from_ref(&dir)).unwrap();
    assert_eq!(direct.customers.len(), cached.customers.len());
    // The same, but for where a Graph report was read from.
    let (from, kept) = (src.path().display().to_string(), dir.display().to_string());
    for (a, b) in direct.customers.iter().zip(&cached.customers) {
        let (a, b) = (format!("{a:?}"), format!("{b:?}").replace(&kept, &from));
        assert!(a == b, "read the same from the snapshot:\n{a}\n{b}");
    }
}

/// A file changed in place, its size the same, is a new content: imported again it is read
/// without being copied (its size is one the cache holds), then copied after the check, byte
/// for byte; the same files a third time are recognised.
#[test]
fn a_file_changed_in_place_to_the_same_size_is_a_new_snapshot_copied_whole() {
    use uptake::demo::generate::{ExportFormat, write_as};
    let root = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 14).unwrap();
    write_as(40, 3, as_of, src.path(), ExportFormat::Json).unwrap();
    let import = || snapshots::import(&[src.path().to_path_buf()], root.path(), now()).unwrap();
    let Imported::New { dir: first, .. } = import() else {
        panic!("a new snapshot");
    };
    // One customer's name, its length kept: same sizes, other bytes.
    let deployment = src.path().join("deployment.json");
    let text = std::fs::read_to_string(&deployment).unwrap();
    let name = uptake::import::load_paths(&[src.path().to_path_buf()])
        .unwrap()
        .customers[0]
        .name
        .as_str()
        .to_string();
    assert!(text.contains(&name), "{name}");
    let renamed: String = name.chars().rev().collect();
    assert_ne!(name, renamed);
    std::fs::write(&deployment, text.replacen(&name, &renamed, 1)).unwrap();
    assert_eq!(std::fs::read(&deployment).unwrap().len(), text.len());
    let Imported::New { dir, manifest } = import() else {
        panic!("a changed file is a new snapshot");
    };
    assert_ne!(dir, first);
    for f in &manifest.files {
        let copied = std::fs::read(dir.join(&f.name)).unwrap();
        assert!(copied == std::fs::read(&f.source).unwrap(), "{}", f.name);
        assert_eq!(f.sha256, sha256_hex(&copied), "{}", f.name);
    }
    let cached = uptake::import::load_paths(std::slice::from_ref(&dir)).unwrap();
    assert!(cached.customers.iter().any(|c| c.name.as_str() == renamed));
    assert!(matches!(import(), Imported::Already { dir: d } if d == dir));
}

/// A file given by itself named as a file uptake writes into a snapshot, or as the prices
/// beside an export, or hidden, is kept under another name: the snapshot's own files are
/// uptake's, and the snapshot reads back as the files did.
#[test]
fn an_export_named_as_a_file_of_the_snapshot_is_kept_apart() {
    use uptake::demo::generate::{ExportFormat, write_as};
    let root = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 14).unwrap();
    write_as(30, 5, as_of, src.path(), ExportFormat::Json).unwrap();
    let given = [
        ("deployment.json", "summary.json"),
        ("usage.json", ".usage.json"),
    ];
    let mut paths = Vec::new();
    for (from, to) in given {
        std::fs::rename(src.path().join(from), src.path().join(to)).unwrap();
        paths.push(src.path().join(to));
    }
    let direct = uptake::import::load_paths(&paths).unwrap();
    let Imported::New { dir, manifest } = snapshots::import(&paths, root.path(), now()).unwrap()
    else {
        panic!("a new snapshot");
    };
    // The two exports, and the prices beside them (kept as `--data` reads them).
    let names: Vec<&str> = manifest.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.contains(&"prices.csv"), "{names:?}");
    assert!(!names.contains(&"summary.json") && !names.contains(&".usage.json"));
    for f in &manifest.files {
        let kept = std::fs::read(dir.join(&f.name)).unwrap();
        assert!(kept == std::fs::read(&f.source).unwrap(), "{}", f.name);
    }
    // uptake's own summary, not the export.
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("summary.json")).unwrap()).unwrap();
    assert!(summary.get("prices").is_some(), "{summary}");
    assert!(uptake::store::manifest::damage(&dir).is_none());
    let cached = uptake::import::load_paths(std::slice::from_ref(&dir)).unwrap();
    assert_eq!(cached.customers.len(), direct.customers.len());
    for (a, b) in direct.customers.iter().zip(&cached.customers) {
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
    }
}

/// An export saved in a folder as `manifest.json` (or another name of uptake's own files) is
/// read with the folder, not left out silently; a snapshot folder read as files still leaves
/// uptake's own files out, without a note about them.
#[test]
fn a_folder_reads_an_export_named_as_a_file_of_a_snapshot() {
    use uptake::demo::generate::{ExportFormat, write_as};
    let src = tempfile::tempdir().unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 14).unwrap();
    write_as(30, 5, as_of, src.path(), ExportFormat::Json).unwrap();
    let whole = uptake::import::load_paths(&[src.path().to_path_buf()]).unwrap();
    std::fs::rename(
        src.path().join("deployment.json"),
        src.path().join("manifest.json"),
    )
    .unwrap();
    std::fs::rename(
        src.path().join("usage.json"),
        src.path().join("summary.json"),
    )
    .unwrap();
    let renamed = uptake::import::load_paths(&[src.path().to_path_buf()]).unwrap();
    assert_eq!(renamed.customers.len(), whole.customers.len());
    for (a, b) in whole.customers.iter().zip(&renamed.customers) {
        assert_eq!(format!("{:?}", a.products), format!("{:?}", b.products));
    }
    let root = tempfile::tempdir().unwrap();
    let Imported::New { dir, manifest } =
        snapshots::import(&[src.path().to_path_buf()], root.path(), now()).unwrap()
    else {
        panic!("a new snapshot");
    };
    let names: Vec<&str> = manifest.files.iter().map(|f| f.name.as_str()).collect();
    for kept in ["/manifest.json", "/summary.json"] {
        assert!(names.iter().any(|n| n.ends_with(kept)), "{names:?}");
    }
    let cached = uptake::import::load_paths(std::slice::from_ref(&dir)).unwrap();
    for (a, b) in whole.customers.iter().zip(&cached.customers) {
        assert_eq!(format!("{:?}", a.products), format!("{:?}", b.products));
    }
    let notes: Vec<String> = cached.warnings.iter().map(|w| format!("{w:?}")).collect();
    assert!(
        !notes
            .iter()
            .any(|n| ["index.bin", "rollup.bin", "graph.json"]
                .iter()
                .any(|f| n.contains(f))),
        "{notes:?}"
    );
}

/// An import of a portfolio with many Graph tenant folders lists its exports by name and
/// counts its Graph reports by format (one line per file was 35 004 lines for 100 000
/// customers); the counts are the files in the tenant folders.
#[test]
fn an_import_counts_graph_reports_by_format() {
    use uptake::demo::generate::{ExportFormat, write_as};
    let src = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 14).unwrap();
    write_as(200, 9, as_of, src.path(), ExportFormat::Json).unwrap();
    let mut in_folders: std::collections::BTreeMap<String, usize> = Default::default();
    for tenant in std::fs::read_dir(src.path())
        .unwrap()
        .map(|e| e.unwrap().path())
    {
        if tenant.is_dir()
            && uptake::import::tenant_id(&tenant.file_name().unwrap().to_string_lossy()).is_some()
        {
            for f in std::fs::read_dir(&tenant).unwrap() {
                let name = f.unwrap().file_name().to_string_lossy().into_owned();
                *in_folders.entry(name).or_default() += 1;
            }
        }
    }
    let reports = in_folders.values().sum::<usize>();
    assert!(reports > 12, "{in_folders:?}");
    let out = uptake(cache.path(), &["import", &src.path().to_string_lossy()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let counted: Vec<usize> = text
        .lines()
        .filter(|l| l.contains("Microsoft Graph"))
        .map(|l| {
            let n = l.trim().split(' ').next().unwrap().replace(',', "");
            assert!(l.contains(" files  Microsoft Graph"), "{l}");
            n.parse().unwrap()
        })
        .collect();
    assert_eq!(counted.len(), 2, "{text}");
    assert_eq!(counted.iter().sum::<usize>(), reports, "{text}");
    assert!(text.contains("  deployment.json  "), "{text}");
    assert!(text.lines().count() < 12, "{text}");
}
