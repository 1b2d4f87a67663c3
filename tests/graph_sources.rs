//! Issue 14, "the newest source is current": a customer's headline deployment and usage (and
//! so its list columns, flags and suggestions) come from its tenant's Microsoft Graph reports
//! when they are newer than Partner Center's data, from Partner Center otherwise. The expected
//! figures are computed here from the generated rows with a second, simple implementation of
//! the seed's rules, not read off uptake's output.

mod common;

use chrono::{NaiveDate, TimeDelta};

const TENANT: &str = "5d0c9a2e-7f41-4b6a-9c3e-2a1b0c9d8e7f";
const HEADER: &str = "Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Has Exchange License,Has OneDrive License,Has SharePoint License,Has Skype For Business License,Has Yammer License,Has Teams License,Exchange Last Activity Date,OneDrive Last Activity Date,SharePoint Last Activity Date,Skype For Business Last Activity Date,Yammer Last Activity Date,Teams Last Activity Date,Exchange License Assign Date,OneDrive License Assign Date,SharePoint License Assign Date,Skype For Business License Assign Date,Yammer License Assign Date,Teams License Assign Date,Assigned Products";

/// SplitMix64, so every case is reproducible.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

struct GenUser {
    deleted: bool,
    licensed: [bool; 6],
    /// Days before the refresh date of the last activity per report column.
    ago: [Option<i64>; 6],
}

/// (part number, appliesTo, consumed, enabled, warning)
type GenSku = (&'static str, &'static str, u64, u64, u64);

/// The expected headline of a tenant, by the seed's rules written out plainly: per counted
/// workload (OneDrive with SharePoint) the users licensed and not deleted, and of those the
/// ones whose latest activity in the licensed columns is at most 27 days before the refresh.
fn expected_usage(users: &[GenUser]) -> (u64, u64) {
    let groups: [&[usize]; 5] = [&[0], &[1, 2], &[3], &[4], &[5]];
    let (mut active, mut entitled) = (0, 0);
    for u in users.iter().filter(|u| !u.deleted) {
        for g in groups {
            if !g.iter().any(|&c| u.licensed[c]) {
                continue;
            }
            entitled += 1;
            let last = g
                .iter()
                .filter(|&&c| u.licensed[c])
                .filter_map(|&c| u.ago[c])
                .min();
            if last.is_some_and(|d| d <= 27) {
                active += 1;
            }
        }
    }
    (active, entitled)
}

/// Sold (enabled + warning) and assigned (consumed) over user SKUs that are not free.
fn expected_deployment(skus: &[GenSku]) -> (u64, u64) {
    skus.iter()
        .filter(|(part, applies, ..)| *applies == "User" && !part.ends_with("_FREE"))
        .fold((0, 0), |(a, s), (_, _, consumed, enabled, warning)| {
            (a + consumed, s + enabled + warning)
        })
}

fn generate(rng: &mut Rng) -> (Vec<GenUser>, Vec<GenSku>) {
    let n = 3 + rng.below(40) as usize;
    let users = (0..n)
        .map(|_| {
            let all = rng.below(3) != 0;
            let licensed = [true, all, all, all && rng.below(2) == 0, all, all];
            let mut ago = [None; 6];
            for (c, a) in ago.iter_mut().enumerate() {
                if licensed[c] && rng.below(3) != 0 {
                    // Around the boundary often: 26, 27, 28, 29 days.
                    *a = Some(match rng.below(4) {
                        0 => 26 + rng.below(4) as i64,
                        1 => rng.below(27) as i64,
                        _ => rng.below(200) as i64,
                    });
                }
            }
            GenUser {
                deleted: rng.below(15) == 0,
                licensed,
                ago,
            }
        })
        .collect();
    let consumed = rng.below(60);
    let skus = vec![
        ("SPE_E3", "User", consumed, consumed + rng.below(30), 0),
        ("EXCHANGESTANDARD", "User", 2, 1, rng.below(4)),
        ("FLOW_FREE", "User", 7, 10_000, 0),
        ("WINDOWS_STORE", "Company", 0, 25, 0),
    ];
    (users, skus)
}

fn write_tenant(dir: &std::path::Path, refresh: NaiveDate, users: &[GenUser], skus: &[GenSku]) {
    let folder = dir.join(TENANT);
    std::fs::create_dir_all(&folder).unwrap();
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let mut csv = format!("{HEADER}\n");
    for (i, u) in users.iter().enumerate() {
        let mut row = format!(
            "{},user{i}@contoso.example,User {i},{},",
            day(refresh),
            if u.deleted { "True" } else { "False" }
        );
        for l in u.licensed {
            row.push_str(if l { ",True" } else { ",False" });
        }
        for a in u.ago {
            row.push(',');
            if let Some(a) = a {
                row.push_str(&day(refresh - TimeDelta::days(a)));
            }
        }
        for l in u.licensed {
            row.push(',');
            if l {
                row.push_str(&day(refresh - TimeDelta::days(400)));
            }
        }
        row.push_str(",Microsoft 365 E3\n");
        csv.push_str(&row);
    }
    std::fs::write(folder.join("report.csv"), csv).unwrap();
    let items: Vec<String> = skus
        .iter()
        .map(|(part, applies, consumed, enabled, warning)| {
            format!(
                r#"{{"appliesTo":"{applies}","capabilityStatus":"Enabled","consumedUnits":{consumed},"id":"{TENANT}_{part}","prepaidUnits":{{"enabled":{enabled},"lockedOut":0,"suspended":0,"warning":{warning}}},"servicePlans":[],"skuId":"{part}","skuPartNumber":"{part}"}}"#
            )
        })
        .collect();
    std::fs::write(
        folder.join("subscribedSkus.json"),
        format!(r#"{{"value":[{}]}}"#, items.join(",")),
    )
    .unwrap();
}

/// Partner Center's records of the same customer, processed on `at`.
fn write_partner(dir: &std::path::Path, at: &str) {
    let items = format!(
        r#"{{"items":[
        {{"customerId":"{TENANT}","customerName":"Contoso Sources","serviceCode":"o365","productName":"Microsoft 365 E3","licensesDeployed":40,"licensesSold":50,"processedDateTime":"{at}"}},
        {{"customerId":"{TENANT}","customerName":"Contoso Sources","serviceCode":"o365","productName":"Microsoft 365 E3","workloadName":"Exchange","licensesActive":30,"licensesQualified":40,"processedDateTime":"{at}"}}]}}"#
    );
    std::fs::write(dir.join("export.json"), items).unwrap();
}

fn show_json(dir: &std::path::Path) -> serde_json::Value {
    let out = common::Run::new()
        .now("2026-12-01T12:00:00Z")
        .args(["show", "--json", "--keep-going", "--data"])
        .arg(dir)
        .arg(TENANT)
        .output();
    assert!(out.status.success(), "{}", common::stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn pct(n: u64, d: u64) -> Option<f64> {
    (d > 0).then(|| n as f64 * 100.0 / d as f64)
}

#[test]
fn the_newest_source_heads_the_figures_checked_against_a_second_count() {
    let refresh = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    for seed in 0..8u64 {
        let mut rng = Rng(seed * 7919 + 1);
        let (users, skus) = generate(&mut rng);
        let (active, entitled) = expected_usage(&users);
        let (assigned, sold) = expected_deployment(&skus);
        // Graph (28 Nov) newer than Partner Center (20 Nov): Graph heads both figures, and
        // Partner Center's own are kept beside them.
        let dir = tempfile::tempdir().unwrap();
        write_tenant(dir.path(), refresh, &users, &skus);
        write_partner(dir.path(), "2026-11-20T00:00:00Z");
        let j = show_json(dir.path());
        let case = format!("seed {seed}: {j:#}");
        assert_eq!(j["usage"]["source"], "graph", "{case}");
        assert_eq!(j["usage"]["active"], active, "{case}");
        assert_eq!(j["usage"]["qualified"], entitled, "{case}");
        assert_eq!(
            j["usage"]["percent"].as_f64(),
            pct(active, entitled),
            "{case}"
        );
        assert_eq!(j["deployment"]["source"], "graph", "{case}");
        assert_eq!(j["deployment"]["assigned"], assigned, "{case}");
        assert_eq!(j["deployment"]["sold"], sold, "{case}");
        assert_eq!(j["as_of"]["usage"], "2026-11-28T00:00:00Z", "{case}");
        assert_eq!(j["partner_center"]["usage"]["of"], 30, "{case}");
        assert_eq!(j["partner_center"]["usage"]["total"], 40, "{case}");
        assert_eq!(j["partner_center"]["deployment"]["of"], 40, "{case}");
        // No suggestion quotes more licenses than the customer has, by either source.
        let licenses = j["licenses"].as_u64().unwrap();
        assert!(licenses >= 50, "{case}");
        for a in j["actions"].as_array().unwrap() {
            assert!(a["licenses"].as_u64().unwrap() <= licenses, "{case}");
        }
        // Idle seats: every license not held by an active user (an active user holds one at
        // least), never fewer.
        let active_users = users
            .iter()
            .filter(|u| !u.deleted && u.licensed.iter().any(|l| *l))
            .filter(|u| (0..6).any(|c| u.licensed[c] && u.ago[c].is_some_and(|d| d <= 27)))
            .count() as u64;
        assert_eq!(
            j["unused_seats"].as_u64().unwrap(),
            licenses - active_users,
            "{case}"
        );
        // The low-usage flag follows the current source.
        let low = pct(active, entitled).is_some_and(|u| u < 50.0);
        let flags: Vec<&str> = j["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        assert_eq!(flags.contains(&"low_usage"), low, "{case}");

        // Partner Center (29 Nov) newer than Graph: Partner Center heads, nothing replaced.
        let dir = tempfile::tempdir().unwrap();
        write_tenant(dir.path(), refresh, &users, &skus);
        write_partner(dir.path(), "2026-11-29T00:00:00Z");
        let j = show_json(dir.path());
        assert_eq!(j["usage"]["source"], "partner_center", "seed {seed}");
        assert_eq!(j["usage"]["active"], 30, "seed {seed}");
        assert_eq!(j["deployment"]["sold"], 50, "seed {seed}");
        assert!(j.get("partner_center").is_none(), "seed {seed}");
        // The larger of the two sources' licenses, whichever heads.
        assert!(
            j["licenses"].as_u64().unwrap() >= sold.max(50),
            "seed {seed}"
        );

        // Graph only: its figures are the customer's, its licenses the customer's licenses.
        let dir = tempfile::tempdir().unwrap();
        write_tenant(dir.path(), refresh, &users, &skus);
        let j = show_json(dir.path());
        assert_eq!(j["usage"]["active"], active, "seed {seed}");
        assert_eq!(j["deployment"]["sold"], sold, "seed {seed}");
        let own: u64 = skus
            .iter()
            .filter(|(p, a, ..)| *a == "User" && !p.ends_with("_FREE"))
            .map(|(_, _, c, e, w)| (*c).max(e + w))
            .sum();
        // At least one license per licensed user (a report may list more users than the
        // SKU list has licenses: the SKUs of another partner, a suspended subscription).
        let holders = users
            .iter()
            .filter(|u| !u.deleted && u.licensed.iter().any(|l| *l))
            .count() as u64;
        assert_eq!(j["licenses"], own.max(holders), "seed {seed}");
    }
}

/// The list sorts by the current figures: a Graph-headed customer sorts by Graph's usage.
#[test]
fn the_list_shows_and_sorts_by_the_current_source() {
    let refresh = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let mut rng = Rng(99);
    let (users, skus) = generate(&mut rng);
    let (active, entitled) = expected_usage(&users);
    let dir = tempfile::tempdir().unwrap();
    write_tenant(dir.path(), refresh, &users, &skus);
    write_partner(dir.path(), "2026-11-20T00:00:00Z");
    let out = common::Run::new()
        .now("2026-12-01T12:00:00Z")
        .args(["list", "--json", "--keep-going", "--data"])
        .arg(dir.path())
        .output();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = &list[0];
    assert_eq!(c["usage"]["percent"].as_f64(), pct(active, entitled));
    assert_eq!(c["usage"]["source"], "graph");
}

const NORTHWIND: &str = "3f1d9c7a-5b2e-4c81-9a6d-0e7f2b4c8d15";
const BIKES: &str = "8b2e4f60-1c3d-4a5b-9e7f-a0b1c2d3e4f5";

/// Runs uptake on `cache` on 1 December 2026; its stdout (it must succeed).
fn run_in(cache: &std::path::Path, args: &[&str]) -> String {
    let out = common::Run::new()
        .cache(cache)
        .now("2026-12-01T12:00:00Z")
        .args(args)
        .output();
    assert!(out.status.success(), "{args:?}: {}", common::stderr(&out));
    common::stdout(&out)
}

/// A user test: October's export came with a tenant's Graph reports refreshed on 28 November,
/// after November's Partner Center export (processed 20 November). November's export is still
/// the current one (its deployment and usage are what the gauges read); October's Graph data
/// stays attached; `--prune 1` keeps November, not October.
#[test]
fn a_graph_report_refreshed_later_does_not_make_an_older_export_current() {
    let mut rng = Rng(5);
    let (users, skus) = generate(&mut rng);
    let cache = tempfile::tempdir().unwrap();
    let october = tempfile::tempdir().unwrap();
    write_partner(october.path(), "2026-10-20T00:00:00Z");
    write_tenant(
        october.path(),
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        &users,
        &skus,
    );
    let november = tempfile::tempdir().unwrap();
    write_partner(november.path(), "2026-11-20T00:00:00Z");
    let run = |args: &[&str]| run_in(cache.path(), args);
    run(&["import", october.path().to_str().unwrap()]);
    run(&["import", november.path().to_str().unwrap()]);
    let show = || -> serde_json::Value {
        serde_json::from_str(&run(&["show", "--json", "--keep-going", TENANT])).unwrap()
    };
    let j = show();
    let partner = |j: &serde_json::Value| j["partner_center"]["as_of"]["deployment"].clone();
    assert_eq!(partner(&j), "2026-11-20T00:00:00Z", "{j:#}");
    assert_eq!(j["graph"]["tenant"], TENANT, "October's Graph data: {j:#}");
    let listed = run(&["snapshots"]);
    let current = listed
        .lines()
        .find(|l| l.contains(" * "))
        .unwrap_or_default();
    assert!(
        current.contains("2026-11-20"),
        "November is the current one:\n{listed}"
    );
    run(&["snapshots", "--prune", "1"]);
    // October, with the Graph reports, is gone: the figures are November's own.
    let after = show();
    assert_eq!(
        after["as_of"]["deployment"], "2026-11-20T00:00:00Z",
        "{after:#}"
    );
}

/// The Partner Center export of Northwind, then Northwind's tenant folder, then Contoso
/// Bikes' folder, each imported on its own into `cache`.
fn import_one_tenant_at_a_time(cache: &std::path::Path) {
    let pc = export_dir(northwind_export("2026-11-20", 18, 16));
    let run = |args: &[&str]| run_in(cache, args);
    run(&["import", pc.path().to_str().unwrap()]);
    run(&["import", &graph_fixture(NORTHWIND)]);
    run(&["import", &graph_fixture(BIKES)]);
}

/// A tenant an older snapshot gives is kept with its figures in the newest snapshot's
/// `older.bin`, as the index keeps the newest snapshot's own: an open reads none of the older
/// snapshots' Graph files (35 000 of them took seconds at 100 000 customers, on every open).
/// Only its users are read from its file, when asked for.
#[test]
fn an_open_takes_older_tenants_from_older_bin_not_from_their_files() {
    let cache = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| run_in(cache.path(), args);
    import_one_tenant_at_a_time(cache.path());
    let first = run(&["show", "--json", NORTHWIND]);
    let snapshots = uptake::store::snapshots::snapshots(cache.path()).unwrap();
    let folder = snapshots[1].join(NORTHWIND);
    assert!(folder.is_dir(), "{}", folder.display());
    // The tenant's folder in the older snapshot, moved away: the figures stay.
    let away = cache.path().join("away");
    std::fs::rename(&folder, &away).unwrap();
    let kept = run(&["show", "--json", NORTHWIND]);
    let j: serde_json::Value = serde_json::from_str(&kept).unwrap();
    assert_eq!(j["usage"]["source"], "graph", "{j:#}");
    assert_eq!(kept, first);
    // Its users are read from the file: back in place, they are there.
    std::fs::rename(&away, &folder).unwrap();
    let users = run(&["users", "--keep-going", "--json", NORTHWIND]);
    let users: serde_json::Value = serde_json::from_str(&users).unwrap();
    assert_eq!(users.as_array().unwrap().len(), 12);
}

/// A snapshot lacking a source (one tenant's Graph folder, imported after a GDAP session)
/// opens joined with the snapshot that has it through the index of both (`joined.bin`, built
/// by the import), not by reading both snapshots' exports again at every open: seconds at
/// 100 000 customers, on every launch, for the partner's most common cache.
#[test]
fn a_snapshot_lacking_a_source_opens_through_its_joined_index() {
    let cache = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| run_in(cache.path(), args);
    import_one_tenant_at_a_time(cache.path());
    let snapshots = uptake::store::snapshots::snapshots(cache.path()).unwrap();
    let joined = snapshots[2].join(uptake::store::index::JOINED);
    assert!(joined.is_file(), "built by the import");
    let first = run(&["show", "--json", NORTHWIND]);
    let j: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(j["products"][0]["assigned"], 18, "{j:#}");
    assert_eq!(j["usage"]["source"], "graph", "{j:#}");
    // What it gives is what reading both snapshots' files gives (and is written again).
    std::fs::remove_file(&joined).unwrap();
    assert_eq!(run(&["show", "--json", NORTHWIND]), first);
    assert!(joined.is_file(), "written again");
    // The export is not read while its size and time are the ones the index was built from:
    // changed in place (18 assigned made 17) with its time kept, the index still says 18.
    let export = snapshots[0].join("export.json");
    let time = std::fs::metadata(&export).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&export).unwrap();
    let changed = text.replace(r#""licensesDeployed":18"#, r#""licensesDeployed":17"#);
    assert_ne!(changed, text);
    std::fs::write(&export, changed).unwrap();
    let file = std::fs::File::options().write(true).open(&export).unwrap();
    file.set_modified(time).unwrap();
    assert_eq!(
        run(&["show", "--json", NORTHWIND]),
        first,
        "read from the index"
    );
    // Its time changed too: the raw files are the truth, read again.
    file.set_modified(time + std::time::Duration::from_secs(60))
        .unwrap();
    let j: serde_json::Value = serde_json::from_str(&run(&["show", "--json", NORTHWIND])).unwrap();
    assert_eq!(j["products"][0]["assigned"], 17, "{j:#}");
}

/// A joined index is of the two snapshots it was built from: when another snapshot becomes
/// the one holding the source the current one lacks (here a copy of the export with other
/// figures, of the same date, sorting after it), the index is not reused but built again.
#[test]
fn a_joined_index_of_another_snapshot_is_not_reused() {
    let cache = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| run_in(cache.path(), args);
    import_one_tenant_at_a_time(cache.path());
    let snapshots = uptake::store::snapshots::snapshots(cache.path()).unwrap();
    let j: serde_json::Value = serde_json::from_str(&run(&["show", "--json", NORTHWIND])).unwrap();
    assert_eq!(j["products"][0]["assigned"], 18, "{j:#}");
    let pc = &snapshots[0];
    let copy = pc.with_file_name(format!("{}-b", pc.file_name().unwrap().to_str().unwrap()));
    std::fs::create_dir(&copy).unwrap();
    for entry in std::fs::read_dir(pc).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, copy.join(path.file_name().unwrap())).unwrap();
    }
    let export = copy.join("export.json");
    let text = std::fs::read_to_string(&export).unwrap();
    std::fs::write(
        &export,
        text.replace(r#""licensesDeployed":18"#, r#""licensesDeployed":17"#),
    )
    .unwrap();
    let j: serde_json::Value = serde_json::from_str(&run(&["show", "--json", NORTHWIND])).unwrap();
    assert_eq!(j["products"][0]["assigned"], 17, "{j:#}");
}

/// The fixture folder of `tenant`'s Microsoft Graph reports.
fn graph_fixture(tenant: &str) -> String {
    format!(
        "{}/tests/fixtures/graph/{tenant}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// A folder holding `json` as its `export.json`.
fn export_dir(json: String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("export.json"), json).unwrap();
    dir
}

/// A Partner Center export of Northwind processed on `day` (of November or October), with
/// `assigned` of 20 licenses assigned and `active` of 18 active in Exchange.
fn northwind_export(day: &str, assigned: u32, active: u32) -> String {
    northwind_records(day, Some(assigned), Some(active))
}

/// [`northwind_export`] with its deployment record, its usage record or both.
fn northwind_records(day: &str, deployment: Option<u32>, active: Option<u32>) -> String {
    let mut items = Vec::new();
    if let Some(assigned) = deployment {
        items.push(format!(
            r#"{{"customerId":"{NORTHWIND}","customerName":"Northwind Traders","serviceCode":"o365","productName":"Office 365 E3","licensesDeployed":{assigned},"licensesSold":20,"processedDateTime":"{day}T00:00:00Z"}}"#
        ));
    }
    if let Some(active) = active {
        items.push(format!(
            r#"{{"customerId":"{NORTHWIND}","customerName":"Northwind Traders","serviceCode":"o365","productName":"Office 365 E3","workloadName":"Exchange","licensesActive":{active},"licensesQualified":18,"processedDateTime":"{day}T00:00:00Z"}}"#
        ));
    }
    format!(r#"{{"items":[{}]}}"#, items.join(","))
}

/// The app's first frame (read from the index before the whole portfolio) shows a customer as
/// the whole portfolio then does: its Graph data carried from an older snapshot and its trend
/// included. A partner reads the first frame aloud; its gauges must not change a second later.
#[test]
fn the_first_frame_shows_older_tenants_and_trends_as_the_whole_portfolio_does() {
    let cache = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| run_in(cache.path(), args);
    // October: the export with the tenant's Graph folder; November: the export alone.
    let october = export_dir(northwind_export("2026-10-20", 12, 9));
    let fixture = graph_fixture(NORTHWIND);
    run(&["import", october.path().to_str().unwrap(), &fixture]);
    let november = export_dir(northwind_export("2026-11-20", 18, 16));
    run(&["import", november.path().to_str().unwrap()]);
    let (first, whole) = first_and_whole(cache.path(), "northwind", NORTHWIND);
    assert!(whole.contains("Graph"), "the tenant's Graph data: {whole}");
    assert_eq!(first, whole);
}

/// The same for a snapshot lacking a source (one tenant's Graph folder), read joined with the
/// snapshot that has it: the first frame comes from their joined index, dated as the whole.
#[test]
fn the_first_frame_of_a_joined_snapshot_shows_what_the_whole_portfolio_does() {
    let cache = tempfile::tempdir().unwrap();
    import_one_tenant_at_a_time(cache.path());
    let (first, whole) = first_and_whole(cache.path(), NORTHWIND, NORTHWIND);
    assert!(whole.contains("Graph"), "the tenant's Graph data: {whole}");
    assert_eq!(first, whole);
}

/// A cache whose kept files are gone (an older uptake's, an import stopped before it kept
/// them): the app reads the raw files with the loading screen's progress (file, bytes, rate;
/// it was a bare spinner for seconds at 100 000 customers), keeps them again, and the next
/// launch has its first frame.
#[test]
fn without_its_kept_files_a_snapshot_opens_with_progress_and_keeps_them_again() {
    let cache = tempfile::tempdir().unwrap();
    import_one_tenant_at_a_time(cache.path());
    let newest = uptake::store::snapshots::snapshots(cache.path())
        .unwrap()
        .pop()
        .unwrap();
    let kept = [
        newest.join(uptake::store::index::JOINED),
        newest.join(uptake::store::older::FILE),
    ];
    for file in &kept {
        std::fs::remove_file(file).unwrap();
    }
    let request = uptake::load::Request {
        data: &[],
        demo: false,
        cache: Some(cache.path()),
        progress: None,
    };
    let (t, now) = (Default::default(), "2026-12-01T12:00:00Z".parse().unwrap());
    let start = uptake::load::start(&request, NORTHWIND, &t, now, Default::default()).unwrap();
    let uptake::load::Start::Loading {
        partial,
        full,
        progress,
        ..
    } = start
    else {
        panic!("a cached snapshot loads on another thread");
    };
    assert!(partial.is_none(), "no index of both: no first frame");
    let progress = progress.expect("the loading screen's progress");
    let loaded = loop {
        match full
            .recv_timeout(std::time::Duration::from_secs(60))
            .unwrap()
        {
            uptake::load::Arrival::Full(loaded) => break loaded.unwrap(),
            uptake::load::Arrival::First(..) => {}
        }
    };
    let read = [Some(progress.seen()), progress.previous()];
    assert!(
        read.iter().flatten().any(|s| s.total > 0 && s.done > 0),
        "bytes read, counted: {read:?}"
    );
    assert!(loaded.portfolio.customers.len() > 1);
    for file in &kept {
        assert!(file.is_file(), "kept again: {}", file.display());
    }
    let (first, whole) = first_and_whole(cache.path(), NORTHWIND, NORTHWIND);
    assert_eq!(first, whole);
}

/// Quitting the loading screen (or Ctrl-C on an import) while older snapshots' Graph reports
/// are read stops the read; what it did not read is not kept as "no Graph data", so the next
/// open shows the tenant's figures.
#[test]
fn a_cancelled_read_of_older_tenants_is_not_kept() {
    let cache = tempfile::tempdir().unwrap();
    import_one_tenant_at_a_time(cache.path());
    let all = uptake::store::snapshots::snapshots(cache.path()).unwrap();
    let (newest, older) = all.split_last().unwrap();
    let kept = newest.join(uptake::store::older::FILE);
    std::fs::remove_file(&kept).unwrap();
    let (mut portfolio, older) =
        uptake::store::snapshots::open_current(newest, older, None).unwrap();
    let stopped = uptake::import::progress::Progress::new();
    stopped.cancel();
    uptake::store::older::attach(&mut portfolio, newest, &older, Some(stopped));
    assert!(!kept.exists(), "nothing kept from a cancelled read");
    let j: serde_json::Value =
        serde_json::from_str(&run_in(cache.path(), &["show", "--json", NORTHWIND])).unwrap();
    assert_eq!(j["usage"]["source"], "graph", "{j:#}");
    assert!(kept.is_file());
}

/// An older month imported after the current one: the import keeps what it gives the current
/// snapshot (its trend point) in the current snapshot's `older.bin`, so the next launch has its
/// first frame, with the trend the whole portfolio shows.
#[test]
fn an_older_month_imported_after_the_current_one_prepares_its_first_open() {
    let cache = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| run_in(cache.path(), args);
    // November has a customer before Northwind that October lacks: the history kept by place
    // must be November's places.
    let other = northwind_export("2026-11-20", 5, 4)
        .replace(NORTHWIND, "0a0a0a0a-0000-4000-8000-000000000001")
        .replace("Northwind Traders", "Aaron Bikes");
    let items = |json: &str| {
        let inner = json.strip_prefix(r#"{"items":["#).unwrap();
        inner.strip_suffix("]}").unwrap().to_string()
    };
    let both = format!(
        r#"{{"items":[{},{}]}}"#,
        items(&other),
        items(&northwind_export("2026-11-20", 18, 16))
    );
    let november = export_dir(both);
    let october = export_dir(northwind_export("2026-10-20", 18, 9));
    run(&["import", november.path().to_str().unwrap()]);
    run(&["import", october.path().to_str().unwrap()]);
    let current = uptake::store::snapshots::snapshots(cache.path())
        .unwrap()
        .pop()
        .unwrap();
    assert!(current.join(uptake::store::older::FILE).is_file());
    let (first, whole) = first_and_whole(cache.path(), NORTHWIND, NORTHWIND);
    assert_eq!(first, whole);
    let j: serde_json::Value = serde_json::from_str(&run(&["show", "--json", NORTHWIND])).unwrap();
    let points = j["trend"]["points"].as_array().unwrap();
    assert_eq!(points.len(), 2, "October and November: {j:#}");
    assert_eq!(j["usage"]["active"], 16, "November's: {j:#}");
}

/// Found by a helper: a full export with a tenant's Graph folder, then that tenant's folder of
/// a later GDAP session, then another tenant's folder. The current snapshot (the other tenant)
/// reads deployment and usage from the full export; the tenant's figures stay the session's
/// (its newest report), and went back to the export's. Checked against a second count of the
/// session's rows, on the first frame and the whole portfolio, kept files or rebuilt.
#[test]
fn a_tenant_folder_imported_after_a_full_export_keeps_its_newer_report() {
    let mut rng = Rng(42);
    let (old_users, old_skus) = generate(&mut rng);
    let (users, skus) = generate(&mut rng);
    let (active, entitled) = expected_usage(&users);
    let (assigned, sold) = expected_deployment(&skus);
    assert_ne!(
        expected_usage(&old_users),
        (active, entitled),
        "cases that differ"
    );
    let full = tempfile::tempdir().unwrap();
    write_partner(full.path(), "2026-11-20T00:00:00Z");
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    write_tenant(full.path(), day(19), &old_users, &old_skus);
    let session = tempfile::tempdir().unwrap();
    write_tenant(session.path(), day(25), &users, &skus);
    let cache = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| run_in(cache.path(), args);
    run(&["import", full.path().to_str().unwrap()]);
    run(&["import", session.path().to_str().unwrap()]);
    run(&["import", &graph_fixture(BIKES)]);
    let dirs = uptake::store::snapshots::snapshots(cache.path()).unwrap();
    for rebuilt in [false, true] {
        if rebuilt {
            for name in [uptake::store::index::JOINED, uptake::store::older::FILE] {
                std::fs::remove_file(dirs[2].join(name)).unwrap();
            }
        }
        let j: serde_json::Value = serde_json::from_str(&run(&["show", "--json", TENANT])).unwrap();
        let case = format!("rebuilt {rebuilt}: {j:#}");
        assert_eq!(j["usage"]["active"], active, "{case}");
        assert_eq!(j["usage"]["qualified"], entitled, "{case}");
        assert_eq!(j["deployment"]["assigned"], assigned, "{case}");
        assert_eq!(j["deployment"]["sold"], sold, "{case}");
        assert_eq!(j["as_of"]["usage"], "2026-11-25T00:00:00Z", "{case}");
        let (first, whole) = first_and_whole(cache.path(), TENANT, TENANT);
        assert_eq!(first, whole);
    }
    let listed = run(&["snapshots"]);
    let session_dir = dirs[1].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        listed.contains(&format!("1 tenant from {session_dir}")),
        "the session's snapshot gives the tenant:\n{listed}"
    );
}

/// Found by a helper, a variant of the above: an export imported last, of an older Partner
/// Center month than the tenant folders before it but with a newer report of the tenant,
/// gives the tenant's figures (the newest report), not the folder's older one.
#[test]
fn a_later_export_with_a_newer_report_wins_over_an_earlier_tenant_folder() {
    let mut rng = Rng(7);
    let (old_users, old_skus) = generate(&mut rng);
    let (session_users, session_skus) = generate(&mut rng);
    let (users, skus) = generate(&mut rng);
    let (active, entitled) = expected_usage(&users);
    assert_ne!(
        expected_usage(&session_users),
        (active, entitled),
        "cases that differ"
    );
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let full = tempfile::tempdir().unwrap();
    write_partner(full.path(), "2026-11-20T00:00:00Z");
    write_tenant(full.path(), day(19), &old_users, &old_skus);
    let session = tempfile::tempdir().unwrap();
    write_tenant(session.path(), day(25), &session_users, &session_skus);
    // Partner Center of 22 November, the tenant's report of 27 November.
    let later = tempfile::tempdir().unwrap();
    write_partner(later.path(), "2026-11-22T00:00:00Z");
    write_tenant(later.path(), day(27), &users, &skus);
    let cache = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| run_in(cache.path(), args);
    for dir in [full.path(), session.path()] {
        run(&["import", dir.to_str().unwrap()]);
    }
    run(&["import", &graph_fixture(BIKES)]);
    run(&["import", later.path().to_str().unwrap()]);
    let j: serde_json::Value = serde_json::from_str(&run(&["show", "--json", TENANT])).unwrap();
    assert_eq!(j["usage"]["active"], active, "{j:#}");
    assert_eq!(j["usage"]["qualified"], entitled, "{j:#}");
    assert_eq!(j["as_of"]["usage"], "2026-11-27T00:00:00Z", "{j:#}");
    let (first, whole) = first_and_whole(cache.path(), TENANT, TENANT);
    assert_eq!(first, whole);
}

/// The app's first frame and its whole portfolio, opened from `cache` with `query`: the
/// detailed assessment of the customer of `id` in each, with the date the title shows.
fn first_and_whole(cache: &std::path::Path, query: &str, id: &str) -> (String, String) {
    let now = "2026-12-01T12:00:00Z".parse().unwrap();
    let request = uptake::load::Request {
        data: &[],
        demo: false,
        cache: Some(cache),
        progress: None,
    };
    let t = uptake::domain::thresholds::Thresholds::default();
    let start = uptake::load::start(&request, query, &t, now, Default::default()).unwrap();
    let uptake::load::Start::Loading { partial, full, .. } = start else {
        panic!("a cached snapshot loads on another thread");
    };
    let (first, _) = partial.expect("a first frame from the index");
    let wait = std::time::Duration::from_secs(60);
    let loaded = loop {
        match full.recv_timeout(wait).unwrap() {
            uptake::load::Arrival::Full(loaded) => break loaded.unwrap(),
            uptake::load::Arrival::First(..) => {}
        }
    };
    let detail = |l: &uptake::load::Loaded| {
        let i = (l.portfolio.customers.iter())
            .position(|c| c.id.as_ref().is_some_and(|c| c.as_str() == id))
            .unwrap();
        let c = l.full(i).unwrap();
        let a = uptake::domain::analysis::detailed(&c, &t, now);
        format!("title date {:?}, {a:?}", l.as_of)
    };
    (detail(&first), detail(&loaded))
}

/// Found by a helper: a tenant's Graph folder imported after a deployment-only export that
/// followed a full one made every customer's usage n/a (the Graph-only snapshot took both of
/// its missing sources from the one snapshot with the newest of either); and after a usage-only
/// export, the newer usage was ignored. Each source comes from the snapshot with its newest data.
#[test]
fn a_graph_only_snapshot_takes_each_source_from_the_snapshot_with_its_newest_data() {
    let export =
        |day: &str, deployment, active| export_dir(northwind_records(day, deployment, active));
    let bikes = graph_fixture(BIKES);
    // The second export imported before the tenant's folder, or after it (then the folder's
    // snapshot, already joined with the full export alone, is joined anew).
    for (second, assigned, active, before) in [
        // Deployment only (18 November): its deployment, the full export's usage.
        (export("2026-11-18", Some(19), None), 19, 16, true),
        (export("2026-11-18", Some(19), None), 19, 16, false),
        // Usage only (15 November): the full export's deployment, its usage.
        (export("2026-11-15", None, Some(7)), 18, 7, true),
        (export("2026-11-15", None, Some(7)), 18, 7, false),
    ] {
        let cache = tempfile::tempdir().unwrap();
        let run = |args: &[&str]| run_in(cache.path(), args);
        let full = export("2026-11-11", Some(18), Some(16));
        run(&["import", full.path().to_str().unwrap()]);
        let second = second.path().to_str().unwrap();
        // Another tenant's folder (refreshed 28 November): the current snapshot.
        if before {
            run(&["import", second]);
            run(&["import", &bikes]);
        } else {
            run(&["import", &bikes]);
            run(&["show", "--json", NORTHWIND]);
            run(&["import", second]);
        }
        let j: serde_json::Value =
            serde_json::from_str(&run(&["show", "--json", NORTHWIND])).unwrap();
        assert_eq!(j["deployment"]["assigned"], assigned, "{j:#}");
        assert_eq!(j["usage"]["active"], active, "{j:#}");
        assert_eq!(j["usage"]["qualified"], 18, "{j:#}");
    }
}

/// Found by a helper: a tenant's Graph folder imported before the export it joins (refreshed
/// after it, so still the current snapshot) was opened by reading both snapshots' files at
/// the next launch (4.5 s at 100 000 customers): the export's import now prepares the current
/// snapshot's first open whichever it is.
#[test]
fn an_export_imported_after_the_current_tenant_folder_prepares_its_first_open() {
    let cache = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| run_in(cache.path(), args);
    run(&["import", &graph_fixture(NORTHWIND)]);
    let pc = export_dir(northwind_export("2026-11-20", 18, 16));
    run(&["import", pc.path().to_str().unwrap()]);
    let snapshots = uptake::store::snapshots::snapshots(cache.path()).unwrap();
    let current = snapshots.last().unwrap();
    assert!(
        current.join(NORTHWIND).is_dir(),
        "the tenant folder is current"
    );
    assert!(current.join(uptake::store::index::JOINED).is_file());
    assert!(current.join(uptake::store::older::FILE).is_file());
    let (first, whole) = first_and_whole(cache.path(), NORTHWIND, NORTHWIND);
    assert!(whole.contains("Graph"), "{whole}");
    assert_eq!(first, whole);
}

/// Review of issue 14, items 1 and 2: a partner imports the Partner Center export, then one
/// tenant folder after each GDAP session (the folder itself, named by its GUID). Every tenant
/// keeps its Graph data: the newest snapshot lacks the earlier tenants', they come from the
/// older snapshots.
#[test]
fn tenant_folders_imported_one_at_a_time_all_stay() {
    let cache = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| run_in(cache.path(), args);
    import_one_tenant_at_a_time(cache.path());
    let j: serde_json::Value = serde_json::from_str(&run(&["show", "--json", NORTHWIND])).unwrap();
    assert_eq!(j["usage"]["source"], "graph", "{j:#}");
    assert_eq!(j["graph"]["tenant"], NORTHWIND, "{j:#}");
    // The first open keeps what the older snapshots give in the newest one's older.bin; the
    // next opens read the tenant's files from there.
    let newest = uptake::store::snapshots::snapshots(cache.path())
        .unwrap()
        .pop()
        .unwrap();
    assert!(newest.join(uptake::store::older::FILE).is_file());
    let kept: serde_json::Value =
        serde_json::from_str(&run(&["show", "--json", NORTHWIND])).unwrap();
    assert_eq!(kept, j);
    let users = run(&["users", "--keep-going", "--json", NORTHWIND]);
    let users: serde_json::Value = serde_json::from_str(&users).unwrap();
    assert_eq!(users.as_array().unwrap().len(), 12);
    // The last tenant imported is there too, as its own customer.
    let list = run(&["list", "--json", "--keep-going"]);
    assert!(
        list.contains(BIKES) || list.contains("Contoso Bikes"),
        "{list}"
    );
    // Each snapshot lists its Graph files in graph.json; a snapshot of an older uptake has
    // none, and its manifest says the same.
    let listed = |dir: &std::path::Path| dir.join("graph.json");
    let snapshots = uptake::store::snapshots::snapshots(cache.path()).unwrap();
    let northwind_lists = std::fs::read_to_string(listed(&snapshots[1])).unwrap();
    assert!(northwind_lists.contains(NORTHWIND), "{northwind_lists}");
    for dir in &snapshots {
        std::fs::remove_file(listed(dir)).unwrap();
    }
    let again: serde_json::Value =
        serde_json::from_str(&run(&["show", "--json", NORTHWIND])).unwrap();
    assert_eq!(again, j);
}

/// `snapshots` says what each snapshot holds and which ones the current snapshot is read
/// with: before a prune, a partner sees which older snapshots still give data.
#[test]
fn snapshots_lists_what_each_holds_and_what_the_current_one_reads() {
    let cache = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| run_in(cache.path(), args);
    import_one_tenant_at_a_time(cache.path());
    let dirs = uptake::store::snapshots::snapshots(cache.path()).unwrap();
    let names: Vec<String> = (dirs.iter())
        .map(|d| d.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let listed = run(&["snapshots"]);
    let row = |name: &str| {
        (listed.lines())
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name}:\n{listed}"))
            .to_string()
    };
    let (export, northwind, bikes) = (row(&names[0]), row(&names[1]), row(&names[2]));
    assert!(
        export.contains(" + ") && export.ends_with("deployment, usage"),
        "{listed}"
    );
    assert!(
        northwind.contains(" + ") && northwind.ends_with("Graph (1 tenant)"),
        "{listed}"
    );
    assert!(
        bikes.contains(" * ") && bikes.ends_with("Graph (1 tenant)"),
        "{listed}"
    );
    let said = |line: &str| assert!(listed.contains(line), "{line}:\n{listed}");
    said("* current: the app, `show` and `list` open this snapshot");
    said(&format!(
        "+ read with it: snapshot {} has no deployment and usage data; it comes from snapshot {}",
        names[2], names[0]
    ));
    said(&format!(
        "+ read with it: Microsoft Graph data of tenants the current snapshot has none for: 1 tenant from {}",
        names[1]
    ));
    // Without the kept file, the listing does not guess.
    std::fs::remove_file(dirs[2].join(uptake::store::older::FILE)).unwrap();
    let listed = run(&["snapshots"]);
    assert!(
        listed.contains("worked out when it is next opened"),
        "{listed}"
    );
    assert!(
        !listed.contains("Microsoft Graph data of tenants"),
        "{listed}"
    );
    // The newest damaged: the app opens the one before, `show` and `list` refuse; said so.
    let report = common::files_under(&dirs[2])
        .into_iter()
        .find(|f| f.extension().is_some_and(|e| e == "csv"))
        .unwrap();
    let bytes = std::fs::read(&report).unwrap();
    std::fs::write(&report, &bytes[..bytes.len() / 2]).unwrap();
    let listed = run(&["snapshots"]);
    let row = |name: &str| {
        listed
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_default()
    };
    assert!(row(&names[2]).contains(" ! "), "{listed}");
    assert!(row(&names[1]).contains(" * "), "{listed}");
    assert!(
        listed.contains(&format!("! damaged: {}: ", names[2])),
        "{listed}"
    );
    assert!(
        listed.contains("* current: the app opens this snapshot"),
        "{listed}"
    );
    assert!(
        listed.contains("`show` and `list` stop with an error"),
        "{listed}"
    );
}

/// Found by a helper: `--prune` named the wrong snapshot as a source, removed the only
/// snapshot with prices (every cost gone) and dropped tenants' Graph data without a word. The
/// prices' snapshot is kept like a source's, the reason names each source's snapshot, and the
/// Graph data that goes is counted.
#[test]
fn a_prune_keeps_the_prices_names_each_source_and_counts_the_graph_data_it_drops() {
    let cache = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| run_in(cache.path(), args);
    let full = export_dir(northwind_records("2026-11-11", Some(18), Some(16)));
    std::fs::write(
        full.path().join("prices.csv"),
        "product,price,currency\nOffice 365 E3,20,EUR\n",
    )
    .unwrap();
    let usage = export_dir(northwind_records("2026-11-15", None, Some(7)));
    let deployment = export_dir(northwind_records("2026-11-18", Some(19), None));
    for dir in [&full, &usage, &deployment] {
        run(&["import", dir.path().to_str().unwrap()]);
    }
    run(&["import", &graph_fixture(NORTHWIND)]);
    run(&["import", &graph_fixture(BIKES)]);
    let dirs = uptake::store::snapshots::snapshots(cache.path()).unwrap();
    let name = |d: &std::path::Path| d.file_name().unwrap().to_string_lossy().into_owned();
    // A copy of the cache (its kept files stale: other times) tells the same loss.
    let copy = tempfile::tempdir().unwrap();
    for file in common::files_under(cache.path()) {
        let to = copy.path().join(file.strip_prefix(cache.path()).unwrap());
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&file, &to).unwrap();
    }
    let copied = run_in(copy.path(), &["snapshots", "--prune", "1"]);
    assert!(
        copied.contains("the newest Microsoft Graph data of 1 tenant is in the removed snapshots"),
        "{copied}"
    );
    let said = run(&["snapshots", "--prune", "1"]);
    let left = uptake::store::snapshots::snapshots(cache.path()).unwrap();
    // Kept: the newest (Bikes), the usage (15 Nov) and deployment (18 Nov) sources, the
    // prices (the full export); Northwind's folder goes, with its tenant's Graph data.
    let kept = [&dirs[0], &dirs[1], &dirs[2], &dirs[4]].map(|d| d.clone());
    assert_eq!(left, kept, "{said}");
    let reason = format!(
        "deployment comes from snapshot {} and usage from snapshot {}",
        name(&dirs[2]),
        name(&dirs[1])
    );
    assert!(said.contains(&reason), "{reason}:\n{said}");
    assert!(
        said.contains(&format!("keeping {}", dirs[0].display()))
            && said.contains("has no prices and uses its prices"),
        "{said}"
    );
    assert!(
        said.contains("the newest Microsoft Graph data of 1 tenant is in the removed snapshots"),
        "{said}"
    );
}

/// Review of issue 14, item 7: a report in a folder not named by a GUID takes its tenant from
/// the `subscribedSkus` file beside it.
#[test]
fn a_report_beside_its_sku_list_needs_no_guid_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("northwind-export");
    std::fs::create_dir(&folder).unwrap();
    for f in ["subscribedSkus.json", "getOffice365ActiveUserDetail.csv"] {
        std::fs::copy(
            format!(
                "{}/tests/fixtures/graph/{NORTHWIND}/{f}",
                env!("CARGO_MANIFEST_DIR")
            ),
            folder.join(f),
        )
        .unwrap();
    }
    let out = common::Run::new()
        .now("2026-12-01T12:00:00Z")
        .args(["show", "--json", "--keep-going", "--data"])
        .arg(dir.path())
        .arg(NORTHWIND)
        .output();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["usage"]["active"], 11, "{j:#}");
    assert_eq!(j["usage"]["qualified"], 56, "{j:#}");
}

/// A Graph-headed customer's app: October and November snapshots of Partner Center (30 of 40
/// active both times), November's with the tenant's Graph reports, and `earlier` months of
/// Partner Center history before them; and the Graph usage % its gauge shows.
fn graph_headed_app(earlier: &[f64]) -> (uptake::tui::app::App, f64) {
    use chrono::TimeZone;
    let mut rng = Rng(3);
    let (users, skus) = generate(&mut rng);
    let (active, entitled) = expected_usage(&users);
    let cache = tempfile::tempdir().unwrap();
    let october = tempfile::tempdir().unwrap();
    write_partner(october.path(), "2026-10-20T00:00:00Z");
    let november = tempfile::tempdir().unwrap();
    write_tenant(
        november.path(),
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        &users,
        &skus,
    );
    write_partner(november.path(), "2026-11-20T00:00:00Z");
    for (dir, day) in [(&october, 25), (&november, 29)] {
        let at = chrono::Utc.with_ymd_and_hms(2026, 10 + (day == 29) as u32, day, 0, 0, 0);
        uptake::store::snapshots::import(&[dir.path().to_path_buf()], cache.path(), at.unwrap())
            .unwrap();
    }
    let snapshots = uptake::store::snapshots::snapshots(cache.path()).unwrap();
    let (newest, older) = snapshots.split_last().unwrap();
    let mut portfolio = uptake::import::load_paths(std::slice::from_ref(newest)).unwrap();
    uptake::store::rollup::attach_history(&mut portfolio, newest, older);
    let history = &mut portfolio.customers[0].history;
    // With a longer history, October read 20 of 40 (50 %): the usage change (▲ +25) is wider
    // than the deployment's (= 0).
    if !earlier.is_empty() {
        history.last_mut().unwrap().active = 20;
    }
    let months = earlier.len() as u32;
    for (i, usage) in earlier.iter().enumerate().rev() {
        // Month 10 - months + i of 2026 (going back into 2025), the 20th.
        let m = 2026 * 12 + 9 - months + i as u32;
        let at = chrono::Utc.with_ymd_and_hms((m / 12) as i32, m % 12 + 1, 20, 0, 0, 0);
        let at = Some(at.unwrap());
        let sums = uptake::domain::model::Sums {
            as_of: at,
            usage_as_of: at,
            assigned: 40,
            sold: 50,
            active: (usage * 40.0 / 100.0).round() as u64,
            qualified: 40,
        };
        history.insert(0, sums);
    }
    let now = chrono::Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
    let loaded = uptake::load::Loaded::new(
        portfolio,
        uptake::load::Source::Snapshot(newest.clone()),
        &Default::default(),
        now,
    );
    let graph = pct(active, entitled).unwrap().round();
    (uptake::tui::app::App::new(loaded), graph)
}

/// A Graph-headed customer's gauge shows Graph's usage; its trend is Partner Center's
/// history and says so next to its figure, where a 120-column detail pane still shows it.
#[test]
fn a_graph_headed_trend_names_partner_center_beside_its_figure() {
    let (app, graph) = graph_headed_app(&[]);
    let s = common::screen(&app, 120, 40);
    // Partner Center: 30 of 40 active in both months, 75 %.
    let trend = s
        .lines()
        .find(|l| l.contains("Usage trend"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(trend.contains("75% (Partner Center)"), "{trend}");
    assert_ne!(graph, 75.0, "the case needs two different figures");
    let gauge = s
        .lines()
        .find(|l| l.contains("│Usage "))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(gauge.contains(&format!("{graph}%")), "{gauge}\n{s}");
}

/// A year of history (13 points) on a Graph-headed customer: at every width a partner uses,
/// the figure, its source, the change and the change's date are all on screen, and the
/// sparkline ends with the newest points (a user test found "75% = 0 since 2026-10-…" cut at
/// 120 and 160 columns).
#[test]
fn a_long_trend_keeps_its_figure_change_and_date_at_every_width() {
    // Eleven earlier months (2025-11 … 2026-09): 20 %, 25 % … 70 %; then 50 %, 75 %.
    let earlier: Vec<f64> = (0..11).map(|i| 20.0 + 5.0 * i as f64).collect();
    let (app, _) = graph_headed_app(&earlier);
    for width in [80u16, 100, 120, 140, 160, 200] {
        let s = common::screen(&app, width, 60);
        let lines: Vec<&str> = s.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.contains("Usage trend"))
            .unwrap_or_else(|| panic!("{width}:\n{s}"));
        // The trend and, when it had to move, the line under it.
        let both = format!("{} {}", lines[at], lines[at + 1]);
        let squeezed: String = both.split_whitespace().collect::<Vec<_>>().join(" ");
        for part in ["75% (Partner Center)", "▲ +25 since 2026-10-20"] {
            assert!(squeezed.contains(part), "{width}: {part:?}\n{s}");
        }
        // The newest points: …65 %, 70 %, 50 %, 75 % on a 100 % scale.
        assert!(lines[at].contains("▆▆▅▆"), "{width}\n{s}");
        // Both sparklines cover the same months: as many points, figures in one column.
        let spark = |line: &str| line.chars().filter(|c| ('▁'..='█').contains(c)).count();
        let deployment = lines
            .iter()
            .find(|l| l.contains("Deployment trend"))
            .unwrap_or_else(|| panic!("{width}:\n{s}"));
        assert_eq!(spark(lines[at]), spark(deployment), "{width}\n{s}");
        assert_eq!(
            lines[at]
                .find("75%")
                .map(|b| lines[at][..b].chars().count()),
            deployment
                .find("80%")
                .map(|b| deployment[..b].chars().count()),
            "{width}\n{s}"
        );
        for line in &lines {
            assert!(
                !line.contains('…') || !line.contains("trend"),
                "{width}\n{s}"
            );
        }
    }
    // At 200 columns all thirteen points fit: the oldest is 20 %, ▂.
    let s = common::screen(&app, 200, 60);
    let trend = s.lines().find(|l| l.contains("Usage trend")).unwrap();
    let spark: String = trend.chars().filter(|c| ('▁'..='█').contains(c)).collect();
    assert_eq!(spark.chars().count(), 13, "{trend}");
}

/// `show --json` of the tenant from `cache` (its stderr as well), at the tests' now.
fn show_cached(cache: &std::path::Path) -> (serde_json::Value, String) {
    let out = common::Run::new()
        .cache(cache)
        .now("2026-12-01T12:00:00Z")
        .args(["show", "--json", "--keep-going", TENANT])
        .output();
    assert!(out.status.success(), "{}", common::stderr(&out));
    (
        serde_json::from_slice(&out.stdout).unwrap(),
        common::stderr(&out),
    )
}

/// Found by a helper: a tenant's report dated after the day it is read (a wrong clock, an
/// edited file) was "the newer source" over Partner Center, while `snapshots` showed its
/// snapshot undated ("?") and current by its import time. Now such a report counts as
/// dated, never over data dated as it should be, as Partner Center's own rows dated ahead:
/// it is shown, but Partner Center heads; a day of slack (a report of tomorrow) still heads.
#[test]
fn a_report_dated_ahead_never_heads_over_data_dated_as_it_should_be() {
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    for (seed, ahead) in [(1u64, 1i64), (2, 2), (3, 3), (4, 40), (5, 365 * 36)] {
        let mut rng = Rng(seed * 104_729);
        let (users, skus) = generate(&mut rng);
        let (active, entitled) = expected_usage(&users);
        let refresh = today + TimeDelta::days(ahead);
        let dir = tempfile::tempdir().unwrap();
        write_tenant(dir.path(), refresh, &users, &skus);
        write_partner(dir.path(), "2026-11-20T00:00:00Z");
        let out = common::Run::new()
            .now("2026-12-01T12:00:00Z")
            .args(["show", "--json", "--keep-going", "--data"])
            .arg(dir.path())
            .arg(TENANT)
            .output();
        assert!(out.status.success(), "{}", common::stderr(&out));
        let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let (case, warned) = (format!("{ahead} days ahead: {j:#}"), common::stderr(&out));
        assert_eq!(
            j["graph"]["report_date"],
            refresh.to_string(),
            "shown as dated: {case}"
        );
        let note = "field Report Refresh Date: 1 Microsoft Graph report is dated after today";
        if ahead == 1 {
            // Within the day of slack (time zones): the newer source heads, no warning.
            assert_eq!(j["usage"]["source"], "graph", "{case}");
            assert_eq!(j["usage"]["active"], active, "{case}");
            assert_eq!(j["usage"]["qualified"], entitled, "{case}");
            assert_eq!(j["graph"]["dated_ahead"], false, "{case}");
            assert!(!warned.contains(note), "{warned}");
            continue;
        }
        for figure in ["usage", "deployment"] {
            assert_eq!(j[figure]["source"], "partner_center", "{case}");
        }
        assert_eq!(j["usage"]["active"], 30, "{case}");
        assert_eq!(j["usage"]["qualified"], 40, "{case}");
        assert_eq!(j["deployment"]["sold"], 50, "{case}");
        // Found by a helper: no count of the report is quoted as the customer's (its licenses,
        // its users' days of inactivity, counted to a date that has not come).
        assert_eq!(j["licenses"], 50, "Partner Center's licenses: {case}");
        assert_eq!(j["graph"]["dated_ahead"], true, "{case}");
        let actions: Vec<&str> = (j["actions"].as_array().unwrap().iter())
            .map(|a| a["id"].as_str().unwrap())
            .collect();
        assert!(!actions.contains(&"reclaim_licenses"), "{case}");
        assert!(
            warned.contains(&format!("report.csv: record 1 (line 2), {note}")),
            "names the file, the record and the field: {warned}"
        );
        // In words: the status and what the gap means.
        let text = common::Run::new()
            .now("2026-12-01T12:00:00Z")
            .args(["show", "--keep-going", "--data"])
            .arg(dir.path())
            .arg(TENANT)
            .output();
        let text = common::stdout(&text);
        assert!(
            text.contains(
                "(dated in the future) · dated in the future: Partner Center's figures head"
            ),
            "{text}"
        );
        assert!(!text.contains("is the newer source"), "{text}");
    }
}

/// The cached side of the rule: a tenant folder dated ahead, imported after an export dated as
/// it should be, is never the current snapshot (`snapshots` says "ahead" and why), leaves the
/// tenant's dated report in place, and a prune removes it first without losing a tenant's
/// newest dated data. Without a dated report, it is the tenant's Graph data, under Partner
/// Center. Figures checked against the generated rows.
#[test]
fn a_tenant_folder_dated_ahead_is_never_current_nor_replaces_a_dated_report() {
    let (mut rng, mut later) = (Rng(77), Rng(78));
    let (users, skus) = generate(&mut rng);
    let (newer_users, newer_skus) = generate(&mut later);
    let (active, entitled) = expected_usage(&users);
    let export = tempfile::tempdir().unwrap();
    write_partner(export.path(), "2026-11-20T00:00:00Z");
    write_tenant(
        export.path(),
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        &users,
        &skus,
    );
    let folder = tempfile::tempdir().unwrap();
    let ahead = NaiveDate::from_ymd_opt(2026, 12, 9).unwrap();
    write_tenant(folder.path(), ahead, &newer_users, &newer_skus);
    let cache = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| run_in(cache.path(), args);
    run(&["import", export.path().to_str().unwrap()]);
    let imported = common::Run::new()
        .cache(cache.path())
        .now("2026-12-01T12:00:00Z")
        .args(["import"])
        .arg(folder.path())
        .output();
    assert!(
        common::stderr(&imported).contains("Report Refresh Date")
            || common::stdout(&imported).contains("Report Refresh Date"),
        "the import warns: {}{}",
        common::stdout(&imported),
        common::stderr(&imported)
    );
    let listed = run(&["snapshots"]);
    let rows: Vec<&str> = listed.lines().skip(1).take(2).collect();
    assert!(
        rows.iter()
            .any(|r| r.contains(" * ") && r.contains("2026-11-20")),
        "the export is current:\n{listed}"
    );
    assert!(
        rows.iter()
            .any(|r| !r.contains(" * ") && r.contains("ahead")),
        "{listed}"
    );
    assert!(listed.contains("  ahead: every date of its data is after the day it was imported"));
    let (j, _) = show_cached(cache.path());
    assert_eq!(j["graph"]["report_date"], "2026-11-28", "{j:#}");
    assert_eq!(j["usage"]["source"], "graph", "{j:#}");
    assert_eq!(j["usage"]["active"], active, "{j:#}");
    assert_eq!(j["usage"]["qualified"], entitled, "{j:#}");
    // Pruned first, and nothing of the tenant's dated data goes with it.
    let pruned = run(&["snapshots", "--prune", "1"]);
    assert!(!pruned.contains("Microsoft Graph data"), "{pruned}");
    let (after, _) = show_cached(cache.path());
    assert_eq!(after["graph"], j["graph"], "{after:#}");

    // The export without the tenant's folder: the folder dated ahead is its only report.
    let export = tempfile::tempdir().unwrap();
    write_partner(export.path(), "2026-11-20T00:00:00Z");
    let cache = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| run_in(cache.path(), args);
    run(&["import", export.path().to_str().unwrap()]);
    run(&["import", folder.path().to_str().unwrap()]);
    let (j, warned) = show_cached(cache.path());
    let (newer_active, newer_entitled) = expected_usage(&newer_users);
    assert_eq!(j["graph"]["report_date"], ahead.to_string(), "{j:#}");
    let workloads = j["graph"]["workloads"].as_array().unwrap();
    let sum = |k: &str| {
        workloads
            .iter()
            .map(|w| w[k].as_u64().unwrap())
            .sum::<u64>()
    };
    assert_eq!(
        (sum("active"), sum("entitled")),
        (newer_active, newer_entitled),
        "{j:#}"
    );
    assert_eq!(j["usage"]["source"], "partner_center", "{j:#}");
    assert_eq!(j["usage"]["active"], 30, "{j:#}");
    assert!(
        warned.contains("field Report Refresh Date: 1 Microsoft Graph report is dated after today"),
        "{warned}"
    );
    // Pruned, its only Graph data goes: said so.
    let pruned = run(&["snapshots", "--prune", "1"]);
    assert!(
        pruned.contains("the newest Microsoft Graph data of 1 tenant is in the removed snapshots"),
        "{pruned}"
    );
}

/// Read raw, of two reports of a tenant the one dated as it should be is kept, even when the
/// other says it is newer; a note names the one left out.
#[test]
fn of_two_reports_the_one_dated_ahead_gives_way() {
    let (mut rng, mut other) = (Rng(91), Rng(92));
    let (users, skus) = generate(&mut rng);
    let (ahead_users, ahead_skus) = generate(&mut other);
    let (active, entitled) = expected_usage(&users);
    let dated = tempfile::tempdir().unwrap();
    write_tenant(
        dated.path(),
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        &users,
        &skus,
    );
    let ahead = tempfile::tempdir().unwrap();
    write_tenant(
        ahead.path(),
        NaiveDate::from_ymd_opt(2027, 1, 5).unwrap(),
        &ahead_users,
        &ahead_skus,
    );
    for order in [[&dated, &ahead], [&ahead, &dated]] {
        let out = common::Run::new()
            .now("2026-12-01T12:00:00Z")
            .args(["show", "--json", "--keep-going", "--data"])
            .arg(order[0].path())
            .arg("--data")
            .arg(order[1].path())
            .arg(TENANT)
            .output();
        assert!(out.status.success(), "{}", common::stderr(&out));
        let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(j["graph"]["report_date"], "2026-11-28", "{j:#}");
        assert_eq!(j["usage"]["active"], active, "{j:#}");
        assert_eq!(j["usage"]["qualified"], entitled, "{j:#}");
        let warned = common::stderr(&out);
        assert!(
            warned.contains("the active users report dated 2027-01-05, after today"),
            "{warned}"
        );
    }
}

/// The older snapshots' tenants are taken from their indexes (settled at their import) instead
/// of reading their report files again: the customers they make are those the files make,
/// field for field, with an index gone (read from its files) or all of them.
#[test]
fn older_tenants_from_their_indexes_are_those_their_files_make() {
    let work = tempfile::tempdir().unwrap();
    let export = work.path().join("export");
    let out = common::Run::new()
        .args([
            "demo",
            "--customers",
            "400",
            "--as-of",
            "2026-11-20",
            "--out",
        ])
        .arg(&export)
        .output();
    assert!(out.status.success(), "{}", common::stderr(&out));
    // Two tenants' folders of later GDAP sessions, one a month later, one an export of its own.
    let tenant_folders: Vec<std::path::PathBuf> = std::fs::read_dir(&export)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.is_dir()
                && uptake::import::tenant_id(&p.file_name().unwrap().to_string_lossy()).is_some()
        })
        .collect();
    assert!(tenant_folders.len() > 10, "the demo writes Graph folders");
    let cache = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| run_in(cache.path(), args);
    run(&["import", export.to_str().unwrap()]);
    for folder in &tenant_folders[..2] {
        let session = work.path().join(format!(
            "s-{}",
            folder.file_name().unwrap().to_string_lossy()
        ));
        let copy = session.join(folder.file_name().unwrap());
        std::fs::create_dir_all(&copy).unwrap();
        for f in std::fs::read_dir(folder).unwrap() {
            let f = f.unwrap().path();
            std::fs::copy(&f, copy.join(f.file_name().unwrap())).unwrap();
        }
        run(&["import", session.to_str().unwrap()]);
    }
    let all = uptake::store::snapshots::snapshots(cache.path()).unwrap();
    let (newest, older) = all.split_last().unwrap();
    let (portfolio, older) = uptake::store::snapshots::open_current(newest, older, None).unwrap();
    let read = || uptake::store::tenants::read_older_graph(&portfolio, &older, None).unwrap();
    let from_indexes = read();
    assert!(
        from_indexes.len() >= tenant_folders.len() - 1,
        "{} of {}",
        from_indexes.len(),
        tenant_folders.len()
    );
    for dir in &older {
        std::fs::rename(uptake::store::index::path(dir), dir.join("index.bin.away")).unwrap();
    }
    assert_eq!(read(), from_indexes, "from the files");
    // One index back: some tenants from it, the others from their files, in one order.
    std::fs::rename(
        older[0].join("index.bin.away"),
        uptake::store::index::path(&older[0]),
    )
    .unwrap();
    assert_eq!(read(), from_indexes, "from an index and files");
}
