import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { DateTimeResolver, type SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { Party, partyRef, type PartyRef } from '../party/party.type';
import { ConsentRequest, type ConsentRow } from './consent.type';
import { jointAcceptancesOf, jointAnswerers } from './joint-acceptance';

type Context = SubgraphContext<Loaders>;

@ObjectType({ description: 'One representative’s acceptance of a joint request.' })
export class JointAcceptanceEntry {
  @Field(() => Party)
  party!: PartyRef;

  @Field(() => DateTimeResolver)
  acceptedAt!: Date;
}

@ObjectType({ description: 'A joint request’s answers so far: who has accepted, and who must still.' })
export class JointAcceptance {
  @Field(() => [JointAcceptanceEntry], { description: 'Oldest first.' })
  accepted!: JointAcceptanceEntry[];

  @Field(() => [Party], {
    description: 'Who must still accept, as the register says now (the heirs of an estate); empty once the request is answered.',
  })
  awaiting!: PartyRef[];
}

@Resolver(() => ConsentRequest)
export class JointAcceptanceResolver {
  @FieldResolver(() => Boolean, {
    description: 'Everyone who may answer for `from` by a register role must accept (the heirs together), not one of them.',
  })
  jointly(@Root() c: ConsentRow): boolean {
    return c.jointly;
  }

  @FieldResolver(() => JointAcceptance, { nullable: true, description: 'Null unless the request is joint.' })
  async jointAcceptance(@Root() c: ConsentRow, @Ctx() ctx: Context): Promise<JointAcceptance | null> {
    if (!c.jointly) return null;
    const accepted = await jointAcceptancesOf(ctx.db, c.id);
    const done = new Set(accepted.map((a) => a.partyId));
    let awaiting: string[] = [];
    if (c.status === 'CREATED') {
      const rights = await ctx.loaders.consents.rightsByConsentId.load(c.id);
      awaiting = (await jointAnswerers(c, rights, ctx)).filter((id) => !done.has(id));
    }
    return { accepted: accepted.map((a) => ({ party: partyRef(a.partyId), acceptedAt: a.acceptedAt })), awaiting: awaiting.map(partyRef) };
  }
}
