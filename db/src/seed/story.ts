import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import {
  accessPackages,
  clients,
  consentTemplates,
  evidenceCodeContexts,
  evidenceCodes,
  packageResources,
  packageRoles,
  parties,
  policyRules,
  resources,
  roleAssignments,
  roles,
  serviceContexts,
  type LegalBasisJson,
  type SubjectKind,
} from '../schema/index';
import { story } from '../story';

type IdOf = (key: string) => string;

/**
 * The story's persons and organisations (main units before subunits, which point at them), keyed by number: a party
 * already there keeps its id (random, given at its first insert) and gets its name refreshed. Returns the ids by key.
 */
async function seedStoryParties(tx: Db): Promise<IdOf> {
  const ids = new Map<string, string>();
  const idOf: IdOf = (key) => {
    const id = ids.get(key);
    if (!id) throw new Error(`story.json refers to unknown party key ${key}`);
    return id;
  };
  const persons = await tx
    .insert(parties)
    .values(
      story.persons.map((p) => ({
        type: 'PERSON' as const,
        name: p.name,
        nationalIdentityNumber: p.nationalIdentityNumber,
        birthDate: p.birthDate,
        dateOfDeath: 'dateOfDeath' in p ? p.dateOfDeath : null,
      })),
    )
    .onConflictDoUpdate({ target: parties.nationalIdentityNumber, set: { name: sql`excluded.name`, dateOfDeath: sql`excluded.date_of_death` } })
    .returning({ id: parties.id, number: parties.nationalIdentityNumber });
  const keyOfNumber = new Map<string, string>([
    ...story.persons.map((p) => [p.nationalIdentityNumber, p.key] as const),
    ...story.organizations.map((o) => [o.organizationNumber, o.key] as const),
  ]);
  const remember = (rows: { id: string; number: string | null }[]) => rows.forEach((r) => ids.set(keyOfNumber.get(r.number!)!, r.id));
  remember(persons);
  const mains = story.organizations.filter((o) => !('parent' in o));
  const subs = story.organizations.filter((o) => 'parent' in o);
  for (const group of [mains, subs]) {
    const rows = await tx
      .insert(parties)
      .values(
        group.map((o) => ({
          type: 'ORGANIZATION' as const,
          name: o.name,
          organizationNumber: o.organizationNumber,
          organizationForm: o.form,
          isPublic: 'public' in o && o.public === true,
          parentId: 'parent' in o && o.parent ? idOf(o.parent) : null,
        })),
      )
      .onConflictDoUpdate({ target: parties.organizationNumber, set: { name: sql`excluded.name`, isPublic: sql`excluded.is_public` } })
      .returning({ id: parties.id, number: parties.organizationNumber });
    remember(rows);
  }
  return idOf;
}

/** Writes the story data; running it again changes nothing (names are refreshed from the file). */
export async function seedStory(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const idOf = await seedStoryParties(tx as unknown as Db);
    await tx
      .insert(roles)
      .values(
        story.roles.map((r) => ({ code: r.code, urn: r.urn, name: r.name, provider: r.provider as 'ER' | 'FREG' | 'ADVOKATTILSYNET' | 'ALTINN' })),
      )
      .onConflictDoUpdate({ target: roles.code, set: { name: sql`excluded.name`, urn: sql`excluded.urn` } });
    await tx
      .insert(roleAssignments)
      .values(story.roleAssignments.map((a) => ({ fromId: idOf(a.from), toId: idOf(a.to), roleCode: a.role })))
      .onConflictDoNothing();
    await seedCatalogue(tx as unknown as Db, idOf);
    await seedEvidenceCatalogue(tx as unknown as Db, idOf);
    await tx
      .insert(clients)
      .values(
        story.clients.map((c) => ({
          id: c.key,
          organizationId: idOf(c.organization),
          redirectUris: c.redirectUris,
          jwks: 'jwks' in c ? c.jwks : null,
        })),
      )
      .onConflictDoUpdate({
        target: clients.id,
        set: { organizationId: sql`excluded.organization_id`, redirectUris: sql`excluded.redirect_uris`, jwks: sql`excluded.jwks` },
      });
  });
}

/** `person` / `organization` in the story, as the party types of the register. */
const subjectKinds = (list: readonly string[]): SubjectKind[] => list.map((s) => s.toUpperCase() as SubjectKind);

/** Access packages, resources, their policies and consent templates. */
async function seedCatalogue(tx: Db, idOf: IdOf): Promise<void> {
  await tx
    .insert(consentTemplates)
    .values(story.consentTemplates)
    .onConflictDoUpdate({ target: consentTemplates.id, set: { title: sql`excluded.title`, text: sql`excluded.text` } });
  await tx
    .insert(accessPackages)
    .values(
      story.accessPackages.map((p) => ({
        urn: p.urn,
        name: p.name,
        delegable: p.delegable,
        administers: 'administers' in p && p.administers === true,
        clientPackage: 'clientPackage' in p && p.clientPackage === true,
        powerOfAttorney: 'powerOfAttorney' in p && p.powerOfAttorney === true,
      })),
    )
    .onConflictDoUpdate({
      target: accessPackages.urn,
      set: {
        name: sql`excluded.name`,
        delegable: sql`excluded.delegable`,
        administers: sql`excluded.administers`,
        clientPackage: sql`excluded.client_package`,
        powerOfAttorney: sql`excluded.power_of_attorney`,
      },
    });
  await tx
    .insert(packageRoles)
    .values(story.accessPackages.flatMap((p) => p.grantedByRoles.map((roleCode) => ({ packageUrn: p.urn, roleCode }))))
    .onConflictDoNothing();
  await tx
    .insert(resources)
    .values(
      story.resources.map((r) => ({
        id: r.id,
        ownerId: idOf(r.owner),
        type: r.type as 'SERVICE' | 'CONSENT' | 'PUBLIC',
        title: r.title,
        actions: r.actions,
        delegable: 'delegable' in r && r.delegable === true,
        minimumAuthenticationLevel: 'minimumAuthenticationLevel' in r ? r.minimumAuthenticationLevel : null,
        consentTemplate: 'consentTemplate' in r ? r.consentTemplate : null,
        consentMetadata: 'consentMetadata' in r ? r.consentMetadata : null,
        oneTimeConsent: 'oneTimeConsent' in r && r.oneTimeConsent === true,
      })),
    )
    .onConflictDoNothing();
  const resourceActions = new Map(story.resources.map((r) => [r.id, r.actions]));
  const links = story.accessPackages.flatMap((p) =>
    ((p as { resources?: string[] }).resources ?? []).map((resourceId) => ({ packageUrn: p.urn, resourceId })),
  );
  await tx.insert(packageResources).values(links).onConflictDoNothing();
  // A package grants every action of each of its resources; a resource's own policy names roles directly.
  const rules = [
    ...links.flatMap(({ packageUrn, resourceId }) =>
      resourceActions.get(resourceId)!.map((action) => ({ resourceId, subjectKind: 'PACKAGE' as const, subject: packageUrn, action })),
    ),
    ...story.resources.flatMap((r) =>
      ((r as { policy?: { roles: string[]; actions: string[] }[] }).policy ?? []).flatMap((rule) =>
        rule.roles.flatMap((role) => rule.actions.map((action) => ({ resourceId: r.id, subjectKind: 'ROLE' as const, subject: role, action }))),
      ),
    ),
  ];
  await tx.insert(policyRules).values(rules).onConflictDoNothing();
}

/** Service contexts and evidence codes (after resources: each code names the resource its consent covers). */
async function seedEvidenceCatalogue(tx: Db, idOf: IdOf): Promise<void> {
  await tx
    .insert(serviceContexts)
    .values(
      story.serviceContexts.map((c) => ({
        id: c.id,
        name: c.name,
        requestorMustBe: c.requestorMustBe.toUpperCase() as 'ANY' | 'PUBLIC',
        subjects: subjectKinds((c as { subjects?: string[] }).subjects ?? ['person', 'organization']),
      })),
    )
    .onConflictDoUpdate({
      target: serviceContexts.id,
      set: { name: sql`excluded.name`, requestorMustBe: sql`excluded.requestor_must_be`, subjects: sql`excluded.subjects` },
    });
  const titles = new Map(story.resources.map((r) => [r.id, r.title]));
  await tx
    .insert(evidenceCodes)
    .values(
      story.evidenceCodes.map((c) => ({
        name: c.name,
        description: titles.get(c.resource) ?? null,
        sourceId: idOf(c.source),
        sourceKey: c.source,
        requirement: c.requirement as 'OPEN' | 'LEGAL_BASIS' | 'CONSENT' | 'LEGAL_BASIS_OR_CONSENT',
        resourceId: c.resource,
        values: c.values,
        parameters: 'parameters' in c ? c.parameters : [],
        legalBases: ((c as { legalBases?: { id: string; title: string; subjects: string[] }[] }).legalBases ?? []).map((b): LegalBasisJson => ({
          id: b.id,
          title: b.title,
          subjects: subjectKinds(b.subjects),
        })),
      })),
    )
    .onConflictDoUpdate({
      target: evidenceCodes.name,
      set: {
        description: sql`excluded.description`,
        values: sql`excluded.values`,
        parameters: sql`excluded.parameters`,
        legalBases: sql`excluded.legal_bases`,
      },
    });
  await tx
    .insert(evidenceCodeContexts)
    .values(story.evidenceCodes.flatMap((c) => c.serviceContexts.map((serviceContextId) => ({ code: c.name, serviceContextId }))))
    .onConflictDoNothing();
}
