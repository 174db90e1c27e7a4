-- Notices and court paperwork: notices drafted and served on each tenant, the tenancy agreement
-- as supplied, claims issued, hearings and their outcomes, warrant requests and N244
-- applications. Every table is append-only: a court may rely on any of it, so a change is a new
-- row and the history is the evidence.

-- A notice as drafted. Its dates were computed, under the rule set named, for the service
-- planned; service on each tenant is recorded in `notice_services`.
CREATE TABLE notices (
    id                    TEXT PRIMARY KEY,  -- the command id
    account_id            INTEGER NOT NULL REFERENCES accounts (id),
    kind                  TEXT NOT NULL CHECK (kind IN ('nosp', 'form_3')),
    rule_set_id           TEXT NOT NULL,
    grounds               TEXT NOT NULL,     -- JSON array of ground codes, e.g. ["8","10"]
    arrears_pence         INTEGER NOT NULL CHECK (arrears_pence > 0),
    arrears_on            TEXT NOT NULL,
    particulars           TEXT NOT NULL,
    planned_service_on    TEXT NOT NULL,
    planned_method        TEXT NOT NULL CHECK (planned_method IN ('by_hand', 'left_at_property', 'first_class_post', 'second_class_post')),
    date_specified        TEXT NOT NULL,
    proceedings_from      TEXT NOT NULL,
    expires_on            TEXT NOT NULL,
    drafted_at            TEXT NOT NULL,
    officer               TEXT NOT NULL,
    CHECK (proceedings_from >= date_specified AND expires_on > proceedings_from)
);
CREATE INDEX notices_by_account ON notices (account_id);

-- Service of a notice on one person: each joint tenant is served separately.
CREATE TABLE notice_services (
    id                TEXT PRIMARY KEY,  -- the command id
    notice_id         TEXT NOT NULL REFERENCES notices (id),
    person_name       TEXT NOT NULL,
    method            TEXT NOT NULL CHECK (method IN ('by_hand', 'left_at_property', 'first_class_post', 'second_class_post')),
    served_on         TEXT NOT NULL,
    served_at         TEXT,              -- HH:MM local time, when known
    served_by         TEXT NOT NULL,
    deemed_served_on  TEXT NOT NULL,
    recorded_at       TEXT NOT NULL,
    UNIQUE (notice_id, person_name)
);

-- The tenancy agreement (or other document) as supplied, kept whole inside the encrypted store.
CREATE TABLE tenancy_documents (
    id          TEXT PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    kind        TEXT NOT NULL CHECK (kind IN ('tenancy_agreement')),
    file_name   TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    bytes       BLOB NOT NULL,
    added_at    TEXT NOT NULL,
    officer     TEXT NOT NULL
);
CREATE INDEX tenancy_documents_by_account ON tenancy_documents (account_id, kind);

-- A claim issued at court (PCOL or paper), as the officer recorded it.
CREATE TABLE claims (
    id                  TEXT PRIMARY KEY,
    account_id          INTEGER NOT NULL REFERENCES accounts (id),
    notice_id           TEXT NOT NULL REFERENCES notices (id),
    issued_on           TEXT NOT NULL,
    claim_number        TEXT NOT NULL,
    court               TEXT NOT NULL,
    amount_due_pence    INTEGER NOT NULL,
    daily_rate_pence    INTEGER NOT NULL CHECK (daily_rate_pence >= 0),
    fee_pence           INTEGER NOT NULL CHECK (fee_pence >= 0),
    recorded_at         TEXT NOT NULL,
    officer             TEXT NOT NULL
);
CREATE INDEX claims_by_account ON claims (account_id);

-- What the court decided at a hearing (outcome codes as in DOMAIN.md).
CREATE TABLE hearing_outcomes (
    id                TEXT PRIMARY KEY,
    account_id        INTEGER NOT NULL REFERENCES accounts (id),
    claim_id          TEXT NOT NULL REFERENCES claims (id),
    hearing_on        TEXT NOT NULL,
    outcome           TEXT NOT NULL CHECK (outcome IN ('AGP', 'AND', 'AAH', 'ADH', 'ADT', 'OPF', 'OPD', 'SOT', 'STO', 'WIT', 'SOE')),
    possession_on     TEXT,              -- OPD: the date possession is to be given
    next_hearing_on   TEXT,              -- adjourned to a date
    arrangement_id    TEXT REFERENCES arrangements (id),  -- SOT: the terms as an arrangement
    note              TEXT NOT NULL,
    recorded_at       TEXT NOT NULL,
    officer           TEXT NOT NULL,
    CHECK ((outcome = 'OPD') = (possession_on IS NOT NULL)),
    CHECK ((outcome = 'SOT') = (arrangement_id IS NOT NULL))
);
CREATE INDEX hearing_outcomes_by_account ON hearing_outcomes (account_id, hearing_on);

-- A request for a warrant of possession (N325) as drafted and sent.
CREATE TABLE warrant_requests (
    id              TEXT PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts (id),
    claim_id        TEXT NOT NULL REFERENCES claims (id),
    requested_on    TEXT NOT NULL,
    breach          TEXT NOT NULL,
    balance_pence   INTEGER NOT NULL,
    fee_pence       INTEGER NOT NULL CHECK (fee_pence >= 0),
    recorded_at     TEXT NOT NULL,
    officer         TEXT NOT NULL
);

-- Applications to the court on form N244 (e.g. a tenant's to suspend a warrant), and each
-- application's outcome once known.
CREATE TABLE court_applications (
    id            TEXT PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    claim_id      TEXT NOT NULL REFERENCES claims (id),
    applicant     TEXT NOT NULL CHECK (applicant IN ('landlord', 'tenant')),
    applied_on    TEXT NOT NULL,
    purpose       TEXT NOT NULL,
    fee_kind      TEXT NOT NULL CHECK (fee_kind IN ('on_notice', 'by_consent', 'none')),
    hearing_on    TEXT,
    recorded_at   TEXT NOT NULL,
    officer       TEXT NOT NULL
);
CREATE TABLE court_application_outcomes (
    id              TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL UNIQUE REFERENCES court_applications (id),
    decided_on      TEXT NOT NULL,
    outcome         TEXT NOT NULL CHECK (outcome IN ('granted', 'refused', 'withdrawn', 'adjourned')),
    note            TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    officer         TEXT NOT NULL
);

CREATE TRIGGER notices_refuse_update BEFORE UPDATE ON notices
BEGIN SELECT RAISE(ABORT, 'notices are append-only: draft a new notice'); END;
CREATE TRIGGER notices_refuse_delete BEFORE DELETE ON notices
BEGIN SELECT RAISE(ABORT, 'notices are append-only: draft a new notice'); END;
CREATE TRIGGER notice_services_refuse_update BEFORE UPDATE ON notice_services
BEGIN SELECT RAISE(ABORT, 'service records are append-only'); END;
CREATE TRIGGER notice_services_refuse_delete BEFORE DELETE ON notice_services
BEGIN SELECT RAISE(ABORT, 'service records are append-only'); END;
CREATE TRIGGER tenancy_documents_refuse_update BEFORE UPDATE ON tenancy_documents
BEGIN SELECT RAISE(ABORT, 'documents as supplied are kept as supplied'); END;
CREATE TRIGGER tenancy_documents_refuse_delete BEFORE DELETE ON tenancy_documents
BEGIN SELECT RAISE(ABORT, 'documents as supplied are kept as supplied'); END;
CREATE TRIGGER claims_refuse_update BEFORE UPDATE ON claims
BEGIN SELECT RAISE(ABORT, 'claims are append-only'); END;
CREATE TRIGGER claims_refuse_delete BEFORE DELETE ON claims
BEGIN SELECT RAISE(ABORT, 'claims are append-only'); END;
CREATE TRIGGER hearing_outcomes_refuse_update BEFORE UPDATE ON hearing_outcomes
BEGIN SELECT RAISE(ABORT, 'hearing outcomes are append-only'); END;
CREATE TRIGGER hearing_outcomes_refuse_delete BEFORE DELETE ON hearing_outcomes
BEGIN SELECT RAISE(ABORT, 'hearing outcomes are append-only'); END;
CREATE TRIGGER warrant_requests_refuse_update BEFORE UPDATE ON warrant_requests
BEGIN SELECT RAISE(ABORT, 'warrant requests are append-only'); END;
CREATE TRIGGER warrant_requests_refuse_delete BEFORE DELETE ON warrant_requests
BEGIN SELECT RAISE(ABORT, 'warrant requests are append-only'); END;
CREATE TRIGGER court_applications_refuse_update BEFORE UPDATE ON court_applications
BEGIN SELECT RAISE(ABORT, 'applications are append-only'); END;
CREATE TRIGGER court_applications_refuse_delete BEFORE DELETE ON court_applications
BEGIN SELECT RAISE(ABORT, 'applications are append-only'); END;
CREATE TRIGGER court_application_outcomes_refuse_update BEFORE UPDATE ON court_application_outcomes
BEGIN SELECT RAISE(ABORT, 'application outcomes are append-only'); END;
CREATE TRIGGER court_application_outcomes_refuse_delete BEFORE DELETE ON court_application_outcomes
BEGIN SELECT RAISE(ABORT, 'application outcomes are append-only'); END;
