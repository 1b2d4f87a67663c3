//! The metrics' tables: ratios, flags, roll-ups, seats, trend.

use super::*;
use crate::domain::model::{Customer, Product, Sums, Timestamp, Workload};
use crate::domain::model::{Deployment, Service};
use crate::domain::thresholds::Thresholds;
use crate::text::Clean;
use chrono::TimeZone;

fn now() -> Timestamp {
    chrono::Utc.with_ymd_and_hms(2025, 6, 19, 12, 0, 0).unwrap()
}

fn day(d: u32) -> Option<Timestamp> {
    Some(chrono::Utc.with_ymd_and_hms(2025, 6, d, 0, 0, 0).unwrap())
}

fn wl(name: &str, active: u64, qualified: u64) -> Workload {
    Workload {
        code: None,
        name: Clean::new(name),
        active,
        qualified,
        reported_percent: None,
        as_of: day(9),
        history: Vec::new(),
    }
}

fn prod(name: &str, dep: Option<(u64, u64)>, workloads: Vec<Workload>) -> Product {
    Product {
        id: None,
        name: Clean::new(name),
        service: Service::Office365,
        channel: None,
        deployment: dep.map(|(assigned, sold)| Deployment {
            sold,
            assigned,
            reported_percent: None,
            as_of: day(14),
        }),
        workloads,
        deployment_history: Vec::new(),
        past_workloads: Vec::new(),
    }
}

fn cust(products: Vec<Product>) -> Customer {
    Customer::new(None, Clean::new("Contoso"), products)
}

#[test]
fn flag_ids_are_the_documented_names() {
    let ids: Vec<String> = Flag::ALL
        .iter()
        .map(|f| serde_json::to_string(f).unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "\"low_deployment\"",
            "\"low_usage\"",
            "\"usage_over_100\"",
            "\"deployment_na\"",
            "\"usage_na\"",
            "\"assigned_without_sold\"",
            "\"trial\"",
            "\"stale_data\"",
            "\"many_support_requests\"",
        ]
    );
}

#[test]
fn percent_table() {
    let cases: [(u64, u64, Option<f64>); 6] = [
        (46, 50, Some(92.0)),
        (0, 1, Some(0.0)),
        (0, 0, None),
        (5, 0, None),
        (34, 30, Some(113.333_333_333_333_33)),
        (98, 150, Some(65.333_333_333_333_33)),
    ];
    for (n, d, want) in cases {
        assert_eq!(percent(n, d), want, "{n}/{d}");
    }
}

#[test]
fn product_flags_table() {
    let t = Thresholds::default();
    // (assigned, sold) → (percent, unassigned, flags)
    type Case = (Option<(u64, u64)>, Option<f64>, u64, Vec<Flag>);
    let cases: Vec<Case> = vec![
        (Some((46, 50)), Some(92.0), 4, vec![]),
        (Some((40, 50)), Some(80.0), 10, vec![]),
        (Some((39, 50)), Some(78.0), 11, vec![Flag::LowDeployment]),
        (Some((0, 0)), None, 0, vec![Flag::DeploymentNa]),
        (
            Some((5, 0)),
            None,
            0,
            vec![Flag::DeploymentNa, Flag::AssignedWithoutSold],
        ),
        (Some((12, 10)), Some(120.0), 0, vec![]),
        (None, None, 0, vec![Flag::DeploymentNa]),
    ];
    for (dep, pct, unassigned, flags) in cases {
        let m = product(&prod("P", dep, vec![]), &t);
        assert_eq!(
            (m.percent, m.unassigned, m.flags),
            (pct, unassigned, flags.into_iter().collect::<Flags>()),
            "{dep:?}"
        );
    }
}

#[test]
fn workload_flags_table() {
    let t = Thresholds::default();
    let cases: Vec<(u64, u64, Option<f64>, Vec<Flag>)> = vec![
        (44, 50, Some(88.0), vec![]),
        (25, 50, Some(50.0), vec![]),
        (24, 50, Some(48.0), vec![Flag::LowUsage]),
        (0, 0, None, vec![Flag::UsageNa]),
        (3, 0, None, vec![Flag::UsageNa]),
        (34, 30, Some(34.0 * 100.0 / 30.0), vec![Flag::UsageOver100]),
        (30, 30, Some(100.0), vec![]),
    ];
    for (a, q, pct, flags) in cases {
        let m = workload(&wl("Exchange", a, q), &t);
        assert_eq!(
            (m.percent, m.flags),
            (pct, flags.into_iter().collect::<Flags>()),
            "{a}/{q}"
        );
    }
}

#[test]
fn customer_rollup_sums_only_rows_with_a_denominator() {
    let c = cust(vec![
        prod(
            "E3",
            Some((46, 50)),
            vec![wl("Exchange", 44, 50), wl("SharePoint", 20, 50)],
        ),
        prod(
            "F1",
            Some((4, 10)),
            vec![wl("Exchange", 4, 10), wl("Teams", 0, 0)],
        ),
        prod("TRIAL", Some((5, 0)), vec![wl("Exchange", 3, 0)]),
    ]);
    let m = customer(&c, &Thresholds::default(), now());
    assert_eq!((m.assigned, m.sold), (50, 60));
    assert_eq!(m.deployment, Some(50.0 * 100.0 / 60.0));
    assert_eq!((m.active, m.qualified), (68, 110));
    assert_eq!(m.usage, Some(68.0 * 100.0 / 110.0));
    assert!(m.usage_approx);
    assert_eq!((m.sold_products, m.usage_rows), (2, 3));
    assert_eq!(m.unassigned, 4 + 6);
    assert_eq!(m.unused, 6 + 30 + 6);
    // E3: 50 sold − 44 most active; F1: 10 − 4; TRIAL: 0 sold.
    assert_eq!(m.unused_seats, 6 + 6);
    assert_eq!(m.flags, vec![Flag::AssignedWithoutSold]);
    let exchange = &m.workloads[0];
    assert_eq!(
        (exchange.name.as_str(), exchange.active, exchange.qualified),
        ("Exchange", 51, 60)
    );
    assert_eq!(m.age_days, Some(10));
}

#[test]
fn customer_without_denominators_is_na_not_zero() {
    let c = cust(vec![prod(
        "TRIAL",
        Some((5, 0)),
        vec![wl("Exchange", 3, 0)],
    )]);
    let m = customer(&c, &Thresholds::default(), now());
    assert_eq!((m.deployment, m.usage), (None, None));
    assert!(m.has(Flag::DeploymentNa) && m.has(Flag::UsageNa) && m.has(Flag::AssignedWithoutSold));
    assert!(!m.has(Flag::LowDeployment) && !m.has(Flag::LowUsage));
    assert!(!m.usage_approx);
}

#[test]
fn unused_seats_table() {
    let cases = [
        (
            prod(
                "E3",
                Some((46, 50)),
                vec![wl("Exchange", 44, 50), wl("Teams", 30, 50)],
            ),
            6,
        ),
        (prod("E3", Some((46, 50)), vec![]), 4),
        (prod("E3", None, vec![wl("Exchange", 10, 25)]), 15),
        (prod("E3", Some((50, 50)), vec![wl("Yammer", 70, 50)]), 0),
        (prod("E3", Some((0, 0)), vec![]), 0),
    ];
    for (p, want) in cases {
        assert_eq!(unused_seats(&p), want, "{p:?}");
    }
}

#[test]
fn trend_groups_earlier_records_by_month_and_adds_snapshot_sums() {
    let mut c = cust(vec![prod(
        "E3",
        Some((40, 50)),
        vec![wl("Exchange", 30, 50)],
    )]);
    let april = chrono::Utc.with_ymd_and_hms(2025, 4, 9, 0, 0, 0).unwrap();
    let april_dep = chrono::Utc.with_ymd_and_hms(2025, 4, 14, 0, 0, 0).unwrap();
    c.products[0].workloads[0]
        .history
        .push(crate::domain::model::UsagePoint {
            as_of: april,
            active: 40,
            qualified: 50,
        });
    c.products[0].deployment_history.push(Deployment {
        sold: 50,
        assigned: 30,
        reported_percent: None,
        as_of: Some(april_dep),
    });
    let march = chrono::Utc.with_ymd_and_hms(2025, 3, 14, 0, 0, 0).unwrap();
    c.history.push(Sums {
        as_of: Some(march),
        assigned: 25,
        sold: 50,
        active: 45,
        qualified: 50,
        usage_as_of: None,
    });
    let m = customer(&c, &Thresholds::default(), now());
    let points: Vec<(String, Option<f64>, Option<f64>)> = m
        .trend
        .iter()
        .map(|p| (p.as_of.date_naive().to_string(), p.deployment, p.usage))
        .collect();
    assert_eq!(
        points,
        [
            ("2025-03-14".to_string(), Some(50.0), Some(90.0)),
            ("2025-04-14".to_string(), Some(60.0), Some(80.0)),
            ("2025-06-14".to_string(), Some(80.0), Some(60.0)),
        ]
    );
    // The usage change is dated by the usage date, the deployment change by its own.
    assert_eq!(m.usage_delta, Some((-20.0, april)));
    assert_eq!(m.deployment_delta, Some((20.0, april_dep)));
}

#[test]
fn no_history_no_trend() {
    let c = cust(vec![prod(
        "E3",
        Some((40, 50)),
        vec![wl("Exchange", 30, 50)],
    )]);
    let m = customer(&c, &Thresholds::default(), now());
    assert!(m.trend.is_empty());
    assert_eq!((m.usage_delta, m.deployment_delta), (None, None));
}

#[test]
fn over_100_is_kept_and_flagged() {
    let c = cust(vec![prod(
        "E3",
        Some((30, 30)),
        vec![wl("Yammer", 34, 30), wl("Exchange", 27, 30)],
    )]);
    let m = customer(&c, &Thresholds::default(), now());
    assert_eq!(m.usage, Some(61.0 * 100.0 / 60.0));
    assert!(m.usage.unwrap() > 100.0);
    assert!(m.has(Flag::UsageOver100));
    assert_eq!(
        m.products[0].workloads[0].percent,
        Some(34.0 * 100.0 / 30.0)
    );
}

#[test]
fn stale_after_the_limit_counts_the_older_dataset() {
    let mut c = cust(vec![prod(
        "E3",
        Some((10, 10)),
        vec![wl("Exchange", 10, 10)],
    )]);
    let t = Thresholds::default();
    assert!(!customer(&c, &t, now()).has(Flag::StaleData));
    c.products[0].workloads[0].as_of = Some(now() - chrono::TimeDelta::days(36));
    let m = customer(&c, &t, now());
    assert_eq!(m.age_days, Some(36));
    assert!(m.has(Flag::StaleData));
    c.products[0].workloads[0].as_of = Some(now() - chrono::TimeDelta::days(35));
    assert!(!customer(&c, &t, now()).has(Flag::StaleData));
}
