//! The window is locked down: it may call Doorstep's own commands and nothing else, and its
//! Content Security Policy allows no remote content.

use serde_json::Value;

fn json(path: &str) -> Value {
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|error| panic!("{path}: {error}"));
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{path}: {error}"))
}

#[test]
fn the_capability_grants_exactly_doorsteps_commands() {
    let capability = json("capabilities/main.json");
    let mut granted: Vec<&str> = capability["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|permission| permission.as_str().expect("a plain permission name"))
        .collect();
    granted.sort_unstable();
    let mut expected: Vec<String> = doorstep_api::commands::ALL
        .iter()
        .map(|command| format!("allow-{}", command.replace('_', "-")))
        .collect();
    expected.sort_unstable();
    assert_eq!(granted, expected);
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    assert!(
        capability.get("remote").is_none(),
        "no remote URL may use the IPC"
    );
}

#[test]
fn the_content_security_policy_allows_no_remote_content() {
    let config = json("tauri.conf.json");
    let csp = config["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP string");
    for directive in ["default-src 'self'", "object-src 'none'", "base-uri 'none'"] {
        assert!(
            csp.contains(directive),
            "the CSP lacks {directive:?}: {csp}"
        );
    }
    for source in csp.split(';').flat_map(str::split_whitespace) {
        let remote = source.starts_with("https:")
            || (source.starts_with("http:") && source != "http://ipc.localhost")
            || source == "*"
            || source.contains("unsafe-inline")
            || source.contains("'unsafe-eval'");
        assert!(!remote, "the CSP allows {source:?}");
    }
    assert!(
        config["build"].get("devUrl").is_none(),
        "the app must not load a dev server"
    );
    assert_eq!(config["app"]["withGlobalTauri"], Value::Bool(true));
}
