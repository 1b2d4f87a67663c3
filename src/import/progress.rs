//! How far a long read has come, and a way to stop it (issue 16): the readers count the bytes
//! they have parsed, a watcher (the CLI's progress bar, the loading screen) reads the counts,
//! and a cancel (Ctrl-C) stops the readers at their next record.
//!
//! Shared by threads: counts are atomics, the stage's words a small mutex.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// The progress of one import or load.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    /// The stage, its file (sanitised), its total bytes and when it began: changed together,
    /// so a watcher never sees one stage's count under another's name.
    what: Mutex<What>,
    cancel: Arc<AtomicBool>,
    finished: AtomicBool,
}

#[derive(Debug, Clone, Default)]
struct What {
    stage: Stage,
    file: String,
    total: u64,
    began: Option<std::time::Instant>,
    /// How the stage before this one ended.
    previous: Option<Seen>,
}

/// The stages of a long read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stage {
    #[default]
    Reading,
    /// Checksums of the files a snapshot stores.
    Hashing,
    /// Copying them into the cache.
    Copying,
    /// Building the portfolio from what was read.
    Building,
    /// Assessing and indexing what was read.
    Indexing,
}

impl Stage {
    pub fn word(self) -> &'static str {
        match self {
            Self::Reading => "reading",
            Self::Hashing => "checking",
            Self::Copying => "copying",
            Self::Building => "building the portfolio",
            Self::Indexing => "indexing",
        }
    }
}

/// What a watcher sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub stage: Stage,
    pub file: String,
    pub done: u64,
    pub total: u64,
    /// How long the stage has run (its rate is of that time, not of the whole wait).
    pub stage_elapsed: Option<std::time::Duration>,
}

impl Progress {
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// A new stage over `total` bytes (0: not counted in bytes); the count starts again.
    pub fn stage(&self, stage: Stage, total: u64) {
        if let Ok(mut w) = self.what.lock() {
            let previous = Seen {
                stage: w.stage,
                file: std::mem::take(&mut w.file),
                done: self.done.load(Ordering::Relaxed).min(w.total),
                total: w.total,
                stage_elapsed: w.began.map(|b| b.elapsed()),
            };
            *w = What {
                stage,
                file: String::new(),
                total,
                began: Some(std::time::Instant::now()),
                previous: w.began.map(|_| previous),
            };
            self.done.store(0, Ordering::Relaxed);
        }
    }

    /// The file now being worked on.
    pub fn file(&self, name: &str) {
        if let Ok(mut w) = self.what.lock() {
            w.file = crate::text::sanitize(name);
        }
    }

    /// `bytes` more are done.
    pub fn add(&self, bytes: u64) {
        self.done.fetch_add(bytes, Ordering::Relaxed);
    }

    pub fn seen(&self) -> Seen {
        let w = self.what.lock().map(|w| w.clone()).unwrap_or_default();
        Seen {
            stage: w.stage,
            file: w.file,
            done: self.done.load(Ordering::Relaxed).min(w.total),
            total: w.total,
            stage_elapsed: w.began.map(|b| b.elapsed()),
        }
    }

    /// How the stage before the current one ended (`None` before a second stage).
    pub fn previous(&self) -> Option<Seen> {
        self.what.lock().ok()?.previous.clone()
    }

    /// Bytes a second in the current stage, from its start (`None` before a second's worth).
    pub fn rate(&self) -> Option<f64> {
        let began = self.what.lock().ok()?.began?;
        let secs = began.elapsed().as_secs_f64();
        (secs >= 0.25).then(|| self.done.load(Ordering::Relaxed) as f64 / secs)
    }

    /// Asks the readers to stop (they return [`super::ImportError::Cancelled`]).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The flag a signal handler sets to cancel.
    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        self.cancel.clone()
    }

    /// The work is over (the watcher stops).
    pub fn finish(&self) {
        self.finished.store(true, Ordering::Relaxed);
    }

    pub fn is_finished(&self) -> bool {
        self.finished.load(Ordering::Relaxed)
    }
}

/// A long job's progress, when watched: stages over files, and the check for a cancel.
#[derive(Clone, Copy)]
pub struct Watch<'a>(pub Option<&'a Progress>);

impl Watch<'_> {
    /// A new stage over the files at `paths` (their sizes are the total).
    pub fn stage<'p>(self, stage: Stage, paths: impl Iterator<Item = &'p std::path::Path>) {
        if let Some(p) = self.0 {
            let total = paths
                .map(|path| std::fs::metadata(path).map_or(0, |m| m.len()))
                .sum();
            p.stage(stage, total);
        }
    }

    /// The next file; [`super::ImportError::Cancelled`] once the job is cancelled.
    pub fn file(self, path: &std::path::Path) -> Result<(), super::ImportError> {
        if let Some(p) = self.0 {
            if p.cancelled() {
                return Err(super::ImportError::Cancelled);
            }
            p.file(&crate::text::display(path));
        }
        Ok(())
    }

    /// `bytes` more are done.
    pub fn done(self, bytes: usize) {
        if let Some(p) = self.0 {
            p.add(bytes as u64);
        }
    }
}

/// Where a reader is in one file, reported to a [`Progress`] in steps (not per record).
#[derive(Debug, Default)]
pub(crate) struct FileCursor {
    progress: Option<Arc<Progress>>,
    /// The file's text, as an address range: a record's borrowed text tells how far the
    /// parser has come.
    base: usize,
    len: usize,
    reported: usize,
    records: u32,
    /// A mapped file's pages, handed back as the reader passes them.
    behind: Option<super::mapped::Behind>,
}

/// Records between two reports.
const EVERY: u32 = 2048;

impl FileCursor {
    pub(crate) fn watch(progress: Option<Arc<Progress>>) -> Self {
        Self {
            progress,
            ..Self::default()
        }
    }

    pub(crate) fn progress(&self) -> Option<&Arc<Progress>> {
        self.progress.as_ref()
    }

    /// A new file, `text` (its name for the watcher).
    pub(crate) fn begin(&mut self, name: &str, text: &str) {
        self.begin_bytes(name, text.as_bytes(), None);
    }

    /// A new file of `bytes`, mapped when `behind` is given (its pages are handed back as
    /// the reader passes them).
    pub(crate) fn begin_bytes(
        &mut self,
        name: &str,
        bytes: &[u8],
        behind: Option<super::mapped::Behind>,
    ) {
        self.begin_stream(name, bytes.len());
        self.base = bytes.as_ptr() as usize;
        self.behind = behind;
    }

    /// A new file of `len` bytes, read as a stream (progress by offset only).
    pub(crate) fn begin_stream(&mut self, name: &str, len: usize) {
        self.base = 0;
        self.len = len;
        self.reported = 0;
        self.records = 0;
        self.behind = None;
        if let Some(p) = &self.progress {
            p.file(name);
        }
    }

    /// A record that borrows `at` from the file's text was read (reported every
    /// [`EVERY`] records).
    pub(crate) fn record_at(&mut self, at: Option<&str>) {
        self.records += 1;
        if self.records < EVERY {
            return;
        }
        self.records = 0;
        if let Some(s) = at {
            let offset = (s.as_ptr() as usize).wrapping_sub(self.base);
            if offset <= self.len {
                self.to(offset);
            }
        }
    }

    /// A record ending near byte `offset` of the file was read (reported every [`EVERY`]
    /// records).
    pub(crate) fn record_offset(&mut self, offset: usize) {
        self.records += 1;
        if self.records >= EVERY {
            self.records = 0;
            self.to(offset.min(self.len));
        }
    }

    /// The reader is at byte `offset` of the file.
    pub(crate) fn to(&mut self, offset: usize) {
        if let Some(behind) = &mut self.behind {
            behind.passed(offset);
        }
        if let Some(p) = &self.progress
            && offset > self.reported
        {
            p.add((offset - self.reported) as u64);
            self.reported = offset;
        }
    }

    /// The file's map (if any) is no longer read: its handle is dropped.
    pub(crate) fn let_go(&mut self) {
        self.behind = None;
    }

    /// The whole file is read.
    pub(crate) fn end(&mut self) {
        self.behind = None;
        self.to(self.len);
    }

    /// Whether reading may go on.
    pub(crate) fn keep_going(&self) -> bool {
        self.progress.as_ref().is_none_or(|p| !p.cancelled())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reports_each_byte_once_and_never_past_the_file() {
        let p = Progress::new();
        p.stage(Stage::Reading, 100);
        let mut c = FileCursor::watch(Some(p.clone()));
        let text = "x".repeat(100);
        c.begin("a.json", &text);
        c.to(40);
        c.to(30);
        assert_eq!(p.seen().done, 40);
        // A record whose text is not in the file (an unescaped copy) moves nothing.
        for _ in 0..EVERY {
            c.record_at(Some("elsewhere"));
        }
        assert_eq!(p.seen().done, 40);
        for _ in 0..EVERY {
            c.record_at(Some(&text[90..]));
        }
        assert_eq!(p.seen().done, 90);
        c.end();
        c.end();
        assert_eq!(p.seen().done, 100);
        assert_eq!(p.seen().file, "a.json");
        assert!(c.keep_going());
        p.cancel();
        assert!(!c.keep_going());
    }
}
