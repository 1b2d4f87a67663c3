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
    let counted = ProgressStyle::with_template("{msg:.bold} [{bar:30}] {prefix}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    let uncounted = ProgressStyle::with_template("{spinner} {msg:.bold}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    while !p.is_finished() {
        let seen = p.seen();
        let file = crate::text::fit(&seen.file, 40);
        // The style first: a message drawn in the previous stage's style would show its counts.
        if seen.total == 0 {
            // A stage not counted in bytes (building, indexing): a spinner.
            bar.set_style(uncounted.clone());
        } else {
            bar.set_style(counted.clone());
            bar.set_length(seen.total);
            bar.set_position(seen.done);
            bar.set_prefix(counts(&seen, p.rate()));
        }
        bar.set_message(format!("{} {}", seen.stage.word(), file.trim_end()));
        bar.tick();
        std::thread::sleep(Duration::from_millis(100));
    }
    bar.finish_and_clear();
}

/// "120.3 of 348.0 MB · 95 MB/s · 3 s left": the rate over the stage so far (the readers
/// report in steps, so an instant rate would jump), in the units the loading screen uses.
fn counts(seen: &crate::import::progress::Seen, rate: Option<f64>) -> String {
    let mb = |b: f64| b / 1e6;
    let mut out = format!(
        "{:.1} of {:.1} MB",
        mb(seen.done as f64),
        mb(seen.total as f64)
    );
    if let Some(rate) = rate.filter(|r| *r > 0.0) {
        let left = (seen.total - seen.done) as f64 / rate;
        out.push_str(&format!(
            " · {:.0} MB/s · {:.0} s left",
            mb(rate),
            left.ceil()
        ));
    }
    out
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.progress.finish();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
