//! Payment references: eight digits and a modulus 11 check digit.
//!
//! Each landlord has its own scheme (DOMAIN.md, "Money and accounts"); this is the demo
//! landlord's. The check digit catches a mistyped digit or two swapped digits when a tenant reads
//! the reference out over the phone.

/// Body digits plus the check digit.
pub const PAYMENT_REFERENCE_DIGITS: usize = 9;
const BODY_DIGITS: usize = PAYMENT_REFERENCE_DIGITS - 1;
const WEIGHTS: [u32; BODY_DIGITS] = [9, 8, 7, 6, 5, 4, 3, 2];

/// Bodies are "1" followed by seven digits, so references never start with 0 (spreadsheets drop
/// a leading zero).
pub(crate) const PAYMENT_REFERENCE_BODIES_COUNT: u64 = 10_000_000;
/// Odd and not a multiple of 5, so coprime with 10^7: `k * STEP mod 10^7` visits every body once,
/// and consecutive accounts get references that do not look sequential.
const STEP: u64 = 4_318_529;

/// The check digit for an eight-digit body, or `None` if the body is malformed or its weighted
/// sum leaves a check of 10, which this scheme never issues.
pub fn payment_reference_check_digit(body: &str) -> Option<u32> {
    if body.len() != BODY_DIGITS || !body.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = body
        .bytes()
        .zip(WEIGHTS)
        .map(|(byte, weight)| u32::from(byte - b'0') * weight)
        .sum();
    let check = (11 - sum % 11) % 11;
    (check < 10).then_some(check)
}

pub fn payment_reference_is_valid(reference: &str) -> bool {
    if reference.len() != PAYMENT_REFERENCE_DIGITS || !reference.is_ascii() {
        return false;
    }
    let (body, check) = reference.split_at(BODY_DIGITS);
    match (payment_reference_check_digit(body), check.parse::<u32>()) {
        (Some(expected), Ok(actual)) => expected == actual,
        _ => false,
    }
}

/// Issues references in a fixed order for a seed, skipping bodies with no valid check digit.
pub(crate) struct PaymentReferences {
    offset: u64,
    next_k: u64,
}

impl PaymentReferences {
    pub(crate) fn new(seed: u64) -> PaymentReferences {
        PaymentReferences {
            offset: seed % PAYMENT_REFERENCE_BODIES_COUNT,
            next_k: 0,
        }
    }

    pub(crate) fn next_reference(&mut self) -> String {
        loop {
            assert!(
                self.next_k < PAYMENT_REFERENCE_BODIES_COUNT,
                "payment reference space exhausted"
            );
            let body_number = (self.next_k * STEP + self.offset) % PAYMENT_REFERENCE_BODIES_COUNT;
            self.next_k += 1;
            let body = format!("1{body_number:07}");
            if let Some(check) = payment_reference_check_digit(&body) {
                return format!("{body}{check}");
            }
        }
    }
}
