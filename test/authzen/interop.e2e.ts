import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack';
import { authzen } from './support';

/** The interop decisions file format: each request with the expected decision, or decisions of a batch. */
interface Scenario {
  evaluation: { request: unknown; expected: boolean }[];
  evaluations: { request: unknown; expected: boolean[] }[];
}
const scenario = JSON.parse(readFileSync(new URL('./interop-story.json', import.meta.url), 'utf8')) as Scenario;

let stack: TestStack;
let pep: string;
beforeAll(async () => {
  stack = await startTestStack();
  // The enforcement point: SKATTEETATEN's gateway in front of its own services.
  pep = await stack.token({ client: 'skatteetaten-system' });
});
afterAll(() => stack?.close());

describe('the AuthZEN interop Todo scenario, adapted to the story', () => {
  it('answers every single evaluation as expected', async () => {
    const results = [];
    for (const { request, expected } of scenario.evaluation) {
      const { status, body } = await authzen(stack, '/access/v1/evaluation', request, pep);
      results.push({ request, status, decision: body.decision, expected });
    }
    const failed = results.filter((r) => r.status !== 200 || r.decision !== r.expected);
    console.log(`interop evaluation: ${results.length - failed.length}/${results.length} PASS`);
    expect(failed).toEqual([]);
  });

  it('answers every batch as expected, with its semantic', async () => {
    for (const { request, expected } of scenario.evaluations) {
      const { status, body } = await authzen(stack, '/access/v1/evaluations', request, pep);
      expect([status, body.evaluations.map((e: { decision: boolean }) => e.decision)]).toEqual([200, expected]);
    }
    console.log(`interop evaluations: ${scenario.evaluations.length}/${scenario.evaluations.length} PASS`);
  });
});
