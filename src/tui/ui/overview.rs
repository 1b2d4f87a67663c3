//! The portfolio overview: totals, how customers spread over deployment % and usage %, the
//! portfolio medians, and the biggest opportunities.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::widgets::wrapped;
use crate::domain::analysis::{BUCKET_NA, BUCKET_OVER_100, PortfolioStats};
use crate::i18n::{Lang, Msg};
use crate::present::format;
use crate::present::labels::bucket_label;
use crate::text::{fit, fit_right, width};
use crate::tr;
use crate::tui::app::App;
use crate::tui::theme::Theme;

/// The overview's lines for `cells` columns.
pub fn lines(app: &App, cells: usize, theme: &Theme) -> Vec<Line<'static>> {
    with_pick(app, cells, theme).0
}

/// The overview's lines, and the line of the chosen top opportunity (to keep on screen).
pub fn with_pick(app: &App, cells: usize, theme: &Theme) -> (Vec<Line<'static>>, Option<usize>) {
    let mut out = Vec::new();
    // While the whole portfolio loads, the app holds a first frame's customers: no
    // portfolio-wide figure yet (never zeros or a part read as the whole).
    if let Some(total) = app.loading {
        out.push(Line::styled(
            tr!(
                app.lang,
                LoadingCustomers,
                n = format::count(app.lang, total as u64)
            ),
            theme.heading,
        ));
        return (out, None);
    }
    totals(&mut out, app, cells, theme);
    histograms(&mut out, app.lang, &app.data.stats, cells, theme);
    let picked = top(&mut out, app, cells, theme);
    partner(&mut out, app, cells, theme);
    by_rule(&mut out, app, cells, theme);
    (out, picked)
}

/// ` seats`, after a number of seats.
fn seats_word(lang: Lang) -> String {
    format!(" {}", tr!(lang, SeatsWord))
}

/// The heading, the portfolio's seats and its medians.
fn totals(out: &mut Vec<Line<'static>>, app: &App, cells: usize, theme: &Theme) {
    let s = &app.data.stats;
    let lang = app.lang;
    let pct = |n: u64, d: u64| format::percent(lang, crate::domain::metrics::percent(n, d));
    let n = |v: u64| format::count(lang, v);
    // Without any deployment (or usage) rows a sum is not zero but unknown.
    let na = || tr!(lang, Na).to_string();
    let dep = |v: u64| if s.with_deployment > 0 { n(v) } else { na() };
    let use_ = |v: u64| if s.with_usage > 0 { n(v) } else { na() };
    out.push(Line::styled(
        tr!(
            lang,
            PortfolioHeading,
            customers = format::plural(lang, s.customers, Msg::CustomerOne, Msg::CustomerMany)
        ),
        theme.heading,
    ));
    out.extend(wrapped(
        &tr!(
            lang,
            SeatsLine,
            sold = dep(s.sold),
            assigned = dep(s.assigned),
            deployment = pct(s.assigned, s.sold),
            unassigned = dep(s.unassigned),
            active = use_(s.active),
            total = use_(s.qualified),
            usage = pct(s.active, s.qualified),
            unused = n(s.unused_seats)
        ),
        "",
        cells,
        Style::new(),
    ));
    // Presenting: the partner's prices stay off the shared screen.
    if let Some(cost) = s.cost.filter(|_| !app.present) {
        out.extend(wrapped(
            &(tr!(
                lang,
                OverviewCost,
                month = format::money(lang, cost),
                year = format::money(lang, format::per_year(cost)),
                n = n(s.priced_customers as u64),
                total = n(s.customers as u64)
            ) + &if s.partly_priced > 0 {
                tr!(lang, OverviewPartlyPriced, n = n(s.partly_priced as u64))
            } else {
                String::new()
            }),
            "",
            cells,
            Style::new(),
        ));
    }
    out.extend(wrapped(
        &tr!(
            lang,
            PortfolioMedian,
            deployment = format::percent(lang, s.median_deployment),
            usage = format::percent(lang, s.median_usage)
        ),
        "",
        cells,
        Style::new(),
    ));
    out.push(Line::raw(""));
}

/// Two histograms side by side when there is room, else one under the other.
fn histograms(
    out: &mut Vec<Line<'static>>,
    lang: Lang,
    s: &PortfolioStats,
    cells: usize,
    theme: &Theme,
) {
    let dep = histogram(lang, tr!(lang, ByDeployment), &s.deployment_buckets, theme);
    let usage = histogram(lang, tr!(lang, ByUsage), &s.usage_buckets, theme);
    let half = cells / 2;
    if half >= 34 {
        for (l, r) in dep.iter().zip(&usage) {
            let left = fit_line(l, half, half);
            let mut spans = left.spans;
            spans.extend(fit_line(r, cells - half, half).spans);
            out.push(Line::from(spans));
        }
    } else {
        out.extend(dep.iter().map(|l| fit_line(l, cells, cells)));
        out.push(Line::raw(""));
        out.extend(usage.iter().map(|l| fit_line(l, cells, cells)));
    }
}

/// Cells for a column of counts: the widest of them, at least 9, so that no count is cut (a
/// number is read aloud).
fn count_cells(lang: Lang, counts: impl Iterator<Item = u64>) -> usize {
    counts
        .map(|v| width(&format::count(lang, v)))
        .max()
        .unwrap_or(0)
        .max(9)
}

/// The top opportunities; returns the line of the chosen one.
fn top(out: &mut Vec<Line<'static>>, app: &App, cells: usize, theme: &Theme) -> Option<usize> {
    let s = &app.data.stats;
    let lang = app.lang;
    out.push(Line::raw(""));
    out.push(Line::styled(tr!(lang, TopOpportunities), theme.heading));
    if s.top.is_empty() {
        out.push(Line::styled(
            format!("  {}", tr!(lang, NoneWord)),
            theme.muted,
        ));
    }
    let seats_word = seats_word(lang);
    // Rank 4 + spaces 2 + the licenses + their word, besides the name and the rule's
    // title (what the names leave, at least 18 cells).
    let seat_cells = count_cells(lang, s.top.iter().map(|t| t.2));
    let rest = cells.saturating_sub(6 + seat_cells + width(&seats_word));
    let longest = s
        .top
        .iter()
        .map(|(i, _, _)| width(app.customer(*i).0.name.as_str()))
        .max()
        .unwrap_or(0);
    let name_cells = longest.min(rest.saturating_sub(18)).clamp(8, 48);
    let rule_cells = rest.saturating_sub(name_cells).max(18);
    let selected = app.selected_index();
    let mut picked = None;
    for (rank, (i, id, seats)) in s.top.iter().enumerate() {
        let (c, _) = app.customer(*i);
        let chosen = rank == app.overview_pick;
        if chosen {
            picked = Some(out.len());
        }
        let name = if app.present && Some(*i) != selected {
            "•••••".to_string()
        } else {
            c.name.to_string()
        };
        let line = Line::from(vec![
            Span::styled(format!("{:>3} ", rank + 1), theme.key),
            Span::raw(fit(&name, name_cells)),
            Span::raw(" "),
            Span::styled(fit(id.title(lang), rule_cells), theme.muted),
            Span::raw(" "),
            Span::raw(fit_right(&format::count(lang, *seats), seat_cells)),
            Span::styled(seats_word.clone(), theme.muted),
        ]);
        out.push(if chosen {
            line.style(theme.selected)
        } else {
            line
        });
    }
    picked
}

/// The totals Partner Center reported for the partner, when the export has them.
fn partner(out: &mut Vec<Line<'static>>, app: &App, cells: usize, theme: &Theme) {
    let partner = &app.data.portfolio.partner;
    if partner.deployment.is_empty() && partner.usage.is_empty() {
        return;
    }
    let lang = app.lang;
    out.push(Line::raw(""));
    out.push(Line::styled(tr!(lang, PartnerTotals), theme.heading));
    let reported = |p: Option<f64>| p.map_or_else(|| "—".to_string(), |p| format::number(lang, p));
    for d in &partner.deployment {
        let sold = d
            .sold
            .map_or_else(|| "—".to_string(), |v| format::count(lang, v));
        let text = tr!(
            lang,
            PartnerSold,
            service = d.service,
            sold = sold,
            percent = reported(d.reported_percent)
        );
        out.extend(wrapped(&text, "  ", cells, Style::new()));
    }
    for u in &partner.usage {
        let text = tr!(
            lang,
            PartnerUsage,
            service = u.service,
            workload = u.workload,
            percent = reported(u.reported_percent)
        );
        out.extend(wrapped(&text, "  ", cells, Style::new()));
    }
}

/// Per rule: how many customers it suggests something for, and for how many seats.
fn by_rule(out: &mut Vec<Line<'static>>, app: &App, cells: usize, theme: &Theme) {
    let lang = app.lang;
    let n = |v: u64| format::count(lang, v);
    out.push(Line::raw(""));
    out.push(Line::styled(tr!(lang, ByRule), theme.heading));
    let seats_word = seats_word(lang);
    let customers_word = format!(" {} ", tr!(lang, CustomersWord));
    let customer_word = crate::text::fit(
        &format!(" {} ", tr!(lang, CustomerWordOne)),
        width(&customers_word),
    );
    // The title, then the counts with their words.
    let rules = &app.data.stats.by_rule;
    let customer_cells = count_cells(lang, rules.iter().map(|r| r.1 as u64));
    let seat_cells = count_cells(lang, rules.iter().map(|r| r.2));
    let title_cells = cells
        .saturating_sub(
            2 + customer_cells + seat_cells + width(&customers_word) + width(&seats_word),
        )
        .max(18);
    for (id, customers, seats) in rules {
        out.push(Line::from(vec![
            Span::raw(format!("  {}", fit(id.title(lang), title_cells))),
            Span::raw(fit_right(&n(*customers as u64), customer_cells)),
            Span::styled(
                if *customers == 1 {
                    customer_word.clone()
                } else {
                    customers_word.clone()
                },
                theme.muted,
            ),
            Span::raw(fit_right(&n(*seats), seat_cells)),
            Span::styled(seats_word.clone(), theme.muted),
        ]));
    }
}

/// A heading and one bar per bucket, scaled to the largest bucket.
fn histogram(lang: Lang, title: &str, counts: &[usize; 7], theme: &Theme) -> Vec<Line<'static>> {
    const BAR: usize = 18;
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let mut out = vec![Line::styled(title.to_string(), theme.heading)];
    for (i, &n) in counts.iter().enumerate() {
        let cells = (n * BAR).div_ceil(max);
        let style = match i {
            BUCKET_OVER_100 => theme.over,
            BUCKET_NA => theme.muted,
            _ => theme.bar_fill,
        };
        out.push(Line::from(vec![
            Span::raw(format!("  {} ", fit_right(&bucket_label(lang, i), 9))),
            Span::styled("█".repeat(cells), style),
            Span::raw(format!(" {}", format::count(lang, n as u64))),
        ]));
    }
    out
}

/// Pads or cuts a line to exactly `cells` cells (`room` is where cutting starts).
fn fit_line(line: &Line<'static>, cells: usize, room: usize) -> Line<'static> {
    let mut used = 0;
    let mut spans = Vec::new();
    for span in &line.spans {
        let w = width(&span.content);
        if used + w > room.min(cells) {
            spans.push(Span::styled(
                fit(&span.content, room.min(cells) - used),
                span.style,
            ));
            used = room.min(cells);
            break;
        }
        used += w;
        spans.push(span.clone());
    }
    spans.push(Span::raw(" ".repeat(cells.saturating_sub(used))));
    Line::from(spans).style(line.style)
}
