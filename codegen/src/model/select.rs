//! Which resources of a document to generate: a selection (every resource,
//! or dotted paths) → the tree of resources picked.

use std::collections::BTreeMap;

use super::{reserved, Context, Selection};
use crate::error::Error;
use crate::parse::{RestDescription, RestResource};

/// A resource picked for generation: its path in the document and which of
/// its children are picked too.
pub struct Picked<'a> {
    pub name: String,
    pub resource: &'a RestResource,
    /// False for the ancestors of a selected resource: they are modules only.
    pub with_methods: bool,
    pub children: Vec<Picked<'a>>,
    /// The methods at the top level of the document, as a resource.
    pub root: bool,
}

/// Whether `document` has the resource at the dotted path `dotted`.
pub fn has_resource(document: &RestDescription, dotted: &str) -> bool {
    let mut resources = &document.resources;
    for part in dotted.split('.') {
        match resources.get(part) {
            Some(resource) => resources = &resource.resources,
            None => return false,
        }
    }
    true
}

/// Finds the selected resources; an unknown path is an error listing the
/// resources that exist.
///
/// With every resource selected, `root` (the document's top-level methods)
/// is picked too, as the resource `root`.
pub fn select_resources<'a>(
    context: &Context<'a>,
    selection: &Selection,
    root: &'a RestResource,
) -> Result<Vec<Picked<'a>>, Error> {
    match selection {
        Selection::All => {
            let mut picked = pick_all(&context.document.resources);
            if !root.methods.is_empty() {
                picked.insert(
                    0,
                    Picked {
                        name: reserved::ROOT_RESOURCE.to_owned(),
                        resource: root,
                        with_methods: true,
                        children: Vec::new(),
                        root: true,
                    },
                );
            }
            Ok(picked)
        }
        Selection::Resources(paths) => {
            let mut picked = Vec::new();
            for dotted in paths {
                let parts: Vec<&str> = dotted.split('.').collect();
                insert_path(
                    context,
                    &mut picked,
                    &context.document.resources,
                    &parts,
                    dotted,
                )?;
            }
            Ok(picked)
        }
    }
}

fn pick_all(resources: &BTreeMap<String, RestResource>) -> Vec<Picked<'_>> {
    resources
        .iter()
        .map(|(name, resource)| Picked {
            name: name.clone(),
            resource,
            with_methods: true,
            children: pick_all(&resource.resources),
            root: false,
        })
        .collect()
}

fn insert_path<'a>(
    context: &Context<'a>,
    picked: &mut Vec<Picked<'a>>,
    resources: &'a BTreeMap<String, RestResource>,
    parts: &[&str],
    dotted: &str,
) -> Result<(), Error> {
    let Some((first, rest)) = parts.split_first() else {
        return Ok(());
    };
    let resource = resources.get(*first).ok_or_else(|| {
        let mut known = Vec::new();
        list_resources(&context.document.resources, "", &mut known);
        context.error(
            "resources",
            format!(
                "no resource {dotted:?} in the document; it has: {}",
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            ),
        )
    })?;
    let index = match picked.iter().position(|p| p.name == *first) {
        Some(index) => index,
        None => {
            picked.push(Picked {
                name: (*first).to_owned(),
                resource,
                with_methods: false,
                children: Vec::new(),
                root: false,
            });
            picked.len() - 1
        }
    };
    if rest.is_empty() {
        picked[index].with_methods = true;
        picked[index].children = pick_all(&resource.resources);
        return Ok(());
    }
    insert_path(
        context,
        &mut picked[index].children,
        &resource.resources,
        rest,
        dotted,
    )
}

fn list_resources(resources: &BTreeMap<String, RestResource>, prefix: &str, out: &mut Vec<String>) {
    for (name, resource) in resources {
        let path = format!("{prefix}{name}");
        out.push(path.clone());
        list_resources(&resource.resources, &format!("{path}."), out);
    }
}
