import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { activeDelegationRows } from '@hub/db/delegations/read';
import { rolesHeldWithUrns } from '@hub/db/roles/read';
import { authorizedParties } from '@hub/authz';
import { loadPartyByRef, notFound, PageArgs, PageType, parseUrnArg, requireOrganization, type Page, type SubgraphContext } from '@hub/kit';
import { AuthorizedParty } from '../authorized-party/authorized-party.type';
import type { Loaders } from '../loaders';
import { Party, partyRef, type PartyRef } from '../party/party.type';
import { logSupportLookup, supportLookupsPage, type SupportLookupRow } from './support-lookup.store';
import { SupportDelegation, SupportLookup, SupportLookupRecord, SupportRoleAssignment } from './support-lookup.type';
import { parseLookupReason } from './support-lookup.validation';

type Context = SubgraphContext<Loaders>;

@Resolver(() => SupportLookup)
export class SupportLookupResolver {
  /**
   * A mutation, not a query: every call writes a row to the log. The row is written before anything is read, and the
   * fields below resolve only under it; a failed write is the answer (UNAVAILABLE or INTERNAL), with no data.
   */
  @Mutation(() => SupportLookup, {
    description:
      'Support staff (an organisation token with scope altinn:support.read) look up a party’s access and consents to help it. ' +
      'Needs the support case number (YYYY-NNNN, BAD_USER_INPUT on `caseNumber` without it) and takes optional free text; ' +
      'every lookup is logged (append-only) and shown to the party (`Party.supportLookups`). An unknown party is NOT_FOUND.',
  })
  async supportLookup(
    @Arg('party', () => String, { description: 'URN of the person or organisation.' }) party: string,
    @Arg('caseNumber', () => String, { description: 'The support case, YYYY-NNNN (e.g. 2026-1234).' }) caseNumber: string,
    @Arg('reason', () => String, { nullable: true, description: 'Free text, at most 500 characters; the party sees it.' })
    reason: string | null,
    @Ctx() ctx: Context,
  ): Promise<SupportLookupRow> {
    const viewer = requireOrganization(ctx);
    const stated = parseLookupReason({ caseNumber, reason });
    const row = await loadPartyByRef(parseUrnArg(party, 'party'), ctx.loaders.parties);
    if (!row) throw notFound(`The party ${party}`);
    return logSupportLookup(ctx.db, { actorId: viewer.partyId, clientId: viewer.clientId, partyId: row.id, ...stated });
  }

  @FieldResolver(() => Party, { description: 'The party looked up.' })
  party(@Root() lookup: SupportLookupRow): PartyRef {
    return partyRef(lookup.partyId);
  }

  @FieldResolver(() => [SupportRoleAssignment], { description: 'The roles the party holds for others (registers and Altinn).' })
  async rolesHeld(@Root() lookup: SupportLookupRow, @Ctx() ctx: Context): Promise<SupportRoleAssignment[]> {
    return (await rolesHeldWithUrns(ctx.db, { toIds: [lookup.partyId] })).map(roleAssignment);
  }

  @FieldResolver(() => [SupportRoleAssignment], { description: 'Who holds roles for the party.' })
  async roleHolders(@Root() lookup: SupportLookupRow, @Ctx() ctx: Context): Promise<SupportRoleAssignment[]> {
    return (await rolesHeldWithUrns(ctx.db, { fromIds: [lookup.partyId] })).map(roleAssignment);
  }

  @FieldResolver(() => [SupportDelegation], { description: 'Active delegations the party has received.' })
  async delegationsReceived(@Root() lookup: SupportLookupRow, @Ctx() ctx: Context): Promise<SupportDelegation[]> {
    return (await activeDelegationRows(ctx.db, { toIds: [lookup.partyId] }, new Date())).map(supportDelegation);
  }

  @FieldResolver(() => [SupportDelegation], { description: 'Active delegations given on behalf of the party.' })
  async delegationsGiven(@Root() lookup: SupportLookupRow, @Ctx() ctx: Context): Promise<SupportDelegation[]> {
    return (await activeDelegationRows(ctx.db, { fromIds: [lookup.partyId] }, new Date())).map(supportDelegation);
  }

  @FieldResolver(() => [AuthorizedParty], { description: 'Every party the party may act for, with the paths.' })
  async authorizedParties(@Root() lookup: SupportLookupRow, @Ctx() ctx: Context): Promise<AuthorizedParty[]> {
    return (await authorizedParties(ctx.db, lookup.partyId)).map((p) => ({
      party: partyRef(p.partyId),
      reasons: p.reasons as AuthorizedParty['reasons'],
      viaMainUnit: p.viaMainUnitId ? partyRef(p.viaMainUnitId) : null,
    }));
  }
}

const roleAssignment = (r: { fromId: string; toId: string; roleCode: string; roleUrn: string }): SupportRoleAssignment => ({
  roleCode: r.roleCode,
  roleUrn: r.roleUrn,
  from: partyRef(r.fromId),
  to: partyRef(r.toId),
});

const supportDelegation = (d: Awaited<ReturnType<typeof activeDelegationRows>>[number]): SupportDelegation => ({
  id: d.id,
  from: partyRef(d.fromId),
  to: partyRef(d.toId),
  resource: d.resourceId,
  packageUrn: d.packageUrn,
  actions: d.actions,
  validTo: d.validTo,
  createdAt: d.createdAt,
});

const SupportLookupRecordPage = PageType(SupportLookupRecord);

const LOOKUPS =
  'Support lookups of this party’s access and consents, newest first: when, by whom, under which case. For the party itself and its administrators.';

const record = (row: SupportLookupRow): SupportLookupRecord => ({
  id: String(row.id),
  at: row.at,
  caseNumber: row.caseNumber,
  reason: row.reason,
  lookedUpBy: partyRef(row.actorId),
});

@Resolver(() => Party)
export class PartySupportLookupsResolver {
  @FieldResolver(() => [SupportLookupRecord], {
    nullable: true,
    description: `${LOOKUPS} Pages of \`first\` (default 100, at most 500) after the cursor \`after\`; the \`…Page\` field gives the cursor.`,
  })
  async supportLookups(@Root() party: PartyRef, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context): Promise<SupportLookupRecord[]> {
    return (await supportLookupsPage(ctx.db, party.id, page)).nodes.map(record);
  }

  @FieldResolver(() => SupportLookupRecordPage, { nullable: true, description: `${LOOKUPS} A page of them, with the cursor for the next.` })
  async supportLookupsPage(@Root() party: PartyRef, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context): Promise<Page<SupportLookupRecord>> {
    const rows = await supportLookupsPage(ctx.db, party.id, page);
    return { ...rows, nodes: rows.nodes.map(record) };
  }
}
