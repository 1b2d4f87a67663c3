//! The domain: pure functions and types, no I/O, no words for people (those are in
//! [`crate::present`] and [`crate::i18n`]), no configuration parsing. Everything above uses it;
//! it uses only [`crate::text`] (the sanitised text type).

pub mod advice;
pub mod analysis;
pub mod commerce;
pub mod dates;
pub mod graph;
pub mod metrics;
pub mod model;
pub mod search;
pub mod thresholds;
