//! The catalogue's keys. Each language file matches on every one of them. One macro declares
//! the enum and its [`Msg::ALL`] list, so no key can be left out of the completeness tests.

/// Declares `Msg` with its variants (documented by their English text) and `Msg::ALL`.
macro_rules! keys {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// A user-visible text. The English text is shown as each key's documentation.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg {
            $($(#[$doc])* $name,)*
        }

        impl Msg {
            /// Every key, in declaration order (for the completeness tests).
            pub const ALL: &[Msg] = &[$(Msg::$name,)*];
        }
    };
}

keys! {
    /// n/a
    Na,
    /// n/a
    NaShort,
    /// today
    Today,
    /// dated in the future
    FutureDated,
    /// {n} day old
    DayOld,
    /// {n} days old
    DaysOld,
    /// date unknown
    DateUnknown,
    /// none in this data
    NoneInData,
    /// {date} ({age})
    AgeAsOf,
    /// search
    KeySearchHint,
    /// search by name or id (letters are text while searching)
    KeySearch,
    /// next customer / scroll down
    KeyDown,
    /// previous customer / scroll up
    KeyUp,
    /// first
    KeyTop,
    /// last
    KeyBottom,
    /// page up
    KeyPageUp,
    /// page down
    KeyPageDown,
    /// detail
    KeyForwardHint,
    /// focus the detail, then the actions
    KeyForward,
    /// back; on the list, clear the search and the filter
    KeyBack,
    /// pane
    KeyPaneHint,
    /// next pane
    KeyNextPane,
    /// previous pane
    KeyPrevPane,
    /// sort
    KeySortHint,
    /// sort: name, usage ↑, deployment ↑, unused licenses ↓, usage drop ↓
    KeySort,
    /// filter
    KeyFilterHint,
    /// filter: all, needs attention, low usage, low deployment, over 100%, trials, renewing soon
    KeyFilter,
    /// copy
    KeyCopyHint,
    /// copy the customer's summary for notes (plain text, via the terminal: OSC 52)
    KeyCopy,
    /// copy the summary as Markdown
    KeyCopyMarkdown,
    /// present
    KeyPresentHint,
    /// screen-share mode: hide the other customers' names
    KeyPresent,
    /// overview
    KeyOverviewHint,
    /// portfolio overview: totals, distributions, medians, top opportunities
    KeyOverview,
    /// import warnings (bad or skipped records)
    KeyWarnings,
    /// help
    KeyHelpHint,
    /// keys and glossary
    KeyHelp,
    /// quit
    KeyQuit,
    /// keep
    KeyKeepHint,
    /// keep the filter, leave search
    KeyKeep,
    /// clear
    KeyClearHint,
    /// clear the filter, leave search
    KeyClear,
    /// move
    KeyMoveHint,
    /// next match
    KeyNextMatch,
    /// previous match
    KeyPrevMatch,
    /// delete a character
    KeyDeleteChar,
    /// delete a word
    KeyDeleteWord,
    /// close
    KeyClose,
    /// scroll
    KeyScrollHint,
    /// scroll down
    KeyScrollDown,
    /// scroll up
    KeyScrollUp,
    /// PRESENTING
    Presenting,
    /// demo data
    DemoData,
    /// {n} paths
    PathsN,
    /// snapshot {name}
    SnapshotName,
    /// data as of {when}
    DataAsOf,
    /// ⚠ older than {days} days: re-export
    OlderThan,
    /// loading {n} customers…
    LoadingCustomers,
    /// {n} customer
    CustomerOne,
    /// {n} customers
    CustomerMany,
    /// sort: {sort}
    SortTitle,
    /// filter: {filter} ({n})
    FilterTitle,
    /// {n} import warning
    ImportWarningOne,
    /// {n} import warnings
    ImportWarningMany,
    /// {n} note (an import note: nothing left out)
    NoteOne,
    /// {n} notes
    NoteMany,
    /// {n} matches
    MatchesN,
    /// {n} match
    MatchOne,
    /// filter “{query}”
    QueryFilter,
    /// {shown} of {total}
    ShownOfTotal,
    /// Esc clears
    EscClears,
    /// uptake · {what} · {seconds} s · keys typed now are kept · q quits
    LoadingLine,
    /// reading {what}
    Reading,
    /// opening {what}
    Opening,
    /// Customers · {sort}
    CustomersPane,
    /// No customers in this export.
    NoCustomers,
    KeyNamesNoProduct,
    FilterMatchesNone,
    /// No close match for “{query}”.
    NoMatch,
    /// Not among the customers loaded so far; {n} are loading.
    NoMatchYet,
    /// dep
    ColDeployment,
    /// use
    ColUsage,
    /// Other customers are hidden while presenting (p).
    PresentHidden,
    /// Suggested actions
    SuggestedActions,
    /// No rule fired. Deployment {deployment}, usage {usage}; thresholds: low deployment < {low_deployment}, low usage < {low_usage}, expand at ≥ {expand_deployment} and ≥ {expand_usage}.
    NoRuleFired,
    /// why: {why}
    Why,
    /// Detail
    Detail,
    /// No customer selected.
    NoSelection,
    /// no customer id in the export
    NoCustomerId,
    /// id {id}
    CustomerId,
    /// deployment as of {when}
    DeploymentAsOf,
    /// usage as of {when}
    UsageAsOf,
    /// Deployment
    Deployment,
    /// Usage
    Usage,
    /// {assigned} of {sold} assigned
    AssignedOf,
    /// {active} of {total} active
    ActiveOf,
    /// no deployment record
    NoDeploymentRecord,
    /// no usage record
    NoUsageRecord,
    /// no deployment data
    NoDeploymentData,
    /// no usage data
    NoUsageData,
    /// {n} product
    ProductOne,
    /// {n} products
    ProductMany,
    /// Deployment = assigned {assigned} ÷ sold {sold} = {percent}, summed over the {products} with licenses sold. Sold counts licenses bought from any partner or from Microsoft. Data as of {when}.
    ExplainDeployment,
    /// Deployment is n/a: no product has a record of licenses sold (usage-only data, such as an Insights usage download, has none).
    ExplainDeploymentNa,
    /// {n} product × workload row
    RowOne,
    /// {n} product × workload rows
    RowMany,
    /// (approximate: a user holding several products counts more than once)
    ApproxExplain,
    /// Usage = active {active} ÷ workload entitlements {total} = {percent}, summed over {rows}{approx}. A license counts once per workload it covers, so these are not head counts. Active: used in the last 28 calendar days. Data as of {when}.
    ExplainUsage,
    /// Usage is n/a: no workload has entitlements.
    ExplainUsageNa,
    /// Portfolio median: deployment {deployment} · usage {usage}
    PortfolioMedian,
    /// The detail without per-product figures: {why}
    ProductsUnreadable,
    /// Support: no service requests
    SupportNone,
    /// Support: {open} open, {recent} created in the last 28 days ({total} in all)
    SupportCounts,
    /// Renews in {days} days ({date}): unused licenses can be reduced then
    RenewsIn,
    /// Renews in {days} day ({date}): unused licenses can be reduced then
    RenewsInOne,
    /// Trial: {list}
    TrialList,
    /// {offer} (ends {date})
    TrialEnds,
    /// {product}: deployment = assigned {assigned} ÷ sold {sold} = {percent}. Data as of {when}.
    ExplainProductDeployment,
    /// {product}: n/a, no license sold but {assigned} assigned: a trial or a cancelled subscription.
    ExplainProductTrial,
    /// {product}: n/a, no license sold.
    ExplainProductNoneSold,
    /// {product}: the export has no deployment record for this product.
    ExplainProductNoRecord,
    /// assigned without sold: a trial or a cancelled subscription
    AssignedWithoutSoldNote,
    /// Above 100%: see the documented causes below.
    Above100See,
    /// {workload} in {product}: usage = active {active} ÷ entitlements {total} = {percent}. Active: the user used the entitlement in the last 28 calendar days. Data as of {when}.{over}
    ExplainWorkload,
    /// {workload} in {product}: n/a, no entitlements ({active} active).
    ExplainWorkloadNa,
    /// Flags: {flags}
    FlagsLine,
    /// ! Usage above 100% is real data, not an error. Partner Center names these causes:
    Over100Intro,
    /// a license moved to a new employee (both were active in the 28 days);
    Over100Cause1,
    /// two subscriptions for one SKU, one in grace, disabled or deprovisioned: activity counts for both, the total for one;
    Over100Cause2,
    /// a trial subscription: active, but not counted in the total entitlements;
    Over100Cause3,
    /// Yammer used far beyond the licenses.
    Over100Cause4,
    /// ≈ Overall usage spans several products: a user holding two of them counts twice.
    ApproxFootnote,
    /// Totals include licenses bought from other partners or directly from Microsoft.
    TotalsFootnote,
    /// Usage trend
    UsageTrend,
    /// Deployment trend
    DeploymentTrend,
    /// since {date}
    Since,
    /// low deployment
    FlagLowDeployment,
    /// low usage
    FlagLowUsage,
    /// usage over 100%
    FlagUsageOver100,
    /// deployment n/a (no sold licenses on record)
    FlagDeploymentNa,
    /// usage n/a (no entitlements)
    FlagUsageNa,
    /// assigned without sold
    FlagAssignedWithoutSold,
    /// trial
    FlagTrial,
    /// stale data
    FlagStaleData,
    /// many support requests
    FlagManySupportRequests,
    /// name
    SortName,
    /// usage ↑
    SortUsage,
    /// deployment ↑
    SortDeployment,
    /// unused licenses ↓
    SortUnused,
    /// usage drop ↓
    SortDrop,
    /// all
    FilterAll,
    /// needs attention
    FilterAttention,
    /// over 100%
    FilterOver100,
    /// trials
    FilterTrials,
    /// renewing soon
    FilterRenewing,
    /// Help · keys and glossary
    HelpTitle,
    /// Import warnings
    WarningsTitle,
    /// Portfolio overview
    OverviewTitle,
    /// j/k scroll · Esc closes
    OverlayKeys,
    /// Keys
    HelpKeys,
    /// While searching
    HelpWhileSearching,
    /// other keys  type into the search (q and j too)
    HelpOtherKeys,
    /// Ctrl-c quits from anywhere.
    HelpCtrlC,
    /// Glossary
    Glossary,
    /// Entitlement
    TermEntitlement,
    /// a license the user is entitled to: not suspended (for fraud or non-payment), not upgraded to another license, not cancelled.
    GlossEntitlement,
    /// Active
    TermActive,
    /// the subscribed user used the entitlement in the last 28 calendar days.
    GlossActive,
    /// Deployment %
    TermDeployment,
    /// assigned licenses / sold licenses, per product. n/a when no license is sold.
    GlossDeployment,
    /// Usage %
    TermUsage,
    /// active entitlements / total entitlements, per product and workload. n/a when there is no entitlement. It can exceed 100%:
    GlossUsage,
    /// Totals
    TermTotals,
    /// include licenses bought from other partners or directly from Microsoft. Data exists for Office 365 and Dynamics 365; OneDrive for Business counts with SharePoint.
    GlossTotals,
    /// Unused licenses
    TermUnused,
    /// paid licenses with no active user in any workload of the product (an upper estimate: licenses minus the most active workload).
    GlossUnused,
    /// Workload entitlement
    TermWorkloadEntitlement,
    /// a license counted once per workload it covers (Exchange, SharePoint, Teams…): the denominator of usage %. 100 licenses of a plan with 4 workloads are 400 workload entitlements, so these counts are not head counts.
    GlossWorkloadEntitlement,
    /// {active} of {total} workload entitlements active{approx}
    UsageUnits,
    /// {product}: not in the latest data (last seen {date}); shown in the trend only
    NotInLatest,
    /// Thresholds
    Thresholds,
    /// low usage < {low_usage} · low deployment < {low_deployment} · expand at deployment ≥ {expand_deployment} and usage ≥ {expand_usage} · workload gap ≥ {gap} points · stale after {stale} days
    ThresholdsLine,
    /// No import warnings: every record was read.
    NoWarnings,
    /// {n} warning
    WarningOne,
    /// {n} warnings
    WarningMany,
    /// {warnings}; skipped records are not in the numbers.
    WarningsHead,
    /// {notes}; no record was left out.
    WarningsHeadNotes,
    /// record {n} ({path})
    WarnRecord,
    /// field {field}
    WarnField,
    /// record skipped
    WarnSkipped,
    /// Portfolio · {customers}
    PortfolioHeading,
    /// Licenses sold {sold} · assigned {assigned} ({deployment}) · unassigned {unassigned} · unused {unused} · workload entitlements active {active} of {total} ({usage})
    SeatsLine,
    /// Customers by deployment %
    ByDeployment,
    /// Customers by usage %
    ByUsage,
    /// Top opportunities (by licenses)
    TopOpportunities,
    /// none
    NoneWord,
    /// licenses
    SeatsWord,
    /// customers
    CustomersWord,
    /// customer
    CustomerWordOne,
    /// Partner Center's own totals (as reported; scale undocumented)
    PartnerTotals,
    /// {service}: {sold} licenses sold, prorated deployment {percent}
    PartnerSold,
    /// {service} {workload}: prorated usage {percent}
    PartnerUsage,
    /// By rule (customers · licenses concerned)
    ByRule,
    /// Check the data before acting on usage over 100%
    TitleCheckData,
    /// Refresh the data: re-export and import
    TitleRefreshData,
    /// Convert the trial or clean up assignments
    TitleConvertTrial,
    /// Show the value: case studies, testimonials, tutorials
    TitleShowValue,
    /// Help assign the unassigned licenses (onboarding)
    TitleAssignLicenses,
    /// Drive adoption of the lagging workload
    TitleWorkloadAdoption,
    /// Expand: more seats or a higher plan
    TitleExpand,
    /// Re-engage: usage is falling (churn risk)
    TitleUsageFalling,
    /// Offer training and promote self-service
    TitleTraining,
    /// A license moved to a new employee: both users were active in the 28 days.
    StepCheckData1,
    /// Two subscriptions for one SKU, one in grace, disabled or deprovisioned: activity counts for both, the total for one.
    StepCheckData2,
    /// A trial subscription: its activity counts as active, but it is not in the total entitlements.
    StepCheckData3,
    /// Yammer used far beyond the licenses can skew the figure.
    StepCheckData4,
    /// Export deployment and usage again in Partner Center (Insights, Export).
    StepRefreshData1,
    /// Run `uptake import <files>` to cache the new snapshot.
    StepRefreshData2,
    /// Licenses are assigned with none sold: a trial or a cancelled subscription.
    StepConvertTrial1,
    /// Offer to convert the trial to a paid subscription before it ends,
    StepConvertTrial2,
    /// or help remove the assignments of the cancelled one.
    StepConvertTrial3,
    /// Users may not see what the software can do for them.
    StepShowValue1,
    /// Share case studies and user testimonials for their scenarios.
    StepShowValue2,
    /// Send tutorial blogs or videos for the tasks they already do.
    StepShowValue3,
    /// Offer training (in person or online) and promote the self-service options.
    StepShowValue4,
    /// Offer onboarding: assign the licenses and set up the users.
    StepAssignLicenses1,
    /// Plan a deployment with the customer's IT contact.
    StepAssignLicenses2,
    /// If the seats are not needed, right-size them at renewal.
    StepAssignLicenses3,
    /// Share scenario tutorials and short videos for this workload.
    StepWorkloadAdoption1,
    /// Offer a workshop that brings the workload into daily tasks.
    StepWorkloadAdoption2,
    /// The customer uses what it has: talk about more seats or a higher plan.
    StepExpand1,
    /// Training for advanced scenarios is a sales opportunity too.
    StepExpand2,
    /// Many how-to requests: users may be new to the software, the version or the task.
    StepTraining1,
    /// Offer training, in person or online, to raise their expertise.
    StepTraining2,
    /// At the same time promote the self-service options they have.
    StepTraining3,
    /// Show the self-service options on your support site next to your contact details.
    StepTraining4,
    /// Falling usage is a churn risk: talk to the customer before the renewal.
    StepUsageFalling1,
    /// Ask what changed: staff, a migration, a competing tool.
    StepUsageFalling2,
    /// Offer a refresher training or an adoption workshop for the workloads that dropped.
    StepUsageFalling3,
    /// {product} {workload} usage {percent} ({active} active of {total} licenses)
    WhyOverItem,
    /// overall usage {percent} is above 100%
    WhyOverOverall,
    /// {item} is above 100%
    WhyOverOne,
    /// {item} is above 100%, and {more} more
    WhyOverMore,
    /// data as of {date} is {days} days old (limit {limit} days)
    WhyStale,
    /// {product}: {assigned} licenses assigned, 0 sold
    WhyAssignedNoSold,
    /// (and {more} more products, {total} assigned in all)
    WhyAssignedMore,
    /// (and 1 more product, {total} assigned in all)
    WhyAssignedOneMore,
    /// trial subscription {name}
    WhyTrialOne,
    /// trial subscriptions {name} and {more} more
    WhyTrialMore,
    /// usage {usage} is below {threshold}: {unused} of {total} workload entitlements were not used in the last 28 days; up to {idle} of {licenses} licenses had no active user
    WhyLowUsage,
    /// deployment {deployment} is below {threshold}: {unassigned} of {sold} licenses are not assigned
    WhyLowDeployment,
    /// (most in {product}: {n})
    WhyMostIn,
    /// ; renews in {days} days ({date}): unused licenses can be reduced at renewal
    WhyRenews,
    /// {workload} in {product}: usage {percent} ({active} of {total} licenses active) is {gap} points behind the product's other workloads ({others}); threshold {threshold} points
    WhyWorkloadGap,
    /// {open} open support requests (threshold {open_threshold}) and {recent} created in the last 28 days (threshold {recent_threshold})
    WhyTraining,
    /// usage fell from {from} to {to} ({delta} points) since {date}; threshold {threshold} points
    WhyFalling,
    /// deployment {deployment} ≥ {deployment_threshold} and usage {usage} ≥ {usage_threshold}: {assigned} of {sold} licenses assigned, {active} of {total} workload entitlements active
    WhyExpand,
    /// ;
    WhySeparator,
    /// deployment data as of {when}
    SummaryDeploymentAsOf,
    /// usage data as of {when}
    SummaryUsageAsOf,
    /// {assigned} of {sold} licenses assigned
    LicensesAssignedOf,
    /// {active} of {total} workload entitlements active in the last 28 days{approx}
    EntitlementsActiveOf,
    /// (approx.: several products)
    ApproxShort,
    /// Products
    Products,
    /// deployment
    WordDeployment,
    /// usage
    WordUsage,
    /// Usage above 100% is real data; see the first suggestion for the documented causes.
    Over100Note,
    /// none: no rule fired
    NoRuleFiredShort,
    /// Customer
    ColCustomer,
    /// Deploy
    ColDeploy,
    /// Usage
    ColUsageLong,
    /// Unused
    ColUnused,
    /// Flags
    ColFlags,
    /// no customer matches {query} in {source}
    NoCustomerMatches,
    EmptyQuery,
    /// {n} customers match {query}; be more specific or use an id:
    SeveralMatch,
    /// … and {n} more
    AndMore,
    /// (no id)
    NoId,
    /// error
    Error,
    /// note
    Note,
    /// warning
    Warning,
    /// {n} more (all of them: the app's w key, or uptake import's report)
    MoreWarnings,
    /// this data holds only Partner Center's partner-level totals (no customer rows): open it in the app (o, the overview) to see them, or export the customer-level insights
    PartnerTotalsOnly,
    /// presenting: other customers are hidden (p to stop)
    PresentingOn,
    /// presenting stopped
    PresentingOff,
    /// import warnings are hidden while presenting
    WarningsHiddenPresenting,
    /// not while presenting: it would show other customers (p ends screen-share mode)
    NotWhilePresenting,
    /// nothing to copy: no customer selected
    NothingToCopy,
    /// ✓ copied to the clipboard: {name} ({kind}, {n} lines)
    Copied,
    /// The filter “{filter}” hides {n} for “{query}”: Esc clears search and filter, f changes the filter.
    FilterHides,
    /// {n} · Enter shows the chosen customer
    PresentTyping,
    /// sent to the terminal clipboard (OSC 52): {name} ({kind}, {n} lines)
    CopySent,
    /// We will check the usage figures with you: some count above 100%.
    CustomerStepCheckData,
    /// We will refresh these figures with the latest data.
    CustomerStepRefreshData,
    /// Options for the trial: keep it as a subscription or tidy up the assignments.
    CustomerStepConvertTrial,
    /// Examples and short tutorials for the tasks your teams do every day.
    CustomerStepShowValue,
    /// Help to assign the licenses you have and set up your users.
    CustomerStepAssignLicenses,
    /// Scenario tutorials and a short workshop for the less used workload.
    CustomerStepWorkloadAdoption,
    /// Options if more people or more features are needed.
    CustomerStepExpand,
    /// A refresher training or an adoption workshop for your teams.
    CustomerStepUsageFalling,
    /// Training for your teams, and the self-service help you can use any time.
    CustomerStepTraining,
    /// Next steps
    NextStepsTitle,
    /// Measure
    MdMeasure,
    /// Percent
    MdPercent,
    /// Counts
    MdCounts,
    /// unused
    ColUnusedShort,
    /// drop
    ColDropShort,
    /// open the chosen top opportunity (overview)
    KeyOpenPicked,
    /// j/k choose · Enter opens · Esc closes
    OverviewKeys,
    /// plain text
    PlainText,
    /// {term}:
    GlossLead,
    /// ; {n} more records have problems
    MoreRecordsProblems,
    /// {problem} (pass --keep-going to report the valid records)
    KeepGoingHint,
    /// no cache folder on this system; set UPTAKE_CACHE_DIR
    NoCacheFolder,
    /// cannot read the snapshot cache
    CannotReadCache,
    /// no data: no snapshot in {dir}. Import exports with `uptake import PATH`, or pass --data PATH (--demo for the demo portfolio)
    NoData,
    /// snapshot {name} is damaged: {problem}. `uptake snapshots --verify` checks every snapshot; import the export again
    DamagedSnapshot,
    // Commercial facts (issue 15)
    /// all products: unassigned seats {unassigned}; seats without an active user {idle}
    CostCustomer,
    /// all products: unassigned seats {unassigned}
    CostCustomerNoUsage,
    /// idle cost
    ColCostShort,
    /// cost of idle seats ↓
    SortCost,
    /// renewing with idle seats
    FilterRenewingIdle,
    /// ; they cost {month} a month ({year} a year)
    WhyCost,
    /// ; {beyond} beyond your buffer of {n}
    WhyBuffer,
    /// ; {product}: {n} can be reduced until {date} ({yours})
    WhyReduceUntil,
    /// ; {product}: reduce by {n} at the renewal on {date}; auto-renew is {auto} ({yours})
    WhyReduceAtRenewal,
    /// ; offer {to} to the {from} users
    WhyOffer,
    /// ; its paid product: {name}
    WhyPaid,
    /// on
    On,
    /// off
    Off,
    /// unknown
    Unknown,
    /// yours: {yours} of {sold} sold
    Yours,
    /// Cost of idle seats
    CostHeading,
    /// {month} a month ({year} a year)
    CostTotal,
    /// {product}: unassigned {unassigned}, idle {idle} a month (at {price} per license)
    CostProduct,
    /// {product}: unassigned {unassigned} a month (at {price} per license; no usage data for idle seats)
    CostProductNoUsage,
    /// Renewal terms
    TermsHeading,
    /// {product}: {terms}
    TermsProduct,
    /// term {term}
    TermsOfThem,
    YoursOverSold,
    CostUnpriced,
    WhyCostPriced,
    OverviewPartlyPriced,
    TermsTerm,
    /// billed {cycle}
    TermsBilled,
    /// renews {date}
    TermsRenews,
    /// renewal date unknown
    TermsRenewsUnknown,
    /// auto-renew {auto}
    TermsAuto,
    /// seats can be reduced until {date}
    TermsReduceUntil,
    /// seats can next be reduced at the renewal
    TermsReduceAtRenewal,
    /// 1 month
    TermMonth,
    /// {n} months
    TermMonths,
    /// 1 year
    TermYear,
    /// {n} years
    TermYears,
    /// monthly
    BillingMonthly,
    /// annually
    BillingAnnual,
    /// every three years
    BillingTriennial,
    /// once
    BillingOneTime,
    /// Your resources
    ResourcesHeading,
    /// Idle seats cost {month} a month ({year} a year) at your prices; {n} of {total} customers priced
    OverviewCost,
    // Graph users (issue 14)
    /// user
    UsersColName,
    /// days inactive
    UsersColDays,
    /// products
    UsersColProducts,
    /// never
    UsersNever,
    /// concealed
    UsersConcealed,
    /// user {n}
    UsersHiddenName,
    /// {customer}: no Microsoft Graph user report (getOffice365ActiveUserDetail) was loaded for this customer; put it in a folder named by the tenant id
    UsersNoReport,
    /// {customer}: no active users detail report (getOffice365ActiveUserDetail) was found in its tenant folder {tenant} (only other Microsoft Graph files)
    UsersNoReportInFolder,
    /// user names are concealed in this tenant's reports ({n} users); the tenant admin turns it off in the Microsoft 365 admin center: Settings → Org settings → Services → Reports
    UsersConcealedNote,
    /// {n} licensed users · {inactive} inactive (28 days) · Microsoft Graph report of {date}
    UsersHeading,
    /// showing {shown}: inactive in every workload ≥ {days} days (never active: licensed that long)
    UsersFilterOn,
    /// sorted by {key}
    UsersSortedBy,
    /// longest inactive
    UsersSortInactive,
    /// name
    UsersSortName,
    /// most recently active
    UsersSortActive,
    /// s sort · f filter · y copy · Esc back
    UsersKeys,
    /// users
    KeyUsersHint,
    /// the licensed users of the selected customer (Microsoft Graph)
    KeyUsers,
    /// no licensed user matches
    UsersNone,
    /// {n} users copied
    UsersCopied,
    /// Reclaim licenses of inactive users
    TitleReclaimLicenses,
    /// Review the inactive users with the customer (u lists them; y copies the list).
    StepReclaimLicenses1,
    /// Reassign the licenses of people who left or changed roles.
    StepReclaimLicenses2,
    /// Reduce the seats at renewal if nobody needs them.
    StepReclaimLicenses3,
    /// Look at licenses assigned to people who have not used them for a long time.
    CustomerStepReclaimLicenses,
    /// {n} licensed users inactive for {days}+ days (Microsoft Graph report of {date}): reassign or reduce at renewal
    WhyReclaim,
    /// 1 licensed user inactive for {days}+ days (Microsoft Graph report of {date}): reassign or reduce at renewal
    WhyReclaimOne,
    /// ; they hold {products}
    WhyReclaimProducts,
    /// {product} ({n})
    WhyReclaimProduct,
    /// {n} more products
    WhyReclaimMoreProducts,
    /// 1 more product
    WhyReclaimOneMoreProduct,
    /// Microsoft Graph (tenant reports) · {when} · {status}
    GraphHeading,
    /// current: newer than Partner Center
    GraphCurrent,
    /// older than Partner Center
    GraphOlder,
    /// the only source
    GraphOnly,
    /// no user report
    GraphNoReport,
    /// Microsoft Graph
    WordGraph,
    /// Partner Center
    WordPartnerCenter,
    ///  Source: Partner Center.
    SourcePartnerCenter,
    /// Licenses in the tenant (source: Microsoft Graph subscribedSkus): assigned {assigned} ÷ sold {sold} = {percent}. Sold = enabled + in grace period; user-assignable SKUs only.
    ExplainGraphLicenses,
    /// {workload} (source: Microsoft Graph report of {date}): {active} of {total} licensed users active in the 28 days ending at the report date = {percent}. People, not entitlements; OneDrive counts with SharePoint.
    ExplainGraphWorkload,
    ///  Partner Center says {percent} ({when}): {points} points apart, more than 10. {current} is the newer source and counts as current.
    GraphDisagree,
    /// expired, in its grace period
    SkuWarning,
    /// suspended (can be reactivated before deletion)
    SkuSuspended,
    /// locked out (cancelled)
    SkuLockedOut,
    /// {sku}: {state}; {assigned} assigned, {enabled} enabled
    GraphSkuState,
    /// reading {file} · {done} of {total} MB · {rate} MB/s
    LoadingBytes,
    /// all read · building the portfolio
    LoadingBuilding,
    ///  (Partner Center's data, compared with itself)
    WhyFallingPartnerCenter,
    /// undated: Partner Center's figures head
    GraphUndated,
    /// {other} (undated) says {percent}: {points} points apart, more than 10. {current}'s dated figure counts.
    SourcesDisagreeUndated,
    /// Usage over 100%: in Partner Center's product rows above, not in Microsoft Graph's overall figure.
    Over100PartnerCenter,
    /// {text}, source: {source}
    AsOfFrom,
    /// Deployment = assigned {assigned} ÷ sold {sold} = {percent}, summed over the tenant's {skus} (source: Microsoft Graph subscribedSkus, dated by the user report of {when}). Sold = enabled + in grace period: licenses bought from any partner or from Microsoft; free and self-service SKUs left out.
    ExplainDeploymentGraph,
    /// {n} paid SKU
    SkuOne,
    /// {n} paid SKUs
    SkuMany,
    /// Usage = active {active} ÷ workload entitlements {total} = {percent}, summed over {workloads} (source: Microsoft Graph report of {when}). Each licensed user counts once per workload, OneDrive with SharePoint. Active: used in the 28 days ending at the report date.
    ExplainUsageGraph,
    /// {n} workload
    WorkloadOne,
    /// {n} workloads
    WorkloadMany,
    /// {other} ({when}): {percent}.
    OtherSays,
    /// {other} says {percent} ({when}): {points} points apart, more than 10. {current} is the newer source and counts as current.
    SourcesDisagree,
    /// dated in the future: Partner Center's figures head
    GraphAhead,
    ///  Partner Center says {percent} as of {when}: {points} points apart, more than 10. The report is dated in the future (…): Partner Center's figure, dated as it should be, counts.
    GraphDisagreeAhead,
    /// {other} says {percent} as of {when}: {points} points apart, more than 10. That date is in the future (…): {current}'s figure, dated as it should be, counts.
    SourcesDisagreeAhead,
}

impl Msg {
    /// Keys of punctuation and placeholders only: they may read the same in every language.
    pub fn same_everywhere(self) -> bool {
        matches!(
            self,
            Msg::WhySeparator | Msg::AgeAsOf | Msg::GlossLead | Msg::TermsProduct
        )
            // Graph users (issue 14): product names.
            || matches!(self, Msg::WordGraph | Msg::WordPartnerCenter)
    }
}
