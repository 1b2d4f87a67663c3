//! The commercial side of a generated export (issue 15): `subscriptions.json` (Partner Center
//! `Subscription` records with their renewal terms, for about a third of the customers with an
//! id) and `prices.csv` (the partner's prices, next to the exports). A random stream of its
//! own, so the deployment and usage files stay byte for byte what they were.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};
use chrono::{NaiveDate, TimeDelta};
use serde_json::json;

use super::rng::Rng;

/// The prices `uptake demo` writes next to the exports (per license and month). Dynamics
/// products are left out on purpose: unpriced products show no cost.
const PRICES: &str = "product,price,currency
MICROSOFT 365 E3,33.70,EUR
MICROSOFT 365 E5,54.80,EUR
MICROSOFT 365 BUSINESS PREMIUM,20.60,EUR
MICROSOFT 365 BUSINESS STANDARD,11.70,EUR
MICROSOFT 365 BUSINESS BASIC,5.60,EUR
OFFICE 365 E1,9.40,EUR
MICROSOFT 365 F3,7.50,EUR
";

/// Writes `subscriptions.json`, one customer at a time.
pub(super) struct Subscriptions {
    out: BufWriter<File>,
    rng: Rng,
    as_of: NaiveDate,
    customers: usize,
    /// The current customer's id and records.
    current: Option<(String, Vec<serde_json::Value>)>,
}

impl Subscriptions {
    pub(super) fn create(dir: &Path, seed: u64, as_of: NaiveDate) -> Result<Self> {
        let path = dir.join("subscriptions.json");
        let file =
            File::create(&path).with_context(|| format!("{}: cannot create", path.display()))?;
        let mut out = BufWriter::new(file);
        out.write_all(b"{")?;
        std::fs::write(dir.join("prices.csv"), PRICES)
            .with_context(|| format!("{}: cannot create", dir.join("prices.csv").display()))?;
        Ok(Self {
            out,
            rng: Rng::seeded(seed ^ 0x5ab5_c21b),
            as_of,
            customers: 0,
            current: None,
        })
    }

    /// Starts a customer: about one in three with an id gets subscriptions.
    pub(super) fn customer(&mut self, id: Option<&str>) -> Result<()> {
        self.end_customer()?;
        if let Some(id) = id.filter(|_| self.rng.below(3) == 0) {
            self.current = Some((id.to_string(), Vec::new()));
        }
        Ok(())
    }

    /// A product the current customer holds: its subscription with this partner (sometimes
    /// fewer seats than sold: the rest bought elsewhere), terms present or missing.
    pub(super) fn product(&mut self, name: &str, sold: u64, is_trial: bool) {
        let Some((_, items)) = self.current.as_mut() else {
            return;
        };
        let rng = &mut self.rng;
        let quantity = if rng.below(4) == 0 {
            sold * 2 / 3
        } else {
            sold
        };
        let (term, billing, days) = match rng.below(3) {
            0 => ("P1M", "monthly", 1 + rng.below(30)),
            1 => ("P1Y", "monthly", 1 + rng.below(365)),
            _ => ("P1Y", "annual", 1 + rng.below(365)),
        };
        let end = self.as_of + TimeDelta::days(days as i64);
        let mut item = json!({
            "offerName": if is_trial {
                format!("{} Trial", title(name))
            } else {
                title(name)
            },
            "isTrial": is_trial,
            "status": "active",
            "quantity": quantity,
            "commitmentEndDate": format!("{end}T00:00:00Z"),
            "termDuration": term,
            "billingCycle": billing,
        });
        // Auto-renew is not always given; the cancellation window is open for a recent purchase.
        if rng.below(5) > 0 {
            item["autoRenewEnabled"] = json!(rng.below(4) > 0);
        }
        if rng.below(6) == 0 {
            let until = self.as_of + TimeDelta::days(1 + rng.below(6) as i64);
            item["cancellationAllowedUntilDate"] = json!(format!("{until}T00:00:00Z"));
        }
        item["attributes"] = json!({"objectType": "Subscription"});
        items.push(item);
    }

    fn end_customer(&mut self) -> Result<()> {
        let Some((id, items)) = self.current.take() else {
            return Ok(());
        };
        if items.is_empty() {
            return Ok(());
        }
        if self.customers > 0 {
            self.out.write_all(b",\n")?;
        }
        let collection = json!({
            "totalCount": items.len(),
            "items": items,
            "attributes": {"objectType": "Collection"},
        });
        write!(self.out, "{}:{}", json!(id), collection)?;
        self.customers += 1;
        Ok(())
    }

    pub(super) fn finish(mut self) -> Result<()> {
        self.end_customer()?;
        self.out.write_all(b"}\n")?;
        self.out.flush()?;
        Ok(())
    }
}

/// `MICROSOFT 365 E3` → `Microsoft 365 E3` (offers are named in title case).
fn title(name: &str) -> String {
    name.split(' ')
        .map(|w| {
            if w.len() <= 2 || w.chars().any(|c| c.is_ascii_digit()) {
                w.to_string()
            } else {
                let lower = w.to_lowercase();
                let mut c = lower.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
