//! How one folded query word matches in a folded text: word prefix, substring, one typo, or
//! its letters in order close together.

use super::{MAX_GAP, TYPO_MIN, Tier};

/// How `needle` matches in `hay` (both folded): tier and byte position.
pub(super) fn match_term(hay: &str, needle: &str, tolerant: bool) -> Option<(Tier, usize)> {
    if hay.is_empty() || needle.is_empty() {
        return None;
    }
    let mut first = None;
    for (pos, _) in hay.match_indices(needle) {
        if is_word_start(hay, pos) {
            return Some((Tier::WordPrefix, pos));
        }
        first.get_or_insert(pos);
    }
    if let Some(pos) = first {
        return Some((Tier::Substring, pos));
    }
    if !tolerant {
        return None;
    }
    tolerant_match(hay, needle).map(|m| (m.tier, m.positions[0]))
}

/// Whether [`match_term`] (tolerant) could find `needle` in `hay`: false only when it cannot
/// (not a substring, no typo's letters together, not every letter present). Cheap: a query's
/// words are all checked this way before any is matched in full.
pub(super) fn may_match(hay: &str, needle: &str) -> bool {
    !hay.is_empty()
        && !needle.is_empty()
        && (hay.contains(needle)
            || may_typo(hay, needle)
            || (needle.chars().nth(1).is_some() && needle.chars().all(|c| hay.contains(c))))
}

/// Whether [`typo_positions`] could find `needle` in `hay` (see there).
pub(super) fn may_typo(hay: &str, needle: &str) -> bool {
    if needle.chars().count() < TYPO_MIN {
        return false;
    }
    // One edit leaves the needle's first two letters or its 4th and 5th together: a name
    // with neither cannot match (most names, found without allocating).
    let at = |k: usize| {
        needle
            .char_indices()
            .nth(k)
            .map_or(needle.len(), |(b, _)| b)
    };
    hay.contains(&needle[..at(2)]) || hay.contains(&needle[at(3)..at(5)])
}

/// A typo or fuzzy match: its tier and the byte positions (in the hay) it covers.
pub(super) struct Tolerant {
    pub(super) tier: Tier,
    pub(super) positions: Vec<usize>,
}

pub(super) fn tolerant_match(hay: &str, needle: &str) -> Option<Tolerant> {
    if let Some(positions) = typo_positions(hay, needle) {
        return Some(Tolerant {
            tier: Tier::Typo,
            positions,
        });
    }
    // One letter in order is one letter anywhere: nothing more to find.
    needle.chars().nth(1)?;
    // Letters in order need every letter in the name.
    if !needle.chars().all(|c| hay.contains(c)) {
        return None;
    }
    fn fuzzy<T: PartialEq>(
        h: &[T],
        n: &[T],
        mut starts: impl Iterator<Item = usize>,
    ) -> Option<Vec<usize>> {
        starts.find_map(|s| close_subsequence(n, h, s))
    }
    let at = if hay.is_ascii() && needle.is_ascii() {
        // Byte positions are char positions: no allocation per name.
        fuzzy(hay.as_bytes(), needle.as_bytes(), ascii_word_starts(hay))?
    } else {
        let h: Vec<(usize, char)> = hay.char_indices().collect();
        let chars: Vec<char> = h.iter().map(|&(_, c)| c).collect();
        let n: Vec<char> = needle.chars().collect();
        let at = fuzzy(&chars, &n, char_word_starts(hay, &h).into_iter())?;
        at.into_iter().map(|i| h[i].0).collect()
    };
    Some(Tolerant {
        tier: Tier::Fuzzy,
        positions: at,
    })
}

/// Word starts of an ASCII text, as byte (= char) positions.
fn ascii_word_starts(hay: &str) -> impl Iterator<Item = usize> + '_ {
    let b = hay.as_bytes();
    (0..b.len()).filter(|&i| i == 0 || !b[i - 1].is_ascii_alphanumeric())
}

/// Word starts of a text, as char positions (`h` is its `char_indices`).
fn char_word_starts(hay: &str, h: &[(usize, char)]) -> Vec<usize> {
    (0..h.len())
        .filter(|&s| is_word_start(hay, h[s].0))
        .collect()
}

/// Where a word of `hay` starts with `needle` but for one typo (needles of [`TYPO_MIN`]+
/// letters): the byte positions of that word's letters it covers.
pub(super) fn typo_positions(hay: &str, needle: &str) -> Option<Vec<usize>> {
    if !may_typo(hay, needle) {
        return None;
    }
    if hay.is_ascii() && needle.is_ascii() {
        let (h, n) = (hay.as_bytes(), needle.as_bytes());
        return ascii_word_starts(hay).find_map(|s| {
            let len = one_edit_prefix(n, &h[s..])?;
            Some((s..s + len).collect())
        });
    }
    let n: Vec<char> = needle.chars().collect();
    let h: Vec<(usize, char)> = hay.char_indices().collect();
    let chars: Vec<char> = h.iter().map(|&(_, c)| c).collect();
    char_word_starts(hay, &h).into_iter().find_map(|s| {
        let len = one_edit_prefix(&n, &chars[s..])?;
        Some(h[s..s + len].iter().map(|&(p, _)| p).collect())
    })
}

/// Whether `q` is within one edit (insert, delete, substitute, swap of neighbours) of a prefix
/// of `w`; the length of that prefix.
fn one_edit_prefix<T: PartialEq>(q: &[T], w: &[T]) -> Option<usize> {
    let i = q.iter().zip(w).take_while(|(a, b)| a == b).count();
    if i == q.len() {
        return Some(i);
    }
    let prefix = |a: &[T], b: &[T]| b.starts_with(a);
    // Swap, substitute, extra letter in the query, missing letter in the query.
    if i + 1 < q.len()
        && i + 1 < w.len()
        && q[i] == w[i + 1]
        && q[i + 1] == w[i]
        && prefix(&q[i + 2..], &w[i + 2..])
    {
        return Some(q.len());
    }
    if i < w.len() && prefix(&q[i + 1..], &w[i + 1..]) {
        return Some(q.len());
    }
    if prefix(&q[i + 1..], &w[i..]) {
        return Some(q.len() - 1);
    }
    if i < w.len() && prefix(&q[i..], &w[i + 1..]) {
        return Some(q.len() + 1);
    }
    None
}

/// Char positions of `n` in `h` in order from `start` (which must be `n[0]`), with at most
/// [`MAX_GAP`] letters between neighbours.
fn close_subsequence<T: PartialEq>(n: &[T], h: &[T], start: usize) -> Option<Vec<usize>> {
    if h[start] != n[0] {
        return None;
    }
    let mut at = vec![start];
    // Depth-first: the nearest next letter first, backtracking when it leads nowhere.
    fn extend<T: PartialEq>(n: &[T], h: &[T], at: &mut Vec<usize>) -> bool {
        let Some(want) = n.get(at.len()) else {
            return true;
        };
        let last = *at.last().unwrap_or(&0);
        let end = (last + 2 + MAX_GAP).min(h.len());
        for p in last + 1..end {
            if h[p] == *want {
                at.push(p);
                if extend(n, h, at) {
                    return true;
                }
                at.pop();
            }
        }
        false
    }
    extend(n, h, &mut at).then_some(at)
}

fn is_word_start(hay: &str, pos: usize) -> bool {
    hay[..pos]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
        // CJK has no spaces between words: any position is a word start.
        || hay[pos..]
            .chars()
            .next()
            .is_some_and(|c| !c.is_ascii() && unicode_width::UnicodeWidthChar::width(c) == Some(2))
}
