import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { register } from 'tsx/cjs/api';
import { describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER, verifyBodySignature } from '@hub/kit';

const require = createRequire(import.meta.url);
// The setup hook requires the kit's TypeScript signing code, as it does in the benchmark (which runs under tsx).
register();

describe('the autocannon hooks', () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'hub-bench-hooks-')), 'variants.json');
  writeFileSync(
    file,
    JSON.stringify({
      variants: [0, 1, 2].map((i) => ({ headers: { authorization: `Bearer token-${i}` }, body: `{"n":${i}}` })),
      signWith: 'a-secret-of-at-least-thirty-two-characters',
      expect: ['{"ok":true}'],
    }),
  );
  process.env.HUB_BENCH_VARIANTS = file;

  it('gives each connection its own variant, signed, in turn', () => {
    const setupClient = require('./hooks/setup-client.cjs') as (client: unknown) => void;
    const given: { headers: Record<string, string>; body: string }[] = [];
    for (let i = 0; i < 4; i++) setupClient({ setHeadersAndBody: (headers: Record<string, string>, body: string) => given.push({ headers, body }) });
    expect(given.map((g) => g.headers.authorization)).toEqual(['Bearer token-0', 'Bearer token-1', 'Bearer token-2', 'Bearer token-0']);
    const [first] = given;
    expect(verifyBodySignature('a-secret-of-at-least-thirty-two-characters', first!.headers[SIGNATURE_HEADER], first!.body).ok).toBe(true);
  });

  it('counts an answer with other data than expected, or with errors, as a mismatch', () => {
    const verifyBody = require('./hooks/verify-body.cjs') as (body: string) => boolean;
    expect(verifyBody('{"data":{"ok":true}}')).toBe(true);
    expect(verifyBody('{"data":{"ok":false}}')).toBe(false);
    expect(verifyBody('{"data":{"ok":true},"errors":[]}')).toBe(false);
    expect(verifyBody('not json')).toBe(false);
  });
});
