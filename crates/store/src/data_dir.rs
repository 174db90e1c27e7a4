//! The data folder: one officer's store. Several folders can be used side by side (officers
//! sharing a laptop, tests running in parallel); nothing is shared between them except the OS
//! credential store, where each folder's key sits under its own store id.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::StoreError;

const DATABASE_FILE: &str = "doorstep.db";
const MANIFEST_FILE: &str = "store.json";
const CREDENTIAL_FILE: &str = "credential.json";
const MANIFEST_FORMAT: u32 = 1;

/// Non-secret facts about a store, kept in clear beside it so the app knows, before unlocking,
/// that the folder is set up and which credential entry holds its key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub store_id: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> DataDir {
        DataDir { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn database_path(&self) -> PathBuf {
        self.root.join(DATABASE_FILE)
    }

    /// Where the file credential store keeps the sealed key, when that store is selected.
    pub fn credential_file_path(&self) -> PathBuf {
        self.root.join(CREDENTIAL_FILE)
    }

    fn manifest_path(&self) -> PathBuf {
        self.root.join(MANIFEST_FILE)
    }

    /// `None` until the first run has finished setting up: the manifest is written last.
    pub fn manifest(&self) -> Result<Option<Manifest>, StoreError> {
        let path = self.manifest_path();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(StoreError::Io { path, source }),
        };
        let manifest: Manifest =
            serde_json::from_str(&text).map_err(|error| StoreError::Corrupt {
                what: format!("{}: {error}", path.display()),
            })?;
        if manifest.format != MANIFEST_FORMAT {
            return Err(StoreError::Corrupt {
                what: format!("{}: unknown format {}", path.display(), manifest.format),
            });
        }
        Ok(Some(manifest))
    }

    pub(crate) fn write_manifest(&self, manifest: &Manifest) -> Result<(), StoreError> {
        let json = serde_json::to_string_pretty(manifest).map_err(|error| StoreError::Corrupt {
            what: format!("the store manifest: {error}"),
        })?;
        write_atomically(&self.manifest_path(), &json)
    }

    pub(crate) fn create_root(&self) -> Result<(), StoreError> {
        std::fs::create_dir_all(&self.root).map_err(|source| StoreError::Io {
            path: self.root.clone(),
            source,
        })
    }

    /// A database without a manifest is the remains of an interrupted first run: its key was
    /// never recorded against a store id, so nobody can open it. Remove it before starting over.
    pub(crate) fn remove_abandoned_database(&self) -> Result<(), StoreError> {
        let database = self.database_path();
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let path = PathBuf::from(format!("{}{suffix}", database.display()));
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(StoreError::Io { path, source }),
            }
        }
        Ok(())
    }

    /// Erases the store: the database (with its journal files) and the manifest, so the
    /// folder reads as never set up. The caller forgets the key first.
    pub fn erase(&self) -> Result<(), StoreError> {
        self.remove_abandoned_database()?;
        match std::fs::remove_file(self.manifest_path()) {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(StoreError::Io {
                path: self.manifest_path(),
                source,
            }),
        }
    }

    pub(crate) fn new_manifest() -> Manifest {
        Manifest {
            format: MANIFEST_FORMAT,
            store_id: uuid::Uuid::now_v7().to_string(),
            created_at: Utc::now(),
        }
    }
}

/// Write to a temporary file then rename, so a crash leaves the old file or the new one, never
/// half of either.
pub(crate) fn write_atomically(path: &Path, contents: &str) -> Result<(), StoreError> {
    let temporary = path.with_extension("tmp");
    let io_error = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::File::create(&temporary).map_err(io_error)?;
    file.write_all(contents.as_bytes()).map_err(io_error)?;
    file.sync_all().map_err(io_error)?;
    std::fs::rename(&temporary, path).map_err(io_error)
}
