//! Enumerations of tenancy and access (DESIGN §3): staff roles, partner kinds, API-key scopes.

enumerations! {
    /// A role that a staff member's bearer token grants through its `roles` claim.
    pub enum Role {
        list: "roles",
        schema: "Role",
        description: "Roles that a staff member's bearer token grants through its `roles` claim.",
        values: {
            /// Manages municipalities, partners, API keys and webhook subscriptions, and may do
            /// everything the other roles may.
            Admin = "admin" { nl: "beheerder", fr: "administrateur", en: "administrator" },
            /// Registers complaints, reads and handles them.
            ComplaintHandler = "complaint_handler" {
                nl: "klachtbehandelaar",
                fr: "gestionnaire des plaintes",
                en: "complaint handler",
            },
            /// Manages incidents, consultations, participants and action items.
            HateCrimeCoordinator = "hate_crime_coordinator" {
                nl: "coördinator haatmisdrijven",
                fr: "coordinateur des délits de haine",
                en: "hate-crime coordinator",
            },
            /// Manages schemes; handles applications, decisions and payments.
            SubsidyOfficer = "subsidy_officer" {
                nl: "subsidiebeheerder",
                fr: "gestionnaire des subsides",
                en: "subsidy officer",
            },
            /// Reads the applications of schemes and scores them.
            SubsidyReviewer = "subsidy_reviewer" {
                nl: "beoordelaar subsidies",
                fr: "évaluateur des subsides",
                en: "subsidy reviewer",
            },
            /// Reads aggregated statistics only, never a single record.
            Analyst = "analyst" { nl: "analist", fr: "analyste", en: "analyst" },
        }
    }

    /// The kind of a partner organisation that calls the API with an API key.
    pub enum PartnerKind {
        list: "partner-kinds",
        schema: "PartnerKind",
        description: "Kinds of partner organisation that call the API with an API key.",
        values: {
            Ngo = "ngo" { nl: "ngo", fr: "ONG", en: "NGO" },
            Police = "police" { nl: "politie", fr: "police", en: "police" },
            Prosecutor = "prosecutor" {
                nl: "parket",
                fr: "parquet",
                en: "public prosecutor's office",
            },
            Unia = "unia" { nl: "Unia", fr: "Unia", en: "Unia" },
            Vmri = "vmri" {
                nl: "Vlaams Mensenrechteninstituut",
                fr: "Institut flamand des droits humains",
                en: "Flemish Human Rights Institute",
            },
            /// The city's own front-office software (website forms, counter application).
            FrontOffice = "front_office" {
                nl: "frontoffice",
                fr: "front-office",
                en: "front office",
            },
            Other = "other" { nl: "andere", fr: "autre", en: "other" },
        }
    }

    /// A permission an API key carries; a partner may only do what its key's scopes allow.
    pub enum Scope {
        list: "api-key-scopes",
        schema: "Scope",
        description: "Permissions that a partner's API key carries.",
        values: {
            ComplaintsSubmit = "complaints:submit" {
                nl: "meldingen en klachten indienen",
                fr: "introduire des signalements et des plaintes",
                en: "submit reports and complaints",
            },
            ComplaintsReadOwn = "complaints:read_own" {
                nl: "eigen meldingen en klachten lezen",
                fr: "consulter ses propres signalements et plaintes",
                en: "read own reports and complaints",
            },
            IncidentsSubmit = "incidents:submit" {
                nl: "haatmisdrijven indienen",
                fr: "introduire des délits de haine",
                en: "submit hate-crime incidents",
            },
            IncidentsRead = "incidents:read" {
                nl: "haatmisdrijven lezen",
                fr: "consulter les délits de haine",
                en: "read hate-crime incidents",
            },
            /// Reads the consultations (and their agenda) where the partner is a participant.
            ConsultationsRead = "consultations:read" {
                nl: "overleggen haatmisdrijven lezen",
                fr: "consulter les concertations sur les délits de haine",
                en: "read hate-crime consultations",
            },
            SubsidiesApply = "subsidies:apply" {
                nl: "subsidies aanvragen",
                fr: "demander des subsides",
                en: "apply for subsidies",
            },
            SubsidiesReadOwn = "subsidies:read_own" {
                nl: "eigen subsidieaanvragen lezen",
                fr: "consulter ses propres demandes de subside",
                en: "read own subsidy applications",
            },
        }
    }
}
