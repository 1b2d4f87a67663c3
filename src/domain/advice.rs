//! Suggested actions: pure rules from (customer, metrics, thresholds) to ranked suggestions,
//! each with a *why* line that quotes the numbers and the threshold that triggered it.
//! The playbook is the Partner Center page's "next steps", extended (see DESIGN.md).

use serde::Serialize;

use crate::domain::metrics::{CustomerMetrics, Flag, Renewal};
use crate::domain::model::{Customer, Product, Timestamp};
use crate::domain::thresholds::Thresholds;
use crate::text::Clean;

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
    // Graph users (issue 14)
    ReclaimLicenses,
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
            ActionId::ReclaimLicenses => "reclaim_licenses",
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
            | ActionId::Training
            | ActionId::ReclaimLicenses => 2,
            ActionId::Expand => 3,
        }
    }
}

/// One workload's usage over 100 % (the check_data rule quotes the highest).
#[derive(Debug, Clone, PartialEq)]
pub struct OverItem {
    pub product: Clean,
    pub workload: Clean,
    pub percent: Option<f64>,
    pub active: u64,
    pub qualified: u64,
}

/// Products with licenses assigned and none sold (a trial, or a subscription not in the data).
#[derive(Debug, Clone, PartialEq)]
pub struct AssignedUnsold {
    /// The first such product, and its assigned seats.
    pub product: Clean,
    pub seats: u64,
    /// How many more products are like it.
    pub more: usize,
    /// The assigned seats of all of them.
    pub total: u64,
}

/// When seats of one product can be reduced (subscriptions sidecar): in the open cancellation
/// window, or at the renewal. Only this partner's seats can be reduced, so `seats` is capped
/// at `yours`.
#[derive(Debug, Clone, PartialEq)]
pub struct Reduce {
    pub product: Clean,
    pub seats: u64,
    /// This partner's seats of the product, and all seats sold (other partners' included).
    pub yours: u64,
    pub sold: u64,
    /// The cancellation window is open until then.
    pub until: Option<Timestamp>,
    /// The renewal (within the renewal window).
    pub renewal: Option<Timestamp>,
    pub auto_renew: Option<bool>,
}

/// The numbers and the threshold that triggered a rule, kept as numbers so the why line is
/// written in the reader's language (and in English for JSON).
#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    CheckData {
        /// Most inflated first.
        over: Vec<OverItem>,
        overall: Option<f64>,
    },
    RefreshData {
        oldest: Timestamp,
        days: i64,
        limit: i64,
    },
    ConvertTrial {
        /// The products with licenses assigned and none sold.
        assigned: Option<AssignedUnsold>,
        trials: Vec<String>,
        /// The first trial's paid product (its offer without "Trial"), when that differs.
        paid: Option<String>,
    },
    ShowValue {
        usage: f64,
        limit: f64,
        /// Workload entitlements not active, of all workload entitlements.
        unused: u64,
        qualified: u64,
        /// Licenses with no active user in any workload (an upper estimate), of all licenses.
        idle: u64,
        licenses: u64,
        /// What the idle seats cost a month, where priced.
        cost: Option<crate::domain::commerce::Money>,
        /// Some of those seats are of products without a price: the cost covers the others.
        cost_partial: bool,
        reduce: Option<Reduce>,
    },
    AssignLicenses {
        deployment: f64,
        limit: f64,
        unassigned: u64,
        sold: u64,
        /// The product with most unassigned seats, when there are several products.
        most: Option<(Clean, u64)>,
        /// Renewal date and days to it, when it is soon.
        renewal: Option<Renewal>,
        /// Of the unassigned seats, those the partner's buffers tolerate (the suggestion
        /// concerns the rest).
        buffer: u64,
        /// The buffers configured for the customer's products with unassigned seats.
        buffer_configured: u64,
        /// What the unassigned seats beyond the buffers cost a month, where priced.
        cost: Option<crate::domain::commerce::Money>,
        /// Some of those seats are of products without a price: the cost covers the others.
        cost_partial: bool,
        reduce: Option<Reduce>,
    },
    WorkloadAdoption {
        product: Clean,
        workload: Clean,
        percent: Option<f64>,
        active: u64,
        qualified: u64,
        gap: f64,
        others: f64,
        limit: f64,
    },
    Training {
        open: u32,
        recent: u32,
        open_limit: u32,
        recent_limit: u32,
    },
    UsageFalling {
        from: f64,
        to: f64,
        delta: f64,
        since: Timestamp,
        limit: f64,
        /// The overall usage shown comes from another source (Microsoft Graph): the drop is
        /// Partner Center's and says so.
        named: bool,
    },
    // Graph users (issue 14)
    ReclaimLicenses {
        /// Licensed users inactive `days` or more (never active: licensed that long).
        users: u64,
        days: i64,
        /// The products those users hold, most held first (name, users).
        products: Vec<(Clean, u64)>,
        /// The Graph report's refresh date.
        refresh: chrono::NaiveDate,
    },
    Expand {
        deployment: f64,
        deployment_limit: f64,
        usage: f64,
        usage_limit: f64,
        assigned: u64,
        sold: u64,
        active: u64,
        qualified: u64,
        /// The product to offer (upgrade map), and the product it upgrades.
        offer: Option<(Clean, Clean)>,
    },
}

/// One suggested action for one customer.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub id: ActionId,
    /// 1 = do first.
    pub priority: u8,
    /// The numbers and the threshold that triggered the rule.
    pub why: Why,
    /// The licenses (seats) the suggestion concerns, never more than the customer's
    /// licenses: the ranking and the portfolio's opportunities use it.
    pub licenses: u64,
    /// The partner's own resources for this action (`[resources]` in config.toml): texts and
    /// links to send the customer.
    pub resources: std::sync::Arc<[Clean]>,
}

impl Suggestion {}

fn suggestion(id: ActionId, why: Why, licenses: u64) -> Suggestion {
    Suggestion {
        id,
        priority: 0,
        why,
        licenses,
        resources: std::sync::Arc::from([]),
    }
}

/// Every rule that fires for the customer, ranked (priority 1 first).
pub fn advise(c: &Customer, m: &CustomerMetrics, t: &Thresholds) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = [
        check_data(c, m),
        refresh_data(m, t),
        convert_trial(c, m),
        show_value(c, m, t),
        assign_licenses(c, m, t),
        workload_adoption(c, m, t),
        expand(c, m, t),
        usage_falling(m, t),
        training(m, t),
        reclaim_licenses(c, m, t),
    ]
    .into_iter()
    .flatten()
    .collect();
    // No rule may quote more licenses than the customer has: `licenses` is already the larger
    // of Partner Center's and the tenant's (Graph) counts (see `metrics::sources`).
    for s in &mut out {
        s.licenses = s.licenses.min(m.licenses);
        s.resources = t.commerce.resources(s.id.id());
    }
    out.sort_by(|a, b| {
        (a.id.tier(), std::cmp::Reverse(a.licenses), a.id).cmp(&(
            b.id.tier(),
            std::cmp::Reverse(b.licenses),
            b.id,
        ))
    });
    for (i, s) in out.iter_mut().enumerate() {
        s.priority = u8::try_from(i + 1).unwrap_or(u8::MAX);
    }
    // Kept for every customer of the portfolio: no room for more.
    out.shrink_to_fit();
    out
}

fn check_data(c: &Customer, m: &CustomerMetrics) -> Option<Suggestion> {
    if !m.has(Flag::UsageOver100) {
        return None;
    }
    let mut over: Vec<OverItem> = c
        .products
        .iter()
        .zip(&m.products)
        .flat_map(|(p, pm)| {
            p.workloads
                .iter()
                .zip(&pm.workloads)
                .map(move |(w, wm)| OverItem {
                    product: p.name.clone(),
                    workload: w.name.clone(),
                    percent: wm.percent,
                    active: wm.active,
                    qualified: wm.qualified,
                })
        })
        .filter(|o| o.percent.is_some_and(|x| x > 100.0))
        .collect();
    // The most inflated figure first.
    over.sort_by(|a, b| {
        b.percent
            .partial_cmp(&a.percent)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    // The licenses of the products whose figures are to be checked.
    let licenses = c
        .products
        .iter()
        .zip(&m.products)
        .filter(|(_, pm)| {
            pm.workloads
                .iter()
                .any(|w| w.flags.contains(&Flag::UsageOver100))
        })
        .map(|(p, _)| crate::domain::metrics::product_licenses(p))
        .sum();
    let why = Why::CheckData {
        over,
        overall: m.usage,
    };
    Some(suggestion(ActionId::CheckData, why, licenses))
}

fn refresh_data(m: &CustomerMetrics, t: &Thresholds) -> Option<Suggestion> {
    let days = m.age_days.filter(|d| *d > t.stale_days)?;
    let oldest = [m.deployment_as_of, m.usage_as_of]
        .into_iter()
        .flatten()
        .min()?;
    let why = Why::RefreshData {
        oldest,
        days,
        limit: t.stale_days,
    };
    Some(suggestion(ActionId::RefreshData, why, m.licenses))
}

fn convert_trial(c: &Customer, m: &CustomerMetrics) -> Option<Suggestion> {
    let assigned: Vec<(&Clean, u64)> = c
        .products
        .iter()
        .zip(&m.products)
        .filter(|(_, pm)| pm.flags.contains(&Flag::AssignedWithoutSold))
        .map(|(p, pm)| (&p.name, pm.assigned.unwrap_or(0)))
        .collect();
    let total: u64 = assigned.iter().map(|(_, a)| a).sum();
    if assigned.is_empty() && m.trials.is_empty() {
        return None;
    }
    let why = Why::ConvertTrial {
        assigned: assigned.first().map(|(name, seats)| AssignedUnsold {
            product: (*name).clone(),
            seats: *seats,
            more: assigned.len() - 1,
            total,
        }),
        paid: m.trials.first().and_then(|t| paid_product(t)),
        trials: m.trials.clone(),
    };
    Some(suggestion(ActionId::ConvertTrial, why, total))
}

fn show_value(c: &Customer, m: &CustomerMetrics, t: &Thresholds) -> Option<Suggestion> {
    let usage = m.usage.filter(|u| *u < t.low_usage)?;
    let unused = m.qualified.saturating_sub(m.active);
    let why = Why::ShowValue {
        usage,
        limit: t.low_usage,
        unused,
        qualified: m.qualified,
        idle: m.idle_licenses.min(m.licenses),
        licenses: m.licenses,
        // The cost is priced per Partner Center product: not quoted beside Graph's idle seats.
        cost: m
            .cost
            .and_then(|c| c.idle_per_month)
            .filter(|_| m.usage_source == crate::domain::metrics::Origin::PartnerCenter),
        cost_partial: !m.unpriced.is_empty(),
        reduce: reduce(c, m, t, |_, pm| pm.unused_seats),
    };
    Some(suggestion(ActionId::ShowValue, why, m.unused_seats))
}

fn assign_licenses(c: &Customer, m: &CustomerMetrics, t: &Thresholds) -> Option<Suggestion> {
    let deployment = m.deployment.filter(|d| *d < t.low_deployment)?;
    // The partner's buffers: so many unassigned seats of a product are tolerated.
    let kept = |p: &Product, pm: &crate::domain::metrics::ProductMetrics| {
        t.commerce.buffer(p.name.as_str()).min(pm.unassigned)
    };
    let pairs = || c.products.iter().zip(&m.products);
    let buffer: u64 = pairs().map(|(p, pm)| kept(p, pm)).sum();
    let buffer_configured: u64 = pairs()
        .filter(|(_, pm)| pm.unassigned > 0)
        .map(|(p, _)| t.commerce.buffer(p.name.as_str()))
        .fold(0, u64::saturating_add);
    // What the seats beyond the buffers cost, over the priced products.
    let cost = m.cost.map(|total| crate::domain::commerce::Money {
        cents: pairs()
            .filter_map(|(p, pm)| {
                let price = pm.cost?.price;
                Some(price.times(pm.unassigned - kept(p, pm)).cents)
            })
            .fold(0, u64::saturating_add),
        currency: total.price.currency,
    });
    let unassigned = m.sold.saturating_sub(m.assigned);
    // The seats the rule is about: those beyond the buffers.
    let beyond = unassigned.saturating_sub(buffer);
    if beyond == 0 {
        return None;
    }
    let most = c
        .products
        .iter()
        .zip(&m.products)
        .filter(|(_, pm)| pm.unassigned > 0)
        .max_by_key(|(_, pm)| pm.unassigned)
        .filter(|_| c.products.len() > 1)
        .map(|(p, pm)| (p.name.clone(), pm.unassigned));
    let why = Why::AssignLicenses {
        deployment,
        limit: t.low_deployment,
        unassigned,
        sold: m.sold,
        most,
        renewal: m.renewal.filter(|_| m.renewing_soon),
        buffer,
        buffer_configured,
        cost,
        cost_partial: !m.unpriced.is_empty(),
        // The seats a buffer keeps are not to be reduced.
        reduce: reduce(c, m, t, |p, pm| pm.unassigned - kept(p, pm)),
    };
    Some(suggestion(ActionId::AssignLicenses, why, beyond))
}

/// The workload furthest behind the other workloads of the same product (a license is counted
/// once per workload it covers, so only the rows of one product compare like with like). Rows
/// without entitlements are not measured; a workload over 100 % counts as 100 %, so nothing
/// lags behind an inflated figure. Of several products, the one with most licenses concerned.
fn workload_adoption(c: &Customer, m: &CustomerMetrics, t: &Thresholds) -> Option<Suggestion> {
    let mut best: Option<(u64, Why)> = None;
    for (p, pm) in c.products.iter().zip(&m.products) {
        let measured: Vec<(&Clean, &crate::domain::metrics::WorkloadMetrics)> = p
            .workloads
            .iter()
            .zip(&pm.workloads)
            .filter(|(_, wm)| wm.qualified > 0)
            .map(|(w, wm)| (&w.name, wm))
            .collect();
        if measured.len() < 2 {
            continue;
        }
        let Some(&(name, lowest)) = measured.iter().min_by(|a, b| {
            let ratio =
                |w: &crate::domain::metrics::WorkloadMetrics| w.active as f64 / w.qualified as f64;
            ratio(a.1).total_cmp(&ratio(b.1))
        }) else {
            continue;
        };
        let (active, qualified) = measured
            .iter()
            .filter(|(n, _)| !std::ptr::eq(*n, name))
            .fold((0, 0), |(a, q), (_, w)| {
                (a + w.active.min(w.qualified), q + w.qualified)
            });
        let (Some(others), Some(percent)) = (
            crate::domain::metrics::percent(active, qualified),
            lowest.percent,
        ) else {
            continue;
        };
        let gap = others - percent;
        if gap < t.workload_gap {
            continue;
        }
        let licenses = lowest.qualified.saturating_sub(lowest.active);
        if best.as_ref().is_some_and(|(l, _)| *l >= licenses) {
            continue;
        }
        let why = Why::WorkloadAdoption {
            product: p.name.clone(),
            workload: name.clone(),
            percent: lowest.percent,
            active: lowest.active,
            qualified: lowest.qualified,
            gap,
            others,
            limit: t.workload_gap,
        };
        best = Some((licenses, why));
    }
    let (licenses, why) = best?;
    Some(suggestion(
        ActionId::WorkloadAdoption,
        why,
        licenses.min(m.licenses),
    ))
}

fn training(m: &CustomerMetrics, t: &Thresholds) -> Option<Suggestion> {
    if !m.has(Flag::ManySupportRequests) {
        return None;
    }
    let s = m.support?;
    let why = Why::Training {
        open: s.open,
        recent: s.recent,
        open_limit: t.training_open_requests,
        recent_limit: t.training_recent_requests,
    };
    Some(suggestion(ActionId::Training, why, m.unused_seats))
}

fn usage_falling(m: &CustomerMetrics, t: &Thresholds) -> Option<Suggestion> {
    let (delta, since) = m.usage_delta.filter(|(d, _)| *d <= -t.usage_drop)?;
    // The trend's own current point: a drop compares one source with itself (Partner Center
    // now and then), never Graph's newer headline with Partner Center's past.
    let now = m.partner.usage?;
    // The earlier figure itself (the change is between the whole percentages shown, so
    // `now - delta` is the figure only to the nearest point).
    let from = (m.trend.iter())
        .find(|p| p.usage_as_of == since)
        .and_then(|p| p.usage)
        .unwrap_or(now - delta);
    let why = Why::UsageFalling {
        from,
        to: now,
        delta,
        since,
        limit: t.usage_drop,
        named: m.usage_source != crate::domain::metrics::Origin::PartnerCenter,
    };
    // The drop in points, applied to the licenses of the products with usage data.
    let licenses = (-delta / 100.0 * m.usage_licenses as f64).round() as u64;
    Some(suggestion(ActionId::UsageFalling, why, licenses))
}

fn expand(c: &Customer, m: &CustomerMetrics, t: &Thresholds) -> Option<Suggestion> {
    let d = m.deployment.filter(|d| *d >= t.expand_deployment)?;
    let u = m.usage.filter(|u| *u >= t.expand_usage)?;
    if m.has(Flag::UsageOver100) && u > 100.0 {
        // Verify first: check_data explains why this figure may be inflated.
        return None;
    }
    // A workload over 100 % must not carry the others over the threshold (check_data asks to
    // verify it first): the usage with every workload counted at most at 100 % must reach it.
    if m.capped_usage.is_none_or(|c| c < t.expand_usage) {
        return None;
    }
    let why = Why::Expand {
        deployment: d,
        deployment_limit: t.expand_deployment,
        usage: u,
        usage_limit: t.expand_usage,
        assigned: m.assigned,
        sold: m.sold,
        active: m.active,
        qualified: m.qualified,
        offer: offer(c, t),
    };
    Some(suggestion(ActionId::Expand, why, m.sold))
}

/// The product to offer: the upgrade of the customer's product with most seats that has one.
fn offer(c: &Customer, t: &Thresholds) -> Option<(Clean, Clean)> {
    c.products
        .iter()
        .filter_map(|p| Some((p, t.commerce.upgrade(p.name.as_str())?)))
        .max_by_key(|(p, _)| crate::domain::metrics::product_licenses(p))
        .map(|(p, to)| (p.name.clone(), to.clone()))
}

/// A trial's paid product: its offer without the word "Trial" (`Microsoft 365 Business Premium
/// Trial` → `Microsoft 365 Business Premium`); `None` when the name says nothing more.
pub fn paid_product(trial: &str) -> Option<String> {
    let words: Vec<&str> = trial
        .split_whitespace()
        .filter(|w| {
            !w.trim_matches(|c: char| !c.is_alphanumeric())
                .eq_ignore_ascii_case("trial")
        })
        .collect();
    let paid = words.join(" ");
    let paid = paid.trim_end_matches(['-', '(', ' ']);
    (!paid.is_empty() && paid != trial.trim()).then(|| paid.to_string())
}

/// When seats can be reduced: of the products with seats to reduce (`seats`) and an open
/// cancellation window or a renewal within the renewal window, the one with most of them.
fn reduce(
    c: &Customer,
    m: &CustomerMetrics,
    t: &Thresholds,
    seats: impl Fn(&Product, &crate::domain::metrics::ProductMetrics) -> u64,
) -> Option<Reduce> {
    c.products
        .iter()
        .zip(&m.products)
        .flat_map(|(p, pm)| pm.terms.iter().map(move |terms| (p, pm, terms)))
        .filter_map(|(p, pm, terms)| {
            let renewal = terms
                .renewal
                .filter(|_| terms.renewal_days.is_some_and(|d| d <= t.renewal_days));
            // Only the seats of this renewal's subscriptions can be reduced at it.
            let n = seats(p, pm).min(terms.seats);
            (n > 0 && (terms.reduce_until.is_some() || renewal.is_some())).then(|| Reduce {
                product: p.name.clone(),
                seats: n,
                yours: terms.yours,
                sold: pm.sold.unwrap_or(0),
                until: terms.reduce_until,
                renewal,
                auto_renew: terms.auto_renew,
            })
        })
        .max_by_key(|r| r.seats)
}

// Graph users (issue 14)
/// Licensed users inactive `reclaim_days` or more (never active: licensed that long), from the
/// tenant's Graph report. Licenses: the products those users hold (at least one each).
/// Not from a report dated in the future: its users' days of inactivity are counted to a date
/// that has not come.
fn reclaim_licenses(c: &Customer, m: &CustomerMetrics, t: &Thresholds) -> Option<Suggestion> {
    if m.graph_ahead {
        return None;
    }
    let tenant = c.graph.as_deref()?;
    let refresh = tenant.refresh()?;
    let r = tenant.reclaim(t.reclaim_days);
    if r.users == 0 {
        return None;
    }
    let why = Why::ReclaimLicenses {
        users: r.users,
        days: t.reclaim_days,
        products: r.products,
        refresh,
    };
    Some(suggestion(ActionId::ReclaimLicenses, why, r.licenses))
}
