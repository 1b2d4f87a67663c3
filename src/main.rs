use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    uptake::run(uptake::cli::Cli::parse())
}
