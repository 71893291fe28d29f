//! Nothing acknowledged is lost when the process is killed: clients create complaints, the
//! service is killed with SIGKILL in the middle of it, started again on the same database, and
//! every complaint it had answered 201 for is there. On SQLite by default, on PostgreSQL when
//! `SAMENLEVEN_TEST_DATABASE_URL` names a server.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use samenleven_persistence::testing::TestDatabase;

const SECRET: &str = "durability-test-secret-of-at-least-32-bytes";
const CLIENTS: usize = 4;

/// One HTTP/1.1 exchange on its own connection: (status, body).
fn exchange(
    address: SocketAddr,
    method: &str,
    path: &str,
    token: &str,
    body: &str,
) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    let status = answer
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("not an HTTP answer: {answer:?}")))?;
    let body = answer
        .split_once("\r\n\r\n")
        .map_or("", |(_, body)| body)
        .to_owned();
    Ok((status, body))
}

fn samenleven(url: &str, bind: SocketAddr) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_samenleven"));
    command
        .env_clear()
        .env("SAMENLEVEN_DATABASE_URL", url)
        .env("SAMENLEVEN_BIND", bind.to_string())
        .env("SAMENLEVEN_ENV", "dev")
        .env("SAMENLEVEN_JWT_SECRET", SECRET)
        .env(
            "SAMENLEVEN_PSEUDONYM_KEY",
            "durability-test-pseudonym-key-32-bytes",
        )
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// Starts the service and waits until it is ready.
fn start(url: &str, bind: SocketAddr) -> Child {
    let mut child = samenleven(url, bind).arg("serve").spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if matches!(exchange(bind, "GET", "/health/ready", "", ""), Ok((200, _))) {
            return child;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the service stopped at start: {status}");
        }
        assert!(Instant::now() < deadline, "the service did not get ready");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn free_address() -> SocketAddr {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
}

const COMPLAINT: &str = r#"{"kind": "report", "municipality": "36008", "channel": "email",
  "reporter": {"role": "witness"},
  "incident": {"occurredOn": "2026-01-10", "location": {"kind": "online"}, "context": "online"},
  "grounds": ["skin_colour"], "conduct": ["harassment"],
  "description": "Insults under a post of the city."}"#;

#[test]
fn every_acknowledged_complaint_survives_a_kill() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let postgres = std::env::var("SAMENLEVEN_TEST_DATABASE_URL")
        .ok()
        .filter(|v| !v.is_empty());
    let directory = std::env::temp_dir().join(format!(
        "samenleven-durability-{}",
        uuid::Uuid::new_v4().simple()
    ));
    // Kept to the end: on PostgreSQL its drop removes the database.
    let (url, _database) = match postgres {
        Some(admin) => {
            let database = runtime
                .block_on(TestDatabase::create(Some(&admin)))
                .unwrap();
            (database.url.clone(), Some(database))
        }
        None => {
            std::fs::create_dir_all(&directory).unwrap();
            let file = directory.join("samenleven.db");
            (format!("sqlite://{}?mode=rwc", file.display()), None)
        }
    };
    let bind = free_address();
    let token = samenleven(&url, bind)
        .args([
            "token",
            "--role",
            "complaint_handler",
            "--municipality",
            "36008",
        ])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert!(token.status.success());
    let token = String::from_utf8(token.stdout).unwrap().trim().to_owned();

    let mut service = start(&url, bind);
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (acknowledged, stop, token) = (acknowledged.clone(), stop.clone(), token.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    match exchange(bind, "POST", "/api/v1/complaints", &token, COMPLAINT) {
                        Ok((201, body)) => {
                            let view: serde_json::Value = serde_json::from_str(&body).unwrap();
                            let id = view["id"].as_str().unwrap().to_owned();
                            acknowledged.lock().unwrap().push(id);
                        }
                        Ok((status, body)) => panic!("a creation answered {status}: {body}"),
                        // The service is gone: the creation was not acknowledged.
                        Err(_) => std::thread::sleep(Duration::from_millis(10)),
                    }
                }
            })
        })
        .collect();

    // Kill it in the middle of the load, once it has acknowledged a fair number.
    let deadline = Instant::now() + Duration::from_secs(30);
    while acknowledged.lock().unwrap().len() < 200 {
        assert!(Instant::now() < deadline, "too few creations were answered");
        std::thread::sleep(Duration::from_millis(5));
    }
    service.kill().unwrap();
    service.wait().unwrap();
    std::thread::sleep(Duration::from_millis(200));
    stop.store(true, Ordering::SeqCst);
    for client in clients {
        client.join().unwrap();
    }

    let mut service = start(&url, bind);
    let acknowledged = acknowledged.lock().unwrap().clone();
    let mut missing = Vec::new();
    for id in &acknowledged {
        let path = format!("/api/v1/complaints/{id}");
        match exchange(bind, "GET", &path, &token, "") {
            Ok((200, _)) => {}
            other => missing.push((id.clone(), format!("{other:?}"))),
        }
    }
    service.kill().unwrap();
    service.wait().unwrap();
    let _ = std::fs::remove_dir_all(&directory);
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged complaints are missing after the kill: {:?}",
        missing.len(),
        acknowledged.len(),
        &missing[..missing.len().min(5)]
    );
}
