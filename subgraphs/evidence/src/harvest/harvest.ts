import { numberOfParty, urnOfParty } from '@hub/db';
import { evidenceRetrievals } from '@hub/db/evidence';
import type { PartyRow } from '@hub/db/parties/read';
import type { SubgraphContext } from '@hub/kit';
import type { ConsentRightUseRow } from '../accreditation/accreditation.loader';
import type { AccreditationCodeRow, AccreditationRow } from '../accreditation/accreditation.type';
import type { CodeEntry } from '../code/code.loader';
import { ConsentsCallError, issueConsentToken } from '../consents-client';
import type { Loaders } from '../loaders';
import { evidenceSettings } from '../settings';
import { SOURCES } from '../sources/index';
import { EvidenceState, type EvidenceStatus } from './evidence-status.type';
import { runSource } from './run-source';

type Context = SubgraphContext<Loaders>;

const CONSENT_STATES: Record<string, { status: EvidenceState; reason: string | null }> = {
  CREATED: { status: EvidenceState.PENDING_CONSENT, reason: 'The subject has not answered the consent request yet.' },
  ACCEPTED: { status: EvidenceState.AVAILABLE, reason: null },
  USED: { status: EvidenceState.DENIED, reason: 'Every right of the consent was one-time and was already used; ask for a new consent.' },
  REJECTED: { status: EvidenceState.DENIED, reason: 'The subject rejected the consent request.' },
  REVOKED: { status: EvidenceState.DENIED, reason: 'The subject withdrew the consent.' },
  DELETED: { status: EvidenceState.DENIED, reason: 'The consent request was deleted.' },
  EXPIRED: { status: EvidenceState.EXPIRED, reason: 'The consent has expired.' },
};

const status = (code: string, s: EvidenceState, reason: string | null = null): EvidenceStatus => ({
  code,
  status: s,
  reason,
  retryAt: null,
  harvestedAt: null,
  values: null,
});

/** Why a harvest of a code under an ACCEPTED consent would get nothing: its one-time right is used or given out; else null. */
function rightRefusal(rights: ConsentRightUseRow[], resourceId: string): string | null {
  const mine = rights.filter((r) => r.resourceId === resourceId);
  if (!mine.length) return 'The consent does not cover this code’s resource.';
  if (mine.some((r) => !r.oneTime || (!r.tokenJti && !r.usedAt))) return null;
  const used = mine.find((r) => r.usedAt);
  if (used) return `The one-time right to ${resourceId} was already used; ask for a new consent.`;
  return `The one-time right to ${resourceId} was already given out in a consent token, and goes into one token only; ask for a new consent.`;
}

/**
 * Each code's status as of now, without asking any source: what a harvest would get. It follows the consent's fate
 * and, under an accepted consent, the code's own right (a used one-time right is DENIED while the others stay
 * AVAILABLE): one read per consent and one of its rights, batched.
 */
export async function currentStatuses(acc: AccreditationRow, rows: AccreditationCodeRow[], ctx: Context, now: Date): Promise<EvidenceStatus[]> {
  if (acc.validTo <= now) return rows.map((r) => status(r.code, EvidenceState.EXPIRED, `The accreditation expired at ${acc.validTo.toISOString()}.`));
  const { codes } = await ctx.loaders.catalogue();
  return Promise.all(
    rows.map(async (r) => {
      if (!r.consentRequestId) return status(r.code, EvidenceState.AVAILABLE);
      const [consent, rights] = await Promise.all([
        ctx.loaders.accreditations.consentById.load(r.consentRequestId),
        ctx.loaders.accreditations.consentRightsById.load(r.consentRequestId),
      ]);
      if (!consent) return status(r.code, EvidenceState.DENIED, 'The consent request no longer exists.');
      const expired = (consent.status === 'CREATED' || consent.status === 'ACCEPTED') && consent.validTo <= now;
      const mapped = CONSENT_STATES[expired ? 'EXPIRED' : consent.status]!;
      if (mapped.status !== EvidenceState.AVAILABLE) return status(r.code, mapped.status, mapped.reason);
      const refused = rightRefusal(rights, codes.get(r.code)!.resourceId);
      return refused ? status(r.code, EvidenceState.DENIED, refused) : status(r.code, EvidenceState.AVAILABLE);
    }),
  );
}

/**
 * Harvests every AVAILABLE code concurrently: one consent token per consent request, carrying only the rights of the
 * codes harvested now (issued to the requestor as a bank would get it; a one-time right goes into one token only),
 * then each source asked independently; a source reports the use and delivers only on the hub's yes. Every attempt
 * is logged, whatever came of it.
 */
export async function harvest(acc: AccreditationRow, rows: AccreditationCodeRow[], ctx: Context): Promise<EvidenceStatus[]> {
  const now = new Date();
  const [base, { codes }, requestor, subject] = await Promise.all([
    currentStatuses(acc, rows, ctx, now),
    ctx.loaders.catalogue(),
    ctx.loaders.parties.byId.load(acc.requestorId),
    ctx.loaders.parties.byId.load(acc.subjectId),
  ]);
  const wanted = new Map<string, Set<string>>();
  rows.forEach((row, i) => {
    if (!row.consentRequestId || base[i]!.status !== EvidenceState.AVAILABLE) return;
    const set = wanted.get(row.consentRequestId) ?? new Set<string>();
    wanted.set(row.consentRequestId, set.add(codes.get(row.code)!.resourceId));
  });
  const settings = evidenceSettings(ctx.settings);
  const tokens = new Map<string, Promise<{ token: string } | { refused: string } | { unavailable: string }>>();
  const tokenFor = (consentId: string) => {
    let t = tokens.get(consentId);
    if (!t) {
      const as = {
        hub: ctx.settings,
        organizationNumber: requestor!.organizationNumber!,
        clientId: ctx.viewer?.clientId ?? null,
        requestId: ctx.requestId,
      };
      // Within the source budget: a slow or absent consents service is UNAVAILABLE (retry later), never DENIED.
      t = issueConsentToken(as, consentId, { resources: [...wanted.get(consentId)!], timeoutMs: settings.timeoutMs }).then(
        (token) => ({ token }),
        (err: Error) => {
          if (err instanceof ConsentsCallError && !err.unavailable) return { refused: `No consent token: ${err.message}` };
          ctx.log.warn({ err, consentId }, 'consent token unavailable');
          return {
            unavailable: `No consent token: ${err instanceof ConsentsCallError ? err.message : 'the consents service failed'} Try again later.`,
          };
        },
      );
      tokens.set(consentId, t);
    }
    return t;
  };
  const results = await Promise.all(
    rows.map(async (row, i): Promise<EvidenceStatus> => {
      const current = base[i]!;
      if (current.status !== EvidenceState.AVAILABLE) return current;
      let consentToken: string | undefined;
      if (row.consentRequestId) {
        const t = await tokenFor(row.consentRequestId);
        if ('refused' in t) return status(row.code, EvidenceState.DENIED, t.refused);
        if ('unavailable' in t) {
          return {
            ...status(row.code, EvidenceState.UNAVAILABLE, t.unavailable),
            retryAt: new Date(now.getTime() + settings.retryAfterSeconds * 1000),
          };
        }
        consentToken = t.token;
      }
      return harvestOne(
        codes.get(row.code)!,
        { requestor: requestor!, subject: subject!, parameters: row.parameters, legalBasis: row.legalBasis, consentToken },
        ctx,
        now,
      );
    }),
  );
  await logRetrievals(ctx, results, { requestorId: acc.requestorId, subjectId: acc.subjectId, accreditationId: acc.id, at: now });
  return results;
}

/** Asks the code's source once. */
export async function harvestOne(
  code: CodeEntry,
  ask: { requestor: PartyRow; subject: PartyRow; parameters: Record<string, unknown>; legalBasis: string | null; consentToken?: string },
  ctx: Context,
  now: Date,
): Promise<EvidenceStatus> {
  const source = SOURCES[code.sourceKey];
  if (!source) return { ...status(code.name, EvidenceState.UNAVAILABLE, `No source ${code.sourceKey} is connected.`) };
  const outcome = await runSource(
    source,
    {
      code: code.name,
      subject: { urn: urnOfParty(ask.subject), number: numberOfParty(ask.subject) },
      parameters: ask.parameters,
      requestor: { organizationNumber: ask.requestor.organizationNumber! },
      consentToken: ask.consentToken,
      legalBasis: ask.legalBasis,
      now,
      hub: ctx.settings,
    },
    evidenceSettings(ctx.settings),
    ctx.log,
  );
  if (outcome.status === EvidenceState.AVAILABLE) return { ...status(code.name, outcome.status), harvestedAt: now, values: outcome.values };
  if (outcome.status === EvidenceState.DENIED) return status(code.name, outcome.status, outcome.reason);
  return { ...status(code.name, outcome.status, outcome.reason), retryAt: outcome.retryAt };
}

/** One statement for every attempt of a harvest: the subject's "who has retrieved what about me". */
export async function logRetrievals(
  ctx: Context,
  results: EvidenceStatus[],
  who: { requestorId: string; subjectId: string; accreditationId: string | null; at: Date },
): Promise<void> {
  if (!results.length) return;
  await ctx.db.insert(evidenceRetrievals).values(results.map((r) => ({ ...who, code: r.code, status: r.status, reason: r.reason })));
}
