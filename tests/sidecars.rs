//! Sidecars: service requests and subscriptions, both shapes, both enum forms, and what
//! they enable (training, trial, renewal).

mod common;

use uptake::i18n::Lang;

use common::*;
use uptake::domain::advice::ActionId;
use uptake::domain::analysis::Filter;
use uptake::domain::metrics::Flag;
use uptake::domain::model::{Format, RequestStatus, SubscriptionStatus};
use uptake::tui::keymap::Action;

fn app() -> uptake::tui::app::App {
    app_from(&["portfolio.json", "sidecars"])
}

fn assessed(app: &uptake::tui::app::App, name: &str) -> uptake::domain::analysis::Assessment {
    let i = (0..app.total())
        .find(|&i| app.customer(i).0.name.as_str().starts_with(name))
        .unwrap();
    app.data.assessment(i).unwrap()
}

#[test]
fn both_shapes_load_with_string_and_integer_enums() {
    let app = app();
    let files: Vec<Format> = app.data.portfolio.files.iter().map(|f| f.format).collect();
    assert!(
        files.contains(&Format::ServiceRequests) && files.contains(&Format::Subscriptions),
        "{files:?}"
    );
    let tailspin = &app.data.portfolio.customers[1];
    assert_eq!(tailspin.name.as_str(), "Tailspin Toys");
    let statuses: Vec<RequestStatus> = tailspin
        .support
        .as_ref()
        .unwrap()
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(
        statuses,
        [
            RequestStatus::Open,
            RequestStatus::Open,
            RequestStatus::AttentionNeeded,
            RequestStatus::Closed,
            RequestStatus::Closed,
            RequestStatus::Closed
        ]
    );
    let backerei = &app.data.portfolio.customers[0];
    assert_eq!(
        backerei.support.as_deref(),
        Some(&[][..]),
        "an empty collection is zero requests"
    );
    let subs = backerei.subscriptions.as_ref().unwrap();
    assert_eq!(subs[0].status, SubscriptionStatus::Active, "status 1");
    assert!(subs[0].is_trial && !subs[1].is_trial, "true and \"false\"");
    let note = app
        .data
        .portfolio
        .warnings
        .iter()
        .find(|w| w.file == "(sidecars)")
        .expect("a note");
    assert!(
        note.message
            .contains("1 customer ids in the sidecars are not in the export"),
        "{note}"
    );
}

#[test]
fn many_requests_give_training_quoting_counts_and_thresholds() {
    let app = app();
    let a = assessed(&app, "Tailspin");
    assert!(a.metrics.has(Flag::ManySupportRequests));
    let training = a
        .actions
        .iter()
        .find(|s| s.id == ActionId::Training)
        .expect("training");
    assert_eq!(
        training.why.to_string(),
        "3 open support requests (threshold 3) and 5 created in the last 28 days (threshold 5)"
    );
    assert!(training.steps(Lang::En).any(|s| s.contains("self-service")));
    let quiet = assessed(&app, "臺灣");
    assert!(
        !quiet.metrics.has(Flag::ManySupportRequests),
        "1 old request"
    );
    assert_eq!(quiet.metrics.support.unwrap().open, 1);
}

#[test]
fn a_live_trial_subscription_is_flagged_and_offered_for_conversion() {
    let app = app();
    let a = assessed(&app, "Bäckerei");
    assert!(a.metrics.has(Flag::Trial));
    let convert = a
        .actions
        .iter()
        .find(|s| s.id == ActionId::ConvertTrial)
        .unwrap();
    assert!(
        convert
            .why
            .to_string()
            .contains("trial subscription Dynamics 365 Sales Enterprise Trial"),
        "{}",
        convert.why
    );
    assert!(
        convert
            .why
            .to_string()
            .contains("DYNAMICS 365 SALES ENTERPRISE: 3 licenses assigned, 0 sold"),
        "{}",
        convert.why
    );
}

#[test]
fn renewal_awareness_and_the_renewing_filter() {
    let mut app = app();
    let a = assessed(&app, "Tailspin");
    let uptake::domain::metrics::Renewal {
        date: end, days, ..
    } = a.metrics.renewal.unwrap();
    assert_eq!(
        (end.date_naive().to_string(), days),
        // Calendar days from 2025-06-19 (noon) to 2025-07-12.
        ("2025-07-12".to_string(), 23),
        "the suspended one does not count"
    );
    assert!(a.metrics.renewing_soon);
    let backerei = assessed(&app, "Bäckerei");
    let assign = backerei
        .actions
        .iter()
        .find(|s| s.id == ActionId::AssignLicenses)
        .unwrap();
    assert!(
        !assign.why.to_string().contains("renews"),
        "Business Basic renews in January: {}",
        assign.why
    );
    for _ in 0..6 {
        app.update(Action::CycleFilter);
    }
    assert_eq!(app.filter, Filter::Renewing);
    let names: Vec<String> = app
        .visible
        .iter()
        .map(|&i| app.customer(i).0.name.to_string())
        .collect();
    assert_eq!(names, ["Tailspin Toys"]);
    let s = screen(&app, 120, 40);
    assert!(s.contains("Renews in 23 days (2025-07-12)"), "{s}");
    assert!(
        s.contains("Support: 3 open, 5 created in the last 28 days"),
        "{s}"
    );
}

#[test]
fn without_subscriptions_the_renewing_filter_is_skipped() {
    let mut app = app_from(&["portfolio.json"]);
    let mut seen = Vec::new();
    for _ in 0..7 {
        app.update(Action::CycleFilter);
        seen.push(app.filter);
    }
    assert!(!seen.contains(&Filter::Renewing), "{seen:?}");
    assert_eq!(
        app.data.portfolio.customers[0].support, None,
        "no sidecar: unknown, not zero"
    );
}

#[test]
fn bad_sidecar_values_name_the_record_and_field() {
    let json = br#"{"c-1": {"items": [{"status": "exploded", "createdDate": "2025-06-01", "supportTopicName": "x",
        "attributes": {"objectType": "ServiceRequest"}}, {"status": 1, "createdDate": "yesterday",
        "supportTopicName": "x", "attributes": {"objectType": "ServiceRequest"}}]}}"#;
    let export = br#"{"items":[{"customerId":"c-1","customerName":"A","productName":"P","licensesDeployed":1,"licensesSold":2,"processedDateTime":"2025-06-14"}]}"#;
    let err = uptake::import::load_named(&[("export.json", export), ("sr.json", json)])
        .unwrap_err()
        .to_string();
    assert!(err.contains("sr.json: no usable record; first problem: sr.json: record 1 ([\"c-1\"].items[0]), field status: unknown value \"exploded\""), "{err}");
}

#[test]
fn the_detail_shows_when_a_trial_ends() {
    use ratatui::crossterm::event::KeyCode;
    let mut app = app();
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "bäckerei");
    let s = screen(&app, 140, 40);
    assert!(
        s.contains("Trial: Dynamics 365 Sales Enterprise Trial (ends 2025-07-01)"),
        "{s}"
    );
}

/// A customer of a portfolio's subscriptions file whose collection cannot be read, or whose
/// id is given twice, is a skipped record naming the customer, never records missing silently.
#[test]
fn a_customer_whose_subscriptions_cannot_be_read_is_said() {
    let id = "6b3f8f7e-51c2-4a5b-9a7e-1f2d3c4b5a60";
    let other = "0b3f8f7e-51c2-4a5b-9a7e-1f2d3c4b5a61";
    let sub = r#"{"offerName":"E3","quantity":3,"attributes":{"objectType":"Subscription"}}"#;
    let text = format!(
        r#"{{"{id}":{{"items":"x"}},"{other}":{{"items":[{sub}]}},"{other}":{{"items":[{sub}]}},"totalCount":2}}"#
    );
    let portfolio = uptake::import::load_named(&[("subscriptions.json", text.as_bytes())]).unwrap();
    let skipped: Vec<String> = portfolio
        .warnings
        .iter()
        .filter(|w| w.severity == uptake::domain::model::Severity::Skipped)
        .map(|w| format!("{:?} {:?} {}", w.record, w.field, w.message))
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:#?}");
    assert!(skipped[0].contains(id) && skipped[0].contains("not a list of records"));
    assert!(skipped[1].contains(other) && skipped[1].contains("more than once"));
    // "totalCount" is not a customer: no word about it.
    assert!(!format!("{:?}", portfolio.warnings).contains("totalCount"));
}
