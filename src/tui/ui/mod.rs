//! The view: draws `&App` into a frame. It formats numbers the analysis computed and never
//! computes business numbers itself.

mod actions;
mod chrome;
mod detail;
mod list;
mod overlay;
mod overview;
pub mod widgets;


use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders};

use crate::text::truncate;
use crate::tui::app::{App, Focus};
use crate::tui::theme::Theme;

/// Widths at which the panes sit side by side.
const THREE_PANES: u16 = 120;
const TWO_PANES: u16 = 64;
/// Height from which the two-pane layout stacks detail over actions.
const STACKED: u16 = 20;

/// Draws the whole screen. Any size works, down to 1×1.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    app.areas.set(crate::tui::app::Areas::default());
    if area.width == 0 || area.height == 0 {
        return;
    }
    if area.height < 3 {
        chrome::title(frame, area, app, theme);
        return;
    }
    let [title, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    chrome::title(frame, title, app, theme);
    chrome::status(frame, status, app, theme);
    body_panes(frame, body, app, theme);
    if let Some(which) = app.overlay {
        overlay::draw(frame, body, app, which, theme);
    }
}

/// The screen while a portfolio loads and nothing can be shown yet.
pub fn draw_loading(
    frame: &mut Frame,
    label: &str,
    tick: usize,
    elapsed: std::time::Duration,
    theme: &Theme,
    lang: crate::i18n::Lang,
) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    const SPIN: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
    let text = format!(
        " {} {}",
        SPIN[tick % SPIN.len()],
        crate::tr!(
            lang,
            LoadingLine,
            what = label,
            seconds =
                crate::present::format::number(lang, (elapsed.as_secs_f64() * 10.0).round() / 10.0)
        )
    );
    let line = crate::text::fit(&text, usize::from(area.width));
    frame.render_widget(
        ratatui::widgets::Paragraph::new(line).style(theme.title),
        Rect { height: 1, ..area },
    );
}

fn body_panes(frame: &mut Frame, body: Rect, app: &App, theme: &Theme) {
    let w = body.width;
    // The list as wide as its names want (marker, two percentages, a sort column, borders),
    // within a share of a wide window, so similar names can be told apart.
    let wants = (app.longest_name + 2 + 14 + 9 + 2).min(u16::MAX as usize) as u16;
    if w >= THREE_PANES {
        // From 160 columns on the list may take a third and more; below, the detail needs it.
        let most = if w >= 160 {
            w * 36 / 100
        } else {
            (w * 28 / 100).clamp(34, 48)
        };
        let list_w = wants.clamp(34, most);
        let actions_w = (w * 27 / 100).clamp(32, 56);
        let [l, d, a] = Layout::horizontal([
            Constraint::Length(list_w),
            Constraint::Fill(1),
            Constraint::Length(actions_w),
        ])
        .areas(body);
        list::draw(frame, l, app, theme);
        detail::draw(frame, d, app, theme);
        actions::draw(frame, a, app, theme);
    } else if w >= TWO_PANES {
        let list_w = (w * 38 / 100).clamp(24, 40);
        let [l, right] =
            Layout::horizontal([Constraint::Length(list_w), Constraint::Fill(1)]).areas(body);
        list::draw(frame, l, app, theme);
        if body.height >= STACKED {
            let [d, a] = Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)])
                .areas(right);
            detail::draw(frame, d, app, theme);
            actions::draw(frame, a, app, theme);
        } else if app.focus == Focus::Actions {
            actions::draw(frame, right, app, theme);
        } else {
            detail::draw(frame, right, app, theme);
        }
    } else {
        match app.focus {
            Focus::List => list::draw(frame, body, app, theme),
            Focus::Detail => detail::draw(frame, body, app, theme),
            Focus::Actions => actions::draw(frame, body, app, theme),
        }
    }
}

/// Lines for a pane, and the range of them that must be on screen (a focused row).
type Body = (Vec<Line<'static>>, Option<(usize, usize)>);

/// Draws `block` with the body (built for the inner width) inside, scrolled down by `scroll`
/// rows, or as little as keeps the body's focused range on screen; never past the last line.
fn scrolled(
    frame: &mut Frame,
    area: Rect,
    block: Block,
    scroll: u16,
    body: impl FnOnce(usize) -> Body,
) {
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let (lines, keep) = body(usize::from(inner.width));
    let height = usize::from(inner.height);
    let max_scroll = lines.len().saturating_sub(height);
    let scroll = match keep {
        Some((start, end)) => end.saturating_sub(height).min(start),
        None => usize::from(scroll),
    };
    let scroll = scroll.min(max_scroll) as u16;
    frame.render_widget(
        ratatui::widgets::Paragraph::new(lines).scroll((scroll, 0)),
        inner,
    );
}

/// A pane's frame: rounded border, bold when focused, the title truncated to fit.
fn pane<'a>(
    title: &str,
    right: Option<String>,
    focused: bool,
    width: u16,
    theme: &Theme,
) -> Block<'a> {
    let border = if focused {
        theme.border_focus
    } else {
        theme.border
    };
    let room = usize::from(width).saturating_sub(4);
    let right_text = right.map(|r| format!(" {r} ")).unwrap_or_default();
    let title_room = room.saturating_sub(crate::text::width(&right_text) + 1);
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(border)
        .title(Line::styled(
            format!(" {} ", truncate(title, title_room.saturating_sub(2))),
            border.patch(Style::new()),
        ));
    if !right_text.is_empty() && crate::text::width(&right_text) < room {
        block = block.title(Line::styled(right_text, border).right_aligned());
    }
    block
}
