//! Invariants over generated portfolios, checked against computations of their own (not
//! against uptake's output): the percentages quoted in why lines are the ratios of the counts
//! quoted beside them; no suggestion concerns more licenses than the customer has; rows
//! without entitlements never make a usage %; the current view is the newest date of each
//! source; the order of the files never changes it.

use proptest::prelude::*;
use uptake::domain::advice::{self, Why};
use uptake::domain::metrics;
use uptake::domain::model::{Customer, Portfolio};
use uptake::domain::thresholds::Thresholds;
use uptake::i18n::Lang;
use uptake::import::Builder;

const PRODUCTS: [&str; 4] = ["E3", "E5", "BUSINESS PREMIUM", "DYNAMICS 365 SALES"];
const WORKLOADS: [&str; 4] = ["Exchange", "SharePoint", "Teams", "Yammer"];
const DATES: [&str; 3] = ["2025-05-14", "2025-06-14", "2025-07-14"];

/// One generated row: a deployment (`workload` None) or a usage row of one customer.
#[derive(Debug, Clone)]
pub struct Row {
    customer: usize,
    product: usize,
    workload: Option<usize>,
    a: u64,
    b: u64,
}

/// A file: its date and rows (one export of one day).
#[derive(Debug, Clone)]
struct File {
    date: usize,
    rows: Vec<Row>,
}

pub fn row() -> impl Strategy<Value = Row> {
    (
        0..3usize,
        0..PRODUCTS.len(),
        prop::option::weighted(0.7, 0..WORKLOADS.len()),
        0..120u64,
        prop_oneof![Just(0u64), 1..100u64],
    )
        .prop_map(|(customer, product, workload, a, b)| Row {
            customer,
            product,
            workload,
            a,
            b,
        })
}

fn files() -> impl Strategy<Value = Vec<File>> {
    prop::collection::vec(
        (0..DATES.len(), prop::collection::vec(row(), 1..14))
            .prop_map(|(date, rows)| File { date, rows }),
        1..4,
    )
}

/// The v1 insights JSON of a file. Rows repeated for the same key keep the last one, as a
/// second record of the same date does.
fn json(file: &File) -> String {
    items(file.rows.iter().map(|r| (file.date, r)))
}

/// The v1 insights JSON of rows, each of its date (an index into [`DATES`]).
pub fn items<'r>(rows: impl Iterator<Item = (usize, &'r Row)>) -> String {
    let items: Vec<String> = rows
        .map(|(date, r)| {
            let base = format!(
                r#""customerId":"c-{}","customerName":"Customer {}","serviceCode":"o365","productName":"{}","processedDateTime":"{}T00:00:00Z""#,
                r.customer, r.customer, PRODUCTS[r.product], DATES[date]
            );
            match r.workload {
                None => format!(
                    r#"{{{base},"licensesDeployed":{},"licensesSold":{}}}"#,
                    r.a, r.b
                ),
                Some(w) => format!(
                    r#"{{{base},"workloadName":"{}","licensesActive":{},"licensesQualified":{}}}"#,
                    WORKLOADS[w], r.a, r.b
                ),
            }
        })
        .collect();
    format!(r#"{{"items":[{}]}}"#, items.join(","))
}

fn load(files: &[File]) -> Portfolio {
    let mut b = Builder::default();
    for (i, f) in files.iter().enumerate() {
        b.add_file(&format!("file-{i}.json"), json(f).as_bytes())
            .unwrap();
    }
    b.finish()
}

fn now() -> uptake::domain::model::Timestamp {
    "2025-07-20T00:00:00Z".parse().unwrap()
}

/// The current view of a customer, as comparable values.
type View = Vec<(
    String,
    Option<(u64, u64, String)>,
    Vec<(String, u64, u64, String)>,
)>;

fn view(c: &Customer) -> View {
    let day =
        |t: Option<uptake::domain::model::Timestamp>| t.map(|t| t.to_rfc3339()).unwrap_or_default();
    let mut v: View = c
        .products
        .iter()
        .filter(|p| !p.is_past())
        .map(|p| {
            let mut w: Vec<_> = p
                .workloads
                .iter()
                .map(|w| (w.name.to_string(), w.active, w.qualified, day(w.as_of)))
                .collect();
            w.sort();
            (
                p.name.to_string(),
                p.deployment.map(|d| (d.assigned, d.sold, day(d.as_of))),
                w,
            )
        })
        .collect();
    v.sort();
    v
}

/// The licenses of a customer, computed here (all generated products are Office 365): the
/// products with a deployment row give the larger of sold and assigned, summed; products with
/// usage rows only give their largest workload entitlements, and count where they show more.
fn licenses_of(c: &Customer) -> u64 {
    let with: u64 = c
        .products
        .iter()
        .filter_map(|p| p.deployment.map(|d| d.sold.max(d.assigned)))
        .sum();
    let without = c
        .products
        .iter()
        .filter(|p| p.deployment.is_none())
        .flat_map(|p| p.workloads.iter().map(|w| w.qualified))
        .max()
        .unwrap_or(0);
    with.max(without)
}

/// Licenses with no active user, at most, computed here: per product its licenses (the larger
/// of sold and assigned, or its largest workload's entitlements) less its users (its most
/// active workload's, or without usage its assigned), summed, never above the customer's.
fn idle_of(c: &Customer) -> u64 {
    let per_product: u64 = c
        .products
        .iter()
        .map(|p| {
            let licenses = match p.deployment {
                Some(d) => d.sold.max(d.assigned),
                None => p.workloads.iter().map(|w| w.qualified).max().unwrap_or(0),
            };
            let users = match p.workloads.iter().map(|w| w.active).max() {
                Some(a) => a,
                None => p.deployment.map_or(0, |d| d.assigned),
            };
            licenses.saturating_sub(users)
        })
        .sum();
    per_product.min(licenses_of(c))
}

fn ratio(n: u64, d: u64) -> f64 {
    n as f64 * 100.0 / d as f64
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn quoted_percentages_are_the_ratios_of_the_quoted_counts(files in files()) {
        let t = Thresholds::default();
        for c in &load(&files).customers {
            let m = metrics::customer(c, &t, now());
            for s in advice::advise(c, &m, &t) {
                let text = s.why_text(Lang::En);
                let pct = |p: f64| uptake::present::format::percent(Lang::En, Some(p));
                match &s.why {
                    Why::ShowValue { usage, unused, qualified, idle, licenses, .. } => {
                        prop_assert!(close(*usage, ratio(qualified - unused, *qualified)), "{text}");
                        prop_assert!(idle <= licenses, "{text}");
                        prop_assert_eq!(*idle, idle_of(c), "{}", text);
                    }
                    Why::WorkloadAdoption { percent, active, qualified, .. } => {
                        prop_assert!(close(percent.unwrap(), ratio(*active, *qualified)), "{text}");
                        prop_assert!(text.contains(&pct(ratio(*active, *qualified))), "{text}");
                    }
                    Why::CheckData { over, .. } => {
                        for o in over {
                            prop_assert!(o.qualified > 0, "{text}");
                            prop_assert!(close(o.percent.unwrap(), ratio(o.active, o.qualified)), "{text}");
                        }
                    }
                    Why::AssignLicenses { deployment, unassigned, sold, .. } => {
                        prop_assert!(close(*deployment, ratio(sold - unassigned, *sold)), "{text}");
                    }
                    Why::Expand { deployment, usage, assigned, sold, active, qualified, .. } => {
                        prop_assert!(close(*deployment, ratio(*assigned, *sold)), "{text}");
                        prop_assert!(close(*usage, ratio(*active, *qualified)), "{text}");
                        prop_assert!(text.contains(&pct(ratio(*active, *qualified))), "{text}");
                    }
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn no_suggestion_concerns_more_licenses_than_the_customer_has(files in files()) {
        let t = Thresholds::default();
        for c in &load(&files).customers {
            let m = metrics::customer(c, &t, now());
            let own = licenses_of(c);
            prop_assert_eq!(m.licenses, own);
            for s in advice::advise(c, &m, &t) {
                prop_assert!(s.licenses <= own, "{:?} concerns {} of {} licenses", s.id, s.licenses, own);
            }
        }
    }

    #[test]
    fn rows_without_entitlements_never_make_a_usage_percentage(files in files()) {
        let t = Thresholds::default();
        for c in &load(&files).customers {
            let m = metrics::customer(c, &t, now());
            let (mut active, mut qualified) = (0, 0);
            for (p, pm) in c.products.iter().zip(&m.products) {
                for (w, wm) in p.workloads.iter().zip(&pm.workloads) {
                    if w.qualified == 0 {
                        prop_assert_eq!(wm.percent, None);
                    } else {
                        active += w.active;
                        qualified += w.qualified;
                    }
                }
            }
            prop_assert_eq!(m.usage, (qualified > 0).then(|| ratio(active, qualified)));
        }
    }

    #[test]
    fn the_current_view_is_the_newest_date_of_each_source(files in files()) {
        for c in &load(&files).customers {
            let id: usize = c.id.as_ref().unwrap().as_str()[2..].parse().unwrap();
            // The newest date of each source for this customer, from the files themselves.
            let newest = |usage: bool| {
                files
                    .iter()
                    .filter(|f| f.rows.iter().any(|r| r.customer == id && r.workload.is_some() == usage))
                    .map(|f| f.date)
                    .max()
            };
            let current = c.products.iter().filter(|p| !p.is_past());
            for p in current {
                if let Some(d) = p.deployment {
                    let want = newest(false).map(|i| DATES[i].to_string());
                    prop_assert_eq!(d.as_of.map(|t| t.date_naive().to_string()), want);
                }
                for w in &p.workloads {
                    let want = newest(true).map(|i| DATES[i].to_string());
                    prop_assert_eq!(w.as_of.map(|t| t.date_naive().to_string()), want);
                }
            }
        }
    }

    #[test]
    fn the_order_of_the_files_never_changes_the_current_view(files in files(), seed in any::<u64>()) {
        // Files of distinct dates: two files of the same day are one export's parts, where the
        // later record of a key wins (and says so).
        let mut by_date = files.clone();
        by_date.sort_by_key(|f| f.date);
        by_date.dedup_by_key(|f| f.date);
        let mut shuffled = by_date.clone();
        let n = shuffled.len();
        for i in (1..n).rev() {
            shuffled.swap(i, (seed as usize).wrapping_add(i * 7) % (i + 1));
        }
        let a = load(&by_date);
        let b = load(&shuffled);
        let views = |p: &Portfolio| p.customers.iter().map(|c| (c.name.to_string(), view(c))).collect::<Vec<_>>();
        prop_assert_eq!(views(&a), views(&b));
    }
}

// The sort orders on the demo portfolio, against an oracle written plainly (moved here from
// the domain's unit tests: the demo lives above the domain).
mod sort_oracle {
    use proptest::prelude::*;
    use std::cmp::Ordering;

    use uptake::domain::analysis::{Assessment, Row, SortKey, assess, sort};
    use uptake::domain::thresholds::Thresholds;

    fn na_last(a: Option<f64>, b: Option<f64>) -> Ordering {
        match (a, b) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }

    /// The ordering each key means, written plainly: the oracle for [`sort`].
    fn compare(key: SortKey, assessed: &[Assessment], a: usize, b: usize) -> Ordering {
        let (ma, mb) = (&assessed[a].metrics, &assessed[b].metrics);
        let primary = match key {
            SortKey::Name => Ordering::Equal,
            SortKey::UsageAsc => na_last(ma.usage, mb.usage),
            SortKey::DeploymentAsc => na_last(ma.deployment, mb.deployment),
            SortKey::UnusedDesc => mb.unused_seats.cmp(&ma.unused_seats),
            SortKey::DropDesc => na_last(ma.usage_delta.map(|d| d.0), mb.usage_delta.map(|d| d.0)),
            // Most expensive first, unpriced last.
            SortKey::CostDesc => {
                let cost = |m: &uptake::domain::metrics::CustomerMetrics| {
                    m.cost.map(|c| c.idle_or_unassigned().cents)
                };
                match (cost(ma), cost(mb)) {
                    (Some(x), Some(y)) => y.cmp(&x),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                }
            }
        };
        primary.then_with(|| a.cmp(&b))
    }

    /// Prices for some of the demo's products (the others stay unpriced).
    fn priced() -> Thresholds {
        uptake::config::Config::parse(
            "[prices]\ncurrency = \"EUR\"\n\"MICROSOFT 365 E3\" = 33.7\nSTANDARDPACK = 9.4\n\"MICROSOFT 365 BUSINESS BASIC\" = 5.6\n",
            "test",
        )
        .unwrap()
        .thresholds
    }

    /// The cost of idle seats, computed from the raw products and the price table: per priced
    /// product, price × (seats without an active user where usage says so, else unassigned).
    fn cost_by_hand(c: &uptake::domain::model::Customer) -> Option<u64> {
        let price = |name: &str| match name.to_ascii_uppercase().as_str() {
            "MICROSOFT 365 E3" => Some(3370u64),
            "OFFICE 365 E1" => Some(940),
            "MICROSOFT 365 BUSINESS BASIC" => Some(560),
            _ => None,
        };
        let mut total = None;
        for p in &c.products {
            let Some(cents) = price(p.name.as_str()) else {
                continue;
            };
            let (sold, assigned) = p.deployment.map_or((0, 0), |d| (d.sold, d.assigned));
            let with_usage = p.workloads.iter().any(|w| w.qualified > 0);
            let seats = if with_usage {
                let most_active = p.workloads.iter().map(|w| w.active).max().unwrap_or(0);
                let seats = if p.deployment.is_some() {
                    sold
                } else {
                    p.workloads.iter().map(|w| w.qualified).max().unwrap_or(0)
                };
                seats.saturating_sub(most_active)
            } else {
                sold.saturating_sub(assigned)
            };
            *total.get_or_insert(0) += cents * seats;
        }
        total
    }

    #[test]
    fn the_cost_of_idle_seats_matches_a_computation_by_hand() {
        let p = uptake::demo::portfolio(chrono::Utc::now());
        let a = assess(&p, &priced(), chrono::Utc::now());
        let mut priced_customers = 0;
        for (c, a) in p.customers.iter().zip(&a) {
            let got = a.metrics.cost.map(|c| c.idle_or_unassigned().cents);
            assert_eq!(got, cost_by_hand(c), "{}", c.name);
            priced_customers += usize::from(got.is_some());
        }
        assert!(priced_customers > 5, "the test exercises prices");
    }

    /// A value a percentage or a change can take: ties, zero of both signs, above 100 %,
    /// negative changes, n/a.
    fn percentish() -> impl Strategy<Value = Option<f64>> {
        prop_oneof![
            Just(None),
            Just(Some(0.0)),
            Just(Some(-0.0)),
            Just(Some(50.0)),
            Just(Some(100.0)),
            (-300.0f64..300.0).prop_map(Some),
        ]
    }

    fn metrics() -> impl Strategy<Value = Assessment> {
        let cost = prop_oneof![
            Just(None),
            (0u64..5, any::<Option<u64>>()).prop_map(Some),
            any::<(u64, Option<u64>)>().prop_map(Some),
        ];
        (
            percentish(),
            percentish(),
            prop_oneof![0u64..4, any::<u64>()],
            percentish(),
            cost,
        )
            .prop_map(|(usage, deployment, unused, delta, cost)| {
                let mut a = Assessment::default();
                a.metrics.usage = usage;
                a.metrics.deployment = deployment;
                a.metrics.unused_seats = unused;
                a.metrics.usage_delta = delta.map(|d| (d, chrono::DateTime::UNIX_EPOCH));
                let eur = uptake::domain::commerce::Currency {
                    code: "EUR",
                    symbol: "€",
                };
                let money = |cents| uptake::domain::commerce::Money {
                    cents,
                    currency: eur,
                };
                a.metrics.cost = cost.map(|(unassigned, idle): (u64, Option<u64>)| {
                    uptake::domain::metrics::Cost {
                        price: uptake::domain::commerce::Price {
                            micros: 1,
                            currency: eur,
                        },
                        unassigned_per_month: money(unassigned),
                        idle_per_month: idle.map(money),
                    }
                });
                a
            })
    }

    proptest! {
        /// The packed-integer sort orders as comparing the values one pair at a time does,
        /// for every key, over values with ties, signed zeros, extremes and n/a.
        #[test]
        fn the_packed_sort_orders_as_comparing_does(
            a in proptest::collection::vec(metrics(), 0..60),
            start in any::<u64>(),
        ) {
            for key in SortKey::ALL {
                let n = a.len();
                let mut fast: Vec<usize> = (0..n).collect();
                fast.rotate_left(if n == 0 { 0 } else { (start % n as u64) as usize });
                let rows: Vec<Row> = a.iter().map(Row::of).collect();
                sort(&mut fast, &rows, key);
                let mut slow: Vec<usize> = (0..n).collect();
                slow.sort_by(|x, y| compare(key, &a, *x, *y));
                prop_assert_eq!(fast, slow, "{:?}", key);
            }
        }
    }

    #[test]
    fn sorting_by_precomputed_keys_agrees_with_compare() {
        let p = uptake::demo::portfolio(chrono::Utc::now());
        let a = assess(&p, &priced(), chrono::Utc::now());
        let rows: Vec<Row> = a.iter().map(Row::of).collect();
        for key in SortKey::ALL {
            let mut fast: Vec<usize> = (0..a.len()).rev().collect();
            sort(&mut fast, &rows, key);
            let mut slow: Vec<usize> = (0..a.len()).collect();
            slow.sort_by(|x, y| compare(key, &a, *x, *y));
            assert_eq!(fast, slow, "{key:?}");
        }
    }
}

proptest! {
    /// A roll-up's dates read back by hand are the dates written (postcard and JSON), to the
    /// nanosecond; whole seconds and no date too.
    #[test]
    fn sums_dates_read_back_as_written(
        secs in 631_152_000i64..7_258_118_400,
        nanos in prop_oneof![Just(0u32), Just(360_000_000), 0u32..1_000_000_000],
        none in any::<bool>(),
        usage_days in prop::option::of(0i64..40),
    ) {
        let at = chrono::DateTime::from_timestamp(secs, nanos).unwrap();
        let sums = uptake::domain::model::Sums {
            as_of: (!none).then_some(at),
            assigned: 3,
            sold: 4,
            active: 1,
            qualified: 2,
            usage_as_of: usage_days.map(|d| at - chrono::Duration::days(d)),
        };
        let bytes = postcard::to_allocvec(&sums).unwrap();
        prop_assert_eq!(postcard::from_bytes::<uptake::domain::model::Sums>(&bytes).unwrap(), sums);
        let json = serde_json::to_string(&sums).unwrap();
        prop_assert_eq!(serde_json::from_str::<uptake::domain::model::Sums>(&json).unwrap(), sums);
    }
}

// Exports that span several dates, read together in any order: of the figures two files hold
// for one product (or workload) and date, the file whose data reaches the newest date counts
// (of files reaching the same date, the one read later; within a file, the later record).
mod overlapping_exports {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use uptake::import::Builder;

    use super::{DATES, PRODUCTS, Row, WORKLOADS, items, row};

    /// A file of rows of several dates.
    type File = Vec<(usize, Row)>;

    /// (customer, product, workload or none for deployment, date) → (a, b).
    type Figures = BTreeMap<(usize, usize, Option<usize>, usize), (u64, u64)>;

    fn files() -> impl Strategy<Value = Vec<File>> {
        prop::collection::vec(prop::collection::vec((0..DATES.len(), row()), 1..16), 2..5)
    }

    fn json(file: &File) -> String {
        items(file.iter().map(|(date, r)| (*date, r)))
    }

    /// The model: files taken oldest data first (stable: read order), each record replacing
    /// the figure of its key and date.
    fn model(files: &[File]) -> Figures {
        let mut order: Vec<&File> = files.iter().collect();
        order.sort_by_key(|f| f.iter().map(|(d, _)| *d).max());
        let mut out = Figures::new();
        for f in order {
            for (date, r) in f {
                out.insert((r.customer, r.product, r.workload, *date), (r.a, r.b));
            }
        }
        out
    }

    fn index(list: &[&str], name: &str) -> usize {
        list.iter()
            .position(|x| x.eq_ignore_ascii_case(name))
            .unwrap()
    }

    fn date(t: Option<uptake::domain::model::Timestamp>) -> usize {
        let day = t.unwrap().date_naive().to_string();
        DATES.iter().position(|d| *d == day).unwrap()
    }

    /// Every figure of every date uptake holds, current and history.
    fn held(files: &[File]) -> Figures {
        let mut b = Builder::default();
        for (i, f) in files.iter().enumerate() {
            b.add_file(&format!("file-{i}.json"), json(f).as_bytes())
                .unwrap();
        }
        let mut out = Figures::new();
        for c in b.finish().customers {
            let customer: usize = c.id.as_ref().unwrap().as_str()[2..].parse().unwrap();
            for p in &c.products {
                let product = index(&PRODUCTS, p.name.as_str());
                // One figure of a date, never two.
                let mut put = |key, figure| {
                    assert!(out.insert(key, figure).is_none(), "two figures of {key:?}")
                };
                for d in p.deployment.iter().chain(&p.deployment_history) {
                    put(
                        (customer, product, None, date(d.as_of)),
                        (d.assigned, d.sold),
                    );
                }
                for w in p.workloads.iter().chain(&p.past_workloads) {
                    let workload = Some(index(&WORKLOADS, w.name.as_str()));
                    put(
                        (customer, product, workload, date(w.as_of)),
                        (w.active, w.qualified),
                    );
                    for h in &w.history {
                        put(
                            (customer, product, workload, date(Some(h.as_of))),
                            (h.active, h.qualified),
                        );
                    }
                }
            }
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn the_newest_export_s_figure_of_each_date_counts(files in files()) {
            prop_assert_eq!(held(&files), model(&files));
            let mut reversed = files.clone();
            reversed.reverse();
            prop_assert_eq!(held(&reversed), model(&reversed));
        }
    }
}
