//! Portfolio-wide figures (the overview, the "portfolio median" comparisons), tallied one
//! assessment at a time while the portfolio is assessed: the assessments themselves are not
//! kept (see [`super::Row`]).

use super::{Assessment, Row};
use crate::domain::advice::ActionId;

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
    /// [`crate::domain::metrics::Cost::idle_or_unassigned`]), and how many customers have a
    /// price.
    pub cost: Option<crate::domain::commerce::Money>,
    pub priced_customers: usize,
    /// Of those, the customers with seats of a product without a price (left out of the cost).
    pub partly_priced: usize,
}

/// Index of the over-100 % bucket of [`PortfolioStats::deployment_buckets`].
pub const BUCKET_OVER_100: usize = 5;
/// Index of the n/a bucket.
pub const BUCKET_NA: usize = 6;

/// How many opportunities the overview lists.
const TOP: usize = 10;

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

/// The figures of the assessments seen so far (each customer's once, by its index); what
/// needs every customer's value (medians, buckets) comes from the rows at the end.
#[derive(Debug, Default)]
pub struct Tally {
    s: PortfolioStats,
    /// Per rule: customers, seats.
    rules: Vec<(ActionId, usize, u64)>,
    /// (seats, customer, rule) of the biggest opportunities seen so far, at least the top ten.
    opportunities: Vec<(u64, usize, ActionId)>,
}

impl Tally {
    /// Counts customer `i`'s assessment.
    pub fn add(&mut self, i: usize, a: &Assessment) {
        let m = &a.metrics;
        let cost = m.cost.map(|c| c.idle_or_unassigned());
        let one = PortfolioStats {
            sold: m.sold,
            assigned: m.assigned,
            active: m.active,
            qualified: m.qualified,
            unassigned: m.unassigned,
            unused_seats: m.unused_seats,
            with_deployment: usize::from(m.has_deployment_data),
            with_usage: usize::from(m.has_usage_data),
            cost,
            priced_customers: usize::from(cost.is_some()),
            partly_priced: usize::from(cost.is_some() && !m.unpriced.is_empty()),
            ..PortfolioStats::default()
        };
        add_sums(&mut self.s, &one);
        for action in &a.actions {
            self.rule(action.id, 1, action.licenses);
            if action.licenses > 0 && action.id.is_opportunity() {
                self.opportunities.push((action.licenses, i, action.id));
            }
        }
        if self.opportunities.len() >= 64 * TOP {
            self.keep_top();
        }
    }

    fn rule(&mut self, id: ActionId, customers: usize, seats: u64) {
        match self.rules.iter_mut().find(|r| r.0 == id) {
            Some(r) => {
                r.1 += customers;
                r.2 += seats;
            }
            None => self.rules.push((id, customers, seats)),
        }
    }

    /// Keeps the ten biggest opportunities, ties by customer order (then in the order seen:
    /// one customer's suggestions).
    fn keep_top(&mut self) {
        self.opportunities
            .sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        self.opportunities.truncate(TOP);
    }

    /// This tally, then `later`'s (customers after these).
    pub fn then(mut self, later: Self) -> Self {
        add_sums(&mut self.s, &later.s);
        for (id, customers, seats) in later.rules {
            self.rule(id, customers, seats);
        }
        self.opportunities.extend(later.opportunities);
        self.keep_top();
        self
    }

    /// The figures, with the medians and buckets of `rows` (every customer's, in order).
    pub fn finish(mut self, rows: &[Row]) -> PortfolioStats {
        self.keep_top();
        let mut s = self.s;
        s.customers = rows.len();
        for r in rows {
            s.deployment_buckets[bucket(r.deployment())] += 1;
            s.usage_buckets[bucket(r.usage())] += 1;
        }
        s.median_deployment = median(rows.iter().filter_map(|r| r.deployment()).collect());
        s.median_usage = median(rows.iter().filter_map(|r| r.usage()).collect());
        self.rules
            .sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
        s.by_rule = self.rules;
        s.top = self
            .opportunities
            .into_iter()
            .map(|(seats, i, id)| (i, id, seats))
            .collect();
        s
    }
}

/// Adds the sums of `later` (customers after those of `s`) to `s`.
fn add_sums(s: &mut PortfolioStats, later: &PortfolioStats) {
    s.sold += later.sold;
    s.assigned += later.assigned;
    s.active += later.active;
    s.qualified += later.qualified;
    s.unassigned += later.unassigned;
    s.unused_seats += later.unused_seats;
    s.with_deployment += later.with_deployment;
    s.with_usage += later.with_usage;
    s.priced_customers += later.priced_customers;
    s.partly_priced += later.partly_priced;
    if let Some(cost) = later.cost {
        s.cost = Some(crate::domain::commerce::Money {
            cents: s.cost.map_or(0, |t| t.cents).saturating_add(cost.cents),
            currency: cost.currency,
        });
    }
}

/// Figures over all customers.
pub fn stats(assessed: &[Assessment]) -> PortfolioStats {
    let mut tally = Tally::default();
    for (i, a) in assessed.iter().enumerate() {
        tally.add(i, a);
    }
    tally.finish(&assessed.iter().map(Row::of).collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;

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
