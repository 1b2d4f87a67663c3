//! A snapshot's `manifest.json`: what was imported (files, sizes, hashes, dates), and the
//! checks of a snapshot folder against it (damage at a glance, verify in full).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::rollup::ROLLUP;
use crate::domain::model::Timestamp;

/// What `manifest.json` records about a snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    /// When the import ran (UTC).
    pub imported_at: ManifestDate,
    /// SHA-256 over the files' contents (sorted), to recognise the same export imported again.
    pub content_sha256: String,
    pub files: Vec<ManifestFile>,
    pub customers: usize,
    pub products: usize,
    pub records: usize,
    /// Newest processed date of the data (RFC 3339), if any.
    pub data_as_of: Option<ManifestDate>,
    /// Newest processed date of the deployment records and of the usage records.
    pub deployment_as_of: Option<ManifestDate>,
    pub usage_as_of: Option<ManifestDate>,
    /// Every date of the data is after the import (a wrong clock, an edited file): it has no
    /// `data_as_of`, yet it is data, never current over a snapshot dated as it should be.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dated_ahead: bool,
    pub warnings: Vec<String>,
}

/// A date of the manifest: the RFC 3339 text as it stands in the file (written back the same,
/// so a manifest reads and writes byte for byte), and the time it names when it parses (a
/// manifest made by hand or by another tool may hold any text; it still reads).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestDate {
    text: String,
    time: Option<Timestamp>,
}

impl ManifestDate {
    /// The text as written (`2025-06-14T03:25:16Z`).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The time, when the text is RFC 3339.
    pub fn time(&self) -> Option<Timestamp> {
        self.time
    }

    fn parse(text: String) -> Self {
        let time = chrono::DateTime::parse_from_rfc3339(&text)
            .ok()
            .map(|t| t.with_timezone(&chrono::Utc));
        Self { text, time }
    }
}

/// How uptake writes a time: UTC, whole seconds, `Z`; the time is the one the text names
/// (fractions of a second dropped), as reading the manifest back gives it.
impl From<Timestamp> for ManifestDate {
    fn from(t: Timestamp) -> Self {
        Self::parse(t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    }
}

/// The date the app's title shows for a snapshot: its newest Partner Center record
/// (deployment or usage), the date the gauges are read from; for a snapshot without any (Graph
/// reports only) the data's own date. `import` and `snapshots` print the same.
pub fn shown_as_of(
    data: Option<&ManifestDate>,
    deployment: Option<&ManifestDate>,
    usage: Option<&ManifestDate>,
) -> Option<Timestamp> {
    let time = |d: Option<&ManifestDate>| d.and_then(ManifestDate::time);
    time(deployment).max(time(usage)).or_else(|| time(data))
}

impl Manifest {
    /// See [`shown_as_of`].
    pub fn shown_as_of(&self) -> Option<Timestamp> {
        shown_as_of(
            self.data_as_of.as_ref(),
            self.deployment_as_of.as_ref(),
            self.usage_as_of.as_ref(),
        )
    }
}

/// The text (what the manifest holds).
impl std::ops::Deref for ManifestDate {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl Serialize for ManifestDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for ManifestDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Self::parse)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestFile {
    /// Path inside the snapshot folder.
    pub name: String,
    /// Where it was imported from.
    pub source: String,
    pub format: String,
    pub records: usize,
    pub skipped: usize,
    pub bytes: u64,
    pub sha256: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(super) fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex(&sha2::Sha256::digest(bytes))
}

/// Whether the snapshot file `name` still holds what the manifest recorded (its size and
/// SHA-256): a copy (`cp -r`) or a move changes a file's modified time, not its bytes.
pub fn holds_recorded_bytes(dir: &Path, manifest: &Manifest, name: &str) -> bool {
    let Some(recorded) = manifest.files.iter().find(|f| f.name == name) else {
        return false;
    };
    manifest_path(dir, name)
        .and_then(|path| sha256_file(&path).ok())
        .is_some_and(|(bytes, hash)| bytes == recorded.bytes && hash == recorded.sha256)
}

/// A file's length and SHA-256, read a block at a time (an export can be gigabytes).
fn sha256_file(path: &Path) -> std::io::Result<(u64, String)> {
    sha256_copy(path, None, &mut Vec::new())
}

/// [`sha256_file`], writing each block to `to` as well (a copy checked as it is made), read
/// through `block` (grown to [`crate::store::parallel::BLOCK`] bytes and kept for the next
/// file: 35 000 Graph reports would take 35 000 fresh blocks).
pub(super) fn sha256_copy(
    path: &Path,
    mut to: Option<&mut std::fs::File>,
    block: &mut Vec<u8>,
) -> std::io::Result<(u64, String)> {
    use sha2::Digest;
    use std::io::{Read, Write};
    let mut file = std::fs::File::open(path)?;
    let mut hasher = sha2::Sha256::new();
    block.resize(crate::store::parallel::BLOCK, 0);
    let mut bytes = 0u64;
    loop {
        match file.read(block) {
            Ok(0) => break,
            Ok(n) => {
                hasher.update(&block[..n]);
                if let Some(to) = to.as_mut() {
                    to.write_all(&block[..n])?;
                }
                bytes += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok((bytes, hex(&hasher.finalize())))
}

/// Copies `from` into a snapshot at `to`, a block at a time through `block`: what is written
/// must be what was validated (the source could change meanwhile), so the copy is checked
/// against `recorded` as it is made (a copy that differs is left in the temporary folder,
/// which is removed).
pub(super) fn copy_checked(
    from: &Path,
    to: &Path,
    recorded: &ManifestFile,
    block: &mut Vec<u8>,
) -> anyhow::Result<u64> {
    use anyhow::Context;
    let cannot_copy = || {
        format!(
            "{}: cannot copy {} into the cache",
            crate::text::display(to),
            crate::text::display(from)
        )
    };
    let mut out = std::fs::File::create(to).with_context(cannot_copy)?;
    let (length, sha256) = sha256_copy(from, Some(&mut out), block).with_context(cannot_copy)?;
    anyhow::ensure!(
        sha256 == recorded.sha256 && length == recorded.bytes,
        "{}: the file changed while it was imported; import again",
        crate::text::display(from)
    );
    Ok(length)
}

/// A file named by a manifest, inside the snapshot folder (never `..`, never absolute).
fn manifest_path(dir: &Path, name: &str) -> Option<PathBuf> {
    let relative = Path::new(name);
    relative
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
        .then(|| dir.join(relative))
}

/// What is visibly wrong with a snapshot, without reading its files: a file of the manifest
/// missing or of another size (deleted, truncated). `None` when nothing is (or when there is
/// no manifest to compare with: a folder made by hand).
pub fn damage(dir: &Path) -> Option<String> {
    let Some(manifest) = read_manifest(dir) else {
        // A folder uptake wrote always has a manifest (written last); one laid out by hand
        // (export files only) has none and is read as it is.
        // uptake writes rollup.bin before the manifest; a manifest that is not even JSON was
        // cut or overwritten. (A folder laid out by hand may hold any other manifest.json.)
        let made_by_uptake = dir.join(ROLLUP).exists();
        let text = std::fs::read(dir.join("manifest.json")).ok();
        let broken = text
            .as_deref()
            .is_some_and(|t| serde_json::from_slice::<serde_json::Value>(t).is_err());
        return match (text.is_some(), broken || made_by_uptake) {
            (true, true) => Some("manifest.json: unreadable".to_string()),
            (false, true) => Some("manifest.json: missing".to_string()),
            (_, false) => None,
        };
    };
    manifest.files.iter().find_map(|f| {
        let name = crate::text::sanitize(&f.name);
        let Some(path) = manifest_path(dir, &f.name) else {
            return Some(format!("{name}: a path outside the snapshot"));
        };
        match std::fs::metadata(&path) {
            Err(_) => Some(format!("{name}: missing")),
            Ok(m) if m.len() != f.bytes => Some(format!(
                "{name}: {} bytes, the manifest records {}",
                m.len(),
                f.bytes
            )),
            Ok(_) => None,
        }
    })
}

/// What [`damage`] finds without reading the manifest's list of files (a launch cannot afford
/// to stat every Graph file before the first frame): a manifest missing or empty in a folder
/// uptake wrote. The full check follows on the thread that loads the whole portfolio.
pub fn quick_damage(dir: &Path) -> Option<String> {
    match std::fs::metadata(dir.join("manifest.json")) {
        Ok(m) if m.len() > 0 => None,
        Ok(_) => Some("manifest.json: unreadable".to_string()),
        Err(_) if dir.join(ROLLUP).exists() => Some("manifest.json: missing".to_string()),
        Err(_) => None,
    }
}

/// Checks every file of a snapshot against its manifest's size and SHA-256 (finds an edit that
/// kept size and modification time). The problems found, one per file.
pub fn verify(dir: &Path) -> Vec<String> {
    let Some(manifest) = read_manifest(dir) else {
        return vec!["manifest.json: missing or unreadable".to_string()];
    };
    let mut problems = Vec::new();
    for f in &manifest.files {
        let name = crate::text::sanitize(&f.name);
        let Some(path) = manifest_path(dir, &f.name) else {
            problems.push(format!("{name}: a path outside the snapshot"));
            continue;
        };
        match sha256_file(&path) {
            Err(e) => problems.push(format!("{name}: cannot read ({e})")),
            Ok((bytes, _)) if bytes != f.bytes => problems.push(format!(
                "{name}: {bytes} bytes, the manifest records {}",
                f.bytes
            )),
            Ok((_, hash)) if hash != f.sha256 => {
                problems.push(format!("{name}: SHA-256 differs from the manifest"))
            }
            Ok(_) => {}
        }
    }
    problems
}

/// A snapshot's manifest, if it has a readable one.
pub fn read_manifest(dir: &Path) -> Option<Manifest> {
    // One launch reads the current snapshot's manifest five times (listing, damage check,
    // complement, prices, first frame and whole portfolio); a portfolio with Graph tenant
    // folders lists tens of thousands of files in it. The last one read is kept, for as long
    // as the file's size and time are the same.
    type Last = Option<(PathBuf, u64, std::time::SystemTime, Manifest)>;
    static LAST: std::sync::Mutex<Last> = std::sync::Mutex::new(None);
    let path = dir.join("manifest.json");
    let meta = std::fs::metadata(&path).ok()?;
    let stamp = (meta.len(), meta.modified().ok()?);
    if let Ok(last) = LAST.lock()
        && let Some((p, len, at, m)) = last.as_ref()
        && *p == path
        && (*len, *at) == stamp
    {
        return Some(m.clone());
    }
    let m: Manifest = serde_json::from_slice(&std::fs::read(&path).ok()?).ok()?;
    if let Ok(mut last) = LAST.lock() {
        *last = Some((path, stamp.0, stamp.1, m.clone()));
    }
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A manifest as uptake has always written it (dates as RFC 3339 text).
    const OLD: &str = r#"{
  "version": 1,
  "imported_at": "2025-06-19T12:00:00Z",
  "content_sha256": "00ff",
  "files": [
    {
      "name": "v1_deployment.json",
      "source": "/tmp/v1_deployment.json",
      "format": "Partner Center insights JSON (v1)",
      "records": 3,
      "skipped": 0,
      "bytes": 1234,
      "sha256": "ab12"
    }
  ],
  "customers": 1,
  "products": 2,
  "records": 3,
  "data_as_of": "2017-03-14T03:25:16Z",
  "deployment_as_of": "2017-03-14T03:25:16Z",
  "usage_as_of": null,
  "warnings": []
}"#;

    #[test]
    fn an_old_manifest_reads_typed_and_writes_back_byte_for_byte() {
        let m: Manifest = serde_json::from_str(OLD).unwrap();
        let t = |s: &str| {
            Some(
                chrono::DateTime::parse_from_rfc3339(s)
                    .unwrap()
                    .with_timezone(&chrono::Utc),
            )
        };
        assert_eq!(m.imported_at.time(), t("2025-06-19T12:00:00Z"));
        assert_eq!(
            m.data_as_of.as_ref().and_then(ManifestDate::time),
            t("2017-03-14T03:25:16Z")
        );
        assert_eq!(m.usage_as_of, None);
        assert_eq!(serde_json::to_string_pretty(&m).unwrap(), OLD);
    }

    #[test]
    fn a_manifest_written_now_round_trips_byte_for_byte() {
        let root = tempfile::tempdir().unwrap();
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let now = chrono::DateTime::parse_from_rfc3339("2025-06-19T12:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let sources = [
            fixtures.join("v1_deployment.json"),
            fixtures.join("v1_usage.json"),
        ];
        let super::super::snapshots::Imported::New { dir, manifest } =
            super::super::snapshots::import(&sources, root.path(), now).unwrap()
        else {
            panic!("a new snapshot");
        };
        let written = std::fs::read(dir.join("manifest.json")).unwrap();
        let read = read_manifest(&dir).unwrap();
        assert_eq!(read, *manifest);
        assert_eq!(serde_json::to_vec_pretty(&read).unwrap(), written);
        assert_eq!(read.imported_at.time(), Some(now));
        assert_eq!(&*read.imported_at, "2025-06-19T12:00:00Z");
    }

    /// A date that is not RFC 3339 (a manifest edited by hand) still reads, as its text, with
    /// no time.
    #[test]
    fn a_date_that_does_not_parse_still_reads() {
        let odd = OLD.replace("2025-06-19T12:00:00Z", "last Tuesday");
        let m: Manifest = serde_json::from_str(&odd).unwrap();
        assert_eq!(m.imported_at.as_str(), "last Tuesday");
        assert_eq!(m.imported_at.time(), None);
        assert_eq!(serde_json::to_string_pretty(&m).unwrap(), odd);
    }
}
