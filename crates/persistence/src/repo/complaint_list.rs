//! Complaint lists: newest first, a page at a time (keyset on the id), within the caller's
//! scope.
//!
//! The indexes that serve a list's filters begin with the municipality (status, context,
//! grounds, deadlines, reference), so one municipality's page walks one index in keyset order
//! and stops after `limit` rows. Across several municipalities one query cannot: with
//! `municipality IN (…)` the database gathers and sorts every match, and without a
//! municipality it walks all complaints newest first until a page matches (0.3 to 1.9 s a
//! page at a million complaints). Such a page is therefore asked of each municipality on its
//! own, ids only, and the newest `limit` ids of all of them are read: the same rows in the
//! same order as the one query. A period is asked for ids the same way, also in one
//! municipality: its ids are sorted from an index, not its whole rows.

use futures_util::future::try_join_all;
use samenleven_domain::DomainError;
use samenleven_domain::access::{ListScope, MunicipalityGrant};
use samenleven_domain::model::complaint::Complaint;
use samenleven_domain::model::municipality::NisCode;
use samenleven_domain::reference::{ComplaintStatus, Enumeration};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, Select,
};
use uuid::Uuid;

use super::complaint::{ComplaintFilter, ComplaintStore};
use super::{corrupt, internal, within_scope};
use crate::entity::{complaint as row, complaint_ground, municipality};

impl ComplaintStore {
    /// Up to `limit` complaints within `scope` matching `filter`, newest first, older than
    /// `before` (the cursor).
    pub async fn list(
        &self,
        scope: &ListScope,
        filter: &ComplaintFilter,
        before: Option<Uuid>,
        limit: u64,
    ) -> Result<Vec<Complaint>, DomainError> {
        let Some(municipalities) = self.partitions(scope, filter).await? else {
            return self.read(listing(scope, filter, before).limit(limit)).await;
        };
        let pages = try_join_all(municipalities.into_iter().map(|m| {
            let filter = ComplaintFilter {
                municipality: Some(m),
                ..filter.clone()
            };
            async move {
                listing(scope, &filter, before)
                    .select_only()
                    .column(row::Column::Id)
                    .limit(limit)
                    .into_tuple::<Uuid>()
                    .all(self.reader())
                    .await
            }
        }))
        .await
        .map_err(internal)?;
        let mut newest: Vec<Uuid> = pages.into_iter().flatten().collect();
        // Both databases order ids by their bytes, as `Uuid` does.
        newest.sort_unstable_by(|a, b| b.cmp(a));
        newest.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        if newest.is_empty() {
            return Ok(Vec::new());
        }
        self.read(
            row::Entity::find()
                .filter(row::Column::Id.is_in(newest))
                .order_by_desc(row::Column::Id),
        )
        .await
    }

    /// The municipalities to ask one by one for the ids of a page (see the module's notes), or
    /// `None` when one query walks an index in keyset order: a handler's or a partner's
    /// submissions (indexes of their own); one municipality, but over a period; every
    /// municipality without a filter (the primary key). One municipality over a period is
    /// asked for ids too: its period's ids are sorted from the index
    /// `(municipality, received_on, id)` alone, where the whole rows would be read first.
    async fn partitions(
        &self,
        scope: &ListScope,
        filter: &ComplaintFilter,
    ) -> Result<Option<Vec<NisCode>>, DomainError> {
        if filter.handler.is_some()
            || filter.submitted_by_partner.is_some()
            || scope.only_submitted_by.is_some()
        {
            return Ok(None);
        }
        let over_a_period = filter.from.is_some() || filter.to.is_some();
        match (&filter.municipality, &scope.municipalities) {
            (Some(one), _) => Ok(over_a_period.then(|| vec![one.clone()])),
            (None, MunicipalityGrant::Only(codes)) if codes.len() == 1 => {
                Ok(over_a_period.then(|| codes.iter().cloned().collect()))
            }
            (None, MunicipalityGrant::Only(codes)) => Ok(Some(codes.iter().cloned().collect())),
            (None, MunicipalityGrant::All) if narrowed(filter) => {
                let codes: Vec<String> = municipality::Entity::find()
                    .select_only()
                    .column(municipality::Column::NisCode)
                    .into_tuple()
                    .all(self.reader())
                    .await
                    .map_err(internal)?;
                codes
                    .iter()
                    .map(|c| NisCode::parse(c).map_err(|_| corrupt("municipality", "NIS code")))
                    .collect::<Result<_, _>>()
                    .map(Some)
            }
            (None, MunicipalityGrant::All) => Ok(None),
        }
    }

    async fn read(&self, query: Select<row::Entity>) -> Result<Vec<Complaint>, DomainError> {
        query
            .into_model::<row::Read>()
            .all(self.reader())
            .await
            .map_err(internal)?
            .into_iter()
            .map(|r| Complaint::try_from(r.0))
            .collect()
    }
}

/// Whether `filter` asks for fewer complaints than the caller's scope holds.
fn narrowed(filter: &ComplaintFilter) -> bool {
    filter.status.is_some()
        || filter.ground.is_some()
        || filter.context.is_some()
        || filter.from.is_some()
        || filter.to.is_some()
        || filter.overdue_on.is_some()
        || filter.reference.is_some()
}

/// The query of the complaints within `scope` matching `filter`, newest first, older than
/// `before` (the cursor).
fn listing(
    scope: &ListScope,
    filter: &ComplaintFilter,
    before: Option<Uuid>,
) -> Select<row::Entity> {
    let mut condition = within_scope(
        scope,
        filter.municipality.as_ref(),
        row::Column::Municipality,
        row::Column::SubmittedByPartner,
    );
    if let Some(s) = filter.status {
        condition = condition.add(row::Column::Status.eq(s.code()));
    }
    if let Some(c) = filter.context {
        condition = condition.add(row::Column::Context.eq(c.code()));
    }
    if let Some(h) = &filter.handler {
        condition = condition.add(row::Column::AssignedHandler.eq(h.as_str()));
    }
    if let Some(from) = filter.from {
        condition = condition.add(row::Column::ReceivedOn.gte(from));
    }
    if let Some(to) = filter.to {
        condition = condition.add(row::Column::ReceivedOn.lte(to));
    }
    if let Some(p) = filter.submitted_by_partner {
        condition = condition.add(row::Column::SubmittedByPartner.eq(p));
    }
    if let Some(r) = &filter.reference {
        condition = condition.add(row::Column::Reference.eq(r.as_str()));
    }
    if let Some(today) = filter.overdue_on {
        condition = condition.add(
            Condition::any()
                .add(
                    Condition::all()
                        .add(row::Column::Status.eq(ComplaintStatus::Received.code()))
                        .add(row::Column::AcknowledgeBy.lt(today)),
                )
                .add(
                    Condition::all()
                        .add(row::Column::Status.ne(ComplaintStatus::Closed.code()))
                        .add(row::Column::ResolveBy.lt(today)),
                ),
        );
    }
    // With one municipality, the grounds' index (ground, municipality, complaint id) gives
    // the complaints with a ground in keyset order: joined, the list walks it.
    let joined_ground = filter.ground.zip(filter.municipality.as_ref().or(
        match &scope.municipalities {
            MunicipalityGrant::Only(codes) if codes.len() == 1 => codes.first(),
            _ => None,
        },
    ));
    if let Some((g, m)) = joined_ground {
        condition = condition
            .add(complaint_ground::Column::Ground.eq(g.code()))
            .add(complaint_ground::Column::Municipality.eq(m.as_str()));
        if let Some(before) = before {
            condition = condition.add(complaint_ground::Column::ComplaintId.lt(before));
        }
    } else if let Some(g) = filter.ground {
        // A correlated EXISTS probes the grounds' primary key for each complaint met in
        // keyset order, where `IN (subquery)` would first gather every complaint with the
        // ground.
        condition = condition.add(Expr::exists(
            Query::select()
                .expr(Expr::val(1))
                .from(complaint_ground::Entity)
                .and_where(
                    Expr::col((
                        complaint_ground::Entity,
                        complaint_ground::Column::ComplaintId,
                    ))
                    .equals((row::Entity, row::Column::Id)),
                )
                .and_where(
                    Expr::col((complaint_ground::Entity, complaint_ground::Column::Ground))
                        .eq(g.code()),
                )
                .to_owned(),
        ));
    }
    if let Some(before) = before {
        condition = condition.add(row::Column::Id.lt(before));
    }
    let query = match joined_ground {
        Some(_) => row::Entity::find()
            .join_rev(
                JoinType::InnerJoin,
                complaint_ground::Entity::belongs_to(row::Entity)
                    .from(complaint_ground::Column::ComplaintId)
                    .to(row::Column::Id)
                    .into(),
            )
            .order_by_desc(complaint_ground::Column::ComplaintId),
        None => row::Entity::find().order_by_desc(row::Column::Id),
    };
    query.filter(condition)
}
