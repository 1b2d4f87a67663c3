//! Which data to open and how: `--data` files, the demo, or the newest cached snapshot (one
//! way to find it, [`newest`], with a policy for damage), assessed into a [`Loaded`]; for the
//! interactive view, a first frame's customers from the index while the rest loads ([`start`]).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use anyhow::{Context, Result, bail};

use crate::demo;
use crate::domain::analysis::{self, Assessment, Row};
use crate::domain::model::{ImportWarning, Portfolio, Severity, Timestamp};
use crate::domain::thresholds::Thresholds;
use crate::env::Env;
use crate::i18n::Lang;
use crate::import;
use crate::store::{index, manifest, snapshots};
use crate::text;
use crate::tr;

mod lean;

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
                    || text::display(one),
                    |n| text::sanitize(&n.to_string_lossy()),
                ),
                many => tr!(lang, PathsN, n = many.len()),
            },
            Source::Snapshot(dir) => tr!(lang, SnapshotName, name = folder_name(dir)),
        }
    }
}

/// A loaded and assessed portfolio: everything the views need.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub portfolio: Portfolio,
    /// What the list, its sorts and filters need of each customer's assessment (the detail
    /// assesses its one customer again: [`Loaded::assessment`]).
    pub rows: Vec<Row>,
    pub source: Source,
    pub now: Timestamp,
    /// Newest processed date in the data.
    pub as_of: Option<Timestamp>,
    /// The thresholds the assessment used (the view names them).
    pub thresholds: Thresholds,
    /// Portfolio-wide figures (overview, medians).
    pub stats: analysis::PortfolioStats,
    /// Where the customers' products are, when they are not in `portfolio` (a cached snapshot
    /// read lean: [`Loaded::full`] gives a customer with them).
    records: Option<std::sync::Arc<index::Records>>,
    /// The search keys, when the loading thread built them (the app builds them otherwise):
    /// built where the portfolio was, they reuse the memory its loading freed.
    pub search: Option<crate::domain::search::SearchIndex>,
}

impl Loaded {
    pub fn new(
        portfolio: Portfolio,
        source: Source,
        thresholds: &Thresholds,
        now: Timestamp,
    ) -> Self {
        let mut portfolio = portfolio;
        let future = import::future_dated(&portfolio, now);
        let reports = import::future_reports(&portfolio.customers, now);
        portfolio.warnings.extend(future.into_iter().chain(reports));
        let thresholds = &partner_files(thresholds, &source, &mut portfolio.warnings);
        let (rows, stats) = analysis::rows(&portfolio, thresholds, now);
        Self {
            stats,
            as_of: portfolio.newest_as_of(),
            thresholds: thresholds.clone(),
            portfolio,
            rows,
            source,
            now,
            records: None,
            search: None,
        }
    }

    /// A cached snapshot's portfolio whose customers come without products (see
    /// [`index::Index::lean`]): each chunk gets them from `records` to be assessed and dated,
    /// and gives them back; what [`new`](Self::new) computes, without a million customers'
    /// products in memory at once.
    pub fn lean(
        mut portfolio: Portfolio,
        records: index::Records,
        source: Source,
        thresholds: &Thresholds,
        now: Timestamp,
    ) -> Result<Self> {
        let at = portfolio.warnings.len();
        let thresholds = partner_files(thresholds, &source, &mut portfolio.warnings);
        let (rows, stats, seen) =
            lean::assess(&mut portfolio.customers, &records, &thresholds, now)?;
        let reports = import::future_reports(&portfolio.customers, now);
        if let Some((n, who, date)) = &seen.future {
            let w = import::future_warning(*n, who, *date, &portfolio.files, now);
            portfolio.warnings.insert(at, w);
        }
        portfolio.warnings.extend(reports);
        Ok(Self {
            stats,
            as_of: seen.newest.max(portfolio.newest_as_of()),
            thresholds,
            portfolio,
            rows,
            source,
            now,
            records: Some(std::sync::Arc::new(records)),
            search: None,
        })
    }

    /// Customer `i` with its products (read from the index when the portfolio was read lean).
    pub fn full(&self, i: usize) -> Result<std::borrow::Cow<'_, crate::domain::model::Customer>> {
        let c = &self.portfolio.customers[i];
        match &self.records {
            Some(records) if i < records.customers() => {
                let mut full = c.clone();
                full.products = records.products(i)?;
                Ok(std::borrow::Cow::Owned(full))
            }
            _ => Ok(std::borrow::Cow::Borrowed(c)),
        }
    }

    /// Customer `i`'s assessment as a portfolio-wide one was (see [`analysis::lean`]),
    /// computed again from its products.
    pub fn assessment(&self, i: usize) -> Result<Assessment> {
        Ok(analysis::lean(
            self.full(i)?.as_ref(),
            &self.thresholds,
            self.now,
        ))
    }
}

/// The partner's files next to the data (issue 15): `prices.csv` beside the exports (in a
/// `--data` folder, next to a `--data` file); the demo brings its own prices and resources
/// where the config has none. The config's prices win over the file's.
fn partner_files(
    thresholds: &Thresholds,
    source: &Source,
    warnings: &mut Vec<ImportWarning>,
) -> Thresholds {
    let files: Vec<(String, String)> = match source {
        Source::Demo => vec![("demo/prices.csv".into(), demo::PRICES.into())],
        Source::Files(paths) => read_prices(&import::prices::beside(paths), warnings),
        // `uptake import` keeps the prices beside the exports in the snapshot.
        // A snapshot without them is read with the newest older snapshot's (a note says so).
        Source::Snapshot(dir) => {
            let (files, from) = crate::store::summary::current_prices(dir);
            if let Some(from) = from {
                warnings.push(ImportWarning {
                    file: text::display(dir),
                    record: None,
                    field: None,
                    message: format!(
                        "this snapshot keeps no prices; those of snapshot {} are used",
                        text::sanitize(&from.file_name().unwrap_or_default().to_string_lossy())
                    ),
                    severity: Severity::Note,
                });
            }
            read_prices(&files, warnings)
        }
    };
    let mut t = thresholds.clone();
    if files.is_empty() && *source != Source::Demo {
        return t;
    }
    let commerce = std::sync::Arc::make_mut(&mut t.commerce);
    for (name, text) in files {
        let (lines, problems) = import::prices::read(&name, &text, commerce.prices.currency);
        warnings.extend(problems);
        for line in lines {
            commerce.prices.currency.get_or_insert(line.currency);
            commerce.prices.insert_missing(&line.product, line.micros);
            commerce.written.push(("prices.csv", line.product));
        }
    }
    if *source == Source::Demo && commerce.resources.is_empty() {
        commerce.resources = demo::resources();
    }
    t
}

/// The texts of prices files (an unreadable one is a warning).
fn read_prices(files: &[PathBuf], warnings: &mut Vec<ImportWarning>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for path in files {
        match std::fs::read(path) {
            Ok(bytes) => out.push((
                text::display(path),
                String::from_utf8_lossy(&bytes).into_owned(),
            )),
            Err(e) => warnings.push(ImportWarning {
                file: text::display(path),
                record: None,
                field: None,
                message: format!("cannot read the prices: {e}"),
                severity: Severity::Skipped,
            }),
        }
    }
    out
}

/// The clock: `UPTAKE_NOW` (RFC 3339) pins it for reproducible output and tests.
pub fn now(env: &Env) -> Result<Timestamp> {
    match env.var("UPTAKE_NOW") {
        Some(raw) => {
            let now = import::date::parse(&raw)
                .map_err(anyhow::Error::msg)?
                .context("UPTAKE_NOW: year 1 is not a usable clock")?;
            // A month of an Insights download in progress is as of the pinned day too.
            crate::env::pin_today(now.date_naive());
            Ok(now)
        }
        None => Ok(chrono::Utc::now()),
    }
}

/// What to open: `--data` paths, the demo, or (neither) the cache under `cache`.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub data: &'a [PathBuf],
    pub demo: bool,
    /// The cache root ([`Env::cache_dir`]); `None` when the system has none.
    pub cache: Option<&'a Path>,
    /// Where reading raw files reports its progress (and can be cancelled).
    pub progress: Option<std::sync::Arc<import::progress::Progress>>,
}

/// A snapshot folder's name, sanitised.
fn folder_name(dir: &Path) -> String {
    text::sanitize(&dir.file_name().unwrap_or_default().to_string_lossy())
}

/// "snapshot NAME is damaged: PROBLEM …"
fn damaged(dir: &Path, problem: &dyn std::fmt::Display, lang: Lang) -> String {
    tr!(
        lang,
        DamagedSnapshot,
        name = folder_name(dir),
        problem = format!("{problem:#}")
    )
}

/// What to do when the newest snapshot is damaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OnDamage {
    /// Scripts never get numbers from a damaged snapshot (nor silently from an older one).
    Refuse,
    /// The interactive view opens the newest intact one and says what it skipped.
    SkipWithNote,
}

/// The snapshot to open: the newest (intact, with [`OnDamage::SkipWithNote`]), the older ones
/// (history), and a note for each newer one that was skipped as damaged.
#[derive(Debug, Clone)]
struct Newest {
    dir: PathBuf,
    older: Vec<PathBuf>,
    notes: Vec<ImportWarning>,
}

/// How a snapshot is checked for damage: [`manifest::damage`], or for a first frame
/// [`manifest::quick_damage`].
type Check = fn(&Path) -> Option<String>;

/// The one way to find the snapshot to open among `snapshots` (oldest first); `None` when there
/// is none.
fn newest(snapshots: &[PathBuf], on_damage: OnDamage, lang: Lang) -> Result<Option<Newest>> {
    newest_by(snapshots, on_damage, manifest::damage, lang)
}

/// [`newest`], checking each snapshot with `check`.
fn newest_by(
    snapshots: &[PathBuf],
    on_damage: OnDamage,
    check: Check,
    lang: Lang,
) -> Result<Option<Newest>> {
    let mut notes = Vec::new();
    for (i, dir) in snapshots.iter().enumerate().rev() {
        let Some(problem) = check(dir) else {
            return Ok(Some(Newest {
                dir: dir.clone(),
                older: snapshots[..i].to_vec(),
                notes,
            }));
        };
        if on_damage == OnDamage::Refuse {
            bail!(damaged(dir, &problem, lang));
        }
        notes.push(ImportWarning {
            file: text::display(dir),
            record: None,
            field: None,
            message: damaged(dir, &problem, lang),
            severity: Severity::Note,
        });
    }
    match snapshots.last() {
        Some(dir) => bail!(damaged(dir, &check(dir).unwrap_or_default(), lang)),
        None => Ok(None),
    }
}

impl Newest {
    /// The whole portfolio of the snapshot, with the source it lacks from an older one, the
    /// notes and the history of the older snapshots.
    fn open(self, progress: Option<Arc<import::progress::Progress>>) -> Result<Portfolio> {
        let (portfolio, older) = snapshots::open_current(&self.dir, &self.older, progress.clone())?;
        Ok(self.finish(portfolio, &older, progress))
    }

    /// Adds the notes and the older snapshots' history to the snapshot's `portfolio`; raw
    /// files read for it report to `progress`.
    fn finish(
        self,
        mut portfolio: Portfolio,
        older: &[PathBuf],
        progress: Option<Arc<import::progress::Progress>>,
    ) -> Portfolio {
        portfolio.warnings.extend(self.notes);
        let tenants = crate::store::older::attach(&mut portfolio, &self.dir, older, progress);
        if tenants > 0 {
            portfolio.warnings.push(ImportWarning {
                file: text::display(&self.dir),
                record: None,
                field: None,
                message: format!(
                    "Microsoft Graph data of {} tenant{} comes from older snapshots (this one has none for {})",
                    crate::present::format::count(Lang::En, tenants as u64),
                    if tenants == 1 { "" } else { "s" },
                    if tenants == 1 { "it" } else { "them" }
                ),
                severity: Severity::Note,
            });
        }
        portfolio
    }
}

/// The cache's snapshots, oldest first; with `links_noted`, a note on stderr for each symbolic
/// link in the cache (scripts' logs say what was not followed).
fn cached(cache: Option<&Path>, links_noted: bool, lang: Lang) -> Result<Vec<PathBuf>> {
    let Some(root) = cache else {
        return Ok(Vec::new());
    };
    let found = snapshots::snapshots(root).context(tr!(lang, CannotReadCache))?;
    for link in snapshots::links(root).into_iter().filter(|_| links_noted) {
        let _ = writeln!(
            std::io::stderr(),
            "uptake: {}: {}",
            tr!(lang, Note),
            snapshots::link_note(&link)
        );
    }
    Ok(found)
}

/// Loads `--data`, the demo with `--demo`, else the newest cached snapshot. Without any, an
/// error saying how to get data: scripts never get the demo's invented numbers by accident.
pub fn load(request: &Request, now: Timestamp, lang: Lang) -> Result<(Portfolio, Source)> {
    if request.demo {
        return Ok((demo::portfolio(now), Source::Demo));
    }
    if !request.data.is_empty() {
        return Ok((
            import::load_paths_watched(request.data, request.progress.clone())?,
            Source::Files(request.data.to_vec()),
        ));
    }
    let snapshots = cached(request.cache, true, lang)?;
    if let Some(newest) = newest(&snapshots, OnDamage::Refuse, lang)? {
        // A rebuilt index is among the portfolio's warnings, which show/list print.
        let dir = newest.dir.clone();
        let portfolio = newest
            .open(request.progress.clone())
            .map_err(|e| anyhow::anyhow!(damaged(&dir, &e, lang)))?;
        return Ok((portfolio, Source::Snapshot(dir)));
    }
    let dir = request.cache.map_or_else(
        || "?".to_string(),
        |root| text::display(&root.join("snapshots")),
    );
    bail!(tr!(lang, NoData, dir = dir))
}

/// What the loading thread sends: maybe a first frame's customers, then the whole portfolio.
#[derive(Debug)]
pub enum Arrival {
    /// The customers a first frame shows, and how many there are in all.
    First(Loaded, usize),
    /// Everything, assessed.
    Full(Result<Loaded>),
}

/// How the interactive view starts.
#[derive(Debug)]
pub enum Start {
    /// Everything is loaded.
    Ready(Loaded),
    /// Loading on another thread; maybe a first frame's worth of customers meanwhile.
    Loading {
        /// The customers a first frame shows, and how many there are in all.
        partial: Option<(Loaded, usize)>,
        /// What is being read (for the loading screen).
        label: String,
        /// A later first frame (raw files, once read), then the whole portfolio.
        full: Receiver<Arrival>,
        /// How far reading raw files has come (a snapshot's index has no progress to tell;
        /// its raw files, read when the index cannot be, have).
        progress: Option<std::sync::Arc<import::progress::Progress>>,
    },
}

/// How many customers a first frame decodes while the rest loads.
const FIRST_FRAME: usize = 200;

/// Sends a first frame and how many customers there are in all.
type First = Box<dyn Fn(Loaded, usize) + Send>;

/// Runs `job` on another thread; the receiver gets what it sends of a first frame, then its
/// result.
fn spawn(job: impl FnOnce(First) -> Result<Loaded> + Send + 'static) -> Receiver<Arrival> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let to = tx.clone();
        let first: First = Box::new(move |loaded, total| {
            let _ = to.send(Arrival::First(loaded, total));
        });
        let full = job(first).map(|mut loaded| {
            loaded.search = Some(crate::domain::search::SearchIndex::new(&loaded.portfolio));
            loaded
        });
        let _ = tx.send(Arrival::Full(full));
    });
    rx
}

/// What the interactive view starts with: the demo at once; a cached snapshot's first frame
/// from its index (the whole portfolio follows on another thread); raw `--data` on another
/// thread behind a loading screen. `query` is the customer the first frame should hold.
pub fn start(
    request: &Request,
    query: &str,
    thresholds: &Thresholds,
    now: Timestamp,
    lang: Lang,
) -> Result<Start> {
    let demo = || {
        Start::Ready(Loaded::new(
            demo::portfolio(now),
            Source::Demo,
            thresholds,
            now,
        ))
    };
    let t = thresholds.clone();
    if request.demo {
        return Ok(demo());
    }
    if !request.data.is_empty() {
        let data = request.data.to_vec();
        let label = tr!(
            lang,
            Reading,
            what = Source::Files(data.clone()).label(lang)
        );
        let progress = request.progress.clone().unwrap_or_default();
        let watched = progress.clone();
        let query = query.to_string();
        let full = spawn(move |first| {
            let source = Source::Files(data.clone());
            // The first frame: the best matches of `query`, assessed alone as soon as the
            // customers are built, so the named customer is on screen before the whole
            // portfolio is ready. Portfolio-wide figures (medians) come with the whole.
            let (of, thresholds) = (source.clone(), t.clone());
            let send = move |subset, total, newest| {
                let mut loaded = Loaded::new(subset, of.clone(), &thresholds, now);
                loaded.stats = analysis::PortfolioStats::default();
                loaded.as_of = newest;
                first(loaded, total);
            };
            let early = import::Early {
                query,
                limit: FIRST_FRAME,
                send: Box::new(send),
            };
            let portfolio = import::load_paths_early(&data, Some(watched), early)?;
            Ok(Loaded::new(portfolio, source, &t, now))
        });
        return Ok(Start::Loading {
            partial: None,
            label,
            full,
            progress: Some(progress),
        });
    }
    let snapshots = cached(request.cache, false, lang)?;
    // A first look: the full check stats every file of the manifest (with Graph tenant folders,
    // hundreds of thousands), so it runs on the loading thread; a snapshot it finds damaged is
    // then skipped as it would have been, and its first frame replaced.
    let Some(quick) = newest_by(
        &snapshots,
        OnDamage::SkipWithNote,
        manifest::quick_damage,
        lang,
    )?
    else {
        return Ok(demo());
    };
    for note in &quick.notes {
        let _ = writeln!(
            std::io::stderr(),
            "uptake: {}: {}",
            tr!(lang, Note),
            note.message
        );
    }
    let source = Source::Snapshot(quick.dir.clone());
    let label = tr!(lang, Opening, what = source.label(lang));
    // A snapshot lacking a source is read with the one that has it, through the index of
    // both; an index that cannot be read (or whose first frame cannot be decoded) is rebuilt
    // from the raw files, as `show`/`list` do.
    let extras = snapshots::complement(&quick.dir, &quick.older);
    let first = snapshots::current_index(&quick.dir, &extras)
        .and_then(|(idx, joined)| Ok((idx.partial_at(query, FIRST_FRAME)?, (idx, joined))))
        .ok();
    let (partial, idx) = match first {
        Some(((mut subset, places, total), idx)) => {
            // Its customers as the whole portfolio shows them (Graph tenants and history from
            // the older snapshots), else no first frame: its figures would change under the
            // partner's eyes.
            let older = &quick.older;
            let whole = crate::store::older::attach_first(
                &mut subset.customers,
                &places,
                &quick.dir,
                older,
            );
            let partial = whole.then(|| {
                subset.warnings.extend(quick.notes.iter().cloned());
                let mut first = Loaded::new(subset, source, thresholds, now);
                // Portfolio-wide figures (medians) come with the whole portfolio; the title's
                // date is the whole snapshot's, not the first frame's few customers'.
                first.stats = analysis::PortfolioStats::default();
                if let Some(t) = shown_as_of(&quick.dir, &extras) {
                    first.as_of = Some(t);
                }
                (first, total)
            });
            (partial, Some(idx))
        }
        None => (None, None),
    };
    // Raw files read in place of an index (a cache of an older uptake, an import stopped
    // before it was finished) show their progress on the loading screen.
    let progress = request.progress.clone().unwrap_or_default();
    let reading = progress.clone();
    let full = spawn(move |_| {
        let Some(checked) = newest(&snapshots, OnDamage::SkipWithNote, lang)? else {
            bail!(tr!(lang, CannotReadCache));
        };
        let source = Source::Snapshot(checked.dir.clone());
        // Read lean: the products stay in the index until a customer is shown.
        let decoded = idx
            .filter(|_| checked.dir == quick.dir)
            .map(|(idx, joined)| Ok::<_, anyhow::Error>((idx.lean()?, joined)));
        if let Some(Ok(((mut portfolio, records), joined))) = decoded {
            portfolio.warnings.extend(joined);
            let older = checked.older.clone();
            let portfolio = checked
                .clone()
                .finish(portfolio, &older, Some(reading.clone()));
            if let Ok(loaded) = Loaded::lean(portfolio, records, source.clone(), &t, now) {
                return Ok(loaded);
            }
            // The index failed after its check: the raw files are the truth.
        }
        Ok(Loaded::new(checked.open(Some(reading))?, source, &t, now))
    });
    Ok(Start::Loading {
        partial,
        label,
        full,
        progress: Some(progress),
    })
}

/// The date the title shows for the current snapshot `dir` before the whole portfolio is read
/// ([`crate::store::manifest::shown_as_of`]); read with the snapshot holding the source it
/// lacks (`extras`, [`snapshots::complement`]), the newer of both snapshots' Partner Center
/// dates, as the whole portfolio's rows give.
fn shown_as_of(dir: &Path, extras: &[PathBuf]) -> Option<Timestamp> {
    let mine = crate::store::summary::read(dir)?;
    if extras.is_empty() {
        return mine.shown_as_of();
    }
    let theirs = (extras.iter()).filter_map(|e| crate::store::summary::read(e));
    (mine.source_times().into_iter())
        .chain(theirs.flat_map(|s| s.source_times()))
        .flatten()
        .max()
        .or_else(|| mine.shown_as_of())
}

// Graph users (issue 14)
/// The tenant with its user rows in memory: as it is when they are, else with the report read
/// again from its file (a snapshot's index leaves the rows out so opening stays fast).
pub fn tenant_users(
    t: &std::sync::Arc<crate::domain::graph::Tenant>,
) -> anyhow::Result<std::sync::Arc<crate::domain::graph::Tenant>> {
    if t.users_loaded() {
        return Ok(t.clone());
    }
    let Some(file) = &t.report_file else {
        anyhow::bail!("{}: no user report was read for this tenant", t.id);
    };
    // One message (the file's error says its cause once).
    let report = crate::import::graph_report(std::path::Path::new(file))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut loaded = (**t).clone();
    loaded.report = Some(report);
    // The figures on screen were counted from the rows read at load: rows that count otherwise
    // now (the file changed since) would list other users under those figures.
    let mut again = loaded.clone();
    again.settle();
    if again.settled != t.settled {
        anyhow::bail!(
            "{file}: the report changed since the data was read; open the data again to see its users"
        );
    }
    Ok(std::sync::Arc::new(loaded))
}
