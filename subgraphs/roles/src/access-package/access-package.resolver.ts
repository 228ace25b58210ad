import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { Resource } from '../resource/resource.type';
import type { ResourceRow } from '../resource/resource.loader';
import type { RoleRow } from '../role/role.loader';
import { Role } from '../role/role.type';
import type { AccessPackageRow } from './access-package.loader';
import { AccessPackage } from './access-package.type';

type Context = SubgraphContext<Loaders>;

@Resolver(() => AccessPackage)
export class AccessPackageResolver {
  @Query(() => [AccessPackage], { description: 'Every access package, by urn.' })
  accessPackages(@Ctx() ctx: Context): Promise<AccessPackageRow[]> {
    return ctx.loaders.accessPackages.all();
  }

  @Query(() => AccessPackage, { nullable: true, description: 'An access package by urn; null when there is none.' })
  accessPackage(@Arg('urn', () => String) urn: string, @Ctx() ctx: Context): Promise<AccessPackageRow | null> {
    return ctx.loaders.accessPackages.byUrn.load(urn);
  }

  @FieldResolver(() => [Role], { description: 'Register roles whose holders have this package for the party, by code.' })
  grantedByRoles(@Root() accessPackage: AccessPackageRow, @Ctx() ctx: Context): Promise<RoleRow[]> {
    return ctx.loaders.roles.byPackageUrn.load(accessPackage.urn);
  }

  @FieldResolver(() => [Resource], { description: 'The resources the package bundles, by id.' })
  resources(@Root() accessPackage: AccessPackageRow, @Ctx() ctx: Context): Promise<ResourceRow[]> {
    return ctx.loaders.resources.byPackageUrn.load(accessPackage.urn);
  }
}
