//! The Insights OfficeUsage download (OfficeUsage.csv).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};

/// OfficeUsage rows: usage summed per customer and workload over the Office 365 products.
pub(super) struct OfficeCsv {
    out: csv::Writer<BufWriter<File>>,
    month: NaiveDate,
    workloads: BTreeMap<&'static str, (u64, u64)>,
    rows: usize,
}

impl OfficeCsv {
    const HEADER: [&'static str; 14] = [
        "CustomerTenantId",
        "CustomerTpid",
        "WorkloadName",
        "Month",
        "PaidAvailableUnits",
        "MonthlyActiveUsers",
        "CustomerName",
        "CustomerMarket",
        "CustomerSegment",
        "MPNId",
        "PartnerName",
        "PartnerLocation",
        "PartnerAttributionType",
        "IsDuplicateRowForPGA",
    ];

    /// Creates the file and writes the header; rows are of the month of `as_of` and before.
    pub(super) fn create(path: &Path, as_of: NaiveDate) -> Result<Self> {
        let file = File::create(path)?;
        let mut out = csv::Writer::from_writer(BufWriter::with_capacity(1 << 20, file));
        out.write_record(Self::HEADER)?;
        Ok(OfficeCsv {
            out,
            month: as_of.with_day(1).expect("day 1 exists"),
            workloads: BTreeMap::new(),
            rows: 0,
        })
    }

    /// Adds a product's usage of a workload to the customer's sums.
    pub(super) fn add(&mut self, workload: &'static str, qualified: u64, active: u64) {
        let e = self.workloads.entry(workload).or_default();
        e.0 += qualified;
        e.1 += active;
    }

    /// Flushes the file; the number of rows written.
    pub(super) fn finish(mut self) -> Result<usize> {
        self.out.flush()?;
        Ok(self.rows)
    }

    /// Writes the customer's rows: this month and the two before (usage a little lower then).
    pub(super) fn end_customer(&mut self, id: &str, name: &str, duplicate: bool) -> Result<()> {
        for (back, factor) in [(2, 0.90), (1, 0.95), (0, 1.0)] {
            let month = self.month - chrono::Months::new(back);
            for (workload, (pau, mau)) in &self.workloads {
                let mau = ((*mau as f64) * factor).round() as u64;
                let row = |mpn: &str, dup: &str| {
                    [
                        id.to_string(),
                        "1000000".into(),
                        workload.to_string(),
                        month.to_string(),
                        pau.to_string(),
                        mau.to_string(),
                        name.to_string(),
                        "Germany".into(),
                        "SMB".into(),
                        mpn.into(),
                        "Example Partner GmbH".into(),
                        "Germany".into(),
                        "CSP Tier 1".into(),
                        dup.into(),
                    ]
                };
                self.out.write_record(row("1234567", "0"))?;
                self.rows += 1;
                if duplicate {
                    self.out.write_record(row("7654321", "1"))?;
                    self.rows += 1;
                }
            }
        }
        self.workloads.clear();
        Ok(())
    }
}
