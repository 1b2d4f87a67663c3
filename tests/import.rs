//! Importer tests on the fixtures: both JSON shapes and each documented quirk.

use std::path::{Path, PathBuf};

use uptake::domain::model::{Format, Portfolio, Service, Severity};
use uptake::import::{ImportError, load_named, load_paths};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn load(names: &[&str]) -> Portfolio {
    let paths: Vec<PathBuf> = names.iter().map(|n| fixture(n)).collect();
    load_paths(&paths).unwrap_or_else(|e| panic!("{e}"))
}

fn err(names: &[&str]) -> String {
    let paths: Vec<PathBuf> = names.iter().map(|n| fixture(n)).collect();
    load_paths(&paths).expect_err("should fail").to_string()
}

#[test]
fn v1_documented_examples_join_deployment_and_usage_by_name() {
    let p = load(&["v1_deployment.json", "v1_usage.json"]);
    assert_eq!(p.customers.len(), 1);
    let c = &p.customers[0];
    assert_eq!(c.name.as_str(), "DT DEMO CSP CUSTOMER 005");
    assert_eq!(c.id, None, "the examples carry no customerId");
    let names: Vec<&str> = c.products.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "EXCHANGE ONLINE (PLAN 1)",
            "EXCHANGE ONLINE ARCHIVING FOR EXCHANGE ONLINE",
            "OFFICE 365 BUSINESS ESSENTIALS"
        ]
    );
    let essentials = &c.products[2];
    let d = essentials.deployment.unwrap();
    assert_eq!((d.assigned, d.sold), (0, 1));
    assert_eq!(
        d.as_of.unwrap().to_rfc3339(),
        "2017-03-14T03:25:16.360+00:00"
    );
    assert_eq!(essentials.service, Service::Office365);
    let workloads: Vec<(&str, u64, u64)> = essentials
        .workloads
        .iter()
        .map(|w| (w.name.as_str(), w.active, w.qualified))
        .collect();
    assert_eq!(
        workloads,
        [
            ("Exchange", 0, 1),
            ("SharePoint", 0, 1),
            ("Skype For Business", 0, 1)
        ]
    );
    assert!(essentials.workloads.iter().all(|w| w.code.is_none()));
    assert_eq!(p.files.len(), 2);
    assert!(p.files.iter().all(|f| f.format == Format::InsightsV1));
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn commercial_shape_with_bom_licenseactive_and_dates_without_offset() {
    let p = load(&["commercial_deployment.json", "commercial_usage.json"]);
    assert_eq!(p.customers.len(), 1);
    let c = &p.customers[0];
    assert_eq!(
        c.id.as_ref().unwrap().as_str(),
        "0112a436-b14e-4888-967b-ca4bb2cf1234",
        "ids are lower-cased"
    );
    let e3 = c
        .products
        .iter()
        .find(|p| p.name.as_str() == "OFFICE 365 ENTERPRISE E3")
        .unwrap();
    assert_eq!(
        e3.id.as_ref().unwrap().as_str(),
        "6fd2c87f-b296-42f0-b197-1e91e994b900"
    );
    let spo = &e3.workloads[0];
    assert_eq!(
        (
            spo.code.as_ref().unwrap().as_str(),
            spo.active,
            spo.qualified
        ),
        ("SPO", 54, 50),
        "licenseActive"
    );
    assert_eq!(
        spo.as_of.unwrap().to_rfc3339(),
        "2018-10-09T00:00:00.123456700+00:00",
        "7 fractional digits, UTC"
    );
    let ax = c
        .products
        .iter()
        .find(|p| p.name.as_str() == "DYNAMICS AX TASK")
        .unwrap();
    assert_eq!(ax.service, Service::Dynamics365);
    assert_eq!(
        ax.deployment.unwrap().as_of.unwrap().to_rfc3339(),
        "2018-10-14T00:00:00+00:00"
    );
    assert!(p.files.iter().all(|f| f.format == Format::Commercial));
}

#[test]
fn an_array_of_collections_is_one_portfolio() {
    let p = load(&["portfolio.json"]);
    let names: Vec<&str> = p.customers.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Bäckerei Köhler",
            "Tailspin Toys",
            "臺灣雲端資訊股份有限公司"
        ]
    );
    assert_eq!(
        p.customers[0].name.as_str(),
        "B\u{e4}ckerei K\u{f6}hler",
        "NFD names become NFC"
    );
    let tailspin = &p.customers[1];
    assert_eq!(
        tailspin.products[0].service,
        Service::Office365,
        "serviceCode O365 in upper case"
    );
    assert_eq!(tailspin.products[0].workloads.len(), 2);
}

#[test]
fn a_folder_reads_every_export_and_notes_other_files() {
    let p = load_paths(&[fixture("export_folder")]).unwrap();
    assert_eq!(p.customers.len(), 1);
    assert_eq!(p.files.len(), 2);
    let note = p
        .warnings
        .iter()
        .find(|w| w.file.ends_with("README.txt"))
        .expect("README noted");
    assert_eq!(note.severity, Severity::Note);
}

#[test]
fn partner_level_collections_are_portfolio_totals() {
    let p = load(&["partner_deployment.json"]);
    assert!(p.customers.is_empty());
    let sold: Vec<(Service, Option<u64>, Option<f64>)> = p
        .partner
        .deployment
        .iter()
        .map(|d| (d.service.clone(), d.sold, d.reported_percent))
        .collect();
    assert_eq!(
        sold,
        [
            (Service::Dynamics365, Some(343), Some(0.0)),
            (Service::Office365, Some(4464), Some(1.0))
        ]
    );
}

#[test]
fn hostile_text_is_sanitised_at_import() {
    let p = load(&["hostile.json"]);
    let names: Vec<&str> = p.customers.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["abcfed Ltd", "Evil Corp"]);
    assert_eq!(p.customers[0].products[0].name.as_str(), "OFFICE 365 E1");
    for c in &p.customers {
        assert!(!c.name.as_str().chars().any(|ch| ch.is_control()));
    }
}

#[test]
fn a_bad_record_is_skipped_with_file_record_and_field() {
    let p = load(&["bad_record.json"]);
    assert_eq!(p.customers.len(), 2);
    assert_eq!(p.warnings.len(), 1);
    let w = p.warnings[0].to_string();
    assert!(w.ends_with("bad_record.json: record 2 (items[1]), field licensesDeployed: negative count -5 (record skipped)"), "{w}");
    assert_eq!(p.files[0].skipped, 1);
}

#[test]
fn broken_files_fail_with_a_message_naming_file_and_place() {
    let cases = [
        ("bad/truncated.json", "truncated.json: line 1, column"),
        (
            "bad/wrong_type.json",
            "wrong_type.json: no usable record; first problem: ",
        ),
        (
            "bad/wrong_type.json",
            "record 1 (items[0]), field licensesDeployed: expected a count, found text \"many\"",
        ),
        (
            "bad/negative.json",
            "field licensesDeployed: negative count -3",
        ),
        (
            "bad/huge.json",
            "field licensesSold: implausibly large count",
        ),
        ("bad/empty.json", "empty.json: the file is empty"),
        (
            "bad/not_export.json",
            "not_export.json: not a Partner Center export",
        ),
        (
            "bad/subscriptions.json",
            "a collection of Subscription records without its customer",
        ),
    ];
    for (file, want) in cases {
        let msg = err(&[file]);
        assert!(msg.contains(want), "{file}: {msg}");
        assert!(!msg.contains('\n'), "one line: {msg}");
    }
}

#[test]
fn latin1_text_is_reported_with_its_line() {
    let bytes = b"{\"items\":[\n{\"customerName\":\"M\xfcller\",\"productName\":\"P\",\"licensesDeployed\":1,\"licensesSold\":2}]}";
    let e = load_named(&[("latin1.json", bytes)])
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "latin1.json: line 2: the text is not UTF-8 from here; save the export as UTF-8"
    );
}

#[test]
fn a_folder_without_an_export_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "nothing here").unwrap();
    let e = load_paths(&[dir.path().to_path_buf()]).unwrap_err();
    assert!(
        matches!(e, ImportError::NoExportInFolder { seen: 1, .. }),
        "{e}"
    );
    let empty = tempfile::tempdir().unwrap();
    let e = load_paths(&[empty.path().to_path_buf()]).unwrap_err();
    assert!(
        e.to_string().contains("no Partner Center export found"),
        "{e}"
    );
}

#[test]
fn reported_percentages_are_never_trusted() {
    let json = br#"{"items":[{"customerName":"A","productName":"P","licensesDeployed":46,"licensesSold":50,
        "deploymentPercent":12.5,"processedDateTime":"2025-06-14T00:00:00Z"}]}"#;
    let p = load_named(&[("x.json", json)]).unwrap();
    let d = p.customers[0].products[0].deployment.unwrap();
    assert_eq!(d.reported_percent, Some(12.5));
    let m = uptake::domain::metrics::product(&p.customers[0].products[0], &Default::default());
    assert_eq!(m.percent, Some(92.0));
}

#[test]
fn records_are_recognised_by_their_fields_without_objecttype() {
    let json = br#"[{"customerName":"A","productName":"P","licensesDeployed":1,"licensesSold":2,"processedDateTime":"2025-06-14"},
        {"customerName":"A","productName":"P","workloadName":"Exchange","licensesActive":1,"licensesQualified":2,"processedDateTime":"2025-06-14"},
        {"serviceName":"o365","licensesSold":40,"processedDateTime":"2025-06-14"}]"#;
    let p = load_named(&[("rows.json", json)]).unwrap();
    assert_eq!(p.files[0].format, Format::JsonRows);
    assert_eq!(p.customers[0].products[0].workloads.len(), 1);
    assert_eq!(
        p.partner.deployment[0].sold,
        Some(40),
        "no customer: partner level"
    );
}

#[test]
fn records_of_earlier_dates_become_history_and_same_date_conflicts_are_noted() {
    let json = br#"{"items":[
        {"customerName":"A","productName":"P","licensesDeployed":1,"licensesSold":2,"processedDateTime":"2025-06-01"},
        {"customerName":"A","productName":"P","licensesDeployed":2,"licensesSold":2,"processedDateTime":"2025-06-14"},
        {"customerName":"A","productName":"P","licensesDeployed":2,"licensesSold":2,"processedDateTime":"2025-06-14"},
        {"customerName":"A","productName":"P","workloadName":"Exchange","licensesActive":1,"licensesQualified":2,"processedDateTime":"2025-05-09"},
        {"customerName":"A","productName":"P","workloadName":"Exchange","licensesActive":2,"licensesQualified":2,"processedDateTime":"2025-06-09"}]}"#;
    let p = load_named(&[("hist.json", json)]).unwrap();
    let product = &p.customers[0].products[0];
    let d = product.deployment.unwrap();
    assert_eq!(
        (d.assigned, d.as_of.unwrap().date_naive().to_string()),
        (2, "2025-06-14".into())
    );
    assert_eq!(product.deployment_history.len(), 1);
    assert_eq!(product.deployment_history[0].assigned, 1);
    let w = &product.workloads[0];
    assert_eq!((w.active, w.history.len(), w.history[0].active), (2, 1, 1));
    assert!(
        p.warnings.is_empty(),
        "history is not a problem: {:?}",
        p.warnings
    );

    let conflict = br#"{"items":[
        {"customerName":"A","productName":"P","licensesDeployed":1,"licensesSold":2,"processedDateTime":"2025-06-14"},
        {"customerName":"A","productName":"P","licensesDeployed":2,"licensesSold":2,"processedDateTime":"2025-06-14"}]}"#;
    let p = load_named(&[("dup.json", conflict)]).unwrap();
    assert_eq!(
        p.customers[0].products[0].deployment.unwrap().assigned,
        2,
        "the later one"
    );
    assert_eq!(p.warnings.len(), 1);
    assert!(
        p.warnings[0]
            .message
            .contains("of the same date (2025-06-14); kept this one (2 of 2 assigned; the record before it: 1 of 2"),
        "{}",
        p.warnings[0]
    );
}

#[test]
fn bad_dates_are_notes_and_the_record_is_kept() {
    let json = br#"{"items":[{"customerName":"A","productName":"P","licensesDeployed":1,"licensesSold":2,"processedDateTime":"14/06/2025"}]}"#;
    let p = load_named(&[("d.json", json)]).unwrap();
    assert_eq!(p.customers.len(), 1);
    assert_eq!(p.warnings[0].severity, Severity::Note);
    assert_eq!(p.warnings[0].field.as_deref(), Some("processedDateTime"));
}

#[test]
fn name_only_records_merge_into_the_customer_with_that_name_and_an_id() {
    let dep = br#"{"items":[{"customerId":"ID-1","customerName":"Contoso","productName":"E3","licensesDeployed":8,"licensesSold":10,"processedDateTime":"2025-06-14"}]}"#;
    let usage = br#"{"items":[{"customerName":"CONTOSO","productName":"e3","workloadName":"Exchange","licensesActive":7,"licensesQualified":10,"processedDateTime":"2025-06-09"}]}"#;
    let p = load_named(&[("d.json", dep), ("u.json", usage)]).unwrap();
    assert_eq!(p.customers.len(), 1);
    assert_eq!(p.customers[0].id.as_ref().unwrap().as_str(), "id-1");
    assert_eq!(
        p.customers[0].products.len(),
        1,
        "product names match case-insensitively"
    );
    assert_eq!(p.customers[0].products[0].workloads[0].active, 7);
}

#[test]
fn a_customer_without_id_in_a_file_with_ids_stays_its_own() {
    let both = br#"{"items":[
        {"customerId":"ID-1","customerName":"Contoso","productName":"E3","licensesDeployed":8,"licensesSold":10,"processedDateTime":"2025-06-14"},
        {"customerName":"Contoso","productName":"E3","licensesDeployed":1,"licensesSold":5,"processedDateTime":"2025-06-14"}]}"#;
    let p = load_named(&[("d.json", both)]).unwrap();
    assert_eq!(p.customers.len(), 2, "two customers that share a name");
    // Not merged, and the one note says they share a name (the easiest mix-up in a call).
    assert_eq!(p.warnings.len(), 1, "{:?}", p.warnings);
    assert!(
        p.warnings[0].message.contains("has the same name"),
        "{:?}",
        p.warnings
    );
}

#[test]
fn reading_on_two_threads_gives_what_reading_in_order_gives() {
    let dir = tempfile::tempdir().unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 14).unwrap();
    // The same customers (same seed) in three files, large enough to be read on two threads.
    uptake::demo::generate::write_as(
        10_000,
        3,
        as_of,
        dir.path(),
        uptake::demo::generate::ExportFormat::Json,
    )
    .unwrap();
    uptake::demo::generate::write_as(
        10_000,
        3,
        as_of,
        dir.path(),
        uptake::demo::generate::ExportFormat::Csv,
    )
    .unwrap();
    // Files read apart and joined: two tenants downloads giving customers different domains
    // (read in order, the later wins), and the same deployment records in two files.
    let ids: Vec<String> = load_paths(&[dir.path().to_path_buf()])
        .unwrap()
        .customers
        .iter()
        .take(50)
        .map(|c| c.id.as_ref().unwrap().as_str().to_string())
        .collect();
    for (n, domain) in [(1, "first"), (2, "second")] {
        let mut text = String::from(
            "PGAMpnId,MpnId,PartnerName,CustomerName,CustomerTpid,CustomerTenantId,CustomerTenantName,TenantDomainName,Month,AvailableSeats\n",
        );
        for (k, id) in ids.iter().enumerate().filter(|(k, _)| k % n == 0) {
            text.push_str(&format!(
                "1,1,P,C{k},{k},{id},C{k},{domain}{k}.onmicrosoft.com,2025-05-01,8\n"
            ));
        }
        std::fs::write(dir.path().join(format!("zz{n}-tenants.csv")), text).unwrap();
    }
    for n in [3, 4] {
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1_deployment.json"),
            dir.path().join(format!("zz{n}-deployment.json")),
        )
        .unwrap();
    }
    let parallel = load_paths(&[dir.path().to_path_buf()]).unwrap();
    let mut builder = uptake::import::Builder::default();
    for input in uptake::import::inputs(&[dir.path().to_path_buf()]).unwrap() {
        let bytes = std::fs::read(&input.path).unwrap();
        builder
            .add_file(&uptake::text::display(&input.path), &bytes)
            .unwrap();
    }
    let in_order = builder.finish();
    assert_eq!(parallel.files, in_order.files);
    assert_eq!(parallel.warnings, in_order.warnings);
    assert!(in_order.customers.iter().any(|c| {
        c.domain
            .as_ref()
            .is_some_and(|d| d.as_str().starts_with("second"))
    }));
    assert_eq!(parallel.customers.len(), in_order.customers.len());
    assert!(
        parallel.customers == in_order.customers,
        "the same customers, products, workloads and history"
    );
    assert!(
        parallel
            .customers
            .iter()
            .any(|c| c.products.len() > 1 && c.products.iter().any(|p| !p.workloads.is_empty()))
    );
    // The app's read keeps of each Graph report its figures, not its rows: the figures are
    // those the rows give (counted from them here), and the rows come back from the file.
    let app = uptake::import::load_paths_watched(&[dir.path().to_path_buf()], None).unwrap();
    assert_eq!(app.warnings, in_order.warnings);
    assert_eq!(app.customers.len(), in_order.customers.len());
    let mut tenants = 0;
    for (lean, full) in app.customers.iter().zip(&in_order.customers) {
        let without = |c: &uptake::domain::model::Customer| uptake::domain::model::Customer {
            graph: None,
            ..c.clone()
        };
        assert!(without(lean) == without(full), "{}", full.name);
        let (Some(lean), Some(full)) = (&lean.graph, &full.graph) else {
            assert_eq!(lean.graph.is_some(), full.graph.is_some(), "{}", full.name);
            continue;
        };
        assert!(full.users_loaded());
        if full.report_file.is_none() {
            continue;
        }
        tenants += 1;
        assert!(!lean.users_loaded(), "{}", full.id);
        assert_eq!(lean.summary(), full.summary(), "{}", full.id);
        for days in [0, 29, 90, 365] {
            let users = full.reclaimable(days);
            let reclaim = lean.reclaim(days);
            assert_eq!(reclaim.users, users.len() as u64, "{} {days}", full.id);
            let licenses: u64 = users.iter().map(|u| u.products.len().max(1) as u64).sum();
            assert_eq!(reclaim.licenses, licenses, "{} {days}", full.id);
        }
        let again = uptake::load::tenant_users(lean).unwrap();
        assert_eq!(again.report, full.report, "{}", full.id);
    }
    assert!(tenants > 100, "{tenants} tenants with a report");
}

#[test]
fn damaged_files_never_panic() {
    let fixtures = [
        "v1_deployment.json",
        "commercial_usage.json",
        "portfolio.json",
        "hostile.json",
        "sidecars/servicerequests.json",
        "insights/OfficeUsage.csv",
        "insights/DynamicsUsage.tsv",
        "insights/SeatsSubscriptionsAndRevenue.csv",
    ];
    // A small deterministic generator, so a failure can be replayed.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for name in fixtures {
        let bytes = std::fs::read(fixture(name)).unwrap();
        let mut variants: Vec<Vec<u8>> = (0..bytes.len())
            .step_by(7)
            .map(|cut| bytes[..cut].to_vec())
            .collect();
        for _ in 0..200 {
            let mut b = bytes.clone();
            for _ in 0..1 + next() % 4 {
                let at = (next() as usize) % b.len();
                b[at] = match next() % 4 {
                    0 => b'"',
                    1 => b',',
                    2 => (next() % 256) as u8,
                    _ => b'9',
                };
            }
            variants.push(b);
        }
        for (i, v) in variants.iter().enumerate() {
            let result =
                std::panic::catch_unwind(|| uptake::import::load_named(&[(name, v.as_slice())]));
            assert!(result.is_ok(), "{name}, variant {i} panicked");
            if let Ok(Err(e)) = result {
                assert!(!e.to_string().contains('\n'), "{name} {i}: one line: {e}");
            }
        }
    }
}

/// A picture or an archive next to the exports is skipped with a note naming it; a folder
/// with nothing else still fails.
#[test]
fn stray_files_in_an_export_folder_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["v1_deployment.json", "v1_usage.json"] {
        std::fs::copy(fixture(f), dir.path().join(f)).unwrap();
    }
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    std::fs::write(dir.path().join("logo.png"), png).unwrap();
    let gz = b"\x1f\x8b\x08\0\0\0\0\0\0\x03\xab\xae\x05\0C\xbf\xa6\xa3\x02\0\0\0";
    std::fs::write(dir.path().join("backup.json.gz"), gz).unwrap();
    std::fs::write(dir.path().join("empty.csv"), b"").unwrap();
    let p = uptake::import::load_paths(&[dir.path().to_path_buf()]).unwrap();
    assert!(!p.customers.is_empty());
    for stray in ["logo.png", "backup.json.gz", "empty.csv"] {
        assert!(
            p.warnings
                .iter()
                .any(|w| w.file.ends_with(stray) && w.message.starts_with("not read")),
            "{stray}: {:?}",
            p.warnings
        );
    }
    let only = tempfile::tempdir().unwrap();
    std::fs::write(only.path().join("logo.png"), png).unwrap();
    let err = uptake::import::load_paths(&[only.path().to_path_buf()]).unwrap_err();
    assert!(
        err.to_string().contains("no Partner Center export found"),
        "{err}"
    );
}

/// Invisible characters and NBSP cannot make a name that looks like another but is not found
/// by it; letters of another script that look alike are warned about.
#[test]
fn lookalike_names_are_cleaned_or_warned_about() {
    let p = load_paths(&[fixture("lookalikes.json")]).unwrap();
    let name = |id: &str| {
        p.customers
            .iter()
            .find(|c| c.id.as_ref().is_some_and(|i| i.as_str() == id))
            .unwrap()
            .name
            .as_str()
            .to_string()
    };
    assert_eq!(name("c3"), "Fabrikam", "zero-width space removed");
    assert_eq!(name("c4"), "Northwind Traders", "NBSP is a space");
    let index = uptake::domain::search::SearchIndex::new(&p);
    assert!(matches!(
        index.resolve("fabrikam"),
        uptake::domain::search::Resolved::One(_)
    ));
    let lookalike: Vec<_> = p
        .warnings
        .iter()
        .filter(|w| w.message.contains("looks like"))
        .collect();
    assert_eq!(lookalike.len(), 1, "{:?}", p.warnings);
    let text = lookalike[0].to_string();
    assert!(text.contains("\"Contoso Ltd\" (c1)"), "{text}");
    assert!(text.contains("U+0421"), "says which letter differs: {text}");
    assert!(!text.contains("\\u{"), "{text}");
}

/// A name of 100 000 characters is cut to 256, with a warning that quotes its beginning.
#[test]
fn a_huge_name_is_cut_with_a_warning() {
    let long = format!("Contoso {}", "x".repeat(100_000));
    let doc = serde_json::json!([{ "totalCount": 1, "items": [{
        "customerName": long, "customerId": "c1", "productName": "MICROSOFT 365 E3",
        "licensesDeployed": 3, "licensesSold": 5, "processedDateTime": "2025-06-14T03:25:16Z",
        "serviceName": "o365", "channel": "reseller",
        "attributes": { "objectType": "CustomerLicensesDeploymentInsights" }
    }]}]);
    let bytes = doc.to_string().into_bytes();
    let p = load_named(&[("deployment.json", &bytes)]).unwrap();
    assert_eq!(p.customers[0].name.as_str().chars().count(), 256);
    let w = p
        .warnings
        .iter()
        .find(|w| w.message.contains("cut to 256"))
        .expect("a warning");
    assert!(w.message.contains("100008 characters"), "{}", w.message);
    assert!(w.message.contains("\"Contoso xxx"), "{}", w.message);
}

/// The files of a folder as the simplest walk finds them: in name order, a folder's files
/// where the folder stands, hidden entries and (at the top) the partner's prices left out, and
/// uptake's own files at the top of a folder it wrote (with its index or roll-up), links
/// followed (what `inputs` must give, written apart).
#[cfg(unix)]
fn walk(dir: &Path, prefix: &Path, out: &mut Vec<(PathBuf, PathBuf, u64)>) {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    for name in names {
        let text = name.to_string_lossy();
        let top = prefix.as_os_str().is_empty();
        let snapshot = top && (dir.join("index.bin").is_file() || dir.join("rollup.bin").is_file());
        let own = ["manifest.json", "index.bin", "summary.json", "rollup.bin"];
        if text.starts_with('.')
            || (snapshot && own.contains(&text.as_ref()))
            || (top && text == "prices.csv")
        {
            continue;
        }
        let path = dir.join(&name);
        if path.is_dir() {
            walk(&path, &prefix.join(&name), out);
        } else if path.is_file() {
            let len = std::fs::metadata(&path).unwrap().len();
            out.push((path, prefix.join(&name), len));
        }
    }
}

/// A folder of many folders (read on two threads, a half each, and again one level down)
/// lists what the simplest walk lists, in its order, with each file's size; links to files
/// and folders are followed, a broken link and hidden files are left out, and a link loop is
/// an error naming the folder, not a hang.
#[cfg(unix)]
#[test]
fn a_folder_of_many_folders_lists_as_a_walk_does() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path();
    std::fs::write(top.join("deployment.json"), "{}").unwrap();
    std::fs::write(top.join("manifest.json"), "x").unwrap();
    std::fs::write(top.join("prices.csv"), "x").unwrap();
    std::fs::write(top.join(".hidden.json"), "x").unwrap();
    for i in 0..150 {
        let folder = top.join(format!("t{:03}", (i * 37) % 150));
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("b.csv"), "x".repeat(i)).unwrap();
        std::fs::write(folder.join("a.csv"), "yy").unwrap();
        std::fs::write(folder.join(".h"), "").unwrap();
        if i % 7 == 0 {
            std::fs::create_dir(folder.join("sub")).unwrap();
            std::fs::write(folder.join("sub").join("manifest.json"), "z").unwrap();
        }
    }
    let many = top.join("t042").join("many");
    std::fs::create_dir(&many).unwrap();
    for i in 0..70 {
        std::fs::create_dir(many.join(format!("m{i}"))).unwrap();
        std::fs::write(many.join(format!("m{i}")).join("r.csv"), "r").unwrap();
    }
    symlink(top.join("deployment.json"), top.join("link.json")).unwrap();
    symlink(top.join("t007"), top.join("t100-link")).unwrap();
    symlink(top.join("gone"), top.join("broken.json")).unwrap();
    // A folder laid out by hand, then one holding uptake's index (a snapshot's).
    for index in [false, true] {
        if index {
            std::fs::write(top.join("index.bin"), "i").unwrap();
        }
        let mut expected = Vec::new();
        walk(top, Path::new(""), &mut expected);
        let listed: Vec<_> = uptake::import::inputs(&[top.to_path_buf()])
            .unwrap()
            .into_iter()
            .map(|i| {
                assert!(i.in_folder);
                (i.path, i.relative, i.len.expect("a size"))
            })
            .collect();
        assert!(expected.len() > 370, "{}", expected.len());
        let manifest = expected
            .iter()
            .any(|(_, r, _)| r == Path::new("manifest.json"));
        assert_eq!(manifest, !index);
        assert_eq!(listed, expected);
    }
    // A link back up: every level is a folder again, and the walk must stop.
    symlink(top, top.join("t149").join("loop")).unwrap();
    let err = uptake::import::inputs(&[top.to_path_buf()])
        .unwrap_err()
        .to_string();
    assert!(err.contains("levels down") && err.contains("loop"), "{err}");
}

/// A folder of 70 links to itself (a tree as wide as the folder at every level) is a link
/// loop found on its first deep path: the rest of the listing stops, on either thread,
/// instead of walking 70^16 folders (it spawned threads until memory ran out).
#[cfg(unix)]
#[test]
fn a_folder_of_many_links_to_itself_is_a_loop_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path().to_path_buf();
    std::fs::write(top.join("deployment.json"), "{}").unwrap();
    for i in 0..70 {
        std::os::unix::fs::symlink(".", top.join(format!("l{i:02}"))).unwrap();
    }
    let (done, listed) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(uptake::import::inputs(&[top]).map(|i| i.len()));
    });
    let err = listed
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("the listing ends")
        .unwrap_err()
        .to_string();
    assert!(err.contains("levels down"), "{err}");
}
