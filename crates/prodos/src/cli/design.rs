//! `prodos design …`: import, list, show, certify, retire and export versioned designs.

use super::context::{Context, GlobalArgs, print_json, read_input, report, table};
use anyhow::Context as _;
use clap::Subcommand;
use prodos_app::NodeError;
use prodos_app::queries;
use prodos_app::views::design_score::DesignScoreView;
use prodos_app::views::{BomNode, DesignDetail, DesignSummary};
use prodos_core::DesignEvent;
use prodos_core::{Command, DesignSelector, Rejection};
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum DesignCommand {
    /// Import design TOML files: new designs, revised drafts, or new versions of certified ones.
    /// All files are checked first; if any has an error, nothing is imported.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Import a flat CSV bill of materials (parent,component,qty,unit[,scrap_pct]) as a draft.
    ImportBom {
        file: PathBuf,
        /// Design key (stable slug), e.g. `garden-bench`.
        #[arg(long)]
        key: String,
        #[arg(long)]
        name: String,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    /// A version's BOM tree and build sequence (latest version unless @vN is given).
    Show {
        design: DesignSelector,
        #[arg(long)]
        json: bool,
    },
    /// Certify a draft after a full check; certified versions are immutable.
    Certify { design: DesignSelector },
    /// Retire a certified version.
    Retire { design: DesignSelector },
    /// Write a version as TOML (stdout, or --out FILE); re-importing it is a no-op.
    Export {
        design: DesignSelector,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// What building it costs now: materials, labor and tool time, per module and in total.
    Cost {
        design: DesignSelector,
        #[arg(long, default_value_t = 1, allow_negative_numbers = true)]
        qty: i64,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: DesignCommand, global: &GlobalArgs) -> anyhow::Result<()> {
    match command {
        DesignCommand::Import { files } => import(global, &files),
        DesignCommand::ImportBom { file, key, name } => {
            let text = read_input(&file)?;
            let parsed = prodos_formats::parse_bom_csv(&file.display().to_string(), &text, &key, &name)?;
            let context = Context::open(global)?;
            let done = context.execute(&Command::Design(prodos_core::DesignCommand::ImportDesign {
                spec: parsed.spec,
                declared: None,
            }))?;
            report(&done, &format!("{} ({})", file.display(), drafted_ref(&done.events).unwrap_or_default()));
            Ok(())
        }
        DesignCommand::List { json } => {
            let context = Context::open(global)?;
            let views: Vec<DesignSummary> = queries::designs(&context.node);
            if json {
                return print_json(&views);
            }
            let mut out =
                table(&["design", "key", "name", "latest", "status", "certified", "modules", "parts", "operations"]);
            for view in views {
                out.add_row(vec![
                    view.id,
                    view.key,
                    view.name,
                    format!("v{}", view.latest_version),
                    view.status,
                    view.certified_version.map(|version| format!("v{version}")).unwrap_or_else(|| "-".into()),
                    view.modules.to_string(),
                    view.parts.to_string(),
                    view.operations.to_string(),
                ]);
            }
            println!("{out}");
            Ok(())
        }
        DesignCommand::Show { design, json } => show(global, design, json),
        DesignCommand::Certify { design } => {
            let context = Context::open(global)?;
            let done = context
                .execute(&Command::Design(prodos_core::DesignCommand::CertifyDesign { design }))
                .map_err(explain_problems)?;
            report(&done, &format!("{design} certified"));
            Ok(())
        }
        DesignCommand::Retire { design } => {
            let context = Context::open(global)?;
            report(
                &context.execute(&Command::Design(prodos_core::DesignCommand::RetireDesign { design }))?,
                &format!("{design} retired"),
            );
            Ok(())
        }
        DesignCommand::Cost { design, qty, json } => super::cost::run(global, design, qty, json),
        DesignCommand::Export { design, out } => {
            let context = Context::open(global)?;
            let text = queries::design_export(&context.node, design)?;
            match out {
                Some(path) => {
                    std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
                    println!("{design} written to {}", path.display());
                }
                None => print!("{text}"),
            }
            Ok(())
        }
    }
}

fn import(global: &GlobalArgs, files: &[PathBuf]) -> anyhow::Result<()> {
    // Parse every file before writing anything, so one bad file leaves the ledger untouched.
    let mut parsed = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        let result =
            read_input(file).and_then(|text| Ok(prodos_formats::parse_design(&file.display().to_string(), &text)?));
        match result {
            Ok(design) => parsed.push((file, design)),
            Err(error) => errors.push(format!("{error:#}")),
        }
    }
    if !errors.is_empty() {
        anyhow::bail!("{}\nnothing was imported", errors.join("\n"));
    }
    let context = Context::open(global)?;
    for (file, design) in parsed {
        let command = Command::Design(prodos_core::DesignCommand::ImportDesign {
            spec: design.spec.clone(),
            declared: design.declared,
        });
        let done = context.execute(&command).map_err(|error| {
            let error = explain_with_lines(error, &file.display().to_string(), &design.source);
            error.context(format!("{}: not imported", file.display()))
        })?;
        let what = match drafted_ref(&done.events) {
            Some(design_ref) => format!("{} → {design_ref}", file.display()),
            None => format!("{}", file.display()),
        };
        report(&done, &what);
    }
    Ok(())
}

/// The design version a receipt drafted or revised, for the user's confirmation line.
fn drafted_ref(events: &[prodos_core::Event]) -> Option<String> {
    events.iter().find_map(|event| match event {
        prodos_core::Event::Design(DesignEvent::DesignDrafted { design, .. })
        | prodos_core::Event::Design(DesignEvent::DesignDraftRevised { design, .. }) => Some(design.to_string()),
        _ => None,
    })
}

/// Turns design problems inside a rejection into `FILE:LINE:` lines.
fn explain_with_lines(error: anyhow::Error, file: &str, source: &prodos_formats::SourceMap) -> anyhow::Error {
    let problems = match error.downcast_ref::<NodeError>() {
        Some(NodeError::Rejected(Rejection::DesignInvalid { problems, .. })) => problems.clone(),
        _ => return error,
    };
    let lines: Vec<String> = problems
        .iter()
        .map(|problem| match source.locate(&problem.at, &problem.field) {
            Some(line) => format!("{file}:{line}: {problem}"),
            None => format!("{file}: {problem}"),
        })
        .collect();
    anyhow::anyhow!("{}", lines.join("\n"))
}

/// Lists certification problems one per line instead of one long sentence.
fn explain_problems(error: anyhow::Error) -> anyhow::Error {
    match error.downcast_ref::<NodeError>() {
        Some(NodeError::Rejected(Rejection::DesignNotCertifiable { design, problems })) => {
            let lines: Vec<String> = problems.iter().map(|problem| format!("  - {problem}")).collect();
            anyhow::anyhow!("{design} cannot be certified:\n{}", lines.join("\n"))
        }
        _ => error,
    }
}

/// `design show --json`: the version's detail with its lifetime score beside it.
#[derive(serde::Serialize)]
struct ShownDesign {
    #[serde(flatten)]
    detail: DesignDetail,
    score: DesignScoreView,
}

fn show(global: &GlobalArgs, selector: DesignSelector, json: bool) -> anyhow::Result<()> {
    let context = Context::open(global)?;
    let detail = queries::design_detail(&context.node, selector)?;
    let score = queries::design_score(&context.node, selector, prodos_app::clock::now())?;
    if json {
        return print_json(&ShownDesign { detail, score });
    }
    println!("{} {} — {} [{}]", detail.id, detail.key, detail.name, detail.status);
    if !detail.summary.is_empty() {
        println!("{}", detail.summary);
    }
    if let Some(years) = detail.service_life_years {
        println!("service life: {years} years");
    }
    if let Some(days) = detail.maintenance_interval_days {
        println!("maintenance every {days} days");
    }
    if !detail.repairability.is_empty() {
        println!("repairability: {}", detail.repairability);
    }
    print_score(&score);
    println!("\nbill of materials");
    for node in &detail.bom {
        print_bom(node, 1);
    }
    println!("\nbuild sequence");
    let mut out = table(&["operation", "min", "skill", "level", "crew", "tools", "after", "checks"]);
    for operation in &detail.operations {
        out.add_row(vec![
            format!("{} ({})", operation.id, operation.name),
            operation.duration_min.to_string(),
            operation.skill.clone().unwrap_or_else(|| "-".into()),
            operation.min_level.to_string(),
            operation.crew.to_string(),
            operation.tools.join(", "),
            operation.after.join(", "),
            operation.checks.join("; "),
        ]);
    }
    println!("{out}");
    Ok(())
}

fn print_score(score: &DesignScoreView) {
    println!("\nlifetime score of {}", score.design);
    for sub in score.all() {
        println!("  {:<14}{:>5}  {}", sub.name, sub.shown(), sub.explanation);
        let inputs: Vec<String> = sub.inputs.iter().map(|input| format!("{}: {}", input.name, input.text)).collect();
        println!("  {:<14}{:>5}  inputs: {}", "", "", inputs.join("; "));
        println!("  {:<14}{:>5}  formula: {}", "", "", sub.formula);
    }
}

fn print_bom(node: &BomNode, depth: usize) {
    let indent = "  ".repeat(depth);
    match node.kind {
        "module" => println!("{indent}{} × {} ({})", node.qty, node.id, node.name),
        _ => {
            let scrap =
                node.scrap_pct.filter(|pct| *pct > 0.0).map(|pct| format!(", +{pct}% scrap")).unwrap_or_default();
            let replaceable = match (node.replaceable, node.repair_tools.is_empty()) {
                (Some(true), true) => ", replaceable".to_string(),
                (Some(true), false) => format!(", replaceable with {}", node.repair_tools.join(", ")),
                (Some(false), _) => ", not replaceable".to_string(),
                (None, _) => String::new(),
            };
            println!(
                "{indent}{} {} {} — {} ({}{scrap}{replaceable})",
                node.qty,
                node.unit.as_deref().unwrap_or(""),
                node.material.as_deref().unwrap_or(""),
                node.id,
                node.name
            );
        }
    }
    for child in &node.children {
        print_bom(child, depth + 1);
    }
}
