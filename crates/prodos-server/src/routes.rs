//! The route registry: every route's method, path, required access and handler in one table.
//! The router is built from it, and the authorization matrix test and the OpenAPI check read it,
//! so a route cannot exist without an access rule and a test row.

use crate::api;
use crate::auth::Access;
use crate::guard;
use crate::pages;
use crate::state::AppState;
use axum::Router;
use axum::http::Method;
use axum::middleware::from_fn_with_state;
use axum::routing::{MethodFilter, MethodRouter, on};
use std::collections::BTreeMap;

pub struct RouteSpec {
    pub method: Method,
    /// axum syntax: `/api/designs/{design}`.
    pub path: &'static str,
    pub access: Access,
    build: fn(MethodFilter) -> MethodRouter<AppState>,
}

macro_rules! route {
    ($method:ident $path:literal, $access:ident, $handler:path) => {
        RouteSpec {
            method: Method::$method,
            path: $path,
            access: Access::$access,
            build: |filter| on(filter, $handler),
        }
    };
}

/// Every route the server answers. Add new nouns here (and a row in the matrix test).
pub fn registry() -> Vec<RouteSpec> {
    vec![
        route!(GET "/api/health", Public, api::meta::health),
        route!(GET "/api/openapi.json", Public, api::meta::openapi),
        route!(GET "/api/public/record", PublicRecord, api::meta::public_record),
        route!(POST "/api/session", Public, api::session::login),
        route!(GET "/api/session", Member, api::session::whoami),
        route!(DELETE "/api/session", Member, api::session::logout),
        route!(GET "/api/tokens", Member, api::tokens::list),
        route!(POST "/api/tokens", Member, api::tokens::create),
        route!(DELETE "/api/tokens/{id}", Member, api::tokens::revoke),
        route!(GET "/api/accounts", Admin, api::accounts::list),
        route!(POST "/api/accounts", Admin, api::accounts::create),
        route!(POST "/api/accounts/{handle}/disable", Admin, api::accounts::disable),
        route!(GET "/api/designs", Member, api::designs::list),
        route!(POST "/api/designs", Manage, api::designs::import),
        route!(GET "/api/designs/{design}", Member, api::designs::show),
        route!(GET "/api/designs/{design}/export", Member, api::designs::export),
        route!(POST "/api/designs/{design}/certify", Manage, api::designs::certify),
        route!(POST "/api/designs/{design}/retire", Manage, api::designs::retire),
        route!(GET "/api/stock", Member, api::stock::materials),
        route!(GET "/api/stock/lots", Member, api::stock::lots),
        route!(POST "/api/stock/receive", Manage, api::stock::receive),
        route!(POST "/api/stock/reserve", Manage, api::stock::reserve),
        route!(POST "/api/stock/release", Manage, api::stock::release),
        route!(POST "/api/stock/consume", Manage, api::stock::consume),
        route!(POST "/api/stock/lots/{lot}/adjust", Manage, api::stock::adjust),
        route!(GET "/api/suppliers", Member, api::suppliers::list),
        route!(POST "/api/suppliers", Manage, api::suppliers::import),
        route!(GET "/api/audit/log", Member, api::audit::log),
        route!(GET "/api/audit/verify", Verify, api::audit::verify),
        route!(GET "/api/events", Member, api::events::events),
        route!(GET "/", Page, pages::views::overview),
        route!(GET "/login", Public, pages::login::form),
        route!(POST "/login", Public, pages::login::submit),
        route!(POST "/logout", Page, pages::login::logout),
        route!(GET "/designs", Page, pages::views::designs),
        route!(GET "/designs/{design}", Page, pages::views::design),
        route!(GET "/stock", Page, pages::views::stock),
        route!(GET "/audit", Page, pages::views::audit),
        route!(GET "/static/app.css", Public, pages::stylesheet),
        route!(GET "/static/live.js", Public, pages::script),
    ]
}

/// The routes of the registry, each behind the access guard for its own `Access`.
pub fn routes(state: &AppState) -> Router<AppState> {
    let mut by_path: BTreeMap<&'static str, MethodRouter<AppState>> = BTreeMap::new();
    for spec in registry() {
        let filter = MethodFilter::try_from(spec.method.clone()).expect("registry methods are standard methods");
        let guarded = (spec.build)(filter).layer(from_fn_with_state((state.clone(), spec.access), guard::guard));
        let merged = match by_path.remove(spec.path) {
            Some(existing) => existing.merge(guarded),
            None => guarded,
        };
        by_path.insert(spec.path, merged);
    }
    by_path.into_iter().fold(Router::new(), |router, (path, method_router)| router.route(path, method_router))
}
