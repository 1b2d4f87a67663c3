//! The portfolio, assessed: metrics and suggestions per customer, computed once after loading,
//! and the orderings both the CLI and the TUI use.

use std::str::FromStr;

use crate::domain::advice::{self, ActionId, Suggestion};
use crate::domain::metrics::{self, CustomerMetrics, Flag};
use crate::domain::model::{Portfolio, Timestamp};
use crate::domain::thresholds::Thresholds;

/// What uptake knows about one customer beyond the raw counts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Assessment {
    /// In a portfolio-wide assessment ([`assess`]) the customer-level values only: `products`,
    /// `workloads` and the trend's points are empty to keep a 100 000-customer portfolio lean. [`detailed`] fills
    /// them for the one customer a detail view or report shows.
    pub metrics: CustomerMetrics,
    pub actions: Vec<Suggestion>,
}

/// One customer's full assessment, per product and workload included.
pub fn detailed(c: &crate::domain::model::Customer, t: &Thresholds, now: Timestamp) -> Assessment {
    let metrics = metrics::customer(c, t, now);
    // Products the partner excluded from advice (free or shared SKUs) are shown but not advised
    // on: the rules see the customer without them.
    let excluded = |p: &crate::domain::model::Product| t.commerce.is_excluded(p.name.as_str());
    let actions = if t.commerce.has_exclusions() && c.products.iter().any(excluded) {
        let mut advised = c.clone();
        advised.products.retain(|p| !excluded(p));
        advice::advise(&advised, &metrics::customer(&advised, t, now), t)
    } else {
        advice::advise(c, &metrics, t)
    };
    Assessment { metrics, actions }
}

/// One customer's assessment as a portfolio-wide assessment keeps it: the customer-level
/// values and the suggestions (see [`Assessment::metrics`]).
pub fn lean(c: &crate::domain::model::Customer, t: &Thresholds, now: Timestamp) -> Assessment {
    let mut a = detailed(c, t, now);
    a.metrics.products = Vec::new();
    a.metrics.workloads = Vec::new();
    // The trend's points are drawn for one customer; its last change stays for the list.
    a.metrics.trend = Vec::new();
    a
}

/// Assesses every customer, in the portfolio's order (on two threads for large portfolios).
pub fn assess(portfolio: &Portfolio, t: &Thresholds, now: Timestamp) -> Vec<Assessment> {
    let one = |c: &crate::domain::model::Customer| lean(c, t, now);
    let customers = &portfolio.customers;
    if customers.len() < 2_000 {
        return customers.iter().map(one).collect();
    }
    // Written in place, each thread its half: no second copy of a half to append.
    let mut out = vec![Assessment::default(); customers.len()];
    let half = customers.len() / 2;
    let (first, second) = customers.split_at(half);
    let (mine, theirs) = out.split_at_mut(half);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            for (a, c) in theirs.iter_mut().zip(second) {
                *a = one(c);
            }
        });
        for (a, c) in mine.iter_mut().zip(first) {
            *a = one(c);
        }
    });
    out
}

/// Portfolio-wide figures for the overview and the "portfolio median" comparisons.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PortfolioStats {
    pub customers: usize,
    pub sold: u64,
    pub assigned: u64,
    pub active: u64,
    pub qualified: u64,
    /// Sold seats not assigned.
    pub unassigned: u64,
    pub unused_seats: u64,
    /// Customers with current deployment rows, and with current usage rows: the sums above
    /// cover only those (an Insights usage download has no deployment rows at all).
    pub with_deployment: usize,
    pub with_usage: usize,
    pub median_deployment: Option<f64>,
    pub median_usage: Option<f64>,
    /// Customers per 20-point bucket of deployment %: 0–20, 20–40, 40–60, 60–80, 80–100,
    /// over 100; then n/a.
    pub deployment_buckets: [usize; 7],
    pub usage_buckets: [usize; 7],
    /// Per rule: customers it fired for, and the seats concerned, most seats first.
    pub by_rule: Vec<(ActionId, usize, u64)>,
    /// The ten biggest opportunities: (customer, rule, seats).
    pub top: Vec<(usize, ActionId, u64)>,
    /// What idle seats cost a month over the priced customers (see
    /// [`metrics::Cost::idle_or_unassigned`]), and how many customers have a price.
    pub cost: Option<crate::domain::commerce::Money>,
    pub priced_customers: usize,
    /// Of those, the customers with seats of a product without a price (left out of the cost).
    pub partly_priced: usize,
}

/// Index of the over-100 % bucket of [`PortfolioStats::deployment_buckets`].
pub const BUCKET_OVER_100: usize = 5;
/// Index of the n/a bucket.
pub const BUCKET_NA: usize = 6;

fn bucket(p: Option<f64>) -> usize {
    match p {
        None => BUCKET_NA,
        Some(p) if p > 100.0 => BUCKET_OVER_100,
        Some(p) if p >= 80.0 => 4,
        Some(p) => (p / 20.0).floor().clamp(0.0, 3.0) as usize,
    }
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// Figures over all customers.
pub fn stats(assessed: &[Assessment]) -> PortfolioStats {
    let mut s = PortfolioStats {
        customers: assessed.len(),
        ..PortfolioStats::default()
    };
    let mut rules: Vec<(ActionId, usize, u64)> = Vec::new();
    let mut opportunities: Vec<(u64, usize, ActionId)> = Vec::new();
    for (i, a) in assessed.iter().enumerate() {
        let m = &a.metrics;
        s.sold += m.sold;
        s.assigned += m.assigned;
        s.active += m.active;
        s.qualified += m.qualified;
        s.unassigned += m.unassigned;
        s.unused_seats += m.unused_seats;
        s.with_deployment += usize::from(m.has_deployment_data);
        s.with_usage += usize::from(m.has_usage_data);
        if let Some(c) = m.cost {
            let idle = c.idle_or_unassigned();
            s.priced_customers += 1;
            s.partly_priced += usize::from(!m.unpriced.is_empty());
            s.cost = Some(crate::domain::commerce::Money {
                cents: s.cost.map_or(0, |t| t.cents).saturating_add(idle.cents),
                currency: idle.currency,
            });
        }
        s.deployment_buckets[bucket(m.deployment)] += 1;
        s.usage_buckets[bucket(m.usage)] += 1;
        for action in &a.actions {
            match rules.iter_mut().find(|r| r.0 == action.id) {
                Some(r) => {
                    r.1 += 1;
                    r.2 += action.licenses;
                }
                None => rules.push((action.id, 1, action.licenses)),
            }
            if action.licenses > 0 && action.id.is_opportunity() {
                opportunities.push((action.licenses, i, action.id));
            }
        }
    }
    s.median_deployment = median(
        assessed
            .iter()
            .filter_map(|a| a.metrics.deployment)
            .collect(),
    );
    s.median_usage = median(assessed.iter().filter_map(|a| a.metrics.usage).collect());
    rules.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
    s.by_rule = rules;
    // Ten biggest by seats; ties by customer order.
    opportunities.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    s.top = opportunities
        .into_iter()
        .take(10)
        .map(|(seats, i, id)| (i, id, seats))
        .collect();
    s
}

/// Orders of the customer list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Name,
    /// Lowest usage first (n/a last).
    UsageAsc,
    /// Lowest deployment first (n/a last).
    DeploymentAsc,
    /// Most unused seats first.
    UnusedDesc,
    /// Biggest usage drop since the previous snapshot or month first (no history last).
    DropDesc,
    /// Most expensive idle seats first, at the partner's prices (unpriced last).
    CostDesc,
}

impl SortKey {
    pub const ALL: [SortKey; 6] = [
        SortKey::Name,
        SortKey::UsageAsc,
        SortKey::DeploymentAsc,
        SortKey::UnusedDesc,
        SortKey::DropDesc,
        SortKey::CostDesc,
    ];

    /// The next key (the `s` key cycles); `CostDesc` only when the partner gave prices.
    pub fn next(self, priced: bool) -> Self {
        let i = Self::ALL.iter().position(|k| *k == self).unwrap_or(0);
        let next = Self::ALL[(i + 1) % Self::ALL.len()];
        if next == SortKey::CostDesc && !priced {
            next.next(priced)
        } else {
            next
        }
    }

    /// The value `--sort` takes.
    pub fn id(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::UsageAsc => "usage",
            SortKey::DeploymentAsc => "deployment",
            SortKey::UnusedDesc => "unused",
            SortKey::DropDesc => "drop",
            SortKey::CostDesc => "cost",
        }
    }
}

impl FromStr for SortKey {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.id().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                let ids: Vec<_> = Self::ALL.iter().map(|k| k.id()).collect();
                format!(
                    "unknown sort key {} (expected one of {})",
                    crate::text::quote(s),
                    ids.join(", ")
                )
            })
    }
}

/// Which customers the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    /// Any rule fired.
    NeedsAttention,
    LowUsage,
    LowDeployment,
    Over100,
    /// Trials, or licenses assigned with none sold (a trial or a cancelled subscription).
    Trials,
    /// A paid subscription ends within the renewal window (subscriptions loaded).
    Renewing,
    /// A product with idle or unassigned seats renews within the renewal window (seats to
    /// reduce at the renewal).
    RenewingIdle,
}

impl Filter {
    pub const ALL: [Filter; 8] = [
        Filter::All,
        Filter::NeedsAttention,
        Filter::LowUsage,
        Filter::LowDeployment,
        Filter::Over100,
        Filter::Trials,
        Filter::Renewing,
        Filter::RenewingIdle,
    ];

    /// The next filter (the `f` key cycles); `Renewing` only when subscriptions are loaded.
    pub fn next(self, subscriptions: bool) -> Self {
        let i = Self::ALL.iter().position(|f| *f == self).unwrap_or(0);
        let next = Self::ALL[(i + 1) % Self::ALL.len()];
        if matches!(next, Filter::Renewing | Filter::RenewingIdle) && !subscriptions {
            next.next(subscriptions)
        } else {
            next
        }
    }

    /// The value `--filter` takes.
    pub fn id(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::NeedsAttention => "attention",
            Filter::LowUsage => "low_usage",
            Filter::LowDeployment => "low_deployment",
            Filter::Over100 => "over_100",
            Filter::Trials => "trials",
            Filter::Renewing => "renewing",
            Filter::RenewingIdle => "renewing_idle",
        }
    }

    pub fn matches(self, a: &Assessment) -> bool {
        let m = &a.metrics;
        match self {
            Filter::All => true,
            Filter::NeedsAttention => !a.actions.is_empty(),
            Filter::LowUsage => m.has(Flag::LowUsage),
            Filter::LowDeployment => m.has(Flag::LowDeployment),
            Filter::Over100 => m.has(Flag::UsageOver100),
            Filter::Trials => m.has(Flag::Trial) || m.has(Flag::AssignedWithoutSold),
            Filter::Renewing => m.renewing_soon,
            Filter::RenewingIdle => m.renewing_idle,
        }
    }
}

impl FromStr for Filter {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|f| f.id().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                let ids: Vec<_> = Self::ALL.iter().map(|f| f.id()).collect();
                format!(
                    "unknown filter {} (expected one of {})",
                    crate::text::quote(s),
                    ids.join(", ")
                )
            })
    }
}

/// Customers in `key` order that pass `filter`.
pub fn select(assessed: &[Assessment], key: SortKey, filter: Filter) -> Vec<usize> {
    let mut order: Vec<usize> = (0..assessed.len())
        .filter(|&i| filter.matches(&assessed[i]))
        .collect();
    sort(&mut order, assessed, key);
    order
}

/// Sorts customer indices in place by `key`, ties in index order (the portfolio is in name
/// order). Each customer's key is computed once and packed with its index into one integer (n/a
/// above every value, the value, the index), so the sort compares plain integers: a million
/// customers sort in a few tens of milliseconds.
pub fn sort(order: &mut [usize], assessed: &[Assessment], key: SortKey) {
    if key == SortKey::Name {
        return order.sort_unstable();
    }
    // An f64 as an integer that orders the same way (IEEE total order).
    let ordered = |v: f64| {
        let bits = v.to_bits();
        if bits >> 63 == 1 {
            !bits
        } else {
            bits | 1 << 63
        }
    };
    // Highest first: the complement orders the other way.
    let high = |v: u64| !v;
    // (1 for n/a, else 0; the value as an integer in the key's order).
    let value = |m: &crate::domain::metrics::CustomerMetrics| -> (u128, u64) {
        let of = |v: Option<u64>| v.map_or((1, 0), |v| (0, v));
        of(match key {
            SortKey::Name => Some(0),
            SortKey::UsageAsc => m.usage.map(ordered),
            SortKey::DeploymentAsc => m.deployment.map(ordered),
            SortKey::UnusedDesc => Some(high(m.unused_seats)),
            SortKey::DropDesc => m.usage_delta.map(|d| ordered(d.0)),
            SortKey::CostDesc => m.cost.map(|c| high(c.idle_or_unassigned().cents)),
        })
    };
    let mut packed: Vec<u128> = order
        .iter()
        .map(|&i| {
            let (na, v) = value(&assessed[i].metrics);
            na << 127 | u128::from(v) << 63 | i as u128
        })
        .collect();
    packed.sort_unstable();
    for (o, p) in order.iter_mut().zip(packed) {
        *o = (p & ((1 << 63) - 1)) as usize;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cost_sort_needs_prices() {
        assert_eq!(SortKey::DropDesc.next(true), SortKey::CostDesc);
        assert_eq!(SortKey::DropDesc.next(false), SortKey::Name);
        assert_eq!(SortKey::CostDesc.next(false), SortKey::Name);
        assert_eq!("cost".parse::<SortKey>(), Ok(SortKey::CostDesc));
        assert_eq!(Filter::Renewing.next(true), Filter::RenewingIdle);
        assert_eq!(Filter::Trials.next(false), Filter::All);
    }

    #[test]
    fn buckets_table() {
        let cases = [
            (None, 6),
            (Some(0.0), 0),
            (Some(19.99), 0),
            (Some(20.0), 1),
            (Some(79.9), 3),
            (Some(80.0), 4),
            (Some(100.0), 4),
            (Some(100.1), 5),
        ];
        for (p, want) in cases {
            assert_eq!(bucket(p), want, "{p:?}");
        }
    }

    #[test]
    fn median_of_odd_even_and_empty() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
    }
}
