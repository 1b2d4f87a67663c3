//! Microsoft Graph per-tenant files (issue 14), recognised by content: `subscribedSkus` JSON and
//! the usage-report CSVs (active users detail; the Microsoft 365 Apps user detail and services
//! user counts are recognised and noted, not used). The tenant is the GUID of the folder holding
//! the file, else the `<tenant>_<skuId>` ids of `subscribedSkus`.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::graph::{Sku, SkuNames, SkuStatus, User, Workload};
use crate::domain::model::{Format, Severity};

use super::ImportError;
use super::build::{Bad, Builder, bad};
use super::lines::LineCounter;
use super::records::{Record, Records};

/// Whether a JSON text is a `subscribedSkus` response (looks at its start only).
pub fn looks_like_skus(text: &[u8]) -> bool {
    let head = &text[..text.len().min(4096)];
    head.windows(15).any(|w| w == b"\"skuPartNumber\"")
        || head.windows(16).any(|w| w == b"subscribedSkus\"")
}

/// Whether a delimited text is a Graph usage report (its header starts with the refresh date).
pub fn looks_like_report(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start_matches('"')
        .starts_with("Report Refresh Date")
}

/// A tenant id: a GUID (any case), returned lower-case.
pub(crate) fn guid(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let ok = b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        });
    ok.then(|| s.to_ascii_lowercase())
}

/// The tenant a file belongs to, from the name of the folder holding it.
fn folder_tenant(path: &str) -> Option<String> {
    let mut parts = path.rsplit(['/', '\\']);
    parts.next();
    parts.next().and_then(guid)
}

/// The tenant of a report in a folder not named by a GUID, from the `subscribedSkus` file
/// beside it (its ids are `<tenant>_<skuId>`), when that names exactly one tenant.
fn sibling_skus_tenant(path: &str) -> Option<String> {
    let here = std::path::Path::new(path);
    let dir = here.parent()?;
    let mut found = None;
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let p = entry.path();
        // A SKU list is small; anything large beside the report is not one.
        if p == here || !p.is_file() || entry.metadata().map_or(true, |m| m.len() > 4 << 20) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        let text = text.trim_start_matches('\u{feff}');
        if !looks_like_skus(text.as_bytes()) {
            continue;
        }
        let Ok(doc) = serde_json::from_str::<SkusDoc>(text) else {
            continue;
        };
        for id in doc.value.iter().filter_map(|s| s.id.as_deref()) {
            let tenant = id.split('_').next().and_then(guid)?;
            if found.get_or_insert_with(|| tenant.clone()) != &tenant {
                return None;
            }
        }
    }
    found
}

fn no_tenant(path: &str) -> ImportError {
    ImportError::NotAnExport {
        path: path.to_string(),
        reason: "a Microsoft Graph report, but which tenant it is for cannot be known: put it in a folder named by the customer's tenant id (a GUID, e.g. 3f1d9c7a-5b2e-4c81-9a6d-0e7f2b4c8d15/)".into(),
    }
}

#[derive(Deserialize)]
struct SkusDoc {
    value: Vec<SkuRaw>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SkuRaw {
    account_name: Option<String>,
    applies_to: Option<String>,
    capability_status: Option<String>,
    consumed_units: Option<u64>,
    id: Option<String>,
    prepaid_units: Option<Units>,
    sku_id: Option<String>,
    sku_part_number: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Units {
    enabled: Option<u64>,
    warning: Option<u64>,
    suspended: Option<u64>,
    locked_out: Option<u64>,
}

/// Reads a `subscribedSkus` response.
pub fn read_skus(path: &str, text: &str, builder: &mut Builder) -> Result<(), ImportError> {
    let doc: SkusDoc =
        serde_json::from_str(text).map_err(|e| super::detect::syntax_error(path, &e))?;
    builder.set_format(Format::GraphSkus);
    let mut from_ids: Vec<String> = doc
        .value
        .iter()
        .filter_map(|s| s.id.as_deref()?.split('_').next().and_then(guid))
        .collect();
    from_ids.sort_unstable();
    from_ids.dedup();
    let folder = folder_tenant(path);
    // Never one tenant's licenses under another customer: ids naming another tenant than the
    // folder (a file copied into the wrong folder), or two tenants, leave the file out.
    let other = from_ids
        .iter()
        .find(|t| folder.as_ref().is_some_and(|f| f != *t) || **t != from_ids[0]);
    if let Some(other) = other {
        builder.set_format(Format::GraphSkus);
        let message = match &folder {
            Some(f) => format!(
                "its ids name tenant {other}, not {f} (the folder it is in): the file is left out, so no tenant's licenses are shown under another customer; put it in the folder of its own tenant"
            ),
            None => format!(
                "its ids name more than one tenant ({}): the file is left out",
                from_ids.join(", ")
            ),
        };
        builder.warn(&"value", Some("id"), message, Severity::Skipped);
        return Ok(());
    }
    let Some(tenant) = folder.or(from_ids.into_iter().next()) else {
        return Err(no_tenant(path));
    };
    let account = doc.value.iter().find_map(|s| s.account_name.clone());
    let mut skus = Vec::with_capacity(doc.value.len());
    for (i, raw) in doc.value.into_iter().enumerate() {
        let at = format!("value[{i}]");
        builder.record(&at, |_| {
            let part = raw
                .sku_part_number
                .as_deref()
                .filter(|p| !p.trim().is_empty())
                .ok_or_else(|| bad("skuPartNumber", "missing: the SKU cannot be named"))?;
            let units = raw.prepaid_units.unwrap_or_default();
            skus.push(Sku {
                part_number: crate::text::Clean::new(part.trim()),
                sku_id: crate::text::Clean::new(raw.sku_id.as_deref().unwrap_or("")),
                for_users: raw.applies_to.as_deref() == Some("User"),
                status: SkuStatus::parse(raw.capability_status.as_deref().unwrap_or("")),
                consumed: raw.consumed_units.unwrap_or(0),
                enabled: units.enabled.unwrap_or(0),
                warning: units.warning.unwrap_or(0),
                suspended: units.suspended.unwrap_or(0),
                locked_out: units.locked_out.unwrap_or(0),
            });
            Ok(())
        });
    }
    builder.graph_skus(&tenant, account.as_deref(), skus);
    Ok(())
}

/// Column positions of the active-user-detail report, found by header name.
struct Columns {
    len: usize,
    names: Vec<String>,
    refresh: usize,
    upn: usize,
    display: Option<usize>,
    deleted: usize,
    has: [usize; 6],
    last: [usize; 6],
    assigned: [Option<usize>; 6],
    products: Option<usize>,
}

impl Columns {
    fn new(header: &Record) -> Result<Self, String> {
        let names: Vec<String> = header
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        let find = |n: &str| names.iter().position(|h| h.eq_ignore_ascii_case(n));
        let need = |n: &str| find(n).ok_or_else(|| format!("the column \"{n}\" is missing"));
        let mut has = [0; 6];
        let mut last = [0; 6];
        let mut assigned = [None; 6];
        for w in Workload::ALL {
            let name = w.report_name();
            has[w as usize] = need(&format!("Has {name} License"))?;
            last[w as usize] = need(&format!("{name} Last Activity Date"))?;
            assigned[w as usize] = find(&format!("{name} License Assign Date"));
        }
        Ok(Self {
            len: names.len(),
            refresh: need("Report Refresh Date")?,
            upn: need("User Principal Name")?,
            display: find("Display Name"),
            deleted: need("Is Deleted")?,
            products: find("Assigned Products"),
            names,
            has,
            last,
            assigned,
        })
    }

    fn at(&self, i: usize) -> String {
        format!("{} (column {})", self.names[i], i + 1)
    }
}

/// Reads a Graph usage-report CSV (the kind is told by its header).
pub fn read_report(path: &str, text: &str, builder: &mut Builder) -> Result<(), ImportError> {
    let text = text.trim_start_matches('\u{feff}');
    let mut records = Records::new(text);
    let Some(header) = records.next_record() else {
        return Err(ImportError::Empty {
            path: path.to_string(),
        });
    };
    let has = |n: &str| header.iter().any(|h| h.trim() == n);
    if !has("Has Exchange License") {
        let format = if has("Last Activation Date") {
            Format::GraphAppUsers
        } else if has("Exchange Active") {
            Format::GraphServiceCounts
        } else {
            return Err(ImportError::NotAnExport {
                path: path.to_string(),
                reason: "a Microsoft Graph usage report, but not one uptake reads (it reads getOffice365ActiveUserDetail)".into(),
            });
        };
        builder.set_format(format);
        builder.info(
            path,
            "recognised; uptake counts activity from the active users detail report (getOffice365ActiveUserDetail), not from this one",
        );
        return Ok(());
    }
    let Some(tenant) = folder_tenant(path).or_else(|| sibling_skus_tenant(path)) else {
        // Users dropped: a record-level loss `show` and `list` refuse without --keep-going.
        builder.set_format(Format::GraphActiveUsers);
        builder.warn(
            &"all rows",
            None,
            "whose users these are cannot be known: put the file in a folder named by the tenant id (a GUID) or beside its subscribedSkus file".into(),
            Severity::Skipped,
        );
        return Ok(());
    };
    let cols = Columns::new(&header).map_err(|reason| ImportError::NotAnExport {
        path: path.to_string(),
        reason: format!("an active users detail report, but {reason}"),
    })?;
    builder.set_format(Format::GraphActiveUsers);
    let mut lines = LineCounter::new(text);
    let mut users = Vec::new();
    let mut refresh: Option<NaiveDate> = None;
    // UPN (folded) → the line it was first seen on: a user twice in one report counts once.
    let mut seen: foldhash::HashMap<String, u64> = foldhash::HashMap::default();
    while let Some(row) = records.next_record() {
        let at = row.start;
        builder.cursor.record_offset(at as usize);
        if !builder.cursor.keep_going() {
            return Err(ImportError::Cancelled);
        }
        let line = Line(lines.at(at));
        builder.record(&line, |_| {
            let (r, user) = user_row(&cols, &row)?;
            if refresh.is_some_and(|d| d != r) {
                return Err(bad(
                    cols.at(cols.refresh),
                    "another refresh date than the rows before it: two reports in one file?",
                ));
            }
            refresh = Some(r);
            let key = user.upn.as_str().to_lowercase();
            if let Some(first) = seen.get(&key) {
                // The value is personal data: the warning names the line only.
                return Err(bad(
                    cols.at(cols.upn),
                    format!("the same user as line {first}: counted once"),
                ));
            }
            seen.insert(key, line.0);
            users.push(user);
            Ok(())
        });
    }
    match refresh {
        Some(r) => builder.graph_users(&tenant, r, users, path),
        None => builder.warn(
            &Line(1),
            None,
            "the report has no user rows".into(),
            Severity::Note,
        ),
    }
    Ok(())
}

fn user_row(cols: &Columns, row: &Record) -> Result<(NaiveDate, User), Bad> {
    if row.len() != cols.len {
        return Err(bad(
            format!("column {}", row.len().min(cols.len) + 1),
            format!(
                "{} fields, the header has {}: the row is left out",
                row.len(),
                cols.len
            ),
        ));
    }
    let get = |i: usize| row.get(i).unwrap_or("").trim();
    let date = |i: usize| -> Result<Option<NaiveDate>, Bad> {
        let v = get(i);
        if v.is_empty() {
            return Ok(None);
        }
        let day = v.strip_suffix("T00:00:00Z").unwrap_or(v);
        super::date::iso_date(day)
            .or_else(|| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
            .map(Some)
            // The value is left out of the warning: a shifted row puts names and addresses
            // (personal data) in this column.
            .ok_or_else(|| bad(cols.at(i), "not a date (yyyy-mm-dd)"))
    };
    let flag = |i: usize| -> Result<bool, Bad> {
        let v = get(i);
        let is = |w: &str| v.eq_ignore_ascii_case(w);
        match () {
            () if is("true") || is("yes") => Ok(true),
            () if is("false") || is("no") || v.is_empty() => Ok(false),
            // The value is left out (personal data, as above).
            _ => Err(bad(cols.at(i), "not True or False")),
        }
    };
    let refresh = date(cols.refresh)?
        .ok_or_else(|| bad(cols.at(cols.refresh), "empty: the report date is needed"))?;
    let mut user = User {
        upn: crate::text::Clean::new(get(cols.upn)),
        display_name: crate::text::Clean::new(cols.display.map_or("", get)),
        deleted: flag(cols.deleted)?,
        licensed: [false; 6],
        last: [None; 6],
        assigned: [None; 6],
        products: cols
            .products
            .map(|i| SkuNames::split_products(get(i)))
            .unwrap_or_default(),
    };
    for w in 0..6 {
        user.licensed[w] = flag(cols.has[w])?;
        user.last[w] = date(cols.last[w])?;
        // Activity after the report was made cannot be: not counted as active, said.
        if user.last[w].is_some_and(|d| d > refresh) {
            return Err(bad(
                cols.at(cols.last[w]),
                "after the report's refresh date (impossible: a typo or another report's row)",
            ));
        }
        user.assigned[w] = cols.assigned[w].map(date).transpose()?.flatten();
    }
    if user.upn.as_str().is_empty() {
        return Err(bad(
            cols.at(cols.upn),
            "empty: the user cannot be told apart",
        ));
    }
    Ok((refresh, user))
}

struct Line(u64);

impl std::fmt::Display for Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}", self.0)
    }
}
