//! The kiosk's configuration: from `--kiosk` (all defaults, the embedded demo region), or a
//! TOML or JSON file named by `--kiosk-config PATH` or the `CUP_KIOSK_CONFIG` environment
//! variable. Read and checked once at start; a kiosk whose configuration is wrong does not
//! start at all (never as an ordinary, escapable window).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

/// Environment variable naming a kiosk configuration file (tests, service units).
pub const KIOSK_CONFIG_ENV: &str = "CUP_KIOSK_CONFIG";
/// The command-line switch of a kiosk with every default.
pub const KIOSK_FLAG: &str = "--kiosk";
/// The command-line option naming a kiosk configuration file.
pub const KIOSK_CONFIG_FLAG: &str = "--kiosk-config";

/// Seconds without input before "Sei ancora lì?", by default.
pub const DEFAULT_IDLE_TIMEOUT_SECS: u32 = 90;
/// Seconds of the "Sei ancora lì?" countdown before the reset, by default.
pub const DEFAULT_COUNTDOWN_SECS: u32 = 30;
/// The kiosk id of `--kiosk` without a file.
pub const DEFAULT_KIOSK_ID: &str = "kiosk";

const IDLE_RANGE: std::ops::RangeInclusive<u32> = 5..=3600;
const COUNTDOWN_RANGE: std::ops::RangeInclusive<u32> = 3..=300;
const MAX_KIOSK_ID: usize = 64;
/// CUPS limits queue names to 127 bytes.
const MAX_PRINTER: usize = 127;
/// A configuration file larger than this is not a configuration file.
const MAX_FILE_BYTES: u64 = 64 * 1024;

/// A kiosk's settings, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskConfig {
    /// The regional backend; `None`: the embedded demo region (a kiosk in demo).
    pub backend_url: Option<String>,
    /// Which kiosk this is (for the operators; never shown to citizens).
    pub kiosk_id: String,
    /// Time without input before "Sei ancora lì?".
    pub idle_timeout_secs: u32,
    /// The countdown of "Sei ancora lì?" before the reset.
    pub countdown_secs: u32,
    /// The CUPS queue the promemoria is printed on; `None`: no printer, no print button.
    pub printer: Option<String>,
}

impl Default for KioskConfig {
    fn default() -> Self {
        Self {
            backend_url: None,
            kiosk_id: DEFAULT_KIOSK_ID.to_owned(),
            idle_timeout_secs: DEFAULT_IDLE_TIMEOUT_SECS,
            countdown_secs: DEFAULT_COUNTDOWN_SECS,
            printer: None,
        }
    }
}

impl KioskConfig {
    pub fn idle_timeout(&self) -> Duration {
        Duration::from_secs(self.idle_timeout_secs.into())
    }

    /// Parses and checks a configuration file's text; `format` by the file's extension.
    ///
    /// # Errors
    /// [`KioskConfigError::Syntax`] for text that is not valid TOML / JSON or has unknown or
    /// missing fields, [`KioskConfigError::Invalid`] for a value out of its range.
    pub fn parse(text: &str, format: Format) -> Result<Self, KioskConfigError> {
        let raw: RawConfig = match format {
            Format::Toml => toml::from_str(text).map_err(|e| KioskConfigError::Syntax {
                format,
                reason: e.message().to_owned(),
            })?,
            Format::Json => serde_json::from_str(text).map_err(|e| KioskConfigError::Syntax {
                format,
                reason: e.to_string(),
            })?,
        };
        raw.check()
    }

    /// Reads and checks a configuration file (`.toml` or `.json`).
    ///
    /// # Errors
    /// [`KioskConfigError::Read`] when the file cannot be read, [`KioskConfigError::Format`]
    /// for another extension, and the errors of [`KioskConfig::parse`].
    pub fn read(path: &Path) -> Result<Self, KioskConfigError> {
        let format = Format::of(path)?;
        let read_error = |e: std::io::Error| KioskConfigError::Read {
            path: path.to_owned(),
            reason: e.to_string(),
        };
        let size = std::fs::metadata(path).map_err(read_error)?.len();
        if size > MAX_FILE_BYTES {
            return Err(KioskConfigError::Read {
                path: path.to_owned(),
                reason: format!("larger than {MAX_FILE_BYTES} bytes"),
            });
        }
        let text = std::fs::read_to_string(path).map_err(read_error)?;
        Self::parse(&text, format)
    }
}

/// The syntax of a configuration file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
}

impl Format {
    fn of(path: &Path) -> Result<Self, KioskConfigError> {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("toml") => Ok(Format::Toml),
            Some(ext) if ext.eq_ignore_ascii_case("json") => Ok(Format::Json),
            _ => Err(KioskConfigError::Format(path.to_owned())),
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Format::Toml => "TOML",
            Format::Json => "JSON",
        })
    }
}

/// Why the kiosk cannot start with this configuration. Said to the operator, on stderr.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KioskConfigError {
    #[error("the kiosk configuration {} cannot be read: {reason}", path.display())]
    Read { path: PathBuf, reason: String },
    #[error(
        "the kiosk configuration {} must be a .toml or .json file",
        .0.display()
    )]
    Format(PathBuf),
    #[error("the kiosk configuration is not valid {format}: {reason}")]
    Syntax { format: Format, reason: String },
    #[error("kiosk configuration, {field}: {reason}")]
    Invalid { field: &'static str, reason: String },
    #[error("{KIOSK_CONFIG_FLAG} needs a file: {KIOSK_CONFIG_FLAG} PATH")]
    MissingPath,
}

/// The file as written: every field known, `kiosk_id` required.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    backend_url: Option<String>,
    kiosk_id: String,
    idle_timeout_secs: Option<i64>,
    countdown_secs: Option<i64>,
    printer: Option<String>,
}

impl RawConfig {
    fn check(self) -> Result<KioskConfig, KioskConfigError> {
        let invalid = |field, reason: &str| KioskConfigError::Invalid {
            field,
            reason: reason.to_owned(),
        };
        let backend_url = match self.backend_url.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(url) => Some(check_backend_url(url).map_err(|r| invalid("backend_url", &r))?),
        };
        let kiosk_id = self.kiosk_id.trim().to_owned();
        if kiosk_id.is_empty()
            || kiosk_id.len() > MAX_KIOSK_ID
            || !kiosk_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            return Err(invalid(
                "kiosk_id",
                "1 to 64 letters, digits, '-', '_' or '.'",
            ));
        }
        let idle_timeout_secs = in_range(
            self.idle_timeout_secs,
            DEFAULT_IDLE_TIMEOUT_SECS,
            IDLE_RANGE,
        )
        .ok_or_else(|| invalid("idle_timeout_secs", "a whole number of seconds, 5 to 3600"))?;
        let countdown_secs = in_range(self.countdown_secs, DEFAULT_COUNTDOWN_SECS, COUNTDOWN_RANGE)
            .ok_or_else(|| invalid("countdown_secs", "a whole number of seconds, 3 to 300"))?;
        let printer = match self.printer.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(queue) if is_queue_name(queue) => Some(queue.to_owned()),
            Some(_) => {
                return Err(invalid(
                    "printer",
                    "a CUPS queue name: up to 127 printable characters without spaces, '/', '\\', '#', quotes or '?', not starting with '-'",
                ));
            }
        };
        Ok(KioskConfig {
            backend_url,
            kiosk_id,
            idle_timeout_secs,
            countdown_secs,
            printer,
        })
    }
}

fn in_range(value: Option<i64>, default: u32, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
    match value {
        None => Some(default),
        Some(v) => u32::try_from(v).ok().filter(|v| range.contains(v)),
    }
}

/// An absolute http(s) URL with a host, without credentials.
/// The app's rule for a backend URL ([`crate::config::check_backend_url`]: `https://`, or
/// `http://` on this computer only).
fn check_backend_url(url: &str) -> Result<String, String> {
    crate::config::check_backend_url(url)?;
    Ok(url.to_owned())
}

/// A CUPS queue name (what `lpadmin -p` accepts), and never an option of `lp`.
pub fn is_queue_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_PRINTER
        && !name.starts_with('-')
        && name
            .chars()
            .all(|c| c.is_ascii_graphic() && !matches!(c, '/' | '\\' | '#' | '\'' | '"' | '?'))
}

/// The kiosk asked for at start: `--kiosk-config PATH` (or `--kiosk-config=PATH`), then the
/// `CUP_KIOSK_CONFIG` variable, then `--kiosk` with every default; `None`: not a kiosk.
///
/// # Errors
/// Any [`KioskConfigError`]: the app must then not start.
pub fn from_args_and_env(
    args: impl IntoIterator<Item = OsString>,
    env_path: Option<OsString>,
) -> Result<Option<KioskConfig>, KioskConfigError> {
    let mut flag = false;
    let mut path: Option<PathBuf> = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy();
        if text == KIOSK_FLAG {
            flag = true;
        } else if text == KIOSK_CONFIG_FLAG {
            let value = args.next().ok_or(KioskConfigError::MissingPath)?;
            path = Some(PathBuf::from(value));
        } else if let Some(value) = text.strip_prefix("--kiosk-config=") {
            if value.is_empty() {
                return Err(KioskConfigError::MissingPath);
            }
            path = Some(PathBuf::from(value));
        }
    }
    let path = path.or_else(|| env_path.filter(|p| !p.is_empty()).map(PathBuf::from));
    match path {
        Some(path) => KioskConfig::read(&path).map(Some),
        None if flag => Ok(Some(KioskConfig::default())),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn a_full_toml_file() {
        let config = KioskConfig::parse(
            r#"
                backend_url = "https://cup.example.org/"
                kiosk_id = "prato-sala-1"
                idle_timeout_secs = 120
                countdown_secs = 20
                printer = "Sala_1"
            "#,
            Format::Toml,
        )
        .unwrap();
        assert_eq!(
            config,
            KioskConfig {
                backend_url: Some("https://cup.example.org/".into()),
                kiosk_id: "prato-sala-1".into(),
                idle_timeout_secs: 120,
                countdown_secs: 20,
                printer: Some("Sala_1".into()),
            }
        );
        assert_eq!(config.idle_timeout(), Duration::from_secs(120));
    }

    #[test]
    fn a_minimal_json_file_takes_the_defaults() {
        let config = KioskConfig::parse(r#"{"kiosk_id": "k1"}"#, Format::Json).unwrap();
        assert_eq!(config.backend_url, None, "a kiosk in demo");
        assert_eq!(config.idle_timeout_secs, DEFAULT_IDLE_TIMEOUT_SECS);
        assert_eq!(config.countdown_secs, DEFAULT_COUNTDOWN_SECS);
        assert_eq!(config.printer, None);
        let blank = KioskConfig::parse(
            r#"{"kiosk_id": "k1", "backend_url": " ", "printer": ""}"#,
            Format::Json,
        )
        .unwrap();
        assert_eq!((blank.backend_url, blank.printer), (None, None));
    }

    #[test]
    fn missing_and_unknown_fields_are_syntax_errors() {
        let missing = KioskConfig::parse("idle_timeout_secs = 90", Format::Toml).unwrap_err();
        assert!(
            matches!(&missing, KioskConfigError::Syntax { reason, .. } if reason.contains("kiosk_id")),
            "{missing}"
        );
        let typo = KioskConfig::parse(
            r#"{"kiosk_id": "k1", "idle_timout_secs": 30}"#,
            Format::Json,
        )
        .unwrap_err();
        assert!(typo.to_string().contains("idle_timout_secs"), "{typo}");
        let broken = KioskConfig::parse("kiosk_id = ", Format::Toml).unwrap_err();
        assert!(matches!(
            broken,
            KioskConfigError::Syntax {
                format: Format::Toml,
                ..
            }
        ));
        let wrong_type = KioskConfig::parse(
            r#"{"kiosk_id": "k1", "idle_timeout_secs": "90"}"#,
            Format::Json,
        )
        .unwrap_err();
        assert!(
            matches!(wrong_type, KioskConfigError::Syntax { .. }),
            "{wrong_type}"
        );
    }

    #[test]
    fn bad_values_name_their_field() {
        let field_of = |text: &str| match KioskConfig::parse(text, Format::Toml) {
            Err(KioskConfigError::Invalid { field, .. }) => field,
            other => panic!("{text}: {other:?}"),
        };
        assert_eq!(field_of(r#"kiosk_id = """#), "kiosk_id");
        assert_eq!(field_of(r#"kiosk_id = "sala 1""#), "kiosk_id");
        assert_eq!(
            field_of("kiosk_id = \"k\"\nidle_timeout_secs = 0"),
            "idle_timeout_secs"
        );
        assert_eq!(
            field_of("kiosk_id = \"k\"\nidle_timeout_secs = -5"),
            "idle_timeout_secs"
        );
        assert_eq!(
            field_of("kiosk_id = \"k\"\nidle_timeout_secs = 86400"),
            "idle_timeout_secs"
        );
        assert_eq!(
            field_of("kiosk_id = \"k\"\ncountdown_secs = 1"),
            "countdown_secs"
        );
        assert_eq!(
            field_of("kiosk_id = \"k\"\nbackend_url = \"cup.example\""),
            "backend_url"
        );
        assert_eq!(
            field_of("kiosk_id = \"k\"\nbackend_url = \"ftp://cup.example\""),
            "backend_url"
        );
        assert_eq!(
            field_of("kiosk_id = \"k\"\nbackend_url = \"https://u:p@cup.example\""),
            "backend_url"
        );
        // Plain http:// to another computer: refused, as CUP_BACKEND_URL's.
        assert_eq!(
            field_of("kiosk_id = \"k\"\nbackend_url = \"http://cup.example\""),
            "backend_url"
        );
        for queue in ["-o evil", "a b", "a/b", "a#b", "x'y"] {
            assert_eq!(
                field_of(&format!("kiosk_id = \"k\"\nprinter = \"{queue}\"")),
                "printer"
            );
        }
        let error = KioskConfig::parse("kiosk_id = \"k\"\ncountdown_secs = 1", Format::Toml)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("countdown_secs") && error.contains("3 to 300"),
            "{error}"
        );
    }

    #[test]
    fn files_by_extension() {
        let dir = tempfile::tempdir().unwrap();
        let toml_file = dir.path().join("kiosk.toml");
        std::fs::write(&toml_file, "kiosk_id = \"t\"\ncountdown_secs = 10").unwrap();
        assert_eq!(KioskConfig::read(&toml_file).unwrap().countdown_secs, 10);
        let json_file = dir.path().join("kiosk.JSON");
        std::fs::write(&json_file, r#"{"kiosk_id": "j", "printer": "cupfile"}"#).unwrap();
        assert_eq!(
            KioskConfig::read(&json_file).unwrap().printer.as_deref(),
            Some("cupfile")
        );
        let ini = dir.path().join("kiosk.ini");
        std::fs::write(&ini, "kiosk_id = t").unwrap();
        assert!(matches!(
            KioskConfig::read(&ini),
            Err(KioskConfigError::Format(_))
        ));
        let missing = KioskConfig::read(&dir.path().join("none.toml")).unwrap_err();
        assert!(
            matches!(missing, KioskConfigError::Read { .. }),
            "{missing}"
        );
        assert!(missing.to_string().contains("none.toml"));
    }

    #[test]
    fn arguments_and_environment() {
        assert_eq!(from_args_and_env(args(&[]), None).unwrap(), None);
        assert_eq!(
            from_args_and_env(args(&["--other"]), Some(OsString::new())).unwrap(),
            None
        );
        assert_eq!(
            from_args_and_env(args(&["--kiosk"]), None).unwrap(),
            Some(KioskConfig::default())
        );
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("k.toml");
        std::fs::write(&file, "kiosk_id = \"from-file\"").unwrap();
        let other = dir.path().join("k.json");
        std::fs::write(&other, r#"{"kiosk_id": "from-env"}"#).unwrap();
        let id = |config: Option<KioskConfig>| config.unwrap().kiosk_id;
        let path = file.to_str().unwrap();
        assert_eq!(
            id(from_args_and_env(args(&["--kiosk-config", path]), None).unwrap()),
            "from-file"
        );
        assert_eq!(
            id(from_args_and_env(args(&[&format!("--kiosk-config={path}")]), None).unwrap()),
            "from-file"
        );
        // The command line wins over the environment; the environment alone is enough.
        assert_eq!(
            id(
                from_args_and_env(args(&["--kiosk-config", path]), Some(other.clone().into()))
                    .unwrap()
            ),
            "from-file"
        );
        assert_eq!(
            id(from_args_and_env(args(&[]), Some(other.into())).unwrap()),
            "from-env"
        );
        assert_eq!(
            from_args_and_env(args(&["--kiosk-config"]), None),
            Err(KioskConfigError::MissingPath)
        );
        assert!(from_args_and_env(args(&["--kiosk-config", "/nonexistent/k.toml"]), None).is_err());
    }
}
