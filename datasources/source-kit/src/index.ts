export { ConsentRefused, hubKeys, organizationUrn, verifyConsentToken, type ConsentExpectation } from './verify';
export { isUseRefusal, REPORT_USE_QUERY, reportUseVariables, type ConsentUse } from './report-use';
export { syntheticDigits } from './synthetic';
