//! Graph tenants (issue 14): collected per tenant id while files are read, attached to the
//! customer with that id when the portfolio is built (or kept as a customer of their own).

use std::sync::Arc;

use chrono::NaiveDate;

use crate::domain::graph::{Report, Sku, Tenant, User};
use crate::domain::model::{ImportWarning, Severity};
use crate::text::Clean;

use super::Builder;

impl Builder {
    fn tenant(&mut self, id: &str) -> &mut Tenant {
        self.graph.entry(id.to_string()).or_insert_with(|| Tenant {
            id: Clean::new(id),
            ..Tenant::default()
        })
    }

    /// A tenant's `subscribedSkus` (a later file for the same tenant replaces an earlier one).
    pub(in crate::import) fn graph_skus(
        &mut self,
        id: &str,
        account: Option<&str>,
        skus: Vec<Sku>,
    ) {
        let t = self.tenant(id);
        t.skus = Some(skus);
        if let Some(a) = account.map(Clean::new).filter(|a| !a.as_str().is_empty()) {
            t.account = Some(a);
        }
    }

    /// A tenant's active-user-detail report (read from `file`); of two, the one refreshed
    /// last is kept.
    pub(in crate::import) fn graph_users(
        &mut self,
        id: &str,
        refresh: NaiveDate,
        users: Vec<User>,
        file: &str,
    ) {
        self.graph_report(id, refresh, file, |t| {
            t.report = Some(Report { refresh, users });
        });
    }

    /// A tenant's report refreshed on `refresh`, read from `file`: `keep` puts it in the
    /// tenant when it is the one refreshed last (the rows let go when the builder is lean).
    /// A report dated after the day it is read (a wrong clock, an edited file) never replaces
    /// one dated as it should be, as Partner Center's rows dated ahead never count over others.
    fn graph_report(
        &mut self,
        id: &str,
        refresh: NaiveDate,
        file: &str,
        keep: impl FnOnce(&mut Tenant),
    ) {
        let lean = self.lean_graph;
        let today = crate::env::today()
            .and_time(chrono::NaiveTime::MIN)
            .and_utc();
        let ahead = |d: NaiveDate| crate::domain::metrics::report_ahead(d, today);
        let rank = |d: NaiveDate| (!ahead(d), d);
        let t = self.tenant(id);
        let before = t.refresh();
        let old_file = t.report_file.clone().unwrap_or_default();
        if before.is_none_or(|b| rank(b) <= rank(refresh)) {
            (t.report, t.settled) = (None, None);
            keep(t);
            t.report_file = Some(file.to_string());
            if lean {
                t.let_go();
            }
        }
        let Some(before) = before else { return };
        let (kept, dropped, old, new) = if rank(before) <= rank(refresh) {
            (file, old_file.as_str(), before, refresh)
        } else {
            (old_file.as_str(), file, refresh, before)
        };
        let (kept, dropped) = (crate::text::quote(kept), crate::text::quote(dropped));
        let message = if before == refresh {
            format!(
                "two active users reports for tenant {id} with the same refresh date {refresh}: the one in {kept} is kept, the one in {dropped} is not used",
            )
        } else if ahead(old) && !ahead(new) {
            format!(
                "tenant {id}: the active users report dated {old}, after today (a wrong clock or an edited file?), in {dropped}, is not used; the one dated as it should be (in {kept}) is kept",
            )
        } else {
            format!(
                "tenant {id}: the older active users report ({old}, in {dropped}) was replaced by the newer one (in {kept})",
            )
        };
        self.push_warning(ImportWarning {
            file: file.to_string(),
            record: None,
            field: None,
            message,
            severity: Severity::Note,
        });
    }

    /// The report read by this builder, if any (reading one tenant's file on demand).
    pub fn take_graph_report(&mut self) -> Option<Report> {
        self.graph.values_mut().find_map(|t| t.report.take())
    }

    /// Takes in another builder's tenants (read from later files).
    pub(in crate::import) fn absorb_graph(
        &mut self,
        other: std::collections::BTreeMap<String, Tenant>,
    ) {
        for (id, t) in other {
            if let Some(skus) = t.skus {
                self.graph_skus(&id, t.account.as_ref().map(Clean::as_str), skus);
            }
            let Some(file) = t.report_file else { continue };
            match (t.report, t.settled) {
                (Some(r), _) => self.graph_users(&id, r.refresh, r.users, &file),
                (None, Some(settled)) => {
                    if let Some(refresh) = settled.summary.refresh {
                        self.graph_report(&id, refresh, &file, |t| t.settled = Some(settled));
                    }
                }
                (None, None) => {}
            }
        }
    }

    /// Gives each customer its Graph tenant by id; a tenant no customer has becomes one
    /// (named by its account name, else its id), with a note.
    pub(super) fn attach_graph(&mut self) {
        let tenants = std::mem::take(&mut self.graph);
        let mut unmatched = Vec::new();
        for (id, mut tenant) in tenants {
            tenant.settle();
            let key = crate::domain::model::CustomerKey::id(&id);
            let i = match self.by_key.get(&key) {
                Some(&i) => i,
                None => {
                    unmatched.push(id.clone());
                    let name = tenant.account.as_ref().map(|a| a.as_str().to_string());
                    match self.customer(Some(&id), name.as_deref()) {
                        Ok(i) => i,
                        Err(_) => continue,
                    }
                }
            };
            self.customers[i].graph = Some(Arc::new(tenant));
        }
        self.last_customer = None;
        if let Some(first) = unmatched.first() {
            self.push_warning(ImportWarning {
                file: "(Graph)".into(),
                record: None,
                field: None,
                message: match unmatched.len() {
                    1 => format!(
                        "Graph tenant folder {first} matches no Partner Center customer in these files; it joins its customer of the Partner Center export in the cache, if there is one, and is a customer of its own otherwise"
                    ),
                    n => format!(
                        "{n} Graph tenant folders match no Partner Center customer in these files (e.g. {first}); each joins its customer of the Partner Center export in the cache, if there is one, and is a customer of its own otherwise"
                    ),
                },
                severity: Severity::Note,
            });
        }
    }
}
