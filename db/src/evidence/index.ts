/** The evidence domain: its tables (for the evidence subgraph, seeds and tests). No other domain reads them. */
export * from '../schema/evidence';
