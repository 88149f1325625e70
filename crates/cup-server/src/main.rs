//! `cup-server`: the reference regional backend.
//!
//! ```text
//! cup-server --database sqlite://data/cup.db          # the default
//! cup-server --database postgres://user@host/cup --listen 0.0.0.0:8080
//! cup-server demo-citizens                            # the demo citizens to try a booking
//! cup-server openapi                                  # the OpenAPI document
//! ```

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::{Parser, Subcommand};
use cup_server::demo::{DemoConfig, DemoRegion, Profile, format_showcase};
use cup_server::infra::sms::SpoolSender;
use cup_server::{DemoSeed, ServerConfig, SystemClock};

#[derive(Debug, Parser)]
#[command(
    name = "cup-server",
    version,
    about = "CUP Toscana reference regional backend"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API (the default).
    Serve,
    /// Print the demo citizens (synthetic) with whom to try a booking: the same on every day.
    DemoCitizens {
        #[arg(long, env = "CUP_DEMO_SEED", default_value_t = 42)]
        seed: u64,
        /// As JSON (each citizen's login factors, first line, service and zone).
        #[arg(long)]
        json: bool,
        /// Instead of the showcase: the other generated citizens with a bookable line (priority
        /// P, first access, not yet booked) for this service (catalogue code or description).
        #[arg(long, value_name = "SERVICE")]
        bookable_for: Option<String>,
    },
    /// Print the OpenAPI document.
    Openapi,
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// `sqlite://PATH` or `postgres://...`.
    #[arg(long, env = "CUP_DATABASE_URL", default_value = "sqlite://data/cup.db")]
    database: String,
    #[arg(long, env = "CUP_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Hold lifetime in seconds.
    #[arg(long, env = "CUP_HOLD_TTL_SECS", default_value_t = 600, value_parser = clap::value_parser!(u64).range(5..=3600))]
    hold_ttl_secs: u64,
    /// Sliding session lifetime in seconds.
    #[arg(long, env = "CUP_SESSION_TTL_SECS", default_value_t = 1800, value_parser = clap::value_parser!(u64).range(60..=86400))]
    session_ttl_secs: u64,
    /// Absolute session lifetime in seconds: a session ends this long after its login,
    /// however active (at least the sliding lifetime).
    #[arg(long, env = "CUP_SESSION_MAX_SECS", default_value_t = 8 * 3600, value_parser = clap::value_parser!(u64).range(60..=7 * 86400))]
    session_max_secs: u64,
    /// Failed logins per identity and address before a lockout.
    #[arg(long, env = "CUP_THROTTLE_PAIR_MAX", default_value_t = 5)]
    throttle_pair_max: i64,
    /// Failed logins per identity (all addresses) before a short lockout.
    #[arg(long, env = "CUP_THROTTLE_IDENTITY_MAX", default_value_t = 20)]
    throttle_identity_max: i64,
    /// Failed logins per client address before a lockout.
    #[arg(long, env = "CUP_THROTTLE_ADDRESS_MAX", default_value_t = 30)]
    throttle_address_max: i64,
    /// Demo region to seed into an empty database: small, full or none.
    #[arg(long, env = "CUP_DEMO_PROFILE", default_value = "small")]
    demo_profile: String,
    #[arg(long, env = "CUP_DEMO_SEED", default_value_t = 42)]
    demo_seed: u64,
    /// Database connections (readers for SQLite).
    #[arg(long, env = "CUP_MAX_CONNECTIONS", default_value_t = 16)]
    max_connections: u32,
    /// Bearer token that opens /ops/stats.
    #[arg(long, env = "CUP_OPS_TOKEN", hide_env_values = true)]
    ops_token: Option<String>,
    /// Append SMS confirmations to this file (the reference sender).
    #[arg(long, env = "CUP_SMS_SPOOL")]
    sms_spool: Option<PathBuf>,
    /// A reverse proxy (address or CIDR range, repeatable or comma-separated) whose
    /// X-Forwarded-For is believed for the client address; from other peers it is ignored.
    #[arg(
        long = "trusted-proxy",
        env = "CUP_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    trusted_proxies: Vec<String>,
}

fn demo_seed(args: &ServeArgs) -> Result<Option<DemoSeed>, String> {
    match args.demo_profile.as_str() {
        "none" => Ok(None),
        other => other
            .parse::<Profile>()
            .map(|profile| {
                Some(DemoSeed {
                    profile,
                    seed: args.demo_seed,
                })
            })
            .map_err(|_| format!("unknown demo profile {other:?}: small, full or none")),
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let filter = tracing_subscriber::EnvFilter::try_from_env("CUP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).init();
    let cli = Cli::parse();
    match cli.command {
        Some(Command::DemoCitizens {
            seed,
            json,
            bookable_for,
        }) => {
            // Identities do not depend on the day: any start day gives the same people.
            let region = DemoRegion::generate(&DemoConfig {
                seed,
                profile: Profile::Small,
                start_day: cup_domain::time::rome_date(cup_clock::now()),
            });
            match (bookable_for, json) {
                (None, false) => print!("{}", format_showcase(&region.showcase)),
                (None, true) => {
                    let logins: Vec<_> = region
                        .showcase
                        .iter()
                        .filter_map(|s| region.showcase_login(s.case))
                        .collect();
                    println!("{}", serde_json::json!(logins));
                }
                (Some(service), as_json) => {
                    let logins = region.bookable_for(&service);
                    if logins.is_empty() {
                        eprintln!("no generated citizen has a bookable line for {service:?}");
                        return std::process::ExitCode::FAILURE;
                    }
                    if as_json {
                        println!("{}", serde_json::json!(logins));
                    } else {
                        for l in logins {
                            println!(
                                "{} {}\t{}\t{}\t{}\t{}",
                                l.given_name,
                                l.family_name,
                                l.codice_fiscale,
                                l.tessera,
                                l.nre,
                                l.zone
                            );
                        }
                    }
                }
            }
            std::process::ExitCode::SUCCESS
        }
        Some(Command::Openapi) => {
            println!("{}", cup_server::api::openapi::document());
            std::process::ExitCode::SUCCESS
        }
        Some(Command::Serve) | None => match serve(cli.serve).await {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(message) => {
                tracing::error!("{message}");
                std::process::ExitCode::FAILURE
            }
        },
    }
}

/// `127.0.0.1`, `10.0.0.0/8`, `::1`...
fn trusted_proxies(values: &[String]) -> Result<Vec<ipnet::IpNet>, String> {
    values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .map(|v| {
            v.parse::<ipnet::IpNet>()
                .or_else(|_| v.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| format!("--trusted-proxy {v:?} is not an address or a CIDR range"))
        })
        .collect()
}

async fn serve(args: ServeArgs) -> Result<(), String> {
    let clock = Arc::new(SystemClock::from_env().map_err(|e| e.to_string())?);
    if let Some(day) = clock.moved_to() {
        tracing::info!(%day, "running as if today were {day} ({})", cup_clock::TODAY_VAR);
    }
    let demo = demo_seed(&args)?;
    let mut config = ServerConfig {
        hold_ttl: Duration::from_secs(args.hold_ttl_secs),
        session_ttl: Duration::from_secs(args.session_ttl_secs),
        session_max_lifetime: Duration::from_secs(args.session_max_secs.max(args.session_ttl_secs)),
        ops_token: match args.ops_token.filter(|t| !t.is_empty()) {
            Some(t) if t.len() < 16 || t.chars().any(|c| c.is_whitespace() || c.is_control()) => {
                return Err(
                    "the ops token (--ops-token / CUP_OPS_TOKEN) must be at least 16 visible characters"
                        .to_owned(),
                );
            }
            other => other,
        },
        trusted_proxies: trusted_proxies(&args.trusted_proxies)?,
        ..ServerConfig::default()
    };
    config.throttle.pair_max_failures = args.throttle_pair_max.max(1);
    config.throttle.identity_max_failures = args.throttle_identity_max.max(1);
    config.throttle.address_max_failures = args.throttle_address_max.max(1);
    let (store, _) =
        cup_server::prepare_store(&args.database, args.max_connections, demo, clock.as_ref())
            .await
            .map_err(|e| format!("database: {e}"))?;
    let sms = Arc::new(SpoolSender::new(args.sms_spool));
    let running = cup_server::start(args.listen, store, clock, config, sms)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
    tracing::info!(url = %running.url(), "cup-server listening");
    let _ = tokio::signal::ctrl_c().await;
    tracing::info!("shutting down");
    running.stop().await;
    Ok(())
}
