//! The sales-call workflow: ranked search, filters, overview, explain, copy, present mode.

mod common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use uptake::domain::analysis::Filter;
use uptake::domain::metrics::Flag;
use uptake::domain::search::SearchIndex;
use uptake::present::report::{Markup, summary};
use uptake::tui::app::App;
use uptake::tui::keymap::Action;
use uptake::tui::theme::Theme;

fn names(app: &App) -> Vec<String> {
    app.visible
        .iter()
        .map(|&i| app.customer(i).0.name.to_string())
        .collect()
}

fn portfolio_of(names: &[&str]) -> uptake::domain::model::Portfolio {
    let items: Vec<String> = names
        .iter()
        .map(|n| {
            format!(
                r#"{{"customerName":"{n}","productName":"E3","licensesDeployed":1,"licensesSold":2,"processedDateTime":"2025-06-14"}}"#
            )
        })
        .collect();
    let json = format!(r#"{{"items":[{}]}}"#, items.join(","));
    uptake::import::load_named(&[("n.json", json.as_bytes())]).unwrap()
}

#[test]
fn prefix_beats_substring_beats_fuzzy_and_ties_keep_the_sort() {
    let p = portfolio_of(&[
        "Bacon Foods",
        "Acme Con Ltd",
        "Falcon Air",
        "Contoso",
        "Cnx Holdings",
        "Coho Winery Con",
    ]);
    let index = SearchIndex::new(&p);
    let order: Vec<usize> = (0..p.customers.len()).collect();
    let found: Vec<&str> = index
        .search(&order, "con")
        .iter()
        .map(|&i| p.customers[i].name.as_str())
        .collect();
    // Name order: Acme Con Ltd, Bacon Foods, Cnx Holdings, Coho Winery Con, Contoso, Falcon Air.
    assert_eq!(
        found,
        [
            "Contoso",         // word prefix at the start of the name
            "Acme Con Ltd",    // word prefix later (ties: name order)
            "Coho Winery Con", // word prefix later
            "Bacon Foods",     // substring (ties: name order)
            "Falcon Air",      // substring
        ]
    );
    // Issue 11: c…o…n spread over two words ("Cnx Holdings") is too loose to be a match.
    let cnx = p
        .customers
        .iter()
        .position(|c| c.name.as_str() == "Cnx Holdings")
        .unwrap();
    assert!(!index.search(&order, "con").contains(&cnx));
    let found: Vec<&str> = index
        .search(&order, "cnhold")
        .iter()
        .map(|&i| p.customers[i].name.as_str())
        .collect();
    assert_eq!(found, ["Cnx Holdings"], "fuzzy: letters close together");
    let reversed: Vec<usize> = order.iter().rev().copied().collect();
    let found: Vec<&str> = index
        .search(&reversed, "con")
        .iter()
        .map(|&i| p.customers[i].name.as_str())
        .collect();
    assert_eq!(
        &found[1..3],
        ["Coho Winery Con", "Acme Con Ltd"],
        "ties follow the current order"
    );
    assert_eq!(&found[3..5], ["Falcon Air", "Bacon Foods"]);
}

#[test]
fn every_word_of_the_query_must_match() {
    let mut app = demo_app();
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "fab log");
    let found = names(&app);
    assert_eq!(found[0], "Fabrikam Logistics GmbH");
    assert!(
        !found.contains(&"Fabrikam Residences".to_string()),
        "log does not match it: {found:?}"
    );
    for name in &found[1..] {
        let r = uptake::domain::search::highlight(name, "fab log");
        assert!(!r.is_empty(), "{name}: only names match fuzzily, never ids");
    }
}

/// Computed from the raw data: a product whose live, paid subscription (same name, any case)
/// ends within 60 days has seats sold and not assigned, or more seats than its most active
/// workload's users.
fn renews_with_idle_seats(c: &uptake::domain::model::Customer) -> bool {
    let today = common::now().date_naive();
    c.products.iter().any(|p| {
        let renews = c.subscriptions.iter().flatten().any(|s| {
            !s.is_trial
                && s.status.is_live()
                && s.offer.as_str().eq_ignore_ascii_case(p.name.as_str())
                && s.commitment_end.is_some_and(|e| {
                    let days = (e.date_naive() - today).num_days();
                    (0..=60).contains(&days)
                })
        });
        let (sold, assigned) = p.deployment.map_or((0, 0), |d| (d.sold, d.assigned));
        let idle = p
            .workloads
            .iter()
            .map(|w| w.active)
            .max()
            .is_some_and(|most_active| sold > most_active);
        renews && (sold > assigned || idle)
    })
}

#[test]
fn each_filter_keeps_exactly_its_customers() {
    let mut app = demo_app();
    let cases = [
        (Filter::NeedsAttention, None),
        (Filter::LowUsage, Some(Flag::LowUsage)),
        (Filter::LowDeployment, Some(Flag::LowDeployment)),
        (Filter::Over100, Some(Flag::UsageOver100)),
        (Filter::Trials, None),
        (Filter::Renewing, None),
        (Filter::RenewingIdle, None),
        (Filter::All, None),
    ];
    for (filter, flag) in cases {
        app.update(Action::CycleFilter);
        assert_eq!(app.filter, filter);
        let want: Vec<usize> = (0..app.total())
            .filter(|&i| {
                // The full assessment, computed again: the list keeps a bit per filter.
                let a = app.data.assessment(i).unwrap();
                match (filter, flag) {
                    (Filter::All, _) => true,
                    (Filter::NeedsAttention, _) => !a.actions.is_empty(),
                    (Filter::Trials, _) => {
                        a.metrics.has(Flag::Trial) || a.metrics.has(Flag::AssignedWithoutSold)
                    }
                    (Filter::Renewing, _) => a.metrics.renewing_soon,
                    // Renewing, and seats nobody uses or nobody was given.
                    (Filter::RenewingIdle, _) => renews_with_idle_seats(app.customer(i).0),
                    (_, Some(f)) => a.metrics.has(f),
                    _ => unreachable!(),
                }
            })
            .collect();
        let mut got = app.visible.clone();
        got.sort_unstable();
        assert_eq!(got, want, "{filter:?}");
        assert!(!got.is_empty(), "the demo has customers for {filter:?}");
    }
}

#[test]
fn the_title_shows_the_filter_and_its_count() {
    let mut app = demo_app();
    app.update(Action::CycleFilter);
    app.update(Action::CycleFilter);
    let low = app.visible.len();
    let s = screen(&app, 160, 20);
    let title = s.lines().next().unwrap();
    assert!(
        title.contains(&format!("sort: name · filter: low usage ({low})")),
        "{title}"
    );
}

#[test]
fn overview_at_80x24_and_120x40() {
    let mut app = demo_app();
    press(&mut app, &[KeyCode::Char('o')]);
    let s = screen(&app, 120, 40);
    for want in [
        "Portfolio overview",
        "Portfolio · 40 customers",
        "Licenses sold",
        "Portfolio median: deployment",
        "Customers by deployment %",
        "Customers by usage %",
        "80–100%",
        "> 100%",
        "Top opportunities (by licenses)",
        "  1 ",
        "Show the value",
    ] {
        assert!(s.contains(want), "{want}\n{s}");
    }
    let mut all = s.clone();
    for _ in 0..4 {
        press(&mut app, &[KeyCode::PageDown]);
        all.push_str(&screen(&app, 120, 40));
    }
    assert!(all.contains("Partner Center's own totals"), "{all}");
    assert!(all.contains("Office 365: "), "{all}");
    assert!(all.contains("prorated deployment 81.6"), "{all}");
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('o')]);
    let s = screen(&app, 80, 24);
    assert!(s.contains("Portfolio · 40 customers"), "{s}");
    assert!(s.contains("Customers by deployment %"), "{s}");
    press(&mut app, &[KeyCode::PageDown, KeyCode::PageDown]);
    let s = screen(&app, 80, 24);
    assert!(s.contains("licenses"), "scrolls to the opportunities\n{s}");
}

/// An Insights usage download has no deployment rows: the overview's sold and assigned are
/// unknown (n/a), not zero; the histogram's n/a bar counts every customer.
#[test]
fn a_usage_only_overview_says_n_a_for_sold_and_counts_every_customer_as_n_a() {
    let mut app = app_from(&["insights/OfficeUsage.csv"]);
    let customers = app.total();
    press(&mut app, &[KeyCode::Char('o')]);
    let s = screen(&app, 200, 40);
    assert!(
        s.contains("Licenses sold n/a · assigned n/a (n/a) · unassigned n/a"),
        "{s}"
    );
    assert!(!s.contains("Licenses sold 0"), "{s}");
    assert!(
        s.lines()
            .any(|l| l.contains("n/a █") && l.contains(&format!("█ {customers} "))),
        "every customer in the deployment histogram's n/a bar\n{s}"
    );
    let mut both = app_from(&["portfolio.json"]);
    press(&mut both, &[KeyCode::Char('o')]);
    let s = screen(&both, 200, 40);
    assert!(!s.contains("Licenses sold n/a"), "{s}");
}

#[test]
fn the_detail_compares_with_the_portfolio_median() {
    let mut app = demo_app();
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "school");
    let median =
        uptake::present::format::percent(uptake::i18n::Lang::En, app.data.stats.median_usage);
    let s = screen(&app, 120, 40);
    assert!(s.contains("Portfolio median: deployment"), "{s}");
    assert!(s.contains(&format!("usage {median}")), "{s}");
}

#[test]
fn focusing_a_gauge_explains_its_formula_counts_and_date() {
    let mut app = app_from(&["portfolio.json"]);
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "tailspin");
    press(&mut app, &[KeyCode::Enter, KeyCode::Enter]);
    let s = screen(&app, 120, 40);
    assert!(
        s.contains("↳ Deployment = assigned 30 ÷ sold 30 = 100%"),
        "{s}"
    );
    // Down to Yammer: overall usage, product deployment, Exchange, Yammer.
    press(
        &mut app,
        &[
            KeyCode::Char('j'),
            KeyCode::Char('j'),
            KeyCode::Char('j'),
            KeyCode::Char('j'),
        ],
    );
    let s = screen(&app, 120, 40);
    assert!(
        s.contains("↳ Yammer in MICROSOFT 365 E3: usage = active 34 ÷"),
        "{s}"
    );
    assert!(s.contains("entitlements 30 = 113%"), "{s}");
    assert!(s.contains("last 28 calendar days"), "{s}");
    assert!(s.contains("2025-06-09"), "{s}");
    // A short screen keeps the explanation in view.
    let s = screen(&app, 80, 14);
    assert!(s.contains("↳ Yammer"), "{s}");
}

#[test]
fn copy_puts_the_summary_on_the_clipboard_and_says_so() {
    let mut app = app_from(&["portfolio.json"]);
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "tailspin");
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('y')]);
    let (c, a) = app.detailed().unwrap();
    let text = summary(&c, &a, now(), Markup::Text, uptake::i18n::Lang::En);
    assert!(
        text.contains("Tailspin Toys") && text.contains("why: ") && text.contains("Yammer"),
        "{text}"
    );
    assert_eq!(app.clipboard.as_deref(), Some(text.as_str()));
    let s = screen(&app, 120, 30);
    assert!(
        s.lines()
            .last()
            .unwrap()
            .contains("sent to the terminal clipboard (OSC 52): Tailspin Toys (plain text"),
        "{s}"
    );
    let bytes = uptake::tui::clipboard::osc52(&text);
    assert!(bytes.starts_with("\u{1b}]52;c;") && bytes.ends_with('\u{7}'));
    app.clipboard = None;
    press(&mut app, &[KeyCode::Char('Y')]);
    let md = app.clipboard.clone().unwrap();
    assert!(md.starts_with("## Tailspin Toys"), "{md}");
    assert!(md.contains("| **Usage** | 105% |"), "{md}");
}

#[test]
fn present_mode_hides_every_other_name() {
    let mut app = demo_app();
    press(&mut app, &[KeyCode::Char('/')]);
    type_text(&mut app, "contoso");
    press(
        &mut app,
        &[KeyCode::Enter, KeyCode::Esc, KeyCode::Char('p')],
    );
    assert!(app.present);
    let shown = app.selected().unwrap().0.name.to_string();
    let others: Vec<String> = app
        .data
        .portfolio
        .customers
        .iter()
        .map(|c| c.name.to_string())
        .filter(|n| *n != shown)
        .collect();
    let check = |app: &App, what: &str| {
        for (w, h) in [(40, 12), (80, 24), (120, 40), (160, 50)] {
            let s = screen(app, w, h);
            for other in &others {
                let head: String = other.chars().take(6).collect();
                assert!(!s.contains(&head), "{what} {w}×{h}: {other} visible\n{s}");
            }
        }
    };
    check(&app, "list");
    assert!(screen(&app, 120, 40).contains("Contoso Ltd"));
    press(&mut app, &[KeyCode::Char('o')]);
    check(&app, "overview");
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('w')]);
    assert_eq!(app.overlay, None, "warnings stay closed while presenting");
    press(&mut app, &[KeyCode::Char('?')]);
    check(&app, "help");
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('p')]);
    assert!(!app.present);
    assert!(
        screen(&app, 120, 40).contains("Adventure Works"),
        "names are back"
    );
}

#[test]
fn a_click_selects_the_row_under_the_pointer() {
    let mut app = demo_app();
    let (buf, areas) = drawn(&app, 120, 30, &Theme::dark());
    let (_, y) = find(&buf, "Bäckerei Köhler").unwrap();
    app.point(areas.pointer(&click(5, y)).unwrap());
    assert_eq!(app.selected().unwrap().0.name.as_str(), "Bäckerei Köhler");
    let (x, y) = find(&buf, "Suggested actions").unwrap();
    app.point(areas.pointer(&click(x, y + 2)).unwrap());
    assert_eq!(app.focus, uptake::tui::app::Focus::Actions);
    let (buf, areas) = drawn(&app, 120, 30, &Theme::dark());
    let (_, y) = find(&buf, "Coho Winery").unwrap();
    app.point(areas.pointer(&wheel_down(5, y)).unwrap());
    assert_eq!(app.focus, uptake::tui::app::Focus::List);
    assert_eq!(
        app.selected().unwrap().0.name.as_str(),
        "Coho Winery",
        "3 rows down from Bäckerei"
    );
}

#[test]
fn launching_with_a_query_selects_the_best_match() {
    let app = demo_app().with_query("north");
    assert_eq!(app.selected().unwrap().0.name.as_str(), "Northwind Traders");
    assert_eq!(app.query, "north");
    assert_eq!(app.mode(), uptake::tui::keymap::Mode::Normal);
}
