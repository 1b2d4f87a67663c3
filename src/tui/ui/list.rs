//! The customer list. Only the rows on screen are built, whatever the portfolio size.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::widgets::{right_styled, usage_style, wrapped};
use super::{ViewState, pane};
use crate::domain::analysis::Row;
use crate::domain::analysis::SortKey;
use crate::i18n::{Lang, Msg};
use crate::present::format;
use crate::text::{fit, fit_right, width};
use crate::tr;
use crate::tui::app::{App, Focus};
use crate::tui::theme::Theme;

/// Draws the list; returns the screen row of its first customer row when customer rows are
/// on screen (what a click can choose).
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    view: &mut ViewState,
    theme: &Theme,
) -> Option<u16> {
    let block = list_block(app, area.width, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return None;
    }
    let cells = usize::from(inner.width);
    if let Some(msg) = no_rows(app) {
        frame.render_widget(Paragraph::new(wrapped(&msg, "", cells, theme.muted)), inner);
        return None;
    }
    let height = usize::from(inner.height);
    let columns = Columns::new(app, cells);
    let mut lines = Vec::with_capacity(height);
    if columns.with_numbers && height > 1 {
        lines.push(columns.header(app.lang, theme));
    }
    let top = inner.y + lines.len() as u16;
    let rows = height - lines.len();
    // Presenting: the selected customer's row only (the scroll position is kept for later).
    let (offset, rows) = if app.present {
        (app.selected, 1)
    } else {
        view.list_offset = scroll_offset(view.list_offset, app.selected, rows, app.visible.len());
        (view.list_offset, rows)
    };
    for (pos, &i) in app.visible.iter().enumerate().skip(offset).take(rows) {
        lines.push(columns.row(app, pos, i, theme));
    }
    if app.present && lines.len() < height {
        lines.push(Line::raw(""));
        lines.extend(wrapped(
            tr!(app.lang, PresentHidden),
            "",
            cells,
            theme.muted,
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    Some(top)
}

/// The list's frame: its order and filter, and how many customers it shows.
fn list_block<'a>(app: &App, width: u16, theme: &Theme) -> Block<'a> {
    let lang = app.lang;
    let count = if app.present {
        String::new()
    } else if app.query.is_empty() {
        format::count(lang, app.visible.len() as u64)
    } else {
        format!(
            "{}/{}",
            format::count(lang, app.visible.len() as u64),
            format::count(lang, app.total() as u64)
        )
    };
    // An active filter names itself where the list is (the title bar is cut first when narrow).
    // Presenting: the filter's name ("needs attention") is internal and stays off screen.
    let title = match app.filter {
        f if f == crate::domain::analysis::Filter::default() || app.present => {
            tr!(lang, CustomersPane, sort = app.sort.label(lang))
        }
        f => format!(
            "{} · {}",
            tr!(lang, CustomersPane, sort = app.sort.label(lang)),
            f.label(lang)
        ),
    };
    pane(
        &title,
        Some(count).filter(|c| !c.is_empty()),
        app.focus == Focus::List,
        width,
        theme,
    )
}

/// What the list says instead of rows: the query while presenting, or why nothing matches.
fn no_rows(app: &App) -> Option<String> {
    let lang = app.lang;
    if app.concealed() {
        return Some(present_typing(app));
    }
    if !app.visible.is_empty() {
        return None;
    }
    let hidden = app.hidden_by_filter();
    Some(if app.query.is_empty() && app.total() > 0 {
        // The export has customers; the filter hides them all.
        tr!(lang, FilterMatchesNone, filter = app.filter.label(lang))
    } else if app.query.is_empty() {
        tr!(lang, NoCustomers).to_string()
    } else if hidden > 0 {
        tr!(
            lang,
            FilterHides,
            filter = app.filter.label(lang),
            n = format::plural(lang, hidden, Msg::MatchOne, Msg::MatchesN),
            query = app.query.trim()
        )
    } else if let Some(total) = app.loading {
        // The first frame holds a few customers: the match may be among the rest.
        tr!(
            lang,
            NoMatchYet,
            query = app.query.trim(),
            n = format::count(lang, total as u64)
        )
    } else {
        tr!(lang, NoMatch, query = app.query.trim())
    })
}

/// The list's columns for a width: the name, deployment and usage, and the sort key's value.
struct Columns<'a> {
    /// Cells of one percentage column: `100%` (`100 %` in German) and the over-100 marker.
    pct_cells: usize,
    with_numbers: bool,
    extra: Option<SortColumn<'a>>,
    extra_cells: usize,
    dep_cells: usize,
    name_cells: usize,
}

impl<'a> Columns<'a> {
    fn new(app: &'a App, cells: usize) -> Self {
        let pct_cells = width(&format::percent_short(app.lang, Some(100.0))) + 1;
        let with_numbers = cells >= 22;
        // Sorted by unused seats or by the usage drop: that value is a column too; in a narrow
        // list it takes the deployment column's place.
        let extra = sort_column(app).filter(|_| cells >= 24);
        let extra_cells = extra.as_ref().map_or(0, |(h, _)| {
            if app.sort == SortKey::CostDesc {
                cost_cells(app, h) + 1
            } else {
                width(h).max(6) + 1
            }
        });
        let dep_cells = if extra.is_some() && cells < 32 {
            0
        } else {
            pct_cells + 1
        };
        let name_cells = if with_numbers {
            cells.saturating_sub(2 + dep_cells + pct_cells + 1 + extra_cells)
        } else {
            cells.saturating_sub(2)
        };
        Self {
            pct_cells,
            with_numbers,
            extra,
            extra_cells,
            dep_cells,
            name_cells,
        }
    }

    fn header(&self, lang: Lang, theme: &Theme) -> Line<'static> {
        Line::styled(
            format!(
                "  {}{}{}",
                fit("", self.name_cells),
                fit_right(tr!(lang, ColDeployment), self.dep_cells),
                fit_right(tr!(lang, ColUsage), self.pct_cells + 1)
            ) + &self
                .extra
                .as_ref()
                .map_or(String::new(), |(h, _)| fit_right(h, self.extra_cells)),
            theme.muted,
        )
    }

    /// The row of customer `i`, at position `pos` of the list.
    fn row(&self, app: &App, pos: usize, i: usize, theme: &Theme) -> Line<'static> {
        let (c, a) = app.customer(i);
        let selected = pos == app.selected;
        let mut spans = vec![Span::raw(if selected { "▶ " } else { "  " })];
        spans.extend(name_spans(
            c.name.as_str(),
            &app.query,
            self.name_cells,
            theme.search,
        ));
        if self.with_numbers {
            spans.extend(self.numbers(app, i, a, theme));
        }
        let line = Line::from(spans);
        match (selected, app.focus == Focus::List) {
            (true, true) => line.style(theme.selected),
            (true, false) => line.style(theme.selected_dim),
            _ => line,
        }
    }

    /// Deployment, usage (`!` over 100 %) and the sort key's value of customer `i`.
    fn numbers(&self, app: &App, i: usize, m: &Row, theme: &Theme) -> Vec<Span<'static>> {
        let lang = app.lang;
        let mut spans = Vec::new();
        if self.dep_cells > 0 {
            let dep_style = if m.deployment().is_none() {
                theme.muted
            } else {
                Style::new()
            };
            spans.extend(right_styled(
                &format::percent_short(lang, m.deployment()),
                self.dep_cells,
                dep_style,
            ));
        }
        let over = m.usage().is_some_and(|u| u > 100.0);
        let usage = format!(
            "{}{}",
            format::percent_short(lang, m.usage()),
            if over { "!" } else { " " }
        );
        let low = app.data.thresholds.low_usage;
        spans.extend(right_styled(
            &usage,
            self.pct_cells + 1,
            usage_style(m.usage(), low, theme),
        ));
        if let Some((_, value)) = &self.extra {
            spans.push(Span::raw(fit_right(&value(i), self.extra_cells)));
        }
        spans
    }
}

/// The column the sort key adds: its header and its value per customer.
type SortColumn<'a> = (String, Box<dyn Fn(usize) -> String + 'a>);

fn sort_column(app: &App) -> Option<SortColumn<'_>> {
    let lang = app.lang;
    match app.sort {
        SortKey::UnusedDesc => Some((
            tr!(lang, ColUnusedShort).to_string(),
            Box::new(move |i| format::count(lang, app.customer(i).1.unused_seats)),
        )),
        SortKey::DropDesc => Some((
            tr!(lang, ColDropShort).to_string(),
            Box::new(move |i| {
                app.customer(i)
                    .1
                    .usage_delta()
                    .map_or("–".to_string(), format::delta)
            }),
        )),
        // Never while presenting: the partner's prices stay off the shared screen.
        SortKey::CostDesc if !app.present => Some((
            tr!(lang, ColCostShort).to_string(),
            Box::new(move |i| cost_cell(lang, app.customer(i).1.cost.as_deref().copied())),
        )),
        _ => None,
    }
}

/// A customer's cost in the list: compact, never cut (`€117k`); `*` marks the cost of
/// unassigned seats where no usage data says which seats are idle.
pub fn cost_cell(lang: Lang, cost: Option<crate::domain::metrics::Cost>) -> String {
    cost.map_or("– ".to_string(), |c| {
        let mark = if c.idle_per_month.is_some() { " " } else { "*" };
        format::money_compact(lang, c.idle_or_unassigned()) + mark
    })
}

/// The cells the cost column needs: its header, and the widest figure up to the largest cost
/// shown (every scale below it is tried, so a cell never outgrows the column).
fn cost_cells(app: &App, header: &str) -> usize {
    let most = app
        .visible
        .iter()
        .filter_map(|&i| app.customer(i).1.cost.as_deref().copied())
        .map(|c| c.idle_or_unassigned())
        .max_by_key(|m| m.cents);
    let Some(most) = most else {
        return width(header);
    };
    let mut widest = width(header);
    let mut cents = 99u64;
    loop {
        let m = crate::domain::commerce::Money {
            cents: cents.min(most.cents),
            ..most
        };
        widest = widest.max(width(&cost_cell(
            app.lang,
            Some(crate::domain::metrics::Cost {
                price: crate::domain::commerce::Price {
                    micros: 0,
                    currency: m.currency,
                },
                unassigned_per_month: m,
                idle_per_month: None,
            }),
        )));
        if cents >= most.cents {
            return widest;
        }
        cents = cents.saturating_mul(10).saturating_add(9);
    }
}

/// While presenting and typing: the query and how many customers match, nothing else.
pub fn present_typing(app: &App) -> String {
    let n = format::plural(app.lang, app.visible.len(), Msg::MatchOne, Msg::MatchesN);
    let text = tr!(app.lang, PresentTyping, n = n);
    format!("/{}  {text}", app.query)
}

/// A name fitted to `cells`, with the characters the query matched in `hit` style.
pub fn name_spans(name: &str, query: &str, cells: usize, hit: Style) -> Vec<Span<'static>> {
    let shown = fit(name, cells);
    if query.trim().is_empty() {
        return vec![Span::raw(shown)];
    }
    // `fit` keeps a prefix of the name (then maybe `…` and padding): offsets carry over.
    let prefix = name
        .char_indices()
        .zip(shown.chars())
        .take_while(|((_, a), b)| a == b)
        .last()
        .map_or(0, |((i, a), _)| i + a.len_utf8());
    let mut spans = Vec::new();
    let mut at = 0;
    for (start, end) in crate::domain::search::highlight(name, query) {
        let (start, end) = (start.min(prefix), end.min(prefix));
        if start >= end {
            continue;
        }
        if at < start {
            spans.push(Span::raw(shown[at..start].to_string()));
        }
        spans.push(Span::styled(shown[start..end].to_string(), hit));
        at = end;
    }
    spans.push(Span::raw(shown[at..].to_string()));
    spans
}

/// The first row to show so the selection stays on screen, moving as little as possible.
pub fn scroll_offset(offset: usize, selected: usize, height: usize, len: usize) -> usize {
    if height == 0 {
        return selected;
    }
    let offset = if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    };
    offset.min(len.saturating_sub(height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matched_characters_are_highlighted_within_the_fitted_name() {
        let hit = Style::new().bold();
        let spans = name_spans("Contoso Ltd", "ltd", 14, hit);
        let text: Vec<(&str, bool)> = spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style == hit))
            .collect();
        assert_eq!(text, [("Contoso ", false), ("Ltd", true), ("   ", false)]);
        // Cut by truncation: only the shown part is highlighted.
        let spans = name_spans("Internationale Gesellschaft", "gesell", 18, hit);
        let shown: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(shown, "Internationale Ge…");
        assert!(
            spans.iter().any(|s| s.content == "Ge" && s.style == hit),
            "{spans:?}"
        );
        let spans = name_spans("臺灣雲端資訊", "雲端", 8, hit);
        assert!(
            spans.iter().any(|s| s.content == "雲" && s.style == hit),
            "{spans:?}"
        );
    }

    #[test]
    fn offset_follows_the_selection_minimally() {
        assert_eq!(scroll_offset(0, 5, 10, 100), 0);
        assert_eq!(scroll_offset(0, 10, 10, 100), 1);
        assert_eq!(scroll_offset(20, 5, 10, 100), 5);
        assert_eq!(scroll_offset(50, 99, 10, 100), 90);
        assert_eq!(scroll_offset(95, 96, 10, 100), 90, "never past the end");
        assert_eq!(scroll_offset(3, 0, 10, 4), 0);
    }
}
