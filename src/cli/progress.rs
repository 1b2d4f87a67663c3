//! The progress bar of long command-line work (issue 16): on stderr, only on a terminal, and
//! only once the work has taken a second (short runs and scripts see nothing). It names the
//! stage and the file, the bytes done of all, and the rate.

use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::import::progress::Progress;

/// How long work runs before the bar shows.
const QUIET: Duration = Duration::from_secs(1);

/// Shows `progress` on stderr until dropped.
pub struct Bar {
    progress: Arc<Progress>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Bar {
    pub fn show(progress: Arc<Progress>) -> Self {
        let watched = progress.clone();
        let thread = std::io::stderr().is_terminal().then(|| {
            std::thread::spawn(move || {
                let start = std::time::Instant::now();
                while start.elapsed() < QUIET {
                    if watched.is_finished() {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                draw(&watched);
            })
        });
        Self { progress, thread }
    }
}

fn draw(p: &Progress) {
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr_with_hz(10));
    bar.set_style(
        ProgressStyle::with_template(
            "{msg:.bold} [{bar:30}] {bytes}/{total_bytes} · {binary_bytes_per_sec} · {eta} left",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    let mut stage = None;
    while !p.is_finished() {
        let seen = p.seen();
        if stage != Some(seen.stage) {
            // A new stage counts from zero: its rate and time left start again.
            bar.reset();
            stage = Some(seen.stage);
        }
        bar.set_length(seen.total);
        bar.set_position(seen.done);
        let file = crate::text::fit(&seen.file, 40);
        bar.set_message(format!("{} {}", seen.stage.word(), file.trim_end()));
        std::thread::sleep(Duration::from_millis(100));
    }
    bar.finish_and_clear();
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.progress.finish();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
