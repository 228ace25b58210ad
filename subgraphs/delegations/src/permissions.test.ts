import 'reflect-metadata';
import { permissionCoverage } from '@hub/authz';
import { describe, expect, it } from 'vitest';
import { permissions } from './permissions';
import { buildDelegationsSchema } from './schema';

describe('the delegations subgraph’s permission rules', () => {
  it('name every field of every object type, and nothing the schema lacks', async () => {
    expect(permissionCoverage(await buildDelegationsSchema(), permissions)).toEqual({ unguarded: [], stale: [] });
  });
});
