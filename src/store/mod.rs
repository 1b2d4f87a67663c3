//! The cache: snapshot folders (import, manifest, prune, verify), their roll-ups and the
//! history of pruned ones, and the binary index a snapshot opens from.

pub mod index;
pub mod snapshots;
