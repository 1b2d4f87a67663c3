//! The partner's prices file (`prices.csv` next to the exports; issue 15): one price per
//! license and month per product name or SKU part number.
//!
//! ```text
//! product,price,currency
//! OFFICE 365 E1,10.00,EUR
//! SPE_E3,33.70,EUR
//! ```
//!
//! The delimiter is sniffed (`,`, `;` or tab: German spreadsheets write `;` and decimal commas,
//! which are read too). A bad line (no product, a price that is not a number, an unknown or a
//! second currency) is skipped with a warning naming the file, the line and the field; the other
//! lines are used. A line without a currency takes the config's `[prices] currency`; without
//! either, it has none and is skipped (never a guessed currency).

use crate::domain::commerce::{Currency, price_micros};
use crate::domain::model::{ImportWarning, Severity};

/// The file name looked for next to the exports.
pub const FILE_NAME: &str = "prices.csv";

/// The prices files beside `paths`: `prices.csv` in each folder given and in the folder of
/// each file given, each folder once (what `--data` prices with and `import` keeps).
pub fn beside(paths: &[std::path::PathBuf]) -> Vec<std::path::PathBuf> {
    // Tens of thousands of files may be given (a shell's `*/*.csv`): a set, not a scan.
    let mut seen = std::collections::HashSet::new();
    let mut dirs: Vec<&std::path::Path> = Vec::new();
    for path in paths {
        let dir = if path.is_dir() {
            Some(path.as_path())
        } else {
            path.parent()
        };
        if let Some(dir) = dir
            && seen.insert(dir)
        {
            dirs.push(dir);
        }
    }
    dirs.iter()
        .map(|dir| dir.join(FILE_NAME))
        .filter(|path| path.is_file())
        .collect()
}

/// One price read from the file.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceLine {
    pub product: String,
    /// Millionths of the unit per license and month (as written, not rounded to cents).
    pub micros: u64,
    pub currency: Currency,
}

/// The prices of a file and the warnings about the lines left out. `currency` is the config's.
pub fn read(
    file: &str,
    text: &str,
    currency: Option<Currency>,
) -> (Vec<PriceLine>, Vec<ImportWarning>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate();
    let mut warnings = Vec::new();
    let warn = |line: usize, field: Option<&str>, message: String| ImportWarning {
        file: file.to_string(),
        record: Some((line, format!("line {line}"))),
        field: field.map(str::to_string),
        message,
        severity: Severity::Skipped,
    };
    let Some((_, header)) = lines.find(|(_, l)| !l.trim().is_empty()) else {
        return (Vec::new(), warnings);
    };
    let delimiter = [';', '\t', ',']
        .into_iter()
        .find(|d| header.contains(*d))
        .unwrap_or(',');
    let names: Vec<String> = split(header, delimiter)
        .iter()
        .map(|h| h.to_ascii_lowercase().replace([' ', '_', '-'], ""))
        .collect();
    let column = |aliases: &[&str]| names.iter().position(|n| aliases.contains(&n.as_str()));
    let product = column(&[
        "product",
        "productname",
        "sku",
        "skupartnumber",
        "partnumber",
    ]);
    let price = column(&["price", "pricepermonth", "monthlyprice", "unitprice"]);
    let currency_column = column(&["currency", "currencycode"]);
    let (Some(product), Some(price)) = (product, price) else {
        warnings.push(warn(
            1,
            None,
            "expected a header with the columns product (or sku) and price".into(),
        ));
        return (Vec::new(), warnings);
    };
    let mut out: Vec<PriceLine> = Vec::new();
    let mut file_currency: Option<Currency> = currency;
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let n = i + 1;
        let cells = split(line, delimiter);
        let cell = |c: usize| cells.get(c).map_or("", |s| s.trim());
        let name = cell(product);
        if name.is_empty() {
            warnings.push(warn(n, Some("product"), "no product named".into()));
            continue;
        }
        let raw = cell(price);
        let Some(value) = number(raw) else {
            let message = format!(
                "{} is not a price per license and month",
                crate::text::quote(raw)
            );
            warnings.push(warn(n, Some("price"), message));
            continue;
        };
        let micros = match price_micros(value) {
            Ok(c) => c,
            Err(m) => {
                warnings.push(warn(n, Some("price"), m));
                continue;
            }
        };
        let code = currency_column.map(cell).unwrap_or("");
        let line_currency = if code.is_empty() {
            file_currency
        } else {
            match Currency::parse(code) {
                Some(c) => Some(c),
                None => {
                    let m = format!("unknown currency {}", crate::text::quote(code));
                    warnings.push(warn(n, Some("currency"), m));
                    continue;
                }
            }
        };
        let Some(line_currency) = line_currency else {
            let m = "no currency (add a currency column or [prices] currency in config)";
            warnings.push(warn(n, Some("currency"), m.into()));
            continue;
        };
        match file_currency {
            Some(c) if c != line_currency => {
                let m = format!(
                    "{} differs from the prices' currency {}: one currency only",
                    line_currency.code, c.code
                );
                warnings.push(warn(n, Some("currency"), m));
                continue;
            }
            _ => file_currency = Some(line_currency),
        }
        out.push(PriceLine {
            product: crate::text::sanitize(name),
            micros,
            currency: line_currency,
        });
    }
    (out, warnings)
}

/// `33.70`, `33,70` (a decimal comma), `1,234.50`, `1.234,50`; `None` for anything else.
fn number(raw: &str) -> Option<f64> {
    let raw = raw
        .trim()
        .trim_start_matches(|c: char| !c.is_ascii_digit() && c != '-');
    let normalised = match (raw.rfind('.'), raw.rfind(',')) {
        (Some(dot), Some(comma)) if comma > dot => raw.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => raw.replace(',', ""),
        (None, Some(_)) => raw.replace(',', "."),
        _ => raw.to_string(),
    };
    normalised.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A line's cells; a cell in double quotes may hold the delimiter.
fn split(line: &str, delimiter: char) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => cells.push(String::new()),
            c => cells.last_mut().expect("one cell").push(c),
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_prices_and_names_each_bad_line() {
        let text = "product;price;currency\n\
                    OFFICE 365 E1;10,00;EUR\n\
                    SPE_E3;33,70;\n\
                    ;5;EUR\n\
                    Visio;cheap;EUR\n\
                    Project;-3;EUR\n\
                    Teams;4;XYZ\n\
                    Intune;8;USD\n";
        let (prices, warnings) = read("prices.csv", text, None);
        let got: Vec<(&str, u64)> = prices
            .iter()
            .map(|p| (p.product.as_str(), p.micros))
            .collect();
        assert_eq!(got, [("OFFICE 365 E1", 10_000_000), ("SPE_E3", 33_700_000)]);
        let found: Vec<(usize, Option<&str>)> = warnings
            .iter()
            .map(|w| (w.record.as_ref().unwrap().0, w.field.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                (4, Some("product")),
                (5, Some("price")),
                (6, Some("price")),
                (7, Some("currency")),
                (8, Some("currency")),
            ]
        );
        assert!(warnings.iter().all(|w| w.file == "prices.csv"));
    }

    #[test]
    fn the_config_currency_fills_a_missing_column() {
        let eur = Currency::parse("EUR");
        let (p, w) = read("p.csv", "sku,price\nSPB,\"1,234.50\"\n", eur);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(p[0].micros, 1_234_500_000);
        let (p, w) = read("p.csv", "sku,price\nSPB,22\n", None);
        assert!(p.is_empty());
        assert_eq!(w[0].field.as_deref(), Some("currency"), "never guessed");
    }

    #[test]
    fn a_file_without_the_columns_is_one_warning() {
        let (p, w) = read("p.csv", "name,amount\nx,1\n", None);
        assert!(p.is_empty());
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn control_characters_never_pass() {
        let (p, _) = read(
            "p.csv",
            "product,price,currency\nE\u{1b}[31m1,1,EUR\n",
            None,
        );
        assert!(!p[0].product.contains('\u{1b}'));
    }
}
