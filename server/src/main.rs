//! `hamkke`: the 함께혁신 server binary. Parses the command line, sets up
//! logging and runs the sub-command (`serve` by default).

use clap::Parser;
use server::cli::Cli;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    server::telemetry::init(cli.config.log_format);
    match server::cli::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // Logged once, here, with its whole chain of context.
            tracing::error!(error = format!("{err:#}"), "command failed");
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
