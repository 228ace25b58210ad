import 'reflect-metadata';

export * from './batch';
export * from './build-subgraph';
export * from './config';
export * from './context';
export * from './errors';
export * from './graceful';
export * from './logger';
export * from './party-rows';
export * from './party-stub';
export * from './serve-subgraph';
export * from './signature';
export * from './subgraphs';
export * from './viewer';
export * from './viewer-party-ids';
export { DateTimeResolver, JSONResolver } from 'graphql-scalars';
export * from './run-subgraph';
export * from './paging';
