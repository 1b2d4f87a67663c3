//! Helpers shared by the integration tests: run the real binary in a clean environment
//! ([`Run`], in `run.rs`), build an app from a fixture, press keys, render into a `TestBackend`
//! and read the screen as text.
#![allow(dead_code)]

pub mod exports;
mod run;

#[allow(unused_imports)] // each test file uses some of them
pub use run::{BIN, NOW, Run, Running, imported, json_of, stderr, stdout, uptake, uptake_in};

use std::path::{Path, PathBuf};

use chrono::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use uptake::domain::model::Timestamp;
use uptake::domain::thresholds::Thresholds;
use uptake::load::{Loaded, Source};
use uptake::tui::app::App;
use uptake::tui::keymap;
use uptake::tui::theme::Theme;
use uptake::tui::ui::{Areas, ViewState};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn now() -> Timestamp {
    chrono::Utc.with_ymd_and_hms(2025, 6, 19, 12, 0, 0).unwrap()
}

pub fn app_from(names: &[&str]) -> App {
    let paths: Vec<PathBuf> = names.iter().map(|n| fixture(n)).collect();
    let portfolio = uptake::import::load_paths(&paths).unwrap();
    App::new(Loaded::new(
        portfolio,
        Source::Files(paths),
        &Thresholds::default(),
        now(),
    ))
}

pub fn demo_app() -> App {
    App::new(Loaded::new(
        uptake::demo::portfolio(now()),
        Source::Demo,
        &Thresholds::default(),
        now(),
    ))
}

/// Presses keys as the terminal would deliver them, through the real keymap.
pub fn press(app: &mut App, keys: &[KeyCode]) {
    for code in keys {
        let event = KeyEvent::new(*code, KeyModifiers::NONE);
        if let Some(action) = keymap::action(app.mode(), &event) {
            app.update(action);
        }
    }
}

pub fn ctrl(app: &mut App, ch: char) {
    let event = KeyEvent::new(KeyCode::Char(ch), KeyModifiers::CONTROL);
    if let Some(action) = keymap::action(app.mode(), &event) {
        app.update(action);
    }
}

/// Types text (in search mode, letters are text).
pub fn type_text(app: &mut App, text: &str) {
    let keys: Vec<KeyCode> = text.chars().map(KeyCode::Char).collect();
    press(app, &keys);
}

pub fn render(app: &App, width: u16, height: u16, theme: &Theme) -> Buffer {
    drawn(app, width, height, theme).0
}

/// The screen, and where it put the panes (for mouse events), drawn as a first frame.
pub fn drawn(app: &App, width: u16, height: u16, theme: &Theme) -> (Buffer, Areas) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut view = ViewState::default();
    let mut areas = Areas::default();
    terminal
        .draw(|f| areas = uptake::tui::ui::draw(f, app, &mut view, theme))
        .unwrap();
    (terminal.backend().buffer().clone(), areas)
}

/// A left click at a cell.
pub fn click(column: u16, row: u16) -> MouseEvent {
    mouse(MouseEventKind::Down(MouseButton::Left), column, row)
}

/// The wheel turned down over a cell.
pub fn wheel_down(column: u16, row: u16) -> MouseEvent {
    mouse(MouseEventKind::ScrollDown, column, row)
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
    MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }
}

/// The screen as a person reads it: one string per row, wide characters once (the cells a
/// wide symbol hides are skipped as ratatui's backends skip them, by the buffer's `CellWidth`).
pub fn lines(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    (0..area.height)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < area.width {
                let symbol = buf[(x, y)].symbol();
                row.push_str(symbol);
                x += symbol.cell_width().max(1);
            }
            row
        })
        .collect()
}

pub fn screen(app: &App, width: u16, height: u16) -> String {
    lines(&render(app, width, height, &Theme::dark())).join("\n")
}

/// The cell position (x, y) where `needle` starts on screen.
pub fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let rows = lines(buf);
    for (y, row) in rows.iter().enumerate() {
        if let Some(byte) = row.find(needle) {
            let x = uptake::text::width(&row[..byte]) as u16;
            return Some((x, y as u16));
        }
    }
    None
}

/// The SHA-256 of bytes, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Every file under `dir`, at any depth.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}
