//! What `show` and `list` say on stderr about the data their numbers rest on.

use anyhow::{Result, bail};

use crate::cli::DataArgs;
use crate::domain::model::Severity;
use crate::i18n::Lang;
use crate::import;
use crate::load::Loaded;
use crate::tr;

/// How many warnings `show` and `list` print on stderr before summing up the rest.
const WARNINGS_PRINTED: usize = 20;

/// `show`/`list` say on stderr what was skipped or doubtful (file, record, field), so a
/// script's log shows what its numbers rest on; and that a file of partner-level totals alone
/// holds no customer.
pub fn print(loaded: &Loaded, lang: Lang) {
    let warnings = &loaded.portfolio.warnings;
    for w in warnings.iter().take(WARNINGS_PRINTED) {
        note!("uptake: {}: {}", tr!(lang, Warning), w.text(lang));
    }
    if warnings.len() > WARNINGS_PRINTED {
        note!(
            "uptake: {}: {}",
            tr!(lang, Warning),
            tr!(lang, MoreWarnings, n = warnings.len() - WARNINGS_PRINTED)
        );
    }
    unmatched_keys(loaded, lang);
    let partner = &loaded.portfolio.partner;
    if loaded.portfolio.customers.is_empty()
        && (!partner.deployment.is_empty() || !partner.usage.is_empty())
    {
        note!("uptake: {}", tr!(lang, PartnerTotalsOnly));
    }
}

/// A price, buffer or exclusion whose key names no product of the data: said, never silently
/// ignored (a typo, a part number Microsoft's table lacks, an escape sequence in a name).
fn unmatched_keys(loaded: &Loaded, lang: Lang) {
    let written = &loaded.thresholds.commerce.written;
    if written.is_empty() || loaded.portfolio.customers.is_empty() {
        return;
    }
    let names: std::collections::HashSet<&str> = loaded
        .portfolio
        .customers
        .iter()
        .flat_map(|c| c.products.iter().map(|p| p.name.as_str()))
        .collect();
    let mut said = std::collections::HashSet::new();
    for (table, key) in written {
        let matched = names
            .iter()
            .any(|p| crate::domain::commerce::names_product(key, p));
        if !matched && said.insert((table, key)) {
            note!(
                "uptake: {}: {}",
                tr!(lang, Warning),
                tr!(
                    lang,
                    KeyNamesNoProduct,
                    table = table,
                    key = crate::text::quote(key)
                )
            );
        }
    }
}

/// `show`/`list`/`users` never report numbers that silently miss records.
pub fn refuse_skipped(loaded: &Loaded, args: &DataArgs, lang: Lang) -> Result<()> {
    if args.keep_going {
        return Ok(());
    }
    let Some(first) = import::first_skipped(&loaded.portfolio) else {
        return Ok(());
    };
    let skipped = loaded
        .portfolio
        .warnings
        .iter()
        .filter(|w| w.severity == Severity::Skipped)
        .count();
    let more = match skipped {
        1 => String::new(),
        n => tr!(lang, MoreRecordsProblems, n = n - 1),
    };
    bail!(tr!(
        lang,
        KeepGoingHint,
        problem = format!("{}{more}", first.text(lang))
    ))
}
