import { graphql } from '../graphql';

/**
 * Oppslag fra brukerservice / Lookups by user support: every support lookup of the party's access and consents,
 * newest first, 20 at a time (`after` is the previous page's `endCursor`).
 */
export const SUPPORT_LOOKUPS_QUERY = graphql(`
  query PortalSupportLookups($party: String!, $after: String) {
    me {
      name
      urn
    }
    party(urn: $party) {
      name
      urn
      supportLookupsPage(first: 20, after: $after) {
        nodes {
          id
          at
          caseNumber
          reason
        }
        pageInfo {
          endCursor
          hasNextPage
        }
      }
    }
  }
`);
