//! The ledger: charges from the schedule, then payments from a tenant behaviour profile.
//!
//! Each profile pays one or more payment streams (a Direct Debit, Housing Benefit 4-weekly in
//! arrears, Universal Credit monthly and often late or short, cash at the office...). A tenant's
//! own stream pays what fell due since its last payment, nudged towards the profile's target
//! balance, so balances settle where real ones do: most within a few hundred pounds, a tail of
//! 4–20 weeks' arrears, a few over £3,000, and some in credit.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime};
use doorstep_domain::benefits::{Benefit, BenefitAward, BenefitPaidTo};
use doorstep_domain::ledger::{reversal_of, reverse, ChargeKind, Entry, EntryKind, PaymentMethod};
use doorstep_domain::money::round_money;
use doorstep_domain::rent_schedule::{monday_of, RentFrequency};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rust_decimal::{Decimal, RoundingStrategy};
use uuid::{Builder, Uuid};

use crate::rent::RentPlan;

/// Posting order within one day: what was owed before, then what fell due, then what was paid,
/// then what was undone.
const RANK_BROUGHT_FORWARD: u8 = 0;
const RANK_CHARGE: u8 = 1;
const RANK_PAYMENT: u8 = 2;
const RANK_REVERSAL: u8 = 3;

/// The missed-payment run, when an account has one, falls within this many weeks before today.
const MISSED_RUN_RECENT_WEEKS: u64 = 13;

#[derive(Clone, Copy)]
enum Cadence {
    EveryDays {
        first: NaiveDate,
        period_days: u64,
    },
    /// `in_advance`: a Direct Debit or standing order pays the coming month's charges; Universal
    /// Credit is paid monthly in arrears, so its payer covers the month gone.
    MonthlyOnDay {
        day_of_month: u32,
        in_advance: bool,
    },
}

struct Stream {
    method: PaymentMethod,
    cadence: Cadence,
    /// Thousandths of the charges due in the period that this stream pays.
    share_permille: i64,
    /// Whether the payer steers towards the target balance (a tenant does; Housing Benefit
    /// pays its award regardless).
    steers: bool,
    /// Each payment is this many thousandths of what it meant to pay, drawn per payment.
    ratio_permille: (i64, i64),
    miss_probability: f64,
    late_days_max: u64,
    /// Cash and PayPoint payers often pay round pounds.
    round_to_five_pounds: bool,
}

struct Profile {
    streams: Vec<Stream>,
    target_balance: Decimal,
    brought_forward: Decimal,
    /// A fraction of the gap to the target closed at each payment, in thousandths.
    steer_permille: i64,
    may_have_missed_run: bool,
}

fn pounds(rng: &mut ChaCha8Rng, pounds_min: i64, pounds_max: i64) -> Decimal {
    Decimal::new(rng.gen_range(pounds_min * 100..=pounds_max * 100), 2)
}

fn first_weekday_on_or_after(date: NaiveDate, days_after_monday: u64) -> NaiveDate {
    let monday = monday_of(date);
    let candidate = monday
        .checked_add_days(Days::new(days_after_monday))
        .unwrap_or(monday);
    if candidate >= date {
        candidate
    } else {
        candidate
            .checked_add_days(Days::new(7))
            .unwrap_or(candidate)
    }
}

fn tenant_method(rng: &mut ChaCha8Rng) -> PaymentMethod {
    match rng.gen_range(0..10) {
        0..=4 => PaymentMethod::Card,
        5..=7 => PaymentMethod::PayPoint,
        _ => PaymentMethod::CashOffice,
    }
}

fn tenant_stream(
    rng: &mut ChaCha8Rng,
    plan: &RentPlan,
    ratio_permille: (i64, i64),
    miss_probability: f64,
) -> Stream {
    let method = tenant_method(rng);
    let period_days = if rng.gen_bool(0.7) { 7 } else { 14 };
    Stream {
        method,
        cadence: Cadence::EveryDays {
            first: first_weekday_on_or_after(plan.ledger_start, rng.gen_range(0..5)),
            period_days,
        },
        share_permille: 1000,
        steers: true,
        ratio_permille,
        miss_probability,
        late_days_max: 3,
        round_to_five_pounds: method != PaymentMethod::Card && rng.gen_bool(0.6),
    }
}

fn direct_debit_stream(rng: &mut ChaCha8Rng, plan: &RentPlan, method: PaymentMethod) -> Stream {
    // Weekly accounts collect weekly on the Monday or monthly; monthly accounts on the due day.
    let cadence = match plan.schedule.frequency {
        RentFrequency::Weekly if rng.gen_bool(0.5) => Cadence::EveryDays {
            first: monday_of(plan.ledger_start),
            period_days: 7,
        },
        RentFrequency::Weekly => Cadence::MonthlyOnDay {
            day_of_month: [1, 15, 28][rng.gen_range(0..3)],
            in_advance: true,
        },
        _ => Cadence::MonthlyOnDay {
            day_of_month: plan.tenancy_start.day(),
            in_advance: true,
        },
    };
    Stream {
        method,
        cadence,
        share_permille: 1000,
        steers: true,
        ratio_permille: (1000, 1000),
        miss_probability: 0.004,
        late_days_max: 0,
        round_to_five_pounds: false,
    }
}

fn housing_benefit_stream(rng: &mut ChaCha8Rng, plan: &RentPlan, share_permille: i64) -> Stream {
    // Housing Benefit is paid 4-weekly in arrears, direct to the landlord (DOMAIN.md).
    let first = plan
        .ledger_start
        .checked_add_days(Days::new(7 * rng.gen_range(1..=4)))
        .unwrap_or(plan.ledger_start);
    Stream {
        method: PaymentMethod::HousingBenefit,
        cadence: Cadence::EveryDays {
            first: monday_of(first),
            period_days: 28,
        },
        share_permille,
        steers: false,
        ratio_permille: (1000, 1000),
        // A suspended claim is backdated once sorted, so the demo does not model missed awards.
        miss_probability: 0.0,
        late_days_max: 0,
        round_to_five_pounds: false,
    }
}

fn universal_credit_stream(rng: &mut ChaCha8Rng) -> Stream {
    // Universal Credit is paid monthly in arrears; the tenant pays once it arrives, often late
    // and sometimes short (DOMAIN.md, technical arrears).
    Stream {
        method: PaymentMethod::UniversalCredit,
        cadence: Cadence::MonthlyOnDay {
            day_of_month: rng.gen_range(1..=28),
            in_advance: false,
        },
        share_permille: 1000,
        steers: true,
        ratio_permille: (930, 1040),
        miss_probability: 0.04,
        late_days_max: 12,
        round_to_five_pounds: false,
    }
}

/// A profile's numbers before the random draws: (streams, target balance range in pounds,
/// brought-forward range in pounds, steer in thousandths, whether a missed run may happen).
type ProfileShape = (Vec<Stream>, (i64, i64), (i64, i64), i64, bool);

fn choose_profile(rng: &mut ChaCha8Rng, plan: &RentPlan) -> Profile {
    let (streams, target, brought_forward, steer_permille, may_have_missed_run) =
        profile_shape(rng, plan);
    Profile {
        streams,
        target_balance: pounds(rng, target.0, target.1),
        brought_forward: pounds(rng, brought_forward.0, brought_forward.1),
        steer_permille,
        may_have_missed_run,
    }
}

fn profile_shape(rng: &mut ChaCha8Rng, plan: &RentPlan) -> ProfileShape {
    match rng.gen_range(0..100) {
        // Pays in full by Direct Debit; arrears (a returned payment) are collected with the next.
        0..=23 => (
            vec![direct_debit_stream(rng, plan, PaymentMethod::DirectDebit)],
            (0, 0),
            (-50, 150),
            300,
            true,
        ),
        // Standing order: a fixed amount that the tenant updates after each April.
        24..=31 => {
            let mut stream = direct_debit_stream(rng, plan, PaymentMethod::StandingOrder);
            stream.ratio_permille = (995, 1010);
            (vec![stream], (0, 0), (-80, 120), 50, true)
        }
        // Pays by card, PayPoint or at the cash office, more or less in full.
        32..=45 => (
            vec![tenant_stream(rng, plan, (970, 1030), 0.05)],
            (-50, 200),
            (-50, 300),
            150,
            true,
        ),
        // Housing Benefit covers the full charge: book arrears are only the 4-week lag.
        46..=59 => (
            vec![housing_benefit_stream(rng, plan, 1000)],
            (0, 0),
            (0, 100),
            0,
            false,
        ),
        // Partial Housing Benefit; the tenant tops up the rest, not always.
        60..=67 => {
            let share = rng.gen_range(450..=850);
            let mut top_up = tenant_stream(rng, plan, (850, 1050), 0.12);
            top_up.share_permille = 1000 - share;
            (
                vec![housing_benefit_stream(rng, plan, share), top_up],
                (0, 250),
                (0, 600),
                150,
                true,
            )
        }
        // Universal Credit claimant paying monthly.
        68..=82 => (
            vec![universal_credit_stream(rng)],
            (-150, 150),
            (0, 800),
            300,
            true,
        ),
        // Struggling: misses payments and pays short; 4 to 20 weeks behind.
        83..=91 => (
            vec![tenant_stream(rng, plan, (820, 1000), 0.15)],
            (400, 2_200),
            (200, 1_500),
            100,
            true,
        ),
        // Serious arrears: over £3,000, the accounts heading for court.
        92..=95 => (
            vec![tenant_stream(rng, plan, (750, 1000), 0.2)],
            (3_100, 4_500),
            (2_500, 4_000),
            80,
            true,
        ),
        // Pays ahead and sits in credit.
        _ => {
            let method = if rng.gen_bool(0.5) {
                PaymentMethod::DirectDebit
            } else {
                PaymentMethod::StandingOrder
            };
            let mut stream = direct_debit_stream(rng, plan, method);
            stream.ratio_permille = (1000, 1030);
            (vec![stream], (-400, -40), (-300, -20), 200, false)
        }
    }
}

/// Ledger entries by cumulative charge, so "due in this period" is two binary searches.
struct ChargeTotals {
    due_dates: Vec<NaiveDate>,
    /// `cumulative[i]` is everything due on or before `due_dates[i]`.
    cumulative: Vec<Decimal>,
}

impl ChargeTotals {
    fn due_up_to(&self, date: NaiveDate) -> Decimal {
        let count = self.due_dates.partition_point(|due_on| *due_on <= date);
        if count == 0 {
            Decimal::ZERO
        } else {
            self.cumulative[count - 1]
        }
    }

    fn due_after_until(&self, after: NaiveDate, until: NaiveDate) -> Decimal {
        self.due_up_to(until) - self.due_up_to(after)
    }
}

fn entry_id(rng: &mut ChaCha8Rng, posted_on: NaiveDate) -> Uuid {
    // UUIDv7-shaped so ids sort roughly by posting date, as ids made by the app will; the
    // random part comes from the seeded stream, never the clock or the OS.
    let millis = posted_on
        .and_time(NaiveTime::MIN)
        .and_utc()
        .timestamp_millis()
        .max(0) as u64;
    let random_bytes: [u8; 10] = rng.gen();
    Builder::from_unix_timestamp_millis(millis, &random_bytes).into_uuid()
}

fn charge_description(charge: ChargeKind, due_on: NaiveDate, frequency: RentFrequency) -> String {
    let period = match frequency {
        RentFrequency::Monthly => "month from",
        _ => "week commencing",
    };
    format!(
        "{} for {period} {}",
        charge.label(),
        due_on.format("%-d %B %Y")
    )
}

/// The account's ledger, in posting order.
pub(crate) fn ledger(rng: &mut ChaCha8Rng, plan: &RentPlan, today: NaiveDate) -> Vec<Entry> {
    let profile = choose_profile(rng, plan);
    let mut ranked: Vec<(u8, Entry)> = Vec::new();

    let mut brought_forward = Decimal::ZERO;
    if plan.has_balance_brought_forward() && !profile.brought_forward.is_zero() {
        brought_forward = profile.brought_forward;
        ranked.push((
            RANK_BROUGHT_FORWARD,
            Entry {
                id: entry_id(rng, plan.ledger_start),
                posted_on: plan.ledger_start,
                kind: EntryKind::Adjustment,
                amount: brought_forward,
                description: "Balance brought forward".to_string(),
            },
        ));
    }

    let charges = plan.schedule.charges_between(plan.ledger_start, today);
    let mut totals = ChargeTotals {
        due_dates: Vec::with_capacity(charges.len()),
        cumulative: Vec::with_capacity(charges.len()),
    };
    let mut running = Decimal::ZERO;
    for charge in &charges {
        running += charge.amount;
        totals.due_dates.push(charge.due_on);
        totals.cumulative.push(running);
        ranked.push((
            RANK_CHARGE,
            Entry {
                id: entry_id(rng, charge.due_on),
                posted_on: charge.due_on,
                kind: EntryKind::Charge {
                    charge: charge.charge,
                },
                amount: charge.amount,
                description: charge_description(
                    charge.charge,
                    charge.due_on,
                    plan.schedule.frequency,
                ),
            },
        ));
    }

    let missed_run = missed_run(rng, &profile, today);
    let payments = post_payments(
        rng,
        plan,
        &profile,
        &totals,
        brought_forward,
        missed_run,
        today,
    );
    ranked.extend(payments);
    // A stable sort: on one day, the schedule's order (rent before service charge) and the
    // order payments were made are kept.
    ranked.sort_by_key(|(rank, entry)| (entry.posted_on, *rank));
    ranked.into_iter().map(|(_, entry)| entry).collect()
}

/// About one account in ten stops paying for 3 to 9 weeks ending within the last few weeks.
fn missed_run(
    rng: &mut ChaCha8Rng,
    profile: &Profile,
    today: NaiveDate,
) -> Option<(NaiveDate, NaiveDate)> {
    if !profile.may_have_missed_run || !rng.gen_bool(0.1) {
        return None;
    }
    let weeks_long = rng.gen_range(3..=9);
    let ends_weeks_ago = rng.gen_range(0..=MISSED_RUN_RECENT_WEEKS - weeks_long);
    let ends = today.checked_sub_days(Days::new(7 * ends_weeks_ago))?;
    let starts = ends.checked_sub_days(Days::new(7 * weeks_long))?;
    Some((starts, ends))
}

/// Each payment's nominal date and the charges it covers: those due after the first date of the
/// pair, up to and including the second.
fn nominal_dates(
    cadence: Cadence,
    from: NaiveDate,
    today: NaiveDate,
) -> Vec<((NaiveDate, NaiveDate), NaiveDate)> {
    let mut dates = Vec::new();
    match cadence {
        Cadence::EveryDays { first, period_days } => {
            let mut date = first;
            while date <= today {
                let Some(previous) = date.checked_sub_days(Days::new(period_days)) else {
                    break;
                };
                dates.push(((previous, date), date));
                let Some(next) = date.checked_add_days(Days::new(period_days)) else {
                    break;
                };
                date = next;
            }
        }
        Cadence::MonthlyOnDay {
            day_of_month,
            in_advance,
        } => {
            let Some(anchor) = NaiveDate::from_ymd_opt(from.year(), from.month(), 1) else {
                return dates;
            };
            for months in 0.. {
                let Some(month_start) = anchor.checked_add_months(Months::new(months)) else {
                    break;
                };
                let Some(date) = day_in_month(month_start, day_of_month) else {
                    break;
                };
                if date > today {
                    break;
                }
                if date >= from {
                    let covers = if in_advance {
                        // The day before this date to the day before the next one.
                        let next = day_in_month(
                            month_start
                                .checked_add_months(Months::new(1))
                                .unwrap_or(month_start),
                            day_of_month,
                        );
                        (
                            date.pred_opt().unwrap_or(date),
                            next.and_then(|next| next.pred_opt()).unwrap_or(date),
                        )
                    } else {
                        (
                            date.checked_sub_months(Months::new(1)).unwrap_or(date),
                            date,
                        )
                    };
                    dates.push((covers, date));
                }
            }
        }
    }
    dates
}

/// Day `day_of_month` of the month starting `month_start`, clamped to the month's last day.
fn day_in_month(month_start: NaiveDate, day_of_month: u32) -> Option<NaiveDate> {
    let month_end = month_start.checked_add_months(Months::new(1))?.pred_opt()?;
    month_start.with_day(day_of_month.clamp(1, month_end.day()))
}

struct Scheduled {
    stream_index: usize,
    covers: (NaiveDate, NaiveDate),
    nominal: NaiveDate,
}

fn post_payments(
    rng: &mut ChaCha8Rng,
    plan: &RentPlan,
    profile: &Profile,
    totals: &ChargeTotals,
    brought_forward: Decimal,
    missed_run: Option<(NaiveDate, NaiveDate)>,
    today: NaiveDate,
) -> Vec<(u8, Entry)> {
    let mut scheduled: Vec<Scheduled> = Vec::new();
    for (stream_index, stream) in profile.streams.iter().enumerate() {
        for (covers, nominal) in nominal_dates(stream.cadence, plan.ledger_start, today) {
            scheduled.push(Scheduled {
                stream_index,
                covers,
                nominal,
            });
        }
    }
    scheduled.sort_by_key(|payment| (payment.nominal, payment.stream_index));

    // Payments and reversals go in `posted` as they happen so `reverse` can see the original.
    let mut posted: Vec<Entry> = Vec::new();
    let mut ranks: Vec<u8> = Vec::new();
    let mut paid = Decimal::ZERO;
    for payment in scheduled {
        let stream = &profile.streams[payment.stream_index];
        let in_missed_run = missed_run
            .is_some_and(|(starts, ends)| payment.nominal >= starts && payment.nominal <= ends);
        if in_missed_run || rng.gen_bool(stream.miss_probability) {
            continue;
        }
        let posted_on = payment
            .nominal
            .checked_add_days(Days::new(rng.gen_range(0..=stream.late_days_max)))
            .unwrap_or(payment.nominal);
        if posted_on > today {
            continue;
        }
        let due = totals.due_after_until(payment.covers.0, payment.covers.1)
            * Decimal::new(stream.share_permille, 3);
        // What was owed before the period this payment covers: the gap a payer steers on.
        let carried =
            brought_forward + totals.due_up_to(payment.covers.0.min(payment.nominal)) + paid;
        let steer = if stream.steers {
            (carried - profile.target_balance) * Decimal::new(profile.steer_permille, 3)
        } else {
            Decimal::ZERO
        };
        let ratio = Decimal::new(
            rng.gen_range(stream.ratio_permille.0..=stream.ratio_permille.1),
            3,
        );
        let mut amount = round_money((due + steer) * ratio);
        if stream.round_to_five_pounds {
            amount = (amount / Decimal::from(5))
                .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
                * Decimal::from(5);
        }
        if amount <= Decimal::ZERO {
            continue;
        }
        let payment_entry = Entry {
            id: entry_id(rng, posted_on),
            posted_on,
            kind: EntryKind::Payment {
                method: stream.method,
            },
            amount: -amount,
            description: payment_description(stream.method, payment.covers),
        };
        paid -= amount;
        let payment_id = payment_entry.id;
        posted.push(payment_entry);
        ranks.push(RANK_PAYMENT);
        if let Some(reversal) =
            maybe_reverse(rng, &posted, payment_id, stream.method, posted_on, today)
        {
            paid += reversal.amount;
            posted.push(reversal);
            ranks.push(RANK_REVERSAL);
        }
    }
    ranks.into_iter().zip(posted).collect()
}

fn payment_description(method: PaymentMethod, covers: (NaiveDate, NaiveDate)) -> String {
    match method {
        PaymentMethod::HousingBenefit => {
            let from = covers.0.checked_add_days(Days::new(1)).unwrap_or(covers.0);
            format!(
                "Housing Benefit {} to {}",
                from.format("%-d %b %Y"),
                covers.1.format("%-d %b %Y")
            )
        }
        PaymentMethod::CashOffice => "Paid at the cash office".to_string(),
        PaymentMethod::PayPoint => "PayPoint, paid at a Post Office".to_string(),
        other => other.label().to_string(),
    }
}

/// Sometimes a payment is undone: a Direct Debit returned unpaid a few days later, or a card or
/// cash payment put on the wrong account. Always by `domain::ledger::reverse`, never an edit.
fn maybe_reverse(
    rng: &mut ChaCha8Rng,
    posted: &[Entry],
    payment_id: Uuid,
    method: PaymentMethod,
    posted_on: NaiveDate,
    today: NaiveDate,
) -> Option<Entry> {
    let (probability, days_later, reason) = match method {
        PaymentMethod::DirectDebit => (0.012, 4, "Returned Direct Debit: refer to payer"),
        PaymentMethod::Card | PaymentMethod::CashOffice | PaymentMethod::PayPoint => (
            0.004,
            7,
            "Payment misallocated: moved to the correct rent account",
        ),
        _ => return None,
    };
    if !rng.gen_bool(probability) {
        return None;
    }
    let reversed_on = posted_on
        .checked_add_days(Days::new(days_later))
        .filter(|date| *date <= today)?;
    let reversal_id = entry_id(rng, reversed_on);
    let reversal = reverse(posted, payment_id, reversal_id, reversed_on, reason)
        .expect("a payment just posted, reversed once, later than itself, with a fresh id");
    Some(reversal)
}

/// The awards behind the benefit credits on a demo ledger, as a landlord would have recorded
/// them from the council's and the DWP's notifications: the latest credit of each benefit
/// gives its amount and a date in its cycle. An award whose last credit is older than two
/// cycles has ended and is not recorded.
pub(crate) fn benefit_awards(entries: &[Entry], today: NaiveDate) -> Vec<BenefitAward> {
    let awards = [
        (Benefit::HousingBenefit, PaymentMethod::HousingBenefit, 56),
        (Benefit::UniversalCredit, PaymentMethod::UniversalCredit, 62),
    ];
    awards
        .into_iter()
        .filter_map(|(benefit, method, current_days_max)| {
            let latest = entries
                .iter()
                .filter(|entry| entry.kind == EntryKind::Payment { method })
                .filter(|entry| reversal_of(entries, entry.id).is_none())
                .max_by_key(|entry| entry.posted_on)?;
            if (today - latest.posted_on).num_days() > current_days_max {
                return None;
            }
            Some(BenefitAward {
                benefit,
                paid_to: BenefitPaidTo::Landlord,
                amount: -latest.amount,
                payment_on: latest.posted_on,
            })
        })
        .collect()
}
