export * from './authentication-level';
export * from './administers';
export * from './authorized-parties';
export { currentCatalogue, type Catalogue, type PackageFacts as CataloguePackage, type ResourceFacts } from './catalogue';
export * from './decide';
export * from './evaluate';
export { activeDelegations, loadFacts, pairKey, type Facts } from './facts';
export * from './types';
export * from './search';
