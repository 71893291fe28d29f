//! Field rules shared by schemes, applications, transitions and reviews: each pushes its field
//! errors and never stops at the first.

use std::collections::BTreeSet;

use crate::error::FieldError;
use crate::reference::Enumeration;

/// Trims an optional text; an empty or blank one becomes `None`.
pub(super) fn optional_text(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// Trims a required text and checks that it has `min` to `max` characters; returns it trimmed.
pub(super) fn required_text(
    text: &str,
    min: usize,
    max: usize,
    pointer: &str,
    errors: &mut Vec<FieldError>,
) -> String {
    let text = text.trim();
    let count = text.chars().count();
    if count == 0 {
        errors.push(FieldError::new(
            pointer,
            format!("is required: {min} to {max} characters"),
        ));
    } else if !(min..=max).contains(&count) {
        errors.push(FieldError::new(
            pointer,
            format!("must be {min} to {max} characters after trimming, not {count}"),
        ));
    }
    text.to_owned()
}

/// Checks that an (already trimmed) optional text has at most `max` characters.
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

/// A list of codes: at least one (`what_plural` says of what), each once, every repetition
/// reported at its own index.
pub(super) fn check_codes<E: Enumeration + Ord>(
    values: &[E],
    pointer: &str,
    what: &str,
    errors: &mut Vec<FieldError>,
) {
    if values.is_empty() {
        errors.push(FieldError::new(
            pointer,
            format!("give at least one {what}"),
        ));
        return;
    }
    let mut seen = BTreeSet::new();
    for (index, value) in values.iter().enumerate() {
        if !seen.insert(*value) {
            errors.push(FieldError::new(
                format!("{pointer}/{index}"),
                format!(
                    "`{}` is given more than once; give each {what} once",
                    value.code()
                ),
            ));
        }
    }
}

/// The longest email address accepted (RFC 5321's path limit).
pub const MAX_EMAIL_CHARS: usize = 254;

/// The shape of an email address: one `@`, a non-empty local part, a domain of at least two
/// non-empty dot-separated labels, no whitespace, at most [`MAX_EMAIL_CHARS`] characters.
pub(super) fn check_email(email: &str) -> Result<(), String> {
    let count = email.chars().count();
    if count > MAX_EMAIL_CHARS {
        return Err(format!(
            "an email address has at most {MAX_EMAIL_CHARS} characters, not {count}"
        ));
    }
    let well_formed = !email.chars().any(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && domain.split('.').all(|label| !label.is_empty())
        });
    if well_formed {
        Ok(())
    } else {
        Err("is not an email address: name@domain.tld, without spaces".to_owned())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::reference::TargetGroup;

    #[test]
    fn required_texts_are_trimmed_and_counted_in_characters() {
        let mut errors = Vec::new();
        assert_eq!(required_text("  ok ", 1, 2, "/t", &mut errors), "ok");
        assert!(errors.is_empty());
        required_text(" \t ", 1, 2, "/t", &mut errors);
        assert!(errors[0].message.contains("required"));
        required_text("ééé", 1, 2, "/t", &mut errors);
        assert!(errors[1].message.contains("not 3"));
        assert_eq!(required_text("éé", 1, 2, "/t", &mut Vec::new()), "éé");
    }

    #[test]
    fn code_lists_need_one_code_and_no_repetition() {
        let mut errors = Vec::new();
        check_codes::<TargetGroup>(&[], "/g", "target group", &mut errors);
        assert_eq!(errors[0].pointer, "/g");
        errors.clear();
        let groups = [
            TargetGroup::Seniors,
            TargetGroup::Newcomers,
            TargetGroup::Seniors,
        ];
        check_codes(&groups, "/g", "target group", &mut errors);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].pointer, "/g/2");
        assert!(errors[0].message.contains("`seniors`"));
    }

    #[test]
    fn email_addresses_need_a_local_part_and_a_dotted_domain() {
        for good in ["an@example.be", "a.b+c@vzw.izegem.be", "x@y.z"] {
            assert_eq!(check_email(good), Ok(()), "{good}");
        }
        let long = format!("{}@example.be", "a".repeat(244));
        for bad in [
            "",
            "an",
            "@example.be",
            "an@",
            "an@example",
            "an@@example.be",
            "an @example.be",
            "an@example..be",
            long.as_str(),
        ] {
            assert!(check_email(bad).is_err(), "{bad:?}");
        }
    }
}
