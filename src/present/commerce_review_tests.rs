//! Regression tests from the issue-15 review (a closed window, several subscriptions, a
//! buffer by part number). Expected figures are computed here, not read off the output.
use super::tests::{advise, eur_text, low, rules, sub, why};
use crate::domain::advice::ActionId;
use crate::domain::analysis::detailed;
use crate::domain::model::{BillingCycle, Customer, SubscriptionTerms};
use crate::i18n::Lang;
use crate::present::why::tests::{now, prod};
use crate::text::Clean;

#[test]
fn a_window_closes_at_its_instant_not_at_the_end_of_its_day() {
    // The window ends at midnight; it is 18:00 that day: closed, though the date is today.
    let t = rules(&[], |_| {});
    let midnight = now();
    let clock = midnight + chrono::TimeDelta::hours(18);
    for (until, open) in [
        (midnight, false),
        (clock, false),
        (clock + chrono::TimeDelta::hours(1), true),
    ] {
        let mut c = Customer::new(None, Clean::new("C"), low());
        let terms = SubscriptionTerms {
            reduce_until: Some(until),
            ..SubscriptionTerms::default()
        };
        c.subscriptions = Some(vec![sub("Office 365 E1", 40, 20, terms)]);
        let m = detailed(&c, &t, clock).metrics;
        let line = super::product_terms(Lang::En, "E1", &m.products[0].terms[0], Some(50));
        assert_eq!(
            line.contains("can be reduced until"),
            open,
            "{until}: {line}"
        );
        assert_eq!(
            line.contains("next be reduced at the renewal"),
            !open,
            "{line}"
        );
    }
}

/// Found in review: E3 × 60 yearly (auto-renew on) and × 30 monthly (off) read as one
/// merged record, and "reduce by 60" at the monthly renewal, where only 30 renew.
#[test]
fn several_subscriptions_keep_their_own_terms_and_seats() {
    let t = rules(&[], |_| {});
    let monthly = SubscriptionTerms {
        auto_renew: Some(false),
        term_months: Some(1),
        billing: Some(BillingCycle::Monthly),
        reduce_until: None,
    };
    let yearly = SubscriptionTerms {
        auto_renew: Some(true),
        term_months: Some(12),
        billing: Some(BillingCycle::Annual),
        reduce_until: None,
    };
    // 20 unassigned of 50 (low()); this partner's 45 in two subscriptions.
    let (soon, later) = (10u64, 35u64);
    let subs = vec![
        sub("Office 365 E1", later, 200, yearly),
        sub("Office 365 E1", soon, 20, monthly),
    ];
    let date = |days| {
        (now() + chrono::TimeDelta::days(days))
            .format("%Y-%m-%d")
            .to_string()
    };
    let mut c = Customer::new(None, Clean::new("C"), low());
    c.subscriptions = Some(subs.clone());
    let m = detailed(&c, &t, now()).metrics;
    let lines: Vec<String> = m.products[0]
        .terms
        .iter()
        .map(|terms| super::product_terms(Lang::En, "E1", terms, Some(50)))
        .collect();
    let yours = soon + later;
    assert_eq!(
        lines,
        [
            format!(
                "E1: yours: {yours} of 50 sold · {soon} of them · term 1 month · billed monthly · \
                 renews {} · auto-renew off",
                date(20)
            ),
            format!(
                "E1: yours: {yours} of 50 sold · {later} of them · term 1 year · billed annually · \
                 renews {} · auto-renew on",
                date(200)
            ),
        ]
    );
    // Reduce by what renews then: min(20 unassigned, the 10 renewing), not min(20, 45).
    let s = advise(low(), Some(subs), &t);
    let w = why(&s, ActionId::AssignLicenses, Lang::En).unwrap();
    let want = format!(
        "reduce by {} at the renewal on {}; auto-renew is off",
        20.min(soon),
        date(20)
    );
    assert!(w.contains(&want), "{want}: {w}");
    // Same date and terms: one renewal with the seats of both.
    let mut c = Customer::new(None, Clean::new("C"), low());
    c.subscriptions = Some(vec![
        sub("Office 365 E1", 5, 20, monthly),
        sub("Office 365 E1", 7, 20, monthly),
    ]);
    let terms = detailed(&c, &t, now()).metrics.products[0].terms.clone();
    assert_eq!(terms.len(), 1);
    assert_eq!((terms[0].seats, terms[0].yours), (12, 12));
}

/// Found in review: a part-number buffer ignored; the why line quoting the buffer capped
/// at the unassigned seats, costing all unassigned seats and advising to reduce the ones
/// the buffer keeps.
#[test]
fn a_buffer_by_part_number_keeps_its_seats_out_of_cost_and_reduction() {
    let price = 1000u64;
    // E1: 20 unassigned (low()), buffered by part number; E3: 10 unassigned, no buffer.
    let mut products = low();
    products.push(prod("Office 365 E3", 10, 20, &[]));
    let full = SubscriptionTerms {
        auto_renew: Some(true),
        ..SubscriptionTerms::default()
    };
    let subs = vec![sub("Office 365 E1", 50, 20, full)];
    for (configured, e1_kept) in [(5u64, 5u64), (30, 20)] {
        let t = rules(&[("STANDARDPACK", price), ("ENTERPRISEPACK", price)], |c| {
            c.set_buffer("STANDARDPACK", configured)
        });
        let s = advise(products.clone(), Some(subs.clone()), &t);
        let w = why(&s, ActionId::AssignLicenses, Lang::En).unwrap();
        let beyond = 20 - e1_kept + 10;
        assert!(
            w.contains("30 of 70 are not assigned (most in Office 365 E1: 20)")
                || w.contains("30 of 70 licenses are not assigned (most in Office 365 E1: 20)"),
            "{w}"
        );
        let want = format!(
            "your buffer keeps {e1_kept} of them (configured: {configured}); {beyond} beyond it; \
             they cost {} a month",
            eur_text(beyond * price)
        );
        assert!(w.contains(&want), "{want}: {w}");
        // Only E1 has a subscription: reduce what its buffer does not keep.
        let e1_reduce = 20 - e1_kept;
        if e1_reduce > 0 {
            assert!(
                w.contains(&format!("reduce by {e1_reduce} at the renewal")),
                "{w}"
            );
        } else {
            assert!(!w.contains("reduce by"), "{w}");
        }
    }
}

/// Found in review: "yours: 500 of 100 sold" with no warning.
#[test]
fn more_of_yours_than_sold_is_flagged() {
    let t = rules(&[], |_| {});
    let sold = 50; // low()
    for (yours, flagged) in [(sold * 10, true), (sold, false), (sold - 1, false)] {
        let mut c = Customer::new(None, Clean::new("C"), low());
        c.subscriptions = Some(vec![sub("Office 365 E1", yours, 20, Default::default())]);
        let m = detailed(&c, &t, now()).metrics;
        let line = super::product_terms(Lang::En, "E1", &m.products[0].terms[0], Some(sold));
        assert_eq!(line.contains("more than the 50 sold"), flagged, "{line}");
        assert_eq!(
            line.contains(&format!("yours: {yours} of 50 sold")),
            !flagged,
            "{line}"
        );
    }
}
