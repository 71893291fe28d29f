//! Reviews and ranking (DESIGN §7): each reviewer scores each criterion of the scheme 0 to 10;
//! the weighted total ranks the applications of a scheme. Totals are exact: points and maximum
//! points as integers, compared by cross-multiplication, never as floating point.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::checks::{check_max_chars, optional_text, required_text};
use super::scheme::Criterion;
use crate::error::{DomainError, FieldError};

/// The highest score of a criterion (the lowest is 0).
pub const MAX_SCORE: u8 = 10;
/// The longest review comment accepted.
pub const MAX_COMMENT_CHARS: usize = 5_000;
/// The longest reviewer `sub` accepted.
pub const MAX_REVIEWER_CHARS: usize = 200;

/// One score as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreDraft {
    /// The criterion's code.
    pub criterion: String,
    /// The score.
    pub score: i64,
}

/// The body of `POST /api/v1/subsidy-applications/{id}/reviews`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewDraft {
    /// One score per criterion of the scheme.
    pub scores: Vec<ScoreDraft>,
    /// A comment, optional.
    pub comment: Option<String>,
}

/// A checked score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    /// The code of a criterion of the scheme.
    pub criterion: String,
    /// 0 to 10.
    pub score: u8,
}

/// A checked review: every criterion of the scheme scored exactly once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// The reviewer's `sub`; one review per reviewer, a second replaces the first.
    pub reviewer: String,
    /// The scores, in the order sent.
    pub scores: Vec<Score>,
    /// The comment, trimmed; `None` when blank or absent.
    pub comment: Option<String>,
}

impl Review {
    /// Checks `draft` by `reviewer` against the scheme's `criteria` and returns every broken
    /// rule at once: an unknown or repeated criterion at `/scores/{i}/criterion`, a score
    /// outside 0–10 at `/scores/{i}/score`, a criterion left unscored at `/scores`.
    pub fn validate(
        reviewer: &str,
        draft: ReviewDraft,
        criteria: &[Criterion],
    ) -> Result<Self, DomainError> {
        let mut errors = Vec::new();
        let reviewer = required_text(reviewer, 1, MAX_REVIEWER_CHARS, "/reviewer", &mut errors);
        let mut seen = BTreeSet::new();
        let mut scores = Vec::with_capacity(draft.scores.len());
        for (index, score) in draft.scores.into_iter().enumerate() {
            let code = score.criterion.trim().to_owned();
            let at = |member: &str| format!("/scores/{index}/{member}");
            if !criteria.iter().any(|c| c.code == code) {
                errors.push(FieldError::new(
                    at("criterion"),
                    format!(
                        "`{code}` is not a criterion of this scheme; score {}",
                        code_list(criteria)
                    ),
                ));
            } else if !seen.insert(code.clone()) {
                errors.push(FieldError::new(
                    at("criterion"),
                    format!("`{code}` is scored more than once; score each criterion once"),
                ));
            }
            match u8::try_from(score.score).ok().filter(|s| *s <= MAX_SCORE) {
                Some(value) => scores.push(Score {
                    criterion: code,
                    score: value,
                }),
                None => errors.push(FieldError::new(
                    at("score"),
                    format!("must be 0 to {MAX_SCORE}, not {}", score.score),
                )),
            }
        }
        let missing: Vec<_> = criteria
            .iter()
            .filter(|c| !seen.contains(&c.code))
            .map(|c| format!("`{}`", c.code))
            .collect();
        if !missing.is_empty() {
            errors.push(FieldError::new(
                "/scores",
                format!(
                    "every criterion is scored once; missing: {}",
                    missing.join(", ")
                ),
            ));
        }
        let comment = optional_text(draft.comment);
        check_max_chars(
            comment.as_deref(),
            MAX_COMMENT_CHARS,
            "/comment",
            &mut errors,
        );
        if errors.is_empty() {
            Ok(Self {
                reviewer,
                scores,
                comment,
            })
        } else {
            Err(DomainError::Validation(errors))
        }
    }
}

fn code_list(criteria: &[Criterion]) -> String {
    let codes: Vec<_> = criteria.iter().map(|c| format!("`{}`", c.code)).collect();
    codes.join(", ")
}

/// A weighted total: `points` out of `max_points`, exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeightedTotal {
    /// The sum of weight × score over the criteria.
    pub points: u64,
    /// The sum of weight × 10: what full marks give.
    pub max_points: u64,
}

impl WeightedTotal {
    /// The total in thousandths of full marks, rounded down (0 to 1,000).
    pub fn per_mille(self) -> u32 {
        per_mille(u128::from(self.points), u128::from(self.max_points))
    }
}

fn per_mille(points: u128, max_points: u128) -> u32 {
    if max_points == 0 {
        return 0;
    }
    u32::try_from(points * 1_000 / max_points).unwrap_or(u32::MAX)
}

/// The weighted total of `scores` under the scheme's `criteria`: a criterion without a score
/// counts 0, a score of an unknown criterion nothing.
pub fn weighted_total(criteria: &[Criterion], scores: &[Score]) -> WeightedTotal {
    let mut total = WeightedTotal {
        points: 0,
        max_points: 0,
    };
    for criterion in criteria {
        let weight = u64::from(criterion.weight);
        let score = scores
            .iter()
            .find(|s| s.criterion == criterion.code)
            .map_or(0, |s| u64::from(s.score.min(MAX_SCORE)));
        total.points += weight * score;
        total.max_points += weight * u64::from(MAX_SCORE);
    }
    total
}

/// An application to rank, with its reviews.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The application's id.
    pub application_id: Uuid,
    /// When it was submitted; the earlier ranks first among equals.
    pub submitted_at: DateTime<Utc>,
    /// Its reviews.
    pub reviews: Vec<Review>,
}

/// A line of `GET /api/v1/subsidy-schemes/{id}/ranking`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    /// 1 for the first.
    pub position: usize,
    /// The application's id.
    pub application_id: Uuid,
    /// When it was submitted.
    pub submitted_at: DateTime<Utc>,
    /// How many reviews it has.
    pub review_count: usize,
    /// The average weighted total in thousandths of full marks, rounded down; `None` without
    /// reviews.
    pub average_per_mille: Option<u32>,
}

/// Orders `candidates` by their average weighted total under `criteria`, highest first; ties
/// by submission time (earlier first), then by id. Applications without reviews come last.
pub fn rank(criteria: &[Criterion], candidates: &[Candidate]) -> Vec<Ranked> {
    struct Entry<'a> {
        candidate: &'a Candidate,
        /// The sum of the reviews' points; the average is `points / reviews` (same maximum for
        /// every application of the scheme, so it need not enter the comparison).
        points: u128,
        reviews: u128,
        max_points: u128,
    }
    let mut entries: Vec<Entry<'_>> = candidates
        .iter()
        .map(|candidate| {
            let totals = candidate
                .reviews
                .iter()
                .map(|r| weighted_total(criteria, &r.scores));
            let (points, max_points) = totals.fold((0_u128, 0_u128), |(p, m), t| {
                (p + u128::from(t.points), m + u128::from(t.max_points))
            });
            Entry {
                candidate,
                points,
                reviews: candidate.reviews.len() as u128,
                max_points,
            }
        })
        .collect();
    entries.sort_by(|a, b| {
        let by_score = match (a.reviews, b.reviews) {
            (0, 0) => Ordering::Equal,
            (0, _) => Ordering::Greater,
            (_, 0) => Ordering::Less,
            // a ranks first when a.points / a.reviews > b.points / b.reviews.
            (ra, rb) => (b.points * ra).cmp(&(a.points * rb)),
        };
        by_score
            .then(a.candidate.submitted_at.cmp(&b.candidate.submitted_at))
            .then(a.candidate.application_id.cmp(&b.candidate.application_id))
    });
    entries
        .into_iter()
        .enumerate()
        .map(|(index, entry)| Ranked {
            position: index + 1,
            application_id: entry.candidate.application_id,
            submitted_at: entry.candidate.submitted_at,
            review_count: entry.candidate.reviews.len(),
            average_per_mille: (entry.reviews > 0)
                .then(|| per_mille(entry.points, entry.max_points)),
        })
        .collect()
}
