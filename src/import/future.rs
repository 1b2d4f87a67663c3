//! Warnings on data dated after the day it is read: Partner Center's rows and Microsoft
//! Graph's reports (a typo'd year, a wrong clock, an edited file).

use crate::domain::model::Portfolio;

/// A warning when rows are dated after `now` (beyond a day of slack): such a date is a typo or
/// a wrong clock, and it would make its rows "current".
pub fn future_dated(
    portfolio: &Portfolio,
    now: crate::domain::model::Timestamp,
) -> Option<crate::domain::model::ImportWarning> {
    let (n, customer, date) = portfolio.dated_after(future(now))?;
    Some(future_warning(n, customer, date, &portfolio.files, now))
}

/// A warning when Microsoft Graph reports are dated after `now` (beyond a day of slack, see
/// [`crate::domain::metrics::report_ahead`]): it names the report dated furthest ahead (its
/// first row's refresh date: record 1, on line 2 as the other Graph warnings count), how many
/// there are, and what is done with them.
pub fn future_reports(
    customers: &[crate::domain::model::Customer],
    now: crate::domain::model::Timestamp,
) -> Option<crate::domain::model::ImportWarning> {
    let ahead: Vec<(&crate::domain::model::Customer, chrono::NaiveDate)> = customers
        .iter()
        .filter_map(|c| {
            let day = c.graph.as_ref()?.refresh()?;
            crate::domain::metrics::report_ahead(day, now).then_some((c, day))
        })
        .collect();
    let (c, day) = ahead.iter().max_by_key(|(_, day)| *day)?;
    let reports = match ahead.len() {
        1 => "1 Microsoft Graph report is".to_string(),
        n => format!("{n} Microsoft Graph reports are"),
    };
    let file = c.graph.as_ref().and_then(|t| t.report_file.clone());
    Some(crate::domain::model::ImportWarning {
        file: file.unwrap_or_else(|| "(Graph)".into()),
        record: Some((1, "line 2".into())),
        field: Some("Report Refresh Date".into()),
        message: format!(
            "{reports} dated after today (the furthest ahead: the report of {}, {day}): a wrong clock or an \
             edited file? Such a report is shown as dated, never over data dated as it should \
             be: Partner Center's figures head its customer, no suggestion counts its inactive \
             users, a report of the tenant dated as it should be is used instead, and a snapshot of such reports alone is never current \
             over one dated as it should be",
            c.name
        ),
        severity: crate::domain::model::Severity::Note,
    })
}

/// After this moment a processed date is in the future ([`future_dated`]).
pub use crate::domain::dates::future;

/// The note on `n` rows dated in the future, the first of them `customer`'s at `date`: it
/// names the file whose newest record is dated furthest ahead of `now`, that record and its
/// date's field, how many files hold such rows, and the next few of them by their newest.
pub fn future_warning(
    n: usize,
    customer: &crate::text::Clean,
    date: crate::domain::model::Timestamp,
    files: &[crate::domain::model::LoadedFile],
    now: crate::domain::model::Timestamp,
) -> crate::domain::model::ImportWarning {
    let after = future(now);
    let mut dated: Vec<(&str, &crate::domain::model::Dated)> = files
        .iter()
        .filter_map(|f| {
            // Rows counted as of their file's other rows were noted as they were read.
            let d = f
                .future
                .as_ref()
                .filter(|d| d.at > after && d.counted_as.is_none())?;
            Some((f.path.as_str(), d))
        })
        .collect();
    dated.sort_by_key(|(_, d)| std::cmp::Reverse(d.at));
    let rows = match (n, dated.len()) {
        (1, _) => "row is".to_string(),
        (_, 0 | 1) => "rows are".to_string(),
        (_, files) => format!("rows in {files} files are"),
    };
    let mut message = format!(
        "{n} {rows} dated after today (first: {customer}, {})",
        date.format("%Y-%m-%d")
    );
    if let Some((_, d)) = dated.first() {
        message.push_str(&format!(
            "; the newest in this file is this record, {}",
            d.at.format("%Y-%m-%d")
        ));
    }
    // The other files by their newest such record (a few: a whole folder may be typo'd).
    let others: Vec<String> = (dated.iter().skip(1).take(3))
        .map(|(path, d)| format!("{path} ({}, {})", d.record.1, d.at.format("%Y-%m-%d")))
        .collect();
    if !others.is_empty() {
        message.push_str(&format!("; also in {}", others.join(", ")));
        if dated.len() > 4 {
            message.push_str(&format!(" and {} more files", dated.len() - 4));
        }
    }
    message.push_str(
        ": a typo'd year or a wrong clock? With no other date to go by, such rows count as \
         dated, never over data dated as it should be (an export read with them, a snapshot \
         imported before or after)",
    );
    crate::domain::model::ImportWarning {
        file: dated.first().map_or("(data)", |(path, _)| path).to_string(),
        record: dated.first().map(|(_, d)| d.record.clone()),
        field: dated.first().map(|(_, d)| d.field.clone()),
        message,
        severity: crate::domain::model::Severity::Note,
    }
}
