//! The migrations and the municipality repository on the test database (SQLite or PostgreSQL).

use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use sea_orm_migration::MigratorTrait;

use samenleven_domain::DomainError;
use samenleven_domain::model::municipality::{Municipality, NisCode};
use samenleven_domain::ports::MunicipalityRepository;
use samenleven_persistence::entity::complaint;
use samenleven_persistence::migration::Migrator;
use samenleven_persistence::repo::municipality::MunicipalityStore;
use samenleven_tests::test_database;

#[actix_web::test]
async fn migrations_run_twice_without_harm() {
    let db = test_database().await;
    db.database.migrate().await.unwrap();
    db.database.ping().await.unwrap();
}

/// The tables of the test database, by name, sorted.
async fn tables(connection: &impl ConnectionTrait) -> Vec<String> {
    let backend = connection.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => {
            "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        }
        _ => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1"
        }
    };
    let rows = connection
        .query_all_raw(Statement::from_string(backend, sql))
        .await
        .unwrap();
    rows.iter()
        .map(|row| row.try_get::<String>("", "name").unwrap())
        .collect()
}

#[actix_web::test]
async fn every_migration_rolls_back_one_at_a_time_and_the_schema_comes_back() {
    let db = test_database().await;
    let connection = db.database.connection();
    let migrated = tables(connection).await;
    assert!(migrated.contains(&"complaints".to_owned()), "{migrated:?}");
    let applied = Migrator::get_applied_migrations(connection).await.unwrap();
    assert_eq!(applied.len(), Migrator::migrations().len());
    for migration in applied.iter().rev() {
        Migrator::down(connection, Some(1))
            .await
            .unwrap_or_else(|e| panic!("down of {}: {e}", migration.name()));
    }
    assert!(
        Migrator::get_applied_migrations(connection)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        tables(connection).await,
        vec!["seaql_migrations".to_owned()]
    );

    db.database.migrate().await.unwrap();
    assert_eq!(tables(connection).await, migrated);
    let store = MunicipalityStore::new(connection.clone());
    let izegem = Municipality::demo().unwrap();
    store.insert(&izegem).await.unwrap();
    assert_eq!(store.find(&izegem.nis_code).await.unwrap(), Some(izegem));
}

#[actix_web::test]
async fn a_municipality_is_stored_and_read_back() {
    let db = test_database().await;
    let store = MunicipalityStore::new(db.database.connection().clone());
    let izegem = Municipality::demo().unwrap();
    store.insert(&izegem).await.unwrap();
    assert_eq!(store.find(&izegem.nis_code).await.unwrap(), Some(izegem));
    let mechelen = NisCode::parse("12025").unwrap();
    assert_eq!(store.find(&mechelen).await.unwrap(), None);
}

#[actix_web::test]
async fn a_second_municipality_with_the_same_nis_code_is_a_conflict() {
    let db = test_database().await;
    let store = MunicipalityStore::new(db.database.connection().clone());
    let izegem = Municipality::demo().unwrap();
    store.insert(&izegem).await.unwrap();
    let error = store.insert(&izegem).await.unwrap_err();
    assert!(
        matches!(error, DomainError::Conflict(ref m) if m.contains("36008")),
        "{error:?}"
    );
}

/// A complaint row with every column set (`full`) or every nullable one NULL.
fn complaint_row(id: uuid::Uuid, full: bool) -> complaint::Model {
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    let at =
        |h: i64| chrono::DateTime::from_timestamp(1_772_000_000 + h * 3_600, 123_456_000).unwrap();
    let some = |s: &str| full.then(|| s.to_owned());
    complaint::Model {
        id,
        reference: format!("MLD-2026-{:06}", u8::from(full)),
        municipality: "36008".into(),
        kind: "complaint".into(),
        channel: "partner".into(),
        status: "closed".into(),
        reporter_role: "victim".into(),
        contact_name: some("Ada"),
        contact_email: some("ada@example.org"),
        contact_phone: some("+32 51 00 00 00"),
        preferred_language: some("nl"),
        consent_to_contact: full,
        consent_to_share_with: serde_json::json!(["unia"]),
        occurred_on: day(1),
        location_kind: "address".into(),
        location_text: some("Grote Markt"),
        context: "housing".into(),
        involved_service: some("housing office"),
        grounds: serde_json::json!(["skin_colour", "religion_or_belief"]),
        conduct: serde_json::json!(["direct_discrimination"]),
        description: some("Refused a flat, with a remark about — ‘origin’."),
        possible_hate_crime: !full,
        submitted_by_partner: full.then(uuid::Uuid::now_v7),
        created_by: some("staff-1"),
        assigned_handler: some("handler-1"),
        outcome: some("mediated"),
        referred_to: some("unia"),
        tracking_code_hash: vec![u8::from(full); 32],
        received_at: at(0),
        received_on: day(2),
        acknowledge_by: day(9),
        resolve_by: full.then(|| day(31)),
        closed_at: full.then(|| at(48)),
        version: 3,
        updated_at: at(49),
    }
}

/// Complaints are read through `complaint::Read`, which decodes nullable columns and dates
/// itself: it reads every row exactly as sea-orm's own decoding of the entity does.
#[actix_web::test]
async fn complaint_rows_read_as_sea_orm_reads_them_with_and_without_nulls() {
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, QueryOrder};

    let db = test_database().await;
    let connection = db.database.connection();
    let store = MunicipalityStore::new(connection.clone());
    store.insert(&Municipality::demo().unwrap()).await.unwrap();
    let rows = [
        complaint_row(uuid::Uuid::now_v7(), true),
        complaint_row(uuid::Uuid::now_v7(), false),
    ];
    for row in &rows {
        row.clone()
            .into_active_model()
            .insert(connection)
            .await
            .unwrap();
    }
    let by_sea_orm = complaint::Entity::find()
        .order_by_asc(complaint::Column::Id)
        .all(connection)
        .await
        .unwrap();
    let read: Vec<complaint::Model> = complaint::Entity::find()
        .order_by_asc(complaint::Column::Id)
        .into_model::<complaint::Read>()
        .all(connection)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.0)
        .collect();
    assert_eq!(read, by_sea_orm);
    assert_eq!(read, rows);
    let nothing = complaint::Entity::find_by_id(uuid::Uuid::now_v7())
        .into_model::<complaint::Read>()
        .one(connection)
        .await
        .unwrap();
    assert!(nothing.is_none());
}

/// Without the batch task (a store made with `ComplaintStore::new`), a read by id is made and
/// logged in a transaction of its own: logged when its caller may read, not when it may not,
/// and nothing for an id that does not exist.
#[actix_web::test]
async fn a_read_without_the_batch_task_is_logged_exactly_when_its_caller_may_read() {
    use samenleven_persistence::entity::access_event;
    use samenleven_persistence::repo::complaint::ComplaintStore;
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel};

    let db = test_database().await;
    let connection = db.database.connection();
    MunicipalityStore::new(connection.clone())
        .insert(&Municipality::demo().unwrap())
        .await
        .unwrap();
    let row = complaint_row(uuid::Uuid::now_v7(), true);
    row.clone()
        .into_active_model()
        .insert(connection)
        .await
        .unwrap();
    let store = ComplaintStore::new(connection.clone());

    let allowed = store
        .read_logged(row.id, "handler-1", Box::new(|_| true))
        .await
        .unwrap()
        .expect("the complaint");
    assert_eq!(allowed.id, row.id);
    assert_eq!(allowed.reference.to_string(), row.reference);
    let refused = store
        .read_logged(row.id, "stranger", Box::new(|_| false))
        .await
        .unwrap();
    assert_eq!(refused.map(|c| c.id), Some(row.id));
    let missing = store
        .read_logged(uuid::Uuid::now_v7(), "handler-1", Box::new(|_| true))
        .await
        .unwrap();
    assert!(missing.is_none());

    let logged = access_event::Entity::find().all(connection).await.unwrap();
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert_eq!(
        (
            logged[0].record_id,
            logged[0].actor.as_str(),
            logged[0].action.as_str()
        ),
        (row.id, "handler-1", "read")
    );
}
