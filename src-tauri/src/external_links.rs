//! Links to other sites (ZeroCode, the Fascicolo Sanitario Elettronico, the Region's site) open
//! in the system browser, never in the app's window: the citizen's window refuses to navigate
//! away from the app, and a link with `target="_blank"` (a new window's request) to one of the
//! [`EXTERNAL_HOSTS`], over https, is handed to the desktop's browser. Anything else is refused.
//! The webview holds no opener permission: the decision is made here, in Rust.

use tauri::webview::NewWindowResponse;
use tauri::{Runtime, Url};

use crate::kiosk::navigation::is_app_url;

/// The hosts the UI links to (`ui/src/components/ExternalLink.tsx`, `EXTERNAL_LINKS`; a test
/// keeps the two together).
pub const EXTERNAL_HOSTS: &[&str] = &[
    "zerocode.sanita.toscana.it",
    "fascicolosanitario.regione.toscana.it",
    "www.regione.toscana.it",
];

/// An https URL of one of [`EXTERNAL_HOSTS`], on the default port, without credentials.
pub fn is_external_link(url: &Url) -> bool {
    url.scheme() == "https"
        && url.username().is_empty()
        && url.password().is_none()
        && url.port().is_none()
        && url
            .host_str()
            .is_some_and(|host| EXTERNAL_HOSTS.contains(&host))
}

/// Opens a URL in the system browser (a recorder in tests).
pub trait Browser: Send + Sync {
    fn open(&self, url: &Url);
}

/// The desktop's default browser (xdg-open on Linux), started detached.
pub struct SystemBrowser;

impl Browser for SystemBrowser {
    fn open(&self, url: &Url) {
        if let Err(error) = open::that_detached(url.as_str()) {
            tracing::warn!(%error, "an external link could not be opened in the browser");
        }
    }
}

/// The main window's navigation handler: the app's own pages load; an external link opens in
/// the browser and the window stays where it is; anything else is refused.
pub fn allow_navigation(browser: &dyn Browser, url: &Url) -> bool {
    if is_app_url(url) {
        return true;
    }
    hand_over(browser, url);
    false
}

/// The main window's new-window handler: no new window ever; an external link opens in the
/// browser.
pub fn new_window<R: Runtime>(browser: &dyn Browser, url: &Url) -> NewWindowResponse<R> {
    hand_over(browser, url);
    NewWindowResponse::Deny
}

fn hand_over(browser: &dyn Browser, url: &Url) {
    if is_external_link(url) {
        browser.open(url);
    } else {
        // Without the URL, which might carry anything.
        tracing::warn!(
            scheme = url.scheme(),
            "a navigation away from the app was refused"
        );
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    #[derive(Default)]
    struct Recorder(Mutex<Vec<String>>);

    impl Browser for Recorder {
        fn open(&self, url: &Url) {
            self.0.lock().unwrap().push(url.to_string());
        }
    }

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn the_regions_sites_open_in_the_browser_and_the_window_stays() {
        let browser = Recorder::default();
        for link in [
            "https://zerocode.sanita.toscana.it/",
            "https://fascicolosanitario.regione.toscana.it/",
            "https://www.regione.toscana.it/toscanasalute",
        ] {
            assert!(!allow_navigation(&browser, &url(link)), "{link}");
            assert!(matches!(
                new_window::<tauri::test::MockRuntime>(&browser, &url(link)),
                NewWindowResponse::Deny
            ));
        }
        assert_eq!(browser.0.lock().unwrap().len(), 6);
    }

    #[test]
    fn the_apps_own_pages_load_and_open_nothing() {
        let browser = Recorder::default();
        assert!(allow_navigation(
            &browser,
            &url("tauri://localhost/index.html")
        ));
        assert!(allow_navigation(&browser, &url("http://tauri.localhost/")));
        assert!(browser.0.lock().unwrap().is_empty());
    }

    #[test]
    fn anything_else_is_refused_and_opens_nothing() {
        let browser = Recorder::default();
        for refused in [
            "http://zerocode.sanita.toscana.it/",
            "https://zerocode.sanita.toscana.it:8443/",
            "https://user@zerocode.sanita.toscana.it/",
            "https://zerocode.sanita.toscana.it.example.org/",
            "https://example.org/",
            "https://regione.toscana.it/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "data:text/html,<p>hi</p>",
            "mailto:cup@example.org",
        ] {
            assert!(!allow_navigation(&browser, &url(refused)), "{refused}");
            assert!(matches!(
                new_window::<tauri::test::MockRuntime>(&browser, &url(refused)),
                NewWindowResponse::Deny
            ));
        }
        assert!(browser.0.lock().unwrap().is_empty());
    }

    /// Every https address the UI links to is one the app opens: the two lists are one.
    #[test]
    fn every_link_of_the_ui_is_allowed() {
        let source = include_str!("../../ui/src/components/ExternalLink.tsx");
        let links: Vec<&str> = source
            .split('"')
            .filter(|part| part.starts_with("https://"))
            .collect();
        assert!(links.len() >= 4, "{links:?}");
        for link in &links {
            assert!(is_external_link(&url(link)), "{link} is not allowed");
        }
        for host in EXTERNAL_HOSTS {
            assert!(
                links.iter().any(|l| url(l).host_str() == Some(host)),
                "{host} is allowed but linked nowhere"
            );
        }
    }
}
