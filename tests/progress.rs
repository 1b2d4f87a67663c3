//! Issue 16, progress on long work: an import can be cancelled (Ctrl-C) and leaves nothing
//! half-written; a watcher sees every byte of the files counted once.

mod common;

use std::time::Duration;

use chrono::NaiveDate;
use uptake::import::progress::{Progress, Stage};

fn export(customers: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 14).unwrap();
    uptake::demo::generate::write(customers, 3, as_of, dir.path()).unwrap();
    dir
}

/// Every entry of the cache's snapshots folder (snapshots and temporary folders alike).
fn cache_entries(cache: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(cache.join("snapshots"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_watched_read_counts_every_byte_of_the_files_once() {
    let dir = export(400);
    let progress = Progress::new();
    let portfolio =
        uptake::import::load_paths_watched(&[dir.path().to_path_buf()], Some(progress.clone()))
            .unwrap();
    assert_eq!(portfolio.customers.len(), 400);
    // Reading is over: the portfolio was built after it.
    assert_eq!(progress.seen().stage, Stage::Building);
    let seen = progress.previous().expect("the reading stage");
    // The export files (the partner's prices beside them are read apart, not here).
    let files: Vec<_> = common::files_under(dir.path())
        .into_iter()
        .filter(|p| !p.ends_with("prices.csv"))
        .collect();
    let bytes: u64 = files.iter().map(|p| p.metadata().unwrap().len()).sum();
    assert_eq!(seen.stage, Stage::Reading);
    assert_eq!(seen.total, bytes);
    // The BOM of the Graph reports is not parsed text: at most 3 bytes a file short.
    let files = files.len() as u64;
    assert!(
        seen.done <= bytes && seen.done + 3 * files >= bytes,
        "{seen:?} of {bytes}"
    );
}

#[test]
fn a_cancelled_import_writes_nothing() {
    let dir = export(200);
    let cache = tempfile::tempdir().unwrap();
    let progress = Progress::new();
    progress.cancel();
    let err = uptake::store::snapshots::import_watched(
        &[dir.path().to_path_buf()],
        cache.path(),
        common::now(),
        Some(progress),
    )
    .unwrap_err();
    assert!(
        matches!(
            err.downcast_ref::<uptake::import::ImportError>(),
            Some(uptake::import::ImportError::Cancelled)
        ),
        "{err:#}"
    );
    assert!(cache_entries(cache.path()).is_empty());
}

/// Cancelled while a large Insights download streams (its rows are split on a thread of their
/// own): the read stops with `Cancelled` instead of building a portfolio of the rows before,
/// and no thread is left waiting.
#[test]
fn a_download_cancelled_while_it_streams_stops() {
    let dir = tempfile::tempdir().unwrap();
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 14).unwrap();
    uptake::demo::generate::write_as(
        20_000,
        3,
        as_of,
        dir.path(),
        uptake::demo::generate::ExportFormat::Csv,
    )
    .unwrap();
    let csv = common::files_under(dir.path())
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "csv") && !p.ends_with("prices.csv"))
        .expect("a download");
    let size = csv.metadata().unwrap().len();
    assert!(
        size > 8 << 20,
        "{size} bytes: several batches past the first read"
    );
    let progress = Progress::new();
    let watcher = progress.clone();
    let canceller = std::thread::spawn(move || {
        // Once a row past the first megabyte is summed, the rows stream.
        while watcher.seen().done < 2 << 20 {
            std::thread::sleep(Duration::from_micros(200));
        }
        watcher.cancel();
    });
    let result = uptake::import::load_paths_watched(&[csv], Some(progress.clone()));
    canceller.join().unwrap();
    let seen = progress.seen();
    assert!(seen.done < size, "stopped before the end: {seen:?}");
    assert!(
        matches!(result, Err(uptake::import::ImportError::Cancelled)),
        "{:?}",
        result.map(|p| p.customers.len())
    );
}

/// Ctrl-C during `uptake import`: exit 130, a message, and no snapshot or temporary folder;
/// a TERM the same, with its own exit status (143), as a shell reports a process it ended.
#[test]
fn ctrl_c_cancels_an_import_cleanly() {
    let dir = export(6000);
    for (signal, code) in [("-INT", 130), ("-TERM", 143)] {
        let cache = tempfile::tempdir().unwrap();
        let child = common::Run::new()
            .cache(cache.path())
            .arg("import")
            .arg(dir.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn();
        // Long enough for the signal handlers to be in place, well before a debug build has
        // read 40 MB.
        std::thread::sleep(Duration::from_millis(150));
        let status = std::process::Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let out = child.wait_with_output();
        let err = common::stderr(&out);
        assert_eq!(out.status.code(), Some(code), "{signal}: {err}");
        assert!(
            err.contains("import cancelled: nothing was written"),
            "{err}"
        );
        assert!(
            cache_entries(cache.path()).is_empty(),
            "{:?}",
            cache_entries(cache.path())
        );
    }
}

/// The loading screen of raw files shows how far reading has come: the file, the megabytes
/// read of all, the rate, and a gauge; once everything is read, that the portfolio is built.
#[test]
fn the_loading_screen_shows_the_file_bytes_and_rate() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use uptake::import::progress::Seen;
    let draw = |seen: Seen| {
        let mut terminal = Terminal::new(TestBackend::new(100, 6)).unwrap();
        terminal
            .draw(|frame| {
                uptake::tui::ui::draw_loading(
                    frame,
                    "reading export",
                    3,
                    Duration::from_secs(2),
                    Some(seen),
                    &uptake::tui::theme::Theme::dark(),
                    uptake::i18n::Lang::En,
                )
            })
            .unwrap();
        let buf = terminal.backend().buffer().clone();
        (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
    };
    let lines = draw(Seen {
        stage: Stage::Reading,
        file: "usage.json".into(),
        done: 120_000_000,
        total: 348_000_000,
        stage_elapsed: None,
    });
    assert!(lines[0].contains("reading export · 2 s"), "{lines:#?}");
    // 120 MB in 2 s: 60 MB/s.
    assert!(
        lines[2].contains("reading usage.json · 120 of 348 MB · 60 MB/s"),
        "{lines:#?}"
    );
    // A second stage (older snapshots' reports after the exports): its rate is of its own
    // time, not of the whole wait (found by a helper: it started at 2 MB/s and climbed).
    let lines = draw(Seen {
        stage: Stage::Reading,
        file: "usage.json".into(),
        done: 120_000_000,
        total: 348_000_000,
        stage_elapsed: Some(Duration::from_millis(500)),
    });
    assert!(lines[2].contains("· 240 MB/s"), "{lines:#?}");
    // A long path (a tenant's report deep in the cache) gives up its start, never the
    // figures: found by a helper, the bytes and rate were cut off.
    let long = format!(
        "/home/partner/.cache/uptake/snapshots/20261204T204126Z/{}/getOffice365ActiveUserDetail.csv",
        "023995f0-1c3d-4a5b-9e7f-a0b1c2d3e4f5"
    );
    let lines = draw(Seen {
        stage: Stage::Reading,
        file: long,
        done: 120_000_000,
        total: 348_000_000,
        stage_elapsed: None,
    });
    assert!(
        lines[2].contains("getOffice365ActiveUserDetail.csv · 120 of 348 MB · 60 MB/s"),
        "{lines:#?}"
    );
    assert!(lines[2].contains("reading …"), "{lines:#?}");
    let lines = draw(Seen {
        stage: Stage::Reading,
        file: "usage.json".into(),
        done: 348_000_000,
        total: 348_000_000,
        stage_elapsed: None,
    });
    assert!(
        lines[2].contains("all read · building the portfolio"),
        "{lines:#?}"
    );
}

/// Raw files: once read, a first frame holds the named customer (assessed alone) before the
/// whole portfolio is assessed; then the whole portfolio follows, the same customer in it.
#[test]
fn raw_files_show_the_named_customer_before_the_whole_portfolio() {
    let dir = export(3_000);
    let data = [dir.path().to_path_buf()];
    let whole = uptake::import::load_paths(&data).unwrap();
    let named = whole.customers[1_777].name.as_str().to_string();
    let request = uptake::load::Request {
        data: &data,
        demo: false,
        cache: None,
        progress: None,
    };
    let t = uptake::domain::thresholds::Thresholds::default();
    let start =
        uptake::load::start(&request, &named, &t, common::now(), Default::default()).unwrap();
    let uptake::load::Start::Loading { partial, full, .. } = start else {
        panic!("raw files load on another thread");
    };
    assert!(partial.is_none(), "nothing before the files are read");
    let wait = Duration::from_secs(120);
    let uptake::load::Arrival::First(first, total) = full.recv_timeout(wait).unwrap() else {
        panic!("a first frame before the whole portfolio");
    };
    assert_eq!(total, 3_000);
    assert!(first.portfolio.customers.len() <= 200);
    assert!(
        first
            .portfolio
            .customers
            .iter()
            .any(|c| c.name.as_str() == named),
        "the named customer is in the first frame"
    );
    // Its numbers are those the whole portfolio gives it.
    let at = |l: &uptake::load::Loaded| {
        let i = l
            .portfolio
            .customers
            .iter()
            .position(|c| c.name.as_str() == named)
            .unwrap();
        l.assessment(i).unwrap().metrics
    };
    let uptake::load::Arrival::Full(loaded) = full.recv_timeout(wait).unwrap() else {
        panic!("then the whole portfolio");
    };
    let loaded = loaded.unwrap();
    assert_eq!(loaded.portfolio.customers.len(), 3_000);
    assert_eq!(format!("{:?}", at(&first)), format!("{:?}", at(&loaded)));
    // The first frame holds what a search of the finished portfolio puts first, in its order,
    // and the whole portfolio's date (it is sent before the portfolio is put in order).
    let ids = |customers: &mut dyn Iterator<Item = &uptake::domain::model::Customer>| {
        customers
            .map(|c| c.id.as_ref().map(|i| i.as_str().to_string()))
            .collect::<Vec<_>>()
    };
    let best = uptake::domain::search::best_in(&loaded.portfolio, &named, 200);
    assert_eq!(
        ids(&mut first.portfolio.customers.iter()),
        ids(&mut best.iter().map(|&i| &loaded.portfolio.customers[i]))
    );
    assert_eq!(first.as_of, loaded.portfolio.newest_as_of());
}
