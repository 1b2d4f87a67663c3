//! Sanitizing, folding, widths and wrapping, as a terminal shows them.

#[test]
fn invisible_characters_are_removed_and_nbsp_is_a_space() {
    for (raw, want) in [
        ("Con\u{200b}toso Ltd", "Contoso Ltd"),
        ("Con\u{200c}to\u{200d}so", "Contoso"),
        ("\u{feff}Contoso\u{2060}", "Contoso"),
        ("Con\u{ad}toso", "Contoso"),
        ("\u{3164}Contoso\u{115f}", "Contoso"),
        ("Contoso\u{e0041}\u{e007f}", "Contoso"),
        ("Contoso\u{a0}Ltd", "Contoso Ltd"),
        ("\u{a0}\u{a0}Contoso \u{a0} Ltd\u{a0}", "Contoso Ltd"),
    ] {
        assert_eq!(sanitize(raw), want, "{raw:?}");
    }
}

#[test]
fn text_is_capped_and_combining_marks_are_limited() {
    let long = "a".repeat(10_000);
    assert_eq!(sanitize(&long).chars().count(), MAX_CHARS);
    assert!(too_long(&long));
    let spaced = format!("{}Contoso", " ".repeat(5_000));
    assert_eq!(sanitize(&spaced), "Contoso", "spaces do not use up the cap");
    let wide = "臺".repeat(1_000);
    assert_eq!(sanitize(&wide).chars().count(), MAX_CHARS);
    let zalgo = format!("Z{}algo", "\u{301}".repeat(500));
    let clean = sanitize(&zalgo);
    assert_eq!(
        clean.chars().filter(|c| is_combining_mark(*c)).count(),
        MAX_MARKS
    );
    assert!(clean.ends_with("algo"));
    assert!(!too_long("Contoso"));
    // Exactly MAX_CHARS characters (multi-byte ones, so longer in bytes) are not cut;
    // one more is; characters sanitizing drops do not count.
    let exact = "é".repeat(MAX_CHARS);
    assert!(!too_long(&exact));
    assert_eq!(sanitize(&exact), exact);
    assert!(too_long(&format!("{exact}x")));
    assert!(!too_long(&format!(
        "{}{}",
        "a".repeat(MAX_CHARS),
        "\u{200b}".repeat(40)
    )));
    // A cut never splits a grapheme: e + combining acute stays together or goes together.
    let edge = format!("{}e\u{301}", "a".repeat(MAX_CHARS - 1));
    let cut = sanitize(&edge);
    assert!(!cut.ends_with('e'), "{:?}", &cut[cut.len() - 3..]);
}

#[test]
fn spreadsheet_safe_neutralises_formulas_after_any_leading_space() {
    for live in [
        "=1+1", "+1", "-1", "@SUM(1)", "\t=1", "\r=1", " =1", "\u{a0}=1", "\t x",
    ] {
        assert_eq!(spreadsheet_safe(live), format!("'{live}"), "{live:?}");
    }
    for plain in ["Contoso", "", "1-2", "a=b", "'=1"] {
        assert_eq!(spreadsheet_safe(plain), plain, "{plain:?}");
    }
}

use super::*;

#[test]
fn sanitize_removes_escape_sequences_whole() {
    assert_eq!(sanitize("Evil\u{1b}[31mRed\u{1b}[0m Corp"), "EvilRed Corp");
    assert_eq!(sanitize("a\u{1b}]0;pwned\u{7}b"), "ab");
    assert_eq!(sanitize("a\u{1b}]52;c;Zm9v\u{1b}\\b"), "ab");
    assert_eq!(sanitize("x\u{9b}2Jy"), "xy");
    assert_eq!(sanitize("\u{1b}cReset"), "Reset");
}

#[test]
fn sanitize_drops_controls_and_bidi_and_collapses_space() {
    assert_eq!(sanitize("A\u{0}B\u{7}C\u{7f}D"), "ABCD");
    assert_eq!(sanitize("  line1\nline2\t\tend  "), "line1 line2 end");
    assert_eq!(sanitize("abc\u{202e}fed"), "abcfed");
    assert_eq!(sanitize("\u{2067}x\u{2069}"), "x");
}

#[test]
fn sanitize_normalises_to_nfc_and_keeps_cjk() {
    assert_eq!(sanitize("Ba\u{308}ckerei"), "Bäckerei");
    assert_eq!(
        sanitize("臺灣雲端資訊股份有限公司"),
        "臺灣雲端資訊股份有限公司"
    );
}

#[test]
fn plain_ascii_takes_the_fast_path_unchanged() {
    assert_eq!(sanitize("Contoso Ltd"), "Contoso Ltd");
    assert_eq!(sanitize(" Contoso  Ltd "), "Contoso Ltd");
    assert!(is_plain("MICROSOFT 365 E3"));
    assert!(!is_plain("a\u{7f}b"));
    assert!(is_plain("Müller"));
    assert!(is_plain("臺灣雲端資訊股份有限公司"));
    assert!(!is_plain("Mu\u{308}ller"));
    assert!(
        !is_plain("\u{212b}ngstr\u{f6}m"),
        "the Angstrom sign is not NFC"
    );
    assert!(!is_plain("Müller\u{a0}AG"));
}

use proptest::prelude::*;

#[test]
fn pasted_text_loses_escape_sequences_whole_and_keeps_its_spaces() {
    assert_eq!(pasted("Con\u{1b}[31mtoso Ltd"), "Contoso Ltd");
    assert_eq!(pasted("\u{1b}]0;pwned\u{7}Fabrikam"), "Fabrikam");
    assert_eq!(pasted("\u{1b}[2J\u{1b}[HFabrikam"), "Fabrikam");
    assert_eq!(pasted("Contoso\r\nLtd "), "Contoso  Ltd ");
    assert_eq!(pasted(" Müller\t"), " Müller ");
}

proptest! {
    /// Folding character by character is folding the NFD form.
    #[test]
    fn fold_is_the_nfd_form_without_marks_lower_cased(raw in any_text()) {
        let nfd: String = raw
            .nfd()
            .filter(|c| !is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .collect();
        prop_assert_eq!(fold(&raw), nfd);
    }

    /// The fast path keeps only texts the slow path would keep unchanged.
    #[test]
    fn plain_text_is_what_sanitizing_keeps(raw in any_text()) {
        if is_plain(&raw) {
            prop_assert_eq!(sanitize_slowly(&raw), raw);
        }
    }
}

/// Text of letters, marks, spaces, controls, Hangul, compatibility and format characters.
fn any_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::prop_oneof![
            proptest::char::range('a', 'z'),
            proptest::strategy::Just(' '),
            proptest::char::range('\u{0}', '\u{2ff}'),
            proptest::char::range('\u{300}', '\u{36f}'),
            proptest::char::range('\u{1100}', '\u{11ff}'),
            proptest::char::range('\u{2000}', '\u{206f}'),
            proptest::char::range('\u{2120}', '\u{2130}'),
            proptest::char::range('\u{ac00}', '\u{ac20}'),
            proptest::char::range('\u{fe00}', '\u{ff00}'),
            proptest::char::any(),
        ],
        0..24,
    )
    .prop_map(|chars| chars.into_iter().collect::<String>())
}

#[test]
fn same_matches_case_and_accents() {
    assert!(same("E3", "e3"));
    assert!(same("Mu\u{308}ller", "MÜLLER"));
    assert!(!same("E3", "E5"));
}

#[test]
fn fold_is_case_and_accent_insensitive() {
    assert_eq!(fold("Müller"), "muller");
    assert_eq!(fold("MU\u{308}LLER"), "muller");
    assert_eq!(fold("Ørsted Façade"), "ørsted facade");
    assert_eq!(fold("臺灣"), "臺灣");
}

#[test]
fn half_width_sound_marks_are_joined_to_their_letter() {
    // A mark after a half-width letter becomes the full-width letter it spells: same cells,
    // same reading, and no measure can disagree on its width.
    assert_eq!(sanitize("ﾃﾞｰﾀ総研"), "デｰﾀ総研");
    assert_eq!(sanitize("ﾊﾟﾊﾟ ｳﾞｨﾝ"), "パパ ヴｨﾝ");
    // No composed letter: the full-width letter and the combining mark (still two cells).
    assert_eq!(sanitize("ｱﾞ"), "ア\u{3099}");
    // A mark after anything else, or doubled: its spacing full-width twin.
    assert_eq!(sanitize("aﾞ ﾟ ﾃﾞﾞ"), "a\u{309b} \u{309c} デ\u{309b}");
    for name in ["ﾃﾞｰﾀ総研", "ﾊﾟﾊﾟ ｳﾞｨﾝ", "ｱﾞ", "aﾞ ﾟ ﾃﾞﾞ"]
    {
        let clean = sanitize(name);
        assert!(!clean.contains(['\u{ff9e}', '\u{ff9f}']), "{clean}");
        // unicode-width and ratatui's buffer agree on every grapheme left.
        for g in clean.graphemes(true) {
            assert_eq!(
                unicode_width::UnicodeWidthStr::width(g),
                usize::from(ratatui::buffer::CellWidth::cell_width(g)),
                "{g:?}"
            );
        }
    }
    // Text without the marks is untouched, borrowed.
    assert!(matches!(
        spaced_sound_marks("ｶﾀｶﾅ"),
        std::borrow::Cow::Borrowed("ｶﾀｶﾅ")
    ));
    // The search still finds the name by its half-width spelling.
    assert_eq!(fold_compatible(&sanitize("ﾃﾞｰﾀ")), fold_compatible("ﾃﾞｰﾀ"));
}

#[test]
fn truncate_never_splits_a_wide_character() {
    assert_eq!(truncate("臺灣雲端", 8), "臺灣雲端");
    assert_eq!(truncate("臺灣雲端", 7), "臺灣雲…");
    assert_eq!(truncate("臺灣雲端", 6), "臺灣…");
    assert_eq!(width(&truncate("臺灣雲端", 6)), 5);
    assert_eq!(truncate("abc", 0), "");
    assert_eq!(truncate("abcdef", 4), "abc…");
}

#[test]
fn wrap_respects_cells_and_cuts_long_words() {
    assert_eq!(
        wrap("usage 41 % is below 50 %", 12),
        ["usage 41 %", "is below", "50 %"]
    );
    assert_eq!(
        wrap("23 811 of 37 754 unused", 8),
        ["23 811", "of", "37 754", "unused"]
    );
    assert_eq!(wrap("臺灣雲端資訊股份", 6), ["臺灣雲", "端資訊", "股份"]);
    assert_eq!(wrap("", 5), [""]);
    // Chinese breaks between characters, never before closing punctuation.
    assert_eq!(
        wrap("一個 SKU 有兩個訂閱，其中一個在寬限期內", 12),
        ["一個 SKU 有", "兩個訂閱，其", "中一個在寬限", "期內"]
    );
    assert_eq!(wrap("作用中（兩者）；", 6), ["作用中", "（兩", "者）；"]);
    for line in wrap("試用版訂閱：計算在作用中的量，但不計算在總權益中；", 10)
    {
        assert!(width(&line) <= 10, "{line}");
        assert!(!line.starts_with(['；', '，', '：']), "{line}");
    }
    for line in wrap("Internationale Gesellschaft für nachhaltige Logistik", 9) {
        assert!(width(&line) <= 9, "{line}");
    }
}

#[test]
fn fit_pads_to_exact_cells() {
    assert_eq!(width(&fit("臺灣雲端", 6)), 6);
    assert_eq!(fit("ab", 4), "ab  ");
    assert_eq!(fit_right("7", 3), "  7");
    // NFD input: the combining mark takes no cell.
    assert_eq!(width(&fit("Ba\u{308}ck", 6)), 6);
}

/// A warning read back from the cache is whole up to eight names' length, cleaned as a name is.
#[test]
fn a_message_is_cleaned_and_kept_longer_than_a_name() {
    let long = "word ".repeat(100).trim_end().to_string();
    assert!(long.chars().count() > MAX_CHARS);
    assert_eq!(sanitize_message(&long), long);
    let with_controls = format!("{long}\u{1b}[31m ü\u{308}x\tend");
    let clean = sanitize_message(&with_controls);
    assert_eq!(
        clean,
        format!("{long} ü\u{308}x end").nfc().collect::<String>()
    );
    let huge = "ab ".repeat(10 * MAX_CHARS);
    let cut = sanitize_message(&huge).chars().count();
    assert!((8 * MAX_CHARS - 2..=8 * MAX_CHARS).contains(&cut), "{cut}");
    assert!(sanitize(&long).chars().count() <= MAX_CHARS);
}

#[test]
fn truncate_start_keeps_the_end_within_the_width() {
    use super::{truncate_start, width};
    assert_eq!(truncate_start("abc", 3), "abc");
    assert_eq!(truncate_start("/a/b/file.csv", 9), "…file.csv");
    assert_eq!(truncate_start("x", 0), "");
    // Wide characters are never split: the cut leaves room rather than half a character.
    let cut = truncate_start("前田商事/報告.csv", 9);
    assert!(cut.starts_with('…') && cut.ends_with("報告.csv"), "{cut}");
    assert!(width(&cut) <= 9, "{cut}");
    // A combining mark stays with its letter.
    assert_eq!(truncate_start("xxe\u{301}.csv", 6), "…e\u{301}.csv");
}
