//! The routing rules as a table of (grounds, context, conduct) → bodies.

use super::*;
use crate::reference::Enumeration;

use Conduct::{DirectDiscrimination, Harassment, HateSpeech, Incitement, Violence};
use Ground::{
    Age, Descent, Disability, GenderIdentity, Language, NationalOrEthnicOrigin, ReligionOrBelief,
    Sex, SexualOrientation, SkinColour, Wealth,
};

/// grounds, context, conduct → the bodies suggested.
type Case = (
    &'static [Ground],
    ComplaintContext,
    &'static [Conduct],
    &'static [ReferralBody],
);

fn bodies(grounds: &[Ground], context: ComplaintContext, conduct: &[Conduct]) -> Vec<ReferralBody> {
    suggested_referrals(grounds, context, conduct)
        .into_iter()
        .map(|s| s.body)
        .collect()
}

#[test]
fn suggestions_follow_the_competence_table() {
    #[rustfmt::skip]
    let cases: &[Case] = &[
        // Federal matters, non-gender grounds: Unia.
        (&[SkinColour], Cx::GoodsAndServices, &[DirectDiscrimination], &[Unia]),
        (&[Age], Cx::Employment, &[DirectDiscrimination], &[Unia]),
        (&[Disability], Cx::Police, &[Harassment], &[Unia]),
        (&[ReligionOrBelief], Cx::PublicSpace, &[Harassment], &[Unia]),
        (&[Descent], Cx::Online, &[DirectDiscrimination], &[Unia]),
        (&[Ground::Unknown], Cx::Police, &[Conduct::Other], &[Unia]),
        // Gender criteria in federal matters: the IGVM.
        (&[Sex], Cx::GoodsAndServices, &[DirectDiscrimination], &[Igvm]),
        (&[GenderIdentity], Cx::Employment, &[Harassment], &[Igvm]),
        // Intersectional: both federal bodies.
        (&[SkinColour, Sex], Cx::Employment, &[Harassment], &[Unia, Igvm]),
        // Flemish matters, every criterion: the VMRI.
        (&[ReligionOrBelief], Cx::Education, &[DirectDiscrimination], &[Vmri]),
        (&[Sex], Cx::Education, &[DirectDiscrimination], &[Vmri]),
        (&[SkinColour], Cx::Housing, &[DirectDiscrimination], &[Vmri]),
        (&[SkinColour], Cx::CityService, &[DirectDiscrimination], &[Vmri]),
        (&[Age], Cx::CareCompany, &[Harassment], &[Vmri]),
        (&[NationalOrEthnicOrigin], Cx::LeisureAndSport, &[DirectDiscrimination], &[Vmri]),
        (&[Language], Cx::Education, &[DirectDiscrimination], &[Vmri]),
        (&[Ground::Unknown], Cx::Housing, &[Conduct::Other], &[Vmri]),
        // Mixed competence: healthcare.
        (&[Disability], Cx::Healthcare, &[Conduct::RefusalOfReasonableAccommodation], &[Unia, Vmri]),
        (&[Sex], Cx::Healthcare, &[DirectDiscrimination], &[Vmri, Igvm]),
        // Hate speech and hate crime are federal in any context.
        (&[Descent], Cx::CityService, &[HateSpeech], &[Unia, Vmri]),
        (&[SkinColour], Cx::Media, &[Incitement], &[Unia]),
        (&[Wealth], Cx::Other, &[Incitement], &[Unia]),
        (&[Sex], Cx::Other, &[HateSpeech], &[Igvm]),
        (&[NationalOrEthnicOrigin], Cx::PublicSpace, &[Violence], &[Unia, Police]),
        (&[GenderIdentity], Cx::PublicSpace, &[Violence], &[Igvm, Police]),
        // Violence goes to the police on any ground.
        (&[Ground::Other], Cx::PublicSpace, &[Violence], &[Police]),
        (&[Language], Cx::Other, &[Violence], &[Police]),
        // No competent body: a ground no law names, language in federal matters, other contexts.
        (&[Ground::Other], Cx::GoodsAndServices, &[DirectDiscrimination], &[]),
        (&[Language], Cx::GoodsAndServices, &[DirectDiscrimination], &[]),
        (&[Age], Cx::Other, &[DirectDiscrimination], &[]),
        (&[Sex], Cx::Other, &[Conduct::Other], &[]),
        // Everything at once: each body once, in the list's order.
        (&[SexualOrientation, Sex], Cx::Housing, &[Violence, HateSpeech], &[Unia, Vmri, Igvm, Police]),
    ];
    for (grounds, context, conduct, expected) in cases {
        assert_eq!(
            bodies(grounds, *context, conduct),
            *expected,
            "{grounds:?} in {context} with {conduct:?}"
        );
    }
}

#[test]
fn every_federal_context_has_unia_and_the_igvm_and_every_flemish_one_the_vmri() {
    let flemish = [
        Cx::CityService,
        Cx::CareCompany,
        Cx::Education,
        Cx::Housing,
        Cx::LeisureAndSport,
        Cx::Healthcare,
    ];
    for context in ComplaintContext::ALL.iter().copied() {
        let federal = FEDERAL_CONTEXTS.contains(&context);
        let racial = bodies(&[SkinColour], context, &[DirectDiscrimination]);
        let gender = bodies(&[Sex], context, &[DirectDiscrimination]);
        assert_eq!(racial.contains(&Unia), federal, "{context}");
        assert_eq!(gender.contains(&Igvm), federal, "{context}");
        assert!(
            !gender.contains(&Unia) && !racial.contains(&Igvm),
            "{context}"
        );
        assert_eq!(
            racial.contains(&Vmri),
            flemish.contains(&context),
            "{context}"
        );
        assert_eq!(
            gender.contains(&Vmri),
            flemish.contains(&context),
            "{context}"
        );
    }
}

#[test]
fn suggestions_are_unique_and_ordered_for_every_single_choice() {
    for &ground in Ground::ALL {
        for &context in ComplaintContext::ALL {
            for &conduct in Conduct::ALL {
                let suggestions = bodies(&[ground], context, &[conduct]);
                let mut sorted = suggestions.clone();
                sorted.sort();
                sorted.dedup();
                assert_eq!(suggestions, sorted, "{ground} in {context} with {conduct}");
            }
        }
    }
}

#[test]
fn each_reason_is_one_sentence_naming_its_body() {
    for rule in RULES {
        let name = match rule.body {
            Unia => "Unia",
            Vmri => "The Flemish Human Rights Institute",
            Igvm => "The Institute for the Equality of Women and Men",
            Police => "The police",
            other => panic!("no rule should name {other}"),
        };
        assert!(rule.reason.starts_with(name), "{}", rule.reason);
        assert!(!rule.reason.contains(". "), "{}", rule.reason);
        assert!(!rule.reason.contains("  "), "{}", rule.reason);
    }
}

#[test]
fn the_reason_says_why_for_the_matter_at_hand() {
    let suggestions =
        suggested_referrals(&[SkinColour], Cx::GoodsAndServices, &[DirectDiscrimination]);
    assert_eq!(
        suggestions[0].reason,
        "Unia handles discrimination in goods and services on the criteria of the anti-racism \
         and anti-discrimination laws (federal competence)"
    );
    let suggestions = suggested_referrals(&[SkinColour], Cx::GoodsAndServices, &[HateSpeech]);
    assert!(suggestions[0].reason.contains("hate speech"));
}
