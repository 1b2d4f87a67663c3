//! Analytics JSON (deployment, usage, partner totals) through the importer.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = uptake::import::load_named(&[("deployment.json", data)]) {
        uptake_fuzz::check_outputs(&p);
    }
});
