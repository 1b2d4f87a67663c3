//! A first look at a portfolio being built: the customers a first frame shows, sent before the
//! rest of the work (see [`Early`]).

use crate::domain::model::{LoadedFile, Portfolio, Timestamp};

use super::Builder;

/// A first look at a portfolio being finished: the best matches of `query` (at most `limit`),
/// built as the portfolio holds them, are sent before the rest of the work. An Insights
/// download read alone sends them once its rows are summed (see `csv::early`), else they go
/// when the customers are built.
pub struct Early {
    /// What the partner asked for on the command line (the app's first search).
    pub query: String,
    /// The most customers to send.
    pub limit: usize,
    /// Gets the matches (with the warnings so far), how many customers there are in all, and
    /// the newest processed date among them all.
    pub send: Box<dyn FnMut(Portfolio, usize, Option<Timestamp>) + Send>,
}

impl Builder {
    /// The first frame wanted of the file being read, when it is the only one and nothing of
    /// it is built yet, and no row of it is dated after the day it is read (those are counted
    /// with the whole file's dates).
    pub(in crate::import) fn first_frame_wanted(&self) -> Option<&Early> {
        let alone = self.files_started == 1 && self.later.is_empty() && self.files.is_empty();
        let untouched = self.customers.is_empty() && self.file.future.is_none();
        self.early.as_ref().filter(|_| alone && untouched)
    }

    /// The file being read as far as it is read, and the warnings so far: what a first frame
    /// sent before the file is done tells of it.
    pub(in crate::import) fn so_far(
        &self,
    ) -> (Option<LoadedFile>, Vec<crate::domain::model::ImportWarning>) {
        let f = &self.file;
        let file = f.format.map(|format| LoadedFile {
            path: f.name.clone(),
            format,
            rows: f.used,
            skipped: f.records - f.used,
            future: None,
        });
        (file, self.warnings.clone())
    }
}
