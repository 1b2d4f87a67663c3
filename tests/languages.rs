//! Languages and colour as a person sees them: German and Traditional Chinese screens
//! (snapshots at 80×24), CJK names at odd widths in every language, the monochrome theme,
//! and the language chosen by flag, config file and locale in the real binary.

mod common;

use common::*;
use ratatui::buffer::CellWidth;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;
use uptake::domain::thresholds::Thresholds;
use uptake::i18n::Lang;
use uptake::load::{Loaded, Source};
use uptake::tui::app::App;
use uptake::tui::theme::Theme;

fn demo_in(lang: Lang, query: &str) -> uptake::tui::app::App {
    let mut app = demo_app().with_lang(lang);
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, query);
    press(&mut app, &[KeyCode::Enter]);
    app
}

#[test]
fn german_screen_at_80x24() {
    let app = demo_in(Lang::De, "tailspin");
    let s = screen(&app, 80, 24);
    for want in [
        "Kunden",
        "Bereitstellung",
        "Nutzung",
        "Empfohlene Aktionen",
        "Daten vom 14.06.2025",
        "suchen",
    ] {
        assert!(s.contains(want), "{want}\n{s}");
    }
    assert!(!s.contains("Deployment"), "no English label left\n{s}");
    insta::assert_snapshot!("de_80x24", s);
}

#[test]
fn traditional_chinese_screen_at_80x24() {
    let app = demo_in(Lang::ZhTw, "tailspin");
    let s = screen(&app, 80, 24);
    for want in [
        "客戶",
        "部署",
        "使用量",
        "建議的動作",
        "資料日期 2025/06/14",
        "搜尋",
    ] {
        assert!(s.contains(want), "{want}\n{s}");
    }
    insta::assert_snapshot!("zh_tw_80x24", s);
}

#[test]
fn numbers_are_written_the_language_s_way_on_screen() {
    // A portfolio of 40 customers has counts in the hundreds; the demo's Contoso has 412
    // entitlements. The overview totals run into thousands.
    for (lang, sep) in [(Lang::En, ','), (Lang::De, '.'), (Lang::ZhTw, ',')] {
        let mut app = demo_app().with_lang(lang);
        press(&mut app, &[KeyCode::Char('o')]);
        let s = screen(&app, 120, 40);
        let grouped = s
            .split(|c: char| !c.is_ascii_digit() && c != sep)
            .any(|w| w.len() >= 5 && w.as_bytes()[w.len() - 4] == sep as u8);
        assert!(grouped, "{lang}: thousands grouped with {sep:?}\n{s}");
    }
}

#[test]
fn cjk_names_stay_aligned_at_odd_widths_in_every_language() {
    for lang in Lang::ALL {
        let app = app_from(&["portfolio.json"]).with_lang(lang);
        for width in [79, 80, 81, 97, 120, 121] {
            let buf = render(&app, width, 24, &Theme::dark());
            let rows = lines(&buf);
            for r in &rows {
                assert_eq!(r.width(), usize::from(width), "{lang} {width}: {r}");
                assert!(
                    !r.contains('\u{fffd}'),
                    "{lang} {width}: a wide character split"
                );
            }
            let list_rows: Vec<&String> = rows
                .iter()
                .filter(|r| r.contains('%') && r.starts_with('│'))
                .collect();
            assert!(
                list_rows.iter().any(|r| r.contains("臺灣雲端")),
                "{lang} {width}: {rows:#?}"
            );
            let border: Vec<usize> = list_rows
                .iter()
                .map(|r| r[..r[3..].find('│').map(|i| i + 3).unwrap()].width())
                .collect();
            assert!(
                border.windows(2).all(|w| w[0] == w[1]),
                "{lang} {width}: columns misaligned {list_rows:#?}"
            );
        }
        // The detail and the actions of the Chinese-named customer, at odd widths.
        let mut app = app_from(&["portfolio.json"]).with_lang(lang);
        press(&mut app, &[KeyCode::Char('/')]);
        type_text(&mut app, "雲端");
        press(&mut app, &[KeyCode::Enter]);
        for width in [41, 65, 81, 121] {
            for row in lines(&render(&app, width, 30, &Theme::dark())) {
                assert_eq!(row.width(), usize::from(width), "{lang} {width}: {row}");
                assert!(!row.contains('\u{fffd}'));
            }
        }
    }
}

#[test]
fn an_nfd_name_displays_and_searches_like_its_nfc_twin() {
    let mut app = app_from(&["portfolio.json"]).with_lang(Lang::De);
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "Ba\u{308}ckerei");
    let s = screen(&app, 100, 20);
    assert!(s.contains("▶ Bäckerei Köhler"), "{s}");
    assert!(s.contains("1 Treffer"), "{s}");
}

#[test]
fn help_uses_the_seed_terms_of_each_language() {
    let cases = [
        (
            Lang::De,
            [
                "Berechtigung:",
                "Aktiv:",
                "Bereitstellung %:",
                "Nutzung %:",
                "Karenzzeit",
            ],
        ),
        (
            Lang::ZhTw,
            ["權利：", "作用中：", "部署 %：", "使用量 %：", "寬限期"],
        ),
    ];
    for (lang, terms) in cases {
        let mut app = demo_app().with_lang(lang);
        press(&mut app, &[KeyCode::Char('?')]);
        let mut s = String::new();
        for _ in 0..4 {
            s.push_str(&screen(&app, 120, 40));
            press(&mut app, &[KeyCode::PageDown]);
        }
        for term in terms {
            assert!(s.contains(term), "{lang}: {term}\n{s}");
        }
    }
}

#[test]
fn no_color_screen_has_no_colour_and_a_visible_selection() {
    let app = demo_in(Lang::En, "tailspin");
    let buf = render(&app, 80, 24, &Theme::mono());
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
    let (x, y) = find(&buf, "▶ Tailspin").expect("the selected row");
    assert!(
        buf[(x + 2, y)].modifier.contains(Modifier::REVERSED),
        "selection reversed"
    );
    // Over 100 % is marked by a symbol and bold, not by colour alone.
    let (x, y) = find(&buf, "! ").expect("an over-100 marker");
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    insta::assert_snapshot!("no_color_80x24", lines(&buf).join("\n"));
}

#[test]
fn the_light_theme_keeps_text_dark_on_a_white_terminal() {
    let app = demo_in(Lang::En, "tailspin");
    let buf = render(&app, 120, 30, &Theme::light());
    // No light text on the terminal's own (white) background; light text only on a dark
    // background of its own (the title bar, the selection).
    for cell in buf.content().iter().filter(|c| c.symbol() != " ") {
        let light = matches!(
            cell.fg,
            Color::White | Color::Gray | Color::LightYellow | Color::Yellow | Color::LightCyan
        );
        let borders = "─│╭╮╰╯";
        assert!(
            !light || cell.bg != Color::Reset || borders.contains(cell.symbol()),
            "{cell:?}"
        );
    }
    let (x, y) = find(&buf, "▶ Tailspin").expect("the selected row");
    let cell = &buf[(x + 2, y)];
    assert!(
        cell.bg != Color::Reset || cell.modifier.contains(Modifier::REVERSED),
        "{cell:?}"
    );
}

fn uptake(args: &[&str], env: &[(&str, &str)]) -> String {
    // No locale but the one the test gives (the clean environment sets none but LC_ALL).
    let out = Run::new()
        .env_remove("LC_ALL")
        .envs(env)
        .args(args)
        .output();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn show(extra: &[&str], env: &[(&str, &str)]) -> String {
    let data = fixture("portfolio.json");
    let mut args = vec!["show", "tailspin", "--data", data.to_str().unwrap()];
    args.extend_from_slice(extra);
    uptake(&args, env)
}

#[test]
fn the_locale_chooses_the_language() {
    let de = show(&[], &[("LANG", "de_DE.UTF-8")]);
    assert!(
        de.contains("Bereitstellung    100 %  30 von 30 Lizenzen zugewiesen"),
        "{de}"
    );
    assert!(de.contains("14.06.2025 (5 Tage alt)"), "{de}");
    assert!(de.contains("Grund: "), "{de}");
    let zh = show(&[], &[("LANG", "zh_TW.UTF-8")]);
    assert!(zh.contains("部署資料日期 2025/06/14（5 天前）"), "{zh}");
    assert!(zh.contains("建議的動作"), "{zh}");
    let hant = show(&[], &[("LC_ALL", "zh_Hant")]);
    assert!(hant.contains("建議的動作"), "{hant}");
    let en = show(&[], &[("LANG", "fr_FR.UTF-8")]);
    assert!(en.contains("Suggested actions"), "{en}");
    // LC_ALL beats LC_MESSAGES beats LANG.
    let all = show(&[], &[("LANG", "de_DE.UTF-8"), ("LC_ALL", "zh_TW.UTF-8")]);
    assert!(all.contains("建議的動作"), "{all}");
    let messages = show(
        &[],
        &[("LANG", "zh_TW.UTF-8"), ("LC_MESSAGES", "de_DE.UTF-8")],
    );
    assert!(messages.contains("Empfohlene Aktionen"), "{messages}");
}

#[test]
fn the_flag_beats_the_config_file_which_beats_the_locale() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[display]\nlang = \"de\"\n").unwrap();
    let config = config.to_str().unwrap();
    let from_config = show(&[], &[("UPTAKE_CONFIG", config), ("LANG", "zh_TW.UTF-8")]);
    assert!(from_config.contains("Empfohlene Aktionen"), "{from_config}");
    let from_flag = show(
        &["--lang", "zh-TW"],
        &[("UPTAKE_CONFIG", config), ("LANG", "de_DE.UTF-8")],
    );
    assert!(from_flag.contains("建議的動作"), "{from_flag}");
    let english = show(&["--lang", "en"], &[("LANG", "de_DE.UTF-8")]);
    assert!(english.contains("Suggested actions"), "{english}");
}

#[test]
fn json_and_csv_stay_english_in_every_language() {
    let en = show(&["--json"], &[]);
    for lang in ["de", "zh-TW"] {
        assert_eq!(show(&["--json", "--lang", lang], &[]), en, "{lang}");
    }
    let v: serde_json::Value = serde_json::from_str(&en).unwrap();
    assert_eq!(v["flags"][0], "usage_over_100");
    assert_eq!(
        v["actions"][0]["title"],
        "Check the data before acting on usage over 100%"
    );
    let data = fixture("portfolio.json");
    let csv = |lang: &str| {
        uptake(
            &[
                "list",
                "--csv",
                "--lang",
                lang,
                "--data",
                data.to_str().unwrap(),
            ],
            &[],
        )
    };
    assert_eq!(csv("de"), csv("en"));
}

#[test]
fn list_text_follows_the_language() {
    let data = fixture("portfolio.json");
    let de = uptake(
        &["list", "--lang", "de", "--data", data.to_str().unwrap()],
        &[],
    );
    assert!(de.starts_with("Kunde"), "{de}");
    assert!(de.contains("105 %"), "{de}");
    let zh = uptake(
        &["list", "--lang", "zh-TW", "--data", data.to_str().unwrap()],
        &[],
    );
    assert!(zh.starts_with("客戶"), "{zh}");
    assert!(zh.contains("105%"), "{zh}");
}

/// Cells a terminal (glibc `wcwidth`, xterm, tmux) gives each character of the symbols this
/// test draws, written out apart from unicode-width and ratatui: East Asian wide and
/// full-width forms 2, combining marks 0, everything else (half-width katakana and its sound
/// marks ﾞ ﾟ included, which are letters, not marks) 1.
fn terminal_cells(symbol: &str) -> u16 {
    symbol
        .chars()
        .map(|c| match u32::from(c) {
            0x0300..=0x036F | 0x3099 | 0x309A => 0,
            0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF => 2,
            0x4E00..=0x9FFF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFF01..=0xFF60 => 2,
            0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

#[test]
fn half_width_katakana_with_sound_marks_lines_up_as_a_terminal_draws_it() {
    // ﾃﾞ and ﾊﾟ are one grapheme each, drawn by a terminal as two cells (the sound mark is a
    // letter of its own); ratatui's buffer counted three, its spans one, and every column
    // after the name moved a cell per mark, a stale cell showing through. Names are shown
    // with the mark joined to its letter (デ, パ): two cells by every measure.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("portfolio.json"))
        .unwrap()
        .replace("Tailspin Toys", "ﾃﾞｰﾀ総研ﾊﾟﾊﾟ Toys");
    let path = dir.path().join("portfolio.json");
    std::fs::write(&path, text).unwrap();
    let portfolio = uptake::import::load_paths(std::slice::from_ref(&path)).unwrap();
    let app = App::new(Loaded::new(
        portfolio,
        Source::Files(vec![path]),
        &Thresholds::default(),
        now(),
    ));
    for width in [60, 80, 81, 120] {
        let buf = render(&app, width, 24, &Theme::dark());
        let mut seen = false;
        for y in 0..buf.area.height {
            // Write the row as a terminal does, symbol by symbol (the cells a wide symbol
            // hides are skipped, as ratatui's backend skips them): the terminal's cursor must
            // land where the buffer puts the next symbol.
            let mut x = 0;
            let mut row = String::new();
            while x < buf.area.width {
                let symbol = buf[(x, y)].symbol();
                let drawn = terminal_cells(symbol).max(1);
                let reserved = symbol.cell_width().max(1);
                assert_eq!(
                    drawn, reserved,
                    "{width}: {symbol:?} at column {x} of row {y} is drawn over {drawn} cells, \
                     the buffer gave it {reserved}"
                );
                row.push_str(symbol);
                x += reserved;
            }
            seen |= row.contains("デｰﾀ総研パパ");
        }
        assert!(seen, "{width}: the name is on screen");
        // The list's percentages stand in one column, the katakana row's too.
        let rows = lines(&buf);
        let columns: Vec<usize> = rows
            .iter()
            .filter_map(|r| {
                // The list pane: from its left border to its right one.
                let list = &r[..r.get(3..)?.find('│')? + 3];
                let end = list.find('%')?;
                Some(
                    list[..end]
                        .chars()
                        .map(|c| usize::from(terminal_cells(&c.to_string())))
                        .sum::<usize>(),
                )
            })
            .collect();
        assert!(columns.len() >= 3, "{width}: {rows:#?}");
        assert!(
            columns.windows(2).all(|w| w[0] == w[1]),
            "{width}: percentages misaligned {columns:?}\n{rows:#?}"
        );
    }
    // Typed in its half-width spelling, the name is found; the detail pane's title holds the
    // whole name, then its border; the query reads as typed, its marks joined the same way.
    let mut app = app;
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "ﾃﾞｰﾀ");
    let s = screen(&app, 100, 20);
    assert!(s.contains("/デｰﾀ▏ 1 match"), "{s}");
    press(&mut app, &[KeyCode::Enter]);
    let s = screen(&app, 100, 20);
    assert!(s.contains("╭ デｰﾀ総研パパ Toys ─"), "{s}");
    let buf = render(&app, 100, 20, &Theme::dark());
    assert_eq!(
        find(&buf, "Toys ─"),
        find(&buf, "デｰﾀ総研パパ Toys").map(|(x, y)| (x + 13, y)),
        "{s}"
    );
}
