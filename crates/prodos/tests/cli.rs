//! End-to-end tests of the `prodos` binary: what a person typing commands sees, and what the
//! ledger holds afterwards.

mod shell;

use shell::*;

#[test]
fn the_demo_seeds_certified_designs_stock_and_suppliers_with_an_intact_ledger() {
    let shell = Shell::new();
    shell.ok(&["demo"]);
    let designs = shell.json(&["design", "list", "--json"]);
    let keys: Vec<&str> = designs.as_array().unwrap().iter().map(|d| d["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["acoustic-guitar", "modular-house"]);
    // Every design has a certified version; the guitar's v2, which answers the neck-relief
    // review, waits as a draft to be certified again.
    assert!(designs.as_array().unwrap().iter().all(|d| d["certified_version"] == 1), "{designs}");
    assert_eq!(designs[0]["status"], "draft", "{designs}");
    let reviews = shell.json(&["review", "list", "--json"]);
    assert!(reviews.as_array().unwrap().iter().any(|review| review["new_version"] == 2), "{reviews}");
    assert!(!shell.json(&["stock", "list", "--json"]).as_array().unwrap().is_empty());
    assert!(!shell.json(&["supplier", "list", "--json"]).as_array().unwrap().is_empty());
    let verdict = shell.ok(&["audit", "verify"]);
    assert!(verdict.starts_with("ledger intact: "), "{verdict}");

    // The guitar built and handed over as v1 has a lifetime score from its record: 8 of its 29
    // part lines replaceable, one field failure repaired in 45 minutes, its units inspected.
    let shown = shell.json(&["design", "show", "DES-0001@v1", "--json"]);
    let score = &shown["score"];
    assert_eq!(score["design"], "DES-0001@v1");
    assert_eq!(score["repairability"]["score"], 28, "{score}");
    let explained = score["repairability"]["explanation"].as_str().unwrap();
    assert!(explained.starts_with("8 of 29 part lines are replaceable"), "{explained}");
    assert!(explained.ends_with("field repairs took 0.75 h on average"), "{explained}");
    assert!(score["durability"]["score"].is_u64(), "one failure gives an MTTF: {score}");
    assert!(score["quality"]["score"].is_u64(), "inspected units give a yield: {score}");
    let reports = shell.json(&["field", "list", "--json"]);
    let serial = reports["reports"][0]["serial"].as_str().unwrap().to_string();
    assert_eq!(reports["reports"][0]["repair_min"], 45);
    let refused = shell.fails(&[
        "field",
        "report",
        &serial,
        "--kind",
        "failure",
        "--note",
        "loose tuner",
        "--repair-min",
        "-5",
        "--actor",
        "ines",
    ]);
    assert!(refused.contains("field `repair_min`: repair time must be positive, got -5 min"), "{refused}");
    // A second demo into the same directory shows what is there instead of duplicating it.
    let entries = shell.ledger_len();
    assert!(shell.ok(&["demo"]).contains("already holds a ledger"));
    assert_eq!(shell.ledger_len(), entries);
}

#[test]
fn exported_designs_reimport_as_no_ops_and_edits_to_certified_versions_are_refused() {
    let shell = Shell::new();
    shell.ok(&["design", "import", &example("acoustic-guitar.toml")]);
    shell.ok(&["design", "certify", "DES-0001"]);
    let exported = shell.ok(&["design", "export", "DES-0001@v1"]);
    let path = shell.file("exported.toml", &exported);
    let before = shell.ledger_len();
    let again = shell.ok(&["design", "import", path.to_str().unwrap()]);
    assert!(again.contains("unchanged, nothing recorded"), "{again}");
    assert_eq!(shell.ledger_len(), before);

    // Changing the exported file while it still names v1 is an edit of a certified version.
    let edited = exported.replacen("duration_min = ", "duration_min = 1", 1);
    let path = shell.file("edited.toml", &edited);
    let error = shell.fails(&["design", "import", path.to_str().unwrap()]);
    assert!(error.contains("DES-0001@v1 is certified and cannot be edited"), "{error}");
    assert_eq!(shell.ledger_len(), before);

    // The same edit without the version line becomes v2.
    let unpinned: String = edited.lines().filter(|line| !line.starts_with("version")).collect::<Vec<_>>().join("\n");
    let path = shell.file("v2.toml", &unpinned);
    let drafted = shell.ok(&["design", "import", path.to_str().unwrap()]);
    assert!(drafted.contains("DES-0001@v2"), "{drafted}");
}

/// A chair of four part lines, three of them replaceable; its legs are fitted after the back.
const CHAIR: &str = r#"[design]
key = "chair"
name = "Kitchen chair"

[lifetime]
service_life_years = 25

[[skill]]
id = "joinery"
name = "Joinery"

[[tool]]
id = "bench"
name = "Bench"
kind = "workstation"

[[module]]
id = "seat"
name = "Seat"

[[module]]
id = "legs"
name = "Legs"
parent = "seat"

[[module]]
id = "back"
name = "Back"
parent = "seat"

[[part]]
id = "seat-board"
name = "Seat board"
module = "seat"
material = "oak-board"
qty = 1
unit = "pc"
replaceable = false

[[part]]
id = "leg"
name = "Leg"
module = "legs"
material = "ash-dowel"
qty = 4
unit = "pc"
replaceable = true
tools = ["bench"]

[[part]]
id = "slat"
name = "Back slat"
module = "back"
material = "ash-slat"
qty = 3
unit = "pc"
replaceable = true

[[part]]
id = "screw"
name = "Back screw"
module = "back"
material = "screw-4x40"
qty = 6
unit = "pc"
replaceable = true

[[operation]]
id = "fit-back"
name = "Fit the back"
module = "back"
duration_min = 30
skill = "joinery"
consumes = ["slat", "screw"]

[[operation]]
id = "fit-legs"
name = "Fit the legs"
module = "legs"
duration_min = 40
skill = "joinery"
after = ["fit-back"]
consumes = ["leg", "seat-board"]
"#;

#[test]
fn design_show_scores_a_version_from_its_parts_and_modules_and_says_what_it_lacks() {
    let shell = Shell::new();
    let path = shell.file("chair.toml", CHAIR);
    shell.ok(&["design", "import", path.to_str().unwrap()]);
    let text = shell.ok(&["design", "show", "DES-0001"]);
    assert!(text.contains("lifetime score of DES-0001@v1"), "{text}");
    assert!(
        text.contains("repairability    75  3 of 4 part lines are replaceable without destroying others\n"),
        "{text}"
    );
    assert!(
        text.contains("inputs: part lines: 4; replaceable: 3 of 4; not stated: 0 of 4; tools for replacements: bench")
    );
    // Seat–unit, legs–seat and back–seat attach; fit-legs after fit-back joins legs and back.
    assert!(
        text.contains("modularity       50  3 modules meet at 4 interfaces (3 attachments, 1 build links"),
        "{text}"
    );
    assert!(
        text.contains("durability        –  not enough data: no good of this version has been distributed"),
        "{text}"
    );
    assert!(
        text.contains("quality           –  not enough data: no unit of this version has been inspected"),
        "{text}"
    );
    assert!(text.contains("4 pc ash-dowel — leg (Leg, replaceable with bench)"), "{text}");

    let shown = shell.json(&["design", "show", "DES-0001", "--json"]);
    assert_eq!(shown["key"], "chair", "the detail is still there: {shown}");
    assert_eq!(shown["score"]["repairability"]["score"], 75);
    assert_eq!(shown["score"]["modularity"]["score"], 50);
    assert_eq!(shown["score"]["durability"]["score"], serde_json::Value::Null);
    assert_eq!(shown["score"]["durability"]["missing"], "no good of this version has been distributed");

    let unknown = shell.file("bad-chair.toml", CHAIR.replace("tools = [\"bench\"]", "tools = [\"lathe\"]"));
    let error = shell.fails(&["design", "import", unknown.to_str().unwrap()]);
    assert!(error.contains("bad-chair.toml:48: part `leg` field `tools`: unknown tool `lathe`"), "{error}");
}

#[test]
fn a_bad_design_file_is_refused_with_file_and_line_and_nothing_is_written() {
    let shell = Shell::new();
    let good = example("modular-house.toml");
    let text = std::fs::read_to_string(example("acoustic-guitar.toml")).unwrap();
    // Make the first operation depend on an operation that does not exist.
    let broken = text.replacen("[[operation]]\n", "[[operation]]\nafter = [\"no-such-step\"]\n", 1);
    let path = shell.file("broken.toml", &broken);
    let error = shell.fails(&["design", "import", &good, path.to_str().unwrap()]);
    assert!(error.contains("broken.toml:"), "{error}");
    assert!(error.contains("no-such-step"), "{error}");
    assert!(error.contains("nothing was imported"), "{error}");
    // The good file listed first was not imported either.
    assert_eq!(shell.ledger_len(), 0);

    let not_utf8 = shell.file("latin1.toml", b"[design]\nname = \"Caf\xe9\"\n");
    let error = shell.fails(&["design", "import", not_utf8.to_str().unwrap()]);
    assert!(error.contains("latin1.toml") && error.contains("UTF-8"), "{error}");
}

#[test]
fn stock_rejections_name_the_problem_and_retries_with_a_command_id_write_nothing() {
    let shell = Shell::new();
    let receive = ["stock", "receive", "--material", "spruce-top", "--qty", "4", "--unit", "pc", "--cost", "85"];
    let mut with_id = receive.to_vec();
    with_id.extend(["--command-id", "receipt-7"]);
    shell.ok(&with_id);
    let again = shell.ok(&with_id);
    assert!(again.contains("already recorded"), "{again}");
    let materials = shell.json(&["stock", "list", "--json"]);
    assert_eq!(materials[0]["on_hand"], "4");

    let error = shell.fails(&["stock", "consume", "--material", "spruce-top", "--qty", "5", "--unit", "pc"]);
    assert!(error.contains("not enough `spruce-top`: 4 available, 5 wanted"), "{error}");
    let error = shell.fails(&["stock", "receive", "--material", "x", "--qty", "1", "--unit", "furlong", "--cost", "1"]);
    assert!(error.contains("unknown unit `furlong`"), "{error}");
    assert_eq!(shell.ledger_len(), 3, "the operator `cli`, material registration and one lot, nothing more");

    // A file the parser accepts but the core refuses row by row names the row by its line.
    let csv = "material,qty,unit,unit_cost,location,provenance,source\n\
               maple-neck-blank,2,pc,40,rack,own,\n\
               spruce-top,3,kg,12,rack,own,\n";
    let path = shell.file("stock.csv", csv);
    let error = shell.fails(&["stock", "import", path.to_str().unwrap()]);
    assert!(error.contains("stock.csv:3: field `lots[1].qty`: spruce-top is counted in pc"), "{error}");
    assert!(error.contains("nothing was imported"), "{error}");
    assert_eq!(shell.ledger_len(), 3, "not even the good first row");
}

#[test]
fn tampering_with_a_stored_event_is_detected_and_named() {
    let shell = Shell::new();
    shell.ok(&["demo"]);
    let entries = shell.ledger_len();
    assert!(entries > 5);
    let ledger = shell.data().join("ledger.sqlite3");
    let connection = rusqlite::Connection::open(&ledger).unwrap();
    // An attacker with the file drops the append-only trigger, then adds one harmless-looking
    // space to a payload: the JSON still parses, so only the hash chain can tell.
    connection.execute_batch("DROP TRIGGER entries_are_append_only_update").unwrap();
    let changed = connection
        .execute("UPDATE entries SET payload = CAST(payload || X'20' AS BLOB) WHERE seq = 3", [])
        .unwrap_or_else(|error| panic!("tampering query failed (has the table layout changed?): {error}"));
    assert_eq!(changed, 1);
    drop(connection);
    let error = shell.fails(&["audit", "verify"]);
    assert!(error.contains("first bad entry is seq 3"), "{error}");
}

/// A multi-mode project in PSPLIB `.mm` form: job 2 takes 2 time units on one of the two machine
/// units; job 3 takes 6 on one unit and 1 of the money, or 3 on both units and 2 of the money.
fn machine_or_money(money: u32) -> String {
    format!(
        "jobs (incl. supersource/sink ):  4
RESOURCES
  - renewable                 :  1   R
  - nonrenewable              :  1   N
  - doubly constrained        :  0   D
************************************************************************
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          2           2   3
   2        1          1           4
   3        2          1           4
   4        1          0
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R 1  N 1
------------------------------------------------------------------------
  1      1     0       0    0
  2      1     2       1    0
  3      1     6       1    1
         2     3       2    2
  4      1     0       0    0
************************************************************************
RESOURCEAVAILABILITIES:
  R 1  N 1
    2    {money}
************************************************************************
"
    )
}

#[test]
fn schedule_prints_starts_and_modes_of_every_job_and_names_the_line_of_a_bad_file() {
    let shell = Shell::new();
    // With money for the fast mode, job 3 waits for job 2 and still ends first (5 < 6).
    let rich = shell.file("rich.mm", machine_or_money(2));
    let out = shell.json(&["schedule", rich.to_str().unwrap(), "--schedules", "500", "--json"]);
    assert_eq!(out["makespan"], 5, "{out}");
    assert_eq!(out["modes"], serde_json::json!([1, 1, 2, 1]), "{out}");
    assert_eq!(out["starts"].as_array().unwrap().len(), 4, "dummies included");
    // The critical-path bound takes every job in its shortest mode; exact search is single-mode.
    assert_eq!(
        (out["lower_bound"].clone(), out["proven_optimal"].clone()),
        (serde_json::json!(3), serde_json::json!(false))
    );
    // Without it the slow mode is the only one the budget allows.
    let poor = shell.file("poor.mm", machine_or_money(1));
    let out = shell.json(&["schedule", poor.to_str().unwrap(), "--schedules", "500", "--json"]);
    assert_eq!(
        (out["makespan"].clone(), out["modes"].clone()),
        (serde_json::json!(6), serde_json::json!([1, 1, 1, 1]))
    );

    let broken = shell.file(
        "broken.mm",
        machine_or_money(2).replace("  2      1     2       1    0", "  2      1     two     1    0"),
    );
    let error = shell.fails(&["schedule", broken.to_str().unwrap()]);
    assert!(error.contains("broken.mm") && error.contains("line 18: `two` is not an integer"), "{error}");
    let error = shell.fails(&["schedule", rich.to_str().unwrap(), "--time-limit", "0"]);
    assert!(error.contains("--time-limit must be a positive number"), "{error}");
}

#[test]
fn a_sampled_supplier_lot_is_held_until_its_inspection_and_a_rejected_one_is_quarantined() {
    let shell = Shell::new();
    shell.ok(&["participant", "add", "carol", "--coordinator"]);
    shell.ok(&["participant", "add", "dana"]);
    let receive = ["stock", "receive", "--material", "fret-wire", "--qty", "500", "--unit", "pc", "--cost", "0.2"];
    let supplier = ["--provenance", "supplier", "--source", "fretworks"];
    shell.ok(&[&receive[..], &supplier[..]].concat());
    shell.ok(&["inspect", "incoming", "fret-wire", "--aql", "2.5", "--by", "carol"]);
    let plan = shell.ok(&["inspect", "sampling", "--lot-size", "500", "--aql", "2.5"]);
    assert!(plan.contains("letter H (plan of H): draw 50, accept on 3, reject on 4"), "{plan}");

    shell.ok(&[&receive[..], &supplier[..]].concat());
    let lots = shell.json(&["stock", "list", "--lots", "--json"]);
    assert_eq!(lots[0].get("hold"), None, "received before the plan: not held");
    assert!(lots[1]["hold"].as_str().unwrap().starts_with("awaiting inspection"), "{lots}");
    let error =
        shell.fails(&["stock", "reserve", "--material", "fret-wire", "--qty", "501", "--unit", "pc", "--purpose", "p"]);
    assert!(error.contains("500 available"), "{error}");

    let before = shell.ledger_len();
    let error = shell.fails(&["inspect", "lot", "LOT-0002", "--inspected", "20", "--defective", "0", "--by", "dana"]);
    assert!(error.contains("field `inspected`") && error.contains("draws 50 items; 20 were inspected"), "{error}");
    assert_eq!(shell.ledger_len(), before, "a refused reading writes nothing");

    let rejected = shell.ok(&["inspect", "lot", "LOT-0002", "--inspected", "50", "--defective", "5", "--by", "dana"]);
    assert!(rejected.contains("LIN-0001 LOT-0002: 5 of 50 defective") && rejected.contains("NCR-0001"), "{rejected}");
    let record = shell.json(&["inspect", "lots", "--json"]);
    assert_eq!(record["plans"][0]["material"], "fret-wire");
    assert_eq!(record["inspections"][0]["accepted"], false);
    let ncr = shell.json(&["ncr", "show", "NCR-0001", "--json"]);
    assert_eq!(ncr["subject"], "lot LOT-0002");
    let error = shell.fails(&["ncr", "dispose", "NCR-0001", "--scrap", "bent wire", "--by", "dana"]);
    assert!(error.contains("coordinator"), "{error}");
    shell.ok(&["ncr", "dispose", "NCR-0001", "--scrap", "bent wire, returned", "--by", "carol"]);
    let lots = shell.json(&["stock", "list", "--lots", "--json"]);
    assert_eq!(lots[1]["on_hand"], "0");
    assert!(lots[1]["hold"].as_str().unwrap().starts_with("quarantined"), "{lots}");
}

#[test]
fn an_asset_falls_due_by_its_meter_breaks_down_and_is_repaired_through_work_orders() {
    let shell = Shell::new();
    shell.ok(&["participant", "add", "carol", "--coordinator"]);
    shell.ok(&["participant", "add", "erin"]);
    shell.ok(&["cert", "grant", "erin", "finishing.maintenance", "2", "--by", "carol"]);
    shell.ok(&["resources", "tool", "spray-booth", "--count", "1"]);
    shell.ok(&["asset", "add", "spray-booth", "--name", "North booth", "--spare-part", "booth-filter"]);
    let plan = [
        "pm",
        "plan",
        "add",
        "booth-filters",
        "--kind",
        "spray-booth",
        "--every-hours",
        "250",
        "--procedure",
        "replace the filters",
        "--skill",
        "finishing.maintenance",
        "--level",
        "2",
        "--minutes",
        "60",
    ];
    shell.ok(&plan);
    let error = shell.fails(&[
        "pm",
        "plan",
        "add",
        "bad",
        "--kind",
        "spray-booth",
        "--every-days",
        "0",
        "--procedure",
        "x",
        "--skill",
        "finishing.maintenance",
        "--level",
        "2",
        "--minutes",
        "60",
    ]);
    assert!(error.contains("field `every_days`: an interval must be 1 or more, got 0"), "{error}");

    let due = shell.ok(&["asset", "meter", "AST-0001", "--hours", "250", "--by", "carol"]);
    assert!(due.contains("WO-0001 opened on AST-0001"), "{due}");
    let before = shell.ledger_len();
    let error = shell.fails(&["asset", "meter", "AST-0001", "--hours", "100", "--by", "carol"]);
    assert!(error.contains("meters do not run backwards"), "{error}");
    assert_eq!(shell.ledger_len(), before);

    let broken = shell.ok(&["breakdown", "report", "AST-0001", "--description", "fan seized", "--by", "erin"]);
    assert!(broken.contains("WO-0002 opened"), "{broken}");
    let assets = shell.json(&["asset", "list", "--json"]);
    assert_eq!((assets[0]["status"].as_str(), assets[0]["down_order"].as_str()), (Some("down"), Some("WO-0002")));
    shell.ok(&["workorder", "start", "WO-0002", "--worker", "erin"]);
    shell.ok(&["workorder", "complete", "WO-0002", "--hours", "2", "--by", "erin"]);
    let own = shell.fails(&["workorder", "verify", "WO-0002", "--by", "erin"]);
    assert!(own.contains("cannot verify their own work"), "{own}");
    shell.ok(&["workorder", "verify", "WO-0002", "--by", "carol"]);
    let shown = shell.json(&["asset", "show", "AST-0001", "--json"]);
    assert_eq!(shown["asset"]["status"], "up");
    assert_eq!(shown["work_orders"].as_array().unwrap().len(), 2);
    let open = shell.json(&["workorder", "list", "--open", "--json"]);
    assert_eq!(open.as_array().unwrap().len(), 1, "the preventive order is still open: {open}");

    // The clock is real, so only what does not depend on it is checked exactly.
    let figures = shell.json(&["asset", "reliability", "--json"]);
    let booth = &figures["assets"][0];
    assert_eq!((booth["failures"].as_u64(), booth["backlog_orders"].as_u64()), (Some(1), Some(1)), "{figures}");
    assert_eq!((booth["unplanned_pct"].as_f64(), booth["share_basis"].as_str()), (Some(100.0), Some("labor_hours")));
    assert_eq!(booth["backlog_hours"], 1.0, "the open 60 min service");
    assert!(booth["mtbf_hours"].is_number() && booth["weibull"].is_null(), "{booth}");
    assert_eq!(figures["kinds"][0]["kind"], "spray-booth");
    let table = shell.ok(&["asset", "reliability"]);
    assert!(table.contains("AST-0001 North booth") && table.contains("backlog: 1 open orders"), "{table}");

    let weeks = shell.json(&["asset", "periods", "--weeks", "2", "--json"]);
    let this_week = &weeks.as_array().unwrap()[1];
    assert_eq!((this_week["breakdowns"].as_u64(), this_week["repairs"].as_u64()), (Some(1), Some(1)), "{weeks}");
    assert_eq!(this_week["maintenance_hours"], 2.0);
}

#[test]
fn incidents_lockouts_and_improvements_from_the_shell() {
    let shell = Shell::new();
    shell.ok(&["participant", "add", "carol", "--coordinator"]);
    shell.ok(&["participant", "add", "erin"]);
    shell.ok(&["resources", "tool", "bandsaw", "--count", "1"]);
    shell.ok(&["asset", "add", "bandsaw", "--name", "14-inch bandsaw"]);

    shell.ok(&["lockout", "set", "AST-0001", "--reason", "guard cracked", "--by", "erin"]);
    let assets = shell.json(&["asset", "list", "--json"]);
    assert_eq!(assets[0]["kind"], "bandsaw");
    let before = shell.ledger_len();
    let twice = shell.fails(&["lockout", "set", "AST-0001", "--reason", "again", "--by", "erin"]);
    assert!(twice.contains("already locked out by erin"), "{twice}");
    let bare = shell.fails(&["lockout", "clear", "AST-0001", "--inspection", " "]);
    assert!(bare.contains("inspection"), "{bare}");
    assert_eq!(shell.ledger_len(), before);
    shell.ok(&["lockout", "clear", "AST-0001", "--inspection", "new guard fitted", "--actor", "carol"]);

    let unknown =
        shell.fails(&["incident", "report", "--description", "kickback", "--asset", "AST-0009", "--by", "erin"]);
    assert!(unknown.contains("unknown asset AST-0009"), "{unknown}");
    shell.ok(&[
        "incident",
        "report",
        "--description",
        "offcut thrown",
        "--kind",
        "near-miss",
        "--asset",
        "AST-0001",
        "--person",
        "erin",
        "--by",
        "erin",
    ]);
    let record = shell.json(&["incident", "list", "--json"]);
    assert_eq!((record["near_miss_count"].as_u64(), record["incident_count"].as_u64()), (Some(1), Some(0)));
    assert_eq!(record["incidents"][0]["id"], "INC-0001");
    assert!(record["incident_rate_per_1000_hours"].is_null(), "no labor yet: {record}");
    let minor = shell.fails(&["incident", "suspend", "INC-0001", "--handle", "erin", "--actor", "carol"]);
    assert!(minor.contains("only a serious incident"), "{minor}");

    let no_design = shell.fails(&[
        "upgrade",
        "propose",
        "push stick",
        "--design",
        "DES-0001",
        "--operation",
        "cut",
        "--metric",
        "throughput",
        "--expected",
        "safer cuts",
        "--by",
        "erin",
    ]);
    assert!(no_design.contains("DES-0001"), "{no_design}");
    let loops = shell.json(&["upgrade", "loops", "--weeks", "3", "--json"]);
    assert_eq!(loops.as_array().unwrap().len(), 3);
}
