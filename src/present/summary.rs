//! A customer's summary for notes, `show`'s text and Markdown and the copy keys: the rows of
//! the detail pane's [`CustomerView`] in words.

use crate::domain::analysis::Assessment;
use crate::domain::model::{Customer, Service, Timestamp};
use crate::i18n::{Lang, Msg};
use crate::present::format;
use crate::present::view::{CustomerView, Measure, Row, Source};
use crate::text::{fit, fit_right, width};
use crate::tr;

/// Plain text or Markdown, for `show --format` and the copy keys (`y`, `Y`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    Text,
    Markdown,
}

/// Escapes text from data for Markdown, so a name cannot start a heading or a table.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// A customer's summary for notes: name, id, data dates, deployment and usage with counts,
/// products and workloads, flags, and the suggestions with their why lines. `show` prints it;
/// the TUI copies the same text. It renders the rows of the detail pane's [`CustomerView`].
pub fn summary(c: &Customer, a: &Assessment, now: Timestamp, markup: Markup, lang: Lang) -> String {
    let view = CustomerView::new(c, a, now, lang);
    let s = Summary {
        view: &view,
        lang,
        mdown: markup == Markup::Markdown,
    };
    let mut out = s.head();
    out.push_str(&s.trends());
    out.push_str(&s.products());
    out.push_str(&s.graph());
    out.push_str(&s.flags());
    out.push_str(&s.facts());
    out.push_str(&s.actions(a));
    out
}

/// A summary being written: the view and how.
struct Summary<'a> {
    view: &'a CustomerView<'a>,
    lang: Lang,
    mdown: bool,
}

impl Summary<'_> {
    /// Text from data, escaped for Markdown.
    fn esc(&self, t: &str) -> String {
        if self.mdown { md(t) } else { t.to_string() }
    }

    /// Name, id, data dates, and the overall deployment and usage with their counts.
    fn head(&self) -> String {
        let lang = self.lang;
        let pct = |p: Option<f64>| format::percent(lang, p);
        let mut id = None;
        let mut dates = String::new();
        for row in &self.view.rows {
            match row {
                Row::Id(i) => id = *i,
                Row::AsOf {
                    deployment, usage, ..
                } => dates = self.dates(*deployment, *usage),
                _ => {}
            }
        }
        let mut out = String::new();
        if self.mdown {
            out.push_str(&format!("## {}\n\n", md(self.view.name)));
            if let Some(id) = id {
                out.push_str(&format!(
                    "{} · ",
                    tr!(lang, CustomerId, id = format!("`{}`", id.replace('`', "")))
                ));
            }
            out.push_str(&format!(
                "{dates}\n\n| {} | {} | {} |\n|---|---:|---|\n",
                tr!(lang, MdMeasure),
                tr!(lang, MdPercent),
                tr!(lang, MdCounts)
            ));
            for (name, p, counts) in self.overall() {
                out.push_str(&format!("| **{name}** | {} | {counts} |\n", pct(p)));
            }
            for note in self.source_notes() {
                out.push_str(&format!("\n{}\n", md(note)));
            }
        } else {
            let id = id
                .map(|i| format!("  ({})", tr!(lang, CustomerId, id = i)))
                .unwrap_or_default();
            out.push_str(&format!("{}{id}\n{dates}\n\n", self.view.name));
            let label = self.label_cells();
            for (name, p, counts) in self.overall() {
                out.push_str(&format!(
                    "{}  {}  {counts}\n",
                    fit(name, label),
                    fit_right(&pct(p), 7)
                ));
            }
            for note in self.source_notes() {
                out.push_str(&format!("{note}\n"));
            }
        }
        out
    }

    fn trend_rows(&self) -> impl Iterator<Item = &crate::present::view::Trend> {
        self.view.rows.iter().filter_map(|r| match r {
            Row::Trend(t) => Some(t),
            _ => None,
        })
    }

    /// The cells of the overall lines' labels (the trends' too, one column for all).
    fn label_cells(&self) -> usize {
        let trends = self.trend_rows().map(|t| match t.usage {
            true => width(tr!(self.lang, UsageTrend)),
            false => width(tr!(self.lang, DeploymentTrend)),
        });
        let overall = [Msg::Deployment, Msg::Usage].map(|m| width(self.lang.get(m)));
        trends.chain(overall).max().unwrap_or(0).max(10)
    }

    /// The trends as the detail pane shows them: the values over time, the figure now (and
    /// its source when the gauge is another's), and the last change with its date.
    fn trends(&self) -> String {
        let lang = self.lang;
        let mut out = String::new();
        for t in self.trend_rows() {
            let label = match t.usage {
                true => tr!(lang, UsageTrend),
                false => tr!(lang, DeploymentTrend),
            };
            let figure = format::percent(lang, t.now);
            let mut line = match self.mdown {
                true => format!("**{label}** {figure}"),
                false => format!(
                    "{}  {}",
                    fit(label, self.label_cells()),
                    fit_right(&figure, 7)
                ),
            };
            if let Some(source) = t.source {
                line.push_str(&format!(" ({source})"));
            }
            line.push_str(&format!("  {}", format::sparkline(&t.values)));
            if let Some((d, since)) = t.delta {
                let since = tr!(lang, Since, date = format::date(lang, since));
                line.push_str(&format!("  {} {since}", format::delta(d)));
            }
            match self.mdown {
                true => out.push_str(&format!("\n{line}\n")),
                false => out.push_str(&format!("{line}\n")),
            }
        }
        out
    }

    /// What the other source says about the overall figures (a customer with two sources).
    fn source_notes(&self) -> impl Iterator<Item = &str> {
        self.view.rows.iter().filter_map(|r| match r {
            Row::SourceNote(text) => Some(text.as_str()),
            _ => None,
        })
    }

    /// The overall gauges: label, percent, and counts in the summary's longer words.
    fn overall(&self) -> Vec<(&'static str, Option<f64>, String)> {
        let lang = self.lang;
        let n = |v: u64| format::count(lang, v);
        self.view
            .gauges()
            .filter_map(|g| match g.measure {
                Measure::Deployment {
                    assigned,
                    sold,
                    has_data,
                } => Some((
                    tr!(lang, Deployment),
                    g.percent,
                    if has_data {
                        tr!(
                            lang,
                            LicensesAssignedOf,
                            assigned = n(assigned),
                            sold = n(sold)
                        )
                    } else {
                        tr!(lang, NoDeploymentData).to_string()
                    },
                )),
                Measure::Usage {
                    active,
                    qualified,
                    approx,
                } => Some((
                    tr!(lang, Usage),
                    g.percent,
                    tr!(
                        lang,
                        EntitlementsActiveOf,
                        active = n(active),
                        total = n(qualified),
                        approx = if approx { tr!(lang, ApproxShort) } else { "" }
                    ),
                )),
                _ => None,
            })
            .collect()
    }

    /// "Deployment data as of … · Usage data as of …".
    fn dates(&self, deployment: Source, usage: Source) -> String {
        let (lang, now) = (self.lang, self.view.now);
        let age = |msgs, s: Source| s.text(lang, msgs, now);
        format!(
            "{} · {}",
            age(
                (Msg::SummaryDeploymentAsOf, Msg::NoDeploymentData),
                deployment
            ),
            age((Msg::SummaryUsageAsOf, Msg::NoUsageData), usage)
        )
    }

    /// The products in the customer's order (those not in the latest data among them), each
    /// with its deployment and its workloads' usage.
    fn products(&self) -> String {
        // (place among the products, its lines)
        let mut entries: Vec<(usize, String)> = Vec::new();
        let mut product = None;
        for row in &self.view.rows {
            match row {
                Row::Product { at, name, service } => product = Some((*at, *name, *service)),
                // The Graph section's gauges are not a product's (see `graph`).
                Row::GraphHeading(_) => product = None,
                Row::NotInLatest { at, name, date } => {
                    let line = tr!(
                        self.lang,
                        NotInLatest,
                        product = self.esc(name),
                        date = date
                    );
                    let line = if self.mdown {
                        format!("- {line}\n")
                    } else {
                        format!("\n  {line}\n")
                    };
                    entries.push((*at, line));
                }
                Row::Gauge(g) => match (&g.measure, product) {
                    (Measure::Product { counts }, Some((at, name, service))) => {
                        entries.push((at, self.product(name, service, g.percent, counts)));
                    }
                    (Measure::Workload { name, counts }, Some(_)) => {
                        if let Some(last) = entries.last_mut() {
                            last.1.push_str(&self.workload(name, g.percent, counts));
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        entries.sort_by_key(|e| e.0);
        let mut out = String::new();
        if self.mdown {
            out.push_str(&format!("\n### {}\n\n", tr!(self.lang, Products)));
        }
        for (_, lines) in entries {
            out.push_str(&lines);
        }
        out
    }

    // Graph users (issue 14)
    /// The Microsoft Graph section: heading, licenses, workloads, notes.
    fn graph(&self) -> String {
        let mut out = String::new();
        let mut inside = false;
        for row in &self.view.rows {
            match row {
                Row::GraphHeading(text) => {
                    inside = true;
                    out.push_str(&if self.mdown {
                        format!("\n### {}\n\n", self.esc(text))
                    } else {
                        format!("\n  {text}\n")
                    });
                }
                Row::Gauge(g) if inside => match &g.measure {
                    Measure::Product { counts } => {
                        let word = tr!(self.lang, WordDeployment);
                        let pct = format::percent(self.lang, g.percent);
                        out.push_str(&if self.mdown {
                            format!("- {word} {pct} ({counts})\n")
                        } else {
                            format!("    {word} {pct}  {counts}\n")
                        });
                    }
                    Measure::Workload { name, counts } => {
                        out.push_str(&self.workload(name, g.percent, counts));
                    }
                    _ => {}
                },
                Row::GraphNote { text, .. } => out.push_str(&if self.mdown {
                    format!("- {}\n", self.esc(text))
                } else {
                    format!("    {text}\n")
                }),
                _ => {}
            }
        }
        out
    }

    /// A current product's line: its deployment with counts.
    fn product(&self, name: &str, service: &Service, percent: Option<f64>, counts: &str) -> String {
        let word = tr!(self.lang, WordDeployment);
        let dep = format::percent(self.lang, percent);
        if self.mdown {
            format!("- **{}** ({service}): {word} {dep} ({counts})\n", md(name))
        } else {
            format!("\n  {name} ({service})  {word} {dep}  {counts}\n")
        }
    }

    /// A workload's line: its usage, marked above 100 %, with counts.
    fn workload(&self, name: &str, percent: Option<f64>, counts: &str) -> String {
        let word = tr!(self.lang, WordUsage);
        let use_pct = format::percent(self.lang, percent);
        let mark = if percent.is_some_and(|x| x > 100.0) {
            " !"
        } else {
            "  "
        };
        if self.mdown {
            format!(
                "  - {}: {word} {use_pct}{} ({counts})\n",
                md(name),
                mark.trim_end()
            )
        } else {
            let name_cells = self.view.longest_workload.unwrap_or(0).clamp(10, 40);
            format!(
                "    {}  {word} {}{mark}  {counts}\n",
                fit(name, name_cells),
                fit_right(&use_pct, 7)
            )
        }
    }

    /// The flags in the reader's language, each with its stable id (for `list --filter` and
    /// scripts), and the note on usage above 100 %.
    fn flags(&self) -> String {
        let lang = self.lang;
        let mut out = String::new();
        for row in &self.view.rows {
            match row {
                Row::Flags(flags) => {
                    let flags: Vec<String> = flags
                        .iter()
                        .map(|f| {
                            let words = crate::present::labels::flag_words(lang, *f);
                            if self.mdown {
                                format!("{words} (`{}`)", f.id())
                            } else {
                                format!("{words} ({})", f.id())
                            }
                        })
                        .collect();
                    out.push_str(&format!(
                        "\n{}\n",
                        tr!(lang, FlagsLine, flags = flags.join(", "))
                    ));
                }
                Row::Over100 => {
                    if self.mdown {
                        out.push('\n');
                    }
                    out.push_str(tr!(lang, Over100Note));
                    out.push('\n');
                }
                _ => {}
            }
        }
        out
    }

    /// The subscription facts the screen shows: renewal and trials, then the commercial facts
    /// (headings and their lines; Markdown makes the lines a list).
    fn facts(&self) -> String {
        let facts: Vec<String> = self
            .view
            .rows
            .iter()
            .filter_map(|row| match row {
                Row::Renewal { text, .. } | Row::Trials(text) => Some(self.esc(text)),
                Row::Commercial {
                    text,
                    heading: true,
                } => Some(if self.mdown {
                    format!("\n**{}**\n", self.esc(text))
                } else {
                    // "Renewal terms:" ("續約條款：")
                    tr!(self.lang, GlossLead, term = text)
                        .trim_end()
                        .to_string()
                }),
                Row::Commercial { text, .. } => Some(if self.mdown {
                    format!("- {}", self.esc(text))
                } else {
                    format!("  {text}")
                }),
                _ => None,
            })
            .collect();
        let mut out = String::new();
        if !facts.is_empty() {
            out.push('\n');
            for fact in facts {
                out.push_str(&format!("{fact}\n"));
            }
        }
        out
    }

    /// The suggested actions with their why lines.
    fn actions(&self, a: &Assessment) -> String {
        let lang = self.lang;
        let heading = tr!(lang, SuggestedActions);
        let mut out = if self.mdown {
            format!("\n### {heading}\n\n")
        } else {
            format!("\n{heading}\n")
        };
        if a.actions.is_empty() {
            out.push_str(&format!("  {}\n", tr!(lang, NoRuleFiredShort)));
        }
        for s in &a.actions {
            let why = s.why_text(lang);
            if self.mdown {
                out.push_str(&format!(
                    "{}. **{}**  \n   {}\n",
                    s.priority,
                    s.title(lang),
                    tr!(lang, Why, why = md(&why))
                ));
            } else {
                out.push_str(&format!(
                    "  {}. {}\n     {}\n",
                    s.priority,
                    s.title(lang),
                    tr!(lang, Why, why = why)
                ));
            }
            // The partner's own resources to send (config `[resources]`).
            if !s.resources.is_empty() {
                let lead = if self.mdown { "   " } else { "     " };
                if self.mdown {
                    // A paragraph of its own within the list item.
                    out.push('\n');
                }
                out.push_str(&format!("{lead}{}:\n", tr!(lang, ResourcesHeading)));
                for r in s.resources.iter() {
                    out.push_str(&format!("{lead}- {}\n", self.esc(r.as_str())));
                }
            }
        }
        out
    }
}
