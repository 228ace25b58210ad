import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { conflict, CurrentOrganization, type OrganizationViewer, type SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { createConsent } from './consent.transitions';
import { ConsentRequest, type ConsentRow } from './consent.type';
import { CreateConsentRequestInput } from './create.input';
import { checkAgainstRegistry, inputHash, shapeInput } from './create.validation';

type Context = SubgraphContext<Loaders>;

/** A repeated client-chosen id: the same request for the same input from the same requester, CONFLICT otherwise. */
function replay(existing: ConsentRow, requesterId: string, hash: string): ConsentRow {
  if (existing.toId === requesterId && existing.inputHash === hash) return existing;
  throw conflict(`Consent request ${existing.id} already exists with other input: choose a new id, or repeat exactly the same input.`);
}

@Resolver(() => ConsentRequest)
export class CreateConsentRequestResolver {
  @Mutation(() => ConsentRequest, {
    description: 'An organisation (scope altinn:consentrequests.write) asks `from` for consent; `to` is the caller. Send the person to viewUrl.',
  })
  async createConsentRequest(
    @Arg('input', () => CreateConsentRequestInput) raw: CreateConsentRequestInput,
    @CurrentOrganization() viewer: OrganizationViewer,
    @Ctx() ctx: Context,
  ): Promise<ConsentRow> {
    const requesterId = viewer.partyId;
    const now = new Date();
    const input = shapeInput(raw);
    const hash = inputHash(requesterId, input);
    if (input.id) {
      const existing = await ctx.loaders.consents.byId.load(input.id);
      if (existing) return replay(existing, requesterId, hash);
    }
    const checked = await checkAgainstRegistry(input, ctx, now);
    const id = input.id ?? randomUUID();

    const created = await createConsent(
      ctx.db,
      {
        id,
        fromId: checked.fromId,
        toId: requesterId,
        requiredDelegatorId: checked.requiredDelegatorId,
        jointly: input.jointly === true,
        handledById: checked.handledById,
        validTo: input.validTo,
        requestMessage: input.requestMessage,
        redirectUrl: input.redirectUrl,
        codeChallenge: input.codeChallenge,
        templateId: checked.templateId,
        oneTime: checked.oneTime,
        inputHash: hash,
        createdAt: now,
      },
      checked.rights,
    );
    // Null: another call with the same id won the race; it is compared below like any replay.
    if (created) return created;
    ctx.loaders.consents.byId.clear(id);
    return replay((await ctx.loaders.consents.byId.load(id))!, requesterId, hash);
  }
}
