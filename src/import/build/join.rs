//! Joining what was read apart: another builder's files (read on a second thread), customers
//! known only by name to the one with an id, sidecar data to its customers.

use foldhash::HashMap;

use crate::domain::model::Product;
use crate::domain::model::{CustomerKey, ImportWarning, Severity};
use crate::text::{fold, same};

use super::super::current::{Clash, Join, merge_deployment, merge_workload};

use super::{Acc, Builder};

impl Builder {
    /// Takes in what another builder read from other files (read after this one's, or with
    /// data as new or newer): of figures both hold for one date, the other's count.
    pub fn absorb(&mut self, mut other: Builder) {
        let offset = self.files_started;
        // A repeat found while joining is noted against the other file (its record is not
        // known): the one with the deployment or usage records.
        let later = other
            .license_file
            .take()
            .or_else(|| other.files.last().map(|f| f.path.clone()))
            .unwrap_or_default();
        self.licensed |= other.licensed;
        self.newest = self.newest.max(other.newest);
        self.license_file = self.license_file.take().or(Some(later.clone()));
        self.file_keys.extend(&other.file_keys);
        self.files_started += other.files_started;
        self.files_with_ids
            .extend(other.files_with_ids.iter().map(|f| f + offset));
        self.files.extend(other.files);
        self.dropped_warnings += other.dropped_warnings;
        for w in other.warnings {
            self.push_warning(w);
        }
        self.partner.deployment.extend(other.partner.deployment);
        self.partner.usage.extend(other.partner.usage);
        for (id, requests) in other.support {
            self.support.entry(id).or_default().extend(requests);
        }
        for (id, subs) in other.subscriptions {
            self.subscriptions.entry(id).or_default().extend(subs);
        }
        self.absorb_graph(std::mem::take(&mut other.graph));
        self.last_customer = None;
        let mut clashes = Vec::new();
        // Figures that differ where this file's count, and where the other export's do.
        let mut differ: [(usize, Option<Example>); 2] = [(0, None), (0, None)];
        // This builder's dates of each service are its license file's, when it read one.
        let own = self.license_file.clone();
        for d in self.by_service.iter_mut().filter(|d| d.file.is_none()) {
            d.file.clone_from(&own);
        }
        for mut acc in other.customers {
            acc.seen_in.iter_mut().for_each(|f| *f += offset);
            let key = match &acc.id {
                Some(id) => CustomerKey::id(id.as_str()),
                None => CustomerKey::name(acc.name.as_str()),
            };
            let Some(&i) = self.by_key.get(&key) else {
                self.customers.push(acc);
                self.by_key.insert(key, self.customers.len() - 1);
                continue;
            };
            let target = &mut self.customers[i];
            let named = acc.id.as_ref() != Some(&acc.name);
            if named
                && (target.id.as_ref() == Some(&target.name) || acc.name_as_of > target.name_as_of)
            {
                // Unnamed so far, or named by an older record than the other file's.
                target.name = acc.name;
                target.name_as_of = target.name_as_of.max(acc.name_as_of);
            }
            target.seen_in.extend(acc.seen_in);
            // Read in order, the later file's domain wins.
            if acc.domain.is_some() {
                target.domain = acc.domain;
            }
            if target.graph.is_none() {
                target.graph = acc.graph;
            }
            for product in acc.products {
                // The other file's data is as new or newer in all, maybe not of this service.
                let (theirs, mine) = (
                    newest_in(&other.by_service, &product.service),
                    newest_in(&self.by_service, &product.service),
                );
                let older = theirs.map(|d| d.newest) < mine.map(|d| d.newest);
                let join = if older { Join::Older } else { Join::Newer };
                // The file whose figures count where they differ.
                let counts = match mine.and_then(|d| d.file.as_deref()) {
                    Some(file) if older => file.to_string(),
                    _ => later.clone(),
                };
                target.merge_product(product, join, &mut clashes);
                let (n, example) = &mut differ[usize::from(older)];
                *n += clashes.len();
                if example.is_none()
                    && let Some(c) = clashes.first()
                {
                    *example = Some((target.name.to_string(), c.clone(), counts));
                }
                clashes.clear();
            }
        }
        for (older, (n, example)) in differ.into_iter().enumerate() {
            if let Some((customer, c, counts)) = example {
                let other_file = (older == 1).then_some(counts.as_str());
                self.push_warning(ImportWarning {
                    file: later.clone(),
                    record: None,
                    field: None,
                    message: clash_note(n, &customer, &c, other_file),
                    severity: Severity::Note,
                });
            }
        }
        for mut d in other.by_service {
            d.file = d.file.or_else(|| Some(later.clone()));
            match self.by_service.iter_mut().find(|s| s.service == d.service) {
                Some(s) if d.newest >= s.newest => *s = d,
                Some(_) => {}
                None => self.by_service.push(d),
            }
        }
    }

    /// Gives each customer its sidecar data (by id); notes sidecar customers not in the export.
    pub(super) fn attach_sidecars(&mut self) {
        let (mut support, mut subscriptions) = (
            std::mem::take(&mut self.support),
            std::mem::take(&mut self.subscriptions),
        );
        let had_support = !support.is_empty();
        let had_subscriptions = !subscriptions.is_empty();
        for acc in &mut self.customers {
            let Some(id) = &acc.id else { continue };
            acc.support =
                support
                    .remove(id.as_str())
                    .or(if had_support { Some(Vec::new()) } else { None });
            acc.subscriptions = subscriptions.remove(id.as_str()).or(if had_subscriptions {
                Some(Vec::new())
            } else {
                None
            });
        }
        let unknown = support.len() + subscriptions.len();
        if unknown > 0 {
            let mut ids: Vec<&String> = support.keys().chain(subscriptions.keys()).collect();
            ids.sort();
            self.push_warning(ImportWarning {
                file: "(sidecars)".into(),
                record: None,
                field: None,
                message: format!(
                    "{unknown} customer ids in the sidecars are not in the export and were left out (e.g. {})",
                    crate::text::sanitize(ids[0])
                ),
                severity: Severity::Note,
            });
        }
    }

    pub(super) fn merge_name_only_customers(&mut self) {
        let name_only = |acc: &Acc| {
            acc.id.is_none() && !acc.seen_in.iter().any(|f| self.files_with_ids.contains(f))
        };
        // Most exports name every customer by id: no map of names to build.
        if !self.customers.iter().any(name_only) {
            return;
        }
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, acc) in self.customers.iter().enumerate() {
            if acc.id.is_some() {
                by_name.entry(fold(acc.name.as_str())).or_default().push(i);
            }
        }
        let mut merged = vec![false; self.customers.len()];
        for (i, done) in merged.iter_mut().enumerate() {
            if !name_only(&self.customers[i]) {
                continue;
            }
            let Some([target]) = by_name
                .get(&fold(self.customers[i].name.as_str()))
                .map(Vec::as_slice)
            else {
                continue;
            };
            let products = std::mem::take(&mut self.customers[i].products);
            let target = &mut self.customers[*target];
            for p in products {
                target.merge_product(p, Join::Record, &mut Vec::new());
            }
            *done = true;
        }
        let mut keep = merged.iter().map(|m| !m);
        self.customers.retain(|_| keep.next().unwrap_or(true));
    }
}

/// The note of `n` figures of a file that differ from another export's of the same dates:
/// the file's count, its data being as new or newer; `c` (of `customer`) as the example.
/// A figure that differs, as a note shows it: the customer's name, the figures, and the file
/// whose figure counts.
type Example = (String, Clash, String);

/// The newest date of `service` in a builder's list of them.
fn newest_in<'l>(
    list: &'l [super::recency::ServiceDate],
    service: &crate::domain::model::Service,
) -> Option<&'l super::recency::ServiceDate> {
    list.iter().find(|d| d.service == *service)
}

/// `other_file`: the file whose figures count, when not this one.
fn clash_note(n: usize, customer: &str, c: &Clash, other_file: Option<&str>) -> String {
    let day = |t: Option<crate::domain::model::Timestamp>| {
        t.map(|t| t.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| "undated".into())
    };
    let (figures, differ) = if n == 1 {
        ("figure", "differs")
    } else {
        ("figures", "differ")
    };
    let (kept, dropped) = (
        Clash::figure(c.kept, c.unit),
        Clash::figure(c.dropped, c.unit),
    );
    let (which, here, there) = match other_file {
        None => (
            "this file's count, its data being as new or newer".to_string(),
            kept,
            dropped,
        ),
        Some(file) => (
            format!("those of {file} count, its data of the product's service being newer"),
            dropped,
            kept,
        ),
    };
    format!(
        "{n} {figures} {differ} from another export's of the same processing run; {which}: e.g. {customer}, {} for {} of {}: {here} in this file, {there} in the other export",
        c.kind,
        c.what,
        day(c.as_of),
    )
}

impl Acc {
    /// The product with this name (case- and accent-insensitive), if the customer has it.
    pub(super) fn find_product(&self, name: &str) -> Option<usize> {
        self.products
            .iter()
            .position(|p| same(p.name.as_str(), name))
    }

    /// Merges a product read apart into this customer's: of a processing run both hold,
    /// `join` decides; `clashes` gets the figures that differ.
    fn merge_product(&mut self, mut product: Product, join: Join, clashes: &mut Vec<Clash>) {
        let deployment = product.deployment.take();
        let history = std::mem::take(&mut product.deployment_history);
        let workloads = std::mem::take(&mut product.workloads);
        let i = match self.find_product(product.name.as_str()) {
            Some(i) => i,
            None => {
                self.products.push(product);
                self.products.len() - 1
            }
        };
        let target = &mut self.products[i];
        for d in history.into_iter().chain(deployment) {
            merge_deployment(target, d, join, clashes);
        }
        for w in workloads {
            merge_workload(target, w, join, clashes);
        }
    }
}
