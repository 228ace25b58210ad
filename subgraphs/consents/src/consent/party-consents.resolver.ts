import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hub/kit';
import { ConsentEvent, type ConsentEventView } from '../event/event.type';
import type { Loaders } from '../loaders';
import { Party, type PartyRef } from '../party/party.type';
import { ConsentRequest, type ConsentRow } from './consent.type';

type Context = SubgraphContext<Loaders>;

@Resolver(() => Party)
export class PartyConsentsResolver {
  @FieldResolver(() => [ConsentRequest], {
    description: 'Consents this party has given (accepted, used, revoked or since expired), newest first. For the party and its representatives.',
  })
  consentsGiven(@Root() party: PartyRef, @Ctx() ctx: Context): Promise<ConsentRow[]> {
    return ctx.loaders.consents.givenByFromId.load(party.id);
  }

  @FieldResolver(() => [ConsentEvent], {
    description:
      'Everything that happened to consent requests to this party, newest first, with an EXPIRED entry when an accepted consent ran out. ' +
      'For the party and its representatives.',
  })
  consentLog(@Root() party: PartyRef, @Ctx() ctx: Context): Promise<ConsentEventView[]> {
    return ctx.loaders.events.logByFromId.load(party.id);
  }

  @FieldResolver(() => [ConsentRequest], {
    description: 'Consent requests this organisation made or handles for the requester, newest first. For the organisation itself.',
  })
  consentsReceived(@Root() party: PartyRef, @Ctx() ctx: Context): Promise<ConsentRow[]> {
    return ctx.loaders.consents.receivedByRecipientId.load(party.id);
  }
}
