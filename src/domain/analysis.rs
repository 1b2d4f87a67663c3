//! The portfolio, assessed: metrics and suggestions per customer, computed once after loading,
//! and the orderings both the CLI and the TUI use.

use std::str::FromStr;

use crate::domain::advice::{self, Suggestion};
use crate::domain::metrics::{self, CustomerMetrics, Flag};
use crate::domain::model::{Portfolio, Timestamp};
use crate::domain::thresholds::Thresholds;

mod stats;
pub use stats::{BUCKET_NA, BUCKET_OVER_100, PortfolioStats, Tally, stats};

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

/// Assesses every customer, in the portfolio's order (see [`lean`]).
pub fn assess(portfolio: &Portfolio, t: &Thresholds, now: Timestamp) -> Vec<Assessment> {
    portfolio
        .customers
        .iter()
        .map(|c| lean(c, t, now))
        .collect()
}

/// What the customer list, its sorts and filters keep of one customer's assessment: about a
/// hundred bytes, where the assessment is about a thousand (the detail assesses its one
/// customer again, with its products). A detail whose products cannot be read shows the
/// totals kept here.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    pub assigned: u64,
    pub sold: u64,
    pub active: u64,
    pub qualified: u64,
    deployment: Maybe,
    usage: Maybe,
    pub unused_seats: u64,
    /// Usage now minus usage at the newest point at least 20 days older, in percentage points.
    usage_delta: Maybe,
    /// What the idle seats cost (only priced customers have one: boxed).
    pub cost: Option<Box<metrics::Cost>>,
    pub has_deployment_data: bool,
    pub has_usage_data: bool,
    /// The filters the customer passes, a bit each (by place in [`Filter::ALL`]).
    filters: u8,
}

/// An `Option<f64>` in eight bytes: none is NaN, which no percentage or difference of them
/// is (a row is kept per customer: 24 bytes less for a hundred thousand of them is 2.4 MB).
#[derive(Debug, Clone, Copy)]
struct Maybe(f64);

impl Maybe {
    fn new(value: Option<f64>) -> Self {
        Self(value.unwrap_or(f64::NAN))
    }

    fn get(self) -> Option<f64> {
        (!self.0.is_nan()).then_some(self.0)
    }
}

impl Default for Maybe {
    fn default() -> Self {
        Self::new(None)
    }
}

impl PartialEq for Maybe {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

// What a row costs a customer (see `Maybe`): the list's memory is this times the customers.
const _: () = assert!(std::mem::size_of::<Row>() <= 80);

// A bit per filter in `Row::filters`.
const _: () = assert!(Filter::ALL.len() <= 8);

impl Row {
    pub fn of(a: &Assessment) -> Self {
        let m = &a.metrics;
        let filters = Filter::ALL
            .iter()
            .enumerate()
            .filter(|(_, f)| f.matches(a))
            .fold(0u8, |bits, (i, _)| bits | 1 << i);
        Self {
            assigned: m.assigned,
            sold: m.sold,
            active: m.active,
            qualified: m.qualified,
            deployment: Maybe::new(m.deployment),
            usage: Maybe::new(m.usage),
            unused_seats: m.unused_seats,
            usage_delta: Maybe::new(m.usage_delta.map(|d| d.0)),
            cost: m.cost.map(Box::new),
            has_deployment_data: m.has_deployment_data,
            has_usage_data: m.has_usage_data,
            filters,
        }
    }

    /// Deployment %, where the customer has deployment data.
    pub fn deployment(&self) -> Option<f64> {
        self.deployment.get()
    }

    /// Usage %, where the customer has usage data.
    pub fn usage(&self) -> Option<f64> {
        self.usage.get()
    }

    /// Usage now minus usage at the newest point at least 20 days older, in percentage points.
    pub fn usage_delta(&self) -> Option<f64> {
        self.usage_delta.get()
    }

    /// The customer passes `filter` (see [`Filter::matches`]).
    pub fn passes(&self, filter: Filter) -> bool {
        let i = Filter::ALL.iter().position(|f| *f == filter).unwrap_or(0);
        self.filters & 1 << i != 0
    }

    /// What a customer's assessment can be told from this row alone: its totals and
    /// percentages, no suggestion (they need the products).
    pub fn assessment(&self) -> Assessment {
        let mut a = Assessment::default();
        let m = &mut a.metrics;
        (m.assigned, m.sold, m.active, m.qualified) =
            (self.assigned, self.sold, self.active, self.qualified);
        (m.deployment, m.usage) = (self.deployment(), self.usage());
        m.unused_seats = self.unused_seats;
        m.has_deployment_data = self.has_deployment_data;
        m.has_usage_data = self.has_usage_data;
        a
    }
}

/// Assesses every customer into its [`Row`] and tallies the portfolio's figures (on two
/// threads for large portfolios); no assessment is kept.
pub fn rows(portfolio: &Portfolio, t: &Thresholds, now: Timestamp) -> (Vec<Row>, PortfolioStats) {
    let customers = &portfolio.customers;
    let pass = |customers: &[crate::domain::model::Customer], first: usize, out: &mut [Row]| {
        let mut tally = Tally::default();
        for (i, (c, row)) in customers.iter().zip(out).enumerate() {
            let a = lean(c, t, now);
            tally.add(first + i, &a);
            *row = Row::of(&a);
        }
        tally
    };
    let mut out = vec![Row::default(); customers.len()];
    let half = if customers.len() < 2_000 {
        customers.len()
    } else {
        customers.len() / 2
    };
    // Written in place, each thread its half: no second copy of a half to append.
    let (first, second) = customers.split_at(half);
    let (mine, theirs) = out.split_at_mut(half);
    let tally = std::thread::scope(|scope| {
        let other = scope.spawn(|| pass(second, half, theirs));
        let mine = pass(first, 0, mine);
        mine.then(
            other
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
        )
    });
    let stats = tally.finish(&out);
    (out, stats)
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
pub fn select(rows: &[Row], key: SortKey, filter: Filter) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].passes(filter))
        .collect();
    sort(&mut order, rows, key);
    order
}

/// Sorts customer indices in place by `key`, ties in index order (the portfolio is in name
/// order). Each customer's key is computed once and packed with its index into one integer (n/a
/// above every value, the value, the index), so the sort compares plain integers: a million
/// customers sort in a few tens of milliseconds.
pub fn sort(order: &mut [usize], rows: &[Row], key: SortKey) {
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
    let value = |m: &Row| -> (u128, u64) {
        let of = |v: Option<u64>| v.map_or((1, 0), |v| (0, v));
        of(match key {
            SortKey::Name => Some(0),
            SortKey::UsageAsc => m.usage().map(ordered),
            SortKey::DeploymentAsc => m.deployment().map(ordered),
            SortKey::UnusedDesc => Some(high(m.unused_seats)),
            SortKey::DropDesc => m.usage_delta().map(ordered),
            SortKey::CostDesc => m.cost.as_ref().map(|c| high(c.idle_or_unassigned().cents)),
        })
    };
    let mut packed: Vec<u128> = order
        .iter()
        .map(|&i| {
            let (na, v) = value(&rows[i]);
            na << 127 | u128::from(v) << 63 | i as u128
        })
        .collect();
    let index = |p: u128| (p & ((1 << 63) - 1)) as usize;
    sort_unstable_by_key(&mut packed, |&p| p);
    for (o, p) in order.iter_mut().zip(packed) {
        *o = index(p);
    }
}

/// Sorts `items` by `key` as `slice::sort_unstable_by_key` does (see [`sort_unstable_by`]).
pub fn sort_unstable_by_key<T: Send, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K + Sync) {
    sort_unstable_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` as `slice::sort_unstable_by` does; from [`TWO_THREADS_FROM`] items on, on
/// two threads: the items are split around the middle one (one pass, `select_nth_unstable`)
/// and each side is sorted on its own thread. Nothing to merge after: no second list, no copy.
pub fn sort_unstable_by<T: Send>(
    items: &mut [T],
    compare: impl Fn(&T, &T) -> std::cmp::Ordering + Sync,
) {
    if items.len() < TWO_THREADS_FROM {
        items.sort_unstable_by(compare);
        return;
    }
    let middle = items.len() / 2;
    items.select_nth_unstable_by(middle, &compare);
    let (low, high) = items.split_at_mut(middle);
    std::thread::scope(|scope| {
        scope.spawn(|| low.sort_unstable_by(&compare));
        high.sort_unstable_by(&compare);
    });
}

/// From this many customers on, a sort uses two threads.
const TWO_THREADS_FROM: usize = 50_000;

#[cfg(test)]
mod tests {
    use super::*;

    /// On one thread or two, the items come out in their keys' order, none lost or repeated:
    /// as a plain sort gives them (ties and a single repeated key included).
    #[test]
    fn sorting_on_two_threads_orders_as_a_plain_sort() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        let sizes = [
            0,
            1,
            2,
            TWO_THREADS_FROM - 1,
            TWO_THREADS_FROM,
            2 * TWO_THREADS_FROM + 7,
        ];
        for n in sizes {
            for distinct in [1, 3, 1_000_000] {
                let items: Vec<(u64, usize)> = (0..n).map(|i| (next(distinct), i)).collect();
                let mut sorted = items.clone();
                sort_unstable_by_key(&mut sorted, |&(k, _)| std::cmp::Reverse(k));
                let mut plain = items;
                plain.sort_by_key(|&(k, _)| std::cmp::Reverse(k));
                let keys = |v: &[(u64, usize)]| v.iter().map(|&(k, _)| k).collect::<Vec<_>>();
                assert_eq!(keys(&sorted), keys(&plain), "{n} items, {distinct} keys");
                sorted.sort_unstable();
                plain.sort_unstable();
                assert_eq!(sorted, plain, "{n} items, {distinct} keys");
            }
        }
    }

    /// A row gives back the percentages it was given, none included (NaN is its none).
    #[test]
    fn a_row_keeps_its_percentages_and_their_absence() {
        for value in [
            None,
            Some(0.0),
            Some(-0.0),
            Some(190.0),
            Some(-12.5),
            Some(1e300),
        ] {
            let got = Maybe::new(value).get();
            assert_eq!(got.map(f64::to_bits), value.map(f64::to_bits));
        }
        assert_eq!(Row::default().usage(), None);
        assert_eq!(Row::default(), Row::default());
        assert_ne!(
            Row {
                usage: Maybe::new(Some(0.0)),
                ..Row::default()
            },
            Row::default()
        );
    }

    /// Sorted on two threads (a large portfolio) or one, the order is the one a plain
    /// comparison sort gives: by value (n/a last), ties in portfolio order.
    #[test]
    fn sorts_agree_with_a_plain_comparison_sort() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        for n in [0, 1, 7, TWO_THREADS_FROM - 1, TWO_THREADS_FROM + 3] {
            let rows: Vec<Row> = (0..n)
                .map(|_| {
                    // Few distinct values: many ties; some n/a; a negative zero.
                    let value = |next: &mut dyn FnMut(u64) -> u64| match next(9) {
                        0 => None,
                        1 => Some(-0.0),
                        v => Some((v as f64 - 4.0) * 12.5),
                    };
                    Row {
                        usage: Maybe::new(value(&mut next)),
                        deployment: Maybe::new(value(&mut next)),
                        usage_delta: Maybe::new(value(&mut next)),
                        unused_seats: next(5),
                        ..Row::default()
                    }
                })
                .collect();
            for key in [
                SortKey::Name,
                SortKey::UsageAsc,
                SortKey::DeploymentAsc,
                SortKey::UnusedDesc,
                SortKey::DropDesc,
            ] {
                let mut fast: Vec<usize> = (0..n).collect();
                sort(&mut fast, &rows, key);
                let value = |r: &Row| -> (bool, f64) {
                    let v = match key {
                        SortKey::Name => Some(0.0),
                        SortKey::UsageAsc => r.usage(),
                        SortKey::DeploymentAsc => r.deployment(),
                        SortKey::UnusedDesc => Some(-(r.unused_seats as f64)),
                        SortKey::DropDesc => r.usage_delta(),
                        SortKey::CostDesc => unreachable!(),
                    };
                    (v.is_none(), v.unwrap_or_default())
                };
                let mut plain: Vec<usize> = (0..n).collect();
                plain.sort_by(|&a, &b| {
                    let (x, y) = (value(&rows[a]), value(&rows[b]));
                    x.0.cmp(&y.0).then(x.1.total_cmp(&y.1)).then(a.cmp(&b))
                });
                assert!(fast == plain, "{key:?} with {n} customers");
            }
        }
    }

    #[test]
    fn the_cost_sort_needs_prices() {
        assert_eq!(SortKey::DropDesc.next(true), SortKey::CostDesc);
        assert_eq!(SortKey::DropDesc.next(false), SortKey::Name);
        assert_eq!(SortKey::CostDesc.next(false), SortKey::Name);
        assert_eq!("cost".parse::<SortKey>(), Ok(SortKey::CostDesc));
        assert_eq!(Filter::Renewing.next(true), Filter::RenewingIdle);
        assert_eq!(Filter::Trials.next(false), Filter::All);
    }
}
