//! `cargo xtask build-cost`; see the library for what it measures.

use std::process::ExitCode;

fn main() -> ExitCode {
    let config = match xtask::parse_command_line::<build_cost::Config>() {
        Ok(config) => config,
        Err(status) => return status,
    };
    xtask::exit_code(build_cost::build_cost(&xtask::repository_root(), &config))
}
