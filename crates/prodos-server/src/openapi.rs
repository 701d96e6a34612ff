//! The OpenAPI document at `/api/openapi.json`, generated from the handlers' annotations. A test
//! checks that it lists exactly the routes of the registry.

use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};

#[derive(OpenApi)]
#[openapi(
    info(title = "prodos", description = "The Production OS of one node: designs, stock, suppliers, resources and calendar, mandates and plans, tasks, people, credits, goods and the hash-chained record."),
    paths(
        crate::api::meta::health,
        crate::api::meta::openapi,
        crate::api::meta::public_record,
        crate::api::session::login,
        crate::api::session::whoami,
        crate::api::session::logout,
        crate::api::tokens::list,
        crate::api::tokens::create,
        crate::api::tokens::revoke,
        crate::api::accounts::list,
        crate::api::accounts::create,
        crate::api::accounts::disable,
        crate::api::accounts::enable,
        crate::api::accounts::set_role,
        crate::api::accounts::reset_password,
        crate::api::accounts::tokens,
        crate::api::accounts::issue_token,
        crate::api::accounts::change_own_password,
        crate::api::designs::list,
        crate::api::designs::import,
        crate::api::designs::import_bom,
        crate::api::designs::show,
        crate::api::designs::export,
        crate::api::designs::certify,
        crate::api::designs::retire,
        crate::api::designs::cost,
        crate::api::mandates::list,
        crate::api::mandates::create,
        crate::api::mandates::production,
        crate::api::plans::list,
        crate::api::plans::propose,
        crate::api::plans::show,
        crate::api::plans::gantt,
        crate::api::plans::cost,
        crate::api::plans::commit,
        crate::api::plans::cancel,
        crate::api::matching::show,
        crate::api::matching::propose,
        crate::api::matching::confirm,
        crate::api::matching::accept,
        crate::api::matching::decline,
        crate::api::matching::swap,
        crate::api::tasks::list,
        crate::api::tasks::start,
        crate::api::tasks::complete,
        crate::api::tasks::verify,
        crate::api::tasks::reject,
        crate::api::tasks::block,
        crate::api::tasks::unblock,
        crate::api::quality::inspect,
        crate::api::quality::inspections,
        crate::api::quality::ncrs,
        crate::api::quality::ncr,
        crate::api::quality::dispose,
        crate::api::quality::chart,
        crate::api::quality::freeze,
        crate::api::quality::stage,
        crate::api::people::list,
        crate::api::people::add,
        crate::api::people::show,
        crate::api::people::availability,
        crate::api::people::absence,
        crate::api::people::certifications,
        crate::api::people::grant,
        crate::api::people::revoke,
        crate::api::people::challenges,
        crate::api::people::add_challenge,
        crate::api::people::attempt,
        crate::api::people::signoff,
        crate::api::credits::balances,
        crate::api::credits::balance,
        crate::api::credits::history,
        crate::api::credits::labor,
        crate::api::credits::settings,
        crate::api::credits::set_policy,
        crate::api::credits::weight,
        crate::api::credits::gate,
        crate::api::goods::list,
        crate::api::goods::produce,
        crate::api::goods::distribute,
        crate::api::goods::entitlements,
        crate::api::goods::grant,
        crate::api::goods::earn,
        crate::api::stock::materials,
        crate::api::stock::lots,
        crate::api::stock::receive,
        crate::api::stock::import,
        crate::api::stock::reserve,
        crate::api::stock::release,
        crate::api::stock::consume,
        crate::api::stock::adjust,
        crate::api::suppliers::list,
        crate::api::suppliers::import,
        crate::api::resources::show,
        crate::api::resources::tool,
        crate::api::resources::skill,
        crate::api::resources::labor_rate,
        crate::api::resources::tool_rate,
        crate::api::calendar::show,
        crate::api::calendar::set_week,
        crate::api::calendar::close,
        crate::api::audit::log,
        crate::api::audit::verify,
        crate::api::events::events,
    ),
    components(schemas(crate::error::ErrorBody)),
    modifiers(&Security),
)]
struct ApiDoc;

struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("tok_<id>.<secret>").build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(crate::guard::SESSION_COOKIE))),
        );
    }
}

pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}
