import 'reflect-metadata';

export * from './access';
export * from './decision/index';
export * from './permission-coverage';
export * from './shield';
export * from './support';
