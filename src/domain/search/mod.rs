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
//!
//! `fold` the keys and highlighting, `matcher` one word in one text, `rank` a query against a
//! customer's keys, `index` the portfolio's keys and the searches over them.

mod fold;
mod matcher;
mod rank;
mod searcher;
#[cfg(test)]
mod tests;

pub use fold::{highlight, key};
#[cfg(test)]
use matcher::{match_term, typo_positions};
pub use rank::{Term, Wanted, letters, narrows, rank_keys, terms};
#[cfg(test)]
use searcher::PARALLEL_FROM;
pub use searcher::{SearchIndex, best, best_in, best_of, contenders, customer_keys, plain_name};

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

/// What a `show` query found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    None,
    One(usize),
    /// Several matches, best first.
    Many(Vec<usize>),
}
