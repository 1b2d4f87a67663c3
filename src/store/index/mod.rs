//! The snapshot index (`index.bin`): the canonical model of one snapshot in a compact binary
//! form, so opening a snapshot never parses JSON or CSV.
//!
//! Layout (version 9: 8 with search keys that fold `ł`, `ø`, `æ` …), every number little-endian:
//!
//! ```text
//! "UPTKIDX\0" · version u32 · lengths of meta, table, keys, files (4 × u64) · front CRC-32
//! meta · table · keys · files · records · CRC-32 of everything before it
//! ```
//!
//! The *front* (the fixed part, meta, table and keys; its own CRC) is all a first frame reads:
//! the interned texts and warnings (meta), per customer where its record is and where its
//! search keys end (table, [`ROW`] bytes each), and the folded search keys (keys: name, plain
//! name, id, domain, each ended by a NUL). A first frame ranks the keys and reads just the
//! records it shows; the whole portfolio reads the rest in chunks (the file is never held
//! whole) and checks the trailing CRC. `files` lists the raw files the index was built from
//! (the raw files stay the source of truth: the index is rebuilt when their sizes or times
//! differ, when its version is another, or when a checksum fails) and the files' formats.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::DateTime;
use serde::{Deserialize, Serialize};

use crate::domain::model::{Dataset, Format, Timestamp};

mod decode;
mod encode;
mod read;

pub use encode::{Relative, encode, reseal, stamp, stamps, write, write_as};
pub(crate) use read::read_exact_at;
pub use read::{Index, Records};

/// The file name inside a snapshot folder.
pub const FILE: &str = "index.bin";
/// The index of a snapshot that lacks a source read together with the snapshot that has it
/// ([`crate::store::snapshots::complement`]), in the first one's folder; its file names are
/// relative to the `snapshots` folder (`<snapshot>/<file>`). Without the Graph reports of the
/// snapshots read with it (2026-12-04); the file of an older uptake, with them, was named
/// [`OLD_JOINED`] and is never read (it is removed when this one is written).
pub const JOINED: &str = "joined2.bin";
/// See [`JOINED`].
pub const OLD_JOINED: &str = "joined.bin";
const MAGIC: &[u8; 8] = b"UPTKIDX\0";
/// Bumped whenever the layout or the search keys change; another version is rebuilt (11: keys
/// fold compatibility forms, full-width `ＡＢＣ` as `abc`; 12: names join a half-width sound
/// mark to its letter, `ﾃﾞ` as `デ`, so the keys of customers known by name change with them).
pub const VERSION: u32 = 12;
/// Bytes before the meta: magic, version, four lengths, the front's CRC.
const FIXED: usize = 48;
/// Bytes per customer in the table: record offset (u64, in the records), record length (u32),
/// end of its keys (u64, in the keys).
pub const ROW: usize = 20;

/// A raw file the index was built from, to notice when it changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp<'a> {
    /// Relative to the snapshot folder (borrowed from the index's bytes when read).
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    pub size: u64,
    pub modified_ns: i64,
}

#[derive(Debug, Serialize, Deserialize)]
struct FileRepr<'a> {
    /// Relative to the snapshot folder.
    path: &'a str,
    format: (u8, u8),
    rows: u64,
    skipped: u64,
    future: Option<FutureRepr<'a>>,
}

/// The newest record dated after the day the file was read: its date (ns), record number,
/// place and field; how many such records, and the date they count at (ns).
type FutureRepr<'a> = (i64, u64, &'a str, &'a str, u64, Option<i64>);

#[derive(Debug, Serialize, Deserialize)]
struct WarningRepr<'a> {
    file: &'a str,
    /// `file` is relative to the snapshot folder (else a label such as `(sidecars)`).
    relative: bool,
    record: Option<(u64, &'a str)>,
    field: Option<&'a str>,
    message: &'a str,
    skipped: bool,
}

/// Partner-level deployment: service, sold, reported percentage, processed date.
type PartnerDeploymentRepr = (ServiceRepr, Option<u64>, Option<f64>, Option<i64>);
/// A subscription: offer, trial, status, quantity, commitment end, terms.
type SubscriptionRepr = (String, bool, u8, u64, Option<i64>, TermsRepr);
/// Renewal terms: auto-renew, term in months, billing cycle (0 monthly, 1 annual, 2 triennial,
/// 3 one-time), reduce-until.
type TermsRepr = (Option<bool>, Option<u32>, Option<u8>, Option<i64>);

#[derive(Debug, Serialize, Deserialize)]
struct PartnerRepr {
    deployment: Vec<PartnerDeploymentRepr>,
    usage: Vec<(ServiceRepr, u32, Option<f64>, Option<i64>)>,
}

/// What a first frame needs besides its records: the interned texts, the warnings, the
/// partner-level totals.
#[derive(Debug, Serialize, Deserialize)]
struct Meta<'a> {
    #[serde(borrow)]
    strings: Vec<&'a str>,
    #[serde(borrow)]
    warnings: Vec<WarningRepr<'a>>,
    partner: PartnerRepr,
}

/// The raw files: the ones the index was built from (stamps) and the portfolio's files.
#[derive(Debug, Serialize, Deserialize)]
struct Files<'a> {
    #[serde(borrow)]
    sources: Vec<Stamp<'a>>,
    #[serde(borrow)]
    files: Vec<FileRepr<'a>>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
enum ServiceRepr {
    Office365,
    Dynamics365,
    Other(u32),
    Unknown,
}

#[derive(Debug, Serialize, Deserialize)]
struct DeploymentRepr {
    sold: u64,
    assigned: u64,
    reported: Option<f64>,
    as_of: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WorkloadRepr {
    code: Option<u32>,
    name: u32,
    active: u64,
    qualified: u64,
    reported: Option<f64>,
    as_of: Option<i64>,
    history: Vec<(i64, u64, u64)>,
}

#[derive(Debug, Serialize, Deserialize)]
struct ProductRepr {
    id: Option<u32>,
    name: u32,
    service: ServiceRepr,
    channel: Option<u32>,
    deployment: Option<DeploymentRepr>,
    history: Vec<DeploymentRepr>,
    workloads: Vec<WorkloadRepr>,
    past_workloads: Vec<WorkloadRepr>,
}

/// One customer's record. Written as the length of its products' bytes (a varint), those
/// bytes, then the rest (name to Graph data), so either part is read without the other (a
/// lean read of the whole portfolio reads the rest; a customer's detail, its products).
#[derive(Debug)]
struct CustomerRepr {
    name: String,
    id: Option<String>,
    domain: Option<String>,
    products: Vec<ProductRepr>,
    support: Option<Vec<(u8, Option<i64>)>>,
    subscriptions: Option<Vec<SubscriptionRepr>>,
    /// Graph tenant data (issue 14).
    graph: Option<std::sync::Arc<crate::domain::graph::Tenant>>,
}

/// The part of a record after the products, as written: name, id, domain, support,
/// subscriptions, Graph data.
type HeadRepr = (
    String,
    Option<String>,
    Option<String>,
    Option<Vec<(u8, Option<i64>)>>,
    Option<Vec<SubscriptionRepr>>,
    Option<std::sync::Arc<crate::domain::graph::Tenant>>,
);

impl CustomerRepr {
    fn to_record(&self) -> postcard::Result<Vec<u8>> {
        let products = postcard::to_allocvec(&self.products)?;
        let mut out = postcard::to_allocvec(&(products.len() as u64))?;
        out.extend_from_slice(&products);
        let head = (
            &self.name,
            &self.id,
            &self.domain,
            &self.support,
            &self.subscriptions,
            &self.graph,
        );
        postcard::to_extend(&head, out)
    }

    /// A record's products, and the name and id after them (the rest is not read).
    fn products_of(bytes: &[u8]) -> anyhow::Result<(Vec<ProductRepr>, String, Option<String>)> {
        let (products, rest) = Self::split(bytes)?;
        let ((name, id), _) = postcard::take_from_bytes::<(String, Option<String>)>(rest)?;
        Ok((postcard::from_bytes(products)?, name, id))
    }

    /// A record's products' bytes and the rest.
    fn split(bytes: &[u8]) -> anyhow::Result<(&[u8], &[u8])> {
        let (n, rest) = postcard::take_from_bytes::<u64>(bytes)?;
        let n = usize::try_from(n)
            .ok()
            .filter(|&n| n <= rest.len())
            .context("a record's products lie outside it")?;
        Ok(rest.split_at(n))
    }

    /// A record read back; without `products`, their bytes are skipped.
    fn from_record(bytes: &[u8], products: bool) -> anyhow::Result<Self> {
        let (products_bytes, rest) = Self::split(bytes)?;
        let (name, id, domain, support, subscriptions, graph): HeadRepr =
            postcard::from_bytes(rest)?;
        Ok(Self {
            name,
            id,
            domain,
            products: if products {
                postcard::from_bytes(products_bytes)?
            } else {
                Vec::new()
            },
            support,
            subscriptions,
            graph,
        })
    }
}

fn nanos(t: Option<Timestamp>) -> Option<i64> {
    t.and_then(|t| t.timestamp_nanos_opt())
}

fn time(n: Option<i64>) -> Option<Timestamp> {
    n.map(DateTime::from_timestamp_nanos)
}

/// The most licenses or users one record may count: far above any real tenant, far below a
/// wrapped number (an index that passes its checksum may still hold garbage).
pub const MAX_COUNT: u64 = 1_000_000_000;

/// A count read from the index, refused when it cannot be real.
fn count(n: u64) -> anyhow::Result<u64> {
    anyhow::ensure!(n <= MAX_COUNT, "implausible count {n}");
    Ok(n)
}

/// Nanoseconds since 1970 read from the index, refused outside 1990–2200.
fn plausible_time(n: Option<i64>) -> anyhow::Result<Option<Timestamp>> {
    const FROM: i64 = 631_152_000 * 1_000_000_000; // 1990-01-01
    const UNTIL: i64 = 7_258_118_400 * 1_000_000_000; // 2200-01-01
    match n {
        Some(n) if !(FROM..UNTIL).contains(&n) => {
            bail!(
                "implausible date {}",
                DateTime::from_timestamp_nanos(n).format("%Y-%m-%d")
            )
        }
        n => Ok(time(n)),
    }
}

/// A reported percentage read from the index: finite and not negative.
fn percent(p: Option<f64>) -> anyhow::Result<Option<f64>> {
    if let Some(p) = p {
        anyhow::ensure!(p.is_finite() && p >= 0.0, "implausible percentage {p}");
    }
    Ok(p)
}

fn format_code(f: Format) -> (u8, u8) {
    let dataset = |d: Dataset| match d {
        Dataset::OfficeUsage => 0,
        Dataset::DynamicsUsage => 1,
        Dataset::PowerBiUsage => 2,
        Dataset::EmsUsage => 3,
        Dataset::SeatsSubscriptionsAndRevenue => 4,
        Dataset::CustomersAndTenants => 5,
    };
    match f {
        Format::InsightsV1 => (0, 0),
        Format::Commercial => (1, 0),
        Format::JsonRows => (2, 0),
        Format::InsightsCsv(d) => (3, dataset(d)),
        Format::ServiceRequests => (4, 0),
        Format::Subscriptions => (5, 0),
        Format::GraphSkus => (6, 0),
        Format::GraphActiveUsers => (7, 0),
        Format::GraphAppUsers => (8, 0),
        Format::GraphServiceCounts => (9, 0),
    }
}

fn format_of((kind, sub): (u8, u8)) -> anyhow::Result<Format> {
    const DATASETS: [Dataset; 6] = [
        Dataset::OfficeUsage,
        Dataset::DynamicsUsage,
        Dataset::PowerBiUsage,
        Dataset::EmsUsage,
        Dataset::SeatsSubscriptionsAndRevenue,
        Dataset::CustomersAndTenants,
    ];
    Ok(match kind {
        0 => Format::InsightsV1,
        1 => Format::Commercial,
        2 => Format::JsonRows,
        3 => Format::InsightsCsv(*DATASETS.get(usize::from(sub)).context("unknown dataset")?),
        4 => Format::ServiceRequests,
        5 => Format::Subscriptions,
        6 => Format::GraphSkus,
        7 => Format::GraphActiveUsers,
        8 => Format::GraphAppUsers,
        9 => Format::GraphServiceCounts,
        _ => bail!("unknown format {kind}"),
    })
}

/// Where a snapshot's index is.
pub fn path(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A raw file's stamp is written as it always was: name, size, modified time.
    #[test]
    fn a_stamp_is_written_as_name_size_and_time() {
        let stamp = Stamp {
            name: Cow::Borrowed("portfolio.json"),
            size: 1210,
            modified_ns: -2,
        };
        let bytes = postcard::to_allocvec(&stamp).unwrap();
        assert_eq!(
            bytes,
            postcard::to_allocvec(&("portfolio.json", 1210u64, -2i64)).unwrap()
        );
        assert_eq!(postcard::from_bytes::<Stamp<'_>>(&bytes).unwrap(), stamp);
    }
}
