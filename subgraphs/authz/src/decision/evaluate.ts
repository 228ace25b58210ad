import { pairKey, type ConsentedRightFacts, type Facts } from './facts';
import type { Decision, DecisionRequest, Reason, ReasonSource } from './types';

/**
 * Evaluates one request against loaded facts, as Altinn does: roles and the packages they grant first, then
 * delegations, then consents (the action `consent`, or the acts a consent right names). The party's main unit counts too (a subunit inherits its main unit's roles and delegations).
 * Pure: no I/O.
 */
export function evaluate(request: DecisionRequest, facts: Facts): Decision {
  const resource = facts.resources.get(request.resourceId);
  const obligations = { minimumAuthenticationLevel: resource?.minimumAuthenticationLevel ?? null };
  if (!resource || !facts.parentOf.has(request.partyId)) return { decision: 'INDETERMINATE', reasons: [], obligations };
  const rule = resource.rules.get(request.action);
  const reasons: Reason[] = [];
  if (rule) {
    const parent = facts.parentOf.get(request.partyId);
    addRoles(request.subjectId, request.partyId, rule, facts, reasons);
    if (parent) addRoles(request.subjectId, parent, rule, facts, reasons);
    addDelegations(request, request.partyId, rule, facts, reasons);
    if (parent) addDelegations(request, parent, rule, facts, reasons);
  }
  // An accepted, unexpired consent from the party lets its recipient use the consented resources (`consent`), or
  // perform exactly the consented acts (`sign` …) on them, on the one instance a right names.
  for (const c of facts.consents.get(pairKey(request.subjectId, request.partyId)) ?? []) {
    if (c.rights.some((r) => consentCovers(r, request))) addReason(reasons, 'CONSENT', c.consentId);
  }
  if (reasons.length) return { decision: 'PERMIT', reasons, obligations };
  // An act on a consent resource (sign, submit …) is what a consent may give: without one it is denied.
  const consentAct = resource.consent && request.action !== 'consent' && resource.actions.includes(request.action);
  return { decision: rule || consentAct ? 'DENY' : 'NOT_APPLICABLE', reasons, obligations };
}

/** A right covers the request's resource and action, and its instance when the right names one. */
function consentCovers(right: ConsentedRightFacts, request: DecisionRequest): boolean {
  if (right.resourceId !== request.resourceId || !right.actions.includes(request.action)) return false;
  return right.instance === null || right.instance === (request.instance ?? null);
}

type Rule = { roles: Set<string>; packages: Set<string> };

/** The roles `subjectId` holds for `target` (and the packages they grant) that the rule names. */
function addRoles(subjectId: string, target: string, rule: Rule, facts: Facts, reasons: Reason[]): void {
  for (const role of facts.rolesHeld.get(pairKey(subjectId, target)) ?? []) {
    if (rule.roles.has(role)) addReason(reasons, 'ROLE', facts.roleUrn.get(role) ?? role);
    for (const pkg of facts.packagesOfRole.get(role) ?? []) {
      if (rule.packages.has(pkg)) addReason(reasons, 'ACCESS_PACKAGE', pkg);
    }
  }
}

/**
 * The delegations from `target` to the subject that cover the request's resource and action or a package of the rule.
 * A delegation of a power-of-attorney area (a person's package, given by the person) is a POWER_OF_ATTORNEY, naming
 * the area.
 */
function addDelegations(request: DecisionRequest, target: string, rule: Rule, facts: Facts, reasons: Reason[]): void {
  for (const d of facts.delegations.get(pairKey(request.subjectId, target)) ?? []) {
    const byResource = d.resourceId === request.resourceId && (d.actions ?? []).includes(request.action);
    const byPackage = d.packageUrn !== null && rule.packages.has(d.packageUrn);
    if (!byResource && !byPackage) continue;
    if (byPackage && facts.catalogue.powerOfAttorneyPackages.has(d.packageUrn!)) addReason(reasons, 'POWER_OF_ATTORNEY', d.id, d.packageUrn!);
    else addReason(reasons, 'DELEGATION', d.id);
  }
}

/** Adds a reason once: a decision has a handful, so a scan beats a set built per request. */
function addReason(reasons: Reason[], source: ReasonSource, via: string, area?: string): void {
  for (const r of reasons) if (r.source === source && r.via === via) return;
  reasons.push(area ? { source, via, area } : { source, via });
}
