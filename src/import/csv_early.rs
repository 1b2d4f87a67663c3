//! The first frame of an Insights download read alone (`uptake --data FILE NAME`): once its
//! rows are summed, the customers that may be among the best matches of the query are built
//! in a builder of their own and sent, before the whole portfolio is built from the same sums.
//! Each is built from all of its sums, in the order the whole portfolio's builder takes them,
//! so the first frame shows what the whole portfolio shows.

use chrono::NaiveDate;

use super::sums::{Key, Ranked, Sum};
use super::sums::{Seen, build_sum};
use crate::domain::model::{Customer, Dataset, Format, Timestamp};
use crate::import::build::Builder;
use crate::import::date::month_as_of;
use crate::text::Clean;

/// The most customers a first frame builds ahead: a query that many customers may match (a
/// letter or two) waits for the whole portfolio, as it did.
const MOST: usize = 2_000;

/// Builds and sends the first frame the builder wants, if any (see [`Builder::first_frame_wanted`]).
/// `sums` are the download's sums, last first, as the whole portfolio's builder pops them.
pub(super) fn first_frame(
    builder: &mut Builder,
    dataset: Dataset,
    sums: &[(Key, Sum)],
    t: &Ranked,
    today: NaiveDate,
) {
    let Some(early) = builder.first_frame_wanted() else {
        return;
    };
    let (query, limit) = (early.query.clone(), early.limit);
    let Some(customers) = customers(sums, t) else {
        return;
    };
    // One written form of id and name: its customer is known by them; a customer written
    // several ways (renamed, its id in two cases) is built whatever its name comes to.
    let single: Vec<Customer> = customers
        .iter()
        .filter(|c| c.len() == 1)
        .map(|c| {
            let (k, _) = sums[c[0].0];
            let id = t
                .text(k.id)
                .map(|id| Clean::new(&id.trim().to_ascii_lowercase()));
            let name = t
                .text(k.name)
                .map(Clean::new)
                .filter(|n| !n.as_str().is_empty());
            let name = name
                .or_else(|| id.clone())
                .unwrap_or_else(|| Clean::new("(unnamed)"));
            Customer::new(id, name, Vec::new())
        })
        .collect();
    let Some(contenders) = crate::domain::search::contenders(&single, &query, limit) else {
        return;
    };
    let several = customers.iter().filter(|c| c.len() > 1);
    if contenders.len() + several.clone().count() > MOST {
        return;
    }
    let singles: Vec<&Vec<(usize, usize)>> = customers.iter().filter(|c| c.len() == 1).collect();
    let mut ranges: Vec<(usize, usize)> = contenders
        .iter()
        .map(|&i| singles[i][0])
        .chain(several.flatten().copied())
        .collect();
    // Built in the order the whole portfolio's builder takes the sums (last first).
    ranges.sort_unstable_by_key(|&(start, _)| std::cmp::Reverse(start));
    let mut own = Builder::default();
    own.begin_file(&builder.so_far().0.map(|f| f.path).unwrap_or_default());
    own.set_format(Format::InsightsCsv(dataset));
    let mut seen = Seen::default();
    for (start, end) in ranges {
        for &sum in sums[start..end].iter().rev() {
            build_sum(&mut own, dataset, t, today, sum, &mut seen);
        }
    }
    own.at_record(None);
    let mut portfolio = own.finish_early(None);
    let (file, warnings) = builder.so_far();
    portfolio.files = file.into_iter().collect();
    portfolio.warnings = warnings;
    let picked = crate::domain::search::best_in(&portfolio, &query, limit);
    let mut all = std::mem::take(&mut portfolio.customers);
    portfolio.customers = picked
        .into_iter()
        .map(|i| std::mem::replace(&mut all[i], Customer::new(None, Clean::new(""), Vec::new())))
        .collect();
    let newest = newest(dataset, sums, t, today);
    if let Some(mut early) = builder.early.take() {
        (early.send)(portfolio, customers.len(), newest);
    }
}

/// The download's customers, each as the ranges of `sums` (start, end) of each way its id
/// and name are written; `None` when a row names no customer id (such a customer is joined to
/// one with an id by name once all are built: not known before).
fn customers(sums: &[(Key, Sum)], t: &Ranked) -> Option<Vec<Vec<(usize, usize)>>> {
    let mut out: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut by_id: foldhash::HashMap<String, usize> = foldhash::HashMap::default();
    let mut end = sums.len();
    while end > 0 {
        let (first, _) = sums[end - 1];
        let start = sums[..end]
            .iter()
            .rposition(|(k, _)| (k.id, k.name) != (first.id, first.name))
            .map_or(0, |i| i + 1);
        let id = t.text(first.id)?.trim().to_ascii_lowercase();
        let n = out.len();
        let at = *by_id.entry(id).or_insert(n);
        if at == n {
            out.push(Vec::new());
        }
        out[at].push((start, end));
        end = start;
    }
    Some(out)
}

/// The newest date of the download's records: of its newest month with a record.
fn newest(
    dataset: Dataset,
    sums: &[(Key, Sum)],
    t: &Ranked,
    today: NaiveDate,
) -> Option<Timestamp> {
    let deployment = matches!(
        dataset,
        Dataset::DynamicsUsage | Dataset::PowerBiUsage | Dataset::SeatsSubscriptionsAndRevenue
    );
    let named = |rank: u32| {
        t.text(rank)
            .is_some_and(|s| !Clean::new(s).as_str().is_empty())
    };
    let mut month: Option<NaiveDate> = None;
    for (k, _) in sums {
        // The texts are cleaned only for a newer month (a few times, not once a row).
        if Some(k.month) > month && named(k.product) && (deployment || named(k.workload)) {
            month = Some(k.month);
        }
    }
    month.map(|m| month_as_of(m, today).and_time(Default::default()).and_utc())
}
