//! The selected customer: overall gauges, then each product and its workloads, then notes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::widgets::{GaugeColumns, gauge_line, usage_style, wrapped};
use super::{pane, scrolled};
use crate::domain::metrics::Flag;
use crate::i18n::{Lang, Msg};
use crate::present::format;
use crate::present::labels::flag_words;
use crate::text::{fit, fit_right, truncate, width};
use crate::tr;
use crate::tui::app::{App, Focus};
use crate::tui::theme::Theme;

/// The documented causes of usage above 100 % (Partner Center, "Terminology").
pub const OVER_100_CAUSES: [Msg; 4] = [
    Msg::Over100Cause1,
    Msg::Over100Cause2,
    Msg::Over100Cause3,
    Msg::Over100Cause4,
];

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Focus::Detail;
    let shown = app.selected().filter(|_| !app.concealed());
    let Some((c, _)) = shown else {
        let block = pane(tr!(app.lang, Detail), None, focused, area.width, theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let text = if app.concealed() {
            super::list::present_typing(app)
        } else {
            tr!(app.lang, NoSelection).to_string()
        };
        frame.render_widget(Paragraph::new(Line::styled(text, theme.muted)), inner);
        return;
    };
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
    let lang = app.lang;
    let n = |v: u64| format::count(lang, v);
    let pct = |p: Option<f64>| format::percent(lang, p);
    let mut out: Vec<Line<'static>> = Vec::new();

    let id =
        c.id.as_ref()
            .map_or(tr!(lang, NoCustomerId).to_string(), |i| {
                tr!(lang, CustomerId, id = i)
            });
    out.push(Line::styled(truncate(&id, cells), theme.muted));
    let dep_age = format::source_as_of(
        lang,
        (Msg::DeploymentAsOf, Msg::NoDeploymentData),
        m.has_deployment_data,
        m.deployment_as_of,
        now,
    );
    let use_age = format::source_as_of(
        lang,
        (Msg::UsageAsOf, Msg::NoUsageData),
        m.has_usage_data,
        m.usage_as_of,
        now,
    );
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
        .max()
        .unwrap_or(10);
    // At least the overall rows' own labels (`Bereitstellung`), where the pane allows.
    let own = width(tr!(lang, Deployment)).max(width(tr!(lang, Usage)));
    // Wide panes give long workload names their room; narrow ones keep room for the bars.
    let cap = if cells >= 60 {
        cells / 3
    } else {
        (cells / 4).min(22)
    };
    let label = longest.min(cap).max(10).max(own.min(cells / 3));

    let dep_counts = if m.has_deployment_data {
        tr!(lang, AssignedOf, assigned = n(m.assigned), sold = n(m.sold))
    } else {
        tr!(lang, NoDeploymentData).to_string()
    };
    // The customer's usage counts workload entitlements, not people: they get a line of their
    // own below the gauge, with their unit, instead of the short "N of M active".
    let use_counts = String::new();
    let product_counts = c.products.iter().zip(&m.products).flat_map(|(p, pm)| {
        let dep = match (pm.assigned, pm.sold) {
            (Some(a), Some(s)) => tr!(lang, AssignedOf, assigned = n(a), sold = n(s)),
            _ => tr!(lang, NoDeploymentRecord).to_string(),
        };
        let uses = p
            .workloads
            .iter()
            .map(|w| tr!(lang, ActiveOf, active = n(w.active), total = n(w.qualified)));
        let rows: Vec<String> = std::iter::once(dep).chain(uses).collect();
        if p.is_past() { Vec::new() } else { rows }
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

    let dates = |d| format::as_of(lang, d, now);
    let mut rows = Rows {
        out,
        row: 0,
        cursor: focused.then_some(app.detail_row),
        range: None,
        cells,
        mark: theme.selected_dim,
    };
    rows.gauge(
        gauge_line(
            lang,
            tr!(lang, Deployment),
            m.deployment,
            &next_counts(),
            theme.heading,
            cols,
            theme,
        ),
        || match m.deployment {
            Some(_) => tr!(
                lang,
                ExplainDeployment,
                assigned = n(m.assigned),
                sold = n(m.sold),
                percent = pct(m.deployment),
                products = format::plural(lang, m.sold_products, Msg::ProductOne, Msg::ProductMany),
                when = dates(m.deployment_as_of)
            ),
            None => tr!(lang, ExplainDeploymentNa).to_string(),
        },
    );
    let use_style = usage_style(m.usage, t.low_usage, theme).patch(theme.heading);
    rows.gauge(
        gauge_line(
            lang,
            tr!(lang, Usage),
            m.usage,
            &next_counts(),
            use_style,
            cols,
            theme,
        ),
        || match m.usage {
            Some(_) => tr!(
                lang,
                ExplainUsage,
                active = n(m.active),
                total = n(m.qualified),
                percent = pct(m.usage),
                rows = format::plural(lang, m.usage_rows, Msg::RowOne, Msg::RowMany),
                approx = if m.usage_approx {
                    tr!(lang, ApproxExplain)
                } else {
                    ""
                },
                when = dates(m.usage_as_of)
            ),
            None => tr!(lang, ExplainUsageNa).to_string(),
        },
    );
    let mut out = std::mem::take(&mut rows.out);
    if m.qualified > 0 {
        let units = tr!(
            lang,
            UsageUnits,
            active = n(m.active),
            total = n(m.qualified),
            approx = if m.usage_approx {
                tr!(lang, ApproxShort)
            } else {
                ""
            }
        );
        out.extend(wrapped(&units, "  ", cells, theme.muted));
    }
    let stats = &app.data.stats;
    // (Not while presenting: it is a figure over the other customers.)
    if stats.customers > 1 && !app.present {
        out.extend(wrapped(
            &tr!(
                lang,
                PortfolioMedian,
                deployment = pct(stats.median_deployment),
                usage = pct(stats.median_usage)
            ),
            "",
            cells,
            theme.muted,
        ));
    }
    out.extend(trend_lines(lang, m, t.usage_drop, cells, theme));
    if let Some(s) = m.support {
        let style = if m.has(Flag::ManySupportRequests) {
            theme.warn
        } else {
            theme.muted
        };
        let text = match s.total {
            0 => tr!(lang, SupportNone).to_string(),
            total => tr!(
                lang,
                SupportCounts,
                open = s.open,
                recent = s.recent,
                total = total
            ),
        };
        out.extend(wrapped(&text, "", cells, style));
    }
    if let Some(text) = crate::present::report::renewal_text(lang, m) {
        let style = if m.renewing_soon {
            theme.warn
        } else {
            theme.muted
        };
        out.extend(wrapped(&text, "", cells, style));
    }
    if !m.trials.is_empty() {
        out.extend(wrapped(
            &crate::present::report::trial_text(lang, c),
            "",
            cells,
            theme.warn,
        ));
    }

    rows.out = out;
    for (p, pm) in c.products.iter().zip(&m.products) {
        if p.is_past() {
            continue;
        }
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
            gauge_line(
                lang,
                tr!(lang, Deployment),
                pm.percent,
                &next_counts(),
                dep_style,
                cols,
                theme,
            ),
            || match (pm.assigned, pm.sold) {
                (Some(a), Some(s)) if s > 0 => tr!(
                    lang,
                    ExplainProductDeployment,
                    product = p.name,
                    assigned = n(a),
                    sold = n(s),
                    percent = pct(pm.percent),
                    when = dates(p.deployment.and_then(|d| d.as_of))
                ),
                (Some(a), Some(_)) if a > 0 => {
                    tr!(lang, ExplainProductTrial, product = p.name, assigned = n(a))
                }
                (Some(_), Some(_)) => tr!(lang, ExplainProductNoneSold, product = p.name),
                _ => tr!(lang, ExplainProductNoRecord, product = p.name),
            },
        );
        if pm.flags.contains(&Flag::AssignedWithoutSold) {
            rows.out.extend(wrapped(
                tr!(lang, AssignedWithoutSoldNote),
                "  ",
                cells,
                theme.warn,
            ));
        }
        for (w, wm) in p.workloads.iter().zip(&pm.workloads) {
            let style = usage_style(wm.percent, t.low_usage, theme);
            rows.gauge(
                gauge_line(
                    lang,
                    &format!("  {}", w.name),
                    wm.percent,
                    &next_counts(),
                    style,
                    cols,
                    theme,
                ),
                || {
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
                            percent = pct(wm.percent),
                            when = dates(w.as_of),
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
                },
            );
        }
        if p.workloads.is_empty() {
            rows.out.push(Line::styled(
                format!("  {}", tr!(lang, NoUsageRecord)),
                theme.muted,
            ));
        }
    }
    let range = rows.range;
    let mut out = rows.out;
    let past: Vec<&crate::domain::model::Product> =
        c.products.iter().filter(|p| p.is_past()).collect();
    if !past.is_empty() {
        out.push(Line::raw(""));
    }
    for p in past {
        let date = p
            .last_seen()
            .map(|d| format::date(lang, d))
            .unwrap_or_default();
        out.extend(wrapped(
            &tr!(lang, NotInLatest, product = p.name, date = date),
            "",
            cells,
            theme.muted,
        ));
    }

    out.push(Line::raw(""));
    if !m.flags.is_empty() {
        let words: Vec<&str> = m.flags.iter().map(|f| flag_words(lang, *f)).collect();
        out.extend(wrapped(
            &tr!(lang, FlagsLine, flags = words.join(" · ")),
            "",
            cells,
            theme.warn,
        ));
    }
    if m.has(Flag::UsageOver100) {
        out.extend(wrapped(tr!(lang, Over100Intro), "", cells, theme.over));
        for cause in OVER_100_CAUSES {
            out.extend(wrapped(lang.get(cause), "  · ", cells, Style::new()));
        }
    }
    if m.usage_approx {
        out.extend(wrapped(tr!(lang, ApproxFootnote), "", cells, theme.muted));
    }
    out.extend(wrapped(tr!(lang, TotalsFootnote), "", cells, theme.muted));
    // On the last row, the notes below it come into view too.
    let last = app.detail_row + 1 >= app.detail_rows();
    let range = range.map(|(start, end)| (start, if last { out.len() } else { end }));
    (out, range)
}

/// `Usage trend  ▁▃▅▇▅   61 % ▼ −7 since 2025-05-01` and the same for deployment, when the
/// customer has history.
fn trend_lines(
    lang: Lang,
    m: &crate::domain::metrics::CustomerMetrics,
    drop: f64,
    cells: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    if m.trend.is_empty() {
        return Vec::new();
    }
    let rows = [
        (
            tr!(lang, UsageTrend),
            m.trend.iter().map(|p| p.usage).collect::<Vec<_>>(),
            m.usage,
            m.usage_delta,
        ),
        (
            tr!(lang, DeploymentTrend),
            m.trend.iter().map(|p| p.deployment).collect(),
            m.deployment,
            m.deployment_delta,
        ),
    ];
    let mut out = Vec::new();
    // One column for both labels, as wide as the longer one (`Bereitstellungstrend`).
    let label_cells = rows
        .iter()
        .map(|r| width(r.0) + 1)
        .max()
        .unwrap_or(0)
        .max(17);
    for (label, values, now, delta) in rows {
        // One value is not a trend (e.g. history of usage only).
        if values.iter().flatten().count() < 2 {
            continue;
        }
        let mut spans = vec![
            Span::styled(fit(label, label_cells), theme.muted),
            Span::styled(format::sparkline(&values), theme.bar_fill),
            Span::raw(format!(" {}", fit_right(&format::percent(lang, now), 7))),
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
                format!(" {}", tr!(lang, Since, date = format::date(lang, since))),
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
