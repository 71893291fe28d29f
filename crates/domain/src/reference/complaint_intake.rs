//! Enumerations of a complaint's intake (DESIGN §5): kind, channel, reporter and incident context.

enumerations! {
    /// Whether the reporter asks for follow-up: a report ("melding") or a complaint ("klacht").
    pub enum ComplaintKind {
        list: "complaint-kinds",
        schema: "ComplaintKind",
        description: "Kinds of intake: a report registered for the municipality's picture of \
            discrimination, or a complaint asking for assisted follow-up.",
        values: {
            /// A "melding": registered for the city's picture of discrimination, closed once
            /// acknowledged.
            Report = "report" { nl: "melding", fr: "signalement", en: "report" },
            /// A "klacht": the reporter asks for assisted follow-up.
            Complaint = "complaint" { nl: "klacht", fr: "plainte", en: "complaint" },
        }
    }

    /// How a complaint reached the municipality.
    pub enum Channel {
        list: "channels",
        schema: "Channel",
        description: "Channels through which a report or complaint reaches the municipality.",
        values: {
            WebForm = "web_form" { nl: "webformulier", fr: "formulaire en ligne", en: "web form" },
            Phone = "phone" { nl: "telefoon", fr: "téléphone", en: "phone" },
            Counter = "counter" { nl: "loket", fr: "guichet", en: "counter" },
            Email = "email" { nl: "e-mail", fr: "courriel", en: "email" },
            Letter = "letter" { nl: "brief", fr: "lettre", en: "letter" },
            /// Submitted by a partner organisation with an API key (always so for API keys).
            Partner = "partner" {
                nl: "partnerorganisatie",
                fr: "organisation partenaire",
                en: "partner organisation",
            },
        }
    }

    /// How the reporter relates to what happened.
    pub enum ReporterRole {
        list: "reporter-roles",
        schema: "ReporterRole",
        description: "How the reporter relates to the incident reported.",
        values: {
            Victim = "victim" { nl: "slachtoffer", fr: "victime", en: "victim" },
            Witness = "witness" { nl: "getuige", fr: "témoin", en: "witness" },
            /// Reports on behalf of the victim (a relative, an association, a lawyer).
            Representative = "representative" {
                nl: "vertegenwoordiger",
                fr: "représentant",
                en: "representative",
            },
            /// Stays anonymous: gives no contact data.
            Anonymous = "anonymous" { nl: "anoniem", fr: "anonyme", en: "anonymous" },
        }
    }

    /// What kind of place the location of a complaint's incident is.
    pub enum ComplaintLocationKind {
        list: "complaint-location-kinds",
        schema: "ComplaintLocationKind",
        description: "Kinds of location of the incident a report or complaint is about.",
        values: {
            Address = "address" { nl: "adres", fr: "adresse", en: "address" },
            District = "district" { nl: "wijk", fr: "quartier", en: "district" },
            Online = "online" { nl: "online", fr: "en ligne", en: "online" },
            Unknown = "unknown" { nl: "onbekend", fr: "inconnu", en: "unknown" },
        }
    }

    /// The domain of life in which the alleged discrimination took place.
    pub enum ComplaintContext {
        list: "complaint-contexts",
        schema: "ComplaintContext",
        description: "Domains of life in which the alleged discrimination took place; with the \
            grounds they decide which body is competent.",
        values: {
            /// A service of the city or municipality itself.
            CityService = "city_service" {
                nl: "stads- of gemeentedienst",
                fr: "service communal",
                en: "city or municipal service",
            },
            /// A local government's care company (e.g. home care, residential care).
            CareCompany = "care_company" {
                nl: "zorgbedrijf",
                fr: "entreprise de soins",
                en: "care company",
            },
            Police = "police" { nl: "politie", fr: "police", en: "police" },
            Education = "education" { nl: "onderwijs", fr: "enseignement", en: "education" },
            Employment = "employment" { nl: "werk", fr: "emploi", en: "employment" },
            Housing = "housing" { nl: "huisvesting", fr: "logement", en: "housing" },
            GoodsAndServices = "goods_and_services" {
                nl: "goederen en diensten",
                fr: "biens et services",
                en: "goods and services",
            },
            PublicSpace = "public_space" {
                nl: "openbare ruimte",
                fr: "espace public",
                en: "public space",
            },
            Online = "online" { nl: "online", fr: "en ligne", en: "online" },
            Media = "media" { nl: "media", fr: "médias", en: "media" },
            LeisureAndSport = "leisure_and_sport" {
                nl: "vrije tijd en sport",
                fr: "loisirs et sport",
                en: "leisure and sport",
            },
            Healthcare = "healthcare" {
                nl: "gezondheidszorg",
                fr: "soins de santé",
                en: "healthcare",
            },
            Other = "other" { nl: "andere", fr: "autre", en: "other" },
        }
    }
}
