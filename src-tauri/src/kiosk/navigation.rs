//! The kiosk's webview goes nowhere but the app: every navigation to a URL that is not the
//! app's own is refused, and no new window is ever opened.

use tauri::Url;

/// True for the app's own pages: `tauri://localhost/...` (Linux, macOS) or
/// `http(s)://tauri.localhost/...` (Windows, Android). Everything else, including other
/// hosts on the same scheme, `localhost` itself, files, `data:`, `javascript:` and
/// `about:` pages, is refused.
pub fn is_app_url(url: &Url) -> bool {
    let no_credentials = url.username().is_empty() && url.password().is_none();
    let default_port = url.port().is_none();
    let own = match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    };
    own && no_credentials && default_port
}

/// The navigation handler of the kiosk window: allows the app's own pages only, and says
/// (without the URL, which might carry anything) when it refused one.
pub fn allow_navigation(url: &Url) -> bool {
    let allowed = is_app_url(url);
    if !allowed {
        tracing::warn!(
            scheme = url.scheme(),
            "kiosk: a navigation away from the app was refused"
        );
    }
    allowed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn the_apps_own_pages_are_allowed() {
        for allowed in [
            "tauri://localhost",
            "tauri://localhost/",
            "tauri://localhost/index.html",
            "tauri://localhost/index.html#main-content",
            "tauri://localhost/assets/index.js?v=1",
            "http://tauri.localhost/",
            "https://tauri.localhost/index.html",
        ] {
            assert!(is_app_url(&url(allowed)), "{allowed}");
        }
    }

    #[test]
    fn anything_else_is_refused() {
        for refused in [
            "https://example.org",
            "https://example.org/tauri://localhost",
            "http://localhost/",
            "http://127.0.0.1:8080/v1/openapi.json",
            "tauri://evil.example/",
            "tauri://localhost.evil.example/",
            "tauri://localhost:8080/",
            "tauri://user@localhost/",
            "https://tauri.localhost.example.org/",
            "https://tauri.localhost:444/",
            "file:///etc/passwd",
            "data:text/html,<p>hi</p>",
            "javascript:alert(1)",
            "about:blank",
            "ipc://localhost/app_info",
            "mailto:cup@example.org",
            "tel:800004477",
        ] {
            assert!(!is_app_url(&url(refused)), "{refused}");
            assert!(!allow_navigation(&url(refused)), "{refused}");
        }
    }
}
