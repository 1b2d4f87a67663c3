//! Which records are current: the newest processing run of each source is, earlier ones are
//! history; a repeat of one date is merged into one record.

use crate::domain::model::{Deployment, Product, Service, Timestamp, UsagePoint, Workload};
use crate::text::same;

pub use crate::domain::model::SAME_RUN;

/// Pushes onto one of a customer's small lists (products, workloads, history points), growing
/// it by half (at least one) where `Vec::push` doubles from four: most of these lists hold one
/// to three items, and at 100 000 customers doubling left a third of a raw load's memory
/// empty (a CSV download's one product each took room for four).
pub(crate) fn push_lean<T>(list: &mut Vec<T>, item: T) {
    if list.len() == list.capacity() {
        list.reserve_exact((list.len() / 2).max(1));
    }
    list.push(item);
}

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

/// How two figures of one processing run (the same date, or within [`SAME_RUN`]) are
/// decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Join {
    /// Records of one file: the later dated counts (of one date, the one read later).
    Record,
    /// Another export's figures, its data as new or newer (see `Builder::fold_by_recency`):
    /// its figure counts.
    Newer,
    /// Another export's figures, its data of the product's service older (though newer in
    /// all): the figure there counts.
    Older,
}

/// Two different figures of one product (or workload) and one processing run, of which
/// `kept` counts (see [`Join`]).
#[derive(Debug, Clone)]
pub(super) struct Clash {
    /// "usage" or "deployment".
    pub kind: &'static str,
    /// "E3 / Exchange" or "product E3".
    pub what: String,
    /// The dates of the figure that counts and of the one left out.
    pub as_of: Option<Timestamp>,
    pub dropped_as_of: Option<Timestamp>,
    /// The figure that counts and the one left out: (active, qualified) or (assigned, sold).
    pub kept: (u64, u64),
    pub dropped: (u64, u64),
    /// "active" or "assigned".
    pub unit: &'static str,
}

impl Clash {
    /// "50 of 100 active".
    pub fn figure((a, b): (u64, u64), unit: &str) -> String {
        format!("{a} of {b} {unit}")
    }

    /// The note for a second record of one file, of `customer`'s.
    pub fn record_note(&self, customer: &str) -> String {
        let (kept, dropped) = (
            Self::figure(self.kept, self.unit),
            Self::figure(self.dropped, self.unit),
        );
        let day = |t: Option<Timestamp>| t.map(|t| t.format("%Y-%m-%d").to_string());
        if self.as_of != self.dropped_as_of
            && let (Some(k), Some(d)) = (self.as_of, self.dropped_as_of)
        {
            let at = |t: Timestamp| t.format("%Y-%m-%d %H:%M UTC");
            return format!(
                "{customer}: two {} records for {} within a day ({dropped} at {}, {kept} at {}); the later one counts",
                self.kind,
                self.what,
                at(d),
                at(k)
            );
        }
        let date = day(self.as_of)
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        format!(
            "{customer}: second {} record for {} of the same date{date}; kept this one ({kept}; the record before it: {dropped})",
            self.kind, self.what
        )
    }
}

/// A dated figure, as [`merge_runs`] merges them.
trait Point: Copy {
    fn date(&self) -> Timestamp;
    fn figures(&self) -> (u64, u64);
}

impl Point for UsagePoint {
    fn date(&self) -> Timestamp {
        self.as_of
    }
    fn figures(&self) -> (u64, u64) {
        (self.active, self.qualified)
    }
}

/// A dated deployment record (see [`merge_deployment`]).
#[derive(Clone, Copy)]
struct Dated(Deployment, Timestamp);

impl Point for Dated {
    fn date(&self) -> Timestamp {
        self.1
    }
    fn figures(&self) -> (u64, u64) {
        (self.0.assigned, self.0.sold)
    }
}

/// Merges two date-ordered lists of points (one per processing run each) into one: points of
/// one run on both sides are one, decided by `join`; `clash` gets (kept, dropped) when their
/// figures differ. Each point comes with whether it is `new`'s.
fn merge_runs<P: Point>(
    old: impl Iterator<Item = P>,
    new: impl Iterator<Item = P>,
    join: Join,
    mut clash: impl FnMut(&P, &P),
) -> Vec<(P, bool)> {
    let (mut old, mut new) = (old.peekable(), new.peekable());
    let mut out = Vec::with_capacity(old.size_hint().0 + new.size_hint().0);
    loop {
        let next = match (old.peek().copied(), new.peek().copied()) {
            (Some(o), Some(n)) if (o.date() - n.date()).abs() < SAME_RUN => {
                old.next();
                new.next();
                let new_wins = match join {
                    Join::Newer => true,
                    Join::Older => false,
                    Join::Record => n.date() >= o.date(),
                };
                let (kept, dropped) = if new_wins { (n, o) } else { (o, n) };
                if kept.figures() != dropped.figures() {
                    clash(&kept, &dropped);
                }
                (kept, new_wins)
            }
            (Some(o), Some(n)) if o.date() < n.date() => (old.next().unwrap_or(o), false),
            (_, Some(n)) => (new.next().unwrap_or(n), true),
            (Some(o), None) => (old.next().unwrap_or(o), false),
            (None, None) => break,
        };
        out.push(next);
    }
    out
}

/// Adds a deployment record: one of another run goes to the history (the newest is current);
/// of one run, `join` decides (a differing figure is a [`Clash`]).
pub(super) fn merge_deployment(
    product: &mut Product,
    new: Deployment,
    join: Join,
    clashes: &mut Vec<Clash>,
) {
    let Some(old) = product.deployment else {
        product.deployment = Some(new);
        return;
    };
    if old == new {
        return;
    }
    let clash = |product: &Product, kept: &Deployment, dropped: &Deployment| Clash {
        kind: "deployment",
        what: format!("product {}", product.name),
        as_of: kept.as_of,
        dropped_as_of: dropped.as_of,
        kept: (kept.assigned, kept.sold),
        dropped: (dropped.assigned, dropped.sold),
        unit: "assigned",
    };
    let (Some(a), Some(b)) = (old.as_of, new.as_of) else {
        // Undated: the later record replaces the one there.
        if (old.assigned, old.sold) != (new.assigned, new.sold) {
            clashes.push(clash(product, &new, &old));
        }
        product.deployment = Some(new);
        return;
    };
    if b - a >= SAME_RUN {
        // The usual case, records in date order: the old one joins the history.
        product.deployment = Some(new);
        push_lean(&mut product.deployment_history, old);
        return;
    }
    let dated = |d: &Deployment| d.as_of.map(|t| Dated(*d, t));
    let history = std::mem::take(&mut product.deployment_history);
    let mut found = Vec::new();
    let merged = merge_runs(
        history.iter().chain([&old]).filter_map(dated),
        std::iter::once(Dated(new, b)),
        join,
        |kept, dropped| found.push((kept.0, dropped.0)),
    );
    for (kept, dropped) in found {
        clashes.push(clash(product, &kept, &dropped));
    }
    let mut merged: Vec<Deployment> = merged.into_iter().map(|(d, _)| d.0).collect();
    // Undated records of the history (none are kept there) cannot be lost: only dated ones.
    product.deployment = merged.pop();
    product.deployment_history = merged;
}

/// Adds a usage record (or a workload with its history, read apart): of one run both hold,
/// `join` decides (a differing figure is a [`Clash`]); the newest run is current.
pub(super) fn merge_workload(
    product: &mut Product,
    new: Workload,
    join: Join,
    clashes: &mut Vec<Clash>,
) {
    let Some(i) = product
        .workloads
        .iter()
        .position(|w| same(w.name.as_str(), new.name.as_str()))
    else {
        push_lean(&mut product.workloads, new);
        return;
    };
    let point = |w: &Workload, as_of| UsagePoint {
        as_of,
        active: w.active,
        qualified: w.qualified,
    };
    let old = &product.workloads[i];
    let clash = |kept: (u64, u64), dropped: (u64, u64), as_of, dropped_as_of| Clash {
        kind: "usage",
        what: format!("{} / {}", product.name, old.name),
        as_of,
        dropped_as_of,
        kept,
        dropped,
        unit: "active",
    };
    let (Some(a), Some(b)) = (old.as_of, new.as_of) else {
        // Undated: the later record replaces the one there (its history stays).
        if (old.active, old.qualified) != (new.active, new.qualified) {
            clashes.push(clash(
                (new.active, new.qualified),
                (old.active, old.qualified),
                new.as_of,
                old.as_of,
            ));
        }
        let old = &mut product.workloads[i];
        *old = Workload {
            history: std::mem::take(&mut old.history),
            ..new
        };
        return;
    };
    if new.history.is_empty() && b - a >= SAME_RUN {
        // The usual case, records in date order: the old figure joins the history.
        let old = &mut product.workloads[i];
        let mut history = std::mem::take(&mut old.history);
        push_lean(&mut history, point(old, a));
        *old = Workload { history, ..new };
        return;
    }
    let merged = merge_runs(
        old.history.iter().copied().chain([point(old, a)]),
        new.history.iter().copied().chain([point(&new, b)]),
        join,
        |k, d| {
            clashes.push(clash(
                k.figures(),
                d.figures(),
                Some(k.as_of),
                Some(d.as_of),
            ))
        },
    );
    let mut history: Vec<UsagePoint> = merged.iter().map(|(p, _)| *p).collect();
    // The newest point is the current figure, of the side it came from.
    let from_new = merged.last().is_some_and(|(_, n)| *n);
    history.pop();
    let old = &mut product.workloads[i];
    if from_new {
        *old = Workload { history, ..new };
    } else {
        old.history = history;
    }
}
