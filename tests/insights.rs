//! Partner Center Insights downloads (CSV/TSV): each dataset, the quirks, history months.

use std::path::{Path, PathBuf};

use uptake::domain::model::{Customer, Dataset, Format, Portfolio, Service, Severity};
use uptake::import::load_paths;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/insights")
        .join(name)
}

fn load(names: &[&str]) -> Portfolio {
    let paths: Vec<PathBuf> = names.iter().map(|n| fixture(n)).collect();
    load_paths(&paths).unwrap_or_else(|e| panic!("{e}"))
}

fn customer<'a>(p: &'a Portfolio, name: &str) -> &'a Customer {
    p.customers
        .iter()
        .find(|c| c.name.as_str().starts_with(name))
        .unwrap_or_else(|| {
            panic!(
                "{name} in {:?}",
                p.customers
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
            )
        })
}

/// The warnings of records left out, as shown.
fn skipped(p: &Portfolio) -> Vec<String> {
    (p.warnings.iter())
        .filter(|w| w.severity == Severity::Skipped)
        .map(ToString::to_string)
        .collect()
}

#[test]
fn office_usage_reads_workloads_per_month_with_bom_quotes_newlines_and_cjk() {
    let p = load(&["OfficeUsage.csv"]);
    assert_eq!(p.files[0].format, Format::InsightsCsv(Dataset::OfficeUsage));
    let muller = customer(&p, "Müller & Söhne");
    assert_eq!(
        muller.id.as_ref().unwrap().as_str(),
        "051aa46a-5010-5fb5-9e26-9513a201070b"
    );
    let product = &muller.products[0];
    assert_eq!(product.name.as_str(), "OFFICE 365 (ALL PRODUCTS)");
    assert_eq!(product.service, Service::Office365);
    assert!(
        product.deployment.is_none(),
        "OfficeUsage has no sold or assigned seats"
    );
    let exchange = product
        .workloads
        .iter()
        .find(|w| w.name.as_str() == "Exchange Online")
        .unwrap();
    assert_eq!(
        (exchange.active, exchange.qualified),
        (23, 25),
        "the newest month is now"
    );
    assert_eq!(
        exchange.as_of.unwrap().to_rfc3339(),
        "2025-05-31T00:00:00+00:00"
    );
    let months: Vec<(String, u64)> = exchange
        .history
        .iter()
        .map(|h| (h.as_of.date_naive().to_string(), h.active))
        .collect();
    assert_eq!(
        months,
        [
            ("2025-03-31".to_string(), 20),
            ("2025-04-30".to_string(), 18)
        ]
    );
    assert_eq!(
        customer(&p, "Litware, Inc.").name.as_str(),
        "Litware, Inc.",
        "a quoted comma"
    );
    assert_eq!(
        customer(&p, "臺灣雲端資訊").name.as_str(),
        "臺灣雲端資訊 股份有限公司",
        "an embedded newline"
    );
}

#[test]
fn duplicate_pga_rows_are_dropped_and_said() {
    let p = load(&["OfficeUsage.csv"]);
    let litware = customer(&p, "Litware");
    let w = &litware.products[0].workloads[0];
    assert_eq!(
        (w.active, w.qualified),
        (0, 8),
        "not doubled by the duplicate attribution"
    );
    let note = p
        .warnings
        .iter()
        .find(|w| w.message.contains("IsDuplicateRowForPGA"))
        .expect("a note");
    assert_eq!(note.severity, Severity::Note);
    assert!(
        note.message
            .starts_with("1 row with IsDuplicateRowForPGA = 1 dropped"),
        "{note}"
    );
}

#[test]
fn dynamics_tsv_sums_subscriptions_per_product_and_month() {
    let p = load(&["DynamicsUsage.tsv"]);
    assert_eq!(
        p.files[0].format,
        Format::InsightsCsv(Dataset::DynamicsUsage)
    );
    let product = &customer(&p, "Müller").products[0];
    assert_eq!(product.service, Service::Dynamics365);
    let d = product.deployment.unwrap();
    assert_eq!((d.sold, d.assigned), (15, 13), "two subscriptions in May");
    assert_eq!(product.deployment_history.len(), 1, "April");
    assert_eq!(product.deployment_history[0].assigned, 6);
    let w = &product.workloads[0];
    assert_eq!(
        (w.name.as_str(), w.active, w.qualified),
        ("Dynamics 365", 11, 15)
    );
}

#[test]
fn seats_give_sold_and_assigned_and_bad_rows_name_line_and_field() {
    // Record numbers count every row in the file, the dropped copy on line 4 too.
    let p = load(&["SeatsSubscriptionsAndRevenue.csv"]);
    let litware = customer(&p, "Litware");
    let d = litware.products[0].deployment.unwrap();
    assert_eq!((d.sold, d.assigned), (8, 3));
    assert_eq!(litware.products[0].service, Service::Office365);
    let skipped = skipped(&p);
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        skipped[0].contains("record 4 (line 5), field month: cannot read month \"not a month\""),
        "{}",
        skipped[0]
    );
    assert!(
        skipped[1].contains("record 5 (line 6), field TotalSoldSeats: negative count -5"),
        "{}",
        skipped[1]
    );
}

#[test]
fn ems_workloads_and_tenant_domains() {
    let p = load(&["EMSUsage.csv", "CustomersAndTenants.csv"]);
    let litware = customer(&p, "Litware");
    let names: Vec<(&str, u64, u64)> = litware.products[0]
        .workloads
        .iter()
        .map(|w| (w.name.as_str(), w.active, w.qualified))
        .collect();
    assert_eq!(
        names,
        [
            ("Azure AD Premium", 10, 20),
            ("Azure Information Protection", 2, 20),
            ("EMS", 12, 20),
            ("Intune", 15, 20)
        ]
    );
    assert_eq!(
        litware.domain.as_ref().unwrap().as_str(),
        "litware.onmicrosoft.com"
    );
    let index = uptake::domain::search::SearchIndex::new(&p);
    let order: Vec<usize> = (0..p.customers.len()).collect();
    let found = index.search(&order, "litware.onmicrosoft");
    assert_eq!(found.len(), 1, "searchable by domain");
}

#[test]
fn downloads_and_json_exports_merge_by_tenant_id() {
    let mut paths: Vec<PathBuf> = [
        "OfficeUsage.csv",
        "SeatsSubscriptionsAndRevenue.csv",
        "DynamicsUsage.tsv",
    ]
    .iter()
    .map(|n| fixture(n))
    .collect();
    paths.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/portfolio.json"));
    let p = load_paths(&paths).unwrap();
    let taiwan = p
        .customers
        .iter()
        .filter(|c| c.name.as_str().starts_with("臺灣雲端資訊"))
        .count();
    assert_eq!(
        taiwan, 1,
        "the JSON customer and the CSV one share a tenant id"
    );
    let muller = customer(&p, "Müller");
    let products: Vec<&str> = muller.products.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        products,
        [
            "Dynamics 365 Sales Enterprise",
            "Microsoft 365 Business Premium",
            "OFFICE 365 (ALL PRODUCTS)"
        ]
    );
}

#[test]
fn a_csv_that_is_not_a_download_is_not_an_export() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("contacts.csv");
    std::fs::write(&path, "Name,Email,Phone\nAda,ada@example.com,1\n").unwrap();
    let err = load_paths(&[path]).unwrap_err().to_string();
    assert!(
        err.contains("contacts.csv: not a Partner Center export"),
        "{err}"
    );
}

/// The rows of a download in any order give the same portfolio: customers in name order, each
/// workload's counts summed over its rows of a month (checked against a plain sum here).
#[test]
fn row_order_does_not_change_the_portfolio() {
    const HEADER: &str = "CustomerTenantId,CustomerTpid,WorkloadName,Month,PaidAvailableUnits,MonthlyActiveUsers,CustomerName,CustomerMarket,CustomerSegment,MPNId,PartnerName,PartnerLocation,PartnerAttributionType,IsDuplicateRowForPGA";
    let workloads = ["Exchange", "SharePoint", "Teams"];
    let mut rows = Vec::new();
    // (id, workload, month) -> (paid, active), summed independently of the importer.
    let mut expected = std::collections::BTreeMap::new();
    for c in 0..30u64 {
        let id = format!(
            "{:08x}-0000-0000-0000-{:012x}",
            0xffff - c * 7919 % 0xffff,
            c
        );
        for (w, workload) in workloads.iter().enumerate() {
            for month in ["2025-04-01", "2025-05-01"] {
                // Two rows for some keys: their counts add up.
                for part in 0..(1 + (c + w as u64) % 2) {
                    let paid = 10 + c + part * 3;
                    let active = (c * 3 + w as u64 + part) % paid;
                    rows.push(format!(
                        "{id},{c},{workload},{month},{paid},{active},Kunde {c} GmbH,Germany,SMB,1,P,Germany,CSP,0"
                    ));
                    let e = expected
                        .entry((id.clone(), *workload, month))
                        .or_insert((0u64, 0u64));
                    e.0 += paid;
                    e.1 += active;
                }
            }
        }
    }
    let write = |rows: &[String]| {
        let dir = tempfile::tempdir().unwrap();
        let text = format!("{HEADER}\n{}\n", rows.join("\n"));
        std::fs::write(dir.path().join("OfficeUsage.csv"), text).unwrap();
        let p = load_paths(&[dir.path().to_path_buf()]).unwrap();
        (dir, p)
    };
    let (_a, in_order) = write(&rows);
    let mut shuffled = rows.clone();
    shuffled.reverse();
    let n = shuffled.len();
    let shuffled: Vec<String> = (0..n).map(|i| shuffled[(i * 37) % n].clone()).collect();
    let (_b, p) = write(&shuffled);
    assert!(
        p.customers == in_order.customers,
        "the same customers in the same order"
    );
    let names: Vec<&str> = p.customers.iter().map(|c| c.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "customers in name order");
    assert_eq!(names.len(), 30);
    for c in &p.customers {
        let id = c.id.as_ref().unwrap().as_str();
        let workloads = &c.products[0].workloads;
        assert_eq!(workloads.len(), 3);
        for w in workloads {
            let (paid, active) = expected[&(id.to_string(), w.name.as_str(), "2025-05-01")];
            assert_eq!((w.qualified, w.active), (paid, active), "{id} {}", w.name);
            let (paid, active) = expected[&(id.to_string(), w.name.as_str(), "2025-04-01")];
            assert_eq!(
                w.history
                    .iter()
                    .map(|h| (h.qualified, h.active))
                    .collect::<Vec<_>>(),
                [(paid, active)],
                "{id} {} April",
                w.name
            );
        }
    }
}

/// A download larger than what is read to tell a file's kind streams (its text is never held
/// whole): the figures are the rows' sums, and a bad row past the first megabyte names its
/// line, counted here from the text written (CRLF, a quoted name spanning two lines).
#[test]
fn a_large_download_streams_with_the_rows_sums_and_right_line_numbers() {
    const HEADER: &str =
        "CustomerTenantId,WorkloadName,Month,PaidAvailableUnits,MonthlyActiveUsers,CustomerName";
    let workloads = ["Exchange", "SharePoint", "Teams"];
    let mut text = format!("\u{feff}{HEADER}\r\n");
    let mut line = 2u64;
    let mut expected = std::collections::BTreeMap::new();
    let mut bad_line = None;
    for c in 0..3_000u64 {
        let id = format!("{:08x}-0000-0000-0000-{c:012x}", c * 7919 % 0xffff);
        // One name in quotes across two lines; one with a comma.
        let name = match c {
            7 => "\"Zwei\r\nZeilen AG\"".to_string(),
            8 => "\"Komma, Punkt GmbH\"".to_string(),
            _ => format!("Kunde {c} GmbH"),
        };
        for (w, workload) in workloads.iter().enumerate() {
            for month in ["2025-04-01", "2025-05-01"] {
                for part in 0..(1 + (c + w as u64) % 2) {
                    let paid = 10 + c + part * 3;
                    let active = (c * 3 + w as u64 + part) % paid;
                    // A bad count well past the first megabyte.
                    let broken = text.len() > 1_200_000 && bad_line.is_none();
                    let mau = if broken {
                        bad_line = Some(line);
                        "lots".to_string()
                    } else {
                        let e = expected
                            .entry((id.clone(), *workload, month))
                            .or_insert((0u64, 0u64));
                        e.0 += paid;
                        e.1 += active;
                        active.to_string()
                    };
                    text.push_str(&format!("{id},{workload},{month},{paid},{mau},{name}\r\n"));
                    line += 1 + name.matches('\n').count() as u64;
                }
            }
        }
    }
    assert!(text.len() > 1_500_000, "larger than the first read");
    let bad_line = bad_line.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("OfficeUsage.csv");
    std::fs::write(&file, &text).unwrap();
    let p = load_paths(std::slice::from_ref(&file)).unwrap();
    assert_eq!(p.customers.len(), 3_000);
    let skipped = skipped(&p);
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(
        skipped[0].contains(&format!("(line {bad_line}), field MonthlyActiveUsers")),
        "line {bad_line}: {}",
        skipped[0]
    );
    assert!(customer(&p, "Zwei Zeilen AG").id.is_some());
    for c in &p.customers {
        let id = c.id.as_ref().unwrap().as_str();
        for w in &c.products[0].workloads {
            let newest = expected.get(&(id.to_string(), w.name.as_str(), "2025-05-01"));
            let older = expected.get(&(id.to_string(), w.name.as_str(), "2025-04-01"));
            if let Some(&(paid, active)) = newest {
                assert_eq!((w.qualified, w.active), (paid, active), "{id} {}", w.name);
            }
            let history: Vec<(u64, u64)> =
                w.history.iter().map(|h| (h.qualified, h.active)).collect();
            assert_eq!(history, older.into_iter().copied().collect::<Vec<_>>());
        }
    }
    // The same text read whole gives the same portfolio.
    let mut builder = uptake::import::Builder::default();
    builder
        .add_file("OfficeUsage.csv", text.as_bytes())
        .unwrap();
    let whole = builder.finish();
    assert!(whole.customers == p.customers);
    // Bytes that are not UTF-8 past the first megabyte: an error naming the file and line.
    let mut bytes = text.into_bytes();
    let at = bytes.len() - 200;
    let line = 1 + bytes[..at].iter().filter(|b| **b == b'\n').count();
    let start = bytes[..at].iter().rposition(|b| *b == b'\n').unwrap() + 1;
    bytes[start + 2] = 0xff;
    std::fs::write(&file, &bytes).unwrap();
    let e = load_paths(std::slice::from_ref(&file))
        .unwrap_err()
        .to_string();
    assert!(e.contains("OfficeUsage.csv"), "{e}");
    assert!(e.contains(&format!("line {line}")), "line {line}: {e}");
    assert!(e.contains("UTF-8"), "{e}");
}

/// A download with a byte that is not UTF-8 early in it (under the first megabyte, whole
/// file small or large) is an error naming the file and line, also in a folder: it starts as
/// an export, so it is a damaged one, never skipped as "not text" with the folder's other
/// files read as if it were not there. A picture beside the exports is still skipped.
#[test]
fn a_download_damaged_early_is_an_error_also_in_a_folder() {
    const HEADER: &str =
        "CustomerTenantId,WorkloadName,Month,PaidAvailableUnits,MonthlyActiveUsers,CustomerName";
    for rows in [200usize, 30_000] {
        let mut text = format!("{HEADER}\n");
        let mut bad_line = 0;
        for c in 0..rows {
            if c == 150 {
                bad_line = c + 2;
                text.push_str(&format!(
                    "{c:08x}-0000,Exchange,2025-05-01,10,4,Kunde \u{1} GmbH\n"
                ));
            } else {
                text.push_str(&format!(
                    "{c:08x}-0000,Exchange,2025-05-01,10,4,Kunde {c} GmbH\n"
                ));
            }
        }
        let mut bytes = text.into_bytes();
        let at = bytes.iter().position(|b| *b == 1).unwrap();
        bytes[at] = 0xff;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("OfficeUsage.csv"), &bytes).unwrap();
        std::fs::write(
            dir.path().join("SeatsSubscriptionsAndRevenue.csv"),
            "CustomerTenantId,CustomerName,Month,Sku,TotalSoldSeats,AssignedSeats\nabcd-1,Other,2025-05-01,E3,5,4\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("logo.png"),
            b"\x89PNG\r\n\x1a\n\xff\xfe\x00",
        )
        .unwrap();
        let e = load_paths(&[dir.path().to_path_buf()])
            .err()
            .unwrap_or_else(|| panic!("{rows} rows: the damaged download was skipped"))
            .to_string();
        assert!(e.contains("OfficeUsage.csv"), "{e}");
        assert!(
            e.contains(&format!("line {bad_line}")),
            "line {bad_line}: {e}"
        );
        assert!(e.contains("UTF-8"), "{e}");
        // Without it, the picture is skipped with a note and the other download read.
        std::fs::remove_file(dir.path().join("OfficeUsage.csv")).unwrap();
        let p = load_paths(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(p.customers.len(), 1);
        assert!(
            p.warnings.iter().any(|w| w.file.contains("logo.png")),
            "{:?}",
            p.warnings
        );
    }
}

/// A row with fewer fields than the header (the last row of a download cut off) is left out
/// with a warning naming its line and the first missing field, never counted with zeros; empty
/// fields past the header's (a trailing comma) are fine.
#[test]
fn a_row_cut_short_is_left_out_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("OfficeUsage.csv");
    std::fs::write(
        &file,
        "CustomerTenantId,CustomerName,WorkloadName,Month,PaidAvailableUnits,MonthlyActiveUsers\n\
         11111111-0000-0000-0000-000000000001,Kunde A,Exchange,2026-11-01,100,80,,\n\
         11111111-0000-0000-0000-000000000001,Kunde A,Exchange,2026-11-01,50\n\
         11111111-0000-0000-0000-000000000001,Kunde A,Teams,2026-11-01,10,5,x\n",
    )
    .unwrap();
    let p = load_paths(std::slice::from_ref(&file)).unwrap();
    let w = &p.customers[0].products[0].workloads;
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(
        (w[0].active, w[0].qualified),
        (80, 100),
        "the cut row is not added"
    );
    let skipped = skipped(&p);
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        skipped[0]
            .contains("(line 3), field MonthlyActiveUsers: the row has 5 fields, the header has 6"),
        "{}",
        skipped[0]
    );
    assert!(
        skipped[1].contains("(line 4)") && skipped[1].contains("7 fields"),
        "{}",
        skipped[1]
    );
}

/// Rows dropped as another partner attribution's copy keep their place: a bad row after them
/// is named by its own record number in the file.
#[test]
fn records_are_numbered_in_file_order_past_dropped_copies() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("OfficeUsage.csv");
    let row = |dup: u8, mau: &str| {
        format!(
            "11111111-0000-0000-0000-000000000001,Kunde A,Exchange,2026-11-01,100,{mau},{dup}\n"
        )
    };
    let text = format!(
        "CustomerTenantId,CustomerName,WorkloadName,Month,PaidAvailableUnits,MonthlyActiveUsers,IsDuplicateRowForPGA\n{}{}{}{}",
        row(1, "80"),
        row(1, "80"),
        row(0, "lots"),
        row(0, "80"),
    );
    std::fs::write(&file, text).unwrap();
    let p = load_paths(std::slice::from_ref(&file)).unwrap();
    let skipped = skipped(&p);
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0].contains("record 3 (line 4)"), "{}", skipped[0]);
}

/// A renamed customer is shown by the name of its newest records, in whatever order they
/// come: in a download, the old name of earlier months (sorting before or after the new
/// one) or, in JSON, the old name on a record written after the newer one; across two files
/// read together, the newer file's. It used to be the first name read (in a download, the
/// smallest in byte order).
#[test]
fn a_renamed_customer_has_its_newest_name() {
    let dir = tempfile::tempdir().unwrap();
    let header =
        "CustomerTenantId,WorkloadName,Month,PaidAvailableUnits,MonthlyActiveUsers,CustomerName\n";
    let names =
        |p: &Portfolio| -> Vec<String> { p.customers.iter().map(|c| c.name.to_string()).collect() };
    for (old, new) in [
        ("Alpha Old Name GmbH", "Zeta New Name GmbH"),
        ("Zeta Old Name GmbH", "Alpha New Name GmbH"),
    ] {
        let mut csv = header.to_string();
        for (month, name) in [
            ("2026-11-01", new),
            ("2026-09-01", old),
            ("2026-10-01", old),
        ] {
            csv.push_str(&format!("t-1,Exchange,{month},10,5,{name}\n"));
            csv.push_str(&format!("t-1,SharePoint,{month},10,4,{name}\n"));
        }
        let path = dir.path().join("OfficeUsage.csv");
        std::fs::write(&path, csv).unwrap();
        let p = load_paths(std::slice::from_ref(&path)).unwrap();
        assert_eq!(names(&p), [new], "csv: {old} → {new}");
        // JSON: the older record comes last in the file.
        let json = format!(
            r#"{{"items":[
  {{"customerId":"t-1","customerName":"{new}","productName":"E3","workloadName":"Exchange","licensesActive":5,"licensesQualified":10,"processedDateTime":"2026-11-09"}},
  {{"customerId":"t-1","customerName":"{old}","productName":"E3","licensesDeployed":8,"licensesSold":10,"processedDateTime":"2026-10-14"}}]}}"#
        );
        let path = dir.path().join("usage.json");
        std::fs::write(&path, json).unwrap();
        let p = load_paths(std::slice::from_ref(&path)).unwrap();
        assert_eq!(names(&p), [new], "json: {old} → {new}");
    }
    // Two files read together: the newer records' name, whichever file comes first.
    let older = dir.path().join("a-older.json");
    let newer = dir.path().join("b-newer.json");
    let record = |name: &str, date: &str| {
        format!(
            r#"{{"items":[{{"customerId":"t-1","customerName":"{name}","productName":"E3","workloadName":"Exchange","licensesActive":5,"licensesQualified":10,"processedDateTime":"{date}"}}]}}"#
        )
    };
    std::fs::write(&older, record("Zeta Old Name GmbH", "2026-10-09")).unwrap();
    std::fs::write(&newer, record("Alpha New Name GmbH", "2026-11-09")).unwrap();
    for paths in [[&older, &newer], [&newer, &older]] {
        let paths: Vec<PathBuf> = paths.iter().map(|p| p.to_path_buf()).collect();
        let p = load_paths(&paths).unwrap();
        assert_eq!(names(&p), ["Alpha New Name GmbH"], "{paths:?}");
    }
}

/// What is noted of a download's sums (built once its rows are read) names the first row of
/// the sum: its record and its line, not the file's last record.
#[test]
fn a_note_on_a_sum_names_its_first_row() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("OfficeUsage.csv");
    // One tenant under two names in one month: two sums of one workload and month.
    let mut text =
        "CustomerTenantId,CustomerName,WorkloadName,Month,PaidAvailableUnits,MonthlyActiveUsers\n"
            .to_string();
    text.push_str("t-1,Kunde A,Exchange,2026-11-01,100,80\n");
    text.push_str("t-1,Kunde A neu,Exchange,2026-11-01,100,60\n");
    for i in 2..9 {
        text.push_str(&format!("t-{i},Kunde {i},Exchange,2026-11-01,10,5\n"));
    }
    std::fs::write(&file, text).unwrap();
    let p = load_paths(std::slice::from_ref(&file)).unwrap();
    let notes: Vec<&uptake::domain::model::ImportWarning> = (p.warnings.iter())
        .filter(|w| w.message.contains("Exchange"))
        .collect();
    assert_eq!(notes.len(), 1, "{:?}", p.warnings);
    let (record, place) = notes[0].record.clone().unwrap();
    // Records 1 and 2 are lines 2 and 3; the file has 9 records.
    assert!(
        [(1, "line 2"), (2, "line 3")].contains(&(record, place.as_str())),
        "{}",
        notes[0]
    );
}
