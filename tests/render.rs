//! What a person sees: the app rendered into a `TestBackend` at the sizes partners use,
//! asserting on text and styles of the buffer.

mod common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;
use uptake::tui::theme::Theme;

fn select(app: &mut uptake::tui::app::App, query: &str) {
    press(app, &[KeyCode::Char('/')]);
    type_text(app, query);
    press(app, &[KeyCode::Enter]);
}

#[test]
fn wide_screen_shows_list_gauges_and_actions_side_by_side() {
    let mut app = app_from(&["portfolio.json"]);
    select(&mut app, "tailspin");
    let s = screen(&app, 120, 40);
    assert!(s.contains("uptake · portfolio.json · data as of 2025-06-14 (5 days old) · 3 customers · sort: name"), "{s}");
    assert!(
        s.contains("╭ Tailspin Toys"),
        "detail pane titled with the customer\n{s}"
    );
    assert!(s.contains("Deployment"), "{s}");
    assert!(s.contains("100%"), "{s}");
    assert!(s.contains("105% !"), "overall usage over 100% marked\n{s}");
    assert!(s.contains("113% !"), "Yammer\n{s}");
    assert!(s.contains("34 of 30 active"), "{s}");
    assert!(s.contains("1 Check the data before acting"), "{s}");
    assert!(s.contains("Usage above 100% is real data"), "{s}");
    assert!(s.contains("/ search"), "key hints in the status bar\n{s}");
}

#[test]
fn over_100_label_is_styled_and_the_bar_is_clamped() {
    let mut app = app_from(&["portfolio.json"]);
    select(&mut app, "tailspin");
    let buf = render(&app, 120, 40, &Theme::dark());
    let (x, y) = find(&buf, "113% !").expect("label on screen");
    assert_eq!(buf[(x, y)].fg, Color::Magenta);
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    let row = &lines(&buf)[y as usize];
    let bar: String = row
        .chars()
        .filter(|c| matches!(c, '█' | '░' | '▉'..='▏'))
        .collect();
    assert!(
        !bar.is_empty() && bar.chars().all(|c| c == '█'),
        "a full bar, never longer than its slot: {row}"
    );
}

#[test]
fn the_title_warns_when_the_whole_export_is_stale() {
    let app = app_from(&["v1_deployment.json", "v1_usage.json"]);
    let s = screen(&app, 160, 10);
    let title = s.lines().next().unwrap();
    assert!(title.contains("data as of 2017-03-14 ("), "{title}");
    assert!(title.contains("⚠ older than 35 days: re-export"), "{title}");
    let fresh = app_from(&["portfolio.json"]);
    assert!(!screen(&fresh, 160, 10).contains("older than"));
}

#[test]
fn eighty_by_twenty_four_stacks_detail_over_actions() {
    let mut app = demo_app();
    select(&mut app, "contoso");
    let s = screen(&app, 80, 24);
    assert!(s.contains("Contoso Ltd"), "{s}");
    assert!(s.contains("Deployment"), "{s}");
    assert!(s.contains("Usage"), "{s}");
    assert!(s.contains("Suggested actions"), "{s}");
    assert!(
        s.contains("demo data"),
        "the title says it is demo data\n{s}"
    );
}

#[test]
fn forty_by_twelve_shows_one_pane_at_a_time() {
    let mut app = app_from(&["portfolio.json"]);
    let s = screen(&app, 40, 12);
    assert!(s.contains("Bäckerei Köhler"), "{s}");
    assert!(s.contains("Tailspin Toys"), "{s}");
    press(&mut app, &[KeyCode::Enter]);
    let s = screen(&app, 40, 12);
    assert!(s.contains("╭ Bäckerei Köhler"), "{s}");
    assert!(s.contains("Deployment") && s.contains("50%"), "{s}");
    press(&mut app, &[KeyCode::Tab]);
    let s = screen(&app, 40, 12);
    assert!(s.contains("Suggested actions"), "{s}");
    assert!(s.contains("Convert the trial"), "{s}");
    for line in s.lines() {
        assert!(line.width() <= 40, "{line}");
    }
    let status = s.lines().last().unwrap().trim_end();
    // Issue 11: `? help` and `q quit` keep their place; other hints give way (whole ones only).
    assert!(
        status.ends_with("? help  q quit"),
        "whole hints only: {status:?}"
    );
}

#[test]
fn na_is_shown_as_na_with_a_dotted_bar() {
    let mut app = app_from(&["portfolio.json"]);
    select(&mut app, "backerei");
    let s = screen(&app, 120, 40);
    let dynamics = s
        .lines()
        .skip_while(|l| !l.contains("DYNAMICS 365 SALES ENTERPRISE"))
        .nth(1)
        .expect("a deployment row under the product");
    assert!(
        dynamics.contains("n/a") && dynamics.contains("····"),
        "{dynamics}"
    );
    assert!(dynamics.contains("3 of 0 assigned"), "{dynamics}");
    assert!(s.contains("assigned without sold"), "{s}");
}

#[test]
fn a_cjk_name_truncated_at_an_odd_width_is_never_split() {
    let mut app = app_from(&["portfolio.json"]);
    select(&mut app, "雲端");
    for width in [40, 41, 43, 64, 65, 67] {
        let buf = render(&app, width, 12, &Theme::dark());
        for row in lines(&buf) {
            assert_eq!(row.width(), usize::from(width), "width {width}: {row}");
            assert!(!row.contains('\u{fffd}'));
        }
    }
}

#[test]
fn help_overlay_lists_keys_from_the_keymap_and_the_glossary() {
    let mut app = demo_app();
    press(&mut app, &[KeyCode::Char('?')]);
    let mut s = screen(&app, 120, 40);
    assert!(s.contains("Help · keys and glossary"), "{s}");
    for _ in 0..3 {
        press(&mut app, &[KeyCode::PageDown]);
        s.push_str(&screen(&app, 120, 40));
    }
    for want in [
        "Help · keys and glossary",
        "search by name or id",
        "sort: name, usage ↑, deployment ↑, unused licenses ↓, usage drop ↓",
        "Entitlement:",
        "Active: the subscribed user used the entitlement in the last 28 calendar days.",
        "Deployment %: assigned licenses / sold licenses",
        "Usage %: active entitlements / total entitlements",
    ] {
        assert!(s.contains(want), "{want}\n{s}");
    }
    assert!(
        s.contains("Yammer used far beyond the licenses"),
        "scrolls to the causes\n{s}"
    );
    press(&mut app, &[KeyCode::Char('q')]);
    assert_eq!(app.overlay, None, "q closes the help, it does not quit");
    assert!(!app.quit);
}

#[test]
fn no_color_keeps_the_selection_visible_without_colour() {
    let app = app_from(&["portfolio.json"]);
    let buf = render(&app, 100, 20, &Theme::mono());
    for cell in buf.content() {
        assert!(
            matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
            "{cell:?}"
        );
    }
    let (x, y) = find(&buf, "▶ Bäckerei").expect("selected row");
    assert!(buf[(x + 2, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn search_status_shows_query_and_match_count() {
    let mut app = app_from(&["portfolio.json"]);
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "i");
    let s = screen(&app, 100, 20);
    let status = s.lines().last().unwrap();
    assert!(status.starts_with("/i▏ 2 matches"), "{status}");
    assert!(
        status.contains("Enter keep") && status.contains("Esc clear"),
        "{status}"
    );
    type_text(&mut app, "zz");
    let s = screen(&app, 100, 20);
    assert!(s.contains("No close match for “izz”."), "{s}");
    assert!(s.contains("No customer selected."), "{s}");
}

#[test]
fn the_selection_stays_on_screen_in_a_long_list() {
    let mut app = demo_app();
    press(&mut app, &[KeyCode::Char('G')]);
    let s = screen(&app, 80, 12);
    assert!(s.contains("▶ 高雄精密"), "{s}");
    press(&mut app, &[KeyCode::Char('g')]);
    let s = screen(&app, 80, 12);
    assert!(s.contains("▶ Adventure Wor…"), "{s}");
}

#[test]
fn hostile_text_never_reaches_the_screen() {
    let app = app_from(&["hostile.json"]);
    let buf = render(&app, 120, 30, &Theme::dark());
    for cell in buf.content() {
        assert!(
            !cell
                .symbol()
                .chars()
                .any(|c| c.is_control() || c == '\u{202e}'),
            "{cell:?}"
        );
    }
    assert!(lines(&buf).join("\n").contains("Evil Corp"));
}

#[test]
fn no_size_panics_down_to_one_by_one() {
    let mut app = app_from(&["portfolio.json"]);
    let mut states = Vec::new();
    for keys in [
        vec![],
        vec![KeyCode::Enter],
        vec![KeyCode::Tab],
        vec![KeyCode::Char('?')],
        vec![KeyCode::Esc, KeyCode::Char('w')],
        vec![KeyCode::Esc, KeyCode::Char('/'), KeyCode::Char('x')],
    ] {
        press(&mut app, &keys);
        states.push(app.mode());
        for w in (1..=130).step_by(7).chain([2, 39, 40, 63, 64, 119, 120]) {
            for h in (1..=45).step_by(6).chain([2, 3, 11, 12, 19, 20]) {
                render(&app, w, h, &Theme::dark());
            }
        }
    }
    assert_eq!(states.len(), 6);
}

/// While the whole portfolio loads (a first frame's customers only), the overview shows no
/// portfolio figure: zeros or the first frame's sums would be read aloud as the portfolio's.
#[test]
fn the_overview_waits_for_the_whole_portfolio() {
    let mut app = app_from(&["portfolio.json"]);
    app.loading = Some(100_000);
    press(&mut app, &[KeyCode::Char('o')]);
    let s = screen(&app, 120, 40);
    assert!(s.contains("loading 100,000 customers"), "{s}");
    assert!(!s.contains("Licenses sold"), "{s}");
    app.loading = None;
    let s = screen(&app, 120, 40);
    assert!(s.contains("Licenses sold"), "{s}");
}

/// While the whole portfolio loads, a search that matches none of the first frame's customers
/// never says "no close match": the customer may be among the rest.
#[test]
fn no_match_while_loading_says_the_rest_is_loading() {
    let mut app = app_from(&["portfolio.json"]);
    app.loading = Some(4_000);
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "zzqx");
    let s = screen(&app, 120, 30);
    assert!(!s.contains("No close match"), "{s}");
    assert!(
        s.contains("is not among the") && s.contains("4,000 are loading"),
        "{s}"
    );
    app.loading = None;
    let s = screen(&app, 120, 30);
    assert!(s.contains("No close match for “zzqx”"), "{s}");
}

/// A number in the overview is never cut: a rule's licenses across a large portfolio
/// (13 million) and its customers keep every digit at 80 and 120 columns.
#[test]
fn overview_counts_are_never_cut() {
    let mut app = demo_app();
    for (_, customers, seats) in app.data.stats.by_rule.iter_mut() {
        *customers = 24_865;
        *seats = 13_139_700;
    }
    if let Some(top) = app.data.stats.top.first_mut() {
        top.2 = 10_642_001;
    }
    press(&mut app, &[KeyCode::Char('o')]);
    for width in [80, 120] {
        let all = screen(&app, width, 120);
        assert!(
            all.contains("24,865 customers 13,139,700 licenses"),
            "{all}"
        );
        assert!(all.contains("10,642,001 licenses"), "{all}");
        assert!(!all.contains("13,139,7…"), "{all}");
    }
}

/// The overview scrolls with PgDn as far as the pick stays on screen: at 120×40 the rules'
/// section below the opportunities comes into view (it never did: the pick pinned the view).
#[test]
fn the_overview_scrolls_to_its_last_section() {
    let mut app = demo_app();
    press(&mut app, &[KeyCode::Char('o')]);
    let s = screen(&app, 120, 40);
    assert!(!s.contains("By rule"), "{s}");
    press(&mut app, &[KeyCode::PageDown, KeyCode::PageDown]);
    let s = screen(&app, 120, 40);
    assert!(
        s.contains("By rule (customers · licenses concerned)"),
        "{s}"
    );
    assert!(
        s.contains("  1 Woodgrove Bank"),
        "the pick stays in view\n{s}"
    );
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(
        app.selected().map(|(c, _)| c.name.to_string()).as_deref(),
        Some("Woodgrove Bank")
    );
}

/// The title warns (⚠) only when records were left out; notes (nothing left out, such as a
/// snapshot's missing source read from an older one) are counted apart, without the sign.
#[test]
fn the_title_warns_of_skipped_records_and_counts_notes_apart() {
    use uptake::domain::model::{ImportWarning, Severity};
    let title = |severities: &[Severity]| {
        let mut portfolio = uptake::demo::portfolio(now());
        portfolio.warnings = (severities.iter())
            .map(|&severity| ImportWarning {
                file: "x.json".into(),
                record: None,
                field: None,
                message: "m".into(),
                severity,
            })
            .collect();
        let loaded = uptake::load::Loaded::new(
            portfolio,
            uptake::load::Source::Demo,
            &Default::default(),
            now(),
        );
        let mut app = uptake::tui::app::App::new(loaded);
        let wide = lines(&render(&app, 200, 30, &Theme::dark()))[0].clone();
        // However narrow, records left out stay in sight.
        let narrow = lines(&render(&app, 60, 20, &Theme::dark()))[0].clone();
        press(&mut app, &[KeyCode::Char('w')]);
        let overlay = lines(&render(&app, 120, 30, &Theme::dark())).join("\n");
        (wide, narrow, overlay)
    };
    let (notes, _, overlay) = title(&[Severity::Note]);
    assert!(notes.contains(" · 1 note (w)"), "{notes}");
    assert!(!notes.contains('⚠'), "{notes}");
    assert!(
        overlay.contains("1 note; no record was left out."),
        "{overlay}"
    );
    let (both, narrow, overlay) = title(&[Severity::Note, Severity::Skipped, Severity::Note]);
    assert!(both.contains("⚠ 1 import warning, 2 notes (w)"), "{both}");
    assert!(narrow.trim_end().ends_with("· ⚠ 1 (w)"), "{narrow}");
    assert!(
        overlay.contains("1 warning, 2 notes; skipped records are not in the numbers."),
        "{overlay}"
    );
    let (skipped, narrow, _) = title(&[Severity::Skipped, Severity::Skipped]);
    assert!(skipped.contains("⚠ 2 import warnings (w)"), "{skipped}");
    assert!(narrow.trim_end().ends_with("· ⚠ 2 (w)"), "{narrow}");
    assert!(!title(&[]).0.contains("(w)"));
}

/// The filter's label shows the query cleaned as it is searched: a pasted non-breaking space,
/// a run of spaces or an escape sequence is not put on screen as typed.
#[test]
fn the_filter_label_shows_the_query_as_searched() {
    let mut app = app_from(&["portfolio.json"]);
    press(&mut app, &[KeyCode::Char('/')]);
    app.paste("Tailspin\u{a0}\u{a0} \u{1b}[31mToys\u{200b}");
    press(&mut app, &[KeyCode::Enter]);
    let s = screen(&app, 120, 40);
    assert!(s.contains("filter “Tailspin Toys”"), "{s}");
    assert!(s.contains("╭ Tailspin Toys"), "{s}");
}
