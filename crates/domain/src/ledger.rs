//! The rent account ledger: append-only entries, in posting order.
//!
//! Sign convention: a positive amount increases what the tenant owes (charges, refunds paid out,
//! write-ons); a negative amount reduces it (payments, write-offs, credit adjustments). So the
//! balance is the plain sum, and a balance above zero is arrears (DOMAIN.md, "Money and
//! accounts").
//!
//! Entries are never edited or deleted. A mistake is undone by a reversal that mirrors the
//! original, because head office may already hold the original and a court schedule of arrears
//! must show both.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChargeKind {
    Rent,
    ServiceCharge,
    CourtCosts,
    RechargeableRepair,
    Other,
}

impl ChargeKind {
    pub fn label(&self) -> &'static str {
        match self {
            ChargeKind::Rent => "Rent",
            ChargeKind::ServiceCharge => "Service charge",
            ChargeKind::CourtCosts => "Court costs",
            ChargeKind::RechargeableRepair => "Rechargeable repair",
            ChargeKind::Other => "Other charge",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    DirectDebit,
    StandingOrder,
    Card,
    Cheque,
    CashOffice,
    PayPoint,
    /// Paid 4-weekly in arrears direct to the landlord (DOMAIN.md, technical arrears).
    HousingBenefit,
    /// Universal Credit housing costs, paid monthly in arrears (DOMAIN.md, technical arrears).
    UniversalCredit,
    ThirdParty,
}

impl PaymentMethod {
    pub fn label(&self) -> &'static str {
        match self {
            PaymentMethod::DirectDebit => "Direct Debit payment",
            PaymentMethod::StandingOrder => "Standing order payment",
            PaymentMethod::Card => "Card payment",
            PaymentMethod::Cheque => "Cheque payment",
            PaymentMethod::CashOffice => "Cash office payment",
            PaymentMethod::PayPoint => "PayPoint payment",
            PaymentMethod::HousingBenefit => "Housing Benefit",
            PaymentMethod::UniversalCredit => "Universal Credit",
            PaymentMethod::ThirdParty => "Third party payment",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EntryKind {
    Charge { charge: ChargeKind },
    Payment { method: PaymentMethod },
    Adjustment,
    Refund,
    WriteOff,
    WriteOn,
    Reversal { reverses: Uuid },
}

impl EntryKind {
    /// Plain words for the statement, as a tenant would recognise them.
    pub fn label(&self) -> String {
        match self {
            EntryKind::Charge { charge } => charge.label().to_string(),
            EntryKind::Payment { method } => method.label().to_string(),
            EntryKind::Adjustment => "Adjustment".to_string(),
            EntryKind::Refund => "Refund".to_string(),
            EntryKind::WriteOff => "Write-off".to_string(),
            EntryKind::WriteOn => "Write-on".to_string(),
            EntryKind::Reversal { .. } => "Reversal".to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: Uuid,
    pub posted_on: NaiveDate,
    pub kind: EntryKind,
    /// Pounds; positive increases what the tenant owes (see the module comment).
    pub amount: Decimal,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error("no entry {entry_id} on this account")]
    EntryNotFound { entry_id: Uuid },
    #[error("entry {entry_id} has already been reversed")]
    AlreadyReversed { entry_id: Uuid },
    #[error("entry {entry_id} is a reversal; post a new entry instead of reversing a reversal")]
    CannotReverseReversal { entry_id: Uuid },
    #[error("a reversal cannot be posted on {posted_on}, before the entry it reverses ({original_posted_on})")]
    ReversalBeforeOriginal {
        posted_on: NaiveDate,
        original_posted_on: NaiveDate,
    },
    #[error("entry id {entry_id} is already on this account")]
    DuplicateEntryId { entry_id: Uuid },
    #[error("a {label} must be a positive amount, not {amount}")]
    AmountMustBePositive { label: String, amount: Decimal },
    #[error("a {label} must be a negative amount, not {amount}")]
    AmountMustBeNegative { label: String, amount: Decimal },
    #[error("a {label} of zero changes nothing and is not posted")]
    AmountMustNotBeZero { label: String },
}

/// The sum of all amounts: above zero is arrears, below zero is credit.
pub fn balance(entries: &[Entry]) -> Decimal {
    entries.iter().map(|entry| entry.amount).sum()
}

pub struct RunningLine<'a> {
    pub entry: &'a Entry,
    pub balance_after: Decimal,
}

/// The statement view. Entries are taken in the order given, which is posting order: re-sorting
/// here would let two screens disagree about the same account.
pub fn running_balances(entries: &[Entry]) -> Vec<RunningLine<'_>> {
    let mut balance_after = Decimal::ZERO;
    entries
        .iter()
        .map(|entry| {
            balance_after += entry.amount;
            RunningLine {
                entry,
                balance_after,
            }
        })
        .collect()
}

/// Builds the entry that undoes `entry_id`. It is not appended here; the caller posts it.
pub fn reverse(
    entries: &[Entry],
    entry_id: Uuid,
    reversal_id: Uuid,
    posted_on: NaiveDate,
    reason: &str,
) -> Result<Entry, LedgerError> {
    let original = entries
        .iter()
        .find(|entry| entry.id == entry_id)
        .ok_or(LedgerError::EntryNotFound { entry_id })?;
    if let EntryKind::Reversal { .. } = original.kind {
        // Reversing a reversal would resurrect the original under a new id; posting the
        // correct entry again is clearer on a court schedule.
        return Err(LedgerError::CannotReverseReversal { entry_id });
    }
    if reversal_of(entries, entry_id).is_some() {
        return Err(LedgerError::AlreadyReversed { entry_id });
    }
    if posted_on < original.posted_on {
        return Err(LedgerError::ReversalBeforeOriginal {
            posted_on,
            original_posted_on: original.posted_on,
        });
    }
    if entries.iter().any(|entry| entry.id == reversal_id) {
        return Err(LedgerError::DuplicateEntryId {
            entry_id: reversal_id,
        });
    }
    let reversal = Entry {
        id: reversal_id,
        posted_on,
        kind: EntryKind::Reversal { reverses: entry_id },
        amount: -original.amount,
        description: reason.trim().to_string(),
    };
    assert_eq!(reversal.amount, -original.amount);
    assert_eq!(reversal.amount + original.amount, Decimal::ZERO);
    Ok(reversal)
}

/// The reversal of `entry_id`, if it has one.
pub fn reversal_of(entries: &[Entry], entry_id: Uuid) -> Option<&Entry> {
    entries
        .iter()
        .find(|entry| entry.kind == EntryKind::Reversal { reverses: entry_id })
}

/// Checks the sign convention for an entry about to be posted: charges, refunds and write-ons
/// add to the debt (> 0); payments and write-offs reduce it (< 0); an adjustment or reversal may
/// go either way but a zero entry is noise on a statement.
pub fn validate_sign(kind: &EntryKind, amount: Decimal) -> Result<(), LedgerError> {
    let label = kind.label().to_lowercase();
    if amount.is_zero() {
        return Err(LedgerError::AmountMustNotBeZero { label });
    }
    match kind {
        EntryKind::Charge { .. } | EntryKind::Refund | EntryKind::WriteOn => {
            if amount < Decimal::ZERO {
                return Err(LedgerError::AmountMustBePositive { label, amount });
            }
        }
        EntryKind::Payment { .. } | EntryKind::WriteOff => {
            if amount > Decimal::ZERO {
                return Err(LedgerError::AmountMustBeNegative { label, amount });
            }
        }
        EntryKind::Adjustment | EntryKind::Reversal { .. } => {}
    }
    Ok(())
}

/// The date of the latest payment that still stands. A payment that was reversed (a returned
/// Direct Debit, a misallocated payment) is not counted: to an officer, a bounced payment was
/// never made.
pub fn last_payment_date(entries: &[Entry]) -> Option<NaiveDate> {
    entries
        .iter()
        .filter(|entry| matches!(entry.kind, EntryKind::Payment { .. }))
        .filter(|entry| reversal_of(entries, entry.id).is_none())
        .map(|entry| entry.posted_on)
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).expect("test literal")
    }

    fn day(day_of_month: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 1, day_of_month).expect("test date")
    }

    fn entry(id: u128, day_of_month: u32, kind: EntryKind, amount: &str) -> Entry {
        Entry {
            id: Uuid::from_u128(id),
            posted_on: day(day_of_month),
            kind,
            amount: dec(amount),
            description: String::new(),
        }
    }

    const RENT: EntryKind = EntryKind::Charge {
        charge: ChargeKind::Rent,
    };
    const DD: EntryKind = EntryKind::Payment {
        method: PaymentMethod::DirectDebit,
    };

    fn sample() -> Vec<Entry> {
        vec![
            entry(1, 6, RENT, "98.50"),
            entry(2, 6, DD, "-98.50"),
            entry(3, 13, RENT, "98.50"),
            entry(
                4,
                14,
                EntryKind::Payment {
                    method: PaymentMethod::Card,
                },
                "-50.00",
            ),
        ]
    }

    #[test]
    fn balances() {
        let entries = sample();
        // 98.50 - 98.50 + 98.50 - 50.00 = 48.50 owed.
        assert_eq!(balance(&entries), dec("48.50"));
        let running: Vec<Decimal> = running_balances(&entries)
            .iter()
            .map(|line| line.balance_after)
            .collect();
        assert_eq!(
            running,
            vec![dec("98.50"), dec("0"), dec("98.50"), dec("48.50")]
        );
        assert_eq!(balance(&[]), Decimal::ZERO);
    }

    #[test]
    fn reversing() {
        let entries = sample();
        let reversal = reverse(
            &entries,
            Uuid::from_u128(2),
            Uuid::from_u128(9),
            day(10),
            " Returned DD ",
        )
        .expect("reversible");
        assert_eq!(reversal.amount, dec("98.50"));
        assert_eq!(
            reversal.kind,
            EntryKind::Reversal {
                reverses: Uuid::from_u128(2)
            }
        );
        assert_eq!(reversal.description, "Returned DD");

        let mut with_reversal = entries.clone();
        with_reversal.push(reversal);
        // The DD no longer counts, so the last payment is the card payment on the 14th.
        assert_eq!(last_payment_date(&with_reversal), Some(day(14)));
        assert_eq!(last_payment_date(&entries), Some(day(14)));

        fn check(entries: &[Entry], target: u128, new_id: u128, on: u32, expected: LedgerError) {
            let result = reverse(
                entries,
                Uuid::from_u128(target),
                Uuid::from_u128(new_id),
                day(on),
                "x",
            );
            assert_eq!(result, Err(expected));
        }
        check(
            &with_reversal,
            2,
            10,
            20,
            LedgerError::AlreadyReversed {
                entry_id: Uuid::from_u128(2),
            },
        );
        check(
            &with_reversal,
            9,
            10,
            20,
            LedgerError::CannotReverseReversal {
                entry_id: Uuid::from_u128(9),
            },
        );
        check(
            &with_reversal,
            77,
            10,
            20,
            LedgerError::EntryNotFound {
                entry_id: Uuid::from_u128(77),
            },
        );
        check(
            &with_reversal,
            4,
            1,
            20,
            LedgerError::DuplicateEntryId {
                entry_id: Uuid::from_u128(1),
            },
        );
        check(
            &with_reversal,
            4,
            10,
            13,
            LedgerError::ReversalBeforeOriginal {
                posted_on: day(13),
                original_posted_on: day(14),
            },
        );
    }

    #[test]
    fn last_payment_of_charges_only_is_none() {
        assert_eq!(last_payment_date(&[entry(1, 6, RENT, "10")]), None);
    }

    #[test]
    fn signs() {
        fn check(kind: EntryKind, amount: &str, ok: bool) {
            assert_eq!(
                validate_sign(&kind, dec(amount)).is_ok(),
                ok,
                "{kind:?} {amount}"
            );
        }
        //    kind                                  amount     valid
        check(RENT, "98.50", true);
        check(RENT, "-98.50", false);
        check(RENT, "0", false);
        check(DD, "-98.50", true);
        check(DD, "98.50", false);
        check(EntryKind::Refund, "20", true);
        check(EntryKind::Refund, "-20", false);
        check(EntryKind::WriteOn, "20", true);
        check(EntryKind::WriteOff, "-20", true);
        check(EntryKind::WriteOff, "20", false);
        check(EntryKind::Adjustment, "-1", true);
        check(EntryKind::Adjustment, "1", true);
        check(EntryKind::Adjustment, "0", false);
        check(
            EntryKind::Reversal {
                reverses: Uuid::nil(),
            },
            "-3",
            true,
        );
        check(
            EntryKind::Reversal {
                reverses: Uuid::nil(),
            },
            "0",
            false,
        );
    }

    #[test]
    fn labels() {
        fn check(kind: EntryKind, expected: &str) {
            assert_eq!(kind.label(), expected);
        }
        check(RENT, "Rent");
        check(
            EntryKind::Charge {
                charge: ChargeKind::ServiceCharge,
            },
            "Service charge",
        );
        check(DD, "Direct Debit payment");
        check(
            EntryKind::Payment {
                method: PaymentMethod::HousingBenefit,
            },
            "Housing Benefit",
        );
        check(
            EntryKind::Reversal {
                reverses: Uuid::nil(),
            },
            "Reversal",
        );
        check(EntryKind::WriteOff, "Write-off");
    }

    #[test]
    fn serde_shape() {
        // The tag layout is what the store and the UI read; pin it.
        fn check(kind: EntryKind, expected: &str) {
            assert_eq!(serde_json::to_string(&kind).expect("serialises"), expected);
            assert_eq!(
                serde_json::from_str::<EntryKind>(expected).expect("deserialises"),
                kind
            );
        }
        check(DD, r#"{"type":"payment","method":"direct_debit"}"#);
        check(RENT, r#"{"type":"charge","charge":"rent"}"#);
        check(EntryKind::WriteOff, r#"{"type":"write_off"}"#);
        check(
            EntryKind::Reversal {
                reverses: Uuid::nil(),
            },
            r#"{"type":"reversal","reverses":"00000000-0000-0000-0000-000000000000"}"#,
        );
    }

    proptest! {
        #[test]
        fn reversal_restores_balance(
            pence in proptest::collection::vec(-1_000_000i64..1_000_000, 1..30),
            pick in any::<proptest::sample::Index>(),
        ) {
            let entries: Vec<Entry> = pence
                .iter()
                .enumerate()
                .filter(|(_, p)| **p != 0)
                .map(|(index, p)| Entry {
                    id: Uuid::from_u128(index as u128 + 1),
                    posted_on: day(1),
                    kind: EntryKind::Adjustment,
                    amount: crate::money::money_from_pence(*p),
                    description: String::new(),
                })
                .collect();
            prop_assume!(!entries.is_empty());
            let target = &entries[pick.index(entries.len())];
            let before_target: Decimal = balance(&entries) - target.amount;
            let reversal = reverse(&entries, target.id, Uuid::from_u128(1_000), day(2), "test").expect("reversible");
            let mut after = entries.clone();
            after.push(reversal);
            prop_assert_eq!(balance(&after), before_target);
        }
    }
}
