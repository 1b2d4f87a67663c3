//! The canonical model every importer produces. No I/O, no UI, no derived numbers
//! (those are in [`crate::domain::metrics`]).

use std::fmt;

use crate::text::Clean;
use chrono::{DateTime, Utc};

/// Partner Center states all its dates are UTC.
pub type Timestamp = DateTime<Utc>;

/// How far before the newest row of a source a row still belongs to the same processing run:
/// rows of one export differ by hours (and by time zone offsets), exports by a day or more.
pub const SAME_RUN: chrono::TimeDelta = chrono::TimeDelta::hours(23);

/// Everything loaded from one export (one or more files).
#[derive(Debug, Clone, Default)]
pub struct Portfolio {
    /// Sorted by folded name, then id.
    pub customers: Vec<Customer>,
    /// Partner-level insights (portfolio totals as Partner Center reports them).
    pub partner: PartnerTotals,
    /// The files that were read, in the order they were read.
    pub files: Vec<LoadedFile>,
    /// Rows that were skipped or repaired, with file, record and field.
    pub warnings: Vec<ImportWarning>,
}

impl PartnerTotals {
    /// Newest processed date of any row of `customers` and these totals.
    pub fn newest_with(&self, customers: &[Customer]) -> Option<Timestamp> {
        customers
            .iter()
            .filter_map(Customer::newest_as_of)
            .chain(self.deployment.iter().filter_map(|p| p.as_of))
            .chain(self.usage.iter().filter_map(|p| p.as_of))
            .max()
    }
}

impl Portfolio {
    /// How many warnings say a record was left out (the rest are notes).
    pub fn records_left_out(&self) -> usize {
        (self.warnings.iter())
            .filter(|w| w.severity == Severity::Skipped)
            .count()
    }

    /// Newest processed date of any row, deployment or usage.
    pub fn newest_as_of(&self) -> Option<Timestamp> {
        self.partner.newest_with(&self.customers)
    }

    /// Rows (deployment or usage, current or earlier) processed after `t`: how many, and the
    /// first one's customer and date. A processed date after the moment the data was read is
    /// impossible (a typo'd year, a wrong clock).
    pub fn dated_after(&self, t: Timestamp) -> Option<(usize, &Clean, Timestamp)> {
        dated_after(&self.customers, t)
    }

    /// Shifts every processed date by `delta` (used to keep the embedded demo's age realistic).
    pub fn shift_dates(&mut self, delta: chrono::TimeDelta) {
        let shift = |d: &mut Option<Timestamp>| {
            if let Some(t) = d {
                *t += delta;
            }
        };
        for c in &mut self.customers {
            for p in &mut c.products {
                if let Some(d) = &mut p.deployment {
                    shift(&mut d.as_of);
                }
                p.deployment_history
                    .iter_mut()
                    .for_each(|d| shift(&mut d.as_of));
                for w in &mut p.workloads {
                    shift(&mut w.as_of);
                    w.history.iter_mut().for_each(|h| h.as_of += delta);
                }
            }
            c.history.iter_mut().for_each(|s| shift(&mut s.as_of));
            for r in c.support.iter_mut().flatten() {
                shift(&mut r.created);
            }
            for s in c.subscriptions.iter_mut().flatten() {
                shift(&mut s.commitment_end);
                shift(&mut s.terms.reduce_until);
            }
        }
        self.partner
            .deployment
            .iter_mut()
            .for_each(|p| shift(&mut p.as_of));
        self.partner
            .usage
            .iter_mut()
            .for_each(|p| shift(&mut p.as_of));
    }
}

/// [`Portfolio::dated_after`] over some customers (a portfolio read a part at a time).
pub fn dated_after(customers: &[Customer], t: Timestamp) -> Option<(usize, &Clean, Timestamp)> {
    let mut found: Option<(usize, &Clean, Timestamp)> = None;
    for c in customers {
        for p in &c.products {
            let deployment = p
                .deployment
                .iter()
                .chain(&p.deployment_history)
                .filter_map(|d| d.as_of);
            let usage = p
                .workloads
                .iter()
                .chain(&p.past_workloads)
                .flat_map(|w| w.as_of.into_iter().chain(w.history.iter().map(|h| h.as_of)));
            for d in deployment.chain(usage).filter(|d| *d > t) {
                match &mut found {
                    Some((n, _, _)) => *n += 1,
                    None => found = Some((1, &c.name, d)),
                }
            }
        }
    }
    found
}

/// One customer (tenant).
#[derive(Debug, Clone, PartialEq)]
pub struct Customer {
    /// Customer / tenant id, lower-cased; absent in some exports (then the name is the key).
    pub id: Option<Clean>,
    pub name: Clean,
    /// Tenant domain (`contoso.onmicrosoft.com`), where an export carries one.
    pub domain: Option<Clean>,
    pub products: Vec<Product>,
    /// Customer-level sums from older snapshots, oldest first.
    pub history: Vec<Sums>,
    /// Service requests, when a service-request sidecar was loaded.
    pub support: Option<Vec<ServiceRequest>>,
    /// Subscriptions, when a subscriptions sidecar was loaded.
    pub subscriptions: Option<Vec<Subscription>>,
    /// Microsoft Graph data of the tenant (issue 14), when its folder was read.
    pub graph: Option<std::sync::Arc<crate::domain::graph::Tenant>>,
}

/// One support ticket (Partner Center `ServiceRequest`).
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceRequest {
    pub status: RequestStatus,
    pub created: Option<Timestamp>,
}

/// `ServiceRequest.status`: strings or, as the documented example shows, integers in enum order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestStatus {
    None,
    Open,
    Closed,
    AttentionNeeded,
}

impl RequestStatus {
    /// Open or waiting for the customer: still a load on support.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Open | Self::AttentionNeeded)
    }
}

/// One subscription (Partner Center `Subscription`).
#[derive(Debug, Clone, PartialEq)]
pub struct Subscription {
    pub offer: Clean,
    pub is_trial: bool,
    pub status: SubscriptionStatus,
    pub quantity: u64,
    /// `commitmentEndDate`: the renewal date (a trial's end for a trial).
    pub commitment_end: Option<Timestamp>,
    /// The renewal terms; each `None` where the sidecar lacks the field.
    pub terms: SubscriptionTerms,
}

/// A subscription's renewal terms (Partner Center `Subscription`, new commerce).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SubscriptionTerms {
    /// `autoRenewEnabled`.
    pub auto_renew: Option<bool>,
    /// `termDuration` in months (`P1M` 1, `P1Y` 12, `P3Y` 36).
    pub term_months: Option<u32>,
    /// `billingCycle`.
    pub billing: Option<BillingCycle>,
    /// `cancellationAllowedUntilDate`: until then seats can be reduced (the new-commerce
    /// window after a purchase or renewal).
    pub reduce_until: Option<Timestamp>,
}

/// `Subscription.billingCycle`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BillingCycle {
    Monthly,
    Annual,
    Triennial,
    OneTime,
}

/// `Subscription.status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubscriptionStatus {
    None,
    Active,
    Pending,
    Suspended,
    Deleted,
}

impl SubscriptionStatus {
    /// Active or about to be: counts for trials and renewals.
    pub fn is_live(self) -> bool {
        matches!(self, Self::Active | Self::Pending)
    }
}

/// A customer's deployment and usage sums at one time (as the roll-up rules count them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Sums {
    /// The newest processed date of the customer's rows at that time.
    #[serde(deserialize_with = "stamp::deserialize")]
    pub as_of: Option<Timestamp>,
    pub assigned: u64,
    pub sold: u64,
    pub active: u64,
    pub qualified: u64,
    /// The processed date of the usage figure: Partner Center processes usage and deployment
    /// on different days, and a usage change is quoted "since" this date. `None` where it is
    /// not known (a roll-up written by an uptake before 2026-12), read as `as_of`.
    #[serde(deserialize_with = "stamp::deserialize")]
    pub usage_as_of: Option<Timestamp>,
}

impl Customer {
    /// A customer with products and nothing else known yet (no history, no sidecars).
    pub fn new(id: Option<Clean>, name: Clean, products: Vec<Product>) -> Self {
        Self {
            id,
            name,
            domain: None,
            products,
            history: Vec::new(),
            support: None,
            subscriptions: None,
            graph: None,
        }
    }

    /// The id when there is one, else the name: what `show` matches and prints.
    pub fn key(&self) -> &str {
        self.id.as_ref().unwrap_or(&self.name).as_str()
    }

    /// Processed date of the newest deployment row.
    pub fn deployment_as_of(&self) -> Option<Timestamp> {
        self.products
            .iter()
            .filter_map(|p| p.deployment.as_ref()?.as_of)
            .max()
    }

    /// Processed date of the newest usage row.
    pub fn usage_as_of(&self) -> Option<Timestamp> {
        self.products
            .iter()
            .flat_map(|p| &p.workloads)
            .filter_map(|w| w.as_of)
            .max()
    }

    pub fn newest_as_of(&self) -> Option<Timestamp> {
        self.deployment_as_of().max(self.usage_as_of())
    }

    /// The live trial subscriptions (subscriptions sidecar).
    pub fn live_trials(&self) -> impl Iterator<Item = &Subscription> {
        self.subscriptions
            .iter()
            .flatten()
            .filter(|s| s.is_trial && s.status.is_live())
    }

    /// What identifies the customer across snapshots: the id, else the folded name.
    pub fn history_key(&self) -> CustomerKey {
        match &self.id {
            Some(id) => CustomerKey::id(id.as_str()),
            None => CustomerKey::name(self.name.as_str()),
        }
    }

    /// Whether `key` is [`history_key`](Self::history_key)'s text (no key built for a customer
    /// with an id).
    pub fn has_history_key(&self, key: &str) -> bool {
        match &self.id {
            Some(id) => id.as_str() == key,
            None => self.history_key().as_str() == key,
        }
    }
}

/// What identifies a customer across files and snapshots: its id, else its folded name (case
/// and accents do not count). Written to roll-ups and `history.bin` as the text it holds, the
/// id or `name:` and the folded name, as a plain string always was.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct CustomerKey(String);

impl CustomerKey {
    /// The key of a customer with this id (taken as it is: the caller normalises it).
    pub fn id(id: &str) -> Self {
        Self(id.to_string())
    }

    /// The key of a customer known only by this name.
    pub fn name(name: &str) -> Self {
        Self(format!("name:{}", crate::text::fold(name)))
    }

    /// The key as it is written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Looked up by the text it holds (a roll-up's keys are read borrowed from its bytes).
impl std::borrow::Borrow<str> for CustomerKey {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CustomerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A product (license / plan) a customer holds, e.g. `MICROSOFT 365 E3`.
#[derive(Debug, Clone, PartialEq)]
pub struct Product {
    /// Product GUID (commercial analytics only).
    pub id: Option<Clean>,
    pub name: Clean,
    pub service: Service,
    pub channel: Option<Clean>,
    /// `None` when the export had usage rows for this product but no deployment row.
    pub deployment: Option<Deployment>,
    pub workloads: Vec<Workload>,
    /// Earlier deployment records (older months or processing dates), oldest first.
    pub deployment_history: Vec<Deployment>,
    /// Workloads with usage at earlier dates only (absent from the newest usage date of their
    /// service): history, never part of the current figures.
    pub past_workloads: Vec<Workload>,
}

impl Product {
    /// The product has no row of the newest date of its sources, only earlier ones: it is
    /// not in the latest data.
    pub fn is_past(&self) -> bool {
        self.deployment.is_none()
            && self.workloads.is_empty()
            && (!self.deployment_history.is_empty() || !self.past_workloads.is_empty())
    }

    /// The newest date of the product's earlier rows (when it was last seen).
    pub fn last_seen(&self) -> Option<Timestamp> {
        let deployment = self.deployment_history.iter().filter_map(|d| d.as_of);
        let usage = self.past_workloads.iter().filter_map(|w| w.as_of);
        deployment.chain(usage).max()
    }
}

/// Deployment counts of one product. Totals include licenses bought from other partners or
/// directly from Microsoft: never call `sold` "sold by you".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Deployment {
    pub sold: u64,
    /// "Deployed" in Partner Center's words.
    pub assigned: u64,
    /// The API's own "adjusted" percentage: kept for debugging, never used for logic.
    pub reported_percent: Option<f64>,
    pub as_of: Option<Timestamp>,
}

/// Usage of one workload of one product in the last 28 days.
#[derive(Debug, Clone, PartialEq)]
pub struct Workload {
    /// `EXO`, `SPO`, `SFB`, … (often absent).
    pub code: Option<Clean>,
    pub name: Clean,
    /// Entitlements used in the last 28 calendar days.
    pub active: u64,
    /// Total (qualified) entitlements.
    pub qualified: u64,
    pub reported_percent: Option<f64>,
    pub as_of: Option<Timestamp>,
    /// Earlier usage of this workload (older months or processing dates), oldest first.
    pub history: Vec<UsagePoint>,
}

/// Usage of a workload at an earlier date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UsagePoint {
    pub as_of: Timestamp,
    pub active: u64,
    pub qualified: u64,
}

/// The service a product belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Service {
    Office365,
    Dynamics365,
    Other(Clean),
    Unknown,
}

impl Service {
    /// Maps `serviceCode` / `serviceName` values (`o365`, `Microsoft Office 365`, `crm`, …).
    pub fn parse(raw: &str) -> Self {
        let folded = crate::text::fold(raw.trim());
        match folded.as_str() {
            "" => Self::Unknown,
            "o365" | "office 365" | "microsoft office 365" | "microsoft 365" | "m365" => {
                Self::Office365
            }
            "crm"
            | "dynamics"
            | "dynamics 365"
            | "microsoft dynamics"
            | "microsoft dynamics 365"
            | "d365" => Self::Dynamics365,
            _ => Self::Other(Clean::new(raw)),
        }
    }

    /// Stable short code for JSON and CSV (`o365`, `crm`, or the raw value).
    pub fn code(&self) -> &str {
        match self {
            Self::Office365 => "o365",
            Self::Dynamics365 => "crm",
            Self::Other(s) => s.as_str(),
            Self::Unknown => "",
        }
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Office365 => f.write_str("Office 365"),
            Self::Dynamics365 => f.write_str("Dynamics 365"),
            Self::Other(s) => f.write_str(s.as_str()),
            Self::Unknown => f.write_str("—"),
        }
    }
}

/// Partner-level insights: Partner Center's own portfolio totals per service / workload.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PartnerTotals {
    pub deployment: Vec<PartnerDeployment>,
    pub usage: Vec<PartnerUsage>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PartnerDeployment {
    pub service: Service,
    pub sold: Option<u64>,
    /// `proratedDeploymentPercent`, scale undocumented: displayed as reported, never computed on.
    pub reported_percent: Option<f64>,
    pub as_of: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PartnerUsage {
    pub service: Service,
    pub workload: Clean,
    pub reported_percent: Option<f64>,
    pub as_of: Option<Timestamp>,
}

/// The recognised shape of an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Partner Center REST v1 insights collection (`items`).
    InsightsV1,
    /// Partner Center commercial analytics (`Value`).
    Commercial,
    /// A bare JSON array of insight rows.
    JsonRows,
    /// A Partner Center Insights download (CSV or TSV).
    InsightsCsv(Dataset),
    /// Service requests per customer (sidecar).
    ServiceRequests,
    /// Subscriptions per customer (sidecar).
    Subscriptions,
    /// Microsoft Graph `subscribedSkus` (JSON).
    GraphSkus,
    /// Microsoft Graph active-user-detail report (CSV).
    GraphActiveUsers,
    /// Microsoft Graph Microsoft 365 Apps user detail (CSV; recognised, not used).
    GraphAppUsers,
    /// Microsoft Graph services user counts (CSV; recognised, not used).
    GraphServiceCounts,
}

/// The Insights download datasets uptake reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dataset {
    OfficeUsage,
    DynamicsUsage,
    PowerBiUsage,
    EmsUsage,
    SeatsSubscriptionsAndRevenue,
    CustomersAndTenants,
}

impl fmt::Display for Dataset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::OfficeUsage => "OfficeUsage",
            Self::DynamicsUsage => "DynamicsUsage",
            Self::PowerBiUsage => "PowerBIUsage",
            Self::EmsUsage => "EMSUsage",
            Self::SeatsSubscriptionsAndRevenue => "SeatsSubscriptionsAndRevenue",
            Self::CustomersAndTenants => "CustomersAndTenants",
        })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::InsightsV1 => "Partner Center insights JSON (v1)",
            Self::Commercial => "Partner Center commercial analytics JSON",
            Self::JsonRows => "JSON insight rows",
            Self::InsightsCsv(d) => return write!(f, "Partner Center Insights download ({d})"),
            Self::ServiceRequests => "service requests (sidecar)",
            Self::Subscriptions => "subscriptions (sidecar)",
            Self::GraphSkus => "Microsoft Graph subscribedSkus",
            Self::GraphActiveUsers => "Microsoft Graph active users detail",
            Self::GraphAppUsers => "Microsoft Graph Microsoft 365 Apps user detail",
            Self::GraphServiceCounts => "Microsoft Graph services user counts",
        })
    }
}

/// One file that was read.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedFile {
    pub path: String,
    pub format: Format,
    pub rows: usize,
    pub skipped: usize,
    /// The file's newest record dated after the day it was read, if any: what the warning on
    /// rows dated in the future names (`import::future_dated`).
    pub future: Option<Dated>,
}

/// A record by its date: where it is in its file, and the field its date is in.
#[derive(Debug, Clone, PartialEq)]
pub struct Dated {
    pub at: Timestamp,
    /// 1-based record number and its place (`items[2]`, `line 3`).
    pub record: (usize, String),
    pub field: String,
    /// How many of the file's records were dated after the day it was read.
    pub rows: usize,
    /// The date they count at: the newest of the file's other records (`redate_future` in
    /// the builder); `None` when the file has no other date: they count as dated.
    pub counted_as: Option<Timestamp>,
}

/// How bad a warning is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The record was left out.
    Skipped,
    /// The record was kept; something about it is worth knowing.
    Note,
}

/// A problem with one record of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportWarning {
    pub file: String,
    /// 1-based record number and its JSON path (`items[2]`).
    pub record: Option<(usize, String)>,
    pub field: Option<String>,
    pub message: String,
    pub severity: Severity,
}

/// Reads an optional RFC 3339 date as chrono writes it, fast (a stored roll-up holds two per
/// customer and snapshot).
pub(crate) use stamp::deserialize as deserialize_stamp;

/// Reading back the dates serde wrote through chrono (`2025-06-14T03:25:16.360Z`): that form by
/// hand, anything else as chrono reads it. Two years of history are millions of such dates.
mod stamp {
    use super::Timestamp;

    /// `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, as chrono writes a UTC time.
    pub(super) fn fast(s: &str) -> Option<Timestamp> {
        let b = s.as_bytes();
        if b.len() < 20
            || b[4] != b'-'
            || b[7] != b'-'
            || b[10] != b'T'
            || b[13] != b':'
            || b[16] != b':'
            || b[b.len() - 1] != b'Z'
        {
            return None;
        }
        let num = |d: &[u8]| {
            d.iter().try_fold(0u32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })
        };
        let date = chrono::NaiveDate::from_ymd_opt(
            i32::try_from(num(&b[0..4])?).ok()?,
            num(&b[5..7])?,
            num(&b[8..10])?,
        )?;
        let nanos = match &b[19..b.len() - 1] {
            [] => 0,
            [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
                num(digits)? * 10u32.pow(9 - digits.len() as u32)
            }
            _ => return None,
        };
        let time = chrono::NaiveTime::from_hms_nano_opt(
            num(&b[11..13])?,
            num(&b[14..16])?,
            num(&b[17..19])?,
            nanos,
        )?;
        Some(date.and_time(time).and_utc())
    }

    struct Visitor;

    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Option<Timestamp>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an RFC 3339 date or nothing")
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_str(Visitor)
        }

        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
            match fast(s) {
                Some(t) => Ok(Some(t)),
                None => s.parse::<Timestamp>().map(Some).map_err(E::custom),
            }
        }
    }

    pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Timestamp>, D::Error> {
        d.deserialize_option(Visitor)
    }

    #[cfg(test)]
    mod tests {
        proptest::proptest! {
            /// The form chrono writes reads by hand as chrono reads it (no fallback needed).
            #[test]
            fn the_written_form_reads_by_hand(
                secs in 631_152_000i64..7_258_118_400,
                nanos in 0u32..1_000_000_000,
            ) {
                for nanos in [0, nanos - nanos % 1_000_000, nanos] {
                    let t = chrono::DateTime::from_timestamp(secs, nanos).unwrap();
                    let written = serde_json::to_string(&t).unwrap();
                    proptest::prop_assert_eq!(super::fast(written.trim_matches('"')), Some(t));
                }
            }
        }
    }
}
