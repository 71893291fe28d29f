//! Enumerations of the webhooks (DESIGN §8, §11): the event types a subscription chooses from
//! and the states of a delivery.

enumerations! {
    /// A change that a webhook subscription can be told about.
    pub enum WebhookEventType {
        list: "webhook-event-types",
        schema: "WebhookEventType",
        description: "Changes that a webhook subscription can be told about.",
        values: {
            /// A complaint or report was registered.
            ComplaintCreated = "complaint.created" {
                nl: "melding of klacht geregistreerd",
                fr: "signalement ou plainte enregistré",
                en: "complaint registered",
            },
            /// A complaint's status changed (acknowledged, in treatment, referred, closed).
            ComplaintStatusChanged = "complaint.status_changed" {
                nl: "status van een klacht gewijzigd",
                fr: "statut d'une plainte modifié",
                en: "complaint status changed",
            },
            /// A hate-crime incident was recorded.
            IncidentCreated = "incident.created" {
                nl: "haatmisdrijf geregistreerd",
                fr: "délit de haine enregistré",
                en: "hate-crime incident recorded",
            },
            /// An incident's prosecution status changed.
            IncidentStatusChanged = "incident.status_changed" {
                nl: "vervolgingsstatus van een haatmisdrijf gewijzigd",
                fr: "statut des poursuites d'un délit de haine modifié",
                en: "hate-crime incident prosecution status changed",
            },
            /// A consultation was planned.
            ConsultationCreated = "consultation.created" {
                nl: "overleg gepland",
                fr: "concertation planifiée",
                en: "consultation planned",
            },
            /// A consultation's status changed (held, minutes approved, cancelled).
            ConsultationStatusChanged = "consultation.status_changed" {
                nl: "status van een overleg gewijzigd",
                fr: "statut d'une concertation modifié",
                en: "consultation status changed",
            },
            /// A subsidy application was created (as a draft).
            ApplicationCreated = "application.created" {
                nl: "subsidieaanvraag aangemaakt",
                fr: "demande de subside créée",
                en: "subsidy application created",
            },
            /// A subsidy application's status changed.
            ApplicationStatusChanged = "application.status_changed" {
                nl: "status van een subsidieaanvraag gewijzigd",
                fr: "statut d'une demande de subside modifié",
                en: "subsidy application status changed",
            },
        }
    }

    /// Where a webhook delivery stands.
    pub enum WebhookDeliveryStatus {
        list: "webhook-delivery-statuses",
        schema: "WebhookDeliveryStatus",
        description: "Where a webhook delivery stands.",
        values: {
            /// Waiting for its first attempt or its next retry.
            Pending = "pending" { nl: "in afwachting", fr: "en attente", en: "pending" },
            /// The receiver answered with a 2xx status.
            Delivered = "delivered" { nl: "afgeleverd", fr: "livré", en: "delivered" },
            /// Every attempt failed; it is not tried again unless redelivered.
            Failed = "failed" { nl: "mislukt", fr: "échoué", en: "failed" },
        }
    }
}
