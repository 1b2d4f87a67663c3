//! `uptake demo --customers N --out DIR`: writes a synthetic export (the embedded demo is
//! `--demo`, not this command).

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::NaiveDate;

use crate::demo::generate::{self, ExportFormat};
use crate::domain::model::Timestamp;
use crate::i18n::Lang;
use crate::present::format;
use crate::text;

pub fn run(
    customers: usize,
    out: &Path,
    seed: u64,
    as_of: Option<NaiveDate>,
    export: ExportFormat,
    now: Timestamp,
) -> Result<ExitCode> {
    let as_of = as_of.unwrap_or_else(|| (now - chrono::TimeDelta::days(5)).date_naive());
    let s = generate::write_as(customers, seed, as_of, out, export)
        .with_context(|| format!("{}: cannot write the export", text::display(out)))?;
    let records = match export {
        ExportFormat::Json => format!(
            "{} deployment and {} usage records",
            format::count(Lang::En, s.deployment_rows as u64),
            format::count(Lang::En, s.usage_rows as u64)
        ),
        ExportFormat::Csv => {
            format!(
                "{} OfficeUsage rows",
                format::count(Lang::En, s.usage_rows as u64)
            )
        }
    };
    outln!(
        "wrote {} customers ({records}, {:.1} MB; {} Microsoft Graph tenant folders) to {}",
        format::count(Lang::En, customers as u64),
        s.bytes as f64 / 1e6,
        format::count(Lang::En, s.graph_tenants as u64),
        text::display(out)
    );
    Ok(ExitCode::SUCCESS)
}
