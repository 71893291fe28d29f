//! The migrations and the municipality repository on the test database (SQLite or PostgreSQL).

use samenleven_domain::DomainError;
use samenleven_domain::model::municipality::{Municipality, NisCode};
use samenleven_domain::ports::MunicipalityRepository;
use samenleven_persistence::repo::municipality::MunicipalityStore;
use samenleven_tests::test_database;

#[actix_web::test]
async fn migrations_run_twice_without_harm() {
    let db = test_database().await;
    db.database.migrate().await.unwrap();
    db.database.ping().await.unwrap();
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
