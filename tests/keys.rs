//! Key handling: keys go through the real keymap into `App::update`.

mod common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use uptake::analysis::SortKey;
use uptake::app::{Focus, Overlay};
use uptake::keymap::Mode;

fn selected_name(app: &uptake::app::App) -> String {
    app.selected()
        .map(|(c, _)| c.name.to_string())
        .unwrap_or_default()
}

#[test]
fn search_mode_treats_q_and_j_as_text() {
    let mut app = demo_app();
    press(&mut app, &[KeyCode::Char('/')]);
    assert_eq!(app.mode(), Mode::Search);
    type_text(&mut app, "qj");
    assert_eq!(app.query, "qj");
    assert!(!app.quit, "q is text while searching");
    assert_eq!(app.selected, 0);
}

#[test]
fn typing_filters_accent_and_case_insensitively_and_enter_keeps_it() {
    let mut app = demo_app();
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "MULLER");
    assert_eq!(selected_name(&app), "Müller & Söhne Maschinenbau GmbH");
    assert_eq!(app.visible.len(), 1);
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(app.query, "MULLER", "Enter keeps the filter");
    assert_eq!(app.visible.len(), 1);
    press(&mut app, &[KeyCode::Esc]);
    assert_eq!(app.query, "", "Esc on the list clears the kept filter");
    assert_eq!(app.visible.len(), app.total());
    assert_eq!(
        selected_name(&app),
        "Müller & Söhne Maschinenbau GmbH",
        "and keeps the customer selected"
    );
}

#[test]
fn esc_while_searching_clears_the_query() {
    let mut app = demo_app();
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "zzz");
    assert!(app.visible.is_empty());
    press(&mut app, &[KeyCode::Esc]);
    assert_eq!((app.mode(), app.query.as_str()), (Mode::Normal, ""));
    assert_eq!(app.visible.len(), app.total());
}

#[test]
fn the_selection_stays_put_while_typing_when_it_still_matches() {
    let mut app = demo_app();
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "fabrikam");
    press(&mut app, &[KeyCode::Down]);
    assert_eq!(selected_name(&app), "Fabrikam Residences");
    press(&mut app, &[KeyCode::Backspace, KeyCode::Backspace]);
    assert_eq!(selected_name(&app), "Fabrikam Residences");
    type_text(&mut app, " log");
    assert_eq!(
        selected_name(&app),
        "Fabrikam Logistics GmbH",
        "falls back to the first match"
    );
}

#[test]
fn search_matches_ids_and_cjk() {
    let mut app = app_from(&["portfolio.json"]);
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "000000000002");
    assert_eq!(selected_name(&app), "臺灣雲端資訊股份有限公司");
    ctrl(&mut app, 'u');
    type_text(&mut app, "雲端");
    assert_eq!(selected_name(&app), "臺灣雲端資訊股份有限公司");
}

#[test]
fn ctrl_c_quits_even_while_searching() {
    let mut app = demo_app();
    press(&mut app, &[KeyCode::Char('/')]);
    ctrl(&mut app, 'c');
    assert!(app.quit);
}

#[test]
fn q_quits_in_normal_mode() {
    let mut app = demo_app();
    press(&mut app, &[KeyCode::Char('q')]);
    assert!(app.quit);
}

#[test]
fn movement_clamps_at_both_ends() {
    let mut app = demo_app();
    press(&mut app, &[KeyCode::Char('k'), KeyCode::Up]);
    assert_eq!(app.selected, 0);
    press(&mut app, &[KeyCode::Char('j'), KeyCode::Down]);
    assert_eq!(app.selected, 2);
    press(&mut app, &[KeyCode::End]);
    assert_eq!(app.selected, app.total() - 1);
    press(&mut app, &[KeyCode::PageDown]);
    assert_eq!(app.selected, app.total() - 1);
    press(&mut app, &[KeyCode::PageUp]);
    assert_eq!(app.selected, app.total() - 11);
    press(&mut app, &[KeyCode::Home]);
    assert_eq!(app.selected, 0);
}

#[test]
fn sort_cycles_and_keeps_the_selected_customer() {
    let mut app = demo_app();
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "tailspin");
    press(&mut app, &[KeyCode::Enter, KeyCode::Esc]);
    assert_eq!(selected_name(&app), "Tailspin Toys");
    let mut seen = vec![app.sort];
    for _ in 0..5 {
        press(&mut app, &[KeyCode::Char('s')]);
        seen.push(app.sort);
        assert_eq!(selected_name(&app), "Tailspin Toys", "{:?}", app.sort);
    }
    assert_eq!(
        seen,
        [
            SortKey::Name,
            SortKey::UsageAsc,
            SortKey::DeploymentAsc,
            SortKey::UnusedDesc,
            SortKey::DropDesc,
            SortKey::Name
        ]
    );
}

#[test]
fn usage_sort_puts_the_lowest_first_and_na_last() {
    let mut app = demo_app();
    press(&mut app, &[KeyCode::Char('s')]);
    let usages: Vec<Option<f64>> = app
        .visible
        .iter()
        .map(|&i| app.customer(i).1.metrics.usage)
        .collect();
    let known: Vec<f64> = usages.iter().flatten().copied().collect();
    assert!(known.windows(2).all(|w| w[0] <= w[1]), "{known:?}");
    let first_na = usages.iter().position(Option::is_none).unwrap();
    assert!(usages[first_na..].iter().all(Option::is_none), "n/a last");
}

#[test]
fn focus_moves_between_panes_and_scrolls_the_focused_one() {
    let mut app = demo_app();
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.focus, Focus::Detail);
    press(&mut app, &[KeyCode::Char('j'), KeyCode::Char('j')]);
    assert_eq!(
        (app.selected, app.detail_row),
        (0, 2),
        "j scrolls the detail, not the list"
    );
    press(&mut app, &[KeyCode::Char('l')]);
    assert_eq!(app.focus, Focus::Actions);
    press(&mut app, &[KeyCode::Char('h'), KeyCode::Char('h')]);
    assert_eq!(app.focus, Focus::List);
    press(&mut app, &[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
    assert_eq!(app.focus, Focus::List);
    press(&mut app, &[KeyCode::BackTab]);
    assert_eq!(app.focus, Focus::Actions);
    press(&mut app, &[KeyCode::Char('/')]);
    assert_eq!(app.focus, Focus::List, "search always works on the list");
}

#[test]
fn help_and_warnings_are_overlays_closed_by_esc() {
    let mut app = app_from(&["bad_record.json"]);
    press(&mut app, &[KeyCode::Char('?')]);
    assert_eq!(app.overlay, Some(Overlay::Help));
    assert_eq!(app.mode(), Mode::Overlay);
    press(&mut app, &[KeyCode::Char('j')]);
    assert_eq!((app.overlay_scroll, app.selected), (1, 0));
    press(&mut app, &[KeyCode::Esc]);
    assert_eq!(app.overlay, None);
    press(&mut app, &[KeyCode::Char('w')]);
    assert_eq!(app.overlay, Some(Overlay::Warnings));
    let s = screen(&app, 100, 24);
    assert!(
        s.contains("1 warning; skipped records are not in the numbers."),
        "{s}"
    );
    assert!(s.contains("negative count -5 (record skipped)"), "{s}");
    press(&mut app, &[KeyCode::Char('w')]);
    assert_eq!(app.overlay, None);
}

#[test]
fn narrowing_while_typing_finds_what_a_fresh_search_finds() {
    let mut app = app_from(&["portfolio.json"]);
    let mut big = demo_app();
    for app in [&mut app, &mut big] {
        press(app, &[KeyCode::Char('/')]);
        let fresh = |app: &uptake::app::App| {
            let index = uptake::search::SearchIndex::new(&app.data.portfolio);
            let mut order: Vec<usize> = (0..app.total()).collect();
            uptake::analysis::sort(&mut order, &app.data.assessed, app.sort);
            index.search(&order, &app.query)
        };
        for step in [
            "f", "a", "b", "BS", "BS", "o", " ", "l", "BS", "BS", "BS", "ä", "c", "BS", "BS", "BS",
            "BS",
        ] {
            if step == "BS" {
                press(app, &[KeyCode::Backspace]);
            } else {
                type_text(app, step);
            }
            assert_eq!(
                app.visible,
                fresh(app),
                "after {step:?}: query {:?}",
                app.query
            );
        }
    }
}

#[test]
fn w_lists_lookalike_customer_names() {
    let mut app = common::app_from(&["lookalikes.json"]);
    press(&mut app, &[KeyCode::Char('w')]);
    let screen = common::screen(&app, 120, 40);
    assert!(
        screen.contains("\"\u{421}\u{43e}ntoso Ltd\" (c2) looks like"),
        "{screen}"
    );
}
