//! What changed between two revisions of a discovery document, computed on
//! the generator's model, and what each change does to the generated Rust
//! API: breaking, additive, behaviour only, or documentation only.

mod compare;
mod derived;
mod items;
mod members;
mod report;

pub use report::{Counts, Format};

use crate::error::Error;
use crate::generate::Input;
use crate::model::{self, Selection};
use crate::parse;

/// What a change does to code that uses the generated crate. Changes of
/// descriptions only are counted in [`Report::documentation`], not listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Effect {
    /// Code written against the old crate may no longer compile.
    Breaking,
    /// New items; code written against the old crate still compiles.
    Additive,
    /// The API compiles the same but behaves differently at run time (a
    /// pattern, a path, an HTTP method, scopes).
    Behaviour,
}

/// One change and the Rust item it affects.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    pub effect: Effect,
    /// The Rust item, e.g. `v1::model::Operation::done`.
    pub item: String,
    /// One line: what changed and why it has this effect.
    pub reason: String,
}

/// The changes between two documents: every change but documentation ones
/// listed, documentation ones counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub old: String,
    pub new: String,
    /// Sorted by effect, then item.
    pub changes: Vec<Change>,
    /// Descriptions that changed, counted rather than listed.
    pub documentation: usize,
}

impl Report {
    /// Whether any change breaks code written against the old crate.
    pub fn is_breaking(&self) -> bool {
        self.changes
            .iter()
            .any(|change| change.effect == Effect::Breaking)
    }
}

/// Compares two revisions of a document, both generated with every resource.
pub fn diff_documents(old: &Input, new: &Input) -> Result<Report, Error> {
    diff_selected(old, new, &Selection::All)
}

/// Compares two revisions of a document, both generated with `selection`.
pub fn diff_selected(old: &Input, new: &Input, selection: &Selection) -> Result<Report, Error> {
    diff_between(old, selection, new, selection)
}

/// Compares two crates of a document: `old` generated with
/// `old_selection`, `new` with `new_selection`.
pub fn diff_between(
    old: &Input,
    old_selection: &Selection,
    new: &Input,
    new_selection: &Selection,
) -> Result<Report, Error> {
    let build = |input: &Input, selection: &Selection| -> Result<model::Api, Error> {
        let document = parse::parse(&input.file, &input.text)?;
        let module = model::names::snake(&document.version);
        model::build(&input.file, &document, &module, selection)
    };
    let (old_api, new_api) = (build(old, old_selection)?, build(new, new_selection)?);
    let mut changes = Vec::new();
    let documentation = compare::compare(&old_api, &new_api, &mut changes);
    changes.sort();
    changes.dedup();
    Ok(Report {
        old: old.file.clone(),
        new: new.file.clone(),
        changes,
        documentation,
    })
}
