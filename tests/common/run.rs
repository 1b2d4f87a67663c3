//! The suite's one way to run the real binary: a clean environment, the same for every test.
//!
//! Every run starts from an empty environment: only `PATH` is kept (so a shell around uptake
//! finds its tools), `HOME` and the XDG folders point into a temporary home of the run's own, so
//! a developer's own config, cache or locale never leaks in. On top of that: no config file
//! (`UPTAKE_CONFIG=/dev/null`), English (`LC_ALL=C.UTF-8`), a pinned clock ([`NOW`]), never the
//! real clipboard (`UPTAKE_CLIPBOARD=osc52`) and an empty cache folder in the temporary home.
//! A test that needs anything else (a locale, `NO_COLOR`, another clock) says so with
//! [`Run::env`], [`Run::env_remove`], [`Run::now`], [`Run::cache`] or [`Run::config`].

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use tempfile::TempDir;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_uptake");

/// The pinned clock of every run (the same instant as [`super::now`]).
pub const NOW: &str = "2025-06-19T12:00:00Z";

/// One run of a program (uptake unless [`Run::program`]) in the clean environment.
pub struct Run {
    program: OsString,
    args: Vec<OsString>,
    vars: BTreeMap<OsString, OsString>,
    stdin: Option<Stdio>,
    stdout: Option<Stdio>,
    stderr: Option<Stdio>,
    home: TempDir,
}

impl Default for Run {
    fn default() -> Self {
        Self::new()
    }
}

impl Run {
    /// The real binary in the clean environment.
    pub fn new() -> Self {
        Self::program(BIN)
    }

    /// Another program (a shell around uptake) in the same clean environment.
    pub fn program(program: impl AsRef<OsStr>) -> Self {
        let home = tempfile::tempdir().expect("a temporary home");
        let cache = home.path().join("uptake-cache");
        std::fs::create_dir(&cache).expect("a cache folder");
        let mut vars = BTreeMap::new();
        if let Some(path) = std::env::var_os("PATH") {
            vars.insert("PATH".into(), path);
        }
        vars.insert("HOME".into(), home.path().into());
        for (var, sub) in [
            ("XDG_CONFIG_HOME", ".config"),
            ("XDG_CACHE_HOME", ".cache"),
            ("XDG_DATA_HOME", ".local/share"),
            ("XDG_STATE_HOME", ".local/state"),
        ] {
            vars.insert(var.into(), home.path().join(sub).into());
        }
        vars.insert("UPTAKE_CACHE_DIR".into(), cache.into());
        vars.insert("UPTAKE_CONFIG".into(), "/dev/null".into());
        // English, whatever the machine's locale (tests of other languages say so).
        vars.insert("LC_ALL".into(), "C.UTF-8".into());
        vars.insert("UPTAKE_NOW".into(), NOW.into());
        // Never the real clipboard.
        vars.insert("UPTAKE_CLIPBOARD".into(), "osc52".into());
        Run {
            program: program.as_ref().to_owned(),
            args: Vec::new(),
            vars,
            stdin: None,
            stdout: None,
            stderr: None,
            home,
        }
    }

    /// The cache folder (instead of the run's own empty one).
    pub fn cache(self, dir: impl AsRef<Path>) -> Self {
        self.env("UPTAKE_CACHE_DIR", dir.as_ref())
    }

    /// A config file with this text (instead of none).
    pub fn config(self, text: &str) -> Self {
        let path = self.home.path().join("config.toml");
        std::fs::write(&path, text).expect("writes the config");
        self.env("UPTAKE_CONFIG", path)
    }

    /// Another pinned clock (RFC 3339).
    pub fn now(self, at: &str) -> Self {
        self.env("UPTAKE_NOW", at)
    }

    /// Sets a variable (over the defaults).
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.vars
            .insert(key.as_ref().to_owned(), value.as_ref().to_owned());
        self
    }

    /// Sets these variables (over the defaults).
    pub fn envs(self, vars: &[(&str, &str)]) -> Self {
        vars.iter().fold(self, |run, (k, v)| run.env(k, v))
    }

    /// Unsets a variable (one of the defaults).
    pub fn env_remove(mut self, key: impl AsRef<OsStr>) -> Self {
        self.vars.remove(key.as_ref());
        self
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    pub fn args<S: AsRef<OsStr>>(self, args: impl IntoIterator<Item = S>) -> Self {
        args.into_iter().fold(self, |run, a| run.arg(a))
    }

    pub fn stdin(mut self, input: impl Into<Stdio>) -> Self {
        self.stdin = Some(input.into());
        self
    }

    pub fn stdout(mut self, out: impl Into<Stdio>) -> Self {
        self.stdout = Some(out.into());
        self
    }

    pub fn stderr(mut self, err: impl Into<Stdio>) -> Self {
        self.stderr = Some(err.into());
        self
    }

    /// The environment the program gets, in full (for a pty's command builder).
    pub fn vars(&self) -> impl Iterator<Item = (&OsStr, &OsStr)> {
        self.vars
            .iter()
            .map(|(k, v)| (k.as_os_str(), v.as_os_str()))
    }

    /// The program and its arguments.
    pub fn argv(&self) -> (&OsStr, &[OsString]) {
        (&self.program, &self.args)
    }

    /// The temporary home of the run (deleted with it).
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    fn command(&mut self) -> Command {
        let mut cmd = Command::new(&self.program);
        cmd.args(&self.args).env_clear().envs(&self.vars);
        if let Some(input) = self.stdin.take() {
            cmd.stdin(input);
        }
        if let Some(out) = self.stdout.take() {
            cmd.stdout(out);
        }
        if let Some(err) = self.stderr.take() {
            cmd.stderr(err);
        }
        cmd
    }

    /// Runs to the end and returns what it printed.
    pub fn output(mut self) -> Output {
        self.command().output().expect("runs")
    }

    /// Starts it; the temporary home lives as long as the returned child.
    pub fn spawn(mut self) -> Running {
        let child = self.command().spawn().expect("starts");
        Running { child, _run: self }
    }
}

/// A started run: the child process, with the run's temporary home kept alive.
pub struct Running {
    child: Child,
    _run: Run,
}

impl Running {
    pub fn wait_with_output(self) -> Output {
        self.child.wait_with_output().expect("waits")
    }
}

impl Deref for Running {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.child
    }
}

impl DerefMut for Running {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.child
    }
}

/// Runs the real binary in the clean environment with `cache` as its cache folder.
pub fn uptake_in(cache: &Path, args: &[&str]) -> Output {
    Run::new().cache(cache).args(args).output()
}

/// Imports `path` into `cache` with the real binary; the snapshot folder it wrote.
pub fn imported(cache: &Path, path: &str) -> std::path::PathBuf {
    let out = uptake_in(cache, &["import", path]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    uptake::store::snapshots::snapshots(cache)
        .unwrap()
        .pop()
        .expect("a snapshot")
}

/// Runs the real binary in the clean environment with an empty cache of its own.
pub fn uptake(args: &[&str]) -> Output {
    Run::new().args(args).output()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// The JSON a run printed; the run must have succeeded (its stderr says why not).
pub fn json_of(o: &Output) -> serde_json::Value {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap()
}
