//! The app does not start on a remote backend reached over plain `http://`: the binary
//! itself, as an operator would start it, stops at once with a clear message and status 2
//! (as for a wrong kiosk configuration), before any window or network call.

use std::process::Command;

fn start_with_backend(url: &str) -> std::process::Output {
    let home = tempfile::tempdir().expect("temp HOME");
    Command::new(env!("CARGO_BIN_EXE_cup-toscana"))
        .env("CUP_BACKEND_URL", url)
        .env_remove("CUP_KIOSK_CONFIG")
        .env_remove("CUP_TODAY")
        // Nothing of the developer's session: if the check were missing, the app would fail
        // to open a window here rather than run.
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path())
        .output()
        .expect("the app's binary runs")
}

#[test]
fn plain_http_to_a_remote_backend_stops_the_app_with_status_2() {
    for url in ["http://cup.example.org/", "http://192.168.1.20:8080"] {
        let output = start_with_backend(url);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{url}: {stderr}");
        assert!(stderr.contains("CUP_BACKEND_URL"), "{stderr}");
        assert!(stderr.contains("https://"), "{stderr}");
        assert!(stderr.contains(url), "names the refused URL: {stderr}");
    }
}
