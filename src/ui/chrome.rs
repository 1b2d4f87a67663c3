//! The title bar (source, data age, counts) and the status bar (key hints from the keymap).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::format;
use crate::i18n::Msg;
use crate::keymap::{self, Mode};
use crate::text::{truncate, width};
use crate::theme::Theme;
use crate::tr;

pub fn title(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let data = &app.data;
    let lang = app.lang;
    // Presenting: no file names, no portfolio size, no counts.
    let mut parts = vec!["uptake".to_string()];
    if app.present {
        parts.push(tr!(lang, Presenting).to_string());
    } else {
        parts.push(data.source.label(lang));
    }
    if let Some(t) = data.as_of {
        let mut age = tr!(
            lang,
            DataAsOf,
            when = format::as_of(lang, Some(t), data.now)
        );
        if (data.now - t).num_days() > data.thresholds.stale_days {
            age.push(' ');
            age.push_str(&tr!(lang, OlderThan, days = data.thresholds.stale_days));
        }
        parts.push(age);
    }
    match app.loading {
        _ if app.present => {}
        Some(total) => parts.push(tr!(
            lang,
            LoadingCustomers,
            n = format::count(lang, total as u64)
        )),
        None => parts.push(format::plural(
            lang,
            app.total(),
            Msg::CustomerOne,
            Msg::CustomerMany,
        )),
    }
    parts.push(tr!(lang, SortTitle, sort = app.sort.label(lang)));
    if app.filter != crate::analysis::Filter::All && !app.present {
        parts.push(tr!(
            lang,
            FilterTitle,
            filter = app.filter.label(lang),
            n = format::count(lang, app.filtered() as u64)
        ));
    }
    let warnings = data.portfolio.warnings.len();
    if warnings > 0 && !app.present {
        parts.push(format!(
            "⚠ {} (w)",
            format::plural(
                lang,
                warnings,
                Msg::ImportWarningOne,
                Msg::ImportWarningMany
            )
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
    let lang = app.lang;
    let mut spans: Vec<Span> = Vec::new();
    let mode = app.mode();
    if let Some(message) = &app.message {
        spans.push(Span::styled(format!("{message}  "), theme.good));
    }
    if mode == Mode::Search {
        spans.push(Span::styled("/", theme.key));
        spans.push(Span::styled(app.query.clone(), theme.search));
        spans.push(Span::styled("▏", theme.key));
        spans.push(Span::raw(format!(
            " {}  ",
            format::plural(lang, app.visible.len(), Msg::MatchOne, Msg::MatchesN)
        )));
    } else if !app.query.is_empty() && mode == Mode::Normal {
        spans.push(Span::styled(
            tr!(lang, QueryFilter, query = app.query),
            theme.search,
        ));
        let clears = if app.focus == crate::app::Focus::List {
            format!(" · {}", tr!(lang, EscClears))
        } else {
            String::new()
        };
        spans.push(Span::raw(format!(
            ": {}{clears}  ",
            tr!(
                lang,
                ShownOfTotal,
                shown = format::count(lang, app.visible.len() as u64),
                total = if app.present {
                    "…".to_string()
                } else {
                    format::count(lang, app.total() as u64)
                }
            )
        )));
    }
    // Whole hints only, left to right, as many as fit.
    let room = usize::from(area.width);
    let mut used = Line::from(spans.clone()).width();
    for (key, hint) in keymap::hints(mode, lang) {
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
