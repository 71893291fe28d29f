//! Deadlines (DESIGN §5, §11): calendar days from the day of receipt, that day being the calendar
//! day in Europe/Brussels, and what makes a report or complaint overdue.

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use chrono_tz::Europe::Brussels;

use crate::model::municipality::ComplaintDeadlines;
use crate::reference::{ComplaintKind, ComplaintStatus};

/// The calendar day in Europe/Brussels of the instant a report or complaint was received: the
/// day its deadlines count from, and the day statistics count it on.
pub fn receipt_day(received_at: DateTime<Utc>) -> NaiveDate {
    received_at.with_timezone(&Brussels).date_naive()
}

/// The year a reference is numbered in: the year of the day of receipt, so that a complaint
/// received at 00:30 on 1 January in Brussels (23:30 UTC the day before) gets the new year's.
pub fn reference_year(received_at: DateTime<Utc>) -> i32 {
    receipt_day(received_at).year()
}

/// `acknowledgeBy` and, for a complaint, `resolveBy` (`None` for a report): the day of receipt
/// plus the municipality's days, in calendar days.
pub fn deadlines(
    kind: ComplaintKind,
    received_on: NaiveDate,
    settings: ComplaintDeadlines,
) -> (NaiveDate, Option<NaiveDate>) {
    let after = |days: u16| {
        received_on
            .checked_add_days(Days::new(u64::from(days)))
            .unwrap_or(NaiveDate::MAX)
    };
    let acknowledge_by = after(settings.acknowledge_days);
    let resolve_by = match kind {
        ComplaintKind::Complaint => Some(after(settings.resolve_days)),
        ComplaintKind::Report => None,
    };
    (acknowledge_by, resolve_by)
}

/// Whether a report or complaint is past a deadline on `today`: still `received` after
/// `acknowledge_by`, or not `closed` after `resolve_by`. A deadline day itself is not late.
///
/// As a query filter: `(status = 'received' AND acknowledge_by < :today) OR (status <> 'closed'
/// AND resolve_by < :today)`.
pub fn is_overdue(
    status: ComplaintStatus,
    acknowledge_by: NaiveDate,
    resolve_by: Option<NaiveDate>,
    today: NaiveDate,
) -> bool {
    let not_acknowledged = status == ComplaintStatus::Received && today > acknowledge_by;
    let not_resolved = status != ComplaintStatus::Closed
        && resolve_by.is_some_and(|resolve_by| today > resolve_by);
    not_acknowledged || not_resolved
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::reference::Enumeration;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn instant(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn the_day_of_receipt_is_the_calendar_day_in_brussels() {
        let cases = [
            // Winter time, UTC+1: 23:00 UTC is already the next day in Brussels.
            ("2026-01-14T22:59:59Z", "2026-01-14"),
            ("2026-01-14T23:00:00Z", "2026-01-15"),
            ("2026-01-15T00:30:00Z", "2026-01-15"),
            // Summer time, UTC+2: 22:00 UTC is the next day.
            ("2026-07-14T21:59:59Z", "2026-07-14"),
            ("2026-07-14T22:00:00Z", "2026-07-15"),
            // New year's eve belongs to the next year (and its references) from 23:00 UTC.
            ("2025-12-31T22:59:59Z", "2025-12-31"),
            ("2025-12-31T23:00:00Z", "2026-01-01"),
            // Spring forward on Sunday 29 March 2026 at 01:00 UTC (02:00 → 03:00 local).
            ("2026-03-28T22:59:59Z", "2026-03-28"),
            ("2026-03-28T23:00:00Z", "2026-03-29"),
            ("2026-03-29T00:59:59Z", "2026-03-29"),
            ("2026-03-29T01:00:00Z", "2026-03-29"),
            ("2026-03-29T21:59:59Z", "2026-03-29"),
            ("2026-03-29T22:00:00Z", "2026-03-30"),
            // Fall back on Sunday 25 October 2026 at 01:00 UTC (03:00 → 02:00 local).
            ("2026-10-24T21:59:59Z", "2026-10-24"),
            ("2026-10-24T22:00:00Z", "2026-10-25"),
            ("2026-10-25T00:59:59Z", "2026-10-25"),
            ("2026-10-25T01:00:00Z", "2026-10-25"),
            ("2026-10-25T22:59:59Z", "2026-10-25"),
            ("2026-10-25T23:00:00Z", "2026-10-26"),
        ];
        for (at, expected) in cases {
            assert_eq!(receipt_day(instant(at)), day(expected), "{at}");
        }
    }

    #[test]
    fn references_are_numbered_in_the_year_of_receipt_in_brussels() {
        assert_eq!(reference_year(instant("2025-12-31T22:59:59Z")), 2025);
        assert_eq!(reference_year(instant("2025-12-31T23:00:00Z")), 2026);
    }

    #[test]
    fn a_complaint_gets_both_deadlines_in_calendar_days() {
        let (acknowledge_by, resolve_by) = deadlines(
            ComplaintKind::Complaint,
            day("2026-03-27"),
            ComplaintDeadlines::DEFAULT,
        );
        // Weekends and the DST change count like any other day.
        assert_eq!(acknowledge_by, day("2026-04-01"));
        assert_eq!(resolve_by, Some(day("2026-05-11")));
    }

    #[test]
    fn a_report_has_no_resolve_by() {
        let settings = ComplaintDeadlines::new(3, 30).unwrap();
        let (acknowledge_by, resolve_by) =
            deadlines(ComplaintKind::Report, day("2026-12-30"), settings);
        assert_eq!(acknowledge_by, day("2027-01-02"));
        assert_eq!(resolve_by, None);
    }

    #[test]
    fn deadlines_cross_leap_days_and_year_ends() {
        let settings = ComplaintDeadlines::new(1, 730).unwrap();
        let (acknowledge_by, resolve_by) =
            deadlines(ComplaintKind::Complaint, day("2028-02-28"), settings);
        assert_eq!(acknowledge_by, day("2028-02-29"));
        assert_eq!(resolve_by, Some(day("2030-02-27")));
    }

    #[test]
    fn received_and_not_acknowledged_after_acknowledge_by_is_overdue() {
        let (ack, resolve) = (day("2026-04-01"), Some(day("2026-05-11")));
        let status = ComplaintStatus::Received;
        assert!(!is_overdue(status, ack, resolve, day("2026-03-31")));
        assert!(!is_overdue(status, ack, resolve, day("2026-04-01")));
        assert!(is_overdue(status, ack, resolve, day("2026-04-02")));
        // Acknowledged late but acknowledged: no longer overdue until resolveBy.
        let acknowledged = ComplaintStatus::Acknowledged;
        assert!(!is_overdue(acknowledged, ack, resolve, day("2026-04-02")));
    }

    #[test]
    fn not_closed_after_resolve_by_is_overdue() {
        let (ack, resolve) = (day("2026-04-01"), Some(day("2026-05-11")));
        for status in ComplaintStatus::ALL.iter().copied() {
            let closed = status == ComplaintStatus::Closed;
            assert_eq!(
                is_overdue(status, ack, resolve, day("2026-05-12")),
                !closed,
                "{status}"
            );
        }
    }

    #[test]
    fn only_received_counts_before_resolve_by() {
        let (ack, resolve) = (day("2026-04-01"), Some(day("2026-05-11")));
        for status in ComplaintStatus::ALL.iter().copied() {
            assert_eq!(
                is_overdue(status, ack, resolve, day("2026-05-11")),
                status == ComplaintStatus::Received,
                "{status}"
            );
        }
    }

    #[test]
    fn a_report_is_overdue_only_while_unacknowledged() {
        let ack = day("2026-04-01");
        let late = day("2027-01-01");
        assert!(is_overdue(ComplaintStatus::Received, ack, None, late));
        assert!(!is_overdue(ComplaintStatus::Acknowledged, ack, None, late));
        assert!(!is_overdue(ComplaintStatus::Closed, ack, None, late));
    }
}
