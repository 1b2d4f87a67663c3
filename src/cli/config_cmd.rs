//! `uptake config`: where the configuration comes from, and with `--print` every value.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use crate::config::Config;
use crate::text;

/// `path` is the file read (none: defaults); `at` where the file would be.
pub fn run(
    config: &Config,
    path: Option<PathBuf>,
    at: Option<PathBuf>,
    print: bool,
) -> Result<ExitCode> {
    let origin = path.map_or_else(
        || {
            let at = at.map_or_else(|| "?".to_string(), |p| text::display(&p));
            format!("defaults (no file at {at})")
        },
        |p| text::display(&p),
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
