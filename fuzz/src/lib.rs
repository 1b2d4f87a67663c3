//! What every fuzz target checks: whatever the input, nothing panics and no output a person
//! or a program reads (list/show text, JSON, CSV, a drawn frame) holds a control character.

use chrono::TimeZone;
use uptake::domain::thresholds::Thresholds;
use uptake::i18n::Lang;
use uptake::domain::model::{Portfolio, Timestamp};
use uptake::present::report;

pub fn now() -> Timestamp {
    chrono::Utc.with_ymd_and_hms(2025, 6, 19, 12, 0, 0).unwrap()
}

/// Panics when `text` holds a control character other than a line break.
pub fn assert_clean(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|c| c.is_control() && *c != '\n') {
        panic!(
            "{what}: control character U+{:04X} in {text:?}",
            u32::from(c)
        );
    }
}

/// Every script output of the portfolio (at most 20 customers' `show`).
pub fn check_outputs(portfolio: &Portfolio) {
    let t = Thresholds::default();
    let assessed = uptake::domain::analysis::assess(portfolio, &t, now());
    let rows = || portfolio.customers.iter().zip(&assessed);
    for lang in [Lang::En, Lang::De] {
        assert_clean("list text", &report::list_text(rows(), lang, false));
        assert_clean("list text by cost", &report::list_text(rows(), lang, true));
    }
    assert_clean("list json", &report::list_json(rows()));
    assert_clean("list csv", &report::list_csv(rows(), true).expect("CSV writes"));
    for c in portfolio.customers.iter().take(20) {
        let a = uptake::domain::analysis::detailed(c, &t, now());
        assert_clean("show json", &report::show_json(c, &a, &uptake::domain::graph::SkuNames::shipped()));
        for markup in [report::Markup::Text, report::Markup::Markdown] {
            assert_clean("show", &report::summary(c, &a, now(), markup, Lang::En));
        }
    }
    for w in &portfolio.warnings {
        assert_clean("warning", &w.to_string());
    }
}

/// A frame of the interactive view (list, detail, actions; then the warnings overlay).
pub fn check_frame(portfolio: Portfolio) {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let loaded = uptake::load::Loaded::new(
        portfolio,
        uptake::load::Source::Demo,
        &Thresholds::default(),
        now(),
    );
    let mut app = uptake::tui::app::App::new(loaded);
    let theme = uptake::tui::theme::Theme::choose(uptake::config::ThemeName::Dark, false);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("a test terminal");
    let mut view = uptake::tui::ui::ViewState::default();
    for overlay in [false, true] {
        if overlay {
            let key = ratatui::crossterm::event::KeyEvent::from(
                ratatui::crossterm::event::KeyCode::Char('w'),
            );
            if let Some(action) = uptake::tui::keymap::action(app.mode(), &key) {
                app.update(action);
            }
        }
        terminal
            .draw(|frame| {
                uptake::tui::ui::draw(frame, &app, &mut view, &theme);
            })
            .expect("draws");
        for cell in terminal.backend().buffer().content() {
            assert_clean("frame", cell.symbol());
        }
    }
}
