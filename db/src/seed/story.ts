import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { partyUuid } from '../identifiers';
import { parties, roleAssignments, roles } from '../schema/index';
import { story } from '../story';

const idOfKey = new Map<string, string>([
  ...story.persons.map((p) => [p.key, partyUuid(p.nationalIdentityNumber)] as const),
  ...story.organizations.map((o) => [o.key, partyUuid(o.organizationNumber)] as const),
]);

function idOf(key: string): string {
  const id = idOfKey.get(key);
  if (!id) throw new Error(`story.json refers to unknown party key ${key}`);
  return id;
}

/** Writes the story data; running it again changes nothing (names are refreshed from the file). */
export async function seedStory(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const mains = story.organizations.filter((o) => !('parent' in o));
    const subs = story.organizations.filter((o) => 'parent' in o);
    const rows = [
      ...story.persons.map((p) => ({
        id: idOf(p.key),
        type: 'PERSON' as const,
        name: p.name,
        nationalIdentityNumber: p.nationalIdentityNumber,
        birthDate: p.birthDate,
      })),
      ...[...mains, ...subs].map((o) => ({
        id: idOf(o.key),
        type: 'ORGANIZATION' as const,
        name: o.name,
        organizationNumber: o.organizationNumber,
        organizationForm: o.form,
        isPublic: 'public' in o && o.public === true,
        parentId: 'parent' in o && o.parent ? idOf(o.parent) : null,
      })),
    ];
    await tx
      .insert(parties)
      .values(rows)
      .onConflictDoUpdate({ target: parties.id, set: { name: sql`excluded.name`, isPublic: sql`excluded.is_public` } });
    await tx
      .insert(roles)
      .values(story.roles.map((r) => ({ code: r.code, urn: r.urn, name: r.name, provider: r.provider as 'ER' | 'FREG' | 'ALTINN' })))
      .onConflictDoUpdate({ target: roles.code, set: { name: sql`excluded.name`, urn: sql`excluded.urn` } });
    await tx
      .insert(roleAssignments)
      .values(story.roleAssignments.map((a) => ({ fromId: idOf(a.from), toId: idOf(a.to), roleCode: a.role })))
      .onConflictDoNothing();
  });
}
