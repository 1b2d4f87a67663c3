//! The synthetic portfolio generator: its output loads, and the flags match what it planted.

mod common;

use chrono::{NaiveDate, TimeZone};
use uptake::demo::generate::{self, Profile};
use uptake::domain::advice::ActionId;
use uptake::domain::metrics::Flag;
use uptake::domain::thresholds::Thresholds;

#[test]
fn generated_customers_raise_the_flags_they_were_made_for() {
    let dir = tempfile::tempdir().unwrap();
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 14).unwrap();
    let summary = generate::write(600, 7, as_of, dir.path()).unwrap();
    let p = uptake::import::load_paths(&[dir.path().to_path_buf()]).unwrap();
    assert!(
        p.warnings.is_empty(),
        "{:?}",
        &p.warnings[..p.warnings.len().min(3)]
    );
    assert_eq!(p.customers.len(), 600);
    let now = chrono::Utc.with_ymd_and_hms(2025, 6, 19, 0, 0, 0).unwrap();
    let t = Thresholds::default();
    let assessed = uptake::domain::analysis::assess(&p, &t, now);
    let mut seen = std::collections::BTreeSet::new();
    for (id, profile) in summary.ids.iter().zip(&summary.profiles) {
        let i = p
            .customers
            .iter()
            .position(|c| match id.strip_prefix("name:") {
                Some(name) => c.id.is_none() && c.name.as_str() == uptake::text::sanitize(name),
                None => c.id.as_ref().is_some_and(|cid| cid.as_str() == id),
            })
            .unwrap_or_else(|| panic!("{id} loaded"));
        let a = &assessed[i];
        let has = |f: Flag| a.metrics.has(f);
        let acts = |id: ActionId| a.actions.iter().any(|s| s.id == id);
        let ok = match profile {
            Profile::Normal => true,
            Profile::LowUsage => has(Flag::LowUsage),
            Profile::LowDeployment => has(Flag::LowDeployment),
            Profile::LaggingWorkload => acts(ActionId::WorkloadAdoption),
            Profile::Expand => acts(ActionId::Expand),
            Profile::Over100 => has(Flag::UsageOver100),
            Profile::Trial => has(Flag::AssignedWithoutSold),
            Profile::Stale => has(Flag::StaleData),
            Profile::DeploymentNa => has(Flag::DeploymentNa) && has(Flag::UsageNa),
            Profile::UsageNa => has(Flag::UsageNa),
        };
        assert!(
            ok,
            "{profile:?} customer {id}: {:?} {:?}",
            a.metrics.flags,
            a.actions.iter().map(|s| s.id).collect::<Vec<_>>()
        );
        seen.insert(*profile);
    }
    assert_eq!(seen.len(), 10, "every profile planted: {seen:?}");
}

/// `uptake demo` writes prices and subscriptions with renewal terms: every commercial line
/// shows on first run.
#[test]
fn generated_exports_carry_prices_and_renewal_terms() {
    let dir = tempfile::tempdir().unwrap();
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 14).unwrap();
    generate::write(300, 7, as_of, dir.path()).unwrap();
    let o = common::Run::new()
        .args(["list", "--json", "--data"])
        .arg(dir.path())
        .output();
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    let list: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let customers = list.as_array().unwrap();
    let priced = customers.iter().filter(|c| !c["cost"].is_null()).count();
    let renewing = customers
        .iter()
        .filter(|c| !c["subscriptions"].is_null())
        .count();
    assert!(
        priced > 250 && renewing > 50,
        "{priced} priced, {renewing} with subscriptions"
    );
    let p = uptake::import::load_paths(&[dir.path().to_path_buf()]).unwrap();
    let terms: Vec<_> = p
        .customers
        .iter()
        .flat_map(|c| c.subscriptions.iter().flatten())
        .map(|s| s.terms)
        .collect();
    assert!(terms.iter().any(|t| t.reduce_until.is_some()));
    assert!(terms.iter().any(|t| t.auto_renew.is_none()), "some unknown");
    assert!(
        terms
            .iter()
            .all(|t| t.term_months.is_some() && t.billing.is_some())
    );
}

#[test]
fn the_same_seed_and_date_give_the_same_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 14).unwrap();
    generate::write(50, 3, as_of, a.path()).unwrap();
    generate::write(50, 3, as_of, b.path()).unwrap();
    for f in ["deployment.json", "usage.json"] {
        assert_eq!(
            std::fs::read(a.path().join(f)).unwrap(),
            std::fs::read(b.path().join(f)).unwrap(),
            "{f}"
        );
    }
    let c = tempfile::tempdir().unwrap();
    generate::write(50, 4, as_of, c.path()).unwrap();
    assert_ne!(
        std::fs::read(a.path().join("usage.json")).unwrap(),
        std::fs::read(c.path().join("usage.json")).unwrap()
    );
}

#[test]
fn the_csv_form_is_an_office_usage_download_with_months() {
    let dir = tempfile::tempdir().unwrap();
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 14).unwrap();
    let summary =
        generate::write_as(300, 7, as_of, dir.path(), generate::ExportFormat::Csv).unwrap();
    let p = uptake::import::load_paths(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(
        p.files[0].format,
        uptake::domain::model::Format::InsightsCsv(uptake::domain::model::Dataset::OfficeUsage)
    );
    let with_office = summary.profiles.len();
    assert!(
        p.customers.len() > with_office * 9 / 10,
        "nearly every customer has Office 365 usage"
    );
    let w = &p.customers[0].products[0].workloads[0];
    // A month of Insights data is as of its end.
    assert_eq!(w.as_of.unwrap().date_naive().to_string(), "2025-06-30");
    assert_eq!(w.history.len(), 2, "April and May");
    assert!(
        p.warnings
            .iter()
            .any(|w| w.message.contains("IsDuplicateRowForPGA")),
        "duplicates planted"
    );
}

/// The generator's bytes for a seed and a date are pinned: `uptake demo` writes exactly these
/// files (a restructuring of the generator must not change one byte).
#[test]
fn the_demo_command_writes_the_pinned_bytes() {
    let want: &[(&str, &[(&str, &str)])] = &[
        (
            "json",
            &[
                (
                    "deployment.json",
                    "e148b1b89eb4b67bd5b12664885ee5297dff1c31d449802cc48d3e0ddaa1f1db",
                ),
                (
                    "prices.csv",
                    "dbeb13be4103beb74603c9241182d01666bc987af52a9986f2ef776a9b6fcd61",
                ),
                // Issue 15: subscriptions with renewal terms, from a random stream of their
                // own (deployment and usage kept their bytes).
                (
                    "subscriptions.json",
                    "9950a871758073dbed1d7b495ebbbeab036184002f75bcc86dd77e116000f23b",
                ),
                (
                    "usage.json",
                    "64dba78000334a023047c1961ed3c5e9c107e3a7a82da9520e04137cd3c33efd",
                ),
            ],
        ),
        (
            "csv",
            &[(
                "OfficeUsage.csv",
                "f6e3b1cb92fc842fe30aa531d221e8b0e354a200011950962d4b451a08dfaf71",
            )],
        ),
    ];
    for (format, files) in want {
        let out = tempfile::tempdir().unwrap();
        let o = common::uptake(&[
            "demo",
            "--customers",
            "300",
            "--seed",
            "7",
            "--as-of",
            "2025-06-14",
            "--format",
            format,
            "--out",
            out.path().to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
        // The Graph tenant folders (issue 14) are pinned below; the files here are unchanged.
        let mut got: Vec<(String, String)> = std::fs::read_dir(out.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().is_file())
            .map(|e| {
                let e = e.unwrap();
                let bytes = std::fs::read(e.path()).unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    common::sha256_hex(&bytes),
                )
            })
            .collect();
        got.sort();
        let want: Vec<(String, String)> = files
            .iter()
            .map(|(f, h)| (f.to_string(), h.to_string()))
            .collect();
        assert_eq!(got, want, "{format}");
    }
}

// Graph users (issue 14)
/// `uptake demo` writes Graph tenant folders for about 30 % of the customers, a quarter of
/// them with concealed names; they import as customers' Graph data, and the users' counts match
/// a plain count of the CSV's rows made here.
#[test]
fn the_demo_writes_graph_tenant_folders_that_import() {
    let out = tempfile::tempdir().unwrap();
    let o = common::uptake(&[
        "demo",
        "--customers",
        "200",
        "--seed",
        "7",
        "--as-of",
        "2025-06-14",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    let folders: Vec<std::path::PathBuf> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    assert!(
        (40..=80).contains(&folders.len()),
        "{} folders",
        folders.len()
    );
    let p = uptake::import::load_paths(&[out.path().to_path_buf()]).unwrap();
    assert!(uptake::import::first_skipped(&p).is_none());
    let mut concealed = 0;
    for f in &folders {
        let id = f.file_name().unwrap().to_str().unwrap();
        let c = p
            .customers
            .iter()
            .find(|c| c.id.as_ref().is_some_and(|i| i.as_str() == id));
        let c = c.expect("the tenant is a Partner Center customer");
        let t = c.graph.as_deref().expect("graph attached");
        // A plain count: rows not deleted (column 4 False), every row licensed.
        let csv = std::fs::read_to_string(f.join("getOffice365ActiveUserDetail.csv")).unwrap();
        let live = csv
            .lines()
            .skip(1)
            .filter(|l| l.split(',').nth(3) == Some("False"))
            .count();
        assert_eq!(t.users().count(), live, "{id}");
        concealed += usize::from(t.concealed());
        let sold: u64 = t.skus.as_ref().unwrap().iter().map(|s| s.consumed).sum();
        assert_eq!(
            sold as usize, live,
            "consumed units are the users holding them"
        );
    }
    assert!(concealed > 0 && concealed < folders.len(), "{concealed}");
}
