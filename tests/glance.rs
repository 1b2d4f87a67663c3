//! Issue 11, readable at a glance: what a person sees in a `TestBackend` (text and styles).

mod common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;
use uptake::domain::analysis::SortKey;
use uptake::i18n::{Lang, Msg};
use uptake::tui::app::{Focus, Overlay};
use uptake::tui::theme::Theme;

fn sort_until(app: &mut uptake::tui::app::App, key: SortKey) {
    for _ in 0..8 {
        if app.sort == key {
            return;
        }
        press(app, &[KeyCode::Char('s')]);
    }
    assert_eq!(app.sort, key);
}

#[test]
fn sorting_by_unused_seats_or_drop_shows_that_value_as_a_column() {
    let mut app = demo_app();
    sort_until(&mut app, SortKey::UnusedDesc);
    let rows = lines(&render(&app, 120, 30, &Theme::dark()));
    assert!(rows[2].contains("unused"), "{}", rows[2]);
    // The detail's own assessment: the list's cell comes from the row it keeps.
    let (c, a) = app.detailed().unwrap();
    let unused = uptake::present::format::count(Lang::En, a.metrics.unused_seats);
    let row = rows.iter().find(|r| r.contains('▶')).unwrap();
    assert!(row.contains(&format!(" {unused}")), "{} in {row}", c.name);

    // At 80 columns the value takes the deployment column's place.
    let rows = lines(&render(&app, 80, 24, &Theme::dark()));
    assert!(rows[2].contains("unused"), "{}", rows[2]);
    let row = rows.iter().find(|r| r.contains('▶')).unwrap();
    assert!(row.contains(&format!(" {unused}")), "{row}");

    sort_until(&mut app, SortKey::DropDesc);
    let rows = lines(&render(&app, 120, 30, &Theme::dark()));
    assert!(rows[2].contains("drop"), "{}", rows[2]);
    let (_, a) = app.detailed().unwrap();
    let drop = a
        .metrics
        .usage_delta
        .map_or("–".to_string(), |d| uptake::present::format::delta(d.0));
    let row = rows.iter().find(|r| r.contains('▶')).unwrap();
    assert!(row.contains(&drop), "{drop} in {row}");
}

#[test]
fn the_status_bar_keeps_help_and_quit_at_80_columns_in_every_language() {
    for lang in [Lang::En, Lang::De, Lang::ZhTw] {
        let mut app = demo_app().with_lang(lang);
        for keys in [&[][..], &[KeyCode::Enter][..], &[KeyCode::Char('p')][..]] {
            press(&mut app, keys);
            let rows = lines(&render(&app, 80, 24, &Theme::dark()));
            let status = rows.last().unwrap();
            let help = format!("? {}", lang.get(Msg::KeyHelpHint));
            let quit = format!("q {}", lang.get(Msg::KeyQuit));
            assert!(status.contains(&help), "{lang:?}: {status}");
            assert!(status.contains(&quit), "{lang:?}: {status}");
        }
    }
}

#[test]
fn workload_labels_are_whole_at_200_columns() {
    let mut app = demo_app();
    // The customer with the longest workload name.
    let (pos, longest) = app
        .visible
        .iter()
        .enumerate()
        .map(|(pos, &i)| {
            let c = app.customer(i).0;
            let w = c
                .products
                .iter()
                .flat_map(|p| &p.workloads)
                .map(|w| w.name.to_string())
                .max_by_key(|n| n.width())
                .unwrap_or_default();
            (pos, w)
        })
        .max_by_key(|(_, w)| w.width())
        .unwrap();
    app.selected = pos;
    let s = screen(&app, 200, 60);
    assert!(s.contains(&longest), "{longest}:\n{s}");
}

#[test]
fn list_names_get_the_room_a_wide_window_allows() {
    let app = demo_app();
    let rows = lines(&render(&app, 200, 50, &Theme::dark()));
    for &i in &app.visible {
        let name = app.customer(i).0.name.to_string();
        if name.width() <= 40 {
            assert!(
                rows.iter().any(|r| r.contains(&name)),
                "{name} whole at 200 columns"
            );
        }
    }
}

#[test]
fn no_color_underlines_no_blanks_after_gauge_percentages() {
    let app = demo_app();
    for (w, h) in [(120, 40), (80, 24), (200, 50)] {
        let buf = render(&app, w, h, &Theme::mono());
        for y in 0..h {
            for x in 0..w {
                let cell = &buf[(x, y)];
                if cell.modifier.contains(Modifier::UNDERLINED) {
                    assert!(
                        !cell.symbol().trim().is_empty(),
                        "an underlined blank at {x},{y}: {:?}",
                        lines(&buf)[usize::from(y)]
                    );
                }
            }
        }
    }
}

#[test]
fn pop_ups_keep_their_left_border_where_a_cjk_name_crosses_it() {
    for lang in [Lang::ZhTw, Lang::En] {
        // Twelve customers: 臺灣雲端資訊… is on screen, its 8th character where the help's
        // border goes (column 18 at 120 columns).
        let mut app = app_from(&["twelve.json"]).with_lang(lang);
        press(&mut app, &[KeyCode::Char('?')]);
        let buf = render(&app, 120, 40, &Theme::dark());
        let rows = lines(&buf);
        let top = rows.iter().position(|r| r.contains("╮╭")).unwrap_or(0);
        // The pop-up's top-left corner: the first `╭` right of the list pane.
        let (x, y) = (1..120u16)
            .flat_map(|x| (1..40u16).map(move |y| (x, y)))
            .filter(|&(x, y)| x > 10 && usize::from(y) > top && buf[(x, y)].symbol() == "╭")
            .min_by_key(|&(x, y)| (y, x))
            .expect("a pop-up");
        let mut y2 = y + 1;
        while buf[(x, y2)].symbol() != "╰" {
            assert_eq!(
                buf[(x, y2)].symbol(),
                "│",
                "{lang:?} row {y2}: {}",
                rows[usize::from(y2)]
            );
            assert!(
                buf[(x - 1, y2)].symbol().width() <= 1,
                "a wide character covers the border"
            );
            y2 += 1;
        }
    }
}

#[test]
fn enter_on_a_top_opportunity_in_the_overview_opens_that_customer() {
    let mut app = demo_app();
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "contoso");
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('o')]);
    assert_eq!(app.overlay, Some(Overlay::Overview));
    let top = app.data.stats.top.clone();
    assert!(top.len() >= 2);
    press(&mut app, &[KeyCode::Char('j')]);
    let s = screen(&app, 120, 40);
    assert!(s.contains("Enter opens"), "{s}");
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.overlay, None);
    assert_eq!(app.selected_index(), Some(top[1].0));
    assert_eq!(app.focus, Focus::Detail);
    let name = app.customer(top[1].0).0.name.to_string();
    let s = screen(&app, 120, 40);
    assert!(s.contains(&format!("╭ {name}")), "{s}");
}
