//! Command-line options and subcommands.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::analysis::SortKey;

/// License deployment and usage of your CSP customers, with suggested actions.
///
/// With no command, opens the interactive view on --data, else on the newest cached snapshot,
/// else on the embedded demo portfolio.
#[derive(Debug, Parser)]
#[command(name = "uptake", version, about, long_about)]
pub struct Cli {
    #[command(flatten)]
    pub data: DataArgs,

    /// Monochrome display (also when NO_COLOR is set).
    #[arg(long, global = true)]
    pub no_color: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Where the data comes from.
#[derive(Debug, Args, Clone, Default)]
pub struct DataArgs {
    /// Export file or folder of export files (repeatable). Default: the newest cached
    /// snapshot, else the embedded demo data.
    #[arg(long, value_name = "PATH", global = true)]
    pub data: Vec<PathBuf>,

    /// Use the valid records even when some records of the export are broken
    /// (`show` and `list` refuse by default, so numbers never silently miss rows).
    #[arg(long, global = true)]
    pub keep_going: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
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
    },
    /// One customer's deployment, usage and suggested actions.
    Show {
        /// A name (or a part of it) or a customer id.
        query: String,
        /// Print JSON (the scripting contract).
        #[arg(long)]
        json: bool,
    },
    /// The portfolio, one customer a line.
    List {
        /// Order: name, usage (lowest first), deployment (lowest first), unused (most first).
        #[arg(long, value_name = "KEY", default_value = "name")]
        sort: SortKey,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}
