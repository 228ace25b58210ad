import { graphql } from '../graphql';

/**
 * Samtykker / Consents: the consents the party has given (also those its representative gave for it), newest
 * first, a page at a time (`after` is the previous page's `endCursor`).
 */
export const CONSENTS_QUERY = graphql(`
  query PortalConsents($party: String!, $after: String) {
    me {
      name
    }
    party(urn: $party) {
      name
      urn
      consentsGivenPage(first: 20, after: $after) {
        nodes {
          id
          status
          validTo
          answeredAt
          oneTimeConsent
          to {
            name
          }
          handledBy {
            name
          }
          answeredBy {
            name
          }
          rights {
            metadata
            resource {
              id
              title
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

/** Withdraws a consent (the party's own, or one its representative may withdraw). */
export const REVOKE_CONSENT = graphql(`
  mutation PortalRevokeConsent($id: ID!) {
    revokeConsent(id: $id) {
      id
      status
    }
  }
`);
