//! Card payments taken on a doorstep, on a certified card terminal.
//!
//! The invariant of this module is an absence: Doorstep never sees card data. A certified
//! point-to-point-encrypted (P2PE) terminal reads the card and talks to the provider; the app asks
//! it for an amount and gets references back (DOMAIN.md, "Card and cheque payments in the field").
//! PCI DSS forbids keeping the full card number, the security code or PIN data, encrypted or not,
//! so the only card detail a type here can hold is the last four digits (`MaskedCard`), and
//! free text typed by an officer is refused if it looks like a card number
//! (`check_free_text_has_no_card_number`).
//!
//! A payment is two-phase (DESIGN.md): approved online it is `Authorised` at once; approved
//! offline (store and forward) it is `Pending` until the terminal forwards it, and then
//! `Authorised` or `Declined`. Either approval credits the rent account at once, because the
//! tenant has paid and the receipt says so; a late decline is undone by a reversal, never by
//! deleting the credit (`apply`). Because the landlord carries the risk of a late decline,
//! offline payments are capped (`check_caps`).
//!
//! The terminal itself is IO and lives in an adapter; here is only its shape (`PaymentTerminal`)
//! and a deterministic `SimulatedTerminal` for demonstrations and tests. The domain never reads
//! a clock: every instant is an argument.

use std::collections::VecDeque;
use std::fmt;
use std::ops::Range;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::money::{format_money, money_from_pence, money_to_pence, MoneyError};

/// Default for the most one card payment may be: £1,000.00. A landlord or provider setting, not
/// law: it covers a month's rent plus a sizeable arrears lump sum, while bounding what one
/// mistyped amount, or one offline payment declined later, can cost. A larger sum goes by bank
/// transfer, where nothing is at risk on the doorstep.
pub const CARD_PAYMENT_PENCE_MAX_DEFAULT: i64 = 100_000;

/// Default for the most a terminal may hold offline, approved but not yet forwarded: £2,500.00.
/// A landlord or provider setting, not law: in store and forward the merchant carries the risk
/// of a late decline, so providers cap the offline total (DOMAIN.md); this is a day or two of one
/// officer's doorstep card takings, and it must be confirmed against the provider's contract.
pub const CARD_OFFLINE_TOTAL_PENCE_MAX_DEFAULT: i64 = 250_000;

// A single payment at the per-payment cap must be possible on an empty offline terminal, or the
// two defaults would silently make the lower one the real limit.
const _: () = assert!(CARD_PAYMENT_PENCE_MAX_DEFAULT <= CARD_OFFLINE_TOTAL_PENCE_MAX_DEFAULT);

/// The UK contactless limit since 15 October 2021 (UK Finance); above it the simulator takes
/// chip and PIN, as a real card would ask for.
pub const CONTACTLESS_PENCE_MAX: i64 = 10_000;

/// A card number has 12 to 19 digits (ISO/IEC 7812 allows up to 19; no scheme issues
/// fewer than 12).
pub const CARD_NUMBER_DIGITS_MIN: usize = 12;
pub const CARD_NUMBER_DIGITS_MAX: usize = 19;

/// Digit groups shorter than this are not part of a written card number (cards are grouped 4-4-4-4,
/// 4-6-5 or 4-4-4-4-3), but are how sort codes ("12-34-56") and phone numbers are written; not
/// joining them keeps a sort code and account number from looking like a card number.
const CARD_NUMBER_GROUP_DIGITS_MIN: usize = 3;

/// A masked card number as a terminal prints it ("************1234", "**** **** **** 1234") is
/// never longer than this; anything longer is not a masked card number.
pub const MASKED_CARD_CHARS_MAX: usize = 32;

/// The simulator keeps its payments not yet forwarded in a bounded queue, as a real terminal's
/// store and forward is bounded; the offline cap normally refuses first.
pub const SIMULATOR_PENDING_PAYMENTS_MAX: usize = 100;

/// How many answers the simulator remembers, so that a retried command id gets its first answer
/// back rather than a second payment. Retries come within minutes; a thousand payments is weeks.
pub const SIMULATOR_ANSWERS_REMEMBERED_MAX: usize = 1_000;

// A retry of any payment still pending must find its first answer.
const _: () = assert!(SIMULATOR_PENDING_PAYMENTS_MAX <= SIMULATOR_ANSWERS_REMEMBERED_MAX);

// ---------------------------------------------------------------------------------------------
// What a terminal returns.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardScheme {
    Visa,
    Mastercard,
    Maestro,
    Amex,
    Other,
}

impl CardScheme {
    pub fn label(&self) -> &'static str {
        match self {
            CardScheme::Visa => "Visa",
            CardScheme::Mastercard => "Mastercard",
            CardScheme::Maestro => "Maestro",
            CardScheme::Amex => "American Express",
            CardScheme::Other => "Card",
        }
    }
}

/// How the card was read and the cardholder verified, as the receipt states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardEntryMethod {
    ChipAndPin,
    ChipAndSignature,
    /// Contactless with no verification, up to the contactless limit.
    Contactless,
    /// Contactless, and the card asked for the PIN.
    ContactlessWithPin,
    /// A phone or watch, verified on the device (fingerprint, face or passcode).
    MobileWallet,
    Other,
}

impl CardEntryMethod {
    pub fn label(&self) -> &'static str {
        match self {
            CardEntryMethod::ChipAndPin => "Chip and PIN",
            CardEntryMethod::ChipAndSignature => "Chip and signature",
            CardEntryMethod::Contactless => "Contactless",
            CardEntryMethod::ContactlessWithPin => "Contactless with PIN",
            CardEntryMethod::MobileWallet => "Mobile wallet",
            CardEntryMethod::Other => "Other",
        }
    }
}

/// Whether the terminal could reach the provider. One type for the receipt's offline flag and for
/// the cap check, rather than a `bool` whose meaning a call site cannot show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TerminalConnection {
    Online,
    /// Store and forward: approved on the terminal, authorised when forwarded.
    Offline,
}

impl TerminalConnection {
    pub fn label(&self) -> &'static str {
        match self {
            TerminalConnection::Online => "Online",
            TerminalConnection::Offline => "Offline",
        }
    }
}

/// The last four digits of a card and its scheme; nothing else of the card, ever. The digits are
/// a private fixed array of four, so no value of this type can hold more.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "MaskedCardFields", into = "MaskedCardFields")]
pub struct MaskedCard {
    last_four_digits: [u8; 4],
    scheme: CardScheme,
}

/// How a `MaskedCard` is stored and sent; reading one back goes through `MaskedCard::new`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaskedCardFields {
    pub last_four: String,
    pub scheme: CardScheme,
}

impl TryFrom<MaskedCardFields> for MaskedCard {
    type Error = MaskedCardError;

    fn try_from(fields: MaskedCardFields) -> Result<MaskedCard, MaskedCardError> {
        MaskedCard::new(&fields.last_four, fields.scheme)
    }
}

impl From<MaskedCard> for MaskedCardFields {
    fn from(card: MaskedCard) -> MaskedCardFields {
        MaskedCardFields {
            last_four: card.last_four().to_string(),
            scheme: card.scheme,
        }
    }
}

/// Neither message repeats what was given: it may have been a whole card number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaskedCardError {
    #[error("the masked card number holds more digits than the last four; it was refused and not kept (the terminal adapter must pass only the last four)")]
    MoreDigitsThanLastFour,
    #[error("the masked card number is not the last four digits, optionally after mask characters such as ************1234; it was refused and not kept")]
    NotLastFour,
}

impl MaskedCard {
    /// Accepts the last four digits ("1234") or a masked number ending in them
    /// ("************1234", "**** **** **** 1234", "XXXX-XXXX-XXXX-1234"). Any other digit is
    /// refused, not only a run of five or more: "4242 4242 4242 4242" has no run of five yet is a
    /// whole card number, and a terminal adapter that passes one has a bug someone must see.
    pub fn new(masked_number: &str, scheme: CardScheme) -> Result<MaskedCard, MaskedCardError> {
        let masked_number = masked_number.trim();
        let digits_count = masked_number.chars().filter(char::is_ascii_digit).count();
        if digits_count > 4 {
            return Err(MaskedCardError::MoreDigitsThanLastFour);
        }
        if masked_number.chars().count() > MASKED_CARD_CHARS_MAX {
            return Err(MaskedCardError::NotLastFour);
        }
        let bytes = masked_number.as_bytes();
        // Four digits exactly, and they are the last four characters (ASCII, so the last four
        // bytes); everything before them is masking.
        if digits_count != 4 || bytes.len() < 4 {
            return Err(MaskedCardError::NotLastFour);
        }
        let (mask, last_four) = bytes.split_at(bytes.len() - 4);
        if !last_four.iter().all(u8::is_ascii_digit) {
            return Err(MaskedCardError::NotLastFour);
        }
        let mask_is_masking = std::str::from_utf8(mask)
            .map(|mask| mask.chars().all(is_mask_char))
            .unwrap_or(false);
        if !mask_is_masking {
            return Err(MaskedCardError::NotLastFour);
        }
        let last_four_digits = [last_four[0], last_four[1], last_four[2], last_four[3]];
        Ok(MaskedCard {
            last_four_digits,
            scheme,
        })
    }

    /// "4242".
    pub fn last_four(&self) -> &str {
        // The constructor admits only ASCII digits.
        std::str::from_utf8(&self.last_four_digits).expect("last four are ASCII digits")
    }

    pub fn scheme(&self) -> CardScheme {
        self.scheme
    }
}

fn is_mask_char(character: char) -> bool {
    matches!(character, '*' | 'X' | 'x' | '#' | '•' | '.' | ' ' | '-')
}

/// "Visa ending 4242", as a receipt or a statement line says it.
impl fmt::Display for MaskedCard {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "{} ending {}",
            self.scheme.label(),
            self.last_four()
        )
    }
}

/// By hand, so that the digits show as text rather than bytes; still only the last four.
impl fmt::Debug for MaskedCard {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("MaskedCard")
            .field("scheme", &self.scheme)
            .field("last_four", &self.last_four())
            .finish()
    }
}

/// What a certified terminal returns about one payment: references only, never card data.
/// Exactly the fields DOMAIN.md asks to record from the terminal; who took it, on which visit
/// and for which account are the core's record, not the terminal's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminalReceipt {
    /// The provider's transaction id: what reconciliation matches against the settlement file.
    pub provider_reference: String,
    pub receipt_number: String,
    /// Given on online approval; offline approvals get theirs when forwarded; none on decline.
    pub authorisation_code: Option<String>,
    /// The provider's code, e.g. "00" approved, "05" do not honour.
    pub response_code: String,
    pub response_text: String,
    pub card: MaskedCard,
    pub entry_method: CardEntryMethod,
    pub terminal_id: String,
    /// Pounds, positive.
    pub amount: Decimal,
    pub taken_at: DateTime<Utc>,
    /// Offline is the receipt's offline flag: approved on the terminal, to be forwarded.
    pub connection: TerminalConnection,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TerminalDecision {
    Approved,
    Declined,
}

/// The terminal's answer to a request: approved (online or offline, as the receipt's
/// `connection` says) or declined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminalOutcome {
    pub decision: TerminalDecision,
    pub receipt: TerminalReceipt,
}

// ---------------------------------------------------------------------------------------------
// The state machine.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardPaymentState {
    /// Approved offline on the terminal; not yet forwarded. Already credited.
    Pending,
    Authorised,
    /// Declined at the terminal (never credited) or when forwarded (credited, then reversed).
    Declined,
}

impl CardPaymentState {
    pub fn label(&self) -> &'static str {
        match self {
            CardPaymentState::Pending => "Pending",
            CardPaymentState::Authorised => "Authorised",
            CardPaymentState::Declined => "Declined",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardPaymentEvent {
    ApprovedOnline,
    /// Store and forward: the terminal approved it without reaching the provider.
    ApprovedOffline,
    DeclinedAtTerminal,
    ForwardedAuthorised,
    /// A late decline: the provider refused a payment the terminal had approved offline.
    ForwardedDeclined,
}

impl CardPaymentEvent {
    /// Completes "a card payment that is pending cannot be …".
    pub fn phrase(&self) -> &'static str {
        match self {
            CardPaymentEvent::ApprovedOnline => "approved online at the terminal",
            CardPaymentEvent::ApprovedOffline => "approved offline at the terminal",
            CardPaymentEvent::DeclinedAtTerminal => "declined at the terminal",
            CardPaymentEvent::ForwardedAuthorised => "authorised when forwarded",
            CardPaymentEvent::ForwardedDeclined => "declined when forwarded",
        }
    }
}

/// What the ledger must do after a transition; the core does it, in the same store transaction
/// as the new state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LedgerAction {
    /// Credit the rent account with the payment now: the tenant has paid and holds a receipt.
    PostCredit,
    /// Reverse the credit already posted (a late decline), and put the account on the officer's
    /// worklist: the tenant believes they paid.
    PostReversal,
    Nothing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardPaymentTransition {
    pub state_after: CardPaymentState,
    pub ledger_action: LedgerAction,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardPaymentError {
    #[error("a card payment that is {} cannot be {}", state_phrase(.state_before), .event.phrase())]
    IllegalTransition {
        /// `None`: the terminal has not answered yet.
        state_before: Option<CardPaymentState>,
        event: CardPaymentEvent,
    },
    #[error(
        "the terminal's receipt is for {}, but {} was asked for; the payment needs checking with the provider",
        format_money(*.receipt_amount),
        format_money(*.requested_amount)
    )]
    ReceiptAmountDiffers {
        requested_amount: Decimal,
        receipt_amount: Decimal,
    },
    #[error("the terminal approved the payment online without an authorisation code; the payment needs checking with the provider")]
    AuthorisationCodeMissing,
}

fn state_phrase(state: &Option<CardPaymentState>) -> &'static str {
    match state {
        None => "not yet answered by the terminal",
        Some(CardPaymentState::Pending) => "pending",
        Some(CardPaymentState::Authorised) => "authorised",
        Some(CardPaymentState::Declined) => "declined",
    }
}

/// The whole life of a card payment. `state_before` is `None` until the terminal has answered
/// (the core has written the request to its outbox, with its command id, before asking).
/// Authorised and Declined are final: a forwarded result arriving twice is an error for the core
/// to notice, not a second reversal.
pub fn apply(
    state_before: Option<CardPaymentState>,
    event: CardPaymentEvent,
) -> Result<CardPaymentTransition, CardPaymentError> {
    use CardPaymentEvent as Event;
    use CardPaymentState as State;
    let (state_after, ledger_action) = match (state_before, event) {
        (None, Event::ApprovedOnline) => (State::Authorised, LedgerAction::PostCredit),
        // Credited now, not when forwarded: the tenant paid today and has today's receipt, and
        // arrears letters must not go out for money already handed over.
        (None, Event::ApprovedOffline) => (State::Pending, LedgerAction::PostCredit),
        (None, Event::DeclinedAtTerminal) => (State::Declined, LedgerAction::Nothing),
        (Some(State::Pending), Event::ForwardedAuthorised) => {
            (State::Authorised, LedgerAction::Nothing)
        }
        // A reversal, never a delete: the receipt and the credit stay on the statement, and
        // head office may already hold the credit.
        (Some(State::Pending), Event::ForwardedDeclined) => {
            (State::Declined, LedgerAction::PostReversal)
        }
        (state_before, event) => {
            return Err(CardPaymentError::IllegalTransition {
                state_before,
                event,
            })
        }
    };
    Ok(CardPaymentTransition {
        state_after,
        ledger_action,
    })
}

/// The event a terminal's answer is, after checking it answers the request that was made: a
/// receipt for another amount, or an online approval without an authorisation code, is a
/// payment someone must check with the provider, not one to credit blindly.
pub fn payment_event(
    request: &TerminalRequest,
    outcome: &TerminalOutcome,
) -> Result<CardPaymentEvent, CardPaymentError> {
    let receipt = &outcome.receipt;
    if receipt.amount != request.amount {
        return Err(CardPaymentError::ReceiptAmountDiffers {
            requested_amount: request.amount,
            receipt_amount: receipt.amount,
        });
    }
    match (outcome.decision, receipt.connection) {
        (TerminalDecision::Declined, _) => Ok(CardPaymentEvent::DeclinedAtTerminal),
        (TerminalDecision::Approved, TerminalConnection::Offline) => {
            Ok(CardPaymentEvent::ApprovedOffline)
        }
        (TerminalDecision::Approved, TerminalConnection::Online) => {
            if receipt.authorisation_code.is_none() {
                return Err(CardPaymentError::AuthorisationCodeMissing);
            }
            Ok(CardPaymentEvent::ApprovedOnline)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Caps, checked before the terminal is asked.

/// Landlord or provider settings, not law (see the default constants for why these amounts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardCaps {
    /// The most one card payment may be, online or offline.
    pub payment_max: Decimal,
    /// The most a terminal may hold approved offline and not yet forwarded.
    pub offline_total_max: Decimal,
}

impl Default for CardCaps {
    fn default() -> CardCaps {
        CardCaps {
            payment_max: money_from_pence(CARD_PAYMENT_PENCE_MAX_DEFAULT),
            offline_total_max: money_from_pence(CARD_OFFLINE_TOTAL_PENCE_MAX_DEFAULT),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CapRefusal {
    #[error("a card payment must be more than £0.00, not {}", format_money(*.amount))]
    AmountNotPositive { amount: Decimal },
    #[error("{amount} has a fraction of a penny; a card payment is in pounds and pence")]
    AmountFractionOfPenny { amount: Decimal },
    #[error(
        "{} is more than one card payment may be ({}, set by the landlord); no payment was taken",
        format_money(*.amount),
        format_money(*.payment_max)
    )]
    OverPaymentMax {
        amount: Decimal,
        payment_max: Decimal,
    },
    #[error("{}", offline_refusal_sentence(*.amount, *.offline_pending_total, *.offline_total_max))]
    OverOfflineTotalMax {
        amount: Decimal,
        offline_pending_total: Decimal,
        offline_total_max: Decimal,
    },
}

fn offline_refusal_sentence(
    amount: Decimal,
    offline_pending_total: Decimal,
    offline_total_max: Decimal,
) -> String {
    let remaining = (offline_total_max - offline_pending_total).max(Decimal::ZERO);
    let held = format!(
        "the card terminal is offline and already holds {} not yet forwarded (the offline limit is {})",
        format_money(offline_pending_total),
        format_money(offline_total_max)
    );
    if remaining.is_zero() {
        format!(
            "{held}, so no more can be taken offline and {} was not taken; reconnect the terminal to forward its payments first",
            format_money(amount)
        )
    } else {
        format!(
            "{held}, so at most {} more can be taken offline and {} was not taken; take {} or less, or reconnect the terminal first",
            format_money(remaining),
            format_money(amount),
            format_money(remaining)
        )
    }
}

/// Refuses, before the terminal is asked, a payment over the per-payment cap, and an offline
/// payment that would take what the terminal holds unforwarded over the offline cap. Exactly at
/// a cap is allowed. `offline_pending_total` is the sum of this terminal's pending payments.
pub fn check_caps(
    amount: Decimal,
    offline_pending_total: Decimal,
    caps: &CardCaps,
    connection: TerminalConnection,
) -> Result<(), CapRefusal> {
    assert!(
        offline_pending_total >= Decimal::ZERO,
        "a sum of pending payments is never negative"
    );
    if amount <= Decimal::ZERO {
        return Err(CapRefusal::AmountNotPositive { amount });
    }
    // Too large for pence is far over any cap, and the per-payment check reports it as such.
    if let Err(MoneyError::FractionOfPenny { amount }) = money_to_pence(amount) {
        return Err(CapRefusal::AmountFractionOfPenny { amount });
    }
    if amount > caps.payment_max {
        return Err(CapRefusal::OverPaymentMax {
            amount,
            payment_max: caps.payment_max,
        });
    }
    if connection == TerminalConnection::Offline
        && amount + offline_pending_total > caps.offline_total_max
    {
        return Err(CapRefusal::OverOfflineTotalMax {
            amount,
            offline_pending_total,
            offline_total_max: caps.offline_total_max,
        });
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// What a payment is for.

/// What the tenant says a payment taken at the door is for; head office posts it accordingly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentAllocation {
    Rent,
    Arrears,
    /// An instalment under a court order (a suspended possession order's "plus £X").
    CourtOrderInstalment,
}

impl PaymentAllocation {
    pub const ALL: [PaymentAllocation; 3] = [
        PaymentAllocation::Rent,
        PaymentAllocation::Arrears,
        PaymentAllocation::CourtOrderInstalment,
    ];

    /// Code and label of each, in order, for a drop-down.
    pub const OPTIONS: [(&'static str, &'static str); 3] = [
        (
            PaymentAllocation::Rent.code(),
            PaymentAllocation::Rent.label(),
        ),
        (
            PaymentAllocation::Arrears.code(),
            PaymentAllocation::Arrears.label(),
        ),
        (
            PaymentAllocation::CourtOrderInstalment.code(),
            PaymentAllocation::CourtOrderInstalment.label(),
        ),
    ];

    /// The serde name, as the store and the wire carry it.
    pub const fn code(self) -> &'static str {
        match self {
            PaymentAllocation::Rent => "rent",
            PaymentAllocation::Arrears => "arrears",
            PaymentAllocation::CourtOrderInstalment => "court_order_instalment",
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            PaymentAllocation::Rent => "Rent",
            PaymentAllocation::Arrears => "Rent arrears",
            PaymentAllocation::CourtOrderInstalment => "Court order instalment",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The terminal.

/// What the app asks a terminal for. Everything a certified reader's SDK needs and nothing of the
/// card: the terminal reads the card itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminalRequest {
    /// The outbox command's UUIDv7, written to disk before the terminal is asked: the idempotency
    /// key end to end. Asking again with the same id must return the first answer.
    pub command_id: Uuid,
    /// Our payment reference (the rent account reference), printed on the provider's statement.
    pub payment_reference: String,
    /// Pounds, positive, already through `check_caps`.
    pub amount: Decimal,
    /// When the officer asked; SDKs want a sale timestamp, and the simulator has no clock.
    pub requested_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ForwardDecision {
    Authorised {
        authorisation_code: String,
    },
    Declined {
        response_code: String,
        response_text: String,
    },
}

/// The provider's answer for one payment the terminal held offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwardResult {
    pub command_id: Uuid,
    pub provider_reference: String,
    pub decision: ForwardDecision,
}

impl ForwardResult {
    pub fn event(&self) -> CardPaymentEvent {
        match self.decision {
            ForwardDecision::Authorised { .. } => CardPaymentEvent::ForwardedAuthorised,
            ForwardDecision::Declined { .. } => CardPaymentEvent::ForwardedDeclined,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TerminalError {
    #[error("the card terminal {terminal_id} is not answering; no payment was taken")]
    Unavailable { terminal_id: String },
    #[error("the card terminal {terminal_id} cannot reach the provider, so nothing was forwarded; its payments stay pending")]
    CannotForwardOffline { terminal_id: String },
    #[error("the payment was cancelled on the terminal; no payment was taken")]
    Cancelled,
    #[error("the terminal stopped answering during the payment, so it may or may not have been taken; ask again for the same payment (it will not be taken twice), never start a new one")]
    OutcomeUnknown { command_id: Uuid },
    #[error("command {command_id} was already used for a different payment; a retry must ask for the same amount and reference")]
    CommandIdReused { command_id: Uuid },
    #[error("the terminal refused the amount {}", format_money(*.amount))]
    AmountRefused { amount: Decimal },
    #[error("the card terminal holds {pending_max} payments not yet forwarded, the most it can; reconnect it to forward them first")]
    PendingQueueFull { pending_max: usize },
}

/// A card terminal as the core drives it. Two implementations: `SimulatedTerminal` here, and a
/// certified reader in an adapter crate (it does IO; a blocking call here, so an async SDK is
/// wrapped by the adapter). Contract for every implementation:
/// - `take_payment` with a `command_id` already answered returns that first answer and takes no
///   second payment; with the same id but another amount or reference it is `CommandIdReused`.
/// - The terminal keeps its own store-and-forward queue across restarts.
/// - Nothing returned ever holds more of a card number than the last four digits.
pub trait PaymentTerminal {
    /// Printed on receipts and recorded with each payment.
    fn terminal_id(&self) -> &str;
    /// True only for `SimulatedTerminal`: the UI labels every simulated payment, and head office
    /// refuses simulated payments from a production device.
    fn is_simulator(&self) -> bool;
    /// Whether the terminal can reach the provider now, for `check_caps`.
    fn connection(&self) -> TerminalConnection;
    fn take_payment(&mut self, request: &TerminalRequest)
        -> Result<TerminalOutcome, TerminalError>;
    /// Forwards every payment held offline and returns the provider's answers; empty when there
    /// was nothing to forward.
    fn forward_pending(&mut self) -> Result<Vec<ForwardResult>, TerminalError>;
}

// ---------------------------------------------------------------------------------------------
// The simulator.

/// What the simulator does with the next payment; the UI offers these as a labelled drop-down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SimulatedOutcome {
    ApprovedOnline,
    ApprovedOffline,
    Declined,
    /// Approved offline, then declined by the provider when forwarded (a late decline).
    DeclinedWhenForwarded,
}

impl SimulatedOutcome {
    /// In drop-down order.
    pub const ALL: [SimulatedOutcome; 4] = [
        SimulatedOutcome::ApprovedOnline,
        SimulatedOutcome::ApprovedOffline,
        SimulatedOutcome::Declined,
        SimulatedOutcome::DeclinedWhenForwarded,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            SimulatedOutcome::ApprovedOnline => "Simulator: approve online",
            SimulatedOutcome::ApprovedOffline => {
                "Simulator: approve offline, authorised when forwarded"
            }
            SimulatedOutcome::Declined => "Simulator: decline at the terminal",
            SimulatedOutcome::DeclinedWhenForwarded => {
                "Simulator: approve offline, declined when forwarded"
            }
        }
    }

    /// The offline outcomes are the simulator pretending to have no signal.
    pub fn connection(&self) -> TerminalConnection {
        match self {
            SimulatedOutcome::ApprovedOnline | SimulatedOutcome::Declined => {
                TerminalConnection::Online
            }
            SimulatedOutcome::ApprovedOffline | SimulatedOutcome::DeclinedWhenForwarded => {
                TerminalConnection::Offline
            }
        }
    }
}

/// The simulator's fixed test card: Visa's public test number ends 4242.
const SIMULATOR_CARD_LAST_FOUR: &str = "4242";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct SimulatedAnswer {
    request: TerminalRequest,
    outcome: TerminalOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct SimulatedPending {
    command_id: Uuid,
    provider_reference: String,
    declines_when_forwarded: bool,
}

/// A terminal that takes no money, for demonstrations, training and tests. Its outcomes are what
/// the caller chose (`choose_outcome`, which stays chosen, as a drop-down shows a current value);
/// its references derive from the command id, so a retry gets the same receipt.
///
/// It is serialisable so the core can save it after every call and restore it at start-up: the
/// fate of a payment held offline ("declined when forwarded") is the terminal's secret until it
/// forwards, exactly as a real terminal keeps its own store-and-forward queue in its own storage,
/// so the core cannot rebuild the queue from its payment records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimulatedTerminal {
    terminal_id: String,
    outcome: SimulatedOutcome,
    receipt_number_last: u64,
    /// Oldest first, at most `SIMULATOR_ANSWERS_REMEMBERED_MAX`.
    answers: VecDeque<SimulatedAnswer>,
    /// Oldest first, at most `SIMULATOR_PENDING_PAYMENTS_MAX`.
    pending: VecDeque<SimulatedPending>,
}

impl SimulatedTerminal {
    /// "SIMULATOR-01" for 1: the id always says simulator, so no simulated payment can pass for a
    /// real terminal's. Approves online until told otherwise.
    pub fn new(simulator_number: u8) -> SimulatedTerminal {
        SimulatedTerminal {
            terminal_id: format!("SIMULATOR-{simulator_number:02}"),
            outcome: SimulatedOutcome::ApprovedOnline,
            receipt_number_last: 0,
            answers: VecDeque::new(),
            pending: VecDeque::new(),
        }
    }

    pub fn choose_outcome(&mut self, outcome: SimulatedOutcome) {
        self.outcome = outcome;
    }

    pub fn outcome(&self) -> SimulatedOutcome {
        self.outcome
    }

    pub fn pending_count(&self) -> usize {
        self.pending.len()
    }

    fn receipt(&self, request: &TerminalRequest, receipt_number: u64) -> TerminalReceipt {
        let (authorisation_code, response_code, response_text) = match self.outcome {
            SimulatedOutcome::ApprovedOnline => (
                Some(simulated_authorisation_code(request.command_id)),
                "00",
                "APPROVED (SIMULATOR)",
            ),
            SimulatedOutcome::ApprovedOffline | SimulatedOutcome::DeclinedWhenForwarded => {
                (None, "Y1", "APPROVED OFFLINE (SIMULATOR)")
            }
            SimulatedOutcome::Declined => (None, "05", "DECLINED (SIMULATOR)"),
        };
        let entry_method = if request.amount <= money_from_pence(CONTACTLESS_PENCE_MAX) {
            CardEntryMethod::Contactless
        } else {
            CardEntryMethod::ChipAndPin
        };
        TerminalReceipt {
            provider_reference: simulated_provider_reference(request.command_id),
            receipt_number: format!("{receipt_number:06}"),
            authorisation_code,
            response_code: response_code.to_string(),
            response_text: response_text.to_string(),
            card: MaskedCard::new(SIMULATOR_CARD_LAST_FOUR, CardScheme::Visa)
                .expect("the simulator's last four are four digits"),
            entry_method,
            terminal_id: self.terminal_id.clone(),
            amount: request.amount,
            taken_at: request.requested_at,
            connection: self.outcome.connection(),
        }
    }
}

/// "SIM-" and the command id: the same command always has the same reference.
fn simulated_provider_reference(command_id: Uuid) -> String {
    format!("SIM-{}", command_id.simple())
}

/// Six digits from the command id, as an authorisation code looks.
fn simulated_authorisation_code(command_id: Uuid) -> String {
    let bytes = command_id.as_bytes();
    let tail = u32::from_be_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]);
    format!("{:06}", tail % 1_000_000)
}

impl PaymentTerminal for SimulatedTerminal {
    fn terminal_id(&self) -> &str {
        &self.terminal_id
    }

    fn is_simulator(&self) -> bool {
        true
    }

    fn connection(&self) -> TerminalConnection {
        self.outcome.connection()
    }

    fn take_payment(
        &mut self,
        request: &TerminalRequest,
    ) -> Result<TerminalOutcome, TerminalError> {
        let answered = self
            .answers
            .iter()
            .find(|answer| answer.request.command_id == request.command_id);
        if let Some(answer) = answered {
            let same_payment = answer.request.amount == request.amount
                && answer.request.payment_reference == request.payment_reference;
            if !same_payment {
                return Err(TerminalError::CommandIdReused {
                    command_id: request.command_id,
                });
            }
            return Ok(answer.outcome.clone());
        }
        if request.amount <= Decimal::ZERO || money_to_pence(request.amount).is_err() {
            return Err(TerminalError::AmountRefused {
                amount: request.amount,
            });
        }
        let held_offline = self.outcome.connection() == TerminalConnection::Offline;
        if held_offline && self.pending.len() >= SIMULATOR_PENDING_PAYMENTS_MAX {
            return Err(TerminalError::PendingQueueFull {
                pending_max: SIMULATOR_PENDING_PAYMENTS_MAX,
            });
        }
        let receipt_number = self.receipt_number_last + 1;
        let receipt = self.receipt(request, receipt_number);
        let decision = match self.outcome {
            SimulatedOutcome::Declined => TerminalDecision::Declined,
            _ => TerminalDecision::Approved,
        };
        let outcome = TerminalOutcome { decision, receipt };
        self.receipt_number_last = receipt_number;
        if held_offline {
            self.pending.push_back(SimulatedPending {
                command_id: request.command_id,
                provider_reference: outcome.receipt.provider_reference.clone(),
                declines_when_forwarded: self.outcome == SimulatedOutcome::DeclinedWhenForwarded,
            });
        }
        while self.answers.len() >= SIMULATOR_ANSWERS_REMEMBERED_MAX {
            self.answers.pop_front();
        }
        self.answers.push_back(SimulatedAnswer {
            request: request.clone(),
            outcome: outcome.clone(),
        });
        assert!(self.pending.len() <= SIMULATOR_PENDING_PAYMENTS_MAX);
        assert!(self.answers.len() <= SIMULATOR_ANSWERS_REMEMBERED_MAX);
        Ok(outcome)
    }

    /// Forwards only while the chosen outcome is an online one: choosing "approve online" is how
    /// the officer gives the simulator its signal back.
    fn forward_pending(&mut self) -> Result<Vec<ForwardResult>, TerminalError> {
        if self.connection() == TerminalConnection::Offline {
            return Err(TerminalError::CannotForwardOffline {
                terminal_id: self.terminal_id.clone(),
            });
        }
        let results = self
            .pending
            .drain(..)
            .map(|pending| {
                let decision = if pending.declines_when_forwarded {
                    ForwardDecision::Declined {
                        response_code: "05".to_string(),
                        response_text: "DECLINED WHEN FORWARDED (SIMULATOR)".to_string(),
                    }
                } else {
                    ForwardDecision::Authorised {
                        authorisation_code: simulated_authorisation_code(pending.command_id),
                    }
                };
                ForwardResult {
                    command_id: pending.command_id,
                    provider_reference: pending.provider_reference,
                    decision,
                }
            })
            .collect();
        Ok(results)
    }
}

// ---------------------------------------------------------------------------------------------
// Card numbers in text.

/// Where a card-number-shaped run was found. Its `Debug` shows the position and the last four
/// only, so it can be logged.
#[derive(Clone, PartialEq, Eq)]
pub struct CardNumberShaped {
    /// Byte offsets into the text searched, for redaction.
    pub byte_range: Range<usize>,
    pub digits_count: usize,
    last_four_digits: [u8; 4],
}

impl CardNumberShaped {
    pub fn last_four(&self) -> &str {
        std::str::from_utf8(&self.last_four_digits).expect("last four are ASCII digits")
    }
}

impl fmt::Debug for CardNumberShaped {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("CardNumberShaped")
            .field("byte_range", &self.byte_range)
            .field("digits_count", &self.digits_count)
            .field("last_four", &self.last_four())
            .finish()
    }
}

/// A maximal run of ASCII digits, by byte offsets.
struct DigitGroup {
    start: usize,
    end: usize,
}

/// The first run of 12 to 19 digits that passes the Luhn check, written whole or in groups
/// joined by a single space or hyphen ("4242 4242 4242 4242", "5555-5555-5555-4444").
///
/// A run is made of whole groups of at least three digits, so a sort code ("12-34-56") never
/// joins the account number after it, nor a country code a phone number. A run of 12 to 19
/// digits is checked whole, never in parts: "4242 4242 4242 4241" fails Luhn, and its first
/// twelve digits passing Luhn by chance (one time in ten) must not make it a card number. A run
/// of more than 19 digits cannot be one card number, so windows of its whole groups are
/// checked: that is a card number written next to another number ("ref 1234 4242 4242 4242
/// 4242"). A single unbroken group of more than 19 digits is some other reference and is not
/// searched inside. Linear in the text: a window holds at most 19 / 3 groups.
pub fn card_number_shaped(text: &str) -> Option<CardNumberShaped> {
    let bytes = text.as_bytes();
    let groups = digit_groups(bytes);
    for run in digit_runs(bytes, &groups) {
        let run_digits_count: usize = run.iter().map(DigitGroup::digits_count).sum();
        let found = if run_digits_count <= CARD_NUMBER_DIGITS_MAX {
            card_number_in_window(bytes, run)
        } else {
            (0..run.len()).find_map(|first| longest_card_number_from(bytes, &run[first..]))
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Maximal sequences of groups of at least `CARD_NUMBER_GROUP_DIGITS_MIN` digits, each joined to
/// the next by a single space or hyphen.
fn digit_runs<'groups>(bytes: &[u8], groups: &'groups [DigitGroup]) -> Vec<&'groups [DigitGroup]> {
    let mut runs = Vec::new();
    let mut first = 0;
    while first < groups.len() {
        if groups[first].digits_count() < CARD_NUMBER_GROUP_DIGITS_MIN {
            first += 1;
            continue;
        }
        let mut end = first + 1;
        while end < groups.len()
            && groups[end].digits_count() >= CARD_NUMBER_GROUP_DIGITS_MIN
            && groups_joined(bytes, &groups[end - 1], &groups[end])
        {
            end += 1;
        }
        runs.push(&groups[first..end]);
        first = end;
    }
    runs
}

/// The longest window of whole groups starting at `groups[0]` that is a card number, so that a
/// redaction covers all of it.
fn longest_card_number_from(bytes: &[u8], groups: &[DigitGroup]) -> Option<CardNumberShaped> {
    let mut longest = None;
    let mut digits_count = 0;
    for end in 1..=groups.len() {
        digits_count += groups[end - 1].digits_count();
        if digits_count > CARD_NUMBER_DIGITS_MAX {
            break;
        }
        if let Some(found) = card_number_in_window(bytes, &groups[..end]) {
            longest = Some(found);
        }
    }
    longest
}

/// `window` whole, if it is 12 to 19 digits that pass Luhn.
fn card_number_in_window(bytes: &[u8], window: &[DigitGroup]) -> Option<CardNumberShaped> {
    let (first, last) = (window.first()?, window.last()?);
    let digits: Vec<u8> = window
        .iter()
        .flat_map(|group| bytes[group.start..group.end].iter().copied())
        .collect();
    let length_fits = (CARD_NUMBER_DIGITS_MIN..=CARD_NUMBER_DIGITS_MAX).contains(&digits.len());
    if !length_fits || !luhn_valid(&digits) {
        return None;
    }
    let last_four = &digits[digits.len() - 4..];
    Some(CardNumberShaped {
        byte_range: first.start..last.end,
        digits_count: digits.len(),
        last_four_digits: [last_four[0], last_four[1], last_four[2], last_four[3]],
    })
}

impl DigitGroup {
    fn digits_count(&self) -> usize {
        self.end - self.start
    }
}

fn digit_groups(bytes: &[u8]) -> Vec<DigitGroup> {
    let mut groups = Vec::new();
    let mut index = 0;
    // ASCII digits are single bytes and never part of a multi-byte UTF-8 character, so byte
    // offsets are safe to slice the text at.
    while index < bytes.len() {
        if bytes[index].is_ascii_digit() {
            let start = index;
            while index < bytes.len() && bytes[index].is_ascii_digit() {
                index += 1;
            }
            groups.push(DigitGroup { start, end: index });
        } else {
            index += 1;
        }
    }
    groups
}

fn groups_joined(bytes: &[u8], before: &DigitGroup, after: &DigitGroup) -> bool {
    after.start == before.end + 1 && matches!(bytes[before.end], b' ' | b'-')
}

/// The Luhn (mod 10) check every payment card number passes (ISO/IEC 7812-1 annex B): from the
/// right, every second digit doubled, digits of the products summed.
fn luhn_valid(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(position, digit)| {
            assert!(digit.is_ascii_digit());
            let value = u32::from(digit - b'0');
            if !position.is_multiple_of(2) {
                let doubled = value * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                value
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// The message never repeats the text: it may hold a real card number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("the {field_name} looks as if it holds a card number, which must never be written down in Doorstep; remove it (it was not saved) and take card payments on the card terminal")]
pub struct CardNumberInFreeText {
    pub field_name: String,
}

/// For every free-text field an officer types (notes, names, references): refuses text holding
/// something card-number-shaped. `field_name` is how the form labels the field, e.g. "visit note".
pub fn check_free_text_has_no_card_number(
    field_name: &str,
    text: &str,
) -> Result<(), CardNumberInFreeText> {
    match card_number_shaped(text) {
        None => Ok(()),
        Some(_) => Err(CardNumberInFreeText {
            field_name: field_name.to_string(),
        }),
    }
}

#[cfg(test)]
mod allocation_tests {
    use super::PaymentAllocation;

    #[test]
    fn allocation_codes_are_the_serde_names() {
        for allocation in PaymentAllocation::ALL {
            let json = serde_json::to_value(allocation).expect("serialises");
            assert_eq!(
                json,
                serde_json::Value::String(allocation.code().to_string())
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).expect("test literal")
    }

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 10, hour, 0, 0)
            .single()
            .expect("test instant")
    }

    fn request(command: u128, amount: &str) -> TerminalRequest {
        TerminalRequest {
            command_id: Uuid::from_u128(command),
            payment_reference: "RENT-000123".to_string(),
            amount: dec(amount),
            requested_at: at(10),
        }
    }

    #[test]
    fn state_table_every_pair() {
        use CardPaymentEvent::*;
        use CardPaymentState::*;
        use LedgerAction::*;
        fn check(
            state_before: Option<CardPaymentState>,
            event: CardPaymentEvent,
            expected: Option<(CardPaymentState, LedgerAction)>,
        ) {
            let actual = apply(state_before, event);
            match expected {
                Some((state_after, ledger_action)) => assert_eq!(
                    actual,
                    Ok(CardPaymentTransition {
                        state_after,
                        ledger_action
                    }),
                    "{state_before:?} + {event:?}"
                ),
                None => assert_eq!(
                    actual,
                    Err(CardPaymentError::IllegalTransition {
                        state_before,
                        event
                    }),
                    "{state_before:?} + {event:?}"
                ),
            }
        }
        const ILLEGAL: Option<(CardPaymentState, LedgerAction)> = None;
        //    before           event                expected
        check(None, ApprovedOnline, Some((Authorised, PostCredit)));
        check(None, ApprovedOffline, Some((Pending, PostCredit)));
        check(None, DeclinedAtTerminal, Some((Declined, Nothing)));
        check(None, ForwardedAuthorised, ILLEGAL);
        check(None, ForwardedDeclined, ILLEGAL);
        check(Some(Pending), ApprovedOnline, ILLEGAL);
        check(Some(Pending), ApprovedOffline, ILLEGAL);
        check(Some(Pending), DeclinedAtTerminal, ILLEGAL);
        check(
            Some(Pending),
            ForwardedAuthorised,
            Some((Authorised, Nothing)),
        );
        check(
            Some(Pending),
            ForwardedDeclined,
            Some((Declined, PostReversal)),
        );
        check(Some(Authorised), ApprovedOnline, ILLEGAL);
        check(Some(Authorised), ApprovedOffline, ILLEGAL);
        check(Some(Authorised), DeclinedAtTerminal, ILLEGAL);
        check(Some(Authorised), ForwardedAuthorised, ILLEGAL);
        check(Some(Authorised), ForwardedDeclined, ILLEGAL);
        check(Some(Declined), ApprovedOnline, ILLEGAL);
        check(Some(Declined), ApprovedOffline, ILLEGAL);
        check(Some(Declined), DeclinedAtTerminal, ILLEGAL);
        check(Some(Declined), ForwardedAuthorised, ILLEGAL);
        check(Some(Declined), ForwardedDeclined, ILLEGAL);
    }

    #[test]
    fn illegal_transition_names_the_states() {
        fn check(state_before: Option<CardPaymentState>, event: CardPaymentEvent, expected: &str) {
            let error = apply(state_before, event).expect_err("illegal");
            assert_eq!(error.to_string(), expected);
        }
        check(
            Some(CardPaymentState::Authorised),
            CardPaymentEvent::ForwardedAuthorised,
            "a card payment that is authorised cannot be authorised when forwarded",
        );
        check(
            Some(CardPaymentState::Declined),
            CardPaymentEvent::DeclinedAtTerminal,
            "a card payment that is declined cannot be declined at the terminal",
        );
        check(
            None,
            CardPaymentEvent::ForwardedDeclined,
            "a card payment that is not yet answered by the terminal cannot be declined when forwarded",
        );
    }

    #[test]
    fn caps() {
        fn check(
            amount: &str,
            offline_pending_total: &str,
            connection: TerminalConnection,
            expected: Result<(), &str>,
        ) {
            let actual = check_caps(
                dec(amount),
                dec(offline_pending_total),
                &CardCaps::default(),
                connection,
            )
            .map_err(|refusal| refusal.to_string());
            assert_eq!(
                actual,
                expected.map_err(str::to_string),
                "{amount} with {offline_pending_total} pending, {connection:?}"
            );
        }
        use TerminalConnection::*;
        //    amount     pending    connection  expected
        check("1000.00", "0", Online, Ok(()));
        check("1000.00", "0", Offline, Ok(()));
        check(
            "1000.01",
            "0",
            Online,
            Err("£1,000.01 is more than one card payment may be (£1,000.00, set by the landlord); no payment was taken"),
        );
        check(
            "1000.01",
            "0",
            Offline,
            Err("£1,000.01 is more than one card payment may be (£1,000.00, set by the landlord); no payment was taken"),
        );
        // Online, what the terminal holds offline does not matter.
        check("500.00", "2500.00", Online, Ok(()));
        check("500.00", "2000.00", Offline, Ok(()));
        check(
            "500.01",
            "2000.00",
            Offline,
            Err("the card terminal is offline and already holds £2,000.00 not yet forwarded (the offline limit is £2,500.00), so at most £500.00 more can be taken offline and £500.01 was not taken; take £500.00 or less, or reconnect the terminal first"),
        );
        check(
            "0.01",
            "2500.00",
            Offline,
            Err("the card terminal is offline and already holds £2,500.00 not yet forwarded (the offline limit is £2,500.00), so no more can be taken offline and £0.01 was not taken; reconnect the terminal to forward its payments first"),
        );
        check("0.01", "2499.99", Offline, Ok(()));
        check(
            "0",
            "0",
            Online,
            Err("a card payment must be more than £0.00, not £0.00"),
        );
        check(
            "-5",
            "0",
            Online,
            Err("a card payment must be more than £0.00, not -£5.00"),
        );
        check(
            "10.005",
            "0",
            Online,
            Err("10.005 has a fraction of a penny; a card payment is in pounds and pence"),
        );
        check(
            "100000000000000000000",
            "0",
            Online,
            Err("£100,000,000,000,000,000,000.00 is more than one card payment may be (£1,000.00, set by the landlord); no payment was taken"),
        );
    }

    #[test]
    fn caps_are_settings_with_serde() {
        let caps = CardCaps::default();
        assert_eq!(caps.payment_max, dec("1000.00"));
        assert_eq!(caps.offline_total_max, dec("2500.00"));
        let json = serde_json::to_string(&caps).expect("serialise");
        let back: CardCaps = serde_json::from_str(&json).expect("deserialise");
        assert_eq!(back, caps);
    }

    #[test]
    fn masked_card() {
        fn check(masked_number: &str, expected: Result<&str, MaskedCardError>) {
            let actual = MaskedCard::new(masked_number, CardScheme::Visa);
            assert_eq!(
                actual
                    .as_ref()
                    .map(MaskedCard::last_four)
                    .map_err(|error| *error),
                expected,
                "{masked_number}"
            );
        }
        use MaskedCardError::*;
        check("1234", Ok("1234"));
        check("************1234", Ok("1234"));
        check("**** **** **** 1234", Ok("1234"));
        check("XXXX-XXXX-XXXX-0004", Ok("0004"));
        check("•••• 4242", Ok("4242"));
        check("  1234  ", Ok("1234"));
        // Refused for holding more than the last four, however it is written.
        check("4242424242424242", Err(MoreDigitsThanLastFour));
        check("4242 4242 4242 4242", Err(MoreDigitsThanLastFour));
        check("424242******4242", Err(MoreDigitsThanLastFour));
        check("4242********4242", Err(MoreDigitsThanLastFour));
        check("12345", Err(MoreDigitsThanLastFour));
        check("1****1234", Err(MoreDigitsThanLastFour));
        // Not a last four at all.
        check("", Err(NotLastFour));
        check("123", Err(NotLastFour));
        check("****", Err(NotLastFour));
        check("1234****", Err(NotLastFour));
        check("12**34", Err(NotLastFour));
        check("card 1234", Err(NotLastFour));
        check("١٢٣٤", Err(NotLastFour)); // Arabic-Indic digits are not ASCII digits
        check(&format!("{}1234", "*".repeat(40)), Err(NotLastFour));
    }

    #[test]
    fn masked_card_shows_only_last_four() {
        let card = MaskedCard::new("************4242", CardScheme::Mastercard).expect("valid");
        assert_eq!(card.to_string(), "Mastercard ending 4242");
        assert_eq!(
            format!("{card:?}"),
            r#"MaskedCard { scheme: Mastercard, last_four: "4242" }"#
        );
        let json = serde_json::to_string(&card).expect("serialise");
        assert_eq!(json, r#"{"last_four":"4242","scheme":"mastercard"}"#);
        assert_eq!(
            serde_json::from_str::<MaskedCard>(&json).expect("deserialise"),
            card
        );
        // Reading back goes through the constructor: a stored PAN is refused, and not echoed.
        let error = serde_json::from_str::<MaskedCard>(
            r#"{"last_four":"4242424242424242","scheme":"visa"}"#,
        )
        .expect_err("refused");
        assert!(!error.to_string().contains("4242424242"), "{error}");
    }

    #[test]
    fn detector() {
        fn check(text: &str, expected: Option<(&str, usize)>) {
            let actual = card_number_shaped(text)
                .map(|found| (&text[found.byte_range.clone()], found.digits_count));
            assert_eq!(actual, expected, "{text:?}");
        }
        // Public test card numbers.
        check("4242424242424242", Some(("4242424242424242", 16)));
        check(
            "paid with 4242 4242 4242 4242 today",
            Some(("4242 4242 4242 4242", 16)),
        );
        check("5555-5555-5555-4444", Some(("5555-5555-5555-4444", 16)));
        check("Amex 3782 822463 10005", Some(("3782 822463 10005", 15)));
        check("4000 0566 5566 5556.", Some(("4000 0566 5566 5556", 16)));
        check("£4242424242424242£", Some(("4242424242424242", 16))); // multi-byte neighbours
                                                                     // Beside another number, still found.
        check(
            "ref 1234 4242 4242 4242 4242",
            Some(("4242 4242 4242 4242", 16)),
        );
        check(
            "tel 44 4242 4242 4242 4242",
            Some(("4242 4242 4242 4242", 16)),
        );
        // Not card numbers.
        check("12-34-56 12345678", None); // sort code and account number
        check("12-34-56 12345673", None); // ...even when the 14 digits pass Luhn
        check("07700 900123", None); // mobile phone
        check("+44 20 7946 0958", None);
        check("0161 496 0000", None);
        check("01614960070", None); // 11 digits
        check("4242 4242 4242 4241", None); // Luhn fails
                                            // Two spaces end a run: here the twelve digits after them happen to pass Luhn.
        check("4242  4242 4242 4242", Some(("4242 4242 4242", 12)));
        check("4242 4242 4242 4241 4242", Some(("4242 4242 4242", 12))); // 20 digits: windows
        check("42424242424242424242", None); // 20 digits: another kind of reference
        check("4242424242424242424242", None);
        check("", None);
        check("no digits here", None);
        check("arrears £1,234.56 since 01-04-2025", None);
    }

    #[test]
    fn free_text_refusal_does_not_echo() {
        assert_eq!(
            check_free_text_has_no_card_number("visit note", "Tenant at work"),
            Ok(())
        );
        let error = check_free_text_has_no_card_number(
            "visit note",
            "Card is 4242 4242 4242 4242 exp 12/30",
        )
        .expect_err("refused");
        let message = error.to_string();
        assert!(message.starts_with("the visit note looks as if it holds a card number"));
        assert!(
            !message.chars().any(|character| character.is_ascii_digit()),
            "{message}"
        );
        let found = card_number_shaped("x 5555555555554444").expect("found");
        assert_eq!(found.last_four(), "4444");
        assert_eq!(
            format!("{found:?}"),
            r#"CardNumberShaped { byte_range: 2..18, digits_count: 16, last_four: "4444" }"#
        );
    }

    #[test]
    fn payment_event_checks_the_receipt() {
        let mut simulator = SimulatedTerminal::new(1);
        let asked = request(1, "25.00");
        let outcome = simulator.take_payment(&asked).expect("approved");
        assert_eq!(
            payment_event(&asked, &outcome),
            Ok(CardPaymentEvent::ApprovedOnline)
        );
        let mut other_amount = outcome.clone();
        other_amount.receipt.amount = dec("52.00");
        assert_eq!(
            payment_event(&asked, &other_amount),
            Err(CardPaymentError::ReceiptAmountDiffers {
                requested_amount: dec("25.00"),
                receipt_amount: dec("52.00"),
            })
        );
        let mut no_code = outcome;
        no_code.receipt.authorisation_code = None;
        assert_eq!(
            payment_event(&asked, &no_code),
            Err(CardPaymentError::AuthorisationCodeMissing)
        );
    }

    #[test]
    fn simulator_outcomes() {
        use CardPaymentEvent::*;
        fn check(
            outcome: SimulatedOutcome,
            amount: &str,
            expected_event: CardPaymentEvent,
            expected_entry_method: CardEntryMethod,
        ) {
            let mut simulator = SimulatedTerminal::new(1);
            simulator.choose_outcome(outcome);
            let asked = request(7, amount);
            let answer = simulator.take_payment(&asked).expect("answered");
            assert_eq!(
                payment_event(&asked, &answer),
                Ok(expected_event),
                "{outcome:?}"
            );
            let receipt = &answer.receipt;
            assert_eq!(receipt.terminal_id, "SIMULATOR-01");
            assert_eq!(receipt.card.to_string(), "Visa ending 4242");
            assert_eq!(receipt.entry_method, expected_entry_method);
            assert_eq!(receipt.taken_at, at(10));
            assert_eq!(receipt.receipt_number, "000001");
            assert_eq!(
                receipt.provider_reference,
                "SIM-00000000000000000000000000000007"
            );
            assert_eq!(receipt.connection, outcome.connection());
            assert_eq!(
                receipt.authorisation_code.is_some(),
                expected_event == ApprovedOnline
            );
            let expected_pending = usize::from(expected_event == ApprovedOffline);
            assert_eq!(simulator.pending_count(), expected_pending);
            assert!(card_number_shaped(&format!("{answer:?}")).is_none());
        }
        use CardEntryMethod::*;
        use SimulatedOutcome as Simulated;
        check(
            Simulated::ApprovedOnline,
            "100.00",
            ApprovedOnline,
            Contactless,
        );
        check(
            Simulated::ApprovedOnline,
            "100.01",
            ApprovedOnline,
            ChipAndPin,
        );
        check(
            Simulated::ApprovedOffline,
            "40.00",
            ApprovedOffline,
            Contactless,
        );
        check(
            Simulated::Declined,
            "40.00",
            DeclinedAtTerminal,
            Contactless,
        );
        check(
            Simulated::DeclinedWhenForwarded,
            "40.00",
            ApprovedOffline,
            Contactless,
        );
    }

    #[test]
    fn simulator_retry_is_the_same_payment() {
        let mut simulator = SimulatedTerminal::new(2);
        let first = simulator.take_payment(&request(1, "30.00")).expect("first");
        // The officer changed the drop-down in between; a retry is still the first answer.
        simulator.choose_outcome(SimulatedOutcome::Declined);
        let retry = simulator.take_payment(&request(1, "30.00")).expect("retry");
        assert_eq!(retry, first);
        let second = simulator
            .take_payment(&request(2, "30.00"))
            .expect("second");
        assert_eq!(first.receipt.receipt_number, "000001");
        assert_eq!(second.receipt.receipt_number, "000002");
        assert_eq!(second.decision, TerminalDecision::Declined);
        assert_eq!(
            simulator.take_payment(&request(1, "31.00")),
            Err(TerminalError::CommandIdReused {
                command_id: Uuid::from_u128(1)
            })
        );
        assert_eq!(
            simulator.take_payment(&request(3, "0")),
            Err(TerminalError::AmountRefused { amount: dec("0") })
        );
        assert!(simulator.is_simulator());
        assert_eq!(simulator.terminal_id(), "SIMULATOR-02");
    }

    #[test]
    fn simulator_forwards_after_restart() {
        let mut simulator = SimulatedTerminal::new(1);
        simulator.choose_outcome(SimulatedOutcome::ApprovedOffline);
        simulator
            .take_payment(&request(1, "10.00"))
            .expect("offline");
        simulator.choose_outcome(SimulatedOutcome::DeclinedWhenForwarded);
        simulator
            .take_payment(&request(2, "20.00"))
            .expect("offline");
        assert_eq!(simulator.connection(), TerminalConnection::Offline);
        assert_eq!(
            simulator.forward_pending(),
            Err(TerminalError::CannotForwardOffline {
                terminal_id: "SIMULATOR-01".to_string()
            })
        );
        // The app restarts: the core saved the simulator and reads it back.
        let saved = serde_json::to_string(&simulator).expect("serialise");
        let mut simulator: SimulatedTerminal = serde_json::from_str(&saved).expect("restore");
        assert_eq!(simulator.pending_count(), 2);
        simulator.choose_outcome(SimulatedOutcome::ApprovedOnline);
        let results = simulator.forward_pending().expect("forwarded");
        let events: Vec<(Uuid, CardPaymentEvent)> = results
            .iter()
            .map(|result| (result.command_id, result.event()))
            .collect();
        assert_eq!(
            events,
            vec![
                (Uuid::from_u128(1), CardPaymentEvent::ForwardedAuthorised),
                (Uuid::from_u128(2), CardPaymentEvent::ForwardedDeclined),
            ]
        );
        assert_eq!(simulator.forward_pending(), Ok(vec![]));
        // The receipt numbers carried on across the restart.
        let next = simulator.take_payment(&request(3, "5.00")).expect("online");
        assert_eq!(next.receipt.receipt_number, "000003");
    }

    #[test]
    fn simulator_pending_queue_is_bounded() {
        let mut simulator = SimulatedTerminal::new(1);
        simulator.choose_outcome(SimulatedOutcome::ApprovedOffline);
        for command in 0..SIMULATOR_PENDING_PAYMENTS_MAX {
            simulator
                .take_payment(&request(command as u128 + 1, "1.00"))
                .expect("room");
        }
        assert_eq!(
            simulator.take_payment(&request(100_000, "1.00")),
            Err(TerminalError::PendingQueueFull {
                pending_max: SIMULATOR_PENDING_PAYMENTS_MAX
            })
        );
        // A retry of a pending payment is still answered.
        assert!(simulator.take_payment(&request(1, "1.00")).is_ok());
    }

    #[test]
    fn simulator_drop_down() {
        let labels: Vec<&str> = SimulatedOutcome::ALL.iter().map(|o| o.label()).collect();
        assert_eq!(
            labels,
            vec![
                "Simulator: approve online",
                "Simulator: approve offline, authorised when forwarded",
                "Simulator: decline at the terminal",
                "Simulator: approve offline, declined when forwarded",
            ]
        );
    }

    /// A 16-digit number that passes Luhn: 15 given digits and the check digit.
    fn with_check_digit(digits: &[u8]) -> String {
        let mut text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        let check = (0..10u8)
            .find(|candidate| {
                let mut candidate_text = text.clone();
                candidate_text.push(char::from(b'0' + candidate));
                luhn_valid(candidate_text.as_bytes())
            })
            .expect("one check digit fits");
        text.push(char::from(b'0' + check));
        text
    }

    proptest! {
        #[test]
        fn detector_never_panics(text in any::<String>()) {
            let _ = card_number_shaped(&text);
        }

        #[test]
        fn detector_never_panics_on_digit_soup(text in "[0-9 \\-a£]{0,60}") {
            if let Some(found) = card_number_shaped(&text) {
                prop_assert!(found.digits_count >= CARD_NUMBER_DIGITS_MIN);
                prop_assert!(found.digits_count <= CARD_NUMBER_DIGITS_MAX);
                prop_assert!(text.get(found.byte_range.clone()).is_some());
            }
        }

        #[test]
        fn detector_finds_any_luhn_number(
            digits in proptest::collection::vec(0u8..10, 15),
            before in "[a-z £]{0,10}",
            after in "[a-z £.]{0,10}",
        ) {
            let number = with_check_digit(&digits);
            let text = format!("{before} {number} {after}");
            let found = card_number_shaped(&text);
            prop_assert!(found.is_some(), "{}", text);
        }

        #[test]
        fn masked_card_never_holds_more_than_four_digits(text in any::<String>()) {
            check_masked_card_digits(&text)?;
        }

        #[test]
        fn masked_card_never_holds_more_than_four_digits_from_digit_soup(
            text in "[0-9*X \\-]{0,24}",
        ) {
            check_masked_card_digits(&text)?;
        }
    }

    fn check_masked_card_digits(text: &str) -> Result<(), TestCaseError> {
        if let Ok(card) = MaskedCard::new(text, CardScheme::Other) {
            prop_assert_eq!(text.chars().filter(char::is_ascii_digit).count(), 4);
            prop_assert!(text.trim().ends_with(card.last_four()));
            prop_assert_eq!(card.last_four().len(), 4);
            let shown = format!("{card} {card:?}");
            prop_assert_eq!(shown.chars().filter(char::is_ascii_digit).count(), 8);
        }
        Ok(())
    }
}
