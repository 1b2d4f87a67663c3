//! Loading and using portfolios of 1 000, 10 000 and 100 000 generated customers:
//! raw import (MB/s), index build, index open, metrics + advice, a search keystroke with its
//! 120×40 frame, a frame, a sort change; and the floor: serde_json alone parsing the same
//! files into typed owned rows on one thread.
//!
//! `cargo bench --bench portfolio` (set `UPTAKE_BENCH_SIZES=1000,10000` to skip the largest).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::TimeZone;
use criterion::{BenchmarkId, Criterion, Throughput};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use uptake::domain::analysis::SortKey;
use uptake::domain::thresholds::Thresholds;
use uptake::load::{Loaded, Source};
use uptake::tui::app::App;
use uptake::tui::keymap::Action;
use uptake::tui::theme::Theme;

fn now() -> uptake::domain::model::Timestamp {
    chrono::Utc.with_ymd_and_hms(2025, 6, 19, 12, 0, 0).unwrap()
}

/// A generated export (kept between runs).
fn export(customers: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("uptake-bench-{customers}"));
    if !dir.join("usage.json").is_file() {
        let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 14).unwrap();
        uptake::demo::generate::write(customers, 42, as_of, &dir).unwrap();
    }
    dir
}

fn bytes(dir: &Path) -> u64 {
    ["deployment.json", "usage.json"]
        .iter()
        .map(|f| std::fs::metadata(dir.join(f)).unwrap().len())
        .sum()
}

#[path = "common/floor.rs"]
mod floor;
use floor::Collection;

fn floor(dir: &Path) -> usize {
    ["deployment.json", "usage.json"]
        .iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(f)).unwrap();
            serde_json::from_slice::<Collection>(&bytes)
                .unwrap()
                .items
                .len()
        })
        .sum()
}

fn sizes() -> Vec<usize> {
    std::env::var("UPTAKE_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let t = Thresholds::default();
    for n in sizes() {
        let dir = export(n);
        let mb = bytes(&dir);
        let samples = if n >= 100_000 { 10 } else { 20 };
        let mut g = c.benchmark_group(format!("{n} customers"));
        g.sample_size(samples).warm_up_time(Duration::from_secs(1));

        g.throughput(Throughput::Bytes(mb));
        g.bench_function(BenchmarkId::new("raw import", "uptake"), |b| {
            b.iter(|| black_box(uptake::import::load_paths(std::slice::from_ref(&dir)).unwrap()))
        });
        g.bench_function(
            BenchmarkId::new("raw import", "floor: serde_json typed rows, 1 thread"),
            |b| b.iter(|| black_box(floor(&dir))),
        );

        let portfolio = uptake::import::load_paths(std::slice::from_ref(&dir)).unwrap();
        let snapshot = tempfile::tempdir().unwrap();
        for f in ["deployment.json", "usage.json"] {
            std::fs::copy(dir.join(f), snapshot.path().join(f)).unwrap();
        }
        let names = vec!["deployment.json".to_string(), "usage.json".to_string()];
        let stamps = uptake::store::index::stamps(snapshot.path(), &names).unwrap();
        let relative = |_: &str| None;
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function("index build", |b| {
            b.iter(|| {
                black_box(
                    uptake::store::index::encode(&portfolio, &stamps, &relative)
                        .unwrap()
                        .len(),
                )
            })
        });
        uptake::store::index::write(snapshot.path(), &portfolio, &stamps, &relative).unwrap();
        g.bench_function("index open (checked) + first frame's customers", |b| {
            b.iter(|| {
                let index = uptake::store::index::Index::open(snapshot.path()).unwrap();
                black_box(index.partial("contoso", 200).unwrap().1)
            })
        });
        g.bench_function("index open (checked) + whole portfolio", |b| {
            b.iter(|| {
                black_box(
                    uptake::store::index::Index::open(snapshot.path())
                        .unwrap()
                        .portfolio()
                        .unwrap()
                        .customers
                        .len(),
                )
            })
        });
        g.bench_function("metrics + advice, whole portfolio", |b| {
            b.iter(|| black_box(uptake::domain::analysis::assess(&portfolio, &t, now()).len()))
        });

        let loaded = Loaded::new(portfolio.clone(), Source::Demo, &t, now());
        g.bench_function("sort by usage ↑, whole portfolio", |b| {
            b.iter(|| {
                let mut order: Vec<usize> = (0..loaded.rows.len()).collect();
                uptake::domain::analysis::sort(&mut order, &loaded.rows, SortKey::UsageAsc);
                black_box(order[0])
            })
        });
        let mut app = App::new(loaded);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        let theme = Theme::dark();
        app.update(Action::StartSearch);
        for ch in "mul".chars() {
            app.update(Action::SearchInput(ch));
        }
        g.bench_function("search keystroke pair + 120x40 frames", |b| {
            b.iter(|| {
                app.update(Action::SearchInput('l'));
                terminal
                    .draw(|f| {
                        uptake::tui::ui::draw(
                            f,
                            &app,
                            &mut uptake::tui::ui::ViewState::default(),
                            &theme,
                        );
                    })
                    .unwrap();
                app.update(Action::SearchBackspace);
                terminal
                    .draw(|f| {
                        uptake::tui::ui::draw(
                            f,
                            &app,
                            &mut uptake::tui::ui::ViewState::default(),
                            &theme,
                        );
                    })
                    .unwrap();
            })
        });
        app.update(Action::SearchCancel);
        g.bench_function(
            "first search keystroke (whole portfolio) + frame, then Esc",
            |b| {
                b.iter(|| {
                    app.update(Action::StartSearch);
                    app.update(Action::SearchInput('c'));
                    terminal
                        .draw(|f| {
                            uptake::tui::ui::draw(
                                f,
                                &app,
                                &mut uptake::tui::ui::ViewState::default(),
                                &theme,
                            );
                        })
                        .unwrap();
                    app.update(Action::SearchCancel);
                })
            },
        );
        g.bench_function("one 120x40 frame", |b| {
            b.iter(|| {
                terminal
                    .draw(|f| {
                        uptake::tui::ui::draw(
                            f,
                            &app,
                            &mut uptake::tui::ui::ViewState::default(),
                            &theme,
                        );
                    })
                    .unwrap();
            })
        });
        g.bench_function("sort change (usage ↑) + frame", |b| {
            b.iter(|| {
                while app.sort != SortKey::UsageAsc {
                    app.update(Action::CycleSort);
                }
                terminal
                    .draw(|f| {
                        uptake::tui::ui::draw(
                            f,
                            &app,
                            &mut uptake::tui::ui::ViewState::default(),
                            &theme,
                        );
                    })
                    .unwrap();
                app.update(Action::CycleSort);
            })
        });
        g.finish();
    }
    c.final_summary();
}
