//! A synthetic portfolio generator (`uptake demo --customers N --out DIR`): a realistic v1
//! insights export (deployment + usage files) with every flag planted, names in several
//! scripts, deterministic for a seed and a date. Written streaming, so 100 000 customers need
//! no more memory than one customer.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDate, TimeDelta};
use serde::Serialize;

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

struct ProductDef {
    name: &'static str,
    service: &'static str,
    workloads: &'static [(&'static str, &'static str)],
}

const O365_FULL: &[(&str, &str)] = &[
    ("EXO", "Exchange"),
    ("SPO", "SharePoint"),
    ("TEAMS", "Teams"),
    ("YAM", "Yammer"),
    ("SFB", "Skype For Business"),
];
const O365_BIZ: &[(&str, &str)] = &[
    ("EXO", "Exchange"),
    ("SPO", "SharePoint"),
    ("TEAMS", "Teams"),
    ("YAM", "Yammer"),
];
const O365_FRONT: &[(&str, &str)] = &[
    ("EXO", "Exchange"),
    ("SPO", "SharePoint"),
    ("TEAMS", "Teams"),
];
const CRM: &[(&str, &str)] = &[
    ("CRM", "Microsoft Dynamics CRM"),
    ("SPO", "SharePoint"),
    ("EXO", "Exchange"),
];

const PRODUCTS: &[ProductDef] = &[
    ProductDef {
        name: "MICROSOFT 365 E3",
        service: "o365",
        workloads: O365_FULL,
    },
    ProductDef {
        name: "MICROSOFT 365 E5",
        service: "o365",
        workloads: O365_FULL,
    },
    ProductDef {
        name: "MICROSOFT 365 BUSINESS PREMIUM",
        service: "o365",
        workloads: O365_BIZ,
    },
    ProductDef {
        name: "MICROSOFT 365 BUSINESS STANDARD",
        service: "o365",
        workloads: O365_BIZ,
    },
    ProductDef {
        name: "MICROSOFT 365 BUSINESS BASIC",
        service: "o365",
        workloads: O365_FRONT,
    },
    ProductDef {
        name: "OFFICE 365 E1",
        service: "o365",
        workloads: O365_BIZ,
    },
    ProductDef {
        name: "MICROSOFT 365 F3",
        service: "o365",
        workloads: O365_FRONT,
    },
    ProductDef {
        name: "DYNAMICS 365 SALES ENTERPRISE",
        service: "crm",
        workloads: CRM,
    },
    ProductDef {
        name: "DYNAMICS 365 CUSTOMER SERVICE PROFESSIONAL",
        service: "crm",
        workloads: CRM,
    },
];

const LATIN: &[&str] = &[
    "Contoso",
    "Fabrikam",
    "Northwind",
    "Tailspin",
    "Woodgrove",
    "Litware",
    "Proseware",
    "Adatum",
    "Alpine",
    "Coho",
    "Wingtip",
    "Relecloud",
    "Lamna",
    "Trey",
    "VanArsdel",
    "Wide World",
    "Blue Yonder",
    "Fourth Coffee",
    "Humongous",
    "Lucerne",
    "Southridge",
    "Graphic Design",
    "Consolidated",
    "Margie's",
    "City Power",
    "Bellows",
    "Boulder",
    "Cascade",
    "Harbor",
    "Summit",
];
const LATIN_MID: &[&str] = &[
    "Logistics",
    "Software",
    "Consulting",
    "Health",
    "Foods",
    "Energy",
    "Media",
    "Travel",
    "Legal",
    "Insurance",
    "Retail",
    "Builders",
    "Labs",
    "Motors",
    "Dental",
    "Design",
];
const LATIN_END: &[&str] = &[
    "Ltd", "Inc.", "LLC", "Group", "Holdings", "Partners", "Co.", "Pty Ltd", "S.A.", "B.V.",
];
const GERMAN: &[&str] = &[
    "Müller",
    "Schäfer",
    "Köhler",
    "Weiß",
    "Groß",
    "Fürst",
    "Bäckerei Jäger",
    "Zürcher",
    "Öko-Strom",
    "Süßwaren Krüger",
    "Kältetechnik",
    "Brücken",
    "Gärtnerei Löw",
];
const GERMAN_END: &[&str] = &[
    "GmbH",
    "AG",
    "KG",
    "& Söhne GmbH",
    "eG",
    "GmbH & Co. KG",
    "e.K.",
];
const CITY: &[&str] = &[
    "Seattle",
    "Berlin",
    "München",
    "Hamburg",
    "Wien",
    "Zürich",
    "London",
    "Dublin",
    "Lyon",
    "Madrid",
    "Toronto",
    "Austin",
    "Denver",
    "Oslo",
    "Malmö",
    "Kraków",
    "Porto",
    "Graz",
    "Köln",
    "Leipzig",
    "Bremen",
    "Basel",
    "Sydney",
    "Auckland",
    "Cape Town",
    "Nairobi",
    "Singapore",
    "Osaka",
    "Lille",
    "Turin",
];
const CJK_CITY: &[&str] = &[
    "臺灣", "台北", "高雄", "新竹", "台中", "桃園", "臺南", "基隆",
];
const CJK_TRADE: &[&str] = &[
    "雲端",
    "數位",
    "精密",
    "半導體",
    "資訊",
    "物流",
    "生技",
    "綠能",
    "光電",
];
const CJK_END: &[&str] = &["股份有限公司", "有限公司", "企業社"];
const OTHER: &[&str] = &[
    "株式会社 東京商事",
    "大阪電機株式会社",
    "Αθηναϊκή Λογισμικού Α.Ε.",
    "ООО Северный Ветер",
    "서울 클라우드 주식회사",
    "Ørsted Façade ApS",
    "Łódź Transport Sp. z o.o.",
];

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (self.next() >> 11) as f64 / (1u64 << 53) as f64 * (hi - lo)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Attributes {
    object_type: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DeploymentRow<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    customer_id: Option<&'a str>,
    customer_name: &'a str,
    product_name: &'a str,
    service_code: &'a str,
    service_name: &'a str,
    channel: &'a str,
    licenses_deployed: u64,
    licenses_sold: u64,
    deployment_percent: f64,
    processed_date_time: &'a str,
    attributes: Attributes,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UsageRow<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    customer_id: Option<&'a str>,
    customer_name: &'a str,
    product_name: &'a str,
    service_code: &'a str,
    service_name: &'a str,
    channel: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    workload_code: Option<&'a str>,
    workload_name: &'a str,
    licenses_active: u64,
    licenses_qualified: u64,
    usage_percent: f64,
    processed_date_time: &'a str,
    attributes: Attributes,
}

/// What was written.
#[derive(Debug, Clone)]
pub struct Summary {
    /// One profile per customer, in the order written (ids `gen-<seed>-<n>` are in `ids`).
    pub profiles: Vec<Profile>,
    pub ids: Vec<String>,
    pub deployment_rows: usize,
    pub usage_rows: usize,
    pub bytes: u64,
}

/// A JSON array written element by element inside a v1 collection envelope.
struct Collection {
    out: BufWriter<File>,
    count: usize,
}

impl Collection {
    fn create(path: &Path) -> Result<Self> {
        let file =
            File::create(path).with_context(|| format!("{}: cannot create", path.display()))?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        out.write_all(b"{\"items\":[")?;
        Ok(Self { out, count: 0 })
    }

    fn push(&mut self, row: &impl Serialize) -> Result<()> {
        if self.count > 0 {
            self.out.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut self.out, row)?;
        self.count += 1;
        Ok(())
    }

    fn finish(mut self) -> Result<usize> {
        writeln!(
            self.out,
            "],\"totalCount\":{},\"attributes\":{{\"objectType\":\"Collection\"}}}}",
            self.count
        )?;
        self.out.flush()?;
        Ok(self.count)
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

fn name(rng: &mut Rng) -> String {
    match rng.below(100) {
        0..=54 => format!(
            "{} {} {} {}",
            rng.pick(LATIN),
            rng.pick(LATIN_MID),
            rng.pick(CITY),
            rng.pick(LATIN_END)
        ),
        55..=74 => format!(
            "{} {} {}",
            rng.pick(GERMAN),
            rng.pick(CITY),
            rng.pick(GERMAN_END)
        ),
        75..=92 => format!(
            "{}{}{}{}",
            rng.pick(CJK_CITY),
            rng.pick(CJK_TRADE),
            rng.pick(CJK_TRADE),
            rng.pick(CJK_END)
        ),
        _ => rng.pick(OTHER).to_string(),
    }
}

fn uuid(rng: &mut Rng) -> String {
    let (a, b) = (rng.next(), rng.next());
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | ((b >> 48) & 0x3fff),
        b & 0xffff_ffff_ffff
    )
}

/// The API's own percentage, as the real exports carry it (uptake ignores it).
fn reported(num: u64, den: u64) -> f64 {
    if den == 0 {
        0.0
    } else {
        (num * 100) as f64 / den as f64
    }
}

/// Seats of one product: mostly small businesses, a long tail of large ones.
fn seats(rng: &mut Rng) -> u64 {
    match rng.below(100) {
        0..=59 => 3 + rng.below(30),
        60..=89 => 30 + rng.below(200),
        _ => 200 + rng.below(3000),
    }
}

/// Writes `deployment.json` and `usage.json` for `customers` customers into `out`, with data
/// processed on `as_of` (usage five days before deployment, as Partner Center's lag).
pub fn write(customers: usize, seed: u64, as_of: NaiveDate, out: &Path) -> Result<Summary> {
    write_as(customers, seed, as_of, out, ExportFormat::Json)
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

/// Where generated records go.
enum Output {
    Json { dep: Collection, usage: Collection },
    Csv(Box<OfficeCsv>),
}

/// OfficeUsage rows: usage summed per customer and workload over the Office 365 products.
struct OfficeCsv {
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

    /// Writes the customer's rows: this month and the two before (usage a little lower then).
    fn end_customer(&mut self, id: &str, name: &str, duplicate: bool) -> Result<()> {
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
    let mut rng = Rng(seed ^ 0x005e_ed0f_u64.wrapping_mul(0x2545_f491_4f6c_dd1d));
    let mut output = match format {
        ExportFormat::Json => Output::Json {
            dep: Collection::create(&out.join("deployment.json"))?,
            usage: Collection::create(&out.join("usage.json"))?,
        },
        ExportFormat::Csv => {
            let file = File::create(out.join("OfficeUsage.csv"))?;
            let mut w = csv::Writer::from_writer(BufWriter::with_capacity(1 << 20, file));
            w.write_record(OfficeCsv::HEADER)?;
            Output::Csv(Box::new(OfficeCsv {
                out: w,
                month: as_of.with_day(1).expect("day 1 exists"),
                workloads: BTreeMap::new(),
                rows: 0,
            }))
        }
    };
    let stamp = |d: NaiveDate, fresh: bool| {
        if fresh {
            format!("{d}T03:25:16.36+00:00")
        } else {
            format!("{d}T00:00:00+00:00")
        }
    };
    let mut summary = Summary {
        profiles: Vec::with_capacity(customers),
        ids: Vec::with_capacity(customers),
        deployment_rows: 0,
        usage_rows: 0,
        bytes: 0,
    };
    let mut taken: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    for _ in 0..customers {
        let p = profile(&mut rng);
        let id = uuid(&mut rng);
        let mut name = name(&mut rng);
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
        let customer_id = with_id.then_some(id.as_str());
        let age = if p == Profile::Stale {
            40 + rng.below(60) as i64
        } else {
            0
        };
        let dep_date = stamp(as_of - TimeDelta::days(age), true);
        let use_date = stamp(as_of - TimeDelta::days(age + 5), false);

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

        for (k, product) in picked.iter().enumerate() {
            let is_trial = trial_product == Some(k);
            let sold = if p == Profile::DeploymentNa || is_trial {
                0
            } else {
                seats(&mut rng)
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
            let row = DeploymentRow {
                customer_id,
                customer_name: &name,
                product_name: product.name,
                service_code: product.service,
                service_name: product.service,
                channel: "reseller",
                licenses_deployed: assigned,
                licenses_sold: sold,
                deployment_percent: reported(assigned, sold),
                processed_date_time: &dep_date,
                attributes: Attributes {
                    object_type: "CustomerLicensesDeploymentInsights",
                },
            };
            if let Output::Json { dep, .. } = &mut output {
                dep.push(&row)?;
            }
            if p == Profile::UsageNa {
                continue;
            }
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
                    sold
                } else {
                    assigned
                };
                let (active, qualified) = if is_trial {
                    (assigned / 2, 0)
                } else {
                    ((base as f64 * rate).round() as u64, sold)
                };
                let row = UsageRow {
                    customer_id,
                    customer_name: &name,
                    product_name: product.name,
                    service_code: product.service,
                    service_name: product.service,
                    channel: "reseller",
                    workload_code: (rng.below(4) != 0).then_some(code),
                    workload_name: workload,
                    licenses_active: active,
                    licenses_qualified: qualified,
                    usage_percent: reported(active, qualified),
                    processed_date_time: &use_date,
                    attributes: Attributes {
                        object_type: "CustomerLicensesUsageInsights",
                    },
                };
                match &mut output {
                    Output::Json { usage, .. } => usage.push(&row)?,
                    Output::Csv(csv) if product.service == "o365" => {
                        let e = csv.workloads.entry(workload).or_default();
                        e.0 += row.licenses_qualified;
                        e.1 += row.licenses_active;
                    }
                    Output::Csv(_) => {}
                }
            }
        }
        if let Output::Csv(csv) = &mut output {
            let key = customer_id.unwrap_or(&name).to_string();
            csv.end_customer(&key, &name, rng.below(100) == 0)?;
        }
        summary.profiles.push(p);
        summary.ids.push(key);
    }
    let files: &[&str] = match output {
        Output::Json { dep, usage } => {
            summary.deployment_rows = dep.finish()?;
            summary.usage_rows = usage.finish()?;
            &["deployment.json", "usage.json"]
        }
        Output::Csv(mut csv) => {
            csv.out.flush()?;
            summary.usage_rows = csv.rows;
            &["OfficeUsage.csv"]
        }
    };
    for f in files {
        summary.bytes += std::fs::metadata(out.join(f))?.len();
    }
    Ok(summary)
}
