//! The snapshot index: round trip against the raw files, detection of bad indexes, rebuilds
//! that never lose the snapshot, and first-frame decoding.

use std::path::{Path, PathBuf};

mod common;

use common::{Run, fixture, now};
use uptake::store::index::{self, Index};
use uptake::store::snapshots::{self, Imported};

fn list_json(cache: Option<&Path>, data: Option<&Path>) -> (String, String) {
    let mut run = Run::new().args(["list", "--json"]);
    if let Some(cache) = cache {
        run = run.cache(cache);
    }
    if let Some(d) = data {
        run = run.arg("--data").arg(d);
    }
    let o = run.output();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    (
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

fn imported(paths: &[PathBuf]) -> (tempfile::TempDir, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let Imported::New { dir, .. } = snapshots::import(paths, root.path(), now()).unwrap() else {
        panic!("new snapshot");
    };
    (root, dir)
}

#[test]
fn the_index_gives_what_the_raw_files_give() {
    let inputs = [
        fixture("portfolio.json"),
        fixture("sidecars"),
        fixture("insights/OfficeUsage.csv"),
        fixture("insights/DynamicsUsage.tsv"),
        fixture("partner_deployment.json"),
    ];
    let (root, dir) = imported(&inputs);
    assert!(index::path(&dir).is_file(), "import writes the index");
    let via_index = Index::open(&dir).unwrap().portfolio().unwrap();
    let raw = uptake::import::load_paths(std::slice::from_ref(&dir)).unwrap();
    assert_eq!(via_index.customers, raw.customers);
    assert_eq!(via_index.partner, raw.partner);
    assert_eq!(via_index.files, raw.files);
    assert_eq!(via_index.warnings, raw.warnings);
    let (from_cache, stderr) = list_json(Some(root.path()), None);
    // The import's warnings are printed (issue 10); no rebuild note is among them.
    assert!(
        !stderr.contains("rebuilt") && !stderr.contains("index"),
        "no rebuild needed: {stderr}"
    );
    assert!(
        stderr.contains("IsDuplicateRowForPGA"),
        "warnings on stderr: {stderr}"
    );
    let (from_raw, _) = list_json(None, Some(&dir));
    assert_eq!(
        from_cache, from_raw,
        "list --json through the index equals the raw load"
    );
}

#[test]
fn bad_indexes_are_detected_and_rebuilt_without_losing_the_snapshot() {
    let (root, dir) = imported(&[fixture("portfolio.json")]);
    let good = std::fs::read(index::path(&dir)).unwrap();
    let (expected, _) = list_json(Some(root.path()), None);
    let mut wrong_version = good.clone();
    wrong_version[8] = 99;
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0xff;
    let cases: Vec<(&str, Option<Vec<u8>>, &str)> = vec![
        ("missing", None, "no index"),
        (
            "truncated",
            Some(good[..good.len() / 3].to_vec()),
            "corrupt",
        ),
        ("flipped byte", Some(flipped), "corrupt"),
        ("old version", Some(wrong_version), "index version 99"),
        (
            "not an index",
            Some(b"{\"items\":[]}".to_vec()),
            "not an uptake index",
        ),
    ];
    for (what, bytes, reason) in cases {
        match bytes {
            Some(b) => std::fs::write(index::path(&dir), b).unwrap(),
            None => std::fs::remove_file(index::path(&dir)).unwrap(),
        }
        let (out, stderr) = list_json(Some(root.path()), None);
        assert!(
            stderr.contains("rebuilt the snapshot index from the raw files"),
            "{what}: {stderr}"
        );
        assert!(stderr.contains(reason), "{what}: {stderr}");
        assert_eq!(out, expected, "{what}: same data after the rebuild");
        assert!(Index::open(&dir).is_ok(), "{what}: a good index again");
        let (_, stderr) = list_json(Some(root.path()), None);
        assert!(
            stderr.is_empty(),
            "{what}: used without rebuilding next time"
        );
    }
    assert!(
        uptake::store::manifest::read_manifest(&dir).is_some(),
        "the snapshot is intact"
    );
}

#[test]
fn an_index_older_than_its_raw_files_is_rebuilt() {
    let (root, dir) = imported(&[fixture("portfolio.json")]);
    let raw = dir.join("portfolio.json");
    let text = std::fs::read_to_string(&raw)
        .unwrap()
        .replace("\"licensesDeployed\": 30", "\"licensesDeployed\": 20");
    std::fs::write(&raw, text).unwrap();
    let (out, stderr) = list_json(Some(root.path()), None);
    assert!(
        stderr.contains("the raw files changed since the index was built"),
        "{stderr}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let tailspin = v
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["customer"]["name"] == "Tailspin Toys")
        .unwrap();
    assert_eq!(
        tailspin["deployment"]["assigned"], 20,
        "the raw files are the source of truth"
    );
}

/// A copied cache (`cp -r`) or a moved one has new modified times and the same bytes: the
/// index is used (the manifest's SHA-256 says the bytes are those it was built from), not
/// rebuilt, and the files get their recorded times back. The test above holds a changed file
/// of the same size to a rebuild.
#[test]
fn a_copied_cache_with_new_times_keeps_its_index() {
    let (root, dir) = imported(&[fixture("portfolio.json")]);
    let (expected, _) = list_json(Some(root.path()), None);
    let raw = dir.join("portfolio.json");
    let before = std::fs::metadata(&raw).unwrap().modified().unwrap();
    let later = before + std::time::Duration::from_secs(86_400);
    std::fs::File::open(&raw)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let (out, stderr) = list_json(Some(root.path()), None);
    assert!(stderr.is_empty(), "no rebuild: {stderr}");
    assert_eq!(out, expected);
    assert_eq!(
        std::fs::metadata(&raw).unwrap().modified().unwrap(),
        before,
        "the recorded time is back, so the next launch compares stamps only"
    );
}

#[test]
fn a_first_frame_decodes_only_the_matches() {
    let (_root, dir) = imported(&[fixture("portfolio.json")]);
    let idx = Index::open(&dir).unwrap();
    let (p, total) = idx.partial("tailspin", 10).unwrap();
    assert_eq!(total, 3);
    let names: Vec<&str> = p.customers.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Tailspin Toys"]);
    assert_eq!(
        p.customers[0].products[0].workloads.len(),
        2,
        "fully decoded"
    );
    let (all, _) = idx.partial("", 2).unwrap();
    assert_eq!(all.customers.len(), 2, "at most the limit");
}

#[test]
fn ten_thousand_customers_give_the_same_totals_through_the_index_and_raw() {
    let src = tempfile::tempdir().unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 14).unwrap();
    uptake::demo::generate::write(10_000, 5, as_of, src.path()).unwrap();
    let (_root, dir) = imported(&[src.path().to_path_buf()]);
    let t = uptake::domain::thresholds::Thresholds::default();
    let totals = |p: &uptake::domain::model::Portfolio| {
        let a = uptake::domain::analysis::assess(p, &t, now());
        let s = uptake::domain::analysis::stats(&a);
        (
            s.customers,
            s.sold,
            s.assigned,
            s.active,
            s.qualified,
            s.unused_seats,
            s.by_rule.clone(),
        )
    };
    let via_index = Index::open(&dir).unwrap().portfolio().unwrap();
    let raw = uptake::import::load_paths(&[src.path().to_path_buf()]).unwrap();
    assert_eq!(totals(&via_index), totals(&raw));
    assert_eq!(via_index.customers.len(), 10_000);
}

/// Writes an index of `portfolio` for `dir` that passes the checksum and the raw files' stamps.
fn write_checksummed(dir: &Path, portfolio: &uptake::domain::model::Portfolio) {
    let prefix = format!("{}/", uptake::text::display(dir));
    let relative = |path: &str| path.strip_prefix(&prefix).map(str::to_string);
    let stamps = index::stamps(dir, &["portfolio.json".to_string()]).unwrap();
    index::write(dir, portfolio, &stamps, &relative).unwrap();
}

/// Wrapped counts and dates of 1677 pass the checksum but are refused, and the snapshot is
/// rebuilt from its raw files (no 9.2×10¹⁸ licenses, no 368934…%).
#[test]
fn implausible_numbers_in_a_checksummed_index_are_refused_and_rebuilt() {
    let (root, dir) = imported(&[fixture("portfolio.json")]);
    let (expected, _) = list_json(Some(root.path()), None);
    let good = Index::open(&dir).unwrap().portfolio().unwrap();
    type Mutation = fn(&mut uptake::domain::model::Product);
    let mutations: [(&str, Mutation); 4] = [
        ("wrapped sold", |p| {
            p.deployment.as_mut().unwrap().sold = u64::MAX - 3
        }),
        ("wrapped assigned", |p| {
            p.deployment.as_mut().unwrap().assigned = 1 << 63
        }),
        ("wrapped active", |p| p.workloads[0].active = u64::MAX),
        ("a date of 1677", |p| {
            p.deployment.as_mut().unwrap().as_of =
                Some(chrono::DateTime::from_timestamp_nanos(i64::MIN + 1))
        }),
    ];
    for (what, mutate) in mutations {
        let mut bad = good.clone();
        let tailspin = bad
            .customers
            .iter_mut()
            .find(|c| c.name.as_str() == "Tailspin Toys")
            .unwrap();
        mutate(&mut tailspin.products[0]);
        write_checksummed(&dir, &bad);
        let err = Index::open(&dir).unwrap().portfolio().unwrap_err();
        assert!(
            format!("{err:#}").contains("implausible"),
            "{what}: {err:#}"
        );
        let (out, stderr) = list_json(Some(root.path()), None);
        assert!(
            stderr.contains("rebuilt the snapshot index"),
            "{what}: {stderr}"
        );
        assert_eq!(out, expected, "{what}: the raw files' numbers");
    }
}

/// A first frame holds the customers the app's search puts first (the same ones, whatever kind
/// of match: whole name, word, substring, typo, letters in order, id, domain), read from the
/// index's keys; checked against the search over the whole decoded portfolio.
#[test]
fn a_first_frame_holds_what_the_whole_search_puts_first() {
    let src = tempfile::tempdir().unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 14).unwrap();
    uptake::demo::generate::write(3_000, 11, as_of, src.path()).unwrap();
    let (_root, dir) = imported(&[src.path().to_path_buf()]);
    let idx = Index::open(&dir).unwrap();
    let whole = idx.portfolio().unwrap();
    let search = uptake::domain::search::SearchIndex::new(&whole);
    let order: Vec<usize> = (0..whole.customers.len()).collect();
    let some = &whole.customers[1234];
    let name = some.name.as_str().to_string();
    let word = name
        .split_whitespace()
        .max_by_key(|w| w.len())
        .unwrap()
        .to_lowercase();
    let mut typo: Vec<char> = word.chars().collect();
    typo.swap(1, 2);
    let typo: String = typo.into_iter().collect();
    let scattered: String = word.chars().step_by(2).collect();
    let id = some.id.as_ref().unwrap().as_str()[..8].to_string();
    let domain = whole
        .customers
        .iter()
        .find_map(|c| c.domain.as_ref())
        .map(|d| d.as_str()[..4].to_string())
        .unwrap_or_default();
    let middle: String = word.chars().skip(1).take(3).collect();
    let queries = [
        name.clone(),
        word.clone(),
        middle,
        typo,
        scattered,
        id,
        domain,
        format!("{} {}", &word[..2], name.split_whitespace().next().unwrap()),
        "müller".to_string(),
        "a".to_string(),
        "zzqxj".to_string(),
        String::new(),
    ];
    for query in &queries {
        for limit in [1, 7, 200] {
            let (first, total) = idx.partial(query, limit).unwrap();
            assert_eq!(total, 3_000);
            let mut expected: Vec<usize> = search.search(&order, query);
            expected.truncate(limit);
            expected.sort_unstable();
            let want: Vec<_> = expected
                .iter()
                .map(|&i| whole.customers[i].clone())
                .collect();
            assert_eq!(
                first.customers, want,
                "query {query:?}, limit {limit}: the first frame's customers"
            );
        }
    }
}

/// A cached snapshot is read lean (its customers' products stay in the index, read a chunk at
/// a time to be assessed): every assessment, the portfolio's figures, its date, its warnings
/// (rows dated in the future among them) and every customer read back in full are what
/// reading the whole portfolio gives.
#[test]
fn a_lean_read_assesses_what_a_whole_read_assesses() {
    use uptake::load::{Loaded, Source};
    let src = tempfile::tempdir().unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 14).unwrap();
    uptake::demo::generate::write(3_000, 3, as_of, src.path()).unwrap();
    let (_root, dir) = imported(&[src.path().to_path_buf()]);
    let t = uptake::domain::thresholds::Thresholds::default();
    let before_the_data =
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2025, 6, 1, 0, 0, 0).unwrap();
    for at in [now(), before_the_data] {
        let source = Source::Snapshot(dir.clone());
        let mut whole = Index::open(&dir).unwrap().portfolio().unwrap();
        // A customer after the records (a Graph tenant of an older snapshot) keeps its products.
        let extra = whole.customers[5].clone();
        whole.customers.push(extra.clone());
        let whole = Loaded::new(whole, source.clone(), &t, at);
        // (with the prices the snapshot keeps, which the load read)
        let assessed = uptake::domain::analysis::assess(&whole.portfolio, &whole.thresholds, at);
        same_figures(&whole, &assessed);
        let (mut lean, records) = Index::open(&dir).unwrap().lean().unwrap();
        assert!(lean.customers.iter().all(|c| c.products.is_empty()));
        lean.customers.push(extra);
        let lean = Loaded::lean(lean, records, source, &t, at).unwrap();
        assert_eq!(lean.rows, whole.rows, "{at}");
        assert_eq!(lean.stats, whole.stats);
        assert_eq!(lean.as_of, whole.as_of);
        assert_eq!(lean.portfolio.warnings, whole.portfolio.warnings);
        for (i, c) in whole.portfolio.customers.iter().enumerate().step_by(7) {
            assert_eq!(&*lean.full(i).unwrap(), c, "customer {i}");
        }
        let last = whole.portfolio.customers.len() - 1;
        assert!(!lean.portfolio.customers[last].products.is_empty());
        assert_eq!(&*lean.full(last).unwrap(), &whole.portfolio.customers[last]);
    }
    let whole = Index::open(&dir).unwrap().portfolio().unwrap();
    let future = Loaded::new(whole, Source::Snapshot(dir.clone()), &t, before_the_data);
    assert!(
        future
            .portfolio
            .warnings
            .iter()
            .any(|w| w.message.contains("dated after today")),
        "the second date puts rows in the future"
    );
}

/// The rows and figures a load keeps (tallied on two threads, one assessment at a time, the
/// assessments dropped) are what each customer's assessment gives, summed here simply.
fn same_figures(loaded: &uptake::load::Loaded, assessed: &[uptake::domain::analysis::Assessment]) {
    use uptake::domain::analysis::{Filter, Row};
    let s = &loaded.stats;
    assert_eq!(s.customers, assessed.len());
    let sum = |f: &dyn Fn(&uptake::domain::metrics::CustomerMetrics) -> u64| {
        assessed.iter().map(|a| f(&a.metrics)).sum::<u64>()
    };
    assert_eq!(s.sold, sum(&|m| m.sold));
    assert_eq!(s.assigned, sum(&|m| m.assigned));
    assert_eq!(s.active, sum(&|m| m.active));
    assert_eq!(s.qualified, sum(&|m| m.qualified));
    assert_eq!(s.unused_seats, sum(&|m| m.unused_seats));
    let mut rules: Vec<_> = s
        .by_rule
        .iter()
        .map(|&(id, n, seats)| (id, n, seats))
        .collect();
    rules.sort_by_key(|r| r.0);
    let mut expected: std::collections::BTreeMap<_, (usize, u64)> = Default::default();
    let mut opportunities = Vec::new();
    for (i, a) in assessed.iter().enumerate() {
        for s in &a.actions {
            let e = expected.entry(s.id).or_default();
            (e.0, e.1) = (e.0 + 1, e.1 + s.licenses);
            if s.licenses > 0 && s.id.is_opportunity() {
                opportunities.push((i, s.id, s.licenses));
            }
        }
    }
    let expected: Vec<_> = expected
        .into_iter()
        .map(|(id, (n, l))| (id, n, l))
        .collect();
    assert_eq!(rules, expected);
    // The ten most seats; ties by customer, then in the customer's order of suggestions.
    opportunities.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    opportunities.truncate(10);
    assert_eq!(s.top, opportunities);
    for (i, a) in assessed.iter().enumerate() {
        let r = &loaded.rows[i];
        assert_eq!(r, &Row::of(a), "customer {i}");
        for f in Filter::ALL {
            assert_eq!(r.passes(f), f.matches(a), "customer {i}, {f:?}");
        }
    }
}

/// The index cannot be read once the portfolio is loaded (truncated under the running app):
/// the detail shows the customer's totals, which were read at load, says why the products are
/// missing, and shows no per-product rows.
#[test]
fn a_customer_whose_products_cannot_be_read_shows_its_totals_and_says_why() {
    use ratatui::crossterm::event::KeyCode;
    use uptake::load::{Loaded, Source};
    let (_root, dir) = imported(&[fixture("portfolio.json")]);
    let t = uptake::domain::thresholds::Thresholds::default();
    let (lean, records) = Index::open(&dir).unwrap().lean().unwrap();
    let loaded = Loaded::lean(lean, records, Source::Snapshot(dir.clone()), &t, now()).unwrap();
    let mut app = uptake::tui::app::App::new(loaded.clone());
    common::press(&mut app, &[KeyCode::Char('/')]);
    common::type_text(&mut app, "tailspin");
    let readable = common::screen(&app, 120, 40);
    assert!(readable.contains("MICROSOFT 365 E3 · "), "{readable}");
    std::fs::OpenOptions::new()
        .write(true)
        .open(index::path(&dir))
        .unwrap()
        .set_len(200)
        .unwrap();
    let mut app = uptake::tui::app::App::new(loaded);
    common::press(&mut app, &[KeyCode::Char('/')]);
    common::type_text(&mut app, "tailspin");
    let s = common::screen(&app, 120, 40);
    assert!(s.contains("63 of 60 workload entitlements active"), "{s}");
    assert!(s.contains("Only the customer's totals"), "{s}");
    assert!(!s.contains("MICROSOFT 365 E3 · "), "{s}");
}
