//! Exports read together that hold figures of the same dates (two monthly downloads that
//! share months, an older snapshot's files read with a newer one's): the export with the newer
//! data counts, in whatever order the files are named or read. Each file after the first is
//! read into a builder of its own; the builders are joined in the order of their data's newest
//! date, so that the newest comes last and its figures replace the others' (of files with data
//! as new, the one read later counts, as the later record of one file does).

use crate::domain::model::{LoadedFile, Service, Timestamp};

use super::super::ImportError;
use super::Builder;

/// The newest date of a service's records in a builder, and the file they are from (known
/// once the builder's files are read).
pub(super) struct ServiceDate {
    pub service: Service,
    pub newest: Timestamp,
    pub file: Option<String>,
}

impl Builder {
    /// Notes a deployment or usage record of date `as_of` of product `p` of customer `c`.
    pub(super) fn dated(&mut self, (c, p): (usize, usize), as_of: Option<Timestamp>) {
        self.licensed = true;
        let Some(t) = as_of else { return };
        if as_of > self.newest {
            self.newest = as_of;
        }
        let service = &self.customers[c].products[p].service;
        match self.by_service.iter_mut().find(|d| d.service == *service) {
            Some(d) => d.newest = d.newest.max(t),
            None => self.by_service.push(ServiceDate {
                service: service.clone(),
                newest: t,
                file: None,
            }),
        }
    }

    /// Reads a file with `read`: into this builder when it holds nothing yet, else into a
    /// builder of its own, taken in by [`Builder::take_file`] (nothing of a file that fails).
    pub(in crate::import) fn separately(
        &mut self,
        read: impl FnOnce(&mut Builder) -> Result<(), ImportError>,
    ) -> Result<(), ImportError> {
        if self.files_started == 0 && self.later.is_empty() {
            return read(self);
        }
        let mut own = Builder::watched(self.cursor.progress().cloned(), self.lean_graph);
        read(&mut own)?;
        self.take_file(own);
        Ok(())
    }

    /// Takes in a builder that read the file (or files) after this one's: one with
    /// deployment or usage records waits for [`Builder::fold_by_recency`], any other (Graph
    /// reports, tenants, sidecars, a note) is joined now.
    pub(in crate::import) fn take_file(&mut self, mut own: Builder) {
        debug_assert!(own.later.is_empty(), "a file's builder reads one file");
        own.file_keys.iter_mut().for_each(|k| *k += self.next_key);
        self.next_key += own.next_key;
        if own.licensed {
            self.later.push(own);
        } else {
            self.absorb(own);
        }
    }

    /// Joins the builders of [`Builder::take_file`] to this one, oldest data first: of the
    /// figures two hold for one product (or workload) and date, the newer data's count.
    /// The files stay in the order they were read.
    pub(super) fn fold_by_recency(&mut self) {
        if self.later.is_empty() {
            return;
        }
        let later = std::mem::take(&mut self.later);
        let cursor = std::mem::take(&mut self.cursor);
        let lean_graph = self.lean_graph;
        let mut all = Vec::with_capacity(later.len() + 1);
        all.push(std::mem::take(self));
        all.extend(later);
        // Stable: of data as new, the file read later comes later. A builder without
        // deployment or usage records has nothing to clash and is joined last.
        all.sort_by_key(|b| (!b.licensed, b.newest));
        let mut all = all.into_iter();
        let mut base = all.next().expect("this builder at least");
        for b in all {
            base.absorb(b);
        }
        base.cursor = cursor;
        base.lean_graph = lean_graph;
        let files = std::mem::take(&mut base.files);
        let mut keyed: Vec<(u32, LoadedFile)> = std::mem::take(&mut base.file_keys)
            .into_iter()
            .zip(files)
            .collect();
        keyed.sort_by_key(|(k, _)| *k);
        (base.file_keys, base.files) = keyed.into_iter().unzip();
        *self = base;
    }
}

impl Builder {
    /// The record being read (at `place`) is dated `at`, in `field`. The newest record dated
    /// after the day the file is read is kept: a row dated in the future at any later look is
    /// dated after that day too, so the warning on such rows can name the file, the record and
    /// the field, read raw or from the cache.
    pub(in crate::import) fn record_date(
        &mut self,
        at: crate::domain::model::Timestamp,
        place: &dyn std::fmt::Display,
        field: &str,
    ) {
        let after = *self.future_from.get_or_insert_with(|| {
            crate::env::today()
                .succ_opt()
                .unwrap_or(chrono::NaiveDate::MAX)
                .and_time(chrono::NaiveTime::MIN)
                .and_utc()
        });
        if at > after && self.file.future.as_ref().is_none_or(|d| at > d.at) {
            self.file.future = Some(crate::domain::model::Dated {
                at,
                record: (self.record_number(), place.to_string()),
                field: field.to_string(),
            });
        }
    }
}
