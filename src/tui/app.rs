//! Interactive state and `update(action)`. No drawing and no terminal here: the view reads
//! `&App`, tests drive `update` directly.

use std::borrow::Cow;

use crate::domain::analysis::{self, Assessment, Filter, Row, SortKey};
use crate::domain::model::Customer;
use crate::domain::search::{self, SearchIndex};
use crate::i18n::Lang;
use crate::load::Loaded;
use crate::present::report::{self, Markup};
use crate::tr;
use crate::tui::keymap::{Action, Mode};

mod users;
pub use users::UsersView;

/// Panes of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
    Actions,
}

impl Focus {
    fn next(self) -> Self {
        match self {
            Focus::List => Focus::Detail,
            Focus::Detail => Focus::Actions,
            Focus::Actions => Focus::List,
        }
    }

    fn prev(self) -> Self {
        match self {
            Focus::List => Focus::Actions,
            Focus::Detail => Focus::List,
            Focus::Actions => Focus::Detail,
        }
    }
}

/// An overlay over the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Warnings,
    Overview,
}

/// Rows a page key moves (the view does not tell the state its height; ten is a good page).
const PAGE: usize = 10;

/// The whole interactive state.
pub struct App {
    pub data: Loaded,
    index: SearchIndex,
    pub sort: SortKey,
    pub filter: Filter,
    /// Customers that pass the filter, in sort order.
    sorted: Vec<usize>,
    /// Matches of earlier queries in sort order, shortest query first: typing narrows the
    /// last one instead of searching the whole portfolio again (when [`search::narrows`]).
    narrowing: Vec<(Vec<search::Term>, Vec<usize>)>,
    /// Customers shown: `sorted` narrowed and ranked by the query.
    pub visible: Vec<usize>,
    /// Position in `visible` of the selected customer.
    pub selected: usize,
    pub focus: Focus,
    pub searching: bool,
    pub query: String,
    pub overlay: Option<Overlay>,
    /// The gauge row the detail pane explains (overall deployment, overall usage, then each
    /// product and its workloads), when the detail is focused.
    pub detail_row: usize,
    pub actions_scroll: u16,
    pub overlay_scroll: u16,
    /// The chosen row of the overview's top opportunities (j/k move it, Enter opens it).
    pub overview_pick: usize,
    pub quit: bool,
    /// A one-line message for the status bar until the next key ("copied …").
    pub message: Option<String>,
    /// The UI language.
    pub lang: Lang,
    /// Text to put on the clipboard; the terminal loop takes it (the state never writes to
    /// the terminal itself).
    pub clipboard: Option<String>,
    /// What the status bar says instead of "sent (OSC 52)" once the local clipboard took the
    /// text too (see [`App::copied_locally`]).
    copied_note: Option<String>,
    /// Screen-share mode: no other customer's name on screen.
    pub present: bool,
    /// The customer selected when the search began: where an emptied search returns when
    /// nothing matched meanwhile (never the first customer of the list by accident).
    before_search: Option<usize>,
    /// While the full portfolio loads: how many customers it has (this app shows a first
    /// frame's worth of them).
    pub loading: Option<usize>,
    /// Display cells of the longest customer name (how wide the list may want to be).
    pub longest_name: usize,
    /// The selected customer in full (see [`App::detailed`]): computed when the selection
    /// changes.
    detail: Option<Detail>,
    /// The users view (issue 14), when open in the detail pane.
    pub users: Option<UsersView>,
}

/// The selected customer in full: its index in the portfolio, its products when the portfolio
/// holds it without them ([`Loaded::full`]), its full assessment; or why its products could
/// not be read (then the customer-level assessment, without per-product figures).
#[derive(Debug)]
struct Detail {
    at: usize,
    customer: Option<Customer>,
    assessment: Assessment,
    problem: Option<String>,
}

/// Where a pointer event landed, placed by the view on the panes of its last frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub pane: Focus,
    /// The list row under the pointer, as a position in [`App::visible`] (customer rows only).
    pub row: Option<usize>,
}

/// A mouse event (mouse mode), on a pane or on none (`None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pointer {
    /// A left click.
    Click(Option<Target>),
    /// The wheel.
    Wheel { at: Option<Target>, down: bool },
}

impl App {
    pub fn new(mut data: Loaded) -> Self {
        let index = data
            .search
            .take()
            .unwrap_or_else(|| SearchIndex::new(&data.portfolio));
        let longest_name = data
            .portfolio
            .customers
            .iter()
            .map(|c| crate::text::width(c.name.as_str()))
            .max()
            .unwrap_or(0);
        let sorted: Vec<usize> = (0..data.portfolio.customers.len()).collect();
        let mut app = Self {
            data,
            index,
            sort: SortKey::default(),
            filter: Filter::default(),
            narrowing: Vec::new(),
            visible: sorted.clone(),
            sorted,
            selected: 0,
            focus: Focus::List,
            searching: false,
            query: String::new(),
            overlay: None,
            detail_row: 0,
            actions_scroll: 0,
            overlay_scroll: 0,
            overview_pick: 0,
            quit: false,
            message: None,
            lang: Lang::default(),
            clipboard: None,
            copied_note: None,
            present: false,
            before_search: None,
            detail: None,
            users: None,
            loading: None,
            longest_name,
        };
        app.resort();
        app.follow_selection();
        app
    }

    /// Starts with the list in this order.
    pub fn sorted_by(mut self, sort: SortKey) -> Self {
        self.sort = sort;
        self.resort();
        self.follow_selection();
        self
    }

    /// Speaks `lang`.
    pub fn with_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    /// Prefills the search with `query` (kept as a filter) and selects the best match.
    pub fn with_query(mut self, query: &str) -> Self {
        self.query = crate::text::spaced_sound_marks(query.trim()).into_owned();
        self.refilter(None);
        self.follow_selection();
        self
    }

    /// The input mode, for the keymap.
    pub fn mode(&self) -> Mode {
        if self.overlay.is_some() {
            Mode::Overlay
        } else if self.searching {
            Mode::Search
        } else {
            Mode::Normal
        }
    }

    /// Presenting while typing a search: the matches are not shown (only the query and their
    /// count) until one is chosen with Enter.
    pub fn concealed(&self) -> bool {
        self.present && self.searching
    }

    /// The selected customer's index in the portfolio.
    pub fn selected_index(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Gauge rows of the selected customer's detail (overall deployment and usage, then per
    /// product its deployment and each workload): the rows of the view the pane draws.
    pub fn detail_rows(&self) -> usize {
        self.detailed().map_or(0, |(c, a)| {
            crate::present::view::CustomerView::new(&c, &a, self.data.now, self.lang)
                .gauges()
                .count()
        })
    }

    /// The selected customer with its products and full assessment (per product and
    /// workload), computed once per selection (when the selection changes; computed here only
    /// for a selection set directly through the public fields). [`selected`](Self::selected)
    /// and [`customer`](Self::customer) may come without products.
    pub fn detailed(&self) -> Option<(Cow<'_, Customer>, Cow<'_, Assessment>)> {
        let i = self.selected_index()?;
        Some(match &self.detail {
            Some(d) if d.at == i => (
                d.customer.as_ref().map_or(
                    Cow::Borrowed(&self.data.portfolio.customers[i]),
                    Cow::Borrowed,
                ),
                Cow::Borrowed(&d.assessment),
            ),
            _ => {
                let d = self.detail_of(i);
                let c = d
                    .customer
                    .map_or(Cow::Borrowed(&self.data.portfolio.customers[i]), Cow::Owned);
                (c, Cow::Owned(d.assessment))
            }
        })
    }

    /// Why the selected customer's products could not be read, if they could not.
    pub fn detail_problem(&self) -> Option<&str> {
        let d = self.detail.as_ref()?;
        (Some(d.at) == self.selected_index())
            .then_some(d.problem.as_deref())
            .flatten()
    }

    fn detail_of(&self, i: usize) -> Detail {
        let (t, now) = (&self.data.thresholds, self.data.now);
        match self.data.full(i) {
            Ok(c) => Detail {
                at: i,
                assessment: analysis::detailed(&c, t, now),
                customer: match c {
                    Cow::Owned(c) => Some(c),
                    Cow::Borrowed(_) => None,
                },
                problem: None,
            },
            Err(e) => Detail {
                at: i,
                customer: None,
                assessment: self.data.rows[i].assessment(),
                problem: Some(crate::text::sanitize(&format!("{e:#}"))),
            },
        }
    }

    /// Computes the selected customer's full assessment when the selection changed.
    fn follow_selection(&mut self) {
        if self
            .users
            .as_ref()
            .is_some_and(|v| self.selected_index() != Some(v.customer))
        {
            self.users = None;
        }
        let Some(i) = self.selected_index() else {
            self.detail = None;
            return;
        };
        if self.detail.as_ref().is_none_or(|d| d.at != i) {
            self.detail = Some(self.detail_of(i));
        }
    }

    /// The selected customer (maybe without products) and its row; [`detailed`](Self::detailed)
    /// has it in full.
    pub fn selected(&self) -> Option<(&Customer, &Row)> {
        let i = self.selected_index()?;
        Some((&self.data.portfolio.customers[i], &self.data.rows[i]))
    }

    /// Customer `i` (maybe without products) and its row; [`detailed`](Self::detailed) has
    /// the selected one in full.
    pub fn customer(&self, i: usize) -> (&Customer, &Row) {
        (&self.data.portfolio.customers[i], &self.data.rows[i])
    }

    /// Customers in the portfolio (while it loads, as many as it will have).
    pub fn total(&self) -> usize {
        self.loading.unwrap_or(self.data.portfolio.customers.len())
    }

    /// Customers that pass the filter (before the search narrows them).
    pub fn filtered(&self) -> usize {
        self.sorted.len()
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        self.message = None;
        self.apply(action);
        self.follow_selection();
    }

    /// Applies one mouse event.
    pub fn point(&mut self, pointer: Pointer) {
        self.message = None;
        match pointer {
            Pointer::Click(at) => self.click(at),
            Pointer::Wheel { at, down } => {
                if let Some(at) = at {
                    self.focus = at.pane;
                    self.scroll(if down { 3 } else { -3 });
                }
            }
        }
        self.follow_selection();
    }

    fn apply(&mut self, action: Action) {
        if self.users_apply(action) {
            return;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Up => self.scroll(-1),
            Action::Down => self.scroll(1),
            Action::PageUp => self.scroll(-(PAGE as isize)),
            Action::PageDown => self.scroll(PAGE as isize),
            Action::Top => self.scroll(isize::MIN / 2),
            Action::Bottom => self.scroll(isize::MAX / 2),
            Action::Forward => {
                self.focus = match self.focus {
                    Focus::List => Focus::Detail,
                    _ => Focus::Actions,
                }
            }
            Action::Back => match self.focus {
                Focus::List => self.clear_search_and_filter(),
                other => self.focus = other.prev(),
            },
            Action::NextPane => self.focus = self.focus.next(),
            Action::PrevPane => self.focus = self.focus.prev(),
            Action::StartSearch => {
                // From an overlay too: the next customer is always `/` and a few letters away.
                self.overlay = None;
                self.before_search = self.selected_index().or(self.before_search);
                self.searching = true;
                self.focus = Focus::List;
                // `/` names the next customer: a new search, not more letters for the kept one.
                if !self.query.is_empty() {
                    self.set_query(String::new());
                }
            }
            Action::SearchInput(_) | Action::SearchBackspace | Action::SearchClearWord => {
                self.edit_query(action)
            }
            Action::SearchAccept => self.searching = false,
            Action::SearchCancel => {
                self.searching = false;
                self.set_query(String::new());
            }
            Action::CycleSort => {
                let priced = !self.data.thresholds.commerce.prices.is_empty();
                self.sort = self.sort.next(priced);
                self.resort();
            }
            // A filter or the overview would put other customers on the shared screen.
            Action::CycleFilter | Action::ToggleOverview if self.present => {
                self.message = Some(tr!(self.lang, NotWhilePresenting).into());
            }
            Action::CycleFilter => {
                let subscriptions = self
                    .data
                    .portfolio
                    .customers
                    .iter()
                    .any(|c| c.subscriptions.is_some());
                self.filter = self.filter.next(subscriptions);
                self.resort();
            }
            Action::TogglePresent => {
                self.present = !self.present;
                self.message = Some(if self.present {
                    tr!(self.lang, PresentingOn).into()
                } else {
                    tr!(self.lang, PresentingOff).into()
                });
            }
            Action::CopyText => self.copy(Markup::Text),
            Action::CopyMarkdown => self.copy(Markup::Markdown),
            Action::ToggleHelp => self.toggle_overlay(Overlay::Help),
            Action::ToggleOverview => self.toggle_overlay(Overlay::Overview),
            Action::ToggleWarnings if self.present => {
                self.message = Some(tr!(self.lang, WarningsHiddenPresenting).into());
            }
            Action::ToggleWarnings => self.toggle_overlay(Overlay::Warnings),
            Action::CloseOverlay => self.overlay = None,
            Action::OpenPicked => self.open_picked(),
            Action::ToggleUsers => {}
        }
    }

    /// Characters typed into the search at once (keys that arrived together, a burst of
    /// typing): what typing them one by one gives, searched once.
    pub fn type_in_search(&mut self, text: &str) {
        self.message = None;
        if !self.searching {
            return;
        }
        let mut q = self.query.clone();
        q.extend(text.chars().filter(|c| !c.is_control()));
        self.set_query(q);
        self.follow_selection();
    }

    /// Typing in the search: a character, Backspace, or Ctrl-w (the last word).
    fn edit_query(&mut self, action: Action) {
        let mut q = self.query.clone();
        match action {
            Action::SearchInput(ch) if ch.is_control() => return,
            Action::SearchInput(ch) => q.push(ch),
            Action::SearchBackspace => {
                q.pop();
            }
            Action::SearchClearWord => {
                let trimmed = q.trim_end();
                // After the last whitespace character, whatever its width in bytes (U+3000).
                let cut = trimmed
                    .char_indices()
                    .rfind(|(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                q.truncate(cut);
            }
            _ => return,
        }
        self.set_query(q);
    }

    /// The terminal loop put the last copy on the local clipboard too: say so.
    pub fn copied_locally(&mut self) {
        if let Some(note) = self.copied_note.take() {
            self.message = Some(note);
        }
    }

    /// A paste is text: it goes into the search (starting one on the list), never to a key
    /// binding. Escape sequences are removed whole; line breaks and other controls become
    /// spaces.
    pub fn paste(&mut self, text: &str) {
        self.message = None;
        self.search_pasted(text);
        self.follow_selection();
    }

    fn search_pasted(&mut self, text: &str) {
        if self.overlay.is_some() {
            return;
        }
        if !self.searching {
            if self.focus != Focus::List {
                return;
            }
            self.searching = true;
            self.query.clear();
        }
        let mut q = self.query.clone();
        q.push_str(&crate::text::pasted(text));
        self.set_query(q);
    }

    /// `Esc` on the list: the whole list again (no search, no filter), the selected customer
    /// kept.
    fn clear_search_and_filter(&mut self) {
        if !self.query.is_empty() {
            self.set_query(String::new());
        }
        if self.filter != Filter::default() {
            self.filter = Filter::default();
            self.resort();
        }
    }

    /// While a filter is on and the search finds nothing: how many customers the search would
    /// find without the filter.
    pub fn hidden_by_filter(&self) -> usize {
        if !self.visible.is_empty()
            || self.filter == Filter::default()
            || self.query.trim().is_empty()
        {
            return 0;
        }
        let all = analysis::select(&self.data.rows, self.sort, Filter::default());
        self.index.search(&all, &self.query).len()
    }

    fn click(&mut self, at: Option<Target>) {
        let Some(at) = at else {
            return;
        };
        self.focus = at.pane;
        let Some(pos) = at.row.filter(|_| at.pane == Focus::List && !self.present) else {
            return;
        };
        if pos < self.visible.len() && pos != self.selected {
            self.selected = pos;
            self.detail_row = 0;
            self.actions_scroll = 0;
        }
    }

    fn copy(&mut self, markup: Markup) {
        let Some((c, a)) = self.detailed() else {
            self.message = Some(tr!(self.lang, NothingToCopy).into());
            return;
        };
        let text = report::summary(&c, &a, self.data.now, markup, self.lang);
        let kind = match markup {
            Markup::Text => tr!(self.lang, PlainText),
            Markup::Markdown => "Markdown",
        };
        let n = text.lines().count();
        let sent = tr!(self.lang, CopySent, name = c.name, kind = kind, n = n);
        let copied = tr!(self.lang, Copied, name = c.name, kind = kind, n = n);
        self.message = Some(sent);
        self.copied_note = Some(copied);
        self.clipboard = Some(text);
    }

    fn toggle_overlay(&mut self, overlay: Overlay) {
        self.overlay = (self.overlay != Some(overlay)).then_some(overlay);
        self.overlay_scroll = 0;
        self.overview_pick = 0;
    }

    /// Enter in the overview: the chosen top opportunity's customer, selected and its detail
    /// focused (search and filter cleared when they hide it).
    fn open_picked(&mut self) {
        if self.overlay != Some(Overlay::Overview) {
            return;
        }
        let Some(&(customer, ..)) = self.data.stats.top.get(self.overview_pick) else {
            return;
        };
        self.overlay = None;
        self.searching = false;
        if !self.visible.contains(&customer) {
            self.clear_search_and_filter();
        }
        if let Some(pos) = self.visible.iter().position(|&i| i == customer) {
            self.selected = pos;
            self.detail_row = 0;
            self.actions_scroll = 0;
            self.focus = Focus::Detail;
        }
    }

    /// Moves whatever the focus scrolls: the selection, the detail, the actions or an overlay.
    fn scroll(&mut self, by: isize) {
        let step =
            |v: u16| -> u16 { (v as isize).saturating_add(by).clamp(0, u16::MAX as isize) as u16 };
        if self.overlay == Some(Overlay::Overview) && by.abs() == 1 {
            let last = self.data.stats.top.len().saturating_sub(1) as isize;
            self.overview_pick = (self.overview_pick as isize + by).clamp(0, last) as usize;
            return;
        }
        if self.overlay.is_some() {
            self.overlay_scroll = step(self.overlay_scroll);
            return;
        }
        match self.focus {
            Focus::List => {
                if self.visible.is_empty() {
                    return;
                }
                let last = self.visible.len() as isize - 1;
                let to = (self.selected as isize).saturating_add(by).clamp(0, last) as usize;
                if to != self.selected {
                    self.selected = to;
                    self.detail_row = 0;
                    self.actions_scroll = 0;
                }
            }
            Focus::Detail => {
                let last = self.detail_rows().saturating_sub(1) as isize;
                self.detail_row =
                    (self.detail_row as isize).saturating_add(by).clamp(0, last) as usize;
            }
            Focus::Actions => self.actions_scroll = step(self.actions_scroll),
        }
    }

    /// Re-sorts, keeping the selected customer selected.
    fn resort(&mut self) {
        let keep = self.selected_index();
        self.sorted = analysis::select(&self.data.rows, self.sort, self.filter);
        self.narrowing.clear();
        self.refilter(keep);
    }

    /// A new query selects its best match (the first one): the customer on screen is the one
    /// asked for. An emptied query keeps the selected customer.
    fn set_query(&mut self, query: String) {
        let keep = self.selected_index().or(self.before_search);
        // Shown as names are: a half-width sound mark joined to its letter (same search).
        self.query = crate::text::spaced_sound_marks(&query).into_owned();
        if self.query.trim().is_empty() {
            self.refilter(keep);
        } else {
            self.refilter(None);
            self.detail_row = 0;
            self.actions_scroll = 0;
        }
    }

    /// Recomputes `visible`; the selection stays on `keep` while it still matches.
    fn refilter(&mut self, keep: Option<usize>) {
        let terms = search::terms(&self.query);
        // Only queries this one extends can narrow it (a match of "mull" is a match of "mul"),
        // and only while the longer word gains no new kind of match (typos, ids).
        while self
            .narrowing
            .last()
            .is_some_and(|(t, _)| !search::narrows(t, &terms))
        {
            self.narrowing.pop();
        }
        let base = self.narrowing.last().map_or(&self.sorted, |(_, m)| m);
        let (visible, in_order) = self.index.search_keeping(base, &self.query);
        self.visible = visible;
        if !terms.is_empty() && self.narrowing.last().is_none_or(|(t, _)| *t != terms) {
            self.narrowing.push((terms, in_order));
        }
        let found = keep.and_then(|k| self.visible.iter().position(|&i| i == k));
        if found.is_none() {
            self.detail_row = 0;
            self.actions_scroll = 0;
        }
        self.selected = found.unwrap_or(0);
    }
}
