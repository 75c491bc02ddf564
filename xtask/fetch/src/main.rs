//! `cargo xtask fetch`; see the library for what it does.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let config = fetch::Config::parse();
    let discovery = xtask::repository_root().join("discovery");
    let mut stdout = std::io::stdout().lock();
    xtask::exit_code(fetch::fetch(
        &discovery,
        &config,
        fetch::TIMEOUT,
        &mut stdout,
    ))
}
