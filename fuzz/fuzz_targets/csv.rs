//! Insights downloads (CSV and TSV, delimiter sniffed) through the importer.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = uptake::import::load_named(&[("OfficeUsage.csv", data)]) {
        uptake_fuzz::check_outputs(&p);
    }
});
