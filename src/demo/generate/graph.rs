//! Microsoft Graph tenant folders for part of the generated customers (issue 14): a folder named
//! by the tenant id with `subscribedSkus.json` and `getOffice365ActiveUserDetail.csv` in the
//! documented shapes (see `tests/fixtures/graph/NOTES.md`). A quarter of the tenants conceal
//! user names, as tenants do by default. Its own random stream (from the seed and the tenant),
//! so the Partner Center files stay byte for byte what they were.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use chrono::{NaiveDate, TimeDelta};

use super::Profile;
use super::rng::Rng;

/// The documented header of the active-user-detail report (24 columns).
pub const HEADER: &str = "Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Has Exchange License,Has OneDrive License,Has SharePoint License,Has Skype For Business License,Has Yammer License,Has Teams License,Exchange Last Activity Date,OneDrive Last Activity Date,SharePoint Last Activity Date,Skype For Business Last Activity Date,Yammer Last Activity Date,Teams Last Activity Date,Exchange License Assign Date,OneDrive License Assign Date,SharePoint License Assign Date,Skype For Business License Assign Date,Yammer License Assign Date,Teams License Assign Date,Assigned Products";

/// SKUs users hold: part number, skuId, the report's product name, whether it has every
/// workload (else Exchange only).
const SKUS: [(&str, &str, &str, bool); 5] = [
    (
        "SPE_E3",
        "05e9a617-0261-4cee-bb44-138d3ef5d965",
        "MICROSOFT 365 E3",
        true,
    ),
    (
        "ENTERPRISEPACK",
        "6fd2c87f-b296-42f0-b197-1e91e994b900",
        "OFFICE 365 E3",
        true,
    ),
    (
        "SPB",
        "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46",
        "MICROSOFT 365 BUSINESS PREMIUM",
        true,
    ),
    (
        "O365_BUSINESS_ESSENTIALS",
        "3b555118-da6a-4418-894f-7df1e2096870",
        "MICROSOFT 365 BUSINESS BASIC",
        true,
    ),
    (
        "EXCHANGESTANDARD",
        "4b9405b0-7788-4568-add1-99614e613b69",
        "EXCHANGE ONLINE (PLAN 1)",
        false,
    ),
];

const FIRST: [&str; 16] = [
    "Anna", "Ben", "Chiara", "David", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kavya",
    "Lukas", "Mei", "Noah", "Olga", "Pablo",
];
const LAST: [&str; 16] = [
    "Berg", "Costa", "Dubois", "Evans", "Fischer", "García", "Hansen", "Ito", "Jensen", "Kowalski",
    "Lee", "Müller", "Novak", "Okafor", "Petrov", "Rossi",
];

/// The largest tenant (in users) the demo writes Graph reports for.
const MAX_USERS: u64 = 300;

/// The share of customers (in percent) with a Graph folder.
pub const SHARE: u64 = 30;

/// Whether the customer with tenant `id` gets a Graph folder (a stream of its own per tenant).
pub fn has_graph(seed: u64, id: &str) -> bool {
    tenant_rng(seed, id).below(100) < SHARE
}

fn tenant_rng(seed: u64, id: &str) -> Rng {
    let h = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    Rng::seeded(seed ^ h)
}

/// How a tenant's users behave, so that its Graph reports tell the same story as its Partner
/// Center records (the newer source heads the customer's figures).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mix {
    /// Most users active, some idle, a few dormant or never active.
    #[default]
    Usual,
    /// Few users active.
    Idle,
    /// Everyone active in every workload, every license assigned.
    Busy,
}

impl Mix {
    /// The mix that matches a generated customer's profile; `None` for the profiles that are
    /// about Partner Center's data itself (stale, missing), which Graph would paper over.
    pub fn of(profile: Profile) -> Option<Self> {
        match profile {
            Profile::Stale | Profile::DeploymentNa | Profile::UsageNa => None,
            Profile::LowUsage => Some(Self::Idle),
            Profile::Expand => Some(Self::Busy),
            _ => Some(Self::Usual),
        }
    }
}

/// The two files of one tenant: `subscribedSkus` JSON and the user-detail CSV, with `users`
/// users (a few of them deleted) and the report refreshed on `refresh`.
pub fn tenant_files(seed: u64, id: &str, users: usize, refresh: NaiveDate) -> (String, String) {
    tenant_files_as(seed, id, users, None, refresh, Mix::Usual)
}

/// [`tenant_files`] with users behaving as `mix` says and, when given, `unassigned` licenses
/// spread over the SKUs (else a few at random).
pub fn tenant_files_as(
    seed: u64,
    id: &str,
    users: usize,
    unassigned: Option<u64>,
    refresh: NaiveDate,
    mix: Mix,
) -> (String, String) {
    let mut rng = tenant_rng(seed, id);
    rng.below(100);
    let concealed = rng.below(4) == 0;
    let mut held = [0u64; SKUS.len()];
    let mut csv = String::with_capacity(users * 300);
    csv.push('\u{feff}');
    csv.push_str(HEADER);
    csv.push('\n');
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    for n in 0..users {
        let sku = if rng.below(5) == 0 {
            4
        } else {
            rng.below(4) as usize
        };
        let deleted = mix != Mix::Busy && rng.below(50) == 0;
        if !deleted {
            held[sku] += 1;
        }
        let (first, last) = (rng.pick(&FIRST), rng.pick(&LAST));
        let (upn, name) = if concealed {
            (hex(&mut rng), hex(&mut rng))
        } else {
            (
                format!("{}.{}{n}@tenant.example", ascii(first), ascii(last)),
                format!("{first} {last}"),
            )
        };
        let all = SKUS[sku].3;
        // Skype for Business Online is retired: few current plans still license it.
        let skype = all && rng.below(10) == 0;
        let licensed = [true, all, all, skype, all, all];
        // Activity: most active within 28 days, some idle, some dormant, a few never.
        let kind = match mix {
            Mix::Busy => 0,
            // One user in four active: the tenant's usage stays low, however small it is.
            Mix::Idle if n % 4 == 0 => rng.below(70),
            Mix::Idle => 70 + rng.below(30),
            _ => rng.below(100),
        };
        let assigned = refresh - TimeDelta::days(30 + rng.below(900) as i64);
        let mut row = format!(
            "{},{upn},{},{},{}",
            day(refresh),
            quote(&name),
            if deleted { "True" } else { "False" },
            if deleted {
                day(refresh - TimeDelta::days(3))
            } else {
                String::new()
            },
        );
        for l in licensed {
            row.push_str(if l { ",True" } else { ",False" });
        }
        for (w, l) in licensed.iter().enumerate() {
            let ago = match kind {
                0..70 => Some(rng.below(28)),
                70..82 => Some(28 + rng.below(62)),
                82..95 => Some(90 + rng.below(240)),
                _ => None,
            };
            // Not every licensed workload is used: Skype and Yammer rarely.
            // Not every licensed workload is used: Skype rarely, Yammer and the two document
            // workloads mostly (OneDrive or SharePoint makes SharePoint active).
            let used = match w {
                _ if mix == Mix::Busy => true,
                0 | 5 => true,
                3 => rng.below(10) == 0,
                4 => rng.below(10) < 6,
                _ => rng.below(10) < 7,
            };
            row.push(',');
            if let (true, true, Some(a)) = (*l, used, ago) {
                row.push_str(&day(refresh - TimeDelta::days(a as i64)));
            }
        }
        for l in licensed {
            row.push(',');
            if l {
                row.push_str(&day(assigned));
            }
        }
        let _ = writeln!(row, ",{}", SKUS[sku].2);
        csv.push_str(&row);
    }
    (skus_json(&mut rng, id, &held, unassigned, mix), csv)
}

fn skus_json(rng: &mut Rng, id: &str, held: &[u64], unassigned: Option<u64>, mix: Mix) -> String {
    let mut items = Vec::new();
    let held_all: u64 = held.iter().sum();
    let mut left = unassigned.unwrap_or(0);
    let last = held.iter().rposition(|h| *h > 0);
    for (i, ((part, sku_id, _, _), consumed)) in SKUS.iter().zip(held).enumerate() {
        if *consumed == 0 {
            continue;
        }
        let spare = match unassigned {
            // Partner Center's unassigned licenses, shared out by the SKUs' sizes.
            Some(_) if Some(i) == last => left,
            Some(total) => {
                let share = (total * consumed / held_all.max(1)).min(left);
                left -= share;
                share
            }
            None if mix == Mix::Busy => 0,
            None => rng.below(consumed / 5 + 2),
        };
        let (status, enabled, warning) = if mix != Mix::Busy && rng.below(20) == 0 {
            ("Warning", 0, consumed + spare)
        } else {
            ("Enabled", consumed + spare, 0)
        };
        items.push(format!(
            r#"    {{"appliesTo": "User", "capabilityStatus": "{status}", "consumedUnits": {consumed}, "id": "{id}_{sku_id}", "prepaidUnits": {{"enabled": {enabled}, "lockedOut": 0, "suspended": 0, "warning": {warning}}}, "servicePlans": [], "skuId": "{sku_id}", "skuPartNumber": "{part}"}}"#
        ));
    }
    format!(
        "{{\n  \"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#subscribedSkus\",\n  \"value\": [\n{}\n  ]\n}}\n",
        items.join(",\n")
    )
}

/// Writes the tenant folders of the customers that get one (ids that are tenant GUIDs); returns
/// how many. The report is refreshed three days after `as_of` (the Partner Center date): Graph
/// lags 24–48 hours, Partner Center more.
pub fn write(seed: u64, summary: &super::Summary, as_of: NaiveDate, out: &Path) -> Result<usize> {
    let refresh = as_of + TimeDelta::days(3);
    let mut written = 0;
    let guid = |id: &str| {
        id.len() == 36
            && id.bytes().enumerate().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => c == b'-',
                _ => c.is_ascii_hexdigit(),
            })
    };
    // A tenant's users are the customer's assigned licenses (a user per license, so the two
    // sources tell one story); large tenants are left out to keep the demo's files small.
    let tenants = summary
        .ids
        .iter()
        .zip(&summary.profiles)
        .zip(&summary.seats)
        .filter(|((id, _), (_, assigned))| {
            guid(id) && has_graph(seed, id) && (1..=MAX_USERS).contains(assigned)
        })
        .filter_map(|((id, p), seats)| Some((id, Mix::of(*p)?, *seats)));
    for (id, mix, (sold, assigned)) in tenants {
        let unassigned = sold.saturating_sub(assigned);
        let (skus, csv) =
            tenant_files_as(seed, id, assigned as usize, Some(unassigned), refresh, mix);
        let dir = out.join(id);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
        std::fs::write(dir.join("subscribedSkus.json"), skus)?;
        std::fs::write(dir.join("getOffice365ActiveUserDetail.csv"), csv)?;
        written += 1;
    }
    Ok(written)
}

fn hex(rng: &mut Rng) -> String {
    format!("{:016X}{:016X}", rng.next(), rng.next())
}

fn ascii(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            'í' => 'i',
            'ü' => 'u',
            other => other,
        })
        .collect::<String>()
        .to_lowercase()
}

fn quote(s: &str) -> String {
    if s.contains([',', '"']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
