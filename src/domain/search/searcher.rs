//! The search keys of a portfolio, built once, and the searches over them: rank, search, resolve.

use super::fold::key;
use super::rank::{Term, Wanted, letters, rank_keys, terms};
use super::{Field, Rank, Resolved, Tier};
use crate::domain::model::Portfolio;
use crate::text::fold_compatible as fold;

/// From this many customers on, a search ranks on two threads.
pub(super) const PARALLEL_FROM: usize = 20_000;

/// Folded search keys, built once per portfolio: every customer's keys in one text (a list of
/// four strings per customer cost more in headers and allocations than the keys themselves).
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Per customer, one after another: the folded name, id and domain, then the name folded
    /// plainly, without transliteration (for typos), when it differs from the folded name
    /// (most names have no `ae`/`oe`/`ue`/`ß`: nothing more to try).
    text: String,
    /// Per customer: where in `text` its keys end, and how long its name, id and domain are
    /// (its plain name is the rest; its name starts where the customer before ends). Sixteen
    /// bytes a customer, where four ends took thirty-two: a key is capped far below 64 KiB.
    ends: Vec<(usize, [u16; 3])>,
    /// Per customer: the [`letters`] of its folded and plain names, which rule out most
    /// customers for a query word without reading their keys.
    letters: Vec<u64>,
}

/// `part`, cut on a character boundary to what a `u16` counts (a sanitized name's folded key
/// is a few kilobytes at most: never cut in practice).
pub(super) fn short(part: &str) -> &str {
    let mut end = part.len().min(usize::from(u16::MAX));
    while !part.is_char_boundary(end) {
        end -= 1;
    }
    &part[..end]
}

impl SearchIndex {
    pub fn new(portfolio: &Portfolio) -> Self {
        // Folded keys are about as long as the texts (the plain name, when kept, repeats the
        // name): reserved at once, one block is taken and shrunk, where growing it step by
        // step leaves the blocks it outgrew behind in the allocator.
        let guess: usize = portfolio
            .customers
            .iter()
            .map(|c| {
                2 * c.name.as_str().len()
                    + c.id.as_ref().map_or(0, |id| id.as_str().len())
                    + c.domain.as_ref().map_or(0, |d| d.as_str().len())
            })
            .sum();
        let mut index = Self {
            text: String::with_capacity(guess),
            ends: Vec::with_capacity(portfolio.customers.len()),
            letters: Vec::with_capacity(portfolio.customers.len()),
        };
        for c in &portfolio.customers {
            let [name, id, domain] = customer_keys(c);
            let plain = plain_name(c.name.as_str());
            let mut len = |part: &str| {
                let part = short(part);
                index.text.push_str(part);
                part.len() as u16
            };
            let lens = [len(&name), len(&id), len(&domain)];
            len(if plain == name { "" } else { &plain });
            index.ends.push((index.text.len(), lens));
            index.letters.push(letters(&name) | letters(&plain));
        }
        index.text.shrink_to_fit();
        index
    }

    /// Customer `i`'s folded name, id and domain, and its plain name when that differs.
    fn keys(&self, i: usize) -> ([&str; 3], Option<&str>) {
        let start = i.checked_sub(1).map_or(0, |before| self.ends[before].0);
        let (plain, lens) = self.ends[i];
        let name = start + usize::from(lens[0]);
        let id = name + usize::from(lens[1]);
        let domain = id + usize::from(lens[2]);
        let text = self.text.as_str();
        (
            [&text[start..name], &text[name..id], &text[id..domain]],
            (plain > domain).then(|| &text[domain..plain]),
        )
    }

    /// How many customers it holds.
    fn len(&self) -> usize {
        self.ends.len()
    }

    /// How customer `i` matches every one of the folded `terms` (see [`rank_keys`]).
    pub fn rank(&self, i: usize, terms: &[Term]) -> Option<Rank> {
        let (keys, plain) = self.keys(i);
        rank_keys(&keys, plain, terms)
    }

    /// [`rank`](Self::rank), with what each term wants of a name (`wanted`, in the order of
    /// `terms`) checked first: most customers are ruled out by their letters alone.
    fn rank_wanted(&self, i: usize, terms: &[Term], wanted: &[Wanted]) -> Option<Rank> {
        let (keys, plain) = self.keys(i);
        let have = self.letters[i];
        let [_, id, domain] = keys;
        if !terms
            .iter()
            .zip(wanted)
            .all(|(t, w)| w.may_match(t, have, id, domain))
        {
            return None;
        }
        rank_keys(&keys, plain, terms)
    }

    /// The customers of `order` that match `query`, best first; equal ranks keep their order
    /// in `order` (the current sort). An empty query keeps `order` as it is.
    pub fn search(&self, order: &[usize], query: &str) -> Vec<usize> {
        self.search_keeping(order, query).0
    }

    /// [`search`](Self::search), and the matches in `order`'s order: what a longer query can
    /// narrow down when [`narrows`](super::narrows) says so.
    pub fn search_keeping(&self, order: &[usize], query: &str) -> (Vec<usize>, Vec<usize>) {
        let terms = terms(query);
        if terms.is_empty() {
            return (order.to_vec(), order.to_vec());
        }
        let wanted: Vec<Wanted> = terms.iter().map(Wanted::of).collect();
        // Within a tier, a match at the very start of the name comes first; otherwise the
        // current sort decides (stable ties).
        let rank_from = |base: usize, part: &[usize]| -> Vec<(Field, Tier, bool, usize, usize)> {
            part.iter()
                .enumerate()
                .filter_map(|(at, &i)| {
                    let r = self.rank_wanted(i, &terms, &wanted)?;
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
        let query = crate::text::sanitize(query);
        let query = query.as_str();
        let folded = key(query);
        let plain = fold(query);
        let exact: Vec<usize> = (0..self.len())
            .filter(|&i| {
                let ([name, id, _], _) = self.keys(i);
                name == folded || id == plain
            })
            .collect();
        if let [one] = exact.as_slice() {
            return Resolved::One(*one);
        }
        let order: Vec<usize> = if exact.is_empty() {
            (0..self.len()).collect()
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

/// The `limit` best matches of `terms` among `n` customers, in portfolio order: the customers a
/// first frame shows, the same ones the app's whole-list search puts first (ordered by field,
/// tier, a match at the very start, then portfolio order). `name_key(i)` is customer `i`'s
/// name [`key`], `rank(i)` how it ranks. A name holding every word as typed ranks above any
/// other match (a typo, letters in order, the id or the domain), so when some names do, only
/// they are ranked: a search for a name reads each name once with a fast substring search
/// instead of trying typos on every name.
pub fn best<'k, E>(
    n: usize,
    terms: &[Term],
    limit: usize,
    name_key: impl Fn(usize) -> Result<std::borrow::Cow<'k, [u8]>, E>,
    rank: impl Fn(usize) -> Result<Option<Rank>, E>,
) -> Result<Vec<usize>, E> {
    if terms.is_empty() {
        return Ok((0..n.min(limit)).collect());
    }
    let mut chosen = ranked(n, terms, name_key, rank)?;
    chosen.sort_unstable();
    chosen.truncate(limit);
    let mut picked: Vec<usize> = chosen.into_iter().map(|(.., i)| i).collect();
    picked.sort_unstable();
    Ok(picked)
}

/// How [`best`] orders a match: field, tier, not at the very start, then portfolio order.
type Ordered = (Field, Tier, bool, usize);

/// The customers [`best`] chooses from, each with its place in [`best`]'s order.
fn ranked<'k, E>(
    n: usize,
    terms: &[Term],
    name_key: impl Fn(usize) -> Result<std::borrow::Cow<'k, [u8]>, E>,
    rank: impl Fn(usize) -> Result<Option<Rank>, E>,
) -> Result<Vec<Ordered>, E> {
    let finders: Vec<memchr::memmem::Finder<'_>> = terms
        .iter()
        .map(|t| memchr::memmem::Finder::new(t.key.as_bytes()))
        .collect();
    let key = |r: Rank, i: usize| (r.field, r.tier, r.pos > 0, i);
    let mut chosen = Vec::new();
    for i in 0..n {
        let name = name_key(i)?;
        if finders.iter().all(|f| f.find(&name).is_some())
            && let Some(r) = rank(i)?
        {
            chosen.push(key(r, i));
        }
    }
    if chosen.is_empty() {
        for i in 0..n {
            chosen.extend(rank(i)?.map(|r| key(r, i)));
        }
    }
    Ok(chosen)
}

/// Of `customers` (in any order), those that may be among [`best_of`]'s `limit` for `query`
/// once other customers are added, in order: every one ranked as well as the `limit`th of
/// them, or better. Adding customers only lowers the rank the `limit`th has, so the best of
/// a portfolio are among its customers that are contenders here and the customers added.
/// `None` for a query without words (the first of the portfolio's order are its best).
pub fn contenders(
    customers: &[crate::domain::model::Customer],
    query: &str,
    limit: usize,
) -> Option<Vec<usize>> {
    let terms = terms(query);
    if terms.is_empty() || limit == 0 {
        return None;
    }
    let found = ranked::<std::convert::Infallible>(
        customers.len(),
        &terms,
        |i| Ok(key(customers[i].name.as_str()).into_bytes().into()),
        |i| Ok(rank_of(&customers[i], &terms)),
    );
    let mut chosen = match found {
        Ok(chosen) => chosen,
        Err(never) => match never {},
    };
    chosen.sort_unstable();
    let Some(&(field, tier, late, _)) = chosen.get(limit - 1) else {
        return Some(chosen.into_iter().map(|(.., i)| i).collect());
    };
    chosen.retain(|&(f, t, l, _)| (f, t, l) <= (field, tier, late));
    Some(chosen.into_iter().map(|(.., i)| i).collect())
}

/// How customer `c` ranks for `terms`.
fn rank_of(c: &crate::domain::model::Customer, terms: &[Term]) -> Option<Rank> {
    let [name, id, domain] = customer_keys(c);
    let plain = Some(plain_name(c.name.as_str())).filter(|p| *p != name);
    rank_keys(&[&name, &id, &domain], plain.as_deref(), terms)
}

/// [`best`] over a portfolio's customers, their keys computed as they are needed.
pub fn best_in(portfolio: &Portfolio, query: &str, limit: usize) -> Vec<usize> {
    let customers = &portfolio.customers;
    best_of(customers.len(), |i| &customers[i], query, limit)
}

/// [`best_in`] over `n` customers in portfolio order, `customer(i)` the `i`th.
pub fn best_of<'c>(
    n: usize,
    customer: impl Fn(usize) -> &'c crate::domain::model::Customer,
    query: &str,
    limit: usize,
) -> Vec<usize> {
    let terms = terms(query);
    let found = best::<std::convert::Infallible>(
        n,
        &terms,
        limit,
        |i| {
            Ok(std::borrow::Cow::Owned(
                key(customer(i).name.as_str()).into_bytes(),
            ))
        },
        |i| Ok(rank_of(customer(i), &terms)),
    );
    match found {
        Ok(found) => found,
        Err(never) => match never {},
    }
}
