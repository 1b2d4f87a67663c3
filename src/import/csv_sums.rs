//! The sums of an Insights download's rows: one entry per row, its texts kept once as numbers,
//! summed per customer × product × workload × month once the file is read, and each sum
//! added to the builder as a deployment or usage record of its month.

use chrono::NaiveDate;

use super::{Line, service_of};
use crate::domain::model::{Dataset, Deployment, Service, Timestamp, Workload};
use crate::import::build::{Builder, CustomerRef, ProductRef};
use crate::import::date::month_as_of;
use crate::text::Clean;

/// Sums of one customer × product × workload × month.
#[derive(Default, Clone, Copy)]
pub(super) struct Sum {
    /// The line and the record number of the first of its rows (a warning on the sum names
    /// that row).
    pub(super) line: u32,
    pub(super) record: u32,
    pub(super) sold: u64,
    pub(super) assigned: u64,
    pub(super) active: u64,
    pub(super) qualified: u64,
}

impl Sum {
    /// Adds `other`'s counts; the sum is where the first of its rows is.
    fn absorb(&mut self, other: &Sum) {
        if other.line < self.line {
            (self.line, self.record) = (other.line, other.record);
        }
        self.sold += other.sold;
        self.assigned += other.assigned;
        self.active += other.active;
        self.qualified += other.qualified;
    }
}

/// No text (a row without a customer id or name).
pub(super) const NONE: u32 = u32::MAX;

/// What a row's counts are summed by: customer (id, name) × product × workload × month, the
/// texts as numbers in [`Texts`] ([`NONE`]: missing), then as ranks in [`Ranked`]; the sums are read back in the order of
/// the texts.
#[derive(PartialEq, Eq, Clone, Copy)]
pub(super) struct Key {
    pub(super) id: u32,
    pub(super) name: u32,
    pub(super) product: u32,
    pub(super) workload: u32,
    pub(super) month: NaiveDate,
}

/// The texts of the rows, each kept once (a download repeats a customer's id and name on
/// every row): a key holds their numbers, no copy per row.
#[derive(Default)]
pub(super) struct Texts {
    numbers: foldhash::HashMap<Box<str>, u32>,
    all: Vec<Box<str>>,
    /// The number each column (id, name, product, workload) had in the row before: rows of
    /// one customer follow one another.
    recent: [u32; 4],
}

impl Texts {
    pub(super) fn number(&mut self, column: usize, text: &str) -> u32 {
        let recent = self.recent[column];
        if self.all.get(recent as usize).is_some_and(|t| **t == *text) {
            return recent;
        }
        let n = match self.numbers.get(text) {
            Some(&n) => n,
            None => {
                let n = u32::try_from(self.all.len())
                    .ok()
                    .filter(|&n| n < NONE)
                    .expect("fewer than 4 billion texts");
                self.all.push(text.into());
                self.numbers.insert(text.into(), n);
                n
            }
        };
        self.recent[column] = n;
        n
    }

    /// The texts in byte order, and each text's 1-based rank in it, by number.
    pub(super) fn ranked(self) -> (Ranked, Vec<u32>) {
        let mut all = self.all;
        let mut order: Vec<u32> = (0..all.len() as u32).collect();
        crate::domain::analysis::sort_unstable_by(&mut order, |&a, &b| {
            all[a as usize].cmp(&all[b as usize])
        });
        let mut rank = vec![0; order.len()];
        let mut sorted = Vec::with_capacity(order.len());
        for (r, n) in order.into_iter().enumerate() {
            rank[n as usize] = r as u32 + 1;
            sorted.push(std::mem::take(&mut all[n as usize]));
        }
        (Ranked(sorted), rank)
    }
}

/// The texts in byte order, once read: a key's texts are then their ranks (0: none).
pub(super) struct Ranked(Vec<Box<str>>);

impl Ranked {
    pub(super) fn text(&self, rank: u32) -> Option<&str> {
        self.0.get(rank.checked_sub(1)? as usize).map(|t| &**t)
    }
}

/// The rows' counts, one entry per row and summed per key at the end (a list sorted once
/// holds a download in less memory than a map of its keys).
#[derive(Default)]
pub(super) struct Sums {
    pub(super) rows: Vec<(Key, Sum)>,
    pub(super) texts: Texts,
}

impl Sums {
    pub(super) fn with_capacity(rows: usize) -> Self {
        Self {
            rows: Vec::with_capacity(rows),
            texts: Texts::default(),
        }
    }

    /// The sums per key, last first in the order of the texts (customer id, name, product,
    /// workload), then the month: popped, they come in order and free their memory as they go.
    /// Each key's texts become their ranks, and the keys sort as integers.
    pub(super) fn summed(self) -> (Vec<(Key, Sum)>, Ranked) {
        let Sums { mut rows, texts } = self;
        let (ranked, rank) = texts.ranked();
        let rank_of = |n: u32| rank.get(n as usize).copied().unwrap_or(0);
        for (k, _) in &mut rows {
            (k.id, k.name) = (rank_of(k.id), rank_of(k.name));
            (k.product, k.workload) = (rank_of(k.product), rank_of(k.workload));
        }
        let pair = |a: u32, b: u32| (u64::from(a) << 32) | u64::from(b);
        crate::domain::analysis::sort_unstable_by_key(&mut rows, |(k, _)| {
            std::cmp::Reverse((pair(k.id, k.name), pair(k.product, k.workload), k.month))
        });
        rows.dedup_by(|(k, later), (kept, sum)| {
            let same = k == kept;
            if same {
                sum.absorb(later);
            }
            same
        });
        rows.shrink_to_fit();
        (rows, ranked)
    }
}

/// Each product's service and each workload's clean name, found once (few products and
/// workloads, many rows).
#[derive(Default)]
pub(super) struct Seen {
    services: foldhash::HashMap<u32, Service>,
    workloads: foldhash::HashMap<u32, Clean>,
}

/// Adds one sum (customer × product × workload × month) to the builder: a deployment or a
/// usage record of its month, as of the month's last day (a month in progress: `today`).
pub(super) fn build_sum(
    builder: &mut Builder,
    dataset: Dataset,
    t: &Ranked,
    today: chrono::NaiveDate,
    (key, sum): (Key, Sum),
    seen: &mut Seen,
) {
    let Seen {
        services,
        workloads,
    } = seen;
    let (id, name) = (t.text(key.id), t.text(key.name));
    let (product, workload, month) = (
        t.text(key.product).unwrap_or_default(),
        t.text(key.workload).unwrap_or_default(),
        key.month,
    );
    let as_of: Option<Timestamp> = Some(
        month_as_of(month, today)
            .and_time(Default::default())
            .and_utc(),
    );
    let customer = CustomerRef { id, name };
    let line = Line(u64::from(sum.line));
    // What is noted of the sum is of its first row.
    builder.at_record(Some(sum.record as usize));
    let service = services
        .entry(key.product)
        .or_insert_with(|| service_of(dataset, product))
        .clone();
    let Ok(at) = builder.product_of(
        customer,
        ProductRef {
            name: product,
            id: None,
            channel: None,
            service,
        },
    ) else {
        return;
    };
    // A renamed customer: the newest month's name is its name.
    builder.name_as_of(at.0, name, as_of);
    if matches!(
        dataset,
        Dataset::DynamicsUsage | Dataset::PowerBiUsage | Dataset::SeatsSubscriptionsAndRevenue
    ) && workload.is_empty()
    {
        builder.deployment(
            &line,
            at,
            Deployment {
                sold: sum.sold,
                assigned: sum.assigned,
                reported_percent: None,
                as_of,
            },
        );
    }
    if !workload.is_empty() {
        let name = workloads
            .entry(key.workload)
            .or_insert_with(|| builder.intern(workload))
            .clone();
        builder.usage(
            &line,
            at,
            Workload {
                code: None,
                name,
                active: sum.active,
                qualified: sum.qualified,
                reported_percent: None,
                as_of,
                history: Vec::new(),
            },
        );
    }
}
