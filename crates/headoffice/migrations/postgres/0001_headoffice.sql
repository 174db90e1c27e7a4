-- Head office's records. The SQLite twin (../sqlite) has the same tables and columns;
-- only the types of the generated keys differ. Money is integer pence; dates are ISO text;
-- instants are RFC 3339 UTC text, so that text order is time order on both databases.

CREATE TABLE officers (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- A one-time code an administrator gives an officer; only its hash is kept.
CREATE TABLE enrolment_codes (
    code_hash   TEXT PRIMARY KEY,
    officer_id  TEXT NOT NULL REFERENCES officers (id),
    issued_at   TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT,
    device_id   TEXT
);

-- Wrong codes, by where they came from: the throttle counts these, so every instance serving
-- the database sees the same count.
CREATE TABLE enrolment_failures (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source  TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX enrolment_failures_by_source ON enrolment_failures (source, at);

CREATE TABLE devices (
    id           TEXT PRIMARY KEY,
    officer_id   TEXT NOT NULL REFERENCES officers (id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    enrolled_at  TEXT NOT NULL,
    revoked_at   TEXT,
    last_seen_at TEXT,
    -- When this device last finished pulling: a change another device made to the same
    -- record after it is one this device had not seen.
    last_pulled_at TEXT
);

-- From the housing management system (imports) — head office owns these.
CREATE TABLE accounts (
    payment_reference   TEXT PRIMARY KEY,
    tenancy_reference   TEXT NOT NULL UNIQUE,
    tenure              TEXT NOT NULL,
    tenancy_start_date  TEXT NOT NULL,
    tenancy_end_date    TEXT,
    address_line_1      TEXT NOT NULL,
    address_line_2      TEXT,
    town                TEXT NOT NULL,
    postcode            TEXT NOT NULL,
    rent_frequency      TEXT NOT NULL
);

CREATE TABLE account_people (
    payment_reference  TEXT NOT NULL REFERENCES accounts (payment_reference),
    position           INTEGER NOT NULL,
    role               TEXT NOT NULL,
    full_name          TEXT NOT NULL,
    date_of_birth      TEXT,
    phone              TEXT,
    PRIMARY KEY (payment_reference, position)
);

CREATE TABLE rent_changes (
    payment_reference     TEXT NOT NULL REFERENCES accounts (payment_reference),
    effective_from        TEXT NOT NULL,
    rent_pence            BIGINT NOT NULL,
    service_charge_pence  BIGINT NOT NULL,
    PRIMARY KEY (payment_reference, effective_from)
);

-- The authoritative ledger: the housing management system's transactions and every payment
-- or reversal an officer's device posted, each once (the id is the device's own, or the
-- import's). `position` is posting order.
CREATE TABLE ledger_entries (
    position           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    payment_reference  TEXT NOT NULL REFERENCES accounts (payment_reference),
    posted_on          TEXT NOT NULL,
    kind               TEXT NOT NULL,
    detail             TEXT,
    amount_pence       BIGINT NOT NULL,
    description        TEXT NOT NULL,
    reverses_entry_id  TEXT UNIQUE,
    -- 'hms' with the housing management system's transaction reference, or 'device' with
    -- the command that posted it.
    source             TEXT NOT NULL,
    source_reference   TEXT NOT NULL UNIQUE
);
CREATE INDEX ledger_entries_by_account ON ledger_entries (payment_reference, position);

CREATE TABLE assignments (
    payment_reference  TEXT PRIMARY KEY REFERENCES accounts (payment_reference),
    officer_id         TEXT NOT NULL REFERENCES officers (id),
    assigned_at        TEXT NOT NULL
);

-- What each officer's device must fetch: one row per account per change, addressed to the
-- officer it concerns. Written under one lock, so a larger seq is always committed later and
-- a cursor never skips a change.
CREATE TABLE changes (
    seq                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    officer_id         TEXT NOT NULL,
    payment_reference  TEXT NOT NULL,
    -- 'assigned' (send the account) or 'unassigned' (it left this officer's caseload)
    change             TEXT NOT NULL,
    at                 TEXT NOT NULL
);
CREATE INDEX changes_by_officer ON changes (officer_id, seq);

-- Every command a device sent, once, with what head office decided. Its primary key is what
-- makes a command apply exactly once.
CREATE TABLE commands (
    command_id         TEXT PRIMARY KEY,
    device_id          TEXT NOT NULL REFERENCES devices (id),
    officer_id         TEXT NOT NULL,
    sequence           BIGINT NOT NULL,
    kind               TEXT NOT NULL,
    payment_reference  TEXT,
    payload            TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    received_at        TEXT NOT NULL,
    outcome            TEXT NOT NULL,
    reason             TEXT,
    posted             TEXT NOT NULL,
    UNIQUE (device_id, sequence)
);
CREATE INDEX commands_by_kind ON commands (kind, received_at);

-- For a person to settle: never resolved by whichever write came last.
CREATE TABLE conflicts (
    id                 TEXT PRIMARY KEY,
    command_id         TEXT NOT NULL REFERENCES commands (command_id),
    payment_reference  TEXT,
    conflict           TEXT NOT NULL,
    detail             TEXT NOT NULL,
    raised_at          TEXT NOT NULL,
    resolved_at        TEXT,
    resolution         TEXT
);
