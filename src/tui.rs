//! The terminal: set up, event loop, and restore on every exit path (quit, error, panic,
//! Ctrl-C, which arrives as a key in raw mode).

use std::io::{IsTerminal, Write};

use anyhow::{Result, bail};
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;

use crate::Loaded;
use crate::app::App;
use crate::keymap;
use crate::theme::Theme;

/// How the interactive view starts.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Prefill the search and select the best match.
    pub query: Option<String>,
    /// Start in screen-share mode.
    pub present: bool,
    /// Capture the mouse.
    pub mouse: bool,
    /// The list's order at start.
    pub sort: crate::analysis::SortKey,
}

/// Restores the terminal when dropped, also while unwinding.
struct Restore {
    mouse: bool,
}

impl Drop for Restore {
    fn drop(&mut self) {
        if self.mouse {
            let _ = execute!(std::io::stdout(), DisableMouseCapture);
        }
        ratatui::restore();
    }
}

/// Runs the interactive view until the user quits.
pub fn run(loaded: Loaded, theme: Theme, options: Options) -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "the interactive view needs a terminal; in scripts use `uptake list` or `uptake show NAME`"
        );
    }
    let mut app = App::new(loaded).sorted_by(options.sort);
    if let Some(q) = &options.query {
        app = app.with_query(q);
    }
    app.present = options.present;
    // try_init installs a panic hook that restores the terminal before the message prints.
    let mut terminal = ratatui::try_init()?;
    let _restore = Restore {
        mouse: options.mouse,
    };
    if options.mouse {
        execute!(std::io::stdout(), EnableMouseCapture)?;
        // Runs before ratatui's hook (which restores raw mode and the screen, then prints).
        let next = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(std::io::stdout(), DisableMouseCapture);
            next(info);
        }));
    }
    while !app.quit {
        terminal.draw(|frame| crate::ui::draw(frame, &app, &theme))?;
        match event::read()? {
            // One key at a time: each may change the mode the next is read in.
            Event::Key(key) => {
                for key in keymap::expand(key) {
                    if let Some(action) = keymap::action(app.mode(), &key) {
                        app.update(action);
                    }
                }
            }
            Event::Mouse(mouse) => {
                if let Some(action) = keymap::mouse_action(&mouse) {
                    app.update(action);
                }
            }
            _ => {}
        }
        if let Some(text) = app.clipboard.take() {
            let backend = terminal.backend_mut();
            backend.write_all(crate::clipboard::osc52(&text).as_bytes())?;
            backend.flush()?;
        }
    }
    Ok(())
}
