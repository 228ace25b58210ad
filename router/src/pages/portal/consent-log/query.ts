import { graphql } from '../graphql';

/**
 * Samtykkelogg / Consent log: everything that happened to the party's consents, newest first, 20 at a time
 * (`after` is the previous page's `endCursor`).
 */
export const CONSENT_LOG_QUERY = graphql(`
  query PortalConsentLog($party: String!, $after: String) {
    me {
      name
    }
    party(urn: $party) {
      name
      urn
      consentLogPage(first: 20, after: $after) {
        nodes {
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
          consent {
            id
            validTo
            oneTimeConsent
            status
            from {
              name
            }
            to {
              name
            }
          }
        }
        pageInfo {
          endCursor
          hasNextPage
        }
      }
    }
  }
`);
