//! A cached snapshot's whole portfolio with its products read a chunk at a time: each chunk of
//! customers gets its products from the index, is assessed and dated, and gives them back.
//! What stays in memory is what the list, sort, filter, search and overview need; the detail
//! reads its one customer's products again ([`super::Loaded::full`]).

use crate::domain::analysis::{self, PortfolioStats, Row, Tally};
use crate::domain::model::{Customer, Timestamp, dated_after};
use crate::domain::thresholds::Thresholds;
use crate::store::index::Records;
use crate::text::Clean;

/// Customers given their products at once (per thread).
const STEP: usize = 1024;

/// What the pass learns besides the assessments.
#[derive(Default)]
pub(super) struct Seen {
    /// Rows dated after the future's start: how many, the first one's customer and date.
    pub future: Option<(usize, Clean, Timestamp)>,
    /// The newest processed date of any customer's row.
    pub newest: Option<Timestamp>,
}

impl Seen {
    /// Adds what `customers` (with their products, after the ones seen so far) show.
    fn see(&mut self, customers: &[Customer], future: Timestamp) {
        if let Some((n, who, at)) = dated_after(customers, future) {
            match &mut self.future {
                Some((seen, _, _)) => *seen += n,
                None => self.future = Some((n, who.clone(), at)),
            }
        }
        let newest = customers.iter().filter_map(Customer::newest_as_of).max();
        self.newest = self.newest.max(newest);
    }

    /// This, then `later` (customers after these).
    fn then(mut self, later: Self) -> Self {
        match (&mut self.future, later.future) {
            (Some((n, _, _)), Some((m, _, _))) => *n += m,
            (None, later) => self.future = later,
            (_, None) => {}
        }
        self.newest = self.newest.max(later.newest);
        self
    }
}

/// Assesses `customers` in place into `out` (same length) and a tally: the ones with a record
/// get their products from `records` a chunk at a time and lose them again once assessed; the
/// others (Graph tenants from older snapshots, after the records) keep theirs.
fn pass(
    customers: &mut [Customer],
    out: &mut [Row],
    first: usize,
    records: &Records,
    t: &Thresholds,
    now: Timestamp,
) -> anyhow::Result<(Tally, Seen)> {
    let future = crate::import::future(now);
    let mut seen = Seen::default();
    let mut tally = Tally::default();
    let recorded = records
        .customers()
        .saturating_sub(first)
        .min(customers.len());
    let mut at = 0;
    while at < customers.len() {
        let end = if at < recorded {
            (at + STEP).min(recorded)
        } else {
            customers.len()
        };
        let chunk = &mut customers[at..end];
        if at < recorded {
            records.fill(first + at..first + end, chunk)?;
        }
        seen.see(chunk, future);
        for (i, (row, c)) in out[at..end].iter_mut().zip(chunk.iter_mut()).enumerate() {
            let a = analysis::lean(c, t, now);
            tally.add(first + at + i, &a);
            *row = Row::of(&a);
            if at < recorded {
                c.products = Vec::new();
            }
        }
        at = end;
    }
    Ok((tally, seen))
}

/// Assesses every customer (see [`pass`]), on two threads for large portfolios.
pub(super) fn assess(
    customers: &mut [Customer],
    records: &Records,
    t: &Thresholds,
    now: Timestamp,
) -> anyhow::Result<(Vec<Row>, PortfolioStats, Seen)> {
    let mut out = vec![Row::default(); customers.len()];
    let half = if customers.len() < 2_000 {
        customers.len()
    } else {
        customers.len() / 2
    };
    let (first, second) = customers.split_at_mut(half);
    let (mine, theirs) = out.split_at_mut(half);
    let (tally, seen) = std::thread::scope(|scope| {
        let other = scope.spawn(|| pass(second, theirs, half, records, t, now));
        let (tally, seen) = pass(first, mine, 0, records, t, now)?;
        let (later, seen_later) = other
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("assessing failed")))?;
        anyhow::Ok((tally.then(later), seen.then(seen_later)))
    })?;
    let stats = tally.finish(&out);
    Ok((out, stats, seen))
}
