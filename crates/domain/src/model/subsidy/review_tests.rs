//! Reviews against the scheme's criteria, weighted totals and the ranking.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::test_support::*;
use super::*;

fn score(criterion: &str, score: i64) -> ScoreDraft {
    ScoreDraft {
        criterion: criterion.to_owned(),
        score,
    }
}

/// Scores for the fixture's criteria: reach (weight 3), quality (2), sustainability (1).
fn draft(reach: i64, quality: i64, sustainability: i64) -> ReviewDraft {
    ReviewDraft {
        scores: vec![
            score("reach_of_target_group", reach),
            score("quality_of_plan", quality),
            score("sustainability", sustainability),
        ],
        comment: None,
    }
}

fn review(reviewer: &str, reach: i64, quality: i64, sustainability: i64) -> Review {
    Review::validate(
        reviewer,
        draft(reach, quality, sustainability),
        &scheme().criteria,
    )
    .unwrap()
}

fn refused(draft: ReviewDraft) -> Vec<crate::error::FieldError> {
    field_errors(Review::validate("reviewer-1", draft, &scheme().criteria))
}

#[test]
fn a_review_scores_every_criterion_once() {
    let mut draft = draft(8, 6, 10);
    draft.scores.reverse();
    draft.comment = Some("  Strong plan. ".to_owned());
    let review = Review::validate("reviewer-1", draft, &scheme().criteria).unwrap();
    assert_eq!(review.reviewer, "reviewer-1");
    assert_eq!(review.scores[0].criterion, "sustainability");
    assert_eq!(review.scores[0].score, 10);
    assert_eq!(review.comment.as_deref(), Some("Strong plan."));
}

#[test]
fn scores_are_zero_to_ten() {
    assert!(Review::validate("r", draft(0, 10, 5), &scheme().criteria).is_ok());
    for bad in [-1, 11, 256] {
        assert_eq!(
            only_pointer(&refused(draft(5, bad, 5))),
            "/scores/1/score",
            "{bad}"
        );
    }
}

#[test]
fn an_unknown_criterion_is_refused_at_its_index() {
    let mut draft = draft(5, 5, 5);
    draft.scores.push(score("innovation", 5));
    let errors = refused(draft);
    assert_eq!(only_pointer(&errors), "/scores/3/criterion");
    assert!(
        errors[0].message.contains("`innovation`"),
        "{}",
        errors[0].message
    );
    assert!(
        errors[0].message.contains("`quality_of_plan`"),
        "{}",
        errors[0].message
    );
}

#[test]
fn a_criterion_scored_twice_is_refused_at_the_repetition() {
    let mut draft = draft(5, 5, 5);
    draft.scores.push(score("quality_of_plan", 7));
    assert_eq!(only_pointer(&refused(draft)), "/scores/3/criterion");
}

#[test]
fn a_criterion_left_unscored_is_refused() {
    let mut draft = draft(5, 5, 5);
    draft.scores.remove(2);
    let errors = refused(draft);
    assert_eq!(only_pointer(&errors), "/scores");
    assert!(
        errors[0].message.contains("`sustainability`"),
        "{}",
        errors[0].message
    );
    assert_eq!(
        pointers(&refused(ReviewDraft {
            scores: vec![],
            comment: None
        })),
        ["/scores"]
    );
}

#[test]
fn the_comment_and_the_reviewer_are_bounded() {
    let mut long = draft(5, 5, 5);
    long.comment = Some("x".repeat(MAX_COMMENT_CHARS + 1));
    assert_eq!(only_pointer(&refused(long)), "/comment");
    let errors = field_errors(Review::validate(" ", draft(5, 5, 5), &scheme().criteria));
    assert_eq!(only_pointer(&errors), "/reviewer");
}

#[test]
fn every_broken_rule_is_reported_at_once() {
    let draft = ReviewDraft {
        scores: vec![
            score("innovation", 11),
            score("reach_of_target_group", 5),
            score("reach_of_target_group", -1),
        ],
        comment: None,
    };
    assert_eq!(
        pointers(&refused(draft)),
        [
            "/scores/0/criterion",
            "/scores/0/score",
            "/scores/2/criterion",
            "/scores/2/score",
            "/scores",
        ]
    );
}

#[test]
fn the_weighted_total_is_exact() {
    let criteria = scheme().criteria;
    // 3×8 + 2×6 + 1×10 = 46 of 60 points.
    let total = weighted_total(&criteria, &review("r", 8, 6, 10).scores);
    assert_eq!(
        total,
        WeightedTotal {
            points: 46,
            max_points: 60
        }
    );
    assert_eq!(total.per_mille(), 766);
    assert_eq!(
        weighted_total(&criteria, &review("r", 10, 10, 10).scores).per_mille(),
        1_000
    );
    assert_eq!(
        weighted_total(&criteria, &review("r", 0, 0, 0).scores).per_mille(),
        0
    );
    // A missing score counts zero; a score of another criterion nothing.
    let partial = [
        Score {
            criterion: "quality_of_plan".to_owned(),
            score: 10,
        },
        Score {
            criterion: "unknown".to_owned(),
            score: 10,
        },
    ];
    assert_eq!(
        weighted_total(&criteria, &partial),
        WeightedTotal {
            points: 20,
            max_points: 60
        }
    );
    assert_eq!(weighted_total(&[], &partial).per_mille(), 0);
}

fn candidate(id: u128, submitted_at: &str, reviews: Vec<Review>) -> Candidate {
    Candidate {
        application_id: Uuid::from_u128(id),
        submitted_at: submitted_at.parse::<DateTime<Utc>>().unwrap(),
        reviews,
    }
}

fn order(ranking: &[Ranked]) -> Vec<u128> {
    ranking.iter().map(|r| r.application_id.as_u128()).collect()
}

#[test]
fn applications_rank_by_their_average_weighted_total() {
    let criteria = scheme().criteria;
    let ranking = rank(
        &criteria,
        &[
            // 46 and 30 of 60: average 38.
            candidate(
                1,
                "2026-03-02T10:00:00Z",
                vec![review("a", 8, 6, 10), review("b", 5, 5, 5)],
            ),
            // 54 of 60.
            candidate(2, "2026-03-05T10:00:00Z", vec![review("a", 10, 10, 4)]),
            // 30 of 60.
            candidate(3, "2026-03-01T10:00:00Z", vec![review("a", 5, 5, 5)]),
        ],
    );
    assert_eq!(order(&ranking), [2, 1, 3]);
    assert_eq!(ranking[0].position, 1);
    assert_eq!(ranking[0].average_per_mille, Some(900));
    assert_eq!(ranking[1].average_per_mille, Some(633));
    assert_eq!(ranking[1].review_count, 2);
    assert_eq!(ranking[2].position, 3);
}

#[test]
fn averages_are_compared_exactly_not_rounded() {
    let criteria = scheme().criteria;
    // Reviews of 30 and 31 points: 335/11 = 30.45… against 213/7 = 30.43…, both 507 per mille
    // when rounded; the exact comparison still ranks the later, better application first.
    let reviews = |of_31: usize, of_30: usize| -> Vec<Review> {
        (0..of_31)
            .map(|i| review(&format!("a{i}"), 5, 5, 6))
            .chain((0..of_30).map(|i| review(&format!("b{i}"), 5, 5, 5)))
            .collect()
    };
    let ranking = rank(
        &criteria,
        &[
            candidate(1, "2026-03-01T10:00:00Z", reviews(3, 4)),
            candidate(2, "2026-03-02T10:00:00Z", reviews(5, 6)),
        ],
    );
    assert_eq!(order(&ranking), [2, 1]);
    assert_eq!(ranking[0].average_per_mille, Some(507));
    assert_eq!(ranking[1].average_per_mille, Some(507));
}

#[test]
fn ties_go_to_the_earlier_submission_and_unreviewed_applications_come_last() {
    let criteria = scheme().criteria;
    let ranking = rank(
        &criteria,
        &[
            candidate(1, "2026-03-03T10:00:00Z", vec![review("a", 5, 5, 5)]),
            candidate(2, "2026-03-01T10:00:00Z", vec![]),
            candidate(3, "2026-03-02T10:00:00Z", vec![review("b", 5, 5, 5)]),
            candidate(4, "2026-03-02T10:00:00Z", vec![review("c", 5, 5, 5)]),
            candidate(5, "2026-03-04T10:00:00Z", vec![review("a", 0, 0, 0)]),
        ],
    );
    assert_eq!(order(&ranking), [3, 4, 1, 5, 2]);
    assert_eq!(ranking[3].average_per_mille, Some(0));
    assert_eq!(ranking[4].average_per_mille, None);
    assert_eq!(ranking[4].review_count, 0);
    let positions: Vec<_> = ranking.iter().map(|r| r.position).collect();
    assert_eq!(positions, [1, 2, 3, 4, 5]);
    assert!(rank(&criteria, &[]).is_empty());
}
