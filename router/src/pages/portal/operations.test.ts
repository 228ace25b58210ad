import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compose } from '@hub/schema';

/** The access pages' operations, kept beside the pages as the frontend teams' example, are valid on the public graph. */
describe('the access pages’ operations', () => {
  it.each(['access.graphql', 'others.graphql'])('%s validates against the public schema', async (file) => {
    const schema = buildSchema((await compose()).publicSdl);
    const document = parse(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8'));
    expect(validate(schema, document).map((e) => e.message)).toEqual([]);
  });
});
