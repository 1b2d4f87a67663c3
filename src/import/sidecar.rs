//! Sidecars: a customer's service requests (`ServiceRequest`) and subscriptions
//! (`Subscription`), as the Partner Center API returns them, one collection per customer.
//! Two shapes: one JSON object mapping customer id → collection (a file for the portfolio), or
//! a collection alone in `servicerequests/<customer-id>.json` / `subscriptions/<customer-id>.json`.
//! Detected by content; enums come as strings or, as the documented example shows, integers.

use std::fmt;

use serde_json::Value;

use super::ImportError;
use super::build::{Bad, Builder, SidecarKind as Kind, bad};
use super::date;
use super::sidecar_items::{File, Item};
use crate::domain::model::{
    BillingCycle, Format, RequestStatus, ServiceRequest, Severity, Subscription,
    SubscriptionStatus, SubscriptionTerms,
};
use crate::text::Clean;

/// Fields only sidecar records carry (a cheap test before parsing).
const MARKERS: [&str; 7] = [
    "\"ServiceRequest\"",
    "\"termDuration\"",
    "\"Subscription\"",
    "\"isTrial\"",
    "\"commitmentEndDate\"",
    "\"supportTopicName\"",
    "\"supportTopicId\"",
];

/// Fields only deployment and usage records carry, in any case as the reader takes them.
const INSIGHTS: [&str; 7] = [
    "\"licensesDeployed\"",
    "\"licensesSold\"",
    "\"licensesActive\"",
    "\"licenseActive\"",
    "\"licensesQualified\"",
    "\"deploymentPercent\"",
    "\"usagePercent\"",
];

/// How far into a file its first records are looked for.
const HEAD: usize = 64 << 10;

/// Whether the text may be a sidecar: one pass over it for all the markers (an export of
/// hundreds of megabytes has none of them). A file whose start holds none of them but
/// deployment or usage records is an export, not a sidecar, without a pass over the rest (a
/// fifth of the reading of an export's JSON).
pub fn looks_like(text: &str) -> bool {
    let head = &text.as_bytes()[..text.len().min(HEAD)];
    finder().is_match(head)
        || (head.len() < text.len() && !records().is_match(head) && finder().is_match(text))
}

/// Whether a file that starts with `start` (its first [`HEAD`] bytes or more, no BOM) is an
/// export, not a sidecar, by its start alone: [`looks_like`] of the whole file is then false.
pub(super) fn export_by_its_start(start: &[u8]) -> bool {
    let head = &start[..start.len().min(HEAD)];
    head.len() == HEAD && !finder().is_match(head) && records().is_match(head)
}

fn finder() -> &'static aho_corasick::AhoCorasick {
    static FINDER: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::new(MARKERS).expect("fixed markers")
        });
    &FINDER
}

fn records() -> &'static aho_corasick::AhoCorasick {
    static RECORDS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(INSIGHTS)
                .expect("fixed markers")
        });
    &RECORDS
}

fn kind(item: &Item) -> Option<Kind> {
    let object_type = item
        .get("attributes")
        .and_then(|a| a.get("objectType"))
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase);
    match object_type.as_deref() {
        Some("servicerequest") => return Some(Kind::Request),
        Some("subscription") => return Some(Kind::Subscription),
        Some(_) => return None,
        None => {}
    }
    let has = |k: &str| item.get(k).is_some();
    if has("isTrial") || has("commitmentEndDate") || has("offerName") {
        Some(Kind::Subscription)
    } else if has("supportTopicName") || (has("severity") && has("status") && has("createdDate")) {
        Some(Kind::Request)
    } else {
        None
    }
}

/// A customer's entry, for messages: `["<customer>"]`.
struct Key<'a>(&'a str);

impl fmt::Display for Key<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[\"{}\"]", crate::text::sanitize(self.0))
    }
}

/// Where a record is, for messages: `["<customer>"].items[2]`.
struct At<'a>(&'a str, usize);

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "[\"{}\"].items[{}]",
            crate::text::sanitize(self.0),
            self.1
        )
    }
}

/// Reads a sidecar into the builder. `Ok(false)`: the text is not a sidecar after all.
pub fn read(path: &str, text: &str, builder: &mut Builder) -> Result<bool, ImportError> {
    let file = File::parse(text).map_err(|e| ImportError::Syntax {
        path: path.to_string(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    // One collection in a file named after its customer, or a map of customer → collection.
    let (mut not_collections, mut repeated) = (Vec::new(), Vec::new());
    let collections: Vec<(String, Vec<Item>)> = match file {
        File::One(list) => {
            // A bare collection names its customer by its file: <folder>/<customer-id>.json.
            let file = std::path::Path::new(path);
            let folder = file
                .parent()
                .and_then(|p| p.file_name())
                .map(|f| f.to_string_lossy().to_ascii_lowercase());
            if !matches!(folder.as_deref(), Some("servicerequests" | "subscriptions")) {
                let what = list.iter().find_map(kind).map_or("sidecar", |k| match k {
                    Kind::Request => "ServiceRequest",
                    Kind::Subscription => "Subscription",
                });
                return Err(ImportError::NotAnExport {
                    path: path.to_string(),
                    reason: format!(
                        "a collection of {what} records without its customer: put it in \
                         servicerequests/ or subscriptions/ as <customer-id>.json, or map customer \
                         ids to collections in one file"
                    ),
                });
            }
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            vec![(stem, list)]
        }
        File::ByCustomer {
            collections,
            not_collections: odd,
            repeated: twice,
        } => {
            (not_collections, repeated) = (odd, twice);
            collections
        }
    };
    let Some(first) = collections
        .iter()
        .find_map(|(_, list)| list.iter().find_map(kind))
    else {
        return Ok(false);
    };
    builder.set_format(match first {
        Kind::Request => Format::ServiceRequests,
        Kind::Subscription => Format::Subscriptions,
    });
    // A customer whose records cannot be read, or whose collection is given twice, is said
    // (its records would be missing silently); other keys are not customers.
    for key in not_collections
        .iter()
        .filter(|k| super::tenant_id(k).is_some())
    {
        builder.record(&Key(key), |_| {
            Err(bad(
                "items",
                "not a list of records (no items, Value or value list): this customer's records are not read",
            ))
        });
    }
    for key in &repeated {
        builder.record(&Key(key), |_| {
            Err(bad(
                "customer id",
                "given more than once in this file: only its last collection is read",
            ))
        });
    }
    for (customer, list) in collections {
        let customer = customer.trim().to_ascii_lowercase();
        builder.sidecar_customer(first, &customer);
        for (i, item) in list.iter().enumerate() {
            builder.record(&At(&customer, i), |b| match kind(item) {
                Some(Kind::Request) => b.add_request(&customer, request(item)?),
                Some(Kind::Subscription) => {
                    let (s, notes) = subscription(item)?;
                    // A malformed term leaves that term unknown; the subscription is kept.
                    for Bad { field, message } in notes {
                        let at = At(&customer, i);
                        b.warn(&at, Some(&field), message, Severity::Note);
                    }
                    b.add_subscription(&customer, s)
                }
                None => Err(bad(
                    "attributes.objectType",
                    "neither a ServiceRequest nor a Subscription",
                )),
            });
        }
    }
    Ok(true)
}

fn request(item: &Item) -> Result<ServiceRequest, Bad> {
    const STATUS: [(&str, RequestStatus); 4] = [
        ("none", RequestStatus::None),
        ("open", RequestStatus::Open),
        ("closed", RequestStatus::Closed),
        ("attention_needed", RequestStatus::AttentionNeeded),
    ];
    let status = enumeration(item, "status", &STATUS)?.unwrap_or(RequestStatus::None);
    Ok(ServiceRequest {
        status,
        created: timestamp(item, "createdDate")?,
    })
}

/// A subscription, and the notes about terms that were malformed (left unknown).
fn subscription(item: &Item) -> Result<(Subscription, Vec<Bad>), Bad> {
    const STATUS: [(&str, SubscriptionStatus); 5] = [
        ("none", SubscriptionStatus::None),
        ("active", SubscriptionStatus::Active),
        ("pending", SubscriptionStatus::Pending),
        ("suspended", SubscriptionStatus::Suspended),
        ("deleted", SubscriptionStatus::Deleted),
    ];
    let is_trial = boolean(item, "isTrial")?.unwrap_or(false);
    let quantity = match item.get("quantity") {
        None | Some(Value::Null) => 0,
        Some(v) => super::json::Scalar::Str(v.to_string().trim_matches('"').into())
            .count()
            .map_err(|m| bad("quantity", m))?
            .unwrap_or(0),
    };
    let offer = item
        .get("offerName")
        .or_else(|| item.get("friendlyName"))
        .and_then(Value::as_str)
        .unwrap_or("(unnamed offer)");
    let mut notes = Vec::new();
    // A malformed date is an unknown date, like the other terms: the subscription is kept.
    let commitment_end = keep(timestamp(item, "commitmentEndDate"), &mut notes);
    let terms = SubscriptionTerms {
        auto_renew: keep(boolean(item, "autoRenewEnabled"), &mut notes),
        term_months: keep(term(item), &mut notes),
        billing: keep(billing(item), &mut notes),
        reduce_until: keep(timestamp(item, "cancellationAllowedUntilDate"), &mut notes),
    };
    let subscription = Subscription {
        offer: Clean::new(offer),
        is_trial,
        status: enumeration(item, "status", &STATUS)?.unwrap_or(SubscriptionStatus::None),
        quantity,
        commitment_end,
        terms,
    };
    Ok((subscription, notes))
}

/// An optional term: the value, or unknown with a note when it is malformed.
fn keep<T>(read: Result<Option<T>, Bad>, notes: &mut Vec<Bad>) -> Option<T> {
    read.unwrap_or_else(|e| {
        notes.push(e);
        None
    })
}

/// `true`/`false`, as JSON booleans or text.
fn boolean(item: &Item, field: &'static str) -> Result<Option<bool>, Bad> {
    match item.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(Value::String(s)) if s.trim().eq_ignore_ascii_case("true") => Ok(Some(true)),
        Some(Value::String(s)) if s.trim().eq_ignore_ascii_case("false") => Ok(Some(false)),
        Some(other) => Err(bad(field, format!("expected true or false, found {other}"))),
    }
}

/// `termDuration`: an ISO 8601 duration in years and months (`P1M`, `P1Y`, `P3Y`, `P1Y6M`),
/// as months.
fn term(item: &Item) -> Result<Option<u32>, Bad> {
    const FIELD: &str = "termDuration";
    let raw = match item.get(FIELD) {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => return Ok(None),
        Some(Value::String(s)) => s.trim(),
        Some(other) => return Err(bad(FIELD, format!("expected a duration, found {other}"))),
    };
    parse_term(raw).map(Some).ok_or_else(|| {
        bad(
            FIELD,
            format!(
                "{} is not a term in years or months (P1M, P1Y, P3Y)",
                crate::text::quote(raw)
            ),
        )
    })
}

/// Months of an ISO 8601 duration made of years and months only; `None` otherwise.
pub(crate) fn parse_term(raw: &str) -> Option<u32> {
    let rest = raw.strip_prefix('P').or_else(|| raw.strip_prefix('p'))?;
    let (mut months, mut number, mut units) = (0u32, String::new(), 0);
    for c in rest.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let n: u32 = number.parse().ok()?;
        number.clear();
        months = months.checked_add(match c.to_ascii_uppercase() {
            'Y' => n.checked_mul(12)?,
            'M' => n,
            _ => return None,
        })?;
        units += 1;
    }
    (number.is_empty() && units > 0 && months > 0 && months <= 120).then_some(months)
}

/// `billingCycle`: monthly, annual, triennial, one_time (`none` and `unknown` say nothing).
fn billing(item: &Item) -> Result<Option<BillingCycle>, Bad> {
    const FIELD: &str = "billingCycle";
    let raw = match item.get(FIELD) {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) => s,
        Some(other) => return Err(bad(FIELD, format!("expected text, found {other}"))),
    };
    let key: String = raw
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    match key.as_str() {
        "" | "none" | "unknown" => Ok(None),
        "monthly" => Ok(Some(BillingCycle::Monthly)),
        "annual" | "yearly" => Ok(Some(BillingCycle::Annual)),
        "triennial" => Ok(Some(BillingCycle::Triennial)),
        "onetime" => Ok(Some(BillingCycle::OneTime)),
        _ => Err(bad(
            FIELD,
            format!("unknown value {}", crate::text::quote(raw)),
        )),
    }
}

/// An enum given as its name (any case, `attentionNeeded` too) or its position.
fn enumeration<T: Copy>(
    item: &Item,
    field: &'static str,
    values: &[(&str, T)],
) -> Result<Option<T>, Bad> {
    match item.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_u64()
            .and_then(|i| values.get(i as usize))
            .map(|(_, v)| Some(*v))
            .ok_or_else(|| bad(field, format!("unknown value {n}"))),
        Some(Value::String(s)) => {
            let key: String = s
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            values
                .iter()
                .find(|(name, _)| name.replace('_', "") == key)
                .map(|(_, v)| Some(*v))
                .ok_or_else(|| bad(field, format!("unknown value {}", crate::text::quote(s))))
        }
        Some(other) => Err(bad(
            field,
            format!("expected text or a number, found {other}"),
        )),
    }
}

fn timestamp(
    item: &Item,
    field: &'static str,
) -> Result<Option<crate::domain::model::Timestamp>, Bad> {
    match item.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => date::parse(s).map_err(|m| bad(field, m)),
        Some(other) => Err(bad(field, format!("expected a date, found {other}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::{HEAD, looks_like};

    fn records(n: usize, record: &str) -> String {
        vec![record; n].join(",")
    }

    #[test]
    fn an_export_is_told_by_its_first_records_and_a_sidecar_anywhere() {
        let usage = r#"{"customerId":"c","productName":"P","workloadCode":"EXO","licensesActive":3,"licensesQualified":4}"#;
        let many = HEAD / usage.len() + 10;
        let export = format!(r#"{{"items":[{}]}}"#, records(many, usage));
        assert!(!looks_like(&export));
        // A marker past the first records of an export does not make it a sidecar.
        let odd = format!(
            r#"{{"items":[{},{{"productName":"Subscription","licensesDeployed":1}}]}}"#,
            records(many, usage)
        );
        assert!(!looks_like(&odd));
        // A sidecar's first collections may be empty: its markers come late, and are found.
        let empty = r#""00000000-0000-0000-0000-000000000000":{"items":[]}"#;
        let late = format!(
            r#"{{{},"c":{{"items":[{{"isTrial":false,"quantity":3}}]}}}}"#,
            records(HEAD / empty.len() + 10, empty)
        );
        assert!(late.len() > HEAD && looks_like(&late));
        // A small sidecar, and a large text with neither kind of field at its start.
        assert!(looks_like(r#"{"c":{"items":[{"termDuration":"P1Y"}]}}"#));
        let plain = records(HEAD / 7 + 10, r#"{"a":1}"#);
        let other = format!(r#"[{plain},{{"supportTopicName":"x"}}]"#);
        assert!(other.len() > HEAD && looks_like(&other));
        assert!(!looks_like(&format!("[{plain}]")));
    }
}
