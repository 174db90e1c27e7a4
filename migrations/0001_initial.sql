-- The officer's local store. Money is integer pence; dates are ISO-8601 text (YYYY-MM-DD);
-- instants are RFC 3339 UTC text.

CREATE TABLE accounts (
    id                  INTEGER PRIMARY KEY,
    payment_reference   TEXT NOT NULL UNIQUE,
    tenancy_reference   TEXT NOT NULL UNIQUE,
    tenure              TEXT NOT NULL CHECK (tenure IN ('secure', 'assured', 'starter', 'licence')),
    tenancy_start_date  TEXT NOT NULL,
    address_line_1      TEXT NOT NULL,
    address_line_2      TEXT,
    town                TEXT NOT NULL,
    postcode            TEXT NOT NULL,
    rent_frequency      TEXT NOT NULL CHECK (rent_frequency IN ('weekly', 'fortnightly', 'four_weekly', 'monthly'))
);

CREATE TABLE account_people (
    account_id     INTEGER NOT NULL REFERENCES accounts (id),
    position       INTEGER NOT NULL CHECK (position >= 0),
    role           TEXT NOT NULL,
    full_name      TEXT NOT NULL,
    date_of_birth  TEXT,
    phone          TEXT,
    PRIMARY KEY (account_id, position)
);

-- A rent change (the annual increase, or the tenancy's first rent) effective from a date.
CREATE TABLE rent_changes (
    account_id            INTEGER NOT NULL REFERENCES accounts (id),
    effective_from        TEXT NOT NULL,
    rent_pence            INTEGER NOT NULL CHECK (rent_pence >= 0),
    service_charge_pence  INTEGER NOT NULL CHECK (service_charge_pence >= 0),
    PRIMARY KEY (account_id, effective_from)
);

CREATE TABLE rent_free_weeks (
    account_id       INTEGER NOT NULL REFERENCES accounts (id),
    week_commencing  TEXT NOT NULL,
    PRIMARY KEY (account_id, week_commencing)
);

-- The rent account ledger: append-only. A mistake is corrected by a reversal that names the
-- entry it reverses (at most once, enforced by UNIQUE) and mirrors its amount exactly.
CREATE TABLE ledger_entries (
    id                 TEXT PRIMARY KEY,  -- UUIDv7, the idempotency key end to end
    account_id         INTEGER NOT NULL REFERENCES accounts (id),
    sequence           INTEGER NOT NULL CHECK (sequence >= 0),  -- posting order within the account
    posted_on          TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('charge', 'payment', 'adjustment', 'refund', 'write_off', 'write_on', 'reversal')),
    detail             TEXT,  -- the charge kind or payment method
    amount_pence       INTEGER NOT NULL CHECK (amount_pence <> 0),
    description        TEXT NOT NULL,
    reverses_entry_id  TEXT UNIQUE REFERENCES ledger_entries (id),
    UNIQUE (account_id, sequence),
    CHECK ((kind = 'reversal') = (reverses_entry_id IS NOT NULL)),
    CHECK ((kind IN ('charge', 'payment')) = (detail IS NOT NULL))
);

CREATE TRIGGER ledger_entries_refuse_update BEFORE UPDATE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'ledger entries are append-only: post a reversal instead');
END;

CREATE TRIGGER ledger_entries_refuse_delete BEFORE DELETE ON ledger_entries
BEGIN
    SELECT RAISE(ABORT, 'ledger entries are append-only: post a reversal instead');
END;

CREATE TRIGGER ledger_entries_reversal_mirrors BEFORE INSERT ON ledger_entries
WHEN NEW.reverses_entry_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a reversal must mirror an unreversed entry of the same account')
    WHERE NOT EXISTS (
        SELECT 1 FROM ledger_entries AS original
        WHERE original.id = NEW.reverses_entry_id
          AND original.account_id = NEW.account_id
          AND original.kind <> 'reversal'
          AND original.amount_pence = -NEW.amount_pence
    );
END;
