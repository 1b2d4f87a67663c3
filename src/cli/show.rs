//! `uptake show QUERY`: one customer's numbers and suggestions as text, Markdown or JSON.

use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::cli::ShowFormat;
use crate::domain::analysis;
use crate::domain::search::{Resolved, SearchIndex};
use crate::i18n::Lang;
use crate::load::Loaded;
use crate::present::report;
use crate::text;
use crate::tr;

pub fn run(loaded: &Loaded, query: &str, format: ShowFormat, lang: Lang) -> Result<ExitCode> {
    let index = SearchIndex::new(&loaded.portfolio);
    let customers = &loaded.portfolio.customers;
    match index.resolve(query) {
        Resolved::One(i) => {
            let c = &customers[i];
            let detailed = analysis::detailed(c, &loaded.thresholds, loaded.now);
            let a = &detailed;
            match format {
                ShowFormat::Json => outln!("{}", report::show_json(c, a)),
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
        Resolved::None => bail!(tr!(
            lang,
            NoCustomerMatches,
            query = text::quote(query),
            source = loaded.source.label(lang)
        )),
        Resolved::Many(found) => {
            eprintln!(
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
                eprintln!(
                    "  {}  {}",
                    c.name,
                    c.id.as_ref().map_or(tr!(lang, NoId), |i| i.as_str())
                );
            }
            if found.len() > 20 {
                eprintln!("  {}", tr!(lang, AndMore, n = found.len() - 20));
            }
            Ok(ExitCode::from(1))
        }
    }
}
