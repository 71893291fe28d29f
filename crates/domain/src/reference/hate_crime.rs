//! Enumerations of the hate-crime registry and its consultations (DESIGN §6).

enumerations! {
    /// What kind of place a hate-crime incident happened in.
    pub enum IncidentLocationKind {
        list: "incident-location-kinds",
        schema: "IncidentLocationKind",
        description: "Kinds of place where a hate-crime incident happened.",
        values: {
            PublicSpace = "public_space" {
                nl: "openbare ruimte",
                fr: "espace public",
                en: "public space",
            },
            Online = "online" { nl: "online", fr: "en ligne", en: "online" },
            Home = "home" { nl: "woning", fr: "domicile", en: "home" },
            School = "school" { nl: "school", fr: "école", en: "school" },
            Workplace = "workplace" { nl: "werkplek", fr: "lieu de travail", en: "workplace" },
            PublicTransport = "public_transport" {
                nl: "openbaar vervoer",
                fr: "transports en commun",
                en: "public transport",
            },
            Nightlife = "nightlife" { nl: "uitgaansleven", fr: "vie nocturne", en: "nightlife" },
            Other = "other" { nl: "andere", fr: "autre", en: "other" },
        }
    }

    /// The bias motivation of a hate crime, in the categories OSCE/ODIHR reports on.
    pub enum BiasMotivation {
        list: "bias-motivations",
        schema: "BiasMotivation",
        description: "Bias motivations of a hate crime, in the categories of the OSCE/ODIHR \
            hate-crime reports.",
        values: {
            RacismXenophobia = "racism_xenophobia" {
                nl: "racisme en xenofobie",
                fr: "racisme et xénophobie",
                en: "racism and xenophobia",
            },
            AntiRoma = "anti_roma" {
                nl: "vooroordeel tegen Roma en Sinti",
                fr: "préjugé contre les Roms et les Sintis",
                en: "bias against Roma and Sinti",
            },
            Antisemitism = "antisemitism" {
                nl: "antisemitisme",
                fr: "antisémitisme",
                en: "antisemitism",
            },
            AntiMuslim = "anti_muslim" {
                nl: "vooroordeel tegen moslims",
                fr: "préjugé contre les musulmans",
                en: "bias against Muslims",
            },
            AntiChristian = "anti_christian" {
                nl: "vooroordeel tegen christenen",
                fr: "préjugé contre les chrétiens",
                en: "bias against Christians",
            },
            OtherReligion = "other_religion" {
                nl: "vooroordeel tegen andere religies of overtuigingen",
                fr: "préjugé contre d'autres religions ou convictions",
                en: "bias against other religions or beliefs",
            },
            AntiLgbti = "anti_lgbti" {
                nl: "vooroordeel tegen LGBTI-personen",
                fr: "préjugé contre les personnes LGBTI",
                en: "bias against LGBTI people",
            },
            Gender = "gender" {
                nl: "gendergerelateerd vooroordeel",
                fr: "préjugé fondé sur le genre",
                en: "gender-based bias",
            },
            Disability = "disability" {
                nl: "vooroordeel tegen personen met een handicap",
                fr: "préjugé contre les personnes en situation de handicap",
                en: "bias against people with disabilities",
            },
            Other = "other" { nl: "ander vooroordeel", fr: "autre préjugé", en: "other bias" },
        }
    }

    /// The type of a hate crime, in the categories OSCE/ODIHR reports on.
    pub enum CrimeType {
        list: "crime-types",
        schema: "CrimeType",
        description: "Types of hate crime, in the categories of the OSCE/ODIHR hate-crime reports.",
        values: {
            Homicide = "homicide" { nl: "doodslag of moord", fr: "homicide", en: "homicide" },
            PhysicalAssault = "physical_assault" {
                nl: "slagen en verwondingen",
                fr: "coups et blessures",
                en: "physical assault",
            },
            Threat = "threat" { nl: "bedreiging", fr: "menace", en: "threat" },
            DamageToProperty = "damage_to_property" {
                nl: "beschadiging van eigendom",
                fr: "dégradation de biens",
                en: "damage to property",
            },
            Arson = "arson" { nl: "brandstichting", fr: "incendie volontaire", en: "arson" },
            /// Of graves, places of worship or other sites.
            Desecration = "desecration" {
                nl: "schennis van graven of gebedshuizen",
                fr: "profanation de tombes ou de lieux de culte",
                en: "desecration",
            },
            TheftRobbery = "theft_robbery" {
                nl: "diefstal of beroving",
                fr: "vol ou vol avec violence",
                en: "theft or robbery",
            },
            HateSpeech = "hate_speech" {
                nl: "haatspraak",
                fr: "discours de haine",
                en: "hate speech",
            },
            /// Criminal harassment ("belaging").
            Harassment = "harassment" { nl: "belaging", fr: "harcèlement", en: "harassment" },
            Other = "other" { nl: "ander misdrijf", fr: "autre infraction", en: "other offence" },
        }
    }

    /// Who brought a hate-crime incident to the registry.
    pub enum IncidentSource {
        list: "incident-sources",
        schema: "IncidentSource",
        description: "Sources through which a hate-crime incident reaches the registry.",
        values: {
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
            Ngo = "ngo" { nl: "ngo", fr: "ONG", en: "NGO" },
            /// The municipality's own reporting point, e.g. by escalating a complaint.
            Meldpunt = "meldpunt" {
                nl: "gemeentelijk meldpunt",
                fr: "point de signalement communal",
                en: "municipal reporting point",
            },
            Other = "other" { nl: "andere", fr: "autre", en: "other" },
        }
    }

    /// Where the criminal case about a hate-crime incident stands.
    pub enum ProsecutionStatus {
        list: "prosecution-statuses",
        schema: "ProsecutionStatus",
        description: "Stages of the criminal case about a hate-crime incident.",
        values: {
            Unknown = "unknown" { nl: "onbekend", fr: "inconnu", en: "unknown" },
            UnderInvestigation = "under_investigation" {
                nl: "in onderzoek",
                fr: "enquête en cours",
                en: "under investigation",
            },
            /// Dismissed by the prosecutor ("sepot").
            Dismissed = "dismissed" { nl: "geseponeerd", fr: "classé sans suite", en: "dismissed" },
            Prosecuted = "prosecuted" { nl: "vervolgd", fr: "poursuivi", en: "prosecuted" },
            Convicted = "convicted" { nl: "veroordeeld", fr: "condamné", en: "convicted" },
            Acquitted = "acquitted" { nl: "vrijgesproken", fr: "acquitté", en: "acquitted" },
        }
    }

    /// Where a hate-crime consultation is in its lifecycle:
    /// `planned → held → minutes_approved`, or `planned → cancelled`.
    pub enum ConsultationStatus {
        list: "consultation-statuses",
        schema: "ConsultationStatus",
        description: "Statuses of a hate-crime consultation: planned, held, minutes approved, or \
            cancelled.",
        values: {
            Planned = "planned" { nl: "gepland", fr: "planifiée", en: "planned" },
            Held = "held" { nl: "gehouden", fr: "tenue", en: "held" },
            MinutesApproved = "minutes_approved" {
                nl: "verslag goedgekeurd",
                fr: "procès-verbal approuvé",
                en: "minutes approved",
            },
            Cancelled = "cancelled" { nl: "geannuleerd", fr: "annulée", en: "cancelled" },
        }
    }

    /// The kind of organisation taking part in a hate-crime consultation.
    pub enum ParticipantKind {
        list: "participant-kinds",
        schema: "ParticipantKind",
        description: "Kinds of organisation taking part in a hate-crime consultation.",
        values: {
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
            /// An association of or for a group that hate crime targets.
            TargetGroupAssociation = "target_group_association" {
                nl: "doelgroepvereniging",
                fr: "association du groupe cible",
                en: "target-group association",
            },
            CityService = "city_service" {
                nl: "stads- of gemeentedienst",
                fr: "service communal",
                en: "city or municipal service",
            },
            Other = "other" { nl: "andere", fr: "autre", en: "other" },
        }
    }

    /// Where an action item agreed at a consultation stands; open items carry over.
    pub enum ActionItemStatus {
        list: "action-item-statuses",
        schema: "ActionItemStatus",
        description: "Statuses of an action item agreed at a hate-crime consultation; items still \
            open carry over into the next consultation.",
        values: {
            Open = "open" { nl: "open", fr: "ouverte", en: "open" },
            InProgress = "in_progress" { nl: "lopend", fr: "en cours", en: "in progress" },
            Done = "done" { nl: "afgerond", fr: "terminée", en: "done" },
            Dropped = "dropped" { nl: "geschrapt", fr: "abandonnée", en: "dropped" },
        }
    }
}
