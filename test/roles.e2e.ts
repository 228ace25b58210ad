import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { story } from '@hub/db';
import { loadStoryIds, partyUuid } from './support/story-ids';
import { startTestStack, type TestStack } from './support/stack';
import { signedSubgraphRequest } from './support/subgraph';
import { contractOperation } from './support/contract';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await loadStoryIds(stack);
});
afterAll(() => stack?.close());

const TRANA_BYGG = 'urn:altinn:organization:identifier-no:310000507';
const person = (pid: string) => `urn:altinn:person:identifier-no:${pid}`;
const org = (orgNo: string) => `urn:altinn:organization:identifier-no:${orgNo}`;

const PARTY_ROLE_HOLDERS = contractOperation('PartyRoleHolders');
const MY_ROLES = /* GraphQL */ `query { me { urn rolesHeld { role { code urn } from { urn name } } } }`;

describe('who holds roles for a party', () => {
  it('shows TRANA BYGG AS’s role holders to its general manager', async () => {
    const { body } = await stack.graphql(PARTY_ROLE_HOLDERS, { urn: TRANA_BYGG }, await stack.personToken('kari'));
    expect(body).toEqual({
      data: {
        party: {
          urn: TRANA_BYGG,
          roleHolders: [
            {
              role: { code: 'DAGL', urn: 'urn:altinn:external-role:ccr:daglig-leder', name: 'Daglig leder' },
              to: { urn: person('17857210042'), name: 'KARI NORDMANN' },
            },
            {
              role: { code: 'LEDE', urn: 'urn:altinn:external-role:ccr:styreleder', name: 'Styrets leder' },
              to: { urn: `urn:altinn:party:uuid:${partyUuid('12888510018')}`, name: 'HÅKON TRANA' },
            }, // KARI may not act for HÅKON: no number
            {
              role: { code: 'REGN', urn: 'urn:altinn:external-role:ccr:regnskapsforer', name: 'Regnskapsfører' },
              to: { urn: org('310000418'), name: 'HALTDALEN OG SELVÆR REGNSKAP' },
            },
            {
              role: { code: 'REVI', urn: 'urn:altinn:external-role:ccr:revisor', name: 'Revisor' },
              to: { urn: org('310000302'), name: 'BIRTAVARRE OG BEGNADALEN REVISJON' },
            },
          ],
        },
      },
    });
  });

  it('refuses them to someone with no role for the party as FORBIDDEN', async () => {
    const { body } = await stack.graphql(PARTY_ROLE_HOLDERS, { urn: TRANA_BYGG }, await stack.personToken('astrid'));
    expect(body.data?.party).toEqual({ urn: TRANA_BYGG, roleHolders: null });
    expect(body.errors?.map((e) => [e.extensions?.code, e.path?.at(-1)])).toEqual([['FORBIDDEN', 'roleHolders']]);
  });

  it('refuses them to the accounting firm, whose client role does not make it an administrator', async () => {
    const { body } = await stack.graphql(PARTY_ROLE_HOLDERS, { urn: TRANA_BYGG }, await stack.token({ org: '310000418' }));
    expect(body.data?.party).toEqual({ urn: TRANA_BYGG, roleHolders: null });
    expect(body.errors?.map((e) => [e.extensions?.code, e.path?.at(-1)])).toEqual([['FORBIDDEN', 'roleHolders']]);
  });

  it('lists the roles HÅKON holds for others under me', async () => {
    const { body } = await stack.graphql(MY_ROLES, {}, await stack.personToken('hakon'));
    expect(body).toEqual({
      data: {
        me: {
          urn: person('12888510018'),
          rolesHeld: [
            {
              role: { code: 'FORELDREANSVAR', urn: 'urn:altinn:external-role:cra:foreldreansvar' },
              from: { urn: person('09921550062'), name: 'EMMA TRANA' },
            },
            { role: { code: 'LEDE', urn: 'urn:altinn:external-role:ccr:styreleder' }, from: { urn: TRANA_BYGG, name: 'TRANA BYGG AS' } },
          ],
        },
      },
    });
  });

  it('refuses the roles a person holds to anyone who may not act for them', async () => {
    const query = `query($urn: String!) { party(urn: $urn) { rolesHeld { role { code } } } }`;
    const { body } = await stack.graphql(query, { urn: person('12888510018') }, await stack.personToken('kari'));
    expect(body.data?.party).toEqual({ rolesHeld: null });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('loads role holders for every story party with as many statements as for one', async () => {
    // BANKEN AS first: KARI may see its holders, so even the one-party run loads assignments and roles.
    const ids = [...story.organizations.map((o) => o.organizationNumber), ...story.persons.map((p) => p.nationalIdentityNumber)].map(partyUuid);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { roleHolders { role { name } to { id } } } } }`;
    const statements = async (n: number) => {
      const before = stack.database.statementCount();
      const res = await signedSubgraphRequest(stack.subgraphUrls.roles!, {
        query,
        variables: { r: ids.slice(0, n).map((id) => ({ __typename: 'Party', id })) },
        viewer: { pid: '17857210042' },
      });
      expect(res.body.data._entities).toHaveLength(n);
      expect(res.body.data._entities[0].roleHolders).toEqual([{ role: { name: 'Daglig leder' }, to: { id: partyUuid('17857210042') } }]);
      return stack.database.statementCount() - before;
    };
    expect(await statements(ids.length)).toBe(await statements(1));
  });
});

describe('the catalogue', () => {
  it('lists every role, register by register', async () => {
    const { body } = await stack.graphql(`{ roles { code provider } }`, {}, await stack.personToken('astrid'));
    const order = ['ER', 'FREG', 'ADVOKATTILSYNET', 'ALTINN'];
    const expected = [...story.roles]
      .sort((a, b) => order.indexOf(a.provider) - order.indexOf(b.provider) || (a.code < b.code ? -1 : 1))
      .map((r) => ({ code: r.code, provider: r.provider }));
    expect(body.data?.roles).toEqual(expected);
  });

  it('lists the story’s access packages with the roles that grant them and their resources', async () => {
    const query = `{ accessPackages { urn name delegable administers clientPackage grantedByRoles { code } resources { id } } }`;
    const { body } = await stack.graphql(query, {}, await stack.token({ client: 'banken-system' }));
    const expected = [...story.accessPackages]
      .sort((a, b) => (a.urn < b.urn ? -1 : 1))
      .map((p) => ({
        urn: p.urn,
        name: p.name,
        delegable: p.delegable,
        administers: 'administers' in p && p.administers === true,
        clientPackage: 'clientPackage' in p && p.clientPackage === true,
        grantedByRoles: [...p.grantedByRoles].sort().map((code) => ({ code })),
        resources: [...((p as { resources?: string[] }).resources ?? [])].sort().map((id) => ({ id })),
      }));
    expect(body.data?.accessPackages).toEqual(expected);
    expect(body.data?.accessPackages.find((p: { urn: string }) => p.urn === 'urn:altinn:accesspackage:ansvarlig-revisor')).toEqual({
      urn: 'urn:altinn:accesspackage:ansvarlig-revisor',
      name: 'Ansvarlig revisor',
      delegable: true,
      administers: false,
      clientPackage: true,
      grantedByRoles: [{ code: 'REVI' }],
      resources: [{ id: 'ske-restanser' }],
    });
  });

  it('gives a service resource with its owner, packages and whole policy', async () => {
    const query = `{ resource(id: "ske-mva-melding") {
      id type title actions delegable minimumAuthenticationLevel consentTemplate { id } owner { urn name }
      packages { urn } policy { subjectKind subject actions } } }`;
    const { body } = await stack.graphql(query, {}, await stack.personToken('kari'));
    const all = ['read', 'sign', 'write'];
    expect(body).toEqual({
      data: {
        resource: {
          id: 'ske-mva-melding',
          type: 'SERVICE',
          title: 'Mva-melding',
          actions: ['read', 'write', 'sign'],
          delegable: true,
          minimumAuthenticationLevel: 3,
          consentTemplate: null,
          owner: { urn: org('310000701'), name: 'SKATTEETATEN' },
          packages: [{ urn: 'urn:altinn:accesspackage:merverdiavgift' }, { urn: 'urn:altinn:accesspackage:regnskapsforer-med-signeringsrettighet' }],
          policy: [
            { subjectKind: 'ROLE', subject: 'DAGL', actions: all },
            { subjectKind: 'ROLE', subject: 'INNH', actions: all },
            { subjectKind: 'ROLE', subject: 'LEDE', actions: all },
            { subjectKind: 'ROLE', subject: 'REGN', actions: all },
            { subjectKind: 'ROLE', subject: 'REVI', actions: ['read'] },
            { subjectKind: 'PACKAGE', subject: 'urn:altinn:accesspackage:merverdiavgift', actions: all },
            { subjectKind: 'PACKAGE', subject: 'urn:altinn:accesspackage:regnskapsforer-med-signeringsrettighet', actions: all },
          ],
        },
      },
    });
  });

  it('gives consent resources with their template, metadata and one-time flag', async () => {
    const query = `{ resources(type: CONSENT) { id oneTimeConsent consentMetadata consentTemplate { id title { nb en } } } }`;
    const { body } = await stack.graphql(query, {}, await stack.token({ client: 'banken-system' }));
    const consents = story.resources.filter((r) => r.type === 'CONSENT');
    expect(body.data?.resources.map((r: { id: string }) => r.id)).toEqual(consents.map((r) => r.id).sort());
    expect(body.data?.resources.find((r: { id: string }) => r.id === 'ske-inntekt-skattegrunnlag')).toEqual({
      id: 'ske-inntekt-skattegrunnlag',
      oneTimeConsent: false,
      consentMetadata: ['inntektsaar'],
      consentTemplate: { id: 'sblanesoknad', title: { nb: 'Samtykke til bruk av dine data', en: 'Consent to use of your data' } },
    });
  });

  it('answers null for an unknown package or resource, and UNAUTHENTICATED without a token', async () => {
    const query = `{ accessPackage(urn: "urn:altinn:accesspackage:nope") { urn } resource(id: "nope") { id } }`;
    expect((await stack.graphql(query, {}, await stack.personToken('kari'))).body).toEqual({ data: { accessPackage: null, resource: null } });
    expect((await stack.graphql(`{ roles { code } }`)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

const RESOURCE = `id type title actions delegable minimumAuthenticationLevel consentTemplate { id } consentMetadata oneTimeConsent
  owner { urn } packages { urn } policy { subjectKind subject actions }`;
const CREATE = `mutation($input: ResourceInput!) { createResource(input: $input) { ${RESOURCE} } }`;
const UPDATE = `mutation($id: String!, $input: ResourceInput!) { updateResource(id: $id, input: $input) { ${RESOURCE} } }`;
const READ = `query($id: String!) { resource(id: $id) { ${RESOURCE} } }`;
const SKATTEGRUNNLAG = 'urn:altinn:accesspackage:skattegrunnlag';

const serviceInput = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  type: 'SERVICE',
  title: 'Skattekort for arbeidsgiver',
  actions: ['read', 'write'],
  delegable: true,
  minimumAuthenticationLevel: 3,
  policy: [
    { subjectKind: 'ROLE', subject: 'DAGL', actions: ['read', 'write'] },
    { subjectKind: 'PACKAGE', subject: SKATTEGRUNNLAG, actions: ['read'] },
  ],
  ...overrides,
});

describe('resource owners maintain their resources', () => {
  const skatteetaten = () => stack.token({ client: 'skatteetaten-system' });
  const read = async (id: string) => (await stack.graphql(READ, { id }, await skatteetaten())).body.data?.resource;

  it('creates a resource owned by the caller’s organisation, then replaces its policy', async () => {
    const created = await stack.graphql(CREATE, { input: serviceInput('ske-skattekort') }, await skatteetaten());
    const expected = {
      id: 'ske-skattekort',
      type: 'SERVICE',
      title: 'Skattekort for arbeidsgiver',
      actions: ['read', 'write'],
      delegable: true,
      minimumAuthenticationLevel: 3,
      consentTemplate: null,
      consentMetadata: null,
      oneTimeConsent: false,
      owner: { urn: org('310000701') },
      packages: [{ urn: SKATTEGRUNNLAG }],
      policy: [
        { subjectKind: 'ROLE', subject: 'DAGL', actions: ['read', 'write'] },
        { subjectKind: 'PACKAGE', subject: SKATTEGRUNNLAG, actions: ['read'] },
      ],
    };
    expect(created.body).toEqual({ data: { createResource: expected } });
    expect(await read('ske-skattekort')).toEqual(expected);

    const policy = [
      { subjectKind: 'ROLE', subject: 'REGN', actions: ['read'] },
      { subjectKind: 'PACKAGE', subject: 'urn:altinn:accesspackage:merverdiavgift', actions: ['read', 'write'] },
    ];
    const input = serviceInput('ske-skattekort', { policy, minimumAuthenticationLevel: null });
    const updated = await stack.graphql(UPDATE, { id: 'ske-skattekort', input }, await skatteetaten());
    const after = { ...expected, minimumAuthenticationLevel: null, packages: [{ urn: 'urn:altinn:accesspackage:merverdiavgift' }], policy };
    expect(updated.body).toEqual({ data: { updateResource: after } });
    expect(await read('ske-skattekort')).toEqual(after);
    const pkg = await stack.graphql(`{ accessPackage(urn: "${SKATTEGRUNNLAG}") { resources { id } } }`, {}, await skatteetaten());
    expect(pkg.body.data?.accessPackage.resources).toEqual([{ id: 'ske-restanser' }]);
  });

  it('creates a consent resource with its template and metadata', async () => {
    const input = {
      id: 'ske-formue',
      type: 'CONSENT',
      title: 'Formue',
      actions: ['consent'],
      consentTemplate: 'default',
      consentMetadata: ['inntektsaar'],
      oneTimeConsent: true,
      policy: [],
    };
    const { body } = await stack.graphql(CREATE, { input }, await skatteetaten());
    expect(body.data?.createResource).toMatchObject({
      id: 'ske-formue',
      type: 'CONSENT',
      consentTemplate: { id: 'default' },
      consentMetadata: ['inntektsaar'],
      oneTimeConsent: true,
      policy: [],
      packages: [],
    });
  });

  it.each([
    ['banken-system, which lacks the admin scope', () => stack.token({ client: 'banken-system' })],
    ['a person', () => stack.personToken('kari')],
  ])('refuses %s as FORBIDDEN and writes nothing', async (_who, token) => {
    const { body } = await stack.graphql(CREATE, { input: serviceInput('ske-uautorisert') }, await token());
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await read('ske-uautorisert')).toBeNull();
  });

  it('refuses to update another organisation’s resource as FORBIDDEN and leaves it as it was', async () => {
    const before = await read('lanekassen-studielan-saldo');
    const input = { type: 'CONSENT', title: 'Overtatt', actions: ['consent'], consentTemplate: 'default', policy: [] };
    const { body } = await stack.graphql(UPDATE, { id: 'lanekassen-studielan-saldo', input }, await skatteetaten());
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await read('lanekassen-studielan-saldo')).toEqual(before);
  });

  it('answers NOT_FOUND for an update of a resource that does not exist', async () => {
    const { body } = await stack.graphql(UPDATE, { id: 'ske-finnes-ikke', input: serviceInput('ske-finnes-ikke') }, await skatteetaten());
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses an id already in use as CONFLICT and leaves that resource as it was', async () => {
    const before = await read('ske-mva-melding');
    const { body } = await stack.graphql(CREATE, { input: serviceInput('ske-mva-melding') }, await skatteetaten());
    expect(body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await read('ske-mva-melding')).toEqual(before);
  });

  const DAGL_READ = { subjectKind: 'ROLE', subject: 'DAGL', actions: ['read'] };
  it.each([
    ['an id with capitals', { id: 'Ske_Feil' }, 'input.id: must be 3–63 lower-case letters'],
    ['a two-letter id', { id: 'sk' }, 'input.id: must be 3–63'],
    ['an empty title', { title: '  ' }, 'input.title: must not be empty'],
    ['no actions', { actions: [], policy: [] }, 'input.actions: name at least one action'],
    ['an action that is not a lower-case word', { actions: ['Les!'], policy: [] }, 'input.actions[0]: must be a lower-case word'],
    ['a level above 4', { minimumAuthenticationLevel: 5 }, 'input.minimumAuthenticationLevel: must be 1–4'],
    ['a level of 0', { minimumAuthenticationLevel: 0 }, 'input.minimumAuthenticationLevel: must be 1–4'],
    ['a policy action the resource lacks', { policy: [{ ...DAGL_READ, actions: ['sign'] }] }, 'input.policy[0].actions[0]: sign is not one of'],
    ['a policy rule with no actions', { policy: [{ ...DAGL_READ, actions: [] }] }, 'input.policy[0].actions: name at least one action'],
    ['an unknown role', { policy: [{ ...DAGL_READ, subject: 'XYZ' }] }, 'input.policy[0].subject: no role XYZ'],
    [
      'an unknown package',
      { policy: [DAGL_READ, { ...DAGL_READ, subjectKind: 'PACKAGE', subject: 'urn:altinn:accesspackage:nope' }] },
      'input.policy[1].subject: no access package urn:altinn:accesspackage:nope',
    ],
    ['the same role twice', { policy: [DAGL_READ, DAGL_READ] }, 'input.policy[1].subject: DAGL already has a rule'],
    [
      'a consent resource without a template',
      { type: 'CONSENT', actions: ['consent'], policy: [] },
      'input.consentTemplate: a CONSENT resource needs a consent template',
    ],
    [
      'an unknown consent template',
      { type: 'CONSENT', actions: ['consent'], consentTemplate: 'nope', policy: [] },
      'input.consentTemplate: no consent template nope',
    ],
    ['a consent template on a service', { consentTemplate: 'default' }, 'input.consentTemplate: only CONSENT resources'],
  ])('refuses %s as BAD_USER_INPUT naming the field, and writes nothing', async (_case, overrides, message) => {
    const input = serviceInput('ske-ugyldig', overrides);
    const { body } = await stack.graphql(CREATE, { input }, await skatteetaten());
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain(message);
    expect(await read(input.id as string)).toBeNull();
  });

  it('refuses a bad update as BAD_USER_INPUT and keeps the resource and its policy as they were', async () => {
    await stack.graphql(CREATE, { input: serviceInput('ske-uendret') }, await skatteetaten());
    const before = await read('ske-uendret');
    expect(before).not.toBeNull();
    const input = serviceInput('ske-uendret', { title: 'Nytt navn', policy: [DAGL_READ, { ...DAGL_READ, subject: 'XYZ' }] });
    const { body } = await stack.graphql(UPDATE, { id: 'ske-uendret', input }, await skatteetaten());
    expect(body.errors?.[0]).toMatchObject({ message: 'input.policy[1].subject: no role XYZ', extensions: { code: 'BAD_USER_INPUT' } });
    expect(await read('ske-uendret')).toEqual(before);
  });

  it('refuses to change a resource’s id in an update', async () => {
    const { body } = await stack.graphql(UPDATE, { id: 'ske-mva-melding', input: serviceInput('ske-annen-id') }, await skatteetaten());
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain('input.id');
  });
});
