//! `GET /api/v1/reference` and `GET /api/v1/reference/{list}`.

use samenleven_tests::spawn_app;

#[actix_web::test]
async fn the_index_links_every_list_and_each_link_resolves() {
    let app = spawn_app().await;
    let index = app.get("/api/v1/reference").await;
    assert_eq!(index.status, 200);
    let items = index.json()["items"].as_array().unwrap().clone();
    assert!(items.len() >= 26, "{} lists", items.len());
    for item in items {
        let href = item["href"].as_str().unwrap();
        let list = app.get(href).await;
        assert_eq!(list.status, 200, "{href}");
        let body = list.json();
        assert_eq!(body["name"], item["name"]);
        assert_eq!(
            body["items"].as_array().unwrap().len() as u64,
            item["count"].as_u64().unwrap()
        );
        for entry in body["items"].as_array().unwrap() {
            for language in ["nl", "fr", "en"] {
                assert!(
                    entry["labels"][language]
                        .as_str()
                        .is_some_and(|l| !l.is_empty()),
                    "{href} {entry}"
                );
            }
        }
    }
}

#[actix_web::test]
async fn grounds_are_the_protected_criteria_of_belgian_law_in_three_languages() {
    let app = spawn_app().await;
    let body = app.get("/api/v1/reference/grounds").await.json();
    let items = body["items"].as_array().unwrap();
    assert_eq!(items.len(), 25);
    let skin = items.iter().find(|i| i["code"] == "skin_colour").unwrap();
    assert_eq!(skin["labels"]["nl"], "huidskleur");
    assert_eq!(skin["labels"]["fr"], "couleur de peau");
    assert_eq!(skin["labels"]["en"], "skin colour");
    let codes: Vec<_> = items.iter().map(|i| i["code"].as_str().unwrap()).collect();
    for code in [
        "nationality",
        "sexual_orientation",
        "religion_or_belief",
        "gender_identity",
        "sex_characteristics",
        "unknown",
    ] {
        assert!(codes.contains(&code), "{code}");
    }
}

#[actix_web::test]
async fn the_lists_of_every_register_are_there() {
    let app = spawn_app().await;
    for (list, some_code) in [
        ("complaint-statuses", "in_treatment"),
        ("conduct", "refusal_of_reasonable_accommodation"),
        ("complaint-contexts", "care_company"),
        ("referral-bodies", "vmri"),
        ("complaint-outcomes", "founded_no_remedy"),
        ("bias-motivations", "anti_lgbti"),
        ("crime-types", "desecration"),
        ("prosecution-statuses", "acquitted"),
        ("consultation-statuses", "minutes_approved"),
        ("participant-kinds", "target_group_association"),
        ("action-item-statuses", "dropped"),
        ("applicant-kinds", "de_facto_association"),
        ("target-groups", "lgbtqi"),
        ("application-statuses", "report_submitted"),
        ("funding-sources", "plan_samenleven"),
        ("api-key-scopes", "complaints:read_own"),
        ("roles", "hate_crime_coordinator"),
    ] {
        let body = app.get(&format!("/api/v1/reference/{list}")).await.json();
        let found = body["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["code"] == some_code);
        assert!(found, "{list} lacks {some_code}");
    }
}

#[actix_web::test]
async fn an_unknown_list_is_a_404_problem() {
    let app = spawn_app().await;
    let problem = app
        .get("/api/v1/reference/religions")
        .await
        .assert_problem(404, "not_found");
    assert!(problem["detail"].as_str().unwrap().contains("religions"));
}

#[actix_web::test]
async fn every_list_is_an_enum_schema_of_the_openapi_document() {
    let app = spawn_app().await;
    let document = app.get("/api-docs/openapi.json").await.json();
    let index = app.get("/api/v1/reference").await.json();
    for item in index["items"].as_array().unwrap() {
        let schema_name = item["schemaName"].as_str().unwrap();
        let schema = &document["components"]["schemas"][schema_name];
        let list = app.get(item["href"].as_str().unwrap()).await.json();
        let codes: Vec<_> = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["code"].clone())
            .collect();
        assert_eq!(schema["enum"].as_array(), Some(&codes), "{schema_name}");
    }
}
