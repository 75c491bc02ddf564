//! `cargo xtask fetch`; see the library for what it does.

use std::process::ExitCode;

fn main() -> ExitCode {
    let config = match xtask::parse_command_line::<fetch::Config>() {
        Ok(config) => config,
        Err(status) => return status,
    };
    let discovery = xtask::repository_root().join("discovery");
    let mut stdout = std::io::stdout().lock();
    xtask::exit_code(fetch::fetch(
        &discovery,
        &config,
        fetch::TIMEOUT,
        &mut stdout,
    ))
}
