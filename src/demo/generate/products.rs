//! The products a generated customer buys, their workloads, and how many seats.

use super::rng::Rng;

pub(super) struct ProductDef {
    pub(super) name: &'static str,
    pub(super) service: &'static str,
    pub(super) workloads: &'static [(&'static str, &'static str)],
}

const O365_FULL: &[(&str, &str)] = &[
    ("EXO", "Exchange"),
    ("SPO", "SharePoint"),
    ("TEAMS", "Teams"),
    ("YAM", "Yammer"),
    ("SFB", "Skype For Business"),
];
const O365_BIZ: &[(&str, &str)] = &[
    ("EXO", "Exchange"),
    ("SPO", "SharePoint"),
    ("TEAMS", "Teams"),
    ("YAM", "Yammer"),
];
const O365_FRONT: &[(&str, &str)] = &[
    ("EXO", "Exchange"),
    ("SPO", "SharePoint"),
    ("TEAMS", "Teams"),
];
const CRM: &[(&str, &str)] = &[
    ("CRM", "Microsoft Dynamics CRM"),
    ("SPO", "SharePoint"),
    ("EXO", "Exchange"),
];

pub(super) const PRODUCTS: &[ProductDef] = &[
    ProductDef {
        name: "MICROSOFT 365 E3",
        service: "o365",
        workloads: O365_FULL,
    },
    ProductDef {
        name: "MICROSOFT 365 E5",
        service: "o365",
        workloads: O365_FULL,
    },
    ProductDef {
        name: "MICROSOFT 365 BUSINESS PREMIUM",
        service: "o365",
        workloads: O365_BIZ,
    },
    ProductDef {
        name: "MICROSOFT 365 BUSINESS STANDARD",
        service: "o365",
        workloads: O365_BIZ,
    },
    ProductDef {
        name: "MICROSOFT 365 BUSINESS BASIC",
        service: "o365",
        workloads: O365_FRONT,
    },
    ProductDef {
        name: "OFFICE 365 E1",
        service: "o365",
        workloads: O365_BIZ,
    },
    ProductDef {
        name: "MICROSOFT 365 F3",
        service: "o365",
        workloads: O365_FRONT,
    },
    ProductDef {
        name: "DYNAMICS 365 SALES ENTERPRISE",
        service: "crm",
        workloads: CRM,
    },
    ProductDef {
        name: "DYNAMICS 365 CUSTOMER SERVICE PROFESSIONAL",
        service: "crm",
        workloads: CRM,
    },
];

/// Seats of one product: mostly small businesses, a long tail of large ones.
pub(super) fn seats(rng: &mut Rng) -> u64 {
    match rng.below(100) {
        0..=59 => 3 + rng.below(30),
        60..=89 => 30 + rng.below(200),
        _ => 200 + rng.below(3000),
    }
}
