import { isAuthenticated, mayActForParty } from '@hub/authz';

// Personal data of a person (number, birth date): only the person and those who may act for them.

export const permissions = {
  Query: { party: isAuthenticated, me: isAuthenticated },
  Party: {
    '*': isAuthenticated,
    nationalIdentityNumber: mayActForParty,
    birthDate: mayActForParty,
    dateOfDeath: mayActForParty,
  },
};
