/** The subgraphs of the hub and the ports they take by default, in one place for the router, compose and start. */
export const SUBGRAPHS = [
  { name: 'parties', defaultPort: 4001 },
  { name: 'roles', defaultPort: 4002 },
  { name: 'delegations', defaultPort: 4003 },
  { name: 'consents', defaultPort: 4004 },
  { name: 'evidence', defaultPort: 4005 },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];
