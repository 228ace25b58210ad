import { graphql } from '../graphql';

/**
 * Tilganger / Access: the page's one query, for the viewer acting for `$party` (themselves, or a person or
 * organisation they may act for).
 *
 * - the rights `$party` has, for whom, and why: the roles it holds (ROLE), the packages those roles grant
 *   (ACCESS_PACKAGE, matched through `accessPackages { grantedByRoles }`) and the delegations it received (DELEGATION);
 * - what it may use by consent (`consentRights`: per resource, a count and dates, no persons; administrators only);
 * - the rights given on its behalf (`delegationsGiven`), each revocable (`PortalRevokeDelegation`);
 * - what the viewer may give on its behalf (`delegableRights`: exactly what `delegate` accepts from the viewer), and
 *   for a person acting for themselves the power-of-attorney areas (`accessPackages { powerOfAttorney }`);
 * - requests to it waiting for its administrators (`accessRequestsReceived(status: PENDING)`);
 * - the viewer's own access requests (`me { accessRequestsSent }`).
 * Fields for administrators only come back null (with a FORBIDDEN error) for anyone else; the page leaves those
 * sections out.
 */
export const ACCESS_QUERY = graphql(`
  query PortalAccess($party: String!) {
    me {
      name
      urn
      accessRequestsSent(first: 50) {
        id
        status
        actions
        from {
          name
        }
        resource {
          id
          title
        }
        package {
          urn
          name
        }
      }
    }
    party(urn: $party) {
      name
      urn
      type
      rolesHeld {
        role {
          code
          urn
          name
        }
        from {
          name
        }
      }
      delegationsReceived(first: 100) {
        id
        actions
        validTo
        from {
          name
        }
        resource {
          id
          title
        }
        package {
          urn
          name
        }
      }
      delegationsGiven(first: 100) {
        id
        actions
        validTo
        to {
          name
        }
        resource {
          id
          title
        }
        package {
          urn
          name
        }
      }
      delegableRights {
        resources {
          resource {
            id
            title
          }
          actions
        }
        packages {
          urn
          name
        }
      }
      consentRights {
        resource {
          id
          title
        }
        consents
        earliestValidTo
        latestValidTo
        oneTime
      }
      accessRequestsReceived(first: 100, status: PENDING) {
        id
        actions
        message
        requester {
          name
        }
        resource {
          id
          title
        }
        package {
          urn
          name
        }
      }
    }
    accessPackages {
      urn
      name
      powerOfAttorney
      grantedByRoles {
        code
      }
    }
  }
`);

/** What the viewer may give on behalf of `$party` to `$to`, and why not the rest (the check `delegate` applies). */
export const DELEGATION_CHECK = graphql(`
  query PortalDelegationCheck($party: String!, $to: String!) {
    party(urn: $party) {
      delegationCheck(to: $to) {
        resource {
          id
          title
        }
        action
        package {
          urn
          name
        }
        delegable
        reason
      }
    }
  }
`);

/** Give `to` a resource's actions or a package on behalf of `from`. */
export const DELEGATE = graphql(`
  mutation PortalDelegate($input: DelegateInput!) {
    delegate(input: $input) {
      id
    }
  }
`);

export const REVOKE_DELEGATION = graphql(`
  mutation PortalRevokeDelegation($id: ID!) {
    revokeDelegation(id: $id) {
      id
      revokedAt
    }
  }
`);

export const APPROVE_ACCESS_REQUEST = graphql(`
  mutation PortalApproveAccessRequest($id: ID!) {
    approveAccessRequest(id: $id) {
      id
      status
    }
  }
`);

export const REJECT_ACCESS_REQUEST = graphql(`
  mutation PortalRejectAccessRequest($id: ID!) {
    rejectAccessRequest(id: $id) {
      id
      status
    }
  }
`);

export const WITHDRAW_ACCESS_REQUEST = graphql(`
  mutation PortalWithdrawAccessRequest($id: ID!) {
    withdrawAccessRequest(id: $id) {
      id
      status
    }
  }
`);
