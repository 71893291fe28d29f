use std::net::IpAddr;
use std::time::Duration;

use super::*;
use crate::timeline::{NewEvent, Register};

fn ip(text: &str) -> IpAddr {
    text.parse().unwrap()
}

#[test]
fn the_signature_is_the_standard_webhooks_example() {
    // The example of the Standard Webhooks specification's reference libraries.
    let key = base64_key("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    let body = br#"{"test": 2432232314}"#;
    assert_eq!(
        signature(&key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body),
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    );
}

fn base64_key(text: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap()
}

#[test]
fn a_secret_shows_as_whsec_and_the_base64_of_its_key() {
    let secret = WebhookSecret::from_bytes([7; 32]);
    let shown = secret.expose();
    assert!(shown.starts_with("whsec_"));
    assert_eq!(base64_key(&shown["whsec_".len()..]), vec![7; 32]);
    assert_eq!(format!("{secret:?}"), "WebhookSecret(…)");
    assert_eq!(WebhookSecret::from_slice(&[1; 31]), None);
}

#[test]
fn retries_wait_five_seconds_then_double_with_at_most_a_fifth_of_jitter() {
    let base = DEFAULT_RETRY_BASE;
    assert_eq!(retry_delay(1, base, 0.0), Some(Duration::from_secs(5)));
    assert_eq!(retry_delay(2, base, 0.0), Some(Duration::from_secs(10)));
    assert_eq!(retry_delay(7, base, 0.0), Some(Duration::from_secs(320)));
    assert_eq!(retry_delay(1, base, 1.0), Some(Duration::from_secs(6)));
    assert_eq!(retry_delay(MAX_ATTEMPTS, base, 0.0), None);
    assert_eq!(retry_delay(0, base, 0.0), None);
}

#[test]
fn dev_mode_takes_http_only_on_loopback() {
    let dev = AddressPolicy::Dev;
    for url in [
        "http://127.0.0.1:9000/hook",
        "http://localhost/hook",
        "http://[::1]:8080/",
        "https://hooks.example.org/in",
    ] {
        assert!(check_url(url, dev).is_ok(), "{url}");
    }
    for url in [
        "http://hooks.example.org/",
        "http://10.0.0.1/",
        "ftp://127.0.0.1/",
        "nope",
    ] {
        assert!(check_url(url, dev).is_err(), "{url}");
    }
}

#[test]
fn production_takes_https_to_public_hosts_only() {
    let production = AddressPolicy::Production;
    assert_eq!(
        check_url("https://hooks.example.org/in", production).as_deref(),
        Ok("https://hooks.example.org/in")
    );
    for url in [
        "http://hooks.example.org/",
        "https://127.0.0.1/",
        "https://localhost/",
        "https://10.1.2.3/",
        "https://172.16.0.1/",
        "https://192.168.1.1/",
        "https://169.254.169.254/latest/meta-data",
        "https://[fd00::1]/",
        "https://[fe80::1]/",
        "https://[::ffff:10.0.0.1]/",
        "https://0.0.0.0/",
        "https://[::]/",
        "https://user:pass@hooks.example.org/",
    ] {
        assert!(check_url(url, production).is_err(), "{url}");
    }
}

#[test]
fn public_addresses_are_told_from_internal_ones() {
    for public in ["8.8.8.8", "2a00:1450:4001::1", "81.82.83.84"] {
        assert!(is_public_address(ip(public)), "{public}");
    }
    for internal in [
        "127.0.0.1",
        "10.0.0.1",
        "100.64.0.1",
        "169.254.1.1",
        "::1",
        "fc00::1",
        "fe80::1",
        "::",
        "::ffff:192.168.0.1",
        "224.0.0.1",
    ] {
        assert!(!is_public_address(ip(internal)), "{internal}");
    }
    assert!(AddressPolicy::Dev.allows(ip("127.0.0.1")));
    assert!(!AddressPolicy::Production.allows(ip("127.0.0.1")));
}

fn subject() -> Subject {
    Subject {
        id: uuid::Uuid::nil(),
        reference: Some("MLD-2026-000001".to_owned()),
        municipalities: vec![NisCode::parse("36008").unwrap()],
    }
}

#[test]
fn creation_and_status_changes_make_events_and_other_changes_do_not() {
    let at = chrono::Utc::now();
    let created = NewEvent::new("staff:a", "created").status("", "received");
    let event = WebhookEvent::for_change(
        uuid::Uuid::nil(),
        Register::Complaint,
        &subject(),
        &created,
        at,
    )
    .unwrap();
    assert_eq!(event.event_type, WebhookEventType::ComplaintCreated);
    assert_eq!(event.body.data.previous_status, None);
    let moved = NewEvent::new("staff:a", "status_changed").status("received", "acknowledged");
    let event = WebhookEvent::for_change(
        uuid::Uuid::nil(),
        Register::Complaint,
        &subject(),
        &moved,
        at,
    )
    .unwrap();
    assert_eq!(event.event_type, WebhookEventType::ComplaintStatusChanged);
    assert_eq!(event.body.data.status, "acknowledged");
    assert_eq!(event.body.data.previous_status.as_deref(), Some("received"));
    assert_eq!(event.body.data.municipalities, None);
    let prosecution =
        NewEvent::new("staff:a", "prosecution_status_changed").status("unknown", "dismissed");
    assert_eq!(
        WebhookEventType::for_change(Register::Incident, &prosecution),
        Some(WebhookEventType::IncidentStatusChanged)
    );
    for quiet in [
        NewEvent::new("staff:a", "note_added"),
        NewEvent::new("staff:a", "reclassified"),
        NewEvent::new("staff:a", "changed").status("held", "held"),
    ] {
        assert_eq!(
            WebhookEventType::for_change(Register::Complaint, &quiet),
            None
        );
    }
}

#[test]
fn a_subscription_wants_its_types_in_its_municipalities_while_active() {
    let at = chrono::Utc::now();
    let created = NewEvent::new("staff:a", "created").status("", "received");
    let event = WebhookEvent::for_change(
        uuid::Uuid::nil(),
        Register::Complaint,
        &subject(),
        &created,
        at,
    )
    .unwrap();
    let mut subscription = Subscription {
        id: uuid::Uuid::nil(),
        url: "https://hooks.example.org/".to_owned(),
        events: [WebhookEventType::ComplaintCreated].into(),
        municipalities: [NisCode::parse("36008").unwrap()].into(),
        active: true,
        created_at: at,
        updated_at: at,
        version: 1,
    };
    assert!(subscription.wants(&event));
    subscription.active = false;
    assert!(!subscription.wants(&event));
    subscription.active = true;
    subscription.municipalities = [NisCode::parse("12025").unwrap()].into();
    assert!(!subscription.wants(&event));
    subscription.municipalities = [NisCode::parse("36008").unwrap()].into();
    subscription.events = [WebhookEventType::ComplaintStatusChanged].into();
    assert!(!subscription.wants(&event));
}
