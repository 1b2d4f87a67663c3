//! A query's words, and how a customer's keys rank against them.

use super::fold::key;
use super::matcher::{match_term, may_match, may_typo, typo_positions};
use super::{Field, ID_MIN, Rank, TYPO_MIN, Tier};
use crate::text::fold_compatible as fold;

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

/// The characters of a folded text as a set of 64: `a`–`z` and `0`–`9` each their own, any
/// other character one of 28 more by its code. A query word matches a name only if the name
/// has the word's characters (all but one for a typo): two sets answer that in a few
/// instructions, where a substring search takes a scan of the name.
pub fn letters(text: &str) -> u64 {
    text.chars().fold(0, |set, c| set | letter(c))
}

fn letter(c: char) -> u64 {
    let bit = match c {
        'a'..='z' => c as u32 - 'a' as u32,
        '0'..='9' => 26 + (c as u32 - '0' as u32),
        _ => 36 + ((c as u32).wrapping_mul(0x9E37_79B1) >> 8) % 28,
    };
    1 << bit
}

/// What one query word needs of a customer's name, as [`letters`]: the characters of its key
/// and of its plain fold, and how many of them a match may lack (one, from [`TYPO_MIN`]
/// letters: a letter typed wrong or typed too many).
#[derive(Debug, Clone, Copy)]
pub struct Wanted {
    key: u64,
    plain: u64,
    key_slack: u32,
    plain_slack: u32,
    id: bool,
}

impl Wanted {
    pub fn of(term: &Term) -> Self {
        let slack = |word: &str| u32::from(word.chars().count() >= TYPO_MIN);
        Self {
            key: letters(&term.key),
            plain: letters(&term.plain),
            key_slack: slack(&term.key),
            plain_slack: slack(&term.plain),
            id: id_term(&term.plain),
        }
    }

    /// Whether `term` (of which this is what is wanted) may match a customer whose name and
    /// plain name have the characters `have`, or whose `id` or `domain` it starts. False only
    /// when [`rank_all`] finds no match for it: a match in the name (a substring, letters in
    /// order) has all of its characters, a typo all but one; an id or domain starts with it.
    pub fn may_match(&self, term: &Term, have: u64, id: &str, domain: &str) -> bool {
        let lacks = |want: u64| (want & !have).count_ones();
        lacks(self.key) <= self.key_slack
            || lacks(self.plain) <= self.plain_slack
            || (self.id && id.starts_with(term.plain.as_str()))
            || (!domain.is_empty() && domain.starts_with(term.plain.as_str()))
    }
}

/// How folded keys (name, id, domain) match every one of the folded `terms`: the worst term
/// decides field and tier, the first term the position; `None` when a term does not match.
/// The whole name equal to the query is [`Tier::Exact`]. `plain` is the
/// [`plain_name`](super::plain_name), for typos judged without transliteration (`None`: only
/// in the key form).
pub fn rank_keys(keys: &[&str; 3], plain: Option<&str>, terms: &[Term]) -> Option<Rank> {
    // Every word must match: a word that cannot, found cheaply, ends the search of this
    // customer before any other word is matched in full (typos and letters in order cost
    // most, on long names with accents or CJK above all).
    let [name, id, domain] = *keys;
    let possible = |t: &Term| {
        may_match(name, &t.key)
            || plain.is_some_and(|p| may_typo(p, &t.plain))
            || (id_term(&t.plain) && id.starts_with(t.plain.as_str()))
            || (!domain.is_empty() && domain.starts_with(t.plain.as_str()))
    };
    if !terms.iter().all(possible) {
        return None;
    }
    rank_all(keys, plain, terms)
}

/// [`rank_keys`] without the cheap check first.
pub(super) fn rank_all(keys: &[&str; 3], plain: Option<&str>, terms: &[Term]) -> Option<Rank> {
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
pub(super) fn id_term(term: &str) -> bool {
    term.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
        && term.bytes().filter(u8::is_ascii_hexdigit).count() >= ID_MIN
}

/// The words of a query, cleaned as names are (an invisible character or a non-breaking
/// space pasted with a name must not change what it finds). An id pasted in braces, brackets
/// or quotes (`{…}` as Windows writes a GUID) is the id.
pub fn terms(query: &str) -> Vec<Term> {
    fold(&crate::text::sanitize(query))
        .split_whitespace()
        .map(|w| {
            let inner = w.trim_matches(|c| "{}()[]<>\"'".contains(c));
            let w = if inner.len() < w.len() && id_term(inner) {
                inner
            } else {
                w
            };
            Term {
                key: key(w),
                plain: w.to_string(),
            }
        })
        .collect()
}
