use super::*;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn user(licensed: [bool; 6], last: [Option<&str>; 6]) -> User {
    User {
        upn: Clean::new("a@b.example"),
        display_name: Clean::new("A"),
        deleted: false,
        licensed,
        last: last.map(|d| d.map(day)),
        assigned: [Some(day("2024-01-01")); 6],
        products: Vec::new(),
    }
}

const ALL: [bool; 6] = [true; 6];

#[test]
fn active_rule_table() {
    let refresh = day("2026-11-28");
    // (days before refresh, active)
    for (days, active) in [(0, true), (27, true), (28, false), (29, false), (-1, true)] {
        let last = refresh - chrono::TimeDelta::days(days);
        assert_eq!(is_active(last, refresh), active, "{days} days");
        let u = User {
            last: [Some(last), None, None, None, None, None],
            ..user(ALL, [None; 6])
        };
        assert_eq!(
            u.active_in(Workload::Exchange, refresh),
            active,
            "{days} days"
        );
        assert_eq!(u.inactive(refresh), !active, "{days} days");
    }
}

#[test]
fn onedrive_counts_with_sharepoint() {
    let refresh = day("2026-11-28");
    // (OneDrive licensed, SharePoint licensed, OneDrive last, SharePoint last, entitled, active)
    let table = [
        (true, false, Some("2026-11-20"), None, true, true),
        (false, true, None, Some("2026-11-20"), true, true),
        (
            true,
            true,
            Some("2026-11-20"),
            Some("2026-01-01"),
            true,
            true,
        ),
        (
            true,
            true,
            Some("2026-01-01"),
            Some("2026-01-02"),
            true,
            false,
        ),
        (
            false,
            false,
            Some("2026-11-20"),
            Some("2026-11-20"),
            false,
            false,
        ),
        // activity in a column the user is not licensed for does not count
        (false, true, Some("2026-11-20"), None, true, false),
    ];
    for (i, (od, sp, od_last, sp_last, entitled, active)) in table.into_iter().enumerate() {
        let u = user(
            [true, od, sp, false, false, false],
            [None, od_last, sp_last, None, None, None],
        );
        let t = Tenant {
            report: Some(Report {
                refresh,
                users: vec![u.clone()],
            }),
            ..Tenant::default()
        };
        let s = t.summary();
        let sp_count = s
            .workloads
            .iter()
            .find(|w| w.workload == Some(Workload::SharePoint));
        assert_eq!(sp_count.is_some(), entitled, "row {i}");
        if let Some(c) = sp_count {
            assert_eq!(c.active, u64::from(active), "row {i}");
        }
        assert!(
            s.workloads
                .iter()
                .all(|w| w.workload != Some(Workload::OneDrive)),
            "row {i}"
        );
    }
}

#[test]
fn sku_mapping_table() {
    let names = SkuNames::shipped();
    for (part, name) in [
        ("ENTERPRISEPACK", "Office 365 E3"),
        ("enterprisepack", "Office 365 E3"),
        ("SPE_E3", "Microsoft 365 E3"),
        ("SPB", "Microsoft 365 Business Premium"),
        ("CONTOSO_UNKNOWN_SKU", "CONTOSO_UNKNOWN_SKU"),
    ] {
        assert_eq!(names.name(part).as_str(), name, "{part}");
    }
    let mut extended = names.clone();
    extended.add("CONTOSO_UNKNOWN_SKU", "Contoso Add-on");
    assert_eq!(
        extended.name("CONTOSO_UNKNOWN_SKU").as_str(),
        "Contoso Add-on"
    );
}

#[test]
fn assigned_products_split_keeps_spaced_plus() {
    let names: Vec<String> = SkuNames::split_products(
        "MICROSOFT 365 E3+ENTERPRISE MOBILITY + SECURITY E3+MICROSOFT POWER AUTOMATE FREE",
    )
    .into_iter()
    .map(|c| c.as_str().to_string())
    .collect();
    assert_eq!(
        names,
        [
            "MICROSOFT 365 E3",
            "ENTERPRISE MOBILITY + SECURITY E3",
            "MICROSOFT POWER AUTOMATE FREE"
        ]
    );
    assert!(SkuNames::split_products("").is_empty());
}

#[test]
fn source_choice_table() {
    let (d1, d2) = (day("2026-11-20"), day("2026-11-28"));
    let table = [
        (None, None, None),
        (Some(d1), None, Some(Current::PartnerCenter)),
        (None, Some(d1), Some(Current::Graph)),
        (Some(d1), Some(d2), Some(Current::Graph)),
        (Some(d2), Some(d1), Some(Current::PartnerCenter)),
        (Some(d1), Some(d1), Some(Current::PartnerCenter)),
    ];
    for (pc, graph, want) in table {
        assert_eq!(current_source(pc, graph), want, "{pc:?} {graph:?}");
    }
    for (a, b, want) in [
        (Some(50.0), Some(60.0), None),
        (Some(50.0), Some(60.5), Some(10.5)),
        (Some(80.0), Some(30.0), Some(50.0)),
        (None, Some(30.0), None),
    ] {
        assert_eq!(disagreement(a, b), want, "{a:?} {b:?}");
    }
}

#[test]
fn concealed_names() {
    assert!(is_concealed("0439A166C614C2E8C7B4075DC4752054"));
    assert!(
        is_concealed("0439a166c614c2e8c7b4075dc4752054"),
        "lower case too"
    );
    assert!(!is_concealed("anna@northwind.example"));
    assert!(!is_concealed("0439A166C614C2E8C7B4075DC475205"));
}

#[test]
fn never_active_reclaimed_once_license_is_old_enough() {
    let refresh = day("2026-11-28");
    let mut u = user(ALL, [None; 6]);
    u.assigned = [Some(refresh - chrono::TimeDelta::days(90)); 6];
    assert!(u.reclaimable(90, refresh));
    u.assigned = [Some(refresh - chrono::TimeDelta::days(89)); 6];
    assert!(!u.reclaimable(90, refresh));
    assert!(
        !u.inactive_for(90, refresh),
        "never active counts as inactive once the license is that old, as for reclaiming"
    );
    assert_eq!(u.days_inactive(refresh), None);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn arb_user() -> impl Strategy<Value = User> {
        (
            any::<bool>(),
            proptest::array::uniform6(any::<bool>()),
            proptest::array::uniform6(proptest::option::of(0i64..200)),
            proptest::sample::subsequence(vec!["E3", "E5", "F1"], 0..=3),
            0i64..1000,
        )
            .prop_map(|(deleted, licensed, ago, products, assigned)| {
                let refresh = day("2026-11-28");
                User {
                    deleted,
                    licensed,
                    last: ago.map(|a| a.map(|a| refresh - chrono::TimeDelta::days(a))),
                    assigned: [Some(refresh - chrono::TimeDelta::days(assigned)); 6],
                    products: products.into_iter().map(Clean::new).collect(),
                    ..user(ALL, [None; 6])
                }
            })
    }

    proptest! {
        /// The summary against a second, plainer count over the same rows.
        #[test]
        fn summary_matches_a_plain_count(users in proptest::collection::vec(arb_user(), 0..40)) {
            let refresh = day("2026-11-28");
            let t = Tenant { report: Some(Report { refresh, users: users.clone() }), ..Tenant::default() };
            let s = t.summary();
            // Columns: 0 Exchange, 1 OneDrive, 2 SharePoint, 3 Skype, 4 Yammer, 5 Teams.
            let groups: [(Workload, &[usize]); 5] = [
                (Workload::Exchange, &[0]),
                (Workload::SharePoint, &[1, 2]),
                (Workload::Teams, &[5]),
                (Workload::SkypeForBusiness, &[3]),
                (Workload::Yammer, &[4]),
            ];
            for (w, cols) in groups {
                let live = users.iter().filter(|u| !u.deleted);
                let entitled: Vec<_> = live.filter(|u| cols.iter().any(|&c| u.licensed[c])).collect();
                let active = entitled.iter().filter(|u| cols.iter().any(|&c| {
                    u.licensed[c] && u.last[c].is_some_and(|d| (refresh - d).num_days() < 28)
                })).count() as u64;
                let got = s.workloads.iter().find(|c| c.workload == Some(w));
                if entitled.is_empty() {
                    prop_assert!(got.is_none());
                } else {
                    prop_assert_eq!(got.unwrap().entitled, entitled.len() as u64);
                    prop_assert_eq!(got.unwrap().active, active);
                }
            }
            let licensed: Vec<_> = users.iter().filter(|u| !u.deleted && u.licensed.contains(&true)).collect();
            prop_assert_eq!(s.licensed_users, licensed.len() as u64);
            let inactive = licensed.iter().filter(|u| (0..6).all(|c| {
                !u.licensed[c] || u.last[c].is_none_or(|d| (refresh - d).num_days() >= 28)
            })).count() as u64;
            prop_assert_eq!(s.inactive_users, inactive);
        }

        /// What the index keeps (figures and reclaim keys, rows left out) gives what the rows give.
        #[test]
        fn settled_figures_match_the_rows(users in proptest::collection::vec(arb_user(), 0..40), days in 1i64..250) {
            let refresh = day("2026-11-28");
            let mut t = Tenant { report: Some(Report { refresh, users }), ..Tenant::default() };
            let from_rows = (t.summary(), t.reclaim(days));
            t.settle();
            t.report = None;
            prop_assert_eq!(&t.summary(), &from_rows.0);
            prop_assert_eq!(t.reclaim(days), from_rows.1);
            prop_assert_eq!(t.refresh(), Some(refresh));
        }
    }
}
