//! A synthetic portfolio generator (`uptake demo --customers N --out DIR`): a realistic v1
//! insights export (deployment + usage files) with every flag planted, names in several
//! scripts, deterministic for a seed and a date. Written streaming, so 100 000 customers need
//! no more memory than one customer.
//!
//! `rng` the random numbers, `names` who the customers are, `products` what they buy,
//! `json` the v1 insights records, `office` the OfficeUsage CSV download; this file decides
//! what each customer looks like and writes it.

mod commercial;
pub mod graph;
mod json;
mod names;
mod office;
mod products;
mod rng;

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result};
use chrono::{NaiveDate, TimeDelta};

use json::{Attributes, Collection, DeploymentRow, UsageRow, reported};
use office::OfficeCsv;
use products::{PRODUCTS, ProductDef, seats};
use rng::Rng;

/// What a generated customer was made to look like; each maps to the flag it must raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Profile {
    Normal,
    LowUsage,
    LowDeployment,
    LaggingWorkload,
    Expand,
    Over100,
    Trial,
    Stale,
    DeploymentNa,
    UsageNa,
}

/// Profiles and their weights (per 1 000 customers).
const PROFILES: [(Profile, u32); 10] = [
    (Profile::Normal, 400),
    (Profile::LowUsage, 150),
    (Profile::LowDeployment, 120),
    (Profile::LaggingWorkload, 80),
    (Profile::Expand, 120),
    (Profile::Over100, 40),
    (Profile::Trial, 40),
    (Profile::Stale, 20),
    (Profile::DeploymentNa, 15),
    (Profile::UsageNa, 15),
];

/// What was written.
#[derive(Debug, Clone)]
pub struct Summary {
    /// One profile per customer, in the order written (ids `gen-<seed>-<n>` are in `ids`).
    pub profiles: Vec<Profile>,
    pub ids: Vec<String>,
    /// Per customer, its licenses sold and assigned (summed over its paid products): a tenant's
    /// Graph reports are written to match them.
    pub seats: Vec<(u64, u64)>,
    pub deployment_rows: usize,
    pub usage_rows: usize,
    pub bytes: u64,
    /// Microsoft Graph tenant folders written (issue 14).
    pub graph_tenants: usize,
}

/// The shapes the generator writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Partner Center insights v1 JSON: deployment.json and usage.json.
    Json,
    /// An Insights OfficeUsage download (OfficeUsage.csv): Office 365 workloads per customer
    /// for the month of `as_of` and the two before, a few duplicate-PGA rows among them.
    Csv,
}

/// Writes `deployment.json` and `usage.json` for `customers` customers into `out`, with data
/// processed on `as_of` (usage five days before deployment, as Partner Center's lag).
pub fn write(customers: usize, seed: u64, as_of: NaiveDate, out: &Path) -> Result<Summary> {
    write_as(customers, seed, as_of, out, ExportFormat::Json)
}

/// Writes a synthetic export in `format` (see [`write`]).
pub fn write_as(
    customers: usize,
    seed: u64,
    as_of: NaiveDate,
    out: &Path,
    format: ExportFormat,
) -> Result<Summary> {
    std::fs::create_dir_all(out)
        .with_context(|| format!("{}: cannot create the folder", out.display()))?;
    let mut rng = Rng::seeded(seed);
    let mut output = Output::create(out, format, as_of, seed)?;
    let mut summary = Summary {
        profiles: Vec::with_capacity(customers),
        ids: Vec::with_capacity(customers),
        seats: Vec::with_capacity(customers),
        deployment_rows: 0,
        usage_rows: 0,
        bytes: 0,
        graph_tenants: 0,
    };
    let mut taken: HashMap<String, u32> = HashMap::new();
    for _ in 0..customers {
        let (p, key, seats) = customer(&mut rng, &mut taken, as_of, &mut output)?;
        summary.profiles.push(p);
        summary.ids.push(key);
        summary.seats.push(seats);
    }
    let files = output.finish(&mut summary)?;
    for f in files {
        summary.bytes += std::fs::metadata(out.join(f))?.len();
    }
    if format == ExportFormat::Json {
        summary.graph_tenants = graph::write(seed, &summary, as_of, out)?;
    }
    Ok(summary)
}

/// Where generated records go.
enum Output {
    Json {
        dep: Collection,
        usage: Collection,
        subs: commercial::Subscriptions,
    },
    Csv(Box<OfficeCsv>),
}

impl Output {
    fn create(out: &Path, format: ExportFormat, as_of: NaiveDate, seed: u64) -> Result<Self> {
        Ok(match format {
            ExportFormat::Json => Output::Json {
                dep: Collection::create(&out.join("deployment.json"))?,
                usage: Collection::create(&out.join("usage.json"))?,
                subs: commercial::Subscriptions::create(out, seed, as_of)?,
            },
            ExportFormat::Csv => Output::Csv(Box::new(OfficeCsv::create(
                &out.join("OfficeUsage.csv"),
                as_of,
            )?)),
        })
    }

    fn deployment(&mut self, row: &DeploymentRow, is_trial: bool) -> Result<()> {
        if let Output::Json { dep, subs, .. } = self {
            dep.push(row)?;
            subs.product(row.product_name, row.licenses_sold, is_trial);
        }
        Ok(())
    }

    /// A new customer (its subscriptions, if it gets any, follow its deployment rows).
    fn customer(&mut self, id: Option<&str>) -> Result<()> {
        if let Output::Json { subs, .. } = self {
            subs.customer(id)?;
        }
        Ok(())
    }

    fn usage(
        &mut self,
        product: &ProductDef,
        workload: &'static str,
        row: &UsageRow,
    ) -> Result<()> {
        match self {
            Output::Json { usage, .. } => usage.push(row)?,
            Output::Csv(csv) if product.service == "o365" => {
                csv.add(workload, row.licenses_qualified, row.licenses_active);
            }
            Output::Csv(_) => {}
        }
        Ok(())
    }

    /// Closes the files, counts their rows into `summary`; the names of the files written.
    fn finish(self, summary: &mut Summary) -> Result<&'static [&'static str]> {
        Ok(match self {
            Output::Json { dep, usage, subs } => {
                summary.deployment_rows = dep.finish()?;
                summary.usage_rows = usage.finish()?;
                subs.finish()?;
                &[
                    "deployment.json",
                    "usage.json",
                    "subscriptions.json",
                    "prices.csv",
                ]
            }
            Output::Csv(csv) => {
                summary.usage_rows = csv.finish()?;
                &["OfficeUsage.csv"]
            }
        })
    }
}

fn profile(rng: &mut Rng) -> Profile {
    let total: u32 = PROFILES.iter().map(|(_, w)| w).sum();
    let mut roll = rng.below(u64::from(total)) as u32;
    for (p, w) in PROFILES {
        if roll < w {
            return p;
        }
        roll -= w;
    }
    Profile::Normal
}

/// The tenant ids and names of `customers` customers as the demo draws them (unique names, some
/// decomposed): a portfolio's search keys without its records, for benchmarks.
pub fn identities(customers: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::seeded(seed);
    let mut taken: HashMap<String, u32> = HashMap::new();
    (0..customers)
        .map(|_| {
            let who = identity(&mut rng, &mut taken);
            (who.id, who.name)
        })
        .collect()
}

/// Who a customer is: its tenant id, its (unique) name, and the key the summary names it by.
struct Identity {
    id: String,
    name: String,
    with_id: bool,
    key: String,
}

fn identity(rng: &mut Rng, taken: &mut HashMap<String, u32>) -> Identity {
    let id = names::uuid(rng);
    let mut name = names::name(rng);
    let nfd = rng.below(50) == 0;
    // Names are unique, as in a real portfolio: a repeat gets a qualifier.
    let seen_before = *taken
        .entry(name.clone())
        .and_modify(|n| *n += 1)
        .or_insert(1);
    if seen_before > 1 {
        name.push_str(&format!(" ({seen_before})"));
    }
    let with_id = rng.below(100) != 0;
    let key = if with_id {
        id.clone()
    } else {
        format!("name:{name}")
    };
    if nfd {
        // Some exports carry decomposed (NFD) text.
        name = unicode_normalization::UnicodeNormalization::nfd(name.as_str()).collect();
    }
    Identity {
        id,
        name,
        with_id,
        key,
    }
}

/// What is the same on every record of one customer.
struct Records<'a> {
    profile: Profile,
    customer_id: Option<&'a str>,
    name: &'a str,
    dep_date: &'a str,
    use_date: &'a str,
}

/// One product's seats: sold and assigned, and whether it is the trial.
struct Seats {
    assigned: u64,
    sold: u64,
    is_trial: bool,
}

/// Writes one customer's records; its profile, the key the summary names it by, and its paid
/// licenses (sold, assigned).
fn customer(
    rng: &mut Rng,
    taken: &mut HashMap<String, u32>,
    as_of: NaiveDate,
    output: &mut Output,
) -> Result<(Profile, String, (u64, u64))> {
    let p = profile(rng);
    let who = identity(rng, taken);
    let customer_id = who.with_id.then_some(who.id.as_str());
    let age = if p == Profile::Stale {
        40 + rng.below(60) as i64
    } else {
        0
    };
    let stamp = |d: NaiveDate, fresh: bool| {
        if fresh {
            format!("{d}T03:25:16.36+00:00")
        } else {
            format!("{d}T00:00:00+00:00")
        }
    };
    let dep_date = stamp(as_of - TimeDelta::days(age), true);
    let use_date = stamp(as_of - TimeDelta::days(age + 5), false);
    let records = Records {
        profile: p,
        customer_id,
        name: &who.name,
        dep_date: &dep_date,
        use_date: &use_date,
    };
    let (picked, trial_product) = products(rng, p);
    output.customer(customer_id)?;
    let mut totals = (0, 0);
    for (k, product) in picked.iter().enumerate() {
        let seats = deployment(rng, p, trial_product == Some(k));
        if !seats.is_trial {
            totals.0 += seats.sold;
            totals.1 += seats.assigned;
        }
        output.deployment(&records.deployment(product, &seats), seats.is_trial)?;
        if p == Profile::UsageNa {
            continue;
        }
        usage(rng, &records, product, k, &seats, output)?;
    }
    if let Output::Csv(csv) = output {
        let key = customer_id.unwrap_or(&who.name).to_string();
        csv.end_customer(&key, &who.name, rng.below(100) == 0)?;
    }
    Ok((p, who.key, totals))
}

/// The products a customer buys, and which of them (by position) is a trial.
fn products(rng: &mut Rng, p: Profile) -> (Vec<&'static ProductDef>, Option<usize>) {
    let mut picked: Vec<&ProductDef> = Vec::new();
    let wanted = match p {
        Profile::DeploymentNa => 1,
        _ => 1 + rng.below(6) as usize,
    };
    while picked.len() < wanted {
        let candidate = rng.pick(PRODUCTS);
        if !picked.iter().any(|q| q.name == candidate.name) {
            picked.push(candidate);
        }
    }
    let trial_product = (p == Profile::Trial).then_some(picked.len());
    if trial_product.is_some() {
        let trial = PRODUCTS
            .iter()
            .rev()
            .find(|d| !picked.iter().any(|q| q.name == d.name));
        picked.extend(trial);
    }
    (picked, trial_product)
}

/// A product's seats, as the profile wants them.
fn deployment(rng: &mut Rng, p: Profile, is_trial: bool) -> Seats {
    let sold = if p == Profile::DeploymentNa || is_trial {
        0
    } else {
        seats(rng)
    };
    let dep_rate = match p {
        Profile::Expand | Profile::Over100 => rng.range(0.98, 1.0),
        Profile::LowDeployment => rng.range(0.40, 0.70),
        Profile::LowUsage => rng.range(0.85, 0.95),
        _ => rng.range(0.84, 0.97),
    };
    let assigned = if is_trial {
        3 + rng.below(8)
    } else {
        ((sold as f64 * dep_rate).round() as u64).min(sold)
    };
    Seats {
        assigned,
        sold,
        is_trial,
    }
}

/// Writes the usage records of one product (the `k`-th of the customer).
fn usage(
    rng: &mut Rng,
    records: &Records,
    product: &ProductDef,
    k: usize,
    seats: &Seats,
    output: &mut Output,
) -> Result<()> {
    let p = records.profile;
    let workloads = 3.min(product.workloads.len()) + rng.below(3) as usize;
    for (w, &(code, workload)) in product.workloads.iter().take(workloads).enumerate() {
        let inflated = matches!(code, "YAM" | "TEAMS") || (k == 0 && w == 0);
        let rate = match p {
            Profile::Expand => rng.range(0.93, 0.99),
            Profile::LowUsage => rng.range(0.10, 0.40),
            Profile::LowDeployment => rng.range(0.50, 0.80),
            Profile::LaggingWorkload if code == "SPO" => rng.range(0.08, 0.20),
            Profile::LaggingWorkload => rng.range(0.85, 0.97),
            Profile::Over100 if inflated => rng.range(1.05, 1.30),
            Profile::Over100 => rng.range(0.92, 1.0),
            _ => rng.range(0.65, 0.90),
        };
        let base = if p == Profile::Over100 {
            seats.sold
        } else {
            seats.assigned
        };
        let (active, qualified) = if seats.is_trial {
            (seats.assigned / 2, 0)
        } else {
            ((base as f64 * rate).round() as u64, seats.sold)
        };
        let code = (rng.below(4) != 0).then_some(code);
        let row = records.usage(product, code, workload, active, qualified);
        output.usage(product, workload, &row)?;
    }
    Ok(())
}

impl<'a> Records<'a> {
    fn deployment(&self, product: &'a ProductDef, seats: &Seats) -> DeploymentRow<'a> {
        DeploymentRow {
            customer_id: self.customer_id,
            customer_name: self.name,
            product_name: product.name,
            service_code: product.service,
            service_name: product.service,
            channel: "reseller",
            licenses_deployed: seats.assigned,
            licenses_sold: seats.sold,
            deployment_percent: reported(seats.assigned, seats.sold),
            processed_date_time: self.dep_date,
            attributes: Attributes {
                object_type: "CustomerLicensesDeploymentInsights",
            },
        }
    }

    fn usage(
        &self,
        product: &'a ProductDef,
        workload_code: Option<&'a str>,
        workload_name: &'a str,
        active: u64,
        qualified: u64,
    ) -> UsageRow<'a> {
        UsageRow {
            customer_id: self.customer_id,
            customer_name: self.name,
            product_name: product.name,
            service_code: product.service,
            service_name: product.service,
            channel: "reseller",
            workload_code,
            workload_name,
            licenses_active: active,
            licenses_qualified: qualified,
            usage_percent: reported(active, qualified),
            processed_date_time: self.use_date,
            attributes: Attributes {
                object_type: "CustomerLicensesUsageInsights",
            },
        }
    }
}
