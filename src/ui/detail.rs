//! The selected customer: overall gauges, then each product and its workloads, then notes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::widgets::{GaugeColumns, gauge_line, usage_style, wrapped};
use super::{pane, scrolled};
use crate::app::{App, Focus};
use crate::format;
use crate::metrics::Flag;
use crate::text::{truncate, width};
use crate::theme::Theme;

/// The documented causes of usage above 100 % (Partner Center, "Terminology").
pub const OVER_100_CAUSES: [&str; 4] = [
    "a license moved to a new employee (both were active in the 28 days);",
    "two subscriptions for one SKU, one in grace, disabled or deprovisioned: activity counts for both, the total for one;",
    "a trial subscription: active, but not counted in the total entitlements;",
    "Yammer used far beyond the licenses.",
];

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Focus::Detail;
    let Some((c, _)) = app.selected() else {
        let block = pane("Detail", None, focused, area.width, theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(
            Paragraph::new(Line::styled("No customer selected.", theme.muted)),
            inner,
        );
        return;
    };
    let mut areas = app.areas.get();
    areas.detail = area;
    app.areas.set(areas);
    let block = pane(c.name.as_str(), None, focused, area.width, theme);
    scrolled(frame, area, block, 0, |cells| lines(app, cells, theme));
}

/// Gauge rows, with the focused one marked and explained.
struct Rows {
    out: Vec<Line<'static>>,
    row: usize,
    cursor: Option<usize>,
    /// Lines of the focused row and its explanation.
    range: Option<(usize, usize)>,
    cells: usize,
    mark: Style,
}

impl Rows {
    fn gauge(&mut self, line: Line<'static>, explain: impl FnOnce() -> String) {
        let start = self.out.len();
        if self.cursor == Some(self.row) {
            self.out.push(line.patch_style(self.mark));
            self.out
                .extend(wrapped(&explain(), "  ↳ ", self.cells, Style::new()));
            self.range = Some((start, self.out.len()));
        } else {
            self.out.push(line);
        }
        self.row += 1;
    }
}

/// The detail's lines for a pane `cells` wide, and the lines to keep on screen (the focused
/// gauge row and its explanation).
pub fn lines(
    app: &App,
    cells: usize,
    theme: &Theme,
) -> (Vec<Line<'static>>, Option<(usize, usize)>) {
    let Some((c, a)) = app.detailed() else {
        return (Vec::new(), None);
    };
    let focused = app.focus == Focus::Detail;
    let m = &a.metrics;
    let t = &app.data.thresholds;
    let now = app.data.now;
    let mut out: Vec<Line<'static>> = Vec::new();

    let id =
        c.id.as_ref()
            .map_or("no customer id in the export".to_string(), |i| {
                format!("id {i}")
            });
    out.push(Line::styled(truncate(&id, cells), theme.muted));
    let dep_age = format!(
        "deployment as of {}",
        format::as_of(m.deployment_as_of, now)
    );
    let use_age = format!("usage as of {}", format::as_of(m.usage_as_of, now));
    let stale = if m.has(Flag::StaleData) {
        theme.warn
    } else {
        theme.muted
    };
    if width(&dep_age) + width(&use_age) + 3 <= cells {
        out.push(Line::styled(format!("{dep_age} · {use_age}"), stale));
    } else {
        out.push(Line::styled(truncate(&dep_age, cells), stale));
        out.push(Line::styled(truncate(&use_age, cells), stale));
    }
    out.push(Line::raw(""));

    // Label column: wide enough for the longest workload name, within reason.
    let longest = c
        .products
        .iter()
        .flat_map(|p| &p.workloads)
        .map(|w| width(w.name.as_str()) + 2)
        .chain([width("Deployment")])
        .max()
        .unwrap_or(10);
    let label = longest.min(22).min(cells / 4).max(10);

    let dep_counts = format!(
        "{} of {} assigned",
        format::count(m.assigned),
        format::count(m.sold)
    );
    let approx = if m.usage_approx { " ≈" } else { "" };
    let use_counts = format!(
        "{} of {} active{approx}",
        format::count(m.active),
        format::count(m.qualified)
    );
    let product_counts = c.products.iter().zip(&m.products).flat_map(|(p, pm)| {
        let dep = match (pm.assigned, pm.sold) {
            (Some(a), Some(s)) => format!("{} of {} assigned", format::count(a), format::count(s)),
            _ => "no deployment record".to_string(),
        };
        let uses = p.workloads.iter().map(|w| {
            format!(
                "{} of {} active",
                format::count(w.active),
                format::count(w.qualified)
            )
        });
        std::iter::once(dep).chain(uses).collect::<Vec<_>>()
    });
    let counts_texts: Vec<String> = [dep_counts, use_counts]
        .into_iter()
        .chain(product_counts)
        .collect();
    let cols = GaugeColumns {
        label,
        counts: counts_texts.iter().map(|s| width(s)).max().unwrap_or(0),
        total: cells,
    };
    let mut counts = counts_texts.iter();
    let mut next_counts = || counts.next().cloned().unwrap_or_default();

    let dates = |d| format::as_of(d, now);
    let mut rows = Rows {
        out,
        row: 0,
        cursor: focused.then_some(app.detail_row),
        range: None,
        cells,
        mark: theme.selected_dim,
    };
    rows.gauge(
        gauge_line("Deployment", m.deployment, &next_counts(), theme.heading, cols, theme),
        || match m.deployment {
            Some(_) => format!(
                "Deployment = assigned {} ÷ sold {} = {}, summed over the {} with licenses sold. Sold counts licenses bought from any partner or from Microsoft. Data as of {}.",
                format::count(m.assigned),
                format::count(m.sold),
                format::percent(m.deployment),
                format::plural(m.sold_products, "product", "products"),
                dates(m.deployment_as_of)
            ),
            None => "Deployment is n/a: no product has a license sold.".to_string(),
        },
    );
    let use_style = usage_style(m.usage, t.low_usage, theme).patch(theme.heading);
    rows.gauge(
        gauge_line("Usage", m.usage, &next_counts(), use_style, cols, theme),
        || match m.usage {
            Some(_) => format!(
                "Usage = active {} ÷ entitlements {} = {}, summed over {}{}. Active: used in the last 28 calendar days. Data as of {}.",
                format::count(m.active),
                format::count(m.qualified),
                format::percent(m.usage),
                format::plural(m.usage_rows, "product × workload row", "product × workload rows"),
                if m.usage_approx { " (approximate: a user holding several products counts more than once)" } else { "" },
                dates(m.usage_as_of)
            ),
            None => "Usage is n/a: no workload has entitlements.".to_string(),
        },
    );
    let mut out = std::mem::take(&mut rows.out);
    let stats = &app.data.stats;
    if stats.customers > 1 {
        out.extend(wrapped(
            &format!(
                "Portfolio median: deployment {} · usage {}",
                format::percent(stats.median_deployment),
                format::percent(stats.median_usage)
            ),
            "",
            cells,
            theme.muted,
        ));
    }
    out.extend(trend_lines(m, t.usage_drop, cells, theme));
    if let Some(s) = m.support {
        let style = if m.has(Flag::ManySupportRequests) {
            theme.warn
        } else {
            theme.muted
        };
        let text = match s.total {
            0 => "Support: no service requests".to_string(),
            total => format!(
                "Support: {} open, {} created in the last 28 days ({total} in all)",
                s.open, s.recent
            ),
        };
        out.extend(wrapped(&text, "", cells, style));
    }
    if let Some((end, days)) = m.renewal {
        let style = if m.renewing_soon {
            theme.warn
        } else {
            theme.muted
        };
        out.extend(wrapped(
            &format!(
                "Renews in {days} days ({}): unused seats can be reduced then",
                format::date(end)
            ),
            "",
            cells,
            style,
        ));
    }
    if !m.trials.is_empty() {
        out.extend(wrapped(
            &format!("Trial: {}", m.trials.join(", ")),
            "",
            cells,
            theme.warn,
        ));
    }

    rows.out = out;
    for (p, pm) in c.products.iter().zip(&m.products) {
        rows.out.push(Line::raw(""));
        rows.out.push(Line::from(vec![
            Span::styled(
                truncate(
                    p.name.as_str(),
                    cells.saturating_sub(width(&p.service.to_string()) + 3),
                ),
                theme.heading,
            ),
            Span::styled(format!(" · {}", p.service), theme.muted),
        ]));
        let dep_style = if pm.percent.is_none() {
            theme.muted
        } else {
            Style::new()
        };
        rows.gauge(
            gauge_line("Deployment", pm.percent, &next_counts(), dep_style, cols, theme),
            || match (pm.assigned, pm.sold) {
                (Some(a), Some(s)) if s > 0 => format!(
                    "{}: deployment = assigned {} ÷ sold {} = {}. Data as of {}.",
                    p.name,
                    format::count(a),
                    format::count(s),
                    format::percent(pm.percent),
                    dates(p.deployment.and_then(|d| d.as_of))
                ),
                (Some(a), Some(_)) if a > 0 => format!(
                    "{}: n/a, no license sold but {} assigned: a trial or a cancelled subscription.",
                    p.name,
                    format::count(a)
                ),
                (Some(_), Some(_)) => format!("{}: n/a, no license sold.", p.name),
                _ => format!("{}: the export has no deployment record for this product.", p.name),
            },
        );
        if pm.flags.contains(&Flag::AssignedWithoutSold) {
            rows.out.extend(wrapped(
                "assigned without sold: a trial or a cancelled subscription",
                "  ",
                cells,
                theme.warn,
            ));
        }
        for (w, wm) in p.workloads.iter().zip(&pm.workloads) {
            let style = usage_style(wm.percent, t.low_usage, theme);
            rows.gauge(
                gauge_line(&format!("  {}", w.name), wm.percent, &next_counts(), style, cols, theme),
                || {
                    let over = if wm.percent.is_some_and(|x| x > 100.0) {
                        " Above 100 %: see the documented causes below."
                    } else {
                        ""
                    };
                    match wm.percent {
                        Some(_) => format!(
                            "{} in {}: usage = active {} ÷ entitlements {} = {}. Active: the user used the entitlement in the last 28 calendar days. Data as of {}.{over}",
                            w.name,
                            p.name,
                            format::count(wm.active),
                            format::count(wm.qualified),
                            format::percent(wm.percent),
                            dates(w.as_of)
                        ),
                        None => format!(
                            "{} in {}: n/a, no entitlements ({} active).",
                            w.name,
                            p.name,
                            format::count(wm.active)
                        ),
                    }
                },
            );
        }
        if p.workloads.is_empty() {
            rows.out
                .push(Line::styled("  no usage record", theme.muted));
        }
    }
    let range = rows.range;
    let mut out = rows.out;

    out.push(Line::raw(""));
    if !m.flags.is_empty() {
        let words: Vec<&str> = m.flags.iter().map(|f| flag_words(*f)).collect();
        out.extend(wrapped(
            &format!("Flags: {}", words.join(" · ")),
            "",
            cells,
            theme.warn,
        ));
    }
    if m.has(Flag::UsageOver100) {
        out.extend(wrapped(
            "! Usage above 100 % is real data, not an error. Partner Center names these causes:",
            "",
            cells,
            theme.over,
        ));
        for cause in OVER_100_CAUSES {
            out.extend(wrapped(cause, "  · ", cells, Style::new()));
        }
    }
    if m.usage_approx {
        out.extend(wrapped(
            "≈ Overall usage spans several products: a user holding two of them counts twice.",
            "",
            cells,
            theme.muted,
        ));
    }
    out.extend(wrapped(
        "Totals include licenses bought from other partners or directly from Microsoft.",
        "",
        cells,
        theme.muted,
    ));
    // On the last row, the notes below it come into view too.
    let last = app.detail_row + 1 >= app.detail_rows();
    let range = range.map(|(start, end)| (start, if last { out.len() } else { end }));
    (out, range)
}

/// `Usage trend  ▁▃▅▇▅   61 % ▼ −7 since 2025-05-01` and the same for deployment, when the
/// customer has history.
fn trend_lines(
    m: &crate::metrics::CustomerMetrics,
    drop: f64,
    cells: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    if m.trend.is_empty() {
        return Vec::new();
    }
    let rows = [
        (
            "Usage trend",
            m.trend.iter().map(|p| p.usage).collect::<Vec<_>>(),
            m.usage,
            m.usage_delta,
        ),
        (
            "Deployment trend",
            m.trend.iter().map(|p| p.deployment).collect(),
            m.deployment,
            m.deployment_delta,
        ),
    ];
    let mut out = Vec::new();
    for (label, values, now, delta) in rows {
        // One value is not a trend (e.g. history of usage only).
        if values.iter().flatten().count() < 2 {
            continue;
        }
        let mut spans = vec![
            Span::styled(format!("{label:<17}"), theme.muted),
            Span::styled(format::sparkline(&values), theme.bar_fill),
            Span::raw(format!(" {:>7}", format::percent(now))),
        ];
        if let Some((d, since)) = delta {
            let style = if d <= -drop {
                theme.warn
            } else if d > 0.0 {
                theme.good
            } else {
                Style::new()
            };
            spans.push(Span::styled(format!(" {}", format::delta(d)), style));
            spans.push(Span::styled(
                format!(" since {}", format::date(since)),
                theme.muted,
            ));
        }
        let line = Line::from(spans);
        out.push(if line.width() > cells {
            Line::raw(truncate(&line.to_string(), cells))
        } else {
            line
        });
    }
    out
}

/// A flag in words, for people.
pub fn flag_words(flag: Flag) -> &'static str {
    match flag {
        Flag::LowDeployment => "low deployment",
        Flag::LowUsage => "low usage",
        Flag::UsageOver100 => "usage over 100 %",
        Flag::DeploymentNa => "deployment n/a (nothing sold)",
        Flag::UsageNa => "usage n/a (no entitlements)",
        Flag::AssignedWithoutSold => "assigned without sold",
        Flag::Trial => "trial",
        Flag::StaleData => "stale data",
        Flag::ManySupportRequests => "many support requests",
    }
}
