//! uptake: license deployment and usage of CSP customers, with suggested actions.
//!
//! The crate is layered; data flows one way, top to bottom, and no module imports one above
//! it (`tests/layers.rs` checks it). ARCHITECTURE.md draws the house.
//!
//! ```text
//! cli      commands: parse, dispatch, one file per command
//! tui      the terminal: loop, app state, keymap, theme, view
//! load     which data to open and how (at once, or a first frame then the rest)
//! present  words and numbers for people: format, labels, why lines, reports
//! config   config.toml
//! store    the cache: snapshots, roll-ups and history, the binary index
//! import   files → portfolio: detect → reader → builder
//! demo     the embedded demo portfolio, the synthetic export generator
//! domain   pure: model, thresholds, metrics, advice, analysis, search
//! i18n     catalogues and the language
//! text env the sanitiser and widths; the process environment, read once
//! ```
// Unsafe code is refused but where a module says why it needs it (a memory map).
#![deny(unsafe_code)]

pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod env;
pub mod i18n;
pub mod import;
pub mod load;
pub mod present;
pub mod store;
pub mod text;
pub mod tui;
