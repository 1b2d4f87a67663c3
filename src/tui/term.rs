//! The terminal's modes (raw mode, alternate screen, mouse reporting) and everything that may
//! change them from outside the event loop: signals, a panic on any thread, a hung-up terminal.
//!
//! One lock ([`Guard`]) is held by whoever draws or changes the modes. A signal or a panic takes
//! it, restores the terminal and marks it released; the loop draws nothing once it is released,
//! so no frame lands over the shell or over a panic message.

use std::cell::Cell;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// Held while drawing or changing modes.
static LOCK: Mutex<()> = Mutex::new(());
/// The terminal is in raw mode on the alternate screen (ours to draw on).
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Mouse reporting is wanted while active.
static MOUSE: AtomicBool = AtomicBool::new(false);
/// The screen was left and re-entered (SIGTSTP/SIGCONT): the next frame is drawn in full.
static REDRAW: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// This thread holds [`LOCK`] (so a panic while drawing does not wait for itself).
    static HOLDING: Cell<bool> = const { Cell::new(false) };
}

/// Whether the screen was re-entered and waits for a full redraw.
pub fn redraw_pending() -> bool {
    REDRAW.load(Ordering::SeqCst)
}

/// Exclusive use of the terminal's modes and screen.
pub struct Guard {
    _lock: MutexGuard<'static, ()>,
}

impl Guard {
    /// Takes the lock (also after a panic poisoned it: the terminal still needs restoring).
    pub fn take() -> Self {
        let lock = LOCK.lock().unwrap_or_else(PoisonError::into_inner);
        HOLDING.with(|h| h.set(true));
        Self { _lock: lock }
    }

    /// Whether the terminal is still ours to draw on.
    pub fn active(&self) -> bool {
        ACTIVE.load(Ordering::SeqCst)
    }

    /// Whether the screen must be redrawn in full (it was left and re-entered).
    pub fn take_redraw(&self) -> bool {
        REDRAW.swap(false, Ordering::SeqCst)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        HOLDING.with(|h| h.set(false));
    }
}

/// Makes a fault reading a mapped export (`SIGBUS`: the file was cut short meanwhile) end the
/// program with a message and 135, not the shell's "Bus error"; [`enter`] does it too, and a
/// terminal in raw mode is then given back first. Call it early: it saves the terminal's
/// modes as they are.
pub fn watch_faults() {
    #[cfg(unix)]
    bus::install();
}

/// Enters raw mode and the alternate screen (and mouse reporting when asked); installs the
/// panic hook and the signal handlers.
pub fn enter(mouse: bool) -> io::Result<()> {
    MOUSE.store(mouse, Ordering::SeqCst);
    install_panic_hook();
    #[cfg(unix)]
    bus::install();
    let _guard = Guard::take();
    set_modes()?;
    ACTIVE.store(true, Ordering::SeqCst);
    signals::watch()?;
    Ok(())
}

fn set_modes() -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    // A paste arrives as one Event::Paste: text, never key bindings.
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    if MOUSE.load(Ordering::SeqCst) {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Leaves the alternate screen and raw mode, turns mouse reporting off and shows the cursor.
/// Does nothing when already restored. The caller holds the [`Guard`].
fn reset_modes() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, DisableBracketedPaste, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Stops the process as Ctrl-Z does outside raw mode: through the SIGTSTP handler, which
/// leaves the screen before stopping and re-enters it on `fg`.
pub fn suspend() {
    #[cfg(unix)]
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
}

/// Restores the terminal for good (quit, error, or on the way out of a panic or signal).
pub fn restore() {
    let _guard = Guard::take();
    reset_modes();
}

/// Restores the terminal before the panic message prints, from whichever thread panicked,
/// after any frame being drawn on another thread is finished.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let next = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if HOLDING.with(Cell::get) {
                reset_modes();
            } else {
                restore();
            }
            next(info);
        }));
    });
}

/// Why [`next_input`] returned.
pub enum Input {
    /// A key, mouse or resize event.
    Event(Event),
    /// Nothing within the wait.
    Idle,
    /// The terminal hung up (end of input): time to quit.
    Closed,
}

/// Waits up to `wait` for input. A hung-up terminal is seen before crossterm reads it: crossterm
/// loops forever on a read that returns 0 or an error.
pub fn next_input(wait: Duration) -> io::Result<Input> {
    for round in 0..2 {
        if hung_up(Duration::ZERO)? {
            return Ok(Input::Closed);
        }
        match event::poll(Duration::ZERO).and_then(|ready| match ready {
            true => event::read().map(Some),
            false => Ok(None),
        }) {
            Ok(Some(event)) => return Ok(Input::Event(event)),
            Ok(None) => {}
            // A read error once the terminal is gone is its end, not a failure to report.
            Err(_) if hung_up(Duration::ZERO)? => return Ok(Input::Closed),
            Err(e) => return Err(e),
        }
        if round == 0 && hung_up(wait)? {
            return Ok(Input::Closed);
        }
    }
    Ok(Input::Idle)
}

/// Input that is already waiting, without waiting for more.
pub fn ready_input() -> io::Result<Option<Event>> {
    if event::poll(Duration::ZERO)? {
        return event::read().map(Some);
    }
    Ok(None)
}

/// Whether the terminal has hung up.
pub fn closed() -> bool {
    hung_up(Duration::ZERO).unwrap_or(false)
}

#[cfg(unix)]
fn hung_up(wait: Duration) -> io::Result<bool> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use std::os::fd::AsFd;
    let stdin = io::stdin();
    let mut fds = [PollFd::from_borrowed_fd(stdin.as_fd(), PollFlags::IN)];
    let timeout = Timespec {
        tv_sec: wait.as_secs() as _,
        tv_nsec: wait.subsec_nanos() as _,
    };
    match poll(&mut fds, Some(&timeout)) {
        Ok(_) => {}
        Err(rustix::io::Errno::INTR) => return Ok(false),
        Err(e) => return Err(e.into()),
    }
    let revents = fds[0].revents();
    Ok(revents.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL))
}

#[cfg(not(unix))]
fn hung_up(wait: Duration) -> io::Result<bool> {
    // No hang-up to watch for: just wait like crossterm would.
    let _ = event::poll(wait)?;
    Ok(false)
}

#[cfg(unix)]
mod signals {
    use std::io;
    use std::sync::atomic::Ordering;

    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    use signal_hook::iterator::Signals;

    use super::{ACTIVE, Guard, REDRAW, reset_modes, set_modes};

    /// A thread that restores the terminal on SIGTERM, SIGHUP, SIGINT and SIGQUIT and exits
    /// with 128 + the signal's number; leaves the screen on SIGTSTP before stopping and
    /// re-enters it on SIGCONT (the loop redraws).
    pub fn watch() -> io::Result<()> {
        static ONCE: std::sync::Once = std::sync::Once::new();
        let mut result = Ok(());
        ONCE.call_once(|| {
            result = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT]).map(
                |mut signals| {
                    std::thread::spawn(move || {
                        for signal in signals.forever() {
                            handle(signal);
                        }
                    });
                },
            );
            std::thread::spawn(hang_up);
        });
        result
    }

    /// Waits for the terminal to hang up (SIGHUP ignored: the shell ignores it and uptake is
    /// not the session leader), then restores what it can and exits as the end of input does
    /// (0). The event loop checks for it too, but not while crossterm reads: crossterm loops
    /// forever on a hung-up terminal's reads, and a hang-up between the loop's check and its
    /// read left the app spinning (`end_of_input_quits`, one run in a few under load).
    fn hang_up() {
        use rustix::event::{PollFd, PollFlags, poll};
        use std::os::fd::AsFd;
        let stdin = io::stdin();
        loop {
            // No events asked: only a hang-up or an error wakes the wait.
            let mut fds = [PollFd::from_borrowed_fd(stdin.as_fd(), PollFlags::empty())];
            match poll(&mut fds, None) {
                Ok(_) if fds[0].revents().intersects(PollFlags::HUP | PollFlags::ERR) => break,
                // Cannot watch (not a descriptor poll knows): the loop's own check remains.
                Ok(_) if fds[0].revents().contains(PollFlags::NVAL) => return,
                Err(rustix::io::Errno::INTR) | Ok(_) => {}
                Err(_) => return,
            }
        }
        let _guard = Guard::take();
        reset_modes();
        std::process::exit(0);
    }

    fn handle(signal: i32) {
        let guard = Guard::take();
        match signal {
            SIGTSTP => {
                let was_active = guard.active();
                reset_modes();
                let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
                // Continued (`fg`).
                if was_active {
                    reenter();
                }
            }
            SIGCONT => {
                // Stopped by SIGSTOP (no chance to leave): the shell may have reset the modes.
                if guard.active() {
                    reenter();
                }
            }
            _ => {
                reset_modes();
                std::process::exit(128 + signal);
            }
        }
    }

    fn reenter() {
        if set_modes().is_ok() {
            ACTIVE.store(true, Ordering::SeqCst);
        }
        REDRAW.store(true, Ordering::SeqCst);
    }
}

/// `SIGBUS`: a mapped export cut short by another program while it is read (see
/// `import::mapped`). The handler runs where the fault happened and cannot return there nor
/// take the [`Guard`]: it gives the terminal back with what it saved beforehand, by system
/// calls alone, says why, and exits.
#[cfg(unix)]
mod bus {
    use std::os::fd::{AsFd, OwnedFd};
    use std::sync::OnceLock;
    use std::sync::atomic::Ordering;

    use rustix::termios::{OptionalActions, Termios};

    use super::ACTIVE;

    /// The terminal's modes before raw mode, and the outputs, taken before any signal.
    struct Saved {
        tty: Option<(std::fs::File, Termios)>,
        out: OwnedFd,
        err: OwnedFd,
    }

    static SAVED: OnceLock<Saved> = OnceLock::new();

    /// What [`super::reset_modes`] writes: mouse reporting and bracketed paste off, the main
    /// screen, the cursor shown.
    const RESET: &[u8] =
        b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?2004l\x1b[?1049l\x1b[?25h";

    const SAID: &[u8] = b"uptake: stopped: a file being read was cut short meanwhile (SIGBUS); \
the cache is as it was\n";

    /// Saves the terminal's modes (before raw mode) and installs the handler, once.
    pub(super) fn install() {
        if SAVED.get().is_some() {
            return;
        }
        let tty = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .ok()
            .and_then(|f| rustix::termios::tcgetattr(&f).ok().map(|t| (f, t)));
        let (Ok(out), Ok(err)) = (
            rustix::io::dup(std::io::stdout().as_fd()),
            rustix::io::dup(std::io::stderr().as_fd()),
        ) else {
            return;
        };
        if SAVED.set(Saved { tty, out, err }).is_err() {
            return;
        }
        #[allow(unsafe_code)]
        // SAFETY: the action makes system calls only (write, tcsetattr, _exit) on what was
        // saved before it could run; it allocates nothing and takes no lock.
        let _ = unsafe { signal_hook::low_level::register(signal_hook::consts::SIGBUS, on_bus) };
    }

    fn on_bus() {
        if let Some(saved) = SAVED.get() {
            if ACTIVE.load(Ordering::SeqCst) {
                let _ = rustix::io::write(&saved.out, RESET);
                if let Some((tty, modes)) = &saved.tty {
                    let _ = rustix::termios::tcsetattr(tty, OptionalActions::Now, modes);
                }
            }
            let _ = rustix::io::write(&saved.err, SAID);
        }
        signal_hook::low_level::exit(128 + signal_hook::consts::SIGBUS);
    }
}

#[cfg(not(unix))]
mod signals {
    pub fn watch() -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the panic hook does on a thread that is not drawing: it waits for the frame being
    /// drawn, then gives the terminal back; the loop's next frame is not drawn.
    #[test]
    fn a_panic_elsewhere_waits_for_the_frame_then_stops_drawing() {
        ACTIVE.store(true, Ordering::SeqCst);
        let drawing = Guard::take();
        let (started, begun) = std::sync::mpsc::channel();
        let other = std::thread::spawn(move || {
            started.send(()).unwrap();
            // As install_panic_hook's hook on a thread that holds no lock.
            restore();
        });
        begun.recv().unwrap();
        assert!(
            drawing.active(),
            "not restored while a frame is being drawn"
        );
        drop(drawing);
        other.join().unwrap();
        let next = Guard::take();
        assert!(!next.active(), "restored: the loop draws nothing more");
    }
}
