//! History: trends and deltas across snapshots and Insights months, as JSON and on screen.

mod common;

use std::path::Path;

use chrono::TimeZone;
use common::exports::two_customers as export;
use common::*;
use serde_json::Value;

fn three_snapshots() -> tempfile::TempDir {
    let cache = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    for (i, (date, t, c)) in [
        ("2025-04-14", 40, 30),
        ("2025-05-14", 45, 35),
        ("2025-06-14", 30, 36),
    ]
    .iter()
    .enumerate()
    {
        let at = chrono::Utc
            .with_ymd_and_hms(2025, 4 + i as u32, 20, 0, 0, 0)
            .unwrap();
        uptake::store::snapshots::import(&[export(src.path(), date, *t, *c)], cache.path(), at)
            .unwrap();
    }
    cache
}

fn uptake(cache: &Path, args: &[&str]) -> Value {
    json_of(&uptake_in(cache, args))
}

#[test]
fn deltas_across_three_snapshots() {
    let cache = three_snapshots();
    let v = uptake(cache.path(), &["show", "tailspin", "--json"]);
    let t = &v["trend"];
    assert_eq!(t["usage_delta"], -30.0, "90% → 60%");
    assert_eq!(t["deployment_delta"], 0.0);
    assert_eq!(t["since"], "2025-05-14T00:00:00Z");
    let points: Vec<(String, f64)> = t["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["as_of"].as_str().unwrap().to_string(),
                p["usage_percent"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        points,
        [
            ("2025-04-14T00:00:00Z".to_string(), 80.0),
            ("2025-05-14T00:00:00Z".to_string(), 90.0),
            ("2025-06-14T00:00:00Z".to_string(), 60.0)
        ]
    );
    let ids: Vec<&str> = v["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids[0], "usage_falling", "{ids:?}");
    assert!(
        v["actions"][0]["why"]
            .as_str()
            .unwrap()
            .contains("usage fell from 90% to 60% (−30 points) since 2025-05-14")
    );

    let contoso = uptake(cache.path(), &["show", "contoso", "--json"]);
    assert_eq!(contoso["trend"]["usage_delta"], 2.0);
    let list = uptake(cache.path(), &["list", "--sort", "drop", "--json"]);
    let order: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["customer"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        ["Tailspin Toys", "Contoso Ltd"],
        "biggest drop first"
    );
    assert!(
        list[0].get("trend").unwrap().get("points").is_none(),
        "list carries deltas, not points"
    );
    // `show` as text has the trend lines the detail pane has: figure, sparkline, change, date.
    let show = uptake_in(cache.path(), &["show", "tailspin"]);
    let show = String::from_utf8(show.stdout).unwrap();
    let trend = show.lines().find(|l| l.starts_with("Usage trend")).unwrap();
    // 80%, 90%, 60% on eight levels up to 100%: round(v / 100 × 7) = 6, 6, 4.
    let bars: String = [80.0_f64, 90.0, 60.0]
        .iter()
        .map(|v| ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'][(v / 100.0 * 7.0).round() as usize])
        .collect();
    assert!(
        trend.contains(&format!(" 60%  {bars}  ▼ −30 since 2025-05-14")),
        "{show}"
    );
    assert!(
        show.contains("Deployment trend     100%  ███  = 0 since 2025-05-14"),
        "{show}"
    );
    // The table sorted by drop shows the change it is sorted by, as the list on screen does.
    let text = uptake_in(cache.path(), &["list", "--sort", "drop"]);
    let text = String::from_utf8(text.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("Unused   drop  Flags"), "{text}");
    assert!(
        lines[1].starts_with("Tailspin Toys") && lines[1].contains("▼ −30"),
        "{text}"
    );
    assert!(
        lines[2].starts_with("Contoso Ltd") && lines[2].contains("▲ +2"),
        "{text}"
    );
}

#[test]
fn a_single_snapshot_has_no_trend() {
    let cache = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    uptake::store::snapshots::import(
        &[export(src.path(), "2025-06-14", 30, 36)],
        cache.path(),
        now(),
    )
    .unwrap();
    let v = uptake(cache.path(), &["show", "tailspin", "--json"]);
    assert_eq!(v["trend"]["usage_delta"], Value::Null);
    assert_eq!(v["trend"]["points"], serde_json::json!([]));
}

#[test]
fn insights_months_make_a_trend_without_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/insights/OfficeUsage.csv");
    let p = uptake::import::load_paths(&[dir]).unwrap();
    let t = uptake::domain::thresholds::Thresholds::default();
    let i = p
        .customers
        .iter()
        .position(|c| c.name.as_str().starts_with("Müller"))
        .unwrap();
    // The trend's points are the one customer's (the portfolio-wide assessment keeps the
    // last change only).
    let assessed = uptake::domain::analysis::assess(&p, &t, now());
    assert_eq!(
        assessed[i].metrics.usage_delta.map(|d| d.0.round()),
        Some(4.0)
    );
    let m = &uptake::domain::analysis::detailed(&p.customers[i], &t, now()).metrics;
    let usage: Vec<Option<f64>> = m.trend.iter().map(|p| p.usage).collect();
    // March: Exchange 20/24; April: 30/50; May: 32/50.
    assert_eq!(usage, [Some(20.0 * 100.0 / 24.0), Some(60.0), Some(64.0)]);
    assert_eq!(m.usage_delta.map(|d| d.0.round()), Some(4.0));
}

#[test]
fn the_detail_shows_the_trend_with_its_delta() {
    let cache = three_snapshots();
    let snapshots = uptake::store::snapshots::snapshots(cache.path()).unwrap();
    let (newest, older) = snapshots.split_last().unwrap();
    let mut portfolio = uptake::import::load_paths(std::slice::from_ref(newest)).unwrap();
    uptake::store::rollup::attach_history(&mut portfolio, newest, older);
    let loaded = uptake::load::Loaded::new(
        portfolio,
        uptake::load::Source::Snapshot(newest.clone()),
        &Default::default(),
        now(),
    );
    let mut app = uptake::tui::app::App::new(loaded);
    app.update(uptake::tui::keymap::Action::CycleSort);
    let app = app.with_query("tailspin");
    let s = screen(&app, 120, 30);
    let usage = s
        .lines()
        .find(|l| l.contains("Usage trend"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(usage.contains("▇▇▅"), "80%, 90%, 60%: {usage}");
    assert!(usage.contains("60% ▼ −30 since 2025-05-14"), "{usage}");
    let deployment = s.lines().find(|l| l.contains("Deployment trend")).unwrap();
    assert!(deployment.contains("100% = 0"), "{deployment}");
    assert!(s.contains("Re-engage: usage is falling"), "{s}");
    // German: the longer label is whole and both sparklines start in the same column.
    let app = app.with_lang(uptake::i18n::Lang::De);
    let s = screen(&app, 120, 30);
    let column = |label: &str| {
        let line = s
            .lines()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("{label}\n{s}"));
        let at = line.find(label).unwrap() + label.len();
        line[at..]
            .find(|c: char| c != ' ')
            .map(|i| line[..at + i].chars().count())
    };
    assert_eq!(
        column("Nutzungstrend"),
        column("Bereitstellungstrend"),
        "{s}"
    );
    // Too long for one line of this pane: the change and its whole date go under it.
    let lines: Vec<&str> = s.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("Nutzungstrend"))
        .unwrap();
    assert!(lines[at].contains("▇▇▅    60 %"), "{s}");
    assert!(lines[at + 1].contains("▼ −30 seit 14.05.2025"), "{s}");
    assert!(s.contains("100 % = 0 seit 14.05.2025"), "{s}");
}

#[test]
fn a_trend_needs_two_values_of_its_own() {
    // The demo's earlier month has usage only: a usage trend, no deployment trend.
    let app = demo_app().with_query("contoso");
    let s = screen(&app, 120, 36);
    assert!(s.contains("Usage trend"), "{s}");
    assert!(!s.contains("Deployment trend"), "{s}");
}

/// Tailspin's trend points as (month, usage %), from `show --json`.
fn monthly_usage(cache: &Path) -> Vec<(String, f64)> {
    usage_points(&uptake(cache, &["show", "tailspin", "--json"]))
}

/// The month and usage % of each trend point of a `show --json` answer.
fn usage_points(v: &Value) -> Vec<(String, f64)> {
    v["trend"]["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["as_of"].as_str().unwrap()[..7].to_string(),
                p["usage_percent"].as_f64().unwrap(),
            )
        })
        .collect()
}

/// Sixteen monthly snapshots: the trend holds the current month and the twelve before it;
/// pruned to two, it holds the same points (the pruned months come from the kept roll-ups).
#[test]
fn pruning_never_changes_the_trend() {
    let cache = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    let months = 16u32;
    for m in 0..months {
        let (year, month) = (2024 + (m + 2) / 12, (m + 2) % 12 + 1);
        let date = format!("{year}-{month:02}-14");
        let at = chrono::Utc
            .with_ymd_and_hms(year as i32, month, 20, 0, 0, 0)
            .unwrap();
        // A different usage every month: 10 + m of 50 active.
        let path = export(src.path(), &date, 10 + u64::from(m), 20);
        uptake::store::snapshots::import(&[path], cache.path(), at).unwrap();
    }
    let points = monthly_usage;
    let before = points(cache.path());
    // The newest thirteen months, each with its own usage (independently: (10 + m) / 50).
    let expected: Vec<(String, f64)> = (months - 13..months)
        .map(|m| {
            let (year, month) = (2024 + (m + 2) / 12, (m + 2) % 12 + 1);
            (
                format!("{year}-{month:02}"),
                f64::from(10 + m) * 100.0 / 50.0,
            )
        })
        .collect();
    assert_eq!(before, expected);
    let o = uptake_in(cache.path(), &["snapshots", "--prune", "2"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        uptake::store::snapshots::snapshots(cache.path())
            .unwrap()
            .len(),
        2
    );
    assert_eq!(points(cache.path()), before);
}

/// What older snapshots give the newest (its trend) is kept in its `older.bin` after the first
/// open: every later open, a missing, garbled or cut file, an older month imported later and a
/// prune all give the trend computed here from the exports, (10 + m) of 50 active in month m
/// (and the same trend, every date and delta, as computed without it).
#[test]
fn the_kept_history_is_the_history_whatever_happens_to_it() {
    let cache = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    let month = |m: u32| (2025 + (m + 2) / 12, (m + 2) % 12 + 1);
    let import = |m: u32| {
        let (year, mon) = month(m);
        let at = chrono::Utc
            .with_ymd_and_hms(year as i32, mon, 20, 0, 0, 0)
            .unwrap();
        // Deployed 40 + m on the 14th; 10 + m of 50 active, processed on the 9th.
        let (deployed, active) = (40 + m, 10 + m);
        let json = format!(
            r#"{{"items":[
  {{"customerId":"t-1","customerName":"Tailspin Toys","productName":"E3","licensesDeployed":{deployed},"licensesSold":50,"processedDateTime":"{year}-{mon:02}-14"}},
  {{"customerId":"t-1","customerName":"Tailspin Toys","productName":"E3","workloadName":"Exchange","licensesActive":{active},"licensesQualified":50,"processedDateTime":"{year}-{mon:02}-09"}}]}}"#
        );
        let path = src.path().join(format!("export-{m}.json"));
        std::fs::write(&path, json).unwrap();
        uptake::store::snapshots::import(&[path], cache.path(), at).unwrap();
    };
    for m in 1..7 {
        import(m);
    }
    let expected = |from: u32| -> Vec<(String, f64)> {
        (from..7)
            .map(|m| {
                let (year, mon) = month(m);
                (format!("{year}-{mon:02}"), f64::from(10 + m) * 100.0 / 50.0)
            })
            .collect()
    };
    let points = || monthly_usage(cache.path());
    let kept = || {
        let newest = uptake::store::snapshots::snapshots(cache.path())
            .unwrap()
            .pop()
            .unwrap();
        newest.join(uptake::store::older::FILE)
    };
    let trend = || uptake(cache.path(), &["show", "tailspin", "--json"])["trend"].clone();
    let at_import = std::fs::read(kept()).expect("kept by the import of the current snapshot");
    std::fs::remove_file(kept()).unwrap();
    assert_eq!(points(), expected(1), "computed");
    let computed = trend();
    let bytes = std::fs::read(kept()).expect("kept after the first open");
    assert_eq!(
        bytes, at_import,
        "the import keeps what the first open keeps"
    );
    assert_eq!(points(), expected(1), "read from older.bin");
    assert_eq!(trend(), computed, "every date and delta as computed");
    assert_eq!(std::fs::read(kept()).unwrap(), bytes, "not rewritten");
    std::fs::remove_file(kept()).unwrap();
    assert_eq!(points(), expected(1), "missing");
    std::fs::write(kept(), b"not a kept history").unwrap();
    assert_eq!(points(), expected(1), "garbled");
    std::fs::write(kept(), &bytes[..bytes.len() - 7]).unwrap();
    assert_eq!(trend(), computed, "cut");
    assert_eq!(
        std::fs::read(kept()).unwrap(),
        bytes,
        "kept anew after a cut"
    );
    // An older month imported now joins the trend (the kept file does not hide it).
    import(0);
    assert_eq!(points(), expected(0), "an older month imported later");
    let o = uptake_in(cache.path(), &["snapshots", "--prune", "2"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(points(), expected(0), "pruned");
    assert_eq!(points(), expected(0), "pruned, read from older.bin");
}

/// Partner Center processes usage on other days than deployment: every point of the trend,
/// from the newest snapshot, older ones and pruned ones, carries the date of its own usage
/// figure, and a usage change is quoted since the earlier usage date (here five days before
/// that snapshot's deployment date).
#[test]
fn older_points_carry_their_own_usage_dates_also_when_pruned() {
    let cache = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    // (deployment date, usage date, Tailspin's active of 50)
    let months = [
        ("2025-04-14", "2025-04-09", 40),
        ("2025-05-14", "2025-05-09", 45),
        ("2025-06-14", "2025-06-09", 30),
    ];
    for (i, (deployed, used, active)) in months.iter().enumerate() {
        let json = format!(
            r#"{{"items":[
  {{"customerId":"t-1","customerName":"Tailspin Toys","productName":"E3","licensesDeployed":50,"licensesSold":50,"processedDateTime":"{deployed}"}},
  {{"customerId":"t-1","customerName":"Tailspin Toys","productName":"E3","workloadName":"Exchange","licensesActive":{active},"licensesQualified":50,"processedDateTime":"{used}"}}]}}"#
        );
        let path = src.path().join(format!("export-{deployed}.json"));
        std::fs::write(&path, json).unwrap();
        let at = chrono::Utc
            .with_ymd_and_hms(2025, 4 + i as u32, 20, 0, 0, 0)
            .unwrap();
        uptake::store::snapshots::import(&[path], cache.path(), at).unwrap();
    }
    let trend = |cache: &Path| {
        let v = uptake(cache, &["show", "tailspin", "--json"]);
        let t = &v["trend"];
        let points: Vec<(String, String)> = t["points"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let date = |k: &str| p[k].as_str().unwrap()[..10].to_string();
                (date("as_of"), date("usage_as_of"))
            })
            .collect();
        let why = v["actions"][0]["why"].as_str().unwrap().to_string();
        (points, t["since"].clone(), why)
    };
    let expected: Vec<(String, String)> = months
        .iter()
        .map(|(d, u, _)| (d.to_string(), u.to_string()))
        .collect();
    let before = trend(cache.path());
    assert_eq!(before.0, expected);
    assert_eq!(before.1, "2025-05-09T00:00:00Z");
    assert!(
        before.2.contains("(−30 points) since 2025-05-09"),
        "{}",
        before.2
    );
    let o = uptake_in(cache.path(), &["snapshots", "--prune", "1"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(trend(cache.path()), before, "pruned: the same dates");
}

/// `older.bin` names each customer by its place in the portfolio: the file the import keeps
/// (from the portfolio it built) must be the one the first open writes (from the index), for
/// customers written in another order than the portfolio's (by name), some known only by
/// name; and each customer's trend is its own.
#[test]
fn the_kept_history_places_customers_as_the_index_does() {
    let cache = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    let names = ["Zeta Ltd", "alpha GmbH", "Mid Co", "Ärzte AG"];
    let import = |mon: u32| {
        let at = chrono::Utc
            .with_ymd_and_hms(2025, mon, 20, 0, 0, 0)
            .unwrap();
        let rows: Vec<String> = names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                // The last customer has no id: its history key is its folded name.
                let id = if i == 3 { String::new() } else { format!(r#""customerId":"t-{i}","#) };
                let active = 10 * (i as u32 + 1) + mon;
                format!(
                    r#"{{{id}"customerName":"{name}","productName":"E3","workloadName":"Exchange","licensesActive":{active},"licensesQualified":100,"processedDateTime":"2025-{mon:02}-09"}}"#
                )
            })
            .collect();
        let path = src.path().join(format!("export-{mon}.json"));
        std::fs::write(&path, format!(r#"{{"items":[{}]}}"#, rows.join(","))).unwrap();
        uptake::store::snapshots::import(&[path], cache.path(), at).unwrap();
    };
    for mon in 3..6 {
        import(mon);
    }
    let newest = uptake::store::snapshots::snapshots(cache.path())
        .unwrap()
        .pop()
        .unwrap();
    let kept = newest.join(uptake::store::older::FILE);
    let at_import = std::fs::read(&kept).expect("kept by the import");
    std::fs::remove_file(&kept).unwrap();
    let trend = |name: &str| uptake(cache.path(), &["show", name, "--json"])["trend"].clone();
    let computed: Vec<Value> = names.iter().map(|n| trend(n)).collect();
    assert_eq!(std::fs::read(&kept).unwrap(), at_import, "the same places");
    for (i, name) in names.iter().enumerate() {
        let t = trend(name);
        assert_eq!(t, computed[i], "{name}: read as computed");
        let usage: Vec<f64> = t["points"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["usage_percent"].as_f64().unwrap())
            .collect();
        let own: Vec<f64> = (3..6)
            .map(|mon| f64::from(10 * (i as u32 + 1) + mon))
            .collect();
        assert_eq!(usage, own, "{name}: its own points");
    }
}

/// Two monthly Insights downloads share months with different figures (the older one read
/// October in progress): whichever is imported first, a shared month is the newer download's
/// (it is the current snapshot's own row), so the change since October is the newer
/// download's alone. It used to be the older snapshot's October: a false change.
#[test]
fn a_month_two_downloads_share_is_the_newer_downloads() {
    let src = tempfile::tempdir().unwrap();
    let csv = |name: &str, months: &[(&str, u32)]| {
        let mut text = String::from(
            "CustomerTenantId,CustomerTpid,WorkloadName,Month,PaidAvailableUnits,MonthlyActiveUsers,CustomerName,CustomerMarket,CustomerSegment,MPNId,PartnerName,PartnerLocation,PartnerAttributionType,IsDuplicateRowForPGA\n",
        );
        for (month, active) in months {
            text.push_str(&format!(
                "709bfa2c-b942-49d8-ac81-b155fff90b9b,1000000,Exchange,{month},100,{active},Tailspin Toys,Germany,SMB,1234567,Example Partner GmbH,Germany,CSP Tier 1,0\n"
            ));
        }
        let dir = src.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("OfficeUsage.csv");
        std::fs::write(&path, text).unwrap();
        path
    };
    let newer = csv(
        "nov",
        &[("2026-09-01", 40), ("2026-10-01", 50), ("2026-11-01", 60)],
    );
    let older = csv(
        "oct",
        &[("2026-08-01", 20), ("2026-09-01", 30), ("2026-10-01", 45)],
    );
    let at = chrono::Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap();
    let usage = |cache: &Path| -> (Vec<(String, f64)>, f64) {
        let v = uptake(cache, &["show", "tailspin", "--json"]);
        (
            usage_points(&v),
            v["trend"]["usage_delta"].as_f64().unwrap(),
        )
    };
    let alone = tempfile::tempdir().unwrap();
    uptake::store::snapshots::import(std::slice::from_ref(&newer), alone.path(), at).unwrap();
    let (points, delta) = usage(alone.path());
    assert_eq!(delta, 10.0, "{points:?}");
    for order in [[&newer, &older], [&older, &newer]] {
        let cache = tempfile::tempdir().unwrap();
        for path in order {
            uptake::store::snapshots::import(std::slice::from_ref(path), cache.path(), at).unwrap();
        }
        let (points, delta) = usage(cache.path());
        let month = |m: &str| {
            points
                .iter()
                .filter(|(p, _)| p == m)
                .map(|(_, u)| *u)
                .collect::<Vec<_>>()
        };
        assert_eq!(month("2026-10"), [50.0], "{points:?}");
        assert_eq!(month("2026-09"), [40.0], "{points:?}");
        assert_eq!(month("2026-11"), [60.0], "{points:?}");
        assert_eq!(delta, 10.0, "{points:?}");
    }
}
