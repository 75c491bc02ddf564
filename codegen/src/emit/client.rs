//! The client layer of each resource: its `Stub` trait (implemented by the
//! HTTP client, or by a mock), an accessor struct with one method per API
//! method, pagination, and polling of long-running operations.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use super::methods::{argument_type, response_type};
use super::types::{named, rust_type};
use crate::model::{Api, Method, Resource};

/// The items of a resource module that call its methods.
pub fn resource_client(api: &Api, resource: &Resource) -> TokenStream {
    let accessor = ident(&resource.accessor_type);
    let doc = format!(
        "Calls the methods of `{}` through a stub `S`: the HTTP client or a mock.",
        resource.path
    );
    let children = resource.resources.iter().map(|child| {
        let module = ident(&child.module);
        let child_accessor = ident(&child.accessor_type);
        let doc = &child.doc;
        quote! {
            #[doc = #doc]
            pub fn #module(&self) -> #module::#child_accessor<'a, S> {
                #module::#child_accessor::new(self.stub)
            }
        }
    });
    let stub = (!resource.methods.is_empty()).then(|| stub_items(api, resource));
    quote! {
        #[doc = #doc]
        #[derive(Debug)]
        pub struct #accessor<'a, S: ?::std::marker::Sized> {
            stub: &'a S,
        }

        impl<S: ?::std::marker::Sized> ::std::clone::Clone for #accessor<'_, S> {
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<S: ?::std::marker::Sized> ::std::marker::Copy for #accessor<'_, S> {}

        impl<'a, S: ?::std::marker::Sized> #accessor<'a, S> {
            /// Calls through `stub`.
            pub fn new(stub: &'a S) -> Self {
                Self { stub }
            }

            #(#children)*
        }

        #stub
    }
}

/// The `Stub` trait, its HTTP implementation, dispatch, accessors,
/// pagination and operation helpers of a resource with methods.
fn stub_items(api: &Api, resource: &Resource) -> TokenStream {
    let accessor = ident(&resource.accessor_type);
    let trait_doc = format!(
        "The methods of `{}`. The HTTP client implements it; implement it to \
         mock the service. Methods not implemented return `Error::Unimplemented`.",
        resource.path
    );
    let signatures = resource.methods.iter().map(|method| {
        let name = ident(&method.accessor);
        let request = ident(&method.type_name);
        let response = response_type(api, method);
        let id = &method.id;
        let doc = format!("Sends `{id}`.");
        quote! {
            #[doc = #doc]
            fn #name(&self, request: #request) -> impl ::std::future::Future<
                Output = ::std::result::Result<#response, crate::runtime::Error>,
            > + ::std::marker::Send {
                let _ = request;
                async { ::std::result::Result::Err(crate::runtime::Error::Unimplemented(#id)) }
            }
        }
    });
    let http_methods = resource.methods.iter().map(|method| {
        let name = ident(&method.accessor);
        let request = ident(&method.type_name);
        let response = response_type(api, method);
        quote! {
            async fn #name(
                &self,
                request: #request,
            ) -> ::std::result::Result<#response, crate::runtime::Error> {
                self.execute(&request).await
            }
        }
    });
    let dispatches = resource.methods.iter().map(|method| {
        let name = ident(&method.accessor);
        let request = ident(&method.type_name);
        let response = response_type(api, method);
        quote! {
            impl<S: Stub + ?::std::marker::Sized> crate::runtime::Dispatch<S> for #request {
                fn dispatch(self, stub: &S) -> impl ::std::future::Future<
                    Output = ::std::result::Result<#response, crate::runtime::Error>,
                > + ::std::marker::Send {
                    stub.#name(self)
                }
            }
        }
    });
    let calls = resource
        .methods
        .iter()
        .map(|method| call_method(api, method));
    let paginated = resource
        .methods
        .iter()
        .filter_map(|method| paginated(api, method));
    let operations = resource
        .operations
        .as_ref()
        .map(|operations| operation_helpers(api, resource, operations));
    quote! {
        #[doc = #trait_doc]
        pub trait Stub: ::std::marker::Send + ::std::marker::Sync {
            #(#signatures)*
        }

        #[cfg(feature = "client")]
        impl Stub for crate::runtime::HttpClient {
            #(#http_methods)*
        }

        #(#dispatches)*
        #(#paginated)*

        impl<'a, S: Stub + ?::std::marker::Sized> #accessor<'a, S> {
            #(#calls)*
        }

        #operations
    }
}

/// The accessor method: the required parameters (and the body, unless it is
/// empty) as arguments, the rest settable on the returned call.
fn call_method(api: &Api, method: &Method) -> TokenStream {
    let name = ident(&method.accessor);
    let request = ident(&method.type_name);
    let required: Vec<_> = method.parameters.iter().filter(|p| p.required).collect();
    let arguments = required.iter().map(|parameter| {
        let field = ident(&parameter.rust_name);
        let ty = argument_type(api, parameter);
        quote! { #field: #ty, }
    });
    let values = required.iter().map(|parameter| {
        let field = ident(&parameter.rust_name);
        quote! { #field, }
    });
    let (body_argument, body_value) = match &method.body {
        Some(_) if method.body_is_empty => {
            (None, Some(quote! { ::std::default::Default::default() }))
        }
        Some((field, ty)) => {
            let field = ident(field);
            let ty = named(api, ty);
            (Some(quote! { #field: #ty }), Some(quote! { #field }))
        }
        None => (None, None),
    };
    let doc = format!("`{}`: {}", method.id, method.summary);
    quote! {
        #[doc = #doc]
        pub fn #name(&self, #(#arguments)* #body_argument) -> crate::runtime::Call<'a, S, #request> {
            crate::runtime::Call::new(self.stub, #request::new(#(#values)* #body_value))
        }
    }
}

fn paginated(api: &Api, method: &Method) -> Option<TokenStream> {
    let pagination = method.pagination.as_ref()?;
    let request = ident(&method.type_name);
    let item = rust_type(api, &pagination.item_type);
    let page_token = ident(&pagination.page_token);
    let next_page_token = ident(&pagination.next_page_token);
    let items = ident(&pagination.items);
    Some(quote! {
        impl crate::runtime::Paginated for #request {
            type Item = #item;

            fn page_token(&self) -> ::std::option::Option<&str> {
                self.#page_token.as_deref()
            }

            fn set_page_token(&mut self, token: ::std::string::String) {
                self.#page_token = ::std::option::Option::Some(token);
            }

            fn next_page_token(response: &Self::Response) -> ::std::option::Option<&str> {
                response.#next_page_token.as_deref()
            }

            fn into_items(response: Self::Response) -> ::std::vec::Vec<Self::Item> {
                response.#items.unwrap_or_default()
            }
        }
    })
}

/// `poll_until_done` and, where the resource can cancel, `cancel_and_wait`.
fn operation_helpers(
    api: &Api,
    resource: &Resource,
    operations: &crate::model::Operations,
) -> TokenStream {
    let accessor = ident(&resource.accessor_type);
    let operation = named(api, &operations.operation_type);
    let get = ident(&operations.get);
    let poll = match &operations.wait {
        Some((wait, body, timeout)) => {
            let wait = ident(wait);
            let body = named(api, body);
            let timeout = ident(timeout);
            quote! {
                // Other fields of the body, in documents that have them, stay unset.
                #[allow(clippy::needless_update)]
                let body = #body {
                    #timeout: ::std::option::Option::Some(policy.wait_timeout.min(remaining).into()),
                    ..::std::default::Default::default()
                };
                self.#wait(name.clone(), body).send()
            }
        }
        None => quote! { let _ = remaining; self.#get(name.clone()).send() },
    };
    let how = if operations.wait.is_some() {
        "with `wait`"
    } else {
        "with `get`"
    };
    let poll_doc = format!(
        "Polls the operation `name` ({how}) until it is done: the done operation, \
         `Error::Operation` with its error status, or `Error::Deadline`."
    );
    let cancel = operations.cancel.as_ref().map(|cancel| {
        let cancel = ident(cancel);
        quote! {
            /// Starts cancelling the operation `name`, then polls it until it is
            /// done. A cancelled operation ends with `Error::Operation` whose
            /// status is `CANCELLED` (code 1); it may also finish otherwise.
            pub async fn cancel_and_wait(
                &self,
                name: impl ::std::convert::Into<::std::string::String>,
                policy: &crate::runtime::PollPolicy,
            ) -> ::std::result::Result<#operation, crate::runtime::Error> {
                let name = name.into();
                self.#cancel(name.clone()).send().await?;
                self.poll_until_done(name, policy).await
            }
        }
    });
    quote! {
        #[cfg(feature = "client")]
        impl<S: Stub + ?::std::marker::Sized> #accessor<'_, S> {
            #[doc = #poll_doc]
            pub async fn poll_until_done(
                &self,
                name: impl ::std::convert::Into<::std::string::String>,
                policy: &crate::runtime::PollPolicy,
            ) -> ::std::result::Result<#operation, crate::runtime::Error> {
                let name: ::std::string::String = name.into();
                crate::runtime::poll_until_done(policy, |remaining| { #poll }).await
            }

            #cancel
        }
    }
}

/// The version's client alias, its marker type, and the accessors of the
/// top-level resources.
pub fn version_client(api: &Api) -> TokenStream {
    let marker = ident(&api.version_marker);
    let client = ident(&api.client_alias);
    let accessors = api.resources.iter().map(|resource| {
        let module = ident(&resource.module);
        let accessor = ident(&resource.accessor_type);
        let doc = &resource.doc;
        quote! {
            #[doc = #doc]
            pub fn #module(&self) -> #module::#accessor<'_, crate::runtime::HttpClient> {
                #module::#accessor::new(self.http())
            }
        }
    });
    let operation_impls = api.operation_types.iter().map(|operation| {
        let name = ident(&operation.name);
        let done = ident(&operation.done_field);
        let error = ident(&operation.error_field);
        quote! {
            #[cfg(feature = "client")]
            impl crate::runtime::LongRunningOperation for #name {
                fn is_done(&self) -> bool {
                    self.#done == ::std::option::Option::Some(true)
                }

                fn error_status(&self) -> ::std::option::Option<crate::runtime::Status> {
                    self.#error.as_ref().map(crate::runtime::status_of)
                }
            }
        }
    });
    quote! {
        /// Marks this API version for `runtime::Client`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct #marker;

        #[cfg(feature = "client")]
        impl crate::runtime::ApiVersion for #marker {
            const DEFAULT_BASE_URL: &'static str = BASE_URL;
        }

        /// A client of this API version over HTTP: `Client::builder()…build()`.
        #[cfg(feature = "client")]
        pub type #client = crate::runtime::Client<#marker>;

        #[cfg(feature = "client")]
        impl crate::runtime::Client<#marker> {
            #(#accessors)*
        }

        #(#operation_impls)*
    }
}
