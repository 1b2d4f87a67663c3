//! Tests of `older.bin`: what a first frame and an open read back equals what was kept.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use crate::domain::graph::Tenant;
use crate::domain::model::{Customer, Portfolio, Sums};
use crate::text::Clean;

fn guid(k: u8) -> String {
    format!("{k:08x}-0000-4000-8000-00000000000b")
}

/// A customer of id `id` from a small pool (any case, or none: then known by name), with
/// `points` of history and maybe a Graph tenant of its own.
fn customer(n: usize, id: Option<u8>, upper: bool, points: u8, graph: bool) -> Customer {
    let id = id.map(|k| {
        let g = guid(k);
        Clean::new(&if upper { g.to_ascii_uppercase() } else { g })
    });
    let mut c = Customer::new(id, Clean::new(&format!("c{n}")), Vec::new());
    c.history = (0..points)
        .map(|p| Sums {
            as_of: chrono::DateTime::from_timestamp(1_700_000_000 + i64::from(p) * 86_400, 0),
            usage_as_of: None,
            assigned: u64::from(p) * 3 + n as u64,
            sold: 40,
            active: u64::from(p),
            qualified: 9,
        })
        .collect();
    if graph && let Some(id) = &c.id {
        c.graph = Some(std::sync::Arc::new(Tenant {
            id: Clean::new(&id.as_str().to_ascii_lowercase()),
            ..Default::default()
        }));
    }
    c
}

/// A tenant an older snapshot gives, as its Graph files make it.
fn carried(k: u8, file: bool, snapshots: &Path) -> Customer {
    let report = file.then(|| {
        let path = snapshots.join(format!("old/{}/report.csv", guid(k)));
        crate::text::display(&path)
    });
    let mut c = Customer::new(Some(Clean::new(&guid(k))), Clean::new(&guid(k)), Vec::new());
    c.graph = Some(std::sync::Arc::new(Tenant {
        id: Clean::new(&guid(k)),
        account: Some(Clean::new(&format!("tenant {k}"))),
        report_file: report,
        ..Default::default()
    }));
    c
}

type Case = (
    Vec<(Option<u8>, bool, u8, bool)>,
    Vec<(u8, bool)>,
    Vec<usize>,
);

fn cases() -> impl Strategy<Value = Case> {
    let one = (
        proptest::option::weighted(0.8, 0u8..24),
        any::<bool>(),
        0u8..4,
        proptest::bool::weighted(0.2),
    );
    (
        proptest::collection::vec(one, 0..20),
        proptest::collection::vec((0u8..24, any::<bool>()), 0..12),
        proptest::collection::vec(0usize..20, 0..8),
    )
}

proptest! {
    /// A first frame's customers get from the kept file what the whole portfolio gets:
    /// the same tenants and history as when the file was written, the same as `attach`
    /// gives the whole portfolio from it.
    #[test]
    fn a_first_frame_reads_what_the_whole_portfolio_reads((have, found, picks) in cases()) {
        let root = tempfile::tempdir().unwrap();
        let snapshots = root.path().join("snapshots");
        let current = snapshots.join("new");
        std::fs::create_dir_all(&current).unwrap();
        let older: Vec<PathBuf> = vec![snapshots.join("old")];
        // Unique ids, as the builder keys customers.
        let mut seen = std::collections::HashSet::new();
        let written: Vec<Customer> = have
            .into_iter()
            .filter(|(id, ..)| id.is_none_or(|k| seen.insert(k)))
            .enumerate()
            .map(|(n, (id, upper, points, graph))| customer(n, id, upper, points, graph))
            .collect();
        let mut tenants_seen = std::collections::HashSet::new();
        let carried: Vec<Customer> = found
            .into_iter()
            .filter(|(k, _)| tenants_seen.insert(*k))
            .map(|(k, file)| carried(k, file, &snapshots))
            .collect();
        // The file as an open writes it: the portfolio with tenants and history attached.
        let mut full = Portfolio { customers: written.clone(), ..Default::default() };
        super::tenants::attach(&mut full, carried.clone());
        let inputs = super::inputs(&snapshots, &current, &older);
        prop_assert!(super::write(&full, &current, inputs, &carried).is_some());
        let bare = |c: &Customer| Customer { history: Vec::new(), ..c.clone() };
        // The whole portfolio, read back.
        let mut whole = Portfolio {
            customers: written.iter().map(bare).collect(),
            ..Default::default()
        };
        super::attach(&mut whole, &current, &older, None);
        prop_assert_eq!(&whole.customers, &full.customers);
        // A first frame of some of them, in any order.
        let places: Vec<usize> = picks.into_iter().filter(|&p| p < written.len()).collect();
        let mut first: Vec<Customer> = places.iter().map(|&p| bare(&written[p])).collect();
        prop_assert!(super::attach_first(&mut first, &places, &current, &older));
        for (c, &p) in first.iter().zip(&places) {
            prop_assert_eq!(c, &whole.customers[p]);
        }
    }
}

/// A cache whose current snapshot keeps the file of one customer (id 1) with two points of
/// history, and with `tenant`, one tenant carried from an older snapshot: the cache, the
/// current snapshot and the older ones.
fn kept(tenant: bool) -> (tempfile::TempDir, PathBuf, Vec<PathBuf>) {
    let root = tempfile::tempdir().unwrap();
    let snapshots = root.path().join("snapshots");
    let current = snapshots.join("new");
    std::fs::create_dir_all(&current).unwrap();
    let older = vec![snapshots.join("old")];
    let full = Portfolio {
        customers: vec![customer(0, Some(1), false, 2, false)],
        ..Default::default()
    };
    let inputs = super::inputs(&snapshots, &current, &older);
    let tenants: Vec<Customer> = tenant
        .then(|| carried(3, true, &snapshots))
        .into_iter()
        .collect();
    super::write(&full, &current, inputs, &tenants).unwrap();
    (root, current, older)
}

/// A kept file of another portfolio (a customer elsewhere than its place says) gives no
/// first frame.
#[test]
fn a_file_of_another_portfolio_gives_no_first_frame() {
    let (_root, current, older) = kept(false);
    let mut other = vec![customer(0, Some(2), false, 0, false)];
    assert!(!super::attach_first(&mut other, &[0], &current, &older));
    std::fs::remove_file(current.join(super::FILE)).unwrap();
    assert!(!super::attach_first(&mut other, &[0], &current, &older));
    assert!(super::attach_first(&mut other, &[0], &current, &[]));
}

/// A cut or damaged file gives no first frame, and its lengths are never allocated.
#[test]
fn a_damaged_file_gives_no_first_frame() {
    let (_root, current, older) = kept(true);
    let path = current.join(super::FILE);
    let good = std::fs::read(&path).unwrap();
    let first = |bytes: &[u8]| {
        std::fs::write(&path, bytes).unwrap();
        let mut c = vec![customer(0, Some(1), false, 0, false)];
        super::attach_first(&mut c, &[0], &current, &older)
    };
    assert!(first(&good));
    for cut in [0, 3, 4, good.len() / 2, good.len() - 1] {
        assert!(!first(&good[..cut]), "cut at {cut}");
    }
    let mut huge = good.clone();
    huge[..4].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(!first(&huge));
}
