/** The youngest a person may answer a consent request at (Altinn is for everyone over 15; younger ones' parents or guardians answer). */
export const MINIMUM_ANSWERING_AGE = 15;

/** Full years from `birthDate` (YYYY-MM-DD) to `now`, by the calendar in UTC; a 29 February birthday counts from 1 March in other years. */
export function ageOn(birthDate: string, now: Date): number {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const age = now.getUTCFullYear() - year;
  const hadBirthday = now.getUTCMonth() + 1 > month || (now.getUTCMonth() + 1 === month && now.getUTCDate() >= day);
  return hadBirthday ? age : age - 1;
}
