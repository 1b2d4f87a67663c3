//! What settling a tenant counts apart from its users' figures.

use super::{Sku, Summary, User};

/// Adds the assignable SKUs' figures to `s` (see [`Summary::sold`]).
pub(super) fn count_skus(skus: Option<&[Sku]>, s: &mut Summary) {
    for sku in skus.into_iter().flatten().filter(|s| s.for_users) {
        if sku.is_free() {
            s.free_skus += 1;
            continue;
        }
        s.sold += sku.sold();
        s.assigned += sku.consumed;
    }
}

/// A checksum of a report's rows, every field of every row (CRC-32 of their encoding, stable
/// across runs): rows read again from the file for the users view must be the rows the
/// figures on screen were counted from, names included.
pub fn fingerprint(users: &[User]) -> u32 {
    let mut h = crc32fast::Hasher::new();
    let mut bytes = Vec::new();
    for u in users {
        // Encoding a row cannot fail (plain fields); a row that did would count as no bytes.
        bytes.clear();
        bytes = postcard::to_extend(u, std::mem::take(&mut bytes)).unwrap_or_default();
        h.update(&bytes);
    }
    h.finalize()
}
