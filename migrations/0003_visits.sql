-- Home visits: the day's plan, lone-working check-ins, what happened at the door, income and
-- expenditure assessments, card and cheque payments taken, and Direct Debit mandates. Records
-- are append-only; the few columns that change (a card payment forwarded, a cheque banked) may
-- change only along their state machine, once, by trigger.

-- The worklist asks the diary by code (steps taken, payments returned) for every account.
CREATE INDEX diary_by_code ON diary (code, account_id);

-- Safety flags an officer must see before planning a visit.
CREATE TABLE account_flags (
    id           TEXT PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    flag         TEXT NOT NULL CHECK (flag IN ('do_not_visit_alone')),
    note         TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX account_flags_by_account ON account_flags (account_id);

-- The officer's plan for a day. A plan, not a record: replanning a day replaces its rows.
CREATE TABLE planned_visits (
    account_id        INTEGER NOT NULL REFERENCES accounts (id),
    visit_on          TEXT NOT NULL,
    position          INTEGER NOT NULL CHECK (position >= 0),
    appointment_time  TEXT NOT NULL,  -- HH:MM, local time
    duration_minutes  INTEGER NOT NULL CHECK (duration_minutes > 0),
    planned_at        TEXT NOT NULL,
    PRIMARY KEY (visit_on, account_id)
);

-- Lone working: a check-in, its check-out, and the moment it was first seen overdue.
CREATE TABLE lone_working (
    id                TEXT PRIMARY KEY,  -- the command id
    check_in_id       TEXT NOT NULL,     -- a check-in's own id; its check-out and overdue name it
    event             TEXT NOT NULL CHECK (event IN ('check_in', 'check_out', 'overdue')),
    account_id        INTEGER NOT NULL REFERENCES accounts (id),
    at                TEXT NOT NULL,
    expected_minutes  INTEGER CHECK (expected_minutes BETWEEN 5 AND 240),
    officer           TEXT NOT NULL,
    UNIQUE (check_in_id, event),
    CHECK ((event = 'check_in') = (expected_minutes IS NOT NULL)),
    CHECK ((event = 'check_in') = (id = check_in_id))
);
CREATE INDEX lone_working_by_time ON lone_working (at);

-- The structured part of a visit; its words are in the diary row with the same id.
CREATE TABLE visit_records (
    id               TEXT PRIMARY KEY REFERENCES diary (id),
    account_id       INTEGER NOT NULL REFERENCES accounts (id),
    outcome          TEXT NOT NULL CHECK (outcome IN ('no_access', 'spoke_to_tenant', 'spoke_to_someone_else')),
    spoke_to         TEXT,
    authority        TEXT CHECK (authority IN ('joint_tenant', 'appointee', 'deputy', 'attorney', 'written_consent', 'none')),
    promise_pence    INTEGER CHECK (promise_pence > 0),
    promise_on       TEXT,
    next_steps       TEXT NOT NULL,
    CHECK ((outcome = 'spoke_to_someone_else') = (spoke_to IS NOT NULL AND authority IS NOT NULL)),
    CHECK ((promise_pence IS NULL) = (promise_on IS NULL))
);

CREATE TABLE income_expenditure (
    id                TEXT PRIMARY KEY,
    account_id        INTEGER NOT NULL REFERENCES accounts (id),
    assessed_on       TEXT NOT NULL,
    recorded_at       TEXT NOT NULL,
    officer           TEXT NOT NULL,
    statement_json    TEXT NOT NULL,  -- the form as entered, with the household
    disposable_pence  INTEGER NOT NULL  -- monthly; negative when spending is above income
);
CREATE INDEX income_expenditure_by_account ON income_expenditure (account_id, assessed_on);

-- A card payment asked of the terminal, written before the terminal is asked: a request with
-- no card_payments row was interrupted and is asked again with the same id.
CREATE TABLE terminal_requests (
    id            TEXT PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    amount_pence  INTEGER NOT NULL CHECK (amount_pence > 0),
    allocation    TEXT NOT NULL CHECK (allocation IN ('rent', 'arrears', 'court_order_instalment')),
    requested_at  TEXT NOT NULL,
    officer       TEXT NOT NULL
);

-- Only what the terminal returned. Never a card number or security code: the last four digits
-- are the only digits of a card kept, and the CHECK refuses anything longer.
CREATE TABLE card_payments (
    id                  TEXT PRIMARY KEY REFERENCES terminal_requests (id),
    account_id          INTEGER NOT NULL REFERENCES accounts (id),
    entry_id            TEXT,  -- the credit; NULL when declined at the terminal
    amount_pence        INTEGER NOT NULL CHECK (amount_pence > 0),
    provider_reference  TEXT NOT NULL,
    receipt_number      TEXT NOT NULL,
    authorisation_code  TEXT,
    response            TEXT NOT NULL,
    card_last_four      TEXT NOT NULL CHECK (length(card_last_four) = 4 AND card_last_four NOT GLOB '*[^0-9]*'),
    scheme              TEXT NOT NULL,
    entry_method        TEXT NOT NULL,
    terminal_id         TEXT NOT NULL,
    simulator           INTEGER NOT NULL CHECK (simulator IN (0, 1)),
    offline             INTEGER NOT NULL CHECK (offline IN (0, 1)),
    taken_at            TEXT NOT NULL,
    state               TEXT NOT NULL CHECK (state IN ('pending', 'authorised', 'declined')),
    resolved_at         TEXT,
    reversal_entry_id   TEXT,
    CHECK (entry_id IS NOT NULL OR state = 'declined')
);
CREATE INDEX card_payments_by_state ON card_payments (state);

-- The training terminal keeps its store-and-forward queue here, as a real terminal keeps its
-- own: the fate of a payment held offline is the terminal's until it forwards.
CREATE TABLE terminal_state (
    terminal_id  TEXT PRIMARY KEY,
    json         TEXT NOT NULL,
    saved_at     TEXT NOT NULL
);

CREATE TABLE cheques (
    id                 TEXT PRIMARY KEY,
    account_id         INTEGER NOT NULL REFERENCES accounts (id),
    entry_id           TEXT NOT NULL,
    cheque_number      TEXT NOT NULL,
    drawer             TEXT NOT NULL,
    amount_pence       INTEGER NOT NULL CHECK (amount_pence > 0),
    dated_on           TEXT NOT NULL,
    received_on        TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('with_officer', 'banked', 'returned')),
    status_at          TEXT NOT NULL,
    reversal_entry_id  TEXT,
    CHECK ((status = 'returned') = (reversal_entry_id IS NOT NULL))
);
CREATE INDEX cheques_by_account ON cheques (account_id);

-- Bank details are sealed (XChaCha20-Poly1305 under a key derived from the store key) inside
-- the encrypted database; only the masked forms are kept readable.
CREATE TABLE direct_debit_mandates (
    id                        TEXT PRIMARY KEY,
    account_id                INTEGER NOT NULL REFERENCES accounts (id),
    account_holder            TEXT NOT NULL,
    bank_details_sealed       BLOB NOT NULL,
    sort_code_masked          TEXT NOT NULL,
    account_number_masked     TEXT NOT NULL,
    frequency                 TEXT NOT NULL CHECK (frequency IN ('weekly', 'fortnightly', 'four_weekly', 'monthly')),
    amount_pence              INTEGER NOT NULL CHECK (amount_pence > 0),
    first_collection_on       TEXT NOT NULL,
    covers                    TEXT NOT NULL CHECK (covers IN ('rent', 'rent_and_arrangement')),
    modulus_check             TEXT NOT NULL,
    recorded_at               TEXT NOT NULL,
    officer                   TEXT NOT NULL
);
CREATE INDEX direct_debit_mandates_by_account ON direct_debit_mandates (account_id);

CREATE TRIGGER account_flags_refuse_update BEFORE UPDATE ON account_flags
BEGIN SELECT RAISE(ABORT, 'flags are append-only'); END;
CREATE TRIGGER lone_working_refuse_update BEFORE UPDATE ON lone_working
BEGIN SELECT RAISE(ABORT, 'the lone-working log is append-only'); END;
CREATE TRIGGER lone_working_refuse_delete BEFORE DELETE ON lone_working
BEGIN SELECT RAISE(ABORT, 'the lone-working log is append-only'); END;
CREATE TRIGGER visit_records_refuse_update BEFORE UPDATE ON visit_records
BEGIN SELECT RAISE(ABORT, 'visit records are append-only'); END;
CREATE TRIGGER visit_records_refuse_delete BEFORE DELETE ON visit_records
BEGIN SELECT RAISE(ABORT, 'visit records are append-only'); END;
CREATE TRIGGER income_expenditure_refuse_update BEFORE UPDATE ON income_expenditure
BEGIN SELECT RAISE(ABORT, 'assessments are append-only: record a new one'); END;
CREATE TRIGGER income_expenditure_refuse_delete BEFORE DELETE ON income_expenditure
BEGIN SELECT RAISE(ABORT, 'assessments are append-only: record a new one'); END;
CREATE TRIGGER terminal_requests_refuse_update BEFORE UPDATE ON terminal_requests
BEGIN SELECT RAISE(ABORT, 'terminal requests are append-only'); END;
CREATE TRIGGER terminal_requests_refuse_delete BEFORE DELETE ON terminal_requests
BEGIN SELECT RAISE(ABORT, 'terminal requests are append-only'); END;
CREATE TRIGGER card_payments_refuse_delete BEFORE DELETE ON card_payments
BEGIN SELECT RAISE(ABORT, 'card payments are kept'); END;
-- A card payment's only change is a pending one being forwarded: authorised, or declined with
-- the reversal of its credit. Once.
CREATE TRIGGER card_payments_only_forward BEFORE UPDATE ON card_payments
WHEN OLD.state <> 'pending'
  OR NEW.state NOT IN ('authorised', 'declined')
  OR NEW.resolved_at IS NULL
  OR (NEW.state = 'declined') <> (NEW.reversal_entry_id IS NOT NULL)
  OR NEW.id <> OLD.id OR NEW.account_id <> OLD.account_id OR NEW.entry_id IS NOT OLD.entry_id
  OR NEW.amount_pence <> OLD.amount_pence OR NEW.provider_reference <> OLD.provider_reference
  OR NEW.receipt_number <> OLD.receipt_number
  OR (OLD.authorisation_code IS NOT NULL AND NEW.authorisation_code IS NOT OLD.authorisation_code)
  OR NEW.response <> OLD.response
  OR NEW.card_last_four <> OLD.card_last_four OR NEW.scheme <> OLD.scheme
  OR NEW.entry_method <> OLD.entry_method OR NEW.terminal_id <> OLD.terminal_id
  OR NEW.simulator <> OLD.simulator OR NEW.offline <> OLD.offline OR NEW.taken_at <> OLD.taken_at
BEGIN SELECT RAISE(ABORT, 'a card payment only changes when a pending one is forwarded, once'); END;
CREATE TRIGGER cheques_refuse_delete BEFORE DELETE ON cheques
BEGIN SELECT RAISE(ABORT, 'cheques are kept'); END;
-- A cheque moves with_officer -> banked -> returned (or straight to returned), never back.
CREATE TRIGGER cheques_only_move_on BEFORE UPDATE ON cheques
WHEN NOT ((OLD.status = 'with_officer' AND NEW.status IN ('banked', 'returned'))
       OR (OLD.status = 'banked' AND NEW.status = 'returned'))
  OR NEW.id <> OLD.id OR NEW.account_id <> OLD.account_id OR NEW.entry_id <> OLD.entry_id
  OR NEW.cheque_number <> OLD.cheque_number OR NEW.drawer <> OLD.drawer
  OR NEW.amount_pence <> OLD.amount_pence OR NEW.dated_on <> OLD.dated_on
  OR NEW.received_on <> OLD.received_on
BEGIN SELECT RAISE(ABORT, 'a cheque only moves on: with the officer, banked, returned'); END;
CREATE TRIGGER direct_debit_mandates_refuse_update BEFORE UPDATE ON direct_debit_mandates
BEGIN SELECT RAISE(ABORT, 'mandates are append-only'); END;
CREATE TRIGGER direct_debit_mandates_refuse_delete BEFORE DELETE ON direct_debit_mandates
BEGIN SELECT RAISE(ABORT, 'mandates are append-only'); END;
