//! Names that look alike: two customers whose names differ but share a UTS #39 skeleton
//! (`Contoso` in Latin and `Соntoso` with Cyrillic letters) are worth a warning, since the one
//! on screen may not be the one the partner means.

use unicode_security::confusable_detection::skeleton;

use crate::domain::model::{ImportWarning, Severity};
use crate::text::Clean;

/// At most this many look-alike warnings (the rest are counted in one more).
const MAX: usize = 50;

/// A customer's id and name.
pub type Named = (Option<Clean>, Clean);

/// The UTS #39 skeleton of each name (two names look alike when theirs are the same), read
/// word by word: names share their words ("GmbH", "Solutions"), and a skeleton is its words'
/// skeletons joined by the space's (the mapping is character by character, and NFD never
/// moves a character across a space).
pub fn keys(names: &[Named]) -> Vec<String> {
    const MOST_WORDS: usize = 1 << 18;
    let space: String = skeleton(" ").collect();
    let mut words: foldhash::HashMap<&str, String> = foldhash::HashMap::default();
    names
        .iter()
        .map(|(_, name)| {
            let mut key = String::with_capacity(name.as_str().len());
            for (i, word) in name.as_str().split(' ').enumerate() {
                if i > 0 {
                    key.push_str(&space);
                }
                match words.get(word) {
                    Some(k) => key.push_str(k),
                    None => {
                        let k: String = skeleton(word).collect();
                        key.push_str(&k);
                        if words.len() < MOST_WORDS {
                            words.insert(word, k);
                        }
                    }
                }
            }
            key
        })
        .collect()
}

/// One note per customer whose name looks like an earlier customer's but is another text.
/// `customers` come in the portfolio's order, each with its name's key ([`keys`]).
pub fn warnings<'c>(customers: impl Iterator<Item = (&'c Named, &'c str)>) -> Vec<ImportWarning> {
    let mut first: foldhash::HashMap<&str, &Named> = foldhash::HashMap::default();
    let mut out = Vec::new();
    let mut more = 0usize;
    for (c, key) in customers {
        let Some(&other) = first.get(key) else {
            first.insert(key, c);
            continue;
        };
        if out.len() == MAX {
            more += 1;
            continue;
        }
        // The same name twice (after cleaning: a zero-width character or a non-breaking
        // space made them differ in the file) is the easiest mix-up of all.
        let message = if other.1 == c.1 {
            format!(
                "{} has the same name as {}: tell them apart by id",
                describe(c),
                describe(other)
            )
        } else {
            format!(
                "{} looks like {} but is another name{}",
                describe(c),
                describe(other),
                mixed_scripts(c.1.as_str(), other.1.as_str())
            )
        };
        out.push(ImportWarning {
            file: "(customers)".into(),
            record: None,
            field: Some("customerName".into()),
            message,
            severity: Severity::Note,
        });
    }
    if more > 0 {
        out.push(ImportWarning {
            file: "(customers)".into(),
            record: None,
            field: Some("customerName".into()),
            message: format!("{more} more look-alike names not listed"),
            severity: Severity::Note,
        });
    }
    out
}

/// `"Name" (id)`: the sanitised name, quoted, and the id that tells them apart.
fn describe((id, name): &Named) -> String {
    let name = crate::text::quote(name.as_str());
    match id {
        Some(id) => format!("{name} ({id})"),
        None => name,
    }
}

/// Which characters differ, as code points (the difference is invisible by definition).
fn mixed_scripts(a: &str, b: &str) -> String {
    let differ: Vec<String> = a
        .chars()
        .filter(|c| !b.contains(*c))
        .take(3)
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect();
    if differ.is_empty() {
        String::new()
    } else {
        format!(" (it has {})", differ.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest::proptest! {
        /// Word by word, a name's key is its skeleton read whole.
        #[test]
        fn keys_word_by_word_are_the_skeletons(
            words in proptest::collection::vec(
                proptest::collection::vec(proptest::char::any(), 0..4)
                    .prop_map(|c| c.into_iter().collect::<String>()),
                1..5,
            ),
            raw_spaces in proptest::collection::vec(proptest::prop_oneof![
                proptest::strategy::Just(" "), proptest::strategy::Just("\u{a0}"),
                proptest::strategy::Just("\u{3000}"), proptest::strategy::Just("")
            ], 4)
        ) {
            let mut raw = String::new();
            for (i, w) in words.iter().enumerate() {
                raw.push_str(w);
                raw.push_str(raw_spaces[i % raw_spaces.len()]);
            }
            // Two names sharing words, the second one's built from the cache.
            let names = vec![customer("a", &raw), customer("b", &format!("{raw} {raw}"))];
            let got = keys(&names);
            for (n, k) in names.iter().zip(&got) {
                prop_assert_eq!(k, &key(&n.1), "{:?}", n.1.as_str());
            }
        }
    }

    fn key(name: &Clean) -> String {
        skeleton(name.as_str()).collect()
    }

    fn customer(id: &str, name: &str) -> Named {
        (Some(Clean::new(id)), Clean::new(name))
    }

    #[test]
    fn the_same_name_after_cleaning_and_a_look_alike_are_both_warned_about() {
        let customers = [
            customer("c-1", "Contoso Ltd"),
            customer("c-2", "Con\u{200b}toso Ltd"),
            customer("c-3", "Contoso\u{a0}Ltd"),
            customer("c-4", "\u{421}ontoso Ltd"),
            customer("c-5", "Fabrikam"),
        ];
        let keys = keys(&customers);
        let texts: Vec<String> = warnings(customers.iter().zip(keys.iter().map(String::as_str)))
            .iter()
            .map(|w| w.message.clone())
            .collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(
            texts[0].contains("(c-2) has the same name as \"Contoso Ltd\" (c-1)"),
            "{texts:?}"
        );
        assert!(texts[1].contains("(c-3) has the same name"), "{texts:?}");
        assert!(texts[2].contains("(c-4) looks like"), "{texts:?}");
    }
}
