//! The comparison of two models.

use super::Change;
use crate::model::Api;

/// Appends the changes from `old` to `new`; returns how many descriptions changed.
pub fn compare(_old: &Api, _new: &Api, _changes: &mut Vec<Change>) -> usize {
    0
}
