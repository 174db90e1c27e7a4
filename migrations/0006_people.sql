-- Supported living: the people around an account and their authority as evidenced, the
-- tenant's consents to discuss the account, every contact with the authority relied on, and
-- account flags beyond "do not visit alone", and Housing Benefit notifications and
-- overpayment invoices checked, third-party payment schedules, referrals and write-off
-- recommendations. Append-only: a correction is a new row.

-- A person around the account, as the officer recorded them from the evidence. A person keeps
-- one `person_id` (the id of their first row); a later row for the same person replaces the
-- earlier one (new evidence, a renewal), so the latest row is the person's authority in force.
CREATE TABLE representatives (
    id                              TEXT PRIMARY KEY,
    person_id                       TEXT NOT NULL,
    account_id                      INTEGER NOT NULL REFERENCES accounts (id),
    name                            TEXT NOT NULL,
    kind                            TEXT NOT NULL CHECK (kind IN ('joint_tenant', 'appointee', 'deputy', 'attorney', 'advocate', 'support_worker', 'support_provider', 'local_authority_housing_benefit', 'social_services', 'commissioning_body')),
    -- Scope codes, comma-separated: discuss_account, benefits, finances, litigation.
    covers                          TEXT NOT NULL,
    evidence_reference              TEXT NOT NULL,
    seen_on                         TEXT NOT NULL,
    seen_by                         TEXT NOT NULL,
    expires_on                      TEXT,
    litigation_authorised_by_court  INTEGER NOT NULL CHECK (litigation_authorised_by_court IN (0, 1)),
    phone                           TEXT NOT NULL,
    recorded_at                     TEXT NOT NULL,
    officer                         TEXT NOT NULL,
    CHECK (expires_on IS NULL OR expires_on >= seen_on)
);
CREATE INDEX representatives_by_account ON representatives (account_id, person_id, recorded_at);

-- The tenant's written consent for a recorded person to discuss what it covers.
CREATE TABLE discuss_consents (
    id           TEXT PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    person_id    TEXT NOT NULL,
    covers       TEXT NOT NULL,
    given_on     TEXT NOT NULL,
    expires_on   TEXT,
    recorded_at  TEXT NOT NULL,
    officer      TEXT NOT NULL,
    CHECK (expires_on IS NULL OR expires_on >= given_on)
);
CREATE INDEX discuss_consents_by_account ON discuss_consents (account_id, person_id);

-- Every contact with someone about the account: who, how, about what, and the authority
-- relied on as the app worded it at the time (kept, since authority can lapse later).
CREATE TABLE contacts (
    id           TEXT PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    -- NULL for a tenant named on the tenancy record.
    person_id    TEXT,
    person_name  TEXT NOT NULL,
    method       TEXT NOT NULL CHECK (method IN ('phone_call', 'home_visit', 'email', 'office_interview', 'letter_received')),
    topic        TEXT NOT NULL CHECK (topic IN ('arrears', 'benefits', 'arrangement', 'legal_action')),
    allowed      INTEGER NOT NULL CHECK (allowed IN (0, 1)),
    basis        TEXT,
    words        TEXT NOT NULL,
    note         TEXT NOT NULL,
    happened_on  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    officer      TEXT NOT NULL,
    CHECK ((allowed = 1) = (basis IS NOT NULL))
);
CREATE INDEX contacts_by_account ON contacts (account_id, happened_on);

-- Housing Benefit notifications from the council, as recorded: each changes the credits
-- expected from the day it takes effect (`domain::housing_benefit::awards_in_force`).
CREATE TABLE hb_notifications (
    id                   TEXT PRIMARY KEY,
    account_id           INTEGER NOT NULL REFERENCES accounts (id),
    council_reference    TEXT NOT NULL,
    kind                 TEXT NOT NULL CHECK (kind IN ('award', 'change', 'suspension', 'cancellation')),
    weekly_amount_pence  INTEGER NOT NULL CHECK (weekly_amount_pence >= 0),
    paid_to              TEXT NOT NULL CHECK (paid_to IN ('landlord', 'tenant')),
    effective_from       TEXT NOT NULL,
    effective_to         TEXT,
    notified_on          TEXT NOT NULL,
    recorded_at          TEXT NOT NULL,
    officer              TEXT NOT NULL,
    CHECK (effective_to IS NULL OR effective_to >= effective_from),
    CHECK (kind IN ('award', 'change') OR weekly_amount_pence = 0)
);
CREATE INDEX hb_notifications_by_account ON hb_notifications (account_id);

-- A council's Housing Benefit overpayment invoice, checked against the account: accepted (the
-- repayment is a refund entry on the ledger, named here) or queried (a letter to the council).
CREATE TABLE hb_overpayments (
    id                  TEXT PRIMARY KEY,
    account_id          INTEGER NOT NULL REFERENCES accounts (id),
    council             TEXT NOT NULL,
    invoice_reference   TEXT NOT NULL,
    period_from         TEXT NOT NULL,
    period_to           TEXT NOT NULL,
    amount_pence        INTEGER NOT NULL CHECK (amount_pence > 0),
    tenancy_ended_on    TEXT,
    resident_days       INTEGER NOT NULL CHECK (resident_days >= 0),
    hb_credited_pence   INTEGER NOT NULL,
    outcome             TEXT NOT NULL CHECK (outcome IN ('accepted', 'queried')),
    -- The check's findings, one a line, as the officer saw them when deciding.
    findings            TEXT NOT NULL,
    refund_entry_id     TEXT,
    decided_on          TEXT NOT NULL,
    recorded_at         TEXT NOT NULL,
    officer             TEXT NOT NULL,
    CHECK (period_to >= period_from),
    CHECK ((outcome = 'accepted') = (refund_entry_id IS NOT NULL))
);
CREATE INDEX hb_overpayments_by_account ON hb_overpayments (account_id);

-- A third party's agreement to pay towards the account on a schedule; the latest row of an
-- account is the agreement in force. Receipts are the ledger's third-party payments.
CREATE TABLE payment_schedules (
    id            TEXT PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    payer_name    TEXT NOT NULL,
    payer_kind    TEXT NOT NULL CHECK (payer_kind IN ('local_authority', 'support_provider', 'appointee')),
    covers        TEXT NOT NULL CHECK (covers IN ('rent_and_service_charges', 'rent', 'service_charges')),
    period        TEXT NOT NULL CHECK (period IN ('weekly', 'four_weekly', 'monthly')),
    amount_pence  INTEGER NOT NULL CHECK (amount_pence > 0),
    starts_on     TEXT NOT NULL,
    ends_on       TEXT,
    grace_days    INTEGER NOT NULL CHECK (grace_days BETWEEN 0 AND 31),
    recorded_at   TEXT NOT NULL,
    officer       TEXT NOT NULL,
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX payment_schedules_by_account ON payment_schedules (account_id, recorded_at);

-- Referrals made for the tenant (money advice, financial inclusion, a DHP application) and
-- their outcomes; an open referral whose follow-up day has come is on the worklist.
CREATE TABLE referrals (
    id            TEXT PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    kind          TEXT NOT NULL CHECK (kind IN ('money_advice', 'financial_inclusion', 'discretionary_housing_payment')),
    referred_to   TEXT NOT NULL,
    referred_on   TEXT NOT NULL,
    follow_up_on  TEXT NOT NULL,
    note          TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    officer       TEXT NOT NULL,
    CHECK (follow_up_on >= referred_on)
);
CREATE INDEX referrals_by_account ON referrals (account_id);
CREATE TABLE referral_outcomes (
    id           TEXT PRIMARY KEY,
    referral_id  TEXT NOT NULL UNIQUE REFERENCES referrals (id),
    outcome      TEXT NOT NULL,
    recorded_on  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    officer      TEXT NOT NULL
);

-- A former tenant's debt recommended for write-off, for a manager's approval, with the ground
-- and the tenancy's end as the officer stated them.
CREATE TABLE write_off_recommendations (
    id                TEXT PRIMARY KEY,
    account_id        INTEGER NOT NULL REFERENCES accounts (id),
    ground            TEXT NOT NULL CHECK (ground IN ('untraceable', 'deceased_no_estate', 'statute_barred', 'uneconomic')),
    amount_pence      INTEGER NOT NULL CHECK (amount_pence > 0),
    tenancy_ended_on  TEXT NOT NULL,
    reason            TEXT NOT NULL,
    recommended_on    TEXT NOT NULL,
    recorded_at       TEXT NOT NULL,
    officer           TEXT NOT NULL
);
CREATE INDEX write_off_recommendations_by_account ON write_off_recommendations (account_id);

-- Flags: rebuilt to allow every kind that matters on a visit and in escalation, with the
-- officer who recorded each and a row that ends an earlier flag (a flag is never deleted).
CREATE TABLE account_flags_v2 (
    id           TEXT PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    flag         TEXT NOT NULL CHECK (flag IN ('do_not_visit_alone', 'vulnerability', 'mental_capacity', 'safeguarding', 'interpreter_or_format')),
    note         TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    officer      TEXT NOT NULL DEFAULT '',
    -- Set on a row that ends the flag with this id; the ended flag stays on file.
    ends_flag_id TEXT
);
INSERT INTO account_flags_v2 (id, account_id, flag, note, recorded_at)
    SELECT id, account_id, flag, note, recorded_at FROM account_flags;
DROP TRIGGER account_flags_refuse_update;
DROP INDEX account_flags_by_account;
DROP TABLE account_flags;
ALTER TABLE account_flags_v2 RENAME TO account_flags;
CREATE INDEX account_flags_by_account ON account_flags (account_id);

CREATE TRIGGER account_flags_refuse_update BEFORE UPDATE ON account_flags
BEGIN SELECT RAISE(ABORT, 'flags are append-only: record a new flag or end one'); END;
CREATE TRIGGER account_flags_refuse_delete BEFORE DELETE ON account_flags
BEGIN SELECT RAISE(ABORT, 'flags are append-only: end a flag with a new row'); END;
CREATE TRIGGER representatives_refuse_update BEFORE UPDATE ON representatives
BEGIN SELECT RAISE(ABORT, 'representatives are append-only: record the person again'); END;
CREATE TRIGGER representatives_refuse_delete BEFORE DELETE ON representatives
BEGIN SELECT RAISE(ABORT, 'representatives are append-only'); END;
CREATE TRIGGER discuss_consents_refuse_update BEFORE UPDATE ON discuss_consents
BEGIN SELECT RAISE(ABORT, 'consents are append-only: record a new consent'); END;
CREATE TRIGGER discuss_consents_refuse_delete BEFORE DELETE ON discuss_consents
BEGIN SELECT RAISE(ABORT, 'consents are append-only'); END;
CREATE TRIGGER contacts_refuse_update BEFORE UPDATE ON contacts
BEGIN SELECT RAISE(ABORT, 'contacts are append-only'); END;
CREATE TRIGGER contacts_refuse_delete BEFORE DELETE ON contacts
BEGIN SELECT RAISE(ABORT, 'contacts are append-only'); END;
CREATE TRIGGER hb_notifications_refuse_update BEFORE UPDATE ON hb_notifications
BEGIN SELECT RAISE(ABORT, 'Housing Benefit records are append-only: record a new notification'); END;
CREATE TRIGGER hb_notifications_refuse_delete BEFORE DELETE ON hb_notifications
BEGIN SELECT RAISE(ABORT, 'Housing Benefit records are append-only'); END;
CREATE TRIGGER hb_overpayments_refuse_update BEFORE UPDATE ON hb_overpayments
BEGIN SELECT RAISE(ABORT, 'Housing Benefit records are append-only'); END;
CREATE TRIGGER hb_overpayments_refuse_delete BEFORE DELETE ON hb_overpayments
BEGIN SELECT RAISE(ABORT, 'Housing Benefit records are append-only'); END;
CREATE TRIGGER payment_schedules_refuse_update BEFORE UPDATE ON payment_schedules
BEGIN SELECT RAISE(ABORT, 'payment schedules are append-only: record a new schedule'); END;
CREATE TRIGGER payment_schedules_refuse_delete BEFORE DELETE ON payment_schedules
BEGIN SELECT RAISE(ABORT, 'payment schedules are append-only'); END;
CREATE TRIGGER referrals_refuse_update BEFORE UPDATE ON referrals
BEGIN SELECT RAISE(ABORT, 'referrals are append-only'); END;
CREATE TRIGGER referrals_refuse_delete BEFORE DELETE ON referrals
BEGIN SELECT RAISE(ABORT, 'referrals are append-only'); END;
CREATE TRIGGER referral_outcomes_refuse_update BEFORE UPDATE ON referral_outcomes
BEGIN SELECT RAISE(ABORT, 'referrals are append-only'); END;
CREATE TRIGGER referral_outcomes_refuse_delete BEFORE DELETE ON referral_outcomes
BEGIN SELECT RAISE(ABORT, 'referrals are append-only'); END;
CREATE TRIGGER write_off_recommendations_refuse_update BEFORE UPDATE ON write_off_recommendations
BEGIN SELECT RAISE(ABORT, 'write-off recommendations are append-only'); END;
CREATE TRIGGER write_off_recommendations_refuse_delete BEFORE DELETE ON write_off_recommendations
BEGIN SELECT RAISE(ABORT, 'write-off recommendations are append-only'); END;
