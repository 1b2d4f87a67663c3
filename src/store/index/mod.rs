//! The snapshot index (`index.bin`): the canonical model of one snapshot in a compact binary
//! form, so opening a snapshot never parses JSON or CSV.
//!
//! Layout: `UPTKIDX\0` · version (u32 LE) · header length (u64 LE) · header · records · CRC-32
//! of everything before it (u32 LE). The header holds, per customer, its name, id, domain,
//! folded search keys and where its record is; it is read zero-copy (strings borrowed from the
//! file's bytes), so the first frame can find and decode just the customers it shows. Records
//! refer to repeated texts (products, workloads, channels) through one interned table. The raw
//! files stay the source of truth: the index records their sizes and modification times and is
//! rebuilt when they differ, when its version is another, or when its checksum fails.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::DateTime;
use serde::{Deserialize, Serialize};

use crate::domain::model::{Customer, Dataset, Format, Portfolio, Timestamp};
use crate::text::Clean;

mod decode;
mod encode;

pub use encode::{Relative, encode, stamps, write};

/// The file name inside a snapshot folder.
pub const FILE: &str = "index.bin";
const MAGIC: &[u8; 8] = b"UPTKIDX\0";
/// Bumped whenever the layout changes; another version is rebuilt.
pub const VERSION: u32 = 6;

/// A raw file the index was built from, to notice when it changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp<'a> {
    /// Relative to the snapshot folder (borrowed from the index's bytes when read).
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    pub size: u64,
    pub modified_ns: i64,
}

/// One customer in the header.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry<'a> {
    pub name: &'a str,
    pub id: Option<&'a str>,
    pub domain: Option<&'a str>,
    /// Search keys of the name, id and domain ([`crate::domain::search::customer_keys`]).
    pub keys: [&'a str; 3],
    pub offset: u64,
    pub len: u32,
}

#[derive(Debug, Serialize, Deserialize)]
struct FileRepr<'a> {
    /// Relative to the snapshot folder.
    path: &'a str,
    format: (u8, u8),
    rows: u64,
    skipped: u64,
}

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

/// The header: everything but the customers' products.
#[derive(Debug, Serialize, Deserialize)]
pub struct Header<'a> {
    #[serde(borrow)]
    pub sources: Vec<Stamp<'a>>,
    #[serde(borrow)]
    pub customers: Vec<Entry<'a>>,
    #[serde(borrow)]
    strings: Vec<&'a str>,
    #[serde(borrow)]
    files: Vec<FileRepr<'a>>,
    #[serde(borrow)]
    warnings: Vec<WarningRepr<'a>>,
    partner: PartnerRepr,
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

#[derive(Debug, Serialize, Deserialize)]
struct CustomerRepr {
    products: Vec<ProductRepr>,
    support: Option<Vec<(u8, Option<i64>)>>,
    subscriptions: Option<Vec<SubscriptionRepr>>,
    /// Graph tenant data (issue 14).
    graph: Option<std::sync::Arc<crate::domain::graph::Tenant>>,
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

/// An index read from disk and checked.
pub struct Index {
    bytes: Vec<u8>,
    header_end: usize,
    /// The snapshot folder relative file names resolve against.
    dir: Option<PathBuf>,
}

impl Index {
    /// Reads and checks an index; the error says why it cannot be used (missing, another
    /// version, corrupt, or older than the raw files).
    pub fn open(dir: &Path) -> anyhow::Result<Self> {
        let path = dir.join(FILE);
        let bytes = std::fs::read(&path).context("no index")?;
        Self::from_bytes(bytes, Some(dir))
    }

    /// Checks index bytes; with `dir`, also that the raw files are the ones it was built from.
    pub fn from_bytes(bytes: Vec<u8>, dir: Option<&Path>) -> anyhow::Result<Self> {
        if bytes.len() < 24 || &bytes[..8] != MAGIC {
            bail!("not an uptake index");
        }
        let version = u32::from_le_bytes(bytes[8..12].try_into()?);
        if version != VERSION {
            bail!("index version {version}, this uptake reads {VERSION}");
        }
        let (body, tail) = bytes.split_at(bytes.len() - 4);
        if crc32fast::hash(body) != u32::from_le_bytes(tail.try_into()?) {
            bail!("the index is corrupt (checksum)");
        }
        let header_len = u64::from_le_bytes(bytes[12..20].try_into()?) as usize;
        let header_end = 20usize
            .checked_add(header_len)
            .filter(|e| *e <= body.len())
            .context("the index is truncated")?;
        let index = Self {
            bytes,
            header_end,
            dir: dir.map(Path::to_path_buf),
        };
        if let Some(dir) = dir {
            let header = index.header()?;
            let names: Vec<String> = header.sources.iter().map(|s| s.name.to_string()).collect();
            let now = stamps(dir, &names).unwrap_or_default();
            if now != header.sources {
                bail!("the raw files changed since the index was built");
            }
        }
        Ok(index)
    }

    pub fn header(&self) -> anyhow::Result<Header<'_>> {
        Ok(postcard::from_bytes(&self.bytes[20..self.header_end])?)
    }

    fn records(&self) -> &[u8] {
        &self.bytes[self.header_end..self.bytes.len() - 4]
    }

    /// The interned texts, sanitised once.
    fn strings(header: &Header<'_>) -> Vec<Clean> {
        header.strings.iter().map(|s| Clean::new(s)).collect()
    }

    /// The whole portfolio, records decoded on two threads.
    pub fn portfolio(&self) -> anyhow::Result<Portfolio> {
        let header = self.header()?;
        let strings = Self::strings(&header);
        let mut portfolio = self.shell(&header, &strings)?;
        let half = header.customers.len() / 2;
        let (first, second) = header.customers.split_at(half);
        let decode = |entries: &[Entry<'_>]| -> anyhow::Result<Vec<Customer>> {
            entries.iter().map(|e| self.customer(e, &strings)).collect()
        };
        let (a, b) = std::thread::scope(|scope| {
            let other = scope.spawn(|| decode(second));
            let mine = decode(first);
            (
                mine,
                other
                    .join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("decoding failed"))),
            )
        });
        portfolio.customers = a?;
        portfolio.customers.extend(b?);
        Ok(portfolio)
    }

    /// Just the customers a first frame shows: the best matches of `query` (all customers when
    /// it is empty), at most `limit`, in portfolio order; and how many customers there are.
    pub fn partial(&self, query: &str, limit: usize) -> anyhow::Result<(Portfolio, usize)> {
        let header = self.header()?;
        let strings = Self::strings(&header);
        let terms = crate::domain::search::terms(query);
        // The plain name only matters to a word long enough for a typo.
        let typos = terms
            .iter()
            .any(|t| t.plain.chars().count() >= crate::domain::search::TYPO_MIN);
        let mut chosen: Vec<(crate::domain::search::Rank, usize)> = header
            .customers
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let plain = typos.then(|| crate::domain::search::plain_name(e.name));
                Some((
                    crate::domain::search::rank_keys(&e.keys, plain.as_deref(), &terms)?,
                    i,
                ))
            })
            .collect();
        chosen.sort_unstable();
        chosen.truncate(limit);
        let mut picked: Vec<usize> = chosen.into_iter().map(|(_, i)| i).collect();
        picked.sort_unstable();
        let mut portfolio = self.shell(&header, &strings)?;
        portfolio.customers = picked
            .iter()
            .map(|&i| self.customer(&header.customers[i], &strings))
            .collect::<anyhow::Result<_>>()?;
        Ok((portfolio, header.customers.len()))
    }
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
