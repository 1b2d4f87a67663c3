//! Non-interactive output for `show` and `list`: JSON (the scripting contract) and text.

use chrono::SecondsFormat;
use serde::Serialize;

use crate::advice::{ActionId, Suggestion};
use crate::analysis::Assessment;
use crate::format;
use crate::metrics::Flag;
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
    flags: &'a [Flag],
}

#[derive(Serialize)]
struct ProductJson<'a> {
    name: &'a str,
    id: Option<&'a str>,
    service: &'a str,
    assigned: Option<u64>,
    sold: Option<u64>,
    deployment_percent: Option<f64>,
    flags: &'a [Flag],
    workloads: Vec<WorkloadJson<'a>>,
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
    flags: &'a [Flag],
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
                flags: &pm.flags,
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
                        flags: &wm.flags,
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
        flags: &m.flags,
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

/// `show`: a plain-text report for a terminal or notes.
pub fn show_text(c: &Customer, a: &Assessment, now: Timestamp) -> String {
    let m = &a.metrics;
    let mut out = String::new();
    let id =
        c.id.as_ref()
            .map(|i| format!("  (id {i})"))
            .unwrap_or_default();
    out.push_str(&format!("{}{id}\n", c.name));
    out.push_str(&format!(
        "deployment data as of {} · usage data as of {}\n\n",
        format::as_of(m.deployment_as_of, now),
        format::as_of(m.usage_as_of, now)
    ));
    out.push_str(&format!(
        "Deployment  {:>7}  {} of {} licenses assigned\n",
        format::percent(m.deployment),
        format::count(m.assigned),
        format::count(m.sold)
    ));
    let approx = if m.usage_approx {
        " (approx.: several products)"
    } else {
        ""
    };
    out.push_str(&format!(
        "Usage       {:>7}  {} of {} entitlements active in the last 28 days{approx}\n",
        format::percent(m.usage),
        format::count(m.active),
        format::count(m.qualified)
    ));
    let name_cells = c
        .products
        .iter()
        .flat_map(|p| &p.workloads)
        .map(|w| crate::text::width(w.name.as_str()))
        .max()
        .unwrap_or(0)
        .clamp(10, 40);
    for (p, pm) in c.products.iter().zip(&m.products) {
        out.push_str(&format!(
            "\n  {} ({})  deployment {}  {}\n",
            p.name,
            p.service,
            format::percent(pm.percent),
            match (pm.assigned, pm.sold) {
                (Some(a), Some(s)) =>
                    format!("{} of {} assigned", format::count(a), format::count(s)),
                _ => "no deployment record".to_string(),
            }
        ));
        for (w, wm) in p.workloads.iter().zip(&pm.workloads) {
            out.push_str(&format!(
                "    {}  usage {:>7}  {} of {} active\n",
                crate::text::fit(w.name.as_str(), name_cells),
                format::percent(wm.percent),
                format::count(wm.active),
                format::count(wm.qualified)
            ));
        }
    }
    if !m.flags.is_empty() {
        let flags: Vec<_> = m.flags.iter().map(|f| f.id()).collect();
        out.push_str(&format!("\nFlags: {}\n", flags.join(", ")));
    }
    if m.has(Flag::UsageOver100) {
        out.push_str(
            "Usage above 100 % is real data; see the first suggestion for the documented causes.\n",
        );
    }
    out.push_str("\nSuggested actions\n");
    if a.actions.is_empty() {
        out.push_str("  none: no rule fired\n");
    }
    for s in &a.actions {
        out.push_str(&format!(
            "  {}. {}\n     why: {}\n",
            s.priority, s.title, s.why
        ));
    }
    out
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
