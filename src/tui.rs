//! The terminal: set up, event loop, and restore on every exit path (quit, error, panic,
//! Ctrl-C, which arrives as a key in raw mode).

use std::io::{IsTerminal, Write};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
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
    /// The UI language.
    pub lang: crate::i18n::Lang,
}

/// Restores the terminal when dropped, also while unwinding.
struct Restore {
    mouse: bool,
}

impl Drop for Restore {
    fn drop(&mut self) {
        undo_modes(self.mouse);
        ratatui::restore();
    }
}

/// Turns off what uptake turned on beyond ratatui's own set-up: bracketed paste, and mouse
/// capture when it was asked for.
fn undo_modes(mouse: bool) {
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    if mouse {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
    }
}

/// What the view starts with.
pub enum Start {
    /// Everything is loaded.
    Ready(Loaded),
    /// Loading on another thread; maybe a first frame's worth of customers meanwhile.
    Loading {
        /// The customers a first frame shows, and how many there are in all.
        partial: Option<(Loaded, usize)>,
        /// What is being read (for the loading screen).
        label: String,
        full: Receiver<Result<Loaded>>,
    },
}

/// Builds the app the way the options ask.
fn app_for(loaded: Loaded, options: &Options) -> App {
    let mut app = App::new(loaded)
        .with_lang(options.lang)
        .sorted_by(options.sort);
    if let Some(q) = &options.query {
        app = app.with_query(q);
    }
    app.present = options.present;
    app
}

/// Applies one input event to the app.
fn apply(app: &mut App, event: &Event) {
    match event {
        // One key at a time: each may change the mode the next is read in.
        Event::Key(key) => {
            for key in keymap::expand(*key) {
                if let Some(action) = keymap::action(app.mode(), &key) {
                    app.update(action);
                }
            }
        }
        // A paste is text, never keys: "Marquette qf" must not quit or filter.
        Event::Paste(text) => app.paste(text),
        Event::Mouse(mouse) => {
            if let Some(action) = keymap::mouse_action(mouse) {
                app.update(action);
            }
        }
        _ => {}
    }
}

/// How long a load may take before the loading screen shows.
const QUIET: Duration = Duration::from_millis(150);

/// Runs the interactive view until the user quits.
pub fn run(start: Start, theme: Theme, options: Options) -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "the interactive view needs a terminal; in scripts use `uptake list` or `uptake show NAME`"
        );
    }
    let began = Instant::now();
    // try_init installs a panic hook that restores the terminal before the message prints.
    let mut terminal = ratatui::try_init()?;
    let _restore = Restore {
        mouse: options.mouse,
    };
    execute!(std::io::stdout(), EnableBracketedPaste)?;
    if options.mouse {
        execute!(std::io::stdout(), EnableMouseCapture)?;
    }
    // Runs before ratatui's hook (which restores raw mode and the screen, then prints).
    let next = std::panic::take_hook();
    let mouse = options.mouse;
    std::panic::set_hook(Box::new(move |info| {
        undo_modes(mouse);
        next(info);
    }));
    let mut app = match start {
        Start::Ready(loaded) => app_for(loaded, &options),
        Start::Loading {
            partial,
            label,
            full,
        } => {
            // Until the whole portfolio is here, input goes to the first frame's customers
            // (if any) and is kept, to be replayed on the full view.
            let mut first = partial.map(|(loaded, total)| {
                let mut app = app_for(loaded, &options);
                app.loading = Some(total);
                app
            });
            let mut kept: Vec<Event> = Vec::new();
            let mut spinner = 0usize;
            loop {
                match full.try_recv() {
                    Ok(loaded) => {
                        let mut app = app_for(loaded?, &options);
                        for event in &kept {
                            apply(&mut app, event);
                        }
                        break app;
                    }
                    Err(TryRecvError::Disconnected) => bail!("loading stopped unexpectedly"),
                    Err(TryRecvError::Empty) => {}
                }
                match &first {
                    Some(app) => {
                        terminal.draw(|frame| crate::ui::draw(frame, app, &theme))?;
                    }
                    None if began.elapsed() >= QUIET => {
                        spinner += 1;
                        terminal.draw(|frame| {
                            crate::ui::draw_loading(
                                frame,
                                &label,
                                spinner,
                                began.elapsed(),
                                &theme,
                                options.lang,
                            )
                        })?;
                    }
                    None => {}
                }
                if event::poll(Duration::from_millis(40))? {
                    let event = event::read()?;
                    if let Some(app) = &mut first {
                        apply(app, &event);
                        if app.quit {
                            return Ok(());
                        }
                    } else if quits(&event) {
                        return Ok(());
                    }
                    kept.push(event);
                }
            }
        }
    };
    let mut local = crate::clipboard::Local::from_env();
    while !app.quit {
        // Before waiting: a copy may come from keys replayed after loading.
        if let Some(text) = app.clipboard.take() {
            let backend = terminal.backend_mut();
            backend.write_all(crate::clipboard::osc52(&text).as_bytes())?;
            backend.flush()?;
            if local.set(&text) {
                app.copied_locally();
            }
        }
        terminal.draw(|frame| crate::ui::draw(frame, &app, &theme))?;
        apply(&mut app, &event::read()?);
    }
    Ok(())
}

/// `q` or Ctrl-c on the loading screen.
fn quits(event: &Event) -> bool {
    matches!(event, Event::Key(key) if keymap::action(keymap::Mode::Normal, key) == Some(keymap::Action::Quit))
}
