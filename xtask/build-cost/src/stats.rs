//! The median, range and ratio of measurements.

/// The median and the range of some measurements.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

/// `None` for no values.
pub fn spread(values: &[f64]) -> Option<Spread> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let median = match n {
        0 => return None,
        _ if !n.is_multiple_of(2) => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    };
    Some(Spread {
        median,
        min: sorted[0],
        max: sorted[n - 1],
    })
}

/// `ours / peer`, `None` when either is missing or the peer is zero.
pub fn ratio(ours: Option<f64>, peer: Option<f64>) -> Option<f64> {
    match (ours, peer) {
        (Some(ours), Some(peer)) if peer > 0.0 => Some(ours / peer),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_is_median_min_and_max() {
        assert_eq!(spread(&[]), None);
        assert_eq!(
            spread(&[2.0]),
            Some(Spread {
                median: 2.0,
                min: 2.0,
                max: 2.0
            })
        );
        assert_eq!(
            spread(&[3.0, 1.0, 2.0]),
            Some(Spread {
                median: 2.0,
                min: 1.0,
                max: 3.0
            })
        );
        assert_eq!(
            spread(&[4.0, 1.0, 3.0, 10.0]),
            Some(Spread {
                median: 3.5,
                min: 1.0,
                max: 10.0
            })
        );
    }

    #[test]
    fn ratio_is_ours_over_peer() {
        assert_eq!(ratio(Some(3.0), Some(6.0)), Some(0.5));
        assert_eq!(ratio(Some(3.0), Some(0.0)), None);
        assert_eq!(ratio(None, Some(6.0)), None);
        assert_eq!(ratio(Some(3.0), None), None);
    }
}
