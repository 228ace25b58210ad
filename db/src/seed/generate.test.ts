import { describe, expect, it } from 'vitest';
import { birthDateOf, nationalIdentityNumberProblem, organizationNumberProblem } from '../identifiers';
import { legacyPartyUuid } from '../legacy-party-uuid';
import { story } from '../story';
import {
  generateSynthetic,
  type SyntheticBatch,
  type SyntheticOptions,
  type SyntheticOrganization,
  type SyntheticPerson,
  type SyntheticRoleAssignment,
} from './generate';

function collect(options: SyntheticOptions) {
  const batches: SyntheticBatch[] = [...generateSynthetic(options)];
  const persons: SyntheticPerson[] = [];
  const organizations: SyntheticOrganization[] = [];
  const roles: SyntheticRoleAssignment[] = [];
  for (const b of batches) {
    if (b.table === 'persons') persons.push(...b.rows);
    else if (b.table === 'organizations') organizations.push(...b.rows);
    else roles.push(...b.rows);
  }
  return { batches, persons, organizations, roles };
}

const OPTIONS = { persons: 2_000, organizations: 1_000, seed: 42, batchSize: 500 };
const data = collect(OPTIONS);
const mains = data.organizations.filter((o) => o.parentNumber === null);
const subs = data.organizations.filter((o) => o.parentNumber !== null);

describe('generateSynthetic', () => {
  it('gives identical output for the same seed', () => {
    expect(collect(OPTIONS)).toEqual(data);
  });

  it('gives different output for a different seed', () => {
    const other = collect({ ...OPTIONS, seed: 43 });
    expect(other.persons.map((p) => p.nationalIdentityNumber)).not.toEqual(data.persons.map((p) => p.nationalIdentityNumber));
    expect(other.organizations.map((o) => o.organizationNumber)).not.toEqual(data.organizations.map((o) => o.organizationNumber));
  });

  it('generates exactly the requested counts, subunits included in organisations', () => {
    expect(data.persons).toHaveLength(OPTIONS.persons);
    expect(data.organizations).toHaveLength(OPTIONS.organizations);
    const small = collect({ persons: 3, organizations: 7, seed: 1 });
    expect([small.persons.length, small.organizations.length]).toEqual([3, 7]);
    expect(collect({ persons: 0, organizations: 0, seed: 1 }).batches).toEqual([]);
  });

  it('yields batches of at most batchSize rows, persons then organisations then roles, each carrying the run total', () => {
    const order = data.batches.map((b) => b.table).filter((t, i, all) => all[i - 1] !== t);
    expect(order).toEqual(['persons', 'organizations', 'roleAssignments']);
    const total = data.persons.length + data.organizations.length + data.roles.length;
    for (const batch of data.batches) {
      expect(batch.rows.length).toBeGreaterThan(0);
      expect(batch.rows.length).toBeLessThanOrEqual(OPTIONS.batchSize);
      expect(batch.total).toBe(total);
    }
  });

  it('gives persons valid synthetic national identity numbers (month + 80) born 1930–2010', () => {
    for (const p of data.persons) {
      expect(nationalIdentityNumberProblem(p.nationalIdentityNumber), p.nationalIdentityNumber).toBeNull();
      expect(Number(p.nationalIdentityNumber.slice(2, 4))).toBeGreaterThan(80);
      expect(birthDateOf(p.nationalIdentityNumber)).toBe(p.birthDate);
      expect(p.birthDate >= '1930-01-01' && p.birthDate <= '2010-12-31', p.birthDate).toBe(true);
      expect(p.name).toMatch(/^[A-ZÆØÅ]+( [A-ZÆØÅ]+)+$/);
    }
  });

  it('gives organisations valid organisation numbers starting with 3, clear of the story block', () => {
    for (const o of data.organizations) {
      expect(organizationNumberProblem(o.organizationNumber), o.organizationNumber).toBeNull();
      expect(o.organizationNumber >= '320000000' && o.organizationNumber <= '399999999', o.organizationNumber).toBe(true);
    }
    for (const m of mains) {
      expect(m.organizationForm).toBe('AS');
      expect(m.name).toMatch(/^[A-ZÆØÅ]+ [A-ZÆØÅ]+ AS$/);
    }
  });

  it('draws ids that are random-looking version 4 UUIDs, not derived from the numbers', () => {
    const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const p of data.persons) {
      expect(p.id).toMatch(V4);
      expect(p.id).not.toBe(legacyPartyUuid(p.nationalIdentityNumber));
    }
    for (const o of data.organizations) expect(o.id).not.toBe(legacyPartyUuid(o.organizationNumber));
  });

  it('keeps every number and id unique, and away from the story', () => {
    const fnrs = data.persons.map((p) => p.nationalIdentityNumber);
    const orgnrs = data.organizations.map((o) => o.organizationNumber);
    const ids = [...data.persons, ...data.organizations].map((p) => p.id);
    expect(new Set(fnrs).size).toBe(fnrs.length);
    expect(new Set(orgnrs).size).toBe(orgnrs.length);
    expect(new Set(ids).size).toBe(ids.length);
    const storyNumbers = new Set([...story.persons.map((p) => p.nationalIdentityNumber), ...story.organizations.map((o) => o.organizationNumber)]);
    expect([...fnrs, ...orgnrs].filter((n) => storyNumbers.has(n))).toEqual([]);
  });

  it('gives about one in five main units 1–3 subunits (BEDR) that follow and point at their main unit', () => {
    const position = new Map(data.organizations.map((o, i) => [o.id, i]));
    const mainByNumber = new Map(mains.map((m) => [m.organizationNumber, m]));
    const perMain = new Map<string, number>();
    for (const s of subs) {
      const main = mainByNumber.get(s.parentNumber!);
      expect(main, `parent of ${s.organizationNumber}`).toBeDefined();
      expect(position.get(main!.id)!).toBeLessThan(position.get(s.id)!);
      expect(s.organizationForm).toBe('BEDR');
      expect(s.name.startsWith(`${main!.name} AVD `)).toBe(true);
      perMain.set(main!.id, (perMain.get(main!.id) ?? 0) + 1);
    }
    for (const n of perMain.values()) expect(n >= 1 && n <= 3).toBe(true);
    const share = perMain.size / mains.length;
    expect(share).toBeGreaterThan(0.12);
    expect(share).toBeLessThan(0.28);
  });

  it('gives every main unit one DAGL and one LEDE among the persons, and organisations as REGN/REVI', () => {
    const personNumbers = new Set(data.persons.map((p) => p.nationalIdentityNumber));
    const mainNumbers = new Set(mains.map((m) => m.organizationNumber));
    const keys = data.roles.map((r) => `${r.fromNumber} ${r.toNumber} ${r.roleCode}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of data.roles) {
      expect(mainNumbers.has(r.fromNumber)).toBe(true);
      if (r.roleCode === 'REGN' || r.roleCode === 'REVI') {
        expect(mainNumbers.has(r.toNumber)).toBe(true);
        expect(r.toNumber).not.toBe(r.fromNumber);
      } else {
        expect(personNumbers.has(r.toNumber)).toBe(true);
      }
    }
    for (const code of ['DAGL', 'LEDE'] as const) {
      const holders = data.roles.filter((r) => r.roleCode === code);
      expect(holders).toHaveLength(mains.length);
      expect(new Set(holders.map((r) => r.fromNumber)).size).toBe(mains.length);
    }
    for (const code of ['MEDL', 'REGN', 'REVI'] as const) {
      const n = new Set(data.roles.filter((r) => r.roleCode === code).map((r) => r.fromNumber)).size;
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThan(mains.length);
    }
  });

  it('assigns no person roles when there are no persons', () => {
    const { roles } = collect({ persons: 0, organizations: 50, seed: 1 });
    expect(roles.every((r) => r.roleCode === 'REGN' || r.roleCode === 'REVI')).toBe(true);
  });

  it('rejects impossible options', () => {
    expect(() => [...generateSynthetic({ persons: -1, organizations: 0, seed: 1 })]).toThrow(RangeError);
    expect(() => [...generateSynthetic({ persons: 1.5, organizations: 0, seed: 1 })]).toThrow(RangeError);
    expect(() => [...generateSynthetic({ persons: 1, organizations: 0, seed: 1, batchSize: 0 })]).toThrow(RangeError);
  });
});
