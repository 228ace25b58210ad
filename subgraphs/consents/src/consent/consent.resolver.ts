import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { notFound, type SubgraphContext } from '@hub/kit';
import { ConsentEvent, type ConsentEventView } from '../event/event.type';
import type { Loaders } from '../loaders';
import { Party, partyRef, type PartyRef } from '../party/party.type';
import { Resource } from '../resource/resource.type';
import { ConsentRequestTemplate, type ConsentTemplateView } from '../template/template.type';
import type { ConsentReceiptRow } from './consent.loader';
import { effectiveStatus } from './consent.status';
import { ConsentRequest, ConsentRight, ConsentStatus, type ConsentRightRow, type ConsentRow } from './consent.type';
import { loadVisibleConsent } from './consent.visibility';
import { ConsentReceipt } from './receipt.type';

type Context = SubgraphContext<Loaders>;

/** Where the person answers: the hub's consent page. */
export const viewUrlOf = (publicUrl: string, id: string) => `${publicUrl}/consent/request?id=${encodeURIComponent(id)}`;

@Resolver(() => ConsentRequest)
export class ConsentRequestResolver {
  @Query(() => ConsentRequest, {
    nullable: true,
    description: 'For the requester, the organisation handling it, the party asked and whoever may act for that party; NOT_FOUND for anyone else.',
  })
  async consentRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ConsentRow> {
    const row = await loadVisibleConsent(id, ctx);
    if (!row) throw notFound(`Consent request ${id}`);
    return row;
  }

  @FieldResolver(() => ConsentStatus, { description: 'As of now: EXPIRED once validTo has passed while CREATED or ACCEPTED.' })
  status(@Root() c: ConsentRow): ConsentStatus {
    return effectiveStatus(c);
  }

  @FieldResolver(() => Party, { description: 'The party asked: whose data it is.' })
  from(@Root() c: ConsentRow): PartyRef {
    return partyRef(c.fromId);
  }

  @FieldResolver(() => Party, { description: 'The requester, who receives the data.' })
  to(@Root() c: ConsentRow): PartyRef {
    return partyRef(c.toId);
  }

  @FieldResolver(() => Party, { nullable: true, description: 'When set, only this person may answer (and must be entitled to).' })
  requiredDelegator(@Root() c: ConsentRow): PartyRef | null {
    return c.requiredDelegatorId ? partyRef(c.requiredDelegatorId) : null;
  }

  @FieldResolver(() => Party, { nullable: true, description: 'An organisation (a supplier) that handles the request for the requester.' })
  handledBy(@Root() c: ConsentRow): PartyRef | null {
    return c.handledById ? partyRef(c.handledById) : null;
  }

  @FieldResolver(() => Party, { nullable: true, description: 'Who accepted or rejected it.' })
  answeredBy(@Root() c: ConsentRow): PartyRef | null {
    return c.answeredById ? partyRef(c.answeredById) : null;
  }

  @FieldResolver(() => String, { description: 'Where the person is sent to answer: <public url>/consent/request?id=<id>.' })
  viewUrl(@Root() c: ConsentRow, @Ctx() ctx: Context): string {
    return viewUrlOf(ctx.settings.publicUrl, c.id);
  }

  @FieldResolver(() => Boolean, {
    description: 'Some right is one-time: the consent cannot be revoked, and ends (USED) once every right was one-time and used.',
  })
  oneTimeConsent(@Root() c: ConsentRow): boolean {
    return c.oneTime;
  }

  @FieldResolver(() => [ConsentRight], { description: 'In the order requested.' })
  rights(@Root() c: ConsentRow, @Ctx() ctx: Context): Promise<ConsentRightRow[]> {
    return ctx.loaders.consents.rightsByConsentId.load(c.id);
  }

  @FieldResolver(() => [ConsentEvent], { description: 'Oldest first.' })
  events(@Root() c: ConsentRow, @Ctx() ctx: Context): Promise<ConsentEventView[]> {
    return ctx.loaders.events.byConsentId.load(c.id);
  }

  @FieldResolver(() => ConsentRequestTemplate, { description: 'The text the person is asked to consent to.' })
  async template(@Root() c: ConsentRow, @Ctx() ctx: Context): Promise<ConsentTemplateView> {
    const template = await ctx.loaders.resources.templateById.load(c.templateId);
    if (!template) throw new Error(`consent template ${c.templateId} of consent request ${c.id} is missing`);
    return { ...template, consent: c };
  }

  @FieldResolver(() => ConsentReceipt, { nullable: true, description: 'What was accepted; null until accepted.' })
  receipt(@Root() c: ConsentRow, @Ctx() ctx: Context): Promise<ConsentReceiptRow | null> {
    return ctx.loaders.consents.receiptByConsentId.load(c.id);
  }
}

@Resolver(() => ConsentRight)
export class ConsentRightResolver {
  @FieldResolver(() => Resource)
  resource(@Root() right: ConsentRightRow): Resource {
    return { id: right.resourceId };
  }
}
