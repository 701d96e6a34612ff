//! `prodos`: the command line of the Production OS. Parses arguments and hands each noun to its
//! module in `cli/`; exits non-zero with a one-paragraph explanation on any error.

mod cli;

use clap::{Parser, Subcommand};
use cli::context::GlobalArgs;

#[derive(Parser, Debug)]
#[command(
    name = "prodos",
    version,
    about = "A Production OS for cooperatives: designs, planning, labor, materials and an honest ledger"
)]
struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Noun,
}

#[derive(Subcommand, Debug)]
enum Noun {
    /// Versioned modular designs: BOM, build sequence, quality checks.
    #[command(subcommand)]
    Design(cli::design::DesignCommand),
    /// Material lots: receive, reserve, consume, release, adjust.
    #[command(subcommand)]
    Stock(cli::stock::StockCommand),
    /// Supplier catalogs.
    #[command(subcommand)]
    Supplier(cli::supplier::SupplierCommand),
    /// The hash-chained ledger: verify it, read it.
    #[command(subcommand)]
    Audit(cli::audit::AuditCommand),
    /// Solve one PSPLIB project file (.sm / .mm) with the scheduling engine.
    Schedule(cli::schedule::ScheduleArgs),
    /// Benchmarks: PSPLIB scheduling, ledger throughput, planning speed, labor matching.
    #[command(subcommand)]
    Bench(cli::bench::BenchCommand),
    /// Seed an empty data directory with the demo guitar cooperative and its history up to PROD-0031.
    Demo,
    /// Serve the JSON API and dashboard over the data directory (`--demo` seeds it first).
    Serve(cli::serve::ServeArgs),

    // Planning (issue 3).
    /// Production mandates: build N units of a certified design by a date.
    #[command(subcommand)]
    Mandate(cli::mandate::MandateCommand),
    /// Plans: propose (with verdict), show (with Gantt chart), commit, cancel.
    #[command(subcommand)]
    Plan(cli::plan::PlanCommand),
    /// Production capacity: tools, skill headcounts, labor and tool rates.
    #[command(subcommand)]
    Resources(cli::resources::ResourcesCommand),
    /// The working calendar: working days and hours, closures.
    #[command(subcommand)]
    Calendar(cli::calendar::CalendarCommand),

    // People and work (issue 4).
    /// Participants: handles, skills, availability, absences.
    #[command(subcommand)]
    Participant(cli::participant::ParticipantCommand),
    /// Certifications: grant, revoke, list.
    #[command(subcommand)]
    Cert(cli::cert::CertCommand),
    /// The training game: challenges, graded attempts, sign-offs that certify.
    #[command(subcommand)]
    Challenge(cli::challenge::ChallengeCommand),
    /// Time credits from verified labor: balances, history, policy, contribution gates.
    #[command(subcommand)]
    Credits(cli::credits::CreditsCommandArgs),
    /// Finished goods with serial numbers.
    #[command(subcommand)]
    Goods(cli::goods::GoodsCommand),
    /// Who may receive goods of which design.
    #[command(subcommand)]
    Entitlement(cli::entitlement::EntitlementCommand),
    /// Release a good to an entitled participant (once).
    Distribute(cli::goods::DistributeArgs),
    /// Tasks of committed plans: start, complete, verify, reject, block, unblock; accept, decline, swap.
    #[command(subcommand)]
    Task(cli::task::TaskCommand),
    /// Labor matching for a committed plan: propose crews, show them, confirm them.
    #[command(subcommand)]
    Match(cli::r#match::MatchCommand),
    /// Per plan: tasks done and in progress, labor events, materials consumed.
    Production(cli::production::ProductionArgs),

    // Quality (issue 16).
    /// Inspections of completed tasks against the design's checks: record, list.
    #[command(subcommand)]
    Inspect(cli::quality::InspectCommand),
    /// Nonconformances: list, show, dispose (rework, use as is, scrap).
    #[command(subcommand)]
    Ncr(cli::quality::NcrCommand),
    /// Control charts per check: show (with signals and capability), freeze limits, start a stage.
    #[command(subcommand)]
    Spc(cli::quality::SpcCommand),
    /// Design reviews raised by signals: list, show, resolve (new version or CAPA), close a CAPA.
    #[command(subcommand)]
    Review(cli::review::ReviewCommand),
    /// Reports from the field about distributed goods: report, list (with failure rate and MTTF).
    #[command(subcommand)]
    Field(cli::field::FieldCommand),

    // Maintenance (issue 17).
    /// Assets (each unit of a tool or workstation): add, list, show, meter.
    #[command(subcommand)]
    Asset(cli::maintenance::AssetCommand),
    /// Preventive maintenance: plans per asset type, what is due, issue due work orders.
    #[command(subcommand)]
    Pm(cli::maintenance::PmCommand),
    /// Work orders (preventive and repair): list, show, start, complete, verify.
    #[command(subcommand)]
    Workorder(cli::maintenance::WorkOrderCommand),
    /// Report a breakdown: the asset is down until its repair is verified.
    #[command(subcommand)]
    Breakdown(cli::maintenance::BreakdownCommand),
    /// Safety incidents and near misses: report, list (with the rate per 1,000 labor hours),
    /// suspend a certification after a serious one.
    #[command(subcommand)]
    Incident(cli::safety::IncidentCommand),
    /// Lock an unsafe asset out of use, or clear it after an inspection.
    #[command(subcommand)]
    Lockout(cli::safety::LockoutCommand),
    /// The upgrade loop: propose, decide, close improvements; list them with their measured
    /// effect; the three loops side by side.
    #[command(subcommand)]
    Upgrade(cli::improvement::UpgradeCommand),

    // Access from the host: the first admin and script tokens of a node without `--demo`.
    /// Accounts of the server: add, list, disable, enable, change role, reset password (recorded
    /// in the ledger, never a secret).
    #[command(subcommand)]
    Account(cli::account::AccountCommand),
    /// API tokens for scripts: issue (secret shown once), list, revoke.
    #[command(subcommand)]
    Token(cli::token::TokenCommand),
}

fn main() -> std::process::ExitCode {
    restore_default_sigpipe();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("PRODOS_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let result = match cli.command {
        Noun::Design(command) => cli::design::run(command, &cli.global),
        Noun::Stock(command) => cli::stock::run(command, &cli.global),
        Noun::Supplier(command) => cli::supplier::run(command, &cli.global),
        Noun::Audit(command) => cli::audit::run(command, &cli.global),
        Noun::Schedule(args) => cli::schedule::run(args),
        Noun::Bench(command) => cli::bench::run(command),
        Noun::Demo => cli::demo::run(&cli.global),
        Noun::Serve(args) => cli::serve::run(args, &cli.global),
        Noun::Mandate(command) => cli::mandate::run(command, &cli.global),
        Noun::Plan(command) => cli::plan::run(command, &cli.global),
        Noun::Resources(command) => cli::resources::run(command, &cli.global),
        Noun::Calendar(command) => cli::calendar::run(command, &cli.global),
        Noun::Participant(command) => cli::participant::run(command, &cli.global),
        Noun::Cert(command) => cli::cert::run(command, &cli.global),
        Noun::Challenge(command) => cli::challenge::run(command, &cli.global),
        Noun::Credits(command) => cli::credits::run(command, &cli.global),
        Noun::Goods(command) => cli::goods::run(command, &cli.global),
        Noun::Entitlement(command) => cli::entitlement::run(command, &cli.global),
        Noun::Distribute(args) => cli::goods::distribute(args, &cli.global),
        Noun::Task(command) => cli::task::run(command, &cli.global),
        Noun::Match(command) => cli::r#match::run(command, &cli.global),
        Noun::Production(args) => cli::production::run(args, &cli.global),
        Noun::Inspect(command) => cli::quality::inspect(command, &cli.global),
        Noun::Ncr(command) => cli::quality::ncr(command, &cli.global),
        Noun::Spc(command) => cli::quality::spc(command, &cli.global),
        Noun::Review(command) => cli::review::run(command, &cli.global),
        Noun::Field(command) => cli::field::run(command, &cli.global),
        Noun::Asset(command) => cli::maintenance::asset(command, &cli.global),
        Noun::Pm(command) => cli::maintenance::pm(command, &cli.global),
        Noun::Workorder(command) => cli::maintenance::work_order(command, &cli.global),
        Noun::Breakdown(command) => cli::maintenance::breakdown(command, &cli.global),
        Noun::Incident(command) => cli::safety::incident(command, &cli.global),
        Noun::Lockout(command) => cli::safety::lockout(command, &cli.global),
        Noun::Upgrade(command) => cli::improvement::upgrade(command, &cli.global),
        Noun::Account(command) => cli::account::run(command, &cli.global),
        Noun::Token(command) => cli::token::run(command, &cli.global),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Rust ignores SIGPIPE, which turns `prodos audit log | head` into a panic on the closed pipe.
/// Command-line tools are expected to end quietly instead, so the default action is restored.
fn restore_default_sigpipe() {
    // SAFETY: called first thing in main, before any thread exists; only resets a signal
    // disposition to the platform default.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
