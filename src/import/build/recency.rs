//! Exports read together that hold figures of the same dates (two monthly downloads that
//! share months, an older snapshot's files read with a newer one's): the export with the newer
//! data counts, in whatever order the files are named or read. Each file after the first is
//! read into a builder of its own; the builders are joined in the order of their data's newest
//! date, so that the newest comes last and its figures replace the others' (of files with data
//! as new, the one read later counts, as the later record of one file does).

use crate::domain::model::{Deployment, LoadedFile, SAME_RUN, Service, Timestamp};

use super::super::ImportError;
use super::Builder;

/// The newest valid date of each kind of record (deployment: `true`) and service.
type Newest = std::collections::HashMap<(bool, Service), Timestamp>;

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
            self.redate_future();
            return;
        }
        let later = std::mem::take(&mut self.later);
        let cursor = std::mem::take(&mut self.cursor);
        let lean_graph = self.lean_graph;
        let mut all: Vec<(bool, Builder)> = std::iter::once(std::mem::take(self))
            .chain(later)
            .map(|mut b| (b.redate_future(), b))
            .collect();
        // A file dated after the day it is read through and through (a wrong clock) has no
        // date to be ordered by: its records count as of the newest dates of the files read
        // with it, below theirs (never over a file dated as it should be).
        if all.iter().any(|(undated, _)| *undated) {
            let mut newest = Newest::default();
            for (_, b) in &all {
                b.valid_dates(&mut newest);
            }
            if newest.is_empty() {
                all.iter_mut().for_each(|(undated, _)| *undated = false);
            }
            for (_, b) in all.iter_mut().filter(|(undated, _)| *undated) {
                b.redate_future_to(&newest, true);
            }
        }
        // Stable: of data as new, the file read later comes later (and an undated one
        // first). A builder without deployment or usage records has nothing to clash and is
        // joined last.
        all.sort_by_key(|(undated, b)| (!b.licensed, b.newest, !undated));
        let mut all = all.into_iter().map(|(_, b)| b);
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
        if at <= after {
            return;
        }
        let record = (self.record_number(), place.to_string());
        match &mut self.file.future {
            Some(d) => {
                d.rows += 1;
                if at > d.at {
                    (d.at, d.record, d.field) = (at, record, field.to_string());
                }
            }
            None => {
                self.file.future = Some(crate::domain::model::Dated {
                    at,
                    record,
                    field: field.to_string(),
                    rows: 1,
                    counted_as: None,
                });
            }
        }
    }

    /// Counts the records dated after the day they were read (see [`Builder::record_date`]) as
    /// of the newest other date of this builder's file, of their kind (deployment or usage)
    /// and service, else of any: a typo'd year (`2062` for `2026`) on one row would otherwise
    /// make that row the customer's only current data (its other rows "earlier") and its file
    /// the newest of all. Where the same product or workload has a record of that date (a
    /// download of several months, the typo on an older month), that record counts and the
    /// typo'd one is left out. When the file has no other date the records stay as dated.
    /// Run before the builders are ordered by their newest date.
    /// Returns whether the builder holds such records and no other date (they stay as dated).
    fn redate_future(&mut self) -> bool {
        if !self.files.iter().any(|f| f.future.is_some()) {
            return false;
        }
        let mut newest = Newest::default();
        self.valid_dates(&mut newest);
        if newest.is_empty() {
            return true;
        }
        self.redate_future_to(&newest, false);
        false
    }

    /// Notes in `newest` the newest date of this builder's records of each kind (deployment or
    /// usage) and service, leaving out those dated after the day they were read.
    fn valid_dates(&self, newest: &mut Newest) {
        let Some(after) = self.future_from else {
            return;
        };
        let valid = |t: &Option<Timestamp>| t.filter(|t| *t <= after);
        let mut note = |key: (bool, Service), t: Timestamp| {
            let e = newest.entry(key).or_insert(t);
            *e = (*e).max(t);
        };
        for p in self.customers.iter().flat_map(|c| &c.products) {
            let deployed = p.deployment.iter().chain(&p.deployment_history);
            for t in deployed.filter_map(|d| valid(&d.as_of)) {
                note((true, p.service.clone()), t);
            }
            let used = (p.workloads.iter())
                .flat_map(|w| w.as_of.into_iter().chain(w.history.iter().map(|h| h.as_of)));
            for t in used.filter_map(|t| valid(&Some(t))) {
                note((false, p.service.clone()), t);
            }
        }
    }

    /// Counts the records dated after the day they were read as of `newest`'s date of their
    /// kind and service, else its newest of all: this file's own dates, or (`others`: the file
    /// has none) those of the files read with it.
    fn redate_future_to(&mut self, newest: &Newest, others: bool) {
        let Some(after) = self.future_from else {
            return;
        };
        let valid = |t: &Option<Timestamp>| t.filter(|t| *t <= after);
        let Some(any) = newest.values().max().copied() else {
            return;
        };
        let mut used: Option<Timestamp> = None;
        let mut left_out = 0usize;
        for p in self.customers.iter_mut().flat_map(|c| &mut c.products) {
            if let Some(d) = &mut p.deployment
                && d.as_of.is_some_and(|t| t > after)
            {
                let target = newest
                    .get(&(true, p.service.clone()))
                    .copied()
                    .unwrap_or(any);
                let before = p.deployment_history.len();
                p.deployment_history.retain(|h| valid(&h.as_of).is_some());
                left_out += before - p.deployment_history.len();
                // A record of that run dated as it should be counts; the typo'd one gives way.
                *d = match (p.deployment_history.iter())
                    .rposition(|h| h.as_of.is_some_and(|t| t > target - SAME_RUN))
                {
                    Some(i) => {
                        left_out += 1;
                        p.deployment_history.remove(i)
                    }
                    None => Deployment {
                        as_of: Some(target),
                        ..*d
                    },
                };
                used = used.max(Some(target));
            }
            let target = newest
                .get(&(false, p.service.clone()))
                .copied()
                .unwrap_or(any);
            for w in &mut p.workloads {
                if w.as_of.is_none_or(|t| t <= after) {
                    continue;
                }
                let before = w.history.len();
                w.history.retain(|h| h.as_of <= after);
                left_out += before - w.history.len();
                match w.history.iter().rposition(|h| h.as_of > target - SAME_RUN) {
                    Some(i) => {
                        left_out += 1;
                        let h = w.history.remove(i);
                        (w.active, w.qualified, w.as_of) = (h.active, h.qualified, Some(h.as_of));
                        w.reported_percent = None;
                    }
                    None => w.as_of = Some(target),
                }
                used = used.max(Some(target));
            }
        }
        for f in &mut self.files {
            let Some(d) = f.future.as_mut() else { continue };
            d.counted_as = used;
            let Some(date) = used else { continue };
            let (rows, are) = match d.rows {
                1 => ("1 row".to_string(), "It is"),
                n => (format!("{n} rows"), "They are"),
            };
            let with = if others {
                "the rows of the files read with it (it has no other date)"
            } else {
                "the file's other rows"
            };
            let mut message = format!(
                "{rows} dated after the day the file was read (the newest, this record, {}): a \
                 typo'd year or a wrong clock? {are} counted with {with}, as of {}",
                d.at.format("%Y-%m-%d"),
                date.format("%Y-%m-%d"),
            );
            if others {
                message.push_str(
                    "; where those have a figure of that date for the same product or workload, \
                     theirs counts",
                );
            }
            match (left_out, d.rows) {
                (0, _) => {}
                (1, 1) => message.push_str(
                    "; its product or workload has a row of that date, which counts instead",
                ),
                (n, _) => message.push_str(&format!(
                    "; for {n} of them the product or workload has a row of that date, which \
                     counts instead"
                )),
            }
            self.warnings.push(crate::domain::model::ImportWarning {
                file: f.path.clone(),
                record: Some(d.record.clone()),
                field: Some(d.field.clone()),
                message,
                severity: crate::domain::model::Severity::Note,
            });
        }
        // The builder's dates as they now are (it is ordered among the others by them).
        self.newest = None;
        self.by_service.clear();
        let dated: Vec<((usize, usize), Option<Timestamp>)> = (self.customers.iter().enumerate())
            .flat_map(|(c, acc)| {
                acc.products
                    .iter()
                    .enumerate()
                    .flat_map(move |(p, product)| {
                        (product.deployment.and_then(|d| d.as_of).into_iter())
                            .chain(product.workloads.iter().filter_map(|w| w.as_of))
                            .map(move |t| ((c, p), Some(t)))
                    })
            })
            .collect();
        for (at, t) in dated {
            self.dated(at, t);
        }
    }
}
