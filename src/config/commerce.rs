//! The commercial tables of config.toml (issue 15): `[prices]`, `[upgrades]`, `[resources]`,
//! `[buffers]`, `[exclude]`, checked and turned into the domain's [`Commerce`]. Every error
//! names its key; nothing is defaulted that the partner did not write (no currency, no price).

use serde::{Deserialize, Serialize};

use super::Config;
use crate::domain::advice::ActionId;
use crate::domain::commerce::{Commerce, Currency, price_micros};
use crate::text::Clean;

/// A `[prices]` value: the currency (text) or a price (number).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PriceEntry {
    Price(f64),
    Text(String),
}

/// `[exclude]`: products left out of advice.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Exclude {
    /// Product names or SKU part numbers (free or shared SKUs, say).
    pub products: Vec<String>,
}

impl Exclude {
    pub fn is_empty(&self) -> bool {
        self.products.is_empty()
    }
}

/// The action ids `[resources]` takes.
const ACTIONS: [ActionId; 9] = [
    ActionId::CheckData,
    ActionId::RefreshData,
    ActionId::ConvertTrial,
    ActionId::ShowValue,
    ActionId::AssignLicenses,
    ActionId::WorkloadAdoption,
    ActionId::Expand,
    ActionId::UsageFalling,
    ActionId::Training,
];

/// `prices."OFFICE 365 E1"`: a key as the user would write it back.
fn key_path(table: &str, key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        format!("{table}.{key}")
    } else {
        format!("{table}.{}", crate::text::quote(key))
    }
}

/// The partner's commercial terms from the config, or the key that is wrong and why.
pub fn build(config: &Config) -> Result<Commerce, (String, String)> {
    let mut c = Commerce::default();
    for (key, entry) in &config.prices {
        match (key.as_str(), entry) {
            ("currency", PriceEntry::Text(code)) => {
                let currency = Currency::parse(code).ok_or_else(|| {
                    let known: Vec<&str> = crate::domain::commerce::CURRENCIES
                        .iter()
                        .map(|c| c.code)
                        .collect();
                    (
                        "prices.currency".to_string(),
                        format!(
                            "unknown currency {} (expected one of {})",
                            crate::text::quote(code),
                            known.join(", ")
                        ),
                    )
                })?;
                c.prices.currency = Some(currency);
            }
            ("currency", PriceEntry::Price(v)) => {
                return Err((
                    "prices.currency".into(),
                    format!("expected a currency code such as \"EUR\", found {v}"),
                ));
            }
            (_, PriceEntry::Text(t)) => {
                return Err((
                    key_path("prices", key),
                    format!(
                        "expected a price per license and month (a number), found {}",
                        crate::text::quote(t)
                    ),
                ));
            }
            (_, PriceEntry::Price(v)) => {
                let micros = price_micros(*v).map_err(|m| (key_path("prices", key), m))?;
                // Two entries for one product (a name and its part number) must agree.
                if c.prices.given(key).is_some_and(|g| g != micros) {
                    return Err((
                        key_path("prices", key),
                        "another entry prices the same product differently (a product name and \
                         its part number are one product): keep one"
                            .into(),
                    ));
                }
                c.prices.insert(key, micros);
                c.written.push(("prices", key.clone()));
            }
        }
    }
    if !c.prices.is_empty() && c.prices.currency.is_none() {
        return Err((
            "prices.currency".into(),
            "missing: say which currency the prices are in (currency = \"EUR\")".into(),
        ));
    }
    for (from, to) in &config.upgrades {
        if to.trim().is_empty() {
            return Err((key_path("upgrades", from), "names no product".into()));
        }
        // The product itself is no upgrade (a part number counts as its product).
        let product = |s: &str| {
            crate::domain::commerce::sku_product(s)
                .unwrap_or_else(|| crate::domain::commerce::key(s))
        };
        if product(from) == product(to) {
            return Err((
                key_path("upgrades", from),
                "offers the product itself: name the product to offer instead".into(),
            ));
        }
        c.set_upgrade(from, to);
    }
    for (product, seats) in &config.buffers {
        if *seats > 1_000_000 {
            return Err((
                key_path("buffers", product),
                format!("{seats} seats is not a plausible buffer"),
            ));
        }
        if c.buffer_given(product).is_some_and(|g| g != *seats) {
            return Err((
                key_path("buffers", product),
                "another entry gives the same product a different buffer (a product name and \
                 its part number are one product): keep one"
                    .into(),
            ));
        }
        c.set_buffer(product, *seats);
        c.written.push(("buffers", product.clone()));
    }
    for product in &config.exclude.products {
        c.exclude(product);
        c.written.push(("exclude", product.clone()));
    }
    for (action, texts) in &config.resources {
        if !ACTIONS.iter().any(|a| a.id() == action) {
            let ids: Vec<&str> = ACTIONS.iter().map(|a| a.id()).collect();
            return Err((
                key_path("resources", action),
                format!("unknown action id (expected one of {})", ids.join(", ")),
            ));
        }
        if let Some(i) = texts.iter().position(|t| t.trim().is_empty()) {
            return Err((
                format!("{}[{i}]", key_path("resources", action)),
                "is empty: give a text or a link, or leave the entry out".into(),
            ));
        }
        c.resources.push((
            action.clone(),
            texts
                .iter()
                .map(|t| Clean::new(t))
                .collect::<Vec<_>>()
                .into(),
        ));
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::super::Config;

    const EXAMPLE: &str = r#"
[prices]
currency = "EUR"
"OFFICE 365 E1" = 10.0
"MICROSOFT 365 E3" = 33.7
SPB = 22

[upgrades]
"MICROSOFT 365 BUSINESS PREMIUM" = "MICROSOFT 365 E3"

[resources]
show_value = ["Case studies: https://partner.example/cases"]
training = ["Training sign-up: https://partner.example/training"]

[buffers]
"OFFICE 365 E1" = 5

[exclude]
products = ["TEAMS_EXPLORATORY"]
"#;

    #[test]
    fn the_issue_example_parses() {
        let c = Config::parse(EXAMPLE, "c.toml").unwrap();
        let t = &c.thresholds.commerce;
        let cents = |p: &str| t.prices.get(p).map(|m| m.micros / 10_000);
        assert_eq!(cents("Office 365 E1"), Some(1000));
        assert_eq!(cents("Microsoft 365 E3"), Some(3370));
        assert_eq!(cents("Microsoft 365 Business Premium"), Some(2200), "SPB");
        assert_eq!(cents("Office 365 E3"), None);
        assert_eq!(
            t.upgrade("Microsoft 365 Business Premium")
                .map(|c| c.as_str()),
            Some("MICROSOFT 365 E3")
        );
        assert_eq!(t.buffer("office 365 e1"), 5);
        assert!(t.is_excluded("Microsoft Teams Exploratory"));
        assert_eq!(t.resources("training").len(), 1);
        assert!(t.resources("expand").is_empty());
        // `config --print` writes them back.
        assert_eq!(Config::parse(&c.to_toml(), "printed").unwrap(), c);
    }

    #[test]
    fn commercial_errors_name_the_key() {
        let cases = [
            (
                "[prices]\n\"OFFICE 365 E1\" = 10\n",
                "prices.currency: missing",
            ),
            (
                "[prices]\ncurrency = \"EUX\"\n",
                "prices.currency: unknown currency \"EUX\"",
            ),
            (
                "[prices]\ncurrency = \"EUR\"\n\"OFFICE 365 E1\" = -3\n",
                "prices.\"OFFICE 365 E1\": must be a price of 0 or more",
            ),
            (
                "[prices]\ncurrency = \"EUR\"\nSPE_E3 = \"cheap\"\n",
                "prices.SPE_E3: expected a price",
            ),
            (
                "[resources]\nshowvalue = [\"x\"]\n",
                "resources.showvalue: unknown action id",
            ),
            ("[exclude]\nproduct = [\"x\"]\n", "unknown field `product`"),
            // Found in review: one product priced twice (name and part number), differently.
            (
                "[prices]\ncurrency = \"EUR\"\n\"MICROSOFT 365 E3\" = 30\nSPE_E3 = 40\n",
                "prices.SPE_E3: another entry prices the same product differently",
            ),
            (
                "[buffers]\n\"Microsoft 365 Business Premium\" = 5\nSPB = 30\n",
                "buffers.SPB: another entry gives the same product a different buffer",
            ),
            // Found in review: an upgrade to the product itself, an empty resource.
            (
                "[upgrades]\n\"MICROSOFT 365 E3\" = \"Microsoft 365 E3\"\n",
                "upgrades.\"MICROSOFT 365 E3\": offers the product itself",
            ),
            (
                "[upgrades]\nSPE_E3 = \"microsoft-365-e3\"\n",
                "upgrades.SPE_E3: offers the product itself",
            ),
            (
                "[resources]\nexpand = [\"Case studies\", \" \"]\n",
                "resources.expand[1]: is empty",
            ),
            ("[buffers]\nE1 = -1\n", "line 2"),
        ];
        for (text, want) in cases {
            let err = Config::parse(text, "c.toml").unwrap_err().to_string();
            assert!(
                err.starts_with("c.toml: ") && err.contains(want),
                "{text:?}: {err}"
            );
        }
    }

    #[test]
    fn resources_are_sanitised() {
        let c = Config::parse("[resources]\nexpand = [\"a\\u001b[31mb\"]\n", "c.toml").unwrap();
        let r = c.thresholds.commerce.resources("expand");
        assert!(!r[0].as_str().contains('\u{1b}'), "{r:?}");
    }
}
