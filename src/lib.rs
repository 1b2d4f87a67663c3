//! uptake: license deployment and usage of CSP customers, with suggested actions.
//!
//! Data flows one way: [`import`] → [`model`] → [`metrics`] / [`advice`] ([`analysis`]) →
//! [`app`] state → [`ui`] view. See ARCHITECTURE.md.

pub mod advice;
pub mod analysis;
pub mod app;
pub mod cache;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod demo;
pub mod format;
pub mod generate;
pub mod i18n;
pub mod import;
pub mod index;
pub mod keymap;
pub mod metrics;
pub mod model;
pub mod report;
pub mod search;
pub mod term;
pub mod text;
pub mod theme;
pub mod tui;
pub mod ui;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::analysis::Assessment;
use crate::cli::{Cli, Command, DataArgs};
use crate::config::Thresholds;
use crate::i18n::Lang;
use crate::model::{Portfolio, Timestamp};

/// The standard output closed under us (`uptake list | head`): not an error, a quiet end.
#[derive(Debug)]
struct OutputClosed;

impl std::fmt::Display for OutputClosed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("standard output closed")
    }
}

impl std::error::Error for OutputClosed {}

/// Writes to standard output: a closed pipe ends the command quietly, any other failure (a
/// full disk) is an error naming the output, never a panic.
fn emit(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(OutputClosed.into()),
        Err(e) => Err(anyhow::Error::new(e).context("standard output: cannot write")),
    }
}

/// `println!` through [`emit`] (in functions returning `Result`).
macro_rules! outln {
    () => {
        emit("\n")?
    };
    ($($arg:tt)*) => {
        emit(&format!("{}\n", format_args!($($arg)*)))?
    };
}

/// `print!` through [`emit`].
macro_rules! out {
    ($($arg:tt)*) => {
        emit(&format!($($arg)*))?
    };
}
use crate::search::{Resolved, SearchIndex};

/// Where the loaded data came from (shown in the title bar).
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// The embedded demo portfolio.
    Demo,
    /// Files or folders given with `--data`.
    Files(Vec<PathBuf>),
    /// A cached snapshot folder.
    Snapshot(PathBuf),
}

impl Source {
    /// Short label for the title bar.
    pub fn label(&self, lang: Lang) -> String {
        match self {
            Source::Demo => tr!(lang, DemoData).to_string(),
            Source::Files(paths) => match paths.as_slice() {
                [one] => one.file_name().map_or_else(
                    || import::display(one),
                    |n| text::sanitize(&n.to_string_lossy()),
                ),
                many => tr!(lang, PathsN, n = many.len()),
            },
            Source::Snapshot(dir) => tr!(
                lang,
                SnapshotName,
                name = text::sanitize(&dir.file_name().unwrap_or_default().to_string_lossy())
            ),
        }
    }
}

/// A loaded and assessed portfolio: everything the views need.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub portfolio: Portfolio,
    pub assessed: Vec<Assessment>,
    pub source: Source,
    pub now: Timestamp,
    /// Newest processed date in the data.
    pub as_of: Option<Timestamp>,
    /// The thresholds the assessment used (the view names them).
    pub thresholds: Thresholds,
    /// Portfolio-wide figures (overview, medians).
    pub stats: analysis::PortfolioStats,
}

impl Loaded {
    pub fn new(
        portfolio: Portfolio,
        source: Source,
        thresholds: &Thresholds,
        now: Timestamp,
    ) -> Self {
        let mut portfolio = portfolio;
        if let Some(w) = future_dated(&portfolio, now) {
            portfolio.warnings.push(w);
        }
        let assessed = analysis::assess(&portfolio, thresholds, now);
        Self {
            stats: analysis::stats(&assessed),
            as_of: portfolio.newest_as_of(),
            thresholds: thresholds.clone(),
            portfolio,
            assessed,
            source,
            now,
        }
    }
}

/// A day of slack for clocks and time zones before a processed date counts as in the future.
const FUTURE_SLACK: chrono::TimeDelta = chrono::TimeDelta::days(1);

/// A warning when rows are dated after `now` (beyond a day of slack): such a date is a typo or
/// a wrong clock, and it would make its rows "current".
pub fn future_dated(portfolio: &Portfolio, now: Timestamp) -> Option<model::ImportWarning> {
    let (n, customer, date) = portfolio.dated_after(now + FUTURE_SLACK)?;
    Some(model::ImportWarning {
        file: "(data)".into(),
        record: None,
        field: Some("processedDateTime".into()),
        message: format!(
            "{n} {} dated after today (first: {customer}, {}): a typo'd year or a wrong clock? Such rows count as the newest data",
            if n == 1 { "row is" } else { "rows are" },
            date.format("%Y-%m-%d")
        ),
        severity: model::Severity::Note,
    })
}

/// The clock: `UPTAKE_NOW` (RFC 3339) pins it for reproducible output and tests.
pub fn now() -> Result<Timestamp> {
    match std::env::var("UPTAKE_NOW") {
        Ok(raw) if !raw.is_empty() => import::date::parse(&raw)
            .map_err(anyhow::Error::msg)?
            .context("UPTAKE_NOW: year 1 is not a usable clock"),
        _ => Ok(chrono::Utc::now()),
    }
}

/// Loads `--data`, the demo with `--demo`, else the newest cached snapshot. Without any, an
/// error saying how to get data: scripts never get the demo's invented numbers by accident.
pub fn load(args: &DataArgs, now: Timestamp, lang: Lang) -> Result<(Portfolio, Source)> {
    if args.demo {
        return Ok((demo::portfolio(now), Source::Demo));
    }
    if !args.data.is_empty() {
        return Ok((
            import::load_paths(&args.data)?,
            Source::Files(args.data.clone()),
        ));
    }
    let snapshots = cache::cached_snapshots().context(tr!(lang, CannotReadCache))?;
    for link in cache::cache_dir()
        .map(|root| cache::links(&root))
        .unwrap_or_default()
    {
        eprintln!("uptake: {}: {}", tr!(lang, Note), cache::link_note(&link));
    }
    if let Some((dir, older)) = snapshots.split_last() {
        // Scripts never get numbers from a damaged snapshot (nor silently from an older one).
        if let Some(problem) = cache::damage(dir) {
            bail!(damaged(dir, &problem, lang));
        }
        // A rebuilt index is among the portfolio's warnings, which show/list print.
        let (mut portfolio, older) =
            cache::open_current(dir, older).map_err(|e| anyhow::anyhow!(damaged(dir, &e, lang)))?;
        cache::attach_history(&mut portfolio, dir, &older);
        return Ok((portfolio, Source::Snapshot(dir.clone())));
    }
    let dir = cache::cache_dir().map_or_else(
        || "?".to_string(),
        |root| import::display(&root.join("snapshots")),
    );
    bail!(tr!(lang, NoData, dir = dir))
}

/// "snapshot NAME is damaged: PROBLEM …"
fn damaged(dir: &std::path::Path, problem: &dyn std::fmt::Display, lang: Lang) -> String {
    tr!(
        lang,
        DamagedSnapshot,
        name = text::sanitize(&dir.file_name().unwrap_or_default().to_string_lossy()),
        problem = format!("{problem:#}")
    )
}

/// The newest snapshot without visible damage, the older ones, and a note for each newer one
/// that is damaged (the interactive view opens what it can and says what it skipped).
fn newest_intact(
    snapshots: &[PathBuf],
    lang: Lang,
) -> Option<(PathBuf, Vec<PathBuf>, Vec<model::ImportWarning>)> {
    let mut notes = Vec::new();
    for (i, dir) in snapshots.iter().enumerate().rev() {
        match cache::damage(dir) {
            None => return Some((dir.clone(), snapshots[..i].to_vec(), notes)),
            Some(problem) => notes.push(model::ImportWarning {
                file: import::display(dir),
                record: None,
                field: None,
                message: damaged(dir, &problem, lang),
                severity: model::Severity::Note,
            }),
        }
    }
    None
}

/// How many customers a first frame decodes while the rest loads.
const FIRST_FRAME: usize = 200;

/// What the interactive view starts with: the demo at once; a cached snapshot's first frame
/// from its index (the whole portfolio follows on another thread); raw `--data` on another
/// thread behind a loading screen.
fn start(cli: &Cli, thresholds: &Thresholds, now: Timestamp, lang: Lang) -> Result<tui::Start> {
    let spawn = |label: String, job: Box<dyn FnOnce() -> Result<Loaded> + Send>| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(job());
        });
        (label, rx)
    };
    let data = cli.data.clone();
    let t = thresholds.clone();
    if data.demo {
        return Ok(tui::Start::Ready(Loaded::new(
            demo::portfolio(now),
            Source::Demo,
            thresholds,
            now,
        )));
    }
    if !data.data.is_empty() {
        let label = tr!(
            lang,
            Reading,
            what = Source::Files(data.data.clone()).label(lang)
        );
        let (label, full) = spawn(
            label,
            Box::new(move || {
                let portfolio = import::load_paths(&data.data)?;
                Ok(Loaded::new(portfolio, Source::Files(data.data), &t, now))
            }),
        );
        return Ok(tui::Start::Loading {
            partial: None,
            label,
            full,
        });
    }
    let snapshots = cache::cached_snapshots().context(tr!(lang, CannotReadCache))?;
    if snapshots.is_empty() {
        return Ok(tui::Start::Ready(Loaded::new(
            demo::portfolio(now),
            Source::Demo,
            thresholds,
            now,
        )));
    }
    let Some((dir, older, damaged_notes)) = newest_intact(&snapshots, lang) else {
        let newest = snapshots.last().expect("not empty");
        bail!(damaged(
            newest,
            &cache::damage(newest).unwrap_or_default(),
            lang
        ));
    };
    for note in &damaged_notes {
        let _ = writeln!(
            std::io::stderr(),
            "uptake: {}: {}",
            tr!(lang, Note),
            note.message
        );
    }
    let source = Source::Snapshot(dir.clone());
    let label = tr!(lang, Opening, what = source.label(lang));
    let query = cli
        .customer
        .clone()
        .or(cli.query.clone())
        .unwrap_or_default();
    // An index that cannot be read (or whose first frame cannot be decoded) is rebuilt from
    // the raw files, as `show`/`list` do.
    // A snapshot lacking a source is read with the one that has it, from the raw files.
    let first = match cache::complement(&dir, &older) {
        Some(_) => Err(anyhow::anyhow!("a source comes from another snapshot")),
        None => {
            index::Index::open(&dir).and_then(|idx| Ok((idx.partial(&query, FIRST_FRAME)?, idx)))
        }
    };
    match first {
        Ok(((mut subset, total), idx)) => {
            subset.warnings.extend(damaged_notes.iter().cloned());
            let mut first = Loaded::new(subset, source.clone(), thresholds, now);
            // Portfolio-wide figures (medians) come with the whole portfolio.
            first.stats = analysis::PortfolioStats::default();
            let (label, full) = spawn(
                label,
                Box::new(move || {
                    let decoded = idx.portfolio();
                    drop(idx);
                    let mut portfolio = match decoded {
                        Ok(portfolio) => portfolio,
                        Err(_) => cache::open_snapshot(&dir)?.0,
                    };
                    portfolio.warnings.extend(damaged_notes);
                    cache::attach_history(&mut portfolio, &dir, &older);
                    Ok(Loaded::new(portfolio, source, &t, now))
                }),
            );
            Ok(tui::Start::Loading {
                partial: Some((first, total)),
                label,
                full,
            })
        }
        Err(_) => {
            let (label, full) = spawn(
                label,
                Box::new(move || {
                    let (mut portfolio, older) = cache::open_current(&dir, &older)?;
                    portfolio.warnings.extend(damaged_notes);
                    cache::attach_history(&mut portfolio, &dir, &older);
                    Ok(Loaded::new(portfolio, source, &t, now))
                }),
            );
            Ok(tui::Start::Loading {
                partial: None,
                label,
                full,
            })
        }
    }
}

/// Runs the command line; returns the process exit code (0 ok, 1 data or usage error;
/// clap exits with 2 on bad arguments before this is called).
pub fn run(cli: Cli) -> ExitCode {
    // The config file may name another language; until it is read, the flag or the locale.
    let mut lang = Lang::choose(cli.lang, None, env_var);
    match try_run(cli, &mut lang) {
        Ok(code) => code,
        Err(err) if err.is::<OutputClosed>() => ExitCode::SUCCESS,
        Err(err) => {
            // Not eprintln!: a closed terminal must not turn an error into a panic.
            let _ = writeln!(
                std::io::stderr(),
                "uptake: {}: {}",
                tr!(lang, Error),
                one_line(&err)
            );
            ExitCode::from(1)
        }
    }
}

/// An environment variable, when it is set and valid Unicode.
fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// An error chain on one line, sanitised (paths and values can come from data).
fn one_line(err: &anyhow::Error) -> String {
    let chain: Vec<String> = err.chain().map(ToString::to_string).collect();
    let mut parts: Vec<String> = Vec::new();
    for part in chain {
        if !parts.iter().any(|p| p.contains(&part)) {
            parts.push(part);
        }
    }
    text::sanitize(&parts.join(": "))
}

fn try_run(cli: Cli, lang: &mut Lang) -> Result<ExitCode> {
    let now = now()?;
    let (config, config_path) = config::load()?;
    *lang = Lang::choose(cli.lang, config.display.lang, env_var);
    let lang = *lang;
    let load_assessed = || -> Result<Loaded> {
        let (portfolio, source) = load(&cli.data, now, lang)?;
        Ok(Loaded::new(portfolio, source, &config.thresholds, now))
    };
    match &cli.command {
        Some(Command::Config { print }) => config_command(&config, config_path, *print),
        Some(Command::Import { paths }) => import_command(paths, now, lang),
        Some(Command::Snapshots {
            prune: _,
            verify: true,
            ..
        }) => verify_command(lang),
        Some(Command::Snapshots { prune, all, .. }) => snapshots_command(*prune, *all, lang),
        Some(Command::Demo {
            customers,
            out,
            seed,
            as_of,
            format,
        }) => {
            let as_of = as_of.unwrap_or_else(|| (now - chrono::TimeDelta::days(5)).date_naive());
            let s = generate::write_as(*customers, *seed, as_of, out, *format)
                .with_context(|| format!("{}: cannot write the export", import::display(out)))?;
            let records = match format {
                generate::ExportFormat::Json => format!(
                    "{} deployment and {} usage records",
                    format::count(Lang::En, s.deployment_rows as u64),
                    format::count(Lang::En, s.usage_rows as u64)
                ),
                generate::ExportFormat::Csv => {
                    format!(
                        "{} OfficeUsage rows",
                        format::count(Lang::En, s.usage_rows as u64)
                    )
                }
            };
            outln!(
                "wrote {} customers ({records}, {:.1} MB) to {}",
                format::count(Lang::En, *customers as u64),
                s.bytes as f64 / 1e6,
                import::display(out)
            );
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let start = start(&cli, &config.thresholds, now, lang)?;
            let theme =
                theme::Theme::choose(cli.theme.unwrap_or(config.display.theme), cli.no_color);
            let options = tui::Options {
                query: cli.customer.clone().or(cli.query.clone()),
                present: cli.present,
                sort: config.display.sort,
                mouse: cli.mouse,
                lang,
            };
            tui::run(start, theme, options)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Show {
            query,
            json,
            format,
        }) => {
            let loaded = load_assessed()?;
            refuse_skipped(&loaded, &cli.data, lang)?;
            print_warnings(&loaded, lang);
            let format = if *json {
                cli::ShowFormat::Json
            } else {
                *format
            };
            show(&loaded, query, format, lang)
        }
        Some(Command::List {
            sort,
            filter,
            limit,
            json,
            csv,
        }) => {
            let loaded = load_assessed()?;
            refuse_skipped(&loaded, &cli.data, lang)?;
            print_warnings(&loaded, lang);
            let mut order = analysis::select(&loaded.assessed, *sort, *filter);
            order.truncate(limit.unwrap_or(usize::MAX));
            let rows = order
                .iter()
                .map(|&i| (&loaded.portfolio.customers[i], &loaded.assessed[i]));
            if *json {
                outln!("{}", report::list_json(rows));
            } else if *csv {
                out!("{}", report::list_csv(rows)?);
            } else if !loaded.portfolio.customers.is_empty() {
                // (no customer at all: the note on stderr says why, no empty table)
                out!("{}", report::list_text(rows, lang));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn config_command(config: &config::Config, path: Option<PathBuf>, print: bool) -> Result<ExitCode> {
    let origin = path.map_or_else(
        || {
            let at = config::path().map_or_else(|| "?".to_string(), |p| import::display(&p));
            format!("defaults (no file at {at})")
        },
        |p| import::display(&p),
    );
    if print {
        outln!(
            "# effective configuration; from: {origin}\n{}",
            config.to_toml()
        );
    } else {
        outln!("config: {origin}\nuse `uptake config --print` to see every value");
    }
    Ok(ExitCode::SUCCESS)
}

/// How many warnings `show` and `list` print on stderr before summing up the rest.
const WARNINGS_PRINTED: usize = 20;

/// `show`/`list` say on stderr what was skipped or doubtful (file, record, field), so a
/// script's log shows what its numbers rest on; and that a file of partner-level totals alone
/// holds no customer.
fn print_warnings(loaded: &Loaded, lang: Lang) {
    let warnings = &loaded.portfolio.warnings;
    for w in warnings.iter().take(WARNINGS_PRINTED) {
        eprintln!("uptake: {}: {}", tr!(lang, Warning), w.text(lang));
    }
    if warnings.len() > WARNINGS_PRINTED {
        eprintln!(
            "uptake: {}: {}",
            tr!(lang, Warning),
            tr!(lang, MoreWarnings, n = warnings.len() - WARNINGS_PRINTED)
        );
    }
    let partner = &loaded.portfolio.partner;
    if loaded.portfolio.customers.is_empty()
        && (!partner.deployment.is_empty() || !partner.usage.is_empty())
    {
        eprintln!("uptake: {}", tr!(lang, PartnerTotalsOnly));
    }
}

/// `show`/`list` never report numbers that silently miss records.
fn refuse_skipped(loaded: &Loaded, args: &DataArgs, lang: Lang) -> Result<()> {
    if args.keep_going {
        return Ok(());
    }
    let Some(first) = import::first_skipped(&loaded.portfolio) else {
        return Ok(());
    };
    let skipped = loaded
        .portfolio
        .warnings
        .iter()
        .filter(|w| w.severity == model::Severity::Skipped)
        .count();
    let more = match skipped {
        1 => String::new(),
        n => tr!(lang, MoreRecordsProblems, n = n - 1),
    };
    bail!(tr!(
        lang,
        KeepGoingHint,
        problem = format!("{}{more}", first.text(lang))
    ))
}

fn show(loaded: &Loaded, query: &str, format: cli::ShowFormat, lang: Lang) -> Result<ExitCode> {
    let index = SearchIndex::new(&loaded.portfolio);
    let customers = &loaded.portfolio.customers;
    match index.resolve(query) {
        Resolved::One(i) => {
            let c = &customers[i];
            let detailed = analysis::detailed(c, &loaded.thresholds, loaded.now);
            let a = &detailed;
            match format {
                cli::ShowFormat::Json => outln!("{}", report::show_json(c, a)),
                cli::ShowFormat::Text => out!(
                    "{}",
                    report::summary(c, a, loaded.now, report::Markup::Text, lang)
                ),
                cli::ShowFormat::Markdown => {
                    out!(
                        "{}",
                        report::summary(c, a, loaded.now, report::Markup::Markdown, lang)
                    )
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Resolved::None => bail!(tr!(
            lang,
            NoCustomerMatches,
            query = text::quote(query),
            source = loaded.source.label(lang)
        )),
        Resolved::Many(found) => {
            eprintln!(
                "uptake: {}",
                tr!(
                    lang,
                    SeveralMatch,
                    n = found.len(),
                    query = text::quote(query)
                )
            );
            for &i in found.iter().take(20) {
                let c = &customers[i];
                eprintln!(
                    "  {}  {}",
                    c.name,
                    c.id.as_ref().map_or(tr!(lang, NoId), |i| i.as_str())
                );
            }
            if found.len() > 20 {
                eprintln!("  {}", tr!(lang, AndMore, n = found.len() - 20));
            }
            Ok(ExitCode::from(1))
        }
    }
}

fn cache_root(lang: Lang) -> Result<PathBuf> {
    cache::cache_dir().context(tr!(lang, NoCacheFolder))
}

/// Says what the cache holds that is not a snapshot: leftovers of interrupted imports (removed)
/// and symbolic links (not followed).
fn tidy_cache(root: &std::path::Path) -> Result<()> {
    for (dir, bytes) in cache::clean_leftovers(root) {
        outln!(
            "removed the leftover of an interrupted import: {} ({:.1} MB)",
            import::display(&dir),
            bytes as f64 / 1e6
        );
    }
    for link in cache::links(root) {
        outln!("note: {}", cache::link_note(&link));
    }
    Ok(())
}

fn import_command(paths: &[PathBuf], now: Timestamp, lang: Lang) -> Result<ExitCode> {
    let root = cache_root(lang)?;
    tidy_cache(&root)?;
    let (dir, manifest) = match cache::import(paths, &root, now)? {
        cache::Imported::Already { dir } => {
            outln!(
                "already imported: the same files are snapshot {}; nothing written",
                text::sanitize(&dir.file_name().unwrap_or_default().to_string_lossy())
            );
            return Ok(ExitCode::SUCCESS);
        }
        cache::Imported::New { dir, manifest } => (dir, manifest),
    };
    outln!(
        "imported {} as snapshot {}",
        plural_en(manifest.files.len(), "file", "files"),
        import::display(&dir)
    );
    for f in &manifest.files {
        let skipped = match f.skipped {
            0 => String::new(),
            n => format!(", {} skipped", format::count(Lang::En, n as u64)),
        };
        outln!(
            "  {}  {}  {}{skipped}",
            text::sanitize(&f.name),
            f.format,
            plural_en(f.records, "record", "records")
        );
    }
    let data = manifest
        .data_as_of
        .as_deref()
        .and_then(|d| import::date::parse(d).ok().flatten());
    outln!(
        "{}, {}, {}, {}; data as of {}",
        plural_en(manifest.customers, "customer", "customers"),
        plural_en(manifest.products, "product", "products"),
        plural_en(manifest.records, "record", "records"),
        plural_en(manifest.warnings.len(), "warning", "warnings"),
        format::as_of(Lang::En, data, now)
    );
    if manifest.customers == 0 {
        outln!(
            "  note: no customer rows (partner-level totals only?): the app's overview (o) shows partner totals; export the customer-level insights for customers"
        );
    }
    for w in manifest.warnings.iter().take(10) {
        outln!("  warning: {w}");
    }
    if manifest.warnings.len() > 10 {
        outln!(
            "  … and {} more in the manifest",
            manifest.warnings.len() - 10
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn snapshots_command(prune: Option<usize>, all: bool, lang: Lang) -> Result<ExitCode> {
    let root = cache_root(lang)?;
    if let Some(keep) = prune {
        if keep == 0 && !all {
            eprintln!(
                "uptake: {}: --prune 0 would delete every snapshot, the current one too; add --all to do that",
                tr!(lang, Error)
            );
            return Ok(ExitCode::from(2));
        }
        let doomed = cache::snapshots(&root)?;
        let doomed = &doomed[..doomed.len().saturating_sub(keep)];
        if doomed.is_empty() {
            outln!(
                "nothing to remove: {} cached",
                plural_en(
                    keep.min(cache::snapshots(&root)?.len()),
                    "snapshot",
                    "snapshots"
                )
            );
        } else {
            outln!(
                "removing {} (their trend history is kept in {}):",
                plural_en(doomed.len(), "snapshot", "snapshots"),
                import::display(&root.join(cache::HISTORY))
            );
            for dir in doomed {
                outln!("  {}", import::display(dir));
            }
        }
        let removed = cache::prune(&root, keep)?;
        for dir in &removed {
            outln!("removed {}", import::display(dir));
        }
        let kept = match keep {
            0 => "none kept".to_string(),
            1 => "the newest kept".to_string(),
            n => format!("the newest {n} kept"),
        };
        outln!(
            "{} removed; {kept}",
            plural_en(removed.len(), "folder", "folders")
        );
        return Ok(ExitCode::SUCCESS);
    }
    tidy_cache(&root)?;
    let all = cache::snapshots(&root)?;
    if all.is_empty() {
        outln!(
            "no snapshot in {}; add one with `uptake import PATH`",
            import::display(&root.join("snapshots"))
        );
        return Ok(ExitCode::SUCCESS);
    }
    outln!(
        "{:<20}  {:<20}  {:<10}  {:>9}  {:>5}  {:>9}",
        "snapshot",
        "imported",
        "data as of",
        "customers",
        "files",
        "size"
    );
    for dir in &all {
        let name = text::sanitize(&dir.file_name().unwrap_or_default().to_string_lossy());
        let Some(m) = cache::read_manifest(dir) else {
            outln!("{name:<20}  (no readable manifest)");
            continue;
        };
        let bytes: u64 = m.files.iter().map(|f| f.bytes).sum();
        let data = m
            .data_as_of
            .as_deref()
            .map_or("?", |d| d.get(..10).unwrap_or(d));
        outln!(
            "{:<20}  {:<20}  {:<10}  {:>9}  {:>5}  {:>9}",
            name,
            text::sanitize(&m.imported_at),
            text::sanitize(data),
            format::count(Lang::En, m.customers as u64),
            m.files.len(),
            format!("{:.1} MB", bytes as f64 / 1e6)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `snapshots --verify`: every file of every snapshot against its manifest.
fn verify_command(lang: Lang) -> Result<ExitCode> {
    let root = cache_root(lang)?;
    let all = cache::snapshots(&root)?;
    let mut damaged = 0;
    for dir in &all {
        let name = text::sanitize(&dir.file_name().unwrap_or_default().to_string_lossy());
        let problems = cache::verify(dir);
        if problems.is_empty() {
            outln!("{name}  ok");
            continue;
        }
        damaged += 1;
        for problem in problems {
            outln!("{name}  damaged: {problem}");
        }
    }
    outln!(
        "{} checked, {} damaged",
        plural_en(all.len(), "snapshot", "snapshots"),
        format::count(Lang::En, damaged as u64)
    );
    Ok(if damaged == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `1 file`, `3 files`: the cache commands' administrative output is English.
fn plural_en(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        format::count(Lang::En, n as u64),
        if n == 1 { one } else { many }
    )
}
