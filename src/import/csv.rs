//! Partner Center Insights downloads, CSV or TSV (sniffed): OfficeUsage, DynamicsUsage,
//! PowerBIUsage, EMSUsage, SeatsSubscriptionsAndRevenue, CustomersAndTenants.
//!
//! Headers are matched case-insensitively through an alias table (the names changed between
//! versions). Rows with `IsDuplicateRowForPGA = 1` are dropped. Rows of several subscriptions
//! of one product are summed per customer, product and month; the newest month is "now", the
//! older months become history.

use std::fmt;

use super::ImportError;
use super::build::{Bad, Builder, CustomerRef, bad};
use super::date::month;
use super::lines::Lines;

#[path = "csv_early.rs"]
mod early;
#[path = "csv_sums.rs"]
mod sums;
use crate::domain::model::{Dataset, Format, Service};
use sums::{Key, NONE, Seen, Sum, Sums, build_sum};

/// Columns uptake reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Col {
    CustomerId,
    CustomerName,
    Domain,
    Workload,
    Month,
    PaidAvailableUnits,
    MonthlyActiveUsers,
    AvailableSeats,
    AssignedSeats,
    ActiveSeats,
    SoldSeats,
    Sku,
    Product,
    Duplicate,
    AadpPau,
    AadpMau,
    IntunePau,
    IntuneMau,
    AzipPau,
    AzipMau,
    RevSumDivision,
    PartnerHierarchy,
}

/// How many columns there are (`PartnerHierarchy` is the last).
const COLS: usize = Col::PartnerHierarchy as usize + 1;

/// Header aliases, compared lower-case without spaces, `_` or `-`.
const ALIASES: &[(Col, &[&str])] = &[
    (
        Col::CustomerId,
        &["customertenantid", "tenantid", "customerid"],
    ),
    (
        Col::CustomerName,
        &["customername", "customertenantname", "tenantname"],
    ),
    (
        Col::Domain,
        &["tenantdomainname", "domainname", "customerdomain"],
    ),
    (Col::Workload, &["workloadname", "workload"]),
    (Col::Month, &["month", "reportmonth", "date"]),
    (
        Col::PaidAvailableUnits,
        &["paidavailableunits", "totalpaidavailableunits", "pau"],
    ),
    (
        Col::MonthlyActiveUsers,
        &["monthlyactiveusers", "totalmonthlyactiveusers", "mau"],
    ),
    (Col::AvailableSeats, &["availableseats"]),
    (Col::AssignedSeats, &["assignedseats", "totalassignedseats"]),
    (Col::ActiveSeats, &["activeseats"]),
    (
        Col::SoldSeats,
        &["totalsoldseats", "soldseats", "availableseatseop"],
    ),
    (Col::Sku, &["sku", "skuname"]),
    (
        Col::Product,
        &[
            "rawproductname",
            "product",
            "productname",
            "reportingproductname",
        ],
    ),
    (Col::Duplicate, &["isduplicaterowforpga"]),
    (Col::AadpPau, &["aadppaidavailableunits"]),
    (Col::AadpMau, &["aadpmonthlyactiveusers"]),
    (Col::IntunePau, &["intunepaidavailableunits"]),
    (Col::IntuneMau, &["intunemonthlyactiveusers"]),
    (Col::AzipPau, &["azippaidavailableunits"]),
    (Col::AzipMau, &["azipmonthlyactiveusers"]),
    (Col::RevSumDivision, &["revsumdivisionname"]),
    (Col::PartnerHierarchy, &["partnerhierarchy"]),
];

fn normalise(header: &str) -> String {
    header
        .trim()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Column positions found in a header.
struct Header {
    /// Each column found, by `Col as usize`: its position and its name as the file spells it.
    cols: [Option<(usize, String)>; COLS],
}

impl Header {
    fn new(record: &csv::StringRecord) -> Self {
        let mut cols = [const { None }; COLS];
        for (i, name) in record.iter().enumerate() {
            let n = normalise(name);
            if let Some((col, _)) = ALIASES
                .iter()
                .find(|(_, names)| names.contains(&n.as_str()))
            {
                // The first column of a kind wins (`Product` before `ReportingProductName`).
                let found: &mut Option<_> = &mut cols[*col as usize];
                found.get_or_insert_with(|| (i, crate::text::sanitize(name)));
            }
        }
        Self { cols }
    }

    fn has(&self, col: Col) -> bool {
        self.cols[col as usize].is_some()
    }

    fn dataset(&self) -> Option<Dataset> {
        let customer = self.has(Col::CustomerId) || self.has(Col::CustomerName);
        if !customer {
            return None;
        }
        if self.has(Col::AadpPau) || self.has(Col::IntunePau) || self.has(Col::AzipPau) {
            Some(Dataset::EmsUsage)
        } else if self.has(Col::AvailableSeats)
            && self.has(Col::AssignedSeats)
            && self.has(Col::ActiveSeats)
        {
            Some(
                if self.has(Col::PartnerHierarchy) || !self.has(Col::RevSumDivision) {
                    Dataset::PowerBiUsage
                } else {
                    Dataset::DynamicsUsage
                },
            )
        } else if self.has(Col::PaidAvailableUnits)
            && self.has(Col::MonthlyActiveUsers)
            && self.has(Col::Workload)
        {
            Some(Dataset::OfficeUsage)
        } else if self.has(Col::SoldSeats) && self.has(Col::AssignedSeats) {
            Some(Dataset::SeatsSubscriptionsAndRevenue)
        } else if self.has(Col::Domain) {
            Some(Dataset::CustomersAndTenants)
        } else {
            None
        }
    }

    fn get<'r>(&self, row: &'r csv::StringRecord, col: Col) -> Option<&'r str> {
        row.get(self.cols[col as usize].as_ref()?.0)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// The usual name of a column, as Partner Center documents it.
    fn name(&self, col: Col) -> &'static str {
        match col {
            Col::CustomerId => "CustomerTenantId",
            Col::CustomerName => "CustomerName",
            Col::Domain => "TenantDomainName",
            Col::Workload => "WorkloadName",
            Col::Month => "Month",
            Col::PaidAvailableUnits => "PaidAvailableUnits",
            Col::MonthlyActiveUsers => "MonthlyActiveUsers",
            Col::AvailableSeats => "AvailableSeats",
            Col::AssignedSeats => "AssignedSeats",
            Col::ActiveSeats => "ActiveSeats",
            Col::SoldSeats => "TotalSoldSeats",
            Col::Sku => "SKU",
            Col::Product => "RawProductName",
            Col::Duplicate => "IsDuplicateRowForPGA",
            Col::AadpPau => "AADPPaidAvailableUnits",
            Col::AadpMau => "AADPMonthlyActiveUsers",
            Col::IntunePau => "IntunePaidAvailableUnits",
            Col::IntuneMau => "IntuneMonthlyActiveUsers",
            Col::AzipPau => "AzipPaidAvailableUnits",
            Col::AzipMau => "AzipMonthlyActiveUsers",
            Col::RevSumDivision => "RevSumDivisionName",
            Col::PartnerHierarchy => "PartnerHierarchy",
        }
    }

    /// A count: a whole number ≥ 0 (an empty cell is 0).
    fn count(&self, row: &csv::StringRecord, col: Col) -> Result<u64, Bad> {
        let Some(raw) = self.get(row, col) else {
            return Ok(0);
        };
        // Most counts are plain digits: read as an integer, checked as any count is.
        let scalar = match raw.parse::<u64>() {
            Ok(n) => super::json::Scalar::U64(n),
            Err(_) => super::json::Scalar::Str(raw.into()),
        };
        scalar
            .count()
            .map(Option::unwrap_or_default)
            .map_err(|m| bad(self.field(col), m))
    }

    /// The column's name as the file spells it (for messages), else its usual name.
    /// The header's own name of `col` (else the documented one), borrowed.
    fn own_name(&self, col: Col) -> &str {
        self.cols[col as usize]
            .as_ref()
            .map_or_else(|| self.name(col), |(_, n)| n.as_str())
    }

    fn field(&self, col: Col) -> String {
        self.own_name(col).to_string()
    }
}

/// Where a row is, for messages.
struct Line(u64);

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.0)
    }
}

/// Whether text looks like a delimited Insights download (first line has a known header).
pub fn sniff(text: &str) -> Option<u8> {
    let first = text.lines().next()?;
    let delimiter = if first.matches('\t').count() > first.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let known = first
        .split(delimiter as char)
        .filter(|h| {
            let n = normalise(h.trim_matches('"'));
            ALIASES.iter().any(|(_, names)| names.contains(&n.as_str()))
        })
        .count();
    (known >= 2).then_some(delimiter)
}

/// Rows a batch of [`batches`] holds.
const BATCH: usize = 1024;

/// Rows read on the reading thread, each with its byte offset and line; the batch that ends
/// the file early carries the error that ended it.
#[derive(Default)]
struct Batch {
    rows: Vec<csv::StringRecord>,
    at: Vec<(u64, u64)>,
    error: Option<ImportError>,
}

/// The reading thread: splits the download into records (and checks they are UTF-8) while
/// the caller sums the batches before, then sends them back to be filled again. It stops at
/// the end of the file, at an error (sent with the rows before it), or when the caller stops
/// listening.
fn batches<R: std::io::Read>(
    mut reader: csv::Reader<Lines<R>>,
    path: &str,
    full: std::sync::mpsc::SyncSender<Batch>,
    empty: &std::sync::mpsc::Receiver<Batch>,
) {
    loop {
        let mut batch = empty.try_recv().unwrap_or_default();
        batch.at.clear();
        while batch.at.len() < BATCH {
            let n = batch.at.len();
            if batch.rows.len() == n {
                batch.rows.push(csv::StringRecord::new());
            }
            match reader.read_record(&mut batch.rows[n]) {
                Ok(true) => {
                    let at = batch.rows[n].position().map_or(0, csv::Position::byte);
                    batch.at.push((at, reader.get_mut().at(at)));
                }
                Ok(false) => {
                    let _ = full.send(batch);
                    return;
                }
                Err(e) => {
                    batch.error = Some(csv_error(path, &e, reader.get_mut()));
                    let _ = full.send(batch);
                    return;
                }
            }
        }
        if full.send(batch).is_err() {
            return;
        }
    }
}

/// Reads one Insights download into the builder, streaming it from `source` (the text after
/// a byte-order mark; `source` may end in bytes that are not UTF-8, reported with their line).
/// `size` (the file's length) sizes the list of rows once. The records are split on another
/// thread while this one sums them.
pub fn read(
    path: &str,
    source: impl std::io::Read + Send,
    delimiter: u8,
    size: u64,
    builder: &mut Builder,
) -> Result<(), ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(Lines::new(source));
    let (header, names) = match reader.headers() {
        Ok(h) => (Header::new(h), h.clone()),
        Err(e) => return Err(csv_error(path, &e, reader.get_mut())),
    };
    let Some(dataset) = header.dataset() else {
        return Err(ImportError::NotAnExport {
            path: path.to_string(),
            reason: "a delimited file, but its header is not one of an Insights download (OfficeUsage, DynamicsUsage, PowerBIUsage, EMSUsage, SeatsSubscriptionsAndRevenue, CustomersAndTenants)".into(),
        });
    };
    builder.set_format(Format::InsightsCsv(dataset));
    // A row is longer than 64 bytes: the list is reserved once, never copied as it grows
    // (pages reserved and not written cost no memory).
    let mut sums = Sums::with_capacity(usize::try_from(size / 64).unwrap_or(0));
    // The importer's one look at the clock: a month in progress is as of today (at import;
    // `UPTAKE_NOW`'s day when the clock is pinned).
    let today = crate::env::today();
    let mut duplicates = 0usize;
    std::thread::scope(|scope| {
        let (full, filled) = std::sync::mpsc::sync_channel(2);
        let (back, empty) = std::sync::mpsc::channel();
        scope.spawn(move || batches(reader, path, full, &empty));
        for mut batch in filled {
            for (row, &(at, line)) in batch.rows.iter().zip(&batch.at) {
                builder.cursor.record_offset(at as usize);
                if !builder.cursor.keep_going() {
                    return Err(ImportError::Cancelled);
                }
                let line = Line(line);
                if header.get(row, Col::Duplicate).is_some_and(|v| {
                    matches!(v.to_ascii_lowercase().as_str(), "1" | "true" | "yes")
                }) {
                    duplicates += 1;
                    builder.pass_record();
                    continue;
                }
                builder.record(&line, |b| {
                    whole(row, &names)?;
                    row_into(b, &header, dataset, row, line.0, &mut sums)
                });
            }
            if let Some(e) = batch.error.take() {
                return Err(e);
            }
            let _ = back.send(batch);
        }
        Ok(())
    })?;
    let (mut sums, t) = sums.summed();
    // The first frame's customers, built and sent before the others (raw `--data NAME`).
    early::first_frame(builder, dataset, &sums, &t, today);
    let mut seen = Seen::default();
    while let Some((key, sum)) = sums.pop() {
        if sums.len() % (1 << 16) == 0 {
            // The customers built from the sums reuse the memory of those read.
            sums.shrink_to_fit();
        }
        build_sum(builder, dataset, &t, today, (key, sum), &mut seen);
    }
    builder.at_record(None);
    note_duplicates(builder, path, duplicates);
    Ok(())
}

/// Notes the `duplicates` rows passed over as another partner attribution's copy.
fn note_duplicates(builder: &mut Builder, path: &str, duplicates: usize) {
    if duplicates > 0 {
        let rows = format!(
            "{duplicates} {}",
            if duplicates == 1 { "row" } else { "rows" }
        );
        builder.info(
            path,
            &format!("{rows} with IsDuplicateRowForPGA = 1 dropped (the same data for another partner attribution)"),
        );
    }
}

fn row_into(
    b: &mut Builder,
    h: &Header,
    dataset: Dataset,
    row: &csv::StringRecord,
    line: u64,
    sums: &mut Sums,
) -> Result<(), Bad> {
    let id = h.get(row, Col::CustomerId);
    let name = h.get(row, Col::CustomerName);
    if id.is_none() && name.is_none() {
        return Err(bad(
            h.field(Col::CustomerName),
            "the row names no customer (no CustomerTenantId or CustomerName)",
        ));
    }
    if dataset == Dataset::CustomersAndTenants {
        let domain = h
            .get(row, Col::Domain)
            .ok_or_else(|| bad(h.field(Col::Domain), "missing"))?;
        return b.domain(CustomerRef { id, name }, domain);
    }
    let raw_month = h
        .get(row, Col::Month)
        .ok_or_else(|| bad(h.field(Col::Month), "missing"))?;
    let month = month(raw_month).ok_or_else(|| {
        bad(
            h.field(Col::Month),
            format!("cannot read month {}", crate::text::quote(raw_month)),
        )
    })?;
    let product = product_name(h, dataset, row)?;
    let texts = &mut sums.texts;
    let (id, name) = (
        id.map_or(NONE, |s| texts.number(0, s)),
        name.map_or(NONE, |s| texts.number(1, s)),
    );
    let product = texts.number(2, product);
    let record = u32::try_from(b.record_number()).unwrap_or(u32::MAX);
    let mut add = |workload: &str, f: &dyn Fn(&mut Sum)| {
        let key = Key {
            id,
            name,
            product,
            workload: sums.texts.number(3, workload),
            month,
        };
        let mut sum = Sum {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            record,
            ..Sum::default()
        };
        f(&mut sum);
        sums.rows.push((key, sum));
    };
    match dataset {
        Dataset::OfficeUsage => {
            let workload = h
                .get(row, Col::Workload)
                .ok_or_else(|| bad(h.field(Col::Workload), "missing"))?;
            let (pau, mau) = (
                h.count(row, Col::PaidAvailableUnits)?,
                h.count(row, Col::MonthlyActiveUsers)?,
            );
            add(workload, &|s| {
                s.qualified += pau;
                s.active += mau;
            });
        }
        Dataset::DynamicsUsage | Dataset::PowerBiUsage => {
            let available = h.count(row, Col::AvailableSeats)?;
            let assigned = h.count(row, Col::AssignedSeats)?;
            let active = h.count(row, Col::ActiveSeats)?;
            add("", &|s| {
                s.sold += available;
                s.assigned += assigned;
            });
            let workload = if dataset == Dataset::DynamicsUsage {
                "Dynamics 365"
            } else {
                "Power BI"
            };
            add(workload, &|s| {
                s.qualified += available;
                s.active += active;
            });
        }
        Dataset::EmsUsage => {
            let parts = [
                ("EMS", Col::PaidAvailableUnits, Col::MonthlyActiveUsers),
                ("Azure AD Premium", Col::AadpPau, Col::AadpMau),
                ("Intune", Col::IntunePau, Col::IntuneMau),
                ("Azure Information Protection", Col::AzipPau, Col::AzipMau),
            ];
            for (workload, pau_col, mau_col) in parts {
                if !h.has(pau_col) {
                    continue;
                }
                let (pau, mau) = (h.count(row, pau_col)?, h.count(row, mau_col)?);
                add(workload, &|s| {
                    s.qualified += pau;
                    s.active += mau;
                });
            }
        }
        Dataset::SeatsSubscriptionsAndRevenue => {
            let sold = h.count(row, Col::SoldSeats)?;
            let assigned = h.count(row, Col::AssignedSeats)?;
            add("", &|s| {
                s.sold += sold;
                s.assigned += assigned;
            });
        }
        Dataset::CustomersAndTenants => unreachable!("returned above"),
    }
    // Dated here, where the reader's record number is known (a quoted field may span lines):
    // a month after the current one is as of its first day.
    let start = month.and_time(chrono::NaiveTime::MIN).and_utc();
    b.record_date(start, &Line(line), h.own_name(Col::Month));
    Ok(())
}

/// A row with a field for each of the header's (a row cut short, as the last row of a download
/// cut off, would count its missing fields as zero); empty fields past the header's are kept.
fn whole(row: &csv::StringRecord, names: &csv::StringRecord) -> Result<(), Bad> {
    let (n, m) = (row.len(), names.len());
    let extra = row.iter().skip(m).any(|f| !f.trim().is_empty());
    if n >= m && !extra {
        return Ok(());
    }
    let field = names.get(n.min(m.saturating_sub(1))).unwrap_or_default();
    Err(bad(
        crate::text::sanitize(field),
        format!("the row has {n} fields, the header has {m}"),
    ))
}

/// The product a row is about: its product or SKU column, or the dataset's one product.
fn product_name<'r>(
    h: &Header,
    dataset: Dataset,
    row: &'r csv::StringRecord,
) -> Result<&'r str, Bad> {
    let product = match dataset {
        Dataset::OfficeUsage => "OFFICE 365 (ALL PRODUCTS)",
        _ => h
            .get(row, Col::Product)
            .or(h.get(row, Col::Sku))
            .unwrap_or(match dataset {
                Dataset::EmsUsage => "ENTERPRISE MOBILITY + SECURITY",
                Dataset::PowerBiUsage => "POWER BI",
                _ => "",
            }),
    };
    if product.is_empty() {
        return Err(bad(h.field(Col::Product), "missing (and no SKU)"));
    }
    Ok(product)
}

/// The service of a product, from the dataset or the product's name.
fn service_of(dataset: Dataset, product: &str) -> Service {
    let lower = product.to_lowercase();
    match dataset {
        Dataset::OfficeUsage => Service::Office365,
        Dataset::DynamicsUsage => Service::Dynamics365,
        Dataset::PowerBiUsage => Service::Other(crate::text::Clean::new("Power BI")),
        Dataset::EmsUsage => Service::Other(crate::text::Clean::new("EMS")),
        _ if lower.contains("dynamics") => Service::Dynamics365,
        _ if [
            "office",
            "microsoft 365",
            "exchange",
            "sharepoint",
            "teams",
            "m365",
            "o365",
        ]
        .iter()
        .any(|k| lower.contains(k)) =>
        {
            Service::Office365
        }
        _ => Service::Unknown,
    }
}

fn csv_error<R>(path: &str, e: &csv::Error, lines: &mut Lines<R>) -> ImportError {
    let line = lines.at(e.position().map_or(0, csv::Position::byte));
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            "the text is not UTF-8 from here; save the export as UTF-8".into()
        }
        _ => crate::text::sanitize(&e.to_string()),
    };
    ImportError::Delimited {
        path: path.to_string(),
        line: line as usize,
        message,
    }
}

#[cfg(test)]
#[path = "csv_tests.rs"]
mod tests;
