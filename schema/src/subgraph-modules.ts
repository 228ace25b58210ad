import type { SubgraphModule, SubgraphName } from '@hub/kit';
import { partiesSubgraph } from '@hub/parties';
import { rolesSubgraph } from '@hub/roles';
import { delegationsSubgraph } from '@hub/delegations';
import { consentsSubgraph } from '@hub/consents';
import { evidenceSubgraph } from '@hub/evidence';

/** Every subgraph's module, by name. Adding a subgraph: one line here and one in the kit's SUBGRAPHS. */
export const SUBGRAPH_MODULES: Record<SubgraphName, SubgraphModule<never>> = {
  parties: partiesSubgraph as SubgraphModule<never>,
  roles: rolesSubgraph as SubgraphModule<never>,
  delegations: delegationsSubgraph as SubgraphModule<never>,
  consents: consentsSubgraph as SubgraphModule<never>,
  evidence: evidenceSubgraph as SubgraphModule<never>,
};
