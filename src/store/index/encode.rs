//! Writing an index: the portfolio into records and a header, the strings interned.

use std::borrow::Cow;
use std::path::Path;

use anyhow::Context;

use super::{
    CustomerRepr, DeploymentRepr, FILE, FIXED, FileRepr, Files, MAGIC, Meta, PartnerRepr,
    ProductRepr, ServiceRepr, Stamp, VERSION, WarningRepr, WorkloadRepr, format_code, nanos,
};
use crate::domain::model::{
    BillingCycle, Customer, Deployment, Portfolio, RequestStatus, Service, SubscriptionStatus,
    Workload,
};

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

fn customer_repr(c: &Customer, strings: &mut Strings, relative: Relative<'_>) -> CustomerRepr {
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
    // The Graph tenant without its user rows (they stay in the snapshot's raw file).
    let graph = c.graph.as_deref().map(|t| {
        std::sync::Arc::new(crate::domain::graph::Tenant {
            id: t.id.clone(),
            account: t.account.clone(),
            skus: t.skus.clone(),
            report: None,
            report_file: t
                .report_file
                .as_ref()
                .map(|f| relative(f).unwrap_or_else(|| f.clone())),
            settled: t.settled.clone(),
        })
    });
    CustomerRepr {
        name: c.name.to_string(),
        id: c.id.as_ref().map(ToString::to_string),
        domain: c.domain.as_ref().map(ToString::to_string),
        graph,
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
                        (
                            s.terms.auto_renew,
                            s.terms.term_months,
                            s.terms.billing.map(|b| match b {
                                BillingCycle::Monthly => 0,
                                BillingCycle::Annual => 1,
                                BillingCycle::Triennial => 2,
                                BillingCycle::OneTime => 3,
                            }),
                            nanos(s.terms.reduce_until),
                        ),
                    )
                })
                .collect()
        }),
    }
}

/// The stamps of a snapshot's raw files (name relative to the folder, size, modified time).
pub fn stamps(dir: &Path, names: &[String]) -> anyhow::Result<Vec<Stamp<'static>>> {
    names
        .iter()
        .map(|name| {
            let meta = std::fs::metadata(dir.join(name))
                .with_context(|| format!("{name}: cannot read"))?;
            Ok(stamp(name.clone(), &meta))
        })
        .collect()
}

/// The stamp of a file named `name` whose metadata is `meta`.
pub fn stamp(name: String, meta: &std::fs::Metadata) -> Stamp<'static> {
    let modified = meta
        .modified()
        .ok()
        .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i64);
    Stamp {
        name: Cow::Owned(name),
        size: meta.len(),
        modified_ns: modified,
    }
}

/// Maps a file path of the portfolio to its name inside the snapshot folder (`None`: not a
/// file of the snapshot, kept as it is).
pub type Relative<'r> = &'r dyn Fn(&str) -> Option<String>;

/// Encodes a portfolio (without history from other snapshots) built from `sources`.
pub fn encode(
    portfolio: &Portfolio,
    sources: &[Stamp<'_>],
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
    let mut table: Vec<u8> = Vec::with_capacity(portfolio.customers.len() * super::ROW);
    let mut keys: Vec<u8> = Vec::new();
    for c in &portfolio.customers {
        let bytes = customer_repr(c, &mut strings, relative).to_record()?;
        table.extend_from_slice(&(records.len() as u64).to_le_bytes());
        table.extend_from_slice(&u32::try_from(bytes.len())?.to_le_bytes());
        records.extend_from_slice(&bytes);
        // The search keys, each ended by a NUL (folded texts hold no control characters);
        // the plain name only where it differs from the name's key.
        let [name, id, domain] = crate::domain::search::customer_keys(c);
        let plain = crate::domain::search::plain_name(c.name.as_str());
        let plain = if plain == name { "" } else { plain.as_str() };
        for key in [name.as_str(), plain, id.as_str(), domain.as_str()] {
            keys.extend_from_slice(key.as_bytes());
            keys.push(0);
        }
        table.extend_from_slice(&(keys.len() as u64).to_le_bytes());
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
    let meta = postcard::to_allocvec(&Meta {
        strings: strings.list.iter().map(String::as_str).collect(),
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
    })?;
    let files = postcard::to_allocvec(&Files {
        sources: sources.to_vec(),
        files: portfolio
            .files
            .iter()
            .zip(&file_names)
            .map(|(f, name)| FileRepr {
                path: name,
                format: format_code(f.format),
                rows: f.rows as u64,
                skipped: f.skipped as u64,
                future: f.future.as_ref().and_then(|d| {
                    let (n, place) = &d.record;
                    Some((
                        nanos(Some(d.at))?,
                        *n as u64,
                        place.as_str(),
                        d.field.as_str(),
                        d.rows as u64,
                        nanos(d.counted_as),
                    ))
                }),
            })
            .collect(),
    })?;
    let sections = [&meta, &table, &keys, &files, &records];
    let mut out = Vec::with_capacity(FIXED + sections.iter().map(|s| s.len()).sum::<usize>() + 4);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    for section in &sections[..4] {
        out.extend_from_slice(&(section.len() as u64).to_le_bytes());
    }
    out.extend_from_slice(&[0; 4]);
    for section in sections {
        out.extend_from_slice(section);
    }
    out.extend_from_slice(&[0; 4]);
    reseal(&mut out);
    Ok(out)
}

/// Sets both checksums of index bytes (the front's, and the trailing one in the last four
/// bytes) to match their contents: what [`encode`] does last, and what a fuzzer does after
/// changing bytes, so the checks behind the checksums are reached. Bytes too short to hold
/// the fixed part are left as they are.
pub fn reseal(bytes: &mut [u8]) {
    if bytes.len() < FIXED + 4 {
        return;
    }
    let lengths: u64 = (0..3)
        .map(|i| {
            let at = 12 + 8 * i;
            u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or_default())
        })
        .fold(0u64, u64::saturating_add);
    let body = bytes.len() - 4;
    let front_end = usize::try_from(lengths)
        .ok()
        .and_then(|l| l.checked_add(FIXED))
        .filter(|&e| e <= body);
    if let Some(end) = front_end {
        let mut h = crc32fast::Hasher::new();
        h.update(&bytes[..FIXED - 4]);
        h.update(&bytes[FIXED..end]);
        bytes[FIXED - 4..FIXED].copy_from_slice(&h.finalize().to_le_bytes());
    }
    let crc = crc32fast::hash(&bytes[..body]);
    bytes[body..].copy_from_slice(&crc.to_le_bytes());
}

/// Writes the index of a snapshot folder atomically (temporary file, then rename).
pub fn write(
    dir: &Path,
    portfolio: &Portfolio,
    sources: &[Stamp<'_>],
    relative: Relative<'_>,
) -> anyhow::Result<()> {
    write_as(dir, FILE, portfolio, sources, relative)
}

/// [`write`] under another name than [`FILE`] in `dir`.
pub fn write_as(
    dir: &Path,
    name: &str,
    portfolio: &Portfolio,
    sources: &[Stamp<'_>],
    relative: Relative<'_>,
) -> anyhow::Result<()> {
    let bytes = encode(portfolio, sources, relative)?;
    let tmp = dir.join(format!(".{name}.{}", std::process::id()));
    let display = crate::text::display;
    std::fs::write(&tmp, &bytes).with_context(|| format!("{}: cannot write", display(&tmp)))?;
    let target = dir.join(name);
    std::fs::rename(&tmp, &target)
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
        .with_context(|| format!("{}: cannot write", display(&target)))?;
    Ok(())
}
