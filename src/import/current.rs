//! Which records are current: the newest processing run of each source is, earlier ones are
//! history; a repeat of one date is merged into one record.

use crate::domain::model::{Deployment, Product, Service, Timestamp, UsagePoint, Workload};
use crate::text::same;

/// How far before the newest row of a source a row still belongs to the same processing run:
/// rows of one export differ by hours (and by time zone offsets), exports by a day or more.
const SAME_RUN: chrono::TimeDelta = chrono::TimeDelta::hours(23);

/// Makes a customer's current view the newest date of each source: for deployment and for
/// usage, per service (Partner Center processes services on different days), the rows of the
/// newest processing run (within [`SAME_RUN`] of the newest row) are current; a product or
/// workload only seen earlier becomes history (a product absent from the newest data is "not
/// in the latest data"), so two months are never mixed. Rows without a date stay as they are.
pub(crate) fn settle_current(products: &mut [Product]) {
    type Newest = std::collections::HashMap<Service, Timestamp>;
    let note = |newest: &mut Newest, service: &Service, t: Timestamp| {
        let e = newest.entry(service.clone()).or_insert(t);
        *e = (*e).max(t);
    };
    let (mut deployment, mut usage) = (Newest::new(), Newest::new());
    for p in products.iter() {
        if let Some(t) = p.deployment.and_then(|d| d.as_of) {
            note(&mut deployment, &p.service, t);
        }
        for t in p.workloads.iter().filter_map(|w| w.as_of) {
            note(&mut usage, &p.service, t);
        }
    }
    for p in products.iter_mut() {
        let older = |t: Option<Timestamp>, newest: &Newest| {
            t.zip(newest.get(&p.service))
                .is_some_and(|(t, n)| t <= *n - SAME_RUN)
        };
        if let Some(d) = p.deployment
            && older(d.as_of, &deployment)
        {
            p.deployment = None;
            keep_earlier(&mut p.deployment_history, d);
        }
        if p.workloads.iter().any(|w| older(w.as_of, &usage)) {
            let (past, current): (Vec<Workload>, Vec<Workload>) = std::mem::take(&mut p.workloads)
                .into_iter()
                .partition(|w| older(w.as_of, &usage));
            p.workloads = current;
            p.past_workloads.extend(past);
        }
    }
}

/// Puts an earlier deployment record into the history, in date order, once per date.
fn keep_earlier(history: &mut Vec<Deployment>, earlier: Deployment) {
    if !history.iter().any(|d| d.as_of == earlier.as_of) {
        let at = history.partition_point(|d| d.as_of < earlier.as_of);
        history.insert(at, earlier);
    }
}

/// Two different figures of one product (or workload) and one date: the record read later
/// counts (within a file, the later record; across files, the file with the newer data, see
/// `Builder::fold_by_recency`).
#[derive(Debug, Clone)]
pub(super) struct Clash {
    /// "usage" or "deployment".
    pub kind: &'static str,
    /// "E3 / Exchange" or "product E3".
    pub what: String,
    pub as_of: Option<Timestamp>,
    /// The figure that counts and the one left out: (active, qualified) or (assigned, sold).
    pub kept: (u64, u64),
    pub dropped: (u64, u64),
    /// "active" or "assigned".
    pub unit: &'static str,
}

impl Clash {
    fn usage(
        product: &Product,
        workload: &str,
        as_of: Option<Timestamp>,
        kept: (u64, u64),
        dropped: (u64, u64),
    ) -> Self {
        Self {
            kind: "usage",
            what: format!("{} / {workload}", product.name),
            as_of,
            kept,
            dropped,
            unit: "active",
        }
    }

    fn deployment(product: &Product, kept: &Deployment, dropped: &Deployment) -> Self {
        Self {
            kind: "deployment",
            what: format!("product {}", product.name),
            as_of: kept.as_of,
            kept: (kept.assigned, kept.sold),
            dropped: (dropped.assigned, dropped.sold),
            unit: "assigned",
        }
    }

    /// "50 of 100 active".
    pub fn figure((a, b): (u64, u64), unit: &str) -> String {
        format!("{a} of {b} {unit}")
    }

    /// The note for a second record of one file.
    pub fn record_note(&self) -> String {
        let date = self
            .as_of
            .map(|t| format!(" ({})", t.format("%Y-%m-%d")))
            .unwrap_or_default();
        format!(
            "second {} record for {} of the same date{date}; kept this one ({}; the record before it: {})",
            self.kind,
            self.what,
            Self::figure(self.kept, self.unit),
            Self::figure(self.dropped, self.unit)
        )
    }
}

/// Adds a deployment record: one of another date goes to the history (the newest is
/// current); of one date, the new record replaces the one there (a differing one is a
/// [`Clash`]). Returns a note when two records of one processing run differ.
pub(super) fn merge_deployment(
    product: &mut Product,
    new: Deployment,
    clashes: &mut Vec<Clash>,
) -> Option<String> {
    let Some(old) = product.deployment else {
        product.deployment = Some(new);
        return None;
    };
    if old == new {
        return None;
    }
    let differ = |a: &Deployment, b: &Deployment| (a.assigned, a.sold) != (b.assigned, b.sold);
    let (Some(a), Some(b)) = (old.as_of, new.as_of) else {
        if differ(&new, &old) {
            clashes.push(Clash::deployment(product, &new, &old));
        }
        product.deployment = Some(new);
        return None;
    };
    if a == b {
        if differ(&new, &old) {
            clashes.push(Clash::deployment(product, &new, &old));
        }
        product.deployment = Some(new);
        return None;
    }
    let (current, earlier) = if b > a {
        product.deployment = Some(new);
        // Every date in the history is before the old record's: nothing to replace.
        keep_earlier(&mut product.deployment_history, old);
        (new, old)
    } else {
        // An earlier record: it replaces one of its date in the history.
        let history = &product.deployment_history;
        match history.binary_search_by_key(&new.as_of, |d| d.as_of) {
            Ok(i) => {
                let there = history[i];
                if differ(&new, &there) {
                    clashes.push(Clash::deployment(product, &new, &there));
                }
                product.deployment_history[i] = new;
            }
            Err(i) => product.deployment_history.insert(i, new),
        }
        (old, new)
    };
    // Two different records of one processing run: say which one counts.
    let same_run = current
        .as_of
        .zip(earlier.as_of)
        .is_some_and(|(c, e)| c - e < SAME_RUN);
    (same_run && differ(&current, &earlier)).then(|| {
        format!(
            "two deployment records for product {} within a day ({} of {} assigned, then {} of {}); the later one is current",
            product.name, earlier.assigned, earlier.sold, current.assigned, current.sold
        )
    })
}

/// Adds a usage record (or a workload with its history, read apart): of a date both hold,
/// the new figure counts (a differing one is a [`Clash`]); the newest date is current.
pub(super) fn merge_workload(product: &mut Product, new: Workload, clashes: &mut Vec<Clash>) {
    let Some(i) = product
        .workloads
        .iter()
        .position(|w| same(w.name.as_str(), new.name.as_str()))
    else {
        product.workloads.push(new);
        return;
    };
    let point = |w: &Workload, as_of| UsagePoint {
        as_of,
        active: w.active,
        qualified: w.qualified,
    };
    let old = &product.workloads[i];
    let (Some(a), Some(b)) = (old.as_of, new.as_of) else {
        // Undated: the later record replaces the one there (its history stays).
        if (old.active, old.qualified) != (new.active, new.qualified) {
            clashes.push(Clash::usage(
                product,
                old.name.as_str(),
                new.as_of.or(old.as_of),
                (new.active, new.qualified),
                (old.active, old.qualified),
            ));
        }
        let old = &mut product.workloads[i];
        *old = Workload {
            history: std::mem::take(&mut old.history),
            ..new
        };
        return;
    };
    if new.history.is_empty() && b > a {
        // The usual case, records in date order: the old figure joins the history.
        let old = &mut product.workloads[i];
        let mut history = std::mem::take(&mut old.history);
        history.push(point(old, a));
        *old = Workload { history, ..new };
        return;
    }
    // Both as date-ordered points, merged; on a shared date the new one counts.
    let olds = old.history.iter().copied().chain([point(old, a)]);
    let news = new.history.iter().copied().chain([point(&new, b)]);
    let mut merged: Vec<UsagePoint> = Vec::with_capacity(old.history.len() + new.history.len() + 2);
    let (mut olds, mut news) = (olds.peekable(), news.peekable());
    loop {
        let next = match (olds.peek(), news.peek()) {
            (Some(o), Some(n)) if o.as_of == n.as_of => {
                let (o, n) = (*o, *n);
                if (o.active, o.qualified) != (n.active, n.qualified) {
                    clashes.push(Clash::usage(
                        product,
                        old.name.as_str(),
                        Some(n.as_of),
                        (n.active, n.qualified),
                        (o.active, o.qualified),
                    ));
                }
                olds.next();
                news.next()
            }
            (Some(o), Some(n)) if o.as_of < n.as_of => olds.next(),
            (Some(_), Some(_)) | (None, Some(_)) => news.next(),
            (Some(_), None) => olds.next(),
            (None, None) => break,
        };
        merged.extend(next);
    }
    // The newest point is the current figure, of the side it came from.
    merged.pop();
    let old = &mut product.workloads[i];
    if b >= a {
        *old = Workload {
            history: merged,
            ..new
        };
    } else {
        old.history = merged;
    }
}
