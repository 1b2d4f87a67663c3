//! Thresholds and preferences: defaults here, overridden by `config.toml` in the config dir
//! (`~/.config/uptake/config.toml` on Linux; `UPTAKE_CONFIG` names another file).
//! Unknown keys and bad values are errors that name the key.

mod commerce;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::domain::analysis::SortKey;
use crate::domain::thresholds::Thresholds;
use crate::env::Env;

/// Colour themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    /// Monochrome (also chosen by `NO_COLOR` or `--no-color`).
    Mono,
}

/// Display preferences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Display {
    /// The list's order at start: name, usage, deployment, unused, drop.
    #[serde(with = "sort_key")]
    pub sort: SortKey,
    pub theme: ThemeName,
    /// The UI language (en, de, zh-TW); unset follows the locale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<crate::i18n::Lang>,
}

impl Default for Display {
    fn default() -> Self {
        Self {
            sort: SortKey::Name,
            theme: ThemeName::Dark,
            lang: None,
        }
    }
}

mod sort_key {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::domain::analysis::SortKey;

    pub fn serialize<S: Serializer>(key: &SortKey, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(key.id())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SortKey, D::Error> {
        let raw = String::deserialize(d)?;
        raw.parse().map_err(serde::de::Error::custom)
    }
}

/// The whole configuration.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub thresholds: Thresholds,
    pub display: Display,
    // Commercial facts (issue 15): see `crate::config::commerce`.
    /// Price per license and month: `currency = "EUR"`, then product name or SKU part number
    /// = price.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub prices: BTreeMap<String, commerce::PriceEntry>,
    /// Product → the product to offer (overrides and additions to the built-in map).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub upgrades: BTreeMap<String, String>,
    /// Action id → the partner's own texts and links.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub resources: BTreeMap<String, Vec<String>>,
    /// Product → unassigned seats tolerated before `assign_licenses`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub buffers: BTreeMap<String, u64>,
    #[serde(skip_serializing_if = "commerce::Exclude::is_empty")]
    pub exclude: commerce::Exclude,
    // Graph users (issue 14)
    /// More `skuPartNumber` → product names, over the shipped table (`[skus]`,
    /// `CONTOSO_ADDON = "Contoso Add-on"`).
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub skus: std::collections::BTreeMap<String, String>,
}

impl Config {
    /// Parses a config file's text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> anyhow::Result<Self> {
        let mut config: Config = toml::from_str(text)
            .map_err(|e| anyhow::anyhow!("{origin}: {}", one_line(&e, text)))?;
        config
            .validate()
            .map_err(|(key, msg)| anyhow::anyhow!("{origin}: {key}: {msg}"))?;
        let terms = commerce::build(&config)
            .map_err(|(key, msg)| anyhow::anyhow!("{origin}: {key}: {msg}"))?;
        config.thresholds.commerce = std::sync::Arc::new(terms);
        Ok(config)
    }

    fn validate(&self) -> Result<(), (&'static str, String)> {
        let t = &self.thresholds;
        let percent = [
            ("thresholds.low_usage", t.low_usage),
            ("thresholds.low_deployment", t.low_deployment),
            ("thresholds.expand_deployment", t.expand_deployment),
            ("thresholds.expand_usage", t.expand_usage),
            ("thresholds.workload_gap", t.workload_gap),
            ("thresholds.usage_drop", t.usage_drop),
        ];
        for (key, v) in percent {
            if !(0.0..=100.0).contains(&v) {
                return Err((key, format!("must be between 0 and 100, found {v}")));
            }
        }
        for (key, v) in [
            ("thresholds.stale_days", t.stale_days),
            ("thresholds.renewal_days", t.renewal_days),
            // Graph users (issue 14)
            ("thresholds.inactive_days", t.inactive_days),
            ("thresholds.reclaim_days", t.reclaim_days),
        ] {
            if !(1..=3650).contains(&v) {
                return Err((key, format!("must be between 1 and 3650 days, found {v}")));
            }
        }
        Ok(())
    }

    // Graph users (issue 14)
    /// The SKU names: the shipped table with `[skus]` over it.
    pub fn sku_names(&self) -> crate::domain::graph::SkuNames {
        let mut names = crate::domain::graph::SkuNames::shipped();
        for (part, name) in &self.skus {
            names.add(part, name);
        }
        names
    }

    /// The effective configuration as TOML (for `uptake config --print`).
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).expect("the config serialises")
    }
}

/// A TOML error on one line, quoting the line it is on:
/// "line 2 (`low_usage = "half"`): invalid type: string "half", expected f64".
fn one_line(e: &toml::de::Error, text: &str) -> String {
    let msg = e.message().trim().replace('\n', " ");
    let Some(span) = e.span() else {
        return msg;
    };
    let start = span.start.min(text.len());
    let line = text[..start].matches('\n').count() + 1;
    let source = text.lines().nth(line - 1).unwrap_or("").trim();
    format!(
        "line {line} (`{}`): {msg}",
        crate::text::truncate(&crate::text::sanitize(source), 60)
    )
}

/// Loads the config file if there is one ([`Env::config_path`]); defaults otherwise. Returns
/// the file it read.
pub fn load(env: &Env) -> anyhow::Result<(Config, Option<PathBuf>)> {
    let Some(path) = env.config_path() else {
        return Ok((Config::default(), None));
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok((
            Config::parse(&text, &crate::text::display(&path))?,
            Some(path),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !env.config_named() => {
            Ok((Config::default(), None))
        }
        Err(e) => anyhow::bail!(
            "{}: cannot read the config file: {e}",
            crate::text::display(&path)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(Config::parse("", "c.toml").unwrap(), Config::default());
    }

    #[test]
    fn values_override_defaults() {
        let c = Config::parse(
            "[thresholds]\nlow_usage = 40\nstale_days = 60\n[display]\nsort = \"usage\"\ntheme = \"light\"\n",
            "c.toml",
        )
        .unwrap();
        assert_eq!(c.thresholds.low_usage, 40.0);
        assert_eq!(c.thresholds.stale_days, 60);
        assert_eq!(
            c.thresholds.low_deployment, 80.0,
            "others keep their default"
        );
        assert_eq!(c.display.sort, SortKey::UsageAsc);
        assert_eq!(c.display.theme, ThemeName::Light);
    }

    #[test]
    fn errors_name_the_key() {
        let cases = [
            ("[thresholds]\nlowusage = 40\n", "unknown field `lowusage`"),
            ("[tresholds]\n", "unknown field `tresholds`"),
            (
                "[thresholds]\nlow_usage = \"half\"\n",
                "line 2 (`low_usage = \"half\"`): invalid type",
            ),
            (
                "[thresholds]\nlow_usage = 150\n",
                "thresholds.low_usage: must be between 0 and 100, found 150",
            ),
            (
                "[thresholds]\nstale_days = 0\n",
                "thresholds.stale_days: must be between 1 and 3650",
            ),
            (
                "[display]\nsort = \"price\"\n",
                "unknown sort key \"price\"",
            ),
            ("[display]\ntheme = \"neon\"\n", "unknown variant `neon`"),
            (
                "[display]\nlang = \"fr\"\n",
                "unknown language \"fr\" (expected en, de or zh-TW)",
            ),
        ];
        for (text, want) in cases {
            let err = Config::parse(text, "c.toml").unwrap_err().to_string();
            assert!(
                err.starts_with("c.toml: ") && err.contains(want),
                "{text:?}: {err}"
            );
            assert!(!err.contains('\n'), "one line: {err}");
        }
    }

    #[test]
    fn the_language_is_a_display_preference() {
        let c = Config::parse("[display]\nlang = \"zh-TW\"\n", "c.toml").unwrap();
        assert_eq!(c.display.lang, Some(crate::i18n::Lang::ZhTw));
        assert!(c.to_toml().contains("lang = \"zh-TW\""), "{}", c.to_toml());
        assert_eq!(Config::parse("", "c.toml").unwrap().display.lang, None);
    }

    // Graph users (issue 14)
    #[test]
    fn graph_user_keys() {
        let c = Config::parse(
            "[thresholds]\nreclaim_days = 60\n[skus]\nCONTOSO_ADDON = \"Contoso Add-on\"\n",
            "c.toml",
        )
        .unwrap();
        assert_eq!(
            (c.thresholds.reclaim_days, c.thresholds.inactive_days),
            (60, 28)
        );
        assert_eq!(
            c.sku_names().name("contoso_addon").as_str(),
            "Contoso Add-on"
        );
        assert_eq!(c.sku_names().name("SPE_E3").as_str(), "Microsoft 365 E3");
        let err = Config::parse("[thresholds]\nreclaim_days = 0\n", "c.toml").unwrap_err();
        assert!(err.to_string().contains("thresholds.reclaim_days"), "{err}");
    }

    #[test]
    fn print_round_trips() {
        let c = Config::default();
        assert_eq!(Config::parse(&c.to_toml(), "printed").unwrap(), c);
        assert!(c.to_toml().contains("low_usage = 50.0"));
    }
}
