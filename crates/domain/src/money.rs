//! Money: pounds as `Decimal` with two decimal places.
//!
//! Floats cannot hold 0.10 exactly, and a rent account that is a penny out is a complaint, so
//! every amount is a `Decimal`. The store keeps integer pence; these functions are the only
//! bridge between the two, and they refuse (rather than round) an amount with a fraction of a
//! penny, because silently rounding a posted amount would change the ledger.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// Pounds are kept to the penny.
pub const MONEY_DECIMAL_PLACES: u32 = 2;

/// The one rounding rule for money. A bare `round_dp` rounds half to even (banker's rounding),
/// which surprises officers and tenants checking a letter by hand, so the strategy is named.
pub const MONEY_ROUNDING: RoundingStrategy = RoundingStrategy::MidpointAwayFromZero;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("{amount} has a fraction of a penny; amounts are kept to 2 decimal places")]
    FractionOfPenny { amount: Decimal },
    #[error("{amount} is too large to store as pence")]
    OutOfRange { amount: Decimal },
}

/// 1234 pence is £12.34. Every `i64` fits in a `Decimal`'s 96-bit mantissa, so this cannot fail.
pub fn money_from_pence(pence: i64) -> Decimal {
    Decimal::new(pence, MONEY_DECIMAL_PLACES)
}

/// £12.34 is 1234 pence. An amount with more than two significant decimal places is an error,
/// not rounded: the caller must round on purpose with `round_money` first.
pub fn money_to_pence(amount: Decimal) -> Result<i64, MoneyError> {
    // Equality on `Decimal` ignores scale, so 12.340 is accepted but 12.345 is not.
    if amount.round_dp_with_strategy(MONEY_DECIMAL_PLACES, RoundingStrategy::ToZero) != amount {
        return Err(MoneyError::FractionOfPenny { amount });
    }
    let pence = amount
        .checked_mul(Decimal::ONE_HUNDRED)
        .ok_or(MoneyError::OutOfRange { amount })?;
    pence.to_i64().ok_or(MoneyError::OutOfRange { amount })
}

/// Rounds to the penny with the named rule, half away from zero (£0.005 becomes £0.01).
pub fn round_money(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(MONEY_DECIMAL_PLACES, MONEY_ROUNDING)
}

/// "£1,234.56", and "-£5.00" for a negative amount, as officers read it out. Rounds to the
/// penny first with the named rule, so it is safe on an unrounded intermediate.
pub fn format_money(amount: Decimal) -> String {
    let rounded = round_money(amount);
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    // `{:.2}` pads 5 to 5.00; the digits before the point get thousands separators by hand
    // because `Decimal` has no locale formatting.
    let digits = format!("{:.2}", rounded.abs());
    let (whole, pence) = digits.split_once('.').unwrap_or((digits.as_str(), "00"));
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{sign}£{grouped}.{pence}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).expect("test literal")
    }

    #[test]
    fn pence_conversions() {
        fn check(pence: i64, pounds: &str) {
            assert_eq!(money_from_pence(pence), dec(pounds), "from {pence}");
            assert_eq!(money_to_pence(dec(pounds)), Ok(pence), "to {pounds}");
        }
        check(1234, "12.34");
        check(0, "0");
        check(-500, "-5.00");
        check(1, "0.01");
        check(10, "0.1");
        check(100_000, "1000");
    }

    #[test]
    fn to_pence_errors() {
        fn check(pounds: &str, expected: MoneyError) {
            assert_eq!(money_to_pence(dec(pounds)), Err(expected));
        }
        check(
            "12.345",
            MoneyError::FractionOfPenny {
                amount: dec("12.345"),
            },
        );
        check(
            "-0.001",
            MoneyError::FractionOfPenny {
                amount: dec("-0.001"),
            },
        );
        // 10^20 pounds is 10^22 pence, beyond i64 (about 9.2 * 10^18).
        check(
            "100000000000000000000",
            MoneyError::OutOfRange {
                amount: dec("100000000000000000000"),
            },
        );
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        fn check(input: &str, expected: &str) {
            assert_eq!(round_money(dec(input)), dec(expected), "{input}");
        }
        check("0.005", "0.01"); // half to even would give 0.00
        check("0.015", "0.02");
        check("0.025", "0.03"); // half to even would give 0.02
        check("-0.025", "-0.03");
        check("1.234", "1.23");
        check("98.50", "98.50");
    }

    #[test]
    fn formatting() {
        fn check(input: &str, expected: &str) {
            assert_eq!(format_money(dec(input)), expected, "{input}");
        }
        check("1234.56", "£1,234.56");
        check("-5", "-£5.00");
        check("0", "£0.00");
        check("-0.001", "£0.00"); // rounds to zero: no "-£0.00"
        check("999.999", "£1,000.00");
        check("1234567.8", "£1,234,567.80");
        check("12.3", "£12.30");
        check("100", "£100.00");
        check("100000", "£100,000.00");
    }

    proptest! {
        #[test]
        fn pence_roundtrip(pence in any::<i64>()) {
            prop_assert_eq!(money_to_pence(money_from_pence(pence)), Ok(pence));
        }
    }
}
