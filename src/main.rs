use std::process::ExitCode;

fn main() -> ExitCode {
    match uptake::cli::parse(std::env::args_os()) {
        Ok(cli) => uptake::cli::run(cli),
        Err(code) => code,
    }
}
