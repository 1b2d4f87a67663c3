//! The commercial facts in words (issue 15): money, renewal terms, what a why line adds about
//! cost, when seats can be reduced, the product to offer. Unknown terms are written as unknown
//! or left out, never guessed.

use crate::domain::advice::{Reduce, Why};
use crate::domain::commerce::Money;
use crate::domain::metrics::{Cost, Terms};
use crate::domain::model::BillingCycle;
use crate::i18n::{Lang, Msg};
use crate::present::format;
use crate::tr;

/// `on`, `off`, `unknown`.
pub fn on_off(lang: Lang, value: Option<bool>) -> &'static str {
    lang.get(match value {
        Some(true) => Msg::On,
        Some(false) => Msg::Off,
        None => Msg::Unknown,
    })
}

/// `1 month`, `1 year`, `3 years`, `18 months`.
pub fn term(lang: Lang, months: u32) -> String {
    match months {
        1 => tr!(lang, TermMonth).to_string(),
        12 => tr!(lang, TermYear).to_string(),
        m if m % 12 == 0 => tr!(lang, TermYears, n = m / 12),
        m => tr!(lang, TermMonths, n = m),
    }
}

impl BillingCycle {
    pub fn label(self, lang: Lang) -> &'static str {
        lang.get(match self {
            BillingCycle::Monthly => Msg::BillingMonthly,
            BillingCycle::Annual => Msg::BillingAnnual,
            BillingCycle::Triennial => Msg::BillingTriennial,
            BillingCycle::OneTime => Msg::BillingOneTime,
        })
    }
}

/// "yours: 40 of 50 sold"
/// "yours: 40 of 50 sold"; more than sold is said to be suspect, never shown as plain fact.
pub fn yours(lang: Lang, yours: u64, sold: u64) -> String {
    let (y, s) = (format::count(lang, yours), format::count(lang, sold));
    if yours > sold {
        tr!(lang, YoursOverSold, yours = y, sold = s)
    } else {
        tr!(lang, Yours, yours = y, sold = s)
    }
}

/// "unassigned seats €134.80 a month (€1,617.60 a year); seats without an active user €0.00 a
/// month (€0.00 a year)": both measures, as neither is the whole truth (unassigned seats from deployment,
/// seats without an active user from usage).
pub fn customer_cost(lang: Lang, c: &Cost) -> String {
    let both = |m: Money| {
        tr!(
            lang,
            CostTotal,
            month = format::money(lang, m),
            year = format::money(lang, format::per_year(m))
        )
    };
    match c.idle_per_month {
        Some(idle) => tr!(
            lang,
            CostCustomer,
            unassigned = both(c.unassigned_per_month),
            idle = both(idle)
        ),
        None => tr!(
            lang,
            CostCustomerNoUsage,
            unassigned = both(c.unassigned_per_month)
        ),
    }
}

/// One product's cost line.
pub fn product_cost(lang: Lang, product: &str, c: &Cost) -> String {
    let unassigned = format::money(lang, c.unassigned_per_month);
    let price = format::price(lang, c.price);
    match c.idle_per_month {
        Some(idle) => tr!(
            lang,
            CostProduct,
            product = product,
            unassigned = unassigned,
            idle = format::money(lang, idle),
            price = price
        ),
        None => tr!(
            lang,
            CostProductNoUsage,
            product = product,
            unassigned = unassigned,
            price = price
        ),
    }
}

/// One product's renewal terms: yours of sold, term, billing, renewal, auto-renew, and when
/// seats can be reduced. Fields the sidecar lacks read "unknown" (term, renewal, auto-renew)
/// or are left out (billing, the cancellation window).
pub fn product_terms(lang: Lang, product: &str, t: &Terms, sold: Option<u64>) -> String {
    let mut parts = Vec::new();
    if let Some(sold) = sold {
        parts.push(yours(lang, t.yours, sold));
    }
    // One of several renewals: how many of the seats it is.
    if t.seats < t.yours {
        parts.push(tr!(lang, TermsOfThem, n = format::count(lang, t.seats)));
    }
    parts.push(tr!(
        lang,
        TermsTerm,
        term = t
            .term_months
            .map_or_else(|| lang.get(Msg::Unknown).to_string(), |m| term(lang, m))
    ));
    if let Some(b) = t.billing {
        parts.push(tr!(lang, TermsBilled, cycle = b.label(lang)));
    }
    parts.push(match t.renewal {
        Some(d) => tr!(lang, TermsRenews, date = format::date(lang, d)),
        None => tr!(lang, TermsRenewsUnknown).to_string(),
    });
    parts.push(tr!(lang, TermsAuto, auto = on_off(lang, t.auto_renew)));
    if let Some(until) = t.reduce_until {
        parts.push(tr!(
            lang,
            TermsReduceUntil,
            date = format::date(lang, until)
        ));
    } else if t.window_closed && t.renewal.is_some() {
        parts.push(tr!(lang, TermsReduceAtRenewal).to_string());
    }
    tr!(
        lang,
        TermsProduct,
        product = product,
        terms = parts.join(" · ")
    )
}

fn reduce(lang: Lang, r: &Reduce) -> String {
    let n = format::count(lang, r.seats);
    let yours = yours(lang, r.yours, r.sold);
    match (r.until, r.renewal) {
        (Some(until), _) => tr!(
            lang,
            WhyReduceUntil,
            product = r.product,
            n = n,
            date = format::date(lang, until),
            yours = yours
        ),
        (None, Some(renewal)) => tr!(
            lang,
            WhyReduceAtRenewal,
            product = r.product,
            n = n,
            date = format::date(lang, renewal),
            auto = on_off(lang, r.auto_renew),
            yours = yours
        ),
        (None, None) => String::new(),
    }
}

fn cost(lang: Lang, m: Money, partial: bool) -> String {
    let month = format::money(lang, m);
    let year = format::money(lang, format::per_year(m));
    if partial {
        tr!(lang, WhyCostPriced, month = month, year = year)
    } else {
        tr!(lang, WhyCost, month = month, year = year)
    }
}

/// "not counted, no price: Dynamics 365 Sales Enterprise": the products a cost leaves out.
pub fn unpriced(lang: Lang, names: &[String]) -> Option<String> {
    (!names.is_empty()).then(|| tr!(lang, CostUnpriced, names = names.join(", ")))
}

/// What a why line adds from the partner's prices, the subscriptions and the upgrade map.
pub fn why_commercial(why: &Why, lang: Lang) -> String {
    let mut out = String::new();
    match why {
        Why::AssignLicenses {
            unassigned,
            buffer,
            buffer_configured,
            cost: money,
            cost_partial,
            reduce: r,
            ..
        } => {
            if *buffer > 0 {
                out.push_str(&tr!(
                    lang,
                    WhyBuffer,
                    beyond = format::count(lang, unassigned.saturating_sub(*buffer)),
                    kept = format::count(lang, *buffer),
                    n = format::count(lang, *buffer_configured)
                ));
            }
            if let Some(m) = money {
                out.push_str(&cost(lang, *m, *cost_partial));
            }
            if let Some(r) = r {
                out.push_str(&reduce(lang, r));
            }
        }
        Why::ShowValue {
            cost: money,
            cost_partial,
            reduce: r,
            ..
        } => {
            if let Some(m) = money {
                out.push_str(&cost(lang, *m, *cost_partial));
            }
            if let Some(r) = r {
                out.push_str(&reduce(lang, r));
            }
        }
        Why::Expand {
            offer: Some((from, to)),
            ..
        } => out.push_str(&tr!(lang, WhyOffer, from = from, to = to)),
        Why::ConvertTrial {
            paid: Some(name), ..
        } => out.push_str(&tr!(lang, WhyPaid, name = name)),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    //! Each commercial fact with and without the data it needs: a price known or not, a
    //! subscription with or without each term, a buffer reached or not, an excluded product,
    //! the upgrade map. Expected money is computed here from seats × price, not read off the
    //! output.
    use std::sync::Arc;

    use crate::domain::advice::{ActionId, Suggestion};
    use crate::domain::analysis::detailed;
    use crate::domain::commerce::{Commerce, Currency};
    use crate::domain::model::{
        BillingCycle, Customer, Product, Subscription, SubscriptionStatus, SubscriptionTerms,
    };
    use crate::domain::thresholds::Thresholds;
    use crate::i18n::Lang;
    use crate::present::why::tests::{now, prod};
    use crate::text::Clean;

    pub(super) fn eur() -> Currency {
        Currency::parse("EUR").unwrap()
    }

    pub(super) fn rules(prices: &[(&str, u64)], edit: impl FnOnce(&mut Commerce)) -> Thresholds {
        let mut c = Commerce::default();
        c.prices.currency = Some(eur());
        for (p, cents) in prices {
            c.prices.insert(p, *cents * 10_000);
        }
        edit(&mut c);
        Thresholds {
            commerce: Arc::new(c),
            ..Thresholds::default()
        }
    }

    pub(super) fn sub(
        offer: &str,
        quantity: u64,
        end_days: i64,
        terms: SubscriptionTerms,
    ) -> Subscription {
        Subscription {
            offer: Clean::new(offer),
            is_trial: false,
            status: SubscriptionStatus::Active,
            quantity,
            commitment_end: Some(now() + chrono::TimeDelta::days(end_days)),
            terms,
        }
    }

    pub(super) fn advise(
        products: Vec<Product>,
        subs: Option<Vec<Subscription>>,
        t: &Thresholds,
    ) -> Vec<Suggestion> {
        let mut c = Customer::new(None, Clean::new("Contoso"), products);
        c.subscriptions = subs;
        detailed(&c, t, now()).actions
    }

    pub(super) fn why(s: &[Suggestion], id: ActionId, lang: Lang) -> Option<String> {
        s.iter().find(|s| s.id == id).map(|s| s.why_text(lang))
    }

    /// 50 sold, 30 assigned: 20 unassigned; 10 active at most: 40 idle.
    pub(super) fn low() -> Vec<Product> {
        vec![prod(
            "Office 365 E1",
            30,
            50,
            &[("Exchange", 10, 50), ("Teams", 8, 50)],
        )]
    }

    /// Money written the English way, from cents computed by the test.
    pub(super) fn eur_text(cents: u64) -> String {
        let whole = (cents / 100).to_string();
        let mut grouped = String::new();
        for (i, d) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(d);
        }
        format!("€{grouped}.{:02}", cents % 100)
    }

    #[test]
    fn a_price_gives_the_cost_and_no_price_gives_none() {
        let price = 1000;
        let s = advise(low(), None, &rules(&[("OFFICE 365 E1", price)], |_| {}));
        let assign = why(&s, ActionId::AssignLicenses, Lang::En).unwrap();
        let (month, year) = (20 * price, 20 * price * 12);
        assert!(
            assign.contains(&format!(
                "they cost {} a month ({} a year)",
                eur_text(month),
                eur_text(year)
            )),
            "{assign}"
        );
        let value = why(&s, ActionId::ShowValue, Lang::En).unwrap();
        assert!(value.contains(&eur_text(40 * price)), "{value}");
        // No price for the product: no cost anywhere, never a guess.
        let s = advise(low(), None, &rules(&[("Office 365 E3", price)], |_| {}));
        for id in [ActionId::AssignLicenses, ActionId::ShowValue] {
            let w = why(&s, id, Lang::En).unwrap();
            assert!(!w.contains('€') && !w.contains("cost"), "{w}");
        }
    }

    #[test]
    fn money_in_the_why_line_follows_the_language() {
        let s = advise(low(), None, &rules(&[("OFFICE 365 E1", 123_456)], |_| {}));
        let de = why(&s, ActionId::AssignLicenses, Lang::De).unwrap();
        assert!(de.contains("24.691,20\u{a0}€ im Monat"), "{de}");
        let zh = why(&s, ActionId::AssignLicenses, Lang::ZhTw).unwrap();
        assert!(zh.contains("每月成本 €24,691.20"), "{zh}");
    }

    #[test]
    fn a_buffer_reached_keeps_assign_licenses_quiet() {
        // 20 unassigned: a buffer of 20 tolerates them all, a buffer of 5 leaves 15.
        let quiet = advise(
            low(),
            None,
            &rules(&[], |c| c.set_buffer("OFFICE 365 E1", 20)),
        );
        assert_eq!(why(&quiet, ActionId::AssignLicenses, Lang::En), None);
        let s = advise(
            low(),
            None,
            &rules(&[], |c| c.set_buffer("OFFICE 365 E1", 5)),
        );
        let w = why(&s, ActionId::AssignLicenses, Lang::En).unwrap();
        assert!(
            w.contains(
                "20 of 50 licenses are not assigned; your buffer keeps 5 of them (configured: 5); \
                 15 beyond it"
            ),
            "{w}"
        );
        let seats = s
            .iter()
            .find(|s| s.id == ActionId::AssignLicenses)
            .unwrap()
            .licenses;
        assert_eq!(seats, 20 - 5);
        // No buffer: all 20.
        let s = advise(low(), None, &rules(&[], |_| {}));
        let w = why(&s, ActionId::AssignLicenses, Lang::En).unwrap();
        assert!(!w.contains("buffer"), "{w}");
    }

    #[test]
    fn an_excluded_product_gets_no_advice() {
        let mut products = low();
        products.push(prod("Microsoft Teams Exploratory", 0, 500, &[]));
        let s = advise(products.clone(), None, &rules(&[], |_| {}));
        let w = why(&s, ActionId::AssignLicenses, Lang::En).unwrap();
        assert!(w.contains("520 of 550"), "{w}");
        let s = advise(
            products,
            None,
            &rules(&[], |c| c.exclude("TEAMS_EXPLORATORY")),
        );
        let w = why(&s, ActionId::AssignLicenses, Lang::En).unwrap();
        assert!(w.contains("20 of 50"), "only the E1 seats: {w}");
    }

    #[test]
    fn when_seats_can_be_reduced_follows_the_sidecar() {
        let t = rules(&[], |_| {});
        let full = SubscriptionTerms {
            auto_renew: Some(true),
            term_months: Some(12),
            billing: Some(BillingCycle::Monthly),
            reduce_until: None,
        };
        let window = SubscriptionTerms {
            reduce_until: Some(now() + chrono::TimeDelta::days(3)),
            ..full
        };
        let unknown = SubscriptionTerms::default();
        let cases: [(Option<Vec<Subscription>>, Option<&str>); 6] = [
            (None, None),
            // Renewing in 20 days; 40 of this partner's 50: reduce by min(20, 40).
            (
                Some(vec![sub("Office 365 E1", 40, 20, full)]),
                Some(
                    "reduce by 20 at the renewal on 2025-07-09; auto-renew is on (yours: 40 of 50 sold)",
                ),
            ),
            // The partner has 12 of the 50: only those can be reduced.
            (
                Some(vec![sub("Office 365 E1", 12, 20, full)]),
                Some("reduce by 12 at the renewal on 2025-07-09"),
            ),
            (
                Some(vec![sub("Office 365 E1", 40, 200, window)]),
                Some("20 can be reduced until 2025-06-22"),
            ),
            (
                Some(vec![sub("Office 365 E1", 40, 20, unknown)]),
                Some("auto-renew is unknown"),
            ),
            // Renewing after the renewal window, no cancellation window: nothing to say.
            (Some(vec![sub("Office 365 E1", 40, 200, full)]), None),
        ];
        for (subs, want) in cases {
            let s = advise(low(), subs.clone(), &t);
            let w = why(&s, ActionId::AssignLicenses, Lang::En).unwrap();
            match want {
                Some(want) => assert!(w.contains(want), "{subs:?}: {w}"),
                None => assert!(!w.contains("reduce"), "{subs:?}: {w}"),
            }
        }
    }

    #[test]
    fn expand_names_the_product_to_offer() {
        let healthy = |name: &str| {
            vec![prod(
                name,
                49,
                50,
                &[("Exchange", 45, 50), ("SharePoint", 44, 50)],
            )]
        };
        let t = rules(&[], |c| c.set_upgrade("Office 365 E5", "Microsoft 365 E5"));
        let cases = [
            (
                "MICROSOFT 365 E3",
                Some("offer Microsoft 365 E5 to the MICROSOFT 365 E3 users"),
            ),
            (
                "Microsoft 365 Business Basic",
                Some("offer Microsoft 365 Business Standard"),
            ),
            ("OFFICE 365 E5", Some("offer Microsoft 365 E5")),
            ("MICROSOFT 365 E5", None),
        ];
        for (product, want) in cases {
            let s = advise(healthy(product), None, &t);
            let w = why(&s, ActionId::Expand, Lang::En).unwrap();
            match want {
                Some(want) => assert!(w.contains(want), "{product}: {w}"),
                None => assert!(!w.contains("offer"), "{product}: {w}"),
            }
        }
    }

    #[test]
    fn convert_trial_names_the_paid_product() {
        let cases = [
            (
                "Microsoft 365 Business Premium Trial",
                Some("Microsoft 365 Business Premium"),
            ),
            ("Dynamics 365 Sales (Trial)", Some("Dynamics 365 Sales")),
            ("Trial", None),
        ];
        for (offer, want) in cases {
            assert_eq!(
                crate::domain::advice::paid_product(offer).as_deref(),
                want,
                "{offer}"
            );
        }
        let mut trial = sub(
            "Microsoft 365 Business Premium Trial",
            25,
            20,
            Default::default(),
        );
        trial.is_trial = true;
        let s = advise(low(), Some(vec![trial]), &rules(&[], |_| {}));
        let w = why(&s, ActionId::ConvertTrial, Lang::En).unwrap();
        assert!(
            w.ends_with("; its paid product: Microsoft 365 Business Premium"),
            "{w}"
        );
    }

    #[test]
    fn renewal_terms_say_unknown_for_what_the_sidecar_lacks() {
        let t = rules(&[], |_| {});
        let terms = |terms| {
            let mut c = Customer::new(None, Clean::new("C"), low());
            c.subscriptions = Some(vec![sub("Office 365 E1", 40, 20, terms)]);
            let m = detailed(&c, &t, now()).metrics;
            super::product_terms(Lang::En, "E1", &m.products[0].terms[0], Some(50))
        };
        assert_eq!(
            terms(SubscriptionTerms::default()),
            "E1: yours: 40 of 50 sold · term unknown · renews 2025-07-09 · auto-renew unknown"
        );
        assert_eq!(
            terms(SubscriptionTerms {
                auto_renew: Some(false),
                term_months: Some(36),
                billing: Some(BillingCycle::Annual),
                reduce_until: Some(now() + chrono::TimeDelta::days(2)),
            }),
            "E1: yours: 40 of 50 sold · term 3 years · billed annually · renews 2025-07-09 · \
             auto-renew off · seats can be reduced until 2025-06-21"
        );
        // The window given and closed: the next chance is the renewal.
        let closed = terms(SubscriptionTerms {
            reduce_until: Some(now() - chrono::TimeDelta::days(2)),
            ..SubscriptionTerms::default()
        });
        assert!(
            closed.ends_with("auto-renew unknown · seats can next be reduced at the renewal"),
            "{closed}"
        );
    }
}

#[cfg(test)]
#[path = "commerce_review_tests.rs"]
mod review_tests;
