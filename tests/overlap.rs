//! Exports read together that hold figures of the same dates (two downloads that share
//! months, an older snapshot's files read with a newer one's): the newer export's figures
//! count, whatever order the files are named, read or imported in. The expectation is
//! computed here from the generated figures, not read off uptake's output.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

const WORKLOADS: [&str; 2] = ["Exchange", "SharePoint"];
const CUSTOMERS: u64 = 8;

/// Figures of one export: customer → date → workload → (active, qualified).
type Figures = BTreeMap<u64, BTreeMap<&'static str, [(u64, u64); 2]>>;

/// Deterministic figures that differ between the exports for the months they share.
fn figures(dates: &[&'static str], seed: u64) -> Figures {
    let mut state = seed;
    let mut next = move |below: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % below
    };
    (0..CUSTOMERS)
        .map(|c| {
            let by_date = dates
                .iter()
                .map(|d| {
                    let qualified = 40 + 10 * c;
                    let w = [(); 2].map(|()| (next(qualified + 1), qualified));
                    (*d, w)
                })
                .collect();
            (c, by_date)
        })
        .collect()
}

fn name(c: u64) -> String {
    format!("Overlap Customer {c:02}")
}

/// `hour`: the time of day of every record (exports processed at different hours of one day
/// are one processing run).
fn usage_json(figures: &Figures, hour: u32) -> String {
    let mut items = Vec::new();
    for (c, by_date) in figures {
        for (date, w) in by_date {
            for (workload, (active, qualified)) in WORKLOADS.iter().zip(w) {
                items.push(format!(
                    r#"{{"customerId":"9e1c0000-0000-4000-8000-0000000000{c:02}","customerName":"{}","serviceCode":"o365","productName":"E3","workloadName":"{workload}","licensesActive":{active},"licensesQualified":{qualified},"processedDateTime":"{date}T{hour:02}:00:00Z"}}"#,
                    name(*c)
                ));
            }
        }
    }
    format!(r#"{{"items":[{}]}}"#, items.join(","))
}

fn deployment_json(date: &str) -> String {
    let items: Vec<String> = (0..CUSTOMERS)
        .map(|c| {
            format!(
                r#"{{"customerId":"9e1c0000-0000-4000-8000-0000000000{c:02}","customerName":"{}","serviceCode":"o365","productName":"E3","licensesDeployed":{},"licensesSold":{},"processedDateTime":"{date}T06:00:00Z"}}"#,
                name(c),
                30 + 10 * c,
                40 + 10 * c
            )
        })
        .collect();
    format!(r#"{{"items":[{}]}}"#, items.join(","))
}

fn write(dir: &Path, file: &str, text: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap();
    path
}

/// Per customer, month (`YYYY-MM`) → usage %: the newer export's figure where it has the
/// date, else the older one's; a customer's usage is its workloads' active over qualified.
fn expected(older: &Figures, newer: &Figures) -> BTreeMap<u64, BTreeMap<String, f64>> {
    let mut out = BTreeMap::new();
    for c in 0..CUSTOMERS {
        let mut months = BTreeMap::new();
        for (date, w) in older[&c].iter().chain(newer[&c].iter()) {
            let (a, q) = w.iter().fold((0, 0), |(a, q), (x, y)| (a + x, q + y));
            // The newer export comes second: its figure replaces the older one's.
            months.insert(date[..7].to_string(), 100.0 * a as f64 / q as f64);
        }
        out.insert(c, months);
    }
    out
}

fn show(cache: &Path, c: u64, data: &[&Path]) -> Value {
    let mut args = vec!["show".to_string(), name(c), "--json".into()];
    for d in data {
        args.push("--data".into());
        args.push(d.to_string_lossy().into_owned());
    }
    json_of(&Run::new().cache(cache).args(&args).output())
}

/// Checks every customer's trend points and usage delta against `want`.
fn check(what: &str, cache: &Path, data: &[&Path], want: &BTreeMap<u64, BTreeMap<String, f64>>) {
    for (c, months) in want {
        let v = show(cache, *c, data);
        let list: Vec<(String, f64)> = v["trend"]["points"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| {
                Some((
                    p["usage_as_of"].as_str()?[..7].to_string(),
                    p["usage_percent"].as_f64()?,
                ))
            })
            .collect();
        let points: BTreeMap<String, f64> = list.iter().cloned().collect();
        assert_eq!(
            points.len(),
            list.len(),
            "{what}: one point a month: {list:?}"
        );
        for (month, usage) in months {
            let got = points.get(month).copied();
            assert!(
                got.is_some_and(|g| (g - usage).abs() < 1e-9),
                "{what}: {} {month}: {got:?}, want {usage} (all: {points:?})",
                name(*c)
            );
        }
        let mut last = months.values().rev();
        let (now, before) = (last.next().unwrap(), last.next().unwrap());
        // The change between the percentages as shown (whole numbers).
        let want = now.round() - before.round();
        let delta = v["trend"]["usage_delta"].as_f64().unwrap();
        assert_eq!(delta, want, "{what}: {}: {points:?}", name(*c));
        let current = v["usage"]["percent"].as_f64().unwrap();
        assert!((current - now).abs() < 1e-9, "{what}: {current} vs {now}");
    }
}

struct Data {
    _dir: tempfile::TempDir,
    older: PathBuf,
    newer: PathBuf,
    deployment: PathBuf,
    root: PathBuf,
    want: BTreeMap<u64, BTreeMap<String, f64>>,
}

fn data(newer_hour: u32) -> Data {
    let older = figures(&["2025-03-14", "2025-04-14", "2025-05-14"], 7);
    let newer = figures(&["2025-04-14", "2025-05-14", "2025-06-14"], 11);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    Data {
        // Named so that the newer export sorts (and is read) first in a folder.
        newer: write(
            &root.join("both"),
            "a-usage-june.json",
            &usage_json(&newer, newer_hour),
        ),
        older: write(
            &root.join("both"),
            "b-usage-may.json",
            &usage_json(&older, 6),
        ),
        deployment: write(
            &root.join("full"),
            "deployment.json",
            &deployment_json("2025-06-14"),
        ),
        want: expected(&older, &newer),
        root,
        _dir: dir,
    }
}

#[test]
fn the_newer_export_counts_in_whatever_order_raw_files_are_read() {
    // The newer export processed at the older one's hour, or 14 hours later (one run).
    for hour in [6, 20] {
        let d = data(hour);
        let cache = tempfile::tempdir().unwrap();
        check("older first", cache.path(), &[&d.older, &d.newer], &d.want);
        check("newer first", cache.path(), &[&d.newer, &d.older], &d.want);
        check("a folder", cache.path(), &[&d.root.join("both")], &d.want);
    }
}

#[test]
fn the_newer_export_counts_in_a_snapshot_and_with_a_carried_source() {
    let d = data(20);

    // One import of both (and the deployment): the snapshot's index and raw files agree.
    std::fs::copy(&d.deployment, d.root.join("both/deployment.json")).unwrap();
    let cache = tempfile::tempdir().unwrap();
    imported(cache.path(), &d.root.join("both").to_string_lossy());
    check("one import", cache.path(), &[], &d.want);

    // A full export (deployment and the older usage), then a usage-only one: the current
    // snapshot is read with the older one's files, the newer usage counts.
    std::fs::copy(&d.older, d.root.join("full/usage.json")).unwrap();
    let cache = tempfile::tempdir().unwrap();
    imported(cache.path(), &d.root.join("full").to_string_lossy());
    imported(cache.path(), &d.newer.to_string_lossy());
    check("carried deployment", cache.path(), &[], &d.want);
}

/// Found in a user test: one Dynamics 365 record of a day after the newer export made the
/// older export count for every Office 365 figure. Which export counts is decided per service.
#[test]
fn the_newer_data_of_each_service_counts() {
    let d = data(6);
    let text = std::fs::read_to_string(&d.older).unwrap();
    let dynamics = r#"{"customerId":"d-99","customerName":"Dynamics Only","serviceCode":"crm","productName":"DYNAMICS 365 SALES","workloadName":"Sales","licensesActive":5,"licensesQualified":10,"processedDateTime":"2025-06-16T06:00:00Z"},"#;
    std::fs::write(
        &d.older,
        text.replacen(r#"{"items":["#, &format!(r#"{{"items":[{dynamics}"#), 1),
    )
    .unwrap();
    let cache = tempfile::tempdir().unwrap();
    check("older first", cache.path(), &[&d.older, &d.newer], &d.want);
    check("newer first", cache.path(), &[&d.newer, &d.older], &d.want);
    // The note names the file whose figures count.
    let o = Run::new()
        .cache(cache.path())
        .args(["show", &name(0), "--data"])
        .arg(&d.older)
        .arg("--data")
        .arg(&d.newer)
        .output();
    let want = format!(
        "those of {} count, its data of the product's service being newer",
        d.newer.display()
    );
    assert!(stderr(&o).contains(&want), "{}", stderr(&o));
}

/// Found in a user test: snapshots whose newest record is the same deployment went by import
/// order (the older usage became current), and a full export whose deployment was a few hours
/// newer than the usage-only export imported before it hid that export's newer usage.
#[test]
fn the_newest_usage_counts_across_snapshots_whatever_the_deployment_dates() {
    // The newer usage is processed six hours before the deployment.
    let d = data(0);
    let folder = |name: &str, usage: &Path| {
        let dir = d.root.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(&d.deployment, dir.join("deployment.json")).unwrap();
        std::fs::copy(usage, dir.join("usage.json")).unwrap();
        dir.to_string_lossy().into_owned()
    };
    let (newer, older) = (folder("newdep", &d.newer), folder("olddep", &d.older));
    // Only the current snapshot's rows make months: the older export's own March is not one.
    let mut want = d.want.clone();
    want.values_mut().for_each(|m| {
        m.remove("2025-03");
    });
    for (first, second) in [(&newer, &older), (&older, &newer)] {
        let cache = tempfile::tempdir().unwrap();
        imported(cache.path(), first);
        imported(cache.path(), second);
        check("same deployment", cache.path(), &[], &want);
    }

    // The full export (older usage) after the newer usage-only one: read together.
    let cache = tempfile::tempdir().unwrap();
    imported(cache.path(), &d.newer.to_string_lossy());
    imported(cache.path(), &older);
    check("newer usage carried", cache.path(), &[], &d.want);
    let o = Run::new()
        .cache(cache.path())
        .args(["show", &name(0)])
        .output();
    assert!(
        stderr(&o).contains("usage data (as of 2025-05-14 06:00 UTC) is older than snapshot"),
        "{}",
        stderr(&o)
    );
}

/// Two records of one workload in one file, hours apart (one processing run): one figure, the
/// later dated, noted; the month is one trend point, never the two added together.
#[test]
fn two_records_of_one_run_in_a_file_are_one_figure() {
    let dir = tempfile::tempdir().unwrap();
    let record = |active: u64, qualified: u64, at: &str| {
        format!(
            r#"{{"customerId":"c-1","customerName":"Contoso Ltd","serviceCode":"o365","productName":"E3","workloadName":"Exchange","licensesActive":{active},"licensesQualified":{qualified},"processedDateTime":"{at}"}}"#
        )
    };
    let items = [
        record(30, 100, "2025-05-14T00:00:00Z"),
        // Later dated, read first: it counts.
        record(80, 200, "2025-06-14T20:00:00Z"),
        record(60, 100, "2025-06-14T06:00:00Z"),
        // An earlier month, twice in one run.
        record(45, 100, "2025-05-14T09:00:00Z"),
    ];
    let path = write(
        dir.path(),
        "usage.json",
        &format!(r#"{{"items":[{}]}}"#, items.join(",")),
    );
    let o = Run::new()
        .args([
            "show",
            "contoso",
            "--json",
            "--data",
            path.to_str().unwrap(),
        ])
        .output();
    let err = stderr(&o);
    let v = json_of(&o);
    assert_eq!(v["usage"]["percent"].as_f64(), Some(40.0), "{err}");
    let points: Vec<(String, f64)> = v["trend"]["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["usage_as_of"].as_str().unwrap()[..10].to_string(),
                p["usage_percent"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        points,
        [
            ("2025-05-14".to_string(), 45.0),
            ("2025-06-14".to_string(), 40.0)
        ]
    );
    assert_eq!(v["trend"]["usage_delta"].as_f64(), Some(-5.0));
    assert!(
        err.contains("two usage records for E3 / Exchange within a day (60 of 100 active at 2025-06-14 06:00 UTC, 80 of 200 active at 2025-06-14 20:00 UTC); the later one counts"),
        "{err}"
    );
}

/// The usage points of a `show --json` answer: (usage date, usage %).
fn usage_points(v: &Value) -> Vec<(String, f64)> {
    v["trend"]["points"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| {
            Some((
                p["usage_as_of"].as_str()?[..10].to_string(),
                p["usage_percent"].as_f64()?,
            ))
        })
        .collect()
}

/// Found in a user test: the change was counted from an earlier run of the current month (in
/// one export, or a snapshot re-downloaded the same day): "fell 14 points since" a run eleven
/// days before, where usage rose since the month before. A figure is compared with the newest
/// one at least 20 days older; a re-download of the same run is no point of its own.
#[test]
fn the_change_is_counted_from_the_month_before() {
    use common::exports::{dep, records, usage};
    let src = tempfile::tempdir().unwrap();
    let one = records(
        src.path(),
        "one",
        &[
            usage("E3", "Exchange", 70, 100, "2025-05-10T00:00:00Z"),
            usage("E3", "Exchange", 90, 100, "2025-06-03T00:00:00Z"),
            usage("E3", "Exchange", 76, 100, "2025-06-14T00:00:00Z"),
        ],
    );
    let cache = tempfile::tempdir().unwrap();
    let v = json_of(
        &Run::new()
            .cache(cache.path())
            .args(["show", "contoso", "--json", "--data", one.to_str().unwrap()])
            .output(),
    );
    assert_eq!(v["trend"]["usage_delta"].as_f64(), Some(6.0));
    assert_eq!(v["trend"]["since"], "2025-05-10T00:00:00Z");

    // May, then June downloaded twice the same day (the second corrected).
    let may = records(
        src.path(),
        "may",
        &[
            dep("E3", 90, 100, "2025-05-16T03:00:00Z"),
            usage("E3", "Exchange", 89, 100, "2025-05-11T00:00:00Z"),
        ],
    );
    let first = records(
        src.path(),
        "june-first",
        &[
            dep("E3", 90, 100, "2025-06-16T03:00:00Z"),
            usage("E3", "Exchange", 70, 100, "2025-06-16T02:00:00Z"),
        ],
    );
    let second = records(
        src.path(),
        "june-second",
        &[
            dep("E3", 90, 100, "2025-06-16T09:00:00Z"),
            usage("E3", "Exchange", 72, 100, "2025-06-16T08:00:00Z"),
        ],
    );
    let v = show_after_imports(&[&may, &first, &second]);
    assert_eq!(
        usage_points(&v),
        [("2025-05-11".into(), 89.0), ("2025-06-16".into(), 72.0)]
    );
    assert_eq!(v["trend"]["usage_delta"].as_f64(), Some(-17.0));
}

/// Found in a user test: a month of an Insights download still in progress was dated by the
/// machine's clock, not by the pinned one (`UPTAKE_NOW`).
#[test]
fn a_month_in_progress_is_dated_by_the_pinned_clock() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "CustomerTenantId,CustomerTpid,WorkloadName,Month,PaidAvailableUnits,MonthlyActiveUsers,CustomerName,CustomerMarket,CustomerSegment,MPNId,PartnerName,PartnerLocation,PartnerAttributionType,IsDuplicateRowForPGA\n",
    );
    for (month, active) in [("2030-11-01", 40), ("2030-12-01", 50)] {
        text.push_str(&format!(
            "709bfa2c-b942-49d8-ac81-b155fff90b9b,1000000,Exchange,{month},100,{active},Tailspin Toys,Germany,SMB,1234567,Example Partner GmbH,Germany,CSP Tier 1,0\n"
        ));
    }
    let path = write(dir.path(), "OfficeUsage.csv", &text);
    for (now, want) in [
        ("2030-12-10T12:00:00Z", "2030-12-10T00:00:00Z"),
        ("2031-01-10T00:00:00Z", "2030-12-31T00:00:00Z"),
    ] {
        let v = json_of(
            &Run::new()
                .now(now)
                .args(["show", "tailspin", "--json", "--data"])
                .arg(&path)
                .output(),
        );
        assert_eq!(v["as_of"]["usage"], want, "{now}");
    }
}

/// `show contoso --json` after importing `folders` (or files) one by one into a new cache.
fn show_after_imports(folders: &[&Path]) -> Value {
    let cache = tempfile::tempdir().unwrap();
    for folder in folders {
        imported(cache.path(), &folder.to_string_lossy());
    }
    json_of(
        &Run::new()
            .cache(cache.path())
            .args(["show", "contoso", "--json"])
            .output(),
    )
}

/// The change, the date it is counted from and the suggestions of [`show_after_imports`].
fn change_after_imports(folders: &[&Path]) -> (Option<f64>, Value, Vec<String>) {
    let v = show_after_imports(folders);
    let actions = v["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    (
        v["trend"]["usage_delta"].as_f64(),
        v["trend"]["since"].clone(),
        actions,
    )
}

/// Found in a user test of the one-point-a-month rule (since replaced): deployment and usage
/// imported as separate files lost the usage trend; weekly imports with usage processed days
/// before deployment counted from the wrong week; two monthly runs on the 1st and the 31st of
/// one month lost the trend. The change is counted from the newest figure 20 days older.
#[test]
fn the_change_survives_split_weekly_and_month_end_imports() {
    use common::exports::{dep, records, usage};
    let src = tempfile::tempdir().unwrap();
    let folder = |name: &str, items: &[String]| records(src.path(), name, items);
    // Deployment and usage as separate files, each imported as it is downloaded.
    let split = [
        folder("d03", &[dep("E3", 90, 100, "2025-03-28T03:00:00Z")]),
        folder(
            "u03",
            &[usage("E3", "Exchange", 70, 100, "2025-03-25T00:00:00Z")],
        ),
        folder("d04", &[dep("E3", 90, 100, "2025-04-28T03:00:00Z")]),
        folder(
            "u04",
            &[usage("E3", "Exchange", 55, 100, "2025-04-25T00:00:00Z")],
        ),
    ];
    let paths: Vec<&Path> = split.iter().map(PathBuf::as_path).collect();
    let (delta, since, actions) = change_after_imports(&paths);
    assert_eq!(
        (delta, since.as_str()),
        (Some(-15.0), Some("2025-03-25T00:00:00Z"))
    );
    assert!(actions.iter().any(|a| a == "usage_falling"), "{actions:?}");

    // Weekly imports, usage processed four days before deployment.
    let weekly: Vec<PathBuf> = [
        ("w1", 80, "2025-03-23", "2025-03-27"),
        ("w2", 78, "2025-03-30", "2025-04-03"),
        ("w3", 60, "2025-04-20", "2025-04-24"),
        ("w4", 58, "2025-04-27", "2025-05-01"),
    ]
    .iter()
    .map(|(name, active, u, d)| {
        folder(
            name,
            &[
                dep("E3", 90, 100, &format!("{d}T03:00:00Z")),
                usage("E3", "Exchange", *active, 100, &format!("{u}T00:00:00Z")),
            ],
        )
    })
    .collect();
    let paths: Vec<&Path> = weekly.iter().map(PathBuf::as_path).collect();
    let (delta, since, _) = change_after_imports(&paths);
    assert_eq!(
        (delta, since.as_str()),
        (Some(-20.0), Some("2025-03-30T00:00:00Z"))
    );

    // Two monthly runs in one calendar month, in one export.
    let month_end = folder(
        "month-end",
        &[
            usage("E3", "Exchange", 80, 100, "2025-05-01T00:00:00Z"),
            usage("E3", "Exchange", 60, 100, "2025-05-31T00:00:00Z"),
        ],
    );
    let (delta, since, _) = change_after_imports(&[&month_end]);
    assert_eq!(
        (delta, since.as_str()),
        (Some(-20.0), Some("2025-05-01T00:00:00Z"))
    );
}

/// Found in a user test: runs on irregular days (two in one month) gave one change read raw
/// (a month of one export takes its newest figure) and another imported one by one (each
/// snapshot a point). Both now take each month's newest figure.
#[test]
fn irregular_runs_give_one_change_raw_and_cached() {
    use common::exports::usage;
    let src = tempfile::tempdir().unwrap();
    let all = src.path().join("all");
    let runs = [
        ("a", 70, "2025-03-20"),
        ("b", 66, "2025-04-05"),
        ("c", 60, "2025-04-25"),
        ("d", 58, "2025-05-10"),
    ];
    let mut files = Vec::new();
    for (name, active, day) in runs {
        let record = usage("E3", "Exchange", active, 100, &format!("{day}T00:00:00Z"));
        let text = format!(
            r#"{{"items":[{{"customerId":"c-1","customerName":"Contoso Ltd","serviceCode":"o365",{record}}}]}}"#
        );
        files.push(write(&all, &format!("{name}.json"), &text));
    }
    let raw = json_of(
        &Run::new()
            .args(["show", "contoso", "--json", "--data"])
            .arg(&all)
            .output(),
    );
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let (delta, since, _) = change_after_imports(&paths);
    // April's newest figure (the 25th) is not 20 days before May 10: March's counts.
    assert_eq!(raw["trend"]["usage_delta"].as_f64(), Some(-12.0));
    assert_eq!(raw["trend"]["since"], "2025-03-20T00:00:00Z");
    assert_eq!((delta, since), (Some(-12.0), raw["trend"]["since"].clone()));
}
