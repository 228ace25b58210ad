export * from './parties';
export * from './roles';
export * from './delegations';
export * from './consents';
export * from './evidence';
