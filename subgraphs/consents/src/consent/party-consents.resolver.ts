import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hub/kit';
import { ConsentEvent, type ConsentEventView } from '../event/event.type';
import type { Loaders } from '../loaders';
import { Party, type PartyRef } from '../party/party.type';
import { ConsentRequest, type ConsentRow } from './consent.type';
import { visibleConsents } from './consent.visibility';

type Context = SubgraphContext<Loaders>;

@Resolver(() => Party)
export class PartyConsentsResolver {
  @FieldResolver(() => [ConsentRequest], {
    nullable: true,
    description:
      'Consents this party has given (accepted, used, revoked or since expired), newest first. For the party, and for its ' +
      'representatives those their relationship covers.',
  })
  async consentsGiven(@Root() party: PartyRef, @Ctx() ctx: Context): Promise<ConsentRow[]> {
    const rows = await ctx.loaders.consents.givenByFromId.load(party.id);
    return ctx.viewer?.partyId === party.id ? rows : visibleConsents(rows, ctx);
  }

  @FieldResolver(() => [ConsentEvent], {
    nullable: true,
    description:
      'Everything that happened to consent requests to this party, newest first, with an EXPIRED entry when an accepted consent ran out. ' +
      'For the party, and for its representatives the events of the requests their relationship covers.',
  })
  async consentLog(@Root() party: PartyRef, @Ctx() ctx: Context): Promise<ConsentEventView[]> {
    const events = await ctx.loaders.events.logByFromId.load(party.id);
    if (ctx.viewer?.partyId === party.id) return events;
    const consents = await ctx.loaders.consents.byId.loadMany([...new Set(events.map((e) => e.consentId))]);
    const visible = new Set((await visibleConsents(consents.filter((c): c is ConsentRow => !!c && !(c instanceof Error)), ctx)).map((c) => c.id));
    return events.filter((e) => visible.has(e.consentId));
  }

  @FieldResolver(() => [ConsentRequest], {
    nullable: true,
    description: 'Consent requests this organisation made or handles for the requester, newest first. For the organisation itself.',
  })
  consentsReceived(@Root() party: PartyRef, @Ctx() ctx: Context): Promise<ConsentRow[]> {
    return ctx.loaders.consents.receivedByRecipientId.load(party.id);
  }
}
