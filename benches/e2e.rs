//! End-to-end figures: what a partner waits for, measured on the real binary in a
//! pseudo-terminal read through a terminal emulator, on several shapes of export, each
//! compared with the floor measured in the same run.
//!
//! ```text
//! cargo bench --bench e2e -- [--customers 100000] [--runs 3] [--shapes demo,csv,wide]
//!                            [--million] [--million-shape csv] [--history 24] [--work DIR]
//!                            [--keep] [--compare CACHE_A,CACHE_B]
//! ```
//!
//! Per shape: the export is written, the floor is measured (serde_json parsing the JSON files
//! into typed rows, the csv crate reading the CSV files into records, one thread, the files in
//! the page cache), the export is imported (`uptake import`, timed, peak RSS), then `uptake NAME`
//! runs in a 120×40 pty: launch → the named customer's gauges, the whole portfolio loaded, a
//! search burst (the name typed at once, until its result is drawn), a sort change, the
//! overview, and the session's peak RSS; then `uptake --data EXPORT NAME` (raw files) the same
//! way. `--million` adds a shape (`--million-shape`, demo by default) at 1 000 000 customers;
//! `--history N` imports N monthly snapshots of the demo shape, compares opening them with
//! opening the first alone (in a 180-column pty: the title of a two-year-old snapshot carries
//! its staleness warning), then prunes to two and checks the trend is unchanged. `--keep`
//! leaves each shape's export and cache. `--compare A,B` opens two existing caches in turn
//! (`--runs` sessions each, alternating, so both see the same machine) and prints B's times as
//! ratios to A's: a change's effect on a cache kept from an earlier run, without importing again.
//! Linux only (peak RSS from `/proc`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use uptake::demo::generate::{self, ExportFormat};

const BIN: &str = env!("CARGO_BIN_EXE_uptake");
const ROWS: u16 = 40;
const COLS: u16 = 120;
/// History sessions open snapshots up to two years old: the title's staleness warning needs
/// room, or the title is cut before the customer count that says the portfolio is loaded.
const WIDE_COLS: u16 = 180;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Shape {
    /// `uptake demo`: v1 JSON, prices, subscriptions, Graph tenant folders for some customers.
    Demo,
    /// `uptake demo --format csv`: an Insights OfficeUsage download, three months.
    Csv,
    /// Written here: v1 JSON with 3–26 records per customer, long names (accents, CJK), many
    /// products.
    Wide,
}

struct Options {
    customers: usize,
    runs: usize,
    shapes: Vec<Shape>,
    million: bool,
    /// The shape of the 1 000 000-customer run (`--million-shape`, default demo).
    million_shape: Shape,
    history: usize,
    work: PathBuf,
    /// Leave the last export and cache of each shape in `work` (to try them by hand).
    keep: bool,
    /// Two existing caches to compare (`--compare A,B`).
    compare: Option<(PathBuf, PathBuf)>,
}

fn shape(name: &str) -> Shape {
    match name {
        "demo" => Shape::Demo,
        "csv" => Shape::Csv,
        "wide" => Shape::Wide,
        other => panic!("unknown shape {other}"),
    }
}

fn options() -> Options {
    let mut o = Options {
        customers: 100_000,
        runs: 3,
        shapes: vec![Shape::Demo, Shape::Csv, Shape::Wide],
        million: false,
        million_shape: Shape::Demo,
        history: 0,
        work: std::env::temp_dir().join("uptake-e2e"),
        keep: false,
        compare: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().expect("a value");
        match a.as_str() {
            "--customers" => o.customers = value().parse().expect("a number"),
            "--runs" => o.runs = value().parse().expect("a number"),
            "--history" => o.history = value().parse().expect("a number"),
            "--million" => o.million = true,
            "--keep" => o.keep = true,
            "--compare" => {
                let v = value();
                let (a, b) = v.split_once(',').expect("--compare A,B");
                o.compare = Some((PathBuf::from(a), PathBuf::from(b)));
            }
            "--work" => o.work = PathBuf::from(value()),
            "--million-shape" => o.million_shape = shape(&value()),
            "--shapes" => {
                o.shapes = value()
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(shape)
                    .collect()
            }
            // cargo bench passes --bench.
            _ => {}
        }
    }
    o
}

fn main() {
    let o = options();
    if let Some((a, b)) = &o.compare {
        compare(a, b, o.runs);
        return;
    }
    std::fs::create_dir_all(&o.work).unwrap();
    let as_of = chrono::Utc::now().date_naive() - chrono::TimeDelta::days(5);
    for &shape in &o.shapes {
        run_shape(&o, shape, o.customers, as_of);
    }
    if o.million {
        run_shape(&o, o.million_shape, 1_000_000, as_of);
    }
    if o.history > 0 {
        history(&o, as_of);
    }
}

/// Writes the export of `shape` into `dir`.
fn write_export(shape: Shape, customers: usize, as_of: chrono::NaiveDate, dir: &Path) {
    match shape {
        Shape::Demo => drop(generate::write_as(
            customers,
            1,
            as_of,
            dir,
            ExportFormat::Json,
        )),
        Shape::Csv => drop(generate::write_as(
            customers,
            1,
            as_of,
            dir,
            ExportFormat::Csv,
        )),
        Shape::Wide => wide(customers, as_of, dir).unwrap(),
    }
}

fn run_shape(o: &Options, shape: Shape, customers: usize, as_of: chrono::NaiveDate) {
    let name = format!("{shape:?}-{customers}").to_lowercase();
    let export = o.work.join(&name);
    let cache = o.work.join(format!("{name}-cache"));
    let _ = std::fs::remove_dir_all(&export);
    let _ = std::fs::remove_dir_all(&cache);
    write_export(shape, customers, as_of, &export);
    let (files, bytes) = size(&export);
    let mb = bytes as f64 / 1e6;
    let floors: Vec<f64> = (0..3).map(|_| floor(&export)).collect();
    let floor = median(floors);
    println!(
        "\n## {shape:?}: {customers} customers, {files} files, {mb:.0} MB; floor {floor:.2} s \
         (serde_json typed rows + csv records, 1 thread)"
    );
    let (import_s, import_rss) = import(&cache, &[&export]);
    println!(
        "  import                               {import_s:8.1} s       peak RSS {import_rss:6.0} MB ({:.2}× the export)",
        import_rss / mb
    );
    let target = pick_target(&cache);
    println!("  customer: {:?}", target.name);
    let cached: Vec<Session> = (0..o.runs)
        .map(|_| measure(&cache, &[], &target, true))
        .collect();
    report("cached", &cached, mb, None);
    let raw_runs = if customers >= 1_000_000 { 1 } else { o.runs };
    let export_arg = export.to_string_lossy().into_owned();
    let raw: Vec<Session> = (0..raw_runs)
        .map(|_| measure(&cache, &["--data", &export_arg], &target, false))
        .collect();
    report("raw --data", &raw, mb, Some(floor));
    if !o.keep {
        let _ = std::fs::remove_dir_all(&export);
        let _ = std::fs::remove_dir_all(&cache);
    }
}

/// Files and bytes under `dir`.
fn size(dir: &Path) -> (usize, u64) {
    let mut out = (0, 0);
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let meta = entry.metadata().unwrap();
        if meta.is_dir() {
            let (f, b) = size(&entry.path());
            out = (out.0 + f, out.1 + b);
        } else {
            out = (out.0 + 1, out.1 + meta.len());
        }
    }
    out
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

#[path = "common/floor.rs"]
mod floor;
use floor::Collection;

/// Seconds to parse every file under `dir` on one thread: v1 collections into typed rows,
/// other JSON checked (`IgnoredAny`), CSV into records.
fn floor(dir: &Path) -> f64 {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, &mut files);
    let started = Instant::now();
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        match path.extension().and_then(|e| e.to_str()) {
            Some("json") if bytes.starts_with(b"{\"items\":") => {
                std::hint::black_box(serde_json::from_slice::<Collection>(&bytes).unwrap());
            }
            Some("json") => {
                std::hint::black_box(
                    serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).unwrap(),
                );
            }
            Some("csv") => {
                let mut r = csv::ReaderBuilder::new()
                    .flexible(true)
                    .from_reader(bytes.as_slice());
                let records: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
                std::hint::black_box(records);
            }
            _ => {}
        }
    }
    started.elapsed().as_secs_f64()
}

fn env(cmd: &mut Command, cache: &Path) {
    cmd.env("UPTAKE_CACHE_DIR", cache)
        .env("UPTAKE_CONFIG", "/dev/null")
        .env_remove("UPTAKE_NOW");
}

/// Peak RSS of a running process, in MB (Linux `VmHWM`).
fn peak_rss(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Runs `uptake import PATHS…`: seconds and peak RSS (MB).
fn import(cache: &Path, paths: &[&Path]) -> (f64, f64) {
    let mut cmd = Command::new(BIN);
    cmd.arg("import").args(paths);
    env(&mut cmd, cache);
    let started = Instant::now();
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut rss: f64 = 0.0;
    loop {
        if let Some(mb) = peak_rss(child.id()) {
            rss = rss.max(mb);
        }
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "import failed");
            return (started.elapsed().as_secs_f64(), rss);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The customer a session opens: a unique name from the second half of the list (ASCII and
/// short where the shape has such names), and its id (what the detail pane shows of it alone).
#[derive(Clone, Default)]
struct Target {
    name: String,
    id: Option<String>,
}

impl Target {
    /// What shows that this customer's detail is on screen.
    fn marker(&self) -> String {
        match &self.id {
            Some(id) => format!("id {id}"),
            None => self.name.clone(),
        }
    }

    /// A search typed at once: the name's words up to 30 characters.
    fn burst(&self) -> String {
        let mut out = String::new();
        for word in self.name.split_whitespace() {
            if !out.is_empty() && out.chars().count() + word.chars().count() >= 30 {
                break;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out.to_lowercase()
    }
}

fn pick_target(cache: &Path) -> Target {
    let mut cmd = Command::new(BIN);
    cmd.args(["list", "--json", "--limit", "4000"]);
    env(&mut cmd, cache);
    let out = cmd.output().unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let all: Vec<Target> = list
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| {
            Some(Target {
                name: c["customer"]["name"].as_str()?.to_string(),
                id: c["customer"]["id"].as_str().map(str::to_string),
            })
        })
        .collect();
    let unique = |t: &&Target| all.iter().filter(|u| u.name == t.name).count() == 1;
    let later = &all[all.len() / 2..];
    later
        .iter()
        .filter(unique)
        .find(|t| t.name.is_ascii() && t.name.len() < 30)
        .or_else(|| later.iter().find(unique))
        .cloned()
        .expect("a unique name")
}

/// What one session measured (seconds; RSS in MB).
struct Session {
    first: Option<f64>,
    loaded: Option<f64>,
    search: Option<f64>,
    sort: Option<f64>,
    overview: Option<f64>,
    rss: f64,
}

struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    _master: Box<dyn MasterPty + Send>,
}

impl Pty {
    fn start(cache: &Path, args: &[&str], cols: u16) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.env("UPTAKE_CACHE_DIR", cache);
        cmd.env("UPTAKE_CONFIG", "/dev/null");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("UPTAKE_NOW");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Self {
            child,
            writer,
            output,
            parser: vt100::Parser::new(ROWS, cols, 0),
            _master: pair.master,
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    /// Seconds from `since` until `done(screen)` holds (`None` after `limit`).
    fn until(
        &mut self,
        since: Instant,
        limit: Duration,
        done: impl Fn(&str) -> bool,
    ) -> Option<f64> {
        loop {
            if done(&self.parser.screen().contents()) {
                return Some(since.elapsed().as_secs_f64());
            }
            if since.elapsed() > limit {
                return None;
            }
            if let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(5)) {
                self.parser.process(&bytes);
                // Everything already written, before looking at the screen again.
                while let Ok(more) = self.output.try_recv() {
                    self.parser.process(&more);
                }
            }
        }
    }

    fn quit(mut self) {
        self.send(b"q");
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.child.try_wait().ok().flatten().is_some() {
                return;
            }
            let _ = self.output.recv_timeout(Duration::from_millis(50));
        }
        let _ = self.child.kill();
    }
}

/// The first line of a screen (the title bar).
fn title(screen: &str) -> &str {
    screen.lines().next().unwrap_or("")
}

fn last_line(screen: &str) -> &str {
    screen.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("")
}

/// One session: launch → `name`'s gauges, the whole portfolio, and with `interactive` a
/// search burst, a sort change and the overview; the peak RSS before quitting.
fn measure(cache: &Path, extra: &[&str], target: &Target, interactive: bool) -> Session {
    measure_at(cache, extra, target, interactive, COLS)
}

/// [`measure`] in a terminal `cols` wide.
fn measure_at(
    cache: &Path,
    extra: &[&str],
    target: &Target,
    interactive: bool,
    cols: u16,
) -> Session {
    let mut args: Vec<&str> = extra.to_vec();
    args.push(&target.name);
    let started = Instant::now();
    let mut pty = Pty::start(cache, &args, cols);
    let limit = Duration::from_secs(900);
    let marker = target.marker();
    let first = pty.until(started, limit, |s| {
        s.contains(&marker) && s.contains("Deployment") && s.contains('%')
    });
    let loaded = pty.until(started, limit, |s| {
        let t = title(s);
        t.contains("customers") && !t.contains("loading")
    });
    let mut session = Session {
        first,
        loaded,
        search: None,
        sort: None,
        overview: None,
        rss: 0.0,
    };
    if interactive && loaded.is_some() {
        let short = Duration::from_secs(60);
        pty.send(b"/");
        pty.until(Instant::now(), short, |s| last_line(s).starts_with('/'));
        let query = target.burst();
        let prompt = format!("/{query}");
        let at = Instant::now();
        pty.send(query.as_bytes());
        session.search = pty.until(at, short, |s| {
            let l = last_line(s);
            l.contains(&prompt) && l.contains("match")
        });
        pty.send(b"\x1b");
        pty.until(Instant::now(), short, |s| !last_line(s).starts_with('/'));
        let at = Instant::now();
        pty.send(b"s");
        session.sort = pty.until(at, short, |s| title(s).contains("sort: usage"));
        let at = Instant::now();
        pty.send(b"o");
        session.overview = pty.until(at, short, |s| {
            s.contains("Portfolio overview") && s.contains("Top opportunities")
        });
        pty.send(b"\x1b");
    }
    // The session settles (a last frame) before its peak is read.
    pty.until(Instant::now(), Duration::from_millis(300), |_| false);
    session.rss = pty
        .child
        .process_id()
        .and_then(peak_rss)
        .unwrap_or(f64::NAN);
    pty.quit();
    session
}

fn ms(v: Option<f64>) -> f64 {
    v.map_or(f64::NAN, |s| s * 1000.0)
}

/// Prints the medians (and worst) of `runs`.
fn report(label: &str, runs: &[Session], mb: f64, floor: Option<f64>) {
    let col = |f: fn(&Session) -> Option<f64>| -> (f64, f64) {
        let v: Vec<f64> = runs.iter().map(|r| ms(f(r))).collect();
        let worst = v.iter().copied().fold(f64::NAN, f64::max);
        (median(v), worst)
    };
    let line = |what: &str, (m, w): (f64, f64), target: &str| {
        println!("  {label:10} {what:26} {m:8.0} ms (worst {w:6.0})   target {target}");
    };
    let first = col(|r| r.first);
    line(
        "launch → gauges",
        first,
        if floor.is_some() {
            "≤ 1.3× floor"
        } else {
            "≤ 150 ms"
        },
    );
    if let Some(floor) = floor {
        println!(
            "  {label:10} {:26} {:8.2}×",
            "launch → gauges ÷ floor",
            first.0 / 1000.0 / floor
        );
    } else {
        line(
            "whole portfolio loaded",
            col(|r| r.loaded),
            "(whole-portfolio work)",
        );
        line("search burst", col(|r| r.search), "≤ 50 ms");
        line("sort change", col(|r| r.sort), "≤ 100 ms");
        line("overview", col(|r| r.overview), "≤ 300 ms");
    }
    let rss = runs.iter().map(|r| r.rss).fold(0.0, f64::max);
    println!(
        "  {label:10} {:26} {rss:8.0} MB = {:.2}× the export   target {}",
        "peak RSS",
        rss / mb,
        if floor.is_some() {
            "≤ 1.0×"
        } else {
            "≤ 0.3×"
        }
    );
}

/// `--compare A,B`: the same customer opened from two caches, sessions alternating.
fn compare(a: &Path, b: &Path, runs: usize) {
    let target = pick_target(a);
    println!(
        "\n## {} against {}: {runs} sessions each, alternating; customer {:?}",
        b.display(),
        a.display(),
        target.name
    );
    let (mut one, mut other) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        one.push(measure_at(a, &[], &target, false, WIDE_COLS));
        other.push(measure_at(b, &[], &target, false, WIDE_COLS));
    }
    ratios(&one, &other, "A", "B");
}

/// Prints the medians of `a` and `b` (launch → gauges, whole portfolio) and `b`'s ratio to `a`.
fn ratios(a: &[Session], b: &[Session], a_is: &str, b_is: &str) {
    let med = |runs: &[Session], f: fn(&Session) -> Option<f64>| {
        median(runs.iter().map(|r| ms(f(r))).collect())
    };
    for (what, f) in [
        (
            "launch → gauges",
            (|r: &Session| r.first) as fn(&Session) -> Option<f64>,
        ),
        ("whole portfolio loaded", |r: &Session| r.loaded),
    ] {
        let (x, y) = (med(a, f), med(b, f));
        println!(
            "  {what:26} {a_is} {x:7.0} ms · {b_is} {y:7.0} ms = {:.2}×   target ≤ 1.2×",
            y / x
        );
    }
    let rss = |runs: &[Session]| runs.iter().map(|r| r.rss).fold(0.0, f64::max);
    println!(
        "  peak RSS                   {a_is} {:5.0} MB · {b_is} {:5.0} MB",
        rss(a),
        rss(b)
    );
}

/// `--history N`: N monthly snapshots of the demo shape (one per month, oldest first); opening
/// the cache with the first alone and with all of them, and a customer's trend.
fn history(o: &Options, as_of: chrono::NaiveDate) {
    let cache = o.work.join("history-cache");
    let _ = std::fs::remove_dir_all(&cache);
    let export = o.work.join("history-export");
    println!(
        "\n## History: {} monthly snapshots of {} customers (demo shape)",
        o.history, o.customers
    );
    let mut one: Vec<Session> = Vec::new();
    let mut target = Target::default();
    let mut imports = Vec::new();
    for m in 0..o.history {
        let back = (o.history - 1 - m) as u32;
        let month = as_of.checked_sub_months(chrono::Months::new(back)).unwrap();
        let _ = std::fs::remove_dir_all(&export);
        write_export(Shape::Demo, o.customers, month, &export);
        imports.push(import(&cache, &[&export]).0);
        if m == 0 {
            target = pick_target(&cache);
            one = (0..o.runs)
                .map(|_| measure_at(&cache, &[], &target, false, WIDE_COLS))
                .collect();
        }
    }
    let _ = std::fs::remove_dir_all(&export);
    let all: Vec<Session> = (0..o.runs)
        .map(|_| measure_at(&cache, &[], &target, false, WIDE_COLS))
        .collect();
    println!(
        "  imports: median {:.1} s each; customer {:?}",
        median(imports),
        target.name
    );
    ratios(
        &one,
        &all,
        "1 snapshot",
        &format!("{} snapshots", o.history),
    );
    let trend = || {
        let mut cmd = Command::new(BIN);
        cmd.args(["show", &target.name, "--json"]);
        env(&mut cmd, &cache);
        let out = cmd.output().unwrap();
        let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        shown["trend"].clone()
    };
    let before = trend();
    println!(
        "  trend of {:?}: {}",
        target.name,
        serde_json::to_string(&before).unwrap_or_default()
    );
    // Pruned to the newest two, the trend keeps the pruned snapshots' points.
    let mut cmd = Command::new(BIN);
    cmd.args(["snapshots", "--prune", "2"]);
    env(&mut cmd, &cache);
    assert!(cmd.output().unwrap().status.success(), "prune failed");
    let after = trend();
    println!(
        "  pruned to 2 snapshots: the same trend {}",
        if after == before { "(yes)" } else { "(NO)" }
    );
    if after != before {
        println!(
            "  after pruning: {}",
            serde_json::to_string(&after).unwrap_or_default()
        );
    }
    let _ = std::fs::remove_dir_all(&cache);
}

/// The "wide" export: v1 JSON, each customer with 2–8 products and one to three workloads per
/// Office product (3–26 records), a long name of 3–7 words (accents, CJK).
fn wide(customers: usize, as_of: chrono::NaiveDate, dir: &Path) -> std::io::Result<()> {
    const WORDS: [&str; 16] = [
        "Consolidated",
        "Holdings",
        "Überseehandel",
        "Gesellschaft",
        "Ingeniería",
        "Solutions",
        "國際物流",
        "股份有限公司",
        "Façade",
        "Northwind",
        "Distribuição",
        "Ltd",
        "Pharmaceutical",
        "Kabushiki",
        "Logistik",
        "Øresund",
    ];
    const PRODUCTS: [&str; 12] = [
        "MICROSOFT 365 BUSINESS PREMIUM",
        "MICROSOFT 365 E3",
        "MICROSOFT 365 E5",
        "OFFICE 365 E1",
        "OFFICE 365 E3",
        "MICROSOFT 365 F3",
        "EXCHANGE ONLINE (PLAN 1)",
        "MICROSOFT 365 APPS FOR BUSINESS",
        "DYNAMICS 365 SALES ENTERPRISE",
        "DYNAMICS 365 CUSTOMER SERVICE PROFESSIONAL",
        "MICROSOFT TEAMS ESSENTIALS",
        "SHAREPOINT ONLINE (PLAN 2)",
    ];
    const WORKLOADS: [(&str, &str); 4] = [
        ("EXO", "Exchange"),
        ("SPO", "SharePoint"),
        ("TEAMS", "Teams"),
        ("YAM", "Yammer"),
    ];
    std::fs::create_dir_all(dir)?;
    let mut deployment =
        std::io::BufWriter::new(std::fs::File::create(dir.join("deployment.json"))?);
    let mut usage = std::io::BufWriter::new(std::fs::File::create(dir.join("usage.json"))?);
    deployment.write_all(b"{\"items\":[")?;
    usage.write_all(b"{\"items\":[")?;
    let (dep_at, use_at) = (
        format!("{as_of}T03:25:16+00:00"),
        format!("{}T00:00:00+00:00", as_of - chrono::TimeDelta::days(5)),
    );
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let (mut first_dep, mut first_use) = (true, true);
    for c in 0..customers {
        let words = 3 + next(5) as usize;
        // Distinct words: an odd step through the sixteen visits each once.
        let (from, step) = (next(16) as usize, 1 + 2 * next(8) as usize);
        let name: Vec<&str> = (0..words).map(|k| WORDS[(from + k * step) % 16]).collect();
        let name = format!("{} {c}", name.join(" "));
        let id = format!(
            "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            next(1 << 32),
            next(1 << 16),
            next(1 << 12),
            next(1 << 12),
            next(1 << 48)
        );
        let name_json = serde_json::to_string(&name).unwrap();
        let products = 2 + next(7) as usize;
        // The first product is an Office one (the first eight), so every customer has usage.
        let start = next(8) as usize;
        for p in 0..products {
            let product = PRODUCTS[(start + p) % PRODUCTS.len()];
            let dynamics = product.starts_with("DYNAMICS");
            let (service, code) = if dynamics {
                ("Dynamics 365", "d365")
            } else {
                ("Office 365", "o365")
            };
            let sold = 5 + next(400);
            let assigned = sold - next(sold / 3 + 1);
            if !first_dep {
                deployment.write_all(b",\n")?;
            }
            first_dep = false;
            write!(
                deployment,
                "{{\"customerId\":\"{id}\",\"customerName\":{name_json},\"productName\":\"{product}\",\"serviceCode\":\"{code}\",\"serviceName\":\"{service}\",\"channel\":\"reseller\",\"licensesDeployed\":{assigned},\"licensesSold\":{sold},\"deploymentPercent\":{},\"processedDateTime\":\"{dep_at}\",\"attributes\":{{\"objectType\":\"CustomerLicensesDeploymentInsights\"}}}}",
                assigned as f64 * 100.0 / sold as f64
            )?;
            // Office products carry the usage of one to three workloads.
            if dynamics {
                continue;
            }
            let from = next(4) as usize;
            for w in 0..1 + next(3) as usize {
                let (w_code, w_name) = WORKLOADS[(from + w) % 4];
                let active = next(assigned + 1);
                if !first_use {
                    usage.write_all(b",\n")?;
                }
                first_use = false;
                write!(
                    usage,
                    "{{\"customerId\":\"{id}\",\"customerName\":{name_json},\"productName\":\"{product}\",\"serviceCode\":\"{code}\",\"serviceName\":\"{service}\",\"channel\":\"reseller\",\"workloadCode\":\"{w_code}\",\"workloadName\":\"{w_name}\",\"licensesActive\":{active},\"licensesQualified\":{assigned},\"usagePercent\":{},\"processedDateTime\":\"{use_at}\",\"attributes\":{{\"objectType\":\"CustomerLicensesUsageInsights\"}}}}",
                    active as f64 * 100.0 / assigned.max(1) as f64
                )?;
            }
        }
    }
    deployment.write_all(b"]}\n")?;
    usage.write_all(b"]}\n")?;
    deployment.flush()?;
    usage.flush()
}
