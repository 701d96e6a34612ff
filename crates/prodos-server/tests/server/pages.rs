//! The dashboard pages: sign in through the form, read every page, sign out with the form's CSRF
//! token; anonymous browsers are sent to the sign-in page.

use crate::support::{Caller, Fixture, PASSWORD};
use axum::http::{Method, header};

fn form(handle: &str, password: &str) -> Option<(&'static str, Vec<u8>)> {
    let body = format!("handle={handle}&password={}", password.replace(' ', "+"));
    Some(("application/x-www-form-urlencoded", body.into_bytes()))
}

#[tokio::test]
async fn anonymous_browsers_are_sent_to_sign_in() {
    let fixture = Fixture::new();
    for page in ["/", "/designs", "/designs/DES-0001", "/stock", "/audit"] {
        let reply = fixture.get(page, &Caller::Anonymous).await;
        assert_eq!(reply.status, 303, "{page}");
        assert_eq!(reply.headers[header::LOCATION], "/login", "{page}");
    }
    let login = fixture.get("/login", &Caller::Anonymous).await;
    assert_eq!(login.status, 200);
    assert!(login.text().contains("<form method=\"post\" action=\"/login\""));
    fixture.finish();
}

#[tokio::test]
async fn sign_in_read_every_page_and_sign_out() {
    let fixture = Fixture::new();
    let wrong = fixture.send(Method::POST, "/login", &Caller::Anonymous, form("coordinator", "wrong password!!")).await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.text().contains("wrong handle or password"));

    let reply = fixture.send(Method::POST, "/login", &Caller::Anonymous, form("coordinator", PASSWORD)).await;
    assert_eq!(reply.status, 303, "{}", reply.text());
    let cookie =
        reply.headers[header::SET_COOKIE].to_str().expect("ascii").split(';').next().expect("cookie").to_string();
    let browser = Caller::Session { cookie: cookie.clone(), csrf: None };

    let overview = fixture.get("/", &browser).await;
    assert_eq!(overview.status, 200);
    assert!(overview.text().contains("coordinator (coordinator)"));
    let designs = fixture.get("/designs", &browser).await.text();
    assert!(designs.contains("href=\"/designs/DES-0001\"") && designs.contains("acoustic-guitar"));
    let design = fixture.get("/designs/DES-0002", &browser).await;
    assert_eq!(design.status, 200);
    assert!(design.text().contains("wall-module"), "the BOM tree lists nested modules");
    let stock = fixture.get("/stock", &browser).await.text();
    assert!(stock.contains("LOT-0001") && stock.contains("abalone-rosette"));
    let audit = fixture.get("/audit", &browser).await.text();
    assert!(audit.contains("Chain intact"), "{audit}");
    assert_eq!(fixture.get("/static/app.css", &Caller::Anonymous).await.status, 200);
    assert_eq!(fixture.get("/designs/DES-0999", &browser).await.status, 404);

    // Sign-out without the form's token is refused; with it, the session ends.
    let refused = fixture
        .send(Method::POST, "/logout", &browser, Some(("application/x-www-form-urlencoded", b"csrf=nope".to_vec())))
        .await;
    assert_eq!(refused.status, 403);
    let csrf = overview
        .text()
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .expect("csrf field")
        .split('"')
        .next()
        .expect("value")
        .to_string();
    let out = fixture
        .send(
            Method::POST,
            "/logout",
            &browser,
            Some(("application/x-www-form-urlencoded", format!("csrf={csrf}").into_bytes())),
        )
        .await;
    assert_eq!(out.status, 303);
    assert_eq!(fixture.get("/", &browser).await.status, 303);
    fixture.finish();
}

#[tokio::test]
async fn page_text_is_escaped() {
    let fixture = Fixture::new();
    let received = fixture
        .post_json(
            "/api/stock/receive",
            &fixture.token("coordinator"),
            serde_json::json!({"material": "abalone-rosette", "qty": 1, "unit": "pc", "cost": 1, "location": "<script>alert(1)</script>"}),
        )
        .await;
    assert_eq!(received.status, 200, "{}", received.text());
    let stock = fixture.get("/stock", &fixture.token("auditor")).await.text();
    assert!(!stock.contains("<script>alert(1)</script>"));
    assert!(stock.contains("&#60;script&#62;") || stock.contains("&lt;script&gt;"), "escaped");
    fixture.finish();
}
