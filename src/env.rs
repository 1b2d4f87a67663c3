//! The process environment, read once: `cli::run` takes a snapshot ([`Env::from_process`])
//! and hands down what each part needs (the clock, the cache and config folders, the colour
//! and clipboard choices, the locale). No other module reads the environment, so tests inject
//! it ([`Env::from_pairs`]) instead of setting process variables.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::PathBuf;

/// The environment variables, as they were when uptake started.
#[derive(Debug, Clone, Default)]
pub struct Env {
    vars: HashMap<OsString, OsString>,
}

impl Env {
    /// The process environment.
    pub fn from_process() -> Self {
        Self {
            vars: std::env::vars_os().collect(),
        }
    }

    /// An environment of exactly these variables (tests).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self {
            vars: pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }

    /// A variable, when it is set, not empty and valid Unicode.
    pub fn var(&self, name: &str) -> Option<String> {
        self.var_os(name)?.to_str().map(str::to_string)
    }

    /// A variable as the OS gave it, when it is set and not empty.
    pub fn var_os(&self, name: &str) -> Option<&OsString> {
        self.vars
            .get(std::ffi::OsStr::new(name))
            .filter(|v| !v.is_empty())
    }

    /// The cache root: `UPTAKE_CACHE_DIR`, else the platform's (`~/.cache/uptake` on Linux).
    pub fn cache_dir(&self) -> Option<PathBuf> {
        if let Some(dir) = self.var_os("UPTAKE_CACHE_DIR") {
            return Some(PathBuf::from(dir));
        }
        directories::ProjectDirs::from("", "", "uptake").map(|d| d.cache_dir().to_path_buf())
    }

    /// Where the config file is: `UPTAKE_CONFIG`, else the platform config dir.
    pub fn config_path(&self) -> Option<PathBuf> {
        if let Some(p) = self.var_os("UPTAKE_CONFIG") {
            return Some(PathBuf::from(p));
        }
        directories::ProjectDirs::from("", "", "uptake").map(|d| d.config_dir().join("config.toml"))
    }

    /// Whether the config file was named with `UPTAKE_CONFIG` (then it must exist).
    pub fn config_named(&self) -> bool {
        self.vars
            .contains_key(std::ffi::OsStr::new("UPTAKE_CONFIG"))
    }

    /// `NO_COLOR` set and not empty (no-color.org).
    pub fn no_color(&self) -> bool {
        self.var_os("NO_COLOR").is_some()
    }
}

/// The day a month of an Insights download still in progress is as of: `UPTAKE_NOW`'s when
/// the clock is pinned ([`pin_today`], by `load::now`), else today's.
static TODAY: std::sync::OnceLock<chrono::NaiveDate> = std::sync::OnceLock::new();

/// Pins the day the importers date a month in progress by (the first pin holds).
pub fn pin_today(day: chrono::NaiveDate) {
    let _ = TODAY.set(day);
}

/// The importers' today (see [`pin_today`]).
pub fn today() -> chrono::NaiveDate {
    TODAY
        .get()
        .copied()
        .unwrap_or_else(|| chrono::Utc::now().date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_values_count_as_unset() {
        let env = Env::from_pairs([("NO_COLOR", ""), ("UPTAKE_CACHE_DIR", "/c")]);
        assert!(!env.no_color());
        assert_eq!(env.var("NO_COLOR"), None);
        assert_eq!(env.cache_dir(), Some(PathBuf::from("/c")));
        assert!(Env::from_pairs([("NO_COLOR", "1")]).no_color());
    }

    #[test]
    fn an_empty_config_variable_still_names_no_file() {
        let env = Env::from_pairs([("UPTAKE_CONFIG", "")]);
        assert!(env.config_named());
        assert_ne!(env.config_path(), Some(PathBuf::new()));
    }
}
