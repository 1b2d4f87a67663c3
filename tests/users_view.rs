//! The users view (issue 14) as a person sees it: `TestBackend` screens of the Graph fixtures,
//! through the real keymap.

mod common;

use common::{app_from, lines, press, render, screen, type_text};
use ratatui::crossterm::event::KeyCode;
use uptake::tui::app::App;
use uptake::tui::theme::Theme;

fn northwind() -> App {
    let mut app = app_from(&["graph"]);
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "northwind");
    press(&mut app, &[KeyCode::Enter]);
    app
}

#[test]
fn u_opens_the_users_longest_inactive_first() {
    let mut app = northwind();
    press(&mut app, &[KeyCode::Char('u')]);
    let s = screen(&app, 180, 40);
    assert!(
        s.contains("12 licensed users · 5 inactive (28 days)"),
        "{s}"
    );
    let farid = s.find("Farid Haddad").expect("farid");
    let hana = s.find("Hana Sato").expect("hana");
    let omar = s.find("Omar Farouk").expect("omar");
    assert!(
        farid < hana && hana < omar,
        "never active, then 166 days, …, 0 days:\n{s}"
    );
    insta::assert_snapshot!("users_view_180x40", s);
}

#[test]
fn filter_sort_copy_and_close() {
    let mut app = northwind();
    press(&mut app, &[KeyCode::Char('u'), KeyCode::Char('f')]);
    let s = screen(&app, 180, 40);
    // Inactive in every workload ≥ 28 days: hana, elif, nora, dmitri, carla; farid never
    // active, licensed 8 days before the refresh, not yet (the rule of reclaim_licenses).
    assert!(
        s.contains("showing 5: inactive in every workload ≥ 28 days"),
        "{s}"
    );
    assert!(!s.contains("Farid Haddad"), "{s}");
    assert!(!s.contains("Costa, Bruno"), "27 days is active:\n{s}");
    press(&mut app, &[KeyCode::Char('s')]);
    let s = screen(&app, 180, 40);
    assert!(s.contains("sorted by name"), "{s}");
    assert!(s.find("Carla Díaz").unwrap() < s.find("Dmitri Ivanov").unwrap());
    press(&mut app, &[KeyCode::Char('y')]);
    let copied = app.clipboard.take().expect("copied");
    assert_eq!(copied.lines().count(), 6, "a header and 5 users:\n{copied}");
    assert!(copied.lines().nth(1).unwrap().starts_with("Carla Díaz"));
    assert_eq!(app.message.as_deref(), Some("5 users copied"));
    press(&mut app, &[KeyCode::Esc]);
    assert!(app.users.is_none());
    assert!(!screen(&app, 180, 40).contains("Carla Díaz"));
}

#[test]
fn present_mode_never_shows_a_user_name() {
    let mut app = northwind();
    press(&mut app, &[KeyCode::Char('p'), KeyCode::Char('u')]);
    let s = screen(&app, 180, 40);
    for name in ["Farid", "Hana", "Bruno", "Carla", "northwind.example"] {
        assert!(!s.contains(name), "{name} on screen while presenting:\n{s}");
    }
    assert!(s.contains("user 1"), "{s}");
    press(&mut app, &[KeyCode::Char('y')]);
    let copied = app.clipboard.take().unwrap();
    assert!(!copied.contains("Farid"), "{copied}");
}

#[test]
fn concealed_tenant_says_where_to_turn_it_off() {
    let mut app = app_from(&["graph"]);
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "8b2e4f60");
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('u')]);
    let s = screen(&app, 180, 40);
    assert!(s.contains("user names are concealed"), "{s}");
    assert!(s.contains("Settings → Org settings → Services →"), "{s}");
    assert!(s.contains("concealed 18DB64E0"), "{s}");
}

#[test]
fn no_report_is_said_in_the_status_bar_and_small_screens_do_not_panic() {
    let mut app = app_from(&["graph"]);
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "c7a9e1d2");
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('u')]);
    assert!(app.users.is_none());
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("no active users detail report (getOffice365ActiveUserDetail) was found in its tenant folder c7a9e1d2")
    );
    let mut app = northwind();
    press(&mut app, &[KeyCode::Char('u')]);
    for (w, h) in [(80, 24), (40, 12), (20, 5), (1, 1)] {
        render(&app, w, h, &Theme::dark());
    }
    let buf = render(&app, 80, 24, &Theme::dark());
    let rows = lines(&buf);
    assert!(
        rows.iter().any(|r| r.contains("Farid Haddad")),
        "{}",
        rows.join("\n")
    );
    insta::assert_snapshot!("users_view_80x24", rows.join("\n"));
}

/// From a cached snapshot the index holds no user rows: `u` reads them from the snapshot.
#[test]
fn users_view_from_the_cache_reads_the_snapshot_file() {
    let cache = tempfile::tempdir().unwrap();
    let snapshot = common::imported(cache.path(), "tests/fixtures/graph");
    let portfolio = uptake::store::index::Index::open(&snapshot)
        .unwrap()
        .portfolio()
        .unwrap();
    let mut app = App::new(uptake::load::Loaded::new(
        portfolio,
        uptake::load::Source::Snapshot(snapshot),
        &uptake::domain::thresholds::Thresholds::default(),
        common::now(),
    ));
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "northwind");
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('u')]);
    let s = screen(&app, 180, 40);
    assert!(
        s.contains("Farid Haddad") && s.contains("Omar Farouk"),
        "{s}"
    );
}

/// Item 9 of the issue-14 review: `G`/End shows the last page filled (as many users as the top
/// page shows), ending with the last user, not the last user alone.
#[test]
fn end_shows_the_last_page_filled() {
    let csv = std::fs::read_to_string(
        "tests/fixtures/graph/3f1d9c7a-5b2e-4c81-9a6d-0e7f2b4c8d15/getOffice365ActiveUserDetail.csv",
    )
    .unwrap();
    // Display names from the file (column 3; no name in the fixture has a comma but Bruno's).
    let names: Vec<String> = csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(2).map(str::to_string))
        .filter(|n| !n.starts_with('"'))
        .collect();
    let shown = |s: &str| {
        s.lines()
            .filter(|l| names.iter().any(|n| l.contains(n.as_str())))
            .count()
    };
    let mut app = northwind();
    press(&mut app, &[KeyCode::Char('u')]);
    let top = shown(&screen(&app, 180, 16));
    press(&mut app, &[KeyCode::End]);
    let end = screen(&app, 180, 16);
    assert!(top > 1 && top < 12, "the page holds some users: {top}");
    assert_eq!(shown(&end), top, "{end}");
    assert!(end.contains("Omar Farouk"), "the last (0 days):\n{end}");
}
