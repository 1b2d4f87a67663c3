//! A customer with two sources (issue 14): which one heads each overall figure, and what the
//! other one says about it, in the words of the gauges' explanations and the line under them.

use crate::domain::graph::disagreement;
use crate::domain::metrics::{CustomerMetrics, Origin};
use crate::domain::model::Timestamp;
use crate::i18n::Lang;
use crate::present::format;
use crate::tr;

/// The name of a source.
pub fn origin_word(lang: Lang, o: Origin) -> &'static str {
    match o {
        Origin::Graph => tr!(lang, WordGraph),
        Origin::PartnerCenter => tr!(lang, WordPartnerCenter),
    }
}

/// The source heading a figure and its value; the other source's value and date.
struct Sides {
    origin: Origin,
    current: Option<f64>,
    other: Option<f64>,
    when: Option<Timestamp>,
}

/// An overall figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Figure {
    Deployment,
    Usage,
}

/// The source heading `f`, its value, and the other source's value and date (when it has one).
fn sides(m: &CustomerMetrics, f: Figure) -> Option<Sides> {
    let graph = m.graph.as_ref()?;
    let (origin, current) = match f {
        Figure::Deployment => (m.deployment_source, m.deployment),
        Figure::Usage => (m.usage_source, m.usage),
    };
    let other = match origin {
        Origin::Graph => &m.partner,
        Origin::PartnerCenter => graph,
    };
    let (value, when) = match f {
        Figure::Deployment => (other.deployment, other.deployment_as_of),
        Figure::Usage => (other.usage, other.usage_as_of),
    };
    Some(Sides {
        origin,
        current,
        other: value,
        when,
    })
}

/// The end of an overall gauge's explanation once a customer has two sources: its source's
/// name, and what the other source says (a gap of more than 10 points pointed out).
pub(super) fn compare(lang: Lang, m: &CustomerMetrics, f: Figure, now: Timestamp) -> String {
    let Some(Sides { origin, .. }) = sides(m, f) else {
        return String::new();
    };
    let own = match origin {
        Origin::PartnerCenter => tr!(lang, SourcePartnerCenter).to_string(),
        Origin::Graph => String::new(),
    };
    let other = other_says(lang, m, f, now).map_or_else(String::new, |t| format!(" {t}"));
    own + &other
}

/// "Microsoft Graph says 45% (2026-11-28): 55 points apart, more than 10. Partner Center is
/// the newer source and counts as current.", or without a gap "Partner Center (…): 90%.";
/// `None` when the other source has no such figure.
fn other_says(lang: Lang, m: &CustomerMetrics, f: Figure, now: Timestamp) -> Option<String> {
    let Sides {
        origin,
        current,
        other: value,
        when,
    } = sides(m, f)?;
    let value = value?;
    let other = match origin {
        Origin::Graph => Origin::PartnerCenter,
        Origin::PartnerCenter => Origin::Graph,
    };
    let dated = when.is_some();
    // Graph's report dated in the future never heads over Partner Center dated as it should be.
    let ahead = other == Origin::Graph && m.graph_ahead;
    let when = format::as_of(lang, when, now);
    Some(match disagreement(current, Some(value)) {
        // An undated figure (a SKU list without its user report) is neither newer nor older.
        Some(points) if !dated => tr!(
            lang,
            SourcesDisagreeUndated,
            other = origin_word(lang, other),
            percent = format::percent(lang, Some(value)),
            points = format::number(lang, points.round()),
            current = origin_word(lang, origin)
        ),
        Some(points) => {
            let key = match ahead {
                true => crate::i18n::Msg::SourcesDisagreeAhead,
                false => crate::i18n::Msg::SourcesDisagree,
            };
            gap(lang, key, other, Some(value), &when, points, origin)
        }
        None => tr!(
            lang,
            OtherSays,
            other = origin_word(lang, other),
            percent = format::percent(lang, Some(value)),
            when = when
        ),
    })
}

/// A gap of more than 10 points between the sources in the words of `key`: the `other`
/// source's `percent` as of `when`, the `points` apart, the `current` source.
pub(super) fn gap(
    lang: Lang,
    key: crate::i18n::Msg,
    other: Origin,
    percent: Option<f64>,
    when: &str,
    points: f64,
    current: Origin,
) -> String {
    let (other, percent) = (origin_word(lang, other), format::percent(lang, percent));
    let (points, current) = (
        format::number(lang, points.round()),
        origin_word(lang, current),
    );
    let args: [(&str, &dyn std::fmt::Display); 5] = [
        ("other", &other),
        ("percent", &percent),
        ("when", &when),
        ("points", &points),
        ("current", &current),
    ];
    lang.fill(key, &args)
}

/// The line under the overall gauges saying what the other source says about `f`.
pub(super) fn other_source(
    lang: Lang,
    m: &CustomerMetrics,
    f: Figure,
    now: Timestamp,
) -> Option<String> {
    let said = other_says(lang, m, f, now)?;
    let name = match f {
        Figure::Deployment => tr!(lang, Deployment),
        Figure::Usage => tr!(lang, Usage),
    };
    Some(format!("{name}: {said}"))
}
