import { partyUuidUrn, urnOfParty } from '@hub/db';
import { requireViewer, type SubgraphContext } from '@hub/kit';
import { canonicalJson, sha256Hex } from '../canonical-json';
import type { Loaders } from '../loaders';
import { renderConsentText } from '../template/template.resolver';
import type { ConsentRightRow, ConsentRow } from './consent.type';

type Context = SubgraphContext<Loaders>;

/** A right to act (not only to fetch data): the receipt names its actions; a receipt without acts reads as before. */
const actsOf = (r: ConsentRightRow) => r.actions.some((a) => a !== 'consent');

export interface Receipt {
  body: Record<string, unknown>;
  textShown: string;
  sha256: string;
}

/**
 * What the person is accepting, frozen: who asked whom for what, until when, and the exact Bokmål text shown. Built
 * before the write transaction (it reads names and the template), stored inside it.
 */
export async function buildReceipt(consent: ConsentRow, rights: ConsentRightRow[], acceptedAt: Date, ctx: Context): Promise<Receipt> {
  const { parties, resources } = ctx.loaders;
  const [from, to, handledBy, acceptedBy, template] = await Promise.all([
    parties.byId.load(consent.fromId),
    parties.byId.load(consent.toId),
    consent.handledById ? parties.byId.load(consent.handledById) : null,
    parties.byId.load(requireViewer(ctx).partyId),
    resources.templateById.load(consent.templateId),
  ]);
  if (!from || !to || !acceptedBy || !template) throw new Error(`consent request ${consent.id}: a party or its template is missing`);
  const textShown = await renderConsentText(consent, template, 'nb', ctx);
  const party = (p: NonNullable<typeof from>) => ({ urn: urnOfParty(p), name: p.name });
  const body = {
    id: consent.id,
    acceptedAt: acceptedAt.toISOString(),
    // The requester reads the receipt: whoever answered for `from` (a parent, a guardian, a general manager) is named
    // by uuid URN, since the requester may not read that person's number. `from` itself disclosed it by consenting.
    acceptedBy:
      acceptedBy.type === 'PERSON' && acceptedBy.id !== from.id ? { urn: partyUuidUrn(acceptedBy.id), name: acceptedBy.name } : party(acceptedBy),
    from: party(from),
    to: party(to),
    handledBy: handledBy ? party(handledBy) : null,
    validTo: consent.validTo.toISOString(),
    rights: rights.map((r) => ({ resource: r.resourceId, action: r.action, ...(actsOf(r) ? { actions: r.actions } : {}), metadata: r.metadata })),
    template: { id: template.id, title: template.title.nb },
    language: 'nb',
    textShown,
  };
  return { body, textShown, sha256: sha256Hex(canonicalJson(body)) };
}
