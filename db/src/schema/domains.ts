import { pgSchema } from 'drizzle-orm/pg-core';

// Schemas whose tables arrive with their subgraphs; created now so each domain owns its namespace from the start.
export const evidenceSchema = pgSchema('evidence');
