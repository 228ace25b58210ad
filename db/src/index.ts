export * from './client';
export * from './env';
export * from './identifiers';
export * from './migrate';
export * from './schema/index';
export * from './story';
export * from './urn';
export { seedStory } from './seed/story';
export { seedSynthetic, type SeedSyntheticResult } from './seed/bulk';
