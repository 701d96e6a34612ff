//! The OpenAPI document describes exactly the routes the registry serves.

use crate::support::{Caller, Fixture};
use prodos_server::routes::registry;
use std::collections::BTreeSet;

#[tokio::test]
async fn the_document_lists_every_route_of_the_registry_and_no_other() {
    let fixture = Fixture::new();
    let document = fixture.get("/api/openapi.json", &Caller::Anonymous).await.json();
    let mut documented = BTreeSet::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("path item").keys() {
            if ["get", "post", "put", "delete", "patch"].contains(&method.as_str()) {
                documented.insert(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    // Pages and static files are for browsers, not part of the API description.
    let served: BTreeSet<String> = registry()
        .iter()
        .filter(|spec| spec.path.starts_with("/api/"))
        .map(|spec| format!("{} {}", spec.method, spec.path))
        .collect();
    assert_eq!(documented, served);
    assert!(document["components"]["schemas"]["ErrorBody"].is_object());
    // Typed responses show their real shapes, not plain objects.
    for schema in ["PlanDetailView", "TaskView", "ParticipantView", "CostView", "MaterialView"] {
        let found = &document["components"]["schemas"][schema];
        assert!(found["properties"].is_object() || found["allOf"].is_array(), "{schema} has no schema: {found}");
    }
    let plan =
        &document["paths"]["/api/plans/{plan}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(plan["$ref"], "#/components/schemas/PlanDetailView");
    fixture.finish();
}
