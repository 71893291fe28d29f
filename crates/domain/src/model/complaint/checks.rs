//! The field rules shared by intake and by the correction of a classification: each pushes its
//! field errors and never stops at the first.

use std::collections::BTreeSet;

use crate::error::FieldError;
use crate::reference::{Conduct, Enumeration, Ground};

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

/// Reports every repeated value of a list at its own index (`/grounds/2`), naming the code.
pub(super) fn check_unique<E: Enumeration + Ord>(
    values: &[E],
    pointer: &str,
    what: &str,
    errors: &mut Vec<FieldError>,
) {
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

/// The grounds of a complaint: at least one, each once, and `unknown` only on its own.
pub(super) fn check_grounds(grounds: &[Ground], errors: &mut Vec<FieldError>) {
    if grounds.is_empty() {
        errors.push(FieldError::new(
            "/grounds",
            "give at least one ground of the alleged discrimination, or `unknown` when it is not \
             known",
        ));
        return;
    }
    check_unique(grounds, "/grounds", "ground", errors);
    if grounds.len() > 1
        && let Some(index) = grounds.iter().position(|g| *g == Ground::Unknown)
    {
        errors.push(FieldError::new(
            format!("/grounds/{index}"),
            "`unknown` cannot be combined with other grounds; give the known grounds, or \
             `unknown` alone",
        ));
    }
}

/// The conduct of a complaint: at least one, each once.
pub(super) fn check_conduct(conduct: &[Conduct], errors: &mut Vec<FieldError>) {
    if conduct.is_empty() {
        errors.push(FieldError::new(
            "/conduct",
            "give at least one form of conduct, or `other`",
        ));
        return;
    }
    check_unique(conduct, "/conduct", "form of conduct", errors);
}

/// The longest email address accepted (RFC 5321's path limit).
pub const MAX_EMAIL_CHARS: usize = 254;

/// The shape of an email address: one `@`, a non-empty local part, a domain of at least two
/// non-empty dot-separated labels, no whitespace, at most [`MAX_EMAIL_CHARS`] characters.
/// Deliverability is not checked: nothing is sent from the domain.
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

/// The shortest phone number accepted, in characters.
pub const MIN_PHONE_CHARS: usize = 6;
/// The longest phone number accepted, in characters.
pub const MAX_PHONE_CHARS: usize = 20;

/// The shape of a phone number: 6 to 20 characters of digits and `+ - ( ) / .` or spaces, with
/// at least one digit; national and international notations alike.
pub(super) fn check_phone(phone: &str) -> Result<(), String> {
    let count = phone.chars().count();
    let allowed = |c: char| c.is_ascii_digit() || " +-()/.".contains(c);
    if (MIN_PHONE_CHARS..=MAX_PHONE_CHARS).contains(&count)
        && phone.chars().all(allowed)
        && phone.chars().any(|c| c.is_ascii_digit())
    {
        Ok(())
    } else {
        Err(format!(
            "is not a phone number: {MIN_PHONE_CHARS} to {MAX_PHONE_CHARS} characters of digits, \
             spaces and + - ( ) / ., e.g. +32 51 33 73 00"
        ))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn email_addresses_need_a_local_part_and_a_dotted_domain() {
        for good in [
            "an@example.be",
            "a.b+c@stad.izegem.be",
            "x@y.z",
            "Jan.Peeters@Example.BE",
        ] {
            assert_eq!(check_email(good), Ok(()), "{good}");
        }
        let long = format!("{}@example.be", "a".repeat(243));
        assert_eq!(long.chars().count(), 254);
        assert_eq!(check_email(&long), Ok(()));
        for bad in [
            "",
            "an",
            "@example.be",
            "an@",
            "an@example",
            "an@@example.be",
            "an@ex@ample.be",
            "an @example.be",
            "an@example.be\t",
            "an@.example.be",
            "an@example.be.",
            "an@example..be",
            &format!("{}@example.be", "a".repeat(244)),
        ] {
            assert!(check_email(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn phone_numbers_are_six_to_twenty_phone_characters() {
        for good in [
            "051337300",
            "+32 51 33 73 00",
            "(051) 33.73.00",
            "0475/12-34-56",
            "123456",
            "+32 (0)475 12 34 567",
        ] {
            assert_eq!(check_phone(good), Ok(()), "{good}");
        }
        for bad in [
            "12345",
            "+32 (0)475 12 34 5678",
            "051 33 73 00 ext 1",
            "call me",
            "------",
            "0475１２３４５６",
        ] {
            assert!(check_phone(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn optional_texts_are_trimmed_and_blank_ones_dropped() {
        assert_eq!(
            optional_text(Some("  a b ".to_owned())),
            Some("a b".to_owned())
        );
        assert_eq!(optional_text(Some(" \n\t ".to_owned())), None);
        assert_eq!(optional_text(None), None);
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        let mut errors = Vec::new();
        check_max_chars(Some(&"é".repeat(200)), 200, "/x", &mut errors);
        assert!(errors.is_empty());
        check_max_chars(Some(&"é".repeat(201)), 200, "/x", &mut errors);
        assert_eq!(errors[0].pointer, "/x");
    }

    #[test]
    fn every_repetition_is_reported_at_its_index() {
        let mut errors = Vec::new();
        check_grounds(
            &[Ground::Age, Ground::Sex, Ground::Age, Ground::Age],
            &mut errors,
        );
        let pointers: Vec<_> = errors.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(pointers, ["/grounds/2", "/grounds/3"]);
        assert!(errors[0].message.contains("`age`"));
    }
}
