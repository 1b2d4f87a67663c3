//! The v1 insights JSON shapes: deployment and usage records inside a collection envelope.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Attributes {
    pub(super) object_type: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DeploymentRow<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) customer_id: Option<&'a str>,
    pub(super) customer_name: &'a str,
    pub(super) product_name: &'a str,
    pub(super) service_code: &'a str,
    pub(super) service_name: &'a str,
    pub(super) channel: &'a str,
    pub(super) licenses_deployed: u64,
    pub(super) licenses_sold: u64,
    pub(super) deployment_percent: f64,
    pub(super) processed_date_time: &'a str,
    pub(super) attributes: Attributes,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct UsageRow<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) customer_id: Option<&'a str>,
    pub(super) customer_name: &'a str,
    pub(super) product_name: &'a str,
    pub(super) service_code: &'a str,
    pub(super) service_name: &'a str,
    pub(super) channel: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) workload_code: Option<&'a str>,
    pub(super) workload_name: &'a str,
    pub(super) licenses_active: u64,
    pub(super) licenses_qualified: u64,
    pub(super) usage_percent: f64,
    pub(super) processed_date_time: &'a str,
    pub(super) attributes: Attributes,
}

/// A JSON array written element by element inside a v1 collection envelope.
pub(super) struct Collection {
    out: BufWriter<File>,
    count: usize,
}

impl Collection {
    pub(super) fn create(path: &Path) -> Result<Self> {
        let file =
            File::create(path).with_context(|| format!("{}: cannot create", path.display()))?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        out.write_all(b"{\"items\":[")?;
        Ok(Self { out, count: 0 })
    }

    pub(super) fn push(&mut self, row: &impl Serialize) -> Result<()> {
        if self.count > 0 {
            self.out.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut self.out, row)?;
        self.count += 1;
        Ok(())
    }

    pub(super) fn finish(mut self) -> Result<usize> {
        writeln!(
            self.out,
            "],\"totalCount\":{},\"attributes\":{{\"objectType\":\"Collection\"}}}}",
            self.count
        )?;
        self.out.flush()?;
        Ok(self.count)
    }
}

/// The API's own percentage, as the real exports carry it (uptake ignores it).
pub(super) fn reported(num: u64, den: u64) -> f64 {
    if den == 0 {
        0.0
    } else {
        (num * 100) as f64 / den as f64
    }
}
