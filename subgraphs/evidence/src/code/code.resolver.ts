import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { badInput, type SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { Party, partyRef, type PartyRef } from '../party/party.type';
import type { CodeEntry } from './code.loader';
import { EvidenceCode, ServiceContext, type ServiceContextRow } from './code.type';

type Context = SubgraphContext<Loaders>;

@Resolver(() => EvidenceCode)
export class EvidenceCodeResolver {
  @Query(() => [EvidenceCode], { description: 'The evidence codes, by name; with serviceContext only those of that context.' })
  async evidenceCodes(
    @Arg('serviceContext', () => String, { nullable: true }) serviceContext: string | null,
    @Ctx() ctx: Context,
  ): Promise<CodeEntry[]> {
    const { codes, contexts } = await ctx.loaders.catalogue();
    if (serviceContext != null && !contexts.has(serviceContext)) {
      throw badInput('serviceContext', `no service context ${serviceContext} (there are ${[...contexts.keys()].join(', ')})`);
    }
    return [...codes.values()].filter((c) => serviceContext == null || c.contextIds.includes(serviceContext));
  }

  @Query(() => [ServiceContext], { description: 'The service contexts, by id.' })
  async serviceContexts(@Ctx() ctx: Context): Promise<ServiceContextRow[]> {
    return [...(await ctx.loaders.catalogue()).contexts.values()];
  }

  @FieldResolver(() => Party, { description: 'The organisation that delivers it.' })
  source(@Root() code: CodeEntry): PartyRef {
    return partyRef(code.sourceId);
  }

  @FieldResolver(() => [ServiceContext], { name: 'serviceContexts', description: 'The contexts it may be asked for in.' })
  async contextsOf(@Root() code: CodeEntry, @Ctx() ctx: Context): Promise<ServiceContextRow[]> {
    const { contexts } = await ctx.loaders.catalogue();
    return code.contextIds.map((id) => contexts.get(id)!);
  }
}
