//! Every protected operation, read from the OpenAPI spec, refuses a missing, malformed,
//! forged or expired token, and every role its security requirement does not list.

use madoguchi_backend::auth::jwt::Claims;
use madoguchi_backend::openapi::BEARER_SCHEME;
use madoguchi_shared::dto::staff::StaffRole;
use madoguchi_shared::error::ErrorCode;
use reqwest::Method;
use rstest::rstest;

use crate::helpers::{Db, TestApp, problem, spawn_app};

struct ProtectedOperation {
    method: Method,
    path: String,
    allowed: Vec<StaffRole>,
    /// Open to callers without a token too (security lists `{}`): only bad tokens are refused.
    anonymous_allowed: bool,
    /// The documented example body and its media type.
    example_body: Option<(String, serde_json::Value)>,
}

/// The path with every `{param}` replaced by its documented example, plus the required
/// query parameters, so that requests fail on authorization and nothing else.
fn concrete_path(path: &str, operation: &serde_json::Value) -> String {
    let mut concrete = path.to_owned();
    let mut query = Vec::new();
    for parameter in operation["parameters"].as_array().into_iter().flatten() {
        let name = parameter["name"].as_str().expect("parameter name");
        let example = &parameter["example"];
        let value = match example {
            serde_json::Value::String(text) => text.clone(),
            serde_json::Value::Null => String::new(),
            other => other.to_string(),
        };
        match parameter["in"].as_str() {
            Some("path") => {
                assert!(
                    !value.is_empty(),
                    "{path}: document an example for path parameter {name}"
                );
                concrete = concrete.replace(&format!("{{{name}}}"), &value);
            }
            Some("query") if parameter["required"] == true => {
                let value = if value.is_empty() {
                    parameter["schema"]["enum"][0]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned()
                } else {
                    value
                };
                assert!(
                    !value.is_empty(),
                    "{path}: document an example for query parameter {name}"
                );
                query.push(format!("{name}={value}"));
            }
            _ => {}
        }
    }
    if query.is_empty() {
        concrete
    } else {
        format!("{concrete}?{}", query.join("&"))
    }
}

fn protected_operations() -> Vec<ProtectedOperation> {
    let spec: serde_json::Value =
        serde_json::from_str(&madoguchi_backend::openapi::spec_json().expect("spec"))
            .expect("json");
    let mut operations = Vec::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("item") {
            let Some(requirements) = operation["security"].as_array() else {
                continue;
            };
            let anonymous_allowed = requirements
                .iter()
                .any(|requirement| requirement.as_object().is_some_and(|r| r.is_empty()));
            let allowed: Vec<StaffRole> = requirements
                .iter()
                .filter_map(|requirement| requirement[BEARER_SCHEME].as_array())
                .flatten()
                .map(|role| {
                    StaffRole::parse(role.as_str().expect("role name")).expect("a known role")
                })
                .collect();
            assert!(
                !allowed.is_empty(),
                "{method} {path}: a security requirement must list roles"
            );
            let example_body = operation["requestBody"]["content"]
                .as_object()
                .and_then(|content| content.iter().next())
                .map(|(media_type, body)| (media_type.clone(), body["example"].clone()));
            if operation["requestBody"].is_object() {
                assert!(
                    example_body
                        .as_ref()
                        .is_some_and(|(_, example)| !example.is_null()),
                    "{method} {path}: document an example request body"
                );
            }
            operations.push(ProtectedOperation {
                method: method.to_uppercase().parse().expect("http method"),
                path: concrete_path(path, operation),
                allowed,
                anonymous_allowed,
                example_body,
            });
        }
    }
    operations
}

async fn call(
    app: &TestApp,
    operation: &ProtectedOperation,
    token: Option<&str>,
) -> reqwest::Response {
    let mut request = app
        .client
        .request(operation.method.clone(), app.url(&operation.path));
    match &operation.example_body {
        Some((media_type, serde_json::Value::String(text))) if media_type != "application/json" => {
            request = request
                .header("content-type", media_type)
                .body(text.clone());
        }
        Some((_, body)) => request = request.json(body),
        None => {}
    }
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.expect("request sent")
}

async fn assert_unauthorized(response: reqwest::Response, what: &str) {
    assert_eq!(response.status(), 401, "{what}");
    assert!(
        response.headers().contains_key("www-authenticate"),
        "{what}: WWW-Authenticate"
    );
    assert_eq!(
        problem(response).await.code,
        ErrorCode::Unauthorized,
        "{what}"
    );
}

#[rstest]
#[case::sqlite(Db::Sqlite)]
#[case::postgres(Db::Postgres)]
#[tokio::test]
async fn every_protected_route_refuses_no_token_a_bad_token_an_expired_token_and_a_wrong_role(
    #[case] db: Db,
) {
    let app = spawn_app(db).await;
    let operations = protected_operations();
    assert!(
        operations.len() >= 20,
        "expected the staff endpoints to be protected"
    );
    assert!(
        operations
            .iter()
            .any(|op| op.allowed.len() < StaffRole::ALL.len()),
        "some route is role-restricted"
    );

    // The examples' `{id}` is 2: accounts 1 and 2 are bystanders, so resetting their
    // password or two factors ends no session this test uses.
    for _ in 0..2 {
        app.create_staff(StaffRole::Operator).await;
    }
    let mut tokens = Vec::new();
    for role in StaffRole::ALL {
        let member = app.signed_in(role).await;
        if role == StaffRole::CityAdmin {
            // The sensitive actions ask for a recent step-up; this test is about roles.
            app.step_up(&member.token, member.secret.as_deref()).await;
        }
        tokens.push((role, member.token));
    }
    // Signing out ends the caller's sessions: it goes last.
    let mut operations = operations;
    operations.sort_by_key(|operation| operation.path.ends_with("/auth/logout"));
    let admin_claims = app.token_keys().verify(&tokens[3].1).expect("valid");
    let admin_id: i64 = admin_claims.sub.parse().expect("id");
    let now = app.now().timestamp();
    let expired = app
        .token_keys()
        .sign(&Claims {
            sub: admin_id.to_string(),
            role: StaffRole::CityAdmin,
            iss: "madoguchi".to_owned(),
            aud: "madoguchi-staff".to_owned(),
            iat: now - 7200,
            exp: now - 60,
            epoch: admin_claims.epoch,
            scope: None,
        })
        .expect("sign");
    let forged = {
        let mut parts: Vec<String> = tokens[3].1.split('.').map(str::to_owned).collect();
        parts[2] = "c2lnbmF0dXJlLW9mLXNvbWVvbmUtZWxzZQ".to_owned();
        parts.join(".")
    };

    for operation in &operations {
        let name = format!("{} {}", operation.method, operation.path);
        if !operation.anonymous_allowed {
            assert_unauthorized(
                call(&app, operation, None).await,
                &format!("{name} without a token"),
            )
            .await;
        }
        assert_unauthorized(
            call(&app, operation, Some("not-a-jwt")).await,
            &format!("{name} with garbage"),
        )
        .await;
        assert_unauthorized(
            call(&app, operation, Some(&forged)).await,
            &format!("{name} with a forged signature"),
        )
        .await;
        assert_unauthorized(
            call(&app, operation, Some(&expired)).await,
            &format!("{name} with an expired token"),
        )
        .await;
        for (role, token) in &tokens {
            let response = call(&app, operation, Some(token)).await;
            if operation.allowed.contains(role) {
                assert!(
                    ![401, 403].contains(&response.status().as_u16()),
                    "{name} as {role:?} should be allowed, got {}",
                    response.status()
                );
            } else {
                assert_eq!(response.status(), 403, "{name} as {role:?}");
                assert_eq!(
                    problem(response).await.code,
                    ErrorCode::Forbidden,
                    "{name} as {role:?}"
                );
            }
        }
    }
}
