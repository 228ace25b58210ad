import type { SQL } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { acceptedConsentRights, INSTANCE_METADATA_KEY, type ConsentedRight } from '@hub/db/consents/read';
import { activeDelegationRows, type DelegationParties } from '@hub/db/delegations/read';
import { parentsOf } from '@hub/db/parties/read';
import { rolesHeldAtVersion } from '@hub/db/roles/read';
import { catalogueAt, type Catalogue, type ResourceFacts } from './catalogue';

export type { Catalogue, ResourceFacts };

export interface DelegationFacts {
  id: string;
  fromId: string;
  toId: string;
  resourceId: string | null;
  packageUrn: string | null;
  actions: string[] | null;
  facilitatorId: string | null;
}

/** Everything the evaluation of a batch needs, loaded with a fixed number of statements whatever its size. */
export interface Facts {
  /** Known parties → their main unit (null for main units and persons). */
  parentOf: Map<string, string | null>;
  /** The catalogue these facts were read against (its maps are the ones below; shared, never to be changed). */
  catalogue: Catalogue;
  resources: Map<string, ResourceFacts>;
  roleUrn: Map<string, string>;
  /** role code → packages it grants. */
  packagesOfRole: Map<string, Set<string>>;
  packageAdministers: Set<string>;
  /** `${toId}|${fromId}` → role codes. */
  rolesHeld: Map<string, Set<string>>;
  /** Active (unrevoked, unexpired, still backed by the facilitator's role) delegations by `${toId}|${fromId}`. */
  delegations: Map<string, DelegationFacts[]>;
  /** Accepted, unexpired consents by `${recipientId}|${fromId}`: consent id and the rights it gives. */
  consents: Map<string, ConsentFacts[]>;
}

/** One right of an accepted consent, as the decision point uses it. */
export interface ConsentedRightFacts {
  resourceId: string;
  /** What it lets the recipient do: `consent` (the data) or acts such as `sign`, `submit`. */
  actions: string[];
  /** The one instance (a form) it is for, from the metadata key `skjema`; null: any. */
  instance: string | null;
}

export interface ConsentFacts {
  consentId: string;
  rights: ConsentedRightFacts[];
}

export const pairKey = (toId: string, fromId: string) => `${toId}|${fromId}`;

function group<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** What a batch asks about. */
export interface FactsAsk {
  subjectIds: Iterable<string>;
  partyIds: Iterable<string>;
  /** Each asked party's main unit (null for none), when the caller has the party rows already: saves a statement. */
  parentOf?: ReadonlyMap<string, string | null>;
  /** False when no request is about the action `consent`: consents are not read at all. */
  consents?: boolean;
  /**
   * Requests a consent to act might answer: when consents were not read and one of these is an act (not `consent`) on
   * a consent resource, they are read after the catalogue (the fourth statement).
   */
  acts?: readonly { resourceId: string; action: string }[];
}

/**
 * Loads the facts for these subjects and parties, as of `now`: at most four statements whatever the batch's size
 * (the parties' main units unless given, the roles held with the catalogue's version, active delegations, accepted
 * consents), all but the first in parallel. The catalogue comes from memory unless its version moved.
 */
export async function loadFacts(db: Db, ask: FactsAsk, now: Date): Promise<Facts> {
  const subjectIds = [...new Set(ask.subjectIds)];
  const askedParties = [...new Set(ask.partyIds)];
  const parentOf = knownParents(askedParties, ask.parentOf) ?? new Map((await parentsOf(db, askedParties)).map((p) => [p.id, p.parentId]));
  const targets = [...parentOf.keys()];
  for (const parent of parentOf.values()) if (parent && !parentOf.has(parent)) targets.push(parent);
  const asking = subjectIds.length > 0 && targets.length > 0;
  const [{ version, held }, active, consentRows] = await Promise.all([
    rolesHeldAtVersion(db, asking ? subjectIds : [], asking ? targets : []),
    asking ? activeDelegationRows(db, { toIds: subjectIds, fromIds: targets }, now) : [],
    asking && ask.consents !== false ? acceptedConsentRights(db, { recipientIds: subjectIds, fromIds: [...parentOf.keys()] }, now) : [],
  ]);
  const catalogue = await catalogueAt(db, version);
  const actsOnConsent = ask.acts?.some((a) => a.action !== 'consent' && catalogue.resources.get(a.resourceId)?.consent === true);
  const consented =
    asking && ask.consents === false && actsOnConsent
      ? await acceptedConsentRights(db, { recipientIds: subjectIds, fromIds: [...parentOf.keys()] }, now)
      : consentRows;
  return {
    parentOf,
    catalogue,
    resources: catalogue.resources,
    roleUrn: catalogue.roleUrn,
    packagesOfRole: catalogue.packagesOfRole,
    packageAdministers: catalogue.packageAdministers,
    rolesHeld: rolesByPair(held),
    delegations: group(active.map(delegationFacts), (d) => pairKey(d.toId, d.fromId)),
    consents: consentsByPair(consented),
  };
}

/** (holder, party) → the codes of the roles the holder has for the party. */
function rolesByPair(held: readonly { toId: string; fromId: string; roleCode: string }[]): Facts['rolesHeld'] {
  const rolesHeld = new Map<string, Set<string>>();
  for (const r of held) {
    const k = pairKey(r.toId, r.fromId);
    let set = rolesHeld.get(k);
    if (!set) rolesHeld.set(k, (set = new Set()));
    set.add(r.roleCode);
  }
  return rolesHeld;
}

/** (recipient, party) → the consents the party gave it, each with its rights. Both the recipient and the supplier handling it for them may rely on a consent. */
function consentsByPair(rows: readonly ConsentedRight[]): Facts['consents'] {
  const consents = new Map<string, ConsentFacts[]>();
  for (const c of rows) {
    for (const recipient of [c.toId, c.handledById]) {
      if (!recipient) continue;
      const k = pairKey(recipient, c.fromId);
      let list = consents.get(k);
      if (!list) consents.set(k, (list = []));
      let entry = list.find((e) => e.consentId === c.consentId);
      if (!entry) list.push((entry = { consentId: c.consentId, rights: [] }));
      entry.rights.push({ resourceId: c.resourceId, actions: c.actions, instance: c.metadata[INSTANCE_METADATA_KEY] ?? null });
    }
  }
  return consents;
}

/** The given main units of the asked parties, keeping only the parties asked; null when not given. */
function knownParents(asked: string[], given: ReadonlyMap<string, string | null> | undefined): Map<string, string | null> | null {
  if (!given) return null;
  const map = new Map<string, string | null>();
  for (const id of asked) if (given.has(id)) map.set(id, given.get(id)!);
  return map;
}

/**
 * Delegations between these parties (or, for the delegations domain itself, matching a condition on its own table)
 * that count at `now`: not revoked, not past `validTo`, and — for a client delegation — still backed by its
 * facilitator holding a role that grants the package for `from`. One statement: the backing is judged in SQL.
 */
export async function activeDelegations(db: Db, where: DelegationParties | SQL, now: Date): Promise<DelegationFacts[]> {
  return (await activeDelegationRows(db, where, now)).map(delegationFacts);
}

const delegationFacts = (d: DelegationFacts): DelegationFacts => ({
  id: d.id,
  fromId: d.fromId,
  toId: d.toId,
  resourceId: d.resourceId,
  packageUrn: d.packageUrn,
  actions: d.actions,
  facilitatorId: d.facilitatorId,
});
