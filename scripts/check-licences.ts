import { execFileSync } from 'node:child_process';
import { defineCli, runWhenMain } from '@hub/db/cli';
import { z } from 'zod';

// Fails when a production dependency (what `npm ci --omit=dev` installs) is under a licence that is not
// permissive: the project is MIT, and whoever runs it must be free to. Dev-only tools (the benchmark's
// Apollo Gateway, say) are not shipped and not checked.

/** SPDX identifiers compatible with distributing the hub under MIT. */
export const PERMISSIVE = new Set([
  'MIT',
  'MIT-0',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'Apache-2.0',
  'BlueOak-1.0.0',
  'Unlicense',
  'CC0-1.0',
  'Python-2.0',
  'CC-BY-4.0',
]);

interface Pkg {
  name: string;
  version: string;
  location: string;
  license?: string | { type?: string };
  licenses?: { type?: string }[];
}

/** The SPDX expression a package declares (old `licenses` arrays too), or null when it names none. */
export function declaredLicence(p: Pkg): string | null {
  if (typeof p.license === 'string') return p.license;
  if (p.license?.type) return p.license.type;
  const types = (p.licenses ?? []).map((l) => l.type).filter(Boolean);
  return types.length ? types.join(' OR ') : null;
}

/** True when an SPDX expression allows permissive use: every AND term, and one OR alternative, permissive. */
export function isPermissive(expression: string): boolean {
  const expr = expression.replace(/[()]/g, ' ').trim();
  return expr.split(/\s+OR\s+/).some((alt) => alt.split(/\s+AND\s+/).every((term) => PERMISSIVE.has(term.trim())));
}

const USAGE = `Usage: npm run licences

Fails (exit 1) when a production dependency declares no licence or one that is not permissive.`;

export const licencesCli = defineCli({
  name: 'licences',
  usage: USAGE,
  args: z.object({}),
  run() {
    const packages = JSON.parse(execFileSync('npm', ['query', '*:not(.dev)'], { encoding: 'utf8', maxBuffer: 64 << 20 })) as Pkg[];
    const problems = packages.flatMap((p) => {
      const licence = declaredLicence(p);
      return licence && isPermissive(licence) ? [] : [`${p.name}@${p.version} (${p.location}): ${licence ?? 'no licence declared'}`];
    });
    if (problems.length) {
      console.error(`Production dependencies under a licence that is not permissive:\n${problems.join('\n')}`);
      return 1;
    }
    console.log(`licences: ${packages.length} production packages, all permissive`);
  },
});

runWhenMain(import.meta.url, licencesCli);
