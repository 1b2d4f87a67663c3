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

/// Adds a deployment record: one of another date goes to the history (the newest is
/// current); a second, different one of the same date is noted and the later one kept.
pub(super) fn merge_deployment(product: &mut Product, new: Deployment) -> Option<String> {
    let Some(old) = product.deployment else {
        product.deployment = Some(new);
        return None;
    };
    if old == new {
        return None;
    }
    if old.as_of.is_some() && new.as_of.is_some() && old.as_of != new.as_of {
        let (current, earlier) = if new.as_of > old.as_of {
            (new, old)
        } else {
            (old, new)
        };
        product.deployment = Some(current);
        keep_earlier(&mut product.deployment_history, earlier);
        // Two different records of one processing run: say which one counts.
        let gap = current.as_of.zip(earlier.as_of).map(|(c, e)| c - e);
        let same_run = gap.is_some_and(|g| g < SAME_RUN);
        let differ = (current.assigned, current.sold) != (earlier.assigned, earlier.sold);
        return (same_run && differ).then(|| {
            format!(
                "two deployment records for product {} within a day ({} of {} assigned, then {} of {}); the later one is current",
                product.name, earlier.assigned, earlier.sold, current.assigned, current.sold
            )
        });
    }
    product.deployment = Some(new);
    Some(format!(
        "second deployment record for product {} of the same date; kept this one ({} of {} assigned)",
        product.name, new.assigned, new.sold
    ))
}

/// Adds a usage record, as [`merge_deployment`] does.
pub(super) fn merge_workload(product: &mut Product, new: Workload) -> Option<String> {
    let Some(old) = product
        .workloads
        .iter_mut()
        .find(|w| same(w.name.as_str(), new.name.as_str()))
    else {
        product.workloads.push(new);
        return None;
    };
    if old.active == new.active && old.qualified == new.qualified && old.as_of == new.as_of {
        return None;
    }
    if let (Some(a), Some(b)) = (old.as_of, new.as_of)
        && a != b
    {
        let mut history = std::mem::take(&mut old.history);
        history.extend(new.history.iter().copied());
        let earlier = if b > a {
            let earlier = UsagePoint {
                as_of: a,
                active: old.active,
                qualified: old.qualified,
            };
            *old = new;
            earlier
        } else {
            UsagePoint {
                as_of: b,
                active: new.active,
                qualified: new.qualified,
            }
        };
        history.push(earlier);
        history.sort_by_key(|p| p.as_of);
        history.dedup_by_key(|p| p.as_of);
        old.history = history;
        return None;
    }
    let name = old.name.clone();
    *old = Workload {
        history: std::mem::take(&mut old.history),
        ..new
    };
    Some(format!(
        "second usage record for {} / {} of the same date; kept this one ({} of {} active)",
        product.name, name, old.active, old.qualified
    ))
}
