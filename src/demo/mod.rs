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
