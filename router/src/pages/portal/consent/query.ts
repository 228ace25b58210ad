import { graphql } from '../graphql';

/**
 * Se samtykke / Consent detail: who has the consent, what data from which sources, why, until when, and every
 * use of it (its events, oldest first).
 */
export const CONSENT_QUERY = graphql(`
  query PortalConsent($party: String!, $id: ID!) {
    me {
      name
    }
    party(urn: $party) {
      name
      urn
    }
    consentRequest(id: $id) {
      id
      status
      validTo
      createdAt
      answeredAt
      oneTimeConsent
      requestMessage
      from {
        name
        urn
      }
      to {
        name
        organizationNumber
      }
      handledBy {
        name
      }
      answeredBy {
        name
      }
      rights {
        metadata
        oneTime
        usedAt
        resource {
          id
          title
          owner {
            name
          }
        }
      }
      template {
        title {
          nb
          en
        }
        nb: renderedText(lang: "nb")
        en: renderedText(lang: "en")
      }
      events {
        type
        at
        performedBy {
          name
        }
        deliveredTo {
          name
        }
        resource {
          id
          title
        }
      }
    }
  }
`);
