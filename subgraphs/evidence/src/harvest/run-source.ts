import type { Logger } from '@hub/kit';
import type { EvidenceSettings } from '../settings';
import { EvidenceRefused, type EvidenceSource, type EvidenceValue, type HarvestRequest } from '../sources/source';
import { EvidenceState } from './evidence-status.type';

export type SourceOutcome =
  | { status: EvidenceState.AVAILABLE; values: EvidenceValue[] }
  | { status: EvidenceState.DENIED; reason: string }
  | { status: EvidenceState.UNAVAILABLE; reason: string; retryAt: Date };

class TimedOut extends Error {}

/**
 * Asks one source, bounded by the timeout: a refusal is DENIED with the source's reason; a failure or a slow
 * answer is UNAVAILABLE with a time to retry, never an error that would take other codes down with it.
 */
export async function runSource(source: EvidenceSource, request: HarvestRequest, settings: EvidenceSettings, log: Logger): Promise<SourceOutcome> {
  const fault = settings.faults[source.key];
  const work =
    fault === 'fail'
      ? Promise.reject(new Error(`${source.key} failed (EVIDENCE_SOURCE_FAULTS test switch)`))
      : fault === 'hang'
        ? new Promise<never>(() => {})
        : source.harvest(request);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), settings.timeoutMs);
  });
  try {
    return { status: EvidenceState.AVAILABLE, values: await Promise.race([work, timeout]) };
  } catch (err) {
    if (err instanceof EvidenceRefused) return { status: EvidenceState.DENIED, reason: err.message };
    const retryAt = new Date(request.now.getTime() + settings.retryAfterSeconds * 1000);
    if (err instanceof TimedOut) {
      log.warn({ source: source.key, code: request.code }, 'evidence source timed out');
      return { status: EvidenceState.UNAVAILABLE, reason: `The source (${source.key}) did not answer within ${settings.timeoutMs} ms.`, retryAt };
    }
    log.warn({ err, source: source.key, code: request.code }, 'evidence source failed');
    return { status: EvidenceState.UNAVAILABLE, reason: `The source (${source.key}) failed; try again later.`, retryAt };
  } finally {
    clearTimeout(timer);
  }
}
