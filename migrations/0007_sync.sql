-- Reconciling with head office (crates/store/src/sync.rs).

-- Head office owns the tenancy: its end date arrives with the caseload.
ALTER TABLE accounts ADD COLUMN tenancy_end_date TEXT;
-- When head office gave the account to another officer. The account stays on this laptop,
-- marked, until everything recorded on it here has reached head office.
ALTER TABLE accounts ADD COLUMN reassigned_at TEXT;

-- This laptop's enrolment: where head office is, the certificate pinned at enrolment (NULL
-- only for a plain-HTTP address on this machine), and whose caseload this is. The device
-- token itself is in the OS credential store, never here.
CREATE TABLE sync_enrolment (
    id                       INTEGER PRIMARY KEY CHECK (id = 1),
    server_url               TEXT NOT NULL,
    certificate_fingerprint  TEXT,
    device_id                TEXT NOT NULL,
    officer_id               TEXT NOT NULL,
    officer_name             TEXT NOT NULL,
    enrolled_at              TEXT NOT NULL
);

-- How far the caseload has been pulled: saved with each page's changes, so a pull cut off
-- halfway resumes where it stopped.
CREATE TABLE sync_state (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    caseload_cursor  INTEGER NOT NULL CHECK (caseload_cursor >= 0),
    last_pull_at     TEXT,
    last_upload_at   TEXT
);

-- Head office's answer to each command, written with the command's acknowledgement. A
-- rejected or held command needs a person's attention on both sides.
CREATE TABLE outbox_results (
    command_id  TEXT PRIMARY KEY REFERENCES outbox (command_id),
    outcome     TEXT NOT NULL CHECK (outcome IN ('applied', 'rejected', 'held')),
    reason      TEXT,
    decided_at  TEXT NOT NULL,
    CHECK ((outcome = 'applied') = (reason IS NULL))
);
CREATE TRIGGER outbox_results_refuse_update BEFORE UPDATE ON outbox_results
BEGIN SELECT RAISE(ABORT, 'head office''s answers are kept as given'); END;
CREATE TRIGGER outbox_results_refuse_delete BEFORE DELETE ON outbox_results
BEGIN SELECT RAISE(ABORT, 'head office''s answers are kept as given'); END;
