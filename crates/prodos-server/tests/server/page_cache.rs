//! The cached reads (`/plans/…`, `/tasks`, `/plans`, `/stock`, `/api/tasks`): each viewer gets the page
//! rendered for them (their own CSRF token, the actions their role offers), and a new ledger event
//! shows on the next read.

use crate::support::{Caller, Fixture};
use serde_json::json;

const PAGES: [&str; 4] = ["/plans", "/tasks", "/plans/PROD-0031", "/stock"];

fn csrf(caller: &Caller) -> String {
    match caller {
        Caller::Session { csrf: Some(csrf), .. } => csrf.clone(),
        _ => panic!("a signed-in session"),
    }
}

fn carries_token(page: &str, token: &str) -> bool {
    page.contains(&format!("name=\"csrf\" value=\"{token}\""))
}

#[tokio::test]
async fn each_viewer_reads_the_page_rendered_for_them() {
    let fixture = Fixture::new();
    assert_eq!(prodos_demo::ACTIVE_PLAN.to_string(), "PROD-0031", "the pages below name the demo's plan");
    // Two sessions of the same person differ only by their token; the auditor also by role.
    let first = fixture.login("participant").await;
    let second = fixture.login("participant").await;
    let auditor = fixture.login("auditor").await;
    let tokens = [csrf(&first), csrf(&second), csrf(&auditor)];
    assert!(tokens[0] != tokens[1], "sessions have their own tokens");
    for page in PAGES {
        // Twice each, so the second read of every viewer comes from the cache.
        for _ in 0..2 {
            for (viewer, own) in [&first, &second, &auditor].into_iter().zip(&tokens) {
                let reply = fixture.get(page, viewer).await;
                assert_eq!(reply.status, 200, "{page}: {}", reply.text());
                let text = reply.text();
                assert!(carries_token(&text, own), "{page} carries the viewer's own token");
                for other in tokens.iter().filter(|token| *token != own) {
                    assert!(!carries_token(&text, other), "{page} carries another session's token");
                }
            }
        }
    }
    for page in ["/tasks", "/plans/PROD-0031"] {
        let worker = fixture.get(page, &first).await.text();
        let reader = fixture.get(page, &auditor).await.text();
        assert!(worker.contains("data-action=\"start\""), "{page}: a participant is offered work");
        assert!(!reader.contains("data-action="), "{page}: an auditor is offered no action");
    }
    fixture.finish();
}

/// Starts the first ready task the participant may take; its `task` name.
async fn start_some_task(fixture: &Fixture) -> String {
    let tasks = fixture.get("/api/tasks?plan=PROD-0031&status=ready", &fixture.token("auditor")).await.json();
    for task in tasks.as_array().expect("tasks") {
        if !task["waiting_on"].as_array().is_some_and(Vec::is_empty) || !task["blocked"].is_null() {
            continue;
        }
        let uri = format!(
            "/api/tasks/{}/{}/{}/start",
            task["plan"].as_str().expect("plan"),
            task["operation"].as_str().expect("operation"),
            task["unit"]
        );
        if fixture.post_json(&uri, &fixture.token("participant"), json!({})).await.status == 200 {
            return task["task"].as_str().expect("task").to_string();
        }
    }
    panic!("the demo leaves a task the participant can start");
}

#[tokio::test]
async fn a_new_event_shows_on_the_next_read() {
    let fixture = Fixture::new();
    let browser = fixture.login("participant").await;
    let reader = fixture.token("auditor");
    let list = "/api/tasks?plan=PROD-0031";
    let before: Vec<String> = {
        let mut reads = Vec::new();
        for page in PAGES {
            reads.push(fixture.get(page, &browser).await.text());
        }
        reads.push(fixture.get(list, &reader).await.text());
        reads
    };
    let head = fixture.head();
    let task = start_some_task(&fixture).await;
    assert!(fixture.head() > head, "the start is a ledger event");

    let card = format!("data-task=\"{task}\" data-status=\"in progress\"");
    for (page, old) in PAGES.iter().zip(&before) {
        let now = fixture.get(page, &browser).await.text();
        assert!(now != *old, "{page} was answered from a stale rendering");
        assert!(now.contains(&format!("ledger head {}", fixture.head())), "{page} is rendered at the new head");
        if *page != "/plans" && *page != "/stock" {
            assert!(!old.contains(&card) && now.contains(&card), "{page} shows {task} in progress");
        }
    }
    let tasks = fixture.get(list, &reader).await.json();
    let started = tasks.as_array().expect("tasks").iter().find(|t| t["task"] == task.as_str()).expect("listed");
    assert_eq!(started["status"], "in progress", "/api/tasks shows the start");
    assert!(before[PAGES.len()].contains(&task), "the list read before the start named the task too");
    fixture.finish();
}
