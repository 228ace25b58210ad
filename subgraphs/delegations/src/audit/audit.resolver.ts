import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { Party, partyRef, type PartyRef } from '../party/party.type';
import type { AuditRow } from './audit.loader';
import { AuditEntry } from './audit-entry.type';

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

@Resolver(() => Party)
export class PartyAuditResolver {
  @FieldResolver(() => [AuditEntry], { nullable: true, description: 'Every change to delegations from and access requests to this party, oldest first. Its administrators only.' })
  auditLog(@Root() party: PartyRef, @Ctx() ctx: Context): Promise<AuditRow[]> {
    return ctx.loaders.audit.byPartyId.load(party.id);
  }
}
