//! A reproducible random sample, without a dependency: SplitMix64 drives a
//! partial Fisher–Yates shuffle.

use std::path::PathBuf;

/// `n` of `items` (all, if there are fewer), chosen by `seed`, in file order.
pub(super) fn choose(items: &[PathBuf], n: usize, seed: u64) -> Vec<PathBuf> {
    let mut items = items.to_vec();
    let mut state = seed;
    let n = n.min(items.len());
    for i in 0..n {
        let remaining = (items.len() - i) as u64;
        let j = i + (next(&mut state) % remaining) as usize;
        items.swap(i, j);
    }
    items.truncate(n);
    items.sort();
    items
}

fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(n: usize) -> Vec<PathBuf> {
        (0..n)
            .map(|i| PathBuf::from(format!("{i:03}.json")))
            .collect()
    }

    #[test]
    fn a_sample_is_distinct_sorted_and_the_same_for_a_seed() {
        let all = paths(100);
        let sample = choose(&all, 30, 7);
        assert_eq!(sample.len(), 30);
        assert!(sample.windows(2).all(|pair| pair[0] < pair[1]));
        assert_eq!(sample, choose(&all, 30, 7));
        assert_ne!(sample, choose(&all, 30, 8));
        assert_eq!(choose(&all, 500, 7), all);
    }
}
