//! index.bin: a valid index mutated by the input (pairs of offset and XOR byte, then bytes
//! appended or cut), its checksum recomputed so the decoder is reached. Decoding either refuses
//! or gives a portfolio whose outputs and frame are clean.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

const EXPORT: &[u8] = include_bytes!("../../tests/fixtures/portfolio.json");
const SIDECAR: &[u8] = include_bytes!("../../tests/fixtures/sidecars/servicerequests.json");

fn valid() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let p = uptake::import::load_named(&[
            ("portfolio.json", EXPORT),
            ("servicerequests.json", SIDECAR),
        ])
        .expect("the fixtures load");
        let relative = |path: &str| Some(path.to_string());
        uptake::store::index::encode(
            &p,
            &[uptake::store::index::Stamp {
                name: "portfolio.json".into(),
                size: 1,
                modified_ns: 2,
            }],
            &relative,
        )
        .expect("encodes")
    })
}

fuzz_target!(|data: &[u8]| {
    let mut bytes = valid().to_vec();
    let body = bytes.len() - 4;
    let (pairs, rest) = data.split_at(data.len() - data.len() % 3);
    for pair in pairs.chunks_exact(3) {
        let at = 12 + usize::from(u16::from_le_bytes([pair[0], pair[1]])) % (body - 12);
        bytes[at] ^= pair[2];
    }
    bytes.truncate(body);
    match rest {
        [n] if *n < 128 => bytes.truncate(bytes.len().saturating_sub(usize::from(*n))),
        [n] => bytes.extend(std::iter::repeat_n(*n, usize::from(*n - 127))),
        _ => {}
    }
    // Both checksums made to match, so the checks behind them are reached.
    bytes.extend_from_slice(&[0; 4]);
    uptake::store::index::reseal(&mut bytes);
    let Ok(index) = uptake::store::index::Index::from_bytes(bytes, None) else {
        return;
    };
    let _ = index.partial("contoso", 5);
    if let Ok(p) = index.portfolio() {
        uptake_fuzz::check_outputs(&p);
        uptake_fuzz::check_frame(p);
    }
});
