//! The users view's state (issue 14): which customer's Graph users, in which order, filtered
//! or not, scrolled how far. While it is open, the list keys (j/k, s, f, y, Esc) act on it.

use crate::domain::graph::{Tenant, UserSort};
use crate::present::users;
use crate::tr;
use crate::tui::keymap::Action;

use super::{App, Focus, PAGE};

/// The open users view.
#[derive(Debug, Clone)]
pub struct UsersView {
    /// The customer (index in the portfolio) whose users are shown.
    pub customer: usize,
    /// Its tenant with the user rows in memory (read when the view opened).
    pub tenant: std::sync::Arc<Tenant>,
    pub sort: UserSort,
    /// Only users inactive in every workload this many days (`f` toggles it).
    pub inactive: Option<i64>,
    /// The first user row shown.
    pub offset: usize,
}

impl App {
    /// The selected customer's Graph tenant with a user report, and its index.
    pub fn users_tenant(&self) -> Option<(usize, &std::sync::Arc<Tenant>)> {
        let i = self.selected_index()?;
        let t = self.data.portfolio.customers[i].graph.as_ref()?;
        t.refresh()?;
        Some((i, t))
    }

    /// Applies `action` to the users view when it is open (or opens it): true when taken.
    pub(super) fn users_apply(&mut self, action: Action) -> bool {
        if action == Action::ToggleUsers {
            self.toggle_users();
            return true;
        }
        let Some(view) = &self.users else {
            return false;
        };
        // Another customer selected: the view was about the one before.
        if self.selected_index() != Some(view.customer) {
            self.users = None;
            return false;
        }
        let detail = self.focus == Focus::Detail && self.overlay.is_none();
        let by = match action {
            Action::Up => -1,
            Action::Down => 1,
            Action::PageUp => -(PAGE as isize),
            Action::PageDown => PAGE as isize,
            Action::Top => isize::MIN / 2,
            Action::Bottom => isize::MAX / 2,
            Action::CycleSort => {
                self.users_mut(|v, _| {
                    v.sort = v.sort.next();
                    v.offset = 0;
                });
                return true;
            }
            Action::CycleFilter => {
                let days = self.data.thresholds.inactive_days;
                self.users_mut(|v, _| {
                    v.inactive = if v.inactive.is_some() {
                        None
                    } else {
                        Some(days)
                    };
                    v.offset = 0;
                });
                return true;
            }
            Action::CopyText => {
                self.copy_users();
                return true;
            }
            Action::Back if detail => {
                self.users = None;
                return true;
            }
            _ => return false,
        };
        if !detail {
            return false;
        }
        self.users_mut(|v, len| {
            let last = len.saturating_sub(1) as isize;
            v.offset = (v.offset as isize).saturating_add(by).clamp(0, last) as usize;
        });
        true
    }

    fn users_mut(&mut self, f: impl FnOnce(&mut UsersView, usize)) {
        let len = self.users_shown().map_or(0, |(_, rows, _)| rows.len());
        if let Some(v) = &mut self.users {
            f(v, len);
        }
    }

    fn toggle_users(&mut self) {
        if self.users.take().is_some() {
            return;
        }
        let opened = self
            .users_tenant()
            .map(|(i, t)| (i, crate::load::tenant_users(t)));
        match opened {
            Some((customer, Ok(tenant))) => {
                self.users = Some(UsersView {
                    customer,
                    tenant,
                    sort: UserSort::default(),
                    inactive: None,
                    offset: 0,
                });
                self.focus = Focus::Detail;
            }
            Some((_, Err(e))) => {
                self.message = Some(crate::text::sanitize(&format!("{e:#}")));
            }
            None => {
                let selected = self
                    .selected()
                    .map(|(c, _)| (c.name.clone(), c.graph.clone()));
                let (name, graph) = selected.unwrap_or_default();
                self.message = Some(match graph {
                    // A tenant folder read, but without the users report: its name is right.
                    Some(t) => tr!(
                        self.lang,
                        UsersNoReportInFolder,
                        customer = name,
                        tenant = t.id
                    ),
                    None => tr!(self.lang, UsersNoReport, customer = name),
                });
            }
        }
    }

    /// The users the open view shows: the tenant, the rows (names hidden while presenting),
    /// and the report's refresh date.
    pub fn users_shown(&self) -> Option<(&Tenant, Vec<users::UserRow>, chrono::NaiveDate)> {
        let view = self.users.as_ref()?;
        // The tenant read when the view opened (the snapshot index leaves the rows out).
        let t = view.tenant.as_ref();
        let refresh = t.refresh()?;
        let list = t.user_list(view.inactive, view.sort);
        Some((
            t,
            users::rows(&list, refresh, self.present, self.lang),
            refresh,
        ))
    }

    /// `y` in the users view: the visible list as a text table (names hidden while presenting).
    fn copy_users(&mut self) {
        let Some((_, rows, _)) = self.users_shown() else {
            return;
        };
        let text = users::text(&rows, self.lang);
        let n = rows.len();
        self.message = Some(tr!(self.lang, UsersCopied, n = n));
        self.copied_note = None;
        self.clipboard = Some(text);
    }
}
