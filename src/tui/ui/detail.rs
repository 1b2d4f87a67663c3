//! The selected customer: overall gauges, then each product and its workloads, then notes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::widgets::{GaugeColumns, gauge_line, usage_style, wrapped};
use super::{pane, scrolled};
use crate::domain::metrics::SupportLoad;
use crate::i18n::{Lang, Msg};
use crate::present::format;
use crate::present::labels::flag_words;
use crate::present::view::{self, CustomerView, Gauge, Measure, Row, Source, Trend};
use crate::text::{fit, fit_right, truncate, width};
use crate::tr;
use crate::tui::app::{App, Focus};
use crate::tui::theme::Theme;

/// A trend's figure (with its source) and its change (with its date), as spans.
type TrendParts = (Vec<Span<'static>>, Vec<Span<'static>>);

/// The fewest most recent points a usage or deployment trend's sparkline keeps on one line
/// before its change moves to a line of its own.
const MIN_SPARK: usize = 6;

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
    if app.users.is_some() {
        return super::users::draw(frame, area, app, c.name.as_str(), theme);
    }
    let block = pane(c.name.as_str(), None, focused, area.width, theme);
    scrolled(frame, area, block, 0, |cells| lines(app, cells, theme));
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
    let view = CustomerView::new(&c, &a, app.data.now, app.lang);
    let mut pane = Pane {
        app,
        lang: app.lang,
        cells,
        theme,
        cols: columns(&view, cells),
        spark: usize::MAX,
    };
    pane.spark = view
        .rows
        .iter()
        .filter_map(|r| match r {
            Row::Trend(t) => Some(pane.trend_layout(t, &pane.trend_parts(t)).0),
            _ => None,
        })
        .min()
        .unwrap_or(usize::MAX);
    let mut out = Out {
        lines: Vec::new(),
        row: 0,
        cursor: (app.focus == Focus::Detail).then_some(app.detail_row),
        range: None,
    };
    if let Some(why) = app.detail_problem() {
        let text = tr!(app.lang, ProductsUnreadable, why = why);
        out.lines.extend(wrapped(&text, "", cells, theme.bad));
    }
    // Presenting: the partner's commercial facts (prices, costs, "yours: 60 of 100 sold",
    // when seats can be reduced) stay off the shared screen.
    for row in view
        .rows
        .iter()
        .filter(|r| !(app.present && matches!(r, Row::Commercial { .. })))
    {
        pane.row(row, &mut out);
    }
    // On the last row, the notes below it come into view too.
    let last = app.detail_row + 1 >= view.gauges().count();
    let end = out.lines.len();
    let range = out
        .range
        .map(|(start, stop)| (start, if last { end } else { stop }));
    (out.lines, range)
}

/// The lines drawn so far, and where the cursor's gauge row stands among them.
struct Out {
    lines: Vec<Line<'static>>,
    /// The gauge rows drawn so far.
    row: usize,
    cursor: Option<usize>,
    /// Lines of the focused row and its explanation.
    range: Option<(usize, usize)>,
}

/// What the rows of one detail pane are drawn with.
struct Pane<'a> {
    app: &'a App,
    lang: Lang,
    cells: usize,
    theme: &'a Theme,
    cols: GaugeColumns,
    /// The most recent points every trend's sparkline shows: the fewest any of them has room
    /// for, so the usage and deployment lines cover the same months, column by column.
    spark: usize,
}

/// The counts text of a gauge row on screen. The customer's usage counts workload
/// entitlements, not people: they get a line of their own below the gauge, with their unit,
/// instead of the short "N of M active".
fn counts(lang: Lang, measure: &Measure) -> String {
    match measure {
        Measure::Deployment {
            has_data: false, ..
        } => tr!(lang, NoDeploymentData).to_string(),
        Measure::Deployment { assigned, sold, .. } => view::assigned_of(lang, *assigned, *sold),
        Measure::Usage { .. } => String::new(),
        Measure::Product { counts } | Measure::Workload { counts, .. } => counts.clone(),
    }
}

/// The gauge columns: a label column wide enough for the longest workload name (within
/// reason), and a counts column as wide as the widest counts text.
fn columns(view: &CustomerView, cells: usize) -> GaugeColumns {
    let lang = view.lang;
    let longest = view.longest_workload.map_or(10, |w| w + 2);
    // At least the overall rows' own labels (`Bereitstellung`), where the pane allows.
    let own = width(tr!(lang, Deployment)).max(width(tr!(lang, Usage)));
    // Wide panes give long workload names their room; narrow ones keep room for the bars.
    let cap = if cells >= 60 {
        cells / 3
    } else {
        (cells / 4).min(22)
    };
    GaugeColumns {
        label: longest.min(cap).max(10).max(own.min(cells / 3)),
        counts: view
            .gauges()
            .map(|g| width(&counts(lang, &g.measure)))
            .max()
            .unwrap_or(0),
        total: cells,
    }
}

impl Pane<'_> {
    /// Draws one row of the view.
    fn row(&self, row: &Row, out: &mut Out) {
        let (lang, cells, theme) = (self.lang, self.cells, self.theme);
        let muted = |text: &str| wrapped(text, "", cells, theme.muted);
        let lines = match row {
            Row::Id(id) => {
                let id = id.map_or(tr!(lang, NoCustomerId).to_string(), |i| {
                    tr!(lang, CustomerId, id = i)
                });
                vec![Line::styled(truncate(&id, cells), theme.muted)]
            }
            Row::AsOf {
                deployment,
                usage,
                stale,
            } => self.as_of(*deployment, *usage, *stale),
            Row::Blank => vec![Line::raw("")],
            Row::Gauge(g) => return self.gauge(g, out),
            Row::Units {
                active,
                qualified,
                approx,
            } => self.units(*active, *qualified, *approx),
            Row::PortfolioMedian => self.median(),
            Row::Trend(t) => self.trend(t),
            Row::Support { load, many } => self.support(*load, *many),
            Row::Renewal { text, soon } => wrapped(
                text,
                "",
                cells,
                if *soon { theme.warn } else { theme.muted },
            ),
            Row::Trials(text) => wrapped(text, "", cells, theme.warn),
            Row::SourceNote(text) => wrapped(text, "", cells, theme.muted),
            Row::Commercial {
                text,
                heading: true,
            } => wrapped(text, "", cells, theme.heading),
            Row::Commercial { text, .. } => wrapped(text, "  ", cells, Style::default()),
            Row::Product { name, service, .. } => vec![Line::from(vec![
                Span::styled(
                    truncate(name, cells.saturating_sub(width(&service.to_string()) + 3)),
                    theme.heading,
                ),
                Span::styled(format!(" · {service}"), theme.muted),
            ])],
            Row::AssignedWithoutSold => {
                wrapped(tr!(lang, AssignedWithoutSoldNote), "  ", cells, theme.warn)
            }
            Row::NoUsageRecord => vec![Line::styled(
                format!("  {}", tr!(lang, NoUsageRecord)),
                theme.muted,
            )],
            Row::NotInLatest { name, date, .. } => {
                muted(&tr!(lang, NotInLatest, product = name, date = date))
            }
            Row::Flags(flags) => {
                let words: Vec<&str> = flags.iter().map(|f| flag_words(lang, *f)).collect();
                let text = tr!(lang, FlagsLine, flags = words.join(" · "));
                wrapped(&text, "", cells, theme.warn)
            }
            Row::Over100 => self.over100(),
            Row::ApproxFootnote => muted(tr!(lang, ApproxFootnote)),
            Row::TotalsFootnote => muted(tr!(lang, TotalsFootnote)),
            // Graph users (issue 14)
            Row::GraphHeading(text) => wrapped(text, "", cells, theme.heading),
            Row::GraphNote { text, warn } => wrapped(
                text,
                "  ",
                cells,
                if *warn { theme.warn } else { theme.muted },
            ),
        };
        out.lines.extend(lines);
    }

    /// "45 of 50 workload entitlements active", under the overall usage.
    fn units(&self, active: u64, qualified: u64, approx: bool) -> Vec<Line<'static>> {
        let lang = self.lang;
        let units = tr!(
            lang,
            UsageUnits,
            active = format::count(lang, active),
            total = format::count(lang, qualified),
            approx = if approx { tr!(lang, ApproxShort) } else { "" }
        );
        wrapped(&units, "  ", self.cells, self.theme.muted)
    }

    /// The service requests: open, recent and total; a warning when there are many.
    fn support(&self, load: SupportLoad, many: bool) -> Vec<Line<'static>> {
        let lang = self.lang;
        let text = match load.total {
            0 => tr!(lang, SupportNone).to_string(),
            total => tr!(
                lang,
                SupportCounts,
                open = load.open,
                recent = load.recent,
                total = total
            ),
        };
        let style = if many {
            self.theme.warn
        } else {
            self.theme.muted
        };
        wrapped(&text, "", self.cells, style)
    }

    /// Usage above 100 %: what it is, and its documented causes.
    fn over100(&self) -> Vec<Line<'static>> {
        let (lang, cells) = (self.lang, self.cells);
        let mut lines = wrapped(tr!(lang, Over100Intro), "", cells, self.theme.over);
        for cause in OVER_100_CAUSES {
            lines.extend(wrapped(lang.get(cause), "  · ", cells, Style::new()));
        }
        lines
    }

    /// The data dates on one line, or on two when the pane is narrow.
    fn as_of(&self, deployment: Source, usage: Source, stale: bool) -> Vec<Line<'static>> {
        let (lang, cells, now) = (self.lang, self.cells, self.app.data.now);
        let age = |msgs, s: Source| s.text(lang, msgs, now);
        let dep_age = age((Msg::DeploymentAsOf, Msg::NoDeploymentData), deployment);
        let use_age = age((Msg::UsageAsOf, Msg::NoUsageData), usage);
        let style = if stale {
            self.theme.warn
        } else {
            self.theme.muted
        };
        if width(&dep_age) + width(&use_age) + 3 <= cells {
            vec![Line::styled(format!("{dep_age} · {use_age}"), style)]
        } else {
            // Each on its own lines, wrapped: a source's name must not be cut off.
            let mut lines = wrapped(&dep_age, "", cells, style);
            lines.extend(wrapped(&use_age, "", cells, style));
            lines
        }
    }

    /// A gauge row; the focused one marked and explained.
    fn gauge(&self, g: &Gauge, out: &mut Out) {
        let (lang, theme) = (self.lang, self.theme);
        let low = self.app.data.thresholds.low_usage;
        let workload;
        let (label, style) = match &g.measure {
            Measure::Deployment { .. } => (tr!(lang, Deployment), theme.heading),
            Measure::Usage { .. } => (
                tr!(lang, Usage),
                usage_style(g.percent, low, theme).patch(theme.heading),
            ),
            Measure::Product { .. } if g.percent.is_none() => (tr!(lang, Deployment), theme.muted),
            Measure::Product { .. } => (tr!(lang, Deployment), Style::new()),
            Measure::Workload { name, .. } => {
                workload = format!("  {name}");
                (workload.as_str(), usage_style(g.percent, low, theme))
            }
        };
        let counts = counts(lang, &g.measure);
        let line = gauge_line(lang, label, g.percent, &counts, style, self.cols, theme);
        let start = out.lines.len();
        if out.cursor == Some(out.row) {
            out.lines.push(line.patch_style(theme.selected_dim));
            out.lines
                .extend(wrapped(&g.explain, "  ↳ ", self.cells, Style::new()));
            out.range = Some((start, out.lines.len()));
        } else {
            out.lines.push(line);
        }
        out.row += 1;
    }

    /// The portfolio's median (not while presenting: it is a figure over the other
    /// customers).
    fn median(&self) -> Vec<Line<'static>> {
        let (lang, stats) = (self.lang, &self.app.data.stats);
        if stats.customers <= 1 || self.app.present {
            return Vec::new();
        }
        let text = tr!(
            lang,
            PortfolioMedian,
            deployment = format::percent(lang, stats.median_deployment),
            usage = format::percent(lang, stats.median_usage)
        );
        wrapped(&text, "", self.cells, self.theme.muted)
    }

    /// The label column of the trends, as wide as the longer label (`Bereitstellungstrend`).
    fn trend_label_cells(&self) -> usize {
        let (usage, deployment) = (tr!(self.lang, UsageTrend), tr!(self.lang, DeploymentTrend));
        (width(usage).max(width(deployment)) + 1).max(17)
    }

    /// A trend's figure (with its source) and its change (with its date), as spans.
    fn trend_parts(&self, t: &Trend) -> TrendParts {
        let (lang, theme) = (self.lang, self.theme);
        let mut figure = vec![Span::raw(format!(
            " {}",
            fit_right(&format::percent(lang, t.now), 7)
        ))];
        // Next to its figure: the gauge above shows another source's (Graph) percentage.
        if let Some(source) = t.source {
            figure.push(Span::styled(format!(" ({source})"), theme.muted));
        }
        let mut change = Vec::new();
        if let Some((d, since)) = t.delta {
            let drop = self.app.data.thresholds.usage_drop;
            let style = if d <= -drop {
                theme.warn
            } else if d > 0.0 {
                theme.good
            } else {
                Style::new()
            };
            change.push(Span::styled(format!(" {}", format::delta(d)), style));
            change.push(Span::styled(
                format!(" {}", tr!(lang, Since, date = format::date(lang, since))),
                theme.muted,
            ));
        }
        (figure, change)
    }

    /// How many of a trend's most recent points fit, and whether its change fits on the same
    /// line (at least [`MIN_SPARK`] points beside it).
    fn trend_layout(&self, t: &Trend, parts: &TrendParts) -> (usize, bool) {
        let spans_width = |spans: &[Span]| spans.iter().map(|s| width(&s.content)).sum::<usize>();
        let (figure, change) = (spans_width(&parts.0), spans_width(&parts.1));
        let label = self.trend_label_cells();
        let points = t.values.len();
        let room = self.cells.saturating_sub(label + figure + change);
        if room >= points.min(MIN_SPARK) {
            (points.min(room), true)
        } else {
            (points.min(self.cells.saturating_sub(label + figure)), false)
        }
    }

    /// `Usage trend  ▁▃▅▇▅   61 % ▼ −7 since 2025-05-01`, or the same for deployment.
    ///
    /// The figure, its change and the change's date are what is read aloud, so they are never
    /// cut: when the line is too narrow the sparkline keeps only its most recent points (at
    /// least [`MIN_SPARK`], and no more than the other trend shows), and when even that does
    /// not fit the change and its date move to a second line under the sparkline.
    fn trend(&self, t: &Trend) -> Vec<Line<'static>> {
        let (lang, theme, cells) = (self.lang, self.theme, self.cells);
        let label_cells = self.trend_label_cells();
        let label = if t.usage {
            tr!(lang, UsageTrend)
        } else {
            tr!(lang, DeploymentTrend)
        };
        let parts = self.trend_parts(t);
        let (fits, one_line) = self.trend_layout(t, &parts);
        let (figure, change) = parts;
        let points = t.values.len();
        let shown = fits.min(self.spark);
        let head = vec![
            Span::styled(fit(label, label_cells), theme.muted),
            Span::styled(
                format::sparkline(&t.values[points - shown..]),
                theme.bar_fill,
            ),
        ];
        let fitted = |line: Line<'static>| {
            if line.width() > cells {
                Line::raw(truncate(&line.to_string(), cells))
            } else {
                line
            }
        };
        if one_line || change.is_empty() {
            return vec![fitted(Line::from([head, figure, change].concat()))];
        }
        // The change on its own line, under the sparkline; its leading space dropped when the
        // indent already separates it.
        let change_cells: usize = change.iter().map(|s| width(&s.content)).sum();
        let indent = if label_cells + change_cells <= cells {
            label_cells
        } else {
            2
        };
        let mut under = vec![Span::raw(" ".repeat(indent - 1))];
        under.extend(change);
        vec![
            fitted(Line::from([head, figure].concat())),
            fitted(Line::from(under)),
        ]
    }
}
