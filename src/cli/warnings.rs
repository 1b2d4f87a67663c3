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
        eprintln!("uptake: {}: {}", tr!(lang, Warning), w.text(lang));
    }
    if warnings.len() > WARNINGS_PRINTED {
        eprintln!(
            "uptake: {}: {}",
            tr!(lang, Warning),
            tr!(lang, MoreWarnings, n = warnings.len() - WARNINGS_PRINTED)
        );
    }
    let partner = &loaded.portfolio.partner;
    if loaded.portfolio.customers.is_empty()
        && (!partner.deployment.is_empty() || !partner.usage.is_empty())
    {
        eprintln!("uptake: {}", tr!(lang, PartnerTotalsOnly));
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
