-- The officer's work on top of the ledger: benefit awards, the action diary, repayment
-- arrangements, holds on escalation, the escalation policy, the outbox of commands for head
-- office, and the hash chain over the records a court may rely on. Everything here is
-- append-only: a change is a new row, so the history is the evidence.

CREATE TABLE benefit_awards (
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    benefit       TEXT NOT NULL CHECK (benefit IN ('housing_benefit', 'universal_credit')),
    paid_to       TEXT NOT NULL CHECK (paid_to IN ('landlord', 'tenant')),
    amount_pence  INTEGER NOT NULL CHECK (amount_pence > 0),
    payment_on    TEXT NOT NULL,  -- any payment date of the award's cycle
    PRIMARY KEY (account_id, benefit)
);

-- Every contact and action, with a code; policy steps are recorded under their step codes.
CREATE TABLE diary (
    id           TEXT PRIMARY KEY,  -- UUIDv7 of the command that recorded it
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    happened_on  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    officer      TEXT NOT NULL,
    code         TEXT NOT NULL,
    note         TEXT NOT NULL
);
CREATE INDEX diary_by_account ON diary (account_id, happened_on);

CREATE TABLE arrangements (
    id                     TEXT PRIMARY KEY,
    account_id             INTEGER NOT NULL REFERENCES accounts (id),
    kind                   TEXT NOT NULL CHECK (kind IN ('informal', 'court_ordered')),
    frequency              TEXT NOT NULL CHECK (frequency IN ('weekly', 'fortnightly', 'four_weekly', 'monthly', 'one_off')),
    instalment_pence       INTEGER NOT NULL CHECK (instalment_pence > 0),
    first_instalment_on    TEXT NOT NULL,
    initial_payment_pence  INTEGER CHECK (initial_payment_pence > 0),
    initial_payment_on     TEXT,
    starting_balance_pence INTEGER NOT NULL CHECK (starting_balance_pence > 0),
    agreed_on              TEXT NOT NULL,
    tolerance_days         INTEGER NOT NULL CHECK (tolerance_days >= 0),
    officer                TEXT NOT NULL,
    note                   TEXT NOT NULL,
    CHECK ((initial_payment_pence IS NULL) = (initial_payment_on IS NULL))
);
CREATE INDEX arrangements_by_account ON arrangements (account_id);

-- The arrangement's states, oldest first; the last is the current one.
CREATE TABLE arrangement_states (
    id              TEXT PRIMARY KEY,
    arrangement_id  TEXT NOT NULL REFERENCES arrangements (id),
    position        INTEGER NOT NULL CHECK (position >= 0),
    state           TEXT NOT NULL CHECK (state IN ('live', 'breached', 'completed', 'cancelled', 'superseded')),
    on_date         TEXT NOT NULL,
    reason          TEXT NOT NULL,
    UNIQUE (arrangement_id, position)
);

-- What stops escalation for a while; the latest of each kind is the one in force.
CREATE TABLE holds (
    id            TEXT PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    kind          TEXT NOT NULL CHECK (kind IN ('pause', 'court_date', 'eviction_date', 'breathing_space')),
    pause_reason  TEXT,
    until_on      TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    officer       TEXT NOT NULL,
    note          TEXT NOT NULL,
    CHECK ((kind = 'pause') = (pause_reason IS NOT NULL))
);
CREATE INDEX holds_by_account ON holds (account_id, kind);

-- Every version of the escalation policy; the latest is in force.
CREATE TABLE escalation_policies (
    version   INTEGER PRIMARY KEY AUTOINCREMENT,
    json      TEXT NOT NULL,
    saved_at  TEXT NOT NULL,
    officer   TEXT NOT NULL
);

-- Commands for head office, written in the same transaction as their effect so that none is
-- lost and none applied twice; `sequence` is the device's order.
CREATE TABLE outbox (
    sequence         INTEGER PRIMARY KEY AUTOINCREMENT,
    command_id       TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL,
    payload          TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    acknowledged_at  TEXT
);

-- The hash chain: each link names a record and carries the previous link's hash, so editing,
-- removing or reordering any chained record breaks every later link.
CREATE TABLE record_chain (
    position       INTEGER PRIMARY KEY,
    record_table   TEXT NOT NULL CHECK (record_table IN ('ledger_entries', 'diary')),
    record_id      TEXT NOT NULL,
    previous_hash  BLOB NOT NULL,
    hash           BLOB NOT NULL,
    UNIQUE (record_table, record_id)
);

CREATE TRIGGER diary_refuse_update BEFORE UPDATE ON diary
BEGIN SELECT RAISE(ABORT, 'the diary is append-only'); END;
CREATE TRIGGER diary_refuse_delete BEFORE DELETE ON diary
BEGIN SELECT RAISE(ABORT, 'the diary is append-only'); END;
CREATE TRIGGER arrangements_refuse_update BEFORE UPDATE ON arrangements
BEGIN SELECT RAISE(ABORT, 'arrangements are append-only: record a new state'); END;
CREATE TRIGGER arrangements_refuse_delete BEFORE DELETE ON arrangements
BEGIN SELECT RAISE(ABORT, 'arrangements are append-only: record a new state'); END;
CREATE TRIGGER arrangement_states_refuse_update BEFORE UPDATE ON arrangement_states
BEGIN SELECT RAISE(ABORT, 'arrangement states are append-only'); END;
CREATE TRIGGER arrangement_states_refuse_delete BEFORE DELETE ON arrangement_states
BEGIN SELECT RAISE(ABORT, 'arrangement states are append-only'); END;
CREATE TRIGGER holds_refuse_update BEFORE UPDATE ON holds
BEGIN SELECT RAISE(ABORT, 'holds are append-only: record a new one'); END;
CREATE TRIGGER holds_refuse_delete BEFORE DELETE ON holds
BEGIN SELECT RAISE(ABORT, 'holds are append-only: record a new one'); END;
CREATE TRIGGER escalation_policies_refuse_update BEFORE UPDATE ON escalation_policies
BEGIN SELECT RAISE(ABORT, 'policies are append-only: save a new version'); END;
CREATE TRIGGER escalation_policies_refuse_delete BEFORE DELETE ON escalation_policies
BEGIN SELECT RAISE(ABORT, 'policies are append-only: save a new version'); END;
CREATE TRIGGER record_chain_refuse_update BEFORE UPDATE ON record_chain
BEGIN SELECT RAISE(ABORT, 'the record chain is append-only'); END;
CREATE TRIGGER record_chain_refuse_delete BEFORE DELETE ON record_chain
BEGIN SELECT RAISE(ABORT, 'the record chain is append-only'); END;
-- The outbox's only change is head office's acknowledgement, once.
CREATE TRIGGER outbox_only_acknowledge BEFORE UPDATE ON outbox
WHEN OLD.acknowledged_at IS NOT NULL
  OR NEW.command_id <> OLD.command_id OR NEW.kind <> OLD.kind OR NEW.payload <> OLD.payload
  OR NEW.created_at <> OLD.created_at OR NEW.sequence <> OLD.sequence
BEGIN SELECT RAISE(ABORT, 'an outbox command is only ever acknowledged, once'); END;
CREATE TRIGGER outbox_refuse_delete BEFORE DELETE ON outbox
BEGIN SELECT RAISE(ABORT, 'outbox commands are kept'); END;
