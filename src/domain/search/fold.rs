//! The search key of a text (case, accents, German transliterations, CJK variants folded),
//! and the highlighting of a match in the text as displayed.

use super::matcher::{match_term, tolerant_match};
use super::rank::{Term, terms};
use crate::text::fold_compatible as fold;

/// The search key of a text (see the module doc): what queries and names are compared as.
pub fn key(text: &str) -> String {
    if text.is_ascii() {
        let mut out = String::with_capacity(text.len());
        let mut prev = 0u8;
        for b in text.bytes() {
            let b = b.to_ascii_lowercase();
            if !(b == b'e' && matches!(prev, b'a' | b'o' | b'u')) {
                out.push(b as char);
            }
            prev = b;
        }
        return out;
    }
    keyed(text).0
}

/// The key of `text`, and for each byte of the key the byte range of `text` it came from.
pub(super) fn keyed(text: &str) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(text.len());
    let mut origin: Vec<(usize, usize)> = Vec::with_capacity(text.len());
    let mut prev = '\0';
    for (start, ch) in text.char_indices() {
        let end = start + ch.len_utf8();
        let piece = fold(ch.encode_utf8(&mut [0; 4]));
        for c in piece.chars() {
            if c == 'e' && matches!(prev, 'a' | 'o' | 'u') {
                // `ae` is `ä`: the `e` belongs to the vowel before it.
                if let Some(last) = origin.last_mut() {
                    last.1 = end;
                }
                prev = c;
                continue;
            }
            prev = c;
            // Letters that are not a base letter plus a mark (NFD leaves them whole), written
            // as people type them on an English keyboard: `Łódź` is `lodz`, `Ærø` is `aero`
            // (`æ` and `œ` as `ä` and `ö` are: `ae` typed is `a`).
            let mapped = match c {
                'ß' => "ss",
                'æ' => "a",
                'œ' => "o",
                'þ' => "th",
                'ł' => "l",
                'ø' => "o",
                'đ' | 'ð' => "d",
                'ħ' => "h",
                'ı' => "i",
                _ => {
                    let v = variant(c);
                    let at = out.len();
                    out.push(v);
                    origin.extend(std::iter::repeat_n((start, end), out.len() - at));
                    continue;
                }
            };
            out.push_str(mapped);
            origin.extend(std::iter::repeat_n((start, end), mapped.len()));
        }
    }
    (out, origin)
}

/// Common Traditional/variant CJK pairs (and the simplified forms people type for them),
/// folded to one form.
fn variant(c: char) -> char {
    match c {
        '臺' | '檯' => '台',
        '湾' => '灣',
        '云' => '雲',
        '裏' | '裡' => '里',
        '峯' => '峰',
        '綫' | '线' => '線',
        '衆' | '众' => '眾',
        '爲' | '为' => '為',
        '啓' | '启' => '啟',
        '戸' | '户' => '戶',
        '强' => '強',
        '溫' => '温',
        '羣' => '群',
        '册' => '冊',
        '敎' => '教',
        '眞' => '真',
        '着' => '著',
        '銹' => '鏽',
        '脱' => '脫',
        '説' => '說',
        '衞' => '衛',
        '数' => '數',
        '资' => '資',
        '讯' => '訊',
        '电' => '電',
        '脑' => '腦',
        '国' => '國',
        '际' => '際',
        '业' => '業',
        '发' => '發',
        '东' => '東',
        '网' => '網',
        '络' => '絡',
        c => c,
    }
}

/// Byte ranges of `text` (as displayed) that `query` matched, for highlighting. Empty when the
/// query matched elsewhere (the id) or not at all.
pub fn highlight(text: &str, query: &str) -> Vec<(usize, usize)> {
    let (folded, origin) = keyed(text);
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for Term { key: term, .. } in terms(query) {
        let hit: Vec<(usize, usize)> = match match_term(&folded, &term, false) {
            Some((_, pos)) => vec![(pos, pos + term.len())],
            None => tolerant_match(&folded, &term)
                .map(|m| {
                    m.positions
                        .into_iter()
                        .map(|p| (p, p + folded[p..].chars().next().map_or(1, char::len_utf8)))
                        .collect()
                })
                .unwrap_or_default(),
        };
        for (from, to) in hit {
            let start = origin[from].0;
            let end = origin[to.saturating_sub(1).max(from)].1;
            ranges.push((start, end));
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}
