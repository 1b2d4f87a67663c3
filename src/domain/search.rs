//! Finding customers by a few letters of their name, id or domain. One matcher serves the app,
//! `uptake show` and the first frame read from the index, so they agree on the first result.
//!
//! - Keys are folded: case, accents, German transliterations (`ä`/`ae`, `ö`/`oe`, `ü`/`ue`,
//!   `ß`/`ss`) and common Traditional/variant CJK pairs (`台`/`臺`) compare equal.
//! - A name match always ranks above an id or domain match. An id matches from its start only,
//!   from 4 hex digits on; a domain from its start.
//! - Within the name: the whole name, a word starting with the query, the query anywhere, one
//!   typo in a word of 5+ letters (insert, delete, substitute, swap), then its letters in order
//!   with at most [`MAX_GAP`] letters between them (a loose subsequence is no match).

use crate::domain::model::Portfolio;
use crate::text::fold;

/// Which key matched: the name ranks above the id and the domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Name,
    IdOrDomain,
}

/// How well a query matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// The whole name is the query.
    Exact,
    /// A word of the name (or the id, or the domain) starts with the query.
    WordPrefix,
    /// The query stands somewhere inside.
    Substring,
    /// A word starts with the query but for one typo (`contosso`, `tailpsin`).
    Typo,
    /// The query's letters appear in order, close together (`cntso` finds Contoso).
    Fuzzy,
}

/// A match's rank: by field, tier, then by how early it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rank {
    pub field: Field,
    pub tier: Tier,
    pub pos: usize,
}

/// Query words shorter than this get no typo tolerance.
pub const TYPO_MIN: usize = 5;
/// An id matches from this many hex digits on.
pub const ID_MIN: usize = 4;
/// At most this many letters between two letters of a fuzzy match.
pub const MAX_GAP: usize = 2;

/// From this many customers on, a search ranks on two threads.
const PARALLEL_FROM: usize = 20_000;

/// Folded search keys, built once per portfolio.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Per customer: folded name, id and domain.
    keys: Vec<[String; 3]>,
    /// Per customer: the name folded plainly, without transliteration (for typos), when it
    /// differs from the key (most names have no `ae`/`oe`/`ue`/`ß`: nothing more to try).
    plain: Vec<Option<String>>,
}

impl SearchIndex {
    pub fn new(portfolio: &Portfolio) -> Self {
        let keys: Vec<[String; 3]> = portfolio.customers.iter().map(customer_keys).collect();
        let plain = portfolio
            .customers
            .iter()
            .zip(&keys)
            .map(|(c, [k, ..]): (_, &[String; 3])| {
                Some(plain_name(c.name.as_str())).filter(|p| p != k)
            })
            .collect();
        Self { keys, plain }
    }

    /// How customer `i` matches every one of the folded `terms` (see [`rank_keys`]).
    pub fn rank(&self, i: usize, terms: &[Term]) -> Option<Rank> {
        let [name, id, domain] = &self.keys[i];
        rank_keys(
            &[name.as_str(), id.as_str(), domain.as_str()],
            self.plain[i].as_deref(),
            terms,
        )
    }

    /// The customers of `order` that match `query`, best first; equal ranks keep their order
    /// in `order` (the current sort). An empty query keeps `order` as it is.
    pub fn search(&self, order: &[usize], query: &str) -> Vec<usize> {
        self.search_keeping(order, query).0
    }

    /// [`search`](Self::search), and the matches in `order`'s order: what a longer query can
    /// narrow down when [`narrows`] says so.
    pub fn search_keeping(&self, order: &[usize], query: &str) -> (Vec<usize>, Vec<usize>) {
        let terms = terms(query);
        if terms.is_empty() {
            return (order.to_vec(), order.to_vec());
        }
        // Within a tier, a match at the very start of the name comes first; otherwise the
        // current sort decides (stable ties).
        let rank_from = |base: usize, part: &[usize]| -> Vec<(Field, Tier, bool, usize, usize)> {
            part.iter()
                .enumerate()
                .filter_map(|(at, &i)| {
                    let r = self.rank(i, &terms)?;
                    Some((r.field, r.tier, r.pos > 0, base + at, i))
                })
                .collect()
        };
        // A large portfolio is ranked in two halves at once (a keystroke's worst case, the
        // whole list with typo tolerance, halves on two cores); the result is the same.
        let mut found = if order.len() >= PARALLEL_FROM {
            let (first, second) = order.split_at(order.len() / 2);
            std::thread::scope(|scope| {
                let later = scope.spawn(|| rank_from(first.len(), second));
                let mut found = rank_from(0, first);
                match later.join() {
                    Ok(rest) => found.extend(rest),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
                found
            })
        } else {
            rank_from(0, order)
        };
        let in_order: Vec<usize> = found.iter().map(|&(.., i)| i).collect();
        found.sort_unstable();
        (found.into_iter().map(|(.., i)| i).collect(), in_order)
    }

    /// The one customer `query` names, for `show`: an exact id or name, or the only match;
    /// else all matches, best first, as the app ranks them (scripts must not get a surprise
    /// customer, and the first listed is the one the app selects).
    pub fn resolve(&self, query: &str) -> Resolved {
        let folded = key(query.trim());
        let plain = fold(query.trim());
        let exact: Vec<usize> = (0..self.keys.len())
            .filter(|&i| self.keys[i][0] == folded || self.keys[i][1] == plain)
            .collect();
        if let [one] = exact.as_slice() {
            return Resolved::One(*one);
        }
        let order: Vec<usize> = if exact.is_empty() {
            (0..self.keys.len()).collect()
        } else {
            exact
        };
        let found = self.search(&order, query);
        // One customer named as typed, the others only through a typo or scattered letters
        // (`conto`: Contoso, and Consolidated with one letter changed): that one, as the app
        // selects it. Typing more letters must not turn a found customer into a list.
        let terms = terms(query);
        let as_typed: Vec<usize> = found
            .iter()
            .copied()
            .filter(|&i| {
                self.rank(i, &terms)
                    .is_some_and(|r| r.field == Field::Name && r.tier <= Tier::Substring)
            })
            .collect();
        match (found.as_slice(), as_typed.as_slice()) {
            ([], _) => Resolved::None,
            ([one], _) | (_, [one]) => Resolved::One(*one),
            _ => Resolved::Many(found),
        }
    }
}

/// A customer's search keys: the name's [`key`], the id and the domain folded plainly (a hex
/// id is not German).
pub fn customer_keys(c: &crate::domain::model::Customer) -> [String; 3] {
    let opt = |s: Option<&crate::text::Clean>| s.map(|s| fold(s.as_str())).unwrap_or_default();
    [
        key(c.name.as_str()),
        opt(c.id.as_ref()),
        opt(c.domain.as_ref()),
    ]
}

/// A name folded without transliteration (`ß` is still `ss`): a typo in an ordinary word
/// ("Pwoer") must not be judged in the `oe` → `o` form, where it becomes two edits.
pub fn plain_name(name: &str) -> String {
    fold(name).replace('ß', "ss")
}

/// One word of a query: its [`key`] (compared with names) and its plain fold (compared with
/// ids and domains).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub key: String,
    pub plain: String,
}

/// Whether the matches of a query with terms `before` contain every match of one with
/// `after`, so typing can search only the earlier matches. True when `after` only extends
/// `before` (a longer last word, or more words) and the longer word gains no new kind of match
/// (typo tolerance from [`TYPO_MIN`] letters, ids from [`ID_MIN`] hex digits).
pub fn narrows(before: &[Term], after: &[Term]) -> bool {
    let Some((last, rest)) = before.split_last() else {
        return false;
    };
    let Some(now) = after.get(rest.len()) else {
        return false;
    };
    after[..rest.len()] == *rest
        && now.plain.starts_with(last.plain.as_str())
        && now.key.starts_with(last.key.as_str())
        && regime(last) == regime(now)
}

/// The kinds of match a query word can make beyond the plain ones.
fn regime(term: &Term) -> (bool, bool, bool) {
    (
        term.key.chars().count() >= TYPO_MIN,
        term.plain.chars().count() >= TYPO_MIN,
        id_term(&term.plain),
    )
}

/// How folded keys (name, id, domain) match every one of the folded `terms`: the worst term
/// decides field and tier, the first term the position; `None` when a term does not match.
/// The whole name equal to the query is [`Tier::Exact`]. `plain` is the [`plain_name`], for
/// typos judged without transliteration (`None`: only in the key form).
pub fn rank_keys(keys: &[&str; 3], plain: Option<&str>, terms: &[Term]) -> Option<Rank> {
    let [name, id, domain] = *keys;
    let plain_name = plain;
    let mut rank: Option<Rank> = None;
    for Term { key: term, plain } in terms {
        let mut found = match_term(name, term, true);
        if found.is_none_or(|(tier, _)| tier > Tier::Typo)
            && let Some(p) = plain_name
            && let Some(at) = typo_positions(p, plain)
        {
            found = Some((Tier::Typo, at.first().copied().unwrap_or(0)));
        }
        let best = match found {
            Some((tier, pos)) => Rank {
                field: Field::Name,
                tier,
                pos,
            },
            None => {
                let id_hit = id_term(plain) && id.starts_with(plain.as_str());
                let domain_hit = !domain.is_empty() && domain.starts_with(plain.as_str());
                (id_hit || domain_hit).then_some(Rank {
                    field: Field::IdOrDomain,
                    tier: Tier::WordPrefix,
                    pos: 0,
                })?
            }
        };
        rank = Some(match rank {
            None => best,
            Some(r) => Rank {
                field: r.field.max(best.field),
                tier: r.tier.max(best.tier),
                pos: r.pos,
            },
        });
    }
    let mut rank = rank.unwrap_or(Rank {
        field: Field::Name,
        tier: Tier::WordPrefix,
        pos: 0,
    });
    if rank.field == Field::Name && !terms.is_empty() && whole(name, terms) {
        rank.tier = Tier::Exact;
    }
    Some(rank)
}

/// Whether `terms`, joined by spaces, are all of `name`.
fn whole(name: &str, terms: &[Term]) -> bool {
    let len: usize = terms.iter().map(|t| t.key.len() + 1).sum::<usize>() - 1;
    if name.len() != len {
        return false;
    }
    let mut rest = name;
    for (n, t) in terms.iter().enumerate() {
        if n > 0 {
            let Some(r) = rest.strip_prefix(' ') else {
                return false;
            };
            rest = r;
        }
        let Some(r) = rest.strip_prefix(t.key.as_str()) else {
            return false;
        };
        rest = r;
    }
    rest.is_empty()
}

/// A query word that can match an id: hex digits and dashes, at least [`ID_MIN`] digits (a
/// full GUID is 32).
fn id_term(term: &str) -> bool {
    term.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
        && term.bytes().filter(u8::is_ascii_hexdigit).count() >= ID_MIN
}

/// How `needle` matches in `hay` (both folded): tier and byte position.
fn match_term(hay: &str, needle: &str, tolerant: bool) -> Option<(Tier, usize)> {
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

/// A typo or fuzzy match: its tier and the byte positions (in the hay) it covers.
struct Tolerant {
    tier: Tier,
    positions: Vec<usize>,
}

fn tolerant_match(hay: &str, needle: &str) -> Option<Tolerant> {
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
fn typo_positions(hay: &str, needle: &str) -> Option<Vec<usize>> {
    if needle.chars().count() < TYPO_MIN {
        return None;
    }
    // One edit leaves the needle's first two letters or its 4th and 5th together: a name
    // with neither cannot match (most names, found without allocating).
    let at = |k: usize| {
        needle
            .char_indices()
            .nth(k)
            .map_or(needle.len(), |(b, _)| b)
    };
    if !hay.contains(&needle[..at(2)]) && !hay.contains(&needle[at(3)..at(5)]) {
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

/// The words of a query.
pub fn terms(query: &str) -> Vec<Term> {
    fold(query)
        .split_whitespace()
        .map(|w| Term {
            key: key(w),
            plain: w.to_string(),
        })
        .collect()
}

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
fn keyed(text: &str) -> (String, Vec<(usize, usize)>) {
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
            let mapped = match c {
                'ß' => "ss",
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

/// What a `show` query found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    None,
    One(usize),
    /// Several matches, best first.
    Many(Vec<usize>),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rank(hay: &str, needle: &str) -> Option<(Tier, usize)> {
        match_term(&key(hay), &key(needle), true)
    }

    /// Above [`PARALLEL_FROM`] the two halves are ranked at once: the result must be what
    /// ranking one by one and sorting gives.
    #[test]
    fn a_search_on_two_threads_gives_what_one_by_one_gives() {
        let words = [
            "Contoso",
            "Fabrikam",
            "Müller",
            "Tailspin",
            "臺灣雲端",
            "Woodgrove",
        ];
        let customers: Vec<crate::domain::model::Customer> = (0..PARALLEL_FROM + 1234)
            .map(|n| {
                let name = format!("{} {} {n}", words[n % 6], words[(n / 6) % 6]);
                crate::domain::model::Customer::new(
                    Some(crate::text::Clean::new(&format!("{n:08x}-0000"))),
                    crate::text::Clean::new(&name),
                    Vec::new(),
                )
            })
            .collect();
        let portfolio = Portfolio {
            customers,
            ..Portfolio::default()
        };
        let index = SearchIndex::new(&portfolio);
        let order: Vec<usize> = (0..portfolio.customers.len()).rev().collect();
        for query in ["fab", "contosso", "mueller tail", "台灣", "0000", "zzz"] {
            let terms = terms(query);
            let mut expected: Vec<_> = order
                .iter()
                .enumerate()
                .filter_map(|(at, &i)| {
                    let r = index.rank(i, &terms)?;
                    Some((r.field, r.tier, r.pos > 0, at, i))
                })
                .collect();
            expected.sort_unstable();
            let expected: Vec<usize> = expected.into_iter().map(|(.., i)| i).collect();
            assert_eq!(index.search(&order, query), expected, "{query}");
        }
    }

    /// The cheap pre-check must never turn away a real one-edit match: every single edit of
    /// a word's prefix (5+ letters) is still found, in ASCII and in CJK.
    #[test]
    fn every_one_edit_variant_of_a_word_start_is_found() {
        for (hay, word) in [
            ("the contoso ltd", "contoso"),
            ("台北 臺灣雲端資訊 公司", "臺灣雲端資訊"),
        ] {
            let w: Vec<char> = word.chars().collect();
            for len in TYPO_MIN..=w.len() {
                let q = &w[..len];
                let mut variants: Vec<Vec<char>> = Vec::new();
                for i in 0..q.len() {
                    let mut sub = q.to_vec();
                    sub[i] = 'x';
                    variants.push(sub);
                    let mut del = q.to_vec();
                    del.remove(i);
                    variants.push(del);
                    let mut ins = q.to_vec();
                    ins.insert(i, 'x');
                    variants.push(ins);
                    if i + 1 < q.len() {
                        let mut swap = q.to_vec();
                        swap.swap(i, i + 1);
                        variants.push(swap);
                    }
                }
                for v in variants.iter().filter(|v| v.len() >= TYPO_MIN) {
                    let needle: String = v.iter().collect();
                    assert!(typo_positions(hay, &needle).is_some(), "{needle} in {hay}");
                }
            }
        }
    }

    #[test]
    fn tiers_table() {
        let cases = [
            ("Contoso Ltd", "con", Some((Tier::WordPrefix, 0))),
            ("Contoso Ltd", "ltd", Some((Tier::WordPrefix, 8))),
            ("Contoso Ltd", "tos", Some((Tier::Substring, 3))),
            ("Contoso Ltd", "cntso", Some((Tier::Fuzzy, 0))),
            ("Contoso Ltd", "contosso", Some((Tier::Typo, 0))),
            ("Contoso Ltd", "contso", Some((Tier::Typo, 0))),
            ("Contoso Ltd", "cnotoso", Some((Tier::Typo, 0))),
            ("Contoso Ltd", "contaso", Some((Tier::Typo, 0))),
            ("Tailspin Toys", "tailpsin", Some((Tier::Typo, 0))),
            ("Fabrikam Inc.", "fabrickam", Some((Tier::Typo, 0))),
            ("Contoso Ltd", "xyz", None),
            // Four letters get no typo tolerance; two typos are too many.
            ("Contoso Ltd", "cpnt", None),
            ("Contoso Ltd", "cpntpso", None),
            ("Müller & Söhne", "soh", Some((Tier::WordPrefix, 9))),
            ("Müller & Söhne", "mueller", Some((Tier::WordPrefix, 0))),
            ("Größl Bau", "grossl", Some((Tier::WordPrefix, 0))),
            ("Bäckerei Jäger", "baeckerei", Some((Tier::WordPrefix, 0))),
            ("Tailspin-Toys", "toys", Some((Tier::WordPrefix, 9))),
            ("臺灣雲端資訊", "雲端", Some((Tier::WordPrefix, 6))),
            ("臺灣雲端資訊", "台灣", Some((Tier::WordPrefix, 0))),
            ("臺灣雲端資訊", "台湾", Some((Tier::WordPrefix, 0))),
        ];
        for (hay, needle, want) in cases {
            assert_eq!(rank(hay, needle), want, "{hay} / {needle}");
        }
    }

    #[test]
    fn a_typo_in_an_ordinary_word_is_judged_without_transliteration() {
        let keys = [key("City Power Media"), String::new(), String::new()];
        let keys = [keys[0].as_str(), "", ""];
        let plain = plain_name("City Power Media");
        assert_eq!(
            rank_keys(&keys, None, &terms("pwoer")),
            None,
            "pwor: two edits"
        );
        assert_eq!(
            rank_keys(&keys, Some(&plain), &terms("pwoer")).map(|r| r.tier),
            Some(Tier::Typo)
        );
    }

    #[test]
    fn a_loose_subsequence_is_no_match() {
        let long = "The Extraordinarily Long-Named Consolidated Holdings of Adventure";
        assert_eq!(rank(long, "adventure").map(|r| r.0), Some(Tier::WordPrefix));
        assert_eq!(rank(long, "tlnch"), None, "letters far apart");
        assert_eq!(rank(long, "exlong"), None);
    }

    #[test]
    fn a_later_word_prefix_beats_an_earlier_substring() {
        // "art" inside "Smart" (substring) and at the start of "Arts".
        assert_eq!(rank("Smart Arts", "art"), Some((Tier::WordPrefix, 6)));
    }

    #[test]
    fn names_outrank_ids_and_ids_match_from_their_start_from_four_hex_digits() {
        let t = |q: &str| terms(q);
        let keys = [
            "brucken graz e.k.",
            "fabb0123-0000-0000-0000-000000000000",
            "",
        ];
        assert_eq!(
            rank_keys(&keys, None, &t("fab")),
            None,
            "three letters: not an id"
        );
        assert_eq!(
            rank_keys(&keys, None, &t("fabb")).map(|r| r.field),
            Some(Field::IdOrDomain)
        );
        assert_eq!(
            rank_keys(&keys, None, &t("0123")),
            None,
            "not from the id's start"
        );
        let name = ["fabrikam", "0000", ""];
        assert!(rank_keys(&name, None, &t("fab")) < rank_keys(&keys, None, &t("fabb")));
        assert_eq!(
            rank_keys(&name, None, &t("fabrikam")).map(|r| r.tier),
            Some(Tier::Exact)
        );
    }

    #[test]
    fn narrowing_stops_where_a_longer_word_gains_a_kind_of_match() {
        let t = |q: &str| terms(q);
        assert!(narrows(&t("con"), &t("cont")));
        assert!(narrows(&t("fab"), &t("fab lo")));
        assert!(!narrows(&t("cont"), &t("conto")), "typos from five letters");
        assert!(!narrows(&t("fab"), &t("fabb")), "ids from four hex digits");
        assert!(!narrows(&t("fab"), &t("fa")));
        assert!(narrows(&t("contos"), &t("contoss")));
    }

    #[test]
    fn keys_fold_transliterations_on_both_sides() {
        assert_eq!(key("Müller"), key("Mueller"));
        assert_eq!(key("Größl"), key("Groessl"));
        assert_eq!(key("Größl"), key("grossl"));
        assert_eq!(key("臺灣"), key("台灣"));
        assert_eq!(key("Straße"), "strasse");
    }

    #[test]
    fn highlight_maps_folded_matches_back_to_the_displayed_text() {
        assert_eq!(highlight("Contoso Ltd", "ltd"), [(8, 11)]);
        let name = "Müller & Söhne";
        let r = highlight(name, "MULL");
        assert_eq!(&name[r[0].0..r[0].1], "Müll");
        let r = highlight(name, "muell");
        assert_eq!(&name[r[0].0..r[0].1], "Müll");
        assert_eq!(highlight("Contoso", "cts"), [(0, 1), (3, 4), (5, 6)]);
        assert_eq!(highlight("Contoso", "cntso"), [(0, 1), (2, 4), (5, 7)]);
        assert_eq!(highlight("Contoso", "zz"), []);
        let cjk = "臺灣雲端";
        let r = highlight(cjk, "雲");
        assert_eq!(&cjk[r[0].0..r[0].1], "雲");
        let r = highlight(cjk, "台");
        assert_eq!(&cjk[r[0].0..r[0].1], "臺");
        let s = "Straße";
        let r = highlight(s, "strass");
        assert_eq!(&s[r[0].0..r[0].1], "Straß");
    }
}
