//! Municipalities and partners: what an admin manages, with validation, ETags and paging.

use actix_web::test::TestRequest;
use samenleven_domain::reference::Role;
use samenleven_tests::{Credentials, json_request, spawn_app};
use serde_json::json;

#[actix_web::test]
async fn an_admin_adds_reads_and_changes_a_municipality_with_if_match() {
    let app = spawn_app().await;
    let admin = Credentials::admin();
    let created = app
        .send_as(
            &admin,
            json_request(
                TestRequest::post(),
                "/api/v1/municipalities",
                &json!({"nisCode": "41011", "name": " Denderleeuw ", "acknowledgeDays": 7}),
            ),
        )
        .await;
    assert_eq!(created.status, 201);
    assert_eq!(
        created.header("location"),
        Some("/api/v1/municipalities/41011")
    );
    assert_eq!(
        created.json(),
        json!({"nisCode": "41011", "name": "Denderleeuw", "acknowledgeDays": 7, "resolveDays": 45})
    );
    let etag = created.header("etag").unwrap().to_owned();

    let read = app
        .send_as(
            &admin,
            TestRequest::get().uri("/api/v1/municipalities/41011"),
        )
        .await;
    assert_eq!(read.header("etag"), Some(etag.as_str()));

    let patch = |tag: &str| {
        json_request(
            TestRequest::patch(),
            "/api/v1/municipalities/41011",
            &json!({"resolveDays": 30}),
        )
        .insert_header(("If-Match", tag.to_owned()))
    };
    let changed = app.send_as(&admin, patch(&etag)).await;
    assert_eq!(changed.status, 200);
    assert_eq!(changed.json()["resolveDays"], 30);
    assert_ne!(changed.header("etag"), Some(etag.as_str()));
    app.send_as(&admin, patch(&etag))
        .await
        .assert_problem(412, "precondition_failed");
    let read = app
        .send_as(
            &admin,
            TestRequest::get().uri("/api/v1/municipalities/41011"),
        )
        .await
        .json();
    assert_eq!(read["resolveDays"], 30);
}

#[actix_web::test]
async fn municipality_input_is_checked_field_by_field() {
    let app = spawn_app().await;
    let admin = Credentials::admin();
    let problem = app
        .send_as(
            &admin,
            json_request(
                TestRequest::post(),
                "/api/v1/municipalities",
                &json!({"nisCode": "3600", "name": "", "acknowledgeDays": 0}),
            ),
        )
        .await
        .assert_problem(422, "validation_failed");
    let pointers: Vec<_> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(pointers, ["/nisCode", "/name", "/acknowledgeDays"]);

    app.create_municipality("36008", "Izegem").await;
    app.send_as(
        &admin,
        json_request(
            TestRequest::post(),
            "/api/v1/municipalities",
            &json!({"nisCode": "36008", "name": "Izegem"}),
        ),
    )
    .await
    .assert_problem(409, "conflict");
    let problem = app
        .send_as(
            &admin,
            json_request(
                TestRequest::patch(),
                "/api/v1/municipalities/36008",
                &json!({"acknowledgeDays": 60, "resolveDays": 10}),
            ),
        )
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["pointer"], "/resolveDays");
    app.send_as(
        &admin,
        json_request(
            TestRequest::patch(),
            "/api/v1/municipalities/36008",
            &json!({"nisCode": "36009"}),
        ),
    )
    .await
    .assert_problem(422, "validation_failed");
    app.send_as(
        &admin,
        TestRequest::get().uri("/api/v1/municipalities/99999"),
    )
    .await
    .assert_problem(404, "not_found");
    app.send_as(
        &admin,
        TestRequest::get().uri("/api/v1/municipalities/izegem"),
    )
    .await
    .assert_problem(404, "not_found");
}

#[actix_web::test]
async fn lists_page_with_an_opaque_cursor_and_show_only_granted_municipalities() {
    let app = spawn_app().await;
    for (nis, name) in [
        ("11001", "Aartselaar"),
        ("12025", "Mechelen"),
        ("36008", "Izegem"),
        ("41011", "Denderleeuw"),
        ("46021", "Sint-Niklaas"),
    ] {
        app.create_municipality(nis, name).await;
    }
    let admin = Credentials::admin();
    let first = app
        .send_as(
            &admin,
            TestRequest::get().uri("/api/v1/municipalities?limit=2"),
        )
        .await
        .json();
    let codes: Vec<_> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["nisCode"].clone())
        .collect();
    assert_eq!(codes, [json!("11001"), json!("12025")]);
    let cursor = first["nextCursor"].as_str().unwrap();
    let second = app
        .send_as(
            &admin,
            TestRequest::get().uri(&format!("/api/v1/municipalities?limit=2&cursor={cursor}")),
        )
        .await
        .json();
    assert_eq!(second["items"][0]["nisCode"], "36008");
    let cursor = second["nextCursor"].as_str().unwrap();
    let last = app
        .send_as(
            &admin,
            TestRequest::get().uri(&format!("/api/v1/municipalities?limit=2&cursor={cursor}")),
        )
        .await
        .json();
    assert_eq!(last["items"].as_array().unwrap().len(), 1);
    assert!(last["nextCursor"].is_null());

    let handler = Credentials::staff(&[Role::ComplaintHandler], &["36008", "41011"]);
    let mine = app
        .send_as(&handler, TestRequest::get().uri("/api/v1/municipalities"))
        .await
        .json();
    let codes: Vec<_> = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["nisCode"].clone())
        .collect();
    assert_eq!(codes, [json!("36008"), json!("41011")]);

    for query in ["limit=0", "limit=201", "limit=x", "cursor=nonsense"] {
        let problem = app
            .send_as(
                &admin,
                TestRequest::get().uri(&format!("/api/v1/municipalities?{query}")),
            )
            .await
            .assert_problem(400, "invalid_parameter");
        assert!(
            problem["errors"][0]["parameter"].is_string(),
            "{query}: {problem}"
        );
    }
}

#[actix_web::test]
async fn an_admin_manages_partners_within_its_municipalities() {
    let app = spawn_app().await;
    app.create_municipality("36008", "Izegem").await;
    app.create_municipality("12025", "Mechelen").await;
    let admin = Credentials::admin();
    let created = app
        .send_as(&admin, json_request(TestRequest::post(), "/api/v1/partners", &json!({"name": "Politiezone Riho", "kind": "police", "municipalities": ["36008", "12025"]})))
        .await;
    assert_eq!(created.status, 201);
    let partner = created.json();
    assert_eq!(partner["kind"], "police");
    assert_eq!(partner["active"], true);
    assert_eq!(partner["municipalities"], json!(["12025", "36008"]));
    let id = partner["id"].as_str().unwrap();
    assert_eq!(
        created.header("location"),
        Some(format!("/api/v1/partners/{id}").as_str())
    );

    for (body, pointer) in [
        (
            json!({"name": "X", "kind": "ngo", "municipalities": []}),
            "/municipalities",
        ),
        (
            json!({"name": "X", "kind": "ngo", "municipalities": ["99999"]}),
            "/municipalities/0",
        ),
        (
            json!({"name": "X", "kind": "church", "municipalities": ["36008"]}),
            "/kind",
        ),
        (
            json!({"name": "  ", "kind": "ngo", "municipalities": ["36008"]}),
            "/name",
        ),
        (json!({"kind": "ngo", "municipalities": ["36008"]}), "/name"),
    ] {
        let problem = app
            .send_as(
                &admin,
                json_request(TestRequest::post(), "/api/v1/partners", &body),
            )
            .await
            .assert_problem(422, "validation_failed");
        assert_eq!(problem["errors"][0]["pointer"], pointer, "{body}");
    }

    let deactivated = app
        .send_as(
            &admin,
            json_request(
                TestRequest::patch(),
                &format!("/api/v1/partners/{id}"),
                &json!({"active": false}),
            ),
        )
        .await;
    assert_eq!(deactivated.status, 200);
    assert_eq!(deactivated.json()["active"], false);

    // An admin of Izegem only may not move the partner to a municipality it is not granted.
    let izegem_admin = Credentials::staff(&[Role::Admin], &["36008"]);
    app.send_as(
        &izegem_admin,
        json_request(
            TestRequest::patch(),
            &format!("/api/v1/partners/{id}"),
            &json!({"municipalities": ["12025"]}),
        ),
    )
    .await
    .assert_problem(403, "forbidden");
    let listed = app
        .send_as(&izegem_admin, TestRequest::get().uri("/api/v1/partners"))
        .await
        .json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    let mechelen_admin = Credentials::staff(&[Role::Admin], &["12025"]);
    let police_izegem = app.create_partner("ngo", &["36008"]).await;
    let listed = app
        .send_as(&mechelen_admin, TestRequest::get().uri("/api/v1/partners"))
        .await
        .json();
    assert!(
        listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["id"] != police_izegem.as_str())
    );
    app.send_as(
        &admin,
        TestRequest::get().uri(&format!("/api/v1/partners/{}", uuid::Uuid::now_v7())),
    )
    .await
    .assert_problem(404, "not_found");
}

#[actix_web::test]
async fn a_partner_of_two_municipalities_is_changed_only_by_an_admin_granted_both() {
    let app = spawn_app().await;
    app.create_municipality("36008", "Izegem").await;
    app.create_municipality("12025", "Mechelen").await;
    let shared = app.create_partner("police", &["36008", "12025"]).await;
    let (key, _) = app.create_api_key(&shared, &["complaints:submit"]).await;
    let izegem_admin = Credentials::staff(&[Role::Admin], &["36008"]);
    let path = format!("/api/v1/partners/{shared}");

    // It reads the partner and its keys ...
    let read = app
        .send_as(&izegem_admin, TestRequest::get().uri(&path))
        .await;
    assert_eq!(read.status, 200);
    let keys = app
        .send_as(
            &izegem_admin,
            TestRequest::get().uri(&format!("{path}/api-keys")),
        )
        .await;
    assert_eq!(keys.status, 200);
    // ... but does not change, deactivate or key a partner that also works for Mechelen.
    for (request, what) in [
        (
            json_request(TestRequest::patch(), &path, &json!({"name": "Renamed"})),
            "rename",
        ),
        (
            json_request(TestRequest::patch(), &path, &json!({"active": false})),
            "deactivate",
        ),
        (
            json_request(
                TestRequest::post(),
                &format!("{path}/api-keys"),
                &json!({"scopes": ["complaints:submit"]}),
            ),
            "issue a key",
        ),
        (
            TestRequest::delete().uri(&format!("{path}/api-keys/{key}")),
            "revoke a key",
        ),
    ] {
        let problem = app
            .send_as(&izegem_admin, request)
            .await
            .assert_problem(403, "forbidden");
        assert!(
            problem["detail"].as_str().unwrap().contains("12025"),
            "{what}: {problem}"
        );
    }
    let unchanged = app
        .send_as(&Credentials::admin(), TestRequest::get().uri(&path))
        .await
        .json();
    assert_eq!(unchanged["active"], true);
    assert_eq!(unchanged["name"], read.json()["name"]);
    // An admin granted both does; `null` is no value for a member of a partner.
    let both = Credentials::staff(&[Role::Admin], &["36008", "12025"]);
    let problem = app
        .send_as(
            &both,
            json_request(TestRequest::patch(), &path, &json!({"active": null})),
        )
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["pointer"], "/active");
    let renamed = app
        .send_as(
            &both,
            json_request(TestRequest::patch(), &path, &json!({"name": "Renamed"})),
        )
        .await;
    assert_eq!(renamed.status, 200);
}
