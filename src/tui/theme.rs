//! Semantic styles. The view asks for a role (selected, muted, warning…), never a colour.
//! The monochrome theme keeps every role readable without colour (bold, reversed, underline;
//! severities also carry symbols and words on screen).

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeName;

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub title: Style,
    pub border: Style,
    pub border_focus: Style,
    pub selected: Style,
    /// The selection while its pane is not focused.
    pub selected_dim: Style,
    pub heading: Style,
    pub muted: Style,
    pub good: Style,
    pub warn: Style,
    pub bad: Style,
    /// Usage above 100 %: real data to be checked.
    pub over: Style,
    pub bar_fill: Style,
    pub bar_empty: Style,
    pub key: Style,
    pub search: Style,
}

impl Theme {
    pub fn dark() -> Self {
        Self {
            title: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            selected_dim: Style::new()
                .bg(Color::DarkGray)
                .add_modifier(Modifier::BOLD),
            heading: Style::new().add_modifier(Modifier::BOLD),
            muted: Style::new().fg(Color::DarkGray),
            good: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Yellow),
            bad: Style::new().fg(Color::Red),
            over: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            bar_fill: Style::new().fg(Color::Cyan),
            bar_empty: Style::new().fg(Color::DarkGray),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            search: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        }
    }

    /// For terminals with a light background.
    pub fn light() -> Self {
        Self {
            title: Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            selected: Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            selected_dim: Style::new().bg(Color::Gray).add_modifier(Modifier::BOLD),
            heading: Style::new().fg(Color::Black).add_modifier(Modifier::BOLD),
            muted: Style::new().fg(Color::DarkGray),
            good: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Rgb(176, 96, 0)),
            bad: Style::new().fg(Color::Red),
            over: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            bar_fill: Style::new().fg(Color::Blue),
            bar_empty: Style::new().fg(Color::DarkGray),
            key: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            search: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
        }
    }

    pub fn mono() -> Self {
        let plain = Style::new();
        Self {
            title: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            border: plain,
            border_focus: plain.add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_dim: plain.add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            heading: plain.add_modifier(Modifier::BOLD),
            muted: plain.add_modifier(Modifier::DIM),
            good: plain,
            warn: plain.add_modifier(Modifier::BOLD),
            bad: plain.add_modifier(Modifier::BOLD),
            over: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            bar_fill: plain,
            bar_empty: plain.add_modifier(Modifier::DIM),
            key: plain.add_modifier(Modifier::BOLD),
            search: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        }
    }

    /// The theme to use: `no_color` (`--no-color`, or a non-empty `NO_COLOR`: no-color.org)
    /// always gives the monochrome theme; otherwise the chosen one.
    pub fn choose(name: ThemeName, no_color: bool) -> Self {
        match name {
            _ if no_color => Self::mono(),
            ThemeName::Dark => Self::dark(),
            ThemeName::Light => Self::light(),
            ThemeName::Mono => Self::mono(),
        }
    }
}
