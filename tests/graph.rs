//! Microsoft Graph tenant folders (issue 14): the fixtures of `tests/fixtures/graph/` with the
//! counts written by hand in its README, and broken input.

mod common;

use std::path::PathBuf;

use chrono::NaiveDate;
use uptake::domain::graph::{Tenant, Workload};
use uptake::domain::model::{Format, Portfolio, Severity};

const NORTHWIND: &str = "3f1d9c7a-5b2e-4c81-9a6d-0e7f2b4c8d15";
const CONCEALED: &str = "8b2e4f60-1c3d-4a5b-9e7f-a0b1c2d3e4f5";
const SKUS_ONLY: &str = "c7a9e1d2-3b4f-4e5a-8c6d-7f8091a2b3c4";

fn graph_fixtures() -> Portfolio {
    uptake::import::load_paths(&[PathBuf::from("tests/fixtures/graph")]).expect("fixtures load")
}

fn tenant<'p>(p: &'p Portfolio, id: &str) -> &'p Tenant {
    p.customers
        .iter()
        .find(|c| c.id.as_ref().is_some_and(|i| i.as_str() == id))
        .and_then(|c| c.graph.as_deref())
        .unwrap_or_else(|| panic!("tenant {id}"))
}

fn counts(t: &Tenant) -> Vec<(Workload, u64, u64)> {
    t.summary()
        .workloads
        .iter()
        .map(|w| (w.workload.unwrap(), w.entitled, w.active))
        .collect()
}

#[test]
fn northwind_counts_match_the_hand_computed_table() {
    let p = graph_fixtures();
    let t = tenant(&p, NORTHWIND);
    let r = t.report.as_ref().unwrap();
    assert_eq!(r.refresh, NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
    // 15 rows: mario (25 fields) left out, greta (deleted) kept but counted nowhere.
    assert_eq!(r.users.len(), 14);
    assert_eq!(t.users().count(), 12, "13 considered, lena has no license");
    // README: Exchange 12/4, SharePoint ∪ OneDrive 11 / {anna, ivan, julia, kofi}, Teams 11/3,
    // Skype 11/0, Yammer 11/0.
    assert_eq!(
        counts(t),
        [
            (Workload::Exchange, 12, 4),
            (Workload::SharePoint, 11, 4),
            (Workload::Teams, 11, 3),
            (Workload::SkypeForBusiness, 11, 0),
            (Workload::Yammer, 11, 0),
        ]
    );
    let s = t.summary();
    assert_eq!((s.licensed_users, s.inactive_users), (12, 6));
    assert_eq!(s.concealed_users, 0);
    let mut reclaim: Vec<&str> = t
        .reclaimable(90)
        .iter()
        .map(|u| u.upn.as_str().split('.').next().unwrap())
        .collect();
    reclaim.sort_unstable();
    // elif 119, hana 166 days; farid never active but licensed 8 days before the refresh;
    // nora's latest is 89 days.
    assert_eq!(reclaim, ["elif", "hana"]);
    // Assignable SKUs: sold = enabled + warning; SHAREPOINTSTORAGE (Company) left out, and the
    // free FLOW_FREE (1 of 10 000) and TEAMS_EXPLORATORY (0 of 100).
    assert_eq!(
        (s.sold, s.assigned),
        (10 + 5 + 2 + 2 + 3, 3 + 4 + 1 + 1 + 4)
    );
    assert_eq!(s.free_skus, 2);
    assert_eq!(t.account.as_ref().unwrap().as_str(), "Northwind Traders");
}

#[test]
fn malformed_row_is_named_by_file_and_line() {
    let p = graph_fixtures();
    let w = p
        .warnings
        .iter()
        .find(|w| w.severity == Severity::Skipped)
        .expect("mario's row");
    assert!(
        w.file.ends_with("getOffice365ActiveUserDetail.csv"),
        "{w:?}"
    );
    assert_eq!(w.record.as_ref().unwrap().1, "line 14");
    assert!(w.message.contains("25 fields, the header has 24"), "{w:?}");
    let formats: Vec<Format> = p.files.iter().map(|f| f.format).collect();
    for f in [
        Format::GraphSkus,
        Format::GraphActiveUsers,
        Format::GraphAppUsers,
        Format::GraphServiceCounts,
    ] {
        assert!(formats.contains(&f), "{f:?} read");
    }
}

#[test]
fn concealed_tenant_is_detected_and_counted() {
    let p = graph_fixtures();
    let t = tenant(&p, CONCEALED);
    assert!(t.concealed());
    assert_eq!(t.users().count(), 5);
    assert_eq!(t.summary().concealed_users, 5);
    let got = counts(t);
    assert_eq!(got[0], (Workload::Exchange, 5, 3));
    assert_eq!(got[2], (Workload::Teams, 4, 1));
}

#[test]
fn skus_only_tenant_has_licenses_without_usage() {
    let p = graph_fixtures();
    let t = tenant(&p, SKUS_ONLY);
    assert!(t.report.is_none());
    let skus = t.skus.as_ref().unwrap();
    let users: Vec<_> = skus.iter().filter(|s| s.for_users).collect();
    assert_eq!(users.len(), 5);
    assert_eq!(users.iter().map(|s| s.enabled).sum::<u64>(), 27);
    assert_eq!(users.iter().map(|s| s.consumed).sum::<u64>(), 25);
    // Unknown part number shown as is.
    let names = uptake::domain::graph::SkuNames::shipped();
    assert_eq!(
        names.name("CONTOSO_UNKNOWN_SKU").as_str(),
        "CONTOSO_UNKNOWN_SKU"
    );
    // A tenant no Partner Center customer has is a customer of its own, with a note.
    assert!(p.warnings.iter().any(|w| {
        w.message
            .contains("no Partner Center customer in these files")
    }));
}

#[test]
fn bad_date_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join(NORTHWIND);
    std::fs::create_dir(&folder).unwrap();
    let src = std::fs::read_to_string(format!(
        "tests/fixtures/graph/{NORTHWIND}/getOffice365ActiveUserDetail.csv"
    ))
    .unwrap();
    let broken = src.replacen("2026-11-27,2026-11-26", "2026-13-27,2026-11-26", 1);
    std::fs::write(folder.join("report.csv"), broken).unwrap();
    let p = uptake::import::load_paths(&[dir.path().to_path_buf()]).unwrap();
    let w = p
        .warnings
        .iter()
        .find(|w| w.message.contains("not a date"))
        .expect("date warning");
    assert_eq!(w.record.as_ref().unwrap().1, "line 2");
    assert_eq!(
        w.field.as_deref(),
        Some("Exchange Last Activity Date (column 12)")
    );
    // The rest loads.
    assert_eq!(tenant(&p, NORTHWIND).users().count(), 11);
}

#[test]
fn report_outside_a_tenant_folder_says_how_to_name_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.csv");
    std::fs::copy(
        format!("tests/fixtures/graph/{NORTHWIND}/getOffice365ActiveUserDetail.csv"),
        &file,
    )
    .unwrap();
    // The users are left out with a warning that says how to name the folder, a record-level
    // loss that `show` and `list` refuse without --keep-going.
    let p = uptake::import::load_paths(std::slice::from_ref(&file)).unwrap();
    let w = uptake::import::first_skipped(&p).expect("a skipped warning");
    assert!(
        w.to_string()
            .contains("put the file in a folder named by the tenant id (a GUID) or beside its subscribedSkus file"),
        "{w}"
    );
    let out = common::Run::new()
        .args(["list", "--data"])
        .arg(&file)
        .output();
    assert_eq!(out.status.code(), Some(1), "{}", common::stderr(&out));
    // subscribedSkus carries the tenant in its ids.
    let skus = dir.path().join("skus.json");
    std::fs::copy(
        format!("tests/fixtures/graph/{NORTHWIND}/subscribedSkus.json"),
        &skus,
    )
    .unwrap();
    let p = uptake::import::load_paths(&[skus]).unwrap();
    assert!(tenant(&p, NORTHWIND).skus.is_some());
}

fn users_json(args: &[&str]) -> Vec<serde_json::Value> {
    let out = on_fixtures("users", args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("a JSON array")
}

#[test]
fn users_json_is_the_documented_shape() {
    let all = users_json(&["northwind", "--json"]);
    // 12 licensed users; lena (no license), greta (deleted) and mario (malformed) left out.
    assert_eq!(all.len(), 12);
    for u in &all {
        let keys: Vec<&str> = u.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "concealed",
                "days_inactive",
                "display_name",
                "last_activity",
                "products",
                "upn"
            ]
        );
    }
    let farid = all
        .iter()
        .find(|u| u["upn"] == "farid.haddad@northwind.example")
        .unwrap();
    assert!(farid["days_inactive"].is_null(), "never active");
    assert!(farid["last_activity"]["exchange"].is_null());
    let bruno = all
        .iter()
        .find(|u| u["upn"] == "bruno.costa@northwind.example")
        .unwrap();
    assert_eq!(bruno["display_name"], "Costa, Bruno");
    assert_eq!(bruno["days_inactive"], 27);
    assert_eq!(
        bruno["products"],
        serde_json::json!(["MICROSOFT 365 E3", "MICROSOFT POWER AUTOMATE FREE"])
    );
    let omar = all
        .iter()
        .find(|u| u["upn"] == "omar.farouk@northwind.example")
        .unwrap();
    assert_eq!(
        omar["last_activity"].as_object().unwrap().len(),
        1,
        "only licensed workloads"
    );
    // --inactive N against the JSON's own per-user dates, recomputed here.
    let refresh = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    for n in [0, 28, 29, 90, 120, 200] {
        let want = all
            .iter()
            .filter(|u| {
                let latest = u["last_activity"]
                    .as_object()
                    .unwrap()
                    .values()
                    .filter_map(|d| d.as_str())
                    .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap())
                    .max();
                // Never active (farid only): counted once the license is n days old; the
                // README has his license assigned 8 days before the refresh.
                latest.map_or(8 >= n, |d| (refresh - d).num_days() >= n)
            })
            .count();
        assert_eq!(
            users_json(&["northwind", "--json", "--inactive", &n.to_string()]).len(),
            want,
            "{n}"
        );
    }
}

#[test]
fn users_csv_and_text() {
    let out = on_fixtures("users", &["8b2e4f60", "--csv"]);
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "upn,display_name,products,exchange,onedrive,sharepoint,skype_for_business,yammer,teams,days_inactive,concealed"
    );
    assert_eq!(lines.count(), 5);
    let out = on_fixtures("users", &["8b2e4f60"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("Settings → Org settings → Services → Reports"),
        "{err}"
    );
    assert_eq!(
        text.lines().filter(|l| l.starts_with("concealed ")).count(),
        5,
        "{text}"
    );
    // Without Graph data: an error that says what to load.
    let out = on_fixtures("users", &["c7a9e1d2"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("getOffice365ActiveUserDetail"));
}

#[test]
fn show_json_carries_the_graph_block() {
    let out = on_fixtures("show", &["northwind", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let g = &v["graph"];
    assert_eq!(g["report_date"], "2026-11-28");
    assert_eq!(
        (g["licensed_users"].as_u64(), g["inactive_users"].as_u64()),
        (Some(12), Some(6))
    );
    let sp = item(&g["workloads"], "workload", "sharepoint");
    assert_eq!(
        (sp["entitled"].as_u64(), sp["active"].as_u64()),
        (Some(11), Some(4))
    );
    let spb = item(&g["skus"], "part_number", "SPB");
    assert_eq!(spb["name"], "Microsoft 365 Business Premium");
    assert_eq!(spb["status"], "suspended");
    assert_eq!(
        (spb["sold"].as_u64(), spb["assigned"].as_u64()),
        (Some(0), Some(4))
    );
    // A config [skus] entry names an unknown part number.
    let out = common::Run::new()
        .config("[skus]\nCONTOSO_UNKNOWN_SKU = \"Contoso Add-on\"\n")
        .args([
            "show",
            "--data",
            "tests/fixtures/graph",
            "--keep-going",
            "c7a9e1d2",
            "--json",
        ])
        .output();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["graph"]["licensed_users"].is_null(),
        "no report: n/a, not zero"
    );
    let names: Vec<&str> = v["graph"]["skus"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Contoso Add-on"), "{names:?}");
}

/// A Partner Center export for the Northwind tenant, dated `at`, with Exchange `active` of 12.
fn northwind_partner_center(dir: &std::path::Path, at: &str, active: u64) {
    let items = format!(
        r#"{{"items":[
        {{"customerId":"{NORTHWIND}","customerName":"Northwind Traders","serviceCode":"o365","productName":"Office 365 E3","licensesDeployed":13,"licensesSold":22,"processedDateTime":"{at}"}},
        {{"customerId":"{NORTHWIND}","customerName":"Northwind Traders","serviceCode":"o365","productName":"Office 365 E3","workloadName":"Exchange","licensesActive":{active},"licensesQualified":12,"processedDateTime":"{at}"}}]}}"#
    );
    std::fs::write(dir.join("export.json"), items).unwrap();
    let folder = dir.join(NORTHWIND);
    std::fs::create_dir(&folder).unwrap();
    for f in ["subscribedSkus.json", "getOffice365ActiveUserDetail.csv"] {
        std::fs::copy(
            format!("tests/fixtures/graph/{NORTHWIND}/{f}"),
            folder.join(f),
        )
        .unwrap();
    }
}

fn show_text(dir: &std::path::Path) -> String {
    let out = common::Run::new()
        .now("2026-12-01T12:00:00Z")
        .args([
            "show",
            "--keep-going",
            "--data",
            dir.to_str().unwrap(),
            "northwind",
        ])
        .output();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn both_sources_are_shown_with_their_dates_and_a_disagreement_is_pointed_out() {
    // Partner Center 10 of 12 Exchange active (83%) on 2026-11-20; Graph 4 of 12 (33%) on
    // 2026-11-28: Graph is newer, 50 points apart.
    let dir = tempfile::tempdir().unwrap();
    northwind_partner_center(dir.path(), "2026-11-20T00:00:00Z", 10);
    let p = uptake::import::load_paths(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(
        p.customers.len(),
        1,
        "the tenant folder joins its Partner Center customer"
    );
    let c = &p.customers[0];
    let t = uptake::domain::graph::partner_workload(c, Workload::Exchange);
    assert_eq!(t, (10, 12));
    let text = show_text(dir.path());
    assert!(text.contains("Microsoft Graph (tenant reports) · 2026-11-28 (3 days old) · current: newer than Partner Center"), "{text}");
    // Graph is newer: it heads the usage, named with its date; Partner Center's older figure
    // is kept in the overall gauge's explanation, the 13-point gap pointed out.
    assert!(
        text.contains("usage data as of 2026-11-28 (3 days old), source: Microsoft Graph"),
        "{text}"
    );
    // Each gauge's explanation names its source; the disagreement is in Graph's Exchange gauge.
    let v = uptake::load::Loaded::new(
        p.clone(),
        uptake::load::Source::Files(vec![]),
        &uptake::domain::thresholds::Thresholds::default(),
        chrono::DateTime::parse_from_rfc3339("2026-12-01T12:00:00Z")
            .unwrap()
            .to_utc(),
    );
    let a = uptake::domain::analysis::detailed(c, &v.thresholds, v.now);
    let view = uptake::present::view::CustomerView::new(c, &a, v.now, uptake::i18n::Lang::En);
    let explains: Vec<&str> = view.gauges().map(|g| g.explain.as_str()).collect();
    let graph_exchange = explains
        .iter()
        .find(|e| e.starts_with("Exchange (source: Microsoft Graph"))
        .expect("Graph's Exchange gauge");
    assert!(graph_exchange.contains("Partner Center says 83% as of 2026-11-20 (11 days old): 50 points apart, more than 10. Microsoft Graph is the newer source"), "{graph_exchange}");
    // The overall usage is Graph's (11 of 56), with Partner Center's 83% beside it.
    assert!(
        explains[1].starts_with("Usage = active 11 ÷ workload entitlements 56 = 20%")
            && explains[1].contains("(source: Microsoft Graph report of 2026-11-28")
            && explains[1].contains(
                "Partner Center says 83% as of 2026-11-20 (11 days old): 64 points apart"
            ),
        "{}",
        explains[1]
    );
    for e in &explains {
        assert!(
            e.contains("Partner Center") || e.contains("Microsoft Graph"),
            "{e}"
        );
    }
    // 9 of 12 (75%) against 33%... and 5 of 12 (42%): 9 points, not pointed out.
    let dir = tempfile::tempdir().unwrap();
    northwind_partner_center(dir.path(), "2026-11-29T00:00:00Z", 5);
    let text = show_text(dir.path());
    assert!(text.contains("older than Partner Center"), "{text}");
    // Partner Center heads now; Graph's older overall usage (11 of 56, 20%) is 22 points off
    // Partner Center's 42%, and said so under the gauges (in `show` and what `y` copies too).
    assert!(
        text.contains("Usage: Microsoft Graph says 20% as of 2026-11-28 (3 days old): 22 points apart, more than 10. Partner Center is the newer source"),
        "{text}"
    );
    assert_eq!(text.matches("points apart").count(), 1, "{text}");
}

/// The element of a JSON array whose `key` is `value`.
fn item<'a>(array: &'a serde_json::Value, key: &str, value: &str) -> &'a serde_json::Value {
    array
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x[key] == value)
        .unwrap_or_else(|| panic!("no {key} = {value}"))
}

/// The snapshot index keeps a tenant's figures and reclaim keys, not its user rows: those are
/// read again from the snapshot's file when the users are asked for.
#[test]
fn the_index_leaves_user_rows_out_and_they_load_from_the_snapshot() {
    let cache = tempfile::tempdir().unwrap();
    let snapshot = common::imported(cache.path(), "tests/fixtures/graph");
    let index = uptake::store::index::Index::open(&snapshot).unwrap();
    let cached = index.portfolio().unwrap();
    let raw = graph_fixtures();
    let from_index = tenant(&cached, NORTHWIND);
    let from_files = tenant(&raw, NORTHWIND);
    assert!(!from_index.users_loaded(), "no user row decoded on open");
    assert_eq!(from_index.summary(), from_files.summary());
    for days in [28, 90, 120, 180] {
        assert_eq!(from_index.reclaim(days), from_files.reclaim(days), "{days}");
    }
    let loaded = uptake::load::tenant_users(
        cached
            .customers
            .iter()
            .find_map(|c| c.graph.as_ref().filter(|g| g.id.as_str() == NORTHWIND))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(loaded.report, from_files.report);
    // And `uptake users` reads them from the cache.
    let out = common::Run::new()
        .cache(cache.path())
        .args(["users", "--keep-going", "northwind", "--json"])
        .output();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.len(), 12);
}

/// Runs `command` on the Graph fixtures (with --keep-going: one fixture row is malformed).
fn on_fixtures(command: &str, args: &[&str]) -> std::process::Output {
    common::Run::new()
        .args([command, "--data", "tests/fixtures/graph", "--keep-going"])
        .args(args)
        .output()
}

const HEADER: &str = "Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Has Exchange License,Has OneDrive License,Has SharePoint License,Has Skype For Business License,Has Yammer License,Has Teams License,Exchange Last Activity Date,OneDrive Last Activity Date,SharePoint Last Activity Date,Skype For Business Last Activity Date,Yammer Last Activity Date,Teams Last Activity Date,Exchange License Assign Date,OneDrive License Assign Date,SharePoint License Assign Date,Skype For Business License Assign Date,Yammer License Assign Date,Teams License Assign Date,Assigned Products";

/// One user row: an Exchange license assigned `assigned`, last active `last` (may be empty).
fn report_row(refresh: &str, upn: &str, last: &str, assigned: &str) -> String {
    format!(
        "{refresh},{upn},{upn},False,,True,False,False,False,False,False,{last},,,,,,{assigned},,,,,,OFFICE 365 E3"
    )
}

/// Writes `dir/<tenant>/r.csv` with `rows`.
fn tenant_report(dir: &std::path::Path, tenant: &str, rows: &[String]) {
    let folder = dir.join(tenant);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("r.csv"),
        format!("{HEADER}\n{}\n", rows.join("\n")),
    )
    .unwrap();
}

/// Item 1 of the issue-14 review: the same tenant in two imported folders. The cache keeps the
/// tenant folder's name, the newer report is the one used (with a note), and the users load
/// from the snapshot.
#[test]
fn same_tenant_in_two_imported_folders_keeps_the_newer_report() {
    const T: &str = "aaaaaaaa-2222-4333-8444-555555555555";
    let data = tempfile::tempdir().unwrap();
    let (x, y) = (data.path().join("x"), data.path().join("y"));
    tenant_report(
        &x,
        T,
        &[report_row(
            "2026-11-20",
            "old@x",
            "2026-11-01",
            "2025-01-01",
        )],
    );
    tenant_report(
        &y,
        T,
        &[
            report_row("2026-11-28", "new@x", "2026-08-01", "2025-01-01"),
            report_row("2026-11-28", "two@x", "2026-11-27", "2025-01-01"),
        ],
    );
    let newer = NaiveDate::from_ymd_opt(2026, 11, 20)
        .unwrap()
        .max(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
    let cache = tempfile::tempdir().unwrap();
    let out = common::Run::new()
        .cache(cache.path())
        .args(["import"])
        .arg(&x)
        .arg(&y)
        .output();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let snapshot = std::fs::read_dir(cache.path().join("snapshots"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.join("index.bin").is_file())
        .expect("a snapshot");
    let manifest = std::fs::read_to_string(snapshot.join("manifest.json")).unwrap();
    assert!(
        manifest.contains("older active users report (2026-11-20")
            && manifest.contains("was replaced"),
        "{manifest}"
    );
    // What the view does: the index's tenant, its rows read from the snapshot's file.
    let cached = uptake::store::index::Index::open(&snapshot)
        .unwrap()
        .portfolio()
        .unwrap();
    let t = cached
        .customers
        .iter()
        .find_map(|c| c.graph.as_ref().filter(|g| g.id.as_str() == T))
        .expect("the tenant");
    let loaded = uptake::load::tenant_users(t).expect("users from the snapshot");
    let r = loaded.report.as_ref().unwrap();
    assert_eq!(r.refresh, newer);
    let mut upns: Vec<&str> = r.users.iter().map(|u| u.upn.as_str()).collect();
    upns.sort_unstable();
    assert_eq!(upns, ["new@x", "two@x"]);
    // And `uptake users` from the cache.
    let out = common::Run::new()
        .cache(cache.path())
        .args(["users", "aaaaaaaa", "--json"])
        .output();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.len(), 2);
}

/// Item 6 of the issue-14 review: `users --inactive 90` lists the users `reclaim_licenses` at
/// 90 days counts. By hand (README): elif 119 and hana 166 days; farid never active but licensed
/// 8 days before the refresh is not (yet) one; nora's latest is 89 days.
#[test]
fn users_inactive_agrees_with_reclaim_licenses() {
    let v = users_json(&["northwind", "--json", "--inactive", "90"]);
    let mut listed: Vec<&str> = v
        .iter()
        .map(|u| u["upn"].as_str().unwrap().split('.').next().unwrap())
        .collect();
    listed.sort_unstable();
    assert_eq!(listed, ["elif", "hana"]);
    let p = graph_fixtures();
    assert_eq!(tenant(&p, NORTHWIND).reclaimable(90).len(), listed.len());
}

/// Item 4 of the issue-14 review: Northwind's `subscribedSkus.json` copied into another
/// tenant's folder is left out with a warning naming the file, never shown as that customer's.
#[test]
fn skus_of_another_tenant_than_the_folder_are_left_out() {
    const OTHER: &str = "bbbbbbbb-2222-4333-8444-555555555555";
    let data = tempfile::tempdir().unwrap();
    let folder = data.path().join(OTHER);
    std::fs::create_dir_all(&folder).unwrap();
    let src = format!("tests/fixtures/graph/{NORTHWIND}/subscribedSkus.json");
    let text = std::fs::read_to_string(&src).unwrap();
    assert!(
        text.contains(&format!("\"{NORTHWIND}_")),
        "ids name Northwind"
    );
    std::fs::write(folder.join("subscribedSkus.json"), text).unwrap();
    let p = uptake::import::load_paths(&[data.path().to_path_buf()]).unwrap();
    assert!(
        p.customers
            .iter()
            .all(|c| c.graph.as_ref().is_none_or(|g| g.skus.is_none())),
        "no licenses shown for any customer"
    );
    let w = p
        .warnings
        .iter()
        .find(|w| w.severity == Severity::Skipped)
        .expect("a warning");
    assert!(w.file.ends_with("subscribedSkus.json"), "{w:?}");
    assert!(
        w.message.contains(NORTHWIND) && w.message.contains(OTHER),
        "{w:?}"
    );
}

/// Item 5 of the issue-14 review: a user twice in one report counts once, with a warning
/// naming the line (not the user); a tenant folder two levels down is read; two reports of one
/// tenant with the same refresh date are pointed out.
#[test]
fn duplicates_and_deep_folders_are_not_silent() {
    const T: &str = "22222222-2222-4333-8444-555555555555";
    let data = tempfile::tempdir().unwrap();
    let deep = data.path().join("a").join("customers");
    tenant_report(
        &deep,
        T,
        &[
            report_row("2026-11-28", "anna@x", "2026-11-27", "2025-01-01"),
            report_row("2026-11-28", "Anna@X", "2026-11-27", "2025-01-01"),
        ],
    );
    let p = uptake::import::load_paths(&[data.path().to_path_buf()]).unwrap();
    let t = tenant(&p, T);
    assert_eq!(t.users().count(), 1, "one person");
    let w = p
        .warnings
        .iter()
        .find(|w| w.message.contains("the same user as line 2"))
        .expect("a warning");
    let shown = w.to_string();
    assert!(shown.contains("line 3"), "{shown}");
    assert!(!shown.to_lowercase().contains("anna"), "{shown}");

    // The same tenant in two folders, same refresh date.
    let b = tempfile::tempdir().unwrap();
    tenant_report(
        b.path(),
        T,
        &[report_row("2026-11-28", "bo@x", "2026-11-27", "2025-01-01")],
    );
    let p = uptake::import::load_paths(&[deep.clone(), b.path().to_path_buf()]).unwrap();
    assert!(
        p.warnings
            .iter()
            .any(|w| w.message.contains("with the same refresh date 2026-11-28")),
        "{:?}",
        p.warnings
    );
}

/// Item 8 of the issue-14 review: `users` follows the `--keep-going` rule of `show`/`list`
/// (refuses a report with a broken row unless asked, like `list`), and a tenant folder holding
/// only `subscribedSkus` is not told to be renamed.
#[test]
fn users_keep_going_rule_and_no_report_message() {
    let list = common::Run::new()
        .args(["list", "--data", "tests/fixtures/graph"])
        .output();
    let users = common::Run::new()
        .args(["users", "northwind", "--data", "tests/fixtures/graph"])
        .output();
    assert_eq!(list.status.code(), Some(1));
    assert_eq!(users.status.code(), list.status.code());
    assert!(common::stderr(&users).contains("--keep-going"));
    let out = on_fixtures("users", &[SKUS_ONLY]);
    assert_eq!(out.status.code(), Some(1));
    let err = common::stderr(&out);
    assert!(err.contains(SKUS_ONLY), "{err}");
    assert!(!err.contains("put it in a folder"), "{err}");
}

/// Item 7 of the issue-14 review: a shifted row puts a user's name or address in a date or flag
/// column; the warning names file, line and column, never the value (personal data).
#[test]
fn user_report_warnings_never_print_the_value() {
    const T: &str = "44444444-2222-4333-8444-555555555555";
    let data = tempfile::tempdir().unwrap();
    let upn_in_date = report_row("2026-11-28", "anna.berg@contoso.com", "x", "2025-01-01")
        .replacen(",x,", ",anna.berg@contoso.com,", 1);
    let name_in_flag = report_row("2026-11-28", "bruno@x", "", "2025-01-01").replacen(
        ",False,,True,",
        ",False,,bruno,",
        1,
    );
    let fine = report_row("2026-11-28", "c@x", "2026-11-27", "2025-01-01");
    tenant_report(data.path(), T, &[upn_in_date, name_in_flag, fine]);
    let out = common::Run::new()
        .args(["list", "--keep-going", "--data"])
        .arg(data.path())
        .output();
    let err = common::stderr(&out).to_lowercase();
    assert!(err.contains("line 2") && err.contains("line 3"), "{err}");
    assert!(
        err.contains("column 12") && err.contains("column 6"),
        "{err}"
    );
    assert!(!err.contains("anna") && !err.contains("bruno"), "{err}");
}

/// Items 10 and 11 of the issue-14 review: activity dated after the refresh date is not
/// counted silently (the row is left out with file, line, column); lower-case 32-hex names are
/// concealed too.
#[test]
fn future_activity_is_said_and_lower_case_hashes_are_concealed() {
    const T: &str = "55555555-2222-4333-8444-555555555555";
    let data = tempfile::tempdir().unwrap();
    let hash = "0439a166c614c2e8c7b4075dc4752054";
    tenant_report(
        data.path(),
        T,
        &[
            report_row("2026-11-28", "future@x", "2026-11-30", "2025-01-01"),
            report_row("2026-11-28", hash, "2026-11-27", "2025-01-01"),
        ],
    );
    let p = uptake::import::load_paths(&[data.path().to_path_buf()]).unwrap();
    let w = p
        .warnings
        .iter()
        .find(|w| w.message.contains("after the report's refresh date"))
        .expect("a warning");
    assert_eq!(w.record.as_ref().unwrap().1, "line 2");
    assert_eq!(
        w.field.as_deref(),
        Some("Exchange Last Activity Date (column 12)")
    );
    assert_eq!(w.severity, Severity::Skipped);
    let t = tenant(&p, T);
    // Only the hashed user is left, active 1 day before the refresh, and concealed.
    let s = t.summary();
    assert_eq!((s.licensed_users, s.inactive_users), (1, 0));
    assert_eq!(s.concealed_users, 1);
}

/// The app reads a Graph report's figures and lets its rows go; the users view reads them
/// again. A report changed since (other users, other activity) must not list its users under
/// the figures on screen, and a report gone says so once.
#[test]
fn users_read_again_are_those_the_figures_were_counted_from() {
    const T: &str = "33333333-2222-4333-8444-555555555555";
    let data = tempfile::tempdir().unwrap();
    let rows = [
        report_row("2026-11-28", "anna@x", "2026-11-27", "2025-01-01"),
        report_row("2026-11-28", "bo@x", "2026-06-01", "2025-01-01"),
    ];
    tenant_report(data.path(), T, &rows);
    let p = uptake::import::load_paths_watched(&[data.path().to_path_buf()], None).unwrap();
    let lean = p
        .customers
        .iter()
        .find_map(|c| c.graph.clone().filter(|g| g.id.as_str() == T))
        .unwrap();
    assert!(!lean.users_loaded());
    let users = |t: &Tenant| t.users().map(|u| u.upn.to_string()).collect::<Vec<_>>();
    let again = uptake::load::tenant_users(&lean).unwrap();
    assert_eq!(users(&again), ["anna@x", "bo@x"]);
    // Bo active since: the figures on screen (1 inactive) are no longer the file's.
    let changed = [
        rows[0].clone(),
        report_row("2026-11-28", "bo@x", "2026-11-27", "2025-01-01"),
    ];
    tenant_report(data.path(), T, &changed);
    let e = uptake::load::tenant_users(&lean).unwrap_err().to_string();
    assert!(e.contains("r.csv") && e.contains("changed since"), "{e}");
    // The same figures from other people: a name changed is another report too.
    let renamed = [
        report_row("2026-11-28", "anne@x", "2026-11-27", "2025-01-01"),
        rows[1].clone(),
    ];
    tenant_report(data.path(), T, &renamed);
    let e = uptake::load::tenant_users(&lean).unwrap_err().to_string();
    assert!(e.contains("changed since"), "{e}");
    tenant_report(data.path(), T, &rows);
    assert_eq!(
        users(&uptake::load::tenant_users(&lean).unwrap()),
        ["anna@x", "bo@x"]
    );
    std::fs::remove_file(data.path().join(T).join("r.csv")).unwrap();
    let e = format!("{:#}", uptake::load::tenant_users(&lean).unwrap_err());
    assert_eq!(e.matches("No such file").count(), 1, "{e}");
}
