//! End-to-end tests of people and work through the `prodos` binary: participants, certification
//! through the training game, and refusals that name the field and write nothing.

mod shell;

use serde_json::Value;
use shell::*;

/// The example designs (certified), suppliers and stock, with carol (coordinator), dana
/// (fretting 4) and erin (no certifications yet). Imported file by file rather than through
/// `prodos demo`, whose cooperative brings people of its own.
fn crew() -> Shell {
    let shell = Shell::new();
    shell.ok(&["design", "import", "examples/acoustic-guitar.toml"]);
    shell.ok(&["design", "certify", "DES-0001"]);
    shell.ok(&["design", "import", "examples/modular-house.toml"]);
    shell.ok(&["design", "certify", "DES-0002"]);
    shell.ok(&["supplier", "import", "examples/suppliers.csv"]);
    shell.ok(&["stock", "import", "examples/stock.csv"]);
    shell.ok(&["participant", "add", "carol", "--name", "Carol Diaz", "--coordinator"]);
    let csv = shell.file("people.csv", "handle,real_name,coordinator\ndana,\"Dana, the elder\",no\nerin,,\n");
    shell.ok(&["participant", "import", csv.to_str().unwrap()]);
    shell.ok(&["cert", "grant", "dana", "luthiery.fretting", "4", "--by", "carol"]);
    shell
}

#[test]
fn participants_are_added_imported_listed_and_shown() {
    let shell = crew();
    let people = shell.json(&["participant", "list", "--json"]);
    let handles: Vec<&str> = people.as_array().unwrap().iter().map(|p| p["handle"].as_str().unwrap()).collect();
    assert_eq!(handles, ["carol", "dana", "erin"]);
    assert_eq!(people[1]["real_name"], "Dana, the elder");
    assert_eq!(people[1]["skills"][0], serde_json::json!(["luthiery.fretting", 4]));
    shell.ok(&["participant", "available", "erin", "--week", "mon=8,tue=8,wed=4.5"]);
    shell.ok(&["participant", "absent", "erin", "--from", "2030-01-01", "--to", "2030-01-07", "--reason", "travel"]);
    let erin = shell.ok(&["participant", "show", "erin"]);
    assert!(erin.contains("mon=8,tue=8,wed=4.5 (20.5 h/week)"), "{erin}");
    assert!(erin.contains("2030-01-01..2030-01-07: travel"), "{erin}");
    // Re-importing the same file changes nothing.
    let csv = shell.file("people.csv", "handle,real_name,coordinator\ndana,\"Dana, the elder\",no\nerin,,\n");
    assert!(shell.ok(&["participant", "import", csv.to_str().unwrap()]).contains("unchanged"));
}

#[test]
fn the_training_game_certifies_after_a_pass_and_a_higher_sign_off() {
    let shell = crew();
    let added = shell.ok(&[
        "challenge",
        "add",
        "--skill",
        "luthiery.fretting",
        "--level",
        "3",
        "--title",
        "Fret a neck",
        "--step",
        "Cut the slots",
        "--step",
        "Press the frets",
        "--question",
        "Wire gauge?",
        "--expect",
        "medium jumbo",
        "--pass-mark",
        "100",
        "--valid-days",
        "365",
        "--by",
        "carol",
    ]);
    assert!(added.contains("challenge CHL-0001"), "{added}");
    let failed =
        shell.ok(&["challenge", "attempt", "CHL-0001", "--handle", "erin", "--answer", "thin", "--steps", "1,2"]);
    assert!(failed.contains("ATT-0001: 0 of 1 answers right, 2 of 2 steps shown: not passed"), "{failed}");
    let refused = shell.fails(&["challenge", "signoff", "ATT-0001", "--by", "dana"]);
    assert!(refused.contains("ATT-0001 did not pass"), "{refused}");
    let passed = shell.ok(&[
        "challenge",
        "attempt",
        "CHL-0001",
        "--handle",
        "erin",
        "--answer",
        "Medium Jumbo",
        "--steps",
        "1,2",
    ]);
    assert!(passed.contains("passed, awaiting sign-off"), "{passed}");
    let refused = shell.fails(&["challenge", "signoff", "ATT-0002", "--by", "erin"]);
    assert!(refused.contains("erin cannot certify their own work"), "{refused}");
    shell.ok(&["challenge", "signoff", "ATT-0002", "--by", "dana"]);
    let certs = shell.json(&["cert", "list", "erin", "--json"]);
    assert_eq!(certs[0]["skill"], "luthiery.fretting");
    assert_eq!(certs[0]["level"], 3);
    assert_eq!(certs[0]["attempt"], "ATT-0002");
    assert_eq!(certs[0]["issued_by"], "dana");
    assert!(certs[0]["valid_through"].is_string());
}

#[test]
fn certification_refusals_name_the_missing_skill_level_or_handle() {
    let shell = crew();
    let refused = shell.fails(&["cert", "grant", "erin", "luthiery.fretting", "4", "--by", "dana"]);
    assert!(
        refused.contains("dana is not qualified for `luthiery.fretting` at level 5: holds level 4 only"),
        "{refused}"
    );
    let refused = shell.fails(&["cert", "grant", "zed", "joinery", "1", "--by", "carol"]);
    assert!(refused.contains("unknown participant `zed` (field `handle`)"), "{refused}");
    let refused = shell.fails(&["cert", "revoke", "dana", "luthiery.fretting", "--reason", "x", "--by", "erin"]);
    assert!(refused.contains("`erin` must be a coordinator to revoke certifications"), "{refused}");
    let refused = shell.fails(&["participant", "add", "frank", "--coordinator", "--by", "erin"]);
    assert!(refused.contains("`erin` must be a coordinator to appoint coordinators"), "{refused}");
    shell.ok(&["cert", "revoke", "dana", "luthiery.fretting", "--reason", "left the shop", "--by", "carol"]);
    assert!(shell.json(&["cert", "list", "dana", "--json"]).as_array().unwrap().is_empty());
    let all = shell.json(&["cert", "list", "dana", "--all", "--json"]);
    assert_eq!(all[0]["status"], "revoked");
    assert_eq!(all[0]["revoked_reason"], "carol: left the shop");
}

/// Value accounting and distribution through the binary: labor earns credits, an entitlement and
/// enough credits release a good exactly once.
#[test]
fn verified_labor_pays_for_a_good_that_is_released_once() {
    let shell = crew();
    shell.ok(&["credits", "weight", "luthiery.fretting", "4", "2", "--by", "carol"]);
    // Three hours of level-4 fretting by dana, verified by `verifier`.
    let labor = |verifier| {
        [
            "credits",
            "labor",
            "dana",
            "--skill",
            "luthiery.fretting",
            "--level",
            "4",
            "--hours",
            "3",
            "--verified-by",
            verifier,
        ]
    };
    let refused = shell.fails(&labor("dana"));
    assert!(refused.contains("dana cannot verify their own work"), "{refused}");
    shell.ok(&labor("carol"));
    let balance = shell.json(&["credits", "balance", "dana", "--json"]);
    assert_eq!(balance[0]["balance"], "6");
    assert_eq!(balance[0]["reputation"]["verified_hours"], 3000);
    assert_eq!(balance[0]["reputation"]["labor_events"], 1);
    let history = shell.ok(&["credits", "history", "dana"]);
    assert!(history.contains("3 h luthiery.fretting:4, verified by carol"), "{history}");

    let produced = shell.ok(&["goods", "produce", "DES-0001", "--by", "carol"]);
    assert!(produced.contains("GOOD-0001 (acoustic-guitar-0001)"), "{produced}");
    let refused = shell.fails(&["distribute", "GOOD-0001", "--to", "dana", "--by", "carol"]);
    assert!(refused.contains("dana holds no open entitlement to goods of DES-0001"), "{refused}");
    shell.ok(&["entitlement", "grant", "dana", "DES-0001", "--cost", "5", "--by", "carol"]);
    shell.ok(&["entitlement", "grant", "erin", "DES-0001", "--cost", "5", "--by", "carol"]);
    let refused = shell.fails(&["distribute", "GOOD-0001", "--to", "erin", "--by", "carol"]);
    assert!(refused.contains("erin has 0 credits, 5 needed"), "{refused}");
    shell.ok(&["distribute", "acoustic-guitar-0001", "--to", "dana", "--by", "carol"]);
    let refused = shell.fails(&["distribute", "GOOD-0001", "--to", "dana", "--by", "carol"]);
    assert!(refused.contains("GOOD-0001 was already released to dana"), "{refused}");
    let goods = shell.json(&["goods", "list", "--json"]);
    assert_eq!(goods[0]["released_to"], "dana");
    assert_eq!(shell.json(&["credits", "balance", "dana", "--json"])[0]["balance"], "1");
    let entitlements = shell.json(&["entitlement", "list", "--json"]);
    assert_eq!(entitlements[0]["used"], 1);
    assert!(shell.ok(&["audit", "verify"]).starts_with("ledger intact"));
}

/// The demo guitar planned and committed (capacity declared so the plan is feasible), worked
/// through the task workflow: predecessors, qualification, no self-verification, labor events,
/// consumption from the plan's reservation, and the seed's production block.
#[test]
fn a_committed_guitar_plan_is_worked_task_by_task() {
    let shell = crew();
    for tool in [
        "bandsaw",
        "bending-iron",
        "binding-router",
        "buffing-wheel",
        "drum-sander",
        "drying-rack",
        "fret-press",
        "go-bar-deck",
        "outside-mold",
        "side-bender",
        "spray-booth",
        "workbench",
    ] {
        shell.ok(&["resources", "tool", tool, "--count", "1"]);
    }
    for skill in [
        "finishing.spray",
        "luthiery.bending",
        "luthiery.bracing",
        "luthiery.fretting",
        "luthiery.inlay",
        "luthiery.joinery",
        "setup",
    ] {
        shell.ok(&["resources", "skill", skill, "--level", "5", "--headcount", "1"]);
    }
    shell.ok(&[
        "mandate",
        "create",
        "--design",
        "DES-0001",
        "--qty",
        "1",
        "--due",
        "2030-06-30",
        "--decision",
        "DEC-0019",
    ]);
    shell.ok(&["plan", "propose", "MAN-0001"]);
    shell.ok(&["plan", "commit", "PROD-0001"]);
    shell.ok(&["cert", "grant", "erin", "luthiery.joinery", "2", "--by", "carol"]);
    shell.ok(&["cert", "grant", "dana", "luthiery.joinery", "4", "--by", "carol"]);
    shell.ok(&["cert", "grant", "dana", "luthiery.inlay", "4", "--by", "carol"]);

    let tasks = shell.json(&["task", "list", "--json"]);
    assert_eq!(tasks.as_array().unwrap().len(), 23);
    let brace_top = tasks.as_array().unwrap().iter().find(|task| task["task"] == "PROD-0001/brace-top#1").unwrap();
    assert!(brace_top["waiting_on"].as_array().unwrap().contains(&"PROD-0001/install-rosette#1".into()), "{brace_top}");
    let refused = shell.fails(&["task", "start", "PROD-0001/brace-top#1", "--worker", "dana"]);
    assert!(refused.contains("PROD-0001/brace-top#1 cannot start: its predecessor PROD-0001/"), "{refused}");
    assert!(refused.contains("is ready, not verified"), "{refused}");
    let refused = shell.fails(&["task", "start", "PROD-0001/make-neck#1", "--worker", "erin"]);
    assert!(
        refused.contains("erin is not qualified for `luthiery.joinery` at level 4: holds level 2 only"),
        "{refused}"
    );
    let started = shell.ok(&["task", "start", "PROD-0001/thickness-top#1", "--worker", "erin"]);
    assert!(started.contains("(reserved for PROD-0001)"), "{started}");
    shell.ok(&["task", "complete", "PROD-0001/thickness-top#1", "--by", "erin"]);
    let refused = shell.fails(&["task", "complete", "PROD-0001/thickness-top#1", "--by", "erin"]);
    assert!(refused.contains("PROD-0001/thickness-top#1 is done; cannot complete"), "{refused}");
    let refused = shell.fails(&["task", "verify", "PROD-0001/thickness-top#1", "--by", "erin"]);
    assert!(refused.contains("erin cannot verify their own work"), "{refused}");
    // Acting as a participant, the console holds erin to erin's authority: she names nobody else.
    let entries = shell.ledger_len();
    let refused = shell.fails(&["--actor", "erin", "task", "verify", "PROD-0001/thickness-top#1", "--by", "dana"]);
    assert!(refused.contains("erin may not act as dana"), "{refused}");
    assert_eq!(shell.ledger_len(), entries, "a refusal writes nothing");
    let refused = shell.fails(&["--actor", "dana", "task", "verify", "PROD-0001/thickness-top#1"]);
    assert!(refused.contains("check `top thickness at the lower bout` is due"), "{refused}");
    let refused = shell.fails(&[
        "inspect",
        "record",
        "PROD-0001/thickness-top#1",
        "--check",
        "top-thickness-at-the-lower-bout",
        "--value",
        "0.11",
        "--unit",
        "in",
        "--by",
        "dana",
    ]);
    assert!(
        refused.contains("field `unit`: `top thickness at the lower bout` is measured in mm, not in in"),
        "{refused}"
    );
    assert_eq!(shell.ledger_len(), entries, "a refusal writes nothing");
    let inspected = shell.ok(&[
        "--actor",
        "dana",
        "inspect",
        "record",
        "PROD-0001/thickness-top#1",
        "--check",
        "top-thickness-at-the-lower-bout",
        "--value",
        "2.85",
        "--unit",
        "mm",
        "--instrument",
        "dial caliper",
    ]);
    assert!(
        inspected.contains("INS-0001 PROD-0001/thickness-top#1 `top-thickness-at-the-lower-bout`: in tolerance"),
        "{inspected}"
    );
    let verified = shell.ok(&["--actor", "dana", "task", "verify", "PROD-0001/thickness-top#1"]);
    assert!(verified.contains("labor: "), "{verified}");
    shell.ok(&["task", "start", "PROD-0001/install-rosette#1", "--worker", "dana"]);
    shell.ok(&["task", "block", "PROD-0001/install-rosette#1", "--reason", "go-bar deck broken", "--by", "dana"]);
    let refused = shell.fails(&["task", "complete", "PROD-0001/install-rosette#1", "--by", "dana"]);
    assert!(refused.contains("is blocked: go-bar deck broken"), "{refused}");
    shell.ok(&["task", "unblock", "PROD-0001/install-rosette#1", "--by", "carol"]);

    let block = shell.ok(&["production", "--active"]);
    assert!(
        block.starts_with("plan_id:PROD-0001\ndesign_ref:DES-0001@v1\nmandated_by:DEC-0019\ntasks_total:23\n"),
        "{block}"
    );
    assert!(
        block.contains("tasks_complete:1\ntasks_in_progress:1\nlabor_events_emitted:1\nmaterials_consumed:"),
        "{block}"
    );
    assert!(block.trim_end().ends_with(" of 28"), "{block}");
    let json = shell.json(&["production", "--active", "--json"]);
    assert_eq!(json[0]["labor_events_emitted"], 1);
    let erin = shell.json(&["credits", "balance", "erin", "--json"]);
    assert_eq!(erin[0]["reputation"]["tasks_verified_first_time"], 1);

    // Labor matching: crews proposed among the available, confirmed, accepted, worked and paid.
    for handle in ["dana", "erin"] {
        shell.ok(&["participant", "available", handle, "--week", "mon=8,tue=8,wed=8,thu=8,fri=8"]);
    }
    let refused = shell.fails(&["task", "accept", "PROD-0001/thickness-back#1", "--handle", "erin"]);
    assert!(refused.contains("erin is not in the crew of PROD-0001/thickness-back#1; cannot accept"), "{refused}");
    let proposed = shell.ok(&["match", "propose", "PROD-0001", "--by", "dana"]);
    assert!(
        proposed
            .contains("PROD-0001/brace-top#1: 1 place(s) empty — nobody is certified in `luthiery.bracing` at level 4"),
        "{proposed}"
    );
    let refused = shell.fails(&["match", "confirm", "PROD-0001", "--by", "dana"]);
    assert!(refused.contains("`dana` must be a coordinator to confirm crews"), "{refused}");
    shell.ok(&["match", "confirm", "PROD-0001", "--by", "carol"]);
    let crews = shell.json(&["match", "show", "PROD-0001", "--json"]);
    let crew_of = |crews: &Value, task: &str| -> Value {
        crews["crews"].as_array().unwrap().iter().find(|crew| crew["task"] == task).unwrap().clone()
    };
    // Nobody is double-booked: a person's confirmed tasks never overlap in time.
    let mut booked: Vec<(String, String, String)> = Vec::new();
    for crew in crews["crews"].as_array().unwrap() {
        for member in crew["members"].as_array().unwrap() {
            let handle = member["handle"].as_str().unwrap().to_string();
            let (start, end) = (crew["start"].as_str().unwrap().to_string(), crew["end"].as_str().unwrap().to_string());
            for (other, from, to) in &booked {
                assert!(!(*other == handle && *from < end && start < *to), "{handle} double-booked at {start}");
            }
            booked.push((handle, start, end));
        }
    }
    assert!(!booked.is_empty(), "{crews}");
    let thickness_back = crew_of(&crews, "PROD-0001/thickness-back#1");
    let worker = thickness_back["members"][0]["handle"].as_str().unwrap().to_string();
    let other = if worker == "dana" { "erin" } else { "dana" };
    let task = "PROD-0001/thickness-back#1";
    let refused = shell.fails(&["task", "start", task, "--worker", &worker]);
    assert!(refused.contains(&format!("{worker} has not accepted {task} yet")), "{refused}");
    let refused = shell.fails(&["task", "accept", task, "--handle", other]);
    assert!(refused.contains(&format!("{other} is not in the crew of {task}; cannot accept")), "{refused}");
    shell.ok(&["task", "accept", task, "--handle", &worker]);
    let refused = shell.fails(&["task", "start", task, "--worker", other]);
    assert!(refused.contains(&format!("{other} is not in the crew of {task}; cannot start")), "{refused}");
    shell.ok(&["task", "start", task, "--worker", &worker]);
    let refused = shell.fails(&["task", "complete", task, "--by", &worker, "--hours", "40"]);
    assert!(refused.contains("field `hours`: 40 h per worker is more than"), "{refused}");
    assert!(refused.contains("planned 3 h, at most 9 h"), "{refused}");
    let refused = shell.fails(&["task", "complete", task, "--by", &worker, "--hours", "two"]);
    assert!(refused.contains("field `hours`: `two` is not a number"), "{refused}");
    shell.ok(&["task", "complete", task, "--by", &worker, "--hours", "2.5"]);
    let refused = shell.fails(&["task", "verify", task, "--by", &worker]);
    assert!(refused.contains(&format!("{worker} cannot verify their own work")), "{refused}");
    shell.ok(&["inspect", "record", task, "--check", "back-thickness", "--value", "2.5", "--by", "carol"]);
    let verified = shell.ok(&["task", "verify", task, "--by", "carol"]);
    assert!(verified.contains(&format!("labor: 2.5 h luthiery.joinery:2 by {worker}")), "{verified}");
    let history = shell.ok(&["credits", "history", &worker]);
    assert!(history.contains("2.5 h luthiery.joinery:2 on PROD-0001/thickness-back#1, verified by carol"), "{history}");

    // A decline re-matches that place among everyone but the decliner.
    let crews = shell.json(&["match", "show", "PROD-0001", "--json"]);
    let glue = crew_of(&crews, "PROD-0001/glue-fretboard#1");
    let decliner = glue["members"][0]["handle"].as_str().unwrap().to_string();
    let declined =
        shell.ok(&["task", "decline", "PROD-0001/glue-fretboard#1", "--handle", &decliner, "--reason", "shoulder"]);
    assert!(declined.contains("re-matched: "), "{declined}");
    let glue = crew_of(&shell.json(&["match", "show", "PROD-0001", "--json"]), "PROD-0001/glue-fretboard#1");
    assert!(glue["members"].as_array().unwrap().iter().all(|member| member["handle"] != decliner.as_str()), "{glue}");
    assert_eq!(glue["declined"][0], format!("{decliner}: shoulder"));
    shell.ok(&["match", "propose", "PROD-0001", "--by", "carol"]);
    let glue = crew_of(&shell.json(&["match", "show", "PROD-0001", "--json"]), "PROD-0001/glue-fretboard#1");
    assert!(glue["proposed"].as_array().unwrap().iter().all(|handle| *handle != decliner.as_str()), "{glue}");
    assert!(shell.ok(&["audit", "verify"]).starts_with("ledger intact"));
}

mod race {
    use prodos_app::{CommandMeta, Node, NodeError};
    use prodos_core::distribution::DistributionCommand;
    use prodos_core::people::{NewParticipant, PeopleCommand};
    use prodos_core::{Command, DesignCommand, DesignId, DesignSelector, Milli, Timestamp};
    use prodos_ledger::MemoryLedger;
    use std::sync::{Arc, Barrier};

    fn meta(command_id: &str) -> CommandMeta {
        CommandMeta {
            command_id: command_id.into(),
            actor: prodos_core::Actor::Local("test".into()),
            now: Timestamp::from_millis(1_790_000_000_000),
        }
    }

    /// Two nodes on one ledger (two server processes, say) release the last good at the same
    /// moment to two entitled people: exactly one release is written, the other is refused.
    #[test]
    fn two_nodes_racing_for_the_last_good_leave_exactly_one_winner() {
        let store = Arc::new(MemoryLedger::new());
        let setup = Node::open(store.clone()).unwrap();
        let guitar = prodos_formats::parse_design(
            "examples/acoustic-guitar.toml",
            include_str!("../../../examples/acoustic-guitar.toml"),
        )
        .unwrap();
        setup
            .execute(
                &Command::Design(DesignCommand::ImportDesign { spec: guitar.spec, declared: None }),
                &meta("design"),
            )
            .unwrap();
        let certify = Command::Design(DesignCommand::CertifyDesign {
            design: DesignSelector { design: DesignId(1), version: None },
        });
        setup.execute(&certify, &meta("certify")).unwrap();
        let participants = ["carol", "dana", "erin"]
            .iter()
            .map(|handle| NewParticipant {
                handle: handle.to_string(),
                real_name: None,
                coordinator: *handle == "carol",
            })
            .collect();
        setup
            .execute(&Command::People(PeopleCommand::AddParticipants { participants, by: None }), &meta("people"))
            .unwrap();
        let design = DesignSelector { design: DesignId(1), version: None };
        let produce =
            DistributionCommand::ProduceGood { design, serial: None, note: String::new(), by: "carol".into() };
        setup.execute(&Command::Distribution(produce), &meta("produce")).unwrap();
        for handle in ["dana", "erin"] {
            let grant = DistributionCommand::GrantEntitlement {
                handle: handle.into(),
                design,
                qty: 1,
                cost_credits: Milli::ZERO,
                by: "carol".into(),
            };
            setup.execute(&Command::Distribution(grant), &meta(&format!("grant-{handle}"))).unwrap();
        }
        // Both nodes have folded the same head before either writes.
        let nodes = [Node::open(store.clone()).unwrap(), Node::open(store.clone()).unwrap()];
        let barrier = Barrier::new(2);
        let outcomes: Vec<Result<prodos_app::Receipt, NodeError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = nodes
                .iter()
                .zip(["dana", "erin"])
                .map(|(node, to)| {
                    let barrier = &barrier;
                    scope.spawn(move || {
                        let command = DistributionCommand::Distribute {
                            good: "GOOD-0001".into(),
                            to: to.into(),
                            by: "carol".into(),
                        };
                        barrier.wait();
                        node.execute(&Command::Distribution(command), &meta(&format!("release-{to}")))
                    })
                })
                .collect();
            handles.into_iter().map(|handle| handle.join().unwrap()).collect()
        });
        let winners = outcomes.iter().filter(|outcome| outcome.is_ok()).count();
        assert_eq!(winners, 1, "{outcomes:?}");
        let loser = outcomes.iter().find_map(|outcome| outcome.as_ref().err()).unwrap();
        assert!(loser.to_string().starts_with("GOOD-0001 was already released to "), "{loser}");
        let reread = Node::open(store).unwrap();
        reread.read(|state| {
            assert_eq!(state.distribution.releases().len(), 1);
            state.check_invariants().unwrap();
        });
    }
}

#[test]
fn a_participant_at_the_console_cannot_certify_designs_or_vouch_above_their_level() {
    let shell = Shell::new();
    shell.ok(&["participant", "add", "carol", "--coordinator"]);
    shell.ok(&["participant", "add", "hal"]);
    shell.ok(&["participant", "add", "ada"]);
    shell.ok(&["cert", "grant", "hal", "luthiery.joinery", "2", "--by", "carol"]);
    shell.ok(&["design", "import", "examples/acoustic-guitar.toml"]);
    let entries = shell.ledger_len();
    let refused = shell.fails(&["--actor", "hal", "design", "certify", "DES-0001"]);
    assert!(refused.contains("`hal` must be a coordinator to certify designs"), "{refused}");
    let refused = shell.fails(&["--actor", "hal", "cert", "grant", "ada", "luthiery.joinery", "3"]);
    assert!(refused.contains("hal"), "{refused}");
    let refused = shell.fails(&["--actor", "hal", "cert", "grant", "ada", "luthiery.joinery", "3", "--by", "carol"]);
    assert!(refused.contains("hal may not act as carol"), "{refused}");
    assert_eq!(shell.ledger_len(), entries, "refusals write nothing");
    // The coordinator may; so may the console's operator, recorded as such in the ledger.
    shell.ok(&["--actor", "carol", "design", "certify", "DES-0001"]);
    let log = shell.json(&["audit", "log", "--json"]);
    let kinds: Vec<&str> = log.as_array().unwrap().iter().filter_map(|entry| entry["kind"].as_str()).collect();
    assert_eq!(kinds.iter().filter(|kind| **kind == "OperatorNamed").count(), 1, "{kinds:?}");
}
