//! The `samenleven` binary: serves the API, migrates, prints the OpenAPI document, and
//! signs tokens for trying the API.

mod allocator;
mod config;
mod seed;
mod telemetry;

use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use samenleven_domain::model::municipality::{Municipality, NisCode};
use samenleven_domain::ports::{ApiKeyRepository, MunicipalityRepository, PartnerRepository};
use samenleven_domain::reference::{Enumeration, Role, Scope};
use samenleven_http::AppState;
use samenleven_http::auth::{TokenRequest, TokenSigner, TokenVerifier, generate_api_key};
use samenleven_http::routes::partners::{CreateApiKeyRequest, new_api_key};
use samenleven_persistence::Database;
use samenleven_persistence::repo::api_key::ApiKeyStore;
use samenleven_persistence::repo::municipality::MunicipalityStore;
use samenleven_persistence::repo::partner::PartnerStore;
use samenleven_persistence::repo::retention::{self, RetentionPeriods};
use samenleven_webhooks::DeliveryWorker;
use secrecy::ExposeSecret;

use crate::config::{Config, Environment, JwtKey, Settings};

/// samenleven: the API of a Flemish municipality's equal-opportunity service.
///
/// Every option can also be set by its environment variable (or in a `.env` file).
#[derive(Debug, Parser)]
#[command(name = "samenleven", version, about, long_about)]
struct Cli {
    #[command(flatten)]
    config: Config,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API (the default).
    Serve,
    /// Bring the database schema up to date and stop.
    Migrate,
    /// Print the OpenAPI document.
    Openapi,
    /// Print a bearer token signed with SAMENLEVEN_JWT_SECRET.
    Token(TokenArgs),
    /// Manage partners' API keys from the command line (for bootstrapping).
    #[command(subcommand)]
    ApiKey(ApiKeyCommand),
    /// Apply the retention periods (the service also does it daily).
    #[command(subcommand)]
    Retention(RetentionCommand),
    /// Fill the database with made-up records at scale (development only).
    Seed(seed::SeedArgs),
}

#[derive(Debug, Subcommand)]
enum RetentionCommand {
    /// Anonymise the closed complaints whose period has passed, and print what was done.
    Run,
}

#[derive(Debug, Subcommand)]
enum ApiKeyCommand {
    /// Issue an API key to a partner and print it (it is shown this once).
    Create(ApiKeyArgs),
}

#[derive(Debug, clap::Args)]
struct ApiKeyArgs {
    /// The partner's id (see `GET /api/v1/partners`).
    #[arg(long)]
    partner: uuid::Uuid,
    /// A scope to grant (repeat for several), e.g. complaints:submit.
    #[arg(long = "scope", required = true, value_parser = parse_scope)]
    scopes: Vec<Scope>,
    /// A label for the key.
    #[arg(long)]
    label: Option<String>,
    /// Days until the key expires; never when left out.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=3650))]
    expires_in_days: Option<u32>,
}

fn parse_scope(value: &str) -> Result<Scope, String> {
    Scope::from_code(value).ok_or_else(|| {
        let codes: Vec<_> = Scope::ALL.iter().map(|s| s.code()).collect();
        format!("one of {}", codes.join(", "))
    })
}

#[derive(Debug, clap::Args)]
struct TokenArgs {
    /// A role to grant (repeat for several): admin, complaint_handler, hate_crime_coordinator,
    /// subsidy_officer, subsidy_reviewer, analyst.
    #[arg(long = "role", required = true, value_parser = parse_role)]
    roles: Vec<Role>,
    /// A NIS code to grant (repeat for several), or `*` for every municipality.
    #[arg(long = "municipality", required = true, value_parser = parse_municipality)]
    municipalities: Vec<String>,
    /// The token's subject.
    #[arg(long, default_value = "cli")]
    subject: String,
    /// Hours the token holds.
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=720))]
    hours: u32,
}

fn parse_role(value: &str) -> Result<Role, String> {
    Role::from_code(value).ok_or_else(|| {
        let codes: Vec<_> = Role::ALL.iter().map(|r| r.code()).collect();
        format!("one of {}", codes.join(", "))
    })
}

fn parse_municipality(value: &str) -> Result<String, String> {
    if value == "*" {
        return Ok(value.to_owned());
    }
    NisCode::parse(value).map(|code| code.as_str().to_owned())
}

fn main() -> ExitCode {
    if let Err(error) = allocator::configure() {
        eprintln!("samenleven: {error}");
    }
    // A missing .env is the normal case.
    let _ = dotenvy::dotenv();
    // One TLS crypto provider (ring) for the process, before any HTTP client is built.
    samenleven_webhooks::install_crypto_provider();
    let cli = Cli::parse();
    let settings = match cli.config.validate() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("samenleven: {error}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("samenleven: cannot start the runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            allocator::purge_freed_pages_soon();
            telemetry::init(settings.log_format);
            runtime.block_on(serve(settings))
        }
        Command::Migrate => runtime.block_on(migrate(&settings)),
        Command::Openapi => print_openapi(),
        Command::Token(args) => print_token(&settings, &args),
        Command::ApiKey(ApiKeyCommand::Create(args)) => {
            runtime.block_on(create_api_key(&settings, args))
        }
        Command::Retention(RetentionCommand::Run) => runtime.block_on(run_retention(&settings)),
        Command::Seed(args) => runtime.block_on(seed::run(&settings, args)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("samenleven: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn connect(settings: &Settings) -> anyhow::Result<Database> {
    let url = &settings.config.database_url;
    let database = Database::connect(url, settings.config.database_options())
        .await
        .context("cannot open the database (SAMENLEVEN_DATABASE_URL)")?;
    database
        .migrate()
        .await
        .context("cannot migrate the database")?;
    Ok(database)
}

async fn migrate(settings: &Settings) -> anyhow::Result<()> {
    connect(settings).await?;
    println!("the database schema is up to date");
    Ok(())
}

fn print_openapi() -> anyhow::Result<()> {
    print!("{}", samenleven_http::openapi::document_json()?);
    Ok(())
}

fn signer(settings: &Settings) -> anyhow::Result<TokenSigner> {
    match &settings.jwt_key {
        JwtKey::Secret(secret) => Ok(TokenSigner::hs256(
            secret.expose_secret().as_bytes(),
            &settings.config.jwt_issuer,
            &settings.config.jwt_audience,
        )),
        JwtKey::PublicKeyPem(_) => anyhow::bail!(
            "tokens are verified with a public key here; sign them with the identity provider's private key"
        ),
    }
}

fn verifier(settings: &Settings) -> anyhow::Result<TokenVerifier> {
    let (issuer, audience) = (&settings.config.jwt_issuer, &settings.config.jwt_audience);
    Ok(match &settings.jwt_key {
        JwtKey::Secret(secret) => {
            TokenVerifier::hs256(secret.expose_secret().as_bytes(), issuer, audience)
        }
        JwtKey::PublicKeyPem(pem) => TokenVerifier::from_public_key_pem(pem, issuer, audience)
            .context("SAMENLEVEN_JWT_PUBLIC_KEY_FILE holds no RSA or EC public key in PEM")?,
    })
}

fn print_token(settings: &Settings, args: &TokenArgs) -> anyhow::Result<()> {
    if settings.jwt_secret_generated {
        anyhow::bail!(
            "set SAMENLEVEN_JWT_SECRET to the secret the service runs with: a token signed with a generated secret would not verify"
        );
    }
    let token = signer(settings)?.sign(&TokenRequest {
        subject: args.subject.clone(),
        roles: args.roles.clone(),
        municipalities: args.municipalities.clone(),
        valid_for: chrono::Duration::hours(i64::from(args.hours)),
    })?;
    println!("{token}");
    Ok(())
}

async fn create_api_key(settings: &Settings, args: ApiKeyArgs) -> anyhow::Result<()> {
    let database = connect(settings).await?;
    let partner = PartnerStore::new(database.connection().clone())
        .find(args.partner)
        .await?
        .with_context(|| format!("there is no partner {}", args.partner))?;
    let now = chrono::Utc::now();
    let request = CreateApiKeyRequest {
        scopes: args.scopes,
        label: args.label,
        expires_at: args
            .expires_in_days
            .map(|days| now + chrono::Duration::days(i64::from(days))),
    };
    let new_key = new_api_key(request, now)?;
    let secret = generate_api_key().map_err(|e| anyhow::anyhow!("{e}"))?;
    let key = ApiKeyStore::new(database.connection().clone())
        .insert(partner.id, new_key, &secret)
        .await?;
    eprintln!(
        "API key {} for {} ({}); it is shown only now:",
        key.prefix, partner.name, partner.id
    );
    println!("{}", secret.expose());
    Ok(())
}

async fn run_retention(settings: &Settings) -> anyhow::Result<()> {
    let database = connect(settings).await?;
    let done =
        retention::apply_all(&database, settings.config.retention(), chrono::Utc::now()).await?;
    for item in &done {
        println!("{}  {}", item.reference, item.reason);
    }
    println!("{} record(s) anonymised", done.len());
    Ok(())
}

/// Applies the retention periods now and then once a day, for as long as the service runs.
fn spawn_retention_worker(database: Database, periods: RetentionPeriods) {
    tokio::spawn(async move {
        let mut daily = tokio::time::interval(std::time::Duration::from_secs(24 * 60 * 60));
        loop {
            daily.tick().await;
            match retention::apply_all(&database, periods, chrono::Utc::now()).await {
                Ok(done) => tracing::info!(anonymised = done.len(), "retention applied"),
                Err(error) => {
                    tracing::error!(%error, "retention failed; it is tried again tomorrow")
                }
            }
        }
    });
}

/// Has mimalloc give back the memory freed whole every [`allocator::GIVE_BACK_INTERVAL`], for
/// as long as the service runs.
fn spawn_memory_give_back() {
    tokio::spawn(async {
        let mut ticks = tokio::time::interval(allocator::GIVE_BACK_INTERVAL);
        loop {
            ticks.tick().await;
            allocator::give_back_freed_pages();
        }
    });
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let database = connect(&settings).await?;
    let dev = settings.config.environment == Environment::Dev;
    if dev {
        seed_demo_municipality(&database).await?;
    }
    spawn_retention_worker(database.clone(), settings.config.retention());
    spawn_memory_give_back();
    DeliveryWorker::new(
        database.connection().clone(),
        settings.config.webhook_worker(),
    )
    .context("cannot start the webhook worker")?
    .spawn();
    let state = AppState::new(
        database,
        verifier(&settings)?,
        settings.config.rate_limits(),
        settings.pseudonym_key.expose_secret().as_bytes(),
    )
    .context("cannot build the OpenAPI document")?
    .with_request_limits(settings.config.request_limits())
    .with_webhook_policy(settings.config.webhook_policy());
    let bind = settings.config.bind;
    let listener = std::net::TcpListener::bind(bind)
        .with_context(|| format!("cannot listen on {bind} (SAMENLEVEN_BIND)"))?;
    let server = samenleven_http::limits::serve(state, listener)
        .with_context(|| format!("cannot listen on {bind} (SAMENLEVEN_BIND)"))?;
    tracing::info!(
        %bind,
        environment = ?settings.config.environment,
        ready_ms = started.elapsed().as_millis() as u64,
        "samenleven is ready"
    );
    if dev {
        print_dev_banner(&settings)?;
    }
    server.await.context("the server stopped with an error")?;
    tracing::info!("samenleven stopped");
    Ok(())
}

async fn seed_demo_municipality(database: &Database) -> anyhow::Result<()> {
    let store = MunicipalityStore::new(database.connection().clone());
    let demo = Municipality::demo()?;
    if store.find(&demo.nis_code).await?.is_none() {
        store.insert(&demo).await?;
        tracing::info!(nis_code = %demo.nis_code, "created the demo municipality Izegem");
    }
    Ok(())
}

fn print_dev_banner(settings: &Settings) -> anyhow::Result<()> {
    let token = signer(settings)?.sign(&TokenRequest {
        subject: "dev-admin".to_owned(),
        roles: vec![Role::Admin],
        municipalities: vec!["*".to_owned()],
        valid_for: chrono::Duration::hours(12),
    })?;
    let base = format!("http://{}", settings.config.bind);
    println!();
    println!("  samenleven {} in dev mode", env!("CARGO_PKG_VERSION"));
    println!("  Swagger UI:   {base}/docs/");
    println!("  OpenAPI:      {base}/api-docs/openapi.json");
    println!("  Demo municipality: Izegem (36008)");
    println!("  Admin bearer token, valid 12 hours:");
    println!();
    println!("  {token}");
    println!();
    if settings.jwt_secret_generated {
        println!(
            "  The JWT secret was generated for this run: set SAMENLEVEN_JWT_SECRET to keep tokens valid across restarts."
        );
        println!();
    }
    Ok(())
}
