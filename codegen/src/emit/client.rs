//! The client layer of each resource: its stub trait (implemented by the
//! HTTP client, or by a mock), an accessor struct with one method per API
//! method, and pagination; and the client of each version.

use proc_macro2::TokenStream;
use quote::quote;

use super::features::{client_gate, resource_gate};
use super::long_running::{operation_helpers, operation_impls};
use super::method_docs;
use super::rust_types::{argument_type, named, response_type, rust_type};
use super::tokens::{doc_attrs, ident};
use crate::model::{client_chains, reserved, Api, Method, PageToken, Resource};

/// The items of a resource module that call its methods.
pub fn resource_client(api: &Api, resource: &Resource) -> TokenStream {
    let stub_type = ident(reserved::STUB_TYPE_PARAMETER);
    let accessor = ident(&resource.accessor_type);
    let new = ident(reserved::ACCESSOR_NEW);
    let stub = ident(reserved::ACCESSOR_STUB);
    let doc = doc_attrs(&format!(
        "Calls the methods of `{}` through a stub `{}`: the HTTP client or a mock.",
        resource.path,
        reserved::STUB_TYPE_PARAMETER
    ));
    let children = resource.resources.iter().map(|child| {
        let module = ident(&child.module);
        let child_accessor = ident(&child.accessor_type);
        let doc = doc_attrs(&child.doc);
        quote! {
            #doc
            pub fn #module(&self) -> #module::#child_accessor<'a, #stub_type> {
                #module::#child_accessor::#new(self.#stub)
            }
        }
    });
    let stub_items = (!resource.methods.is_empty()).then(|| stub_items(api, resource));
    quote! {
        #doc
        #[derive(Debug)]
        pub struct #accessor<'a, #stub_type: ?::std::marker::Sized> {
            #stub: &'a #stub_type,
        }

        impl<#stub_type: ?::std::marker::Sized> ::std::clone::Clone for #accessor<'_, #stub_type> {
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<#stub_type: ?::std::marker::Sized> ::std::marker::Copy for #accessor<'_, #stub_type> {}

        impl<'a, #stub_type: ?::std::marker::Sized> #accessor<'a, #stub_type> {
            /// Calls through `stub`.
            pub fn #new(#stub: &'a #stub_type) -> Self {
                Self { #stub }
            }

            #(#children)*
        }

        #stub_items
    }
}

/// The stub trait, its HTTP implementation, dispatch, accessors,
/// pagination and operation helpers of a resource with methods.
fn stub_items(api: &Api, resource: &Resource) -> TokenStream {
    let stub_type = ident(reserved::STUB_TYPE_PARAMETER);
    let accessor = ident(&resource.accessor_type);
    let stub_trait = stub_trait(api, resource);
    let chain = client_chains(&api.resources)
        .into_iter()
        .find(|(other, _)| other.path == resource.path)
        .map(|(_, chain)| chain)
        .unwrap_or_default();
    let dispatches = resource
        .methods
        .iter()
        .map(|method| dispatch(api, resource, method));
    let calls = resource
        .methods
        .iter()
        .map(|method| call_method(api, &chain, method));
    let paginated = resource
        .methods
        .iter()
        .filter_map(|method| paginated(api, method));
    let operations = resource
        .operations
        .as_ref()
        .map(|operations| operation_helpers(api, resource, operations));
    let stub = ident(&resource.stub_trait);
    let call_request = call_request(resource);
    quote! {
        #stub_trait
        #(#dispatches)*
        #(#paginated)*

        impl<'a, #stub_type: #stub + ?::std::marker::Sized> #accessor<'a, #stub_type> {
            #call_request
            #(#calls)*
        }

        #operations
    }
}

/// The stub trait, whose methods by default return an `Unimplemented` error,
/// and its implementation by the HTTP client.
fn stub_trait(api: &Api, resource: &Resource) -> TokenStream {
    let client_gate = client_gate();
    let stub = ident(&resource.stub_trait);
    let trait_doc = doc_attrs(&format!(
        "The methods of `{}`. The HTTP client implements it; implement it to \
         mock the service. Methods not implemented return an error of kind \
         `ErrorKind::Unimplemented`.",
        resource.path
    ));
    let signatures = resource.methods.iter().map(|method| {
        let name = ident(&method.accessor);
        let request = ident(&method.type_name);
        let response = response_type(api, method);
        let id = &method.id;
        let doc = doc_attrs(&format!("Sends `{id}`."));
        quote! {
            #doc
            fn #name(
                &self,
                request: #request,
                options: crate::runtime::CallOptions,
            ) -> impl ::std::future::Future<
                Output = ::std::result::Result<#response, crate::runtime::Error>,
            > + ::std::marker::Send {
                let _ = (request, options);
                async { ::std::result::Result::Err(crate::runtime::Error::unimplemented(#id)) }
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
                options: crate::runtime::CallOptions,
            ) -> ::std::result::Result<#response, crate::runtime::Error> {
                self.execute(&request, options).await
            }
        }
    });
    let (poll_policy, http_poll_policy) = resource
        .operations
        .as_ref()
        .map(|_| default_poll_policy())
        .unzip();
    quote! {
        #trait_doc
        pub trait #stub: ::std::marker::Send + ::std::marker::Sync {
            #(#signatures)*
            #poll_policy
        }

        #client_gate
        impl #stub for crate::runtime::HttpClient {
            #(#http_methods)*
            #http_poll_policy
        }
    }
}

/// The stub's polling policy for calls that set none, as a provided method
/// (the default policy) and as the HTTP client's (its default options').
fn default_poll_policy() -> (TokenStream, TokenStream) {
    let name = ident(reserved::DEFAULT_POLL_POLICY);
    let provided = quote! {
        /// How `poll_until_done` polls when the call's options set no policy.
        fn #name(&self) -> crate::runtime::PollPolicy {
            ::std::default::Default::default()
        }
    };
    let http = quote! {
        fn #name(&self) -> crate::runtime::PollPolicy {
            self.default_options().poll_policy().cloned().unwrap_or_default()
        }
    };
    (provided, http)
}

/// Lets `Call` send the request through any stub of its resource.
fn dispatch(api: &Api, resource: &Resource, method: &Method) -> TokenStream {
    let stub_type = ident(reserved::STUB_TYPE_PARAMETER);
    let stub = ident(&resource.stub_trait);
    let name = ident(&method.accessor);
    let request = ident(&method.type_name);
    let response = response_type(api, method);
    quote! {
        impl<#stub_type: #stub + ?::std::marker::Sized> crate::runtime::Dispatch<#stub_type> for #request {
            fn dispatch(
                self,
                stub: &#stub_type,
                options: crate::runtime::CallOptions,
            ) -> impl ::std::future::Future<
                Output = ::std::result::Result<#response, crate::runtime::Error>,
            > + ::std::marker::Send {
                stub.#name(self, options)
            }
        }
    }
}

/// The accessor method: the required parameters (and the body, unless it is
/// empty) as arguments, the rest settable on the returned call.
fn call_method(api: &Api, chain: &str, method: &Method) -> TokenStream {
    let stub_type = ident(reserved::STUB_TYPE_PARAMETER);
    let name = ident(&method.accessor);
    let request = ident(&method.type_name);
    let constructor = ident(reserved::CONSTRUCTOR);
    let stub = ident(reserved::ACCESSOR_STUB);
    let arguments = method.required_parameters().map(|parameter| {
        let field = ident(&parameter.rust_name);
        let ty = argument_type(api, parameter);
        quote! { #field: #ty, }
    });
    let values = method.required_parameters().map(|parameter| {
        let field = ident(&parameter.rust_name);
        quote! { #field, }
    });
    let (body_argument, body_value) = match &method.body {
        Some(body) if !body.accessor_argument => {
            (None, Some(quote! { ::std::default::Default::default() }))
        }
        Some(body) => {
            let field = ident(&body.field);
            let ty = named(api, body.ty);
            (Some(quote! { #field: #ty }), Some(quote! { #field }))
        }
        None => (None, None),
    };
    let doc = doc_attrs(&method_docs::accessor_doc(api, chain, method));
    quote! {
        #doc
        pub fn #name(&self, #(#arguments)* #body_argument) -> crate::runtime::Call<'a, #stub_type, #request> {
            crate::runtime::Call::new(self.#stub, #request::#constructor(#(#values)* #body_value))
        }
    }
}

/// `call(request)`: sends a request type of the resource built with its
/// setters, so that optional parameters need no closure.
fn call_request(resource: &Resource) -> TokenStream {
    let name = ident(reserved::ACCESSOR_CALL);
    let stub_type = ident(reserved::STUB_TYPE_PARAMETER);
    let stub = ident(reserved::ACCESSOR_STUB);
    let example = resource
        .methods
        .first()
        .map(|method| format!(" (`{}::new(…).with_…(…)`)", method.type_name))
        .unwrap_or_default();
    let doc = doc_attrs(&format!(
        "Sends `request`, a request type of this resource built with its setters{example}, \
         with `.send()`, `.pages()` or `.items()` as its accessor method would."
    ));
    quote! {
        #doc
        pub fn #name<M: crate::runtime::Dispatch<#stub_type>>(&self, request: M) -> crate::runtime::Call<'a, #stub_type, M> {
            crate::runtime::Call::new(self.#stub, request)
        }
    }
}

fn paginated(api: &Api, method: &Method) -> Option<TokenStream> {
    let pagination = method.pagination.as_ref()?;
    let request = ident(&method.type_name);
    let token_field = match &pagination.page_token {
        PageToken::Query(field) => {
            let field = ident(field);
            quote! { self.#field }
        }
        PageToken::Body { body, field } => {
            let (body, field) = (ident(body), ident(field));
            quote! { self.#body.#field }
        }
    };
    let next_page_token = ident(&pagination.next_page_token);
    let items = pagination.items.as_ref().map(|list| {
        let item = rust_type(api, &list.item_type);
        let field = ident(&list.field);
        quote! {
            impl crate::runtime::PageItems for #request {
                type Item = #item;

                fn into_items(response: Self::Response) -> ::std::vec::Vec<Self::Item> {
                    response.#field.unwrap_or_default()
                }
            }
        }
    });
    Some(quote! {
        impl crate::runtime::Paginated for #request {
            fn page_token(&self) -> ::std::option::Option<&str> {
                #token_field.as_deref()
            }

            fn set_page_token(&mut self, token: ::std::string::String) {
                #token_field = ::std::option::Option::Some(token);
            }

            fn next_page_token(response: &Self::Response) -> ::std::option::Option<&str> {
                response.#next_page_token.as_deref()
            }
        }

        #items
    })
}

/// The version's client, its marker type, and the accessors of the
/// top-level resources.
///
/// The client is a struct of the version module that wraps
/// `runtime::Client<Api>`: the accessors are its inherent methods, which a
/// type of another crate could not take.
pub fn version_client(api: &Api) -> TokenStream {
    let client_gate = client_gate();
    let marker = ident(reserved::VERSION_MARKER);
    let client = ident(reserved::CLIENT);
    let base_url = ident(reserved::BASE_URL);
    let service_path = ident(reserved::SERVICE_PATH);
    let new = ident(reserved::ACCESSOR_NEW);
    let builder = ident(reserved::CLIENT_BUILDER);
    let from_http = ident(reserved::CLIENT_FROM_HTTP);
    let http = ident(reserved::CLIENT_HTTP);
    let accessors = api.resources.iter().map(|resource| {
        let gate = resource_gate(resource);
        let module = ident(&resource.module);
        let accessor = ident(&resource.accessor_type);
        let doc = doc_attrs(&resource.doc);
        quote! {
            #doc
            #gate
            pub fn #module(&self) -> #module::#accessor<'_, crate::runtime::HttpClient> {
                #module::#accessor::#new(self.#http())
            }
        }
    });
    let operation_impls = operation_impls(api);
    quote! {
        /// Marks this API version for `runtime::Client`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct #marker;

        #client_gate
        impl crate::runtime::__private::ApiVersion for #marker {
            const DEFAULT_BASE_URL: &'static str = #base_url;
            const SERVICE_PATH: &'static str = #service_path;
            const USER_AGENT: &'static str =
                ::std::concat!(::std::env!("CARGO_PKG_NAME"), "/", ::std::env!("CARGO_PKG_VERSION"));
            type Client = #client;
        }

        /// A client of this API version over HTTP: `Client::builder()…build()`.
        #client_gate
        #[derive(Debug, Clone)]
        pub struct #client(crate::runtime::Client<#marker>);

        #client_gate
        impl ::std::convert::From<crate::runtime::Client<#marker>> for #client {
            fn from(client: crate::runtime::Client<#marker>) -> Self {
                Self(client)
            }
        }

        #client_gate
        impl #client {
            /// A builder for a client of the version's default base URL, with
            /// no token source and default options.
            pub fn #builder() -> crate::runtime::ClientBuilder<#marker> {
                crate::runtime::Client::#builder()
            }

            /// A client that sends through `http`.
            pub fn #from_http(http: crate::runtime::HttpClient) -> Self {
                Self(crate::runtime::Client::#from_http(http))
            }

            /// The HTTP transport, which implements every resource's stub.
            pub fn #http(&self) -> &crate::runtime::HttpClient {
                self.0.#http()
            }

            #(#accessors)*
        }

        #operation_impls
    }
}
