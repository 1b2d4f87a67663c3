//! Reading an index: the front at open (its own checksum), then either a first frame's records
//! one by one, or the whole portfolio in chunks on two threads with the trailing checksum. The
//! file is never held whole: a first frame of a million customers reads the keys and 200
//! records, and the whole portfolio at most a few megabytes of records at a time.

use std::borrow::Cow;
use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::{FILE, FIXED, Files, MAGIC, Meta, ROW, VERSION, stamps};
use crate::domain::model::{Customer, Portfolio};
use crate::domain::search::{self, Rank, Term};
use crate::text::Clean;

/// The most record bytes one thread reads at a time while decoding the whole portfolio. Small
/// enough for the allocator to serve from its pools: a buffer of megabytes is mapped and
/// unmapped, and glibc then keeps every block up to that size (and twice as much free memory)
/// in its pools: 4 MiB cost 4 MB of the cached session's 61 (100k customers).
const CHUNK: usize = 64 << 10;

/// Where the bytes after the front are read from.
enum Body {
    /// The whole index in memory (its trailing checksum checked when it was given).
    Memory(Vec<u8>),
    /// The index file, kept open: a rebuild that renames a new index into place does not change
    /// what this one reads.
    File(File),
}

/// An index whose front is read and checked; records are read when needed.
pub struct Index {
    /// The fixed part, meta, table and keys.
    front: Vec<u8>,
    /// Lengths of the meta, table, keys and files sections.
    lengths: [usize; 4],
    /// Where the records start, and how long they are, in the file.
    records: (u64, u64),
    body: Body,
    /// The snapshot folder relative file names resolve against.
    pub(super) dir: Option<PathBuf>,
    /// The most record bytes one thread reads at a time ([`CHUNK`]; tests make it small).
    chunk: usize,
}

/// Where the sections are, from the fixed part: `(lengths, end of the front, length of the
/// files and records)`.
fn layout(fixed: &[u8], total: u64) -> anyhow::Result<([usize; 4], u64, u64)> {
    if fixed.len() < 12 || &fixed[..8] != MAGIC {
        bail!("not an uptake index");
    }
    let version = u32::from_le_bytes(fixed[8..12].try_into()?);
    if version != VERSION {
        bail!("index version {version}, this uptake reads {VERSION}");
    }
    let truncated = || anyhow::anyhow!("the index is corrupt (truncated)");
    if fixed.len() < FIXED || total < (FIXED + 4) as u64 {
        return Err(truncated());
    }
    let mut lengths = [0usize; 4];
    let mut end = FIXED as u64;
    for (i, length) in lengths.iter_mut().enumerate() {
        let at = 12 + 8 * i;
        let n = u64::from_le_bytes(fixed[at..at + 8].try_into()?);
        end = end.checked_add(n).ok_or_else(truncated)?;
        *length = usize::try_from(n).map_err(|_| truncated())?;
    }
    let records = total - 4;
    if end > records {
        return Err(truncated());
    }
    let front_end = end - lengths[3] as u64;
    if lengths[1] % ROW != 0 {
        bail!("the index is corrupt (table)");
    }
    Ok((lengths, front_end, records - front_end))
}

/// The front's checksum: the fixed part before it, then the meta, table and keys.
fn front_checked(front: &[u8]) -> anyhow::Result<()> {
    let mut h = crc32fast::Hasher::new();
    h.update(&front[..FIXED - 4]);
    h.update(&front[FIXED..]);
    if h.finalize() != u32::from_le_bytes(front[FIXED - 4..FIXED].try_into()?) {
        bail!("the index is corrupt (checksum)");
    }
    Ok(())
}

/// Reads `buf.len()` bytes at `at` without moving a shared position (two threads read at once).
pub(crate) fn read_exact_at(file: &File, buf: &mut [u8], at: u64) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
    }
    #[cfg(windows)]
    {
        let (mut done, mut at) = (0, at);
        while done < buf.len() {
            match std::os::windows::fs::FileExt::seek_read(file, &mut buf[done..], at)? {
                0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
                n => {
                    done += n;
                    at += n as u64;
                }
            }
        }
        Ok(())
    }
}

impl Index {
    /// Opens a snapshot's index and checks its front; the error says why it cannot be used
    /// (missing, another version, corrupt). Whether the raw files changed since it was built
    /// is checked by [`portfolio`](Self::portfolio), which reads their list.
    pub fn open(dir: &Path) -> anyhow::Result<Self> {
        Self::open_at(&dir.join(FILE), dir)
    }

    /// [`open`](Self::open) for the index `path` whose file names are relative to `dir` (a
    /// joined index, [`super::JOINED`], names the files of two snapshots).
    pub fn open_at(path: &Path, dir: &Path) -> anyhow::Result<Self> {
        let file = File::open(path).context("no index")?;
        let total = file.metadata().context("no index")?.len();
        let mut fixed = vec![0u8; FIXED.min(usize::try_from(total).unwrap_or(FIXED))];
        read_exact_at(&file, &mut fixed, 0).context("the index cannot be read")?;
        let (lengths, front_end, records) = layout(&fixed, total)?;
        let mut front = vec![0u8; usize::try_from(front_end)?];
        read_exact_at(&file, &mut front, 0).context("the index cannot be read")?;
        Self::assemble(front, lengths, records, Body::File(file), Some(dir))
    }

    /// Checks index bytes held in memory (both checksums); with `dir`, file names resolve
    /// against it and the raw files' stamps are compared by [`portfolio`](Self::portfolio).
    pub fn from_bytes(bytes: Vec<u8>, dir: Option<&Path>) -> anyhow::Result<Self> {
        let (lengths, front_end, records) = layout(&bytes, bytes.len() as u64)?;
        let (body, tail) = bytes.split_at(bytes.len() - 4);
        if crc32fast::hash(body) != u32::from_le_bytes(tail.try_into()?) {
            bail!("the index is corrupt (checksum)");
        }
        let front = bytes[..usize::try_from(front_end)?].to_vec();
        Self::assemble(front, lengths, records, Body::Memory(bytes), dir)
    }

    /// An index from its front (checked here) and its [`layout`]: the section lengths and
    /// the length of the files and records that follow the front.
    fn assemble(
        front: Vec<u8>,
        lengths: [usize; 4],
        files_and_records: u64,
        body: Body,
        dir: Option<&Path>,
    ) -> anyhow::Result<Self> {
        front_checked(&front)?;
        let files = lengths[3] as u64;
        Ok(Self {
            records: (front.len() as u64 + files, files_and_records - files),
            front,
            lengths,
            body,
            dir: dir.map(Path::to_path_buf),
            chunk: CHUNK,
        })
    }

    /// How many customers the index holds.
    pub fn customers(&self) -> usize {
        self.lengths[1] / ROW
    }

    fn section(&self, n: usize) -> &[u8] {
        let start = FIXED + self.lengths[..n].iter().sum::<usize>();
        &self.front[start..start + self.lengths[n]]
    }

    fn meta(&self) -> anyhow::Result<Meta<'_>> {
        Ok(postcard::from_bytes(self.section(0))?)
    }

    /// Customer `i`'s row: record offset and length, end of its keys.
    fn row(&self, i: usize) -> (u64, usize, usize) {
        let r = &self.section(1)[i * ROW..(i + 1) * ROW];
        let n = |a: usize, b: usize| {
            let mut le = [0u8; 8];
            le[..b - a].copy_from_slice(&r[a..b]);
            u64::from_le_bytes(le)
        };
        let clamp = |v: u64| usize::try_from(v).unwrap_or(usize::MAX);
        (n(0, 8), clamp(n(8, 12)), clamp(n(12, 20)))
    }

    /// Customer `i`'s keys, as stored: name, plain name, id, domain, each ended by a NUL.
    fn key_bytes(&self, i: usize) -> anyhow::Result<&[u8]> {
        let start = if i == 0 { 0 } else { self.row(i - 1).2 };
        self.section(2)
            .get(start..self.row(i).2)
            .context("the index is corrupt (keys)")
    }

    /// Customer `i`'s name key (bytes up to the first NUL).
    fn name_key(&self, i: usize) -> anyhow::Result<&[u8]> {
        let keys = self.key_bytes(i)?;
        let end = memchr::memchr(0, keys).context("the index is corrupt (keys)")?;
        Ok(&keys[..end])
    }

    /// How customer `i` ranks against `terms`, as the app's search ranks it.
    fn rank(&self, i: usize, terms: &[Term]) -> anyhow::Result<Option<Rank>> {
        let mut parts = self.key_bytes(i)?.split(|&b| b == 0);
        let mut next = || -> anyhow::Result<&str> {
            let part = parts.next().context("the index is corrupt (keys)")?;
            Ok(std::str::from_utf8(part)?)
        };
        let (name, plain, id, domain) = (next()?, next()?, next()?, next()?);
        let plain = (!plain.is_empty()).then_some(plain);
        Ok(search::rank_keys(&[name, id, domain], plain, terms))
    }

    /// The bytes of `len` at `at` after the front (in memory: borrowed).
    fn read(&self, at: u64, len: usize) -> anyhow::Result<Cow<'_, [u8]>> {
        match &self.body {
            Body::Memory(bytes) => usize::try_from(at)
                .ok()
                .and_then(|at| bytes.get(at..at.checked_add(len)?))
                .map(Cow::Borrowed)
                .context("a record lies outside the index"),
            Body::File(file) => {
                let mut buf = vec![0u8; len];
                read_exact_at(file, &mut buf, at).context("the index cannot be read")?;
                Ok(Cow::Owned(buf))
            }
        }
    }

    /// Customer `i`'s record bytes.
    fn record(&self, i: usize) -> anyhow::Result<Cow<'_, [u8]>> {
        let (offset, len, _) = self.row(i);
        let end = offset.checked_add(len as u64);
        if end.is_none_or(|e| e > self.records.1) {
            bail!("a record lies outside the index");
        }
        self.read(self.records.0 + offset, len)
    }

    /// The interned texts, sanitised once.
    fn strings(meta: &Meta<'_>) -> Vec<Clean> {
        meta.strings.iter().map(|s| Clean::new(s)).collect()
    }

    /// Just the customers a first frame shows: the best matches of `query` (all customers when
    /// it is empty), at most `limit`, in portfolio order; and how many customers there are.
    /// The files list is left out (the whole portfolio brings it).
    pub fn partial(&self, query: &str, limit: usize) -> anyhow::Result<(Portfolio, usize)> {
        let (portfolio, _, total) = self.partial_at(query, limit)?;
        Ok((portfolio, total))
    }

    /// [`partial`](Self::partial), with each customer's place in the whole portfolio.
    pub fn partial_at(
        &self,
        query: &str,
        limit: usize,
    ) -> anyhow::Result<(Portfolio, Vec<usize>, usize)> {
        let meta = self.meta()?;
        let strings = Self::strings(&meta);
        let terms = search::terms(query);
        let picked = search::best(
            self.customers(),
            &terms,
            limit,
            |i| self.name_key(i).map(Cow::Borrowed),
            |i| self.rank(i, &terms),
        )?;
        let mut portfolio = self.shell(&meta, None, &strings)?;
        portfolio.customers = picked
            .iter()
            .map(|&i| self.customer(&self.record(i)?, &strings))
            .collect::<anyhow::Result<_>>()?;
        Ok((portfolio, picked, self.customers()))
    }

    /// The names of the raw files the index was built from (relative to its folder).
    pub fn sources(&self) -> anyhow::Result<Vec<String>> {
        let bytes = self.read(self.front.len() as u64, self.lengths[3])?;
        let files: Files<'_> = postcard::from_bytes(&bytes)?;
        Ok(files.sources.iter().map(|s| s.name.to_string()).collect())
    }

    /// The whole portfolio: the raw files' stamps compared (with a folder), records decoded
    /// on two threads a chunk at a time, and the trailing checksum checked. Bytes that do not
    /// decode are most likely damaged: then the checksum is what the error says, when it fails.
    pub fn portfolio(&self) -> anyhow::Result<Portfolio> {
        self.whole(true)
    }

    /// The whole portfolio checked as [`portfolio`](Self::portfolio) does, every customer
    /// without its products: a million customers' products are never in memory at once. They
    /// are read again from [`Records`] (this index, kept open) a few at a time.
    pub fn lean(mut self) -> anyhow::Result<(Portfolio, Records)> {
        let portfolio = self.whole(false)?;
        let strings = Self::strings(&self.meta()?);
        self.keep_table();
        Ok((
            portfolio,
            Records {
                index: self,
                strings,
            },
        ))
    }

    /// Keeps of the front in memory only what reading records needs (the fixed part, meta and
    /// table): the search keys served the first frame, and the whole portfolio has its own
    /// (about a hundred bytes a customer). The index is then only read for records.
    fn keep_table(&mut self) {
        let end = FIXED + self.lengths[0] + self.lengths[1];
        self.front.truncate(end);
        self.front.shrink_to_fit();
        self.lengths[2] = 0;
    }

    /// [`decode_all`](Self::decode_all); bytes that do not decode are most likely damaged:
    /// then the checksum is what the error says, when it fails.
    fn whole(&self, products: bool) -> anyhow::Result<Portfolio> {
        self.decode_all(products).or_else(|e| {
            self.checksum(|h| self.hash_records(h))?;
            Err(e)
        })
    }

    fn decode_all(&self, products: bool) -> anyhow::Result<Portfolio> {
        let meta = self.meta()?;
        let strings = Self::strings(&meta);
        let files_at = self.front.len() as u64;
        let files_bytes = self.read(files_at, self.lengths[3])?;
        let files: Files<'_> = postcard::from_bytes(&files_bytes)?;
        if let Some(dir) = &self.dir {
            let names: Vec<String> = files.sources.iter().map(|s| s.name.to_string()).collect();
            let now = stamps(dir, &names).unwrap_or_default();
            if !same_files(dir, &files.sources, &now) {
                bail!("the raw files changed since the index was built");
            }
        }
        let mut portfolio = self.shell(&meta, Some(&files), &strings)?;
        let n = self.customers();
        // The records tile their section: the first starts it (each then starts where the last
        // ended, and the last ends it), so the checksum covers every byte.
        if (n == 0 && self.records.1 != 0) || (n > 0 && self.row(0).0 != 0) {
            bail!("the index is corrupt (records)");
        }
        let half = n / 2;
        // One list filled by both threads (empty customers do not allocate): two halves joined
        // would take half as much again at the peak, and the allocator keeps the difference.
        let mut customers: Vec<Customer> =
            std::iter::repeat_with(|| Customer::new(None, Clean::default(), Vec::new()))
                .take(n)
                .collect();
        let (first, second) = customers.split_at_mut(half);
        let decoded = std::thread::scope(|scope| {
            let other = scope.spawn(|| self.decode(half, second, &strings, products));
            let mine = self.decode(0, first, &strings, products);
            let other = other
                .join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("decoding failed")));
            anyhow::Ok((mine?, other?))
        });
        let (crc_a, crc_b) = decoded?;
        self.checksum(|h| {
            h.combine(&crc_a);
            h.combine(&crc_b);
            Ok(())
        })?;
        portfolio.customers = customers;
        Ok(portfolio)
    }

    /// Checks the trailing checksum of a file index (one in memory was checked when given):
    /// the front and files, then what `records` adds for the records.
    fn checksum(
        &self,
        records: impl FnOnce(&mut crc32fast::Hasher) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let Body::File(file) = &self.body else {
            return Ok(());
        };
        let mut h = crc32fast::Hasher::new();
        h.update(&self.front);
        h.update(&self.read(self.front.len() as u64, self.lengths[3])?);
        records(&mut h)?;
        let mut tail = [0u8; 4];
        read_exact_at(file, &mut tail, self.records.0 + self.records.1)
            .context("the index cannot be read")?;
        if h.finalize() != u32::from_le_bytes(tail) {
            bail!("the index is corrupt (checksum)");
        }
        Ok(())
    }

    /// Adds the records' bytes to `h`, [`CHUNK`] bytes at a time.
    fn hash_records(&self, h: &mut crc32fast::Hasher) -> anyhow::Result<()> {
        let mut at = 0;
        while at < self.records.1 {
            let len = (self.records.1 - at).min(CHUNK as u64) as usize;
            h.update(&self.read(self.records.0 + at, len)?);
            at += len as u64;
        }
        Ok(())
    }

    /// Decodes the customers from `first` on into `out` (their records lie one after the
    /// other), reading at most `self.chunk` bytes at a time (more for one larger record);
    /// returns the checksum of their bytes. Without `products`, each customer's products are
    /// dropped as soon as it is decoded.
    fn decode(
        &self,
        first: usize,
        out: &mut [Customer],
        strings: &[Clean],
        products: bool,
    ) -> anyhow::Result<crc32fast::Hasher> {
        self.each_record(first..first + out.len(), |i, bytes| {
            out[i - first] = self.customer_with(bytes, strings, products)?;
            Ok(())
        })
    }

    /// Calls `each` with the index and record bytes of the customers `range` (whose records lie
    /// one after the other), read at most `self.chunk` bytes at a time (more for one larger
    /// record); returns the checksum of their bytes.
    fn each_record(
        &self,
        range: std::ops::Range<usize>,
        mut each: impl FnMut(usize, &[u8]) -> anyhow::Result<()>,
    ) -> anyhow::Result<crc32fast::Hasher> {
        let mut crc = crc32fast::Hasher::new();
        let end_of = |i: usize| {
            if i < self.customers() {
                self.row(i).0
            } else {
                self.records.1
            }
        };
        let mut i = range.start;
        while i < range.end {
            let start = self.row(i).0;
            // Whole records up to CHUNK bytes (at least one), each starting where the last ended.
            let mut j = i;
            let mut at = start;
            while j < range.end
                && (j == i || at - start + self.row(j).1 as u64 <= self.chunk as u64)
            {
                let (offset, len, _) = self.row(j);
                if offset != at {
                    bail!("the index is corrupt (records)");
                }
                at = at
                    .checked_add(len as u64)
                    .context("a record lies outside the index")?;
                j += 1;
            }
            if at > self.records.1 || (j == range.end && at != end_of(j)) {
                bail!("the index is corrupt (records)");
            }
            let bytes = self.read(self.records.0 + start, usize::try_from(at - start)?)?;
            crc.update(&bytes);
            let mut from = 0;
            for k in i..j {
                let len = self.row(k).1;
                each(k, &bytes[from..from + len])?;
                from += len;
            }
            i = j;
        }
        Ok(crc)
    }
}

/// The records of a portfolio read [`lean`](Index::lean): its customers' products, read again
/// when needed (the index file stays open, so a rebuild renaming a new one into place does not
/// change what is read).
pub struct Records {
    index: Index,
    strings: Vec<Clean>,
}

impl std::fmt::Debug for Records {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Records({} customers)", self.customers())
    }
}

impl Records {
    /// How many customers have a record (the first ones of the portfolio, in its order).
    pub fn customers(&self) -> usize {
        self.index.customers()
    }

    /// Customer `i`'s products.
    pub fn products(&self, i: usize) -> anyhow::Result<Vec<crate::domain::model::Product>> {
        let record = self.index.record(i)?;
        Ok(Index::products_of(&record, &self.strings)?.0)
    }

    /// Gives the customers of `range` (whose records follow one another; `customers` are
    /// those customers) their products, read a chunk at a time.
    pub fn fill(
        &self,
        range: std::ops::Range<usize>,
        customers: &mut [Customer],
    ) -> anyhow::Result<()> {
        anyhow::ensure!(range.len() == customers.len() && range.end <= self.customers());
        let first = range.start;
        self.index.each_record(range, |k, bytes| {
            let (products, name, id) = Index::products_of(bytes, &self.strings)?;
            let c = &mut customers[k - first];
            let same =
                |clean: &Clean, raw: &str| clean.as_str() == raw || *clean == Clean::new(raw);
            let same_id = match (&c.id, &id) {
                (Some(a), Some(b)) => same(a, b),
                (a, b) => a.is_none() && b.is_none(),
            };
            anyhow::ensure!(
                same(&c.name, &name) && same_id,
                "the index changed while it was read"
            );
            c.products = products;
            Ok(())
        })?;
        Ok(())
    }
}

/// Whether the raw files are those the index was built from: the same names, sizes and
/// modified times; or, where only a modified time differs (a copied or moved cache), the bytes
/// the manifest's SHA-256 recorded. Those files get their recorded time back (where the cache
/// may be written), so the next launch compares stamps only.
fn same_files(dir: &Path, recorded: &[super::Stamp<'_>], now: &[super::Stamp<'_>]) -> bool {
    if recorded == now {
        return true;
    }
    let same_but_time = recorded.len() == now.len()
        && recorded
            .iter()
            .zip(now)
            .all(|(r, n)| r.name == n.name && r.size == n.size);
    let Some(manifest) = same_but_time
        .then(|| crate::store::manifest::read_manifest(dir))
        .flatten()
    else {
        return false;
    };
    let touched: Vec<&super::Stamp<'_>> = recorded
        .iter()
        .zip(now)
        .filter(|(r, n)| r.modified_ns != n.modified_ns)
        .map(|(r, _)| r)
        .collect();
    if !touched
        .iter()
        .all(|r| crate::store::manifest::holds_recorded_bytes(dir, &manifest, &r.name))
    {
        return false;
    }
    for r in touched {
        let at = std::time::UNIX_EPOCH
            + std::time::Duration::from_nanos(u64::try_from(r.modified_ns).unwrap_or(0));
        // A read-only cache keeps the new time: the bytes are checked again next time.
        let _ = File::open(dir.join(r.name.as_ref())).and_then(|f| f.set_modified(at));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Read in chunks of a few records, from the file and from memory, the portfolio is the
    /// one encoded; one changed record byte fails the trailing checksum.
    #[test]
    fn chunked_reads_give_the_encoded_portfolio_and_check_every_byte() {
        let now = chrono::DateTime::parse_from_rfc3339("2025-06-19T12:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let portfolio = crate::demo::portfolio(now);
        let bytes = super::super::encode(&portfolio, &[], &|_| None).unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), &bytes).unwrap();
        for chunk in [1, 700, 5_000, CHUNK] {
            let mut file = Index::open(dir.path()).unwrap();
            file.chunk = chunk;
            file.dir = None;
            assert_eq!(file.portfolio().unwrap().customers, portfolio.customers);
            let mut memory = Index::from_bytes(bytes.clone(), None).unwrap();
            memory.chunk = chunk;
            assert_eq!(memory.portfolio().unwrap().customers, portfolio.customers);
        }
        let mut bad = bytes.clone();
        let last_record = bad.len() - 10;
        bad[last_record] ^= 1;
        std::fs::write(dir.path().join(FILE), &bad).unwrap();
        let mut file = Index::open(dir.path()).unwrap();
        file.dir = None;
        let err = file.portfolio().unwrap_err();
        assert!(format!("{err:#}").contains("checksum"), "{err:#}");
    }
}
