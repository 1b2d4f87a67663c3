//! A raw export's first frame (`uptake --data FILE NAME`) is sent before the whole portfolio
//! is built; an Insights download read alone sends it as soon as its rows are summed, built
//! from the sums of the customers that may match. Checked against the whole portfolio read
//! the plain way: the same customers, figure for figure, the same count and the same date,
//! over generated downloads with renamed customers, ids written in two cases or with blanks,
//! names missing, look-alike names and queries that match many.

use std::sync::mpsc;

use proptest::prelude::*;
use uptake::domain::model::{Portfolio, Timestamp};
use uptake::import::{self, Early};

const WORDS: [&str; 6] = ["Alpine", "Dental", "Osaka", "Bäckerei", "臺灣", "Alpina"];
const WORKLOADS: [&str; 3] = ["Exchange", "SharePoint", "Teams"];
const MONTHS: [&str; 3] = ["2026-08-01", "2026-09-01", "2026-10-01"];

/// One row: customer number, how its id is written (0 plain, 1 upper case, 2 with blanks),
/// its name (two words, or none), workload, month, paid units, active users.
type Row = (usize, u8, Option<(usize, usize)>, usize, usize, u64, u64);

fn row() -> impl Strategy<Value = Row> {
    (
        0..12usize,
        prop_oneof![8 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)],
        prop::option::weighted(0.95, (0..WORDS.len(), 0..WORDS.len())),
        0..WORKLOADS.len(),
        0..MONTHS.len(),
        0..60u64,
        0..60u64,
    )
}

fn csv(rows: &[Row]) -> String {
    let mut out = String::from(
        "CustomerTenantId,CustomerTpid,WorkloadName,Month,PaidAvailableUnits,MonthlyActiveUsers,CustomerName\n",
    );
    for &(c, form, name, w, m, paid, active) in rows {
        let id = format!("cafe{c:04}-0000-4000-8000-00000000abcd");
        let id = match form {
            1 => id.to_uppercase(),
            2 => format!(" {id} "),
            _ => id,
        };
        let name = name.map_or(String::new(), |(a, b)| format!("{} {}", WORDS[a], WORDS[b]));
        out.push_str(&format!(
            "\"{id}\",{c},{},{},{paid},{active},\"{name}\"\n",
            WORKLOADS[w], MONTHS[m]
        ));
    }
    out
}

fn query() -> impl Strategy<Value = String> {
    prop_oneof![
        (0..WORDS.len()).prop_map(|w| WORDS[w].to_string()),
        (0..WORDS.len(), 0..WORDS.len()).prop_map(|(a, b)| format!("{} {}", WORDS[a], WORDS[b])),
        Just("Alpien".to_string()),
        Just("cafe0003".to_string()),
        Just("baeckerei osaka".to_string()),
        Just("zzz".to_string()),
    ]
}

type First = (Portfolio, usize, Option<Timestamp>);

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn the_first_frame_of_a_download_is_what_the_whole_portfolio_shows(
        rows in prop::collection::vec(row(), 1..60),
        query in query(),
        limit in 1..6usize,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("OfficeUsage.csv");
        std::fs::write(&path, csv(&rows)).unwrap();
        let paths = [path];
        let (tx, rx) = mpsc::channel::<First>();
        let early = Early {
            query: query.clone(),
            limit,
            send: Box::new(move |p, total, newest| {
                let _ = tx.send((p, total, newest));
            }),
        };
        let whole = import::load_paths_early(&paths, None, early).unwrap();
        let sent: Vec<First> = rx.try_iter().collect();
        prop_assert_eq!(sent.len(), 1, "one first frame");
        let (first, total, newest) = &sent[0];
        let plain = import::load_paths(&paths).unwrap();
        prop_assert_eq!(&whole.customers, &plain.customers);
        let best = uptake::domain::search::best_in(&plain, &query, limit);
        let want: Vec<_> = best.iter().map(|&i| plain.customers[i].clone()).collect();
        prop_assert_eq!(&first.customers, &want);
        prop_assert_eq!(*total, plain.customers.len());
        prop_assert_eq!(*newest, plain.newest_as_of());
    }
}
