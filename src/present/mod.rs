//! Words and numbers for people, shared by the command line and the terminal view: number
//! and date formats, labels of the domain's enums, why lines, and the `show`/`list` reports.

pub mod format;
pub mod labels;
pub mod report;
pub mod summary;
pub mod view;
pub mod why;
