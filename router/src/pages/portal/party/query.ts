import { graphql } from '../graphql';

/** The party picker: who the person is, and every party they may act for, with why. */
export const PARTY_PICKER_QUERY = graphql(`
  query PortalPartyPicker {
    me {
      name
      urn
      type
      authorizedPartiesWithReasons {
        party {
          urn
          name
          type
          organizationNumber
          birthDate
        }
        reasons {
          source
          via
        }
        viaMainUnit {
          name
        }
      }
    }
  }
`);
