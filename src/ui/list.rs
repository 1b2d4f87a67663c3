//! The customer list. Only the rows on screen are built, whatever the portfolio size.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::pane;
use super::widgets::usage_style;
use crate::app::{App, Focus};
use crate::format;
use crate::text::{fit, fit_right};
use crate::theme::Theme;

/// Cells of one percentage column (`100%` plus a marker).
const PCT: usize = 5;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Focus::List;
    let count = if app.query.is_empty() {
        format::count(app.visible.len() as u64)
    } else {
        format!(
            "{}/{}",
            format::count(app.visible.len() as u64),
            format::count(app.total() as u64)
        )
    };
    let block = pane(
        &format!("Customers · {}", app.sort.label()),
        Some(count),
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

    if app.visible.is_empty() {
        let msg = if app.query.is_empty() {
            "No customers in this export.".to_string()
        } else {
            format!("No customer matches “{}”.", app.query)
        };
        frame.render_widget(
            Paragraph::new(super::widgets::wrapped(&msg, "", cells, theme.muted)),
            inner,
        );
        return;
    }

    let with_numbers = cells >= 22;
    let name_cells = if with_numbers {
        cells - 2 - 2 * (PCT + 1)
    } else {
        cells.saturating_sub(2)
    };
    let mut lines = Vec::with_capacity(height);
    if with_numbers && height > 1 {
        lines.push(Line::styled(
            format!(
                "  {}{}{}",
                fit("", name_cells),
                fit_right("dep", PCT + 1),
                fit_right("use", PCT + 1)
            ),
            theme.muted,
        ));
    }
    let rows = height - lines.len();
    let offset = scroll_offset(app.list_offset.get(), app.selected, rows, app.visible.len());
    app.list_offset.set(offset);
    for (pos, &i) in app.visible.iter().enumerate().skip(offset).take(rows) {
        let (c, a) = app.customer(i);
        let m = &a.metrics;
        let selected = pos == app.selected;
        let row_style = match (selected, focused) {
            (true, true) => theme.selected,
            (true, false) => theme.selected_dim,
            _ => Style::new(),
        };
        let mut spans = vec![
            Span::raw(if selected { "▶ " } else { "  " }),
            Span::raw(fit(c.name.as_str(), name_cells)),
        ];
        if with_numbers {
            let dep_style = if m.deployment.is_none() {
                theme.muted
            } else {
                Style::new()
            };
            spans.push(Span::styled(
                fit_right(&short(m.deployment), PCT + 1),
                dep_style,
            ));
            let over = m.usage.is_some_and(|u| u > 100.0);
            let usage = format!("{}{}", short(m.usage), if over { "!" } else { " " });
            let low = app.data.thresholds.low_usage;
            spans.push(Span::styled(
                fit_right(&usage, PCT + 1),
                usage_style(m.usage, low, theme),
            ));
        }
        let line = Line::from(spans);
        lines.push(if selected {
            line.style(row_style)
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
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

/// A compact percentage for the list column: whole numbers that never round across 0 or 100
/// (over 100 % also gets a `!` next to it).
fn short(p: Option<f64>) -> String {
    match p {
        None => "n/a".to_string(),
        Some(p) if p > 0.0 && p < 0.5 => "<1%".to_string(),
        Some(p) if p > 99.0 && p < 100.0 => "99%".to_string(),
        Some(p) if p > 100.0 && p < 101.0 => "100%".to_string(),
        Some(p) => format!("{:.0}%", p.round()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
