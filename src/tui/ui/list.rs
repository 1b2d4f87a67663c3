//! The customer list. Only the rows on screen are built, whatever the portfolio size.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::pane;
use super::widgets::{right_styled, usage_style};
use crate::domain::analysis::SortKey;
use crate::i18n::Msg;
use crate::present::format;
use crate::text::{fit, fit_right, width};
use crate::tr;
use crate::tui::app::{App, Focus};
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Focus::List;
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
    let title = match app.filter {
        f if f == crate::domain::analysis::Filter::default() => {
            tr!(lang, CustomersPane, sort = app.sort.label(lang))
        }
        f => format!(
            "{} · {}",
            tr!(lang, CustomersPane, sort = app.sort.label(lang)),
            f.label(lang)
        ),
    };
    let block = pane(
        &title,
        Some(count).filter(|c| !c.is_empty()),
        focused,
        area.width,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let cells = usize::from(inner.width);
    let height = usize::from(inner.height);

    if app.concealed() {
        let msg = present_typing(app);
        frame.render_widget(
            Paragraph::new(super::widgets::wrapped(&msg, "", cells, theme.muted)),
            inner,
        );
        return;
    }
    if app.visible.is_empty() {
        let hidden = app.hidden_by_filter();
        let msg = if app.query.is_empty() {
            tr!(lang, NoCustomers).to_string()
        } else if hidden > 0 {
            tr!(
                lang,
                FilterHides,
                filter = app.filter.label(lang),
                n = format::plural(lang, hidden, Msg::MatchOne, Msg::MatchesN),
                query = app.query.trim()
            )
        } else {
            tr!(lang, NoMatch, query = app.query.trim())
        };
        frame.render_widget(
            Paragraph::new(super::widgets::wrapped(&msg, "", cells, theme.muted)),
            inner,
        );
        return;
    }

    // Cells of one percentage column: `100%` (`100 %` in German) and the over-100 marker.
    let pct_cells = width(&format::percent_short(lang, Some(100.0))) + 1;
    let with_numbers = cells >= 22;
    // Sorted by unused seats or by the usage drop: that value is a column too; in a narrow
    // list it takes the deployment column's place.
    let extra = sort_column(app).filter(|_| cells >= 24);
    let extra_cells = extra.as_ref().map_or(0, |(h, _)| width(h).max(6) + 1);
    let dep_cells = if extra.is_some() && cells < 32 {
        0
    } else {
        pct_cells + 1
    };
    let name_cells = if with_numbers {
        cells - 2 - dep_cells - (pct_cells + 1) - extra_cells
    } else {
        cells.saturating_sub(2)
    };
    let mut lines = Vec::with_capacity(height);
    if with_numbers && height > 1 {
        lines.push(Line::styled(
            format!(
                "  {}{}{}",
                fit("", name_cells),
                fit_right(tr!(lang, ColDeployment), dep_cells),
                fit_right(tr!(lang, ColUsage), pct_cells + 1)
            ) + &extra
                .as_ref()
                .map_or(String::new(), |(h, _)| fit_right(h, extra_cells)),
            theme.muted,
        ));
    }
    let rows = height - lines.len();
    let mut areas = app.areas.get();
    areas.list = area;
    areas.list_top = inner.y + lines.len() as u16;
    app.areas.set(areas);
    // Presenting: the selected customer's row only (the scroll position is kept for later).
    let (offset, rows) = if app.present {
        (app.selected, 1)
    } else {
        let offset = scroll_offset(app.list_offset.get(), app.selected, rows, app.visible.len());
        app.list_offset.set(offset);
        (offset, rows)
    };
    for (pos, &i) in app.visible.iter().enumerate().skip(offset).take(rows) {
        let (c, a) = app.customer(i);
        let m = &a.metrics;
        let selected = pos == app.selected;
        let row_style = match (selected, focused) {
            (true, true) => theme.selected,
            (true, false) => theme.selected_dim,
            _ => Style::new(),
        };
        let mut spans = vec![Span::raw(if selected { "▶ " } else { "  " })];
        spans.extend(name_spans(
            c.name.as_str(),
            &app.query,
            name_cells,
            theme.search,
        ));
        if with_numbers {
            let dep_style = if m.deployment.is_none() {
                theme.muted
            } else {
                Style::new()
            };
            if dep_cells > 0 {
                spans.extend(right_styled(
                    &format::percent_short(lang, m.deployment),
                    dep_cells,
                    dep_style,
                ));
            }
            let over = m.usage.is_some_and(|u| u > 100.0);
            let usage = format!(
                "{}{}",
                format::percent_short(lang, m.usage),
                if over { "!" } else { " " }
            );
            let low = app.data.thresholds.low_usage;
            spans.extend(right_styled(
                &usage,
                pct_cells + 1,
                usage_style(m.usage, low, theme),
            ));
            if let Some((_, value)) = &extra {
                spans.push(Span::raw(fit_right(&value(i), extra_cells)));
            }
        }
        let line = Line::from(spans);
        lines.push(if selected {
            line.style(row_style)
        } else {
            line
        });
    }
    if app.present && lines.len() < height {
        lines.push(Line::raw(""));
        lines.extend(super::widgets::wrapped(
            tr!(lang, PresentHidden),
            "",
            cells,
            theme.muted,
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The column the sort key adds: its header and its value per customer.
type SortColumn<'a> = (String, Box<dyn Fn(usize) -> String + 'a>);

fn sort_column(app: &App) -> Option<SortColumn<'_>> {
    let lang = app.lang;
    match app.sort {
        SortKey::UnusedDesc => Some((
            tr!(lang, ColUnusedShort).to_string(),
            Box::new(move |i| format::count(lang, app.customer(i).1.metrics.unused_seats)),
        )),
        SortKey::DropDesc => Some((
            tr!(lang, ColDropShort).to_string(),
            Box::new(move |i| {
                app.customer(i)
                    .1
                    .metrics
                    .usage_delta
                    .map_or("–".to_string(), |d| format::delta(d.0))
            }),
        )),
        _ => None,
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
