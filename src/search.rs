//! Finding customers by a few letters of their name, id or domain: case- and
//! accent-insensitive, ranked (a word starting with the query first, then the query anywhere,
//! then its letters in order), with the matched characters for highlighting.

use crate::model::Portfolio;
use crate::text::fold;

/// How well a query matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// A word of the name (or the id, or the domain) starts with the query.
    WordPrefix,
    /// The query stands somewhere inside.
    Substring,
    /// The query's letters appear in order (`cntso` finds Contoso).
    Fuzzy,
}

/// A match's rank: by tier, then by how early it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rank {
    pub tier: Tier,
    pub pos: usize,
}

/// Folded search keys, built once per portfolio.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Per customer: folded name, id and domain.
    keys: Vec<[String; 3]>,
}

impl SearchIndex {
    pub fn new(portfolio: &Portfolio) -> Self {
        let opt = |s: Option<&crate::text::Clean>| s.map(|s| fold(s.as_str())).unwrap_or_default();
        let keys = portfolio
            .customers
            .iter()
            .map(|c| {
                [
                    fold(c.name.as_str()),
                    opt(c.id.as_ref()),
                    opt(c.domain.as_ref()),
                ]
            })
            .collect();
        Self { keys }
    }

    /// How customer `i` matches every one of the folded `terms` (see [`rank_keys`]).
    pub fn rank(&self, i: usize, terms: &[String], fuzzy: bool) -> Option<Rank> {
        let [name, id, domain] = &self.keys[i];
        rank_keys(&[name.as_str(), id.as_str(), domain.as_str()], terms, fuzzy)
    }

    /// The customers of `order` that match `query`, best first; equal ranks keep their order
    /// in `order` (the current sort). An empty query keeps `order` as it is.
    pub fn search(&self, order: &[usize], query: &str) -> Vec<usize> {
        self.search_keeping(order, query).0
    }

    /// [`search`](Self::search), and the matches in `order`'s order: what a longer query can
    /// narrow down (every match of `query + more` is a match of `query`).
    pub fn search_keeping(&self, order: &[usize], query: &str) -> (Vec<usize>, Vec<usize>) {
        let terms = terms(query);
        if terms.is_empty() {
            return (order.to_vec(), order.to_vec());
        }
        // Within a tier, a match at the very start of the name comes first; otherwise the
        // current sort decides (stable ties).
        let mut found: Vec<(Tier, bool, usize, usize)> = order
            .iter()
            .enumerate()
            .filter_map(|(at, &i)| {
                let r = self.rank(i, &terms, true)?;
                Some((r.tier, r.pos > 0, at, i))
            })
            .collect();
        let in_order: Vec<usize> = found.iter().map(|&(_, _, _, i)| i).collect();
        found.sort_unstable();
        (found.into_iter().map(|(_, _, _, i)| i).collect(), in_order)
    }

    /// The one customer `query` names, for `show`: an exact id or name wins over others;
    /// no fuzzy matching (scripts must not get a surprise customer).
    pub fn resolve(&self, query: &str) -> Resolved {
        let folded = fold(query.trim());
        let exact: Vec<usize> = (0..self.keys.len())
            .filter(|&i| self.keys[i][0] == folded || self.keys[i][1] == folded)
            .collect();
        let found = if exact.is_empty() {
            let terms = terms(query);
            (0..self.keys.len())
                .filter(|&i| self.rank(i, &terms, false).is_some())
                .collect()
        } else {
            exact
        };
        match found.as_slice() {
            [] => Resolved::None,
            [one] => Resolved::One(*one),
            _ => Resolved::Many(found),
        }
    }
}

/// How folded keys (name, id, domain) match every one of the folded `terms`: the worst term
/// decides the tier, the first term the position; `None` when a term does not match. Fuzzy
/// matching applies to the name only: hex ids contain nearly any letters in order.
pub fn rank_keys(keys: &[&str; 3], terms: &[String], fuzzy: bool) -> Option<Rank> {
    let mut rank: Option<Rank> = None;
    for term in terms {
        let best = keys
            .iter()
            .enumerate()
            .filter_map(|(k, key)| match_term(key, term, fuzzy && k == 0))
            .min()?;
        rank = Some(match rank {
            None => best,
            Some(r) => Rank {
                tier: r.tier.max(best.tier),
                pos: r.pos,
            },
        });
    }
    rank.or(Some(Rank {
        tier: Tier::WordPrefix,
        pos: 0,
    }))
}

/// How `needle` matches in `hay` (both folded).
fn match_term(hay: &str, needle: &str, fuzzy: bool) -> Option<Rank> {
    if hay.is_empty() {
        return None;
    }
    let mut first = None;
    for (pos, _) in hay.match_indices(needle) {
        if is_word_start(hay, pos) {
            return Some(Rank {
                tier: Tier::WordPrefix,
                pos,
            });
        }
        first.get_or_insert(pos);
    }
    if let Some(pos) = first {
        return Some(Rank {
            tier: Tier::Substring,
            pos,
        });
    }
    // One letter in order is the same as one letter anywhere: nothing more to find.
    if !fuzzy || needle.chars().nth(1).is_none() {
        return None;
    }
    fuzzy_positions(hay, needle).map(|p| Rank {
        tier: Tier::Fuzzy,
        pos: p[0],
    })
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

/// Byte positions in `hay` of `needle`'s characters, in order, if they all appear.
fn fuzzy_positions(hay: &str, needle: &str) -> Option<Vec<usize>> {
    let mut positions = Vec::with_capacity(needle.len());
    let mut rest = hay.char_indices();
    for n in needle.chars() {
        let (pos, _) = rest.by_ref().find(|(_, h)| *h == n)?;
        positions.push(pos);
    }
    (!positions.is_empty()).then_some(positions)
}

/// The folded words of a query.
pub fn terms(query: &str) -> Vec<String> {
    fold(query).split_whitespace().map(str::to_string).collect()
}

/// Byte ranges of `text` (as displayed) that `query` matched, for highlighting. Empty when the
/// query matched elsewhere (the id) or not at all.
pub fn highlight(text: &str, query: &str) -> Vec<(usize, usize)> {
    // Fold character by character, remembering where each folded byte came from.
    let mut folded = String::with_capacity(text.len());
    let mut origin: Vec<(usize, usize)> = Vec::with_capacity(text.len());
    for (start, ch) in text.char_indices() {
        let piece = fold(ch.encode_utf8(&mut [0; 4]));
        for _ in 0..piece.len() {
            origin.push((start, start + ch.len_utf8()));
        }
        folded.push_str(&piece);
    }
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for term in terms(query) {
        let hit: Vec<(usize, usize)> = match match_term(&folded, &term, true) {
            Some(Rank {
                tier: Tier::Fuzzy, ..
            }) => fuzzy_positions(&folded, &term)
                .unwrap_or_default()
                .into_iter()
                .map(|p| (p, p + 1))
                .collect(),
            Some(Rank { pos, .. }) => vec![(pos, pos + term.len())],
            None => Vec::new(),
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
    Many(Vec<usize>),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rank(hay: &str, needle: &str) -> Option<(Tier, usize)> {
        match_term(&fold(hay), &fold(needle), true).map(|r| (r.tier, r.pos))
    }

    #[test]
    fn tiers_table() {
        let cases = [
            ("Contoso Ltd", "con", Some((Tier::WordPrefix, 0))),
            ("Contoso Ltd", "ltd", Some((Tier::WordPrefix, 8))),
            ("Contoso Ltd", "tos", Some((Tier::Substring, 3))),
            ("Contoso Ltd", "cntso", Some((Tier::Fuzzy, 0))),
            ("Contoso Ltd", "xyz", None),
            ("Müller & Söhne", "soh", Some((Tier::WordPrefix, 9))),
            ("Tailspin-Toys", "toys", Some((Tier::WordPrefix, 9))),
            ("臺灣雲端資訊", "雲端", Some((Tier::WordPrefix, 6))),
        ];
        for (hay, needle, want) in cases {
            assert_eq!(rank(hay, needle), want, "{hay} / {needle}");
        }
    }

    #[test]
    fn a_later_word_prefix_beats_an_earlier_substring() {
        // "art" inside "Smart" (substring) and at the start of "Arts".
        assert_eq!(rank("Smart Arts", "art"), Some((Tier::WordPrefix, 6)));
    }

    #[test]
    fn highlight_maps_folded_matches_back_to_the_displayed_text() {
        assert_eq!(highlight("Contoso Ltd", "ltd"), [(8, 11)]);
        let name = "Müller & Söhne";
        let r = highlight(name, "MULL");
        assert_eq!(&name[r[0].0..r[0].1], "Müll");
        assert_eq!(highlight("Contoso", "cts"), [(0, 1), (3, 4), (5, 6)]);
        assert_eq!(highlight("Contoso", "zz"), []);
        let cjk = "臺灣雲端";
        let r = highlight(cjk, "雲");
        assert_eq!(&cjk[r[0].0..r[0].1], "雲");
    }
}
