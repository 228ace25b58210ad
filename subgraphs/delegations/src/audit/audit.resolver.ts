import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, PageType, type Page, type SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { Party, partyRef, type PartyRef } from '../party/party.type';
import type { AuditRow } from './audit.loader';
import { AuditEntry } from './audit-entry.type';
import { auditLogPage } from './audit.list';

type Context = SubgraphContext<Loaders>;

@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  @FieldResolver(() => Party, { description: 'Who made the change.' })
  actor(@Root() row: AuditRow): PartyRef {
    return partyRef(row.actorId);
  }

  @FieldResolver(() => Party, { description: 'The party whose rights changed (the delegation’s or request’s `from`).' })
  party(@Root() row: AuditRow): PartyRef {
    return partyRef(row.partyId);
  }
}

const AuditEntryPage = PageType(AuditEntry);

const AUDIT = 'Every change to delegations from and access requests to this party, oldest first. Its administrators only.';

@Resolver(() => Party)
export class PartyAuditResolver {
  @FieldResolver(() => [AuditEntry], {
    nullable: true,
    description: `${AUDIT} Pages of \`first\` (default 100, at most 500) after the cursor \`after\`; \`auditLogPage\` gives the cursor.`,
  })
  async auditLog(@Root() party: PartyRef, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context): Promise<AuditRow[]> {
    return (await auditLogPage(party.id, page, ctx)).nodes;
  }

  @FieldResolver(() => AuditEntryPage, { nullable: true, description: `${AUDIT} A page of them, with the cursor for the next.` })
  auditLogPage(@Root() party: PartyRef, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context): Promise<Page<AuditRow>> {
    return auditLogPage(party.id, page, ctx);
  }
}
