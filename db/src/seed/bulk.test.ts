import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../client';
import { migrate } from '../migrate';
import { partyCounts } from '../party-counts';
import { parties, roleAssignments } from '../schema/index';
import { story } from '../story';
import { seedSynthetic } from './bulk';
import { generateSynthetic } from './generate';
import { seedStory } from './story';

const OPTIONS = { persons: 600, organizations: 150, seed: 7, batchSize: 250 };

let database: Database;

const counts = () => partyCounts(database);

describe('seedSynthetic on the embedded database', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    database = createDatabase({ pgliteDir: 'memory://' });
    await migrate(database);
    await seedStory(database.db);
  }, 30_000);
  afterAll(() => database?.close());

  const batches = [...generateSynthetic(OPTIONS)];
  const expected = {
    persons: OPTIONS.persons,
    organizations: OPTIONS.organizations,
    roleAssignments: batches.filter((b) => b.table === 'roleAssignments').reduce((n, b) => n + b.rows.length, 0),
  };

  it('writes every generated row, one statement per batch, reporting progress up to the total', async () => {
    const before = await counts();
    const progress: [number, number][] = [];
    const result = await seedSynthetic(database, OPTIONS, (done, total) => progress.push([done, total]));

    expect(result.generated).toEqual(expected);
    expect(result.inserted).toEqual(expected);
    expect(result.statements).toBe(batches.length);
    const total = expected.persons + expected.organizations + expected.roleAssignments;
    expect(progress[0]).toEqual([0, total]);
    expect(progress.at(-1)).toEqual([total, total]);

    const after = await counts();
    expect(after).toEqual({
      persons: before.persons + expected.persons,
      organizations: before.organizations + expected.organizations,
      roleAssignments: before.roleAssignments + expected.roleAssignments,
    });
  });

  it('stores the rows as generated (subunits linked to their main unit, snake_case columns filled)', async () => {
    const organizations = batches.flatMap((b) => (b.table === 'organizations' ? b.rows : []));
    const sub = organizations.find((o) => o.parentNumber !== null)!;
    const main = organizations.find((o) => o.organizationNumber === sub.parentNumber)!;
    const [row] = await database.db.select().from(parties).where(eq(parties.id, sub.id));
    expect(row).toMatchObject({ organizationNumber: sub.organizationNumber, organizationForm: 'BEDR', parentId: main.id, name: sub.name });
    const person = batches.find((b) => b.table === 'persons')!.rows[0]!;
    const [personRow] = await database.db.select().from(parties).where(eq(parties.id, person.id));
    expect(personRow).toMatchObject({ type: 'PERSON', nationalIdentityNumber: person.nationalIdentityNumber, birthDate: person.birthDate });
  });

  it('is idempotent: the same seed again adds nothing', async () => {
    const before = await counts();
    const result = await seedSynthetic(database, OPTIONS);
    expect(result.inserted).toEqual({ persons: 0, organizations: 0, roleAssignments: 0 });
    expect(await counts()).toEqual(before);
    // The story is untouched as well.
    const [kari] = await database.db.select().from(parties).where(eq(parties.nationalIdentityNumber, story.persons[2]!.nationalIdentityNumber));
    expect(kari?.name).toBe('KARI NORDMANN');
  });

  it('links roles and subunits to the ids the database holds for their numbers, even when another seed wrote them first', async () => {
    const other = { persons: 40, organizations: 30, seed: 9 };
    const rows = [...generateSynthetic(other)];
    const orgs = rows.flatMap((b) => (b.table === 'organizations' ? b.rows : []));
    const sub = orgs.find((o) => o.parentNumber !== null)!;
    const role = rows
      .flatMap((b) => (b.table === 'roleAssignments' ? b.rows : []))
      .find((r) => r.fromNumber === sub.parentNumber && r.roleCode === 'DAGL')!;
    const person = rows.flatMap((b) => (b.table === 'persons' ? b.rows : [])).find((p) => p.nationalIdentityNumber === role.toNumber)!;
    // As if an earlier run had written the main unit and the general manager under ids of its own.
    const [main] = await database.db
      .insert(parties)
      .values({ type: 'ORGANIZATION', name: 'FØRST AS', organizationNumber: sub.parentNumber! })
      .returning();
    const [manager] = await database.db
      .insert(parties)
      .values({ type: 'PERSON', name: 'FØRST', nationalIdentityNumber: person.nationalIdentityNumber })
      .returning();
    await seedSynthetic(database, other);
    const [subRow] = await database.db.select().from(parties).where(eq(parties.organizationNumber, sub.organizationNumber));
    expect(subRow?.parentId).toBe(main!.id);
    const held = await database.db.select().from(roleAssignments).where(eq(roleAssignments.fromId, main!.id));
    expect(held).toContainEqual(expect.objectContaining({ toId: manager!.id, roleCode: 'DAGL' }));
  });

  it('adds another seed’s data next to the first', async () => {
    const before = await counts();
    const result = await seedSynthetic(database, { persons: 50, organizations: 10, seed: 8 });
    expect(result.inserted.persons).toBe(50);
    expect(result.inserted.organizations).toBe(10);
    expect((await counts()).persons).toBe(before.persons + 50);
  });
});
