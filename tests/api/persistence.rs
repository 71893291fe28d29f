//! The migrations and the municipality repository on the test database (SQLite or PostgreSQL).

use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use sea_orm_migration::MigratorTrait;

use samenleven_domain::DomainError;
use samenleven_domain::model::municipality::{Municipality, NisCode};
use samenleven_domain::ports::MunicipalityRepository;
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
