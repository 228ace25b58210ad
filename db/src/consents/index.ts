/** The consents domain: its tables (for the consents subgraph, seeds and tests) and its read API (for everyone). */
export * from '../schema/consents';
export * from './read';
