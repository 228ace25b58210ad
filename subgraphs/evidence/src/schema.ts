import { createPermissions } from '@hub/authz';
import { buildSubgraph } from '@hub/kit';
import { AccreditationResolver } from './accreditation/accreditation.resolver';
import { CreateAccreditationResolver } from './accreditation/create.resolver';
import { EvidenceCodeResolver } from './code/code.resolver';
import { OpenEvidenceResolver } from './harvest/open.resolver';
import { partyReference } from './party/party.reference';
import { permissions } from './permissions';
import { EvidenceRetrievalResolver, PartyEvidenceResolver } from './retrieval/retrieval.resolver';

/** The evidence subgraph: codes and service contexts, accreditations, harvesting from the sources, the retrieval log. No side effects. */
export const buildEvidenceSchema = () =>
  buildSubgraph({
    resolvers: [
      EvidenceCodeResolver,
      CreateAccreditationResolver,
      AccreditationResolver,
      OpenEvidenceResolver,
      EvidenceRetrievalResolver,
      PartyEvidenceResolver,
    ],
    referenceResolvers: partyReference,
    permissions: createPermissions(permissions),
  });
