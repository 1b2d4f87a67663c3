//! Line numbers of byte offsets, for messages: counted forward in a text held whole, or noted
//! as a file streams through a reader.

/// A reader that notes where lines end as the bytes stream through it, so that a record's
/// line is known from its byte offset without the whole text in memory. (The csv crate's own
/// count is one short for lines ending in CRLF.)
pub(super) struct Lines<R> {
    inner: R,
    /// Bytes read so far.
    read: u64,
    /// Offsets of the newlines read beyond the last offset asked about.
    ahead: std::collections::VecDeque<u64>,
    /// Newlines before the last offset asked about.
    passed: u64,
}

impl<R> Lines<R> {
    pub(super) fn new(inner: R) -> Self {
        Self {
            inner,
            read: 0,
            ahead: Default::default(),
            passed: 0,
        }
    }

    /// The 1-based line of the record starting at `byte` (asked in order), as
    /// [`LineCounter::at`] counts it: with CRLF the csv crate reports the offset of the
    /// previous line's `\n`, so that byte is counted too.
    pub(super) fn at(&mut self, byte: u64) -> u64 {
        while self.ahead.front().is_some_and(|&o| o <= byte) {
            self.ahead.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }
}

impl<R: std::io::Read> std::io::Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let start = self.read;
        self.ahead
            .extend(memchr::memchr_iter(b'\n', &buf[..n]).map(|i| start + i as u64));
        self.read += n as u64;
        Ok(n)
    }
}

/// 1-based line numbers of byte offsets, counted forward as offsets grow.
pub(super) struct LineCounter<'t> {
    text: &'t [u8],
    byte: usize,
    line: u64,
}

impl<'t> LineCounter<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Self {
            text: text.as_bytes(),
            byte: 0,
            line: 1,
        }
    }

    /// The line of the record starting at `byte`. With CRLF the csv crate reports the offset
    /// of the previous line's `\n`, so that byte is counted too.
    pub(super) fn at(&mut self, byte: u64) -> u64 {
        let byte = (byte as usize + 1).min(self.text.len());
        if byte < self.byte {
            *self = Self {
                text: self.text,
                byte: 0,
                line: 1,
            };
        }
        self.line += self.text[self.byte..byte]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        self.byte = byte;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader giving `n` bytes at a time (a record's line must not depend on where a read
    /// ends).
    struct Trickle<'a>(&'a [u8], usize);

    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn records_get_their_lines_whole_or_streamed_with_crlf_and_lf() {
        let texts = [
            "h1,h2\r\na,1\r\nb,2\r\n",
            "h1,h2\na,1\nb,2\n",
            "h1,h2\r\n\"a\r\nb\",1\r\nc,2\r\n",
        ];
        for (data, want) in texts.into_iter().zip([[2, 3], [2, 3], [2, 4]]) {
            let mut whole = LineCounter::new(data);
            for step in [1, 2, 3, 7, 64] {
                let mut reader = ::csv::ReaderBuilder::new()
                    .buffer_capacity(4)
                    .from_reader(Lines::new(Trickle(data.as_bytes(), step)));
                let mut got = Vec::new();
                let mut row = ::csv::StringRecord::new();
                while reader.read_record(&mut row).unwrap() {
                    let byte = row.position().unwrap().byte();
                    got.push(reader.get_mut().at(byte));
                    assert_eq!(got.last(), Some(&whole.at(byte)), "{data:?}");
                }
                assert_eq!(got, want, "{data:?} read {step} bytes at a time");
            }
        }
    }
}
