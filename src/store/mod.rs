//! The cache: snapshot folders (import, prune, open), their manifests, their roll-ups and the
//! history of pruned ones, and the binary index a snapshot opens from.

mod carry;
mod importing;
pub mod index;
pub mod manifest;
pub mod older;
mod parallel;
pub mod rollup;
pub mod snapshots;
pub mod summary;
pub mod tenants;
