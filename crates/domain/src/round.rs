//! A day's home visits: the order to visit in, the appointment times, and the lone-working
//! clock that keeps an officer alone on a doorstep safe.
//!
//! There is no map offline, so the route is the postcode's own geography: UK postcodes narrow
//! from area ("HX") to district ("HX1") to sector ("HX1 2") to a unit of a dozen or so
//! addresses ("HX1 2AB"), and houses on one street go up by number. Sorting on those, in that
//! order, walks a round street by street without doubling back across town, which is how
//! officers plan one on paper.

use chrono::{DateTime, Duration, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Serialize};

/// A day's round longer than this is not a round an officer can walk; the run sheet and the
/// planner are bounded by it.
pub const ROUND_STOPS_MAX: usize = 40;

/// A home visit is planned for this long unless the officer says otherwise.
pub const VISIT_MINUTES_DEFAULT: u32 = 20;
/// Time between two doors, unless the officer says otherwise.
pub const TRAVEL_MINUTES_DEFAULT: u32 = 10;
/// A visit or a journey longer than four hours is a typing mistake, not a plan.
pub const PLAN_MINUTES_MAX: u32 = 240;

/// A check-in may promise a stay of at least this long; shorter is a tap by mistake.
pub const CHECK_IN_MINUTES_MIN: u32 = 5;
/// The longest stay a check-in may promise: longer visits check in again.
pub const CHECK_IN_MINUTES_MAX: u32 = 240;
/// The officer is warned this long before the promised time runs out, so they can check out
/// or extend before a colleague is alerted.
pub const CHECK_IN_WARNING_MINUTES: i64 = 10;

/// What the route needs of an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteAddress {
    pub postcode: String,
    pub address_line_1: String,
}

/// The key a stop sorts by: area letters, district number, the rest of the outward code,
/// sector, unit, house number, street. A unit is one street or a part of one, so within it the
/// house number is the walk.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct RouteKey {
    area: String,
    district_number: u32,
    district_rest: String,
    sector: String,
    unit: String,
    house_number: u32,
    street: String,
    address: String,
}

fn route_key(address: &RouteAddress) -> RouteKey {
    let postcode: String = address
        .postcode
        .to_uppercase()
        .chars()
        .filter(|character| !character.is_whitespace())
        .collect();
    // The inward code is always the last three characters ("2AB"); the outward code is the rest.
    let split_at = postcode.len().saturating_sub(3);
    let (outward, inward) = postcode.split_at(split_at);
    let area: String = outward
        .chars()
        .take_while(|character| character.is_ascii_alphabetic())
        .collect();
    let after_area = &outward[area.len()..];
    let digits: String = after_area
        .chars()
        .take_while(|character| character.is_ascii_digit())
        .collect();
    let district_number = digits.parse().unwrap_or(u32::MAX);
    let (sector, unit) = inward.split_at(inward.len().min(1));
    let line = address.address_line_1.trim();
    let number_text: String = line
        .chars()
        .take_while(|character| character.is_ascii_digit())
        .collect();
    let house_number = number_text.parse().unwrap_or(u32::MAX);
    let street = line[number_text.len()..].trim().to_lowercase();
    RouteKey {
        area,
        district_number,
        district_rest: after_area[digits.len()..].to_string(),
        sector: sector.to_string(),
        unit: unit.to_string(),
        house_number,
        street,
        address: line.to_lowercase(),
    }
}

/// The order to visit `addresses` in, as indexes into it: postcode area, district, sector and
/// unit, then house number. Stable: equal keys keep the officer's order.
pub fn route_order(addresses: &[RouteAddress]) -> Vec<usize> {
    let mut keyed: Vec<(RouteKey, usize)> = addresses
        .iter()
        .enumerate()
        .map(|(index, address)| (route_key(address), index))
        .collect();
    keyed.sort_by(|left, right| left.0.cmp(&right.0));
    keyed.into_iter().map(|(_, index)| index).collect()
}

/// Appointment times for `stops_count` visits in order: the first at `start`, each next one
/// after the visit and the journey. `None` once a visit would start after midnight (the round
/// is too long for the day; the planner says so).
pub fn appointment_times(
    start: NaiveTime,
    stops_count: usize,
    visit_minutes: u32,
    travel_minutes: u32,
) -> Vec<Option<NaiveTime>> {
    let step = i64::from(visit_minutes) + i64::from(travel_minutes);
    let start_minutes = i64::from(start.num_seconds_from_midnight() / 60);
    (0..stops_count)
        .map(|position| {
            let minutes = start_minutes + step * position as i64;
            if minutes >= 24 * 60 {
                return None;
            }
            NaiveTime::from_num_seconds_from_midnight_opt((minutes * 60) as u32, 0)
        })
        .collect()
}

/// Where a check-in stands at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum CheckInStatus {
    /// On site with time in hand.
    OnSite {
        minutes_left: i64,
    },
    /// Within the warning window: check out or extend now.
    EndingSoon {
        minutes_left: i64,
    },
    /// The promised time has passed without a check-out: a colleague must act.
    Overdue {
        minutes_over: i64,
    },
    CheckedOut,
}

impl CheckInStatus {
    /// What the officer's banner says.
    pub fn sentence(&self) -> String {
        match self {
            CheckInStatus::OnSite { minutes_left } => {
                format!("Checked in: {} left.", minutes_text(*minutes_left))
            }
            CheckInStatus::EndingSoon { minutes_left } => format!(
                "Your check-in runs out in {}. Check out, or check in again for longer.",
                minutes_text(*minutes_left)
            ),
            CheckInStatus::Overdue { minutes_over } => format!(
                "Overdue by {}: you have not checked out. Check out now if you are safe.",
                minutes_text(*minutes_over)
            ),
            CheckInStatus::CheckedOut => "Checked out.".to_string(),
        }
    }
}

fn minutes_text(minutes: i64) -> String {
    if minutes == 1 {
        "1 minute".to_string()
    } else {
        format!("{minutes} minutes")
    }
}

/// When a check-in of `expected_minutes` made at `checked_in_at` runs out.
pub fn check_in_due_at(checked_in_at: DateTime<Utc>, expected_minutes: u32) -> DateTime<Utc> {
    checked_in_at + Duration::minutes(i64::from(expected_minutes))
}

/// The lone-working state of a check-in at `now`. Minutes round up while time is left (one
/// second left is "1 minute", never "0 minutes") and down once overdue, so the banner never
/// says overdue early.
pub fn check_in_status(
    checked_in_at: DateTime<Utc>,
    expected_minutes: u32,
    checked_out: bool,
    now: DateTime<Utc>,
) -> CheckInStatus {
    if checked_out {
        return CheckInStatus::CheckedOut;
    }
    let due_at = check_in_due_at(checked_in_at, expected_minutes);
    let seconds_left = (due_at - now).num_seconds();
    if seconds_left <= 0 {
        return CheckInStatus::Overdue {
            minutes_over: (-seconds_left) / 60,
        };
    }
    let minutes_left = (seconds_left + 59) / 60;
    if minutes_left <= CHECK_IN_WARNING_MINUTES {
        CheckInStatus::EndingSoon { minutes_left }
    } else {
        CheckInStatus::OnSite { minutes_left }
    }
}

/// Who the officer spoke to on a visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitOutcome {
    NoAccess,
    SpokeToTenant,
    SpokeToSomeoneElse,
}

impl VisitOutcome {
    pub const ALL: [VisitOutcome; 3] = [
        VisitOutcome::SpokeToTenant,
        VisitOutcome::SpokeToSomeoneElse,
        VisitOutcome::NoAccess,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            VisitOutcome::NoAccess => "No access",
            VisitOutcome::SpokeToTenant => "Spoke to the tenant",
            VisitOutcome::SpokeToSomeoneElse => "Spoke to someone else",
        }
    }
}

/// Why the person spoken to may (or may not) hear about the account. Data protection lets an
/// officer discuss a tenant's arrears only with the tenant or someone with authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorityToDiscuss {
    JointTenant,
    Appointee,
    Deputy,
    Attorney,
    WrittenConsent,
    /// A family member, neighbour or visitor: the account was not discussed.
    None,
}

impl AuthorityToDiscuss {
    pub const ALL: [AuthorityToDiscuss; 6] = [
        AuthorityToDiscuss::JointTenant,
        AuthorityToDiscuss::Appointee,
        AuthorityToDiscuss::Deputy,
        AuthorityToDiscuss::Attorney,
        AuthorityToDiscuss::WrittenConsent,
        AuthorityToDiscuss::None,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            AuthorityToDiscuss::JointTenant => "Joint tenant",
            AuthorityToDiscuss::Appointee => "DWP appointee",
            AuthorityToDiscuss::Deputy => "Court of Protection deputy",
            AuthorityToDiscuss::Attorney => "Lasting power of attorney",
            AuthorityToDiscuss::WrittenConsent => "Tenant's written consent on file",
            AuthorityToDiscuss::None => "No authority: the account was not discussed",
        }
    }

    pub fn may_discuss(&self) -> bool {
        !matches!(self, AuthorityToDiscuss::None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn address(postcode: &str, line: &str) -> RouteAddress {
        RouteAddress {
            postcode: postcode.to_string(),
            address_line_1: line.to_string(),
        }
    }

    #[test]
    fn route_walks_district_sector_street_and_number() {
        let addresses = [
            address("HX10 1AA", "1 Far Road"),
            address("HX1 2AB", "14 Mill Lane"),
            address("HX2 1AA", "3 Hill Street"),
            address("hx1 2ab", "2 Mill Lane"),
            address("HX1 1ZZ", "9 Bank Street"),
            address("HX1 2AB", "Flat 3, Mill House"),
        ];
        let order = route_order(&addresses);
        // HX1 before HX2 before HX10 (numeric, not text, order); within HX1 2AB by number,
        // and an address without a number after the numbered ones.
        assert_eq!(order, vec![4, 3, 1, 5, 2, 0]);
    }

    #[test]
    fn route_keeps_the_officers_order_for_equal_addresses() {
        let addresses = [address("", ""), address("", "")];
        assert_eq!(route_order(&addresses), vec![0, 1]);
    }

    #[test]
    fn appointments_step_by_visit_and_travel_and_stop_at_midnight() {
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        let times = appointment_times(nine, 3, 20, 10);
        let expected: Vec<Option<NaiveTime>> = [(9, 0), (9, 30), (10, 0)]
            .into_iter()
            .map(|(hour, minute)| NaiveTime::from_hms_opt(hour, minute, 0))
            .collect();
        assert_eq!(times, expected);
        let late = NaiveTime::from_hms_opt(23, 0, 0).unwrap();
        assert_eq!(appointment_times(late, 3, 20, 10)[2], None);
    }

    #[test]
    fn check_in_warns_in_the_last_ten_minutes_and_goes_overdue_at_the_due_time() {
        let checked_in_at = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        let at = |minutes: i64, seconds: i64| {
            checked_in_at + Duration::minutes(minutes) + Duration::seconds(seconds)
        };
        let check =
            |now, expected| assert_eq!(check_in_status(checked_in_at, 30, false, now), expected);
        check(at(0, 0), CheckInStatus::OnSite { minutes_left: 30 });
        check(at(19, 59), CheckInStatus::OnSite { minutes_left: 11 });
        check(at(20, 0), CheckInStatus::EndingSoon { minutes_left: 10 });
        check(at(29, 59), CheckInStatus::EndingSoon { minutes_left: 1 });
        check(at(30, 0), CheckInStatus::Overdue { minutes_over: 0 });
        check(at(45, 30), CheckInStatus::Overdue { minutes_over: 15 });
        assert_eq!(
            check_in_status(checked_in_at, 30, true, at(45, 0)),
            CheckInStatus::CheckedOut
        );
    }
}
