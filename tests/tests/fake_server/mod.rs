//! The fake server of the `fake-server` crate (`tests/fake-server/`), and
//! policies that make tests against it quick.
// Each test binary that includes this module uses a part of it.
#![allow(dead_code, unused_imports)]

pub use ::fake_server::*;

pub mod fast;
