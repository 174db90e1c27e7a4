//! Pounds as text ↔ integer pence, exactly: no float ever holds an amount, so `0.10` and
//! `0.20` are 10 and 20 pence and add to 30, not 30.000000000000004.

/// The largest amount, in pounds, a file may state: far above any rent account, and small
/// enough that a sum of a million of them still fits an `i64` of pence.
pub const POUNDS_MAX: i64 = 1_000_000_000;

/// Pence from pounds written as `123`, `123.4` or `123.45`, with an optional leading `-`.
/// No currency sign, no thousands separators, at most two decimal places: an HMS extract
/// that rounds differently should fail loudly rather than be guessed at.
pub fn parse_pounds(text: &str) -> Result<i64, String> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (digits, ""),
    };
    let is_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if whole.is_empty() || !is_digits(whole) || !is_digits(fraction) {
        return Err(format!(
            "\"{text}\" is not an amount in pounds (write it like 123.45)"
        ));
    }
    if digits.contains('.') && fraction.is_empty() {
        return Err(format!(
            "\"{text}\" ends with a decimal point (write it like 123.45)"
        ));
    }
    if fraction.len() > 2 {
        return Err(format!(
            "\"{text}\" has more than two decimal places (pence are the smallest unit)"
        ));
    }
    // Leading zeros are stripped first so the length check is about the value, not padding.
    let whole = whole.trim_start_matches('0');
    if whole.len() > 10 {
        return Err(format!("\"{text}\" is more than £{POUNDS_MAX}"));
    }
    let pounds: i64 = if whole.is_empty() {
        0
    } else {
        whole
            .parse()
            .map_err(|_| format!("\"{text}\" is not an amount in pounds"))?
    };
    // "5" after the point is fifty pence, not five.
    let pence_part: i64 = match fraction.len() {
        0 => 0,
        1 => i64::from(fraction.as_bytes()[0] - b'0') * 10,
        _ => {
            i64::from(fraction.as_bytes()[0] - b'0') * 10 + i64::from(fraction.as_bytes()[1] - b'0')
        }
    };
    let pence = pounds * 100 + pence_part;
    if pence > POUNDS_MAX * 100 {
        return Err(format!("\"{text}\" is more than £{POUNDS_MAX}"));
    }
    Ok(if negative { -pence } else { pence })
}

/// Pence from an amount a device wrote (a decimal's own text, which may carry trailing zeros
/// such as `12.500`). Zeros past the pence are dropped; any other third decimal is refused.
pub fn parse_device_pounds(text: &str) -> Result<i64, String> {
    let text = text.trim();
    match text.split_once('.') {
        Some((whole, fraction)) if fraction.len() > 2 => {
            let (pence, beyond) = fraction.split_at(2);
            if beyond.bytes().all(|byte| byte == b'0') {
                parse_pounds(&format!("{whole}.{pence}"))
            } else {
                parse_pounds(text)
            }
        }
        _ => parse_pounds(text),
    }
}

/// `-12.05` for -1205: pounds with exactly two decimals, the form the HMS reads back.
pub fn pounds_text(pence: i64) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let magnitude = pence.unsigned_abs();
    format!("{sign}{}.{:02}", magnitude / 100, magnitude % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Result<i64, ()>) {
        assert_eq!(parse_pounds(text).map_err(|_| ()), expected, "{text}");
    }

    #[test]
    fn parses_pounds_exactly() {
        //    text            expected
        check("0.1", Ok(10));
        check("0.2", Ok(20));
        check("0.10", Ok(10));
        check("0.01", Ok(1));
        check("123.45", Ok(12_345));
        check("-123.45", Ok(-12_345));
        check("  7 ", Ok(700));
        check("007.50", Ok(750));
        check("1000000000", Ok(100_000_000_000));
        check("1000000000.01", Err(()));
        check("0.001", Err(()));
        check("1.", Err(()));
        check(".5", Err(()));
        check("", Err(()));
        check("-", Err(()));
        check("£5", Err(()));
        check("1,000", Err(()));
        check("1e3", Err(()));
        check("+5", Err(()));
        check("--5", Err(()));
        check("99999999999999999999", Err(()));
    }

    #[test]
    fn device_amounts_may_carry_trailing_zeros() {
        assert_eq!(parse_device_pounds("12.500"), Ok(1250));
        assert_eq!(parse_device_pounds("12.5"), Ok(1250));
        assert!(parse_device_pounds("12.501").is_err());
    }

    #[test]
    fn writes_pounds_with_two_decimals() {
        assert_eq!(pounds_text(0), "0.00");
        assert_eq!(pounds_text(5), "0.05");
        assert_eq!(pounds_text(-5), "-0.05");
        assert_eq!(pounds_text(12_345), "123.45");
        assert_eq!(pounds_text(i64::MIN), "-92233720368547758.08");
    }

    proptest::proptest! {
        #[test]
        fn pounds_text_parses_back(pence in -100_000_000_000i64..=100_000_000_000) {
            proptest::prop_assert_eq!(parse_pounds(&pounds_text(pence)), Ok(pence));
        }
    }
}
