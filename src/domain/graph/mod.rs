//! Microsoft Graph per-tenant data (issue 14): licenses from `subscribedSkus` and licensed users
//! from the active-user-detail report, with the rules that turn them into counts.
//!
//! Rules (the seed's, not Microsoft's): a user is active in a workload when licensed for it and
//! its last activity lies within the 28 days ending at the report refresh date (refresh − last
//! ≤ 27 days); inactive when licensed for at least one workload and active in none. Deleted users
//! count nowhere. OneDrive counts with SharePoint, as Partner Center does.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::text::Clean;

mod days;
mod settle;

/// Days before the refresh date that still count as active (28 days ending at the refresh date).
pub const ACTIVE_DAYS: i64 = 27;

/// A workload column group of the active-user-detail report, in the report's column order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Workload {
    Exchange,
    OneDrive,
    SharePoint,
    SkypeForBusiness,
    Yammer,
    Teams,
}

impl Workload {
    pub const ALL: [Self; 6] = [
        Self::Exchange,
        Self::OneDrive,
        Self::SharePoint,
        Self::SkypeForBusiness,
        Self::Yammer,
        Self::Teams,
    ];

    /// The workloads as counted (OneDrive merged into SharePoint), as Partner Center names them.
    pub const COUNTED: [Self; 5] = [
        Self::Exchange,
        Self::SharePoint,
        Self::Teams,
        Self::SkypeForBusiness,
        Self::Yammer,
    ];

    /// The name in the report's headers (`Has <name> License`).
    pub fn report_name(self) -> &'static str {
        match self {
            Self::Exchange => "Exchange",
            Self::OneDrive => "OneDrive",
            Self::SharePoint => "SharePoint",
            Self::SkypeForBusiness => "Skype For Business",
            Self::Yammer => "Yammer",
            Self::Teams => "Teams",
        }
    }

    /// A stable key for JSON and CSV (`exchange`, `onedrive`, …).
    pub fn code(self) -> &'static str {
        match self {
            Self::Exchange => "exchange",
            Self::OneDrive => "onedrive",
            Self::SharePoint => "sharepoint",
            Self::SkypeForBusiness => "skype_for_business",
            Self::Yammer => "yammer",
            Self::Teams => "teams",
        }
    }

    /// The report columns this counted workload covers (SharePoint takes OneDrive's too).
    fn columns(self) -> &'static [Self] {
        match self {
            Self::SharePoint | Self::OneDrive => &[Self::SharePoint, Self::OneDrive],
            Self::Exchange => &[Self::Exchange],
            Self::SkypeForBusiness => &[Self::SkypeForBusiness],
            Self::Yammer => &[Self::Yammer],
            Self::Teams => &[Self::Teams],
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One row of the active-user-detail report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub upn: Clean,
    pub display_name: Clean,
    pub deleted: bool,
    /// `Has <W> License`, in [`Workload::ALL`] order.
    pub licensed: [bool; 6],
    /// `<W> Last Activity Date` (empty: no activity).
    #[serde(serialize_with = "days::serialize")]
    pub last: [Option<NaiveDate>; 6],
    /// `<W> License Assign Date`.
    #[serde(serialize_with = "days::serialize")]
    pub assigned: [Option<NaiveDate>; 6],
    /// `Assigned Products` (display names, as the report writes them).
    pub products: Vec<Clean>,
}

/// The status of a subscribed SKU (`capabilityStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SkuStatus {
    Enabled,
    Warning,
    Suspended,
    Deleted,
    LockedOut,
    Other,
}

impl SkuStatus {
    pub fn parse(raw: &str) -> Self {
        match raw.trim() {
            "Enabled" => Self::Enabled,
            "Warning" => Self::Warning,
            "Suspended" => Self::Suspended,
            "Deleted" => Self::Deleted,
            "LockedOut" => Self::LockedOut,
            _ => Self::Other,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Enabled => "enabled",
            Self::Warning => "warning",
            Self::Suspended => "suspended",
            Self::Deleted => "deleted",
            Self::LockedOut => "locked_out",
            Self::Other => "other",
        }
    }
}

/// One subscribed SKU of a tenant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sku {
    pub part_number: Clean,
    pub sku_id: Clean,
    /// `appliesTo = User`: only those are assignable.
    pub for_users: bool,
    pub status: SkuStatus,
    pub consumed: u64,
    pub enabled: u64,
    pub warning: u64,
    pub suspended: u64,
    pub locked_out: u64,
}

/// Free and self-service SKUs Microsoft grants by the thousand (FLOW_FREE has 10 000 units):
/// counted, they would drown the licenses a customer pays for.
const FREE_SKUS: [&str; 10] = [
    "FLOW_FREE",
    "TEAMS_EXPLORATORY",
    "POWER_BI_STANDARD",
    "POWERAPPS_VIRAL",
    "POWERAPPS_DEV",
    "CCIBOTS_PRIVPREV_VIRAL",
    "WINDOWS_STORE",
    "STREAM",
    "RIGHTSMANAGEMENT_ADHOC",
    "TEAMS_FREE",
];

impl Sku {
    /// A free or self-service SKU (see [`FREE_SKUS`]; also any part number ending `_FREE` or
    /// `_VIRAL`).
    pub fn is_free(&self) -> bool {
        let p = self.part_number.as_str().to_ascii_uppercase();
        FREE_SKUS.contains(&p.as_str()) || p.ends_with("_FREE") || p.ends_with("_VIRAL")
    }

    /// Licenses sold: enabled plus those in their grace period.
    pub fn sold(&self) -> u64 {
        self.enabled + self.warning
    }
}

/// What Graph files say about one tenant.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tenant {
    /// The tenant id (lower-case GUID).
    pub id: Clean,
    /// `accountName` of the SKUs (the tenant's organisation name).
    pub account: Option<Clean>,
    /// `subscribedSkus`, when that file was read.
    pub skus: Option<Vec<Sku>>,
    /// The active-user-detail report, when its rows are in memory (read from the files, or
    /// loaded on demand): its refresh date and rows (deleted included). The snapshot index
    /// keeps the figures below instead and leaves the rows out, so opening a portfolio never
    /// decodes a user; [`Tenant::report_file`] says where they are read from.
    #[serde(skip)]
    pub report: Option<Report>,
    /// The file the report was read from (in a snapshot: its path inside the snapshot folder
    /// until the index resolves it).
    pub report_file: Option<String>,
    /// The figures of the report and the SKUs, kept by [`Tenant::settle`].
    pub settled: Option<Settled>,
}

/// What a tenant keeps of its users once settled: the figures, and one reclaim key per user.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Settled {
    pub summary: Summary,
    /// Per user that could ever be reclaimed: its age in days (since the last activity, or for
    /// a user never active since the oldest license assignment) and its products as a bit set
    /// over `products`.
    pub reclaim: Vec<(u32, u64)>,
    /// The products the users hold (at most 64 named in the bit sets).
    pub products: Vec<Clean>,
    /// A checksum of the report's rows: the rows read again must be these (see
    /// [`settle::fingerprint`]).
    pub rows: u32,
}

/// Users whose licenses could be reclaimed at a threshold.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reclaim {
    pub users: u64,
    /// Their products, counted once per user holding one (at least one per user).
    pub licenses: u64,
    /// The products, most held first (name, users).
    pub products: Vec<(Clean, u64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub refresh: NaiveDate,
    pub users: Vec<User>,
}

impl User {
    fn licensed_for(&self, w: Workload) -> bool {
        w.columns().iter().any(|c| self.licensed[c.index()])
    }

    /// Licensed for at least one workload (and not deleted): a user the lists and counts show.
    pub fn counts(&self) -> bool {
        !self.deleted && self.licensed.iter().any(|l| *l)
    }

    /// The latest activity in a counted workload (OneDrive with SharePoint), among the columns
    /// the user is licensed for.
    pub fn last_in(&self, w: Workload) -> Option<NaiveDate> {
        w.columns()
            .iter()
            .filter(|c| self.licensed[c.index()])
            .filter_map(|c| self.last[c.index()])
            .max()
    }

    /// Active in `w` on `refresh` (the 28-day rule).
    pub fn active_in(&self, w: Workload, refresh: NaiveDate) -> bool {
        self.licensed_for(w) && self.last_in(w).is_some_and(|d| is_active(d, refresh))
    }

    /// Latest activity in any licensed workload.
    pub fn last_any(&self) -> Option<NaiveDate> {
        Workload::ALL
            .iter()
            .filter(|w| self.licensed[w.index()])
            .filter_map(|w| self.last[w.index()])
            .max()
    }

    /// Days from the latest activity to the refresh date (`None`: never active).
    pub fn days_inactive(&self, refresh: NaiveDate) -> Option<i64> {
        self.last_any().map(|d| (refresh - d).num_days().max(0))
    }

    /// Active in no licensed workload (the 28-day rule), licensed for one at least.
    pub fn inactive(&self, refresh: NaiveDate) -> bool {
        self.counts() && !self.last_any().is_some_and(|d| is_active(d, refresh))
    }

    /// Inactive in every licensed workload for at least `days` days: the latest activity
    /// `days` or more days before the refresh date, or never active with the license that old.
    /// The same rule as [`User::reclaimable`], so the users list filtered at N days and the
    /// reclaim suggestion at N days count the same users.
    pub fn inactive_for(&self, days: i64, refresh: NaiveDate) -> bool {
        self.reclaimable(days, refresh)
    }

    /// A license to reclaim at `days`: inactive that long, or never active with its oldest
    /// license assigned at least `days` before the refresh date.
    pub fn reclaimable(&self, days: i64, refresh: NaiveDate) -> bool {
        self.reclaim_age(refresh).is_some_and(|age| age >= days)
    }

    /// The days that count for reclaiming: since the latest activity, or for a user never
    /// active since the oldest license assignment (`None`: not licensed, deleted, or never
    /// active with no assign date).
    pub fn reclaim_age(&self, refresh: NaiveDate) -> Option<i64> {
        if !self.counts() {
            return None;
        }
        self.days_inactive(refresh).or_else(|| {
            self.assigned
                .iter()
                .zip(self.licensed)
                .filter(|(_, l)| *l)
                .filter_map(|(a, _)| *a)
                .min()
                .map(|a| (refresh - a).num_days())
        })
    }

    /// Names hidden by the tenant's report setting: the UPN is 32 hex digits (either case).
    pub fn concealed(&self) -> bool {
        is_concealed(self.upn.as_str())
    }
}

/// The 28-day rule: `last` within the 28 days ending at `refresh`.
pub fn is_active(last: NaiveDate, refresh: NaiveDate) -> bool {
    (refresh - last).num_days() <= ACTIVE_DAYS
}

/// A concealed (de-identified) name: 32 hexadecimal characters (an MD5 hash).
pub fn is_concealed(name: &str) -> bool {
    // Either case: the reports write upper case, a re-saved file may not.
    name.len() == 32 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Entitlements and active users of one counted workload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct WorkloadCount {
    pub workload: Option<Workload>,
    /// Users licensed for the workload, not deleted.
    pub entitled: u64,
    /// Of those, active under the 28-day rule.
    pub active: u64,
}

/// Per-tenant figures, small enough to keep with every customer.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Summary {
    pub refresh: Option<NaiveDate>,
    /// Per counted workload (only those with entitlements).
    pub workloads: Vec<WorkloadCount>,
    /// Users with a license, not deleted.
    pub licensed_users: u64,
    /// Of those, active in no workload.
    pub inactive_users: u64,
    /// Of the users, how many have concealed names.
    pub concealed_users: u64,
    /// Assignable SKUs (`appliesTo = User`), free ones left out: sold (enabled + warning) and
    /// assigned (consumed).
    pub sold: u64,
    pub assigned: u64,
    /// Free or self-service SKUs left out of `sold` and `assigned`.
    pub free_skus: u64,
}

impl Tenant {
    /// Users the lists show: licensed, not deleted.
    pub fn users(&self) -> impl Iterator<Item = &User> {
        self.report
            .iter()
            .flat_map(|r| r.users.iter())
            .filter(|u| u.counts())
    }

    /// The report's refresh date.
    pub fn refresh(&self) -> Option<NaiveDate> {
        self.report
            .as_ref()
            .map(|r| r.refresh)
            .or_else(|| self.settled.as_ref()?.summary.refresh)
    }

    /// Any user name concealed.
    pub fn concealed(&self) -> bool {
        self.summary().concealed_users > 0
    }

    /// Whether the report's rows are in memory (else [`Tenant::report_file`] has them).
    pub fn users_loaded(&self) -> bool {
        self.report.is_some()
    }

    /// Keeps the figures and reclaim keys (once the report and SKUs are read), so that the
    /// rows can be left out of the snapshot index.
    pub fn settle(&mut self) {
        // The rows were let go: only the SKUs' figures can have changed since.
        if self.report.is_none()
            && let Some(s) = &mut self.settled
        {
            (s.summary.sold, s.summary.assigned, s.summary.free_skus) = (0, 0, 0);
            settle::count_skus(self.skus.as_deref(), &mut s.summary);
            return;
        }
        let summary = self.count();
        let mut products: Vec<Clean> = self
            .users()
            .flat_map(|u| u.products.iter().cloned())
            .collect();
        products.sort();
        products.dedup();
        let mut reclaim = Vec::new();
        if let Some(refresh) = self.refresh() {
            for u in self.users() {
                let Some(age) = u.reclaim_age(refresh) else {
                    continue;
                };
                let mask = u
                    .products
                    .iter()
                    .filter_map(|p| products.binary_search(p).ok())
                    .filter(|i| *i < 64)
                    .fold(0u64, |m, i| m | (1 << i));
                reclaim.push((u32::try_from(age.max(0)).unwrap_or(u32::MAX), mask));
            }
        }
        let rows = self
            .report
            .as_ref()
            .map_or(0, |r| settle::fingerprint(&r.users));
        self.settled = Some(Settled {
            summary,
            reclaim,
            products,
            rows,
        });
    }

    /// Settles the tenant and lets its rows go: they are read again from
    /// [`Tenant::report_file`] when shown (`load::tenant_users`).
    pub fn let_go(&mut self) {
        if self.report_file.is_some() {
            self.settle();
            self.report = None;
        }
    }

    /// The figures of [`Summary`]: counted from the rows when they are in memory, else those
    /// kept by [`Tenant::settle`].
    pub fn summary(&self) -> Summary {
        match (&self.report, &self.settled) {
            (None, Some(s)) => s.summary.clone(),
            _ => self.count(),
        }
    }

    /// Licensed users inactive in every workload under the 28-day rule, counted as the users
    /// list's filter counts them (a user never active: once the license is 28 days old).
    pub fn inactive_count(&self) -> u64 {
        self.reclaim(ACTIVE_DAYS + 1).users
    }

    /// Users whose licenses could be reclaimed at `days`, from the reclaim keys (or the rows,
    /// when the tenant was never settled).
    pub fn reclaim(&self, days: i64) -> Reclaim {
        let mut out = Reclaim::default();
        let mut held: std::collections::BTreeMap<Clean, u64> = std::collections::BTreeMap::new();
        match &self.settled {
            Some(s) => {
                for (_, mask) in s.reclaim.iter().filter(|(age, _)| i64::from(*age) >= days) {
                    out.users += 1;
                    out.licenses += u64::from(mask.count_ones()).max(1);
                    for (i, p) in s.products.iter().enumerate().take(64) {
                        if mask & (1 << i) != 0 {
                            *held.entry(p.clone()).or_default() += 1;
                        }
                    }
                }
            }
            None => {
                for u in self.reclaimable(days) {
                    out.users += 1;
                    out.licenses += u.products.len().max(1) as u64;
                    for p in &u.products {
                        *held.entry(p.clone()).or_default() += 1;
                    }
                }
            }
        }
        out.products = held.into_iter().collect();
        out.products
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    fn count(&self) -> Summary {
        let mut s = Summary {
            refresh: self.refresh(),
            ..Summary::default()
        };
        if let Some(r) = &self.report {
            for w in Workload::COUNTED {
                let mut c = WorkloadCount {
                    workload: Some(w),
                    ..WorkloadCount::default()
                };
                for u in r.users.iter().filter(|u| !u.deleted && u.licensed_for(w)) {
                    c.entitled += 1;
                    c.active += u64::from(u.active_in(w, r.refresh));
                }
                if c.entitled > 0 {
                    s.workloads.push(c);
                }
            }
            for u in self.users() {
                s.licensed_users += 1;
                s.inactive_users += u64::from(u.inactive(r.refresh));
                s.concealed_users += u64::from(u.concealed());
            }
        }
        settle::count_skus(self.skus.as_deref(), &mut s);
        s
    }

    /// Users whose licenses could be reclaimed at `days` (see [`User::reclaimable`]).
    pub fn reclaimable(&self, days: i64) -> Vec<&User> {
        let Some(refresh) = self.refresh() else {
            return Vec::new();
        };
        self.users()
            .filter(|u| u.reclaimable(days, refresh))
            .collect()
    }
}

/// A gauge's two sources may differ by this many points before the explanation says so.
pub const DISAGREE_POINTS: f64 = 10.0;

/// Which source is current for a customer with both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Current {
    PartnerCenter,
    Graph,
}

/// The newest source is current: Graph when its report is newer than Partner Center's data,
/// Partner Center on the same day (the customer's own reference) or when Graph has no date.
pub fn current_source(partner: Option<NaiveDate>, graph: Option<NaiveDate>) -> Option<Current> {
    match (partner, graph) {
        (None, None) => None,
        (Some(_), None) => Some(Current::PartnerCenter),
        (None, Some(_)) => Some(Current::Graph),
        (Some(p), Some(g)) if g > p => Some(Current::Graph),
        (Some(_), Some(_)) => Some(Current::PartnerCenter),
    }
}

/// The points between two percentages when they are more than [`DISAGREE_POINTS`] apart.
pub fn disagreement(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    let d = (a? - b?).abs();
    (d > DISAGREE_POINTS).then_some(d)
}

/// Partner Center's usage of a workload (by name, as the report names it: `Exchange`,
/// `SharePoint`, `Teams`, …) over the customer's current products: active and entitlements.
pub fn partner_workload(c: &crate::domain::model::Customer, w: Workload) -> (u64, u64) {
    let name = crate::text::fold(w.report_name());
    c.products
        .iter()
        .filter(|p| !p.is_past())
        .flat_map(|p| &p.workloads)
        .filter(|x| crate::text::fold(x.name.as_str()) == name)
        .fold((0, 0), |(a, q), x| (a + x.active, q + x.qualified))
}

/// Orders of the users list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UserSort {
    /// Longest inactive first (never active before all), then by name.
    #[default]
    Inactive,
    /// By name (UPN for concealed names).
    Name,
    /// Most recently active first.
    Active,
}

impl UserSort {
    pub const ALL: [Self; 3] = [Self::Inactive, Self::Name, Self::Active];

    /// The next order (the view's sort key cycles).
    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    pub fn id(self) -> &'static str {
        match self {
            Self::Inactive => "inactive",
            Self::Name => "name",
            Self::Active => "active",
        }
    }
}

impl Tenant {
    /// The licensed users (deleted left out), filtered to those inactive in every workload for
    /// at least `inactive` days when given, in `sort` order.
    pub fn user_list(&self, inactive: Option<i64>, sort: UserSort) -> Vec<&User> {
        let Some(refresh) = self.refresh() else {
            return Vec::new();
        };
        let mut users: Vec<&User> = self
            .users()
            .filter(|u| inactive.is_none_or(|d| u.inactive_for(d, refresh)))
            .collect();
        let name = |u: &User| {
            let n = if u.display_name.as_str().is_empty() {
                &u.upn
            } else {
                &u.display_name
            };
            crate::text::fold(n.as_str())
        };
        // Never active sorts as the longest inactive.
        let days = |u: &User| u.days_inactive(refresh).unwrap_or(i64::MAX);
        match sort {
            UserSort::Inactive => {
                users.sort_by_cached_key(|u| (std::cmp::Reverse(days(u)), name(u), u.upn.clone()));
            }
            UserSort::Name => users.sort_by_cached_key(|u| (name(u), u.upn.clone())),
            UserSort::Active => users.sort_by_cached_key(|u| (days(u), name(u), u.upn.clone())),
        }
        users
    }
}

/// Maps `skuPartNumber` to the product names Microsoft's licensing table gives.
#[derive(Debug, Clone, Default)]
pub struct SkuNames {
    by_part: std::collections::HashMap<String, Clean>,
}

impl SkuNames {
    /// The table shipped in `assets/graph/skus.csv` (`String_Id,GUID,Product_Display_Name`).
    pub fn shipped() -> Self {
        let mut names = Self::default();
        for line in include_str!("../../../assets/graph/skus.csv")
            .lines()
            .skip(1)
        {
            let mut fields = line.splitn(3, ',');
            if let (Some(part), Some(_), Some(name)) = (fields.next(), fields.next(), fields.next())
            {
                names.add(part, name.trim_matches('"'));
            }
        }
        names
    }

    /// Adds or replaces one name (config `[skus]`).
    pub fn add(&mut self, part: &str, name: &str) {
        self.by_part
            .insert(part.trim().to_ascii_uppercase(), Clean::new(name.trim()));
    }

    /// The display name; an unknown part number is shown as is.
    pub fn name(&self, part: &str) -> Clean {
        self.by_part
            .get(&part.trim().to_ascii_uppercase())
            .cloned()
            .unwrap_or_else(|| Clean::new(part))
    }

    /// Splits `Assigned Products` into names. The separator is undocumented; `+` between
    /// names is assumed, but `+` with spaces around it is part of a name
    /// (`ENTERPRISE MOBILITY + SECURITY E3`).
    pub fn split_products(raw: &str) -> Vec<Clean> {
        let mut out = Vec::new();
        let bytes = raw.as_bytes();
        let mut start = 0;
        for (i, b) in bytes.iter().enumerate() {
            let spaced =
                i > 0 && i + 1 < bytes.len() && (bytes[i - 1] == b' ' || bytes[i + 1] == b' ');
            if *b == b'+' && !spaced {
                push_product(&mut out, &raw[start..i]);
                start = i + 1;
            }
        }
        push_product(&mut out, &raw[start..]);
        out
    }
}

fn push_product(out: &mut Vec<Clean>, raw: &str) {
    let c = Clean::new(raw.trim());
    if !c.as_str().is_empty() {
        out.push(c);
    }
}

#[cfg(test)]
mod tests;
