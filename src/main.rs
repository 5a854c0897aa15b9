//! juesuan command line: parses arguments and hands over to [`juesuan::cli::run`].

use clap::Parser;

fn main() -> std::process::ExitCode {
    // `juesuan __worker`: one batch department in a process of its own (src/worker.rs).
    if std::env::args_os().nth(1).is_some_and(|a| a == juesuan::worker::WORKER_ARG) {
        return juesuan::worker::worker_main();
    }
    if let Ok(exe) = std::env::current_exe() {
        juesuan::worker::enable(exe);
    }
    juesuan::cli::run(juesuan::cli::Cli::parse())
}
