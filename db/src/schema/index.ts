export * from './parties';
export * from './roles';
export * from './domains';
