//! The portfolio, assessed: metrics and suggestions per customer, computed once after loading,
//! and the orderings both the CLI and the TUI use.

use std::cmp::Ordering;
use std::str::FromStr;

use crate::advice::{self, Suggestion};
use crate::config::Thresholds;
use crate::metrics::{self, CustomerMetrics, Flag};
use crate::model::{Portfolio, Timestamp};

/// What uptake knows about one customer beyond the raw counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub metrics: CustomerMetrics,
    pub actions: Vec<Suggestion>,
}

/// Assesses every customer, in the portfolio's order.
pub fn assess(portfolio: &Portfolio, t: &Thresholds, now: Timestamp) -> Vec<Assessment> {
    portfolio
        .customers
        .iter()
        .map(|c| {
            let metrics = metrics::customer(c, t, now);
            let actions = advice::advise(c, &metrics, t);
            Assessment { metrics, actions }
        })
        .collect()
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
}

impl SortKey {
    pub const ALL: [SortKey; 4] = [
        SortKey::Name,
        SortKey::UsageAsc,
        SortKey::DeploymentAsc,
        SortKey::UnusedDesc,
    ];

    /// The next key (the `s` key cycles).
    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|k| *k == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// Short label for the title and hints.
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::UsageAsc => "usage ↑",
            SortKey::DeploymentAsc => "deployment ↑",
            SortKey::UnusedDesc => "unused seats ↓",
        }
    }

    /// The value `--sort` takes.
    pub fn id(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::UsageAsc => "usage",
            SortKey::DeploymentAsc => "deployment",
            SortKey::UnusedDesc => "unused",
        }
    }

    /// Compares two customers (indices into the portfolio, which is in name order, so the
    /// index breaks ties by name).
    pub fn compare(self, assessed: &[Assessment], a: usize, b: usize) -> Ordering {
        let (ma, mb) = (&assessed[a].metrics, &assessed[b].metrics);
        let primary = match self {
            SortKey::Name => Ordering::Equal,
            SortKey::UsageAsc => na_last(ma.usage, mb.usage),
            SortKey::DeploymentAsc => na_last(ma.deployment, mb.deployment),
            SortKey::UnusedDesc => mb.unused_seats.cmp(&ma.unused_seats),
        };
        primary.then_with(|| a.cmp(&b))
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
                    "unknown sort key {s:?} (expected one of {})",
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
}

impl Filter {
    pub const ALL: [Filter; 6] = [
        Filter::All,
        Filter::NeedsAttention,
        Filter::LowUsage,
        Filter::LowDeployment,
        Filter::Over100,
        Filter::Trials,
    ];

    /// The next filter (the `f` key cycles).
    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|f| *f == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    pub fn label(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::NeedsAttention => "needs attention",
            Filter::LowUsage => "low usage",
            Filter::LowDeployment => "low deployment",
            Filter::Over100 => "over 100 %",
            Filter::Trials => "trials",
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
                format!("unknown filter {s:?} (expected one of {})", ids.join(", "))
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

fn na_last(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Sorts customer indices in place by `key`.
pub fn sort(order: &mut [usize], assessed: &[Assessment], key: SortKey) {
    order.sort_by(|a, b| key.compare(assessed, *a, *b));
}
