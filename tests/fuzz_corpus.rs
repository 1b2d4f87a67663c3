//! Replays the fuzzers' regression corpus (`tests/fuzz_corpus/<target>/`) through the same
//! importers and decoders as `fuzz/` does, with the same check: nothing panics and no output
//! holds a control character. The fuzz crate itself needs nightly and is not part of this build.

use std::path::Path;

mod common;

use uptake::domain::model::Portfolio;
use uptake::domain::thresholds::Thresholds;
use uptake::i18n::Lang;
use uptake::present::report;

fn assert_clean(what: &str, file: &Path, text: &str) {
    if let Some(c) = text.chars().find(|c| c.is_control() && *c != '\n') {
        panic!(
            "{}: {what}: control character U+{:04X}",
            file.display(),
            u32::from(c)
        );
    }
}

fn check_outputs(file: &Path, portfolio: &Portfolio) {
    let t = Thresholds::default();
    let now = common::now();
    let assessed = uptake::domain::analysis::assess(portfolio, &t, now);
    let rows = || portfolio.customers.iter().zip(&assessed);
    assert_clean(
        "list text",
        file,
        &report::list_text(
            rows(),
            Lang::En,
            uptake::domain::analysis::SortKey::CostDesc,
        ),
    );
    assert_clean("list json", file, &report::list_json(rows()));
    assert_clean("list csv", file, &report::list_csv(rows(), true).unwrap());
    for c in portfolio.customers.iter().take(20) {
        let a = uptake::domain::analysis::detailed(c, &t, now);
        assert_clean(
            "show json",
            file,
            &report::show_json(c, &a, &uptake::domain::graph::SkuNames::shipped()),
        );
        let text = report::summary(c, &a, now, report::Markup::Text, Lang::En);
        assert_clean("show", file, &text);
    }
    for w in &portfolio.warnings {
        assert_clean("warning", file, &w.to_string());
    }
}

fn corpus(target: &str) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} has inputs", dir.display());
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

#[test]
fn importer_corpus_replays_clean() {
    let export = std::fs::read(common::fixture("portfolio.json")).unwrap();
    for (target, name) in [
        ("json", "deployment.json"),
        ("csv", "OfficeUsage.csv"),
        ("sidecar", "subscriptions/x.json"),
    ] {
        for (path, bytes) in corpus(target) {
            let loaded = if target == "sidecar" {
                uptake::import::load_named(&[("portfolio.json", &export), (name, &bytes)])
            } else {
                uptake::import::load_named(&[(name, &bytes)])
            };
            match loaded {
                Ok(p) => check_outputs(&path, &p),
                Err(e) => assert_clean("error", &path, &e.to_string()),
            }
        }
    }
}

/// Index inputs are mutations of a valid index (offset, XOR byte; then a length change), with
/// the checksum recomputed, exactly as `fuzz/fuzz_targets/index.rs` applies them.
#[test]
fn index_corpus_replays_clean() {
    let export = std::fs::read(common::fixture("portfolio.json")).unwrap();
    let sidecar = std::fs::read(common::fixture("sidecars/servicerequests.json")).unwrap();
    let p = uptake::import::load_named(&[
        ("portfolio.json", &export),
        ("servicerequests.json", &sidecar),
    ])
    .unwrap();
    let relative = |path: &str| Some(path.to_string());
    let valid = uptake::store::index::encode(
        &p,
        &[uptake::store::index::Stamp {
            name: "portfolio.json".into(),
            size: 1,
            modified_ns: 2,
        }],
        &relative,
    )
    .unwrap();
    for (path, data) in corpus("index") {
        let mut bytes = valid.clone();
        let body = bytes.len() - 4;
        let (pairs, rest) = data.split_at(data.len() - data.len() % 3);
        for pair in pairs.chunks_exact(3) {
            let at = 12 + usize::from(u16::from_le_bytes([pair[0], pair[1]])) % (body - 12);
            bytes[at] ^= pair[2];
        }
        bytes.truncate(body);
        match rest {
            [n] if *n < 128 => bytes.truncate(bytes.len().saturating_sub(usize::from(*n))),
            [n] => bytes.extend(std::iter::repeat_n(*n, usize::from(*n - 127))),
            _ => {}
        }
        // Both checksums made to match, so the checks behind them are reached.
        bytes.extend_from_slice(&[0; 4]);
        uptake::store::index::reseal(&mut bytes);
        let Ok(index) = uptake::store::index::Index::from_bytes(bytes, None) else {
            continue;
        };
        let _ = index.partial("contoso", 5);
        if let Ok(p) = index.portfolio() {
            check_outputs(&path, &p);
        }
    }
}

#[test]
fn rollup_corpus_replays_clean() {
    let base = uptake::import::load_paths(&[common::fixture("portfolio.json")]).unwrap();
    for (path, data) in corpus("rollup") {
        let dir = tempfile::tempdir().unwrap();
        let older = dir.path().join("snapshots/20250101T000000Z");
        std::fs::create_dir_all(&older).unwrap();
        std::fs::write(older.join(uptake::store::rollup::ROLLUP), &data).unwrap();
        let mut p = base.clone();
        let current = dir.path().join("snapshots/20250201T000000Z");
        uptake::store::rollup::attach_history(&mut p, &current, &[older]);
        check_outputs(&path, &p);
    }
}
