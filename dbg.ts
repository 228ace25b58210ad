import { completeOrganizationNumber } from '@hub/db';
console.log(completeOrganizationNumber('99999999'), completeOrganizationNumber('91234567'));
