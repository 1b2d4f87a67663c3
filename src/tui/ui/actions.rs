//! Suggested actions for the selected customer, ranked, each with its why line and steps.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::widgets::wrapped;
use super::{pane, scrolled};
use crate::present::format;
use crate::text::wrap;
use crate::tr;
use crate::tui::app::{App, Focus};
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Focus::Actions;
    let count = app
        .detailed()
        .filter(|_| !app.present && app.detail_problem().is_none())
        .map(|(_, a)| a.actions.len().to_string());
    let title = if app.present {
        tr!(app.lang, NextStepsTitle)
    } else {
        tr!(app.lang, SuggestedActions)
    };
    let block = pane(title, count, focused, area.width, theme);
    scrolled(frame, area, block, app.actions_scroll, |cells| {
        (lines(app, cells, theme), None)
    });
}

/// While presenting: what the customer may see, one step per suggestion, without the internal
/// titles, why lines and sales labels.
fn customer_facing(
    app: &App,
    a: &crate::domain::analysis::Assessment,
    cells: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (n, s) in a.actions.iter().enumerate() {
        let lead = format!("{} ", n + 1);
        let text = app.lang.get(s.id.customer_step());
        for (i, l) in wrap(text, cells.saturating_sub(lead.len()).max(1))
            .into_iter()
            .enumerate()
        {
            let lead = if i == 0 {
                Span::styled(lead.clone(), theme.key)
            } else {
                Span::raw(" ".repeat(lead.len()))
            };
            out.push(Line::from(vec![lead, Span::raw(l)]));
        }
        // The partner's own resources are customer-facing: shown while presenting too.
        resources(&mut out, app, s, "  ", cells, theme);
    }
    out
}

/// The partner's resources for a suggestion (config `[resources]`), under a heading.
fn resources(
    out: &mut Vec<Line<'static>>,
    app: &App,
    s: &crate::domain::advice::Suggestion,
    indent: &str,
    cells: usize,
    theme: &Theme,
) {
    if s.resources.is_empty() {
        return;
    }
    out.extend(wrapped(
        &format!("{}:", tr!(app.lang, ResourcesHeading)),
        indent,
        cells,
        theme.heading,
    ));
    for r in s.resources.iter() {
        let lead = format!("{indent}▸ ");
        let hang = " ".repeat(crate::text::width(&lead));
        for (i, l) in resource_lines(r.as_str(), cells.saturating_sub(hang.len()))
            .into_iter()
            .enumerate()
        {
            let lead = if i == 0 { lead.clone() } else { hang.clone() };
            out.push(Line::from(vec![Span::raw(lead), Span::raw(l)]));
        }
    }
}

/// A resource's lines `room` cells wide: a link that fits a line is never broken, it gets a
/// line of its own (only a link wider than the pane is cut into pieces).
pub fn resource_lines(text: &str, room: usize) -> Vec<String> {
    let is_link = |w: &str| w.contains("://") || w.starts_with("www.");
    let mut out = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    let flush = |words: &mut Vec<&str>, out: &mut Vec<String>| {
        if !words.is_empty() {
            out.extend(wrap(&words.join(" "), room));
            words.clear();
        }
    };
    for w in text.split_whitespace() {
        if is_link(w) && crate::text::width(w) <= room {
            flush(&mut words, &mut out);
            out.push(w.to_string());
        } else {
            words.push(w);
        }
    }
    flush(&mut words, &mut out);
    out
}

/// The actions pane's lines for a pane `cells` wide.
pub fn lines(app: &App, cells: usize, theme: &Theme) -> Vec<Line<'static>> {
    let Some((_, a)) = app.detailed().filter(|_| !app.concealed()) else {
        return Vec::new();
    };
    let lang = app.lang;
    if let Some(why) = app.detail_problem() {
        // The suggestions need the products: none is better than a wrong "no rule fired".
        return wrapped(
            &tr!(lang, ProductsUnreadable, why = why),
            "",
            cells,
            theme.bad,
        );
    }
    if app.present {
        return customer_facing(app, &a, cells, theme);
    }
    if a.actions.is_empty() {
        let t = &app.data.thresholds;
        let m = &a.metrics;
        let text = tr!(
            lang,
            NoRuleFired,
            deployment = format::percent(lang, m.deployment),
            usage = format::percent(lang, m.usage),
            low_deployment = format::limit(lang, t.low_deployment),
            low_usage = format::limit(lang, t.low_usage),
            expand_deployment = format::limit(lang, t.expand_deployment),
            expand_usage = format::limit(lang, t.expand_usage)
        );
        return wrapped(&text, "", cells, theme.muted);
    }
    let mut out = Vec::new();
    for s in &a.actions {
        let number = format!("{} ", s.priority);
        let title_lines = wrap(s.title(lang), cells.saturating_sub(number.len()).max(1));
        for (i, l) in title_lines.into_iter().enumerate() {
            let lead = if i == 0 {
                Span::styled(number.clone(), theme.key)
            } else {
                Span::raw(" ".repeat(number.len()))
            };
            out.push(Line::from(vec![lead, Span::styled(l, theme.heading)]));
        }
        out.extend(wrapped(
            &tr!(lang, Why, why = s.why_text(lang)),
            "  ",
            cells,
            Style::new(),
        ));
        for step in s.steps(lang) {
            out.extend(wrapped(step, "  · ", cells, theme.muted));
        }
        resources(&mut out, app, s, "  ", cells, theme);
        out.push(Line::raw(""));
    }
    out
}

#[cfg(test)]
mod resource_tests {
    /// Found in review: links broke mid-URL in the actions pane. A link that fits a line is
    /// whole on one line, whatever precedes it.
    #[test]
    fn a_link_that_fits_is_never_broken() {
        let url = "https://partner.example/onboarding/checklist-2026";
        let room = url.len() + 2;
        for text in [
            format!("Onboarding checklist for new admins: {url}"),
            format!("{url} (PDF, 2 pages)"),
            url.to_string(),
        ] {
            let lines = super::resource_lines(&text, room);
            assert!(lines.iter().any(|l| l == url), "{lines:?}");
            assert!(
                lines.iter().all(|l| crate::text::width(l) <= room),
                "{lines:?}"
            );
            // Nothing lost: the words read the same.
            assert_eq!(
                lines.join(" ").split_whitespace().collect::<Vec<_>>(),
                text.split_whitespace().collect::<Vec<_>>()
            );
        }
        // Wider than the pane: cut, since nothing else can show it.
        let lines = super::resource_lines(url, 20);
        assert!(
            lines.len() > 1 && lines.iter().all(|l| l.chars().count() <= 20),
            "{lines:?}"
        );
    }
}
