//! Thresholds and preferences. Defaults live here; the config file comes later and overrides them.

/// Thresholds of the flags and suggestion rules, in percent (0–100) or days.
#[derive(Debug, Clone, PartialEq)]
pub struct Thresholds {
    /// Usage below this is low (`low_usage`, `show_value`).
    pub low_usage: f64,
    /// Deployment below this is low (`low_deployment`, `assign_licenses`).
    pub low_deployment: f64,
    /// `expand` needs deployment at or above this …
    pub expand_deployment: f64,
    /// … and usage at or above this.
    pub expand_usage: f64,
    /// Data older than this many days is stale.
    pub stale_days: i64,
    /// A workload this many percentage points behind the customer's other workloads gets
    /// `workload_adoption`.
    pub workload_gap: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            low_usage: 50.0,
            low_deployment: 80.0,
            expand_deployment: 95.0,
            expand_usage: 85.0,
            stale_days: 35,
            workload_gap: 30.0,
        }
    }
}
