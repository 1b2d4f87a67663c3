//! Large JSON exports read through a memory map, their pages given back as the reader passes
//! them (issue 16: a raw load held every JSON file whole, 1.4× the export's size at its peak).
//!
//! Read into memory, a file's bytes stay until the file is parsed; mapped, they are the page
//! cache's, and those already checked or parsed are handed back to it (`MADV_DONTNEED`), so a
//! load holds a window of each file instead of all of it. A page touched again after it was
//! handed back is read from the file again: the same bytes.
//!
//! The one risk of a map: another program cutting the file short while it is read (a
//! download saving over it) makes the next read of a page past its new end fault (`SIGBUS`);
//! the interactive app restores the terminal on that signal and says why it stopped (see
//! `tui::term`). Bytes changed in place read as whatever the file holds then: the JSON is
//! parsed from bytes (`serde_json::from_slice` checks the text of every string), so changed
//! bytes are at worst a syntax error, never text that is not UTF-8.
#![allow(unsafe_code)]

use std::sync::Arc;

/// Exports from this size on are mapped (smaller ones are read: a map costs more than it
/// saves there).
const MAP_FROM: u64 = 32 << 20;

/// Whether an export of `len` bytes is mapped.
pub(super) fn worth_it(len: u64) -> bool {
    #[cfg(test)]
    let from = tests::MAP_FROM.load(std::sync::atomic::Ordering::SeqCst);
    #[cfg(not(test))]
    let from = MAP_FROM;
    len >= from
}

/// Pages are handed back in steps of this many bytes.
const STEP: usize = 16 << 20;

/// What stays mapped behind the reader (a record being parsed starts before the point last
/// reported).
const SLACK: usize = 1 << 20;

/// A file mapped read-only.
pub(super) struct Mapped(Arc<memmap2::Mmap>);

impl Mapped {
    /// Maps `file`; `None` where it cannot be mapped (the caller reads it).
    pub(super) fn new(file: &std::fs::File) -> Option<Self> {
        // SAFETY: a read-only map (memmap2 maps it shared: the page cache's pages), never
        // written through by this process. Another program changing the file while it is
        // mapped is the usual caveat of a map, and the risk the module's doc names: the
        // bytes then change under the parser (at worst a syntax error, or a fault if the
        // file is cut short).
        let map = unsafe { memmap2::MmapOptions::new().map(file) }.ok()?;
        #[cfg(unix)]
        let _ = map.advise(memmap2::Advice::Sequential);
        Some(Self(Arc::new(map)))
    }

    /// The file's bytes.
    pub(super) fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// A handle that gives the pages back as a reader of the bytes from `origin` on passes
    /// them (its offsets count from `origin`: a BOM is not the reader's).
    pub(super) fn behind(&self, origin: usize) -> Behind {
        Behind {
            map: self.0.clone(),
            origin,
            given_back: origin,
        }
    }
}

/// Gives a map's pages back behind a reader that goes through it in order.
#[derive(Debug)]
pub(crate) struct Behind {
    map: Arc<memmap2::Mmap>,
    /// Where the reader's byte 0 is in the map.
    origin: usize,
    /// Bytes of the map before this were handed back.
    given_back: usize,
}

impl Behind {
    /// The reader has come to byte `at` of the map: pages more than [`SLACK`] before it are
    /// handed back, [`STEP`] bytes at a time.
    pub(crate) fn passed(&mut self, at: usize) {
        let to = (self.origin + at).saturating_sub(SLACK);
        if to < self.given_back + STEP {
            return;
        }
        self.give_back_map(to);
    }

    /// Hands back the pages of the reader's bytes before `to`.
    pub(super) fn give_back(&mut self, to: usize) {
        self.give_back_map(self.origin + to);
    }

    fn give_back_map(&mut self, to: usize) {
        let to = to.min(self.map.len());
        if to <= self.given_back {
            return;
        }
        #[cfg(unix)]
        // SAFETY: the map is read-only and never written, so no page holds anything of this
        // process's: a page handed back and touched again is read from the file, the same
        // bytes (the file's own changes are the module's one risk, as above).
        let _ = unsafe {
            self.map.unchecked_advise_range(
                memmap2::UncheckedAdvice::DontNeed,
                self.given_back,
                to - self.given_back,
            )
        };
        self.given_back = to;
    }
}

/// Checks that `bytes` (a map's, from the origin of `behind` on) are UTF-8, [`STEP`] bytes at a
/// time, each step given to `each` (the import hashes it) and then handed back. `each` says
/// whether to go on (a cancelled load stops): `Ok(false)` when it stopped the check.
pub(super) fn check_utf8(
    bytes: &[u8],
    behind: &mut Behind,
    mut each: impl FnMut(&[u8]) -> bool,
) -> Result<bool, std::str::Utf8Error> {
    let mut at = 0;
    while at < bytes.len() {
        let mut end = (at + STEP).min(bytes.len());
        // A character cut by the step's end is checked with the next step: its first byte is
        // at most three back. Continuation bytes further back are not UTF-8 however cut, and
        // stepping back over them all could leave an empty step (and no progress).
        let first = end.saturating_sub(3).max(at + 1);
        while end < bytes.len() && end > first && (bytes[end] & 0xC0) == 0x80 {
            end -= 1;
        }
        if std::str::from_utf8(&bytes[at..end]).is_err() {
            // The error as a check of the whole text gives it.
            return Err(std::str::from_utf8(&bytes[..end]).expect_err("the same bytes fail"));
        }
        let go_on = each(&bytes[at..end]);
        at = end;
        behind.give_back(at);
        if !go_on {
            return Ok(false);
        }
    }
    Ok(true)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use std::io::Write;
    use std::sync::atomic::{AtomicU64, Ordering};

    /// [`worth_it`]'s threshold in tests (one test changes it).
    pub(super) static MAP_FROM: AtomicU64 = AtomicU64::new(super::MAP_FROM);

    /// What a test does between the check of a mapped export and its parse, given the
    /// export's name.
    type Hook = Box<dyn Fn(&str) + Send>;
    static BETWEEN: std::sync::Mutex<Option<Hook>> = std::sync::Mutex::new(None);

    /// Runs the test's [`BETWEEN`] hook, if any.
    pub(in crate::import) fn between_passes(name: &str) {
        if let Some(hook) = BETWEEN.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            hook(name);
        }
    }

    /// An import parses a mapped export from its copy: bytes written into the export in
    /// place after they were checked, hashed and copied, its size and modified time kept (a
    /// share with coarse times), are not what the import reads; the portfolio, the copy and
    /// the hash are the export as it was. (Parsed from a second read of the export, the
    /// figure changed in place came out of the import, its copy and hash not.)
    #[cfg(target_os = "linux")]
    #[test]
    fn an_import_parses_what_it_copied() {
        let _threshold = threshold();
        let dir = tempfile::tempdir().unwrap();
        write_export(dir.path(), 3000);
        let usage = dir.path().join("usage.json");
        let before = std::fs::read(&usage).unwrap();
        let pristine = tempfile::tempdir().unwrap();
        std::fs::write(pristine.path().join("usage.json"), &before).unwrap();
        let field = b"\"licensesActive\":";
        let at = before
            .windows(field.len())
            .position(|w| w == field)
            .unwrap()
            + field.len();
        assert!(before[at].is_ascii_digit());
        let target = usage.clone();
        *BETWEEN.lock().unwrap() = Some(Box::new(move |name| {
            if !name.ends_with("usage.json")
                || !std::path::Path::new(name).starts_with(dir_of(&target))
            {
                return;
            }
            use std::io::{Seek, Write};
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .unwrap();
            let modified = file.metadata().unwrap().modified().unwrap();
            let digit = std::fs::read(&target).unwrap()[at];
            file.seek(std::io::SeekFrom::Start(at as u64)).unwrap();
            file.write_all(&[b'0' + (digit - b'0' + 1) % 10]).unwrap();
            file.set_modified(modified).unwrap();
        }));
        let out = tempfile::tempdir().unwrap();
        let copy = out.path().join("usage.json");
        let read = |paths: &[std::path::PathBuf], copies: Option<crate::import::Copies>| {
            let mut builder = crate::import::build::Builder::default();
            builder.copies = copies;
            builder.hashes = Some(crate::import::Hashes::default());
            let inputs = crate::import::inputs(paths).unwrap();
            crate::import::read_inputs(&inputs, &mut builder).map(|_| {
                let hashes = builder.hashes.take().unwrap();
                let hashes = hashes.lock().unwrap().clone();
                (builder.finish(), hashes)
            })
        };
        MAP_FROM.store(0, Ordering::SeqCst);
        let copies = std::iter::once((usage.clone(), copy.clone())).collect();
        let imported = read(
            std::slice::from_ref(&usage),
            Some(std::sync::Arc::new(copies)),
        );
        *BETWEEN.lock().unwrap() = None;
        let (imported, hashes) = imported.unwrap();
        MAP_FROM.store(u64::MAX, Ordering::SeqCst);
        let (expected, _) = read(&[pristine.path().join("usage.json")], None).unwrap();
        MAP_FROM.store(super::MAP_FROM, Ordering::SeqCst);
        assert_ne!(
            std::fs::read(&usage).unwrap(),
            before,
            "the export was written into"
        );
        assert!(
            std::fs::read(&copy).unwrap() == before,
            "the copy is the export as it was"
        );
        let sha = format!("{:x}", <sha2::Sha256 as sha2::Digest>::digest(&before));
        assert_eq!(hashes[&usage].1, sha);
        assert_eq!(imported.customers.len(), expected.customers.len());
        for (a, b) in imported.customers.iter().zip(&expected.customers) {
            assert_eq!(format!("{:?}", a.products), format!("{:?}", b.products));
        }
    }

    fn dir_of(path: &std::path::Path) -> &std::path::Path {
        path.parent().unwrap()
    }

    /// Held by the tests that change [`MAP_FROM`] (tests run on several threads).
    static THRESHOLD: std::sync::Mutex<()> = std::sync::Mutex::new(());

    /// Holds [`THRESHOLD`] (a test that failed holding it does not fail the others).
    fn threshold() -> std::sync::MutexGuard<'static, ()> {
        THRESHOLD.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// An export read through a map is the export read into memory: every customer, figure,
    /// file and warning, its hash the SHA-256 of the file (computed apart here); a file
    /// broken mid-way fails with the same error, and a record's text damaged after its
    /// start is named the same way.
    #[test]
    fn a_mapped_export_reads_as_one_read_into_memory() {
        let _threshold = threshold();
        let dir = tempfile::tempdir().unwrap();
        write_export(dir.path(), 3000);
        let usage = dir.path().join("usage.json");
        let text = std::fs::read(&usage).unwrap();
        assert!(text.len() > 2 << 20, "past the head read to tell the kind");
        // A BOM, and a record after the head with a control character in a name.
        let mut odd = b"\xef\xbb\xbf".to_vec();
        odd.extend_from_slice(&text);
        let at = odd.len() - 5000;
        let at = at
            + odd[at..]
                .windows(14)
                .position(|w| w == b"\"customerName\"")
                .unwrap();
        odd.splice(at + 16..at + 16, b"\\u001b[31m".iter().copied());
        let odd_path = dir.path().join("odd.json");
        std::fs::write(&odd_path, &odd).unwrap();
        let paths = [dir.path().join("deployment.json"), usage.clone(), odd_path];
        let read = |from: u64| {
            MAP_FROM.store(from, Ordering::SeqCst);
            let mut builder = crate::import::build::Builder::default();
            let hashes = crate::import::Hashes::default();
            builder.hashes = Some(hashes.clone());
            let inputs = crate::import::inputs(&paths).unwrap();
            crate::import::read_inputs(&inputs, &mut builder).unwrap();
            let found = hashes.lock().unwrap().clone();
            let portfolio = builder.finish();
            assert_eq!(portfolio.customers.len(), 3000);
            assert!(portfolio.customers.iter().all(|c| c.products.len() == 2));
            (format!("{portfolio:?}"), found)
        };
        let (mapped, mapped_hashes) = read(0);
        let (in_memory, read_hashes) = read(u64::MAX);
        assert_eq!(mapped, in_memory);
        assert_eq!(mapped_hashes, read_hashes);
        for path in &paths {
            let bytes = std::fs::read(path).unwrap();
            let sha = format!("{:x}", <sha2::Sha256 as sha2::Digest>::digest(&bytes));
            assert_eq!(mapped_hashes[path], (bytes.len() as u64, sha));
        }
        // Not UTF-8 past the first step: the same error, the same line.
        let mut broken = text.clone();
        let at = broken.len() - 100;
        broken[at] = 0xFF;
        std::fs::write(&usage, &broken).unwrap();
        let error = |from: u64| {
            MAP_FROM.store(from, Ordering::SeqCst);
            crate::import::load_paths(std::slice::from_ref(&usage))
                .unwrap_err()
                .to_string()
        };
        let (mapped, in_memory) = (error(0), error(u64::MAX));
        MAP_FROM.store(super::MAP_FROM, Ordering::SeqCst);
        assert_eq!(mapped, in_memory);
        assert!(mapped.contains("line"), "{mapped}");
    }

    /// An import's copy of an export, written as it is read, is the export byte for byte,
    /// read through a map or into memory (a BOM too, the head read to tell the kind written
    /// again from the map); a copy that cannot be written (a full disk: /dev/full fails every
    /// write) stops the read with an error naming the copy, the file and the cause.
    #[cfg(target_os = "linux")]
    #[test]
    fn an_import_copies_what_it_reads() {
        let _threshold = threshold();
        let dir = tempfile::tempdir().unwrap();
        write_export(dir.path(), 3000);
        let usage = dir.path().join("usage.json");
        let mut odd = b"\xef\xbb\xbf".to_vec();
        odd.extend_from_slice(&std::fs::read(&usage).unwrap());
        std::fs::write(&usage, &odd).unwrap();
        let paths = [dir.path().join("deployment.json"), usage.clone()];
        let inputs = crate::import::inputs(&paths).unwrap();
        let read = |from: u64, copies: crate::import::Copies| {
            MAP_FROM.store(from, Ordering::SeqCst);
            let mut builder = crate::import::build::Builder::default();
            builder.copies = Some(copies);
            let read = crate::import::read_inputs(&inputs, &mut builder);
            MAP_FROM.store(super::MAP_FROM, Ordering::SeqCst);
            read
        };
        for from in [0, u64::MAX] {
            let out = tempfile::tempdir().unwrap();
            let copies = paths
                .iter()
                .map(|p| {
                    (
                        p.clone(),
                        out.path().join("in/a/folder").join(p.file_name().unwrap()),
                    )
                })
                .collect();
            read(from, std::sync::Arc::new(copies)).unwrap();
            for path in &paths {
                let copy = out
                    .path()
                    .join("in/a/folder")
                    .join(path.file_name().unwrap());
                assert!(
                    std::fs::read(&copy).unwrap() == std::fs::read(path).unwrap(),
                    "{} copied byte for byte (mapped from {from})",
                    path.display()
                );
            }
            let full = std::iter::once((usage.clone(), std::path::PathBuf::from("/dev/full")));
            let error = read(from, std::sync::Arc::new(full.collect())).unwrap_err();
            let text = error.to_string();
            assert!(
                matches!(error, crate::import::ImportError::CannotKeep { .. })
                    && text.starts_with("/dev/full: cannot copy ")
                    && text.contains("usage.json into the cache")
                    && text.contains("os error 28"),
                "{text}"
            );
        }
    }

    /// A load of a mapped export cancelled before it starts stops at its first step with
    /// `Cancelled`, not an error about the file nor a portfolio.
    #[test]
    fn a_cancelled_load_of_a_mapped_export_stops() {
        let _threshold = threshold();
        let dir = tempfile::tempdir().unwrap();
        write_export(dir.path(), 200);
        let progress = crate::import::progress::Progress::new();
        progress.cancel();
        MAP_FROM.store(0, Ordering::SeqCst);
        let result =
            crate::import::load_paths_watched(&[dir.path().join("usage.json")], Some(progress));
        MAP_FROM.store(super::MAP_FROM, Ordering::SeqCst);
        assert!(
            matches!(result, Err(crate::import::ImportError::Cancelled)),
            "{result:?}"
        );
    }

    /// A v1 JSON export of `customers` customers, two products and four workloads each,
    /// names with umlauts and CJK (written here: the demo generator is a layer above).
    fn write_export(dir: &std::path::Path, customers: usize) {
        let at = "\"processedDateTime\":\"2026-11-23T00:00:00+00:00\"";
        let (mut deployment, mut usage) = (Vec::new(), Vec::new());
        for i in 0..customers {
            let who = format!(
                "\"customerId\":\"{i:08x}-5b2e-4c81-9a6d-{:012x}\",\"customerName\":\"{} {i}\"",
                i * 7919,
                [
                    "Brücken GmbH",
                    "臺北 股份有限公司",
                    "Contoso Ltd",
                    "Ωmega S.A."
                ][i % 4]
            );
            for (p, product) in ["MICROSOFT 365 E3", "DYNAMICS 365 SALES"]
                .iter()
                .enumerate()
            {
                let sold = 10 + (i * 13 + p) % 400;
                let deployed = sold * (i % 7 + 3) / 10;
                deployment.push(format!(
                    "{{{who},\"productName\":\"{product}\",\"serviceCode\":\"o365\",\"licensesDeployed\":{deployed},\"licensesSold\":{sold},{at}}}"
                ));
            }
            for (w, workload) in ["Exchange", "SharePoint", "Teams", "Yammer"]
                .iter()
                .enumerate()
            {
                let qualified = 10 + (i * 13) % 400;
                let active = qualified * (i % 5 + w + 1) / 8;
                usage.push(format!(
                    "{{{who},\"productName\":\"MICROSOFT 365 E3\",\"serviceCode\":\"o365\",\"workloadName\":\"{workload}\",\"licensesActive\":{active},\"licensesQualified\":{qualified},{at}}}"
                ));
            }
        }
        for (name, items) in [("deployment.json", deployment), ("usage.json", usage)] {
            let text = format!("{{\"items\":[{}]}}", items.join(",\n"));
            std::fs::write(dir.join(name), text).unwrap();
        }
    }

    fn mapped(bytes: &[u8]) -> (tempfile::TempDir, Mapped) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::File::create(&path)
            .unwrap()
            .write_all(bytes)
            .unwrap();
        let map = Mapped::new(&std::fs::File::open(&path).unwrap()).unwrap();
        (dir, map)
    }

    /// Across step boundaries that cut multi-byte characters, the check accepts what
    /// `from_utf8` accepts, finds the error `from_utf8` finds, and hands every byte to `each`
    /// once, in order; the bytes read after they were handed back are the file's.
    #[test]
    fn the_stepwise_check_is_the_whole_check() {
        // 3-byte characters around the step's end, in every alignment.
        for shift in 0..4 {
            let mut text = "x".repeat(STEP - 2 + shift).into_bytes();
            text.extend("臺€é".repeat(4).as_bytes());
            text.extend(b"end");
            let (_dir, map) = mapped(&text);
            let mut seen = Vec::new();
            let mut behind = map.behind(0);
            let done = check_utf8(map.bytes(), &mut behind, |b| {
                seen.extend_from_slice(b);
                true
            });
            assert_eq!(done, Ok(true));
            assert_eq!(seen, text);
            assert_eq!(map.bytes(), &text[..], "read again after handed back");
            // Told to stop (a cancelled load), the check stops after the step it was told in.
            let mut steps = 0;
            let done = check_utf8(map.bytes(), &mut map.behind(0), |_| {
                steps += 1;
                false
            });
            assert_eq!((done, steps), (Ok(false), 1));
            let mut broken = text.clone();
            let at = STEP - 1 + shift;
            broken[at] = 0xFF;
            let (_dir, map) = mapped(&broken);
            let whole = std::str::from_utf8(&broken).unwrap_err();
            let stepwise = check_utf8(map.bytes(), &mut map.behind(0), |_| true).unwrap_err();
            assert_eq!(stepwise.valid_up_to(), whole.valid_up_to());
        }
    }

    /// A step of nothing but continuation bytes (no character starts in it) is an error at
    /// its first byte, found in one pass: stepping back to a character's start must not
    /// empty the step (it looped forever).
    #[test]
    fn a_step_without_a_character_start_is_an_error_not_a_loop() {
        for lead in [0, 1, 5] {
            let mut bytes = "x".repeat(lead).into_bytes();
            bytes.extend(std::iter::repeat_n(0x80u8, STEP + 10));
            let (_dir, map) = mapped(&bytes);
            let mut handed = 0;
            let error = check_utf8(map.bytes(), &mut map.behind(0), |b| {
                handed += b.len();
                true
            })
            .unwrap_err();
            assert_eq!(error.valid_up_to(), lead);
            assert_eq!(handed, 0, "no step was valid, none was handed on");
        }
        // Valid text whose step ends in a run of continuation bytes longer than a character.
        let mut bytes = "x".repeat(STEP - 6).into_bytes();
        bytes.extend(std::iter::repeat_n(0x80u8, 12));
        let (_dir, map) = mapped(&bytes);
        let error = check_utf8(map.bytes(), &mut map.behind(0), |_| true).unwrap_err();
        assert_eq!(error.valid_up_to(), STEP - 6);
    }
}
