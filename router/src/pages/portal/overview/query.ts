import { graphql } from '../graphql';

/**
 * Oversikt / Overview: who the person acts for, and a summary of each portal page for that party. Fields the
 * person may not see for this party (`accessOverview` is for administrators) come back null, with an error the
 * page leaves out.
 */
export const OVERVIEW_QUERY = graphql(`
  query PortalOverview($party: String!) {
    me {
      name
      urn
      authorizedPartiesWithReasons {
        party {
          urn
        }
        reasons {
          source
        }
      }
    }
    party(urn: $party) {
      name
      urn
      type
      organizationNumber
      consentsGivenPage(first: 100) {
        nodes {
          id
          status
        }
        pageInfo {
          hasNextPage
        }
      }
      consentLogPage(first: 1) {
        nodes {
          type
          at
        }
      }
      evidenceRetrievalsPage(first: 3) {
        nodes {
          at
          code
          requestor {
            name
          }
        }
      }
      accessOverview {
        rows {
          holder {
            urn
          }
        }
      }
    }
  }
`);
