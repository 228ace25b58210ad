import { graphql } from '../graphql';

/**
 * Hvem har hentet data om meg / Who has fetched data about me: the evidence retrievals about the party, newest
 * first, 20 at a time (`after` is the previous page's `endCursor`).
 */
export const RETRIEVALS_QUERY = graphql(`
  query PortalRetrievals($party: String!, $after: String) {
    me {
      name
    }
    party(urn: $party) {
      name
      urn
      evidenceRetrievalsPage(first: 20, after: $after) {
        nodes {
          code
          status
          reason
          at
          accreditationId
          requestor {
            name
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
