//! Participants, action items (with the ones carried over) and the agenda of a consultation.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use samenleven_domain::DomainError;
use samenleven_domain::access::Action;
use samenleven_domain::model::complaint::PatchValue;
use samenleven_domain::model::hate_crime::{
    ActionItem, ActionItemDraft, ActionItemPatch, CarriedOverItem, Consultation, NewActionItem,
    NewParticipant, Participant, ParticipantDraft, ParticipantPatch, carried_over,
};
use samenleven_domain::reference::{ActionItemStatus, ParticipantKind};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::dto::{
    ActionItemRequest, ActionItemView, ConsultationView, ParticipantRequest, ParticipantView,
};
use super::handlers::visible;
use crate::app::AppState;
use crate::auth::Caller;
use crate::conditional::{check_if_match, etag};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::openapi::nullable_enum_ref;
use crate::routes::incidents::aggregates::{OverviewView, overview_view};

/// Participants
///
/// Needs role `hate_crime_coordinator`.
#[utoipa::path(
    tag = "consultations",
    operation_id = "listParticipants",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The consultation's id")),
    responses(
        (status = 200, description = "The participants", body = Vec<ParticipantView>),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such consultation, or not visible", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/consultations/{id}/participants")]
pub(super) async fn list_participants(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let c = visible(&state, &caller, Action::ListParticipants, *id).await?;
    let participants = state.consultations().participants(c.id).await?;
    Ok(HttpResponse::Ok().json(
        participants
            .into_iter()
            .map(ParticipantView::from)
            .collect::<Vec<_>>(),
    ))
}

/// Add a participant
///
/// A participant with a `partnerId` lets that partner (`consultations:read`) read the
/// consultation and its agenda. Refused with 409 once the minutes are approved or the
/// consultation is cancelled. Needs role `hate_crime_coordinator`.
#[utoipa::path(
    tag = "consultations",
    operation_id = "addParticipant",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The consultation's id")),
    request_body = ParticipantRequest,
    responses(
        (status = 201, description = "Added", body = ParticipantView),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such consultation, or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The consultation is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule is broken", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/consultations/{id}/participants")]
pub(super) async fn add_participant(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: Json<ParticipantRequest>,
) -> Result<HttpResponse, ApiError> {
    let c = visible(&state, &caller, Action::AddParticipant, *id).await?;
    c.check_open_for_changes()?;
    let body = body.into_inner();
    let new = NewParticipant::validate(ParticipantDraft {
        organisation: body.organisation,
        kind: body.kind,
        present: body.present,
        partner_id: body.partner_id,
    })?;
    if let Some(partner) = new.partner_id() {
        use samenleven_domain::ports::PartnerRepository;
        if state.partners().find(partner).await?.is_none() {
            return Err(DomainError::invalid("/partnerId", "no partner has this id").into());
        }
    }
    let participant = Participant::add(new, Uuid::now_v7(), c.id);
    state
        .consultations()
        .save_participant(&participant, true, &caller.actor())
        .await?;
    Ok(HttpResponse::Created().json(ParticipantView::from(participant)))
}

async fn participant_of(
    state: &AppState,
    c: &Consultation,
    participant: Uuid,
) -> Result<Participant, ApiError> {
    state
        .consultations()
        .participants(c.id)
        .await?
        .into_iter()
        .find(|p| p.id == participant)
        .ok_or_else(|| DomainError::NotFound("participant").into())
}

/// A change of a participant (JSON merge patch).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct UpdateParticipantRequest {
    /// The organisation.
    #[schema(max_length = 200)]
    organisation: Option<String>,
    /// Its kind.
    #[schema(schema_with = nullable_enum_ref::<ParticipantKind>)]
    kind: Option<ParticipantKind>,
    /// Whether present.
    present: Option<bool>,
    /// The partner it is; `null` removes the link.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    partner_id: Option<Option<Uuid>>,
}

/// Change a participant
///
/// Needs role `hate_crime_coordinator`.
#[utoipa::path(
    tag = "consultations",
    operation_id = "updateParticipant",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The consultation's id"), ("participantId" = Uuid, Path, description = "The participant's id")),
    request_body(content = UpdateParticipantRequest, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "Changed", body = ParticipantView),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such consultation or participant", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The consultation is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule is broken", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/consultations/{id}/participants/{participantId}")]
pub(super) async fn update_participant(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
    body: Json<UpdateParticipantRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, participant_id) = path.into_inner();
    let c = visible(&state, &caller, Action::UpdateParticipant, id).await?;
    c.check_open_for_changes()?;
    let current = participant_of(&state, &c, participant_id).await?;
    let body = body.into_inner();
    let next = current.apply(ParticipantPatch {
        organisation: crate::extract::present(body.organisation),
        kind: crate::extract::present(body.kind),
        present: crate::extract::present(body.present),
        partner_id: PatchValue::from(body.partner_id),
    })?;
    state
        .consultations()
        .save_participant(&next, false, &caller.actor())
        .await?;
    Ok(HttpResponse::Ok().json(ParticipantView::from(next)))
}

/// Remove a participant
///
/// Needs role `hate_crime_coordinator`.
#[utoipa::path(
    tag = "consultations",
    operation_id = "removeParticipant",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The consultation's id"), ("participantId" = Uuid, Path, description = "The participant's id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such consultation or participant", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The consultation is closed", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[delete("/consultations/{id}/participants/{participantId}")]
pub(super) async fn remove_participant(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, participant_id) = path.into_inner();
    let c = visible(&state, &caller, Action::RemoveParticipant, id).await?;
    c.check_open_for_changes()?;
    let participant = participant_of(&state, &c, participant_id).await?;
    state
        .consultations()
        .remove_participant(&participant, &caller.actor())
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The consultation's own action items and the ones carried over into it.
async fn items_of(
    state: &AppState,
    c: &Consultation,
) -> Result<(Vec<ActionItem>, Vec<CarriedOverItem>), ApiError> {
    let store = state.consultations();
    let same_set = store.of_set(&c.municipalities).await?;
    let ids: Vec<Uuid> = same_set.iter().map(|s| s.id).collect();
    let items = store.action_items(&ids).await?;
    let own: Vec<ActionItem> = items
        .iter()
        .filter(|i| i.consultation_id == c.id)
        .cloned()
        .collect();
    let grouped: Vec<(&Consultation, Vec<ActionItem>)> = same_set
        .iter()
        .filter(|s| s.id != c.id)
        .map(|s| {
            (
                s,
                items
                    .iter()
                    .filter(|i| i.consultation_id == s.id)
                    .cloned()
                    .collect(),
            )
        })
        .collect();
    let others: Vec<(&Consultation, &[ActionItem])> =
        grouped.iter().map(|(s, i)| (*s, i.as_slice())).collect();
    Ok((own, carried_over(c, &others)))
}

/// Action items
///
/// The consultation's own items and, marked with `carriedOverFrom`, the open items of earlier
/// consultations of the same municipalities whose minutes were approved. Needs role
/// `hate_crime_coordinator`.
#[utoipa::path(
    tag = "consultations",
    operation_id = "listActionItems",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The consultation's id")),
    responses(
        (status = 200, description = "The items", body = Vec<ActionItemView>),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such consultation, or not visible", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/consultations/{id}/action-items")]
pub(super) async fn list_action_items(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let c = visible(&state, &caller, Action::ListActionItems, *id).await?;
    let (own, carried) = items_of(&state, &c).await?;
    let mut views: Vec<ActionItemView> = carried.into_iter().map(ActionItemView::from).collect();
    views.extend(own.into_iter().map(ActionItemView::from));
    Ok(HttpResponse::Ok().json(views))
}

/// Agree an action item
///
/// Needs role `hate_crime_coordinator`; refused with 409 on a cancelled consultation or once
/// its minutes are approved.
#[utoipa::path(
    tag = "consultations",
    operation_id = "addActionItem",
    security(("bearerAuth" = [])),
    params(("id" = Uuid, Path, description = "The consultation's id")),
    request_body = ActionItemRequest,
    responses(
        (status = 201, description = "Agreed", body = ActionItemView, headers(("ETag" = String, description = "The version"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such consultation, or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The consultation is closed", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule is broken", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/consultations/{id}/action-items")]
pub(super) async fn add_action_item(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
    body: Json<ActionItemRequest>,
) -> Result<HttpResponse, ApiError> {
    let c = visible(&state, &caller, Action::AddActionItem, *id).await?;
    c.check_open_for_changes()?;
    let body = body.into_inner();
    let new = NewActionItem::validate(ActionItemDraft {
        description: body.description,
        owner_organisation: body.owner_organisation,
        due_on: body.due_on,
        status: body.status,
    })?;
    let item = ActionItem::agree(new, Uuid::now_v7(), c.id);
    state
        .consultations()
        .add_action_item(&item, &caller.actor())
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::ETAG, etag(item.version)))
        .json(ActionItemView::from(item)))
}

/// A change of an action item (JSON merge patch).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct UpdateActionItemRequest {
    /// What.
    #[schema(max_length = 2000)]
    description: Option<String>,
    /// Who.
    #[schema(max_length = 200)]
    owner_organisation: Option<String>,
    /// By when.
    due_on: Option<chrono::NaiveDate>,
    /// Where it stands.
    #[schema(schema_with = nullable_enum_ref::<ActionItemStatus>)]
    status: Option<ActionItemStatus>,
}

/// Change an action item
///
/// An item of this consultation, or one carried over into it (it changes where it was agreed).
/// Honours `If-Match`. Needs role `hate_crime_coordinator`.
#[utoipa::path(
    tag = "consultations",
    operation_id = "updateActionItem",
    security(("bearerAuth" = [])),
    params(
        ("id" = Uuid, Path, description = "The consultation's id"),
        ("itemId" = Uuid, Path, description = "The item's id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read"),
    ),
    request_body(content = UpdateActionItemRequest, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "Changed", body = ActionItemView, headers(("ETag" = String, description = "The new version"))),
        (status = 400, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such consultation or item", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "If-Match is stale", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule is broken", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[patch("/consultations/{id}/action-items/{itemId}")]
pub(super) async fn update_action_item(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(Uuid, Uuid)>,
    body: Json<UpdateActionItemRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, item_id) = path.into_inner();
    let c = visible(&state, &caller, Action::UpdateActionItem, id).await?;
    let (own, carried) = items_of(&state, &c).await?;
    let (current, carried_from) = own
        .into_iter()
        .map(|i| (i, None))
        .chain(
            carried
                .into_iter()
                .map(|c| (c.item, Some(c.carried_over_from))),
        )
        .find(|(i, _)| i.id == item_id)
        .ok_or(DomainError::NotFound("action item"))?;
    check_if_match(&req, current.version)?;
    let body = body.into_inner();
    let next = current.apply(ActionItemPatch {
        description: crate::extract::present(body.description),
        owner_organisation: crate::extract::present(body.owner_organisation),
        due_on: crate::extract::present(body.due_on),
        status: crate::extract::present(body.status),
    })?;
    let stored = state
        .consultations()
        .update_action_item(&next, c.id, &caller.actor(), current.status)
        .await?;
    let view = ActionItemView {
        carried_over_from: carried_from,
        ..ActionItemView::from(stored.clone())
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, etag(stored.version)))
        .json(view))
}

/// What the participants need for the meeting.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AgendaView {
    /// The consultation.
    pub consultation: ConsultationView,
    /// The period's incident overview for its municipalities, with the previous period beside it.
    pub overview: OverviewView,
    /// Open action items: carried over ones (with `carriedOverFrom`) and its own.
    pub open_action_items: Vec<ActionItemView>,
}

/// Agenda
///
/// In one call: the period's incident overview for the consultation's municipalities and the
/// open action items, carried-over ones included. Counts of 1 and 2 read `"<3"` except for
/// coordinators. Needs role `hate_crime_coordinator`, or scope `consultations:read` as a
/// participant.
#[utoipa::path(
    tag = "consultations",
    operation_id = "getConsultationAgenda",
    security(("bearerAuth" = []), ("apiKeyAuth" = [])),
    params(("id" = Uuid, Path, description = "The consultation's id")),
    responses(
        (status = 200, description = "The agenda", body = AgendaView),
        (status = 401, description = "No valid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such consultation, or not visible", body = Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/consultations/{id}/agenda")]
pub(super) async fn get_consultation_agenda(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let c = visible(&state, &caller, Action::ReadConsultationAgenda, *id).await?;
    let (own, carried) = items_of(&state, &c).await?;
    let tally = state
        .incidents()
        .overview(c.municipalities.clone(), c.period)
        .await?;
    let exact = crate::routes::incidents::handlers::is_coordinator(&caller);
    let map = tally.shown(exact);
    let mut open: Vec<ActionItemView> = carried.into_iter().map(ActionItemView::from).collect();
    open.extend(
        own.into_iter()
            .filter(ActionItem::is_open)
            .map(ActionItemView::from),
    );
    Ok(HttpResponse::Ok().json(AgendaView {
        consultation: ConsultationView::from(c),
        overview: overview_view(map),
        open_action_items: open,
    }))
}
