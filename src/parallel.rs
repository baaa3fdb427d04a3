//! Work on a long note shared among the machine's cores: a note opened or checked from the
//! command line is read whole, and on a long one the reading of each section, each heading's
//! prose and each experience's rules is independent of the others.

/// Below this many bytes a text is read on one thread: a thread's start costs about what
/// reading 10 KB does, and a short note is read in a millisecond.
pub(crate) const READ_APART: usize = 256 * 1024;

/// How many threads a long text's reading is shared among.
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// `f` of each of `0..count`, in order: on this thread when `text_len` is below
/// [`READ_APART`], else in contiguous runs of about equal `weight` on up to [`cores`] threads.
/// A panic in any run is the caller's, as it would have been on one thread.
pub(crate) fn map<T: Send>(
    text_len: usize,
    count: usize,
    weight: impl Fn(usize) -> usize,
    f: impl Fn(usize) -> T + Sync,
) -> Vec<T> {
    let threads = if text_len < READ_APART {
        1
    } else {
        cores().min(text_len / (READ_APART / 2)).min(count)
    };
    if threads <= 1 {
        return (0..count).map(f).collect();
    }
    let bounds = runs(count, threads, weight);
    let f = &f;
    let mut out: Vec<T> = Vec::with_capacity(count);
    std::thread::scope(|scope| {
        let later: Vec<_> = bounds
            .windows(2)
            .skip(1)
            .map(|w| {
                let (start, end) = (w[0], w[1]);
                scope.spawn(move || (start..end).map(f).collect::<Vec<T>>())
            })
            .collect();
        let first_end = bounds.get(1).copied().unwrap_or(count);
        out.extend((0..first_end).map(f));
        for run in later {
            match run.join() {
                Ok(values) => out.extend(values),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    out
}

/// The bounds of `threads` contiguous runs of `0..count` of about equal total `weight`:
/// `[0, …, count]`.
fn runs(count: usize, threads: usize, weight: impl Fn(usize) -> usize) -> Vec<usize> {
    let weights: Vec<usize> = (0..count).map(|i| weight(i).max(1)).collect();
    let total: usize = weights.iter().sum();
    let mut bounds = vec![0];
    let mut sum = 0;
    for (i, w) in weights.iter().enumerate() {
        sum += w;
        let next_share = total / threads * bounds.len();
        if sum >= next_share && bounds.len() < threads && i + 1 < count {
            bounds.push(i + 1);
        }
    }
    bounds.push(count);
    bounds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_share_the_weight_and_cover_every_index_once() {
        assert_eq!(runs(4, 2, |_| 1), [0, 2, 4]);
        // One heavy index at the start: the first run holds it alone.
        assert_eq!(runs(5, 2, |i| if i == 0 { 100 } else { 1 }), [0, 1, 5]);
        assert_eq!(runs(1, 4, |_| 1), [0, 1]);
        assert_eq!(runs(0, 2, |_| 1), [0, 0]);
    }

    #[test]
    fn a_long_texts_map_is_the_same_as_on_one_thread() {
        let on_threads = map(READ_APART * 4, 1000, |i| i % 7, |i| i * 3);
        let here = map(10, 1000, |i| i % 7, |i| i * 3);
        assert_eq!(on_threads, here);
        assert_eq!(here, (0..1000).map(|i| i * 3).collect::<Vec<_>>());
    }
}
