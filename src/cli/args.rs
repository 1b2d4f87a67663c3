//! Command-line options and subcommands.

use std::path::PathBuf;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{Args, Parser, Subcommand};

use crate::domain::analysis::{Filter, SortKey};

/// Parses the command line. A usage error is printed through the sanitiser (clap quotes the
/// offending argument, which may hold escape sequences) and becomes exit code 2; `--help` and
/// `--version` print as clap writes them and exit 0.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Cli, ExitCode> {
    let err = match Cli::try_parse_from(args) {
        Ok(cli) => return Ok(cli),
        Err(err) => err,
    };
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        let _ = err.print();
        return Err(ExitCode::SUCCESS);
    }
    let _ = std::io::stderr().write_all(clean_lines(&err.to_string()).as_bytes());
    Err(ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2)))
}

/// Sanitises text line by line, keeping the lines and their indentation.
pub fn clean_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let body = line.trim_start_matches(' ');
        out.push_str(&line[..line.len() - body.len()]);
        out.push_str(&crate::text::sanitize(body));
        out.push('\n');
    }
    out
}

/// Output formats of `show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    Text,
    Markdown,
    Json,
}

/// License deployment and usage of your CSP customers, with suggested actions.
///
/// With no command, opens the interactive view on --data, else on the newest cached snapshot,
/// else on the embedded demo portfolio (`show` and `list` need data, or --demo).
#[derive(Debug, Parser)]
#[command(
    name = "uptake",
    version,
    about,
    long_about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Open with this customer selected and the search prefilled (a name, part of one, or an id;
    /// several words are one name: `uptake alpine builders`).
    #[arg(value_name = "QUERY", num_args = 1..)]
    pub query: Vec<String>,

    /// The same as QUERY (for a customer whose name is also a command).
    #[arg(long, value_name = "QUERY", num_args = 1.., conflicts_with = "query")]
    pub customer: Vec<String>,

    #[command(flatten)]
    pub data: DataArgs,

    /// Start in screen-share mode: only the selected customer's name is shown (p toggles).
    #[arg(long)]
    pub present: bool,

    /// Let the mouse scroll and select (off by default, so the terminal's own text
    /// selection keeps working).
    #[arg(long)]
    pub mouse: bool,

    /// Monochrome display (also when NO_COLOR is set).
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Language of the screen and of `show`/`list` text: en, de or zh-TW (default: the
    /// config file's `lang`, else LC_ALL / LC_MESSAGES / LANG, else English). JSON and CSV
    /// output stay English.
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<crate::i18n::Lang>,

    /// Colour theme (default: the config file's, else dark).
    #[arg(long, value_enum)]
    pub theme: Option<crate::config::ThemeName>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Where the data comes from.
#[derive(Debug, Args, Clone, Default)]
pub struct DataArgs {
    /// Export file or folder of export files (repeatable). Default: the newest cached
    /// snapshot (the interactive view: else the embedded demo; `show`/`list`: else exit 1).
    #[arg(long, value_name = "PATH", global = true)]
    pub data: Vec<PathBuf>,

    /// Use the embedded demo portfolio (the interactive view opens it when nothing is cached;
    /// `show` and `list` only with this flag, so scripts never get invented numbers).
    #[arg(long, global = true, conflicts_with = "data")]
    pub demo: bool,

    /// Use the valid records even when some records of the export are broken
    /// (`show`, `list` and `users` refuse by default, so numbers never silently miss rows).
    #[arg(long, global = true)]
    pub keep_going: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate export files or folders and add them to the cache as a new snapshot (the
    /// files are copied unchanged; the sources are never modified).
    Import {
        /// Export files or folders.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// List the cached snapshots, newest data last.
    Snapshots {
        /// Delete all but the newest KEEP snapshots (their trend history is kept).
        #[arg(long, value_name = "KEEP", conflicts_with = "verify")]
        prune: Option<usize>,
        /// With `--prune 0`: really delete every snapshot.
        #[arg(long, requires = "prune")]
        all: bool,
        /// Check every file of every snapshot against its manifest's SHA-256 (exit 1 when one
        /// is damaged).
        #[arg(long)]
        verify: bool,
    },
    /// The configuration (config.toml in the config dir, or UPTAKE_CONFIG).
    Config {
        /// Print the effective configuration, defaults included.
        #[arg(long)]
        print: bool,
    },
    /// Write a synthetic portfolio export (v1 insights JSON: deployment.json and usage.json)
    /// with every flag represented; deterministic for a seed and a date.
    Demo {
        /// Number of customers.
        #[arg(long, value_name = "N")]
        customers: usize,
        /// Folder to write into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Seed of the generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Processed date of the deployment data (default: five days ago).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<chrono::NaiveDate>,
        /// json: deployment.json + usage.json (v1 insights); csv: an OfficeUsage download.
        #[arg(long, value_enum, default_value = "json")]
        format: crate::demo::generate::ExportFormat,
    },
    /// One customer's deployment, usage and suggested actions.
    Show {
        /// A name (or a part of it) or a customer id; several words are one name.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Print JSON (the scripting contract); the same as --format json.
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// Output format: text (as the TUI copies with y), markdown (as Y copies), json.
        #[arg(long, value_enum, default_value = "text")]
        format: ShowFormat,
    },
    /// The licensed users of one customer, from its Microsoft Graph reports (longest inactive
    /// first; deleted users left out).
    Users {
        /// A name (or a part of it) or a customer id; several words are one name.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Only users inactive in every workload for at least DAYS days (never active: once the license is that old, the rule of reclaim_licenses).
        #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(i64).range(0..=3650))]
        inactive: Option<i64>,
        /// Print JSON: an array of {upn, display_name, products, last_activity, days_inactive,
        /// concealed}.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV (one row per user, a header first).
        #[arg(long)]
        csv: bool,
    },
    /// The portfolio, one customer a line.
    List {
        /// Order: name, usage (lowest first), deployment (lowest first), unused (most first),
        /// drop (biggest usage drop first), cost (most expensive idle seats first, at your
        /// prices).
        #[arg(long, value_name = "KEY", default_value = "name")]
        sort: SortKey,
        /// Only these customers: all, attention (any rule fired), low_usage, low_deployment,
        /// over_100, trials, renewing (a subscription ends within the renewal window),
        /// renewing_idle (renewing, with idle or unassigned seats).
        #[arg(long, value_name = "FILTER", default_value = "all")]
        filter: Filter,
        /// At most N customers (after sorting and filtering).
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Print JSON.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV (one row per customer, a header first).
        #[arg(long)]
        csv: bool,
    },
}
