//! Sidecars (service requests, subscriptions) next to a valid export, through the importer.
#![no_main]
use libfuzzer_sys::fuzz_target;

const EXPORT: &[u8] = include_bytes!("../../tests/fixtures/portfolio.json");

fuzz_target!(|data: &[u8]| {
    let files: [(&str, &[u8]); 2] = [("portfolio.json", EXPORT), ("subscriptions/x.json", data)];
    if let Ok(p) = uptake::import::load_named(&files) {
        uptake_fuzz::check_outputs(&p);
    }
});
