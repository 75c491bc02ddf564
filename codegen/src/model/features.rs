//! Cargo features: one per top-level resource, so that a user pays only for
//! the resources they use. A feature gates its resource's module and the
//! types that only resources reach; a type several resources reach is built
//! when any of their features is on.

use std::collections::{BTreeMap, BTreeSet};

use super::parameters::StandardParameters;
use super::resources::Resource;
use super::types::{TypeDef, TypeId, Types};

/// Which features gate which types of a version.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Type → the features of the resources that reach it. Types that are
    /// always built are not listed: those that no resource reaches, those
    /// the standard parameters use, and every type either contains.
    gates: BTreeMap<TypeId, BTreeSet<String>>,
}

impl Features {
    pub(super) fn new(
        types: &Types,
        resources: &[Resource],
        standard: &StandardParameters,
    ) -> Features {
        let mut gates: BTreeMap<TypeId, BTreeSet<String>> = BTreeMap::new();
        for resource in resources {
            let mut roots = Vec::new();
            mentioned_by_resource(resource, &mut roots);
            for id in reachable(types, roots) {
                gates.entry(id).or_default().insert(resource.feature());
            }
        }
        // Always built: what the standard parameters use, the types no
        // resource reaches (schemas generated for completeness), and every
        // type those contain, whatever resources reach it too.
        let mut always = Vec::new();
        for parameter in &standard.parameters {
            parameter.ty.mentioned(&mut always);
        }
        always.extend(
            types
                .iter()
                .map(|(id, _)| id)
                .filter(|id| !gates.contains_key(id)),
        );
        for id in reachable(types, always) {
            gates.remove(&id);
        }
        Features { gates }
    }

    /// The features of which at least one must be on for `id` to be built;
    /// empty when it is always built.
    pub fn gates(&self, id: TypeId) -> impl Iterator<Item = &str> {
        self.gates
            .get(&id)
            .into_iter()
            .flatten()
            .map(String::as_str)
    }
}

impl Resource {
    /// The cargo feature of a top-level resource: its module's name.
    pub fn feature(&self) -> String {
        super::names::unescaped(&self.module).to_owned()
    }
}

/// The types a resource's methods (and those of its children) name.
fn mentioned_by_resource(resource: &Resource, out: &mut Vec<TypeId>) {
    for method in &resource.methods {
        for parameter in &method.parameters {
            parameter.ty.mentioned(out);
        }
        out.extend(method.body.as_ref().map(|body| body.ty));
        out.extend(method.response);
    }
    for child in &resource.resources {
        mentioned_by_resource(child, out);
    }
}

/// `roots` and every type they contain, at any depth.
fn reachable(types: &Types, roots: Vec<TypeId>) -> BTreeSet<TypeId> {
    let mut seen = BTreeSet::new();
    let mut stack = roots;
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        match types.get(id) {
            TypeDef::Struct(def) => {
                for field in def.fields.iter().chain(&def.additional) {
                    field.ty.mentioned(&mut stack);
                }
            }
            TypeDef::Alias(alias) | TypeDef::Newtype(alias) => alias.ty.mentioned(&mut stack),
            TypeDef::Enum(_) => {}
        }
    }
    seen
}
