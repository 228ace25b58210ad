import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hub/kit';
import type { AccessPackageRow } from '../access-package/access-package.loader';
import { AccessPackage } from '../access-package/access-package.type';
import type { ConsentTemplateRow } from '../consent-template/consent-template.loader';
import { ConsentTemplate } from '../consent-template/consent-template.type';
import type { Loaders } from '../loaders';
import { Party, type PartyRef } from '../party/party.type';
import { PolicyRule } from './policy-rule.type';
import type { ResourceRow } from './resource.loader';
import { Resource, ResourceType } from './resource.type';

type Context = SubgraphContext<Loaders>;

@Resolver(() => Resource)
export class ResourceResolver {
  @Query(() => [Resource], { description: 'The resource registry, optionally of one type, by id.' })
  resources(@Arg('type', () => ResourceType, { nullable: true }) type: ResourceType | null | undefined, @Ctx() ctx: Context): Promise<ResourceRow[]> {
    return ctx.loaders.resources.all(type);
  }

  @Query(() => Resource, { nullable: true, description: 'A resource by id; null when there is none.' })
  resource(@Arg('id', () => String) id: string, @Ctx() ctx: Context): Promise<ResourceRow | null> {
    return ctx.loaders.resources.byId.load(id);
  }

  @FieldResolver(() => Party, { description: 'The agency that owns the resource and writes its policy.' })
  owner(@Root() resource: ResourceRow): PartyRef {
    return { id: resource.ownerId };
  }

  @FieldResolver(() => ConsentTemplate, { nullable: true, description: 'The text a person is asked to consent to; null unless CONSENT.' })
  consentTemplate(@Root() resource: ResourceRow, @Ctx() ctx: Context): Promise<ConsentTemplateRow | null> | null {
    return resource.consentTemplate ? ctx.loaders.consentTemplates.byId.load(resource.consentTemplate) : null;
  }

  @FieldResolver(() => [PolicyRule], { description: 'Who may do what: one rule per role or package.' })
  policy(@Root() resource: ResourceRow, @Ctx() ctx: Context): Promise<PolicyRule[]> {
    return ctx.loaders.resources.policyByResourceId.load(resource.id);
  }

  @FieldResolver(() => [AccessPackage], { description: 'The access packages that bundle this resource, by urn.' })
  packages(@Root() resource: ResourceRow, @Ctx() ctx: Context): Promise<AccessPackageRow[]> {
    return ctx.loaders.accessPackages.byResourceId.load(resource.id);
  }
}
