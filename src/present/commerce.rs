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
pub fn yours(lang: Lang, yours: u64, sold: u64) -> String {
    tr!(
        lang,
        Yours,
        yours = format::count(lang, yours),
        sold = format::count(lang, sold)
    )
}

/// "Cost of idle seats: unassigned €134.80 (€1,617.60 a year), idle €0.00 (€0.00 a year) a
/// month": both measures, as neither is the whole truth (unassigned seats from deployment,
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
    let text = match c.idle_per_month {
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
    };
    format!("{}: {text}", lang.get(Msg::CostHeading))
}

/// One product's cost line.
pub fn product_cost(lang: Lang, product: &str, c: &Cost) -> String {
    let unassigned = format::money(lang, c.unassigned_per_month);
    let price = format::money(lang, c.price);
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

fn cost(lang: Lang, m: Money) -> String {
    tr!(
        lang,
        WhyCost,
        month = format::money(lang, m),
        year = format::money(lang, format::per_year(m))
    )
}

/// What a why line adds from the partner's prices, the subscriptions and the upgrade map.
pub fn why_commercial(why: &Why, lang: Lang) -> String {
    let mut out = String::new();
    match why {
        Why::AssignLicenses {
            buffer,
            cost: money,
            reduce: r,
            ..
        } => {
            if *buffer > 0 {
                out.push_str(&tr!(lang, WhyBuffer, n = format::count(lang, *buffer)));
            }
            if let Some(m) = money {
                out.push_str(&cost(lang, *m));
            }
            if let Some(r) = r {
                out.push_str(&reduce(lang, r));
            }
        }
        Why::ShowValue {
            cost: money,
            reduce: r,
            ..
        } => {
            if let Some(m) = money {
                out.push_str(&cost(lang, *m));
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
