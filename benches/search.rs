//! The sales-call path: how many keystrokes from launch to a named customer's detail, and how
//! long one search keystroke takes (query update, re-rank, and a 120×40 frame).
//!
//! `cargo bench --bench search` (portfolios: the embedded demo and a generated 10 000;
//! `UPTAKE_BENCH_HUGE=100000` adds the typed-as-heard report on that many).

use std::hint::black_box;

use chrono::TimeZone;
use criterion::Criterion;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use uptake::domain::thresholds::Thresholds;
use uptake::load::{Loaded, Source};
use uptake::tui::app::App;
use uptake::tui::keymap::Action;
use uptake::tui::theme::Theme;

fn now() -> uptake::domain::model::Timestamp {
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
    uptake::demo::generate::write(customers, 42, as_of, &dir).unwrap();
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

/// A name as a caller might spell it: umlauts written out (`ä` → `ae`, `ß` → `ss`), the
/// Traditional `臺` as `台`, and two neighbouring letters swapped in the first word of 5+
/// letters (`Tailspin` → `Tialspin`).
fn misspelled(name: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut typo_done = false;
    for word in name.split_whitespace() {
        let mut w: String = word
            .chars()
            .map(|c| match c {
                'ä' => "ae".to_string(),
                'ö' => "oe".to_string(),
                'ü' => "ue".to_string(),
                'Ä' => "Ae".to_string(),
                'Ö' => "Oe".to_string(),
                'Ü' => "Ue".to_string(),
                'ß' => "ss".to_string(),
                '臺' => "台".to_string(),
                c => c.to_string(),
            })
            .collect();
        let chars: Vec<char> = w.chars().collect();
        if !typo_done && chars.len() >= 5 && chars.iter().all(|c| c.is_alphabetic()) {
            let mut c = chars.clone();
            c.swap(1, 2);
            w = c.into_iter().collect();
            typo_done = true;
        }
        out.push(w);
    }
    out.join(" ")
}

/// Keystrokes from launch to the customer's detail when the caller's spelling is typed as
/// heard (see [`misspelled`]): `/`, letters until the customer is selected (every keystroke
/// selects the best match), then ↓ if the whole query still ranks others first. Also the time
/// of each keystroke (update and a 120×40 frame).
fn typed_as_heard(app: &mut App, customer: usize, times: &mut Vec<f64>) -> Option<usize> {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let theme = Theme::dark();
    let query = misspelled(app.customer(customer).0.name.as_str());
    app.update(Action::SearchCancel);
    app.update(Action::StartSearch);
    let mut typed = 1;
    for ch in query.chars() {
        let t = std::time::Instant::now();
        app.update(Action::SearchInput(ch));
        terminal
            .draw(|f| {
                uptake::tui::ui::draw(f, app, &mut uptake::tui::ui::ViewState::default(), &theme);
            })
            .unwrap();
        times.push(t.elapsed().as_secs_f64() * 1e3);
        typed += 1;
        if app.selected_index() == Some(customer) {
            return Some(typed);
        }
    }
    let downs = app.visible.iter().position(|&i| i == customer)?;
    Some(typed + downs)
}

fn report_typed_as_heard(label: &str, loaded: &Loaded, sample: usize) {
    let mut app = App::new(loaded.clone());
    let total = app.total();
    let step = (total / sample).max(1);
    let mut times = Vec::new();
    let mut examples = Vec::new();
    let results: Vec<Option<usize>> = (0..total)
        .step_by(step)
        .map(|i| {
            if examples.len() < 4 {
                examples.push(misspelled(app.customer(i).0.name.as_str()));
            }
            typed_as_heard(&mut app, i, &mut times)
        })
        .collect();
    let mut counts: Vec<usize> = results.iter().flatten().copied().collect();
    let unreachable = results.len() - counts.len();
    counts.sort_unstable();
    times.sort_by(f64::total_cmp);
    let pick = |q: f64| counts[((counts.len() - 1) as f64 * q) as usize];
    let time = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    println!(
        "keystrokes to a named customer's detail typed with a typo and transliterations, {label} ({} sampled, e.g. {examples:?}): median {}, 90th percentile {}, max {} ({} not found); per keystroke (update + 120x40 frame): median {:.2} ms, 90th percentile {:.2} ms, max {:.2} ms",
        results.len(),
        pick(0.5),
        pick(0.9),
        pick(1.0),
        unreachable,
        time(0.5),
        time(0.9),
        time(1.0),
    );
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
                    .draw(|f| {
                        uptake::tui::ui::draw(
                            f,
                            &app,
                            &mut uptake::tui::ui::ViewState::default(),
                            &theme,
                        );
                    })
                    .unwrap();
                app.update(Action::SearchBackspace);
                terminal
                    .draw(|f| {
                        uptake::tui::ui::draw(
                            f,
                            &app,
                            &mut uptake::tui::ui::ViewState::default(),
                            &theme,
                        );
                    })
                    .unwrap();
                black_box(app.visible.len())
            })
        },
    );
    c.bench_function(&format!("one 120x40 frame, {label}"), |b| {
        b.iter(|| {
            terminal
                .draw(|f| {
                    uptake::tui::ui::draw(
                        f,
                        &app,
                        &mut uptake::tui::ui::ViewState::default(),
                        &theme,
                    );
                })
                .unwrap();
        });
    });
}

/// A search over a million customers' keys (the demo's names and ids), as the app runs one
/// when a query is typed at once: the whole list ranked (on two threads), best first.
fn bench_million(c: &mut Criterion) {
    use uptake::domain::model::{Customer, Portfolio};
    use uptake::text::Clean;
    let customers: Vec<Customer> = uptake::demo::generate::identities(1_000_000, 42)
        .into_iter()
        .map(|(id, name)| Customer {
            id: Some(Clean::new(&id)),
            name: Clean::new(&name),
            domain: None,
            products: Vec::new(),
            history: Vec::new(),
            support: None,
            subscriptions: None,
            graph: None,
        })
        .collect();
    let portfolio = Portfolio {
        customers,
        ..Portfolio::default()
    };
    let index = uptake::domain::search::SearchIndex::new(&portfolio);
    let order: Vec<usize> = (0..portfolio.customers.len()).collect();
    // A name's words up to 30 characters, as the end-to-end bench types them; one word;
    // a word with two letters swapped; an id's start.
    let name = |i: usize| portfolio.customers[i].name.as_str().to_lowercase();
    let burst = |i: usize| {
        let mut out = String::new();
        for word in name(i).split_whitespace() {
            if !out.is_empty() && out.chars().count() + word.chars().count() >= 30 {
                break;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    };
    let latin = (500_000..)
        .find(|&i| name(i).is_ascii() && name(i).split_whitespace().count() == 4)
        .unwrap();
    let cjk = (500_000..).find(|&i| !name(i).is_ascii()).unwrap();
    let id = portfolio.customers[latin].id.as_ref().unwrap().as_str()[..8].to_string();
    let queries = [
        ("a name typed at once", burst(latin)),
        ("a CJK name typed at once", burst(cjk)),
        (
            "one word",
            name(latin).split_whitespace().next().unwrap().to_string(),
        ),
        ("one word, two letters swapped", {
            let mut w: Vec<char> = name(latin)
                .split_whitespace()
                .next()
                .unwrap()
                .chars()
                .collect();
            w.swap(1, 2);
            w.into_iter().collect()
        }),
        ("an id's start", id),
    ];
    for (what, query) in &queries {
        println!(
            "1 000 000 customers, {what}: {query:?} finds {}",
            index.search(&order, query).len()
        );
    }
    let mut group = c.benchmark_group("search 1 000 000 customers");
    group.sample_size(20);
    for (what, query) in &queries {
        group.bench_function(*what, |b| {
            b.iter(|| black_box(index.search(&order, query).len()))
        });
    }
    group.finish();
}

fn main() {
    let demo = demo();
    let big = generated(10_000);
    report_keystrokes("demo", &demo, 40);
    report_keystrokes("10 000 generated", &big, 200);
    report_typed_as_heard("demo", &demo, 40);
    report_typed_as_heard("10 000 generated", &big, 200);
    if let Ok(n) = std::env::var("UPTAKE_BENCH_HUGE") {
        let huge = generated(n.parse().expect("a number of customers"));
        report_typed_as_heard(&format!("{n} generated"), &huge, 100);
    }
    let mut c = Criterion::default().configure_from_args();
    bench_keystroke(&mut c, "demo (40)", &demo);
    bench_keystroke(&mut c, "10 000", &big);
    bench_million(&mut c);
    c.final_summary();
}
