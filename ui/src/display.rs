//! What figures, dates and counts look like on screen.
//!
//! Pure functions, built for the host too, so their tests run with `cargo test -p doorstep-ui`
//! without a browser. Money is formatted only by `doorstep_domain::arrears::format_money`, so the
//! screen, the receipts and the end-to-end test agree to the penny and the comma.

use chrono::NaiveDate;
use doorstep_api::FigureView;
use doorstep_domain::arrears::format_money;
use rust_decimal::Decimal;

/// "06 Apr 2026": unambiguous for a UK reader and the same width on every row.
pub fn date_text(date: NaiveDate) -> String {
    date.format("%d %b %Y").to_string()
}

/// "3 March 2027": how court papers write a date, so the court file reads like them.
pub fn date_long_text(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// "1 page", "12 pages".
pub fn pages_text(pages_count: u32) -> String {
    let noun = if pages_count == 1 { "page" } else { "pages" };
    format!("{pages_count} {noun}")
}

/// "2026-04-06": the value an `<input type="date">` holds.
pub fn date_input_value(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Reads an `<input type="date">`; `None` when it is empty or half typed.
pub fn parse_date_input(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

/// Pence are the smallest unit a rent account or a DWP award is kept in.
pub const MONEY_DECIMAL_PLACES_MAX: u32 = 2;

/// Reads an amount in pounds as typed ("40", "40.5", "£1,250.00"); `None` when it is not a
/// valid amount: blank, not a number, negative, or finer than a penny. Nothing is rounded: a
/// figure the officer mistyped goes back to them rather than into a request to the DWP.
pub fn parse_money_input(value: &str) -> Option<Decimal> {
    let trimmed = value.trim();
    let without_pound = trimmed.strip_prefix('£').unwrap_or(trimmed).trim_start();
    // Thousands separators only between digits: "1,250.00", never ",5" or "5,".
    if without_pound.starts_with(',') || without_pound.ends_with(',') {
        return None;
    }
    let digits: String = without_pound.chars().filter(|c| *c != ',').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let amount = digits.parse::<Decimal>().ok()?;
    (amount.scale() <= MONEY_DECIMAL_PLACES_MAX).then_some(amount)
}

/// Whether the tenant owes money, owes nothing, or has paid ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BalanceState {
    Arrears,
    Clear,
    Credit,
}

/// Positive is arrears, negative is credit (the sign convention of `doorstep_api`).
pub fn balance_state(balance: Decimal) -> BalanceState {
    if balance > Decimal::ZERO {
        BalanceState::Arrears
    } else if balance < Decimal::ZERO {
        BalanceState::Credit
    } else {
        BalanceState::Clear
    }
}

impl BalanceState {
    /// Words, so the state never rests on colour alone (WCAG 1.4.1).
    pub fn label(self) -> &'static str {
        match self {
            BalanceState::Arrears => "in arrears",
            BalanceState::Clear => "clear",
            BalanceState::Credit => "in credit",
        }
    }

    /// The class style.css uses to set arrears apart from credit.
    pub fn class(self) -> &'static str {
        match self {
            BalanceState::Arrears => "balance-arrears",
            BalanceState::Clear => "balance-clear",
            BalanceState::Credit => "balance-credit",
        }
    }
}

/// Exactly `format_money`: the account page's balance is compared with the core's figure.
pub fn money_text(amount: Decimal) -> String {
    format_money(amount)
}

/// The figure as the core gives it ("12.5", "38.0"): the core decides the precision, and
/// a column of figures with one decimal place each reads more easily than mixed ones.
pub fn weeks_figure_text(weeks: Decimal) -> String {
    weeks.to_string()
}

/// "12.5 weeks of rent", "1 week of rent".
pub fn arrears_weeks_text(weeks: Decimal) -> String {
    let unit = if weeks.normalize() == Decimal::ONE {
        "week"
    } else {
        "weeks"
    };
    format!("{} {unit} of rent", weeks_figure_text(weeks))
}

/// "37 of 412 accounts": how far the search has narrowed the caseload.
pub fn result_count_text(matching_count: usize, caseload_count: usize) -> String {
    format!("{matching_count} of {}", accounts_text(caseload_count))
}

/// "1,800": a count with thousands separators, as people write them.
pub fn count_text(count: u64) -> String {
    let digits = count.to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        // A comma before every group of three digits counted from the right, never first.
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

/// "412 accounts", "1 account".
pub fn accounts_text(accounts_count: usize) -> String {
    let noun = if accounts_count == 1 {
        "account"
    } else {
        "accounts"
    };
    format!("{accounts_count} {noun}")
}

/// "Monday 16 November 2026": a week's ends written out, so nobody wonders which week.
pub fn day_long_text(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

/// An indicator's figure as the core's own text reports write it: "3.2%" (the core has
/// already rounded), "—" when there was nothing to divide by, money as money, a count as is.
pub fn figure_text(figure: &FigureView) -> String {
    match figure {
        FigureView::Percent {
            percent: Some(percent),
        } => format!("{percent}%"),
        FigureView::Percent { percent: None } => "—".to_string(),
        FigureView::Money { amount } => money_text(*amount),
        FigureView::Count { count } => count.to_string(),
    }
}

/// How the patch's arrears moved over a week, in words: a bare "-£20.00" is easy to misread.
pub fn arrears_movement_text(movement: Decimal) -> String {
    match balance_state(movement) {
        BalanceState::Arrears => format!("Arrears rose by {}", money_text(movement)),
        BalanceState::Credit => format!("Arrears fell by {}", money_text(-movement)),
        BalanceState::Clear => "Arrears did not change".to_string(),
    }
}

/// One account's movement over the week: "+£60.00" owes more, "-£60.00" owes less.
pub fn signed_money_text(amount: Decimal) -> String {
    if amount > Decimal::ZERO {
        format!("+{}", money_text(amount))
    } else {
        money_text(amount)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn decimal(text: &str) -> Decimal {
        Decimal::from_str(text).expect("test figures are valid decimals")
    }

    #[test]
    fn dates_read_day_month_year() {
        fn check(year: i32, month: u32, day: u32, expected: &str) {
            let date = NaiveDate::from_ymd_opt(year, month, day).expect("valid test date");
            assert_eq!(date_text(date), expected);
        }
        check(2026, 4, 6, "06 Apr 2026");
        check(2025, 12, 31, "31 Dec 2025");
    }

    #[test]
    fn long_dates_read_as_court_papers_write_them() {
        fn check(year: i32, month: u32, day: u32, expected: &str) {
            let date = NaiveDate::from_ymd_opt(year, month, day).expect("valid test date");
            assert_eq!(date_long_text(date), expected);
        }
        check(2027, 3, 3, "3 March 2027");
        check(2026, 12, 21, "21 December 2026");
    }

    #[test]
    fn counts_have_thousands_separators() {
        fn check(count: u64, expected: &str) {
            assert_eq!(count_text(count), expected);
        }
        check(0, "0");
        check(999, "999");
        check(1_000, "1,000");
        check(1_800, "1,800");
        check(123_456, "123,456");
        check(1_234_567, "1,234,567");
    }

    #[test]
    fn pages_read_as_words() {
        assert_eq!(pages_text(1), "1 page");
        assert_eq!(pages_text(12), "12 pages");
    }

    #[test]
    fn date_inputs_round_trip() {
        let date = NaiveDate::from_ymd_opt(2026, 4, 6).expect("valid test date");
        assert_eq!(date_input_value(date), "2026-04-06");
        assert_eq!(parse_date_input("2026-04-06"), Some(date));
        assert_eq!(parse_date_input(""), None);
        assert_eq!(parse_date_input("2026-04"), None);
    }

    #[test]
    fn money_inputs_are_whole_pence_or_refused() {
        fn check(typed: &str, expected: Option<&str>) {
            assert_eq!(parse_money_input(typed), expected.map(decimal), "{typed:?}");
        }
        check("40", Some("40"));
        check(" 40.50 ", Some("40.50"));
        check("£1,250.00", Some("1250.00"));
        check("0", Some("0"));
        check("", None);
        check("£", None);
        check("12.345", None);
        check("-5", None);
        check("+5", None);
        check("1e3", None);
        check("forty", None);
        check("1.2.3", None);
        check(",5", None);
    }

    #[test]
    fn balance_state_follows_the_sign() {
        fn check(balance: &str, expected: BalanceState) {
            assert_eq!(balance_state(decimal(balance)), expected, "{balance}");
        }
        check("1234.56", BalanceState::Arrears);
        check("0.01", BalanceState::Arrears);
        check("0.00", BalanceState::Clear);
        check("-0.01", BalanceState::Credit);
    }

    #[test]
    fn arrears_weeks_read_as_words() {
        fn check(weeks: &str, expected: &str) {
            assert_eq!(arrears_weeks_text(decimal(weeks)), expected);
        }
        check("12.5", "12.5 weeks of rent");
        check("38.0", "38.0 weeks of rent");
        check("1.0", "1.0 week of rent");
        check("0.0", "0.0 weeks of rent");
    }

    #[test]
    fn counts_read_as_words() {
        assert_eq!(result_count_text(37, 412), "37 of 412 accounts");
        assert_eq!(result_count_text(0, 1), "0 of 1 account");
        assert_eq!(accounts_text(0), "0 accounts");
    }
    #[test]
    fn indicator_figures_read_as_the_core_writes_them() {
        fn check(figure: FigureView, expected: &str) {
            assert_eq!(figure_text(&figure), expected);
        }
        check(
            FigureView::Percent {
                percent: Some(decimal("3.2")),
            },
            "3.2%",
        );
        check(FigureView::Percent { percent: None }, "—");
        check(
            FigureView::Money {
                amount: decimal("12345.6"),
            },
            "£12,345.60",
        );
        check(FigureView::Count { count: 7 }, "7");
    }

    #[test]
    fn movements_read_as_words() {
        assert_eq!(
            arrears_movement_text(decimal("50")),
            "Arrears rose by £50.00"
        );
        assert_eq!(
            arrears_movement_text(decimal("-20.5")),
            "Arrears fell by £20.50"
        );
        assert_eq!(
            arrears_movement_text(decimal("0.00")),
            "Arrears did not change"
        );
        assert_eq!(signed_money_text(decimal("60")), "+£60.00");
        assert_eq!(signed_money_text(decimal("-60")), "-£60.00");
        assert_eq!(signed_money_text(decimal("0")), "£0.00");
    }

    #[test]
    fn week_ends_are_written_out() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 16).expect("valid test date");
        assert_eq!(day_long_text(date), "Monday 16 November 2026");
    }
}
