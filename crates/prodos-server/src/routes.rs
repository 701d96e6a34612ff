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
        route!(POST "/api/accounts/{handle}/enable", Admin, api::accounts::enable),
        route!(POST "/api/accounts/{handle}/role", Admin, api::accounts::set_role),
        route!(PUT "/api/accounts/{handle}/password", Admin, api::accounts::reset_password),
        route!(GET "/api/accounts/{handle}/tokens", Admin, api::accounts::tokens),
        route!(POST "/api/accounts/{handle}/tokens", Admin, api::accounts::issue_token),
        route!(PUT "/api/account/password", Member, api::accounts::change_own_password),
        route!(GET "/api/designs", Member, api::designs::list),
        route!(POST "/api/designs", Manage, api::designs::import),
        route!(POST "/api/designs/import-bom", Manage, api::designs::import_bom),
        route!(GET "/api/designs/{design}", Member, api::designs::show),
        route!(GET "/api/designs/{design}/export", Member, api::designs::export),
        route!(GET "/api/designs/{design}/cost", Member, api::designs::cost),
        route!(POST "/api/designs/{design}/certify", Manage, api::designs::certify),
        route!(POST "/api/designs/{design}/retire", Manage, api::designs::retire),
        route!(GET "/api/stock", Member, api::stock::materials),
        route!(GET "/api/stock/lots", Member, api::stock::lots),
        route!(POST "/api/stock/receive", Manage, api::stock::receive),
        route!(POST "/api/stock/import", Manage, api::stock::import),
        route!(POST "/api/stock/reserve", Manage, api::stock::reserve),
        route!(POST "/api/stock/release", Manage, api::stock::release),
        route!(POST "/api/stock/consume", Manage, api::stock::consume),
        route!(POST "/api/stock/lots/{lot}/adjust", Manage, api::stock::adjust),
        route!(GET "/api/suppliers", Member, api::suppliers::list),
        route!(POST "/api/suppliers", Manage, api::suppliers::import),
        route!(GET "/api/resources", Member, api::resources::show),
        route!(POST "/api/resources/tools", Manage, api::resources::tool),
        route!(POST "/api/resources/skills", Manage, api::resources::skill),
        route!(POST "/api/resources/labor-rates", Manage, api::resources::labor_rate),
        route!(POST "/api/resources/tool-rates", Manage, api::resources::tool_rate),
        route!(GET "/api/calendar", Member, api::calendar::show),
        route!(PUT "/api/calendar/week", Manage, api::calendar::set_week),
        route!(POST "/api/calendar/closures", Manage, api::calendar::close),
        route!(GET "/api/mandates", Member, api::mandates::list),
        route!(POST "/api/mandates", Manage, api::mandates::create),
        route!(GET "/api/production", Member, api::mandates::production),
        route!(GET "/api/plans", Member, api::plans::list),
        route!(POST "/api/plans", Manage, api::plans::propose),
        route!(GET "/api/plans/{plan}", Member, api::plans::show),
        route!(GET "/api/plans/{plan}/gantt.svg", Member, api::plans::gantt),
        route!(GET "/api/plans/{plan}/cost", Member, api::plans::cost),
        route!(POST "/api/plans/{plan}/commit", Manage, api::plans::commit),
        route!(POST "/api/plans/{plan}/cancel", Manage, api::plans::cancel),
        route!(GET "/api/plans/{plan}/match", Member, api::matching::show),
        route!(POST "/api/plans/{plan}/match", Manage, api::matching::propose),
        route!(POST "/api/plans/{plan}/match/confirm", Manage, api::matching::confirm),
        route!(GET "/api/tasks", Member, api::tasks::list),
        route!(POST "/api/tasks/{plan}/{operation}/{unit}/start", Work, api::tasks::start),
        route!(POST "/api/tasks/{plan}/{operation}/{unit}/complete", Work, api::tasks::complete),
        route!(POST "/api/tasks/{plan}/{operation}/{unit}/verify", Work, api::tasks::verify),
        route!(POST "/api/tasks/{plan}/{operation}/{unit}/reject", Work, api::tasks::reject),
        route!(POST "/api/tasks/{plan}/{operation}/{unit}/block", Work, api::tasks::block),
        route!(POST "/api/tasks/{plan}/{operation}/{unit}/unblock", Work, api::tasks::unblock),
        route!(POST "/api/tasks/{plan}/{operation}/{unit}/accept", Work, api::matching::accept),
        route!(POST "/api/tasks/{plan}/{operation}/{unit}/decline", Work, api::matching::decline),
        route!(POST "/api/tasks/{plan}/{operation}/{unit}/swap", Work, api::matching::swap),
        route!(POST "/api/tasks/{plan}/{operation}/{unit}/inspect", Work, api::quality::inspect),
        route!(GET "/api/inspections", Member, api::quality::inspections),
        route!(GET "/api/ncrs", Member, api::quality::ncrs),
        route!(GET "/api/ncrs/{ncr}", Member, api::quality::ncr),
        route!(POST "/api/ncrs/{ncr}/dispose", Work, api::quality::dispose),
        route!(GET "/api/designs/{design}/spc/{check}", Member, api::quality::chart),
        route!(POST "/api/designs/{design}/spc/{check}/freeze", Manage, api::quality::freeze),
        route!(POST "/api/designs/{design}/spc/{check}/stage", Manage, api::quality::stage),
        route!(GET "/api/reviews", Member, api::quality::reviews),
        route!(GET "/api/reviews/{review}", Member, api::quality::review),
        route!(POST "/api/reviews/{review}/resolve", Manage, api::quality::resolve),
        route!(POST "/api/reviews/{review}/close", Manage, api::quality::close),
        route!(GET "/api/field-reports", Member, api::quality::field_reports),
        route!(GET "/api/incoming-plans", Member, api::incoming::plans),
        route!(PUT "/api/materials/{material}/incoming-inspection", Manage, api::incoming::set_plan),
        route!(GET "/api/sampling-plan", Member, api::incoming::sampling),
        route!(POST "/api/lots/{lot}/inspect", Work, api::incoming::inspect),
        route!(GET "/api/lot-inspections", Member, api::incoming::inspections),
        route!(POST "/api/field-reports", Work, api::quality::report),
        route!(GET "/api/assets", Member, api::maintenance::assets),
        route!(POST "/api/assets", Manage, api::maintenance::register),
        route!(GET "/api/assets/{asset}", Member, api::maintenance::asset),
        route!(POST "/api/assets/{asset}/meter", Work, api::maintenance::meter),
        route!(POST "/api/assets/{asset}/breakdown", Work, api::maintenance::breakdown),
        route!(GET "/api/pm-plans", Member, api::maintenance::pm_plans),
        route!(POST "/api/pm-plans", Manage, api::maintenance::set_pm_plan),
        route!(GET "/api/maintenance/due", Member, api::maintenance::due),
        route!(POST "/api/maintenance/issue", Work, api::maintenance::issue),
        route!(GET "/api/work-orders", Member, api::maintenance::work_orders),
        route!(POST "/api/work-orders/{order}/start", Work, api::maintenance::start),
        route!(POST "/api/work-orders/{order}/complete", Work, api::maintenance::complete),
        route!(POST "/api/work-orders/{order}/verify", Work, api::maintenance::verify),
        route!(GET "/api/maintenance/reliability", Member, api::maintenance::reliability),
        route!(GET "/api/maintenance/periods", Member, api::maintenance::periods),
        route!(POST "/api/assets/{asset}/lockout", Work, api::maintenance::lock_out),
        route!(POST "/api/assets/{asset}/lockout/clear", Manage, api::maintenance::clear_lockout),
        route!(GET "/api/improvements", Member, api::improvements::list),
        route!(POST "/api/improvements", Work, api::improvements::propose),
        route!(POST "/api/improvements/{proposal}/decide", Manage, api::improvements::decide),
        route!(POST "/api/improvements/{proposal}/close", Work, api::improvements::close),
        route!(GET "/api/loops", Member, api::improvements::loops),
        route!(GET "/api/incidents", Member, api::safety::incidents),
        route!(POST "/api/incidents", Work, api::safety::report),
        route!(POST "/api/incidents/{incident}/suspend", Manage, api::safety::suspend),
        route!(GET "/api/participants", Member, api::people::list),
        route!(POST "/api/participants", Manage, api::people::add),
        route!(GET "/api/participants/{handle}", Member, api::people::show),
        route!(POST "/api/participants/{handle}/availability", Work, api::people::availability),
        route!(POST "/api/participants/{handle}/absences", Work, api::people::absence),
        route!(GET "/api/certifications", Member, api::people::certifications),
        route!(POST "/api/certifications", Work, api::people::grant),
        route!(POST "/api/certifications/revoke", Manage, api::people::revoke),
        route!(GET "/api/challenges", Member, api::people::challenges),
        route!(POST "/api/challenges", Manage, api::people::add_challenge),
        route!(POST "/api/challenges/{challenge}/attempts", Work, api::people::attempt),
        route!(POST "/api/attempts/{attempt}/signoff", Work, api::people::signoff),
        route!(GET "/api/credits", Member, api::credits::balances),
        route!(GET "/api/credits/{handle}", Member, api::credits::balance),
        route!(GET "/api/credits/{handle}/history", Member, api::credits::history),
        route!(POST "/api/credits/{handle}/labor", Work, api::credits::labor),
        route!(GET "/api/credit-policy", Member, api::credits::settings),
        route!(POST "/api/credit-policy", Manage, api::credits::set_policy),
        route!(POST "/api/credit-policy/weights", Manage, api::credits::weight),
        route!(POST "/api/credit-policy/gates", Manage, api::credits::gate),
        route!(GET "/api/goods", Member, api::goods::list),
        route!(POST "/api/goods", Manage, api::goods::produce),
        route!(POST "/api/goods/{good}/distribute", Manage, api::goods::distribute),
        route!(GET "/api/entitlements", Member, api::goods::entitlements),
        route!(POST "/api/entitlements", Manage, api::goods::grant),
        route!(POST "/api/entitlements/earn", Work, api::goods::earn),
        route!(GET "/api/audit/log", Member, api::audit::log),
        route!(GET "/api/audit/verify", ChainCheck, api::audit::verify),
        route!(GET "/api/events", Member, api::events::events),
        route!(GET "/", Page, pages::views::overview),
        route!(GET "/login", Public, pages::login::form),
        route!(POST "/login", Public, pages::login::submit),
        route!(POST "/logout", Page, pages::login::logout),
        route!(GET "/account", Page, pages::account::page),
        route!(POST "/account/password", Page, pages::account::change_password),
        route!(GET "/plans", Page, pages::work::plans),
        route!(GET "/plans/{plan}", Page, pages::work::plan),
        route!(GET "/tasks", Page, pages::work::tasks),
        route!(POST "/tasks/{plan}/{operation}/{unit}/{action}", Work, pages::work::task_action),
        route!(GET "/participants", Page, pages::people::participants),
        route!(GET "/participants/{handle}", Page, pages::people::participant),
        route!(GET "/goods", Page, pages::people::goods),
        route!(GET "/designs", Page, pages::views::designs),
        route!(GET "/designs/{design}", Page, pages::views::design),
        route!(GET "/designs/{design}/quality", Page, pages::quality::quality),
        route!(GET "/stock", Page, pages::views::stock),
        route!(GET "/audit", Page, pages::views::audit),
        route!(GET "/record", PublicRecordPage, pages::record::record),
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
