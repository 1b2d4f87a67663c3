//! German (Deutsch): the terms of the Partner Center page's de-DE edition (Berechtigung,
//! Aktiv, Bereitstellung %, Nutzung %, Karenzzeit, Testabonnement, Supportanfragen).

use super::Msg::{self, *};

pub fn text(msg: Msg) -> &'static str {
    match msg {
        Na => "n. v.",
        NaShort => "n. v.",
        Today => "heute",
        FutureDated => "in der Zukunft datiert",
        DayOld => "{n} Tag alt",
        DaysOld => "{n} Tage alt",
        DateUnknown => "Datum unbekannt",
        NoneInData => "nicht in diesen Daten",
        AgeAsOf => "{date} ({age})",
        KeySearchHint => "suchen",
        KeySearch => "nach Name oder ID suchen (beim Suchen sind Buchstaben Text)",
        KeyDown => "nächster Kunde / nach unten blättern",
        KeyUp => "vorheriger Kunde / nach oben blättern",
        KeyTop => "erster",
        KeyBottom => "letzter",
        KeyPageUp => "Seite nach oben",
        KeyPageDown => "Seite nach unten",
        KeyForwardHint => "Details",
        KeyForward => "Details fokussieren, dann die Aktionen",
        KeyBack => "zurück; in der Liste Suche und Filter löschen",
        KeyPaneHint => "Bereich",
        KeyNextPane => "nächster Bereich",
        KeyPrevPane => "vorheriger Bereich",
        KeySortHint => "sortieren",
        KeySort => {
            "sortieren: Name, Nutzung ↑, Bereitstellung ↑, ungenutzte Lizenzen ↓, Nutzungsrückgang ↓, Kosten ungenutzter Lizenzen ↓ (mit Preisen)"
        }
        KeyFilterHint => "filtern",
        KeyFilter => {
            "filtern: alle, Handlungsbedarf, niedrige Nutzung, niedrige Bereitstellung, über 100 %, Testversionen, Verlängerung bald, Verlängerung bald mit ungenutzten Lizenzen (mit Abonnements)"
        }
        KeyCopyHint => "kopieren",
        KeyCopy => {
            "Zusammenfassung des Kunden für Notizen kopieren (Klartext, über das Terminal: OSC 52)"
        }
        KeyCopyMarkdown => "Zusammenfassung als Markdown kopieren",
        KeyPresentHint => "präsentieren",
        KeyPresent => "Bildschirmfreigabe: Namen der anderen Kunden ausblenden",
        KeyOverviewHint => "Übersicht",
        KeyOverview => "Portfolio-Übersicht: Summen, Verteilungen, Mediane, größte Chancen",
        KeyWarnings => "Importwarnungen (fehlerhafte oder übersprungene Datensätze)",
        KeyHelpHint => "Hilfe",
        KeyHelp => "Tasten und Glossar",
        KeyQuit => "beenden",
        KeyKeepHint => "behalten",
        KeyKeep => "Filter behalten, Suche verlassen",
        KeyClearHint => "löschen",
        KeyClear => "Filter löschen, Suche verlassen",
        KeyMoveHint => "bewegen",
        KeyNextMatch => "nächster Treffer",
        KeyPrevMatch => "vorheriger Treffer",
        KeyDeleteChar => "ein Zeichen löschen",
        KeyDeleteWord => "ein Wort löschen",
        KeyClose => "schließen",
        KeyScrollHint => "blättern",
        KeyScrollDown => "nach unten blättern",
        KeyScrollUp => "nach oben blättern",
        Presenting => "PRÄSENTATION",
        DemoData => "Demodaten",
        PathsN => "{n} Pfade",
        SnapshotName => "Snapshot {name}",
        DataAsOf => "Daten vom {when}",
        OlderThan => "⚠ älter als {days} Tage: neu exportieren",
        LoadingCustomers => "lade {n} Kunden…",
        CustomerOne => "{n} Kunde",
        CustomerMany => "{n} Kunden",
        SortTitle => "Sortierung: {sort}",
        FilterTitle => "Filter: {filter} ({n})",
        ImportWarningOne => "{n} Importwarnung",
        ImportWarningMany => "{n} Importwarnungen",
        NoteOne => "{n} Hinweis",
        NoteMany => "{n} Hinweise",
        MatchesN => "{n} Treffer",
        MatchOne => "{n} Treffer",
        QueryFilter => "Filter „{query}“",
        ShownOfTotal => "{shown} von {total}",
        EscClears => "Esc löscht",
        LoadingLine => {
            "uptake · {what} · {seconds} s · jetzt getippte Tasten bleiben erhalten · q beendet"
        }
        Reading => "lese {what}",
        Opening => "öffne {what}",
        CustomersPane => "Kunden · {sort}",
        NoCustomers => "Dieser Export enthält keine Kunden.",
        KeyNamesNoProduct => {
            "{table}: {key} bezeichnet kein Produkt in diesen Daten (Schreibweise oder Teilenummer prüfen)"
        }
        FilterMatchesNone => "Kein Kunde passt zum Filter „{filter}“: f wechselt den Filter.",
        NoMatch => "Kein Kunde passt annähernd zu „{query}“.",
        NoMatchYet => {
            "„{query}“ ist nicht unter den bisher geladenen Kunden; alle {n} werden geladen …"
        }
        ColDeployment => "Ber.",
        ColUsage => "Nutz.",
        PresentHidden => "Andere Kunden sind während der Präsentation ausgeblendet (p).",
        SuggestedActions => "Empfohlene Aktionen",
        NoRuleFired => {
            "Keine Regel ausgelöst. Bereitstellung {deployment}, Nutzung {usage}; Schwellenwerte: niedrige Bereitstellung < {low_deployment}, niedrige Nutzung < {low_usage}, Erweiterung ab ≥ {expand_deployment} und ≥ {expand_usage}."
        }
        Why => "Grund: {why}",
        Detail => "Details",
        NoSelection => "Kein Kunde ausgewählt.",
        NoCustomerId => "keine Kunden-ID im Export",
        CustomerId => "ID {id}",
        DeploymentAsOf => "Bereitstellung vom {when}",
        UsageAsOf => "Nutzung vom {when}",
        Deployment => "Bereitstellung",
        Usage => "Nutzung",
        AssignedOf => "{assigned}/{sold} zugewiesen",
        ActiveOf => "{active} von {total} aktiv",
        NoDeploymentRecord => "kein Bereitstellungsdatensatz",
        NoUsageRecord => "kein Nutzungsdatensatz",
        NoDeploymentData => "keine Bereitstellungsdaten",
        NoUsageData => "keine Nutzungsdaten",
        ProductOne => "{n} Produkt",
        ProductMany => "{n} Produkte",
        ExplainDeployment => {
            "Bereitstellung = zugewiesen {assigned} ÷ verkauft {sold} = {percent}, summiert über {products} mit verkauften Lizenzen. Verkauft zählt Lizenzen von allen Partnern und direkt von Microsoft. Daten vom {when}."
        }
        ExplainDeploymentNa => {
            "Bereitstellung n. v.: kein Produkt hat einen Datensatz verkaufter Lizenzen (reine Nutzungsdaten, etwa ein Insights-Nutzungsdownload, haben keinen)."
        }
        RowOne => "{n} Zeile Produkt × Workload",
        RowMany => "{n} Zeilen Produkt × Workload",
        ApproxExplain => " (ungefähr: Ein Benutzer mit mehreren Produkten zählt mehrfach)",
        ExplainUsage => {
            "Nutzung = aktiv {active} ÷ Workload-Berechtigungen {total} = {percent}, summiert über {rows}{approx}. Eine Lizenz zählt einmal je Workload, den sie abdeckt: das sind keine Köpfe. Aktiv: in den letzten 28 Kalendertagen verwendet. Daten vom {when}."
        }
        ExplainUsageNa => "Nutzung ist n. v.: Kein Workload hat Berechtigungen.",
        PortfolioMedian => "Portfolio-Median: Bereitstellung {deployment} · Nutzung {usage}",
        ProductsUnreadable => {
            "⚠ Nur die Summen des Kunden: seine Produkte ließen sich nicht aus dem Cache lesen ({why}). Starten Sie uptake neu, um sie erneut zu lesen."
        }
        SupportNone => "Support: keine Serviceanfragen",
        SupportCounts => {
            "Support: {open} offen, {recent} in den letzten 28 Tagen erstellt ({total} insgesamt)"
        }
        RenewsIn => {
            "Verlängerung in {days} Tagen ({date}): Ungenutzte Lizenzen können dann reduziert werden"
        }
        RenewsInOne => {
            "Verlängerung in {days} Tag ({date}): Ungenutzte Lizenzen können dann reduziert werden"
        }
        TrialList => "Testversion: {list}",
        TrialEnds => "{offer} (endet am {date})",
        ExplainProductDeployment => {
            "{product}: Bereitstellung = zugewiesen {assigned} ÷ verkauft {sold} = {percent}. Daten vom {when}."
        }
        ExplainProductTrial => {
            "{product}: n. v., keine Lizenz verkauft, aber {assigned} zugewiesen: ein Testabonnement oder ein gekündigtes Abonnement."
        }
        ExplainProductNoneSold => "{product}: n. v., keine Lizenz verkauft.",
        ExplainProductNoRecord => {
            "{product}: Der Export enthält keinen Bereitstellungsdatensatz für dieses Produkt."
        }
        AssignedWithoutSoldNote => {
            "zugewiesen ohne Verkauf: ein Testabonnement oder ein gekündigtes Abonnement"
        }
        Above100See => " Über 100 %: Die dokumentierten Gründe stehen unten.",
        ExplainWorkload => {
            "{workload} in {product}: Nutzung = aktiv {active} ÷ Berechtigungen {total} = {percent}. Aktiv: Der Benutzer hat die Berechtigung in den letzten 28 Kalendertagen verwendet. Daten vom {when}.{over}"
        }
        ExplainWorkloadNa => {
            "{workload} in {product}: n. v., keine Berechtigungen ({active} aktiv)."
        }
        FlagsLine => "Hinweise: {flags}",
        Over100Intro => {
            "! Eine Nutzung über 100 % beruht auf echten Daten und ist kein Fehler. Partner Center nennt diese Gründe:"
        }
        Over100Cause1 => {
            "die Lizenz wurde wegen eines Mitarbeiterwechsels auf einen neuen Benutzer übertragen (beide waren in den 28 Tagen aktiv);"
        }
        Over100Cause2 => {
            "zwei Abonnements für eine SKU, eines in Karenzzeit, deaktiviert oder nicht mehr bereitgestellt: Die Aktivität zählt für beide, die Gesamtsumme für eines;"
        }
        Over100Cause3 => {
            "ein Testabonnement: aktiv, aber nicht in den Gesamtberechtigungen gezählt;"
        }
        Over100Cause4 => "Yammer deutlich mehr genutzt, als die Lizenzen berechtigen.",
        ApproxFootnote => {
            "≈ Die Gesamtnutzung umfasst mehrere Produkte: Ein Benutzer mit zweien davon zählt doppelt."
        }
        TotalsFootnote => {
            "Die Summen enthalten Lizenzen von anderen Partnern oder direkt von Microsoft."
        }
        UsageTrend => "Nutzungstrend",
        DeploymentTrend => "Bereitstellungstrend",
        Since => "seit {date}",
        FlagLowDeployment => "niedrige Bereitstellung",
        FlagLowUsage => "niedrige Nutzung",
        FlagUsageOver100 => "Nutzung über 100 %",
        FlagDeploymentNa => "Bereitstellung n. v. (keine verkauften Lizenzen erfasst)",
        FlagUsageNa => "Nutzung n. v. (keine Berechtigungen)",
        FlagAssignedWithoutSold => "zugewiesen ohne Verkauf",
        FlagTrial => "Testversion",
        FlagStaleData => "veraltete Daten",
        FlagManySupportRequests => "viele Supportanfragen",
        SortName => "Name",
        SortUsage => "Nutzung ↑",
        SortDeployment => "Bereitstellung ↑",
        SortUnused => "ungenutzte Lizenzen ↓",
        SortDrop => "Nutzungsrückgang ↓",
        FilterAll => "alle",
        FilterAttention => "Handlungsbedarf",
        FilterOver100 => "über 100 %",
        FilterTrials => "Testversionen",
        FilterRenewing => "Verlängerung bald",
        HelpTitle => "Hilfe · Tasten und Glossar",
        WarningsTitle => "Importwarnungen",
        OverviewTitle => "Portfolio-Übersicht",
        OverlayKeys => "j/k blättern · Esc schließt",
        HelpKeys => "Tasten",
        HelpWhileSearching => "Beim Suchen",
        HelpOtherKeys => "andere Tasten  werden zum Suchtext (auch q und j)",
        HelpCtrlC => "Ctrl-c beendet überall.",
        Glossary => "Glossar",
        TermEntitlement => "Berechtigung",
        GlossEntitlement => {
            "eine Lizenz, zu der der Benutzer berechtigt ist: nicht (wegen Betrugs oder Nichtzahlung) ausgesetzt, kein Upgrade auf eine andere Lizenz, nicht storniert."
        }
        TermActive => "Aktiv",
        GlossActive => {
            "der abonnierte Benutzer hat die Berechtigung in den letzten 28 Kalendertagen verwendet."
        }
        TermDeployment => "Bereitstellung %",
        GlossDeployment => {
            "zugewiesene Lizenzen / verkaufte Lizenzen, je Produkt. n. v., wenn keine Lizenz verkauft ist."
        }
        TermUsage => "Nutzung %",
        GlossUsage => {
            "aktive Berechtigungen / Gesamtberechtigungen, je Produkt und Workload. n. v., wenn es keine Berechtigung gibt. Sie kann 100 % übersteigen:"
        }
        TermTotals => "Summen",
        GlossTotals => {
            "enthalten Lizenzen von anderen Partnern oder direkt von Microsoft. Daten gibt es für Office 365 und Dynamics 365; OneDrive for Business zählt mit SharePoint."
        }
        TermUnused => "Ungenutzte Lizenzen",
        GlossUnused => {
            "bezahlte Lizenzen ohne aktiven Benutzer in einem Workload des Produkts (obere Schätzung: Lizenzen minus der aktivste Workload)."
        }
        TermWorkloadEntitlement => "Workload-Berechtigung",
        GlossWorkloadEntitlement => {
            "eine Lizenz, einmal je Workload gezählt, den sie abdeckt (Exchange, SharePoint, Teams…): der Nenner der Nutzung %. 100 Lizenzen eines Plans mit 4 Workloads sind 400 Workload-Berechtigungen; diese Zahlen sind keine Köpfe."
        }
        UsageUnits => "{active} von {total} Workload-Berechtigungen aktiv{approx}",
        NotInLatest => {
            "{product}: nicht in den neuesten Daten (zuletzt am {date}); nur im Verlauf berücksichtigt"
        }
        Thresholds => "Schwellenwerte",
        ThresholdsLine => {
            "niedrige Nutzung < {low_usage} · niedrige Bereitstellung < {low_deployment} · Erweiterung ab Bereitstellung ≥ {expand_deployment} und Nutzung ≥ {expand_usage} · Workload-Abstand ≥ {gap} Punkte · veraltet nach {stale} Tagen"
        }
        NoWarnings => "Keine Importwarnungen: Jeder Datensatz wurde gelesen.",
        WarningOne => "{n} Warnung",
        WarningMany => "{n} Warnungen",
        WarningsHead => "{warnings}; übersprungene Datensätze sind nicht in den Zahlen enthalten.",
        WarningsHeadNotes => "{notes}; kein Datensatz wurde ausgelassen.",
        WarnRecord => "Datensatz {n} ({path})",
        WarnField => "Feld {field}",
        WarnSkipped => "Datensatz übersprungen",
        PortfolioHeading => "Portfolio mit {customers}",
        SeatsLine => {
            "Lizenzen verkauft {sold} · zugewiesen {assigned} ({deployment}) · nicht zugewiesen {unassigned} · ungenutzt {unused} · Workload-Berechtigungen aktiv {active} von {total} ({usage})"
        }
        ByDeployment => "Kunden nach Bereitstellung %",
        ByUsage => "Kunden nach Nutzung %",
        TopOpportunities => "Größte Chancen (nach Lizenzen)",
        NoneWord => "keine",
        SeatsWord => "Lizenzen",
        CustomersWord => "Kunden",
        CustomerWordOne => "Kunde",
        PartnerTotals => {
            "Eigene Summen von Partner Center (wie gemeldet; Skala nicht dokumentiert)"
        }
        PartnerSold => "{service}: {sold} Lizenzen verkauft, anteilige Bereitstellung {percent}",
        PartnerUsage => "{service} {workload}: anteilige Nutzung {percent}",
        ByRule => "Nach Regel (Kunden · betroffene Lizenzen)",
        TitleCheckData => "Daten prüfen, bevor Sie bei Nutzung über 100 % handeln",
        TitleRefreshData => "Daten aktualisieren: neu exportieren und importieren",
        TitleConvertTrial => "Testversion umwandeln oder Zuweisungen bereinigen",
        TitleShowValue => "Den Wert zeigen: Fallstudien, Benutzerstimmen, Tutorials",
        TitleAssignLicenses => "Beim Zuweisen der freien Lizenzen helfen (Onboarding)",
        TitleWorkloadAdoption => "Nutzung des Workloads fördern, der hinterherhinkt",
        TitleExpand => "Erweitern: mehr Lizenzen oder ein höherer Plan",
        TitleUsageFalling => "Erneut ansprechen: Die Nutzung sinkt (Abwanderungsrisiko)",
        TitleTraining => "Schulungen anbieten und Self-Service bewerben",
        StepCheckData1 => {
            "Eine Lizenz wurde auf einen neuen Mitarbeiter übertragen: Beide Benutzer waren in den 28 Tagen aktiv."
        }
        StepCheckData2 => {
            "Zwei Abonnements für eine SKU, eines in Karenzzeit, deaktiviert oder nicht mehr bereitgestellt: Die Aktivität zählt für beide, die Gesamtsumme für eines."
        }
        StepCheckData3 => {
            "Ein Testabonnement: Seine Aktivität zählt als aktiv, es ist aber nicht in den Gesamtberechtigungen enthalten."
        }
        StepCheckData4 => "Yammer, weit über die Lizenzen hinaus genutzt, kann die Zahl verzerren.",
        StepRefreshData1 => {
            "Bereitstellung und Nutzung in Partner Center erneut exportieren (Insights, Exportieren)."
        }
        StepRefreshData2 => {
            "`uptake import <Dateien>` ausführen, um den neuen Snapshot zu speichern."
        }
        StepConvertTrial1 => {
            "Lizenzen sind zugewiesen, aber keine verkauft: ein Testabonnement oder ein gekündigtes Abonnement."
        }
        StepConvertTrial2 => {
            "Bieten Sie an, die Testversion vor ihrem Ende in ein bezahltes Abonnement umzuwandeln,"
        }
        StepConvertTrial3 => {
            "oder helfen Sie, die Zuweisungen des gekündigten Abonnements zu entfernen."
        }
        StepShowValue1 => {
            "Die Benutzer erkennen möglicherweise nicht, was die Software für sie leisten kann."
        }
        StepShowValue2 => "Teilen Sie Fallstudien und Benutzerstimmen zu ihren Szenarien.",
        StepShowValue3 => {
            "Senden Sie Tutorialblogs oder Videos zu den Aufgaben, die sie bereits erledigen."
        }
        StepShowValue4 => {
            "Bieten Sie Schulungen (persönlich oder online) an und bewerben Sie die Self-Service-Optionen."
        }
        StepAssignLicenses1 => {
            "Bieten Sie Onboarding an: Lizenzen zuweisen und Benutzer einrichten."
        }
        StepAssignLicenses2 => {
            "Planen Sie die Bereitstellung mit dem IT-Ansprechpartner des Kunden."
        }
        StepAssignLicenses3 => {
            "Werden die Lizenzen nicht benötigt, passen Sie die Anzahl bei der Verlängerung an."
        }
        StepWorkloadAdoption1 => {
            "Teilen Sie Szenario-Tutorials und kurze Videos zu diesem Workload."
        }
        StepWorkloadAdoption2 => {
            "Bieten Sie einen Workshop an, der den Workload in die täglichen Aufgaben bringt."
        }
        StepExpand1 => {
            "Der Kunde nutzt, was er hat: Sprechen Sie über mehr Lizenzen oder einen höheren Plan."
        }
        StepExpand2 => {
            "Schulungen für fortgeschrittene Szenarien sind ebenfalls eine Verkaufschance."
        }
        StepTraining1 => {
            "Viele Fragen zur Vorgehensweise: Die Benutzer sind möglicherweise neu mit der Software, der Version oder der Aufgabe."
        }
        StepTraining2 => {
            "Bieten Sie Schulungen an, persönlich oder online, um ihr Fachwissen zu erhöhen."
        }
        StepTraining3 => {
            "Bewerben Sie gleichzeitig die Self-Service-Optionen, die ihnen zur Verfügung stehen."
        }
        StepTraining4 => {
            "Zeigen Sie die Self-Service-Optionen auf Ihrer Supportwebsite neben Ihren Kontaktinformationen."
        }
        StepUsageFalling1 => {
            "Sinkende Nutzung ist ein Abwanderungsrisiko: Sprechen Sie vor der Verlängerung mit dem Kunden."
        }
        StepUsageFalling2 => {
            "Fragen Sie, was sich geändert hat: Personal, eine Migration, ein Konkurrenzprodukt."
        }
        StepUsageFalling3 => {
            "Bieten Sie eine Auffrischungsschulung oder einen Adoptions-Workshop für die gesunkenen Workloads an."
        }
        WhyOverItem => {
            "{product} {workload} Nutzung {percent} ({active} aktiv von {total} Lizenzen)"
        }
        WhyOverOverall => "Gesamtnutzung {percent} liegt über 100 %",
        WhyOverOne => "{item} liegt über 100 %",
        WhyOverMore => "{item} liegt über 100 %, und {more} weitere",
        WhyStale => "Daten vom {date} sind {days} Tage alt (Grenze {limit} Tage)",
        WhyAssignedNoSold => "{product}: {assigned} Lizenzen zugewiesen, 0 verkauft",
        WhyAssignedMore => " (und {more} weitere Produkte, insgesamt {total} zugewiesen)",
        WhyAssignedOneMore => " (und 1 weiteres Produkt, insgesamt {total} zugewiesen)",
        WhyTrialOne => "Testabonnement {name}",
        WhyTrialMore => "Testabonnements {name} und {more} weitere",
        WhyLowUsage => {
            "Nutzung {usage} liegt unter {threshold}: {unused} von {total} Workload-Berechtigungen wurden in den letzten 28 Tagen nicht verwendet; bis zu {idle} von {licenses} Lizenzen hatten keinen aktiven Benutzer"
        }
        WhyLowDeployment => {
            "Bereitstellung {deployment} liegt unter {threshold}: {unassigned} von {sold} Lizenzen sind nicht zugewiesen"
        }
        WhyMostIn => " (die meisten in {product}: {n})",
        WhyRenews => {
            "; Verlängerung in {days} Tagen ({date}): Ungenutzte Lizenzen können bei der Verlängerung reduziert werden"
        }
        WhyWorkloadGap => {
            "{workload} in {product}: Nutzung {percent} ({active} von {total} Lizenzen aktiv) liegt {gap} Punkte hinter den anderen Workloads des Produkts ({others}); Schwelle {threshold} Punkte"
        }
        WhyTraining => {
            "{open} offene Supportanfragen (Schwelle {open_threshold}) und {recent} in den letzten 28 Tagen erstellt (Schwelle {recent_threshold})"
        }
        WhyFalling => {
            "Nutzung fiel seit {date} von {from} auf {to} ({delta} Punkte); Schwelle {threshold} Punkte"
        }
        WhyExpand => {
            "Bereitstellung {deployment} ≥ {deployment_threshold} und Nutzung {usage} ≥ {usage_threshold}: {assigned} von {sold} Lizenzen zugewiesen, {active} von {total} Workload-Berechtigungen aktiv"
        }
        WhySeparator => "; ",
        SummaryDeploymentAsOf => "Bereitstellungsdaten vom {when}",
        SummaryUsageAsOf => "Nutzungsdaten vom {when}",
        LicensesAssignedOf => "{assigned} von {sold} Lizenzen zugewiesen",
        EntitlementsActiveOf => {
            "{active} von {total} Workload-Berechtigungen in den letzten 28 Tagen aktiv{approx}"
        }
        ApproxShort => " (ungefähr: mehrere Produkte)",
        Products => "Produkte",
        WordDeployment => "Bereitstellung",
        WordUsage => "Nutzung",
        Over100Note => {
            "Eine Nutzung über 100 % beruht auf echten Daten; die dokumentierten Gründe stehen bei der ersten Empfehlung."
        }
        NoRuleFiredShort => "keine: keine Regel ausgelöst",
        ColCustomer => "Kunde",
        ColDeploy => "Bereitst.",
        ColUsageLong => "Nutzung",
        ColUnused => "Ungenutzt",
        ColFlags => "Hinweise",
        NoCustomerMatches => "kein Kunde passt zu {query} in {source}",
        EmptyQuery => {
            "die Suche {query} nennt keinen Kunden: einen Namen, einen Teil davon oder eine ID angeben"
        }
        SeveralMatch => "{n} Kunden passen zu {query}; genauer suchen oder eine ID angeben:",
        AndMore => "… und {n} weitere",
        NoId => "(keine ID)",
        Error => "Fehler",
        Note => "Hinweis",
        Warning => "Warnung",
        MoreWarnings => "{n} weitere (alle: Taste w in der App oder der Bericht von uptake import)",
        PartnerTotalsOnly => {
            "diese Daten enthalten nur die Summen des Partner Centers auf Partnerebene (keine Kundenzeilen): in der App unter o (Übersicht) ansehen oder die Kundeneinblicke exportieren"
        }
        PresentingOn => "Präsentation: Andere Kunden sind ausgeblendet (p beendet)",
        PresentingOff => "Präsentation beendet",
        WarningsHiddenPresenting => "Importwarnungen sind während der Präsentation ausgeblendet",
        NotWhilePresenting => {
            "nicht während der Präsentation: es würde andere Kunden zeigen (p beendet den Bildschirmfreigabemodus)"
        }
        NothingToCopy => "nichts zu kopieren: kein Kunde ausgewählt",
        Copied => "✓ in die Zwischenablage kopiert: {name} ({kind}, {n} Zeilen)",
        FilterHides => {
            "Der Filter „{filter}“ blendet {n} für „{query}“ aus: Esc löscht Suche und Filter, f wechselt den Filter."
        }
        PresentTyping => "{n} · Enter zeigt den gewählten Kunden",
        CopySent => {
            "an die Zwischenablage des Terminals gesendet (OSC 52): {name} ({kind}, {n} Zeilen)"
        }
        CustomerStepCheckData => {
            "Wir prüfen die Nutzungszahlen gemeinsam mit Ihnen: Einige liegen über 100 %."
        }
        CustomerStepRefreshData => "Wir aktualisieren diese Zahlen mit den neuesten Daten.",
        CustomerStepConvertTrial => {
            "Optionen für die Testversion: als Abonnement weiterführen oder die Zuweisungen aufräumen."
        }
        CustomerStepShowValue => {
            "Beispiele und kurze Anleitungen für die Aufgaben, die Ihre Teams täglich erledigen."
        }
        CustomerStepAssignLicenses => {
            "Unterstützung beim Zuweisen Ihrer Lizenzen und beim Einrichten der Benutzer."
        }
        CustomerStepWorkloadAdoption => {
            "Szenario-Anleitungen und ein kurzer Workshop für den weniger genutzten Workload."
        }
        CustomerStepExpand => {
            "Möglichkeiten, falls mehr Personen oder mehr Funktionen gebraucht werden."
        }
        CustomerStepUsageFalling => {
            "Eine Auffrischungsschulung oder ein Workshop zur Nutzung für Ihre Teams."
        }
        CustomerStepTraining => {
            "Schulungen für Ihre Teams und die Selbsthilfe-Angebote, die Sie jederzeit nutzen können."
        }
        NextStepsTitle => "Nächste Schritte",
        MdMeasure => "Kennzahl",
        MdPercent => "Prozent",
        MdCounts => "Anzahl",
        ColUnusedShort => "frei",
        ColDropShort => "Rückgang",
        KeyOpenPicked => "die gewählte Top-Chance öffnen (Übersicht)",
        OverviewKeys => "j/k wählen · Enter öffnet · Esc schließt",
        PlainText => "Klartext",
        GlossLead => "{term}: ",
        MoreRecordsProblems => "; {n} weitere Datensätze sind fehlerhaft",
        KeepGoingHint => "{problem} (mit --keep-going werden die gültigen Datensätze ausgegeben)",
        NoCacheFolder => "kein Cache-Ordner auf diesem System; UPTAKE_CACHE_DIR setzen",
        CannotReadCache => "der Snapshot-Cache ist nicht lesbar",
        DamagedSnapshot => {
            "Snapshot {name} ist beschädigt: {problem}. `uptake snapshots --verify` prüft alle Snapshots; den Export erneut importieren"
        }
        NoData => {
            "keine Daten: kein Snapshot in {dir}. Exporte mit `uptake import PFAD` importieren oder --data PFAD angeben (--demo für das Demo-Portfolio)"
        }
        // Commercial facts (issue 15)
        CostCustomer => {
            "Produkte mit Preis: nicht zugewiesene Lizenzen {unassigned}; Lizenzen ohne aktiven Benutzer {idle}"
        }
        CostCustomerNoUsage => "Produkte mit Preis: nicht zugewiesene Lizenzen {unassigned}",
        CostUnpriced => "nicht gezählt, ohne Preis: {names}",
        WhyCostPriced => "; die mit Preis kosten {month} im Monat ({year} im Jahr)",
        OverviewPartlyPriced => "; davon {n} nur teilweise (Produkte ohne Preis)",
        ColCostShort => "pro Monat",
        SortCost => "Kosten ungenutzter Lizenzen im Monat (* nicht zugewiesene) ↓",
        FilterRenewingIdle => "Verlängerung bald, ungenutzte Lizenzen",
        WhyCost => "; sie kosten {month} im Monat ({year} im Jahr)",
        WhyBuffer => "; Ihr Puffer behält {kept} davon (eingestellt: {n}); {beyond} darüber hinaus",
        WhyReduceUntil => "; {product}: {n} können bis {date} reduziert werden ({yours})",
        WhyReduceAtRenewal => {
            "; {product}: um {n} reduzieren bei der Verlängerung am {date}; automatische Verlängerung: {auto} ({yours})"
        }
        WhyOffer => "; den Nutzern von {from} {to} anbieten",
        WhyPaid => "; das kostenpflichtige Produkt: {name}",
        On => "an",
        Off => "aus",
        Unknown => "unbekannt",
        Yours => "Ihre: {yours} von {sold} verkauften",
        YoursOverSold => {
            "Ihre: {yours}, mehr als die {sold} verkauften: bitte den Abonnement-Export prüfen"
        }
        CostHeading => "Kosten ungenutzter Lizenzen",
        CostTotal => "{month} im Monat ({year} im Jahr)",
        CostProduct => {
            "{product}: nicht zugewiesen {unassigned}, ungenutzt {idle} im Monat (zu {price} je Lizenz)"
        }
        CostProductNoUsage => {
            "{product}: nicht zugewiesen {unassigned} im Monat (zu {price} je Lizenz; keine Nutzungsdaten für ungenutzte)"
        }
        TermsHeading => "Vertragsbedingungen",
        TermsProduct => "{product} – {terms}",
        TermsOfThem => "davon {n}",
        TermsTerm => "Laufzeit {term}",
        TermsBilled => "Abrechnung {cycle}",
        TermsRenews => "verlängert sich am {date}",
        TermsRenewsUnknown => "Verlängerungsdatum unbekannt",
        TermsAuto => "automatische Verlängerung {auto}",
        TermsReduceUntil => "Lizenzen reduzierbar bis {date}",
        TermsReduceAtRenewal => "Lizenzen erst bei der Verlängerung reduzierbar",
        TermMonth => "1 Monat",
        TermMonths => "{n} Monate",
        TermYear => "1 Jahr",
        TermYears => "{n} Jahre",
        BillingMonthly => "monatlich",
        BillingAnnual => "jährlich",
        BillingTriennial => "alle drei Jahre",
        BillingOneTime => "einmalig",
        ResourcesHeading => "Ihre Materialien",
        OverviewCost => {
            "Ungenutzte Lizenzen kosten {month} im Monat ({year} im Jahr) zu Ihren Preisen; {n} von {total} Kunden mit Preis"
        }
        // Graph users (issue 14)
        UsersColName => "Benutzer",
        UsersColDays => "Tage inaktiv",
        UsersColProducts => "Produkte",
        UsersNever => "nie",
        UsersConcealed => "verborgen",
        UsersHiddenName => "Benutzer {n}",
        UsersNoReport => {
            "{customer}: kein Microsoft-Graph-Benutzerbericht (getOffice365ActiveUserDetail) für diesen Kunden geladen; legen Sie ihn in einen Ordner mit der Mandanten-ID als Namen"
        }
        UsersNoReportInFolder => {
            "{customer}: im Mandantenordner {tenant} wurde kein Bericht der aktiven Benutzer (getOffice365ActiveUserDetail) gefunden (nur andere Microsoft-Graph-Dateien)"
        }
        UsersConcealedNote => {
            "Benutzernamen sind in den Berichten dieses Mandanten verborgen ({n} Benutzer); der Mandantenadministrator schaltet das im Microsoft 365 Admin Center ab: Einstellungen → Organisationseinstellungen → Dienste → Berichte"
        }
        UsersHeading => {
            "{n} lizenzierte Benutzer · {inactive} inaktiv (28 Tage) · Microsoft-Graph-Bericht vom {date}"
        }
        UsersFilterOn => {
            "{shown} angezeigt: in allen Workloads ≥ {days} Tage inaktiv (nie aktiv: so lange lizenziert)"
        }
        UsersSortedBy => "sortiert nach {key}",
        UsersSortInactive => "am längsten inaktiv",
        UsersSortName => "Name",
        UsersSortActive => "zuletzt aktiv",
        UsersKeys => "s sortieren · f filtern · y kopieren · Esc zurück",
        KeyUsersHint => "Benutzer",
        KeyUsers => "die lizenzierten Benutzer des gewählten Kunden (Microsoft Graph)",
        UsersNone => "kein lizenzierter Benutzer passt",
        UsersCopied => "{n} Benutzer kopiert",
        TitleReclaimLicenses => "Lizenzen inaktiver Benutzer zurückholen",
        StepReclaimLicenses1 => {
            "Die inaktiven Benutzer mit dem Kunden durchgehen (u listet sie; y kopiert die Liste)."
        }
        StepReclaimLicenses2 => {
            "Lizenzen von Personen, die gegangen sind oder die Rolle gewechselt haben, neu zuweisen."
        }
        StepReclaimLicenses3 => "Plätze bei der Verlängerung reduzieren, wenn niemand sie braucht.",
        CustomerStepReclaimLicenses => {
            "Lizenzen prüfen, die Personen zugewiesen sind, die sie lange nicht genutzt haben."
        }
        WhyReclaim => {
            "{n} lizenzierte Benutzer seit {days}+ Tagen inaktiv (Microsoft-Graph-Bericht vom {date}): neu zuweisen oder bei der Verlängerung reduzieren"
        }
        WhyReclaimOne => {
            "1 lizenzierter Benutzer seit {days}+ Tagen inaktiv (Microsoft-Graph-Bericht vom {date}): neu zuweisen oder bei der Verlängerung reduzieren"
        }
        WhyReclaimProducts => "; sie haben {products}",
        WhyReclaimProduct => "{product} ({n} Benutzer)",
        WhyReclaimMoreProducts => "{n} weitere Produkte",
        WhyReclaimOneMoreProduct => "1 weiteres Produkt",
        GraphHeading => "Microsoft Graph (Mandantenberichte) · {when} · {status}",
        GraphCurrent => "aktuell: neuer als Partner Center",
        GraphOlder => "älter als Partner Center",
        GraphOnly => "die einzige Quelle",
        GraphNoReport => "kein Benutzerbericht",
        WordGraph => "Microsoft Graph",
        WordPartnerCenter => "Partner Center",
        SourcePartnerCenter => " Quelle: Partner Center.",
        ExplainGraphLicenses => {
            "Lizenzen im Mandanten (Quelle: Microsoft Graph subscribedSkus): zugewiesen {assigned} ÷ verkauft {sold} = {percent}. Verkauft = aktiviert + in Kulanzfrist; nur Benutzer-SKUs."
        }
        ExplainGraphWorkload => {
            "{workload} (Quelle: Microsoft-Graph-Bericht vom {date}): {active} von {total} lizenzierten Benutzern in den 28 Tagen bis zum Berichtsdatum aktiv = {percent}. Personen, keine Berechtigungen; OneDrive zählt zu SharePoint."
        }
        GraphDisagree => {
            " Partner Center meldet {percent}, Stand {when}: {points} Punkte Unterschied, mehr als 10. {current} ist die neuere Quelle und gilt als aktuell."
        }
        SkuWarning => "abgelaufen, in der Kulanzfrist",
        SkuSuspended => "gesperrt (vor der Löschung reaktivierbar)",
        SkuLockedOut => "gesperrt (gekündigt)",
        GraphSkuState => "{sku}: {state}; {assigned} zugewiesen, {enabled} aktiviert",
        LoadingBytes => "lese {file} · {done} von {total} MB · {rate} MB/s",
        LoadingBuilding => "alles gelesen · baue das Portfolio auf",
        WhyFallingPartnerCenter => " (Daten von Partner Center, mit sich selbst verglichen)",
        GraphUndated => "ohne Datum: die Zahlen von Partner Center gelten",
        SourcesDisagreeUndated => {
            "{other} (ohne Datum) meldet {percent}: {points} Punkte Unterschied, mehr als 10. Es gilt die datierte Zahl von {current}."
        }
        Over100PartnerCenter => {
            "Nutzung über 100 %: in den Produktzeilen von Partner Center oben, nicht in der Gesamtzahl von Microsoft Graph."
        }
        AsOfFrom => "{text}, Quelle: {source}",
        ExplainDeploymentGraph => {
            "Bereitstellung = zugewiesen {assigned} ÷ verkauft {sold} = {percent}, summiert über {skus} des Mandanten (Quelle: Microsoft Graph subscribedSkus, datiert nach dem Benutzerbericht vom {when}). Verkauft = aktiviert + in Kulanzfrist: Lizenzen von allen Partnern und direkt von Microsoft; kostenlose und Self-Service-SKUs ausgenommen."
        }
        SkuOne => "{n} kostenpflichtige SKU",
        SkuMany => "{n} kostenpflichtige SKUs",
        ExplainUsageGraph => {
            "Nutzung = aktiv {active} ÷ Workload-Berechtigungen {total} = {percent}, summiert über {workloads} (Quelle: Microsoft-Graph-Bericht vom {when}). Jeder lizenzierte Benutzer zählt einmal je Workload, OneDrive zu SharePoint. Aktiv: in den 28 Tagen bis zum Berichtsdatum verwendet."
        }
        WorkloadOne => "{n} Workload",
        WorkloadMany => "{n} Workloads",
        OtherSays => "Laut {other}, Stand {when}: {percent}.",
        SourcesDisagree => {
            "{other} meldet {percent}, Stand {when}: {points} Punkte Unterschied, mehr als 10. {current} ist die neuere Quelle und gilt als aktuell."
        }
        GraphAhead => "in der Zukunft datiert: die Zahlen von Partner Center gelten",
        GraphDisagreeAhead => {
            " Partner Center meldet {percent}, Stand {when}: {points} Punkte Unterschied, mehr als 10. Der Bericht ist in der Zukunft datiert (falsche Uhr oder bearbeitete Datei): es gilt die richtig datierte Zahl von Partner Center."
        }
        SourcesDisagreeAhead => {
            "{other} meldet {percent}, Stand {when}: {points} Punkte Unterschied, mehr als 10. Dieses Datum liegt in der Zukunft (falsche Uhr oder bearbeitete Datei): es gilt die richtig datierte Zahl von {current}."
        }
    }
}
