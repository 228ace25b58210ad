import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { badInput, conflict, CurrentOrganization, forbidden, notFound, type OrganizationViewer, type SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { ResourceInput } from './resource.input';
import type { ResourceRow } from './resource.loader';
import { insertResource, replaceResource } from './resource.store';
import { Resource } from './resource.type';
import { validateResourceInput, type Catalogue } from './resource.validation';

type Context = SubgraphContext<Loaders>;

const catalogue = ({ loaders }: Context): Catalogue => ({
  role: (code) => loaders.roles.byCode.load(code),
  accessPackage: (urn) => loaders.accessPackages.byUrn.load(urn),
  consentTemplate: (id) => loaders.consentTemplates.byId.load(id),
});

/** What this request's loaders cached about the resource is stale once it is written. */
function written(ctx: Context, row: ResourceRow): ResourceRow {
  const { resources, accessPackages } = ctx.loaders;
  resources.byId.clear(row.id).prime(row.id, row);
  resources.policyByResourceId.clear(row.id);
  resources.byPackageUrn.clearAll();
  accessPackages.byResourceId.clear(row.id);
  return row;
}

/** Resource owners maintain their resources; permissions.ts admits only organisations with the admin scope. */
@Resolver(() => Resource)
export class ResourceMutationResolver {
  @Mutation(() => Resource, {
    description: 'Registers a resource owned by the caller’s organisation, with its policy. An id already in use is a CONFLICT.',
  })
  async createResource(
    @Arg('input', () => ResourceInput) input: ResourceInput,
    @CurrentOrganization() viewer: OrganizationViewer,
    @Ctx() ctx: Context,
  ): Promise<ResourceRow> {
    if (input.id == null) throw badInput('input.id', 'required when creating a resource');
    const draft = await validateResourceInput(input, catalogue(ctx));
    const row = await insertResource(ctx.db, viewer.partyId, draft);
    if (!row) throw conflict(`A resource with id ${draft.id} exists already: choose another id, or updateResource if it is yours.`);
    return written(ctx, row);
  }

  @Mutation(() => Resource, {
    description: 'Replaces one of the caller’s resources: every field and the whole policy. Another owner’s resource is FORBIDDEN.',
  })
  async updateResource(
    @Arg('id', () => String) id: string,
    @Arg('input', () => ResourceInput) input: ResourceInput,
    @CurrentOrganization() viewer: OrganizationViewer,
    @Ctx() ctx: Context,
  ): Promise<ResourceRow> {
    const ownerId = viewer.partyId;
    const existing = await ctx.loaders.resources.byId.load(id);
    if (!existing) throw notFound(`Resource ${id}`);
    if (existing.ownerId !== ownerId) throw forbidden(`You may not change resource ${id}: only the organisation that owns it may.`);
    if (input.id != null && input.id !== id) throw badInput('input.id', `a resource keeps its id: leave it out or give ${id}`);
    const draft = await validateResourceInput({ ...input, id }, catalogue(ctx));
    const row = await replaceResource(ctx.db, ownerId, draft);
    // Owners never change, so only a concurrent deletion gets here.
    if (!row) throw notFound(`Resource ${id}`);
    return written(ctx, row);
  }
}
