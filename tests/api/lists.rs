//! Complaint lists of callers granted several municipalities, or all of them: every page holds
//! the newest matches of the whole grant, each once, and nothing outside it.

use actix_web::test::TestRequest;
use samenleven_domain::reference::Role;
use samenleven_tests::{Credentials, TestApp, json_request, spawn_app};
use serde_json::{Value, json};

const AARTSELAAR: &str = "11001";
const MECHELEN: &str = "12025";
const IZEGEM: &str = "36008";

/// One registered complaint: its id, municipality, reference and grounds.
struct Registered {
    id: String,
    municipality: &'static str,
    reference: String,
    age: bool,
}

/// Nine complaints, registered in turn in the three municipalities; every other one on the
/// ground of age, the rest on skin colour.
async fn registered(app: &TestApp) -> Vec<Registered> {
    let mut all = Vec::new();
    for i in 0..9 {
        let municipality = [AARTSELAAR, MECHELEN, IZEGEM][i % 3];
        let age = i % 2 == 0;
        let body = json!({
            "kind": "report",
            "municipality": municipality,
            "channel": "web_form",
            "reporter": {"role": "anonymous"},
            "incident": {
                "occurredOn": "2026-11-02",
                "location": {"kind": "address", "text": "Grote Markt"},
                "context": "housing"
            },
            "grounds": [if age { "age" } else { "skin_colour" }],
            "conduct": ["direct_discrimination"],
            "description": "Refused a flat.",
            "possibleHateCrime": false
        });
        let response = app
            .send_as(
                &Credentials::staff(&[Role::ComplaintHandler], &[municipality]),
                json_request(TestRequest::post(), "/api/v1/complaints", &body),
            )
            .await;
        assert_eq!(response.status, 201);
        let created = response.json();
        all.push(Registered {
            id: created["id"].as_str().unwrap().to_owned(),
            municipality,
            reference: created["reference"].as_str().unwrap().to_owned(),
            age,
        });
    }
    all
}

/// The ids of every page of `/api/v1/complaints?{query}`, two a page, in the order given.
async fn every_page(app: &TestApp, who: &Credentials, query: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let uri = match &cursor {
            Some(c) => format!("/api/v1/complaints?{query}&limit=2&cursor={c}"),
            None => format!("/api/v1/complaints?{query}&limit=2"),
        };
        let response = app.send_as(who, TestRequest::get().uri(&uri)).await;
        assert_eq!(response.status, 200, "{uri}");
        let page: Value = response.json();
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 2, "{uri}: {page}");
        ids.extend(items.iter().map(|c| c["id"].as_str().unwrap().to_owned()));
        match page["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return ids,
        }
    }
}

/// The ids of `all` that `keep` keeps, newest first (ids are time-ordered).
fn newest_first(all: &[Registered], keep: impl Fn(&Registered) -> bool) -> Vec<String> {
    let mut ids: Vec<String> = all
        .iter()
        .filter(|r| keep(r))
        .map(|r| r.id.clone())
        .collect();
    ids.sort_unstable_by(|a, b| b.cmp(a));
    ids
}

#[actix_web::test]
async fn lists_across_municipalities_page_newest_first_within_the_grant() {
    let app = spawn_app().await;
    for (nis, name) in [
        (AARTSELAAR, "Aartselaar"),
        (MECHELEN, "Mechelen"),
        (IZEGEM, "Izegem"),
    ] {
        app.create_municipality(nis, name).await;
    }
    let all = registered(&app).await;
    let two = Credentials::staff(&[Role::ComplaintHandler], &[AARTSELAAR, IZEGEM]);
    let everywhere = Credentials::staff(&[Role::ComplaintHandler], &["*"]);
    let granted = |r: &Registered| r.municipality != MECHELEN;

    // Two municipalities, with and without filters that their indexes serve.
    assert_eq!(
        every_page(&app, &two, "").await,
        newest_first(&all, granted)
    );
    assert_eq!(
        every_page(&app, &two, "ground=age").await,
        newest_first(&all, |r| granted(r) && r.age)
    );
    assert_eq!(
        every_page(&app, &two, "status=received&context=housing").await,
        newest_first(&all, granted)
    );
    assert!(every_page(&app, &two, "status=closed").await.is_empty());

    // Every municipality.
    assert_eq!(
        every_page(&app, &everywhere, "ground=skin_colour").await,
        newest_first(&all, |r| !r.age)
    );
    assert_eq!(
        every_page(&app, &everywhere, "overdue=false&from=2020-01-01").await,
        newest_first(&all, |_| true)
    );
    // A reference is numbered within its municipality: the first of each year is in all three.
    let first = &all[0].reference;
    assert_eq!(
        every_page(&app, &everywhere, &format!("reference={first}")).await,
        newest_first(&all, |r| &r.reference == first)
    );
    assert_eq!(
        every_page(&app, &two, &format!("reference={first}")).await,
        newest_first(&all, |r| granted(r) && &r.reference == first)
    );

    // A period, in one municipality and in several.
    let izegem = Credentials::staff(&[Role::ComplaintHandler], &[IZEGEM]);
    let in_izegem = |r: &Registered| r.municipality == IZEGEM;
    assert_eq!(
        every_page(&app, &izegem, "from=2020-01-01&to=2099-12-31").await,
        newest_first(&all, in_izegem)
    );
    assert_eq!(
        every_page(
            &app,
            &two,
            &format!("municipality={IZEGEM}&from=2020-01-01")
        )
        .await,
        newest_first(&all, in_izegem)
    );
    assert_eq!(
        every_page(&app, &two, "to=2099-12-31&ground=age").await,
        newest_first(&all, |r| granted(r) && r.age)
    );
    assert!(every_page(&app, &izegem, "to=2020-01-01").await.is_empty());

    // A municipality outside the grant reads as empty, as before.
    for query in ["", "&from=2020-01-01"] {
        let query = format!("municipality={MECHELEN}{query}");
        assert!(every_page(&app, &two, &query).await.is_empty(), "{query}");
    }
}
