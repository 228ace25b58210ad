import 'reflect-metadata';
import { graphql, type GraphQLSchema } from 'graphql';
import { buildSchema, Query, Resolver } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { CurrentOrganization, CurrentPerson, CurrentViewer } from './current-viewer';
import type { OrganizationViewer, PersonViewer, Viewer } from './viewer';

const base = { registered: true, scopes: [], clientId: null };
const kari: PersonViewer = {
  ...base,
  kind: 'person',
  partyId: 'kari-id',
  partyUrn: 'urn:altinn:person:identifier-no:17857210042',
  nationalIdentityNumber: '17857210042',
  authenticationLevel: 3,
};
const banken: OrganizationViewer = {
  ...base,
  kind: 'organization',
  partyId: 'banken-id',
  partyUrn: 'urn:altinn:organization:identifier-no:310000108',
  organizationNumber: '310000108',
  clientId: 'banken-client',
};

@Resolver()
class ViewerProbe {
  @Query(() => String)
  anyone(@CurrentViewer() viewer: Viewer): string {
    return `${viewer.kind}:${viewer.partyId}`;
  }

  @Query(() => String)
  person(@CurrentPerson() viewer: PersonViewer): string {
    return `${viewer.nationalIdentityNumber}@${viewer.authenticationLevel}`;
  }

  @Query(() => String)
  organization(@CurrentOrganization() viewer: OrganizationViewer): string {
    return `${viewer.organizationNumber}/${viewer.clientId}`;
  }
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildSchema({ resolvers: [ViewerProbe], validate: false, emitSchemaFile: false });
});

/** The field's value, or its error's code and message. */
async function ask(field: 'anyone' | 'person' | 'organization', viewer: Viewer | null) {
  const result = await graphql({ schema, source: `{ ${field} }`, contextValue: { viewer } });
  const error = result.errors?.[0];
  return error ? { code: error.extensions.code, message: error.message } : { value: (result.data as Record<string, string>)[field] };
}

describe('viewer parameter decorators', () => {
  it('hand the resolver the viewer of the right kind', async () => {
    expect(await ask('anyone', kari)).toEqual({ value: 'person:kari-id' });
    expect(await ask('anyone', banken)).toEqual({ value: 'organization:banken-id' });
    expect(await ask('person', kari)).toEqual({ value: '17857210042@3' });
    expect(await ask('organization', banken)).toEqual({ value: '310000108/banken-client' });
  });

  it('refuse a request without a viewer with UNAUTHENTICATED, whatever the kind asked for', async () => {
    for (const field of ['anyone', 'person', 'organization'] as const) {
      expect(await ask(field, null), field).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('refuse the wrong kind of viewer with FORBIDDEN, saying which kind may', async () => {
    expect(await ask('person', banken)).toEqual({ code: 'FORBIDDEN', message: 'Only a person (an ID-porten-like token) may do this.' });
    expect(await ask('organization', kari)).toEqual({
      code: 'FORBIDDEN',
      message: 'Only an organisation (a Maskinporten-like token) may do this.',
    });
  });
});
