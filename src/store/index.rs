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

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::DateTime;
use serde::{Deserialize, Serialize};

use crate::domain::model::{
    Customer, Dataset, Deployment, Format, ImportWarning, LoadedFile, PartnerDeployment,
    PartnerTotals, PartnerUsage, Portfolio, Product, RequestStatus, Service, ServiceRequest,
    Subscription, SubscriptionStatus, Timestamp, UsagePoint, Workload,
};
use crate::text::Clean;

/// The file name inside a snapshot folder.
pub const FILE: &str = "index.bin";
const MAGIC: &[u8; 8] = b"UPTKIDX\0";
/// Bumped whenever the layout changes; another version is rebuilt.
pub const VERSION: u32 = 3;

/// A raw file the index was built from, to notice when it changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp<'a> {
    pub name: &'a str,
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
/// A subscription: offer, trial, status, quantity, commitment end.
type SubscriptionRepr = (String, bool, u8, u64, Option<i64>);

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
        _ => bail!("unknown format {kind}"),
    })
}

/// Interns repeated texts while writing.
#[derive(Default)]
struct Strings {
    list: Vec<String>,
    at: std::collections::HashMap<String, u32>,
}

impl Strings {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.at.get(s) {
            return i;
        }
        let i = self.list.len() as u32;
        self.list.push(s.to_string());
        self.at.insert(s.to_string(), i);
        i
    }

    fn service(&mut self, s: &Service) -> ServiceRepr {
        match s {
            Service::Office365 => ServiceRepr::Office365,
            Service::Dynamics365 => ServiceRepr::Dynamics365,
            Service::Other(name) => ServiceRepr::Other(self.id(name.as_str())),
            Service::Unknown => ServiceRepr::Unknown,
        }
    }
}

fn deployment_repr(d: &Deployment) -> DeploymentRepr {
    DeploymentRepr {
        sold: d.sold,
        assigned: d.assigned,
        reported: d.reported_percent,
        as_of: nanos(d.as_of),
    }
}

fn workload_repr(w: &Workload, strings: &mut Strings) -> WorkloadRepr {
    WorkloadRepr {
        code: w.code.as_ref().map(|c| strings.id(c.as_str())),
        name: strings.id(w.name.as_str()),
        active: w.active,
        qualified: w.qualified,
        reported: w.reported_percent,
        as_of: nanos(w.as_of),
        history: w
            .history
            .iter()
            .filter_map(|h| Some((h.as_of.timestamp_nanos_opt()?, h.active, h.qualified)))
            .collect(),
    }
}

fn customer_repr(c: &Customer, strings: &mut Strings) -> CustomerRepr {
    let products = c
        .products
        .iter()
        .map(|p| ProductRepr {
            id: p.id.as_ref().map(|i| strings.id(i.as_str())),
            name: strings.id(p.name.as_str()),
            service: strings.service(&p.service),
            channel: p.channel.as_ref().map(|ch| strings.id(ch.as_str())),
            deployment: p.deployment.as_ref().map(deployment_repr),
            history: p.deployment_history.iter().map(deployment_repr).collect(),
            workloads: p
                .workloads
                .iter()
                .map(|w| workload_repr(w, strings))
                .collect(),
            past_workloads: p
                .past_workloads
                .iter()
                .map(|w| workload_repr(w, strings))
                .collect(),
        })
        .collect();
    let status = |s: RequestStatus| match s {
        RequestStatus::None => 0,
        RequestStatus::Open => 1,
        RequestStatus::Closed => 2,
        RequestStatus::AttentionNeeded => 3,
    };
    let sub_status = |s: SubscriptionStatus| match s {
        SubscriptionStatus::None => 0,
        SubscriptionStatus::Active => 1,
        SubscriptionStatus::Pending => 2,
        SubscriptionStatus::Suspended => 3,
        SubscriptionStatus::Deleted => 4,
    };
    CustomerRepr {
        products,
        support: c.support.as_ref().map(|rs| {
            rs.iter()
                .map(|r| (status(r.status), nanos(r.created)))
                .collect()
        }),
        subscriptions: c.subscriptions.as_ref().map(|ss| {
            ss.iter()
                .map(|s| {
                    (
                        s.offer.to_string(),
                        s.is_trial,
                        sub_status(s.status),
                        s.quantity,
                        nanos(s.commitment_end),
                    )
                })
                .collect()
        }),
    }
}

/// The stamps of a snapshot's raw files (name relative to the folder, size, modified time).
pub fn stamps(dir: &Path, names: &[String]) -> anyhow::Result<Vec<(String, u64, i64)>> {
    names
        .iter()
        .map(|name| {
            let meta = std::fs::metadata(dir.join(name))
                .with_context(|| format!("{name}: cannot read"))?;
            let modified = meta
                .modified()
                .ok()
                .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i64);
            Ok((name.clone(), meta.len(), modified))
        })
        .collect()
}

/// Maps a file path of the portfolio to its name inside the snapshot folder (`None`: not a
/// file of the snapshot, kept as it is).
pub type Relative<'r> = &'r dyn Fn(&str) -> Option<String>;

/// Encodes a portfolio (without history from other snapshots) built from `sources`.
pub fn encode(
    portfolio: &Portfolio,
    sources: &[(String, u64, i64)],
    relative: Relative<'_>,
) -> anyhow::Result<Vec<u8>> {
    let file_names: Vec<String> = portfolio
        .files
        .iter()
        .map(|f| relative(&f.path).unwrap_or_else(|| f.path.clone()))
        .collect();
    let warning_files: Vec<Option<String>> = portfolio
        .warnings
        .iter()
        .map(|w| relative(&w.file))
        .collect();
    let mut strings = Strings::default();
    let mut records: Vec<u8> = Vec::new();
    let mut folded: Vec<[String; 3]> = Vec::with_capacity(portfolio.customers.len());
    let mut spans = Vec::with_capacity(portfolio.customers.len());
    for c in &portfolio.customers {
        let bytes = postcard::to_allocvec(&customer_repr(c, &mut strings))?;
        spans.push((records.len() as u64, bytes.len() as u32));
        records.extend_from_slice(&bytes);
        folded.push(crate::domain::search::customer_keys(c));
    }
    let partner = PartnerRepr {
        deployment: portfolio
            .partner
            .deployment
            .iter()
            .map(|d| {
                (
                    strings.service(&d.service),
                    d.sold,
                    d.reported_percent,
                    nanos(d.as_of),
                )
            })
            .collect(),
        usage: portfolio
            .partner
            .usage
            .iter()
            .map(|u| {
                let workload = strings.id(u.workload.as_str());
                (
                    strings.service(&u.service),
                    workload,
                    u.reported_percent,
                    nanos(u.as_of),
                )
            })
            .collect(),
    };
    let header = Header {
        sources: sources
            .iter()
            .map(|(name, size, modified_ns)| Stamp {
                name,
                size: *size,
                modified_ns: *modified_ns,
            })
            .collect(),
        customers: portfolio
            .customers
            .iter()
            .zip(&folded)
            .zip(&spans)
            .map(|((c, keys), (offset, len))| Entry {
                name: c.name.as_str(),
                id: c.id.as_ref().map(Clean::as_str),
                domain: c.domain.as_ref().map(Clean::as_str),
                keys: [&keys[0], &keys[1], &keys[2]],
                offset: *offset,
                len: *len,
            })
            .collect(),
        strings: strings.list.iter().map(String::as_str).collect(),
        files: portfolio
            .files
            .iter()
            .zip(&file_names)
            .map(|(f, name)| FileRepr {
                path: name,
                format: format_code(f.format),
                rows: f.rows as u64,
                skipped: f.skipped as u64,
            })
            .collect(),
        warnings: portfolio
            .warnings
            .iter()
            .zip(&warning_files)
            .map(|(w, rel)| WarningRepr {
                file: rel.as_deref().unwrap_or(&w.file),
                relative: rel.is_some(),
                record: w.record.as_ref().map(|(n, at)| (*n as u64, at.as_str())),
                field: w.field.as_deref(),
                message: &w.message,
                skipped: w.severity == crate::domain::model::Severity::Skipped,
            })
            .collect(),
        partner,
    };
    let header = postcard::to_allocvec(&header)?;
    let mut out = Vec::with_capacity(24 + header.len() + records.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(header.len() as u64).to_le_bytes());
    out.extend_from_slice(&header);
    out.extend_from_slice(&records);
    let crc = crc32fast::hash(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    Ok(out)
}

/// Writes the index of a snapshot folder atomically (temporary file, then rename).
pub fn write(
    dir: &Path,
    portfolio: &Portfolio,
    sources: &[(String, u64, i64)],
    relative: Relative<'_>,
) -> anyhow::Result<()> {
    let bytes = encode(portfolio, sources, relative)?;
    let tmp = dir.join(format!(".{FILE}.{}", std::process::id()));
    let display = crate::text::display;
    std::fs::write(&tmp, &bytes).with_context(|| format!("{}: cannot write", display(&tmp)))?;
    let target = dir.join(FILE);
    std::fs::rename(&tmp, &target)
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
        .with_context(|| format!("{}: cannot write", display(&target)))?;
    Ok(())
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
            let now: Vec<(String, u64, i64)> = stamps(dir, &names).unwrap_or_default();
            let then: Vec<(String, u64, i64)> = header
                .sources
                .iter()
                .map(|s| (s.name.to_string(), s.size, s.modified_ns))
                .collect();
            if now != then {
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

    fn customer(&self, entry: &Entry<'_>, strings: &[Clean]) -> anyhow::Result<Customer> {
        let start = usize::try_from(entry.offset).ok();
        let end = start.and_then(|s| s.checked_add(entry.len as usize));
        let bytes = start
            .zip(end)
            .and_then(|(start, end)| self.records().get(start..end))
            .context("a record lies outside the index")?;
        let repr: CustomerRepr = postcard::from_bytes(bytes)?;
        let s = |i: u32| {
            strings
                .get(i as usize)
                .cloned()
                .context("a text lies outside the index")
        };
        let service = |r: ServiceRepr| -> anyhow::Result<Service> {
            Ok(match r {
                ServiceRepr::Office365 => Service::Office365,
                ServiceRepr::Dynamics365 => Service::Dynamics365,
                ServiceRepr::Other(i) => Service::Other(s(i)?),
                ServiceRepr::Unknown => Service::Unknown,
            })
        };
        let deployment = |d: &DeploymentRepr| -> anyhow::Result<Deployment> {
            Ok(Deployment {
                sold: count(d.sold)?,
                assigned: count(d.assigned)?,
                reported_percent: percent(d.reported)?,
                as_of: plausible_time(d.as_of)?,
            })
        };
        let workload = |w: &WorkloadRepr| -> anyhow::Result<Workload> {
            Ok(Workload {
                code: w.code.map(s).transpose()?,
                name: s(w.name)?,
                active: count(w.active)?,
                qualified: count(w.qualified)?,
                reported_percent: percent(w.reported)?,
                as_of: plausible_time(w.as_of)?,
                history: w
                    .history
                    .iter()
                    .map(|&(t, active, qualified)| -> anyhow::Result<UsagePoint> {
                        Ok(UsagePoint {
                            as_of: plausible_time(Some(t))?.unwrap_or_default(),
                            active: count(active)?,
                            qualified: count(qualified)?,
                        })
                    })
                    .collect::<anyhow::Result<_>>()?,
            })
        };
        let mut products = Vec::with_capacity(repr.products.len());
        for p in &repr.products {
            let workloads = p.workloads.iter().map(workload).collect::<Result<_, _>>()?;
            let past_workloads = p
                .past_workloads
                .iter()
                .map(workload)
                .collect::<Result<_, _>>()?;
            products.push(Product {
                id: p.id.map(s).transpose()?,
                name: s(p.name)?,
                service: service(p.service)?,
                channel: p.channel.map(s).transpose()?,
                deployment: p.deployment.as_ref().map(deployment).transpose()?,
                workloads,
                deployment_history: p.history.iter().map(deployment).collect::<Result<_, _>>()?,
                past_workloads,
            });
        }
        const REQUEST: [RequestStatus; 4] = [
            RequestStatus::None,
            RequestStatus::Open,
            RequestStatus::Closed,
            RequestStatus::AttentionNeeded,
        ];
        const SUBSCRIPTION: [SubscriptionStatus; 5] = [
            SubscriptionStatus::None,
            SubscriptionStatus::Active,
            SubscriptionStatus::Pending,
            SubscriptionStatus::Suspended,
            SubscriptionStatus::Deleted,
        ];
        let mut c = Customer::new(entry.id.map(Clean::new), Clean::new(entry.name), products);
        c.domain = entry.domain.map(Clean::new);
        c.support = repr
            .support
            .map(|rs| {
                rs.into_iter()
                    .map(|(st, created)| -> anyhow::Result<ServiceRequest> {
                        Ok(ServiceRequest {
                            status: REQUEST[usize::from(st).min(3)],
                            created: plausible_time(created)?,
                        })
                    })
                    .collect::<anyhow::Result<_>>()
            })
            .transpose()?;
        c.subscriptions = repr
            .subscriptions
            .map(|ss| {
                ss.into_iter()
                    .map(
                        |(offer, is_trial, st, quantity, end)| -> anyhow::Result<Subscription> {
                            Ok(Subscription {
                                offer: Clean::new(&offer),
                                is_trial,
                                status: SUBSCRIPTION[usize::from(st).min(4)],
                                quantity: count(quantity)?,
                                commitment_end: plausible_time(end)?,
                            })
                        },
                    )
                    .collect::<anyhow::Result<_>>()
            })
            .transpose()?;
        // The customer's sums must add up without overflowing (the metrics add them).
        let mut sums = [0u64; 4];
        for p in &c.products {
            for d in p.deployment.iter().chain(&p.deployment_history) {
                sums[0] = sums[0]
                    .checked_add(d.sold)
                    .context("sold licenses overflow")?;
                sums[1] = sums[1]
                    .checked_add(d.assigned)
                    .context("assigned licenses overflow")?;
            }
            for w in &p.workloads {
                sums[2] = sums[2]
                    .checked_add(w.active)
                    .context("active users overflow")?;
                sums[3] = sums[3]
                    .checked_add(w.qualified)
                    .context("qualified users overflow")?;
            }
        }
        Ok(c)
    }

    /// The portfolio-level parts (files, warnings, partner totals), no customers.
    fn shell(&self, header: &Header<'_>, strings: &[Clean]) -> anyhow::Result<Portfolio> {
        let resolve = |name: &str| match &self.dir {
            Some(dir) => crate::text::display(&dir.join(name)),
            None => crate::text::sanitize(name),
        };
        let service = |r: ServiceRepr| match r {
            ServiceRepr::Office365 => Service::Office365,
            ServiceRepr::Dynamics365 => Service::Dynamics365,
            ServiceRepr::Other(i) => strings
                .get(i as usize)
                .cloned()
                .map_or(Service::Unknown, Service::Other),
            ServiceRepr::Unknown => Service::Unknown,
        };
        Ok(Portfolio {
            customers: Vec::new(),
            partner: PartnerTotals {
                deployment: header
                    .partner
                    .deployment
                    .iter()
                    .map(|&(sv, sold, reported, as_of)| {
                        Ok(PartnerDeployment {
                            service: service(sv),
                            sold: sold.map(count).transpose()?,
                            reported_percent: percent(reported)?,
                            as_of: plausible_time(as_of)?,
                        })
                    })
                    .collect::<anyhow::Result<_>>()?,
                usage: header
                    .partner
                    .usage
                    .iter()
                    .map(|&(sv, w, reported, as_of)| {
                        Ok(PartnerUsage {
                            service: service(sv),
                            workload: strings.get(w as usize).cloned().unwrap_or_default(),
                            reported_percent: percent(reported)?,
                            as_of: plausible_time(as_of)?,
                        })
                    })
                    .collect::<anyhow::Result<_>>()?,
            },
            files: header
                .files
                .iter()
                .map(|f| {
                    Ok(LoadedFile {
                        path: resolve(f.path),
                        format: format_of(f.format)?,
                        rows: f.rows as usize,
                        skipped: f.skipped as usize,
                    })
                })
                .collect::<anyhow::Result<_>>()?,
            warnings: header
                .warnings
                .iter()
                .map(|w| ImportWarning {
                    file: if w.relative {
                        resolve(w.file)
                    } else {
                        crate::text::sanitize(w.file)
                    },
                    record: w
                        .record
                        .map(|(n, at)| (n as usize, crate::text::sanitize(at))),
                    field: w.field.map(crate::text::sanitize),
                    message: crate::text::sanitize(w.message),
                    severity: if w.skipped {
                        crate::domain::model::Severity::Skipped
                    } else {
                        crate::domain::model::Severity::Note
                    },
                })
                .collect(),
        })
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
