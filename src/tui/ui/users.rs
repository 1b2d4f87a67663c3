//! The users view in the detail pane (issue 14): the selected customer's licensed users from
//! its Microsoft Graph report, as a table that fits the pane (workload columns while they fit,
//! products in what is left). Nothing here computes: rows come from `present::users`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::widgets::wrapped;
use super::{pane, scrolled};
use crate::present::format;
use crate::present::users::{UserRow, workload_titles};
use crate::text::{fit, fit_right, width};
use crate::tr;
use crate::tui::app::{App, Focus};
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, name: &str, theme: &Theme) {
    let focused = app.focus == Focus::Detail;
    let title = format!("{name} · {}", tr!(app.lang, KeyUsersHint));
    let block = pane(&title, None, focused, area.width, theme);
    let height = usize::from(block.inner(area).height);
    scrolled(frame, area, block, 0, |cells| {
        (lines(app, cells, height, theme), None)
    });
}

/// The view's lines for a pane `cells` wide and `height` rows: heading, notes, then the table
/// from the view's offset on (the header row stays). Near the end the offset is drawn no
/// further than the last page, so `G`/End shows a full page ending with the last user.
pub fn lines(app: &App, cells: usize, height: usize, theme: &Theme) -> Vec<Line<'static>> {
    let (Some(view), Some((tenant, rows, refresh))) = (app.users.as_ref(), app.users_shown())
    else {
        return Vec::new();
    };
    let lang = app.lang;
    let s = tenant.summary();
    let date = format::date(lang, refresh.and_time(Default::default()).and_utc());
    let mut out = wrapped(
        &tr!(
            lang,
            UsersHeading,
            n = format::count(lang, s.licensed_users),
            // The filter's rule at 28 days (a user never active counts once the license is
            // that old), so the heading and `f` at 28 days count the same users.
            inactive = format::count(lang, tenant.inactive_count()),
            date = date
        ),
        "",
        cells,
        theme.heading,
    );
    if s.concealed_users > 0 {
        out.extend(wrapped(
            &tr!(
                lang,
                UsersConcealedNote,
                n = format::count(lang, s.concealed_users)
            ),
            "",
            cells,
            theme.warn,
        ));
    }
    let sort = match view.sort {
        crate::domain::graph::UserSort::Inactive => tr!(lang, UsersSortInactive),
        crate::domain::graph::UserSort::Name => tr!(lang, UsersSortName),
        crate::domain::graph::UserSort::Active => tr!(lang, UsersSortActive),
    };
    let mut state = tr!(lang, UsersSortedBy, key = sort);
    if let Some(days) = view.inactive {
        state = format!(
            "{} · {state}",
            tr!(
                lang,
                UsersFilterOn,
                shown = format::count(lang, rows.len() as u64),
                days = days
            )
        );
    }
    out.extend(wrapped(&state, "", cells, theme.muted));
    out.extend(wrapped(tr!(lang, UsersKeys), "", cells, theme.muted));
    out.push(Line::raw(""));
    if rows.is_empty() {
        out.push(Line::styled(tr!(lang, UsersNone).to_string(), theme.muted));
        return out;
    }
    let table = Table::fit(&rows, cells, lang);
    out.push(Line::styled(table.header(lang), theme.title));
    let fits = height.saturating_sub(out.len());
    let offset = view.offset.min(rows.len().saturating_sub(fits));
    for row in rows.iter().skip(offset) {
        out.push(Line::from(table.row(row)));
    }
    out
}

/// Column widths that fit the pane.
struct Table {
    name: usize,
    days: usize,
    /// How many workload columns fit (in `Workload::COUNTED` order).
    workloads: usize,
    date: usize,
    /// Cells left for products (0: no products column).
    products: usize,
}

const GAP: usize = 2;

impl Table {
    fn fit(rows: &[UserRow], cells: usize, lang: crate::i18n::Lang) -> Self {
        let longest = |f: &dyn Fn(&UserRow) -> usize| rows.iter().map(f).max().unwrap_or(0);
        let name = longest(&|r| width(&r.name))
            .max(width(tr!(lang, UsersColName)))
            .clamp(6, 28)
            .min(cells.saturating_sub(8).max(1));
        let days = longest(&|r| width(&r.days)).max(width(tr!(lang, UsersColDays)).min(14));
        let date = longest(&|r| r.last.iter().map(|d| width(d)).max().unwrap_or(0)).max(5);
        let titles = workload_titles();
        let products_wants = longest(&|r| width(&r.products)).clamp(8, 40);
        let mut used = name + GAP + days;
        let mut workloads = 0;
        for (i, t) in titles.iter().enumerate() {
            let w = date.max(width(t).min(date + 2));
            // Exchange, SharePoint and Teams while they fit; Skype and Yammer only with the
            // products column still whole.
            let keep = if i < 3 { 0 } else { GAP + products_wants };
            if used + GAP + w + keep > cells {
                break;
            }
            used += GAP + w;
            workloads += 1;
        }
        let products = cells.saturating_sub(used + GAP);
        Self {
            name,
            days,
            workloads,
            date,
            products: if products >= 8 { products } else { 0 },
        }
    }

    fn col(&self, title: &str) -> usize {
        self.date.max(width(title).min(self.date + 2))
    }

    fn header(&self, lang: crate::i18n::Lang) -> String {
        let mut s = format!(
            "{}{}{}",
            fit(tr!(lang, UsersColName), self.name),
            " ".repeat(GAP),
            fit_right(tr!(lang, UsersColDays), self.days)
        );
        for t in workload_titles().iter().take(self.workloads) {
            s.push_str(&" ".repeat(GAP));
            s.push_str(&fit(t, self.col(t)));
        }
        if self.products > 0 {
            s.push_str(&" ".repeat(GAP));
            s.push_str(&fit(tr!(lang, UsersColProducts), self.products));
        }
        s.trim_end().to_string()
    }

    fn row(&self, r: &UserRow) -> Vec<Span<'static>> {
        let mut s = format!(
            "{}{}{}",
            fit(&r.name, self.name),
            " ".repeat(GAP),
            fit_right(&r.days, self.days)
        );
        for (t, d) in workload_titles().iter().zip(&r.last).take(self.workloads) {
            s.push_str(&" ".repeat(GAP));
            s.push_str(&fit(d, self.col(t)));
        }
        if self.products > 0 {
            s.push_str(&" ".repeat(GAP));
            s.push_str(&fit(&r.products, self.products));
        }
        vec![Span::raw(s.trim_end().to_string())]
    }
}
