import { completeNationalIdentityNumber, completeOrganizationNumber } from '../identifiers';
import { story } from '../story';

// Deterministic synthetic bulk data: persons with synthetic national identity numbers (month + 80), limited
// companies (AS) with some subunits (BEDR), and the register (ER) roles that tie them together. The same
// options always give the same rows, so seeding is repeatable. Ids are drawn from their own PRNG stream, never
// computed from a number (a party's uuid must not reveal it); references also carry the number they point at, so
// that the database can resolve them to the id it stored for that number (which, when another seed wrote the same
// number first, is not the one drawn here).

export interface SyntheticOptions {
  persons: number;
  /** Main units and subunits together. */
  organizations: number;
  seed: number;
  /** Rows per yielded batch; default 5,000. */
  batchSize?: number;
}

export interface SyntheticPerson {
  id: string;
  type: 'PERSON';
  name: string;
  nationalIdentityNumber: string;
  birthDate: string;
}

export interface SyntheticOrganization {
  id: string;
  type: 'ORGANIZATION';
  name: string;
  organizationNumber: string;
  organizationForm: 'AS' | 'BEDR';
  isPublic: false;
  /** The main unit's organisation number for a subunit; null for main units. */
  parentNumber: string | null;
}

export interface SyntheticRoleAssignment {
  /** The organisation number of `from`. */
  fromNumber: string;
  /** The national identity number or organisation number of `to`. */
  toNumber: string;
  roleCode: 'DAGL' | 'LEDE' | 'MEDL' | 'REGN' | 'REVI';
}

export type SyntheticBatch = { total: number } & (
  | { table: 'persons'; rows: SyntheticPerson[] }
  | { table: 'organizations'; rows: SyntheticOrganization[] }
  | { table: 'roleAssignments'; rows: SyntheticRoleAssignment[] }
);

/** mulberry32: a tiny, fast, seedable 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Independent PRNG streams per concern, so that e.g. more organisations do not change the persons. */
function stream(seed: number, purpose: number): () => number {
  const mix = Math.imul((seed >>> 0) ^ Math.imul(purpose, 0x9e3779b9), 0x85ebca6b) ^ 0xc2b2ae35;
  return mulberry32(mix);
}

type Rng = () => number;

/** A random-looking version 4 UUID drawn from `rng`: deterministic for a seed, unrelated to any number. */
function drawUuid(rng: Rng): string {
  const bytes = Buffer.alloc(16);
  for (let i = 0; i < 16; i += 4) bytes.writeUInt32BE(Math.floor(rng() * 4294967296), i);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, list: readonly T[]): T => list[int(rng, list.length)]!;
const chance = (rng: Rng, p: number) => rng() < p;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

const FEMALE_FIRST = [
  'ANNE',
  'INGER',
  'KARI',
  'MARIT',
  'INGRID',
  'LIV',
  'EVA',
  'BERIT',
  'ASTRID',
  'BJØRG',
  'HILDE',
  'ANNA',
  'SOLVEIG',
  'MARIANNE',
  'RANDI',
  'IDA',
  'NINA',
  'ELLEN',
  'HEGE',
  'SILJE',
  'NORA',
  'EMMA',
  'SARA',
  'INGEBORG',
  'SIRI',
  'TONE',
  'KRISTIN',
  'GURO',
  'MAJA',
  'THEA',
  'LINE',
  'ÅSE',
  'SIGRID',
  'TURID',
  'RAGNHILD',
  'MARTE',
  'JULIE',
  'HANNE',
] as const;
const MALE_FIRST = [
  'JAN',
  'PER',
  'BJØRN',
  'OLE',
  'LARS',
  'KJELL',
  'KNUT',
  'ARNE',
  'SVEIN',
  'THOMAS',
  'HANS',
  'GEIR',
  'TOR',
  'MORTEN',
  'TERJE',
  'ODD',
  'ERIK',
  'MARTIN',
  'ANDREAS',
  'JON',
  'HÅKON',
  'MAGNUS',
  'JONAS',
  'EMIL',
  'SINDRE',
  'ESPEN',
  'ARIAN',
  'TROND',
  'RUNE',
  'EINAR',
  'SIGURD',
  'HALVARD',
  'ØYVIND',
  'STIAN',
  'VEGARD',
  'ASBJØRN',
  'TORE',
  'FREDRIK',
] as const;
const LAST = [
  'HANSEN',
  'JOHANSEN',
  'OLSEN',
  'LARSEN',
  'ANDERSEN',
  'PEDERSEN',
  'NILSEN',
  'KRISTIANSEN',
  'JENSEN',
  'KARLSEN',
  'JOHNSEN',
  'PETTERSEN',
  'ERIKSEN',
  'BERG',
  'HAUGEN',
  'HAGEN',
  'JOHANNESSEN',
  'ANDREASSEN',
  'JACOBSEN',
  'DAHL',
  'JØRGENSEN',
  'HALVORSEN',
  'HENRIKSEN',
  'LUND',
  'SØRENSEN',
  'JAKOBSEN',
  'MOEN',
  'GUNDERSEN',
  'IVERSEN',
  'STRAND',
  'SOLBERG',
  'SVENDSEN',
  'EIDE',
  'KNUTSEN',
  'MARTINSEN',
  'PAULSEN',
  'BAKKEN',
  'KRISTOFFERSEN',
  'MATHISEN',
  'LIE',
  'AMUNDSEN',
  'NGUYEN',
  'RASMUSSEN',
  'AHMED',
  'NORDMANN',
  'TRANA',
  'LØKEN',
  'BRATTLI',
  'FJELD',
  'ØDEGÅRD',
  'AAS',
] as const;
const COMPANY_FIRST = [
  'NORDLYS',
  'FJORD',
  'FJELL',
  'KYST',
  'VESTLANDS',
  'TRØNDER',
  'NORD',
  'SØR',
  'ØST',
  'MIDT',
  'POLAR',
  'STORM',
  'BØLGE',
  'SKOG',
  'GRAN',
  'BJØRK',
  'FURU',
  'ELG',
  'ØRN',
  'REV',
  'HAVØRN',
  'VIKING',
  'BREDDE',
  'SOLSIKKE',
  'STEIN',
  'SMÅBY',
  'BYGDE',
  'HAVBRUK',
  'LYNGEN',
  'TANA',
  'VARANGER',
  'HARDANGER',
  'NUMEDAL',
  'VALDRES',
  'TOTEN',
  'HEDMARK',
  'RØROS',
  'ALTA',
  'BODØ',
  'MOLDE',
  'FØRDE',
  'SKIEN',
  'ARENDAL',
  'HAMAR',
  'GJØVIK',
  'ÅLESUND',
  'TROMSØ',
  'LOFOTEN',
  'NAMSOS',
] as const;
const COMPANY_SECOND = [
  'BYGG',
  'TRANSPORT',
  'EIENDOM',
  'CONSULTING',
  'ELEKTRO',
  'RØRLEGGER',
  'MASKIN',
  'DATA',
  'HANDEL',
  'INVEST',
  'HOLDING',
  'MEKANISKE',
  'SNEKKERI',
  'BAKERI',
  'FISK',
  'SJØMAT',
  'MALING',
  'ANLEGG',
  'TAKST',
  'FRISØR',
  'REKLAME',
  'DESIGN',
  'MEDIA',
  'TRELAST',
  'GARTNERI',
  'KIOSK',
  'VERKSTED',
  'UTVIKLING',
  'TEKNIKK',
  'ENERGI',
  'SIKKERHET',
  'HELSE',
  'REGNSKAP',
  'REVISJON',
] as const;
const PLACES = [
  'OSLO',
  'BERGEN',
  'TRONDHEIM',
  'STAVANGER',
  'DRAMMEN',
  'FREDRIKSTAD',
  'KRISTIANSAND',
  'TROMSØ',
  'SANDNES',
  'SARPSBORG',
  'SKIEN',
  'BODØ',
  'ÅLESUND',
  'LARVIK',
  'TØNSBERG',
  'MOSS',
  'HAUGESUND',
  'HAMAR',
  'ARENDAL',
  'GJØVIK',
  'STEINKJER',
  'MOLDE',
  'HARSTAD',
  'LILLEHAMMER',
  'KONGSBERG',
  'NARVIK',
  'ALTA',
  'LEVANGER',
  'HALDEN',
  'MO I RANA',
] as const;

const DAY_MS = 86_400_000;
const FIRST_BIRTH_DAY = Date.UTC(1930, 0, 1) / DAY_MS;
const LAST_BIRTH_DAY = Date.UTC(2010, 11, 31) / DAY_MS;

/** One synthetic national identity number and its birth date, or null when the drawn digits have no control digits. */
function drawNationalIdentityNumber(rng: Rng): { fnr: string; birthDate: string } | null {
  const day = FIRST_BIRTH_DAY + int(rng, LAST_BIRTH_DAY - FIRST_BIRTH_DAY + 1);
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  // Individual numbers 000–499 mean 1900–1999; 500–999 with a year below 40 mean 2000–2039.
  const individual = year < 2000 ? int(rng, 500) : 500 + int(rng, 500);
  const first9 = pad(date.getUTCDate(), 2) + pad(date.getUTCMonth() + 1 + 80, 2) + pad(year % 100, 2) + pad(individual, 3);
  const fnr = completeNationalIdentityNumber(first9);
  return fnr ? { fnr, birthDate: date.toISOString().slice(0, 10) } : null;
}

function personName(rng: Rng, female: boolean): string {
  const firsts = female ? FEMALE_FIRST : MALE_FIRST;
  const first = pick(rng, firsts);
  let name = first;
  if (chance(rng, 0.2)) {
    const middle = pick(rng, firsts);
    if (middle !== first) name += ` ${middle}`;
  }
  return `${name} ${pick(rng, LAST)}`;
}

/** Story numbers, so generated data never takes one of them. */
const storyNumbers = (): Set<string> =>
  new Set([...story.persons.map((p) => p.nationalIdentityNumber), ...story.organizations.map((o) => o.organizationNumber)]);

interface PlannedMain {
  org: SyntheticOrganization;
  kind: 'plain' | 'REGNSKAP' | 'REVISJON';
}

type PlannedRole = { from: SyntheticOrganization; roleCode: SyntheticRoleAssignment['roleCode'] } & (
  { toPerson: number } | { toOrganization: SyntheticOrganization }
);

/** Organisations and the roles in them, referring to persons by index (persons are drawn lazily afterwards). */
function planOrganizations(options: SyntheticOptions, used: Set<string>) {
  const rng = stream(options.seed, 2);
  const ids = stream(options.seed, 3);
  const organizations: SyntheticOrganization[] = [];
  const mains: PlannedMain[] = [];

  const drawOrganizationNumber = (): string => {
    for (;;) {
      // 32000000–39999999: first digit 3 like the story's synthetic numbers, clear of its 310xxxxxx block.
      const orgnr = completeOrganizationNumber(String(32_000_000 + int(rng, 8_000_000)));
      if (orgnr && !used.has(orgnr)) {
        used.add(orgnr);
        return orgnr;
      }
    }
  };

  while (organizations.length < options.organizations) {
    const organizationNumber = drawOrganizationNumber();
    const second = pick(rng, COMPANY_SECOND);
    const main: SyntheticOrganization = {
      id: drawUuid(ids),
      type: 'ORGANIZATION',
      name: `${pick(rng, COMPANY_FIRST)} ${second} AS`,
      organizationNumber,
      organizationForm: 'AS',
      isPublic: false,
      parentNumber: null,
    };
    organizations.push(main);
    mains.push({ org: main, kind: second === 'REGNSKAP' || second === 'REVISJON' ? second : 'plain' });

    if (chance(rng, 0.2)) {
      const wanted = Math.min(1 + int(rng, 3), options.organizations - organizations.length);
      const places = new Set<string>();
      while (places.size < wanted) places.add(pick(rng, PLACES));
      for (const place of places) {
        const number = drawOrganizationNumber();
        organizations.push({
          id: drawUuid(ids),
          type: 'ORGANIZATION',
          name: `${main.name} AVD ${place}`,
          organizationNumber: number,
          organizationForm: 'BEDR',
          isPublic: false,
          parentNumber: main.organizationNumber,
        });
      }
    }
  }

  // Accountants and auditors: preferably the firms named so, otherwise any other main unit.
  const firms = (kind: PlannedMain['kind']) => {
    const named = mains.filter((m) => m.kind === kind).map((m) => m.org);
    return named.length > 0 ? named : mains.map((m) => m.org);
  };
  const accountants = firms('REGNSKAP');
  const auditors = firms('REVISJON');
  const roles: PlannedRole[] = [];
  const persons = options.persons;

  for (const { org } of mains) {
    if (persons > 0) {
      const dagl = int(rng, persons);
      // Small companies often have the same person as general manager and chair.
      const lede = chance(rng, 0.3) ? dagl : int(rng, persons);
      roles.push({ from: org, toPerson: dagl, roleCode: 'DAGL' });
      roles.push({ from: org, toPerson: lede, roleCode: 'LEDE' });
      if (chance(rng, 0.4)) {
        const members = new Set<number>();
        const wanted = 1 + int(rng, 3);
        for (let i = 0; i < wanted; i++) {
          const m = int(rng, persons);
          if (m !== lede) members.add(m);
        }
        for (const m of members) roles.push({ from: org, toPerson: m, roleCode: 'MEDL' });
      }
    }
    if (chance(rng, 0.5)) {
      const regn = pick(rng, accountants);
      if (regn !== org) roles.push({ from: org, toOrganization: regn, roleCode: 'REGN' });
    }
    if (chance(rng, 0.3)) {
      const revi = pick(rng, auditors);
      if (revi !== org) roles.push({ from: org, toOrganization: revi, roleCode: 'REVI' });
    }
  }
  return { organizations, roles };
}

/**
 * Deterministic synthetic data for `seed`, in insertable batches: persons first, then organisations (each main
 * unit before its subunits), then role assignments. Every batch carries the total row count of the whole run.
 */
export function* generateSynthetic(options: SyntheticOptions): Generator<SyntheticBatch> {
  const batchSize = options.batchSize ?? 5_000;
  if (!Number.isInteger(options.persons) || options.persons < 0) throw new RangeError('persons must be a whole number ≥ 0');
  if (!Number.isInteger(options.organizations) || options.organizations < 0) {
    throw new RangeError('organizations must be a whole number ≥ 0');
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a whole number ≥ 1');

  const used = storyNumbers();
  const { organizations, roles } = planOrganizations(options, used);
  const total = options.persons + organizations.length + roles.length;

  const rng = stream(options.seed, 1);
  const ids = stream(options.seed, 4);
  const personNumbers: string[] = new Array(options.persons);
  let batch: SyntheticPerson[] = [];
  for (let i = 0; i < options.persons;) {
    const drawn = drawNationalIdentityNumber(rng);
    if (!drawn || used.has(drawn.fnr)) continue;
    used.add(drawn.fnr);
    const id = drawUuid(ids);
    personNumbers[i++] = drawn.fnr;
    // The third individual digit is odd for men and even for women.
    const female = Number(drawn.fnr[8]) % 2 === 0;
    batch.push({ id, type: 'PERSON', name: personName(rng, female), nationalIdentityNumber: drawn.fnr, birthDate: drawn.birthDate });
    if (batch.length === batchSize) {
      yield { table: 'persons', rows: batch, total };
      batch = [];
    }
  }
  if (batch.length > 0) yield { table: 'persons', rows: batch, total };

  for (let i = 0; i < organizations.length; i += batchSize) {
    yield { table: 'organizations', rows: organizations.slice(i, i + batchSize), total };
  }

  for (let i = 0; i < roles.length; i += batchSize) {
    const rows = roles.slice(i, i + batchSize).map((r): SyntheticRoleAssignment => ({
      fromNumber: r.from.organizationNumber,
      toNumber: 'toOrganization' in r ? r.toOrganization.organizationNumber : personNumbers[r.toPerson]!,
      roleCode: r.roleCode,
    }));
    yield { table: 'roleAssignments', rows, total };
  }
}
