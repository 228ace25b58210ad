// The platform every workspace shares. Tables live behind the per-domain entry points @hub/db/<domain> (see docs/architecture.md).
export * from './client';
export * from './env';
export * from './identifiers';
export * from './legacy-party-uuid';
export * from './party-ids';
export * from './migrate';
export * from './story';
export * from './urn';
export * from './uuid';
export { seedStory } from './seed/story';
export { seedSynthetic, type SeedSyntheticResult } from './seed/bulk';
export { openStoryDatabase } from './story-database';
export { partyCounts } from './party-counts';
export * from './unavailable';
export * from './logs';
export * from './any-of';
export { buildTemplate, readTemplate, templateFile, type TemplateLocation } from './pglite-template';
