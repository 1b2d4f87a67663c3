//! The Microsoft Graph section of a customer's detail (issue 14): its date and whether it is the
//! current source, a licenses gauge from `subscribedSkus`, a gauge per workload from the user
//! report (each naming its source), a disagreement with Partner Center of more than 10 points
//! pointed out, and notes (concealed names, SKUs suspended or in grace period).

use crate::domain::graph::{SkuStatus, disagreement, partner_workload};
use crate::domain::metrics::{CustomerMetrics, Origin, percent};
use crate::domain::model::{Customer, Timestamp};
use crate::i18n::{Lang, Msg};
use crate::present::format;
use crate::present::sources::gap;
use crate::present::view::{Gauge, Measure, Row, assigned_of};
use crate::tr;

use crate::domain::metrics::graph_moment as at;

/// The Graph rows of `c` (none without Graph data).
pub fn rows<'a>(lang: Lang, c: &'a Customer, m: &CustomerMetrics, now: Timestamp) -> Vec<Row<'a>> {
    let Some(t) = c.graph.as_deref() else {
        return Vec::new();
    };
    let s = t.summary();
    let n = |v: u64| format::count(lang, v);
    let pc = &m.partner;
    let partner = pc.usage_as_of.or(pc.deployment_as_of);
    let graph_heads = m.usage_source == Origin::Graph || m.deployment_source == Origin::Graph;
    let ahead = m.graph_ahead;
    let status = match (partner, graph_heads, s.refresh) {
        (None, ..) => tr!(lang, GraphOnly),
        (_, true, _) => tr!(lang, GraphCurrent),
        // The SKU list alone carries no date: it cannot be called older or newer.
        (_, false, None) => tr!(lang, GraphUndated),
        (_, false, Some(_)) if ahead => tr!(lang, GraphAhead),
        _ => tr!(lang, GraphOlder),
    };
    let disagree = |partner: Option<f64>, when: Option<Timestamp>, points: f64, current: Origin| {
        let key = match current {
            Origin::PartnerCenter if ahead => Msg::GraphDisagreeAhead,
            _ => Msg::GraphDisagree,
        };
        let when = format::as_of(lang, when, now);
        gap(
            lang,
            key,
            Origin::PartnerCenter,
            partner,
            &when,
            points,
            current,
        )
    };
    let when = s.refresh.map_or_else(
        || tr!(lang, GraphNoReport).to_string(),
        |d| format::as_of(lang, Some(at(d)), now),
    );
    let mut rows = vec![
        Row::Blank,
        Row::GraphHeading(tr!(lang, GraphHeading, when = when, status = status)),
    ];
    if t.skus.is_some() {
        let pct = percent(s.assigned, s.sold);
        let mut explain = tr!(
            lang,
            ExplainGraphLicenses,
            assigned = n(s.assigned),
            sold = n(s.sold),
            percent = format::percent(lang, pct)
        );
        if pc.deployment_as_of.is_some()
            && let Some(points) = disagreement(pct, pc.deployment)
        {
            explain.push_str(&disagree(
                pc.deployment,
                pc.deployment_as_of,
                points,
                m.deployment_source,
            ));
        }
        rows.push(Row::Gauge(Gauge {
            measure: Measure::Product {
                counts: assigned_of(lang, s.assigned, s.sold),
            },
            percent: pct,
            explain,
        }));
    }
    let date = s
        .refresh
        .map(|d| format::date(lang, at(d)))
        .unwrap_or_default();
    for w in &s.workloads {
        let Some(workload) = w.workload else { continue };
        let pct = percent(w.active, w.entitled);
        let mut explain = tr!(
            lang,
            ExplainGraphWorkload,
            workload = workload.report_name(),
            date = date,
            active = n(w.active),
            total = n(w.entitled),
            percent = format::percent(lang, pct)
        );
        let (pa, pq) = partner_workload(c, workload);
        if let Some(points) = disagreement(pct, percent(pa, pq)) {
            explain.push_str(&disagree(
                percent(pa, pq),
                pc.usage_as_of,
                points,
                m.usage_source,
            ));
        }
        rows.push(Row::Gauge(Gauge {
            measure: Measure::Workload {
                name: workload.report_name(),
                counts: tr!(lang, ActiveOf, active = n(w.active), total = n(w.entitled)),
            },
            percent: pct,
            explain,
        }));
    }
    if s.concealed_users > 0 {
        rows.push(Row::GraphNote {
            text: tr!(lang, UsersConcealedNote, n = n(s.concealed_users)),
            warn: true,
        });
    }
    let names = crate::domain::graph::SkuNames::shipped();
    for k in t.skus.iter().flatten().filter(|k| k.for_users) {
        let state = match k.status {
            SkuStatus::Warning => tr!(lang, SkuWarning),
            SkuStatus::Suspended => tr!(lang, SkuSuspended),
            SkuStatus::LockedOut => tr!(lang, SkuLockedOut),
            SkuStatus::Enabled | SkuStatus::Deleted | SkuStatus::Other => continue,
        };
        rows.push(Row::GraphNote {
            text: tr!(
                lang,
                GraphSkuState,
                sku = names.name(k.part_number.as_str()),
                state = state,
                assigned = n(k.consumed),
                enabled = n(k.enabled)
            ),
            warn: true,
        });
    }
    rows
}
