//! The comparison of two models, item by item: scopes, resources, methods
//! and their parameters, the standard parameters, and every type of the
//! model, each change classified by what it does to code that uses the
//! generated crate (see the table in the README, which the evolution test
//! checks against the compiler).

use std::collections::BTreeMap;

use super::derived;
use super::items::{methods, parameter_type, resources, scope_list, shown, type_name, type_path};
use super::members::Members;
use super::{Change, Effect};
use crate::model::{reserved, Api, EnumDef, Field, Home, Method, Parameter, StructDef, TypeDef};

/// Appends the changes from `old` to `new`; returns how many descriptions changed.
pub fn compare(old: &Api, new: &Api, changes: &mut Vec<Change>) -> usize {
    let mut diff = Diff {
        old,
        new,
        changes,
        documentation: 0,
    };
    diff.scopes();
    diff.resources();
    diff.methods();
    diff.standard_parameters();
    diff.types();
    diff.documentation
}

pub(super) struct Diff<'a> {
    pub(super) old: &'a Api,
    pub(super) new: &'a Api,
    changes: &'a mut Vec<Change>,
    documentation: usize,
}

/// Keys only in `old`, only in `new`, and in both.
pub(super) fn split<'m, K: Ord + Clone, V>(
    old: &'m BTreeMap<K, V>,
    new: &'m BTreeMap<K, V>,
) -> (Vec<&'m K>, Vec<&'m K>, Vec<&'m K>) {
    let removed = old.keys().filter(|key| !new.contains_key(*key)).collect();
    let added = new.keys().filter(|key| !old.contains_key(*key)).collect();
    let both = old.keys().filter(|key| new.contains_key(*key)).collect();
    (removed, added, both)
}

impl Diff<'_> {
    pub(super) fn push(&mut self, effect: Effect, item: String, reason: String) {
        self.changes.push(Change {
            effect,
            item,
            reason,
        });
    }

    fn doc(&mut self, old: &str, new: &str) {
        if old != new {
            self.documentation += 1;
        }
    }

    /// `v1::…` for an item of the version module.
    pub(super) fn item(&self, path: &str) -> String {
        format!("{}::{path}", self.new.module)
    }

    fn scopes(&mut self) {
        let by_url = |api: &Api| -> BTreeMap<String, String> {
            api.scopes
                .iter()
                .map(|s| (s.url.clone(), s.const_name.clone()))
                .collect()
        };
        let (old, new) = (by_url(self.old), by_url(self.new));
        let (removed, added, _) = split(&old, &new);
        for url in removed {
            let item = self.item(&format!("{}::{}", reserved::SCOPES_MODULE, old[url]));
            self.push(
                Effect::Breaking,
                item,
                format!("scope {url} removed: its constant is gone"),
            );
        }
        for url in added {
            let item = self.item(&format!("{}::{}", reserved::SCOPES_MODULE, new[url]));
            self.push(Effect::Additive, item, format!("new scope {url}"));
        }
    }

    fn resources(&mut self) {
        let (old, new) = (resources(self.old), resources(self.new));
        let (removed, added, both) = split(&old, &new);
        for path in both {
            let item = self.item(&new[path].1);
            derived::resource(self, &item, old[path].0, new[path].0);
        }
        for path in removed {
            let item = self.item(&old[path].1);
            self.push(Effect::Breaking, item, format!("resource `{path}` removed"));
        }
        for path in added {
            let item = self.item(&new[path].1);
            self.push(Effect::Additive, item, format!("new resource `{path}`"));
        }
    }

    fn methods(&mut self) {
        let (old, new) = (methods(self.old), methods(self.new));
        let (removed, added, both) = split(&old, &new);
        for id in removed {
            let item = self.item(&old[id].1);
            self.push(Effect::Breaking, item, format!("method `{id}` removed"));
        }
        for id in added {
            let item = self.item(&new[id].1);
            self.push(Effect::Additive, item, format!("new method `{id}`"));
        }
        for id in both {
            let item = self.item(&new[id].1);
            self.method(&item, old[id].0, new[id].0);
        }
    }

    fn method(&mut self, item: &str, old: &Method, new: &Method) {
        self.doc(&old.doc, &new.doc);
        let behaviour = [
            (
                "HTTP method",
                old.http_method.as_str().to_owned(),
                new.http_method.as_str().to_owned(),
            ),
            ("path", old.path_template.clone(), new.path_template.clone()),
            ("scopes", scope_list(old), scope_list(new)),
        ];
        for (what, before, after) in behaviour {
            if before != after {
                let reason =
                    format!("{what} `{before}` → `{after}`: the same code sends another request");
                self.push(Effect::Behaviour, item.to_owned(), reason);
            }
        }
        let body = |api: &Api, m: &Method| m.body.as_ref().map(|b| api.types.name(b.ty).to_owned());
        let response = |api: &Api, m: &Method| m.response.map(|id| api.types.name(id).to_owned());
        let typed = [
            ("request body", body(self.old, old), body(self.new, new)),
            ("response", response(self.old, old), response(self.new, new)),
        ];
        for (what, before, after) in typed {
            if before != after {
                let reason = format!(
                    "{what} {} → {}: the types change",
                    shown(&before),
                    shown(&after)
                );
                self.push(Effect::Breaking, item.to_owned(), reason);
            }
        }
        self.parameters(item, &old.parameters, &new.parameters);
        derived::method(self, item, old, new);
    }

    fn parameters(&mut self, item: &str, old: &[Parameter], new: &[Parameter]) {
        let by_wire = |parameters: &[Parameter]| -> BTreeMap<String, Parameter> {
            parameters
                .iter()
                .map(|p| (p.wire_name.clone(), p.clone()))
                .collect()
        };
        let (old, new) = (by_wire(old), by_wire(new));
        let members = Members {
            item,
            what: "parameter",
            additive: "optional parameter",
            rust_name: |p: &Parameter| p.rust_name.clone(),
            required: |p: &Parameter| p.required,
        };
        let both = self.removed_and_added(&members, &old, &new);
        for wire in both {
            self.parameter(item, &old[wire], &new[wire]);
        }
    }

    fn parameter(&mut self, item: &str, old: &Parameter, new: &Parameter) {
        let field = format!("{item}::{}", new.rust_name);
        self.doc(&old.doc, &new.doc);
        let (old_ty, new_ty) = (parameter_type(self.old, old), parameter_type(self.new, new));
        if old_ty != new_ty {
            let reason = format!("parameter `{}` type `{old_ty}` → `{new_ty}`", new.wire_name);
            self.push(Effect::Breaking, field.clone(), reason);
        }
        if old.required != new.required {
            let now = if new.required {
                "now required"
            } else {
                "no longer required"
            };
            let reason = format!(
                "parameter `{}` {now}: constructors and accessors change",
                new.wire_name
            );
            self.push(Effect::Breaking, field.clone(), reason);
        } else if old.location != new.location {
            let reason = format!("parameter `{}` moves between path and query", new.wire_name);
            self.push(Effect::Behaviour, field.clone(), reason);
        }
        if old.pattern != new.pattern {
            let reason = format!(
                "pattern {} → {}: other values are accepted at run time",
                shown(&old.pattern),
                shown(&new.pattern)
            );
            self.push(Effect::Behaviour, field, reason);
        }
    }

    fn standard_parameters(&mut self) {
        let item = reserved::STANDARD_PARAMETERS.to_owned();
        let (old, new) = (&self.old.standard_parameters, &self.new.standard_parameters);
        self.parameters(&self.item(&item), &old.parameters, &new.parameters);
        let by_name = |api: &Api| -> BTreeMap<String, EnumDef> {
            let enums = api.standard_parameters.enums.iter();
            enums
                .filter_map(|id| api.types.as_enum(*id))
                .map(|e| (e.name.clone(), e.clone()))
                .collect()
        };
        let (old, new) = (by_name(self.old), by_name(self.new));
        self.enums(&old, &new, "");
    }

    fn types(&mut self) {
        let by_name = |api: &Api| -> BTreeMap<String, TypeDef> {
            let mut types: BTreeMap<String, TypeDef> = api
                .types
                .iter()
                .map(|(_, def)| (def.name().to_owned(), def.clone()))
                .collect();
            // Parameter enums of resource modules, by their path from the version.
            for (home, def) in api.types.elsewhere() {
                if let Home::Resource(modules) = home {
                    let path = format!("{}::{}", modules.join("::"), def.name());
                    types.insert(path, def.clone());
                }
            }
            types
        };
        let (old, new) = (by_name(self.old), by_name(self.new));
        let (removed, added, both) = split(&old, &new);
        for name in removed {
            let item = self.item(&type_path(name));
            self.push(Effect::Breaking, item, "type removed".to_owned());
        }
        for name in added {
            let item = self.item(&type_path(name));
            self.push(Effect::Additive, item, "new type".to_owned());
        }
        for name in both {
            self.type_def(&self.item(&type_path(name)), &old[name], &new[name]);
        }
    }

    fn type_def(&mut self, item: &str, old: &TypeDef, new: &TypeDef) {
        match (old, new) {
            (TypeDef::Struct(old), TypeDef::Struct(new)) => self.struct_fields(item, old, new),
            (TypeDef::Enum(old), TypeDef::Enum(new)) => self.enum_values(item, old, new),
            (TypeDef::Alias(o) | TypeDef::Newtype(o), TypeDef::Alias(n) | TypeDef::Newtype(n)) => {
                let (before, after) = (type_name(self.old, &o.ty), type_name(self.new, &n.ty));
                if before != after || std::mem::discriminant(old) != std::mem::discriminant(new) {
                    let reason = format!("type `{before}` → `{after}`");
                    self.push(Effect::Breaking, item.to_owned(), reason);
                }
            }
            _ => self.push(
                Effect::Breaking,
                item.to_owned(),
                "kind of type changed".to_owned(),
            ),
        }
    }

    fn enums(
        &mut self,
        old: &BTreeMap<String, EnumDef>,
        new: &BTreeMap<String, EnumDef>,
        prefix: &str,
    ) {
        for (name, old_def) in old {
            if let Some(new_def) = new.get(name) {
                let item = self.item(&format!("{prefix}{name}"));
                self.enum_values(&item, old_def, new_def);
            }
        }
    }

    fn struct_fields(&mut self, item: &str, old: &StructDef, new: &StructDef) {
        self.doc(&old.doc, &new.doc);
        let additional = |api: &Api, def: &StructDef| {
            def.additional
                .as_ref()
                .map(|field| type_name(api, &field.ty))
        };
        let (before, after) = (additional(self.old, old), additional(self.new, new));
        if before != after {
            let reason = format!(
                "`additionalProperties` {} → {}: the field that holds the other members changes",
                shown(&before),
                shown(&after)
            );
            self.push(Effect::Breaking, item.to_owned(), reason);
        }
        let by_json = |def: &StructDef| -> BTreeMap<String, Field> {
            def.fields
                .iter()
                .map(|f| (f.json_name.clone(), f.clone()))
                .collect()
        };
        let (old, new) = (by_json(old), by_json(new));
        let members = Members {
            item,
            what: "property",
            additive: "property",
            rust_name: |f: &Field| f.rust_name.clone(),
            required: |_: &Field| false,
        };
        let both = self.removed_and_added(&members, &old, &new);
        for json in both {
            let (old, new) = (&old[json], &new[json]);
            self.doc(&old.doc, &new.doc);
            let (before, after) = (type_name(self.old, &old.ty), type_name(self.new, &new.ty));
            if before != after {
                let field = format!("{item}::{}", new.rust_name);
                let reason = format!("property `{json}` type `{before}` → `{after}`");
                self.push(Effect::Breaking, field, reason);
            }
        }
    }

    fn enum_values(&mut self, item: &str, old: &EnumDef, new: &EnumDef) {
        self.doc(&old.doc, &new.doc);
        let values = |def: &EnumDef| -> BTreeMap<String, (String, String)> {
            def.variants
                .iter()
                .map(|v| (v.value.clone(), (v.rust_name.clone(), v.doc.clone())))
                .collect()
        };
        let (old, new) = (values(old), values(new));
        let members = Members {
            item,
            what: "enum value",
            additive: "enum value",
            rust_name: |(rust_name, _): &(String, String)| rust_name.clone(),
            required: |_: &(String, String)| false,
        };
        let both = self.removed_and_added(&members, &old, &new);
        for value in both {
            self.doc(&old[value].1, &new[value].1);
        }
    }
}
