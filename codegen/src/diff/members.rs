//! Members of an item (parameters, properties, enum values) that one
//! revision has and the other lacks, or names differently in Rust.

use std::collections::BTreeMap;

use super::compare::{split, Diff};
use super::Effect;

/// Members of an item (parameters, properties, enum values) keyed by their
/// wire name, and how to name them in Rust.
pub(super) struct Members<'i, N, R> {
    pub item: &'i str,
    pub what: &'static str,
    /// What a member that does not break is called when it is new.
    pub additive: &'static str,
    pub rust_name: N,
    /// Whether a new member breaks code: a required parameter does.
    pub required: R,
}

impl Diff<'_> {
    /// Pushes a breaking change per member only in `old` and an additive one
    /// (or a breaking one, when required) per member only in `new`; returns
    /// the keys of the members in both.
    pub(super) fn removed_and_added<'m, V, N, R>(
        &mut self,
        members: &Members<'_, N, R>,
        old: &'m BTreeMap<String, V>,
        new: &'m BTreeMap<String, V>,
    ) -> Vec<&'m String>
    where
        N: Fn(&V) -> String,
        R: Fn(&V) -> bool,
    {
        let Members {
            item,
            what,
            additive,
            rust_name,
            required,
        } = members;
        let (removed, added, both) = split(old, new);
        for key in removed {
            let member = format!("{item}::{}", rust_name(&old[key]));
            self.push(Effect::Breaking, member, format!("{what} `{key}` removed"));
        }
        for key in added {
            let member = format!("{item}::{}", rust_name(&new[key]));
            if required(&new[key]) {
                let reason = format!(
                    "new required {what} `{key}`: constructors and accessors take one more argument"
                );
                self.push(Effect::Breaking, member, reason);
            } else {
                self.push(Effect::Additive, member, format!("new {additive} `{key}`"));
            }
        }
        for key in &both {
            let (before, after) = (rust_name(&old[*key]), rust_name(&new[*key]));
            if before != after {
                let member = format!("{item}::{after}");
                let reason = format!("{what} `{key}` is now `{after}`, not `{before}`");
                self.push(Effect::Breaking, member, reason);
            }
        }
        both
    }
}
