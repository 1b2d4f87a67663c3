//! Partner Center Insights downloads, CSV or TSV (sniffed): OfficeUsage, DynamicsUsage,
//! PowerBIUsage, EMSUsage, SeatsSubscriptionsAndRevenue, CustomersAndTenants.
//!
//! Headers are matched case-insensitively through an alias table (the names changed between
//! versions). Rows with `IsDuplicateRowForPGA = 1` are dropped. Rows of several subscriptions
//! of one product are summed per customer, product and month; the newest month is "now", the
//! older months become history.

use std::fmt;

use chrono::NaiveDate;

use super::ImportError;
use super::build::{Bad, Builder, CustomerRef, ProductRef, bad};
use super::date::{month, month_as_of};
use crate::domain::model::{Dataset, Deployment, Format, Service, Timestamp, Workload};

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
    fn field(&self, col: Col) -> String {
        self.cols[col as usize]
            .as_ref()
            .map_or_else(|| self.name(col).to_string(), |(_, n)| n.clone())
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

/// Sums of one customer × product × workload × month.
#[derive(Default)]
struct Sum {
    line: u64,
    sold: u64,
    assigned: u64,
    active: u64,
    qualified: u64,
}

/// What a row's counts are summed by: customer (id, name) × product × workload × month, the
/// texts as numbers in [`Texts`]; the sums are read back in the order of the texts.
#[derive(PartialEq, Eq, Hash, Clone, Copy)]
struct Key {
    id: Option<u32>,
    name: Option<u32>,
    product: u32,
    workload: u32,
    month: NaiveDate,
}

/// The texts of the rows, each kept once (a download repeats a customer's id and name on
/// every row): a key holds their numbers, no copy per row.
#[derive(Default)]
struct Texts {
    numbers: foldhash::HashMap<String, u32>,
    all: Vec<String>,
}

impl Texts {
    fn number(&mut self, text: &str) -> u32 {
        if let Some(&n) = self.numbers.get(text) {
            return n;
        }
        let n = u32::try_from(self.all.len()).expect("fewer than 4 billion texts");
        self.all.push(text.to_string());
        self.numbers.insert(text.to_string(), n);
        n
    }

    fn text(&self, n: u32) -> &str {
        &self.all[n as usize]
    }

    /// Each text's place among all of them in byte order, by number.
    fn ranks(&self) -> Vec<u32> {
        let mut order: Vec<u32> = (0..self.all.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.text(a).cmp(self.text(b)));
        let mut rank = vec![0; order.len()];
        for (r, n) in order.into_iter().enumerate() {
            rank[n as usize] = r as u32;
        }
        rank
    }
}

/// Reads one Insights download into the builder.
pub fn read(
    path: &str,
    text: &str,
    delimiter: u8,
    builder: &mut Builder,
) -> Result<(), ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = Header::new(
        reader
            .headers()
            .map_err(|e| csv_error(path, &e, &mut LineCounter::new(text)))?,
    );
    let Some(dataset) = header.dataset() else {
        return Err(ImportError::NotAnExport {
            path: path.to_string(),
            reason: "a delimited file, but its header is not one of an Insights download (OfficeUsage, DynamicsUsage, PowerBIUsage, EMSUsage, SeatsSubscriptionsAndRevenue, CustomersAndTenants)".into(),
        });
    };
    builder.set_format(Format::InsightsCsv(dataset));
    let mut sums: foldhash::HashMap<Key, Sum> = Default::default();
    let mut texts = Texts::default();
    // The importer's one look at the clock: a month in progress is as of today (at import).
    let today = chrono::Utc::now().date_naive();
    let mut duplicates = 0usize;
    // Line numbers from byte offsets: the csv crate miscounts lines ending in CRLF.
    let mut lines = LineCounter::new(text);
    for row in reader.records() {
        let row = row.map_err(|e| csv_error(path, &e, &mut LineCounter::new(text)))?;
        let at = row.position().map_or(0, |p| p.byte());
        builder.cursor.record_offset(at as usize);
        if !builder.cursor.keep_going() {
            return Err(ImportError::Cancelled);
        }
        let line = Line(lines.at(at));
        if header
            .get(&row, Col::Duplicate)
            .is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "1" | "true" | "yes"))
        {
            duplicates += 1;
            continue;
        }
        builder.record(&line, |b| {
            row_into(b, &header, dataset, &row, line.0, (&mut sums, &mut texts))
        });
    }
    // In the order of the texts (customer id, name, product, workload), then the month: each
    // text's rank in sorted order is found once, and the keys sort as integers.
    let rank = texts.ranks();
    let rank_of = |n: Option<u32>| n.map_or(0, |n| rank[n as usize] + 1);
    let mut sums: Vec<(Key, Sum)> = sums.into_iter().collect();
    sums.sort_unstable_by_key(|(k, _)| {
        (
            rank_of(k.id),
            rank_of(k.name),
            rank[k.product as usize],
            rank[k.workload as usize],
            k.month,
        )
    });
    let t = &texts;
    let text = |n: Option<u32>| n.map(|n| t.text(n));
    for (key, sum) in sums {
        let (id, name) = (text(key.id), text(key.name));
        let (product, workload, month) = (t.text(key.product), t.text(key.workload), key.month);
        let as_of: Option<Timestamp> = Some(
            month_as_of(month, today)
                .and_time(Default::default())
                .and_utc(),
        );
        let customer = CustomerRef { id, name };
        let line = Line(sum.line);
        let service = service_of(dataset, product);
        let Ok(at) = builder.product_of(
            customer,
            ProductRef {
                name: product,
                id: None,
                channel: None,
                service,
            },
        ) else {
            continue;
        };
        if matches!(
            dataset,
            Dataset::DynamicsUsage | Dataset::PowerBiUsage | Dataset::SeatsSubscriptionsAndRevenue
        ) && workload.is_empty()
        {
            builder.deployment(
                &line,
                at,
                Deployment {
                    sold: sum.sold,
                    assigned: sum.assigned,
                    reported_percent: None,
                    as_of,
                },
            );
        }
        if !workload.is_empty() {
            let name = builder.intern(workload);
            builder.usage(
                &line,
                at,
                Workload {
                    code: None,
                    name,
                    active: sum.active,
                    qualified: sum.qualified,
                    reported_percent: None,
                    as_of,
                    history: Vec::new(),
                },
            );
        }
    }
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
    Ok(())
}

fn row_into(
    b: &mut Builder,
    h: &Header,
    dataset: Dataset,
    row: &csv::StringRecord,
    line: u64,
    (sums, texts): (&mut foldhash::HashMap<Key, Sum>, &mut Texts),
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
    let (id, name) = (id.map(|s| texts.number(s)), name.map(|s| texts.number(s)));
    let product = texts.number(product);
    let mut add = |workload: &str, f: &dyn Fn(&mut Sum)| {
        let sum = sums
            .entry(Key {
                id,
                name,
                product,
                workload: texts.number(workload),
                month,
            })
            .or_insert_with(|| Sum {
                line,
                ..Sum::default()
            });
        f(sum);
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
    Ok(())
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

fn csv_error(path: &str, e: &csv::Error, lines: &mut LineCounter) -> ImportError {
    let line = lines.at(e.position().map_or(0, csv::Position::byte));
    ImportError::Syntax {
        path: path.to_string(),
        line: line as usize,
        column: 0,
        message: crate::text::sanitize(&e.to_string()),
    }
}

/// 1-based line numbers of byte offsets, counted forward as offsets grow.
pub(super) struct LineCounter<'t> {
    text: &'t [u8],
    byte: usize,
    line: u64,
}

impl<'t> LineCounter<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Self {
            text: text.as_bytes(),
            byte: 0,
            line: 1,
        }
    }

    /// The line of the record starting at `byte`. With CRLF the csv crate reports the offset
    /// of the previous line's `\n`, so that byte is counted too.
    pub(super) fn at(&mut self, byte: u64) -> u64 {
        let byte = (byte as usize + 1).min(self.text.len());
        if byte < self.byte {
            *self = Self {
                text: self.text,
                byte: 0,
                line: 1,
            };
        }
        self.line += self.text[self.byte..byte]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        self.byte = byte;
        self.line
    }
}

#[cfg(test)]
#[path = "csv_tests.rs"]
mod tests;
