/** The delegations domain: its tables (for the delegations subgraph, seeds and tests) and its read API (for everyone). */
export * from '../schema/delegations';
export * from './read';
