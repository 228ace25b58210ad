import type { z } from 'zod';
import { evaluateBatch } from './batch';
import { evaluateOne, renameFields, type Evaluation } from './evaluation';
import { AuthZenError, invalidRequest } from './errors';
import type { GraphCall } from './graph';
import { searchActions, searchResources, searchSubjects } from './search';
import { ActionSearchRequest, EvaluationRequest, EvaluationsRequest, ResourceSearchRequest, SubjectSearchRequest } from './shapes';

/** One endpoint: its request shape, how the graph's field names map onto it, and the answer. */
export interface Handler<S extends z.ZodType = z.ZodType> {
  shape: S;
  rename: (message: string) => string;
  answer: (call: GraphCall, request: z.infer<S>) => Promise<unknown>;
}

const single = (message: string) => renameFields(message, () => '');
const batchField = (i: number) => `evaluations[${i}].`;

/** The evaluations of a batch with its defaults applied; an evaluation that ends up without a part is a 400. */
function evaluationsOf(request: EvaluationsRequest): Evaluation[] {
  return request.evaluations!.map((e, i) => {
    const merged = { subject: e.subject ?? request.subject, action: e.action ?? request.action, resource: e.resource ?? request.resource };
    for (const part of ['subject', 'action', 'resource'] as const) {
      if (!merged[part]) throw new AuthZenError(400, `evaluations[${i}].${part}: required, here or at the top level`);
    }
    return merged as Evaluation;
  });
}

const handler = <S extends z.ZodType>(h: Handler<S>) => h as unknown as Handler;

/** The AuthZEN endpoints, by path. */
export const HANDLERS: Record<string, Handler> = {
  '/access/v1/evaluation': handler({
    shape: EvaluationRequest,
    rename: single,
    answer: evaluateOne,
  }),
  '/access/v1/evaluations': handler({
    shape: EvaluationsRequest,
    rename: (message) => renameFields(message, batchField),
    async answer(call, request) {
      // Without evaluations the batch endpoint answers as the single one does (AuthZEN §7.1).
      if (!request.evaluations?.length) {
        const parsed = EvaluationRequest.safeParse(request);
        if (!parsed.success) throw invalidRequest(parsed.error);
        return evaluateOne(call, parsed.data);
      }
      const semantic = request.options?.evaluations_semantic ?? 'execute_all';
      return { evaluations: await evaluateBatch(call, evaluationsOf(request), semantic) };
    },
  }),
  '/access/v1/search/subject': handler({ shape: SubjectSearchRequest, rename: single, answer: searchSubjects }),
  '/access/v1/search/resource': handler({ shape: ResourceSearchRequest, rename: single, answer: searchResources }),
  '/access/v1/search/action': handler({ shape: ActionSearchRequest, rename: single, answer: searchActions }),
};
