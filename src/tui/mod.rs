//! The terminal: set up, event loop, and restore on every exit path (quit, error, panic,
//! Ctrl-C, which arrives as a key in raw mode, signals, a hung-up terminal; see [`crate::tui::term`]).

pub mod app;
pub mod clipboard;
pub mod keymap;
pub mod term;
pub mod theme;
pub mod ui;

use std::io::{IsTerminal, Write};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::Event;

use crate::load::{Arrival, Loaded, Start};
use crate::tui::app::App;
use crate::tui::term::{Guard, Input};
use crate::tui::theme::Theme;
use crate::tui::ui::{Areas, ViewState};

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
    pub sort: crate::domain::analysis::SortKey,
    /// The UI language.
    pub lang: crate::i18n::Lang,
    /// Copies also go to the system clipboard ([`clipboard::local_allowed`]).
    pub local_clipboard: bool,
}

/// Restores the terminal when dropped, also while unwinding.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        term::restore();
    }
}

type Term = Terminal<CrosstermBackend<Out>>;

/// Standard output whose writes after a hang-up are dropped: the loop ends on the hang-up it
/// sees next, and nothing (ratatui's own drop included) fails writing to a closed terminal.
struct Out(std::io::Stdout);

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.0.write(buf) {
            Err(_) if term::closed() => Ok(buf.len()),
            result => result,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.0.flush() {
            Err(_) if term::closed() => Ok(()),
            result => result,
        }
    }
}

/// Draws one frame, unless a signal or a panic has given the terminal back meanwhile.
fn draw(terminal: &mut Term, view: impl FnOnce(&mut ratatui::Frame)) -> Result<()> {
    let guard = Guard::take();
    if !guard.active() {
        return Ok(());
    }
    if guard.take_redraw() {
        // A blank frame first, so the next one is written in full (Terminal::clear would ask
        // the terminal for the cursor position, which not every terminal answers).
        terminal.draw(|_| {})?;
    }
    terminal.draw(view)?;
    Ok(())
}

/// What the loop keeps of the view between frames: the view's own state, and where the last
/// frame put the panes (for the next mouse event). The app holds neither.
#[derive(Default)]
struct Screen {
    view: ViewState,
    areas: Areas,
}

impl Screen {
    /// Draws `app` (unless the terminal was given back) and keeps where the panes went.
    fn draw(&mut self, terminal: &mut Term, app: &App, theme: &Theme) -> Result<()> {
        draw(terminal, |frame| {
            self.areas = crate::tui::ui::draw(frame, app, &mut self.view, theme);
        })
    }
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

/// Applies one input event to the app; a mouse event lands on the panes in `areas`.
fn apply(app: &mut App, areas: &Areas, event: &Event) {
    match event {
        // One key at a time: each may change the mode the next is read in.
        // Ctrl-Z: raw mode turns the terminal's suspend key into a key; stop as the shell
        // expects (the SIGTSTP handler leaves the screen first and redraws after `fg`).
        Event::Key(key)
            if key.kind == ratatui::crossterm::event::KeyEventKind::Press
                && key.code == ratatui::crossterm::event::KeyCode::Char('z')
                && key
                    .modifiers
                    .contains(ratatui::crossterm::event::KeyModifiers::CONTROL) =>
        {
            term::suspend();
        }
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
            if let Some(pointer) = areas.pointer(mouse) {
                app.point(pointer);
            }
        }
        _ => {}
    }
}

/// Applies `events` in order; characters typed into the search one after the other are
/// searched once, as typing them one by one would leave the search.
fn apply_all(app: &mut App, areas: &Areas, events: &[Event]) {
    let mut typed = String::new();
    for event in events {
        if let Some(ch) = search_char(app, event) {
            typed.push(ch);
            continue;
        }
        if !typed.is_empty() {
            app.type_in_search(&std::mem::take(&mut typed));
        }
        apply(app, areas, event);
        if app.quit {
            return;
        }
    }
    if !typed.is_empty() {
        app.type_in_search(&typed);
    }
}

/// The character `event` types into the search, when the app is searching.
fn search_char(app: &App, event: &Event) -> Option<char> {
    let Event::Key(key) = event else {
        return None;
    };
    if key.kind != ratatui::crossterm::event::KeyEventKind::Press
        || app.mode() != keymap::Mode::Search
    {
        return None;
    }
    match keymap::expand(*key).as_slice() {
        [one] => match keymap::action(keymap::Mode::Search, one) {
            Some(keymap::Action::SearchInput(ch)) if !ch.is_control() => Some(ch),
            _ => None,
        },
        _ => None,
    }
}

/// The most events applied before a frame is drawn, and the longest time spent gathering
/// them: a stream of input still shows on screen.
const BATCH: usize = 256;
const BATCH_TIME: Duration = Duration::from_millis(30);

/// The longest wait for input before the loop looks again (for a redraw after SIGCONT).
const IDLE: Duration = Duration::from_millis(250);

/// How long a load may take before the loading screen shows.
const QUIET: Duration = Duration::from_millis(150);

/// Runs the interactive view until the user quits.
pub fn run(start: Start, theme: Theme, options: Options) -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "the interactive view needs a terminal; in scripts use `uptake list` or `uptake show NAME`"
        );
    }
    let _restore = Restore;
    term::enter(options.mouse)?;
    match run_in_terminal(start, theme, options) {
        // A write that failed because the terminal closed is the end of input, not an error.
        Err(_) if term::closed() => Ok(()),
        result => result,
    }
}

fn run_in_terminal(start: Start, theme: Theme, options: Options) -> Result<()> {
    let began = Instant::now();
    let mut terminal = Terminal::new(CrosstermBackend::new(Out(std::io::stdout())))?;
    let app = match start {
        Start::Ready(loaded) => app_for(loaded, &options),
        Start::Loading {
            partial,
            label,
            full,
            progress,
        } => {
            let loading = Loading {
                began,
                label,
                theme: &theme,
                options: &options,
                progress,
            };
            let waited = loading.wait(&mut terminal, partial, full)?;
            if let Some(p) = &loading.progress {
                // Leaving the loading screen stops the reading threads at their next record.
                p.cancel();
            }
            match waited {
                Some(app) => app,
                None => return Ok(()),
            }
        }
    };
    interact(&mut terminal, app, &theme, &options)
}

/// The wait for the whole portfolio.
struct Loading<'a> {
    began: Instant,
    label: String,
    theme: &'a Theme,
    options: &'a Options,
    progress: Option<std::sync::Arc<crate::import::progress::Progress>>,
}

impl Loading<'_> {
    /// Shows the first frame's customers (if any) or the loading screen until the whole
    /// portfolio is here; `None` when the user quit meanwhile.
    fn wait(
        &self,
        terminal: &mut Term,
        partial: Option<(Loaded, usize)>,
        full: Receiver<Arrival>,
    ) -> Result<Option<App>> {
        // Until the whole portfolio is here, input goes to the first frame's customers
        // (if any) and is kept, to be replayed on the full view.
        let first_app = |(loaded, total): (Loaded, usize), kept: &[Event]| {
            let mut app = self.replay(loaded, kept);
            app.loading = Some(total);
            app
        };
        let mut first = partial.map(|p| first_app(p, &[]));
        let mut screen = Screen::default();
        let mut kept: Vec<Event> = Vec::new();
        let mut spinner = 0usize;
        // The mode the kept keys leave (before a first frame, no app follows them).
        let mut mode = keymap::Mode::Normal;
        loop {
            match full.try_recv() {
                Ok(Arrival::Full(loaded)) => return Ok(Some(self.replay(loaded?, &kept))),
                // Raw files once read: what was typed on the loading screen applies to it.
                Ok(Arrival::First(loaded, total)) => {
                    first = Some(first_app((loaded, total), &kept));
                    continue;
                }
                Err(TryRecvError::Disconnected) => bail!("loading stopped unexpectedly"),
                Err(TryRecvError::Empty) => {}
            }
            match &first {
                Some(app) => screen.draw(terminal, app, self.theme)?,
                None if self.began.elapsed() >= QUIET => {
                    spinner += 1;
                    self.draw_loading(terminal, spinner)?;
                }
                None => {}
            }
            let event = match term::next_input(Duration::from_millis(40))? {
                Input::Event(event) => event,
                Input::Idle => continue,
                Input::Closed => return Ok(None),
            };
            if let Some(app) = &mut first {
                apply(app, &screen.areas, &event);
                if app.quit {
                    return Ok(None);
                }
            } else if quits(&event, &mut mode) {
                return Ok(None);
            }
            kept.push(event);
        }
    }

    fn draw_loading(&self, terminal: &mut Term, spinner: usize) -> Result<()> {
        draw(terminal, |frame| {
            crate::tui::ui::draw_loading(
                frame,
                &self.label,
                spinner,
                self.began.elapsed(),
                self.progress.as_ref().map(|p| p.seen()),
                self.theme,
                self.options.lang,
            )
        })
    }

    /// The full view, with the input kept while it loaded. It was never drawn: a kept click
    /// lands on no pane.
    fn replay(&self, loaded: Loaded, kept: &[Event]) -> App {
        let mut app = app_for(loaded, self.options);
        for event in kept {
            apply(&mut app, &Areas::default(), event);
        }
        app
    }
}

/// The main loop: draws, waits for input, applies it, until the user quits.
fn interact(terminal: &mut Term, mut app: App, theme: &Theme, options: &Options) -> Result<()> {
    let mut changed = true;
    let mut screen = Screen::default();
    let mut local = crate::tui::clipboard::Local::new(options.local_clipboard);
    // A pointer event read while gathering keys: applied after the next frame, on its layout.
    let mut held: Option<Event> = None;
    while !app.quit {
        // Before waiting: a copy may come from keys replayed after loading.
        if let Some(text) = app.clipboard.take() {
            let _guard = Guard::take();
            let backend = terminal.backend_mut();
            backend.write_all(crate::tui::clipboard::osc52(&text).as_bytes())?;
            backend.flush()?;
            if local.set(&text) {
                app.copied_locally();
            }
        }
        if changed || term::redraw_pending() {
            screen.draw(terminal, &app, theme)?;
        }
        // Waits are bounded so a redraw after SIGCONT does not wait for a key.
        let input = match held.take() {
            Some(event) => Input::Event(event),
            None => term::next_input(IDLE)?,
        };
        changed = match input {
            Input::Event(event) => {
                // Input already waiting (a burst of typing) is applied before the next frame;
                // a click or the wheel only on the layout it was aimed at (drawn first).
                let mut events = vec![event];
                let began = Instant::now();
                while events.len() < BATCH && began.elapsed() < BATCH_TIME {
                    match term::ready_input() {
                        Ok(Some(Event::Mouse(mouse))) => {
                            held = Some(Event::Mouse(mouse));
                            break;
                        }
                        Ok(Some(more)) => events.push(more),
                        _ => break,
                    }
                }
                apply_all(&mut app, &screen.areas, &events);
                true
            }
            Input::Idle => false,
            Input::Closed => break,
        };
    }
    Ok(())
}

/// Whether `event` quits the loading screen (`q` or Ctrl-c), following the search: `q` typed
/// after `/` is part of a name (`/quantum` must not quit). `mode` is what the keys so far left.
fn quits(event: &Event, mode: &mut keymap::Mode) -> bool {
    let Event::Key(key) = event else {
        return false;
    };
    if key.kind != ratatui::crossterm::event::KeyEventKind::Press {
        return false;
    }
    for key in keymap::expand(*key) {
        match keymap::action(*mode, &key) {
            Some(keymap::Action::Quit) => return true,
            Some(keymap::Action::StartSearch) => *mode = keymap::Mode::Search,
            Some(keymap::Action::SearchAccept | keymap::Action::SearchCancel) => {
                *mode = keymap::Mode::Normal;
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Customer, Portfolio};
    use crate::load::Source;
    use crate::text::Clean;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn app() -> App {
        let words = [
            "Contoso",
            "Consolidated",
            "Müller",
            "Mueller",
            "Adatum",
            "Fabrikam",
            "臺北",
            "Bäckerei",
        ];
        let mut customers = Vec::new();
        for (i, a) in words.iter().enumerate() {
            for (j, b) in words.iter().enumerate() {
                for n in 0..6 {
                    let name = format!("{a} {b} {n}{}", i * j);
                    let id = format!("{i:02x}{j:02x}{n:02x}00-0000-0000-0000-000000000000");
                    customers.push(Customer::new(
                        Some(Clean::new(&id)),
                        Clean::new(&name),
                        Vec::new(),
                    ));
                }
            }
        }
        let portfolio = Portfolio {
            customers,
            ..Portfolio::default()
        };
        let now = chrono::Utc::now();
        let t = crate::domain::thresholds::Thresholds::default();
        App::new(Loaded::new(portfolio, Source::Demo, &t, now))
    }

    /// On the loading screen `q` quits, but not inside a search: `/quantum` is a name.
    #[test]
    fn q_on_the_loading_screen_quits_only_outside_a_search() {
        let run = |keys: &str| {
            let mut mode = keymap::Mode::Normal;
            keys.chars()
                .map(|c| match c {
                    '\n' => key(KeyCode::Enter),
                    '\x1b' => key(KeyCode::Esc),
                    c => key(KeyCode::Char(c)),
                })
                .position(|e| quits(&e, &mut mode))
        };
        assert_eq!(run("q"), Some(0));
        assert_eq!(run("/quantum"), None);
        assert_eq!(run("/quantum\nq"), Some(9));
        assert_eq!(run("/aq\x1bjq"), Some(5));
        let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        let mut mode = keymap::Mode::Search;
        assert!(quits(&ctrl_c, &mut mode), "Ctrl-c quits even in a search");
    }

    /// Keys that arrive together give what the same keys one by one give: the query, the
    /// list and the selected customer, after typing, typos, Backspace, Ctrl-w, moving and
    /// leaving the search.
    #[test]
    fn keys_applied_together_give_what_keys_one_by_one_give() {
        let typed = |s: &str| s.chars().map(|c| key(KeyCode::Char(c))).collect::<Vec<_>>();
        let ctrl_w = Event::Key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
        let scripts: Vec<Vec<Event>> = vec![
            [typed("/contoso mu"), typed("eller 2")].concat(),
            [
                typed("/consoldatex"),
                vec![key(KeyCode::Backspace)],
                typed("d"),
            ]
            .concat(),
            [
                typed("/bäck"),
                vec![key(KeyCode::Down), key(KeyCode::Down)],
                typed("erei ad"),
                vec![ctrl_w.clone()],
                typed("臺"),
            ]
            .concat(),
            [
                typed("/fab"),
                vec![key(KeyCode::Enter), key(KeyCode::Down)],
                typed("/mül"),
                vec![key(KeyCode::Esc)],
                typed("jj/ada"),
            ]
            .concat(),
            [
                typed("/0002"),
                vec![key(KeyCode::Backspace)],
                typed("1 consol"),
            ]
            .concat(),
        ];
        for script in scripts {
            let mut one_by_one = app();
            for event in &script {
                apply(&mut one_by_one, &Areas::default(), event);
            }
            let mut together = app();
            apply_all(&mut together, &Areas::default(), &script);
            assert_eq!(together.query, one_by_one.query, "{script:?}");
            assert_eq!(together.searching, one_by_one.searching);
            assert_eq!(together.visible, one_by_one.visible, "{:?}", together.query);
            assert_eq!(together.selected_index(), one_by_one.selected_index());
            assert!(together.selected_index().is_some(), "{:?}", together.query);
        }
    }
}
