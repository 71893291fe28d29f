//! Notes, messages and the access log of a complaint.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use samenleven_domain::DomainError;
use samenleven_domain::access::Action;
use samenleven_domain::model::tracking_code::TrackingCode;
use samenleven_domain::reference::ComplaintStatus;
use samenleven_persistence::repo::complaint_exchange::{Direction, Message, Note};
use samenleven_persistence::repo::shared::access_log;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::handlers::visible;
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ErrorCode, Problem};
use crate::extract::Json;

/// The longest note or message accepted.
const MAX_TEXT_CHARS: usize = 5000;

/// A note or a message.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct TextRequest {
    /// The text, 1 to 5,000 characters.
    #[schema(
        min_length = 1,
        max_length = 5000,
        example = "Could you tell us the name of the café?"
    )]
    text: String,
}

fn checked(text: &str) -> Result<String, DomainError> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > MAX_TEXT_CHARS {
        Err(DomainError::invalid(
            "/text",
            format!("must be 1 to {MAX_TEXT_CHARS} characters"),
        ))
    } else {
        Ok(text.to_owned())
    }
}

/// An internal note.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NoteView {
    /// Its id.
    pub id: Uuid,
    /// Who wrote it.
    pub author: String,
    /// The note.
    pub text: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

impl From<Note> for NoteView {
    fn from(n: Note) -> Self {
        Self {
            id: n.id,
            author: n.author,
            text: n.text,
            created_at: n.created_at,
        }
    }
}

/// A message between a handler and the reporter.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MessageView {
    /// Its id.
    pub id: Uuid,
    /// `to_reporter` or `from_reporter`.
    #[schema(example = "to_reporter")]
    pub direction: &'static str,
    /// The handler who wrote it; null for the reporter (and on the reporter's status page).
    pub author: Option<String>,
    /// The text.
    pub text: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

impl MessageView {
    /// The view of `m`, with the author shown or not.
    pub fn new(m: Message, with_author: bool) -> Self {
        Self {
            id: m.id,
            direction: m.direction.code(),
            author: m.author.filter(|_| with_author),
            text: m.text,
            created_at: m.created_at,
        }
    }
}

/// Read a complaint's internal notes
///
/// Oldest first. Needs role `complaint_handler`.
#[utoipa::path(
    tag = "complaints",
    operation_id = "listComplaintNotes",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The complaint's id")),
    responses(
        (status = 200, description = "The notes", body = Vec<NoteView>),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such complaint, or not visible", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/complaints/{id}/notes")]
pub(super) async fn list_complaint_notes(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let complaint = visible(&state, &caller, Action::ListComplaintNotes, *id).await?;
    let notes = state.complaints().notes(complaint.id).await?;
    Ok(HttpResponse::Ok().json(notes.into_iter().map(NoteView::from).collect::<Vec<_>>()))
}

/// Add an internal note
///
/// Notes are for handlers only; the reporter never sees them. Needs role `complaint_handler`.
#[utoipa::path(
    tag = "complaints",
    operation_id = "addComplaintNote",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The complaint's id")),
    request_body = TextRequest,
    responses(
        (status = 201, description = "Added", body = NoteView),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such complaint, or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The text is empty or too long", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/complaints/{id}/notes")]
pub(super) async fn add_complaint_note(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: Json<TextRequest>,
) -> Result<HttpResponse, ApiError> {
    let complaint = visible(&state, &caller, Action::AddComplaintNote, *id).await?;
    let text = checked(&body.text)?;
    let note = state
        .complaints()
        .add_note(complaint.id, &caller.actor(), &text)
        .await?;
    Ok(HttpResponse::Created().json(NoteView::from(note)))
}

/// Read the messages with the reporter
///
/// Both ways, oldest first. Needs role `complaint_handler`.
#[utoipa::path(
    tag = "complaints",
    operation_id = "listComplaintMessages",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The complaint's id")),
    responses(
        (status = 200, description = "The messages", body = Vec<MessageView>),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such complaint, or not visible", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/complaints/{id}/messages")]
pub(super) async fn list_complaint_messages(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let complaint = visible(&state, &caller, Action::ListComplaintMessages, *id).await?;
    let messages = state.complaints().messages(complaint.id).await?;
    Ok(HttpResponse::Ok().json(
        messages
            .into_iter()
            .map(|m| MessageView::new(m, true))
            .collect::<Vec<_>>(),
    ))
}

/// Send the reporter a message
///
/// The message appears on the reporter's status page (`GET /api/v1/complaint-status/{code}`),
/// which is how a handler reaches a reporter who stays anonymous. Needs role `complaint_handler`.
#[utoipa::path(
    tag = "complaints",
    operation_id = "sendComplaintMessage",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The complaint's id")),
    request_body = TextRequest,
    responses(
        (status = 201, description = "Sent", body = MessageView),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such complaint, or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The text is empty or too long", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/complaints/{id}/messages")]
pub(super) async fn send_complaint_message(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: Json<TextRequest>,
) -> Result<HttpResponse, ApiError> {
    let complaint = visible(&state, &caller, Action::SendComplaintMessage, *id).await?;
    let text = checked(&body.text)?;
    let actor = caller.actor();
    let message = state
        .complaints()
        .add_message(complaint.id, Direction::ToReporter, Some(&actor), &text)
        .await?;
    Ok(HttpResponse::Created().json(MessageView::new(message, true)))
}

/// Answer as the reporter
///
/// The reporter answers a handler's question with the tracking code, without an account.
/// Refused with 409 once the complaint is closed. Public, limited per client address.
#[utoipa::path(
    tag = "complaint status",
    operation_id = "sendReporterMessage",
    params(("trackingCode" = String, Path, description = "The tracking code given at registration")),
    request_body = TextRequest,
    responses(
        (status = 201, description = "Received", body = MessageView),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No complaint has this code", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The complaint is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The text is empty or too long", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
    ),
)]
#[post("/complaint-status/{trackingCode}/messages")]
pub(super) async fn send_reporter_message(
    state: web::Data<AppState>,
    code: web::Path<String>,
    body: Json<TextRequest>,
) -> Result<HttpResponse, ApiError> {
    let unknown = || ApiError::not_found("no report or complaint has this tracking code");
    let code = TrackingCode::parse(&code).ok_or_else(unknown)?;
    let complaint = state
        .complaints()
        .find_by_tracking_hash(&code.hash())
        .await?
        .ok_or_else(unknown)?;
    if complaint.status == ComplaintStatus::Closed {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "the complaint is closed; contact the city's reporting point",
        ));
    }
    let text = checked(&body.text)?;
    let message = state
        .complaints()
        .add_message(complaint.id, Direction::FromReporter, None, &text)
        .await?;
    Ok(HttpResponse::Created().json(MessageView::new(message, false)))
}

/// A read of a complaint's personal data.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccessEventView {
    /// Its id.
    pub id: Uuid,
    /// Who read it.
    pub actor: String,
    /// What they did (`read`).
    pub action: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// Read a complaint's access log
///
/// Who read the complaint's personal data, and when, oldest first. Needs role `admin`.
#[utoipa::path(
    tag = "complaints",
    operation_id = "getComplaintAccessLog",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The complaint's id")),
    responses(
        (status = 200, description = "The reads", body = Vec<AccessEventView>),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such complaint, or not visible", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/complaints/{id}/access-log")]
pub(super) async fn get_complaint_access_log(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let complaint = visible(&state, &caller, Action::ReadComplaintAccessLog, *id).await?;
    let events = access_log(state.database.connection(), complaint.id).await?;
    Ok(HttpResponse::Ok().json(
        events
            .into_iter()
            .map(|e| AccessEventView {
                id: e.id,
                actor: e.actor,
                action: e.action,
                at: e.at,
            })
            .collect::<Vec<_>>(),
    ))
}

/// Erase a complaint's personal data
///
/// On the reporter's request (GDPR Article 17): removes contact data, the description, the
/// location text, the involved service, the messages and the notes. Codes, dates and the
/// reference stay, so statistics keep counting it; the timeline records the erasure and who
/// made it, without the data. Erasing again changes nothing. Needs role `admin`.
#[utoipa::path(
    tag = "complaints",
    operation_id = "eraseComplaint",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The complaint's id")),
    responses(
        (status = 204, description = "Erased"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such complaint, or not visible", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/complaints/{id}/erasure")]
pub(super) async fn erase_complaint(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let complaint = visible(&state, &caller, Action::EraseComplaint, *id).await?;
    state
        .complaints()
        .erase(complaint.id, &caller.actor())
        .await?;
    tracing::info!(complaint = %complaint.id, actor = %caller.actor(), "personal data of a complaint erased");
    Ok(HttpResponse::NoContent().finish())
}
