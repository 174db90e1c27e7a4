-- A caseload page sends only each account's latest change: found through this index.
CREATE INDEX changes_by_account ON changes (officer_id, payment_reference, seq);
