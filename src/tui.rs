//! The terminal: set up, event loop, and restore on every exit path (quit, error, panic,
//! Ctrl-C, which arrives as a key in raw mode).

use std::io::IsTerminal;

use anyhow::{Result, bail};
use ratatui::crossterm::event::{self, Event};

use crate::Loaded;
use crate::app::App;
use crate::keymap;
use crate::theme::Theme;

/// Restores the terminal when dropped, also while unwinding.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        ratatui::restore();
    }
}

/// Runs the interactive view until the user quits.
pub fn run(loaded: Loaded, theme: Theme) -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "the interactive view needs a terminal; in scripts use `uptake list` or `uptake show NAME`"
        );
    }
    let mut app = App::new(loaded);
    // try_init installs a panic hook that restores the terminal before the message prints.
    let mut terminal = ratatui::try_init()?;
    let _restore = Restore;
    while !app.quit {
        terminal.draw(|frame| crate::ui::draw(frame, &app, &theme))?;
        if let Event::Key(key) = event::read()? {
            for key in keymap::expand(key) {
                if let Some(action) = keymap::action(app.mode(), &key) {
                    app.update(action);
                }
            }
        }
    }
    Ok(())
}
