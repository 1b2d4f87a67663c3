//! Non-interactive output for `show` and `list`: JSON (the scripting contract) and text.

use chrono::SecondsFormat;
use serde::Serialize;

use crate::advice::{ActionId, Suggestion};
use crate::analysis::Assessment;
use crate::format;
use crate::metrics::{Flag, Flags};
use crate::model::{Customer, Timestamp};

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
}

#[derive(Serialize)]
struct UsageJson {
    active: u64,
    qualified: u64,
    percent: Option<f64>,
    /// True when the roll-up spans several products (users may be counted twice).
    approximate: bool,
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
}

#[derive(Serialize)]
struct TrendPointJson {
    as_of: String,
    deployment_percent: Option<f64>,
    usage_percent: Option<f64>,
}

#[derive(Serialize)]
struct TrendJson {
    /// Percentage points since the previous point; null without history.
    usage_delta: Option<f64>,
    deployment_delta: Option<f64>,
    /// The date of the point the deltas compare with.
    since: Option<String>,
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
    renews: Option<String>,
    renews_in_days: Option<i64>,
}

#[derive(Serialize)]
struct ActionJson<'a> {
    id: ActionId,
    title: &'a str,
    why: &'a str,
    priority: u8,
}

#[derive(Serialize)]
struct CustomerJson<'a> {
    customer: CustomerRef<'a>,
    as_of: AsOf,
    deployment: DeploymentJson,
    usage: UsageJson,
    #[serde(skip_serializing_if = "Option::is_none")]
    products: Option<Vec<ProductJson<'a>>>,
    unused_seats: u64,
    /// Null when no service-request sidecar was loaded.
    support: Option<SupportJson>,
    /// Null when no subscriptions sidecar was loaded.
    subscriptions: Option<SubscriptionsJson<'a>>,
    trend: TrendJson,
    flags: Flags,
    actions: Vec<ActionJson<'a>>,
}

fn iso(t: Option<Timestamp>) -> Option<String> {
    t.map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
}

fn customer_json<'a>(c: &'a Customer, a: &'a Assessment, with_products: bool) -> CustomerJson<'a> {
    let m = &a.metrics;
    let products = with_products.then(|| {
        c.products
            .iter()
            .zip(&m.products)
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
            })
            .collect()
    });
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
        },
        usage: UsageJson {
            active: m.active,
            qualified: m.qualified,
            percent: m.usage,
            approximate: m.usage_approx,
        },
        products,
        unused_seats: m.unused_seats,
        support: m.support.map(|s| SupportJson {
            open: s.open,
            recent: s.recent,
            total: s.total,
        }),
        subscriptions: c.subscriptions.as_ref().map(|_| SubscriptionsJson {
            trials: &m.trials,
            renews: iso(m.renewal.map(|r| r.0)),
            renews_in_days: m.renewal.map(|r| r.1),
        }),
        trend: TrendJson {
            usage_delta: m.usage_delta.map(|d| d.0),
            deployment_delta: m.deployment_delta.map(|d| d.0),
            since: iso(m.usage_delta.or(m.deployment_delta).map(|d| d.1)),
            points: with_products.then(|| {
                m.trend
                    .iter()
                    .map(|p| TrendPointJson {
                        as_of: iso(Some(p.as_of)).unwrap_or_default(),
                        deployment_percent: p.deployment,
                        usage_percent: p.usage,
                    })
                    .collect()
            }),
        },
        flags: m.flags,
        actions: a.actions.iter().map(action_json).collect(),
    }
}

fn action_json(s: &Suggestion) -> ActionJson<'_> {
    ActionJson {
        id: s.id,
        title: s.title,
        why: &s.why,
        priority: s.priority,
    }
}

/// `show --json`: one object.
pub fn show_json(c: &Customer, a: &Assessment) -> String {
    serde_json::to_string_pretty(&customer_json(c, a, true)).expect("serialisable")
}

/// `list --json`: an array of the same objects without products.
pub fn list_json<'a>(rows: impl Iterator<Item = (&'a Customer, &'a Assessment)>) -> String {
    let items: Vec<_> = rows.map(|(c, a)| customer_json(c, a, false)).collect();
    serde_json::to_string_pretty(&items).expect("serialisable")
}

/// Plain text or Markdown, for `show --format` and the copy keys (`y`, `Y`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    Text,
    Markdown,
}

/// Escapes text from data for Markdown, so a name cannot start a heading or a table.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// A customer's summary for notes: name, id, data dates, deployment and usage with counts,
/// products and workloads, flags, and the suggestions with their why lines. `show` prints it;
/// the TUI copies the same text.
pub fn summary(c: &Customer, a: &Assessment, now: Timestamp, markup: Markup) -> String {
    let m = &a.metrics;
    let mdown = markup == Markup::Markdown;
    let esc = |t: &str| if mdown { md(t) } else { t.to_string() };
    let mut out = String::new();
    let dates = format!(
        "deployment data as of {} · usage data as of {}",
        format::as_of(m.deployment_as_of, now),
        format::as_of(m.usage_as_of, now)
    );
    let dep_counts = format!(
        "{} of {} licenses assigned",
        format::count(m.assigned),
        format::count(m.sold)
    );
    let approx = if m.usage_approx {
        " (approx.: several products)"
    } else {
        ""
    };
    let use_counts = format!(
        "{} of {} entitlements active in the last 28 days{approx}",
        format::count(m.active),
        format::count(m.qualified)
    );
    if mdown {
        out.push_str(&format!("## {}\n\n", esc(c.name.as_str())));
        if let Some(id) = &c.id {
            out.push_str(&format!("id `{}` · ", id.as_str().replace('`', "")));
        }
        out.push_str(&format!("{dates}\n\n| | | |\n|---|---:|---|\n"));
        out.push_str(&format!(
            "| **Deployment** | {} | {dep_counts} |\n",
            format::percent(m.deployment)
        ));
        out.push_str(&format!(
            "| **Usage** | {} | {use_counts} |\n",
            format::percent(m.usage)
        ));
    } else {
        let id =
            c.id.as_ref()
                .map(|i| format!("  (id {i})"))
                .unwrap_or_default();
        out.push_str(&format!("{}{id}\n{dates}\n\n", c.name));
        out.push_str(&format!(
            "Deployment  {:>7}  {dep_counts}\n",
            format::percent(m.deployment)
        ));
        out.push_str(&format!(
            "Usage       {:>7}  {use_counts}\n",
            format::percent(m.usage)
        ));
    }
    let name_cells = c
        .products
        .iter()
        .flat_map(|p| &p.workloads)
        .map(|w| crate::text::width(w.name.as_str()))
        .max()
        .unwrap_or(0)
        .clamp(10, 40);
    if mdown {
        out.push_str("\n### Products\n\n");
    }
    for (p, pm) in c.products.iter().zip(&m.products) {
        let counts = match (pm.assigned, pm.sold) {
            (Some(a), Some(s)) => format!("{} of {} assigned", format::count(a), format::count(s)),
            _ => "no deployment record".to_string(),
        };
        let pct = format::percent(pm.percent);
        if mdown {
            out.push_str(&format!(
                "- **{}** ({}): deployment {pct} ({counts})\n",
                esc(p.name.as_str()),
                p.service
            ));
        } else {
            out.push_str(&format!(
                "\n  {} ({})  deployment {pct}  {counts}\n",
                p.name, p.service
            ));
        }
        for (w, wm) in p.workloads.iter().zip(&pm.workloads) {
            let pct = format::percent(wm.percent);
            let counts = format!(
                "{} of {} active",
                format::count(wm.active),
                format::count(wm.qualified)
            );
            if mdown {
                out.push_str(&format!(
                    "  - {}: usage {pct} ({counts})\n",
                    esc(w.name.as_str())
                ));
            } else {
                out.push_str(&format!(
                    "    {}  usage {pct:>7}  {counts}\n",
                    crate::text::fit(w.name.as_str(), name_cells)
                ));
            }
        }
    }
    if !m.flags.is_empty() {
        let flags: Vec<String> = m
            .flags
            .iter()
            .map(|f| {
                if mdown {
                    format!("`{}`", f.id())
                } else {
                    f.id().to_string()
                }
            })
            .collect();
        let label = if mdown { "**Flags:**" } else { "Flags:" };
        out.push_str(&format!("\n{label} {}\n", flags.join(", ")));
    }
    if m.has(Flag::UsageOver100) {
        if mdown {
            out.push('\n');
        }
        out.push_str(
            "Usage above 100 % is real data; see the first suggestion for the documented causes.\n",
        );
    }
    out.push_str(if mdown {
        "\n### Suggested actions\n\n"
    } else {
        "\nSuggested actions\n"
    });
    if a.actions.is_empty() {
        out.push_str("  none: no rule fired\n");
    }
    for s in &a.actions {
        if mdown {
            out.push_str(&format!(
                "{}. **{}**  \n   why: {}\n",
                s.priority,
                s.title,
                esc(&s.why)
            ));
        } else {
            out.push_str(&format!(
                "  {}. {}\n     why: {}\n",
                s.priority, s.title, s.why
            ));
        }
    }
    out
}

/// CSV for `list --csv`: one row per customer.
pub fn list_csv<'a>(
    rows: impl Iterator<Item = (&'a Customer, &'a Assessment)>,
) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
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
    ])?;
    let pct = |p: Option<f64>| p.map(|p| p.to_string()).unwrap_or_default();
    for (c, a) in rows {
        let m = &a.metrics;
        let flags: Vec<_> = m.flags.iter().map(|f| f.id()).collect();
        w.write_record([
            c.id.as_ref().map_or("", |i| i.as_str()),
            c.name.as_str(),
            &pct(m.deployment),
            &m.assigned.to_string(),
            &m.sold.to_string(),
            &pct(m.usage),
            &m.active.to_string(),
            &m.qualified.to_string(),
            &m.unused_seats.to_string(),
            &flags.join(" "),
            a.actions.first().map_or("", |s| s.id.id()),
        ])?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// `list`: a table for a terminal.
pub fn list_text<'a>(rows: impl Iterator<Item = (&'a Customer, &'a Assessment)>) -> String {
    use crate::text::{fit, fit_right};
    let mut out = format!(
        "{}  {}  {}  {}  {}\n",
        fit("Customer", 40),
        fit_right("Deploy", 7),
        fit_right("Usage", 7),
        fit_right("Unused", 7),
        "Flags"
    );
    for (c, a) in rows {
        let m = &a.metrics;
        let flags: Vec<_> = m.flags.iter().map(|f| f.id()).collect();
        out.push_str(&format!(
            "{}  {}  {}  {}  {}\n",
            fit(c.name.as_str(), 40),
            fit_right(&format::percent(m.deployment), 7),
            fit_right(&format::percent(m.usage), 7),
            fit_right(&format::count(m.unused_seats), 7),
            flags.join(",")
        ));
    }
    out
}
