//! What a complaint alleges (DESIGN §5): the protected criteria of Belgian law and the conduct.

enumerations! {
    /// A protected criterion of Belgian anti-discrimination law: the alleged ground of the
    /// discrimination, never a recorded trait of the reporter.
    ///
    /// Labels are the terms of the laws (see `protected-criteria.md`). A complaint may give several
    /// grounds at once: cumulative and intersectional discrimination is recognised since 2023.
    pub enum Ground {
        list: "grounds",
        schema: "Ground",
        description: "Protected criteria of Belgian anti-discrimination law: the alleged ground of \
            the discrimination, never a recorded trait of the reporter.",
        values: {
            /// Anti-racism law of 1981.
            Nationality = "nationality" {
                nl: "nationaliteit",
                fr: "nationalité",
                en: "nationality",
            },
            /// Anti-racism law of 1981.
            AllegedRace = "alleged_race" {
                nl: "zogenaamd ras",
                fr: "prétendue race",
                en: "alleged race",
            },
            /// Anti-racism law of 1981.
            SkinColour = "skin_colour" {
                nl: "huidskleur",
                fr: "couleur de peau",
                en: "skin colour",
            },
            /// Anti-racism law of 1981.
            Descent = "descent" { nl: "afkomst", fr: "ascendance", en: "descent" },
            /// Anti-racism law of 1981.
            NationalOrEthnicOrigin = "national_or_ethnic_origin" {
                nl: "nationale of etnische afstamming",
                fr: "origine nationale ou ethnique",
                en: "national or ethnic origin",
            },
            /// Anti-discrimination law of 2007.
            Age = "age" { nl: "leeftijd", fr: "âge", en: "age" },
            /// Anti-discrimination law of 2007.
            SexualOrientation = "sexual_orientation" {
                nl: "seksuele geaardheid",
                fr: "orientation sexuelle",
                en: "sexual orientation",
            },
            /// Anti-discrimination law of 2007.
            CivilStatus = "civil_status" {
                nl: "burgerlijke staat",
                fr: "état civil",
                en: "civil status",
            },
            /// Anti-discrimination law of 2007.
            Birth = "birth" { nl: "geboorte", fr: "naissance", en: "birth" },
            /// Anti-discrimination law of 2007.
            Wealth = "wealth" { nl: "vermogen", fr: "fortune", en: "wealth" },
            /// Anti-discrimination law of 2007.
            ReligionOrBelief = "religion_or_belief" {
                nl: "geloof of levensbeschouwing",
                fr: "conviction religieuse ou philosophique",
                en: "religion or belief",
            },
            /// Anti-discrimination law of 2007.
            PoliticalOpinion = "political_opinion" {
                nl: "politieke overtuiging",
                fr: "conviction politique",
                en: "political opinion",
            },
            /// Anti-discrimination law of 2007.
            TradeUnionOpinion = "trade_union_opinion" {
                nl: "syndicale overtuiging",
                fr: "conviction syndicale",
                en: "trade-union opinion",
            },
            /// Anti-discrimination law of 2007.
            Language = "language" { nl: "taal", fr: "langue", en: "language" },
            /// Anti-discrimination law of 2007.
            HealthStatus = "health_status" {
                nl: "huidige of toekomstige gezondheidstoestand",
                fr: "état de santé actuel ou futur",
                en: "current or future state of health",
            },
            /// Anti-discrimination law of 2007.
            Disability = "disability" { nl: "handicap", fr: "handicap", en: "disability" },
            /// Anti-discrimination law of 2007.
            PhysicalOrGeneticCharacteristic = "physical_or_genetic_characteristic" {
                nl: "fysieke of genetische eigenschap",
                fr: "caractéristique physique ou génétique",
                en: "physical or genetic characteristic",
            },
            /// Anti-discrimination law of 2007 (formerly "social origin").
            SocialPosition = "social_position" {
                nl: "sociale positie",
                fr: "condition sociale",
                en: "social position",
            },
            /// Gender law of 2007.
            Sex = "sex" {
                nl: "geslacht (ook zwangerschap, bevalling, moederschap, vaderschap, \
                    meemoederschap, adoptie, borstvoeding)",
                fr: "sexe (y compris grossesse, accouchement, maternité, paternité, comaternité, \
                    adoption, allaitement)",
                en: "sex (including pregnancy, childbirth, maternity, paternity, co-maternity, \
                    adoption, breastfeeding)",
            },
            /// Gender law of 2007 (since 2014).
            GenderIdentity = "gender_identity" {
                nl: "genderidentiteit",
                fr: "identité de genre",
                en: "gender identity",
            },
            /// Gender law of 2007 (since 2014).
            GenderExpression = "gender_expression" {
                nl: "genderexpressie",
                fr: "expression de genre",
                en: "gender expression",
            },
            /// Gender law of 2007.
            GenderReassignment = "gender_reassignment" {
                nl: "geslachtsverandering",
                fr: "changement de sexe",
                en: "gender reassignment",
            },
            /// Gender law of 2007 (since 2020).
            SexCharacteristics = "sex_characteristics" {
                nl: "geslachtskenmerken",
                fr: "caractéristiques sexuelles",
                en: "sex characteristics",
            },
            /// A ground the laws above do not name.
            Other = "other" { nl: "andere", fr: "autre", en: "other" },
            /// The reporter does not know or does not say.
            Unknown = "unknown" { nl: "onbekend", fr: "inconnu", en: "unknown" },
        }
    }

    /// The conduct a complaint alleges, in the terms of the anti-discrimination laws.
    pub enum Conduct {
        list: "conduct",
        schema: "Conduct",
        description: "Forms of conduct a report or complaint alleges, in the terms of the Belgian \
            anti-discrimination laws.",
        values: {
            DirectDiscrimination = "direct_discrimination" {
                nl: "directe discriminatie",
                fr: "discrimination directe",
                en: "direct discrimination",
            },
            IndirectDiscrimination = "indirect_discrimination" {
                nl: "indirecte discriminatie",
                fr: "discrimination indirecte",
                en: "indirect discrimination",
            },
            Harassment = "harassment" { nl: "intimidatie", fr: "harcèlement", en: "harassment" },
            InstructionToDiscriminate = "instruction_to_discriminate" {
                nl: "opdracht tot discrimineren",
                fr: "injonction de discriminer",
                en: "instruction to discriminate",
            },
            /// Refusal of reasonable accommodation for a person with a disability.
            RefusalOfReasonableAccommodation = "refusal_of_reasonable_accommodation" {
                nl: "weigering van redelijke aanpassingen",
                fr: "refus d'aménagements raisonnables",
                en: "refusal of reasonable accommodation",
            },
            HateSpeech = "hate_speech" {
                nl: "haatspraak",
                fr: "discours de haine",
                en: "hate speech",
            },
            Incitement = "incitement" {
                nl: "aanzetten tot discriminatie, haat of geweld",
                fr: "incitation à la discrimination, à la haine ou à la violence",
                en: "incitement to discrimination, hatred or violence",
            },
            Violence = "violence" { nl: "geweld", fr: "violence", en: "violence" },
            Other = "other" { nl: "andere", fr: "autre", en: "other" },
        }
    }
}
