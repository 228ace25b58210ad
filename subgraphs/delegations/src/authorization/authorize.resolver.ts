import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@hub/kit';
import type { Decision as KitDecision } from '@hub/authz';
import type { Loaders } from '../loaders';
import { authorizeBatch, MAX_AUTHORIZATION_REQUESTS } from './authorize';
import { AuthorizationDecision, AuthorizationRequestInput } from './decision.type';

@Resolver()
export class AuthorizeResolver {
  @Query(() => [AuthorizationDecision], {
    description:
      `The decision point: one decision per request, in order (at most ${MAX_AUTHORIZATION_REQUESTS}). For callers with scope ` +
      'altinn:authorization/authorize asking about resources its organisation owns, or a person asking about themselves.',
  })
  authorize(
    @Arg('requests', () => [AuthorizationRequestInput]) requests: AuthorizationRequestInput[],
    @Ctx() ctx: SubgraphContext<Loaders>,
  ): Promise<KitDecision[]> {
    return authorizeBatch(requests, ctx);
  }
}
