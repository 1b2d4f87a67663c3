//! The view: draws `&App` into a frame. It formats numbers the analysis computed and never
//! computes business numbers itself.

mod actions;
mod chrome;
mod detail;
mod list;
mod overlay;
mod overview;
mod users;
pub mod widgets;

use ratatui::Frame;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders};

use crate::text::truncate;
use crate::tui::app::{App, Focus, Pointer, Target};
use crate::tui::theme::Theme;

/// Widths at which the panes sit side by side.
const THREE_PANES: u16 = 120;
const TWO_PANES: u16 = 64;
/// Height from which the two-pane layout stacks detail over actions.
const STACKED: u16 = 20;

/// What only the view needs to remember between frames; the loop keeps it and lends it to
/// [`draw`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ViewState {
    /// First list row on screen: the list scrolls as little as keeps the selection visible.
    pub list_offset: usize,
}

/// Where a frame put the panes a pointer can reach (an empty area: not on screen, or nothing
/// there to click). [`draw`] returns it; the loop keeps it for the next mouse event.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub list: Rect,
    /// Screen row of the first customer row in the list.
    pub list_top: u16,
    /// Position in [`App::visible`] of the customer on that row.
    pub list_offset: usize,
    pub detail: Rect,
    pub actions: Rect,
}

impl Areas {
    /// The pane (and the list row) at a screen cell.
    pub fn target(&self, column: u16, row: u16) -> Option<Target> {
        let at = Position::new(column, row);
        let pane = [
            (self.list, Focus::List),
            (self.detail, Focus::Detail),
            (self.actions, Focus::Actions),
        ]
        .into_iter()
        .find(|(r, _)| r.contains(at))
        .map(|(_, f)| f)?;
        let row = (pane == Focus::List && row >= self.list_top)
            .then(|| self.list_offset + usize::from(row - self.list_top));
        Some(Target { pane, row })
    }

    /// A mouse event placed on these panes (left clicks and the wheel; others are ignored).
    pub fn pointer(&self, event: &MouseEvent) -> Option<Pointer> {
        let at = self.target(event.column, event.row);
        match event.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Pointer::Click(at)),
            MouseEventKind::ScrollDown => Some(Pointer::Wheel { at, down: true }),
            MouseEventKind::ScrollUp => Some(Pointer::Wheel { at, down: false }),
            _ => None,
        }
    }
}

/// Draws the whole screen, and says where the panes went. Any size works, down to 1×1.
pub fn draw(frame: &mut Frame, app: &App, view: &mut ViewState, theme: &Theme) -> Areas {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return Areas::default();
    }
    if area.height < 3 {
        chrome::title(frame, area, app, theme);
        return Areas::default();
    }
    let [title, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    chrome::title(frame, title, app, theme);
    chrome::status(frame, status, app, theme);
    let areas = body_panes(frame, body, app, view, theme);
    if let Some(which) = app.overlay {
        overlay::draw(frame, body, app, which, theme);
    }
    areas
}

/// The screen while a portfolio loads and nothing can be shown yet.
pub fn draw_loading(
    frame: &mut Frame,
    label: &str,
    tick: usize,
    elapsed: std::time::Duration,
    progress: Option<crate::import::progress::Seen>,
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
    let Some(seen) = progress.filter(|_| area.height >= 3) else {
        return;
    };
    let row = Rect {
        y: area.y + 2,
        height: 1,
        ..area
    };
    if seen.total == 0 {
        // Building the portfolio: not counted in bytes.
        if seen.stage == Stage::Building {
            frame.render_widget(
                ratatui::widgets::Paragraph::new(crate::tr!(lang, LoadingBuilding))
                    .style(theme.muted),
                row,
            );
        }
        return;
    }
    frame.render_widget(
        ratatui::widgets::Gauge::default()
            .ratio((seen.done as f64 / seen.total as f64).clamp(0.0, 1.0))
            .label(crate::text::fit(
                &progress_label(&seen, elapsed, lang, usize::from(area.width)),
                usize::from(area.width),
            ))
            .gauge_style(theme.bar_fill),
        row,
    );
}

/// "reading deployment.json · 120 of 348 MB · 95 MB/s" in `cells` cells (a long path gives up
/// its start, never the figures), or once everything is read, that the portfolio is being
/// built.
use crate::import::progress::Stage;

fn progress_label(
    seen: &crate::import::progress::Seen,
    elapsed: std::time::Duration,
    lang: crate::i18n::Lang,
    cells: usize,
) -> String {
    use crate::present::format::number;
    if seen.done >= seen.total || seen.stage == Stage::Building {
        return crate::tr!(lang, LoadingBuilding).to_string();
    }
    let mb = |b: u64| number(lang, (b as f64 / 1e5).round() / 10.0);
    // Of the stage's own time: a second pass (older snapshots' Graph reports after the
    // exports) starts its rate again.
    let secs = seen.stage_elapsed.unwrap_or(elapsed).as_secs_f64();
    let rate = seen.done as f64 / secs.max(0.1);
    let label = |file: &str| {
        crate::tr!(
            lang,
            LoadingBytes,
            file = file,
            done = mb(seen.done),
            total = mb(seen.total),
            rate = mb(rate as u64)
        )
    };
    let rest = crate::text::width(&label(""));
    label(&crate::text::truncate_start(
        &seen.file,
        cells.saturating_sub(rest).max(12),
    ))
}

/// Draws the panes that fit in `body`.
fn body_panes(
    frame: &mut Frame,
    body: Rect,
    app: &App,
    view: &mut ViewState,
    theme: &Theme,
) -> Areas {
    let [list, detail, actions] = pane_areas(body, app);
    let mut areas = Areas::default();
    if let Some(area) = list
        && let Some(top) = list::draw(frame, area, app, view, theme)
    {
        areas.list = area;
        areas.list_top = top;
        areas.list_offset = view.list_offset;
    }
    if let Some(area) = detail {
        detail::draw(frame, area, app, theme);
        // Only a customer's detail takes clicks.
        if app.selected().is_some() && !app.concealed() {
            areas.detail = area;
        }
    }
    if let Some(area) = actions {
        actions::draw(frame, area, app, theme);
        areas.actions = area;
    }
    areas
}

/// Where the list, the detail and the actions go in `body` (`None`: no room for that pane).
fn pane_areas(body: Rect, app: &App) -> [Option<Rect>; 3] {
    let w = body.width;
    // The list as wide as its names want (marker, two percentages, a sort column, borders),
    // within a share of a wide window, so similar names can be told apart.
    let wants = (app.longest_name + 2 + 14 + 9 + 2).min(u16::MAX as usize) as u16;
    // The users table (issue 14) takes the suggestions' room too: its columns are the point
    // (Tab to the suggestions brings them back).
    let users = app.users.is_some() && app.focus != Focus::Actions;
    if w >= THREE_PANES {
        // From 160 columns on the list may take a third and more; below, the detail needs it.
        let most = if w >= 160 {
            w * 36 / 100
        } else {
            (w * 28 / 100).clamp(34, 48)
        };
        let list_w = wants.clamp(34, most);
        if users {
            let [l, d] =
                Layout::horizontal([Constraint::Length(list_w), Constraint::Fill(1)]).areas(body);
            return [Some(l), Some(d), None];
        }
        let actions_w = (w * 27 / 100).clamp(32, 56);
        let [l, d, a] = Layout::horizontal([
            Constraint::Length(list_w),
            Constraint::Fill(1),
            Constraint::Length(actions_w),
        ])
        .areas(body);
        [Some(l), Some(d), Some(a)]
    } else if w >= TWO_PANES {
        let list_w = (w * 38 / 100).clamp(24, 40);
        let [l, right] =
            Layout::horizontal([Constraint::Length(list_w), Constraint::Fill(1)]).areas(body);
        if users {
            [Some(l), Some(right), None]
        } else if body.height >= STACKED {
            let [d, a] = Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)])
                .areas(right);
            [Some(l), Some(d), Some(a)]
        } else if app.focus == Focus::Actions {
            [Some(l), None, Some(right)]
        } else {
            [Some(l), Some(right), None]
        }
    } else {
        match app.focus {
            Focus::List => [Some(body), None, None],
            Focus::Detail => [None, Some(body), None],
            Focus::Actions => [None, None, Some(body)],
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
    // Lines to keep in view (a focused row, the overview's pick) bound the scroll: the user's
    // scroll moves within what keeps them on screen.
    let scroll = match keep {
        Some((start, end)) => {
            let first = end.saturating_sub(height).min(start);
            usize::from(scroll).clamp(first, start)
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Loaded, Source};
    use crate::tui::keymap::Action;
    use chrono::TimeZone;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    #[test]
    fn a_list_row_is_found_through_the_offset_it_was_drawn_with() {
        let areas = Areas {
            list: Rect::new(0, 1, 30, 20),
            list_top: 3,
            list_offset: 40,
            detail: Rect::new(30, 1, 50, 20),
            actions: Rect::default(),
        };
        let list = |row| {
            Some(Target {
                pane: Focus::List,
                row,
            })
        };
        assert_eq!(areas.target(5, 3), list(Some(40)));
        assert_eq!(areas.target(5, 7), list(Some(44)));
        assert_eq!(areas.target(5, 2), list(None), "the header");
        let detail = Target {
            pane: Focus::Detail,
            row: None,
        };
        assert_eq!(areas.target(35, 7), Some(detail));
        assert_eq!(areas.target(90, 7), None, "no pane there");
    }

    #[test]
    fn the_view_state_keeps_the_list_still_between_frames() {
        let now = chrono::Utc.with_ymd_and_hms(2025, 6, 19, 12, 0, 0).unwrap();
        let thresholds = crate::domain::thresholds::Thresholds::default();
        let loaded = Loaded::new(crate::demo::portfolio(now), Source::Demo, &thresholds, now);
        let mut app = App::new(loaded);
        let mut terminal = Terminal::new(TestBackend::new(50, 12)).unwrap();
        let mut view = ViewState::default();
        let mut frame = |app: &App, view: &mut ViewState| {
            let mut areas = Areas::default();
            terminal
                .draw(|f| areas = draw(f, app, view, &Theme::dark()))
                .unwrap();
            areas
        };
        app.update(Action::Bottom);
        let areas = frame(&app, &mut view);
        let last = app.visible.len() - 1;
        let rows = usize::from(areas.list.bottom() - 1 - areas.list_top);
        assert_eq!(
            view.list_offset,
            last + 1 - rows,
            "the last row at the bottom"
        );
        assert_eq!(areas.list_offset, view.list_offset);
        app.update(Action::Up);
        frame(&app, &mut view);
        assert_eq!(view.list_offset, last + 1 - rows, "one up: the list stays");
    }
}
