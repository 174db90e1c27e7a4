-- What card providers and the bank told head office, kept so a reconciliation report can be
-- run again at any time. The SQLite twin (../sqlite) is the same: no generated keys.
-- Money is integer pence; dates are ISO text.

-- One row per payment per status a provider's settlement file reported. Keyed so that the
-- same file imported again, or a later file that repeats a row, adds nothing.
CREATE TABLE card_settlements (
    provider_reference  TEXT NOT NULL,
    -- 'settled', 'declined' or 'refunded'
    status              TEXT NOT NULL,
    settled_on          TEXT NOT NULL,
    amount_pence        BIGINT NOT NULL,
    file_name           TEXT NOT NULL,
    file_line           BIGINT NOT NULL,
    imported_at         TEXT NOT NULL,
    PRIMARY KEY (provider_reference, status)
);

-- One row per cheque the bank's banking file says it credited. A cheque number is unique
-- only within one chequebook, so the key is the whole row (the payment reference is '' when
-- the bank did not give one).
CREATE TABLE cheque_bankings (
    cheque_number      TEXT NOT NULL,
    banked_on          TEXT NOT NULL,
    amount_pence       BIGINT NOT NULL,
    payment_reference  TEXT NOT NULL,
    file_name          TEXT NOT NULL,
    file_line          BIGINT NOT NULL,
    imported_at        TEXT NOT NULL,
    PRIMARY KEY (cheque_number, banked_on, amount_pence, payment_reference)
);
