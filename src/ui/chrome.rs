//! The title bar (source, data age, counts) and the status bar (key hints from the keymap).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::format;
use crate::keymap::{self, Mode};
use crate::text::{truncate, width};
use crate::theme::Theme;

pub fn title(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let data = &app.data;
    let mut parts = vec!["uptake".to_string(), data.source.label()];
    if app.present {
        parts.insert(1, "PRESENTING".to_string());
    }
    if let Some(t) = data.as_of {
        let mut age = format!("data as of {}", format::as_of(Some(t), data.now));
        if (data.now - t).num_days() > data.thresholds.stale_days {
            age.push_str(&format!(
                " ⚠ older than {} days: re-export",
                data.thresholds.stale_days
            ));
        }
        parts.push(age);
    }
    match app.loading {
        Some(total) => parts.push(format!(
            "loading {} customers…",
            format::count(total as u64)
        )),
        None => parts.push(format!("{} customers", format::count(app.total() as u64))),
    }
    parts.push(format!("sort: {}", app.sort.label()));
    if app.filter != crate::analysis::Filter::All {
        parts.push(format!(
            "filter: {} ({})",
            app.filter.label(),
            format::count(app.filtered() as u64)
        ));
    }
    let warnings = data.portfolio.warnings.len();
    if warnings > 0 {
        parts.push(format!(
            "⚠ {} (w)",
            format::plural(warnings, "import warning", "import warnings")
        ));
    }
    let text = format!(" {}", parts.join(" · "));
    let line = truncate(&text, usize::from(area.width));
    let pad = usize::from(area.width).saturating_sub(width(&line));
    frame.render_widget(
        Paragraph::new(Line::from(format!("{line}{}", " ".repeat(pad)))).style(theme.title),
        area,
    );
}

pub fn status(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut spans: Vec<Span> = Vec::new();
    let mode = app.mode();
    if let Some(message) = &app.message {
        spans.push(Span::styled(format!("✓ {message}  "), theme.good));
    }
    if mode == Mode::Search {
        spans.push(Span::styled("/", theme.key));
        spans.push(Span::styled(app.query.clone(), theme.search));
        spans.push(Span::styled("▏", theme.key));
        spans.push(Span::raw(format!(
            " {} matches  ",
            format::count(app.visible.len() as u64)
        )));
    } else if !app.query.is_empty() && mode == Mode::Normal {
        spans.push(Span::styled(
            format!("filter “{}”", app.query),
            theme.search,
        ));
        let clears = if app.focus == crate::app::Focus::List {
            " · Esc clears"
        } else {
            ""
        };
        spans.push(Span::raw(format!(
            ": {} of {}{clears}  ",
            format::count(app.visible.len() as u64),
            format::count(app.total() as u64)
        )));
    }
    // Whole hints only, left to right, as many as fit.
    let room = usize::from(area.width);
    let mut used = Line::from(spans.clone()).width();
    for (key, hint) in keymap::hints(mode) {
        let label = format!(" {hint}  ");
        let cells = width(&key) + width(&label);
        if used + cells > room + 2 {
            break;
        }
        used += cells;
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::raw(label));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
