//! English: the terms of the Partner Center page (en-US edition).

use super::Msg::{self, *};

pub fn text(msg: Msg) -> &'static str {
    match msg {
        Na => "n/a",
        NaShort => "n/a",
        Today => "today",
        FutureDated => "dated in the future",
        DayOld => "{n} day old",
        DaysOld => "{n} days old",
        DateUnknown => "date unknown",
        NoneInData => "none in this data",
        AgeAsOf => "{date} ({age})",
        KeySearchHint => "search",
        KeySearch => "search by name or id (letters are text while searching)",
        KeyDown => "next customer / scroll down",
        KeyUp => "previous customer / scroll up",
        KeyTop => "first",
        KeyBottom => "last",
        KeyPageUp => "page up",
        KeyPageDown => "page down",
        KeyForwardHint => "detail",
        KeyForward => "focus the detail, then the actions",
        KeyBack => "back; on the list, clear the search and the filter",
        KeyPaneHint => "pane",
        KeyNextPane => "next pane",
        KeyPrevPane => "previous pane",
        KeySortHint => "sort",
        KeySort => {
            "sort: name, usage ↑, deployment ↑, unused licenses ↓, usage drop ↓, cost of idle seats ↓ (with prices)"
        }
        KeyFilterHint => "filter",
        KeyFilter => {
            "filter: all, needs attention, low usage, low deployment, over 100%, trials, renewing soon, renewing with idle seats (with subscriptions)"
        }
        KeyCopyHint => "copy",
        KeyCopy => "copy the customer's summary for notes (plain text, via the terminal: OSC 52)",
        KeyCopyMarkdown => "copy the summary as Markdown",
        KeyPresentHint => "present",
        KeyPresent => "screen-share mode: hide the other customers' names",
        KeyOverviewHint => "overview",
        KeyOverview => "portfolio overview: totals, distributions, medians, top opportunities",
        KeyWarnings => "import warnings (bad or skipped records)",
        KeyHelpHint => "help",
        KeyHelp => "keys and glossary",
        KeyQuit => "quit",
        KeyKeepHint => "keep",
        KeyKeep => "keep the filter, leave search",
        KeyClearHint => "clear",
        KeyClear => "clear the filter, leave search",
        KeyMoveHint => "move",
        KeyNextMatch => "next match",
        KeyPrevMatch => "previous match",
        KeyDeleteChar => "delete a character",
        KeyDeleteWord => "delete a word",
        KeyClose => "close",
        KeyScrollHint => "scroll",
        KeyScrollDown => "scroll down",
        KeyScrollUp => "scroll up",
        Presenting => "PRESENTING",
        DemoData => "demo data",
        PathsN => "{n} paths",
        SnapshotName => "snapshot {name}",
        DataAsOf => "data as of {when}",
        OlderThan => "⚠ older than {days} days: re-export",
        LoadingCustomers => "loading {n} customers…",
        CustomerOne => "{n} customer",
        CustomerMany => "{n} customers",
        SortTitle => "sort: {sort}",
        FilterTitle => "filter: {filter} ({n})",
        ImportWarningOne => "{n} import warning",
        ImportWarningMany => "{n} import warnings",
        NoteOne => "{n} note",
        NoteMany => "{n} notes",
        MatchesN => "{n} matches",
        MatchOne => "{n} match",
        QueryFilter => "filter “{query}”",
        ShownOfTotal => "{shown} of {total}",
        EscClears => "Esc clears",
        LoadingLine => "uptake · {what} · {seconds} s · keys typed now are kept · q quits",
        Reading => "reading {what}",
        Opening => "opening {what}",
        CustomersPane => "Customers · {sort}",
        NoCustomers => "No customers in this export.",
        KeyNamesNoProduct => {
            "{table}: {key} names no product in this data (check the spelling or the part number)"
        }
        FilterMatchesNone => "No customer matches the filter “{filter}”: f changes the filter.",
        NoMatch => "No close match for “{query}”.",
        NoMatchYet => "“{query}” is not among the customers loaded so far; all {n} are loading…",
        ColDeployment => "dep",
        ColUsage => "use",
        PresentHidden => "Other customers are hidden while presenting (p).",
        SuggestedActions => "Suggested actions",
        NoRuleFired => {
            "No rule fired. Deployment {deployment}, usage {usage}; thresholds: low deployment < {low_deployment}, low usage < {low_usage}, expand at ≥ {expand_deployment} and ≥ {expand_usage}."
        }
        Why => "why: {why}",
        Detail => "Detail",
        NoSelection => "No customer selected.",
        NoCustomerId => "no customer id in the export",
        CustomerId => "id {id}",
        DeploymentAsOf => "deployment as of {when}",
        UsageAsOf => "usage as of {when}",
        Deployment => "Deployment",
        Usage => "Usage",
        AssignedOf => "{assigned} of {sold} assigned",
        ActiveOf => "{active} of {total} active",
        NoDeploymentRecord => "no deployment record",
        NoUsageRecord => "no usage record",
        NoDeploymentData => "no deployment data",
        NoUsageData => "no usage data",
        ProductOne => "{n} product",
        ProductMany => "{n} products",
        ExplainDeployment => {
            "Deployment = assigned {assigned} ÷ sold {sold} = {percent}, summed over the {products} with licenses sold. Sold counts licenses bought from any partner or from Microsoft. Data as of {when}."
        }
        ExplainDeploymentNa => {
            "Deployment is n/a: no product has a record of licenses sold (usage-only data, such as an Insights usage download, has none)."
        }
        RowOne => "{n} product × workload row",
        RowMany => "{n} product × workload rows",
        ApproxExplain => " (approximate: a user holding several products counts more than once)",
        ExplainUsage => {
            "Usage = active {active} ÷ workload entitlements {total} = {percent}, summed over {rows}{approx}. A license counts once per workload it covers, so these are not head counts. Active: used in the last 28 calendar days. Data as of {when}."
        }
        ExplainUsageNa => "Usage is n/a: no workload has entitlements.",
        PortfolioMedian => "Portfolio median: deployment {deployment} · usage {usage}",
        ProductsUnreadable => {
            "⚠ Only the customer's totals: its products could not be read from the cache ({why}). Restart uptake to read them again."
        }
        SupportNone => "Support: no service requests",
        SupportCounts => {
            "Support: {open} open, {recent} created in the last 28 days ({total} in all)"
        }
        RenewsIn => "Renews in {days} days ({date}): unused licenses can be reduced then",
        RenewsInOne => "Renews in {days} day ({date}): unused licenses can be reduced then",
        TrialList => "Trial: {list}",
        TrialEnds => "{offer} (ends {date})",
        ExplainProductDeployment => {
            "{product}: deployment = assigned {assigned} ÷ sold {sold} = {percent}. Data as of {when}."
        }
        ExplainProductTrial => {
            "{product}: n/a, no license sold but {assigned} assigned: a trial or a cancelled subscription."
        }
        ExplainProductNoneSold => "{product}: n/a, no license sold.",
        ExplainProductNoRecord => {
            "{product}: the export has no deployment record for this product."
        }
        AssignedWithoutSoldNote => "assigned without sold: a trial or a cancelled subscription",
        Above100See => " Above 100%: see the documented causes below.",
        ExplainWorkload => {
            "{workload} in {product}: usage = active {active} ÷ entitlements {total} = {percent}. Active: the user used the entitlement in the last 28 calendar days. Data as of {when}.{over}"
        }
        ExplainWorkloadNa => "{workload} in {product}: n/a, no entitlements ({active} active).",
        FlagsLine => "Flags: {flags}",
        Over100Intro => {
            "! Usage above 100% is real data, not an error. Partner Center names these causes:"
        }
        Over100Cause1 => "a license moved to a new employee (both were active in the 28 days);",
        Over100Cause2 => {
            "two subscriptions for one SKU, one in grace, disabled or deprovisioned: activity counts for both, the total for one;"
        }
        Over100Cause3 => "a trial subscription: active, but not counted in the total entitlements;",
        Over100Cause4 => "Yammer used far beyond the licenses.",
        ApproxFootnote => {
            "≈ Overall usage spans several products: a user holding two of them counts twice."
        }
        TotalsFootnote => {
            "Totals include licenses bought from other partners or directly from Microsoft."
        }
        UsageTrend => "Usage trend",
        DeploymentTrend => "Deployment trend",
        Since => "since {date}",
        FlagLowDeployment => "low deployment",
        FlagLowUsage => "low usage",
        FlagUsageOver100 => "usage over 100%",
        FlagDeploymentNa => "deployment n/a (no sold licenses on record)",
        FlagUsageNa => "usage n/a (no entitlements)",
        FlagAssignedWithoutSold => "assigned without sold",
        FlagTrial => "trial",
        FlagStaleData => "stale data",
        FlagManySupportRequests => "many support requests",
        SortName => "name",
        SortUsage => "usage ↑",
        SortDeployment => "deployment ↑",
        SortUnused => "unused licenses ↓",
        SortDrop => "usage drop ↓",
        FilterAll => "all",
        FilterAttention => "needs attention",
        FilterOver100 => "over 100%",
        FilterTrials => "trials",
        FilterRenewing => "renewing soon",
        HelpTitle => "Help · keys and glossary",
        WarningsTitle => "Import warnings",
        OverviewTitle => "Portfolio overview",
        OverlayKeys => "j/k scroll · Esc closes",
        HelpKeys => "Keys",
        HelpWhileSearching => "While searching",
        HelpOtherKeys => "other keys  type into the search (q and j too)",
        HelpCtrlC => "Ctrl-c quits from anywhere.",
        Glossary => "Glossary",
        TermEntitlement => "Entitlement",
        GlossEntitlement => {
            "a license the user is entitled to: not suspended (for fraud or non-payment), not upgraded to another license, not cancelled."
        }
        TermActive => "Active",
        GlossActive => "the subscribed user used the entitlement in the last 28 calendar days.",
        TermDeployment => "Deployment %",
        GlossDeployment => {
            "assigned licenses / sold licenses, per product. n/a when no license is sold."
        }
        TermUsage => "Usage %",
        GlossUsage => {
            "active entitlements / total entitlements, per product and workload. n/a when there is no entitlement. It can exceed 100%:"
        }
        TermTotals => "Totals",
        GlossTotals => {
            "include licenses bought from other partners or directly from Microsoft. Data exists for Office 365 and Dynamics 365; OneDrive for Business counts with SharePoint."
        }
        TermUnused => "Unused licenses",
        GlossUnused => {
            "paid licenses with no active user in any workload of the product (an upper estimate: licenses minus the most active workload)."
        }
        TermWorkloadEntitlement => "Workload entitlement",
        GlossWorkloadEntitlement => {
            "a license counted once per workload it covers (Exchange, SharePoint, Teams…): the denominator of usage %. 100 licenses of a plan with 4 workloads are 400 workload entitlements, so these counts are not head counts."
        }
        UsageUnits => "{active} of {total} workload entitlements active{approx}",
        NotInLatest => {
            "{product}: not in the latest data (last seen {date}); shown in the trend only"
        }
        Thresholds => "Thresholds",
        ThresholdsLine => {
            "low usage < {low_usage} · low deployment < {low_deployment} · expand at deployment ≥ {expand_deployment} and usage ≥ {expand_usage} · workload gap ≥ {gap} points · stale after {stale} days"
        }
        NoWarnings => "No import warnings: every record was read.",
        WarningOne => "{n} warning",
        WarningMany => "{n} warnings",
        WarningsHead => "{warnings}; skipped records are not in the numbers.",
        WarningsHeadNotes => "{notes}; no record was left out.",
        WarnRecord => "record {n} ({path})",
        WarnField => "field {field}",
        WarnSkipped => "record skipped",
        PortfolioHeading => "Portfolio · {customers}",
        SeatsLine => {
            "Licenses sold {sold} · assigned {assigned} ({deployment}) · unassigned {unassigned} · unused {unused} · workload entitlements active {active} of {total} ({usage})"
        }
        ByDeployment => "Customers by deployment %",
        ByUsage => "Customers by usage %",
        TopOpportunities => "Top opportunities (by licenses)",
        NoneWord => "none",
        SeatsWord => "licenses",
        CustomersWord => "customers",
        CustomerWordOne => "customer",
        PartnerTotals => "Partner Center's own totals (as reported; scale undocumented)",
        PartnerSold => "{service}: {sold} licenses sold, prorated deployment {percent}",
        PartnerUsage => "{service} {workload}: prorated usage {percent}",
        ByRule => "By rule (customers · licenses concerned)",
        TitleCheckData => "Check the data before acting on usage over 100%",
        TitleRefreshData => "Refresh the data: re-export and import",
        TitleConvertTrial => "Convert the trial or clean up assignments",
        TitleShowValue => "Show the value: case studies, testimonials, tutorials",
        TitleAssignLicenses => "Help assign the unassigned licenses (onboarding)",
        TitleWorkloadAdoption => "Drive adoption of the lagging workload",
        TitleExpand => "Expand: more seats or a higher plan",
        TitleUsageFalling => "Re-engage: usage is falling (churn risk)",
        TitleTraining => "Offer training and promote self-service",
        StepCheckData1 => {
            "A license moved to a new employee: both users were active in the 28 days."
        }
        StepCheckData2 => {
            "Two subscriptions for one SKU, one in grace, disabled or deprovisioned: activity counts for both, the total for one."
        }
        StepCheckData3 => {
            "A trial subscription: its activity counts as active, but it is not in the total entitlements."
        }
        StepCheckData4 => "Yammer used far beyond the licenses can skew the figure.",
        StepRefreshData1 => {
            "Export deployment and usage again in Partner Center (Insights, Export)."
        }
        StepRefreshData2 => "Run `uptake import <files>` to cache the new snapshot.",
        StepConvertTrial1 => {
            "Licenses are assigned with none sold: a trial or a cancelled subscription."
        }
        StepConvertTrial2 => "Offer to convert the trial to a paid subscription before it ends,",
        StepConvertTrial3 => "or help remove the assignments of the cancelled one.",
        StepShowValue1 => "Users may not see what the software can do for them.",
        StepShowValue2 => "Share case studies and user testimonials for their scenarios.",
        StepShowValue3 => "Send tutorial blogs or videos for the tasks they already do.",
        StepShowValue4 => {
            "Offer training (in person or online) and promote the self-service options."
        }
        StepAssignLicenses1 => "Offer onboarding: assign the licenses and set up the users.",
        StepAssignLicenses2 => "Plan a deployment with the customer's IT contact.",
        StepAssignLicenses3 => "If the seats are not needed, right-size them at renewal.",
        StepWorkloadAdoption1 => "Share scenario tutorials and short videos for this workload.",
        StepWorkloadAdoption2 => "Offer a workshop that brings the workload into daily tasks.",
        StepExpand1 => "The customer uses what it has: talk about more seats or a higher plan.",
        StepExpand2 => "Training for advanced scenarios is a sales opportunity too.",
        StepTraining1 => {
            "Many how-to requests: users may be new to the software, the version or the task."
        }
        StepTraining2 => "Offer training, in person or online, to raise their expertise.",
        StepTraining3 => "At the same time promote the self-service options they have.",
        StepTraining4 => {
            "Show the self-service options on your support site next to your contact details."
        }
        StepUsageFalling1 => {
            "Falling usage is a churn risk: talk to the customer before the renewal."
        }
        StepUsageFalling2 => "Ask what changed: staff, a migration, a competing tool.",
        StepUsageFalling3 => {
            "Offer a refresher training or an adoption workshop for the workloads that dropped."
        }
        WhyOverItem => "{product} {workload} usage {percent} ({active} active of {total} licenses)",
        WhyOverOverall => "overall usage {percent} is above 100%",
        WhyOverOne => "{item} is above 100%",
        WhyOverMore => "{item} is above 100%, and {more} more",
        WhyStale => "data as of {date} is {days} days old (limit {limit} days)",
        WhyAssignedNoSold => "{product}: {assigned} licenses assigned, 0 sold",
        WhyAssignedMore => " (and {more} more products, {total} assigned in all)",
        WhyAssignedOneMore => " (and 1 more product, {total} assigned in all)",
        WhyTrialOne => "trial subscription {name}",
        WhyTrialMore => "trial subscriptions {name} and {more} more",
        WhyLowUsage => {
            "usage {usage} is below {threshold}: {unused} of {total} workload entitlements were not used in the last 28 days; up to {idle} of {licenses} licenses had no active user"
        }
        WhyLowDeployment => {
            "deployment {deployment} is below {threshold}: {unassigned} of {sold} licenses are not assigned"
        }
        WhyMostIn => " (most in {product}: {n})",
        WhyRenews => "; renews in {days} days ({date}): unused licenses can be reduced at renewal",
        WhyWorkloadGap => {
            "{workload} in {product}: usage {percent} ({active} of {total} licenses active) is {gap} points behind the product's other workloads ({others}); threshold {threshold} points"
        }
        WhyTraining => {
            "{open} open support requests (threshold {open_threshold}) and {recent} created in the last 28 days (threshold {recent_threshold})"
        }
        WhyFalling => {
            "usage fell from {from} to {to} ({delta} points) since {date}; threshold {threshold} points"
        }
        WhyExpand => {
            "deployment {deployment} ≥ {deployment_threshold} and usage {usage} ≥ {usage_threshold}: {assigned} of {sold} licenses assigned, {active} of {total} workload entitlements active"
        }
        WhySeparator => "; ",
        SummaryDeploymentAsOf => "deployment data as of {when}",
        SummaryUsageAsOf => "usage data as of {when}",
        LicensesAssignedOf => "{assigned} of {sold} licenses assigned",
        EntitlementsActiveOf => {
            "{active} of {total} workload entitlements active in the last 28 days{approx}"
        }
        ApproxShort => " (approx.: several products)",
        Products => "Products",
        WordDeployment => "deployment",
        WordUsage => "usage",
        Over100Note => {
            "Usage above 100% is real data; see the first suggestion for the documented causes."
        }
        NoRuleFiredShort => "none: no rule fired",
        ColCustomer => "Customer",
        ColDeploy => "Deploy",
        ColUsageLong => "Usage",
        ColUnused => "Unused",
        ColFlags => "Flags",
        NoCustomerMatches => "no customer matches {query} in {source}",
        EmptyQuery => "the query {query} names no customer: give a name, part of one, or an id",
        SeveralMatch => "{n} customers match {query}; be more specific or use an id:",
        AndMore => "… and {n} more",
        NoId => "(no id)",
        Error => "error",
        Note => "note",
        Warning => "warning",
        MoreWarnings => "{n} more (all of them: the app's w key, or uptake import's report)",
        PartnerTotalsOnly => {
            "this data holds only Partner Center's partner-level totals (no customer rows): open it in the app (o, the overview) to see them, or export the customer-level insights"
        }
        PresentingOn => "presenting: other customers are hidden (p to stop)",
        PresentingOff => "presenting stopped",
        WarningsHiddenPresenting => "import warnings are hidden while presenting",
        NotWhilePresenting => {
            "not while presenting: it would show other customers (p ends screen-share mode)"
        }
        NothingToCopy => "nothing to copy: no customer selected",
        Copied => "✓ copied to the clipboard: {name} ({kind}, {n} lines)",
        FilterHides => {
            "The filter “{filter}” hides {n} for “{query}”: Esc clears search and filter, f changes the filter."
        }
        PresentTyping => "{n} · Enter shows the chosen customer",
        CopySent => "sent to the terminal clipboard (OSC 52): {name} ({kind}, {n} lines)",
        CustomerStepCheckData => "We will check the usage figures with you: some count above 100%.",
        CustomerStepRefreshData => "We will refresh these figures with the latest data.",
        CustomerStepConvertTrial => {
            "Options for the trial: keep it as a subscription or tidy up the assignments."
        }
        CustomerStepShowValue => {
            "Examples and short tutorials for the tasks your teams do every day."
        }
        CustomerStepAssignLicenses => "Help to assign the licenses you have and set up your users.",
        CustomerStepWorkloadAdoption => {
            "Scenario tutorials and a short workshop for the less used workload."
        }
        CustomerStepExpand => "Options if more people or more features are needed.",
        CustomerStepUsageFalling => "A refresher training or an adoption workshop for your teams.",
        CustomerStepTraining => {
            "Training for your teams, and the self-service help you can use any time."
        }
        NextStepsTitle => "Next steps",
        MdMeasure => "Measure",
        MdPercent => "Percent",
        MdCounts => "Counts",
        ColUnusedShort => "unused",
        ColDropShort => "drop",
        KeyOpenPicked => "open the chosen top opportunity (overview)",
        OverviewKeys => "j/k choose · Enter opens · Esc closes",
        PlainText => "plain text",
        GlossLead => "{term}: ",
        MoreRecordsProblems => "; {n} more records have problems",
        KeepGoingHint => "{problem} (pass --keep-going to report the valid records)",
        NoCacheFolder => "no cache folder on this system; set UPTAKE_CACHE_DIR",
        CannotReadCache => "cannot read the snapshot cache",
        DamagedSnapshot => {
            "snapshot {name} is damaged: {problem}. `uptake snapshots --verify` checks every snapshot; import the export again"
        }
        NoData => {
            "no data: no snapshot in {dir}. Import exports with `uptake import PATH`, or pass --data PATH (--demo for the demo portfolio)"
        }
        // Commercial facts (issue 15)
        CostCustomer => {
            "priced products: unassigned seats {unassigned}; seats without an active user {idle}"
        }
        CostCustomerNoUsage => "priced products: unassigned seats {unassigned}",
        CostUnpriced => "not counted, no price: {names}",
        WhyCostPriced => "; the priced ones cost {month} a month ({year} a year)",
        OverviewPartlyPriced => "; {n} of them only partly (products without a price)",
        ColCostShort => "a month",
        SortCost => "cost of idle seats a month (* unassigned seats) ↓",
        FilterRenewingIdle => "renewing with idle seats",
        WhyCost => "; they cost {month} a month ({year} a year)",
        WhyBuffer => "; your buffer keeps {kept} of them (configured: {n}); {beyond} beyond it",
        WhyReduceUntil => "; {product}: {n} can be reduced until {date} ({yours})",
        WhyReduceAtRenewal => {
            "; {product}: reduce by {n} at the renewal on {date}; auto-renew is {auto} ({yours})"
        }
        WhyOffer => "; offer {to} to the {from} users",
        WhyPaid => "; its paid product: {name}",
        On => "on",
        Off => "off",
        Unknown => "unknown",
        Yours => "yours: {yours} of {sold} sold",
        YoursOverSold => {
            "yours: {yours}, more than the {sold} sold: check the subscriptions export"
        }
        CostHeading => "Cost of idle seats",
        CostTotal => "{month} a month ({year} a year)",
        CostProduct => {
            "{product}: unassigned {unassigned}, idle {idle} a month (at {price} per license)"
        }
        CostProductNoUsage => {
            "{product}: unassigned {unassigned} a month (at {price} per license; no usage data for idle seats)"
        }
        TermsHeading => "Renewal terms",
        TermsProduct => "{product}: {terms}",
        TermsOfThem => "{n} of them",
        TermsTerm => "term {term}",
        TermsBilled => "billed {cycle}",
        TermsRenews => "renews {date}",
        TermsRenewsUnknown => "renewal date unknown",
        TermsAuto => "auto-renew {auto}",
        TermsReduceUntil => "seats can be reduced until {date}",
        TermsReduceAtRenewal => "seats can next be reduced at the renewal",
        TermMonth => "1 month",
        TermMonths => "{n} months",
        TermYear => "1 year",
        TermYears => "{n} years",
        BillingMonthly => "monthly",
        BillingAnnual => "annually",
        BillingTriennial => "every three years",
        BillingOneTime => "once",
        ResourcesHeading => "Your resources",
        OverviewCost => {
            "Idle seats cost {month} a month ({year} a year) at your prices; {n} of {total} customers priced"
        }
        // Graph users (issue 14)
        UsersColName => "user",
        UsersColDays => "days inactive",
        UsersColProducts => "products",
        UsersNever => "never",
        UsersConcealed => "concealed",
        UsersHiddenName => "user {n}",
        UsersNoReport => {
            "{customer}: no Microsoft Graph user report (getOffice365ActiveUserDetail) was loaded for this customer; put it in a folder named by the tenant id"
        }
        UsersNoReportInFolder => {
            "{customer}: no active users detail report (getOffice365ActiveUserDetail) was found in its tenant folder {tenant} (only other Microsoft Graph files)"
        }
        UsersConcealedNote => {
            "user names are concealed in this tenant's reports ({n} users); the tenant admin turns it off in the Microsoft 365 admin center: Settings → Org settings → Services → Reports"
        }
        UsersHeading => {
            "{n} licensed users · {inactive} inactive (28 days) · Microsoft Graph report of {date}"
        }
        UsersFilterOn => {
            "showing {shown}: inactive in every workload ≥ {days} days (never active: licensed that long)"
        }
        UsersSortedBy => "sorted by {key}",
        UsersSortInactive => "longest inactive",
        UsersSortName => "name",
        UsersSortActive => "most recently active",
        UsersKeys => "s sort · f filter · y copy · Esc back",
        KeyUsersHint => "users",
        KeyUsers => "the licensed users of the selected customer (Microsoft Graph)",
        UsersNone => "no licensed user matches",
        UsersCopied => "{n} users copied",
        TitleReclaimLicenses => "Reclaim licenses of inactive users",
        StepReclaimLicenses1 => {
            "Review the inactive users with the customer (u lists them; y copies the list)."
        }
        StepReclaimLicenses2 => "Reassign the licenses of people who left or changed roles.",
        StepReclaimLicenses3 => "Reduce the seats at renewal if nobody needs them.",
        CustomerStepReclaimLicenses => {
            "Look at licenses assigned to people who have not used them for a long time."
        }
        WhyReclaim => {
            "{n} licensed users inactive for {days}+ days (Microsoft Graph report of {date}): reassign or reduce at renewal"
        }
        WhyReclaimOne => {
            "1 licensed user inactive for {days}+ days (Microsoft Graph report of {date}): reassign or reduce at renewal"
        }
        WhyReclaimProducts => "; they hold {products}",
        WhyReclaimProduct => "{product} ({n})",
        WhyReclaimMoreProducts => "{n} more products",
        WhyReclaimOneMoreProduct => "1 more product",
        GraphHeading => "Microsoft Graph (tenant reports) · {when} · {status}",
        GraphCurrent => "current: newer than Partner Center",
        GraphOlder => "older than Partner Center",
        GraphOnly => "the only source",
        GraphNoReport => "no user report",
        WordGraph => "Microsoft Graph",
        WordPartnerCenter => "Partner Center",
        SourcePartnerCenter => " Source: Partner Center.",
        ExplainGraphLicenses => {
            "Licenses in the tenant (source: Microsoft Graph subscribedSkus): assigned {assigned} ÷ sold {sold} = {percent}. Sold = enabled + in grace period; user-assignable SKUs only."
        }
        ExplainGraphWorkload => {
            "{workload} (source: Microsoft Graph report of {date}): {active} of {total} licensed users active in the 28 days ending at the report date = {percent}. People, not entitlements; OneDrive counts with SharePoint."
        }
        GraphDisagree => {
            " Partner Center says {percent} as of {when}: {points} points apart, more than 10. {current} is the newer source and counts as current."
        }
        SkuWarning => "expired, in its grace period",
        SkuSuspended => "suspended (can be reactivated before deletion)",
        SkuLockedOut => "locked out (cancelled)",
        GraphSkuState => "{sku}: {state}; {assigned} assigned, {enabled} enabled",
        LoadingBytes => "reading {file} · {done} of {total} MB · {rate} MB/s",
        LoadingBuilding => "all read · building the portfolio",
        WhyFallingPartnerCenter => " (Partner Center's data, compared with itself)",
        GraphUndated => "undated: Partner Center's figures head",
        SourcesDisagreeUndated => {
            "{other} (undated) says {percent}: {points} points apart, more than 10. {current}'s dated figure counts."
        }
        Over100PartnerCenter => {
            "Usage over 100%: in Partner Center's product rows above, not in Microsoft Graph's overall figure."
        }
        AsOfFrom => "{text}, source: {source}",
        ExplainDeploymentGraph => {
            "Deployment = assigned {assigned} ÷ sold {sold} = {percent}, summed over the tenant's {skus} (source: Microsoft Graph subscribedSkus, dated by the user report of {when}). Sold = enabled + in grace period: licenses bought from any partner or from Microsoft; free and self-service SKUs left out."
        }
        SkuOne => "{n} paid SKU",
        SkuMany => "{n} paid SKUs",
        ExplainUsageGraph => {
            "Usage = active {active} ÷ workload entitlements {total} = {percent}, summed over {workloads} (source: Microsoft Graph report of {when}). Each licensed user counts once per workload, OneDrive with SharePoint. Active: used in the 28 days ending at the report date."
        }
        WorkloadOne => "{n} workload",
        WorkloadMany => "{n} workloads",
        OtherSays => "{other} as of {when}: {percent}.",
        SourcesDisagree => {
            "{other} says {percent} as of {when}: {points} points apart, more than 10. {current} is the newer source and counts as current."
        }
        GraphAhead => "dated in the future: Partner Center's figures head",
        GraphDisagreeAhead => {
            " Partner Center says {percent} as of {when}: {points} points apart, more than 10. The report is dated in the future (a wrong clock or an edited file): Partner Center's figure, dated as it should be, counts."
        }
        SourcesDisagreeAhead => {
            "{other} says {percent} as of {when}: {points} points apart, more than 10. That date is in the future (a wrong clock or an edited file): {current}'s figure, dated as it should be, counts."
        }
    }
}
