//! Small drawing helpers shared by the panes: the bar gauge line and wrapped paragraphs.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::i18n::Lang;
use crate::present::format;
use crate::text::{fit, fit_right, width, wrap};
use crate::tui::theme::Theme;

const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/// A bar of `cells` cells for a percentage, clamped to 0–100 % (the label carries the true
/// value). `None` draws a dotted bar.
pub fn bar(pct: Option<f64>, cells: usize, theme: &Theme) -> Vec<Span<'static>> {
    let Some(p) = pct else {
        return vec![Span::styled("·".repeat(cells), theme.muted)];
    };
    let eighths = ((p / 100.0).clamp(0.0, 1.0) * (cells * 8) as f64).round() as usize;
    let full = eighths / 8;
    let part = EIGHTHS[eighths % 8];
    let used = full + usize::from(!part.is_empty());
    vec![
        Span::styled(format!("{}{part}", "█".repeat(full)), theme.bar_fill),
        Span::styled("░".repeat(cells.saturating_sub(used)), theme.bar_empty),
    ]
}

/// The style of a usage percentage: over 100 % stands out, low is a warning, n/a is muted.
pub fn usage_style(pct: Option<f64>, low: f64, theme: &Theme) -> Style {
    match pct {
        None => theme.muted,
        Some(p) if p > 100.0 => theme.over,
        Some(p) if p < low => theme.warn,
        Some(_) => Style::new(),
    }
}

/// Column widths shared by the gauge rows of one pane, so their bars line up.
#[derive(Debug, Clone, Copy)]
pub struct GaugeColumns {
    pub label: usize,
    /// The widest counts text of the pane.
    pub counts: usize,
    pub total: usize,
}

/// One gauge row: `label  ████░░░░  113 % !  34 of 30`, fitted to `cols.total`.
/// Parts are dropped right to left when space is short: counts, then the bar.
pub fn gauge_line(
    lang: Lang,
    label: &str,
    pct: Option<f64>,
    counts: &str,
    value_style: Style,
    cols: GaugeColumns,
    theme: &Theme,
) -> Line<'static> {
    let value = format::percent(lang, pct);
    let over = pct.is_some_and(|p| p > 100.0);
    let value_cells = 7;
    let label_cells = cols.label;
    let fixed = label_cells + 1 + 1 + value_cells + 2;
    let counts_cells = cols.counts + 1;
    let (bar_cells, show_counts) = match cols.total.saturating_sub(fixed) {
        room if room >= 4 + counts_cells => ((room - counts_cells).min(30), true),
        room if room >= 4 => (room.min(30), false),
        _ => (0, false),
    };
    let mut spans = vec![Span::raw(fit(label, label_cells)), Span::raw(" ")];
    if bar_cells > 0 {
        spans.extend(bar(pct, bar_cells, theme));
        spans.push(Span::raw(" "));
    }
    spans.extend(right_styled(&value, value_cells, value_style));
    // Blanks unstyled: the monochrome `over` style underlines.
    spans.push(if over {
        Span::styled(" !", theme.over)
    } else {
        Span::raw("  ")
    });
    if show_counts {
        spans.push(Span::styled(format!(" {counts}"), theme.muted));
    }
    Line::from(spans)
}

/// `text` right-aligned in `cells`, styled but for the padding (a monochrome style may
/// underline, and underlined blanks read as a line).
pub fn right_styled(text: &str, cells: usize, style: Style) -> [Span<'static>; 2] {
    let fitted = fit_right(text, cells);
    let body = fitted.trim_start();
    let pad = fitted.len() - body.len();
    [
        Span::raw(fitted[..pad].to_string()),
        Span::styled(body.to_string(), style),
    ]
}

/// Text wrapped to `cells`: the first line starts with `lead` (e.g. `  · `), the others with
/// as many spaces.
pub fn wrapped(text: &str, lead: &str, cells: usize, style: Style) -> Vec<Line<'static>> {
    let room = cells.saturating_sub(width(lead)).max(1);
    let hang = " ".repeat(width(lead));
    wrap(text, room)
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 {
                lead.to_string()
            } else {
                hang.clone()
            };
            Line::from(vec![Span::raw(lead), Span::styled(l, style)])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn bars_clamp_but_keep_their_width() {
        let t = Theme::dark();
        assert_eq!(text(&bar(Some(50.0), 10, &t)), "█████░░░░░");
        assert_eq!(text(&bar(Some(113.0), 10, &t)), "██████████");
        assert_eq!(text(&bar(Some(0.0), 4, &t)), "░░░░");
        assert_eq!(text(&bar(None, 4, &t)), "····");
        assert_eq!(text(&bar(Some(55.0), 10, &t)), "█████▌░░░░");
    }

    #[test]
    fn gauge_line_shows_the_true_value_and_marks_over_100() {
        let t = Theme::dark();
        let cols = GaugeColumns {
            label: 8,
            counts: 8,
            total: 60,
        };
        let line = gauge_line(
            Lang::En,
            "Yammer",
            Some(113.333),
            "34 of 30",
            Style::new(),
            cols,
            &t,
        );
        let s: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert!(s.contains("113% !"), "{s}");
        assert!(s.contains("34 of 30"), "{s}");
        assert!(width(&s) <= 60);
        let narrow = gauge_line(
            Lang::En,
            "Yammer",
            Some(113.333),
            "34 of 30",
            Style::new(),
            GaugeColumns { total: 20, ..cols },
            &t,
        );
        let s: String = narrow.spans.iter().map(|s| s.content.as_ref()).collect();
        assert!(s.contains("113%") && !s.contains("34 of 30"), "{s}");
    }
}
