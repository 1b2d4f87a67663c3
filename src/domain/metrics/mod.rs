//! Pure ratios, roll-ups and flags, exactly as the Partner Center definitions say:
//! deployment % = assigned / sold per product; usage % = active / qualified per product ×
//! workload. A zero denominator gives `None` (shown as n/a), never 0 % or infinity. Usage above
//! 100 % is real data and is never clamped here.
//!
//! `flags` the conditions, `product` one product and its seats, `trend` sums over time,
//! `customer` one customer's roll-ups and flags.

mod commercial;
mod customer;
mod flags;
mod product;
mod sources;
#[cfg(test)]
mod tests;
mod trend;

pub use commercial::{Cost, Terms, customer_cost, is_product, product_cost, product_terms};
pub use customer::{CustomerMetrics, RECENT_DAYS, Renewal, SupportLoad, WorkloadRollup, customer};
pub use flags::{Flag, Flags};
#[cfg(test)]
use product::workload;
pub use product::{
    ProductMetrics, WorkloadMetrics, customer_licenses, product, product_licenses, unused_seats,
};
pub use sources::{Headline, Origin, graph_moment, report_ahead};
pub use trend::{TrendPoint, carried, sums, trend};

/// `num / den` in percent, or `None` when `den` is 0.
pub fn percent(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 * 100.0 / den as f64)
}
