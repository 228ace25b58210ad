import { graphql } from '../graphql';

/**
 * Andre med rettigheter / Others with rights: the page's one query, for an administrator of the organisation
 * `$party`. Every path by which someone holds access to it or one of its subunits (a role, a package a role grants,
 * a delegation), with the role catalogue to name the roles. Anyone else gets `accessOverview: null` (FORBIDDEN).
 */
export const OTHERS_QUERY = graphql(`
  query PortalOthers($party: String!) {
    me {
      name
    }
    party(urn: $party) {
      name
      urn
      organizationNumber
      accessOverview {
        rows {
          holder {
            id
            name
          }
          party {
            name
          }
          source
          via
          resource {
            id
            title
          }
          package {
            urn
            name
          }
          actions
        }
      }
    }
    roles {
      urn
      name
    }
  }
`);

/**
 * The CSV download (`GET /portal/others.csv`): the same overview as CSV, run by the router in the person's
 * session for the party they act for.
 */
export const OTHERS_CSV_QUERY = graphql(`
  query PortalOthersCsv($party: String!) {
    party(urn: $party) {
      organizationNumber
      accessOverview {
        csv
      }
    }
  }
`);
