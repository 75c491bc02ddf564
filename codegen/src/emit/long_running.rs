//! Long-running operations: how the client tells that an operation is done,
//! and the polling helpers of resources that serve operations.

use proc_macro2::TokenStream;
use quote::quote;

use super::features::{client_gate, type_gate};
use super::rust_types::named;
use super::tokens::{doc_attrs, ident};
use crate::model::{reserved, Api, Operations, Resource};

/// `runtime::__private::LongRunningOperation` for each operation type of the version.
pub fn operation_impls(api: &Api) -> TokenStream {
    let client_gate = client_gate();
    let impls = api.operation_types.iter().map(|operation| {
        let name = named(api, operation.ty);
        let gate = type_gate(api, operation.ty);
        let done = ident(&operation.done_field);
        let error = ident(&operation.error_field);
        let error_status = if operation.error_is_status {
            quote! { self.#error.clone() }
        } else {
            quote! { self.#error.as_ref().map(crate::runtime::__private::status_of) }
        };
        quote! {
            #client_gate
            #gate
            impl crate::runtime::__private::LongRunningOperation for #name {
                fn is_done(&self) -> bool {
                    self.#done == ::std::option::Option::Some(true)
                }

                fn error_status(&self) -> ::std::option::Option<crate::runtime::Status> {
                    #error_status
                }
            }
        }
    });
    quote! { #(#impls)* }
}

/// `poll_until_done` and, where the resource can cancel, `cancel_and_wait`.
pub fn operation_helpers(api: &Api, resource: &Resource, operations: &Operations) -> TokenStream {
    let client_gate = client_gate();
    let stub_type = ident(reserved::STUB_TYPE_PARAMETER);
    let accessor = ident(&resource.accessor_type);
    let stub = ident(&resource.stub_trait);
    let poll_until_done = ident(reserved::POLL_UNTIL_DONE);
    let operation = named(api, operations.operation_type);
    let how = if operations.wait.is_some() {
        "with `wait`"
    } else {
        "with `get`"
    };
    let poll_doc = doc_attrs(&format!(
        "Polls the operation `name` ({how}) until it is done: the done operation, \
         an error of kind `ErrorKind::OperationFailed` with its error status, or \
         one of kind `ErrorKind::Deadline`.\n\n\
         Polls as the options' polling policy says, else as the stub's (the \
         client's default options); every poll is sent with `options`."
    ));
    let poll = poll_once(api, operations);
    let cancel = cancel_and_wait(api, operations);
    let stub_field = ident(reserved::ACCESSOR_STUB);
    let default_poll_policy = ident(reserved::DEFAULT_POLL_POLICY);
    quote! {
        #client_gate
        impl<#stub_type: #stub + ?::std::marker::Sized> #accessor<'_, #stub_type> {
            #poll_doc
            pub async fn #poll_until_done(
                &self,
                name: impl ::std::convert::Into<::std::string::String>,
                options: crate::runtime::CallOptions,
            ) -> ::std::result::Result<#operation, crate::runtime::Error> {
                let name: ::std::string::String = name.into();
                let policy = options
                    .poll_policy()
                    .cloned()
                    .unwrap_or_else(|| self.#stub_field.#default_poll_policy());
                crate::runtime::__private::poll_until_done(&policy, |remaining| { #poll }).await
            }

            #cancel
        }
    }
}

/// One poll: `wait` with the time that remains, or `get`.
fn poll_once(api: &Api, operations: &Operations) -> TokenStream {
    match &operations.wait {
        Some(wait) => {
            let accessor = ident(&wait.accessor);
            let body = named(api, wait.body);
            let timeout = ident(&wait.timeout_field);
            quote! {
                // Other fields of the body, in documents that have them, stay unset.
                #[allow(clippy::needless_update)]
                let body = #body {
                    #timeout: ::std::option::Option::Some(policy.wait_timeout.min(remaining).into()),
                    ..::std::default::Default::default()
                };
                self.#accessor(name.clone(), body).with_options(options.clone()).send()
            }
        }
        None => {
            let get = ident(&operations.get);
            quote! {
                let _ = remaining;
                self.#get(name.clone()).with_options(options.clone()).send()
            }
        }
    }
}

fn cancel_and_wait(api: &Api, operations: &Operations) -> Option<TokenStream> {
    let cancel = ident(operations.cancel.as_ref()?);
    let cancel_and_wait = ident(reserved::CANCEL_AND_WAIT);
    let poll_until_done = ident(reserved::POLL_UNTIL_DONE);
    let operation = named(api, operations.operation_type);
    Some(quote! {
        /// Starts cancelling the operation `name`, then polls it until it is
        /// done, sending every call with `options`. A cancelled operation
        /// ends with an error of kind `ErrorKind::OperationFailed` whose
        /// status is `CANCELLED` (code 1); it may also finish otherwise.
        pub async fn #cancel_and_wait(
            &self,
            name: impl ::std::convert::Into<::std::string::String>,
            options: crate::runtime::CallOptions,
        ) -> ::std::result::Result<#operation, crate::runtime::Error> {
            let name = name.into();
            self.#cancel(name.clone()).with_options(options.clone()).send().await?;
            self.#poll_until_done(name, options).await
        }
    })
}
