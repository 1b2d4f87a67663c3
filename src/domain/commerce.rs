//! The partner's commercial terms (issue 15): prices per license and month, the upgrade map,
//! buffers of unassigned seats, products excluded from advice, and the partner's own resources
//! per action. All of it is the partner's configuration or data; nothing here is invented:
//! a product without a price has no cost, a product without an upgrade has no offer.
//!
//! Money is kept in cents (integers), so a cost is exact and sums never drift. A price is kept
//! as configured, in millionths of the unit (33.705 stays 33.705): seats × price is exact and
//! only the result is rounded to cents.

use crate::text::Clean;

/// An ISO 4217 currency uptake knows how to write. A code outside this table is refused (at
/// config or prices-file load), never guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Currency {
    pub code: &'static str,
    /// The symbol written before (en, zh-TW) or after (de) the amount.
    pub symbol: &'static str,
}

/// The currencies uptake writes, with their symbols.
pub const CURRENCIES: [Currency; 14] = [
    Currency {
        code: "EUR",
        symbol: "€",
    },
    Currency {
        code: "USD",
        symbol: "US$",
    },
    Currency {
        code: "GBP",
        symbol: "£",
    },
    Currency {
        code: "CHF",
        symbol: "CHF",
    },
    Currency {
        code: "TWD",
        symbol: "NT$",
    },
    Currency {
        code: "JPY",
        symbol: "¥",
    },
    Currency {
        code: "AUD",
        symbol: "A$",
    },
    Currency {
        code: "CAD",
        symbol: "CA$",
    },
    Currency {
        code: "NZD",
        symbol: "NZ$",
    },
    Currency {
        code: "SEK",
        symbol: "SEK",
    },
    Currency {
        code: "NOK",
        symbol: "NOK",
    },
    Currency {
        code: "DKK",
        symbol: "DKK",
    },
    Currency {
        code: "PLN",
        symbol: "PLN",
    },
    Currency {
        code: "HKD",
        symbol: "HK$",
    },
];

impl Currency {
    /// The currency of an ISO code (any case), or `None` when uptake does not know it.
    pub fn parse(code: &str) -> Option<Currency> {
        CURRENCIES
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(code.trim()))
            .copied()
    }
}

/// An amount of money in cents of one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    pub cents: u64,
    pub currency: Currency,
}

impl Money {
    /// The amount as a decimal number (for JSON).
    pub fn amount(self) -> f64 {
        self.cents as f64 / 100.0
    }
}

/// A price per license and month, in millionths of its currency's unit (as configured, not
/// rounded to cents).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Price {
    pub micros: u64,
    pub currency: Currency,
}

/// Millionths of a unit in a cent.
const MICROS_PER_CENT: u128 = 10_000;

impl Price {
    /// `seats` × the price, rounded (half up) to cents only now.
    pub fn times(self, seats: u64) -> Money {
        let micros = u128::from(self.micros) * u128::from(seats);
        let cents = (micros + MICROS_PER_CENT / 2) / MICROS_PER_CENT;
        Money {
            cents: u64::try_from(cents).unwrap_or(u64::MAX),
            currency: self.currency,
        }
    }

    /// The price as a decimal number (for JSON).
    pub fn amount(self) -> f64 {
        self.micros as f64 / 1_000_000.0
    }
}

/// A price per license and month as written in config or the prices file, in millionths of the
/// unit. Refuses a negative, non-finite or absurd value (more than a million a month).
pub fn price_micros(value: f64) -> Result<u64, String> {
    if !value.is_finite() || value < 0.0 {
        return Err(format!("must be a price of 0 or more, found {value}"));
    }
    if value > 1_000_000.0 {
        return Err(format!(
            "{value} per license and month is not a plausible price"
        ));
    }
    Ok((value * 1_000_000.0).round() as u64)
}

/// How product names, offers and SKU part numbers are compared: folded, runs of anything but
/// letters and digits as one space (`MICROSOFT 365 E3`, `Microsoft 365 E3`, `microsoft-365-e3`
/// are one key; `SPE_E3` is `spe e3`).
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in crate::text::fold(name).chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Whether `a` and `b` have the same [`key`], without building either when both are ASCII
/// (asked for every subscription of every product of every customer in an assessment).
pub fn same_key(a: &str, b: &str) -> bool {
    if !(a.is_ascii() && b.is_ascii()) {
        return key(a) == key(b);
    }
    // An ASCII key is the runs of letters and digits, lower-cased, one space between them.
    let mut a = a
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    let mut b = b
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(y) => {}
            _ => return false,
        }
    }
}

/// Microsoft's SKU part numbers and product names (`assets/graph/skus.csv`, from Microsoft's
/// licensing table): a price keyed by part number applies to the product of that name.
const SKUS: &str = include_str!("../../assets/graph/skus.csv");

/// The product name (as a [`key`]) of a SKU part number, if Microsoft's table has it.
pub fn sku_product(part_number: &str) -> Option<String> {
    // Asked for every product of every customer (buffers, upgrades): the table is keyed once.
    static TABLE: std::sync::OnceLock<std::collections::HashMap<String, String>> =
        std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = std::collections::HashMap::new();
        for line in SKUS.lines().skip(1) {
            let mut cells = line.splitn(3, ',');
            if let (Some(id), Some(name)) = (cells.next(), cells.nth(1)) {
                // The first row of a part number wins, as the scan it replaces did.
                table
                    .entry(key(id))
                    .or_insert_with(|| key(name.trim_matches('"')));
            }
        }
        table
    });
    table.get(&key(part_number)).cloned()
}

/// Prices per license and month, in one currency.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Prices {
    pub currency: Option<Currency>,
    /// (product key, millionths of the unit), the part numbers resolved to product names too.
    entries: Vec<(String, u64)>,
}

impl Prices {
    /// Adds a price for a product name or SKU part number (a later entry for the same product
    /// replaces an earlier one: the config file overrides the prices file).
    pub fn insert(&mut self, product_or_sku: &str, micros: u64) {
        for k in Self::keys(product_or_sku) {
            self.entries.retain(|(e, _)| *e != k);
            self.entries.push((k, micros));
        }
    }

    /// Adds a price where the product has none yet (a prices file under the config): a part
    /// number's product keeps the config's price for it.
    pub fn insert_missing(&mut self, product_or_sku: &str, micros: u64) {
        for k in Self::keys(product_or_sku) {
            if !self.entries.iter().any(|(e, _)| *e == k) {
                self.entries.push((k, micros));
            }
        }
    }

    /// The price already given for the product of a name or part number, if any (in
    /// millionths): a second entry for one product is a conflict to report.
    pub fn given(&self, product_or_sku: &str) -> Option<u64> {
        let keys = Self::keys(product_or_sku);
        self.entries
            .iter()
            .find(|(e, _)| keys.contains(e))
            .map(|(_, m)| *m)
    }

    /// The keys a price is found by: the name as written and, for a part number, its product.
    fn keys(product_or_sku: &str) -> Vec<String> {
        let mut keys = vec![key(product_or_sku)];
        keys.extend(sku_product(product_or_sku));
        keys
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The price of a product per license and month, if the partner gave one.
    pub fn get(&self, product: &str) -> Option<Price> {
        let currency = self.currency?;
        let k = key(product);
        self.entries
            .iter()
            .find(|(e, _)| *e == k)
            .map(|(_, micros)| Price {
                micros: *micros,
                currency,
            })
    }
}

/// The built-in upgrade paths (Microsoft 365 and Office 365 suites): the next product up.
pub const DEFAULT_UPGRADES: [(&str, &str); 7] = [
    (
        "Microsoft 365 Business Basic",
        "Microsoft 365 Business Standard",
    ),
    (
        "Microsoft 365 Business Standard",
        "Microsoft 365 Business Premium",
    ),
    ("Office 365 E1", "Office 365 E3"),
    ("Office 365 E3", "Office 365 E5"),
    ("Microsoft 365 E3", "Microsoft 365 E5"),
    ("Microsoft 365 F1", "Microsoft 365 F3"),
    ("Office 365 F3", "Microsoft 365 F3"),
];

/// What the partner's commercial configuration says (empty prices, the built-in upgrades, no
/// buffers, exclusions or resources by default).
#[derive(Debug, Clone, PartialEq)]
pub struct Commerce {
    pub prices: Prices,
    /// (from key, the product to offer), the config's entries replacing the built-in ones.
    upgrades: Vec<(String, Clean)>,
    /// (product key, unassigned seats tolerated before `assign_licenses`).
    buffers: Vec<(String, u64)>,
    /// Product keys excluded from advice.
    excluded: Vec<String>,
    /// (action id, the partner's texts and links), in config order.
    pub resources: Vec<(String, std::sync::Arc<[Clean]>)>,
    /// (table, key as written) of every price, buffer and exclusion: a key naming no product
    /// of the data is reported, not silently ignored.
    pub written: Vec<(&'static str, String)>,
}

/// Whether a key as written (a product name or part number) names `product`.
pub fn names_product(written: &str, product: &str) -> bool {
    Prices::keys(written).contains(&key(product))
}

impl Default for Commerce {
    fn default() -> Self {
        let mut c = Self {
            prices: Prices::default(),
            upgrades: Vec::new(),
            buffers: Vec::new(),
            excluded: Vec::new(),
            resources: Vec::new(),
            written: Vec::new(),
        };
        for (from, to) in DEFAULT_UPGRADES {
            c.set_upgrade(from, to);
        }
        c
    }
}

impl Commerce {
    /// Sets (or replaces) the product to offer to holders of `from`.
    pub fn set_upgrade(&mut self, from: &str, to: &str) {
        let k = key(from);
        self.upgrades.retain(|(e, _)| *e != k);
        self.upgrades.push((k, Clean::new(to)));
    }

    /// The product to offer to a holder of `product`, if the upgrade map has one.
    pub fn upgrade(&self, product: &str) -> Option<&Clean> {
        let k = key(product);
        let k = sku_product(product)
            .filter(|_| !self.has_upgrade(&k))
            .unwrap_or(k);
        self.upgrades
            .iter()
            .find(|(e, _)| *e == k)
            .map(|(_, to)| to)
    }

    fn has_upgrade(&self, k: &str) -> bool {
        self.upgrades.iter().any(|(e, _)| e == k)
    }

    /// Sets the buffer of a product name or SKU part number (matched like a price: `SPB` is
    /// Microsoft 365 Business Premium).
    pub fn set_buffer(&mut self, product_or_sku: &str, seats: u64) {
        for k in Prices::keys(product_or_sku) {
            self.buffers.retain(|(e, _)| *e != k);
            self.buffers.push((k, seats));
        }
    }

    /// The buffer already given for the product of a name or part number, if any.
    pub fn buffer_given(&self, product_or_sku: &str) -> Option<u64> {
        let keys = Prices::keys(product_or_sku);
        self.buffers
            .iter()
            .find(|(e, _)| keys.contains(e))
            .map(|(_, n)| *n)
    }

    /// The unassigned seats tolerated for `product` (0 without a buffer).
    pub fn buffer(&self, product: &str) -> u64 {
        if self.buffers.is_empty() {
            return 0;
        }
        let k = key(product);
        let sku = sku_product(product);
        self.buffers
            .iter()
            .find(|(e, _)| *e == k || sku.as_ref() == Some(e))
            .map_or(0, |(_, n)| *n)
    }

    pub fn exclude(&mut self, product: &str) {
        self.excluded.push(key(product));
        self.excluded.extend(sku_product(product));
    }

    /// Whether `product` is excluded from advice.
    pub fn is_excluded(&self, product: &str) -> bool {
        if self.excluded.is_empty() {
            return false;
        }
        let k = key(product);
        self.excluded.contains(&k)
    }

    pub fn has_exclusions(&self) -> bool {
        !self.excluded.is_empty()
    }

    /// The partner's resources for an action id (empty without any).
    pub fn resources(&self, action: &str) -> std::sync::Arc<[Clean]> {
        self.resources
            .iter()
            .find(|(id, _)| id == action)
            .map_or_else(|| std::sync::Arc::from([]), |(_, r)| r.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// [`same_key`] is the comparison of the two [`key`]s, over ASCII names with every
        /// kind of punctuation and case, and names beyond ASCII (which take the slow way).
        #[test]
        fn same_key_is_comparing_keys(
            a in "[a-cA-C0-9 _./-]{0,12}|[aAéÉ ß-]{0,6}",
            b in "[a-cA-C0-9 _./-]{0,12}|[aAéÉ ß-]{0,6}",
        ) {
            proptest::prop_assert_eq!(same_key(&a, &b), key(&a) == key(&b));
            proptest::prop_assert!(same_key(&a, &a));
            let variant = a.to_lowercase().replace(['_', '.', '/'], "-");
            proptest::prop_assert_eq!(same_key(&variant, &a), key(&variant) == key(&a));
            let spaced = format!(" {}--", a.to_uppercase());
            proptest::prop_assert_eq!(same_key(&spaced, &b), key(&spaced) == key(&b));
        }
    }

    #[test]
    fn keys_ignore_case_and_punctuation() {
        assert_eq!(key("MICROSOFT 365 E3"), key("Microsoft 365  E3"));
        assert_eq!(key("microsoft-365-e3"), "microsoft 365 e3");
        assert_eq!(key("SPE_E3"), "spe e3");
        assert_eq!(key("  "), "");
    }

    #[test]
    fn a_part_number_prices_its_product() {
        // SPE_E3 is "Microsoft 365 E3" in Microsoft's table.
        assert_eq!(sku_product("spe_e3").as_deref(), Some("microsoft 365 e3"));
        let mut p = Prices {
            currency: Currency::parse("eur"),
            ..Prices::default()
        };
        p.insert("SPE_E3", 33_700_000);
        assert_eq!(
            p.get("MICROSOFT 365 E3").map(|m| m.micros),
            Some(33_700_000)
        );
        assert_eq!(p.get("Office 365 E1"), None, "no price, no guess");
        // A prices file's part number does not replace the config's price of its product.
        p.insert("Microsoft 365 E5", 54_800_000);
        p.insert_missing("SPE_E5", 99_990_000);
        p.insert_missing("SPE_E3", 99_990_000);
        assert_eq!(
            p.get("MICROSOFT 365 E3").map(|m| m.micros),
            Some(33_700_000)
        );
        assert_eq!(p.get("SPE_E3").map(|m| m.micros), Some(33_700_000));
    }

    #[test]
    fn no_currency_no_price() {
        let mut p = Prices::default();
        p.insert("Office 365 E1", 1000);
        assert_eq!(p.get("Office 365 E1"), None);
    }

    #[test]
    fn prices_are_checked() {
        let table: [(f64, Result<u64, ()>); 6] = [
            (10.0, Ok(10_000_000)),
            (33.7, Ok(33_700_000)),
            (33.705, Ok(33_705_000)),
            (0.0, Ok(0)),
            (-1.0, Err(())),
            (f64::NAN, Err(())),
        ];
        for (value, want) in table {
            assert_eq!(price_micros(value).map_err(|_| ()), want, "{value}");
        }
        assert!(Currency::parse("XXX").is_none());
        assert_eq!(Currency::parse("twd").map(|c| c.symbol), Some("NT$"));
    }

    #[test]
    fn upgrades_default_and_override() {
        let mut c = Commerce::default();
        assert_eq!(
            c.upgrade("MICROSOFT 365 BUSINESS BASIC").map(Clean::as_str),
            Some("Microsoft 365 Business Standard")
        );
        assert_eq!(c.upgrade("MICROSOFT 365 E5"), None, "the top has no offer");
        c.set_upgrade("MICROSOFT 365 E3", "Microsoft 365 E5 (no Teams)");
        assert_eq!(
            c.upgrade("Microsoft 365 E3").map(Clean::as_str),
            Some("Microsoft 365 E5 (no Teams)")
        );
    }

    #[test]
    fn buffers_and_exclusions() {
        let mut c = Commerce::default();
        c.set_buffer("OFFICE 365 E1", 5);
        // A part number's buffer is its product's, as for prices and exclusions.
        c.set_buffer("SPB", 30);
        assert_eq!(c.buffer("MICROSOFT 365 BUSINESS PREMIUM"), 30);
        c.exclude("TEAMS_EXPLORATORY");
        assert_eq!(c.buffer("Office 365 E1"), 5);
        assert_eq!(c.buffer("Office 365 E3"), 0);
        assert!(c.is_excluded("teams exploratory"));
        assert!(!c.is_excluded("Office 365 E1"));
    }
}
