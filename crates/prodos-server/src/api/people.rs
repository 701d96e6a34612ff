//! `/api/participants`, `/api/certifications`, `/api/challenges`, `/api/attempts`: the people of
//! the node, their certifications and the training game. Writes are made as the caller's
//! participant (`by`); participants change only their own records, coordinators anyone's.
//! Participants are added one as JSON or many from a CSV file.

use crate::api::extract::{ApiJson, ApiPath, ApiQuery, TextBody};
use crate::api::imports::at_line;
use crate::api::{ReceiptBody, execute};
use crate::auth::Principal;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderMap, header};
use axum::{Extension, Json};
use prodos_app::queries;
use prodos_app::views::people::{CertificationView, ChallengeView, ParticipantView};
use prodos_core::people::{NewParticipant, PeopleCommand, Question};
use prodos_core::plan::Day;
use prodos_core::{AttemptId, ChallengeId, Command};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddParticipantRequest {
    pub handle: String,
    pub real_name: Option<String>,
    #[serde(default)]
    pub coordinator: bool,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AvailabilityRequest {
    /// Hours offered per weekday, Monday first, e.g. `[8, 8, 8, 8, 4, 0, 0]`.
    pub hours_per_weekday: [f64; 7],
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AbsenceRequest {
    /// First day away, `YYYY-MM-DD`.
    pub from: String,
    /// Last day away (included).
    pub to: String,
    pub reason: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GrantRequest {
    pub handle: String,
    pub skill: String,
    /// 1–5.
    pub level: i64,
    /// The last day on which it counts, `YYYY-MM-DD`.
    pub expires: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevokeRequest {
    pub handle: String,
    pub skill: String,
    pub reason: String,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct CertificationFilter {
    /// Only this participant's.
    pub handle: Option<String>,
    /// Expired and revoked ones too.
    #[serde(default)]
    pub all: bool,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionRequest {
    pub prompt: String,
    /// The expected answer (case and spacing ignored); never shown to candidates.
    pub answer: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChallengeRequest {
    pub skill: String,
    pub level: i64,
    pub title: String,
    /// Practical steps the candidate demonstrates, in order.
    #[serde(default)]
    pub steps: Vec<String>,
    #[serde(default)]
    pub questions: Vec<QuestionRequest>,
    /// Share of written answers that must be right, in percent (default 80).
    pub pass_mark_percent: Option<i64>,
    /// How long the certification stays valid; none for no expiry.
    pub valid_for_days: Option<i64>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttemptRequest {
    /// The candidate; participants attempt only as themselves (the default).
    pub handle: Option<String>,
    /// Answers in question order.
    #[serde(default)]
    pub answers: Vec<String>,
    /// Step numbers demonstrated, from 1.
    #[serde(default)]
    pub steps: Vec<u32>,
}

fn day(field: &str, text: &str) -> Result<Day, ApiError> {
    text.parse().map_err(|message: String| ApiError::invalid(field, message))
}

fn id<T: std::str::FromStr<Err = prodos_core::IdParseError>>(field: &str, text: &str) -> Result<T, ApiError> {
    text.parse().map_err(|error: prodos_core::IdParseError| ApiError::BadRequest {
        code: "bad_id",
        message: error.to_string(),
        field: Some(field.to_string()),
    })
}

async fn people(
    state: &AppState,
    principal: &Principal,
    headers: &HeaderMap,
    command: PeopleCommand,
) -> Result<Json<ReceiptBody>, ApiError> {
    execute(state, principal, headers, Command::People(command)).await
}

#[utoipa::path(get, path = "/api/participants", tag = "people",
    responses((status = 200, description = "Participants with their valid skills", body = Vec<ParticipantView>)))]
pub async fn list(State(state): State<AppState>) -> Json<Vec<ParticipantView>> {
    let now = state.now();
    Json(queries::participants(&state.node, now).into_iter().map(|(participant, _)| participant).collect())
}

#[utoipa::path(get, path = "/api/participants/{handle}", tag = "people",
    params(("handle" = String, Path, description = "The participant's handle")),
    responses((status = 200, description = "Skills, certifications, availability, absences", body = ParticipantView),
              (status = 404, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    ApiPath(handle): ApiPath<String>,
) -> Result<Json<ParticipantView>, ApiError> {
    let now = state.now();
    Ok(Json(queries::participant(&state.node, &handle, now)?))
}

#[utoipa::path(post, path = "/api/participants", tag = "people",
    request_body(description = "One participant as JSON, or many as CSV with a header row `handle[,real_name][,coordinator]` (as `prodos participant import` reads): all of them or none",
        content((AddParticipantRequest = "application/json"), (String = "text/csv"))),
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 409, body = ErrorBody), (status = 415, body = ErrorBody),
              (status = 422, description = "A bad value; in CSV, participants.csv:LINE: problems", body = ErrorBody)))]
pub async fn add(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    request: Request,
) -> Result<Json<ReceiptBody>, ApiError> {
    const FILE: &str = "participants.csv";
    let headers = request.headers().clone();
    if !is_csv(&headers) {
        let ApiJson(request) = ApiJson::<AddParticipantRequest>::from_request(request, &state).await?;
        let by = principal.handle.clone();
        let participant =
            NewParticipant { handle: request.handle, real_name: request.real_name, coordinator: request.coordinator };
        let command = PeopleCommand::AddParticipants { participants: vec![participant], by: Some(by) };
        return people(&state, &principal, &headers, command).await;
    }
    let body = TextBody::read(request, &state, &["text/csv"], FILE).await?;
    let rows = prodos_formats::parse_participants_csv(FILE, &body.text)?;
    let lines: Vec<usize> = rows.iter().map(|row| row.line).collect();
    let participants = rows.into_iter().map(|row| row.participant).collect();
    let by = principal.handle.clone();
    let command = PeopleCommand::AddParticipants { participants, by: Some(by) };
    people(&state, &principal, &headers, command).await.map_err(|error| at_line(error, FILE, "participants", &lines))
}

fn is_csv(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.split(';').next().unwrap_or("").trim().eq_ignore_ascii_case("text/csv"))
}

#[utoipa::path(post, path = "/api/participants/{handle}/availability", tag = "people", request_body = AvailabilityRequest,
    params(("handle" = String, Path, description = "The participant; participants set only their own"),
           ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn availability(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(handle): ApiPath<String>,
    ApiJson(request): ApiJson<AvailabilityRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let mut minutes_per_weekday = [0i64; 7];
    for (minutes, hours) in minutes_per_weekday.iter_mut().zip(request.hours_per_weekday) {
        if !(0.0..=24.0).contains(&hours) {
            return Err(ApiError::invalid("hours_per_weekday", format!("{hours} is not between 0 and 24 hours")));
        }
        *minutes = (hours * 60.0).round() as i64;
    }
    people(&state, &principal, &headers, PeopleCommand::SetAvailability { handle, minutes_per_weekday }).await
}

#[utoipa::path(post, path = "/api/participants/{handle}/absences", tag = "people", request_body = AbsenceRequest,
    params(("handle" = String, Path, description = "The participant; participants record only their own"),
           ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn absence(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(handle): ApiPath<String>,
    ApiJson(request): ApiJson<AbsenceRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let command = PeopleCommand::RecordAbsence {
        handle,
        from: day("from", &request.from)?,
        to: day("to", &request.to)?,
        reason: request.reason,
    };
    people(&state, &principal, &headers, command).await
}

#[utoipa::path(get, path = "/api/certifications", tag = "people", params(CertificationFilter),
    responses((status = 200, body = Vec<CertificationView>), (status = 404, body = ErrorBody)))]
pub async fn certifications(
    State(state): State<AppState>,
    ApiQuery(filter): ApiQuery<CertificationFilter>,
) -> Result<Json<Vec<CertificationView>>, ApiError> {
    let now = state.now();
    Ok(Json(queries::certifications(&state.node, filter.handle.as_deref(), filter.all, now)?))
}

#[utoipa::path(post, path = "/api/certifications", tag = "people", request_body = GrantRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, description = "Certified, issued by the caller (a coordinator or someone certified above the level)", body = ReceiptBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn grant(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<GrantRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let by = principal.handle.clone();
    let expires_on = request.expires.as_deref().map(|text| day("expires", text)).transpose()?;
    let command = PeopleCommand::GrantCertification {
        handle: request.handle,
        skill: request.skill,
        level: request.level,
        expires_on,
        by,
    };
    people(&state, &principal, &headers, command).await
}

#[utoipa::path(post, path = "/api/certifications/revoke", tag = "people", request_body = RevokeRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn revoke(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<RevokeRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let by = principal.handle.clone();
    let command =
        PeopleCommand::RevokeCertification { handle: request.handle, skill: request.skill, reason: request.reason, by };
    people(&state, &principal, &headers, command).await
}

#[utoipa::path(get, path = "/api/challenges", tag = "people",
    responses((status = 200, description = "Challenges with their attempts; answers are never shown", body = Vec<ChallengeView>)))]
pub async fn challenges(State(state): State<AppState>) -> Json<Vec<ChallengeView>> {
    Json(queries::challenges(&state.node))
}

#[utoipa::path(post, path = "/api/challenges", tag = "people", request_body = ChallengeRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, body = ReceiptBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_challenge(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<ChallengeRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let by = principal.handle.clone();
    let command = PeopleCommand::AddChallenge {
        skill: request.skill,
        level: request.level,
        title: request.title,
        steps: request.steps,
        questions: request.questions.into_iter().map(|q| Question { prompt: q.prompt, answer: q.answer }).collect(),
        pass_mark_percent: request.pass_mark_percent.unwrap_or(80),
        valid_for_days: request.valid_for_days,
        by,
    };
    people(&state, &principal, &headers, command).await
}

#[utoipa::path(post, path = "/api/challenges/{challenge}/attempts", tag = "people", request_body = AttemptRequest,
    params(("challenge" = String, Path, description = "`CHAL-0001`"),
           ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, description = "Graded at once", body = ReceiptBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn attempt(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(challenge): ApiPath<String>,
    ApiJson(request): ApiJson<AttemptRequest>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let challenge: ChallengeId = id("challenge", &challenge)?;
    let me = principal.handle.clone();
    let handle = request.handle.unwrap_or(me);
    let command = PeopleCommand::AttemptChallenge {
        challenge,
        handle,
        answers: request.answers,
        steps_demonstrated: request.steps,
    };
    people(&state, &principal, &headers, command).await
}

#[utoipa::path(post, path = "/api/attempts/{attempt}/signoff", tag = "people",
    params(("attempt" = String, Path, description = "`ATT-0001`"),
           ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe key")),
    responses((status = 200, description = "Signed off by the caller; certifies the candidate", body = ReceiptBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn signoff(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    ApiPath(attempt): ApiPath<String>,
) -> Result<Json<ReceiptBody>, ApiError> {
    let attempt: AttemptId = id("attempt", &attempt)?;
    let by = principal.handle.clone();
    people(&state, &principal, &headers, PeopleCommand::SignOffAttempt { attempt, by }).await
}
