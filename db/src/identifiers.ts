// Norwegian identifiers: national identity numbers (11 digits, two mod-11 control digits) and
// organisation numbers (9 digits, one mod-11 control digit).

const FNR_WEIGHTS_1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const FNR_WEIGHTS_2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
const ORGNR_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];

/** The mod-11 control digit for `digits` with `weights`, or null when none exists (remainder 1). */
export function mod11(digits: readonly number[], weights: readonly number[]): number | null {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += digits[i]! * weights[i]!;
  const control = (11 - (sum % 11)) % 11;
  return control === 10 ? null : control;
}

const toDigits = (s: string) => Array.from(s, Number);

export type IdentifierProblem = string;

/** Why `value` is not a valid national identity number, or null when it is. */
export function nationalIdentityNumberProblem(value: string): IdentifierProblem | null {
  if (!/^\d{11}$/.test(value)) return 'a national identity number has exactly 11 digits';
  const d = toDigits(value);
  const k1 = mod11(d, FNR_WEIGHTS_1);
  if (k1 === null || k1 !== d[9]) return 'the first control digit of the national identity number is wrong';
  const k2 = mod11(d, FNR_WEIGHTS_2);
  if (k2 === null || k2 !== d[10]) return 'the second control digit of the national identity number is wrong';
  if (birthDateOf(value) === null) return 'the national identity number does not encode a valid birth date';
  return null;
}

/** Why `value` is not a valid organisation number, or null when it is. */
export function organizationNumberProblem(value: string): IdentifierProblem | null {
  if (!/^\d{9}$/.test(value)) return 'an organisation number has exactly 9 digits';
  const d = toDigits(value);
  const k = mod11(d, ORGNR_WEIGHTS);
  if (k === null || k !== d[8]) return 'the control digit of the organisation number is wrong';
  return null;
}

/**
 * The birth date a national identity number encodes (ISO date), handling D-numbers (day + 40) and
 * synthetic test numbers (month + 80); null when the date does not exist.
 */
export function birthDateOf(fnr: string): string | null {
  let day = Number(fnr.slice(0, 2));
  let month = Number(fnr.slice(2, 4));
  const yy = Number(fnr.slice(4, 6));
  const individual = Number(fnr.slice(6, 9));
  if (day > 40) day -= 40;
  if (month > 80) month -= 80;
  else if (month > 40) month -= 40; // NAV's H-numbers
  let century: number;
  if (individual <= 499) century = 1900;
  else if (individual <= 749 && yy >= 54) century = 1800;
  else if (individual >= 900 && yy >= 40) century = 1900;
  else if (yy <= 39) century = 2000;
  else century = 1900;
  const year = century + yy;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * Completes 9 leading digits of a national identity number with its two control digits,
 * or returns null when no valid control digit exists for them.
 */
export function completeNationalIdentityNumber(first9: string): string | null {
  const d = toDigits(first9);
  const k1 = mod11(d, FNR_WEIGHTS_1);
  if (k1 === null) return null;
  const k2 = mod11([...d, k1], FNR_WEIGHTS_2);
  if (k2 === null) return null;
  return `${first9}${k1}${k2}`;
}

/** Completes 8 leading digits of an organisation number, or null when no control digit exists. */
export function completeOrganizationNumber(first8: string): string | null {
  const k = mod11(toDigits(first8), ORGNR_WEIGHTS);
  return k === null ? null : `${first8}${k}`;
}
