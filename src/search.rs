//! Finding customers by a few letters of their name or id: case- and accent-insensitive.

use crate::model::Portfolio;
use crate::text::fold;

/// Folded search keys, built once per portfolio.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    names: Vec<String>,
    ids: Vec<String>,
}

impl SearchIndex {
    pub fn new(portfolio: &Portfolio) -> Self {
        let names = portfolio
            .customers
            .iter()
            .map(|c| fold(c.name.as_str()))
            .collect();
        let ids = portfolio
            .customers
            .iter()
            .map(|c| c.id.as_ref().map(|i| fold(i.as_str())).unwrap_or_default())
            .collect();
        Self { names, ids }
    }

    /// Whether customer `i` matches every word of the (already folded) query, each word in
    /// the name or in the id.
    pub fn is_match(&self, i: usize, folded_terms: &[String]) -> bool {
        folded_terms
            .iter()
            .all(|t| self.names[i].contains(t.as_str()) || self.ids[i].contains(t.as_str()))
    }

    /// Indices of the matching customers, in portfolio order. An empty query matches all.
    pub fn matches(&self, query: &str) -> Vec<usize> {
        let terms = terms(query);
        (0..self.names.len())
            .filter(|&i| self.is_match(i, &terms))
            .collect()
    }

    /// The one customer `query` names, for `show`: an exact id or name wins over substrings.
    pub fn resolve(&self, query: &str) -> Resolved {
        let folded = fold(query.trim());
        let exact: Vec<usize> = (0..self.names.len())
            .filter(|&i| self.ids[i] == folded || self.names[i] == folded)
            .collect();
        let found = if exact.is_empty() {
            self.matches(query)
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

/// The folded words of a query.
pub fn terms(query: &str) -> Vec<String> {
    fold(query).split_whitespace().map(str::to_string).collect()
}

/// What a `show` query found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    None,
    One(usize),
    Many(Vec<usize>),
}
