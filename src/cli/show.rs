//! `uptake show QUERY`: one customer's numbers and suggestions as text, Markdown or JSON.

use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::cli::ShowFormat;
use crate::domain::analysis;
use crate::domain::model::Customer;
use crate::domain::search::{Resolved, SearchIndex};
use crate::i18n::Lang;
use crate::load::Loaded;
use crate::present::report;
use crate::text;
use crate::tr;

pub fn run(
    loaded: &Loaded,
    query: &str,
    format: ShowFormat,
    names: &crate::domain::graph::SkuNames,
    lang: Lang,
) -> Result<ExitCode> {
    let c = match resolve(loaded, query, lang)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let detailed = analysis::detailed(c, &loaded.thresholds, loaded.now);
    let a = &detailed;
    match format {
        ShowFormat::Json => outln!("{}", report::show_json(c, a, names)),
        ShowFormat::Text => out!(
            "{}",
            report::summary(c, a, loaded.now, report::Markup::Text, lang)
        ),
        ShowFormat::Markdown => {
            out!(
                "{}",
                report::summary(c, a, loaded.now, report::Markup::Markdown, lang)
            )
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The one customer `query` names; several matches are listed on standard error (exit 1), none
/// is an error.
pub(super) fn resolve<'a>(
    loaded: &'a Loaded,
    query: &str,
    lang: Lang,
) -> Result<Result<&'a Customer, ExitCode>> {
    if crate::domain::search::terms(query)
        .iter()
        .all(|t| t.key.is_empty())
    {
        // Nothing left to search for (empty, spaces, invisible characters, marks without a
        // letter): every customer would match, and a list of all of them answers nothing.
        bail!(tr!(lang, EmptyQuery, query = text::quote(query)));
    }
    let index = SearchIndex::new(&loaded.portfolio);
    let customers = &loaded.portfolio.customers;
    match index.resolve(query) {
        Resolved::One(i) => Ok(Ok(&customers[i])),
        Resolved::None => bail!(tr!(
            lang,
            NoCustomerMatches,
            query = text::quote(query),
            source = loaded.source.label(lang)
        )),
        Resolved::Many(found) => {
            note!(
                "uptake: {}",
                tr!(
                    lang,
                    SeveralMatch,
                    n = found.len(),
                    query = text::quote(query)
                )
            );
            for &i in found.iter().take(20) {
                let c = &customers[i];
                note!(
                    "  {}  {}",
                    c.name,
                    c.id.as_ref().map_or(tr!(lang, NoId), |i| i.as_str())
                );
            }
            if found.len() > 20 {
                note!("  {}", tr!(lang, AndMore, n = found.len() - 20));
            }
            Ok(Err(ExitCode::from(1)))
        }
    }
}
