//! A sidecar file read into the fields uptake uses, straight from the text: a portfolio's
//! subscriptions file is 32 MB at 100 000 customers (hundreds at a million), and read whole
//! into a `serde_json::Value` every field of every record was a string key in a tree (the
//! demo shape's raw load peaked 170 MB higher). What comes out is what reading it whole
//! gives: the same collections in the same order (customers by id, as a JSON object read
//! whole orders them), a key given twice keeps its last value, and each record's fields as
//! JSON values (a property test compares the two).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// The fields of a record uptake reads; the others are skipped unread.
pub(super) const FIELDS: [&str; 14] = [
    "attributes",
    "isTrial",
    "commitmentEndDate",
    "offerName",
    "friendlyName",
    "supportTopicName",
    "severity",
    "status",
    "createdDate",
    "quantity",
    "autoRenewEnabled",
    "termDuration",
    "billingCycle",
    "cancellationAllowedUntilDate",
];

/// Where a collection keeps its records, in the order they are looked for.
const LISTS: [&str; 3] = ["items", "Value", "value"];

/// One record: its [`FIELDS`] as given (a JSON `null` too). Anything but an object has none.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Item([Option<Value>; FIELDS.len()]);

impl Item {
    /// The field `name` (one of [`FIELDS`]), as `Value::get` on the whole record gives it.
    pub(super) fn get(&self, name: &str) -> Option<&Value> {
        let i = FIELDS.iter().position(|f| *f == name);
        debug_assert!(i.is_some(), "{name} is not read: add it to FIELDS");
        let i = i?;
        self.0[i].as_ref()
    }
}

/// A JSON value read as a collection of records: an array of them, or an object keeping
/// them under one of [`LISTS`] (the first of those it has, if that is an array).
#[derive(Debug, PartialEq)]
pub(super) enum Collection {
    Array(Vec<Item>),
    Object(Option<Vec<Item>>),
    Other,
}

impl Collection {
    /// The records, if this is a collection.
    pub(super) fn items(self) -> Option<Vec<Item>> {
        match self {
            Collection::Array(items) | Collection::Object(Some(items)) => Some(items),
            Collection::Object(None) | Collection::Other => None,
        }
    }
}

/// A sidecar file: one collection, or (an object) customer ids mapped to collections.
#[derive(Debug, PartialEq)]
pub(super) enum File {
    One(Vec<Item>),
    /// By id, in order; the values that are not collections left out (named in
    /// `not_collections`), and the ids given more than once (the last one kept) in `repeated`.
    ByCustomer {
        collections: Vec<(String, Vec<Item>)>,
        not_collections: Vec<String>,
        repeated: Vec<String>,
    },
}

impl File {
    pub(super) fn parse(text: &str) -> serde_json::Result<File> {
        Ok(match serde_json::from_str::<Top>(text)? {
            Top::Array(items) => File::One(items),
            Top::Object(mut entries, repeated) => {
                // The first of LISTS it has, if an array, makes the object one collection.
                if let Some(key) = LISTS.iter().find(|k| entries.contains_key(**k))
                    && let Some(Collection::Array(_)) = entries.get(*key)
                    && let Some(Collection::Array(items)) = entries.remove(*key)
                {
                    return Ok(File::One(items));
                }
                let (mut collections, mut not_collections) = (Vec::new(), Vec::new());
                for (key, c) in entries {
                    match c.items() {
                        Some(items) => collections.push((key, items)),
                        None => not_collections.push(key),
                    }
                }
                File::ByCustomer {
                    collections,
                    not_collections,
                    repeated,
                }
            }
            Top::Other => File::ByCustomer {
                collections: Vec::new(),
                not_collections: Vec::new(),
                repeated: Vec::new(),
            },
        })
    }
}

/// The file's top value: an array of records, or an object of collections by key.
enum Top {
    Array(Vec<Item>),
    /// The collections by key (a key given twice keeps its last), and the keys given twice.
    Object(BTreeMap<String, Collection>, Vec<String>),
    Other,
}

/// A visitor for values that may be anything: `other` for all that is neither an array nor
/// an object (read and dropped).
macro_rules! anything_else {
    ($other:expr) => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok($other)
        }
    };
}

/// The records of an array.
fn items<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Vec<Item>, A::Error> {
    let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
    while let Some(item) = seq.next_element::<Item>()? {
        items.push(item);
    }
    Ok(items)
}

impl<'de> Deserialize<'de> for Top {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Top;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            anything_else!(Top::Other);
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Top, A::Error> {
                items(seq).map(Top::Array)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top, A::Error> {
                let (mut entries, mut repeated) = (BTreeMap::new(), Vec::new());
                while let Some(key) = map.next_key::<String>()? {
                    let value = map.next_value::<Collection>()?;
                    match entries.entry(key) {
                        Entry::Vacant(slot) => {
                            slot.insert(value);
                        }
                        Entry::Occupied(mut slot) => {
                            if !repeated.contains(slot.key()) {
                                repeated.push(slot.key().clone());
                            }
                            slot.insert(value);
                        }
                    }
                }
                Ok(Top::Object(entries, repeated))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Collection {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Collection;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            anything_else!(Collection::Other);
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Collection, A::Error> {
                items(seq).map(Collection::Array)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Collection, A::Error> {
                // Each of LISTS as given last: an array's records, or `None` (not an array).
                let mut lists: [Option<Option<Vec<Item>>>; LISTS.len()] = Default::default();
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    match LISTS.iter().position(|k| *k == key) {
                        Some(i) => {
                            lists[i] = Some(map.next_value::<Collection>()?.array());
                        }
                        None => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(Collection::Object(
                    lists.into_iter().flatten().next().flatten(),
                ))
            }
        }
        d.deserialize_any(V)
    }
}

impl Collection {
    fn array(self) -> Option<Vec<Item>> {
        match self {
            Collection::Array(items) => Some(items),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Item;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            anything_else!(Item::default());
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Item, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Item::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Item, A::Error> {
                let mut item = Item::default();
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    match FIELDS.iter().position(|f| *f == key) {
                        Some(i) => item.0[i] = Some(map.next_value::<Value>()?),
                        None => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(item)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The file as reading it whole into a `serde_json::Value` gives it (how it was read
    /// before): the oracle.
    fn whole(text: &str) -> Option<File> {
        fn list(collection: &Value) -> Option<&Vec<Value>> {
            match collection {
                Value::Array(items) => Some(items),
                Value::Object(map) => LISTS
                    .iter()
                    .find_map(|k| map.get(*k))
                    .and_then(Value::as_array),
                _ => None,
            }
        }
        let item = |v: &Value| Item(FIELDS.map(|f| v.get(f).cloned()));
        let value: Value = serde_json::from_str(text).ok()?;
        Some(match list(&value) {
            Some(items) => File::One(items.iter().map(item).collect()),
            None => {
                let (mut collections, mut not_collections) = (Vec::new(), Vec::new());
                if let Value::Object(map) = &value {
                    for (k, v) in map {
                        match list(v) {
                            Some(l) => collections.push((k.clone(), l.iter().map(item).collect())),
                            None => not_collections.push(k.clone()),
                        }
                    }
                }
                File::ByCustomer {
                    collections,
                    not_collections,
                    repeated: Vec::new(),
                }
            }
        })
    }

    /// `file` without its keys given twice (a whole read cannot see them; checked apart).
    fn unrepeated(file: File) -> File {
        match file {
            File::ByCustomer {
                collections,
                not_collections,
                ..
            } => File::ByCustomer {
                collections,
                not_collections,
                repeated: Vec::new(),
            },
            one => one,
        }
    }

    /// JSON text with keys given twice, from a vocabulary of the names that matter.
    fn json(depth: u32) -> BoxedStrategy<String> {
        let leaf = prop_oneof![
            Just("null".to_string()),
            Just("true".to_string()),
            Just("\"P1Y\"".to_string()),
            Just("\"Subscription\"".to_string()),
            Just("\"caf\\u00e9 \\\"x\\\"\"".to_string()),
            Just("-3".to_string()),
            Just("18446744073709551615".to_string()),
            Just("2.5e3".to_string()),
        ];
        if depth == 0 {
            return leaf.boxed();
        }
        let key = prop_oneof![
            2 => proptest::sample::select(FIELDS.to_vec()),
            3 => proptest::sample::select(LISTS.to_vec()),
            2 => proptest::sample::select(vec!["objectType", "c-1", "C-2", "x", "é\\u0301"]),
        ];
        let inner = json(depth - 1);
        prop_oneof![
            1 => leaf,
            2 => proptest::collection::vec(inner.clone(), 0..4)
                .prop_map(|v| format!("[{}]", v.join(","))),
            3 => proptest::collection::vec((key, inner), 0..6).prop_map(|v| {
                let pairs: Vec<String> =
                    v.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
                format!("{{{}}}", pairs.join(","))
            }),
        ]
        .boxed()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Read straight from the text, a file gives what reading it whole gives: the same
        /// collections, customers in the same order, the same fields of every record.
        #[test]
        fn read_straight_is_read_whole(text in json(4)) {
            prop_assert_eq!(File::parse(&text).ok().map(unrepeated), whole(&text), "{}", text);
        }
    }

    /// The shapes the Partner Center API returns, and a customer map whose first key would
    /// name a collection.
    #[test]
    fn the_documented_shapes() {
        let sub = r#"{"offerName":"E3","isTrial":false,"quantity":3,"extra":{"a":[1,2]}}"#;
        for text in [
            format!(r#"{{"c1":{{"items":[{sub}]}},"c0":[{sub},{sub}]}}"#),
            format!(r#"{{"totalCount":1,"items":[{sub}],"links":{{}}}}"#),
            format!(r#"[{sub}]"#),
            format!(r#"{{"items":{{"value":[{sub}]}},"c2":{{"Value":[{sub}]}}}}"#),
            r#"{"items":[],"items":3}"#.to_string(),
            format!(r#"{{"c1":{{"items":3,"value":[{sub}]}},"c2":{{"Value":[{sub}],"value":1}}}}"#),
        ] {
            let read = unrepeated(File::parse(&text).unwrap());
            assert_eq!(Some(read), whole(&text), "{text}");
        }
        let text = format!(
            r#"{{"c1":{{"items":[{sub}]}},"c2":{{"items":"x"}},"c1":{{"items":[{sub}]}},"c3":null,"c1":[]}}"#
        );
        let File::ByCustomer {
            collections,
            not_collections,
            repeated,
        } = File::parse(&text).unwrap()
        else {
            panic!("a map of customers")
        };
        assert_eq!(collections, vec![("c1".to_string(), Vec::new())]);
        assert_eq!(not_collections, ["c2", "c3"]);
        assert_eq!(repeated, ["c1"]);
        let File::ByCustomer { collections, .. } =
            File::parse(&format!(r#"{{"c1":{{"items":[{sub}]}}}}"#)).unwrap()
        else {
            panic!("a map of customers")
        };
        assert_eq!(collections[0].1[0].get("quantity"), Some(&Value::from(3)));
        assert_eq!(
            collections[0].1[0].get("isTrial"),
            Some(&Value::Bool(false))
        );
    }
}
