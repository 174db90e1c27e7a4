-- Benefit work: the tenant's Universal Credit claim as recorded, requests to the DWP for a
-- managed payment (APA) or an arrears deduction and their decisions, and Discretionary Housing
-- Payment applications and decisions. Append-only: a change is a new row, the latest in force.

-- The Universal Credit claim as the officer recorded it; the latest row is the position.
CREATE TABLE uc_positions (
    id                      TEXT PRIMARY KEY,
    account_id              INTEGER NOT NULL REFERENCES accounts (id),
    household               TEXT NOT NULL CHECK (household IN ('single_under_25', 'single_25_or_over', 'couple_both_under_25', 'couple_one_or_both_25_or_over')),
    assessment_period_day   INTEGER NOT NULL CHECK (assessment_period_day BETWEEN 1 AND 31),
    payment_day             INTEGER NOT NULL CHECK (payment_day BETWEEN 1 AND 31),
    housing_element_pence   INTEGER NOT NULL CHECK (housing_element_pence >= 0),
    paid_to                 TEXT NOT NULL CHECK (paid_to IN ('tenant', 'landlord')),
    other_deductions_pence  INTEGER NOT NULL CHECK (other_deductions_pence >= 0),
    recorded_on             TEXT NOT NULL,
    recorded_at             TEXT NOT NULL,
    officer                 TEXT NOT NULL
);
CREATE INDEX uc_positions_by_account ON uc_positions (account_id, recorded_at);

-- A request to the DWP: a managed payment of the housing element to the landlord, or a
-- deduction from Universal Credit towards the arrears.
CREATE TABLE benefit_requests (
    id                  TEXT PRIMARY KEY,
    account_id          INTEGER NOT NULL REFERENCES accounts (id),
    kind                TEXT NOT NULL CHECK (kind IN ('managed_payment', 'arrears_deduction')),
    requested_on        TEXT NOT NULL,
    reference           TEXT NOT NULL,
    amount_asked_pence  INTEGER CHECK (amount_asked_pence > 0),
    note                TEXT NOT NULL,
    recorded_at         TEXT NOT NULL,
    officer             TEXT NOT NULL
);
CREATE INDEX benefit_requests_by_account ON benefit_requests (account_id);

CREATE TABLE benefit_request_decisions (
    id            TEXT PRIMARY KEY,
    request_id    TEXT NOT NULL UNIQUE REFERENCES benefit_requests (id),
    decided_on    TEXT NOT NULL,
    outcome       TEXT NOT NULL CHECK (outcome IN ('approved', 'refused', 'withdrawn')),
    starts_on     TEXT,
    amount_pence  INTEGER CHECK (amount_pence > 0),
    note          TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    officer       TEXT NOT NULL,
    CHECK ((outcome = 'approved') = (starts_on IS NOT NULL AND amount_pence IS NOT NULL))
);

-- A Discretionary Housing Payment application made on the tenant's behalf, and its decision.
CREATE TABLE dhp_applications (
    id            TEXT PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    council       TEXT NOT NULL,
    amount_pence  INTEGER NOT NULL CHECK (amount_pence > 0),
    period_from   TEXT NOT NULL,
    period_to     TEXT NOT NULL,
    reason        TEXT NOT NULL,
    applied_on    TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    officer       TEXT NOT NULL,
    CHECK (period_to >= period_from)
);
CREATE TABLE dhp_decisions (
    id              TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL UNIQUE REFERENCES dhp_applications (id),
    decided_on      TEXT NOT NULL,
    outcome         TEXT NOT NULL CHECK (outcome IN ('awarded', 'refused')),
    amount_pence    INTEGER CHECK (amount_pence > 0),
    period_from     TEXT,
    period_to       TEXT,
    note            TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    officer         TEXT NOT NULL,
    CHECK ((outcome = 'awarded') = (amount_pence IS NOT NULL AND period_from IS NOT NULL AND period_to IS NOT NULL))
);

CREATE TRIGGER uc_positions_refuse_update BEFORE UPDATE ON uc_positions
BEGIN SELECT RAISE(ABORT, 'benefit records are append-only: record a new position'); END;
CREATE TRIGGER uc_positions_refuse_delete BEFORE DELETE ON uc_positions
BEGIN SELECT RAISE(ABORT, 'benefit records are append-only'); END;
CREATE TRIGGER benefit_requests_refuse_update BEFORE UPDATE ON benefit_requests
BEGIN SELECT RAISE(ABORT, 'benefit records are append-only'); END;
CREATE TRIGGER benefit_requests_refuse_delete BEFORE DELETE ON benefit_requests
BEGIN SELECT RAISE(ABORT, 'benefit records are append-only'); END;
CREATE TRIGGER benefit_request_decisions_refuse_update BEFORE UPDATE ON benefit_request_decisions
BEGIN SELECT RAISE(ABORT, 'benefit records are append-only'); END;
CREATE TRIGGER benefit_request_decisions_refuse_delete BEFORE DELETE ON benefit_request_decisions
BEGIN SELECT RAISE(ABORT, 'benefit records are append-only'); END;
CREATE TRIGGER dhp_applications_refuse_update BEFORE UPDATE ON dhp_applications
BEGIN SELECT RAISE(ABORT, 'benefit records are append-only'); END;
CREATE TRIGGER dhp_applications_refuse_delete BEFORE DELETE ON dhp_applications
BEGIN SELECT RAISE(ABORT, 'benefit records are append-only'); END;
CREATE TRIGGER dhp_decisions_refuse_update BEFORE UPDATE ON dhp_decisions
BEGIN SELECT RAISE(ABORT, 'benefit records are append-only'); END;
CREATE TRIGGER dhp_decisions_refuse_delete BEFORE DELETE ON dhp_decisions
BEGIN SELECT RAISE(ABORT, 'benefit records are append-only'); END;
