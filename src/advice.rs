//! Suggested actions: pure rules from (customer, metrics, thresholds) to ranked suggestions,
//! each with a *why* line that quotes the numbers and the threshold that triggered it.
//! The playbook is the Partner Center page's "next steps", extended (see DESIGN.md).

use serde::Serialize;

use crate::config::Thresholds;
use crate::format::{count, date, percent as pct};
use crate::metrics::{CustomerMetrics, Flag};
use crate::model::Customer;

/// Stable ids of the rules (JSON, filters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActionId {
    CheckData,
    RefreshData,
    ConvertTrial,
    ShowValue,
    AssignLicenses,
    WorkloadAdoption,
    Expand,
    UsageFalling,
    Training,
}

impl Serialize for ActionId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl ActionId {
    pub fn id(self) -> &'static str {
        match self {
            ActionId::CheckData => "check_data",
            ActionId::RefreshData => "refresh_data",
            ActionId::ConvertTrial => "convert_trial",
            ActionId::ShowValue => "show_value",
            ActionId::AssignLicenses => "assign_licenses",
            ActionId::WorkloadAdoption => "workload_adoption",
            ActionId::Expand => "expand",
            ActionId::UsageFalling => "usage_falling",
            ActionId::Training => "training",
        }
    }

    /// A sales opportunity (as opposed to a data check).
    pub fn is_opportunity(self) -> bool {
        !matches!(self, ActionId::CheckData | ActionId::RefreshData)
    }

    /// Rules about the data come first (verify before acting), then clean-ups, then
    /// opportunities (ranked by seats among themselves), then growth.
    fn tier(self) -> u8 {
        match self {
            ActionId::CheckData | ActionId::RefreshData => 0,
            ActionId::ConvertTrial | ActionId::UsageFalling => 1,
            ActionId::ShowValue
            | ActionId::AssignLicenses
            | ActionId::WorkloadAdoption
            | ActionId::Training => 2,
            ActionId::Expand => 3,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            ActionId::CheckData => "Check the data before acting on usage over 100 %",
            ActionId::RefreshData => "Refresh the data: re-export and import",
            ActionId::ConvertTrial => "Convert the trial or clean up assignments",
            ActionId::ShowValue => "Show the value: case studies, testimonials, tutorials",
            ActionId::AssignLicenses => "Help assign the unassigned licenses (onboarding)",
            ActionId::WorkloadAdoption => "Drive adoption of the lagging workload",
            ActionId::Expand => "Expand: more seats or a higher plan",
            ActionId::UsageFalling => "Re-engage: usage is falling (churn risk)",
            ActionId::Training => "Offer training and promote self-service",
        }
    }

    pub fn steps(self) -> &'static [&'static str] {
        match self {
            ActionId::CheckData => &[
                "A license moved to a new employee: both users were active in the 28 days.",
                "Two subscriptions for one SKU, one in grace, disabled or deprovisioned: activity counts for both, the total for one.",
                "A trial subscription: its activity counts as active, but it is not in the total entitlements.",
                "Yammer used far beyond the licenses can skew the figure.",
            ],
            ActionId::RefreshData => &[
                "Export deployment and usage again in Partner Center (Insights, Export).",
                "Run `uptake import <files>` to cache the new snapshot.",
            ],
            ActionId::ConvertTrial => &[
                "Licenses are assigned with none sold: a trial or a cancelled subscription.",
                "Offer to convert the trial to a paid subscription before it ends,",
                "or help remove the assignments of the cancelled one.",
            ],
            ActionId::ShowValue => &[
                "Users may not see what the software can do for them.",
                "Share case studies and user testimonials for their scenarios.",
                "Send tutorial blogs or videos for the tasks they already do.",
                "Offer training (in person or online) and promote the self-service options.",
            ],
            ActionId::AssignLicenses => &[
                "Offer onboarding: assign the licenses and set up the users.",
                "Plan a deployment with the customer's IT contact.",
                "If the seats are not needed, right-size them at renewal.",
            ],
            ActionId::WorkloadAdoption => &[
                "Share scenario tutorials and short videos for this workload.",
                "Offer a workshop that brings the workload into daily tasks.",
            ],
            ActionId::Expand => &[
                "The customer uses what it has: talk about more seats or a higher plan.",
                "Training for advanced scenarios is a sales opportunity too.",
            ],
            ActionId::Training => &[
                "Many how-to requests: users may be new to the software, the version or the task.",
                "Offer training, in person or online, to raise their expertise.",
                "At the same time promote the self-service options they have.",
                "Show the self-service options on your support site next to your contact details.",
            ],
            ActionId::UsageFalling => &[
                "Falling usage is a churn risk: talk to the customer before the renewal.",
                "Ask what changed: staff, a migration, a competing tool.",
                "Offer a refresher training or an adoption workshop for the workloads that dropped.",
            ],
        }
    }
}

/// One suggested action for one customer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub id: ActionId,
    /// 1 = do first.
    pub priority: u8,
    pub title: &'static str,
    /// The numbers and the threshold that triggered the rule.
    pub why: String,
    #[serde(skip)]
    pub steps: &'static [&'static str],
    /// Seats concerned (ranking and the portfolio's opportunities).
    #[serde(skip)]
    pub seats: u64,
}

fn suggestion(id: ActionId, why: String, seats: u64) -> Suggestion {
    Suggestion {
        id,
        priority: 0,
        title: id.title(),
        why,
        steps: id.steps(),
        seats,
    }
}

/// Every rule that fires for the customer, ranked (priority 1 first).
pub fn advise(c: &Customer, m: &CustomerMetrics, t: &Thresholds) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = [
        check_data(c, m),
        refresh_data(m, t),
        convert_trial(c, m),
        show_value(m, t),
        assign_licenses(c, m, t),
        workload_adoption(m, t),
        expand(m, t),
        usage_falling(m, t),
        training(m, t),
    ]
    .into_iter()
    .flatten()
    .collect();
    out.sort_by(|a, b| {
        (a.id.tier(), std::cmp::Reverse(a.seats), a.id).cmp(&(
            b.id.tier(),
            std::cmp::Reverse(b.seats),
            b.id,
        ))
    });
    for (i, s) in out.iter_mut().enumerate() {
        s.priority = u8::try_from(i + 1).unwrap_or(u8::MAX);
    }
    out
}

fn check_data(c: &Customer, m: &CustomerMetrics) -> Option<Suggestion> {
    if !m.has(Flag::UsageOver100) {
        return None;
    }
    let mut over: Vec<_> = c
        .products
        .iter()
        .zip(&m.products)
        .flat_map(|(p, pm)| {
            p.workloads
                .iter()
                .zip(&pm.workloads)
                .map(move |(w, wm)| (p, w, wm))
        })
        .filter(|(_, _, wm)| wm.percent.is_some_and(|x| x > 100.0))
        .collect();
    // The most inflated figure first.
    over.sort_by(|a, b| {
        b.2.percent
            .partial_cmp(&a.2.percent)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let over: Vec<String> = over
        .into_iter()
        .map(|(p, w, wm)| {
            format!(
                "{} {} usage {} ({} active of {} entitlements)",
                p.name,
                w.name,
                pct(wm.percent),
                count(wm.active),
                count(wm.qualified)
            )
        })
        .collect();
    let why = match over.as_slice() {
        [] => format!("overall usage {} is above 100 %", pct(m.usage)),
        [one] => format!("{one} is above 100 %"),
        [first, rest @ ..] => format!("{first} is above 100 %, and {} more", rest.len()),
    };
    Some(suggestion(
        ActionId::CheckData,
        why,
        m.active.saturating_sub(m.qualified),
    ))
}

fn refresh_data(m: &CustomerMetrics, t: &Thresholds) -> Option<Suggestion> {
    let days = m.age_days.filter(|d| *d > t.stale_days)?;
    let oldest = [m.deployment_as_of, m.usage_as_of]
        .into_iter()
        .flatten()
        .min()?;
    let why = format!(
        "data as of {} is {days} days old (limit {} days)",
        date(oldest),
        t.stale_days
    );
    Some(suggestion(ActionId::RefreshData, why, 0))
}

fn convert_trial(c: &Customer, m: &CustomerMetrics) -> Option<Suggestion> {
    let assigned: Vec<(&str, u64)> = c
        .products
        .iter()
        .zip(&m.products)
        .filter(|(_, pm)| pm.flags.contains(&Flag::AssignedWithoutSold))
        .map(|(p, pm)| (p.name.as_str(), pm.assigned.unwrap_or(0)))
        .collect();
    let total: u64 = assigned.iter().map(|(_, a)| a).sum();
    let mut parts = Vec::new();
    if let Some((first, seats)) = assigned.first() {
        let mut part = format!("{first}: {} licenses assigned, 0 sold", count(*seats));
        if assigned.len() > 1 {
            part.push_str(&format!(
                " (and {} more products, {} assigned in all)",
                assigned.len() - 1,
                count(total)
            ));
        }
        parts.push(part);
    }
    match m.trials.as_slice() {
        [] => {}
        [one] => parts.push(format!("trial subscription {one}")),
        [first, rest @ ..] => parts.push(format!(
            "trial subscriptions {first} and {} more",
            rest.len()
        )),
    }
    if parts.is_empty() {
        return None;
    }
    Some(suggestion(ActionId::ConvertTrial, parts.join("; "), total))
}

fn show_value(m: &CustomerMetrics, t: &Thresholds) -> Option<Suggestion> {
    let usage = m.usage.filter(|u| *u < t.low_usage)?;
    let why = format!(
        "usage {} is below {} %: {} of {} entitlements were not used in the last 28 days",
        pct(Some(usage)),
        t.low_usage,
        count(m.qualified.saturating_sub(m.active)),
        count(m.qualified)
    );
    Some(suggestion(
        ActionId::ShowValue,
        why,
        m.qualified.saturating_sub(m.active),
    ))
}

fn assign_licenses(c: &Customer, m: &CustomerMetrics, t: &Thresholds) -> Option<Suggestion> {
    let deployment = m.deployment.filter(|d| *d < t.low_deployment)?;
    let unassigned = m.sold.saturating_sub(m.assigned);
    let mut why = format!(
        "deployment {} is below {} %: {} of {} licenses are not assigned",
        pct(Some(deployment)),
        t.low_deployment,
        count(unassigned),
        count(m.sold)
    );
    let biggest = c
        .products
        .iter()
        .zip(&m.products)
        .filter(|(_, pm)| pm.unassigned > 0)
        .max_by_key(|(_, pm)| pm.unassigned);
    if let Some((p, pm)) = biggest
        && c.products.len() > 1
    {
        why.push_str(&format!(" (most in {}: {})", p.name, count(pm.unassigned)));
    }
    if let Some((end, days)) = m.renewal.filter(|_| m.renewing_soon) {
        why.push_str(&format!(
            "; renews in {days} days ({}): unused seats can be reduced at renewal",
            date(end)
        ));
    }
    Some(suggestion(ActionId::AssignLicenses, why, unassigned))
}

fn workload_adoption(m: &CustomerMetrics, t: &Thresholds) -> Option<Suggestion> {
    let measured: Vec<_> = m.workloads.iter().filter(|w| w.qualified > 0).collect();
    if measured.len() < 2 {
        return None;
    }
    let lowest = measured.iter().min_by(|a, b| {
        a.percent
            .partial_cmp(&b.percent)
            .unwrap_or(std::cmp::Ordering::Equal)
    })?;
    let (active, qualified) = measured
        .iter()
        .filter(|w| w.name != lowest.name)
        .fold((0, 0), |(a, q), w| (a + w.active, q + w.qualified));
    let others = crate::metrics::percent(active, qualified)?;
    let gap = others - lowest.percent?;
    if gap < t.workload_gap {
        return None;
    }
    let why = format!(
        "{} usage {} ({} of {} active) is {:.0} points behind the other workloads ({}); threshold {} points",
        lowest.name,
        pct(lowest.percent),
        count(lowest.active),
        count(lowest.qualified),
        gap,
        pct(Some(others)),
        t.workload_gap
    );
    Some(suggestion(
        ActionId::WorkloadAdoption,
        why,
        lowest.qualified.saturating_sub(lowest.active),
    ))
}

fn training(m: &CustomerMetrics, t: &Thresholds) -> Option<Suggestion> {
    if !m.has(Flag::ManySupportRequests) {
        return None;
    }
    let s = m.support?;
    let why = format!(
        "{} open support requests (threshold {}) and {} created in the last 28 days (threshold {})",
        s.open, t.training_open_requests, s.recent, t.training_recent_requests
    );
    Some(suggestion(
        ActionId::Training,
        why,
        m.qualified.saturating_sub(m.active),
    ))
}

fn usage_falling(m: &CustomerMetrics, t: &Thresholds) -> Option<Suggestion> {
    let (delta, since) = m.usage_delta.filter(|(d, _)| *d <= -t.usage_drop)?;
    let now = m.usage?;
    let why = format!(
        "usage fell from {} to {} ({:+.0} points) since {}; threshold {} points",
        pct(Some(now - delta)),
        pct(Some(now)),
        delta,
        date(since),
        t.usage_drop
    );
    let seats = (-delta / 100.0 * m.qualified as f64).round() as u64;
    Some(suggestion(ActionId::UsageFalling, why, seats))
}

fn expand(m: &CustomerMetrics, t: &Thresholds) -> Option<Suggestion> {
    let d = m.deployment.filter(|d| *d >= t.expand_deployment)?;
    let u = m.usage.filter(|u| *u >= t.expand_usage)?;
    if m.has(Flag::UsageOver100) && u > 100.0 {
        // Verify first: check_data explains why this figure may be inflated.
        return None;
    }
    let why = format!(
        "deployment {} ≥ {} % and usage {} ≥ {} %: {} of {} licenses assigned, {} of {} entitlements active",
        pct(Some(d)),
        t.expand_deployment,
        pct(Some(u)),
        t.expand_usage,
        count(m.assigned),
        count(m.sold),
        count(m.active),
        count(m.qualified)
    );
    Some(suggestion(ActionId::Expand, why, m.sold))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics;
    use crate::model::{Deployment, Product, Service, Timestamp, Workload};
    use crate::text::Clean;
    use chrono::TimeZone;

    fn now() -> Timestamp {
        chrono::Utc.with_ymd_and_hms(2025, 6, 19, 0, 0, 0).unwrap()
    }

    fn prod(name: &str, assigned: u64, sold: u64, workloads: &[(&str, u64, u64)]) -> Product {
        Product {
            id: None,
            name: Clean::new(name),
            service: Service::Office365,
            channel: None,
            deployment: Some(Deployment {
                sold,
                assigned,
                reported_percent: None,
                as_of: Some(now() - chrono::TimeDelta::days(5)),
            }),
            workloads: workloads
                .iter()
                .map(|(n, a, q)| Workload {
                    code: None,
                    name: Clean::new(n),
                    active: *a,
                    qualified: *q,
                    reported_percent: None,
                    as_of: Some(now() - chrono::TimeDelta::days(10)),
                    history: Vec::new(),
                })
                .collect(),
            deployment_history: Vec::new(),
        }
    }

    fn run(products: Vec<Product>) -> Vec<Suggestion> {
        let c = Customer::new(None, Clean::new("Contoso"), products);
        let t = Thresholds::default();
        let m = metrics::customer(&c, &t, now());
        advise(&c, &m, &t)
    }

    fn ids(s: &[Suggestion]) -> Vec<ActionId> {
        s.iter().map(|s| s.id).collect()
    }

    fn why(s: &[Suggestion], id: ActionId) -> String {
        s.iter()
            .find(|s| s.id == id)
            .map(|s| s.why.clone())
            .unwrap_or_default()
    }

    #[test]
    fn healthy_customer_gets_expand_only() {
        let s = run(vec![prod(
            "E3",
            49,
            50,
            &[("Exchange", 45, 50), ("SharePoint", 44, 50)],
        )]);
        assert_eq!(ids(&s), vec![ActionId::Expand]);
        assert_eq!(
            s[0].why,
            "deployment 98 % ≥ 95 % and usage 89 % ≥ 85 %: 49 of 50 licenses assigned, 89 of 100 entitlements active"
        );
        assert_eq!(s[0].priority, 1);
    }

    #[test]
    fn low_usage_gives_show_value_with_the_numbers() {
        let s = run(vec![prod(
            "E3",
            45,
            50,
            &[("Exchange", 20, 50), ("SharePoint", 21, 50)],
        )]);
        assert_eq!(ids(&s), vec![ActionId::ShowValue]);
        assert_eq!(
            why(&s, ActionId::ShowValue),
            "usage 41 % is below 50 %: 59 of 100 entitlements were not used in the last 28 days"
        );
    }

    #[test]
    fn low_deployment_gives_assign_licenses_naming_the_biggest_gap() {
        let s = run(vec![
            prod("E3", 30, 50, &[("Exchange", 28, 30)]),
            prod("F1", 9, 10, &[("Exchange", 9, 10)]),
        ]);
        assert!(ids(&s).contains(&ActionId::AssignLicenses));
        assert_eq!(
            why(&s, ActionId::AssignLicenses),
            "deployment 65 % is below 80 %: 21 of 60 licenses are not assigned (most in E3: 20)"
        );
    }

    #[test]
    fn lagging_workload_gives_workload_adoption() {
        let s = run(vec![prod(
            "E3",
            50,
            50,
            &[
                ("Exchange", 45, 50),
                ("Teams", 40, 50),
                ("SharePoint", 10, 50),
            ],
        )]);
        assert!(ids(&s).contains(&ActionId::WorkloadAdoption), "{s:?}");
        assert_eq!(
            why(&s, ActionId::WorkloadAdoption),
            "SharePoint usage 20 % (10 of 50 active) is 65 points behind the other workloads (85 %); threshold 30 points"
        );
        let close = run(vec![prod(
            "E3",
            50,
            50,
            &[("Exchange", 45, 50), ("SharePoint", 31, 50)],
        )]);
        assert!(
            !ids(&close).contains(&ActionId::WorkloadAdoption),
            "gap 28 < 30"
        );
    }

    #[test]
    fn over_100_gives_check_data_first_and_no_expand() {
        let s = run(vec![prod(
            "E3",
            30,
            30,
            &[("Yammer", 34, 30), ("Exchange", 29, 30)],
        )]);
        assert_eq!(ids(&s), vec![ActionId::CheckData]);
        assert_eq!(
            s[0].why,
            "E3 Yammer usage 113 % (34 active of 30 entitlements) is above 100 %"
        );
        assert_eq!(s[0].steps.len(), 4, "the four documented causes");
    }

    #[test]
    fn assigned_without_sold_gives_convert_trial() {
        let s = run(vec![
            prod("E3", 48, 50, &[("Exchange", 44, 50)]),
            prod("DYNAMICS 365 SALES", 5, 0, &[]),
        ]);
        assert_eq!(ids(&s)[0], ActionId::ConvertTrial);
        assert_eq!(
            why(&s, ActionId::ConvertTrial),
            "DYNAMICS 365 SALES: 5 licenses assigned, 0 sold"
        );
    }

    #[test]
    fn stale_data_gives_refresh_data_quoting_the_limit() {
        let mut p = prod("E3", 48, 50, &[("Exchange", 44, 50)]);
        p.workloads[0].as_of = Some(now() - chrono::TimeDelta::days(52));
        let s = run(vec![p]);
        assert_eq!(ids(&s)[0], ActionId::RefreshData);
        assert_eq!(
            s[0].why,
            "data as of 2025-04-28 is 52 days old (limit 35 days)"
        );
    }

    #[test]
    fn ranking_puts_data_first_then_most_seats() {
        let mut p = prod(
            "E3",
            100,
            400,
            &[("Exchange", 10, 400), ("SharePoint", 300, 400)],
        );
        p.workloads[1].active = 20;
        for w in &mut p.workloads {
            w.as_of = Some(now() - chrono::TimeDelta::days(40));
        }
        let s = run(vec![p]);
        // unused 770 entitlements beats 300 unassigned seats.
        assert_eq!(
            ids(&s),
            vec![
                ActionId::RefreshData,
                ActionId::ShowValue,
                ActionId::AssignLicenses
            ]
        );
        assert_eq!(
            s.iter().map(|s| s.priority).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
    }

    #[test]
    fn a_usage_drop_since_the_previous_point_gives_usage_falling() {
        let mut p = prod("E3", 50, 50, &[("Exchange", 30, 50)]);
        p.workloads[0].history.push(crate::model::UsagePoint {
            as_of: now() - chrono::TimeDelta::days(40),
            active: 40,
            qualified: 50,
        });
        let s = run(vec![p.clone()]);
        assert_eq!(ids(&s), [ActionId::UsageFalling]);
        assert_eq!(
            s[0].why,
            "usage fell from 80 % to 60 % (-20 points) since 2025-05-10; threshold 10 points"
        );
        p.workloads[0].history[0].active = 34;
        assert!(
            !ids(&run(vec![p])).contains(&ActionId::UsageFalling),
            "8 points < 10"
        );
    }

    #[test]
    fn na_customer_gets_no_ratio_rules() {
        let s = run(vec![prod("TRIAL", 0, 0, &[("Exchange", 0, 0)])]);
        assert!(s.is_empty(), "{s:?}");
    }
}
