//! Partner Center analytics JSON, both shapes, in one streaming pass:
//! v1 insights collections (`{totalCount, items, attributes}`), commercial analytics
//! (`{Value, @nextLink, TotalCount}`), bare arrays of rows, and arrays of collections.
//!
//! The file is walked with serde visitors straight from the bytes (no `serde_json::Value`),
//! strings are borrowed where the JSON has no escapes, and each record is handed to a
//! [`RowSink`] as soon as it is read. A record with a bad field becomes a warning naming the
//! record and the field; only broken JSON fails the whole file.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::domain::model::Format;

/// Counts above this are rejected: no tenant holds a billion seats of one product.
pub const MAX_COUNT: u64 = 1_000_000_000;

/// Where a record sits in the file, for messages (`items[2]`, `[0].items[2]`, `[5]`).
#[derive(Debug, Clone, Copy)]
pub struct RowPos {
    pub outer: Option<usize>,
    pub key: &'static str,
    pub index: usize,
}

impl fmt::Display for RowPos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(o) = self.outer {
            write!(f, "[{o}].")?;
        }
        write!(f, "{}[{}]", self.key, self.index)
    }
}

/// Receives what the walk finds.
pub trait RowSink {
    /// A collection envelope of this format was found.
    fn envelope(&mut self, format: Format);
    /// One record, with whatever fields it had.
    fn row(&mut self, pos: RowPos, row: RawRow<'_>);
    /// Something at `pos` was not an object.
    fn not_an_object(&mut self, pos: RowPos, found: &'static str);
    /// Whether to go on (false once the read is cancelled: the walk stops with an error).
    fn keep_going(&self) -> bool {
        true
    }
}

/// The error a walk stops with when its sink no longer wants rows.
pub const CANCELLED: &str = "cancelled";

/// A scalar JSON value, kept as found so conversion errors can say what was there.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Scalar<'de> {
    #[default]
    Null,
    Str(Cow<'de, str>),
    U64(u64),
    I64(i64),
    F64(f64),
    Bool(bool),
    Array,
    Object,
}

impl Scalar<'_> {
    fn type_name(&self) -> String {
        match self {
            Self::Null => "null".into(),
            Self::Str(s) => format!("text {}", crate::text::quote(s)),
            Self::U64(n) => format!("number {n}"),
            Self::I64(n) => format!("number {n}"),
            Self::F64(n) => format!("number {n}"),
            Self::Bool(b) => format!("{b}"),
            Self::Array => "an array".into(),
            Self::Object => "an object".into(),
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// A licence count: a whole number from 0 to [`MAX_COUNT`]. Numeric text is accepted.
    pub fn count(&self) -> Result<Option<u64>, String> {
        let checked = |n: f64| -> Result<Option<u64>, String> {
            if !n.is_finite() || n.fract() != 0.0 {
                Err(format!("expected a whole number of licenses, found {n}"))
            } else if n < 0.0 {
                Err(format!("negative count {n}"))
            } else if n > MAX_COUNT as f64 {
                Err(format!(
                    "implausibly large count {n} (more than {MAX_COUNT})"
                ))
            } else {
                Ok(Some(n as u64))
            }
        };
        match self {
            Self::Null => Ok(None),
            Self::U64(n) if *n > MAX_COUNT => Err(format!(
                "implausibly large count {n} (more than {MAX_COUNT})"
            )),
            Self::U64(n) => Ok(Some(*n)),
            Self::I64(n) => checked(*n as f64),
            Self::F64(n) => checked(*n),
            Self::Str(s) => match s.trim().parse::<f64>() {
                Ok(n) => checked(n),
                Err(_) => Err(format!("expected a count, found {}", self.type_name())),
            },
            _ => Err(format!("expected a count, found {}", self.type_name())),
        }
    }

    /// A free-text field. Numbers are accepted as their decimal text (ids exported as numbers).
    pub fn text(&self) -> Result<Option<Cow<'_, str>>, String> {
        match self {
            Self::Null => Ok(None),
            Self::Str(s) if s.trim().is_empty() => Ok(None),
            Self::Str(s) => Ok(Some(Cow::Borrowed(s.as_ref()))),
            Self::U64(n) => Ok(Some(Cow::Owned(n.to_string()))),
            Self::I64(n) => Ok(Some(Cow::Owned(n.to_string()))),
            _ => Err(format!("expected text, found {}", self.type_name())),
        }
    }

    /// A reported percentage (kept for display only).
    pub fn float(&self) -> Result<Option<f64>, String> {
        match self {
            Self::Null => Ok(None),
            Self::U64(n) => Ok(Some(*n as f64)),
            Self::I64(n) => Ok(Some(*n as f64)),
            Self::F64(n) => Ok(Some(*n)),
            Self::Str(s) => s
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map(Some)
                .ok_or_else(|| format!("expected a number, found {}", self.type_name())),
            _ => Err(format!("expected a number, found {}", self.type_name())),
        }
    }
}

/// The fields of one insights record that uptake reads, as found.
#[derive(Debug, Default)]
pub struct RawRow<'de> {
    pub object_type: Option<Cow<'de, str>>,
    pub customer_id: Scalar<'de>,
    pub customer_tenant_id: Scalar<'de>,
    pub customer_name: Scalar<'de>,
    pub product_id: Scalar<'de>,
    pub product_name: Scalar<'de>,
    pub service_code: Scalar<'de>,
    pub service_name: Scalar<'de>,
    pub channel: Scalar<'de>,
    pub workload_code: Scalar<'de>,
    pub workload_name: Scalar<'de>,
    pub processed: Scalar<'de>,
    pub licenses_deployed: Scalar<'de>,
    pub licenses_sold: Scalar<'de>,
    /// `licensesActive`, or `licenseActive` as the commercial usage example spells it.
    pub licenses_active: Scalar<'de>,
    pub active_field: &'static str,
    pub licenses_qualified: Scalar<'de>,
    pub deployment_percent: Scalar<'de>,
    pub usage_percent: Scalar<'de>,
    pub prorated_deployment_percent: Scalar<'de>,
    pub prorated_usage_percent: Scalar<'de>,
}

#[derive(Clone, Copy)]
enum Key {
    CustomerId,
    CustomerTenantId,
    CustomerName,
    ProductId,
    ProductName,
    ServiceCode,
    ServiceName,
    Channel,
    WorkloadCode,
    WorkloadName,
    Processed,
    Attributes,
    LicensesDeployed,
    LicensesSold,
    LicensesActive,
    LicenseActive,
    LicensesQualified,
    DeploymentPercent,
    UsagePercent,
    ProratedDeploymentPercent,
    ProratedUsagePercent,
    Items(Format),
    Other,
}

const KEYS: &[(&str, Key)] = &[
    ("customerId", Key::CustomerId),
    ("customerTenantId", Key::CustomerTenantId),
    ("customerName", Key::CustomerName),
    ("productId", Key::ProductId),
    ("productName", Key::ProductName),
    ("serviceCode", Key::ServiceCode),
    ("serviceName", Key::ServiceName),
    ("channel", Key::Channel),
    ("workloadCode", Key::WorkloadCode),
    ("workloadName", Key::WorkloadName),
    ("processedDateTime", Key::Processed),
    ("attributes", Key::Attributes),
    ("licensesDeployed", Key::LicensesDeployed),
    ("licensesSold", Key::LicensesSold),
    ("licensesActive", Key::LicensesActive),
    ("licenseActive", Key::LicenseActive),
    ("licensesQualified", Key::LicensesQualified),
    ("deploymentPercent", Key::DeploymentPercent),
    ("usagePercent", Key::UsagePercent),
    ("proratedDeploymentPercent", Key::ProratedDeploymentPercent),
    ("proratedLicensesUsagePercent", Key::ProratedUsagePercent),
    ("items", Key::Items(Format::InsightsV1)),
    ("Value", Key::Items(Format::Commercial)),
    ("value", Key::Items(Format::Commercial)),
];

fn key_of(name: &str) -> Key {
    KEYS.iter()
        .find(|(k, _)| *k == name)
        .or_else(|| KEYS.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)))
        .map_or(Key::Other, |(_, key)| *key)
}

/// Walks a whole JSON document (after the BOM is stripped). The text was validated as UTF-8
/// once for the whole file, which is much faster than serde_json checking each string.
pub fn walk(text: &str, sink: &mut dyn RowSink) -> Result<(), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    de::Deserializer::deserialize_any(&mut de, TopVisitor { sink })?;
    de.end()
}

/// [`walk`] over bytes not known to stay UTF-8 (a mapped file another program may change):
/// the text of every string is checked as it is read.
pub(crate) fn walk_bytes(bytes: &[u8], sink: &mut dyn RowSink) -> Result<(), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    de::Deserializer::deserialize_any(&mut de, TopVisitor { sink })?;
    de.end()
}

struct TopVisitor<'s> {
    sink: &'s mut dyn RowSink,
}

impl<'de> Visitor<'de> for TopVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Partner Center collection object or an array of records")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let pos = RowPos {
            outer: None,
            key: "",
            index: 0,
        };
        match (ObjectVisitor {
            sink: self.sink,
            outer: None,
        })
        .visit_map(map)?
        {
            Object::Envelope => Ok(()),
            // A single record as the whole file; the sink decides whether it is one.
            Object::Row(row) => {
                self.sink.row(pos, *row);
                Ok(())
            }
            Object::Scalar(found) => {
                self.sink.not_an_object(pos, found);
                Ok(())
            }
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        let mut format_told = false;
        while let Some(obj) = seq.next_element_seed(ObjectSeed {
            sink: self.sink,
            outer: Some(index),
        })? {
            let pos = RowPos {
                outer: None,
                key: "",
                index,
            };
            match obj {
                Object::Envelope => {}
                Object::Row(row) => {
                    if !format_told {
                        self.sink.envelope(Format::JsonRows);
                        format_told = true;
                    }
                    self.sink.row(pos, *row);
                }
                Object::Scalar(found) => self.sink.not_an_object(pos, found),
            }
            index += 1;
            if !self.sink.keep_going() {
                return Err(de::Error::custom(CANCELLED));
            }
        }
        Ok(())
    }
}

/// What one JSON object turned out to be.
enum Object<'de> {
    /// A collection; its records were already handed to the sink.
    Envelope,
    Row(Box<RawRow<'de>>),
    Scalar(&'static str),
}

struct ObjectSeed<'s> {
    sink: &'s mut dyn RowSink,
    /// The index of this object in a top-level array, if it is in one.
    outer: Option<usize>,
}

impl<'de> DeserializeSeed<'de> for ObjectSeed<'_> {
    type Value = Object<'de>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(ObjectVisitor {
            sink: self.sink,
            outer: self.outer,
        })
    }
}

struct ObjectVisitor<'s> {
    sink: &'s mut dyn RowSink,
    outer: Option<usize>,
}

macro_rules! not_object {
    ($name:ident, $ty:ty, $what:expr) => {
        fn $name<E: de::Error>(self, _: $ty) -> Result<Self::Value, E> {
            Ok(Object::Scalar($what))
        }
    };
}

impl<'de> Visitor<'de> for ObjectVisitor<'_> {
    type Value = Object<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    not_object!(visit_bool, bool, "true/false");
    not_object!(visit_i64, i64, "a number");
    not_object!(visit_u64, u64, "a number");
    not_object!(visit_f64, f64, "a number");
    not_object!(visit_str, &str, "text");

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Object::Scalar("null"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Object::Scalar("an array"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut row = RawRow::default();
        let mut envelope = false;
        while let Some(KeyStr(name)) = map.next_key::<KeyStr<'de>>()? {
            match key_of(&name) {
                Key::Items(format) => {
                    envelope = true;
                    self.sink.envelope(format);
                    let key = if format == Format::InsightsV1 {
                        "items"
                    } else {
                        "Value"
                    };
                    map.next_value_seed(RowsSeed {
                        sink: self.sink,
                        outer: self.outer,
                        key,
                    })?;
                }
                Key::Attributes => row.object_type = map.next_value::<Attributes<'de>>()?.0,
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
                key => {
                    let value = map.next_value::<Scalar<'de>>()?;
                    store(&mut row, key, value);
                }
            }
        }
        Ok(if envelope {
            Object::Envelope
        } else {
            Object::Row(Box::new(row))
        })
    }
}

fn store<'de>(row: &mut RawRow<'de>, key: Key, value: Scalar<'de>) {
    let slot = match key {
        Key::CustomerId => &mut row.customer_id,
        Key::CustomerTenantId => &mut row.customer_tenant_id,
        Key::CustomerName => &mut row.customer_name,
        Key::ProductId => &mut row.product_id,
        Key::ProductName => &mut row.product_name,
        Key::ServiceCode => &mut row.service_code,
        Key::ServiceName => &mut row.service_name,
        Key::Channel => &mut row.channel,
        Key::WorkloadCode => &mut row.workload_code,
        Key::WorkloadName => &mut row.workload_name,
        Key::Processed => &mut row.processed,
        Key::LicensesDeployed => &mut row.licenses_deployed,
        Key::LicensesSold => &mut row.licenses_sold,
        Key::LicensesActive | Key::LicenseActive => {
            // Both spellings exist; a null one never hides a value given by the other.
            if value.is_null() && !row.licenses_active.is_null() {
                return;
            }
            row.active_field = if matches!(key, Key::LicenseActive) {
                "licenseActive"
            } else {
                "licensesActive"
            };
            &mut row.licenses_active
        }
        Key::LicensesQualified => &mut row.licenses_qualified,
        Key::DeploymentPercent => &mut row.deployment_percent,
        Key::UsagePercent => &mut row.usage_percent,
        Key::ProratedDeploymentPercent => &mut row.prorated_deployment_percent,
        Key::ProratedUsagePercent => &mut row.prorated_usage_percent,
        Key::Attributes | Key::Items(_) | Key::Other => return,
    };
    *slot = value;
}

struct RowsSeed<'s> {
    sink: &'s mut dyn RowSink,
    outer: Option<usize>,
    key: &'static str,
}

impl<'de> DeserializeSeed<'de> for RowsSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RowsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "an array of records in \"{}\"", self.key)
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while let Some(obj) = seq.next_element_seed(ObjectSeed {
            sink: self.sink,
            outer: None,
        })? {
            let pos = RowPos {
                outer: self.outer,
                key: self.key,
                index,
            };
            match obj {
                Object::Row(row) => self.sink.row(pos, *row),
                // A collection nested in a collection: its rows were already taken.
                Object::Envelope => {}
                Object::Scalar(found) => self.sink.not_an_object(pos, found),
            }
            index += 1;
            if !self.sink.keep_going() {
                return Err(de::Error::custom(CANCELLED));
            }
        }
        Ok(())
    }
}

/// A map key, borrowed from the input when it has no escapes.
struct KeyStr<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for KeyStr<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = KeyStr<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(KeyStr(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(KeyStr(Cow::Owned(v.to_owned())))
            }
        }
        d.deserialize_str(V)
    }
}

impl<'de> de::Deserialize<'de> for Scalar<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Scalar::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Scalar::Null)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Scalar::U64(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(if v >= 0 {
                    Scalar::U64(v as u64)
                } else {
                    Scalar::I64(v)
                })
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(Scalar::F64(v))
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Scalar::Str(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Scalar::Str(Cow::Owned(v.to_owned())))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar::Array)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar::Object)
            }
        }
        d.deserialize_any(V)
    }
}

/// `attributes: {"objectType": "..."}`; anything else there is ignored.
struct Attributes<'de>(Option<Cow<'de, str>>);

impl<'de> de::Deserialize<'de> for Attributes<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Attributes<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an attributes object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut object_type = None;
                while let Some(KeyStr(k)) = map.next_key::<KeyStr<'de>>()? {
                    let value = map.next_value::<Scalar<'de>>()?;
                    if k.eq_ignore_ascii_case("objectType")
                        && let Scalar::Str(s) = value
                    {
                        object_type = Some(s);
                    }
                }
                Ok(Attributes(object_type))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Attributes(None))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
                Ok(Attributes(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(Attributes(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(Attributes(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(Attributes(None))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Attributes(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Attributes(None))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_accept_whole_numbers_and_reject_the_rest() {
        let ok = [
            (Scalar::U64(5), Some(5)),
            (Scalar::F64(5.0), Some(5)),
            (Scalar::Str("12".into()), Some(12)),
            (Scalar::Null, None),
        ];
        for (s, want) in ok {
            assert_eq!(s.count(), Ok(want), "{s:?}");
        }
        let bad = [
            (Scalar::I64(-5), "negative count -5"),
            (Scalar::F64(4.5), "whole number"),
            (Scalar::U64(MAX_COUNT + 1), "implausibly large"),
            (Scalar::F64(1e300), "implausibly large"),
            (Scalar::Str("many".into()), "found text \"many\""),
            (Scalar::Bool(true), "found true"),
            (Scalar::Object, "found an object"),
        ];
        for (s, want) in bad {
            let err = s.count().unwrap_err();
            assert!(err.contains(want), "{s:?}: {err}");
        }
    }
}
