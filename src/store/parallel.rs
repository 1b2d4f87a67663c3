//! File work spread over two threads: the copy of an export of 35 000 Graph reports is bound by
//! the kernel's work per file (creating it, its pages), which a second core halves.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The block a thread reads a file through (one per thread, reused for every file).
pub const BLOCK: usize = 1 << 20;

/// `work(i, block)` for every `i` in `0..count`, on two threads (one when there is little to
/// do), each with a block of [`BLOCK`] bytes of its own. The results in the order of `i`; on
/// an error, the first one in that order among those reached (the others stop taking work).
pub fn map<T: Send>(
    count: usize,
    work: impl Fn(usize, &mut Vec<u8>) -> anyhow::Result<T> + Sync,
) -> anyhow::Result<Vec<T>> {
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let run = || {
        let mut block = Vec::new();
        let mut done = Vec::new();
        while !failed.load(Ordering::Relaxed) {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= count {
                break;
            }
            let result = work(i, &mut block);
            failed.fetch_or(result.is_err(), Ordering::Relaxed);
            done.push((i, result));
        }
        done
    };
    let mut done = if count < 2 {
        run()
    } else {
        std::thread::scope(|scope| {
            let other = scope.spawn(run);
            let mut mine = run();
            mine.extend(other.join().expect("file work does not panic"));
            mine
        })
    };
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_in_order_and_the_first_error_wins() {
        for count in [0, 1, 2, 3, 100, 1001] {
            let got = super::map(count, |i, _| Ok(i * 3)).unwrap();
            assert_eq!(got, (0..count).map(|i| i * 3).collect::<Vec<_>>());
        }
        let failing = super::map(500, |i, _| {
            anyhow::ensure!(i != 17 && i != 400, "file {i}");
            Ok(i)
        });
        // 17 is always reached before 400 fails or after it: whichever fails first, 17 is the
        // first error in order unless work stopped before 17 was taken, which cannot happen
        // as 400 is taken after 17.
        assert_eq!(failing.unwrap_err().to_string(), "file 17");
    }
}
