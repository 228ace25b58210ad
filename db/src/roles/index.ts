/** The roles domain: its tables (for the roles subgraph, seeds and tests) and its read API (for everyone). */
export * from '../schema/roles';
export * from './read';
