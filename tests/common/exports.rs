//! Small exports written by the tests: v1 insights JSON files of a customer or two.

use std::path::{Path, PathBuf};

/// A v1 JSON file of `records` (each a JSON object text without braces) for Contoso.
pub fn records(dir: &Path, name: &str, records: &[String]) -> PathBuf {
    let folder = dir.join(name);
    std::fs::create_dir_all(&folder).unwrap();
    let items: Vec<String> = records
        .iter()
        .map(|r| {
            format!(
                r#"{{"customerId":"c-1","customerName":"Contoso Ltd","serviceCode":"o365",{r}}}"#
            )
        })
        .collect();
    std::fs::write(
        folder.join("export.json"),
        format!(r#"{{"items":[{}]}}"#, items.join(",")),
    )
    .unwrap();
    folder
}

/// A deployment record's fields (for [`records`]).
pub fn dep(product: &str, assigned: u64, sold: u64, at: &str) -> String {
    format!(
        r#""productName":"{product}","licensesDeployed":{assigned},"licensesSold":{sold},"processedDateTime":"{at}""#
    )
}

/// A usage record's fields (for [`records`]).
pub fn usage(product: &str, workload: &str, active: u64, qualified: u64, at: &str) -> String {
    format!(
        r#""productName":"{product}","workloadName":"{workload}","licensesActive":{active},"licensesQualified":{qualified},"processedDateTime":"{at}""#
    )
}

/// One export (`export-<date>.json` in `dir`): Tailspin Toys (`t-1`) and Contoso Ltd (`c-1`),
/// E3 with 50 seats, their Exchange usage as given (it moves between snapshots).
pub fn two_customers(dir: &Path, date: &str, tailspin_active: u64, contoso_active: u64) -> PathBuf {
    let item = |id: &str, name: &str, active: u64| {
        format!(
            r#"{{"customerId":"{id}","customerName":"{name}","productName":"E3","licensesDeployed":50,"licensesSold":50,"processedDateTime":"{date}"}},
               {{"customerId":"{id}","customerName":"{name}","productName":"E3","workloadName":"Exchange","licensesActive":{active},"licensesQualified":50,"processedDateTime":"{date}"}}"#
        )
    };
    let json = format!(
        r#"{{"items":[{},{}]}}"#,
        item("t-1", "Tailspin Toys", tailspin_active),
        item("c-1", "Contoso Ltd", contoso_active)
    );
    let path = dir.join(format!("export-{date}.json"));
    std::fs::write(&path, json).unwrap();
    path
}
