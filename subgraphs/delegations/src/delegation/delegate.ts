import { badInput, requirePartyByUrn, type PersonViewer, type SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import type { DelegationRow } from './delegation.loader';
import { giveDelegation } from './delegation.transitions';
import { checkPowerOfAttorneyEnd, checkValidTo, loadAndCheckRights, type RightsInput } from './rights-input';

/** What `delegate` and `givePowerOfAttorney` ask for, party references as URNs. */
export interface DelegateRequest extends RightsInput {
  from: string;
  to: string;
  validTo?: Date | null;
}

/**
 * The one path every delegation takes: the input is checked (BAD_USER_INPUT naming the field), then the transaction
 * judges the right with `judgeDelegation` (the judge `delegationCheck` asks too) and writes it. A power-of-attorney
 * area needs an end date, at most ten years ahead.
 */
export async function delegateAs(viewer: PersonViewer, input: DelegateRequest, ctx: SubgraphContext<Loaders>): Promise<DelegationRow> {
  const now = new Date();
  const [from, to] = await Promise.all([
    requirePartyByUrn(input.from, ctx.loaders.parties, 'input.from'),
    requirePartyByUrn(input.to, ctx.loaders.parties, 'input.to'),
  ]);
  if (from.id === to.id) throw badInput('input.to', 'must differ from input.from');
  const rights = await loadAndCheckRights(input, ctx.loaders, { powerOfAttorney: true });
  if (rights.package?.powerOfAttorney) checkPowerOfAttorneyEnd(input.validTo, now);
  else checkValidTo(input.validTo, now);
  return giveDelegation(
    ctx.db,
    viewer.partyId,
    {
      fromId: from.id,
      toId: to.id,
      fromLabel: from.name,
      fromIsPerson: from.type === 'PERSON',
      toIsPerson: to.type === 'PERSON',
      ...rights,
      viewerLevel: viewer.authenticationLevel,
    },
    input.validTo ?? null,
    now,
  );
}
