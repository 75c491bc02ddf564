//! `cargo xtask build-cost`; see the library for what it measures.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let config = build_cost::Config::parse();
    xtask::exit_code(build_cost::build_cost(&xtask::repository_root(), &config))
}
