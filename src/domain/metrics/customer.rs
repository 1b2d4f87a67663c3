//! One customer: its roll-ups, flags, support load, renewal and trend.

use super::product::{customer_licenses, product, product_licenses};
use super::trend::{delta, sums, trend};
use super::{Flag, Flags, ProductMetrics, TrendPoint, percent};
use crate::domain::model::{Customer, Sums, Timestamp};
use crate::domain::thresholds::Thresholds;
use crate::text::Clean;

/// A customer's roll-ups and flags.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CustomerMetrics {
    /// Σassigned over products with sold > 0.
    pub assigned: u64,
    /// Σsold over products with sold > 0.
    pub sold: u64,
    pub deployment: Option<f64>,
    /// Σactive over product × workload rows with qualified > 0.
    pub active: u64,
    pub qualified: u64,
    pub usage: Option<f64>,
    /// Usage spans several products: a user holding two products is counted twice,
    /// so the roll-up is an approximation.
    pub usage_approx: bool,
    /// Products with licenses sold (the deployment roll-up's terms).
    pub sold_products: usize,
    /// Product × workload rows with entitlements (the usage roll-up's terms).
    pub usage_rows: usize,
    /// Sold seats not assigned, summed over products.
    pub unassigned: u64,
    /// Qualified entitlements not active, summed over workload rows.
    pub unused: u64,
    /// Paid seats with no active user, summed over products (see [`unused_seats`]).
    pub unused_seats: u64,
    /// Licenses with no active user, at most (see [`super::product::idle_licenses`]; of a
    /// Graph report, [`Self::unused_seats`]), never more than [`Self::licenses`].
    pub idle_licenses: u64,
    /// The customer's licenses (see [`customer_licenses`]). No count of licenses quoted about
    /// the customer is larger.
    pub licenses: u64,
    /// The licenses of the products with usage data (entitlements in some workload).
    pub usage_licenses: u64,
    pub deployment_as_of: Option<Timestamp>,
    pub usage_as_of: Option<Timestamp>,
    /// The data holds current deployment rows for the customer (an Insights usage download
    /// holds none): without them deployment is "no deployment data", not "nothing sold".
    pub has_deployment_data: bool,
    /// The data holds current usage rows for the customer.
    pub has_usage_data: bool,
    /// Age in whole days of the older of the two dates above.
    pub age_days: Option<i64>,
    pub flags: Flags,
    pub products: Vec<ProductMetrics>,
    /// Per workload name over all products, in first-seen order.
    pub workloads: Vec<WorkloadRollup>,
    /// Open support requests and those created in the last 28 days (service-request sidecar).
    pub support: Option<SupportLoad>,
    /// The live trial subscriptions' offers (subscriptions sidecar).
    pub trials: Vec<String>,
    /// The next commitment end of a live, paid subscription, and the days until then.
    pub renewal: Option<Renewal>,
    /// That renewal is within the configured number of days.
    pub renewing_soon: bool,
    /// What the idle seats cost, summed over the priced products; `None` without a price.
    pub cost: Option<super::Cost>,
    /// With a cost: the products with unassigned or idle seats but no price, left out of it
    /// (the cost then covers only the priced seats).
    pub unpriced: Vec<String>,
    /// A product with idle or unassigned seats renews (its subscription with this partner)
    /// within the renewal window: seats to reduce at the renewal.
    pub renewing_idle: bool,
    /// Where the headline figures above (assigned … usage, their dates and terms) come from:
    /// Partner Center, or the tenant's Microsoft Graph reports when newer (see [`super::sources`]).
    pub deployment_source: super::Origin,
    pub usage_source: super::Origin,
    /// Partner Center's own headline figures (the same as above where it is the source).
    pub partner: super::Headline,
    /// The tenant's Microsoft Graph figures, when it has Graph data (`None` figures where a
    /// report is missing).
    pub graph: Option<super::Headline>,
    /// The tenant's Graph report is dated in the future ([`super::report_ahead`]): shown, but
    /// no count of it (licenses, inactive users) is quoted as the customer's.
    pub graph_ahead: bool,
    /// Usage with every workload counted at most at 100 % (what `expand` requires).
    pub capped_usage: Option<f64>,
    /// Earlier points and the current one, oldest first; empty without history.
    pub trend: Vec<TrendPoint>,
    /// Usage now minus usage at the newest point at least 20 days older (percentage points,
    /// see `trend::COMPARABLE`), and that point's date.
    pub usage_delta: Option<(f64, Timestamp)>,
    pub deployment_delta: Option<(f64, Timestamp)>,
}

impl CustomerMetrics {
    pub fn has(&self, flag: Flag) -> bool {
        self.flags.contains(&flag)
    }
}

/// One workload summed over all of a customer's products (e.g. Exchange in E3 and in F1).
#[derive(Debug, Clone, PartialEq)]
pub struct WorkloadRollup {
    pub name: Clean,
    pub active: u64,
    pub qualified: u64,
    pub percent: Option<f64>,
}

/// A customer's support requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SupportLoad {
    /// Open or waiting for the customer.
    pub open: u32,
    /// Created in the last 28 days.
    pub recent: u32,
    pub total: u32,
}

/// The days Partner Center calls "recent" (its activity window).
pub const RECENT_DAYS: i64 = 28;

fn support(c: &Customer, now: Timestamp) -> Option<SupportLoad> {
    let requests = c.support.as_ref()?;
    let since = now - chrono::TimeDelta::days(RECENT_DAYS);
    Some(SupportLoad {
        open: requests.iter().filter(|r| r.status.is_open()).count() as u32,
        recent: requests
            .iter()
            .filter(|r| r.created.is_some_and(|t| t >= since && t <= now))
            .count() as u32,
        total: requests.len() as u32,
    })
}

/// The next commitment end of a live, paid subscription.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Renewal {
    /// The commitment end.
    pub date: Timestamp,
    /// Calendar days from now until then.
    pub days: i64,
    /// That subscription's `autoRenewEnabled`, where the sidecar gives it.
    pub auto_renew: Option<bool>,
    /// Until then its seats can be reduced (an open cancellation window), where given.
    pub reduce_until: Option<Timestamp>,
    /// Its seats (this partner's).
    pub quantity: u64,
}

/// The next renewal of a live, paid subscription, today or later.
fn renewal(c: &Customer, now: Timestamp) -> Option<Renewal> {
    let subscriptions = c.subscriptions.as_deref().unwrap_or_default();
    subscriptions
        .iter()
        .filter(|s| !s.is_trial && s.status.is_live())
        .filter_map(|s| Some((s.commitment_end?, s)))
        .filter(|(end, _)| end.date_naive() >= now.date_naive())
        .min_by_key(|(end, _)| *end)
        // Calendar days: a renewal tomorrow morning is "in 1 day", whatever the hour now.
        .map(|(end, s)| Renewal {
            date: end,
            days: (end.date_naive() - now.date_naive()).num_days(),
            auto_renew: s.terms.auto_renew,
            reduce_until: s
                .terms
                .reduce_until
                .filter(|r| r.date_naive() >= now.date_naive()),
            quantity: s.quantity,
        })
}

/// Each workload summed over all of the customer's products, in first-seen order.
fn rollups(c: &Customer) -> Vec<WorkloadRollup> {
    let mut rollups: Vec<WorkloadRollup> = Vec::new();
    for p in &c.products {
        for w in &p.workloads {
            match rollups.iter_mut().find(|r| r.name == w.name) {
                Some(r) => {
                    r.active += w.active;
                    r.qualified += w.qualified;
                }
                None => rollups.push(WorkloadRollup {
                    name: w.name.clone(),
                    active: w.active,
                    qualified: w.qualified,
                    percent: None,
                }),
            }
        }
    }
    for r in &mut rollups {
        r.percent = percent(r.active, r.qualified);
    }
    rollups
}

/// Age in whole days of the older of the two dates.
fn age_days(
    deployment_as_of: Option<Timestamp>,
    usage_as_of: Option<Timestamp>,
    now: Timestamp,
) -> Option<i64> {
    let oldest = match (deployment_as_of, usage_as_of) {
        (Some(d), Some(u)) => Some(d.min(u)),
        (d, u) => d.or(u),
    };
    oldest.map(|d| (now - d).num_days().max(0))
}

/// What the customer's flags are raised from.
struct Observed<'a> {
    deployment: Option<f64>,
    usage: Option<f64>,
    products: &'a [ProductMetrics],
    age_days: Option<i64>,
    support: Option<SupportLoad>,
    trials: bool,
}

fn flags(o: &Observed, t: &Thresholds) -> Flags {
    let mut flags = Flags::default();
    match o.deployment {
        None => flags.push(Flag::DeploymentNa),
        Some(d) if d < t.low_deployment => flags.push(Flag::LowDeployment),
        Some(_) => {}
    }
    match o.usage {
        None => flags.push(Flag::UsageNa),
        Some(u) if u < t.low_usage => flags.push(Flag::LowUsage),
        Some(_) => {}
    }
    let any_over = o
        .products
        .iter()
        .flat_map(|p| &p.workloads)
        .any(|w| w.flags.contains(&Flag::UsageOver100));
    if any_over || o.usage.is_some_and(|u| u > 100.0) {
        flags.push(Flag::UsageOver100);
    }
    if o.products
        .iter()
        .any(|p| p.flags.contains(&Flag::AssignedWithoutSold))
    {
        flags.push(Flag::AssignedWithoutSold);
    }
    if o.age_days.is_some_and(|d| d > t.stale_days) {
        flags.push(Flag::StaleData);
    }
    if o.support.is_some_and(|s| {
        s.open >= t.training_open_requests || s.recent >= t.training_recent_requests
    }) {
        flags.push(Flag::ManySupportRequests);
    }
    if o.trials {
        flags.push(Flag::Trial);
    }
    flags
}

/// Everything derived about one customer, as of `now`.
pub fn customer(c: &Customer, t: &Thresholds, now: Timestamp) -> CustomerMetrics {
    let mut products: Vec<ProductMetrics> = c.products.iter().map(|p| product(p, t)).collect();
    if c.subscriptions.is_some() {
        for (p, pm) in c.products.iter().zip(&mut products) {
            pm.terms = super::product_terms(c, p, now);
        }
    }
    let now_sums = sums(c);
    let Sums {
        assigned,
        sold,
        active,
        qualified,
        ..
    } = now_sums;
    let usage_products = c
        .products
        .iter()
        .filter(|p| p.workloads.iter().any(|w| w.qualified > 0))
        .count();
    let deployment = percent(assigned, sold);
    let usage = percent(active, qualified);
    let deployment_as_of = c.deployment_as_of();
    let usage_as_of = c.usage_as_of();
    let support = support(c, now);
    let trials: Vec<String> = c.live_trials().map(|s| s.offer.to_string()).collect();
    let cost = super::customer_cost(products.iter().filter_map(|p| p.cost.as_ref()));
    let unpriced = if cost.is_some() {
        c.products
            .iter()
            .zip(&products)
            .filter(|(_, pm)| pm.cost.is_none() && (pm.unassigned > 0 || pm.unused_seats > 0))
            .map(|(p, _)| p.name.to_string())
            .collect()
    } else {
        Vec::new()
    };
    let renewing_idle = products.iter().any(|p| {
        let renews = p
            .terms
            .iter()
            .any(|terms| terms.renewal_days.is_some_and(|d| d <= t.renewal_days));
        renews && (p.unused_seats > 0 || p.unassigned > 0)
    });
    let renewal = renewal(c, now);
    let trend = trend(c, &now_sums);
    let usage_delta = delta(&trend, |p| p.usage, |p| p.usage_as_of);
    let deployment_delta = delta(&trend, |p| p.deployment, |p| p.deployment_as_of);
    let licenses = customer_licenses(c);
    let mut m = CustomerMetrics {
        assigned,
        sold,
        deployment,
        active,
        qualified,
        usage,
        usage_approx: usage_products > 1,
        sold_products: products.iter().filter(|p| p.sold.unwrap_or(0) > 0).count(),
        usage_rows: c
            .products
            .iter()
            .flat_map(|p| &p.workloads)
            .filter(|w| w.qualified > 0)
            .count(),
        unassigned: products.iter().map(|p| p.unassigned).sum(),
        unused: c
            .products
            .iter()
            .flat_map(|p| &p.workloads)
            .map(|w| w.qualified.saturating_sub(w.active))
            .sum(),
        unused_seats: products.iter().map(|p| p.unused_seats).sum(),
        idle_licenses: c
            .products
            .iter()
            .map(super::product::idle_licenses)
            .sum::<u64>()
            .min(licenses),
        licenses,
        usage_licenses: c
            .products
            .iter()
            .filter(|p| p.workloads.iter().any(|w| w.qualified > 0))
            .map(product_licenses)
            .sum(),
        deployment_as_of,
        usage_as_of,
        has_deployment_data: c.products.iter().any(|p| p.deployment.is_some()),
        has_usage_data: c.products.iter().any(|p| !p.workloads.is_empty()),
        age_days: None,
        flags: Flags::default(),
        workloads: rollups(c),
        deployment_source: super::Origin::PartnerCenter,
        usage_source: super::Origin::PartnerCenter,
        partner: super::Headline::default(),
        graph: None,
        graph_ahead: false,
        capped_usage: capped_usage(c),
        products,
        support,
        trials,
        renewing_soon: renewal.is_some_and(|r| r.days <= t.renewal_days),
        cost,
        unpriced,
        renewing_idle,
        renewal,
        trend,
        usage_delta,
        deployment_delta,
    };
    // The newest source heads the figures; flags and the data's age follow it.
    super::sources::apply(c, &mut m, now);
    m.age_days = age_days(m.deployment_as_of, m.usage_as_of, now);
    m.flags = flags(
        &Observed {
            deployment: m.deployment,
            usage: m.usage,
            products: &m.products,
            age_days: m.age_days,
            support: m.support,
            trials: !m.trials.is_empty(),
        },
        t,
    );
    m
}

/// Partner Center's usage with every product × workload row counted at most at 100 %: a
/// workload over 100 % must not carry the others over a threshold.
fn capped_usage(c: &Customer) -> Option<f64> {
    let (capped, qualified) = c
        .products
        .iter()
        .flat_map(|p| &p.workloads)
        .filter(|w| w.qualified > 0)
        .fold((0, 0), |(a, q), w| {
            (a + w.active.min(w.qualified), q + w.qualified)
        });
    percent(capped, qualified)
}
