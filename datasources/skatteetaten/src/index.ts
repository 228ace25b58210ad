export { CODES, type Code } from './codes';
export { createHubClient } from './hub-client';
export { createDatasourceServer } from './server';
export { datasourceSettings, type DatasourceSettings } from './settings';
