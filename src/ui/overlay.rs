//! Overlays: help (keys from the keymap, and the glossary) and import warnings.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::detail::OVER_100_CAUSES;
use super::widgets::wrapped;
use super::{pane, scrolled};
use crate::app::{App, Overlay};
use crate::format;
use crate::keymap::{self, Mode};
use crate::text::fit;
use crate::theme::Theme;

/// The glossary, in the words of the Partner Center documentation.
pub const GLOSSARY: [(&str, &str); 6] = [
    (
        "Entitlement",
        "a license the user is entitled to: not suspended (for fraud or non-payment), not upgraded to another license, not cancelled.",
    ),
    (
        "Active",
        "the subscribed user used the entitlement in the last 28 calendar days.",
    ),
    (
        "Deployment %",
        "assigned licenses / sold licenses, per product. n/a when no license is sold.",
    ),
    (
        "Usage %",
        "active entitlements / total entitlements, per product and workload. n/a when there is no entitlement. It can exceed 100 %:",
    ),
    (
        "Totals",
        "include licenses bought from other partners or directly from Microsoft. Data exists for Office 365 and Dynamics 365; OneDrive for Business counts with SharePoint.",
    ),
    (
        "Unused seats",
        "paid seats with no active user in any workload of the product (estimate: seats minus the most active workload).",
    ),
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
    let title = match which {
        Overlay::Help => "Help · keys and glossary",
        Overlay::Warnings => "Import warnings",
        Overlay::Overview => "Portfolio overview",
    };
    let block = pane(
        title,
        Some("j/k scroll · Esc closes".into()),
        true,
        w,
        theme,
    );
    frame.render_widget(Clear, area);
    scrolled(frame, area, block, app.overlay_scroll, |cells| {
        (content(app, which, cells, theme), None)
    });
}

fn content(app: &App, which: Overlay, cells: usize, theme: &Theme) -> Vec<Line<'static>> {
    match which {
        Overlay::Help => help(app, cells, theme),
        Overlay::Warnings => warnings(app, cells, theme),
        Overlay::Overview => super::overview::lines(app, cells, theme),
    }
}

fn help(app: &App, cells: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (heading, mode) in [("Keys", Mode::Normal), ("While searching", Mode::Search)] {
        out.push(Line::styled(heading, theme.heading));
        let rows = keymap::help_rows(mode);
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
            out.extend(wrapped(
                "other keys  type into the search (q and j too)",
                "  ",
                cells,
                theme.muted,
            ));
        }
        out.push(Line::raw(""));
    }
    out.extend(wrapped(
        "Ctrl-c quits from anywhere.",
        "",
        cells,
        theme.muted,
    ));
    out.push(Line::raw(""));
    out.push(Line::styled("Glossary", theme.heading));
    for (term, text) in GLOSSARY {
        let mut lines = wrapped(text, &format!("{term}: "), cells, Style::new());
        if let Some(first) = lines.first_mut() {
            first.spans[0].style = theme.key;
        }
        out.extend(lines);
        if term == "Usage %" {
            for cause in OVER_100_CAUSES {
                out.extend(wrapped(cause, "  · ", cells, Style::new()));
            }
        }
    }
    let t = &app.data.thresholds;
    out.push(Line::raw(""));
    out.push(Line::styled("Thresholds", theme.heading));
    out.extend(wrapped(
        &format!(
            "low usage < {} % · low deployment < {} % · expand at deployment ≥ {} % and usage ≥ {} % · workload gap ≥ {} points · stale after {} days",
            t.low_usage, t.low_deployment, t.expand_deployment, t.expand_usage, t.workload_gap, t.stale_days
        ),
        "",
        cells,
        Style::new(),
    ));
    out
}

fn warnings(app: &App, cells: usize, theme: &Theme) -> Vec<Line<'static>> {
    let warnings = &app.data.portfolio.warnings;
    if warnings.is_empty() {
        return vec![Line::styled(
            "No import warnings: every record was read.",
            theme.muted,
        )];
    }
    let mut out = vec![Line::from(vec![Span::styled(
        format!(
            "{}; skipped records are not in the numbers.",
            format::plural(warnings.len(), "warning", "warnings")
        ),
        theme.heading,
    )])];
    for w in warnings {
        let style = match w.severity {
            crate::model::Severity::Skipped => theme.warn,
            crate::model::Severity::Note => Style::new(),
        };
        out.extend(wrapped(&w.to_string(), "· ", cells, style));
    }
    out
}
