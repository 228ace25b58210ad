import { readFileSync } from 'node:fs';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { CONTRACT_OPERATIONS_PATH } from '@hub/schema/paths';

const operations = new Map(
  parse(readFileSync(CONTRACT_OPERATIONS_PATH, 'utf8'))
    .definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name !== undefined)
    .map((d) => [d.name!.value, print(d)]),
);

/** A named operation of the public contract (schema/operations/contract.graphql), as its documented example reads. */
export function contractOperation(name: string): string {
  const operation = operations.get(name);
  if (!operation) throw new Error(`the contract has no operation ${name}`);
  return operation;
}
