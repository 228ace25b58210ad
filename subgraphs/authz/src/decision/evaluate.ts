import { pairKey, type Facts } from './facts';
import type { Decision, DecisionRequest, Reason } from './types';

/**
 * Evaluates one request against loaded facts, as Altinn does: roles and the packages they grant first, then
 * delegations, then consents (for the action `consent`). The party's main unit counts too (a subunit inherits its main unit's roles and delegations).
 * Pure: no I/O.
 */
export function evaluate(request: DecisionRequest, facts: Facts): Decision {
  const resource = facts.resources.get(request.resourceId);
  const obligations = { minimumAuthenticationLevel: resource?.minimumAuthenticationLevel ?? null };
  if (!resource || !facts.parentOf.has(request.partyId)) return { decision: 'INDETERMINATE', reasons: [], obligations };
  const rule = resource.rules.get(request.action);

  const parent = facts.parentOf.get(request.partyId);
  const targets = parent ? [request.partyId, parent] : [request.partyId];
  const reasons: Reason[] = [];
  const seen = new Set<string>();
  const add = (reason: Reason) => {
    const key = `${reason.source}|${reason.via}`;
    if (seen.has(key)) return;
    seen.add(key);
    reasons.push(reason);
  };

  for (const target of rule ? targets : []) {
    for (const role of facts.rolesHeld.get(pairKey(request.subjectId, target)) ?? []) {
      if (rule!.roles.has(role)) add({ source: 'ROLE', via: facts.roleUrn.get(role) ?? role });
      for (const pkg of facts.packagesOfRole.get(role) ?? []) {
        if (rule!.packages.has(pkg)) add({ source: 'ACCESS_PACKAGE', via: pkg });
      }
    }
  }
  for (const target of rule ? targets : []) {
    for (const d of facts.delegations.get(pairKey(request.subjectId, target)) ?? []) {
      const byResource = d.resourceId === request.resourceId && (d.actions ?? []).includes(request.action);
      const byPackage = d.packageUrn !== null && rule!.packages.has(d.packageUrn);
      if (byResource || byPackage) add({ source: 'DELEGATION', via: d.id });
    }
  }
  // An accepted, unexpired consent from the party lets its recipient use the consented resources.
  if (request.action === 'consent') {
    for (const c of facts.consents.get(pairKey(request.subjectId, request.partyId)) ?? []) {
      if (c.resourceIds.has(request.resourceId)) add({ source: 'CONSENT', via: c.consentId });
    }
  }
  if (reasons.length) return { decision: 'PERMIT', reasons, obligations };
  return { decision: rule ? 'DENY' : 'NOT_APPLICABLE', reasons, obligations };
}
