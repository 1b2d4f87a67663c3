//! The embedded demo portfolio (`assets/demo/`, compiled in): about 40 customers covering every
//! flag and rule. Its dates are moved so the data is five days old whenever it is opened, and
//! one customer stays stale.

pub mod generate;

use crate::domain::model::{Portfolio, Timestamp};

const FILES: [(&str, &[u8]); 6] = [
    (
        "demo/deployment.json",
        include_bytes!("../../assets/demo/deployment.json"),
    ),
    (
        "demo/usage.json",
        include_bytes!("../../assets/demo/usage.json"),
    ),
    // An earlier month of usage for some customers: trends, and usage_falling.
    (
        "demo/history.json",
        include_bytes!("../../assets/demo/history.json"),
    ),
    (
        "demo/partner.json",
        include_bytes!("../../assets/demo/partner.json"),
    ),
    // Sidecars: training, trial subscriptions, renewals.
    (
        "demo/servicerequests.json",
        include_bytes!("../../assets/demo/servicerequests.json"),
    ),
    (
        "demo/subscriptions.json",
        include_bytes!("../../assets/demo/subscriptions.json"),
    ),
];

/// The demo's prices per license and month (issue 15: read like a `prices.csv` next to the
/// exports; the config's `[prices]` win). Some products are left unpriced on purpose: they
/// show no cost.
pub const PRICES: &str = include_str!("../../assets/demo/prices.csv");

/// The demo partner's resources per action (where the config has no `[resources]`), so the
/// resources lines can be seen on first run. `partner.example` is a reserved example domain.
pub fn resources() -> Vec<(String, std::sync::Arc<[crate::text::Clean]>)> {
    let table: [(&str, &[&str]); 4] = [
        (
            "show_value",
            &[
                "Case studies: https://partner.example/cases",
                "Customer stories on video: https://partner.example/videos",
            ],
        ),
        (
            "training",
            &[
                "Training sign-up: https://partner.example/training",
                "Self-service help: https://support.partner.example",
            ],
        ),
        (
            "assign_licenses",
            &["Onboarding checklist: https://partner.example/onboarding"],
        ),
        (
            "expand",
            &["Upgrade guide: https://partner.example/upgrade"],
        ),
    ];
    table
        .iter()
        .map(|(id, texts)| {
            let texts: Vec<crate::text::Clean> =
                texts.iter().map(|t| crate::text::Clean::new(t)).collect();
            (id.to_string(), texts.into())
        })
        .collect()
}

/// How old the demo data looks.
const DEMO_AGE_DAYS: i64 = 5;

/// The demo portfolio as of `now`.
pub fn portfolio(now: Timestamp) -> Portfolio {
    let mut p = crate::import::load_named(&FILES).expect("the embedded demo data is valid");
    if let Some(newest) = p.newest_as_of() {
        // The exact span, not whole days: `num_days` truncates toward zero, which would make
        // the age off by one whenever the clock is before the files' dates.
        p.shift_dates((now - newest) - chrono::TimeDelta::days(DEMO_AGE_DAYS));
    }
    p
}
