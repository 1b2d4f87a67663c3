//! Text from data files: the one sanitiser, search folding, and display-width helpers.
//!
//! Every string that comes from an export passes through [`Clean::new`] before it is stored
//! in the model, so nothing downstream (screen, `show` text, JSON) can ever see a control
//! character, an escape sequence or a bidi override from a data file.

use std::fmt;
use std::sync::Arc;

use ratatui::buffer::CellWidth;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

/// A string that has been through [`sanitize`]. The only way to build one is [`Clean::new`].
/// Shared (`Arc`), so the many repeats of a product or workload name cost one allocation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Clean(Arc<str>);

impl Serialize for Clean {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Clean {
    /// Sanitised again on the way in: a stored text is as untrusted as a file's.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Ok(Self::new(&raw))
    }
}

impl Clean {
    /// Sanitises untrusted text (see [`sanitize`]).
    pub fn new(raw: &str) -> Self {
        Self(Arc::from(sanitize(raw)))
    }

    /// The sanitised text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Clean {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Clean {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Makes untrusted text safe for a terminal and for text output.
///
/// - ANSI escape sequences (CSI, OSC, DCS and two-byte ESC sequences) are removed whole, so no
///   half-sequence such as `[31m` is left behind;
/// - other C0/C1 control characters and DEL are dropped; tab and line breaks become one space;
/// - bidi embedding/override/isolate characters, which can reorder what a reader sees, are dropped;
/// - the result is NFC, so `Ba\u{308}ckerei` and `Bäckerei` are the same string, and runs of
///   whitespace (non-breaking spaces included) collapse to one space, trimmed at both ends;
/// - invisible characters (zero-width spaces and joiners, word joiner, BOM, soft hyphen, Hangul
///   fillers, tag characters) are dropped, so `Con\u{200b}toso` is `Contoso`;
/// - a half-width katakana sound mark is joined to its letter (`ﾃﾞ` → `デ`, see
///   [`spaced_sound_marks`]), so every measure of width agrees with the terminal;
/// - at most [`MAX_MARKS`] combining marks follow a character, and the text is cut to
///   [`MAX_CHARS`] characters (on a grapheme boundary): no name can be megabytes long.
pub fn sanitize(raw: &str) -> String {
    if is_plain(raw) {
        return raw.to_string();
    }
    sanitize_slowly(raw)
}

/// [`sanitize`] character by character.
fn sanitize_slowly(raw: &str) -> String {
    cap(uncapped(raw), MAX_CHARS)
}

/// How long a message of uptake's own may be read back (a warning from the cache quotes names
/// and paths, each cut already).
const MESSAGE_CHARS: usize = 8 * MAX_CHARS;

/// [`sanitize`] for a message of uptake's own read back from the cache (a warning): cleaned
/// the same way, cut only at [`MESSAGE_CHARS`] (a note names a file, a record, a customer and
/// dates: longer than a name may be).
pub fn sanitize_message(raw: &str) -> String {
    let plain = raw.len() <= MESSAGE_CHARS
        && raw.bytes().all(|b| (0x20..0x7f).contains(&b))
        && !raw.starts_with(' ')
        && !raw.ends_with(' ')
        && !raw.contains("  ");
    if plain {
        return raw.to_string();
    }
    cap(uncapped_to(raw, MESSAGE_CHARS), MESSAGE_CHARS)
}

/// [`sanitize`] without the cut to [`MAX_CHARS`] (a huge text is still read only so far).
fn uncapped(raw: &str) -> String {
    uncapped_to(raw, MAX_CHARS)
}

/// [`uncapped`], reading enough for `max` characters.
fn uncapped_to(raw: &str, max: usize) -> String {
    let mut out = String::with_capacity(raw.len().min(4 * max + 16));
    let mut pushed = 0usize;
    for c in shown(raw) {
        // Enough kept for `max` after collapsing and NFC: stop reading a huge text.
        if pushed > 2 * max + 2 * MAX_MARKS {
            break;
        }
        // Whitespace becomes one space per run.
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
        pushed += 1;
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.is_ascii() {
        return collapsed;
    }
    limit_marks(spaced_sound_marks(&collapsed).nfc())
}

/// Half-width katakana sound marks (`ﾞ` U+FF9E, `ﾟ` U+FF9F) in the form every measure agrees on.
///
/// The marks are letters a terminal draws in a cell of their own, yet they extend the grapheme
/// before them; unicode-width and ratatui disagree on the cells of `ﾃﾞ` (2, 3 or 1 by version
/// and by function), so columns after it moved and cells went stale. A mark after a half-width
/// katakana is joined to it as the full-width letter it spells (`ﾃﾞ` → `デ`, `ﾊﾟ` → `パ`: the
/// same two cells, read the same); any other mark becomes its full-width spacing twin (`゛`, `゜`).
/// Text without the marks is returned as it is.
pub fn spaced_sound_marks(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(is_sound_mark) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut before: Option<char> = None;
    for c in text.chars() {
        match (before, c) {
            (Some(kana @ '\u{ff66}'..='\u{ff9d}'), '\u{ff9e}' | '\u{ff9f}') => {
                // The half-width letter and its mark, each as its compatibility (full-width)
                // form, composed where a letter exists (デ, パ).
                let mark = if c == '\u{ff9e}' {
                    '\u{3099}'
                } else {
                    '\u{309a}'
                };
                out.pop();
                out.extend(kana.to_string().nfkc().chain([mark]).nfc());
                before = None;
                continue;
            }
            (_, '\u{ff9e}') => out.push('\u{309b}'),
            (_, '\u{ff9f}') => out.push('\u{309c}'),
            _ => out.push(c),
        }
        before = Some(c);
    }
    out.into()
}

/// A half-width katakana sound mark (see [`spaced_sound_marks`]).
fn is_sound_mark(c: char) -> bool {
    matches!(c, '\u{ff9e}' | '\u{ff9f}')
}

/// The characters of untrusted text a terminal may be given: escape sequences removed whole;
/// line breaks, tabs and other whitespace (NBSP) a space each; other control, bidi and
/// invisible characters dropped.
fn shown(raw: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = raw.chars().peekable();
    std::iter::from_fn(move || {
        loop {
            match chars.next()? {
                '\u{1b}' => skip_escape(&mut chars),
                '\u{9b}' => skip_until_csi_final(&mut chars),
                '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_until_st(&mut chars),
                '\t' | '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => return Some(' '),
                c if c.is_control() || is_bidi_control(c) || is_invisible(c) => {}
                c if c.is_whitespace() => return Some(' '),
                c => return Some(c),
            }
        }
    })
}

/// Pasted text as typed text: what [`sanitize`] keeps of each character (escape sequences
/// removed whole, line breaks and tabs a space each), nothing trimmed or collapsed (a paste
/// may end a word the next key continues). What is searched is cleaned further, as names are.
pub fn pasted(raw: &str) -> String {
    shown(raw).collect()
}

/// The most characters a text from data keeps (a name, an id, a product).
pub const MAX_CHARS: usize = 256;
/// The most combining marks kept after one character ("Zalgo" text stacks hundreds).
pub const MAX_MARKS: usize = 4;

/// Whether sanitising cuts this text short (for a warning that names it): a name of exactly
/// [`MAX_CHARS`] characters is kept whole, not cut.
pub fn too_long(raw: &str) -> bool {
    raw.len() > MAX_CHARS && uncapped(raw).chars().count() > MAX_CHARS
}

/// Cuts to `max` characters on a grapheme boundary.
fn cap(text: String, max: usize) -> String {
    if text.len() <= max || text.chars().count() <= max {
        return text;
    }
    let mut kept = 0;
    let mut end = 0;
    for (at, g) in text.grapheme_indices(true) {
        let n = g.chars().count();
        if kept + n > max {
            break;
        }
        kept += n;
        end = at + g.len();
    }
    text[..end].trim_end().to_string()
}

/// Keeps at most [`MAX_MARKS`] combining marks in a row.
fn limit_marks(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut run = 0;
    for c in chars {
        if is_combining_mark(c) {
            run += 1;
            if run > MAX_MARKS {
                continue;
            }
        } else {
            run = 0;
        }
        out.push(c);
    }
    out
}

/// Characters that show nothing and would make two different names look the same.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200b}'..='\u{200d}' // zero-width space, non-joiner, joiner
        | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
        | '\u{feff}' // byte order mark / zero-width no-break space
        | '\u{00ad}' // soft hyphen
        | '\u{034f}' // combining grapheme joiner
        | '\u{180e}' // Mongolian vowel separator
        | '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}' // Hangul fillers
        | '\u{e0000}'..='\u{e007f}' // tag characters
    )
}

/// A CSV cell a spreadsheet will not run: text that starts with `=`, `+`, `-` or `@` (after
/// any leading whitespace, NBSP included) or with a tab or carriage return gets a `'` in front,
/// as OWASP recommends against formula injection. Apply to every text cell of every CSV written.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let live = cell.starts_with(['\t', '\r'])
        || cell.trim_start().starts_with([
            '=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
        ]);
    if live {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Quotes a value from data or the command line for a message: sanitised, at most 60 cells,
/// in plain double quotes (not Rust's debug escapes, which show `\u{1b}` to people).
pub fn quote(raw: &str) -> String {
    format!("\"{}\"", truncate(&sanitize(raw), 60))
}

/// Printable ASCII, single spaces, nothing to trim: already clean (the common case).
fn is_plain(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    let shape = bytes.len() <= MAX_CHARS
        && bytes.first().is_none_or(|b| *b != b' ')
        && bytes.last().is_none_or(|b| *b != b' ')
        && !bytes.windows(2).any(|w| w == b"  ");
    if !shape {
        return false;
    }
    if bytes.iter().all(|b| (0x20..0x7f).contains(b)) {
        return true;
    }
    // Beyond ASCII (`Müller`, `臺灣`): plain when nothing is dropped, collapsed or recombined.
    raw.chars().all(|c| {
        c == ' '
            || !(c.is_control()
                || c.is_whitespace()
                || is_bidi_control(c)
                || is_invisible(c)
                || is_combining_mark(c)
                || is_sound_mark(c))
    }) && unicode_normalization::is_nfc_quick(raw.chars())
        == unicode_normalization::IsNormalized::Yes
}

/// Whether two names are the same for matching: equal, or equal once folded.
pub fn same(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    fold(a) == fold(b)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_until_csi_final(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_until_st(chars);
        }
        // Two-byte sequences (ESC 7, ESC c, ESC ( B ...): drop the next printable too.
        Some(c) if !c.is_control() => {
            chars.next();
            if matches!(c, '(' | ')' | '*' | '+' | '#' | '%') {
                chars.next();
            }
        }
        _ => {}
    }
}

fn skip_until_csi_final(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

fn skip_until_st(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        if c == '\u{7}' || c == '\u{9c}' {
            break;
        }
        if c == '\u{1b}' && chars.peek() == Some(&'\\') {
            chars.next();
            break;
        }
    }
}

/// Folds text for search: decomposed, combining marks removed, lower-cased.
/// `Müller`, `MULLER` and `Mu\u{308}ller` all fold to `muller`.
pub fn fold(text: &str) -> String {
    fold_by(text, |c, out| {
        unicode_normalization::char::decompose_canonical(c, out);
    })
}

/// [`fold`] with compatibility forms folded too (NFKD): full-width `ＡＢＣ` is `abc`, the
/// ideographic space a space, half-width `ｶ` is `カ`, `ﬁ` is `fi`, `²` is `2`: what a caller
/// types on an ordinary keyboard for a name written so in an export. For search and the name
/// order only: a customer's key and the history matched by it keep [`fold`].
pub fn fold_compatible(text: &str) -> String {
    fold_by(text, |c, out| {
        unicode_normalization::char::decompose_compatible(c, out);
    })
}

/// Lower-cases `text` with each character beyond ASCII decomposed by `decompose` and its
/// combining marks removed. Character by character: canonical reordering (the rest of NFD)
/// only moves combining marks, which are removed.
fn fold_by(text: &str, decompose: impl Fn(char, &mut dyn FnMut(char))) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        decompose(c, &mut |d| {
            if !is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        });
    }
    out
}

/// Display width in terminal cells (CJK = 2, combining marks = 0), measured as ratatui's buffer
/// places the text: grapheme by grapheme, with its `CellWidth`, so what is laid out here
/// (padding, truncation, columns) is what the buffer holds.
pub fn width(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    text.graphemes(true)
        .map(|g| usize::from(g.cell_width()))
        .sum()
}

/// Truncates to at most `max` cells on a grapheme boundary, ending in `…` when cut.
/// A wide character that would straddle the limit is left out, never split.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = within(text.graphemes(true), max - 1).concat();
    out.push('…');
    out
}

/// The leading `graphemes` that fill at most `cells` cells (a wide one that would straddle
/// the limit stops them).
fn within<'a>(graphemes: impl Iterator<Item = &'a str>, cells: usize) -> Vec<&'a str> {
    let mut used = 0;
    graphemes
        .take_while(|g| {
            used += width(g);
            used <= cells
        })
        .collect()
}

/// Truncates from the start to at most `max` cells, beginning with `…` when cut: the end of a
/// path (its file name) is what says most. Like [`truncate`], on grapheme boundaries.
pub fn truncate_start(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let kept = within(text.graphemes(true).rev(), max - 1);
    std::iter::once("…").chain(kept.into_iter().rev()).collect()
}

/// Truncates or pads with spaces to exactly `cells` cells.
pub fn fit(text: &str, cells: usize) -> String {
    let mut s = truncate(text, cells);
    let w = width(&s);
    s.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    s
}

/// Right-aligns `text` in `cells` cells (truncating when it does not fit).
pub fn fit_right(text: &str, cells: usize) -> String {
    let s = truncate(text, cells);
    let pad = cells.saturating_sub(width(&s));
    format!("{}{s}", " ".repeat(pad))
}

/// Words of `text` for wrapping, with `%` and thousands groups (`23 811`) kept on their
/// number, so a line never starts with `%` or splits a count.
fn glued_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let glue = match words.last() {
            Some(prev) if prev.ends_with(|c: char| c.is_ascii_digit()) => {
                word.starts_with('%')
                    || (word.len() >= 3
                        && word.bytes().take(3).all(|b| b.is_ascii_digit())
                        && !word.as_bytes().get(3).is_some_and(u8::is_ascii_digit))
            }
            _ => false,
        };
        match words.last_mut() {
            Some(prev) if glue => {
                prev.push(' ');
                prev.push_str(word);
            }
            _ => words.push(word.to_string()),
        }
    }
    words
}

/// Punctuation that never starts a line (East Asian line-breaking rules, and `%`).
const NO_LINE_START: &str = "，。、；：！？）」』〉》】〕…‥・ー％,.;:!?)]}%";
/// Punctuation that never ends a line.
const NO_LINE_END: &str = "（「『〈《【〔([{";

/// Pieces of a word between which a line may break: next to a wide (CJK) character, as
/// Chinese and Japanese text has no spaces, but never before closing or after opening
/// punctuation. Latin runs stay whole.
fn pieces(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<&str> = None;
    for (at, g) in word.grapheme_indices(true) {
        if let Some(p) = prev {
            let wide = width(p) > 1 || width(g) > 1;
            let allowed = !g.chars().next().is_some_and(|c| NO_LINE_START.contains(c))
                && !p.chars().next().is_some_and(|c| NO_LINE_END.contains(c));
            if wide && allowed {
                out.push(&word[start..at]);
                start = at;
            }
        }
        prev = Some(g);
    }
    out.push(&word[start..]);
    out
}

/// Wraps text to lines of at most `max` cells: at spaces, and between wide (CJK) characters
/// except before closing punctuation (`，。）`); a piece longer than a line is cut on
/// grapheme boundaries. Never returns an empty vector.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in glued_words(text) {
        for (i, piece) in pieces(&word).into_iter().enumerate() {
            let w = width(piece);
            // A space separates words; pieces of one word join directly.
            let gap = usize::from(i == 0 && used > 0);
            if used > 0 && used + gap + w <= max {
                if gap == 1 {
                    line.push(' ');
                }
                line.push_str(piece);
                used += gap + w;
                continue;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            if w <= max {
                line.push_str(piece);
                used = w;
                continue;
            }
            for g in piece.graphemes(true) {
                let gw = width(g);
                if used + gw > max && used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push_str(g);
                used += gw;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A path as shown in messages (sanitised: a file name can hold escape sequences).
pub fn display(path: &std::path::Path) -> String {
    sanitize(&path.display().to_string())
}

#[cfg(test)]
mod tests;
