//! The commercial facts of a product (issue 15): what its idle seats cost where the partner
//! gave a price, and its renewal terms where the subscriptions sidecar gives them. Nothing is
//! estimated: no price, no cost; no field, no term.

use crate::domain::commerce::{Commerce, Money, Price, same_key};
use crate::domain::model::{BillingCycle, Customer, Product, Subscription, Timestamp};

/// What a product's idle seats cost per month, at the partner's price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    /// The price per license and month it was computed with (as configured).
    pub price: Price,
    /// Sold seats not assigned × price.
    pub unassigned_per_month: Money,
    /// Seats no user was active on (usage-based) × price; `None` without usage data.
    pub idle_per_month: Option<Money>,
}

impl Cost {
    /// What the sort "cost of idle seats" and the overview count: the idle seats where usage
    /// says which they are, else the unassigned ones.
    pub fn idle_or_unassigned(self) -> Money {
        self.idle_per_month.unwrap_or(self.unassigned_per_month)
    }
}

/// The cost of a product's unassigned and idle seats, where the partner priced it.
pub fn product_cost(p: &Product, unassigned: u64, idle: u64, c: &Commerce) -> Option<Cost> {
    let price = c.prices.get(p.name.as_str())?;
    let usage = p.workloads.iter().any(|w| w.qualified > 0);
    Some(Cost {
        price,
        unassigned_per_month: price.times(unassigned),
        idle_per_month: usage.then(|| price.times(idle)),
    })
}

/// A customer's costs: the sum over its priced products (one currency: the config's).
pub fn customer_cost<'a>(costs: impl Iterator<Item = &'a Cost>) -> Option<Cost> {
    costs.copied().reduce(|a, b| Cost {
        price: a.price,
        unassigned_per_month: Money {
            cents: a
                .unassigned_per_month
                .cents
                .saturating_add(b.unassigned_per_month.cents),
            currency: a.price.currency,
        },
        idle_per_month: match (a.idle_per_month, b.idle_per_month) {
            (None, None) => None,
            (x, y) => Some(Money {
                cents: x
                    .map_or(0, |m| m.cents)
                    .saturating_add(y.map_or(0, |m| m.cents)),
                currency: a.price.currency,
            }),
        },
    })
}

/// One renewal of a product's subscriptions with this partner, as the sidecar gives them:
/// the subscriptions that renew on one date with the same terms. A product with several
/// subscriptions (60 seats yearly, 30 monthly) has one `Terms` per renewal, never a merged one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terms {
    /// Seats in all of this partner's live, paid subscriptions of the product ("yours: 90 of
    /// 100 sold").
    pub yours: u64,
    /// Seats of the subscriptions of this renewal (at most `yours`): only these can be reduced
    /// at it.
    pub seats: u64,
    /// Their commitment end (today or later).
    pub renewal: Option<Timestamp>,
    /// Calendar days from now to the renewal.
    pub renewal_days: Option<i64>,
    pub auto_renew: Option<bool>,
    pub term_months: Option<u32>,
    pub billing: Option<BillingCycle>,
    /// Until then seats can be reduced (the cancellation window is open now).
    pub reduce_until: Option<Timestamp>,
    /// The sidecar gives a cancellation window and it has closed: seats can next be reduced
    /// at the renewal.
    pub window_closed: bool,
}

/// Whether a subscription's offer is the product (same name once folded).
pub fn is_product(s: &Subscription, p: &Product) -> bool {
    same_key(s.offer.as_str(), p.name.as_str())
}

/// The terms of a product's live, paid subscriptions, one per renewal (date and terms), the
/// next renewal first and those without a coming date last; empty when the sidecar has none.
pub fn product_terms(c: &Customer, p: &Product, now: Timestamp) -> Vec<Terms> {
    let subs: Vec<&Subscription> = c
        .subscriptions
        .iter()
        .flatten()
        .filter(|s| !s.is_trial && s.status.is_live() && is_product(s, p))
        .collect();
    let today = now.date_naive();
    let yours = subs.iter().map(|s| s.quantity).sum();
    let mut out: Vec<Terms> = Vec::new();
    for s in subs {
        let renewal = s.commitment_end.filter(|e| e.date_naive() >= today);
        // "Allowed until" an instant: open strictly before it, closed from it on (a window
        // ending 2026-11-25T00:00Z is closed at 18:00 that day).
        let t = Terms {
            yours,
            seats: s.quantity,
            renewal,
            renewal_days: renewal.map(|r| (r.date_naive() - today).num_days()),
            auto_renew: s.terms.auto_renew,
            term_months: s.terms.term_months,
            billing: s.terms.billing,
            reduce_until: s.terms.reduce_until.filter(|e| *e > now),
            window_closed: s.terms.reduce_until.is_some_and(|e| e <= now),
        };
        let same = |o: &Terms| {
            o.renewal.map(|r| r.date_naive()) == t.renewal.map(|r| r.date_naive())
                && Terms {
                    seats: o.seats,
                    renewal: o.renewal,
                    ..t
                } == *o
        };
        match out.iter_mut().find(|o| same(o)) {
            Some(o) => o.seats = o.seats.saturating_add(t.seats),
            None => out.push(t),
        }
    }
    out.sort_by_key(|t| (t.renewal.is_none(), t.renewal));
    out
}
