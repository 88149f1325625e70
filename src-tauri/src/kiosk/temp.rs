//! The kiosk's only place on disk for a citizen's files (the promemoria on its way to the
//! printer): one private folder per citizen session, made on first use under the system's
//! temporary directory with mode 0700, and wiped whole at the reset.

use std::path::{Path, PathBuf};

use tokio::sync::Mutex;

/// The prefix of the session folders' names (never anything about the citizen).
pub const FOLDER_PREFIX: &str = "cup-kiosk-";

#[derive(Debug)]
pub struct SessionFolder {
    /// Where the session folders are made (the system's temporary directory).
    base: PathBuf,
    current: Mutex<Option<tempfile::TempDir>>,
}

impl SessionFolder {
    /// Session folders under the system's temporary directory (`TMPDIR`).
    pub fn new() -> Self {
        Self::under(std::env::temp_dir())
    }

    /// Session folders under `base` (tests).
    pub fn under(base: PathBuf) -> Self {
        Self {
            base,
            current: Mutex::new(None),
        }
    }

    /// Runs `work` with the current session's folder, made now if need be (0700).
    pub async fn with<T>(
        &self,
        work: impl FnOnce(&Path) -> std::io::Result<T>,
    ) -> std::io::Result<T> {
        let mut current = self.current.lock().await;
        if current.is_none() {
            *current = Some(make_private(&self.base)?);
        }
        match current.as_ref() {
            Some(dir) => work(dir.path()),
            None => Err(std::io::Error::other("no session folder")),
        }
    }

    /// The current session's folder, if one was made.
    #[cfg(test)]
    pub async fn path(&self) -> Option<PathBuf> {
        self.current
            .lock()
            .await
            .as_ref()
            .map(|dir| dir.path().to_owned())
    }

    /// Removes the session's folder with everything in it; the next use makes a new one.
    ///
    /// # Errors
    /// When the folder cannot be removed (it is then forgotten here all the same, and the
    /// operating system's temporary-file cleaning is the last resort).
    pub async fn wipe(&self) -> std::io::Result<()> {
        let taken = self.current.lock().await.take();
        match taken {
            None => Ok(()),
            Some(dir) => dir.close(),
        }
    }
}

impl Default for SessionFolder {
    fn default() -> Self {
        Self::new()
    }
}

fn make_private(base: &Path) -> std::io::Result<tempfile::TempDir> {
    std::fs::create_dir_all(base)?;
    let dir = tempfile::Builder::new()
        .prefix(FOLDER_PREFIX)
        .tempdir_in(base)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_private_folder_made_on_first_use_and_wiped_whole() {
        let base = tempfile::tempdir().unwrap();
        let folder = SessionFolder::under(base.path().to_owned());
        assert_eq!(
            folder.path().await,
            None,
            "nothing made before it is needed"
        );
        folder.wipe().await.unwrap();

        let path = folder
            .with(|dir| {
                std::fs::create_dir(dir.join("sub"))?;
                std::fs::write(dir.join("sub").join("promemoria.pdf"), b"%PDF")?;
                Ok(dir.to_owned())
            })
            .await
            .unwrap();
        assert!(path.starts_with(base.path()));
        assert!(
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(FOLDER_PREFIX)
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o700);
        }
        // The same folder for the whole session.
        assert_eq!(folder.with(|dir| Ok(dir.to_owned())).await.unwrap(), path);

        folder.wipe().await.unwrap();
        assert!(!path.exists());
        assert_eq!(std::fs::read_dir(base.path()).unwrap().count(), 0);
        // The next citizen gets a new one.
        let next = folder.with(|dir| Ok(dir.to_owned())).await.unwrap();
        assert_ne!(next, path);
        folder.wipe().await.unwrap();
    }
}
