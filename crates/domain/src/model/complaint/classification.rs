//! A complaint's classification and its correction with `PATCH /api/v1/complaints/{id}`
//! (DESIGN §10, §11): a JSON merge patch of `{"grounds", "conduct", "incident": {"context"},
//! "possibleHateCrime"}`, checked by the same rules as intake.

use super::checks::{check_conduct, check_grounds};
use crate::error::{DomainError, FieldError};
use crate::reference::{ComplaintContext, Conduct, Ground};

/// What a complaint alleges and where: the part of it a handler may correct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    /// The alleged grounds: at least one, each once, `unknown` alone.
    pub grounds: Vec<Ground>,
    /// The alleged conduct: at least one, each once.
    pub conduct: Vec<Conduct>,
    /// The domain of life (`incident.context` on the wire).
    pub context: ComplaintContext,
    /// Whether the incident may be a hate crime.
    pub possible_hate_crime: bool,
}

/// One member of a JSON merge patch (RFC 7396): absent, `null`, or a value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum PatchValue<T> {
    /// The member is absent: keep the current value.
    #[default]
    Keep,
    /// The member is `null`: remove the value (refused for members that are required).
    Remove,
    /// The member has a value: replace the current one.
    Set(T),
}

impl<T> From<Option<Option<T>>> for PatchValue<T> {
    /// Serde's double-option idiom: `None` absent, `Some(None)` null, `Some(Some(v))` a value.
    fn from(value: Option<Option<T>>) -> Self {
        match value {
            None => Self::Keep,
            Some(None) => Self::Remove,
            Some(Some(value)) => Self::Set(value),
        }
    }
}

/// A merge patch of a classification; every member is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClassificationPatch {
    /// `/grounds`.
    pub grounds: PatchValue<Vec<Ground>>,
    /// `/conduct`.
    pub conduct: PatchValue<Vec<Conduct>>,
    /// `/incident/context`.
    pub context: PatchValue<ComplaintContext>,
    /// `/possibleHateCrime`.
    pub possible_hate_crime: PatchValue<bool>,
}

impl Classification {
    /// This classification with `patch` applied, checked by the intake rules; every broken rule
    /// is reported at once. Every member is required, so `null` is refused; an empty patch
    /// changes nothing.
    pub fn apply_patch(&self, patch: ClassificationPatch) -> Result<Self, DomainError> {
        let mut errors = Vec::new();
        let grounds = patched(patch.grounds, &self.grounds, "/grounds", &mut errors);
        if let Some(grounds) = &grounds {
            check_grounds(grounds, &mut errors);
        }
        let conduct = patched(patch.conduct, &self.conduct, "/conduct", &mut errors);
        if let Some(conduct) = &conduct {
            check_conduct(conduct, &mut errors);
        }
        let context = patched(
            patch.context,
            &self.context,
            "/incident/context",
            &mut errors,
        );
        let possible_hate_crime = patched(
            patch.possible_hate_crime,
            &self.possible_hate_crime,
            "/possibleHateCrime",
            &mut errors,
        );
        match (grounds, conduct, context, possible_hate_crime) {
            (Some(grounds), Some(conduct), Some(context), Some(possible_hate_crime))
                if errors.is_empty() =>
            {
                Ok(Self {
                    grounds,
                    conduct,
                    context,
                    possible_hate_crime,
                })
            }
            _ => Err(DomainError::Validation(errors)),
        }
    }
}

/// The value after the patch, or `None` (with an error) when a required member is removed.
fn patched<T: Clone>(
    patch: PatchValue<T>,
    current: &T,
    pointer: &str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    match patch {
        PatchValue::Keep => Some(current.clone()),
        PatchValue::Set(value) => Some(value),
        PatchValue::Remove => {
            errors.push(FieldError::new(
                pointer,
                "is required and cannot be removed; give a new value or leave it out",
            ));
            None
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn current() -> Classification {
        Classification {
            grounds: vec![Ground::SkinColour],
            conduct: vec![Conduct::DirectDiscrimination],
            context: ComplaintContext::Housing,
            possible_hate_crime: false,
        }
    }

    fn pointers(error: DomainError) -> Vec<String> {
        match error {
            DomainError::Validation(errors) => errors.into_iter().map(|e| e.pointer).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn an_empty_patch_changes_nothing() {
        let patched = current()
            .apply_patch(ClassificationPatch::default())
            .unwrap();
        assert_eq!(patched, current());
    }

    #[test]
    fn given_members_replace_and_absent_members_stay() {
        let patch = ClassificationPatch {
            grounds: PatchValue::Set(vec![Ground::SkinColour, Ground::Sex]),
            context: PatchValue::Set(ComplaintContext::Employment),
            possible_hate_crime: PatchValue::Set(true),
            ..ClassificationPatch::default()
        };
        let patched = current().apply_patch(patch).unwrap();
        assert_eq!(patched.grounds, [Ground::SkinColour, Ground::Sex]);
        assert_eq!(patched.conduct, [Conduct::DirectDiscrimination]);
        assert_eq!(patched.context, ComplaintContext::Employment);
        assert!(patched.possible_hate_crime);
    }

    #[test]
    fn patched_lists_follow_the_intake_rules() {
        let patch = ClassificationPatch {
            grounds: PatchValue::Set(vec![Ground::Age, Ground::Unknown]),
            conduct: PatchValue::Set(vec![Conduct::Harassment, Conduct::Harassment]),
            ..ClassificationPatch::default()
        };
        assert_eq!(
            pointers(current().apply_patch(patch).unwrap_err()),
            ["/grounds/1", "/conduct/1"]
        );
        let patch = ClassificationPatch {
            grounds: PatchValue::Set(vec![]),
            conduct: PatchValue::Set(vec![]),
            ..ClassificationPatch::default()
        };
        assert_eq!(
            pointers(current().apply_patch(patch).unwrap_err()),
            ["/grounds", "/conduct"]
        );
    }

    #[test]
    fn required_members_cannot_be_removed() {
        let patch = ClassificationPatch {
            grounds: PatchValue::Remove,
            conduct: PatchValue::Remove,
            context: PatchValue::Remove,
            possible_hate_crime: PatchValue::Remove,
        };
        assert_eq!(
            pointers(current().apply_patch(patch).unwrap_err()),
            [
                "/grounds",
                "/conduct",
                "/incident/context",
                "/possibleHateCrime"
            ]
        );
    }

    #[test]
    fn double_options_map_to_patch_values() {
        assert_eq!(PatchValue::<bool>::from(None), PatchValue::Keep);
        assert_eq!(PatchValue::<bool>::from(Some(None)), PatchValue::Remove);
        assert_eq!(PatchValue::from(Some(Some(true))), PatchValue::Set(true));
    }
}
