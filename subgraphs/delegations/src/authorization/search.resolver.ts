import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { badInput, loadPartyByRef, parseUrnArg, requireViewer, type SubgraphContext } from '@hub/kit';
import { authorizedResources, authorizedSubjects } from '@hub/authz';
import type { Loaders } from '../loaders';
import { partyRef } from '../party/party.type';
import { MAX_AUTHORIZATION_REQUESTS, refuseForeignResource } from './authorize';
import { AuthorizedResource, AuthorizedSubject } from './search.type';

type Ctx = SubgraphContext<Loaders>;

/** The resource by id with the action checked, and owned by the viewer's organisation (BAD_USER_INPUT, FORBIDDEN). */
async function ownedResource(ctx: Ctx, id: string, action: string, field: string) {
  const resource = await ctx.loaders.resources.byId.load(id);
  if (!resource) throw badInput(field, `no resource ${id}`);
  if (!resource.actions.includes(action)) throw badInput('action', `${id} has no action ${action}`);
  refuseForeignResource(resource, requireViewer(ctx).partyId, field);
  return resource;
}

/** The decision point's searches (AuthZEN subject and resource search): every hit is a PERMIT of `authorize`. */
@Resolver()
export class AuthorizationSearchResolver {
  @Query(() => [AuthorizedSubject], {
    description:
      'Who may perform `action` on `resource` for `party`, with the paths. For scope altinn:authorization/authorize, about resources its organisation owns.',
  })
  async authorizedSubjects(
    @Arg('party', () => String) party: string,
    @Arg('resource', () => String) resource: string,
    @Arg('action', () => String) action: string,
    @Ctx() ctx: Ctx,
  ): Promise<AuthorizedSubject[]> {
    const ref = parseUrnArg(party, 'party');
    await ownedResource(ctx, resource, action, 'resource');
    const target = await loadPartyByRef(ref, ctx.loaders.parties);
    if (!target) return [];
    const hits = await authorizedSubjects(ctx.db, { partyId: target.id, resourceId: resource, action });
    return hits.map(
      (h) => ({ subject: partyRef(h.subjectId), reasons: h.decision.reasons, obligations: h.decision.obligations }) as AuthorizedSubject,
    );
  }

  @Query(() => [AuthorizedResource], {
    description:
      'For which parties (itself included) `subject` may perform `action` on each of `resources`, with the paths. For scope ' +
      'altinn:authorization/authorize, about resources its organisation owns.',
  })
  async authorizedResources(
    @Arg('subject', () => String) subject: string,
    @Arg('action', () => String) action: string,
    @Arg('resources', () => [String]) resources: string[],
    @Ctx() ctx: Ctx,
  ): Promise<AuthorizedResource[]> {
    if (resources.length > MAX_AUTHORIZATION_REQUESTS)
      throw badInput('resources', `at most ${MAX_AUTHORIZATION_REQUESTS} resources, not ${resources.length}`);
    const ref = parseUrnArg(subject, 'subject');
    await Promise.all(resources.map((id, i) => ownedResource(ctx, id, action, `resources[${i}]`)));
    const who = await loadPartyByRef(ref, ctx.loaders.parties);
    if (!who) return [];
    const hits = await authorizedResources(ctx.db, { subjectId: who.id, resourceIds: resources, action });
    return hits.map(
      (h) =>
        ({
          party: partyRef(h.partyId),
          resource: h.resourceId,
          reasons: h.decision.reasons,
          obligations: h.decision.obligations,
        }) as AuthorizedResource,
    );
  }
}
