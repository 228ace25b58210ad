import 'reflect-metadata';
import { permissionCoverage } from '@hub/authz';
import { describe, expect, it } from 'vitest';
import { permissions } from './permissions';
import { buildConsentsSchema } from './schema';

describe('the consents subgraph’s permission rules', () => {
  it('name every field of every object type, and nothing the schema lacks', async () => {
    expect(permissionCoverage(await buildConsentsSchema(), permissions)).toEqual({ unguarded: [], stale: [] });
  });
});
