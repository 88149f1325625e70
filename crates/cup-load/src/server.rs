//! The fault mode's server: cup-server started as a child process on a given database,
//! killed with SIGKILL and started again on the same database; PostgreSQL restarted by a
//! given command; fresh databases for the quick mode.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cup_api::Channel;
use cup_client::CupClient;
use sqlx::Connection;

/// A cup-server child process.
pub struct ManagedServer {
    bin: PathBuf,
    args: Vec<String>,
    url: String,
    log: PathBuf,
    child: Option<Child>,
    pub starts: u32,
    pub kills: u32,
}

/// The cup-server next to this executable (target/<profile>/cup-server), if any.
pub fn default_server_bin() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("cup-server")))
        .unwrap_or_else(|| PathBuf::from("cup-server"))
}

/// The `host:port` of an `http://host:port` URL.
pub fn listen_address(url: &str) -> Option<String> {
    let rest = url.strip_prefix("http://")?;
    let host_port = rest.split('/').next()?;
    host_port.contains(':').then(|| host_port.to_owned())
}

/// A free loopback port.
pub fn free_port() -> std::io::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

impl ManagedServer {
    /// `extra`: more cup-server flags. The throttles are raised for the load tool's single
    /// address unless `extra` sets them.
    pub fn new(bin: &Path, database: &str, url: &str, extra: &[String], log: &Path) -> Self {
        let listen = listen_address(url).unwrap_or_else(|| "127.0.0.1:8080".to_owned());
        let mut args = vec![
            "--database".to_owned(),
            database.to_owned(),
            "--listen".to_owned(),
            listen,
        ];
        for (flag, value) in [
            ("--throttle-address-max", "100000000"),
            ("--throttle-identity-max", "100000000"),
            ("--throttle-pair-max", "100000000"),
        ] {
            if !extra.iter().any(|a| a == flag) {
                args.push(flag.to_owned());
                args.push(value.to_owned());
            }
        }
        args.extend(extra.iter().cloned());
        ManagedServer {
            bin: bin.to_owned(),
            args,
            url: url.to_owned(),
            log: log.to_owned(),
            child: None,
            starts: 0,
            kills: 0,
        }
    }

    /// Starts the server and waits until it answers `/health`.
    pub async fn start(&mut self, timeout: Duration) -> Result<Duration, String> {
        let started = Instant::now();
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .map_err(|e| format!("server log {}: {e}", self.log.display()))?;
        let err = log.try_clone().map_err(|e| format!("server log: {e}"))?;
        let child = Command::new(&self.bin)
            .args(&self.args)
            .env("CUP_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::from(log))
            .stderr(Stdio::from(err))
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", self.bin.display()))?;
        self.child = Some(child);
        self.starts += 1;
        let client = CupClient::new(&self.url, Channel::Web).map_err(|e| e.to_string())?;
        loop {
            if client.health().await.is_ok() {
                return Ok(started.elapsed());
            }
            if let Some(child) = self.child.as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                self.child = None;
                return Err(format!(
                    "cup-server exited ({status}) at start; see {}",
                    self.log.display()
                ));
            }
            if started.elapsed() > timeout {
                return Err(format!(
                    "cup-server did not answer /health within {} s; see {}",
                    timeout.as_secs(),
                    self.log.display()
                ));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// SIGKILL, and waits for the process to be gone.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
            self.kills += 1;
        }
    }

    /// Stops the server at the end of a run (SIGKILL too: the database is durable by design).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for ManagedServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Runs a shell command (the PostgreSQL restart); its output goes to `log`.
pub async fn run_command(command: &str, log: &Path) -> Result<(), String> {
    let command = command.to_owned();
    let log = log.to_owned();
    tokio::task::spawn_blocking(move || {
        let out = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .map_err(|e| e.to_string())?;
        let err = out.try_clone().map_err(|e| e.to_string())?;
        let status = Command::new("sh")
            .arg("-c")
            .arg(&command)
            .stdin(Stdio::null())
            .stdout(Stdio::from(out))
            .stderr(Stdio::from(err))
            .status()
            .map_err(|e| e.to_string())?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("the command exited with {status}"))
        }
    })
    .await
    .map_err(|e| e.to_string())?
}

/// A fresh PostgreSQL database on the server of an admin URL, dropped by `drop_database`.
pub struct FreshPostgres {
    admin: String,
    pub name: String,
    pub url: String,
}

impl FreshPostgres {
    pub async fn create(admin: &str) -> Result<FreshPostgres, sqlx::Error> {
        let name = format!("cup_load_{}", uuid::Uuid::new_v4().simple());
        let mut conn = sqlx::PgConnection::connect(admin).await?;
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .await?;
        let _ = conn.close().await;
        let base = admin
            .split('?')
            .next()
            .and_then(|a| a.rsplit_once('/'))
            .map_or(admin, |(b, _)| b);
        Ok(FreshPostgres {
            admin: admin.to_owned(),
            url: format!("{base}/{name}"),
            name,
        })
    }

    pub async fn drop_database(&self) {
        if let Ok(mut conn) = sqlx::PgConnection::connect(&self.admin).await {
            let _ = sqlx::query(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&mut conn)
            .await;
            let _ = conn.close().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listen_address_of_a_url() {
        assert_eq!(
            listen_address("http://127.0.0.1:18090").as_deref(),
            Some("127.0.0.1:18090")
        );
        assert_eq!(
            listen_address("http://127.0.0.1:18090/").as_deref(),
            Some("127.0.0.1:18090")
        );
        assert_eq!(listen_address("http://localhost"), None);
        assert_eq!(listen_address("https://a:1"), None);
    }

    #[test]
    fn raises_the_throttles_unless_told_otherwise() {
        let s = ManagedServer::new(
            Path::new("cup-server"),
            "sqlite://x.db",
            "http://127.0.0.1:9999",
            &["--throttle-pair-max".into(), "7".into()],
            Path::new("/dev/null"),
        );
        let joined = s.args.join(" ");
        assert!(joined.contains("--database sqlite://x.db --listen 127.0.0.1:9999"));
        assert!(joined.contains("--throttle-address-max 100000000"));
        assert!(joined.ends_with("--throttle-pair-max 7"), "{joined}");
        assert_eq!(joined.matches("--throttle-pair-max").count(), 1);
    }
}
