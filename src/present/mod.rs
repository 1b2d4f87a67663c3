//! Words and numbers for people, shared by the command line and the terminal view: number
//! and date formats, labels of the domain's enums, why lines, a customer's detail as rows
//! ([`view::CustomerView`], drawn by the detail pane and written by the summary), and the
//! `show`/`list` reports.

pub mod commerce;
pub mod format;
mod graph_view;
pub mod labels;
pub mod report;
mod sources;
pub mod summary;
pub mod users;
pub mod view;
pub mod why;
