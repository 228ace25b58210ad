import 'reflect-metadata';
import { permissionCoverage } from '@hub/authz';
import { describe, expect, it } from 'vitest';
import { permissions } from './permissions';
import { buildRolesSchema } from './schema';

describe('the roles subgraph’s permission rules', () => {
  it('name every field of every object type, and nothing the schema lacks', async () => {
    expect(permissionCoverage(await buildRolesSchema(), permissions)).toEqual({ unguarded: [], stale: [] });
  });
});
