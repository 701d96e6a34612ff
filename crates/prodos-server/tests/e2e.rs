//! End to end in headless Chromium (Debian's `chromium` and `chromium-driver`, which
//! `scripts/test` installs): the server runs in-process on an ephemeral port over a freshly seeded
//! demo; the coordinator opens PROD-0031, participant A starts and completes a task in a second
//! browser, participant B verifies it in a third, and the coordinator's open page shows the
//! progress change live (server-sent events, no reload). A screenshot of that page is saved to
//! `target/e2e/dashboard.png`.
//!
//! It needs a browser, so it is ignored in a plain `cargo test` (and says why); `scripts/test` runs it
//! with `--ignored` when `PRODOS_E2E=1` (as CI sets), and then a missing chromedriver fails it.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use prodos_core::State;
use prodos_core::execution::{TaskRef, TaskStatus};
use prodos_demo::{ACTIVE_PLAN, COORDINATOR, PARTICIPANT_A, PARTICIPANT_B};
use prodos_server::auth::store::AccountStore;
use prodos_server::demo::{DemoLogin, ensure_accounts};
use prodos_server::{AppState, ServerConfig, app};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

/// How long the test waits for a page, a button or a live update before failing.
const PATIENCE: Duration = Duration::from_secs(20);

#[test]
#[ignore = "drives headless Chromium: needs chromedriver; `PRODOS_E2E=1 scripts/test` runs it"]
fn a_coordinator_watches_two_participants_finish_a_task_live() {
    let Some(chromedriver) = find_on_path("chromedriver") else {
        panic!("chromedriver is not installed (Debian: apt-get install chromium chromium-driver; scripts/test does)");
    };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(walk_through(chromedriver));
}

async fn walk_through(chromedriver: PathBuf) {
    let server = Server::start().await;
    let driver = Driver::start(&chromedriver).await;
    let task = server.task.clone();
    let card = format!("[data-task=\"{task}\"]");

    let coordinator = driver.browser().await;
    sign_in(&coordinator, &server, COORDINATOR).await;
    // A design's quality page draws the drifting check's control chart with its signalled points.
    coordinator.goto(&server.url("/designs/DES-0001/quality")).await.unwrap();
    let chart = "#check-setup-neck-relief svg.control-chart[role=\"img\"]";
    let label = find(&coordinator, chart).await.attr("aria-label").await.unwrap().unwrap_or_default();
    assert!(label.contains("neck relief at the 7th fret"), "the chart names its check: {label}");
    let signalled = coordinator.find_all(Locator::Css(&format!("{chart} circle.point.signalled"))).await.unwrap();
    assert!(!signalled.is_empty(), "the quality page marks the signalled points");
    let signals = text_of(&coordinator, "#check-setup-neck-relief table.signals").await;
    assert!(signals.contains("Nelson 5") || signals.contains("Nelson 6"), "{signals}");
    assert!(text_of(&coordinator, "table.ncrs").await.contains("NCR-0001"));

    coordinator.goto(&server.url(&format!("/plans/{ACTIVE_PLAN}"))).await.unwrap();
    let progress_before = text_of(&coordinator, "#plan-progress").await;

    let worker = driver.browser().await;
    sign_in(&worker, &server, PARTICIPANT_A).await;
    // The plan page carries the task board; each card offers the actions its viewer may take.
    let board = server.url(&format!("/plans/{ACTIVE_PLAN}"));
    worker.goto(&board).await.unwrap();
    click(&worker, &action(&card, "start")).await;
    wait_for_status(&server, &task, TaskStatus::InProgress).await;
    worker.goto(&board).await.unwrap();
    click(&worker, &action(&card, "complete")).await;
    wait_for_status(&server, &task, TaskStatus::Done).await;

    let checker = driver.browser().await;
    sign_in(&checker, &server, PARTICIPANT_B).await;
    checker.goto(&board).await.unwrap();
    click(&checker, &action(&card, "verify")).await;
    wait_for_status(&server, &task, TaskStatus::Verified).await;

    // The coordinator never reloaded: the page changed because the server pushed the new head.
    let progress_after = wait_until_changed(&coordinator, "#plan-progress", &progress_before).await;
    let record = server.state.node.read(|state| state.execution.task(&task));
    assert_eq!(record.worker.as_deref(), Some(PARTICIPANT_A));
    assert_eq!(record.verified_by.as_deref(), Some(PARTICIPANT_B));

    let screenshot = screenshot_path();
    std::fs::create_dir_all(screenshot.parent().unwrap()).unwrap();
    std::fs::write(&screenshot, coordinator.screenshot().await.unwrap()).unwrap();
    println!("e2e: {task} started and completed by {PARTICIPANT_A}, verified by {PARTICIPANT_B}");
    println!("e2e: the coordinator's plan page went from `{progress_before}` to `{progress_after}` live");
    println!("e2e: screenshot of the coordinator's dashboard saved to {}", screenshot.display());

    for browser in [coordinator, worker, checker] {
        browser.close().await.unwrap();
    }
    assert_eq!(server.state.panics_caught(), 0);
    server.state.node.read(State::check_invariants).unwrap();
}

/// `target/e2e/dashboard.png`, beside the target directory's `tmp`.
fn screenshot_path() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().join("e2e").join("dashboard.png")
}

fn action(card: &str, name: &str) -> String {
    // The action may sit on the card itself or on a button inside it.
    format!("{card}[data-action=\"{name}\"], {card} [data-action=\"{name}\"]")
}

/// The demo served in-process from a fresh data directory, with its logins.
struct Server {
    addr: SocketAddr,
    state: AppState,
    logins: Vec<DemoLogin>,
    /// The task the participants work: ready for A, checkable by B.
    task: TaskRef,
    _dir: tempfile::TempDir,
}

impl Server {
    async fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let node = prodos_app::data_dir::open(dir.path()).unwrap();
        let now = prodos_app::clock::now();
        prodos_demo::seed(&node, "demo", now).unwrap();
        let task = node.read(|state| prodos_demo::task_for_a_and_b(state, now)).expect("a task for A and B");
        let accounts = AccountStore::open(dir.path()).unwrap();
        let logins = ensure_accounts(&accounts, dir.path(), prodos_demo::DEMO_LOGINS, now.millis()).unwrap();
        // Plain HTTP on 127.0.0.1: cookies without the Secure flag.
        let config = ServerConfig { secure_cookies: false, ..ServerConfig::default() };
        let state = AppState::new(Arc::new(node), accounts, config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let service = app(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
        tokio::spawn(async move { axum::serve(listener, service).await });
        Server { addr, state, logins, task, _dir: dir }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn password(&self, handle: &str) -> &str {
        &self.logins.iter().find(|login| login.handle == handle).expect("a demo login").password
    }
}

/// A chromedriver child process on a free port, ended when the test ends.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    async fn start(chromedriver: &Path) -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let driver = Driver { child, url: format!("http://127.0.0.1:{port}") };
        patiently("chromedriver to listen", || async {
            tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok().then_some(())
        })
        .await;
        driver
    }

    /// A new headless Chromium session: its own profile, so its own cookies.
    async fn browser(&self) -> Client {
        let mut options = serde_json::json!({
            "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1000"],
        });
        if let Some(chromium) = find_on_path("chromium") {
            options["binary"] = chromium.display().to_string().into();
        }
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("goog:chromeOptions".into(), options);
        ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&self.url)
            .await
            .expect("a Chromium session")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn sign_in(browser: &Client, server: &Server, handle: &str) {
    browser.goto(&server.url("/login")).await.unwrap();
    browser.find(Locator::Css("#handle")).await.unwrap().send_keys(handle).await.unwrap();
    browser.find(Locator::Css("#password")).await.unwrap().send_keys(server.password(handle)).await.unwrap();
    browser.find(Locator::Css("form.login button[type=submit]")).await.unwrap().click().await.unwrap();
    patiently("the sign-in to land", || async {
        let url = browser.current_url().await.ok()?;
        (!url.path().starts_with("/login")).then_some(())
    })
    .await;
    let header = text_of(browser, "header").await;
    assert!(header.contains(handle), "signed in as {handle}: {header}");
}

async fn find(browser: &Client, css: &str) -> Element {
    patiently(css, || async { browser.find(Locator::Css(css)).await.ok() }).await
}

async fn click(browser: &Client, css: &str) {
    find(browser, css).await.click().await.unwrap();
}

async fn text_of(browser: &Client, css: &str) -> String {
    find(browser, css).await.text().await.unwrap().trim().to_string()
}

async fn wait_until_changed(browser: &Client, css: &str, before: &str) -> String {
    patiently(&format!("{css} to change from `{before}`"), || async {
        let now = browser.find(Locator::Css(css)).await.ok()?.text().await.ok()?;
        (now.trim() != before).then(|| now.trim().to_string())
    })
    .await
}

async fn wait_for_status(server: &Server, task: &TaskRef, wanted: TaskStatus) {
    patiently(&format!("{task} to be {}", wanted.as_str()), || async {
        (server.state.node.read(|state| state.execution.task(task).status) == wanted).then_some(())
    })
    .await;
}

/// Polls `probe` until it answers, failing the test after `PATIENCE`.
async fn patiently<T, F, Fut>(what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        if let Some(found) = probe().await {
            return found;
        }
        assert!(tokio::time::Instant::now() < deadline, "gave up waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn find_on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|candidate| candidate.is_file())
}
