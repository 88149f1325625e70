//! Printing the promemoria through the system's printing (CUPS): the PDF is written into the
//! session's private folder, handed to `lp -d <queue>`, and removed as soon as `lp` returns
//! (`lp` has copied it to the print spooler by then). The job's title is fixed: nothing about
//! the citizen reaches the queue's job list.
//!
//! What the spooler keeps afterwards is the spooler's business: a kiosk's CUPS should be set
//! with `PreserveJobFiles No` and `PreserveJobHistory No` (cupsd.conf).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::AppError;
use crate::kiosk::temp::SessionFolder;

/// The program that submits print jobs (CUPS' System V command).
pub const LP: &str = "lp";
/// The title of every job.
pub const JOB_TITLE: &str = "CUP Toscana";
/// The file's name in the session folder (never an identifier).
pub const FILE_NAME: &str = "promemoria.pdf";
/// How long `lp` may take to hand the job to the spooler.
pub const LP_TIMEOUT: Duration = Duration::from_secs(30);

/// Machine codes of printing failures, for the UI.
pub mod codes {
    /// The kiosk has no printer configured.
    pub const NO_PRINTER: &str = "print_unavailable";
    /// The print command failed or could not be run.
    pub const FAILED: &str = "print_failed";
}

/// A CUPS queue and the program that submits to it (`lp`; tests put a recorder there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printer {
    pub program: PathBuf,
    /// Checked at start ([`crate::kiosk::config::is_queue_name`]): never an option.
    pub queue: String,
}

impl Printer {
    pub fn cups(queue: &str) -> Self {
        Self {
            program: PathBuf::from(LP),
            queue: queue.to_owned(),
        }
    }

    /// The arguments of `lp` for a file.
    pub fn arguments(&self, file: &Path) -> Vec<std::ffi::OsString> {
        vec![
            "-d".into(),
            self.queue.clone().into(),
            "-t".into(),
            JOB_TITLE.into(),
            "--".into(),
            file.as_os_str().to_owned(),
        ]
    }
}

/// Prints `pdf` on `printer` through the session's private folder.
///
/// # Errors
/// `print_failed` when the file cannot be written, `lp` cannot be run, fails or takes longer
/// than [`LP_TIMEOUT`]. The message names the kind of failure only.
pub async fn print_pdf(
    printer: &Printer,
    folder: &SessionFolder,
    pdf: &[u8],
) -> Result<(), AppError> {
    let file = folder
        .with(|dir| write_private(&dir.join(FILE_NAME), pdf))
        .await
        .map_err(|e| {
            failed(format!(
                "the file to print could not be written ({:?})",
                e.kind()
            ))
        })?;
    let program = printer.program.clone();
    let args = printer.arguments(&file);
    let submitted = tokio::task::spawn_blocking(move || run(&program, &args, LP_TIMEOUT))
        .await
        .unwrap_or_else(|_| Err("the print command's thread failed".into()));
    // The spooler has its copy (or there is nothing to print): the kiosk keeps none.
    if let Err(error) = std::fs::remove_file(&file) {
        tracing::warn!(kind = ?error.kind(), "kiosk: the printed file could not be removed");
    }
    submitted.map_err(|reason| {
        tracing::warn!(%reason, "kiosk: printing failed");
        failed(reason)
    })
}

fn failed(message: String) -> AppError {
    AppError::Other {
        code: codes::FAILED,
        message,
    }
}

/// Writes a new file readable by its owner only.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(path.to_owned())
}

/// Runs the print command, bounded in time; its output is not kept (it is not needed).
fn run(program: &Path, args: &[std::ffi::OsString], timeout: Duration) -> Result<(), String> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("the print command could not be run ({:?})", e.kind()))?;
    let deadline = Instant::now() + timeout;
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => return Err(format!("the print command failed ({status})")),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err("the print command did not finish in time".into());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("the print command was lost ({:?})", e.kind())),
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    //! The boundary we cannot cross in a unit test is CUPS itself: here a recorder stands in
    //! for `lp` and keeps its arguments and the file it was given. The end-to-end test
    //! (tests/e2e/kiosk.test.mjs) prints through a real, private CUPS scheduler.
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// A fake `lp` that records its arguments and a copy of the file, then exits with `code`.
    fn recorder(dir: &Path, code: i32) -> PathBuf {
        let script = dir.join("lp");
        let log = dir.join("args");
        let copy = dir.join("copy.pdf");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\nfor last; do :; done\ncp \"$last\" '{}'\nexit {code}\n",
                log.display(),
                copy.display()
            ),
        )
        .expect("recorder");
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
            .expect("recorder");
        script
    }

    #[tokio::test]
    async fn lp_gets_the_queue_a_fixed_title_and_the_file_which_is_then_removed() {
        let tools = tempfile::tempdir().unwrap();
        let base = tempfile::tempdir().unwrap();
        let folder = SessionFolder::under(base.path().to_owned());
        let printer = Printer {
            program: recorder(tools.path(), 0),
            queue: "sala_1".into(),
        };
        print_pdf(&printer, &folder, b"%PDF-1.7 promemoria")
            .await
            .unwrap();

        let session_dir = folder.path().await.unwrap();
        let args = std::fs::read_to_string(tools.path().join("args")).unwrap();
        let expected_file = session_dir.join(FILE_NAME);
        assert_eq!(
            args.lines().collect::<Vec<_>>(),
            vec![
                "-d",
                "sala_1",
                "-t",
                JOB_TITLE,
                "--",
                expected_file.to_str().unwrap()
            ]
        );
        assert_eq!(
            std::fs::read(tools.path().join("copy.pdf")).unwrap(),
            b"%PDF-1.7 promemoria"
        );
        assert!(!expected_file.exists(), "the kiosk keeps no copy");
        assert_eq!(std::fs::read_dir(&session_dir).unwrap().count(), 0);
    }

    #[tokio::test]
    async fn a_failing_or_missing_lp_is_print_failed_and_leaves_nothing() {
        let tools = tempfile::tempdir().unwrap();
        let base = tempfile::tempdir().unwrap();
        let folder = SessionFolder::under(base.path().to_owned());
        let failing = Printer {
            program: recorder(tools.path(), 1),
            queue: "sala_1".into(),
        };
        let error = print_pdf(&failing, &folder, b"%PDF").await.unwrap_err();
        assert_eq!(error.code(), codes::FAILED);
        let missing = Printer {
            program: tools.path().join("no-such-lp"),
            queue: "sala_1".into(),
        };
        let error = print_pdf(&missing, &folder, b"%PDF").await.unwrap_err();
        assert_eq!(error.code(), codes::FAILED);
        let dir = folder.path().await.unwrap();
        assert_eq!(std::fs::read_dir(dir).unwrap().count(), 0);
    }

    #[test]
    fn a_command_that_hangs_is_stopped() {
        let error = run(
            Path::new("/bin/sleep"),
            &["5".into()],
            Duration::from_millis(100),
        )
        .unwrap_err();
        assert!(error.contains("in time"), "{error}");
    }
}
