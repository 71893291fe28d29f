//! The field rules shared by the incident and consultation requests: each pushes its field
//! errors and never stops at the first.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::error::FieldError;
use crate::model::complaint::PatchValue;
use crate::model::municipality::NisCode;
use crate::reference::Enumeration;

/// The earliest date accepted anywhere in the register: 1 January 1900.
pub const EARLIEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// Trims an optional text; an empty or blank one becomes `None`.
pub(super) fn optional_text(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// Checks that an (already trimmed) text has at most `max` characters.
pub(super) fn check_max_chars(
    text: Option<&str>,
    max: usize,
    pointer: &str,
    errors: &mut Vec<FieldError>,
) {
    if let Some(count) = text.map(|t| t.chars().count()).filter(|&n| n > max) {
        errors.push(FieldError::new(
            pointer,
            format!("must be at most {max} characters, not {count}"),
        ));
    }
}

/// A required text: trimmed, then 1 to `max` characters.
pub(super) fn required_text(
    text: &str,
    max: usize,
    pointer: &str,
    errors: &mut Vec<FieldError>,
) -> String {
    let trimmed = text.trim();
    let count = trimmed.chars().count();
    if !(1..=max).contains(&count) {
        errors.push(FieldError::new(
            pointer,
            format!("must be 1 to {max} characters after trimming, not {count}"),
        ));
    }
    trimmed.to_owned()
}

/// A list of codes: at least one (`empty` says what to give), each once (every repetition
/// reported at its own index, naming the code).
pub(super) fn check_codes<E: Enumeration + Ord>(
    values: &[E],
    pointer: &str,
    empty: &str,
    errors: &mut Vec<FieldError>,
) {
    if values.is_empty() {
        errors.push(FieldError::new(pointer, empty));
        return;
    }
    let mut seen = BTreeSet::new();
    for (index, value) in values.iter().enumerate() {
        if !seen.insert(*value) {
            errors.push(FieldError::new(
                format!("{pointer}/{index}"),
                format!(
                    "`{}` is given more than once; give each code once",
                    value.code()
                ),
            ));
        }
    }
}

/// A NIS code as sent (trimmed), or `None` with an error at `pointer`.
pub(super) fn nis_code(text: &str, pointer: &str, errors: &mut Vec<FieldError>) -> Option<NisCode> {
    match NisCode::parse(text.trim()) {
        Ok(code) => Some(code),
        Err(message) => {
            errors.push(FieldError::new(pointer, message));
            None
        }
    }
}

/// A date of the past: not after `today`, not before [`EARLIEST_DATE`].
pub(super) fn past_date(
    date: NaiveDate,
    today: NaiveDate,
    pointer: &str,
    errors: &mut Vec<FieldError>,
) {
    if date > today {
        errors.push(FieldError::new(
            pointer,
            format!("must not be in the future: {today} at the latest"),
        ));
    } else if date < EARLIEST_DATE {
        errors.push(FieldError::new(
            pointer,
            format!("must not be before {EARLIEST_DATE}"),
        ));
    }
}

/// The value of a required member after the patch; removing it is an error, and the current
/// value stands in so that the other rules are still checked.
pub(super) fn member<T>(
    patch: PatchValue<T>,
    current: impl FnOnce() -> T,
    pointer: &str,
    errors: &mut Vec<FieldError>,
) -> T {
    match patch {
        PatchValue::Keep => current(),
        PatchValue::Set(value) => value,
        PatchValue::Remove => {
            errors.push(FieldError::new(
                pointer,
                "is required and cannot be removed; give a new value or leave it out",
            ));
            current()
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::reference::CrimeType;

    #[test]
    fn required_texts_are_trimmed_and_counted_in_characters() {
        let mut errors = Vec::new();
        assert_eq!(required_text("  a b ", 3, "/x", &mut errors), "a b");
        assert_eq!(required_text(&"é".repeat(3), 3, "/x", &mut errors), "ééé");
        assert!(errors.is_empty());
        required_text("  ", 3, "/blank", &mut errors);
        required_text("abcd", 3, "/long", &mut errors);
        let pointers: Vec<_> = errors.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(pointers, ["/blank", "/long"]);
    }

    #[test]
    fn code_lists_need_one_code_and_no_repetition() {
        let mut errors = Vec::new();
        check_codes::<CrimeType>(&[], "/crimeTypes", "give one", &mut errors);
        check_codes(
            &[CrimeType::Arson, CrimeType::Threat, CrimeType::Arson],
            "/crimeTypes",
            "give one",
            &mut errors,
        );
        let pointers: Vec<_> = errors.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(pointers, ["/crimeTypes", "/crimeTypes/2"]);
        assert!(errors[1].message.contains("`arson`"));
    }
}
