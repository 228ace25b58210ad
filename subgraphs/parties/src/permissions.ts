import type { PartyRow } from '@hub/db';
import { isAuthenticated, rule, type SubgraphContext } from '@hub/kit';

/** Personal data of a person: only the person and those who may act for them. */
const mayActForParty = rule({ cache: 'strict' })((party: PartyRow, _args, ctx: SubgraphContext) =>
  ctx.access.mayActFor(party.id),
);

export const permissions = {
  Query: { party: isAuthenticated, me: isAuthenticated },
  Party: {
    '*': isAuthenticated,
    nationalIdentityNumber: mayActForParty,
    birthDate: mayActForParty,
  },
};
