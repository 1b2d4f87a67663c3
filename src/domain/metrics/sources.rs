//! Which source heads a customer's figures (issue 14): Partner Center's roll-ups, or the
//! tenant's Microsoft Graph reports when they are newer. The newest source is current, figure
//! by figure:
//!
//! - **Usage** comes from Graph's user report when its refresh date is after Partner Center's
//!   usage date (or Partner Center has no usage): active ÷ entitlements summed over the counted
//!   workloads, the same unit as Partner Center's (a license counted once per workload).
//! - **Deployment** comes from Graph's `subscribedSkus` when the report's refresh date is after
//!   Partner Center's deployment date (or Partner Center has no deployment): consumed ÷
//!   (enabled + warning) over the paid, user-assignable SKUs. The SKU list carries no date of
//!   its own; it is dated with the user report beside it, and without one it heads only a
//!   customer Partner Center has no deployment for.
//!
//! - A report dated after today (beyond a day of slack: a wrong clock, an edited file) is
//!   shown as dated but never heads over Partner Center data dated as it should be
//!   ([`report_ahead`]), as Partner Center's own rows dated ahead never do.
//!
//! What Graph does not have stays Partner Center's: the per-product rows, their prices and
//! costs, idle seats per product (while Partner Center has usage), the trend and its drop (a
//! trend compares one source with itself, never Graph now with Partner Center then).
//! Partner Center's own headline figures are kept in [`Headline`] for the comparison.

use super::customer::{CustomerMetrics, WorkloadRollup};
use super::percent;
use crate::domain::graph::{Current, Summary, Tenant, current_source};
use crate::domain::model::{Customer, Timestamp};
use crate::text::Clean;

/// Where a headline figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Origin {
    #[default]
    PartnerCenter,
    Graph,
}

impl Origin {
    /// A stable key for JSON (`partner_center`, `graph`).
    pub fn code(self) -> &'static str {
        match self {
            Self::PartnerCenter => "partner_center",
            Self::Graph => "graph",
        }
    }
}

/// One source's headline figures (Partner Center's, kept when Graph heads the customer).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Headline {
    pub assigned: u64,
    pub sold: u64,
    pub deployment: Option<f64>,
    pub active: u64,
    pub qualified: u64,
    pub usage: Option<f64>,
    pub deployment_as_of: Option<Timestamp>,
    pub usage_as_of: Option<Timestamp>,
}

impl Headline {
    pub(super) fn of(m: &CustomerMetrics) -> Self {
        Self {
            assigned: m.assigned,
            sold: m.sold,
            deployment: m.deployment,
            active: m.active,
            qualified: m.qualified,
            usage: m.usage,
            deployment_as_of: m.deployment_as_of,
            usage_as_of: m.usage_as_of,
        }
    }
}

/// Midnight (UTC) of a report date: the moment Graph's figures are dated.
pub fn graph_moment(d: chrono::NaiveDate) -> Timestamp {
    d.and_time(chrono::NaiveTime::MIN).and_utc()
}

/// A report dated after `now` (beyond a day of slack, see [`crate::domain::dates::future`]):
/// a wrong clock or an edited file. Its figures are shown as dated, but it never heads over
/// Partner Center data dated as it should be.
pub fn report_ahead(refresh: chrono::NaiveDate, now: Timestamp) -> bool {
    graph_moment(refresh) > crate::domain::dates::future(now)
}

/// Graph is newer than Partner Center's `partner` date (or Partner Center has none); a report
/// dated ahead of `now` is never newer than a Partner Center date that is not.
fn graph_newer(
    partner: Option<Timestamp>,
    has_partner: bool,
    refresh: Option<chrono::NaiveDate>,
    now: Timestamp,
) -> bool {
    match refresh {
        Some(day) => {
            let partner = partner.filter(|_| has_partner);
            let dated = partner.is_some_and(|p| p <= crate::domain::dates::future(now));
            if dated && report_ahead(day, now) {
                return false;
            }
            current_source(partner.map(|p| p.date_naive()), refresh) == Some(Current::Graph)
        }
        // Undated Graph figures head only what Partner Center does not have.
        None => !has_partner,
    }
}

/// Replaces the headline figures of `m` (Partner Center's) with Graph's where Graph is the
/// newer source, and records which source each comes from.
pub(super) fn apply(c: &Customer, m: &mut CustomerMetrics, now: Timestamp) {
    m.partner = Headline::of(m);
    let Some(t) = c.graph.as_deref() else {
        return;
    };
    let s = t.summary();
    m.graph_ahead = s.refresh.is_some_and(|d| report_ahead(d, now));
    // No count quoted about the customer is larger than its licenses, by either source: the
    // tenant's paid licenses, and at least one per licensed user (not a report dated in the
    // future while Partner Center has licenses: its counts are not the customer's).
    if !(m.graph_ahead && m.licenses > 0) {
        let paid: u64 = paid_skus(t).map(|k| k.sold().max(k.consumed)).sum();
        m.licenses = m.licenses.max(paid).max(s.licensed_users);
    }
    let (active, entitled) = s
        .workloads
        .iter()
        .fold((0, 0), |(a, e), w| (a + w.active, e + w.entitled));
    let dated = s.refresh.map(graph_moment);
    m.graph = Some(Headline {
        assigned: s.assigned,
        sold: s.sold,
        deployment: percent(s.assigned, s.sold).filter(|_| t.skus.is_some()),
        active,
        qualified: entitled,
        usage: percent(active, entitled),
        deployment_as_of: dated.filter(|_| t.skus.is_some()),
        usage_as_of: dated.filter(|_| !s.workloads.is_empty()),
    });
    if s.refresh.is_some()
        && !s.workloads.is_empty()
        && graph_newer(m.usage_as_of, m.has_usage_data, s.refresh, now)
    {
        usage_from(&s, m);
    }
    if t.skus.is_some()
        && s.sold + s.assigned > 0
        && graph_newer(m.deployment_as_of, m.has_deployment_data, s.refresh, now)
    {
        deployment_from(t, &s, m);
    }
}

fn usage_from(s: &Summary, m: &mut CustomerMetrics) {
    m.usage_source = Origin::Graph;
    m.active = s.workloads.iter().map(|w| w.active).sum();
    m.qualified = s.workloads.iter().map(|w| w.entitled).sum();
    m.usage = percent(m.active, m.qualified);
    m.capped_usage = percent(
        s.workloads.iter().map(|w| w.active.min(w.entitled)).sum(),
        m.qualified,
    );
    m.usage_as_of = s.refresh.map(graph_moment);
    m.usage_rows = s.workloads.len();
    // One row per user and workload: nobody counts twice.
    m.usage_approx = false;
    m.unused = m.qualified.saturating_sub(m.active);
    m.has_usage_data = true;
    m.workloads = s
        .workloads
        .iter()
        .filter_map(|w| {
            Some(WorkloadRollup {
                name: Clean::new(w.workload?.report_name()),
                active: w.active,
                qualified: w.entitled,
                percent: percent(w.active, w.entitled),
            })
        })
        .collect();
    // Idle seats as Partner Center's rule counts them, from the tenant: the customer's licenses
    // (the larger of both sources, at least one per licensed user) less the users active in
    // some workload (an active user uses one seat at least).
    let active_users = s.licensed_users.saturating_sub(s.inactive_users);
    m.unused_seats = m.licenses.saturating_sub(active_users);
    m.idle_licenses = m.unused_seats;
}

fn deployment_from(t: &Tenant, s: &Summary, m: &mut CustomerMetrics) {
    m.deployment_source = Origin::Graph;
    m.assigned = s.assigned;
    m.sold = s.sold;
    m.deployment = percent(s.assigned, s.sold);
    m.deployment_as_of = s.refresh.map(graph_moment);
    m.sold_products = paid_skus(t).filter(|k| k.sold() > 0).count();
    // As the deployment gauge counts them (a suspended SKU's users over its licenses sold
    // take from the spare ones of another).
    m.unassigned = s.sold.saturating_sub(s.assigned);
    m.has_deployment_data = true;
}

/// The paid, user-assignable SKUs of a tenant.
fn paid_skus(t: &Tenant) -> impl Iterator<Item = &crate::domain::graph::Sku> {
    t.skus
        .iter()
        .flatten()
        .filter(|k| k.for_users && !k.is_free())
}
