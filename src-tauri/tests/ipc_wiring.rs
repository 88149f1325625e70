//! The wiring through Tauri's IPC on the mock runtime: commands registered, arguments in
//! camelCase, errors as `{code, message, field}`. One test in this binary, because it points
//! HOME at a temp dir before anything else runs (Tauri's mock runtime writes under HOME).

use cup_toscana_lib::{AppConfig, build_app};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, get_ipc_response, mock_builder, mock_context, noop_assets};
use tauri::webview::InvokeRequest;

fn request(cmd: &str, body: serde_json::Value) -> InvokeRequest {
    InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        // On Linux the app's own origin is tauri://localhost (see TAURI-NOTES).
        url: "tauri://localhost".parse().expect("url"),
        body: InvokeBody::Json(body),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    }
}

#[test]
fn commands_answer_through_the_ipc() {
    let home = tempfile::tempdir().expect("temp HOME");
    // SAFETY: the only test of this binary, before any thread of ours starts.
    #[allow(unsafe_code)]
    unsafe {
        for var in ["HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"] {
            std::env::set_var(var, home.path());
        }
    }
    // A remote backend that is not there: the embedded one is not started, nothing is sent.
    let config = AppConfig::from_backend_url(Some("http://127.0.0.1:9".into()))
        .expect("plain http:// on this computer is accepted");
    let mut app =
        build_app(mock_builder(), mock_context(noop_assets()), config).expect("app builds");
    // One turn of the event loop runs the setup (the state managed there: the device store,
    // the documents, the reminders).
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("main window");

    let info = get_ipc_response(&webview, request("app_info", serde_json::json!({})))
        .expect("app_info answers")
        .deserialize::<serde_json::Value>()
        .expect("json");
    assert_eq!(info["demo"], false);
    assert_eq!(info["backendUrl"], "http://127.0.0.1:9");
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));

    let error = get_ipc_response(
        &webview,
        request(
            "validate_access",
            serde_json::json!({
                // The README's visit_p citizen with a wrong check character (X -> A).
                "codiceFiscale": "BNCGLI85D52D612A",
                "tessera": "80380000001234560016",
                "nre": "0900A1123456701",
            }),
        ),
    )
    .expect_err("a wrong codice fiscale is refused");
    assert_eq!(error["field"], "codice_fiscale");
    assert_eq!(error["code"], "cf_check_char");
    assert!(error["message"].is_string());

    // Documents and reminders (issue 6): registered, camelCase, codes for the UI.
    let settings = get_ipc_response(
        &webview,
        request("reminder_settings", serde_json::json!({})),
    )
    .expect("reminder_settings answers")
    .deserialize::<serde_json::Value>()
    .expect("json");
    assert_eq!(settings["available"], true);
    assert_eq!(settings["leadTimes"][0]["kind"], "days_before_at");
    get_ipc_response(
        &webview,
        request("set_language", serde_json::json!({ "lang": "en" })),
    )
    .expect("set_language answers");
    let missed = get_ipc_response(
        &webview,
        request("missed_reminders", serde_json::json!({ "lang": "it" })),
    )
    .expect("missed_reminders answers")
    .deserialize::<serde_json::Value>()
    .expect("json");
    assert_eq!(missed, serde_json::json!([]));
    let error = get_ipc_response(
        &webview,
        request(
            "open_booking_file",
            serde_json::json!({ "cupNumber": "202600000001", "kind": "../x", "lang": "it" }),
        ),
    )
    .expect_err("an unknown kind is refused");
    assert_eq!(error["code"], "document_kind");
    assert_eq!(error["field"], "kind");
}
