import { parsePartyUrn } from '@hub/db/urn';
import { AUTHORIZE, shortCircuit, toAuthorizeRequest, toAuthZen, type AuthZenDecision, type Evaluation, type GraphDecision } from './evaluation';
import { AuthZenError } from './errors';
import type { GraphCall } from './graph';
import type { Semantic } from './shapes';

const CATALOGUE = /* GraphQL */ `query AuthZenCatalogue { resources { id actions } }`;

/** What is wrong with one evaluation, as its own AuthZEN field names say; null when nothing the catalogue shows. */
function problemOf(e: Evaluation, actions: Map<string, string[]>): string | null {
  const subject = parsePartyUrn(e.subject.id);
  if (!subject.ok) return `subject.id: ${subject.problem}`;
  const party = parsePartyUrn(e.resource.properties.party);
  if (!party.ok) return `resource.properties.party: ${party.problem}`;
  const known = actions.get(e.resource.id);
  if (!known) return `resource.id: no resource ${e.resource.id}`;
  if (!known.includes(e.action.name)) return `action.name: ${e.resource.id} has no action ${e.action.name}`;
  return null;
}

const failed = (message: string): AuthZenDecision => ({ decision: false, context: { error: { status: 400, message } } });

/**
 * A batch (AuthZEN §7): one `authorize` call for all of it, so it costs the statements of one `authorize` batch.
 * One malformed evaluation does not fail the others (§7.1.2: an error is a `false` that counts as a denial for
 * `deny_on_first_deny`): when `authorize` refuses the batch for one, the catalogue names every malformed one, each
 * answers `false` with `context.error`, and the rest is asked again — a fixed extra cost, only for a bad batch.
 */
export async function evaluateBatch(call: GraphCall, evaluations: Evaluation[], semantic: Semantic): Promise<AuthZenDecision[]> {
  const answers: (AuthZenDecision | null)[] = evaluations.map((e) => {
    try {
      toAuthorizeRequest(e, '');
      return null;
    } catch (err) {
      if (err instanceof AuthZenError) return failed(err.message);
      throw err;
    }
  });
  const ask = async () => {
    const open = evaluations.flatMap((e, i) => (answers[i] ? [] : [{ i, request: toAuthorizeRequest(e, '') }]));
    if (!open.length) return;
    try {
      const { authorize } = await call<{ authorize: GraphDecision[] }>(AUTHORIZE, { requests: open.map((o) => o.request) });
      open.forEach((o, k) => (answers[o.i] = toAuthZen(authorize[k]!)));
    } catch (err) {
      // The graph counts only the evaluations it was asked; name the one in the caller's batch.
      if (!(err instanceof AuthZenError)) throw err;
      throw new AuthZenError(
        err.status,
        err.message.replace(/evaluations\[(\d+)\]/g, (_m, k: string) => `evaluations[${open[Number(k)]?.i ?? k}]`),
      );
    }
  };
  try {
    await ask();
  } catch (err) {
    if (!(err instanceof AuthZenError) || err.status !== 400) throw err;
    const { resources } = await call<{ resources: { id: string; actions: string[] }[] }>(CATALOGUE, {});
    const actions = new Map(resources.map((r) => [r.id, r.actions]));
    evaluations.forEach((e, i) => {
      const problem = answers[i] ? null : problemOf(e, actions);
      if (problem) answers[i] = failed(problem);
    });
    // Whatever the catalogue did not explain still fails the whole batch (400), as `authorize` said.
    await ask();
  }
  return shortCircuit(answers as AuthZenDecision[], semantic);
}
