//! Repayment arrangements: what a tenant agreed to pay towards the arrears, and whether they are
//! keeping to it.
//!
//! An arrangement is informal (officer and tenant) or court-ordered (the terms of a suspended
//! possession order); either way it is the current rent plus an instalment towards the arrears,
//! optionally after an initial lump sum (DOMAIN.md, "Repayment arrangements"). The breach check
//! is Hackney's: the balance the tenant should be down to by now, allowing a few days' grace for
//! payments in transit, against the actual balance. Because the rule compares whole balances, a
//! missed rent payment breaches an arrangement just as a missed instalment does, which is what a
//! court order of "current rent plus £X" means.

use chrono::{Days, Months, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::{format_money, money_to_pence, MoneyError};

/// Days after a due date before a payment is counted as expected. Hackney's default (DOMAIN.md,
/// "Repayment arrangements"): long enough for a bank transfer or a PayPoint payment to post.
pub const ARRANGEMENT_TOLERANCE_DAYS_DEFAULT: u32 = 5;

/// More grace than a month would let a monthly arrangement miss a whole instalment unnoticed.
pub const ARRANGEMENT_TOLERANCE_DAYS_MAX: u32 = 31;

/// A limit on every loop over instalments: ten years of weekly instalments. A token arrangement
/// that would take longer still checks correctly for its first ten years; its projected clear
/// date is reported as unknown rather than computed by a longer loop.
pub const ARRANGEMENT_INSTALMENTS_MAX: u32 = 520;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArrangementKind {
    /// Agreed between officer and tenant.
    Informal,
    /// The terms of a court order, e.g. a suspended possession order.
    CourtOrdered,
}

impl ArrangementKind {
    pub fn label(&self) -> &'static str {
        match self {
            ArrangementKind::Informal => "Informal",
            ArrangementKind::CourtOrdered => "Court ordered",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstalmentFrequency {
    Weekly,
    Fortnightly,
    FourWeekly,
    /// Calendar monthly, on the first instalment's day of the month (clamped to the month end).
    Monthly,
    /// A single payment on the first instalment date.
    OneOff,
}

impl InstalmentFrequency {
    /// How an arrangement letter names the frequency.
    pub fn label(&self) -> &'static str {
        match self {
            InstalmentFrequency::Weekly => "Weekly",
            InstalmentFrequency::Fortnightly => "Fortnightly",
            InstalmentFrequency::FourWeekly => "Every 4 weeks",
            InstalmentFrequency::Monthly => "Calendar monthly",
            InstalmentFrequency::OneOff => "One-off",
        }
    }

    /// How a sentence says "per period", as `RentFrequency::per_period`: "£10.00 a week".
    pub fn per_period(&self) -> &'static str {
        match self {
            InstalmentFrequency::Weekly => "a week",
            InstalmentFrequency::Fortnightly => "a fortnight",
            InstalmentFrequency::FourWeekly => "every 4 weeks",
            InstalmentFrequency::Monthly => "a month",
            InstalmentFrequency::OneOff => "once",
        }
    }

    /// The due date of instalment `index` (0 is the first). Each date is computed from the
    /// first, never from the previous one, so a monthly arrangement from 31 January falls on
    /// 28 February and then 31 March again, not on the 28th for ever. `None` past chrono's
    /// calendar or, for a one-off, after the single payment.
    fn due_date(&self, first_instalment_on: NaiveDate, index: u32) -> Option<NaiveDate> {
        let every_days = |period_days: u64| {
            first_instalment_on.checked_add_days(Days::new(period_days * u64::from(index)))
        };
        match self {
            InstalmentFrequency::Weekly => every_days(7),
            InstalmentFrequency::Fortnightly => every_days(14),
            InstalmentFrequency::FourWeekly => every_days(28),
            // chrono clamps to the last day of a shorter month.
            InstalmentFrequency::Monthly => {
                first_instalment_on.checked_add_months(Months::new(index))
            }
            InstalmentFrequency::OneOff => (index == 0).then_some(first_instalment_on),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitialPayment {
    pub amount: Decimal,
    pub due_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArrangementTerms {
    pub kind: ArrangementKind,
    pub frequency: InstalmentFrequency,
    /// Towards the arrears, on top of the current rent; > 0. For OneOff, the single payment.
    pub instalment: Decimal,
    pub first_instalment_on: NaiveDate,
    pub initial_payment: Option<InitialPayment>,
    /// The balance when agreed; > 0 (nothing to arrange on a clear account).
    pub starting_balance: Decimal,
    pub agreed_on: NaiveDate,
    pub tolerance_days: u32,
}

/// Terms that passed `Arrangement::new`: positive amounts to the penny, dates in order. The
/// field is private so no caller can hold an arrangement the breach check was not written for;
/// deserialising goes through the same check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ArrangementTerms", into = "ArrangementTerms")]
pub struct Arrangement {
    terms: ArrangementTerms,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArrangementError {
    #[error("the instalment must be more than £0.00, not {}", format_money(*.instalment))]
    InstalmentNotPositive { instalment: Decimal },
    #[error(
        "there is nothing to arrange: the balance when agreed is {}, and an arrangement is for arrears above £0.00",
        format_money(*.starting_balance)
    )]
    StartingBalanceNotPositive { starting_balance: Decimal },
    #[error("the initial payment must be more than £0.00, not {}", format_money(*.amount))]
    InitialPaymentNotPositive { amount: Decimal },
    #[error("the {amount_name} of {amount} has a fraction of a penny; amounts are kept to 2 decimal places")]
    AmountFractionOfPenny {
        amount_name: String,
        amount: Decimal,
    },
    #[error("the {amount_name} of {amount} is too large to record")]
    AmountTooLarge {
        amount_name: String,
        amount: Decimal,
    },
    #[error(
        "the initial payment of {} clears the whole balance of {}; record a one-off arrangement instead",
        format_money(*.amount),
        format_money(*.starting_balance)
    )]
    InitialPaymentClearsBalance {
        amount: Decimal,
        starting_balance: Decimal,
    },
    #[error(
        "the initial payment is due on {due_on}, before the arrangement was agreed on {agreed_on}"
    )]
    InitialPaymentBeforeAgreement {
        due_on: NaiveDate,
        agreed_on: NaiveDate,
    },
    #[error("the initial payment is due on {due_on}, after the first instalment on {first_instalment_on}; an initial payment comes first")]
    InitialPaymentAfterFirstInstalment {
        due_on: NaiveDate,
        first_instalment_on: NaiveDate,
    },
    #[error("the first instalment is due on {first_instalment_on}, before the arrangement was agreed on {agreed_on}")]
    FirstInstalmentBeforeAgreement {
        first_instalment_on: NaiveDate,
        agreed_on: NaiveDate,
    },
    #[error(
        "{tolerance_days} days' grace is more than the most allowed, {tolerance_days_max} days"
    )]
    ToleranceAboveMax {
        tolerance_days: u32,
        tolerance_days_max: u32,
    },
    #[error(
        "a one-off arrangement is a single payment of {}; it cannot also have an initial payment of {} (use weekly or monthly instalments after an initial payment instead)",
        format_money(*.instalment),
        format_money(*.initial_payment)
    )]
    OneOffWithInitialPayment {
        instalment: Decimal,
        initial_payment: Decimal,
    },
}

impl TryFrom<ArrangementTerms> for Arrangement {
    type Error = ArrangementError;

    fn try_from(terms: ArrangementTerms) -> Result<Arrangement, ArrangementError> {
        Arrangement::new(terms)
    }
}

impl From<Arrangement> for ArrangementTerms {
    fn from(arrangement: Arrangement) -> ArrangementTerms {
        arrangement.terms
    }
}

impl Arrangement {
    /// Checks the terms an officer typed; the first problem found is returned, amounts before
    /// dates, because a wrong amount is the likelier typing slip.
    pub fn new(terms: ArrangementTerms) -> Result<Arrangement, ArrangementError> {
        check_penny_amount("instalment", terms.instalment)?;
        check_penny_amount("starting balance", terms.starting_balance)?;
        if terms.instalment <= Decimal::ZERO {
            return Err(ArrangementError::InstalmentNotPositive {
                instalment: terms.instalment,
            });
        }
        if terms.starting_balance <= Decimal::ZERO {
            return Err(ArrangementError::StartingBalanceNotPositive {
                starting_balance: terms.starting_balance,
            });
        }
        if let Some(initial) = &terms.initial_payment {
            check_initial_payment(&terms, initial)?;
        }
        if terms.first_instalment_on < terms.agreed_on {
            return Err(ArrangementError::FirstInstalmentBeforeAgreement {
                first_instalment_on: terms.first_instalment_on,
                agreed_on: terms.agreed_on,
            });
        }
        if terms.tolerance_days > ARRANGEMENT_TOLERANCE_DAYS_MAX {
            return Err(ArrangementError::ToleranceAboveMax {
                tolerance_days: terms.tolerance_days,
                tolerance_days_max: ARRANGEMENT_TOLERANCE_DAYS_MAX,
            });
        }
        Ok(Arrangement { terms })
    }

    pub fn terms(&self) -> &ArrangementTerms {
        &self.terms
    }

    /// Due dates of instalments on or before `through` (bounded by ARRANGEMENT_INSTALMENTS_MAX
    /// and by the date the arrears would be cleared).
    pub fn instalment_dates_through(&self, through: NaiveDate) -> Vec<NaiveDate> {
        let terms = &self.terms;
        (0..self.instalments_scheduled_count())
            .map_while(|index| terms.frequency.due_date(terms.first_instalment_on, index))
            .take_while(|due_on| *due_on <= through)
            .collect()
    }

    /// When the starting balance would be cleared if every instalment is paid (for the
    /// confirmation letter); None if beyond the instalment limit, or for a one-off payment that
    /// does not clear the whole balance.
    pub fn projected_clear_on(&self) -> Option<NaiveDate> {
        let terms = &self.terms;
        let instalments_needed_count = self.instalments_needed_count()?;
        if terms.frequency == InstalmentFrequency::OneOff && instalments_needed_count > 1 {
            return None;
        }
        terms
            .frequency
            .due_date(terms.first_instalment_on, instalments_needed_count - 1)
    }

    /// The first instalment due on or after `date`, among those scheduled.
    pub fn next_instalment_on_or_after(&self, date: NaiveDate) -> Option<NaiveDate> {
        let terms = &self.terms;
        (0..self.instalments_scheduled_count())
            .map_while(|index| terms.frequency.due_date(terms.first_instalment_on, index))
            .find(|due_on| *due_on >= date)
    }

    /// What the instalments must clear: the starting balance less any initial payment.
    /// Positive, because `new` refuses an initial payment that clears the balance.
    fn balance_after_initial_payment(&self) -> Decimal {
        let initial = self
            .terms
            .initial_payment
            .as_ref()
            .map_or(Decimal::ZERO, |initial| initial.amount);
        self.terms.starting_balance - initial
    }

    /// Whole instalments to clear the balance, rounding up (a last part-instalment is still a
    /// payment date); `None` beyond `ARRANGEMENT_INSTALMENTS_MAX`. At least 1.
    fn instalments_needed_count(&self) -> Option<u32> {
        let periods = self
            .balance_after_initial_payment()
            .checked_div(self.terms.instalment)?
            .ceil();
        periods
            .to_u32()
            .filter(|count| *count <= ARRANGEMENT_INSTALMENTS_MAX)
            .map(|count| count.max(1))
    }

    /// How many instalments the schedule has: until the balance is cleared, capped at the limit;
    /// a one-off has exactly one whatever it clears.
    fn instalments_scheduled_count(&self) -> u32 {
        if self.terms.frequency == InstalmentFrequency::OneOff {
            return 1;
        }
        self.instalments_needed_count()
            .unwrap_or(ARRANGEMENT_INSTALMENTS_MAX)
    }
}

fn check_penny_amount(amount_name: &str, amount: Decimal) -> Result<(), ArrangementError> {
    // Only the validity matters here; the store converts to pence itself.
    match money_to_pence(amount) {
        Ok(_) => Ok(()),
        Err(MoneyError::FractionOfPenny { amount }) => {
            Err(ArrangementError::AmountFractionOfPenny {
                amount_name: amount_name.to_string(),
                amount,
            })
        }
        Err(MoneyError::OutOfRange { amount }) => Err(ArrangementError::AmountTooLarge {
            amount_name: amount_name.to_string(),
            amount,
        }),
    }
}

fn check_initial_payment(
    terms: &ArrangementTerms,
    initial: &InitialPayment,
) -> Result<(), ArrangementError> {
    check_penny_amount("initial payment", initial.amount)?;
    if initial.amount <= Decimal::ZERO {
        return Err(ArrangementError::InitialPaymentNotPositive {
            amount: initial.amount,
        });
    }
    // A one-off is already a single lump sum; two lump sums are two arrangements.
    if terms.frequency == InstalmentFrequency::OneOff {
        return Err(ArrangementError::OneOffWithInitialPayment {
            instalment: terms.instalment,
            initial_payment: initial.amount,
        });
    }
    // Instalments after a payment that clears everything would never be due; the officer
    // meant a one-off.
    if initial.amount >= terms.starting_balance {
        return Err(ArrangementError::InitialPaymentClearsBalance {
            amount: initial.amount,
            starting_balance: terms.starting_balance,
        });
    }
    if initial.due_on < terms.agreed_on {
        return Err(ArrangementError::InitialPaymentBeforeAgreement {
            due_on: initial.due_on,
            agreed_on: terms.agreed_on,
        });
    }
    if initial.due_on > terms.first_instalment_on {
        return Err(ArrangementError::InitialPaymentAfterFirstInstalment {
            due_on: initial.due_on,
            first_instalment_on: terms.first_instalment_on,
        });
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArrangementState {
    Live,
    Breached,
    Completed,
    Cancelled,
    /// Replaced by a newer arrangement (DOMAIN.md: a new arrangement supersedes the live one).
    Superseded,
}

impl ArrangementState {
    pub fn label(&self) -> &'static str {
        match self {
            ArrangementState::Live => "Live",
            ArrangementState::Breached => "Breached",
            ArrangementState::Completed => "Completed",
            ArrangementState::Cancelled => "Cancelled",
            ArrangementState::Superseded => "Superseded",
        }
    }

    /// Still being checked: a breached arrangement stays open, because a tenant who catches up
    /// is back on track without a new agreement.
    pub fn is_open(&self) -> bool {
        matches!(self, ArrangementState::Live | ArrangementState::Breached)
    }
}

/// Append-only history of states: which transitions are allowed. Live and Breached move
/// either way as payments arrive; Completed, Cancelled and Superseded are final, because a
/// finished arrangement restarted would hide the history a court asks for (a new one is made
/// instead). A state never transitions to itself: the history records changes, not checks.
pub fn transition_allowed(from: ArrangementState, to: ArrangementState) -> bool {
    use ArrangementState::*;
    matches!(
        (from, to),
        (Live, Breached) | (Breached, Live) | (Live | Breached, Completed | Cancelled | Superseded)
    )
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArrangementCheck {
    /// Only Live, Breached or Completed: cancelling and superseding are officers' decisions.
    pub state: ArrangementState,
    pub expected_balance: Decimal,
    pub actual_balance: Decimal,
    /// Instalments counted in the expected balance: due on or before today − tolerance.
    pub instalments_due_count: u32,
    /// The next instalment due on or after today; None once completed or all are past.
    pub next_instalment_on: Option<NaiveDate>,
    /// Plain words an officer can read out, with £ figures and dates.
    pub explanation: String,
}

/// Hackney rule: expected = starting_balance − initial payment − n × instalment, never below
/// zero, where a payment (the initial one or an instalment) counts once its due date is on or
/// before today − tolerance_days. So with 5 days' grace, an instalment due on the 1st is first
/// expected on the 6th: paying on the 6th is in time, paying on the 7th is a breach on the 6th.
/// The initial payment gets the same grace as an instalment, because nothing about a lump sum
/// makes it quicker to arrive. Completed when actual <= 0; otherwise Breached when actual >
/// expected; otherwise Live.
pub fn check_arrangement(
    arrangement: &Arrangement,
    balance: Decimal,
    today: NaiveDate,
) -> ArrangementCheck {
    let terms = arrangement.terms();
    // Before chrono's first date nothing can be due yet.
    let counted_through = today.checked_sub_days(Days::new(u64::from(terms.tolerance_days)));
    let initial_counted = match (&terms.initial_payment, counted_through) {
        (Some(initial), Some(through)) if initial.due_on <= through => Some(initial.amount),
        _ => None,
    };
    let instalments_due_count = counted_through.map_or(0, |through| {
        // At most ARRANGEMENT_INSTALMENTS_MAX, so the conversion cannot fail.
        u32::try_from(arrangement.instalment_dates_through(through).len())
            .unwrap_or(ARRANGEMENT_INSTALMENTS_MAX)
    });
    // Amounts are whole pence within i64 pence (checked by `new`) and n <= 520, so neither
    // the product nor the differences can overflow a Decimal.
    let paid_by_instalments = terms.instalment * Decimal::from(instalments_due_count);
    let expected_balance =
        (terms.starting_balance - initial_counted.unwrap_or(Decimal::ZERO) - paid_by_instalments)
            .max(Decimal::ZERO);
    let state = if balance <= Decimal::ZERO {
        ArrangementState::Completed
    } else if balance > expected_balance {
        ArrangementState::Breached
    } else {
        ArrangementState::Live
    };
    let next_instalment_on = if state == ArrangementState::Completed {
        None
    } else {
        arrangement.next_instalment_on_or_after(today)
    };
    let explanation = explain_check(
        terms,
        state,
        expected_balance,
        balance,
        initial_counted,
        instalments_due_count,
        next_instalment_on,
    );
    ArrangementCheck {
        state,
        expected_balance,
        actual_balance: balance,
        instalments_due_count,
        next_instalment_on,
        explanation,
    }
}

fn explain_check(
    terms: &ArrangementTerms,
    state: ArrangementState,
    expected_balance: Decimal,
    actual_balance: Decimal,
    initial_counted: Option<Decimal>,
    instalments_due_count: u32,
    next_instalment_on: Option<NaiveDate>,
) -> String {
    if state == ArrangementState::Completed {
        let position = if actual_balance < Decimal::ZERO {
            format!("the account is {} in credit", format_money(-actual_balance))
        } else {
            "the balance is £0.00".to_string()
        };
        return format!("Arrears cleared: {position}, so the arrangement is complete.");
    }
    let instalments = match instalments_due_count {
        1 => format!("1 instalment of {}", format_money(terms.instalment)),
        count => format!("{count} instalments of {}", format_money(terms.instalment)),
    };
    let basis = match (initial_counted, instalments_due_count) {
        (None, 0) => "with no payment counted yet".to_string(),
        (None, _) => format!("after {instalments}"),
        (Some(initial), 0) => format!("after the initial payment of {}", format_money(initial)),
        (Some(initial), _) => format!(
            "after the initial payment of {} and {instalments}",
            format_money(initial)
        ),
    };
    // Both sides are positive here (actual > 0, expected >= 0), so neither subtraction overflows.
    let difference = if actual_balance > expected_balance {
        format!("{} behind", format_money(actual_balance - expected_balance))
    } else if actual_balance < expected_balance {
        format!("{} ahead", format_money(expected_balance - actual_balance))
    } else {
        "on track".to_string()
    };
    let mut explanation = format!(
        "Expected balance {} {basis}; actual {}, {difference}.",
        format_money(expected_balance),
        format_money(actual_balance),
    );
    if let Some(next_on) = next_instalment_on {
        explanation.push_str(&format!(
            " Next payment of {} due {}.",
            format_money(terms.instalment),
            next_on.format("%-d %B %Y")
        ));
    }
    explanation
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).expect("test literal")
    }

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("test date")
    }

    /// £10 a week towards £500, agreed Monday 5 January 2026 and first due that day, 5 days' grace.
    fn weekly_terms() -> ArrangementTerms {
        ArrangementTerms {
            kind: ArrangementKind::Informal,
            frequency: InstalmentFrequency::Weekly,
            instalment: dec("10.00"),
            first_instalment_on: date(2026, 1, 5),
            initial_payment: None,
            starting_balance: dec("500.00"),
            agreed_on: date(2026, 1, 5),
            tolerance_days: ARRANGEMENT_TOLERANCE_DAYS_DEFAULT,
        }
    }

    fn arrangement(terms: ArrangementTerms) -> Arrangement {
        Arrangement::new(terms).expect("valid test terms")
    }

    #[test]
    fn terms_are_checked() {
        fn check(change: fn(&mut ArrangementTerms), expected: Result<(), ArrangementError>) {
            let mut terms = weekly_terms();
            change(&mut terms);
            let result = Arrangement::new(terms).map(|_| ());
            assert_eq!(result, expected);
        }
        fn initial(amount: &str, due_on: NaiveDate) -> Option<InitialPayment> {
            Some(InitialPayment {
                amount: dec(amount),
                due_on,
            })
        }
        check(|_| {}, Ok(()));
        check(
            |terms| terms.instalment = dec("0"),
            Err(ArrangementError::InstalmentNotPositive {
                instalment: dec("0"),
            }),
        );
        check(
            |terms| terms.instalment = dec("-5"),
            Err(ArrangementError::InstalmentNotPositive {
                instalment: dec("-5"),
            }),
        );
        check(
            |terms| terms.instalment = dec("10.005"),
            Err(ArrangementError::AmountFractionOfPenny {
                amount_name: "instalment".to_string(),
                amount: dec("10.005"),
            }),
        );
        check(
            |terms| terms.starting_balance = dec("0"),
            Err(ArrangementError::StartingBalanceNotPositive {
                starting_balance: dec("0"),
            }),
        );
        check(
            |terms| terms.starting_balance = dec("100000000000000000000"),
            Err(ArrangementError::AmountTooLarge {
                amount_name: "starting balance".to_string(),
                amount: dec("100000000000000000000"),
            }),
        );
        check(
            |terms| terms.initial_payment = initial("0", date(2026, 1, 5)),
            Err(ArrangementError::InitialPaymentNotPositive { amount: dec("0") }),
        );
        check(
            |terms| terms.initial_payment = initial("500", date(2026, 1, 5)),
            Err(ArrangementError::InitialPaymentClearsBalance {
                amount: dec("500"),
                starting_balance: dec("500.00"),
            }),
        );
        check(
            |terms| terms.initial_payment = initial("100", date(2026, 1, 4)),
            Err(ArrangementError::InitialPaymentBeforeAgreement {
                due_on: date(2026, 1, 4),
                agreed_on: date(2026, 1, 5),
            }),
        );
        check(
            |terms| terms.initial_payment = initial("100", date(2026, 1, 6)),
            Err(ArrangementError::InitialPaymentAfterFirstInstalment {
                due_on: date(2026, 1, 6),
                first_instalment_on: date(2026, 1, 5),
            }),
        );
        check(
            |terms| {
                terms.frequency = InstalmentFrequency::OneOff;
                terms.initial_payment = initial("100", date(2026, 1, 5));
            },
            Err(ArrangementError::OneOffWithInitialPayment {
                instalment: dec("10.00"),
                initial_payment: dec("100"),
            }),
        );
        check(
            |terms| terms.first_instalment_on = date(2026, 1, 4),
            Err(ArrangementError::FirstInstalmentBeforeAgreement {
                first_instalment_on: date(2026, 1, 4),
                agreed_on: date(2026, 1, 5),
            }),
        );
        check(|terms| terms.tolerance_days = 31, Ok(()));
        check(
            |terms| terms.tolerance_days = 32,
            Err(ArrangementError::ToleranceAboveMax {
                tolerance_days: 32,
                tolerance_days_max: 31,
            }),
        );
    }

    #[test]
    fn error_messages_name_the_values() {
        let error = ArrangementError::InitialPaymentClearsBalance {
            amount: dec("600"),
            starting_balance: dec("500"),
        };
        assert_eq!(
            error.to_string(),
            "the initial payment of £600.00 clears the whole balance of £500.00; record a one-off arrangement instead"
        );
        let error = ArrangementError::FirstInstalmentBeforeAgreement {
            first_instalment_on: date(2026, 1, 4),
            agreed_on: date(2026, 1, 5),
        };
        assert_eq!(
            error.to_string(),
            "the first instalment is due on 2026-01-04, before the arrangement was agreed on 2026-01-05"
        );
    }

    #[test]
    fn instalment_dates() {
        fn check(
            frequency: InstalmentFrequency,
            first_instalment_on: NaiveDate,
            starting_balance: &str,
            through: NaiveDate,
            expected: &[NaiveDate],
        ) {
            let terms = ArrangementTerms {
                frequency,
                first_instalment_on,
                agreed_on: first_instalment_on,
                instalment: dec("100"),
                starting_balance: dec(starting_balance),
                ..weekly_terms()
            };
            let dates = arrangement(terms).instalment_dates_through(through);
            assert_eq!(dates, expected, "{frequency:?} from {first_instalment_on}");
        }
        use InstalmentFrequency::*;
        // Monthly from 31 January: each date from the first, clamped, so March is the 31st again.
        check(
            Monthly,
            date(2026, 1, 31),
            "1000",
            date(2026, 5, 31),
            &[
                date(2026, 1, 31),
                date(2026, 2, 28),
                date(2026, 3, 31),
                date(2026, 4, 30),
                date(2026, 5, 31),
            ],
        );
        // A leap year gives 29 February.
        check(
            Monthly,
            date(2028, 1, 30),
            "1000",
            date(2028, 3, 30),
            &[date(2028, 1, 30), date(2028, 2, 29), date(2028, 3, 30)],
        );
        // Stops once £250 is cleared: 3 instalments of £100, the last a part-payment.
        check(
            Weekly,
            date(2026, 1, 5),
            "250",
            date(2026, 12, 31),
            &[date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 19)],
        );
        check(
            Fortnightly,
            date(2026, 1, 5),
            "1000",
            date(2026, 2, 2),
            &[date(2026, 1, 5), date(2026, 1, 19), date(2026, 2, 2)],
        );
        check(
            FourWeekly,
            date(2026, 1, 5),
            "1000",
            date(2026, 3, 1),
            &[date(2026, 1, 5), date(2026, 2, 2)],
        );
        check(
            OneOff,
            date(2026, 1, 5),
            "1000",
            date(2027, 1, 1),
            &[date(2026, 1, 5)],
        );
        check(Weekly, date(2026, 1, 5), "1000", date(2026, 1, 4), &[]);
    }

    #[test]
    fn projected_clear_dates() {
        fn check(
            frequency: InstalmentFrequency,
            instalment: &str,
            starting_balance: &str,
            initial_payment: Option<&str>,
            expected: Option<NaiveDate>,
        ) {
            let terms = ArrangementTerms {
                frequency,
                instalment: dec(instalment),
                starting_balance: dec(starting_balance),
                initial_payment: initial_payment.map(|amount| InitialPayment {
                    amount: dec(amount),
                    due_on: date(2026, 1, 5),
                }),
                ..weekly_terms()
            };
            assert_eq!(
                arrangement(terms).projected_clear_on(),
                expected,
                "{frequency:?} {instalment} towards {starting_balance}"
            );
        }
        use InstalmentFrequency::*;
        // 500 / 10 = 50 instalments: 5 January + 49 weeks.
        check(Weekly, "10", "500", None, Some(date(2026, 12, 14)));
        // 505 / 10 = 50.5, so a 51st part-instalment.
        check(Weekly, "10", "505", None, Some(date(2026, 12, 21)));
        // 400 left after the initial £100: 40 instalments, 5 January + 39 weeks.
        check(Weekly, "10", "500", Some("100"), Some(date(2026, 10, 5)));
        check(Monthly, "100", "300", None, Some(date(2026, 3, 5)));
        check(OneOff, "500", "500", None, Some(date(2026, 1, 5)));
        check(OneOff, "600", "500", None, Some(date(2026, 1, 5)));
        // A one-off of part of the balance never clears it.
        check(OneOff, "200", "500", None, None);
        // 520 instalments is the limit; 521 is beyond it.
        check(
            Weekly,
            "1",
            "520",
            None,
            date(2026, 1, 5).checked_add_days(Days::new(519 * 7)),
        );
        check(Weekly, "1", "521", None, None);
    }

    #[test]
    fn breach_boundaries() {
        // `paid` is the balance the account shows on `today`.
        fn check(
            terms: &ArrangementTerms,
            today: NaiveDate,
            balance: &str,
            state: ArrangementState,
            expected_balance: &str,
            instalments_due_count: u32,
            why: &str,
        ) {
            let result = check_arrangement(&arrangement(terms.clone()), dec(balance), today);
            assert_eq!(result.state, state, "{why}: {}", result.explanation);
            assert_eq!(result.expected_balance, dec(expected_balance), "{why}");
            assert_eq!(result.instalments_due_count, instalments_due_count, "{why}");
            assert_eq!(result.actual_balance, dec(balance), "{why}");
        }
        use ArrangementState::*;
        let weekly = weekly_terms();
        // First £10 due Monday 5 January with 5 days' grace: first counted on Saturday 10th.
        check(
            &weekly,
            date(2026, 1, 5),
            "490",
            Live,
            "500",
            0,
            "paid on the due date",
        );
        check(
            &weekly,
            date(2026, 1, 10),
            "490",
            Live,
            "490",
            1,
            "paid on time, checked at the end of the grace",
        );
        check(
            &weekly,
            date(2026, 1, 9),
            "500",
            Live,
            "500",
            0,
            "unpaid, one day inside the grace",
        );
        check(
            &weekly,
            date(2026, 1, 10),
            "490",
            Live,
            "490",
            1,
            "paid on the 9th, one day inside the grace",
        );
        check(
            &weekly,
            date(2026, 1, 10),
            "500",
            Breached,
            "490",
            1,
            "unpaid on the last day of grace",
        );
        check(
            &weekly,
            date(2026, 1, 11),
            "490",
            Live,
            "490",
            1,
            "paid a day beyond the grace: back on track",
        );
        check(
            &weekly,
            date(2026, 1, 10),
            "480",
            Live,
            "490",
            1,
            "paid ahead",
        );
        check(
            &weekly,
            date(2026, 1, 10),
            "0",
            Completed,
            "490",
            1,
            "cleared",
        );
        check(
            &weekly,
            date(2026, 1, 10),
            "-5",
            Completed,
            "490",
            1,
            "in credit",
        );
        // Far beyond the schedule, expected never goes below zero; a penny left is a breach.
        check(
            &weekly,
            date(2030, 1, 1),
            "0.01",
            Breached,
            "0",
            50,
            "a penny short at the end",
        );

        let mut no_grace = weekly_terms();
        no_grace.tolerance_days = 0;
        check(
            &no_grace,
            date(2026, 1, 5),
            "500",
            Breached,
            "490",
            1,
            "no grace: due today and unpaid",
        );
        check(
            &no_grace,
            date(2026, 1, 4),
            "500",
            Live,
            "500",
            0,
            "no grace: the day before",
        );

        // An initial £100 on 5 January, then £10 a week from 12 January.
        let mut lump_sum = weekly_terms();
        lump_sum.first_instalment_on = date(2026, 1, 12);
        lump_sum.initial_payment = Some(InitialPayment {
            amount: dec("100"),
            due_on: date(2026, 1, 5),
        });
        check(
            &lump_sum,
            date(2026, 1, 9),
            "500",
            Live,
            "500",
            0,
            "lump sum inside the grace",
        );
        check(
            &lump_sum,
            date(2026, 1, 10),
            "500",
            Breached,
            "400",
            0,
            "lump sum unpaid after the grace",
        );
        check(
            &lump_sum,
            date(2026, 1, 10),
            "400",
            Live,
            "400",
            0,
            "lump sum paid",
        );
        check(
            &lump_sum,
            date(2026, 1, 17),
            "400",
            Breached,
            "390",
            1,
            "lump sum paid, first instalment not",
        );
        check(
            &lump_sum,
            date(2026, 1, 17),
            "390",
            Live,
            "390",
            1,
            "both paid",
        );
    }

    #[test]
    fn explanations() {
        fn check(terms: &ArrangementTerms, today: NaiveDate, balance: &str, expected: &str) {
            let result = check_arrangement(&arrangement(terms.clone()), dec(balance), today);
            assert_eq!(result.explanation, expected);
        }
        let weekly = weekly_terms();
        // Six instalments counted by 14 February (due 5 January to 9 February).
        check(
            &weekly,
            date(2026, 2, 14),
            "475",
            "Expected balance £440.00 after 6 instalments of £10.00; actual £475.00, £35.00 behind. Next payment of £10.00 due 16 February 2026.",
        );
        check(
            &weekly,
            date(2026, 1, 10),
            "480",
            "Expected balance £490.00 after 1 instalment of £10.00; actual £480.00, £10.00 ahead. Next payment of £10.00 due 12 January 2026.",
        );
        check(
            &weekly,
            date(2026, 1, 5),
            "500",
            "Expected balance £500.00 with no payment counted yet; actual £500.00, on track. Next payment of £10.00 due 5 January 2026.",
        );
        check(
            &weekly,
            date(2026, 1, 10),
            "-12.30",
            "Arrears cleared: the account is £12.30 in credit, so the arrangement is complete.",
        );
        let mut lump_sum = weekly_terms();
        lump_sum.first_instalment_on = date(2026, 1, 12);
        lump_sum.initial_payment = Some(InitialPayment {
            amount: dec("100"),
            due_on: date(2026, 1, 5),
        });
        check(
            &lump_sum,
            date(2026, 1, 17),
            "390",
            "Expected balance £390.00 after the initial payment of £100.00 and 1 instalment of £10.00; actual £390.00, on track. Next payment of £10.00 due 19 January 2026.",
        );
    }

    #[test]
    fn transitions() {
        use ArrangementState::*;
        fn check(from: ArrangementState, to: ArrangementState, expected: bool) {
            assert_eq!(transition_allowed(from, to), expected, "{from:?} -> {to:?}");
        }
        check(Live, Breached, true);
        check(Breached, Live, true);
        check(Live, Completed, true);
        check(Breached, Completed, true);
        check(Live, Cancelled, true);
        check(Breached, Superseded, true);
        check(Live, Live, false);
        check(Breached, Breached, false);
        for final_state in [Completed, Cancelled, Superseded] {
            assert!(!final_state.is_open());
            for to in [Live, Breached, Completed, Cancelled, Superseded] {
                check(final_state, to, false);
            }
        }
        assert!(Live.is_open() && Breached.is_open());
    }

    #[test]
    fn serde_goes_through_the_checks() {
        let original = arrangement(weekly_terms());
        let text = serde_json::to_string(&original).expect("serialise");
        assert!(text.contains("\"instalment\":\"10.00\""), "{text}");
        assert!(text.contains("\"frequency\":\"weekly\""), "{text}");
        let back: Arrangement = serde_json::from_str(&text).expect("deserialise");
        assert_eq!(back, original);
        let invalid = text.replace("\"10.00\"", "\"0\"");
        let error = serde_json::from_str::<Arrangement>(&invalid).expect_err("zero instalment");
        assert!(error.to_string().contains("more than £0.00"), "{error}");
    }

    fn any_frequency() -> impl Strategy<Value = InstalmentFrequency> {
        prop_oneof![
            Just(InstalmentFrequency::Weekly),
            Just(InstalmentFrequency::Fortnightly),
            Just(InstalmentFrequency::FourWeekly),
            Just(InstalmentFrequency::Monthly),
            Just(InstalmentFrequency::OneOff),
        ]
    }

    proptest! {
        /// A tenant who pays every instalment and the initial payment on its due date, and whose
        /// rent is charged and paid in full on the same day each week, is never reported breached.
        #[test]
        fn paying_on_time_never_breaches(
            frequency in any_frequency(),
            instalment_pence in 1i64..50_000,
            starting_pence in 1i64..2_000_000,
            initial_share_percent in proptest::option::of(1i64..100),
            initial_offset_days in 0u64..30,
            first_offset_days in 0u64..60,
            tolerance_days in 0u32..=ARRANGEMENT_TOLERANCE_DAYS_MAX,
            rent_pence in 0i64..30_000,
            rent_weekday_offset in 0u64..7,
            agreed_offset_days in 0u64..3_000,
            days_checked in 1u64..500,
        ) {
            let money = crate::money::money_from_pence;
            let agreed_on = date(2020, 1, 1) + Days::new(agreed_offset_days);
            let first_instalment_on = agreed_on + Days::new(first_offset_days);
            let initial_payment = initial_share_percent
                .filter(|_| frequency != InstalmentFrequency::OneOff)
                .map(|percent| InitialPayment {
                    amount: money((starting_pence * percent / 100).max(1)),
                    due_on: agreed_on + Days::new(initial_offset_days.min(first_offset_days)),
                })
                .filter(|initial| initial.amount < money(starting_pence));
            let terms = ArrangementTerms {
                kind: ArrangementKind::CourtOrdered,
                frequency,
                instalment: money(instalment_pence),
                first_instalment_on,
                initial_payment: initial_payment.clone(),
                starting_balance: money(starting_pence),
                agreed_on,
                tolerance_days,
            };
            let arrangement = arrangement(terms);
            let last_day = agreed_on + Days::new(days_checked);
            let instalment_dates = arrangement.instalment_dates_through(last_day);
            let mut balance = money(starting_pence);
            let mut day = agreed_on;
            while day <= last_day {
                if (day - agreed_on).num_days() % 7 == rent_weekday_offset as i64 {
                    balance += money(rent_pence);
                    balance -= money(rent_pence);
                }
                if let Some(initial) = initial_payment.as_ref().filter(|initial| initial.due_on == day) {
                    balance -= initial.amount;
                }
                if instalment_dates.contains(&day) {
                    balance -= money(instalment_pence);
                }
                let result = check_arrangement(&arrangement, balance, day);
                prop_assert_ne!(result.state, ArrangementState::Breached, "{}: {}", day, result.explanation);
                day = day + Days::new(1);
            }
        }
    }
}
