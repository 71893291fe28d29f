//! The command line where a mistake would cost most: seeding made-up records into a
//! production database is refused before the database is touched.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

#[test]
fn seed_refuses_to_run_in_production_and_touches_no_database() {
    let directory =
        std::env::temp_dir().join(format!("samenleven-cli-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&directory).unwrap();
    let file = directory.join("production.db");
    let output = Command::new(env!("CARGO_BIN_EXE_samenleven"))
        .env_clear()
        .env("SAMENLEVEN_ENV", "production")
        .env(
            "SAMENLEVEN_DATABASE_URL",
            format!("sqlite://{}?mode=rwc", file.display()),
        )
        .env(
            "SAMENLEVEN_JWT_SECRET",
            "production-secret-of-at-least-32-bytes!",
        )
        .env(
            "SAMENLEVEN_PSEUDONYM_KEY",
            "production-pseudonym-key-of-32-bytes!",
        )
        .args(["seed", "--complaints", "10"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains("refuses to run with SAMENLEVEN_ENV=production"),
        "{stderr}"
    );
    assert!(!file.exists(), "the production database was created");
    std::fs::remove_dir_all(&directory).unwrap();
}
