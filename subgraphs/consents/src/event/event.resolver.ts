import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { notFound, type SubgraphContext } from '@hub/kit';
import { ConsentRequest, type ConsentRow } from '../consent/consent.type';
import { loadVisibleConsent } from '../consent/consent.visibility';
import type { Loaders } from '../loaders';
import { Party, partyRef, type PartyRef } from '../party/party.type';
import { ConsentEvent, type ConsentEventView } from './event.type';

type Context = SubgraphContext<Loaders>;

@Resolver(() => ConsentEvent)
export class ConsentEventResolver {
  @FieldResolver(() => Party, { nullable: true, description: 'Who did it; null for what the hub did by itself.' })
  performedBy(@Root() event: ConsentEventView): PartyRef | null {
    return event.performedById ? partyRef(event.performedById) : null;
  }

  @FieldResolver(() => ConsentRequest)
  async consent(@Root() event: ConsentEventView, @Ctx() ctx: Context): Promise<ConsentRow> {
    const row = await loadVisibleConsent(event.consentId, ctx);
    if (!row) throw notFound(`Consent request ${event.consentId}`);
    return row;
  }
}
