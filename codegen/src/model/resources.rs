//! The picked resources → modules of request types, named so that sibling
//! modules, accessors and types never clash.

use std::collections::BTreeMap;

use super::long_running::{self, OperationType, Operations};
use super::methods::{build_method, Method, MethodSite};
use super::names::{self, Namespace};
use super::select::Picked;
use super::type_space::TypeSpace;
use super::types::{Home, TypeId, Types};
use super::{reserved, Context};
use crate::error::{json_key, Error};

/// A resource: a module with one request type per method.
#[derive(Debug, Clone)]
pub struct Resource {
    pub module: String,
    /// The dotted path, e.g. `projects.operations`.
    pub path: String,
    /// The module's doc, e.g. "The `projects.operations` resource."
    pub doc: String,
    /// The accessor struct through which a stub calls the resource's
    /// methods, e.g. `ProjectsOperations`.
    pub accessor_type: String,
    /// The trait of the resource's methods, which the HTTP client and mocks
    /// implement, e.g. `ProjectsOperationsStub`.
    pub stub_trait: String,
    pub methods: Vec<Method>,
    /// A method is deprecated: the module's own code, which uses it, allows
    /// that; only users are warned.
    pub uses_deprecated: bool,
    /// The polling helpers, if the resource serves long-running operations
    /// (known once the types are finished).
    pub operations: Option<Operations>,
    /// Enums of method parameters, declared beside the request types.
    pub types: Vec<TypeId>,
    pub resources: Vec<Resource>,
}

/// Each resource of `resources` and their children, depth first, with how
/// the version's `Client` reaches it: `.projects().operations()`.
pub fn client_chains(resources: &[Resource]) -> Vec<(&Resource, String)> {
    fn walk<'a>(resources: &'a [Resource], chain: &str, out: &mut Vec<(&'a Resource, String)>) {
        for resource in resources {
            let chain = format!("{chain}.{}()", resource.module);
            out.push((resource, chain.clone()));
            walk(&resource.resources, &chain, out);
        }
    }
    let mut out = Vec::new();
    walk(resources, "", &mut out);
    out
}

/// Sets what depends on the finished types, in `resources` and their
/// children.
pub fn finish_resources(
    resources: &mut [Resource],
    types: &Types,
    operation_types: &[OperationType],
) {
    for resource in resources {
        let name = resource.path.rsplit('.').next().unwrap_or_default();
        for method in &mut resource.methods {
            method.finish(name, types);
        }
        resource.operations = long_running::operations(&resource.methods, types, operation_types);
        finish_resources(&mut resource.resources, types, operation_types);
    }
}

/// Builds the picked resources and their methods, in document order.
pub fn build_resources<'a>(
    context: &Context<'a>,
    types: &mut TypeSpace<'a>,
    picked: &[Picked<'_>],
) -> Result<Vec<Resource>, Error> {
    let mut builder = Builder {
        context,
        types,
        seen_ids: BTreeMap::new(),
        // An accessor named `New` would have a constructor of its own name.
        type_names: Namespace::with_reserved(&[
            reserved::STUB_TYPE_PARAMETER,
            &names::camel(reserved::ACCESSOR_NEW),
        ]),
    };
    let mut modules = Namespace::with_reserved(
        &[
            reserved::TOP_LEVEL_RESOURCE_RESERVED,
            reserved::TRAIT_METHODS,
        ]
        .concat(),
    );
    picked
        .iter()
        .map(|p| builder.resource(p, &Parent::version(), &mut modules))
        .collect()
}

/// Where a resource is declared: under the version, or under a resource.
struct Parent<'p> {
    /// The dotted path and a dot, e.g. `projects.`; empty for the version.
    path: &'p str,
    /// Where its child resources are in the document.
    json_path: String,
    /// The modules from the version's down.
    modules: &'p [String],
}

impl Parent<'_> {
    fn version() -> Parent<'static> {
        Parent {
            path: "",
            json_path: "resources".to_owned(),
            modules: &[],
        }
    }
}

/// The resource whose methods are being built.
struct ResourceSite<'n> {
    /// The dotted path, e.g. `projects.operations`.
    path: &'n str,
    json_path: &'n str,
    /// The resource's module, where its parameter enums are declared.
    home: &'n Home,
    /// Methods and child resources, which share the accessor's members.
    accessors: &'n mut Namespace,
}

struct Builder<'c, 't, 'a> {
    context: &'c Context<'a>,
    types: &'t mut TypeSpace<'a>,
    /// Method id → where it was declared: ids must be unique.
    seen_ids: BTreeMap<String, String>,
    /// The types of every resource module, named after their resource's
    /// path: unique in the version, so that none clash when imported side
    /// by side.
    type_names: Namespace,
}

impl Builder<'_, '_, '_> {
    /// `siblings` names the module among its siblings, which share it with
    /// the accessors of the parent.
    fn resource(
        &mut self,
        picked: &Picked<'_>,
        parent: &Parent<'_>,
        siblings: &mut Namespace,
    ) -> Result<Resource, Error> {
        let (path, json_path) = if picked.root {
            (reserved::ROOT_RESOURCE.to_owned(), String::new())
        } else {
            (
                format!("{}{}", parent.path, picked.name),
                format!("{}.{}", parent.json_path, json_key(&picked.name)),
            )
        };
        let module = siblings.claim(names::snake(&picked.name));
        let modules = [parent.modules, std::slice::from_ref(&module)].concat();
        let home = Home::Resource(modules.clone());
        let accessor_type = names::claim_type(&mut self.type_names, names::camel(&path));
        let stub_trait = names::claim_type(
            &mut self.type_names,
            names::camel(&format!("{path} {}", reserved::STUB_SUFFIX)),
        );
        // Methods and child resources share the accessor's namespace.
        let mut accessors = Namespace::with_reserved(
            &[reserved::ACCESSOR_MEMBERS, reserved::TRAIT_METHODS].concat(),
        );
        let mut local_types = Vec::new();
        let methods = if picked.with_methods {
            let mut site = ResourceSite {
                path: &path,
                json_path: &json_path,
                home: &home,
                accessors: &mut accessors,
            };
            self.methods(picked, &mut site, &mut local_types)?
        } else {
            Vec::new()
        };
        let children = Parent {
            path: &format!("{path}."),
            json_path: format!("{json_path}.resources"),
            modules: &modules,
        };
        let resources = picked
            .children
            .iter()
            .map(|child| self.resource(child, &children, &mut accessors))
            .collect::<Result<_, _>>()?;
        Ok(Resource {
            module,
            uses_deprecated: methods.iter().any(|method| method.deprecated),
            operations: None,
            doc: if picked.root {
                "The methods declared at the top level of the document.".to_owned()
            } else {
                format!("The `{path}` resource.")
            },
            path,
            accessor_type,
            stub_trait,
            methods,
            types: local_types,
            resources,
        })
    }

    /// The methods of `picked`, in document order; their parameter enums
    /// go to `local_types`.
    fn methods(
        &mut self,
        picked: &Picked<'_>,
        resource: &mut ResourceSite<'_>,
        local_types: &mut Vec<TypeId>,
    ) -> Result<Vec<Method>, Error> {
        let mut methods = Vec::new();
        for (name, method) in &picked.resource.methods {
            let method_path = match resource.json_path {
                "" => format!("methods.{}", json_key(name)),
                parent => format!("{parent}.methods.{}", json_key(name)),
            };
            self.check_unique_id(&method.id, &method_path)?;
            let site = MethodSite {
                json_path: &method_path,
                resource_path: resource.path,
                type_names: &mut self.type_names,
                home: resource.home,
                local_types,
                accessor: resource.accessors.claim(names::snake(name)),
            };
            methods.push(build_method(self.context, self.types, name, method, site)?);
        }
        Ok(methods)
    }

    fn check_unique_id(&mut self, id: &str, json_path: &str) -> Result<(), Error> {
        match self.seen_ids.insert(id.to_owned(), json_path.to_owned()) {
            Some(previous) => Err(self.context.error(
                format!("{json_path}.id"),
                format!("method id {id:?} is also used at {previous}"),
            )),
            None => Ok(()),
        }
    }
}
