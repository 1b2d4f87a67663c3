//! Issue 14's scale: 2 000 tenants with Microsoft Graph data of 500 users each, opened from the
//! cache, against the same 2 000 customers without Graph data: index build, index open (first
//! frame, whole portfolio), metrics + advice.
//!
//! `cargo bench --bench graph` (`UPTAKE_BENCH_GRAPH=TENANTSxUSERS`, default `2000x500`).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::TimeZone;
use criterion::Criterion;
use uptake::domain::model::Portfolio;
use uptake::domain::thresholds::Thresholds;

fn now() -> uptake::domain::model::Timestamp {
    chrono::Utc.with_ymd_and_hms(2025, 6, 19, 12, 0, 0).unwrap()
}

fn size() -> (usize, usize) {
    std::env::var("UPTAKE_BENCH_GRAPH")
        .ok()
        .and_then(|s| {
            let (t, u) = s.split_once('x')?;
            Some((t.parse().ok()?, u.parse().ok()?))
        })
        .unwrap_or((2_000, 500))
}

/// A generated export of `tenants` customers, each customer with a tenant id given a Graph
/// folder of `users` users (kept between runs).
fn export(tenants: usize, users: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("uptake-bench-graph-{tenants}x{users}"));
    if !dir.join("done").is_file() {
        let _ = std::fs::remove_dir_all(&dir);
        let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 14).unwrap();
        let summary = uptake::demo::generate::write(tenants, 42, as_of, &dir).unwrap();
        for id in summary
            .ids
            .iter()
            .filter(|i| i.len() == 36 && !i.contains(':'))
        {
            let (skus, csv) = uptake::demo::generate::graph::tenant_files(42, id, users, as_of);
            let folder = dir.join(id);
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join("subscribedSkus.json"), skus).unwrap();
            std::fs::write(folder.join("getOffice365ActiveUserDetail.csv"), csv).unwrap();
        }
        std::fs::write(dir.join("done"), "").unwrap();
    }
    dir
}

fn snapshot(portfolio: &Portfolio) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let relative = |_: &str| None;
    uptake::store::index::write(dir.path(), portfolio, &[], &relative).unwrap();
    dir
}

fn open_whole(dir: &Path) -> usize {
    uptake::store::index::Index::open(dir)
        .unwrap()
        .portfolio()
        .unwrap()
        .customers
        .len()
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let t = Thresholds::default();
    let (tenants, users) = size();
    let dir = export(tenants, users);
    let with = uptake::import::load_paths(std::slice::from_ref(&dir)).unwrap();
    let mut without = with.clone();
    for customer in &mut without.customers {
        customer.graph = None;
    }
    let graph_users: usize = with
        .customers
        .iter()
        .filter_map(|c| c.graph.as_deref())
        .map(|g| g.users().count())
        .sum();
    eprintln!("{tenants} customers, {graph_users} Graph users");
    for (label, portfolio) in [("with Graph users", &with), ("without Graph", &without)] {
        let mut g = c.benchmark_group(format!("{tenants} customers {label}"));
        g.sample_size(10).warm_up_time(Duration::from_secs(1));
        let relative = |_: &str| None;
        g.bench_function("index build", |b| {
            b.iter(|| {
                black_box(
                    uptake::store::index::encode(portfolio, &[], &relative)
                        .unwrap()
                        .len(),
                )
            })
        });
        let snap = snapshot(portfolio);
        eprintln!(
            "{label}: index.bin {} bytes",
            std::fs::metadata(snap.path().join("index.bin"))
                .unwrap()
                .len()
        );
        g.bench_function("index open (checked) + first frame's customers", |b| {
            b.iter(|| {
                let index = uptake::store::index::Index::open(snap.path()).unwrap();
                black_box(index.partial("contoso", 200).unwrap().1)
            })
        });
        g.bench_function("index open (checked) + whole portfolio", |b| {
            b.iter(|| black_box(open_whole(snap.path())))
        });
        g.bench_function("metrics + advice, whole portfolio (rows in memory)", |b| {
            b.iter(|| black_box(uptake::domain::analysis::assess(portfolio, &t, now()).len()))
        });
        let cached = uptake::store::index::Index::open(snap.path())
            .unwrap()
            .portfolio()
            .unwrap();
        g.bench_function(
            "metrics + advice, whole portfolio (as opened from the cache)",
            |b| b.iter(|| black_box(uptake::domain::analysis::assess(&cached, &t, now()).len())),
        );
        g.finish();
    }
    c.final_summary();
}
