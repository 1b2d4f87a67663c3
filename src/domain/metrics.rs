//! Pure ratios, roll-ups and flags, exactly as the Partner Center definitions say:
//! deployment % = assigned / sold per product; usage % = active / qualified per product ×
//! workload. A zero denominator gives `None` (shown as n/a), never 0 % or infinity. Usage above
//! 100 % is real data and is never clamped here.

use std::fmt;

use serde::Serialize;

use crate::domain::model::{Customer, Product, Sums, Timestamp, Workload};
use crate::domain::thresholds::Thresholds;
use crate::text::Clean;

/// `num / den` in percent, or `None` when `den` is 0.
pub fn percent(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 * 100.0 / den as f64)
}

/// A condition worth a partner's attention. Ids are stable (JSON, CSV, filters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Flag {
    LowDeployment,
    LowUsage,
    UsageOver100,
    DeploymentNa,
    UsageNa,
    AssignedWithoutSold,
    Trial,
    StaleData,
    ManySupportRequests,
}

impl Flag {
    pub const ALL: [Flag; 9] = [
        Flag::LowDeployment,
        Flag::LowUsage,
        Flag::UsageOver100,
        Flag::DeploymentNa,
        Flag::UsageNa,
        Flag::AssignedWithoutSold,
        Flag::Trial,
        Flag::StaleData,
        Flag::ManySupportRequests,
    ];

    /// The stable id, as in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Flag::LowDeployment => "low_deployment",
            Flag::LowUsage => "low_usage",
            Flag::UsageOver100 => "usage_over_100",
            Flag::DeploymentNa => "deployment_na",
            Flag::UsageNa => "usage_na",
            Flag::AssignedWithoutSold => "assigned_without_sold",
            Flag::Trial => "trial",
            Flag::StaleData => "stale_data",
            Flag::ManySupportRequests => "many_support_requests",
        }
    }
}

/// A set of flags in one word (there are millions of workload rows: no allocation each).
/// Iterates in the order of [`Flag::ALL`].
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Flags(u16);

impl Flags {
    pub fn push(&mut self, flag: Flag) {
        self.0 |= 1 << flag as u16;
    }

    pub fn contains(&self, flag: &Flag) -> bool {
        self.0 & (1 << *flag as u16) != 0
    }

    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = &'static Flag> + '_ {
        Flag::ALL.iter().filter(move |f| self.contains(f))
    }
}

impl FromIterator<Flag> for Flags {
    fn from_iter<I: IntoIterator<Item = Flag>>(flags: I) -> Self {
        let mut set = Flags::default();
        flags.into_iter().for_each(|f| set.push(f));
        set
    }
}

impl PartialEq<Vec<Flag>> for Flags {
    fn eq(&self, other: &Vec<Flag>) -> bool {
        self.iter().copied().eq(other.iter().copied())
    }
}

impl fmt::Debug for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Flags {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl Serialize for Flag {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Usage of one product × workload.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkloadMetrics {
    pub active: u64,
    pub qualified: u64,
    pub percent: Option<f64>,
    pub flags: Flags,
}

/// Deployment of one product and the usage of its workloads.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductMetrics {
    /// `None` when the export has no deployment record for the product.
    pub assigned: Option<u64>,
    pub sold: Option<u64>,
    pub percent: Option<f64>,
    /// Sold seats not assigned (0 when over-assigned).
    pub unassigned: u64,
    /// Paid seats with no active user in any workload (see [`unused_seats`]).
    pub unused_seats: u64,
    pub flags: Flags,
    /// Same order as the product's workloads.
    pub workloads: Vec<WorkloadMetrics>,
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

/// Deployment and usage of a customer at one date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendPoint {
    pub as_of: Timestamp,
    /// The date of the usage figure (usage and deployment are processed on different days).
    pub usage_as_of: Timestamp,
    pub deployment: Option<f64>,
    pub usage: Option<f64>,
}

/// A customer's sums as the roll-up rules count them: deployment over products with licenses
/// sold, usage over product × workload rows with entitlements.
pub fn sums(c: &Customer) -> Sums {
    let mut s = Sums {
        as_of: c.newest_as_of(),
        ..Sums::default()
    };
    for p in &c.products {
        if let Some(d) = p.deployment.filter(|d| d.sold > 0) {
            s.assigned += d.assigned;
            s.sold += d.sold;
        }
        for w in p.workloads.iter().filter(|w| w.qualified > 0) {
            s.active += w.active;
            s.qualified += w.qualified;
        }
    }
    s
}

/// Earlier points of a customer, oldest first, then the current one: the records' own history
/// grouped by calendar month (deployment and usage of one month are processed on different
/// days), and the sums of older snapshots.
pub fn trend(c: &Customer, current: &Sums) -> Vec<TrendPoint> {
    let mut months: std::collections::BTreeMap<(i32, u32), Sums> = Default::default();
    let mut usage_dates: std::collections::BTreeMap<(i32, u32), Timestamp> = Default::default();
    for p in &c.products {
        for d in p.deployment_history.iter().filter(|d| d.sold > 0) {
            if let Some(t) = d.as_of {
                let e = month_of(&mut months, t);
                e.assigned += d.assigned;
                e.sold += d.sold;
            }
        }
        // Earlier usage: the workloads' own history, and workloads seen only at earlier dates.
        let past = p.past_workloads.iter().filter_map(|w| {
            w.as_of.map(|as_of| crate::domain::model::UsagePoint {
                as_of,
                active: w.active,
                qualified: w.qualified,
            })
        });
        let earlier = p
            .workloads
            .iter()
            .chain(&p.past_workloads)
            .flat_map(|w| w.history.iter().copied());
        for h in earlier.chain(past).filter(|h| h.qualified > 0) {
            let key = month_key(h.as_of);
            let u = usage_dates.entry(key).or_insert(h.as_of);
            *u = (*u).max(h.as_of);
            let e = month_of(&mut months, h.as_of);
            e.active += h.active;
            e.qualified += h.qualified;
        }
    }
    let point = |s: &Sums, usage_as_of: Option<Timestamp>| {
        s.as_of.map(|as_of| TrendPoint {
            as_of,
            usage_as_of: usage_as_of.unwrap_or(as_of),
            deployment: percent(s.assigned, s.sold),
            usage: percent(s.active, s.qualified),
        })
    };
    let mut points: Vec<TrendPoint> = months
        .iter()
        .map(|(k, s)| (s, usage_dates.get(k).copied()))
        .chain(c.history.iter().map(|s| (s, None)))
        .filter_map(|(s, u)| point(s, u))
        .filter(|p| current.as_of.is_none_or(|now| p.as_of < now))
        .collect();
    if points.is_empty() {
        return Vec::new();
    }
    points.sort_by_key(|p| p.as_of);
    points.extend(point(current, c.usage_as_of()));
    points
}

fn month_key(t: Timestamp) -> (i32, u32) {
    use chrono::Datelike;
    (t.year(), t.month())
}

/// The sums of the calendar month of `t`, dated by the newest record in it.
fn month_of(months: &mut std::collections::BTreeMap<(i32, u32), Sums>, t: Timestamp) -> &mut Sums {
    let e = months.entry(month_key(t)).or_default();
    e.as_of = e.as_of.max(Some(t));
    e
}

/// The change of a value since the last earlier point that has one, and that point's date
/// (`date`: the date of the value, e.g. the usage date).
fn delta(
    points: &[TrendPoint],
    value: impl Fn(&TrendPoint) -> Option<f64>,
    date: impl Fn(&TrendPoint) -> Timestamp,
) -> Option<(f64, Timestamp)> {
    let (current, earlier) = points.split_last()?;
    let now = value(current)?;
    let before = earlier
        .iter()
        .rev()
        .find_map(|p| Some((value(p)?, date(p))))?;
    Some((now - before.0, before.1))
}

/// A customer's roll-ups and flags.
#[derive(Debug, Clone, PartialEq)]
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
    pub renewal: Option<(Timestamp, i64)>,
    /// That renewal is within the configured number of days.
    pub renewing_soon: bool,
    /// Earlier points and the current one, oldest first; empty without history.
    pub trend: Vec<TrendPoint>,
    /// Usage now minus usage at the previous point (percentage points), and that point's date.
    pub usage_delta: Option<(f64, Timestamp)>,
    pub deployment_delta: Option<(f64, Timestamp)>,
}

impl CustomerMetrics {
    pub fn has(&self, flag: Flag) -> bool {
        self.flags.contains(&flag)
    }
}

fn workload(w: &Workload, t: &Thresholds) -> WorkloadMetrics {
    let percent = percent(w.active, w.qualified);
    let mut flags = Flags::default();
    match percent {
        None => flags.push(Flag::UsageNa),
        Some(p) if p > 100.0 => flags.push(Flag::UsageOver100),
        Some(p) if p < t.low_usage => flags.push(Flag::LowUsage),
        Some(_) => {}
    }
    WorkloadMetrics {
        active: w.active,
        qualified: w.qualified,
        percent,
        flags,
    }
}

/// Paid seats of a product that nobody used in the last 28 days, estimated: the seats (sold,
/// or the largest qualified count when there is no deployment record) minus the most active
/// users of any one workload (a user active in any workload uses the seat). Without usage
/// records, the unassigned seats.
pub fn unused_seats(p: &Product) -> u64 {
    let seats = match p.deployment {
        Some(d) => d.sold,
        None => p.workloads.iter().map(|w| w.qualified).max().unwrap_or(0),
    };
    let used = match p.workloads.iter().map(|w| w.active).max() {
        Some(active) => active,
        None => p.deployment.map_or(0, |d| d.assigned),
    };
    seats.saturating_sub(used)
}

/// The licenses (seats) of a product: the larger of sold and assigned, or, without a
/// deployment record, the entitlements of its largest workload (a license is counted once per
/// workload, so one workload's entitlements are licenses).
pub fn product_licenses(p: &Product) -> u64 {
    match p.deployment {
        Some(d) => d.sold.max(d.assigned),
        None => p.workloads.iter().map(|w| w.qualified).max().unwrap_or(0),
    }
}

/// A customer's licenses, per service: the licenses of its products with a deployment record,
/// summed; products known only from usage rows (an Insights usage download's "all products"
/// rows, say) may be the same licenses seen from the other side, so they count only where they
/// show more (the larger of the two).
pub fn customer_licenses(c: &Customer) -> u64 {
    let mut per_service: Vec<(&crate::domain::model::Service, u64, u64)> = Vec::new();
    for p in &c.products {
        let i = match per_service.iter().position(|(s, _, _)| **s == p.service) {
            Some(i) => i,
            None => {
                per_service.push((&p.service, 0, 0));
                per_service.len() - 1
            }
        };
        let e = &mut per_service[i];
        match p.deployment {
            Some(_) => e.1 += product_licenses(p),
            None => e.2 = e.2.max(product_licenses(p)),
        }
    }
    per_service
        .iter()
        .map(|(_, with, without)| (*with).max(*without))
        .sum()
}

/// Deployment of one product, and the usage of its workloads.
pub fn product(p: &Product, t: &Thresholds) -> ProductMetrics {
    let (assigned, sold) = match p.deployment {
        Some(d) => (Some(d.assigned), Some(d.sold)),
        None => (None, None),
    };
    let percent = assigned.zip(sold).and_then(|(a, s)| percent(a, s));
    let mut flags = Flags::default();
    match percent {
        None => flags.push(Flag::DeploymentNa),
        Some(p) if p < t.low_deployment => flags.push(Flag::LowDeployment),
        Some(_) => {}
    }
    if sold == Some(0) && assigned.is_some_and(|a| a > 0) {
        flags.push(Flag::AssignedWithoutSold);
    }
    ProductMetrics {
        assigned,
        sold,
        percent,
        unassigned: sold.unwrap_or(0).saturating_sub(assigned.unwrap_or(0)),
        unused_seats: unused_seats(p),
        flags,
        workloads: p.workloads.iter().map(|w| workload(w, t)).collect(),
    }
}

/// Everything derived about one customer, as of `now`.
pub fn customer(c: &Customer, t: &Thresholds, now: Timestamp) -> CustomerMetrics {
    let products: Vec<ProductMetrics> = c.products.iter().map(|p| product(p, t)).collect();
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

    let deployment = percent(assigned, sold);
    let usage = percent(active, qualified);
    let deployment_as_of = c.deployment_as_of();
    let usage_as_of = c.usage_as_of();
    let oldest = match (deployment_as_of, usage_as_of) {
        (Some(d), Some(u)) => Some(d.min(u)),
        (d, u) => d.or(u),
    };
    let age_days = oldest.map(|d| (now - d).num_days().max(0));

    let mut flags = Flags::default();
    match deployment {
        None => flags.push(Flag::DeploymentNa),
        Some(d) if d < t.low_deployment => flags.push(Flag::LowDeployment),
        Some(_) => {}
    }
    match usage {
        None => flags.push(Flag::UsageNa),
        Some(u) if u < t.low_usage => flags.push(Flag::LowUsage),
        Some(_) => {}
    }
    let any_over = products
        .iter()
        .flat_map(|p| &p.workloads)
        .any(|w| w.flags.contains(&Flag::UsageOver100));
    if any_over || usage.is_some_and(|u| u > 100.0) {
        flags.push(Flag::UsageOver100);
    }
    if products
        .iter()
        .any(|p| p.flags.contains(&Flag::AssignedWithoutSold))
    {
        flags.push(Flag::AssignedWithoutSold);
    }
    if age_days.is_some_and(|d| d > t.stale_days) {
        flags.push(Flag::StaleData);
    }

    let support = support(c, now);
    if support.is_some_and(|s| {
        s.open >= t.training_open_requests || s.recent >= t.training_recent_requests
    }) {
        flags.push(Flag::ManySupportRequests);
    }
    let subscriptions = c.subscriptions.as_deref().unwrap_or_default();
    let trials: Vec<String> = c.live_trials().map(|s| s.offer.to_string()).collect();
    if !trials.is_empty() {
        flags.push(Flag::Trial);
    }
    let renewal = subscriptions
        .iter()
        .filter(|s| !s.is_trial && s.status.is_live())
        .filter_map(|s| s.commitment_end)
        .filter(|end| end.date_naive() >= now.date_naive())
        .min()
        // Calendar days: a renewal tomorrow morning is "in 1 day", whatever the hour now.
        .map(|end| (end, (end.date_naive() - now.date_naive()).num_days()));
    let trend = trend(c, &now_sums);
    let usage_delta = delta(&trend, |p| p.usage, |p| p.usage_as_of);
    let deployment_delta = delta(&trend, |p| p.deployment, |p| p.as_of);
    CustomerMetrics {
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
        licenses: customer_licenses(c),
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
        age_days,
        flags,
        products,
        workloads: rollups,
        support,
        trials,
        renewing_soon: renewal.is_some_and(|(_, days)| days <= t.renewal_days),
        renewal,
        trend,
        usage_delta,
        deployment_delta,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Deployment, Service};
    use crate::text::Clean;
    use chrono::TimeZone;

    fn now() -> Timestamp {
        chrono::Utc.with_ymd_and_hms(2025, 6, 19, 12, 0, 0).unwrap()
    }

    fn day(d: u32) -> Option<Timestamp> {
        Some(chrono::Utc.with_ymd_and_hms(2025, 6, d, 0, 0, 0).unwrap())
    }

    fn wl(name: &str, active: u64, qualified: u64) -> Workload {
        Workload {
            code: None,
            name: Clean::new(name),
            active,
            qualified,
            reported_percent: None,
            as_of: day(9),
            history: Vec::new(),
        }
    }

    fn prod(name: &str, dep: Option<(u64, u64)>, workloads: Vec<Workload>) -> Product {
        Product {
            id: None,
            name: Clean::new(name),
            service: Service::Office365,
            channel: None,
            deployment: dep.map(|(assigned, sold)| Deployment {
                sold,
                assigned,
                reported_percent: None,
                as_of: day(14),
            }),
            workloads,
            deployment_history: Vec::new(),
            past_workloads: Vec::new(),
        }
    }

    fn cust(products: Vec<Product>) -> Customer {
        Customer::new(None, Clean::new("Contoso"), products)
    }

    #[test]
    fn flag_ids_are_the_documented_names() {
        let ids: Vec<String> = Flag::ALL
            .iter()
            .map(|f| serde_json::to_string(f).unwrap())
            .collect();
        assert_eq!(
            ids,
            [
                "\"low_deployment\"",
                "\"low_usage\"",
                "\"usage_over_100\"",
                "\"deployment_na\"",
                "\"usage_na\"",
                "\"assigned_without_sold\"",
                "\"trial\"",
                "\"stale_data\"",
                "\"many_support_requests\"",
            ]
        );
    }

    #[test]
    fn percent_table() {
        let cases: [(u64, u64, Option<f64>); 6] = [
            (46, 50, Some(92.0)),
            (0, 1, Some(0.0)),
            (0, 0, None),
            (5, 0, None),
            (34, 30, Some(113.333_333_333_333_33)),
            (98, 150, Some(65.333_333_333_333_33)),
        ];
        for (n, d, want) in cases {
            assert_eq!(percent(n, d), want, "{n}/{d}");
        }
    }

    #[test]
    fn product_flags_table() {
        let t = Thresholds::default();
        // (assigned, sold) → (percent, unassigned, flags)
        type Case = (Option<(u64, u64)>, Option<f64>, u64, Vec<Flag>);
        let cases: Vec<Case> = vec![
            (Some((46, 50)), Some(92.0), 4, vec![]),
            (Some((40, 50)), Some(80.0), 10, vec![]),
            (Some((39, 50)), Some(78.0), 11, vec![Flag::LowDeployment]),
            (Some((0, 0)), None, 0, vec![Flag::DeploymentNa]),
            (
                Some((5, 0)),
                None,
                0,
                vec![Flag::DeploymentNa, Flag::AssignedWithoutSold],
            ),
            (Some((12, 10)), Some(120.0), 0, vec![]),
            (None, None, 0, vec![Flag::DeploymentNa]),
        ];
        for (dep, pct, unassigned, flags) in cases {
            let m = product(&prod("P", dep, vec![]), &t);
            assert_eq!(
                (m.percent, m.unassigned, m.flags),
                (pct, unassigned, flags.into_iter().collect::<Flags>()),
                "{dep:?}"
            );
        }
    }

    #[test]
    fn workload_flags_table() {
        let t = Thresholds::default();
        let cases: Vec<(u64, u64, Option<f64>, Vec<Flag>)> = vec![
            (44, 50, Some(88.0), vec![]),
            (25, 50, Some(50.0), vec![]),
            (24, 50, Some(48.0), vec![Flag::LowUsage]),
            (0, 0, None, vec![Flag::UsageNa]),
            (3, 0, None, vec![Flag::UsageNa]),
            (34, 30, Some(34.0 * 100.0 / 30.0), vec![Flag::UsageOver100]),
            (30, 30, Some(100.0), vec![]),
        ];
        for (a, q, pct, flags) in cases {
            let m = workload(&wl("Exchange", a, q), &t);
            assert_eq!(
                (m.percent, m.flags),
                (pct, flags.into_iter().collect::<Flags>()),
                "{a}/{q}"
            );
        }
    }

    #[test]
    fn customer_rollup_sums_only_rows_with_a_denominator() {
        let c = cust(vec![
            prod(
                "E3",
                Some((46, 50)),
                vec![wl("Exchange", 44, 50), wl("SharePoint", 20, 50)],
            ),
            prod(
                "F1",
                Some((4, 10)),
                vec![wl("Exchange", 4, 10), wl("Teams", 0, 0)],
            ),
            prod("TRIAL", Some((5, 0)), vec![wl("Exchange", 3, 0)]),
        ]);
        let m = customer(&c, &Thresholds::default(), now());
        assert_eq!((m.assigned, m.sold), (50, 60));
        assert_eq!(m.deployment, Some(50.0 * 100.0 / 60.0));
        assert_eq!((m.active, m.qualified), (68, 110));
        assert_eq!(m.usage, Some(68.0 * 100.0 / 110.0));
        assert!(m.usage_approx);
        assert_eq!((m.sold_products, m.usage_rows), (2, 3));
        assert_eq!(m.unassigned, 4 + 6);
        assert_eq!(m.unused, 6 + 30 + 6);
        // E3: 50 sold − 44 most active; F1: 10 − 4; TRIAL: 0 sold.
        assert_eq!(m.unused_seats, 6 + 6);
        assert_eq!(m.flags, vec![Flag::AssignedWithoutSold]);
        let exchange = &m.workloads[0];
        assert_eq!(
            (exchange.name.as_str(), exchange.active, exchange.qualified),
            ("Exchange", 51, 60)
        );
        assert_eq!(m.age_days, Some(10));
    }

    #[test]
    fn customer_without_denominators_is_na_not_zero() {
        let c = cust(vec![prod(
            "TRIAL",
            Some((5, 0)),
            vec![wl("Exchange", 3, 0)],
        )]);
        let m = customer(&c, &Thresholds::default(), now());
        assert_eq!((m.deployment, m.usage), (None, None));
        assert!(
            m.has(Flag::DeploymentNa) && m.has(Flag::UsageNa) && m.has(Flag::AssignedWithoutSold)
        );
        assert!(!m.has(Flag::LowDeployment) && !m.has(Flag::LowUsage));
        assert!(!m.usage_approx);
    }

    #[test]
    fn unused_seats_table() {
        let cases = [
            (
                prod(
                    "E3",
                    Some((46, 50)),
                    vec![wl("Exchange", 44, 50), wl("Teams", 30, 50)],
                ),
                6,
            ),
            (prod("E3", Some((46, 50)), vec![]), 4),
            (prod("E3", None, vec![wl("Exchange", 10, 25)]), 15),
            (prod("E3", Some((50, 50)), vec![wl("Yammer", 70, 50)]), 0),
            (prod("E3", Some((0, 0)), vec![]), 0),
        ];
        for (p, want) in cases {
            assert_eq!(unused_seats(&p), want, "{p:?}");
        }
    }

    #[test]
    fn trend_groups_earlier_records_by_month_and_adds_snapshot_sums() {
        let mut c = cust(vec![prod(
            "E3",
            Some((40, 50)),
            vec![wl("Exchange", 30, 50)],
        )]);
        let april = chrono::Utc.with_ymd_and_hms(2025, 4, 9, 0, 0, 0).unwrap();
        let april_dep = chrono::Utc.with_ymd_and_hms(2025, 4, 14, 0, 0, 0).unwrap();
        c.products[0].workloads[0]
            .history
            .push(crate::domain::model::UsagePoint {
                as_of: april,
                active: 40,
                qualified: 50,
            });
        c.products[0].deployment_history.push(Deployment {
            sold: 50,
            assigned: 30,
            reported_percent: None,
            as_of: Some(april_dep),
        });
        let march = chrono::Utc.with_ymd_and_hms(2025, 3, 14, 0, 0, 0).unwrap();
        c.history.push(Sums {
            as_of: Some(march),
            assigned: 25,
            sold: 50,
            active: 45,
            qualified: 50,
        });
        let m = customer(&c, &Thresholds::default(), now());
        let points: Vec<(String, Option<f64>, Option<f64>)> = m
            .trend
            .iter()
            .map(|p| (p.as_of.date_naive().to_string(), p.deployment, p.usage))
            .collect();
        assert_eq!(
            points,
            [
                ("2025-03-14".to_string(), Some(50.0), Some(90.0)),
                ("2025-04-14".to_string(), Some(60.0), Some(80.0)),
                ("2025-06-14".to_string(), Some(80.0), Some(60.0)),
            ]
        );
        // The usage change is dated by the usage date, the deployment change by its own.
        assert_eq!(m.usage_delta, Some((-20.0, april)));
        assert_eq!(m.deployment_delta, Some((20.0, april_dep)));
    }

    #[test]
    fn no_history_no_trend() {
        let c = cust(vec![prod(
            "E3",
            Some((40, 50)),
            vec![wl("Exchange", 30, 50)],
        )]);
        let m = customer(&c, &Thresholds::default(), now());
        assert!(m.trend.is_empty());
        assert_eq!((m.usage_delta, m.deployment_delta), (None, None));
    }

    #[test]
    fn over_100_is_kept_and_flagged() {
        let c = cust(vec![prod(
            "E3",
            Some((30, 30)),
            vec![wl("Yammer", 34, 30), wl("Exchange", 27, 30)],
        )]);
        let m = customer(&c, &Thresholds::default(), now());
        assert_eq!(m.usage, Some(61.0 * 100.0 / 60.0));
        assert!(m.usage.unwrap() > 100.0);
        assert!(m.has(Flag::UsageOver100));
        assert_eq!(
            m.products[0].workloads[0].percent,
            Some(34.0 * 100.0 / 30.0)
        );
    }

    #[test]
    fn stale_after_the_limit_counts_the_older_dataset() {
        let mut c = cust(vec![prod(
            "E3",
            Some((10, 10)),
            vec![wl("Exchange", 10, 10)],
        )]);
        let t = Thresholds::default();
        assert!(!customer(&c, &t, now()).has(Flag::StaleData));
        c.products[0].workloads[0].as_of = Some(now() - chrono::TimeDelta::days(36));
        let m = customer(&c, &t, now());
        assert_eq!(m.age_days, Some(36));
        assert!(m.has(Flag::StaleData));
        c.products[0].workloads[0].as_of = Some(now() - chrono::TimeDelta::days(35));
        assert!(!customer(&c, &t, now()).has(Flag::StaleData));
    }
}
