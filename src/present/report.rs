//! Non-interactive output for `show` and `list`: JSON (the scripting contract) and text.

use chrono::SecondsFormat;
use serde::Serialize;

use crate::domain::advice::{ActionId, Suggestion};
use crate::domain::analysis::Assessment;
use crate::domain::metrics::{Flag, Flags};
use crate::domain::model::{Customer, Timestamp};
use crate::i18n::{Lang, Msg};
use crate::present::format;
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
    /// Null when no service-request sidecar was loaded.
    support: Option<SupportJson>,
    /// Null when no subscriptions sidecar was loaded.
    subscriptions: Option<SubscriptionsJson<'a>>,
    trend: TrendJson,
    flags: Flags,
    actions: Vec<ActionJson>,
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
        trend: TrendJson {
            usage_delta: m.usage_delta.map(|d| d.0),
            deployment_delta: m.deployment_delta.map(|d| d.0),
            since: iso(m.usage_delta.or(m.deployment_delta).map(|d| d.1)),
            points: with_products.then(|| {
                m.trend
                    .iter()
                    .map(|p| TrendPointJson {
                        as_of: iso(Some(p.as_of)).unwrap_or_default(),
                        usage_as_of: iso(Some(p.usage_as_of)).unwrap_or_default(),
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

/// JSON is the scripting contract: its titles and why lines are always English.
fn action_json(s: &Suggestion) -> ActionJson {
    ActionJson {
        id: s.id,
        title: s.title(Lang::En),
        why: s.why_text(Lang::En),
        priority: s.priority,
        licenses: s.licenses,
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

/// "Renews in 30 days (2025-07-12): …" for the next renewal of a paid subscription.
pub fn renewal_text(lang: Lang, m: &crate::domain::metrics::CustomerMetrics) -> Option<String> {
    let crate::domain::metrics::Renewal { date: end, days } = m.renewal?;
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
pub fn summary(c: &Customer, a: &Assessment, now: Timestamp, markup: Markup, lang: Lang) -> String {
    use crate::text::{fit, fit_right, width};
    let m = &a.metrics;
    let mdown = markup == Markup::Markdown;
    let esc = |t: &str| if mdown { md(t) } else { t.to_string() };
    let n = |v: u64| format::count(lang, v);
    let pct = |p: Option<f64>| format::percent(lang, p);
    let mut out = String::new();
    let dates = format!(
        "{} · {}",
        format::source_as_of(
            lang,
            (Msg::SummaryDeploymentAsOf, Msg::NoDeploymentData),
            m.has_deployment_data,
            m.deployment_as_of,
            now
        ),
        format::source_as_of(
            lang,
            (Msg::SummaryUsageAsOf, Msg::NoUsageData),
            m.has_usage_data,
            m.usage_as_of,
            now
        )
    );
    let dep_counts = if m.has_deployment_data {
        tr!(
            lang,
            LicensesAssignedOf,
            assigned = n(m.assigned),
            sold = n(m.sold)
        )
    } else {
        tr!(lang, NoDeploymentData).to_string()
    };
    let approx = if m.usage_approx {
        tr!(lang, ApproxShort)
    } else {
        ""
    };
    let use_counts = tr!(
        lang,
        EntitlementsActiveOf,
        active = n(m.active),
        total = n(m.qualified),
        approx = approx
    );
    let deployment = tr!(lang, Deployment);
    let usage = tr!(lang, Usage);
    if mdown {
        out.push_str(&format!("## {}\n\n", esc(c.name.as_str())));
        if let Some(id) = &c.id {
            out.push_str(&format!(
                "{} · ",
                tr!(
                    lang,
                    CustomerId,
                    id = format!("`{}`", id.as_str().replace('`', ""))
                )
            ));
        }
        out.push_str(&format!(
            "{dates}\n\n| {} | {} | {} |\n|---|---:|---|\n",
            tr!(lang, MdMeasure),
            tr!(lang, MdPercent),
            tr!(lang, MdCounts)
        ));
        out.push_str(&format!(
            "| **{deployment}** | {} | {dep_counts} |\n",
            pct(m.deployment)
        ));
        out.push_str(&format!(
            "| **{usage}** | {} | {use_counts} |\n",
            pct(m.usage)
        ));
    } else {
        let id =
            c.id.as_ref()
                .map(|i| format!("  ({})", tr!(lang, CustomerId, id = i)))
                .unwrap_or_default();
        out.push_str(&format!("{}{id}\n{dates}\n\n", c.name));
        let label = width(deployment).max(width(usage)).max(10);
        for (name, p, counts) in [
            (deployment, m.deployment, &dep_counts),
            (usage, m.usage, &use_counts),
        ] {
            out.push_str(&format!(
                "{}  {}  {counts}\n",
                fit(name, label),
                fit_right(&pct(p), 7)
            ));
        }
    }
    let name_cells = c
        .products
        .iter()
        .flat_map(|p| &p.workloads)
        .map(|w| width(w.name.as_str()))
        .max()
        .unwrap_or(0)
        .clamp(10, 40);
    if mdown {
        out.push_str(&format!("\n### {}\n\n", tr!(lang, Products)));
    }
    let word_deployment = tr!(lang, WordDeployment);
    let word_usage = tr!(lang, WordUsage);
    for (p, pm) in c.products.iter().zip(&m.products) {
        if p.is_past() {
            let date = p
                .last_seen()
                .map(|d| format::date(lang, d))
                .unwrap_or_default();
            let line = tr!(
                lang,
                NotInLatest,
                product = esc(p.name.as_str()),
                date = date
            );
            out.push_str(&if mdown {
                format!("- {line}\n")
            } else {
                format!("\n  {line}\n")
            });
            continue;
        }
        let counts = match (pm.assigned, pm.sold) {
            (Some(a), Some(s)) => tr!(lang, AssignedOf, assigned = n(a), sold = n(s)),
            _ => tr!(lang, NoDeploymentRecord).to_string(),
        };
        let dep = pct(pm.percent);
        if mdown {
            out.push_str(&format!(
                "- **{}** ({}): {word_deployment} {dep} ({counts})\n",
                esc(p.name.as_str()),
                p.service
            ));
        } else {
            out.push_str(&format!(
                "\n  {} ({})  {word_deployment} {dep}  {counts}\n",
                p.name, p.service
            ));
        }
        for (w, wm) in p.workloads.iter().zip(&pm.workloads) {
            let use_pct = pct(wm.percent);
            let counts = tr!(
                lang,
                ActiveOf,
                active = n(wm.active),
                total = n(wm.qualified)
            );
            let mark = if wm.percent.is_some_and(|x| x > 100.0) {
                " !"
            } else {
                "  "
            };
            if mdown {
                out.push_str(&format!(
                    "  - {}: {word_usage} {use_pct}{} ({counts})\n",
                    esc(w.name.as_str()),
                    mark.trim_end()
                ));
            } else {
                out.push_str(&format!(
                    "    {}  {word_usage} {}{mark}  {counts}\n",
                    fit(w.name.as_str(), name_cells),
                    fit_right(&use_pct, 7)
                ));
            }
        }
    }
    if !m.flags.is_empty() {
        // The words in the reader's language, each with its stable id (for `list --filter`
        // and scripts).
        let flags: Vec<String> = m
            .flags
            .iter()
            .map(|f| {
                let words = crate::present::labels::flag_words(lang, *f);
                if mdown {
                    format!("{words} (`{}`)", f.id())
                } else {
                    format!("{words} ({})", f.id())
                }
            })
            .collect();
        out.push_str(&format!(
            "\n{}\n",
            tr!(lang, FlagsLine, flags = flags.join(", "))
        ));
    }
    if m.has(Flag::UsageOver100) {
        if mdown {
            out.push('\n');
        }
        out.push_str(tr!(lang, Over100Note));
        out.push('\n');
    }
    // The subscription facts the screen shows: renewal and trials.
    let facts: Vec<String> = renewal_text(lang, m)
        .into_iter()
        .chain((!m.trials.is_empty()).then(|| trial_text(lang, c)))
        .collect();
    if !facts.is_empty() {
        out.push('\n');
        for fact in facts {
            out.push_str(&format!("{}\n", esc(&fact)));
        }
    }
    let heading = tr!(lang, SuggestedActions);
    out.push_str(&if mdown {
        format!("\n### {heading}\n\n")
    } else {
        format!("\n{heading}\n")
    });
    if a.actions.is_empty() {
        out.push_str(&format!("  {}\n", tr!(lang, NoRuleFiredShort)));
    }
    for s in &a.actions {
        let why = s.why_text(lang);
        if mdown {
            out.push_str(&format!(
                "{}. **{}**  \n   {}\n",
                s.priority,
                s.title(lang),
                tr!(lang, Why, why = esc(&why))
            ));
        } else {
            out.push_str(&format!(
                "  {}. {}\n     {}\n",
                s.priority,
                s.title(lang),
                tr!(lang, Why, why = why)
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
        // Text cells can come from data: no cell may start a spreadsheet formula.
        let safe = crate::text::spreadsheet_safe;
        w.write_record([
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
        ])?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// `list`: a table for a terminal.
pub fn list_text<'a>(
    rows: impl Iterator<Item = (&'a Customer, &'a Assessment)>,
    lang: Lang,
) -> String {
    use crate::text::{fit, fit_right, width};
    let headers = [
        tr!(lang, ColDeploy),
        tr!(lang, ColUsageLong),
        tr!(lang, ColUnused),
    ];
    let cells = headers.map(|h| width(h).max(7));
    let mut out = format!(
        "{}  {}  {}  {}  {}\n",
        fit(tr!(lang, ColCustomer), 40),
        fit_right(headers[0], cells[0]),
        fit_right(headers[1], cells[1]),
        fit_right(headers[2], cells[2]),
        tr!(lang, ColFlags)
    );
    for (c, a) in rows {
        let m = &a.metrics;
        let flags: Vec<_> = m.flags.iter().map(|f| f.id()).collect();
        out.push_str(&format!(
            "{}  {}  {}  {}  {}\n",
            fit(c.name.as_str(), 40),
            fit_right(&format::percent(lang, m.deployment), cells[0]),
            fit_right(&format::percent(lang, m.usage), cells[1]),
            fit_right(&format::count(lang, m.unused_seats), cells[2]),
            flags.join(",")
        ));
    }
    out
}
