//! Why lines: the numbers and thresholds that triggered a suggestion, in words.

use crate::domain::advice::{AssignedUnsold, OverItem, Why};
use crate::domain::metrics::Renewal;
use crate::i18n::{Lang, Msg};
use crate::present::format;
use crate::tr;

impl Why {
    /// The why line in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let mut text = self.figures(lang);
        text.push_str(&super::commerce::why_commercial(self, lang));
        text
    }

    /// The why line without its commercial facts.
    fn figures(&self, lang: Lang) -> String {
        match self {
            Why::CheckData { .. } | Why::RefreshData { .. } => self.data(lang),
            Why::ConvertTrial { .. } | Why::AssignLicenses { .. } | Why::Expand { .. } => {
                self.licenses(lang)
            }
            Why::ReclaimLicenses { .. } => self.reclaim(lang),
            Why::ShowValue { .. }
            | Why::WorkloadAdoption { .. }
            | Why::Training { .. }
            | Why::UsageFalling { .. } => self.usage(lang),
        }
    }

    /// The data itself: usage above 100 %, stale data.
    fn data(&self, lang: Lang) -> String {
        let pct = |p: Option<f64>| format::percent(lang, p);
        let n = |v: u64| format::count(lang, v);
        match self {
            Why::CheckData { over, overall } => {
                let item = |o: &OverItem| {
                    tr!(
                        lang,
                        WhyOverItem,
                        product = o.product,
                        workload = o.workload,
                        percent = pct(o.percent),
                        active = n(o.active),
                        total = n(o.qualified)
                    )
                };
                match over.as_slice() {
                    [] => tr!(lang, WhyOverOverall, percent = pct(*overall)),
                    [one] => tr!(lang, WhyOverOne, item = item(one)),
                    [first, rest @ ..] => {
                        tr!(lang, WhyOverMore, item = item(first), more = rest.len())
                    }
                }
            }
            Why::RefreshData {
                oldest,
                days,
                limit,
            } => tr!(
                lang,
                WhyStale,
                date = format::date(lang, *oldest),
                days = days,
                limit = limit
            ),
            _ => unreachable!("Why::text dispatches the other variants elsewhere"),
        }
    }

    // Graph users (issue 14)
    /// Licensed users inactive for the reclaim threshold, with their products.
    fn reclaim(&self, lang: Lang) -> String {
        let Why::ReclaimLicenses {
            users,
            days,
            products,
            refresh,
        } = self
        else {
            unreachable!("Why::text dispatches the other variants elsewhere")
        };
        let n = |v: u64| format::count(lang, v);
        let mut named: Vec<String> = products
            .iter()
            .take(3)
            .map(|(p, k)| tr!(lang, WhyReclaimProduct, product = p, n = n(*k)))
            .collect();
        match products.len().saturating_sub(3) {
            0 => {}
            1 => named.push(tr!(lang, WhyReclaimOneMoreProduct).to_string()),
            more => named.push(tr!(lang, WhyReclaimMoreProducts, n = more)),
        }
        let date = format::date(lang, refresh.and_time(Default::default()).and_utc());
        let mut why = if *users == 1 {
            tr!(lang, WhyReclaimOne, days = days, date = date)
        } else {
            tr!(lang, WhyReclaim, n = n(*users), days = days, date = date)
        };
        if !named.is_empty() {
            why.push_str(&tr!(lang, WhyReclaimProducts, products = named.join(", ")));
        }
        why
    }

    /// Licenses: trials to convert, seats to assign, room to expand.
    fn licenses(&self, lang: Lang) -> String {
        let n = |v: u64| format::count(lang, v);
        let lim = |v: f64| format::limit(lang, v);
        match self {
            Why::ConvertTrial {
                assigned, trials, ..
            } => convert_trial(lang, assigned.as_ref(), trials),
            Why::AssignLicenses {
                deployment,
                limit,
                unassigned,
                sold,
                most,
                renewal,
                reduce,
                ..
            } => {
                let mut why = tr!(
                    lang,
                    WhyLowDeployment,
                    deployment = format::percent_against(lang, *deployment, *limit),
                    threshold = lim(*limit),
                    unassigned = n(*unassigned),
                    sold = n(*sold)
                );
                if let Some((product, seats)) = most {
                    why.push_str(&tr!(lang, WhyMostIn, product = product, n = n(*seats)));
                }
                // Without a product's terms, the customer's next renewal (the old wording).
                if let Some(Renewal {
                    date: end, days, ..
                }) = renewal.filter(|_| reduce.is_none())
                {
                    why.push_str(&tr!(
                        lang,
                        WhyRenews,
                        days = days,
                        date = format::date(lang, end)
                    ));
                }
                why
            }
            Why::Expand {
                deployment,
                deployment_limit,
                usage,
                usage_limit,
                assigned,
                sold,
                active,
                qualified,
                ..
            } => tr!(
                lang,
                WhyExpand,
                deployment = format::percent_against(lang, *deployment, *deployment_limit),
                deployment_threshold = lim(*deployment_limit),
                usage = format::percent_against(lang, *usage, *usage_limit),
                usage_threshold = lim(*usage_limit),
                assigned = n(*assigned),
                sold = n(*sold),
                active = n(*active),
                total = n(*qualified)
            ),
            _ => unreachable!("Why::text dispatches the other variants elsewhere"),
        }
    }

    /// Usage: low usage, a workload behind, support load, a fall.
    fn usage(&self, lang: Lang) -> String {
        let pct = |p: Option<f64>| format::percent(lang, p);
        let n = |v: u64| format::count(lang, v);
        let lim = |v: f64| format::limit(lang, v);
        let num = |v: f64| format::number(lang, v);
        match self {
            Why::ShowValue {
                usage,
                limit,
                unused,
                qualified,
                idle,
                licenses,
                ..
            } => tr!(
                lang,
                WhyLowUsage,
                usage = format::percent_against(lang, *usage, *limit),
                threshold = lim(*limit),
                unused = n(*unused),
                total = n(*qualified),
                idle = n(*idle),
                licenses = n(*licenses)
            ),
            Why::WorkloadAdoption {
                product,
                workload,
                percent,
                active,
                qualified,
                gap,
                others,
                limit,
            } => tr!(
                lang,
                WhyWorkloadGap,
                product = product,
                workload = workload,
                percent = pct(*percent),
                active = n(*active),
                total = n(*qualified),
                gap = num(gap.round()),
                others = pct(Some(*others)),
                threshold = num(*limit)
            ),
            Why::Training {
                open,
                recent,
                open_limit,
                recent_limit,
            } => tr!(
                lang,
                WhyTraining,
                open = open,
                open_threshold = open_limit,
                recent = recent,
                recent_threshold = recent_limit
            ),
            Why::UsageFalling {
                from,
                to,
                delta,
                since,
                limit,
                named,
            } => {
                let mut text = tr!(
                    lang,
                    WhyFalling,
                    from = pct(Some(*from)),
                    to = pct(Some(*to)),
                    // The change between the two figures as shown (see `metrics::trend`'s
                    // delta), signed as the list and the trend line sign it (U+2212 minus).
                    delta = match *delta {
                        d if d < 0.0 => format!("−{:.0}", -d),
                        d => format!("+{d:.0}"),
                    },
                    date = format::date(lang, *since),
                    threshold = num(*limit)
                );
                if *named {
                    text.push_str(tr!(lang, WhyFallingPartnerCenter));
                }
                text
            }
            _ => unreachable!("Why::text dispatches the other variants elsewhere"),
        }
    }
}

/// A trial to convert: the product with licenses assigned and none sold, and the live trials.
fn convert_trial(lang: Lang, assigned: Option<&AssignedUnsold>, trials: &[String]) -> String {
    let n = |v: u64| format::count(lang, v);
    let mut parts = Vec::new();
    if let Some(AssignedUnsold {
        product,
        seats,
        more,
        total,
    }) = assigned
    {
        let mut part = tr!(
            lang,
            WhyAssignedNoSold,
            product = product,
            assigned = n(*seats)
        );
        match *more {
            0 => {}
            1 => part.push_str(&tr!(lang, WhyAssignedOneMore, total = n(*total))),
            more => part.push_str(&tr!(lang, WhyAssignedMore, more = more, total = n(*total))),
        }
        parts.push(part);
    }
    match trials {
        [] => {}
        [one] => parts.push(tr!(lang, WhyTrialOne, name = one)),
        [first, rest @ ..] => parts.push(tr!(lang, WhyTrialMore, name = first, more = rest.len())),
    }
    parts.join(lang.get(Msg::WhySeparator))
}

/// English, as in JSON.
impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

#[cfg(test)]
#[path = "why_tests.rs"]
pub(crate) mod tests;
