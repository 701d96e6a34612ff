//! `prodos serve`: the HTTP server (JSON API, access control) over the data directory.

use super::context::GlobalArgs;
use clap::Args;
use prodos_server::ServerConfig;
use prodos_server::serve::{Demo, ServeOptions};
use std::net::SocketAddr;

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub addr: SocketAddr,
    /// Seed an empty data directory with the demo cooperative (as `prodos demo`) and create one
    /// login per role; the logins are printed.
    #[arg(long)]
    pub demo: bool,
    /// Send session cookies without the Secure flag (plain HTTP on a host other than localhost).
    #[arg(long)]
    pub insecure_cookies: bool,
    /// Require a login to read the public operational record.
    #[arg(long)]
    pub private_record: bool,
}

pub fn run(args: ServeArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    let config = ServerConfig {
        secure_cookies: !args.insecure_cookies,
        public_record: !args.private_record,
        ..ServerConfig::default()
    };
    prodos_server::serve::run(ServeOptions {
        data_dir: global.data_dir.clone(),
        addr: args.addr,
        demo: args.demo.then_some(Demo {
            seed: |node, now| prodos_demo::seed(node, "demo", now),
            logins: prodos_demo::DEMO_LOGINS,
        }),
        config,
    })?;
    Ok(())
}
