//! Enumerations of a complaint's handling (DESIGN §5): status, referral, outcome, language.

enumerations! {
    /// Where a report or complaint is in its lifecycle:
    /// `received → acknowledged → in_treatment ⇄ referred → closed`.
    pub enum ComplaintStatus {
        list: "complaint-statuses",
        schema: "ComplaintStatus",
        description: "Statuses of a report or complaint; a report goes from received to \
            acknowledged to closed, a complaint may also be in treatment and referred.",
        values: {
            Received = "received" { nl: "ontvangen", fr: "reçu", en: "received" },
            Acknowledged = "acknowledged" {
                nl: "ontvangst bevestigd",
                fr: "réception confirmée",
                en: "acknowledged",
            },
            /// Handled by an assigned handler.
            InTreatment = "in_treatment" {
                nl: "in behandeling",
                fr: "en traitement",
                en: "in treatment",
            },
            /// Referred to another body, with the reporter's consent to share with it.
            Referred = "referred" { nl: "doorverwezen", fr: "transmis", en: "referred" },
            /// Closed with an outcome.
            Closed = "closed" { nl: "afgesloten", fr: "clôturé", en: "closed" },
        }
    }

    /// A body a complaint can be referred to.
    pub enum ReferralBody {
        list: "referral-bodies",
        schema: "ReferralBody",
        description: "Bodies to which a complaint can be referred, with the reporter's consent.",
        values: {
            /// Competent for federal matters.
            Unia = "unia" { nl: "Unia", fr: "Unia", en: "Unia" },
            /// Competent for Flemish matters.
            Vmri = "vmri" {
                nl: "Vlaams Mensenrechteninstituut",
                fr: "Institut flamand des droits humains",
                en: "Flemish Human Rights Institute",
            },
            /// Competent for the gender law's criteria in federal matters.
            Igvm = "igvm" {
                nl: "Instituut voor de gelijkheid van vrouwen en mannen",
                fr: "Institut pour l'égalité des femmes et des hommes",
                en: "Institute for the Equality of Women and Men",
            },
            Police = "police" { nl: "politie", fr: "police", en: "police" },
            Prosecutor = "prosecutor" {
                nl: "parket",
                fr: "parquet",
                en: "public prosecutor's office",
            },
            Ombudsman = "ombudsman" {
                nl: "ombudsdienst",
                fr: "service de médiation",
                en: "ombudsman",
            },
            /// Another service of the municipality.
            InternalService = "internal_service" {
                nl: "interne dienst",
                fr: "service interne",
                en: "internal service",
            },
            Other = "other" { nl: "andere", fr: "autre", en: "other" },
        }
    }

    /// How a closed report or complaint ended.
    pub enum ComplaintOutcome {
        list: "complaint-outcomes",
        schema: "ComplaintOutcome",
        description: "Outcomes with which a report or complaint is closed; registered is for \
            reports only.",
        values: {
            /// For reports only: registered for the municipality's picture of discrimination.
            Registered = "registered" { nl: "geregistreerd", fr: "enregistré", en: "registered" },
            Resolved = "resolved" { nl: "opgelost", fr: "résolu", en: "resolved" },
            Mediated = "mediated" {
                nl: "opgelost via bemiddeling",
                fr: "résolu par médiation",
                en: "resolved through mediation",
            },
            /// Founded, but no remedy could be obtained.
            FoundedNoRemedy = "founded_no_remedy" {
                nl: "gegrond, zonder herstel",
                fr: "fondé, sans réparation",
                en: "founded, no remedy",
            },
            Unfounded = "unfounded" { nl: "ongegrond", fr: "non fondé", en: "unfounded" },
            /// Handed over to a competent body.
            ReferredOut = "referred_out" {
                nl: "doorverwezen",
                fr: "réorienté",
                en: "referred elsewhere",
            },
            Withdrawn = "withdrawn" { nl: "ingetrokken", fr: "retiré", en: "withdrawn" },
            /// The reporter could not be reached.
            NoContact = "no_contact" {
                nl: "geen contact mogelijk",
                fr: "contact impossible",
                en: "no contact possible",
            },
            OutsideCompetence = "outside_competence" {
                nl: "buiten bevoegdheid",
                fr: "hors compétence",
                en: "outside competence",
            },
        }
    }

    /// The language in which a reporter wants to be contacted.
    pub enum PreferredLanguage {
        list: "languages",
        schema: "PreferredLanguage",
        description: "Languages in which a reporter can ask to be contacted: Belgium's three \
            official languages and English.",
        values: {
            Nl = "nl" { nl: "Nederlands", fr: "néerlandais", en: "Dutch" },
            Fr = "fr" { nl: "Frans", fr: "français", en: "French" },
            En = "en" { nl: "Engels", fr: "anglais", en: "English" },
            De = "de" { nl: "Duits", fr: "allemand", en: "German" },
        }
    }
}
