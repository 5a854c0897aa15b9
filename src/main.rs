//! juesuan command line: parses arguments and hands over to [`juesuan::cli::run`].

use clap::Parser;

fn main() -> std::process::ExitCode {
    juesuan::cli::run(juesuan::cli::Cli::parse())
}
