//! The sales-call path: how many keystrokes from launch to a named customer's detail, and how
//! long one search keystroke takes (query update, re-rank, and a 120×40 frame).
//!
//! `cargo bench --bench search` (portfolios: the embedded demo and a generated 10 000).

use std::hint::black_box;

use chrono::TimeZone;
use criterion::Criterion;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use uptake::app::App;
use uptake::config::Thresholds;
use uptake::keymap::Action;
use uptake::theme::Theme;
use uptake::{Loaded, Source};

fn now() -> uptake::model::Timestamp {
    chrono::Utc.with_ymd_and_hms(2025, 6, 19, 12, 0, 0).unwrap()
}

fn demo() -> Loaded {
    Loaded::new(
        uptake::demo::portfolio(now()),
        Source::Demo,
        &Thresholds::default(),
        now(),
    )
}

fn generated(customers: usize) -> Loaded {
    let dir = std::env::temp_dir().join(format!("uptake-bench-{customers}"));
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 14).unwrap();
    uptake::generate::write(customers, 42, as_of, &dir).unwrap();
    let portfolio = uptake::import::load_paths(&[dir]).unwrap();
    Loaded::new(portfolio, Source::Demo, &Thresholds::default(), now())
}

/// Keystrokes from launch to the customer's detail, typed as a person searches: `/`, the start
/// of one word of the name (or the starts of two words), then ↓ until the customer is
/// selected (the detail shows the selection). The fewest over all such queries.
fn keystrokes(app: &mut App, customer: usize) -> usize {
    let name = app.customer(customer).0.name.to_string();
    let words: Vec<Vec<char>> = name
        .split_whitespace()
        .map(|w| w.chars().collect())
        .collect();
    let prefix = |w: &Vec<char>, n: usize| w.iter().take(n).collect::<String>();
    let mut queries: Vec<String> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        queries.extend((1..=w.len()).map(|n| prefix(w, n)));
        for v in &words[i + 1..] {
            for a in 1..=w.len().min(5) {
                queries.extend(
                    (1..=v.len().min(5)).map(|b| format!("{} {}", prefix(w, a), prefix(v, b))),
                );
            }
        }
    }
    queries.sort_by_key(|q| q.chars().count());
    queries.dedup();
    let mut best = usize::MAX;
    for q in queries {
        let typed = 1 + q.chars().count();
        if typed >= best {
            break;
        }
        app.update(Action::SearchCancel);
        app.update(Action::StartSearch);
        for ch in q.chars() {
            app.update(Action::SearchInput(ch));
        }
        if let Some(downs) = app.visible.iter().position(|&i| i == customer) {
            best = best.min(typed + downs);
        }
    }
    best
}

fn report_keystrokes(label: &str, loaded: &Loaded, sample: usize) {
    let mut app = App::new(loaded.clone());
    let total = app.total();
    let step = (total / sample).max(1);
    let mut counts: Vec<usize> = (0..total)
        .step_by(step)
        .map(|i| keystrokes(&mut app, i))
        .collect();
    counts.sort_unstable();
    let unreachable = counts.iter().filter(|c| **c == usize::MAX).count();
    counts.retain(|c| *c != usize::MAX);
    let pick = |q: f64| counts[((counts.len() - 1) as f64 * q) as usize];
    println!(
        "keystrokes to a named customer's detail, {label} ({} customers sampled): median {}, 90th percentile {}, max {} ({} unreachable); with `uptake NAME`: none after launch",
        counts.len() + unreachable,
        pick(0.5),
        pick(0.9),
        pick(1.0),
        unreachable
    );
}

fn bench_keystroke(c: &mut Criterion, label: &str, loaded: &Loaded) {
    let mut app = App::new(loaded.clone());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let theme = Theme::dark();
    app.update(Action::StartSearch);
    for ch in "mul".chars() {
        app.update(Action::SearchInput(ch));
    }
    // Two keystrokes per iteration (a letter, then Backspace), each followed by a frame.
    c.bench_function(
        &format!("search keystroke pair + 120x40 frames, {label}"),
        |b| {
            b.iter(|| {
                app.update(Action::SearchInput('l'));
                terminal
                    .draw(|f| uptake::ui::draw(f, &app, &theme))
                    .unwrap();
                app.update(Action::SearchBackspace);
                terminal
                    .draw(|f| uptake::ui::draw(f, &app, &theme))
                    .unwrap();
                black_box(app.visible.len())
            })
        },
    );
    c.bench_function(&format!("one 120x40 frame, {label}"), |b| {
        b.iter(|| {
            terminal
                .draw(|f| uptake::ui::draw(f, &app, &theme))
                .unwrap();
        });
    });
}

fn main() {
    let demo = demo();
    let big = generated(10_000);
    report_keystrokes("demo", &demo, 40);
    report_keystrokes("10 000 generated", &big, 200);
    let mut c = Criterion::default().configure_from_args();
    bench_keystroke(&mut c, "demo (40)", &demo);
    bench_keystroke(&mut c, "10 000", &big);
    c.final_summary();
}
