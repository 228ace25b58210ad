import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, errorsDocument } from './errors';

describe('docs/errors.md', () => {
  it('is the error registry as it is now (run `npm run docs:errors` after changing it)', () => {
    const committed = readFileSync(fileURLToPath(new URL('../../../docs/errors.md', import.meta.url)), 'utf8');
    expect(committed).toBe(errorsDocument());
  });

  it('lists every code once', () => {
    const doc = errorsDocument();
    for (const code of Object.keys(ERROR_CODES)) expect(doc.split(`| \`${code}\` |`)).toHaveLength(2);
  });
});
