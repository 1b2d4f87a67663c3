//! The user's language: every word uptake shows comes from one catalogue per language.
//!
//! A hand-written catalogue, not `fluent` or `rust-i18n`: the keys are an enum and each
//! language is an exhaustive `match`, so a key missing in any language is a compile error
//! (and a test also rejects empty, untranslated or placeholder-mismatched entries). Three
//! languages with simple plurals need no runtime parser, no extra dependencies and no lookup
//! by string at run time. Templates name their values (`{active} of {total}`), so each
//! language orders them as its grammar needs.
//!
//! JSON output, flag ids and action ids never go through here: they stay English.

mod de;
mod en;
mod keys;
mod zh_tw;

use std::fmt;

pub use keys::Msg;

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    De,
    /// Traditional Chinese (Taiwan).
    ZhTw,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::De, Lang::ZhTw];

    /// The tag `--lang` and the config file take: `en`, `de`, `zh-TW`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::ZhTw => "zh-TW",
        }
    }

    /// A language tag or locale name as users write it: `de`, `de-AT`, `de_DE.UTF-8`,
    /// `zh-TW`, `zh_TW.UTF-8`, `zh-Hant`, `zh_Hant_HK`, `en_US`, any case. `None` for
    /// anything else (including Simplified Chinese, which uptake does not speak).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        // `de_DE.UTF-8@euro` → `de_de`.
        let base = tag.split(['.', '@']).next().unwrap_or("").trim();
        let lower = base.to_ascii_lowercase().replace('-', "_");
        let mut parts = lower.split('_');
        match parts.next()? {
            "en" => Some(Lang::En),
            "de" => Some(Lang::De),
            "zh" => {
                let rest: Vec<&str> = parts.collect();
                let traditional = rest
                    .iter()
                    .any(|p| matches!(*p, "tw" | "hant" | "hk" | "mo"));
                traditional.then_some(Lang::ZhTw)
            }
            _ => None,
        }
    }

    /// The language of the environment: the first set of `LC_ALL`, `LC_MESSAGES`, `LANG`
    /// (POSIX order); German or Traditional Chinese when it names them, else English.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(|name| var(name).filter(|v| !v.is_empty()))
            .next()
            .and_then(|v| Lang::from_tag(&v))
            .unwrap_or(Lang::En)
    }

    /// `--lang`, else the config file's `lang`, else the environment.
    pub fn choose(
        flag: Option<Lang>,
        config: Option<Lang>,
        var: impl Fn(&str) -> Option<String>,
    ) -> Lang {
        flag.or(config).unwrap_or_else(|| Lang::from_env(var))
    }

    /// The catalogue entry for `msg`.
    pub fn get(self, msg: Msg) -> &'static str {
        match self {
            Lang::En => en::text(msg),
            Lang::De => de::text(msg),
            Lang::ZhTw => zh_tw::text(msg),
        }
    }

    /// The entry with its `{name}` placeholders filled.
    pub fn fill(self, msg: Msg, args: &[(&str, &dyn fmt::Display)]) -> String {
        fill(self.get(msg), args)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::from_tag(s).ok_or_else(|| {
            format!(
                "unknown language {} (expected en, de or zh-TW)",
                crate::text::quote(s)
            )
        })
    }
}

impl serde::Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.tag())
    }
}

impl<'de> serde::Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        raw.parse().map_err(serde::de::Error::custom)
    }
}

/// Replaces each `{name}` in `template` with its value; an unknown name stays as written.
pub fn fill(template: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => {
                use fmt::Write;
                let _ = write!(out, "{value}");
            }
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The `{name}` placeholders of a template, sorted.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names
}

/// `tr!(lang, Key)` is the entry; `tr!(lang, Key, name = value, …)` fills its placeholders.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $msg:ident) => {
        $lang.get($crate::i18n::Msg::$msg)
    };
    ($lang:expr, $msg:ident, $($name:ident = $value:expr),+ $(,)?) => {
        $lang.fill(
            $crate::i18n::Msg::$msg,
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+],
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn every_key_is_translated_in_every_catalogue() {
        for &msg in Msg::ALL {
            let en = Lang::En.get(msg);
            assert!(!en.trim().is_empty(), "{msg:?}: empty in en");
            for lang in [Lang::De, Lang::ZhTw] {
                let text = lang.get(msg);
                assert!(!text.trim().is_empty(), "{msg:?}: empty in {lang}");
                assert_eq!(
                    placeholders(text),
                    placeholders(en),
                    "{msg:?}: {lang} has other placeholders than en"
                );
                assert!(
                    text != en || msg.same_everywhere(),
                    "{msg:?}: {lang} is the English text {en:?} (not translated)"
                );
            }
        }
    }

    #[test]
    fn chinese_entries_use_chinese_script() {
        for &msg in Msg::ALL {
            if msg.same_everywhere() {
                continue;
            }
            let text = Lang::ZhTw.get(msg);
            assert!(
                text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{msg:?}: {text:?} has no Chinese character"
            );
        }
    }

    #[test]
    fn fill_replaces_named_values_in_any_order() {
        let a: &dyn fmt::Display = &3;
        let b: &dyn fmt::Display = &"E3";
        assert_eq!(fill("{n} in {p}", &[("p", b), ("n", a)]), "3 in E3");
        assert_eq!(fill("{p}：{n}", &[("p", b), ("n", a)]), "E3：3");
        assert_eq!(fill("{missing} {", &[]), "{missing} {");
        assert_eq!(placeholders("{b} of {a}"), ["a", "b"]);
    }

    #[test]
    fn tags_and_locales_name_the_language() {
        let cases = [
            ("en", Some(Lang::En)),
            ("de", Some(Lang::De)),
            ("DE", Some(Lang::De)),
            ("de_DE.UTF-8", Some(Lang::De)),
            ("de-AT", Some(Lang::De)),
            ("de_CH.utf8@euro", Some(Lang::De)),
            ("zh-TW", Some(Lang::ZhTw)),
            ("zh_TW.UTF-8", Some(Lang::ZhTw)),
            ("zh_Hant", Some(Lang::ZhTw)),
            ("zh-Hant-TW", Some(Lang::ZhTw)),
            ("zh_HK.UTF-8", Some(Lang::ZhTw)),
            ("zh_CN.UTF-8", None),
            ("zh", None),
            ("fr_FR.UTF-8", None),
            ("C", None),
            ("POSIX", None),
            ("", None),
        ];
        for (tag, want) in cases {
            assert_eq!(Lang::from_tag(tag), want, "{tag:?}");
        }
    }

    #[test]
    fn the_environment_follows_posix_precedence() {
        assert_eq!(Lang::from_env(env(&[("LANG", "de_DE.UTF-8")])), Lang::De);
        assert_eq!(Lang::from_env(env(&[("LANG", "zh_TW.UTF-8")])), Lang::ZhTw);
        assert_eq!(
            Lang::from_env(env(&[
                ("LANG", "de_DE.UTF-8"),
                ("LC_MESSAGES", "zh_TW.UTF-8")
            ])),
            Lang::ZhTw
        );
        assert_eq!(
            Lang::from_env(env(&[("LANG", "de_DE.UTF-8"), ("LC_ALL", "en_US.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env(env(&[("LANG", "de_DE.UTF-8"), ("LC_ALL", "")])),
            Lang::De,
            "an empty variable is unset"
        );
        assert_eq!(Lang::from_env(env(&[("LANG", "fr_FR.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_env(env(&[("LANG", "C")])), Lang::En);
        assert_eq!(Lang::from_env(env(&[])), Lang::En);
    }

    #[test]
    fn the_flag_beats_the_config_which_beats_the_environment() {
        let de = env(&[("LANG", "de_DE.UTF-8")]);
        assert_eq!(
            Lang::choose(Some(Lang::ZhTw), Some(Lang::En), &de),
            Lang::ZhTw
        );
        assert_eq!(Lang::choose(None, Some(Lang::En), &de), Lang::En);
        assert_eq!(Lang::choose(None, None, &de), Lang::De);
    }

    #[test]
    fn unknown_tags_are_refused_with_the_choices() {
        let err = "fr".parse::<Lang>().unwrap_err();
        assert!(err.contains("en, de or zh-TW"), "{err}");
        assert_eq!("zh-tw".parse::<Lang>(), Ok(Lang::ZhTw));
    }
}
