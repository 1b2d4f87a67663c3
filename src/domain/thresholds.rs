//! The thresholds of the flags and suggestion rules (defaults here; `config.toml` overrides
//! them through [`crate::config`]).

use serde::{Deserialize, Serialize};

/// Thresholds of the flags and suggestion rules, in percent (0–100), points or days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// Usage below this is low (`low_usage`, `show_value`).
    pub low_usage: f64,
    /// Deployment below this is low (`low_deployment`, `assign_licenses`).
    pub low_deployment: f64,
    /// `expand` needs deployment at or above this …
    pub expand_deployment: f64,
    /// … and usage at or above this.
    pub expand_usage: f64,
    /// A workload this many percentage points behind the customer's other workloads gets
    /// `workload_adoption`.
    pub workload_gap: f64,
    /// Data older than this many days is stale (`stale_data`, `refresh_data`).
    pub stale_days: i64,
    /// `training` when a customer has at least this many open support requests …
    pub training_open_requests: u32,
    /// … or at least this many created in the last 28 days.
    pub training_recent_requests: u32,
    /// A subscription ending within this many days is renewing (filter, renewal note).
    pub renewal_days: i64,
    /// `usage_falling` when usage dropped by at least this many points since the previous
    /// snapshot or month.
    pub usage_drop: f64,
    /// The partner's commercial terms (`[prices]`, `[upgrades]`, `[buffers]`, `[exclude]`,
    /// `[resources]` in config.toml; issue 15): not thresholds, but parameters of the same
    /// rules, so they travel with them. Shared, as every assessment reads them.
    #[serde(skip)]
    pub commerce: std::sync::Arc<crate::domain::commerce::Commerce>,
    // Graph users (issue 14)
    /// The users view's filter: inactive in every workload for at least this many days.
    pub inactive_days: i64,
    /// `reclaim_licenses`: licensed users inactive this many days (never active: licensed this
    /// long). Separate from the 28-day activity rule.
    pub reclaim_days: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            low_usage: 50.0,
            low_deployment: 80.0,
            expand_deployment: 95.0,
            expand_usage: 85.0,
            workload_gap: 30.0,
            stale_days: 35,
            training_open_requests: 3,
            training_recent_requests: 5,
            renewal_days: 60,
            usage_drop: 10.0,
            commerce: std::sync::Arc::default(),
            // Graph users (issue 14)
            inactive_days: 28,
            reclaim_days: 90,
        }
    }
}
