// Writes docs/errors.md from the error registry in subgraphs/kit/src/errors.ts (`npm run docs:errors`).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { errorsDocument } from '@hub/kit';

const target = fileURLToPath(new URL('../docs/errors.md', import.meta.url));
writeFileSync(target, errorsDocument());
console.log(`wrote ${target}`);
