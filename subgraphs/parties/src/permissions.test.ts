import 'reflect-metadata';
import { permissionCoverage } from '@hub/authz';
import { describe, expect, it } from 'vitest';
import { permissions } from './permissions';
import { buildPartiesSchema } from './schema';

describe('the parties subgraph’s permission rules', () => {
  it('name every field of every object type, and nothing the schema lacks', async () => {
    expect(permissionCoverage(await buildPartiesSchema(), permissions)).toEqual({ unguarded: [], stale: [] });
  });
});
