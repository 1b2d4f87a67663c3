//! Non-interactive output for `show` and `list`: JSON (the scripting contract) and text.

use chrono::SecondsFormat;
use serde::Serialize;

use crate::domain::advice::{ActionId, Suggestion};
use crate::domain::analysis::{Assessment, SortKey};
use crate::domain::metrics::{Cost, CustomerMetrics, Flags, Terms};
use crate::domain::model::{BillingCycle, Customer, Timestamp};
use crate::i18n::Lang;
use crate::present::format;
use crate::text::{fit, fit_right, width};

pub use crate::present::summary::{Markup, summary};
use crate::tr;

#[derive(Serialize)]
struct CustomerRef<'a> {
    id: Option<&'a str>,
    name: &'a str,
}

#[derive(Serialize)]
struct AsOf {
    deployment: Option<String>,
    usage: Option<String>,
}

#[derive(Serialize)]
struct DeploymentJson {
    assigned: u64,
    sold: u64,
    percent: Option<f64>,
    unassigned: u64,
    /// Where the figures come from (`partner_center`, `graph`); only for a customer with
    /// Microsoft Graph data beside Partner Center's.
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'static str>,
}

#[derive(Serialize)]
struct UsageJson {
    active: u64,
    qualified: u64,
    percent: Option<f64>,
    /// True when the roll-up spans several products (users may be counted twice).
    approximate: bool,
    /// As [`DeploymentJson::source`].
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'static str>,
}

/// Partner Center's own figures, when Microsoft Graph's newer ones head the customer.
#[derive(Serialize)]
struct PartnerJson {
    as_of: AsOf,
    deployment: PartnerFigures,
    usage: PartnerFigures,
}

#[derive(Serialize)]
struct PartnerFigures {
    of: u64,
    total: u64,
    percent: Option<f64>,
}

#[derive(Serialize)]
struct WorkloadJson<'a> {
    name: &'a str,
    code: Option<&'a str>,
    active: u64,
    qualified: u64,
    usage_percent: Option<f64>,
    flags: Flags,
}

#[derive(Serialize)]
struct ProductJson<'a> {
    name: &'a str,
    id: Option<&'a str>,
    service: &'a str,
    assigned: Option<u64>,
    sold: Option<u64>,
    deployment_percent: Option<f64>,
    flags: Flags,
    workloads: Vec<WorkloadJson<'a>>,
    /// Null without a price for the product.
    cost: Option<CostJson>,
    /// The next renewal with only its own seats (`seats`); null without a live, paid
    /// subscription of the product in the subscriptions sidecar.
    renewal: Option<RenewalJson>,
    /// Every renewal of the product (one per date and terms), the next first.
    renewals: Vec<RenewalJson>,
}

/// What idle seats cost per month at the partner's price (amounts in the currency's units).
#[derive(Serialize)]
struct CostJson {
    currency: &'static str,
    /// The price per license and month it was computed with (per product only).
    #[serde(skip_serializing_if = "Option::is_none")]
    price_per_month: Option<f64>,
    unassigned_per_month: f64,
    /// Null without usage data (idle seats are usage-based).
    idle_per_month: Option<f64>,
    /// Per customer: the products with unassigned or idle seats but no price, left out of the
    /// sums (`partial` when there are any).
    #[serde(skip_serializing_if = "Option::is_none")]
    unpriced_products: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    partial: Option<bool>,
}

impl CostJson {
    fn new(c: Cost, per_product: bool) -> Self {
        Self {
            currency: c.price.currency.code,
            price_per_month: per_product.then(|| c.price.amount()),
            unassigned_per_month: c.unassigned_per_month.amount(),
            idle_per_month: c.idle_per_month.map(|m| m.amount()),
            unpriced_products: None,
            partial: None,
        }
    }
}

/// A product's renewal terms; null fields where the sidecar lacks them.
#[derive(Serialize)]
struct RenewalJson {
    date: Option<String>,
    auto_renew: Option<bool>,
    /// ISO 8601: `P1M`, `P1Y`, `P3Y`.
    term: Option<String>,
    billing_cycle: Option<&'static str>,
    /// The cancellation window: seats can be reduced until then.
    reduce_until: Option<String>,
    /// This partner's seats of the product (sold counts other partners' too).
    yours: u64,
    /// The seats of the subscriptions of this renewal (part of `yours` when the product has
    /// several subscriptions renewing on different dates or terms).
    seats: u64,
}

impl From<Terms> for RenewalJson {
    fn from(t: Terms) -> Self {
        Self {
            date: iso(t.renewal),
            auto_renew: t.auto_renew,
            term: t.term_months.map(|m| {
                if m % 12 == 0 {
                    format!("P{}Y", m / 12)
                } else {
                    format!("P{m}M")
                }
            }),
            billing_cycle: t.billing.map(|b| match b {
                BillingCycle::Monthly => "monthly",
                BillingCycle::Annual => "annual",
                BillingCycle::Triennial => "triennial",
                BillingCycle::OneTime => "one_time",
            }),
            reduce_until: iso(t.reduce_until),
            yours: t.yours,
            seats: t.seats,
        }
    }
}

#[derive(Serialize)]
struct PastProductJson<'a> {
    name: &'a str,
    service: &'a str,
    last_seen: Option<String>,
}

#[derive(Serialize)]
struct TrialJson<'a> {
    offer: &'a str,
    ends: Option<String>,
}

#[derive(Serialize)]
struct TrendPointJson {
    /// The point's date (the newer of its deployment and usage dates).
    as_of: String,
    /// The date of the point's usage figure.
    usage_as_of: String,
    /// The date of the point's deployment figure (an earlier point's: its `as_of`).
    deployment_as_of: String,
    deployment_percent: Option<f64>,
    usage_percent: Option<f64>,
}

#[derive(Serialize)]
struct TrendJson {
    /// Percentage points since the newest point at least 20 days older; null without one.
    usage_delta: Option<f64>,
    deployment_delta: Option<f64>,
    /// The usage date of the point `usage_delta` compares with (else, without a usage delta,
    /// `deployment_since`).
    since: Option<String>,
    /// The date of the point `deployment_delta` compares with: a source the newest snapshot
    /// lacks comes from an older one, and is compared with the point before that one.
    deployment_since: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    points: Option<Vec<TrendPointJson>>,
}

#[derive(Serialize)]
struct SupportJson {
    open: u32,
    recent: u32,
    total: u32,
}

#[derive(Serialize)]
struct SubscriptionsJson<'a> {
    trials: &'a [String],
    /// The live trials with their end dates (null where a subscription carries none).
    trial_ends: Vec<TrialJson<'a>>,
    renews: Option<String>,
    renews_in_days: Option<i64>,
}

#[derive(Serialize)]
struct ActionJson {
    id: ActionId,
    title: &'static str,
    why: String,
    priority: u8,
    /// The licenses the action concerns (≤ the customer's `licenses`).
    licenses: u64,
    /// The partner's own resources for the action (config `[resources]`).
    resources: Vec<String>,
}

#[derive(Serialize)]
struct CustomerJson<'a> {
    customer: CustomerRef<'a>,
    as_of: AsOf,
    deployment: DeploymentJson,
    usage: UsageJson,
    #[serde(skip_serializing_if = "Option::is_none")]
    products: Option<Vec<ProductJson<'a>>>,
    /// Products seen only at earlier dates: history, not in the current figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    not_in_latest_data: Option<Vec<PastProductJson<'a>>>,
    unused_seats: u64,
    /// The customer's licenses: per product the larger of sold and assigned, summed.
    licenses: u64,
    /// Summed over the priced products; null without any price.
    cost: Option<CostJson>,
    /// Null when no service-request sidecar was loaded.
    support: Option<SupportJson>,
    /// Null when no subscriptions sidecar was loaded.
    subscriptions: Option<SubscriptionsJson<'a>>,
    trend: TrendJson,
    flags: Flags,
    actions: Vec<ActionJson>,
    /// Microsoft Graph data of the tenant (issue 14); absent when none was loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    graph: Option<crate::present::users::TenantJson<'a>>,
    /// Partner Center's figures where Graph's newer ones replace them above.
    #[serde(skip_serializing_if = "Option::is_none")]
    partner_center: Option<PartnerJson>,
}

/// Partner Center's headline when Graph heads a figure of `m`.
fn partner_json(m: &CustomerMetrics) -> Option<PartnerJson> {
    use crate::domain::metrics::Origin::Graph;
    let p = &m.partner;
    (m.deployment_source == Graph || m.usage_source == Graph).then(|| PartnerJson {
        as_of: AsOf {
            deployment: iso(p.deployment_as_of),
            usage: iso(p.usage_as_of),
        },
        deployment: PartnerFigures {
            of: p.assigned,
            total: p.sold,
            percent: p.deployment,
        },
        usage: PartnerFigures {
            of: p.active,
            total: p.qualified,
            percent: p.usage,
        },
    })
}

fn iso(t: Option<Timestamp>) -> Option<String> {
    t.map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
}

/// The current products with their workloads.
fn products_json<'a>(c: &'a Customer, m: &'a CustomerMetrics) -> Vec<ProductJson<'a>> {
    c.products
        .iter()
        .zip(&m.products)
        .filter(|(p, _)| !p.is_past())
        .map(|(p, pm)| ProductJson {
            name: p.name.as_str(),
            id: p.id.as_ref().map(|i| i.as_str()),
            service: p.service.code(),
            assigned: pm.assigned,
            sold: pm.sold,
            deployment_percent: pm.percent,
            flags: pm.flags,
            workloads: p
                .workloads
                .iter()
                .zip(&pm.workloads)
                .map(|(w, wm)| WorkloadJson {
                    name: w.name.as_str(),
                    code: w.code.as_ref().map(|c| c.as_str()),
                    active: wm.active,
                    qualified: wm.qualified,
                    usage_percent: wm.percent,
                    flags: wm.flags,
                })
                .collect(),
            cost: pm.cost.map(|c| CostJson::new(c, true)),
            renewal: pm.terms.first().copied().map(RenewalJson::from),
            renewals: pm.terms.iter().copied().map(RenewalJson::from).collect(),
        })
        .collect()
}

/// The trend: the last changes, and with `with_points` its points.
fn trend_json(m: &CustomerMetrics, with_points: bool) -> TrendJson {
    TrendJson {
        usage_delta: m.usage_delta.map(|d| d.0),
        deployment_delta: m.deployment_delta.map(|d| d.0),
        since: iso(m.usage_delta.or(m.deployment_delta).map(|d| d.1)),
        deployment_since: iso(m.deployment_delta.map(|d| d.1)),
        points: with_points.then(|| {
            m.trend
                .iter()
                .map(|p| TrendPointJson {
                    as_of: iso(Some(p.as_of)).unwrap_or_default(),
                    usage_as_of: iso(Some(p.usage_as_of)).unwrap_or_default(),
                    deployment_as_of: iso(Some(p.deployment_as_of)).unwrap_or_default(),
                    deployment_percent: p.deployment,
                    usage_percent: p.usage,
                })
                .collect()
        }),
    }
}

fn customer_json<'a>(c: &'a Customer, a: &'a Assessment, with_products: bool) -> CustomerJson<'a> {
    let m = &a.metrics;
    let products = with_products.then(|| products_json(c, m));
    CustomerJson {
        customer: CustomerRef {
            id: c.id.as_ref().map(|i| i.as_str()),
            name: c.name.as_str(),
        },
        as_of: AsOf {
            deployment: iso(m.deployment_as_of),
            usage: iso(m.usage_as_of),
        },
        deployment: DeploymentJson {
            assigned: m.assigned,
            sold: m.sold,
            percent: m.deployment,
            unassigned: m.unassigned,
            source: (c.graph.is_some() && m.has_deployment_data)
                .then(|| m.deployment_source.code()),
        },
        usage: UsageJson {
            active: m.active,
            qualified: m.qualified,
            percent: m.usage,
            approximate: m.usage_approx,
            source: (c.graph.is_some() && m.has_usage_data).then(|| m.usage_source.code()),
        },
        products,
        not_in_latest_data: with_products.then(|| {
            c.products
                .iter()
                .filter(|p| p.is_past())
                .map(|p| PastProductJson {
                    name: p.name.as_str(),
                    service: p.service.code(),
                    last_seen: iso(p.last_seen()),
                })
                .collect()
        }),
        unused_seats: m.unused_seats,
        licenses: m.licenses,
        cost: m.cost.map(|c| CostJson {
            unpriced_products: Some(m.unpriced.clone()),
            partial: Some(!m.unpriced.is_empty()),
            ..CostJson::new(c, false)
        }),
        support: m.support.map(|s| SupportJson {
            open: s.open,
            recent: s.recent,
            total: s.total,
        }),
        subscriptions: c.subscriptions.as_ref().map(|_| SubscriptionsJson {
            trials: &m.trials,
            trial_ends: c
                .live_trials()
                .map(|s| TrialJson {
                    offer: s.offer.as_str(),
                    ends: iso(s.commitment_end),
                })
                .collect(),
            renews: iso(m.renewal.map(|r| r.date)),
            renews_in_days: m.renewal.map(|r| r.days),
        }),
        trend: trend_json(m, with_products),
        flags: m.flags,
        actions: a.actions.iter().map(action_json).collect(),
        graph: None,
        partner_center: partner_json(m),
    }
}

/// JSON is the scripting contract: its titles and why lines are always English.
fn action_json(s: &Suggestion) -> ActionJson {
    ActionJson {
        id: s.id,
        title: s.title(Lang::En),
        why: s.why_text(Lang::En),
        priority: s.priority,
        licenses: s.licenses,
        resources: s.resources.iter().map(|r| r.to_string()).collect(),
    }
}

/// `show --json`: one object.
pub fn show_json(c: &Customer, a: &Assessment, names: &crate::domain::graph::SkuNames) -> String {
    let mut json = customer_json(c, a, true);
    json.graph = c.graph.as_deref().map(|t| {
        let mut j = crate::present::users::tenant_json(t, names);
        j.dated_ahead = a.metrics.graph_ahead;
        j
    });
    serde_json::to_string_pretty(&json).expect("serialisable")
}

/// `list --json`: an array of the same objects without products.
pub fn list_json<'a>(rows: impl Iterator<Item = (&'a Customer, &'a Assessment)>) -> String {
    let items: Vec<_> = rows.map(|(c, a)| customer_json(c, a, false)).collect();
    serde_json::to_string_pretty(&items).expect("serialisable")
}

/// CSV for `list --csv`: one row per customer; sorted by cost (`with_cost`), the cost a month,
/// its currency and which seats it counts (`idle` where usage says which, else `unassigned`).
pub fn list_csv<'a>(
    rows: impl Iterator<Item = (&'a Customer, &'a Assessment)>,
    with_cost: bool,
) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let cost_header = ["cost_per_month", "cost_currency", "cost_seats"];
    let mut header = vec![
        "id",
        "name",
        "deployment_percent",
        "assigned",
        "sold",
        "usage_percent",
        "active",
        "qualified",
        "unused_seats",
        "flags",
        "top_action",
    ];
    if with_cost {
        header.extend(cost_header);
    }
    w.write_record(&header)?;
    let pct = |p: Option<f64>| p.map(|p| p.to_string()).unwrap_or_default();
    for (c, a) in rows {
        let m = &a.metrics;
        let flags: Vec<_> = m.flags.iter().map(|f| f.id()).collect();
        // Text cells can come from data: no cell may start a spreadsheet formula.
        let safe = crate::text::spreadsheet_safe;
        let mut record: Vec<String> = [
            &*safe(c.id.as_ref().map_or("", |i| i.as_str())),
            &*safe(c.name.as_str()),
            &pct(m.deployment),
            &m.assigned.to_string(),
            &m.sold.to_string(),
            &pct(m.usage),
            &m.active.to_string(),
            &m.qualified.to_string(),
            &m.unused_seats.to_string(),
            &*safe(&flags.join(" ")),
            &*safe(a.actions.first().map_or("", |s| s.id.id())),
        ]
        .map(str::to_string)
        .into();
        if with_cost {
            let (amount, code, seats) = m.cost.map_or(Default::default(), |c| {
                let m = c.idle_or_unassigned();
                let seats = if c.idle_per_month.is_some() {
                    "idle"
                } else {
                    "unassigned"
                };
                (format!("{:.2}", m.amount()), m.currency.code, seats)
            });
            record.extend([amount, code.to_string(), seats.to_string()]);
        }
        w.write_record(&record)?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// `list`: a table for a terminal, with the column the sort adds (as the list on screen has):
/// the cost a month, never cut (`*` marks unassigned seats' cost), or the usage change.
pub fn list_text<'a>(
    rows: impl Iterator<Item = (&'a Customer, &'a Assessment)>,
    lang: Lang,
    sort: SortKey,
) -> String {
    let rows: Vec<_> = rows.collect();
    let cost = |a: &Assessment| {
        a.metrics.cost.map_or("–".to_string(), |c| {
            let mark = if c.idle_per_month.is_some() { " " } else { "*" };
            format::money(lang, c.idle_or_unassigned()) + mark
        })
    };
    let drop =
        |a: &Assessment| (a.metrics.usage_delta).map_or("–".to_string(), |d| format::delta(d.0));
    let extra: Option<(&str, Vec<String>)> = match sort {
        SortKey::CostDesc => Some((
            tr!(lang, ColCostShort),
            rows.iter().map(|(_, a)| cost(a)).collect(),
        )),
        SortKey::DropDesc => Some((
            tr!(lang, ColDropShort),
            rows.iter().map(|(_, a)| drop(a)).collect(),
        )),
        _ => None,
    };
    // The added column, right-aligned to its widest cell (header included).
    let extra_cells = extra.as_ref().map_or(0, |(h, cells)| {
        cells
            .iter()
            .map(|c| width(c))
            .chain([width(h)])
            .max()
            .unwrap_or(0)
    });
    let extra_cell = |text: &str| match extra {
        Some(_) => format!("{}  ", fit_right(text, extra_cells)),
        None => String::new(),
    };
    let headers = [
        tr!(lang, ColDeploy),
        tr!(lang, ColUsageLong),
        tr!(lang, ColUnused),
    ];
    let cells = headers.map(|h| width(h).max(7));
    let mut out = format!(
        "{}  {}  {}  {}  {}{}\n",
        fit(tr!(lang, ColCustomer), 40),
        fit_right(headers[0], cells[0]),
        fit_right(headers[1], cells[1]),
        fit_right(headers[2], cells[2]),
        extra_cell(extra.as_ref().map_or("", |(h, _)| h)),
        tr!(lang, ColFlags)
    );
    for (k, (c, a)) in rows.iter().enumerate() {
        let m = &a.metrics;
        let flags: Vec<_> = m.flags.iter().map(|f| f.id()).collect();
        let cell = extra.as_ref().map_or("", |(_, cells)| cells[k].as_str());
        out.push_str(&format!(
            "{}  {}  {}  {}  {}{}\n",
            fit(c.name.as_str(), 40),
            fit_right(&format::percent(lang, m.deployment), cells[0]),
            fit_right(&format::percent(lang, m.usage), cells[1]),
            fit_right(&format::count(lang, m.unused_seats), cells[2]),
            extra_cell(cell),
            flags.join(",")
        ));
    }
    if sort == SortKey::CostDesc {
        out.push_str(&format!("({})\n", tr!(lang, SortCost)));
    }
    out
}
