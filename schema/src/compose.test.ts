import { readFileSync } from 'node:fs';
import { buildSchema, Kind, parse, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { compose, staleFiles, type Composition } from './compose';
import { CONTRACT_OPERATIONS_PATH } from './paths';

/** Contract operations whose subgraphs have not landed yet; each must move out of here when it does. */
const NOT_YET_SERVED = new Set<string>([]);

let composition: Composition;
beforeAll(async () => {
  composition = await compose();
});

describe('the committed supergraph', () => {
  it('is what a fresh composition of the subgraphs gives (run npm run compose)', () => {
    expect(staleFiles(composition)).toEqual([]);
  });
});

describe('the contract operations', () => {
  const contract = parse(readFileSync(CONTRACT_OPERATIONS_PATH, 'utf8'));
  const operations = contract.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const single = (op: OperationDefinitionNode): DocumentNode => ({ kind: Kind.DOCUMENT, definitions: [op] });

  it('are all named and distinct', () => {
    const names = operations.map((o) => o.name?.value);
    expect(names.every(Boolean)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(operations.map((op) => [op.name!.value, op] as const))('%s validates if its subgraph is served', (name, op) => {
    const schema = buildSchema(composition.publicSdl);
    // graphql 16 does not check that the root operation type exists; do it here.
    const rootMissing = schema.getRootType(op.operation) ? [] : [`no ${op.operation} type`];
    const errors = [...rootMissing, ...validate(schema, single(op)).map((e) => e.message)];
    if (NOT_YET_SERVED.has(name)) expect(errors).not.toEqual([]);
    else expect(errors).toEqual([]);
  });
});
