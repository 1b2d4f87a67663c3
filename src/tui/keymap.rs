//! The one table of keys. It drives dispatch, the status-bar hints and the help overlay, so
//! what the screen says a key does is what it does.

use crate::i18n::{Lang, Msg};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Everything the user can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    /// Focus the pane to the right (list → detail → actions).
    Forward,
    /// Focus the pane to the left; on the list, clear an active filter.
    Back,
    NextPane,
    PrevPane,
    StartSearch,
    SearchInput(char),
    SearchBackspace,
    SearchClearWord,
    /// Keep the query and leave search mode.
    SearchAccept,
    /// Clear the query and leave search mode.
    SearchCancel,
    CycleSort,
    CycleFilter,
    /// Copy the selected customer's summary (plain text, or Markdown).
    CopyText,
    CopyMarkdown,
    /// Screen-share mode: only the selected customer's name on screen.
    TogglePresent,
    ToggleHelp,
    ToggleOverview,
    ToggleWarnings,
    CloseOverlay,
    /// In the overview: open the chosen top opportunity's customer.
    OpenPicked,
    // Graph users (issue 14)
    /// The selected customer's licensed users (Microsoft Graph) in the detail pane.
    ToggleUsers,
}

/// The input mode a binding applies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Search,
    Overlay,
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn c(ch: char) -> Key {
    k(KeyCode::Char(ch))
}

const fn ctrl(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        mods: KeyModifiers::CONTROL,
    }
}

/// One line of the keymap.
#[derive(Debug)]
pub struct Binding {
    pub mode: Mode,
    pub keys: &'static [Key],
    pub action: Action,
    /// Short label for the status bar; `None` keeps it out of the bar (still in help).
    pub hint: Option<Msg>,
    /// What the help overlay says.
    pub desc: Msg,
}

const fn b(
    mode: Mode,
    keys: &'static [Key],
    action: Action,
    hint: Option<Msg>,
    desc: Msg,
) -> Binding {
    Binding {
        mode,
        keys,
        action,
        hint,
        desc,
    }
}

use Mode::{Normal, Overlay, Search};

/// The keymap. Order is the order of hints and help rows.
pub const BINDINGS: &[Binding] = &[
    b(
        Normal,
        &[c('/')],
        Action::StartSearch,
        Some(Msg::KeySearchHint),
        Msg::KeySearch,
    ),
    b(
        Normal,
        &[c('j'), k(KeyCode::Down)],
        Action::Down,
        None,
        Msg::KeyDown,
    ),
    b(
        Normal,
        &[c('k'), k(KeyCode::Up)],
        Action::Up,
        None,
        Msg::KeyUp,
    ),
    b(
        Normal,
        &[c('g'), k(KeyCode::Home)],
        Action::Top,
        None,
        Msg::KeyTop,
    ),
    b(
        Normal,
        &[c('G'), k(KeyCode::End)],
        Action::Bottom,
        None,
        Msg::KeyBottom,
    ),
    b(
        Normal,
        &[k(KeyCode::PageUp), ctrl('u')],
        Action::PageUp,
        None,
        Msg::KeyPageUp,
    ),
    b(
        Normal,
        &[k(KeyCode::PageDown), ctrl('d')],
        Action::PageDown,
        None,
        Msg::KeyPageDown,
    ),
    b(
        Normal,
        &[k(KeyCode::Enter), c('l'), k(KeyCode::Right)],
        Action::Forward,
        Some(Msg::KeyForwardHint),
        Msg::KeyForward,
    ),
    b(
        Normal,
        &[k(KeyCode::Esc), c('h'), k(KeyCode::Left)],
        Action::Back,
        None,
        Msg::KeyBack,
    ),
    b(
        Normal,
        &[k(KeyCode::Tab)],
        Action::NextPane,
        Some(Msg::KeyPaneHint),
        Msg::KeyNextPane,
    ),
    b(
        Normal,
        &[k(KeyCode::BackTab)],
        Action::PrevPane,
        None,
        Msg::KeyPrevPane,
    ),
    b(
        Normal,
        &[c('s')],
        Action::CycleSort,
        Some(Msg::KeySortHint),
        Msg::KeySort,
    ),
    b(
        Normal,
        &[c('f')],
        Action::CycleFilter,
        Some(Msg::KeyFilterHint),
        Msg::KeyFilter,
    ),
    b(
        Normal,
        &[c('y')],
        Action::CopyText,
        Some(Msg::KeyCopyHint),
        Msg::KeyCopy,
    ),
    b(
        Normal,
        &[c('Y')],
        Action::CopyMarkdown,
        None,
        Msg::KeyCopyMarkdown,
    ),
    // Graph users (issue 14)
    b(
        Normal,
        &[c('u')],
        Action::ToggleUsers,
        Some(Msg::KeyUsersHint),
        Msg::KeyUsers,
    ),
    b(
        Normal,
        &[c('p')],
        Action::TogglePresent,
        Some(Msg::KeyPresentHint),
        Msg::KeyPresent,
    ),
    b(
        Normal,
        &[c('o')],
        Action::ToggleOverview,
        Some(Msg::KeyOverviewHint),
        Msg::KeyOverview,
    ),
    b(
        Normal,
        &[c('w')],
        Action::ToggleWarnings,
        None,
        Msg::KeyWarnings,
    ),
    b(
        Normal,
        &[c('?'), k(KeyCode::F(1))],
        Action::ToggleHelp,
        Some(Msg::KeyHelpHint),
        Msg::KeyHelp,
    ),
    b(
        Normal,
        &[c('q')],
        Action::Quit,
        Some(Msg::KeyQuit),
        Msg::KeyQuit,
    ),
    b(
        Search,
        &[k(KeyCode::Enter)],
        Action::SearchAccept,
        Some(Msg::KeyKeepHint),
        Msg::KeyKeep,
    ),
    b(
        Search,
        &[k(KeyCode::Esc)],
        Action::SearchCancel,
        Some(Msg::KeyClearHint),
        Msg::KeyClear,
    ),
    b(
        Search,
        &[k(KeyCode::Down), ctrl('n')],
        Action::Down,
        Some(Msg::KeyMoveHint),
        Msg::KeyNextMatch,
    ),
    b(
        Search,
        &[k(KeyCode::Up), ctrl('p')],
        Action::Up,
        None,
        Msg::KeyPrevMatch,
    ),
    b(
        Search,
        &[k(KeyCode::Backspace)],
        Action::SearchBackspace,
        None,
        Msg::KeyDeleteChar,
    ),
    b(
        Search,
        &[ctrl('w'), ctrl('u')],
        Action::SearchClearWord,
        None,
        Msg::KeyDeleteWord,
    ),
    b(
        Overlay,
        &[
            k(KeyCode::Esc),
            c('q'),
            c('?'),
            k(KeyCode::F(1)),
            c('w'),
            c('o'),
        ],
        Action::CloseOverlay,
        Some(Msg::KeyClose),
        Msg::KeyClose,
    ),
    b(
        Overlay,
        &[c('/')],
        Action::StartSearch,
        Some(Msg::KeySearchHint),
        Msg::KeySearch,
    ),
    b(
        Overlay,
        &[k(KeyCode::Enter)],
        Action::OpenPicked,
        None,
        Msg::KeyOpenPicked,
    ),
    b(
        Overlay,
        &[c('j'), k(KeyCode::Down)],
        Action::Down,
        Some(Msg::KeyScrollHint),
        Msg::KeyScrollDown,
    ),
    b(
        Overlay,
        &[c('k'), k(KeyCode::Up)],
        Action::Up,
        None,
        Msg::KeyScrollUp,
    ),
    b(
        Overlay,
        &[k(KeyCode::PageDown), ctrl('d')],
        Action::PageDown,
        None,
        Msg::KeyPageDown,
    ),
    b(
        Overlay,
        &[k(KeyCode::PageUp), ctrl('u')],
        Action::PageUp,
        None,
        Msg::KeyPageUp,
    ),
];

/// The key that always quits, in every mode.
pub const QUIT_ALWAYS: Key = ctrl('c');

fn matches(key: &Key, event: &KeyEvent) -> bool {
    if key.code != event.code {
        return false;
    }
    // Terminals differ in reporting Shift with upper-case letters and BackTab.
    let mods = event.modifiers - KeyModifiers::SHIFT;
    key.mods - KeyModifiers::SHIFT == mods
}

/// The action for a key event in a mode. In search mode, printable characters are text.
pub fn action(mode: Mode, event: &KeyEvent) -> Option<Action> {
    if event.kind != KeyEventKind::Press {
        return None;
    }
    if matches(&QUIT_ALWAYS, event) {
        return Some(Action::Quit);
    }
    let bound = BINDINGS
        .iter()
        .filter(|b| b.mode == mode)
        .find(|b| b.keys.iter().any(|k| matches(k, event)))
        .map(|b| b.action);
    if bound.is_some() {
        return bound;
    }
    match (mode, event.code) {
        (Mode::Search, KeyCode::Char(ch))
            if !event
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Action::SearchInput(ch))
        }
        _ => None,
    }
}

/// Splits an Alt-modified character into Esc and the character. Terminals send Alt-x as
/// `ESC x`, so Esc followed quickly by a key (while a frame is drawing) arrives as Alt-x;
/// uptake binds no Alt keys, so replaying both is always what the person meant.
pub fn expand(event: KeyEvent) -> Vec<KeyEvent> {
    match event.code {
        KeyCode::Char(_) if event.modifiers.contains(KeyModifiers::ALT) => {
            let mut rest = event;
            rest.modifiers -= KeyModifiers::ALT;
            vec![
                KeyEvent::new_with_kind(KeyCode::Esc, KeyModifiers::NONE, event.kind),
                rest,
            ]
        }
        _ => vec![event],
    }
}

/// How a key is written on screen: `j`, `↓`, `Ctrl-u`, `Enter`.
pub fn label(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(ch) => ch.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// Status-bar hints for a mode: `(key, label)` pairs, first key of each binding.
pub fn hints(mode: Mode, lang: Lang) -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.mode == mode)
        .filter_map(|b| Some((label(b.keys.first()?), lang.get(b.hint?))))
        .collect()
}

/// Help rows for a mode: `(all keys, description)`.
pub fn help_rows(mode: Mode, lang: Lang) -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.mode == mode)
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(label).collect();
            (keys.join(" "), lang.get(b.desc))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn search_mode_treats_q_and_j_as_text() {
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(action(Mode::Search, &q), Some(Action::SearchInput('q')));
        assert_eq!(action(Mode::Search, &j), Some(Action::SearchInput('j')));
        assert_eq!(action(Mode::Normal, &q), Some(Action::Quit));
        assert_eq!(action(Mode::Normal, &j), Some(Action::Down));
    }

    #[test]
    fn ctrl_c_quits_in_every_mode() {
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [Mode::Normal, Mode::Search, Mode::Overlay] {
            assert_eq!(action(mode, &ctrl_c), Some(Action::Quit), "{mode:?}");
        }
    }

    #[test]
    fn shifted_letters_match_with_or_without_the_shift_flag() {
        assert_eq!(
            action(
                Mode::Normal,
                &press(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ),
            Some(Action::Bottom)
        );
        assert_eq!(
            action(Mode::Normal, &press(KeyCode::Char('G'), KeyModifiers::NONE)),
            Some(Action::Bottom)
        );
        assert_eq!(
            action(Mode::Normal, &press(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevPane)
        );
        assert_eq!(
            action(
                Mode::Search,
                &press(KeyCode::Char('Ä'), KeyModifiers::SHIFT)
            ),
            Some(Action::SearchInput('Ä'))
        );
    }

    #[test]
    fn alt_letters_are_esc_then_the_letter() {
        let alt_q = press(KeyCode::Char('q'), KeyModifiers::ALT);
        let keys = expand(alt_q);
        assert_eq!(keys.len(), 2);
        assert_eq!(action(Mode::Overlay, &keys[0]), Some(Action::CloseOverlay));
        assert_eq!(action(Mode::Normal, &keys[1]), Some(Action::Quit));
        let plain = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(expand(plain), vec![plain]);
    }

    #[test]
    fn releases_are_ignored() {
        let mut e = press(KeyCode::Char('q'), KeyModifiers::NONE);
        e.kind = KeyEventKind::Release;
        assert_eq!(action(Mode::Normal, &e), None);
    }

    #[test]
    fn hints_come_from_the_table() {
        let hints = hints(Mode::Normal, Lang::En);
        assert!(hints.contains(&("/".to_string(), "search")));
        assert!(hints.contains(&("q".to_string(), "quit")));
        assert!(hints.contains(&("?".to_string(), "help")));
        assert!(
            !hints.iter().any(|(k, _)| k == "j"),
            "movement is not hinted"
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in [Mode::Normal, Mode::Search, Mode::Overlay] {
            let keys: Vec<_> = BINDINGS
                .iter()
                .filter(|b| b.mode == mode)
                .flat_map(|b| b.keys)
                .collect();
            for (i, a) in keys.iter().enumerate() {
                assert!(
                    !keys[i + 1..].contains(a),
                    "{mode:?}: {} bound twice",
                    label(a)
                );
            }
        }
    }
}

#[cfg(test)]
mod lang_tests {
    use super::*;

    #[test]
    fn hints_and_help_speak_the_language() {
        let de = hints(Mode::Normal, Lang::De);
        assert!(de.contains(&("/".to_string(), "suchen")), "{de:?}");
        assert!(de.contains(&("q".to_string(), "beenden")), "{de:?}");
        let zh = help_rows(Mode::Search, Lang::ZhTw);
        assert!(zh.iter().any(|(_, d)| *d == "刪除一個字元"), "{zh:?}");
    }
}
