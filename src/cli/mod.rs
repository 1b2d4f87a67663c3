//! The command line: options ([`args`]), the dispatch ([`run`]), and one file per command.
//! Output goes through [`emit`]: a closed pipe ends a command quietly.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::config;
use crate::env::Env;
use crate::i18n::Lang;
use crate::import::progress::Progress;
use crate::load::{self, Loaded, Request};
use crate::text;
use crate::tr;
use crate::tui;

/// `eprintln!` that never panics: with standard error closed (`uptake show a 2>&1 | head -1`)
/// the line is lost, as a closed pipe loses it.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

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
pub(crate) fn emit(text: &str) -> Result<()> {
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
        $crate::cli::emit("\n")?
    };
    ($($arg:tt)*) => {
        $crate::cli::emit(&format!("{}\n", format_args!($($arg)*)))?
    };
}

/// `print!` through [`emit`].
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::emit(&format!($($arg)*))?
    };
}
mod args;
mod config_cmd;
mod demo;
mod import;
mod list;
mod progress;
mod show;
mod snapshots;
mod users;
mod warnings;

pub use args::{Cli, Command, DataArgs, ShowFormat, clean_lines, parse};

/// Runs the command line; returns the process exit code (0 ok, 1 data or usage error;
/// clap exits with 2 on bad arguments before this is called).
pub fn run(cli: Cli) -> ExitCode {
    crate::tui::term::watch_faults();
    // The config file may name another language; until it is read, the flag or the locale.
    let env = Env::from_process();
    let mut lang = Lang::choose(cli.lang, None, |name| env.var(name));
    match try_run(cli, &env, &mut lang) {
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

fn try_run(cli: Cli, env: &Env, lang: &mut Lang) -> Result<ExitCode> {
    let now = load::now(env)?;
    let (config, config_path) = config::load(env)?;
    *lang = Lang::choose(cli.lang, config.display.lang, |name| env.var(name));
    let lang = *lang;
    let cache = env.cache_dir();
    let request = Request {
        data: &cli.data.data,
        demo: cli.data.demo,
        cache: cache.as_deref(),
        progress: None,
    };
    let load_assessed = || -> Result<Loaded> {
        // Raw files can take a while: a bar on stderr (a terminal only, after a second).
        let progress = Progress::new();
        let _bar = progress::Bar::show(progress.clone());
        let request = Request {
            progress: Some(progress),
            ..request.clone()
        };
        let (portfolio, source) = load::load(&request, now, lang)?;
        Ok(Loaded::new(portfolio, source, &config.thresholds, now))
    };
    // The script commands refuse numbers that silently miss rows, and print the warnings.
    let load_checked = || -> Result<Loaded> {
        let loaded = load_assessed()?;
        warnings::refuse_skipped(&loaded, &cli.data, lang)?;
        warnings::print(&loaded, lang);
        Ok(loaded)
    };
    match &cli.command {
        Some(Command::Config { print }) => {
            config_cmd::run(&config, config_path, env.config_path(), *print)
        }
        Some(Command::Import { paths }) => import::run(paths, cache, now, lang),
        Some(Command::Snapshots {
            prune: _,
            verify: true,
            ..
        }) => snapshots::verify(cache, lang),
        Some(Command::Snapshots { prune, all, .. }) => snapshots::run(cache, *prune, *all, lang),
        Some(Command::Demo {
            customers,
            out,
            seed,
            as_of,
            format,
        }) => demo::run(*customers, out, *seed, *as_of, *format, now),
        None => {
            let words = |w: &[String]| (!w.is_empty()).then(|| w.join(" "));
            let query = words(&cli.customer).or(words(&cli.query));
            let start = load::start(
                &request,
                query.as_deref().unwrap_or_default(),
                &config.thresholds,
                now,
                lang,
            )?;
            let theme = tui::theme::Theme::choose(
                cli.theme.unwrap_or(config.display.theme),
                cli.no_color || env.no_color(),
            );
            let options = tui::Options {
                query,
                present: cli.present,
                sort: config.display.sort,
                mouse: cli.mouse,
                lang,
                local_clipboard: tui::clipboard::local_allowed(|name| env.var(name)),
            };
            tui::run(start, theme, options)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Show {
            query,
            json,
            format,
        }) => {
            let loaded = load_checked()?;
            let format = if *json { ShowFormat::Json } else { *format };
            show::run(&loaded, &query.join(" "), format, &config.sku_names(), lang)
        }
        Some(Command::Users {
            query,
            inactive,
            json,
            csv,
        }) => {
            let loaded = load_checked()?;
            users::run(
                &loaded,
                &query.join(" "),
                *inactive,
                users::Output::of(*json, *csv),
                lang,
            )
        }
        Some(Command::List {
            sort,
            filter,
            limit,
            json,
            csv,
        }) => {
            let loaded = load_checked()?;
            list::run(&loaded, *sort, *filter, *limit, *json, *csv, lang)
        }
    }
}

/// `1 file`, `3 files`: the cache commands' administrative output is English.
pub(crate) fn plural_en(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        crate::present::format::count(Lang::En, n as u64),
        if n == 1 { one } else { many }
    )
}
