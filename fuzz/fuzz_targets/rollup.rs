//! rollup.bin of an older snapshot, attached as history to a valid portfolio: never panics,
//! and the trends it gives print clean.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

const EXPORT: &[u8] = include_bytes!("../../tests/fixtures/portfolio.json");

fn base() -> &'static uptake::domain::model::Portfolio {
    static P: OnceLock<uptake::domain::model::Portfolio> = OnceLock::new();
    P.get_or_init(|| uptake::import::load_named(&[("portfolio.json", EXPORT)]).unwrap())
}

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("a temp dir");
    let older = dir.path().join("snapshots/20250101T000000Z");
    std::fs::create_dir_all(&older).unwrap();
    std::fs::write(older.join(uptake::store::rollup::ROLLUP), data).unwrap();
    // No raw files: an unreadable roll-up is a note, not a rebuild.
    let mut p = base().clone();
    let current = dir.path().join("snapshots/20250201T000000Z");
    uptake::store::rollup::attach_history(&mut p, &current, &[older]);
    uptake_fuzz::check_outputs(&p);
});
