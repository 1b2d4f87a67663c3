//! The title bar (source, data age, counts) and the status bar (key hints from the keymap).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::i18n::Msg;
use crate::present::format;
use crate::text::{truncate, width};
use crate::tr;
use crate::tui::app::App;
use crate::tui::keymap::{self, Mode};
use crate::tui::theme::Theme;

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
    if app.filter != crate::domain::analysis::Filter::All && !app.present {
        parts.push(tr!(
            lang,
            FilterTitle,
            filter = app.filter.label(lang),
            n = format::count(lang, app.filtered() as u64)
        ));
    }
    // Records left out are a warning; notes (nothing left out) are only worth knowing.
    let all = data.portfolio.warnings.len();
    let skipped = data.portfolio.records_left_out();
    let notes = format::plural(lang, all - skipped, Msg::NoteOne, Msg::NoteMany);
    let cells = usize::from(area.width);
    let head = format!(" {}", parts.join(" · "));
    let line = if all == 0 || app.present {
        truncate(&head, cells)
    } else {
        let warnings = format::plural(lang, skipped, Msg::ImportWarningOne, Msg::ImportWarningMany);
        let tail = match (skipped, all - skipped) {
            (0, _) => format!("{notes} (w)"),
            (_, 0) => format!("⚠ {warnings} (w)"),
            _ => format!("⚠ {warnings}, {notes} (w)"),
        };
        let full = format!("{head} · {tail}");
        // Records left out stay in sight however narrow the screen: the rest gives way.
        let short = format!("⚠ {} (w)", format::count(lang, skipped as u64));
        if width(&full) <= cells || skipped == 0 {
            truncate(&full, cells)
        } else {
            let room = cells.saturating_sub(width(&short) + 3);
            truncate(&format!("{} · {short}", truncate(&head, room)), cells)
        }
    };
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
            tr!(lang, QueryFilter, query = crate::text::sanitize(&app.query)),
            theme.search,
        ));
        let clears = if app.focus == crate::tui::app::Focus::List {
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
    // Whole hints only, left to right, as many as fit; `? help` and `q quit` always keep their
    // place (other hints give way first).
    let room = usize::from(area.width) + 2;
    let used = Line::from(spans.clone()).width();
    let hints: Vec<(String, String)> = keymap::hints(mode, lang)
        .into_iter()
        .map(|(key, hint)| {
            let label = format!(" {hint}  ");
            (key, label)
        })
        .collect();
    let essential = |key: &str| mode == Mode::Normal && (key == "?" || key == "q");
    let cells = |(key, label): &(String, String)| width(key) + width(label);
    let reserved: usize = hints.iter().filter(|h| essential(&h.0)).map(cells).sum();
    let mut budget = room.saturating_sub(used + reserved);
    for h in &hints {
        let c = cells(h);
        if essential(&h.0) {
            if used + reserved > room {
                continue;
            }
        } else if c > budget {
            budget = 0;
            continue;
        } else {
            budget -= c;
        }
        spans.push(Span::styled(h.0.clone(), theme.key));
        spans.push(Span::raw(h.1.clone()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
