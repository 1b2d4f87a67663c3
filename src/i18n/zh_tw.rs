//! Traditional Chinese (繁體中文, Taiwan): the terms of the Partner Center page's zh-TW edition
//! (權利, 作用中, 部署 %, 使用量 %, 寬限期, 試用版訂閱, 支援要求).

use super::Msg::{self, *};

pub fn text(msg: Msg) -> &'static str {
    match msg {
        Na => "不適用",
        NaShort => "無",
        Today => "今天",
        FutureDated => "日期在未來",
        DayOld => "{n} 天前",
        DaysOld => "{n} 天前",
        DateUnknown => "日期不明",
        NoneInData => "此資料中沒有",
        AgeAsOf => "{date}（{age}）",
        KeySearchHint => "搜尋",
        KeySearch => "依名稱或識別碼搜尋（搜尋時字母即為文字）",
        KeyDown => "下一個客戶 / 向下捲動",
        KeyUp => "上一個客戶 / 向上捲動",
        KeyTop => "第一個",
        KeyBottom => "最後一個",
        KeyPageUp => "上一頁",
        KeyPageDown => "下一頁",
        KeyForwardHint => "詳細資料",
        KeyForward => "聚焦詳細資料，然後是建議的動作",
        KeyBack => "返回；在清單中則清除搜尋和篩選",
        KeyPaneHint => "窗格",
        KeyNextPane => "下一個窗格",
        KeyPrevPane => "上一個窗格",
        KeySortHint => "排序",
        KeySort => {
            "排序：名稱、使用量 ↑、部署 ↑、未使用的授權 ↓、使用量下降 ↓、閒置授權成本 ↓（有價格時）"
        }
        KeyFilterHint => "篩選",
        KeyFilter => {
            "篩選：全部、需要注意、使用量低、部署低、超過 100%、試用版、即將續約、即將續約且有閒置授權（有訂閱資料時）"
        }
        KeyCopyHint => "複製",
        KeyCopy => "複製客戶摘要作為筆記（純文字，透過終端機：OSC 52）",
        KeyCopyMarkdown => "以 Markdown 格式複製摘要",
        KeyPresentHint => "簡報",
        KeyPresent => "螢幕分享模式：隱藏其他客戶的名稱",
        KeyOverviewHint => "總覽",
        KeyOverview => "組合總覽：總計、分佈、中位數、主要機會",
        KeyWarnings => "匯入警告（錯誤或略過的記錄）",
        KeyHelpHint => "說明",
        KeyHelp => "按鍵與術語",
        KeyQuit => "結束",
        KeyKeepHint => "保留",
        KeyKeep => "保留篩選，離開搜尋",
        KeyClearHint => "清除",
        KeyClear => "清除篩選，離開搜尋",
        KeyMoveHint => "移動",
        KeyNextMatch => "下一個相符項目",
        KeyPrevMatch => "上一個相符項目",
        KeyDeleteChar => "刪除一個字元",
        KeyDeleteWord => "刪除一個字詞",
        KeyClose => "關閉",
        KeyScrollHint => "捲動",
        KeyScrollDown => "向下捲動",
        KeyScrollUp => "向上捲動",
        Presenting => "簡報中",
        DemoData => "示範資料",
        PathsN => "{n} 個路徑",
        SnapshotName => "快照 {name}",
        DataAsOf => "資料日期 {when}",
        OlderThan => "⚠ 超過 {days} 天：請重新匯出",
        LoadingCustomers => "正在載入 {n} 位客戶…",
        CustomerOne => "{n} 位客戶",
        CustomerMany => "{n} 位客戶",
        SortTitle => "排序：{sort}",
        FilterTitle => "篩選：{filter}（{n}）",
        ImportWarningOne => "{n} 個匯入警告",
        ImportWarningMany => "{n} 個匯入警告",
        NoteOne => "{n} 則附註",
        NoteMany => "{n} 則附註",
        MatchesN => "{n} 個相符",
        MatchOne => "{n} 個相符",
        QueryFilter => "篩選「{query}」",
        ShownOfTotal => "{total} 位中的 {shown} 位",
        EscClears => "Esc 清除",
        LoadingLine => "uptake · {what} · {seconds} 秒 · 現在輸入的按鍵會保留 · q 結束",
        Reading => "正在讀取 {what}",
        Opening => "正在開啟 {what}",
        CustomersPane => "客戶 · {sort}",
        NoCustomers => "此匯出中沒有客戶。",
        KeyNamesNoProduct => "{table}：{key} 不對應此資料中的任何產品（請檢查拼寫或料號）",
        FilterMatchesNone => "沒有客戶符合篩選「{filter}」：按 f 切換篩選。",
        NoMatch => "沒有與「{query}」相近的客戶。",
        NoMatchYet => "目前已載入的客戶中沒有「{query}」；正在載入全部 {n} 位客戶…",
        ColDeployment => "部署",
        ColUsage => "使用",
        PresentHidden => "簡報時會隱藏其他客戶（p）。",
        SuggestedActions => "建議的動作",
        NoRuleFired => {
            "沒有觸發任何規則。部署 {deployment}，使用量 {usage}；閾值：部署低 < {low_deployment}，使用量低 < {low_usage}，擴充條件 ≥ {expand_deployment} 且 ≥ {expand_usage}。"
        }
        Why => "原因：{why}",
        Detail => "詳細資料",
        NoSelection => "未選取客戶。",
        NoCustomerId => "匯出中沒有客戶識別碼",
        CustomerId => "識別碼 {id}",
        DeploymentAsOf => "部署資料日期 {when}",
        UsageAsOf => "使用量資料日期 {when}",
        Deployment => "部署",
        Usage => "使用量",
        AssignedOf => "已指派 {assigned} / {sold}",
        ActiveOf => "作用中 {active} / {total}",
        NoDeploymentRecord => "沒有部署記錄",
        NoUsageRecord => "沒有使用量記錄",
        NoDeploymentData => "沒有部署資料",
        NoUsageData => "沒有使用量資料",
        ProductOne => "{n} 項產品",
        ProductMany => "{n} 項產品",
        ExplainDeployment => {
            "部署 = 已指派 {assigned} ÷ 已銷售 {sold} = {percent}，加總有已銷售授權的 {products}。已銷售包含向任何合作夥伴或直接向 Microsoft 購買的授權。資料日期 {when}。"
        }
        ExplainDeploymentNa => {
            "部署不適用：沒有任何產品有已銷售授權的記錄（僅含使用量的資料，例如 Insights 使用量下載，沒有此記錄）。"
        }
        RowOne => "{n} 列產品 × 工作負載",
        RowMany => "{n} 列產品 × 工作負載",
        ApproxExplain => "（約略值：擁有多項產品的使用者會被重複計算）",
        ExplainUsage => {
            "使用量 = 作用中 {active} ÷ 工作負載權利 {total} = {percent}，加總 {rows}{approx}。每個授權在其涵蓋的每個工作負載各計一次，因此這不是人數。作用中：在過去 28 個日曆天內使用過。資料日期 {when}。"
        }
        ExplainUsageNa => "使用量不適用：沒有任何工作負載有權利。",
        PortfolioMedian => "組合中位數：部署 {deployment} · 使用量 {usage}",
        ProductsUnreadable => {
            "⚠ 僅顯示客戶總計：無法從快取讀取其產品（{why}）。請重新啟動 uptake 以再次讀取。"
        }
        SupportNone => "支援：沒有服務要求",
        SupportCounts => "支援：{open} 個未結，{recent} 個在過去 28 天內建立（共 {total} 個）",
        RenewsIn => "{days} 天後續約（{date}）：屆時可減少未使用的授權",
        RenewsInOne => "{days} 天後續約（{date}）：屆時可減少未使用的授權",
        TrialList => "試用版：{list}",
        TrialEnds => "{offer}（{date} 結束）",
        ExplainProductDeployment => {
            "{product}：部署 = 已指派 {assigned} ÷ 已銷售 {sold} = {percent}。資料日期 {when}。"
        }
        ExplainProductTrial => {
            "{product}：不適用，沒有已銷售的授權，但已指派 {assigned} 個：試用版訂閱或已取消的訂閱。"
        }
        ExplainProductNoneSold => "{product}：不適用，沒有已銷售的授權。",
        ExplainProductNoRecord => "{product}：匯出中沒有此產品的部署記錄。",
        AssignedWithoutSoldNote => "已指派但未銷售：試用版訂閱或已取消的訂閱",
        Above100See => "超過 100%：請參閱下方記載的原因。",
        ExplainWorkload => {
            "{product} 的 {workload}：使用量 = 作用中 {active} ÷ 權利 {total} = {percent}。作用中：使用者在過去 28 個日曆天內使用過該權利。資料日期 {when}。{over}"
        }
        ExplainWorkloadNa => "{product} 的 {workload}：不適用，沒有權利（{active} 個作用中）。",
        FlagsLine => "標記：{flags}",
        Over100Intro => "! 使用量超過 100% 是真實資料，不是錯誤。合作夥伴中心列出以下原因：",
        Over100Cause1 => "客戶有員工流動，因此授權移轉給新的使用者（兩者在 28 天內都是作用中）；",
        Over100Cause2 => {
            "一個 SKU 有兩個訂閱，其中一個在寬限期內、已停用或已解除佈建：兩者的作用中使用量都會計算，但只有一個算在總量中；"
        }
        Over100Cause3 => "試用版訂閱：計算在作用中的量，但不計算在總權益中；",
        Over100Cause4 => "使用 Yammer 遠超出其授權符合的量。",
        ApproxFootnote => "≈ 整體使用量涵蓋多項產品：擁有其中兩項的使用者會計算兩次。",
        TotalsFootnote => "總計包含向其他合作夥伴或直接向 Microsoft 購買的授權。",
        UsageTrend => "使用量趨勢",
        DeploymentTrend => "部署趨勢",
        Since => "自 {date} 起",
        FlagLowDeployment => "部署低",
        FlagLowUsage => "使用量低",
        FlagUsageOver100 => "使用量超過 100%",
        FlagDeploymentNa => "部署不適用（沒有已銷售授權的記錄）",
        FlagUsageNa => "使用量不適用（沒有權利）",
        FlagAssignedWithoutSold => "已指派但未銷售",
        FlagTrial => "試用版",
        FlagStaleData => "資料過舊",
        FlagManySupportRequests => "許多支援要求",
        SortName => "名稱",
        SortUsage => "使用量 ↑",
        SortDeployment => "部署 ↑",
        SortUnused => "未使用的授權 ↓",
        SortDrop => "使用量下降 ↓",
        FilterAll => "全部",
        FilterAttention => "需要注意",
        FilterOver100 => "超過 100%",
        FilterTrials => "試用版",
        FilterRenewing => "即將續約",
        HelpTitle => "說明 · 按鍵與術語",
        WarningsTitle => "匯入警告",
        OverviewTitle => "組合總覽",
        OverlayKeys => "j/k 捲動 · Esc 關閉",
        HelpKeys => "按鍵",
        HelpWhileSearching => "搜尋時",
        HelpOtherKeys => "其他按鍵  輸入搜尋文字（q 和 j 也是）",
        HelpCtrlC => "Ctrl-c 可隨時結束。",
        Glossary => "術語",
        TermEntitlement => "權利",
        GlossEntitlement => {
            "使用者有權使用的授權：未因詐騙或未付款而暫停、未升級為不同的授權、未被取消。"
        }
        TermActive => "作用中",
        GlossActive => "訂閱的使用者在過去 28 個日曆天內使用過該權利。",
        TermDeployment => "部署 %",
        GlossDeployment => "已指派授權 / 已銷售授權，依產品計算。沒有已銷售的授權時為不適用。",
        TermUsage => "使用量 %",
        GlossUsage => {
            "作用中的權益 / 總權益，依產品和工作負載計算。沒有權利時為不適用。可能大於 100%："
        }
        TermTotals => "總計",
        GlossTotals => {
            "包含向其他合作夥伴或直接向 Microsoft 購買的授權。資料適用於 Office 365 和 Dynamics 365；商務用 OneDrive 與 SharePoint 一起計算。"
        }
        TermUnused => "未使用的授權",
        GlossUnused => {
            "在產品的任何工作負載中都沒有作用中使用者的付費授權（上限估計值：授權數減去最活躍的工作負載）。"
        }
        TermWorkloadEntitlement => "工作負載權利",
        GlossWorkloadEntitlement => {
            "授權在其涵蓋的每個工作負載（Exchange、SharePoint、Teams…）各計一次：使用量 % 的分母。一個含 4 個工作負載的方案有 100 個授權，即為 400 個工作負載權利，因此這些數字不是人數。"
        }
        UsageUnits => "{total} 個工作負載權利中 {active} 個作用中{approx}",
        NotInLatest => "{product}：不在最新資料中（最後出現於 {date}）；僅計入趨勢",
        Thresholds => "閾值",
        ThresholdsLine => {
            "使用量低 < {low_usage} · 部署低 < {low_deployment} · 擴充條件：部署 ≥ {expand_deployment} 且使用量 ≥ {expand_usage} · 工作負載差距 ≥ {gap} 個百分點 · {stale} 天後視為過舊"
        }
        NoWarnings => "沒有匯入警告：已讀取所有記錄。",
        WarningOne => "{n} 個警告",
        WarningMany => "{n} 個警告",
        WarningsHead => "{warnings}；略過的記錄不計入數字。",
        WarningsHeadNotes => "{notes}；沒有略過任何記錄。",
        WarnRecord => "記錄 {n}（{path}）",
        WarnField => "欄位 {field}",
        WarnSkipped => "已略過記錄",
        PortfolioHeading => "組合 · {customers}",
        SeatsLine => {
            "已銷售授權 {sold} · 已指派 {assigned}（{deployment}）· 未指派 {unassigned} · 未使用 {unused} · 作用中的工作負載權利 {active} / {total}（{usage}）"
        }
        ByDeployment => "依部署 % 分佈的客戶",
        ByUsage => "依使用量 % 分佈的客戶",
        TopOpportunities => "主要機會（依授權數）",
        NoneWord => "無",
        SeatsWord => "個授權",
        CustomersWord => "位客戶",
        CustomerWordOne => "位客戶",
        PartnerTotals => "合作夥伴中心自己的總計（依回報；尺度未記載）",
        PartnerSold => "{service}：已銷售 {sold} 個授權，按比例部署 {percent}",
        PartnerUsage => "{service} {workload}：按比例使用量 {percent}",
        ByRule => "依規則（客戶 · 相關授權）",
        TitleCheckData => "針對超過 100% 的使用量採取行動前，先檢查資料",
        TitleRefreshData => "更新資料：重新匯出並匯入",
        TitleConvertTrial => "轉換試用版或清理指派",
        TitleShowValue => "展現價值：案例研究、使用者評價、教學課程",
        TitleAssignLicenses => "協助指派尚未指派的授權（上線）",
        TitleWorkloadAdoption => "推動落後工作負載的採用",
        TitleExpand => "擴充：更多授權或更高的方案",
        TitleUsageFalling => "重新接觸：使用量正在下降（流失風險）",
        TitleTraining => "提供訓練並推廣自助選項",
        StepCheckData1 => "授權已移轉給新員工：兩位使用者在 28 天內都是作用中。",
        StepCheckData2 => {
            "一個 SKU 有兩個訂閱，其中一個在寬限期內、已停用或已解除佈建：兩者的活動都會計算，但總量只算一個。"
        }
        StepCheckData3 => "試用版訂閱：其活動計為作用中，但不計入總權益。",
        StepCheckData4 => "Yammer 的使用量遠超出授權時，數字可能會大幅偏離。",
        StepRefreshData1 => "在合作夥伴中心重新匯出部署和使用方式資料（Insights，匯出）。",
        StepRefreshData2 => "執行 `uptake import <檔案>` 以快取新的快照。",
        StepConvertTrial1 => "已指派授權但沒有銷售：試用版訂閱或已取消的訂閱。",
        StepConvertTrial2 => "提議在試用版結束前轉換為付費訂閱，",
        StepConvertTrial3 => "或協助移除已取消訂閱的指派。",
        StepShowValue1 => "使用者可能不瞭解軟體可以為他們提供的價值。",
        StepShowValue2 => "分享與其案例相關的案例研究和使用者評價。",
        StepShowValue3 => "針對他們已在執行的工作，提供教學課程 blog 或影片。",
        StepShowValue4 => "提供訓練（親自或線上）並推廣自助選項。",
        StepAssignLicenses1 => "提供上線協助：指派授權並設定使用者。",
        StepAssignLicenses2 => "與客戶的 IT 連絡人規劃部署。",
        StepAssignLicenses3 => "如果不需要這些授權，請在續約時調整數量。",
        StepWorkloadAdoption1 => "分享此工作負載的案例教學課程和短片。",
        StepWorkloadAdoption2 => "提供工作坊，將此工作負載融入日常工作。",
        StepExpand1 => "客戶充分使用現有的授權：討論更多授權或更高的方案。",
        StepExpand2 => "進階案例的訓練也是銷售機會。",
        StepTraining1 => "許多操作說明問題：使用者可能不熟悉軟體、產品版本或其工作。",
        StepTraining2 => "提供親自或線上的訓練，以提高他們的專業知識。",
        StepTraining3 => "同時推廣他們可使用的自助選項。",
        StepTraining4 => "在您的支援網站上，將自助選項與您的連絡資訊一起顯示。",
        StepUsageFalling1 => "使用量下降是流失風險：在續約前與客戶討論。",
        StepUsageFalling2 => "詢問發生了什麼變化：人員、移轉、競爭工具。",
        StepUsageFalling3 => "針對下降的工作負載提供複習訓練或採用工作坊。",
        WhyOverItem => {
            "{product} {workload} 使用量 {percent}（{total} 個授權中 {active} 個作用中）"
        }
        WhyOverOverall => "整體使用量 {percent} 超過 100%",
        WhyOverOne => "{item}超過 100%",
        WhyOverMore => "{item}超過 100%，另有 {more} 項",
        WhyStale => "{date} 的資料已有 {days} 天（上限 {limit} 天）",
        WhyAssignedNoSold => "{product}：已指派 {assigned} 個授權，已銷售 0 個",
        WhyAssignedMore => "（另有 {more} 項產品，共指派 {total} 個）",
        WhyAssignedOneMore => "（另有 1 項產品，共指派 {total} 個）",
        WhyTrialOne => "試用版訂閱 {name}",
        WhyTrialMore => "試用版訂閱 {name} 及另外 {more} 個",
        WhyLowUsage => {
            "使用量 {usage} 低於 {threshold}：{total} 個工作負載權利中有 {unused} 個在過去 28 天內未使用；{licenses} 個授權中最多 {idle} 個沒有作用中使用者"
        }
        WhyLowDeployment => {
            "部署 {deployment} 低於 {threshold}：{sold} 個授權中有 {unassigned} 個未指派"
        }
        WhyMostIn => "（最多在 {product}：{n} 個）",
        WhyRenews => "；{days} 天後續約（{date}）：可在續約時減少未使用的授權",
        WhyWorkloadGap => {
            "{product} 的 {workload}：使用量 {percent}（{total} 個授權中 {active} 個作用中）落後該產品其他工作負載（{others}）{gap} 個百分點；閾值 {threshold} 個百分點"
        }
        WhyTraining => {
            "{open} 個未結的支援要求（閾值 {open_threshold}），過去 28 天內建立 {recent} 個（閾值 {recent_threshold}）"
        }
        WhyFalling => {
            "自 {date} 起使用量從 {from} 降至 {to}（{delta} 個百分點）；閾值 {threshold} 個百分點"
        }
        WhyExpand => {
            "部署 {deployment} ≥ {deployment_threshold} 且使用量 {usage} ≥ {usage_threshold}：{sold} 個授權中已指派 {assigned} 個，{total} 個工作負載權利中 {active} 個作用中"
        }
        WhySeparator => "；",
        SummaryDeploymentAsOf => "部署資料日期 {when}",
        SummaryUsageAsOf => "使用量資料日期 {when}",
        LicensesAssignedOf => "{sold} 個授權中已指派 {assigned} 個",
        EntitlementsActiveOf => {
            "{total} 個工作負載權利中有 {active} 個在過去 28 天內作用中{approx}"
        }
        ApproxShort => "（約略值：多項產品）",
        Products => "產品",
        WordDeployment => "部署",
        WordUsage => "使用量",
        Over100Note => "使用量超過 100% 是真實資料；請參閱第一個建議中記載的原因。",
        NoRuleFiredShort => "無：沒有觸發任何規則",
        ColCustomer => "客戶",
        ColDeploy => "部署",
        ColUsageLong => "使用量",
        ColUnused => "未使用",
        ColFlags => "標記",
        NoCustomerMatches => "{source} 中沒有符合 {query} 的客戶",
        EmptyQuery => "查詢 {query} 沒有指定任何客戶：請輸入名稱、部分名稱或識別碼",
        SeveralMatch => "有 {n} 位客戶符合 {query}；請輸入更精確的名稱或使用識別碼：",
        AndMore => "… 以及另外 {n} 個",
        NoId => "（無識別碼）",
        Error => "錯誤",
        Note => "注意",
        Warning => "警告",
        MoreWarnings => "還有 {n} 則（全部：在應用程式中按 w，或查看 uptake import 的報告）",
        PartnerTotalsOnly => {
            "這份資料只有合作夥伴中心的合作夥伴層級總計（沒有客戶資料列）：在應用程式中按 o（概觀）查看，或匯出客戶層級的深入解析"
        }
        PresentingOn => "簡報中：已隱藏其他客戶（按 p 停止）",
        PresentingOff => "已停止簡報",
        WarningsHiddenPresenting => "簡報時會隱藏匯入警告",
        NotWhilePresenting => "簡報時無法使用：會顯示其他客戶（按 p 結束螢幕分享模式）",
        NothingToCopy => "沒有可複製的內容：未選取客戶",
        Copied => "✓ 已複製到剪貼簿：{name}（{kind}，{n} 行）",
        FilterHides => {
            "篩選「{filter}」隱藏了符合「{query}」的 {n}：按 Esc 清除搜尋和篩選，按 f 切換篩選。"
        }
        PresentTyping => "{n} · 按 Enter 顯示選定的客戶",
        CopySent => "已傳送到終端機剪貼簿（OSC 52）：{name}（{kind}，{n} 行）",
        CustomerStepCheckData => "我們會與您一起核對使用量數字：部分數字超過 100%。",
        CustomerStepRefreshData => "我們會以最新資料更新這些數字。",
        CustomerStepConvertTrial => "試用版的選項：轉為正式訂閱，或整理授權指派。",
        CustomerStepShowValue => "針對您團隊日常工作的範例與簡短教學。",
        CustomerStepAssignLicenses => "協助指派您已有的授權並設定使用者。",
        CustomerStepWorkloadAdoption => "針對較少使用的工作負載提供情境教學與簡短工作坊。",
        CustomerStepExpand => "如需更多人員或更多功能時的選項。",
        CustomerStepUsageFalling => "為您的團隊提供複習訓練或導入工作坊。",
        CustomerStepTraining => "為您的團隊提供訓練，以及隨時可用的自助服務。",
        NextStepsTitle => "後續步驟",
        MdMeasure => "指標",
        MdPercent => "百分比",
        MdCounts => "數量",
        ColUnusedShort => "未指派",
        ColDropShort => "降幅",
        KeyOpenPicked => "開啟所選的最佳商機（概覽）",
        OverviewKeys => "j/k 選擇 · Enter 開啟 · Esc 關閉",
        PlainText => "純文字",
        GlossLead => "{term}：",
        MoreRecordsProblems => "；另有 {n} 筆記錄有問題",
        KeepGoingHint => "{problem}（加上 --keep-going 可輸出有效的記錄）",
        NoCacheFolder => "此系統上沒有快取資料夾；請設定 UPTAKE_CACHE_DIR",
        CannotReadCache => "無法讀取快照快取",
        DamagedSnapshot => {
            "快照 {name} 已損毀：{problem}。`uptake snapshots --verify` 會檢查所有快照；請重新匯入匯出檔"
        }
        NoData => {
            "沒有資料：{dir} 中沒有快照。請用 `uptake import PATH` 匯入匯出檔，或指定 --data PATH（--demo 使用示範組合）"
        }
        // Commercial facts (issue 15)
        CostCustomer => "有價格的產品：未指派授權 {unassigned}；無作用中使用者的授權 {idle}",
        CostCustomerNoUsage => "有價格的產品：未指派授權 {unassigned}",
        CostUnpriced => "未計入（無價格）：{names}",
        WhyCostPriced => "；有價格者每月成本 {month}（每年 {year}）",
        OverviewPartlyPriced => "；其中 {n} 位僅部分計價（部分產品無價格）",
        ColCostShort => "每月",
        SortCost => "每月閒置授權成本（* 未指派授權）↓",
        FilterRenewingIdle => "即將續約且有閒置授權",
        WhyCost => "；每月成本 {month}（每年 {year}）",
        WhyBuffer => "；您的緩衝保留其中 {kept} 個（設定 {n} 個）；超出 {beyond} 個",
        WhyReduceUntil => "；{product}：可在 {date} 前減少 {n} 個（{yours}）",
        WhyReduceAtRenewal => {
            "；{product}：在 {date} 續約時減少 {n} 個；自動續約：{auto}（{yours}）"
        }
        WhyOffer => "；向 {from} 的使用者推薦 {to}",
        WhyPaid => "；對應的付費產品：{name}",
        On => "開啟",
        Off => "關閉",
        Unknown => "未知",
        Yours => "您的：已售 {sold} 個中的 {yours} 個",
        YoursOverSold => "您的：{yours}，多於已售出的 {sold}：請檢查訂閱匯出",
        CostHeading => "閒置授權成本",
        CostTotal => "每月 {month}（每年 {year}）",
        CostProduct => "{product}：未指派 {unassigned}，閒置 {idle}／月（每個授權 {price}）",
        CostProductNoUsage => {
            "{product}：未指派 {unassigned}／月（每個授權 {price}；無使用資料可算閒置）"
        }
        TermsHeading => "續約條款",
        TermsProduct => "{product}：{terms}",
        TermsOfThem => "其中 {n}",
        TermsTerm => "期限 {term}",
        TermsBilled => "計費 {cycle}",
        TermsRenews => "{date} 續約",
        TermsRenewsUnknown => "續約日期未知",
        TermsAuto => "自動續約{auto}",
        TermsReduceUntil => "可在 {date} 前減少授權",
        TermsReduceAtRenewal => "下次可減少授權的時間為續約時",
        TermMonth => "1 個月",
        TermMonths => "{n} 個月",
        TermYear => "1 年",
        TermYears => "{n} 年",
        BillingMonthly => "每月",
        BillingAnnual => "每年",
        BillingTriennial => "每三年",
        BillingOneTime => "一次性",
        ResourcesHeading => "您的資源",
        OverviewCost => {
            "依您的價格，閒置授權每月成本 {month}（每年 {year}）；{total} 位客戶中 {n} 位有價格"
        }
        // Graph users (issue 14)
        UsersColName => "使用者",
        UsersColDays => "未使用天數",
        UsersColProducts => "產品",
        UsersNever => "從未",
        UsersConcealed => "已隱藏",
        UsersHiddenName => "使用者 {n}",
        UsersNoReport => {
            "{customer}：此客戶沒有載入 Microsoft Graph 使用者報表 (getOffice365ActiveUserDetail)；請放在以租用戶識別碼命名的資料夾中"
        }
        UsersNoReportInFolder => {
            "{customer}：在租用戶資料夾 {tenant} 中找不到作用中使用者詳細資料報表 (getOffice365ActiveUserDetail)（只有其他 Microsoft Graph 檔案）"
        }
        UsersConcealedNote => {
            "此租用戶的報表隱藏了使用者名稱（{n} 位使用者）；租用戶系統管理員可在 Microsoft 365 系統管理中心關閉：設定 → 組織設定 → 服務 → 報表"
        }
        UsersHeading => {
            "{n} 位已授權使用者 · {inactive} 位未使用（28 天）· Microsoft Graph 報表日期 {date}"
        }
        UsersFilterOn => {
            "顯示 {shown} 位：所有工作負載皆未使用 ≥ {days} 天（從未使用者：授權已達此天數）"
        }
        UsersSortedBy => "排序：{key}",
        UsersSortInactive => "最久未使用",
        UsersSortName => "名稱",
        UsersSortActive => "最近使用",
        UsersKeys => "s 排序 · f 篩選 · y 複製 · Esc 返回",
        KeyUsersHint => "使用者",
        KeyUsers => "所選客戶的已授權使用者 (Microsoft Graph)",
        UsersNone => "沒有符合的已授權使用者",
        UsersCopied => "已複製 {n} 位使用者",
        TitleReclaimLicenses => "收回未使用者的授權",
        StepReclaimLicenses1 => "與客戶一起檢視未使用的使用者（u 列出；y 複製清單）。",
        StepReclaimLicenses2 => "將已離職或變更職務者的授權重新指派。",
        StepReclaimLicenses3 => "若無人需要，於續約時減少授權數。",
        CustomerStepReclaimLicenses => "檢視指派給長期未使用者的授權。",
        WhyReclaim => {
            "{n} 位已授權使用者已 {days}+ 天未使用（Microsoft Graph 報表日期 {date}）：重新指派或於續約時減少"
        }
        WhyReclaimOne => {
            "1 位已授權使用者已 {days}+ 天未使用（Microsoft Graph 報表日期 {date}）：重新指派或於續約時減少"
        }
        WhyReclaimProducts => "；其產品：{products}",
        WhyReclaimProduct => "{product}（{n} 位）",
        WhyReclaimMoreProducts => "另有 {n} 項產品",
        WhyReclaimOneMoreProduct => "另有 1 項產品",
        GraphHeading => "Microsoft Graph（租用戶報表）· {when} · {status}",
        GraphCurrent => "目前來源：比合作夥伴中心新",
        GraphOlder => "比合作夥伴中心舊",
        GraphOnly => "唯一來源",
        GraphNoReport => "沒有使用者報表",
        WordGraph => "Microsoft Graph",
        WordPartnerCenter => "合作夥伴中心",
        SourcePartnerCenter => " 來源：合作夥伴中心。",
        ExplainGraphLicenses => {
            "租用戶中的授權（來源：Microsoft Graph subscribedSkus）：已指派 {assigned} ÷ 已售出 {sold} = {percent}。已售出 = 已啟用 + 寬限期；僅限可指派給使用者的 SKU。"
        }
        ExplainGraphWorkload => {
            "{workload}（來源：Microsoft Graph 報表，日期 {date}）：{total} 位已授權使用者中有 {active} 位在報表日期前 28 天內使用 = {percent}。以人數計算，非權利數；OneDrive 併入 SharePoint。"
        }
        GraphDisagree => {
            "合作夥伴中心截至 {when} 為 {percent}：相差 {points} 個百分點，超過 10。{current} 是較新的來源，視為目前資料。"
        }
        SkuWarning => "已過期，寬限期中",
        SkuSuspended => "已暫停（刪除前可重新啟用）",
        SkuLockedOut => "已鎖定（已取消）",
        GraphSkuState => "{sku}：{state}；已指派 {assigned}，已啟用 {enabled}",
        LoadingBytes => "讀取 {file} · {done} / {total} MB · {rate} MB/秒",
        LoadingBuilding => "已全部讀取 · 正在建立客戶組合",
        WhyFallingPartnerCenter => "（合作夥伴中心的資料，與其自身比較）",
        GraphUndated => "無日期：以合作夥伴中心的數據為準",
        SourcesDisagreeUndated => {
            "{other}（無日期）為 {percent}：相差 {points} 個百分點，超過 10。以{current}有日期的數據為準。"
        }
        Over100PartnerCenter => {
            "使用量超過 100%：出現在上方合作夥伴中心的產品列，而非 Microsoft Graph 的整體數據。"
        }
        AsOfFrom => "{text}，來源：{source}",
        ExplainDeploymentGraph => {
            "部署 = 已指派 {assigned} ÷ 已銷售 {sold} = {percent}，加總租用戶的 {skus}（來源：Microsoft Graph subscribedSkus，日期依使用者報表 {when}）。已銷售 = 已啟用 + 寬限期：向任何合作夥伴或直接向 Microsoft 購買的授權；不含免費與自助式 SKU。"
        }
        SkuOne => "{n} 個付費 SKU",
        SkuMany => "{n} 個付費 SKU",
        ExplainUsageGraph => {
            "使用量 = 作用中 {active} ÷ 工作負載權利 {total} = {percent}，加總 {workloads}（來源：Microsoft Graph 報表，日期 {when}）。每位已授權使用者在每個工作負載各計一次，OneDrive 併入 SharePoint。作用中：在報表日期前 28 天內使用過。"
        }
        WorkloadOne => "{n} 個工作負載",
        WorkloadMany => "{n} 個工作負載",
        OtherSays => "{other}截至 {when} 為 {percent}。",
        SourcesDisagree => {
            "{other}截至 {when} 為 {percent}：相差 {points} 個百分點，超過 10。{current} 是較新的來源，視為目前資料。"
        }
        GraphAhead => "日期在未來：以合作夥伴中心的數據為準",
        GraphDisagreeAhead => {
            "合作夥伴中心截至 {when} 為 {percent}：相差 {points} 個百分點，超過 10。報表日期在未來（時鐘錯誤或檔案經過編輯）：以日期正確的合作夥伴中心數據為準。"
        }
        SourcesDisagreeAhead => {
            "{other}截至 {when} 為 {percent}：相差 {points} 個百分點，超過 10。該日期在未來（時鐘錯誤或檔案經過編輯）：以日期正確的{current}數據為準。"
        }
    }
}
