import { createPermissions } from '@hub/authz';
import { buildSubgraph } from '@hub/kit';
import { partyReference } from './party/party.reference';
import { PartyResolver } from './party/party.resolver';
import { permissions } from './permissions';

/** The parties subgraph's schema. No side effects. */
export const buildPartiesSchema = () =>
  buildSubgraph({ resolvers: [PartyResolver], referenceResolvers: partyReference, permissions: createPermissions(permissions) });
