/** The parties domain: its tables (for the parties subgraph, seeds and tests) and its read API (for everyone). */
export * from '../schema/parties';
export * from './read';
