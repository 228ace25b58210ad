import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The domain boundaries of eslint.config.js, shown on snippets linted as if they were files of the repository.
const root = resolve(import.meta.dirname, '..');
const DOMAINS = ['parties', 'roles', 'delegations', 'consents', 'evidence'] as const;

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: resolve(root, 'eslint.config.js') });
});

/** The no-restricted-imports messages for `code` as the file `path`. */
async function restricted(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const probe = 1;\n`, { filePath: resolve(root, path) });
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('domain boundaries', () => {
  it('refuses the evidence subgraph the consents tables it used to read, and allows the read API', async () => {
    const violation = await restricted(
      'subgraphs/evidence/src/accreditation/probe.ts',
      `import { consentRequests } from '@hub/db/consents';\nexport { consentRequests };`,
    );
    expect(violation).toEqual([
      expect.stringContaining('The consents domain owns these tables: read them through its read API, @hub/db/consents/read'),
    ]);
    expect(
      await restricted('subgraphs/evidence/src/accreditation/probe.ts', `import { statusOf } from '@hub/db/consents/read';\nexport { statusOf };`),
    ).toEqual([]);
  });

  it.each(DOMAINS)('lets the %s subgraph import its own tables and every read API, and no other domain’s tables', async (own) => {
    const file = `subgraphs/${own}/src/probe/probe.ts`;
    expect(await restricted(file, `import * as mine from '@hub/db/${own}';\nexport { mine };`)).toEqual([]);
    for (const other of DOMAINS.filter((d) => d !== own)) {
      expect(await restricted(file, `import * as theirs from '@hub/db/${other}';\nexport { theirs };`), other).toHaveLength(1);
      expect(await restricted(file, `import type { PartyRow } from '@hub/db/${other}';\nexport type { PartyRow };`), other).toHaveLength(1);
      if (other !== 'evidence') expect(await restricted(file, `import * as api from '@hub/db/${other}/read';\nexport { api };`), other).toEqual([]);
    }
  });

  it('keeps every table out of the kit, the authorization library’s decision point and the router', async () => {
    for (const file of ['subgraphs/kit/src/probe.ts', 'subgraphs/authz/src/decision/probe.ts', 'router/src/probe.ts']) {
      for (const domain of DOMAINS) expect(await restricted(file, `import * as t from '@hub/db/${domain}';\nexport { t };`), domain).toHaveLength(1);
      expect(
        await restricted(file, `import * as api from '@hub/db/roles/read';\nimport { isUuid } from '@hub/db';\nexport { api, isUuid };`),
      ).toEqual([]);
    }
  });

  it('lets the authorization library import the kit, and refuses the kit the authorization library (no cycle)', async () => {
    expect(await restricted('subgraphs/authz/src/probe.ts', `import { forbidden } from '@hub/kit';\nexport { forbidden };`)).toEqual([]);
    expect(await restricted('subgraphs/kit/src/probe.ts', `import { accessOf } from '@hub/authz';\nexport { accessOf };`)).toEqual([
      expect.stringContaining('the authorization library imports the kit, never the reverse'),
    ]);
  });

  it('refuses every table at once and a path into db/src to runtime code', async () => {
    const file = 'subgraphs/consents/src/probe.ts';
    expect(await restricted(file, `import { evidenceCodes } from '@hub/db/schema';\nexport { evidenceCodes };`)).toEqual([
      expect.stringContaining('seeds, migrations and tests only'),
    ]);
    expect(await restricted(file, `import { evidenceCodes } from '../../../db/src/schema/evidence';\nexport { evidenceCodes };`)).toEqual([
      expect.stringContaining('entry points of @hub/db'),
    ]);
  });

  it('lets tests and seeds use every table', async () => {
    const code = `import { consentRequests } from '@hub/db/consents';\nimport * as all from '@hub/db/schema';\nexport { all, consentRequests };`;
    expect(await restricted('subgraphs/authz/src/decision/probe.test.ts', code)).toEqual([]);
    expect(await restricted('test/probe.e2e.ts', code)).toEqual([]);
    expect(await restricted('db/src/seed/probe.ts', code)).toEqual([]);
  });
});
