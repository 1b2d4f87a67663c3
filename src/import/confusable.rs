//! Names that look alike: two customers whose names differ but share a UTS #39 skeleton
//! (`Contoso` in Latin and `Соntoso` with Cyrillic letters) are worth a warning, since the one
//! on screen may not be the one the partner means.

use std::collections::HashMap;

use unicode_security::confusable_detection::skeleton;

use crate::model::{Customer, ImportWarning, Severity};

/// At most this many look-alike warnings (the rest are counted in one more).
const MAX: usize = 50;

/// One note per customer whose name looks like an earlier customer's but is another text.
pub fn warnings(customers: &[Customer]) -> Vec<ImportWarning> {
    let mut first: HashMap<String, usize> = HashMap::with_capacity(customers.len());
    let mut out = Vec::new();
    let mut more = 0usize;
    for (i, c) in customers.iter().enumerate() {
        let key: String = skeleton(c.name.as_str()).collect();
        let Some(&j) = first.get(&key) else {
            first.insert(key, i);
            continue;
        };
        let other = &customers[j];
        if other.name == c.name {
            continue;
        }
        if out.len() == MAX {
            more += 1;
            continue;
        }
        out.push(ImportWarning {
            file: "(customers)".into(),
            record: None,
            field: Some("customerName".into()),
            message: format!(
                "{} looks like {} but is another name{}",
                describe(c),
                describe(other),
                mixed_scripts(c.name.as_str(), other.name.as_str())
            ),
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
fn describe(c: &Customer) -> String {
    let name = crate::text::quote(c.name.as_str());
    match &c.id {
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
