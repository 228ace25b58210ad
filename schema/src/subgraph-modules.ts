import type { SubgraphModule, SubgraphName } from '@hub/kit';
import { partiesSubgraph } from '@hub/parties';

/** Every subgraph's module, by name. Adding a subgraph: one line here and one in the kit's SUBGRAPHS. */
export const SUBGRAPH_MODULES: Record<SubgraphName, SubgraphModule<never>> = {
  parties: partiesSubgraph as SubgraphModule<never>,
};
