//! One product: its deployment, the usage of its workloads, its seats and licenses.

use super::{Flag, Flags, percent};
use crate::domain::model::{Customer, Product, Workload};
use crate::domain::thresholds::Thresholds;

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
    /// The cost of its unassigned and idle seats, where the partner priced it.
    pub cost: Option<super::Cost>,
    /// Its subscriptions with this partner (subscriptions sidecar), one per renewal, the next
    /// first; set by [`super::customer`], which knows the subscriptions.
    pub terms: Vec<super::Terms>,
    /// Same order as the product's workloads.
    pub workloads: Vec<WorkloadMetrics>,
}

pub(super) fn workload(w: &Workload, t: &Thresholds) -> WorkloadMetrics {
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
    seats.saturating_sub(users(p))
}

/// The licenses of a product (see [`product_licenses`]) with no active user in any workload,
/// at most: over-assigned licenses (assigned beyond sold) count, as "licenses" do where a
/// suggestion quotes both.
pub fn idle_licenses(p: &Product) -> u64 {
    product_licenses(p).saturating_sub(users(p))
}

/// The users of a product: its most active workload's, else (no usage) its assigned seats.
fn users(p: &Product) -> u64 {
    match p.workloads.iter().map(|w| w.active).max() {
        Some(active) => active,
        None => p.deployment.map_or(0, |d| d.assigned),
    }
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
    let unassigned = sold.unwrap_or(0).saturating_sub(assigned.unwrap_or(0));
    let unused_seats = unused_seats(p);
    ProductMetrics {
        assigned,
        sold,
        percent,
        unassigned,
        unused_seats,
        flags,
        cost: super::commercial::product_cost(p, unassigned, unused_seats, &t.commerce),
        terms: Vec::new(),
        workloads: p.workloads.iter().map(|w| workload(w, t)).collect(),
    }
}
