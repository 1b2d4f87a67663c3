//! One customer's detail as data: the ordered rows the detail pane draws, built once from the
//! customer, its full assessment, the time and the language. The detail pane renders the rows
//! into lines, its cursor counts their gauges, and `show`'s summary renders the same rows as
//! text or Markdown (see [`crate::present::report::summary`]).

use crate::domain::analysis::Assessment;
use crate::domain::metrics::{
    CustomerMetrics, Flag, Flags, Origin, ProductMetrics, SupportLoad, TrendPoint, carried,
};
use crate::domain::model::{Customer, Product, Service, Timestamp, Workload};
use crate::i18n::{Lang, Msg};
use crate::present::format;
pub use crate::present::sources::origin_word;
use crate::present::sources::{Figure, compare, other_source};
use crate::text::width;
use crate::tr;

/// A customer's detail: its name and its rows, top to bottom.
#[derive(Debug, Clone)]
pub struct CustomerView<'a> {
    pub name: &'a str,
    pub lang: Lang,
    pub now: Timestamp,
    /// The widest workload name of all products (past ones too), in cells.
    pub longest_workload: Option<usize>,
    pub rows: Vec<Row<'a>>,
}

/// One row of the detail, in the order the pane shows them.
#[derive(Debug, Clone)]
pub enum Row<'a> {
    /// The customer's id, when it has one.
    Id(Option<&'a str>),
    /// The dates of the deployment and usage data.
    AsOf {
        deployment: Source,
        usage: Source,
        /// The data is stale (a warning).
        stale: bool,
    },
    /// An empty line.
    Blank,
    /// What the source not heading a figure says about it (a customer with two sources).
    SourceNote(String),
    /// A gauge: the rows the detail cursor moves over.
    Gauge(Gauge<'a>),
    /// Usage counts entitlements, not people: the overall counts with their unit.
    Units {
        active: u64,
        qualified: u64,
        approx: bool,
    },
    /// The portfolio's median (drawn by the pane when it has one to show).
    PortfolioMedian,
    /// A sparkline of the history (only with at least two values).
    Trend(Trend),
    /// Service requests, when a sidecar was loaded.
    Support { load: SupportLoad, many: bool },
    /// "Renews in 30 days (…)"; `soon` warns.
    Renewal { text: String, soon: bool },
    /// "Trial: OFFER (ends DATE), …".
    Trials(String),
    /// A commercial fact (issue 15): a heading ("Cost of idle seats", "Renewal terms") or one
    /// of its lines (the customer's cost, a product's cost or renewal terms).
    Commercial { text: String, heading: bool },
    /// A current product's heading; `at` is its place among the customer's products.
    Product {
        at: usize,
        name: &'a str,
        service: &'a Service,
    },
    /// The product has assignments but nothing sold.
    AssignedWithoutSold,
    /// The product has no usage record.
    NoUsageRecord,
    /// A product seen only at earlier dates; `at` is its place among the products.
    NotInLatest {
        at: usize,
        name: &'a str,
        date: String,
    },
    /// The customer's flags (not empty).
    Flags(Flags),
    /// Usage above 100 %: the documented causes.
    Over100,
    /// The usage roll-up spans several products.
    ApproxFootnote,
    /// What the totals count.
    TotalsFootnote,
    // Graph users (issue 14)
    /// The heading of the Microsoft Graph section: its date and whether it is current.
    GraphHeading(String),
    /// A note of the Graph section (concealed names, SKUs suspended or in grace period).
    GraphNote { text: String, warn: bool },
}

/// Whether a data source is present and its date.
#[derive(Debug, Clone, Copy)]
pub struct Source {
    pub present: bool,
    pub as_of: Option<Timestamp>,
    /// Which source, named once a customer has two (Partner Center and Microsoft Graph).
    pub origin: Option<Origin>,
}

impl Source {
    /// "deployment as of …", with the source's name when there are two.
    pub fn text(self, lang: Lang, msgs: (Msg, Msg), now: Timestamp) -> String {
        let text = format::source_as_of(lang, msgs, self.present, self.as_of, now);
        match self.origin {
            Some(o) if self.present => {
                tr!(lang, AsOfFrom, text = text, source = origin_word(lang, o))
            }
            _ => text,
        }
    }
}

/// A gauge row: what it measures, its percent, and its explanation in words.
#[derive(Debug, Clone)]
pub struct Gauge<'a> {
    pub measure: Measure<'a>,
    pub percent: Option<f64>,
    /// What the gauge means, with its numbers and date (shown under the focused gauge).
    pub explain: String,
}

/// What a gauge measures, with the numbers behind its percent.
#[derive(Debug, Clone)]
pub enum Measure<'a> {
    /// The customer's overall deployment.
    Deployment {
        assigned: u64,
        sold: u64,
        has_data: bool,
    },
    /// The customer's overall usage.
    Usage {
        active: u64,
        qualified: u64,
        approx: bool,
    },
    /// A product's deployment; `counts` is "N of M assigned" or "no deployment record".
    Product { counts: String },
    /// A workload's usage; `counts` is "N of M active".
    Workload { name: &'a str, counts: String },
}

/// A trend row: the measure's values over time, its figure now and the last change.
#[derive(Debug, Clone)]
pub struct Trend {
    /// Usage (true) or deployment.
    pub usage: bool,
    pub values: Vec<Option<f64>>,
    pub now: Option<f64>,
    pub delta: Option<(f64, Timestamp)>,
    /// The trend's source when the gauge above comes from another (a trend compares Partner
    /// Center with itself).
    pub source: Option<&'static str>,
}

impl<'a> CustomerView<'a> {
    /// The rows of `c`'s detail from its full assessment (per product and workload).
    pub fn new(c: &'a Customer, a: &Assessment, now: Timestamp, lang: Lang) -> Self {
        let m = &a.metrics;
        let two = c.graph.is_some();
        let mut rows = vec![
            Row::Id(c.id.as_ref().map(|i| i.as_str())),
            Row::AsOf {
                deployment: Source {
                    present: m.has_deployment_data,
                    as_of: m.deployment_as_of,
                    origin: two.then_some(m.deployment_source),
                },
                usage: Source {
                    present: m.has_usage_data,
                    as_of: m.usage_as_of,
                    origin: two.then_some(m.usage_source),
                },
                stale: m.has(Flag::StaleData),
            },
            Row::Blank,
            Row::Gauge(overall_deployment(lang, m, now)),
            Row::Gauge(overall_usage(lang, m, now)),
        ];
        // What the other source says, in words a copy or `show` carries too.
        rows.extend(
            [Figure::Deployment, Figure::Usage]
                .into_iter()
                .filter_map(|f| other_source(lang, m, f, now))
                .map(Row::SourceNote),
        );
        rows.extend(notes(lang, c, m));
        for (at, (p, pm)) in c.products.iter().zip(&m.products).enumerate() {
            if !p.is_past() {
                rows.extend(product_rows(lang, now, at, p, pm));
            }
        }
        rows.extend(past_rows(lang, c));
        // The money and the renewal terms, under the products they are about.
        let commercial = commercial_rows(lang, c, m);
        if !commercial.is_empty() {
            rows.push(Row::Blank);
            rows.extend(commercial);
        }
        if two {
            // Each gauge names its source once there are two; the products' are Partner
            // Center's (the overall ones name their own).
            for row in &mut rows {
                if let Row::Gauge(g) = row
                    && matches!(
                        g.measure,
                        Measure::Product { .. } | Measure::Workload { .. }
                    )
                {
                    g.explain.push_str(tr!(lang, SourcePartnerCenter));
                }
            }
        }
        rows.extend(super::graph_view::rows(lang, c, m, now));
        rows.push(Row::Blank);
        rows.extend((!m.flags.is_empty()).then_some(Row::Flags(m.flags)));
        rows.extend(m.has(Flag::UsageOver100).then_some(Row::Over100));
        if m.has(Flag::UsageOver100) && m.usage_source == Origin::Graph {
            // The overall usage shown is Graph's: the rows over 100 % are Partner Center's.
            rows.push(Row::SourceNote(tr!(lang, Over100PartnerCenter).to_string()));
        }
        rows.extend(m.usage_approx.then_some(Row::ApproxFootnote));
        rows.push(Row::TotalsFootnote);
        CustomerView {
            name: c.name.as_str(),
            lang,
            now,
            longest_workload: c
                .products
                .iter()
                .flat_map(|p| &p.workloads)
                .map(|w| width(w.name.as_str()))
                .max(),
            rows,
        }
    }

    /// The gauge rows, in order: the rows the detail cursor moves over.
    pub fn gauges(&self) -> impl Iterator<Item = &Gauge<'a>> {
        self.rows.iter().filter_map(|r| match r {
            Row::Gauge(g) => Some(g),
            _ => None,
        })
    }
}

/// "N of M assigned".
pub fn assigned_of(lang: Lang, assigned: u64, sold: u64) -> String {
    let n = |v: u64| format::count(lang, v);
    tr!(lang, AssignedOf, assigned = n(assigned), sold = n(sold))
}

/// "N of M assigned" for a product, or that it has no deployment record.
fn product_counts(lang: Lang, pm: &ProductMetrics) -> String {
    match (pm.assigned, pm.sold) {
        (Some(a), Some(s)) => assigned_of(lang, a, s),
        _ => tr!(lang, NoDeploymentRecord).to_string(),
    }
}

fn overall_deployment(lang: Lang, m: &CustomerMetrics, now: Timestamp) -> Gauge<'static> {
    let n = |v: u64| format::count(lang, v);
    let mut explain = match (m.deployment, m.deployment_source) {
        (None, _) => tr!(lang, ExplainDeploymentNa).to_string(),
        (Some(_), Origin::Graph) => tr!(
            lang,
            ExplainDeploymentGraph,
            assigned = n(m.assigned),
            sold = n(m.sold),
            percent = format::percent(lang, m.deployment),
            skus = format::plural(lang, m.sold_products, Msg::SkuOne, Msg::SkuMany),
            when = format::as_of(lang, m.deployment_as_of, now)
        ),
        (Some(_), Origin::PartnerCenter) => tr!(
            lang,
            ExplainDeployment,
            assigned = n(m.assigned),
            sold = n(m.sold),
            percent = format::percent(lang, m.deployment),
            products = format::plural(lang, m.sold_products, Msg::ProductOne, Msg::ProductMany),
            when = format::as_of(lang, m.deployment_as_of, now)
        ),
    };
    explain.push_str(&compare(lang, m, Figure::Deployment, now));
    Gauge {
        measure: Measure::Deployment {
            assigned: m.assigned,
            sold: m.sold,
            has_data: m.has_deployment_data,
        },
        percent: m.deployment,
        explain,
    }
}

fn overall_usage(lang: Lang, m: &CustomerMetrics, now: Timestamp) -> Gauge<'static> {
    let n = |v: u64| format::count(lang, v);
    let mut explain = match (m.usage, m.usage_source) {
        (None, _) => tr!(lang, ExplainUsageNa).to_string(),
        (Some(_), Origin::Graph) => tr!(
            lang,
            ExplainUsageGraph,
            active = n(m.active),
            total = n(m.qualified),
            percent = format::percent(lang, m.usage),
            workloads = format::plural(lang, m.usage_rows, Msg::WorkloadOne, Msg::WorkloadMany),
            when = format::as_of(lang, m.usage_as_of, now)
        ),
        (Some(_), Origin::PartnerCenter) => tr!(
            lang,
            ExplainUsage,
            active = n(m.active),
            total = n(m.qualified),
            percent = format::percent(lang, m.usage),
            rows = format::plural(lang, m.usage_rows, Msg::RowOne, Msg::RowMany),
            approx = if m.usage_approx {
                tr!(lang, ApproxExplain)
            } else {
                ""
            },
            when = format::as_of(lang, m.usage_as_of, now)
        ),
    };
    explain.push_str(&compare(lang, m, Figure::Usage, now));
    Gauge {
        measure: Measure::Usage {
            active: m.active,
            qualified: m.qualified,
            approx: m.usage_approx,
        },
        percent: m.usage,
        explain,
    }
}

/// The notes under the overall gauges: units, median, trend, support, renewal, trials.
fn notes<'a>(lang: Lang, c: &Customer, m: &CustomerMetrics) -> Vec<Row<'a>> {
    let mut rows = Vec::new();
    if m.qualified > 0 {
        rows.push(Row::Units {
            active: m.active,
            qualified: m.qualified,
            approx: m.usage_approx,
        });
    }
    rows.push(Row::PortfolioMedian);
    if !m.trend.is_empty() {
        // A source the newest data lacks is carried from an earlier point: the sparkline ends
        // with a gap there, not that point's value again as if it were a month of its own.
        let values = |value: fn(&TrendPoint) -> Option<f64>, date: fn(&TrendPoint) -> Timestamp| {
            let mut values: Vec<Option<f64>> = m.trend.iter().map(value).collect();
            if carried(&m.trend, date)
                && let Some(last) = values.last_mut()
            {
                *last = None;
            }
            values
        };
        let trends = [
            Trend {
                usage: true,
                values: values(|p| p.usage, |p| p.usage_as_of),
                now: m.partner.usage,
                delta: m.usage_delta,
                source: (m.usage_source == Origin::Graph).then(|| tr!(lang, WordPartnerCenter)),
            },
            Trend {
                usage: false,
                values: values(|p| p.deployment, |p| p.deployment_as_of),
                now: m.partner.deployment,
                delta: m.deployment_delta,
                source: (m.deployment_source == Origin::Graph)
                    .then(|| tr!(lang, WordPartnerCenter)),
            },
        ];
        // One value is not a trend (e.g. history of usage only).
        rows.extend(
            trends
                .into_iter()
                .filter(|t| t.values.iter().flatten().count() >= 2)
                .map(Row::Trend),
        );
    }
    if let Some(load) = m.support {
        rows.push(Row::Support {
            load,
            many: m.has(Flag::ManySupportRequests),
        });
    }
    if let Some(text) = renewal_text(lang, m) {
        rows.push(Row::Renewal {
            text,
            soon: m.renewing_soon,
        });
    }
    if !m.trials.is_empty() {
        rows.push(Row::Trials(trial_text(lang, c)));
    }
    rows
}

/// The cost of idle seats (where priced) and each product's renewal terms (where the
/// subscriptions sidecar has them). Needs the per-product metrics of a detailed assessment.
fn commercial_rows<'a>(lang: Lang, c: &Customer, m: &CustomerMetrics) -> Vec<Row<'a>> {
    use crate::present::commerce;
    let heading = |msg: Msg| Row::Commercial {
        text: lang.get(msg).to_string(),
        heading: true,
    };
    let item = |text: String| Row::Commercial {
        text,
        heading: false,
    };
    let current = || {
        c.products
            .iter()
            .zip(&m.products)
            .filter(|(p, _)| !p.is_past())
    };
    let mut out = Vec::new();
    if let Some(cost) = m.cost {
        // With Graph data beside it, the cost is named as Partner Center's: it prices that
        // source's seats per product, not the tenant's users.
        out.push(match c.graph {
            Some(_) => Row::Commercial {
                // "Cost of idle seats (Partner Center)": a heading, the source beside it.
                text: format!(
                    "{} ({})",
                    lang.get(Msg::CostHeading),
                    tr!(lang, WordPartnerCenter)
                ),
                heading: true,
            },
            None => heading(Msg::CostHeading),
        });
        out.push(item(commerce::customer_cost(lang, &cost)));
        out.extend(commerce::unpriced(lang, &m.unpriced).map(item));
        out.extend(current().filter_map(|(p, pm)| {
            let cost = pm.cost.as_ref()?;
            Some(item(commerce::product_cost(lang, p.name.as_str(), cost)))
        }));
    }
    let terms: Vec<Row> = current()
        .flat_map(|(p, pm)| {
            pm.terms.iter().map(move |terms| {
                item(commerce::product_terms(
                    lang,
                    p.name.as_str(),
                    terms,
                    pm.sold,
                ))
            })
        })
        .collect();
    if !terms.is_empty() {
        out.push(heading(Msg::TermsHeading));
        out.extend(terms);
    }
    out
}

/// A current product: its heading, deployment gauge, note, and workload gauges.
fn product_rows<'a>(
    lang: Lang,
    now: Timestamp,
    at: usize,
    p: &'a Product,
    pm: &ProductMetrics,
) -> Vec<Row<'a>> {
    let n = |v: u64| format::count(lang, v);
    let mut rows = vec![
        Row::Blank,
        Row::Product {
            at,
            name: p.name.as_str(),
            service: &p.service,
        },
        Row::Gauge(Gauge {
            measure: Measure::Product {
                counts: product_counts(lang, pm),
            },
            percent: pm.percent,
            explain: product_explain(lang, now, p, pm),
        }),
    ];
    if pm.flags.contains(&Flag::AssignedWithoutSold) {
        rows.push(Row::AssignedWithoutSold);
    }
    for (w, wm) in p.workloads.iter().zip(&pm.workloads) {
        rows.push(Row::Gauge(Gauge {
            measure: Measure::Workload {
                name: w.name.as_str(),
                counts: tr!(
                    lang,
                    ActiveOf,
                    active = n(wm.active),
                    total = n(wm.qualified)
                ),
            },
            percent: wm.percent,
            explain: workload_explain(lang, now, p, w, wm),
        }));
    }
    if p.workloads.is_empty() {
        rows.push(Row::NoUsageRecord);
    }
    rows
}

fn product_explain(lang: Lang, now: Timestamp, p: &Product, pm: &ProductMetrics) -> String {
    let n = |v: u64| format::count(lang, v);
    match (pm.assigned, pm.sold) {
        (Some(a), Some(s)) if s > 0 => tr!(
            lang,
            ExplainProductDeployment,
            product = p.name,
            assigned = n(a),
            sold = n(s),
            percent = format::percent(lang, pm.percent),
            when = format::as_of(lang, p.deployment.and_then(|d| d.as_of), now)
        ),
        (Some(a), Some(_)) if a > 0 => {
            tr!(lang, ExplainProductTrial, product = p.name, assigned = n(a))
        }
        (Some(_), Some(_)) => tr!(lang, ExplainProductNoneSold, product = p.name),
        _ => tr!(lang, ExplainProductNoRecord, product = p.name),
    }
}

fn workload_explain(
    lang: Lang,
    now: Timestamp,
    p: &Product,
    w: &Workload,
    wm: &crate::domain::metrics::WorkloadMetrics,
) -> String {
    let n = |v: u64| format::count(lang, v);
    let over = if wm.percent.is_some_and(|x| x > 100.0) {
        tr!(lang, Above100See)
    } else {
        ""
    };
    match wm.percent {
        Some(_) => tr!(
            lang,
            ExplainWorkload,
            workload = w.name,
            product = p.name,
            active = n(wm.active),
            total = n(wm.qualified),
            percent = format::percent(lang, wm.percent),
            when = format::as_of(lang, w.as_of, now),
            over = over
        ),
        None => tr!(
            lang,
            ExplainWorkloadNa,
            workload = w.name,
            product = p.name,
            active = n(wm.active)
        ),
    }
}

/// The products not in the latest data, after a blank line when there are any.
fn past_rows<'a>(lang: Lang, c: &'a Customer) -> Vec<Row<'a>> {
    let past: Vec<Row<'a>> = c
        .products
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_past())
        .map(|(at, p)| Row::NotInLatest {
            at,
            name: p.name.as_str(),
            date: p
                .last_seen()
                .map(|d| format::date(lang, d))
                .unwrap_or_default(),
        })
        .collect();
    if past.is_empty() {
        return past;
    }
    std::iter::once(Row::Blank).chain(past).collect()
}

/// "Renews in 30 days (2025-07-12): …" for the next renewal of a paid subscription.
pub fn renewal_text(lang: Lang, m: &CustomerMetrics) -> Option<String> {
    let crate::domain::metrics::Renewal {
        date: end, days, ..
    } = m.renewal?;
    let msg = if days == 1 {
        Msg::RenewsInOne
    } else {
        Msg::RenewsIn
    };
    Some(lang.fill(msg, &[("days", &days), ("date", &format::date(lang, end))]))
}

/// "Trial: OFFER (ends DATE), …" for the live trial subscriptions.
pub fn trial_text(lang: Lang, c: &Customer) -> String {
    let list: Vec<String> = c
        .live_trials()
        .map(|s| match s.commitment_end {
            Some(end) => tr!(
                lang,
                TrialEnds,
                offer = s.offer,
                date = format::date(lang, end)
            ),
            None => s.offer.to_string(),
        })
        .collect();
    tr!(lang, TrialList, list = list.join(", "))
}
