//! The records of a comma-separated text held whole, read with a `csv_core` reader built once
//! per thread and reset for each text: the csv crate builds its parser's tables for every file (3 % of the CPU of a
//! raw load of 35 000 Graph reports) and a fresh record for every row. Reads as the csv crate
//! does with `flexible(true)`: the same fields, and the same byte offset for each record.

use std::cell::RefCell;

/// A reader with its tables built, and the buffers of a record's bytes and field ends.
type Kept = (csv_core::Reader, Vec<u8>, Vec<usize>);

thread_local! {
    /// Kept for the thread's next text. (Reset, not cloned: `csv_core`'s clone copies a part
    /// of the tables only.)
    static KEPT: RefCell<Option<Kept>> = RefCell::default();
}

/// The records of one text, in order.
pub(super) struct Records<'t> {
    text: &'t [u8],
    /// Bytes of `text` read.
    at: usize,
    reader: csv_core::Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
}

/// One record: its fields and the byte offset it starts at.
pub(super) struct Record<'r> {
    fields: &'r str,
    ends: &'r [usize],
    pub(super) start: u64,
}

impl<'t> Records<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        let (mut reader, mut out, mut ends) = KEPT
            .with(|k| k.borrow_mut().take())
            .unwrap_or_else(|| (csv_core::Reader::new(), Vec::new(), Vec::new()));
        reader.reset();
        out.resize(out.len().max(1024), 0);
        ends.resize(ends.len().max(32), 0);
        Self {
            text: text.as_bytes(),
            at: 0,
            reader,
            out,
            ends,
        }
    }

    /// The next record, `None` at the end of the text.
    pub(super) fn next_record(&mut self) -> Option<Record<'_>> {
        use csv_core::ReadRecordResult as Read;
        let start = self.at as u64;
        let (mut out_len, mut ends_len) = (0, 0);
        loop {
            let (result, read, written, ended) = self.reader.read_record(
                &self.text[self.at..],
                &mut self.out[out_len..],
                &mut self.ends[ends_len..],
            );
            self.at += read;
            out_len += written;
            ends_len += ended;
            match result {
                // The whole text was given: the next call, with nothing left, ends it.
                Read::InputEmpty => {}
                Read::OutputFull => self.out.resize(self.out.len() * 2, 0),
                Read::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                Read::Record => {
                    // Fields of a UTF-8 text split at ASCII bytes (quotes, commas, line ends)
                    // are UTF-8; checked all the same, as the csv crate checks its records.
                    let fields = std::str::from_utf8(&self.out[..out_len]).ok()?;
                    return Some(Record {
                        fields,
                        ends: &self.ends[..ends_len],
                        start,
                    });
                }
                Read::End => return None,
            }
        }
    }
}

impl Drop for Records<'_> {
    fn drop(&mut self) {
        let reader = std::mem::take(&mut self.reader);
        let kept = (
            reader,
            std::mem::take(&mut self.out),
            std::mem::take(&mut self.ends),
        );
        KEPT.with(|k| *k.borrow_mut() = Some(kept));
    }
}

impl<'r> Record<'r> {
    /// Number of fields.
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Field `i`, if the record has it.
    pub(super) fn get(&self, i: usize) -> Option<&'r str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.fields.get(start..end)
    }

    /// The fields in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &'r str> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the csv crate reads (`flexible`, header included as a record): fields and offsets.
    fn by_the_csv_crate(text: &str) -> Vec<(u64, Vec<String>)> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut out = Vec::new();
        let mut record = csv::StringRecord::new();
        loop {
            let start = reader.position().byte();
            if !reader.read_record(&mut record).unwrap() {
                break;
            }
            let at = record.position().map_or(start, |p| p.byte());
            out.push((at, record.iter().map(str::to_string).collect()));
        }
        out
    }

    fn by_records(text: &str) -> Vec<(u64, Vec<String>)> {
        let mut records = Records::new(text);
        let mut out = Vec::new();
        while let Some(r) = records.next_record() {
            out.push((r.start, r.iter().map(str::to_string).collect()));
        }
        out
    }

    /// Texts made of the pieces that matter to a CSV parser.
    fn arb_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just(",".to_string()),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("\r".to_string()),
            Just("\"".to_string()),
            Just("\"\"".to_string()),
            Just(" ".to_string()),
            Just("臺北".to_string()),
            Just("é".to_string()),
            "[a-z0-9]{1,12}",
            // Long fields, past the first buffers.
            "[a-z]{1000,2100}",
        ];
        proptest::collection::vec(piece, 0..120).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]
        /// Every record, field and offset is the csv crate's, over texts with quotes, blank
        /// lines, the three line ends, wide characters, ragged rows and long fields, each
        /// text read after another on the same thread (one ending inside quotes, say).
        #[test]
        fn reads_as_the_csv_crate(texts in proptest::collection::vec(arb_text(), 1..4)) {
            for text in &texts {
                prop_assert_eq!(by_records(text), by_the_csv_crate(text));
            }
        }
    }

    /// A reader's buffers are kept for the thread's next text, not its records: a long field
    /// then a short text, and the other way round.
    #[test]
    fn a_second_text_starts_afresh() {
        let wide = format!("a,{}\n", "x".repeat(5000));
        for text in [
            wide.as_str(),
            "q,\"r\ns\"\n\nt",
            "",
            "\n",
            wide.as_str(),
            "z",
        ] {
            assert_eq!(by_records(text), by_the_csv_crate(text), "{text:?}");
        }
        assert_eq!(by_records(&wide)[0].1[1].len(), 5000);
    }
}
