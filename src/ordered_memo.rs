//! What one reading found, kept by key for the next reading to recall (the keystroke path,
//! issue 13), as a vector in key order rather than a hash map.
//!
//! A reading asks for its keys in document order, so consecutive lookups land next to each
//! other: a cursor that moves forward walks the vector once, in memory order, where a hash map
//! of tens of thousands of entries missed the cache on nearly every lookup (the costliest step
//! of a keystroke on a long note). A lookup behind the cursor, or far ahead, is a binary
//! search: the order only decides the speed, never the answer.

use std::cell::Cell;

/// `sorted.partition_point(below)`, searched from `hint` (set to the answer): a few steps when
/// successive searches move forward through the slice, as a reading's do, and a binary search
/// when one goes back. Long notes' binary searches were a chain of cache misses each.
pub fn partition_point_from<T>(
    sorted: &[T],
    hint: &Cell<usize>,
    below: impl Fn(&T) -> bool,
) -> usize {
    let found = partition_point_near(sorted, hint.get(), below);
    hint.set(found);
    found
}

/// `sorted.partition_point(below)`, searched from `near` (see [`partition_point_from`]).
pub fn partition_point_near<T>(sorted: &[T], near: usize, below: impl Fn(&T) -> bool) -> usize {
    let is_below = |i: usize| sorted.get(i).is_some_and(&below);
    let at = near.min(sorted.len());
    if at > 0 && !is_below(at - 1) {
        sorted.partition_point(&below)
    } else {
        // Every element before `low` is below; gallop forward, then search the last step.
        let mut step = 1usize;
        let mut low = at;
        while is_below(low.saturating_add(step - 1)) {
            low = low.saturating_add(step);
            step = step.saturating_mul(2);
        }
        let high = low.saturating_add(step).min(sorted.len());
        low + sorted
            .get(low..high)
            .map_or(0, |window| window.partition_point(&below))
    }
}

/// Values by key, several per key allowed; a value recalled can be taken out.
#[derive(Debug)]
pub struct OrderedMemo<K, V> {
    /// Values taken are `None`.
    entries: Vec<(K, Option<V>)>,
    /// Whether `entries` are in key order; a lookup sorts them first when not.
    sorted: bool,
    /// Where the last lookup ended: the next one starts there.
    cursor: usize,
}

impl<K, V> Default for OrderedMemo<K, V> {
    fn default() -> Self {
        OrderedMemo {
            entries: Vec::new(),
            sorted: true,
            cursor: 0,
        }
    }
}

impl<K: Ord + Copy, V> OrderedMemo<K, V> {
    pub fn with_capacity(capacity: usize) -> Self {
        OrderedMemo {
            entries: Vec::with_capacity(capacity),
            ..OrderedMemo::default()
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Adds a value (after those already under its key).
    pub fn push(&mut self, key: K, value: V) {
        if self.entries.last().is_some_and(|last| key < last.0) {
            self.sorted = false;
        }
        self.entries.push((key, Some(value)));
    }

    /// The value pushed last, with its key, unless it was taken.
    pub fn last_mut(&mut self) -> Option<(K, &mut V)> {
        let (key, value) = self.entries.last_mut()?;
        Some((*key, value.as_mut()?))
    }

    /// The first value under `key` that `accept` accepts (values taken are skipped).
    pub fn find(&mut self, key: K, accept: impl FnMut(&V) -> bool) -> Option<&mut V> {
        self.entry(key, accept)?.as_mut()
    }

    /// [`OrderedMemo::find`], taking the value out.
    pub fn take(&mut self, key: K, accept: impl FnMut(&V) -> bool) -> Option<V> {
        self.entry(key, accept)?.take()
    }

    /// The slot of the first value under `key` that `accept` accepts.
    fn entry(&mut self, key: K, mut accept: impl FnMut(&V) -> bool) -> Option<&mut Option<V>> {
        if !self.sorted {
            // Stable: values under one key keep the order they were pushed in.
            self.entries.sort_by_key(|e| e.0);
            self.sorted = true;
            self.cursor = 0;
        }
        let first = partition_point_near(&self.entries, self.cursor, |e| e.0 < key);
        self.cursor = first;
        let slot = self
            .entries
            .get_mut(first..)?
            .iter_mut()
            .take_while(|e| e.0 == key)
            .find(|e| e.1.as_ref().is_some_and(&mut accept))?;
        Some(&mut slot.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memo(keys: &[u32]) -> OrderedMemo<u32, u32> {
        let mut memo = OrderedMemo::default();
        for (i, k) in keys.iter().enumerate() {
            memo.push(*k, i as u32);
        }
        memo
    }

    #[test]
    fn finds_every_key_in_any_order() {
        let keys: Vec<u32> = (0..300).map(|i| (i * 7919) % 1000).collect();
        let mut m = memo(&keys);
        let mut lookups: Vec<u32> = (0..1000).collect();
        lookups.extend((0..1000).rev());
        lookups.extend((0..1000).map(|i| (i * 389) % 1000));
        for k in lookups {
            let expected = keys.iter().position(|x| *x == k).map(|i| i as u32);
            assert_eq!(m.find(k, |_| true).copied(), expected, "key {k}");
        }
    }

    #[test]
    fn searches_from_a_hint_agree_with_a_binary_search() {
        let sorted: Vec<usize> = (0..500).map(|i| i * 3 + i % 3).collect();
        let hint = Cell::new(0);
        let probes = (0..1600)
            .chain((0..1600).rev())
            .chain((0..1600).map(|i| i * 97 % 1600));
        for x in probes {
            let expected = sorted.partition_point(|s| *s <= x);
            assert_eq!(partition_point_from(&sorted, &hint, |s| *s <= x), expected);
        }
        assert_eq!(partition_point_from(&[] as &[usize], &hint, |s| *s <= 3), 0);
    }

    #[test]
    fn pushed_out_of_order_then_found() {
        let mut m = memo(&[4, 2]);
        assert_eq!(m.find(4, |_| true).copied(), Some(0));
        m.push(1, 2);
        m.push(4, 3);
        assert_eq!(m.take(4, |_| true), Some(0));
        assert_eq!(m.take(4, |_| true), Some(3));
        assert_eq!(m.find(1, |_| true).copied(), Some(2));
        assert_eq!(m.len(), 4);
    }

    #[test]
    fn several_values_per_key_and_taking() {
        let mut m = memo(&[5, 3, 5, 9, 5]);
        assert_eq!(m.find(5, |v| *v > 0).copied(), Some(2));
        assert_eq!(m.take(5, |v| *v == 2), Some(2));
        assert_eq!(m.take(5, |v| *v == 2), None);
        assert_eq!(m.find(5, |_| true).copied(), Some(0));
        assert_eq!(m.take(5, |_| true), Some(0));
        assert_eq!(m.take(5, |_| true), Some(4));
        assert_eq!(m.take(5, |_| true), None);
        assert_eq!(m.find(3, |_| true).copied(), Some(1));
        assert_eq!(m.find(4, |_| true), None);
        assert_eq!(m.find(10, |_| true), None);
        assert_eq!(memo(&[]).find(1, |_| true), None);
    }
}
