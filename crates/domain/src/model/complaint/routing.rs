//! Competence routing (DESIGN §5): which bodies a complaint could be referred to, and why. The
//! complaint view shows these as `suggestedReferrals`; the handler decides.
//!
//! The rules, as Belgian law splits the work since Flanders left Unia in 2023:
//! - **Unia** for federal matters on the criteria of the anti-racism law (1981) and the
//!   anti-discrimination law (2007): the police, employment in the private sector, goods and
//!   services, activities open to the public, online and in the media, healthcare under federal
//!   law; and hate speech, incitement and hate crime (federal criminal law) in any context.
//!   Unia is not competent for the criterion `language`: no federal body is designated for it.
//! - **The Institute for the Equality of Women and Men** (`igvm`) for the same federal matters on
//!   the gender law's criteria (`sex`, `gender_identity`, `gender_expression`,
//!   `gender_reassignment`, `sex_characteristics`), including sexism and gendered hate.
//! - **The Flemish Human Rights Institute** (`vmri`) for Flemish matters on every criterion of the
//!   Flemish equal-opportunities decree, gender and language included: city services and care
//!   companies as local government, education, housing, sport, culture and youth work, and care
//!   and welfare under Flemish law.
//! - **The police** for violence, on any ground: a criminal offence, possibly a hate crime.
//!
//! Decisions where the law is mixed: `healthcare` suggests both Unia and the VMRI (hospitals and
//! health insurance are federal, care and welfare Flemish); `employment` means the private sector
//! (a municipality's own staff is `city_service`); `online`, `media` and `public_space` are
//! federal (the federal laws cover activities open to the public, and hate online is federal
//! criminal law); `leisure_and_sport` is Flemish (a venue refusing entry is `goods_and_services`).
//! `unknown` grounds are routed as a non-gender ground, for the body to establish the ground;
//! `other` grounds name no protected criterion, so only the police rule can apply.

use crate::reference::{ComplaintContext, Conduct, Ground, ReferralBody};

use ComplaintContext as Cx;
use Criteria::{Any, OneOf};
use Matter::{Conduct as Doing, Context as In};
use ReferralBody::{Igvm, Police, Unia, Vmri};

/// A body the complaint could be referred to, with the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion {
    /// The body.
    pub body: ReferralBody,
    /// Why it is competent, in one English sentence.
    pub reason: &'static str,
}

/// The bodies competent for a complaint's `grounds`, `context` and `conduct`: each body once, in
/// the order of the `referral-bodies` list, with the reason of the first rule that names it.
pub fn suggested_referrals(
    grounds: &[Ground],
    context: ComplaintContext,
    conduct: &[Conduct],
) -> Vec<Suggestion> {
    let mut suggestions: Vec<Suggestion> = Vec::new();
    for rule in RULES {
        let already = suggestions.iter().any(|s| s.body == rule.body);
        if !already && rule.applies(grounds, context, conduct) {
            suggestions.push(Suggestion {
                body: rule.body,
                reason: rule.reason,
            });
        }
    }
    suggestions.sort_by_key(|s| s.body);
    suggestions
}

/// The criteria of the anti-racism and anti-discrimination laws Unia is competent for (all but
/// `language`), and `unknown`.
const UNIA_CRITERIA: &[Ground] = &[
    Ground::Nationality,
    Ground::AllegedRace,
    Ground::SkinColour,
    Ground::Descent,
    Ground::NationalOrEthnicOrigin,
    Ground::Age,
    Ground::SexualOrientation,
    Ground::CivilStatus,
    Ground::Birth,
    Ground::Wealth,
    Ground::ReligionOrBelief,
    Ground::PoliticalOpinion,
    Ground::TradeUnionOpinion,
    Ground::HealthStatus,
    Ground::Disability,
    Ground::PhysicalOrGeneticCharacteristic,
    Ground::SocialPosition,
    Ground::Unknown,
];

/// The gender law's criteria.
const GENDER_CRITERIA: &[Ground] = &[
    Ground::Sex,
    Ground::GenderIdentity,
    Ground::GenderExpression,
    Ground::GenderReassignment,
    Ground::SexCharacteristics,
];

/// The criteria of the Flemish equal-opportunities decree: every ground but `other`.
const FLEMISH_CRITERIA: &[Ground] = &[
    Ground::Nationality,
    Ground::AllegedRace,
    Ground::SkinColour,
    Ground::Descent,
    Ground::NationalOrEthnicOrigin,
    Ground::Age,
    Ground::SexualOrientation,
    Ground::CivilStatus,
    Ground::Birth,
    Ground::Wealth,
    Ground::ReligionOrBelief,
    Ground::PoliticalOpinion,
    Ground::TradeUnionOpinion,
    Ground::Language,
    Ground::HealthStatus,
    Ground::Disability,
    Ground::PhysicalOrGeneticCharacteristic,
    Ground::SocialPosition,
    Ground::Sex,
    Ground::GenderIdentity,
    Ground::GenderExpression,
    Ground::GenderReassignment,
    Ground::SexCharacteristics,
    Ground::Unknown,
];

/// The contexts that are federal matters.
const FEDERAL_CONTEXTS: &[ComplaintContext] = &[
    Cx::Police,
    Cx::Employment,
    Cx::GoodsAndServices,
    Cx::PublicSpace,
    Cx::Online,
    Cx::Media,
    Cx::Healthcare,
];

/// The conduct that is hate speech or incitement (federal criminal law).
const HATE_SPEECH: &[Conduct] = &[Conduct::HateSpeech, Conduct::Incitement];
/// The conduct that is a hate crime when motivated by a criterion.
const VIOLENCE: &[Conduct] = &[Conduct::Violence];

/// Which grounds a rule covers.
#[derive(Debug, Clone, Copy)]
enum Criteria {
    /// Any ground at all.
    Any,
    /// At least one of these.
    OneOf(&'static [Ground]),
}

/// What brings a complaint under a rule.
#[derive(Debug, Clone, Copy)]
enum Matter {
    /// Its context is one of these.
    Context(&'static [ComplaintContext]),
    /// Its conduct includes one of these.
    Conduct(&'static [Conduct]),
}

/// One line of the law: this body, for these criteria, in this matter, because of this.
#[derive(Debug, Clone, Copy)]
struct Rule {
    body: ReferralBody,
    criteria: Criteria,
    matter: Matter,
    reason: &'static str,
}

impl Rule {
    fn applies(&self, grounds: &[Ground], context: ComplaintContext, conduct: &[Conduct]) -> bool {
        let criteria = match self.criteria {
            Criteria::Any => true,
            Criteria::OneOf(set) => grounds.iter().any(|g| set.contains(g)),
        };
        let matter = match self.matter {
            Matter::Context(set) => set.contains(&context),
            Matter::Conduct(set) => conduct.iter().any(|c| set.contains(c)),
        };
        criteria && matter
    }
}

const fn rule(
    body: ReferralBody,
    criteria: Criteria,
    matter: Matter,
    reason: &'static str,
) -> Rule {
    Rule {
        body,
        criteria,
        matter,
        reason,
    }
}

/// The rules, by body; within a body the first that applies gives the reason.
#[rustfmt::skip]
const RULES: &[Rule] = &[
    rule(Unia, OneOf(UNIA_CRITERIA), Doing(HATE_SPEECH),
        "Unia handles hate speech and incitement to discrimination, hatred or violence on the \
         criteria of the anti-racism and anti-discrimination laws (federal criminal law)"),
    rule(Unia, OneOf(UNIA_CRITERIA), Doing(VIOLENCE),
        "Unia supports victims of hate crime, violence motivated by a criterion of the \
         anti-racism and anti-discrimination laws (federal criminal law)"),
    rule(Unia, OneOf(UNIA_CRITERIA), In(&[Cx::Police]),
        "Unia handles discrimination by the police on the criteria of the anti-racism and \
         anti-discrimination laws (federal competence)"),
    rule(Unia, OneOf(UNIA_CRITERIA), In(&[Cx::Employment]),
        "Unia handles discrimination in employment in the private sector on the criteria of the \
         anti-racism and anti-discrimination laws (federal competence)"),
    rule(Unia, OneOf(UNIA_CRITERIA), In(&[Cx::GoodsAndServices]),
        "Unia handles discrimination in goods and services on the criteria of the anti-racism and \
         anti-discrimination laws (federal competence)"),
    rule(Unia, OneOf(UNIA_CRITERIA), In(&[Cx::PublicSpace]),
        "Unia handles discrimination in activities open to the public on the criteria of the \
         anti-racism and anti-discrimination laws (federal competence)"),
    rule(Unia, OneOf(UNIA_CRITERIA), In(&[Cx::Online, Cx::Media]),
        "Unia handles discrimination online and in the media on the criteria of the anti-racism \
         and anti-discrimination laws (federal competence)"),
    rule(Unia, OneOf(UNIA_CRITERIA), In(&[Cx::Healthcare]),
        "Unia handles discrimination in healthcare under federal law, such as hospital care and \
         health insurance (federal competence)"),
    rule(Vmri, OneOf(FLEMISH_CRITERIA), In(&[Cx::CityService]),
        "The Flemish Human Rights Institute handles discrimination by city and municipal \
         services as local government (Flemish competence)"),
    rule(Vmri, OneOf(FLEMISH_CRITERIA), In(&[Cx::CareCompany]),
        "The Flemish Human Rights Institute handles discrimination by care companies as local \
         government (Flemish competence)"),
    rule(Vmri, OneOf(FLEMISH_CRITERIA), In(&[Cx::Education]),
        "The Flemish Human Rights Institute handles discrimination in education (Flemish \
         competence)"),
    rule(Vmri, OneOf(FLEMISH_CRITERIA), In(&[Cx::Housing]),
        "The Flemish Human Rights Institute handles discrimination in housing, private rental \
         included (Flemish competence)"),
    rule(Vmri, OneOf(FLEMISH_CRITERIA), In(&[Cx::LeisureAndSport]),
        "The Flemish Human Rights Institute handles discrimination in sport, culture and youth \
         work (Flemish competence)"),
    rule(Vmri, OneOf(FLEMISH_CRITERIA), In(&[Cx::Healthcare]),
        "The Flemish Human Rights Institute handles discrimination in care and welfare under \
         Flemish law, such as home care and elderly care (Flemish competence)"),
    rule(Igvm, OneOf(GENDER_CRITERIA), Doing(HATE_SPEECH),
        "The Institute for the Equality of Women and Men handles sexism, hate speech and \
         incitement on the gender law's criteria (federal criminal law)"),
    rule(Igvm, OneOf(GENDER_CRITERIA), Doing(VIOLENCE),
        "The Institute for the Equality of Women and Men supports victims of violence motivated \
         by a criterion of the gender law (federal criminal law)"),
    rule(Igvm, OneOf(GENDER_CRITERIA), In(FEDERAL_CONTEXTS),
        "The Institute for the Equality of Women and Men handles discrimination on the gender \
         law's criteria in federal matters (federal competence)"),
    rule(Police, Any, Doing(VIOLENCE),
        "The police take a complaint of violence, a criminal offence that may be a hate crime"),
];

#[cfg(test)]
#[allow(clippy::unwrap_used)]
#[path = "routing_tests.rs"]
mod tests;
