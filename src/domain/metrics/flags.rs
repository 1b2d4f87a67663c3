//! The conditions worth a partner's attention, and a set of them.

use std::fmt;

use serde::Serialize;

/// A condition worth a partner's attention. Ids are stable (JSON, CSV, filters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Flag {
    LowDeployment,
    LowUsage,
    UsageOver100,
    DeploymentNa,
    UsageNa,
    AssignedWithoutSold,
    Trial,
    StaleData,
    ManySupportRequests,
}

impl Flag {
    pub const ALL: [Flag; 9] = [
        Flag::LowDeployment,
        Flag::LowUsage,
        Flag::UsageOver100,
        Flag::DeploymentNa,
        Flag::UsageNa,
        Flag::AssignedWithoutSold,
        Flag::Trial,
        Flag::StaleData,
        Flag::ManySupportRequests,
    ];

    /// The stable id, as in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Flag::LowDeployment => "low_deployment",
            Flag::LowUsage => "low_usage",
            Flag::UsageOver100 => "usage_over_100",
            Flag::DeploymentNa => "deployment_na",
            Flag::UsageNa => "usage_na",
            Flag::AssignedWithoutSold => "assigned_without_sold",
            Flag::Trial => "trial",
            Flag::StaleData => "stale_data",
            Flag::ManySupportRequests => "many_support_requests",
        }
    }
}

/// A set of flags in one word (there are millions of workload rows: no allocation each).
/// Iterates in the order of [`Flag::ALL`].
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Flags(u16);

impl Flags {
    pub fn push(&mut self, flag: Flag) {
        self.0 |= 1 << flag as u16;
    }

    pub fn contains(&self, flag: &Flag) -> bool {
        self.0 & (1 << *flag as u16) != 0
    }

    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = &'static Flag> + '_ {
        Flag::ALL.iter().filter(move |f| self.contains(f))
    }
}

impl FromIterator<Flag> for Flags {
    fn from_iter<I: IntoIterator<Item = Flag>>(flags: I) -> Self {
        let mut set = Flags::default();
        flags.into_iter().for_each(|f| set.push(f));
        set
    }
}

impl PartialEq<Vec<Flag>> for Flags {
    fn eq(&self, other: &Vec<Flag>) -> bool {
        self.iter().copied().eq(other.iter().copied())
    }
}

impl fmt::Debug for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Flags {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl Serialize for Flag {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
