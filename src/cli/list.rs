//! `uptake list`: the customers, sorted and filtered, as text, JSON or CSV.

use std::process::ExitCode;

use anyhow::Result;

use crate::domain::analysis::{self, Filter, SortKey};
use crate::i18n::Lang;
use crate::load::Loaded;
use crate::present::report;

pub fn run(
    loaded: &Loaded,
    sort: SortKey,
    filter: Filter,
    limit: Option<usize>,
    json: bool,
    csv: bool,
    lang: Lang,
) -> Result<ExitCode> {
    let mut order = analysis::select(&loaded.rows, sort, filter);
    order.truncate(limit.unwrap_or(usize::MAX));
    let assessed = order
        .iter()
        .map(|&i| loaded.assessment(i))
        .collect::<Result<Vec<_>>>()?;
    let rows = order
        .iter()
        .zip(&assessed)
        .map(|(&i, a)| (&loaded.portfolio.customers[i], a));
    if json {
        outln!("{}", report::list_json(rows));
    } else if csv {
        out!("{}", report::list_csv(rows, sort == SortKey::CostDesc)?);
    } else if !loaded.portfolio.customers.is_empty() {
        // (no customer at all: the note on stderr says why, no empty table)
        out!("{}", report::list_text(rows, lang, sort));
    }
    Ok(ExitCode::SUCCESS)
}
