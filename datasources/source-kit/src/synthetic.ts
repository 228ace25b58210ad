import { createHash } from 'node:crypto';

/** Deterministic pseudo-random numbers from (code, subject, parameters): the same question always gets the same answer. */
export function syntheticDigits(code: string, subjectUrn: string, parameters: Record<string, unknown>) {
  const sorted = Object.fromEntries(Object.entries(parameters).sort(([a], [b]) => a.localeCompare(b)));
  const hash = createHash('sha256')
    .update(JSON.stringify([code, subjectUrn, sorted]))
    .digest();
  let i = 0;
  /** An integer in [min, max]. */
  const int = (min: number, max: number) => {
    const n = hash.readUInt32BE((i++ * 4) % 28);
    return min + (n % (max - min + 1));
  };
  return { int, bool: (percentTrue: number) => int(0, 99) < percentTrue };
}
