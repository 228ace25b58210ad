import { createPartyStubType, partyStub, type PartyStub } from '@hub/kit';

/** What this subgraph knows of a party: its id. The parties subgraph owns every other field. */
export type PartyRef = PartyStub;
export const partyRef = partyStub;

/** This subgraph's `Party @key(fields: "id")`, made once here from the one stub definition. */
export const Party = createPartyStubType();
export type Party = PartyStub;
