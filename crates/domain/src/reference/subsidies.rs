//! Enumerations of the subsidy schemes and applications (DESIGN §7).

enumerations! {
    /// Where the money of a subsidy scheme comes from.
    pub enum FundingSource {
        list: "funding-sources",
        schema: "FundingSource",
        description: "Sources of the money of a subsidy scheme.",
        values: {
            Municipal = "municipal" {
                nl: "gemeentelijke middelen",
                fr: "moyens communaux",
                en: "municipal funds",
            },
            /// The Flemish government's Plan Samenleven.
            PlanSamenleven = "plan_samenleven" {
                nl: "Plan Samenleven",
                fr: "Plan Samenleven",
                en: "Plan Samenleven",
            },
            Other = "other" { nl: "andere", fr: "autre", en: "other" },
        }
    }

    /// The legal form of an applicant for a subsidy.
    pub enum ApplicantKind {
        list: "applicant-kinds",
        schema: "ApplicantKind",
        description: "Kinds of applicant for a subsidy; all but de-facto associations and citizen \
            initiatives have an enterprise number (KBO).",
        values: {
            NonprofitAssociation = "nonprofit_association" {
                nl: "vzw",
                fr: "asbl",
                en: "non-profit association",
            },
            /// Has no legal personality and no enterprise number.
            DeFactoAssociation = "de_facto_association" {
                nl: "feitelijke vereniging",
                fr: "association de fait",
                en: "de facto association",
            },
            /// Has no legal personality and no enterprise number; never named in open data.
            CitizenInitiative = "citizen_initiative" {
                nl: "burgerinitiatief",
                fr: "initiative citoyenne",
                en: "citizen initiative",
            },
            Company = "company" { nl: "onderneming", fr: "entreprise", en: "company" },
            School = "school" { nl: "school", fr: "école", en: "school" },
            PublicBody = "public_body" {
                nl: "publiekrechtelijke rechtspersoon",
                fr: "personne morale de droit public",
                en: "public body",
            },
        }
    }

    /// A group of people a subsidy scheme or project aims at.
    pub enum TargetGroup {
        list: "target-groups",
        schema: "TargetGroup",
        description: "Groups of people a subsidy scheme or project aims at.",
        values: {
            Newcomers = "newcomers" { nl: "nieuwkomers", fr: "primo-arrivants", en: "newcomers" },
            Seniors = "seniors" { nl: "senioren", fr: "seniors", en: "seniors" },
            Lgbtqi = "lgbtqi" {
                nl: "LGBTQI+-personen",
                fr: "personnes LGBTQI+",
                en: "LGBTQI+ people",
            },
            PersonsWithDisability = "persons_with_disability" {
                nl: "personen met een handicap",
                fr: "personnes en situation de handicap",
                en: "persons with a disability",
            },
            PersonsInPoverty = "persons_in_poverty" {
                nl: "mensen in armoede",
                fr: "personnes en situation de pauvreté",
                en: "people in poverty",
            },
            ChildrenAndYouth = "children_and_youth" {
                nl: "kinderen en jongeren",
                fr: "enfants et jeunes",
                en: "children and young people",
            },
            Everyone = "everyone" { nl: "iedereen", fr: "tout public", en: "everyone" },
        }
    }

    /// Where a subsidy application is in its lifecycle, from draft to settlement.
    pub enum ApplicationStatus {
        list: "application-statuses",
        schema: "ApplicationStatus",
        description: "Statuses of a subsidy application, from draft through decision to payment \
            and final report.",
        values: {
            Draft = "draft" { nl: "ontwerp", fr: "brouillon", en: "draft" },
            Submitted = "submitted" { nl: "ingediend", fr: "introduite", en: "submitted" },
            InReview = "in_review" {
                nl: "in beoordeling",
                fr: "en cours d'évaluation",
                en: "in review",
            },
            /// The officer asked the applicant for more information.
            NeedsInformation = "needs_information" {
                nl: "aanvullende informatie nodig",
                fr: "informations complémentaires requises",
                en: "information needed",
            },
            Approved = "approved" { nl: "goedgekeurd", fr: "approuvée", en: "approved" },
            Rejected = "rejected" { nl: "afgewezen", fr: "refusée", en: "rejected" },
            AdvancePaid = "advance_paid" {
                nl: "voorschot betaald",
                fr: "avance versée",
                en: "advance paid",
            },
            /// The applicant submitted the final report with actual costs and income.
            ReportSubmitted = "report_submitted" {
                nl: "eindverslag ingediend",
                fr: "rapport final introduit",
                en: "final report submitted",
            },
            /// The balance was paid.
            Settled = "settled" { nl: "afgerekend", fr: "soldée", en: "settled" },
            /// Money is to be paid back.
            Reclaimed = "reclaimed" { nl: "teruggevorderd", fr: "récupérée", en: "reclaimed" },
            Withdrawn = "withdrawn" { nl: "ingetrokken", fr: "retirée", en: "withdrawn" },
        }
    }
}
