//! `uptake users QUERY [--inactive DAYS] [--csv|--json]`: one customer's licensed users from its
//! Microsoft Graph reports (issue 14). Nothing is written but standard output.

use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::domain::graph::UserSort;
use crate::i18n::Lang;
use crate::load::Loaded;
use crate::present::users;
use crate::tr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Text,
    Json,
    Csv,
}

impl Output {
    pub fn of(json: bool, csv: bool) -> Self {
        match (json, csv) {
            (true, _) => Self::Json,
            (_, true) => Self::Csv,
            _ => Self::Text,
        }
    }
}

pub fn run(
    loaded: &Loaded,
    query: &str,
    inactive: Option<i64>,
    output: Output,
    lang: Lang,
) -> Result<ExitCode> {
    let c = match super::show::resolve(loaded, query, lang)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let Some(tenant) = c.graph.as_ref().filter(|t| t.refresh().is_some()) else {
        // A tenant folder read, but without the users report: its name is right.
        if let Some(t) = &c.graph {
            bail!(tr!(
                lang,
                UsersNoReportInFolder,
                customer = c.name,
                tenant = t.id
            ));
        }
        bail!(tr!(lang, UsersNoReport, customer = c.name));
    };
    // The rows are read from the report's file when the index left them out.
    let tenant = crate::load::tenant_users(tenant)?;
    let Some(refresh) = tenant.refresh() else {
        bail!(tr!(lang, UsersNoReport, customer = c.name));
    };
    let list = tenant.user_list(inactive, UserSort::Inactive);
    match output {
        Output::Json => outln!("{}", users::json(&list, refresh)),
        Output::Csv => out!("{}", users::csv(&list, refresh)),
        Output::Text => {
            let s = tenant.summary();
            note!(
                "{}",
                tr!(
                    lang,
                    UsersHeading,
                    n = s.licensed_users,
                    inactive = tenant.inactive_count(),
                    date = crate::present::format::date(
                        lang,
                        refresh.and_time(Default::default()).and_utc()
                    )
                )
            );
            if s.concealed_users > 0 {
                note!("{}", tr!(lang, UsersConcealedNote, n = s.concealed_users));
            }
            out!(
                "{}",
                users::text(&users::rows(&list, refresh, false, lang), lang)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
