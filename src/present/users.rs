//! The licensed users of a Graph tenant (issue 14) as JSON, CSV and text rows: one list for
//! `uptake users`, the users view and what `y` copies.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::graph::{User, Workload};
use crate::i18n::Lang;
use crate::tr;

#[derive(Serialize)]
struct UserJson<'a> {
    upn: &'a str,
    display_name: &'a str,
    products: Vec<&'a str>,
    /// Per licensed workload (`exchange`, `onedrive`, …): the last activity, null when none.
    last_activity: serde_json::Map<String, serde_json::Value>,
    /// Days from the latest activity to the report's refresh date; null: never active.
    days_inactive: Option<i64>,
    concealed: bool,
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The users as the documented JSON array (deleted users are never in `users`).
pub fn json(users: &[&User], refresh: NaiveDate) -> String {
    let rows: Vec<UserJson<'_>> = users
        .iter()
        .map(|u| UserJson {
            upn: u.upn.as_str(),
            display_name: u.display_name.as_str(),
            products: u.products.iter().map(|p| p.as_str()).collect(),
            last_activity: Workload::ALL
                .iter()
                .filter(|w| u.licensed[**w as usize])
                .map(|w| {
                    let v = u.last[*w as usize].map_or(serde_json::Value::Null, |d| day(d).into());
                    (w.code().to_string(), v)
                })
                .collect(),
            days_inactive: u.days_inactive(refresh),
            concealed: u.concealed(),
        })
        .collect();
    serde_json::to_string_pretty(&rows).expect("users serialise")
}

/// The users as CSV: one column per workload's last activity (empty: none or not licensed).
pub fn csv(users: &[&User], refresh: NaiveDate) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["upn", "display_name", "products"];
    header.extend(Workload::ALL.iter().map(|w| w.code()));
    header.extend(["days_inactive", "concealed"]);
    w.write_record(&header).expect("in memory");
    let safe = crate::text::spreadsheet_safe;
    for u in users {
        let products = u
            .products
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join("+");
        let mut row = vec![
            safe(u.upn.as_str()).into_owned(),
            safe(u.display_name.as_str()).into_owned(),
            safe(&products).into_owned(),
        ];
        row.extend(Workload::ALL.iter().map(|w| {
            let i = *w as usize;
            if u.licensed[i] {
                u.last[i].map(day).unwrap_or_default()
            } else {
                String::new()
            }
        }));
        row.push(
            u.days_inactive(refresh)
                .map(|d| d.to_string())
                .unwrap_or_default(),
        );
        row.push(u.concealed().to_string());
        w.write_record(&row).expect("in memory");
    }
    String::from_utf8(w.into_inner().expect("in memory")).expect("CSV of UTF-8 text")
}

/// One user as the view and the text output show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    /// The display name, "concealed", or hidden (present mode).
    pub name: String,
    pub products: String,
    /// Last activity per counted workload (OneDrive with SharePoint): a date, "—" when none,
    /// empty when not licensed.
    pub last: Vec<String>,
    /// Days since any activity, or "never".
    pub days: String,
}

/// The counted workloads' column titles.
pub fn workload_titles() -> Vec<&'static str> {
    Workload::COUNTED.iter().map(|w| w.report_name()).collect()
}

/// The rows of `users`. `hide_names`: present mode (no user name is ever shown).
pub fn rows(users: &[&User], refresh: NaiveDate, hide_names: bool, lang: Lang) -> Vec<UserRow> {
    users
        .iter()
        .enumerate()
        .map(|(i, u)| UserRow {
            name: if hide_names {
                tr!(lang, UsersHiddenName, n = i + 1)
            } else if u.concealed() {
                // The hash's start tells rows apart; it is no name.
                format!("{} {}", tr!(lang, UsersConcealed), &u.upn.as_str()[..8])
            } else if u.display_name.as_str().is_empty() {
                u.upn.to_string()
            } else {
                u.display_name.to_string()
            },
            products: u
                .products
                .iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            last: Workload::COUNTED
                .iter()
                .map(|w| match u.last_in(*w) {
                    Some(d) => {
                        crate::present::format::date(lang, d.and_time(Default::default()).and_utc())
                    }
                    None if licensed_for(u, *w) => "—".into(),
                    None => String::new(),
                })
                .collect(),
            days: u.days_inactive(refresh).map_or_else(
                || tr!(lang, UsersNever).to_string(),
                |d| crate::present::format::count(lang, d.max(0) as u64),
            ),
        })
        .collect()
}

fn licensed_for(u: &User, w: Workload) -> bool {
    match w {
        Workload::SharePoint | Workload::OneDrive => {
            u.licensed[Workload::SharePoint as usize] || u.licensed[Workload::OneDrive as usize]
        }
        other => u.licensed[other as usize],
    }
}

/// The rows as a plain-text table (CLI output and what `y` copies): columns aligned in cells.
pub fn text(rows: &[UserRow], lang: Lang) -> String {
    let mut header = vec![
        tr!(lang, UsersColName).to_string(),
        tr!(lang, UsersColDays).to_string(),
    ];
    header.extend(workload_titles().iter().map(|s| (*s).to_string()));
    header.push(tr!(lang, UsersColProducts).to_string());
    let table: Vec<Vec<String>> = std::iter::once(header)
        .chain(rows.iter().map(|r| {
            let mut cells = vec![r.name.clone(), r.days.clone()];
            cells.extend(r.last.iter().cloned());
            cells.push(r.products.clone());
            cells
        }))
        .collect();
    let cols = table[0].len();
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            table
                .iter()
                .map(|r| crate::text::width(&r[c]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in &table {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(c, (cell, w))| {
                if c == 1 {
                    crate::text::fit_right(cell, *w)
                } else if c + 1 == cols {
                    cell.clone()
                } else {
                    crate::text::fit(cell, *w)
                }
            })
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// The `graph` block of `show --json`.
#[derive(Serialize)]
pub struct TenantJson<'a> {
    tenant: &'a str,
    account: Option<&'a str>,
    /// The active-user-detail report's refresh date (null: no report loaded).
    report_date: Option<String>,
    /// That date is in the future (a wrong clock, an edited file): the report is shown, but
    /// Partner Center heads the customer and no suggestion counts its users.
    pub dated_ahead: bool,
    /// Null (as the two below) when no user report was loaded.
    licensed_users: Option<u64>,
    /// Active in no workload under the 28-day rule.
    inactive_users: Option<u64>,
    concealed_users: Option<u64>,
    /// Per counted workload (OneDrive with SharePoint): users licensed and active.
    workloads: Vec<GraphWorkloadJson>,
    /// Null when no `subscribedSkus` was loaded.
    skus: Option<Vec<SkuJson<'a>>>,
}

#[derive(Serialize)]
struct GraphWorkloadJson {
    workload: &'static str,
    entitled: u64,
    active: u64,
    usage_percent: Option<f64>,
}

#[derive(Serialize)]
struct SkuJson<'a> {
    part_number: &'a str,
    name: String,
    status: &'static str,
    /// `appliesTo = User`: assignable to users.
    for_users: bool,
    /// enabled + warning.
    sold: u64,
    /// consumedUnits.
    assigned: u64,
    warning: u64,
    suspended: u64,
    locked_out: u64,
}

pub fn tenant_json<'a>(
    t: &'a crate::domain::graph::Tenant,
    names: &crate::domain::graph::SkuNames,
) -> TenantJson<'a> {
    let s = t.summary();
    TenantJson {
        tenant: t.id.as_str(),
        account: t.account.as_ref().map(|a| a.as_str()),
        report_date: s.refresh.map(day),
        dated_ahead: false,
        licensed_users: s.refresh.map(|_| s.licensed_users),
        inactive_users: s.refresh.map(|_| s.inactive_users),
        concealed_users: s.refresh.map(|_| s.concealed_users),
        workloads: s
            .workloads
            .iter()
            .filter_map(|w| {
                Some(GraphWorkloadJson {
                    workload: w.workload?.code(),
                    entitled: w.entitled,
                    active: w.active,
                    usage_percent: crate::domain::metrics::percent(w.active, w.entitled),
                })
            })
            .collect(),
        skus: t.skus.as_ref().map(|skus| {
            skus.iter()
                .map(|k| SkuJson {
                    part_number: k.part_number.as_str(),
                    name: names.name(k.part_number.as_str()).to_string(),
                    status: k.status.code(),
                    for_users: k.for_users,
                    sold: k.sold(),
                    assigned: k.consumed,
                    warning: k.warning,
                    suspended: k.suspended,
                    locked_out: k.locked_out,
                })
                .collect()
        }),
    }
}
