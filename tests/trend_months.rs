//! A trend's earlier month holds every product's figure of that month, checked against sums
//! written here from the generated rows themselves: a product whose service has nothing newer
//! (Dynamics processed in October, Office in November) is in October's point as it is in the
//! current one, so the change since October compares like with like; and it makes no point of
//! its own (one export of November Office and October Dynamics has no October to compare).

use std::collections::BTreeMap;

use proptest::prelude::*;
use uptake::domain::metrics;
use uptake::import::Builder;

/// Products and their services: the Dynamics product's newest rows may be older than Office's.
const PRODUCTS: [(&str, &str); 3] = [
    ("MICROSOFT 365 E3", "o365"),
    ("OFFICE 365 E1", "o365"),
    ("DYNAMICS 365 SALES ENTERPRISE", "crm"),
];
const WORKLOADS: [&str; 3] = ["Exchange", "Teams", "Dynamics 365 Sales"];
/// One date a month.
const DATES: [&str; 3] = ["2026-08-14", "2026-09-14", "2026-10-14"];

/// (product, workload or none for deployment, date) → (active or assigned, qualified or sold).
type Rows = BTreeMap<(usize, Option<usize>, usize), (u64, u64)>;

fn rows() -> impl Strategy<Value = Rows> {
    prop::collection::btree_map(
        (
            0..PRODUCTS.len(),
            prop::option::weighted(0.6, 0..WORKLOADS.len()),
            0..DATES.len(),
        ),
        (0..90u64, prop_oneof![Just(0u64), 1..100u64]),
        1..20,
    )
}

fn json(rows: &Rows) -> String {
    let items: Vec<String> = rows
        .iter()
        .map(|(&(p, w, d), &(a, b))| {
            let (product, service) = PRODUCTS[p];
            let base = format!(
                r#""customerId":"c-1","customerName":"Customer 1","serviceCode":"{service}","productName":"{product}","processedDateTime":"{}T00:00:00Z""#,
                DATES[d]
            );
            match w {
                None => format!(r#"{{{base},"licensesDeployed":{a},"licensesSold":{b}}}"#),
                Some(w) => format!(
                    r#"{{{base},"workloadName":"{}","licensesActive":{a},"licensesQualified":{b}}}"#,
                    WORKLOADS[w]
                ),
            }
        })
        .collect();
    format!(r#"{{"items":[{}]}}"#, items.join(","))
}

/// Each month before the newest of its kind, the ratio of its rows' sums (rows with a
/// denominator only), in percent. A current row of a month before the newest (its service's
/// newest, older than another service's) joins a month that other rows make a point of; it
/// makes none alone.
fn expected(rows: &Rows, usage: bool) -> BTreeMap<usize, f64> {
    let of_kind = || rows.iter().filter(|((_, w, _), _)| w.is_some() == usage);
    let Some(newest) = of_kind().map(|((_, _, d), _)| *d).max() else {
        return BTreeMap::new();
    };
    // Each service's newest date of this kind: its rows of that date are current.
    let service_newest = |service: &str| {
        of_kind()
            .filter(|((p, _, _), _)| PRODUCTS[*p].1 == service)
            .map(|((_, _, d), _)| *d)
            .max()
    };
    let current = |p: usize, d: usize| service_newest(PRODUCTS[p].1) == Some(d);
    let mut sums: BTreeMap<usize, (u64, u64, bool)> = BTreeMap::new();
    for ((p, _, d), (a, b)) in of_kind() {
        if *d < newest && *b > 0 {
            let e = sums.entry(*d).or_default();
            e.0 += a;
            e.1 += b;
            e.2 |= !current(*p, *d);
        }
    }
    sums.into_iter()
        .filter(|(_, (_, _, made))| *made)
        .map(|(d, (a, b, _))| (d, 100.0 * a as f64 / b as f64))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn an_earlier_month_s_point_sums_every_product_s_figure_of_that_month(rows in rows()) {
        let mut builder = Builder::default();
        builder.add_file("export.json", json(&rows).as_bytes()).unwrap();
        let portfolio = builder.finish();
        let c = &portfolio.customers[0];
        let points = metrics::trend(c, &metrics::sums(c));
        let month = |t: uptake::domain::model::Timestamp| {
            let day = t.date_naive().to_string();
            DATES.iter().position(|d| d[..7] == day[..7]).unwrap()
        };
        // The earlier points (the last one is the current point).
        let earlier = points.split_last().map_or(&[][..], |(_, e)| e);
        let usage: BTreeMap<usize, f64> = earlier
            .iter()
            .filter_map(|p| Some((month(p.usage_as_of), p.usage?)))
            .collect();
        let deployment: BTreeMap<usize, f64> = earlier
            .iter()
            .filter_map(|p| Some((month(p.deployment_as_of), p.deployment?)))
            .collect();
        let close = |a: &BTreeMap<usize, f64>, b: &BTreeMap<usize, f64>| {
            a.len() == b.len()
                && a.iter().zip(b).all(|((m, x), (n, y))| m == n && (x - y).abs() < 1e-9)
        };
        let want_usage = expected(&rows, true);
        let want_deployment = expected(&rows, false);
        prop_assert!(close(&usage, &want_usage), "usage points {:?}, expected {:?}", usage, want_usage);
        prop_assert!(
            close(&deployment, &want_deployment),
            "deployment points {:?}, expected {:?}",
            deployment,
            want_deployment
        );
    }
}
