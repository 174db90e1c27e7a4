//! UK bank details: a sort code, an account number, and Vocalink's modulus check of the pair.
//!
//! A tenant paying by Direct Debit, or owed a refund, gives the officer a sort code and an
//! account number, often over the phone. The modulus check catches most mistyped or misheard
//! digits before a payment is returned days later. It follows Vocalink's "Validating account
//! numbers: UK modulus checking" (section numbers below are those of its v6.40 text); the
//! weight table and the sorting code substitution table are Vocalink's own files, embedded from
//! `data/vocalink/` (see the README there for where they came from and how to update them), and
//! parsed once at first use.
//!
//! A pass means the number is possible at that sort code, not that the account exists (spec
//! 1.2, note), so the result always goes to the officer as a sentence to act on, never as a
//! silent block. An account number is personal data: its `Debug` is masked so bank details do
//! not end up in logs; a sort code names a bank branch, not a person, so it is shown whole.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The Vocalink release the embedded weight table belongs to, for the UI's
/// "Vocalink table v8.50".
pub const VOCALINK_TABLE_VERSION: &str = "8.50";

/// The day Vocalink's release `VOCALINK_TABLE_VERSION` came into force.
pub const VOCALINK_TABLE_VALID_FROM: &str = "2025-06-23";

const WEIGHT_TABLE_TEXT: &str = include_str!("../data/vocalink/valacdos-v8.50.txt");
const SUBSTITUTION_TABLE_TEXT: &str = include_str!("../data/vocalink/scsubtab-v8.50.txt");

/// v8.50 has 1,151 rows; room for years of growth, and a bound on the parse loop.
const WEIGHT_TABLE_ROWS_MAX: usize = 10_000;

/// v8.50 has 21 rows, unchanged since 2005.
const SUBSTITUTION_TABLE_ROWS_MAX: usize = 1_000;

/// The most text a parser looks at. "12 - 34 - 56" or "01-23456789" fit many times over; a
/// pasted paragraph is refused before any loop over it.
pub const BANK_DETAILS_TEXT_CHARS_MAX: usize = 32;

pub const SORT_CODE_DIGITS_COUNT: usize = 6;
pub const ACCOUNT_NUMBER_DIGITS_COUNT: usize = 8;

/// A modulus check runs over the sort code then the account number: u v w x y z a b c d e f g h
/// (spec 1.3, "Notation").
const CHECK_DIGITS_COUNT: usize = SORT_CODE_DIGITS_COUNT + ACCOUNT_NUMBER_DIGITS_COUNT;
const _: () = assert!(CHECK_DIGITS_COUNT == 14);

/// "There may be one or two entries in the table for the sorting code" (spec 2.2.1, step 1). The
/// test `weight_table_has_at_most_two_rows_per_sort_code` proves it of the shipped table.
const CHECKS_PER_SORT_CODE_MAX: usize = 2;

/// How many digits of an account number `masked` shows: enough for the tenant to recognise
/// their account, too few to pay from it or to find it.
pub const ACCOUNT_NUMBER_DIGITS_SHOWN_MAX: usize = 4;

// Positions in the 14 check digits, named as the spec names them.
const POSITION_A: usize = 6;
const POSITION_B: usize = 7;
const POSITION_C: usize = 8;
const POSITION_G: usize = 12;
const POSITION_H: usize = 13;

/// Exception 2: the weights when a <> 0 and g <> 9 (spec 2.2.2).
const EXCEPTION_2_WEIGHTS_G_NOT_9: [i32; CHECK_DIGITS_COUNT] =
    [0, 0, 1, 2, 5, 3, 6, 4, 8, 7, 10, 9, 3, 1];

/// Exception 2: the weights when a <> 0 and g = 9 (spec 2.2.2).
const EXCEPTION_2_WEIGHTS_G_9: [i32; CHECK_DIGITS_COUNT] =
    [0, 0, 0, 0, 0, 0, 0, 0, 8, 7, 10, 9, 3, 1];

/// Exception 8 checks as if the sort code were 090126 (spec 2.2.2). For 086090, the only sort
/// code with exception 8 in table v8.50, both sort codes total 27 under that row's weights, so
/// no account number tells the two apart; the substitution is kept because the spec says so and
/// a later table may give exception 8 to other sort codes.
const EXCEPTION_8_SORT_CODE: [u8; SORT_CODE_DIGITS_COUNT] = [0, 9, 0, 1, 2, 6];

/// Exception 9: all Lloyds euro accounts are held at 30-96-34, whatever sort code the customer
/// quotes (spec 2.2.2, "Exception 2 and 9").
const EXCEPTION_9_SORT_CODE: [u8; SORT_CODE_DIGITS_COUNT] = [3, 0, 9, 6, 3, 4];

/// Exception 1 "effectively places a financial institution number (580149) before the sorting
/// code and account number", which adds 27 to the double alternate total (spec 2.2.2).
const EXCEPTION_1_TOTAL_ADDED: i32 = 27;

// ---------------------------------------------------------------------------------------------
// Errors

/// Which of the two fields a parse error is about, so the UI can put the message beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BankDetailsField {
    SortCode,
    AccountNumber,
}

impl fmt::Display for BankDetailsField {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            BankDetailsField::SortCode => "sort code",
            BankDetailsField::AccountNumber => "account number",
        })
    }
}

/// What is wrong with typed bank details. No message repeats the account number: errors are
/// logged, and bank details must not be.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BankDetailsError {
    #[error("the {field} is empty")]
    Empty { field: BankDetailsField },
    #[error("the {field} is longer than {chars_max} characters")]
    TooLong {
        field: BankDetailsField,
        chars_max: usize,
    },
    #[error("the {field} may have only digits, spaces and dashes, not '{character}'")]
    Character {
        field: BankDetailsField,
        character: char,
    },
    #[error("a sort code has 6 digits; this one has {digits_count}")]
    SortCodeDigitsCount { digits_count: usize },
    #[error(
        "a UK account number has 6 to 8 digits (or 10 at some banks); this one has {digits_count}"
    )]
    AccountNumberDigitsCount { digits_count: usize },
    #[error("a 9-digit account number is Santander's (formerly Alliance & Leicester Commercial Bank) and changes the sort code too; use the Santander rule, or for another bank ask the tenant for the 8-digit number")]
    AccountNumberNineDigits,
    #[error("a 10-digit account number is shortened by a rule that depends on the bank (NatWest: the last 8 digits; Co-operative Bank or Leeds Building Society: the first 8); choose the bank")]
    AccountNumberTenDigits,
    #[error("the Santander rule is for 9-digit account numbers; this one has {digits_count}")]
    SantanderRuleNeedsNineDigits { digits_count: usize },
    #[error("the {bank} rule is for 10-digit account numbers; this one has {digits_count}")]
    TenDigitRuleNeedsTenDigits {
        bank: TenDigitAccountBank,
        digits_count: usize,
    },
}

/// The digits of typed text, with the spaces and dashes people type between groups dropped.
fn digits_from_text(text: &str, field: BankDetailsField) -> Result<Vec<u8>, BankDetailsError> {
    let text = text.trim();
    // Look at most one character past the limit, so a huge paste costs no more than a short one.
    if text.chars().nth(BANK_DETAILS_TEXT_CHARS_MAX).is_some() {
        return Err(BankDetailsError::TooLong {
            field,
            chars_max: BANK_DETAILS_TEXT_CHARS_MAX,
        });
    }
    let mut digits = Vec::with_capacity(BANK_DETAILS_TEXT_CHARS_MAX);
    for character in text.chars() {
        match character {
            '0'..='9' => digits.push(character as u8 - b'0'),
            ' ' | '-' => {}
            _ => return Err(BankDetailsError::Character { field, character }),
        }
    }
    if digits.is_empty() {
        return Err(BankDetailsError::Empty { field });
    }
    Ok(digits)
}

fn digits_to_text(digits: &[u8]) -> String {
    digits
        .iter()
        .map(|digit| char::from(b'0' + digit))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Sort code

/// Six digits. Shown as "12-34-56"; serialised as "123456".
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SortCode {
    digits: [u8; SORT_CODE_DIGITS_COUNT],
}

impl SortCode {
    /// Reads "12-34-56", "123456" or "12 34 56" (any spaces or dashes between digits).
    pub fn parse(text: &str) -> Result<SortCode, BankDetailsError> {
        let digits = digits_from_text(text, BankDetailsField::SortCode)?;
        let digits: [u8; SORT_CODE_DIGITS_COUNT] =
            digits
                .as_slice()
                .try_into()
                .map_err(|_| BankDetailsError::SortCodeDigitsCount {
                    digits_count: digits.len(),
                })?;
        Ok(SortCode { digits })
    }

    /// "123456", as Bacs and the store keep it.
    pub fn digits_text(&self) -> String {
        digits_to_text(&self.digits)
    }

    /// The sort code as a number, for range look-ups in the weight table.
    fn number(&self) -> u32 {
        self.digits
            .iter()
            .fold(0, |number, digit| number * 10 + u32::from(*digit))
    }
}

impl fmt::Display for SortCode {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [u, v, w, x, y, z] = self.digits;
        write!(formatter, "{u}{v}-{w}{x}-{y}{z}")
    }
}

impl fmt::Debug for SortCode {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "SortCode({self})")
    }
}

impl FromStr for SortCode {
    type Err = BankDetailsError;
    fn from_str(text: &str) -> Result<SortCode, BankDetailsError> {
        SortCode::parse(text)
    }
}

impl TryFrom<String> for SortCode {
    type Error = BankDetailsError;
    fn try_from(text: String) -> Result<SortCode, BankDetailsError> {
        SortCode::parse(&text)
    }
}

impl From<SortCode> for String {
    fn from(sort_code: SortCode) -> String {
        sort_code.digits_text()
    }
}

// ---------------------------------------------------------------------------------------------
// Account number

/// The banks whose 10-digit account numbers the spec standardises (spec 2.1.2, "Ten digit
/// account numbers"). Which rule applies depends on the bank, not on the digits, so the officer
/// must say which bank it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TenDigitAccountBank {
    /// National Westminster Bank plc: the last eight digits.
    NationalWestminster,
    /// Co-Operative Bank plc: the first eight digits.
    CooperativeBank,
    /// Leeds Building Society: the first eight digits.
    LeedsBuildingSociety,
}

impl fmt::Display for TenDigitAccountBank {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            TenDigitAccountBank::NationalWestminster => "National Westminster Bank",
            TenDigitAccountBank::CooperativeBank => "Co-operative Bank",
            TenDigitAccountBank::LeedsBuildingSociety => "Leeds Building Society",
        })
    }
}

/// Eight digits, as Bacs and the modulus check use them. `Debug` shows only the last four
/// digits; `digits_text` (and serde, for the store and the payment file) give all eight.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UkAccountNumber {
    digits: [u8; ACCOUNT_NUMBER_DIGITS_COUNT],
}

impl UkAccountNumber {
    /// Reads 6, 7 or 8 digits, with any spaces or dashes. A 6- or 7-digit number is prefixed with
    /// zeros (spec 2.1.2, "Seven digit" and "Six digit account numbers"). 9 and 10 digits are
    /// refused: their rule depends on the bank, see `parse_ten_digit` and
    /// `standardise_santander_nine_digit`.
    pub fn parse(text: &str) -> Result<UkAccountNumber, BankDetailsError> {
        let digits = digits_from_text(text, BankDetailsField::AccountNumber)?;
        match digits.len() {
            6..=8 => Ok(UkAccountNumber::from_right_aligned(&digits)),
            9 => Err(BankDetailsError::AccountNumberNineDigits),
            10 => Err(BankDetailsError::AccountNumberTenDigits),
            digits_count => Err(BankDetailsError::AccountNumberDigitsCount { digits_count }),
        }
    }

    /// Standardises a 10-digit account number by its bank's rule (spec 2.1.2). A dash between
    /// NatWest's second and third digits is ignored like any other.
    pub fn parse_ten_digit(
        text: &str,
        bank: TenDigitAccountBank,
    ) -> Result<UkAccountNumber, BankDetailsError> {
        let digits = digits_from_text(text, BankDetailsField::AccountNumber)?;
        if digits.len() != 10 {
            return Err(BankDetailsError::TenDigitRuleNeedsTenDigits {
                bank,
                digits_count: digits.len(),
            });
        }
        let kept = match bank {
            TenDigitAccountBank::NationalWestminster => &digits[2..],
            TenDigitAccountBank::CooperativeBank | TenDigitAccountBank::LeedsBuildingSociety => {
                &digits[..ACCOUNT_NUMBER_DIGITS_COUNT]
            }
        };
        Ok(UkAccountNumber::from_right_aligned(kept))
    }

    /// Right-aligns up to 8 digits, filling the left with zeros.
    fn from_right_aligned(digits: &[u8]) -> UkAccountNumber {
        assert!(digits.len() <= ACCOUNT_NUMBER_DIGITS_COUNT);
        let mut padded = [0; ACCOUNT_NUMBER_DIGITS_COUNT];
        padded[ACCOUNT_NUMBER_DIGITS_COUNT - digits.len()..].copy_from_slice(digits);
        UkAccountNumber { digits: padded }
    }

    /// All eight digits, "12345678": for the store and the payment file, never for a log.
    pub fn digits_text(&self) -> String {
        digits_to_text(&self.digits)
    }

    /// "****5678": enough for the tenant to recognise the account on a screen or a letter.
    pub fn masked(&self) -> String {
        let shown = &self.digits[ACCOUNT_NUMBER_DIGITS_COUNT - ACCOUNT_NUMBER_DIGITS_SHOWN_MAX..];
        let hidden = "*".repeat(ACCOUNT_NUMBER_DIGITS_COUNT - ACCOUNT_NUMBER_DIGITS_SHOWN_MAX);
        format!("{hidden}{}", digits_to_text(shown))
    }
}

/// Masked: a `{:?}` in a log line or a panic message must not leak bank details.
impl fmt::Debug for UkAccountNumber {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "UkAccountNumber({})", self.masked())
    }
}

impl FromStr for UkAccountNumber {
    type Err = BankDetailsError;
    fn from_str(text: &str) -> Result<UkAccountNumber, BankDetailsError> {
        UkAccountNumber::parse(text)
    }
}

impl TryFrom<String> for UkAccountNumber {
    type Error = BankDetailsError;
    fn try_from(text: String) -> Result<UkAccountNumber, BankDetailsError> {
        UkAccountNumber::parse(&text)
    }
}

impl From<UkAccountNumber> for String {
    fn from(account_number: UkAccountNumber) -> String {
        account_number.digits_text()
    }
}

/// A sort code and account number as Bacs uses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UkBankDetails {
    pub sort_code: SortCode,
    pub account_number: UkAccountNumber,
}

/// Santander's 9-digit account numbers (formerly Alliance & Leicester Commercial Bank): "replace
/// the last digit of the sorting code with the first digit of the account number, then use the
/// last eight digits of the account number only" (spec 2.1.2, "Nine digit account numbers").
pub fn standardise_santander_nine_digit(
    sort_code: &SortCode,
    account_text: &str,
) -> Result<UkBankDetails, BankDetailsError> {
    let digits = digits_from_text(account_text, BankDetailsField::AccountNumber)?;
    if digits.len() != 9 {
        return Err(BankDetailsError::SantanderRuleNeedsNineDigits {
            digits_count: digits.len(),
        });
    }
    let mut sort_code_digits = sort_code.digits;
    sort_code_digits[SORT_CODE_DIGITS_COUNT - 1] = digits[0];
    Ok(UkBankDetails {
        sort_code: SortCode {
            digits: sort_code_digits,
        },
        account_number: UkAccountNumber::from_right_aligned(&digits[1..]),
    })
}

// ---------------------------------------------------------------------------------------------
// The outcome

/// Why an account number could not be checked. Vocalink's rule is to presume such details valid
/// (spec 2.2.1 step 1; exception 6), but the officer is told so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotCheckedReason {
    /// No range in the weight table holds the sort code, so "there is no modulus check that can
    /// be performed" (spec 2.2.1).
    SortCodeNotInTable,
    /// Exception 6: a = 4 to 8 and g = h marks a foreign currency account, which "cannot be
    /// checked" (spec 2.2.2).
    ForeignCurrencyAccount,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "outcome", content = "reason", rename_all = "snake_case")]
pub enum ModulusOutcome {
    /// The account number is possible at the sort code (not proof that the account exists).
    Valid,
    /// The pair fails the check: a digit is almost certainly wrong.
    Invalid,
    /// Not checked, and so presumed valid by Vocalink's rules.
    NotChecked(NotCheckedReason),
}

impl ModulusOutcome {
    /// Whether Vocalink's rules accept the details: valid, or presumed valid because they cannot
    /// be checked. This is the "Valid flag" of the spec's test cases (chapter 3).
    pub fn is_accepted(&self) -> bool {
        !matches!(self, ModulusOutcome::Invalid)
    }

    /// A sentence for the officer: what the check found and what to do about it.
    pub fn explain(&self) -> String {
        let version = VOCALINK_TABLE_VERSION;
        match self {
            ModulusOutcome::Valid => format!(
                "The account number fits the sort code (Vocalink modulus check, table v{version}). \
                 This shows the number is possible at that sort code, not that the account exists."
            ),
            ModulusOutcome::Invalid => format!(
                "The account number does not match the sort code (Vocalink modulus check, table \
                 v{version}). Check both with the tenant."
            ),
            ModulusOutcome::NotChecked(NotCheckedReason::SortCodeNotInTable) => format!(
                "The sort code has no modulus rule, so the account number cannot be checked and \
                 is taken as valid (Vocalink modulus check, table v{version}). Confirm both \
                 with the tenant."
            ),
            ModulusOutcome::NotChecked(NotCheckedReason::ForeignCurrencyAccount) => format!(
                "This looks like a foreign currency account, which cannot be checked, so it is \
                 taken as valid (Vocalink modulus check, table v{version}). Confirm with the \
                 tenant that it can receive and pay pounds."
            ),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The tables

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CheckMethod {
    /// MOD10: the standard check with a modulus of 10 (spec 1.3.2).
    Standard10,
    /// MOD11: the standard check with a modulus of 11 (spec 1.3.2).
    Standard11,
    /// DBLAL: add the digits of each product, modulus 10 (spec 1.3.1).
    DoubleAlternate,
}

/// One line of the weight table (spec 2.3.2): a range of sort codes, inclusive at both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct WeightRow {
    sort_code_first: u32,
    sort_code_last: u32,
    method: CheckMethod,
    weights: [i32; CHECK_DIGITS_COUNT],
    exception: Option<u8>,
}

#[derive(Debug)]
struct VocalinkTables {
    /// In the file's order: "the first entry in the table for the sorting code should be carried
    /// out first" (spec 2.2.1 step 4).
    weight_rows: Vec<WeightRow>,
    /// (original sort code, substitute) pairs from the substitution table.
    substitutions: Vec<(u32, [u8; SORT_CODE_DIGITS_COUNT])>,
}

/// A line of an embedded table the parser does not understand.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file} line {line_number}: {problem}")]
struct VocalinkTableError {
    file: &'static str,
    line_number: usize,
    problem: String,
}

/// The tables, parsed at first use. The files are compiled in and the test
/// `shipped_tables_parse_fully` parses every line, so a failure here is a programmer's error
/// (a bad file committed), not something a user can cause.
fn vocalink_tables() -> &'static VocalinkTables {
    static TABLES: OnceLock<VocalinkTables> = OnceLock::new();
    TABLES.get_or_init(|| {
        parse_vocalink_tables(WEIGHT_TABLE_TEXT, SUBSTITUTION_TABLE_TEXT)
            .expect("the embedded Vocalink tables parse (test shipped_tables_parse_fully)")
    })
}

fn parse_vocalink_tables(
    weight_table_text: &str,
    substitution_table_text: &str,
) -> Result<VocalinkTables, VocalinkTableError> {
    Ok(VocalinkTables {
        weight_rows: parse_weight_table(weight_table_text)?,
        substitutions: parse_substitution_table(substitution_table_text)?,
    })
}

fn parse_weight_table(text: &str) -> Result<Vec<WeightRow>, VocalinkTableError> {
    let mut rows: Vec<WeightRow> = Vec::new();
    for (line_index, line) in text.lines().enumerate() {
        let error = |problem: String| VocalinkTableError {
            file: "valacdos",
            line_number: line_index + 1,
            problem,
        };
        if line.trim().is_empty() {
            continue;
        }
        if rows.len() == WEIGHT_TABLE_ROWS_MAX {
            return Err(error(format!("more than {WEIGHT_TABLE_ROWS_MAX} rows")));
        }
        let row = parse_weight_row(line).map_err(error)?;
        // The look-up relies on the file's order for which check comes first; a file out of
        // order is a file this parser was not written for.
        if let Some(previous) = rows.last() {
            if row.sort_code_first < previous.sort_code_first {
                return Err(error("rows are not in sort code order".to_string()));
            }
        }
        rows.push(row);
    }
    Ok(rows)
}

/// "Start, end, algorithm, 14 weights, exception where present", separated by spaces (spec
/// 2.3.2). Split on whitespace rather than by column, so a realigned file still parses.
fn parse_weight_row(line: &str) -> Result<WeightRow, String> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    if fields.len() != 17 && fields.len() != 18 {
        return Err(format!("expected 17 or 18 fields, found {}", fields.len()));
    }
    let sort_code_first = parse_table_sort_code(fields[0])?;
    let sort_code_last = parse_table_sort_code(fields[1])?;
    if sort_code_first > sort_code_last {
        return Err(format!(
            "range {} to {} runs backwards",
            fields[0], fields[1]
        ));
    }
    let method = match fields[2] {
        "MOD10" => CheckMethod::Standard10,
        "MOD11" => CheckMethod::Standard11,
        "DBLAL" => CheckMethod::DoubleAlternate,
        other => return Err(format!("unknown check method '{other}'")),
    };
    let mut weights = [0; CHECK_DIGITS_COUNT];
    for (weight, field) in weights.iter_mut().zip(&fields[3..17]) {
        *weight = field
            .parse::<i32>()
            .map_err(|_| format!("weight '{field}' is not a whole number"))?;
        // Three-digit signed integers (spec 2.3.2). The double alternate check adds the
        // digits of each product, which is only defined for products of 0 or more.
        let weight_min = if method == CheckMethod::DoubleAlternate {
            0
        } else {
            -999
        };
        if !(weight_min..=999).contains(weight) {
            return Err(format!("weight {weight} is out of range for {}", fields[2]));
        }
    }
    let exception = match fields.get(17) {
        None => None,
        Some(field) => match field.parse::<u8>() {
            Ok(exception @ 1..=14) => Some(exception),
            _ => return Err(format!("exception '{field}' is not 1 to 14")),
        },
    };
    Ok(WeightRow {
        sort_code_first,
        sort_code_last,
        method,
        weights,
        exception,
    })
}

fn parse_table_sort_code(field: &str) -> Result<u32, String> {
    if field.len() != SORT_CODE_DIGITS_COUNT || !field.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(format!("sort code '{field}' is not 6 digits"));
    }
    field
        .parse::<u32>()
        .map_err(|_| format!("sort code '{field}' is not 6 digits"))
}

fn parse_substitution_table(
    text: &str,
) -> Result<Vec<(u32, [u8; SORT_CODE_DIGITS_COUNT])>, VocalinkTableError> {
    let mut substitutions = Vec::new();
    for (line_index, line) in text.lines().enumerate() {
        let error = |problem: String| VocalinkTableError {
            file: "scsubtab",
            line_number: line_index + 1,
            problem,
        };
        if line.trim().is_empty() {
            continue;
        }
        if substitutions.len() == SUBSTITUTION_TABLE_ROWS_MAX {
            return Err(error(format!(
                "more than {SUBSTITUTION_TABLE_ROWS_MAX} rows"
            )));
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [original, substitute] = fields.as_slice() else {
            return Err(error(format!("expected 2 fields, found {}", fields.len())));
        };
        let original = parse_table_sort_code(original).map_err(error)?;
        let substitute = SortCode::parse(substitute)
            .map_err(|_| error(format!("sort code '{substitute}' is not 6 digits")))?;
        substitutions.push((original, substitute.digits));
    }
    Ok(substitutions)
}

impl VocalinkTables {
    /// The one or two rows for a sort code, first check first.
    fn rows_for(&self, sort_code: &SortCode) -> Vec<&WeightRow> {
        let number = sort_code.number();
        self.weight_rows
            .iter()
            .filter(|row| (row.sort_code_first..=row.sort_code_last).contains(&number))
            .take(CHECKS_PER_SORT_CODE_MAX)
            .collect()
    }

    /// The sort code the checks use: the substitute where the substitution table has one (spec
    /// 1.2, figure 1; exception 5), else the sort code itself. The row look-up always uses the
    /// original: the substitution is "for check purposes only".
    fn sort_code_digits_for_checks(&self, sort_code: &SortCode) -> [u8; SORT_CODE_DIGITS_COUNT] {
        let number = sort_code.number();
        self.substitutions
            .iter()
            .find(|(original, _)| *original == number)
            .map_or(sort_code.digits, |(_, substitute)| *substitute)
    }
}

// ---------------------------------------------------------------------------------------------
// The check

/// Vocalink's modulus check of a sort code and account number (spec 2.2, figure 1).
pub fn check_bank_details(
    sort_code: &SortCode,
    account_number: &UkAccountNumber,
) -> ModulusOutcome {
    let tables = vocalink_tables();
    let rows = tables.rows_for(sort_code);
    let Some(first) = rows.first() else {
        return ModulusOutcome::NotChecked(NotCheckedReason::SortCodeNotInTable);
    };
    let second = rows.get(1);
    let account = account_number.digits;
    // Exception 6 applies "in either check", so it is decided before any check runs.
    let any_exception_6 = rows.iter().any(|row| row.exception == Some(6));
    if any_exception_6 && is_foreign_currency_account(&account) {
        return ModulusOutcome::NotChecked(NotCheckedReason::ForeignCurrencyAccount);
    }
    let sort_code_digits = tables.sort_code_digits_for_checks(sort_code);
    let first_passes = row_check_passes(first, sort_code_digits, account);
    // Exceptions 2 & 9, 10 & 11, 12 & 13 and 14: "if either check is successful the account
    // number is deemed valid", and a passing first check makes the second unnecessary (spec
    // 2.2.2). Every other pair of rows must both pass, exception 5's included (test cases 23
    // and 24).
    let passes = match first.exception {
        Some(14) => {
            first_passes || exception_14_second_check_passes(first, sort_code_digits, account)
        }
        Some(2 | 10 | 12) => {
            first_passes
                || second.is_some_and(|second| row_check_passes(second, sort_code_digits, account))
        }
        _ => {
            first_passes
                && second.is_none_or(|second| row_check_passes(second, sort_code_digits, account))
        }
    };
    if passes {
        ModulusOutcome::Valid
    } else {
        ModulusOutcome::Invalid
    }
}

/// Exception 6: "if a = 4, 5, 6, 7 or 8, and g and h are the same, the accounts are for a
/// foreign currency and the checks cannot be used" (spec 2.2.2).
fn is_foreign_currency_account(account: &[u8; ACCOUNT_NUMBER_DIGITS_COUNT]) -> bool {
    let [a, _, _, _, _, _, g, h] = *account;
    (4..=8).contains(&a) && g == h
}

/// Exception 14's second check, for Coutts: with h of 0, 1 or 9, drop h, shift the account
/// number right with a leading 0, and run the first row's modulus 11 check again (spec 2.2.2).
fn exception_14_second_check_passes(
    row: &WeightRow,
    sort_code_digits: [u8; SORT_CODE_DIGITS_COUNT],
    account: [u8; ACCOUNT_NUMBER_DIGITS_COUNT],
) -> bool {
    let h = account[ACCOUNT_NUMBER_DIGITS_COUNT - 1];
    if !matches!(h, 0 | 1 | 9) {
        return false;
    }
    let mut shifted = [0; ACCOUNT_NUMBER_DIGITS_COUNT];
    shifted[1..].copy_from_slice(&account[..ACCOUNT_NUMBER_DIGITS_COUNT - 1]);
    row_check_passes(row, sort_code_digits, shifted)
}

/// One row's check, with the variations its exception makes to the weights, the sort code and
/// the pass rule (spec 2.2.2).
fn row_check_passes(
    row: &WeightRow,
    sort_code_digits: [u8; SORT_CODE_DIGITS_COUNT],
    account: [u8; ACCOUNT_NUMBER_DIGITS_COUNT],
) -> bool {
    let mut digits = [0; CHECK_DIGITS_COUNT];
    digits[..SORT_CODE_DIGITS_COUNT].copy_from_slice(&sort_code_digits);
    digits[SORT_CODE_DIGITS_COUNT..].copy_from_slice(&account);
    let (a, b, c) = (digits[POSITION_A], digits[POSITION_B], digits[POSITION_C]);
    let (g, h) = (digits[POSITION_G], digits[POSITION_H]);
    let mut weights = row.weights;
    match row.exception {
        Some(2) if a != 0 => {
            weights = if g == 9 {
                EXCEPTION_2_WEIGHTS_G_9
            } else {
                EXCEPTION_2_WEIGHTS_G_NOT_9
            };
        }
        // "If c=6 or c=9 the double alternate check does not need to be carried out": a check
        // not carried out cannot fail.
        Some(3) if c == 6 || c == 9 => return true,
        Some(7) if g == 9 => zeroise_u_to_b(&mut weights),
        Some(8) => digits[..SORT_CODE_DIGITS_COUNT].copy_from_slice(&EXCEPTION_8_SORT_CODE),
        Some(9) => digits[..SORT_CODE_DIGITS_COUNT].copy_from_slice(&EXCEPTION_9_SORT_CODE),
        // Exception 10: "if ab = 09 or ab = 99 and g = 9, zeroise weighting positions u-b".
        Some(10) if (a == 0 || a == 9) && b == 9 && g == 9 => zeroise_u_to_b(&mut weights),
        _ => {}
    }
    match (row.method, row.exception) {
        // Exception 4: the remainder must equal the two-digit check digit gh.
        (CheckMethod::Standard11, Some(4)) => {
            standard_total(&digits, &weights).rem_euclid(11) == i32::from(g * 10 + h)
        }
        // Exception 5, first check: the check digit is g; remainder 1 is always invalid.
        (CheckMethod::Standard11, Some(5)) => {
            match standard_total(&digits, &weights).rem_euclid(11) {
                0 => g == 0,
                1 => false,
                remainder => 11 - remainder == i32::from(g),
            }
        }
        // Exception 5, second check: the check digit is h.
        (CheckMethod::DoubleAlternate, Some(5)) => {
            match double_alternate_total(&digits, &weights).rem_euclid(10) {
                0 => h == 0,
                remainder => 10 - remainder == i32::from(h),
            }
        }
        (CheckMethod::DoubleAlternate, Some(1)) => {
            (double_alternate_total(&digits, &weights) + EXCEPTION_1_TOTAL_ADDED).rem_euclid(10)
                == 0
        }
        (CheckMethod::DoubleAlternate, _) => {
            double_alternate_total(&digits, &weights).rem_euclid(10) == 0
        }
        (CheckMethod::Standard10, _) => standard_total(&digits, &weights).rem_euclid(10) == 0,
        (CheckMethod::Standard11, _) => standard_total(&digits, &weights).rem_euclid(11) == 0,
    }
}

/// Exceptions 7 and 10: "zeroise weighting positions u-b".
fn zeroise_u_to_b(weights: &mut [i32; CHECK_DIGITS_COUNT]) {
    weights[..=POSITION_B].fill(0);
}

/// The standard check's total: the sum of the products (spec 1.3.2, step 3). Weights are
/// 3-digit at most, so the total cannot overflow an `i32`. Remainders use `rem_euclid` because
/// some weights are negative.
fn standard_total(digits: &[u8; CHECK_DIGITS_COUNT], weights: &[i32; CHECK_DIGITS_COUNT]) -> i32 {
    digits
        .iter()
        .zip(weights)
        .map(|(digit, weight)| i32::from(*digit) * weight)
        .sum()
}

/// The double alternate check's total: the sum of the individual digits of each product (spec
/// 1.3.1, step 3), so 18 counts 1 + 8. Weights are 0 to 999 (checked when parsed), so each
/// product has at most four digits.
fn double_alternate_total(
    digits: &[u8; CHECK_DIGITS_COUNT],
    weights: &[i32; CHECK_DIGITS_COUNT],
) -> i32 {
    digits
        .iter()
        .zip(weights)
        .map(|(digit, weight)| {
            let product = i32::from(*digit) * weight;
            assert!((0..10_000).contains(&product));
            product / 1000 + product / 100 % 10 + product / 10 % 10 + product % 10
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sort_code(text: &str) -> SortCode {
        SortCode::parse(text).expect("test literal")
    }

    fn account_number(text: &str) -> UkAccountNumber {
        UkAccountNumber::parse(text).expect("test literal")
    }

    const VALID: ModulusOutcome = ModulusOutcome::Valid;
    const INVALID: ModulusOutcome = ModulusOutcome::Invalid;
    const FOREIGN_CURRENCY: ModulusOutcome =
        ModulusOutcome::NotChecked(NotCheckedReason::ForeignCurrencyAccount);
    const NOT_IN_TABLE: ModulusOutcome =
        ModulusOutcome::NotChecked(NotCheckedReason::SortCodeNotInTable);

    /// Vocalink, "Validating account numbers: UK modulus checking", chapter 3.1 "Test data and
    /// expected results" (the same 34 cases in v6.40 and later). The spec's "Valid flag" is Y for
    /// every row here except INVALID; case 13's Y is the presumption for a foreign currency
    /// account, which this module names.
    #[test]
    fn vocalink_test_cases() {
        fn check(case: u32, sort_code_text: &str, account_text: &str, expected: ModulusOutcome) {
            let outcome =
                check_bank_details(&sort_code(sort_code_text), &account_number(account_text));
            assert_eq!(
                outcome, expected,
                "case {case}: {sort_code_text} {account_text}"
            );
        }
        //    case sort code  account     expected          spec's description
        check(1, "089999", "66374958", VALID); // Pass modulus 10 check.
        check(2, "107999", "88837491", VALID); // Pass modulus 11 check.
        check(3, "202959", "63748472", VALID); // Pass modulus 11 and double alternate checks.
        check(4, "871427", "46238510", VALID); // Exc 10 & 11: first passes, second fails.
        check(5, "872427", "46238510", VALID); // Exc 10 & 11: first fails, second passes.
        check(6, "871427", "09123496", VALID); // Exc 10: ab=09, g=9; first passes, second fails.
        check(7, "871427", "99123496", VALID); // Exc 10: ab=99, g=9; first passes, second fails.
        check(8, "820000", "73688637", VALID); // Exc 3, start of range; c=6 so no second check.
        check(9, "827999", "73988638", VALID); // Exc 3, end of range; c=9 so no second check.
        check(10, "827101", "28748352", VALID); // Exc 3: c is not 6 or 9, both checks pass.
        check(11, "134020", "63849203", VALID); // Exc 4: the remainder equals the check digit.
        check(12, "118765", "64371389", VALID); // Exc 1: 27 added; passes double alternate.
        check(13, "200915", "41011166", FOREIGN_CURRENCY); // Exc 6: fails, but foreign currency.
        check(14, "938611", "07806039", VALID); // Exc 5: the check passes.
        check(15, "938600", "42368003", VALID); // Exc 5: passes with substitution.
        check(16, "938063", "55065200", VALID); // Exc 5: both checks remainder 0, pass.
        check(17, "772798", "99345694", VALID); // Exc 7: passes, would fail the standard check.
        check(18, "086090", "06774744", VALID); // Exc 8: the check passes.
        check(19, "309070", "02355688", VALID); // Exc 2 & 9: the first check passes.
        check(20, "309070", "12345668", VALID); // Exc 2 & 9: first fails, second (sub) passes.
        check(21, "309070", "12345677", VALID); // Exc 2 & 9: a<>0, g<>9, passes.
        check(22, "309070", "99345694", VALID); // Exc 2 & 9: a<>0, g=9, passes.
        check(23, "938063", "15764273", INVALID); // Exc 5: first check digit right, second wrong.
        check(24, "938063", "15764264", INVALID); // Exc 5: first check digit wrong, second right.
        check(25, "938063", "15763217", INVALID); // Exc 5: first check digit wrong, remainder 1.
        check(26, "118765", "64371388", INVALID); // Exc 1: fails double alternate.
        check(27, "203099", "66831036", INVALID); // Passes modulus 11, fails double alternate.
        check(28, "203099", "58716970", INVALID); // Fails modulus 11, passes double alternate.
        check(29, "089999", "66374959", INVALID); // Fails modulus 10.
        check(30, "107999", "88837493", INVALID); // Fails modulus 11.
        check(31, "074456", "12345112", VALID); // Exc 12/13: passes modulus 11 (10 would fail).
        check(32, "070116", "34012583", VALID); // Exc 12/13: passes modulus 11 (10 passes too).
        check(33, "074456", "11104102", VALID); // Exc 12/13: fails modulus 11, passes 10.
        check(34, "180002", "00000190", VALID); // Exc 14: first fails, second passes.
    }

    /// Cases beyond chapter 3: the worked examples under exception 14 (spec 2.2.2), the rule
    /// for sort codes outside the table (spec 2.2.1), and the edges of exceptions 6 and 14.
    #[test]
    fn further_cases() {
        fn check(sort_code_text: &str, account_text: &str, expected: ModulusOutcome, why: &str) {
            let outcome =
                check_bank_details(&sort_code(sort_code_text), &account_number(account_text));
            assert_eq!(outcome, expected, "{sort_code_text} {account_text}: {why}");
        }
        check(
            "180002",
            "98093517",
            VALID,
            "exception 14, example 1: check 1 passes",
        );
        check(
            "180002",
            "00000195",
            INVALID,
            "exception 14: h of 5 fails check 2 outright",
        );
        check(
            "000000",
            "12345678",
            NOT_IN_TABLE,
            "no range starts before 010004",
        );
        check(
            "999999",
            "12345678",
            NOT_IN_TABLE,
            "no range ends after 989999",
        );
        check(
            "200915",
            "31011166",
            INVALID,
            "exception 6 needs a of 4 to 8; a = 3 is checked",
        );
        check("200915", "41011167", INVALID, "exception 6 needs g = h");
    }

    #[test]
    fn shipped_tables_parse_fully() {
        let tables = parse_vocalink_tables(WEIGHT_TABLE_TEXT, SUBSTITUTION_TABLE_TEXT)
            .expect("the shipped tables parse");
        // Every non-blank line became a row: none was skipped.
        let lines_count = |text: &str| text.lines().filter(|line| !line.trim().is_empty()).count();
        assert_eq!(tables.weight_rows.len(), lines_count(WEIGHT_TABLE_TEXT));
        assert_eq!(tables.weight_rows.len(), 1_151, "v8.50's row count");
        assert_eq!(
            tables.substitutions.len(),
            lines_count(SUBSTITUTION_TABLE_TEXT)
        );
        assert_eq!(tables.substitutions.len(), 21);
    }

    /// `rows_for` takes at most two rows; a third would be silently ignored. The most rows over
    /// any sort code is reached at some row's first sort code, so checking those is enough.
    #[test]
    fn weight_table_has_at_most_two_rows_per_sort_code() {
        let rows = &vocalink_tables().weight_rows;
        for row in rows {
            let covering_count = rows
                .iter()
                .filter(|other| {
                    (other.sort_code_first..=other.sort_code_last).contains(&row.sort_code_first)
                })
                .count();
            assert!(covering_count <= CHECKS_PER_SORT_CODE_MAX, "{row:?}");
        }
    }

    /// The spec pairs some exceptions across a sort code's two rows; the check relies on the
    /// pairing (spec 2.2.2: "a 2 ... for the first check ... and a 9 ... for the second").
    #[test]
    fn paired_exceptions_come_in_order() {
        let rows = &vocalink_tables().weight_rows;
        for pair in rows.windows(2) {
            let (first, second) = (&pair[0], &pair[1]);
            let paired_second = match first.exception {
                Some(2) => Some(9),
                Some(10) => Some(11),
                Some(12) => Some(13),
                _ => None,
            };
            if let Some(paired_second) = paired_second {
                assert_eq!(second.exception, Some(paired_second), "{first:?}");
                assert_eq!(
                    (second.sort_code_first, second.sort_code_last),
                    (first.sort_code_first, first.sort_code_last)
                );
            }
        }
    }

    #[test]
    fn weight_table_parse_errors() {
        fn check(text: &str, expected_line_number: usize, expected_problem: &str) {
            let error = parse_weight_table(text).expect_err(text);
            assert_eq!(error.line_number, expected_line_number, "{text}");
            assert!(
                error.problem.contains(expected_problem),
                "{text}: {}",
                error.problem
            );
        }
        let good = "010004 016715 MOD11    0    0    0    0    0    0    8    7    6    5    4    3    2    1\r\n";
        check("010004 016715 MOD11 0 0 0", 1, "expected 17 or 18 fields");
        check(
            &format!("{good}01000X 016715 MOD11 0 0 0 0 0 0 8 7 6 5 4 3 2 1"),
            2,
            "not 6 digits",
        );
        check(
            "016715 010004 MOD11 0 0 0 0 0 0 8 7 6 5 4 3 2 1",
            1,
            "runs backwards",
        );
        check(
            "010004 016715 MOD12 0 0 0 0 0 0 8 7 6 5 4 3 2 1",
            1,
            "unknown check method",
        );
        check(
            "010004 016715 MOD11 0 0 0 0 0 0 8 7 6 5 4 3 2 x",
            1,
            "not a whole number",
        );
        check(
            "010004 016715 DBLAL 0 0 0 0 0 0 8 7 6 5 4 3 2 -1",
            1,
            "out of range",
        );
        check(
            "010004 016715 MOD11 0 0 0 0 0 0 8 7 6 5 4 3 2 1 15",
            1,
            "not 1 to 14",
        );
        check(
            &format!("\n{good}\n000001 000002 MOD11 0 0 0 0 0 0 8 7 6 5 4 3 2 1"),
            4,
            "order",
        );
        assert_eq!(
            parse_weight_table(&format!("{good}\n\n")).map(|rows| rows.len()),
            Ok(1)
        );
    }

    #[test]
    fn substitution_table_parse_errors() {
        fn check(text: &str, expected_problem: &str) {
            let error = parse_substitution_table(text).expect_err(text);
            assert!(error.problem.contains(expected_problem), "{text}: {error}");
        }
        check("938173", "expected 2 fields");
        check("938173 938017 1", "expected 2 fields");
        check("93817 938017", "not 6 digits");
        check("938173 93801x", "not 6 digits");
    }

    /// The worked examples of spec 1.3.1 (double alternate, total 70) and 1.3.2 (standard,
    /// total 176), on the totals alone since their sort codes are only illustrations.
    #[test]
    fn worked_example_totals() {
        fn digits(sort_code_text: &str, account_text: &str) -> [u8; CHECK_DIGITS_COUNT] {
            let mut digits = [0; CHECK_DIGITS_COUNT];
            digits[..6].copy_from_slice(&sort_code(sort_code_text).digits);
            digits[6..].copy_from_slice(&account_number(account_text).digits);
            digits
        }
        let alternate = [2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1];
        assert_eq!(
            double_alternate_total(&digits("499273", "12345678"), &alternate),
            70
        );
        let standard = [0, 0, 0, 0, 0, 0, 7, 5, 8, 3, 4, 6, 2, 1];
        assert_eq!(
            standard_total(&digits("000000", "58177632"), &standard),
            176
        );
    }

    #[test]
    fn sort_code_parsing() {
        fn check(text: &str, expected: Result<&str, BankDetailsError>) {
            let parsed = SortCode::parse(text).map(|sort_code| sort_code.to_string());
            assert_eq!(parsed, expected.map(str::to_string), "{text:?}");
        }
        use BankDetailsError::*;
        let field = BankDetailsField::SortCode;
        check("12-34-56", Ok("12-34-56"));
        check("123456", Ok("12-34-56"));
        check("12 34 56", Ok("12-34-56"));
        check("  09-01-26 ", Ok("09-01-26"));
        check("", Err(Empty { field }));
        check(" - ", Err(Empty { field }));
        check("12-34-5", Err(SortCodeDigitsCount { digits_count: 5 }));
        check("12-34-567", Err(SortCodeDigitsCount { digits_count: 7 }));
        check(
            "12.34.56",
            Err(Character {
                field,
                character: '.',
            }),
        );
        check(
            "12-34-5six",
            Err(Character {
                field,
                character: 's',
            }),
        );
        check(
            "١٢٣٤٥٦",
            Err(Character {
                field,
                character: '١',
            }),
        );
        check(
            &"1".repeat(33),
            Err(TooLong {
                field,
                chars_max: 32,
            }),
        );
    }

    #[test]
    fn account_number_parsing() {
        fn check(text: &str, expected: Result<&str, BankDetailsError>) {
            let parsed = UkAccountNumber::parse(text).map(|account| account.digits_text());
            assert_eq!(parsed, expected.map(str::to_string), "{text:?}");
        }
        use BankDetailsError::*;
        let field = BankDetailsField::AccountNumber;
        check("12345678", Ok("12345678"));
        check("1234 5678", Ok("12345678"));
        check("1234567", Ok("01234567")); // spec 2.1.2: seven digits, prefix a zero
        check("123456", Ok("00123456")); // spec 2.1.2: six digits, prefix two zeros
        check("12345", Err(AccountNumberDigitsCount { digits_count: 5 }));
        check("123456789", Err(AccountNumberNineDigits));
        check("0123456789", Err(AccountNumberTenDigits));
        check(
            "01234567890",
            Err(AccountNumberDigitsCount { digits_count: 11 }),
        );
        check("", Err(Empty { field }));
        check(
            "1234567O",
            Err(Character {
                field,
                character: 'O',
            }),
        );
    }

    /// Spec 2.1.2's own examples for nonstandard account numbers.
    #[test]
    fn nonstandard_account_numbers() {
        fn check(text: &str, bank: TenDigitAccountBank, expected: Result<&str, BankDetailsError>) {
            let parsed = UkAccountNumber::parse_ten_digit(text, bank).map(|a| a.digits_text());
            assert_eq!(parsed, expected.map(str::to_string), "{text:?} {bank}");
        }
        use TenDigitAccountBank::*;
        check("0123456789", NationalWestminster, Ok("23456789"));
        check("01-23456789", NationalWestminster, Ok("23456789"));
        check("1234567890", CooperativeBank, Ok("12345678"));
        check("1234567890", LeedsBuildingSociety, Ok("12345678"));
        check(
            "12345678",
            CooperativeBank,
            Err(BankDetailsError::TenDigitRuleNeedsTenDigits {
                bank: CooperativeBank,
                digits_count: 8,
            }),
        );

        let santander = standardise_santander_nine_digit(&sort_code("72-00-00"), "123456789")
            .expect("nine digits");
        assert_eq!(santander.sort_code.to_string(), "72-00-01");
        assert_eq!(santander.account_number.digits_text(), "23456789");
        assert_eq!(
            standardise_santander_nine_digit(&sort_code("72-00-00"), "12345678"),
            Err(BankDetailsError::SantanderRuleNeedsNineDigits { digits_count: 8 })
        );
    }

    #[test]
    fn display_masking_and_serde() {
        let account = account_number("12345678");
        assert_eq!(account.masked(), "****5678");
        assert_eq!(format!("{account:?}"), "UkAccountNumber(****5678)");
        assert_eq!(format!("{:?}", sort_code("123456")), "SortCode(12-34-56)");

        let details = UkBankDetails {
            sort_code: sort_code("12-34-56"),
            account_number: account,
        };
        let json = serde_json::to_string(&details).expect("serialise");
        assert_eq!(
            json,
            r#"{"sort_code":"123456","account_number":"12345678"}"#
        );
        assert_eq!(
            serde_json::from_str::<UkBankDetails>(&json).ok(),
            Some(details)
        );
        assert!(serde_json::from_str::<SortCode>(r#""12345""#).is_err());

        let outcome = serde_json::to_string(&FOREIGN_CURRENCY).expect("serialise");
        assert_eq!(
            outcome,
            r#"{"outcome":"not_checked","reason":"foreign_currency_account"}"#
        );
        assert_eq!(
            serde_json::to_string(&INVALID).ok().as_deref(),
            Some(r#"{"outcome":"invalid"}"#)
        );
    }

    #[test]
    fn explanations() {
        fn check(outcome: ModulusOutcome, expected_accepted: bool, expected_start: &str) {
            assert_eq!(outcome.is_accepted(), expected_accepted, "{outcome:?}");
            let sentence = outcome.explain();
            assert!(sentence.starts_with(expected_start), "{sentence}");
            assert!(
                sentence.contains("(Vocalink modulus check, table v8.50)"),
                "{sentence}"
            );
        }
        check(VALID, true, "The account number fits the sort code");
        check(INVALID, false, "The account number does not match the sort code (Vocalink modulus check, table v8.50). Check both with the tenant.");
        check(NOT_IN_TABLE, true, "The sort code has no modulus rule");
        check(
            FOREIGN_CURRENCY,
            true,
            "This looks like a foreign currency account",
        );
    }

    proptest! {
        #[test]
        fn parsers_never_panic(text in any::<String>()) {
            let _ = SortCode::parse(&text);
            let _ = UkAccountNumber::parse(&text);
            let _ = UkAccountNumber::parse_ten_digit(&text, TenDigitAccountBank::NationalWestminster);
            let _ = standardise_santander_nine_digit(&sort_code("720000"), &text);
        }

        #[test]
        fn parsers_never_panic_on_likely_typing(text in "[0-9 \\-]{0,40}") {
            if let Ok(sort_code) = SortCode::parse(&text) {
                prop_assert_eq!(SortCode::parse(&sort_code.to_string()), Ok(sort_code));
                let _ = check_bank_details(&sort_code, &account_number("12345678"));
            }
            if let Ok(account) = UkAccountNumber::parse(&text) {
                prop_assert_eq!(UkAccountNumber::parse(&account.digits_text()), Ok(account));
            }
        }

        #[test]
        fn masking_shows_only_the_last_four_digits(text in "[0-9]{6,8}") {
            let account = account_number(&text);
            let digits = account.digits_text();
            let masked = account.masked();
            prop_assert_eq!(&masked[..4], "****");
            prop_assert_eq!(&masked[4..], &digits[4..]);
            for shown in [masked, format!("{account:?}")] {
                let digits_shown = shown.chars().filter(char::is_ascii_digit).count();
                prop_assert!(digits_shown <= ACCOUNT_NUMBER_DIGITS_SHOWN_MAX, "{}", shown);
            }
        }

        #[test]
        fn every_account_at_every_table_sort_code_gets_an_outcome(
            row_pick in any::<proptest::sample::Index>(),
            offset in 0..1_000u32,
            account in "[0-9]{8}",
        ) {
            let rows = &vocalink_tables().weight_rows;
            let row = &rows[row_pick.index(rows.len())];
            let span = row.sort_code_last - row.sort_code_first + 1;
            let number = row.sort_code_first + offset % span;
            let sort_code = sort_code(&format!("{number:06}"));
            let outcome = check_bank_details(&sort_code, &account_number(&account));
            prop_assert_ne!(outcome, NOT_IN_TABLE);
        }
    }
}
