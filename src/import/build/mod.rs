//! Turns records from any importer into customers → products → workloads.

use foldhash::HashMap;

use crate::domain::model::{
    Customer, CustomerKey, Deployment, Format, ImportWarning, LoadedFile, PartnerDeployment,
    PartnerTotals, PartnerUsage, Portfolio, Product, Service, Severity, Workload,
};
use crate::text::{Clean, fold};

use super::ImportError;
use super::confusable::{self, Named};
use super::current::{Join, merge_deployment, merge_workload, settle_current};
pub use first::Early;

mod first;
mod graph;
mod join;
mod recency;
mod sidecars;

/// Warnings kept in full; past this only a count is kept.
const MAX_WARNINGS: usize = 10_000;

/// Collects records from one or more files and builds the [`Portfolio`].
#[derive(Default)]
pub struct Builder {
    customers: Vec<Acc>,
    by_key: HashMap<CustomerKey, usize>,
    partner: PartnerTotals,
    files: Vec<LoadedFile>,
    warnings: Vec<ImportWarning>,
    dropped_warnings: usize,
    file: FileState,
    /// After this a record is dated after the day it was read ([`Builder::record_date`]).
    future_from: Option<crate::domain::model::Timestamp>,
    /// Raw id and name of the last record's customer, and its index.
    last_customer: Option<(Option<String>, Option<String>, usize)>,
    interned: HashMap<String, Clean>,
    files_started: u32,
    files_with_ids: std::collections::HashSet<u32>,
    /// Sidecar data by lower-case customer id, attached when the portfolio is built.
    support: HashMap<String, Vec<crate::domain::model::ServiceRequest>>,
    subscriptions: HashMap<String, Vec<crate::domain::model::Subscription>>,
    /// Graph tenants by lower-case tenant id (issue 14), attached when the portfolio is built.
    graph: std::collections::BTreeMap<String, crate::domain::graph::Tenant>,
    /// Where the reader is in the current file, for a watcher (issue 16).
    pub(crate) cursor: crate::import::progress::FileCursor,
    /// Whether any deployment or usage record was read, and the newest date among them: how
    /// new this builder's data is (see [`Builder::fold_by_recency`]).
    licensed: bool,
    newest: Option<crate::domain::model::Timestamp>,
    /// The newest date of each service's records: of two exports, the one with the newer
    /// data of a product's service counts for that product.
    by_service: Vec<recency::ServiceDate>,
    /// The file the deployment or usage records came from (named in the notes of joining).
    license_file: Option<String>,
    /// Files with deployment or usage records read after this builder's first, each in a
    /// builder of its own, joined by the recency of their data when the portfolio is built.
    later: Vec<Builder>,
    /// Each of `files`' place in the order the files were read, and the next place.
    file_keys: Vec<u32>,
    next_key: u32,
    /// Graph reports keep their figures only, not their rows (see [`Tenant::let_go`]).
    ///
    /// [`Tenant::let_go`]: crate::domain::graph::Tenant::let_go
    pub(crate) lean_graph: bool,
    /// Where each file read from a path is told with its length and SHA-256, hashed as it is
    /// read (the import records what it parsed, without reading the export again).
    pub(crate) hashes: Option<crate::import::detect::Hashes>,
    /// Where each file read from a path is copied as it is read (an import's snapshot).
    pub(crate) copies: Option<crate::import::detect::Copies>,
    /// The first frame wanted of the only file read (see [`Early`]), until it is sent.
    pub(crate) early: Option<Early>,
}

#[derive(Default)]
struct FileState {
    name: String,
    format: Option<Format>,
    records: usize,
    used: usize,
    /// Records whose kind was not deployment or usage insights, and the first such kind.
    foreign: usize,
    foreign_kind: Option<String>,
    first_warning: usize,
    /// Ordinal of the file among those read.
    ordinal: u32,
    /// Whether any record of the file named its customer by id.
    has_ids: bool,
    /// Records passed over unread (see [`Builder::pass_record`]).
    passed: usize,
    /// The newest record dated after the day the file is read (see [`Builder::record_date`]).
    future: Option<crate::domain::model::Dated>,
    /// The record being built, when not the one read last (see [`Builder::at_record`]).
    record_at: Option<usize>,
}

struct Acc {
    /// Files (ordinals) this customer's records came from.
    seen_in: Vec<u32>,
    id: Option<Clean>,
    domain: Option<Clean>,
    support: Option<Vec<crate::domain::model::ServiceRequest>>,
    subscriptions: Option<Vec<crate::domain::model::Subscription>>,
    name: Clean,
    /// The date of the record the name is from: a newer record's name replaces it (a renamed
    /// customer is shown by its current name, in whatever order its records come).
    name_as_of: Option<crate::domain::model::Timestamp>,
    products: Vec<Product>,
    graph: Option<std::sync::Arc<crate::domain::graph::Tenant>>,
}

/// Which customer a record is about: its id, or its name, or both.
#[derive(Debug, Clone, Copy)]
pub(super) struct CustomerRef<'a> {
    pub id: Option<&'a str>,
    pub name: Option<&'a str>,
}

/// Which product a record is about.
#[derive(Debug, Clone)]
pub(super) struct ProductRef<'a> {
    pub name: &'a str,
    pub id: Option<&'a str>,
    pub channel: Option<&'a str>,
    pub service: Service,
}

/// What a sidecar record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SidecarKind {
    Request,
    Subscription,
}

/// A field that made its record unusable (or, as a note, left one optional field unknown).
pub(super) struct Bad {
    pub(in crate::import) field: std::borrow::Cow<'static, str>,
    pub(in crate::import) message: String,
}

pub(super) fn bad(
    field: impl Into<std::borrow::Cow<'static, str>>,
    message: impl Into<String>,
) -> Bad {
    Bad {
        field: field.into(),
        message: message.into(),
    }
}

impl Builder {
    /// Ends the file begun last: an error when it held no export after all.
    pub(super) fn end_file(&mut self) -> Result<(), ImportError> {
        let f = std::mem::take(&mut self.file);
        let path = f.name.clone();
        let Some(format) = f.format else {
            self.warnings.truncate(f.first_warning);
            return Err(ImportError::NotAnExport {
                path,
                reason: "no \"items\" or \"Value\" collection and no insight records".into(),
            });
        };
        if f.records > 0 && f.used == 0 {
            if f.foreign == f.records {
                self.warnings.truncate(f.first_warning);
                let reason = match f.foreign_kind {
                    Some(kind) if kind != "none" => format!(
                        "its records are not license deployment or usage insights (objectType {kind})"
                    ),
                    _ => "no \"items\" or \"Value\" collection and no record with license counts \
                          (licensesSold, licensesDeployed, licensesActive, licensesQualified)"
                        .to_string(),
                };
                return Err(ImportError::NotAnExport { path, reason });
            }
            let first = self
                .warnings
                .get(f.first_warning)
                .map_or_else(|| "every record was skipped".into(), ToString::to_string);
            return Err(ImportError::NoUsableRecord { path, first });
        }
        if f.has_ids {
            self.files_with_ids.insert(f.ordinal);
        }
        if self.licensed && self.license_file.is_none() {
            self.license_file = Some(path.clone());
        }
        self.file_keys.push(self.next_key);
        self.next_key += 1;
        self.files.push(LoadedFile {
            path,
            format,
            rows: f.used,
            skipped: f.records - f.used,
            future: f.future,
        });
        Ok(())
    }

    /// The number of the record being read, as [`Builder::warn`] gives it.
    pub(super) fn record_number(&self) -> usize {
        self.file
            .record_at
            .unwrap_or(self.file.records + self.file.passed)
    }

    /// Sets the record what follows is of, when it is not the one read last (a CSV download's
    /// sums, built once its rows are read); `None`: the one read last again.
    pub(super) fn at_record(&mut self, record: Option<usize>) {
        self.file.record_at = record;
    }

    /// Records that a file was not read (e.g. a file in a folder that is not an export).
    pub fn note(&mut self, file: &str, message: &str) {
        self.info(file, &format!("not read: {message}"));
    }

    /// Records a file-level note.
    pub fn info(&mut self, file: &str, message: &str) {
        self.push_warning(ImportWarning {
            file: file.to_string(),
            record: None,
            field: None,
            message: message.to_string(),
            severity: Severity::Note,
        });
    }

    fn push_warning(&mut self, w: ImportWarning) {
        if self.warnings.len() < MAX_WARNINGS {
            self.warnings.push(w);
        } else {
            self.dropped_warnings += 1;
        }
    }

    pub(super) fn warn(
        &mut self,
        at: &dyn std::fmt::Display,
        field: Option<&str>,
        message: String,
        severity: Severity,
    ) {
        self.push_warning(ImportWarning {
            file: self.file.name.clone(),
            record: Some((self.record_number(), at.to_string())),
            field: field.map(str::to_string),
            message,
            severity,
        });
    }

    /// A record passed over unread (a CSV row marked as another partner attribution's copy):
    /// the records after it keep their place in the file.
    pub(super) fn pass_record(&mut self) {
        self.file.passed += 1;
    }

    /// One record of a file: counted, and when `read` fails, skipped with a warning naming
    /// the record (`at`) and the field.
    pub(super) fn record(
        &mut self,
        at: &dyn std::fmt::Display,
        read: impl FnOnce(&mut Self) -> Result<(), Bad>,
    ) {
        self.file.records += 1;
        match read(self) {
            Ok(()) => self.file.used += 1,
            Err(Bad { field, message }) => self.warn(at, Some(&field), message, Severity::Skipped),
        }
    }

    /// Starts reading a file of `format` (the CSV reader; JSON finds its envelope itself).
    pub(super) fn set_format(&mut self, format: Format) {
        self.file.format.get_or_insert(format);
    }

    /// A builder reporting to `progress`; `lean_graph`: see [`Builder::lean_graph`].
    pub(crate) fn watched(
        progress: Option<std::sync::Arc<crate::import::progress::Progress>>,
        lean_graph: bool,
    ) -> Self {
        Self {
            cursor: crate::import::progress::FileCursor::watch(progress),
            lean_graph,
            ..Self::default()
        }
    }

    /// Builds the portfolio: customers known only by name, from files that carry no ids at
    /// all, are joined to the one customer with an id and the same name (deployment and usage
    /// files do not always both carry ids). A customer without an id in a file that has ids
    /// is a customer of its own.
    pub fn finish(self) -> Portfolio {
        self.finish_early(None)
    }

    /// [`Builder::finish`], handing `early` the best matches of its query as soon as the
    /// customers are built and put in order (before the look-alike names are checked).
    pub fn finish_early(mut self, early: Option<Early>) -> Portfolio {
        self.fold_by_recency();
        self.attach_graph();
        self.merge_name_only_customers();
        self.attach_sidecars();
        if self.dropped_warnings > 0 {
            self.warnings.push(ImportWarning {
                file: "(all files)".into(),
                record: None,
                field: None,
                message: format!("{} more warnings not listed", self.dropped_warnings),
                severity: Severity::Note,
            });
        }
        // The customers' order (by folded name, then id) and half the names' look-alike keys
        // are found on another thread while this one builds the customers and reads the other
        // half's keys.
        let names: Vec<Named> = self
            .customers
            .iter()
            .map(|acc| (acc.id.clone(), acc.name.clone()))
            .collect();
        let (first, second) = names.split_at(names.len() / 2);
        let (mut customers, order, keys) = std::thread::scope(|scope| {
            let (sorted, ordered) = std::sync::mpsc::channel();
            let all = &names;
            let other = scope.spawn(move || {
                let _ = sorted.send(order(all));
                confusable::keys(second)
            });
            let customers: Vec<Customer> = self.customers.into_iter().map(customer).collect();
            let order = ordered.recv().unwrap_or_default();
            if let Some(mut early) = early {
                let newest = self.partner.newest_with(&customers);
                let picked = crate::domain::search::best_of(
                    order.len(),
                    |i| &customers[order[i]],
                    &early.query,
                    early.limit,
                );
                let first = Portfolio {
                    customers: picked
                        .iter()
                        .map(|&i| customers[order[i]].clone())
                        .collect(),
                    partner: self.partner.clone(),
                    files: self.files.clone(),
                    warnings: self.warnings.clone(),
                };
                (early.send)(first, customers.len(), newest);
            }
            let mut keys = confusable::keys(first);
            let rest = other
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            keys.extend(rest);
            (customers, order, keys)
        });
        self.warnings.extend(confusable::warnings(
            order.iter().map(|&i| (&names[i], keys[i].as_str())),
        ));
        permute(&mut customers, order);
        Portfolio {
            customers,
            partner: self.partner,
            files: self.files,
            warnings: self.warnings,
        }
    }

    fn customer(&mut self, id: Option<&str>, name: Option<&str>) -> Result<usize, Bad> {
        // Consecutive records usually belong to the same customer: skip the key work.
        if let Some((last_id, last_name, i)) = &self.last_customer
            && last_id.as_deref() == id
            && last_name.as_deref() == name
        {
            return Ok(*i);
        }
        let clean_name = name.map(Clean::new).filter(|n| !n.as_str().is_empty());
        let key = match (id, &clean_name) {
            (Some(id), _) => CustomerKey::id(&id.trim().to_ascii_lowercase()),
            (None, Some(name)) => CustomerKey::name(name.as_str()),
            (None, None) => {
                return Err(bad(
                    "customerName",
                    "the record names no customer (no customerId, customerTenantId or customerName)",
                ));
            }
        };
        let ordinal = self.file.ordinal;
        self.file.has_ids |= id.is_some();
        let i = match self.by_key.get(&key) {
            Some(&i) => {
                let acc = &mut self.customers[i];
                if acc.seen_in.last() != Some(&ordinal) {
                    acc.seen_in.push(ordinal);
                }
                // A customer first seen without a name gets one from a later record.
                if let Some(name) = clean_name
                    && acc.id.as_ref() == Some(&acc.name)
                {
                    acc.name = name;
                }
                i
            }
            None => {
                if let Some(raw) = name.filter(|n| crate::text::too_long(n)) {
                    let file = self.file.name.clone();
                    self.info(
                        &file,
                        &format!(
                            "a customer name of {} characters was cut to {}: {}",
                            raw.chars().count(),
                            crate::text::MAX_CHARS,
                            crate::text::quote(raw)
                        ),
                    );
                }
                let id = id.map(|i| Clean::new(&i.trim().to_ascii_lowercase()));
                let name = clean_name
                    .or_else(|| id.clone())
                    .unwrap_or_else(|| Clean::new("(unnamed)"));
                self.customers.push(Acc {
                    seen_in: vec![ordinal],
                    id,
                    domain: None,
                    support: None,
                    subscriptions: None,
                    name,
                    name_as_of: None,
                    products: Vec::new(),
                    graph: None,
                });
                self.by_key.insert(key, self.customers.len() - 1);
                self.customers.len() - 1
            }
        };
        self.last_customer = Some((id.map(str::to_owned), name.map(str::to_owned), i));
        Ok(i)
    }

    /// Customer `c`'s name as a record dated `as_of` gives it: taken when the record is newer
    /// than the one the name is from (a tie keeps the name first read).
    pub(super) fn name_as_of(
        &mut self,
        c: usize,
        name: Option<&str>,
        as_of: Option<crate::domain::model::Timestamp>,
    ) {
        let acc = &mut self.customers[c];
        if as_of <= acc.name_as_of {
            return;
        }
        // (A record without a name says nothing about it.)
        let Some(raw) = name else { return };
        if acc.name.as_str() != raw {
            let name = Clean::new(raw);
            if name.as_str().is_empty() {
                return;
            }
            acc.name = name;
        }
        acc.name_as_of = as_of;
    }

    /// A clean copy of a short text that repeats across records (product and workload names,
    /// codes, channels): sanitised once, shared after.
    pub(super) fn intern(&mut self, raw: &str) -> Clean {
        if let Some(c) = self.interned.get(raw) {
            return c.clone();
        }
        let c = Clean::new(raw);
        if self.interned.len() < 100_000 {
            self.interned.insert(raw.to_owned(), c.clone());
        }
        c
    }

    /// The (customer, product) a record is about, created when new.
    pub(super) fn product_of(
        &mut self,
        customer: CustomerRef<'_>,
        product: ProductRef<'_>,
    ) -> Result<(usize, usize), Bad> {
        let c = self.customer(customer.id, customer.name)?;
        let found = self.customers[c].find_product(product.name);
        let p = match found {
            Some(p) => p,
            None => {
                let name = self.intern(product.name);
                if name.as_str().is_empty() {
                    return Err(bad(
                        "productName",
                        "empty once control characters are removed",
                    ));
                }
                let channel = product.channel.map(|ch| self.intern(ch));
                let acc = &mut self.customers[c];
                match acc.find_product(name.as_str()) {
                    Some(p) => p,
                    None => {
                        let product = Product {
                            id: None,
                            name,
                            service: Service::Unknown,
                            channel,
                            deployment: None,
                            workloads: Vec::new(),
                            deployment_history: Vec::new(),
                            past_workloads: Vec::new(),
                        };
                        super::current::push_lean(&mut acc.products, product);
                        acc.products.len() - 1
                    }
                }
            }
        };
        let target = &mut self.customers[c].products[p];
        if target.id.is_none()
            && let Some(pid) = product.id
        {
            target.id = Some(Clean::new(&pid.to_ascii_lowercase()));
        }
        if target.service == Service::Unknown {
            target.service = product.service;
        }
        Ok((c, p))
    }

    /// Adds a deployment record to a product (a repeat for the same date is noted).
    pub(super) fn deployment(
        &mut self,
        at: &dyn std::fmt::Display,
        (c, p): (usize, usize),
        d: Deployment,
    ) {
        self.dated((c, p), d.as_of);
        let product = &mut self.customers[c].products[p];
        let mut clashes = Vec::new();
        merge_deployment(product, d, Join::Record, &mut clashes);
        self.note_clashes(at, c, clashes);
    }

    /// Notes the records of one run of one file that differ (see [`Join::Record`]).
    fn note_clashes(
        &mut self,
        at: &dyn std::fmt::Display,
        c: usize,
        clashes: Vec<super::current::Clash>,
    ) {
        for clash in clashes {
            let message = clash.record_note(self.customers[c].name.as_str());
            self.warn(at, None, message, Severity::Note);
        }
    }

    /// Adds a usage record to a product.
    pub(super) fn usage(
        &mut self,
        at: &dyn std::fmt::Display,
        (c, p): (usize, usize),
        w: Workload,
    ) {
        self.dated((c, p), w.as_of);
        let product = &mut self.customers[c].products[p];
        let mut clashes = Vec::new();
        merge_workload(product, w, Join::Record, &mut clashes);
        self.note_clashes(at, c, clashes);
    }

    /// Sets a customer's domain (from a tenants download).
    pub(super) fn domain(&mut self, customer: CustomerRef<'_>, domain: &str) -> Result<(), Bad> {
        let c = self.customer(customer.id, customer.name)?;
        let domain = Clean::new(domain);
        if !domain.as_str().is_empty() {
            self.customers[c].domain = Some(domain);
        }
        Ok(())
    }

    /// Starts a file: the records that follow are this file's.
    pub(super) fn begin_file(&mut self, name: &str) {
        self.file = FileState {
            name: name.to_string(),
            first_warning: self.warnings.len(),
            ordinal: self.files_started,
            ..FileState::default()
        };
        self.files_started += 1;
        self.last_customer = None;
    }

    /// Forgets the file begun last (it turned out not to be an export).
    pub(super) fn abandon_file(&mut self) {
        self.file = FileState::default();
    }

    /// A record of another kind than license insights (`kind`: its objectType, or `none`).
    pub(super) fn foreign(&mut self, kind: String) {
        self.file.foreign += 1;
        self.file.foreign_kind.get_or_insert(kind);
    }

    /// A record that is not a record at all (e.g. a number where an object belongs).
    pub(super) fn unreadable(&mut self, at: &dyn std::fmt::Display, message: String) {
        self.file.records += 1;
        self.warn(at, None, message, Severity::Skipped);
    }

    /// Adds a partner-level deployment record.
    pub(super) fn partner_deployment(&mut self, d: PartnerDeployment) {
        self.partner.deployment.push(d);
    }

    /// Adds a partner-level usage record.
    pub(super) fn partner_usage(&mut self, u: PartnerUsage) {
        self.partner.usage.push(u);
    }
}

/// A customer as the portfolio holds it: its products in order, each current figure settled.
fn customer(mut acc: Acc) -> Customer {
    if acc.products.len() > 1 {
        acc.products
            .sort_by_cached_key(|p| (fold(p.name.as_str()), p.service.clone()));
    }
    settle_current(&mut acc.products);
    Customer {
        domain: acc.domain,
        support: acc.support,
        subscriptions: acc.subscriptions,
        graph: acc.graph,
        ..Customer::new(acc.id, acc.name, acc.products)
    }
}

/// The customers' indices in the portfolio's order: by name folded as the search folds it
/// (full-width `ＡＢＣ商事` among the A's, not after every ideograph), then id (customers alike
/// in both keep the order they came in).
fn order(names: &[Named]) -> Vec<usize> {
    let mut keyed: Vec<(String, usize)> = names
        .iter()
        .enumerate()
        .map(|(i, (_, name))| (crate::text::fold_compatible(name.as_str()), i))
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| names[a.1].0.cmp(&names[b.1].0)));
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// Puts `items` in `order` (the indices of a permutation, in place: no second copy).
fn permute<T>(items: &mut [T], order: Vec<usize>) {
    // Where each item goes.
    let mut places = vec![0; order.len()];
    for (place, i) in order.into_iter().enumerate() {
        places[i] = place;
    }
    for i in 0..items.len() {
        while places[i] != i {
            let j = places[i];
            items.swap(i, j);
            places.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// Put in order in place, the items are those the order names, one by one.
        #[test]
        fn permute_puts_items_in_the_order_given(
            order in (0usize..60).prop_flat_map(|n| Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        ) {
            let items: Vec<String> = (0..order.len()).map(|i| format!("item {i}")).collect();
            let expected: Vec<String> = order.iter().map(|&i| items[i].clone()).collect();
            let mut permuted = items;
            super::permute(&mut permuted, order);
            prop_assert_eq!(permuted, expected);
        }
    }
}
