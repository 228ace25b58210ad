import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEV_ROUTER_SECRET } from '@hub/kit';
import { PRODUCTION_OIDC_ENV } from '../support/issuers';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Everything production needs, so that each case leaves out or spoils exactly one setting. */
const GOOD: Record<string, string> = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://hub.test',
  ROUTER_SIGNING_SECRET: 'production-test-secret-'.padEnd(48, 'x'),
  KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  EVIDENCE_SKATTEETATEN_URL: 'https://skatteetaten.test',
  ...PRODUCTION_OIDC_ENV,
  PGLITE_DIR: 'memory://',
  PORT: '0',
  LOG_LEVEL: 'silent',
};

/** Runs an entry point as `npm start` / `npm run start:*` would, and returns how it ended. */
function run(entry: string, env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  const merged: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...GOOD, ...env };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: ROOT, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    // A process that started despite the bad setting would keep running: stop it, and the test fails on its code.
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const ENTRIES = {
  'npm start': 'scripts/start.ts',
  'start:router': 'router/src/main.ts',
  'start:parties': 'subgraphs/parties/src/main.ts',
  'start:roles': 'subgraphs/roles/src/main.ts',
  'start:delegations': 'subgraphs/delegations/src/main.ts',
  'start:consents': 'subgraphs/consents/src/main.ts',
  'start:evidence': 'subgraphs/evidence/src/main.ts',
} as const;

const CASES: [keyof typeof ENTRIES, string, Record<string, string | undefined>, RegExp][] = [
  ['npm start', 'without a key-encryption key', { KEY_ENCRYPTION_KEY: undefined }, /KEY_ENCRYPTION_KEY/],
  ['npm start', 'with the development signing secret', { ROUTER_SIGNING_SECRET: DEV_ROUTER_SECRET }, /ROUTER_SIGNING_SECRET/],
  ['start:router', 'without a signing secret', { ROUTER_SIGNING_SECRET: undefined }, /ROUTER_SIGNING_SECRET/],
  ['start:router', 'with a public URL that is not https', { PUBLIC_URL: 'http://hub.test' }, /PUBLIC_URL/],
  ['start:parties', 'with a signing secret shorter than 32 characters', { ROUTER_SIGNING_SECRET: 'short-secret' }, /ROUTER_SIGNING_SECRET/],
  ['start:roles', 'with the development signing secret', { ROUTER_SIGNING_SECRET: DEV_ROUTER_SECRET }, /ROUTER_SIGNING_SECRET/],
  ['start:delegations', 'without a public URL', { PUBLIC_URL: undefined }, /PUBLIC_URL/],
  ['start:consents', 'without a key-encryption key', { KEY_ENCRYPTION_KEY: undefined }, /KEY_ENCRYPTION_KEY/],
  ['start:evidence', 'with a malformed evidence setting', { EVIDENCE_SOURCE_TIMEOUT_MS: 'soon' }, /EVIDENCE_SOURCE_TIMEOUT_MS/],
  [
    'start:evidence',
    'without the tax administration’s service (the stand-in is for development)',
    { EVIDENCE_SKATTEETATEN_URL: undefined },
    /EVIDENCE_SKATTEETATEN_URL/,
  ],
  ['npm start', 'without the tax administration’s service', { EVIDENCE_SKATTEETATEN_URL: undefined }, /EVIDENCE_SKATTEETATEN_URL/],
  [
    'start:router',
    'without the pages’ OIDC provider (nobody could log in)',
    { OIDC_ISSUER: undefined, OIDC_CLIENT_ID: undefined, OIDC_CLIENT_SECRET: undefined, OIDC_REDIRECT_URL: undefined },
    /OIDC_ISSUER/,
  ],
  ['npm start', 'without the OIDC redirect URL', { OIDC_REDIRECT_URL: undefined }, /OIDC_REDIRECT_URL/],
  ['start:router', 'with an OIDC issuer that is not https', { OIDC_ISSUER: 'http://idporten.test' }, /OIDC_ISSUER/],
];

describe('production refuses to start half-configured', () => {
  it.each(CASES)('%s stops %s, naming the setting', { timeout: 60_000 }, async (script, _what, env, names) => {
    const { code, output } = await run(ENTRIES[script], env);
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(output).toMatch(names);
    // An operator's mistake, said plainly: no stack trace.
    expect(output).not.toMatch(/\n\s+at /);
  });
});
