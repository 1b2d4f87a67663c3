//! Words for the domain's enums and records, in the user's language: every "enum → words"
//! table is here (the domain itself holds no words). The impl blocks extend the domain types,
//! so `key.label(lang)` reads the same everywhere.

use crate::domain::advice::{ActionId, Suggestion};
use crate::domain::analysis::{BUCKET_NA, BUCKET_OVER_100, Filter, SortKey};
use crate::domain::metrics::Flag;
use crate::domain::model::{ImportWarning, Severity};
use crate::i18n::{Lang, Msg};
use crate::present::format;
use crate::tr;

impl ActionId {
    /// The title in `lang`.
    pub fn title(self, lang: Lang) -> &'static str {
        lang.get(match self {
            ActionId::CheckData => Msg::TitleCheckData,
            ActionId::RefreshData => Msg::TitleRefreshData,
            ActionId::ConvertTrial => Msg::TitleConvertTrial,
            ActionId::ShowValue => Msg::TitleShowValue,
            ActionId::AssignLicenses => Msg::TitleAssignLicenses,
            ActionId::WorkloadAdoption => Msg::TitleWorkloadAdoption,
            ActionId::Expand => Msg::TitleExpand,
            ActionId::UsageFalling => Msg::TitleUsageFalling,
            ActionId::Training => Msg::TitleTraining,
            ActionId::ReclaimLicenses => Msg::TitleReclaimLicenses,
        })
    }

    /// The concrete next steps (catalogue keys; see [`Lang::get`]).
    /// The one step a customer may see while presenting (no sales labels).
    pub fn customer_step(self) -> Msg {
        match self {
            ActionId::CheckData => Msg::CustomerStepCheckData,
            ActionId::RefreshData => Msg::CustomerStepRefreshData,
            ActionId::ConvertTrial => Msg::CustomerStepConvertTrial,
            ActionId::ShowValue => Msg::CustomerStepShowValue,
            ActionId::AssignLicenses => Msg::CustomerStepAssignLicenses,
            ActionId::WorkloadAdoption => Msg::CustomerStepWorkloadAdoption,
            ActionId::Expand => Msg::CustomerStepExpand,
            ActionId::Training => Msg::CustomerStepTraining,
            ActionId::UsageFalling => Msg::CustomerStepUsageFalling,
            ActionId::ReclaimLicenses => Msg::CustomerStepReclaimLicenses,
        }
    }

    pub fn steps(self) -> &'static [Msg] {
        use Msg::*;
        match self {
            ActionId::CheckData => &[
                StepCheckData1,
                StepCheckData2,
                StepCheckData3,
                StepCheckData4,
            ],
            ActionId::RefreshData => &[StepRefreshData1, StepRefreshData2],
            ActionId::ConvertTrial => &[StepConvertTrial1, StepConvertTrial2, StepConvertTrial3],
            ActionId::ShowValue => &[
                StepShowValue1,
                StepShowValue2,
                StepShowValue3,
                StepShowValue4,
            ],
            ActionId::AssignLicenses => &[
                StepAssignLicenses1,
                StepAssignLicenses2,
                StepAssignLicenses3,
            ],
            ActionId::WorkloadAdoption => &[StepWorkloadAdoption1, StepWorkloadAdoption2],
            ActionId::Expand => &[StepExpand1, StepExpand2],
            ActionId::Training => &[StepTraining1, StepTraining2, StepTraining3, StepTraining4],
            ActionId::UsageFalling => &[StepUsageFalling1, StepUsageFalling2, StepUsageFalling3],
            ActionId::ReclaimLicenses => &[
                StepReclaimLicenses1,
                StepReclaimLicenses2,
                StepReclaimLicenses3,
            ],
        }
    }
}

impl Suggestion {
    pub fn title(&self, lang: Lang) -> &'static str {
        self.id.title(lang)
    }

    pub fn why_text(&self, lang: Lang) -> String {
        self.why.text(lang)
    }

    /// The next steps in `lang`.
    pub fn steps(&self, lang: Lang) -> impl Iterator<Item = &'static str> {
        self.id.steps().iter().map(move |m| lang.get(*m))
    }
}

/// The label of bucket `i` of [`PortfolioStats::deployment_buckets`]: `0–20%`, `> 100%`, `n/a`.
pub fn bucket_label(lang: Lang, i: usize) -> String {
    match i {
        BUCKET_OVER_100 => format!("> {}", format::limit(lang, 100.0)),
        BUCKET_NA => lang.get(Msg::NaShort).to_string(),
        i => format!(
            "{}–{}",
            i * 20,
            format::limit(lang, (i as f64 + 1.0) * 20.0)
        ),
    }
}

impl SortKey {
    /// Short label for the title and hints.
    pub fn label(self, lang: Lang) -> &'static str {
        lang.get(match self {
            SortKey::Name => Msg::SortName,
            SortKey::UsageAsc => Msg::SortUsage,
            SortKey::DeploymentAsc => Msg::SortDeployment,
            SortKey::UnusedDesc => Msg::SortUnused,
            SortKey::DropDesc => Msg::SortDrop,
            SortKey::CostDesc => Msg::SortCost,
        })
    }
}

impl Filter {
    pub fn label(self, lang: Lang) -> &'static str {
        lang.get(match self {
            Filter::All => Msg::FilterAll,
            Filter::NeedsAttention => Msg::FilterAttention,
            Filter::LowUsage => Msg::FlagLowUsage,
            Filter::LowDeployment => Msg::FlagLowDeployment,
            Filter::Over100 => Msg::FilterOver100,
            Filter::Trials => Msg::FilterTrials,
            Filter::Renewing => Msg::FilterRenewing,
            Filter::RenewingIdle => Msg::FilterRenewingIdle,
        })
    }
}

/// A flag in words, for people (JSON and `show` keep the English ids).
pub fn flag_words(lang: Lang, flag: Flag) -> &'static str {
    lang.get(match flag {
        Flag::LowDeployment => Msg::FlagLowDeployment,
        Flag::LowUsage => Msg::FlagLowUsage,
        Flag::UsageOver100 => Msg::FlagUsageOver100,
        Flag::DeploymentNa => Msg::FlagDeploymentNa,
        Flag::UsageNa => Msg::FlagUsageNa,
        Flag::AssignedWithoutSold => Msg::FlagAssignedWithoutSold,
        Flag::Trial => Msg::FlagTrial,
        Flag::StaleData => Msg::FlagStaleData,
        Flag::ManySupportRequests => Msg::FlagManySupportRequests,
    })
}

impl ImportWarning {
    /// `file: record 2 (items[1]), field sold: message (record skipped)`, the frame in `lang`
    /// (the message itself is written where the problem is found, in English).
    pub fn text(&self, lang: Lang) -> String {
        let mut out = self.file.clone();
        if let Some((n, path)) = &self.record {
            out.push_str(": ");
            out.push_str(&tr!(lang, WarnRecord, n = n, path = path));
        }
        if let Some(field) = &self.field {
            out.push_str(", ");
            out.push_str(&tr!(lang, WarnField, field = field));
        }
        out.push_str(": ");
        out.push_str(&self.message);
        if self.severity == Severity::Skipped {
            out.push_str(&format!(" ({})", tr!(lang, WarnSkipped)));
        }
        out
    }
}

impl std::fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}
