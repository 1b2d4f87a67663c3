//! Overlays: help (keys from the keymap, and the glossary) and import warnings.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::detail::OVER_100_CAUSES;
use super::widgets::wrapped;
use super::{pane, scrolled};
use crate::i18n::Msg;
use crate::present::format;
use crate::text::fit;
use crate::tr;
use crate::tui::app::{App, Overlay};
use crate::tui::keymap::{self, Mode};
use crate::tui::theme::Theme;

/// The glossary, in the words of the Partner Center documentation: (term, definition).
pub const GLOSSARY: [(Msg, Msg); 7] = [
    (Msg::TermEntitlement, Msg::GlossEntitlement),
    (Msg::TermActive, Msg::GlossActive),
    (Msg::TermDeployment, Msg::GlossDeployment),
    (Msg::TermUsage, Msg::GlossUsage),
    (Msg::TermTotals, Msg::GlossTotals),
    (Msg::TermWorkloadEntitlement, Msg::GlossWorkloadEntitlement),
    (Msg::TermUnused, Msg::GlossUnused),
];

pub fn draw(frame: &mut Frame, body: Rect, app: &App, which: Overlay, theme: &Theme) {
    let w = body.width.saturating_sub(4).min(84);
    let h = body.height.saturating_sub(2).min(40);
    if w < 10 || h < 3 {
        // Too small for a frame: the overlay takes the whole body.
        frame.render_widget(Clear, body);
        let lines = content(app, which, usize::from(body.width), theme);
        frame.render_widget(Paragraph::new(lines).scroll((app.overlay_scroll, 0)), body);
        return;
    }
    let area = Rect::new(
        body.x + (body.width - w) / 2,
        body.y + (body.height - h) / 2,
        w,
        h,
    );
    let lang = app.lang;
    let title = match which {
        Overlay::Help => tr!(lang, HelpTitle),
        Overlay::Warnings => tr!(lang, WarningsTitle),
        Overlay::Overview => tr!(lang, OverviewTitle),
    };
    let keys = match which {
        Overlay::Overview => tr!(lang, OverviewKeys),
        _ => tr!(lang, OverlayKeys),
    };
    let block = pane(title, Some(keys.into()), true, w, theme);
    keep_left_edge(frame, area);
    frame.render_widget(Clear, area);
    scrolled(
        frame,
        area,
        block,
        app.overlay_scroll,
        |cells| match which {
            Overlay::Overview => {
                let (lines, picked) = super::overview::with_pick(app, cells, theme);
                (lines, picked.map(|p| (p, p + 1)))
            }
            _ => (content(app, which, cells, theme), None),
        },
    );
}

/// A wide character (a CJK name) just left of the pop-up would cover its left border: it
/// becomes a blank.
fn keep_left_edge(frame: &mut Frame, area: Rect) {
    let Some(x) = area.x.checked_sub(1) else {
        return;
    };
    let buf = frame.buffer_mut();
    for y in area.y..area.bottom() {
        let cell = &mut buf[(x, y)];
        if crate::text::width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

fn content(app: &App, which: Overlay, cells: usize, theme: &Theme) -> Vec<Line<'static>> {
    match which {
        Overlay::Help => help(app, cells, theme),
        Overlay::Warnings => warnings(app, cells, theme),
        Overlay::Overview => super::overview::lines(app, cells, theme),
    }
}

fn help(app: &App, cells: usize, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut out = Vec::new();
    for (heading, mode) in [
        (tr!(lang, HelpKeys), Mode::Normal),
        (tr!(lang, HelpWhileSearching), Mode::Search),
    ] {
        out.push(Line::styled(heading, theme.heading));
        let rows = keymap::help_rows(mode, lang);
        let key_cells = rows
            .iter()
            .map(|(k, _)| crate::text::width(k))
            .max()
            .unwrap_or(8)
            .min(cells / 3);
        for (keys, desc) in rows {
            let lead = format!("  {}  ", fit(&keys, key_cells));
            let mut lines = wrapped(desc, &lead, cells, Style::new());
            if let Some(first) = lines.first_mut() {
                first.spans[0].style = theme.key;
            }
            out.extend(lines);
        }
        if mode == Mode::Search {
            out.extend(wrapped(tr!(lang, HelpOtherKeys), "  ", cells, theme.muted));
        }
        out.push(Line::raw(""));
    }
    out.extend(wrapped(tr!(lang, HelpCtrlC), "", cells, theme.muted));
    out.push(Line::raw(""));
    out.push(Line::styled(tr!(lang, Glossary), theme.heading));
    for (term, text) in GLOSSARY {
        let lead = tr!(lang, GlossLead, term = lang.get(term));
        let mut lines = wrapped(lang.get(text), &lead, cells, Style::new());
        if let Some(first) = lines.first_mut() {
            first.spans[0].style = theme.key;
        }
        out.extend(lines);
        if term == Msg::TermUsage {
            for cause in OVER_100_CAUSES {
                out.extend(wrapped(lang.get(cause), "  · ", cells, Style::new()));
            }
        }
    }
    let t = &app.data.thresholds;
    out.push(Line::raw(""));
    out.push(Line::styled(tr!(lang, Thresholds), theme.heading));
    out.extend(wrapped(
        &tr!(
            lang,
            ThresholdsLine,
            low_usage = format::limit(lang, t.low_usage),
            low_deployment = format::limit(lang, t.low_deployment),
            expand_deployment = format::limit(lang, t.expand_deployment),
            expand_usage = format::limit(lang, t.expand_usage),
            gap = format::number(lang, t.workload_gap),
            stale = t.stale_days
        ),
        "",
        cells,
        Style::new(),
    ));
    out
}

fn warnings(app: &App, cells: usize, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    let warnings = &app.data.portfolio.warnings;
    if warnings.is_empty() {
        return vec![Line::styled(tr!(lang, NoWarnings), theme.muted)];
    }
    // As the title counts them: records left out are warnings, the rest notes.
    let skipped = app.data.portfolio.records_left_out();
    let notes = format::plural(lang, warnings.len() - skipped, Msg::NoteOne, Msg::NoteMany);
    let head = match (skipped, warnings.len() - skipped) {
        (0, _) => tr!(lang, WarningsHeadNotes, notes = notes),
        (n, 0) => tr!(
            lang,
            WarningsHead,
            warnings = format::plural(lang, n, Msg::WarningOne, Msg::WarningMany)
        ),
        (n, _) => tr!(
            lang,
            WarningsHead,
            warnings = format!(
                "{}, {notes}",
                format::plural(lang, n, Msg::WarningOne, Msg::WarningMany)
            )
        ),
    };
    let mut out = vec![Line::from(vec![Span::styled(head, theme.heading)])];
    for w in warnings {
        let style = match w.severity {
            crate::domain::model::Severity::Skipped => theme.warn,
            crate::domain::model::Severity::Note => Style::new(),
        };
        out.extend(wrapped(&w.text(lang), "· ", cells, style));
    }
    out
}
